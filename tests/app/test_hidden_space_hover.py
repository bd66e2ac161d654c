"""Hovering the hidden-space view: the point under the mouse is marked and read out."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtWidgets import QApplication

from playground.app.assembly import Assembly
from playground.app.views.lenses.hidden_space import UNITS, HiddenSpaceView
from playground.app.views.numbers import compact
from playground.app.views.plots.hover import RADIUS_PX
from playground.core.point_pass import PointPass
from tests.app.lens_helpers import TIMEOUT, open_from_view_menu, train_to

NAME = "lens_hidden_space"


def view_of(app: Assembly) -> HiddenSpaceView:
    widget = app.window.views[NAME]
    assert isinstance(widget, HiddenSpaceView)
    return widget


def pca_coordinates(a: np.ndarray, n_train: int) -> np.ndarray:
    """Every point on the training points' first two principal components, signs fixed."""
    centred = a - a[:n_train].mean(axis=0)
    _, _, vt = np.linalg.svd(centred[:n_train], full_matrices=False)
    axes = vt[:2].T
    axes = axes * np.sign(axes[np.argmax(np.abs(axes), axis=0), [0, 1]])
    return centred @ axes


def shown(qtbot, app: Assembly, view: HiddenSpaceView, xy_of) -> tuple[PointPass, np.ndarray]:
    """The shown run's point pass, once the view draws it where ``xy_of(points)`` says."""
    points = app.controller.runs.active_run.with_points.points
    xy = xy_of(points)

    def drawn() -> bool:
        x, y = view.train_points.getData()
        return len(x) == points.n_train and np.allclose(np.column_stack([x, y]), xy[: len(x)])

    qtbot.waitUntil(drawn, timeout=TIMEOUT)
    view.plot.vb.prepareForPaint()  # the range fitted to these points, as when painted
    return points, xy


def scene_of(view: HiddenSpaceView, xy: np.ndarray) -> np.ndarray:
    """Where the view box draws plot coordinates ``xy`` (n, 2), in scene pixels."""
    at = [view.plot.vb.mapViewToScene(QPointF(float(x), float(y))) for x, y in xy]
    return np.array([[p.x(), p.y()] for p in at])


def isolated_row(view: HiddenSpaceView, points: PointPass, xy: np.ndarray, test=False) -> int:
    """The training (test) point farthest on screen from every other point, inside the plot."""
    s = scene_of(view, xy)
    rect = view.plot.vb.sceneBoundingRect().adjusted(30, 30, -30, -30)
    d = np.hypot(*(s[:, None, :] - s[None, :, :]).transpose(2, 0, 1))
    np.fill_diagonal(d, np.inf)
    gap = d.min(axis=1)
    inside = [rect.contains(QPointF(*p)) for p in s]
    gap[~np.asarray(inside)] = -1.0
    n = points.n_train
    row = n + int(np.argmax(gap[n:])) if test else int(np.argmax(gap[:n]))
    assert gap[row] > 3.0  # nothing else within a whole-pixel rounding of the mouse
    return row


def rest_mouse_on(qtbot, view: HiddenSpaceView, scene: np.ndarray) -> QPointF:
    """Move the real mouse onto the scene position; where the view sees it, in the scene."""
    at = view.graphics.mapFromScene(QPointF(*scene))
    qtbot.mouseMove(view.graphics.viewport(), at + QPoint(0, 40))  # a move even if already there
    qtbot.mouseMove(view.graphics.viewport(), at)
    return view.graphics.mapToScene(at)


def words(points: PointPass, row: int, xy: np.ndarray, names: tuple[str, str], run=None) -> str:
    split = "train" if row < points.n_train else "test"
    x1, x2 = points.x[row]
    text = (
        f"point {points.index[row]} · class {int(points.targets[row])} · {split} · "
        f"input ({compact(x1)}, {compact(x2)}) · "
        f"{names[0]} {compact(xy[row, 0])}, {names[1]} {compact(xy[row, 1])}"
    )
    return text + (f" · run {run}" if run else "")


def open_trained(qtbot, app: Assembly, epochs: int = 4) -> HiddenSpaceView:
    open_from_view_menu(qtbot, app, NAME)
    view = view_of(app)
    dock = app.window.docks[NAME]
    app.window.resizeDocks([dock], [380], Qt.Orientation.Horizontal)  # the words must wrap
    train_to(qtbot, app, epochs)
    view.show()
    qtbot.waitExposed(view)
    QApplication.processEvents()
    return view


def nearest_words(view, points, xy, mouse: QPointF, names=("PC 1", "PC 2"), run=None) -> str:
    """What should be read out with the mouse at ``mouse``: its nearest point's words, or ""."""
    s = scene_of(view, xy)
    d = np.hypot(s[:, 0] - mouse.x(), s[:, 1] - mouse.y())
    row = int(np.argmin(d))
    return words(points, row, xy, names, run) if d[row] <= RADIUS_PX else ""


