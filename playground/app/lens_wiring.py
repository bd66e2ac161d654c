"""The activation gallery's and the results lens's intents, wired to the controller.

"Use for layer" in the gallery asks for an activation exactly as the diagram's
activation combo does: through the network view's ``activation_change_requested``, so
the edit takes the one path every network edit takes. Choosing another compared run
in the results lens shows it at once, paused or not.
"""

from __future__ import annotations

import weakref
from typing import TYPE_CHECKING

from playground.app.present.results import present_results
from playground.app.present.views import Frame
from playground.app.views.lenses.gallery import ActivationGallery
from playground.app.views.lenses.results import ResultsView

if TYPE_CHECKING:
    from playground.app.controller import Controller

#: The controllers wired already: wiring one twice would ask for every change twice.
_WIRED: weakref.WeakSet[Controller] = weakref.WeakSet()


def wire_lenses(controller: Controller) -> None:
    """Connect the gallery's and the results lens's intents (a second call does nothing)."""
    if controller in _WIRED:
        return
    _WIRED.add(controller)
    window = controller.window
    gallery = window.views["lens_gallery"]
    assert isinstance(gallery, ActivationGallery)
    gallery.activation_chosen.connect(window.network_view.activation_change_requested)
    results = window.views["lens_results"]
    assert isinstance(results, ResultsView)

    def show_chosen_run(index: int) -> None:
        snap = controller.last_snapshot
        if snap is not None:
            present_results(results, Frame(snap, controller.runs))

    results.run_selected.connect(show_chosen_run)
