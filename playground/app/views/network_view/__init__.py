"""The network diagram: feature toggles, layer editing, neuron thumbnails and weighted edges."""

from __future__ import annotations

from playground.app.views.network_view.view import NetworkView

__all__ = ["NetworkView"]
