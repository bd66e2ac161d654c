"""The training thread: a QObject on a QThread that runs :class:`TrainingLoop`.

Snapshots leave the worker through ``snapshot_ready``, a queued signal whose
receiver must be a slot of a QObject living in the GUI thread (PySide6 runs a
lambda or plain function receiver in the *sending* thread). Commands reach the
loop through its mailbox, which any thread may post to.
"""

from __future__ import annotations

import weakref
from typing import ClassVar

from PySide6.QtCore import QObject, QThread, Signal, Slot

from playground.app.training.commands import Abort, Command
from playground.app.training.loop import TrainingLoop
from playground.app.training.snapshot import Snapshot

#: Snapshots a second: a little over 30, so that a late frame now and then still leaves
#: the window at 30 or more.
LIVE_FPS = 31.0


class TrainingWorker(QObject):
    """Owns the loop; lives in its own thread once :meth:`start` is called."""

    snapshot_ready = Signal(object)
    finished = Signal()
    _instances: ClassVar[weakref.WeakSet[TrainingWorker]] = weakref.WeakSet()

    def __init__(self, max_fps: float = LIVE_FPS, engine: str = "auto") -> None:
        super().__init__()
        TrainingWorker._instances.add(self)
        self.loop = TrainingLoop(self._emit_snapshot, max_fps=max_fps, engine=engine)
        self._thread = QThread()
        self._thread.setObjectName("training")
        self.moveToThread(self._thread)
        self._thread.started.connect(self._run)

    def start(self) -> None:
        """Start the training thread."""
        self._thread.start()

    def post(self, command: Command) -> None:
        """Queue a command for the loop (thread-safe)."""
        self.loop.post(command)

    def acknowledge(self) -> None:
        """Tell the loop the GUI has handled the last snapshot (thread-safe)."""
        self.loop.acknowledge()

    def stop(self, timeout_ms: int = 5000) -> bool:
        """Abort the loop, then quit and join the thread; True when it ended in time."""
        if not self._thread.isRunning():
            return True
        self.loop.post(Abort())
        self._thread.quit()
        return self._thread.wait(timeout_ms)

    @classmethod
    def live_workers(cls) -> list[TrainingWorker]:
        """Workers whose thread is still running (tests check there are none left)."""
        return [w for w in cls._instances if w.is_running()]

    def is_running(self) -> bool:
        """Whether the thread is alive."""
        return self._thread.isRunning()

    def _emit_snapshot(self, snapshot: Snapshot) -> None:
        self.snapshot_ready.emit(snapshot)

    @Slot()
    def _run(self) -> None:
        self.loop.run()
        self.finished.emit()
