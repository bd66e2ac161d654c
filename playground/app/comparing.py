"""Compare mode and the history scrubber, wired for the controller.

Two small mixin-free helpers the :class:`~playground.app.controller.Controller` owns:
:class:`CompareWiring` turns "Compare…", a click on a tile or a table row and "End
Comparison" into :class:`~playground.app.state.runs.Runs` changes and worker commands;
:class:`ScrubWiring` turns the scrubber's cursor, "Resume from here" and its undo into
checkpoint previews and restores. Neither holds state of its own beyond the Runs model.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from playground.app.state.runs import Fork, Run, RunSpec
from playground.app.training.commands import (
    Compare,
    Preview,
    Rebuild,
    Restore,
    SetActive,
    SetTrainConfig,
)
from playground.app.views.compare.dialog import CompareDialog, CompareKeyInfo
from playground.core.activations import ACTIVATIONS
from playground.core.checkpoints import Checkpoints
from playground.core.compare import (
    COMPARE_KEYS,
    RUN_SEPARATOR,
    CompareSpec,
    apply_compare,
    parse_compare,
)
from playground.core.config import TrainConfig
from playground.core.initializers import INITIALIZERS
from playground.core.optimizers import OPTIMIZERS
from playground.core.sessions import SessionRun

if TYPE_CHECKING:
    from playground.app.controller import Controller


def key_infos() -> dict[str, CompareKeyInfo]:
    """What the Compare dialog offers, from the core's table of compare keys."""
    choices: dict[str, tuple[str, ...]] = {
        "activation": tuple(ACTIVATIONS),
        "init": tuple(INITIALIZERS),
        "optimizer": tuple(OPTIMIZERS),
    }
    return {
        name: CompareKeyInfo(name, key.help, choices.get(name), lists=key.lists)
        for name, key in COMPARE_KEYS.items()
    }


