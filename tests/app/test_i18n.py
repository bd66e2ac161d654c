"""The window in English and Simplified Chinese: View > Language, the catalogue, the fallback."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QTranslator
from PySide6.QtWidgets import QApplication

from playground.app import i18n
from playground.app.present.registry import VIEWS
from playground.app.views.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]
FOLDER = ROOT / "resources" / "translations"
TS = FOLDER / "mlp_playground_zh_CN.ts"
_PLACEHOLDER = re.compile(r"\{\w*\}|%\d")


@pytest.fixture(autouse=True)
def english_afterwards(qapp: QApplication) -> Iterator[None]:
    """Every test starts and ends in English, whatever it switched to."""
    i18n.install_translator(qapp, "en")
    yield
    i18n.install_translator(qapp, "en")
    QApplication.processEvents()


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


def menu_titles(window: MainWindow) -> list[str]:
    return [action.text() for action in window.menuBar().actions()]


def messages() -> list[tuple[str, str, ET.Element]]:
    """(context, source, translation element) of every message of the catalogue."""
    found = []
    for context in ET.parse(TS).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            found.append((name, message.findtext("source") or "", translation))
    return found


def test_view_language_switches_the_visible_texts_and_back(qtbot, app, settings) -> None:
    w = app.window
    w.language_settings = settings
    assert menu_titles(w)[:4] == ["&File", "&Edit", "&Training", "&View"]
    assert w.language_actions[""].isChecked()

    w.language_actions["zh_CN"].trigger()
    qtbot.waitUntil(lambda: menu_titles(w)[0] == "文件(&F)")
    assert i18n.current_language() == "zh_CN"
    assert menu_titles(w)[:4] == ["文件(&F)", "编辑(&E)", "训练(&T)", "视图(&V)"]
    assert w.menu_actions["play"].text() == "播放 / 暂停(&P)"
    assert w.hyper_panel.row_labels["learning_rate"].text() == "学习率"
    assert w.hyper_panel._train_box.title() == "训练"
    assert w.data_panel.regenerate_button.text() == "重新生成"
    assert w.data_panel.task_combo.itemText(0) == "自动"
    assert w.docks["loss"].windowTitle() == "损失"
    assert w.docks["data"].windowTitle() == "数据"
    assert w.transport.play_button.toolTip() == "运行（空格）"
    assert w.scrubber.resume_button.text() == "从这里继续"
    assert w.language_actions["zh_CN"].isChecked()
    assert settings.value(i18n.SETTINGS_KEY) == "zh_CN"

    w.language_actions["en"].trigger()
    qtbot.waitUntil(lambda: menu_titles(w)[0] == "&File")
    assert w.hyper_panel.row_labels["learning_rate"].text() == "Learning rate"
    assert w.docks["loss"].windowTitle() == "Loss"
    assert w.data_panel.regenerate_button.text() == "Regenerate"
    assert settings.value(i18n.SETTINGS_KEY) == "en"

    w.language_actions[""].trigger()  # back to the system's: nothing stored
    assert settings.value(i18n.SETTINGS_KEY) is None
    assert w.language_actions[""].isChecked()


def test_the_choice_is_used_at_the_next_start(qtbot, qapp, settings) -> None:
    settings.setValue(i18n.SETTINGS_KEY, "zh_CN")
    assert i18n.install_translator(qapp, None, settings) == "zh_CN"
    window = MainWindow(VIEWS)
    qtbot.addWidget(window)
    window.language_settings = settings
    assert menu_titles(window)[0] == "文件(&F)"
    assert window.docks["training"].windowTitle() == "训练"
    assert window.language_actions["zh_CN"].isChecked()
    # A language given on the command line wins over the stored one.
    assert i18n.install_translator(qapp, "en", settings) == "en"


def test_a_missing_catalogue_falls_back_to_english(qtbot, qapp, monkeypatch, tmp_path) -> None:
    monkeypatch.setattr(i18n, "translations_folder", lambda: tmp_path)
    assert i18n.install_translator(qapp, "zh_CN") == "en"
    assert i18n.current_language() == "en"
    window = MainWindow(VIEWS)
    qtbot.addWidget(window)
    assert menu_titles(window)[0] == "&File"
    (tmp_path / "mlp_playground_zh_CN.qm").write_bytes(b"not a catalogue")
    assert i18n.install_translator(qapp, "zh_CN") == "en"
    assert i18n.install_translator(qapp, "xx") == "en"


@pytest.mark.parametrize(
    ("tags", "expected"),
    [
        (["zh-Hans-CN", "en-US"], "zh_CN"),
        (["zh-CN"], "zh_CN"),
        (["zh-TW", "en-GB"], "en"),
        (["de-DE", "zh-Hans"], "zh_CN"),
        (["fr-FR"], "en"),
        ([], "en"),
    ],
)
def test_the_system_language_picks_a_catalogue(monkeypatch, tags, expected) -> None:
    monkeypatch.setattr(i18n, "_system_ui_languages", lambda: tags)
    assert i18n.system_language() == expected


def test_available_languages() -> None:
    assert i18n.available_languages() == {"en": "English", "zh_CN": "简体中文"}


def test_every_message_of_the_catalogue_is_translated() -> None:
    found = messages()
    assert len(found) > 200
    for context, source, translation in found:
        where = f"{context}: {source!r}"
        assert translation.get("type") not in ("unfinished", "vanished", "obsolete"), where
        text = translation.text or ""
        assert text.strip(), f"{where} has an empty translation"
        assert sorted(_PLACEHOLDER.findall(text)) == sorted(_PLACEHOLDER.findall(source)), where
        if re.search(r"&\w", source):
            assert re.search(r"&\w", text), f"{where} lost its keyboard accelerator"


def test_the_compiled_catalogue_matches_its_source() -> None:
    """The .qm was compiled from the .ts as it is (run scripts/update_translations.sh)."""
    translator = QTranslator()
    assert translator.load(str(FOLDER / "mlp_playground_zh_CN.qm"))
    for context, source, translation in messages():
        assert translator.translate(context, source) == translation.text, (context, source)


def test_the_table_texts_are_current_and_translated() -> None:
    """Titles and help texts of the core's tables are in the catalogue, under their contexts."""
    written = (FOLDER / i18n.TABLE_TEXTS_FILE).read_text(encoding="utf-8")
    assert written == i18n.table_texts_source(), "run scripts/update_translations.sh"
    catalogue = {(context, source) for context, source, _t in messages()}
    missing = [text for text in i18n.table_texts() if text not in catalogue]
    assert not missing, f"run scripts/update_translations.sh and translate {missing}"


