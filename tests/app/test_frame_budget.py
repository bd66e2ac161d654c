"""The GUI's frame budget: what a frame does not redraw, and how the drawing is spread.

Each test counts work (paints, uploads, presentations) rather than timing it: a view
whose picture did not change visibly is left alone, a plot is painted once per update,
closed lenses are not presented, and a frame presents at most one curve view.
"""

from __future__ import annotations

import dataclasses
from functools import partial

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication

from playground.app.present.presenter import show_gradients, show_loss
from playground.app.present.registry import VIEWS
from playground.app.present.schedule import Schedule, run_all
from playground.app.present.views import Frame
from playground.app.views.canvas.canvas import DataCanvas
from playground.app.views.network_view import NetworkView
from playground.app.views.network_view.thumbs import TOLERANCE, ThumbnailPictures
from playground.app.views.plots.gradient_plot import GradientPlot
from playground.app.views.plots.loss_plot import LossPlot
from playground.core.history import History, HistoryChunk

FEATURES = ["x1", "x2", "x1^2", "x2^2", "x1x2", "sin_x1", "sin_x2"]
T = 12  # thumbnail side


def grown_history(n: int, n_layers: int = 3) -> History:
    """A history of ``n`` epochs of made-up losses and norms."""
    h = History(n_layers)
    h.extend(chunk(1, n, n_layers))
    return h


def chunk(first: int, n: int, n_layers: int = 3) -> HistoryChunk:
    """``n`` rows from epoch ``first`` on."""
    epoch = np.arange(first, first + n, dtype=np.float64)
    loss = 1.0 / epoch
    return HistoryChunk(
        epoch=epoch,
        train_loss=loss,
        test_loss=1.1 * loss,
        train_metric=1.0 - loss / 2,
        test_metric=1.0 - loss / 2,
        grad_norms=np.full((n, n_layers), 0.1) / epoch[:, None],
    )


def count_calls(monkeypatch, cls: type, name: str) -> list[int]:
    """Count calls of ``cls.name`` (a one-element list that the calls increment)."""
    calls = [0]
    original = getattr(cls, name)

    def counted(self, *args, **kwargs):
        calls[0] += 1
        return original(self, *args, **kwargs)

    monkeypatch.setattr(cls, name, counted)
    return calls


def draw(widget) -> None:
    """What the controller's drawing turns do: posted scene work, then a repaint."""
    for _ in range(2):
        QCoreApplication.sendPostedEvents(None, QEvent.Type.MetaCall)
        QCoreApplication.sendEvent(widget.window(), QEvent(QEvent.Type.UpdateRequest))
        QApplication.processEvents()


def make_plots(qtbot) -> tuple[LossPlot, GradientPlot]:
    """A shown loss plot and gradient plot."""
    loss, gradients = LossPlot(), GradientPlot()
    for widget in (loss, gradients):
        qtbot.addWidget(widget)
        widget.resize(450, 250)
        widget.show()
        qtbot.waitExposed(widget)
    return loss, gradients


@pytest.fixture
def plots(qtbot):
    return make_plots(qtbot)


def test_a_history_without_new_rows_sets_no_curve_data(plots, monkeypatch):
    loss, gradients = plots
    h = grown_history(300)
    show_loss(loss, h)
    show_gradients(gradients, h)
    set_data = count_calls(monkeypatch, pg.PlotDataItem, "setData")
    show_loss(loss, h)
    show_gradients(gradients, h)
    assert set_data[0] == 0, "the same rows again: nothing to draw"
    h.extend(chunk(301, 5))
    show_loss(loss, h)
    show_gradients(gradients, h)
    assert set_data[0] == 4 + 3, "new rows: each curve once"
    np.testing.assert_allclose(loss.train_curve.xData[-1], 305)


def test_a_cleared_plot_draws_the_same_history_again(plots):
    loss, gradients = plots
    h = grown_history(50)
    show_loss(loss, h)
    show_gradients(gradients, h)
    loss.clear()
    gradients.clear()
    assert loss.train_curve.xData is None
    show_loss(loss, h)
    show_gradients(gradients, h)
    assert len(loss.train_curve.xData) == 50
    assert all(len(curve.xData) == 50 for curve in gradients.curves)


def test_each_plot_is_painted_once_per_update(qtbot, monkeypatch):
    # Counted from the start: Qt looks a widget's paintEvent up once, at its first paint.
    paints = count_calls(monkeypatch, pg.GraphicsView, "paintEvent")
    loss, gradients = make_plots(qtbot)
    h = grown_history(1000)
    show_loss(loss, h)
    show_gradients(gradients, h)
    draw(loss)
    draw(gradients)
    paints[0] = 0
    for step in range(5):
        h.extend(chunk(1001 + 40 * step, 40))  # the x range grows with every update
        show_loss(loss, h)
        show_gradients(gradients, h)
        draw(loss)
        draw(gradients)
    assert paints[0] == 2 * 5, "a view box moving its items as the paint began repainted it"


