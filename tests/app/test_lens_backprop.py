"""The backprop inspector in the whole window: choose a point, step through it, read the diagram."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt

from playground.app.assembly import Assembly
from playground.app.backprop_wiring import BackpropWiring
from playground.app.param_wiring import ParamWiring
from playground.app.views.lenses.backprop import BackpropInspector
from playground.core.backprop_trace import format_number, format_vector, trace

TIMEOUT = 20_000


@pytest.fixture
def lens(qtbot, app: Assembly) -> BackpropInspector:
    """The inspector, wired, opened from the View menu."""
    BackpropWiring.of(app.controller)
    ParamWiring.of(app.controller)
    w = app.window
    dock = w.docks["lens_backprop"]
    assert not dock.isVisible(), "the inspector starts closed"
    view_menu = next(a.menu() for a in w.menuBar().actions() if a.text() == "&View")
    action = dock.toggleViewAction()
    assert action in view_menu.actions()
    action.trigger()
    qtbot.waitUntil(dock.isVisible, timeout=TIMEOUT)
    widget = w.views["lens_backprop"]
    assert isinstance(widget, BackpropInspector)
    return widget


def _engine_trace(app: Assembly, index: int):
    """The core trace of point ``index`` through the shown run, computed apart from the lens."""
    c = app.controller
    run = c.runs.active_run
    d = c.data_model.dataset
    train = run.spec.train_config
    return trace(run.last.to_model(), d.x[index], d.y[index], l1=train.l1, l2=train.l2)


def _text(lens: BackpropInspector) -> str:
    return lens.text.toPlainText()


def test_it_opens_closed_and_traces_a_point_chosen_in_the_spin_box(qtbot, app, lens) -> None:
    nv = app.window.network_view
    assert lens.point_index() == -1 and nv.overlays.trace is None
    lens.spin.setFocus()
    qtbot.keyClick(lens.spin, Qt.Key.Key_Up)  # none -> point 0
    qtbot.keyClick(lens.spin, Qt.Key.Key_Up)  # point 1
    assert lens.point_index() == 1
    t = _engine_trace(app, 1)
    text = _text(lens)
    assert "Z₁ = A₀·W₁ + b₁" in text
    assert format_vector(t.layers[0].z) in text and format_vector(t.layers[0].a) in text
    assert "Inspecting the current run" in lens.title.text()
    # The diagram shows the same point: z and a on the first hidden layer's neurons.
    marks = nv.overlays.marks
    for unit, (z, a) in enumerate(zip(t.layers[0].z, t.layers[0].a, strict=True)):
        shown = marks.shown[(1, unit)].text
        assert shown == f"z {format_number(z)}\na {format_number(a)}"
    assert (2, 0) not in marks.shown, "layer 2 is not reached in the first phase"
    # The inputs show A₀, in the network's input order.
    assert marks.shown[(0, 0)].text == f"a {format_number(t.inputs[0])}"


def test_pick_on_canvas_chooses_the_nearest_point_and_paints_nothing(qtbot, app, lens) -> None:
    c, canvas = app.controller, app.window.canvas
    d = c.data_model.dataset
    n = len(d)
    k = n // 2
    qtbot.mouseClick(lens.pick_button, Qt.MouseButton.LeftButton)
    assert lens.pick_button.isChecked()
    x, y = d.x[k]
    pos = canvas.data_to_widget(x + 0.01, y - 0.01).toPoint()
    nearest = int(np.argmin(np.sum((d.x - [x + 0.01, y - 0.01]) ** 2, axis=1)))
    viewport = canvas.plot.viewport()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=pos)
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=pos)
    assert lens.point_index() == nearest
    assert len(c.data_model.dataset) == n, "a pick is not a brush stroke"
    ring = canvas.picker.ring.getData()
    assert (ring[0][0], ring[1][0]) == pytest.approx(tuple(d.x[nearest]))
    assert format_vector(_engine_trace(app, nearest).inputs) in _text(lens)
    # Off again: the click paints.
    qtbot.mouseClick(lens.pick_button, Qt.MouseButton.LeftButton)
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=pos)
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=pos)
    assert len(c.data_model.dataset) > n


def test_buttons_and_arrow_keys_step_forwards_then_backwards(qtbot, app, lens) -> None:
    lens.set_point(3)
    t = _engine_trace(app, 3)
    n_layers = t.n_layers
    assert lens.phase == 0 and not lens.back_button.isEnabled()
    for _ in range(n_layers - 1):
        qtbot.mouseClick(lens.forward_button, Qt.MouseButton.LeftButton)
    assert lens.phase == n_layers - 1
    assert "output layer" in lens.phase_label.text()
    assert format_number(t.loss, 4) in _text(lens)
    lens.setFocus()
    epoch = app.controller.epoch
    qtbot.keyClick(lens, Qt.Key.Key_Right)  # the first backward phase, not Step Epoch
    assert lens.phase == n_layers
    assert "← backward" in lens.phase_label.text()
    text = _text(lens)
    assert f"dZ{n_layers_sub(n_layers)} = A{n_layers_sub(n_layers)} − Y" in text
    assert format_vector(t.layers[-1].delta) in text
    assert app.controller.epoch == epoch and not app.controller.running
    qtbot.keyClick(lens, Qt.Key.Key_Right)
    assert "dZ₂ = dA₂ ⊙ tanh′(Z₂)" in _text(lens)
    qtbot.keyClick(lens, Qt.Key.Key_Left)
    qtbot.keyClick(lens, Qt.Key.Key_Left)
    assert lens.phase == n_layers - 1
    for _ in range(2 * n_layers):
        qtbot.keyClick(lens, Qt.Key.Key_Right)
    assert lens.phase == 2 * n_layers - 1 and not lens.forward_button.isEnabled()
    assert "dW₁ = A₀ᵀ·dZ₁ / m" in _text(lens)


def n_layers_sub(n: int) -> str:
    return str(n).translate(str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉"))


def test_backward_phases_colour_edges_by_the_cores_gradients(qtbot, app, lens) -> None:
    nv = app.window.network_view
    lens.set_point(5)
    t = _engine_trace(app, 5)
    n_layers = t.n_layers
    for _ in range(n_layers):  # the first backward phase: the output layer's gradients
        lens.step(1)
    last = nv.edge_layer(n_layers - 1)
    ij = last.ij
    np.testing.assert_allclose(last.values, t.layers[-1].dw[ij[:, 0], ij[:, 1]], atol=1e-12)
    first = nv.edge_layer(0)
    assert np.isnan(first.values).all(), "layers the backward pass has not reached are blank"
    marks = nv.overlays.marks
    assert marks.shown[(n_layers, 0)].text == f"δ {format_number(t.layers[-1].delta[0])}"
    lens.step(n_layers - 1)  # down to layer 1
    ij = first.ij
    np.testing.assert_allclose(first.values, t.layers[0].dw[ij[:, 0], ij[:, 1]], atol=1e-12)
    for unit, delta in enumerate(t.layers[0].delta):
        assert marks.shown[(1, unit)].text == f"δ {format_number(delta)}"
    # Closing the inspector gives the diagram back its weights.
    app.window.docks["lens_backprop"].close()
    assert nv.overlays.trace is None and not marks.shown
    weights = app.controller.runs.active_run.last.weights()[0]
    np.testing.assert_allclose(first.values, weights[ij[:, 0], ij[:, 1]])


def test_the_trace_follows_training_and_a_checkpoint(qtbot, app, lens) -> None:
    c = app.controller
    lens.set_point(0)
    before = _text(lens)
    c.play()
    with qtbot.waitSignal(
        c.snapshot_shown, timeout=TIMEOUT, check_params_cb=lambda s: s.epoch >= 3
    ):
        pass
    c.pause()
    qtbot.waitUntil(lambda: not c.runs.active_run.last.running, timeout=TIMEOUT)
    t = _engine_trace(app, 0)
    qtbot.waitUntil(lambda: format_vector(t.layers[0].z) in _text(lens), timeout=TIMEOUT)
    assert _text(lens) != before


def test_in_compare_mode_it_inspects_the_selected_run(qtbot, app, lens) -> None:
    c = app.controller
    with qtbot.waitSignal(c.snapshot_shown, timeout=TIMEOUT):
        assert c.comparing.start("activation=tanh,relu")
    qtbot.waitUntil(lambda: all(r.last is not None for r in c.runs.runs), timeout=TIMEOUT)
    c.comparing.select(1)
    lens.set_point(2)
    assert "relu" in lens.title.text() and "selected run" in lens.title.text()
    t = _engine_trace(app, 2)
    assert t.layers[0].activation == "relu"
    assert "relu(Z₁)" in _text(lens)
    assert format_vector(t.layers[0].a) in _text(lens)
