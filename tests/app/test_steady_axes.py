"""Plots fit their growing curves in steps: the axes are not re-ticked at every frame."""

from __future__ import annotations

import pyqtgraph as pg
import pytest

from playground.app.present.presenter import show_gradients, show_loss
from playground.app.views.panels.transport import StopConditions
from playground.app.views.plots.steady import HEAD_X, KEEP, steady_span
from tests.app.test_frame_budget import chunk, count_calls, draw, grown_history, make_plots


def test_a_range_is_kept_while_the_data_fill_most_of_it() -> None:
    assert steady_span((0.0, 80.0), (0.0, 100.0), HEAD_X) is None
    assert steady_span((0.0, 50.0), (0.0, 100.0), HEAD_X) == (0.0, 50.0)  # too small: refit


def test_data_grown_out_of_the_range_get_room_ahead() -> None:
    lo, hi = steady_span((0.0, 110.0), (0.0, 100.0), HEAD_X)  # type: ignore[misc]
    assert lo == 0.0 and hi == pytest.approx(110.0 * (1 + HEAD_X))
    # A loss that falls below the range gets room below, but not below zero.
    assert steady_span((0.05, 1.0), (0.1, 1.0), 0.1, floor=0.0) == pytest.approx((0.0, 1.0))
    assert steady_span((-1.0, 1.0), (-0.5, 1.0), 0.1, floor=0.0) == pytest.approx((-1.2, 1.0))


def test_data_that_jumped_elsewhere_are_fitted_as_they_are() -> None:
    assert steady_span((20.0, 223.0), (0.0, 1e223), 0.1) == (20.0, 223.0)
    assert steady_span((500.0, 900.0), (0.0, 100.0), HEAD_X) == (500.0, 900.0)
    assert KEEP < 1.0


def test_a_growing_curve_moves_the_axes_only_now_and_then(qtbot, monkeypatch) -> None:
    loss, gradients = make_plots(qtbot)
    h = grown_history(20)
    show_loss(loss, h)
    show_gradients(gradients, h)
    draw(loss)
    draw(gradients)
    ticks = count_calls(monkeypatch, pg.AxisItem, "generateDrawSpecs")
    ranges = set()
    frames = 60
    for frame in range(frames):  # 3 epochs a frame, as a fast run shows them
        h.extend(chunk(21 + 3 * frame, 3))
        show_loss(loss, h)
        show_gradients(gradients, h)
        draw(loss)
        draw(gradients)
        ranges.add(tuple(loss.plot_item.vb.viewRange()[0]))
    x0, x1 = loss.plot_item.vb.viewRange()[0]
    assert x0 <= 1.0 and x1 >= h.column("epoch")[-1]  # every epoch is still shown
    assert len(ranges) <= frames // 6, "the epoch axis moved at most every sixth frame"
    # Two plots with three axes each would re-tick 6 times a frame if the ranges moved.
    assert ticks[0] <= 6 * frames // 4


def test_a_stopped_run_fits_its_epochs_exactly_again(qtbot, app) -> None:
    c, w = app.controller, app.window
    c.set_stop_conditions(StopConditions(max_epochs=900))
    room: list[float] = []

    def seen(snap) -> None:  # the room beyond the last epoch the plot has drawn
        drawn = w.loss_plot.train_curve.xData
        if snap.running and drawn is not None and len(drawn):
            room.append(w.loss_plot.plot_item.vb.viewRange()[0][1] - drawn[-1])

    c.snapshot_shown.connect(seen)
    with qtbot.waitSignal(
        c.snapshot_shown, timeout=30_000, check_params_cb=lambda s: not s.running and s.epoch == 900
    ):
        c.play()
    for plot in (w.loss_plot, w.gradient_plot):
        x0, x1 = plot.plot_item.vb.viewRange()[0]
        assert x0 <= 1 and 900 <= x1 < 900 * 1.11, "the epochs run, with pyqtgraph's padding"
    assert max(room) > 0.11 * 900 or len(room) < 3, "while training it kept room ahead"
