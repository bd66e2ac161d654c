"""The "Save as lesson…" dialog: a title, the text, goals to reach and controls to lock.

The dialog only collects the instructor's choices. The wiring offers the goals (made
from the current figures) and the lockable settings, and reads the choices back with
:meth:`SaveLessonDialog.title`, :meth:`~SaveLessonDialog.text`,
:meth:`~SaveLessonDialog.checked_goals` and :meth:`~SaveLessonDialog.checked_locks`.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from playground.app.views.lessons.locks import lock_labels

#: Item data role holding a goal's index or a lock's setting name.
KEY_ROLE = Qt.ItemDataRole.UserRole + 1


class SaveLessonDialog(QDialog):
    """Asks for a lesson's title, Markdown text, goals and locks; OK needs a title.

    Parameters
    ----------
    goals : sequence of str
        The goals on offer, in words (e.g. "test loss ≤ 0.083"); unchecked at first.
    locks : sequence of str
        The setting names that can be locked (see the core's ``LOCKABLE``).
    parent : QWidget, optional
        The window.
    """

    def __init__(
        self, goals: Sequence[str], locks: Sequence[str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("save_lesson_dialog")
        self.setWindowTitle(self.tr("Save as Lesson"))
        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText(self.tr("e.g. Four neurons are enough"))
        self.text_edit = QPlainTextEdit()
        self.text_edit.setPlaceholderText(
            self.tr(
                "Markdown. An introduction, then one '## Step' heading per step: "
                "what to press, what to look at, and why."
            )
        )
        self.goal_list = QListWidget()
        self.goal_list.setObjectName("lesson_goal_choices")
        for index, text in enumerate(goals):
            self._add_item(self.goal_list, text, index)
        no_goals = QLabel(self.tr("Train first: goals are made from the figures shown now."))
        no_goals.setWordWrap(True)
        no_goals.setVisible(not goals)
        self.lock_list = QListWidget()
        self.lock_list.setObjectName("lesson_lock_choices")
        labels = lock_labels()
        for name in locks:
            self._add_item(self.lock_list, labels.get(name, name), name)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("Title"), self.title_edit)
        form.addRow(self.tr("Text"), self.text_edit)
        form.addRow(self.tr("Goals"), self.goal_list)
        form.addRow("", no_goals)
        form.addRow(self.tr("Lock"), self.lock_list)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.title_edit.textChanged.connect(self._update_save_button)
        self._update_save_button()
        self.resize(520, 640)

    @staticmethod
    def _add_item(shown: QListWidget, text: str, key: object) -> None:
        item = QListWidgetItem(text)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Unchecked)
        item.setData(KEY_ROLE, key)
        shown.addItem(item)

    def _update_save_button(self) -> None:
        button = self.save_button
        button.setEnabled(bool(self.title()))
        button.setToolTip("" if self.title() else self.tr("A lesson needs a title"))

    @property
    def save_button(self) -> QPushButton:
        """The Save button (enabled once there is a title)."""
        button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        assert button is not None
        return button

    def title(self) -> str:
        """Return the title typed, stripped."""
        return self.title_edit.text().strip()

    def text(self) -> str:
        """Return the Markdown typed."""
        return self.text_edit.toPlainText()

    def set_checked(self, shown: QListWidget, keys: Sequence[object]) -> None:
        """Check the items of ``shown`` whose key is in ``keys`` and uncheck the others."""
        for row in range(shown.count()):
            item = shown.item(row)
            on = item.data(KEY_ROLE) in keys
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    @staticmethod
    def _checked(shown: QListWidget) -> list[object]:
        return [
            shown.item(row).data(KEY_ROLE)
            for row in range(shown.count())
            if shown.item(row).checkState() == Qt.CheckState.Checked
        ]

    def checked_goals(self) -> list[int]:
        """Return the indices of the goals checked, in order."""
        return [int(key) for key in self._checked(self.goal_list)]  # type: ignore[call-overload]

    def checked_locks(self) -> list[str]:
        """Return the names of the settings checked to lock, in order."""
        return [str(key) for key in self._checked(self.lock_list)]
