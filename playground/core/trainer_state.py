"""What a :class:`~playground.core.trainer.Trainer` is at one moment, to continue from exactly.

A :class:`TrainerState` holds everything the next step reads: the weights, the
optimizer's state, the shuffle generator, where the epoch under way stands (its
shuffle order and cursor) and that epoch's running sums (gradient norms, batch
losses), plus the weights before the last update (the update ratios of
:mod:`~playground.core.diagnostics`) and a pending divergence. A trainer that
takes over a state trains bit for bit as the one it came from, with either
engine. The history is not part of it: the rows recorded so far belong to
whoever keeps them (the GUI, a session).

:func:`check_state` is the one rule book for a state fitting a trainer; both
:meth:`Trainer.set_state <playground.core.trainer.Trainer.set_state>` and the
session loader use it before anything is changed.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

from playground.core.optimizers import OPTIMIZERS
from playground.core.optimizers import check_state as check_optimizer_state

if TYPE_CHECKING:
    from playground.core.trainer import Trainer

Array = NDArray[np.float64]


@dataclass(frozen=True)
class Divergence:
    """Where and why training stopped: ``step`` and ``epoch`` are counts at that moment."""

    step: int
    epoch: int
    reason: str

    @property
    def message(self) -> str:
        """A sentence for the user."""
        return f"diverged at epoch {self.epoch} ({self.reason}) — lower the learning rate"


@dataclass(frozen=True, eq=False)
class TrainerState:
    """A deep, read-only copy of a trainer's state (see the module docstring).

    Attributes
    ----------
    epoch : int
        Epochs ended.
    step_count : int
        Steps taken.
    params : ndarray of shape (n_params,)
        The flat weights ``[W1, b1, W2, b2, ...]``.
    optimizer : str
        Key of :data:`~playground.core.optimizers.OPTIMIZERS` the state belongs to.
    optimizer_state : dict
        What :meth:`~playground.core.optimizers.Optimizer.get_state` returned: arrays of
        shape (n_params,) (velocity, moments) and counters (Adam's ``t``).
    rng_state : dict
        The shuffle generator's ``bit_generator.state`` (PCG64; JSON data).
    previous_params : ndarray of shape (n_params,)
        The weights before the last update.
    cursor : int
        Training points of the epoch under way already stepped over; 0 at an epoch's start.
    order : ndarray of shape (n_train,) or (0,)
        The epoch under way's shuffle (int64) when ``cursor > 0``, else empty.
    epoch_steps : int
        Steps taken in the epoch under way.
    epoch_loss : float
        Sum of that epoch's batch losses.
    epoch_gradsq : ndarray of shape (n_layers,)
        Sum over that epoch's steps of each layer's squared weight-gradient norm.
    diverged : Divergence or None
        A divergence waiting for :meth:`~playground.core.trainer.Trainer.resume`.
    """

    epoch: int
    step_count: int
    params: Array
    optimizer: str
    optimizer_state: dict[str, Array | int]
    rng_state: dict[str, Any]
    previous_params: Array
    cursor: int = 0
    order: NDArray[np.int64] = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    epoch_steps: int = 0
    epoch_loss: float = 0.0
    epoch_gradsq: Array = field(default_factory=lambda: np.zeros(0))
    diverged: Divergence | None = None

    def __post_init__(self) -> None:
        """Keep read-only copies, so that nothing the caller keeps can change a checkpoint."""
        for name in ("params", "previous_params", "epoch_gradsq"):
            object.__setattr__(self, name, _frozen(getattr(self, name), np.float64))
        object.__setattr__(self, "order", _frozen(self.order, np.int64))
        opt = {
            k: _frozen(v, np.float64) if isinstance(v, np.ndarray) else int(v)
            for k, v in self.optimizer_state.items()
        }
        object.__setattr__(self, "optimizer_state", opt)
        object.__setattr__(self, "rng_state", copy.deepcopy(self.rng_state))

    @property
    def at_epoch_start(self) -> bool:
        """True when no step of the next epoch has been taken (``cursor == 0``)."""
        return self.cursor == 0

    @property
    def n_bytes(self) -> int:
        """Bytes its arrays hold (what keeping it costs)."""
        arrays = [self.params, self.previous_params, self.order, self.epoch_gradsq]
        arrays += [v for v in self.optimizer_state.values() if isinstance(v, np.ndarray)]
        return sum(a.nbytes for a in arrays)


def _frozen(value: Any, dtype: type) -> NDArray[Any]:
    array: NDArray[Any] = np.array(value, dtype=dtype, copy=True)
    array.flags.writeable = False
    return array


def _count(value: object, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < 0:
        raise ValueError(f"the state's {name} must be a non-negative integer, got {value!r}")
    return int(value)


def _vector(value: object, shape: tuple[int, ...], name: str, what: str) -> None:
    if not isinstance(value, np.ndarray) or value.dtype.kind not in "iuf":
        raise ValueError(f"the state's {name} must be an array of numbers")
    if value.shape != shape:
        raise ValueError(f"the state's {name} have shape {value.shape}, but {what}")
    if not np.all(np.isfinite(value)):
        raise ValueError(f"the state's {name} contains NaN or infinite values")


def check_rng_state(rng_state: object) -> None:
    """Check that ``rng_state`` is a PCG64 generator state (as JSON data gives it back).

    Raises
    ------
    ValueError
        When it is not a dict that a PCG64 generator accepts.
    """
    if not isinstance(rng_state, dict) or rng_state.get("bit_generator") != "PCG64":
        raise ValueError("the state's shuffle generator must be a PCG64 state")
    inner = rng_state.get("state")
    words = (inner.get("state"), inner.get("inc")) if isinstance(inner, dict) else (None,)
    extra = (rng_state.get("has_uint32"), rng_state.get("uinteger"))
    if not all(type(w) is int and 0 <= w < 2**128 for w in words) or not all(
        type(v) is int and 0 <= v < 2**32 for v in extra
    ):
        raise ValueError("the state's shuffle generator state is not a valid PCG64 state")
    try:
        generator: Any = np.random.PCG64()
        generator.state = copy.deepcopy(rng_state)
    except (ValueError, TypeError, KeyError, OverflowError) as exc:
        raise ValueError(f"the state's shuffle generator state is invalid ({exc})") from None


def check_state(
    state: TrainerState, n_params: int, n_layers: int, optimizer: str, n_train: int | None
) -> None:
    """Check that ``state`` fits a trainer of this shape, before anything is restored.

    Parameters
    ----------
    state : TrainerState
    n_params : int
        The network's parameter count.
    n_layers : int
        Its weight layers.
    optimizer : str
        The trainer's optimizer key.
    n_train : int or None
        Its training points; None skips the check of a mid-epoch state's order (the
        session loader, which checks the order's length against the state's own).

    Raises
    ------
    ValueError
        Naming the first thing that does not fit.
    """
    if not isinstance(state, TrainerState):
        raise ValueError(f"expected a TrainerState, got {type(state).__name__}")
    for name in ("epoch", "step_count", "cursor", "epoch_steps"):
        _count(getattr(state, name), name)
    if state.optimizer != optimizer:
        raise ValueError(
            f"the state belongs to optimizer {state.optimizer!r}, this trainer uses {optimizer!r}"
        )
    what = f"this network has {n_params} parameters"
    _vector(state.params, (n_params,), "weights", what)
    _vector(state.previous_params, (n_params,), "previous weights", what)
    _vector(state.epoch_gradsq, (n_layers,), "gradient sums", f"this network has {n_layers} layers")
    if np.any(state.epoch_gradsq < 0.0):
        raise ValueError("the state's gradient sums cannot be negative")
    loss = state.epoch_loss
    if isinstance(loss, bool) or not isinstance(loss, int | float) or not np.isfinite(loss):
        raise ValueError(f"the state's epoch loss must be a finite number, got {loss!r}")
    check_optimizer_state(OPTIMIZERS[optimizer], n_params, state.optimizer_state)
    check_rng_state(state.rng_state)
    if state.diverged is not None and not isinstance(state.diverged, Divergence):
        raise ValueError("the state's divergence must be a Divergence or None")
    order = state.order
    if state.cursor == 0:
        return
    size = len(order) if n_train is None else n_train
    if state.cursor >= size or order.shape != (size,):
        raise ValueError(
            f"the state stands {state.cursor} points into an epoch over {len(order)} "
            f"training points, but this trainer has {size}"
        )
    if order.dtype.kind not in "iu" or not np.array_equal(np.sort(order), np.arange(size)):
        raise ValueError("the state's shuffle order is not a permutation of the training points")


def capture(trainer: Trainer) -> TrainerState:
    """Return a deep copy of ``trainer``'s state; the trainer is unchanged."""
    return TrainerState(
        epoch=trainer.epoch,
        step_count=trainer.step_count,
        params=trainer.network.params,
        optimizer=trainer.config.optimizer,
        optimizer_state=trainer.optimizer.get_state(),
        rng_state=dict(trainer.rng.bit_generator.state),
        previous_params=trainer.previous_params,
        cursor=trainer._cursor,
        order=trainer._order if trainer._cursor else np.zeros(0, dtype=np.int64),
        epoch_steps=trainer._epoch_steps,
        epoch_loss=float(trainer._epoch_loss),
        epoch_gradsq=trainer._epoch_gradsq,
        diverged=trainer.diverged,
    )


