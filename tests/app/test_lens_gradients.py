"""The gradient lens in a real window: opened from View, fed by snapshots, its banners."""

from __future__ import annotations

import math

import numpy as np
import pytest

from playground.app.assembly import Assembly
from playground.app.present.decimate import envelope
from playground.app.views.lenses.banner_list import ALL_CLEAR
from playground.app.views.lenses.gradient_lens import RATIO_BAND, RATIO_TARGET, GradientLens
from playground.core.health import FIXES
from tests.app.lens_helpers import (
    TIMEOUT,
    import_weights,
    known_model,
    open_from_view_menu,
    train_to,
)

NAME = "lens_gradients"


def lens(app: Assembly) -> GradientLens:
    widget = app.window.views[NAME]
    assert isinstance(widget, GradientLens)
    return widget


def points_in(curve) -> int:
    return 0 if curve.xData is None else len(curve.xData)


def test_it_starts_closed_and_opens_from_the_view_menu(qtbot, app: Assembly) -> None:
    open_from_view_menu(qtbot, app, NAME)
    assert lens(app).isVisible()


def test_its_curves_follow_the_history_while_training(qtbot, app: Assembly) -> None:
    open_from_view_menu(qtbot, app, NAME)
    view = lens(app)
    c = app.controller
    train_to(qtbot, app, 6)
    h = c.runs.active_run.history
    assert view.n_layers == h.n_layers == len(c.model_config.hidden) + 1
    qtbot.waitUntil(lambda: points_in(view.norm_curves[0]) == len(h) == 6, timeout=TIMEOUT)
    x, norms = envelope(h.column("epoch"), h.column("grad_norms"))
    _, ratios = envelope(h.column("epoch"), h.column("update_ratio"))
    for layer in range(h.n_layers):
        np.testing.assert_array_equal(view.norm_curves[layer].xData, x)
        np.testing.assert_allclose(view.norm_curves[layer].yData, norms[:, layer])
        np.testing.assert_allclose(view.ratio_curves[layer].yData, ratios[:, layer])
    # The default network after six epochs is healthy: real update ratios, no warning.
    assert np.isfinite(view.ratio_curves[0].yData).all()
    assert view.banners.texts() == [] and view.banners.all_clear.text() == ALL_CLEAR


def test_both_plots_keep_every_epoch_in_view_as_training_goes_on(qtbot, app: Assembly) -> None:
    # The two plots share their x axis; linked views used to freeze it at the first fit.
    open_from_view_menu(qtbot, app, NAME)
    view = lens(app)
    train_to(qtbot, app, 4)
    qtbot.waitUntil(lambda: points_in(view.norm_curves[0]) == 4, timeout=TIMEOUT)
    train_to(qtbot, app, 25)
    qtbot.waitUntil(lambda: points_in(view.norm_curves[0]) == 25, timeout=TIMEOUT)
    for plot in (view.norm_plot, view.ratio_plot):
        (x0, x1), _ = plot.vb.viewRange()
        assert x0 <= 1.0 and x1 >= 25.0, (x0, x1)


def test_the_band_marks_the_healthy_update_ratios(app: Assembly) -> None:
    view = lens(app)
    low, high = view.band.getRegion()
    assert (low, high) == pytest.approx(np.log10(RATIO_BAND))
    assert view.target.value() == pytest.approx(math.log10(RATIO_TARGET))
    assert "1e-3" in view.band_note.text()


def test_a_saturated_tanh_layer_raises_its_banner(qtbot, app: Assembly, tmp_path) -> None:
    """Known weights: tanh(6 x1 + 6) and tanh(-6 x2 - 6) sit in their tails almost everywhere."""
    open_from_view_menu(qtbot, app, NAME)
    model = known_model([[6.0, 0.0], [0.0, -6.0]], [6.0, -6.0], [[1.0], [1.0]], [0.0])
    snap = import_weights(qtbot, app, model, tmp_path)
    x = app.controller.data_model.dataset.train_x
    a = np.tanh(x @ np.array([[6.0, 0.0], [0.0, -6.0]]) + np.array([6.0, -6.0]))
    saturated = float(np.mean(np.abs(a) >= 0.97))  # beyond 97 % of the range from 0
    assert saturated >= 0.5
    assert snap.diagnostics.saturated_fraction[0] == pytest.approx(saturated)
    view = lens(app)
    qtbot.waitUntil(lambda: bool(view.banners.texts()), timeout=TIMEOUT)
    (text,) = [t for t in view.banners.texts() if t.startswith("Saturated")]
    assert f"{saturated:.0%} of hidden layer 1's tanh activations" in text
    assert text.endswith(FIXES["saturated"])
    assert view.banners.labels[0].isVisible() and not view.banners.all_clear.isVisible()


def test_a_deep_sigmoid_network_warns_of_vanishing_gradients_and_relu_he_does_not(
    qtbot, app: Assembly
) -> None:
    open_from_view_menu(qtbot, app, NAME)
    view = lens(app)
    c = app.controller
    c.configure(
        "deep sigmoid", hidden=(8,) * 8, activations=("sigmoid",) * 8, init="xavier_uniform"
    )
    train_to(qtbot, app, 1)
    qtbot.waitUntil(lambda: bool(view.banners.texts()), timeout=TIMEOUT)
    assert view.banners.texts()[0].startswith("Vanishing gradients: layer 1's gradient is")
    assert FIXES["vanishing"] in view.banners.texts()[0]

    c.configure("deep relu", activations=("relu",) * 8, init="he_normal", bias_init=0.1)
    train_to(qtbot, app, 1)
    qtbot.waitUntil(lambda: points_in(view.norm_curves[0]) == 1, timeout=TIMEOUT)
    assert not any(t.startswith("Vanishing") for t in view.banners.texts())


def test_compare_mode_shows_the_selected_run_and_names_it(qtbot, app: Assembly) -> None:
    open_from_view_menu(qtbot, app, NAME)
    view = lens(app)
    c = app.controller
    with qtbot.waitSignal(c.run_started, timeout=TIMEOUT):
        assert c.comparing.start("hidden=4/4x4x4")
    train_to(qtbot, app, 3)
    assert "selected run: hidden=4" in view.title_label.text()
    assert view.n_layers == 2
    c.comparing.select(1)
    qtbot.waitUntil(lambda: view.n_layers == 4, timeout=TIMEOUT)
    assert "selected run: hidden=4x4x4" in view.title_label.text()
    h = c.runs.runs[1].history
    np.testing.assert_allclose(view.norm_curves[3].yData, h.column("grad_norms")[:, 3])


def test_bad_shapes_are_refused(app: Assembly) -> None:
    with pytest.raises(ValueError, match="n_layers"):
        lens(app).show_curves([1.0, 2.0], np.ones((2, 3)), np.ones((2, 2)))
