"""The activation lens: per hidden layer, a histogram of its values over the training set.

Each layer's histogram has fixed bins over its activation's range ([0, 1] for sigmoid,
[-1, 1] for tanh, a fixed stretch for unbounded ones, see :data:`VALUE_RANGES`); values
beyond the range are counted in the end bins. Bars give the share of all (point, unit)
values in each bin. Beside each histogram: the layer's saturated fraction (sigmoid or
tanh beyond 97 % of its range from its centre) and dead fraction (rectifier units
that fire on no training point), the figures of ``core.diagnostics``. A control shows
the pre-activations ``z`` instead of the activations ``a = g(z)``. In compare mode the
lens shows the selected run, and its title says which. Hovering a bar reads out its
range and share ("layer 2 (tanh) · a in 0.80 … 0.87 · 12.3% of values").

"Shade on canvas" chooses a hidden layer whose saturated (or switched-off) units the
data canvas shades (:mod:`playground.core.region_health`): the lens keeps the choice and
emits it as ``overlay_layer_chosen``; the overlay itself is wired elsewhere.

Plot items are made once per architecture and updated with ``setData``; the share axes
move only in steps (:func:`.steady_items.share_top`) and the value axes only with the
mode, so that a new frame repaints the bars and the figures, not the axes.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

import numpy as np
import pyqtgraph as pg
from numpy.typing import ArrayLike, NDArray
from PySide6.QtCore import QCoreApplication, QEvent, QSignalBlocker, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from playground.app.i18n import QT_TRANSLATE_NOOP
from playground.app.views.lenses.histograms import (
    COLUMN_POINTS,
    TAIL,
    bar_columns,
    edge_text,
    histogram,
    percent,
    value_range,
)
from playground.app.views.lenses.steady_items import GrowingLabel, share_top
from playground.app.views.plots.hover import HoverReadout, HoverTarget
from playground.app.views.plots.plot_tools import (
    cache_items,
    palette_colors,
    plot_static_items,
    prepare_for_paint,
    style_axes,
)
from playground.core.activations import ACTIVATIONS
from playground.core.region_health import unit_state

Array = NDArray[np.float64]

MODES = ("a", "z")
MODE_TEXTS = (
    QT_TRANSLATE_NOOP("ActivationLens", "activations a = g(z)"),
    QT_TRANSLATE_NOOP("ActivationLens", "pre-activations z"),
)
BAR_COLOR = "#4c78a8"
TAIL_COLOR = (217, 48, 37, 45)
TITLE = QT_TRANSLATE_NOOP(
    "ActivationLens", "Activation lens: values over the training set, per hidden layer"
)


class ActivationLens(QWidget):
    """A histogram per hidden layer with its saturated and dead fractions beside it."""

    #: The hidden layer (0-based) whose units to shade on the canvas, -1 for none.
    overlay_layer_chosen = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title_label = QLabel()
        self.title_label.setWordWrap(True)
        self.mode_combo = QComboBox()
        self.mode_combo.setObjectName("lens_activation_mode")
        self.mode_combo.addItems(list(MODE_TEXTS))
        self.mode_combo.currentIndexChanged.connect(self._redraw)
        self.graphics = pg.GraphicsLayoutWidget()
        self.graphics.ci.setContentsMargins(2, 2, 2, 2)
        self.overlay_combo = QComboBox()
        self.overlay_combo.setObjectName("lens_activation_overlay")
        self.overlay_combo.addItem("")  # Off
        self.overlay_combo.currentIndexChanged.connect(self._on_overlay_combo_changed)
        self.notice = QLabel("")
        self.notice.setWordWrap(True)

        top = QHBoxLayout()
        self._show_label = QLabel()
        top.addWidget(self._show_label)
        top.addWidget(self.mode_combo)
        top.addSpacing(12)
        self._overlay_label = QLabel()
        top.addWidget(self._overlay_label)
        top.addWidget(self.overlay_combo)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.title_label)
        layout.addLayout(top)
        layout.addWidget(self.notice)
        layout.addWidget(self.graphics, 1)

        self.plots: list[pg.PlotItem] = []
        self.bars: list[pg.PlotDataItem] = []
        self.tails: list[tuple[pg.LinearRegionItem, pg.LinearRegionItem]] = []
        self.labels: list[pg.LabelItem] = []
        #: Per histogram: the hover targets (invisible points up each bar) and the read-out.
        self.columns: list[pg.ScatterPlotItem] = []
        self.hovers: list[HoverReadout] = []
        self._columned: list[object] = []  # the bars' shares each column was made of
        #: Each histogram's shown ranges: (low, high) of the values, top of the shares.
        self.x_ranges: list[tuple[float, float] | None] = []
        self.y_tops: list[float | None] = []
        self._overlay_activations: tuple[str, ...] = ()
        #: Each layer's figures as written beside its histogram.
        self.figure_texts: list[str] = []
        self._activations: tuple[str, ...] = ()
        self._pre: tuple[Array, ...] = ()
        self._post: tuple[Array, ...] = ()
        self._run: str | None = None
        self._source: tuple[object, ...] | None = None
        self._figures: tuple[tuple[str, ...], NDArray[np.float64], NDArray[np.float64]] | None = (
            None
        )
        self.retranslate_ui()
        self._apply_palette()

    def retranslate_ui(self) -> None:
        """Say the title, the controls and the layers' figures in the current language."""
        self._show_title()
        self._show_label.setText(QCoreApplication.translate("ActivationLens", "Show"))
        for i, text in enumerate(MODE_TEXTS):
            self.mode_combo.setItemText(i, QCoreApplication.translate("ActivationLens", text))
        self.mode_combo.setToolTip(
            QCoreApplication.translate(
                "ActivationLens", "Histogram the activations a = g(z) or their inputs z"
            )
        )
        self._overlay_label.setText(
            QCoreApplication.translate("ActivationLens", "Shade on canvas:")
        )
        self.overlay_combo.setToolTip(
            QCoreApplication.translate(
                "ActivationLens",
                "Shade the data canvas where a layer's units are saturated (sigmoid, tanh)"
                " or switched off, z ≤ 0 (ReLU, Leaky ReLU, ELU):"
                " the stronger the shade, the more units",
            )
        )
        self._write_overlay_items()
        if self._figures is not None:
            self._write_figures(*self._figures)
            self._write_notice()

    def _show_title(self) -> None:
        title = QCoreApplication.translate("ActivationLens", TITLE)
        if self._run is not None:
            said = QCoreApplication.translate("ActivationLens", "{title} — selected run: {run}")
            title = said.format(title=title, run=self._run)
        self.title_label.setText(title)

    @property
    def mode(self) -> str:
        """``a`` (activations) or ``z`` (pre-activations)."""
        return MODES[max(self.mode_combo.currentIndex(), 0)]

    def set_mode(self, mode: str) -> None:
        """Show the activations (``a``) or the pre-activations (``z``)."""
        self.mode_combo.setCurrentIndex(MODES.index(mode))

    @property
    def overlay_layer(self) -> int:
        """The hidden layer (0-based) chosen to shade on the canvas, -1 for none."""
        return max(self.overlay_combo.currentIndex(), 0) - 1

    def set_overlay_layers(self, activations: Sequence[str]) -> None:
        """Offer a shade per hidden layer of these activations; Off if the choice is gone.

        The choice survives while its layer does (whatever its activation becomes), and
        changing the offers emits no intent: the caller reads :attr:`overlay_layer`.
        """
        activations = tuple(activations)
        if activations == self._overlay_activations:
            return
        chosen, self._overlay_activations = self.overlay_layer, activations
        with QSignalBlocker(self.overlay_combo):
            self.overlay_combo.clear()
            self.overlay_combo.addItems([""] * (len(activations) + 1))
            self._write_overlay_items()
            self.overlay_combo.setCurrentIndex(chosen + 1 if chosen < len(activations) else 0)

    def _write_overlay_items(self) -> None:
        """Say the overlay's choices: Off, then each layer and whether it has a state."""
        self.overlay_combo.setItemText(0, QCoreApplication.translate("ActivationLens", "Off"))
        for i, act in enumerate(self._overlay_activations):
            if act in ACTIVATIONS and unit_state(act) is not None:
                said = QCoreApplication.translate("ActivationLens", "Layer {n} ({name})")
            else:
                said = QCoreApplication.translate(
                    "ActivationLens", "Layer {n} ({name}): never saturated or off"
                )
            self.overlay_combo.setItemText(i + 1, said.format(n=i + 1, name=act))

    def _on_overlay_combo_changed(self, index: int) -> None:
        self.overlay_layer_chosen.emit(max(index, 0) - 1)

    def show_run(self, label: str | None) -> None:
        """Say in the title which compared run is shown (None: one run, no comparison)."""
        if label != self._run:
            self._run = label
            self._show_title()

    def show_values(
        self,
        pre: Sequence[Array],
        post: Sequence[Array],
        activations: Sequence[str],
        saturated: ArrayLike | None,
        dead: ArrayLike | None,
        source: object = None,
    ) -> None:
        """One run's hidden layers at the training points.

        Parameters
        ----------
        pre, post : sequence of ndarray, each (n_train, units)
            Per hidden layer, ``z`` and ``a = g(z)``.
        activations : sequence of str
            Each hidden layer's activation name.
        saturated, dead : array_like of shape (n_hidden,), or None
            ``Diagnostics.saturated_fraction`` and ``dead_fraction`` (None: not known,
            as for a checkpoint).
        source : object, optional
            What the values came from (the point pass): given again with the same
            fractions, nothing is redrawn.
        """
        key: tuple[object, ...] = (
            source,
            None if saturated is None else np.asarray(saturated, float).tobytes(),
            None if dead is None else np.asarray(dead, float).tobytes(),
        )
        if source is not None and key == self._source:
            return
        self._source = key
        if not (len(pre) == len(post) == len(activations)):
            raise ValueError(f"{len(pre)}, {len(post)} and {len(activations)} layers disagree")
        self._ensure_layers(tuple(activations))
        self.set_overlay_layers(activations)
        self._pre, self._post = tuple(pre), tuple(post)
        n = len(activations)
        sat = np.full(n, np.nan) if saturated is None else np.asarray(saturated, float)
        dd = np.full(n, np.nan) if dead is None else np.asarray(dead, float)
        self._figures = (tuple(activations), sat, dd)
        self._write_figures(*self._figures)
        self._write_notice()
        self._redraw()

    def _write_figures(
        self, activations: tuple[str, ...], sat: NDArray[np.float64], dd: NDArray[np.float64]
    ) -> None:
        """Write each layer's activation and fractions beside its histogram."""
        said = QCoreApplication.translate(
            "ActivationLens", "layer {n} · {name}\nsaturated {saturated}\ndead {dead}"
        )
        self.figure_texts = [
            said.format(
                n=i + 1, name=act, saturated=percent(float(sat[i])), dead=percent(float(dd[i]))
            )
            for i, act in enumerate(activations)
        ]
        for label, text in zip(self.labels, self.figure_texts, strict=True):
            html = text.replace("\n", "<br>")
            if label.text != html:
                label.setText(html)

    def _write_notice(self) -> None:
        """Say why the histograms are empty, if they are."""
        points = len(self._post[0]) if self._post else 0
        if not self._activations:
            said = QCoreApplication.translate(
                "ActivationLens", "No hidden layers: nothing to show."
            )
        elif not points:
            said = QCoreApplication.translate(
                "ActivationLens", "No training points: the histograms are empty."
            )
        else:
            said = ""
        self.notice.setText(said)

    def _redraw(self) -> None:
        mode = self.mode
        values = self._post if mode == "a" else self._pre
        for i, act in enumerate(self._activations):
            low, high = value_range(act, mode)
            layer = values[i] if i < len(values) else np.zeros((0, 1))
            edges, shares = histogram(layer, low, high)
            self.bars[i].setData(edges, shares)
            view_box = self.plots[i].vb
            if self.x_ranges[i] != (low, high):
                self.x_ranges[i] = (low, high)
                view_box.setXRange(low, high, padding=0.02)
            top = share_top(float(shares.max()) if len(shares) else 0.0, self.y_tops[i])
            if top != self.y_tops[i]:
                self.y_tops[i] = top
                view_box.setYRange(0.0, top, padding=0.0)
            saturation = ACTIVATIONS[act].saturation if act in ACTIVATIONS else None
            for tail in self.tails[i]:
                tail.setVisible(mode == "a" and saturation is not None)
        prepare_for_paint(self.graphics.scene())

    def _ensure_layers(self, activations: tuple[str, ...]) -> None:
        """Make a histogram row per hidden layer when the layers or their activations change."""
        if activations == self._activations:
            return
        for hover in self.hovers:  # the old plots' read-outs stop following the mouse
            self.graphics.viewport().removeEventFilter(hover)
        self.graphics.ci.clear()
        self.plots, self.bars, self.tails, self.labels = [], [], [], []
        self.columns, self.hovers, self._columned = [], [], []
        self.x_ranges, self.y_tops = [None] * len(activations), [None] * len(activations)
        text = palette_colors(self)[1]
        for row, act in enumerate(activations):
            label = GrowingLabel(justify="left", size="8pt", color=text)
            self.graphics.addItem(label, row=row, col=0)
            plot: pg.PlotItem = self.graphics.addPlot(row=row, col=1)
            plot.setMenuEnabled(False)
            plot.setMouseEnabled(x=False, y=False)
            plot.hideButtons()
            plot.showGrid(x=True, y=False, alpha=0.15)
            plot.getAxis("left").setWidth(36)
            plot.vb.disableAutoRange()  # the ranges are set in steps (see _redraw)
            cache_items([*plot_static_items(plot), label])
            bars = pg.PlotDataItem(
                stepMode="center", fillLevel=0, brush=BAR_COLOR, pen=pg.mkPen(BAR_COLOR)
            )
            plot.addItem(bars)
            saturation = ACTIVATIONS[act].saturation if act in ACTIVATIONS else None
            low, high = saturation or (0.0, 1.0)
            margin = TAIL * (high - low)
            tails = tuple(
                pg.LinearRegionItem(values=span, movable=False, brush=TAIL_COLOR)
                for span in ((low, low + margin), (high - margin, high))
            )
            for tail in tails:
                tail.setZValue(-10)
                plot.addItem(tail, ignoreBounds=True)
            columns = pg.ScatterPlotItem(size=1, pen=None, brush=None)  # hover targets
            plot.addItem(columns, ignoreBounds=True)
            self.columns.append(columns)
            self.hovers.append(HoverReadout(plot, partial(self._hover_targets, row)))
            self._columned.append(None)
            self.labels.append(label)
            self.plots.append(plot)
            self.bars.append(bars)
            self.tails.append((tails[0], tails[1]))
        self.graphics.ci.layout.setColumnStretchFactor(0, 1)
        self.graphics.ci.layout.setColumnStretchFactor(1, 4)
        self._activations = activations
        self._apply_palette()

    def _hover_targets(self, row: int) -> list[HoverTarget]:
        """Layer ``row``'s hover targets, brought up to date with its bars when hovered."""
        shares = self.bars[row].yData
        if shares is not None and self._columned[row] is not shares:
            self.columns[row].setData(*bar_columns(self.bars[row].xData, shares))
            self._columned[row] = shares
        return [HoverTarget(self.columns[row], partial(self.bar_text, row))]

    def bar_text(self, row: int, index: int, x: float = 0.0, y: float = 0.0) -> str:
        """The read-out of hover point ``index`` of layer ``row``: its bar's range and share."""
        edges, shares = self.bars[row].xData, self.bars[row].yData
        b = min(index // COLUMN_POINTS, len(shares) - 1)
        if b == 0:  # the end bins also count the values beyond the range
            said = QCoreApplication.translate("ActivationLens", "{value} ≤ {high}")
        elif b == len(shares) - 1:
            said = QCoreApplication.translate("ActivationLens", "{value} ≥ {low}")
        else:
            said = QCoreApplication.translate("ActivationLens", "{value} in {low} … {high}")
        low, high = edge_text(float(edges[b])), edge_text(float(edges[b + 1]))
        return QCoreApplication.translate(
            "ActivationLens", "layer {n} ({name}) · {where} · {share} of values"
        ).format(
            n=row + 1,
            name=self._activations[row],
            where=said.format(value=self.mode, low=low, high=high),
            share=f"{float(shares[b]):.1%}",
        )

    def changeEvent(self, event: QEvent) -> None:
        """Restyle the plots when the application palette changes."""
        if event.type() == QEvent.Type.PaletteChange:
            self._apply_palette()
        elif event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _apply_palette(self) -> None:
        background, text = palette_colors(self)
        self.graphics.setBackground(background)
        style_axes([p.getAxis(n) for p in self.plots for n in ("left", "bottom")], text)
        for label in self.labels:
            label.setAttr("color", text)
