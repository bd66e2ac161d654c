"""Trainer states in a session file: a stack of states as JSON scalars and stacked arrays.

A run's exact state and its checkpoints are each a *stack* of
:class:`~playground.core.trainer.TrainerState` objects stored under one member prefix
``p`` (``r0_state_``, ``r0_ckpt_``, ...). State ``i``'s scalars are entry ``i`` of a
JSON list (:func:`state_meta`); its arrays are row ``i`` of stacked members, so a stack
of 200 checkpoints costs 8 members, not 1,600:

=========================  ======================  ===========================================
member                     shape                   rows
=========================  ======================  ===========================================
``{p}params``              (k, n_params)           the weights of each state
``{p}previous_params``     (k, n_params)           the weights before each one's last update
``{p}epoch_gradsq``        (k, n_layers)           the epoch under way's squared-norm sums
``{p}opt_<name>``          (k_name, n_params)      ``velocity``, ``square_avg``, ``m``, ``v``:
                                                   one row per state whose optimizer has it
``{p}orders``              (sum of ``order``,)     the mid-epoch states' shuffles, end to end
=========================  ======================  ===========================================

A member whose row count is 0 is left out. Each JSON entry holds ``epoch``,
``step_count``, ``optimizer``, ``cursor``, ``order`` (the length of its shuffle: 0 at
an epoch's start, else the training points it was taken on), ``epoch_steps``,
``epoch_loss``, ``counts`` (the optimizer's counters, e.g. ``{"t": 40}``), ``rng`` (the
generator's PCG64 state) and ``diverged`` (null or ``{"step", "epoch", "reason"}``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from playground.core import fileio
from playground.core.datasets import MAX_POINTS
from playground.core.fileio import FileFormatError
from playground.core.npy_header import ArraySpec
from playground.core.optimizers import OPTIMIZERS
from playground.core.trainer_state import Divergence, TrainerState, check_rng_state, check_state

#: Every optimizer state array a stack may hold, ``{p}opt_<name>``.
OPTIMIZER_ARRAYS = tuple(sorted({n for cls in OPTIMIZERS.values() for n in cls.state_arrays}))
#: Member names of a stack after its prefix.
STACK_MEMBERS = (
    "params", "previous_params", "epoch_gradsq", "orders",
    *(f"opt_{name}" for name in OPTIMIZER_ARRAYS),
)  # fmt: skip
#: Largest epoch or step count read: beyond it the compiled engine's counters overflow.
MAX_COUNT = 2**53
_COUNTS = ("epoch", "step_count", "cursor", "epoch_steps")
_MAX_REASON = 200

Arrays = dict[str, NDArray[Any]]


def state_meta(state: TrainerState) -> dict[str, Any]:
    """Write the JSON entry of one state: its scalars, without its arrays.

    Parameters
    ----------
    state : TrainerState
        The state to describe.

    Returns
    -------
    dict
        ``epoch``, ``step_count``, ``cursor``, ``epoch_steps``, ``optimizer``,
        ``order`` (the shuffle's length, 0 at an epoch's start), ``epoch_loss``,
        ``counts`` (the optimizer's counters), ``rng`` (the PCG64 state) and
        ``diverged`` (None or ``{"step", "epoch", "reason"}``), as JSON values.
    """
    cls = OPTIMIZERS[state.optimizer]
    d = state.diverged
    return {
        **{name: int(getattr(state, name)) for name in _COUNTS},
        "optimizer": state.optimizer,
        "order": len(state.order) if state.cursor else 0,
        "epoch_loss": float(state.epoch_loss),
        "counts": {name: int(state.optimizer_state[name]) for name in cls.state_counts},
        "rng": state.rng_state,
        "diverged": None if d is None else {"step": d.step, "epoch": d.epoch, "reason": d.reason},
    }


def stack_arrays(prefix: str, states: tuple[TrainerState, ...]) -> Arrays:
    """Stack the arrays of ``states`` into the members of a stack under ``prefix``.

    Parameters
    ----------
    prefix : str
        The members' prefix, e.g. ``"r0_ckpt_"``.
    states : tuple of TrainerState
        The states, in the order their JSON entries are written.

    Returns
    -------
    dict of str to ndarray
        ``{prefix}params`` and ``{prefix}previous_params`` of shape (k, n_params),
        ``{prefix}epoch_gradsq`` of shape (k, n_layers), ``{prefix}opt_<name>`` of
        shape (k_name, n_params) for the states whose optimizer keeps that array,
        and ``{prefix}orders``, the mid-epoch states' shuffles end to end as int64;
        a member with no rows is left out, so no states give an empty dict.
    """
    if not states:
        return {}
    arrays = {
        f"{prefix}params": np.stack([s.params for s in states]),
        f"{prefix}previous_params": np.stack([s.previous_params for s in states]),
        f"{prefix}epoch_gradsq": np.stack([s.epoch_gradsq for s in states]),
    }
    for name in OPTIMIZER_ARRAYS:
        rows = [s.optimizer_state[name] for s in states if name in s.optimizer_state]
        if rows:
            arrays[f"{prefix}opt_{name}"] = np.stack(rows)
    orders = [s.order for s in states if s.cursor]
    if orders:
        arrays[f"{prefix}orders"] = np.concatenate(orders).astype(np.int64)
    return arrays


@dataclass(frozen=True)
class StatePlan:
    """One state's JSON entry, checked: everything but its arrays.

    The fields are the entry's keys (see the module docstring), ``counts`` being
    the optimizer's counters and ``rng`` its shuffle generator's PCG64 state.
    """

    epoch: int
    step_count: int
    optimizer: str
    cursor: int
    order: int
    epoch_steps: int
    epoch_loss: float
    counts: dict[str, int]
    rng: dict[str, Any]
    diverged: Divergence | None


def _count(obj: dict[str, Any], key: str) -> int:
    """Read ``obj[key]`` as an int from 0 to :data:`MAX_COUNT`."""
    value = fileio.field(obj, key, int)
    if not 0 <= value <= MAX_COUNT:
        raise FileFormatError(f"{key!r} must be in 0..2**53, got {fileio.quote(value)}")
    return int(value)


def state_plan(obj: Any) -> StatePlan:
    """Check one state's JSON entry.

    Parameters
    ----------
    obj : object
        The entry as JSON gives it back.

    Returns
    -------
    StatePlan
        Its scalars: counts from 0 to :data:`MAX_COUNT`, a known optimizer with exactly
        its counters, a ``cursor`` inside a shuffle of at most
        :data:`~playground.core.datasets.MAX_POINTS` points (both 0 at an epoch's
        start), a valid PCG64 state and a divergence or None.

    Raises
    ------
    FileFormatError
        For a missing, mistyped or out-of-range value.
    """
    if not isinstance(obj, dict):
        raise FileFormatError("a trainer state must be a JSON object")
    counts = {key: _count(obj, key) for key in (*_COUNTS, "order")}
    optimizer = fileio.field(obj, "optimizer", str)
    if optimizer not in OPTIMIZERS:
        raise FileFormatError(f"unknown optimizer {fileio.quote(optimizer)} in a trainer state")
    order, cursor = counts["order"], counts["cursor"]
    if order > MAX_POINTS or (order == 0) != (cursor == 0) or (cursor and cursor >= order):
        raise FileFormatError(
            f"a trainer state {cursor} points into an epoch cannot have a shuffle of {order}"
        )
    names = OPTIMIZERS[optimizer].state_counts
    opt_counts = obj.get("counts")
    if not isinstance(opt_counts, dict) or set(opt_counts) != set(names):
        raise FileFormatError(f"'counts' of a {optimizer} state must hold {list(names)}")
    rng = obj.get("rng")
    try:
        check_rng_state(rng)
    except ValueError as exc:
        raise FileFormatError(fileio.shorten(exc)) from None
    return StatePlan(
        epoch=counts["epoch"],
        step_count=counts["step_count"],
        optimizer=optimizer,
        cursor=cursor,
        order=order,
        epoch_steps=counts["epoch_steps"],
        epoch_loss=fileio.field(obj, "epoch_loss", float),
        counts={name: _count(opt_counts, name) for name in names},
        rng=rng,  # type: ignore[arg-type]  # checked above
        diverged=_divergence(obj.get("diverged", "missing")),
    )


def _divergence(obj: Any) -> Divergence | None:
    """Read a state's ``diverged`` entry: null, or ``{"step", "epoch", "reason"}``."""
    if obj is None:
        return None
    if not isinstance(obj, dict):
        raise FileFormatError("'diverged' must be null or an object")
    reason = fileio.field(obj, "reason", str)
    if len(reason) > _MAX_REASON:
        raise FileFormatError(f"a divergence's reason is longer than {_MAX_REASON} characters")
    return Divergence(_count(obj, "step"), _count(obj, "epoch"), reason)


def stack_specs(
    prefix: str, plans: list[StatePlan], n_params: int, n_layers: int
) -> dict[str, ArraySpec]:
    """List the members a stack of ``plans`` must have, with exact shapes.

    Parameters
    ----------
    prefix : str
        The members' prefix, e.g. ``"r0_ckpt_"``.
    plans : list of StatePlan
        The stack's checked JSON entries, ``k`` of them.
    n_params, n_layers : int
        The run's network: parameters and weight layers.

    Returns
    -------
    dict of str to ArraySpec
        The members :func:`stack_arrays` writes for such states: float arrays of
        shape (k, n_params), (k, n_params), (k, n_layers), (k_name, n_params) per
        optimizer array in use, and integer ``orders`` of shape (sum of
        ``order``,) when any state stands mid-epoch; empty for no plans.
    """
    k = len(plans)
    if k == 0:
        return {}
    specs = {
        f"{prefix}params": ArraySpec("f", (k, n_params)),
        f"{prefix}previous_params": ArraySpec("f", (k, n_params)),
        f"{prefix}epoch_gradsq": ArraySpec("f", (k, n_layers)),
    }
    for name in OPTIMIZER_ARRAYS:
        rows = sum(name in OPTIMIZERS[p.optimizer].state_arrays for p in plans)
        if rows:
            specs[f"{prefix}opt_{name}"] = ArraySpec("f", (rows, n_params))
    total = sum(p.order for p in plans)
    if total:
        specs[f"{prefix}orders"] = ArraySpec("iu", (total,))
    return specs


def stack_states(
    prefix: str, plans: list[StatePlan], arrays: Arrays, n_params: int, n_layers: int
) -> tuple[TrainerState, ...]:
    """Rebuild the states of a stack from its plans and the arrays of :func:`stack_specs`.

    Parameters
    ----------
    prefix : str
        The members' prefix, e.g. ``"r0_ckpt_"``.
    plans : list of StatePlan
        The stack's checked JSON entries.
    arrays : dict of str to ndarray
        The archive's arrays, holding at least the stack's members.
    n_params, n_layers : int
        The run's network: parameters and weight layers.

    Returns
    -------
    tuple of TrainerState
        One state per plan, in order, each checked against the network with
        :func:`~playground.core.trainer_state.check_state`.

    Raises
    ------
    FileFormatError
        When a state does not fit the network (non-finite or negative values, an order
        that is no permutation).
    """
    states = []
    rows = dict.fromkeys(OPTIMIZER_ARRAYS, 0)
    start = 0
    for i, plan in enumerate(plans):
        optimizer_state: dict[str, Any] = dict(plan.counts)
        for name in OPTIMIZERS[plan.optimizer].state_arrays:
            optimizer_state[name] = arrays[f"{prefix}opt_{name}"][rows[name]]
            rows[name] += 1
        order = np.zeros(0, dtype=np.int64)
        if plan.order:
            order = arrays[f"{prefix}orders"][start : start + plan.order]
            start += plan.order
        state = TrainerState(
            epoch=plan.epoch,
            step_count=plan.step_count,
            params=arrays[f"{prefix}params"][i],
            optimizer=plan.optimizer,
            optimizer_state=optimizer_state,
            rng_state=plan.rng,
            previous_params=arrays[f"{prefix}previous_params"][i],
            cursor=plan.cursor,
            order=order.astype(np.int64),
            epoch_steps=plan.epoch_steps,
            epoch_loss=plan.epoch_loss,
            epoch_gradsq=arrays[f"{prefix}epoch_gradsq"][i],
            diverged=plan.diverged,
        )
        try:
            check_state(state, n_params, n_layers, plan.optimizer, None)
        except ValueError as exc:
            raise FileFormatError(f"trainer state {i + 1}: {fileio.shorten(exc)}") from None
        states.append(state)
    return tuple(states)
