"""The settings a comparison can vary: one table of keys, aliases, parsers and appliers.

:data:`COMPARE_KEYS` maps each canonical key (``activation``, ``lr``, ``hidden``,
...) to a :class:`CompareKey`: its aliases, its help, the parser of one run's value
(the one the single-run setting uses, :mod:`playground.core.settings_text`) and how
the value goes into the run's settings, which the settings objects themselves check
(:class:`ModelConfig`, :class:`TrainConfig`), so a comparison accepts exactly what
one run accepts. :mod:`playground.core.compare` builds specs from them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from playground.core.activations import ACTIVATIONS
from playground.core.config import ModelConfig, TrainConfig
from playground.core.features import parse_features
from playground.core.fileio import quote
from playground.core.initializers import INITIALIZERS
from playground.core.optimizers import OPTIMIZERS
from playground.core.settings_text import (
    check_seed,
    parse_activations,
    parse_choice,
    parse_hidden,
    parse_integer,
    parse_number,
)

#: Fewest and most runs in one comparison.
MIN_RUNS, MAX_RUNS = 2, 4
#: Always separates runs; a comma does too for keys whose values hold none.
RUN_SEPARATOR = "/"

Configs = tuple[ModelConfig, TrainConfig]
T = TypeVar("T")


@dataclass(frozen=True)
class CompareKey:
    """One setting a comparison can vary.

    Attributes
    ----------
    name : str
        The canonical key, as labels show it.
    aliases : tuple of str
        Other keys accepted for it.
    help : str
        What a value is, with an example.
    parse : callable
        ``parse(text)`` reads one run's value; :class:`ValueError` when it is bad. Two
        values that parse equal are the same setting.
    apply : callable
        ``apply(value, model, train)`` returns the settings with the value in place;
        :class:`ValueError` when the value does not fit them.
    lists : bool
        A value holds commas, so only :data:`RUN_SEPARATOR` separates runs.
    """

    name: str
    aliases: tuple[str, ...]
    help: str
    parse: Callable[[str], Any] = field(repr=False)
    apply: Callable[[Any, ModelConfig, TrainConfig], Configs] = field(repr=False)
    lists: bool = False


def _key(
    name: str,
    aliases: tuple[str, ...],
    help: str,
    parse: Callable[[str], T],
    apply: Callable[[T, ModelConfig, TrainConfig], Configs],
    lists: bool = False,
) -> CompareKey:
    """Make a :class:`CompareKey` whose parser and applier agree on the value's type."""
    return CompareKey(name, aliases, help, parse, apply, lists)


# -- values -------------------------------------------------------------------------------
def _train_number(field_name: str, text: str, name: str) -> float:
    value = parse_number(text, name)
    TrainConfig().with_changes(**{field_name: value})  # the settings object's range check
    return value


def _batch(text: str) -> int:
    value = parse_integer(text, "batch")
    TrainConfig(batch_size=value)
    return value


def _activations(text: str) -> str:
    names = parse_activations(text, text.count(",") + 1, "activation")
    return ",".join(names)


def _hidden(text: str) -> tuple[int, ...]:
    # Widths within one run may be separated by "x" (8x8) as well as by commas.
    return parse_hidden(text.lower().replace("x", ","), "hidden")


# -- how each value applies ---------------------------------------------------------------
def _set_activations(value: str, model: ModelConfig, train: TrainConfig) -> Configs:
    if not model.hidden:
        raise ValueError(
            "the network has no hidden layer, so there is no activation to compare; "
            "give it a hidden layer first"
        )
    names = parse_activations(value, len(model.hidden), "activation")
    return model.with_changes(activations=names), train


def _set_hidden(value: tuple[int, ...], model: ModelConfig, train: TrainConfig) -> Configs:
    names = set(model.activations)
    if len(value) == len(model.hidden):
        activations = model.activations
    elif len(names) <= 1:
        # Every layer shares one activation (the default one when there is no layer yet).
        name = model.activations[0] if model.activations else ModelConfig().activations[0]
        activations = (name,) * len(value)
    else:
        raise ValueError(
            f"the hidden layers have different activations ({', '.join(model.activations)}), "
            f"which cannot be carried over to {len(value)} layer{'s' * (len(value) != 1)}; "
            "use one activation for all"
        )
    return model.with_changes(hidden=value, activations=activations), train


