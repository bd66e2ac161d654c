"""Adding a view is one module plus one registry entry: a view made up here joins the window.

The test defines a tiny widget and its presenter, builds the registry with one more
entry and the window from it as the app does, and checks that the dock, the View menu,
File > Export Image, ``--show`` and the per-frame presentation all pick it up.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QMenu, QWidget

from playground.app.assembly import Assembly, assemble
from playground.app.present.registry import VIEWS, ViewSpec, show_names, view_spec
from playground.app.present.schedule import Schedule
from playground.app.present.views import Frame
from playground.app.training.snapshot import Snapshot
from tests.app.conftest import FakeDialogs, dispose
from tests.app.lens_helpers import train_to

TIMEOUT = 30_000


class Tally(QLabel):
    """A view that keeps every frame it is shown."""

    def __init__(self) -> None:
        super().__init__("no frame yet")
        self.frames: list[Frame] = []


def present_tally(widget: QWidget, frame: Frame) -> None:
    """Keep the frame and say its epoch."""
    assert isinstance(widget, Tally)
    widget.frames.append(frame)
    widget.setText(f"epoch {frame.snap.epoch}")


TALLY = ViewSpec(
    "tally",
    "Tally",
    Tally,
    Qt.DockWidgetArea.RightDockWidgetArea,
    present_tally,
    visible=False,
    show_as="count",
    every_s=0.2,
)
EXTENDED = (*VIEWS, TALLY)


@pytest.fixture
def tallied(qtbot, tmp_path: Path) -> Iterator[Assembly]:
    """A shown, started window built from the registry plus the tally view."""
    parts = assemble(settings=None, views=EXTENDED)
    qtbot.addWidget(parts.window)
    parts.files.dialogs = FakeDialogs(tmp_path)  # type: ignore[assignment]
    parts.window.resize(1280, 800)
    parts.window.show()
    with qtbot.waitSignal(parts.controller.snapshot_shown, timeout=TIMEOUT):
        parts.controller.start()
    yield parts
    parts.controller.unsaved = False
    parts.window.close()
    assert parts.controller.shutdown()
    dispose(parts)


def tally_of(parts: Assembly) -> Tally:
    widget = parts.window.views["tally"]
    assert isinstance(widget, Tally)
    return widget


def menu_named(parts: Assembly, title: str) -> QMenu:
    """A menu of the menu bar (or File's Export Image submenu) by its English title."""
    found = [a.menu() for a in parts.window.menuBar().actions() if a.text() == title]
    if not found:
        (file_menu,) = [a.menu() for a in parts.window.menuBar().actions() if a.text() == "&File"]
        found = [a.menu() for a in file_menu.actions() if a.menu() and a.text() == title]
    (menu,) = found
    assert isinstance(menu, QMenu)
    return menu


def entries(menu: QMenu, text: str) -> list[QAction]:
    return [a for a in menu.actions() if a.text() == text]


def test_the_new_view_gets_a_dock_a_view_menu_entry_and_an_image_export(
    qtbot, tallied, tmp_path
) -> None:
    window = tallied.window
    dock = window.docks["tally"]
    assert dock.widget() is window.views["tally"]
    assert dock.windowTitle() == "Tally"
    assert window.dockWidgetArea(dock) == Qt.DockWidgetArea.RightDockWidgetArea
    assert not dock.isVisible(), "it starts closed, as its entry says"

    (toggle,) = entries(menu_named(tallied, "&View"), "Tally")
    toggle.trigger()
    qtbot.waitUntil(dock.isVisible, timeout=TIMEOUT)

    (export,) = entries(menu_named(tallied, "Export &Image"), "Tally…")
    assert export is window.menu_actions["export_image_tally"]
    tallied.files.dialogs.next_save = str(tmp_path / "tally.png")
    export.trigger()
    assert (tmp_path / "tally.png").stat().st_size > 0
    assert not tallied.files.dialogs.errors


def test_a_view_that_is_not_exportable_is_not_offered(qtbot) -> None:
    from playground.app.views.main_window import MainWindow

    window = MainWindow((*VIEWS, dataclasses.replace(TALLY, exportable=False)))
    qtbot.addWidget(window)
    assert "tally" in window.docks
    assert "export_image_tally" not in window.menu_actions
    assert "export_image_loss" in window.menu_actions


def test_the_new_view_presents_the_frames_of_training(qtbot, tallied) -> None:
    tally = tally_of(tallied)
    tallied.window.show_view("tally")
    qtbot.waitUntil(tallied.window.docks["tally"].isVisible, timeout=TIMEOUT)
    before = len(tally.frames)
    shown: list[Snapshot] = []
    tallied.controller.snapshot_shown.connect(shown.append)
    last = train_to(qtbot, tallied, 40)

    frames = tally.frames[before:]
    assert frames, "the presenter was called while training"
    assert all(frame.runs is tallied.controller.runs for frame in frames)
    assert {id(frame.snap) for frame in frames} <= {id(snap) for snap in shown}
    assert len(frames) <= len(shown)
    assert frames[-1].snap is last and not last.running, "a stop presents at once"
    assert tally.text() == "epoch 40"


def test_the_new_view_presents_as_often_as_its_entry_says(qtbot, tallied) -> None:
    window, controller = tallied.window, tallied.controller
    window.show_view("tally")
    qtbot.waitUntil(window.docks["tally"].isVisible, timeout=TIMEOUT)
    tally = tally_of(tallied)
    schedule = Schedule(window)  # the entries the window was built with
    assert schedule.views[-1] is TALLY
    running = Frame(dataclasses.replace(controller.last_snapshot, running=True), controller.runs)

    def present_at(now: float) -> int:
        before = len(tally.frames)
        schedule.present(running, now, force=False)
        return len(tally.frames) - before

    start = 1000.0
    assert present_at(start) == 1
    assert present_at(start + TALLY.every_s / 2) == 0, "not before every_s has passed"
    assert present_at(start + TALLY.every_s) == 1
    window.docks["tally"].hide()
    assert present_at(start + 10 * TALLY.every_s) == 0, "a closed dock does no work"


def test_show_opens_the_new_view_by_its_show_name(qtbot, tallied) -> None:
    names = show_names(EXTENDED)
    assert names["count"] == "tally"
    assert "count" not in show_names(), "the app's own registry is unchanged"
    assert view_spec("tally", EXTENDED) is TALLY
    tallied.window.show_view(names["count"])
    qtbot.waitUntil(tallied.window.docks["tally"].isVisible, timeout=TIMEOUT)


def test_a_window_given_specs_without_presenters_cannot_be_scheduled(qtbot) -> None:
    from playground.app.views.main_window import MainWindow

    @dataclasses.dataclass(frozen=True)
    class Bare:
        name: str
        title: str
        factory: type[QWidget]
        area: Qt.DockWidgetArea
        beside: str | None = None
        compare_only: bool = False
        exportable: bool = True
        visible: bool = True

    window = MainWindow((*VIEWS, Bare("bare", "Bare", QLabel, TALLY.area)))
    qtbot.addWidget(window)
    assert "bare" in window.views
    with pytest.raises(TypeError, match="bare"):
        Schedule(window)
