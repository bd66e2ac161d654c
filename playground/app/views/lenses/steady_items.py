"""Pieces that keep a lens's repaint small while it updates several times a second.

A histogram's value axis moves only in steps (:func:`share_top`), a label beside a
plot grows but never shrinks (:class:`GrowingLabel`): a new figure of the same width
then changes no layout, and nothing but the label itself is painted again. A scatter
whose points only moved keeps their styles (:func:`move_points`).
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from numpy.typing import NDArray

#: The tops a share axis may have: a histogram's tallest bar picks the lowest that fits.
SHARE_TOPS = (0.02, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.8, 1.0)
#: A top is kept while the tallest bar reaches at least this share of it.
KEEP = 0.5


def share_top(peak: float, current: float | None = None) -> float:
    """The top of a share axis for a tallest bar of ``peak`` (0..1), keeping ``current``.

    The current top is kept while ``KEEP * current <= peak <= current``; otherwise the
    lowest of :data:`SHARE_TOPS` above the peak (with a little room) is taken.
    """
    if current is not None and KEEP * current <= peak <= current:
        return current
    return next((top for top in SHARE_TOPS if top >= 1.05 * peak), SHARE_TOPS[-1])


class GrowingLabel(pg.LabelItem):  # type: ignore[misc]  # pyqtgraph has no type information
    """A label item that asks its layout for more room only when a text needs more.

    pyqtgraph's label resets its minimum size to each new text, and its layout then
    places every item of the plot grid again: a figure changing from 9% to 10% moved
    all the plots beside it.
    """

    def updateMin(self) -> None:
        """Keep the size asked for while the text fits it; grow it when it does not."""
        bounds = self.itemRect()
        hint = getattr(self, "_sizeHint", {}).get(pg.QtCore.Qt.SizeHint.MinimumSize)
        if hint is not None:
            width, height = hint
            if bounds.width() <= width and bounds.height() <= height:
                self._fits = True
                return
        self._fits = False
        super().updateMin()

    def updateGeometry(self) -> None:
        """Tell the layout only when the size asked for changed."""
        if getattr(self, "_fits", False):
            return
        super().updateGeometry()


def move_points(
    scatter: pg.ScatterPlotItem, x: NDArray[np.float64], y: NDArray[np.float64]
) -> None:
    """Give a scatter's points new places, keeping each point's pen, brush and symbol.

    ``setData`` makes every point anew, with its per-point styles: most of the cost of a
    frame of a few hundred styled points. With as many points as before, only their
    coordinates change here, as ``setData`` would leave them.
    """
    data = getattr(scatter, "data", None)
    names = getattr(getattr(data, "dtype", None), "names", None) or ()
    if data is None or len(x) != len(y) or not {"x", "y", "item"} <= set(names):
        scatter.setData(x=x, y=y)  # a pyqtgraph that keeps its points otherwise
        return
    if len(data) != len(x):
        scatter.setData(x=x, y=y)  # only for a caller's mistake: styles are lost
        return
    data["x"] = x
    data["y"] = y
    data["item"] = None  # spot items hold their old places
    scatter.prepareGeometryChange()
    scatter.informViewBoundsChanged()
    scatter.bounds = [None, None]
    scatter.invalidate()
    scatter.sigPlotChanged.emit(scatter)
