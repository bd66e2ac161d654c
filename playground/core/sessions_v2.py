"""Session files of version 2: several runs, each with its trainer state and checkpoints.

The layout is documented in :mod:`playground.core.sessions`. Run ``r``'s members
carry the prefix ``r{r}_``: its model and history under the names a version-1 file
gives them (``r0_params``, ``r0_history_epoch``, ...; see
:mod:`~playground.core.session_layout`, whose :class:`SessionPlan` reads each run),
its exact state as a stack of 0 or 1 under ``r{r}_state_`` and its checkpoints as a
stack under ``r{r}_ckpt_`` (:mod:`~playground.core.session_states`).

:func:`plan_v2` checks the whole meta and derives every member's exact shape before
any array is read; :func:`session_v2` then builds the session from the arrays, and
:func:`arrays_v2` is the writer's side, which checks a session by the same rules.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from itertools import pairwise
from typing import Any

import numpy as np

from playground.core import fileio
from playground.core.config import ModelConfig, TrainConfig
from playground.core.datasets import Dataset
from playground.core.fileio import FileFormatError
from playground.core.history import COLUMNS
from playground.core.npy_header import ArraySpec
from playground.core.session_layout import (
    ARRAY_NAMES as V1_NAMES,
)
from playground.core.session_layout import (
    Arrays,
    SessionPlan,
    check_consistency,
    check_labels,
)
from playground.core.session_states import (
    STACK_MEMBERS,
    StatePlan,
    stack_arrays,
    stack_specs,
    stack_states,
    state_meta,
    state_plan,
)
from playground.core.session_types import MAX_RUNS, Session, SessionRun
from playground.core.trainer_state import TrainerState, check_state

VERSION = 2
#: Largest ``max_checkpoints`` a run may declare (its meta must still fit MAX_META_CHARS).
MAX_CHECKPOINTS = 500
#: Longest run label, in characters.
MAX_LABEL = 200
_DATA = ("x", "y", "is_test")
_STATE, _CKPT = "state_", "ckpt_"
_RUN_NAMES = sorted(V1_NAMES - set(_DATA)) + [
    f"{stack}{name}" for stack in (_STATE, _CKPT) for name in STACK_MEMBERS
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
            specs |= stack_specs(f"{prefix}{_STATE}", states, n_params, n_layers)
            specs |= stack_specs(f"{prefix}{_CKPT}", self.checkpoints, n_params, n_layers)
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
            found = stack_states(f"{prefix}{_STATE}", states, arrays, n_params, n_layers)
            state = found[0] if found else None
            checkpoints = stack_states(
                f"{prefix}{_CKPT}", self.checkpoints, arrays, n_params, n_layers
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


def json_object(value: Any, key: str, depth: int) -> dict[str, Any] | None:
    """Check that ``value`` is null or a JSON object nesting at most ``depth`` deep.

    Parameters
    ----------
    value : object
        The value as JSON gives it back (or a session holds it).
    key : str
        Its meta key, for messages.
    depth : int
        Deepest nesting of lists and dicts allowed, the object itself counting 1.

    Returns
    -------
    dict or None
        ``value`` itself.

    Raises
    ------
    FileFormatError
        For a value of another type or one nesting deeper.
    """
    if value is None:
        return None
    if not isinstance(value, dict):
        raise FileFormatError(f"{key!r} must be null or a JSON object")
    if not depth_within(value, depth):
        raise FileFormatError(f"{key!r} nests deeper than {depth} levels")
    return value


def check_lesson(lesson: Any, depth: int) -> dict[str, Any] | None:
    """Check a lesson's metadata: null, or an object with ``title``, ``text`` and ``goals``.

    Parameters
    ----------
    lesson : object
        The ``lesson`` value; ``title`` and ``text`` must be str and ``goals`` a
        list, and any other keys are kept.
    depth : int
        Deepest nesting allowed (see :func:`json_object`).

    Returns
    -------
    dict or None
        ``lesson`` itself.

    Raises
    ------
    FileFormatError
        For another shape, or nesting deeper than ``depth``.
    """
    checked = json_object(lesson, "lesson", depth)
    if checked is not None:
        fileio.field(checked, "title", str)
        fileio.field(checked, "text", str)
        if not isinstance(checked.get("goals"), list):
            raise FileFormatError("a lesson's 'goals' must be a list")
    return checked


def depth_within(value: object, limit: int) -> bool:
    """Tell whether ``value`` nests lists, tuples and dicts at most ``limit`` deep.

    The walk uses its own stack, not recursion, so any nesting is measured; a
    container that holds itself is too deep for every limit.

    Parameters
    ----------
    value : object
        The data to measure; a container at the top counts 1, scalars 0.
    limit : int
        Deepest nesting allowed.

    Returns
    -------
    bool
        True when no container lies deeper than ``limit``.
    """
    stack = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict | list | tuple):
            if depth >= limit:
                return False
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, depth + 1) for child in children)
    return True


def _run_plan(obj: Any, task: str, n_classes: int, n_points: int) -> RunPlan:
    """Check one run's object of a version-2 meta against the data set's shape.

    Raises
    ------
    FileFormatError
        For a missing, mistyped or out-of-range key, a label longer than
        :data:`MAX_LABEL`, a rule of :func:`check_consistency` broken, more
        checkpoints than ``max_checkpoints``, states without a model, a state of
        another optimizer than the settings', or checkpoints out of order.
    """
    if not isinstance(obj, dict):
        raise FileFormatError("every run must be a JSON object")
    label = fileio.field(obj, "label", str)
    if len(label) > MAX_LABEL:
        raise FileFormatError(f"a run's label is longer than {MAX_LABEL} characters")
    model_config = fileio.model_config_from_dict(obj.get("model_config"))
    train_config = fileio.train_config_from_dict(obj.get("train_config"))
    epoch, step = fileio.field(obj, "epoch", int), fileio.field(obj, "step", int)
    if epoch < 0 or step < 0:
        raise FileFormatError("'epoch' and 'step' must be non-negative")
    model = None
    if obj.get("model", "missing") is not None:
        model = fileio.model_config_from_dict(obj.get("model"))
    shape = obj.get("history", "missing")
    if shape is not None:
        if not isinstance(shape, list) or len(shape) != 2 or not all(type(s) is int for s in shape):
            raise FileFormatError("'history' must be null or [n_rows, n_layers]")
        shape = (shape[0], shape[1])
    check_consistency(task, n_points, model_config, model, shape)
    max_count = fileio.field(obj, "max_checkpoints", int)
    if not 4 <= max_count <= MAX_CHECKPOINTS:
        raise FileFormatError(f"'max_checkpoints' must be in 4..{MAX_CHECKPOINTS}")
    raw = obj.get("checkpoints")
    if not isinstance(raw, list) or len(raw) > max_count:
        raise FileFormatError(f"'checkpoints' must be a list of at most {max_count} states")
    state = None if obj.get("state", "missing") is None else state_plan(obj.get("state"))
    checkpoints = [state_plan(c) for c in raw]
    if (state is not None or checkpoints) and model is None:
        raise FileFormatError("a run without a model has no trainer state or checkpoints")
    if state is not None and state.optimizer != train_config.optimizer:
        raise FileFormatError(
            f"the run's state belongs to optimizer {state.optimizer!r}, its settings "
            f"say {train_config.optimizer!r}"
        )
    positions = [(c.epoch, c.step_count) for c in checkpoints]
    if positions != sorted(positions):
        raise FileFormatError("a run's checkpoints must be in training order")
    base = SessionPlan(task, n_classes, n_points, model, shape)
    return RunPlan(
        label, base, model_config, train_config, epoch, step, state, checkpoints, max_count
    )


def plan_v2(meta: dict[str, Any]) -> PlanV2:
    """Check a version-2 meta (all but ``extras``, ``compare`` and ``lesson``).

    Parameters
    ----------
    meta : dict
        The archive's meta, of format and version already checked.

    Returns
    -------
    PlanV2
        The data set's task, palette size and point count, every run's plan and
        the active run's index.

    Raises
    ------
    FileFormatError
        For missing or mistyped keys, more than :data:`MAX_RUNS` runs, an ``active``
        index out of range, or a rule of :func:`check_consistency` broken by a run.
    """
    info = meta.get("dataset")
    if not isinstance(info, dict):
        raise FileFormatError("missing 'dataset'")
    task = fileio.field(info, "task", str)
    n_classes = fileio.field(info, "n_classes", int)
    n_points = fileio.field(info, "n_points", int)
    runs = meta.get("runs")
    if not isinstance(runs, list) or not 1 <= len(runs) <= MAX_RUNS:
        raise FileFormatError(f"'runs' must be a list of 1..{MAX_RUNS} runs")
    active = fileio.field(meta, "active", int)
    if not 0 <= active < len(runs):
        raise FileFormatError(f"'active' must be a run index in 0..{len(runs) - 1}")
    plans = [_run_plan(run, task, n_classes, n_points) for run in runs]
    return PlanV2(task, n_classes, n_points, plans, active)


# ----------------------------------------------------------------------- writing


def _check_run_states(run: SessionRun) -> None:
    """Check a run's label, state and checkpoints by the rules the loader applies.

    Raises
    ------
    ValueError
        For a label that is no str or longer than :data:`MAX_LABEL`, a
        ``max_checkpoints`` that is no int from 4 to :data:`MAX_CHECKPOINTS` or
        that the checkpoints exceed, states
        without a model, a state of another optimizer than the settings', a
        checkpoint that is no :class:`TrainerState` or does not fit the network,
        or checkpoints out of training order.
    """
    if not isinstance(run.label, str) or len(run.label) > MAX_LABEL:
        raise ValueError(f"a run's label must be text of at most {MAX_LABEL} characters")
    max_count = run.max_checkpoints
    if isinstance(max_count, bool) or not isinstance(max_count, int):
        raise ValueError(f"max_checkpoints must be an integer, got {max_count!r}")
    if not 4 <= max_count <= MAX_CHECKPOINTS:
        raise ValueError(f"max_checkpoints must be in 4..{MAX_CHECKPOINTS}, got {max_count}")
    if len(run.checkpoints) > max_count:
        raise ValueError(f"{len(run.checkpoints)} checkpoints, more than {max_count}")
    states = [*run.checkpoints, *([] if run.state is None else [run.state])]
    if not states:
        return
    if run.model is None:
        raise ValueError("a run without a model has no trainer state or checkpoints")
    net = run.model.network
    for state in states:
        optimizer = getattr(state, "optimizer", None)
        if state is run.state and optimizer != run.train_config.optimizer:
            raise ValueError(
                f"the run's state belongs to optimizer {optimizer!r}, "
                f"its settings say {run.train_config.optimizer!r}"
            )
        if not isinstance(optimizer, str):
            raise ValueError("every checkpoint must be a TrainerState")
        check_state(state, net.n_params, net.n_layers, optimizer, None)
    positions = [(c.epoch, c.step_count) for c in run.checkpoints]
    if positions != sorted(positions):
        raise ValueError("a run's checkpoints must be in training order")


def run_meta(run: SessionRun, n_points: int, task: str) -> dict[str, Any]:
    """Write a run's JSON entry, after checking it by the rules :func:`plan_v2` applies.

    Parameters
    ----------
    run : SessionRun
        The run.
    n_points : int
        Points in the session's data set.
    task : str
        The data set's task.

    Returns
    -------
    dict
        ``label``, ``model_config``, ``train_config``, ``model`` (or None),
        ``history`` (None or ``[n_rows, n_layers]``), ``epoch``, ``step``, ``state``
        (None or :func:`~playground.core.session_states.state_meta`),
        ``checkpoints`` and ``max_checkpoints``, as JSON values.

    Raises
    ------
    ValueError
        When the run breaks a rule (a :class:`FileFormatError` for those of
        :func:`check_consistency`), or a count is negative.
    """
    model, history = run.model, run.history
    shape = None if history is None else history.grad_norms.shape
    check_consistency(task, n_points, run.model_config, None if model is None else model.config,
                      shape)  # fmt: skip
    _check_run_states(run)
    return {
        "label": run.label,
        "model_config": fileio.model_config_dict(run.model_config),
        "train_config": fileio.train_config_dict(run.train_config),
        "model": None if model is None else fileio.model_config_dict(model.config),
        "history": None if shape is None else list(shape),
        "epoch": count(run.epoch, "epoch"),
        "step": count(run.step, "step"),
        "state": None if run.state is None else state_meta(run.state),
        "checkpoints": [state_meta(s) for s in run.checkpoints],
        "max_checkpoints": run.max_checkpoints,
    }


def count(value: object, name: str) -> int:
    """Return ``value`` as a non-negative int.

    Raises
    ------
    ValueError
        Naming ``name``, for a bool, a non-integer or a negative value.
    """
    if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < 0:
        raise ValueError(f"{name} must be a non-negative integer, got {value!r}")
    return int(value)


def run_arrays(r: int, run: SessionRun) -> Arrays:
    """Collect run ``r``'s members (the data set's are the session's).

    Parameters
    ----------
    r : int
        The run's index; its members carry the prefix ``r{r}_``.
    run : SessionRun
        The run.

    Returns
    -------
    dict of str to ndarray
        With a model ``params`` (n_params,) and ``feature_offset``,
        ``feature_scale`` (n_features,); with a history ``history_<column>``
        (n_rows,) and ``history_grad_norms`` (n_rows, n_layers); then the stacks
        of the exact state and the checkpoints
        (:func:`~playground.core.session_states.stack_arrays`).

    Raises
    ------
    ValueError
        When the weights hold NaN or infinite values.
    """
    prefix, arrays = f"r{r}_", {}
    if run.model is not None:
        if not np.all(np.isfinite(run.model.network.params)):
            raise ValueError("the weights contain NaN or infinite values; nothing was saved")
        arrays[f"{prefix}params"] = run.model.network.params
        arrays[f"{prefix}feature_offset"] = run.model.features.offset
        arrays[f"{prefix}feature_scale"] = run.model.features.scale
    if run.history is not None:
        for column in (*COLUMNS, "grad_norms"):
            value = np.asarray(getattr(run.history, column), dtype=np.float64)
            arrays[f"{prefix}history_{column}"] = value
    states: tuple[TrainerState, ...] = () if run.state is None else (run.state,)
    arrays |= stack_arrays(f"{prefix}{_STATE}", states)
    arrays |= stack_arrays(f"{prefix}{_CKPT}", run.checkpoints)
    return arrays


def arrays_v2(session: Session) -> tuple[dict[str, Any], Arrays]:
    """Build the meta and the arrays that save ``session`` as version 2, checking it.

    Parameters
    ----------
    session : Session
        The session to save.

    Returns
    -------
    meta : dict
        ``dataset`` (``{"task", "n_classes", "n_points"}``), ``runs`` (one
        :func:`run_meta` each) and ``active``; the writer adds ``format``,
        ``version``, ``compare``, ``lesson`` and ``extras``.
    arrays : dict of str to ndarray
        ``x`` (n_points, 2), ``y`` and ``is_test`` (n_points,), then each run's
        members (:func:`run_arrays`).

    Raises
    ------
    ValueError
        When a run breaks a rule :func:`plan_v2` or the loader checks.
    """
    data = session.dataset
    meta: dict[str, Any] = {
        "dataset": {"task": data.task, "n_classes": int(data.n_classes), "n_points": len(data)},
        "runs": [run_meta(run, len(data), data.task) for run in session.runs],
        "active": session.active,
    }
    for r, run in enumerate(session.runs):
        check_labels(data, None if run.model is None else run.model.config)
        check_epoch_under_way(r, run, data)
    arrays: Arrays = {"x": data.x, "y": data.y, "is_test": data.is_test}
    for r, run in enumerate(session.runs):
        arrays |= run_arrays(r, run)
    return meta, arrays


def without_states(session: Session, keep: int) -> Session:
    """Return ``session`` with each run's checkpoints thinned to about ``keep``.

    A run with more than ``keep`` checkpoints keeps every ``ceil(n / keep)``-th one
    from the first, and the latest. With ``keep`` 0 or less the exact states and
    all checkpoints go (the runs then resume as version 1 did).

    Parameters
    ----------
    session : Session
        The session; it is not changed.
    keep : int
        About how many checkpoints each run may keep.

    Returns
    -------
    Session
        A copy with the thinned runs, the same data set, active run and JSON data.
    """
    runs = []
    for run in session.runs:
        if keep <= 0:
            run = replace(run, state=None, checkpoints=())
        elif len(run.checkpoints) > keep:
            states, step = run.checkpoints, -(-len(run.checkpoints) // keep)
            run = replace(run, checkpoints=(*states[:-1:step], states[-1]))
        runs.append(run)
    return Session.from_runs(
        session.dataset, runs, session.active, session.compare, session.lesson, session.extras
    )