def hover_isolated(qtbot, view, points, xy, names, run=None, test=False) -> QPointF:
    """Rest the mouse on an isolated point; wait for its words, marked and inside the plot."""
    row = isolated_row(view, points, xy, test)
    mouse = rest_mouse_on(qtbot, view, scene_of(view, xy[row : row + 1])[0])
    want = words(points, row, xy, names, run)
    qtbot.waitUntil(lambda: view.hover.text == want, timeout=TIMEOUT)
    mx, my = view.hover.marker.getData()
    np.testing.assert_allclose([mx[0], my[0]], xy[row], rtol=1e-9, atol=1e-12)
    box = view.plot.vb.sceneBoundingRect().adjusted(-1, -1, 1, 1)
    assert box.contains(view.hover.text_item.sceneBoundingRect())
    return mouse


def test_a_point_under_the_mouse_is_read_out_inside_the_plot_and_goes_when_it_leaves(
    qtbot, app: Assembly
) -> None:
    view = open_trained(qtbot, app)
    points, xy = shown(qtbot, app, view, lambda p: pca_coordinates(p.hidden[0], p.n_train))
    hover_isolated(qtbot, view, points, xy, ("PC 1", "PC 2"))
    assert " · train · " in view.hover.text
    hover_isolated(qtbot, view, points, xy, ("PC 1", "PC 2"), test=True)
    assert " · test · " in view.hover.text

    QApplication.sendEvent(view.graphics.viewport(), QEvent(QEvent.Type.Leave))
    assert view.hover.text == "" and not view.hover.marker.isVisible()
    view.plot.vb.prepareForPaint()
    assert view.hover.refresh() is None and view.hover.text == ""  # gone until the next move


def test_the_read_out_follows_the_projection_and_the_layer(qtbot, app: Assembly) -> None:
    view = open_trained(qtbot, app)
    points, pca = shown(qtbot, app, view, lambda p: pca_coordinates(p.hidden[0], p.n_train))
    mouse = hover_isolated(qtbot, view, points, pca, ("PC 1", "PC 2"))
    pca_text = view.hover.text

    # Units 3 and 1 of the first layer: the mouse stays, the read-out is of what is under it.
    units = ("unit 3", "unit 1")
    view.set_projection(UNITS, 2, 0)
    _, xy = shown(qtbot, app, view, lambda p: p.hidden[0][:, [2, 0]])
    assert view.hover.text == nearest_words(view, points, xy, mouse, units) != pca_text
    hover_isolated(qtbot, view, points, xy, units)

    view.set_layer(1)  # the second hidden layer, of two units
    view.set_projection(UNITS, 1, 0)
    _, xy = shown(qtbot, app, view, lambda p: p.hidden[1][:, [1, 0]])
    hover_isolated(qtbot, view, points, xy, ("unit 2", "unit 1"))


def test_with_the_mouse_at_rest_new_frames_and_the_compared_run_are_read_out(
    qtbot, app: Assembly
) -> None:
    c = app.controller
    with qtbot.waitSignal(c.run_started, timeout=TIMEOUT):
        assert c.comparing.start("hidden=3/5x2")
    view = open_trained(qtbot, app, epochs=2)
    pca = lambda p: pca_coordinates(p.hidden[0], p.n_train)  # noqa: E731
    points, xy = shown(qtbot, app, view, pca)
    mouse = hover_isolated(qtbot, view, points, xy, ("PC 1", "PC 2"), "hidden=3")
    first = view.hover.text

    train_to(qtbot, app, 6)  # new frames under a resting mouse
    points, xy = shown(qtbot, app, view, pca)
    want = nearest_words(view, points, xy, mouse, run="hidden=3")
    assert want != first and view.hover.text == want

    c.comparing.select(1)
    qtbot.waitUntil(lambda: "hidden=5x2" in view.title_label.text(), timeout=TIMEOUT)
    points, xy = shown(qtbot, app, view, pca)
    assert view.hover.text == nearest_words(view, points, xy, mouse, run="hidden=5x2")


def test_a_regression_point_in_a_layer_of_one_unit_reads_its_target_and_one_coordinate(qtbot):
    view = HiddenSpaceView()
    qtbot.addWidget(view)
    view.resize(480, 400)
    x = np.array([[0.5, -1.25], [-2.0, 0.75], [1.5, 1.5]])
    a = np.array([[0.3], [-0.6], [0.9]])  # one hidden unit, plotted against 0
    grid, on_grid = np.zeros((2, 2, 2)), np.zeros((2, 2, 1))
    t = np.array([0.42, -1.5, 3.0])
    view.show_points(PointPass(x, 2, t, "regression", (a,), (a,), a, grid, (on_grid,)))
    view.set_projection(UNITS, 0, 0)
    view.show()
    qtbot.waitExposed(view)
    view.plot.vb.prepareForPaint()
    xy = np.column_stack([a[:, 0], np.zeros(3)])
    rest_mouse_on(qtbot, view, scene_of(view, xy[2:])[0])
    want = "point 2 · target 3 · test · input (1.5, 1.5) · unit 1 0.9"
    qtbot.waitUntil(lambda: view.hover.text == want, timeout=TIMEOUT)
    rest_mouse_on(qtbot, view, scene_of(view, xy[:1])[0])
    want = "point 0 · target 0.42 · train · input (0.5, -1.25) · unit 1 0.3"
    qtbot.waitUntil(lambda: view.hover.text == want, timeout=TIMEOUT)
