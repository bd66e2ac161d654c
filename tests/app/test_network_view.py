"""NetworkView driven through real clicks, key presses and mouse moves (pytest-qt)."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor

from playground.app.views.network_view import NetworkView
from playground.app.views.network_view.items import MAX_EDGE_W, MIN_EDGE_W
from playground.app.views.network_view.layout import HEADER_H, MAX_VISIBLE_UNITS

FEATURES = ["x1", "x2", "x1^2", "x2^2", "x1x2", "sin_x1", "sin_x2"]
LABELS = {
    "x1": "x₁",
    "x2": "x₂",
    "x1^2": "x₁²",
    "x2^2": "x₂²",
    "x1x2": "x₁x₂",
    "sin_x1": "sin(x₁)",
    "sin_x2": "sin(x₂)",
}
ACTIVATIONS = ["relu", "tanh", "sigmoid", "linear"]
HIDDEN = [(4, "tanh"), (3, "relu"), (2, "tanh")]
T = 16


def set_arch(view: NetworkView, hidden=HIDDEN, on=("x1", "x2"), n_outputs: int = 1) -> None:
    """Give the view an architecture with the test's features and activations."""
    view.set_architecture(FEATURES, LABELS, list(on), list(hidden), n_outputs, ACTIVATIONS)


@pytest.fixture
def view(qtbot):
    """A NetworkView shown at the panel size it was designed for, with a small network."""
    widget = NetworkView()
    qtbot.addWidget(widget)
    widget.resize(700, 450)
    widget.show()
    qtbot.waitExposed(widget)
    set_arch(widget)
    return widget


def viewport_point(view: NetworkView, scene_point: QPointF) -> QPoint:
    """Map a scene point to viewport pixels."""
    return view.graphics_view.mapFromScene(scene_point)


def click_scene(qtbot, view: NetworkView, scene_point: QPointF) -> None:
    """Left-click the viewport where a scene point is drawn."""
    pos = viewport_point(view, scene_point)
    qtbot.mouseClick(view.graphics_view.viewport(), Qt.MouseButton.LeftButton, pos=pos)


def proxy_center(proxy) -> QPointF:
    """Return the scene centre of an embedded widget."""
    return proxy.sceneBoundingRect().center()


def is_blue(color: QColor) -> bool:
    """Tell a positive (blue) colour from a negative (orange) one."""
    return color.blue() > color.red() + 40


def is_orange(color: QColor) -> bool:
    """Tell a negative (orange) colour from a positive (blue) one."""
    return color.red() > color.blue() + 40


