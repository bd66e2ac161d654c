"""Challenges: goals on the figures a window shows live, the comparison ops, and locks.

A goal is ``figure op value``, e.g. "test loss <= 0.10" or "hidden units <= 4". The
window fills a flat ``figures`` dict from its current run with
:func:`figures_from` (the names are :data:`FIGURES`), and :func:`goal_states`
says which goals are reached. :func:`goals_from_figures` turns the current figures
into goals ("Save as lesson..."). A lesson also locks settings by their rule-book
names (:data:`~playground.core.settings.SETTINGS`) or ``data`` (painting and
regenerating points): :func:`check_locks`.
"""

from __future__ import annotations

import math
import operator
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from playground.core.config import ModelConfig
from playground.core.lesson_text import DEFAULT_LANGUAGE, texts_from
from playground.core.settings import SETTINGS

#: Comparison of a measured figure (left) with a target (right), by the name files use.
OPS: dict[str, Callable[[float, float], bool]] = {
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
    "==": operator.eq,
    "!=": operator.ne,
}
#: What a lesson can lock: every rule-book setting, and ``data`` (paint, erase, regenerate).
LOCKABLE: tuple[str, ...] = (*SETTINGS, "data")


@dataclass(frozen=True)
class Figure:
    """A figure a window shows live and a goal can name.

    Attributes
    ----------
    name : str
        Key in :data:`FIGURES` and in the dict :func:`figures_from` returns.
    labels : dict of str to str
        What it is called, per language.
    lower_is_better : bool
        The direction a goal made from it points (``<=`` when True, else ``>=``).
    whole : bool
        A count (a goal keeps its value as a whole number).
    """

    name: str
    labels: dict[str, str]
    lower_is_better: bool
    whole: bool = False


_FIGURES = (
    Figure("epoch", {"en": "epochs", "zh": "轮数"}, True, whole=True),
    Figure("train_loss", {"en": "training loss", "zh": "训练损失"}, True),
    Figure("test_loss", {"en": "test loss", "zh": "测试损失"}, True),
    Figure("train_accuracy", {"en": "training accuracy", "zh": "训练准确率"}, False),
    Figure("test_accuracy", {"en": "test accuracy", "zh": "测试准确率"}, False),
    Figure("loss_gap", {"en": "test minus training loss", "zh": "测试损失与训练损失之差"}, True),
    Figure("accuracy_gap", {"en": "training minus test accuracy", "zh": "训练与测试准确率之差"},
           True),
    Figure("hidden_units", {"en": "hidden units", "zh": "隐藏单元数"}, True, whole=True),
    Figure("layers", {"en": "hidden layers", "zh": "隐藏层数"}, True, whole=True),
    Figure("inputs", {"en": "input features", "zh": "输入特征数"}, True, whole=True),
    Figure("diverged", {"en": "diverged (1 yes, 0 no)", "zh": "是否发散（1 是，0 否）"}, True,
           whole=True),
)  # fmt: skip

#: Every figure :func:`figures_from` fills, by name (accuracies are R² for regression).
FIGURES: dict[str, Figure] = {f.name: f for f in _FIGURES}


def holds(value: float, op: str, target: float) -> bool:
    """Tell whether ``value op target`` is true; never for a NaN on either side.

    Parameters
    ----------
    value : float
        The measured figure.
    op : str
        A key of :data:`OPS`.
    target : float
        What it is compared with.

    Returns
    -------
    bool
        The comparison's result.

    Raises
    ------
    ValueError
        For an unknown op.
    """
    compare = OPS.get(op)
    if compare is None:
        raise ValueError(f"unknown op {op!r}; choose from {' '.join(OPS)}")
    if math.isnan(value) or math.isnan(target):
        return False
    return bool(compare(value, target))


