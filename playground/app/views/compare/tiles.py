"""Small multiples: each run's decision boundary in a tile of its own, side by side.

Every tile holds one image, one contour and two scatter items, made once with the tile;
new frames only replace their data. Tiles are made the first time a comparison needs
that many and are then shown, hidden and relabelled, never rebuilt.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from numpy.typing import ArrayLike, NDArray
from PySide6.QtCore import QEvent, QObject, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QResizeEvent
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from playground.app.views.canvas.canvas import POINT_SIZE
from playground.app.views.canvas.contour import FastIsocurveItem
from playground.app.views.canvas.palette import CLASS_COLORS, diverging_rgb
from playground.app.views.canvas.shading import classification_rgb, regression_rgb, value_range
from playground.app.views.compare.colors import run_color
from playground.app.views.plots.axes import DIVERGED_COLOR

Rect = tuple[float, float, float, float]

#: Most tiles (runs) shown at once.
MAX_TILES = 4
#: Points on a tile are drawn at this fraction of the main canvas's size.
POINT_SCALE = 0.6
TILE_POINT_SIZE = max(3.0, POINT_SIZE * POINT_SCALE)
#: Width of the frame round each tile; the selected tile's is drawn in its run's colour.
FRAME_WIDTH = 3
#: Pixels between tiles.
SPACING = 6
#: Regression targets take one of this many shades, as on the canvas.
REGRESSION_SHADES = 64
STATE_COLOR = "#444444"

#: (rows, columns) each run count may be laid out in; the one giving the largest tiles wins.
GRID_SHAPES: dict[int, tuple[tuple[int, int], ...]] = {
    0: ((1, 1),),
    1: ((1, 1),),
    2: ((1, 2),),
    3: ((1, 3), (2, 2)),
    4: ((1, 4), (2, 2)),
}


def grid_shape(
    n: int, width: float, height: float, chrome_w: float, chrome_h: float
) -> tuple[int, int, int]:
    """Return (rows, columns, side) of the arrangement whose square plots are largest.

    ``chrome_w`` and ``chrome_h`` are each tile's pixels around its plot (frame, labels).
    """
    best = (1, max(n, 1), 0)
    for rows, cols in GRID_SHAPES.get(n, ((math.ceil(n / 2), 2),)):
        side_w = (width - (cols - 1) * SPACING) / cols - chrome_w
        side_h = (height - (rows - 1) * SPACING) / rows - chrome_h
        side = int(max(min(side_w, side_h), 0))
        if side > best[2]:
            best = (rows, cols, side)
    return best


class PointStyles:
    """The brushes and pens of the canvas's points, at the tiles' smaller size.

    Training points are discs in their class colour with a white outline; test points
    are white-filled rings in a darker shade. Regression targets take one of
    :data:`REGRESSION_SHADES` shades of the diverging map, outlined in dark grey.
    """

    def __init__(self, scale: float = POINT_SCALE) -> None:
        self.scale = scale
        self._cache: dict[tuple[str, bool], tuple[list, list]] = {}

    def styles(self, kind: str, test: bool) -> tuple[list, list]:
        """Return (brushes, pens) of every class (``kind="class"``) or regression shade."""
        key = (kind, test)
        if key not in self._cache:
            if kind == "class":
                colors = [QColor(c) for c in CLASS_COLORS]
            else:
                rgb = diverging_rgb(np.linspace(0.0, 1.0, REGRESSION_SHADES), 0.0, 1.0)
                colors = [QColor(*map(int, c)) for c in rgb]
            outline = "w" if kind == "class" else "#404040"
            if test:
                darker = 125 if kind == "class" else 170
                brushes = [pg.mkBrush(255, 255, 255, 235)]
                pens = [pg.mkPen(c.darker(darker), width=2.4 * self.scale) for c in colors]
            else:
                brushes = [pg.mkBrush(c) for c in colors]
                pens = [pg.mkPen(outline, width=1.2 * self.scale)]
            self._cache[key] = (brushes, pens)
        return self._cache[key]

    def for_points(
        self, y: NDArray, task: str, test: bool, lo: float, hi: float
    ) -> tuple[object, object]:
        """Return the brush(es) and pen(s) of points with labels or targets ``y``."""
        if task == "regression":
            shade = np.clip((y - lo) / ((hi - lo) or 1.0), 0.0, 1.0)
            index = np.rint(shade * (REGRESSION_SHADES - 1)).astype(int)
            kind = "regression"
        else:
            index, kind = np.asarray(y, dtype=int) % len(CLASS_COLORS), "class"
        brushes, pens = self.styles(kind, test)
        if test:
            return brushes[0], [pens[i] for i in index]
        return [brushes[i] for i in index], pens[0]


class RunTile(QFrame):
    """One run's boundary with its label above and its state below."""

    def __init__(self, index: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.index = index
        self.setObjectName("runTile")
        self.label = ""
        self.selected = False
        self.diverged = False
        self._rect: Rect | None = None

        self.title = QLabel()
        bold = QFont(self.title.font())
        bold.setBold(True)
        self.title.setFont(bold)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.state = QLabel()
        small = QFont(self.state.font())
        small.setPointSizeF(small.pointSizeF() * 0.9)
        self.state.setFont(small)
        self.state.setAlignment(Qt.AlignmentFlag.AlignCenter)
        for text in (self.title, self.state):  # fixed, so that the plot stays square
            text.setFixedHeight(text.fontMetrics().height() + 2)
        self._style_state()

        self.view = pg.GraphicsView(background="w")
        self.view.setAntialiasing(True)
        self.view.setFrameShape(QFrame.Shape.NoFrame)
        self.view_box = pg.ViewBox(lockAspect=True, enableMouse=False, enableMenu=False)
        self.view_box.setDefaultPadding(0.0)
        self.view_box.disableAutoRange()
        self.view.setCentralItem(self.view_box)
        self.image = pg.ImageItem(axisOrder="row-major")
        self.image.setZValue(-10)
        self.contour = FastIsocurveItem(level=0.5, pen=pg.mkPen("#333333", width=1.2))
        self.contour.setParentItem(self.image)
        self.contour.setVisible(False)
        self.train_points = pg.ScatterPlotItem(size=TILE_POINT_SIZE, pxMode=True)
        self.train_points.setZValue(10)
        self.test_points = pg.ScatterPlotItem(size=TILE_POINT_SIZE, pxMode=True)
        self.test_points.setZValue(11)
        for item in (self.image, self.train_points, self.test_points):
            self.view_box.addItem(item, ignoreBounds=True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(FRAME_WIDTH, FRAME_WIDTH, FRAME_WIDTH, FRAME_WIDTH)
        layout.setSpacing(2)
        layout.addWidget(self.title)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.state)
        self._style_frame()

    def chrome(self) -> tuple[int, int]:
        """Pixels of the tile's width and height outside its plot."""
        spacing = self.layout().spacing()
        text = self.title.height() + self.state.height() + 2 * spacing
        return 2 * FRAME_WIDTH, 2 * FRAME_WIDTH + text

    def set_label(self, label: str) -> None:
        """Name the tile's run (elided to the tile's width; the full text is the tooltip)."""
        self.label = label
        self.setToolTip(label)
        self._fit_title()

    def set_selected(self, selected: bool) -> None:
        """Draw the frame in the run's colour when selected."""
        if selected != self.selected:
            self.selected = selected
            self._style_frame()

    def set_state(self, text: str, diverged: bool) -> None:
        """Show one line of state under the plot, in red for a diverged run."""
        if text != self.state.text():
            self.state.setText(text)
        if diverged != self.diverged:
            self.diverged = diverged
            self._style_state()

    def set_view(self, rect: Rect) -> None:
        """Show ``rect`` = (x0, y0, width, height) of the data plane."""
        if rect != self._rect:
            self._rect = rect
            self.view_box.setRange(QRectF(*rect), padding=0.0)

    def show_image(self, rgb: NDArray[np.uint8], rect: Rect) -> None:
        """Put an RGB image stretched over ``rect`` behind the points."""
        self.set_view(rect)
        self.image.setImage(rgb, autoLevels=False, levels=(0, 255), rect=QRectF(*rect))

    def clear(self) -> None:
        """Remove the image, the contour, the points and the state."""
        self.image.clear()
        self.contour.setVisible(False)
        self.train_points.setData([], [])
        self.test_points.setData([], [])
        self.set_state("", False)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Elide the title to the new width."""
        super().resizeEvent(event)
        self._fit_title()

    def _fit_title(self) -> None:
        """Show as much of the label as fits."""
        width = max(self.width() - 2 * FRAME_WIDTH - 4, 20)
        metrics = self.title.fontMetrics()
        self.title.setText(metrics.elidedText(self.label, Qt.TextElideMode.ElideMiddle, width))

    def _style_frame(self) -> None:
        """Colour the title, and the frame when selected."""
        color = run_color(self.index).name()
        border = color if self.selected else "#d5dade"
        background = "#f4f6f8" if self.selected else "transparent"
        self.setStyleSheet(
            f"#runTile {{ border: {FRAME_WIDTH}px solid {border}; border-radius: 4px;"
            f" background: {background}; }}"
        )
        self.title.setStyleSheet(f"color: {color};")

    def _style_state(self) -> None:
        """Colour the state line: red for a diverged run."""
        self.state.setStyleSheet(f"color: {DIVERGED_COLOR if self.diverged else STATE_COLOR};")


class RunTiles(QWidget):
    """2 to 4 decision boundaries side by side; a click on one selects its run.

    Images given to :meth:`show_boundary` follow :class:`DataCanvas`: row ``i`` is the
    ``i``-th y value from the bottom of ``rect``, column ``j`` the ``j``-th x value.
    """

    run_selected = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tiles: list[RunTile] = []
        self._count = 0
        self._selected = -1
        self._discretize = False
        self._value_range = (-1.0, 1.0)
        self._fixed_value_range: tuple[float, float] | None = None
        self._boundaries: dict[int, tuple[NDArray, Rect, str]] = {}
        self._points: tuple[NDArray, NDArray, NDArray, str] | None = None
        self._styles = PointStyles()
        self.shape = (1, 1)

    @property
    def count(self) -> int:
        """Number of runs shown."""
        return self._count

    def visible_tiles(self) -> list[RunTile]:
        """The tiles of the current runs, in run order."""
        return self.tiles[: self._count]

    def sizeHint(self) -> QSize:
        """Room for two tiles of about 220 pixels in a row."""
        return QSize(480, 290)

    def minimumSizeHint(self) -> QSize:
        """Small tiles still show something."""
        return QSize(160, 120)

    # -- runs ---------------------------------------------------------------------------------

    def set_runs(self, labels: list[str]) -> None:
        """Show one tile per label (up to four), each named by its label."""
        if len(labels) > MAX_TILES:
            raise ValueError(f"at most {MAX_TILES} runs can be shown, got {len(labels)}")
        changed = [tile.label for tile in self.visible_tiles()] != list(labels)
        while len(self.tiles) < len(labels):
            tile = RunTile(len(self.tiles), self)
            tile.installEventFilter(self)
            for child in (tile.title, tile.state, tile.view.viewport()):
                child.installEventFilter(self)
            self.tiles.append(tile)
        self._count = len(labels)
        for tile, label in zip(self.tiles, labels, strict=False):
            tile.set_label(label)
        for i, tile in enumerate(self.tiles):
            if changed:
                tile.clear()
            tile.setVisible(i < self._count)
        if changed:
            self._boundaries.clear()
            self._draw_points()
        if self._selected >= self._count:
            self.set_selected(0 if self._count else -1)
        self._arrange()

    def set_selected(self, index: int) -> None:
        """Frame tile ``index`` in its run's colour (-1: none)."""
        self._selected = index
        for i, tile in enumerate(self.tiles):
            tile.set_selected(i == index)

    def selected(self) -> int:
        """Index of the framed tile (-1: none)."""
        return self._selected

    def show_state(self, index: int, text: str, diverged: bool) -> None:
        """Show a line such as "epoch 120 · test loss 0.031" under tile ``index``."""
        self._tile(index).set_state(text, diverged)

    # -- model output -------------------------------------------------------------------------

    def show_boundary(self, index: int, values: ArrayLike, rect: Rect, task: str) -> None:
        """Show run ``index``'s probabilities (n, n, k), P(class 1) (n, n) or predictions."""
        tile = self._tile(index)
        boundary = (np.asarray(values), tuple(float(v) for v in rect), task)
        self._boundaries[index] = boundary  # type: ignore[assignment]
        self._render(tile, *boundary)  # type: ignore[arg-type]

    def set_discretize(self, discretize: bool) -> None:
        """Show hard regions (or value bands) instead of confidence shading, as the canvas."""
        if bool(discretize) != self._discretize:
            self._discretize = bool(discretize)
            self._render_all()

    def set_value_range(self, lo: float | None, hi: float | None = None) -> None:
        """Fix the colour range of regression values (None: follow the targets)."""
        if lo is None or hi is None:
            self._fixed_value_range = None
            if self._points is not None and self._points[3] == "regression":
                self._value_range = value_range(self._points[1])
        else:
            self._fixed_value_range = self._value_range = (float(lo), float(hi))
        self._draw_points()
        self._render_all()

    def show_points(
        self, x: ArrayLike, y: ArrayLike, is_test: ArrayLike, task: str, n_classes: int
    ) -> None:
        """Draw the same data on every tile: discs for training points, rings for test points.

        ``x`` is (n, 2), ``y`` the (n,) class labels or regression targets, ``is_test`` (n,).
        """
        xy = np.asarray(x, dtype=np.float64).reshape(-1, 2)
        labels = np.asarray(y).reshape(-1)
        test = np.asarray(is_test, dtype=bool).reshape(-1)
        if not len(labels) == len(test) == len(xy):
            raise ValueError(f"{len(xy)} points, {len(labels)} labels, {len(test)} test flags")
        self._points = (xy, labels, test, task)
        if task == "regression" and self._fixed_value_range is None and len(labels):
            self._value_range = value_range(labels)
        self._draw_points()

    def set_show_test(self, show: bool) -> None:
        """Show or hide the test points on every tile."""
        for tile in self.tiles:
            tile.test_points.setVisible(bool(show))

    def clear(self) -> None:
        """Remove every image, point and state line."""
        self._boundaries.clear()
        self._points = None
        for tile in self.tiles:
            tile.clear()

    # -- internals ----------------------------------------------------------------------------

    def _tile(self, index: int) -> RunTile:
        """The tile of run ``index``."""
        if not 0 <= index < self._count:
            raise IndexError(f"no run {index}: {self._count} runs are shown")
        return self.tiles[index]

    def _render(self, tile: RunTile, values: NDArray, rect: Rect, task: str) -> None:
        """Colour a boundary exactly as the canvas does, with the 0.5 contour for two classes."""
        if task == "regression":
            rgb = regression_rgb(values, *self._value_range, discretize=self._discretize)
            tile.contour.setVisible(False)
        else:
            rgb = classification_rgb(values, discretize=self._discretize)
            binary = task == "binary"
            if binary:
                p1 = values if values.ndim == 2 else values[:, :, -1]
                tile.contour.setData(np.asarray(p1, dtype=np.float32), 0.5)
            tile.contour.setVisible(binary)
        tile.show_image(rgb, rect)

    def _render_all(self) -> None:
        """Recolour every stored boundary (after the colouring rules changed)."""
        for index, boundary in self._boundaries.items():
            if index < self._count:
                self._render(self.tiles[index], *boundary)

    def _draw_points(self) -> None:
        """Give every visible tile the current points."""
        if self._points is None:
            return
        xy, labels, test, task = self._points
        lo, hi = self._value_range
        layers = []
        for flag in (False, True):
            mask = test == flag
            brushes, pens = self._styles.for_points(labels[mask], task, flag, lo, hi)
            layers.append((xy[mask, 0], xy[mask, 1], brushes, pens))
        for tile in self.visible_tiles():
            for item, (px, py, brushes, pens) in zip(
                (tile.train_points, tile.test_points), layers, strict=True
            ):
                item.setData(x=px, y=py, brush=brushes, pen=pens)

    def _arrange(self) -> None:
        """Place the tiles in the grid that gives the largest plots, centred."""
        tiles = self.visible_tiles()
        if not tiles:
            return
        chrome_w, chrome_h = tiles[0].chrome()
        rows, cols, side = grid_shape(
            len(tiles), self.width(), self.height(), chrome_w, chrome_h
        )
        self.shape = (rows, cols)
        tile_w, tile_h = side + chrome_w, side + chrome_h
        top = (self.height() - rows * tile_h - (rows - 1) * SPACING) // 2
        for i, tile in enumerate(tiles):
            row, col = divmod(i, cols)
            in_row = min(cols, len(tiles) - row * cols)
            left = (self.width() - in_row * tile_w - (in_row - 1) * SPACING) // 2
            tile.setGeometry(
                left + col * (tile_w + SPACING), top + row * (tile_h + SPACING), tile_w, tile_h
            )

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Lay the tiles out again for the new size."""
        super().resizeEvent(event)
        self._arrange()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Turn a mouse press anywhere on a tile into :attr:`run_selected`."""
        if event.type() == QEvent.Type.MouseButtonPress:
            for tile in self.visible_tiles():
                if watched is tile or watched.parent() is tile or watched is tile.view.viewport():
                    self.run_selected.emit(tile.index)
                    return True
        return super().eventFilter(watched, event)
