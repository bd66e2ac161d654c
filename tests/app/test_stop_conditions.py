"""The stop after N epochs has one owner: Play past it switches it off, visibly."""

from __future__ import annotations

from PySide6.QtCore import Qt

from playground.app.assembly import Assembly
from playground.app.views.panels.transport import StopConditions

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