def test_an_axis_range_stays_when_the_data_stay_inside_it(plots):
    loss, _ = plots
    h = grown_history(200)
    show_loss(loss, h)
    draw(loss)
    before = loss.plot_item.vb.viewRange()
    show_loss(loss, h)  # the same frame again
    draw(loss)
    assert loss.plot_item.vb.viewRange() == before


@pytest.fixture
def diagram(qtbot):
    view = NetworkView()
    qtbot.addWidget(view)
    view.resize(619, 400)
    view.show()
    qtbot.waitExposed(view)
    view.set_architecture(FEATURES, {f: f for f in FEATURES}, ["x1", "x2"], [(4, "tanh")], 1, [])
    return view


def maps(shift: float = 0.0) -> list[np.ndarray]:
    """Activation maps of 2 inputs, 4 hidden units and 1 output, shifted by ``shift``."""
    grid = np.linspace(-1.0, 1.0, T)
    ramp = np.tile(grid, (T, 1))
    return [np.stack([ramp * (k + 1) / 8 + shift] * n) for k, n in enumerate((2, 4, 1))]


def show(view: NetworkView, pictures: list[np.ndarray], weights, biases) -> None:
    view.show_thumbnails(pictures[0], pictures[1:-1], pictures[-1], [(-1, 1)] * 3)
    view.show_weights(weights, biases)


def test_a_frame_that_changes_nothing_visibly_dirties_nothing_in_the_diagram(
    qtbot, diagram, monkeypatch
):
    rng = np.random.default_rng(0)
    weights = [rng.normal(size=(2, 4)), rng.normal(size=(4, 1))]
    biases = [rng.normal(size=4), rng.normal(size=1)]
    show(diagram, maps(), weights, biases)
    draw(diagram)
    uploads = count_calls(monkeypatch, type(diagram.node_items(1)[0]), "set_image")
    changed: list[object] = []
    diagram.graphics_view.scene().changed.connect(changed.append)
    tiny = 0.2 / 255  # far below a colour-map step
    show(diagram, maps(tiny), [w + 1e-6 for w in weights], [b + 1e-9 for b in biases])
    draw(diagram)
    assert uploads[0] == 0
    assert changed == [], "no thumbnail, edge or bias pill was restyled"


def test_a_thumbnail_that_changed_visibly_is_uploaded_again(diagram, monkeypatch):
    show(diagram, maps(), [np.zeros((2, 4)), np.zeros((4, 1))], None)
    node = diagram.node_items(1)[0]
    before = node.pixmap.pixmap().toImage().copy()  # the pixels, not a view of them
    uploads = count_calls(monkeypatch, type(node), "set_image")
    pictures = maps()
    pictures[1] = pictures[1].copy()
    pictures[1][0] += 0.2  # the first hidden unit only
    show(diagram, pictures, [np.zeros((2, 4)), np.zeros((4, 1))], None)
    assert uploads[0] == 1
    assert node.pixmap.pixmap().toImage() != before


def test_thumbnail_pictures_follow_the_screen_not_the_last_frame():
    pictures = ThumbnailPictures()
    values = np.zeros((1, T, T))
    step = 2.0 / 255  # one colour-map step on (-1, 1)
    assert pictures.update(0, values, -1.0, 1.0)[0] == [0]
    # Creeping by less than the tolerance each frame still redraws once it adds up.
    redrawn = [pictures.update(0, values + k * 0.6 * step, -1.0, 1.0)[0] for k in range(1, 6)]
    first = next(k for k, rows in enumerate(redrawn, start=1) if rows)
    assert 0.6 * first >= TOLERANCE - 1 and first < 5


def test_a_boundary_that_changed_less_than_a_level_is_not_uploaded(qtbot):
    canvas = DataCanvas()
    qtbot.addWidget(canvas)
    grid = np.linspace(0.0, 1.0, 50)
    p = np.tile(grid, (50, 1))
    rect = (-6.0, -6.0, 12.0, 12.0)
    canvas.show_boundary(np.stack([1 - p, p], axis=-1), rect, "binary")
    shown = canvas.image.image
    canvas.show_boundary(np.stack([1 - p, p + 1e-4], axis=-1), rect, "binary")
    assert canvas.image.image is shown
    canvas.show_boundary(np.stack([1 - p, 1 - p], axis=-1), rect, "binary")
    assert canvas.image.image is not shown
    canvas.show_boundary(np.stack([1 - p, 1 - p], axis=-1), (0.0, 0.0, 1.0, 1.0), "binary")
    covered = canvas.image.mapRectToView(canvas.image.boundingRect())
    assert covered.width() == pytest.approx(1.0), "a new rectangle is always applied"


