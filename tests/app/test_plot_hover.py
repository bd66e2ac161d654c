"""Hover read-outs: moving the mouse onto a curve point names its epoch, value and run."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QPointF
from PySide6.QtWidgets import QApplication

from playground.app.views.numbers import compact
from playground.app.views.plots.gradient_plot import GradientPlot
from playground.app.views.plots.loss_plot import LossPlot
from playground.app.views.plots.run_curves import RunCurves, RunGradientCurves

M = 40  # epochs: about ten pixels apart, so the point moved onto is the nearest


def history(m: int = M, shift: float = 0.0) -> tuple[np.ndarray, ...]:
    epoch = np.arange(1, m + 1, dtype=float)
    train_loss = 0.7 * np.exp(-epoch / 8.0) + 0.05 + shift
    test_loss = train_loss + 0.15
    train_acc = 1.0 - 0.5 * np.exp(-epoch / 6.0)
    return epoch, train_loss, test_loss, train_acc, train_acc - 0.2


def move_onto(qtbot, graphics, item, x: float, y: float) -> None:
    """Move the real mouse onto the data point (x, y) of ``item`` as it is drawn."""
    log_x, log_y = item.opts.get("logMode", (False, False))
    at = QPointF(np.log10(x) if log_x else x, np.log10(y) if log_y else y)
    scene = item.getViewBox().mapViewToScene(at)
    qtbot.mouseMove(graphics.viewport(), graphics.mapFromScene(scene))


def settle(qtbot, widget) -> None:
    widget.show()
    qtbot.waitExposed(widget)
    QApplication.processEvents()


@pytest.fixture
def loss_plot(qtbot):
    widget = LossPlot()
    qtbot.addWidget(widget)
    widget.resize(520, 320)
    return widget


@pytest.fixture
def gradient_plot(qtbot):
    widget = GradientPlot()
    qtbot.addWidget(widget)
    widget.resize(520, 320)
    return widget


@pytest.mark.parametrize("log", [False, True])
def test_the_test_loss_point_under_the_mouse_is_read_out(qtbot, loss_plot, log):
    epoch, train, test, acc, test_acc = history()
    loss_plot.show_history(epoch, train, test, acc, test_acc)
    loss_plot.set_log_y(log)
    settle(qtbot, loss_plot)
    row = 11
    move_onto(qtbot, loss_plot.graphics, loss_plot.test_curve, epoch[row], test[row])
    qtbot.waitUntil(lambda: loss_plot.hover.text != "")
    assert loss_plot.hover.text == f"epoch {row + 1:,} · test loss {compact(test[row])}"
    assert loss_plot.hover.marker.isVisible()


def test_the_metric_reads_in_percent_from_its_own_axis(qtbot, loss_plot):
    epoch, train, test, acc, test_acc = history()
    loss_plot.show_history(epoch, train, test, acc, test_acc)
    settle(qtbot, loss_plot)
    row = 29
    curve = loss_plot.train_metric_curve
    move_onto(qtbot, loss_plot.graphics, curve, epoch[row], curve.yData[row])
    qtbot.waitUntil(lambda: loss_plot.hover.text != "")
    assert loss_plot.hover.text == f"epoch 30 · train acc. {compact(100 * acc[row])}%"


def test_compared_runs_are_named(qtbot, loss_plot):
    runs = [
        RunCurves("activation=tanh", "#1a73e8", *history()),
        RunCurves("activation=relu", "#e8710a", *history(shift=0.4)),
    ]
    loss_plot.show_runs(runs)
    settle(qtbot, loss_plot)
    row = 20
    test_curve_of_relu = loss_plot.run_curves.runs[1][1]
    y = runs[1].test_loss[row]
    move_onto(qtbot, loss_plot.graphics, test_curve_of_relu, row + 1, y)
    qtbot.waitUntil(lambda: loss_plot.hover.text != "")
    assert loss_plot.hover.text == f"epoch 21 · test loss {compact(y)} · run activation=relu"


def test_the_read_out_goes_when_nothing_is_near_or_the_mouse_leaves(qtbot, loss_plot):
    epoch, train, test, _acc, _test_acc = history()
    no_metric = np.full(M, np.nan)
    loss_plot.show_history(epoch, train, test, no_metric, no_metric)
    settle(qtbot, loss_plot)
    move_onto(qtbot, loss_plot.graphics, loss_plot.train_curve, epoch[5], train[5])
    qtbot.waitUntil(lambda: loss_plot.hover.text.startswith("epoch 6 · train loss"))
    # late epochs, far above both losses (0.06 and 0.21 there): nothing to read out
    (_x0, _x1), (_y0, top) = loss_plot.plot_item.vb.viewRange()
    assert test[34] < 0.4 * top
    empty = loss_plot.plot_item.vb.mapViewToScene(QPointF(35.0, 0.8 * top))
    qtbot.mouseMove(loss_plot.graphics.viewport(), loss_plot.graphics.mapFromScene(empty))
    qtbot.waitUntil(lambda: loss_plot.hover.text == "")
    assert not loss_plot.hover.marker.isVisible()
    move_onto(qtbot, loss_plot.graphics, loss_plot.train_curve, epoch[6], train[6])
    qtbot.waitUntil(lambda: loss_plot.hover.text.startswith("epoch 7 · train loss"))
    QApplication.sendEvent(loss_plot.graphics.viewport(), QEvent(QEvent.Type.Leave))
    assert loss_plot.hover.text == ""
    assert not loss_plot.hover.marker.isVisible()


def test_gradient_norms_on_the_log_axis_are_read_out_as_norms(qtbot, gradient_plot):
    epochs = np.arange(1, M + 1, dtype=float)
    norms = np.logspace(-5, -1, 3)[None, :] * (1.0 + np.exp(-epochs / 10.0))[:, None]
    gradient_plot.show_gradients(epochs, norms, norms[-1])
    settle(qtbot, gradient_plot)
    row = 17
    curve = gradient_plot.curves[1]
    move_onto(qtbot, gradient_plot.graphics, curve, epochs[row], norms[row, 1])
    qtbot.waitUntil(lambda: gradient_plot.hover.text != "")
    assert gradient_plot.hover.text == f"epoch 18 · layer 2 ‖∇W‖₂ {compact(norms[row, 1])}"


def test_compared_gradient_curves_are_named_by_run(qtbot, gradient_plot):
    epochs = np.arange(1, M + 1, dtype=float)
    low = np.tile([1e-4, 1e-2], (M, 1))
    high = np.tile([1e-3, 1e-1], (M, 1))
    gradient_plot.show_runs(
        [
            RunGradientCurves("lr=0.01", "#1a73e8", epochs, low),
            RunGradientCurves("lr=0.1", "#e8710a", epochs, high),
        ]
    )
    settle(qtbot, gradient_plot)
    curve = gradient_plot.run_curves.runs[1][0]
    move_onto(qtbot, gradient_plot.graphics, curve, 9.0, 1e-3)
    qtbot.waitUntil(lambda: gradient_plot.hover.text != "")
    assert gradient_plot.hover.text == "epoch 9 · layer 1 ‖∇W‖₂ 0.001 · run lr=0.1"


def test_the_gradient_lens_reads_out_a_layers_update_ratio(qtbot):
    from playground.app.views.lenses.gradient_lens import GradientLens

    lens = GradientLens()
    qtbot.addWidget(lens)
    lens.resize(520, 520)
    epochs = np.arange(1, M + 1, dtype=float)
    norms = np.logspace(-5, -1, 3)[None, :] * (1.0 + np.exp(-epochs / 10.0))[:, None]
    ratios = norms * 1e-2
    lens.show_curves(epochs, norms, ratios)
    settle(qtbot, lens)
    row = 11
    move_onto(qtbot, lens.graphics, lens.ratio_curves[2], epochs[row], ratios[row, 2])
    qtbot.waitUntil(lambda: lens.ratio_hover.text != "")
    assert lens.ratio_hover.text == (
        f"epoch 12 · layer 3 (output) ‖ΔW‖/‖W‖ {compact(ratios[row, 2])}"
    )
    move_onto(qtbot, lens.graphics, lens.norm_curves[0], epochs[row], norms[row, 0])
    qtbot.waitUntil(lambda: lens.norm_hover.text != "")
    assert lens.norm_hover.text == f"epoch 12 · layer 1 ‖∇W‖₂ {compact(norms[row, 0])}"
