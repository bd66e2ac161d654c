"""Compare mode's curves: every run's losses, metric and gradient norms in its run colour.

:class:`LossPlot` and :class:`GradientPlot` own one of the collections below each. A
collection makes its curves when the number of runs (or layers) changes and from then on
only gives them new data, so a frame of four runs costs setData calls and nothing else.
It also holds :class:`EpochCursor`, the scrubber's line on both plots.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import numpy as np
import pyqtgraph as pg
from numpy.typing import ArrayLike, NDArray
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

#: Colour of the scrubber's cursor line.
CURSOR_COLOR = "#5f6368"
#: Loss curves are drawn this wide, metric curves thinner and fainter, so each run's four
#: curves read as two pairs: thick for the loss, thin for the metric. A pen one pixel wide
#: is stroked about four times faster than any wider one (dashed or not), so only the
#: loss curves pay for a wide pen.
LOSS_WIDTH = 2.0
METRIC_WIDTH = 1.0
METRIC_ALPHA = 170
#: What tells the layers of one run apart on the gradient plot: a dash pattern per layer
#: (cycling), and a fainter line from the sixth layer on. Every layer is one pixel wide:
#: wider dashed pens made each gradient update of a deep network's comparison cost the
#: window tens of milliseconds to paint.
LAYER_STYLES: tuple[Qt.PenStyle, ...] = (
    Qt.PenStyle.SolidLine,
    Qt.PenStyle.DashLine,
    Qt.PenStyle.DotLine,
    Qt.PenStyle.DashDotLine,
    Qt.PenStyle.DashDotDotLine,
)
LAYER_WIDTH = 1.0
LAYER_ALPHAS: tuple[int, ...] = (255, 120)
#: Colour of the legend's samples of the layers' dash patterns.
LAYER_KEY_COLOR = "#6f7378"
#: Norms below this (zeros included) are drawn at this value on the log axis.
NORM_FLOOR = 1e-12
#: Part of each layer's slot on the bar plot that the runs' bars fill together.
BAR_GROUP_WIDTH = 0.8

CurveFactory = Callable[..., pg.PlotDataItem]


@dataclass(frozen=True)
class RunCurves:
    """One run's history for the loss plot; NaN marks missing values.

    Attributes
    ----------
    label : str
        The run's name in the legend, e.g. "activation=relu".
    color : str or QColor
        The run's colour.
    epochs, train_loss, test_loss, train_metric, test_metric : array_like, shape (m,)
        The metric as :meth:`LossPlot.show_history` takes it (accuracy as a fraction).
    """

    label: str
    color: str | QColor
    epochs: ArrayLike
    train_loss: ArrayLike
    test_loss: ArrayLike
    train_metric: ArrayLike
    test_metric: ArrayLike

    def arrays(self) -> tuple[NDArray[np.float64], list[NDArray[np.float64]]]:
        """The epochs and the four series as float arrays; ValueError if lengths differ."""
        x = as_float(self.epochs)
        series = [
            as_float(v)
            for v in (self.train_loss, self.test_loss, self.train_metric, self.test_metric)
        ]
        for y in series:
            if len(y) != len(x):
                raise ValueError(
                    f"history lengths differ in run {self.label!r}: "
                    f"{len(x)} epochs, {len(y)} values"
                )
        return x, series

    def cleared(self) -> RunCurves:
        """The same run without history."""
        empty = np.empty(0)
        return replace(
            self,
            epochs=empty,
            train_loss=empty,
            test_loss=empty,
            train_metric=empty,
            test_metric=empty,
        )


@dataclass(frozen=True)
class RunGradientCurves:
    """One run's weight-gradient norms for the gradient plot.

    Attributes
    ----------
    label : str
    color : str or QColor
    epochs : array_like, shape (m,)
    grad_norms : array_like, shape (m, L)
        One column per layer.
    """

    label: str
    color: str | QColor
    epochs: ArrayLike
    grad_norms: ArrayLike

    def arrays(self) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
        """The epochs (m,) and the norms (m, L) as floats; ValueError if they do not match."""
        x = as_float(self.epochs)
        norms = np.array(self.grad_norms, dtype=np.float64)
        if norms.ndim == 1 and len(x):
            norms = norms.reshape(len(x), -1)
        if norms.ndim != 2 or norms.shape[0] != len(x):
            raise ValueError(
                f"run {self.label!r}: gradient norms of shape {norms.shape} for {len(x)} epochs"
            )
        return x, clip_norms(norms)


def as_float(values: ArrayLike) -> NDArray[np.float64]:
    """The values as a 1-D float64 array."""
    return np.asarray(values, dtype=np.float64).reshape(-1)


def clip_norms(values: ArrayLike) -> NDArray[np.float64]:
    """Return positive norms: tiny ones raised to NORM_FLOOR, non-finite ones as NaN."""
    norms = np.array(values, dtype=np.float64)
    finite = np.isfinite(norms)
    norms[finite] = np.maximum(norms[finite], NORM_FLOOR)
    norms[~finite] = np.nan
    return norms


def layer_pen(color: str | QColor, layer: int) -> pg.QtGui.QPen:
    """The pen of one layer's curve of a run: the run's colour, the layer's dash and shade."""
    style = LAYER_STYLES[layer % len(LAYER_STYLES)]
    shade = QColor(color)
    shade.setAlpha(LAYER_ALPHAS[(layer // len(LAYER_STYLES)) % len(LAYER_ALPHAS)])
    return pg.mkPen(shade, width=LAYER_WIDTH, style=style)


def set_curve(curve: pg.PlotDataItem, x: NDArray[np.float64], y: NDArray[np.float64]) -> None:
    """Give a curve its data, or none when no value is finite (an all-NaN curve warns)."""
    if len(x) and np.isfinite(y).any():
        curve.setData(x, y)
    else:
        curve.setData([], [])


def grouped_bars(
    histories: list[tuple[NDArray[np.float64], NDArray[np.float64]]],
    colors: list[str | QColor],
) -> dict[str, object]:
    """The bar plot's options for each run's latest norms, the runs side by side per layer.

    A bar rises from the floor to log10 of the run's norm at its last epoch (the floor
    for a non-finite one); a run without epochs has no bars.
    """
    n_runs = max(len(histories), 1)
    width = BAR_GROUP_WIDTH / n_runs
    x: list[float] = []
    top: list[float] = []
    brushes: list[object] = []
    for run, ((epochs, norms), color) in enumerate(zip(histories, colors, strict=True)):
        if not len(epochs):
            continue
        now = norms[-1]
        offset = (run - (n_runs - 1) / 2) * width
        x.extend(np.arange(1, len(now) + 1) + offset)
        top.extend(np.log10(np.where(np.isfinite(now), now, NORM_FLOOR)))
        brushes.extend([pg.mkBrush(QColor(color))] * len(now))
    return {
        "x": np.array(x),
        "y0": np.full(len(x), np.log10(NORM_FLOOR)),
        "y1": np.array(top),
        "width": width,
        # pyqtgraph's BarGraphItem fails on empty pen and brush lists (before a run's
        # first epoch): no bars then take the single pen and brush instead.
        "brushes": brushes or None,
        "brush": pg.mkBrush(None),
        "pens": [pg.mkPen(None)] * len(x) or None,
        "pen": pg.mkPen(None),
    }


class EpochCursor(pg.InfiniteLine):  # type: ignore[misc]  # pyqtgraph has no type information
    """A thin vertical line at the scrubber's epoch; hidden while there is none."""

    def __init__(self) -> None:
        pen = pg.mkPen(CURSOR_COLOR, width=1.5)
        super().__init__(angle=90, movable=False, pen=pen)
        self.epoch: float | None = None
        self.setZValue(25)
        self.setVisible(False)

    def show_epoch(self, epoch: float | None) -> None:
        """Put the line at ``epoch`` (None hides it)."""
        if epoch == self.epoch:
            return
        self.epoch = epoch
        self.setVisible(epoch is not None)
        if epoch is not None:
            self.setValue(float(epoch))


def run_colors(runs: Sequence[RunCurves | RunGradientCurves]) -> tuple[int, ...]:
    """Each run's colour as one number (with its alpha), to tell whether they changed."""
    return tuple(QColor(run.color).rgba() for run in runs)


def show_curves(runs: Sequence[Sequence[pg.PlotDataItem]], visible: bool) -> None:
    """Show or hide each run's curves; hidden ones drop their data."""
    for curves in runs:
        for curve in curves:
            curve.setVisible(visible)
            if not visible:
                curve.setData([], [])


class LossRunCurves:
    """Four curves per run: train and test loss (left axis), train and test metric (right)."""

    def __init__(
        self, plot_item: pg.PlotItem, metric_view: pg.ViewBox, make_curve: CurveFactory
    ) -> None:
        self._plot_item = plot_item
        self._metric_view = metric_view
        self._make_curve = make_curve
        self.runs: list[tuple[pg.PlotDataItem, ...]] = []
        self.visible = False
        #: The runs' colours the curves were last styled in (a frame rarely changes them).
        self._styled: tuple[int, ...] = ()

    def ensure(self, n_runs: int) -> bool:
        """Have curves for ``n_runs`` runs; return whether they were made anew."""
        if n_runs == len(self.runs):
            return False
        self.remove()
        for _ in range(n_runs):
            curves = (
                self._make_curve("k", width=LOSS_WIDTH),
                self._make_curve("k", dashed=True, width=LOSS_WIDTH),
                self._make_curve("k", width=METRIC_WIDTH),
                self._make_curve("k", dashed=True, width=METRIC_WIDTH),
            )
            self._plot_item.addItem(curves[0])
            self._plot_item.addItem(curves[1])
            self._metric_view.addItem(curves[2])
            self._metric_view.addItem(curves[3])
            for curve in curves:
                curve.setVisible(self.visible)
            self.runs.append(curves)
        return True

    def remove(self) -> None:
        """Take every run's curves off the plot."""
        for curves in self.runs:
            self._plot_item.removeItem(curves[0])
            self._plot_item.removeItem(curves[1])
            self._metric_view.removeItem(curves[2])
            self._metric_view.removeItem(curves[3])
        self.runs = []
        self._styled = ()

    def style(self, runs: list[RunCurves]) -> None:
        """Draw each run's curves in its colour: solid train, dashed test, faint metric."""
        colors = run_colors(runs)
        if colors == self._styled:
            return
        self._styled = colors
        for curves, run in zip(self.runs, runs, strict=True):
            color = QColor(run.color)
            faint = QColor(color)
            faint.setAlpha(METRIC_ALPHA)
            for index, curve in enumerate(curves):
                dashed = index % 2 == 1
                pen = pg.mkPen(
                    color if index < 2 else faint,
                    width=LOSS_WIDTH if index < 2 else METRIC_WIDTH,
                    style=Qt.PenStyle.DashLine if dashed else Qt.PenStyle.SolidLine,
                )
                if curve.opts["pen"] != pen:
                    curve.setPen(pen)

    def set_visible(self, visible: bool) -> None:
        """Show or hide every run's curves (hidden curves also drop their data)."""
        self.visible = visible
        show_curves(self.runs, visible)

    def metric_curves(self) -> list[pg.PlotDataItem]:
        """Every run's two metric curves."""
        return [curve for curves in self.runs for curve in curves[2:]]

    def loss_curves(self) -> list[pg.PlotDataItem]:
        """Every run's two loss curves."""
        return [curve for curves in self.runs for curve in curves[:2]]


class GradientRunCurves:
    """One curve per layer and run, in the run's colour with the layer's dash pattern."""

    def __init__(self, plot_item: pg.PlotItem, make_curve: CurveFactory) -> None:
        self._plot_item = plot_item
        self._make_curve = make_curve
        self.runs: list[list[pg.PlotDataItem]] = []
        self.visible = False
        #: Unattached curves whose pens the legend shows as the layers' key.
        self.layer_keys: list[pg.PlotDataItem] = []
        #: The runs' colours the curves were last styled in.
        self._styled: tuple[int, ...] = ()

    @property
    def shape(self) -> tuple[int, ...]:
        """The number of layers of each run's curves."""
        return tuple(len(curves) for curves in self.runs)

    def ensure(self, shape: tuple[int, ...]) -> bool:
        """Have ``shape[r]`` layer curves for run ``r``; return whether they were made anew."""
        if shape == self.shape:
            return False
        self.remove()
        for n_layers in shape:
            curves = []
            for _layer in range(n_layers):
                curve = self._make_curve("k")
                curve.setVisible(self.visible)
                self._plot_item.addItem(curve)
                curves.append(curve)
            self.runs.append(curves)
        most = max(shape, default=0)
        self.layer_keys = [pg.PlotDataItem(pen=layer_pen(LAYER_KEY_COLOR, i)) for i in range(most)]
        return True

    def remove(self) -> None:
        """Take every curve off the plot."""
        for curves in self.runs:
            for curve in curves:
                self._plot_item.removeItem(curve)
        self.runs = []
        self.layer_keys = []
        self._styled = ()

    def style(self, runs: list[RunGradientCurves]) -> None:
        """Pen each layer's curve in its run's colour and the layer's dash pattern."""
        colors = run_colors(runs)
        if colors == self._styled:
            return
        self._styled = colors
        for curves, run in zip(self.runs, runs, strict=True):
            for layer, curve in enumerate(curves):
                pen = layer_pen(QColor(run.color), layer)
                if curve.opts["pen"] != pen:
                    curve.setPen(pen)

    def set_visible(self, visible: bool) -> None:
        """Show or hide every curve (hidden curves also drop their data)."""
        self.visible = visible
        show_curves(self.runs, visible)
