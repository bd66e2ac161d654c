"""When a run starts afresh: new data from a preset, and Play after a divergence."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt, QTimer

from playground.app.assembly import Assembly
from playground.app.state.defaults import DEFAULT_MODEL, DEFAULT_TRAIN
from playground.app.training.commands import Abort, Rebuild, SetRunning
from playground.app.training.loop import TrainingLoop
from playground.core.presets import make_dataset

TIMEOUT = 20_000


def _snapshot(qtbot, app: Assembly, check):
    c = app.controller
    with qtbot.waitSignal(
        c.snapshot_shown,
        timeout=TIMEOUT,
        check_params_cb=lambda s: s.run_id == c.run_id and check(s),
    ) as blocker:
        pass
    return blocker.args[0]


def _choose_preset(qtbot, app: Assembly, name: str) -> None:
    panel = app.window.data_panel
    combo = panel.preset_combo
    index = combo.findData(name)
    combo.setCurrentIndex(index if index >= 0 else combo.findText(name))
    qtbot.mouseClick(panel.regenerate_button, Qt.MouseButton.LeftButton)


def test_a_new_preset_mid_training_starts_a_new_run(qtbot, app: Assembly) -> None:
    c = app.controller
    c.play()
    _snapshot(qtbot, app, lambda s: s.epoch >= 3)
    old_run = c.run_id
    with qtbot.waitSignal(c.run_started, timeout=TIMEOUT):
        _choose_preset(qtbot, app, "xor")
    assert c.run_id > old_run
    assert "xor" in app.window.banner.text() and "reset" in app.window.banner.text()
    assert c.running, "a run that was training goes on training on the new data"
    snap = _snapshot(qtbot, app, lambda s: s.epoch >= 1)
    c.pause()
    # The history holds only the new run: one row per epoch since the switch, from epoch 1.
    epochs = c.history.column("epoch")
    assert epochs[0] == 1 and np.array_equal(epochs, np.arange(1, len(epochs) + 1))
    assert snap.epoch < 200


def test_painting_keeps_the_run_going(qtbot, app: Assembly) -> None:
    c = app.controller
    run = c.run_id
    c.data_model.add_points([[0.5, 0.5], [1.0, 1.0]], 1)
    assert c.run_id == run


def _diverge(qtbot, app: Assembly):
    c = app.controller
    with qtbot.waitSignal(c.run_started, timeout=TIMEOUT):
        _choose_preset(qtbot, app, "plane")
    c.set_train_config(c.train_config.with_changes(learning_rate=10.0))
    c.play()
    snap = _snapshot(qtbot, app, lambda s: s.diverged)
    assert not c.running
    assert "diverged" in app.window.banner.text()
    return snap


def test_play_after_a_divergence_restarts_and_suggests_a_lower_rate(qtbot, app: Assembly) -> None:
    c = app.controller
    diverged = _diverge(qtbot, app)
    with qtbot.waitSignal(c.run_started, timeout=TIMEOUT):
        qtbot.keyClick(app.window, Qt.Key.Key_Space)
    banner = app.window.banner.text()
    assert f"epoch {diverged.epoch}" in banner and "try 1" in banner
    assert c.running and len(c.history) == 0 and c.epoch == 0
    _snapshot(qtbot, app, lambda s: s.epoch >= 1 or s.diverged)
    c.pause()


def test_play_after_lowering_the_rate_says_what_changed(qtbot, app: Assembly) -> None:
    c = app.controller
    _diverge(qtbot, app)
    c.set_train_config(c.train_config.with_changes(learning_rate=0.01))
    with qtbot.waitSignal(c.run_started, timeout=TIMEOUT):
        c.step_epoch()
    assert "0.01 (was 10)" in app.window.banner.text()
    snap = _snapshot(qtbot, app, lambda s: s.epoch == 1 and not s.running)
    assert not snap.diverged and np.isfinite(snap.history.train_loss).all()


def test_speed_readout_follows_steps_not_whole_epochs() -> None:
    loop = TrainingLoop(emit=lambda s: None)
    data = make_dataset("circle", 100, 0.0, seed=0, test_ratio=0.5)  # 50 training points
    loop.handle([Rebuild(1, DEFAULT_MODEL, DEFAULT_TRAIN.with_changes(batch_size=10), data)])
    trainer, rates = loop.trainer, loop.rates
    assert trainer is not None and trainer.n_train == 50
    rates.update(1000.0, 0.25, trainer.n_train, trainer.config.batch_size)  # taken as it is
    assert rates.steps_per_s == 1000.0 and rates.epochs_per_s == 200.0  # 5 steps an epoch
    rates.update(2000.0, 0.25, trainer.n_train, trainer.config.batch_size)  # smoothed
    assert 1000.0 < rates.steps_per_s < 1500.0
    assert rates.epochs_per_s == rates.steps_per_s / 5


def test_the_loop_survives_an_error_and_says_so() -> None:
    sent: list = []
    loop = TrainingLoop(emit=sent.append)
    data = make_dataset("circle", 100, 0.0, seed=0, test_ratio=0.5)
    loop.handle([Rebuild(1, DEFAULT_MODEL, DEFAULT_TRAIN, data)])

    def broken() -> None:
        if loop._running:
            raise RuntimeError("boom")

    loop.train_slice = broken  # type: ignore[method-assign]
    loop.post(SetRunning(True))
    calls = {"n": 0}
    real_drain = loop.mailbox.drain

    def drain(timeout: float = 0.0):
        calls["n"] += 1
        return [Abort()] if calls["n"] > 3 else real_drain(0.0)

    loop.mailbox.drain = drain  # type: ignore[method-assign]
    loop.run()  # returns on Abort instead of dying on the first error
    assert loop.errors == ["RuntimeError('boom')"]
    assert any(s.message and "internal error" in s.message for s in sent)


def test_closing_drops_drawing_still_queued(qtbot, app: Assembly) -> None:
    c = app.controller
    c.play()
    snap = _snapshot(qtbot, app, lambda s: s.epoch >= 1)
    shown: list = []
    c.snapshot_shown.connect(shown.append)
    c._turns.run([lambda: shown.append("turn")], lambda: shown.append("done"))
    assert c.shutdown()
    assert not [t for t in c._turns.findChildren(QTimer) if t.isActive()]
    c._on_worker_snapshot(snap)  # one still queued when the window closed
    qtbot.wait(20)  # let any stray timer fire: nothing must run
    assert shown == []


def _paint(qtbot, app: Assembly, x: float, y: float) -> None:
    canvas = app.window.canvas
    viewport = canvas.plot.viewport()
    start, end = (canvas.data_to_widget(x + d, y).toPoint() for d in (0.0, 0.3))
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(viewport, end)
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=end)


def test_plus_offers_a_class_and_only_its_first_point_resets(qtbot, app: Assembly) -> None:
    c, picker = app.controller, app.window.data_panel.class_picker
    run = c.run_id
    qtbot.mouseClick(picker.add_button, Qt.MouseButton.LeftButton)
    assert c.run_id == run, "offering a class leaves the network alone"
    assert picker.class_buttons[2].isVisible() and picker.label() == 2
    assert c.data_model.dataset.n_classes == 2

    with qtbot.waitSignal(c.run_started, timeout=TIMEOUT):
        _paint(qtbot, app, 0.0, 0.0)
    ds = c.data_model.dataset
    assert (ds.task, ds.n_classes) == ("multiclass", 3) and 2 in ds.y
    assert c.model_config.n_classes == 3
    snap = _snapshot(qtbot, app, lambda s: True)
    assert snap.sizes[-1] == 3

    # − on an offered class that has no points takes it back without a reset.
    qtbot.mouseClick(picker.add_button, Qt.MouseButton.LeftButton)
    assert picker.class_buttons[3].isVisible()
    run = c.run_id
    qtbot.mouseClick(picker.remove_button, Qt.MouseButton.LeftButton)
    assert not picker.class_buttons[3].isVisible() and c.run_id == run


def test_a_new_preset_forgets_offered_classes(qtbot, app: Assembly) -> None:
    picker = app.window.data_panel.class_picker
    qtbot.mouseClick(picker.add_button, Qt.MouseButton.LeftButton)
    assert picker.class_buttons[2].isVisible()
    with qtbot.waitSignal(app.controller.run_started, timeout=TIMEOUT):
        _choose_preset(qtbot, app, "xor")
    assert not picker.class_buttons[2].isVisible()


def test_an_edge_click_names_layers_in_the_status_bar(qtbot, app: Assembly) -> None:
    app.window.network_view.edge_clicked.emit(1, 0, 1, 0.5)
    text = app.window.statusBar().currentMessage()
    assert "layer 1, neuron 1" in text and "layer 2, neuron 2" in text and "column" not in text
