"""What a session holds: the data set and 1 to 4 runs, each with its exact trainer state.

:class:`Session` keeps the fields it had before runs existed (``model_config``,
``train_config``, ``model``, ``history``, ``epoch``, ``step``): they are the active
run's. A session built from those fields alone has one run made of them; one built
with :meth:`Session.from_runs` fills them from the active run (and where they differ
from it, they win). Files are read and written by :mod:`playground.core.sessions`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from playground.core.checkpoints import DEFAULT_MAX_COUNT, Checkpoints
from playground.core.config import ModelConfig, TrainConfig
from playground.core.datasets import Dataset
from playground.core.history import HistoryChunk
from playground.core.model import Model
from playground.core.trainer import Trainer, TrainerState

#: Most runs a session holds (compare mode shows 2 to 4).
MAX_RUNS = 4


@dataclass(frozen=True, eq=False)
class SessionRun:
    """One run of a session.

    Attributes
    ----------
    label : str
        The run's name, e.g. ``activation=relu`` ("" when the window names it).
    model_config : ModelConfig
        The architecture settings shown (they may differ from ``model.config`` while a
        change waits for a reset).
    train_config : TrainConfig
        The training settings.
    model : Model or None
        The current network with its input scaling and weights.
    history : HistoryChunk or None
        Per-epoch losses, metrics and gradient norms so far.
    epoch, step : int
        Counts of epochs and mini-batch steps trained.
    state : TrainerState or None
        The exact trainer state to resume from (None: resume from ``model`` with a
        fresh optimizer and shuffle, as files of version 1 do). Its optimizer is
        ``train_config.optimizer``.
    checkpoints : tuple of TrainerState
        Earlier states in training order (see :class:`~playground.core.checkpoints.Checkpoints`).
    max_checkpoints : int
        The run's bound on checkpoints.
    """

    label: str
    model_config: ModelConfig
    train_config: TrainConfig
    model: Model | None = None
    history: HistoryChunk | None = None
    epoch: int = 0
    step: int = 0
    state: TrainerState | None = None
    checkpoints: tuple[TrainerState, ...] = ()
    max_checkpoints: int = DEFAULT_MAX_COUNT

    def __post_init__(self) -> None:
        """Take the checkpoints as a tuple."""
        object.__setattr__(self, "checkpoints", tuple(self.checkpoints))

    def make_checkpoints(self) -> Checkpoints:
        """Return the checkpoints as a :class:`~playground.core.checkpoints.Checkpoints`."""
        return Checkpoints.from_states(self.checkpoints, self.max_checkpoints)

    def make_trainer(self, dataset: Dataset, engine: str = "numpy") -> Trainer:
        """Return a trainer on ``dataset`` that continues this run where it stood.

        The model is trained in place. With a ``state`` the trainer continues bit for
        bit; without one, from the weights with a fresh optimizer and shuffle.

        Raises
        ------
        ValueError
            Without a model, or when the state does not fit it.
        """
        if self.model is None:
            raise ValueError("a run without a model has nothing to train")
        trainer = Trainer(
            self.model, self.train_config, dataset.train_x, dataset.train_y,
            dataset.test_x, dataset.test_y, engine=engine,
        )  # fmt: skip
        if self.state is not None:
            trainer.set_state(self.state)
        else:
            trainer.epoch, trainer.step_count = self.epoch, self.step
        return trainer


@dataclass(frozen=True, eq=False)
class Session:
    """Everything needed to reopen a playground where it was left.

    Attributes
    ----------
    dataset : Dataset
        The points with their train/test assignment, task and palette size (all runs
        train on them).
    model_config, train_config, model, history, epoch, step
        The active run's (see :class:`SessionRun`).
    extras : dict
        JSON data for the GUI (test ratio, preset, stop conditions, view, ...);
        tuples come back as lists.
    runs : tuple of SessionRun
        1 to :data:`MAX_RUNS` runs; left empty, one unnamed run of the fields above.
    active : int
        Index of the active run.
    compare : dict or None
        Compare mode's settings as JSON data, e.g.
        ``{"key": "activation", "values": ["tanh", "relu"]}``.
    lesson : dict or None
        Lesson metadata: ``{"title": str, "text": str, "goals": [...]}`` and any
        other JSON keys.

    Raises
    ------
    ValueError
        For more than :data:`MAX_RUNS` runs or an ``active`` index out of range.

    Notes
    -----
    Where the old fields differ from the active run's (as after
    ``dataclasses.replace(session, model=...)``), they win: the active run takes
    them, keeping its label, state and checkpoints.
    """

    dataset: Dataset
    model_config: ModelConfig
    train_config: TrainConfig
    model: Model | None = None
    history: HistoryChunk | None = None
    epoch: int = 0
    step: int = 0
    extras: dict[str, Any] = field(default_factory=dict)
    runs: tuple[SessionRun, ...] = ()
    active: int = 0
    compare: dict[str, Any] | None = None
    lesson: dict[str, Any] | None = None

    def __post_init__(self) -> None:
        """Make the one run of the old fields, or put them into the active run."""
        runs = tuple(self.runs) or (SessionRun("", self.model_config, self.train_config),)
        if not 1 <= len(runs) <= MAX_RUNS:
            raise ValueError(f"a session holds 1..{MAX_RUNS} runs, not {len(runs)}")
        if not all(isinstance(run, SessionRun) for run in runs):
            raise ValueError("every run of a session must be a SessionRun")
        if isinstance(self.active, bool) or not isinstance(self.active, int):
            raise ValueError(f"the active run must be an index, got {self.active!r}")
        if not 0 <= self.active < len(runs):
            raise ValueError(f"active run {self.active} is not one of the {len(runs)} runs")
        run = runs[self.active]
        fields = (self.model_config, self.train_config, self.model, self.history, self.epoch,
                  self.step)  # fmt: skip
        if fields != (run.model_config, run.train_config, run.model, run.history, run.epoch,
                      run.step):  # fmt: skip
            # The old fields win (dataclasses.replace(session, model=...) changes the run).
            run = replace(run, model_config=self.model_config, train_config=self.train_config,
                          model=self.model, history=self.history, epoch=self.epoch,
                          step=self.step)  # fmt: skip
            runs = (*runs[: self.active], run, *runs[self.active + 1 :])
        object.__setattr__(self, "runs", runs)

    @classmethod
    def from_runs(
        cls,
        dataset: Dataset,
        runs: tuple[SessionRun, ...] | list[SessionRun],
        active: int = 0,
        compare: dict[str, Any] | None = None,
        lesson: dict[str, Any] | None = None,
        extras: dict[str, Any] | None = None,
    ) -> Session:
        """Build a session of ``runs``; the old fields become the active run's."""
        runs = tuple(runs)
        if not 0 <= active < len(runs):
            raise ValueError(f"active run {active} is not one of the {len(runs)} runs")
        run = runs[active]
        return cls(
            dataset, run.model_config, run.train_config, run.model, run.history, run.epoch,
            run.step, {} if extras is None else extras, runs, active, compare, lesson,
        )  # fmt: skip

    @property
    def active_run(self) -> SessionRun:
        """The run the window shows."""
        return self.runs[self.active]
