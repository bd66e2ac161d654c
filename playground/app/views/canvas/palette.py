"""Colour-blind-safe colours for classes (Okabe-Ito) and a diverging map for real values."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from numpy.typing import ArrayLike, NDArray
from PySide6.QtGui import QColor

#: Okabe-Ito colours, one per class (orange and blue first, as in TensorFlow Playground).
CLASS_COLORS: tuple[str, ...] = (
    "#E69F00",  # orange
    "#0072B2",  # blue
    "#009E73",  # bluish green
    "#D55E00",  # vermillion
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#F0E442",  # yellow
    "#000000",  # black
)
CLASS_NAMES: tuple[str, ...] = (
    "orange",
    "blue",
    "green",
    "vermillion",
    "purple",
    "sky blue",
    "yellow",
    "black",
)
#: The same colours as an (8, 3) uint8 RGB array.
CLASS_RGB: NDArray[np.uint8] = np.array(
    [[int(c[i : i + 2], 16) for i in (1, 3, 5)] for c in CLASS_COLORS], dtype=np.uint8
)

#: Stops of the diverging map: negative values orange, zero white, positive values blue.
REGRESSION_STOPS: tuple[tuple[float, str], ...] = (
    (0.0, "#B35806"),
    (0.25, "#E69F00"),
    (0.5, "#F7F7F7"),
    (0.75, "#56B4E9"),
    (1.0, "#0B4F8A"),
)
#: The diverging map as a pyqtgraph ColorMap (for legends and colour bars).
REGRESSION_COLORMAP = pg.ColorMap(
    [pos for pos, _ in REGRESSION_STOPS], [QColor(c) for _, c in REGRESSION_STOPS]
)
#: The diverging map as a (256, 3) uint8 look-up table.
REGRESSION_LUT: NDArray[np.uint8] = np.ascontiguousarray(
    REGRESSION_COLORMAP.getLookupTable(0.0, 1.0, 256, alpha=False), dtype=np.uint8
)


def class_color(label: int) -> QColor:
    """Return the QColor of class ``label``."""
    return QColor(CLASS_COLORS[int(label) % len(CLASS_COLORS)])


def diverging_rgb(values: ArrayLike, lo: float, hi: float) -> NDArray[np.uint8]:
    """Map ``values`` to RGB through :data:`REGRESSION_LUT`; ``lo``..``hi`` spans the map."""
    v = np.asarray(values, dtype=np.float32)
    span = float(hi - lo) or 1.0
    idx: NDArray[np.float32] = np.clip(
        (v - np.float32(lo)) * np.float32(255.0 / span) + np.float32(0.5), 0.0, 255.0
    )
    return REGRESSION_LUT[np.nan_to_num(idx, nan=128.0).astype(np.intp)]