def _set_momentum(value: float, model: ModelConfig, train: TrainConfig) -> Configs:
    if not OPTIMIZERS[train.optimizer].uses_momentum:
        users = [name for name, cls in OPTIMIZERS.items() if cls.uses_momentum]
        raise ValueError(
            f"the {train.optimizer} optimizer does not use momentum; "
            f"choose the {' or '.join(users)} optimizer"
        )
    return model, train.with_changes(momentum=value)


def _model_field(field_name: str) -> Callable[[Any, ModelConfig, TrainConfig], Configs]:
    def apply(value: Any, model: ModelConfig, train: TrainConfig) -> Configs:
        return model.with_changes(**{field_name: value}), train

    return apply


def _train_field(field_name: str) -> Callable[[Any, ModelConfig, TrainConfig], Configs]:
    def apply(value: Any, model: ModelConfig, train: TrainConfig) -> Configs:
        return model, train.with_changes(**{field_name: value})

    return apply


_KEYS = (
    _key(
        "activation",
        ("activations", "act"),
        f"the activation of every hidden layer, one of {', '.join(ACTIVATIONS)}",
        _activations,
        _set_activations,
    ),
    _key(
        "init",
        ("initializer", "initialiser", "initialization", "initialisation"),
        f"the weight initialiser, one of {', '.join(INITIALIZERS)}",
        lambda text: parse_choice(text, INITIALIZERS, "initialiser"),
        _model_field("init"),
    ),
    _key(
        "lr",
        ("learning_rate", "rate"),
        "the learning rate, a number in (0, 1000], e.g. lr=0.03,3",
        lambda text: _train_number("learning_rate", text, "lr"),
        _train_field("learning_rate"),
    ),
    _key(
        "optimizer",
        ("optimiser", "opt"),
        f"the optimizer, one of {', '.join(OPTIMIZERS)}",
        lambda text: parse_choice(text, OPTIMIZERS, "optimizer"),
        _train_field("optimizer"),
    ),
    _key(
        "hidden",
        ("layers",),
        "hidden layer widths, runs separated by /, e.g. hidden=8,8/4 or hidden=8x8/4/none",
        _hidden,
        _set_hidden,
        lists=True,
    ),
    _key(
        "features",
        ("feature", "inputs"),
        "input features, runs separated by /, e.g. features=x1,x2/x1,x2,x1x2",
        parse_features,
        _model_field("features"),
        lists=True,
    ),
    _key(
        "l1",
        (),
        "the L1 penalty rate, 0 or more",
        lambda text: _train_number("l1", text, "l1"),
        _train_field("l1"),
    ),
    _key(
        "l2",
        (),
        "the L2 penalty rate, 0 or more",
        lambda text: _train_number("l2", text, "l2"),
        _train_field("l2"),
    ),
    _key(
        "batch",
        ("batch_size",),
        "the mini-batch size, 1 or more",
        _batch,
        _train_field("batch_size"),
    ),
    _key(
        "seed",
        (),
        "the seed of the weights and the mini-batch shuffle, 0 or more (the data keep theirs)",
        lambda text: check_seed(parse_integer(text, "seed"), "seed"),
        _model_field("seed"),
    ),
    _key(
        "momentum",
        (),
        "the momentum coefficient in [0, 1), for the momentum optimizer",
        lambda text: _train_number("momentum", text, "momentum"),
        _set_momentum,
    ),
    _key(
        "bias_init",
        ("bias",),
        "the initial value of every bias, a number",
        lambda text: parse_number(text, "bias_init"),
        _model_field("bias_init"),
    ),
)

#: Canonical key -> the setting it varies; :func:`compare_key` also takes the aliases.
COMPARE_KEYS: dict[str, CompareKey] = {key.name: key for key in _KEYS}
#: Every accepted key (canonical ones and aliases) -> its canonical key.
KEY_NAMES: dict[str, str] = {name: key.name for key in _KEYS for name in (key.name, *key.aliases)}


def compare_key(name: str) -> CompareKey:
    """Look up the setting a comparison varies by its key or an alias.

    Parameters
    ----------
    name : str
        A canonical key of :data:`COMPARE_KEYS` or an alias of one, e.g. ``"lr"`` or
        ``"learning-rate"``; blanks around it and case do not matter, and ``-``
        reads as ``_``.

    Returns
    -------
    CompareKey
        The setting, under its canonical name.

    Raises
    ------
    ValueError
        For an unknown key; the message lists the canonical keys.
    """
    canonical = KEY_NAMES.get(name.strip().lower().replace("-", "_"))
    if canonical is None:
        raise ValueError(
            f"cannot compare {quote(name.strip())}; choose from {', '.join(COMPARE_KEYS)}"
        )
    return COMPARE_KEYS[canonical]
