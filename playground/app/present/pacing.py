"""Drawing the window on our schedule: pending repaints now, and GUI work in separate turns.

The worker waits until a snapshot has been drawn before it trains on, so the
two threads take turns with the interpreter lock. That only works if the
drawing really happens before the acknowledgement, hence :func:`paint_now`,
and if no single stretch of GUI work runs long, hence :class:`Turns`.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer

from playground.app.views.main_window import MainWindow


def paint_now(window: MainWindow, rounds: int = 3) -> None:
    """Draw every pending change of the window now rather than when Qt gets round to it.

    Graphics scenes pass their changes on to their views through queued calls, a
    view's own paint may queue more (pyqtgraph fits auto ranges while painting), and
    a relaid-out status bar lays out the main window: hence a few rounds.
    """
    w = window
    views = (w.canvas.plot, w.loss_plot.graphics, w.gradient_plot.graphics)
    scenes = [view.scene() for view in views] + [w.network_view.graphics_view.scene()]
    for _ in range(rounds):
        for scene in scenes:
            QCoreApplication.sendPostedEvents(scene, QEvent.Type.MetaCall)
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        if w.isVisible():
            QCoreApplication.sendEvent(w, QEvent(QEvent.Type.UpdateRequest))


class Every:
    """At most ``hz`` times a second: :meth:`due` says whether now is one of them."""

    def __init__(self, hz: float) -> None:
        self.period = 1.0 / hz
        self.last = -math.inf

    def due(self, now: float, force: bool = False) -> bool:
        """True (and counted) when a period has passed since the last, or when forced."""
        if force or now - self.last >= self.period:
            self.last = now
            return True
        return False


class Turns(QObject):
    """Runs pieces of GUI work in event-loop passes of their own, drawing after each."""

    def __init__(self, window: MainWindow, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.window = window
        self.stopped = False

    def stop(self) -> None:
        """Drop every turn still waiting: the window is closing and may soon be gone."""
        self.stopped = True
        for timer in self.findChildren(QTimer):
            timer.stop()
            timer.deleteLater()

    def run(self, turns: Sequence[Callable[[], None]], done: Callable[[], None]) -> None:
        """Run ``turns`` one per pass, drawing after each; then call ``done``."""
        if self.stopped:
            return
        if not turns:
            done()
            return

        def turn() -> None:
            try:
                turns[0]()
                paint_now(self.window, rounds=1)
            finally:
                self.run(turns[1:], done)

        # A zero timer, not QTimer.singleShot(0), which posts an event: while posted
        # events keep coming, Qt runs timers only when it has nothing else to do.
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.timeout.connect(timer.deleteLater)
        timer.timeout.connect(turn)
        timer.start(0)
