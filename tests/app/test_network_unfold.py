"""Wide layers unfold: every unit, its bias pill and its edges drawn and editable (pytest-qt)."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication

from playground.app.assembly import Assembly
from playground.app.param_wiring import ParamWiring
from playground.app.views.network_view import NetworkView
from playground.app.views.network_view import view as view_module
from playground.app.views.network_view.editing import flat_index, parse_value
from playground.app.views.network_view.items import FoldPill
from playground.app.views.network_view.layout import HEADER_H, MAX_VISIBLE_UNITS, MIN_NODE

FEATURES = ["x1", "x2", "x1^2"]
LABELS = {"x1": "x₁", "x2": "x₂", "x1^2": "x₁²"}
ACTIVATIONS = ["relu", "tanh"]
T = 8
TIMEOUT = 20_000


def set_arch(view: NetworkView, hidden, n_outputs: int = 1) -> None:
    view.set_architecture(FEATURES, LABELS, ["x1", "x2"], list(hidden), n_outputs, ACTIVATIONS)


@pytest.fixture
def view(qtbot):
    """A NetworkView at its panel size with a 20-unit layer before a 6-unit one."""
    widget = NetworkView()
    qtbot.addWidget(widget)
    widget.resize(700, 450)
    widget.show()
    qtbot.waitExposed(widget)
    set_arch(widget, [(20, "tanh"), (6, "tanh")])
    return widget


def pill(view: NetworkView, column: int) -> FoldPill:
    item = view.summary_item(column)
    assert isinstance(item, FoldPill)
    return item


def click_scene(qtbot, view: NetworkView, point: QPointF, button=Qt.MouseButton.LeftButton):
    """Scroll ``point`` into view (below the pinned header) and click it."""
    gv = view.graphics_view
    gv.ensureVisible(point.x(), point.y(), 1, 1, 20, HEADER_H + 20)
    pos = gv.mapFromScene(point)
    assert gv.viewport().rect().contains(pos) and pos.y() > HEADER_H
    qtbot.mouseClick(gv.viewport(), button, pos=pos)


def edge_point(view: NetworkView, layer: int, k: int) -> QPointF:
    """A point of edge k, scrolled into view, where a click at its pixel finds that edge only."""
    gv, edges = view.graphics_view, view.edge_layer(layer)
    for sample in (8, 6, 10, 4, 12, 5, 11, 7, 9, 3, 13):
        x, y = edges.points[k, sample]
        gv.ensureVisible(x, y, 1, 1, 20, HEADER_H + 20)
        back = gv.mapToScene(gv.mapFromScene(QPointF(x, y)))
        if edges.nearest(back.x(), back.y()) == k:
            return back
    raise AssertionError(f"edge {k} of layer {layer} has no pixel of its own")


def context_menu(view: NetworkView, point: QPointF) -> None:
    """Ask for the diagram's context menu at a scene point, as a right click does."""
    gv = view.graphics_view
    gv.ensureVisible(point.x(), point.y(), 1, 1, 20, HEADER_H + 20)
    pos = gv.mapFromScene(point)
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, pos, gv.viewport().mapToGlobal(pos))
    QApplication.sendEvent(gv.viewport(), event)


def bias_units(view: NetworkView, column: int) -> list[int]:
    return sorted(u for c, u in view.overlays.bias_badges.pills if c == column)


def maps(units=(20, 6)) -> tuple[np.ndarray, list[np.ndarray], np.ndarray]:
    """Thumbnails where unit u of a layer is the constant (u + 1) / 32."""
    column = [np.ones((n, T, T)) * (np.arange(n)[:, None, None] + 1) / 32 for n in units]
    return np.zeros((2, T, T)), column, np.zeros((1, T, T))


def test_a_wide_layer_shows_twelve_units_and_a_pill_for_the_rest(view):
    assert len(view.node_items(1)) == MAX_VISIBLE_UNITS
    assert pill(view, 1).label.text() == "+8 more"
    assert "units 13–20" in pill(view, 1).toolTip()
    assert bias_units(view, 1) == list(range(12))
    assert len(view.edge_layer(0).ij) == 2 * 12 and len(view.edge_layer(1).ij) == 12 * 6
    assert view.summary_item(2) is None and not view.folding.is_unfolded(1)


