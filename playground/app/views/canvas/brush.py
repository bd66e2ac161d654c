"""Mouse painting on the data canvas: strokes of brush dabs that add or erase points."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QObject, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QMouseEvent, QPen
from PySide6.QtWidgets import QGraphicsEllipseItem

from playground.app.state.data_model import brush_points
from playground.core.config import MAX_CLASSES

if TYPE_CHECKING:
    from playground.app.state.data_model import DataModel

TOOLS: tuple[str, ...] = ("paint", "erase")
#: Distance between two dabs of a paint stroke, in brush radii.
PAINT_SPACING = 1.0
#: Distance between two dabs of an erase stroke, in brush radii.
ERASE_SPACING = 0.5

_PRESS_EVENTS = (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick)


class BrushTool(QObject):
    """Filters a plot's viewport events: left paints (or erases in eraser mode), right erases.

    Every other button and the wheel go on to pyqtgraph, so middle-drag pans and the wheel zooms.
    """

    def __init__(self, plot: pg.PlotWidget, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._plot = plot
        self._vb: pg.ViewBox = plot.getViewBox()
        self._model: DataModel | None = None
        self._radius = 0.5
        self._density = 5
        self._label: int | float = 0
        self._tool = "paint"
        self._stroke: str | None = None
        self._stroke_button = Qt.MouseButton.NoButton
        self._last_dab = np.zeros(2)
        self._paint_color = QColor("#333333")
        self.cursor = QGraphicsEllipseItem()
        self.cursor.setZValue(100)
        self.cursor.setVisible(False)
        self._vb.addItem(self.cursor, ignoreBounds=True)
        self._update_cursor_pen()
        plot.viewport().setMouseTracking(True)
        plot.viewport().installEventFilter(self)

    @property
    def model(self) -> DataModel | None:
        """The data model being edited, if any."""
        return self._model

    @property
    def tool(self) -> str:
        """The left-button tool: ``paint`` or ``erase``."""
        return self._tool

    @property
    def radius(self) -> float:
        """Brush radius in data units."""
        return self._radius

    @property
    def density(self) -> int:
        """Points added per dab."""
        return self._density

    @property
    def label(self) -> int | float:
        """Class (or regression target) that painting adds."""
        return self._label

    def set_model(self, model: DataModel | None) -> None:
        """Edit ``model`` from now on (None disables painting)."""
        self._finish_stroke()
        self._model = model

    def set_brush(self, radius: float, density: int) -> None:
        """Set the brush radius (data units) and points per dab."""
        self._radius = max(float(radius), 1e-3)
        self._density = max(int(density), 1)
        self._move_cursor(self.cursor.rect().center())

    def set_label(self, label: int | float) -> None:
        """Set the class or target value that painting adds."""
        self._label = label

    def set_paint_color(self, color: QColor) -> None:
        """Set the colour of the brush outline in paint mode."""
        self._paint_color = QColor(color)
        self._update_cursor_pen()

    def set_tool(self, tool: str) -> None:
        """Choose what the left button does: ``paint`` or ``erase``."""
        if tool not in TOOLS:
            raise ValueError(f"unknown tool {tool!r}; choose from {', '.join(TOOLS)}")
        self._tool = tool
        self._update_cursor_pen()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Turn left/right presses, drags and releases inside the plot area into strokes."""
        kind = event.type()
        if kind == QEvent.Type.Leave:
            self.cursor.setVisible(False)
            return False
        if not isinstance(event, QMouseEvent):
            return False
        scene_pos = self._plot.mapToScene(event.position().toPoint())
        pos = self._vb.mapSceneToView(scene_pos)
        if kind in _PRESS_EVENTS:
            inside = self._vb.sceneBoundingRect().contains(scene_pos)
            if self._stroke is not None or not inside or self._model is None:
                return self._stroke is not None
            if event.button() == Qt.MouseButton.LeftButton:
                self._start_stroke(self._tool, event.button(), pos)
                return True
            if event.button() == Qt.MouseButton.RightButton:
                self._start_stroke("erase", event.button(), pos)
                return True
            return False
        if kind == QEvent.Type.MouseMove:
            self._move_cursor(pos)
            self.cursor.setVisible(self._vb.sceneBoundingRect().contains(scene_pos))
            if self._stroke is None:
                return False
            self._continue_stroke(pos)
            return True
        if kind == QEvent.Type.MouseButtonRelease and self._stroke is not None:
            if event.button() == self._stroke_button:
                self._continue_stroke(pos)
                self._finish_stroke()
            return True
        return False

    def _start_stroke(self, mode: str, button: Qt.MouseButton, pos: QPointF) -> None:
        """Begin one undoable stroke with a dab at ``pos``."""
        assert self._model is not None
        self._stroke = mode
        self._stroke_button = button
        self._update_cursor_pen()
        self._model.begin_stroke()
        self._last_dab = np.array([pos.x(), pos.y()])
        self._dab(self._last_dab)

    def _continue_stroke(self, pos: QPointF) -> None:
        """Place dabs evenly along the path from the last dab to ``pos``."""
        target = np.array([pos.x(), pos.y()])
        spacing = self._radius * (PAINT_SPACING if self._stroke == "paint" else ERASE_SPACING)
        delta = target - self._last_dab
        dist = float(math.hypot(*delta))
        steps = int(dist // spacing)
        for k in range(1, steps + 1):
            self._dab(self._last_dab + delta * (k * spacing / dist))
        if steps:
            self._last_dab = self._last_dab + delta * (steps * spacing / dist)
        if self._stroke == "erase" and self._model is not None:
            self._model.erase(target, self._radius)

    def _finish_stroke(self) -> None:
        """Close the stroke so that it becomes one undo step."""
        if self._stroke is None:
            return
        self._stroke = None
        self._stroke_button = Qt.MouseButton.NoButton
        self._update_cursor_pen()
        if self._model is not None:
            self._model.end_stroke()

    def _dab(self, center: np.ndarray) -> None:
        """Add or erase points under one brush print."""
        model = self._model
        if model is None:
            return
        if self._stroke == "erase":
            model.erase(center, self._radius)
            return
        label = self._label
        if model.dataset.task == "regression":
            value: int | float = float(label)
        else:
            # A class the palette offers beyond the data's is its first point (the data grows).
            value = min(max(round(float(label)), 0), MAX_CLASSES - 1)
        model.add_points(brush_points(center, self._radius, self._density, model.rng), value)

    def _move_cursor(self, pos: QPointF) -> None:
        """Centre the brush outline on ``pos``."""
        r = self._radius
        self.cursor.setRect(QRectF(pos.x() - r, pos.y() - r, 2 * r, 2 * r))

    def _update_cursor_pen(self) -> None:
        """Outline the brush in the paint colour, or dashed grey when erasing."""
        erasing = (self._stroke or self._tool) == "erase"
        pen = QPen(QColor("#444444") if erasing else self._paint_color)
        pen.setCosmetic(True)
        pen.setWidthF(1.5)
        if erasing:
            pen.setStyle(Qt.PenStyle.DashLine)
        self.cursor.setPen(pen)
