"""A vectorised marching-squares isocurve, fast enough to redraw at every training frame."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from numpy.typing import NDArray
from PySide6.QtGui import QPainterPath

# Cell corners: bit 1 = (i, j), 2 = (i, j+1), 4 = (i+1, j+1), 8 = (i+1, j), where i is the row (y).
# Cell edges: 0 = bottom (row i), 1 = right (column j+1), 2 = top (row i+1), 3 = left (column j).
_SEGMENTS: dict[int, tuple[tuple[int, int], ...]] = {
    1: ((0, 3),),
    2: ((0, 1),),
    3: ((1, 3),),
    4: ((1, 2),),
    5: ((0, 1), (2, 3)),
    6: ((0, 2),),
    7: ((2, 3),),
    8: ((2, 3),),
    9: ((0, 2),),
    10: ((0, 3), (1, 2)),
    11: ((1, 2),),
    12: ((1, 3),),
    13: ((0, 1),),
    14: ((0, 3),),
}


def _crossing(a: NDArray[np.float64], b: NDArray[np.float64], level: float) -> NDArray:
    """Return where ``level`` falls between ``a`` and ``b`` as a fraction in [0, 1]."""
    with np.errstate(divide="ignore", invalid="ignore"):
        t = (level - a) / (b - a)
    return np.clip(np.nan_to_num(t, nan=0.5), 0.0, 1.0)


def isocurve_segments(values: NDArray, level: float) -> NDArray[np.float64]:
    """Return the ``level`` contour of ``values`` (rows = y) as segments, shape (s, 2, 2).

    Sample ``values[i, j]`` sits at (x, y) = (j + 0.5, i + 0.5), the centre of image pixel (i, j).
    """
    v = np.asarray(values, dtype=np.float64)
    if v.ndim != 2 or min(v.shape) < 2:
        return np.empty((0, 2, 2))
    above = v > level
    case = (
        above[:-1, :-1] * 1 + above[:-1, 1:] * 2 + above[1:, 1:] * 4 + above[1:, :-1] * 8
    ).astype(np.int8)
    v00, v01, v11, v10 = v[:-1, :-1], v[:-1, 1:], v[1:, 1:], v[1:, :-1]
    # Crossing point on each edge, relative to the cell's lower-left sample.
    edge_x = (_crossing(v00, v01, level), np.ones_like(v00), _crossing(v10, v11, level), 0 * v00)
    edge_y = (0 * v00, _crossing(v01, v11, level), np.ones_like(v00), _crossing(v00, v10, level))
    parts = []
    for code, pairs in _SEGMENTS.items():
        rows, cols = np.nonzero(case == code)
        if not len(rows):
            continue
        for e0, e1 in pairs:
            seg = np.empty((len(rows), 2, 2))
            seg[:, 0, 0] = cols + edge_x[e0][rows, cols]
            seg[:, 0, 1] = rows + edge_y[e0][rows, cols]
            seg[:, 1, 0] = cols + edge_x[e1][rows, cols]
            seg[:, 1, 1] = rows + edge_y[e1][rows, cols]
            parts.append(seg)
    if not parts:
        return np.empty((0, 2, 2))
    return np.concatenate(parts) + 0.5


class FastIsocurveItem(pg.IsocurveItem):
    """An :class:`pyqtgraph.IsocurveItem` for row-major data whose path is built by NumPy."""

    def __init__(self, level: float = 0.5, pen: object = "k") -> None:
        super().__init__(data=None, level=level, pen=pen, axisOrder="row-major")

    def generatePath(self) -> None:
        """Rebuild the painter path from the current data."""
        if self.data is None:
            self.path = None
            return
        seg = isocurve_segments(self.data, self.level)
        if not len(seg):
            self.path = QPainterPath()
            return
        self.path = pg.arrayToQPath(seg[:, :, 0].ravel(), seg[:, :, 1].ravel(), connect="pairs")
