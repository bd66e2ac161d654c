"""Labelled 2-D point sets: the :class:`Dataset` type, the train/test split and the presets."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from playground.core.config import MAX_CLASSES, TASKS


@dataclass(frozen=True, eq=False)
class Dataset:
    """An immutable labelled point set with a train/test assignment.

    Attributes
    ----------
    x : ndarray of shape (n_samples, 2)
        Point coordinates, float64.
    y : ndarray of shape (n_samples,)
        Class index (int64, 0..n_classes-1) for classification, target (float64)
        for regression.
    is_test : ndarray of shape (n_samples,)
        True where the point belongs to the test set.
    task : str
        One of ``binary``, ``multiclass``, ``regression``.
    n_classes : int
        Number of classes the palette offers (>= 2); 1 for regression.
    """

    x: NDArray[np.float64]
    y: NDArray[np.generic]
    is_test: NDArray[np.bool_]
    task: str = "binary"
    n_classes: int = 2

    def __post_init__(self) -> None:
        x = np.array(self.x, dtype=np.float64, copy=True).reshape(-1, 2)
        regression = self.task == "regression"
        y = np.array(self.y, dtype=np.float64 if regression else np.int64, copy=True).reshape(-1)
        is_test = np.array(self.is_test, dtype=bool, copy=True).reshape(-1)
        if not (len(x) == len(y) == len(is_test)):
            raise ValueError(f"x, y and is_test lengths differ: {len(x)}, {len(y)}, {len(is_test)}")
        if self.task not in TASKS:
            raise ValueError(f"unknown task {self.task!r}")
        if not regression and not 2 <= self.n_classes <= MAX_CLASSES:
            raise ValueError(f"n_classes must be 2..{MAX_CLASSES}, got {self.n_classes}")
        if not regression and len(y) and (y.min() < 0 or y.max() >= self.n_classes):
            raise ValueError(f"labels must lie in 0..{self.n_classes - 1}")
        if not np.all(np.isfinite(x)) or (regression and not np.all(np.isfinite(y))):
            raise ValueError("coordinates and targets must be finite")
        for name, value in (("x", x), ("y", y), ("is_test", is_test)):
            value.flags.writeable = False
            object.__setattr__(self, name, value)

    def __len__(self) -> int:
        return len(self.x)

    @property
    def train_x(self) -> NDArray[np.float64]:
        """Training coordinates, shape (n_train, 2)."""
        return self.x[~self.is_test]

    @property
    def train_y(self) -> NDArray[np.generic]:
        """Training labels or targets, shape (n_train,)."""
        return self.y[~self.is_test]

    @property
    def test_x(self) -> NDArray[np.float64]:
        """Test coordinates, shape (n_test, 2)."""
        return self.x[self.is_test]

    @property
    def test_y(self) -> NDArray[np.generic]:
        """Test labels or targets, shape (n_test,)."""
        return self.y[self.is_test]
