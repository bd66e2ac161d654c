"""Which registered views present a frame, and in which drawing turns.

The controller draws a snapshot in turns (see :mod:`.pacing`); each turn ends with a
repaint of the window, so the views of a frame are grouped: each curve view in a turn
of its own, the compare-only views together. Views are presented as often as
:data:`~playground.app.present.views.EVERY_S` says (less often while comparing, when
each curve view draws every run), and a closed dock is skipped while training runs.
While training runs a frame presents at most one of the
:data:`~playground.app.present.views.CURVE_VIEWS`, the one that has waited longest: the
others are still due and come in the next frames.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from playground.app.present.views import (
    CURVE_VIEWS,
    EVERY_S,
    EVERY_S_COMPARING,
    PRESENTERS,
    Frame,
)
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
        due = [
            spec.name
            for spec in VIEWS
            if (comparing or not spec.compare_only)
            and (not frame.snap.running or self.window.docks[spec.name].isVisible())
            and (
                force
                or every_s.get(spec.name, 0.0) == 0.0
                or now - self._shown_at.get(spec.name, 0.0) >= every_s[spec.name]
            )
        ]
        curves = [name for name in due if name in CURVE_VIEWS]
        if not force and len(curves) > 1:  # one a frame: the one that waited longest
            first = min(curves, key=lambda name: self._shown_at.get(name, 0.0))
            due = [name for name in due if name not in CURVE_VIEWS or name == first]
        turns: list[Turn] = []
        shared: list[Turn] = []
        compare_only = {spec.name for spec in VIEWS if spec.compare_only}
        for name in due:
            self._shown_at[name] = now
            present = partial(PRESENTERS[name], self.window.views[name], frame)
            (shared if name in compare_only else turns).append(present)
        if shared:
            turns.insert(0, partial(run_all, shared))
        return turns

    def present(self, frame: Frame, now: float, force: bool) -> None:
        """Present every due view now, in one go."""
        run_all(self.turns(frame, now, force))
