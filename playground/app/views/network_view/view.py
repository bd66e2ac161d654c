"""NetworkView: the editable network diagram with live neuron thumbnails and weighted edges.

Every bias is shown in a pill on its neuron, and a click on an edge or a bias opens a
field to type its value (:mod:`.overlay`); while the backprop inspector traces a point,
the neurons show its values and the edges its gradients. A wide column unfolds to draw
every unit (:mod:`.folding`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
from PySide6.QtCore import QEvent, QObject, QPointF, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QContextMenuEvent, QMouseEvent, QPainter, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QGraphicsItem,
    QGraphicsScene,
    QGraphicsView,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from playground.app.views.network_view import colors
from playground.app.views.network_view.badges import TraceOverlay
from playground.app.views.network_view.build import Architecture, Diagram, Key, build_diagram
from playground.app.views.network_view.edges import EdgeLayer
from playground.app.views.network_view.folding import Folding
from playground.app.views.network_view.header import DiagramHeader
from playground.app.views.network_view.items import NodeItem, PenCache, ValueLabel
from playground.app.views.network_view.layout import HEADER_H, Geometry, compute_geometry
from playground.app.views.network_view.overlay import Overlays
from playground.app.views.network_view.thumbs import ThumbnailPictures, paint_thumbnails

#: The last show_thumbnails arguments, shown again after a rebuild.
_Thumbnails = tuple[
    np.ndarray, Sequence[np.ndarray], np.ndarray, Sequence[tuple[float, float] | None] | None
]


class NetworkView(QWidget):
    """Diagram of the network: toggle features, edit layers, watch neurons and weights train."""

    feature_toggled = Signal(str, bool)
    units_change_requested = Signal(int, int)
    activation_change_requested = Signal(int, str)
    layer_add_requested = Signal()
    layer_remove_requested = Signal()
    node_hovered = Signal(int, int)
    node_unhovered = Signal()
    edge_clicked = Signal(int, int, int, float)
    #: (run id or None for the run shown, flat index into params, the value typed)
    parameter_edit_requested = Signal(object, int, float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._scene = QGraphicsScene(self)
        self._scene.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)
        self._scene.setBackgroundBrush(QBrush(colors.BACKGROUND))
        self._view = QGraphicsView(self._scene, self)
        self._view.setFrameShape(QFrame.Shape.NoFrame)
        self._view.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self._view.setRenderHints(
            QPainter.RenderHint.Antialiasing
            | QPainter.RenderHint.SmoothPixmapTransform
            | QPainter.RenderHint.TextAntialiasing
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._view)
        self._header = DiagramHeader(self._scene)
        self._header.root.setVisible(False)
        self._header.units_change_requested.connect(self.units_change_requested)
        self._header.activation_change_requested.connect(self.activation_change_requested)
        self._header.layer_add_requested.connect(self.layer_add_requested)
        self._header.layer_remove_requested.connect(self.layer_remove_requested)
        self._view.verticalScrollBar().valueChanged.connect(self._on_scrollbar_value_changed)
        self._view.viewport().installEventFilter(self)
        self._pens = PenCache()
        self._label = ValueLabel(self._scene)
        self._arch: Architecture | None = None
        self._geometry: Geometry | None = None
        self._diagram = Diagram()
        self._pictures = ThumbnailPictures()
        self._thumbs: _Thumbnails | None = None
        self._weights: Sequence[np.ndarray] | None = None
        self._hover: Key | None = None
        self._pressed: Key | None = None
        self._pinned: tuple[int, int] | None = None
        self._overlays = Overlays(self._scene, self._view.viewport())
        self._overlays.edit_requested.connect(self.parameter_edit_requested)
        self._folding = Folding(self._view)
        self._folding.changed.connect(self._rebuild)

    def sizeHint(self) -> QSize:
        """Prefer the panel size the diagram was designed for."""
        return QSize(700, 450)

    def set_architecture(
        self,
        features_all: Sequence[str],
        feature_labels: Mapping[str, str],
        features_on: Sequence[str],
        hidden: Sequence[tuple[int, str]],
        n_outputs: int,
        activation_names: Sequence[str],
    ) -> None:
        """Rebuild the diagram's items for an architecture (nothing happens if it is unchanged)."""
        arch = Architecture(
            features_all=tuple(features_all),
            labels=tuple(feature_labels.get(key, key) for key in features_all),
            features_on=tuple(features_on),
            hidden=tuple((int(units), str(name)) for units, name in hidden),
            n_outputs=int(n_outputs),
            activation_names=tuple(activation_names),
        )
        if arch != self._arch:
            self._arch = arch
            self._thumbs = self._weights = None
            self._rebuild()

    def show_thumbnails(
        self,
        inputs: np.ndarray,
        hidden: Sequence[np.ndarray],
        outputs: np.ndarray,
        value_ranges: Sequence[tuple[float, float] | None] | None = None,
    ) -> None:
        """Paint each node's (t, t) activation map; row 0 is the bottom of the input plane.

        inputs holds the active features in features_on order, or all features in
        features_all order. value_ranges gives (lo, hi) per column (inputs, hidden...,
        outputs); a missing one scales that column symmetrically by its largest |value|.
        """
        self._thumbs = (inputs, hidden, outputs, value_ranges)
        columns = [inputs, *hidden, outputs]
        paint_thumbnails(self._diagram, self._arch, self._pictures, columns, value_ranges)

    def show_weights(
        self, weights: Sequence[np.ndarray], biases: Sequence[np.ndarray] | None = None
    ) -> None:
        """Colour each drawn edge by its weight's sign and thicken it with |w|; show biases.

        While a traced point's gradients colour some layers, those keep them.
        """
        self._weights = weights
        if biases is not None:
            self._overlays.show_biases(biases)
        self._overlays.paint_edges(self._diagram, weights)
        self._refresh_label()

    def show_biases(self, biases: Sequence[np.ndarray] | None) -> None:
        """Show each neuron's bias (b of every layer, each (fan_out,)) in its pill."""
        self._overlays.show_biases(biases)

    def set_run_id(self, run_id: int | None) -> None:
        """Name the run the diagram shows: a value typed in is meant for it."""
        self._overlays.run_id = run_id

    def show_trace(self, overlay: TraceOverlay) -> None:
        """Show a traced point: values on the neurons, gradients on the edges it gives."""
        self._overlays.set_trace(overlay)
        self._overlays.paint_edges(self._diagram, self._weights)
        self._refresh_label()

    def clear_trace(self) -> None:
        """Back to the weights and thumbnails alone."""
        if self._overlays.trace is not None:
            self._overlays.set_trace(None)
            self._overlays.paint_edges(self._diagram, self._weights)
            self._refresh_label()

    @property
    def overlays(self) -> Overlays:
        """Return the bias pills, trace marks and the value field."""
        return self._overlays

    @property
    def folding(self) -> Folding:
        """Return which wide columns draw every unit."""
        return self._folding

    def _refresh_label(self) -> None:
        """Show the pinned or hovered edge's card again with its current value."""
        if self._pinned is not None:
            self._show_label(*self._pinned, self._label.anchor)
        elif self._hover is not None and self._hover[0] == "edge":
            self._show_label(self._hover[1], self._hover[2], self._label.anchor)

    def node_items(self, layer: int) -> list[NodeItem]:
        """Return the drawn nodes of a column (0 = inputs, in features_all order)."""
        return list(self._diagram.nodes[layer])

    def summary_item(self, layer: int) -> QGraphicsItem | None:
        """Return the fold pill ('+N more' or 'show fewer') of a column, if it has one."""
        return self._diagram.summaries.get(layer)

    def edge_layer(self, layer: int) -> EdgeLayer:
        """Return the drawn edges of weight matrix layer (0 = inputs to first layer)."""
        return self._diagram.edges[layer]

    @property
    def header(self) -> DiagramHeader:
        """Return the header holding the layer and unit controls."""
        return self._header

    @property
    def graphics_view(self) -> QGraphicsView:
        """Return the QGraphicsView showing the diagram."""
        return self._view

    @property
    def value_label(self) -> ValueLabel:
        """Return the floating card that shows an edge's weight."""
        return self._label

    def _fit(self) -> Geometry:
        """Lay the current architecture out for the view's size."""
        assert self._arch is not None
        bar = self._view.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        size = self._view.size()
        units, unfolded = self._arch.column_units(), self._folding.columns()
        return compute_geometry(units, size.width(), size.height(), bar, unfolded)

    def _rebuild(self) -> None:
        """Replace every diagram item, then repaint the last thumbnails and weights."""
        assert self._arch is not None
        self._set_hover(None)
        self._pinned = None
        self._label.hide()
        self._diagram.remove(self._scene)
        self._pictures.clear()
        arch = self._arch
        self._folding.set_architecture(arch)
        self._geometry = geometry = self._fit()
        unfolded = self._folding.columns()
        self._diagram = build_diagram(self._scene, self._pens, geometry, arch, unfolded)
        self._overlays.rebuild(self._diagram, arch)
        counts = (len(arch.features_on), len(arch.features_all))
        self._header.show_architecture(
            geometry, arch.hidden, counts, arch.n_outputs, arch.activation_names
        )
        self._header.root.setVisible(True)
        self._scene.setSceneRect(0, 0, geometry.width, geometry.height)
        self._on_scrollbar_value_changed()
        if self._thumbs is not None:
            self.show_thumbnails(*self._thumbs)
        if self._weights is not None:
            self.show_weights(self._weights)
        self._folding.attach(self._diagram)

    def changeEvent(self, event: QEvent) -> None:
        """Say the header's and the diagram's texts again when the language changes."""
        if event.type() == QEvent.Type.LanguageChange:
            self._header.retranslate_ui()
            if self._arch is not None:
                self._rebuild()
        super().changeEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Re-fit the diagram to the new size."""
        super().resizeEvent(event)
        if self._arch is not None and self._fit() != self._geometry:
            self._rebuild()

    def _on_scrollbar_value_changed(self, _value: int = 0) -> None:
        """Keep the header pinned to the top of the viewport."""
        self._header.set_offset(max(0.0, self._view.mapToScene(0, 0).y()))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Watch the viewport's mouse to hover and click nodes and edges."""
        if watched is self._view.viewport():
            kind = event.type()
            if kind == QEvent.Type.Leave:
                self._set_hover(None)
            elif isinstance(event, QContextMenuEvent):
                key = self._hit(QPointF(event.pos()))[0]
                if self._folding.context_menu(key, event.globalPos()):
                    return True
            elif isinstance(event, QMouseEvent):
                if kind == QEvent.Type.MouseMove:
                    self._on_viewport_mouse_move(event)
                elif kind == QEvent.Type.MouseButtonPress:
                    self._on_viewport_mouse_press(event)
                elif kind == QEvent.Type.MouseButtonRelease:
                    self._on_viewport_mouse_release(event)
        return super().eventFilter(watched, event)

    def _hit(self, pos: QPointF) -> tuple[Key | None, QPointF]:
        """Return the key of what is under viewport point ``pos`` and the scene point."""
        point = self._view.mapToScene(pos.toPoint())
        if self._geometry is None or pos.y() < HEADER_H:
            return None, point
        column = self._diagram.fold_at(point.x(), point.y())
        if column is not None:
            return ("fold", column), point
        badges = self._overlays.bias_badges
        bias = badges.hit(point.x(), point.y()) if badges is not None else None
        if bias is not None:
            return ("bias", *bias), point
        node = self._diagram.node_at(point.x(), point.y(), self._geometry.node)
        if node is not None:
            return node.key, point
        for layer, edges in enumerate(self._diagram.edges):
            k = edges.nearest(point.x(), point.y())
            if k >= 0:
                return ("edge", layer, k), point
        return None, point

    def _on_viewport_mouse_move(self, event: QMouseEvent) -> None:
        """Hover whatever is under the mouse."""
        key, point = self._hit(event.position())
        self._set_hover(key, point)

    def _on_viewport_mouse_press(self, event: QMouseEvent) -> None:
        """Remember what a left press started on, so the release can complete a click."""
        is_left = event.button() == Qt.MouseButton.LeftButton
        self._pressed = self._hit(event.position())[0] if is_left else None

    def _on_viewport_mouse_release(self, event: QMouseEvent) -> None:
        """Toggle a feature or pin an edge's value when a click lands where it started."""
        if event.button() != Qt.MouseButton.LeftButton or self._arch is None:
            return
        key, point = self._hit(event.position())
        pressed, self._pressed = self._pressed, None
        if key is None or key != pressed:
            if key is None and event.position().y() >= HEADER_H:
                self._overlays.editor.cancel()
                self._pinned = None
                self._set_hover(None)
                self._label.hide()
            return
        at = event.position().toPoint()
        if key[0] == "input":
            self.feature_toggled.emit(key[1], key[1] not in self._arch.features_on)
        elif key[0] == "bias":
            self._overlays.edit_bias(self._arch, key[1], key[2], at)
        elif key[0] == "fold":
            self._folding.toggle(key[1])
        elif key[0] == "edge":
            layer, k = key[1], key[2]
            self._pinned = (layer, k)
            self._show_label(layer, k, point)
            i, j = (int(v) for v in self._diagram.edges[layer].ij[k])
            weights = self._weights
            value = float(weights[layer][i, j]) if weights is not None else float("nan")
            self.edge_clicked.emit(layer, i, j, value)
            self._overlays.edit_weight(self._arch, weights, layer, (i, j), at)

    def _set_hover(self, key: Key | None, point: QPointF | None = None) -> None:
        """Move the hover highlight from the old key to key, emitting the node signals."""
        if key == self._hover:
            return
        old, self._hover = self._hover, key
        if old is not None and old[0] == "edge":
            self._diagram.edges[old[1]].set_hot(-1)
            if self._pinned is None:
                self._label.hide()
        elif old is not None and old in self._diagram.by_key:
            node = self._diagram.by_key[old]
            node.set_state(enabled=node.enabled, hovered=False)
            self._diagram.emphasise(None)
            if self._arch is not None and self._arch.network_index(old) is not None:
                self.node_unhovered.emit()
        cursor = Qt.CursorShape.ArrowCursor
        if key is not None and key[0] == "edge":
            self._diagram.edges[key[1]].set_hot(key[2])
            self._show_label(key[1], key[2], point if point is not None else QPointF())
            cursor = Qt.CursorShape.PointingHandCursor
        elif key is not None and key[0] in ("bias", "fold"):
            cursor = Qt.CursorShape.PointingHandCursor
        elif key is not None and key in self._diagram.by_key:
            node = self._diagram.by_key[key]
            node.set_state(enabled=node.enabled, hovered=True)
            index = self._arch.network_index(key) if self._arch is not None else None
            self._diagram.emphasise(index)
            if key[0] == "input":
                cursor = Qt.CursorShape.PointingHandCursor
            if index is not None:
                self.node_hovered.emit(*index)
        self._view.viewport().setCursor(cursor)

    def _show_label(self, layer: int, k: int, anchor: QPointF) -> None:
        """Show edge k of a weight layer's value and route on the floating card."""
        assert self._arch is not None
        edges = self._diagram.edges[layer]
        value, route = self._overlays.edge_card(self._arch, layer, edges, k, self._weights)
        visible = self._view.mapToScene(self._view.viewport().rect()).boundingRect()
        visible.setTop(visible.top() + HEADER_H)  # the pinned header covers the top
        self._label.show_at(anchor, value, route, visible)
