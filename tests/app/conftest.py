"""Qt test set-up: offscreen platform, a wired window, and no leftover threads."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QSettings, QThreadPool, QTimer
from PySide6.QtWidgets import QApplication

from playground.app import gui_gc
from playground.app.assembly import Assembly, assemble
from playground.app.training.worker import TrainingWorker


@pytest.fixture(autouse=True)
def gui_thread_gc(qapp: QApplication) -> Iterator[None]:
    """Collect cycles on the GUI thread only, as the app does (see ``gui_gc``).

    Torn down last: the windows a test closed are collected here, on this thread, and
    automatic collection is back on for the tests that run no event loop.
    """
    gui_gc.install(qapp)
    yield
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    gui_gc.uninstall()


@pytest.fixture(autouse=True)
def no_leftover_threads() -> Iterator[None]:
    """Fail any test that leaves a training thread or a thread-pool task running."""
    yield
    left = TrainingWorker.live_workers()
    for worker in left:
        worker.stop()
    assert not left, f"{len(left)} training thread(s) left running"
    assert QThreadPool.globalInstance().waitForDone(2000)


class FakeDialogs:
    """Answers the File menu's questions without opening a dialog."""

    def __init__(self, tmp_path: Path) -> None:
        self.tmp_path = tmp_path
        self.next_open: str | None = None
        self.next_save: str | None = None
        self.save_answer = "discard"
        self.errors: list[tuple[str, str]] = []
        self.asked_to_save = 0

    def open_path(self, title: str, filters: str) -> str | None:
        return self.next_open

    def save_path(self, title: str, filters: str, suggested: str) -> str | None:
        return self.next_save

    def ask_save_changes(self) -> str:
        self.asked_to_save += 1
        return self.save_answer

    def error(self, title: str, text: str) -> None:
        self.errors.append((title, text))


def dispose(parts: Assembly) -> None:
    """Delete a closed window's Qt objects now, while they are whole.

    Left to the cycle collector, a window's widgets, its controller and their children
    would be deleted whenever it ran, in the middle of a later test, with signals still
    connected to objects half gone ("Slot ... not found", or worse).
    """
    for obj in (parts.files, parts.controller, parts.window):
        obj.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)


@pytest.fixture
def app(qtbot, tmp_path: Path) -> Iterator[Assembly]:
    """A shown main window on the default example, with fake file dialogs."""
    parts = assemble(settings=None)
    qtbot.addWidget(parts.window)
    parts.files.dialogs = FakeDialogs(tmp_path)  # type: ignore[assignment]
    parts.window.resize(1280, 800)
    parts.window.show()
    with qtbot.waitSignal(parts.controller.snapshot_shown, timeout=10_000):
        parts.controller.start()
    yield parts
    parts.controller.unsaved = False
    parts.window.close()
    assert parts.controller.shutdown()
    dispose(parts)


@pytest.fixture
def make_app(qtbot, tmp_path: Path) -> Iterator[Callable[..., Assembly]]:
    """Build more shown, started windows (with fake dialogs); all are closed afterwards."""
    made: list[Assembly] = []

    def make(
        settings: QSettings | None = None, worker: TrainingWorker | None = None, **start: object
    ) -> Assembly:
        parts = assemble(settings=settings, worker=worker)
        parts.files.dialogs = FakeDialogs(tmp_path)  # type: ignore[assignment]
        parts.window.show()
        with qtbot.waitSignal(parts.controller.snapshot_shown, timeout=10_000):
            parts.open(**start)  # type: ignore[arg-type]
        made.append(parts)
        return parts

    yield make
    for parts in made:
        parts.controller.unsaved = False
        parts.window.close()
        assert parts.controller.shutdown()
        # Snapshots and drawing turns still queued for the closed window run before it goes.
        QApplication.processEvents()
        qtbot.waitUntil(lambda p=parts: not p.controller._turns.findChildren(QTimer))
        dispose(parts)


@pytest.fixture
def fake_dialogs(tmp_path: Path) -> FakeDialogs:
    """File dialogs that answer from their attributes, for windows a test builds itself."""
    return FakeDialogs(tmp_path)
