"""The training loop the worker thread runs: mailbox in, throttled snapshots out.

This module holds no Qt: the loop is driven by
:class:`playground.app.training.worker.TrainingWorker` on a QThread, and by plain
calls in tests. Only this loop touches the live network. Between any two training
steps it looks at its mailbox, so pause, abort and new settings take effect at the
next step.

Snapshots are throttled by time and "latest wins": while the GUI has not yet
acknowledged the previous snapshot, no new one is sent; the history rows keep
accumulating and travel with the next one, so nothing queues without bound and
the curves have no gaps. They keep to a fixed schedule of ``max_fps`` a second
(a late one does not push back the ones after it), and training stretches end
when the next one is due.
"""

from __future__ import annotations

import threading
import time
import traceback
from collections.abc import Callable

import numpy as np

from playground.app.training.mailbox import Mailbox
from playground.app.training.snapshot import (
    Abort,
    Command,
    Rebuild,
    SetData,
    SetFocus,
    SetProbe,
    SetRunning,
    SetStopConditions,
    SetTrainConfig,
    Snapshot,
    StepEpoch,
)
from playground.core import kernel
from playground.core.datasets import Dataset
from playground.core.diagnostics import diagnose
from playground.core.features import FeatureMap
from playground.core.model import Model
from playground.core.network import Network
from playground.core.probes import GridProbe, Rect, evaluate_grid, grid_maps, grid_points
from playground.core.trainer import Trainer


def data_problem(dataset: Dataset) -> str | None:
    """Why ``dataset`` cannot be trained on, or None."""
    n_train = int(np.count_nonzero(~dataset.is_test))
    if n_train == 0:
        return "There are no training points: draw some or pick a preset."
    if dataset.task != "regression" and len(np.unique(dataset.train_y)) < 2:
        return "The training points are all one class: add points of another class."
    return None


#: Shortest time over which a speed sample is taken, and the time constant of its smoothing.
RATE_SAMPLE_S = 0.25
RATE_SMOOTHING_S = 1.0

#: Shortest slice: below this a slice is mostly the Python around the kernel call.
MIN_SLICE_S = 0.001

#: Least training between two snapshots, as a fraction of the snapshot period.
MIN_TRAIN_FRACTION = 0.25


