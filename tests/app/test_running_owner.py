"""Whether training goes on is held once, by the runs model; the window only shows it."""

from __future__ import annotations

from PySide6.QtCore import Qt

from playground.app.assembly import Assembly
from playground.app.state.runs import Runs
from playground.core.config import ModelConfig, TrainConfig

TIMEOUT = 30_000


def test_the_runs_model_tells_every_listener_whether_training_goes_on() -> None:
    runs = Runs()
    runs.single(ModelConfig(), TrainConfig())
    heard: list[bool] = []
    runs.on_running(heard.append)
    assert not runs.running
    runs.set_running(True)
    runs.set_running(False)
    runs.set_running(False)  # said again: a refused Play puts the button back
    assert heard == [True, False, False] and not runs.running


def test_play_pause_and_a_stop_reach_the_model_and_the_window_shows_them(
    qtbot, app: Assembly
) -> None:
    c, w = app.controller, app.window
    assert not hasattr(c, "_running")  # no second copy to reconcile
    qtbot.mouseClick(w.transport.play_button, Qt.MouseButton.LeftButton)
    assert c.runs.running and w.transport.play_button.isChecked()
    assert not w.scrubber._enabled
    qtbot.mouseClick(w.transport.play_button, Qt.MouseButton.LeftButton)
    assert not c.runs.running and not w.transport.play_button.isChecked()
    assert w.scrubber._enabled
    # a stop the worker reports (the stop after N epochs) is filed in the model too
    w.transport.max_epochs_check.setChecked(True)
    w.transport.max_epochs_spin.setValue(3)
    with qtbot.waitSignal(
        c.snapshot_shown, timeout=TIMEOUT, check_params_cb=lambda s: not s.running
    ):
        qtbot.mouseClick(w.transport.play_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not c.runs.running, timeout=TIMEOUT)
    assert not w.transport.play_button.isChecked() and w.scrubber._enabled
