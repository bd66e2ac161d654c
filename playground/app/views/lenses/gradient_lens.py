"""The gradient lens: per-layer gradient norms and update ratios over time, under its warnings.

Two log-scale plots share the epoch axis: the weight-gradient norm ‖∂L/∂W‖ of every
layer, and the update ratio ‖ΔW‖/‖W‖ of the last step of each epoch, with the healthy
band 1e-4 to 1e-2 shaded and Karpathy's rule of thumb, 1e-3, drawn across it. Above
them, the health warnings of :mod:`playground.core.health`. In compare mode the lens
shows the selected run, and its title says which.

The curves are made once per number of layers and updated with ``setData``, in pens of
width 1 (wider ones cost Qt several times as much to stroke). While training runs the
axes move in steps (:class:`~playground.app.views.plots.steady.SteadyViewBox`, and
:func:`~playground.app.views.plots.steady.steady_span` for the shared epochs), so a new
row repaints the curves rather than re-ticking the axes.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pyqtgraph as pg
from numpy.typing import ArrayLike, NDArray
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from playground.app.i18n import QT_TRANSLATE_NOOP
from playground.app.views.lenses.banner_list import BannerList
from playground.app.views.plots.axes import AXIS_WIDTH, CompactAxis, LogAxis, show_epochs
from playground.app.views.plots.gradient_plot import layer_colors, layer_names, legend_layers
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
from playground.app.views.plots.run_curves import clip_norms
from playground.app.views.plots.steady import HEAD_X, SteadyViewBox, steady_span

#: The healthy band of the update ratio (log10 -4 to -2) and its middle, 1e-3.
RATIO_BAND = (1e-4, 1e-2)
RATIO_TARGET = 1e-3
BAND_COLOR = (46, 160, 67, 40)
TARGET_COLOR = "#2e7d32"
#: What the plots show without data (log10 values).
EMPTY_NORMS = ((0.0, 10.0), (-4.0, 0.0))
EMPTY_RATIOS = ((0.0, 10.0), (-5.0, -1.0))
#: The curves' pen width: 1 is Qt's fast path.
PEN_WIDTH = 1.0
TITLE = QT_TRANSLATE_NOOP(
    "GradientLens", "Gradient lens: per-layer gradient norm and update ratio (log scales)"
)


def positive(values: ArrayLike) -> NDArray[np.float64]:
    """A float copy with values that a log axis cannot show (<= 0, NaN, inf) as NaN gaps."""
    out = np.array(values, dtype=np.float64)
    with np.errstate(invalid="ignore"):
        out[~(np.isfinite(out) & (out > 0.0))] = np.nan
    return out


class GradientLens(QWidget):
    """Warnings, then the gradient-norm and update-ratio curves of one run's layers."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.norm_curves: list[pg.PlotDataItem] = []
        self.ratio_curves: list[pg.PlotDataItem] = []
        self._run: str | None = None
        self._steady = True
        self._epochs: tuple[float, float] | None = None  # the first and last epoch drawn
        #: What the presenter last drew here (it skips a frame it has drawn already).
        self.shown: tuple[object, ...] | None = None

        self.title_label = QLabel()
        self.title_label.setWordWrap(True)
        self.banners = BannerList()
        self.graphics = pg.GraphicsLayoutWidget()
        self.graphics.ci.setContentsMargins(2, 2, 2, 2)
        self.legend = pg.LegendItem(colCount=4, labelTextSize="8pt", horSpacing=10, verSpacing=-6)
        self.graphics.addItem(self.legend, row=0, col=0)
        self.norm_plot = self._log_plot(1, "‖∂L/∂W‖₂")
        self.ratio_plot = self._log_plot(2, "‖ΔW‖ / ‖W‖")
        self.ratio_plot.setXLink(self.norm_plot)
        self.norm_plot.getAxis("bottom").setStyle(showValues=False)
        low, high = np.log10(RATIO_BAND)
        self.band = pg.LinearRegionItem(
            values=(low, high), orientation="horizontal", movable=False, brush=BAND_COLOR
        )
        self.band.setZValue(-10)
        for line in self.band.lines:
            line.setPen(pg.mkPen(None))
        self.target = pg.InfiniteLine(
            pos=np.log10(RATIO_TARGET), angle=0, pen=pg.mkPen(TARGET_COLOR, width=1, dash=[4, 3])
        )
        self.ratio_plot.addItem(self.band, ignoreBounds=True)
        self.ratio_plot.addItem(self.target, ignoreBounds=True)
        self.band_note = QLabel()
        self.band_note.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.title_label)
        layout.addWidget(self.banners)
        layout.addWidget(self.graphics, 1)
        layout.addWidget(self.band_note)
        self.retranslate_ui()
        self._apply_palette()
        show_epochs(self.norm_plot.vb, None, EMPTY_NORMS)
        show_epochs(self.ratio_plot.vb, None, EMPTY_RATIOS)
        cache_items([*plot_static_items(self.norm_plot), *plot_static_items(self.ratio_plot)])
        # Hovering either plot reads out its nearest point: epoch, layer, value, run.
        self.norm_hover = HoverReadout(self.norm_plot, lambda: self._hover_targets("norm"))
        self.ratio_hover = HoverReadout(self.ratio_plot, lambda: self._hover_targets("ratio"))

    def retranslate_ui(self) -> None:
        """Set the texts in the current language."""
        self._show_title()
        self.ratio_plot.setLabel("bottom", QCoreApplication.translate("GradientLens", "epoch"))
        self.band_note.setText(
            QCoreApplication.translate(
                "GradientLens",
                "Update ratio: green band 1e-4…1e-2, dashed line 1e-3 (Karpathy's rule of thumb)",
            )
        )
        if self.norm_curves:
            self._name_layers()

    def _show_title(self) -> None:
        title = QCoreApplication.translate("GradientLens", TITLE)
        if self._run is not None:
            shown = self._run or QCoreApplication.translate(
                "GradientLens", "the run without a label"
            )
            said = QCoreApplication.translate("GradientLens", "{title} — selected run: {run}")
            title = said.format(title=title, run=shown)
        self.title_label.setText(title)

    def _log_plot(self, row: int, label: str) -> pg.PlotItem:
        plot: pg.PlotItem = self.graphics.addPlot(
            row=row,
            col=0,
            axisItems={"left": LogAxis("left", powers=True), "bottom": CompactAxis("bottom")},
            viewBox=SteadyViewBox(),
        )
        plot.setMenuEnabled(False, enableViewBoxMenu=True)
        plot.setDownsampling(auto=True, mode="peak")
        plot.setClipToView(True)
        plot.setLogMode(y=True)
        plot.showGrid(x=False, y=True, alpha=0.2)
        plot.setLabel("left", label)
        plot.getAxis("left").setWidth(AXIS_WIDTH)
        return plot

    # -- what the presenter calls ---------------------------------------------------------
    @property
    def n_layers(self) -> int:
        """Number of layers drawn."""
        return len(self.norm_curves)

    @property
    def run_label(self) -> str | None:
        """The compared run shown (None: not comparing)."""
        return self._run

    def show_run(self, label: str | None) -> None:
        """Say in the title which compared run is shown (None: one run, no comparison)."""
        if label == self._run:
            return
        self._run = label
        self._show_title()

    def set_steady(self, steady: bool) -> None:
        """Move the axes in steps (while curves grow) or fit the epochs exactly."""
        if steady == self._steady:
            return
        self._steady = steady
        for plot in (self.norm_plot, self.ratio_plot):
            view_box = plot.vb
            if isinstance(view_box, SteadyViewBox):
                view_box.set_steady(steady)
        if not steady and self._epochs is not None:
            self._show_epochs(*self._epochs)

    def show_curves(self, epoch: ArrayLike, norms: ArrayLike, ratios: ArrayLike) -> None:
        """Draw the norms and the update ratios, each (m, L), against the epochs (m,)."""
        x = as_float_array(epoch)
        grads = clip_norms(norms)
        steps = positive(ratios)
        if grads.ndim != 2 or len(grads) != len(x) or steps.shape != grads.shape:
            raise ValueError(
                f"norms and ratios must be ({len(x)}, n_layers), "
                f"got {grads.shape} and {steps.shape}"
            )
        self.show_layers(grads.shape[1])
        for curves, values, plot, empty in (
            (self.norm_curves, grads, self.norm_plot, EMPTY_NORMS),
            (self.ratio_curves, steps, self.ratio_plot, EMPTY_RATIOS),
        ):
            drawn = False
            for curve, column in zip(curves, values.T, strict=True):
                if np.isfinite(column).any():
                    curve.setData(x, column)
                    drawn = True
                else:
                    curve.setData([], [])
            if not drawn:
                show_epochs(plot.vb, x, empty)
            elif plot is self.norm_plot and len(x):
                # The ratio plot is x-linked to this one, and linked views switch each
                # other's x auto-range off as they follow: the epochs set it instead.
                self._show_epochs(float(x[0]), max(float(x[-1]), float(x[0]) + 1.0))
            settle_auto_range(plot.vb)

    def _show_epochs(self, first: float, last: float) -> None:
        """Show epochs ``first`` to ``last``: in steps while training, exactly once stopped."""
        self._epochs = (first, last)
        view_box = self.norm_plot.vb
        pad = 0.02 * (last - first)
        shown = (first - pad, last + pad)
        if self._steady:
            (x0, x1), _ = view_box.viewRange()
            stepped = steady_span(shown, (x0, x1), HEAD_X, pad=0.02, head_low=0.0)
            if stepped is None:
                return
            shown = stepped
        view_box.setXRange(*shown, padding=0.0)

    def show_warnings(self, texts: Sequence[str]) -> None:
        """The run's health warnings, one a line (none: an all-clear line)."""
        self.banners.show_warnings(texts)

    def _hover_targets(self, which: str) -> list[HoverTarget]:
        curves = self.norm_curves if which == "norm" else self.ratio_curves
        symbol = "‖∇W‖₂" if which == "norm" else "‖ΔW‖/‖W‖"
        names = layer_names(len(curves))
        return [
            HoverTarget(curve, epoch_label(f"{name} {symbol}", self._run))
            for curve, name in zip(curves, names, strict=True)
        ]

    def show_layers(self, n_layers: int) -> None:
        """Make one curve per layer in each plot, and name them, when the count changes."""
        if n_layers == len(self.norm_curves):
            return
        for curves, plot in (
            (self.norm_curves, self.norm_plot),
            (self.ratio_curves, self.ratio_plot),
        ):
            for curve in curves:
                plot.removeItem(curve)
            curves.clear()
        colors = layer_colors(n_layers, dark=palette_colors(self)[0].lightnessF() < 0.5)
        for color in colors:
            for curves, plot in (
                (self.norm_curves, self.norm_plot),
                (self.ratio_curves, self.ratio_plot),
            ):
                curve = make_curve(color, width=PEN_WIDTH)
                plot.addItem(curve)
                curves.append(curve)
        self._name_layers()

    def clear(self) -> None:
        """Remove every curve's data and warning."""
        for curve in (*self.norm_curves, *self.ratio_curves):
            curve.setData([], [])
        self.banners.show_warnings([])
        show_epochs(self.norm_plot.vb, None, EMPTY_NORMS)
        show_epochs(self.ratio_plot.vb, None, EMPTY_RATIOS)

    # -- looks ----------------------------------------------------------------------------
    def _name_layers(self) -> None:
        self.legend.clear()
        n_layers = len(self.norm_curves)
        named = legend_layers(n_layers)
        self.legend.setColumnCount(max(min(len(named), 4), 1))
        names = layer_names(n_layers)
        for layer in named:
            self.legend.addItem(self.norm_curves[layer], names[layer])
        set_legend_text_color(self.legend, palette_colors(self)[1])
        cache_items(legend_static_items(self.legend))

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
        axes = [p.getAxis(n) for p in (self.norm_plot, self.ratio_plot) for n in ("left", "bottom")]
        style_axes(axes, text)
        set_legend_text_color(self.legend, text)
        colors = layer_colors(len(self.norm_curves), dark=background.lightnessF() < 0.5)
        for i, color in enumerate(colors):
            for curves in (self.norm_curves, self.ratio_curves):
                curves[i].setPen(pg.mkPen(color, width=PEN_WIDTH))
