"""Every layer's values at the data points and along a warped input grid: one forward pass.

The activation lens histograms these values, the hidden-space view plots the points and
the grid lines in a hidden layer's coordinates, and other views read the outputs at the
points. :func:`point_pass` evaluates the data points and the grid lines together, with
the network's one forward pass (:func:`playground.core.network.forward_pass`).

Its cost is bounded whatever the data: at most ``max_points`` points (2,000 by default,
a deterministic, evenly spaced subsample that keeps the training points first) and a
grid of ``lines`` lines each way with ``per_line`` points on each.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TypeVar

import numpy as np
from numpy.typing import ArrayLike, NDArray

from playground.core.model import Model
from playground.core.network import forward_pass

Array = NDArray[np.float64]
Index = NDArray[np.int64]
Rect = tuple[float, float, float, float]

#: Most data points evaluated (the rest are left out evenly).
MAX_POINTS = 2000
#: Lines of the grid in each direction, and points along each line.
GRID_LINES = 15
PER_LINE = 41

_A = TypeVar("_A", bound=np.ndarray)
#: Stands for an index left out of a :class:`PointPass` (the rows numbered in order).
_NO_INDEX: Index = np.zeros(0, dtype=np.int64)
_NO_INDEX.flags.writeable = False


@dataclass(frozen=True, eq=False)
class PointPass:
    """A model evaluated at the data points and along the lines of a grid (read-only arrays).

    Attributes
    ----------
    x : ndarray of shape (n, 2)
        Coordinates of the data points, training points first.
    n_train : int
        Rows ``[:n_train]`` are training points, the rest test points.
    targets : ndarray of shape (n,)
        Class index (as float) for classifiers, the value for regression.
    task : str
        ``ModelConfig.task``: ``binary``, ``multiclass`` or ``regression``.
    hidden_pre : tuple of ndarray, each (n, units)
        Per hidden layer, the pre-activation ``z``.
    hidden : tuple of ndarray, each (n, units)
        Per hidden layer, the activation ``a = g(z)``.
    output : ndarray of shape (n, n_out)
        The network's output: class probabilities for classifiers (``n_out`` = classes,
        2 for a binary task), the value for regression (``n_out`` = 1).
    grid : ndarray of shape (n_lines, m, 2)
        Input coordinates along the lines of a square grid over the shown rect: the
        first half of the lines run along x (constant y), the second half along y.
    grid_hidden : tuple of ndarray, each (n_lines, m, units)
        Per hidden layer, the activations along those lines.
    index : ndarray of shape (n,), int64
        Per row, the number the rest of the app gives that point: its row in the data
        set (``Dataset.x``), where training and test points are interleaved. Left out,
        the rows are numbered in order (``arange(n)``).
    """

    x: Array
    n_train: int
    targets: Array
    task: str
    hidden_pre: tuple[Array, ...]
    hidden: tuple[Array, ...]
    output: Array
    grid: Array
    grid_hidden: tuple[Array, ...]
    index: Index = field(default_factory=lambda: _NO_INDEX)

    def __post_init__(self) -> None:
        """Fill in the rows' own numbers when no index was given; check one that was."""
        if self.index is _NO_INDEX:
            object.__setattr__(self, "index", _frozen(np.arange(len(self.x), dtype=np.int64)))
        elif self.index.shape != (len(self.x),):
            raise ValueError(f"{len(self.x)} points but an index of shape {self.index.shape}")

    @property
    def n_test(self) -> int:
        """Number of test points (the rows after ``n_train``)."""
        return len(self.x) - self.n_train


def grid_lines(rect: Rect, lines: int = GRID_LINES, per_line: int = PER_LINE) -> Array:
    """Points along the lines of a square grid over a rectangle.

    Parameters
    ----------
    rect : tuple of float
        ``(x0, y0, width, height)``.
    lines : int
        Lines in each direction (at least 2), from edge to edge.
    per_line : int
        Points along each line (at least 2).

    Returns
    -------
    ndarray of shape (2 * lines, per_line, 2)
        Lines ``[:lines]`` run along x at increasing y, lines ``[lines:]`` along y at
        increasing x.
    """
    if lines < 2 or per_line < 2:
        raise ValueError(
            f"a grid needs 2 or more lines and points per line, got {lines}, {per_line}"
        )
    x0, y0, w, h = (float(v) for v in rect)
    if not (w > 0 and h > 0 and np.isfinite([x0, y0, w, h]).all()):
        raise ValueError(f"the grid's rectangle must be finite with positive sides, got {rect}")
    across_x, across_y = np.linspace(x0, x0 + w, lines), np.linspace(y0, y0 + h, lines)
    along_x, along_y = np.linspace(x0, x0 + w, per_line), np.linspace(y0, y0 + h, per_line)
    grid = np.empty((2 * lines, per_line, 2))
    grid[:lines, :, 0] = along_x
    grid[:lines, :, 1] = across_y[:, None]
    grid[lines:, :, 0] = across_x[:, None]
    grid[lines:, :, 1] = along_y
    return grid


