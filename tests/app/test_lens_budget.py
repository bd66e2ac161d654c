"""The lenses' frame budget: what a new frame redraws in each lens, counted rather than timed.

With every lens open the window must keep its frame rate, so a lens given a new point
pass paints once, re-ticks no axis while its data stay in range, lays out nothing when
only its figures change, moves its points without styling them anew, and the gradient
lens sets its curves only when the history has new rows.
"""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtWidgets import QApplication

from playground.app.present.lenses import gradient_lens, hidden_space
from playground.app.views.lenses.activation_lens import ActivationLens
from playground.app.views.lenses.confusion_plot import ConfusionPlot
from playground.app.views.lenses.gradient_lens import GradientLens
from playground.app.views.lenses.hidden_space import HiddenSpaceView
from playground.app.views.lenses.results import ResultsView
from playground.app.views.lenses.steady_items import KEEP, SHARE_TOPS, share_top
from playground.core.history import History, HistoryChunk
from playground.core.point_pass import PointPass
from tests.app.test_frame_budget import count_calls


def count_paints(monkeypatch) -> dict[str, int]:
    """Count the paints of every pyqtgraph view, by the class of the widget owning it.

    Counted from before the widgets are made: Qt looks a widget's paintEvent up once,
    at its first paint.
    """
    paints: dict[str, int] = {}
    original = pg.GraphicsView.paintEvent

    def counted(self, event):
        owner = self
        while owner is not None and not type(owner).__module__.startswith("playground"):
            owner = owner.parent()
        name = type(owner if owner is not None else self).__name__
        paints[name] = paints.get(name, 0) + 1
        return original(self, event)

    monkeypatch.setattr(pg.GraphicsView, "paintEvent", counted)
    return paints


class LayoutRequests(QObject):
    """Counts the layout passes asked of a graphics widget (its items' sizes changed)."""

    def __init__(self, watched: QObject) -> None:
        super().__init__()
        self.count = 0
        watched.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:
            self.count += 1
        return False


def draw(widget) -> None:
    """What the controller's drawing turns do: posted scene work, then a repaint."""
    for _ in range(3):
        QCoreApplication.sendPostedEvents(None, QEvent.Type.MetaCall)
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        QCoreApplication.sendEvent(widget.window(), QEvent(QEvent.Type.UpdateRequest))
        QApplication.processEvents()


def shown(qtbot, widget, width: int = 500, height: int = 320):
    qtbot.addWidget(widget)
    widget.resize(width, height)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def tanh_layers(seed: int, n: int = 200, units: int = 6, layers: int = 3):
    """Made-up z and a = tanh(z) per hidden layer, (n, units) each."""
    rng = np.random.default_rng(seed)
    pre = [rng.normal(0.0, 1.0, (n, units)) for _ in range(layers)]
    return pre, [np.tanh(z) for z in pre]


# -- the share axis ------------------------------------------------------------------------
def test_share_top_keeps_its_step_while_the_tallest_bar_fills_it() -> None:
    assert share_top(0.11) == 0.15  # the lowest top above the peak, with a little room
    assert share_top(0.14, 0.15) == 0.15
    assert share_top(KEEP * 0.15, 0.15) == 0.15
    assert share_top(0.16, 0.15) == 0.2  # grown out of it
    assert share_top(0.04, 0.3) == 0.05  # shrunk well below it
    assert share_top(1.0) == SHARE_TOPS[-1] == 1.0
    assert list(SHARE_TOPS) == sorted(SHARE_TOPS)


# -- the activation lens ---------------------------------------------------------------------
def test_a_new_point_pass_paints_the_histograms_once_and_re_ticks_no_axis(qtbot, monkeypatch):
    paints = count_paints(monkeypatch)
    lens = shown(qtbot, ActivationLens(), height=420)
    pre, post = tanh_layers(0)
    lens.show_values(pre, post, ("tanh",) * 3, [0.12, 0.2, 0.3], [0.0, 0.0, 0.0], source=object())
    draw(lens)
    ranges = [plot.vb.viewRange() for plot in lens.plots]
    paints.clear()
    ticks = count_calls(monkeypatch, pg.AxisItem, "generateDrawSpecs")
    layouts = LayoutRequests(lens.graphics.ci)

    pre2, post2 = tanh_layers(1)  # new values of the same spread; new figures of one width
    lens.show_values(
        pre2, post2, ("tanh",) * 3, [0.13, 0.21, 0.31], [0.0, 0.0, 0.0], source=object()
    )
    draw(lens)
    assert paints == {"ActivationLens": 1}
    assert ticks[0] == 0, "the axes kept their ranges: their ticks are not generated again"
    assert layouts.count == 0, "figures of the same width lay nothing out again"
    assert [plot.vb.viewRange() for plot in lens.plots] == ranges
    assert "saturated 13%" in lens.figure_texts[0]
    np.testing.assert_allclose(lens.bars[0].yData.sum(), 1.0)

    lens.show_values(pre2, post2, ("tanh",) * 3, [0.13, 0.21, 0.31], [0.0] * 3, source=None)
    paints.clear()
    draw(lens)
    assert paints.get("ActivationLens", 0) == 1  # values given without a source: drawn


