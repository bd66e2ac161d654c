"""Datasets as CSV files: a header, then columns x1, x2, label or target and optional split.

``label`` holds class indices 0..7 (a classification set), ``target`` holds real numbers
(a regression set). ``split`` holds ``train`` or ``test``; without it every row is a
training row. Columns may come in any order; blank lines are skipped.
"""

from __future__ import annotations

import csv
import io
import math
import os
from collections.abc import Iterator
from typing import IO, Protocol

import numpy as np

from playground.core.config import MAX_CLASSES, TASKS
from playground.core.datasets import MAX_POINTS, Dataset
from playground.core.fileio import atomic_write, quote, shorten

_KNOWN = ("x1", "x2", "label", "target", "split")
_SHOWN = 3  # unknown header columns quoted in a message
#: Longest line read, in characters; a CSV row of this format needs far fewer.
MAX_LINE = 1_000_000
_EXPECTED = "x1, x2, label or target, and optionally split"


class _Reader(Protocol):
    """What :func:`csv.reader` returns."""

    line_num: int

    def __next__(self) -> list[str]: ...


class CsvError(ValueError):
    """A malformed dataset file.

    Attributes
    ----------
    line : int or None
        1-based line number of the problem, when there is one.
    """

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message if line is None else f"line {line}: {message}")
        self.line = line


def load_csv(path: str | os.PathLike[str], task: str | None = None) -> Dataset:
    """Read a dataset from a CSV file.

    Parameters
    ----------
    path : str or path-like
        File to read (UTF-8, an optional byte-order mark is ignored).
    task : str, optional
        Override the task the data implies: ``binary`` when a ``label`` column has no
        label above 1, ``multiclass`` above that, ``regression`` for a ``target``
        column. Labels may become regression targets; targets may become classes when
        they are class indices.

    Returns
    -------
    Dataset
        ``x`` of shape (n, 2), ``y`` of shape (n,), ``is_test`` from the ``split``
        column (all False without one).

    Raises
    ------
    CsvError
        For a malformed file; the message starts with the line number.
    ValueError
        For an unknown ``task``.
    OSError
        When the file cannot be read.
    """
    if task is not None and task not in TASKS:
        raise ValueError(f"unknown task {quote(task)}; choose from {', '.join(TASKS)}")
    with open(path, newline="", encoding="utf-8-sig") as handle:
        try:
            return _parse(csv.reader(bounded_lines(handle)), task)
        except UnicodeDecodeError:
            raise CsvError("the file is not UTF-8 text") from None


def save_csv(dataset: Dataset, path: str | os.PathLike[str]) -> None:
    """Write ``dataset`` as CSV with a ``split`` column, atomically.

    The rows go to a temporary file in the target's directory, which then replaces the
    target, so a failed save leaves any existing file untouched. Floats are written
    with full precision and read back exactly.

    Raises
    ------
    ValueError
        For an empty dataset, which :func:`load_csv` would reject.
    OSError
        When the file cannot be written.
    """
    if len(dataset) == 0:
        raise ValueError("an empty dataset cannot be saved: a CSV file needs at least one row")
    value_column = "target" if dataset.task == "regression" else "label"

    def write(raw: IO[bytes]) -> None:
        handle = io.TextIOWrapper(raw, encoding="utf-8", newline="")
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["x1", "x2", value_column, "split"])
        for (x1, x2), value, is_test in zip(
            dataset.x.tolist(), dataset.y.tolist(), dataset.is_test.tolist(), strict=True
        ):
            writer.writerow([repr(x1), repr(x2), repr(value), "test" if is_test else "train"])
        handle.flush()
        handle.detach()  # leave closing the file to atomic_write

    atomic_write(path, write)


def bounded_lines(handle: IO[str], limit: int = MAX_LINE) -> Iterator[str]:
    """Yield the lines of ``handle`` for :func:`csv.reader`, none over ``limit`` characters.

    Each line is read with at most ``limit + 1`` characters, so a file of one
    endless line never becomes one huge string or millions of fields.

    Raises
    ------
    CsvError
        At the first line longer than ``limit``.
    """
    number = 0
    while line := handle.readline(limit + 1):
        number += 1
        if len(line) > limit:
            raise CsvError(f"the line is longer than {limit:,} characters", number)
        yield line


