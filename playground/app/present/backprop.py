"""The backprop inspector's presenter: trace the chosen point through the run shown.

It takes the active run's latest snapshot (in compare mode the selected run; a
checkpoint while one is looked at), rebuilds the model from its weights, traces the
point with :func:`playground.core.backprop_trace.trace` and gives the inspector the
phase's equations and the diagram its overlay: the values on the neurons, and each
edge's gradient ``a_in·δ`` once the backward pass has reached its layer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from playground.app.views.lenses.backprop import BackpropInspector
from playground.app.views.network_view.badges import NodeMark, TraceOverlay
from playground.core.backprop_trace import (
    BackpropTrace,
    equations,
    format_number,
    layer_gradients,
    node_values,
    phases,
    trace,
)

if TYPE_CHECKING:
    from playground.app.present.views import Frame
    from playground.app.state.runs import Run


def present_backprop(widget: QWidget, frame: Frame) -> None:
    """Show the chosen point's trace for the run the diagram shows."""
    assert isinstance(widget, BackpropInspector)
    runs = frame.runs
    run = runs.active_run
    title = _title(run, runs.comparing)
    snap = run.last
    chosen = widget.point()
    if snap is None:
        widget.show_empty(
            title,
            QCoreApplication.translate("BackpropInspector", "No weights yet: the run is starting."),
        )
        return
    widget.set_phase_count(2 * (len(snap.sizes) - 1))
    if chosen is None:
        widget.show_empty(title)
        return
    x, label, is_test = chosen
    train = run.spec.train_config
    try:
        t = trace(snap.to_model(), x, label, l1=train.l1, l2=train.l2)
    except (ValueError, IndexError) as exc:  # the data's task changed before the network did
        said = QCoreApplication.translate(
            "BackpropInspector", "This point does not fit the network yet: {reason}"
        )
        widget.show_empty(title, said.format(reason=exc))
        return
    phase, layer = phases(t.n_layers)[widget.phase]
    if is_test:
        said = QCoreApplication.translate(
            "BackpropInspector", "test point ({x}, {y}), target {target}"
        )
    else:
        said = QCoreApplication.translate(
            "BackpropInspector", "training point ({x}, {y}), target {target}"
        )
    point_text = said.format(
        x=format_number(x[0]), y=format_number(x[1]), target=format_number(label)
    )
    if snap.preview_epoch is not None:
        said = QCoreApplication.translate(
            "BackpropInspector", "{title}, epoch {epoch} (a checkpoint)"
        )
    else:
        said = QCoreApplication.translate("BackpropInspector", "{title}, epoch {epoch}")
    widget.show_trace(
        said.format(title=title, epoch=f"{snap.epoch:,}"),
        point_text,
        _phase_text(phase, layer, t.n_layers),
        equations(t, layer, phase),
        _note(t),
        overlay(t, phase, layer),
    )


def _title(run: Run, comparing: bool) -> str:
    if comparing:
        said = QCoreApplication.translate(
            "BackpropInspector", "Inspecting run {run} (the selected run)"
        )
        return said.format(run=run.label)
    return QCoreApplication.translate("BackpropInspector", "Inspecting the current run")


def _phase_text(phase: str, layer: int, n_layers: int) -> str:
    if layer == n_layers:
        kind = QCoreApplication.translate("BackpropInspector", "output layer")
    else:
        kind = QCoreApplication.translate("BackpropInspector", "hidden layer {n}").format(n=layer)
    step = layer if phase == "forward" else 2 * n_layers - layer + 1
    if phase == "forward":
        arrow = QCoreApplication.translate("BackpropInspector", "forward →")
    else:
        arrow = QCoreApplication.translate("BackpropInspector", "← backward")
    said = QCoreApplication.translate(
        "BackpropInspector", "Step {step} of {steps}: {arrow}, layer {layer} ({kind})"
    )
    return said.format(step=step, steps=2 * n_layers, arrow=arrow, layer=layer, kind=kind)


def _note(t: BackpropTrace) -> str:
    note = QCoreApplication.translate(
        "BackpropInspector", "A batch of this one point: m = 1, so dW = Aᵀ·dZ and db = dZ."
    )
    if t.l1 or t.l2:
        more = QCoreApplication.translate(
            "BackpropInspector", "The L1/L2 penalty's share of ∂L/∂W is shown on its own line."
        )
    else:
        more = QCoreApplication.translate(
            "BackpropInspector", "No L1/L2 penalty is set, so none is included."
        )
    return note + " " + more


def overlay(t: BackpropTrace, phase: str, layer: int) -> TraceOverlay:
    """What the diagram shows in one phase: a mark per neuron, gradients per edge layer."""
    columns: list[tuple[NodeMark, ...] | None] = []
    for column, values in enumerate(node_values(t, phase, layer)):
        if values is None:
            columns.append(None)
            continue
        peak = float(np.max(np.abs(values))) if values.size else 0.0
        scale = 1.0 / peak if peak > 1e-12 else 0.0
        is_delta = phase == "backward" and column >= max(layer, 1)
        marks = []
        for unit, value in enumerate(values):
            if is_delta:
                text, tip = f"δ {format_number(value)}", f"δ = ∂L/∂z = {format_number(value, 6)}"
            elif column == 0 or phase == "backward":
                text, tip = f"a {format_number(value)}", f"a = {format_number(value, 6)}"
            else:
                z = t.layers[column - 1].z[unit]
                text = f"z {format_number(z)}\na {format_number(value)}"
                tip = f"z = {format_number(z, 6)}, a = g(z) = {format_number(value, 6)}"
            marks.append(NodeMark(text, float(value) * scale, tip))
        columns.append(tuple(marks))
    grads = tuple(layer_gradients(t, phase, layer))
    faded = tuple(i for i, g in enumerate(grads) if g is None) if phase == "backward" else ()
    return TraceOverlay(tuple(columns), grads, faded)
