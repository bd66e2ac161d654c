"""Colours of the network diagram: a colour-blind-safe diverging map and the light theme."""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray
from PySide6.QtGui import QColor

#: Stops of the diverging map, negative (orange) to zero (near white) to positive (blue).
#: Orange and blue stay apart under the common colour-vision deficiencies (PuOr / RdBu hues).
DIVERGING_STOPS: tuple[str, ...] = (
    "#e66101",
    "#f5a04f",
    "#fdd4a6",
    "#f7f7f7",
    "#c9def0",
    "#6aa9d6",
    "#1f6fb4",
)
LUT_SIZE = 256

BACKGROUND = QColor("#ffffff")
TEXT = QColor("#2b3137")
TEXT_MUTED = QColor("#7b858e")
TEXT_DISABLED = QColor("#b4bac0")
NODE_BORDER = QColor("#4d5760")
NODE_BORDER_OFF = QColor("#c9ced3")
NODE_FILL_OFF = QColor("#f1f3f5")
HOVER_BORDER = QColor("#111417")
SUMMARY_FILL = QColor("#f4f6f8")
SUMMARY_BORDER = QColor("#9aa3ab")
RULE = QColor("#d5dade")


def _hex_to_rgb(code: str) -> tuple[int, int, int]:
    """Parse '#rrggbb' into an (r, g, b) tuple."""
    return int(code[1:3], 16), int(code[3:5], 16), int(code[5:7], 16)


def diverging_rgb(n: int = LUT_SIZE) -> np.ndarray:
    """Return the diverging map sampled at n points as a (n, 3) uint8 array."""
    stops = np.array([_hex_to_rgb(code) for code in DIVERGING_STOPS], dtype=np.float64)
    where = np.linspace(0.0, 1.0, len(stops))
    t = np.linspace(0.0, 1.0, n)
    rgb = np.stack([np.interp(t, where, stops[:, c]) for c in range(3)], axis=1)
    return np.rint(rgb).astype(np.uint8)


def diverging_lut(n: int = LUT_SIZE) -> np.ndarray:
    """Return the diverging map as n opaque 0xAARRGGBB uint32 values (QImage.Format_RGB32)."""
    rgb = diverging_rgb(n).astype(np.uint32)
    return (0xFF000000 | (rgb[:, 0] << 16) | (rgb[:, 1] << 8) | rgb[:, 2]).astype(np.uint32)


LUT = diverging_lut()
LUT_COLORS: tuple[QColor, ...] = tuple(
    QColor(int(r), int(g), int(b)) for r, g, b in diverging_rgb()
)


def layer_range(values: np.ndarray) -> tuple[float, float]:
    """Return a symmetric (-m, m) range from the largest |value| (m > 0 even for all zeros)."""
    peak = float(np.max(np.abs(values))) if values.size else 0.0
    peak = peak if np.isfinite(peak) and peak > 1e-12 else 1.0
    return -peak, peak


def colorize_into(values: np.ndarray, lo: float, hi: float, out: np.ndarray) -> np.ndarray:
    """Map values (n, t, t) onto the LUT into out (n, t, t) uint32, flipping rows so y grows up."""
    scale = (LUT_SIZE - 1) / (hi - lo) if hi > lo else 0.0
    index = (values[:, ::-1, :] - lo) * scale
    np.nan_to_num(index, copy=False, nan=(LUT_SIZE - 1) / 2)
    np.clip(index, 0, LUT_SIZE - 1, out=index)
    np.take(LUT, index.astype(np.intp), out=out)
    return out


def lut_index(signed: NDArray[np.float64]) -> NDArray[np.intp]:
    """Map values in [-1, 1] onto integer LUT positions."""
    index = np.rint((np.clip(signed, -1.0, 1.0) + 1.0) * ((LUT_SIZE - 1) / 2))
    return index.astype(np.intp)
