"""The runs on screen: one, or 2–4 compared in lock step, with their histories and checkpoints.

:class:`Runs` is the app's model of training runs. It holds no Qt and no live network:
the worker thread trains, and its snapshots come back here through :meth:`Runs.receive`,
which files each under its run (history rows, checkpoints, the latest frame) and tells the
listeners once. Intents from the window call its methods; what the worker must do about
them comes back as values (the run specs to build, the states to restore), and the
controller posts those.

A run's identity is its ``run_id``: every rebuild gives new ids, so a late snapshot of a
network that no longer exists is recognised and dropped.

Compare mode is a *base* setting plus a :class:`~playground.core.compare.CompareSpec`
("activation=sigmoid,relu"); each run is the base with one value applied. Edits to the
network change the base and re-derive every run, so the runs keep differing in exactly the
compared setting.

The cursor is the epoch the user scrubbed to while paused (``None``: the latest).
:meth:`Runs.fork` resumes every run from its checkpoint at the cursor, dropping what came
after; :meth:`Runs.unfork` undoes that.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from playground.app.training.snapshot import Snapshot
from playground.core.checkpoints import Checkpoints
from playground.core.compare import CompareSpec
from playground.core.config import ModelConfig, TrainConfig
from playground.core.history import History, HistoryChunk
from playground.core.trainer import TrainerState

#: Most runs on screen at once.
MAX_RUNS = 4
#: Rows of history kept per run; longer runs keep ever sparser old epochs.
HISTORY_ROWS = 20_000
#: Checkpoints kept per run (log-spaced epochs plus the latest).
MAX_CHECKPOINTS = 200


@dataclass(frozen=True)
class RunSpec:
    """What a run trains: its label (its compared setting, or "") and its settings."""

    label: str
    model_config: ModelConfig
    train_config: TrainConfig


@dataclass(eq=False)
class Run:
    """One run as the window knows it."""

    run_id: int
    spec: RunSpec
    history: History
    checkpoints: Checkpoints
    #: The latest snapshot shown: the live run, or a checkpoint scrubbed to.
    last: Snapshot | None = None
    #: The latest snapshot of the live run (what a session saves and a comparison keeps).
    live: Snapshot | None = None
    #: The latest shown snapshot that carried a point pass (what the lenses show): while
    #: training only some frames carry one, and a lens drawing in a turn of its own must
    #: not miss them all.
    with_points: Snapshot | None = None
    #: (epoch, learning rate) where it diverged, or None.
    diverged_at: tuple[int, float] | None = None

    @property
    def epoch(self) -> int:
        """Epochs trained, as of the last snapshot."""
        return self.last.epoch if self.last is not None else 0

    @property
    def label(self) -> str:
        """The run's name on screen."""
        return self.spec.label


@dataclass(frozen=True, eq=False)
class Fork:
    """What :meth:`Runs.fork` dropped, so that :meth:`Runs.unfork` can put it back."""

    epoch: int
    #: Per run id: (its whole history before the fork, checkpoints dropped, state at the fork).
    dropped: dict[int, tuple[HistoryChunk, list[TrainerState], TrainerState]]
    #: Per run id: the latest state before the fork (where an undo resumes).
    latest: dict[int, TrainerState]
    restored: dict[int, TrainerState] = field(default_factory=dict)


def _new_history(spec: RunSpec, rows: int) -> History:
    return History(len(spec.model_config.hidden) + 1, max_rows=rows)