def test_lupdate_finds_no_text_missing_from_the_catalogue(tmp_path) -> None:
    """Every literal the sources translate is in the catalogue (else: update and translate)."""
    lupdate = shutil.which("pyside6-lupdate", path=str(Path(sys.executable).parent))
    if lupdate is None:
        pytest.skip("pyside6-lupdate is not installed")
    ts = tmp_path / TS.name
    shutil.copy(TS, ts)
    sources = [str(ROOT / "playground" / "app"), str(FOLDER / i18n.TABLE_TEXTS_FILE)]
    command = [lupdate, "-extensions", "py", "-no-obsolete", "-locations", "none", "-silent"]
    subprocess.run([*command, *sources, "-ts", str(ts)], check=True, timeout=120)
    tree = ET.parse(ts).getroot()
    new = [
        f"{context.findtext('name')}: {message.findtext('source')!r}"
        for context in tree.iter("context")
        for message in context.iter("message")
        if message.find("translation").get("type") == "unfinished"  # type: ignore[union-attr]
    ]
    assert not new, f"untranslated texts; run scripts/update_translations.sh: {new}"


def test_dock_titles_of_every_view_are_translated(qtbot, qapp) -> None:
    assert i18n.install_translator(qapp, "zh_CN") == "zh_CN"
    window = MainWindow(VIEWS)
    qtbot.addWidget(window)
    for spec in VIEWS:
        title = window.docks[spec.name].windowTitle()
        assert title and title != spec.title, f"the {spec.name} dock is not translated"


def test_the_default_locale_follows_the_language(qapp) -> None:
    """QLocale() speaks the chosen language, so texts picked by locale (the lessons') follow."""
    from PySide6.QtCore import QLocale

    i18n.install_translator(qapp, "zh_CN")
    assert QLocale().name().startswith("zh")
    i18n.install_translator(qapp, "en")
    assert not QLocale().name().startswith("zh")
