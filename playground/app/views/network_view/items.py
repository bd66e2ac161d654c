"""Graphics items of the network diagram: neuron squares, fold pills, edges and labels.

Node borders, clips, labels and pills are cached (:func:`cache`): the diagram is drawn
whole whenever its thumbnails or edges change, and stroking some 170 antialiased
rounded boxes and 70 texts again each time took 6 of its 10 ms.
"""

from __future__ import annotations

from typing import Literal

import numpy as np
from numpy.typing import NDArray
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFocusEvent,
    QFont,
    QImage,
    QPainter,
    QPainterPath,
    QPen,
    QPixmap,
)
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsPixmapItem,
    QGraphicsScene,
    QGraphicsSceneHoverEvent,
    QGraphicsSimpleTextItem,
    QGraphicsWidget,
    QStyleOptionGraphicsItem,
    QWidget,
)

from playground.app.views.network_view import colors
from playground.app.views.network_view.layout import SUMMARY_H

Z_EDGE, Z_EDGE_HOT, Z_NODE, Z_LABEL, Z_HEADER = 0.0, 5.0, 10.0, 20.0, 30.0
RADIUS = 5.0
#: |w| at which an edge reaches its full colour and width.
WEIGHT_FULL = 2.0
MIN_EDGE_W, MAX_EDGE_W, EDGE_W_STEP = 0.5, 4.0, 0.25
#: Edge pen modes: plain, highlighted under the mouse, faded while another node is hovered.
NORMAL, HOT, DIM = 0, 1, 2
#: A neuron square's key: ("input", feature) or ("node", column, row).
NodeKey = tuple[Literal["input"], str] | tuple[Literal["node"], int, int]


def make_font(size: float, *, bold: bool = False) -> QFont:
    """Return the diagram's sans-serif font at a pixel size."""
    font = QFont()
    font.setPixelSize(round(size))
    font.setBold(bold)
    return font


def cache(item: QGraphicsItem) -> QGraphicsItem:
    """Keep the item's picture in a pixmap until it changes (see the module's docstring)."""
    item.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
    return item


def add_text(
    scene: QGraphicsScene | None,
    text: str,
    size: float,
    color: QColor,
    *,
    bold: bool = False,
    parent: QGraphicsItem | None = None,
) -> QGraphicsSimpleTextItem:
    """Create a text item in the scene or under a parent item."""
    item = QGraphicsSimpleTextItem(text, parent)
    cache(item)
    item.setFont(make_font(size, bold=bold))
    item.setBrush(color)
    if scene is not None and parent is None:
        scene.addItem(item)
    return item


def place_text(item: QGraphicsSimpleTextItem, x: float, y: float, align: str = "center") -> None:
    """Move a text item so that its (left | center | right) edge sits at x and its middle at y."""
    rect = item.boundingRect()
    dx = {"left": 0.0, "center": rect.width() / 2, "right": rect.width()}[align]
    item.setPos(round(x - dx), round(y - rect.height() / 2))


def rounded_path(rect: QRectF, radius: float = RADIUS) -> QPainterPath:
    """Return a rounded rectangle path."""
    path = QPainterPath()
    path.addRoundedRect(rect, radius, radius)
    return path


