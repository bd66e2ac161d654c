"""Labelled 2-D point sets: the :class:`Dataset` type and its editing helpers.

Also the train/test split (one function, two modes: see :func:`split`), task
inference, and the seeding that the preset generators of
:mod:`playground.core.presets` share with the split.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
from numpy.typing import ArrayLike, NDArray

from playground.core.config import MAX_CLASSES, TASKS

#: Largest point count :func:`~playground.core.presets.make_dataset` and the CSV reader accept.
MAX_POINTS = 100_000
#: Largest test fraction of a split.
MAX_TEST_RATIO = 0.9
#: Streams of :func:`seeded_rng`: a preset's points and its split draw independently.
DATA_STREAM, SPLIT_STREAM = 0, 1


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
        """Copy the arrays read-only, in their dtypes, and check them."""
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
        """Return the number of points."""
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

    @classmethod
    def empty(cls, task: str = "binary", n_classes: int = 2) -> Dataset:
        """Return a dataset without points (``n_classes`` is forced to 1 for regression)."""
        n_classes = 1 if task == "regression" else n_classes
        return cls(np.empty((0, 2)), np.empty(0), np.empty(0, dtype=bool), task, n_classes)

    def class_counts(self) -> NDArray[np.int64]:
        """Points per class, an int64 array of shape (n_classes,).

        Raises
        ------
        ValueError
            For a regression dataset, which has no classes.
        """
        if self.task == "regression":
            raise ValueError("a regression dataset has no classes to count")
        return np.bincount(self.y, minlength=self.n_classes).astype(np.int64)

    def with_split(self, test_ratio: float, seed: int | None = 0) -> Dataset:
        """Return a copy with a fresh train/test assignment (see :func:`split`).

        Parameters
        ----------
        test_ratio : float
            Fraction of test points in [0, 0.9].
        seed : int or None
            Non-negative seed of a seeded split, in which exactly
            ``round(n * test_ratio)`` points become test points and the same seed
            and points give the same split; None for the stable split, which
            hashes each point's coordinates.
        """
        rng = None if seed is None else seeded_rng(seed, SPLIT_STREAM)
        return replace(self, is_test=split(self.x, self.y, test_ratio, rng))

    def with_points(self, x: ArrayLike, y: ArrayLike, is_test: ArrayLike | None = None) -> Dataset:
        """Return a copy with points appended.

        Parameters
        ----------
        x : array_like of shape (m, 2)
            New coordinates.
        y : array_like of shape (m,)
            New class indices (whole numbers below ``n_classes``) or regression targets.
        is_test : array_like of shape (m,), optional
            Test flags of the new points; all training points when omitted.
        """
        new_x = np.asarray(x, dtype=np.float64)
        if new_x.ndim not in (1, 2) or new_x.shape[-1] != 2:
            raise ValueError(f"new points must have shape (m, 2), got {new_x.shape}")
        new_y: NDArray[np.generic] = np.asarray(y, dtype=np.float64).reshape(-1)
        if self.task != "regression":
            new_y = _class_labels(new_y, self.n_classes)
        flags = np.zeros(len(new_y), bool) if is_test is None else np.asarray(is_test, bool)
        return replace(
            self,
            x=np.concatenate([self.x, new_x.reshape(-1, 2)]),
            y=np.concatenate([self.y, new_y.astype(self.y.dtype)]),
            is_test=np.concatenate([self.is_test, flags.reshape(-1)]),
        )

    def without(self, mask: ArrayLike) -> Dataset:
        """Return a copy without the points where ``mask`` (bool, shape (n,)) is True."""
        remove = np.asarray(mask)
        if remove.dtype != np.bool_ or remove.shape != (len(self),):
            raise ValueError(
                f"mask must be a bool array of shape ({len(self)},), "
                f"got {remove.dtype} of shape {remove.shape}"
            )
        keep = ~remove
        return replace(self, x=self.x[keep], y=self.y[keep], is_test=self.is_test[keep])

    def with_task(self, task: str, n_classes: int | None = None) -> Dataset:
        """Return a copy under another task, with labels converted and validated.

        Class indices become float targets for regression; targets become classes only
        when they are whole numbers in ``0..n_classes-1`` (nothing is rounded).

        Parameters
        ----------
        task : str
            One of ``binary``, ``multiclass``, ``regression``.
        n_classes : int, optional
            Palette size; defaults to 2 for binary, 1 for regression and for multiclass
            to the larger of 3, the current palette and the largest label + 1.

        Raises
        ------
        ValueError
            When the labels do not fit the task.
        """
        if task not in TASKS:
            raise ValueError(f"unknown task {task!r}; choose from {', '.join(TASKS)}")
        if task == "regression":
            return replace(self, y=self.y.astype(np.float64), task=task, n_classes=1)
        labels = _class_labels(self.y, MAX_CLASSES)
        needed = int(labels.max()) + 1 if len(labels) else 0
        if n_classes is None:
            current = 0 if self.task == "regression" else self.n_classes
            n_classes = 2 if task == "binary" else min(max(3, current, needed), MAX_CLASSES)
        if task == "binary" and n_classes != 2:
            raise ValueError(f"the binary task has 2 classes, not {n_classes}")
        if not 2 <= n_classes <= MAX_CLASSES:
            raise ValueError(f"n_classes must be 2..{MAX_CLASSES}, got {n_classes}")
        if needed > n_classes:
            raise ValueError(
                f"labels go up to {needed - 1} but the {task} task with {n_classes} classes "
                f"allows only 0..{n_classes - 1}"
            )
        return replace(self, y=labels, task=task, n_classes=n_classes)


def _class_labels(values: ArrayLike, n_classes: int) -> NDArray[np.int64]:
    """Check that ``values`` are whole numbers in 0..n_classes-1 and return them as int64."""
    y = np.asarray(values, dtype=np.float64).reshape(-1)
    if not np.all(np.isfinite(y)) or np.any(y != np.round(y)):
        raise ValueError("class labels must be whole numbers")
    if len(y) and (y.min() < 0 or y.max() >= n_classes):
        raise ValueError(
            f"class labels must lie in 0..{n_classes - 1}, got {y.min():g}..{y.max():g}"
        )
    return y.astype(np.int64)


def infer_task(y: ArrayLike) -> tuple[str, int]:
    """Guess the task from labels or targets of shape (n,).

    Whole numbers are class indices: ``binary`` (2 classes) when none exceeds 1,
    ``multiclass`` with ``max + 1`` classes otherwise. Anything else is ``regression``
    (1 class).

    Raises
    ------
    ValueError
        For non-finite values, and for whole numbers that are negative or would need
        more than 8 classes.
    """
    values = np.asarray(y, dtype=np.float64).reshape(-1)
    if not np.all(np.isfinite(values)):
        raise ValueError("labels and targets must be finite")
    if np.any(values != np.round(values)):
        return "regression", 1
    if len(values) and values.min() < 0:
        raise ValueError(f"class labels must be 0..{MAX_CLASSES - 1}, found {values.min():g}")
    n_classes = max(2, int(values.max()) + 1) if len(values) else 2
    if n_classes > MAX_CLASSES:
        raise ValueError(f"at most {MAX_CLASSES} classes are supported, labels need {n_classes}")
    return ("binary" if n_classes == 2 else "multiclass"), n_classes


def split(
    x: NDArray[np.float64],
    y: NDArray[np.generic],
    test_ratio: float,
    rng: np.random.Generator | None = None,
) -> NDArray[np.bool_]:
    """Assign points to the training or the test set.

    Integer labels are stratified: each class gives its share of test points. The
    split has two modes, because its two users need different guarantees:

    * **stable** (``rng`` is None), for data being edited: the test points of each
      class are the ``round(test_ratio * n_class)`` with the lowest
      :func:`split_keys`, a hash of their coordinates. The split depends on the
      points alone (not their order, nor any seed), raising the ratio only moves
      more points into the test set, and adding or removing ``m`` points of a
      class moves at most ``m`` of its other points across.
    * **seeded** (``rng`` given), for generated data: a random draw, so that the
      same points split differently under different seeds, as a preset's seed
      promises; exactly ``round(n * test_ratio)`` points become test points, each
      class giving its share up to one point.

    Parameters
    ----------
    x : ndarray of shape (n, 2)
        Coordinates (the stable mode hashes them; the seeded mode uses their count).
    y : ndarray of shape (n,)
        Class indices (integer dtype, stratified) or regression targets.
    test_ratio : float
        Fraction in [0, 0.9].
    rng : numpy.random.Generator, optional
        Source of the seeded mode's shuffle; None for the stable mode.

    Returns
    -------
    is_test : ndarray of shape (n,), bool
    """
    n, labels = len(x), np.asarray(y)
    if len(labels) != n:
        raise ValueError(f"x and y lengths differ: {n}, {len(labels)}")
    ratio = check_fraction("test ratio", test_ratio, MAX_TEST_RATIO)
    is_test = np.zeros(n, dtype=bool)
    stratified = np.issubdtype(labels.dtype, np.integer)
    if rng is None:
        keys = split_keys(x)
        groups = [np.flatnonzero(labels == c) for c in np.unique(labels)] if stratified else []
        for idx in groups or [np.arange(n)]:
            n_test = round(ratio * len(idx))
            is_test[idx[np.argsort(keys[idx], kind="stable")[:n_test]]] = True
        return is_test
    n_test = round(n * ratio)
    if not stratified:
        is_test[rng.permutation(n)[:n_test]] = True
        return is_test
    classes, inverse = np.unique(labels, return_inverse=True)
    counts = np.bincount(inverse.reshape(-1), minlength=len(classes))
    # Largest-remainder quotas, in exact integer arithmetic, sum to n_test.
    take, remainder = np.divmod(counts * n_test, max(n, 1))
    take[np.argsort(-remainder, kind="stable")[: n_test - int(take.sum())]] += 1
    for k, quota in enumerate(take):
        is_test[rng.choice(np.flatnonzero(inverse == k), size=int(quota), replace=False)] = True
    return is_test


def split_keys(x: NDArray[np.float64]) -> NDArray[np.float64]:
    """Return a pseudo-random key in [0, 1) per point, a hash of its coordinates.

    Parameters
    ----------
    x : ndarray of shape (n, 2)
        Coordinates; equal points get equal keys on every machine.

    Returns
    -------
    ndarray of shape (n,)
        The keys, float64.
    """
    bits = np.ascontiguousarray(x, dtype=np.float64).view(np.uint64).reshape(-1, 2)
    with np.errstate(over="ignore"):  # the hash multiplies modulo 2**64 (splitmix64)
        h = bits[:, 0] * np.uint64(0x9E3779B97F4A7C15) ^ bits[:, 1]
        h = (h ^ (h >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        h = (h ^ (h >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        h ^= h >> np.uint64(31)
    keys: NDArray[np.float64] = (h >> np.uint64(11)).astype(np.float64) / float(1 << 53)
    return keys


def seeded_rng(seed: int, stream: int) -> np.random.Generator:
    """Return an independent generator for ``stream`` (data or split) under one user seed.

    Raises
    ------
    ValueError
        For a seed that is not a non-negative integer.
    """
    if isinstance(seed, bool) or not isinstance(seed, int | np.integer) or seed < 0:
        raise ValueError(f"seed must be a non-negative integer, got {seed!r}")
    return np.random.default_rng(np.random.SeedSequence(int(seed), spawn_key=(stream,)))


def check_fraction(name: str, value: float, upper: float) -> float:
    """Return ``value`` as a float after checking that it lies in [0, ``upper``].

    Raises
    ------
    ValueError
        Naming ``name``, for anything else (including booleans).
    """
    if isinstance(value, bool) or not isinstance(value, int | float | np.number):
        raise ValueError(f"{name} must be a number, got {value!r}")
    if not 0.0 <= float(value) <= upper:
        raise ValueError(f"{name} must be in [0, {upper:g}], got {value!r}")
    return float(value)
