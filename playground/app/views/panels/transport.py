"""Play/pause, step and reset buttons, the epoch counter and the stop conditions."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QSignalBlocker, QSize, Qt, Signal
from PySide6.QtGui import QFont, QIcon
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from playground.app.views.numbers import compact_rate
from playground.app.views.panels.scientific_spin import ScientificSpinBox

RATE_SAMPLE = "99.9k steps/s · 99.9k epochs/s"
QWIDGETSIZE_MAX = (1 << 24) - 1
LOSS_TARGETS: tuple[float, ...] = (1e-4, 1e-3, 0.003, 0.01, 0.03, 0.1, 0.3)


@dataclass(frozen=True)
class StopConditions:
    """When training pauses on its own: after max_epochs, or once the train loss <= target_loss."""

    max_epochs: int | None = None
    target_loss: float | None = None


def set_fixed_text(label: QLabel, text: str, min_width: int = 0) -> None:
    """Show text in a label whose fixed size is re-fitted only when the text's length changes.

    A label free to resize asks every layout above it, up to the main window's, to run
    again on each new text, which a live readout sets many times a second.
    """
    old = label.text()
    if text == old:
        return
    label.setText(text)
    if len(text) != len(old) or not label.property("fixedText"):
        label.setProperty("fixedText", True)
        label.setMinimumSize(0, 0)  # a fixed size would bound the new size hint
        label.setMaximumSize(QWIDGETSIZE_MAX, QWIDGETSIZE_MAX)
        hint = label.sizeHint()
        label.setFixedSize(max(hint.width(), min_width), hint.height())


class TransportBar(QWidget):
    """Run controls; emits intents, shows the progress it is given."""

    play_toggled = Signal(bool)
    step_requested = Signal()
    reset_requested = Signal()
    stop_conditions_changed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._conditions = StopConditions()
        style = self.style()
        self._play_icon = style.standardIcon(QStyle.StandardPixmap.SP_MediaPlay)
        self._pause_icon = style.standardIcon(QStyle.StandardPixmap.SP_MediaPause)

        self.reset_button = self._button(
            style.standardIcon(QStyle.StandardPixmap.SP_BrowserReload), 32
        )
        self.play_button = self._button(self._play_icon, 44)
        self.play_button.setCheckable(True)
        self.step_button = self._button(
            style.standardIcon(QStyle.StandardPixmap.SP_MediaSkipForward), 32
        )

        self._caption = caption = QLabel()
        caption.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom)
        self.epoch_label = QLabel()
        font = QFont(self.epoch_label.font())
        font.setPointSizeF(font.pointSizeF() * 2.0)
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setFamily("monospace")
        self.epoch_label.setFont(font)
        self.rate_label = QLabel()
        small = QFont(self.rate_label.font())
        small.setPointSizeF(small.pointSizeF() * 0.85)
        self.rate_label.setFont(small)
        self._rate_width = self.rate_label.fontMetrics().horizontalAdvance(RATE_SAMPLE)
        self.rate_label.setMinimumWidth(self._rate_width)

        self.max_epochs_check = QCheckBox()
        self.max_epochs_spin = QSpinBox()
        self.max_epochs_spin.setRange(1, 9_999_999)
        self.max_epochs_spin.setValue(1000)
        self.max_epochs_spin.setGroupSeparatorShown(True)
        self.max_epochs_spin.setKeyboardTracking(False)
        self.target_loss_check = QCheckBox()
        self.target_loss_spin = ScientificSpinBox(LOSS_TARGETS)
        self.target_loss_spin.setRange(0.0, 1e6)
        self.target_loss_spin.setValue(0.01)

        counter = QVBoxLayout()
        counter.setSpacing(0)
        counter.addWidget(caption)
        counter.addWidget(self.epoch_label)
        counter.addWidget(self.rate_label)
        stops = QGridLayout()
        stops.setVerticalSpacing(2)
        stops.addWidget(self.max_epochs_check, 0, 0)
        stops.addWidget(self.max_epochs_spin, 0, 1)
        stops.addWidget(self.target_loss_check, 1, 0)
        stops.addWidget(self.target_loss_spin, 1, 1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        for button in (self.reset_button, self.play_button, self.step_button):
            layout.addWidget(button, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addSpacing(8)
        layout.addLayout(counter)
        layout.addSpacing(24)
        layout.addLayout(stops)
        layout.addStretch(1)

        self.play_button.toggled.connect(self._on_play_button_toggled)
        self.step_button.clicked.connect(self._on_step_button_clicked)
        self.reset_button.clicked.connect(self._on_reset_button_clicked)
        self.max_epochs_check.toggled.connect(self._on_stop_control_changed)
        self.max_epochs_spin.valueChanged.connect(self._on_stop_control_changed)
        self.target_loss_check.toggled.connect(self._on_stop_control_changed)
        self.target_loss_spin.valueChanged.connect(self._on_stop_control_changed)
        self._sync_enabled()
        self._speeds = (0.0, 0.0)
        self._epoch = 0
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        """Set every caption and tooltip in the current language."""
        self.reset_button.setToolTip(
            self.tr("Reset the weights (R): back to the initial weights of this seed")
        )
        self.step_button.setToolTip(self.tr("One epoch (→): one pass over the training points"))
        self._update_play_icon()
        self._caption.setText(self.tr("Epoch"))
        epoch_tip = self.tr("Epochs trained: one epoch is one pass over all the training points")
        self._caption.setToolTip(epoch_tip)
        self.epoch_label.setToolTip(epoch_tip)
        self.rate_label.setToolTip(
            self.tr("Training speed: steps (mini-batches) and epochs per second")
        )
        self.max_epochs_check.setText(self.tr("Stop at epoch"))
        self.max_epochs_check.setToolTip(self.tr("Pause on its own at an epoch"))
        self.max_epochs_spin.setToolTip(self.tr("Pause when the epoch counter reaches this value"))
        self.target_loss_check.setText(self.tr("Stop at loss ≤"))
        self.target_loss_check.setToolTip(self.tr("Pause on its own once the loss is low enough"))
        self.target_loss_spin.setToolTip(self.tr("Pause once the training loss reaches this value"))
        sample = self.tr("{steps} steps/s · {epochs} epochs/s").format(
            steps="99.9k", epochs="99.9k"
        )
        self._rate_width = self.rate_label.fontMetrics().horizontalAdvance(sample)
        self.rate_label.setMinimumWidth(self._rate_width)
        self.rate_label.setText("")  # refitted to the new words
        self.show_progress(self._epoch, *self._speeds)

    def changeEvent(self, event: QEvent) -> None:
        """Retranslate when the language changes."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    @property
    def running(self) -> bool:
        """Whether the play button shows the running state."""
        return self.play_button.isChecked()

    @property
    def stop_conditions(self) -> StopConditions:
        """The stop conditions the controls currently describe."""
        return self._conditions

    def set_running(self, running: bool) -> None:
        """Show the running or paused state without emitting play_toggled."""
        with QSignalBlocker(self.play_button):
            self.play_button.setChecked(running)
        self._update_play_icon()

    def set_stop_conditions(self, conditions: StopConditions) -> None:
        """Show stop conditions without emitting stop_conditions_changed."""
        widgets: tuple[QWidget, ...] = (self.max_epochs_check, self.max_epochs_spin)
        widgets += (self.target_loss_check, self.target_loss_spin)
        blockers = [QSignalBlocker(widget) for widget in widgets]
        self.max_epochs_check.setChecked(conditions.max_epochs is not None)
        if conditions.max_epochs is not None:
            self.max_epochs_spin.setValue(conditions.max_epochs)
        self.target_loss_check.setChecked(conditions.target_loss is not None)
        if conditions.target_loss is not None:
            self.target_loss_spin.setValue(conditions.target_loss)
        del blockers
        self._conditions = self._read_conditions()
        self._sync_enabled()

    def show_progress(self, epoch: int, steps_per_s: float, epochs_per_s: float) -> None:
        """Show the epoch counter and the current speed (see :func:`set_fixed_text`)."""
        self._epoch, self._speeds = int(epoch), (steps_per_s, epochs_per_s)
        set_fixed_text(self.epoch_label, f"{int(epoch):07,}")
        text = self.tr("{steps} steps/s · {epochs} epochs/s")
        steps, epochs = compact_rate(steps_per_s), compact_rate(epochs_per_s)
        set_fixed_text(self.rate_label, text.format(steps=steps, epochs=epochs), self._rate_width)

    def _button(self, icon: QIcon, size: int) -> QToolButton:
        """Return a round-ish icon button (its tooltip comes with the other texts)."""
        button = QToolButton()
        button.setIcon(icon)
        button.setIconSize(QSize(size // 2, size // 2))
        button.setFixedSize(size, size)
        button.setAutoRaise(False)
        return button

    def _read_conditions(self) -> StopConditions:
        """Build the stop conditions from the controls."""
        return StopConditions(
            max_epochs=self.max_epochs_spin.value() if self.max_epochs_check.isChecked() else None,
            target_loss=(
                self.target_loss_spin.value() if self.target_loss_check.isChecked() else None
            ),
        )

    def _sync_enabled(self) -> None:
        """Enable each value field only while its checkbox is ticked."""
        self.max_epochs_spin.setEnabled(self.max_epochs_check.isChecked())
        self.target_loss_spin.setEnabled(self.target_loss_check.isChecked())

    def _update_play_icon(self) -> None:
        """Show pause while running and play while paused."""
        running = self.play_button.isChecked()
        self.play_button.setIcon(self._pause_icon if running else self._play_icon)
        self.play_button.setToolTip(self.tr("Pause (Space)") if running else self.tr("Run (Space)"))

    def _on_play_button_toggled(self, checked: bool) -> None:
        """Update the icon and ask the controller to run or pause."""
        self._update_play_icon()
        self.play_toggled.emit(checked)

    def _on_step_button_clicked(self) -> None:
        """Ask for one epoch."""
        self.step_requested.emit()

    def _on_reset_button_clicked(self) -> None:
        """Ask for fresh weights."""
        self.reset_requested.emit()

    def _on_stop_control_changed(self, *_args: object) -> None:
        """Emit the stop conditions when they change."""
        self._sync_enabled()
        conditions = self._read_conditions()
        if conditions != self._conditions:
            self._conditions = conditions
            self.stop_conditions_changed.emit(conditions)
