"""HyperPanel and TransportBar driven with real mouse and key events."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from playground.app.views.panels.hyper_panel import (
    LEARNING_RATES,
    HyperPanel,
    ScientificSpinBox,
    nearest_step,
)
from playground.app.views.panels.transport import StopConditions, TransportBar
from playground.core.config import TrainConfig

OPTIMIZERS = ["sgd", "momentum", "adam"]
INITIALIZERS = ["xavier_uniform", "he_normal"]
LOSSES = ["binary_cross_entropy", "mse"]


@pytest.fixture
def panel(qtbot):
    widget = HyperPanel()
    qtbot.addWidget(widget)
    widget.set_options(OPTIMIZERS, INITIALIZERS, LOSSES, uses_momentum={"momentum"})
    widget.set_train_config(TrainConfig())
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.fixture
def bar(qtbot):
    widget = TransportBar()
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def type_into(qtbot, spin, text: str) -> None:
    """Replace a spin box's text by typing, then press Enter."""
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, text)
    qtbot.keyClick(spin, Qt.Key.Key_Return)


def test_set_options_fills_combos_with_keys(panel):
    combo = panel.optimizer_combo
    assert [combo.itemData(i) for i in range(combo.count())] == OPTIMIZERS
    assert panel.init_combo.itemText(0) == "xavier uniform"
    assert panel.loss_combo.itemData(0) == "auto"
    assert [panel.loss_combo.itemData(i) for i in (1, 2)] == LOSSES


def test_choosing_an_optimizer_emits_a_train_config(qtbot, panel):
    with qtbot.waitSignal(panel.train_settings_changed) as blocker:
        qtbot.keyClick(panel.optimizer_combo, Qt.Key.Key_Down)
    assert blocker.args[0] == TrainConfig(optimizer="momentum")
    assert panel.train_config.optimizer == "momentum"


def test_momentum_row_only_for_optimizers_that_use_it(qtbot, panel):
    assert not panel.momentum_spin.isVisible()
    assert not panel.nesterov_check.isVisible()
    panel.optimizer_combo.setCurrentIndex(1)
    assert panel.momentum_spin.isVisible() and panel.nesterov_check.isVisible()
    panel.optimizer_combo.setCurrentIndex(2)
    assert not panel.momentum_spin.isVisible()


def test_momentum_and_nesterov_edits(qtbot, panel):
    panel.optimizer_combo.setCurrentIndex(1)
    with qtbot.waitSignal(panel.train_settings_changed) as blocker:
        type_into(qtbot, panel.momentum_spin, "0.5")
    assert blocker.args[0].momentum == pytest.approx(0.5)
    with qtbot.waitSignal(panel.train_settings_changed) as blocker:
        qtbot.mouseClick(panel.nesterov_check, Qt.MouseButton.LeftButton)
    assert blocker.args[0].nesterov is True


def test_slider_walks_the_playground_ladder(qtbot, panel):
    assert panel.lr_slider.value() == LEARNING_RATES.index(0.03)
    with qtbot.waitSignal(panel.train_settings_changed) as blocker:
        qtbot.keyClick(panel.lr_slider, Qt.Key.Key_Right)
    assert blocker.args[0].learning_rate == pytest.approx(0.1)
    assert panel.lr_spin.value() == pytest.approx(0.1)


def test_learning_rate_accepts_scientific_input_and_snaps_slider(qtbot, panel):
    with qtbot.waitSignal(panel.train_settings_changed) as blocker:
        type_into(qtbot, panel.lr_spin, "2e-4")
    assert blocker.args[0].learning_rate == pytest.approx(2e-4)
    assert panel.lr_slider.value() == LEARNING_RATES.index(0.0001)
    assert panel.lr_spin.text() == "0.0002"


def test_arrow_keys_in_the_learning_rate_field_follow_the_ladder(qtbot, panel):
    with qtbot.waitSignal(panel.train_settings_changed) as blocker:
        qtbot.keyClick(panel.lr_spin, Qt.Key.Key_Up)
    assert blocker.args[0].learning_rate == pytest.approx(0.1)
    qtbot.keyClick(panel.lr_spin, Qt.Key.Key_Down)
    qtbot.keyClick(panel.lr_spin, Qt.Key.Key_Down)
    assert panel.train_config.learning_rate == pytest.approx(0.01)


