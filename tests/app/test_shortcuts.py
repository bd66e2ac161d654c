"""Window shortcuts: undo/redo/quit keys, and which keys a focused field keeps."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

from playground.app.assembly import Assembly
from playground.app.views import main_window

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
        for action in QWidget.actions(app.window)  # window.menu_actions is the name -> action dict
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


# -- keys and a focused field ---------------------------------------------------------------
def _focus(qtbot, app: Assembly, widget: QWidget) -> QWidget:
    window = app.window
    window.activateWindow()
    widget.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget)
    return widget


def _wait_paused_at(qtbot, app: Assembly, epoch: int) -> None:
    with qtbot.waitSignal(
        app.controller.snapshot_shown,
        timeout=TIMEOUT,
        check_params_cb=lambda s: s.epoch == epoch and not s.running,
    ):
        pass


@pytest.fixture(params=["batch", "lr", "max_epochs"])
def number_field(request, app: Assembly) -> QWidget:
    """A spin box of the window, reachable and enabled."""
    window = app.window
    window.docks["training"].raise_()
    fields = {
        "batch": window.hyper_panel.batch_spin,
        "lr": window.hyper_panel.lr_spin,
        "max_epochs": window.transport.max_epochs_spin,
    }
    fields["max_epochs"].setEnabled(True)
    return fields[request.param]


def test_space_and_r_reach_the_window_from_a_number_field(
    qtbot, app: Assembly, number_field: QWidget
) -> None:
    field = _focus(qtbot, app, number_field)
    text = field.text()
    qtbot.keyClick(field, Qt.Key.Key_Space)
    assert app.controller.running
    qtbot.keyClick(field, Qt.Key.Key_Space)
    assert not app.controller.running
    with qtbot.waitSignal(app.controller.run_started, timeout=TIMEOUT):
        qtbot.keyClick(field, Qt.Key.Key_R)
    assert field.text() == text, "the field typed nothing"
    assert QApplication.focusWidget() is field


def test_right_arrow_moves_the_cursor_first_then_steps_an_epoch(
    qtbot, app: Assembly, number_field: QWidget
) -> None:
    field = _focus(qtbot, app, number_field)
    edit = field.findChild(QLineEdit)
    edit.deselect()
    edit.setCursorPosition(0)
    epoch = app.controller.epoch
    for position in range(1, len(edit.text()) + 1):
        qtbot.keyClick(field, Qt.Key.Key_Right)
        assert edit.cursorPosition() == position
    assert app.controller.epoch == epoch
    qtbot.keyClick(field, Qt.Key.Key_Right)  # at the end: the window's "step one epoch"
    _wait_paused_at(qtbot, app, epoch + 1)


def test_number_fields_still_take_what_they_can_type(qtbot, app: Assembly) -> None:
    panel = app.window.hyper_panel
    app.window.docks["training"].raise_()
    batch = _focus(qtbot, app, panel.batch_spin)
    batch.selectAll()
    qtbot.keyClicks(batch, "25")
    qtbot.keyClick(batch, Qt.Key.Key_Return)
    assert app.controller.train_config.batch_size == 25
    lr = _focus(qtbot, app, panel.lr_spin)
    lr.selectAll()
    qtbot.keyClicks(lr, "2e-4")
    qtbot.keyClick(lr, Qt.Key.Key_Return)
    assert app.controller.train_config.learning_rate == pytest.approx(2e-4)
    assert not app.controller.running


def test_the_editable_rate_box_passes_r_on(qtbot, app: Assembly) -> None:
    app.window.docks["training"].raise_()
    panel = app.window.hyper_panel
    panel.reg_combo.setCurrentIndex(panel.reg_combo.findText("L2"))
    combo = panel.reg_rate_combo
    assert combo.isEnabled()
    _focus(qtbot, app, combo)
    text = combo.currentText()
    with qtbot.waitSignal(app.controller.run_started, timeout=TIMEOUT):
        qtbot.keyClick(combo, Qt.Key.Key_R)
    assert combo.currentText() == text


def test_a_field_for_any_text_keeps_its_keys(qtbot, app: Assembly) -> None:
    edit = QLineEdit(app.window.data_panel)
    edit.show()
    _focus(qtbot, app, edit)
    run_id = app.controller.run_id
    qtbot.keyClicks(edit, "r ")
    qtbot.keyClick(edit, Qt.Key.Key_Right)
    assert edit.text() == "r "
    assert app.controller.run_id == run_id and not app.controller.running
