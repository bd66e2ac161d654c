"""Small multiples: each run's decision boundary in a tile of its own, side by side.

Tiles are made the first time a comparison needs that many and are then shown,
hidden and relabelled, never rebuilt; a frame only replaces their images' data.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray
from PySide6.QtCore import QEvent, QObject, QSize, Signal
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import QWidget

from playground.app.views.canvas.drawn import DrawnBoundary
from playground.app.views.canvas.shading import boundary_rgb, value_range
from playground.app.views.compare.tile import SPACING, PointStyles, Rect, RunTile

#: Most tiles (runs) shown at once.
MAX_TILES = 4
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
        self._boundaries: dict[int, tuple[NDArray[np.floating[Any]], Rect, str]] = {}
        #: Runs whose boundary came while the tiles were hidden.
        self._stale: set[int] = set()
        self._points: (
            tuple[NDArray[np.float64], NDArray[np.generic], NDArray[np.bool_], str] | None
        ) = None
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
            self._stale.clear()
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
        if self.isVisible():
            self._render(tile, *boundary)  # type: ignore[arg-type]
        else:  # coloured when shown: a closed dock costs nothing
            self._stale.add(index)

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
        self._stale.clear()
        self._points = None
        for tile in self.tiles:
            tile.clear()

    # -- internals ----------------------------------------------------------------------------

    def _tile(self, index: int) -> RunTile:
        """The tile of run ``index``."""
        if not 0 <= index < self._count:
            raise IndexError(f"no run {index}: {self._count} runs are shown")
        return self.tiles[index]

    def _render(
        self, tile: RunTile, values: NDArray[np.floating[Any]], rect: Rect, task: str
    ) -> None:
        """Colour a boundary exactly as the canvas does, with the 0.5 contour for two classes."""
        rgb, p1 = boundary_rgb(values, task, self._value_range, self._discretize)
        if tile.drawn is not None and tile.drawn.same(rgb, p1, rect):
            return  # no pixel would move visibly: leave the tile's picture as it is
        if p1 is not None:
            tile.contour.setData(p1, 0.5)
        tile.contour.setVisible(p1 is not None)
        tile.show_image(rgb, rect)
        tile.drawn = DrawnBoundary(rgb, p1, rect)

    def _render_all(self, indices: set[int] | None = None) -> None:
        """Recolour the stored boundaries (all of them, or ``indices``), once visible."""
        for index, boundary in self._boundaries.items():
            if index < self._count and (indices is None or index in indices):
                if self.isVisible():
                    self._render(self.tiles[index], *boundary)
                    self._stale.discard(index)
                else:
                    self._stale.add(index)

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
        rows, cols, side = grid_shape(len(tiles), self.width(), self.height(), chrome_w, chrome_h)
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

    def showEvent(self, event: QShowEvent) -> None:
        """Colour the boundaries that came while the tiles were hidden."""
        super().showEvent(event)
        if self._stale:
            self._render_all(set(self._stale))

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
