"""The results lens in the whole window: confusion matrices and residuals, from snapshots."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QApplication

from playground.app.assembly import Assembly
from playground.app.lens_wiring import wire_lenses
from playground.app.present.registry import view_spec
from playground.app.views.lenses.results import PAGE_MATRICES, PAGE_RESIDUALS, ResultsView
from playground.app.views.panels.transport import StopConditions
from playground.core.config import ModelConfig
from playground.core.features import FeatureMap
from playground.core.files import save_weights
from playground.core.model import Model

TIMEOUT = 60_000  # a busy machine: each update waits for a frame with points


def open_results(qtbot, app: Assembly) -> ResultsView:
    """Wire the lenses and open Results from the View menu (it starts closed)."""
    wire_lenses(app.controller)
    w = app.window
    dock = w.docks["lens_results"]
    assert not dock.isVisible()
    menu = next(a.menu() for a in w.menuBar().actions() if a.text() == "&View")
    (action,) = [a for a in menu.actions() if a.text() == view_spec("lens_results").title]
    action.trigger()
    qtbot.waitUntil(dock.isVisible, timeout=TIMEOUT)
    w.resizeDocks([dock], [640], Qt.Orientation.Horizontal)  # room for two matrices
    view = w.views["lens_results"]
    assert isinstance(view, ResultsView)
    return view


def train_to(qtbot, app: Assembly, epochs: int) -> None:
    """Play until every run stands at ``epochs``."""
    c = app.controller
    c.set_stop_conditions(StopConditions(max_epochs=epochs))
    with qtbot.waitSignal(
        c.snapshot_shown,
        timeout=TIMEOUT,
        check_params_cb=lambda s: not s.running and s.epoch == epochs,
    ):
        c.play()


def hand_count(truth, predicted, k: int) -> np.ndarray:
    """Count (true, predicted) pairs one by one."""
    counts = np.zeros((k, k), dtype=np.int64)
    for t, p in zip(np.asarray(truth, dtype=int), np.asarray(predicted, dtype=int), strict=True):
        counts[t, p] += 1
    return counts


def pick(qtbot, combo, text: str) -> None:
    """Choose a closed combo box's entry with the keyboard: Home, then Down to it."""
    index = combo.findText(text)
    assert index >= 0, text
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    for _ in range(index):
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentText() == text


def test_it_opens_and_updates_from_snapshots_while_training(qtbot, app):
    view = open_results(qtbot, app)
    c = app.controller
    seen: list[tuple[int, int] | None] = []
    c.snapshot_shown.connect(lambda snap: seen.append(view.shown) if snap.running else None)
    c.set_stop_conditions(StopConditions(max_epochs=10_000))
    c.play()
    qtbot.waitUntil(lambda: len({s for s in seen if s is not None}) >= 3, timeout=TIMEOUT)
    c.pause()
    assert view.stack.currentIndex() == PAGE_MATRICES
    epochs = sorted({s[1] for s in seen if s is not None})
    assert len(epochs) >= 3 and epochs[0] < epochs[-1]


def test_the_counts_are_the_models_predictions_counted_by_hand(qtbot, app):
    view = open_results(qtbot, app)
    train_to(qtbot, app, 20)
    c = app.controller
    model = c.runs.active_run.last.to_model()
    d = c.data_model.dataset
    points = c.runs.active_run.last.points
    assert points.n_train == len(d.train_x) and points.n_test == len(d.test_x)  # no thinning
    train = hand_count(d.train_y, model.predict(d.train_x), 2)
    test = hand_count(d.test_y, model.predict(d.test_x), 2)
    np.testing.assert_array_equal(view.train_matrix.counts, train)
    np.testing.assert_array_equal(view.test_matrix.counts, test)
    for i in range(2):
        for j in range(2):
            share = 100.0 * train[i, j] / train[i].sum()
            count_text, share_text = view.train_matrix.cell_text(i, j).split("\n")
            assert int(count_text.replace(",", "")) == train[i, j]
            assert float(share_text.rstrip("%")) == pytest.approx(share, abs=0.05)
    assert "epoch 20" in view.title_label.text()
    assert f"{train.sum():,} points" in view.train_matrix.plot_item.titleLabel.text


def known_classifier() -> Model:
    """A 2-2-1 tanh network that predicts class 1 exactly where x1 > 0."""
    config = ModelConfig(features=("x1", "x2"), hidden=(2,), activations=("tanh",), task="binary")
    w1, b1 = np.array([[3.0, 0.0], [0.0, 1.0]]), np.zeros(2)
    w2, b2 = np.array([[5.0], [0.0]]), np.zeros(1)
    params = np.concatenate([a.ravel() for a in (w1, b1, w2, b2)])
    return Model.from_params(config, FeatureMap.identity(("x1", "x2")), params)


