"""The compiled engine: numba loaded on demand, and the glue between a Trainer and the kernel.

:mod:`playground.core.kernel_ops` holds the training slice in a NumPy subset; here it is
compiled with ``@njit(nogil=True, cache=True)``, so a worker thread trains whole slices
(many steps, shuffles included) without the interpreter lock. Nothing imports numba until
:func:`warm_up` runs: importing it alone takes a good part of a second.

The shuffles are drawn in Python with the trainer's own generator, one permutation per
epoch begun, exactly as :meth:`Trainer.step` draws them; the generator is wound back past
any the slice did not begin, so the order of batches is the NumPy engine's.

When numba is missing or fails, training goes on with the NumPy engine and
:func:`engine_notice` says why, once, without a warning.
"""

from __future__ import annotations

import importlib.util
import itertools
import math
import threading
import time
import types
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Literal

import numpy as np

from playground.core import kernel_ops as ops
from playground.core.history import COLUMNS, HistoryChunk
from playground.core.optimizers import SGD, Adam, Momentum, RMSprop

if TYPE_CHECKING:
    from playground.core.trainer import SliceResult, Trainer

Kernel = Callable[..., None]

#: Most shuffle entries (epochs × training points) drawn for one slice; more epochs take more.
MAX_ORDER_CELLS = 1 << 20
UNLIMITED = 1 << 62
#: Multiply-adds in one step's forward pass (batch × Σ fan_in·fan_out) above which engine
#: ``auto`` trains with NumPy, whose BLAS then outruns the kernel's loops (and releases the
#: interpreter lock on those products). Measured headless, BLAS on one thread, steps/s of
#: NumPy against the kernel: 2-32-32-32-32-1 tanh b32 (101k) 4,500 against 5,900; 2-64-64-1
#: relu b32 (137k) 6,900 against 8,100; even at 2-32-32-32-32-1 tanh b64 (203k), 3,150 both;
#: 2-96-96-1 relu b32 (304k) 5,300 against 4,300; 2-128-128-1 relu b64 (1.1M) 2,700 against
#: 1,400; 2-256-256-1 relu b256 (17M) 270 against 93.
NUMPY_WORK = 200_000
OPTIMIZER_CODES: dict[type, int] = {
    SGD: ops.SGD, Momentum: ops.MOMENTUM, RMSprop: ops.RMSPROP, Adam: ops.ADAM
}  # fmt: skip
_REASONS = {
    ops.NONFINITE_LOSS: "non-finite loss",
    ops.NONFINITE_GRADIENT: "non-finite gradient",
    ops.OVERFLOW: "weights overflowed",
}
_Stop = Literal["budget", "epochs", "target"]  # how a slice that did not diverge ended
_STOPS: dict[int, _Stop] = {ops.DONE: "budget", ops.EPOCHS: "epochs", ops.TARGET: "target"}


class KernelUnavailableError(RuntimeError):
    """The compiled kernel cannot run this slice; the NumPy engine should."""


