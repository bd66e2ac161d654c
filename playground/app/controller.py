"""The one place that wires panels, the data model, the worker and the plots.

A learning-rate change reads as one straight line: hyper panel signal ->
:meth:`Controller.set_train_config` -> worker mailbox -> trainer
(next step) -> snapshot -> :meth:`Controller._on_worker_snapshot` -> plots.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import partial

import numpy as np
from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal, Slot

from playground.app.backprop_wiring import BackpropWiring
from playground.app.comparing import CompareWiring, ScrubWiring
from playground.app.lens_wiring import wire_lenses
from playground.app.panel_wiring import PanelWiring
from playground.app.param_wiring import ParamWiring
from playground.app.present.pacing import Every, Turns, paint_now
from playground.app.present.presenter import show_network, show_status
from playground.app.present.schedule import Schedule, run_all
from playground.app.present.status_text import focus_text, metric_name, restart_text
from playground.app.present.training_texts import core_text, say
from playground.app.present.views import Frame
from playground.app.state.data_model import DataModel
from playground.app.state.defaults import (
    DEFAULT_MODEL,
    DEFAULT_NOISE,
    DEFAULT_PRESET,
    DEFAULT_TEST_RATIO,
    DEFAULT_TRAIN,
    example_dataset,
    example_points,
)
from playground.app.state.runs import HISTORY_ROWS, Runs
from playground.app.training.commands import (
    Rebuild,
    SetFocus,
    SetProbe,
    SetRunning,
    SetStopConditions,
    SetTrainConfig,
    StepEpoch,
)
from playground.app.training.snapshot import Snapshot
from playground.app.training.worker import TrainingWorker
from playground.app.views.main_window import MainWindow
from playground.app.views.panels.transport import StopConditions
from playground.core.activations import ACTIVATIONS
from playground.core.checkpoints import Checkpoints
from playground.core.config import ModelConfig, TrainConfig
from playground.core.datasets import Dataset
from playground.core.features import FEATURES, FeatureMap
from playground.core.history import History, HistoryChunk
from playground.core.model import Model
from playground.core.settings import AUTO_LOSS
from playground.core.settings import training_data_problem as data_problem
from playground.core.trainer import TrainerState

PROBE_RESOLUTION = 200
#: Most times a second the network diagram shows a frame while training runs.
DIAGRAM_HZ = 15.0
#: The bias pills (57 texts on the spiral) change slowly: this often while training at most.
BIASES_HZ = 5.0
STATUS_HZ = 10.0  # the status bar's readouts (each change repaints the bar beneath)


class Controller(QObject):
    """Owns the run state and connects the window's widgets to the worker."""

    snapshot_shown = Signal(object)
    run_started = Signal(int)

    def __init__(self, window: MainWindow, worker: TrainingWorker | None = None) -> None:
        super().__init__()
        self.window = window
        self.worker = worker or TrainingWorker()
        self.data_model = DataModel(test_ratio=DEFAULT_TEST_RATIO, parent=self)
        self.model_config = DEFAULT_MODEL
        self.train_config = DEFAULT_TRAIN
        self.loss_choice = AUTO_LOSS
        self.stop_conditions = StopConditions()
        #: The runs on screen: the model the snapshots are filed in.
        self.runs = Runs(history_rows=HISTORY_ROWS)
        self.runs.single(self.model_config, self.train_config)
        self.unsaved = False
        self.runs.on_running(self._show_running)
        self._focus: tuple[int, int] | None = None
        self._plays = 0  # Play commands posted: a stop reported before the latest is stale
        self._diagram = Every(DIAGRAM_HZ)  # when the diagram last showed a training frame
        self._biases = Every(BIASES_HZ)  # and the bias pills
        self._status = Every(STATUS_HZ)
        self._schedule = Schedule(window)
        self._turns = Turns(window, self)
        self.probe_resolution = PROBE_RESOLUTION
        self.panels = PanelWiring(self)
        self.comparing = CompareWiring(self)
        self.scrub = ScrubWiring(self)
        self.params = ParamWiring.of(self)
        self.backprop = BackpropWiring.of(self)
        wire_lenses(self)
        self.worker.snapshot_ready.connect(
            self._on_worker_snapshot, Qt.ConnectionType.QueuedConnection
        )

    def start(self, dataset: Dataset | None = None, preset: str = DEFAULT_PRESET) -> None:
        """Start the worker thread on ``dataset``, or else on ``preset``."""
        self.worker.start()
        dp = self.window.data_panel
        dp.set_test_ratio(self.data_model.test_ratio)
        if dataset is None:
            dataset = example_dataset(preset, self.data_model.test_ratio)
            dp.set_generator(preset, example_points(preset), DEFAULT_NOISE, 0)
        self.data_model.replace(dataset, QCoreApplication.translate("Controller", "Load example"))
        self.data_model.undo_stack.clear()
        self.unsaved = False
        self._show_settings()
        self.rebuild(None)

    def shutdown(self) -> bool:
        """Stop drawing and the training thread, and wait for it."""
        self._turns.stop()
        return self.worker.stop()

    def shown_configs(self) -> tuple[ModelConfig, TrainConfig]:
        """The settings the panels show: the active run's (the base when one run)."""
        if self.runs.comparing:
            spec = self.runs.active_run.spec
            return spec.model_config, spec.train_config
        return self.model_config, self.train_config

    def _show_settings(self) -> None:
        w = self.window
        cfg, train = self.shown_configs()
        w.hyper_panel.set_train_config(train)
        w.hyper_panel.set_model_settings(cfg.init, cfg.bias_init, cfg.seed, self.loss_choice)
        w.network_view.set_architecture(
            list(FEATURES),
            {k: f.label for k, f in FEATURES.items()},
            list(cfg.features),
            list(zip(cfg.hidden, cfg.activations)),
            cfg.n_outputs,
            list(ACTIVATIONS),
        )
        w.loss_plot.set_metric_name(metric_name(cfg.task))

    # -- runs -----------------------------------------------------------------------------
    def rebuild(
        self,
        reason: str | None,
        history: HistoryChunk | None = None,
        epoch: int = 0,
        step: int = 0,
        state: TrainerState | None = None,
        checkpoints: tuple[TrainerState, ...] = (),
        weights: tuple[np.ndarray, FeatureMap] | None = None,
    ) -> None:
        """Start a new run with fresh weights (or ``weights``: flat params and features).

        With a ``state`` (and the ``checkpoints`` before it) the run goes on exactly
        where a saved session left it.

        While runs are compared, every run starts again from the base settings with its
        compared value.
        """
        compare = self.runs.compare
        if compare is not None and weights is None:
            if self.comparing.rebuild(compare, reason):
                return
            self.runs.compare = None  # the settings no longer fit it: one run goes on
        self.runs.set_running(False)
        run = self.runs.single(self.model_config, self.train_config)
        if history is not None and history.grad_norms.shape[1] == run.history.n_layers:
            run.history.extend(history)
        if checkpoints:
            run.checkpoints = Checkpoints.from_states(checkpoints, self.runs.max_checkpoints)
        self._clear_views()
        params, features = weights or (None, None)
        self.worker.post(
            Rebuild(
                self.run_id,
                self.model_config,
                self.train_config,
                self.data_model.dataset,
                params,
                features,
                epoch,
                step,
                state,
                checkpoints,
            )
        )
        self.window.set_comparing(False)
        self._after_rebuild(reason)

    def _clear_views(self) -> None:
        w = self.window
        w.loss_plot.clear()
        w.gradient_plot.clear()
        w.loss_plot.set_cursor(None)
        w.gradient_plot.set_cursor(None)

    def _after_rebuild(self, reason: str | None) -> None:
        w = self.window
        stop = self.stop_conditions
        self.worker.post(SetStopConditions(stop.max_epochs, stop.target_loss))
        self.worker.post(SetProbe(w.canvas.view_rect(), PROBE_RESOLUTION))
        if self._focus is not None:
            self.worker.post(SetFocus(self._focus))
        self._show_settings()
        if reason:
            w.show_banner(reason, "info")
        else:
            w.hide_banner()
        self.run_started.emit(self.run_id)

    def _change_model(self, reason: str, config: ModelConfig) -> bool:
        """Apply an architecture/initialisation change; it needs new weights."""
        try:
            Model.build(config)  # validate names and head/task fit before committing
        except ValueError as exc:
            self.window.show_banner(str(exc), "warning")
            self._show_settings()
            return False
        self.model_config = config
        self.unsaved = True
        text = QCoreApplication.translate("Controller", "Network reset: {reason}.")
        self.rebuild(text.format(reason=reason))
        return True

    def configure(self, reason: str, **changes: object) -> bool:
        """Change model settings (which resets the network) from code or the command line."""
        try:
            config = self.model_config.with_changes(**changes)
        except ValueError as exc:
            self.window.show_banner(str(exc), "warning")
            return False
        return self._change_model(reason, config)

    def play(self) -> None:
        """Start training, unless the data cannot be trained on.

        A run that diverged cannot go on from its blown-up weights: Play starts it
        again from the seed's initial weights and says how to keep it from diverging.
        """
        problem = data_problem(self.data_model.dataset)
        if problem is not None:
            self.window.show_banner(core_text(problem), "warning")
            self.runs.set_running(False)
            return
        if not self._restart_if_diverged() and not self._pass_the_stop():
            self.window.hide_banner()
        self._start_running()

    def _pass_the_stop(self) -> bool:
        """Play at or past the stop after N epochs goes on: the stop is switched off, visibly."""
        stop = self.stop_conditions
        if stop.max_epochs is None or self.epoch < stop.max_epochs:
            return False
        self.set_stop_conditions(StopConditions(None, stop.target_loss))
        text = QCoreApplication.translate(
            "Controller",
            "Already at epoch {epoch}: training goes on, and the stop after {epochs} epochs "
            "is off.",
        )
        epochs = f"{stop.max_epochs:,}"
        self.window.show_banner(text.format(epoch=f"{self.epoch:,}", epochs=epochs), "info")
        return True

    def _start_running(self) -> None:
        if self.runs.cursor is not None:  # training goes on from the latest, not the cursor
            self.scrub.back_to_latest()
        self.runs.set_running(True)
        self._plays += 1
        self.worker.post(SetRunning(True))

    def pause(self) -> None:
        """Pause training after the current step."""
        self.runs.set_running(False)
        self.worker.post(SetRunning(False))

    def _show_running(self, running: bool) -> None:
        """What shows whether training goes on: the transport bar, and the scrubber off."""
        self.window.transport.set_running(running)
        self.window.scrubber.set_scrub_enabled(not running)

    def toggle_play(self) -> None:
        """Space: play or pause."""
        if self.runs.running:
            self.pause()
        else:
            self.play()

    def step_epoch(self) -> None:
        """Train one epoch, then pause."""
        problem = data_problem(self.data_model.dataset)
        if problem is not None:
            self.window.show_banner(core_text(problem), "warning")
            return
        self._restart_if_diverged()
        if self.runs.cursor is not None:  # the step goes on from the latest, not the cursor
            self.scrub.back_to_latest()
        self.runs.set_running(False)
        self.worker.post(StepEpoch())

    def _restart_if_diverged(self) -> bool:
        """Start a diverged run again from its initial weights, saying why; False if it had not."""
        diverged_at = self.runs.active_run.diverged_at
        if diverged_at is None or self.runs.comparing:  # a compared run stays stopped alone
            return False
        epoch, old_rate = diverged_at
        self.rebuild(None)
        self.window.show_banner(restart_text(epoch, old_rate, self.train_config), "warning")
        return True

    def reset(self) -> None:
        """New initial weights for the same settings."""
        self.rebuild(QCoreApplication.translate("Controller", "Weights reset."))

    def set_train_config(self, config: TrainConfig) -> None:
        """Apply live training settings."""
        self.unsaved = True
        if not self.runs.comparing:
            self.train_config = config
            self.runs.set_train_config(self.run_id, config)
            self.worker.post(SetTrainConfig(config))
            return
        self.comparing.set_train_config(config)

    @property
    def running(self) -> bool:
        """Whether training is (meant to be) running."""
        return self.runs.running

    def apply_stop_conditions(self, conditions: StopConditions) -> None:
        """Pause on its own after N epochs or at a target loss (as the transport bar says)."""
        self.stop_conditions = conditions
        self.worker.post(SetStopConditions(conditions.max_epochs, conditions.target_loss))

    def set_stop_conditions(self, conditions: StopConditions) -> None:
        """Pause on its own after N epochs or at a target loss (shown in the transport bar)."""
        self.window.transport.set_stop_conditions(conditions)
        self.apply_stop_conditions(conditions)

    # -- snapshots ------------------------------------------------------------------------
    @Slot(object)
    def _on_worker_snapshot(self, snap: Snapshot) -> None:
        """Show a snapshot, draw it, then let the worker train on.

        The worker waits for the acknowledgement, so drawing and training take turns
        with the interpreter lock. Everything is drawn before it (see ``pacing.paint_now``):
        a repaint left for later would run while the worker trains and fight it for the
        lock. While training runs, the canvas comes first, then the network diagram and
        any due curves in turns of their own, so that timers and input get in between
        and no single stretch of GUI work runs long.
        """
        if self._turns.stopped:  # a snapshot still queued when the window closed
            return
        turns: list[Callable[[], None]] = []
        try:
            if self.runs.receive(snap) is not None:  # filed under its runs, unless stale
                turns = self._show_snapshot(snap)
            paint_now(self.window, rounds=1)
        finally:
            # A last turn draws what the drawing before it queued in its turn.
            self._turns.run([*turns, lambda: paint_now(self.window)], self.worker.acknowledge)

    def _show_snapshot(self, snap: Snapshot) -> list[Callable[[], None]]:
        """Show a snapshot; return what is left for later turns while training runs.

        ``snap`` may speak for several runs (compare mode): the active one's is shown in
        the diagram, the canvas and the status bar, and every registered view presents
        the frame.
        """
        w = self.window
        frame = Frame(snap, self.runs)
        shown = next((s for s in snap.all_runs() if s.run_id == self.run_id), None)
        if shown is None:  # the active run changed while this was on its way
            return [lambda: self._schedule.present(frame, time.perf_counter(), force=True)]
        snap = shown
        now = time.perf_counter()
        turns = self._schedule.turns(frame, now, force=not snap.running)
        # The dearest view, the diagram, shows at most DIAGRAM_HZ training frames a second
        # (half as many beside compared runs' tiles); a stop or a step always at once.
        self._diagram.period = (2.0 if self.runs.comparing else 1.0) / DIAGRAM_HZ
        if self._diagram.due(now, force=not snap.running):
            network = partial(self._show_network, snap)
            if turns and self.runs.comparing:  # the tiles and the table draw with the diagram
                turns[0] = partial(run_all, [network, turns[0]])
            else:
                turns.insert(0, network)
        if not snap.running:  # at once: whoever waits for the stop sees everything
            for turn in turns:
                turn()
            turns = []
        probe = snap.probe
        if probe is not None:
            values = probe.proba if probe.proba is not None else probe.output[0]
            w.canvas.show_boundary(values, probe.rect, snap.model_config.task)
        if snap.focus_map is not None and snap.focus == self._focus and probe is not None:
            w.canvas.show_neuron_map(snap.focus_map, probe.rect, focus_text(snap))
        w.transport.show_progress(snap.epoch, snap.steps_per_s, snap.epochs_per_s)
        if self._status.due(now, force=not snap.running or snap.diverged):
            show_status(self.window, snap, self.history)
        stopped = not snap.running and snap.plays >= self._plays  # not an old stop
        if snap.message is not None and stopped and self.runs.running:
            self.runs.set_running(False)
            w.show_banner(say(snap.message), "error" if snap.diverged else "info")
        if snap.checkpoints or not snap.running:
            self._update_scrubber(snap)
        self.snapshot_shown.emit(snap)
        return turns

    def _show_network(self, snap: Snapshot) -> None:
        if snap.run_id != self.run_id:  # the network was rebuilt meanwhile
            return
        biases = self._biases.due(time.perf_counter(), force=not snap.running)
        show_network(self.window.network_view, snap, biases=biases)

    def _update_scrubber(self, snap: Snapshot) -> None:
        if snap.preview_epoch is None:
            self.scrub.refresh()

    # -- the active run (GUI thread only) -------------------------------------------------
    @property
    def run_id(self) -> int:
        """The id of the active run (snapshots of others are not shown as it)."""
        return self.runs.active_run.run_id

    @property
    def history(self) -> History:
        """The active run's history."""
        return self.runs.active_run.history

    @property
    def last_snapshot(self) -> Snapshot | None:
        """The active run's latest snapshot."""
        return self.runs.active_run.last

    @property
    def epoch(self) -> int:
        """Epochs trained in the current run, as of the last snapshot."""
        return self.last_snapshot.epoch if self.last_snapshot is not None else 0

    def current_model(self) -> Model | None:
        """A copy of the network as of the last snapshot, or None before the first."""
        return self.last_snapshot.to_model() if self.last_snapshot is not None else None
