"""Snapshot pieces onto widgets: the diagram, the curves and the status bar (GUI thread)."""

from __future__ import annotations

import numpy as np

from playground.app.present.decimate import envelope
from playground.app.present.status_text import status_texts
from playground.app.training.snapshot import Snapshot
from playground.app.views.main_window import MainWindow
from playground.app.views.network_view import NetworkView
from playground.app.views.panels.transport import set_fixed_text
from playground.app.views.plots.gradient_plot import GradientPlot
from playground.app.views.plots.loss_plot import LossPlot
from playground.core.history import History
from playground.core.losses import LOSSES

#: Fixed colour ranges of output thumbnails, by loss (its output activation).
OUTPUT_RANGES = {
    name: {"sigmoid": (0.0, 1.0), "softmax": (0.0, 1.0), "tanh": (-1.0, 1.0)}.get(loss.output)
    for name, loss in LOSSES.items()
}


def show_network(view: NetworkView, snap: Snapshot, biases: bool = True) -> None:
    """Neuron thumbnails, edge weights and (unless ``biases`` is False) the bias pills."""
    if snap.neuron_maps:
        view.show_thumbnails(
            snap.neuron_maps[0],
            list(snap.neuron_maps[1:-1]),
            snap.neuron_maps[-1],
            [None] * (len(snap.neuron_maps) - 1) + [OUTPUT_RANGES.get(snap.model_config.loss)],
        )
    view.show_weights(snap.weights())
    if biases:
        view.show_biases(snap.biases())


def history_key(h: History) -> tuple[object, ...]:
    """What tells one state of a history from another: it only grows, or is thinned or cut."""
    n = len(h)
    if not n:
        return (id(h), 0, h.n_layers)
    return (id(h), n, float(h.column("epoch")[-1]), float(h.column("train_loss")[-1]))


def show_loss(plot: LossPlot, h: History) -> None:
    """Loss and metric curves (they change little between frames: at most 10 times a second).

    A long history is drawn as its envelope, a few points per pixel, whatever its length.
    A history that has not changed since the plot last showed it is not drawn again.
    """
    key = ("loss", history_key(h))
    if key == plot.shown:
        return
    plot.shown = key
    columns = np.column_stack(
        [h.column(name) for name in ("train_loss", "test_loss", "train_metric", "test_metric")]
    )
    x, thinned = envelope(h.column("epoch"), columns)
    plot.show_history(x, *thinned.T)


def show_gradients(plot: GradientPlot, h: History) -> None:
    """Gradient-norm curves and bars (like the loss, at most 10 times a second)."""
    key = ("gradients", history_key(h))
    if key == plot.shown:
        return
    plot.shown = key
    if len(h):
        norms = h.column("grad_norms")
        x, thinned = envelope(h.column("epoch"), norms)
        plot.show_gradients(x, thinned, norms[-1])
    else:
        plot.show_layers(h.n_layers)  # a new run: its legend before its first epoch


def show_status(window: MainWindow, snap: Snapshot, h: History) -> None:
    """Fill the status-bar readouts (keeping their sizes, see ``set_fixed_text``); mark divergence.

    A run that diverged keeps its marker on both plots until they are cleared for a new run.
    """
    labels = (window.status_epoch, window.status_loss, window.status_speed)
    for label, text in zip(labels, status_texts(snap, h), strict=True):
        set_fixed_text(label, text)
    show_divergence(window, snap)


def show_divergence(window: MainWindow, snap: Snapshot) -> None:
    """Mark the epoch where the run diverged on the loss and gradient plots."""
    if snap.diverged:
        window.loss_plot.mark_divergence(snap.epoch)
        window.gradient_plot.mark_divergence(snap.epoch)
