"""Session files of version 2: writing a session's meta and arrays, checked as read.

:func:`arrays_v2` builds the meta (one :func:`run_meta` per run) and the arrays
(one :func:`run_arrays` per run, after the data set's) that save a session as
version 2. Every run is first checked by the rules the reader applies
(:func:`~playground.core.sessions_v2_meta.plan_v2` and the plans of
:mod:`playground.core.sessions_v2`), so a file saved always loads.
:func:`without_states` thins a session's checkpoints when it is too large to save.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import numpy as np

from playground.core import fileio
from playground.core.history import COLUMNS, LAYER_COLUMNS
from playground.core.session_layout import Arrays, check_consistency, check_labels
from playground.core.session_states import stack_arrays, state_meta
from playground.core.session_types import Session, SessionRun
from playground.core.sessions_v2 import (
    CKPT_STACK,
    MAX_CHECKPOINTS,
    MAX_LABEL,
    STATE_STACK,
    check_epoch_under_way,
)
from playground.core.trainer_state import TrainerState, check_state


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
    """Write a run's JSON entry, after checking it by the rules the reader applies.

    The rules are those of :func:`~playground.core.sessions_v2_meta.plan_v2`.

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
        When the run breaks a rule (a
        :class:`~playground.core.fileio.FileFormatError` for those of
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
        "history_layers": None if shape is None else list(LAYER_COLUMNS),
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
        (n_rows,) and ``history_<name>`` (n_rows, n_layers) for each per-layer
        column; then the stacks of the exact state and the checkpoints
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
        for column in (*COLUMNS, *LAYER_COLUMNS):
            value = np.asarray(getattr(run.history, column), dtype=np.float64)
            arrays[f"{prefix}history_{column}"] = value
    states: tuple[TrainerState, ...] = () if run.state is None else (run.state,)
    arrays |= stack_arrays(f"{prefix}{STATE_STACK}", states)
    arrays |= stack_arrays(f"{prefix}{CKPT_STACK}", run.checkpoints)
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
        When a run breaks a rule
        :func:`~playground.core.sessions_v2_meta.plan_v2` or the loader checks.
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
