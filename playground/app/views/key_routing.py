"""Which keys a focused number field keeps, and which go on to the window's shortcuts.

A focused text field claims every printable key and the arrows before Qt looks at
shortcuts, so Space, R and → did nothing while a spin box had focus. A number
field only keeps a key it would really use: a character its validator accepts
where the cursor is, or → while the cursor can still move right. Everything else
goes on to the window's actions. Fields that take any text keep all their keys.
"""

from __future__ import annotations

import contextlib

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QValidator
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox, QLineEdit, QWidget

_TYPING_MODIFIERS = Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier


def number_field(widget: QWidget) -> tuple[QLineEdit, QWidget] | None:
    """(its line edit, what validates it) when ``widget`` is a field for numbers only."""
    if isinstance(widget, QAbstractSpinBox):
        edit = widget.findChild(QLineEdit)
        return (edit, widget) if edit is not None else None
    line = widget.lineEdit() if isinstance(widget, QComboBox) and widget.isEditable() else widget
    if isinstance(line, QLineEdit) and line.validator() is not None:
        return line, line
    return None


def field_keeps_key(widget: QWidget, event: QKeyEvent) -> bool:
    """Whether a focused ``widget`` would really use the key of ``event``."""
    field = number_field(widget)
    if field is None or event.modifiers() & ~_TYPING_MODIFIERS:
        return True  # other widgets, and Ctrl/Alt combinations, decide for themselves
    edit, validator = field
    if event.key() == Qt.Key.Key_Right:
        return edit.hasSelectedText() or edit.cursorPosition() < len(edit.text())
    text = event.text()
    if not text or not text.isprintable():
        return True  # Backspace, Left, Home, Enter...: editing keys stay with the field
    if text.isspace():
        return False  # no number has a space in it
    return _accepts(edit, validator, text)


def _accepts(edit: QLineEdit, validator: QWidget, text: str) -> bool:
    """Whether typing ``text`` at the cursor leaves something the field could still accept."""
    current = edit.text()
    if edit.hasSelectedText():
        start = edit.selectionStart()
        end = start + len(edit.selectedText())
    else:
        start = end = edit.cursorPosition()
    candidate = current[:start] + text + current[end:]
    pos = start + len(text)
    state: object  # a QValidator returns a State or (state, text, pos), a spin box the tuple
    if isinstance(validator, QAbstractSpinBox):
        state = validator.validate(candidate, pos)
    else:
        rule = validator.validator() if isinstance(validator, QLineEdit) else None
        state = rule.validate(candidate, pos) if rule is not None else QValidator.State.Acceptable
    if isinstance(state, tuple):
        state = state[0]
    return state != QValidator.State.Invalid


class ShortcutRouter(QObject):
    """Lets the window's shortcuts through number fields that have no use for the key.

    It watches the focus and filters only the focused widget of its window, so it
    costs nothing while the mouse is used or training runs.
    """

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        self._watched: QWidget | None = None
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._on_app_focus_changed)

    def _on_app_focus_changed(self, old: QWidget | None, new: QWidget | None) -> None:
        if self._watched is not None:
            with contextlib.suppress(RuntimeError):  # the widget may be gone already
                self._watched.removeEventFilter(self)
            self._watched = None
        if new is not None and new.window() is self._window and number_field(new) is not None:
            new.installEventFilter(self)
            self._watched = new

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Refuse the shortcut override for keys the focused field would not use."""
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and isinstance(watched, QWidget)
            and not field_keeps_key(watched, event)
        ):
            event.ignore()
            return True  # not overridden: Qt goes on to the window's shortcut
        return False
