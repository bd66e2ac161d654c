"""The canvas's hover read-out: where the mouse is, and what the network says there.

"x₁ 0.52 · x₂ −1.3 · class 1, 83 %" in the canvas's lower right corner, from the
picture on screen (the boundary, a regression surface or a hovered neuron's map), so
a learner can read the model's confidence anywhere without a second pass through it.
The label is made once; a move only rewrites it.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pyqtgraph as pg
from numpy.typing import NDArray
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPointF
from PySide6.QtWidgets import QLabel

from playground.app.views.numbers import compact

Rect = tuple[float, float, float, float]
Array = NDArray[np.floating]
#: Gap between the read-out and the plot area's edges (px).
MARGIN = 8


def cell(
    values: NDArray[np.floating], rect: Rect, x: float, y: float
) -> NDArray[np.floating] | None:
    """The sample of an image (rows from the bottom of ``rect`` up) under (x, y), or None."""
    x0, y0, width, height = rect
    rows, cols = values.shape[:2]
    if width <= 0 or height <= 0:
        return None
    j = int(np.floor((x - x0) / width * cols))
    i = int(np.floor((y - y0) / height * rows))
    if not (0 <= i < rows and 0 <= j < cols):
        return None
    return np.asarray(values[i, j], dtype=np.float64).reshape(-1)


def output_text(sample: Array | None, task: str) -> str:
    """Word the model's output at one point: its class and confidence, or its value."""
    if sample is None or not sample.size or not np.isfinite(sample).all():
        return ""
    if task == "regression":
        return QCoreApplication.translate("DataCanvas", "ŷ {value}").format(
            value=compact(sample[0])
        )
    if sample.size == 1:  # P(class 1)
        sample = np.array([1.0 - sample[0], sample[0]])
    k = int(np.argmax(sample))
    share = 100.0 * float(sample[k]) / max(float(sample.sum()), 1e-12)
    return QCoreApplication.translate("DataCanvas", "class {k}, {share} %").format(
        k=k, share=f"{share:.0f}"
    )


class CanvasReadout(QObject):
    """A label that follows the mouse over the canvas with ``describe(x, y)``'s words."""

    def __init__(self, plot: pg.PlotWidget, describe: Callable[[float, float], str]) -> None:
        super().__init__(plot)
        self.plot = plot
        self.describe = describe
        self.label = QLabel(plot.viewport())
        self.label.setObjectName("canvasReadout")
        self.label.setStyleSheet(
            "#canvasReadout { background: rgba(255, 255, 255, 220); color: #222222;"
            " border: 1px solid #bbbbbb; border-radius: 4px; padding: 2px 6px; }"
        )
        self.label.hide()
        plot.scene().sigMouseMoved.connect(self._on_scene_mouse_moved)
        plot.viewport().installEventFilter(self)

    @property
    def text(self) -> str:
        """The words shown ("" while hidden)."""
        return self.label.text() if self.label.isVisible() else ""

    def _on_scene_mouse_moved(self, pos: QPointF) -> None:
        view_box = self.plot.getPlotItem().getViewBox()
        if not view_box.sceneBoundingRect().contains(pos):
            self.label.hide()
            return
        point = view_box.mapSceneToView(pos)
        x, y = point.x(), point.y()
        where = QCoreApplication.translate("DataCanvas", "x₁ {x} · x₂ {y}").format(
            x=compact(x, 3), y=compact(y, 3)
        )
        said = self.describe(x, y)
        self.label.setText(f"{where} · {said}" if said else where)
        self.label.adjustSize()
        self.place()
        self.label.show()

    def place(self) -> None:
        """Keep the label in the plot area's lower right corner."""
        area = self.plot.getPlotItem().getViewBox().sceneBoundingRect()
        corner = self.plot.mapFromScene(area.bottomRight())
        self.label.move(
            max(0, corner.x() - self.label.width() - MARGIN),
            max(0, corner.y() - self.label.height() - MARGIN),
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Hide the label when the mouse leaves the canvas."""
        if event.type() == QEvent.Type.Leave:
            self.label.hide()
        return False
