"""The activation lens's canvas overlay and its histograms' hover read-outs, in a real window."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt

from playground.app.assembly import Assembly
from playground.app.overlay_wiring import REFINE, wire_overlay
from playground.app.views.canvas.health_overlay import MAX_ALPHA
from playground.app.views.lenses.activation_lens import ActivationLens
from playground.app.views.lenses.histograms import histogram, value_range
from playground.core.probes import grid_points
from playground.core.region_health import refine
from tests.app.lens_helpers import (
    TIMEOUT,
    import_weights,
    known_model,
    open_from_view_menu,
    train_to,
)

NAME = "lens_activations"
# Three tanh units, each saturated (|a| >= 0.97, |z| >= atanh(0.97) = 2.09) beyond a
# line of its own, and a fourth that never is (its weights are small).
W1 = np.array([[3.0, 0.0, 1.0, 0.05], [0.0, -2.0, 1.0, 0.05]])
B1 = np.array([0.0, 0.5, -1.0, 0.0])
W2, B2 = np.ones((4, 1)), np.zeros(1)


def lens(app: Assembly) -> ActivationLens:
    widget = app.window.views[NAME]
    assert isinstance(widget, ActivationLens)
    return widget


def choose(qtbot, view: ActivationLens, index: int) -> None:
    """Pick entry ``index`` of "Shade on canvas" with the keyboard, as a user would."""
    combo = view.overlay_combo
    combo.setFocus()
    key = Qt.Key.Key_Down if index > combo.currentIndex() else Qt.Key.Key_Up
    while combo.currentIndex() != index:
        before = combo.currentIndex()
        with qtbot.waitSignal(view.overlay_layer_chosen, timeout=TIMEOUT):
            qtbot.keyClick(combo, key)
        assert combo.currentIndex() != before


def saturated_share_by_hand(maps: np.ndarray) -> np.ndarray:
    """The share of tanh units with |a| >= 0.97 at each pixel of the refined thumbnails."""
    return np.mean(np.abs(refine(maps, REFINE)) >= 0.97, axis=0)


def near_an_edge(image: np.ndarray, reach: int) -> np.ndarray:
    """Pixels with a pixel of another value at most ``reach`` rows or columns away."""
    near = np.zeros(image.shape, dtype=bool)
    for d in range(1, reach + 1):
        for a, b in ((image[d:], image[:-d]), (image[:, d:], image[:, :-d])):
            differs = a != b
            if a.shape[0] < image.shape[0]:
                near[d:] |= differs
                near[:-d] |= differs
            else:
                near[:, d:] |= differs
                near[:, :-d] |= differs
    return near


def alpha(app: Assembly) -> np.ndarray:
    rgba = app.window.canvas.health_overlay.rgba
    assert rgba is not None
    return rgba[..., 3].astype(float)


def test_a_chosen_layer_is_shaded_where_its_units_saturate_and_off_clears_it(
    qtbot, app: Assembly, tmp_path
) -> None:
    wire_overlay(app.controller)
    open_from_view_menu(qtbot, app, NAME)
    view, canvas = lens(app), app.window.canvas
    overlay = canvas.health_overlay
    snap = import_weights(qtbot, app, known_model(W1, B1, W2, B2, "tanh"), tmp_path)
    qtbot.waitUntil(lambda: view.overlay_combo.count() == 2, timeout=TIMEOUT)
    assert view.overlay_combo.itemText(0) == "Off"
    assert view.overlay_combo.itemText(1) == "Layer 1 (tanh)"
    assert not overlay.shown

    choose(qtbot, view, 1)
    qtbot.waitUntil(lambda: overlay.image.isVisible(), timeout=TIMEOUT)
    assert view.overlay_layer == 0
    snap = app.controller.last_snapshot
    maps = snap.neuron_maps[1]
    share = saturated_share_by_hand(maps)
    # The shade is strongest exactly where every unit that can saturate does (3 of 4), and
    # transparent where none does; each pixel's alpha is its share of MAX_ALPHA.
    shown = alpha(app)
    np.testing.assert_array_equal(shown, np.rint(share * MAX_ALPHA))
    assert shown.max() == np.rint(0.75 * MAX_ALPHA) and (shown == 0).any()
    np.testing.assert_array_equal(shown == shown.max(), share == 0.75)

    # It agrees with tanh of the known weights on a grid as fine, but near the edges of
    # the regions, which the interpolation between the thumbnails' cells may move by up
    # to two of them where a unit turns sharply within one.
    n = REFINE * maps.shape[1]
    assert shown.shape == (n, n)
    x = grid_points(snap.probe.rect, n)
    by_formula = np.mean(np.abs(np.tanh(x @ W1 + B1)) >= 0.97, axis=1).reshape(n, n)
    wrong = by_formula != share
    assert wrong.mean() < 0.1 and not (wrong & ~near_an_edge(by_formula, 2 * REFINE)).any()

    # Over the boundary, under the points, stretched over the probe's rect.
    assert canvas.image.zValue() < overlay.image.zValue() < canvas.train_points.zValue()
    box = overlay.image.mapRectToParent(overlay.image.boundingRect())
    np.testing.assert_allclose(
        (box.x(), box.y(), box.width(), box.height()), snap.probe.rect, atol=1e-9
    )
    assert overlay.caption.isVisible()
    assert "layer 1's units saturated" in overlay.caption.text()

    choose(qtbot, view, 0)
    assert view.overlay_layer == -1
    assert not overlay.image.isVisible() and not overlay.caption.isVisible()


def test_the_overlay_follows_training_and_falls_back_to_off_without_its_layer(
    qtbot, app: Assembly
) -> None:
    wire_overlay(app.controller)
    c, view, overlay = app.controller, lens(app), app.window.canvas.health_overlay
    c.configure("saturating", hidden=(8, 8), activations=("tanh", "tanh"), init="he_normal")
    c.set_train_config(c.train_config.with_changes(learning_rate=1.0))
    qtbot.waitUntil(lambda: view.overlay_combo.count() == 3, timeout=TIMEOUT)
    choose(qtbot, view, 2)  # layer 2 (the lens is closed: the choice works all the same)
    snap = train_to(qtbot, app, 30)
    # The stop's frame is drawn whatever the pace: the overlay is of the last maps shown.
    qtbot.waitUntil(lambda: overlay.rgba is not None, timeout=TIMEOUT)
    share = saturated_share_by_hand(c.last_snapshot.neuron_maps[2])
    assert c.last_snapshot is snap
    np.testing.assert_array_equal(alpha(app), np.rint(share * MAX_ALPHA))
    assert share.max() > 0.5, "the test wants a network with saturated regions"
    assert "layer 2's units saturated" in overlay.caption.text()

    # One layer fewer: layer 2 is gone, the choice falls back to Off and the shade goes.
    header = app.window.network_view.header
    with qtbot.waitSignal(c.snapshot_shown, timeout=TIMEOUT):
        qtbot.mouseClick(header.remove_layer_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.overlay_combo.count() == 2, timeout=TIMEOUT)
    assert view.overlay_layer == -1 and view.overlay_combo.currentIndex() == 0
    assert not overlay.shown


@pytest.mark.parametrize(
    ("activation", "caption"),
    [("relu", "layer 1's units switched off"), ("linear", "nothing to shade")],
)
def test_rectifiers_shade_where_units_are_off_and_linear_layers_nothing(
    qtbot, app: Assembly, tmp_path, activation: str, caption: str
) -> None:
    wire_overlay(app.controller)
    view, overlay = lens(app), app.window.canvas.health_overlay
    import_weights(qtbot, app, known_model(W1, B1, W2, B2, activation), tmp_path)
    qtbot.waitUntil(lambda: view.overlay_combo.count() == 2, timeout=TIMEOUT)
    choose(qtbot, view, 1)
    qtbot.waitUntil(lambda: overlay.caption.isVisible(), timeout=TIMEOUT)
    assert caption in overlay.caption.text()
    maps = app.controller.last_snapshot.neuron_maps[1]
    if activation == "relu":
        assert view.overlay_combo.itemText(1) == "Layer 1 (relu)"
        share = np.mean(refine(maps, REFINE) <= 0.0, axis=0)
        np.testing.assert_array_equal(alpha(app), np.rint(share * MAX_ALPHA))
        assert 0 < share.mean() < 1
    else:
        assert view.overlay_combo.itemText(1) == "Layer 1 (linear): never saturated or off"
        assert overlay.rgba is None and not overlay.image.isVisible()


def move_onto(qtbot, view: ActivationLens, row: int, x: float, y: float) -> None:
    """Move the real mouse onto data point (x, y) of histogram ``row``."""
    scene = view.plots[row].getViewBox().mapViewToScene(QPointF(x, y))
    qtbot.mouseMove(view.graphics.viewport(), view.graphics.mapFromScene(scene))


def test_hovering_a_bar_reads_out_its_range_and_share(qtbot, app: Assembly, tmp_path) -> None:
    open_from_view_menu(qtbot, app, NAME)
    view = lens(app)
    app.window.docks[NAME].resize(700, 500)
    snap = import_weights(qtbot, app, known_model(W1, B1, W2, B2, "tanh"), tmp_path)
    qtbot.waitUntil(lambda: len(view.bars) == 1, timeout=TIMEOUT)
    points = snap.points
    edges, shares = histogram(points.hidden[0][: points.n_train], *value_range("tanh", "a"))
    np.testing.assert_allclose(view.bars[0].yData, shares)
    b = 1 + int(np.argmax(shares[1:-1]))  # the tallest bar between the end bins
    assert shares[b] > 0
    centre = 0.5 * (edges[b] + edges[b + 1])
    move_onto(qtbot, view, 0, centre, 0.6 * shares[b])  # inside the bar, not at its top
    hover = view.hovers[0]
    qtbot.waitUntil(lambda: hover.text != "", timeout=TIMEOUT)
    low, high = f"{edges[b]:.2f}", f"{edges[b + 1]:.2f}"
    assert hover.text == f"layer 1 (tanh) · a in {low} … {high} · {shares[b]:.1%} of values"

    # The last bin also counts what lies beyond the range; in z the words say z.
    view.set_mode("z")
    z_edges, z_shares = histogram(points.hidden_pre[0][: points.n_train], *value_range("tanh", "z"))
    move_onto(qtbot, view, 0, 0.5 * (z_edges[-2] + z_edges[-1]), 0.5 * z_shares[-1])
    qtbot.waitUntil(lambda: hover.text.startswith("layer 1 (tanh) · z ≥"), timeout=TIMEOUT)
    assert hover.text == (f"layer 1 (tanh) · z ≥ {z_edges[-2]:.2f} · {z_shares[-1]:.1%} of values")
