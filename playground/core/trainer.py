"""The mini-batch training loop with a divergence guard.

A *step* is one mini-batch; an *epoch* is one pass over the shuffled training
set. At the end of every epoch the trainer evaluates the full training and test
sets and appends a row to its :class:`~playground.core.history.History`.

The guard: a non-finite loss or gradient never reaches the weights, and an
update that would make a weight non-finite is undone. Either way the trainer
records a :class:`Divergence` and refuses further steps until :meth:`Trainer.resume`.

Two engines train the same steps in the same order: this module's NumPy code, the
readable reference, and a compiled kernel (:mod:`playground.core.kernel`) that trains
whole slices of many steps without holding the interpreter lock. ``engine`` picks one
for :meth:`Trainer.run_slice`, :meth:`Trainer.run_epoch` and :meth:`Trainer.run`;
:meth:`Trainer.step` is always NumPy.
"""

from __future__ import annotations

import math
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
from numpy.typing import NDArray

from playground.core.config import TrainConfig
from playground.core.history import History
from playground.core.history_columns import EpochEnd, measure_layers
from playground.core.losses import metric
from playground.core.model import Model
from playground.core.optimizers import Optimizer, make_optimizer
from playground.core.trainer_state import Divergence, TrainerState, capture, restore

__all__ = ["ENGINES", "Divergence", "Evaluation", "SliceResult", "Trainer", "TrainerState"]

Array = NDArray[np.float64]

#: Evaluation runs in chunks of at most this many activations per layer (rows × units).
EVAL_CELLS = 16384
#: ``numpy`` always; ``compiled`` loads the kernel at the first slice (and falls back to
#: NumPy, with :func:`playground.core.kernel.engine_notice`, when it cannot); ``auto``
#: trains with NumPy while the kernel loads in the background, then with the kernel.
ENGINES = ("numpy", "compiled", "auto")


@dataclass(frozen=True)
class SliceResult:
    """What one :meth:`Trainer.run_slice` did.

    Attributes
    ----------
    steps : int
        Steps taken (a step the guard stopped is not one).
    epochs : int
        Epochs that ended, each with its history row.
    stop : str
        ``budget`` (steps or time), ``epochs``, ``target`` (training loss reached) or
        ``diverged`` (see :attr:`Trainer.diverged`).
    engine : str
        ``numpy`` or ``compiled`` (``python``: the kernel run uncompiled, in tests).
    """

    steps: int
    epochs: int
    stop: Literal["budget", "epochs", "target", "diverged"]
    engine: str


@dataclass(frozen=True)
class Evaluation:
    """Full-set losses and metrics (accuracy, or R² for regression); NaN for an empty set."""

    train_loss: float
    test_loss: float
    train_metric: float
    test_metric: float


