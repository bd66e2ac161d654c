"""The data panel's intents and the undoable data model behind the canvas."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut

from playground.app.state.data_model import DataModel, brush_points, empty_dataset
from playground.app.views.canvas.palette import CLASS_COLORS
from playground.app.views.panels.data_panel import DataPanel
from playground.core.datasets import Dataset, split
from playground.core.presets import PRESETS


def blobs(n: int = 40, n_classes: int = 2, task: str = "binary") -> Dataset:
    """Return ``n`` points with labels cycling through the classes."""
    rng = np.random.default_rng(0)
    y = np.arange(n) % n_classes
    return Dataset(
        x=rng.uniform(-5, 5, (n, 2)),
        y=y,
        is_test=np.zeros(n, bool),
        task=task,
        n_classes=n_classes,
    )


@pytest.fixture
def panel(qtbot) -> DataPanel:
    """Return a shown data panel."""
    widget = DataPanel()
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


# -- DataModel --------------------------------------------------------------------------------


def test_brush_points_lie_uniformly_in_the_disc():
    pts = brush_points((1.0, -2.0), 0.5, 4000, np.random.default_rng(0))
    r = np.hypot(pts[:, 0] - 1.0, pts[:, 1] + 2.0)
    assert pts.shape == (4000, 2)
    assert r.max() <= 0.5
    assert np.mean(r < 0.25) == pytest.approx(0.25, abs=0.03)  # uniform in area, not radius


def test_add_points_assigns_the_test_set_with_the_ratio_and_is_undoable(qtbot):
    model = DataModel(empty_dataset(), test_ratio=0.5, seed=3)
    with qtbot.waitSignal(model.changed) as blocker:
        assert model.add_points(np.zeros((400, 2)), 1) == 400
    ds = blocker.args[0]
    assert ds is model.dataset and len(ds) == 400 and np.all(ds.y == 1)
    assert 0.4 < ds.is_test.mean() < 0.6
    assert model.undo_stack.undoText() == "Paint 400 points"
    model.undo_stack.undo()
    assert len(model.dataset) == 0


def test_add_points_rejects_labels_outside_the_palette():
    model = DataModel(empty_dataset())
    for label in (8, -1, 0.5):  # past the 8 colours, negative, not a whole number
        with pytest.raises(ValueError):
            model.add_points(np.zeros((2, 2)), label)
    assert model.undo_stack.count() == 0


def test_erase_removes_points_in_the_radius_and_noops_push_nothing():
    model = DataModel(blobs())
    inside = np.hypot(*model.dataset.x.T) <= 2.0
    assert model.erase((0.0, 0.0), 2.0) == inside.sum() > 0
    assert len(model.dataset) == 40 - inside.sum()
    assert model.erase((0.0, 0.0), 2.0) == 0
    assert model.undo_stack.count() == 1


def test_stroke_groups_edits_into_one_step_and_survives_an_undo_mid_stroke():
    model = DataModel(empty_dataset(), test_ratio=0.0)
    model.add_points(np.ones((3, 2)), 0)
    model.begin_stroke()
    model.add_points(np.zeros((2, 2)), 1)
    model.add_points(np.zeros((2, 2)), 1)
    model.erase((1.0, 1.0), 0.1)
    model.end_stroke()
    assert model.undo_stack.count() == 2
    assert model.undo_stack.undoText() == "Paint 4, erase 3 points"
    model.undo_stack.undo()
    assert len(model.dataset) == 3
    model.undo_stack.redo()
    assert len(model.dataset) == 4
    model.begin_stroke()
    model.add_points(np.zeros((5, 2)), 0)
    model.undo_stack.undo()  # e.g. Ctrl+Z while dragging: the stroke restarts from here
    model.add_points(np.zeros((1, 2)), 0)
    model.end_stroke()
    assert len(model.dataset) == 4
    model.undo_stack.undo()
    assert len(model.dataset) == 3


def test_clear_and_replace_are_single_undo_steps():
    model = DataModel(blobs())
    model.clear()
    assert len(model.dataset) == 0 and model.undo_stack.undoText() == "Clear 40 points"
    model.clear()
    assert model.undo_stack.count() == 1
    model.replace(blobs(10, 3, "multiclass"), "Generate blobs")
    assert model.dataset.n_classes == 3 and model.undo_stack.undoText() == "Generate blobs"
    model.undo_stack.undo()
    model.undo_stack.undo()
    assert len(model.dataset) == 40


def test_set_test_ratio_resplits_each_class_stably_and_undoably():
    model = DataModel(blobs(200), test_ratio=0.2)
    model.set_test_ratio(0.3)
    ds = model.dataset
    assert model.test_ratio == pytest.approx(0.3)
    for c in (0, 1):
        assert ds.is_test[ds.y == c].sum() == 30
    wider = split(ds.x, ds.y, 0.5)
    assert np.all(wider[ds.is_test])  # raising the ratio only adds test points
    model.undo_stack.undo()
    assert model.test_ratio == pytest.approx(0.2)
    assert not model.dataset.is_test.any()


def test_set_task_refuses_to_reinterpret_labels():
    model = DataModel(blobs())
    with pytest.raises(ValueError, match="class labels"):
        model.set_task("regression")
    model.set_task("multiclass", 4)
    assert (model.dataset.task, model.dataset.n_classes) == ("multiclass", 4)
    assert model.undo_stack.undoText() == "Use 4 classes"
    model.add_points(np.zeros((1, 2)), 3)
    with pytest.raises(ValueError, match="class 4"):
        model.set_task("multiclass", 3)
    model.clear()
    model.set_task("regression")
    model.add_points(np.zeros((2, 2)), 0.25)
    with pytest.raises(ValueError, match="real-valued"):
        model.set_task("binary")
    assert model.dataset.task == "regression"
    np.testing.assert_allclose(model.dataset.y, 0.25)


def test_undo_redo_through_keyboard_shortcuts(qtbot, panel):
    model = DataModel(empty_dataset(), parent=panel)
    undo = QShortcut(QKeySequence.StandardKey.Undo, panel, model.undo_stack.undo)
    redo = QShortcut(QKeySequence("Ctrl+Shift+Z"), panel, model.undo_stack.redo)
    assert undo and redo
    model.add_points(np.zeros((3, 2)), 0)
    panel.activateWindow()
    panel.setFocus()
    qtbot.keyClick(panel, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert len(model.dataset) == 0
    qtbot.keyClick(
        panel, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert len(model.dataset) == 3


# -- DataPanel --------------------------------------------------------------------------------


def test_presets_are_listed_from_the_registry(panel):
    keys = [panel.preset_combo.itemData(i) for i in range(panel.preset_combo.count())]
    assert keys == list(PRESETS)


def test_regenerate_emits_the_generator_settings(qtbot, panel):
    name = next(iter(PRESETS))
    panel.preset_combo.setCurrentIndex(0)
    panel.points_spin.setValue(300)
    panel.seed_spin.setValue(7)
    with qtbot.waitSignal(panel.regenerate_requested) as blocker:
        qtbot.mouseClick(panel.regenerate_button, Qt.MouseButton.LeftButton)
    assert blocker.args[:4] == [name, 300, pytest.approx(0.0), 7]
    assert blocker.args[4] == {option.name: option.default for option in PRESETS[name].options}


def test_preset_options_are_offered_only_where_the_preset_has_them(qtbot, panel):
    with_options = [k for k, p in PRESETS.items() if p.options]
    without = [k for k, p in PRESETS.items() if not p.options]
    if not with_options or not without:
        pytest.skip("the registry needs presets with and without options")
    panel.preset_combo.setCurrentIndex(panel.preset_combo.findData(without[0]))
    assert panel.option_spins == {}
    panel.preset_combo.setCurrentIndex(panel.preset_combo.findData(with_options[0]))
    option = PRESETS[with_options[0]].options[0]
    spin = panel.option_spins[option.name]
    qtbot.waitUntil(spin.isVisible)
    with qtbot.waitSignal(panel.regenerate_requested) as blocker:
        spin.setValue(option.maximum)
    assert blocker.args[4][option.name] == option.maximum


def test_class_buttons_follow_the_dataset_and_emit_labels(qtbot, panel):
    panel.set_dataset_info(blobs(30, 3, "multiclass"))
    buttons = panel.class_picker.class_buttons
    assert [b.isVisible() for b in buttons[:4]] == [True, True, True, False]
    assert buttons[2].text() == "10"
    assert CLASS_COLORS[2].lower() in buttons[2].styleSheet().lower()
    assert "30 points" in panel.counts_label.text()
    with qtbot.waitSignal(panel.paint_label_changed) as blocker:
        qtbot.mouseClick(buttons[2], Qt.MouseButton.LeftButton)
    assert blocker.args == [2]
    with qtbot.waitSignal(panel.paint_label_changed) as blocker:
        panel.set_dataset_info(blobs(30, 2))  # class 2 disappears: fall back to class 1
    assert blocker.args == [1]


def test_plus_and_minus_ask_for_another_class_count(qtbot, panel):
    panel.set_dataset_info(blobs(30, 3, "multiclass"))
    with qtbot.waitSignal(panel.class_count_changed) as blocker:
        qtbot.mouseClick(panel.class_picker.add_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [4]
    with qtbot.waitSignal(panel.class_count_changed) as blocker:
        qtbot.mouseClick(panel.class_picker.remove_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [2]
    panel.set_dataset_info(blobs(30, 2))
    assert not panel.class_picker.remove_button.isEnabled()


def test_regression_shows_a_target_box_that_sets_the_paint_label(qtbot, panel):
    with qtbot.waitSignal(panel.paint_label_changed) as blocker:
        panel.set_dataset_info(empty_dataset("regression"))
    assert blocker.args == [pytest.approx(1.0)]
    assert panel.class_picker.target_spin.isVisible()
    assert not panel.class_picker.class_buttons[0].isVisible()
    with qtbot.waitSignal(panel.paint_label_changed) as blocker:
        panel.class_picker.target_spin.setValue(-0.5)
    assert blocker.args == [pytest.approx(-0.5)]


def test_brush_tool_and_clear_intents(qtbot, panel):
    with qtbot.waitSignal(panel.brush_changed) as blocker:
        panel.radius_slider.setValue(12)
    assert blocker.args == [pytest.approx(1.2), panel.density_slider.value()]
    with qtbot.waitSignal(panel.brush_changed) as blocker:
        panel.density_slider.setValue(9)
    assert blocker.args[1] == 9
    with qtbot.waitSignal(panel.tool_changed) as blocker:
        qtbot.mouseClick(panel.erase_button, Qt.MouseButton.LeftButton)
    assert blocker.args == ["erase"]
    with qtbot.waitSignal(panel.clear_requested):
        qtbot.mouseClick(panel.clear_button, Qt.MouseButton.LeftButton)


def test_split_and_display_intents(qtbot, panel):
    with qtbot.waitSignal(panel.test_ratio_changed) as blocker:
        panel.ratio_slider.setValue(8)
    assert blocker.args == [pytest.approx(0.4)]
    assert panel.ratio_label.text() == "40%"
    with qtbot.waitSignal(panel.show_test_toggled) as blocker:
        panel.show_test_check.click()
    assert blocker.args == [False]
    with qtbot.waitSignal(panel.discretize_toggled) as blocker:
        panel.discretize_check.click()
    assert blocker.args == [True]
    with qtbot.waitSignal(panel.task_override_requested) as blocker:
        panel.task_combo.setCurrentIndex(panel.task_combo.findData("regression"))
    assert blocker.args == ["regression"]


def test_setters_do_not_emit_intents(qtbot, panel):
    with qtbot.assertNotEmitted(panel.test_ratio_changed):
        panel.set_test_ratio(0.25)
    assert panel.test_ratio() == pytest.approx(0.25)
    with qtbot.assertNotEmitted(panel.task_override_requested):
        panel.set_task_override("multiclass")
    with qtbot.assertNotEmitted(panel.regenerate_requested):
        panel.set_generator(next(iter(PRESETS)), 120, 0.3, 5)
    assert panel.points_spin.value() == 120 and panel.noise_label.text() == "30%"


def test_undo_redo_buttons_drive_the_stack(qtbot, panel):
    model = DataModel(empty_dataset(), parent=panel)
    panel.set_undo_stack(model.undo_stack)
    assert not panel.undo_button.isEnabled()
    model.add_points(np.zeros((2, 2)), 1)
    assert panel.undo_button.isEnabled()
    assert panel.undo_button.toolTip() == "Undo paint 2 points"
    qtbot.mouseClick(panel.undo_button, Qt.MouseButton.LeftButton)
    assert len(model.dataset) == 0
    assert panel.redo_button.isEnabled() and not panel.undo_button.isEnabled()
    qtbot.mouseClick(panel.redo_button, Qt.MouseButton.LeftButton)
    assert len(model.dataset) == 2
