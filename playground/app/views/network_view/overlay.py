"""What the diagram draws over its neurons and edges: biases, a traced point, the value field.

:class:`Overlays` belongs to a :class:`~playground.app.views.network_view.view.NetworkView`:
it keeps the last biases and trace it was given, puts them on the items of each new
architecture, colours the edges by the trace's gradients where it has them, and opens
the field that edits one weight or bias. It only shows and asks: an edit leaves as the
``edit_requested`` intent.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from PySide6.QtCore import QCoreApplication, QObject, QPoint, Signal
from PySide6.QtWidgets import QGraphicsScene, QWidget

from playground.app.views.network_view.badges import BiasBadges, TraceMarks, TraceOverlay
from playground.app.views.network_view.build import Architecture, Diagram
from playground.app.views.network_view.edges import EdgeLayer
from playground.app.views.network_view.editing import ParamEditor, flat_index
from playground.app.views.numbers import compact


def sizes_of(arch: Architecture) -> tuple[int, ...]:
    """The network's layer sizes as the diagram draws it."""
    return (len(arch.features_on), *(units for units, _ in arch.hidden), arch.n_outputs)


class Overlays(QObject):
    """Bias pills, trace marks and edge colours, and the inline editor (see the module)."""

    #: (run id or None, flat parameter index, new value)
    edit_requested = Signal(object, int, float)

    def __init__(self, scene: QGraphicsScene, viewport: QWidget) -> None:
        super().__init__(viewport)
        self._scene = scene
        self.editor = ParamEditor(viewport)
        self.editor.accepted.connect(self._on_accepted)
        self.biases: Sequence[np.ndarray] | None = None
        self.trace: TraceOverlay | None = None
        self.run_id: int | None = None
        self.bias_badges: BiasBadges | None = None
        self.marks: TraceMarks | None = None
        self._target: tuple[int | None, int] | None = None

    def rebuild(self, diagram: Diagram, arch: Architecture) -> None:
        """Make the pills and marks of a new architecture and show what was shown."""
        self.editor.cancel()
        for old in (self.bias_badges, self.marks):
            if old is not None:
                old.remove(self._scene)
        self.bias_badges = BiasBadges(self._scene, diagram, arch)
        self.marks = TraceMarks(self._scene, diagram, arch)
        self.bias_badges.show(self.biases)
        self.marks.show(self.trace)

    def show_biases(self, biases: Sequence[np.ndarray] | None) -> None:
        """Show every drawn neuron's bias."""
        self.biases = biases
        if self.bias_badges is not None:
            self.bias_badges.show(biases)

    def set_trace(self, overlay: TraceOverlay | None) -> None:
        """Show a traced point's values (None: back to the plain diagram)."""
        self.trace = overlay
        if self.marks is not None:
            self.marks.show(overlay)

    def paint_edges(self, diagram: Diagram, weights: Sequence[np.ndarray] | None) -> None:
        """Colour each layer's edges by the trace's gradients, blank, or by its weights."""
        trace = self.trace
        for layer, edges in enumerate(diagram.edges):
            grads = trace.gradients[layer] if trace and layer < len(trace.gradients) else None
            if grads is not None:
                peak = float(np.max(np.abs(grads))) if np.size(grads) else 0.0
                edges.show(grads, full=peak if peak > 1e-12 else 1.0)
            elif trace is not None and layer in trace.faded:
                edges.blank()
            elif weights is not None and layer < len(weights):
                edges.show(weights[layer])

    def edge_text(
        self, layer: int, i: int, j: int, weights: Sequence[np.ndarray] | None
    ) -> str | None:
        """The hover card's first line while the trace colours this edge by its gradient."""
        trace = self.trace
        grads = trace.gradients[layer] if trace and layer < len(trace.gradients) else None
        if trace is None or grads is None:
            return None
        text = f"{trace.caption} = {compact(float(grads[i, j]), 3, sign=True)}"
        if weights is not None:
            text += f"  (w = {compact(float(weights[layer][i, j]), 3, sign=True)})"
        return text

    def edge_card(
        self,
        arch: Architecture,
        layer: int,
        edges: EdgeLayer,
        k: int,
        weights: Sequence[np.ndarray] | None,
    ) -> tuple[str, str]:
        """The two lines of edge ``k``'s hover card: its value (or gradient), and its route."""
        i, j = (int(v) for v in edges.ij[k])
        w = edges.values[k]
        value = "w = …" if np.isnan(w) else f"w = {compact(float(w), 3, sign=True)}"
        value = self.edge_text(layer, i, j, weights) or value
        return value, f"{arch.unit_name(layer, i)} → {arch.unit_name(layer + 1, j)}"

    def edit_weight(
        self,
        arch: Architecture,
        weights: Sequence[np.ndarray] | None,
        layer: int,
        ij: tuple[int, int],
        at: QPoint,
    ) -> bool:
        """Open the field for weight ``ij`` of ``layer``; False while no weights are known."""
        if weights is None or layer >= len(weights):
            return False
        i, j = ij
        route = f"{arch.unit_name(layer, i)} → {arch.unit_name(layer + 1, j)}"
        index = flat_index(sizes_of(arch), layer, i, j)
        caption = QCoreApplication.translate("NetworkDiagram", "Weight {route}").format(route=route)
        return self._open(index, caption, float(weights[layer][i, j]), at)

    def edit_bias(self, arch: Architecture, column: int, unit: int, at: QPoint) -> bool:
        """Open the field for the bias of ``unit`` in ``column``; False while it is unknown."""
        badges = self.bias_badges
        if badges is None or (column, unit) not in badges.values:
            return False
        index = flat_index(sizes_of(arch), column - 1, None, unit)
        caption = QCoreApplication.translate("NetworkDiagram", "Bias of {unit}")
        caption = caption.format(unit=arch.unit_name(column, unit))
        return self._open(index, caption, badges.values[(column, unit)], at)

    def _open(self, index: int, caption: str, value: float, at: QPoint) -> bool:
        self._target = (self.run_id, index)
        said = QCoreApplication.translate(
            "NetworkDiagram", "{caption} (Enter applies, Esc cancels)"
        )
        self.editor.open(at, said.format(caption=caption), value)
        return True

    def _on_accepted(self, value: float) -> None:
        if self._target is not None:
            run_id, index = self._target
            self._target = None
            self.edit_requested.emit(run_id, index, value)