CURVE_VIEWS = {spec.name for spec in VIEWS if spec.curve}


def presented(schedule: Schedule, frame: Frame, force: bool) -> list[str]:
    """The names of the views a frame's turns present, in order."""
    by_widget = {id(widget): name for name, widget in schedule.window.views.items()}
    names: list[str] = []
    for turn in schedule.turns(frame, now=1e6, force=force):
        assert isinstance(turn, partial)
        calls = turn.args[0] if turn.func is run_all else [turn]
        names += [by_widget[id(call.args[0])] for call in calls]
    return names


def test_closed_lenses_are_not_presented_and_open_ones_are(app):
    window, controller = app.window, app.controller
    snap = dataclasses.replace(controller.last_snapshot, running=True)
    frame = Frame(snap, controller.runs)
    assert "lens_gradients" not in presented(Schedule(window), frame, force=False)
    window.show_view("lens_gradients")
    window.docks["loss"].hide()
    names = presented(Schedule(window), frame, force=False)
    assert "loss" not in names, "a closed dock does no work"
    assert "lens_gradients" in names or "gradients" in names


def test_a_frame_presents_one_curve_view_while_training(app):
    window, controller = app.window, app.controller
    window.show_view("lens_gradients")
    running = Frame(dataclasses.replace(controller.last_snapshot, running=True), controller.runs)
    schedule = Schedule(window)
    seen: list[str] = []
    for _ in range(3):
        names = presented(schedule, running, force=False)
        curves = [name for name in names if name in CURVE_VIEWS]
        assert len(curves) == 1, names
        seen += curves
        schedule._shown_at = {k: v - 1.0 for k, v in schedule._shown_at.items()}  # time passes
    assert sorted(seen) == sorted(CURVE_VIEWS), "each in turn, the longest waiting first"
    stopped = Frame(dataclasses.replace(controller.last_snapshot, running=False), controller.runs)
    assert set(presented(schedule, stopped, force=True)) >= CURVE_VIEWS, "a stop shows all"


def test_a_compared_runs_tile_skips_a_boundary_that_would_look_the_same(qtbot):
    from playground.app.views.compare.tiles import RunTiles

    tiles = RunTiles()
    qtbot.addWidget(tiles)
    tiles.set_runs(["a", "b"])
    tiles.show()
    grid = np.linspace(0.0, 1.0, 40)
    p = np.tile(grid, (40, 1))
    rect = (-6.0, -6.0, 12.0, 12.0)
    tiles.show_boundary(0, p, rect, "binary")
    tile = tiles.tiles[0]
    shown = tile.image.image
    tiles.show_boundary(0, p + 1e-4, rect, "binary")
    assert tile.image.image is shown
    tiles.show_boundary(0, 1 - p, rect, "binary")
    assert tile.image.image is not shown


def test_the_diagram_shows_training_frames_at_most_diagram_hz_and_a_stop_at_once(
    qtbot, monkeypatch
):
    import dataclasses

    from playground.app import controller as controller_module
    from playground.app.assembly import assemble
    from tests.app.conftest import dispose

    drawn: list[float] = []
    pills: list[bool] = []  # whether each drawing set the bias pills too
    clock = [100.0]

    def show_network(view, snap, biases=True) -> None:
        drawn.append(clock[0])
        pills.append(biases)

    monkeypatch.setattr(controller_module, "show_network", show_network)
    monkeypatch.setattr(controller_module.time, "perf_counter", lambda: clock[0])
    parts = assemble(settings=None)
    try:
        parts.window.show()
        c = parts.controller
        with qtbot.waitSignal(c.snapshot_shown, timeout=10_000) as blocker:
            c.start()
        running = dataclasses.replace(blocker.args[0], running=True)
        step = 1.0 / controller_module.DIAGRAM_HZ
        for t in (0.0, 0.3 * step, 0.9 * step, 1.01 * step, 1.5 * step, 2.2 * step):
            clock[0] = 100.0 + t
            for turn in c._show_snapshot(running):
                turn()
        assert np.allclose(drawn, [100.0, 100.0 + 1.01 * step, 100.0 + 2.2 * step])
        assert 2.2 * step < 1.0 / controller_module.BIASES_HZ
        assert pills == [True, False, False], "the pills at most BIASES_HZ times a second"
        clock[0] += 0.1 * step  # a stop, however soon after, is drawn at once
        c._show_snapshot(dataclasses.replace(running, running=False))
        assert len(drawn) == 4 and pills[-1]
    finally:
        parts.controller.unsaved = False
        parts.window.close()
        assert parts.controller.shutdown()
        dispose(parts)
