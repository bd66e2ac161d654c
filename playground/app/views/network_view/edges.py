"""The drawn edges of one weight matrix: items, hit-test samples and their current style.

Each edge keeps a :class:`QGraphicsPathItem` that holds its curve and pen, but the items
are not drawn one by one: a single :class:`EdgePainter` per layer strokes them all into
a cached picture, redrawn only when an edge's style changes. The node thumbnails above
the edges change with every snapshot, and without the cache every repaint of a node
stroked every antialiased curve that crosses it again.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPen
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsScene,
    QStyleOptionGraphicsItem,
    QWidget,
)

from playground.app.views.network_view.items import (
    DIM,
    EDGE_W_STEP,
    HOT,
    MAX_EDGE_W,
    NORMAL,
    WEIGHT_FULL,
    Z_EDGE,
    Z_EDGE_HOT,
    PenCache,
    edge_curve,
    edge_style_exact,
    sample_curves,
)

Z_EDGE_DIM = Z_EDGE - 1
#: An edge keeps its pen until its weight moves it this many steps along the colour map
#: (of 256, so about 1.5 %), or this far from its width step (of 0.25 px) - enough that
#: a weight hovering at a boundary does not flip it back and forth. No one sees the
#: difference, and a layer whose edges all keep their pens is not drawn again.
COLOR_TOLERANCE = 4
WIDTH_TOLERANCE = 0.75


class EdgePainter(QGraphicsItem):
    """Strokes the edges of one layer, lowest z first, from a cached picture."""

    def __init__(self, items: Sequence[QGraphicsPathItem]) -> None:
        super().__init__()
        self._items = items
        self._paths = [item.path() for item in items]  # fixed: only pens change
        self._order = list(range(len(items)))
        self._bounds = QRectF()
        for item in items:
            self._bounds |= item.boundingRect()
        margin = MAX_EDGE_W + 2.0 + 2.0  # the widest pen, highlighted, and antialiasing
        self._bounds.adjust(-margin, -margin, margin, margin)
        self.setZValue(Z_EDGE)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)

    def boundingRect(self) -> QRectF:
        """Every edge with room for the widest pen."""
        return self._bounds

    def restack(self) -> None:
        """Take new pens and z values into account."""
        self._order = sorted(range(len(self._items)), key=lambda k: self._items[k].zValue())
        self.update()

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionGraphicsItem,
        widget: QWidget | None = None,
    ) -> None:
        """Stroke every edge with its item's pen."""
        items, paths = self._items, self._paths
        for k in self._order:
            painter.setPen(items[k].pen())
            painter.drawPath(paths[k])


