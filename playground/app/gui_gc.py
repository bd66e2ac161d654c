"""Garbage collection on the GUI thread only.

Python runs its cycle collector in whichever thread happens to allocate when a
generation fills up. The training worker allocates all the time, so without this
the last window's widgets and plot items, which pyqtgraph ties into reference
cycles, would be finalised on the worker thread: Qt objects deleted from a thread
that does not own them, which Qt does not allow and which can crash or lock up.
:class:`GuiThreadCollector` turns automatic collection off and collects on a timer
of the GUI thread instead, by the same thresholds (as pyqtgraph's GarbageCollector).
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

#: How often the GUI thread looks at the collector's counts.
INTERVAL_MS = 500


class GuiThreadCollector(QObject):
    """Collects garbage from the GUI thread's event loop while it is installed.

    Parameters
    ----------
    interval_ms : int
        How often the counts are checked.
    parent : QObject, optional
        Owner of the collector (and of its timer).
    """

    def __init__(self, interval_ms: int = INTERVAL_MS, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thresholds = gc.get_threshold()
        self._was_enabled = gc.isenabled()
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.check)
        self.collections = 0
        gc.disable()
        self._timer.start()

    @property
    def active(self) -> bool:
        """True while automatic collection is handed to this collector."""
        return self._timer.isActive()

    def check(self) -> None:
        """Collect the generations whose counts passed their thresholds, as Python would."""
        counts = gc.get_count()
        generation = -1
        for level, (count, threshold) in enumerate(zip(counts, self._thresholds, strict=True)):
            if threshold <= 0 or count <= threshold:
                break
            generation = level
        if generation >= 0:
            gc.collect(generation)
            self.collections += 1

    def stop(self) -> None:
        """Collect everything now, on this thread, and give collection back to Python."""
        self._timer.stop()
        gc.collect()
        if self._was_enabled:
            gc.enable()


_installed: GuiThreadCollector | None = None


def install(parent: QObject | None = None) -> GuiThreadCollector:
    """Hand collection to the GUI thread (once; call it on the GUI thread)."""
    global _installed
    if _installed is None or not _installed.active:
        _installed = GuiThreadCollector(parent=parent)
    return _installed


def uninstall() -> None:
    """Collect now and give automatic collection back to Python."""
    global _installed
    if _installed is not None:
        _installed.stop()
        _installed.deleteLater()
        _installed = None
