"""The training loop the worker thread runs: mailbox in, throttled snapshots out.

This module holds no Qt: the loop is driven by
:class:`playground.app.training.worker.TrainingWorker` on a QThread, and by plain
calls in tests. Only this loop touches the live networks. Between any two training
slices it looks at its mailbox, so pause, abort and new settings take effect at once.

It trains one run, or 2–4 compared runs in lock step (:mod:`.lock_step`): the same data,
the same seed and so the same mini-batch order, and every run at the same epoch in
every snapshot. A compared run that diverges stops alone and says so.

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

from playground.app.training import frames, lock_step, messages, param_edits, solo
from playground.app.training.commands import (
    Abort,
    Command,
    Compare,
    EditParameter,
    Preview,
    Rebuild,
    Restore,
    SetActive,
    SetData,
    SetFocus,
    SetProbe,
    SetRunning,
    SetStopConditions,
    SetTrainConfig,
    StepEpoch,
)
from playground.app.training.probing import Prober
from playground.app.training.rates import Rates
from playground.app.training.slot import RunSlot
from playground.app.training.snapshot import Snapshot
from playground.core import kernel, probe_engine
from playground.core.datasets import Dataset
from playground.core.settings import training_data_problem
from playground.core.trainer import Trainer, TrainerState

#: Shortest slice: below this a slice is mostly the Python around the kernel call.
MIN_SLICE_S = 0.001

#: Least training between two snapshots, as a fraction of the snapshot period.
MIN_TRAIN_FRACTION = 0.25

#: Checkpoints each run keeps (the window keeps the same).
MAX_CHECKPOINTS = 200


class TrainingLoop:
    """Owns the live runs; turns commands into training slices and snapshots.

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
        The trainers' engine: ``numpy``, ``compiled`` or ``auto`` (NumPy until the
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
        from playground.app.training.mailbox import Mailbox

        self.mailbox = Mailbox()
        self.engine = engine
        #: ``auto`` uses NumPy until the first frame is drawn: loading numba holds the lock ~1 s.
        self._held = engine == "auto"
        self._sent = False  # a snapshot has left
        self._off_lock = False  # the last slice ran compiled, off the interpreter lock
        self._emit = emit
        self._min_interval = 1.0 / max_fps
        self._slice_s = slice_s
        self._ack_timeout = ack_timeout
        self._in_flight = threading.Event()
        #: The next snapshot, made while the window still drew the last (see maybe_emit).
        self._pending: Snapshot | None = None
        self._pending_lock = threading.Lock()
        self.slots: list[RunSlot] = []
        self.active = 0
        self.prober = Prober(engine="numpy" if self._held else engine)
        self._dataset: Dataset | None = None
        self._running = False
        self._step_epoch = False
        self._step_goal: int | None = None  # the epoch a "step one epoch" trains every run to
        self._dirty = False
        self._message: str | None = None
        self._diverged = False
        self.plays = 0  # Play commands taken: snapshots carry it so old stops can be told
        self._data_error: str | None = None  # why the trainers refused the latest points
        self._max_epochs: int | None = None
        self._target_loss: float | None = None
        self._focus: tuple[int, int] | None = None
        self._preview: dict[int, TrainerState] | None = None
        self._last_emit = 0.0
        self._due = 0.0  # when the next snapshot is due on the schedule
        self._trained_from: float | None = None  # when training resumed after the last one
        self.rates = Rates()
        self.aborted = False
        #: Unexpected errors the loop survived, newest last (shown to the user as a stop).
        self.errors: list[str] = []

    # -- the active run -------------------------------------------------------------------
    @property
    def trainer(self) -> Trainer | None:
        """The active run's trainer (worker thread only), or None before the first run."""
        return self.slots[self.active].trainer if self.slots else None

    @property
    def run_id(self) -> int:
        """The active run's id, or -1."""
        return self.slots[self.active].run_id if self.slots else -1

    # -- thread-safe entry points ---------------------------------------------------------
    def post(self, command: Command) -> None:
        """Queue a command for the next step (any thread)."""
        self.mailbox.post(command)

    def acknowledge(self) -> None:
        """The GUI has handled the last snapshot (any thread): one made ahead may leave.

        It leaves with the loop's next look, from the loop's own thread (:meth:`send_ahead`).
        """
        self._in_flight.clear()
        self.mailbox.wake()

    def send_ahead(self) -> bool:
        """Send the snapshot made ahead, if there is one and the GUI has taken the last."""
        with self._pending_lock:
            pending = self._pending
            if pending is None or self._in_flight.is_set():
                return False
            self._pending = None
            self._last_emit = time.perf_counter()
            self._in_flight.set()  # before emitting: the receiver may acknowledge at once
        self._emit(pending)
        self._sent = True
        return True

    # -- the loop -------------------------------------------------------------------------
    def run(self) -> None:
        """Loop until an :class:`Abort` arrives.

        While the GUI is still drawing the last snapshot the loop does not
        train: it waits for the acknowledgement, so the two threads take turns
        with the interpreter lock instead of fighting over it.
        """
        if self.engine == "compiled":
            kernel.warm_up_in_background()  # load (or first compile) while NumPy trains
            probe_engine.warm_up_in_background()  # the probe's kernel too, at start
        while not self.aborted:
            if self._held and self._sent and not self._gui_drawing():
                self._release_engine()  # the first frame is on screen
            busy = (self._running or self._step_epoch) and bool(self.slots)
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
                self.send_ahead()  # before the next slice: the window is waiting for it
                if self._off_lock or not self._gui_drawing():
                    self.train_slice()
                self.maybe_emit()
            except Exception as exc:  # a bug must not leave a window whose Play does nothing
                if len(self.errors) < 3:
                    traceback.print_exc()
                self.errors = [*self.errors[-99:], repr(exc)]
                self._stop(messages.internal_error(exc))

    def _release_engine(self) -> None:
        """Let ``auto`` load the compiled kernels in the background and use them once loaded."""
        self._held = False
        for slot in self.slots:
            slot.trainer.engine = self.engine
        self.prober.engine = self.engine
        kernel.warm_up_in_background()
        probe_engine.warm_up_in_background()

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
            self._replace([c], 0)
        elif isinstance(c, Compare):
            self._replace(list(c.runs), c.active)
        elif isinstance(c, SetData):
            if self.slots:
                self._set_data(c.dataset)
        elif isinstance(c, SetTrainConfig):
            for slot in self.slots:
                if c.run_id is None or slot.run_id == c.run_id:
                    slot.trainer.set_config(c.config)
        elif isinstance(c, SetRunning):
            self._set_running(c.running)
        elif isinstance(c, StepEpoch):
            self._start_step()
        elif isinstance(c, SetStopConditions):
            self._max_epochs, self._target_loss = c.max_epochs, c.target_loss
        elif isinstance(c, SetProbe):
            self.prober.set_grid(c.rect, c.resolution)
            self._dirty = True
        elif isinstance(c, SetFocus):
            self._focus = c.focus
            self._dirty = True
        elif isinstance(c, SetActive):
            self._set_active(c.run_id)
        elif isinstance(c, Preview):
            self._preview = c.states
            self._dirty = True
        elif isinstance(c, Restore):
            self._restore(c.states)
        elif isinstance(c, EditParameter):
            param_edits.apply(self, c)

    def _replace(self, commands: list[Rebuild], active: int) -> None:
        engine = "numpy" if self._held else self.engine
        self.slots = [RunSlot(c, engine, MAX_CHECKPOINTS) for c in commands]
        self.active = min(max(active, 0), len(self.slots) - 1)
        self._dataset = commands[0].dataset
        self._data_error = None
        self._running = False
        self._step_epoch = False
        self._step_goal = None
        self._message = None
        self._diverged = False
        self._preview = None
        self._trained_from = None
        self.rates.reset()
        with self._pending_lock:
            self._pending = None  # of runs that are gone
            self._in_flight.clear()
        self._dirty = True

    def _set_active(self, run_id: int) -> None:
        for index, slot in enumerate(self.slots):
            if slot.run_id == run_id:
                self.active = index
                self._dirty = True

    def _restore(self, states: dict[int, TrainerState]) -> None:
        with self._pending_lock:  # rows past the fork, which the window drops as well
            self._pending = None
        for slot in self.slots:
            if slot.run_id in states:
                slot.restore(states[slot.run_id])
        self._preview = None
        self._message, self._diverged = None, False
        self._dirty = True

    def _set_data(self, d: Dataset) -> None:
        """Train on new points from the next step; data that cannot be trained on pauses."""
        self._dataset = d
        self._dirty = True
        try:
            for slot in self.slots:
                slot.trainer.set_data(d.train_x, d.train_y, d.test_x, d.test_y)
        except ValueError as exc:  # the trainers keep their old points; Play says why
            self._data_error = messages.cannot_train(exc)
        else:
            self._data_error = None
        if self._running or self._step_epoch:
            problem = self._data_error or training_data_problem(d)
            if problem is not None:
                self._stop(messages.paused(problem))

    def _can_train(self) -> bool:
        if not self.slots or self._dataset is None:
            return False
        problem = self._data_error or training_data_problem(self._dataset)
        if problem is not None:
            self._message, self._diverged = messages.core_text(problem), False
            return False
        return True

    def _start_step(self) -> None:
        self._running = False
        self._step_epoch = self._can_train()
        alive = [s.epoch for s in self.slots if not s.done]
        self._step_goal = max(alive) + 1 if self._step_epoch and alive else None
        self._preview = None
        self._dirty = True

    def _set_running(self, running: bool) -> None:
        self._dirty = True
        self.plays += running
        self._message, self._diverged = None, False
        self._preview = None
        if running and not self._can_train():
            self._running = False
            return
        if running:
            for slot in self.slots:
                slot.trainer.resume()
        else:
            self._checkpoint_latest()
        self._running = running
        self._trained_from = None
        self.rates.reset()

    def _checkpoint_latest(self) -> None:
        """Keep the latest exact state of every run: a pause is where one resumes."""
        for slot in self.slots:
            slot.capture()

    # -- training -------------------------------------------------------------------------
    def train_slice(self) -> None:
        """Train for up to one time slice: one run, or the compared runs in lock step."""
        if not self.slots or not (self._running or self._step_epoch):
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
        if len(self.slots) == 1:
            solo.train(self, self.slots[0], seconds)
        else:
            lock_step.train(self, seconds)

    def _end_step(self) -> None:
        self._step_epoch = False
        self._step_goal = None
        self._checkpoint_latest()

    def _stop(self, message: str, diverged: bool = False) -> None:
        self._running = False
        self._step_epoch = False
        self._step_goal = None
        self._message, self._diverged = message, diverged
        self._last_emit = self._due = 0.0  # report a stop at once
        self._dirty = True
        if self.slots:
            self._checkpoint_latest()

    def _next_due(self) -> float:
        """When the next snapshot is due: on the schedule, after some training at least.

        A window slower to draw than the schedule allows would otherwise get a snapshot
        after every single step, and training would all but stop.
        """
        if self._trained_from is None or not (self._running or self._step_epoch):
            return self._due
        return max(self._due, self._trained_from + MIN_TRAIN_FRACTION * self._min_interval)

    # -- snapshots ------------------------------------------------------------------------
    def maybe_emit(self, force: bool = False) -> bool:
        """Send a snapshot if one is due and the GUI has taken the previous one.

        While the GUI still draws the last one, a compiled run (off the interpreter lock)
        that is training makes the next one ahead when it is due, so that it leaves the
        moment the GUI is free instead of a slice and a probe later.
        """
        if not force and self.send_ahead():
            return True
        if not self.slots or not (self._dirty or force):
            return False
        now = time.perf_counter()
        ahead = not force and self._in_flight.is_set()
        training = self._running or self._step_epoch  # paused, a frame shows the latest
        if ahead and (not (self._off_lock and training) or self._pending is not None):
            return False
        if not force and now < self._next_due():
            return False
        if not force and not lock_step.in_step(self):
            return False  # compared runs are shown at the same epoch only
        snapshot = self.make_snapshot(now)
        self._due = max(self._due + self._min_interval, now)  # a late one does not shift the rest
        self._trained_from = None
        self._dirty = False
        with self._pending_lock:
            if ahead and self._in_flight.is_set():
                self._pending = snapshot  # send_ahead() sends it once the GUI is free
                return True
            earlier, self._pending = self._pending, None  # a forced one goes after it
            self._last_emit = now
            self._in_flight.set()  # before emitting: the receiver may acknowledge at once
        if earlier is not None:
            self._emit(earlier)
        self._emit(snapshot)
        self._sent = True
        return True

    def make_snapshot(self, now: float | None = None) -> Snapshot:
        """Copy what the GUI needs from the live runs (or the checkpoints being looked at)."""
        now = time.perf_counter() if now is None else now
        running = self._running or self._step_epoch
        trainer = self.trainer
        assert trainer is not None
        self.rates.sample(now, running, trainer.n_train, trainer.config.batch_size)
        made = [
            frames.snapshot(self, slot, full=index == self.active, running=running, now=now)
            for index, slot in enumerate(self.slots)
        ]
        main = made[self.active]
        others = tuple(s for i, s in enumerate(made) if i != self.active)
        if not others:
            return main
        return frames.with_companions(main, others)
