"""The history scrubber driven by keys and clicks, as a user at a paused run would."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

from playground.app.views.scrubber import Scrubber

#: Log-spaced checkpoints plus the latest, as a run keeps them.
EPOCHS = [0, 1, 2, 4, 8, 16, 32, 64, 120, 250, 500, 1000, 2000]
SHIFT = Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def scrubber(qtbot):
    widget = Scrubber()
    qtbot.addWidget(widget)
    widget.resize(800, 40)
    widget.set_epochs(EPOCHS)
    widget.set_scrub_enabled(True)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_positions_are_checkpoints_and_the_label_names_the_epoch(scrubber):
    assert scrubber.slider.minimum() == 0
    assert scrubber.slider.maximum() == len(EPOCHS) - 1
    assert scrubber.cursor_epoch() == 2000
    assert scrubber.label.text() == "epoch 2,000 of 2,000"
    scrubber.set_cursor_epoch(120)
    assert scrubber.slider.value() == EPOCHS.index(120)
    assert scrubber.label.text() == "epoch 120 of 2,000"


def test_it_scrubs_only_while_enabled(qtbot, scrubber):
    scrubber.set_scrub_enabled(False)
    assert not scrubber.slider.isEnabled()
    assert not scrubber.resume_button.isEnabled() and not scrubber.live_button.isEnabled()
    with qtbot.assertNotEmitted(scrubber.cursor_moved):
        scrubber.step(-1)
    assert scrubber.cursor_epoch() == 2000
    scrubber.set_scrub_enabled(True)
    assert scrubber.slider.isEnabled()


def test_shift_arrows_on_the_slider_step_one_checkpoint(qtbot, scrubber):
    scrubber.slider.setFocus()
    with qtbot.waitSignal(scrubber.cursor_moved) as blocker:
        qtbot.keyClick(scrubber.slider, Qt.Key.Key_Left, SHIFT)
    assert blocker.args == [1000]
    assert scrubber.label.text() == "epoch 1,000 of 2,000"
    with qtbot.waitSignal(scrubber.cursor_moved) as blocker:
        qtbot.keyClick(scrubber.slider, Qt.Key.Key_Left, SHIFT)
    assert blocker.args == [500]
    with qtbot.waitSignal(scrubber.cursor_moved) as blocker:
        qtbot.keyClick(scrubber.slider, Qt.Key.Key_Right, SHIFT)
    assert blocker.args == [1000]


def test_shift_arrows_on_a_button_step_too(qtbot, scrubber):
    scrubber.set_cursor_epoch(64)
    scrubber.resume_button.setFocus()
    with qtbot.waitSignal(scrubber.cursor_moved) as blocker:
        qtbot.keyClick(scrubber.resume_button, Qt.Key.Key_Right, SHIFT)
    assert blocker.args == [120]


def test_resume_is_offered_only_before_the_latest_checkpoint(qtbot, scrubber):
    assert not scrubber.resume_button.isEnabled()
    scrubber.step(-3)
    assert scrubber.cursor_epoch() == 250
    assert scrubber.resume_button.isEnabled()
    with qtbot.waitSignal(scrubber.resume_requested):
        qtbot.mouseClick(scrubber.resume_button, Qt.MouseButton.LeftButton)


def test_back_to_latest_puts_the_cursor_on_the_last_checkpoint(qtbot, scrubber):
    scrubber.step(-5)
    with qtbot.assertNotEmitted(scrubber.cursor_moved), qtbot.waitSignal(scrubber.live_requested):
        qtbot.mouseClick(scrubber.live_button, Qt.MouseButton.LeftButton)
    assert scrubber.cursor_epoch() == 2000
    assert scrubber.at_latest()
    assert not scrubber.live_button.isEnabled()


def test_stepping_stops_at_the_ends(qtbot, scrubber):
    with qtbot.assertNotEmitted(scrubber.cursor_moved):
        scrubber.step(1)
    scrubber.step(-100)
    assert scrubber.cursor_epoch() == 0
    assert scrubber.label.text() == "epoch 0 of 2,000"


def test_new_checkpoints_keep_the_cursor_or_let_it_follow(qtbot, scrubber):
    with qtbot.assertNotEmitted(scrubber.cursor_moved):
        scrubber.set_epochs([*EPOCHS, 4000])  # at the latest: follows
    assert scrubber.cursor_epoch() == 4000
    scrubber.set_cursor_epoch(120)
    with qtbot.assertNotEmitted(scrubber.cursor_moved):
        scrubber.set_epochs([*EPOCHS, 4000, 8000])
    assert scrubber.cursor_epoch() == 120
    scrubber.set_cursor_epoch(500)
    scrubber.set_epochs([0, 1, 2, 4, 8, 16, 32, 64, 120, 250])  # forked at 250
    assert scrubber.cursor_epoch() == 250
    assert scrubber.label.text() == "epoch 250 of 250"


def test_without_checkpoints_there_is_nothing_to_scrub(qtbot):
    scrubber = Scrubber()
    qtbot.addWidget(scrubber)
    scrubber.set_scrub_enabled(True)
    assert scrubber.cursor_epoch() is None
    assert scrubber.label.text() == "no checkpoints yet"
    assert not scrubber.slider.isEnabled() and not scrubber.resume_button.isEnabled()
    scrubber.step(-1)
    assert scrubber.cursor_epoch() is None


def test_the_focused_scrubber_takes_shift_arrows_before_the_window(qtbot):
    window = QWidget()
    qtbot.addWidget(window)
    scrubber = Scrubber()
    other = QPushButton("elsewhere")
    layout = QVBoxLayout(window)
    layout.addWidget(scrubber)
    layout.addWidget(other)
    fired = []
    back = QShortcut(QKeySequence("Shift+Left"), window)
    back.activated.connect(lambda: (fired.append(1), scrubber.step(-1)))
    scrubber.set_epochs(EPOCHS)
    scrubber.set_scrub_enabled(True)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    scrubber.slider.setFocus()
    qtbot.waitUntil(scrubber.slider.hasFocus)
    qtbot.keyClick(scrubber.slider, Qt.Key.Key_Left, SHIFT)
    assert scrubber.cursor_epoch() == 1000  # one checkpoint, by the scrubber itself
    assert fired == []
    other.setFocus()
    qtbot.waitUntil(other.hasFocus)
    with qtbot.waitSignal(scrubber.cursor_moved) as blocker:
        qtbot.keyClick(other, Qt.Key.Key_Left, SHIFT)  # elsewhere: the window's shortcut
    assert blocker.args == [500]
    assert fired == [1]
