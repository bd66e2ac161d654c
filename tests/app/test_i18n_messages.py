"""The lessons, the banners and the File menu's messages follow the window's language."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from playground.app import i18n
from playground.app.assembly import Assembly
from playground.app.lesson_wiring import lesson_wiring, open_lesson_by_name
from playground.app.present.training_texts import CORE_TEXTS
from playground.app.training.messages import CORE_CONTEXT
from playground.core.lessons import list_lessons
from playground.core.presets import make_dataset
from playground.core.settings import training_data_problem

TIMEOUT = 5000


@pytest.fixture(autouse=True)
def english_afterwards(qapp: QApplication) -> Iterator[None]:
    """Every test starts and ends in English, whatever it switched to."""
    i18n.install_translator(qapp, "en")
    yield
    i18n.install_translator(qapp, "en")
    QApplication.processEvents()


def speak(language: str) -> None:
    """Switch the running app to ``language`` (skip when its catalogue is not built)."""
    if i18n.set_language(language) != language:
        pytest.skip(f"the {language} catalogue is not built")


def test_the_lessons_menu_and_the_panel_buttons_follow_the_language(qtbot, app: Assembly) -> None:
    wiring = lesson_wiring(app)
    open_lesson_by_name(app, list_lessons()[0].name)
    panel = wiring.panel
    assert wiring.menu.title() == "&Lessons"
    assert panel.close_button.text() == "Close lesson"

    speak("zh_CN")
    qtbot.waitUntil(lambda: wiring.menu.title() == "课程(&L)", timeout=TIMEOUT)
    assert wiring.close_action.text() == "关闭课程(&C)"
    assert wiring.dock.windowTitle() == "课程"
    assert panel.previous_button.text() == "◀ 上一课"
    assert panel.next_button.text() == "下一课 ▶"
    assert panel.close_button.text() == "关闭课程"
    assert panel.goals_label.text() == "目标"
    assert wiring.saving.action.text() == "另存为课程(&L)…"

    speak("en")
    qtbot.waitUntil(lambda: wiring.menu.title() == "&Lessons", timeout=TIMEOUT)
    assert panel.previous_button.text() == "◀ Previous lesson"
    assert panel.next_button.text() == "Next lesson ▶"
    assert panel.close_button.text() == "Close lesson"


def test_the_banner_of_data_that_cannot_be_trained_on_is_translated(app: Assembly) -> None:
    c, banner = app.controller, app.window.banner
    c.data_model.clear()
    speak("zh_CN")
    c.play()
    assert not c.running
    assert banner.text() == "没有训练点：请绘制一些点，或选择一个预设。"

    speak("en")
    c.play()
    assert banner.text() == "There are no training points: draw some or pick a preset."


def test_every_sentence_of_the_core_about_the_data_is_marked_for_translation(qapp) -> None:
    """The core's sentences are the ones the app marks (else they would show in English)."""
    ds = make_dataset("circle", 100, 0.0, seed=1, test_ratio=0.3)
    problems = [
        training_data_problem(ds.without(np.ones(len(ds), dtype=bool))),
        training_data_problem(ds.without(ds.y == 1)),
    ]
    assert set(problems) == set(CORE_TEXTS)
    speak("zh_CN")
    for text in CORE_TEXTS:
        assert QCoreApplication.translate(CORE_CONTEXT, text) != text


def test_a_file_menu_error_is_titled_in_the_language(app: Assembly, tmp_path) -> None:
    bad = tmp_path / "bad.mlps"
    bad.write_text("not a session", encoding="utf-8")
    errors = app.files.dialogs.errors  # type: ignore[attr-defined]
    speak("zh_CN")
    assert not app.files.open_session(bad)
    assert errors[-1][0] == "无法打开会话"

    speak("en")
    assert not app.files.open_session(bad)
    assert errors[-1][0] == "Could not open the session"