def test_unit_buttons_emit_intents_without_changing_the_layer(qtbot, view):
    controls = view.header.layers[1]
    with qtbot.waitSignal(view.units_change_requested, timeout=1000) as blocker:
        click_scene(qtbot, view, proxy_center(controls._plus))
    assert blocker.args == [1, 1]
    with qtbot.waitSignal(view.units_change_requested, timeout=1000) as blocker:
        qtbot.mouseClick(view.header.layers[0].minus_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [0, -1]
    assert controls.label.text() == "3 neurons"
    assert len(view.node_items(2)) == 3


def test_unit_buttons_disable_at_the_limits(qtbot, view):
    set_arch(view, hidden=[(1, "tanh"), (256, "relu")])
    assert not view.header.layers[0].minus_button.isEnabled()
    assert view.header.layers[0].plus_button.isEnabled()
    assert not view.header.layers[1].plus_button.isEnabled()
    assert view.header.layers[0].label.text() == "1 neuron"


def test_layer_buttons_emit_intents(qtbot, view):
    with qtbot.waitSignal(view.layer_add_requested, timeout=1000):
        click_scene(qtbot, view, proxy_center(view.header._add))
    with qtbot.waitSignal(view.layer_remove_requested, timeout=1000):
        click_scene(qtbot, view, proxy_center(view.header._remove))
    assert view.header._layers_label.text() == "3 hidden layers"
    set_arch(view, hidden=[])
    assert view.header._layers_label.text() == "0 hidden layers"
    assert not view.header.remove_layer_button.isEnabled()
    set_arch(view, hidden=[(2, "tanh")] * 12)
    assert not view.header.add_layer_button.isEnabled()


def test_a_controller_rebuilding_inside_the_click_is_safe(qtbot, view):
    def accept(layer: int, delta: int) -> None:
        hidden = list(HIDDEN)
        hidden[layer] = (hidden[layer][0] + delta, hidden[layer][1])
        set_arch(view, hidden=hidden)

    view.units_change_requested.connect(accept)
    click_scene(qtbot, view, proxy_center(view.header.layers[2]._plus))
    assert view.header.layers[2].label.text() == "3 neurons"
    assert len(view.node_items(3)) == 3


def test_activation_combo_emits_the_chosen_name(qtbot, view):
    combo = view.header.layers[1].combo
    assert combo.currentText() == "relu"
    with qtbot.waitSignal(view.activation_change_requested, timeout=1000) as blocker:
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert blocker.args == [1, "tanh"]
    assert combo.currentText() == "relu", "the widget waits for set_architecture"
    with qtbot.assertNotEmitted(view.activation_change_requested):
        set_arch(view, hidden=[(4, "tanh"), (3, "sigmoid"), (2, "tanh")])
    assert combo.currentText() == "sigmoid"


# A popup window raises itself and grabs the keyboard, which the offscreen platform cannot do.
@pytest.mark.qt_log_ignore("does not support raise", "does not support grabbing the keyboard")
def test_activation_list_opens_as_a_window_below_the_box_and_picks(qtbot, view):
    controls = view.header.layers[1]
    click_scene(qtbot, view, proxy_center(controls._combo))
    menu = controls.combo.menu
    assert menu is not None and menu.isVisible()
    assert menu.isWindow(), "a window of its own: the diagram cannot clip it"
    assert [a.text() for a in menu.actions()] == ACTIVATIONS
    assert [a.isChecked() for a in menu.actions()] == [True, False, False, False]  # relu
    viewport = view.graphics_view.viewport()
    box = controls._combo.sceneBoundingRect()
    box_bottom = viewport.mapToGlobal(viewport_point(view, box.bottomLeft())).y()
    label_top = viewport.mapToGlobal(
        viewport_point(view, controls.label.sceneBoundingRect().topLeft())
    )
    first = menu.actionGeometry(menu.actions()[0]).translated(menu.pos())
    assert first.top() >= box_bottom - 1, "the first entry is below the box, not cut off"
    assert first.top() > label_top.y(), "and below the 'N neurons' label"
    with qtbot.waitSignal(view.activation_change_requested, timeout=1000) as blocker:
        target = menu.actionGeometry(menu.actions()[2]).center()
        qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=target)
    assert blocker.args == [1, "sigmoid"]
    assert not menu.isVisible()
    assert controls.combo.currentText() == "relu", "the widget waits for set_architecture"


def test_clicking_feature_nodes_toggles_them(qtbot, view):
    nodes = dict(zip(FEATURES, view.node_items(0), strict=True))
    assert not nodes["x1^2"].enabled and nodes["x1"].enabled
    with qtbot.waitSignal(view.feature_toggled, timeout=1000) as blocker:
        click_scene(qtbot, view, nodes["x1^2"].center)
    assert blocker.args == ["x1^2", True]
    with qtbot.waitSignal(view.feature_toggled, timeout=1000) as blocker:
        click_scene(qtbot, view, nodes["x2"].center)
    assert blocker.args == ["x2", False]


def test_large_network_caps_nodes_and_says_what_is_hidden(qtbot, view):
    set_arch(view, hidden=[(256, "relu")] * 11 + [(12, "relu")], n_outputs=3)
    for layer in range(1, 12):
        assert len(view.node_items(layer)) == MAX_VISIBLE_UNITS
        pill = view.summary_item(layer)
        assert pill.childItems()[0].text() == "+244 more"
        assert "244 of the 256 units" in pill.toolTip()
    assert len(view.node_items(12)) == 12 and view.summary_item(12) is None
    assert len(view.node_items(13)) == 3
    assert len(view.edge_layer(5).items) == MAX_VISIBLE_UNITS**2
    assert view.graphics_view.horizontalScrollBar().maximum() > 0
    assert view.graphics_view.verticalScrollBar().maximum() > 0


def test_header_stays_pinned_when_scrolled(qtbot, view):
    set_arch(view, hidden=[(256, "relu")] * 12)
    bar = view.graphics_view.verticalScrollBar()
    bar.setValue(bar.maximum())
    assert view.header.root.y() == pytest.approx(view.graphics_view.mapToScene(0, 0).y())
    assert view.header.root.y() > 0


