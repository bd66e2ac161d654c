"""File → Save as Lesson…: the window as a challenge students open with File → Open.

:class:`LessonSaving` adds the entry after "Save Session As…". It offers goals made from
the current figures (:func:`~playground.core.lessons.goals_from_figures`) and every
lockable setting in :class:`~playground.app.views.lessons.save_dialog.SaveLessonDialog`,
asks for a path through the File menu's dialogs, and writes the session with the
``lesson`` metadata of :func:`~playground.core.lessons.meta_to_session`.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QMenuBar

from playground.app.documents import sessions as documents
from playground.app.documents.file_actions import SESSION_FILTER, file_filter
from playground.app.lessons.measures import current_language, figures_of
from playground.app.views.lessons.save_dialog import SaveLessonDialog
from playground.core.lesson_goals import FIGURES, LOCKABLE, Goal, goals_from_figures
from playground.core.sessions import save_session

if TYPE_CHECKING:
    from playground.app.controller import Controller
    from playground.app.documents.file_actions import FileActions
    from playground.core.lessons import LessonMeta

SUGGESTED_NAME = "lesson.mlps"


def menu_holding(bar: QMenuBar, action: QAction) -> QMenu | None:
    """The menu of ``bar`` that holds ``action``, or None."""
    for entry in bar.actions():
        menu = entry.menu()
        if isinstance(menu, QMenu) and action in menu.actions():
            return menu
    return None


class LessonSaving(QObject):
    """The "Save as Lesson…" action of one window.

    Parameters
    ----------
    controller : Controller
        The window's controller.
    files : FileActions
        The File menu's actions (their dialogs ask for the path and report failures).
    shown : callable
        Returns the lesson on screen, if any: the dialog starts from its words and locks.
    parent : QObject
        The owner.
    """

    def __init__(
        self,
        controller: Controller,
        files: FileActions,
        shown: Callable[[], LessonMeta | None],
        parent: QObject,
    ) -> None:
        super().__init__(parent)
        self.c = controller
        self.files = files
        self._shown = shown
        w = controller.window
        self.action = QAction(w)
        self.action.setObjectName("action_save_lesson")
        self.action.triggered.connect(self.ask_save_lesson)
        self.retranslate()
        save_as = w.menu_actions["save_session_as"]
        menu = menu_holding(w.menuBar(), save_as)
        if menu is None:
            w.addAction(self.action)
            return
        actions = menu.actions()
        after = actions.index(save_as) + 1
        if after < len(actions):
            menu.insertAction(actions[after], self.action)
        else:
            menu.addAction(self.action)

    def retranslate(self) -> None:
        """Set the action's texts in the current language."""
        self.action.setText(self.tr("Save as &Lesson…"))
        tip = self.tr("Save the window as a challenge: a title, the text, goals and locks")
        self.action.setToolTip(tip)
        self.action.setStatusTip(tip)

    def goal_choices(self) -> tuple[Goal, ...]:
        """Goals the current figures reach, one per figure that has a value now."""
        figures = figures_of(self.c)
        return tuple(
            goal
            for name in FIGURES
            if math.isfinite(figures.get(name, math.nan))
            for goal in goals_from_figures(figures, [name])
        )

    def ask_save_lesson(self) -> bool:
        """Ask for the title, text, goals and locks, then for a path, and write the lesson."""
        from playground.core.lessons import make_challenge  # not needed at start

        goals = self.goal_choices()
        language = current_language()
        dialog = SaveLessonDialog([g.describe(language) for g in goals], LOCKABLE, self.c.window)
        meta = self._shown()
        if meta is not None:  # start from the lesson on screen
            dialog.title_edit.setText(meta.title_in(language))
            dialog.text_edit.setPlainText(meta.text_in(language))
            dialog.set_checked(dialog.lock_list, list(meta.locks))
        try:
            if not dialog.exec():
                return False
            title, text = dialog.title(), dialog.text()
            chosen, locks = dialog.checked_goals(), dialog.checked_locks()
        finally:
            dialog.deleteLater()
        dialogs = self.files.dialogs
        try:
            meta = make_challenge(title, text, [goals[i] for i in chosen], locks, language)
        except ValueError as exc:
            dialogs.error(self.tr("Could not make the lesson"), str(exc))
            return False
        path = dialogs.save_path(
            self.tr("Save as lesson"), file_filter(SESSION_FILTER), SUGGESTED_NAME
        )
        return self.save_lesson(path, meta, language) if path else False

    def save_lesson(self, path: str | Path, meta: LessonMeta, language: str) -> bool:
        """Write the window as a session file carrying ``meta``; on failure the old file stays."""
        from playground.core.lessons import meta_to_session  # not needed at start

        session = replace(documents.make_session(self.c), lesson=meta_to_session(meta, language))
        try:
            save_session(path, session)
        except (OSError, ValueError) as exc:
            self.files.dialogs.error(self.tr("Could not save the lesson"), str(exc))
            return False
        text = self.tr("Saved the lesson to %1").replace("%1", str(path))
        self.c.window.statusBar().showMessage(text, 5000)
        return True
