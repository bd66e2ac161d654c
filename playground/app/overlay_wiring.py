"""The activation lens's canvas overlay, wired: the chosen layer's health, shaded on the canvas.

The lens keeps which hidden layer to shade ("Shade on canvas"); every snapshot shown then
brings that layer's thumbnail maps (``Snapshot.neuron_maps``: each unit's activation over
the probe's rect), from which :func:`playground.core.region_health.unit_state_share`
computes the share of its units saturated or off at each point (on a grid :data:`REFINE`
times finer, the maps interpolated), and the canvas shades it.
The overlay follows the active run (in compare mode the selected one), at most
:data:`EVERY_S` apart while training; a choice or a stop is drawn at once. A network
rebuilt without the chosen layer turns the overlay off.
"""

from __future__ import annotations

import time
import weakref
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject

from playground.app.i18n import QT_TRANSLATE_NOOP
from playground.app.training.snapshot import Snapshot
from playground.app.views.canvas.canvas import DataCanvas
from playground.app.views.lenses.activation_lens import ActivationLens
from playground.core.activations import ACTIVATIONS
from playground.core.region_health import OFF, SATURATED, refine, unit_state, unit_state_share

if TYPE_CHECKING:
    from playground.app.controller import Controller

#: Least time between two overlays drawn while training (10 a second).
EVERY_S = 0.1
#: The thumbnails are resampled this many times finer before their units are counted, so
#: that the shade's edges follow the units' thresholds rather than the thumbnails' cells.
REFINE = 4
CONTEXT = "ActivationOverlay"
CAPTIONS = {
    SATURATED: QT_TRANSLATE_NOOP(
        "ActivationOverlay",
        "Shaded: share of layer {n}'s units saturated ({name}, in its flat tails)",
    ),
    OFF: QT_TRANSLATE_NOOP(
        "ActivationOverlay", "Shaded: share of layer {n}'s units switched off ({name}, z ≤ 0)"
    ),
    None: QT_TRANSLATE_NOOP(
        "ActivationOverlay", "Layer {n} ({name}) never saturates or switches off: nothing to shade"
    ),
}


def caption(layer: int, activation: str) -> str:
    """What the shade of hidden layer ``layer`` (0-based) means, in the window's language."""
    state = unit_state(activation) if activation in ACTIVATIONS else None
    said = QCoreApplication.translate(CONTEXT, CAPTIONS[state])
    return said.format(n=layer + 1, name=activation)


class OverlayWiring(QObject):
    """Shows the lens's chosen layer on the canvas from each snapshot shown."""

    def __init__(self, controller: Controller) -> None:
        super().__init__(controller)
        self.controller = controller
        lens = controller.window.views["lens_activations"]
        assert isinstance(lens, ActivationLens)
        self.lens = lens
        self.canvas: DataCanvas = controller.window.canvas
        self._drawn: tuple[object, ...] | None = None  # what the overlay shows now
        self._maps: object = None  # the maps it was computed from
        self._drawn_at = -float("inf")
        controller.snapshot_shown.connect(self._on_snapshot_shown)
        lens.overlay_layer_chosen.connect(self._on_lens_overlay_layer_chosen)
        lens.installEventFilter(self)  # its language changes: the caption is said again

    def _on_snapshot_shown(self, snap: Snapshot) -> None:
        now = time.perf_counter()
        if snap.running and now - self._drawn_at < EVERY_S and self.lens.overlay_layer >= 0:
            return
        self.draw(snap)

    def _on_lens_overlay_layer_chosen(self, layer: int) -> None:
        self.draw(self.controller.last_snapshot, force=True)

    def draw(self, snap: Snapshot | None, force: bool = False) -> None:
        """Shade ``snap``'s maps of the chosen layer, or clear the overlay when it is Off."""
        if snap is None:
            return
        activations = snap.model_config.activations
        self.lens.set_overlay_layers(activations)
        layer = self.lens.overlay_layer
        if layer < 0 or layer >= len(activations):
            if self._drawn is not None:
                self.canvas.clear_health_overlay()
                self._drawn = self._maps = None
            return
        if len(snap.neuron_maps) != len(activations) + 2 or snap.probe is None:
            return  # a snapshot without thumbnails: the overlay stays as it is
        maps, activation = snap.neuron_maps[layer + 1], activations[layer]
        key = (layer, activation, snap.probe.rect)
        if key == self._drawn and maps is self._maps and not force:
            return
        self._drawn, self._maps, self._drawn_at = key, maps, time.perf_counter()
        state = unit_state(activation) if activation in ACTIVATIONS else None
        share = None
        if state is not None:
            share = unit_state_share(refine(maps, REFINE), activation)
        self.canvas.show_health_overlay(share, snap.probe.rect, caption(layer, activation))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Say the caption again in a new language."""
        if event.type() == QEvent.Type.LanguageChange and self._drawn is not None:
            self.draw(self.controller.last_snapshot, force=True)
        return False


#: The controllers wired already: wiring one twice would draw every overlay twice.
_WIRED: weakref.WeakKeyDictionary[Controller, OverlayWiring] = weakref.WeakKeyDictionary()


def wire_overlay(controller: Controller) -> OverlayWiring:
    """Wire the activation lens's overlay to the canvas (a second call returns the first)."""
    if controller not in _WIRED:
        _WIRED[controller] = OverlayWiring(controller)
    return _WIRED[controller]
