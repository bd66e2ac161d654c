"""The activation gallery: one function's f(z) and f'(z) over z in [-6, 6], annotated.

The curves and their annotations come from :mod:`playground.core.activation_curves`,
which reads them off the engine's own tables: where f' peaks and how high, where it
steps, the range of f. "Use for layer" asks for the function in the chosen hidden
layer (:attr:`ActivationGallery.activation_chosen`); the diagram's activation combo asks
the same way, and the network changes when the runs do.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from playground.app.views.numbers import compact
from playground.app.views.plots.axes import CompactAxis
from playground.app.views.plots.hover import HoverReadout, HoverTarget, Label
from playground.app.views.plots.plot_tools import (
    palette_colors,
    set_legend_text_color,
    settle_auto_range,
    style_axes,
)
from playground.core.activation_curves import Z_RANGE, CurveFacts, curve, facts, gallery_names

F_COLOR = "#1a73e8"
SLOPE_COLOR = "#e8710a"
#: Samples drawn of each curve.
SAMPLES = 601
#: Labelled points of f' at most (a step has two).
MAX_MARKERS = 3
AXIS_COLOR = "#9aa0a6"


def _label(symbol: str, name: str) -> Label:
    def label(index: int, x: float, y: float) -> str:
        return f"z {compact(x, 3)} · {symbol} {compact(y)} · {name}"

    return label


class ActivationGallery(QWidget):
    """A function picker, its two curves with their annotations, and "Use for layer"."""

    #: (hidden layer, 0-based; activation name): use this function in that layer.
    activation_chosen = Signal(int, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._activations: tuple[str, ...] = ()
        self.facts: CurveFacts | None = None
        #: Whether the user picked a function; until then it follows the chosen layer's.
        self._picked = False

        self.function_combo = QComboBox()
        self.function_combo.addItems(gallery_names())
        self.function_combo.setToolTip("The function to plot")
        self.layer_combo = QComboBox()
        self.layer_combo.setToolTip("The hidden layer 'Use for layer' changes")
        self.use_button = QPushButton("Use for layer")
        self.function_combo.currentTextChanged.connect(self.show_function)
        self.function_combo.textActivated.connect(self._on_function_picked)
        self.layer_combo.currentIndexChanged.connect(self._enable_button)
        self.use_button.clicked.connect(self._on_use_clicked)

        self.graphics = pg.GraphicsLayoutWidget()
        self.graphics.ci.setContentsMargins(2, 2, 2, 2)
        self.legend = pg.LegendItem(colCount=2, labelTextSize="8pt", horSpacing=12)
        self.graphics.addItem(self.legend, row=0, col=0)
        self.plot_item: pg.PlotItem = self.graphics.addPlot(
            row=1, col=0, axisItems={"left": CompactAxis("left"), "bottom": CompactAxis("bottom")}
        )
        self.plot_item.setMenuEnabled(False, enableViewBoxMenu=True)
        self.plot_item.setLabel("bottom", "z (pre-activation)")
        self.plot_item.showGrid(x=True, y=True, alpha=0.12)
        self.plot_item.setXRange(*Z_RANGE, padding=0.02)
        self.plot_item.enableAutoRange(x=False, y=True)
        for angle in (0, 90):
            self.plot_item.addItem(
                pg.InfiniteLine(0.0, angle=angle, pen=pg.mkPen(AXIS_COLOR, width=1)),
                ignoreBounds=True,
            )
        self.f_curve = pg.PlotDataItem(pen=pg.mkPen(F_COLOR, width=2.2))
        dashed = pg.mkPen(SLOPE_COLOR, width=2.2, style=Qt.PenStyle.DashLine)
        self.slope_curve = pg.PlotDataItem(pen=dashed)
        self.plot_item.addItem(self.f_curve)
        self.plot_item.addItem(self.slope_curve)
        self.legend.addItem(self.f_curve, "f(z)")
        self.legend.addItem(self.slope_curve, "f′(z)")
        self.marker_points = pg.ScatterPlotItem(
            size=9, pen=pg.mkPen(SLOPE_COLOR, width=1.5), brush=pg.mkBrush(SLOPE_COLOR)
        )
        self.plot_item.addItem(self.marker_points)
        self.marker_texts: list[pg.TextItem] = []
        for _ in range(MAX_MARKERS):
            text = pg.TextItem(color=SLOPE_COLOR, anchor=(-0.05, 1.0))
            text.setVisible(False)
            self.plot_item.addItem(text, ignoreBounds=True)
            self.marker_texts.append(text)
        self.hover = HoverReadout(self.plot_item, self._hover_targets)

        self.notes_label = QLabel()
        self.notes_label.setWordWrap(True)
        self.notes_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        top = QHBoxLayout()
        top.setContentsMargins(4, 0, 4, 0)
        top.addWidget(QLabel("Function"))
        top.addWidget(self.function_combo)
        top.addStretch(1)
        top.addWidget(self.layer_combo)
        top.addWidget(self.use_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addWidget(self.graphics, 1)
        layout.addWidget(self.notes_label)

        self._apply_palette()
        self.set_layers(())
        self.show_function(self.function_combo.currentText())

    @property
    def function(self) -> str:
        """The function shown."""
        return self.function_combo.currentText()

    @property
    def selected_layer(self) -> int:
        """The hidden layer chosen for "Use for layer" (0-based; -1 without hidden layers)."""
        return self.layer_combo.currentIndex()

    def show_function(self, name: str) -> None:
        """Plot ``name``'s f and f' with its annotations (and pick it in the combo)."""
        if self.function_combo.currentText() != name:
            self.function_combo.setCurrentText(name)  # comes back here through the signal
            return
        z = np.linspace(*Z_RANGE, SAMPLES)
        f, slope = curve(name, z)
        self.f_curve.setData(z, f)
        self.slope_curve.setData(z, slope)
        found = facts(name)
        self.facts = found
        self.marker_points.setData([m.z for m in found.markers], [m.slope for m in found.markers])
        for index, text in enumerate(self.marker_texts):
            marker = found.markers[index] if index < len(found.markers) else None
            text.setVisible(marker is not None and bool(marker.text))
            if marker is not None:
                text.setText(marker.text)
                text.setPos(marker.z, marker.slope)
        self.notes_label.setText("  ".join(found.notes))
        settle_auto_range(self.plot_item.vb)  # fit now, not in the next paint
        self._enable_button()

    def set_layers(self, activations: tuple[str, ...]) -> None:
        """Offer the network's hidden layers, each named with the activation it uses."""
        activations = tuple(activations)
        if activations == self._activations and self.layer_combo.count() == len(activations):
            return
        keep = self.layer_combo.currentIndex()
        self._activations = activations
        self.layer_combo.blockSignals(True)
        self.layer_combo.clear()
        self.layer_combo.addItems([f"layer {i + 1} · {name}" for i, name in enumerate(activations)])
        if activations:
            self.layer_combo.setCurrentIndex(min(max(keep, 0), len(activations) - 1))
        self.layer_combo.blockSignals(False)
        if not self._picked and activations:
            self.show_function(activations[self.selected_layer])
        self._enable_button()

    def changeEvent(self, event: QEvent) -> None:
        """Restyle the plot when the application palette changes."""
        if event.type() == QEvent.Type.PaletteChange:
            self._apply_palette()
        super().changeEvent(event)

    def _enable_button(self) -> None:
        """Offer "Use for layer" only for a hidden-layer function the layer does not use yet."""
        found = self.facts
        layer = self.selected_layer
        tip = f"Use {self.function} in the chosen hidden layer"
        enabled = found is not None and found.for_hidden and layer >= 0
        if found is not None and not found.for_hidden:
            tip = f"{self.function} is an output function: no hidden layer can use it"
        elif layer < 0:
            tip = "The network has no hidden layer"
        elif self._activations[layer] == self.function:
            enabled = False
            tip = f"Layer {layer + 1} uses {self.function} already"
        self.use_button.setEnabled(enabled)
        self.use_button.setToolTip(tip)

    def _on_function_picked(self, name: str) -> None:
        self._picked = True

    def _on_use_clicked(self) -> None:
        if self.selected_layer >= 0:
            self.activation_chosen.emit(self.selected_layer, self.function)

    def _hover_targets(self) -> list[HoverTarget]:
        name = self.function
        return [
            HoverTarget(self.f_curve, _label("f(z)", name)),
            HoverTarget(self.slope_curve, _label("f′(z)", name)),
        ]

    def _apply_palette(self) -> None:
        background, text = palette_colors(self)
        self.graphics.setBackground(background)
        style_axes((self.plot_item.getAxis(n) for n in ("left", "bottom")), text)
        set_legend_text_color(self.legend, text)
