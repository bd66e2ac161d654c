"""The hidden-space view in a real window: known weights, its controls, PCA, compare mode."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt

from playground.app.assembly import Assembly
from playground.app.views.canvas.palette import CLASS_COLORS
from playground.app.views.lenses.hidden_projection import pca_projection, units_projection
from playground.app.views.lenses.hidden_space import PCA, UNITS, HiddenSpaceView
from tests.app.lens_helpers import (
    TIMEOUT,
    import_weights,
    known_model,
    open_from_view_menu,
    train_to,
)

NAME = "lens_hidden_space"
W1 = np.array([[1.0, -0.5, 0.3], [0.4, 0.8, -1.2]])
B1 = np.array([0.1, -0.2, 0.0])
W2, B2 = np.array([[1.0], [-1.0], [0.5]]), np.array([0.0])


def view_of(app: Assembly) -> HiddenSpaceView:
    widget = app.window.views[NAME]
    assert isinstance(widget, HiddenSpaceView)
    return widget


def scatter_xy(item) -> np.ndarray:
    x, y = item.getData()
    return np.column_stack([x, y])


def test_it_starts_closed_and_opens_from_the_view_menu(qtbot, app: Assembly) -> None:
    open_from_view_menu(qtbot, app, NAME)
    assert view_of(app).isVisible()


def test_known_weights_put_the_points_and_the_grid_where_the_layer_sends_them(
    qtbot, app: Assembly, tmp_path
) -> None:
    open_from_view_menu(qtbot, app, NAME)
    view = view_of(app)
    snap = import_weights(qtbot, app, known_model(W1, B1, W2, B2, "tanh"), tmp_path)
    d = app.controller.data_model.dataset
    qtbot.waitUntil(lambda: view.layer_combo.count() == 1, timeout=TIMEOUT)
    view.set_projection(UNITS, 0, 2)
    a_train = np.tanh(d.train_x @ W1 + B1)
    a_test = np.tanh(d.test_x @ W1 + B1)
    np.testing.assert_allclose(scatter_xy(view.train_points), a_train[:, [0, 2]], atol=1e-12)
    np.testing.assert_allclose(scatter_xy(view.test_points), a_test[:, [0, 2]], atol=1e-12)
    # The grid: lines over the canvas's rect, each point sent through the same layer.
    grid = snap.points.grid
    x0, y0, w, h = snap.probe.rect
    assert grid[0, 0] == pytest.approx([x0, y0]) and grid[-1, -1] == pytest.approx([x0 + w, y0 + h])
    np.testing.assert_allclose(view.shown_grid, np.tanh(grid @ W1 + B1)[..., [0, 2]], atol=1e-12)
    gx, gy = view.grid_curve.getData()
    assert np.isnan(gx).sum() == grid.shape[0]  # one gap after each line
    finite = np.isfinite(gx)
    np.testing.assert_allclose(gx[finite], view.shown_grid[..., 0].ravel(), atol=1e-12)
    np.testing.assert_allclose(gy[finite], view.shown_grid[..., 1].ravel(), atol=1e-12)
    assert view.plot.getAxis("bottom").labelText == "unit 1"
    assert view.plot.getAxis("left").labelText == "unit 3"

    # Another pair of units, then PCA of the training points' activations.
    view.unit_x.setCurrentIndex(1)
    np.testing.assert_allclose(scatter_xy(view.train_points), a_train[:, [1, 2]], atol=1e-12)
    view.set_projection(PCA)
    assert not view.unit_x.isEnabled()
    centred = a_train - a_train.mean(axis=0)
    _, _, vt = np.linalg.svd(centred, full_matrices=False)
    axes = vt[:2].T * np.sign(vt[:2].T[np.argmax(np.abs(vt[:2].T), axis=0), [0, 1]])
    np.testing.assert_allclose(scatter_xy(view.train_points), centred @ axes, atol=1e-9)
    spread = np.var(scatter_xy(view.train_points), axis=0)
    assert spread[0] >= spread[1]  # the first component holds the most variance
    assert view.plot.getAxis("bottom").labelText == "PC 1"


def test_points_are_coloured_by_class_and_test_points_hollow(
    qtbot, app: Assembly, tmp_path
) -> None:
    view = view_of(app)
    import_weights(qtbot, app, known_model(W1, B1, W2, B2, "tanh"), tmp_path)
    d = app.controller.data_model.dataset
    brushes = [b.color().name() for b in view.train_points.data["brush"]]
    assert brushes == [CLASS_COLORS[int(k)].lower() for k in d.train_y]
    fills = [
        view.test_points.opts["brush"] if b is None else b for b in view.test_points.data["brush"]
    ]
    assert fills and all(b.style() == Qt.BrushStyle.NoBrush for b in fills)
    pens = [p.color().name() for p in view.test_points.data["pen"]]
    assert pens == [CLASS_COLORS[int(k)].lower() for k in d.test_y]


def test_a_layer_of_one_unit_is_plotted_against_zero(qtbot, app: Assembly, tmp_path) -> None:
    view = view_of(app)
    one = known_model([[2.0], [-1.0]], [0.5], [[1.0]], [0.0], "tanh")
    import_weights(qtbot, app, one, tmp_path)
    view.set_projection(UNITS, 0, 0)
    d = app.controller.data_model.dataset
    xy = scatter_xy(view.train_points)
    np.testing.assert_allclose(xy[:, 0], np.tanh(d.train_x @ [2.0, -1.0] + 0.5), atol=1e-12)
    assert np.all(xy[:, 1] == 0.0)
    assert "one unit" in view.notice.text() and not view.unit_y.isEnabled()
    view.set_projection(PCA)
    assert np.all(scatter_xy(view.train_points)[:, 1] == 0.0)


def test_it_follows_training_and_the_layer_control(qtbot, app: Assembly) -> None:
    open_from_view_menu(qtbot, app, NAME)
    view = view_of(app)
    c = app.controller
    qtbot.waitUntil(lambda: view.layer_combo.count() == len(c.model_config.hidden), timeout=TIMEOUT)
    view.set_projection(UNITS, 0, 1)
    before = scatter_xy(view.train_points).copy()
    train_to(qtbot, app, 8)
    points = c.runs.active_run.last.points
    n = points.n_train
    qtbot.waitUntil(
        lambda: np.allclose(scatter_xy(view.train_points), points.hidden[0][:n, :2]),
        timeout=TIMEOUT,
    )
    assert not np.allclose(before, scatter_xy(view.train_points))
    last = len(c.model_config.hidden) - 1
    view.set_layer(last)
    np.testing.assert_allclose(scatter_xy(view.train_points), points.hidden[last][:n, :2])
    assert view.shown_grid.shape[:2] == points.grid.shape[:2]


def test_compare_mode_shows_the_selected_run_and_names_it(qtbot, app: Assembly) -> None:
    open_from_view_menu(qtbot, app, NAME)
    view = view_of(app)
    c = app.controller
    with qtbot.waitSignal(c.run_started, timeout=TIMEOUT):
        assert c.comparing.start("hidden=3/5x2")
    train_to(qtbot, app, 2)
    assert "selected run: hidden=3" in view.title_label.text()
    assert view.layer_combo.count() == 1 and view.unit_x.count() == 3
    c.comparing.select(1)
    qtbot.waitUntil(lambda: view.layer_combo.count() == 2, timeout=TIMEOUT)
    assert "selected run: hidden=5x2" in view.title_label.text()
    view.set_layer(1)
    view.set_projection(UNITS, 1, 0)
    points = c.runs.runs[1].last.points
    want = points.hidden[1][: points.n_train][:, [1, 0]]
    np.testing.assert_allclose(scatter_xy(view.train_points), want)


def test_pca_signs_are_fixed_and_units_checked() -> None:
    rng = np.random.default_rng(0)
    a = rng.normal(size=(50, 4)) * [3.0, 1.0, 0.5, 0.1]
    p, q = pca_projection(a), pca_projection(-a)
    for axes in (p.axes, q.axes):
        for k in range(2):
            assert axes[np.argmax(np.abs(axes[:, k])), k] > 0
    np.testing.assert_allclose(np.abs(p.axes), np.abs(q.axes))
    with pytest.raises(ValueError, match="not both in a layer of 3"):
        units_projection(3, 0, 3)
