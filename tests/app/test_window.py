"""The whole window: training live through the worker thread, transport, edits and failures."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from playground.app.assembly import Assembly
from playground.app.training.snapshot import Snapshot
from playground.app.training.worker import TrainingWorker
from playground.core.presets import make_dataset

TIMEOUT = 20_000


def _wait_epoch(qtbot, app: Assembly, epoch: int) -> Snapshot:
    """Wait on the GUI-thread signal until a snapshot reports ``epoch`` or more."""
    with qtbot.waitSignal(
        app.controller.snapshot_shown,
        timeout=TIMEOUT,
        check_params_cb=lambda snap: snap.epoch >= epoch,
    ) as blocker:
        pass
    return blocker.args[0]


def _wait_stopped(qtbot, app: Assembly, after_epoch: int = 0) -> Snapshot:
    """Wait until a snapshot of the current run says training is not running."""
    with qtbot.waitSignal(
        app.controller.snapshot_shown,
        timeout=TIMEOUT,
        check_params_cb=lambda snap: not snap.running and snap.epoch >= after_epoch,
    ) as blocker:
        pass
    return blocker.args[0]


def test_play_trains_live_and_updates_boundary_and_curves(qtbot, app: Assembly) -> None:
    canvas, loss_plot = app.window.canvas, app.window.loss_plot
    before = np.array(canvas.image.image, copy=True)
    xs0 = loss_plot.train_curve.getData()[0]
    assert xs0 is None or len(xs0) == 0

    qtbot.mouseClick(app.window.transport.play_button, Qt.MouseButton.LeftButton)
    assert app.controller.running
    snap = _wait_epoch(qtbot, app, 5)
    assert snap.run_id == app.controller.run_id
    qtbot.mouseClick(app.window.transport.play_button, Qt.MouseButton.LeftButton)
    snap = _wait_stopped(qtbot, app)  # the curves are redrawn in full on a stop

    xs, ys = loss_plot.train_curve.getData()
    assert len(xs) == snap.epoch >= 5 and np.all(np.isfinite(ys))
    assert xs[0] == 1 and np.all(np.diff(xs) == 1), "every epoch is plotted, with no gaps"
    after = np.asarray(canvas.image.image)
    assert after.shape[:2] == (200, 200)
    assert not np.array_equal(before, after), "the boundary image follows the training"
    assert len(app.window.gradient_plot.curves) == len(app.controller.model_config.hidden) + 1


def test_space_pauses_and_right_arrow_steps_one_epoch(qtbot, app: Assembly) -> None:
    window = app.window
    window.activateWindow()
    window.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_Space)
    assert app.controller.running
    _wait_epoch(qtbot, app, 2)
    qtbot.keyClick(window, Qt.Key.Key_Space)
    assert not app.controller.running
    paused = _wait_stopped(qtbot, app)

    qtbot.keyClick(window, Qt.Key.Key_Right)
    stepped = _wait_epoch(qtbot, app, paused.epoch + 1)
    if stepped.running:
        stepped = _wait_stopped(qtbot, app)
    assert stepped.epoch == paused.epoch + 1
    assert not app.window.transport.running


def test_learning_rate_applies_live_without_reset(qtbot, app: Assembly) -> None:
    app.controller.play()
    snap = _wait_epoch(qtbot, app, 2)
    run_id = snap.run_id
    panel = app.window.hyper_panel
    with qtbot.waitSignal(panel.train_settings_changed, timeout=TIMEOUT):
        panel.lr_spin.setValue(0.1)
    assert app.controller.train_config.learning_rate == pytest.approx(0.1)
    later = _wait_epoch(qtbot, app, snap.epoch + 2)
    assert later.run_id == run_id, "a learning-rate change must not reset the network"
    app.controller.pause()


def test_adding_a_layer_resets_and_says_so(qtbot, app: Assembly) -> None:
    header = app.window.network_view.header
    n_layers = len(app.controller.model_config.hidden)
    with qtbot.waitSignal(app.controller.run_started, timeout=TIMEOUT):
        qtbot.mouseClick(header.add_layer_button, Qt.MouseButton.LeftButton)
    assert len(app.controller.model_config.hidden) == n_layers + 1
    assert app.window.banner.isVisible() and "reset" in app.window.banner.text().lower()
    snap = _wait_epoch(qtbot, app, 0)
    assert len(snap.sizes) == n_layers + 3


def test_training_with_one_class_shows_a_message_instead(qtbot, app: Assembly) -> None:
    ds = make_dataset("circle", 100, 0.0, seed=1, test_ratio=0.3)
    one_class = ds.without(ds.y == 1)
    app.controller.data_model.replace(one_class, "keep one class")
    qtbot.mouseClick(app.window.transport.play_button, Qt.MouseButton.LeftButton)
    assert not app.controller.running
    assert "one class" in app.window.banner.text()
    app.controller.data_model.clear()
    app.controller.play()
    assert not app.controller.running
    assert "no training points" in app.window.banner.text()


def test_diverging_run_pauses_and_keeps_finite_weights(qtbot, app: Assembly) -> None:
    c = app.controller
    c.data_model.replace(make_dataset("plane", 300, 0.0, seed=0, test_ratio=0.5), "plane")
    c.configure("relu", hidden=(8, 8), activations=("relu", "relu"))
    c.set_train_config(c.train_config.with_changes(learning_rate=10.0))
    with qtbot.waitSignal(
        c.snapshot_shown, timeout=TIMEOUT, check_params_cb=lambda snap: snap.message is not None
    ) as blocker:
        c.play()
    snap = blocker.args[0]
    assert snap.diverged and not snap.running
    assert "diverged at epoch" in app.window.banner.text()
    assert "lower the learning rate" in app.window.banner.text()
    assert not c.running and not app.window.transport.running
    assert np.all(np.isfinite(snap.params))


def test_closing_during_training_stops_the_thread(qtbot, app: Assembly) -> None:
    app.controller.play()
    _wait_epoch(qtbot, app, 1)
    worker = app.controller.worker
    assert worker.is_running()
    app.window.close()
    assert not worker.is_running()
    assert worker not in TrainingWorker.live_workers()


def _places(app: Assembly) -> dict[str, tuple[int, int, int, int]]:
    """Where the controls a user aims at sit in the window."""
    w = app.window
    widgets = {
        "diagram": w.network_view,
        "canvas": w.canvas,
        "play": w.transport.play_button,
        "stop_at_epoch": w.transport.max_epochs_check,
        "data_panel": w.data_panel,
        "loss_plot": w.loss_plot,
    }
    places = {}
    for name, widget in widgets.items():
        top_left = widget.mapTo(w, widget.rect().topLeft())
        places[name] = (top_left.x(), top_left.y(), widget.width(), widget.height())
    return places


def test_banners_never_move_the_controls(qtbot, app: Assembly) -> None:
    QApplication.processEvents()
    before = _places(app)
    header = app.window.network_view.header
    with qtbot.waitSignal(app.controller.run_started, timeout=TIMEOUT):
        qtbot.mouseClick(header.add_layer_button, Qt.MouseButton.LeftButton)
    banner = app.window.banner
    assert banner.isVisible() and "reset" in banner.text().lower()
    QApplication.processEvents()
    assert _places(app) == before
    long = "Training diverged at epoch 123: the loss became infinite. " * 6
    app.window.show_banner(long, "error")
    QApplication.processEvents()
    assert _places(app) == before
    assert banner.toolTip() == long, "a message cut short is whole in the tooltip"
    app.window.hide_banner()
    QApplication.processEvents()
    assert not banner.isVisible()
    assert _places(app) == before


def test_a_long_banner_shrinks_its_font_to_fit_a_narrow_window(qtbot, app: Assembly) -> None:
    window, banner = app.window, app.window.banner
    window.resize(860, 800)
    QApplication.processEvents()
    base = banner.font().pointSizeF()
    text = (
        "Training diverged at epoch 123: the loss became infinite. Lower the learning rate "
        "(try 1) and press Play to start again from the initial weights."
    )
    window.show_banner(text, "error")
    QApplication.processEvents()
    assert banner.height() >= banner.heightForWidth(banner.width()), "the whole message shows"
    assert banner.geometry().bottom() < window.banner_slot.height()
    assert banner.font().pointSizeF() < base
    window.show_banner("Weights reset.", "info")
    QApplication.processEvents()
    assert banner.font().pointSizeF() == base
