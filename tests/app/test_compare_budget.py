"""Compare mode's frame budget: what a compared frame paints, counted rather than timed.

A tile repaints its boundary without redrawing its points, its picture reaches the screen
without a lookup table, only the loss curves pay for wide pens, and an update of the runs'
curves paints each plot once and re-ticks its axes only when their range moves.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtGui import QColor

from playground.app.present.decimate import envelope
from playground.app.views.compare.colors import run_color
from playground.app.views.compare.tiles import RunTiles
from playground.app.views.plots.gradient_plot import GradientPlot
from playground.app.views.plots.loss_plot import LossPlot
from playground.app.views.plots.run_curves import (
    LAYER_STYLES,
    RunCurves,
    RunGradientCurves,
    layer_pen,
)
from tests.app.test_frame_budget import count_calls, draw

RECT = (-6.0, -6.0, 12.0, 12.0)
N = 60  # boundary grid side


def boundary(angle: float) -> np.ndarray:
    """Two-class probabilities (N, N, 2) split by a line through the middle at ``angle``."""
    grid = np.linspace(-1.0, 1.0, N)
    x, y = np.meshgrid(grid, grid)
    p1 = 1.0 / (1.0 + np.exp(-6.0 * (x * np.cos(angle) + y * np.sin(angle))))
    return np.stack([1.0 - p1, p1], axis=-1).astype(np.float32)


def spiral_points(n: int = 120) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``n`` points of two interleaved arms, every other one a test point."""
    t = np.linspace(0.2, 1.0, n)
    y = np.arange(n) % 2
    angle = 3.0 * np.pi * t + np.pi * y
    xy = 5.0 * np.column_stack([t * np.cos(angle), t * np.sin(angle)])
    return xy, y, np.arange(n) % 4 == 1


def make_tiles(qtbot) -> RunTiles:
    """Two shown tiles with the same points."""
    view = RunTiles()
    qtbot.addWidget(view)
    view.resize(420, 260)
    view.set_runs(["activation=tanh", "activation=relu"])
    view.show()
    qtbot.waitExposed(view)
    xy, y, test = spiral_points()
    view.show_points(xy, y, test, "classification", 2)
    return view


@pytest.fixture
def tiles(qtbot):
    return make_tiles(qtbot)


def show_boundaries(tiles: RunTiles, angle: float) -> None:
    for index in range(tiles.count):
        tiles.show_boundary(index, boundary(angle + index), RECT, "classification")


def test_a_new_boundary_repaints_the_tiles_but_not_their_points(qtbot, monkeypatch):
    # Counted from the start: Qt looks an item's paint up once, at its first paint.
    images = count_calls(monkeypatch, pg.ImageItem, "paint")
    points = count_calls(monkeypatch, pg.ScatterPlotItem, "paint")
    tiles = make_tiles(qtbot)
    show_boundaries(tiles, 0.0)
    draw(tiles)
    assert points[0] > 0, "the points were painted once, into their pictures"
    images[0] = points[0] = 0
    for step in range(1, 4):
        show_boundaries(tiles, 0.5 * step)  # a visibly different boundary each frame
        draw(tiles)
    assert images[0] == 3 * tiles.count, "each tile paints its new picture once a frame"
    assert points[0] == 0, "the points, unchanged, come from their cached pictures"
    xy, y, test = spiral_points(80)
    tiles.show_points(xy, y, test, "classification", 2)
    draw(tiles)
    assert points[0] == 2 * tiles.count, "new points are drawn again, train and test layers"


