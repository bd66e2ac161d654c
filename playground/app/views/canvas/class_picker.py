"""Choice of what the brush paints: one of up to 8 coloured classes, or a regression target."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QCoreApplication, QEvent, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QButtonGroup,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QStackedWidget,
    QToolButton,
    QWidget,
)

from playground.app.i18n import QT_TRANSLATE_NOOP
from playground.app.views.canvas.palette import CLASS_COLORS, CLASS_NAMES
from playground.core.config import MAX_CLASSES
from playground.core.datasets import Dataset

_BUTTON_STYLE = (
    "QToolButton {{ background: {bg}; color: {fg}; border: 2px solid {bg}; border-radius: 4px;"
    " font-weight: bold; min-width: 22px; min-height: 22px; padding: 0 2px; }}"
    " QToolButton:checked {{ border: 2px solid #202020; }}"
)


#: The class colours' names (palette's CLASS_NAMES), marked for lupdate; shown translated.
COLOUR_WORDS: tuple[str, ...] = (
    QT_TRANSLATE_NOOP("ClassPicker", "orange"),
    QT_TRANSLATE_NOOP("ClassPicker", "blue"),
    QT_TRANSLATE_NOOP("ClassPicker", "green"),
    QT_TRANSLATE_NOOP("ClassPicker", "vermillion"),
    QT_TRANSLATE_NOOP("ClassPicker", "purple"),
    QT_TRANSLATE_NOOP("ClassPicker", "sky blue"),
    QT_TRANSLATE_NOOP("ClassPicker", "yellow"),
    QT_TRANSLATE_NOOP("ClassPicker", "black"),
)


def colour_name(c: int) -> str:
    """The name of class ``c``'s colour in the current language."""
    return QCoreApplication.translate("ClassPicker", CLASS_NAMES[c])


def _text_color(color: str) -> str:
    """Return black or white, whichever reads better on ``color``."""
    c = QColor(color)
    luminance = 0.299 * c.red() + 0.587 * c.green() + 0.114 * c.blue()
    return "#000000" if luminance > 140 else "#ffffff"


class ClassPicker(QWidget):
    """Coloured class toggles with +/- buttons, or a target spin box for regression data."""

    label_changed = Signal(object)
    class_count_changed = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._n_classes = 2
        self._data_classes = 2  # classes the data has; more may be offered before use
        self._offered = 0
        self._counts = np.zeros(MAX_CLASSES, dtype=int)
        self._regression = False
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.class_buttons: list[QToolButton] = []
        classes = QWidget()
        row = QHBoxLayout(classes)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(3)
        for c in range(MAX_CLASSES):
            button = QToolButton()
            button.setCheckable(True)
            button.setText("0")
            button.setStyleSheet(
                _BUTTON_STYLE.format(bg=CLASS_COLORS[c], fg=_text_color(CLASS_COLORS[c]))
            )
            self.group.addButton(button, c)
            self.class_buttons.append(button)
            row.addWidget(button)
        self.remove_button = QToolButton()
        self.remove_button.setText("\u2212")
        self.add_button = QToolButton()
        self.add_button.setText("+")
        row.addWidget(self.remove_button)
        row.addWidget(self.add_button)
        row.addStretch(1)
        self.class_buttons[0].setChecked(True)

        target = QWidget()
        target_row = QHBoxLayout(target)
        target_row.setContentsMargins(0, 0, 0, 0)
        self.target_spin = QDoubleSpinBox(
            minimum=-100.0, maximum=100.0, singleStep=0.1, decimals=2, value=1.0
        )
        self.target_label = QLabel()
        target_row.addWidget(self.target_label)
        target_row.addWidget(self.target_spin, 1)

        self.stack = QStackedWidget()
        self.stack.addWidget(classes)
        self.stack.addWidget(target)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

        self.group.idClicked.connect(self._on_group_id_clicked)
        self.remove_button.clicked.connect(self._on_remove_button_clicked)
        self.add_button.clicked.connect(self._on_add_button_clicked)
        self.target_spin.valueChanged.connect(self._on_target_spin_value_changed)
        self.retranslate_ui()
        self._show_count(2, np.zeros(MAX_CLASSES, dtype=int))

    def retranslate_ui(self) -> None:
        """Set the picker's texts in the current language."""
        self.remove_button.setToolTip(self.tr("Remove the last class"))
        self.add_button.setToolTip(self.tr("Add a class"))
        self.target_spin.setToolTip(self.tr("Target value that the brush paints"))
        self.target_label.setText(self.tr("Target"))
        self._name_classes(self._counts)

    def changeEvent(self, event: QEvent) -> None:
        """Retranslate when the language changes."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def label(self) -> int | float:
        """Return the class index or target value the brush should paint."""
        return float(self.target_spin.value()) if self._regression else self.group.checkedId()

    def select_class(self, label: int) -> None:
        """Select class ``label`` as if the user clicked it."""
        if 0 <= label < self._n_classes and not self._regression:
            self.class_buttons[label].setChecked(True)
            self.label_changed.emit(label)

    def set_dataset(self, dataset: Dataset) -> None:
        """Show the task's classes (with their point counts) or the target box."""
        old = self.label()
        old_mode = self._regression
        self._regression = dataset.task == "regression"
        self.stack.setCurrentIndex(1 if self._regression else 0)
        if not self._regression:
            self._counts = np.bincount(np.asarray(dataset.y, dtype=int), minlength=MAX_CLASSES)
            self._data_classes = dataset.n_classes
            self._show_count(max(dataset.n_classes, self._offered), self._counts)
        if self._regression != old_mode or self.label() != old:
            self.label_changed.emit(self.label())

    def offer_classes(self, n: int) -> None:
        """Show ``n`` classes (at least the data's) before any point of the new ones exists.

        The data gains a class only with its first point, so offering one changes
        nothing else; a newly offered class is selected, ready to paint.
        """
        old = self.label()
        grew = n > self._n_classes
        self._offered = min(max(int(n), 0), MAX_CLASSES)
        self._show_count(max(self._data_classes, self._offered), self._counts)
        if grew and not self._regression:
            self.class_buttons[self._n_classes - 1].setChecked(True)
        if self.label() != old:
            self.label_changed.emit(self.label())

    def _show_count(self, n_classes: int, counts: np.ndarray) -> None:
        """Show ``n_classes`` buttons labelled with their point counts."""
        self._n_classes = n_classes
        for c, button in enumerate(self.class_buttons):
            button.setVisible(c < n_classes)
            button.setText(str(int(counts[c])))
        self._name_classes(counts)
        if self.group.checkedId() >= n_classes:
            self.class_buttons[n_classes - 1].setChecked(True)
        self.remove_button.setEnabled(n_classes > 2)
        self.add_button.setEnabled(n_classes < MAX_CLASSES)

    def _name_classes(self, counts: np.ndarray) -> None:
        """Say on each class button what it paints and how many points the class has."""
        text = self.tr("Paint class {c} ({colour}): {n} points")
        for c, button in enumerate(self.class_buttons):
            button.setToolTip(text.format(c=c, colour=colour_name(c), n=int(counts[c])))

    def _on_group_id_clicked(self, label: int) -> None:
        """Announce the newly selected class."""
        self.label_changed.emit(label)

    def _on_remove_button_clicked(self) -> None:
        """Ask for one class fewer."""
        self.class_count_changed.emit(self._n_classes - 1)

    def _on_add_button_clicked(self) -> None:
        """Ask for one class more."""
        self.class_count_changed.emit(self._n_classes + 1)

    def _on_target_spin_value_changed(self, value: float) -> None:
        """Announce the new target value."""
        self.label_changed.emit(float(value))