def test_known_weights_give_the_counts_of_the_rule_they_encode(qtbot, app, tmp_path: Path):
    view = open_results(qtbot, app)
    path = tmp_path / "known.npz"
    save_weights(known_classifier(), path)
    app.files.dialogs.next_open = str(path)
    c = app.controller
    with qtbot.waitSignal(
        c.snapshot_shown,
        timeout=TIMEOUT,
        check_params_cb=lambda s: s.run_id == c.run_id and s.points is not None,
    ):
        app.window.menu_actions["import_weights"].trigger()
    qtbot.waitUntil(lambda: view.shown is not None and view.shown[0] == c.run_id)
    d = c.data_model.dataset
    train = hand_count(d.train_y, d.train_x[:, 0] > 0, 2)
    test = hand_count(d.test_y, d.test_x[:, 0] > 0, 2)
    np.testing.assert_array_equal(view.train_matrix.counts, train)
    np.testing.assert_array_equal(view.test_matrix.counts, test)


def test_the_points_control_shows_train_test_or_both(qtbot, app):
    view = open_results(qtbot, app)
    train_to(qtbot, app, 2)
    assert view.train_matrix.isVisible() and view.test_matrix.isVisible()
    pick(qtbot, view.split_combo, "train")
    assert view.train_matrix.isVisible() and not view.test_matrix.isVisible()
    pick(qtbot, view.split_combo, "test")
    assert not view.train_matrix.isVisible() and view.test_matrix.isVisible()
    pick(qtbot, view.split_combo, "train and test")
    assert view.train_matrix.isVisible() and view.test_matrix.isVisible()


def test_hovering_a_cell_reads_its_count_and_share(qtbot, app):
    view = open_results(qtbot, app)
    train_to(qtbot, app, 3)
    QApplication.processEvents()  # the resized dock's layout
    plot = view.train_matrix
    scene = plot.plot_item.vb.mapViewToScene(QPointF(0.5, 1.5))  # true 1, predicted 0
    qtbot.mouseMove(plot.viewport(), plot.mapFromScene(scene))
    qtbot.waitUntil(lambda: plot.hover.text != "", timeout=TIMEOUT)
    n = plot.counts[1, 0]
    assert plot.hover.text.startswith(f"train · true 1 → predicted 0 · {n:,} points (")


def test_compare_mode_shows_the_run_chosen_in_the_selector(qtbot, app):
    view = open_results(qtbot, app)
    c = app.controller
    with qtbot.waitSignal(c.run_started, timeout=TIMEOUT):
        assert c.comparing.start("lr=0.003,3")
    train_to(qtbot, app, 15)
    assert view.run_combo.isVisible()
    labels = [view.run_combo.itemText(i) for i in range(view.run_combo.count())]
    assert labels == [run.label for run in c.runs.runs]
    d = c.data_model.dataset
    for run in c.runs.runs:
        pick(qtbot, view.run_combo, run.label)
        assert view.shown[0] == run.run_id
        assert f"run {run.label}" in view.title_label.text()
        predicted = run.last.to_model().predict(d.train_x)
        np.testing.assert_array_equal(view.train_matrix.counts, hand_count(d.train_y, predicted, 2))
    slow, fast = (run.last.to_model().predict(d.train_x) for run in c.runs.runs)
    assert not np.array_equal(slow, fast)  # two runs that differ: the selector matters


def test_a_regression_shows_each_points_residual(qtbot, make_app):
    app = make_app(preset="plane")
    view = open_results(qtbot, app)
    train_to(qtbot, app, 5)
    assert view.stack.currentIndex() == PAGE_RESIDUALS
    c = app.controller
    model = c.runs.active_run.last.to_model()
    d = c.data_model.dataset
    x, y = view.train_points.getData()
    np.testing.assert_allclose(x, d.train_y)
    np.testing.assert_allclose(y, d.train_y - model.output(d.train_x)[:, 0], atol=1e-9)
    tx, ty = view.test_points.getData()
    np.testing.assert_allclose(ty, d.test_y - model.output(d.test_x)[:, 0], atol=1e-9)
    assert len(tx) == len(d.test_y)
    pick(qtbot, view.split_combo, "test")
    assert view.test_points.isVisible() and not view.train_points.isVisible()
