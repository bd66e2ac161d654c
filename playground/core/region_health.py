"""Where in the input plane a hidden layer's units are saturated or switched off.

The activation lens's figures (``core.diagnostics``) count saturated values and dead
units over the training set; this module asks the same question of every point of a
grid over the input plane, so that the canvas can shade the regions where a layer has
stopped learning: at each point, the share of the layer's units that are

* **saturated**, for squashing activations (sigmoid, tanh): the output lies in a flat
  tail, as :meth:`playground.core.activations.Activation.saturated` defines it (within
  :data:`~playground.core.activations.SATURATION_TAIL` of the range from either bound),
  where the derivative is below about 6 % of its peak;
* **off**, for rectifiers (ReLU, Leaky ReLU, ELU): ``z <= 0``, which for each of them is
  ``a <= 0`` since they grow with ``z`` and pass through 0. There ReLU passes no
  gradient at all (a unit off at every training point is what the diagnostics call
  dead); Leaky ReLU passes 1 % of it and ELU ``e^z``.

Other activations (linear, softplus, SiLU, GELU) have neither state: their share is 0.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

from playground.core.activations import ACTIVATIONS

Array = NDArray[np.float64]

SATURATED = "saturated"
OFF = "off"
#: The rectifiers and the output below which their units are off.
_OFF_AT_OR_BELOW: dict[str, float] = {"relu": 0.0, "leaky_relu": 0.0, "elu": 0.0}


def unit_state(activation: str) -> str | None:
    """Return the state :func:`unit_state_share` counts for ``activation``.

    Returns
    -------
    str or None
        :data:`SATURATED` for squashing activations, :data:`OFF` for rectifiers, None
        for activations that can neither saturate nor switch off.

    Raises
    ------
    KeyError
        For a name that is not a key of :data:`~playground.core.activations.ACTIVATIONS`.
    """
    act = ACTIVATIONS[activation]
    if act.saturation is not None:
        return SATURATED
    return OFF if activation in _OFF_AT_OR_BELOW else None


def unit_state_mask(a: NDArray[np.floating[Any]], activation: str) -> NDArray[np.bool_]:
    """Mark where each output of ``activation`` is saturated or off (see :func:`unit_state`).

    Parameters
    ----------
    a : ndarray of any shape
        Outputs ``a = g(z)`` of the activation; NaN counts as neither state.
    activation : str
        A key of :data:`~playground.core.activations.ACTIVATIONS`.

    Returns
    -------
    ndarray of bool, same shape as ``a``
        All False for activations with neither state.
    """
    state = unit_state(activation)
    values = np.asarray(a)
    if state == SATURATED:
        return ACTIVATIONS[activation].saturated(values)
    if state == OFF:
        return values <= _OFF_AT_OR_BELOW[activation]
    return np.zeros(values.shape, dtype=bool)


def unit_state_share(maps: NDArray[np.floating[Any]], activation: str) -> Array:
    """Return the share of a layer's units saturated or off at each point of a grid.

    Parameters
    ----------
    maps : ndarray of shape (units, t, t)
        Each unit's output ``a`` over the grid (as ``Snapshot.neuron_maps`` holds a
        hidden layer's, row 0 at the bottom); any trailing grid shape works.
    activation : str
        The layer's activation, a key of :data:`~playground.core.activations.ACTIVATIONS`.

    Returns
    -------
    ndarray of shape (t, t), float64 in [0, 1]
        The units in the state over the units with a value (NaN ones left out) at each
        point; 0 where no unit has a value, and everywhere for activations with neither
        state (see :func:`unit_state`).
    """
    values = np.asarray(maps)
    if values.ndim < 1:
        raise ValueError(f"maps need a leading units axis, got shape {values.shape}")
    known = ~np.isnan(values)
    counted = np.count_nonzero(known, axis=0)
    in_state = np.count_nonzero(unit_state_mask(values, activation) & known, axis=0)
    share: Array = np.divide(
        in_state, counted, out=np.zeros(counted.shape, dtype=np.float64), where=counted > 0
    )
    return share


def refine(maps: NDArray[np.floating[Any]], factor: int) -> NDArray[np.floating[Any]]:
    """Resample maps ``factor`` times finer by bilinear interpolation, for smooth shading.

    Parameters
    ----------
    maps : ndarray of shape (units, t, s)
        Values at the centres of a t-by-s grid of equal cells over a rectangle.
    factor : int
        How many fine cells each coarse cell's side is cut into (1: a copy).

    Returns
    -------
    ndarray of shape (units, factor * t, factor * s), same dtype
        Values at the centres of the fine cells over the same rectangle: interpolated
        between the four nearest coarse centres, and held constant beyond the outer
        centres (the half cell at each edge).
    """
    if factor < 1:
        raise ValueError(f"factor must be at least 1, got {factor}")
    values = np.asarray(maps)
    if values.ndim != 3:
        raise ValueError(f"maps must be (units, t, s), got shape {values.shape}")
    out = values
    for axis in (1, 2):
        n = values.shape[axis]
        # Fine centres in coarse index units: coarse centre i sits at i.
        u = np.clip((np.arange(factor * n) + 0.5) / factor - 0.5, 0.0, n - 1.0)
        lo = np.floor(u).astype(np.intp)
        hi = np.minimum(lo + 1, n - 1)
        shape = [1, 1, 1]
        shape[axis] = -1
        w = (u - lo).astype(values.dtype).reshape(shape)
        out = np.take(out, lo, axis=axis) * (1 - w) + np.take(out, hi, axis=axis) * w
    return out
