"""One run's tile of the small multiples: its boundary, its label and its state line.

A tile holds one image, one contour and two scatter items, made once with the tile;
new frames only replace their data.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from numpy.typing import NDArray
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QPen, QResizeEvent
from PySide6.QtWidgets import QFrame, QGraphicsItem, QLabel, QVBoxLayout, QWidget

from playground.app.views.canvas.canvas import POINT_SIZE
from playground.app.views.canvas.contour import FastIsocurveItem
from playground.app.views.canvas.drawn import DrawnBoundary
from playground.app.views.canvas.palette import CLASS_COLORS, diverging_rgb
from playground.app.views.compare.colors import run_color
from playground.app.views.plots.axes import DIVERGED_COLOR

Rect = tuple[float, float, float, float]

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
#: The tiles' 0.5 contour: its pen's width and the sampling step it is traced at.
CONTOUR_WIDTH = 1.0
CONTOUR_COARSEN = 2


class PointStyles:
    """The brushes and pens of the canvas's points, at the tiles' smaller size.

    Training points are discs in their class colour with a white outline; test points
    are white-filled rings in a darker shade. Regression targets take one of
    :data:`REGRESSION_SHADES` shades of the diverging map, outlined in dark grey.
    """

    def __init__(self, scale: float = POINT_SCALE) -> None:
        self.scale = scale
        self._cache: dict[tuple[str, bool], tuple[list[QBrush], list[QPen]]] = {}

    def styles(self, kind: str, test: bool) -> tuple[list[QBrush], list[QPen]]:
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
        self, y: NDArray[np.generic], task: str, test: bool, lo: float, hi: float
    ) -> tuple[object, object]:
        """Return the brush(es) and pen(s) of points with labels or targets ``y``."""
        if task == "regression":
            targets = np.asarray(y, dtype=np.float64)
            shade = np.clip((targets - lo) / ((hi - lo) or 1.0), 0.0, 1.0)
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
        self._state_size = small.pointSizeF()
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
        #: The picture shown, to skip one that would look the same.
        self.drawn: DrawnBoundary | None = None
        self.image.setZValue(-10)
        # A tile is about as many pixels wide as the boundary has samples: its contour is
        # traced on every second one, and one pixel wide (the cheap stroke), it changes
        # every frame.
        self.contour = FastIsocurveItem(
            level=0.5, pen=pg.mkPen("#333333", width=CONTOUR_WIDTH), coarsen=CONTOUR_COARSEN
        )
        self.contour.setParentItem(self.image)
        self.contour.setVisible(False)
        self.train_points = pg.ScatterPlotItem(size=TILE_POINT_SIZE, pxMode=True)
        self.train_points.setZValue(10)
        self.test_points = pg.ScatterPlotItem(size=TILE_POINT_SIZE, pxMode=True)
        self.test_points.setZValue(11)
        for item in (self.image, self.train_points, self.test_points):
            self.view_box.addItem(item, ignoreBounds=True)
        # The points stay while the boundary under them changes every frame: each layer is
        # painted from a picture of itself, redrawn only when its points or the view change.
        for item in (self.train_points, self.test_points):
            item.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)

        layout = self._layout = QVBoxLayout(self)
        layout.setContentsMargins(FRAME_WIDTH, FRAME_WIDTH, FRAME_WIDTH, FRAME_WIDTH)
        layout.setSpacing(2)
        layout.addWidget(self.title)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.state)
        self._style_frame()

    def chrome(self) -> tuple[int, int]:
        """Pixels of the tile's width and height outside its plot."""
        spacing = self._layout.spacing()
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
            self._fit_state()
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
        # No levels: 8-bit RGB goes to the screen as it is, where levels (even 0 to 255)
        # would send every pixel through a lookup table first.
        self.image.setImage(rgb, autoLevels=False, rect=QRectF(*rect))

    def clear(self) -> None:
        """Remove the image, the contour, the points and the state."""
        self.drawn = None
        self.image.clear()
        self.contour.setVisible(False)
        self.train_points.setData([], [])
        self.test_points.setData([], [])
        self.set_state("", False)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Elide the title and fit the state line to the new width."""
        super().resizeEvent(event)
        self._fit_title()
        self._fit_state()

    def _fit_state(self) -> None:
        """Shrink the state line's font (to 60 % at most) until the whole line fits.

        The line keeps a fixed height so the plot stays square; a longer one (another
        language's words) would be cut at both ends instead.
        """
        width = max(self.width() - 2 * FRAME_WIDTH - 4, 20)
        font = QFont(self.state.font())
        font.setPointSizeF(self._state_size)
        needed = QFontMetrics(font).horizontalAdvance(self.state.text())
        if needed > width:
            font.setPointSizeF(max(self._state_size * width / needed, self._state_size * 0.6))
        if font.pointSizeF() != self.state.font().pointSizeF():
            self.state.setFont(font)

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
