"""The backprop inspector wired to the data, the canvas and the network diagram.

:class:`BackpropWiring` gives the inspector the data points to choose from, turns its
"Pick on canvas" toggle into the canvas's pick mode and a pick back into the chosen
point (ringed on the canvas), makes a click on a point in the hidden-space view choose
it the same way (both name it by its index in the data set), presents the trace again
at once when the point, the phase or the selected run changes (the schedule presents it
with every frame), and puts what the inspector passes on onto the diagram. It keeps no
state beyond the last active run it saw.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject

from playground.app.present.backprop import present_backprop
from playground.app.present.views import Frame
from playground.app.views.lenses.backprop import BackpropInspector
from playground.app.views.lenses.hidden_space import HiddenSpaceView
from playground.app.views.network_view.badges import TraceOverlay
from playground.core.datasets import Dataset

if TYPE_CHECKING:
    from playground.app.controller import Controller

NAME = "lens_backprop"
HIDDEN_SPACE = "lens_hidden_space"


class BackpropWiring(QObject):
    """Connects the inspector (see the module docstring)."""

    def __init__(self, controller: Controller) -> None:
        super().__init__(controller)
        self.c = controller
        w = controller.window
        lens = w.views[NAME]
        assert isinstance(lens, BackpropInspector)
        self.lens = lens
        self._active = -1
        controller.data_model.changed.connect(self._on_data)
        lens.pick_toggled.connect(w.canvas.set_pick_mode)
        w.canvas.point_picked.connect(lens.set_point)
        hidden = w.views.get(HIDDEN_SPACE)
        if isinstance(hidden, HiddenSpaceView):
            hidden.point_clicked.connect(lens.set_point)
        lens.point_changed.connect(self._on_point)
        lens.phase_changed.connect(self.present)
        lens.overlay_changed.connect(self._on_overlay)
        controller.runs.subscribe(self._on_runs_changed)
        self._on_data(controller.data_model.dataset)

    @classmethod
    def of(cls, controller: Controller) -> BackpropWiring:
        """The controller's wiring, made on first use (so that it is never made twice)."""
        found = controller.findChild(cls)
        return found if isinstance(found, cls) else cls(controller)

    def _on_data(self, dataset: Dataset) -> None:
        self.lens.set_points(dataset.x, dataset.y, dataset.is_test)

    def _on_point(self, index: int) -> None:
        self.c.window.canvas.show_picked_point(index if index >= 0 else None)
        self.present()

    def _on_runs_changed(self) -> None:
        """Another run selected (compare mode): trace the point through it at once."""
        active = self.c.runs.active_run.run_id
        if active != self._active:
            self._active = active
            self.present()

    def present(self, *_args: object) -> None:
        """Present the inspector now, from the active run's latest snapshot."""
        snap = self.c.runs.active_run.last
        if snap is not None:
            present_backprop(self.lens, Frame(snap, self.c.runs))
        else:
            text = QCoreApplication.translate(
                "BackpropWiring", "No weights yet: the run is starting."
            )
            self.lens.show_empty(None, text)

    def _on_overlay(self, overlay: TraceOverlay | None) -> None:
        nv = self.c.window.network_view
        if overlay is None:
            nv.clear_trace()
        else:
            nv.show_trace(overlay)
