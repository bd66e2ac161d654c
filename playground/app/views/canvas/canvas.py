"""The data canvas: points, decision boundary, neuron maps and a paint brush on one plot."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import pyqtgraph as pg
from numpy.typing import ArrayLike, NDArray
from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Signal
from PySide6.QtGui import QBrush, QColor, QPen
from PySide6.QtWidgets import QGraphicsItem, QLabel, QVBoxLayout, QWidget

from playground.app.views.canvas.brush import BrushTool
from playground.app.views.canvas.contour import FastIsocurveItem
from playground.app.views.canvas.drawn import DrawnBoundary
from playground.app.views.canvas.health_overlay import HealthOverlay
from playground.app.views.canvas.palette import CLASS_COLORS, class_color, diverging_rgb
from playground.app.views.canvas.picker import PointPicker
from playground.app.views.canvas.readout import CanvasReadout, cell, output_text
from playground.app.views.canvas.shading import (
    boundary_rgb,
    neuron_rgb,
    value_range,
)
from playground.app.views.numbers import compact
from playground.core.datasets import Dataset

if TYPE_CHECKING:
    from playground.app.state.data_model import DataModel

DEFAULT_VIEW: tuple[float, float, float, float] = (-6.0, -6.0, 12.0, 12.0)
POINT_SIZE = 8
#: Gap between the neuron caption and the plot area's edges (px).
LABEL_MARGIN = 8
QWIDGETSIZE_MAX = (1 << 24) - 1
_REGRESSION_SHADES = 64

Rect = tuple[float, float, float, float]


class DataCanvas(QWidget):
    """Shows a data set over the model's output and lets the user paint or erase points.

    Images given to :meth:`show_boundary` and :meth:`show_neuron_map` are row-major: row ``i``
    is the ``i``-th y value from the bottom of ``rect`` upwards, column ``j`` the ``j``-th x value
    from the left, each sample covering one equal cell of ``rect = (x0, y0, width, height)``.
    """

    view_changed = Signal(tuple)
    #: Index (into the data set's points) of the point a click chose in pick mode.
    point_picked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._dataset: Dataset | None = None
        self._boundary: tuple[NDArray[np.floating[Any]], Rect, str] | None = None
        #: The boundary picture on screen (None when the image shows anything else).
        self._drawn: DrawnBoundary | None = None
        self._neuron_shown = False
        self._discretize = False
        self._value_range = (-1.0, 1.0)
        self._fixed_value_range: tuple[float, float] | None = None
        self._brush_cache: dict[tuple[str, int], tuple[list[QBrush], list[QPen]]] = {}

        self.plot = pg.PlotWidget(background="w")
        self.plot.setAntialiasing(True)
        item = self.plot.getPlotItem()
        item.setMenuEnabled(False)
        item.hideButtons()
        item.showGrid(x=False, y=False)
        for name in ("left", "bottom"):
            axis = item.getAxis(name)
            axis.setPen(pg.mkPen("#888888"))
            axis.setTextPen(pg.mkPen("#444444"))
            # Redraw the axis only when the view moves, not with every boundary image.
            axis.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.view_box: pg.ViewBox = item.getViewBox()
        self.view_box.setAspectLocked(True, ratio=1.0)
        self.view_box.setMouseEnabled(x=True, y=True)
        self.view_box.disableAutoRange()

        self.image = pg.ImageItem(axisOrder="row-major")
        self.image.setZValue(-10)
        self.contour = FastIsocurveItem(level=0.5, pen=pg.mkPen("#333333", width=1.5), coarsen=2)
        self.contour.setParentItem(self.image)
        self.contour.setVisible(False)
        self.train_points = pg.ScatterPlotItem(size=POINT_SIZE, pxMode=True)
        self.train_points.setZValue(10)
        self.test_points = pg.ScatterPlotItem(size=POINT_SIZE, pxMode=True)
        self.test_points.setZValue(11)
        for layer in (self.image, self.train_points, self.test_points):
            self.view_box.addItem(layer, ignoreBounds=True)
        self.brush = BrushTool(self.plot, self)
        self.picker = PointPicker(self.plot, lambda: self._dataset, self)
        self.picker.picked.connect(self.point_picked)
        #: Where a hidden layer's units are saturated or off, chosen in the activation lens.
        self.health_overlay = HealthOverlay(self.plot)
        #: What the picture on screen says under the mouse.
        self.readout = CanvasReadout(self.plot, self._describe)
        self._neuron_map: tuple[NDArray[np.floating[Any]], Rect] | None = None

        self.neuron_label = QLabel(self.plot.viewport())
        self.neuron_label.setObjectName("neuronLabel")
        self.neuron_label.setStyleSheet(
            "#neuronLabel { background: rgba(255, 255, 255, 220); color: #222222;"
            " border: 1px solid #bbbbbb; border-radius: 4px; padding: 3px 6px; }"
        )
        self.neuron_label.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot)
        self.reset_view()
        self.view_box.sigRangeChanged.connect(self._on_view_box_range_changed)
        self.view_box.sigResized.connect(self._on_view_box_resized)

    # -- data ---------------------------------------------------------------------------------

    def set_model(self, model: DataModel | None) -> None:
        """Paint into ``model`` and redraw whenever it changes."""
        old = self.brush.model
        if old is not None:
            old.changed.disconnect(self.set_dataset)
        self.brush.set_model(model)
        if model is not None:
            model.changed.connect(self.set_dataset)
            self.set_dataset(model.dataset)

    def set_dataset(self, dataset: Dataset) -> None:
        """Redraw the points of ``dataset`` (a no-op for the data set already shown)."""
        if dataset is not self._dataset:
            self._dataset = dataset
            self._draw_points()

    def _draw_points(self) -> None:
        """Draw the current data set's train and test points."""
        dataset = self._dataset
        if dataset is None:
            return
        if dataset.task == "regression" and self._fixed_value_range is None and len(dataset):
            self._value_range = value_range(dataset.y)
        for layer, test in ((self.train_points, False), (self.test_points, True)):
            mask = dataset.is_test == test
            x = dataset.x[mask]
            brushes, pens = self._point_styles(dataset, dataset.y[mask], test)
            layer.setData(x=x[:, 0], y=x[:, 1], brush=brushes, pen=pens)
        self._update_brush_color()

    def set_show_test(self, show: bool) -> None:
        """Show or hide the test points."""
        self.test_points.setVisible(bool(show))

    def set_value_range(self, lo: float | None, hi: float | None = None) -> None:
        """Fix the colour range of regression targets and predictions (None: follow the data)."""
        if lo is None or hi is None:
            self._fixed_value_range = None
            if self._dataset is not None and self._dataset.task == "regression":
                self._value_range = value_range(self._dataset.y)
        else:
            self._fixed_value_range = self._value_range = (float(lo), float(hi))
        self._draw_points()
        self._render_boundary()

    def _point_styles(
        self, dataset: Dataset, y: NDArray[np.generic], test: bool
    ) -> tuple[object, object]:
        """Return the brush(es) and pen(s): filled discs for training, rings for test points.

        Only the attribute that varies gets a per-point list, which halves pyqtgraph's work.
        """
        if dataset.task == "regression":
            lo, hi = self._value_range
            targets = np.asarray(y, dtype=np.float64)  # no copy: a Dataset keeps them as float64
            shade = np.clip((targets - lo) / ((hi - lo) or 1.0), 0.0, 1.0)
            index = np.rint(shade * (_REGRESSION_SHADES - 1)).astype(int)
            kind = "regression"
        else:
            index, kind = np.asarray(y, dtype=int), "class"
        brushes, pens = self._styles(kind, test)
        if test:
            return brushes[0], [pens[i] for i in index]
        return [brushes[i] for i in index], pens[0]

    def _styles(self, kind: str, test: bool) -> tuple[list[QBrush], list[QPen]]:
        """Return (and cache) the brush and pen of every class or regression shade."""
        key = (kind, int(test))
        if key not in self._brush_cache:
            if kind == "class":
                colors = [QColor(c) for c in CLASS_COLORS]
            else:
                rgb = diverging_rgb(np.linspace(0.0, 1.0, _REGRESSION_SHADES), 0.0, 1.0)
                colors = [QColor(*map(int, c)) for c in rgb]
            # Regression shades share the background's colour map, so they get a dark outline.
            outline = "w" if kind == "class" else "#404040"
            if test:
                darker = 125 if kind == "class" else 170
                brushes = [pg.mkBrush(255, 255, 255, 235)]
                pens = [pg.mkPen(c.darker(darker), width=2.4) for c in colors]
            else:
                brushes = [pg.mkBrush(c) for c in colors]
                pens = [pg.mkPen(outline, width=1.2)]
            self._brush_cache[key] = (brushes, pens)
        brushes, pens = self._brush_cache[key]
        return brushes, pens

    # -- model output -------------------------------------------------------------------------

    def show_boundary(self, values: ArrayLike, rect: Rect, task: str) -> None:
        """Show class probabilities (n, n, k) or regression predictions (n, n) over ``rect``."""
        x0, y0, width, height = (float(v) for v in rect)
        self._boundary = (np.asarray(values), (x0, y0, width, height), task)
        if not self._neuron_shown:
            self._render_boundary()

    def clear_boundary(self) -> None:
        """Remove the boundary image."""
        self._boundary = None
        if not self._neuron_shown:
            self._drawn = None
            self.image.clear()
            self.contour.setVisible(False)

    def set_discretize(self, discretize: bool) -> None:
        """Show hard argmax regions (or value bands) instead of a confidence-shaded surface."""
        self._discretize = bool(discretize)
        self._render_boundary()

    def show_neuron_map(self, values: ArrayLike, rect: Rect, text: str) -> None:
        """Show one neuron's output (n, n) over ``rect`` instead of the boundary, with a caption."""
        rgb, _scale = neuron_rgb(values)
        self._neuron_map = (np.asarray(values), tuple(float(v) for v in rect))  # type: ignore[assignment]
        self._neuron_shown = True
        self.contour.setVisible(False)
        self._set_image(rgb, rect)
        self.neuron_label.setText(text)
        self.neuron_label.show()
        self._place_neuron_label()

    def clear_neuron_map(self) -> None:
        """Go back to showing the decision boundary."""
        if not self._neuron_shown:
            return
        self._neuron_shown = False
        self.neuron_label.hide()
        if self._boundary is None:
            self._drawn = None
            self.image.clear()
        self._render_boundary()

    def _describe(self, x: float, y: float) -> str:
        """The shown picture's value at (x, y): the model's class or value, or the neuron's."""
        if self._neuron_shown and self._neuron_map is not None:
            sample = cell(*self._neuron_map, x, y)
            if sample is None or not np.isfinite(sample[0]):
                return ""
            return QCoreApplication.translate("DataCanvas", "value {value}").format(
                value=compact(float(sample[0]))
            )
        if self._boundary is None:
            return ""
        values, rect, task = self._boundary
        return output_text(cell(values, rect, x, y), task)

    def _render_boundary(self) -> None:
        """Colour the last boundary given, unless a neuron map covers it."""
        if self._boundary is None or self._neuron_shown:
            return
        values, rect, task = self._boundary
        rgb, p1 = boundary_rgb(values, task, self._value_range, self._discretize)
        if self._drawn is not None and self._drawn.same(rgb, p1, rect):
            return  # no pixel and no contour would move: leave the picture on screen
        if p1 is not None:
            self.contour.setData(p1, 0.5)
        self.contour.setVisible(p1 is not None)
        self._set_image(rgb, rect)
        self._drawn = DrawnBoundary(rgb, p1, rect)

    def _set_image(self, rgb: NDArray[np.uint8], rect: Rect) -> None:
        """Put an RGB image on the boundary layer, stretched over ``rect``."""
        self._drawn = None  # the boundary's, or a neuron map's: _render_boundary says which
        self.image.setImage(rgb, autoLevels=False, levels=(0, 255), rect=QRectF(*rect))

    def show_health_overlay(self, share: ArrayLike | None, rect: Rect, caption: str) -> None:
        """Shade the share (n, m) of a layer's units saturated or off over ``rect``, captioned."""
        self.health_overlay.show(share, rect, caption)

    def clear_health_overlay(self) -> None:
        """Take the health overlay and its caption away."""
        self.health_overlay.clear()

    # -- brush --------------------------------------------------------------------------------

    def set_brush(self, radius: float, density: int) -> None:
        """Set the brush radius (data units) and the points added per dab."""
        self.brush.set_brush(radius, density)

    def set_paint_label(self, label: int | float) -> None:
        """Set the class (or, for regression, target value) that painting adds."""
        self.brush.set_label(label)
        self._update_brush_color()

    def set_tool(self, tool: str) -> None:
        """Make left-drag ``paint`` or ``erase``."""
        self.brush.set_tool(tool)

    def _update_brush_color(self) -> None:
        """Outline the brush in the colour of what it paints."""
        label = self.brush.label
        if self._dataset is not None and self._dataset.task == "regression":
            c = diverging_rgb(np.array([float(label)]), *self._value_range)[0]
            self.brush.set_paint_color(QColor(*map(int, c)).darker(130))
        else:
            self.brush.set_paint_color(class_color(round(float(label))))

    # -- picking a point ----------------------------------------------------------------------

    def set_pick_mode(self, on: bool) -> None:
        """While on, a left click picks the nearest data point instead of painting."""
        self.picker.set_active(on)

    def show_picked_point(self, index: int | None) -> None:
        """Ring data point ``index`` (None, or an index beyond the data: no ring)."""
        d = self._dataset
        if index is None or d is None or not 0 <= index < len(d):
            self.picker.show_ring(None)
        else:
            self.picker.show_ring(*d.x[index])

    # -- view ---------------------------------------------------------------------------------

    def view_rect(self) -> Rect:
        """Return the visible data range as (x0, y0, width, height)."""
        (x0, x1), (y0, y1) = self.view_box.viewRange()
        return (float(x0), float(y0), float(x1 - x0), float(y1 - y0))

    def reset_view(self, rect: Rect = DEFAULT_VIEW) -> None:
        """Show ``rect`` (by default [-6, 6]^2)."""
        x0, y0, w, h = rect
        self.view_box.setRange(xRange=(x0, x0 + w), yRange=(y0, y0 + h), padding=0.0)

    def data_to_widget(self, x: float, y: float) -> QPointF:
        """Map a data point to viewport coordinates of :attr:`plot` (for tests and tooltips)."""
        return QPointF(self.plot.mapFromScene(self.view_box.mapViewToScene(QPointF(x, y))))

    def _on_view_box_range_changed(self, *_args: object) -> None:
        """Announce the new visible range."""
        self.view_changed.emit(self.view_rect())

    def _on_view_box_resized(self, *_args: object) -> None:
        """Keep the neuron caption and the overlay's caption in the corners of the plot area."""
        self._place_neuron_label()
        self.health_overlay.place_caption()

    def _place_neuron_label(self) -> None:
        """Put the neuron caption at the top-left corner of the plot area, wrapped to fit in it."""
        label = self.neuron_label
        area = self.plot.mapFromScene(self.view_box.sceneBoundingRect()).boundingRect()
        room = max(area.width() - 2 * LABEL_MARGIN, 40)
        label.setWordWrap(False)
        label.setMinimumSize(0, 0)
        label.setMaximumSize(QWIDGETSIZE_MAX, QWIDGETSIZE_MAX)
        if label.sizeHint().width() > room:
            label.setWordWrap(True)
            label.setFixedSize(room, label.heightForWidth(room))
        else:
            label.adjustSize()
        label.move(area.left() + LABEL_MARGIN, area.top() + LABEL_MARGIN)
