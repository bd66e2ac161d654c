"""Hovering the canvas reads out where the mouse is and what the shown picture says there."""

from __future__ import annotations

import re

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QPointF
from PySide6.QtWidgets import QApplication

from playground.app.views.canvas.readout import cell, output_text
from tests.app.test_canvas import RECT, grid, make_canvas


def hover(qtbot, canvas, x: float, y: float) -> str:
    """Move the mouse over data point (x, y) and return the read-out's words."""
    qtbot.mouseMove(canvas.plot.viewport(), canvas.data_to_widget(x, y).toPoint())
    QApplication.processEvents()
    return canvas.readout.text


def test_the_sample_under_a_point_is_found_rows_from_the_bottom() -> None:
    values = np.arange(12.0).reshape(3, 4)  # row 0 is the bottom of the rect
    assert cell(values, (0.0, 0.0, 4.0, 3.0), 0.5, 0.5)[0] == 0.0
    assert cell(values, (0.0, 0.0, 4.0, 3.0), 3.5, 2.5)[0] == 11.0
    assert cell(values, (0.0, 0.0, 4.0, 3.0), 4.5, 0.5) is None
    assert output_text(np.array([0.25]), "binary") == "class 0, 75 %"
    assert output_text(np.array([0.1, 0.7, 0.2]), "multiclass") == "class 1, 70 %"
    assert output_text(np.array([0.5]), "regression") == "ŷ 0.5"
    assert output_text(np.array([np.nan]), "binary") == ""


def test_hovering_the_boundary_reads_the_class_and_its_confidence(qtbot) -> None:
    canvas, _ = make_canvas(qtbot)
    xx, _yy = grid(200)
    p1 = 1.0 / (1.0 + np.exp(-xx))  # class 1 to the right, surer the further
    canvas.show_boundary(p1[:, :, None], RECT, "binary")
    text = hover(qtbot, canvas, 3.0, 1.0)
    found = re.fullmatch(r"x₁ (\S+) · x₂ (\S+) · class 1, (\d+) %", text)
    assert found is not None, text
    x, y, share = (float(v) for v in found.groups())
    assert x == pytest.approx(3.0, abs=0.1) and y == pytest.approx(1.0, abs=0.1)
    assert share == pytest.approx(100.0 / (1.0 + np.exp(-x)), abs=1.0)
    assert "class 0" in hover(qtbot, canvas, -2.0, -4.0)
    label = canvas.readout.label
    assert canvas.plot.viewport().rect().contains(label.geometry())  # inside the canvas
    QApplication.sendEvent(canvas.plot.viewport(), QEvent(QEvent.Type.Leave))
    assert canvas.readout.text == ""


def test_a_neuron_map_is_read_as_its_value(qtbot) -> None:
    canvas, _ = make_canvas(qtbot)
    values = np.tile(np.linspace(-1.0, 1.0, 50), (50, 1))  # its value follows x
    canvas.show_neuron_map(values, RECT, "layer 1, unit 1")
    text = hover(qtbot, canvas, 5.9, 0.0)
    assert text.endswith("value 1") or "value 0.9" in text
    canvas.clear_neuron_map()
    assert "value" not in hover(qtbot, canvas, 5.9, 0.5)
    assert isinstance(canvas.data_to_widget(0.0, 0.0), QPointF)
