"""The window's command line: screenshot runs exit, launch options are not unsaved work."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from playground.app.assembly import Assembly
from playground.app.launch import TIMED_OUT, parse_args, prepare

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT = 20_000
CTRL = Qt.KeyboardModifier.ControlModifier


def _run_main(*args: str, timeout: float) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def test_screenshot_run_writes_the_png_and_exits(tmp_path: Path) -> None:
    png = tmp_path / "shot.png"
    done = _run_main(
        "--screenshot", str(png), "--after-epochs", "5", "--hidden", "6,2,2", timeout=90
    )
    assert done.returncode == 0, done.stderr
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert png.stat().st_size > 10_000


def test_screenshot_run_gives_up_after_its_timeout(tmp_path: Path) -> None:
    png = tmp_path / "never.png"
    done = _run_main(
        "--screenshot", str(png), "--after-epochs", "100000000", "--timeout", "3", timeout=60
    )
    assert done.returncode == TIMED_OUT
    assert "giving up" in done.stderr
    assert not png.exists()


@pytest.fixture
def launched(qtbot, fake_dialogs, request) -> Iterator[Assembly]:
    """The window as ``main.py`` builds it from the command line in ``request.param``."""
    parts = prepare(parse_args(request.param), settings=None)
    assert not isinstance(parts, int)
    parts.files.dialogs = fake_dialogs
    parts.window.show()
    with qtbot.waitSignal(parts.controller.snapshot_shown, timeout=TIMEOUT):
        pass
    parts.window.activateWindow()
    parts.window.setFocus()
    yield parts
    parts.controller.unsaved = False
    parts.window.close()
    assert parts.controller.shutdown()
    # Snapshots and drawing turns still queued for the closed window run before it goes.
    QApplication.processEvents()
    qtbot.waitUntil(lambda: not parts.controller._turns.findChildren(QTimer), timeout=TIMEOUT)
    parts.window.deleteLater()


def _quit(qtbot, parts: Assembly) -> None:
    qtbot.keyClick(parts.window, Qt.Key.Key_Q, CTRL)


@pytest.mark.parametrize(
    "launched",
    [["--hidden", "6,2,2"], ["--preset", "spiral", "--activation", "relu", "--hidden", "8,8"]],
    indirect=True,
)
def test_launch_options_are_not_unsaved_work(qtbot, launched: Assembly) -> None:
    assert launched.controller.model_config.hidden in ((6, 2, 2), (8, 8))
    _quit(qtbot, launched)
    assert launched.files.dialogs.asked_to_save == 0
    assert not launched.window.isVisible()
    assert not launched.controller.worker.is_running()


@pytest.mark.parametrize("launched", [["--hidden", "6,2,2", "--lr", "0.1"]], indirect=True)
def test_an_edit_after_the_start_asks_before_quitting(qtbot, launched: Assembly) -> None:
    header = launched.window.network_view.header
    with qtbot.waitSignal(launched.controller.run_started, timeout=TIMEOUT):
        qtbot.mouseClick(header.add_layer_button, Qt.MouseButton.LeftButton)
    launched.files.dialogs.save_answer = "cancel"
    _quit(qtbot, launched)
    assert launched.files.dialogs.asked_to_save == 1
    assert launched.window.isVisible()


@pytest.mark.parametrize("launched", [["--hidden", "6,2,2"]], indirect=True)
def test_trained_epochs_count_as_unsaved_until_saved(
    qtbot, launched: Assembly, tmp_path: Path
) -> None:
    with qtbot.waitSignal(
        launched.controller.snapshot_shown,
        timeout=TIMEOUT,
        check_params_cb=lambda s: s.epoch == 1 and not s.running,
    ):
        qtbot.keyClick(launched.window, Qt.Key.Key_Right)
    assert launched.files.modified
    dialogs = launched.files.dialogs
    dialogs.save_answer = "cancel"
    _quit(qtbot, launched)
    assert dialogs.asked_to_save == 1 and launched.window.isVisible()

    dialogs.next_save = str(tmp_path / "one.mlps")
    qtbot.keyClick(launched.window, Qt.Key.Key_S, CTRL)
    assert (tmp_path / "one.mlps").exists()
    assert not launched.files.modified
    _quit(qtbot, launched)
    assert dialogs.asked_to_save == 1, "saved work closes without asking"
    assert not launched.window.isVisible()


def test_bad_command_line_settings_exit_with_status_2(capsys) -> None:
    args = parse_args(["--lr", "-1"])
    assert prepare(args, settings=None) == 2
    assert capsys.readouterr().err.startswith("error:")


def test_show_opens_closed_views_and_refuses_unknown_ones(qtbot, capsys) -> None:
    from playground.app.present.registry import VIEWS, show_names

    closed = [spec for spec in VIEWS if not spec.visible and not spec.compare_only]
    names = [spec.show_as or spec.name for spec in closed] or ["loss"]
    parts = prepare(parse_args(["--show", ",".join(names)]), settings=None)
    assert not isinstance(parts, int)
    try:
        parts.window.show()
        for spec in closed:
            assert parts.window.docks[spec.name].isVisible(), spec.name
        assert parts.window.docks[show_names()[names[0]]].isVisible()
    finally:
        parts.controller.unsaved = False
        parts.window.close()
        assert parts.controller.shutdown()
        parts.window.deleteLater()
    assert prepare(parse_args(["--show", "no-such-view"]), settings=None) == 2
    assert "--show takes views from" in capsys.readouterr().err


def test_show_knows_the_lenses_by_the_names_the_issue_gives() -> None:
    from playground.app.present.registry import show_names

    names = show_names()
    for name in ("gradients", "activations", "hidden-space", "gallery", "backprop", "confusion"):
        assert names[name].startswith("lens_"), name


def test_lang_chooses_the_window_language(qtbot) -> None:
    from playground.app.i18n import current_language, install_translator

    assert parse_args(["--lang", "zh_CN"]).lang == "zh_CN"
    app = QApplication.instance()
    try:
        assert install_translator(app, "zh_CN") == "zh_CN" == current_language()
        assert QApplication.translate("MainWindow", "&File") != "&File"
    finally:
        install_translator(app, "en")
    assert QApplication.translate("MainWindow", "&File") == "&File"


def test_inspect_traces_a_point_and_a_shown_lens_gets_room(qtbot) -> None:
    parts = prepare(parse_args(["--show", "backprop", "--inspect", "2"]), settings=None)
    assert not isinstance(parts, int)
    try:
        parts.window.show()
        assert parts.controller.backprop.lens.point_index() == 2
        dock = parts.window.docks["lens_backprop"]
        qtbot.waitUntil(lambda: dock.width() >= parts.window.width() // 4)
    finally:
        parts.controller.unsaved = False
        parts.window.close()
        assert parts.controller.shutdown()
        parts.window.deleteLater()


def test_shade_opens_the_activation_lens_shading_that_layer(qtbot, capsys) -> None:
    parts = prepare(parse_args(["--hidden", "4,3", "--shade", "2"]), settings=None)
    assert not isinstance(parts, int)
    try:
        parts.window.show()
        lens = parts.window.views["lens_activations"]
        assert parts.window.docks["lens_activations"].isVisible()
        assert lens.overlay_layer == 1
        overlay = parts.window.canvas.health_overlay
        qtbot.waitUntil(lambda: overlay.image.isVisible(), timeout=20_000)
    finally:
        parts.controller.unsaved = False
        parts.window.close()
        assert parts.controller.shutdown()
        parts.window.deleteLater()
    assert prepare(parse_args(["--hidden", "4", "--shade", "2"]), settings=None) == 2
    assert "--shade takes a hidden layer from 1 to 1" in capsys.readouterr().err


def test_lesson_opens_a_built_in_lesson_and_refuses_an_unknown_one(qtbot, capsys) -> None:
    from playground.app.lesson_wiring import lesson_wiring
    from playground.core.lessons import load_lesson

    parts = prepare(parse_args(["--lesson", "dead-relus"]), settings=None)
    assert not isinstance(parts, int)
    try:
        parts.window.show()
        lesson = load_lesson("dead-relus")
        wiring = lesson_wiring(parts)
        assert wiring.shown is not None and wiring.shown.meta.name == lesson.name
        assert wiring.dock.isVisibleTo(parts.window)
        assert parts.controller.runs.comparing == (lesson.compare is not None)
    finally:
        parts.controller.unsaved = False
        parts.window.close()
        assert parts.controller.shutdown()
        parts.window.deleteLater()
    assert prepare(parse_args(["--lesson", "no-such-lesson"]), settings=None) == 2
    assert "no lesson 'no-such-lesson'" in capsys.readouterr().err
