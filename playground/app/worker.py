"""The training thread: a QObject on a QThread that runs :class:`TrainingLoop`.

Snapshots leave the worker through ``snapshot_ready``, a queued signal whose
receiver must be a slot of a QObject living in the GUI thread (PySide6 runs a
lambda or plain function receiver in the *sending* thread). Commands reach the
loop through its mailbox, which any thread may post to.

The GUI acknowledges a snapshot once its event loop has nothing left to do
(:meth:`TrainingWorker.acknowledge_when_idle`): every repaint the snapshot caused,
and every repaint those caused in turn, runs before training resumes, so the two
threads do not fight over the interpreter lock while the window is drawn.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import ClassVar

from PySide6.QtCore import QAbstractEventDispatcher, QObject, QThread, QTimer, Signal, Slot

from playground.app.snapshot import Abort, Command, Snapshot
from playground.app.training_loop import TrainingLoop

#: Longest wait for the GUI's event loop to go idle before acknowledging regardless
#: (a loop driven by processEvents() never blocks, so it never reports idle).
IDLE_ACK_FALLBACK_MS = 100


class IdleCall(QObject):
    """Calls a function once the event loop of the thread it lives in runs out of work."""

    def __init__(self, callback: Callable[[], None], fallback_ms: int = IDLE_ACK_FALLBACK_MS):
        super().__init__()
        self._callback = callback
        self._dispatcher: QAbstractEventDispatcher | None = None
        self._fallback = QTimer(self)
        self._fallback.setSingleShot(True)
        self._fallback.setInterval(fallback_ms)
        self._fallback.timeout.connect(self._fire)

    @property
    def pending(self) -> bool:
        """Whether a call is waiting for the loop to go idle."""
        return self._fallback.isActive()

    def arm(self) -> None:
        """Call back when the loop next waits for events (or after the fallback delay)."""
        if self.pending:
            return
        self._dispatcher = QAbstractEventDispatcher.instance(self.thread())
        if self._dispatcher is not None:
            self._dispatcher.aboutToBlock.connect(self._fire)
        self._fallback.start()

    @Slot()
    def _fire(self) -> None:
        if not self.pending:
            return
        self._fallback.stop()
        if self._dispatcher is not None:
            self._dispatcher.aboutToBlock.disconnect(self._fire)
            self._dispatcher = None
        self._callback()


class TrainingWorker(QObject):
    """Owns the loop; lives in its own thread once :meth:`start` is called."""

    snapshot_ready = Signal(object)
    finished = Signal()
    _instances: ClassVar[weakref.WeakSet[TrainingWorker]] = weakref.WeakSet()

    def __init__(self, max_fps: float = 30.0) -> None:
        super().__init__()
        TrainingWorker._instances.add(self)
        self.loop = TrainingLoop(self._emit_snapshot, max_fps=max_fps)
        self._idle_ack = IdleCall(self.acknowledge)  # stays in the creating (GUI) thread
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

    def acknowledge_when_idle(self) -> None:
        """Acknowledge once the GUI thread's event loop has drawn everything (GUI thread)."""
        self._idle_ack.arm()

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
