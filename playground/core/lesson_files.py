"""Reading a lesson folder: ``lesson.json`` plus one Markdown file per language.

Every value is checked here (the data and the settings by
:mod:`playground.core.lesson_json`), so a :class:`~playground.core.lesson_types.Lesson`
is always whole: unknown keys are refused, settings go through the rule book
(:data:`~playground.core.settings.SETTINGS`, then the settings objects), the
comparison through :func:`~playground.core.compare.parse_compare`, and claims,
goals, locks and exhibits through their tables. Every problem raises
:class:`LessonError` naming the file and the key. The format is described in
``resources/lessons/README.md``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from playground.core.compare import CompareSpec, apply_compare, parse_compare
from playground.core.config import ModelConfig, TrainConfig
from playground.core.fileio import PathLike, parse_json, quote
from playground.core.lesson_goals import OPS, Goal, check_locks
from playground.core.lesson_json import (
    data_spec,
    integer,
    keys_of,
    model_config,
    number,
    train_config,
)
from playground.core.lesson_measures import EXHIBITS, MEASURES
from playground.core.lesson_text import LANGUAGES, MAX_MARKDOWN, texts_from
from playground.core.lesson_types import Claim, ClaimTerm, Comparison, Lesson, RunSpec

LESSON_FORMAT = "mlp-playground-lesson"
LESSON_VERSION = 1
LESSON_FILE = "lesson.json"
#: Largest ``lesson.json``, in bytes (written-out points included).
MAX_LESSON_BYTES = 2_000_000
#: Most epochs a check may train each run for.
MAX_CHECK_EPOCHS = 5000
#: Most runs a check trains (the comparison's and the variants).
MAX_CHECK_RUNS = 8

TOP_KEYS = ("format", "version", "title", "data", "model", "train", "compare", "label",
            "variants", "epochs", "claim", "goals", "locks", "show")  # fmt: skip
_FOLDER = re.compile(r"^(?:(\d{1,4})-)?([a-z0-9][a-z0-9_-]{0,63})$")


class LessonError(ValueError):
    """A lesson file that is missing, malformed, or names something that does not exist."""


# -- runs and claims -----------------------------------------------------------------------
def _variants(obj: dict[str, Any], taken: list[str]) -> tuple[RunSpec, ...]:
    raw = obj.get("variants", [])
    if not isinstance(raw, list):
        raise ValueError("variants must be a list of runs")
    variants = []
    for i, item in enumerate(raw):
        where = f"variants[{i}]"
        item = keys_of(item, ("label", "data", "model", "train"), where)
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
    obj = keys_of(obj, ("run", "measure", "op", "value", "than"), where)
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
        return ClaimTerm(run, name, op, value=number(obj, "value", where, 0.0))
    than = keys_of(obj["than"], ("run", "measure", "factor", "plus"), f"{where}.than")
    other = than.get("measure", name)
    if other not in MEASURES:
        raise ValueError(f"{where}.than.measure {quote(other)} is unknown")
    comparison = Comparison(
        _run_label(than, f"{where}.than", labels), other,
        number(than, "factor", f"{where}.than", 1.0), number(than, "plus", f"{where}.than", 0.0),
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
    obj = keys_of(obj, ("text", "terms"), "claim")
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
    obj = keys_of(obj, TOP_KEYS, "the lesson")
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
        variants=variants, epochs=integer(obj, "epochs", "the lesson", 100, 0, MAX_CHECK_EPOCHS),
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