class Trainer:
    """Trains a :class:`Model` in place.

    Parameters
    ----------
    model : Model
        Its network is the one that changes.
    config : TrainConfig
    x_train : ndarray of shape (n_train, 2)
    y_train : ndarray of shape (n_train,)
    x_test : ndarray of shape (n_test, 2), optional
    y_test : ndarray of shape (n_test,), optional
    full_evaluation : bool
        Evaluate the full training and test sets after every epoch (the default,
        what the curves show). When False the epoch's training loss is the mean of
        its batch losses, as scikit-learn records it, and the other columns are NaN.
    engine : str
        One of :data:`ENGINES`, for :meth:`run_slice`, :meth:`run_epoch` and :meth:`run`.
    """

    def __init__(
        self,
        model: Model,
        config: TrainConfig,
        x_train: Array,
        y_train: NDArray[np.generic],
        x_test: Array | None = None,
        y_test: NDArray[np.generic] | None = None,
        full_evaluation: bool = True,
        engine: str = "numpy",
    ) -> None:
        if engine not in ENGINES:
            raise ValueError(f"unknown engine {engine!r}; choose from {', '.join(ENGINES)}")
        self.engine = engine
        self.model = model
        self.full_evaluation = full_evaluation
        self.network = model.network
        self.config = config
        self.optimizer = self._new_optimizer(config)
        # An independent stream for the shuffle, derived from the model's seed.
        self.rng = np.random.default_rng([model.config.seed, 1])
        self.history = History(self.network.n_layers)
        self.step_count = 0
        self.epoch = 0
        self.diverged: Divergence | None = None
        self.previous_params = self.network.get_params()
        self._epoch_gradsq = np.zeros(self.network.n_layers)
        self._gradsq = np.empty(self.network.n_params)
        self._epoch_steps = 0
        self._epoch_loss = 0.0
        self._cursor = 0
        self._order = np.zeros(0, dtype=np.int64)  # the shuffle of the epoch under way
        self._kernel_rate = 0.0  # the compiled kernel's last measured steps/s
        self._kernel_data: tuple[Any, Any] | None = None  # the data as the kernel takes it
        self.set_data(x_train, y_train, x_test, y_test)

    # -- data and settings ---------------------------------------------------------------
    def set_data(
        self,
        x_train: Array,
        y_train: NDArray[np.generic],
        x_test: Array | None = None,
        y_test: NDArray[np.generic] | None = None,
    ) -> None:
        """Replace the data; the current epoch restarts on the new points at the next step.

        Raises
        ------
        ValueError
            For non-finite points or targets, or class labels outside 0..n_classes-1.
        """
        model = self.model
        if x_test is None or y_test is None or len(x_test) == 0:
            x_test, y_test = np.zeros((0, 2)), np.zeros(0)
        for name, x, y in (("training", x_train, y_train), ("test", x_test, y_test)):
            self._check(name, np.asarray(x, dtype=np.float64), np.asarray(y))
        self.x_train = model.inputs(x_train)
        self.t_train = model.targets(np.asarray(y_train))
        self.y_train = np.asarray(y_train)
        self.x_test = model.inputs(x_test)
        self.t_test = model.targets(np.asarray(y_test))
        self.y_test = np.asarray(y_test)
        self._xs = np.empty_like(self.x_train)
        self._ts = np.empty_like(self.t_train)
        self._cursor = 0

    def _check(self, name: str, x: Array, y: NDArray[np.generic]) -> None:
        if len(x) != len(y):
            raise ValueError(f"{name} set: {len(x)} points but {len(y)} labels")
        if not np.all(np.isfinite(x)):
            raise ValueError(f"{name} set: the points contain NaN or infinite coordinates")
        if not self.model.is_classifier:
            if not np.all(np.isfinite(y.astype(np.float64))):
                raise ValueError(f"{name} set: the targets contain NaN or infinite values")
            return
        k = self.model.config.n_classes
        yf = y.astype(np.float64)
        if len(y) and not (np.all(np.isfinite(yf)) and np.all(yf == np.round(yf))):
            raise ValueError(f"{name} set: class labels must be whole numbers")
        if len(y) and (yf.min() < 0 or yf.max() >= k):
            raise ValueError(f"{name} set: class labels must lie in 0..{k - 1}")

    @property
    def n_train(self) -> int:
        """Number of training samples."""
        return len(self.x_train)

    def set_config(self, config: TrainConfig) -> None:
        """Apply new settings from the next step on; a new optimizer type resets its state."""
        if config.optimizer != self.config.optimizer:
            self.optimizer = self._new_optimizer(config)
        else:
            self.optimizer.learning_rate = config.learning_rate
            if self.optimizer.uses_momentum:
                self.optimizer.momentum = config.momentum  # type: ignore[attr-defined]
                self.optimizer.nesterov = config.nesterov  # type: ignore[attr-defined]
        self.config = config

    def _new_optimizer(self, config: TrainConfig) -> Optimizer:
        return make_optimizer(
            config.optimizer,
            self.network.n_params,
            config.learning_rate,
            config.momentum,
            config.nesterov,
        )

    def resume(self) -> None:
        """Clear a recorded divergence so that training may go on (e.g. at a lower rate)."""
        self.diverged = None

    # -- exact state ---------------------------------------------------------------------
    def get_state(self) -> TrainerState:
        """Return a deep copy of everything the next step reads; the trainer is unchanged.

        A trainer of the same model settings, data and optimizer that takes it over with
        :meth:`set_state` trains bit for bit as this one would (either engine).
        """
        return capture(self)

    def set_state(self, state: TrainerState) -> None:
        """Continue from ``state`` (weights, optimizer, shuffle, epoch under way, counts).

        The history is left as it is.

        Raises
        ------
        ValueError
            When its weights, optimizer key, array shapes or mid-epoch shuffle do not fit
            this trainer; nothing changes then.
        """
        restore(self, state)

    # -- the loop ------------------------------------------------------------------------
    def _start_epoch(self) -> None:
        order = self._order = self.rng.permutation(self.n_train)
        np.take(self.x_train, order, axis=0, out=self._xs)
        np.take(self.t_train, order, axis=0, out=self._ts)

    def step(self) -> float:
        """Train on one mini-batch (overflow is caught by the guard, not warned about).

        Returns
        -------
        float
            The batch's mean data loss before the update; NaN when the step
            diverged or a divergence is pending.
        """
        if self.diverged is not None:
            return math.nan
        if self.n_train == 0:
            raise ValueError("there are no training points")
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            return self._step()

    def _step(self) -> float:
        n = self.n_train
        if self._cursor == 0:
            self._start_epoch()
        start = self._cursor
        stop = min(start + self.config.batch_size, n)
        net = self.network
        loss = net.loss_and_gradient(
            self._xs[start:stop], self._ts[start:stop], self.config.l1, self.config.l2
        )
        grads = net.grads
        sq = np.add.reduceat(np.multiply(grads, grads, out=self._gradsq), net.block_offsets)
        if not math.isfinite(loss + float(sq.sum())):
            self._diverge("non-finite loss" if not math.isfinite(loss) else "non-finite gradient")
            return math.nan
        params = net.params
        np.copyto(self.previous_params, params)
        self.optimizer.update(params, grads)
        if not math.isfinite(float(params.sum())):
            np.copyto(params, self.previous_params)
            # The optimizer's state (velocity, moments) overflowed too: start it afresh.
            self.optimizer = self._new_optimizer(self.config)
            self._diverge("weights overflowed")
            return math.nan
        self.step_count += 1
        self._epoch_gradsq += sq[0::2]
        self._epoch_steps += 1
        self._epoch_loss += loss
        self._cursor = 0 if stop >= n else stop
        if self._cursor == 0:
            self._end_epoch()
        return loss

    def _diverge(self, reason: str) -> None:
        self.diverged = Divergence(self.step_count, self.epoch, reason)

    def _end_epoch(self) -> None:
        self.epoch += 1
        net = self.network
        end = EpochEnd(net.params, self.previous_params, net.block_offsets,
                       self._epoch_gradsq, self._epoch_steps)  # fmt: skip
        layers = measure_layers(end)
        if self.full_evaluation:
            ev = self.evaluate()
        else:
            nan = math.nan
            ev = Evaluation(self._epoch_loss / max(self._epoch_steps, 1), nan, nan, nan)
        self.history.append(
            self.epoch, ev.train_loss, ev.test_loss, ev.train_metric, ev.test_metric, **layers
        )
        self._epoch_gradsq[:] = 0.0
        self._epoch_steps = 0
        self._epoch_loss = 0.0

    def run_epoch(self) -> int:
        """Step until the current epoch ends (or training diverges); return the steps taken."""
        if self.engine != "numpy" and self.diverged is None:
            done, start_epoch = 0, self.epoch
            while self.epoch == start_epoch and self.diverged is None:
                result = self.run_slice(max_epochs=1)
                done += result.steps + (result.stop == "diverged")
            return done
        done = 0
        start_epoch = self.epoch
        while self.epoch == start_epoch and self.diverged is None:
            self.step()
            done += 1
        return done

    def run(self, epochs: int) -> Divergence | None:
        """Train ``epochs`` whole epochs; stop early and return the divergence if one occurs."""
        if self.engine != "numpy":
            left = epochs
            while left > 0 and self.diverged is None:
                left -= self.run_slice(max_epochs=left).epochs
            return self.diverged
        for _ in range(epochs):
            self.run_epoch()
            if self.diverged is not None:
                break
        return self.diverged

    def run_slice(
        self,
        max_steps: int | None = None,
        seconds: float | None = None,
        max_epochs: int | None = None,
        target_loss: float | None = None,
    ) -> SliceResult:
        """Train until the first of several budgets ends: what a worker thread calls.

        With the compiled engine the whole slice is one call that does not hold the
        interpreter lock; ``seconds`` then becomes a number of steps from the kernel's
        measured speed. Steps, shuffles, history rows and the guard are those of
        :meth:`step`, so engines can take turns on one trainer. Engine ``auto`` leaves to
        NumPy the networks it trains faster (:func:`playground.core.kernel.prefers_numpy`).

        Parameters
        ----------
        max_steps : int, optional
            Most steps to take.
        seconds : float, optional
            About how long to train.
        max_epochs : int, optional
            Most epochs to end (the one under way counts); with no budget at all, 1.
        target_loss : float, optional
            Stop after an epoch whose training loss (its history row) is at most this.

        Returns
        -------
        SliceResult
            With ``stop="diverged"`` and no step when a divergence is pending.
        """
        if (max_steps is not None and max_steps < 1) or (max_epochs is not None and max_epochs < 1):
            raise ValueError("a slice needs at least one step and one epoch")
        if self.diverged is not None:
            return SliceResult(0, 0, "diverged", "numpy")
        if self.n_train == 0:
            raise ValueError("there are no training points")
        if max_steps is None and seconds is None and max_epochs is None:
            max_epochs = 1
        if self.engine != "numpy":
            from playground.core import kernel

            batch = min(self.config.batch_size, self.n_train)
            compiled = None
            if self.engine == "compiled" or not kernel.prefers_numpy(self.network.sizes, batch):
                compiled = kernel.compiled_kernel(wait=self.engine == "compiled")
            if compiled is not None:
                steps = max_steps
                if seconds is not None:
                    steps = min(max_steps or kernel.UNLIMITED, kernel.steps_for(self, seconds))
                try:
                    return kernel.train_compiled(self, compiled, steps, max_epochs, target_loss)
                except kernel.KernelUnavailableError:
                    pass  # an optimizer the kernel does not know: NumPy takes this slice
        return self._run_slice_numpy(max_steps, seconds, max_epochs, target_loss)

    def _run_slice_numpy(
        self,
        max_steps: int | None,
        seconds: float | None,
        max_epochs: int | None,
        target_loss: float | None,
    ) -> SliceResult:
        deadline = None if seconds is None else time.perf_counter() + seconds
        steps = epochs = 0
        while True:
            epoch = self.epoch
            self.step()
            if self.diverged is not None:
                return SliceResult(steps, epochs, "diverged", "numpy")
            steps += 1
            if self.epoch != epoch:
                epochs += 1
                if max_epochs is not None and epochs >= max_epochs:
                    return SliceResult(steps, epochs, "epochs", "numpy")
                if target_loss is not None and self.history.column("train_loss")[-1] <= target_loss:
                    return SliceResult(steps, epochs, "target", "numpy")
            if (max_steps is not None and steps >= max_steps) or (
                deadline is not None and time.perf_counter() >= deadline
            ):
                return SliceResult(steps, epochs, "budget", "numpy")

    def iter_steps(self) -> Iterator[float]:
        """Yield each step's batch loss until a divergence; pause or abort by not resuming."""
        while self.diverged is None:
            yield self.step()

    # -- evaluation ----------------------------------------------------------------------
    def _loss_and_metric(self, x: Array, t: Array, y: NDArray[np.generic]) -> tuple[float, float]:
        n = len(x)
        if n == 0:
            return math.nan, math.nan
        loss = self.network.loss
        # Chunks keep the network's reusable work arrays small whatever the data size.
        rows = max(256, EVAL_CELLS // max(self.network.sizes))
        total_loss, outputs = 0.0, []
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            for start in range(0, n, rows):
                logits = self.network.logits(x[start : start + rows])
                a = loss.link(logits)
                total_loss += loss.value(logits, a, t[start : start + rows]) * len(a)
                outputs.append(a.copy() if a is logits else a)  # logits is a work array
            a = outputs[0] if len(outputs) == 1 else np.concatenate(outputs)
            return total_loss / n, metric(loss, self.model.task, a, y)

    def evaluate(self) -> Evaluation:
        """Loss and metric over the full training and test sets."""
        train = self._loss_and_metric(self.x_train, self.t_train, self.y_train)
        test = self._loss_and_metric(self.x_test, self.t_test, self.y_test)
        return Evaluation(train[0], test[0], train[1], test[1])
