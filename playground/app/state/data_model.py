"""The editable data set behind the canvas: a :class:`Dataset` plus an undo stack."""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
from numpy.typing import ArrayLike, NDArray
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from playground.core.config import MAX_CLASSES, TASKS
from playground.core.datasets import MAX_TEST_RATIO, Dataset, split

UNDO_LIMIT = 500


def brush_points(
    center: ArrayLike, radius: float, density: int, rng: np.random.Generator
) -> NDArray[np.float64]:
    """Return ``density`` points drawn uniformly in the disc of ``radius`` around ``center``."""
    m = max(int(density), 0)
    angle = rng.uniform(0.0, 2.0 * np.pi, m)
    dist = float(radius) * np.sqrt(rng.uniform(0.0, 1.0, m))
    offsets = np.column_stack((dist * np.cos(angle), dist * np.sin(angle)))
    return np.asarray(center, dtype=np.float64).reshape(1, 2) + offsets


def empty_dataset(task: str = "binary", n_classes: int = 2) -> Dataset:
    """Return a data set without points."""
    return Dataset.empty(task, n_classes)


def _points_text(verb: str, n: int) -> str:
    """Return e.g. "Paint 12 points"."""
    return f"{verb} {n} point{'s' if n != 1 else ''}"


@dataclass(frozen=True)
class _State:
    """What one undo step restores."""

    dataset: Dataset
    test_ratio: float


class _StateCommand(QUndoCommand):
    """Undo step that swaps between two model states."""

    def __init__(self, model: DataModel, before: _State, after: _State, text: str, applied: bool):
        super().__init__(text)
        self._model = model
        self._before = before
        self._after = after
        self._skip_redo = applied

    def redo(self) -> None:
        """Apply the new state (skipped once when it is already live)."""
        if self._skip_redo:
            self._skip_redo = False
            return
        self._model._apply(self._after)

    def undo(self) -> None:
        """Restore the old state."""
        self._model._apply(self._before)


@dataclass
class _Stroke:
    """A mouse stroke in progress: its edits become one undo step."""

    before: _State
    added: int = 0
    removed: int = 0


