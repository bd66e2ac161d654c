"""Small value pills on the diagram's neurons: every bias, and the backprop trace's values.

Each drawn hidden and output neuron gets a bias pill at its bottom-left corner (the output
layer's too: every parameter is visible, and clicking one edits it). While the backprop
inspector traces a point, each drawn neuron also gets a mark over its square with that
point's values (``z`` and ``a`` forwards, ``δ`` backwards), tinted on the diagram's
diverging map. The items are made once per architecture and only restyled afterwards.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np
from PySide6.QtCore import QCoreApplication, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPen
from PySide6.QtWidgets import QGraphicsPathItem, QGraphicsScene, QGraphicsSimpleTextItem

from playground.app.views.network_view import colors
from playground.app.views.network_view.build import Architecture, Diagram
from playground.app.views.network_view.items import Z_NODE, add_text, rounded_path
from playground.app.views.network_view.items import cache as cache_picture
from playground.app.views.numbers import compact

Z_BADGE = Z_NODE + 6
BIAS_FONT, MARK_FONT = 9, 9
BIAS_H = 13


@dataclass(frozen=True)
class NodeMark:
    """What one neuron shows while a point is traced: its text, tint (−1..1) and tooltip."""

    text: str
    tone: float
    tip: str = ""


@dataclass(frozen=True, eq=False)
class TraceOverlay:
    """What the diagram shows for a traced point.

    Attributes
    ----------
    nodes : tuple
        Per column (inputs, hidden…, outputs): one :class:`NodeMark` per unit (inputs in
        the network's input order), or None to show nothing on that column.
    gradients : tuple
        Per weight layer: the (fan_in, fan_out) gradients to colour its edges by, or None.
    faded : tuple of int
        Weight layers whose edges are drawn blank (not reached yet by the backward pass).
    caption : str
        What the edge colours mean, for their hover card.
    """

    nodes: tuple[tuple[NodeMark, ...] | None, ...]
    gradients: tuple[np.ndarray | None, ...]
    faded: tuple[int, ...] = ()
    caption: str = "∂L/∂w = a_in·δ"


class Pill:
    """A rounded box holding a line or two of text, placed around a scene point."""

    def __init__(self, scene: QGraphicsScene, size: float) -> None:
        self.box = QGraphicsPathItem()
        cache_picture(self.box)
        self.box.setZValue(Z_BADGE)
        self.text: QGraphicsSimpleTextItem = add_text(None, "", size, colors.TEXT, parent=self.box)
        scene.addItem(self.box)
        self._shown: tuple[str, int, int, float] | None = None
        self._size = (0.0, 0.0)
        self._tip = ""

    def set(self, text: str, fill: QColor, border: QColor, min_h: float = 0.0) -> None:
        """Show ``text`` in a box of the colours given, as small as the text allows.

        A pill that already shows this is left alone: every frame sets every bias again,
        and restyling an unchanged pill still repainted it.
        """
        old = self._shown
        shown = (text, fill.rgba(), border.rgba(), min_h)
        if shown == old:
            return
        self._shown = shown
        if old is None or old[0] != text or old[3] != min_h:
            self.text.setText(text)
            rect = self.text.boundingRect()
            size = (rect.width() + 6, max(rect.height() + 2, min_h))
            if size != self._size:  # the same number of digits keeps its box
                self._size = width, height = size
                self.box.setPath(rounded_path(QRectF(-width / 2, -height / 2, width, height), 3))
                self.text.setPos(-rect.width() / 2, -rect.height() / 2)
        if old is None or old[1] != shown[1]:
            self.box.setBrush(QBrush(fill))
        if old is None or old[2] != shown[2]:
            self.box.setPen(QPen(border, 1.0))

    def set_tip(self, tip: str) -> None:
        """Give the pill its tooltip (unless it has it already)."""
        if tip != self._tip:
            self._tip = tip
            self.box.setToolTip(tip)

    def scene_rect(self) -> QRectF:
        """The box in scene coordinates."""
        return self.box.sceneBoundingRect()


def tone_color(tone: float) -> QColor:
    """The diverging map's colour at ``tone`` in −1..1, lightened to keep text readable."""
    return _tone_color(int(colors.lut_index(np.array([tone]))[0]))


@cache
def _tone_color(index: int) -> QColor:
    """The lightened colour of one LUT position (256 of them, made once each)."""
    c = colors.LUT_COLORS[index]
    return QColor.fromRgbF(0.6 * c.redF() + 0.4, 0.6 * c.greenF() + 0.4, 0.6 * c.blueF() + 0.4)


class BiasBadges:
    """One pill per drawn hidden or output neuron, showing its bias."""

    def __init__(self, scene: QGraphicsScene, diagram: Diagram, arch: Architecture) -> None:
        self.arch = arch
        self.pills: dict[tuple[int, int], Pill] = {}
        self.values: dict[tuple[int, int], float] = {}
        for column, nodes in enumerate(diagram.nodes[1:], start=1):
            for unit, node in enumerate(nodes):
                pill = Pill(scene, BIAS_FONT)
                c, half = node.center, node.size / 2
                pill.box.setPos(c.x() - half + 4, c.y() + half)
                pill.box.setCursor(Qt.CursorShape.PointingHandCursor)
                self.pills[(column, unit)] = pill
        self.show(None)

    def remove(self, scene: QGraphicsScene) -> None:
        """Take every pill out of the scene."""
        for pill in self.pills.values():
            scene.removeItem(pill.box)
        self.pills.clear()

    def show(self, biases: Sequence[np.ndarray] | None) -> None:
        """Show each drawn neuron's bias; None before any weights are known."""
        self.values.clear()
        columns = [] if biases is None else [np.asarray(b, dtype=np.float64) for b in biases]
        tones = [colors.lut_index(np.clip(b / 2.0, -1.0, 1.0)).tolist() for b in columns]
        for (column, unit), pill in self.pills.items():
            known = column - 1 < len(columns) and unit < len(columns[column - 1])
            if not known:
                pill.set("b", colors.BACKGROUND, colors.RULE, BIAS_H)
                said = QCoreApplication.translate("NetworkDiagram", "Bias of {unit}")
                pill.set_tip(said.format(unit=self.arch.unit_name(column, unit)))
                continue
            b = float(columns[column - 1][unit])
            self.values[(column, unit)] = b
            fill = _tone_color(tones[column - 1][unit])
            pill.set(f"b {compact(b, 2)}", fill, colors.SUMMARY_BORDER, BIAS_H)
            name = self.arch.unit_name(column, unit)
            said = QCoreApplication.translate(
                "NetworkDiagram", "Bias of {unit}: {value}. Click to type a new value."
            )
            pill.set_tip(said.format(unit=name, value=compact(b, 6)))

    def hit(self, x: float, y: float) -> tuple[int, int] | None:
        """Return (column, unit) of the pill under scene point (x, y), if any."""
        for key, pill in self.pills.items():
            if pill.scene_rect().adjusted(-1, -1, 1, 1).contains(x, y):
                return key
        return None


class TraceMarks:
    """One mark per drawn neuron for the traced point's values; hidden while none is traced."""

    def __init__(self, scene: QGraphicsScene, diagram: Diagram, arch: Architecture) -> None:
        self.arch = arch
        self.columns: list[list[Pill]] = []
        for nodes in diagram.nodes:
            column = []
            for node in nodes:
                pill = Pill(scene, MARK_FONT)
                pill.box.setPos(node.center)
                pill.box.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
                pill.box.hide()
                column.append(pill)
            self.columns.append(column)
        self.shown: dict[tuple[int, int], NodeMark] = {}

    def remove(self, scene: QGraphicsScene) -> None:
        """Take every mark out of the scene."""
        for column in self.columns:
            for pill in column:
                scene.removeItem(pill.box)
        self.columns.clear()

    def show(self, overlay: TraceOverlay | None) -> None:
        """Show the overlay's marks (None hides them all)."""
        self.shown.clear()
        for column, pills in enumerate(self.columns):
            marks = (
                overlay.nodes[column]
                if overlay is not None and column < len(overlay.nodes)
                else None
            )
            for row, pill in enumerate(pills):
                mark = self._mark(column, row, marks)
                pill.box.setVisible(mark is not None)
                if mark is not None:
                    pill.set(mark.text, tone_color(mark.tone), colors.NODE_BORDER)
                    pill.set_tip(mark.tip)
                    self.shown[(column, row)] = mark

    def _mark(self, column: int, row: int, marks: tuple[NodeMark, ...] | None) -> NodeMark | None:
        """The mark of drawn node ``row`` of a column (input nodes are in features_all order)."""
        if marks is None:
            return None
        if column == 0:
            key = self.arch.features_all[row]
            if key not in self.arch.features_on:
                return None
            row = self.arch.features_on.index(key)
        return marks[row] if row < len(marks) else None