class TrainingLoop:
    """Owns the live model and trainer; turns commands into steps and snapshots.

    Parameters
    ----------
    emit : callable
        Called with each :class:`Snapshot` (from the loop's thread).
    max_fps : float
        Upper bound on snapshots per second.
    slice_s : float
        Longest stretch of training between two looks at the mailbox.
    ack_timeout : float
        How long to wait for the GUI to acknowledge a snapshot before training
        on regardless (a hidden or stalled window must not stop training).
    engine : str
        The trainer's engine: ``numpy``, ``compiled`` or ``auto`` (NumPy until the
        compiled kernel has loaded in the background).
    """

    def __init__(
        self,
        emit: Callable[[Snapshot], None],
        max_fps: float = 30.0,
        slice_s: float = 0.008,
        ack_timeout: float = 0.25,
        engine: str = "auto",
    ) -> None:
        self.mailbox = Mailbox()
        self.engine = engine
        self._off_lock = False  # the last slice ran compiled, off the interpreter lock
        self._emit = emit
        self._min_interval = 1.0 / max_fps
        self._slice_s = slice_s
        self._ack_timeout = ack_timeout
        self._in_flight = threading.Event()
        self.trainer: Trainer | None = None
        self.run_id = -1
        self._seq = 0
        self._running = False
        self._step_epoch = False
        self._dirty = False
        self._message: str | None = None
        self._diverged = False
        self._data_error: str | None = None  # why the trainer refused the latest points
        self._max_epochs: int | None = None
        self._target_loss: float | None = None
        self._probe_rect: Rect = (-6.0, -6.0, 12.0, 12.0)
        self._probe_n = 200
        self._thumb = 40
        self._focus: tuple[int, int] | None = None
        #: ((rect, n), feature map, network inputs of the probe grid), reused while they hold.
        self._grid_inputs: tuple[tuple[Rect, int], FeatureMap, np.ndarray] | None = None
        self._last_emit = 0.0
        self._due = 0.0  # when the next snapshot is due on the schedule
        self._trained_from: float | None = None  # when training resumed after the last one
        self._rate_t = time.perf_counter()
        self._rate_steps = 0
        self._steps_per_s = 0.0
        self._epochs_per_s = 0.0
        self.aborted = False
        #: Unexpected errors the loop survived, newest last (shown to the user as a stop).
        self.errors: list[str] = []

    # -- thread-safe entry points ---------------------------------------------------------
    def post(self, command: Command) -> None:
        """Queue a command for the next step (any thread)."""
        self.mailbox.post(command)

    def acknowledge(self) -> None:
        """The GUI has handled the last snapshot; the next one may be sent (any thread)."""
        self._in_flight.clear()
        self.mailbox.wake()

    # -- the loop -------------------------------------------------------------------------
    def run(self) -> None:
        """Loop until an :class:`Abort` arrives.

        While the GUI is still drawing the last snapshot the loop does not
        train: it waits for the acknowledgement, so the two threads take turns
        with the interpreter lock instead of fighting over it.
        """
        if self.engine != "numpy":
            kernel.warm_up_in_background()  # load (or first compile) while NumPy trains
        while not self.aborted:
            busy = (self._running or self._step_epoch) and self.trainer is not None
            # Compiled slices leave the interpreter lock to the GUI: train while it draws.
            drawing = self._gui_drawing() and not self._off_lock
            if busy and not drawing:
                wait = 0.0
            elif drawing:
                wait = self._ack_timeout - (time.perf_counter() - self._last_emit)
            elif self._dirty:
                wait = self._next_due() - time.perf_counter()
            else:
                wait = 0.05  # nothing to do: sleep until mail
            try:
                self.handle(self.mailbox.drain(min(max(wait, 0.0), 0.05)))
                if self.aborted:
                    break
                if self._off_lock or not self._gui_drawing():
                    self.train_slice()
                self.maybe_emit()
            except Exception as exc:  # a bug must not leave a window whose Play does nothing
                if len(self.errors) < 3:
                    traceback.print_exc()
                self.errors = [*self.errors[-99:], repr(exc)]
                self._stop(f"Training stopped by an internal error: {exc!r}"[:300])

    def _gui_drawing(self) -> bool:
        """True while the last snapshot is unacknowledged (for at most ``ack_timeout``)."""
        if not self._in_flight.is_set():
            return False
        return time.perf_counter() - self._last_emit < self._ack_timeout

    def handle(self, commands: list[Command]) -> None:
        """Apply commands in the order they were posted."""
        for command in commands:
            self._apply(command)

    def _apply(self, c: Command) -> None:
        if isinstance(c, Abort):
            self.aborted = True
        elif isinstance(c, Rebuild):
            self._rebuild(c)
        elif isinstance(c, SetData):
            if self.trainer is not None:
                self._set_data(c.dataset)
        elif isinstance(c, SetTrainConfig):
            if self.trainer is not None:
                self.trainer.set_config(c.config)
            self._train_config = c.config
        elif isinstance(c, SetRunning):
            self._set_running(c.running)
        elif isinstance(c, StepEpoch):
            self._running = False
            self._step_epoch = self._can_train()
            self._dirty = True
        elif isinstance(c, SetStopConditions):
            self._max_epochs, self._target_loss = c.max_epochs, c.target_loss
        elif isinstance(c, SetProbe):
            self._probe_rect, self._probe_n = c.rect, c.resolution
            self._dirty = True
        elif isinstance(c, SetFocus):
            self._focus = c.focus
            self._dirty = True

    def _rebuild(self, c: Rebuild) -> None:
        d = c.dataset
        if c.params is not None and c.features is not None:
            cfg = c.model_config
            sizes = (c.features.n_features, *cfg.hidden, cfg.n_outputs)
            net = Network(sizes, cfg.activations, cfg.loss)
            net.set_params(c.params)
            model = Model(cfg, c.features, net)
        else:
            model = Model.build(c.model_config, d.train_x)
        self.trainer = Trainer(
            model, c.train_config, d.train_x, d.train_y, d.test_x, d.test_y, engine=self.engine
        )
        self.trainer.epoch, self.trainer.step_count = c.start_epoch, c.start_step
        self._train_config = c.train_config
        self._dataset = d
        self._data_error = None
        self.run_id = c.run_id
        self._seq = 0
        self._running = False
        self._step_epoch = False
        self._message = None
        self._diverged = False
        self._trained_from = None
        self._reset_rates()
        self._in_flight.clear()
        self._dirty = True

    def _set_data(self, d: Dataset) -> None:
        """Train on new points from the next step; data that cannot be trained on pauses."""
        assert self.trainer is not None
        self._dataset = d
        self._dirty = True
        try:
            self.trainer.set_data(d.train_x, d.train_y, d.test_x, d.test_y)
        except ValueError as exc:  # the trainer keeps its old points; Play says why
            self._data_error = f"These points cannot be trained on: {exc}."
        else:
            self._data_error = None
        if self._running or self._step_epoch:
            problem = self._data_error or data_problem(d)
            if problem is not None:
                self._stop(f"Paused. {problem}")

    def _can_train(self) -> bool:
        if self.trainer is None:
            return False
        problem = self._data_error or data_problem(self._dataset)
        if problem is not None:
            self._message, self._diverged = problem, False
            return False
        return True

    def _set_running(self, running: bool) -> None:
        self._dirty = True
        self._message, self._diverged = None, False
        if running and not self._can_train():
            self._running = False
            return
        if running and self.trainer is not None:
            self.trainer.resume()
            if self._max_epochs is not None and self.trainer.epoch >= self._max_epochs:
                self._max_epochs = None  # already there: Play means "go on"
        self._running = running
        self._trained_from = None
        self._reset_rates()

    def _update_rates(self, steps_per_s: float, elapsed: float) -> None:
        """Smooth the speed readouts over about ``RATE_SMOOTHING_S``.

        Epochs per second follow from steps per second and the steps an epoch takes,
        so they do not jump with the whole epochs that happen to end in a sample.
        """
        trainer = self.trainer
        assert trainer is not None
        n = max(trainer.n_train, 1)
        steps_per_epoch = -(-n // max(1, min(trainer.config.batch_size, n)))
        if self._steps_per_s == 0.0:  # the first sample after a start is taken as it is
            self._steps_per_s = steps_per_s
        else:
            weight = 1.0 - float(np.exp(-elapsed / RATE_SMOOTHING_S))
            self._steps_per_s += weight * (steps_per_s - self._steps_per_s)
        self._epochs_per_s = self._steps_per_s / steps_per_epoch

    def _reset_rates(self) -> None:
        self._rate_t = time.perf_counter()
        self._rate_steps = 0
        self._steps_per_s = self._epochs_per_s = 0.0

    def train_slice(self) -> None:
        """Train for up to one time slice, or to the end of a stop condition's epoch.

        One call to :meth:`Trainer.run_slice`: with the compiled engine the whole slice
        runs without the interpreter lock, so the window paints meanwhile.
        """
        trainer = self.trainer
        if trainer is None or not (self._running or self._step_epoch):
            return
        now = time.perf_counter()
        if self._trained_from is None:
            self._trained_from = now
        if self._off_lock and self._in_flight.is_set():
            # No snapshot can leave before the window has drawn the last one: train a whole
            # slice off the lock rather than slivers that only fight the window for it.
            seconds = self._slice_s
        else:
            seconds = max(min(now + self._slice_s, self._next_due()) - now, MIN_SLICE_S)
        if self._step_epoch:
            max_epochs: int | None = 1
        elif self._max_epochs is not None:
            max_epochs = max(1, self._max_epochs - trainer.epoch)
        else:
            max_epochs = None
        result = trainer.run_slice(
            seconds=seconds, max_epochs=max_epochs, target_loss=self._target_loss
        )
        self._off_lock = result.engine == "compiled"
        self._rate_steps += result.steps
        self._dirty = True
        if result.stop == "diverged":
            assert trainer.diverged is not None
            self._stop(trainer.diverged.message, diverged=True)
        elif result.stop in ("epochs", "target"):
            if self._step_epoch:
                self._step_epoch = False
            else:
                self._stop_condition_met()

    def _stop_condition_met(self) -> bool:
        trainer = self.trainer
        assert trainer is not None
        if self._max_epochs is not None and trainer.epoch >= self._max_epochs:
            self._stop(f"Stopped after {trainer.epoch} epochs.")
            return True
        if self._target_loss is not None and len(trainer.history):
            loss = trainer.history.column("train_loss")[-1]
            if loss <= self._target_loss:
                self._stop(f"Reached training loss {loss:.4g} at epoch {trainer.epoch}.")
                return True
        return False

    def _stop(self, message: str, diverged: bool = False) -> None:
        self._running = False
        self._step_epoch = False
        self._message, self._diverged = message, diverged
        self._last_emit = self._due = 0.0  # report a stop at once

    def _next_due(self) -> float:
        """When the next snapshot is due: on the schedule, after some training at least.

        A window slower to draw than the schedule allows would otherwise get a snapshot
        after every single step, and training would all but stop.
        """
        if self._trained_from is None or not (self._running or self._step_epoch):
            return self._due
        return max(self._due, self._trained_from + MIN_TRAIN_FRACTION * self._min_interval)

    def maybe_emit(self, force: bool = False) -> bool:
        """Send a snapshot if one is due and the GUI has taken the previous one."""
        if self.trainer is None or not (self._dirty or force):
            return False
        now = time.perf_counter()
        if not force and (self._in_flight.is_set() or now < self._next_due()):
            return False
        snapshot = self.make_snapshot(now)
        self._last_emit = now
        self._due = max(self._due + self._min_interval, now)  # a late one does not shift the rest
        self._trained_from = None
        self._dirty = False
        self._in_flight.set()  # before emitting: the receiver may acknowledge at once
        self._emit(snapshot)
        return True

    def make_snapshot(self, now: float | None = None) -> Snapshot:
        """Copy what the GUI needs from the live trainer."""
        trainer = self.trainer
        assert trainer is not None
        now = time.perf_counter() if now is None else now
        elapsed = now - self._rate_t
        if not self._running:
            self._reset_rates()
        elif elapsed >= RATE_SAMPLE_S:
            self._update_rates(self._rate_steps / elapsed, elapsed)
            self._rate_t, self._rate_steps = now, 0
        # Rows travel once: the GUI keeps the run's history, so the worker forgets what it
        # sent and its memory stays flat however long the run.
        chunk = trainer.history.chunk()
        trainer.history.clear()
        model = trainer.model
        probe, maps, focus_map = self._probe(model)
        params = trainer.network.get_params()
        params.flags.writeable = False
        self._seq += 1
        return Snapshot(
            run_id=self.run_id,
            seq=self._seq,
            epoch=trainer.epoch,
            step=trainer.step_count,
            history=chunk,
            params=params,
            sizes=trainer.network.sizes,
            model_config=model.config,
            features=model.features,
            probe=probe,
            neuron_maps=maps,
            focus=self._focus if focus_map is not None else None,
            focus_map=focus_map,
            diagnostics=diagnose(trainer) if trainer.n_train else None,
            steps_per_s=self._steps_per_s,
            epochs_per_s=self._epochs_per_s,
            running=self._running or self._step_epoch,
            message=self._message,
            diverged=self._diverged,
            engine="compiled" if self._off_lock else "numpy",
            engine_notice=kernel.engine_notice() if self.engine != "numpy" else None,
        )

    def _probe(self, model: Model) -> tuple[GridProbe, tuple[np.ndarray, ...], np.ndarray | None]:
        """Full-resolution output, thumbnails of every neuron, and the focused neuron's map.

        Computed in float32, which pictures do not tell apart and which is several
        times faster; only the maps shown are cut out of the grid's rows.
        """
        n, rect = self._probe_n, self._probe_rect
        cached = self._grid_inputs
        if cached is None or cached[0] != (rect, n) or cached[1] is not model.features:
            cached = (rect, n), model.features, model.inputs(grid_points(rect, n))
            self._grid_inputs = cached
        points = evaluate_grid(model, rect, n, dtype=np.float32, inputs=cached[2])
        columns = (points.inputs, *points.hidden, points.output)
        step = max(1, n // self._thumb)
        first = step // 2
        maps = tuple(
            np.ascontiguousarray(c.reshape(n, n, -1)[first::step, first::step].transpose(2, 0, 1))
            for c in columns
        )
        focus_map = None
        if self._focus is not None:
            column, unit = self._focus
            if 0 <= column < len(columns) and 0 <= unit < columns[column].shape[1]:
                focus_map = columns[column][:, unit].reshape(n, n).copy()
        proba = points.proba.reshape(n, n, -1) if points.proba is not None else None
        empty = np.empty((0, n, n), dtype=points.inputs.dtype)
        box: Rect = tuple(float(v) for v in rect)  # type: ignore[assignment]
        boundary = GridProbe(box, empty, (), grid_maps(points.output, n), proba)
        return boundary, maps, focus_map