def _rows(reader: _Reader) -> Iterator[tuple[int, list[str]]]:
    """Yield ``(line number, fields)`` for each non-blank row."""
    while True:
        try:
            fields = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise CsvError(f"unreadable CSV: {shorten(error)}", reader.line_num) from None
        if any(field.strip() for field in fields):
            yield reader.line_num, fields


def _header(fields: list[str], line: int) -> dict[str, int]:
    """Map each column name of the header row to its index."""
    names = [field.strip().lower() for field in fields]
    unknown = [name for name in names if name not in _KNOWN]
    if unknown:
        hint = "; columns must be separated by commas" if ";" in fields[0] else ""
        shown = ", ".join(quote(name, 60) for name in unknown[:_SHOWN])
        if len(unknown) > _SHOWN:
            shown += f" and {len(unknown) - _SHOWN:,} more"
        raise CsvError(f"unknown column {shown} in the header; expected {_EXPECTED}{hint}", line)
    seen: set[str] = set()
    for name in names:
        if name in seen:
            raise CsvError(f"column {name!r} appears twice in the header", line)
        seen.add(name)
    missing = [name for name in ("x1", "x2") if name not in names]
    if "label" not in names and "target" not in names:
        missing.append("label or target")
    if missing:
        raise CsvError(f"missing column {', '.join(missing)}; expected {_EXPECTED}", line)
    if "label" in names and "target" in names:
        raise CsvError("the header has both label and target; keep only one", line)
    return {name: index for index, name in enumerate(names)}


def _number(text: str, column: str, line: int) -> float:
    if not text.strip():
        raise CsvError(f"the {column} value is missing", line)
    try:
        value = float(text)
    except ValueError:
        raise CsvError(f"{column} value {quote(text.strip())} is not a number", line) from None
    if not math.isfinite(value):
        raise CsvError(f"{column} value {quote(text.strip())} is not a finite number", line)
    return value


def _label(text: str, column: str, line: int, task: str | None) -> int:
    value = _number(text, column, line)
    if value != round(value):
        raise CsvError(f"{column} {quote(text.strip())} is not a whole class index", line)
    if not 0 <= value < MAX_CLASSES:
        raise CsvError(
            f"{column} {quote(text.strip())} is out of range: at most {MAX_CLASSES} classes, "
            f"numbered 0..{MAX_CLASSES - 1}",
            line,
        )
    if task == "binary" and value > 1:
        raise CsvError(
            f"{column} {quote(text.strip())} does not fit the binary task (0 or 1)", line
        )
    return int(value)


def _parse(reader: _Reader, task: str | None) -> Dataset:
    rows = _rows(reader)
    first = next(rows, None)
    if first is None:
        raise CsvError(f"the file is empty; expected a header row ({_EXPECTED})", 1)
    header_line, fields = first
    columns = _header(fields, header_line)
    value_column = "label" if "label" in columns else "target"
    as_labels = value_column == "label" or task in ("binary", "multiclass")
    coordinates: list[tuple[float, float]] = []
    values: list[float] = []
    tests: list[bool] = []
    last_line = header_line
    for last_line, fields in rows:
        if len(fields) != len(columns):
            raise CsvError(f"expected {len(columns)} values, found {len(fields)}", last_line)
        if len(values) == MAX_POINTS:
            raise CsvError(f"more than {MAX_POINTS} data rows", last_line)
        x1 = _number(fields[columns["x1"]], "x1", last_line)
        x2 = _number(fields[columns["x2"]], "x2", last_line)
        coordinates.append((x1, x2))
        text = fields[columns[value_column]]
        if as_labels:
            values.append(_label(text, value_column, last_line, task))
        else:
            values.append(_number(text, value_column, last_line))
        if "split" in columns:
            role = fields[columns["split"]].strip().lower()
            if role not in ("train", "test"):
                raise CsvError(f"split value {quote(role)} is neither train nor test", last_line)
            tests.append(role == "test")
        else:
            tests.append(False)
    if not values:
        raise CsvError(f"no data rows after the header on line {header_line}", last_line + 1)
    x, y, is_test = np.array(coordinates), np.array(values), np.array(tests)
    if task == "regression" or not as_labels:
        return Dataset(x, y.astype(np.float64), is_test, "regression", 1)
    n_classes = max(2, int(y.max()) + 1)
    if task is None:
        task = "binary" if n_classes == 2 else "multiclass"
    return Dataset(x, y.astype(np.int64), is_test, task, n_classes)