def test_a_histogram_that_outgrows_its_axis_moves_it_one_step(qtbot):
    lens = shown(qtbot, ActivationLens(), height=300)
    spread = np.linspace(-0.99, 0.99, 300)[:, None]
    lens.show_values([spread], [spread], ("tanh",), None, None, source=object())
    draw(lens)
    (_, (_, top)), peak = lens.plots[0].vb.viewRange(), float(lens.bars[0].yData.max())
    assert top == pytest.approx(share_top(peak)) and peak <= top
    piled = np.r_[spread[:150], np.full((150, 1), 0.5)]  # half the values in one bin
    lens.show_values([piled], [piled], ("tanh",), None, None, source=object())
    draw(lens)
    (_, (_, top2)), peak2 = lens.plots[0].vb.viewRange(), float(lens.bars[0].yData.max())
    assert peak2 > top and top2 == pytest.approx(share_top(peak2, top)) and peak2 <= top2


# -- the hidden-space view -------------------------------------------------------------------
def point_pass(seed: int, targets=None, n: int = 120, n_train: int = 80) -> PointPass:
    """A made-up point pass of one hidden layer of 3 units."""
    rng = np.random.default_rng(seed)
    x = rng.uniform(-1, 1, (n, 2))
    a = np.tanh(x @ rng.normal(size=(2, 3)))
    grid = np.stack(np.meshgrid(np.linspace(-1, 1, 5), np.linspace(-1, 1, 7)), -1)
    t = (x[:, 0] > 0).astype(float) if targets is None else targets
    return PointPass(
        x=x,
        n_train=n_train,
        targets=t,
        task="binary",
        hidden_pre=(a,),
        hidden=(a,),
        output=np.column_stack([1 - t, t]),
        grid=grid,
        grid_hidden=(np.tanh(grid @ rng.normal(size=(2, 3))),),
    )


def frame_of(points: PointPass, running: bool = True):
    """What the hidden-space presenter reads of a frame: the active run's point pass."""
    snap = SimpleNamespace(points=points, running=running)
    run = SimpleNamespace(with_points=snap, label="")
    return SimpleNamespace(snap=snap, runs=SimpleNamespace(active_run=run, comparing=False))


def test_points_that_only_moved_keep_their_styles_and_are_not_made_anew(qtbot, monkeypatch):
    paints = count_paints(monkeypatch)
    view = shown(qtbot, HiddenSpaceView())
    first = point_pass(0)
    hidden_space(view, frame_of(first))
    draw(view)
    brushes = list(view.train_points.data["brush"])
    set_data = count_calls(monkeypatch, pg.ScatterPlotItem, "setData")
    paints.clear()
    moved = point_pass(1, targets=first.targets)  # the same points, elsewhere
    hidden_space(view, frame_of(moved))
    draw(view)
    assert set_data[0] == 0, "moved, not made anew"
    assert paints == {"HiddenSpaceView": 1}
    n = moved.n_train
    x, y = view.train_points.getData()
    np.testing.assert_allclose(np.column_stack([x, y]), view.shown_points[:n])
    x, y = view.test_points.getData()
    np.testing.assert_allclose(np.column_stack([x, y]), view.shown_points[n:])
    assert list(view.train_points.data["brush"]) == brushes
    low, high = view.train_points.dataBounds(0)
    assert (low, high) == (view.shown_points[:n, 0].min(), view.shown_points[:n, 0].max())

    relabelled = point_pass(1, targets=1.0 - first.targets)  # new classes: new styles
    hidden_space(view, frame_of(relabelled))
    assert set_data[0] == 2
    assert list(view.train_points.data["brush"]) != brushes


def test_the_hidden_space_axes_stay_while_points_stay_in_them_and_fit_once_stopped(qtbot):
    view = shown(qtbot, HiddenSpaceView())
    first = point_pass(0)
    hidden_space(view, frame_of(first))
    draw(view)
    before = view.plot.vb.viewRange()
    nudged = point_pass(0, targets=first.targets)
    nudged = PointPass(**{**nudged.__dict__, "hidden": (0.97 * first.hidden[0],)})
    hidden_space(view, frame_of(nudged))
    draw(view)
    assert view.plot.vb.viewRange() == before, "points a little inside the range keep it"
    hidden_space(view, frame_of(nudged, running=False))
    draw(view)
    assert view.plot.vb.viewRange() != before, "a stopped run's view fits its points exactly"