class CompareWiring:
    """Compare mode: 2–4 runs that differ in one setting, in lock step."""

    def __init__(self, controller: Controller) -> None:
        self.c = controller
        w = controller.window
        w.menu_actions["compare"].triggered.connect(self.ask)
        w.menu_actions["end_compare"].triggered.connect(self.end)
        tiles, table = w.views["runs"], w.views["compare_table"]
        tiles.run_selected.connect(self.select)  # type: ignore[attr-defined]
        table.run_selected.connect(self.select)  # type: ignore[attr-defined]

    def ask(self) -> None:
        """Open the Compare dialog; OK starts the comparison."""
        c = self.c
        model, train = c.shown_configs()
        current = {
            "activation": model.activations[0] if model.activations else "",
            "init": model.init,
            "lr": f"{train.learning_rate:g}",
            "optimizer": train.optimizer,
        }
        dialog = CompareDialog(key_infos(), current, c.window)
        if c.runs.compare is not None:
            dialog.set_spec_text(compare_text(c.runs.compare))
        if dialog.exec():
            self.start(dialog.spec_text())

    def start(self, text: str | list[str] | CompareSpec) -> bool:
        """Compare runs that differ as ``text`` says (e.g. "activation=sigmoid,relu").

        A list of such texts makes runs that differ in all of them, value by value.
        """
        c = self.c
        try:
            spec = text if isinstance(text, CompareSpec) else parse_compare(text)
            apply_compare(spec, c.model_config, c.train_config)
        except ValueError as exc:
            c.window.show_banner(str(exc), "warning")
            return False
        c.unsaved = True
        text = QCoreApplication.translate("Comparing", "Comparing {runs}, in lock step.")
        return self.rebuild(spec, text.format(runs=" vs ".join(spec.labels())))

    def rebuild(self, spec: CompareSpec, reason: str | None) -> bool:
        """Start every compared run again from the base settings (False if they do not fit)."""
        c = self.c
        try:
            derived = apply_compare(spec, c.model_config, c.train_config)
        except ValueError as exc:
            c.window.show_banner(str(exc), "warning")
            return False
        active = min(c.runs.active, len(derived) - 1)
        made = c.runs.replace(
            [RunSpec(label, m, t) for label, m, t in derived], compare=spec, active=active
        )
        c.runs.set_running(False)
        c._clear_views()
        data = c.data_model.dataset
        rebuilds = tuple(
            Rebuild(run.run_id, run.spec.model_config, run.spec.train_config, data) for run in made
        )
        c.worker.post(Compare(rebuilds, active))
        self._show_views(made)
        c._after_rebuild(reason)
        return True

    def restore(self, spec: CompareSpec, runs: Sequence[SessionRun], active: int) -> None:
        """Compare a saved session's runs again, each where it was left."""
        c = self.c
        made = c.runs.replace(
            [RunSpec(r.label, r.model_config, r.train_config) for r in runs],
            compare=spec,
            active=active,
        )
        rebuilds = []
        data = c.data_model.dataset
        for run, saved in zip(made, runs, strict=True):
            history = saved.history
            if history is not None and history.grad_norms.shape[1] == run.history.n_layers:
                run.history.extend(history)
            run.checkpoints = Checkpoints.from_states(saved.checkpoints, c.runs.max_checkpoints)
            model = saved.model
            fits = model is not None and model.config == saved.model_config
            rebuilds.append(
                Rebuild(
                    run.run_id,
                    saved.model_config,
                    saved.train_config,
                    data,
                    model.network.get_params() if fits and model is not None else None,
                    model.features if fits and model is not None else None,
                    saved.epoch if fits else 0,
                    saved.step if fits else 0,
                    saved.state if fits else None,
                    saved.checkpoints if fits else (),
                )
            )
        c.runs.set_running(False)
        c._clear_views()
        c.worker.post(Compare(tuple(rebuilds), c.runs.active))
        self._show_views(made)
        c._after_rebuild(None)

    def _show_views(self, made: list[Run]) -> None:
        c, w = self.c, self.c.window
        labels = [run.label for run in made]
        w.views["runs"].set_runs(labels)  # type: ignore[attr-defined]
        w.views["compare_table"].set_runs(labels)  # type: ignore[attr-defined]
        self._show_selected()
        ds = c.data_model.dataset
        w.views["runs"].show_points(ds.x, ds.y, ds.is_test, ds.task, ds.n_classes)  # type: ignore[attr-defined]
        w.set_comparing(True)

    def set_train_config(self, config: TrainConfig) -> None:
        """A live change while comparing: the compared setting changes the selected run only.

        Any other setting changes on every run (and the base), so that the runs still
        differ in the compared setting alone.
        """
        c = self.c
        active = c.runs.active_run
        old = active.spec.train_config
        changed = {
            name: getattr(config, name)
            for name in TrainConfig.__dataclass_fields__
            if getattr(config, name) != getattr(old, name)
        }
        compared = c.runs.compare.keys if c.runs.compare is not None else ()
        fields = {_compare_field(key) for key in compared}
        own = {k: v for k, v in changed.items() if k in fields}
        shared = {k: v for k, v in changed.items() if k not in own}
        if shared:
            c.train_config = c.train_config.with_changes(**shared)
        for run in c.runs.runs:
            updates = {**shared, **(own if run is active else {})}
            if updates:
                new = run.spec.train_config.with_changes(**updates)
                c.runs.set_train_config(run.run_id, new)
                c.worker.post(SetTrainConfig(new, run.run_id))

    def end(self) -> None:
        """Keep the selected run only, with its weights and history."""
        c = self.c
        if not c.runs.comparing:
            return
        run = c.runs.active_run
        c.model_config, c.train_config = run.spec.model_config, run.spec.train_config
        snap = run.live
        history = run.history.chunk()
        c.runs.compare = None
        text = QCoreApplication.translate("Comparing", "Comparison ended: {run} goes on alone.")
        reason = text.format(run=run.label)
        if snap is not None:
            weights = (np.asarray(snap.params), snap.features)
            c.rebuild(reason, history, snap.epoch, snap.step, weights=weights)
        else:
            c.rebuild(reason)

    def select(self, index: int) -> None:
        """Show run ``index`` in the diagram, the canvas and the settings panels."""
        c = self.c
        if not c.runs.select(index):
            return
        c.worker.post(SetActive(c.runs.active_run.run_id))
        self._show_selected()
        c._show_settings()
        snap = c.runs.active_run.last
        if snap is not None:
            c.window.network_view.show_weights(snap.weights())

    def _show_selected(self) -> None:
        c = self.c
        index = c.runs.active
        for name in ("runs", "compare_table"):
            c.window.views[name].set_selected(index)  # type: ignore[attr-defined]
        text = QCoreApplication.translate("Comparing", "The diagram shows {run}")
        c.window.network_view.setToolTip(text.format(run=c.runs.active_run.label))


