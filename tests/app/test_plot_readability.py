"""What the plots draw when a run diverges, before it trains and after a new run starts."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtGui import QImage, QPainter

from playground.app.present.presenter import show_gradients
from playground.app.views.plots.gradient_plot import GradientPlot
from playground.app.views.plots.loss_plot import LINEAR_LOSS_LIMIT, LossPlot
from playground.core.history import History

#: The history of the plane preset at learning rate 10: every epoch about 1e29 times the last.
PLANE_LR10_LOSS = np.array([5.2e20, 6.5e49, 6.8e78, 5.8e107, 3.9e136, 3.0e165, 2.2e194, 2.5e223])


@pytest.fixture
def loss_plot(qtbot):
    widget = LossPlot()
    qtbot.addWidget(widget)
    widget.resize(450, 250)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.fixture
def gradient_plot(qtbot):
    widget = GradientPlot()
    qtbot.addWidget(widget)
    widget.resize(450, 250)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def drawn_labels(axis) -> list[str]:
    """Return the tick labels the axis would paint now."""
    image = QImage(10, 10, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    try:
        specs = axis.generateDrawSpecs(painter)
    finally:
        painter.end()
    return [] if specs is None else [text for _rect, _flags, text in specs[2]]


def legend_texts(legend) -> list[str]:
    return [label.text for _sample, label in legend.items]


def diverged_history(n: int = len(PLANE_LR10_LOSS)) -> tuple[np.ndarray, ...]:
    epoch = np.arange(1.0, n + 1)
    loss = PLANE_LR10_LOSS[:n]
    r2 = -loss / 0.3
    return epoch, loss, loss * 1.1, r2, r2


def test_accuracy_ticks_are_round_numbers(loss_plot):
    epoch = np.arange(1.0, 201)
    acc = np.minimum(1.0, 0.5 + epoch / 150)  # reaches exactly 100 %
    loss_plot.show_history(epoch, 0.7 / epoch, 0.8 / epoch, acc, acc)
    axis = loss_plot.plot_item.getAxis("right")
    labels = drawn_labels(axis)
    assert labels and all(len(text) <= 3 for text in labels), labels
    # The tick generator adds its steps up in floating point: 20 * 5 came out 100.00000000002.
    assert axis.tickStrings([80.0, 100.00000000002], 1.0, 20.0) == ["80", "100"]
    assert axis.tickStrings([0.0, 0.30000000000000004], 1.0, 0.1) == ["0", "0.3"]


def test_a_perfect_accuracy_keeps_a_readable_axis(loss_plot):
    epoch = np.arange(1.0, 51)
    perfect = np.ones(50)
    loss_plot.show_history(epoch, 0.1 / epoch, 0.1 / epoch, perfect, perfect)
    low, high = loss_plot.metric_view.viewRange()[1]
    assert low <= 90 and 100 <= high < 104
    labels = drawn_labels(loss_plot.plot_item.getAxis("right"))
    assert labels and all(len(text) <= 3 for text in labels), labels
    loss_plot.set_metric_name("R²")
    loss_plot.show_history(epoch, 0.1 / epoch, 0.1 / epoch, perfect, perfect)
    low, high = loss_plot.metric_view.viewRange()[1]
    assert low <= 0.8 and 1 <= high < 1.1


def test_axes_never_use_an_si_prefix(loss_plot, gradient_plot):
    norms = np.full((30, 3), 1.0005)  # log10 values around 0.0002: pyqtgraph would say "(x0.001)"
    gradient_plot.show_gradients(np.arange(30), norms, norms[-1])
    axes = [gradient_plot.bar_plot.getAxis("right"), gradient_plot.plot_item.getAxis("left")]
    axes += [loss_plot.plot_item.getAxis(name) for name in ("left", "right", "bottom")]
    for axis in axes:
        assert axis.autoSIPrefixScale == 1.0
        assert "(x" not in axis.labelString()


def test_bar_axis_has_no_labels_before_training_then_one_per_layer(gradient_plot):
    axis = gradient_plot.bar_plot.getAxis("bottom")
    assert drawn_labels(axis) == []
    gradient_plot.show_layers(3)
    assert drawn_labels(axis) == ["1", "2", "3"]


def test_a_new_run_renames_the_legend_before_its_first_epoch(gradient_plot):
    norms = np.full((5, 4), 0.1)
    gradient_plot.show_gradients(np.arange(1, 6), norms, norms[-1])
    assert legend_texts(gradient_plot.legend)[-1] == "layer 4 (output)"
    gradient_plot.clear()
    show_gradients(gradient_plot, History(3))  # the first snapshot of a 3-layer network
    assert legend_texts(gradient_plot.legend) == ["layer 1", "layer 2", "layer 3 (output)"]
    assert drawn_labels(gradient_plot.bar_plot.getAxis("bottom")) == ["1", "2", "3"]


def test_losses_beyond_the_linear_axis_are_left_out_and_said_so(loss_plot):
    loss_plot.set_metric_name("R²")
    loss_plot.show_history(*diverged_history())
    assert loss_plot.train_curve.xData is None, "nothing on a linear axis can show 1e+20"
    (x0, x1), (y0, y1) = loss_plot.plot_item.vb.viewRange()
    assert 0.5 < x0 <= 1 and 8 <= x1 < 8.5, "the epochs still set the x axis"
    assert -1 < y0 < y1 < 2
    assert "not drawn" in loss_plot.title_label.text()
    assert loss_plot.train_metric_curve.xData is None
    assert all(len(text) <= 6 for text in drawn_labels(loss_plot.plot_item.getAxis("left")))


def test_the_log_axis_shows_the_whole_blow_up(loss_plot):
    loss_plot.show_history(*diverged_history())
    loss_plot.set_log_y(True)
    np.testing.assert_allclose(loss_plot.train_curve.getData()[1], np.log10(PLANE_LR10_LOSS))
    low, high = loss_plot.plot_item.vb.viewRange()[1]
    assert 0 < low < 21 and 223 < high < 250, "decades 20 to 223, with pyqtgraph's padding"
    assert "not drawn" not in loss_plot.title_label.text()
    assert all(len(text) <= 6 for text in drawn_labels(loss_plot.plot_item.getAxis("left")))


def test_the_finite_part_of_a_run_keeps_the_axis(loss_plot):
    epoch = np.arange(1.0, 7)
    loss = np.array([0.7, 0.5, 0.4, 3.0, 2e9, np.inf])
    acc = np.array([0.5, 0.6, 0.7, 0.6, 0.5, np.nan])
    loss_plot.show_history(epoch, loss, loss, acc, acc)
    np.testing.assert_array_equal(np.isfinite(loss_plot.train_curve.yData), [1, 1, 1, 1, 0, 0])
    low, high = loss_plot.plot_item.vb.viewRange()[1]
    assert 0 < low < 0.4 and 3 < high < 4
    assert LINEAR_LOSS_LIMIT == 1e6


def test_divergence_marker_sits_at_the_epoch_and_goes_with_clear(loss_plot, gradient_plot):
    for plot in (loss_plot, gradient_plot):
        marker = plot.divergence
        assert not marker.isVisible()
        plot.mark_divergence(8)
        assert marker.isVisible() and marker.value() == 8
        assert marker.label.toPlainText() == "diverged at epoch 8"
        plot.clear()
        assert not marker.isVisible()
    loss_plot.show_history(*diverged_history())
    loss_plot.mark_divergence(8)
    x0, x1 = loss_plot.plot_item.vb.viewRange()[0]
    assert x0 < 8 <= x1


def test_x_ranges_follow_a_new_run(loss_plot, gradient_plot):
    long = np.arange(1.0, 2001)
    loss_plot.show_history(long, 1 / long, 1 / long, long / 2000, long / 2000)
    norms = np.full((2000, 3), 0.1)
    gradient_plot.show_gradients(long, norms, norms[-1])
    for plot in (loss_plot, gradient_plot):
        assert plot.plot_item.vb.viewRange()[0][1] > 1900
        plot.clear()
        assert plot.plot_item.vb.viewRange()[0][1] < 11, "cleared: the first epochs"
    short = np.arange(1.0, 6)
    loss_plot.show_history(short, 1 / short, 1 / short, short / 5, short / 5)
    gradient_plot.show_gradients(short, np.full((5, 3), np.nan), np.full(3, np.nan))
    for plot in (loss_plot, gradient_plot):
        x0, x1 = plot.plot_item.vb.viewRange()[0]
        assert 0.5 < x0 <= 1 and 5 <= x1 < 6


def test_a_zoomed_view_is_left_alone_until_a_new_run(loss_plot):
    loss_plot.show_history(*diverged_history(3))
    loss_plot.plot_item.vb.setXRange(100, 200, padding=0)  # as a wheel zoom would
    loss_plot.show_history(*diverged_history(5))
    assert loss_plot.plot_item.vb.viewRange()[0] == [100, 200]
    loss_plot.clear()
    assert loss_plot.plot_item.vb.viewRange()[0][1] < 11
