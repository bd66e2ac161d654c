"""The lesson panel: a lesson's title, its text as numbered steps, its goals and its claim.

The panel holds no lesson logic. The wiring gives it words with :meth:`LessonPanel.show_lesson`
and the goals' state with :meth:`LessonPanel.show_goals`; its buttons only emit intents
(previous or next lesson, close the lesson).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from playground.core.lesson_text import split_steps

#: Item data role holding whether a goal is reached (a bool).
REACHED_ROLE = Qt.ItemDataRole.UserRole + 1
REACHED_MARK = "✓"
OPEN_MARK = "○"


@dataclass(frozen=True)
class GoalRow:
    """One goal as the panel lists it.

    Attributes
    ----------
    text : str
        The goal in words, e.g. "test loss ≤ 0.1".
    now : str
        The figure now, formatted ("" before there is one).
    reached : bool
        Whether the figure reaches the goal now.
    """

    text: str
    now: str
    reached: bool


class LessonPanel(QWidget):
    """Shows one lesson: what to press, what to look at, and why; and how far the goals are."""

    previous_requested = Signal()
    next_requested = Signal()
    close_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lesson_panel")
        self.title_label = QLabel()
        self.title_label.setObjectName("lesson_title")
        self.title_label.setWordWrap(True)
        self.title_label.setStyleSheet("font-size: 15px; font-weight: 600;")
        self.text_view = QTextBrowser()
        self.text_view.setObjectName("lesson_text")
        self.text_view.setOpenExternalLinks(False)
        self.goals_label = QLabel()
        self.goals_label.setStyleSheet("font-weight: 600;")
        self.goal_list = QListWidget()
        self.goal_list.setObjectName("lesson_goals")
        self.goal_list.setSelectionMode(QListWidget.SelectionMode.NoSelection)
        self.goal_list.setMaximumHeight(120)
        self.done_label = QLabel()
        self.done_label.setObjectName("lesson_done")
        self.done_label.setStyleSheet("color: #188038; font-weight: 600;")
        self.done_label.setWordWrap(True)
        self.claim_label = QLabel()
        self.claim_label.setObjectName("lesson_claim")
        self.claim_label.setWordWrap(True)
        self.claim_label.setStyleSheet("color: #3c4043; font-style: italic;")
        self.exhibit_label = QLabel()
        self.exhibit_label.setObjectName("lesson_exhibit")
        self.exhibit_label.setWordWrap(True)
        self.exhibit_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.exhibit_label.setStyleSheet("font-family: monospace;")
        self.exhibit_label.hide()
        self.previous_button = QPushButton()
        self.next_button = QPushButton()
        self.close_button = QPushButton()
        buttons = QHBoxLayout()
        buttons.addWidget(self.previous_button)
        buttons.addWidget(self.next_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.title_label)
        layout.addWidget(self.text_view, 1)
        layout.addWidget(self.goals_label)
        layout.addWidget(self.goal_list)
        layout.addWidget(self.done_label)
        layout.addWidget(self.claim_label)
        layout.addWidget(self.exhibit_label)
        layout.addLayout(buttons)
        self.previous_button.clicked.connect(self.previous_requested)
        self.next_button.clicked.connect(self.next_requested)
        self.close_button.clicked.connect(self.close_requested)
        self.retranslate_ui()
        self.show_lesson("", "", "", (), False, False)

    def retranslate_ui(self) -> None:
        """Set the panel's own texts in the current language."""
        self.goals_label.setText(self.tr("Goals"))
        self.done_label.setText(self.tr("Every goal is reached. Well done!"))
        self.previous_button.setText(self.tr("◀ Previous lesson"))
        self.next_button.setText(self.tr("Next lesson ▶"))
        self.close_button.setText(self.tr("Close lesson"))
        self.close_button.setToolTip(self.tr("Leave the lesson: every setting is unlocked"))

    def changeEvent(self, event: QEvent) -> None:
        """Retranslate the panel's own texts when the language changes."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def show_lesson(
        self,
        title: str,
        markdown: str,
        claim: str,
        goals: Sequence[str],
        has_previous: bool,
        has_next: bool,
    ) -> None:
        """Show a lesson: its title, its Markdown as numbered steps, its goals and its claim.

        Parameters
        ----------
        title : str
            The lesson's title.
        markdown : str
            Its text; each ``##`` section is one step.
        claim : str
            What the lesson shows, in one sentence ("" for none).
        goals : sequence of str
            The goals in words; their state follows with :meth:`show_goals`.
        has_previous, has_next : bool
            Whether the previous and next lesson buttons lead anywhere.
        """
        self.title_label.setText(title)
        self.text_view.setMarkdown(self.steps_markdown(markdown))
        self.claim_label.setText(self.tr("What this lesson shows: %1").replace("%1", claim))
        self.claim_label.setVisible(bool(claim))
        self.show_goals([GoalRow(text, "", False) for text in goals])
        self.previous_button.setVisible(has_previous or has_next)
        self.next_button.setVisible(has_previous or has_next)
        self.previous_button.setEnabled(has_previous)
        self.next_button.setEnabled(has_next)

    def steps_markdown(self, markdown: str) -> str:
        """Return ``markdown`` with its steps numbered: "Step 1. Press Play", ..."""
        parts = []
        number = 0
        for step in split_steps(markdown):
            if step.title:
                number += 1
                heading = self.tr("Step %1. %2").replace("%1", str(number))
                parts.append(f"### {heading.replace('%2', step.title)}")
            if step.body:
                parts.append(step.body)
        return "\n\n".join(parts)

    def show_exhibit(self, text: str) -> None:
        """Show what the lesson shows beside its text (empty: nothing)."""
        self.exhibit_label.setText(text)
        self.exhibit_label.setVisible(bool(text))

    def show_goals(self, rows: Sequence[GoalRow]) -> None:
        """Show every goal with its figure now, marking those reached with ✓."""
        shown = self.goal_list
        if shown.count() != len(rows):
            shown.clear()
            for _ in rows:
                item = QListWidgetItem()
                item.setFlags(Qt.ItemFlag.ItemIsEnabled)
                shown.addItem(item)
        for index, row in enumerate(rows):
            item = shown.item(index)
            mark = REACHED_MARK if row.reached else OPEN_MARK
            now = self.tr(" (now %1)").replace("%1", row.now) if row.now else ""
            item.setText(f"{mark} {row.text}{now}")
            item.setData(REACHED_ROLE, row.reached)
            item.setForeground(Qt.GlobalColor.darkGreen if row.reached else Qt.GlobalColor.black)
        self.goals_label.setVisible(bool(rows))
        shown.setVisible(bool(rows))
        self.done_label.setVisible(bool(rows) and all(row.reached for row in rows))

    def goal_reached(self, index: int) -> bool:
        """Return whether goal ``index`` is marked reached."""
        return bool(self.goal_list.item(index).data(REACHED_ROLE))
