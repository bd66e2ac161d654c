"""Compare mode and the history scrubber in the whole window, driven as a user would."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication

from playground.app.assembly import Assembly
from playground.app.views.compare.dialog import CompareDialog
from playground.app.views.panels.transport import StopConditions

TIMEOUT = 30_000


def _stopped(qtbot, app: Assembly, epochs: int):
    """Train every run to ``epochs`` and return the last snapshot shown."""
    c = app.controller
    c.set_stop_conditions(StopConditions(max_epochs=epochs))
    with qtbot.waitSignal(
        c.snapshot_shown,
        timeout=TIMEOUT,
        check_params_cb=lambda s: not s.running and s.epoch == epochs,
    ) as blocker:
        c.play()
    return blocker.args[0]


def _fill_dialog(text: str) -> None:
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, CompareDialog)
    dialog.set_spec_text(text)
    dialog.accept()


def test_the_compare_dialog_starts_runs_that_train_in_lock_step(qtbot, app: Assembly) -> None:
    c, w = app.controller, app.window
    QTimer.singleShot(0, lambda: _fill_dialog("activation=sigmoid,relu"))
    with qtbot.waitSignal(c.run_started, timeout=TIMEOUT):
        w.menu_actions["compare"].trigger()
    assert [run.label for run in c.runs.runs] == ["activation=sigmoid", "activation=relu"]
    assert w.docks["runs"].isVisibleTo(w) and w.docks["compare_table"].isVisibleTo(w)
    snap = _stopped(qtbot, app, 12)
    assert [s.epoch for s in snap.all_runs()] == [12, 12]
    assert {s.model_config.activations for s in snap.all_runs()} == {
        ("sigmoid", "sigmoid"),
        ("relu", "relu"),
    }
    table = w.views["compare_table"]
    assert [table.text(row, 1) for row in range(2)] == ["12", "12"]  # type: ignore[attr-defined]
    tiles = w.views["runs"]
    assert len(tiles.visible_tiles()) == 2  # type: ignore[attr-defined]
    curves = w.loss_plot.run_curves.loss_curves()
    assert len(curves) >= 2 and all(len(curve.xData) > 0 for curve in curves[:2])


def test_clicking_a_tile_shows_that_run_and_end_keeps_it(qtbot, app: Assembly) -> None:
    c, w = app.controller, app.window
    with qtbot.waitSignal(c.run_started, timeout=TIMEOUT):
        assert c.comparing.start("activation=tanh,relu")
    _stopped(qtbot, app, 5)
    tiles = w.views["runs"]
    second = tiles.visible_tiles()[1]  # type: ignore[attr-defined]
    qtbot.mouseClick(second.view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(20, 20))
    assert c.runs.active == 1 and c.run_id == c.runs.runs[1].run_id
    combo = w.network_view.header.layers[0].combo
    assert combo.currentText() == "relu"
    kept = c.runs.runs[1].last
    assert kept is not None
    with qtbot.waitSignal(c.run_started, timeout=TIMEOUT):
        w.menu_actions["end_compare"].trigger()
    assert not c.runs.comparing and not w.docks["runs"].isVisibleTo(w)
    assert c.model_config.activations == ("relu", "relu")
    with qtbot.waitSignal(c.snapshot_shown, timeout=TIMEOUT) as blocker:
        pass
    snap = blocker.args[0]
    assert snap.epoch == 5 and np.array_equal(snap.params, kept.params)


def test_a_live_rate_change_while_comparing_rates_changes_the_selected_run_only(
    qtbot, app: Assembly
) -> None:
    c = app.controller
    with qtbot.waitSignal(c.run_started, timeout=TIMEOUT):
        assert c.comparing.start("lr=0.03,0.1")
    c.set_train_config(c.shown_configs()[1].with_changes(learning_rate=0.5, l2=0.001))
    first, second = (run.spec.train_config for run in c.runs.runs)
    assert first.learning_rate == 0.5 and second.learning_rate == 0.1
    assert first.l2 == second.l2 == 0.001


def test_scrubbing_shows_a_checkpoint_and_resume_forks_undoably(qtbot, app: Assembly) -> None:
    c, w = app.controller, app.window
    _stopped(qtbot, app, 30)
    scrubber = w.scrubber
    epochs = scrubber.epochs()
    assert epochs[0] == 0 and epochs[-1] == 30 and scrubber.scrub_enabled()
    scrubber.slider.setFocus()
    with qtbot.waitSignal(
        c.snapshot_shown, timeout=TIMEOUT, check_params_cb=lambda s: s.preview_epoch is not None
    ) as blocker:
        for _ in range(3):
            qtbot.keyClick(scrubber.slider, Qt.Key.Key_Left, Qt.KeyboardModifier.ShiftModifier)
    shown = blocker.args[0]
    assert shown.preview_epoch == scrubber.cursor_epoch() == epochs[-4]
    epoch = shown.preview_epoch
    for plot in (w.loss_plot, w.gradient_plot):
        line = plot.epoch_cursor
        assert line.isVisible() and line.value() == epoch
    rows_before = len(c.history)
    qtbot.mouseClick(scrubber.resume_button, Qt.MouseButton.LeftButton)
    assert c.history.column("epoch")[-1] == epoch and len(c.history) < rows_before
    with qtbot.waitSignal(
        c.snapshot_shown, timeout=TIMEOUT, check_params_cb=lambda s: s.epoch == epoch
    ):
        pass
    qtbot.keyClick(w, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert len(c.history) == rows_before
    with qtbot.waitSignal(
        c.snapshot_shown, timeout=TIMEOUT, check_params_cb=lambda s: s.epoch == 30
    ):
        pass


def test_painting_while_comparing_reaches_every_tile(qtbot, app: Assembly) -> None:
    c, w = app.controller, app.window
    with qtbot.waitSignal(c.run_started, timeout=TIMEOUT):
        assert c.comparing.start("init=zeros,he_normal")
    tiles = w.views["runs"].visible_tiles()  # type: ignore[attr-defined]
    before = [len(tile.train_points.data) for tile in tiles]
    viewport = w.canvas.plot.viewport()
    start = w.canvas.data_to_widget(-5.0, 5.0).toPoint()
    end = w.canvas.data_to_widget(-4.0, 5.0).toPoint()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(viewport, end)
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=end)
    added = int(np.count_nonzero(~c.data_model.dataset.is_test)) - before[0]
    assert added > 0
    assert [len(tile.train_points.data) for tile in tiles] == [before[0] + added] * len(tiles)


def test_a_step_while_looking_back_steps_the_live_run(qtbot, app: Assembly) -> None:
    c, w = app.controller, app.window
    _stopped(qtbot, app, 10)
    with qtbot.waitSignal(
        c.snapshot_shown, timeout=TIMEOUT, check_params_cb=lambda s: s.preview_epoch == 4
    ):
        c.scrub.move_to(4)
    with qtbot.waitSignal(
        c.snapshot_shown,
        timeout=TIMEOUT,
        check_params_cb=lambda s: s.preview_epoch is None and s.epoch == 11 and not s.running,
    ):
        qtbot.keyClick(w, Qt.Key.Key_Right)
    assert c.runs.cursor is None and not w.loss_plot.epoch_cursor.isVisible()


def test_new_ends_a_comparison_and_a_diverged_compared_run_stays_stopped(
    qtbot, app: Assembly
) -> None:
    c, w = app.controller, app.window
    with qtbot.waitSignal(c.run_started, timeout=TIMEOUT):
        assert c.comparing.start("lr=100,0.03")
    with qtbot.waitSignal(c.run_started, timeout=TIMEOUT):
        assert c.configure("linear layers", activations=("linear", "linear"))
    c.set_stop_conditions(StopConditions(max_epochs=10))
    with qtbot.waitSignal(
        c.snapshot_shown,
        timeout=TIMEOUT,
        check_params_cb=lambda s: (
            not any(r.running for r in s.all_runs()) and max(r.epoch for r in s.all_runs()) == 10
        ),
    ):
        c.play()
    wild, calm = c.runs.runs
    assert wild.diverged_at is not None and calm.epoch == 10
    ids = c.runs.ids
    c.play()  # the selected run diverged: Play goes on with the others, restarting none
    assert c.runs.ids == ids and c.running
    c.pause()
    with qtbot.waitSignal(c.run_started, timeout=TIMEOUT):
        w.menu_actions["new"].trigger()
    assert not c.runs.comparing and not w.docks["runs"].isVisibleTo(w)