def subsample(n: int, at_most: int) -> NDArray[np.intp]:
    """Pick at most ``at_most`` of ``n`` rows, evenly spaced and in order (all when fewer).

    Parameters
    ----------
    n : int
        Rows there are.
    at_most : int
        Rows wanted (at least 1).

    Returns
    -------
    ndarray of int, shape (min(n, at_most),)
        The same indices every time for the same ``n``.
    """
    if n <= at_most:
        return np.arange(n, dtype=np.intp)
    picked: NDArray[np.intp] = (np.arange(at_most) * n) // at_most
    return picked


def _frozen(a: _A) -> _A:
    a.flags.writeable = False
    return a


def _check_index(index: ArrayLike | None, n: int) -> Index:
    """``index`` as int64, checked to number ``n`` points distinctly in ``0..n-1``."""
    if index is None:
        return np.arange(n, dtype=np.int64)
    numbers = np.asarray(index)
    if numbers.shape != (n,):
        raise ValueError(f"index must have shape ({n},), one per point, got {numbers.shape}")
    if n and numbers.dtype.kind not in "iu":
        raise ValueError(f"index must hold integers, got {numbers.dtype}")
    numbers = numbers.astype(np.int64)
    if n and not (numbers.min() >= 0 and numbers.max() < n):
        raise ValueError(f"index must lie in 0..{n - 1}, got {numbers.min()}..{numbers.max()}")
    if len(np.unique(numbers)) != n:
        raise ValueError("index must number every point once (it has repeats)")
    return numbers


def point_pass(
    model: Model,
    x: ArrayLike,
    targets: ArrayLike,
    n_train: int,
    rect: Rect,
    lines: int = GRID_LINES,
    per_line: int = PER_LINE,
    max_points: int = MAX_POINTS,
    index: ArrayLike | None = None,
) -> PointPass:
    """Evaluate ``model`` at the data points and along a grid over ``rect``.

    Parameters
    ----------
    model : Model
        Read only: its input features, scaling and weights.
    x : array_like of shape (n, 2)
        Raw 2-D coordinates, the ``n_train`` training points first, then test points.
    targets : array_like of shape (n,)
        Class index or regression target of each point.
    n_train : int
        How many of the rows are training points.
    rect : tuple of float
        ``(x0, y0, width, height)`` the grid covers (the shown part of the plane).
    lines, per_line : int
        Grid lines in each direction and points along each line.
    max_points : int
        Most points kept: more are thinned to an evenly spaced subsample (the same one
        each time for the same number of points), training and test points alike.
    index : array_like of int, shape (n,), optional
        Each row's number in the data set the points come from (its row in
        ``Dataset.x``): a distinct whole number in ``0..n-1`` per row. The result keeps
        the numbers of the rows it keeps, as ``PointPass.index``. Default ``arange(n)``.

    Returns
    -------
    PointPass
        Copied, read-only arrays.

    Raises
    ------
    ValueError
        When the shapes do not agree, ``n_train`` is out of range, ``index`` is not one
        distinct number in ``0..n-1`` per point or the grid is empty.
    """
    points = np.asarray(x, dtype=np.float64)
    values = np.asarray(targets, dtype=np.float64).reshape(-1)
    if points.ndim != 2 or points.shape[1] != 2:
        raise ValueError(f"points must have shape (n, 2), got {points.shape}")
    if len(values) != len(points):
        raise ValueError(f"{len(points)} points but {len(values)} targets")
    if not 0 <= n_train <= len(points):
        raise ValueError(f"n_train must lie in 0..{len(points)}, got {n_train}")
    if max_points < 1:
        raise ValueError(f"max_points must be at least 1, got {max_points}")
    numbers = _check_index(index, len(points))
    keep = subsample(len(points), max_points)
    points, values, numbers = points[keep], values[keep], numbers[keep]
    n_train = int(np.searchsorted(keep, n_train))
    grid = grid_lines(rect, lines, per_line)

    net = model.network
    rows = np.concatenate([points, grid.reshape(-1, 2)])
    n = len(rows)
    pre = [np.empty((n, k)) for k in net.sizes[1:]]
    hidden = [np.empty((n, k)) for k in net.sizes[1:-1]]
    with np.errstate(over="ignore", invalid="ignore"):
        logits = forward_pass(
            model.inputs(rows), net.weights, net.biases, net.activations, pre, hidden
        )
        output = net.loss.link(logits)
        if model.is_classifier and net.loss.proba is not None:
            output = net.loss.proba(output)
    m = len(points)
    shape = grid.shape[:2]
    return PointPass(
        x=_frozen(points.copy()),
        n_train=n_train,
        targets=_frozen(values.copy()),
        task=model.config.task,
        hidden_pre=tuple(_frozen(z[:m].copy()) for z in pre[:-1]),
        hidden=tuple(_frozen(a[:m].copy()) for a in hidden),
        output=_frozen(np.array(output[:m], dtype=np.float64)),
        grid=_frozen(grid),
        grid_hidden=tuple(_frozen(a[m:].reshape(*shape, -1).copy()) for a in hidden),
        index=_frozen(numbers.copy()),
    )