class Runs:
    """1–4 runs, the active one, the compare setting and the scrub cursor.

    Parameters
    ----------
    history_rows : int
        Rows of history kept per run.
    max_checkpoints : int
        Checkpoints kept per run.
    """

    def __init__(
        self, history_rows: int = HISTORY_ROWS, max_checkpoints: int = MAX_CHECKPOINTS
    ) -> None:
        self.history_rows = history_rows
        self.max_checkpoints = max_checkpoints
        self.runs: list[Run] = []
        self.active = 0
        self.compare: CompareSpec | None = None
        self.cursor: int | None = None
        self._next_id = 0
        self._listeners: list[Callable[[], None]] = []
        self._running = False
        self._running_listeners: list[Callable[[bool], None]] = []

    # -- listeners ------------------------------------------------------------------------
    def subscribe(self, listener: Callable[[], None]) -> None:
        """Call ``listener()`` after every change (once per :meth:`receive`)."""
        self._listeners.append(listener)

    def _changed(self) -> None:
        for listener in self._listeners:
            listener()

    # -- whether training goes on ------------------------------------------------------------
    @property
    def running(self) -> bool:
        """Whether training is (meant to be) going: the one place this is held."""
        return self._running

    def on_running(self, listener: Callable[[bool], None]) -> None:
        """Call ``listener(running)`` on every :meth:`set_running`."""
        self._running_listeners.append(listener)

    def set_running(self, running: bool) -> None:
        """Say whether training goes on; every listener hears it, changed or not.

        A refused Play says "not running" again, which puts a toggled Play button back.
        """
        self._running = running
        for listener in self._running_listeners:
            listener(running)

    # -- building -------------------------------------------------------------------------
    def replace(
        self, specs: list[RunSpec], compare: CompareSpec | None = None, active: int = 0
    ) -> list[Run]:
        """Start over with new runs (fresh ids, empty histories and checkpoints)."""
        if not 1 <= len(specs) <= MAX_RUNS:
            raise ValueError(f"between 1 and {MAX_RUNS} runs, got {len(specs)}")
        if compare is None and len(specs) != 1:
            raise ValueError("several runs need the setting they compare")
        runs = []
        for spec in specs:
            self._next_id += 1
            runs.append(
                Run(
                    self._next_id,
                    spec,
                    _new_history(spec, self.history_rows),
                    Checkpoints(self.max_checkpoints),
                )
            )
        self.runs = runs
        self.compare = compare
        self.active = min(max(active, 0), len(runs) - 1)
        self.cursor = None
        self._changed()
        return runs

    def single(self, model_config: ModelConfig, train_config: TrainConfig) -> Run:
        """One run (compare mode ends)."""
        return self.replace([RunSpec("", model_config, train_config)])[0]

    @property
    def comparing(self) -> bool:
        """True with 2–4 runs side by side."""
        return len(self.runs) > 1

    @property
    def active_run(self) -> Run:
        """The run whose diagram, neurons and settings are shown."""
        return self.runs[self.active]

    @property
    def ids(self) -> tuple[int, ...]:
        """The current runs' ids, in order."""
        return tuple(run.run_id for run in self.runs)

    def by_id(self, run_id: int) -> Run | None:
        """The current run with this id, or None (it was replaced)."""
        for run in self.runs:
            if run.run_id == run_id:
                return run
        return None

    def select(self, index: int) -> bool:
        """Make run ``index`` the active one; True if that changed anything."""
        if not 0 <= index < len(self.runs) or index == self.active:
            return False
        self.active = index
        self._changed()
        return True

    def set_train_config(self, run_id: int, config: TrainConfig) -> None:
        """Record a live change of one run's training settings."""
        run = self.by_id(run_id)
        if run is not None:
            run.spec = RunSpec(run.spec.label, run.spec.model_config, config)

    # -- frames from the worker -----------------------------------------------------------
    def receive(self, snap: Snapshot) -> Run | None:
        """File a snapshot (and its companions) under their runs; None if it is stale."""
        run = self._file(snap)
        for companion in snap.companions:
            self._file(companion)
        if run is not None:
            self._changed()
        return run

    def _file(self, snap: Snapshot) -> Run | None:
        run = self.by_id(snap.run_id)
        if run is None:
            return None
        if snap.preview_epoch is None:  # a look at a checkpoint adds nothing to the run
            run.history.extend(snap.history)
            for state in snap.checkpoints:
                run.checkpoints.offer(state)
            if snap.diverged and run.diverged_at is None:
                run.diverged_at = (snap.epoch, run.spec.train_config.learning_rate)
            run.live = snap
        run.last = snap
        if snap.points is not None:
            run.with_points = snap
        return run

    # -- the scrubber ---------------------------------------------------------------------
    def checkpoint_epochs(self) -> list[int]:
        """The epochs the cursor can stop at: the active run's checkpoints."""
        return self.active_run.checkpoints.epochs() if self.runs else []

    def set_cursor(self, epoch: int | None) -> dict[int, TrainerState]:
        """Move the cursor (None: back to the latest); the checkpoint to show for each run."""
        self.cursor = epoch
        self._changed()
        if epoch is None:
            return {}
        states = {}
        for run in self.runs:
            state = run.checkpoints.at_or_before(epoch)
            if state is not None:
                states[run.run_id] = state
        return states

    def fork(self) -> Fork | None:
        """Resume every run from its checkpoint at the cursor; the later history is dropped.

        Returns what was dropped (for :meth:`unfork`), or None when the cursor is at the
        latest epoch. The worker must then be given ``fork.restored``.
        """
        if self.cursor is None:
            return None
        dropped, latest, restored = {}, {}, {}
        for run in self.runs:
            state = run.checkpoints.at_or_before(self.cursor)
            newest = run.checkpoints.nearest(run.epoch)
            if state is None or newest is None:
                continue
            whole = run.history.chunk()
            lost = run.checkpoints.drop_after(state.epoch)
            dropped[run.run_id] = (whole, lost, state)
            latest[run.run_id] = max([newest, *lost], key=lambda s: (s.epoch, s.step_count))
            restored[run.run_id] = state
            run.history = _truncated(run.history, state.epoch)
            run.diverged_at = None
        self.cursor = None
        fork = Fork(min(s.epoch for s in restored.values()), dropped, latest, restored)
        self._changed()
        return fork if restored else None

    def unfork(self, fork: Fork) -> dict[int, TrainerState]:
        """Undo a fork: the dropped history and checkpoints come back; states to resume."""
        resume = {}
        for run in self.runs:
            if run.run_id not in fork.dropped:
                continue
            whole, lost, at = fork.dropped[run.run_id]
            run.checkpoints.drop_after(at.epoch)  # what the resumed run kept since
            run.checkpoints.restore(lost)
            history = _new_history(run.spec, self.history_rows)
            history.extend(whole)
            run.history = history
            resume[run.run_id] = fork.latest[run.run_id]
        self._changed()
        return resume


def _truncated(history: History, epoch: int) -> History:
    """A new history holding ``history``'s rows up to and including ``epoch``."""
    keep = int(np.searchsorted(history.column("epoch"), epoch, side="right"))
    fresh = History(history.n_layers, max_rows=history.max_rows)
    fresh.extend(history.chunk(0, keep))
    return fresh
