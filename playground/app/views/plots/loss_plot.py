"""Train and test loss over epochs, with the metric on a second right-hand axis."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from numpy.typing import ArrayLike, NDArray
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from playground.app.i18n import QT_TRANSLATE_NOOP
from playground.app.views.numbers import compact
from playground.app.views.plots.axes import (
    AXIS_WIDTH,
    EMPTY_RANGE,
    CompactAxis,
    DivergenceMarker,
    LogAxis,
    drawable,
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
from playground.app.views.plots.run_curves import EpochCursor, LossRunCurves, RunCurves
from playground.app.views.plots.steady import SteadyViewBox, steady_span

LOSS_COLOR = "#e8710a"
METRIC_COLOR = "#1a73e8"

#: On a linear axis, losses beyond this are left out: one diverged epoch would
#: otherwise stretch the axis to 1e+280 and flatten every other value to zero.
LINEAR_LOSS_LIMIT = 1e6
#: An empty log axis shows losses from 0.01 to 1 (as log10 values).
EMPTY_LOG_RANGE = (EMPTY_RANGE[0], (-2.0, 0.0))
#: Metric values beyond this are left out (R² of a diverged run reaches -1e+280).
METRIC_LIMIT = 1e6

#: Display of each metric: axis label, legend word, factor applied to the values,
#: lowest value of the axis and highest value of the axis.
METRIC_DISPLAY: dict[str, tuple[str, str, float, float, float]] = {
    "accuracy": (
        QT_TRANSLATE_NOOP("LossPlot", "accuracy (%)"),
        QT_TRANSLATE_NOOP("LossPlot", "acc."),
        100.0,
        0.0,
        100.0,
    ),
    "R²": ("R²", "R²", 1.0, -1.0, 1.0),
}
#: The metrics' names as the title says them (translated where shown).
METRIC_WORDS = (QT_TRANSLATE_NOOP("LossPlot", "accuracy"),)


def _tr(text: str) -> str:
    """A text of the loss plot (a marked literal) in the current language."""
    return QCoreApplication.translate("LossPlot", text)


class LossPlot(QWidget):
    """Loss curves (left axis) and metric curves (right axis) against the epoch."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        #: What the presenter last drew here (it skips the same again); None after clear().
        self.shown: object = None
        self._metric_name = "accuracy"
        self._metric_scale = 1.0
        self._metric_label = "accuracy (%)"
        self._metric_short = "acc."
        empty = np.empty(0)
        self._history: tuple[NDArray[np.float64], ...] = (empty,) * 5
        self._off_scale = False

        self.title_label = QLabel()
        self.log_check = QCheckBox()
        self.log_check.toggled.connect(self._on_log_check_toggled)

        self.graphics = pg.GraphicsLayoutWidget()
        self.graphics.ci.setContentsMargins(2, 2, 2, 2)
        self.legend = pg.LegendItem(colCount=4, labelTextSize="8pt", horSpacing=12)
        self.graphics.addItem(self.legend, row=0, col=0)
        self.plot_item: pg.PlotItem = self.graphics.addPlot(
            row=1,
            col=0,
            viewBox=SteadyViewBox(),
            axisItems={
                "left": LogAxis("left"),
                "bottom": CompactAxis("bottom"),
                "right": CompactAxis("right"),
            },
        )
        self.plot_item.setMenuEnabled(False, enableViewBoxMenu=True)
        self.plot_item.showGrid(x=False, y=True, alpha=0.15)
        self.plot_item.setDownsampling(auto=True, mode="peak")
        self.plot_item.setClipToView(True)

        self.metric_view = pg.ViewBox(enableMenu=False)
        self.metric_view.setMouseEnabled(x=True, y=False)
        self.metric_view.enableAutoRange(x=False, y=False)
        self.plot_item.showAxis("right")
        for name in ("left", "right"):  # fixed widths (see AXIS_WIDTH)
            self.plot_item.getAxis(name).setWidth(AXIS_WIDTH)
        self.plot_item.scene().addItem(self.metric_view)
        self.plot_item.getAxis("right").linkToView(self.metric_view)
        self.metric_view.setXLink(self.plot_item)
        self.plot_item.vb.sigResized.connect(self._on_plot_view_resized)

        self.train_curve = make_curve(LOSS_COLOR)
        self.test_curve = make_curve(LOSS_COLOR, dashed=True)
        self.train_metric_curve = make_curve(METRIC_COLOR, width=1.0)  # thin: cheap to stroke
        self.test_metric_curve = make_curve(METRIC_COLOR, dashed=True, width=1.0)
        self.plot_item.addItem(self.train_curve)
        self.plot_item.addItem(self.test_curve)
        self.metric_view.addItem(self.train_metric_curve)
        self.metric_view.addItem(self.test_metric_curve)
        self.divergence = DivergenceMarker()
        self.plot_item.addItem(self.divergence, ignoreBounds=True)
        self.epoch_cursor = EpochCursor()
        self.plot_item.addItem(self.epoch_cursor, ignoreBounds=True)
        #: Compare mode's curves, one set per run; ``_runs`` is None while one run is shown.
        self.run_curves = LossRunCurves(self.plot_item, self.metric_view, make_curve)
        self._runs: list[RunCurves] | None = None
        self.hover = HoverReadout(self.plot_item, self._hover_targets)

        top = QHBoxLayout()
        top.setContentsMargins(4, 0, 4, 0)
        top.addWidget(self.title_label)
        top.addStretch(1)
        top.addWidget(self.log_check)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addWidget(self.graphics, 1)

        self._set_texts()
        self._apply_palette()
        self.set_metric_name("accuracy")
        self._reset_range()
        cache_items(plot_static_items(self.plot_item))

    @property
    def log_y(self) -> bool:
        """Whether the loss axis is logarithmic."""
        return self.log_check.isChecked()

    @property
    def metric_name(self) -> str:
        """Name of the metric on the right-hand axis."""
        return self._metric_name

    def set_metric_name(self, name: str) -> None:
        """Show ``name`` ("accuracy", fraction in, percent out, or "R²") on the right axis."""
        label, short, scale, _low, _high = METRIC_DISPLAY.get(name, (name, name, 1.0, 0.0, 1.0))
        self._metric_name = name
        self._metric_scale = scale
        self._metric_label = label
        self._show_title()
        self.plot_item.getAxis("right").setLabel(_tr(label), color=METRIC_COLOR)
        self._metric_short = short
        self._fill_legend()
        self._update_metric_range()

    def _fill_legend(self) -> None:
        """Name the four curves of one run, or each run of a comparison once."""
        self.legend.clear()
        if self._runs is None:
            names = self._series_names()
            self.legend.addItem(self.train_curve, names[0])
            self.legend.addItem(self.test_curve, names[1])
            self.legend.addItem(self.train_metric_curve, names[2])
            self.legend.addItem(self.test_metric_curve, names[3])
        else:
            for curves, run in zip(self.run_curves.runs, self._runs, strict=True):
                self.legend.addItem(curves[0], run.label)
        set_legend_text_color(self.legend, palette_colors(self)[1])
        cache_items(legend_static_items(self.legend))

    def _series_names(self) -> tuple[str, str, str, str]:
        """The four curves' names: train and test loss, train and test metric."""
        short = _tr(self._metric_short)
        return (
            QCoreApplication.translate("LossPlot", "train loss"),
            QCoreApplication.translate("LossPlot", "test loss"),
            QCoreApplication.translate("LossPlot", "train {metric}").format(metric=short),
            QCoreApplication.translate("LossPlot", "test {metric}").format(metric=short),
        )

    def _set_texts(self) -> None:
        """Set the check box's and the axes' texts in the current language."""
        self.log_check.setText(QCoreApplication.translate("LossPlot", "log scale"))
        self.log_check.setToolTip(
            QCoreApplication.translate("LossPlot", "Show the loss on a logarithmic axis")
        )
        self.plot_item.setLabel("bottom", QCoreApplication.translate("LossPlot", "epoch"))
        loss = QCoreApplication.translate("LossPlot", "loss")
        self.plot_item.setLabel("left", loss, color=LOSS_COLOR)

    def retranslate_ui(self) -> None:
        """Say every text again in the current language."""
        self._set_texts()
        self.divergence.retranslate_ui()
        self.plot_item.getAxis("right").setLabel(_tr(self._metric_label), color=METRIC_COLOR)
        self._show_title()
        self._fill_legend()

    def set_log_y(self, enabled: bool) -> None:
        """Switch the loss axis between linear and logarithmic."""
        self.log_check.setChecked(enabled)
        self._on_log_check_toggled(enabled)

    @property
    def off_scale(self) -> bool:
        """Whether some finite loss is too large for the linear axis and is not drawn."""
        return self._off_scale

    def show_history(
        self,
        epoch: ArrayLike,
        train_loss: ArrayLike,
        test_loss: ArrayLike,
        train_metric: ArrayLike,
        test_metric: ArrayLike,
    ) -> None:
        """Replace the curves with the full history (NaN marks missing values)."""
        x = as_float_array(epoch)
        series = [as_float_array(v) for v in (train_loss, test_loss, train_metric, test_metric)]
        for y in series:
            if len(y) != len(x):
                raise ValueError(f"history lengths differ: {len(x)} epochs, {len(y)} values")
        self._history = (x, *series)
        if self._runs is not None:
            self._runs = None
            self._show_mode(single=True)
        self._draw()

    def show_runs(self, runs: list[RunCurves]) -> None:
        """Draw each run's curves in its colour, with a legend entry per run (compare mode).

        :meth:`show_history` goes back to one run's curves.
        """
        for run in runs:
            run.arrays()  # checks the lengths before anything changes
        old = None if self._runs is None else [run.label for run in self._runs]
        self._runs = list(runs)
        made = self.run_curves.ensure(len(runs))
        self.run_curves.style(self._runs)
        if old is None:
            self._show_mode(single=False)
        elif made or old != [run.label for run in runs]:
            self._fill_legend()
        self._draw()

    @property
    def comparing(self) -> bool:
        """Whether the plot shows several runs' curves (see :meth:`show_runs`)."""
        return self._runs is not None

    def set_cursor(self, epoch: float | None) -> None:
        """Draw the scrubber's cursor at ``epoch`` (None hides it)."""
        self.epoch_cursor.show_epoch(epoch)

    def _show_mode(self, single: bool) -> None:
        """Show one run's four curves, or hide them for the runs' curves."""
        for curve in self._curves():
            if not single:
                curve.setData([], [])
            curve.setVisible(single)
        self.run_curves.set_visible(not single)
        self._fill_legend()
        self._show_title()

    def mark_divergence(self, epoch: int | None) -> None:
        """Draw a marker at the epoch where the run diverged (None removes it)."""
        self.divergence.show_epoch(epoch)

    def clear(self) -> None:
        """Remove every curve's data and the divergence marker; show the first epochs."""
        self.shown = None
        self._history = (np.empty(0),) * 5
        for curve in self._curves():
            curve.setData([], [])
        if self._runs is not None:
            self._runs = [run.cleared() for run in self._runs]
            for curve in self.run_curves.loss_curves() + self.run_curves.metric_curves():
                curve.setData([], [])
        self.divergence.show_epoch(None)
        self.epoch_cursor.show_epoch(None)
        self._set_off_scale(False)
        self._reset_range()
        self._update_metric_range()

    def changeEvent(self, event: QEvent) -> None:
        """Restyle the plot when the application palette changes; retranslate on a language's."""
        if event.type() == QEvent.Type.PaletteChange:
            self._apply_palette()
        elif event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _hover_targets(self) -> list[HoverTarget]:
        """The curves shown, each with its series' name (and its run's, while comparing)."""
        names = self._series_names()
        percent = "%" if self._metric_scale == 100.0 else ""  # accuracy is drawn in percent
        units = ("", "", percent, percent)
        if self._runs is None:
            groups: list[tuple[tuple[pg.PlotDataItem, ...], str | None]] = [(self._curves(), None)]
        else:
            groups = [
                (c, run.label) for c, run in zip(self.run_curves.runs, self._runs, strict=True)
            ]
        return [
            HoverTarget(curve, epoch_label(name, run, unit))
            for curves, run in groups
            for curve, name, unit in zip(curves, names, units, strict=True)
        ]

    def _curves(self) -> tuple[pg.PlotDataItem, ...]:
        """Return the four curves in show_history's argument order."""
        return (self.train_curve, self.test_curve, self.train_metric_curve, self.test_metric_curve)

    def _draw(self) -> None:
        """Draw the stored history, leaving out what the axes cannot show (see ``drawable``)."""
        if self._runs is None:
            x, *series = self._history
            groups = [(self._curves(), x, series)]
            loss_curves: list[pg.PlotDataItem] = [self.train_curve, self.test_curve]
        else:
            groups = [
                (curves, *run.arrays())
                for curves, run in zip(self.run_curves.runs, self._runs, strict=True)
            ]
            loss_curves = self.run_curves.loss_curves()
            x = max((group[1] for group in groups), key=len, default=np.empty(0))
        off_scale = False
        for curves, epochs, series in groups:
            off_scale |= self._draw_series(curves, epochs, series)
        self._set_off_scale(off_scale)
        self._update_metric_range()
        if all(curve.xData is None for curve in loss_curves):
            self._reset_range(x)  # no loss to fit to: follow the epochs alone
        settle_auto_range(self.plot_item.vb)

    def _draw_series(
        self,
        curves: tuple[pg.PlotDataItem, ...],
        x: NDArray[np.float64],
        series: list[NDArray[np.float64]],
    ) -> bool:
        """Give four curves their values; return whether a finite loss was off the scale."""
        loss_limit = np.inf if self.log_y else LINEAR_LOSS_LIMIT
        limits = (loss_limit, loss_limit, METRIC_LIMIT, METRIC_LIMIT)
        scales = (1.0, 1.0, self._metric_scale, self._metric_scale)
        off_scale = False
        for index, (curve, y) in enumerate(zip(curves, series, strict=True)):
            values, dropped = drawable(y * scales[index], limits[index])
            off_scale |= dropped and index < 2
            if np.isfinite(values).any():
                curve.setData(x, values)
            else:
                curve.setData([], [])
        return off_scale

    def _reset_range(self, epochs: NDArray[np.float64] | None = None) -> None:
        """Show ``epochs`` (or the first ten) and losses 0 to 1, or 0.01 to 1 on the log axis."""
        show_epochs(self.plot_item.vb, epochs, EMPTY_LOG_RANGE if self.log_y else EMPTY_RANGE)

    def _set_off_scale(self, off_scale: bool) -> None:
        """Say in the title when losses beyond the linear axis are left out."""
        if off_scale != self._off_scale:
            self._off_scale = off_scale
            self._show_title()

    def _show_title(self) -> None:
        """Title the plot, noting left-out losses."""
        metric = _tr(self._metric_name)
        text = QCoreApplication.translate("LossPlot", "Loss and {metric} per epoch")
        if self._runs is not None:
            text = QCoreApplication.translate(
                "LossPlot", "Loss (thick) and {metric} (thin) per run · dashed: test"
            )
        text = text.format(metric=metric)
        tip = ""
        if self._off_scale:
            limit = compact(LINEAR_LOSS_LIMIT)
            more = QCoreApplication.translate("LossPlot", " · loss above {limit} not drawn")
            text += more.format(limit=limit)
            tip = QCoreApplication.translate(
                "LossPlot",
                "Losses above {limit} are not drawn on the linear axis: tick 'log scale'",
            ).format(limit=limit)
        self.title_label.setText(text)
        self.title_label.setToolTip(tip)

    def _update_metric_range(self) -> None:
        """Fit the metric axis to the data, within the metric's natural bounds."""
        _label, _short, _scale, low, high = METRIC_DISPLAY.get(
            self._metric_name, (None, None, 1.0, np.nan, np.nan)
        )
        shown = (
            [self.train_metric_curve, self.test_metric_curve]
            if self._runs is None
            else self.run_curves.metric_curves()
        )
        values = [c.yData for c in shown]
        values = [v[np.isfinite(v)] for v in values if v is not None and len(v)]
        data = np.concatenate(values) if values else np.empty(0)
        if data.size:
            data_low, data_high = float(data.min()), float(data.max())
            if np.isnan(low):
                low, high = data_low, max(data_high, data_low + max(abs(data_low), 1.0) / 10)
            else:  # show at least a tenth of the natural range: 100 % alone once made 100 ± 3e-11
                low = min(max(low, data_low), high - (high - low) / 10)
        elif np.isnan(low):
            low, high = 0.0, 1.0
        span = high - low
        target, (y0, y1) = (low - 0.03 * span, high + 0.03 * span), self.metric_view.viewRange()[1]
        if steady_span(target, (y0, y1), head=0.0) is not None:
            self.metric_view.setYRange(*target, padding=0)  # the axis moves only in steps

    def _apply_palette(self) -> None:
        """Colour the background, axes and legend text from the Qt palette."""
        background, text = palette_colors(self)
        self.graphics.setBackground(background)
        style_axes((self.plot_item.getAxis(n) for n in ("left", "bottom", "right")), text)
        loss = QCoreApplication.translate("LossPlot", "loss")
        self.plot_item.getAxis("left").setLabel(loss, color=LOSS_COLOR)
        self.plot_item.getAxis("right").setLabel(_tr(self._metric_label), color=METRIC_COLOR)
        set_legend_text_color(self.legend, text)

    def _on_log_check_toggled(self, checked: bool) -> None:
        """Apply the log-scale checkbox to the loss axis (not to the metric axis)."""
        self.plot_item.setLogMode(y=checked)
        self.plot_item.getAxis("right").setLogMode(False, False)
        self._draw()  # the log axis shows losses the linear one leaves out

    def _on_plot_view_resized(self) -> None:
        """Keep the metric ViewBox on top of the loss ViewBox."""
        self.metric_view.setGeometry(self.plot_item.vb.sceneBoundingRect())
        self.metric_view.linkedViewChanged(self.plot_item.vb, self.metric_view.XAxis)
