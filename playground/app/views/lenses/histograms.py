"""The activation lens's histograms: fixed bins over each activation's range, and their bars.

Pure NumPy on the values of a point pass; the lens (:mod:`.activation_lens`) draws them.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import ArrayLike, NDArray

from playground.app.views.numbers import DASH
from playground.core.activations import SATURATION_TAIL

Array = NDArray[np.float64]

BINS = 30
#: The fixed range of each activation's histogram; ranges of bounded ones are theirs.
VALUE_RANGES: dict[str, tuple[float, float]] = {
    "sigmoid": (0.0, 1.0),
    "tanh": (-1.0, 1.0),
    "relu": (0.0, 5.0),
    "leaky_relu": (-0.5, 5.0),
    "elu": (-1.0, 5.0),
    "softplus": (0.0, 5.0),
    "silu": (-0.5, 5.0),
    "gelu": (-0.5, 5.0),
    "linear": (-5.0, 5.0),
}
#: The range of the pre-activation histograms, whatever the activation.
PRE_RANGE = (-6.0, 6.0)
#: The share of a squashing function's range that counts as its flat tail at each end
#: (as in ``Activation.saturated``); shaded on the histogram.
TAIL = SATURATION_TAIL
#: Hover targets per bar: a column of points from its foot to its top, so that the
#: mouse anywhere over a bar is nearest one of its own.
COLUMN_POINTS = 8


def value_range(activation: str, mode: str) -> tuple[float, float]:
    """The histogram range of a layer with ``activation`` showing ``a`` or ``z``."""
    return PRE_RANGE if mode == "z" else VALUE_RANGES.get(activation, (-5.0, 5.0))


def histogram(values: ArrayLike, low: float, high: float, bins: int = BINS) -> tuple[Array, Array]:
    """Shares of ``values`` in ``bins`` equal bins over [low, high], ends included.

    Returns the bin edges (bins + 1,) and the share of the finite values in each bin
    (bins,), values outside the range counted in the end bins; all zero without values.
    """
    flat = np.asarray(values, dtype=np.float64).reshape(-1)
    flat = np.clip(flat[np.isfinite(flat)], low, high)
    edges = np.linspace(low, high, bins + 1)
    counts, _ = np.histogram(flat, bins=edges)
    shares = counts / max(len(flat), 1)
    return edges, shares.astype(np.float64)


def percent(value: float | None) -> str:
    """``12%``, or a dash where the figure does not apply."""
    return DASH if value is None or not math.isfinite(value) else f"{value:.0%}"


def edge_text(value: float) -> str:
    """A bin edge with two decimals, never ``-0.00``."""
    return f"{round(value, 2) + 0.0:.2f}"


def bar_columns(edges: Array, shares: Array) -> tuple[Array, Array]:
    """The hover targets of bars: :data:`COLUMN_POINTS` per bar, up its centre (bin-major)."""
    centres = 0.5 * (edges[:-1] + edges[1:])
    x = np.repeat(centres, COLUMN_POINTS)
    y = (shares[:, None] * np.linspace(0.0, 1.0, COLUMN_POINTS)[None, :]).reshape(-1)
    return x, y
