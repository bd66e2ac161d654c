"""Weight-gradient norm of every layer over time, and the current norms as bars."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from numpy.typing import ArrayLike, NDArray
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from playground.app.views.plots.axes import (
    AXIS_WIDTH,
    CompactAxis,
    DivergenceMarker,
    LogAxis,
    show_epochs,
)
from playground.app.views.plots.hover import HoverReadout, HoverTarget, epoch_label
from playground.app.views.plots.plot_tools import (
    as_float_array,
    cache_items,
    legend_static_items,
    make_curve,
    palette_colors,
    plot_static_items,
    set_legend_text_color,
    settle_auto_range,
    style_axes,
)
from playground.app.views.plots.run_curves import (
    NORM_FLOOR,
    EpochCursor,
    GradientRunCurves,
    RunGradientCurves,
    clip_norms,
    grouped_bars,
    set_curve,
)
from playground.app.views.plots.steady import SteadyViewBox

#: Part of viridis used on a light and on a dark background, so every layer stays visible.
COLORMAP_SPAN_LIGHT = (0.0, 0.85)
COLORMAP_SPAN_DARK = (0.2, 1.0)
#: Most columns of the legend in compare mode.
MAX_LEGEND_COLUMNS = 5
#: Width of a layer's bar (of 1 between layers).
BAR_WIDTH = 0.7
#: With more layers than this, the legend and the bar labels name only some of them.
MAX_LEGEND_ENTRIES = 8
#: What the log axis shows without data: 1e-4 to 1 (as log10 values).
EMPTY_RANGE = ((0.0, 10.0), (-4.0, 0.0))


def layer_names(n_layers: int) -> list[str]:
    """Return "layer 1" … "layer L (output)"."""
    layer = QCoreApplication.translate("GradientPlot", "layer {n}")
    names = [layer.format(n=i + 1) for i in range(n_layers)]
    if names:
        output = QCoreApplication.translate("GradientPlot", "layer {n} (output)")
        names[-1] = output.format(n=n_layers)
    return names


def layer_colors(n_layers: int, dark: bool = False) -> list[str]:
    """Return viridis colours from the first layer to the last, readable on the background."""
    low, high = COLORMAP_SPAN_DARK if dark else COLORMAP_SPAN_LIGHT
    positions = np.linspace(low, high, n_layers) if n_layers > 1 else [high] * n_layers
    colormap = pg.colormap.get("viridis")
    return [colormap.map(float(p), mode=colormap.QCOLOR).name() for p in positions]


def legend_layers(n_layers: int) -> list[int]:
    """Return the layers named in the legend: all of them, or 5 evenly spaced ones when many."""
    if n_layers <= MAX_LEGEND_ENTRIES:
        return list(range(n_layers))
    return sorted({round(i) for i in np.linspace(0, n_layers - 1, 5)})


class GradientPlot(QWidget):
    """One log-scale curve per layer plus a bar per layer for the latest norms."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        #: What the presenter last drew here (it skips the same again); None after clear().
        self.shown: object = None
        self.curves: list[pg.PlotDataItem] = []
        self._colors: list[str] = []

        self.title_label = QLabel()
        self.graphics = pg.GraphicsLayoutWidget()
        self.graphics.ci.setContentsMargins(2, 2, 2, 2)
        self.legend = pg.LegendItem(colCount=3, labelTextSize="8pt", horSpacing=10, verSpacing=-6)
        self.graphics.addItem(self.legend, row=0, col=0, colspan=2)

        self.plot_item: pg.PlotItem = self.graphics.addPlot(
            row=1,
            col=0,
            viewBox=SteadyViewBox(),
            axisItems={"left": LogAxis("left", powers=True), "bottom": CompactAxis("bottom")},
        )
        self.plot_item.setMenuEnabled(False, enableViewBoxMenu=True)
        self.plot_item.setDownsampling(auto=True, mode="peak")
        self.plot_item.setClipToView(True)
        self.plot_item.setLogMode(y=True)
        self.plot_item.showGrid(x=False, y=True, alpha=0.2)
        self.plot_item.setLabel("left", "‖∇W‖₂")
        self.divergence = DivergenceMarker()
        self.plot_item.addItem(self.divergence, ignoreBounds=True)
        self.epoch_cursor = EpochCursor()
        self.plot_item.addItem(self.epoch_cursor, ignoreBounds=True)
        #: Compare mode's curves; ``_run_labels`` is None while one run is shown.
        self.run_curves = GradientRunCurves(self.plot_item, make_curve)
        self._run_labels: list[str] | None = None
        self.hover = HoverReadout(self.plot_item, self._hover_targets)

        # The bars' axis shows log10 values on a linear scale: no SI prefix such as "(x0.001)".
        self.bar_plot: pg.PlotItem = self.graphics.addPlot(
            row=1,
            col=1,
            axisItems={"right": CompactAxis("right"), "bottom": CompactAxis("bottom")},
        )
        self.bar_plot.setMenuEnabled(False, enableViewBoxMenu=False)
        self.bar_plot.setMouseEnabled(x=False, y=False)
        self.bar_plot.hideButtons()
        self.bar_plot.enableAutoRange(x=False, y=False)
        self.bar_plot.setYLink(self.plot_item)
        self.bar_plot.showGrid(x=False, y=True, alpha=0.2)
        self.bar_plot.hideAxis("left")
        self.bar_plot.showAxis("right")
        self.bar_plot.getAxis("bottom").setStyle(hideOverlappingLabels=False)
        self.bar_plot.getAxis("bottom").setTicks([[]])  # layer numbers come with the layers
        self.bar_plot.setXRange(0.4, 1.6, padding=0)
        self.bar_plot.setLabel("right", "log₁₀ ‖∇W‖₂")
        self.bar_plot.getAxis("right").setWidth(AXIS_WIDTH)
        self.plot_item.getAxis("left").setWidth(AXIS_WIDTH)
        self.bars = pg.BarGraphItem(x=[], y0=[], y1=[], width=BAR_WIDTH)
        self.bar_plot.addItem(self.bars)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.title_label)
        layout.addWidget(self.graphics, 1)
        self.graphics.ci.layout.setColumnStretchFactor(0, 3)
        self.graphics.ci.layout.setColumnStretchFactor(1, 1)
        self.retranslate_ui()
        self._apply_palette()
        show_epochs(self.plot_item.vb, None, EMPTY_RANGE)
        cache_items([*plot_static_items(self.plot_item), *plot_static_items(self.bar_plot)])

    @property
    def n_layers(self) -> int:
        """Number of layers currently drawn."""
        return len(self.curves)

    def show_gradients(self, epoch: ArrayLike, norms: ArrayLike, current: ArrayLike) -> None:
        """Draw the norm history (m, L) against the epochs (m,) and the current norms (L,)."""
        x = as_float_array(epoch)
        now = clip_norms(current).reshape(-1)
        history = clip_norms(norms).reshape(len(x), now.size if len(x) == 0 else -1)
        if history.shape[1] != now.size:
            raise ValueError(f"{history.shape[1]} layers in the history but {now.size} now")
        leaving = self._run_labels is not None
        self._run_labels = None
        self._ensure_layers(now.size)
        if leaving:
            self._show_mode(single=True)
        drawn = False
        for curve, column in zip(self.curves, history.T, strict=True):
            if np.isfinite(column).any():
                curve.setData(x, column)
                drawn = True
            else:
                curve.setData([], [])
        self._show_bars(now)
        if not drawn:
            show_epochs(self.plot_item.vb, x, EMPTY_RANGE)  # nothing to fit to: follow the epochs
        settle_auto_range(self.plot_item.vb)

    def show_runs(self, runs: list[RunGradientCurves]) -> None:
        """Draw every run's layers in its colour, layers told apart by dash (compare mode).

        The bars show each run's latest norms side by side per layer. :meth:`show_gradients`
        goes back to one run.
        """
        histories = [run.arrays() for run in runs]  # checks the shapes first
        shape = tuple(norms.shape[1] for _x, norms in histories)
        old = self._run_labels
        self._run_labels = [run.label for run in runs]
        made = self.run_curves.ensure(shape)
        self.run_curves.style(list(runs))
        if old is None:
            self._show_mode(single=False)
        elif made or old != self._run_labels:
            self._name_runs()
        drawn = False
        for curves, (x, norms) in zip(self.run_curves.runs, histories, strict=True):
            for curve, column in zip(curves, norms.T, strict=True):
                set_curve(curve, x, column)
                drawn |= curve.xData is not None
        self.bars.setOpts(**grouped_bars(histories, [run.color for run in runs]))
        if not drawn:
            longest = max((x for x, _norms in histories), key=len, default=np.empty(0))
            show_epochs(self.plot_item.vb, longest, EMPTY_RANGE)
        settle_auto_range(self.plot_item.vb)

    @property
    def comparing(self) -> bool:
        """Whether the plot shows several runs' curves (see :meth:`show_runs`)."""
        return self._run_labels is not None

    def set_cursor(self, epoch: float | None) -> None:
        """Draw the scrubber's cursor at ``epoch`` (None hides it)."""
        self.epoch_cursor.show_epoch(epoch)

    def show_layers(self, n_layers: int) -> None:
        """Name ``n_layers`` layers in the legend and under the bars before any data comes."""
        self._ensure_layers(n_layers)

    def mark_divergence(self, epoch: int | None) -> None:
        """Draw a marker at the epoch where the run diverged (None removes it)."""
        self.divergence.show_epoch(epoch)

    def clear(self) -> None:
        """Remove every curve's data, the bars and the divergence marker; show the first epochs."""
        self.shown = None
        for curve in self.curves:
            curve.setData([], [])
        for curves in self.run_curves.runs:
            for curve in curves:
                curve.setData([], [])
        self.bars.setOpts(x=[], y0=[], y1=[], brushes=[])
        self.divergence.show_epoch(None)
        self.epoch_cursor.show_epoch(None)
        show_epochs(self.plot_item.vb, None, EMPTY_RANGE)

    def changeEvent(self, event: QEvent) -> None:
        """Restyle the plot when the application palette changes; retranslate on a language's."""
        if event.type() == QEvent.Type.PaletteChange:
            self._apply_palette()
        elif event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        """Set the title, the axes' labels and the legend in the current language."""
        self.title_label.setText(
            QCoreApplication.translate(
                "GradientPlot", "Weight-gradient norm ‖∂L/∂W‖₂ per layer (log scale)"
            )
        )
        self.plot_item.setLabel("bottom", QCoreApplication.translate("GradientPlot", "epoch"))
        self.bar_plot.setLabel("bottom", QCoreApplication.translate("GradientPlot", "layer (now)"))
        self.divergence.retranslate_ui()
        if self._run_labels is not None:
            self._name_runs()
        elif self.curves:
            self._name_layers()

    def _hover_targets(self) -> list[HoverTarget]:
        """Every layer's curve shown, named by its layer (and its run, while comparing)."""
        if self._run_labels is None:
            groups: list[tuple[list[pg.PlotDataItem], str | None]] = [(self.curves, None)]
        else:
            groups = list(zip(self.run_curves.runs, self._run_labels, strict=True))
        return [
            HoverTarget(curve, epoch_label(f"{name} ‖∇W‖₂", run))
            for curves, run in groups
            for curve, name in zip(curves, layer_names(len(curves)), strict=True)
        ]

    def _ensure_layers(self, n_layers: int) -> None:
        """Create one curve per layer when the number of layers changes."""
        if n_layers == len(self.curves):
            return
        for curve in self.curves:
            self.plot_item.removeItem(curve)
        self._colors = layer_colors(n_layers, dark=palette_colors(self)[0].lightnessF() < 0.5)
        self.curves = []
        for color in self._colors:
            curve = make_curve(color)
            curve.setVisible(self._run_labels is None)
            self.plot_item.addItem(curve)
            self.curves.append(curve)
        if self._run_labels is None:
            self._name_layers()

    def _name_layers(self) -> None:
        """Name one run's layers in the legend and under the bars."""
        n_layers = len(self.curves)
        self.legend.clear()
        named = legend_layers(n_layers)
        self.legend.setColumnCount(max(len(named) if len(named) <= 4 else -(-len(named) // 2), 1))
        names = layer_names(n_layers)
        for layer in named:
            self.legend.addItem(self.curves[layer], names[layer])
        set_legend_text_color(self.legend, palette_colors(self)[1])
        cache_items(legend_static_items(self.legend))
        self._set_bar_layers(n_layers, named)

    def _name_runs(self) -> None:
        """Name each run once in the legend's first row, the layers' dashes in grey below."""
        self.legend.clear()
        runs = self.run_curves.runs
        n_layers = len(self.run_curves.layer_keys)
        named = legend_layers(n_layers)
        columns = max(len(runs), min(len(named), MAX_LEGEND_COLUMNS), 1)
        self.legend.setColumnCount(columns)
        for curves, label in zip(runs, self._run_labels or [], strict=True):
            self.legend.addItem(curves[0] if curves else pg.PlotDataItem(pen=None), label)
        for _ in range(columns - len(runs)):  # blank entries end the runs' row
            self.legend.addItem(pg.PlotDataItem(pen=None), "")
        names = layer_names(n_layers)
        for layer in named:
            self.legend.addItem(self.run_curves.layer_keys[layer], names[layer])
        set_legend_text_color(self.legend, palette_colors(self)[1])
        cache_items(legend_static_items(self.legend))
        self._set_bar_layers(n_layers, named)

    def _set_bar_layers(self, n_layers: int, named: list[int]) -> None:
        """Number the bars' layers and fit the bar plot to them."""
        self.bar_plot.getAxis("bottom").setTicks([[(i + 1, str(i + 1)) for i in named]])
        self.bar_plot.setXRange(0.4, n_layers + 0.6, padding=0)

    def _show_mode(self, single: bool) -> None:
        """Show one run's layer curves, or hide them for the runs' curves."""
        for curve in self.curves:
            if not single:
                curve.setData([], [])
            curve.setVisible(single)
        self.run_curves.set_visible(not single)
        if single:
            self._name_layers()
        else:
            self._name_runs()

    def _show_bars(self, now: NDArray[np.float64]) -> None:
        """Draw a bar per layer from the floor up to log10 of its current norm."""
        top = np.log10(np.where(np.isfinite(now), now, NORM_FLOOR))
        self.bars.setOpts(
            x=np.arange(1, now.size + 1),
            y0=np.full(now.size, np.log10(NORM_FLOOR)),
            y1=top,
            width=BAR_WIDTH,
            brushes=[pg.mkBrush(color) for color in self._colors[: now.size]],
            pens=[pg.mkPen(None)] * now.size,
        )

    def _recolor(self, dark: bool) -> None:
        """Recolour the existing curves and bars for a light or dark background."""
        self._colors = layer_colors(len(self.curves), dark)
        for curve, color in zip(self.curves, self._colors, strict=True):
            curve.setPen(pg.mkPen(color, width=2.0))
        bars = self.bars.opts.get("y1")
        if bars is not None and len(bars) and self._run_labels is None:
            self.bars.setOpts(brushes=[pg.mkBrush(color) for color in self._colors])

    def _apply_palette(self) -> None:
        """Colour the background, axes and legend text from the Qt palette."""
        background, text = palette_colors(self)
        self.graphics.setBackground(background)
        axes = [self.plot_item.getAxis(n) for n in ("left", "bottom")]
        axes += [self.bar_plot.getAxis(n) for n in ("right", "bottom")]
        style_axes(axes, text)
        set_legend_text_color(self.legend, text)
        self._recolor(dark=background.lightnessF() < 0.5)
