"""Compare mode's views driven as a user would: tiles and rows clicked, the dialog filled in."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QDialog

from playground.app.views.canvas import DataCanvas
from playground.app.views.canvas.canvas import POINT_SIZE
from playground.app.views.canvas.palette import CLASS_COLORS
from playground.app.views.compare.colors import RUN_COLORS, run_color
from playground.app.views.compare.dialog import CompareDialog, CompareKeyInfo, split_spec
from playground.app.views.compare.table import (
    DIVERGED,
    EPOCH,
    RUN,
    TEST_LOSS,
    TEST_METRIC,
    TRAIN_LOSS,
    TRAIN_METRIC,
    CompareTable,
)
from playground.app.views.compare.tile import FRAME_WIDTH
from playground.app.views.compare.tiles import RunTiles, grid_shape
from playground.app.views.numbers import DASH
from playground.app.views.plots.axes import DIVERGED_COLOR
from playground.core.datasets import Dataset

RECT = (-6.0, -6.0, 12.0, 12.0)
LABELS = ["activation=sigmoid", "activation=relu", "activation=tanh", "activation=linear"]

# -- colours ----------------------------------------------------------------------------------

# Machado, Oliveira and Fernandes (2009), severity 1, on linear RGB.
CVD_MATRICES = {
    "normal": np.eye(3),
    "protanopia": np.array(
        [
            [0.152286, 1.052583, -0.204868],
            [0.114503, 0.786281, 0.099216],
            [-0.003882, -0.048116, 1.051998],
        ]
    ),
    "deuteranopia": np.array(
        [
            [0.367322, 0.860646, -0.227968],
            [0.280085, 0.672501, 0.047413],
            [-0.011820, 0.042940, 0.968881],
        ]
    ),
    "tritanopia": np.array(
        [
            [1.255528, -0.076749, -0.178779],
            [-0.078411, 0.930809, 0.147602],
            [0.004733, 0.691367, 0.303900],
        ]
    ),
}


def linear_rgb(code: str) -> np.ndarray:
    """sRGB '#rrggbb' as linear RGB in [0, 1]."""
    c = np.array([int(code[i : i + 2], 16) for i in (1, 3, 5)]) / 255.0
    return np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)


def lab(rgb: np.ndarray) -> np.ndarray:
    """CIELAB (D65) of linear RGB."""
    xyz = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]])
    v = (xyz @ rgb) / np.array([0.9505, 1.0, 1.089])
    f = np.where(v > 0.008856, np.cbrt(v), 7.787 * v + 16 / 116)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def seen(code: str, vision: str) -> np.ndarray:
    """The CIELAB colour of ``code`` as seen with ``vision``."""
    return lab(np.clip(CVD_MATRICES[vision] @ linear_rgb(code), 0.0, 1.0))


def contrast_on_white(code: str) -> float:
    """WCAG contrast ratio against white."""
    luminance = float(np.array([0.2126, 0.7152, 0.0722]) @ linear_rgb(code))
    return 1.05 / (luminance + 0.05)


@pytest.mark.parametrize("vision", list(CVD_MATRICES))
def test_run_colours_stay_apart_under_colour_blindness(vision):
    # 20 CIELAB units is plainly different at a glance; 10 still tells a line from a dot.
    for i, a in enumerate(RUN_COLORS):
        for b in RUN_COLORS[i + 1 :]:
            assert np.linalg.norm(seen(a, vision) - seen(b, vision)) > 20, (a, b)
        for c in CLASS_COLORS[:7]:  # the eighth class colour is black
            assert np.linalg.norm(seen(a, vision) - seen(c, vision)) > 10, (a, c)


def test_run_colours_are_readable_on_the_plot_background():
    assert len(RUN_COLORS) == 4
    assert all(contrast_on_white(code) >= 3.0 for code in RUN_COLORS)  # WCAG for graphics
    assert [run_color(i).name() for i in range(5)] == [c.lower() for c in RUN_COLORS] + [
        RUN_COLORS[0].lower()
    ]


# -- tiles ------------------------------------------------------------------------------------


def circle_probabilities(n: int = 60, radius: float = 3.0) -> np.ndarray:
    """P(class 1) over RECT on an (n, n) grid: high inside a circle."""
    g = np.linspace(-6, 6, n)
    xx, yy = np.meshgrid(g, g)
    return 1.0 / (1.0 + np.exp(3.0 * (np.hypot(xx, yy) - radius)))


def sample_points(task: str = "binary", n_classes: int = 2) -> Dataset:
    """Points over the plane, a third of them test points."""
    rng = np.random.default_rng(3)
    x = rng.uniform(-5, 5, (90, 2))
    if task == "regression":
        y = x[:, 0] - 0.5 * x[:, 1]
    else:
        y = (np.arange(90) % n_classes).astype(float)
    return Dataset(x=x, y=y, is_test=np.arange(90) % 3 == 0, task=task, n_classes=n_classes)


@pytest.fixture
def tiles(qtbot):
    widget = RunTiles()
    qtbot.addWidget(widget)
    widget.resize(520, 300)
    widget.set_runs(LABELS[:2])
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def make_canvas(qtbot, data: Dataset) -> DataCanvas:
    canvas = DataCanvas()
    qtbot.addWidget(canvas)
    canvas.set_dataset(data)
    return canvas


def spot_colors(item, part: str) -> list[str]:
    """The brush or pen colour of every point of a scatter item."""
    return [getattr(spot, part)().color().name(QColor.NameFormat.HexArgb) for spot in item.points()]


def test_each_tile_is_named_in_its_run_colour(tiles):
    assert tiles.count == 2
    shown = tiles.visible_tiles()
    assert [tile.label for tile in shown] == LABELS[:2]
    for i, tile in enumerate(shown):
        assert tile.title.text() == LABELS[i]
        tile.title.ensurePolished()
        assert tile.title.palette().color(QPalette.ColorRole.WindowText) == run_color(i)


def test_tiles_are_made_once_and_reused_across_run_counts(tiles):
    first = list(tiles.tiles)
    items = [(tile.image, tile.train_points, tile.test_points) for tile in first]
    tiles.set_runs(LABELS[:4])
    assert tiles.tiles[:2] == first and len(tiles.tiles) == 4
    tiles.set_runs(LABELS[:3])
    assert len(tiles.tiles) == 4 and not tiles.tiles[3].isVisible()
    assert [tile.isVisible() for tile in tiles.tiles[:3]] == [True] * 3
    for _ in range(5):
        tiles.show_boundary(0, circle_probabilities(), RECT, "binary")
    assert (first[0].image, first[0].train_points, first[0].test_points) == items[0]
    assert len(first[0].view_box.childGroup.childItems()) == 3  # image and two scatters


def test_a_click_on_a_tile_selects_its_run(qtbot, tiles):
    tiles.set_runs(LABELS[:3])
    target = tiles.tiles[2].view.viewport()
    with qtbot.waitSignal(tiles.run_selected) as blocker:
        qtbot.mouseClick(target, Qt.MouseButton.LeftButton, pos=target.rect().center())
    assert blocker.args == [2]
    with qtbot.waitSignal(tiles.run_selected) as blocker:
        qtbot.mouseClick(tiles.tiles[1].title, Qt.MouseButton.LeftButton)
    assert blocker.args == [1]


def test_the_selected_tile_is_framed_in_its_run_colour(qtbot, tiles):
    tiles.set_selected(1)
    frame = [tile.grab().toImage() for tile in tiles.visible_tiles()]
    middle = [(FRAME_WIDTH // 2, tile.height() // 2) for tile in tiles.visible_tiles()]
    assert frame[1].pixelColor(*middle[1]) == run_color(1)
    assert frame[0].pixelColor(*middle[0]) != run_color(0)
    tiles.set_selected(0)
    assert tiles.tiles[0].grab().toImage().pixelColor(*middle[0]) == run_color(0)
    assert tiles.selected() == 0


@pytest.mark.parametrize(
    ("task", "n_classes"), [("binary", 2), ("multiclass", 3), ("regression", 0)]
)
@pytest.mark.parametrize("discretize", [False, True])
def test_boundaries_are_coloured_exactly_as_on_the_canvas(
    qtbot, tiles, task, n_classes, discretize
):
    data = sample_points(task, max(n_classes, 2))
    rng = np.random.default_rng(0)
    if task == "multiclass":
        raw = rng.random((40, 40, 3))
        values = raw / raw.sum(axis=2, keepdims=True)
    elif task == "regression":
        values = rng.normal(0.0, 3.0, (40, 40))
    else:
        values = circle_probabilities(40)
    canvas = make_canvas(qtbot, data)
    canvas.set_discretize(discretize)
    canvas.show_boundary(values, RECT, task)
    tiles.set_discretize(discretize)
    tiles.show_points(data.x, data.y, data.is_test, task, n_classes)
    tiles.show_boundary(1, values, RECT, task)
    np.testing.assert_array_equal(tiles.tiles[1].image.image, canvas.image.image)
    assert tiles.tiles[1].contour.isVisible() == (task == "binary")
    assert tiles.tiles[0].image.image is None  # the other run has no boundary yet


def test_the_boundary_covers_its_rect(tiles):
    rect = (-2.0, -1.0, 6.0, 6.0)
    tiles.show_boundary(0, circle_probabilities(30), rect, "binary")
    tile = tiles.tiles[0]
    covered = tile.image.mapRectToView(tile.image.boundingRect())
    assert (covered.x(), covered.y(), covered.width(), covered.height()) == pytest.approx(rect)
    (x0, x1), (y0, y1) = tile.view_box.viewRange()
    assert x0 <= -2.0 + 1e-6 and x1 >= 4.0 - 1e-6 and y0 <= -1.0 + 1e-6 and y1 >= 5.0 - 1e-6


def test_points_are_the_canvas_points_smaller(qtbot, tiles):
    data = sample_points("multiclass", 3)
    canvas = make_canvas(qtbot, data)
    tiles.show_points(data.x, data.y, data.is_test, "multiclass", 3)
    for tile in tiles.visible_tiles():
        train = tile.train_points.getData()
        np.testing.assert_array_equal(train[0], data.x[~data.is_test, 0])
        np.testing.assert_array_equal(tile.test_points.getData()[1], data.x[data.is_test, 1])
        assert spot_colors(tile.train_points, "brush") == spot_colors(canvas.train_points, "brush")
        assert spot_colors(tile.test_points, "pen") == spot_colors(canvas.test_points, "pen")
        assert spot_colors(tile.test_points, "brush") == spot_colors(canvas.test_points, "brush")
        assert tile.train_points.opts["size"] < POINT_SIZE


def test_regression_points_share_the_canvas_shades(qtbot, tiles):
    data = sample_points("regression")
    canvas = make_canvas(qtbot, data)
    tiles.show_points(data.x, data.y, data.is_test, "regression", 0)
    tile = tiles.tiles[0]
    assert spot_colors(tile.train_points, "brush") == spot_colors(canvas.train_points, "brush")
    assert spot_colors(tile.test_points, "pen") == spot_colors(canvas.test_points, "pen")


def test_state_line_turns_red_for_a_diverged_run(tiles):
    tiles.show_state(0, "epoch 120 · test loss 0.031", False)
    tiles.show_state(1, "diverged at epoch 37", True)
    first, second = tiles.tiles[0].state, tiles.tiles[1].state
    assert first.text() == "epoch 120 · test loss 0.031"
    assert second.text() == "diverged at epoch 37"
    for label in (first, second):
        label.ensurePolished()
    assert second.palette().color(QPalette.ColorRole.WindowText) == QColor(DIVERGED_COLOR)
    assert first.palette().color(QPalette.ColorRole.WindowText) != QColor(DIVERGED_COLOR)
    with pytest.raises(IndexError):
        tiles.show_state(2, "no such run", False)


def test_grid_shape_picks_the_larger_squares():
    # A wide strip: a row of four gives (800 - 3*6)/4 - 6 = 189.5 by 200 - 40 = 160 -> 160;
    # two by two gives (800 - 6)/2 - 6 = 391 by (200 - 6)/2 - 40 = 57 -> 57.
    assert grid_shape(4, 800, 200, 6, 40) == (1, 4, 160)
    # A square: a row gives (500 - 18)/4 - 6 = 114.5 -> 114; two by two (500 - 6)/2 - 6 = 241
    # by (500 - 6)/2 - 40 = 207 -> 207.
    assert grid_shape(4, 500, 500, 6, 40) == (2, 2, 207)
    assert grid_shape(2, 300, 900, 6, 40)[:2] == (1, 2)


@pytest.mark.parametrize(("size", "shape"), [((900, 260), (1, 4)), ((520, 520), (2, 2))])
def test_tiles_are_laid_out_for_the_widget_shape(qtbot, tiles, size, shape):
    tiles.set_runs(LABELS)
    tiles.resize(*size)
    qtbot.waitUntil(lambda: tiles.shape == shape)
    geometries = [tile.geometry() for tile in tiles.visible_tiles()]
    for i, a in enumerate(geometries):
        assert tiles.rect().contains(a)
        assert not any(a.intersects(b) for b in geometries[i + 1 :])
    for tile in tiles.visible_tiles():
        assert abs(tile.view.width() - tile.view.height()) <= 1  # square plots


def test_long_labels_are_elided_with_the_full_text_as_tooltip(tiles):
    label = "hidden=" + "16,16,16,16,16,16,16,16,16,16,16,16,16,16,16,16,16"
    tiles.set_runs([label, "hidden=4"])
    title = tiles.tiles[0].title
    assert title.text() != label and "…" in title.text()
    assert tiles.tiles[0].toolTip() == label
    assert title.fontMetrics().horizontalAdvance(title.text()) <= tiles.tiles[0].width()


# -- table ------------------------------------------------------------------------------------


@pytest.fixture
def table(qtbot):
    widget = CompareTable()
    qtbot.addWidget(widget)
    widget.set_runs(LABELS[:3])
    widget.resize(760, 160)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_one_row_per_run_with_a_swatch_of_its_colour(table):
    assert table.rowCount() == 3
    assert [table.text(r, RUN) for r in range(3)] == LABELS[:3]
    for row in range(3):
        image = table.item(row, RUN).icon().pixmap(12, 12).toImage()
        assert image.pixelColor(6, 6) == run_color(row)


def test_rows_show_the_figures_as_the_app_writes_numbers(table):
    table.show_row(0, 2000, 0.031234, 0.05, 0.975, 0.9, None)
    table.show_row(2, 37, float("nan"), float("inf"), 0.5, None, "epoch 37: non-finite loss")
    row = [table.text(0, c) for c in (EPOCH, TRAIN_LOSS, TEST_LOSS, TRAIN_METRIC, TEST_METRIC)]
    assert row == ["2,000", "0.03123", "0.05", "97.5%", "90.0%"]
    assert table.text(0, DIVERGED) == DASH
    assert [table.text(2, c) for c in (TRAIN_LOSS, TEST_LOSS, TEST_METRIC)] == [DASH] * 3
    assert table.text(2, DIVERGED) == "epoch 37: non-finite loss"
    assert table.item(2, DIVERGED).foreground().color() == QColor(DIVERGED_COLOR)
    table.show_row(2, 38, 0.2, 0.3, 0.5, 0.5, None)
    assert table.item(2, DIVERGED).foreground().color() != QColor(DIVERGED_COLOR)
    with pytest.raises(IndexError):
        table.show_row(3, 1, 0.1, 0.1, 0.5, 0.5, None)


def test_diverged_text_is_not_clipped(table):
    text = "epoch 1,234,567: non-finite loss"
    table.show_row(1, 1_234_567, 0.1, 0.1, 0.5, 0.5, text)
    width = table.fontMetrics().horizontalAdvance(text)
    assert table.columnWidth(DIVERGED) > width
    assert table.sizeHint().width() >= sum(table.columnWidth(c) for c in range(DIVERGED + 1))


def test_r2_columns(table):
    table.set_metric_name("R²")
    table.show_row(0, 10, 0.5, 0.6, 0.87654, -3.5, None)
    titles = [table.horizontalHeaderItem(c).text() for c in (TRAIN_METRIC, TEST_METRIC)]
    assert titles == ["Train R²", "Test R²"]
    assert [table.text(0, c) for c in (TRAIN_METRIC, TEST_METRIC)] == ["0.8765", "-3.5"]


def test_a_click_on_a_row_selects_its_run(qtbot, table):
    rect = table.visualRect(table.model().index(2, TRAIN_LOSS))
    with qtbot.waitSignal(table.run_selected) as blocker:
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == [2]
    assert table.selected() == 2
    with qtbot.waitSignal(table.run_selected) as blocker:
        qtbot.keyClick(table, Qt.Key.Key_Up)
    assert blocker.args == [1]


def test_set_selected_does_not_echo(qtbot, table):
    with qtbot.assertNotEmitted(table.run_selected):
        table.set_selected(1)
    assert table.selected() == 1
    table.set_runs(LABELS[:2])
    assert table.rowCount() == 2


# -- dialog -----------------------------------------------------------------------------------

KEYS = {
    "activation": CompareKeyInfo(
        "activation", "the activation of every hidden layer", ("relu", "sigmoid", "tanh")
    ),
    "init": CompareKeyInfo(
        "initialiser", "the weight initialiser", ("zeros", "xavier_uniform", "he_normal")
    ),
    "lr": CompareKeyInfo("learning rate", "the learning rate, a number in (0, 1000]", None),
    "hidden": CompareKeyInfo("hidden layers", "hidden layer widths, e.g. 8,8", None, lists=True),
}


@pytest.fixture
def dialog(qtbot):
    widget = CompareDialog(KEYS, {"activation": "tanh", "lr": "0.03"})
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def choose_key(qtbot, dialog: CompareDialog, key: str) -> None:
    dialog.key_combo.setCurrentIndex(dialog.key_combo.findData(key))
    qtbot.waitUntil(lambda: dialog.help_label.text() == KEYS[key].help)


def type_value(qtbot, dialog: CompareDialog, row: int, text: str) -> None:
    editor = dialog.rows[row].editor
    editor.clear()
    qtbot.keyClicks(editor, text)


def test_it_starts_from_the_current_value_and_another_choice(dialog):
    assert dialog.key() == "activation"
    assert dialog.values() == ["tanh", "relu"]
    assert dialog.ok_button.isEnabled()
    assert dialog.spec_text() == "activation=tanh,relu"


@pytest.mark.parametrize(
    ("title", "spec"),
    [
        ("sigmoid vs ReLU", "activation=sigmoid,relu"),
        ("zero vs He init", "init=zeros,he_normal"),
        ("learning rate 0.03 vs 3", "lr=0.03,3"),
    ],
)
def test_presets_fill_the_dialog(qtbot, dialog, title, spec):
    qtbot.mouseClick(dialog.preset_buttons[title], Qt.MouseButton.LeftButton)
    assert dialog.spec_text() == spec
    assert dialog.ok_button.isEnabled()


def test_ok_waits_for_distinct_non_empty_values(qtbot, dialog):
    choose_key(qtbot, dialog, "lr")
    assert dialog.values() == ["0.03", ""]
    assert not dialog.ok_button.isEnabled()
    type_value(qtbot, dialog, 1, "0.030")
    assert not dialog.ok_button.isEnabled()  # the same number written differently
    assert "same" in dialog.problem_label.text()
    type_value(qtbot, dialog, 1, "3")
    assert dialog.ok_button.isEnabled()
    assert dialog.spec_text() == "lr=0.03,3"
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_runs_are_added_up_to_four_and_removed_down_to_two(qtbot, dialog):
    for _ in range(3):
        qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert len(dialog.rows) == 4 and not dialog.add_button.isEnabled()
    assert not dialog.ok_button.isEnabled()  # the new rows repeat a choice
    dialog.rows[2].set_value("sigmoid")
    dialog.rows[3].set_value("relu")
    assert not dialog.ok_button.isEnabled()
    qtbot.mouseClick(dialog.rows[3].remove_button, Qt.MouseButton.LeftButton)
    assert dialog.values() == ["tanh", "relu", "sigmoid"]
    assert dialog.ok_button.isEnabled()
    assert dialog.spec_text() == "activation=tanh,relu,sigmoid"
    qtbot.mouseClick(dialog.rows[0].remove_button, Qt.MouseButton.LeftButton)
    assert dialog.values() == ["relu", "sigmoid"]
    assert not any(row.remove_button.isEnabled() for row in dialog.rows)
    assert [row.caption.text() for row in dialog.rows] == ["Run 1", "Run 2"]


def test_hidden_values_are_separated_by_slashes(qtbot, dialog):
    choose_key(qtbot, dialog, "hidden")
    type_value(qtbot, dialog, 0, "8,8")
    type_value(qtbot, dialog, 1, "4")
    assert dialog.spec_text() == "hidden=8,8/4"


@pytest.mark.parametrize(
    "spec", ["hidden=8,8/4/2", "lr=0.03,3,30", "init=zeros,he_normal", "activation=relu,sigmoid"]
)
def test_a_spec_reopens_as_it_was_written(qtbot, spec):
    dialog = CompareDialog(KEYS, {})
    qtbot.addWidget(dialog)
    dialog.set_spec_text(spec)
    assert dialog.spec_text() == spec
    assert dialog.ok_button.isEnabled()


def test_unknown_keys_and_presets_outside_the_keys(qtbot):
    dialog = CompareDialog({"lr": KEYS["lr"]}, {"lr": "0.1"})
    qtbot.addWidget(dialog)
    assert dialog.preset_buttons["learning rate 0.03 vs 3"].isEnabled()
    assert not dialog.preset_buttons["sigmoid vs ReLU"].isEnabled()
    with pytest.raises(ValueError, match="cannot compare"):
        dialog.set_spec_text("momentum=0.5,0.9")
    assert split_spec("hidden=8,8/4") == ("hidden", ["8,8", "4"])
    assert split_spec("lr = 0.1, 1") == ("lr", ["0.1", "1"])


def test_changing_the_key_shows_its_help_and_editors(qtbot, dialog):
    choose_key(qtbot, dialog, "init")
    assert dialog.values() == ["zeros", "xavier_uniform"]
    assert dialog.help_label.text() == KEYS["init"].help
    choose_key(qtbot, dialog, "lr")
    assert dialog.rows[0].editor.text() == "0.03"
    assert dialog.rows[1].editor.placeholderText() == KEYS["lr"].help


def test_tile_clicks_land_on_the_tile_under_the_mouse(qtbot, tiles):
    tiles.set_runs(LABELS)
    tiles.resize(520, 520)
    qtbot.waitUntil(lambda: tiles.shape == (2, 2))
    tile = tiles.tiles[3]
    centre = tile.mapTo(tiles, tile.view.geometry().center())
    child = tiles.childAt(centre)
    assert child is not None
    local = child.mapFrom(tiles, QPoint(centre))
    with qtbot.waitSignal(tiles.run_selected) as blocker:
        qtbot.mouseClick(child, Qt.MouseButton.LeftButton, pos=local)
    assert blocker.args == [3]


def test_hidden_tiles_colour_their_boundaries_when_shown(qtbot):
    widget = RunTiles()
    qtbot.addWidget(widget)
    widget.set_runs(LABELS[:2])
    values = circle_probabilities(30)
    widget.show_boundary(0, values, RECT, "binary")
    widget.show_boundary(1, 1.0 - values, RECT, "binary")
    assert widget.tiles[0].image.image is None  # nothing coloured for a closed dock
    widget.show()
    qtbot.waitExposed(widget)
    canvas = make_canvas(qtbot, sample_points())
    canvas.show_boundary(1.0 - values, RECT, "binary")
    np.testing.assert_array_equal(widget.tiles[1].image.image, canvas.image.image)
    assert widget.tiles[0].image.image is not None


def test_a_long_state_line_shrinks_to_fit_its_tile_instead_of_being_cut(qtbot) -> None:
    from playground.app.views.compare.tile import RunTile

    tile = RunTile(0)
    qtbot.addWidget(tile)
    tile.resize(150, 190)
    tile.show()
    short = tile.state.font().pointSizeF()
    long = "第 12,345 轮次 · 测试损失 0.7071 (a long line in a narrow tile)"
    tile.set_state(long, False)
    assert tile.state.text() == long  # the whole text, smaller
    width = tile.state.fontMetrics().horizontalAdvance(long)
    assert tile.state.font().pointSizeF() < short
    assert width <= tile.width() or tile.state.font().pointSizeF() == pytest.approx(0.6 * short)
    tile.set_state("epoch 3", False)
    assert tile.state.font().pointSizeF() == pytest.approx(short)