class NodeItem:
    """One neuron square: a rounded clip holding the thumbnail, and a border drawn on top."""

    def __init__(
        self, scene: QGraphicsScene, center: tuple[float, float], size: int, key: NodeKey
    ) -> None:
        self.size = size
        self.key = key
        self._side = 0
        path = rounded_path(QRectF(-size / 2, -size / 2, size, size))
        self.clip = QGraphicsPathItem(path)
        self.clip.setPen(Qt.PenStyle.NoPen)
        self.clip.setBrush(QBrush(colors.LUT_COLORS[colors.LUT_SIZE // 2]))
        self.clip.setFlag(QGraphicsItem.GraphicsItemFlag.ItemClipsChildrenToShape)
        self.pixmap = QGraphicsPixmapItem(self.clip)
        self.pixmap.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
        self.pixmap.setPos(-size / 2, -size / 2)
        self.border = QGraphicsPathItem(path)
        self.border.setBrush(Qt.BrushStyle.NoBrush)
        for item in (self.clip, self.border):
            cache(item)
            item.setPos(*center)
            scene.addItem(item)
        self._enabled = True
        self.set_state(enabled=True, hovered=False)

    @property
    def enabled(self) -> bool:
        """Return whether the node is part of the network (features can be off)."""
        return self._enabled

    @property
    def center(self) -> QPointF:
        """Return the node's centre in scene coordinates."""
        return self.clip.pos()

    def set_state(self, *, enabled: bool, hovered: bool) -> None:
        """Grey the node out when disabled and draw a heavy border while hovered."""
        self._enabled = enabled
        if hovered:
            pen = QPen(colors.HOVER_BORDER, 2.6)
        else:
            pen = QPen(colors.NODE_BORDER if enabled else colors.NODE_BORDER_OFF, 1.2)
        if not enabled:
            pen.setStyle(Qt.PenStyle.DashLine if not hovered else Qt.PenStyle.SolidLine)
        self.border.setPen(pen)
        self.clip.setOpacity(1.0 if enabled else 0.45)
        if not enabled and self._side == 0:
            self.clip.setBrush(QBrush(colors.NODE_FILL_OFF))
        z = Z_NODE + (4 if hovered else 0)
        self.clip.setZValue(z)
        self.border.setZValue(z + 1)

    def set_image(self, argb: np.ndarray) -> None:
        """Show a (t, t) uint32 0xAARRGGBB image scaled to fill the square."""
        side = argb.shape[0]
        image = QImage(argb.data, side, side, 4 * side, QImage.Format.Format_RGB32)
        self.pixmap.setPixmap(QPixmap.fromImage(image))
        if side != self._side:
            self._side = side
            self.pixmap.setScale(self.size / side)


class FoldPill(QGraphicsWidget):
    """The pill under a wide column: "+N more" folds units away, "show fewer" folds them back.

    A click, or Enter while it has the keyboard focus (Tab reaches it: a graphics widget,
    unlike a plain item, is in the scene's focus chain), toggles the column; the view
    does that. The pill draws a heavier border while hovered or focused.
    """

    def __init__(
        self,
        scene: QGraphicsScene,
        center: tuple[float, float],
        column: int,
        text: str,
        tooltip: str,
        *,
        unfolded: bool,
    ) -> None:
        super().__init__()
        self.column = column
        self.unfolded = unfolded
        self.label = add_text(None, text, 11, colors.TEXT_MUTED, parent=self)
        width = self.label.boundingRect().width() + 16
        self.resize(width, SUMMARY_H)
        place_text(self.label, width / 2, SUMMARY_H / 2)
        self.setPos(center[0] - width / 2, center[1] - SUMMARY_H / 2)
        self.setZValue(Z_NODE)
        self.setToolTip(tooltip)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # a click toggles, Tab focuses
        self.setAcceptHoverEvents(True)
        self._hovered = False
        scene.addItem(self)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionGraphicsItem,
        widget: QWidget | None = None,
    ) -> None:
        """A rounded box: dashed while folded, solid while unfolded, heavier when active."""
        strong = self._hovered or self.hasFocus()
        style = Qt.PenStyle.SolidLine if self.unfolded or strong else Qt.PenStyle.DashLine
        color = colors.HOVER_BORDER if strong else colors.SUMMARY_BORDER
        width = 2.0 if strong else 1.0
        painter.setPen(QPen(color, width, style))
        painter.setBrush(QBrush(colors.SUMMARY_FILL))
        box = self.rect().adjusted(width / 2, width / 2, -width / 2, -width / 2)
        painter.drawRoundedRect(box, box.height() / 2, box.height() / 2)

    def focusInEvent(self, event: QFocusEvent) -> None:
        """Show that Enter now toggles the column."""
        super().focusInEvent(event)
        self.update()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        """Back to the plain border."""
        super().focusOutEvent(event)
        self.update()

    def hoverEnterEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        """Show that a click toggles the column."""
        self._hovered = True
        self.update()
        super().hoverEnterEvent(event)

    def hoverLeaveEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        """Back to the plain border."""
        self._hovered = False
        self.update()
        super().hoverLeaveEvent(event)


def edge_curve(start: QPointF, end: QPointF) -> QPainterPath:
    """Return the S-shaped cubic from one node's right side to the next node's left side."""
    path = QPainterPath(start)
    mid = (start.x() + end.x()) / 2
    path.cubicTo(QPointF(mid, start.y()), QPointF(mid, end.y()), end)
    return path


def sample_curves(
    starts: NDArray[np.float64], ends: NDArray[np.float64], n: int = 16
) -> NDArray[np.float64]:
    """Return n + 1 points along each edge_curve of (m, 2) starts and ends, as (m, n + 1, 2)."""
    t = np.linspace(0.0, 1.0, n + 1)[None, :, None]
    p0, p3 = starts[:, None, :], ends[:, None, :]
    p1, p2 = p0.copy(), p3.copy()
    p1[..., 0] = p2[..., 0] = (p0[..., 0] + p3[..., 0]) / 2
    u = 1.0 - t
    return u**3 * p0 + 3 * u**2 * t * p1 + 3 * u * t**2 * p2 + t**3 * p3


def edge_style(weights: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return (LUT colour index, width step) for weights: hue by sign, strength by |w|."""
    color, steps = edge_style_exact(weights)
    return color, np.rint(steps).astype(np.intp)


def edge_style_exact(weights: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return (LUT colour index, width in steps before rounding) for weights."""
    strength = np.clip(np.abs(np.nan_to_num(weights)) / WEIGHT_FULL, 0.0, 1.0)
    signed = np.where(weights < 0, -1.0, 1.0) * (0.45 + 0.55 * strength)
    width = MIN_EDGE_W + (MAX_EDGE_W - MIN_EDGE_W) * strength
    return colors.lut_index(signed), width / EDGE_W_STEP


class PenCache:
    """Shared QPens keyed by (colour index, width step): per-frame updates allocate none."""

    def __init__(self) -> None:
        self._pens: dict[tuple[int, int, int], QPen] = {}

    def get(self, color: int, step: int, mode: int = NORMAL) -> QPen:
        """Return the pen for a colour index (-1: unknown weight) and width step in a mode.

        Pens stay opaque (weak edges are whitened instead of translucent): Qt strokes
        opaque wide curves several times faster than translucent ones.
        """
        key = (color, step, mode)
        pen = self._pens.get(key)
        if pen is None:
            width = step * EDGE_W_STEP
            strength = (width - MIN_EDGE_W) / (MAX_EDGE_W - MIN_EDGE_W)
            shade = colors.RULE if color < 0 else colors.LUT_COLORS[color]
            fade = {NORMAL: 0.35 * (1 - strength), HOT: 0.0, DIM: 0.88}[mode]
            shade = _mix_white(shade, fade)
            if mode == HOT:
                shade, width = shade.darker(135), width + 2.0
            pen = QPen(shade, width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
            self._pens[key] = pen
        return pen


def _mix_white(color: QColor, amount: float) -> QColor:
    """Return color moved amount (0..1) of the way to white."""
    keep = 1.0 - amount
    return QColor.fromRgbF(
        color.redF() * keep + amount, color.greenF() * keep + amount, color.blueF() * keep + amount
    )


class ValueLabel:
    """A small floating card showing an edge's weight and the two units it joins."""

    def __init__(self, scene: QGraphicsScene) -> None:
        self.card = QGraphicsPathItem()
        self.card.setBrush(QBrush(colors.BACKGROUND))
        self.card.setPen(QPen(colors.SUMMARY_BORDER, 1.0))
        self.card.setZValue(Z_LABEL)
        self.card.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.value = add_text(None, "", 12, colors.TEXT, bold=True, parent=self.card)
        self.route = add_text(None, "", 11, colors.TEXT_MUTED, parent=self.card)
        scene.addItem(self.card)
        self.card.hide()
        self.anchor = QPointF()

    def show_at(
        self, anchor: QPointF, value: str, route: str, bounds: QRectF | None = None
    ) -> None:
        """Show the card just above and right of anchor (scene coordinates), inside ``bounds``."""
        self.anchor = QPointF(anchor)
        self.value.setText(value)
        self.route.setText(route)
        line = self.value.boundingRect().height()
        width = max(self.value.boundingRect().width(), self.route.boundingRect().width()) + 14
        height = 2 * line + 8
        self.card.setPath(rounded_path(QRectF(0, 0, width, height), 4))
        self.value.setPos(7, 4)
        self.route.setPos(7, 4 + line)
        x, y = anchor.x() + 10, anchor.y() - height - 6
        if bounds is not None:
            if x + width > bounds.right() - 4:  # near the right edge: left of the anchor
                x = max(bounds.left() + 4, anchor.x() - 10 - width)
            if y < bounds.top() + 4:  # under the header: below the anchor
                y = anchor.y() + 12
        self.card.setPos(round(x), round(y))
        self.card.show()

    def hide(self) -> None:
        """Hide the card."""
        self.card.hide()
