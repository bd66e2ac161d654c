"""How the gradient lens, the activation lens and the hidden-space view show a frame.

Each presenter shows the active run (in compare mode the selected run, which the lens's
title names). The gradient lens reads the run's history and its latest diagnostics;
the other two read the run's latest point pass, which the worker sends at most ten
times a second while training: a frame without one leaves them as they are.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtWidgets import QWidget

from playground.app.present.decimate import envelope
from playground.app.state.runs import Run
from playground.app.views.lenses.activation_lens import ActivationLens
from playground.app.views.lenses.gradient_lens import GradientLens
from playground.app.views.lenses.hidden_space import HiddenSpaceView
from playground.core.health import warnings

if TYPE_CHECKING:
    from playground.app.present.views import Frame

#: Bins of the gradient lens's thinned curves: about a pixel each across a docked lens.
CURVE_BINS = 250


def _shown_run(frame: Frame) -> tuple[Run, str | None]:
    """The run a lens shows, and its label when runs are compared (None otherwise)."""
    runs = frame.runs
    run = runs.active_run
    return run, (run.label if runs.comparing else None)


def gradient_lens(widget: QWidget, frame: Frame) -> None:
    """The shown run's norms and update ratios over time, and its health warnings."""
    assert isinstance(widget, GradientLens)
    run, label = _shown_run(frame)
    widget.show_run(label)
    widget.set_steady(frame.snap.running)
    h, snap = run.history, run.last
    shown = (run.run_id, id(h), len(h), None if snap is None else snap.seq)
    if shown == widget.shown:
        return  # the same frame again (a repaint while paused): nothing changed
    drawn, widget.shown = widget.shown, shown
    epochs, norms = h.column("epoch"), h.column("grad_norms")
    if drawn is None or drawn[:3] != shown[:3]:  # new rows: the curves grow
        ratios = h.column("update_ratio")
        n_layers = norms.shape[1]
        both = np.concatenate([norms, ratios], axis=1)
        x, thinned = envelope(epochs, both, bins=CURVE_BINS)
        widget.show_curves(x, thinned[:, :n_layers], thinned[:, n_layers:])
    activations = run.spec.model_config.activations
    diagnostics = snap.diagnostics if snap is not None else None
    found = warnings(diagnostics, norms, activations, epochs)
    widget.show_warnings([w.text for w in found])


def activation_lens(widget: QWidget, frame: Frame) -> None:
    """The shown run's hidden values at the training points, and its layers' fractions."""
    assert isinstance(widget, ActivationLens)
    run, label = _shown_run(frame)
    snap = run.with_points
    if snap is None or snap.points is None:
        return
    widget.show_run(label)
    points, n = snap.points, snap.points.n_train
    diag = snap.diagnostics
    widget.show_values(
        [z[:n] for z in points.hidden_pre],
        [a[:n] for a in points.hidden],
        snap.model_config.activations,
        None if diag is None else diag.saturated_fraction,
        None if diag is None else diag.dead_fraction,
        source=points,
    )


def hidden_space(widget: QWidget, frame: Frame) -> None:
    """The shown run's data points and input grid in the chosen hidden layer."""
    assert isinstance(widget, HiddenSpaceView)
    run, label = _shown_run(frame)
    snap = run.with_points
    if snap is None or snap.points is None:
        return
    widget.show_run(label)
    widget.set_steady(frame.snap.running)
    widget.show_points(snap.points)
