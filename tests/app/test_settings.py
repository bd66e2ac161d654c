"""Settings remembered between runs, read back from a real ini file as a new run would."""

from __future__ import annotations

import itertools
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt

from playground.app.assembly import SETTINGS_VERSION, settings_version
from playground.app.launch import parse_args, prepare
from playground.app.state.defaults import DEFAULT_MODEL, DEFAULT_TRAIN

TIMEOUT = 20_000


class Runs:
    """Settings files of successive runs, each read from disk as a new process would.

    Qt caches a settings file's values per process as they were written (ints stay
    ints), so every run reads and writes a fresh copy of the previous run's file.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.latest: Path | None = None
        self._count = itertools.count()

    def next(self) -> QSettings:
        """The settings a new run of the app opens."""
        path = self.folder / f"run-{next(self._count)}.ini"
        if self.latest is not None and self.latest.exists():
            shutil.copy(self.latest, path)
        self.latest = path
        return QSettings(str(path), QSettings.Format.IniFormat)


@pytest.fixture
def runs(tmp_path: Path) -> Runs:
    return Runs(tmp_path)


def _type_into(qtbot, spin, text: str) -> None:
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, text)
    qtbot.keyClick(spin, Qt.Key.Key_Return)


def test_last_settings_and_layout_come_back_in_a_new_run(qtbot, make_app, runs: Runs) -> None:
    first = make_app(runs.next())
    window, c = first.window, first.controller
    window.resize(760, 580)
    window.docks["training"].raise_()
    _type_into(qtbot, window.hyper_panel.batch_spin, "7")
    assert c.train_config.batch_size == 7
    with qtbot.waitSignal(c.run_started, timeout=TIMEOUT):
        qtbot.mouseClick(window.network_view.header.add_layer_button, Qt.MouseButton.LeftButton)
    window.docks["loss"].hide()
    first.files.dialogs.save_answer = "discard"
    window.close()
    assert not window.isVisible()

    stored = runs.next()
    assert stored.value("version") == str(SETTINGS_VERSION), "ini files give numbers back as text"
    assert settings_version(stored) == SETTINGS_VERSION

    second = make_app(stored)
    c2, w2 = second.controller, second.window
    assert c2.train_config.batch_size == 7
    assert w2.hyper_panel.batch_spin.value() == 7
    assert c2.model_config.hidden == (4, 2, 2)
    assert [len(w2.network_view.node_items(i)) for i in (1, 2, 3)] == [4, 2, 2]
    assert w2.docks["loss"].isHidden()
    assert (w2.width(), w2.height()) == (760, 580)
    assert not second.files.modified, "restored settings are where the user starts"


def test_the_command_line_keeps_the_remembered_size_unless_given(
    qtbot, make_app, runs: Runs
) -> None:
    first = make_app(runs.next())
    first.window.resize(740, 560)
    first.window.close()

    for argv, size in (([], (740, 560)), (["--size", "900x650"], (900, 650))):
        parts = prepare(parse_args(argv), runs.next())
        assert not isinstance(parts, int)
        try:
            assert (parts.window.width(), parts.window.height()) == size
        finally:
            parts.controller.shutdown()
            parts.window.deleteLater()


def test_unreadable_settings_fall_back_to_the_defaults(qtbot, make_app, runs: Runs) -> None:
    bad = runs.next()
    bad.setValue("version", "one")
    bad.setValue("last/model", "{not json")
    bad.sync()
    parts = make_app(runs.next())
    assert parts.controller.model_config == DEFAULT_MODEL

    newer = runs.next()
    newer.setValue("version", SETTINGS_VERSION)
    newer.setValue("last/model", '{"hidden": "wide"}')
    newer.sync()
    again = make_app(runs.next())
    assert again.controller.model_config == DEFAULT_MODEL
    assert again.controller.train_config == DEFAULT_TRAIN
