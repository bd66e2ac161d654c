"""LossPlot and GradientPlot driven with realistic histories."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette

from playground.app.views.plots.axes import LogAxis
from playground.app.views.plots.gradient_plot import (
    NORM_FLOOR,
    GradientPlot,
    layer_colors,
    layer_names,
    legend_layers,
)
from playground.app.views.plots.loss_plot import LossPlot
from playground.app.views.plots.run_curves import RunCurves, RunGradientCurves


def n_points(curve) -> int:
    """Return how many points a curve holds (pyqtgraph stores None when empty)."""
    return 0 if curve.xData is None else len(curve.xData)


def history(m: int) -> tuple[np.ndarray, ...]:
    """Return a plausible classification history of m epochs."""
    epoch = np.arange(1, m + 1, dtype=float)
    train_loss = 0.7 * np.exp(-epoch / max(m / 6, 1)) + 0.02
    test_loss = train_loss * 1.1
    train_acc = 1.0 - 0.5 * np.exp(-epoch / max(m / 8, 1))
    return epoch, train_loss, test_loss, train_acc, train_acc - 0.02


def vanishing_norms(m: int, n_layers: int = 6) -> np.ndarray:
    """Return (m, L) gradient norms of a deep sigmoid net, 1e-6 at layer 1 to 1e-1 at the output."""
    base = np.logspace(-6, -1, n_layers)
    return base[None, :] * (1.0 + 0.5 * np.exp(-np.arange(m) / 50.0))[:, None]


@pytest.fixture
def loss_plot(qtbot):
    widget = LossPlot()
    qtbot.addWidget(widget)
    widget.resize(450, 250)
    return widget


@pytest.fixture
def gradient_plot(qtbot):
    widget = GradientPlot()
    qtbot.addWidget(widget)
    widget.resize(450, 250)
    return widget


def test_show_history_sets_all_four_curves(loss_plot):
    epoch, train_loss, test_loss, train_acc, test_acc = history(200)
    loss_plot.show_history(epoch, train_loss, test_loss, train_acc, test_acc)
    x, y = loss_plot.train_curve.getData()
    np.testing.assert_array_equal(x, epoch)
    np.testing.assert_allclose(y, train_loss)
    np.testing.assert_allclose(loss_plot.test_curve.yData, test_loss)
    np.testing.assert_allclose(loss_plot.train_metric_curve.yData, 100 * train_acc)
    np.testing.assert_allclose(loss_plot.test_metric_curve.yData, 100 * test_acc)


def test_test_curves_are_dashed_and_train_curves_solid(loss_plot):
    assert loss_plot.train_curve.opts["pen"].style() == Qt.PenStyle.SolidLine
    assert loss_plot.test_curve.opts["pen"].style() == Qt.PenStyle.DashLine
    assert loss_plot.test_metric_curve.opts["pen"].style() == Qt.PenStyle.DashLine


def test_metric_curves_live_in_the_right_axis_view(loss_plot):
    assert loss_plot.train_metric_curve.getViewBox() is loss_plot.metric_view
    assert loss_plot.train_curve.getViewBox() is loss_plot.plot_item.vb
    assert loss_plot.plot_item.getAxis("right").linkedView() is loss_plot.metric_view


def test_history_replaces_rather_than_appends(loss_plot):
    loss_plot.show_history(*history(50))
    loss_plot.show_history(*history(80))
    assert len(loss_plot.train_curve.xData) == 80


def test_accuracy_axis_fits_the_data_within_0_to_100(loss_plot):
    epoch, train_loss, test_loss, _, _ = history(100)
    acc = np.linspace(0.6, 0.9, 100)
    loss_plot.show_history(epoch, train_loss, test_loss, acc, acc)
    low, high = loss_plot.metric_view.viewRange()[1]
    assert 50 < low <= 60 and 100 <= high < 103


def test_r2_metric_is_not_scaled_and_relabels(loss_plot):
    loss_plot.set_metric_name("R²")
    epoch, train_loss, test_loss, _, _ = history(100)
    r2 = np.linspace(-5.0, 0.95, 100)
    loss_plot.show_history(epoch, train_loss, test_loss, r2, r2)
    np.testing.assert_allclose(loss_plot.train_metric_curve.yData, r2)
    assert "R²" in loss_plot.plot_item.getAxis("right").labelText
    low, high = loss_plot.metric_view.viewRange()[1]
    assert -1.2 < low < -0.9 and 1.0 <= high < 1.1
    labels = [label.text for _sample, label in loss_plot.legend.items]
    assert labels == ["train loss", "test loss", "train R²", "test R²"]


def test_nan_test_values_without_a_test_set_are_accepted(qtbot, loss_plot):
    epoch, train_loss, _, train_acc, _ = history(300)
    nan = np.full(300, np.nan)
    loss_plot.show()
    qtbot.waitExposed(loss_plot)
    loss_plot.show_history(epoch, train_loss, nan, train_acc, nan)
    loss_plot.set_log_y(True)
    loss_plot.grab()
    assert n_points(loss_plot.test_curve) == 0
    assert len(loss_plot.train_curve.xData) == 300


def test_partly_nan_and_zero_losses_in_log_mode(qtbot, loss_plot):
    epoch, train_loss, test_loss, train_acc, test_acc = history(100)
    test_loss[:10] = np.nan
    train_loss[-5:] = 0.0
    loss_plot.set_log_y(True)
    loss_plot.show()
    qtbot.waitExposed(loss_plot)
    loss_plot.show_history(epoch, train_loss, test_loss, train_acc, test_acc)
    loss_plot.grab()
    assert np.isnan(loss_plot.test_curve.yData[:10]).all()
    assert np.isfinite(loss_plot.train_curve.getData()[1][:95]).all()


def test_log_checkbox_switches_only_the_loss_axis(qtbot, loss_plot):
    epoch, train_loss, test_loss, train_acc, test_acc = history(100)
    loss_plot.show_history(epoch, train_loss, test_loss, train_acc, test_acc)
    loss_plot.show()
    qtbot.waitExposed(loss_plot)
    qtbot.mouseClick(loss_plot.log_check, Qt.MouseButton.LeftButton)
    loss_plot.grab()
    assert loss_plot.log_y
    assert loss_plot.train_curve.opts["logMode"][1]
    np.testing.assert_allclose(loss_plot.train_curve.getData()[1], np.log10(train_loss))
    assert loss_plot.plot_item.getAxis("left").logMode
    assert not loss_plot.plot_item.getAxis("right").logMode
    np.testing.assert_allclose(loss_plot.train_metric_curve.getData()[1], 100 * train_acc)
    loss_plot.set_log_y(False)
    assert not loss_plot.log_check.isChecked()
    np.testing.assert_allclose(loss_plot.train_curve.getData()[1], train_loss)


def test_100k_epochs_are_downsampled_for_display(qtbot, loss_plot):
    epoch, train_loss, test_loss, train_acc, test_acc = history(100_000)
    loss_plot.show()
    qtbot.waitExposed(loss_plot)
    loss_plot.show_history(epoch, train_loss, test_loss, train_acc, test_acc)
    loss_plot.grab()
    assert len(loss_plot.train_curve.xData) == 100_000
    for curve in (loss_plot.train_curve, loss_plot.train_metric_curve):
        assert curve.opts["autoDownsample"] and curve.opts["clipToView"]
        assert len(curve.curve.xData) < 10_000


def test_length_mismatch_is_rejected(loss_plot):
    epoch, train_loss, test_loss, train_acc, test_acc = history(10)
    with pytest.raises(ValueError, match="lengths differ"):
        loss_plot.show_history(epoch, train_loss[:9], test_loss, train_acc, test_acc)


def test_clear_empties_every_curve(loss_plot):
    loss_plot.show_history(*history(20))
    loss_plot.clear()
    for curve in (loss_plot.train_curve, loss_plot.test_metric_curve):
        assert n_points(curve) == 0


def test_log_axis_labels_only_1_2_5_per_decade():
    axis = LogAxis("left")
    values = list(np.log10([0.01, 0.02, 0.03, 0.05, 0.1, 0.7, 2.0]))
    assert axis.logTickStrings(values, 1.0, 1.0) == ["0.01", "0.02", "", "0.05", "0.1", "", "2"]
    powers = LogAxis("left", powers=True)
    assert powers.logTickStrings([-6.0, np.log10(2e-3)], 1.0, 1.0) == ["10⁻⁶", "2·10⁻³"]


def test_gradients_make_one_curve_per_layer_with_legend(gradient_plot):
    epoch = np.arange(1, 201, dtype=float)
    norms = vanishing_norms(200)
    gradient_plot.show_gradients(epoch, norms, norms[-1])
    assert len(gradient_plot.curves) == 6
    for layer, curve in enumerate(gradient_plot.curves):
        np.testing.assert_allclose(curve.yData, norms[:, layer])
        assert curve.opts["logMode"][1]
    labels = [label.text for _sample, label in gradient_plot.legend.items]
    assert labels == layer_names(6)
    assert labels[0] == "layer 1" and labels[-1] == "layer 6 (output)"


def test_layer_colours_run_along_a_sequential_colormap(gradient_plot):
    norms = vanishing_norms(10)
    gradient_plot.show_gradients(np.arange(10), norms, norms[-1])
    colors = [curve.opts["pen"].color() for curve in gradient_plot.curves]
    luminance = [0.2126 * c.redF() + 0.7152 * c.greenF() + 0.0722 * c.blueF() for c in colors]
    assert luminance == sorted(luminance)
    assert len({color.name() for color in colors}) == 6


def test_vanishing_gradients_span_five_decades_on_the_log_axis(qtbot, gradient_plot):
    norms = vanishing_norms(500)
    gradient_plot.show()
    qtbot.waitExposed(gradient_plot)
    gradient_plot.show_gradients(np.arange(1, 501), norms, norms[-1])
    gradient_plot.grab()
    low, high = gradient_plot.plot_item.vb.viewRange()[1]
    assert low <= -6 and high >= -1
    assert gradient_plot.bar_plot.vb.viewRange()[1] == pytest.approx([low, high])


def test_bars_show_log10_of_the_current_norms(gradient_plot):
    norms = vanishing_norms(30)
    gradient_plot.show_gradients(np.arange(30), norms, norms[-1])
    np.testing.assert_allclose(gradient_plot.bars.opts["y1"], np.log10(norms[-1]))
    np.testing.assert_array_equal(gradient_plot.bars.opts["x"], np.arange(1, 7))
    brushes = [QColor(b.color()).name() for b in gradient_plot.bars.opts["brushes"]]
    assert brushes == [curve.opts["pen"].color().name() for curve in gradient_plot.curves]


def test_zero_and_non_finite_norms_are_clipped(qtbot, gradient_plot):
    norms = vanishing_norms(50)
    norms[:, 0] = 0.0
    norms[10, 1] = np.nan
    norms[11, 1] = np.inf
    current = norms[-1].copy()
    current[2] = np.nan
    gradient_plot.show()
    qtbot.waitExposed(gradient_plot)
    gradient_plot.show_gradients(np.arange(50), norms, current)
    gradient_plot.grab()
    np.testing.assert_allclose(gradient_plot.curves[0].yData, NORM_FLOOR)
    assert np.isnan(gradient_plot.curves[1].yData[[10, 11]]).all()
    y1 = gradient_plot.bars.opts["y1"]
    assert y1[0] == pytest.approx(np.log10(NORM_FLOOR))
    assert y1[2] == pytest.approx(np.log10(NORM_FLOOR))
    assert np.isfinite(y1).all()


def test_curves_are_reused_until_the_layer_count_changes(gradient_plot):
    norms = vanishing_norms(20)
    gradient_plot.show_gradients(np.arange(20), norms, norms[-1])
    first = list(gradient_plot.curves)
    gradient_plot.show_gradients(np.arange(20), norms * 2, norms[-1] * 2)
    assert gradient_plot.curves == first
    three = vanishing_norms(20, n_layers=3)
    gradient_plot.show_gradients(np.arange(20), three, three[-1])
    assert len(gradient_plot.curves) == 3
    assert not set(map(id, gradient_plot.curves)) & set(map(id, first))
    assert all(curve.getViewBox() is None for curve in first)
    assert len(gradient_plot.legend.items) == 3
    assert len(gradient_plot.bars.opts["x"]) == 3


def test_100k_gradient_history_is_downsampled(qtbot, gradient_plot):
    m = 100_000
    norms = vanishing_norms(m)
    gradient_plot.show()
    qtbot.waitExposed(gradient_plot)
    gradient_plot.show_gradients(np.arange(m, dtype=float), norms, norms[-1])
    gradient_plot.grab()
    assert len(gradient_plot.curves[0].curve.xData) < 10_000


def test_gradient_clear_removes_data_and_bars(gradient_plot):
    norms = vanishing_norms(20)
    gradient_plot.show_gradients(np.arange(20), norms, norms[-1])
    gradient_plot.clear()
    assert all(n_points(curve) == 0 for curve in gradient_plot.curves)
    assert len(gradient_plot.bars.opts["x"]) == 0


def test_gradient_shape_mismatch_is_rejected(gradient_plot):
    norms = vanishing_norms(20)
    with pytest.raises(ValueError, match="layers"):
        gradient_plot.show_gradients(np.arange(20), norms, norms[-1, :4])


def test_deep_nets_get_a_shortened_legend(gradient_plot):
    norms = vanishing_norms(20, n_layers=13)
    gradient_plot.show_gradients(np.arange(20), norms, norms[-1])
    assert len(gradient_plot.curves) == 13
    labels = [label.text for _sample, label in gradient_plot.legend.items]
    assert labels == ["layer 1", "layer 4", "layer 7", "layer 10", "layer 13 (output)"]
    assert legend_layers(8) == list(range(8))


def test_dark_palette_recolours_layers(qtbot, gradient_plot):
    norms = vanishing_norms(20)
    gradient_plot.show_gradients(np.arange(20), norms, norms[-1])
    palette = gradient_plot.palette()
    for role in (QPalette.ColorRole.Base, QPalette.ColorRole.Window):
        palette.setColor(role, QColor("#202124"))
    palette.setColor(QPalette.ColorRole.Text, QColor("#e8eaed"))
    gradient_plot.setPalette(palette)
    dark = layer_colors(6, dark=True)
    assert dark != layer_colors(6)
    assert [curve.opts["pen"].color().name() for curve in gradient_plot.curves] == dark
    assert QColor(gradient_plot.bars.opts["brushes"][0].color()).name() == dark[0]


def test_empty_gradient_history_shows_only_bars(gradient_plot):
    current = np.array([1e-5, 1e-3, 1e-1])
    gradient_plot.show_gradients(np.empty(0), np.empty((0, 3)), current)
    assert len(gradient_plot.curves) == 3
    np.testing.assert_allclose(gradient_plot.bars.opts["y1"], [-5, -3, -1])


def test_empty_loss_history_is_accepted(loss_plot):
    empty = np.empty(0)
    loss_plot.show_history(empty, empty, empty, empty, empty)
    assert n_points(loss_plot.train_curve) == 0


# -- compare mode and the scrubber's cursor ---------------------------------------------------

RUN_COLORS_FOR_TESTS = ("#332288", "#999933", "#882255")


def run_histories(n_runs: int = 3, m: int = 120) -> list[RunCurves]:
    """Runs whose losses fall at different speeds, each in its own colour."""
    runs = []
    for r in range(n_runs):
        epoch, train_loss, test_loss, train_acc, test_acc = history(m)
        scale = 1.0 + r
        runs.append(
            RunCurves(
                f"run {r}",
                RUN_COLORS_FOR_TESTS[r],
                epoch,
                train_loss * scale,
                test_loss * scale,
                train_acc / scale,
                test_acc / scale,
            )
        )
    return runs


def run_gradients(n_runs: int = 2, m: int = 50, n_layers: int = 4) -> list[RunGradientCurves]:
    return [
        RunGradientCurves(
            f"run {r}",
            RUN_COLORS_FOR_TESTS[r],
            np.arange(1, m + 1, dtype=float),
            vanishing_norms(m, n_layers) * 10.0**r,
        )
        for r in range(n_runs)
    ]


def legend_labels(legend) -> list[str]:
    return [label.text for _sample, label in legend.items]


def test_runs_are_drawn_in_their_colours_with_one_legend_entry_each(loss_plot):
    runs = run_histories()
    loss_plot.show_runs(runs)
    assert loss_plot.comparing
    assert legend_labels(loss_plot.legend) == ["run 0", "run 1", "run 2"]
    for curves, run in zip(loss_plot.run_curves.runs, runs, strict=True):
        train, test, train_metric, test_metric = curves
        np.testing.assert_allclose(train.yData, run.train_loss)
        np.testing.assert_allclose(test.yData, run.test_loss)
        np.testing.assert_allclose(train_metric.yData, 100 * np.asarray(run.train_metric))
        np.testing.assert_allclose(test_metric.yData, 100 * np.asarray(run.test_metric))
        assert train_metric.getViewBox() is loss_plot.metric_view
        for curve in curves:
            assert curve.opts["pen"].color().rgb() == QColor(run.color).rgb()
            assert curve.isVisible()
        assert train.opts["pen"].style() == Qt.PenStyle.SolidLine
        assert test.opts["pen"].style() == Qt.PenStyle.DashLine
        assert train_metric.opts["pen"].widthF() < train.opts["pen"].widthF()
    for curve in (loss_plot.train_curve, loss_plot.test_metric_curve):
        assert not curve.isVisible() and n_points(curve) == 0


def test_run_curves_are_reused_until_the_run_count_changes(loss_plot):
    loss_plot.show_runs(run_histories(3))
    first = [curve for curves in loss_plot.run_curves.runs for curve in curves]
    loss_plot.show_runs(run_histories(3, m=200))
    again = [curve for curves in loss_plot.run_curves.runs for curve in curves]
    assert again == first
    assert len(first[0].xData) == 200
    loss_plot.show_runs(run_histories(2))
    assert len(loss_plot.run_curves.runs) == 2
    assert all(curve.getViewBox() is None for curve in first)
    assert legend_labels(loss_plot.legend) == ["run 0", "run 1"]


def test_one_run_again_hides_the_run_curves(loss_plot):
    loss_plot.show_runs(run_histories())
    loss_plot.show_history(*history(80))
    assert not loss_plot.comparing
    assert legend_labels(loss_plot.legend) == ["train loss", "test loss", "train acc.", "test acc."]
    for curves in loss_plot.run_curves.runs:
        for curve in curves:
            assert not curve.isVisible() and n_points(curve) == 0
    assert loss_plot.train_curve.isVisible() and len(loss_plot.train_curve.xData) == 80
    assert loss_plot.title_label.text() == "Loss and accuracy per epoch"


def test_the_metric_axis_fits_every_run(loss_plot):
    low_run, high_run = run_histories(2)
    m = len(np.asarray(low_run.epochs))
    low_run = RunCurves(**{**low_run.__dict__, "train_metric": np.full(m, 0.6)})
    high_run = RunCurves(**{**high_run.__dict__, "test_metric": np.full(m, 0.99)})
    loss_plot.show_runs([low_run, high_run])
    low, high = loss_plot.metric_view.viewRange()[1]
    assert low < 60 and high >= 99


def test_log_scale_and_off_scale_losses_in_compare_mode(qtbot, loss_plot):
    runs = run_histories(2)
    diverged = np.asarray(runs[1].train_loss).copy()
    diverged[-10:] = 1e30
    runs[1] = RunCurves(**{**runs[1].__dict__, "train_loss": diverged})
    loss_plot.show_runs(runs)
    assert "not drawn" in loss_plot.title_label.text()
    assert np.isnan(loss_plot.run_curves.runs[1][0].yData[-10:]).all()
    loss_plot.set_log_y(True)
    curve = loss_plot.run_curves.runs[1][0]
    assert curve.opts["logMode"][1]
    np.testing.assert_allclose(curve.getData()[1][-10:], 30.0)
    assert "not drawn" not in loss_plot.title_label.text()


def test_run_lengths_are_checked(loss_plot):
    run = run_histories(1)[0]
    short = RunCurves(**{**run.__dict__, "test_loss": np.asarray(run.test_loss)[:-1]})
    with pytest.raises(ValueError, match="lengths differ"):
        loss_plot.show_runs([short])
    assert not loss_plot.comparing


@pytest.mark.parametrize("plot_name", ["loss_plot", "gradient_plot"])
def test_the_cursor_marks_the_scrubbed_epoch(request, plot_name):
    plot = request.getfixturevalue(plot_name)
    assert not plot.epoch_cursor.isVisible()
    plot.set_cursor(120)
    assert plot.epoch_cursor.isVisible() and plot.epoch_cursor.value() == 120
    assert plot.epoch_cursor.getViewBox() is plot.plot_item.vb
    plot.set_cursor(64.0)
    assert plot.epoch_cursor.value() == 64
    plot.set_cursor(None)
    assert not plot.epoch_cursor.isVisible()


def test_gradient_runs_draw_a_line_per_layer_and_run(gradient_plot):
    runs = run_gradients(2, n_layers=4)
    gradient_plot.show_runs(runs)
    assert gradient_plot.comparing
    for curves, run in zip(gradient_plot.run_curves.runs, runs, strict=True):
        assert len(curves) == 4
        styles = set()
        for layer, curve in enumerate(curves):
            np.testing.assert_allclose(curve.yData, np.asarray(run.grad_norms)[:, layer])
            assert curve.opts["logMode"][1]
            assert curve.opts["pen"].color().name() == run.color
            styles.add((curve.opts["pen"].style(), curve.opts["pen"].widthF()))
        assert len(styles) == 4  # the layers are told apart
    labels = legend_labels(gradient_plot.legend)
    assert labels[:2] == ["run 0", "run 1"]
    assert [label for label in labels[2:] if label] == layer_names(4)
    assert all(not curve.isVisible() for curve in gradient_plot.curves)


def test_gradient_run_bars_stand_side_by_side_per_layer(gradient_plot):
    runs = run_gradients(2, n_layers=3)
    gradient_plot.show_runs(runs)
    x = gradient_plot.bars.opts["x"]
    expected_top = np.concatenate([np.log10(np.asarray(run.grad_norms)[-1]) for run in runs])
    np.testing.assert_allclose(gradient_plot.bars.opts["y1"], expected_top)
    # Run 0's bars left of each layer's number, run 1's right of it, none overlapping.
    np.testing.assert_allclose(x[:3], np.arange(1, 4) - gradient_plot.bars.opts["width"] / 2)
    np.testing.assert_allclose(x[3:], np.arange(1, 4) + gradient_plot.bars.opts["width"] / 2)
    brushes = [QColor(b.color()).name() for b in gradient_plot.bars.opts["brushes"]]
    assert brushes == [runs[0].color] * 3 + [runs[1].color] * 3


def test_one_run_again_restores_layers_legend_and_bars(gradient_plot):
    gradient_plot.show_runs(run_gradients(2))
    norms = vanishing_norms(30, n_layers=4)
    gradient_plot.show_gradients(np.arange(30), norms, norms[-1])
    assert not gradient_plot.comparing
    assert legend_labels(gradient_plot.legend) == layer_names(4)
    assert all(curve.isVisible() for curve in gradient_plot.curves)
    for curves in gradient_plot.run_curves.runs:
        assert all(not curve.isVisible() and n_points(curve) == 0 for curve in curves)
    assert gradient_plot.bars.opts["width"] == 0.7
    np.testing.assert_array_equal(gradient_plot.bars.opts["x"], np.arange(1, 5))
    brushes = [QColor(b.color()).name() for b in gradient_plot.bars.opts["brushes"]]
    assert brushes == [curve.opts["pen"].color().name() for curve in gradient_plot.curves]


def test_gradient_run_curves_are_reused_and_shapes_checked(gradient_plot):
    gradient_plot.show_runs(run_gradients(2))
    first = [c for curves in gradient_plot.run_curves.runs for c in curves]
    gradient_plot.show_runs(run_gradients(2, m=80))
    assert [c for curves in gradient_plot.run_curves.runs for c in curves] == first
    bad = RunGradientCurves("bad", "#332288", np.arange(10), np.ones((9, 3)))
    with pytest.raises(ValueError, match="shape"):
        gradient_plot.show_runs([bad])
