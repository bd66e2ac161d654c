"""Vectorised colouring of decision boundaries, regression surfaces and neuron maps."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from playground.app.views.canvas.palette import CLASS_RGB, diverging_rgb

#: Strongest tint of the background (1 = pure class colour); keeps the points readable on top.
MAX_TINT = 0.5
#: Tint of regression surfaces and neuron maps.
SURFACE_TINT = 0.6
#: Number of colour bands in discretised regression surfaces.
REGRESSION_BANDS = 10

_WHITE = np.float32(255.0)


def class_probabilities(values: ArrayLike) -> NDArray[np.float32]:
    """Return (n, m, k>=2) probabilities; a single channel or an (n, m) array is P(class 1)."""
    p = as_float32(values)
    if p.ndim == 2:
        p = p[:, :, None]
    if p.ndim != 3:
        raise ValueError(f"expected (n, m, k) probabilities, got shape {p.shape}")
    if p.shape[2] == 1:
        p = np.concatenate((1.0 - p, p), axis=2)
    return p


def tint(rgb: NDArray[np.float32], strength: NDArray[np.float32] | float) -> NDArray[np.uint8]:
    """Blend ``rgb`` (float, 0..255) with white: strength 0 gives white, 1 the colour itself."""
    s = np.asarray(strength, dtype=np.float32)
    if s.ndim:
        s = s[..., None]
    out = _WHITE - s * (_WHITE - rgb)
    return (out + np.float32(0.5)).astype(np.uint8)


def _max_and_argmax(p: NDArray[np.float32]) -> tuple[NDArray[np.float32], NDArray[np.intp]]:
    """Return the largest channel of (n, k) ``p`` and its index (a loop over k, not pixels)."""
    best = p[:, 0].copy()
    index = np.zeros(len(p), dtype=np.intp)
    for c in range(1, p.shape[1]):
        channel = p[:, c]
        np.putmask(index, channel > best, c)
        np.maximum(best, channel, out=best)
    return best, index


def _blend(flat: NDArray[np.float32], colors: NDArray[np.float32]) -> NDArray[np.uint8]:
    """Colour (n, k) probabilities: blended class colours, paler where less confident."""
    k = flat.shape[1]
    best, _index = _max_and_argmax(flat)
    total = flat @ np.ones(k, dtype=np.float32)
    np.maximum(total, np.float32(1e-12), out=total)
    mixed = (flat @ colors) / total[:, None]
    confidence = (best / total - np.float32(1.0 / k)) * np.float32(k / (k - 1.0))
    np.clip(confidence, 0.0, 1.0, out=confidence)
    return tint(mixed, MAX_TINT * confidence)


#: Steps of P(class 1) in the two-class colour table (colours within one unit of exact).
BINARY_STEPS = 4096
_binary_table: NDArray[np.uint8] | None = None


def _binary_rgb(p1: NDArray[np.float32]) -> NDArray[np.uint8]:
    """Colour P(class 1) (n,) by table: two classes' colours depend on that one number."""
    global _binary_table
    if _binary_table is None:
        q = np.linspace(0.0, 1.0, BINARY_STEPS + 1, dtype=np.float32)
        _binary_table = _blend(np.column_stack((1.0 - q, q)), CLASS_RGB[:2].astype(np.float32))
    index = np.clip(p1, 0.0, 1.0)
    index *= np.float32(BINARY_STEPS)
    index += np.float32(0.5)
    return np.take(_binary_table, index.astype(np.int32), axis=0)  # 4x faster than [index]


