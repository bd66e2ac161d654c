"""Session files of version 2: the layout of several runs, and the plans that read it.

The layout is documented in :mod:`playground.core.sessions`. Run ``r``'s members
carry the prefix ``r{r}_``: its model and history under the names a version-1 file
gives them (``r0_params``, ``r0_history_epoch``, ...; see
:mod:`~playground.core.session_layout`, whose :class:`SessionPlan` reads each run),
its exact state as a stack of 0 or 1 under ``r{r}_state_`` and its checkpoints as a
stack under ``r{r}_ckpt_`` (:mod:`~playground.core.session_states`).

This module holds the member names (:data:`ARRAY_NAMES`), the limits a run obeys
and the checked plans: a :class:`PlanV2` lists every member's exact shape before
any array is read, then builds the session's runs from the arrays.
:func:`~playground.core.sessions_v2_meta.plan_v2` checks a meta into a plan, and
:func:`~playground.core.sessions_v2_write.arrays_v2` is the writer's side, which
checks a session by the same rules.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

import numpy as np

from playground.core.config import ModelConfig, TrainConfig
from playground.core.datasets import Dataset
from playground.core.fileio import FileFormatError
from playground.core.npy_header import ArraySpec
from playground.core.session_layout import ARRAY_NAMES as V1_NAMES
from playground.core.session_layout import Arrays, SessionPlan, check_labels
from playground.core.session_states import STACK_MEMBERS, StatePlan, stack_specs, stack_states
from playground.core.session_types import MAX_RUNS, SessionRun
from playground.core.trainer_state import TrainerState

VERSION = 2
#: Largest ``max_checkpoints`` a run may declare (its meta must still fit MAX_META_CHARS).
MAX_CHECKPOINTS = 500
#: Longest run label, in characters.
MAX_LABEL = 200
_DATA = ("x", "y", "is_test")
#: The member prefixes, after ``r{r}_``, of a run's exact state and of its checkpoints.
STATE_STACK, CKPT_STACK = "state_", "ckpt_"
_RUN_NAMES = sorted(V1_NAMES - set(_DATA)) + [
    f"{stack}{name}" for stack in (STATE_STACK, CKPT_STACK) for name in STACK_MEMBERS
]
#: Every array name a version-2 archive may hold besides ``meta``.
ARRAY_NAMES = frozenset(_DATA) | {f"r{r}_{n}" for r in range(MAX_RUNS) for n in _RUN_NAMES}


def _sizes(plan: SessionPlan) -> tuple[int, int]:
    """``(n_params, n_layers)`` of a run's model."""
    assert plan.model is not None
    sizes = (len(plan.model.features), *plan.model.hidden, plan.model.n_outputs)
    return sum(i * o + o for i, o in pairwise(sizes)), len(sizes) - 1