def test_clicking_the_pill_draws_every_unit_and_show_fewer_folds_it(qtbot, view, monkeypatch):
    view.show_thumbnails(*maps())
    weights = [np.full((2, 20), 0.5), np.full((20, 6), -0.5), np.full((6, 1), 0.5)]
    weights[1][16, 3] = 1.75
    view.show_weights(weights, [np.arange(20) / 10, np.zeros(6), np.zeros(1)])
    builds: list[object] = []
    build = view_module.build_diagram
    monkeypatch.setattr(view_module, "build_diagram", lambda *a: builds.append(a) or build(*a))
    click_scene(qtbot, view, pill(view, 1).sceneBoundingRect().center())
    assert len(builds) == 1, "the toggle builds the diagram once"
    nodes = view.node_items(1)
    assert len(nodes) == 20 and view.folding.is_unfolded(1)
    assert MIN_NODE <= nodes[0].size < 44, "the nodes shrank to fit more"
    assert bias_units(view, 1) == list(range(20))
    texts = {u: view.overlays.bias_badges.pills[(1, u)].text.text() for u in (12, 16, 19)}
    assert texts == {12: "b 1.2", 16: "b 1.6", 19: "b 1.9"}
    assert sorted(set(view.edge_layer(0).ij[:, 1].tolist())) == list(range(20))
    into = view.edge_layer(1)
    assert len(into.ij) == 20 * 6
    k = next(k for k, ij in enumerate(into.ij.tolist()) if ij == [16, 3])
    assert into.values[k] == 1.75, "unit 17's edges show their weights"
    for node in nodes[12:]:  # the thumbnails of the new nodes were painted at once
        assert not node.pixmap.pixmap().isNull()
    shown = nodes[16].pixmap.pixmap().toImage().pixelColor(0, 0)
    assert shown == nodes[16].pixmap.pixmap().toImage().pixelColor(T - 1, T - 1)
    assert view.graphics_view.verticalScrollBar().maximum() > 0, "the diagram scrolls"
    fewer = pill(view, 1)
    assert fewer.label.text() == "show fewer" and fewer.unfolded
    last = nodes[-1].center.y()
    assert fewer.sceneBoundingRect().top() > last + nodes[-1].size / 2, "below the last unit"
    click_scene(qtbot, view, fewer.sceneBoundingRect().center())
    assert len(view.node_items(1)) == 12 and pill(view, 1).label.text() == "+8 more"
    assert bias_units(view, 1) == list(range(12))
    assert len(view.edge_layer(1).ij) == 12 * 6


def test_the_unfolded_nodes_hover_and_their_edges_report_clicks(qtbot, view):
    weights = [np.full((2, 20), 0.25), np.full((20, 6), 0.25), np.full((6, 1), 0.25)]
    weights[1][17, 2] = -0.75
    view.show_weights(weights)
    click_scene(qtbot, view, pill(view, 1).sceneBoundingRect().center())
    node = view.node_items(1)[17]
    gv = view.graphics_view
    gv.ensureVisible(node.clip.sceneBoundingRect(), 20, HEADER_H + 20)
    with qtbot.waitSignal(view.node_hovered, timeout=1000) as hovered:
        qtbot.mouseMove(gv.viewport(), gv.mapFromScene(node.center))
    assert hovered.args == [1, 17]
    edges = view.edge_layer(1)
    k = next(k for k, ij in enumerate(edges.ij.tolist()) if ij == [17, 2])
    with qtbot.waitSignal(view.edge_clicked, timeout=1000) as clicked:
        click_scene(qtbot, view, edge_point(view, 1, k))
    assert clicked.args == [1, 17, 2, pytest.approx(-0.75)]


def test_enter_on_a_focused_pill_toggles_it_and_keeps_the_focus(qtbot, view):
    gv = view.graphics_view
    gv.setFocus()
    pill(view, 1).setFocus()
    qtbot.keyClick(gv, Qt.Key.Key_Return)
    assert len(view.node_items(1)) == 20
    fewer = pill(view, 1)
    assert fewer.hasFocus() and fewer.label.text() == "show fewer"
    assert gv.viewport().rect().contains(gv.mapFromScene(fewer.sceneBoundingRect().center()))
    qtbot.keyClick(gv, Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)
    assert len(view.node_items(1)) == 12 and pill(view, 1).hasFocus()


def test_tab_reaches_the_pill(qtbot, view):
    gv = view.graphics_view
    gv.setFocus()
    scene = gv.scene()
    for _ in range(20):  # the header's buttons and boxes come first
        if isinstance(scene.focusItem(), FoldPill):
            break
        qtbot.keyClick(gv, Qt.Key.Key_Tab)
    assert scene.focusItem() is pill(view, 1)
    qtbot.keyClick(gv, Qt.Key.Key_Space)
    assert len(view.node_items(1)) == 20


@pytest.mark.qt_log_ignore("does not support raise", "does not support grabbing the keyboard")
def test_the_context_menu_of_a_wide_column_folds_and_unfolds_it(qtbot, view):
    menu = view.folding.menu
    context_menu(view, view.node_items(1)[3].center)
    assert menu.isVisible()
    (action,) = menu.actions()
    assert action.text() == "Draw all 20 units"
    qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(action).center())
    assert len(view.node_items(1)) == 20
    context_menu(view, pill(view, 1).sceneBoundingRect().center())
    (action,) = menu.actions()
    assert action.text() == "Draw only the first 12 units"
    action.trigger()
    assert len(view.node_items(1)) == 12
    menu.hide()
    context_menu(view, view.node_items(2)[0].center)  # a narrow column has nothing to offer
    assert not menu.isVisible()


