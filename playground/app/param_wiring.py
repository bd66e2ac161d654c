"""Weights and biases typed into the diagram, wired to the runs: undoable, applied live.

The diagram asks with ``parameter_edit_requested(run id or None, flat index, value)``.
:class:`ParamWiring` leaves a checkpoint being looked at first (as Play does: the edit
is of the live run), then pushes an :class:`EditCommand` onto the window's undo stack.
Its redo and its undo each post an
:class:`~playground.app.training.commands.EditParameter` to the worker, which applies
it at the next step while training, at once while paused; Ctrl+Z puts the old value
back the same way. In compare mode the edit goes to the run the diagram shows, the
selected one, and to no other.

It also keeps the diagram told which run it shows and what that run's biases are.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QUndoCommand

from playground.app.training.commands import EditParameter
from playground.app.views.numbers import compact

if TYPE_CHECKING:
    from playground.app.controller import Controller


class EditCommand(QUndoCommand):
    """Set one parameter of one run; undo sets the value it had before."""

    def __init__(
        self, wiring: ParamWiring, run_id: int, index: int, old: float, new: float
    ) -> None:
        text = QCoreApplication.translate("ParamWiring", "Set parameter {index} to {value}")
        super().__init__(text.format(index=index, value=compact(new)))
        self.wiring, self.run_id, self.index = wiring, run_id, index
        self.old, self.new = old, new

    def redo(self) -> None:
        self.wiring.post(self.run_id, self.index, self.new)

    def undo(self) -> None:
        self.wiring.post(self.run_id, self.index, self.old)


class ParamWiring(QObject):
    """Connects the diagram's value edits to the undo stack and the worker (see the module)."""

    def __init__(self, controller: Controller) -> None:
        super().__init__(controller)
        self.c = controller
        nv = controller.window.network_view
        nv.parameter_edit_requested.connect(self.edit)
        controller.runs.subscribe(self._on_runs_changed)
        self._on_runs_changed()

    @classmethod
    def of(cls, controller: Controller) -> ParamWiring:
        """The controller's wiring, made on first use (so that it is never made twice)."""
        found = controller.findChild(cls)
        return found if isinstance(found, cls) else cls(controller)

    def _on_runs_changed(self) -> None:
        """The diagram names the active run and shows its biases (the output layer's too)."""
        nv = self.c.window.network_view
        run = self.c.runs.active_run
        nv.set_run_id(run.run_id)
        if run.last is None or not run.last.running:  # while training: with the diagram
            nv.show_biases(run.last.biases() if run.last is not None else None)

    def edit(self, run_id: int | None, index: int, value: float) -> bool:
        """Set parameter ``index`` of run ``run_id`` (None: the active run), undoably.

        False, with a message, when the run is gone or nothing is known of its weights.
        """
        c = self.c
        run = c.runs.active_run if run_id is None else c.runs.by_id(run_id)
        if run is None:
            text = QCoreApplication.translate(
                "ParamWiring", "That run has been replaced: the value was not applied."
            )
            c.window.show_banner(text, "info")
            return False
        if c.runs.cursor is not None:  # an edit is of the live run, as Play goes on from it
            c.scrub.back_to_latest()
        snap = run.live or run.last
        if snap is None or not 0 <= index < snap.params.size or not np.isfinite(value):
            return False
        old = float(snap.params[index])
        c.data_model.undo_stack.push(EditCommand(self, run.run_id, index, old, float(value)))
        c.unsaved = True
        return True

    def post(self, run_id: int, index: int, value: float) -> None:
        """Send one value to the worker, unless its run has been replaced since."""
        if self.c.runs.by_id(run_id) is not None:
            self.c.worker.post(EditParameter(run_id, index, value))
