"""The activation gallery in the whole window: open it, pick functions, use one in a layer."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication

from playground.app.assembly import Assembly
from playground.app.lens_wiring import wire_lenses
from playground.app.present.registry import view_spec
from playground.app.views.lenses.gallery import ActivationGallery
from playground.core.activation_curves import Z_RANGE, gallery_names

TIMEOUT = 20_000


def view_menu_action(app: Assembly, name: str) -> QAction:
    """The View menu's entry for the dock of view ``name``."""
    menu = next(a.menu() for a in app.window.menuBar().actions() if a.text() == "&View")
    found = [a for a in menu.actions() if a.text() == view_spec(name).title]
    assert len(found) == 1, [a.text() for a in menu.actions()]
    return found[0]


@pytest.fixture
def gallery(qtbot, app: Assembly) -> ActivationGallery:
    """The gallery, wired, opened from the View menu (it starts closed)."""
    wire_lenses(app.controller)
    dock = app.window.docks["lens_gallery"]
    assert not dock.isVisible()
    view_menu_action(app, "lens_gallery").trigger()
    qtbot.waitUntil(dock.isVisible, timeout=TIMEOUT)
    widget = app.window.views["lens_gallery"]
    assert isinstance(widget, ActivationGallery)
    return widget


def pick(qtbot, combo, text: str) -> None:
    """Choose an entry of a closed combo box with the keyboard: Home, then Down to it."""
    index = combo.findText(text)
    assert index >= 0, text
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    for _ in range(index):
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentText() == text


def test_it_opens_on_the_first_layers_activation_and_offers_every_function(qtbot, app, gallery):
    combo = gallery.function_combo
    assert [combo.itemText(i) for i in range(combo.count())] == gallery_names()
    layers = app.controller.runs.active_run.spec.model_config.activations
    assert gallery.function == layers[0]
    texts = [gallery.layer_combo.itemText(i) for i in range(gallery.layer_combo.count())]
    assert texts == [f"layer {i + 1} · {name}" for i, name in enumerate(layers)]


def test_sigmoid_is_drawn_with_its_derivative_and_its_peak(qtbot, gallery):
    pick(qtbot, gallery.function_combo, "sigmoid")
    z = gallery.f_curve.xData
    assert z[0] == Z_RANGE[0] and z[-1] == Z_RANGE[1]
    s = 1.0 / (1.0 + np.exp(-z))
    np.testing.assert_allclose(gallery.f_curve.yData, s, rtol=1e-12)
    np.testing.assert_allclose(gallery.slope_curve.yData, s * (1.0 - s), atol=1e-15)
    x, y = gallery.marker_points.getData()
    assert list(x) == [0.0] and list(y) == [pytest.approx(0.25)]
    shown = [t for t in gallery.marker_texts if t.isVisible()]
    assert [t.toPlainText() for t in shown] == ["f′ peaks at 0.25 at z = 0"]
    assert shown[0].pos().x() == 0.0 and shown[0].pos().y() == pytest.approx(0.25)
    assert "(0, 1)" in gallery.notes_label.text()


def test_tanh_peaks_at_one_and_relu_steps_from_zero_to_one(qtbot, gallery):
    pick(qtbot, gallery.function_combo, "relu")
    np.testing.assert_array_equal(gallery.f_curve.yData, np.maximum(gallery.f_curve.xData, 0))
    np.testing.assert_array_equal(gallery.slope_curve.yData, gallery.f_curve.xData > 0)
    x, y = gallery.marker_points.getData()
    assert list(zip(x, y, strict=True)) == [(0.0, 0.0), (0.0, 1.0)]
    assert "f′ steps from 0 to 1 at z = 0" in gallery.notes_label.text()
    pick(qtbot, gallery.function_combo, "tanh")
    np.testing.assert_allclose(gallery.slope_curve.yData, 1.0 - np.tanh(gallery.f_curve.xData) ** 2)
    assert gallery.marker_points.getData()[1].tolist() == [pytest.approx(1.0)]


def test_use_for_layer_changes_the_chosen_layers_activation(qtbot, app, gallery):
    c = app.controller
    before = c.runs.active_run.spec.model_config.activations
    assert before[1] != "sigmoid"
    gallery.layer_combo.setFocus()
    qtbot.keyClick(gallery.layer_combo, Qt.Key.Key_Down)  # layer 2
    assert gallery.selected_layer == 1
    pick(qtbot, gallery.function_combo, "sigmoid")
    assert gallery.use_button.isEnabled()
    qtbot.mouseClick(gallery.use_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: c.runs.active_run.spec.model_config.activations == (before[0], "sigmoid"),
        timeout=TIMEOUT,
    )
    assert c.model_config.activations == (before[0], "sigmoid")
    # the diagram's combo for layer 2 says so too: the edit took the diagram's path
    qtbot.waitUntil(
        lambda: app.window.network_view.header.layers[1].combo.currentText() == "sigmoid",
        timeout=TIMEOUT,
    )
    qtbot.waitUntil(lambda: gallery.layer_combo.itemText(1) == "layer 2 · sigmoid", timeout=TIMEOUT)
    assert not gallery.use_button.isEnabled()  # it uses sigmoid already


def test_softmax_is_shown_but_no_hidden_layer_can_use_it(qtbot, app, gallery):
    pick(qtbot, gallery.function_combo, "softmax")
    z = gallery.f_curve.xData
    np.testing.assert_allclose(gallery.f_curve.yData, 1.0 / (1.0 + np.exp(-z)), rtol=1e-12)
    assert not gallery.use_button.isEnabled()
    assert "output" in gallery.use_button.toolTip()
    assert "sigmoid" in gallery.notes_label.text()


def test_in_compare_mode_the_choice_reaches_every_run(qtbot, app, gallery):
    c = app.controller
    with qtbot.waitSignal(c.run_started, timeout=TIMEOUT):
        assert c.comparing.start("lr=0.03,0.1")
    pick(qtbot, gallery.function_combo, "relu")
    gallery.layer_combo.setFocus()
    qtbot.keyClick(gallery.layer_combo, Qt.Key.Key_Home)  # layer 1
    qtbot.mouseClick(gallery.use_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: all(r.spec.model_config.activations[0] == "relu" for r in c.runs.runs),
        timeout=TIMEOUT,
    )
    assert c.runs.comparing and len(c.runs.runs) == 2


def test_hovering_the_derivative_reads_out_z_and_the_slope(qtbot, gallery):
    pick(qtbot, gallery.function_combo, "sigmoid")
    QApplication.processEvents()  # the notes' new lines resize the plot
    curve = gallery.slope_curve
    i = int(np.argmin(np.abs(curve.xData - 1.0)))  # z = 1.0
    scene = curve.getViewBox().mapViewToScene(QPointF(curve.xData[i], curve.yData[i]))
    qtbot.mouseMove(gallery.graphics.viewport(), gallery.graphics.mapFromScene(scene))
    qtbot.waitUntil(lambda: gallery.hover.text != "", timeout=TIMEOUT)
    assert gallery.hover.text.startswith("z 1 · f′(z) 0.1966 · sigmoid")
