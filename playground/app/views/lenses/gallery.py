"""The activation gallery: one function's f(z) and f'(z) over z in [-6, 6], annotated.

The curves and their annotations come from :mod:`playground.core.activation_curves`,
which reads them off the engine's own tables: where f' peaks and how high, where it
steps, the range of f. "Use for layer" asks for the function in the chosen hidden
layer (:attr:`ActivationGallery.activation_chosen`); the diagram's activation combo asks
the same way, and the network changes when the runs do.
"""

from __future__ import annotations

import re

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from playground.app.i18n import QT_TRANSLATE_NOOP
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
#: The context of the gallery's texts in the catalogue.
CONTEXT = "ActivationGallery"
#: The core's annotations (``core/activation_curves.py``) as templates: a pattern that
#: reads the numbers off the English text, and the template that says it again.
NOTE_SENTENCES: tuple[tuple[str, str], ...] = (
    (
        r"f′\(z\) = (?P<value>.+?) everywhere\.",
        QT_TRANSLATE_NOOP("ActivationGallery", "f′(z) = {value} everywhere."),
    ),
    (
        r"f′ steps from (?P<low>.+?) to (?P<high>.+?) at z = (?P<at>[^ ]+?)(?P<end>\.?)",
        QT_TRANSLATE_NOOP("ActivationGallery", "f′ steps from {low} to {high} at z = {at}{end}"),
    ),
    (
        r"f′ peaks at (?P<value>.+?) at z = (?P<at>[^ ]+?)(?P<end>\.?)",
        QT_TRANSLATE_NOOP("ActivationGallery", "f′ peaks at {value} at z = {at}{end}"),
    ),
    (
        r"f′ runs from (?P<first>.+?) to (?P<last>.+?) over z in \[(?P<low>.+?), (?P<high>.+?)\], "
        r"never above (?P<peak>.+?)\.",
        QT_TRANSLATE_NOOP(
            "ActivationGallery",
            "f′ runs from {first} to {last} over z in [{low}, {high}], never above {peak}.",
        ),
    ),
    (
        r"f\(z\) ranges over (?P<range>.+?)\.",
        QT_TRANSLATE_NOOP("ActivationGallery", "f(z) ranges over {range}."),
    ),
)
#: The core's one-line lessons of each function (``LESSONS``), said as they are.
LESSON_TEXTS = (
    QT_TRANSLATE_NOOP(
        "ActivationGallery", "No squashing: a network of linear layers is one linear map."
    ),
    QT_TRANSLATE_NOOP(
        "ActivationGallery", "Units whose z stays negative get no gradient at all and can die."
    ),
    QT_TRANSLATE_NOOP(
        "ActivationGallery", "The small negative-side slope keeps every unit learning."
    ),
    QT_TRANSLATE_NOOP(
        "ActivationGallery", "Smooth below zero, saturating at -1; the slope is e^z there."
    ),
    QT_TRANSLATE_NOOP(
        "ActivationGallery",
        "Gradients shrink by at least 4x per sigmoid layer: deep stacks learn slowly.",
    ),
    QT_TRANSLATE_NOOP(
        "ActivationGallery", "Zero-centred, slope 1 at z = 0, but it saturates at ±1 like sigmoid."
    ),
    QT_TRANSLATE_NOOP("ActivationGallery", "A smooth ReLU: its slope is the sigmoid of z."),
    QT_TRANSLATE_NOOP(
        "ActivationGallery", "z·sigmoid(z): dips below zero and its slope overshoots 1."
    ),
    QT_TRANSLATE_NOOP(
        "ActivationGallery",
        "z·Φ(z) (tanh approximation): like SiLU, a slope above 1 past the knee.",
    ),
    QT_TRANSLATE_NOOP(
        "ActivationGallery",
        "Output layer only. With two classes softmax(0, z)₁ equals sigmoid(z), "
        "z being the logit difference.",
    ),
)


def say_note(text: str) -> str:
    """An annotation of the core (English) in the current language, numbers unchanged."""
    for pattern, template in NOTE_SENTENCES:
        found = re.fullmatch(pattern, text)
        if found is not None:
            return QCoreApplication.translate(CONTEXT, template).format(**found.groupdict())
    return QCoreApplication.translate(CONTEXT, text)


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
        self.layer_combo = QComboBox()
        self.use_button = QPushButton()
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
        self._function_label = QLabel()
        top.addWidget(self._function_label)
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

        self.retranslate_ui()
        self._apply_palette()
        self.set_layers(())
        self.show_function(self.function_combo.currentText())

    def retranslate_ui(self) -> None:
        """Say the controls' texts and the annotations in the current language."""
        self.function_combo.setToolTip(
            QCoreApplication.translate("ActivationGallery", "The function to plot")
        )
        self.layer_combo.setToolTip(
            QCoreApplication.translate(
                "ActivationGallery", "The hidden layer 'Use for layer' changes"
            )
        )
        self.use_button.setText(QCoreApplication.translate("ActivationGallery", "Use for layer"))
        self._function_label.setText(QCoreApplication.translate("ActivationGallery", "Function"))
        self.plot_item.setLabel(
            "bottom", QCoreApplication.translate("ActivationGallery", "z (pre-activation)")
        )
        if self.facts is not None:
            self._name_layers()
            self._write_facts(self.facts)
            self._enable_button()

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
        self._write_facts(found)
        settle_auto_range(self.plot_item.vb)  # fit now, not in the next paint
        self._enable_button()

    def _write_facts(self, found: CurveFacts) -> None:
        """Write the markers' texts and the notes of the function shown."""
        for index, text in enumerate(self.marker_texts):
            marker = found.markers[index] if index < len(found.markers) else None
            text.setVisible(marker is not None and bool(marker.text))
            if marker is not None:
                text.setText(say_note(marker.text) if marker.text else marker.text)
                text.setPos(marker.z, marker.slope)
        self.notes_label.setText("  ".join(say_note(note) for note in found.notes))

    def _name_layers(self) -> None:
        """Name each hidden layer in the combo with its activation."""
        said = QCoreApplication.translate("ActivationGallery", "layer {n} · {name}")
        for i, name in enumerate(self._activations):
            self.layer_combo.setItemText(i, said.format(n=i + 1, name=name))

    def set_layers(self, activations: tuple[str, ...]) -> None:
        """Offer the network's hidden layers, each named with the activation it uses."""
        activations = tuple(activations)
        if activations == self._activations and self.layer_combo.count() == len(activations):
            return
        keep = self.layer_combo.currentIndex()
        self._activations = activations
        self.layer_combo.blockSignals(True)
        self.layer_combo.clear()
        self.layer_combo.addItems(["" for _ in activations])
        self._name_layers()
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
        elif event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _enable_button(self) -> None:
        """Offer "Use for layer" only for a hidden-layer function the layer does not use yet."""
        found = self.facts
        layer = self.selected_layer
        tip = QCoreApplication.translate(
            "ActivationGallery", "Use {name} in the chosen hidden layer"
        )
        enabled = found is not None and found.for_hidden and layer >= 0
        if found is not None and not found.for_hidden:
            tip = QCoreApplication.translate(
                "ActivationGallery", "{name} is an output function: no hidden layer can use it"
            )
        elif layer < 0:
            tip = QCoreApplication.translate("ActivationGallery", "The network has no hidden layer")
        elif self._activations[layer] == self.function:
            enabled = False
            tip = QCoreApplication.translate("ActivationGallery", "Layer {n} uses {name} already")
        tip = tip.format(name=self.function, n=layer + 1)
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