def figures_from(
    model_config: ModelConfig,
    epoch: int,
    train_loss: float,
    test_loss: float,
    train_accuracy: float,
    test_accuracy: float,
    diverged: bool = False,
) -> dict[str, float]:
    """Fill every figure of :data:`FIGURES` from a run's settings and its last history row.

    Parameters
    ----------
    model_config : ModelConfig
        The run's architecture.
    epoch : int
        Epochs trained.
    train_loss, test_loss : float
        Full-set losses (NaN where there is no such set).
    train_accuracy, test_accuracy : float
        Accuracies, or R² for regression (NaN where there is no such set).
    diverged : bool
        Whether training has diverged.

    Returns
    -------
    dict of str to float
        One value per figure name; the gaps are NaN where a loss or accuracy is.
    """
    return {
        "epoch": float(epoch),
        "train_loss": float(train_loss),
        "test_loss": float(test_loss),
        "train_accuracy": float(train_accuracy),
        "test_accuracy": float(test_accuracy),
        "loss_gap": float(test_loss) - float(train_loss),
        "accuracy_gap": float(train_accuracy) - float(test_accuracy),
        "hidden_units": float(sum(model_config.hidden)),
        "layers": float(len(model_config.hidden)),
        "inputs": float(len(model_config.features)),
        "diverged": float(bool(diverged)),
    }


@dataclass(frozen=True)
class Goal:
    """One goal of a challenge: ``figure op value``.

    Attributes
    ----------
    measure : str
        A key of :data:`FIGURES`.
    op : str
        A key of :data:`OPS`.
    value : float
        The target.
    text : dict of str to str
        What the panel says, per language; :meth:`describe` words it when empty.
    """

    measure: str
    op: str
    value: float
    text: dict[str, str] = field(default_factory=dict, compare=False)

    def __post_init__(self) -> None:
        """Check the figure, the op and the value.

        Raises
        ------
        ValueError
            For an unknown figure or op, or a value that is not a finite number.
        """
        if self.measure not in FIGURES:
            raise ValueError(
                f"a goal's measure {self.measure!r} is not a figure; choose from "
                f"{', '.join(FIGURES)}"
            )
        if self.op not in OPS:
            raise ValueError(f"a goal's op {self.op!r} is unknown; choose from {' '.join(OPS)}")
        value = self.value
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not math.isfinite(value)
        ):
            raise ValueError(f"a goal's value must be a finite number, got {value!r}")
        object.__setattr__(self, "value", float(value))

    def describe(self, language: str = DEFAULT_LANGUAGE) -> str:
        """Return the goal's text in ``language``, or one worded from its figure and value."""
        if language in self.text:
            return self.text[language]
        figure = FIGURES[self.measure]
        label = figure.labels.get(language, figure.labels[DEFAULT_LANGUAGE])
        value = f"{int(self.value)}" if figure.whole else f"{self.value:g}"
        sign = {"<=": "≤", ">=": "≥", "!=": "≠", "==": "="}.get(self.op, self.op)
        return f"{label} {sign} {value}"

    def to_dict(self) -> dict[str, Any]:
        """Return the goal as JSON values (what lesson and session files hold)."""
        data: dict[str, Any] = {"measure": self.measure, "op": self.op, "value": self.value}
        if self.text:
            data["text"] = dict(self.text)
        return data

    @classmethod
    def from_dict(cls, data: Any) -> Goal:
        """Read a goal from :meth:`to_dict`'s JSON values.

        Raises
        ------
        ValueError
            For another shape, an unknown key, figure or op, or a bad value or text.
        """
        if not isinstance(data, dict):
            raise ValueError("a goal must be an object with measure, op and value")
        unknown = sorted(set(data) - {"measure", "op", "value", "text"})
        if unknown:
            raise ValueError(f"a goal has unknown key {unknown[0]!r}; use measure, op, value, text")
        for key in ("measure", "op", "value"):
            if key not in data:
                raise ValueError(f"a goal needs {key!r}")
        if not isinstance(data["measure"], str) or not isinstance(data["op"], str):
            raise ValueError("a goal's measure and op must be names")
        text = texts_from(data["text"], "a goal's text", complete=False) if "text" in data else {}
        return cls(data["measure"], data["op"], data["value"], text)