def test_a_tile_shows_its_colours_as_computed_without_a_lookup_table(tiles):
    show_boundaries(tiles, 0.3)
    draw(tiles)
    for tile in tiles.visible_tiles():
        assert tile.image.levels is None, "8-bit colours need no levels"
        assert tile.drawn is not None
        rgb = tile.drawn.rgb
        shown = tile.image.qimage
        for row, col in ((0, 0), (N // 2, N // 3), (N - 1, N - 1)):
            pixel = QColor(shown.pixel(col, row))
            assert (pixel.red(), pixel.green(), pixel.blue()) == tuple(rgb[row, col])


def grown_runs(m: int, n_layers: int = 7) -> tuple[list[RunCurves], list[RunGradientCurves]]:
    """Two runs' thinned histories of ``m`` epochs, as the presenters give them."""
    rng = np.random.default_rng(m)
    losses, gradients = [], []
    for run in range(2):
        epoch = np.arange(1, m + 1, dtype=np.float64)
        loss = 0.7 / (1.0 + epoch / 200.0) + 0.01 * rng.random(m)
        columns = np.column_stack([loss, 1.05 * loss, 1.0 - loss / 2, 1.0 - loss / 2.2])
        x, thinned = envelope(epoch, columns)
        losses.append(RunCurves(f"run {run}", run_color(run), x, *thinned.T))
        norms = 0.1 * np.exp(rng.normal(0.0, 0.2, (m, n_layers))) / (1.0 + epoch[:, None] / 500)
        x, thinned = envelope(epoch, norms)
        gradients.append(RunGradientCurves(f"run {run}", run_color(run), x, thinned))
    return losses, gradients


def make_plots(qtbot) -> tuple[LossPlot, GradientPlot]:
    loss, gradients = LossPlot(), GradientPlot()
    for widget in (loss, gradients):
        qtbot.addWidget(widget)
        widget.resize(450, 250)
        widget.show()
        qtbot.waitExposed(widget)
    return loss, gradients


def wide(curve: pg.PlotDataItem) -> bool:
    """Whether a curve's pen is stroked wider than one pixel (the dear way)."""
    return curve.isVisible() and curve.opts["pen"].widthF() > 1.0


def test_only_the_runs_loss_curves_pay_for_wide_pens(qtbot):
    loss, gradients = make_plots(qtbot)
    loss_runs, gradient_runs = grown_runs(300)
    loss.show_runs(loss_runs)
    gradients.show_runs(gradient_runs)
    for curves in loss.run_curves.runs:
        assert [wide(curve) for curve in curves] == [True, True, False, False]
    assert sum(wide(c) for run in gradients.run_curves.runs for c in run) == 0
    # The seven layers are still told apart: by dash pattern, then by shade.
    for run in gradients.run_curves.runs:
        pens = [(c.opts["pen"].style(), c.opts["pen"].color().alpha()) for c in run]
        assert len(set(pens)) == len(run) == 7
    keys = gradients.run_curves.layer_keys
    assert [k.opts["pen"] for k in keys] == [layer_pen("#6f7378", i) for i in range(7)]
    assert keys[len(LAYER_STYLES)].opts["pen"].color().alpha() < 255


def test_an_update_of_the_runs_curves_paints_each_plot_once(qtbot, monkeypatch):
    # Counted from the start: Qt looks a widget's paintEvent up once, at its first paint.
    paints = count_calls(monkeypatch, pg.GraphicsView, "paintEvent")
    loss, gradients = make_plots(qtbot)
    loss_runs, gradient_runs = grown_runs(1000)
    loss.show_runs(loss_runs)
    gradients.show_runs(gradient_runs)
    draw(loss)
    draw(gradients)
    paints[0] = 0
    ticks = count_calls(monkeypatch, pg.AxisItem, "generateDrawSpecs")
    for step in range(1, 9):
        loss_runs, gradient_runs = grown_runs(1000 + 2 * step)  # a few epochs a frame
        loss.show_runs(loss_runs)
        gradients.show_runs(gradient_runs)
        draw(loss)
        draw(gradients)
    assert paints[0] == 2 * 8, "a view box moving its items as the paint began repainted it"
    # Eight updates of seven axes: growing curves move them now and then, not every frame.
    assert ticks[0] <= 7, "at most one re-tick per axis"
    np.testing.assert_allclose(loss.run_curves.runs[1][0].xData[-1], 1016)
