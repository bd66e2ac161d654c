"""Evaluate a model, and every neuron in it, on a regular grid over a rectangle.

One vectorised forward pass over the N×N grid gives the output and every unit's map.
This is the reference the compiled probe (:mod:`playground.core.probe_kernel`) is held
to, and what the window draws with when the compiled engine is not there. Grid arrays
are indexed ``[row, column]`` with row 0 at the bottom (``y = y0``) and column 0 at the
left (``x = x0``); cell centres sit half a cell in from the edges.

Narrow networks are evaluated in blocks of rows, each matrix product small enough
that a multithreaded BLAS computes it on the calling thread: on a busy two-core
machine OpenBLAS's threads made one 40 000 x 8 x 8 product 50 to 100 times slower.
Wide layers keep one product per layer, where threads pay off.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from playground.core.model import Model
from playground.core.network import Network, forward_pass

Array = NDArray[np.float64]
Rect = tuple[float, float, float, float]
#: Largest rows x fan-in x fan-out of one block's matrix product (OpenBLAS keeps products
#: up to 65536 x 4 on one thread).
BLOCK_WORK = 1 << 18
#: Fewest rows worth a block; layers too wide for that are evaluated in one pass.
MIN_BLOCK_ROWS = 1024


@dataclass(frozen=True, eq=False)
class GridProbe:
    """A model evaluated on a grid.

    Attributes
    ----------
    rect : tuple of float
        ``(x0, y0, width, height)`` covered by the grid.
    inputs : ndarray of shape (n_features, n, n)
        The scaled network inputs.
    hidden : tuple of ndarray, each (units, n, n)
        Every hidden unit's activation.
    output : ndarray of shape (n_outputs, n, n)
        Output activations (probability or value).
    proba : ndarray of shape (n, n, n_classes), or None
        Class probabilities for classifiers.
    """

    rect: Rect
    inputs: Array
    hidden: tuple[Array, ...]
    output: Array
    proba: Array | None

    @property
    def n(self) -> int:
        """Grid side."""
        return int(self.output.shape[-1])


def grid_points(rect: Rect, n: int) -> Array:
    """Cell centres of an n×n grid over ``rect``, shape (n*n, 2), row-major from the bottom."""
    x0, y0, w, h = rect
    xs = x0 + (np.arange(n) + 0.5) * (w / n)
    ys = y0 + (np.arange(n) + 0.5) * (h / n)
    gx, gy = np.meshgrid(xs, ys)
    return np.column_stack([gx.ravel(), gy.ravel()])


def probe_grid(
    model: Model,
    rect: Rect,
    n: int = 200,
    hidden: bool = True,
    dtype: type[np.floating] = np.float64,
) -> GridProbe:
    """Evaluate ``model`` on an ``n``×``n`` grid over ``rect``.

    Parameters
    ----------
    model : Model
    rect : tuple of float
        ``(x0, y0, width, height)``, width and height > 0.
    n : int
        Grid side (2..2000).
    hidden : bool
        Also return every hidden unit's map (for thumbnails); the output is
        computed either way.
    dtype : numpy float type
        Precision of the pass. ``np.float32`` is several times faster and is
        plenty for pictures; should it overflow where float64 would not, the
        grid is evaluated again in float64.
    """
    points = evaluate_grid(model, rect, n, dtype)
    return GridProbe(
        rect=tuple(float(v) for v in rect),  # type: ignore[arg-type]
        inputs=grid_maps(points.inputs, n),
        hidden=tuple(grid_maps(a, n) for a in points.hidden) if hidden else (),
        output=grid_maps(points.output, n),
        proba=points.proba.reshape(n, n, -1) if points.proba is not None else None,
    )


@dataclass(frozen=True, eq=False)
class GridPoints:
    """A model evaluated on a grid, one row per cell: row ``r * n + c`` is cell (r, c).

    Attributes
    ----------
    inputs : ndarray of shape (n * n, n_features)
    hidden : list of ndarray, each (n * n, units)
    output : ndarray of shape (n * n, n_outputs)
    proba : ndarray of shape (n * n, n_classes), or None
    """

    inputs: Array
    hidden: list[Array]
    output: Array
    proba: Array | None


def evaluate_grid(
    model: Model,
    rect: Rect,
    n: int = 200,
    dtype: type[np.floating] = np.float64,
    inputs: Array | None = None,
) -> GridPoints:
    """Compute what :func:`probe_grid` returns, before it is cut into (units, n, n) maps.

    ``inputs`` may pass ``model.inputs(grid_points(rect, n))`` kept from an earlier call.
    """
    if not 2 <= n <= 2000:
        raise ValueError(f"grid side must be 2..2000, got {n}")
    if not (rect[2] > 0 and rect[3] > 0):
        raise ValueError(f"grid rectangle needs a positive size, got {rect}")
    net = model.network
    x = model.inputs(grid_points(rect, n)) if inputs is None else inputs
    with np.errstate(over="ignore", invalid="ignore"):  # a diverged net may overflow
        layers, logits = layer_outputs(net, x, dtype)
        if np.dtype(dtype) != np.float64 and not np.isfinite(logits).all():
            layers, logits = layer_outputs(net, x, np.float64)
        out = net.loss.link(logits)
        proba = None
        if model.is_classifier and net.loss.proba is not None:
            proba = net.loss.proba(out)
    return GridPoints(x, layers, out, proba)


def grid_maps(a: Array, n: int) -> Array:
    """Cut (n * n, units) grid rows into contiguous (units, n, n) maps."""
    return np.ascontiguousarray(a.T.reshape(-1, n, n))


def layer_outputs(
    net: Network, x: Array, dtype: type[np.floating[Any]] = np.float64
) -> tuple[list[Array], Array]:
    """:meth:`Network.layer_outputs` in ``dtype``, evaluated in blocks of rows (see above)."""
    weights = [w.astype(dtype, copy=False) for w in net.weights]
    biases = [b.astype(dtype, copy=False) for b in net.biases]
    x = x.astype(dtype, copy=False)
    rows = len(x)
    widest = max(w.shape[0] * w.shape[1] for w in weights)
    block = BLOCK_WORK // widest
    if block < MIN_BLOCK_ROWS:
        block = max(rows, 1)
    block = min(block, max(rows, 1))
    hidden = [np.empty((rows, w.shape[1]), dtype=dtype) for w in weights[:-1]]
    logits = np.empty((rows, weights[-1].shape[1]), dtype=dtype)
    z_work = [np.empty((block, w.shape[1]), dtype=dtype) for w in weights[:-1]]
    for lo in range(0, rows, block):
        hi = min(lo + block, rows)
        pre = [z[: hi - lo] for z in z_work]
        pre.append(logits[lo:hi])
        outs = [a[lo:hi] for a in hidden]
        forward_pass(x[lo:hi], weights, biases, net.activations, pre, outs)
    return hidden, logits
