"""Hyper-parameter controls: optimizer, learning rate, batch, penalties, initialisation, loss."""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence

import numpy as np
from PySide6.QtCore import QEvent, QRegularExpression, QSignalBlocker, Qt, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QSlider,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from playground.app.views import tooltips
from playground.app.views.panels.scientific_spin import ScientificSpinBox
from playground.core.config import TrainConfig
from playground.core.settings import AUTO_LOSS, DEFAULT_LOSS

LEARNING_RATES: tuple[float, ...] = (
    0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0,
)  # fmt: skip
REGULARIZATION_RATES: tuple[float, ...] = (0.0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
#: (label, l1 switch, l2 switch) of each regularisation type (the label is translated).
REGULARIZATIONS: tuple[tuple[str, bool, bool], ...] = (
    ("none", False, False),
    ("L1", True, False),
    ("L2", False, True),
)
BIAS_INITS: tuple[float, ...] = (0.0, 0.1)
_RATE_PATTERN = QRegularExpression(r"\d*\.?\d*([eE][+-]?\d*)?")


def pretty(key: str) -> str:
    """Return an option key as shown to the user."""
    return key.replace("_", " ")


def nearest_step(value: float, steps: Sequence[float]) -> int:
    """Return the index of the step closest to a positive value on a log scale."""
    if value <= 0:
        return 0
    return int(np.argmin(np.abs(np.log10(np.asarray(steps)) - np.log10(value))))


class HyperPanel(QWidget):
    """Training and initialisation settings; emits configs, never trains."""

    train_settings_changed = Signal(object)
    model_settings_changed = Signal(dict)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._config = TrainConfig()
        self._uses_momentum: frozenset[str] = frozenset()

        self.optimizer_combo = QComboBox()
        self.lr_slider = QSlider(Qt.Orientation.Horizontal)
        self.lr_slider.setRange(0, len(LEARNING_RATES) - 1)
        self.lr_slider.setPageStep(1)
        self.lr_slider.setTickPosition(QSlider.TickPosition.TicksBelow)
        self.lr_spin = ScientificSpinBox(LEARNING_RATES)
        # The box takes more than the core allows, so that a rate past the limit gets
        # an inline message naming the limit instead of keys that silently do nothing.
        self.lr_spin.setRange(0.0, 1e4)
        self.momentum_spin = QDoubleSpinBox()
        self.momentum_spin.setRange(0.0, 0.999)
        self.momentum_spin.setDecimals(3)
        self.momentum_spin.setSingleStep(0.05)
        self.momentum_spin.setKeyboardTracking(False)
        self.nesterov_check = QCheckBox()
        self.batch_spin = QSpinBox()
        self.batch_spin.setRange(1, 1000)
        self.batch_spin.setKeyboardTracking(False)
        self.reg_combo = QComboBox()
        for label, _l1, _l2 in REGULARIZATIONS:
            self.reg_combo.addItem(label, label)
        self.reg_rate_combo = QComboBox()
        self.reg_rate_combo.setEditable(True)
        self.reg_rate_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.reg_rate_combo.addItems([f"{rate:g}" for rate in REGULARIZATION_RATES])
        self.reg_rate_combo.setValidator(QRegularExpressionValidator(_RATE_PATTERN))
        self.error_label = QLabel()
        self.error_label.setStyleSheet("color: #d93025;")
        self.error_label.setWordWrap(True)
        self.error_label.hide()

        self.init_combo = QComboBox()
        self.bias_combo = QComboBox()
        for bias in BIAS_INITS:
            self.bias_combo.addItem(f"{bias:g}", bias)
        self.seed_spin = QSpinBox()
        self.seed_spin.setRange(0, 2**31 - 1)
        self.seed_spin.setKeyboardTracking(False)
        self.loss_combo = QComboBox()
        self.loss_combo.addItem("", AUTO_LOSS)

        lr_row = QHBoxLayout()
        lr_row.addWidget(self.lr_slider, 1)
        lr_row.addWidget(self.lr_spin)
        self._momentum_row = QHBoxLayout()
        self._momentum_row.addWidget(self.momentum_spin, 1)
        self._momentum_row.addWidget(self.nesterov_check)
        #: The form's row captions, by the setting they name.
        self.row_labels: dict[str, QLabel] = {}
        self._train_box = train_box = QGroupBox()
        self._train_form = QFormLayout(train_box)
        rows: tuple[tuple[str, QWidget | QHBoxLayout], ...] = (
            ("optimizer", self.optimizer_combo),
            ("learning_rate", lr_row),
            ("momentum", self._momentum_row),
            ("batch_size", self.batch_spin),
            ("regularization", self.reg_combo),
            ("reg_rate", self.reg_rate_combo),
        )
        for key, field in rows:
            self.row_labels[key] = QLabel()
            self._train_form.addRow(self.row_labels[key], field)
        self._model_box = model_box = QGroupBox()
        model_form = QFormLayout(model_box)
        for key, widget in (
            ("init", self.init_combo),
            ("bias_init", self.bias_combo),
            ("loss", self.loss_combo),
            ("seed", self.seed_spin),
        ):
            self.row_labels[key] = QLabel()
            model_form.addRow(self.row_labels[key], widget)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(train_box)
        layout.addWidget(self.error_label)
        layout.addWidget(model_box)
        layout.addStretch(1)

        self.optimizer_combo.currentIndexChanged.connect(self._on_optimizer_combo_changed)
        self.lr_slider.valueChanged.connect(self._on_lr_slider_moved)
        self.lr_spin.valueChanged.connect(self._on_lr_spin_changed)
        self.momentum_spin.valueChanged.connect(self._on_train_control_changed)
        self.nesterov_check.toggled.connect(self._on_train_control_changed)
        self.batch_spin.valueChanged.connect(self._on_train_control_changed)
        self.reg_combo.currentIndexChanged.connect(self._on_reg_combo_changed)
        self.reg_rate_combo.activated.connect(self._on_train_control_changed)
        rate_edit = self.reg_rate_combo.lineEdit()
        assert rate_edit is not None  # the combo is editable
        rate_edit.editingFinished.connect(self._on_train_control_changed)
        self.init_combo.currentIndexChanged.connect(self._on_model_control_changed)
        self.bias_combo.currentIndexChanged.connect(self._on_model_control_changed)
        self.seed_spin.valueChanged.connect(self._on_model_control_changed)
        self.loss_combo.currentIndexChanged.connect(self._on_model_control_changed)
        self.retranslate_ui()
        self.set_train_config(self._config)

    def retranslate_ui(self) -> None:
        """Set every caption, item text and tooltip in the current language."""
        self._train_box.setTitle(self.tr("Training"))
        self._model_box.setTitle(self.tr("Model"))
        captions = {
            "optimizer": self.tr("Optimizer"),
            "learning_rate": self.tr("Learning rate"),
            "momentum": self.tr("Momentum"),
            "batch_size": self.tr("Batch size"),
            "regularization": self.tr("Regularization"),
            "reg_rate": self.tr("Reg. rate"),
            "init": self.tr("Initializer"),
            "bias_init": self.tr("Bias init"),
            "loss": self.tr("Loss"),
            "seed": self.tr("Seed"),
        }
        tips = tooltips.hyper_tips()
        for key, label in self.row_labels.items():
            label.setText(captions[key])
            label.setToolTip(tips[key])
        self.optimizer_combo.setToolTip(tips["optimizer"])
        self.lr_slider.setToolTip(tips["learning_rate"])
        self.lr_spin.setToolTip(tips["lr_spin"])
        self.momentum_spin.setToolTip(tips["momentum"])
        self.nesterov_check.setText(self.tr("Nesterov"))
        self.nesterov_check.setToolTip(tips["nesterov"])
        self.batch_spin.setToolTip(tips["batch_size"])
        self.reg_combo.setToolTip(tips["regularization"])
        self.reg_rate_combo.setToolTip(tips["reg_rate"])
        self.init_combo.setToolTip(tips["init"])
        self.bias_combo.setToolTip(tips["bias_init"])
        self.seed_spin.setToolTip(tips["seed"])
        self.loss_combo.setToolTip(tips["loss"])
        for i, (kind, _l1, _l2) in enumerate(REGULARIZATIONS):
            self.reg_combo.setItemText(i, self.tr("none") if kind == "none" else kind)
            tip = tooltips.regularization_tooltip(kind)
            self.reg_combo.setItemData(i, tip, Qt.ItemDataRole.ToolTipRole)
        self._label_items(self.optimizer_combo, tooltips.optimizer_tooltip)
        self._label_items(self.init_combo, tooltips.initializer_tooltip)
        self._label_items(self.loss_combo, tooltips.loss_tooltip)

    def _label_items(self, combo: QComboBox, tip: Callable[[str], str]) -> None:
        """Name each item of a combo by its key, with its formula as the item's tooltip."""
        for i in range(combo.count()):
            key = str(combo.itemData(i))
            if key == AUTO_LOSS and combo is self.loss_combo:
                combo.setItemText(i, self.tr("auto (follows the task)"))
                text = tooltips.auto_loss_tooltip(DEFAULT_LOSS)
            else:
                combo.setItemText(i, tooltips.option_label(key))
                text = tip(key)
            combo.setItemData(i, text, Qt.ItemDataRole.ToolTipRole)

    def changeEvent(self, event: QEvent) -> None:
        """Retranslate when the language changes."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    @property
    def train_config(self) -> TrainConfig:
        """The last valid training settings."""
        return self._config

    def model_settings(self) -> dict[str, object]:
        """Return the initialisation settings: init, bias_init, seed and loss."""
        return {
            "init": self.init_combo.currentData(),
            "bias_init": float(self.bias_combo.currentData()),
            "seed": self.seed_spin.value(),
            "loss": self.loss_combo.currentData(),
        }

    def set_options(
        self,
        optimizers: Sequence[str],
        initializers: Sequence[str],
        losses: Sequence[str],
        uses_momentum: Collection[str],
    ) -> None:
        """Fill the combos with the engine's keys, keeping the current choices if possible."""
        self._uses_momentum = frozenset(uses_momentum)
        self._fill(self.optimizer_combo, optimizers, tooltips.optimizer_tooltip)
        self._fill(self.init_combo, initializers, tooltips.initializer_tooltip)
        self._fill(self.loss_combo, [AUTO_LOSS, *losses], tooltips.loss_tooltip)
        self._update_momentum_visibility()

    def set_batch_limit(self, n_samples: int) -> None:
        """Let the batch size go up to the training-set size."""
        with QSignalBlocker(self.batch_spin):
            self.batch_spin.setMaximum(max(1, int(n_samples)))

    def set_train_config(self, config: TrainConfig) -> None:
        """Show a training config without emitting any signal."""
        self._config = config
        reg_index = 1 if config.l1 > 0 else 2 if config.l2 > 0 else 0
        rate = config.l1 if reg_index == 1 else config.l2
        blocked: tuple[QWidget, ...] = (self.optimizer_combo, self.lr_slider, self.lr_spin)
        blocked += (self.momentum_spin, self.nesterov_check, self.batch_spin)
        blocked += (self.reg_combo, self.reg_rate_combo)
        blockers = [QSignalBlocker(widget) for widget in blocked]
        index = self.optimizer_combo.findData(config.optimizer)
        if index >= 0:
            self.optimizer_combo.setCurrentIndex(index)
        self.lr_spin.setValue(config.learning_rate)
        self.lr_slider.setValue(nearest_step(config.learning_rate, LEARNING_RATES))
        self.momentum_spin.setValue(config.momentum)
        self.nesterov_check.setChecked(config.nesterov)
        self.batch_spin.setMaximum(max(self.batch_spin.maximum(), config.batch_size))
        self.batch_spin.setValue(config.batch_size)
        self.reg_combo.setCurrentIndex(reg_index)
        self.reg_rate_combo.setCurrentText(f"{rate:g}")
        del blockers
        self.reg_rate_combo.setEnabled(reg_index != 0)
        self._update_momentum_visibility()
        self.error_label.hide()

    def set_model_settings(self, init: str, bias_init: float, seed: int, loss: str) -> None:
        """Show initialisation settings without emitting any signal."""
        widgets = (self.init_combo, self.bias_combo, self.seed_spin, self.loss_combo)
        blockers = [QSignalBlocker(widget) for widget in widgets]
        for combo, value in ((self.init_combo, init), (self.loss_combo, loss)):
            index = combo.findData(value)
            if index >= 0:
                combo.setCurrentIndex(index)
        distances = [abs(bias - bias_init) for bias in BIAS_INITS]
        self.bias_combo.setCurrentIndex(distances.index(min(distances)))
        self.seed_spin.setValue(int(seed))
        del blockers

    def _fill(self, combo: QComboBox, keys: Sequence[str], tip: Callable[[str], str]) -> None:
        """Replace a combo's items by keys (shown prettified, with tooltips) without emitting."""
        with QSignalBlocker(combo):
            current = combo.currentData()
            combo.clear()
            for key in keys:
                combo.addItem(pretty(key), key)
            self._label_items(combo, tip)
            index = combo.findData(current)
            combo.setCurrentIndex(max(index, 0))

    def _update_momentum_visibility(self) -> None:
        """Show the momentum row only for optimizers that use it."""
        visible = self.optimizer_combo.currentData() in self._uses_momentum
        self._train_form.setRowVisible(self._momentum_row, visible)

    def _read_train_config(self) -> TrainConfig:
        """Build a TrainConfig from the controls (raises ValueError on bad input)."""
        try:
            rate = float(self.reg_rate_combo.currentText())
        except ValueError:
            text = repr(self.reg_rate_combo.currentText())
            raise ValueError(
                self.tr("regularization rate {text} is not a number").format(text=text)
            ) from None
        _label, use_l1, use_l2 = REGULARIZATIONS[self.reg_combo.currentIndex()]
        return TrainConfig(
            optimizer=self.optimizer_combo.currentData() or self._config.optimizer,
            learning_rate=self.lr_spin.value(),
            batch_size=self.batch_spin.value(),
            l1=rate if use_l1 else 0.0,
            l2=rate if use_l2 else 0.0,
            momentum=self.momentum_spin.value(),
            nesterov=self.nesterov_check.isChecked(),
        )

    def _on_train_control_changed(self, *_args: object) -> None:
        """Validate the controls and emit the new config, or show why it is invalid."""
        try:
            config = self._read_train_config()
        except ValueError as error:
            self.error_label.setText(str(error))
            self.error_label.show()
            return
        self.error_label.hide()
        if config != self._config:
            self._config = config
            self.train_settings_changed.emit(config)

    def _on_optimizer_combo_changed(self, _index: int) -> None:
        """Show or hide momentum, then emit."""
        self._update_momentum_visibility()
        self._on_train_control_changed()

    def _on_lr_slider_moved(self, index: int) -> None:
        """Put the slider's step into the field (which then emits)."""
        self.lr_spin.setValue(LEARNING_RATES[index])

    def _on_lr_spin_changed(self, value: float) -> None:
        """Snap the slider to the nearest step, then emit."""
        with QSignalBlocker(self.lr_slider):
            self.lr_slider.setValue(nearest_step(value, LEARNING_RATES))
        self._on_train_control_changed()

    def _on_reg_combo_changed(self, index: int) -> None:
        """Enable the rate only with a penalty, then emit."""
        self.reg_rate_combo.setEnabled(index != 0)
        self._on_train_control_changed()

    def _on_model_control_changed(self, *_args: object) -> None:
        """Emit the initialisation settings."""
        self.model_settings_changed.emit(self.model_settings())
