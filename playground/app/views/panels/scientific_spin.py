"""A float field that takes 1e-4 style input and steps along a ladder of values."""

from __future__ import annotations

import re
from collections.abc import Sequence

from PySide6.QtGui import QValidator
from PySide6.QtWidgets import QDoubleSpinBox, QWidget

_FLOAT_PREFIX = re.compile(r"[+-]?(\d+\.?\d*|\.\d*)?([eE][+-]?\d*)?")


class ScientificSpinBox(QDoubleSpinBox):
    """A float field that accepts 1e-4 style input and steps along an optional ladder."""

    def __init__(self, steps: Sequence[float] = (), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.steps = tuple(steps)
        self.setDecimals(12)
        self.setKeyboardTracking(False)

    def textFromValue(self, value: float) -> str:
        """Show the value in the shortest form (0.03, 1e-05, 3)."""
        return f"{value:.6g}"

    def valueFromText(self, text: str) -> float:
        """Parse decimal or scientific text."""
        try:
            return float(text)
        except ValueError:
            return self.value()

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:
        """Accept complete floats in range, tolerate their prefixes; text and cursor stay."""
        return self._state(text), text, pos

    def _state(self, text: str) -> QValidator.State:
        """Acceptable for a float in range, Intermediate for its prefixes, else Invalid."""
        try:
            value = float(text)
        except ValueError:
            full = _FLOAT_PREFIX.fullmatch(text) is not None
            return QValidator.State.Intermediate if full else QValidator.State.Invalid
        if self.minimum() <= value <= self.maximum():
            return QValidator.State.Acceptable
        return QValidator.State.Intermediate

    def stepBy(self, steps: int) -> None:
        """Move to the next or previous ladder value (or by singleStep without a ladder)."""
        if not self.steps:
            super().stepBy(steps)
            return
        value = self.value()
        for _ in range(abs(steps)):
            if steps > 0:
                value = next((s for s in self.steps if s > value * (1 + 1e-9)), value)
            else:
                value = next((s for s in reversed(self.steps) if s < value * (1 - 1e-9)), value)
        self.setValue(value)
