"""The stop after N epochs has one owner: Play past it switches it off, visibly."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Qt

from playground.app.assembly import Assembly
from playground.app.views.panels.transport import StopConditions
from playground.core.history import History

TIMEOUT = 30_000


def test_play_at_the_stop_goes_on_and_says_the_stop_is_off(qtbot, app: Assembly) -> None:
    c, w = app.controller, app.window
    c.set_stop_conditions(StopConditions(max_epochs=4))
    with qtbot.waitSignal(
        c.snapshot_shown, timeout=TIMEOUT, check_params_cb=lambda s: not s.running and s.epoch == 4
    ):
        c.play()
    assert w.transport.stop_conditions.max_epochs == 4
    with qtbot.waitSignal(
        c.snapshot_shown, timeout=TIMEOUT, check_params_cb=lambda s: s.running and s.epoch > 4
    ):
        qtbot.mouseClick(w.transport.play_button, Qt.MouseButton.LeftButton)
    assert w.transport.stop_conditions.max_epochs is None  # the box says what happens
    assert c.stop_conditions.max_epochs is None
    assert "goes on" in w.banner.text() and "4" in w.banner.text()
    c.pause()


def test_a_stop_reported_before_the_latest_play_does_not_stop_the_new_run(
    qtbot, app: Assembly
) -> None:
    """A stopped snapshot the worker sent before it took Play (say, after a settings
    change) may reach the window after Play: it must not pause the window's run, or
    the real stop after it would go unreported."""
    c, w = app.controller, app.window
    c.set_stop_conditions(StopConditions(max_epochs=3))
    with qtbot.waitSignal(
        c.snapshot_shown, timeout=TIMEOUT, check_params_cb=lambda s: not s.running and s.epoch == 3
    ) as first:
        c.play()
    old = first.args[0]
    assert old.message == "Stopped after 3 epochs."
    c.set_stop_conditions(StopConditions(max_epochs=6))
    # What the worker sent when it took the new stop, arriving after the window's Play:
    # the same stopped run and its message, no new rows. The connection is queued, so
    # the window takes it after Play, and before anything the worker sends after Play.
    rows = History(len(old.sizes) - 1).chunk()
    stale = dataclasses.replace(old, seq=old.seq + 1, history=rows, checkpoints=())
    with qtbot.waitSignal(c.snapshot_shown, timeout=TIMEOUT, check_params_cb=lambda s: s is stale):
        c.worker.snapshot_ready.emit(stale)
        c.play()
    assert c.runs.running
    assert w.transport.play_button.isChecked()  # the window still says it trains
    with qtbot.waitSignal(
        c.snapshot_shown, timeout=TIMEOUT, check_params_cb=lambda s: not s.running and s.epoch == 6
    ):
        pass
    assert not c.runs.running
    assert w.banner.text() == "Stopped after 6 epochs."