def test_absurd_learning_rate_shows_an_inline_error_and_keeps_the_config(qtbot, panel):
    before = panel.train_config
    with qtbot.assertNotEmitted(panel.train_settings_changed):
        type_into(qtbot, panel.lr_spin, "5000")
    assert panel.error_label.isVisible()
    assert "learning rate" in panel.error_label.text()
    assert panel.train_config == before
    with qtbot.waitSignal(panel.train_settings_changed) as blocker:
        type_into(qtbot, panel.lr_spin, "0.3")
    assert blocker.args[0].learning_rate == pytest.approx(0.3)
    assert not panel.error_label.isVisible()


def test_zero_learning_rate_is_refused(qtbot, panel):
    with qtbot.assertNotEmitted(panel.train_settings_changed):
        type_into(qtbot, panel.lr_spin, "0")
    assert panel.error_label.isVisible()
    assert panel.train_config.learning_rate == pytest.approx(0.03)


def test_batch_size_typed(qtbot, panel):
    panel.set_batch_limit(200)
    with qtbot.waitSignal(panel.train_settings_changed) as blocker:
        type_into(qtbot, panel.batch_spin, "32")
    assert blocker.args[0].batch_size == 32
    assert panel.batch_spin.maximum() == 200


def test_regularization_type_and_typed_rate(qtbot, panel):
    assert not panel.reg_rate_combo.isEnabled()
    panel.reg_combo.setCurrentIndex(1)
    assert panel.reg_rate_combo.isEnabled()
    line = panel.reg_rate_combo.lineEdit()
    line.selectAll()
    with qtbot.waitSignal(panel.train_settings_changed) as blocker:
        qtbot.keyClicks(line, "0.005")
        qtbot.keyClick(line, Qt.Key.Key_Return)
    assert (blocker.args[0].l1, blocker.args[0].l2) == (pytest.approx(0.005), 0.0)
    with qtbot.waitSignal(panel.train_settings_changed) as blocker:
        panel.reg_combo.setCurrentIndex(2)
    assert (blocker.args[0].l1, blocker.args[0].l2) == (0.0, pytest.approx(0.005))


def test_regularization_rate_from_the_list(qtbot, panel):
    panel.reg_combo.setCurrentIndex(2)
    index = panel.reg_rate_combo.findText("0.03")
    with qtbot.waitSignal(panel.train_settings_changed) as blocker:
        panel.reg_rate_combo.setCurrentIndex(index)
        panel.reg_rate_combo.activated.emit(index)
    assert blocker.args[0].l2 == pytest.approx(0.03)


def test_set_train_config_updates_widgets_silently(qtbot, panel):
    config = TrainConfig("momentum", 0.003, 25, l1=0.01, momentum=0.8, nesterov=True)
    with qtbot.assertNotEmitted(panel.train_settings_changed):
        panel.set_train_config(config)
    assert panel.optimizer_combo.currentData() == "momentum"
    assert panel.lr_spin.value() == pytest.approx(0.003)
    assert panel.lr_slider.value() == LEARNING_RATES.index(0.003)
    assert panel.batch_spin.value() == 25
    assert panel.reg_combo.currentText() == "L1"
    assert panel.reg_rate_combo.currentText() == "0.01"
    assert panel.momentum_spin.value() == pytest.approx(0.8)
    assert panel.nesterov_check.isChecked()
    assert panel.momentum_spin.isVisible()
    assert panel.train_config == config


def test_model_settings_signal_and_silent_setter(qtbot, panel):
    with qtbot.assertNotEmitted(panel.model_settings_changed):
        panel.set_model_settings("he_normal", 0.1, 7, "mse")
    expected = {"init": "he_normal", "bias_init": 0.1, "seed": 7, "loss": "mse"}
    assert panel.model_settings() == expected
    with qtbot.waitSignal(panel.model_settings_changed) as blocker:
        type_into(qtbot, panel.seed_spin, "42")
    assert blocker.args[0] == {**expected, "seed": 42}
    with qtbot.waitSignal(panel.model_settings_changed) as blocker:
        panel.loss_combo.setCurrentIndex(0)
    assert blocker.args[0]["loss"] == "auto"
    with qtbot.waitSignal(panel.model_settings_changed) as blocker:
        qtbot.keyClick(panel.bias_combo, Qt.Key.Key_Up)
    assert blocker.args[0]["bias_init"] == 0.0


def test_set_options_keeps_the_current_choice_silently(qtbot, panel):
    panel.optimizer_combo.setCurrentIndex(2)
    with qtbot.assertNotEmitted(panel.train_settings_changed):
        panel.set_options(["adam", "sgd"], INITIALIZERS, LOSSES, uses_momentum=())
    assert panel.optimizer_combo.currentData() == "adam"