def restore(trainer: Trainer, state: TrainerState) -> None:
    """Make ``trainer`` continue from ``state``, after :func:`check_state` (or change nothing).

    The arrays are copied into the trainer's own (the compiled engine writes into them
    in place); the history is left as it is.
    """
    net = trainer.network
    check_state(state, net.n_params, net.n_layers, trainer.config.optimizer, trainer.n_train)
    np.copyto(net.params, state.params)
    np.copyto(trainer.previous_params, state.previous_params)
    trainer.optimizer.set_state(state.optimizer_state)
    trainer.rng.bit_generator.state = copy.deepcopy(state.rng_state)
    trainer.epoch, trainer.step_count = int(state.epoch), int(state.step_count)
    trainer._cursor = int(state.cursor)
    trainer._order = np.array(state.order, dtype=np.int64, copy=True)
    if trainer._cursor:  # the epoch under way goes on over the same shuffle
        np.take(trainer.x_train, trainer._order, axis=0, out=trainer._xs)
        np.take(trainer.t_train, trainer._order, axis=0, out=trainer._ts)
    trainer._epoch_steps = int(state.epoch_steps)
    trainer._epoch_loss = float(state.epoch_loss)
    np.copyto(trainer._epoch_gradsq, state.epoch_gradsq)
    trainer.diverged = state.diverged
