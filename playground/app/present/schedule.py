"""Which registered views present a frame, and in which drawing turns.

The controller draws a snapshot in turns (see :mod:`.pacing`); each turn ends with a
repaint of the window, so the views of a frame are grouped: each curve view in a turn
of its own, the compare-only views together. Everything about a view comes from its
entry in :data:`~playground.app.present.registry.VIEWS`: its presenter, and how often
it presents while training runs (``every_s``, or ``every_s_comparing`` while runs are
compared, when each curve view draws every run); a closed dock is skipped while
training runs. While training runs a frame presents at most one of the ``curve``
views, the one that has waited longest: the others are still due and come in the next
frames.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial

from playground.app.present.registry import ViewSpec
from playground.app.present.views import Frame
from playground.app.views.main_window import MainWindow

Turn = Callable[[], None]


def run_all(calls: list[Turn]) -> None:
    """Make each call in turn (several pieces of drawing in one turn)."""
    for call in calls:
        call()


class Schedule:
    """Remembers when each view last presented, and hands out the turns of a frame.

    ``views`` are the entries of the window's views (default: the ones it was built
    with, which must then be this registry's entries).
    """

    def __init__(self, window: MainWindow, views: Sequence[ViewSpec] | None = None) -> None:
        self.window = window
        self.views = tuple(views) if views is not None else entries(window)
        self._shown_at: dict[str, float] = {}

    def turns(self, frame: Frame, now: float, force: bool) -> list[Turn]:
        """The registered views due to present ``frame``, as drawing turns.

        The compare-only views share the first turn (the diagram's, see the controller).
        """
        comparing = frame.runs.comparing
        due = [
            spec
            for spec in self.views
            if (comparing or not spec.compare_only)
            and (not frame.snap.running or self.window.docks[spec.name].isVisible())
            and (
                force
                or spec.period(comparing) == 0.0
                or now - self._shown_at.get(spec.name, 0.0) >= spec.period(comparing)
            )
        ]
        curves = [spec for spec in due if spec.curve]
        if not force and len(curves) > 1:  # one a frame: the one that waited longest
            first = min(curves, key=lambda spec: self._shown_at.get(spec.name, 0.0))
            due = [spec for spec in due if not spec.curve or spec is first]
        turns: list[Turn] = []
        shared: list[Turn] = []
        for spec in due:
            self._shown_at[spec.name] = now
            present = partial(spec.present, self.window.views[spec.name], frame)
            (shared if spec.compare_only else turns).append(present)
        if shared:
            turns.insert(0, partial(run_all, shared))
        return turns

    def present(self, frame: Frame, now: float, force: bool) -> None:
        """Present every due view now, in one go."""
        run_all(self.turns(frame, now, force))


def entries(window: MainWindow) -> tuple[ViewSpec, ...]:
    """The registry entries ``window`` was built with; TypeError if it was given others."""
    specs: list[ViewSpec] = []
    for spec in window.view_specs:
        if not isinstance(spec, ViewSpec):
            raise TypeError(f"view {spec.name!r} has no presenter: not a registry entry")
        specs.append(spec)
    return tuple(specs)