def compare_text(spec: CompareSpec) -> str:
    """The spec's first setting as typed: key=v1,v2 (the dialog edits one setting)."""
    sep = RUN_SEPARATOR if COMPARE_KEYS[spec.key].lists else ","
    return f"{spec.key}={sep.join(spec.values)}"


class _ResumeCommand(QUndoCommand):
    """Resume from a checkpoint, undoably: undo puts the dropped epochs back."""

    def __init__(self, wiring: ScrubWiring, fork: Fork) -> None:
        text = QCoreApplication.translate("Comparing", "Resume from epoch {epoch}")
        super().__init__(text.format(epoch=fork.epoch))
        self.wiring, self.fork = wiring, fork
        self._first = True

    def redo(self) -> None:
        if self._first:  # the fork itself was made before the command was pushed
            self._first = False
            return
        c = self.wiring.c
        c.runs.set_cursor(self.fork.epoch)
        fork = c.runs.fork()
        if fork is not None:
            self.fork = fork
            c.worker.post(Restore(fork.restored))
        self.wiring.refresh()

    def undo(self) -> None:
        c = self.wiring.c
        c.pause()
        c.worker.post(Restore(c.runs.unfork(self.fork)))
        self.wiring.refresh()


class ScrubWiring:
    """The history scrubber: look back through the checkpoints while paused, resume from one."""

    def __init__(self, controller: Controller) -> None:
        self.c = controller
        s = controller.window.scrubber
        s.cursor_moved.connect(self.move_to)
        s.resume_requested.connect(self.resume)
        s.live_requested.connect(self.back_to_latest)
        actions = controller.window.menu_actions
        actions["scrub_back"].triggered.connect(lambda: s.step(-1))
        actions["scrub_forward"].triggered.connect(lambda: s.step(1))

    def refresh(self) -> None:
        """Give the scrubber the active run's checkpoint epochs."""
        c = self.c
        s = c.window.scrubber
        s.set_epochs(c.runs.checkpoint_epochs())
        s.set_scrub_enabled(not c.running)

    def move_to(self, epoch: int) -> None:
        """Show every run as it was at its checkpoint at or before ``epoch``."""
        c = self.c
        if c.running:
            return
        epochs = c.runs.checkpoint_epochs()
        latest = epochs[-1] if epochs else None
        if epoch == latest:
            self.back_to_latest()
            return
        states = c.runs.set_cursor(epoch)
        c.worker.post(Preview(states))
        for plot in (c.window.loss_plot, c.window.gradient_plot):
            plot.set_cursor(epoch)

    def back_to_latest(self) -> None:
        """Leave the checkpoints and show the live runs again."""
        c = self.c
        c.runs.set_cursor(None)
        c.worker.post(Preview(None))
        for plot in (c.window.loss_plot, c.window.gradient_plot):
            plot.set_cursor(None)

    def resume(self) -> None:
        """Fork every run from the cursor's checkpoint; undoable with Ctrl+Z."""
        c = self.c
        fork = c.runs.fork()
        if fork is None:
            return
        c.worker.post(Restore(fork.restored))
        for plot in (c.window.loss_plot, c.window.gradient_plot):
            plot.set_cursor(None)
        c.data_model.undo_stack.push(_ResumeCommand(self, fork))
        text = QCoreApplication.translate(
            "Comparing",
            "Resumed from epoch {epoch}; the later epochs were dropped (Ctrl+Z brings them back).",
        )
        c.window.show_banner(text.format(epoch=f"{fork.epoch:,}"), "info")
        c.unsaved = True
        self.refresh()


#: Compare keys that are training settings, by the TrainConfig field they set.
_TRAIN_KEYS = {
    "lr": "learning_rate",
    "optimizer": "optimizer",
    "batch": "batch_size",
    "l1": "l1",
    "l2": "l2",
    "momentum": "momentum",
}


def _compare_field(key: str) -> str | None:
    """The TrainConfig field a compare key sets, or None for a model setting."""
    return _TRAIN_KEYS.get(key)