# -- the results lens ------------------------------------------------------------------------
def test_a_longer_caption_does_not_widen_the_results_lens(qtbot):
    view = shown(qtbot, ResultsView())
    counts = np.array([[40, 10], [5, 45]])
    view.show_confusion(counts, counts, "epoch 9 · 100 train, 100 test points")
    draw(view)
    least = view.minimumSizeHint().width()
    view.show_confusion(counts, counts, "epoch 99,999,999 · 100 train, 100 test points" * 3)
    draw(view)
    assert view.minimumSizeHint().width() == least
    assert view.title_label.text().endswith("test points")  # all of it, shown as it fits


def test_the_same_matrix_again_sets_no_text_colour_or_title(qtbot, monkeypatch):
    plot = shown(qtbot, ConfusionPlot("train"), 300, 240)
    counts = np.array([[40, 10], [5, 45]])
    plot.show_matrix(counts)
    titles = count_calls(monkeypatch, pg.PlotItem, "setTitle")
    colors = count_calls(monkeypatch, pg.TextItem, "setColor")
    texts = count_calls(monkeypatch, pg.TextItem, "setText")
    plot.show_matrix(counts.copy())
    assert (titles[0], colors[0], texts[0]) == (0, 0, 0)
    plot.show_matrix(np.array([[40, 10], [6, 44]]))  # one row changed, the total did not
    assert titles[0] == 1  # the accuracy changed
    assert texts[0] == 2 and plot.cell_text(1, 0) == "6\n12%"


# -- the gradient lens -----------------------------------------------------------------------
def history(n: int, layers: int = 3) -> History:
    h = History(layers)
    h.extend(rows(1, n, layers))
    return h


def rows(first: int, n: int, layers: int = 3) -> HistoryChunk:
    epoch = np.arange(first, first + n, dtype=np.float64)
    loss = 1.0 / epoch
    return HistoryChunk(
        epoch=epoch,
        train_loss=loss,
        test_loss=loss,
        train_metric=1 - loss,
        test_metric=1 - loss,
        grad_norms=np.full((n, layers), 0.1) / epoch[:, None],
        update_ratio=np.full((n, layers), 1e-3),
    )


def gradient_frame(h: History, seq: int, running: bool = True):
    """What the gradient lens's presenter reads: the active run's history and snapshot."""
    snap = SimpleNamespace(seq=seq, diagnostics=None, running=running)
    spec = SimpleNamespace(model_config=SimpleNamespace(activations=("tanh", "tanh")))
    run = SimpleNamespace(run_id=1, history=h, last=snap, spec=spec, label="")
    return SimpleNamespace(snap=snap, runs=SimpleNamespace(active_run=run, comparing=False))


def test_the_gradient_lens_sets_its_curves_only_for_new_rows(qtbot, monkeypatch):
    lens = shown(qtbot, GradientLens(), height=360)
    h = history(300)
    gradient_lens(lens, gradient_frame(h, seq=1))
    assert lens.n_layers == 3 and len(lens.norm_curves[0].xData) == 300
    assert all(curve.opts["pen"].widthF() == 1.0 for curve in lens.norm_curves)
    set_data = count_calls(monkeypatch, pg.PlotDataItem, "setData")
    gradient_lens(lens, gradient_frame(h, seq=2))  # a new snapshot, no new row
    assert set_data[0] == 0
    h.extend(rows(301, 4))
    gradient_lens(lens, gradient_frame(h, seq=3))
    assert set_data[0] == 2 * 3, "each layer's two curves once"
    assert lens.norm_curves[0].xData[-1] == 304


def test_the_gradient_lens_epochs_move_in_steps_while_training(qtbot):
    lens = shown(qtbot, GradientLens(), height=360)
    h = history(100)
    gradient_lens(lens, gradient_frame(h, seq=1))
    draw(lens)
    (x0, x1), _ = lens.norm_plot.vb.viewRange()
    assert x0 <= 1 and x1 > 100
    h.extend(rows(101, 2))
    gradient_lens(lens, gradient_frame(h, seq=2))
    assert lens.norm_plot.vb.viewRange()[0] == [x0, x1], "two more epochs fit the range shown"
    h.extend(rows(103, 200))
    gradient_lens(lens, gradient_frame(h, seq=3))
    (_, grown), _ = lens.norm_plot.vb.viewRange()
    assert grown > 302 + 0.2 * 300, "grown out of it: room ahead"
    gradient_lens(lens, gradient_frame(h, seq=4, running=False))
    (_, fitted), _ = lens.ratio_plot.vb.viewRange()
    assert 302 <= fitted < 302 * 1.05, "stopped: the epochs exactly (with the padding)"
