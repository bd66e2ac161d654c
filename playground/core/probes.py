"""Evaluate a model, and every neuron in it, on a regular grid over a rectangle.

One vectorised forward pass over the N×N grid feeds the decision-boundary image
and every neuron's thumbnail. Grid arrays are indexed ``[row, column]`` with row
0 at the bottom (``y = y0``) and column 0 at the left (``x = x0``); cell centres
sit half a cell in from the edges.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from playground.core.model import Model

Array = NDArray[np.float64]
Rect = tuple[float, float, float, float]


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
        return self.output.shape[-1]


def grid_points(rect: Rect, n: int) -> Array:
    """Cell centres of an n×n grid over ``rect``, shape (n*n, 2), row-major from the bottom."""
    x0, y0, w, h = rect
    xs = x0 + (np.arange(n) + 0.5) * (w / n)
    ys = y0 + (np.arange(n) + 0.5) * (h / n)
    gx, gy = np.meshgrid(xs, ys)
    return np.column_stack([gx.ravel(), gy.ravel()])


def probe_grid(model: Model, rect: Rect, n: int = 200, hidden: bool = True) -> GridProbe:
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
    """
    if not 2 <= n <= 2000:
        raise ValueError(f"grid side must be 2..2000, got {n}")
    if not (rect[2] > 0 and rect[3] > 0):
        raise ValueError(f"grid rectangle needs a positive size, got {rect}")
    net = model.network
    x = model.inputs(grid_points(rect, n))
    with np.errstate(over="ignore", invalid="ignore"):  # a diverged net may overflow
        layers, logits = net.layer_outputs(x)
        out = net.loss.link(logits)
        proba = None
        if model.is_classifier and net.loss.proba is not None:
            proba = net.loss.proba(out).reshape(n, n, -1)

    def maps(a: Array) -> Array:
        return np.ascontiguousarray(a.T.reshape(-1, n, n))

    return GridProbe(
        rect=tuple(float(v) for v in rect),  # type: ignore[arg-type]
        inputs=maps(x),
        hidden=tuple(maps(a) for a in layers) if hidden else (),
        output=maps(out),
        proba=proba,
    )
