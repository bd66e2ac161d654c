"""Editing the network and the data in the whole window, while it trains."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPoint, Qt

from playground.app.assembly import Assembly

TIMEOUT = 20_000


def _next_snapshot(qtbot, app: Assembly, check=lambda s: True):
    c = app.controller
    with qtbot.waitSignal(
        c.snapshot_shown,
        timeout=TIMEOUT,
        check_params_cb=lambda s: s.run_id == c.run_id and check(s),
    ) as blocker:
        pass
    return blocker.args[0]


def _proxy_point(app: Assembly, proxy) -> QPoint:
    view = app.window.network_view.graphics_view
    return view.mapFromScene(proxy.sceneBoundingRect().center())


def test_neuron_buttons_change_a_layer_and_rebuild(qtbot, app: Assembly) -> None:
    c, nv = app.controller, app.window.network_view
    units = c.model_config.hidden[0]
    controls = nv.header.layers[0]
    with qtbot.waitSignal(c.run_started, timeout=TIMEOUT):
        qtbot.mouseClick(
            nv.graphics_view.viewport(),
            Qt.MouseButton.LeftButton,
            pos=_proxy_point(app, controls._plus),
        )
    assert c.model_config.hidden[0] == units + 1
    snap = _next_snapshot(qtbot, app)
    assert snap.sizes[1] == units + 1
    assert len(nv.node_items(1)) == units + 1

    with qtbot.waitSignal(c.run_started, timeout=TIMEOUT):
        qtbot.mouseClick(nv.header.layers[0].minus_button, Qt.MouseButton.LeftButton)
    assert c.model_config.hidden[0] == units


def test_removing_layers_down_to_none_gives_a_linear_model(qtbot, app: Assembly) -> None:
    c, header = app.controller, app.window.network_view.header
    while c.model_config.hidden:
        with qtbot.waitSignal(c.run_started, timeout=TIMEOUT):
            qtbot.mouseClick(header.remove_layer_button, Qt.MouseButton.LeftButton)
    assert not header.remove_layer_button.isEnabled()
    snap = _next_snapshot(qtbot, app)
    assert snap.sizes == (2, 1)


def test_activation_combo_switches_the_layer(qtbot, app: Assembly) -> None:
    c = app.controller
    combo = app.window.network_view.header.layers[1].combo
    assert combo.currentText() == "tanh"
    with qtbot.waitSignal(c.run_started, timeout=TIMEOUT):
        qtbot.keyClick(combo, Qt.Key.Key_Down)  # the next activation in the table
    assert c.model_config.activations[1] == "softplus"
    snap = _next_snapshot(qtbot, app)
    assert snap.model_config.activations[1] == "softplus"
    assert "softplus" in app.window.banner.text()


def test_hovering_a_neuron_shows_its_map_on_the_canvas(qtbot, app: Assembly) -> None:
    nv, canvas = app.window.network_view, app.window.canvas
    node = nv.node_items(1)[0]
    pos = nv.graphics_view.mapFromScene(node.center)
    with qtbot.waitSignal(nv.node_hovered, timeout=TIMEOUT) as hovered:
        qtbot.mouseMove(nv.graphics_view.viewport(), pos)
    assert hovered.args == [1, 0]
    snap = _next_snapshot(qtbot, app, lambda s: s.focus == (1, 0))
    assert snap.focus_map.shape == (200, 200)
    shown = np.asarray(canvas.image.image)
    assert shown.shape[:2] == (200, 200)
    # A tanh unit's map is a smooth ramp, so its picture differs from corner to corner.
    assert not np.array_equal(shown[0, 0], shown[-1, -1])

    with qtbot.waitSignal(nv.node_unhovered, timeout=TIMEOUT):
        qtbot.mouseMove(nv.graphics_view.viewport(), QPoint(4, nv.graphics_view.height() - 4))


def test_a_hovered_neuron_shows_at_once_then_sharpens(qtbot, app: Assembly) -> None:
    """No round trip before the map shows: its thumbnail first, the worker's 200x200 after."""
    c, nv, canvas = app.controller, app.window.network_view, app.window.canvas
    before = _next_snapshot(qtbot, app)
    thumb = before.neuron_maps[1][0]
    node = nv.node_items(1)[0]
    pos = nv.graphics_view.mapFromScene(node.center)
    with qtbot.waitSignal(nv.node_hovered, timeout=TIMEOUT):
        qtbot.mouseMove(nv.graphics_view.viewport(), pos)
    shown = np.asarray(canvas.image.image)
    assert shown.shape[:2] == thumb.shape, "at once, before the worker answered"
    assert canvas.neuron_label.isVisible() and "tanh" in canvas.neuron_label.text()
    _next_snapshot(qtbot, app, lambda s: s.focus == (1, 0) and s.focus_map is not None)
    assert np.asarray(canvas.image.image).shape[:2] == (200, 200)
    with qtbot.waitSignal(nv.node_unhovered, timeout=TIMEOUT):
        qtbot.mouseMove(nv.graphics_view.viewport(), QPoint(4, nv.graphics_view.height() - 4))
    assert not canvas.neuron_label.isVisible()
    assert c.last_snapshot is not None


def test_painting_while_training_reaches_the_next_step(qtbot, app: Assembly) -> None:
    c, canvas = app.controller, app.window.canvas
    c.play()
    _next_snapshot(qtbot, app, lambda s: s.epoch >= 1)
    n_before = len(c.data_model.dataset)
    run_id = c.run_id
    viewport = canvas.plot.viewport()
    start = canvas.data_to_widget(-5.0, 5.0).toPoint()
    end = canvas.data_to_widget(-4.0, 5.0).toPoint()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(viewport, end)
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=end)
    added = len(c.data_model.dataset) - n_before
    assert added > 0
    assert c.run_id == run_id, "painting points of existing classes does not reset"
    new_points = c.data_model.dataset.x[n_before:]
    assert np.all(np.abs(new_points - [-4.5, 5.0]).max(axis=1) < 2.0)
    later = _next_snapshot(qtbot, app, lambda s: s.epoch >= 3)
    assert later.run_id == run_id
    c.pause()


def test_ctrl_z_and_ctrl_shift_z_undo_and_redo_a_stroke(qtbot, app: Assembly) -> None:
    c, canvas, window = app.controller, app.window.canvas, app.window
    n_before = len(c.data_model.dataset)
    viewport = canvas.plot.viewport()
    start = canvas.data_to_widget(4.0, -5.0).toPoint()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=start)
    n_painted = len(c.data_model.dataset)
    assert n_painted > n_before
    window.activateWindow()
    window.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert len(c.data_model.dataset) == n_before
    qtbot.keyClick(
        window,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert len(c.data_model.dataset) == n_painted
