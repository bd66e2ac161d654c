"""Which registered views present a frame, and in which drawing turns.

The controller draws a snapshot in turns (see :mod:`.pacing`); each turn ends with a
repaint of the window, so the views of a frame are grouped: each curve view in a turn
of its own, the compare-only views together. Views are presented as often as
:data:`~playground.app.present.views.EVERY_S` says (less often while comparing, when
each curve view draws every run), and a closed dock is skipped while training runs.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from playground.app.present.views import EVERY_S, EVERY_S_COMPARING, PRESENTERS, Frame
from playground.app.views.main_window import MainWindow
from playground.app.views.registry import VIEWS

Turn = Callable[[], None]


def run_all(calls: list[Turn]) -> None:
    """Make each call in turn (several pieces of drawing in one turn)."""
    for call in calls:
        call()


class Schedule:
    """Remembers when each view last presented, and hands out the turns of a frame."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self._shown_at: dict[str, float] = {}

    def turns(self, frame: Frame, now: float, force: bool) -> list[Turn]:
        """The registered views due to present ``frame``, as drawing turns.

        The compare-only views share the first turn (the diagram's, see the controller).
        """
        comparing = frame.runs.comparing
        every_s = EVERY_S_COMPARING if comparing else EVERY_S
        turns: list[Turn] = []
        shared: list[Turn] = []
        for spec in VIEWS:
            if spec.compare_only and not comparing:
                continue
            if frame.snap.running and not self.window.docks[spec.name].isVisible():
                continue
            every = every_s.get(spec.name, 0.0)
            if force or every == 0.0 or now - self._shown_at.get(spec.name, 0.0) >= every:
                self._shown_at[spec.name] = now
                present = partial(PRESENTERS[spec.name], self.window.views[spec.name], frame)
                (shared if spec.compare_only else turns).append(present)
        if shared:
            turns.insert(0, partial(run_all, shared))
        return turns

    def present(self, frame: Frame, now: float, force: bool) -> None:
        """Present every due view now, in one go."""
        run_all(self.turns(frame, now, force))
