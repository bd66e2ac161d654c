"""Lessons in the window: the menu opens each one, locks hold, goals are marked, lessons save."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from playground.app import i18n
from playground.app.assembly import Assembly, assemble
from playground.app.lesson_wiring import LessonWiring, lesson_wiring, open_lesson_by_name
from playground.app.lessons.measures import figures_of
from playground.app.training.worker import TrainingWorker
from playground.app.views.lessons.locks import lock_widgets
from playground.app.views.lessons.panel import REACHED_MARK
from playground.app.views.lessons.save_dialog import SaveLessonDialog
from playground.app.views.panels.transport import StopConditions
from playground.core.compare import apply_compare
from playground.core.lessons import (
    Goal,
    goal_states,
    list_lessons,
    make_challenge,
    meta_from_session,
    split_steps,
)
from playground.core.sessions import load_session
from tests.app.conftest import dispose

TIMEOUT = 30_000
LESSONS = list_lessons()
LOCKED = "Locked by this lesson"


def _train_to(qtbot, parts: Assembly, epochs: int) -> None:
    c = parts.controller
    c.set_stop_conditions(StopConditions(max_epochs=epochs))
    with qtbot.waitSignal(
        c.snapshot_shown,
        timeout=TIMEOUT,
        check_params_cb=lambda s: not s.running and s.epoch == epochs,
    ):
        c.play()


def _runs(parts: Assembly) -> list[tuple[str, object, object]]:
    return [
        (run.label, run.spec.model_config, run.spec.train_config)
        for run in parts.controller.runs.runs
    ]


@pytest.mark.qt_log_ignore("does not support raise", "does not support grabbing the keyboard")
def test_the_lessons_menu_lists_every_lesson_in_order_before_help(qtbot, app: Assembly) -> None:
    wiring = lesson_wiring(app)
    bar = app.window.menuBar()
    titles = [a.text() for a in bar.actions()]
    assert titles.index("&Lessons") == titles.index("&Help") - 1
    entry = next(a for a in bar.actions() if a.menu() is wiring.menu)
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.actionGeometry(entry).center())
    qtbot.waitUntil(wiring.menu.isVisible, timeout=TIMEOUT)
    entries = [a.text() for a in wiring.menu.actions() if a.data()]
    wiring.menu.close()
    assert entries == [f"{lesson.order}. {lesson.title_in('en')}" for lesson in LESSONS]
    assert len(entries) >= 12
    file_menu = next(a.menu() for a in bar.actions() if a.text() == "&File")
    names = [a.objectName() for a in file_menu.actions()]
    assert names.index("action_save_lesson") == names.index("action_save_session_as") + 1


@pytest.mark.parametrize("lesson", LESSONS, ids=[lesson.name for lesson in LESSONS])
def test_the_lessons_menu_opens_each_lesson(qtbot, app: Assembly, lesson) -> None:
    wiring = lesson_wiring(app)
    c, w = app.controller, app.window
    with qtbot.waitSignal(c.run_started, timeout=TIMEOUT):
        wiring.lesson_actions[lesson.name].trigger()
    if lesson.compare is None:
        assert _runs(app) == [("", lesson.model_config, lesson.train_config)]
    else:
        derived = apply_compare(lesson.compare, lesson.model_config, lesson.train_config)
        assert _runs(app) == [tuple(run) for run in derived]
        assert (c.model_config, c.train_config) == (lesson.model_config, lesson.train_config)
    expected = lesson.data.make()
    assert np.array_equal(c.data_model.dataset.x, expected.x)
    assert np.array_equal(c.data_model.dataset.is_test, expected.is_test)
    assert wiring.dock.isVisibleTo(w)
    assert wiring.panel.title_label.text() == lesson.title_in("en")
    assert wiring.panel.goal_list.count() == len(lesson.goals)
    for name in lesson.locks:
        for control in lock_widgets(w, name):
            assert not control.isEnabled(), (name, control)
            assert control.toolTip() == LOCKED
    assert not app.files.modified  # what a lesson opens on is not unsaved work


def test_opening_a_lesson_asks_about_unsaved_work_and_cancel_keeps_it(app: Assembly) -> None:
    wiring = lesson_wiring(app)
    c = app.controller
    before = _runs(app)
    c.unsaved = True
    app.files.dialogs.save_answer = "cancel"
    wiring.lesson_actions[LESSONS[0].name].trigger()
    assert app.files.dialogs.asked_to_save == 1
    assert _runs(app) == before and wiring.shown is None
    assert not wiring.dock.isVisibleTo(app.window)


def test_a_locked_control_is_greyed_out_and_the_setting_cannot_change(qtbot, app: Assembly) -> None:
    wiring = lesson_wiring(app)
    c, w = app.controller, app.window
    hp, header = w.hyper_panel, w.network_view.header
    wiring.show_lesson(make_challenge("Locked", "", [], ["learning_rate", "hidden"]))
    rate, hidden = c.train_config.learning_rate, c.model_config.hidden
    for control in (
        hp.lr_slider,
        hp.lr_spin,
        header.add_layer_button,
        header.layers[0].plus_button,
    ):
        assert not control.isEnabled()
        assert control.toolTip() == LOCKED
    assert hp.batch_spin.isEnabled()  # what is not locked stays free

    qtbot.mouseClick(header.add_layer_button, Qt.MouseButton.LeftButton)
    hp.lr_spin.setFocus()
    qtbot.keyClick(hp.lr_spin, Qt.Key.Key_Up)
    assert c.model_config.hidden == hidden and c.train_config.learning_rate == rate

    # The intents themselves are refused: the panel's signal, the diagram's, a comparison.
    hp.train_settings_changed.emit(c.train_config.with_changes(learning_rate=rate * 10))
    assert c.runs.active_run.spec.train_config.learning_rate == rate
    assert hp.train_config.learning_rate == rate
    assert "Learning rate" in w.banner.text()
    w.network_view.layer_add_requested.emit()
    assert c.model_config.hidden == hidden
    assert [run.spec.model_config.hidden for run in c.runs.runs] == [hidden]
    assert c.comparing.start(f"lr={rate},{rate * 10}")
    qtbot.waitUntil(lambda: not c.runs.comparing, timeout=TIMEOUT)
    assert [run.spec.train_config.learning_rate for run in c.runs.runs] == [rate]
    # Settings that are not locked still change.
    hp.train_settings_changed.emit(c.train_config.with_changes(batch_size=7))
    assert c.runs.active_run.spec.train_config.batch_size == 7

    qtbot.mouseClick(wiring.panel.close_button, Qt.MouseButton.LeftButton)
    assert hp.lr_slider.isEnabled() and header.add_layer_button.isEnabled()
    assert hp.lr_slider.toolTip() != LOCKED
    hp.train_settings_changed.emit(c.train_config.with_changes(learning_rate=rate * 10))
    assert c.runs.active_run.spec.train_config.learning_rate == rate * 10


def test_locked_data_cannot_be_regenerated_or_cleared(qtbot, app: Assembly) -> None:
    wiring = lesson_wiring(app)
    c, w = app.controller, app.window
    wiring.show_lesson(make_challenge("Data", "", [], ["data"]))
    data = c.data_model.dataset
    assert not w.data_panel.regenerate_button.isEnabled()
    assert not w.menu_actions["clear_data"].isEnabled()
    w.menu_actions["clear_data"].trigger()  # disabled: nothing happens
    c.data_model.clear()  # the intent anyway: put back at once the event loop runs
    qtbot.waitUntil(lambda: c.data_model.dataset is data, timeout=TIMEOUT)
    assert len(c.data_model.dataset) == len(data) > 0
    assert wiring.shown is not None  # the lesson's own repair does not close it


def test_a_goal_is_marked_reached_when_training_reaches_it(qtbot, make_app) -> None:
    parts = make_app(worker=TrainingWorker(engine="numpy"))
    c = parts.controller
    wiring = lesson_wiring(parts)
    start = figures_of(c)["hidden_units"]
    goals = [Goal("epoch", ">=", 5), Goal("hidden_units", "<=", start), Goal("epoch", ">=", 10**6)]
    wiring.show_lesson(make_challenge("Train", "## Press Play\n\nWatch the loss.", goals, []))
    panel = wiring.panel
    assert [panel.goal_reached(i) for i in range(3)] == [False, True, False]
    assert not panel.done_label.isVisibleTo(panel)
    _train_to(qtbot, parts, 6)
    qtbot.waitUntil(lambda: panel.goal_reached(0), timeout=TIMEOUT)
    assert panel.goal_list.item(0).text().startswith(REACHED_MARK)
    assert not panel.goal_reached(2) and not panel.goal_list.item(2).text().startswith(REACHED_MARK)
    states = goal_states(goals, figures_of(c))
    assert [s.reached for s in states] == [panel.goal_reached(i) for i in range(3)]
    assert "Step 1. Press Play" in panel.text_view.toPlainText()


def _fill_save_dialog(qtbot, title: str, text: str, goals: list[str], locks: list[str]) -> None:
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, SaveLessonDialog)
    assert not dialog.save_button.isEnabled()  # no title yet
    qtbot.keyClicks(dialog.title_edit, title)
    dialog.text_edit.setPlainText(text)
    shown = [dialog.goal_list.item(i).text() for i in range(dialog.goal_list.count())]
    dialog.set_checked(dialog.goal_list, [shown.index(g) for g in goals])
    dialog.set_checked(dialog.lock_list, locks)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)


def test_save_as_lesson_round_trips_through_a_file(qtbot, make_app, tmp_path) -> None:
    first = make_app(worker=TrainingWorker(engine="numpy"))
    wiring = lesson_wiring(first)
    _train_to(qtbot, first, 4)
    offered = wiring.saving.goal_choices()
    chosen = [g for g in offered if g.measure in ("test_loss", "hidden_units")]
    assert len(chosen) == 2 and all(
        s.reached for s in goal_states(chosen, figures_of(first.controller))
    )
    words = [g.describe("en") for g in chosen]
    path = tmp_path / "challenge.mlps"
    first.files.dialogs.next_save = str(path)
    text = "Get there.\n\n## Remove neurons\n\nFewer is better."
    QTimer.singleShot(0, lambda: _fill_save_dialog(qtbot, "Small net", text, words, ["seed", "l2"]))
    assert wiring.saving.ask_save_lesson()
    meta = meta_from_session(load_session(path).lesson or {})
    assert (meta.title_in("en"), meta.text_in("en")) == ("Small net", text)
    assert meta.goals == tuple(chosen) and meta.locks == ("seed", "l2")

    second = make_app(worker=TrainingWorker(engine="numpy"))
    again = lesson_wiring(second)
    assert again.open_file(path)
    assert again.dock.isVisibleTo(second.window)
    assert again.panel.title_label.text() == "Small net"
    assert "Fewer is better." in again.panel.text_view.toPlainText()
    rows = [again.panel.goal_list.item(i).text() for i in range(again.panel.goal_list.count())]
    assert [row.split(" (now")[0][2:] for row in rows] == words
    hp = second.window.hyper_panel
    assert not hp.seed_spin.isEnabled() and not hp.reg_rate_combo.isEnabled()
    assert hp.seed_spin.toolTip() == LOCKED
    assert second.controller.model_config == first.controller.model_config


def test_file_open_shows_a_lesson_file_and_a_plain_session_closes_it(
    qtbot, make_app, tmp_path
) -> None:
    parts = make_app()
    wiring = lesson_wiring(parts)
    lesson_path, plain_path = tmp_path / "lesson.mlps", tmp_path / "plain.mlps"
    assert parts.files.save_session(plain_path)
    assert wiring.saving.save_lesson(lesson_path, make_challenge("Seeded", "", [], ["seed"]), "en")
    dialogs = parts.files.dialogs
    dialogs.next_open = str(lesson_path)
    parts.window.menu_actions["open_session"].trigger()
    qtbot.waitUntil(lambda: wiring.shown is not None, timeout=TIMEOUT)
    assert wiring.panel.title_label.text() == "Seeded"
    assert not parts.window.hyper_panel.seed_spin.isEnabled()
    assert wiring.dock.isVisibleTo(parts.window)
    dialogs.next_open = str(plain_path)
    parts.window.menu_actions["open_session"].trigger()
    qtbot.waitUntil(lambda: wiring.shown is None, timeout=TIMEOUT)
    assert not wiring.dock.isVisibleTo(parts.window)
    assert parts.window.hyper_panel.seed_spin.isEnabled()


def test_new_closes_the_lesson_and_unlocks(qtbot, app: Assembly) -> None:
    wiring = lesson_wiring(app)
    wiring.show_lesson(make_challenge("Locked", "", [], ["optimizer"]))
    app.window.menu_actions["new"].trigger()
    qtbot.waitUntil(lambda: wiring.shown is None, timeout=TIMEOUT)
    assert app.window.hyper_panel.optimizer_combo.isEnabled()


def test_open_lesson_by_name_opens_it_and_names_the_lessons_for_an_unknown_one(
    app: Assembly,
) -> None:
    first = LESSONS[0]
    open_lesson_by_name(app, first.name)
    wiring = lesson_wiring(app)
    assert isinstance(wiring, LessonWiring) and wiring.shown is not None
    assert wiring.panel.title_label.text() == first.title_in("en")
    open_lesson_by_name(app, str(LESSONS[1].order))  # its number works too
    assert wiring.panel.title_label.text() == LESSONS[1].title_in("en")
    with pytest.raises(ValueError) as error:
        open_lesson_by_name(app, "no-such-lesson")
    assert all(lesson.name in str(error.value) for lesson in LESSONS)
    assert wiring.panel.title_label.text() == LESSONS[1].title_in("en")  # nothing changed


def test_the_lesson_follows_the_window_language(qtbot, app: Assembly) -> None:
    wiring = lesson_wiring(app)
    lesson = next(lesson for lesson in LESSONS if lesson.locks)
    open_lesson_by_name(app, lesson.name)
    panel, action = wiring.panel, wiring.lesson_actions[lesson.name]
    try:
        if i18n.set_language("zh_CN") != "zh_CN":
            pytest.skip("the Simplified Chinese catalogue is not built")
        qtbot.waitUntil(lambda: panel.title_label.text() == lesson.title_in("zh"), timeout=TIMEOUT)
        assert action.text() == f"{lesson.order}. {lesson.title_in('zh')}"
        last_step = split_steps(lesson.text_in("zh"))[-1].title
        assert last_step and last_step in panel.text_view.toPlainText()
        for name in lesson.locks:  # the panels set their own tooltips again: the lock's stays
            for control in lock_widgets(app.window, name):
                assert control.toolTip() == wiring.guard.controls.tooltip
    finally:
        i18n.set_language("en")
    qtbot.waitUntil(lambda: panel.title_label.text() == lesson.title_in("en"), timeout=TIMEOUT)
    assert action.text() == f"{lesson.order}. {lesson.title_in('en')}"


def test_next_and_previous_lesson_buttons_walk_the_list(qtbot, app: Assembly) -> None:
    wiring = lesson_wiring(app)
    panel = wiring.panel
    open_lesson_by_name(app, LESSONS[0].name)
    assert not panel.previous_button.isEnabled() and panel.next_button.isEnabled()
    qtbot.mouseClick(panel.next_button, Qt.MouseButton.LeftButton)
    assert panel.title_label.text() == LESSONS[1].title_in("en")
    assert wiring.shown is not None and wiring.shown.lesson is not None
    assert wiring.shown.lesson.name == LESSONS[1].name
    qtbot.mouseClick(panel.previous_button, Qt.MouseButton.LeftButton)
    assert panel.title_label.text() == LESSONS[0].title_in("en")
    wiring.dock.hide()  # only "Close lesson" closes the lesson
    assert wiring.shown is not None


def test_the_lesson_dock_never_opens_without_a_lesson(qtbot, app: Assembly) -> None:
    wiring = lesson_wiring(app)
    wiring.dock.show()  # as restoring a layout saved with a lesson open does
    qtbot.waitUntil(lambda: not wiring.dock.isVisibleTo(app.window), timeout=TIMEOUT)


def test_a_lesson_file_given_at_start_opens_with_its_panel(qtbot, make_app, tmp_path) -> None:
    first = make_app()
    path = tmp_path / "start.mlps"
    goals = [Goal("epoch", ">=", 1)]
    meta = make_challenge("At start", "", goals, ["optimizer"])
    assert lesson_wiring(first).saving.save_lesson(path, meta, "en")
    parts = assemble(settings=None)  # as the window is built: the lessons before the file
    wiring = lesson_wiring(parts)
    parts.window.show()
    try:
        with qtbot.waitSignal(parts.controller.snapshot_shown, timeout=TIMEOUT):
            parts.open(session_path=str(path))
        qtbot.waitUntil(lambda: wiring.shown is not None, timeout=TIMEOUT)
        assert wiring.panel.title_label.text() == "At start"
        assert not parts.window.hyper_panel.optimizer_combo.isEnabled()
    finally:
        parts.controller.unsaved = False
        parts.window.close()
        assert parts.controller.shutdown()
        QApplication.processEvents()
        dispose(parts)
