"""The backprop inspector: one data point's forward and backward pass, a layer at a time.

The user chooses a point (its index, or a click on the canvas in pick mode) and steps
through the phases with ◀ ▶ (or the arrow keys while the inspector has the focus):
forwards through layers 1..L, then backwards L..1. The inspector shows the phase's
equations with the point's numbers; its presenter (``present/backprop.py``) computes
them, and the network diagram shows the same values on the neurons and edges.

The widget holds no training logic: it emits the choices as intents and shows what it
is given. ``overlay_changed`` passes on what the diagram is to show (None: nothing),
only while the inspector is open and a point is chosen.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray
from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QFont, QHideEvent, QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QSizePolicy,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from playground.app.views.network_view.badges import TraceOverlay

NO_POINT = -1
_STEP_KEYS = (Qt.Key.Key_Left, Qt.Key.Key_Right)


class BackpropInspector(QWidget):
    """Point chooser, phase stepper and the equations of the phase shown."""

    point_changed = Signal(int)
    phase_changed = Signal(int)
    pick_toggled = Signal(bool)
    overlay_changed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.spin = QSpinBox()
        self.spin.setRange(NO_POINT, NO_POINT)

        self.pick_button = QToolButton()
        self.pick_button.setCheckable(True)
        self.point_label = QLabel()
        self.back_button = QToolButton()
        self.back_button.setText("◀")

        self.forward_button = QToolButton()
        self.forward_button.setText("▶")

        self.phase_label = QLabel()
        self.phase_label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        font = QFont("DejaVu Sans Mono")
        font.setStyleHint(QFont.StyleHint.Monospace)
        self.text.setFont(font)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #5f6870;")

        point_row = QHBoxLayout()
        self._point_caption = QLabel()
        point_row.addWidget(self._point_caption)
        point_row.addWidget(self.spin)
        point_row.addWidget(self.pick_button)
        point_row.addWidget(self.point_label, 1)
        step_row = QHBoxLayout()
        step_row.addWidget(self.back_button)
        step_row.addWidget(self.phase_label, 1)
        step_row.addWidget(self.forward_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.title)
        layout.addLayout(point_row)
        layout.addLayout(step_row)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.note)

        self._points: NDArray[np.float64] = np.zeros((0, 2))
        self._labels: NDArray[np.float64] = np.zeros(0)
        self._is_test: NDArray[np.bool_] = np.zeros(0, dtype=bool)
        self._n_phases = 0
        self._phase = 0
        self._overlay: TraceOverlay | None = None
        self._empty_message = ""
        self.spin.valueChanged.connect(self._on_spin)
        self.pick_button.toggled.connect(self.pick_toggled)
        self.back_button.clicked.connect(lambda: self.step(-1))
        self.forward_button.clicked.connect(lambda: self.step(1))
        self.retranslate_ui()
        self.title.setText(
            QCoreApplication.translate(
                "BackpropInspector", "Choose a data point to follow it through the network."
            )
        )
        self.show_empty()

    def retranslate_ui(self) -> None:
        """Set the controls' texts in the current language (the trace's come with the frame)."""
        self.spin.setSpecialValueText(QCoreApplication.translate("BackpropInspector", "none"))
        self.spin.setToolTip(
            QCoreApplication.translate(
                "BackpropInspector", "The data point to trace (its index in the data set)"
            )
        )
        self.pick_button.setText(QCoreApplication.translate("BackpropInspector", "Pick on canvas"))
        self.pick_button.setToolTip(
            QCoreApplication.translate(
                "BackpropInspector", "While on, a click on the data canvas picks the nearest point"
            )
        )
        self.back_button.setToolTip(
            QCoreApplication.translate("BackpropInspector", "The phase before (←)")
        )
        self.forward_button.setToolTip(
            QCoreApplication.translate("BackpropInspector", "The next phase (→)")
        )
        self._point_caption.setText(QCoreApplication.translate("BackpropInspector", "Point"))
        if self._overlay is None and not self._empty_message:
            self.text.setPlainText(self._choose_text())

    @staticmethod
    def _choose_text() -> str:
        return QCoreApplication.translate(
            "BackpropInspector", "Choose a point: its index, or Pick on canvas."
        )

    def changeEvent(self, event: QEvent) -> None:
        """Retranslate when the language changes."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # -- the point ------------------------------------------------------------------------
    def set_points(
        self, x: NDArray[np.float64], y: NDArray[np.generic], is_test: NDArray[np.bool_]
    ) -> None:
        """The data points one can choose from (x (n, 2), labels (n,), test mask (n,))."""
        self._points = np.asarray(x, dtype=np.float64).reshape(-1, 2)
        self._labels = np.asarray(y, dtype=np.float64).reshape(-1)
        self._is_test = np.asarray(is_test, dtype=bool).reshape(-1)
        n = len(self._points)
        index = self.spin.value()
        self.spin.blockSignals(True)
        self.spin.setRange(NO_POINT, n - 1)
        self.spin.blockSignals(False)
        if index >= n:
            self.set_point(NO_POINT)
        else:
            self.point_changed.emit(self.spin.value())  # the same index, maybe another point

    def set_point(self, index: int) -> None:
        """Choose point ``index`` (``NO_POINT``: none), as the spin box would."""
        index = index if 0 <= index < len(self._points) else NO_POINT
        if index == self.spin.value():
            self.point_changed.emit(index)
        else:
            self.spin.setValue(index)

    def point_index(self) -> int:
        """The chosen point's index, or ``NO_POINT``."""
        return self.spin.value()

    def point(self) -> tuple[NDArray[np.float64], float, bool] | None:
        """The chosen point: (x of shape (2,), its label, whether it is a test point)."""
        index = self.spin.value()
        if not 0 <= index < len(self._points):
            return None
        return self._points[index], float(self._labels[index]), bool(self._is_test[index])

    def _on_spin(self, index: int) -> None:
        self.point_changed.emit(index)

    # -- the phase ------------------------------------------------------------------------
    @property
    def phase(self) -> int:
        """The phase shown, 0 (forward, layer 1) to 2·L − 1 (backward, layer 1)."""
        return self._phase

    def set_phase_count(self, n: int) -> None:
        """How many phases the network has (2 per weight layer); the phase stays in range."""
        self._n_phases = max(0, int(n))
        self._phase = min(self._phase, max(self._n_phases - 1, 0))
        self._update_buttons()

    def step(self, by: int) -> None:
        """Go ``by`` phases on (negative: back), within the phases there are."""
        phase = min(max(self._phase + by, 0), max(self._n_phases - 1, 0))
        if phase != self._phase:
            self._phase = phase
            self._update_buttons()
            self.phase_changed.emit(phase)

    def _update_buttons(self) -> None:
        self.back_button.setEnabled(self._phase > 0)
        self.forward_button.setEnabled(self._phase < self._n_phases - 1)

    # -- what it shows --------------------------------------------------------------------
    def show_trace(
        self,
        title: str,
        point_text: str,
        phase_text: str,
        lines: Sequence[str],
        note: str,
        overlay: TraceOverlay,
    ) -> None:
        """Show one phase of a traced point, and pass the diagram's part on."""
        self.title.setText(title)
        self.point_label.setText(point_text)
        self.phase_label.setText(phase_text)
        self.text.setPlainText("\n".join(lines))
        self.note.setText(note)
        self._overlay = overlay
        self._relay()

    def show_empty(self, title: str | None = None, message: str = "") -> None:
        """Nothing traced: say why (no point chosen, no weights yet...)."""
        if title is not None:
            self.title.setText(title)
        self.point_label.setText("")
        self.phase_label.setText("")
        self._empty_message = message
        self.text.setPlainText(message or self._choose_text())
        self.note.setText("")
        self._overlay = None
        self._relay()

    @property
    def overlay(self) -> TraceOverlay | None:
        """What the diagram is given while the inspector is open."""
        return self._overlay

    def _relay(self) -> None:
        self.overlay_changed.emit(self._overlay if self.isVisible() else None)

    # -- keys and visibility --------------------------------------------------------------
    def event(self, event: QEvent) -> bool:
        """Keep ← and → for the phases while the inspector has the focus (not Step Epoch)."""
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and event.key() in _STEP_KEYS
            and not event.modifiers()
        ):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """← and → step through the phases."""
        if event.key() in _STEP_KEYS and not event.modifiers():
            self.step(1 if event.key() == Qt.Key.Key_Right else -1)
            return
        super().keyPressEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        """Opened again: the diagram shows the trace again."""
        super().showEvent(event)
        self._relay()

    def hideEvent(self, event: QHideEvent) -> None:
        """Closed: the diagram goes back to its weights."""
        super().hideEvent(event)
        self.overlay_changed.emit(None)
