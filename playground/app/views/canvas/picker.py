"""Picking a data point on the canvas: while on, a left click chooses the nearest point.

The backprop inspector turns it on. Its filter sits in front of the brush's, so a click
that picks a point paints nothing; with picking off, every event goes on to the brush.
The chosen point is ringed until another is chosen or the ring is cleared.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QMouseEvent

from playground.core.datasets import Dataset

RING_SIZE = 20


class PointPicker(QObject):
    """Filters a plot's viewport while on; emits ``picked(index)`` into the data set's points."""

    picked = Signal(int)

    def __init__(
        self, plot: pg.PlotWidget, dataset: Callable[[], Dataset | None], parent: QObject
    ) -> None:
        super().__init__(parent)
        self._plot = plot
        self._vb: pg.ViewBox = plot.getViewBox()
        self._dataset = dataset
        self.active = False
        self.ring = pg.ScatterPlotItem(
            size=RING_SIZE,
            pxMode=True,
            symbol="o",
            brush=pg.mkBrush(0, 0, 0, 0),
            pen=pg.mkPen("#111111", width=2.5),
        )
        self.ring.setZValue(20)
        self._vb.addItem(self.ring, ignoreBounds=True)
        plot.viewport().installEventFilter(self)  # after the brush: it sees events first

    def set_active(self, on: bool) -> None:
        """Pick with the left button (True) or leave the mouse to the brush (False)."""
        self.active = bool(on)
        cursor = Qt.CursorShape.CrossCursor if self.active else Qt.CursorShape.ArrowCursor
        self._plot.viewport().setCursor(cursor)

    def show_ring(self, x: float | None, y: float | None = None) -> None:
        """Ring the point at (x, y) in data coordinates; None clears the ring."""
        if x is None or y is None:
            self.ring.setData([], [])
        else:
            self.ring.setData([float(x)], [float(y)])

    def nearest(self, x: float, y: float) -> int | None:
        """The index of the data point nearest (x, y), or None without points."""
        dataset = self._dataset()
        if dataset is None or not len(dataset):
            return None
        return int(np.argmin(np.sum((dataset.x - (x, y)) ** 2, axis=1)))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """While on: a left press in the plot area picks; the left button's events stop here."""
        if not self.active or not isinstance(event, QMouseEvent):
            return False
        if event.button() != Qt.MouseButton.LeftButton and not (
            event.buttons() & Qt.MouseButton.LeftButton
        ):
            return False
        if event.type() == QEvent.Type.MouseButtonPress:
            scene_pos = self._plot.mapToScene(event.position().toPoint())
            if not self._vb.sceneBoundingRect().contains(scene_pos):
                return False
            pos = self._vb.mapSceneToView(scene_pos)
            index = self.nearest(pos.x(), pos.y())
            if index is not None:
                self.picked.emit(index)
        return True
