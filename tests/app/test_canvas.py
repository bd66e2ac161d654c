"""The data canvas: real mouse strokes, boundary colouring, neuron maps and the view."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor

from playground.app.state.data_model import DataModel, empty_dataset
from playground.app.views.canvas import CLASS_COLORS, DataCanvas
from playground.app.views.canvas.contour import coarse_segments, isocurve_segments
from playground.app.views.canvas.shading import MAX_TINT
from playground.core.datasets import Dataset

RECT = (-6.0, -6.0, 12.0, 12.0)


def make_canvas(qtbot, dataset: Dataset | None = None) -> tuple[DataCanvas, DataModel]:
    """Return a shown canvas editing a fresh model."""
    canvas = DataCanvas()
    qtbot.addWidget(canvas)
    data = dataset if dataset is not None else empty_dataset()
    model = DataModel(data, test_ratio=0.0, seed=1, parent=canvas)
    canvas.resize(500, 500)
    canvas.show()
    qtbot.waitExposed(canvas)
    canvas.set_model(model)
    canvas.set_brush(0.5, 6)
    return canvas, model


def widget_pos(canvas: DataCanvas, x: float, y: float) -> QPoint:
    """Map data coordinates to viewport pixels through the ViewBox."""
    scene = canvas.view_box.mapViewToScene(QPointF(x, y))
    return canvas.plot.mapFromScene(scene)


def drag(qtbot, canvas: DataCanvas, button, path: list[tuple[float, float]]) -> None:
    """Press at the first point, move through the rest and release at the last."""
    viewport = canvas.plot.viewport()
    points = [widget_pos(canvas, x, y) for x, y in path]
    qtbot.mousePress(viewport, button, pos=points[0])
    for p in points[1:]:
        qtbot.mouseMove(viewport, p)
    qtbot.mouseRelease(viewport, button, pos=points[-1])


def grid_dataset(task: str = "binary", n_classes: int = 2) -> Dataset:
    """Return points on a regular grid over [-5, 5]^2 with label 0 (or target 0)."""
    g = np.linspace(-5, 5, 11)
    x = np.array([(a, b) for a in g for b in g])
    return Dataset(
        x=x, y=np.zeros(len(x)), is_test=np.zeros(len(x), bool), task=task, n_classes=n_classes
    )


def expected_tint(color: str, strength: float) -> np.ndarray:
    """Return the colour ``color`` blended with white."""
    rgb = np.array(QColor(color).getRgb()[:3], dtype=float)
    return 255.0 - strength * (255.0 - rgb)


def pixel(canvas: DataCanvas, x: float, y: float) -> np.ndarray:
    """Return the rendered RGB of the viewport at a data point."""
    image = canvas.plot.viewport().grab().toImage()
    c = image.pixelColor(widget_pos(canvas, x, y))
    return np.array([c.red(), c.green(), c.blue()], dtype=float)


# -- painting ---------------------------------------------------------------------------------


def test_click_paints_the_selected_class_near_the_click(qtbot):
    canvas, model = make_canvas(qtbot, empty_dataset("multiclass", 3))
    canvas.set_paint_label(2)
    drag(qtbot, canvas, Qt.MouseButton.LeftButton, [(1.0, 2.0)])
    ds = model.dataset
    assert len(ds) == 6
    assert np.all(ds.y == 2)
    assert np.all(np.hypot(ds.x[:, 0] - 1.0, ds.x[:, 1] - 2.0) <= 0.5 + 0.05)
    assert model.undo_stack.count() == 1
    assert model.undo_stack.undoText() == "Paint 6 points"


def test_drag_paints_along_the_path_as_one_undo_step(qtbot):
    canvas, model = make_canvas(qtbot)
    canvas.set_paint_label(1)
    before = canvas.view_rect()
    drag(qtbot, canvas, Qt.MouseButton.LeftButton, [(-4, 0), (-2, 0), (0, 0), (2, 0), (4, 0)])
    ds = model.dataset
    assert len(ds) >= 6 * 8
    assert np.all(ds.y == 1)
    assert ds.x[:, 0].min() < -3.5 and ds.x[:, 0].max() > 3.5
    assert np.all(np.abs(ds.x[:, 1]) <= 0.55)
    assert model.undo_stack.count() == 1
    assert canvas.view_rect() == pytest.approx(before)  # painting did not pan
    painted = ds.x.copy()
    model.undo_stack.undo()
    assert len(model.dataset) == 0
    model.undo_stack.redo()
    np.testing.assert_array_equal(model.dataset.x, painted)


def test_canvas_redraws_points_after_painting_and_undo(qtbot):
    canvas, model = make_canvas(qtbot)
    drag(qtbot, canvas, Qt.MouseButton.LeftButton, [(0, 0)])
    assert len(canvas.train_points.data) == 6
    model.undo_stack.undo()
    assert len(canvas.train_points.data) == 0


def test_right_drag_erases_within_the_brush(qtbot):
    canvas, model = make_canvas(qtbot, grid_dataset())
    n0 = len(model.dataset)
    drag(qtbot, canvas, Qt.MouseButton.RightButton, [(-3, 0), (0, 0), (3, 0)])
    ds = model.dataset
    assert len(ds) == n0 - 7  # the grid points (-3..3, 0)
    near = (np.abs(ds.x[:, 1]) < 0.1) & (np.abs(ds.x[:, 0]) <= 3.1)
    assert not near.any()
    assert model.undo_stack.count() == 1
    assert model.undo_stack.undoText() == "Erase 7 points"
    model.undo_stack.undo()
    assert len(model.dataset) == n0


def test_eraser_tool_makes_left_drag_erase(qtbot):
    canvas, model = make_canvas(qtbot, grid_dataset())
    canvas.set_tool("erase")
    drag(qtbot, canvas, Qt.MouseButton.LeftButton, [(0, 0), (0, 1)])
    assert len(model.dataset) == 121 - 2
    canvas.set_tool("paint")
    drag(qtbot, canvas, Qt.MouseButton.LeftButton, [(0, 0)])
    assert len(model.dataset) == 121 - 2 + 6


def test_erasing_empty_space_pushes_no_undo_step(qtbot):
    canvas, model = make_canvas(qtbot, grid_dataset())
    drag(qtbot, canvas, Qt.MouseButton.RightButton, [(0.5, 0.5)])
    assert len(model.dataset) == 121
    assert model.undo_stack.count() == 0


def test_regression_painting_uses_the_target_value(qtbot):
    canvas, model = make_canvas(qtbot, empty_dataset("regression"))
    canvas.set_paint_label(-0.75)
    drag(qtbot, canvas, Qt.MouseButton.LeftButton, [(2, -2)])
    ds = model.dataset
    assert ds.task == "regression"
    assert len(ds) == 6
    np.testing.assert_allclose(ds.y, -0.75)


def test_middle_drag_pans_without_painting(qtbot):
    import pyqtgraph as pg

    canvas, model = make_canvas(qtbot)
    old_limit = pg.getConfigOption("mouseRateLimit")
    pg.setConfigOptions(mouseRateLimit=-1)
    try:
        before = canvas.view_rect()
        with qtbot.waitSignal(canvas.view_changed):
            drag(qtbot, canvas, Qt.MouseButton.MiddleButton, [(0, 0), (0.5, 0), (1, 0), (2, 0)])
    finally:
        pg.setConfigOptions(mouseRateLimit=old_limit)
    assert len(model.dataset) == 0
    assert canvas.view_rect()[0] < before[0] - 1.0


def test_press_outside_the_plot_area_does_not_paint(qtbot):
    canvas, model = make_canvas(qtbot)
    viewport = canvas.plot.viewport()
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=QPoint(2, viewport.height() - 2))
    assert len(model.dataset) == 0


def test_brush_cursor_follows_the_mouse(qtbot):
    canvas, _ = make_canvas(qtbot)
    canvas.set_brush(1.0, 3)
    qtbot.mouseMove(canvas.plot.viewport(), widget_pos(canvas, 2.0, 1.0))
    rect = canvas.brush.cursor.rect()
    assert canvas.brush.cursor.isVisible()
    assert (rect.center().x(), rect.center().y()) == pytest.approx((2.0, 1.0), abs=0.05)
    assert rect.width() == pytest.approx(2.0)


def test_set_tool_rejects_unknown_tools(qtbot):
    canvas, _ = make_canvas(qtbot)
    with pytest.raises(ValueError, match="unknown tool"):
        canvas.set_tool("lasso")


# -- points -----------------------------------------------------------------------------------


def test_set_dataset_splits_train_and_test_points(qtbot):
    canvas = DataCanvas()
    qtbot.addWidget(canvas)
    x = np.array([[0.0, 0.0], [1.0, 1.0], [2.0, 2.0]])
    ds = Dataset(x=x, y=[0, 1, 1], is_test=[False, True, False])
    canvas.set_dataset(ds)
    assert len(canvas.train_points.data) == 2
    assert len(canvas.test_points.data) == 1
    train_brush = canvas.train_points.data["brush"][1]
    assert train_brush.color().name().upper() == CLASS_COLORS[1].upper()
    canvas.set_show_test(False)
    assert not canvas.test_points.isVisible()


# -- boundary ---------------------------------------------------------------------------------


def grid(n: int = 200) -> tuple[np.ndarray, np.ndarray]:
    """Return the x and y of the pixel centres of RECT; rows follow y upwards, columns x."""
    centres = np.linspace(-6 + 6 / n, 6 - 6 / n, n)
    return np.meshgrid(centres, centres)


def quadrant_probabilities(n: int = 200, p: float = 1.0) -> np.ndarray:
    """Return P(class 1) = p in the bottom-right quadrant of RECT, 1 - p elsewhere; (n, n, 2)."""
    xx, yy = grid(n)
    p1 = np.where((xx > 0) & (yy < 0), p, 1.0 - p)
    return np.stack((1.0 - p1, p1), axis=2)


def test_show_boundary_colours_each_region_with_its_class(qtbot):
    canvas, _ = make_canvas(qtbot)
    canvas.show_boundary(quadrant_probabilities(), RECT, "binary")
    orange = expected_tint(CLASS_COLORS[0], MAX_TINT)
    blue = expected_tint(CLASS_COLORS[1], MAX_TINT)
    np.testing.assert_allclose(pixel(canvas, 3, -3), blue, atol=4)
    np.testing.assert_allclose(pixel(canvas, -3, 3), orange, atol=4)
    np.testing.assert_allclose(pixel(canvas, 3, 3), orange, atol=4)
    np.testing.assert_allclose(pixel(canvas, -3, -3), orange, atol=4)
    assert canvas.image.image.shape == (200, 200, 3)
    assert canvas.contour.isVisible()


def test_uncertain_regions_are_pale_and_discretize_makes_them_solid(qtbot):
    canvas, _ = make_canvas(qtbot)
    canvas.show_boundary(quadrant_probabilities(p=0.55), RECT, "binary")
    soft = pixel(canvas, 3, -3)
    assert soft.min() > 220  # nearly white: the model is unsure
    smooth_image = canvas.image.image.copy()
    canvas.set_discretize(True)
    np.testing.assert_allclose(
        pixel(canvas, 3, -3), expected_tint(CLASS_COLORS[1], MAX_TINT), atol=4
    )
    assert not np.array_equal(canvas.image.image, smooth_image)
    canvas.set_discretize(False)
    np.testing.assert_array_equal(canvas.image.image, smooth_image)


def test_multiclass_boundary_uses_the_class_palette(qtbot):
    canvas, _ = make_canvas(qtbot)
    probs = np.zeros((200, 200, 4))
    probs[:, :100, 2] = 1.0  # left half: class 2
    probs[:, 100:, 3] = 1.0  # right half: class 3
    canvas.show_boundary(probs, RECT, "multiclass")
    left, right = (expected_tint(CLASS_COLORS[c], MAX_TINT) for c in (2, 3))
    np.testing.assert_allclose(pixel(canvas, -3, 0), left, atol=4)
    np.testing.assert_allclose(pixel(canvas, 3, 0), right, atol=4)
    assert not canvas.contour.isVisible()


def test_binary_boundary_accepts_a_single_probability_channel(qtbot):
    canvas, _ = make_canvas(qtbot)
    canvas.show_boundary(quadrant_probabilities()[:, :, 1:], RECT, "binary")
    blue = expected_tint(CLASS_COLORS[1], MAX_TINT)
    np.testing.assert_allclose(pixel(canvas, 3, -3), blue, atol=4)


def test_regression_surface_is_diverging_and_bands_when_discretized(qtbot):
    canvas, _ = make_canvas(qtbot)
    values = np.tile(np.linspace(-1, 1, 200), (200, 1))  # increases with x
    canvas.show_boundary(values, RECT, "regression")
    left, mid, right = pixel(canvas, -5.5, 0), pixel(canvas, 0, 0), pixel(canvas, 5.5, 0)
    assert left[0] > left[2]  # orange-ish for negative values
    assert right[2] > right[0]  # blue-ish for positive values
    assert mid.min() > 225  # near white at zero
    smooth = canvas.image.image.copy()
    canvas.set_discretize(True)
    assert len(np.unique(canvas.image.image[100], axis=0)) <= 10
    assert not np.array_equal(smooth, canvas.image.image)


def test_contour_segments_follow_the_half_level():
    n = 100
    centres = np.arange(n) + 0.5
    xx, yy = np.meshgrid(centres, centres)
    p = 1 / (1 + np.exp(-(30.0**2 - (xx - 50) ** 2 - (yy - 50) ** 2) / 20))
    seg = isocurve_segments(p, 0.5).reshape(-1, 2)
    radius = np.hypot(seg[:, 0] - 50, seg[:, 1] - 50)
    assert len(seg) > 100
    np.testing.assert_allclose(radius, 30.0, atol=0.3)


def test_a_coarse_contour_follows_the_full_one_with_half_the_segments():
    n = 200
    centres = np.arange(n) + 0.5
    xx, yy = np.meshgrid(centres, centres)
    p = 1 / (1 + np.exp(-(60.0**2 - (xx - 90) ** 2 - (yy - 110) ** 2) / 80))
    full = isocurve_segments(p, 0.5)
    coarse = coarse_segments(p, 0.5, 2)
    assert 0.4 * len(full) < len(coarse) < 0.6 * len(full)
    radius = np.hypot(coarse[:, :, 0] - 90, coarse[:, :, 1] - 110)
    np.testing.assert_allclose(radius, 60.0, atol=0.5)  # in the full grid's pixels
    np.testing.assert_array_equal(
        coarse_segments(p[:6, :6], 0.5, 2), isocurve_segments(p[:6, :6], 0.5)
    )


def test_contour_lies_on_the_decision_boundary_in_data_coordinates(qtbot):
    canvas, _ = make_canvas(qtbot)
    xx, yy = grid(200)
    p1 = 1 / (1 + np.exp(-(9.0 - (xx - 1) ** 2 - (yy + 2) ** 2) * 4))  # circle r=3 at (1, -2)
    canvas.show_boundary(p1[:, :, None], RECT, "binary")
    bounds = canvas.contour.mapRectToView(canvas.contour.boundingRect())
    assert bounds.center().x() == pytest.approx(1.0, abs=0.05)
    assert bounds.center().y() == pytest.approx(-2.0, abs=0.05)
    assert bounds.width() == pytest.approx(6.0, abs=0.1)


def test_neuron_map_replaces_the_boundary_until_cleared(qtbot):
    canvas, _ = make_canvas(qtbot)
    canvas.show_boundary(quadrant_probabilities(), RECT, "binary")
    boundary = canvas.image.image.copy()
    values = np.tile(np.linspace(-1, 1, 50), (50, 1))
    canvas.show_neuron_map(values, RECT, "layer 2, unit 3: mean 0.12")
    assert canvas.neuron_label.isVisible()
    assert "unit 3" in canvas.neuron_label.text()
    assert canvas.image.image.shape == (50, 50, 3)
    assert not canvas.contour.isVisible()
    canvas.show_boundary(quadrant_probabilities(p=0.9), RECT, "binary")  # stays hidden
    assert canvas.image.image.shape == (50, 50, 3)
    canvas.clear_neuron_map()
    assert not canvas.neuron_label.isVisible()
    assert canvas.image.image.shape == boundary.shape
    assert not np.array_equal(canvas.image.image, boundary)  # the newer boundary is shown
    assert canvas.contour.isVisible()


# -- view -------------------------------------------------------------------------------------


def test_default_view_covers_minus_six_to_six_with_square_aspect(qtbot):
    canvas, _ = make_canvas(qtbot)
    x0, y0, w, h = canvas.view_rect()
    assert x0 <= -5.99 and y0 <= -5.99 and x0 + w >= 5.99 and y0 + h >= 5.99
    vb = canvas.view_box
    sx = vb.width() / w
    sy = vb.height() / h
    assert sx == pytest.approx(sy, rel=1e-3)


def test_view_changed_reports_the_new_rect_on_zoom(qtbot):
    canvas, _ = make_canvas(qtbot)
    with qtbot.waitSignal(canvas.view_changed) as blocker:
        canvas.view_box.scaleBy((0.5, 0.5))
    rect = blocker.args[0]
    assert rect == pytest.approx(canvas.view_rect())
    assert rect[2] < 7.0


def test_neuron_caption_stays_inside_the_plot_area(qtbot):
    canvas, _ = make_canvas(qtbot)
    values = np.tile(np.linspace(-1, 1, 50), (50, 1))
    caption = "layer 12, neuron 256 (leaky_relu)\nmin -0.9999   mean 0.0001234   max 123456"
    for width in (500, 260, 180):
        canvas.resize(width, 400)
        qtbot.waitUntil(lambda w=width: canvas.width() == w)
        canvas.show_neuron_map(values, RECT, caption)
        area = canvas.plot.mapFromScene(canvas.view_box.sceneBoundingRect()).boundingRect()
        label = canvas.neuron_label.geometry()
        assert area.contains(label), (width, label, area)
    assert canvas.neuron_label.wordWrap(), "the narrowest canvas wraps the caption"