class _Compiler:
    """Loads the compiled kernel once, from the disk cache or by compiling it."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.kernel: Kernel | None = None
        self.notice: str | None = None
        self.failed = False
        self.thread: threading.Thread | None = None

    def load(self) -> Kernel | None:
        with self.lock:
            if self.kernel is not None or self.failed:
                return self.kernel
            try:
                import numba
            except ImportError:
                self._fail(
                    "The compiled engine needs numba, which is not installed, so training "
                    "uses the NumPy engine (pip install numba to train several times faster)."
                )
                return None
            try:
                kernel = _compile(numba)
                _exercise(kernel)
            except Exception as exc:  # any failure to compile means: train with NumPy
                detail = str(exc).strip().splitlines()[0][:200] if str(exc).strip() else ""
                self._fail(
                    f"The compiled engine failed to start ({type(exc).__name__}: {detail}), "
                    "so training uses the NumPy engine."
                )
                return None
            self.kernel = kernel
            return kernel

    def _fail(self, notice: str) -> None:
        self.failed, self.notice = True, notice


_COMPILER = _Compiler()
_START = threading.Lock()


def numba_available() -> bool:
    """Return True when numba can be imported (checked without importing it)."""
    return importlib.util.find_spec("numba") is not None


def warm_up() -> bool:
    """Load or compile the kernel now (blocking; safe from any thread); True when it is ready.

    A first-ever compile takes seconds; later runs load it from the disk cache.
    """
    return _COMPILER.load() is not None


def warm_up_in_background() -> threading.Thread:
    """Start :func:`warm_up` on a daemon thread (once) and return that thread."""
    compiler = _COMPILER
    with _START:
        if compiler.thread is None:
            compiler.thread = threading.Thread(target=warm_up, name="kernel-warm-up", daemon=True)
            compiler.thread.start()
    return compiler.thread


def kernel_ready() -> bool:
    """Return True once the compiled kernel is loaded (never blocks)."""
    return _COMPILER.kernel is not None


def engine_notice() -> str | None:
    """Why training uses the NumPy engine although the compiled one was asked for, or None."""
    return _COMPILER.notice


def prefers_numpy(sizes: Sequence[int], batch_size: int) -> bool:
    """Return True when NumPy trains this network faster than the compiled kernel.

    Parameters
    ----------
    sizes : sequence of int
        Units per layer, inputs first.
    batch_size : int
        Rows per step (the batch size, or the training set when that is smaller).
    """
    work = batch_size * sum(a * b for a, b in itertools.pairwise(sizes))
    return work > NUMPY_WORK


def compiled_kernel(wait: bool) -> Kernel | None:
    """Return the compiled kernel, loading it first (``wait``) or starting to load it."""
    compiler = _COMPILER
    if compiler.kernel is not None or compiler.failed:
        return compiler.kernel
    if wait:
        return compiler.load()
    warm_up_in_background()
    return None


def _compile(numba: Any) -> Kernel:
    """Jit every function of kernel_ops, each calling the others' compiled versions."""
    namespace = dict(vars(ops))
    try:
        jit = numba.njit(nogil=True, cache=True)
        jit(lambda: None)
    except RuntimeError:  # no writable cache directory: compile in memory only
        jit = numba.njit(nogil=True)
    for name, func in vars(ops).items():
        if isinstance(func, types.FunctionType) and func.__module__ == ops.__name__:
            copy = types.FunctionType(func.__code__, namespace, name, func.__defaults__)
            copy.__module__, copy.__qualname__ = func.__module__, func.__qualname__
            namespace[name] = jit(copy)
    return namespace["train_slice"]  # type: ignore[no-any-return]