def test_the_unfolded_state_survives_frames_edits_and_a_language_change(qtbot, view):
    click_scene(qtbot, view, pill(view, 1).sceneBoundingRect().center())
    nodes = view.node_items(1)
    view.show_thumbnails(*maps())
    view.show_weights([np.zeros((2, 20)), np.zeros((20, 6)), np.zeros((6, 1))])
    set_arch(view, [(20, "tanh"), (6, "tanh")])  # a frame of the same network
    assert view.node_items(1) == nodes
    set_arch(view, [(20, "tanh"), (6, "tanh"), (6, "tanh")])  # a layer added after it
    assert len(view.node_items(1)) == 20
    set_arch(view, [(21, "relu"), (6, "tanh"), (6, "tanh")])  # its units and activation
    assert len(view.node_items(1)) == 21 and pill(view, 1).label.text() == "show fewer"
    QApplication.sendEvent(view, QEvent(QEvent.Type.LanguageChange))
    assert len(view.node_items(1)) == 21
    view.resize(900, 600)
    assert len(view.node_items(1)) == 21


def test_a_column_that_goes_away_forgets_it_and_the_output_is_followed(qtbot, view):
    set_arch(view, [(20, "tanh"), (16, "tanh")], n_outputs=14)
    for column in (2, 3):
        click_scene(qtbot, view, pill(view, column).sceneBoundingRect().center())
    assert [len(view.node_items(c)) for c in (1, 2, 3)] == [12, 16, 14]
    assert bias_units(view, 3) == list(range(14)), "every output bias is drawn"
    set_arch(view, [(20, "tanh")], n_outputs=14)  # layer 2 removed: the output moves left
    assert [len(view.node_items(c)) for c in (1, 2)] == [12, 14]
    set_arch(view, [(20, "tanh"), (16, "tanh")], n_outputs=14)  # added back: folded
    assert [len(view.node_items(c)) for c in (1, 2, 3)] == [12, 12, 14]


# -- the whole window ---------------------------------------------------------------------------
def _shown(app: Assembly, index: int) -> float:
    return float(app.controller.runs.active_run.last.params[index])


def _sizes(app: Assembly) -> tuple[int, ...] | None:
    last = app.controller.runs.active_run.last
    return None if last is None else tuple(last.sizes)


def _undo(qtbot, app: Assembly) -> None:
    app.window.activateWindow()
    app.window.setFocus()
    qtbot.keyClick(app.window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)


def test_unit_17s_bias_is_edited_in_the_window_and_undone(qtbot, app: Assembly) -> None:
    ParamWiring.of(app.controller)
    c, nv = app.controller, app.window.network_view
    with qtbot.waitSignal(c.run_started, timeout=TIMEOUT):
        c.configure("wide", hidden=(20, 6), activations=("tanh", "tanh"))
    qtbot.waitUntil(lambda: _sizes(app) == (2, 20, 6, 1), timeout=TIMEOUT)
    qtbot.waitUntil(lambda: len(nv.overlays.bias_badges.values) == 12 + 6 + 1, timeout=TIMEOUT)
    assert len(nv.node_items(1)) == 12
    click_scene(qtbot, nv, pill(nv, 1).sceneBoundingRect().center())
    assert len(nv.node_items(1)) == 20 and len(nv.overlays.bias_badges.values) == 20 + 6 + 1
    sizes = c.runs.active_run.last.sizes
    index = flat_index(sizes, 0, None, 16)
    old = _shown(app, index)
    badge = nv.overlays.bias_badges.pills[(1, 16)]
    click_scene(qtbot, nv, badge.scene_rect().center())
    editor = nv.overlays.editor
    assert editor.isVisible() and "Bias of layer 1 #17" in editor.caption.text()
    assert parse_value(editor.field.text()) == pytest.approx(old, abs=1e-5)
    editor.field.selectAll()
    qtbot.keyClicks(editor.field, "0.875")
    qtbot.keyClick(editor.field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _shown(app, index) == 0.875, timeout=TIMEOUT)
    qtbot.waitUntil(lambda: badge.text.text() == "b 0.88", timeout=TIMEOUT)
    _undo(qtbot, app)
    qtbot.waitUntil(lambda: _shown(app, index) == old, timeout=TIMEOUT)

    add = nv.header.add_layer_button
    with qtbot.waitSignal(c.run_started, timeout=TIMEOUT):
        qtbot.mouseClick(add, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: _sizes(app) == (2, 20, 6, 6, 1), timeout=TIMEOUT)
    assert len(nv.node_items(1)) == 20, "adding a layer elsewhere keeps the column unfolded"
    assert len(nv.edge_layer(0).ij) == 2 * 20

    click_scene(qtbot, nv, pill(nv, 1).sceneBoundingRect().center())
    assert len(nv.node_items(1)) == 12 and pill(nv, 1).label.text() == "+8 more"
    assert sorted(u for col, u in nv.overlays.bias_badges.values if col == 1) == list(range(12))
