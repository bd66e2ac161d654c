"""Curves thinned to what a plot can show: the min and max of each pixel-wide bin.

A long run's history holds tens of thousands of noisy rows; drawing them all costs
the GUI thread tens of milliseconds a frame for nothing a screen can show. Binning
by epoch keeps every spike (the envelope of each bin) in at most ``2 * bins`` points.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

Array = NDArray[np.float64]

#: Bins across a plot's width: about one per pixel of the plots at 1280x800.
DEFAULT_BINS = 400


def envelope(x: Array, columns: Array, bins: int = DEFAULT_BINS) -> tuple[Array, Array]:
    """Each bin's lowest and highest value, at the bin's first and last epoch.

    Parameters
    ----------
    x : ndarray of shape (n,)
        Increasing epochs.
    columns : ndarray of shape (n,) or (n, k)
        One or more series over ``x``; NaN (no value) is ignored within a bin.
    bins : int
        Bins of equal width in ``x``.

    Returns
    -------
    x_out : ndarray of shape (m,)
    columns_out : ndarray of shape (m,) or (m, k)
        The data unchanged when ``n <= 2 * bins``; otherwise, for every bin that
        holds points, its minimum at its first epoch and its maximum at its last,
        so ``m <= 2 * bins``. A bin whose values are all NaN stays NaN (a gap).
    """
    x = np.asarray(x, dtype=np.float64)
    values = np.asarray(columns, dtype=np.float64)
    n = len(x)
    if n <= 2 * bins or n < 2:
        return x, values
    flat = values.reshape(n, -1)
    edges = np.linspace(x[0], x[-1], bins + 1)
    which = np.clip(np.searchsorted(edges, x, side="right") - 1, 0, bins - 1)
    starts = np.flatnonzero(np.r_[True, which[1:] != which[:-1]])
    ends = np.r_[starts[1:], n] - 1
    with np.errstate(invalid="ignore"):
        lows = np.fmin.reduceat(flat, starts, axis=0)
        highs = np.fmax.reduceat(flat, starts, axis=0)
    x_out = np.empty(2 * len(starts))
    x_out[0::2], x_out[1::2] = x[starts], x[ends]
    out = np.empty((2 * len(starts), flat.shape[1]))
    out[0::2], out[1::2] = lows, highs
    return x_out, out.reshape(-1) if values.ndim == 1 else out