def test_scientific_spin_box_parsing(qtbot):
    spin = ScientificSpinBox()
    qtbot.addWidget(spin)
    spin.setRange(0.0, 10.0)
    assert spin.valueFromText("1e-3") == pytest.approx(0.001)
    assert spin.textFromValue(0.00001) == "1e-05"
    assert nearest_step(0.005, LEARNING_RATES) == LEARNING_RATES.index(0.003)
    assert nearest_step(0.0, LEARNING_RATES) == 0


def test_play_button_toggles_and_emits(qtbot, bar):
    play_icon = bar.play_button.icon().cacheKey()
    with qtbot.waitSignal(bar.play_toggled) as blocker:
        qtbot.mouseClick(bar.play_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [True]
    assert bar.running
    assert bar.play_button.icon().cacheKey() != play_icon
    with qtbot.waitSignal(bar.play_toggled) as blocker:
        qtbot.mouseClick(bar.play_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [False]
    assert bar.play_button.icon().cacheKey() == play_icon


def test_set_running_is_silent(qtbot, bar):
    with qtbot.assertNotEmitted(bar.play_toggled):
        bar.set_running(True)
    assert bar.play_button.isChecked()
    assert "Pause" in bar.play_button.toolTip()


def test_step_and_reset_buttons(qtbot, bar):
    with qtbot.waitSignal(bar.step_requested):
        qtbot.mouseClick(bar.step_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(bar.reset_requested):
        qtbot.mouseClick(bar.reset_button, Qt.MouseButton.LeftButton)


def test_progress_readouts(bar):
    bar.show_progress(123, 41234.0, 412.3)
    assert bar.epoch_label.text() == "000,123"
    assert bar.rate_label.text() == "41.2k steps/s · 412 epochs/s"
    bar.show_progress(1_234_567, 2.5e6, 1250.0)
    assert bar.epoch_label.text() == "1,234,567"
    assert bar.rate_label.text() == "2.5M steps/s · 1.25k epochs/s"


def test_progress_readouts_stay_short_for_absurd_speeds(bar):
    bar.show_progress(12, 3.7e15, float("nan"))
    assert bar.rate_label.text() == "3.7e+15 steps/s · – epochs/s"


def test_stop_after_epochs(qtbot, bar):
    assert not bar.max_epochs_spin.isEnabled()
    with qtbot.waitSignal(bar.stop_conditions_changed) as blocker:
        qtbot.mouseClick(bar.max_epochs_check, Qt.MouseButton.LeftButton)
    assert blocker.args[0] == StopConditions(max_epochs=1000, target_loss=None)
    assert bar.max_epochs_spin.isEnabled()
    with qtbot.waitSignal(bar.stop_conditions_changed) as blocker:
        type_into(qtbot, bar.max_epochs_spin, "250")
    assert blocker.args[0] == StopConditions(max_epochs=250, target_loss=None)
    with qtbot.waitSignal(bar.stop_conditions_changed) as blocker:
        qtbot.mouseClick(bar.max_epochs_check, Qt.MouseButton.LeftButton)
    assert blocker.args[0] == StopConditions()


def test_stop_at_target_loss(qtbot, bar):
    with qtbot.waitSignal(bar.stop_conditions_changed) as blocker:
        qtbot.mouseClick(bar.target_loss_check, Qt.MouseButton.LeftButton)
    assert blocker.args[0] == StopConditions(None, 0.01)
    with qtbot.waitSignal(bar.stop_conditions_changed) as blocker:
        type_into(qtbot, bar.target_loss_spin, "5e-3")
    assert blocker.args[0].target_loss == pytest.approx(0.005)


def test_set_stop_conditions_is_silent(qtbot, bar):
    with qtbot.assertNotEmitted(bar.stop_conditions_changed):
        bar.set_stop_conditions(StopConditions(max_epochs=77, target_loss=0.1))
    assert bar.stop_conditions == StopConditions(77, 0.1)
    assert bar.max_epochs_check.isChecked() and bar.max_epochs_spin.value() == 77
    assert bar.target_loss_spin.isEnabled()


def test_stop_conditions_are_frozen():
    conditions = StopConditions(10, None)
    with pytest.raises(AttributeError):
        conditions.max_epochs = 5  # type: ignore[misc]