class EdgeLayer:
    """Edges from the drawn nodes of one column to the drawn nodes of the next."""

    def __init__(
        self,
        scene: QGraphicsScene,
        pens: PenCache,
        sources: Sequence[tuple[int, QPointF]],
        targets: Sequence[tuple[int, QPointF]],
    ) -> None:
        self._pens = pens
        pairs = [(i, a, j, b) for i, a in sources for j, b in targets]
        self.ij = np.array([(i, j) for i, _, j, _ in pairs], dtype=np.intp).reshape(-1, 2)
        self.items: list[QGraphicsPathItem] = []
        for _, a, _, b in pairs:
            item = QGraphicsPathItem(edge_curve(a, b))
            item.setPen(pens.get(-1, 3))
            item.setZValue(Z_EDGE)
            self.items.append(item)  # not in the scene: the painter below draws it
        self.painter = EdgePainter(self.items)
        scene.addItem(self.painter)
        starts = np.array([(a.x(), a.y()) for _, a, _, _ in pairs]).reshape(-1, 2)
        ends = np.array([(b.x(), b.y()) for _, _, _, b in pairs]).reshape(-1, 2)
        self.points = sample_curves(starts, ends)
        self.span = (starts[0, 0], ends[0, 0]) if pairs else (0.0, 0.0)
        self.style = np.full((len(pairs), 2), -1, dtype=np.intp)
        self.values = np.full(len(pairs), np.nan)
        self.dimmed = np.zeros(len(pairs), dtype=bool)
        self.hot = -1

    def remove(self, scene: QGraphicsScene) -> None:
        """Take every edge out of the scene."""
        scene.removeItem(self.painter)
        self.items.clear()

    def show(self, weights: np.ndarray, full: float = WEIGHT_FULL) -> None:
        """Restyle the edges from a (fan_in, fan_out) matrix, touching only those that changed.

        An edge reaches its full colour and width at ``|value| = full`` (weights: 2; the
        backprop inspector's gradients: the layer's largest).
        """
        if not len(self.ij):
            return
        weights = np.asarray(weights)
        if weights.ndim != 2 or np.any(self.ij.max(axis=0) >= weights.shape):
            return
        self.values = weights[self.ij[:, 0], self.ij[:, 1]].astype(np.float64)
        scale = WEIGHT_FULL / full if full > 0 and np.isfinite(full) else 1.0
        color, exact = edge_style_exact(self.values * scale)
        old_color, old_step = self.style[:, 0], self.style[:, 1]
        moved = np.abs(color - old_color) >= COLOR_TOLERANCE
        moved |= np.abs(exact - old_step) > WIDTH_TOLERANCE
        changed = np.flatnonzero(moved | (old_color < 0))
        if not len(changed):
            return
        self.style[changed, 0] = color[changed]
        self.style[changed, 1] = np.rint(exact[changed])
        for k in changed.tolist():
            self.items[k].setPen(self._pen(k))
        self.painter.update()

    def blank(self) -> None:
        """Draw every edge in the neutral grey of an unknown value."""
        self.values = np.full(len(self.ij), np.nan)
        self.style[:] = -1
        for k in range(len(self.items)):
            self.items[k].setPen(self._pen(k))
        self.painter.update()

    def _pen(self, k: int) -> QPen:
        """Return the pen edge k should have now."""
        color, step = self.style[k]
        mode = HOT if k == self.hot else DIM if self.dimmed[k] else NORMAL
        return self._pens.get(int(color), int(step) if color >= 0 else 3, mode)

    def set_hot(self, k: int) -> None:
        """Highlight edge k (or none for -1), restoring the one highlighted before."""
        old, self.hot = self.hot, k
        for index in (old, k):
            if index >= 0:
                self.items[index].setPen(self._pen(index))
                rest = Z_EDGE_DIM if self.dimmed[index] else Z_EDGE
                self.items[index].setZValue(Z_EDGE_HOT if index == k else rest)
        self.painter.restack()

    def nearest(self, x: float, y: float) -> int:
        """Return the edge passing within a few pixels of (x, y), or -1."""
        if not len(self.ij) or not self.span[0] <= x <= self.span[1]:
            return -1
        a, b = self.points[:, :-1], self.points[:, 1:]
        ab = b - a
        ap = np.array([x, y]) - a
        t = np.clip(np.sum(ap * ab, axis=2) / np.maximum(np.sum(ab * ab, axis=2), 1e-9), 0, 1)
        gap = np.hypot(*np.moveaxis(ap - t[..., None] * ab, 2, 0)).min(axis=1)
        width = np.where(self.style[:, 1] >= 0, self.style[:, 1] * EDGE_W_STEP, 1.0)
        gap = gap - np.maximum(3.0, width / 2 + 1.5)
        k = int(np.argmin(gap))
        return k if gap[k] <= 0 else -1

    def emphasise(self, src: int | None, dst: int | None) -> None:
        """Dim every edge not touching source unit src or target unit dst (both None: undim)."""
        if src is None and dst is None:
            keep = np.ones(len(self.ij), dtype=bool)
        else:
            keep = np.zeros(len(self.ij), dtype=bool)
            if src is not None:
                keep |= self.ij[:, 0] == src
            if dst is not None:
                keep |= self.ij[:, 1] == dst
        changed = np.flatnonzero(self.dimmed == keep)
        self.dimmed = ~keep
        for k in changed.tolist():
            self.items[k].setPen(self._pen(k))
            self.items[k].setZValue(Z_EDGE_DIM if self.dimmed[k] else Z_EDGE)
        if len(changed):
            self.painter.restack()
