"""Reading a lesson folder: ``lesson.json`` plus one Markdown file per language.

Every value is checked here, so a :class:`~playground.core.lesson_types.Lesson`
is always whole: unknown keys are refused, settings go through the rule book
(:data:`~playground.core.settings.SETTINGS`, then the settings objects), the
comparison through :func:`~playground.core.compare.parse_compare`, and claims,
goals, locks and exhibits through their tables. Every problem raises
:class:`LessonError` naming the file and the key. The format is described in
``resources/lessons/README.md``.
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from playground.core.compare import CompareSpec, apply_compare, parse_compare
from playground.core.config import DEFAULT_LOSS, ModelConfig, TrainConfig
from playground.core.datasets import MAX_POINTS, MAX_TEST_RATIO
from playground.core.fileio import PathLike, parse_json, quote
from playground.core.lesson_goals import OPS, Goal, check_locks
from playground.core.lesson_measures import EXHIBITS, MEASURES
from playground.core.lesson_text import LANGUAGES, MAX_MARKDOWN, texts_from
from playground.core.lesson_types import Claim, ClaimTerm, Comparison, DataSpec, Lesson, RunSpec
from playground.core.presets import PRESETS
from playground.core.settings import MODEL_SETTINGS, SETTINGS, TRAIN_SETTINGS

LESSON_FORMAT = "mlp-playground-lesson"
LESSON_VERSION = 1
LESSON_FILE = "lesson.json"
#: Largest ``lesson.json``, in bytes (written-out points included).
MAX_LESSON_BYTES = 2_000_000
#: Most epochs a check may train each run for.
MAX_CHECK_EPOCHS = 5000
#: Most runs a check trains (the comparison's and the variants).
MAX_CHECK_RUNS = 8

#: Model settings a lesson may set; the task and the class count follow the data.
MODEL_KEYS = tuple(s.name for s in MODEL_SETTINGS if s.name not in ("task", "n_classes"))
TRAIN_KEYS = tuple(s.name for s in TRAIN_SETTINGS)
PRESET_KEYS = ("preset", "points", "noise", "seed", "test_ratio", "options")
POINT_KEYS = ("x", "y", "task", "test", "seed", "test_ratio")
TOP_KEYS = ("format", "version", "title", "data", "model", "train", "compare", "label",
            "variants", "epochs", "claim", "goals", "locks", "show")  # fmt: skip
_FOLDER = re.compile(r"^(?:(\d{1,4})-)?([a-z0-9][a-z0-9_-]{0,63})$")


class LessonError(ValueError):
    """A lesson file that is missing, malformed, or names something that does not exist."""


def _keys(obj: Any, allowed: tuple[str, ...], where: str) -> dict[str, Any]:
    """Return ``obj`` checked to be an object whose keys are all in ``allowed``."""
    if not isinstance(obj, dict):
        raise ValueError(f"{where} must be a JSON object")
    for key in obj:
        if key not in allowed:
            raise ValueError(f"{where} has unknown key {key!r}; use {', '.join(allowed)}")
    return obj


def _number(obj: dict[str, Any], key: str, where: str, default: float) -> float:
    value = obj.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ValueError(f"{where}.{key} must be a finite number, got {quote(value)}")
    return float(value)


def _integer(obj: dict[str, Any], key: str, where: str, default: int, low: int, high: int) -> int:
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
        return _points_spec(_keys(obj, POINT_KEYS, where), where)
    obj = _keys(obj, PRESET_KEYS, where)
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
        points=_integer(obj, "points", where, 200, 1, MAX_POINTS),
        noise=_fraction(obj, "noise", where, 0.0, 1.0),
        seed=_integer(obj, "seed", where, 0, 0, 2**31 - 1),
        test_ratio=_fraction(obj, "test_ratio", where, 0.5, MAX_TEST_RATIO),
        options=resolved,
    )


def _fraction(obj: dict[str, Any], key: str, where: str, default: float, high: float) -> float:
    value = _number(obj, key, where, default)
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
        seed=_integer(obj, "seed", where, 0, 0, 2**31 - 1),
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
    for key, value in _keys(obj, allowed, where).items():
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


# -- runs and claims -----------------------------------------------------------------------
def _variants(obj: dict[str, Any], taken: list[str]) -> tuple[RunSpec, ...]:
    raw = obj.get("variants", [])
    if not isinstance(raw, list):
        raise ValueError("variants must be a list of runs")
    variants = []
    for i, item in enumerate(raw):
        where = f"variants[{i}]"
        item = _keys(item, ("label", "data", "model", "train"), where)
        label = item.get("label")
        if not isinstance(label, str) or not label.strip() or label in taken:
            raise ValueError(f"{where}.label must be a new run name, got {quote(label)}")
        data = data_spec({**obj.get("data", {}), **item.get("data", {})}, f"{where}.data")
        model = model_config({**obj.get("model", {}), **item.get("model", {})}, data,
                             f"{where}.model")  # fmt: skip
        train = train_config({**obj.get("train", {}), **item.get("train", {})}, f"{where}.train")
        variants.append(RunSpec(label, data, model, train))
        taken.append(label)
    return tuple(variants)


def _term(obj: Any, where: str, labels: list[str]) -> ClaimTerm:
    obj = _keys(obj, ("run", "measure", "op", "value", "than"), where)
    run = _run_label(obj, where, labels)
    name, op = obj.get("measure"), obj.get("op")
    if name not in MEASURES:
        raise ValueError(
            f"{where}.measure {quote(name)} is unknown; choose from {', '.join(MEASURES)}"
        )
    if op not in OPS:
        raise ValueError(f"{where}.op {quote(op)} is unknown; choose from {' '.join(OPS)}")
    if ("value" in obj) == ("than" in obj):
        raise ValueError(f"{where} needs exactly one of 'value' and 'than'")
    if "value" in obj:
        return ClaimTerm(run, name, op, value=_number(obj, "value", where, 0.0))
    than = _keys(obj["than"], ("run", "measure", "factor", "plus"), f"{where}.than")
    other = than.get("measure", name)
    if other not in MEASURES:
        raise ValueError(f"{where}.than.measure {quote(other)} is unknown")
    comparison = Comparison(
        _run_label(than, f"{where}.than", labels), other,
        _number(than, "factor", f"{where}.than", 1.0), _number(than, "plus", f"{where}.than", 0.0),
    )  # fmt: skip
    return ClaimTerm(run, name, op, than=comparison)


def _run_label(obj: dict[str, Any], where: str, labels: list[str]) -> str:
    if "run" not in obj and len(labels) == 1:
        return labels[0]
    run = obj.get("run")
    if run not in labels:
        raise ValueError(
            f"{where}.run must name a run: one of {', '.join(labels)}; got {quote(run)}"
        )
    return str(run)


def _claim(obj: Any, labels: list[str]) -> Claim:
    obj = _keys(obj, ("text", "terms"), "claim")
    terms = obj.get("terms")
    if not isinstance(terms, list) or not terms:
        raise ValueError("claim.terms must be a non-empty list")
    text = texts_from(obj.get("text"), "claim.text")
    return Claim(text, tuple(_term(t, f"claim.terms[{i}]", labels) for i, t in enumerate(terms)))


def _named(obj: dict[str, Any], key: str, table: Any, what: str) -> tuple[str, ...]:
    names = obj.get(key, [])
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        raise ValueError(f"{key} must be a list of names")
    for name in names:
        if name not in table:
            raise ValueError(f"{key}: no {what} {name!r}; choose from {', '.join(table)}")
    return tuple(names)


def lesson_from_dict(
    obj: Any, name: str, order: int, text: dict[str, str], source: str = ""
) -> Lesson:
    """Build a lesson from the JSON of its ``lesson.json`` and its Markdown texts.

    Parameters
    ----------
    obj : object
        The parsed ``lesson.json``.
    name : str
        The lesson's name.
    order : int
        Its place in the list.
    text : dict of str to str
        The Markdown per language.
    source : str
        Where it comes from, kept for messages.

    Returns
    -------
    Lesson
        Whole and checked.

    Raises
    ------
    ValueError
        Naming the key at fault (without the file: :func:`read_lesson` adds it).
    """
    obj = _keys(obj, TOP_KEYS, "the lesson")
    if obj.get("format") != LESSON_FORMAT or obj.get("version") != LESSON_VERSION:
        raise ValueError(f'a lesson needs "format": "{LESSON_FORMAT}", "version": {LESSON_VERSION}')
    data = data_spec(obj.get("data"))
    model = model_config(obj.get("model", {}), data)
    train = train_config(obj.get("train", {}))
    compare = _compare(obj.get("compare"), model, train)
    label = obj.get("label", "lesson")
    if not isinstance(label, str) or not label.strip():
        raise ValueError("label must be a run name")
    labels = list(compare.labels()) if compare is not None else [label]
    variants = _variants(obj, labels)
    if len(labels) > MAX_CHECK_RUNS:
        raise ValueError(f"a lesson's check trains at most {MAX_CHECK_RUNS} runs")
    goals_raw = obj.get("goals", [])
    if not isinstance(goals_raw, list):
        raise ValueError("goals must be a list")
    goals = []
    for i, goal in enumerate(goals_raw):
        try:
            goals.append(Goal.from_dict(goal))
        except ValueError as exc:
            raise ValueError(f"goals[{i}]: {exc}") from None
    return Lesson(
        name=name, order=order, title=texts_from(obj.get("title"), "title"), text=text,
        data=data, model_config=model, train_config=train, compare=compare, label=label,
        variants=variants, epochs=_integer(obj, "epochs", "the lesson", 100, 0, MAX_CHECK_EPOCHS),
        claim=_claim(obj.get("claim"), labels), goals=tuple(goals),
        locks=check_locks(obj.get("locks", [])), show=_named(obj, "show", EXHIBITS, "exhibit"),
        source=source,
    )  # fmt: skip


def _compare(text: Any, model: ModelConfig, train: TrainConfig) -> CompareSpec | None:
    if text is None:
        return None
    if not isinstance(text, str):
        raise ValueError('compare must be a spec such as "activation=sigmoid,relu"')
    try:
        spec = parse_compare(text)
        apply_compare(spec, model, train)
    except ValueError as exc:
        raise ValueError(f"compare: {exc}") from None
    return spec


# -- files ---------------------------------------------------------------------------------
def _read_text(path: Path, limit: int) -> str:
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise LessonError(f"{path}: the file is missing") from None
    if size > limit:
        raise LessonError(f"{path}: the file is larger than {limit} bytes")
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise LessonError(f"{path}: the file is not UTF-8 text") from None


def folder_name(folder: PathLike) -> tuple[str, int]:
    """Return a lesson folder's ``(name, order)``: ``03-universal`` -> ``("universal", 3)``.

    Raises
    ------
    LessonError
        For a name of other characters than lower-case letters, digits, ``-`` and ``_``.
    """
    base = Path(folder).name
    match = _FOLDER.match(base)
    if match is None:
        raise LessonError(f"{folder}: a lesson folder is named like 01-hidden-layer")
    return match.group(2), int(match.group(1) or 0)


def read_lesson(folder: PathLike, reader: Callable[[Path, int], str] = _read_text) -> Lesson:
    """Read the lesson in ``folder``: ``lesson.json``, ``en.md`` and ``zh.md``.

    Parameters
    ----------
    folder : str or os.PathLike
        The lesson's folder; its name gives the lesson's name and order.
    reader : callable
        ``reader(path, limit) -> str``, to read a file (an installed package's
        resources, say); it raises :class:`LessonError` for a missing file.

    Returns
    -------
    Lesson
        Checked.

    Raises
    ------
    LessonError
        Naming the file (and the key) at fault.
    """
    folder = Path(os.fspath(folder))
    name, order = folder_name(folder)
    path = folder / LESSON_FILE
    text = {code: reader(folder / f"{code}.md", MAX_MARKDOWN * 4) for code in LANGUAGES}
    for code, markdown in text.items():
        if not markdown.strip():
            raise LessonError(f"{folder / f'{code}.md'}: the text is empty")
    raw = reader(path, MAX_LESSON_BYTES)
    try:
        return lesson_from_dict(parse_json(raw, "the lesson"), name, order, text, str(path))
    except ValueError as exc:
        raise LessonError(f"{path}: {exc}") from None