class DataModel(QObject):
    """The current data set, its train/test ratio and the undo history of edits."""

    changed = Signal(object)
    #: A whole new data set came in (a preset, a file, New), after ``changed``.
    replaced = Signal(object)

    def __init__(
        self,
        dataset: Dataset | None = None,
        test_ratio: float = 0.3,
        seed: int = 0,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._dataset = dataset if dataset is not None else empty_dataset()
        self._test_ratio = float(np.clip(test_ratio, 0.0, MAX_TEST_RATIO))
        self._rng = np.random.default_rng(seed)
        self._stroke: _Stroke | None = None
        self._pushing = False
        self.undo_stack = QUndoStack(self)
        self.undo_stack.setUndoLimit(UNDO_LIMIT)
        self.undo_stack.indexChanged.connect(self._on_undo_stack_index_changed)

    @property
    def dataset(self) -> Dataset:
        """The current data set."""
        return self._dataset

    @property
    def test_ratio(self) -> float:
        """Fraction of new and re-split points that go to the test set."""
        return self._test_ratio

    @property
    def rng(self) -> np.random.Generator:
        """The seeded generator used for brush points and split draws."""
        return self._rng

    @property
    def in_stroke(self) -> bool:
        """True between :meth:`begin_stroke` and :meth:`end_stroke`."""
        return self._stroke is not None

    # -- strokes ------------------------------------------------------------------------------

    def begin_stroke(self) -> None:
        """Start grouping the following paint/erase edits into one undo step."""
        self.end_stroke()
        self._stroke = _Stroke(self._state())

    def end_stroke(self) -> None:
        """Finish the stroke, pushing one undo step if it changed anything."""
        stroke, self._stroke = self._stroke, None
        if stroke is None or (stroke.added == 0 and stroke.removed == 0):
            return
        if stroke.removed == 0:
            text = _points_text("Paint", stroke.added)
        elif stroke.added == 0:
            text = _points_text("Erase", stroke.removed)
        else:
            text = f"Paint {stroke.added}, erase {stroke.removed} points"
        self._push(stroke.before, self._state(), text, applied=True)

    # -- edits --------------------------------------------------------------------------------

    def add_points(self, x: ArrayLike, y: ArrayLike | float) -> int:
        """Add points with label/target ``y`` (scalar or per point); return how many were added."""
        ds = self._dataset
        x = np.asarray(x, dtype=np.float64).reshape(-1, 2)
        m = len(x)
        if m == 0:
            return 0
        y_new = np.broadcast_to(np.asarray(y, dtype=np.float64), (m,))
        if ds.task != "regression" and np.all(np.isfinite(y_new)) and y_new.max() >= ds.n_classes:
            # The first point of a class the palette offered: the data gains that class.
            n_classes = int(y_new.max()) + 1
            if n_classes > MAX_CLASSES:
                raise ValueError(f"at most {MAX_CLASSES} classes, got class {n_classes - 1}")
            ds = replace(ds, task="multiclass", n_classes=n_classes)
        is_test = self._rng.random(m) < self._test_ratio
        self._edit(ds.with_points(x, y_new, is_test), added=m, removed=0)
        return m

    def erase(self, center_xy: ArrayLike, radius: float) -> int:
        """Remove the points within ``radius`` of ``center_xy``; return how many were removed."""
        ds = self._dataset
        if len(ds) == 0:
            return 0
        center = np.asarray(center_xy, dtype=np.float64).reshape(1, 2)
        inside = np.sum((ds.x - center) ** 2, axis=1) <= float(radius) ** 2
        n = int(inside.sum())
        if n:
            self._edit(ds.without(inside), added=0, removed=n)
        return n

    def clear(self) -> None:
        """Remove every point (one undo step)."""
        n = len(self._dataset)
        if n:
            self._commit(self._dataset.without(np.ones(n, dtype=bool)), _points_text("Clear", n))

    def replace(self, dataset: Dataset, text: str = "Replace data") -> None:
        """Swap in a whole new data set, e.g. a regenerated preset or a CSV import."""
        self._commit(dataset, text)
        self.replaced.emit(self._dataset)

    def set_test_ratio(self, ratio: float) -> None:
        """Set the test fraction and re-split every point (one undo step)."""
        ratio = float(np.clip(ratio, 0.0, MAX_TEST_RATIO))
        ds = self._dataset
        is_test = split(ds.x, ds.y, ratio)  # the stable mode: a point's side holds
        if ratio == self._test_ratio and np.array_equal(is_test, ds.is_test):
            return
        new = replace(ds, is_test=is_test)
        self._commit(new, f"Set test ratio to {ratio:.0%}", test_ratio=ratio)

    def set_task(self, task: str, n_classes: int = 2) -> None:
        """Change the task and class count; raise ValueError if the points do not fit it."""
        if task not in TASKS:
            raise ValueError(f"unknown task {task!r}; choose from {', '.join(TASKS)}")
        ds = self._dataset
        n_classes = 1 if task == "regression" else 2 if task == "binary" else int(n_classes)
        if task != "regression" and not 2 <= n_classes <= MAX_CLASSES:
            raise ValueError(f"the number of classes must be 2..{MAX_CLASSES}, got {n_classes}")
        if task == ds.task and n_classes == ds.n_classes:
            return
        was_regression = ds.task == "regression"
        if len(ds) and was_regression != (task == "regression"):
            have = "real-valued targets" if was_regression else "class labels"
            raise ValueError(
                f"Cannot switch to {task}: the points carry {have}. "
                "Clear them or load a matching data set first."
            )
        if len(ds) and not was_regression and int(ds.y.max()) >= n_classes:
            raise ValueError(
                f"Cannot use {n_classes} classes: there are points of class {int(ds.y.max()) + 1}. "
                "Erase them first."
            )
        new = replace(ds, task=task, n_classes=n_classes)
        if task == "regression" or was_regression or n_classes == ds.n_classes:
            text = f"Switch to {task}"
        else:
            text = f"Use {n_classes} classes"
        self._commit(new, text)

    # -- internals ----------------------------------------------------------------------------

    def _state(self) -> _State:
        """Return the current state."""
        return _State(self._dataset, self._test_ratio)

    def _edit(self, new: Dataset, added: int, removed: int) -> None:
        """Apply a paint/erase edit, live inside a stroke or as its own undo step."""
        if self._stroke is not None:
            self._stroke.added += added
            self._stroke.removed += removed
            self._apply(_State(new, self._test_ratio))
            return
        text = _points_text("Paint", added) if added else _points_text("Erase", removed)
        self._commit(new, text)

    def _commit(self, new: Dataset, text: str, test_ratio: float | None = None) -> None:
        """Push one undo step that moves to ``new``."""
        self.end_stroke()
        ratio = self._test_ratio if test_ratio is None else test_ratio
        self._push(self._state(), _State(new, ratio), text, applied=False)

    def _push(self, before: _State, after: _State, text: str, applied: bool) -> None:
        """Push a command without treating the index change as an outside undo."""
        self._pushing = True
        try:
            self.undo_stack.push(_StateCommand(self, before, after, text, applied))
        finally:
            self._pushing = False

    def _apply(self, state: _State) -> None:
        """Make ``state`` current and announce it."""
        self._dataset = state.dataset
        self._test_ratio = state.test_ratio
        self.changed.emit(state.dataset)

    def _on_undo_stack_index_changed(self, _index: int) -> None:
        """Rebase an open stroke when the user undoes or redoes in the middle of it."""
        if self._stroke is not None and not self._pushing:
            self._stroke = _Stroke(self._state())