@dataclass(frozen=True)
class RunPlan:
    """One run's meta, checked; ``base`` is its model and history as version 1 reads them."""

    label: str
    base: SessionPlan
    model_config: ModelConfig
    train_config: TrainConfig
    epoch: int
    step: int
    state: StatePlan | None
    checkpoints: list[StatePlan]
    max_checkpoints: int

    def specs(self, prefix: str) -> dict[str, ArraySpec]:
        """List the run's members with their dtype kinds and exact shapes.

        Parameters
        ----------
        prefix : str
            The run's prefix, ``r{r}_``.

        Returns
        -------
        dict of str to ArraySpec
            The model and history members of :meth:`SessionPlan.specs` (without the
            data set's ``x``, ``y``, ``is_test``) and, with a model, the stacks of
            the exact state (0 or 1 rows) and the checkpoints, all prefixed.
        """
        specs = {f"{prefix}{k}": v for k, v in self.base.specs().items() if k not in _DATA}
        if self.base.model is not None:
            n_params, n_layers = _sizes(self.base)
            states = [] if self.state is None else [self.state]
            specs |= stack_specs(f"{prefix}{STATE_STACK}", states, n_params, n_layers)
            specs |= stack_specs(f"{prefix}{CKPT_STACK}", self.checkpoints, n_params, n_layers)
        return specs

    def run(self, prefix: str, arrays: Arrays) -> SessionRun:
        """Build the run from the archive's arrays, as :meth:`specs` lists them.

        Parameters
        ----------
        prefix : str
            The run's prefix, ``r{r}_``.
        arrays : dict of str to ndarray
            The archive's arrays: the run's under ``prefix``, the data set's under
            their own names.

        Returns
        -------
        SessionRun
            Its settings, model, history, counts, exact state and checkpoints.

        Raises
        ------
        FileFormatError
            For weights, scaling or states that do not fit the run's network.
        """
        mine = {k.removeprefix(prefix): v for k, v in arrays.items() if k.startswith(prefix)}
        state: TrainerState | None = None
        checkpoints: tuple[TrainerState, ...] = ()
        if self.base.model is not None:
            n_params, n_layers = _sizes(self.base)
            states = [] if self.state is None else [self.state]
            found = stack_states(f"{prefix}{STATE_STACK}", states, arrays, n_params, n_layers)
            state = found[0] if found else None
            checkpoints = stack_states(
                f"{prefix}{CKPT_STACK}", self.checkpoints, arrays, n_params, n_layers
            )
        return SessionRun(
            self.label, self.model_config, self.train_config, self.base.model_from(mine),
            self.base.history_from(mine), self.epoch, self.step, state, checkpoints,
            self.max_checkpoints,
        )  # fmt: skip


@dataclass(frozen=True)
class PlanV2:
    """A version-2 meta, checked: the data set's shape and every run's."""

    task: str
    n_classes: int
    n_points: int
    runs: list[RunPlan]
    active: int

    def specs(self) -> dict[str, ArraySpec]:
        """List every array the archive must hold, with its dtype kinds and exact shape.

        Returns
        -------
        dict of str to ArraySpec
            The data set's ``x`` (n_points, 2), ``y`` and ``is_test`` (n_points,),
            then each run's members (:meth:`RunPlan.specs`), run 0 first.
        """
        specs = {k: v for k, v in self.runs[0].base.specs().items() if k in _DATA}
        for r, run in enumerate(self.runs):
            specs |= run.specs(f"r{r}_")
        return specs

    def runs_from(self, arrays: Arrays) -> tuple[Dataset, tuple[SessionRun, ...]]:
        """Build the data set and the runs from the arrays of :meth:`specs`.

        Parameters
        ----------
        arrays : dict of str to ndarray
            The archive's arrays.

        Returns
        -------
        dataset : Dataset
            The points, with labels that every run's model has classes for.
        runs : tuple of SessionRun
            One run per planned run, in order.

        Raises
        ------
        FileFormatError
            For a data set, a model or a state that does not fit the rest.
        """
        dataset = self.runs[0].base.dataset(arrays)
        for plan in self.runs[1:]:
            check_labels(dataset, plan.base.model)
        runs = tuple(plan.run(f"r{r}_", arrays) for r, plan in enumerate(self.runs))
        for r, run in enumerate(runs):
            check_epoch_under_way(r, run, dataset)
        return dataset, runs


def check_epoch_under_way(r: int, run: SessionRun, dataset: Dataset) -> None:
    """Check that a run's state taken mid-epoch was taken on the data's training points.

    Parameters
    ----------
    r : int
        The run's index, for the message.
    run : SessionRun
        The run; only a state with ``cursor > 0`` is checked.
    dataset : Dataset
        The session's data set.

    Raises
    ------
    FileFormatError
        When its shuffle covers another number of points.
    """
    state, n_train = run.state, int(np.count_nonzero(~dataset.is_test))
    if state is not None and state.cursor and len(state.order) != n_train:
        raise FileFormatError(
            f"run {r + 1}'s trainer state stands mid-epoch on {len(state.order)} training "
            f"points, but the data has {n_train}"
        )