@dataclass(frozen=True)
class GoalState:
    """Where a goal stands.

    Attributes
    ----------
    goal : Goal
        The goal.
    value : float or None
        The figure now (None when the figures lack it).
    reached : bool
        Whether ``value op goal.value`` holds.
    """

    goal: Goal
    value: float | None
    reached: bool


def goal_states(goals: Iterable[Goal], figures: Mapping[str, float]) -> tuple[GoalState, ...]:
    """Say for every goal whether the current figures reach it.

    Parameters
    ----------
    goals : iterable of Goal
        The challenge's goals.
    figures : mapping of str to float
        The run's figures, as :func:`figures_from` fills them.

    Returns
    -------
    tuple of GoalState
        One per goal, in order; a figure that is missing or NaN reaches nothing.
    """
    states = []
    for goal in goals:
        value = figures.get(goal.measure)
        reached = value is not None and holds(float(value), goal.op, goal.value)
        states.append(GoalState(goal, None if value is None else float(value), reached))
    return tuple(states)


def _rounded(value: float, up: bool) -> float:
    """``value`` to 3 significant digits, rounded up or down so the goal still holds."""
    if value == 0.0:
        return 0.0
    step = 10.0 ** (math.floor(math.log10(abs(value))) - 2)
    steps = round(value / step, 6)  # 0.1 / 0.001 is 100.00000000000001: still 100 steps
    rounded = (math.ceil if up else math.floor)(steps) * step
    return float(f"{rounded:.12g}")


def goals_from_figures(figures: Mapping[str, float], names: Iterable[str]) -> tuple[Goal, ...]:
    """Make goals the current figures reach: ``loss <= now``, ``accuracy >= now``.

    Parameters
    ----------
    figures : mapping of str to float
        The current run's figures (see :func:`figures_from`).
    names : iterable of str
        The figures to make goals of, keys of :data:`FIGURES`.

    Returns
    -------
    tuple of Goal
        One per name: ``<=`` where lower is better, else ``>=``, with the value
        rounded to 3 significant digits in the direction that keeps it reached
        (counts stay whole).

    Raises
    ------
    ValueError
        For an unknown name, or a figure that is missing or not finite.
    """
    goals = []
    for name in names:
        figure = FIGURES.get(name)
        if figure is None:
            raise ValueError(f"no figure {name!r}; choose from {', '.join(FIGURES)}")
        value = figures.get(name)
        if value is None or not math.isfinite(value):
            raise ValueError(f"the {figure.labels[DEFAULT_LANGUAGE]} has no value to aim for yet")
        op = "<=" if figure.lower_is_better else ">="
        target = float(round(value)) if figure.whole else _rounded(value, figure.lower_is_better)
        goals.append(Goal(name, op, target))
    return tuple(goals)


def check_locks(names: Any, where: str = "locks") -> tuple[str, ...]:
    """Check a list of settings to lock: names of :data:`LOCKABLE`, none twice.

    Parameters
    ----------
    names : object
        The value as JSON gives it.
    where : str
        What holds the list, for messages.

    Returns
    -------
    tuple of str
        The names, in order.

    Raises
    ------
    ValueError
        For another type, a name of no setting (the message lists them), or one twice.
    """
    if not isinstance(names, list | tuple) or not all(isinstance(n, str) for n in names):
        raise ValueError(f"{where} must be a list of setting names")
    for name in names:
        if name not in LOCKABLE:
            raise ValueError(
                f"{where}: {name!r} names no setting; choose from {', '.join(LOCKABLE)}"
            )
    if len(set(names)) != len(names):
        raise ValueError(f"{where}: a setting is listed twice")
    return tuple(names)
