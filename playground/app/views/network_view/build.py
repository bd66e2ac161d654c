"""Builds every scene item of the diagram for one architecture, with lookups for hit tests."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
from PySide6.QtCore import QCoreApplication, QPointF
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene

from playground.app.views.network_view import colors
from playground.app.views.network_view.edges import EdgeLayer
from playground.app.views.network_view.items import (
    FoldPill,
    NodeItem,
    NodeKey,
    PenCache,
    add_text,
    place_text,
)
from playground.app.views.network_view.layout import Geometry, has_pill, visible_count

#: What a hit test finds: a node's key, ("edge", layer, k), ("bias", column, unit) or
#: ("fold", column) for a column's fold pill.
Key = (
    NodeKey
    | tuple[Literal["edge"], int, int]
    | tuple[Literal["bias"], int, int]
    | tuple[Literal["fold"], int]
)
_SUBSCRIPT = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


@dataclass(frozen=True)
class Architecture:
    """What the diagram draws: features, hidden layers (units, activation) and outputs."""

    features_all: tuple[str, ...]
    labels: tuple[str, ...]
    features_on: tuple[str, ...]
    hidden: tuple[tuple[int, str], ...]
    n_outputs: int
    activation_names: tuple[str, ...]

    def column_units(self) -> list[int]:
        """Return the node count of every column, inputs (all features) to outputs."""
        return [len(self.features_all), *(units for units, _ in self.hidden), self.n_outputs]

    def unit_name(self, column: int, index: int) -> str:
        """Return a short name for unit index of a column (inputs indexed by features_on)."""
        if column == 0:
            return self.labels[self.features_all.index(self.features_on[index])]
        if column == len(self.hidden) + 1:
            return "ŷ" + (str(index + 1).translate(_SUBSCRIPT) if self.n_outputs > 1 else "")
        said = QCoreApplication.translate("NetworkDiagram", "layer {layer} #{unit}")
        return said.format(layer=column, unit=index + 1)

    def network_index(self, key: Key) -> tuple[int, int] | None:
        """Return (layer, unit) of a node key, or None for a feature that is off (or no node)."""
        if key[0] == "node":
            return key[1], key[2]
        if key[0] == "input" and key[1] in self.features_on:
            return 0, self.features_on.index(key[1])
        return None


@dataclass
class Diagram:
    """Every item drawn for one architecture, with the lookups that hit tests need."""

    items: list[QGraphicsItem] = field(default_factory=list)
    nodes: list[list[NodeItem]] = field(default_factory=list)
    flat: list[NodeItem] = field(default_factory=list)
    by_key: dict[Key, NodeItem] = field(default_factory=dict)
    node_xy: np.ndarray = field(default_factory=lambda: np.zeros((0, 2)))
    edges: list[EdgeLayer] = field(default_factory=list)
    summaries: dict[int, FoldPill] = field(default_factory=dict)

    def remove(self, scene: QGraphicsScene) -> None:
        """Take every item out of the scene."""
        for item in self.items:
            scene.removeItem(item)
        for edges in self.edges:
            edges.remove(scene)
        self.items.clear()

    def thumbnail_targets(
        self, arch: Architecture | None, column: int, data: np.ndarray
    ) -> list[tuple[int, NodeItem]]:
        """Pair the rows of a column's (n, t, t) activation array with the nodes that show them.

        Input rows are the active features in ``features_on`` order, or all of them.
        """
        if data.ndim != 3 or data.shape[1] != data.shape[2] or arch is None:
            return []
        nodes = self.nodes[column]
        if column:
            return list(enumerate(nodes[: len(data)]))
        keys = arch.features_on if len(data) == len(arch.features_on) else arch.features_all
        if len(data) != len(keys):
            return []
        by_key = dict(zip(arch.features_all, nodes, strict=True))
        return [(row, by_key[key]) for row, key in enumerate(keys)]

    def emphasise(self, index: tuple[int, int] | None) -> None:
        """Dim every edge that does not touch the node at (layer, unit); None undims all."""
        for layer, edges in enumerate(self.edges):
            if index is None:
                edges.emphasise(None, None)
            else:
                src = index[1] if index[0] == layer else -1
                dst = index[1] if index[0] == layer + 1 else -1
                edges.emphasise(src, dst)

    def fold_at(self, x: float, y: float) -> int | None:
        """Return the column whose fold pill holds scene point (x, y), if any."""
        for column, pill in self.summaries.items():
            if pill.sceneBoundingRect().contains(x, y):
                return column
        return None

    def node_at(self, x: float, y: float, size: int) -> NodeItem | None:
        """Return the node whose square contains scene point (x, y), if any."""
        inside = np.all(np.abs(self.node_xy - (x, y)) <= size / 2 + 1, axis=1)
        hits = np.flatnonzero(inside)
        return self.flat[hits[0]] if hits.size else None


def _input_column(scene: QGraphicsScene, g: Geometry, arch: Architecture, d: Diagram) -> None:
    """Add one node and label per available feature, greyed out when the feature is off."""
    column = []
    for row, (key, label) in enumerate(zip(arch.features_all, arch.labels, strict=True)):
        x, y = g.node_center(0, row)
        node = NodeItem(scene, (x, y), g.node, ("input", key))
        active = key in arch.features_on
        node.set_state(enabled=active, hovered=False)
        if active:
            tip = QCoreApplication.translate(
                "NetworkDiagram", "{feature}: click to remove it from the network"
            )
        else:
            tip = QCoreApplication.translate(
                "NetworkDiagram", "{feature}: click to feed it into the network"
            )
        node.clip.setToolTip(tip.format(feature=label))
        text = add_text(scene, label, 13, colors.TEXT if active else colors.TEXT_DISABLED)
        place_text(text, x - g.node / 2 - 8, y, "right")
        d.items += [node.clip, node.border, text]
        column.append(node)
    d.nodes.append(column)


def _fold_pill(scene: QGraphicsScene, g: Geometry, column: int, units: int, shown: int) -> FoldPill:
    """The pill below a wide column: "+N more" while folded, "show fewer" while unfolded."""
    center = g.summary_center(column, shown)
    if shown < units:
        text = QCoreApplication.translate("NetworkDiagram", "+{n} more").format(n=units - shown)
        tip = QCoreApplication.translate(
            "NetworkDiagram",
            "{hidden} of the {units} units in this layer are not drawn "
            "(units {first}–{last}); nor are their edges.",
        ).format(hidden=units - shown, units=units, first=shown + 1, last=units)
        tip += " " + QCoreApplication.translate("NetworkDiagram", "Click to draw them all.")
        return FoldPill(scene, center, column, text, tip, unfolded=False)
    text = QCoreApplication.translate("NetworkDiagram", "show fewer")
    tip = QCoreApplication.translate(
        "NetworkDiagram",
        "All {units} units of this layer are drawn. Click to draw the first {n} only.",
    ).format(units=units, n=visible_count(units))
    return FoldPill(scene, center, column, text, tip, unfolded=True)


def _unit_column(
    scene: QGraphicsScene,
    g: Geometry,
    arch: Architecture,
    d: Diagram,
    column: int,
    unfolded: bool,
) -> None:
    """Add the drawn nodes of a hidden or output column, and its fold pill if it is wide."""
    units = arch.column_units()[column]
    shown = visible_count(units, unfolded)
    nodes = [
        NodeItem(scene, g.node_center(column, r), g.node, ("node", column, r)) for r in range(shown)
    ]
    for node in nodes:
        d.items += [node.clip, node.border]
    if has_pill(units):
        pill = d.summaries[column] = _fold_pill(scene, g, column, units, shown)
        d.items.append(pill)
    if column == len(arch.hidden) + 1:
        for r, node in enumerate(nodes):
            text = add_text(scene, arch.unit_name(column, r), 13, colors.TEXT)
            place_text(text, node.center.x() + g.node / 2 + 6, node.center.y(), "left")
            d.items.append(text)
    d.nodes.append(nodes)


def build_diagram(
    scene: QGraphicsScene,
    pens: PenCache,
    g: Geometry,
    arch: Architecture,
    unfolded: Collection[int] = (),
) -> Diagram:
    """Create the nodes, pills, labels and edges of arch laid out by g.

    Columns in ``unfolded`` draw every unit, with their edges, bias pills and thumbnails.
    """
    d = Diagram()
    _input_column(scene, g, arch, d)
    for column in range(1, len(arch.column_units())):
        _unit_column(scene, g, arch, d, column, column in unfolded)
    half = g.node / 2
    by_feature = dict(zip(arch.features_all, d.nodes[0], strict=True))
    sources = [
        (i, by_feature[key].center + QPointF(half, 0)) for i, key in enumerate(arch.features_on)
    ]
    for nodes in d.nodes[1:]:
        targets = [(j, node.center - QPointF(half, 0)) for j, node in enumerate(nodes)]
        d.edges.append(EdgeLayer(scene, pens, sources, targets))
        sources = [(i, node.center + QPointF(half, 0)) for i, node in enumerate(nodes)]
    d.flat = [node for nodes in d.nodes for node in nodes]
    d.by_key = {node.key: node for node in d.flat}
    d.node_xy = np.array([(n.center.x(), n.center.y()) for n in d.flat]).reshape(-1, 2)
    return d
