"""Window shortcuts: undo/redo/quit keys, and which keys a focused field keeps."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QWidget

from playground.app import main_window
from playground.app.assembly import Assembly

TIMEOUT = 20_000
CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier

#: The standard bindings of Qt's X11 (xcb) platform, where Redo is Ctrl+Shift+Z only.
XCB_BINDINGS = {
    QKeySequence.StandardKey.Undo: ["Ctrl+Z", "F14", "Undo"],
    QKeySequence.StandardKey.Redo: ["Ctrl+Shift+Z", "Redo"],
    QKeySequence.StandardKey.Quit: ["Ctrl+Q", "Exit"],
}


@pytest.fixture
def xcb_app(monkeypatch, make_app) -> Assembly:
    """A window built with the X11 platform's standard key bindings."""

    def fake(key: QKeySequence.StandardKey) -> list[QKeySequence]:
        names = XCB_BINDINGS.get(key)
        if names is None:
            return list(QKeySequence.keyBindings(key))
        return [QKeySequence(name) for name in names]

    monkeypatch.setattr(main_window, "standard_keys", fake)
    return make_app()


def _paint_a_point(qtbot, app: Assembly) -> int:
    canvas = app.window.canvas
    pos = canvas.data_to_widget(4.0, -5.0).toPoint()
    qtbot.mousePress(canvas.plot.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    qtbot.mouseRelease(canvas.plot.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    return len(app.controller.data_model.dataset)


def _window_shortcuts(app: Assembly) -> list[tuple[str, str]]:
    return [
        (seq.toString(), action.text())
        for action in QWidget.actions(app.window)  # window.actions is the name -> action dict
        for seq in action.shortcuts()
    ]


@pytest.mark.parametrize("fixture", ["app", "xcb_app"])
def test_no_key_is_bound_twice(request, fixture: str) -> None:
    app = request.getfixturevalue(fixture)
    bound = _window_shortcuts(app)
    keys = [key for key, _ in bound]
    assert len(keys) == len(set(keys)), sorted(bound)
    by_key = dict(bound)
    assert by_key["Ctrl+Z"] == "&Undo"
    assert by_key["Ctrl+Shift+Z"] == by_key["Ctrl+Y"] == "&Redo"
    assert by_key["Ctrl+Q"] == "&Quit"


@pytest.mark.parametrize("fixture", ["app", "xcb_app"])
@pytest.mark.parametrize("redo", [(Qt.Key.Key_Z, CTRL | SHIFT), (Qt.Key.Key_Y, CTRL)])
def test_ctrl_z_undoes_and_both_redo_keys_redo(qtbot, request, fixture: str, redo) -> None:
    app = request.getfixturevalue(fixture)
    n_before = len(app.controller.data_model.dataset)
    n_painted = _paint_a_point(qtbot, app)
    assert n_painted > n_before
    window = app.window
    window.activateWindow()
    window.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)
    assert len(app.controller.data_model.dataset) == n_before
    qtbot.keyClick(window, *redo)
    assert len(app.controller.data_model.dataset) == n_painted


def test_ctrl_q_on_an_untouched_window_quits_without_asking(qtbot, app: Assembly) -> None:
    app.window.activateWindow()
    app.window.setFocus()
    qtbot.keyClick(app.window, Qt.Key.Key_Q, CTRL)
    assert not app.window.isVisible()
    assert app.files.dialogs.asked_to_save == 0
    assert not app.controller.worker.is_running()
