"""The rule book: every model and training setting, its limits, and the one check that uses them.

:data:`SETTINGS` holds one :class:`Setting` per field of
:class:`~playground.core.config.ModelConfig` and
:class:`~playground.core.config.TrainConfig`, in the spirit of TensorFlow
Playground's ``State.PROPS`` and scikit-learn's ``_parameter_constraints``: its
type, its range or its choices (the keys of the name -> implementation tables),
its default, whether a change applies live or resets the network, a one-line
help text, its command-line flag and, where the window offers less than the
engine accepts, the window's limit.

:func:`validate` checks a model and a training configuration against the table
and the rules that tie settings together (one activation per hidden layer, a
loss that fits the task, a class count the task allows). The settings objects
call it when they are made, so every ``ModelConfig`` and ``TrainConfig`` in the
program is valid; the file readers and the command line get the same messages.
:func:`training_data_problem` is the one rule for data that can be trained on.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, cast

import numpy as np

from playground.core.activations import ACTIVATIONS
from playground.core.features import FEATURES
from playground.core.initializers import INITIALIZERS
from playground.core.losses import LOSSES, losses_for
from playground.core.optimizers import OPTIMIZERS

if TYPE_CHECKING:
    from playground.core.config import ModelConfig, TrainConfig
    from playground.core.datasets import Dataset

TASKS: tuple[str, ...] = ("binary", "multiclass", "regression")
MAX_CLASSES = 8
#: Most units in one layer, and most hidden layers, that a network may have.
MAX_UNITS = 1024
MAX_HIDDEN_LAYERS = 32
#: What the window's network diagram offers: fewer, so that every unit stays visible.
GUI_MAX_UNITS = 256
GUI_MAX_HIDDEN_LAYERS = 12
#: The loss choice that follows the task (:data:`DEFAULT_LOSS`) instead of naming a loss.
AUTO_LOSS = "auto"
#: The loss used for each task unless the user picks another one.
DEFAULT_LOSS: dict[str, str] = {
    "binary": "binary_cross_entropy",
    "multiclass": "cross_entropy",
    "regression": "mse",
}
#: Longest quotation of a bad value in an error message, in characters.
MAX_QUOTED = 200

Kind = type[str] | type[int] | type[float] | type[bool]


@dataclass(frozen=True)
class Setting:
    """One setting: what it holds, its limits, its default and how it takes effect.

    Attributes
    ----------
    name : str
        Field of :class:`~playground.core.config.ModelConfig` (``applies == "reset"``)
        or :class:`~playground.core.config.TrainConfig` (``applies == "live"``).
    kind : type
        ``str``, ``int``, ``float`` or ``bool``: the type of the value, or of each
        item when ``many``.
    default : object
        The value a new configuration gets.
    label : str
        What messages call it, e.g. ``learning rate``.
    help : str
        One line for tooltips and ``--help``.
    applies : {"live", "reset"}
        ``live``: training goes on with the new value at the next step;
        ``reset``: the network gets fresh weights.
    flag : str or None
        The ``train`` command's option, e.g. ``--lr``.
    choices : tuple of str, optional
        The allowed names (a table's keys), for ``str`` settings.
    low, high : float, optional
        Bounds of a number (of each item when ``many``).
    low_open, high_open : bool
        True where the bound itself is excluded.
    many : bool
        A tuple of values rather than one.
    distinct : bool
        No item of the tuple may appear twice.
    min_items, max_items : int, optional
        Bounds on the tuple's length.
    unit : str
        What each item counts, for messages (``unit`` for hidden layer widths).
    gui_max : float, optional
        The window's largest value (of each item), where it allows less than ``high``.
    gui_max_items : int, optional
        The window's longest tuple, where it allows less than ``max_items``.
    """

    name: str
    kind: Kind
    default: object
    label: str
    help: str
    applies: Literal["live", "reset"]
    flag: str | None = None
    choices: tuple[str, ...] | None = None
    low: float | None = None
    high: float | None = None
    low_open: bool = False
    high_open: bool = False
    many: bool = False
    distinct: bool = False
    min_items: int | None = None
    max_items: int | None = None
    unit: str = ""
    gui_max: float | None = None
    gui_max_items: int | None = None

    @property
    def key(self) -> str | None:
        """The flag without its dashes (``lr``, ``batch``), as ``--compare`` names settings."""
        return None if self.flag is None else self.flag.lstrip("-")

    def problem(self, value: object) -> str | None:
        """Say what is wrong with ``value`` for this setting alone, or return None.

        Parameters
        ----------
        value : object
            A candidate value: a tuple (or other sequence) when ``many``.

        Returns
        -------
        str or None
            A message naming the setting and the bad value.
        """
        if not self.many:
            return self._item_problem(value)
        if isinstance(value, str) or not isinstance(value, Sequence | np.ndarray):
            return f"{self.label}s must be a list, got {quote(value)}"
        if self.max_items is not None and len(value) > self.max_items:
            return f"a network has at most {self.max_items} {self.label}s, got {quote(list(value))}"
        if self.min_items is not None and len(value) < self.min_items:
            count = "one" if self.min_items == 1 else str(self.min_items)
            return f"at least {count} {self.label} is needed"
        for item in value:
            problem = self._item_problem(item)
            if problem is not None:
                if self.choices is not None and isinstance(item, str):
                    choices = ", ".join(self.choices)
                    return f"unknown {self.name} entry {quote(item)}; choose from {choices}"
                return problem
        if self.distinct and len(set(value)) != len(value):
            twice = next(v for i, v in enumerate(value) if v in value[:i])
            return f"{self.label} {quote(twice)} is listed twice"
        return None

    def _item_problem(self, value: object) -> str | None:
        """Say what is wrong with one value (one item of a tuple), or return None."""
        if self.kind is bool:
            ok = isinstance(value, bool | np.bool_)
            return None if ok else f"{self.label} must be True or False, got {quote(value)}"
        if self.kind is str:
            if not isinstance(value, str):
                return f"{self.label} must be a name, got {quote(value)}"
            if self.choices is not None and value not in self.choices:
                return f"unknown {self.label} {quote(value)}; choose from {', '.join(self.choices)}"
            return None
        if isinstance(value, bool | np.bool_):
            return f"{self.label} must be a number, got {quote(value)}"
        if self.kind is int and not isinstance(value, numbers.Integral):
            return f"{self.label} must be a whole number, got {quote(value)}"
        if not isinstance(value, numbers.Real) or not math.isfinite(value):
            return f"{self.label} must be a finite number, got {quote(value)}"
        return self._range_problem(cast(float, value))

    def _range_problem(self, value: float) -> str | None:
        """Word the problem of a number outside ``low``..``high``, or return None."""
        low, high = self.low, self.high
        below = low is not None and (value <= low if self.low_open else value < low)
        above = high is not None and (value >= high if self.high_open else value > high)
        if not (below or above):
            return None
        if self.many:  # hidden layer widths: whole numbers from 1
            if below:
                return f"every {self.label} needs at least one {self.unit}"
            return f"a {self.label} has at most {high:g} {self.unit}s, got {value}"
        if low is not None and high is not None:
            interval = (
                f"{'(' if self.low_open else '['}{low:g}, {high:g}{')' if self.high_open else ']'}"
            )
            return f"{self.label} must be in {interval}, got {value}"
        if low == 0 and not self.low_open:
            return f"{self.label} cannot be negative, got {value}"
        return f"{self.label} must be at least {low:g}, got {value}"


SETTINGS: dict[str, Setting] = {
    s.name: s
    for s in (
        # Model settings: a change gives the network fresh weights.
        Setting("features", str, ("x1", "x2"), "input feature",
                "The inputs computed from each point (x1, x2, x1², sin x1, ...).",
                "reset", "--features", tuple(FEATURES), many=True, distinct=True, min_items=1),
        Setting("hidden", int, (4, 2), "hidden layer",
                "Units in each hidden layer, first to last (none for a linear model).",
                "reset", "--hidden", low=1, high=MAX_UNITS, many=True,
                max_items=MAX_HIDDEN_LAYERS, unit="unit", gui_max=GUI_MAX_UNITS,
                gui_max_items=GUI_MAX_HIDDEN_LAYERS),
        Setting("activations", str, ("tanh", "tanh"), "activation",
                "The function each hidden layer applies, one per layer.",
                "reset", "--activation", tuple(ACTIVATIONS), many=True),
        Setting("task", str, "binary", "task",
                "What the network predicts: two classes, up to eight, or a number.",
                "reset", "--task", TASKS),
        Setting("n_classes", int, 2, "class count",
                "Classes the output layer tells apart (2 for binary; ignored for regression).",
                "reset", None, low=2, high=MAX_CLASSES),
        Setting("loss", str, DEFAULT_LOSS["binary"], "loss",
                "What training minimises; it fixes the output activation.",
                "reset", "--loss", tuple(LOSSES)),
        Setting("init", str, "xavier_uniform", "initialiser",
                "How the first weights are drawn.", "reset", "--init", tuple(INITIALIZERS)),
        Setting("bias_init", float, 0.0, "initial bias",
                "The value every bias starts from.", "reset", "--bias-init"),
        Setting("seed", int, 0, "seed",
                "Seed of the first weights and of the mini-batch order.",
                "reset", "--seed", low=0, gui_max=2**31 - 1),
        # Training settings: training goes on with the new value at the next step.
        Setting("optimizer", str, "sgd", "optimizer",
                "How gradients become weight changes.", "live", "--optimizer", tuple(OPTIMIZERS)),
        Setting("learning_rate", float, 0.03, "learning rate",
                "Step size of each weight change.", "live", "--lr", low=0.0, high=1e3,
                low_open=True),
        Setting("batch_size", int, 10, "batch size",
                "Points per weight change (at most the training points).",
                "live", "--batch", low=1, gui_max=1000),
        Setting("l1", float, 0.0, "L1 penalty rate",
                "Pulls every weight towards zero by a constant amount (not the biases).",
                "live", "--l1", low=0.0),
        Setting("l2", float, 0.0, "L2 penalty rate",
                "Shrinks every weight in proportion to its size (not the biases).",
                "live", "--l2", low=0.0),
        Setting("momentum", float, 0.9, "momentum",
                "Share of the last step kept in the next (momentum optimizer).",
                "live", "--momentum", low=0.0, high=1.0, high_open=True, gui_max=0.999),
        Setting("nesterov", bool, False, "nesterov",
                "Nesterov's variant of momentum: the gradient is taken a step ahead.",
                "live", "--nesterov"),
    )
}  # fmt: skip

MODEL_SETTINGS: tuple[Setting, ...] = tuple(s for s in SETTINGS.values() if s.applies == "reset")
TRAIN_SETTINGS: tuple[Setting, ...] = tuple(s for s in SETTINGS.values() if s.applies == "live")


def default(name: str) -> Any:
    """Return the default value of setting ``name`` (a field default of the settings objects)."""
    return SETTINGS[name].default


def shorten(text: object, limit: int = MAX_QUOTED) -> str:
    """Return ``str(text)`` cut to at most ``limit`` characters, ending in ``...`` where cut."""
    text = str(text)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def quote(value: object, limit: int = MAX_QUOTED) -> str:
    """Return ``repr(value)`` cut like :func:`shorten`, for quoting a bad value in a message."""
    return shorten(repr(value), limit)


def resolve_loss(choice: str, task: str) -> str:
    """Return the loss that ``choice`` names for ``task``: :data:`AUTO_LOSS` means the default."""
    return DEFAULT_LOSS[task] if choice == AUTO_LOSS else choice


def model_problem(config: ModelConfig) -> str | None:
    """Say what makes ``config`` invalid, or return None.

    Each setting is checked against its table entry in table order, then the
    rules that tie settings together.

    Parameters
    ----------
    config : ModelConfig

    Returns
    -------
    str or None
        The first problem found, worded for the user.
    """
    for setting in MODEL_SETTINGS:
        if setting.name == "n_classes" and config.task not in TASKS[:2]:
            continue  # a regression model has no classes to count
        problem = setting.problem(getattr(config, setting.name))
        if problem is not None:
            if setting.name == "n_classes" and isinstance(config.n_classes, numbers.Integral):
                return f"a {config.task} model cannot have {config.n_classes} classes"
            return problem
    if len(config.hidden) != len(config.activations):
        return f"{len(config.hidden)} hidden layers but {len(config.activations)} activations"
    if config.task == "binary" and config.n_classes != 2:
        return f"a binary model cannot have {config.n_classes} classes"
    if config.task not in LOSSES[config.loss].tasks:
        return (
            f"loss {config.loss!r} does not fit a {config.task} task; "
            f"use one of {', '.join(losses_for(config.task))}"
        )
    return None


def train_problem(config: TrainConfig) -> str | None:
    """Say what makes ``config`` invalid, or return None.

    Parameters
    ----------
    config : TrainConfig

    Returns
    -------
    str or None
        The first problem found, worded for the user.
    """
    for setting in TRAIN_SETTINGS:
        problem = setting.problem(getattr(config, setting.name))
        if problem is not None:
            return problem
    return None


def validate(model_config: ModelConfig | None, train_config: TrainConfig | None = None) -> None:
    """Check settings against :data:`SETTINGS` and the rules between them.

    Parameters
    ----------
    model_config : ModelConfig or None
        Architecture and initialisation to check (None to skip).
    train_config : TrainConfig, optional
        Training settings to check.

    Raises
    ------
    ValueError
        Naming the first broken rule, model settings first.
    """
    problem = None if model_config is None else model_problem(model_config)
    if problem is None and train_config is not None:
        problem = train_problem(train_config)
    if problem is not None:
        raise ValueError(problem)


def training_data_problem(dataset: Dataset) -> str | None:
    """Say why ``dataset`` cannot be trained on, or return None.

    Parameters
    ----------
    dataset : Dataset
        Points with their train/test assignment.

    Returns
    -------
    str or None
        A sentence for the user when there are no training points, or when a
        classifier's training points are all of one class.
    """
    if not np.any(~dataset.is_test):
        return "There are no training points: draw some or pick a preset."
    if dataset.task != "regression" and len(np.unique(dataset.train_y)) < 2:
        return "The training points are all one class: add points of another class."
    return None
