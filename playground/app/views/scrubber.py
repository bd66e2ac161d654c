"""The history scrubber: a slider through a run's checkpoints, and a way back into training.

The slider's positions are the checkpoint indices, so the log-spaced early epochs get as
much room as the late ones. It emits the epoch under the cursor; what is shown there,
and what resuming does, is the controller's business.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSignalBlocker, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSlider, QWidget

from playground.app.i18n import QT_TRANSLATE_NOOP

#: Keys that step the cursor one checkpoint while the scrubber has focus: (key, step).
STEP_KEYS: dict[Qt.Key, int] = {Qt.Key.Key_Left: -1, Qt.Key.Key_Right: 1}
#: The longest caption's numbers, to keep the label's width still while the cursor moves.
LABEL_SAMPLE = (9_999_999, 9_999_999)
CONTEXT = "Scrubber"
DISABLED_TIP = QT_TRANSLATE_NOOP("Scrubber", "Pause training to scrub through its checkpoints")


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def epoch_caption(epoch: int | None, latest: int | None) -> str:
    """Return "epoch 120 of 2,000" (or "no checkpoints yet"), in the current language."""
    if epoch is None or latest is None:
        return QCoreApplication.translate("Scrubber", "no checkpoints yet")
    return QCoreApplication.translate("Scrubber", "epoch {epoch} of {latest}").format(
        epoch=f"{epoch:,}", latest=f"{latest:,}"
    )


class Scrubber(QWidget):
    """A cursor through checkpoint epochs, with "Resume from here" and "Back to latest"."""

    cursor_moved = Signal(int)
    resume_requested = Signal()
    live_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._epochs: list[int] = []
        self._enabled = False

        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(0, 0)
        self.slider.setSingleStep(1)
        self.slider.setTracking(True)
        self.slider.valueChanged.connect(self._on_slider_moved)
        self.label = QLabel()
        self.label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.resume_button = QPushButton()
        self.resume_button.clicked.connect(self.resume_requested)
        self.live_button = QPushButton()
        self.live_button.clicked.connect(self._on_live_clicked)
        self._caption = QLabel()
        for widget in (self.slider, self.resume_button, self.live_button):
            widget.installEventFilter(self)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.addWidget(self._caption)
        layout.addWidget(self.slider, 1)
        layout.addWidget(self.label)
        layout.addWidget(self.resume_button)
        layout.addWidget(self.live_button)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        """Set every text and tooltip in the current language."""
        self._caption.setText(self.tr("History"))
        self._caption.setToolTip(
            self.tr("The run's checkpoints, from the first epoch to the latest")
        )
        self.slider.setToolTip(self.tr("Move through the run's checkpoints (Shift+← / Shift+→)"))
        sample = epoch_caption(*LABEL_SAMPLE)
        self.label.setMinimumWidth(self.label.fontMetrics().horizontalAdvance(sample) + 8)
        self.label.setToolTip(self.tr("The checkpoint under the cursor, and the latest one"))
        self.resume_button.setText(self.tr("Resume from here"))
        self.resume_button.setToolTip(
            self.tr(
                "Continue training from this checkpoint, dropping the history after it (undoable)"
            )
        )
        self.live_button.setText(self.tr("Back to latest"))
        self.live_button.setToolTip(self.tr("Show the latest state of the run again"))
        self._update()

    def changeEvent(self, event: QEvent) -> None:
        """Retranslate when the language changes."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # -- the lead's calls ---------------------------------------------------------------------

    def set_epochs(self, epochs: list[int]) -> None:
        """Offer the checkpoints at ``epochs`` (ascending); the cursor keeps its epoch.

        A cursor at the latest checkpoint follows new ones as they come; one whose epoch
        is gone moves to the last checkpoint before it. Nothing is emitted.
        """
        epochs = [int(e) for e in epochs]
        if epochs == self._epochs:
            return
        old = self.cursor_epoch()
        at_latest = old is None or self.at_latest()
        self._epochs = epochs
        if at_latest or old is None:
            index = len(epochs) - 1
        else:
            index = max(sum(1 for e in epochs if e <= old) - 1, 0)
        with QSignalBlocker(self.slider):
            self.slider.setRange(0, max(len(epochs) - 1, 0))
            self.slider.setPageStep(max(len(epochs) // 10, 1))
            self.slider.setValue(max(index, 0))
        self._update()

    def set_scrub_enabled(self, enabled: bool) -> None:
        """Allow scrubbing (while training is paused) or not."""
        self._enabled = bool(enabled)
        self._update()

    def set_cursor_epoch(self, epoch: int) -> None:
        """Put the cursor on the last checkpoint at or before ``epoch``, without emitting."""
        if not self._epochs:
            return
        index = max(sum(1 for e in self._epochs if e <= epoch) - 1, 0)
        with QSignalBlocker(self.slider):
            self.slider.setValue(index)
        self._update()

    def step(self, delta: int) -> None:
        """Move the cursor ``delta`` checkpoints (emitting :attr:`cursor_moved` if it moved)."""
        if self._enabled and self._epochs:
            self.slider.setValue(self.slider.value() + int(delta))

    # -- reading ------------------------------------------------------------------------------

    def epochs(self) -> list[int]:
        """The checkpoint epochs offered."""
        return list(self._epochs)

    def cursor_epoch(self) -> int | None:
        """The epoch under the cursor (None without checkpoints)."""
        if not self._epochs:
            return None
        return self._epochs[self.slider.value()]

    def at_latest(self) -> bool:
        """Whether the cursor is on the latest checkpoint (or there is none)."""
        return self.slider.value() >= len(self._epochs) - 1

    def scrub_enabled(self) -> bool:
        """Whether scrubbing is allowed now."""
        return self._enabled

    # -- internals ----------------------------------------------------------------------------

    def _update(self) -> None:
        """Refresh the caption and which controls can be used."""
        latest = self._epochs[-1] if self._epochs else None
        self.label.setText(epoch_caption(self.cursor_epoch(), latest))
        usable = self._enabled and len(self._epochs) > 0
        self.slider.setEnabled(usable and len(self._epochs) > 1)
        self.resume_button.setEnabled(usable and not self.at_latest())
        self.live_button.setEnabled(usable and not self.at_latest())
        self.setToolTip("" if self._enabled else _tr(DISABLED_TIP))

    def _on_slider_moved(self, _index: int) -> None:
        """Announce the epoch the user moved the cursor to."""
        self._update()
        epoch = self.cursor_epoch()
        if epoch is not None:
            self.cursor_moved.emit(epoch)

    def _on_live_clicked(self) -> None:
        """Put the cursor on the latest checkpoint and ask for the live state."""
        with QSignalBlocker(self.slider):
            self.slider.setValue(self.slider.maximum())
        self._update()
        self.live_requested.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Step on Shift+← / Shift+→ while the slider or a button has focus.

        The scrubber claims the key before the window's shortcuts (``ShortcutOverride``),
        so a window-wide Shift+arrow shortcut does not step a second time.
        """
        kind = event.type()
        if kind in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress) and isinstance(
            event, QKeyEvent
        ):
            delta = STEP_KEYS.get(Qt.Key(event.key()))
            if delta is not None and event.modifiers() == Qt.KeyboardModifier.ShiftModifier:
                event.accept()
                if kind == QEvent.Type.KeyPress:
                    self.step(delta)
                return True
        return super().eventFilter(watched, event)
