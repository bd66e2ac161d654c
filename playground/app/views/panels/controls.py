"""Small widget makers the side panels share: sliders, spin boxes, tool buttons, rows."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSlider, QSpinBox, QToolButton, QWidget


def slider(minimum: int, maximum: int, value: int, step: int = 1) -> QSlider:
    """Return a horizontal slider."""
    slider = QSlider(Qt.Orientation.Horizontal)
    slider.setMinimum(minimum)
    slider.setMaximum(maximum)
    slider.setValue(value)
    slider.setSingleStep(step)
    slider.setPageStep(step * 2)
    return slider


def tool(text: str) -> QToolButton:
    """Return a checkable tool button."""
    button = QToolButton()
    button.setText(text)
    button.setCheckable(True)
    return button


def row(*widgets: QWidget) -> QHBoxLayout:
    """Return a row with the first widget stretched and the rest at their natural width."""
    row = QHBoxLayout()
    for i, widget in enumerate(widgets):
        row.addWidget(widget, 1 if i == 0 else 0)
    return row


def value_label() -> QLabel:
    """Return a label for showing a slider's value."""
    label = QLabel()
    label.setMinimumWidth(32)
    return label


def spin(minimum: int, maximum: int, value: int, step: int = 1) -> QSpinBox:
    """Return a spin box that reports only finished edits."""
    spin = QSpinBox(minimum=minimum, maximum=maximum, value=value, singleStep=step)
    spin.setKeyboardTracking(False)
    return spin
