"""Lessons in the window: the Lessons menu, the lesson panel, its goals and locks.

:class:`LessonWiring` adds a **Lessons** menu (the built-in lessons in order, before
Help) and File → "Save as Lesson…" (:class:`~playground.app.lessons.saving.LessonSaving`).
Opening a lesson applies its data, settings and comparison the way File → Open applies
a session, after asking to save unsaved work, then shows the lesson panel. While a
lesson is open its goals are measured on every snapshot shown, and the settings it
locks are greyed out and refused (:class:`~playground.app.lessons.guard.LessonGuard`).

A lesson file is a session whose ``lesson`` metadata is the core's
:func:`~playground.core.lessons.meta_to_session`: when File → Open applies one (its
``session_opened`` signal, or else the session file it just opened), the panel shows
it; another document closes the lesson.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QMenu

from playground.app.documents import sessions as documents
from playground.app.lessons.exhibits import EXHIBIT_VIEWS, exhibit_texts
from playground.app.lessons.guard import LessonGuard
from playground.app.lessons.measures import (
    current_language,
    figure_text,
    figures_of,
    lesson_session,
)
from playground.app.lessons.saving import LessonSaving, menu_holding
from playground.app.views.lessons.locks import lock_labels
from playground.app.views.lessons.panel import GoalRow, LessonPanel
from playground.core.lesson_goals import goal_states
from playground.core.sessions import Session, load_session

if TYPE_CHECKING:
    from playground.app.assembly import Assembly
    from playground.app.controller import Controller
    from playground.app.documents.file_actions import FileActions
    from playground.core.lessons import Lesson, LessonMeta

OBJECT_NAME = "lesson_wiring"
APP_NAME = "MLP Playground"
#: Least height the lesson panel opens with, in pixels.
MIN_HEIGHT = 320


@dataclass(frozen=True)
class ShownLesson:
    """The lesson on screen: its metadata, and the built-in lesson it is, if any."""

    meta: LessonMeta
    lesson: Lesson | None


class LessonWiring(QObject):
    """The Lessons menu, the lesson panel and "Save as Lesson…" of one window.

    Parameters
    ----------
    controller : Controller
        The window's controller (the wiring is its child).
    files : FileActions
        The File menu's actions: their dialogs, the unsaved-work question, the clean point.
    """

    #: The lesson shown (its LessonMeta), or None once it is closed.
    lesson_changed = Signal(object)

    def __init__(self, controller: Controller, files: FileActions) -> None:
        super().__init__(controller)
        self.setObjectName(OBJECT_NAME)
        self.c = controller
        self.files = files
        w = controller.window
        self.guard = LessonGuard(controller, self.tr("Locked by this lesson"))
        self.guard.refused.connect(self._on_guard_refused)
        self.shown: ShownLesson | None = None
        #: The data of the document shown: other data with no undo steps is another one.
        self._document = controller.data_model.dataset
        self._all_reached = False
        self._lessons: tuple[Lesson, ...] | None = None  # read when first needed
        self._problem = ""
        self._panel: LessonPanel | None = None
        self._dock: QDockWidget | None = None
        self._actions: dict[str, QAction] = {}
        self._filled = False
        self.menu = QMenu(w)
        self.menu.setObjectName("menu_lessons")
        self.menu.aboutToShow.connect(self._fill_menu)
        self.close_action = QAction(w)
        self.close_action.setObjectName("action_close_lesson")
        self.close_action.setEnabled(False)
        self.close_action.triggered.connect(self.close_lesson)
        self.menu.addAction(self.close_action)
        bar = w.menuBar()
        help_menu = menu_holding(bar, w.menu_actions["about"])
        if help_menu is None:
            bar.addMenu(self.menu)
        else:
            bar.insertMenu(help_menu.menuAction(), self.menu)
        self.saving = LessonSaving(controller, files, self._shown_meta, self)
        self.save_action = self.saving.action
        self.retranslate()
        w.installEventFilter(self)  # a language change sets the lesson's words again
        controller.snapshot_shown.connect(self._on_controller_snapshot_shown)
        controller.run_started.connect(self._on_controller_run_started)
        opened = getattr(files, "session_opened", None)  # File → Open says what it applied
        if opened is not None:
            opened.connect(self.on_session_opened)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Follow the window's language changes (the event itself goes on)."""
        if event.type() == QEvent.Type.LanguageChange:
            QTimer.singleShot(0, self, self.retranslate)  # after the panels set their own texts
        return False

    # -- the lessons, the menu and the panel, made when first needed ------------------------
    @property
    def lessons(self) -> tuple[Lesson, ...]:
        """The built-in lessons in order (none when they cannot be read: the menu says why)."""
        if self._lessons is None:
            from playground.core.lessons import LessonError, list_lessons  # not at start

            try:
                self._lessons = list_lessons()
            except LessonError as exc:  # the window works all the same
                self._lessons, self._problem = (), str(exc)
        return self._lessons

    @property
    def lesson_actions(self) -> dict[str, QAction]:
        """The Lessons menu's entry of each lesson, by name."""
        self._fill_menu()
        return self._actions

    def _fill_menu(self) -> None:
        if self._filled:
            return
        self._filled = True
        menu, first = self.menu, self.menu.actions()[0]
        for lesson in self.lessons:
            action = QAction(menu)
            action.setObjectName(f"action_lesson_{lesson.name}")
            action.setData(lesson.name)
            action.triggered.connect(lambda _=False, n=lesson.name: self._on_lesson_chosen(n))
            menu.insertAction(first, action)
            self._actions[lesson.name] = action
        if self._problem:
            broken = QAction(self.tr("The lessons could not be read"), menu)
            broken.setToolTip(self._problem)
            broken.setEnabled(False)
            menu.insertAction(first, broken)
        menu.insertSeparator(first)
        self._name_entries()

    @property
    def panel(self) -> LessonPanel:
        """The lesson panel (in its dock)."""
        if self._panel is None:
            self._make_panel()
        assert self._panel is not None
        return self._panel

    @property
    def dock(self) -> QDockWidget:
        """The dock of the lesson panel, on the right; shown only with a lesson."""
        if self._dock is None:
            self._make_panel()
        assert self._dock is not None
        return self._dock

    def _make_panel(self) -> None:
        w = self.c.window
        panel = self._panel = LessonPanel()
        dock = self._dock = QDockWidget(self.tr("Lesson"), w)
        dock.setObjectName("dock_lesson")
        dock.setWidget(panel)
        features = QDockWidget.DockWidgetFeature
        dock.setFeatures(features.DockWidgetMovable | features.DockWidgetFloatable)
        w.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        dock.hide()  # "Close lesson" closes it, and a layout restored never opens it alone
        dock.visibilityChanged.connect(self._on_dock_visibility_changed)
        panel.previous_requested.connect(lambda: self._open_neighbour(-1))
        panel.next_requested.connect(lambda: self._open_neighbour(1))
        panel.close_requested.connect(self.close_lesson)

    def retranslate(self) -> None:
        """Set the menu, the dock, the locks' tooltip and the lesson in the current language."""
        self.menu.setTitle(self.tr("&Lessons"))
        self.close_action.setText(self.tr("&Close Lesson"))
        self._name_entries()
        if self._dock is not None:
            self._dock.setWindowTitle(self.tr("Lesson"))
        self.saving.retranslate()
        self.guard.controls.set_tooltip(self.tr("Locked by this lesson"))
        if self.shown is not None:
            self._show_words(self.shown)
            self.update_goals()

    def _name_entries(self) -> None:
        language = current_language()
        for index, lesson in enumerate(self.lessons if self._actions else ()):
            number = lesson.order or index + 1
            self._actions[lesson.name].setText(f"{number}. {lesson.title_in(language)}")

    # -- opening --------------------------------------------------------------------------
    def find_lesson(self, name: str) -> Lesson:
        """The built-in lesson ``name``: ``hidden-layer``, ``01-hidden-layer`` or ``1``.

        Raises
        ------
        ValueError
            For an unknown name; the message lists the lessons.
        """
        for lesson in self.lessons:
            if name in (lesson.name, f"{lesson.order:02d}-{lesson.name}", str(lesson.order)):
                return lesson
        known = ", ".join(lesson.name for lesson in self.lessons) or self._problem
        raise ValueError(f"no lesson {name!r}; the lessons are {known}")

    def _on_lesson_chosen(self, name: str) -> None:
        self.open_lesson(self.find_lesson(name))

    def open_lesson(self, lesson: Lesson, ask: bool = True) -> bool:
        """Open a built-in lesson: its data, settings and comparison, then its panel.

        Parameters
        ----------
        lesson : Lesson
            The lesson.
        ask : bool
            Ask to save unsaved work first, as File → Open does (False: the command line).

        Returns
        -------
        bool
            False when the user kept the current work.
        """
        if ask and not self.files.confirm_discard():
            return False
        language = current_language()
        session = lesson_session(lesson, language)
        self.close_lesson()
        c = self.c
        documents.apply_session(c, session)
        if lesson.compare is not None:
            c.comparing.start(lesson.compare)
        self.files.mark_clean(0)
        self.files.session_path = None
        self.on_session_opened(session)
        c.window.setWindowTitle(f"{lesson.title_in(language)} — {APP_NAME}")
        return True

    def open_file(self, path: str | Path) -> bool:
        """Open a lesson file (any session file) as File → Open does, and show its lesson."""
        if not self.files.confirm_discard() or not self.files.open_session(path):
            return False
        self._check_document()  # unless File → Open said what it applied
        return True

    def on_session_opened(self, session: Session | None) -> None:
        """A session was applied (None: a new document): show its lesson, or close the panel."""
        self._document = self.c.data_model.dataset
        self.close_lesson()
        if session is None or session.lesson is None:
            return
        from playground.core.lessons import meta_from_session  # not needed at start

        try:
            meta = meta_from_session(session.lesson)
        except ValueError as exc:  # the session itself stays open, without its lesson
            text = self.tr("The lesson in this file could not be read: %1")
            self.c.window.show_banner(text.replace("%1", str(exc)), "warning")
            return
        self.show_lesson(meta)

    def show_lesson(self, meta: LessonMeta) -> None:
        """Show ``meta`` in the panel, lock its settings as they are now, measure its goals."""
        lesson = next((les for les in self.lessons if les.name == meta.name), None)
        self.shown = ShownLesson(meta, lesson)
        self._show_words(self.shown)
        w = self.c.window
        if not self.dock.isVisibleTo(w):  # half the height: room for the steps
            self.dock.show()
            w.resizeDocks([self.dock], [max(MIN_HEIGHT, w.height() // 2)], Qt.Orientation.Vertical)
        self.dock.raise_()
        self.close_action.setEnabled(True)
        self._all_reached = False
        self.guard.lock(meta.locks)
        self.update_goals()
        shows = lesson.show if lesson is not None else ()
        for name in shows:  # an exhibit drawn by a lens: open it
            if name in EXHIBIT_VIEWS:
                w.show_view(EXHIBIT_VIEWS[name])
        self.update_exhibits()
        self.lesson_changed.emit(meta)

    def update_exhibits(self) -> None:
        """Write out what the lesson shows (a linear network's product) for the shown run."""
        shown = self.shown
        if shown is None:  # no lesson open: the panel may not even exist yet
            return
        names = shown.lesson.show if shown.lesson is not None else ()
        self.panel.show_exhibit(exhibit_texts(names, self.c.runs.active_run.last))

    def _show_words(self, shown: ShownLesson) -> None:
        language = current_language()
        meta, lesson = shown.meta, shown.lesson
        index = self.lessons.index(lesson) if lesson is not None else -1
        self.panel.show_lesson(
            meta.title_in(language),
            meta.text_in(language),
            lesson.claim_in(language) if lesson is not None else "",
            [goal.describe(language) for goal in meta.goals],
            index > 0,
            0 <= index < len(self.lessons) - 1,
        )

    def _on_dock_visibility_changed(self, visible: bool) -> None:
        if visible and self.shown is None:
            QTimer.singleShot(0, self.dock, self.dock.hide)

    def _shown_meta(self) -> LessonMeta | None:
        return self.shown.meta if self.shown is not None else None

    def close_lesson(self) -> None:
        """Leave the lesson: every setting is unlocked and the panel closes."""
        self.guard.release()
        if self.shown is None:
            return
        self.shown = None
        self.dock.hide()
        self.close_action.setEnabled(False)
        self.lesson_changed.emit(None)

    def _open_neighbour(self, step: int) -> None:
        shown = self.shown
        if shown is None or shown.lesson is None:
            return
        index = self.lessons.index(shown.lesson) + step
        if 0 <= index < len(self.lessons):
            self.open_lesson(self.lessons[index])

    # -- live -----------------------------------------------------------------------------
    def _on_controller_snapshot_shown(self, _snap: object) -> None:
        self.update_goals()
        self.update_exhibits()

    def _on_controller_run_started(self, _run_id: int) -> None:
        self.update_goals()
        QTimer.singleShot(0, self, self._check_document)  # once whatever started the run is done

    def _check_document(self) -> None:
        """Follow a document that replaced the one shown (New, Open, Open Recent, --session).

        Only those bring other data and clear its undo steps at once. A document File →
        Open announced (``session_opened``) is known already; for one it did not, the
        session file just opened is read for its lesson.
        """
        data = self.c.data_model
        if data.dataset is self._document or data.undo_stack.count() != 0:
            return
        self._document = data.dataset
        path = self.files.session_path
        if path is None:
            self.close_lesson()
            return
        try:
            session = load_session(path)
        except (OSError, ValueError):
            self.close_lesson()
            return
        self.on_session_opened(session)

    def update_goals(self) -> None:
        """Measure the goals on the active run and show where each one stands."""
        shown = self.shown
        if shown is None or not shown.meta.goals:
            return
        language = current_language()
        rows = [
            GoalRow(s.goal.describe(language), figure_text(s.value, s.goal.measure), s.reached)
            for s in goal_states(shown.meta.goals, figures_of(self.c))
        ]
        self.panel.show_goals(rows)
        reached = all(row.reached for row in rows)
        if reached and not self._all_reached:
            self.c.window.statusBar().showMessage(self.tr("Every goal is reached."), 8000)
        self._all_reached = reached

    def _on_guard_refused(self, names: list[str]) -> None:
        labels = lock_labels()
        text = self.tr("Locked by this lesson: %1. The change was undone.")
        said = ", ".join(labels.get(name, name) for name in names)
        self.c.window.show_banner(text.replace("%1", said), "warning")


def lesson_wiring(parts: Assembly) -> LessonWiring:
    """The lessons of a window: the wiring it has, else a new one."""
    found = parts.controller.findChild(QObject, OBJECT_NAME)
    if isinstance(found, LessonWiring):
        return found
    return LessonWiring(parts.controller, parts.files)


def open_lesson_by_name(parts: Assembly, name: str) -> None:
    """Open built-in lesson ``name`` without asking (``python main.py --lesson NAME``).

    Raises
    ------
    ValueError
        For an unknown name; the message lists the lessons.
    """
    wiring = lesson_wiring(parts)
    wiring.open_lesson(wiring.find_lesson(name), ask=False)
