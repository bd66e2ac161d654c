"""The activation lens in a real window: histograms of known weights, its control, compare mode."""

from __future__ import annotations

import numpy as np
import pytest

from playground.app.assembly import Assembly
from playground.app.views.lenses.activation_lens import ActivationLens
from playground.app.views.lenses.histograms import BINS, PRE_RANGE, histogram, value_range
from playground.core.diagnostics import diagnose
from tests.app.lens_helpers import (
    TIMEOUT,
    import_weights,
    known_model,
    open_from_view_menu,
    train_to,
    trainer_on_window_data,
)

NAME = "lens_activations"
W1 = np.array([[1.5, 0.0, 0.2], [0.0, -0.8, 0.1]])
B1 = np.array([0.5, 0.0, -100.0])  # the third unit never fires on any point of the plane
W2, B2 = np.array([[1.0], [1.0], [1.0]]), np.array([0.0])


def lens(app: Assembly) -> ActivationLens:
    widget = app.window.views[NAME]
    assert isinstance(widget, ActivationLens)
    return widget


def shares_by_hand(values: np.ndarray, low: float, high: float) -> np.ndarray:
    """The share of values in each of BINS equal bins, those outside in the end bins."""
    flat = values.ravel()
    index = np.floor((np.clip(flat, low, high) - low) / (high - low) * BINS).astype(int)
    index = np.minimum(index, BINS - 1)
    return np.bincount(index, minlength=BINS) / len(flat)


def test_it_starts_closed_and_opens_from_the_view_menu(qtbot, app: Assembly) -> None:
    open_from_view_menu(qtbot, app, NAME)
    assert lens(app).isVisible()


@pytest.mark.parametrize("activation", ["tanh", "relu"])
def test_known_weights_give_the_hand_computed_histogram_and_fractions(
    qtbot, app: Assembly, tmp_path, activation: str
) -> None:
    open_from_view_menu(qtbot, app, NAME)
    model = known_model(W1, B1, W2, B2, activation)
    snap = import_weights(qtbot, app, model, tmp_path)
    view = lens(app)
    qtbot.waitUntil(
        lambda: len(view.bars) == 1 and view.figure_texts[0].startswith(f"layer 1 · {activation}"),
        timeout=TIMEOUT,
    )
    x = app.controller.data_model.dataset.train_x
    z = x @ W1 + B1
    a = np.tanh(z) if activation == "tanh" else np.maximum(z, 0.0)
    low, high = (-1.0, 1.0) if activation == "tanh" else (0.0, 5.0)
    edges, shares = view.bars[0].getData()[0], view.bars[0].yData
    np.testing.assert_allclose(view.bars[0].xData, np.linspace(low, high, BINS + 1))
    np.testing.assert_allclose(shares, shares_by_hand(a, low, high), atol=1e-12)
    assert len(edges) == BINS + 1
    # The fractions beside it: by hand, by core.diagnostics on a trainer of the test's own,
    # and as the worker measured them, all the same.
    mine = diagnose(trainer_on_window_data(app, model))
    if activation == "tanh":
        saturated = float(np.mean(np.abs(a) >= 0.97))  # tanh beyond 97 % of its range
        assert mine.saturated_fraction[0] == pytest.approx(saturated)
        assert snap.diagnostics.saturated_fraction[0] == pytest.approx(saturated)
        assert f"saturated {saturated:.0%}" in view.figure_texts[0]
        assert "dead –" in view.figure_texts[0]
    else:
        dead = float(np.mean(np.all(a <= 0.0, axis=0)))
        assert dead == pytest.approx(1 / 3)
        assert mine.dead_fraction[0] == pytest.approx(dead)
        assert "dead 33%" in view.figure_texts[0] and "saturated –" in view.figure_texts[0]
    assert view.figure_texts[0].startswith(f"layer 1 · {activation}")

    # The control: pre-activations z over their fixed range.
    view.mode_combo.setCurrentIndex(1)
    assert view.mode == "z"
    np.testing.assert_allclose(view.bars[0].xData, np.linspace(*PRE_RANGE, BINS + 1))
    np.testing.assert_allclose(view.bars[0].yData, shares_by_hand(z, *PRE_RANGE), atol=1e-12)
    view.set_mode("a")
    np.testing.assert_allclose(view.bars[0].yData, shares_by_hand(a, low, high), atol=1e-12)


def test_it_updates_from_snapshots_while_training(qtbot, app: Assembly) -> None:
    open_from_view_menu(qtbot, app, NAME)
    view = lens(app)
    c = app.controller
    qtbot.waitUntil(lambda: len(view.bars) == len(c.model_config.hidden), timeout=TIMEOUT)
    first = view.bars[0].yData.copy()
    train_to(qtbot, app, 6)
    run = c.runs.active_run
    assert run.last is not None and run.last.points is not None and run.last.epoch == 6
    points, diag = run.last.points, run.last.diagnostics
    n = points.n_train

    def wanted(i: int, act: str) -> np.ndarray:
        return histogram(points.hidden[i][:n], *value_range(act, "a"))[1]

    activations = c.model_config.activations
    qtbot.waitUntil(
        lambda: np.allclose(view.bars[0].yData, wanted(0, activations[0])), timeout=TIMEOUT
    )
    for i, act in enumerate(activations):
        np.testing.assert_allclose(view.bars[i].yData, wanted(i, act), atol=1e-12)
        assert f"saturated {diag.saturated_fraction[i]:.0%}" in view.figure_texts[i]
    assert not np.array_equal(first, view.bars[0].yData)


def test_compare_mode_shows_the_selected_run_and_names_it(qtbot, app: Assembly) -> None:
    open_from_view_menu(qtbot, app, NAME)
    view = lens(app)
    c = app.controller
    with qtbot.waitSignal(c.run_started, timeout=TIMEOUT):
        assert c.comparing.start("activation=tanh,relu")
    train_to(qtbot, app, 2)
    assert "selected run: activation=tanh" in view.title_label.text()
    assert all(t.split("\n")[0].endswith("tanh") for t in view.figure_texts)
    c.comparing.select(1)
    qtbot.waitUntil(lambda: view.figure_texts[0].split("\n")[0].endswith("relu"), timeout=TIMEOUT)
    assert "selected run: activation=relu" in view.title_label.text()
    points = c.runs.runs[1].last.points
    _, want = histogram(points.hidden[0][: points.n_train], 0.0, 5.0)
    np.testing.assert_allclose(view.bars[0].yData, want, atol=1e-12)


def test_layers_that_disagree_are_refused(app: Assembly) -> None:
    with pytest.raises(ValueError, match="disagree"):
        lens(app).show_values([np.zeros((3, 2))], [], ["tanh"], None, None)