def _exercise(kernel: Kernel) -> None:
    """Run a two-step slice, which compiles (or loads) the one signature every call uses."""
    from playground.core.config import ModelConfig, TrainConfig
    from playground.core.model import Model
    from playground.core.trainer import Trainer

    x = np.array([[0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    y = np.array([0, 1, 1])
    model = Model.build(ModelConfig(hidden=(2,), activations=("tanh",)), x)
    trainer = Trainer(model, TrainConfig(batch_size=2), x, y, x[:1], y[:1])
    train_compiled(trainer, kernel, max_steps=2)


def _prepared(trainer: Trainer) -> tuple[np.ndarray, ...]:
    """Return the data as the kernel's one signature takes it: float64, C order, writable."""
    train = (trainer.x_train, trainer.t_train, trainer.y_train)
    test = (trainer.x_test, trainer.t_test, trainer.y_test)
    key = (*train, *test)
    cached = trainer._kernel_data
    if cached is not None and all(a is b for a, b in zip(cached[0], key)):
        prepared: tuple[np.ndarray, ...] = cached[1]
        return prepared
    arrays = tuple(np.array(a, dtype=np.float64, order="C", copy=True) for a in key)
    trainer._kernel_data = (key, arrays)
    return arrays


def _new_orders(trainer: Trainer, cursor: int, max_steps: int, max_epochs: int) -> int:
    """How many shuffles a slice of at most ``max_steps`` steps and ``max_epochs`` epochs begins."""
    n, batch = trainer.n_train, min(trainer.config.batch_size, trainer.n_train)
    per_epoch = -(-n // batch)
    first = -(-(n - cursor) // batch) if cursor else 0  # steps left in the epoch under way
    by_steps = 0 if max_steps <= first else -(-(max_steps - first) // per_epoch)
    by_epochs = max_epochs - (1 if cursor else 0)
    return max(0, min(by_steps, by_epochs, max(1, MAX_ORDER_CELLS // n)))


def steps_for(trainer: Trainer, seconds: float) -> int:
    """Return the steps the kernel takes in about ``seconds``, from its last measured rate."""
    rate = trainer._kernel_rate
    if rate <= 0.0:  # not measured yet: the rest of this epoch
        n, batch = trainer.n_train, min(trainer.config.batch_size, trainer.n_train)
        return max(1, -(-(n - trainer._cursor) // batch))
    return max(1, int(rate * seconds))


def train_compiled(
    trainer: Trainer,
    kernel: Kernel,
    max_steps: int | None = None,
    max_epochs: int | None = None,
    target_loss: float | None = None,
) -> SliceResult:
    """Train one slice with ``kernel``, leaving ``trainer`` as the NumPy engine would.

    Parameters
    ----------
    trainer : Trainer
        Not diverged, with training data.
    kernel : callable
        :func:`playground.core.kernel_ops.train_slice`, compiled or not.
    max_steps, max_epochs : int, optional
        Budgets of steps and of epochs ended; at least one step or epoch when both are None.
    target_loss : float, optional
        Stop after an epoch whose training loss is at most this.

    Raises
    ------
    KernelUnavailableError
        When the optimizer is not one the kernel knows, or the kernel fails to run; the
        trainer is then as it was.
    """
    from playground.core.trainer import SliceResult

    net, opt, config = trainer.network, trainer.optimizer, trainer.config
    code = OPTIMIZER_CODES.get(type(opt))
    if code is None:
        raise KernelUnavailableError(f"the compiled engine does not know {type(opt).__name__}")
    cursor = trainer._cursor
    steps = UNLIMITED if max_steps is None else max_steps
    epochs = UNLIMITED if max_epochs is None else max_epochs
    if max_steps is None and max_epochs is None:
        epochs = 1
    n_new = _new_orders(trainer, cursor, steps, epochs)
    carry = 1 if cursor else 0
    orders = np.empty((carry + n_new, trainer.n_train), dtype=np.int64)
    if carry:
        orders[0] = trainer._order
    rng_state = trainer.rng.bit_generator.state
    if n_new:  # as many rng.permutation(n) calls, in one (each row shuffled in turn)
        fresh = orders[carry:]
        fresh[:] = np.arange(trainer.n_train)
        trainer.rng.permuted(fresh, axis=1, out=fresh)

    s1 = getattr(opt, "velocity", getattr(opt, "square_avg", getattr(opt, "m", None)))
    s1 = np.zeros(0) if s1 is None else s1
    s2 = opt.v if isinstance(opt, Adam) else np.zeros(0)
    settings = np.zeros(ops.N_SETTINGS)
    settings[ops.F_LR] = opt.learning_rate
    settings[ops.F_MOMENTUM] = getattr(opt, "momentum", 0.0)
    settings[ops.F_RHO] = getattr(opt, "rho", 0.0)
    settings[ops.F_EPSILON] = getattr(opt, "epsilon", 0.0)
    settings[ops.F_BETA1] = getattr(opt, "beta1", 0.0)
    settings[ops.F_BETA2] = getattr(opt, "beta2", 0.0)
    settings[ops.F_L1], settings[ops.F_L2] = config.l1, config.l2
    settings[ops.F_TARGET] = math.nan if target_loss is None else target_loss
    settings[ops.F_EPOCH_LOSS] = trainer._epoch_loss
    classifies = trainer.model.task != "regression" and net.loss.proba is not None
    counters = np.zeros(ops.N_COUNTERS, dtype=np.int64)
    counters[ops.I_LOSS] = ops.LOSS_NAMES.index(net.loss.name)
    counters[ops.I_METRIC] = ops.ACCURACY if classifies else ops.R2
    counters[ops.I_OPTIMIZER] = code
    counters[ops.I_NESTEROV] = int(bool(getattr(opt, "nesterov", False)))
    counters[ops.I_FULL_EVAL] = int(trainer.full_evaluation)
    counters[ops.I_BATCH] = config.batch_size
    counters[ops.I_MAX_STEPS], counters[ops.I_MAX_EPOCHS] = steps, epochs
    counters[ops.I_CURSOR], counters[ops.I_STEP] = cursor, trainer.step_count
    counters[ops.I_EPOCH], counters[ops.I_EPOCH_STEPS] = trainer.epoch, trainer._epoch_steps
    counters[ops.I_ADAM_T] = getattr(opt, "t", 0)
    act_codes = np.array([ops.ACTIVATION_NAMES.index(a) for a in net.activation_names], np.int64)
    rows = np.empty((carry + n_new, 5))
    row_layers = np.empty((carry + n_new, len(ops.LAYER_COLUMN_NAMES), net.n_layers))

    args = (
        net.params, net.grads, trainer.previous_params, s1, s2,
        net.block_offsets.astype(np.int64), np.array(net.sizes, dtype=np.int64), act_codes,
        *_prepared(trainer), orders, trainer._epoch_gradsq, settings, counters, rows, row_layers,
    )  # fmt: skip
    start = time.perf_counter()
    try:
        with np.errstate(all="ignore"):  # uncompiled, NumPy scalars would warn of overflow
            kernel(*args)
    except Exception as exc:
        if kernel is ops.train_slice:
            raise
        # Typing or compiling failed, before any array changed.
        trainer.rng.bit_generator.state = rng_state
        raise KernelUnavailableError(str(exc)) from exc
    elapsed = time.perf_counter() - start

    done, n_rows = int(counters[ops.I_STEPS_DONE]), int(counters[ops.I_ROWS])
    used, status = int(counters[ops.I_ORDERS_USED]), int(counters[ops.I_STATUS])
    if used < n_new:  # wind the generator back to just after the shuffles begun
        trainer.rng.bit_generator.state = rng_state
        if used:
            trainer.rng.permuted(orders[carry : carry + used], axis=1)
    if carry + used:
        trainer._order = orders[carry + used - 1].copy()
    trainer.step_count, trainer.epoch = int(counters[ops.I_STEP]), int(counters[ops.I_EPOCH])
    trainer._cursor = int(counters[ops.I_CURSOR])
    trainer._epoch_steps = int(counters[ops.I_EPOCH_STEPS])
    trainer._epoch_loss = float(settings[ops.F_EPOCH_LOSS])
    if isinstance(opt, Adam):
        opt.t = int(counters[ops.I_ADAM_T])
    if trainer._cursor:  # the NumPy engine's step() may carry on within this epoch
        np.take(trainer.x_train, trainer._order, axis=0, out=trainer._xs)
        np.take(trainer.t_train, trainer._order, axis=0, out=trainer._ts)
    if n_rows:
        columns = dict(zip(COLUMNS, rows[:n_rows].T))
        for index, name in enumerate(ops.LAYER_COLUMN_NAMES):
            columns[name] = row_layers[:n_rows, index]
        trainer.history.extend(HistoryChunk(**columns))
    if done and elapsed > 0.0:
        trainer._kernel_rate = done / elapsed
    engine = "python" if kernel is ops.train_slice else "compiled"
    if status in _REASONS:
        if status == ops.OVERFLOW:  # its velocity or moments overflowed too: start afresh
            trainer.optimizer = trainer._new_optimizer(config)
        trainer._diverge(_REASONS[status])
        return SliceResult(done, n_rows, "diverged", engine)
    return SliceResult(done, n_rows, _STOPS[status], engine)
