"""One numbering of the data points: Hidden Space, the canvas's pick and the backprop inspector.

Each names a point by its row in the data set (``Dataset.x``, training and test points
interleaved), not by its row in the point pass (training points first, maybe thinned).
"""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt

from playground.app.assembly import Assembly
from playground.app.backprop_wiring import BackpropWiring
from playground.app.state.defaults import DEFAULT_MODEL, DEFAULT_TRAIN
from playground.app.training.commands import Rebuild, SetProbe
from playground.app.training.loop import TrainingLoop
from playground.app.views.lenses.backprop import NO_POINT, BackpropInspector
from playground.app.views.plots.hover import RADIUS_PX
from playground.core.datasets import Dataset
from playground.core.point_pass import MAX_POINTS, PointPass
from playground.core.presets import make_dataset
from tests.app.lens_helpers import TIMEOUT
from tests.app.test_hidden_space_hover import (
    isolated_row,
    open_trained,
    pca_coordinates,
    rest_mouse_on,
    scene_of,
    shown,
)

RECT = (-6.0, -6.0, 12.0, 12.0)


def rows_by_coordinates(data: Dataset, xy: np.ndarray) -> np.ndarray:
    """For each point in ``xy``, the data set's row at exactly those coordinates."""
    same = np.all(data.x[None, :, :] == np.asarray(xy)[:, None, :], axis=2)
    assert np.all(same.sum(axis=1) == 1), "the points must be distinct"
    return same.argmax(axis=1)


def assert_numbers_the_data_set_rows(points: PointPass, data: Dataset) -> None:
    want = rows_by_coordinates(data, points.x)
    np.testing.assert_array_equal(points.index, want)
    n = points.n_train
    assert not data.is_test[points.index[:n]].any() and data.is_test[points.index[n:]].all()
    np.testing.assert_array_equal(points.targets, data.y[points.index])


@pytest.mark.parametrize("n_points", [120, MAX_POINTS + 700])
def test_the_workers_point_pass_numbers_its_rows_as_the_data_set_does(n_points: int) -> None:
    data = make_dataset("xor", n_points, 0.1, seed=3, test_ratio=0.25)
    assert np.flatnonzero(data.is_test).min() < np.flatnonzero(~data.is_test).max()
    loop = TrainingLoop(emit=lambda s: None, engine="numpy")
    loop.handle([SetProbe(RECT, 50), Rebuild(1, DEFAULT_MODEL, DEFAULT_TRAIN, data)])
    points = loop.make_snapshot(1.0).points
    assert points is not None and len(points.x) == min(n_points, MAX_POINTS)
    assert points.index.dtype == np.int64 and not points.index.flags.writeable
    assert_numbers_the_data_set_rows(points, data)


def open_inspector(qtbot, app: Assembly) -> BackpropInspector:
    BackpropWiring.of(app.controller)
    dock = app.window.docks["lens_backprop"]
    dock.toggleViewAction().trigger()
    qtbot.waitUntil(dock.isVisible, timeout=TIMEOUT)
    lens = app.window.views["lens_backprop"]
    assert isinstance(lens, BackpropInspector)
    return lens


def empty_spot(view, xy: np.ndarray) -> QPointF:
    """A scene position inside the plot farther than the hover radius from every point."""
    rect = view.plot.vb.sceneBoundingRect().adjusted(5, 5, -5, -5)
    s = scene_of(view, xy)
    for fx in np.linspace(0, 1, 31):
        for fy in np.linspace(0, 1, 31):
            at = QPointF(rect.left() + fx * rect.width(), rect.top() + fy * rect.height())
            if np.hypot(s[:, 0] - at.x(), s[:, 1] - at.y()).min() > RADIUS_PX + 4:
                return at
    raise AssertionError("no empty spot in the plot")


def test_hidden_space_names_a_test_point_as_the_canvas_does_and_a_click_chooses_it(
    qtbot, app: Assembly
) -> None:
    lens = open_inspector(qtbot, app)
    view = open_trained(qtbot, app)
    data = app.controller.data_model.dataset
    points, xy = shown(qtbot, app, view, lambda p: pca_coordinates(p.hidden[0], p.n_train))
    row = isolated_row(view, points, xy, test=True)
    (index,) = rows_by_coordinates(data, points.x[row : row + 1])
    assert data.is_test[index] and index != row, "the two numberings differ for this point"

    # Hover: the read-out names the point by its data set index.
    at = rest_mouse_on(qtbot, view, scene_of(view, xy[row : row + 1])[0])
    qtbot.waitUntil(lambda: view.hover.text.startswith(f"point {index} · "), timeout=TIMEOUT)
    assert " · test · " in view.hover.text

    # A click on empty space chooses nothing.
    assert lens.point_index() == NO_POINT
    viewport = view.graphics.viewport()
    with qtbot.assertNotEmitted(view.point_clicked):
        qtbot.mouseClick(
            viewport,
            Qt.MouseButton.LeftButton,
            pos=view.graphics.mapFromScene(empty_spot(view, xy)),
        )
    assert lens.point_index() == NO_POINT

    # A click on the point chooses it in the inspector, which rings it on the canvas.
    with (
        qtbot.waitSignal(view.point_clicked, timeout=TIMEOUT) as clicked,
        qtbot.waitSignal(lens.point_changed, timeout=TIMEOUT),
    ):
        qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=view.graphics.mapFromScene(at))
    assert clicked.args == [index] and lens.point_index() == index
    ring_x, ring_y = app.window.canvas.picker.ring.getData()
    assert (ring_x[0], ring_y[0]) == pytest.approx(tuple(data.x[index]))
    assert f"point {index} · " in view.hover.text, "hovering goes on after the click"

    # The canvas's pick of the same point gives the same number.
    lens.set_point(NO_POINT)
    canvas = app.window.canvas
    qtbot.mouseClick(lens.pick_button, Qt.MouseButton.LeftButton)
    assert lens.pick_button.isChecked()
    pos = canvas.data_to_widget(*data.x[index]).toPoint()
    with qtbot.waitSignal(canvas.point_picked, timeout=TIMEOUT) as picked:
        qtbot.mouseClick(canvas.plot.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert picked.args == [index] and lens.point_index() == index
