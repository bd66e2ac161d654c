"""The hidden-space view (ConvNetJS's "transformed space"): the data as a hidden layer sees it.

Pick a hidden layer, then two of its units or the layer's first two principal components
(of the training points' activations, see :mod:`.hidden_projection`). The view plots the
data points there, coloured by class (or by target for regression; test points hollow),
and the lines of a square grid over the shown part of the input plane, warped by the
layers up to the chosen one. Watching it train shows how each layer pulls the classes
apart until a straight line can split them. In compare mode it shows the selected run,
and its title says which.

The points and the grid are one item each, made once and updated with ``setData``
(points whose styles did not change are only moved). While training runs the axes move
in steps (:class:`~playground.app.views.plots.steady.SteadyViewBox`), so that a new
frame repaints the points and the grid rather than re-ticking the axes.
Hovering a point marks it and reads it out: "point 17 · class 1 · train · input (0.52,
-1.3) · PC 1 0.83, PC 2 -0.12" (a target for regression, the run while comparing), from
the data drawn at that moment. The point's number is its index in the data set
(``PointPass.index``), the one the canvas's pick and the backprop inspector use; a left
click on a point emits it as :attr:`HiddenSpaceView.point_clicked`.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from numpy.typing import NDArray
from pyqtgraph.GraphicsScene.mouseEvents import MouseClickEvent
from PySide6.QtCore import QCoreApplication, QEvent, QPointF, Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from playground.app.i18n import QT_TRANSLATE_NOOP
from playground.app.views.canvas.palette import CLASS_COLORS, diverging_rgb
from playground.app.views.lenses.hidden_projection import (
    Projection,
    pca_projection,
    units_projection,
)
from playground.app.views.lenses.steady_items import move_points
from playground.app.views.numbers import compact
from playground.app.views.plots.hover import SEPARATOR, HoverReadout, HoverTarget, nearest
from playground.app.views.plots.plot_tools import (
    cache_items,
    palette_colors,
    plot_static_items,
    settle_auto_range,
    style_axes,
)
from playground.app.views.plots.steady import SteadyViewBox
from playground.core.point_pass import PointPass

Array = NDArray[np.float64]

PCA, UNITS = "pca", "units"
PROJECTIONS = (PCA, UNITS)
PROJECTION_TEXTS = (
    QT_TRANSLATE_NOOP("HiddenSpaceView", "PCA 1–2"),
    QT_TRANSLATE_NOOP("HiddenSpaceView", "two units"),
)
POINT_SIZE = 7
GRID_COLOR = (120, 120, 120, 110)
TITLE = QT_TRANSLATE_NOOP(
    "HiddenSpaceView", "Hidden space: the data and the input grid in a hidden layer's coordinates"
)


class HiddenSpaceView(QWidget):
    """A hidden layer's picture of the data points and of the warped input grid."""

    #: A left click on a drawn point: its index in the data set.
    point_clicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title_label = QLabel()
        self.title_label.setWordWrap(True)
        self.layer_combo = QComboBox()
        self.layer_combo.setObjectName("lens_hidden_layer")
        self.projection_combo = QComboBox()
        self.projection_combo.setObjectName("lens_hidden_projection")
        self.projection_combo.addItems(list(PROJECTION_TEXTS))
        self.unit_x = QComboBox()
        self.unit_x.setObjectName("lens_hidden_unit_x")
        self.unit_y = QComboBox()
        self.unit_y.setObjectName("lens_hidden_unit_y")
        for combo in (self.unit_x, self.unit_y):
            combo.setEnabled(False)
        self.notice = QLabel("")
        self.notice.setWordWrap(True)
        self.notice.setVisible(False)  # shown only while it has something to say

        self.graphics = pg.GraphicsLayoutWidget()
        self.plot: pg.PlotItem = self.graphics.addPlot(viewBox=SteadyViewBox())
        self.plot.setMenuEnabled(False, enableViewBoxMenu=True)
        self.plot.showGrid(x=True, y=True, alpha=0.12)
        self.grid_curve = pg.PlotDataItem(pen=pg.mkPen(GRID_COLOR, width=1), connect="finite")
        self.train_points = pg.ScatterPlotItem(size=POINT_SIZE, pxMode=True)
        self.test_points = pg.ScatterPlotItem(size=POINT_SIZE, pxMode=True)
        self.train_points.setZValue(10)
        self.test_points.setZValue(11)
        for item in (self.grid_curve, self.train_points, self.test_points):
            self.plot.addItem(item)
        self.hover = HoverReadout(self.plot, self._hover_targets)
        self.graphics.scene().sigMouseClicked.connect(self._on_click)
        cache_items(plot_static_items(self.plot))

        controls = QHBoxLayout()
        self._layer_label, self._axes_label = QLabel(), QLabel()
        for label, combo in (
            (self._layer_label, self.layer_combo),
            (self._axes_label, self.projection_combo),
            (QLabel("x"), self.unit_x),
            (QLabel("y"), self.unit_y),
        ):
            controls.addWidget(label)
            controls.addWidget(combo)
        controls.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.title_label)
        layout.addLayout(controls)
        layout.addWidget(self.notice)
        layout.addWidget(self.graphics, 1)

        self._points: PointPass | None = None
        self._run: str | None = None
        self._class_brushes = [pg.mkBrush(c) for c in CLASS_COLORS]
        self._class_pens = [pg.mkPen(c, width=1.6) for c in CLASS_COLORS]
        self._edge = pg.mkPen("#ffffff", width=0.6)
        self._hollow = pg.mkBrush(None)
        self._axis_names: tuple[str, str] | None = None
        #: What the points' styles were made of (their targets, the train count, the task).
        self._styled: tuple[object, ...] | None = None
        #: What is drawn: the projection used, the points' and the grid's coordinates.
        self.projection: Projection | None = None
        self.shown_points: Array = np.zeros((0, 2))
        self.shown_grid: Array = np.zeros((0, 0, 2))
        for combo in (self.layer_combo, self.projection_combo, self.unit_x, self.unit_y):
            combo.currentIndexChanged.connect(self._redraw)
        self.retranslate_ui()
        self._apply_palette()

    def retranslate_ui(self) -> None:
        """Say the title, the labels and the combos' items in the current language."""
        self._show_title()
        self._layer_label.setText(QCoreApplication.translate("HiddenSpaceView", "Layer"))
        self._axes_label.setText(QCoreApplication.translate("HiddenSpaceView", "Axes"))
        for i, text in enumerate(PROJECTION_TEXTS):
            self.projection_combo.setItemText(
                i, QCoreApplication.translate("HiddenSpaceView", text)
            )
        if self._points is not None:
            self._fill_layers(self._points)
            self._axis_names = None
            self._redraw()

    def _show_title(self) -> None:
        title = QCoreApplication.translate("HiddenSpaceView", TITLE)
        if self._run is not None:
            said = QCoreApplication.translate("HiddenSpaceView", "{title} — selected run: {run}")
            title = said.format(title=title, run=self._run)
        self.title_label.setText(title)

    def _fill_layers(self, points: PointPass) -> None:
        said = QCoreApplication.translate("HiddenSpaceView", "hidden layer {n}")
        self._fill(self.layer_combo, [said.format(n=i + 1) for i in range(len(points.hidden))])

    # -- controls -------------------------------------------------------------------------
    @property
    def layer(self) -> int:
        """The hidden layer shown (0-based), or -1 without one."""
        return self.layer_combo.currentIndex()

    @property
    def projection_mode(self) -> str:
        """``pca`` or ``units``."""
        return PROJECTIONS[max(self.projection_combo.currentIndex(), 0)]

    def set_layer(self, layer: int) -> None:
        """Show hidden layer ``layer`` (0-based)."""
        self.layer_combo.setCurrentIndex(layer)

    def set_projection(self, mode: str, i: int = 0, j: int = 1) -> None:
        """Show the first two principal components (``pca``) or units ``i`` and ``j``."""
        self.projection_combo.setCurrentIndex(PROJECTIONS.index(mode))
        if mode == UNITS:
            self.unit_x.setCurrentIndex(i)
            self.unit_y.setCurrentIndex(j)

    # -- what the presenter calls ---------------------------------------------------------
    def show_run(self, label: str | None) -> None:
        """Say in the title which compared run is shown (None: one run, no comparison)."""
        if label != self._run:
            self._run = label
            self._show_title()
            self.hover.refresh()

    def show_points(self, points: PointPass) -> None:
        """Show one run's point pass in the chosen layer and axes."""
        if points is self._points:
            return  # the same frame again (a repaint while paused): nothing changed
        self._points = points
        self._fill_layers(points)
        self._redraw()

    def set_steady(self, steady: bool) -> None:
        """Move the axes in steps (while training) or fit the points exactly."""
        view_box = self.plot.vb
        if isinstance(view_box, SteadyViewBox):
            view_box.set_steady(steady)

    # -- drawing --------------------------------------------------------------------------
    def _fill(self, combo: QComboBox, items: list[str], default: int = 0) -> None:
        """Give a combo these items, keeping its choice where it still exists."""
        if [combo.itemText(i) for i in range(combo.count())] == items:
            return
        keep = combo.currentIndex()
        combo.blockSignals(True)
        combo.clear()
        combo.addItems(items)
        combo.setCurrentIndex(keep if 0 <= keep < len(items) else min(default, len(items) - 1))
        combo.blockSignals(False)

    def _redraw(self) -> None:
        points = self._points
        if points is None:
            return
        layer = self.layer
        if layer < 0 or layer >= len(points.hidden):
            self.notice.setText(
                QCoreApplication.translate(
                    "HiddenSpaceView", "This network has no hidden layer: only the input space."
                )
            )
            self._draw(np.zeros((0, 2)), np.zeros((0, 0, 2)), points, None)
            return
        units = points.hidden[layer].shape[1]
        unit = QCoreApplication.translate("HiddenSpaceView", "unit {n}")
        names = [unit.format(n=k + 1) for k in range(units)]
        self._fill(self.unit_x, names, 0)
        self._fill(self.unit_y, names, 1)
        by_units = self.projection_mode == UNITS
        self.unit_x.setEnabled(by_units)
        self.unit_y.setEnabled(by_units and units > 1)
        a = points.hidden[layer]
        if by_units:
            projection = units_projection(
                units, self.unit_x.currentIndex(), max(self.unit_y.currentIndex(), 0)
            )
        else:
            projection = pca_projection(a[: points.n_train] if points.n_train >= 2 else a)
        one = QCoreApplication.translate(
            "HiddenSpaceView", "This layer has one unit: it is plotted against 0."
        )
        self.notice.setText(one if units == 1 else "")
        self._draw(
            projection.apply(a), projection.apply(points.grid_hidden[layer]), points, projection
        )

    def _draw(
        self, xy: Array, grid: Array, points: PointPass, projection: Projection | None
    ) -> None:
        self.projection, self.shown_points, self.shown_grid = projection, xy, grid
        self.notice.setVisible(bool(self.notice.text()))
        if grid.size:
            gaps = np.full((grid.shape[0], 1, 2), np.nan)
            lines = np.concatenate([grid, gaps], axis=1).reshape(-1, 2)
            self.grid_curve.setData(lines[:, 0], lines[:, 1], connect="finite")
        else:
            self.grid_curve.setData([], [])
        n = points.n_train
        styled = (points.task, n, points.targets.tobytes())
        if len(xy) and styled == self._styled:  # the same points in new places
            move_points(self.train_points, xy[:n, 0], xy[:n, 1])
            move_points(self.test_points, xy[n:, 0], xy[n:, 1])
        elif len(xy):
            brushes, pens = self._styles(points)
            self.train_points.setData(x=xy[:n, 0], y=xy[:n, 1], brush=brushes[:n], pen=self._edge)
            self.test_points.setData(x=xy[n:, 0], y=xy[n:, 1], brush=self._hollow, pen=pens[n:])
            self._styled = styled
        else:
            self.train_points.setData([], [])
            self.test_points.setData([], [])
            self._styled = None
        if projection is not None and projection.names != self._axis_names:
            self._axis_names = projection.names
            self.plot.setLabel("bottom", projection.names[0])
            self.plot.setLabel("left", projection.names[1])
        settle_auto_range(self.plot.vb)
        self.hover.refresh()  # the points moved: read out what is under the mouse now

    def _styles(self, points: PointPass) -> tuple[list[pg.QtGui.QBrush], list[pg.QtGui.QPen]]:
        """A fill and an outline per point: its class colour, or its target's colour."""
        t = points.targets
        if points.task == "regression":
            span = float(np.max(np.abs(t))) if len(t) else 1.0
            colors = [
                pg.mkColor(int(r), int(g), int(b)) for r, g, b in diverging_rgb(t, -span, span)
            ]
            return [pg.mkBrush(c) for c in colors], [pg.mkPen(c, width=1.6) for c in colors]
        classes = np.asarray(t, dtype=np.intp) % len(CLASS_COLORS)
        return [self._class_brushes[k] for k in classes], [self._class_pens[k] for k in classes]

    # -- hover read-out -------------------------------------------------------------------
    def _hover_targets(self) -> list[HoverTarget]:
        return [
            HoverTarget(self.train_points, lambda i, x, y: self.point_text(i, x, y)),
            HoverTarget(self.test_points, lambda i, x, y: self.point_text(i, x, y, test=True)),
        ]

    def _row(self, index: int, test: bool) -> int | None:
        """The point pass's row of the ``index``-th training (or test) point drawn."""
        points = self._points
        if points is None:
            return None
        row = index + (points.n_train if test else 0)
        return row if 0 <= row < len(points.x) else None

    def point_at(self, scene_pos: QPointF) -> int | None:
        """The data set index of the point drawn nearest ``scene_pos``, as hovering finds it.

        None when no point is drawn within the read-out's radius of it.
        """
        rect = self.plot.vb.sceneBoundingRect()
        if self._points is None or not rect.contains(scene_pos):
            return None
        hit = nearest(self._hover_targets(), scene_pos, rect, self.hover.radius)
        row = None if hit is None else self._row(hit.index, hit.target.item is self.test_points)
        return None if row is None else int(self._points.index[row])

    def _on_click(self, event: MouseClickEvent) -> None:
        """A left click on a point chooses it (see :attr:`point_clicked`); elsewhere nothing."""
        if event.button() != Qt.MouseButton.LeftButton:
            return
        index = self.point_at(event.scenePos())
        if index is not None:
            self.point_clicked.emit(index)

    def point_text(self, index: int, x: float, y: float, test: bool = False) -> str:
        """Word the ``index``-th training (or test) point drawn at ``(x, y)``."""
        points, projection, row = self._points, self.projection, self._row(index, test)
        if points is None or projection is None or row is None:
            return ""
        target = float(points.targets[row])
        if points.task == "regression":
            said = QCoreApplication.translate("HiddenSpaceView", "target {value}")
            kind = said.format(value=compact(target))
        else:
            kind = QCoreApplication.translate("HiddenSpaceView", "class {k}").format(k=int(target))
        if test:
            split = QCoreApplication.translate("HiddenSpaceView", "test")
        else:
            split = QCoreApplication.translate("HiddenSpaceView", "train")
        x1, x2 = (float(v) for v in points.x[row])
        parts = [
            QCoreApplication.translate("HiddenSpaceView", "point {index}").format(
                index=int(points.index[row])
            ),
            kind,
            split,
            QCoreApplication.translate("HiddenSpaceView", "input ({x1}, {x2})").format(
                x1=compact(x1), x2=compact(x2)
            ),
        ]
        axis = QCoreApplication.translate("HiddenSpaceView", "{axis} {value}")
        coords = [axis.format(axis=projection.names[0], value=compact(x))]
        if projection.axes.shape[0] > 1:  # a layer of one unit is plotted against 0
            coords.append(axis.format(axis=projection.names[1], value=compact(y)))
        parts.append(", ".join(coords))
        if self._run is not None:
            run = QCoreApplication.translate("HiddenSpaceView", "run {name}")
            parts.append(run.format(name=self._run))
        return SEPARATOR.join(parts)

    def changeEvent(self, event: QEvent) -> None:
        """Restyle the plot when the application palette changes."""
        if event.type() == QEvent.Type.PaletteChange:
            self._apply_palette()
        elif event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _apply_palette(self) -> None:
        background, text = palette_colors(self)
        self.graphics.setBackground(background)
        style_axes([self.plot.getAxis(n) for n in ("left", "bottom")], text)
