"""Lesson JSON values: objects of known keys, numbers in range, the data and the settings.

:func:`data_spec` reads a lesson's points (a preset or written-out points),
:func:`model_config` and :func:`train_config` its settings by their rule-book
names (:data:`~playground.core.settings.SETTINGS`): each value is checked
against its entry first, so the message names the key, then by the settings
objects themselves. Every problem raises :class:`ValueError` naming where in the
file it is (``model.hidden``, ``variants[0].data.points``).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from playground.core.config import DEFAULT_LOSS, ModelConfig, TrainConfig
from playground.core.datasets import MAX_POINTS, MAX_TEST_RATIO
from playground.core.fileio import quote
from playground.core.lesson_types import DataSpec
from playground.core.presets import PRESETS
from playground.core.settings import MODEL_SETTINGS, SETTINGS, TRAIN_SETTINGS

#: Model settings a lesson may set; the task and the class count follow the data.
MODEL_KEYS = tuple(s.name for s in MODEL_SETTINGS if s.name not in ("task", "n_classes"))
TRAIN_KEYS = tuple(s.name for s in TRAIN_SETTINGS)
PRESET_KEYS = ("preset", "points", "noise", "seed", "test_ratio", "options")
POINT_KEYS = ("x", "y", "task", "test", "seed", "test_ratio")


def keys_of(obj: Any, allowed: tuple[str, ...], where: str) -> dict[str, Any]:
    """Return ``obj`` checked to be an object whose keys are all in ``allowed``."""
    if not isinstance(obj, dict):
        raise ValueError(f"{where} must be a JSON object")
    for key in obj:
        if key not in allowed:
            raise ValueError(f"{where} has unknown key {key!r}; use {', '.join(allowed)}")
    return obj


def number(obj: dict[str, Any], key: str, where: str, default: float) -> float:
    """Return ``obj[key]`` (``default`` when absent) checked to be a finite number."""
    value = obj.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ValueError(f"{where}.{key} must be a finite number, got {quote(value)}")
    return float(value)


def integer(obj: dict[str, Any], key: str, where: str, default: int, low: int, high: int) -> int:
    """Return ``obj[key]`` (``default`` when absent) checked to be a whole number in low..high."""
    value = obj.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ValueError(
            f"{where}.{key} must be a whole number in {low}..{high}, got {quote(value)}"
        )
    return value


# -- data ----------------------------------------------------------------------------------
def data_spec(obj: Any, where: str = "data") -> DataSpec:
    """Read a lesson's data: ``{"preset", "points", "noise", "seed", "test_ratio", "options"}``.

    Written-out points replace the preset: ``{"x": [[x1, x2], ...], "y": [...]}`` with
    optional ``task`` (``"regression"`` for whole-number targets), ``test`` (one
    boolean per point) or ``test_ratio``, and ``seed``.

    Parameters
    ----------
    obj : object
        The value as JSON gives it.
    where : str
        Its place in the file, for messages.

    Returns
    -------
    DataSpec
        Checked, including the preset's options and the point count.

    Raises
    ------
    ValueError
        Naming the key at fault.
    """
    if isinstance(obj, dict) and "x" in obj:
        return _points_spec(keys_of(obj, POINT_KEYS, where), where)
    obj = keys_of(obj, PRESET_KEYS, where)
    preset = obj.get("preset")
    if preset not in PRESETS:
        raise ValueError(f"{where}.preset must be one of {', '.join(PRESETS)}, got {quote(preset)}")
    options = obj.get("options", {})
    if not isinstance(options, dict):
        raise ValueError(f'{where}.options must be an object such as {{"arms": 3}}')
    try:
        resolved = PRESETS[preset].resolve_options(options)
    except ValueError as exc:
        raise ValueError(f"{where}.options: {exc}") from None
    return DataSpec(
        preset=preset,
        points=integer(obj, "points", where, 200, 1, MAX_POINTS),
        noise=_fraction(obj, "noise", where, 0.0, 1.0),
        seed=integer(obj, "seed", where, 0, 0, 2**31 - 1),
        test_ratio=_fraction(obj, "test_ratio", where, 0.5, MAX_TEST_RATIO),
        options=resolved,
    )


def _fraction(obj: dict[str, Any], key: str, where: str, default: float, high: float) -> float:
    value = number(obj, key, where, default)
    if not 0.0 <= value <= high:
        raise ValueError(f"{where}.{key} must be in [0, {high:g}], got {value:g}")
    return value


def _points_spec(obj: dict[str, Any], where: str) -> DataSpec:
    x, y = obj["x"], obj.get("y")
    if not isinstance(x, list) or not isinstance(y, list) or len(x) != len(y):
        raise ValueError(f"{where}.x and {where}.y must be lists of the same length")
    if not 1 <= len(x) <= MAX_POINTS:
        raise ValueError(f"{where}.x must hold 1..{MAX_POINTS} points, got {len(x)}")
    if not all(isinstance(p, list) and len(p) == 2 for p in x):
        raise ValueError(f"{where}.x must be a list of [x1, x2] pairs")
    xs, ys = _finite(x, f"{where}.x"), _finite(y, f"{where}.y")
    task = obj.get("task")
    if task not in (None, "regression"):
        raise ValueError(f'{where}.task may only be "regression"; classes follow {where}.y')
    test = obj.get("test")
    flags = None
    if test is not None:
        if (
            not isinstance(test, list)
            or len(test) != len(x)
            or not all(isinstance(t, bool) for t in test)
        ):
            raise ValueError(f"{where}.test must be one true/false per point")
        flags = np.array(test, dtype=bool)
    spec = DataSpec(
        preset=None,
        seed=integer(obj, "seed", where, 0, 0, 2**31 - 1),
        test_ratio=_fraction(obj, "test_ratio", where, 0.0 if flags is not None else 0.5,
                             MAX_TEST_RATIO),
        x=xs.reshape(-1, 2), y=ys, task=task, is_test=flags,
    )  # fmt: skip
    try:
        spec.make()
    except ValueError as exc:
        raise ValueError(f"{where}: {exc}") from None
    return spec


def _finite(values: list[Any], where: str) -> np.ndarray[Any, np.dtype[np.float64]]:
    flat = [v for p in values for v in p] if values and isinstance(values[0], list) else values
    if not all(isinstance(v, int | float) and not isinstance(v, bool) for v in flat):
        raise ValueError(f"{where} must hold numbers only")
    array = np.array(flat, dtype=np.float64)
    if not np.all(np.isfinite(array)):
        raise ValueError(f"{where} must hold finite numbers")
    return array


# -- settings ------------------------------------------------------------------------------
def _setting_values(obj: Any, allowed: tuple[str, ...], where: str) -> dict[str, Any]:
    """Check each setting against its rule-book entry; lists become tuples."""
    values = {}
    for key, value in keys_of(obj, allowed, where).items():
        setting = SETTINGS[key]
        if setting.many and isinstance(value, list):
            value = tuple(value)
        problem = setting.problem(value)
        if problem is not None:
            raise ValueError(f"{where}.{key}: {problem}")
        values[key] = value
    return values


def model_config(obj: Any, data: DataSpec, where: str = "model") -> ModelConfig:
    """Build the model settings of a lesson: rule-book names, the task from the data.

    Raises
    ------
    ValueError
        For an unknown key, a bad value, or settings that do not fit together or
        the data (a loss of another task).
    """
    values = _setting_values(obj, MODEL_KEYS, where)
    task, n_classes = data.task_and_classes()
    values.setdefault("loss", DEFAULT_LOSS[task])
    try:
        return ModelConfig(task=task, n_classes=max(n_classes, 2), **values)
    except ValueError as exc:
        raise ValueError(f"{where}: {exc}") from None


def train_config(obj: Any, where: str = "train") -> TrainConfig:
    """Build the training settings of a lesson from rule-book names.

    Raises
    ------
    ValueError
        For an unknown key or a bad value.
    """
    try:
        return TrainConfig(**_setting_values(obj, TRAIN_KEYS, where))
    except ValueError as exc:
        raise ValueError(f"{where}: {exc}") from None