def make_thumbnails(units=(4, 3, 2)):
    """Thumbnails that are -1 on the lower half of the plane and +1 on the upper half."""
    plane = np.where(np.arange(T)[:, None] < T // 2, -1.0, 1.0) * np.ones((1, T))
    inputs = np.stack([plane, -plane])
    hidden = [np.repeat(plane[None] * (k + 1), n, axis=0) for k, n in enumerate(units)]
    return inputs, hidden, plane[None].copy()


def test_thumbnails_colour_by_sign_with_y_up(qtbot, view):
    inputs, hidden, outputs = make_thumbnails()
    node = view.node_items(1)[0]
    pixmap_item = node.pixmap
    view.show_thumbnails(inputs, hidden, outputs)
    image = node.pixmap.pixmap().toImage()
    assert node.pixmap is pixmap_item
    assert is_blue(image.pixelColor(T // 2, 0)), "top of the plane is positive"
    assert is_orange(image.pixelColor(T // 2, T - 1)), "bottom of the plane is negative"
    x2 = view.node_items(0)[1].pixmap.pixmap().toImage()
    assert is_orange(x2.pixelColor(0, 0))
    shot = view.graphics_view.viewport().grab().toImage()
    top = viewport_point(view, node.center + QPointF(0, -node.size / 4))
    bottom = viewport_point(view, node.center + QPointF(0, node.size / 4))
    assert is_blue(shot.pixelColor(top)) and is_orange(shot.pixelColor(bottom))


def test_unbounded_layers_are_scaled_by_their_largest_value(qtbot, view):
    inputs, hidden, outputs = make_thumbnails()
    hidden[1] = np.zeros((3, T, T))
    hidden[1][0] = 50.0
    hidden[1][1] = 25.0
    view.show_thumbnails(inputs, hidden, outputs)
    full, half, zero = (view.node_items(2)[k].pixmap.pixmap().toImage() for k in range(3))
    assert is_blue(full.pixelColor(0, 0)) and is_blue(half.pixelColor(0, 0))
    assert full.pixelColor(0, 0).lightness() < half.pixelColor(0, 0).lightness()
    assert abs(zero.pixelColor(0, 0).red() - zero.pixelColor(0, 0).blue()) < 10
    view.show_thumbnails(inputs, hidden, outputs, [None, None, (0.0, 100.0), None, None])
    assert is_orange(view.node_items(2)[2].pixmap.pixmap().toImage().pixelColor(0, 0))


def test_all_features_can_come_in_features_all_order(qtbot, view):
    inputs, hidden, outputs = make_thumbnails()
    every = np.stack([-inputs[0]] * len(FEATURES))
    every[2] = inputs[0]
    view.show_thumbnails(every, hidden, outputs)
    x1, _, x1_sq = (view.node_items(0)[k].pixmap.pixmap().toImage() for k in range(3))
    assert is_orange(x1.pixelColor(0, 0)) and is_blue(x1_sq.pixelColor(0, 0))


def weights_for(hidden=HIDDEN, n_in: int = 2, n_out: int = 1, fill: float = 0.1):
    """Return weight matrices for an architecture, all equal to fill."""
    sizes = [n_in, *(units for units, _ in hidden), n_out]
    return [np.full((a, b), fill) for a, b in itertools.pairwise(sizes)]


def test_edges_show_sign_and_magnitude(qtbot, view):
    weights = weights_for()
    weights[0][0, 0] = 1.5
    weights[0][1, 0] = -0.05
    weights[0][0, 1] = -100.0
    view.show_weights(weights)
    edges = view.edge_layer(0)
    pens = {tuple(ij): item.pen() for ij, item in zip(edges.ij.tolist(), edges.items, strict=True)}
    strong, weak, huge = pens[(0, 0)], pens[(1, 0)], pens[(0, 1)]
    assert is_blue(strong.color()) and is_orange(weak.color()) and is_orange(huge.color())
    assert strong.widthF() > weak.widthF() + 1.0
    assert huge.widthF() == pytest.approx(MAX_EDGE_W)
    assert weak.widthF() == pytest.approx(MIN_EDGE_W, abs=0.25)
    assert weak.color().lightness() > strong.color().lightness()


def test_weight_updates_restyle_the_same_items(qtbot, view):
    weights = weights_for()
    view.show_weights(weights)
    item = view.edge_layer(1).items[0]
    weights[1][0, 0] = -3.0
    view.show_weights(weights)
    assert view.edge_layer(1).items[0] is item
    assert is_orange(item.pen().color())


def test_hovering_nodes_emits_their_network_index(qtbot, view):
    viewport = view.graphics_view.viewport()
    node = view.node_items(2)[1]
    with qtbot.waitSignal(view.node_hovered, timeout=1000) as blocker:
        qtbot.mouseMove(viewport, viewport_point(view, node.center))
    assert blocker.args == [2, 1]
    assert node.border.pen().widthF() > 2.0
    with qtbot.waitSignal(view.node_hovered, timeout=1000) as blocker:
        qtbot.mouseMove(viewport, viewport_point(view, view.node_items(4)[0].center))
    assert blocker.args == [4, 0]
    assert node.border.pen().widthF() < 2.0
    with qtbot.waitSignal(view.node_hovered, timeout=1000) as blocker:
        qtbot.mouseMove(viewport, viewport_point(view, view.node_items(0)[1].center))
    assert blocker.args == [0, 1]
    with qtbot.waitSignal(view.node_unhovered, timeout=1000):
        qtbot.mouseMove(viewport, QPoint(4, HEADER_H + 4))
    set_arch(view, on=("x1x2", "x2"))
    with qtbot.waitSignal(view.node_hovered, timeout=1000) as blocker:
        qtbot.mouseMove(viewport, viewport_point(view, view.node_items(0)[4].center))
    assert blocker.args == [0, 0], "inputs are indexed in features_on order"


def test_hovering_an_unused_feature_emits_nothing(qtbot, view):
    with qtbot.assertNotEmitted(view.node_hovered):
        point = viewport_point(view, view.node_items(0)[3].center)
        qtbot.mouseMove(view.graphics_view.viewport(), point)


def test_edges_highlight_on_hover_and_report_on_click(qtbot, view):
    weights = weights_for()
    weights[1][2, 1] = -0.75
    view.show_weights(weights)
    edges = view.edge_layer(1)
    k = next(k for k, (i, j) in enumerate(edges.ij.tolist()) if (i, j) == (2, 1))
    point = QPointF(*edges.points[k, 5])
    width = edges.items[k].pen().widthF()
    qtbot.mouseMove(view.graphics_view.viewport(), viewport_point(view, point))
    assert edges.items[k].pen().widthF() > width
    assert view.value_label.card.isVisible()
    assert view.value_label.value.text() == "w = -0.75"
    with qtbot.waitSignal(view.edge_clicked, timeout=1000) as blocker:
        click_scene(qtbot, view, point)
    assert blocker.args == [1, 2, 1, pytest.approx(-0.75)]


def test_weight_card_stays_inside_the_view_near_the_output(qtbot, view):
    view.show_weights(weights_for())
    edges = view.edge_layer(len(HIDDEN))  # into the output column, at the right edge
    point = QPointF(*edges.points[0, -3])
    qtbot.mouseMove(view.graphics_view.viewport(), viewport_point(view, point))
    card = view.value_label.card
    assert card.isVisible()
    gv = view.graphics_view
    visible = gv.mapToScene(gv.viewport().rect()).boundingRect()
    visible.setTop(visible.top() + HEADER_H)
    assert visible.contains(card.sceneBoundingRect()), (card.sceneBoundingRect(), visible)


def test_same_architecture_keeps_items_and_thumbnails(qtbot, view):
    view.show_thumbnails(*make_thumbnails())
    nodes = view.node_items(1)
    set_arch(view)
    assert view.node_items(1) == nodes
    assert not nodes[0].pixmap.pixmap().isNull()


def test_diagram_fits_the_panel_without_scrolling(qtbot, view):
    set_arch(view, hidden=[(8, "tanh")] * 6)
    assert view.graphics_view.horizontalScrollBar().maximum() == 0
    assert view.graphics_view.verticalScrollBar().maximum() == 0
    assert 28 <= view.node_items(1)[0].size <= 44


def test_resizing_refits_nodes_and_keeps_thumbnails(qtbot, view):
    view.show_thumbnails(*make_thumbnails())
    small = view.node_items(1)[0].size
    view.resize(1000, 700)
    big = view.node_items(1)[0]
    assert big.size > small
    assert is_blue(big.pixmap.pixmap().toImage().pixelColor(T // 2, 0))