def classification_rgb(values: ArrayLike, discretize: bool = False) -> NDArray[np.uint8]:
    """Colour class probabilities (n, m, k): blended class colours, paler where less confident.

    With ``discretize`` each pixel takes the full tint of its most probable class.
    """
    v = as_float32(values)
    if not discretize and v.ndim in (2, 3) and (v.ndim == 2 or v.shape[2] <= 2):
        # Two classes (every two-class frame's 200x200 boundary): by table, 10x faster.
        p1 = v if v.ndim == 2 else v[:, :, -1]
        if v.ndim == 3 and v.shape[2] == 2:
            p1 = p1 / np.maximum(v[:, :, 0] + p1, np.float32(1e-12))
        return _binary_rgb(np.ascontiguousarray(p1).reshape(-1)).reshape(*p1.shape, 3)
    p = class_probabilities(v)
    n, m, k = p.shape
    flat = p.reshape(-1, k)
    colors = CLASS_RGB[:k].astype(np.float32)
    if discretize:
        _best, index = _max_and_argmax(flat)
        return tint(colors[index], MAX_TINT).reshape(n, m, 3)
    return _blend(flat, colors).reshape(n, m, 3)


def value_range(values: ArrayLike) -> tuple[float, float]:
    """Return a colour range for real values: symmetric around 0 when they change sign."""
    v = np.asarray(values, dtype=np.float64)
    v = v[np.isfinite(v)]
    if not len(v):
        return (-1.0, 1.0)
    lo, hi = float(v.min()), float(v.max())
    if lo < 0.0 < hi or lo == hi:
        a = max(abs(lo), abs(hi), 1e-6)
        return (-a, a)
    return (lo, hi)


_F32_MAX = float(np.finfo(np.float32).max) / 4


def as_float32(values: ArrayLike) -> NDArray[np.float32]:
    """Cast to float32 for colouring, clipping huge or non-finite values instead of warning.

    Float32 input that needs neither is returned as it is (not copied).
    """
    v = np.asarray(values)
    if v.dtype == np.float32 and v.size:
        lo, hi = float(v.min()), float(v.max())  # NaN fails both tests below
        if lo >= -_F32_MAX and hi <= _F32_MAX:
            return v
    wide = np.asarray(values, dtype=np.float64)
    return np.nan_to_num(np.clip(wide, -_F32_MAX, _F32_MAX), nan=0.0).astype(np.float32)


def regression_rgb(
    values: ArrayLike, lo: float, hi: float, discretize: bool = False
) -> NDArray[np.uint8]:
    """Colour predicted values (n, m) with the diverging map; ``discretize`` bands them."""
    span = abs(hi - lo) or 1.0
    v = as_float32(np.clip(np.asarray(values, dtype=np.float64), lo - span, hi + span))
    if v.ndim == 3:
        v = v[:, :, 0]
    if discretize:
        width = np.float32((hi - lo) / REGRESSION_BANDS or 1.0)
        band = np.clip(np.floor((v - np.float32(lo)) / width), 0, REGRESSION_BANDS - 1)
        v = np.float32(lo) + (band + np.float32(0.5)) * width
    return tint(diverging_rgb(v, lo, hi).astype(np.float32), SURFACE_TINT)


def neuron_rgb(values: ArrayLike) -> tuple[NDArray[np.uint8], float]:
    """Colour one neuron's activations (n, m) symmetrically around 0; return image and scale."""
    v = as_float32(values)
    finite = v[np.isfinite(v)]
    scale = float(np.abs(finite).max()) if len(finite) else 1.0
    scale = max(scale, 1e-6)
    return tint(diverging_rgb(v, -scale, scale).astype(np.float32), SURFACE_TINT), scale


def boundary_rgb(
    values: NDArray[np.floating], task: str, value_range: tuple[float, float], discretize: bool
) -> tuple[NDArray[np.uint8], NDArray[np.float32] | None]:
    """Colour a decision boundary or regression surface, as the canvas and the tiles show it.

    Returns the (n, m, 3) picture and, for two classes, P(class 1) on the grid for the
    0.5 contour (None otherwise).
    """
    if task == "regression":
        return regression_rgb(values, *value_range, discretize=discretize), None
    rgb = classification_rgb(values, discretize=discretize)
    if task != "binary":
        return rgb, None
    p1 = values if values.ndim == 2 else values[:, :, -1]
    return rgb, np.asarray(p1, dtype=np.float32)
