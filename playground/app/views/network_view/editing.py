"""Typing a weight or a bias by hand: where it sits in ``params``, what text is a value, the field.

:class:`ParamEditor` is a small field that opens over the diagram where an edge or a bias
was clicked. Enter applies (when the text is a number the network can take), Escape
cancels; text that is refused stays in the field with the reason under it.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QPoint, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QFrame, QLabel, QLineEdit, QVBoxLayout, QWidget

from playground.app.views.numbers import compact

#: The largest |value| that can be typed: beyond it every unit it feeds saturates or blows up.
VALUE_LIMIT = 1000.0


def parse_value(text: str) -> float:
    """The number ``text`` stands for, or ValueError with a message for the user.

    Accepts the true minus sign "−" and surrounding spaces; refuses NaN, infinities and
    anything beyond ±:data:`VALUE_LIMIT`.
    """
    cleaned = text.strip().replace("−", "-").replace("\u2212", "-")
    if not cleaned:
        raise ValueError(QCoreApplication.translate("ParameterEditor", "Type a number, e.g. 0.5."))
    try:
        value = float(cleaned)
    except ValueError:
        said = QCoreApplication.translate("ParameterEditor", "“{text}” is not a number.")
        raise ValueError(said.format(text=text.strip())) from None
    if not math.isfinite(value):
        raise ValueError(
            QCoreApplication.translate(
                "ParameterEditor", "Only a finite number can be a weight: not NaN or infinity."
            )
        )
    if abs(value) > VALUE_LIMIT:
        limit = compact(VALUE_LIMIT)
        said = QCoreApplication.translate(
            "ParameterEditor", "Keep it between −{limit} and {limit}."
        )
        raise ValueError(said.format(limit=limit))
    return value


def flat_index(sizes: Sequence[int], layer: int, i: int | None, j: int) -> int:
    """Index in the flat ``params`` (``[W1, b1, W2, b2, ...]``) of one weight or bias.

    Parameters
    ----------
    sizes : sequence of int
        Layer sizes, inputs to outputs.
    layer : int
        Weight layer, 0 for inputs to the first layer.
    i : int or None
        The weight's source unit, or None for the bias of unit ``j``.
    j : int
        Target unit.
    """
    offset = 0
    for fan_in, fan_out in list(itertools.pairwise(sizes))[:layer]:
        offset += fan_in * fan_out + fan_out
    fan_in, fan_out = sizes[layer], sizes[layer + 1]
    if not 0 <= j < fan_out or (i is not None and not 0 <= i < fan_in):
        raise IndexError(f"no unit ({i}, {j}) in layer {layer} of {tuple(sizes)}")
    return offset + (fan_in * fan_out + j if i is None else i * fan_out + j)


class _Field(QLineEdit):
    """A line edit that reports Escape instead of passing it on."""

    escaped = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Escape cancels; every other key edits."""
        if event.key() == Qt.Key.Key_Escape:
            self.escaped.emit()
            event.accept()
            return
        super().keyPressEvent(event)


class ParamEditor(QFrame):
    """The inline field: a caption, the value, and the reason when text is refused."""

    accepted = Signal(float)
    cancelled = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("paramEditor")
        self.setStyleSheet(
            "#paramEditor { background: #ffffff; border: 1px solid #9aa3ab; border-radius: 4px; }"
            " #paramError { color: #b3261e; }"
        )
        self.caption = QLabel(self)
        self.field = _Field(self)
        self.field.setMinimumWidth(120)
        self.field.setToolTip(
            QCoreApplication.translate("ParameterEditor", "Enter applies, Escape cancels")
        )
        self.message = QLabel(self)
        self.message.setObjectName("paramError")
        self.message.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.setSpacing(2)
        for widget in (self.caption, self.field, self.message):
            layout.addWidget(widget)
        self.field.returnPressed.connect(self._on_return)
        self.field.escaped.connect(self.cancel)
        self.hide()

    def open(self, at: QPoint, caption: str, value: float) -> None:
        """Show the field at ``at`` (parent coordinates) holding ``value``, selected."""
        self.caption.setText(caption)
        self.field.setText(compact(value, 6))
        self.field.selectAll()
        self.message.clear()
        self.message.hide()
        self.adjustSize()
        parent = self.parentWidget()
        x, y = at.x() + 8, at.y() + 8
        if parent is not None:
            x = max(0, min(x, parent.width() - self.width()))
            y = max(0, min(y, parent.height() - self.height()))
        self.move(x, y)
        self.show()
        self.raise_()
        self.field.setFocus(Qt.FocusReason.PopupFocusReason)

    def cancel(self) -> None:
        """Close without applying."""
        if self.isVisible():
            self._close()
            self.cancelled.emit()

    def _close(self) -> None:
        """Hide, giving the focus back to the diagram."""
        self.hide()
        parent = self.parentWidget()
        if parent is not None:
            parent.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_return(self) -> None:
        try:
            value = parse_value(self.field.text())
        except ValueError as exc:
            self.message.setText(str(exc))
            self.message.show()
            self.adjustSize()
            return
        self._close()
        self.accepted.emit(value)
