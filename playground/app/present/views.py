"""How each registered view shows a frame: one presenter per name of ``views.registry.VIEWS``.

A presenter takes its widget and the :class:`Frame` (the snapshot just shown and the
runs model that filed it) and puts them on the widget with ``set_*``/``show_*`` calls.
``EVERY_S`` says how often a view needs it: the curves change little between frames.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from playground.app.present.backprop import EVERY_S as BACKPROP_EVERY_S
from playground.app.present.backprop import present_backprop
from playground.app.present.decimate import envelope
from playground.app.present.lenses import activation_lens, gradient_lens, hidden_space
from playground.app.present.presenter import history_key, show_gradients, show_loss
from playground.app.present.results import (
    GALLERY_EVERY_S,
    RESULTS_EVERY_S,
    present_gallery,
    present_results,
)
from playground.app.present.training_texts import say
from playground.app.state.runs import Run, Runs
from playground.app.training.snapshot import Snapshot
from playground.app.views.compare.colors import run_color
from playground.app.views.compare.table import CompareTable
from playground.app.views.compare.tiles import RunTiles
from playground.app.views.numbers import compact
from playground.app.views.plots.gradient_plot import GradientPlot
from playground.app.views.plots.loss_plot import LossPlot
from playground.app.views.plots.run_curves import RunCurves, RunGradientCurves
from playground.app.views.plots.steady import SteadyViewBox


@dataclass(frozen=True, eq=False)
class Frame:
    """What a presenter gets: the snapshot shown and the runs it was filed in."""

    snap: Snapshot
    runs: Runs


Presenter = Callable[[QWidget, Frame], None]

LOSS_COLUMNS = ("train_loss", "test_loss", "train_metric", "test_metric")


def _hold_steady(plot: LossPlot | GradientPlot, frame: Frame) -> None:
    """Growing curves move their axes in steps; a stopped run's fit its epochs exactly."""
    view_box = plot.plot_item.vb
    if isinstance(view_box, SteadyViewBox):
        view_box.set_steady(frame.snap.running)


def _loss(widget: QWidget, frame: Frame) -> None:
    assert isinstance(widget, LossPlot)
    _hold_steady(widget, frame)
    runs = frame.runs
    if not runs.comparing:
        show_loss(widget, runs.active_run.history)
        return
    key = ("runs", *((run.run_id, run.label, history_key(run.history)) for run in runs.runs))
    if key == widget.shown:
        return  # no run has a new row
    widget.shown = key
    curves = []
    for index, run in enumerate(runs.runs):
        h = run.history
        columns = np.column_stack([h.column(c) for c in LOSS_COLUMNS])
        x, thinned = envelope(h.column("epoch"), columns)
        curves.append(RunCurves(run.label, run_color(index), x, *thinned.T))
    widget.show_runs(curves)


def _gradients(widget: QWidget, frame: Frame) -> None:
    assert isinstance(widget, GradientPlot)
    _hold_steady(widget, frame)
    runs = frame.runs
    if not runs.comparing:
        show_gradients(widget, runs.active_run.history)
        return
    key = ("runs", *((run.run_id, run.label, history_key(run.history)) for run in runs.runs))
    if key == widget.shown:
        return
    widget.shown = key
    curves = []
    for index, run in enumerate(runs.runs):
        h = run.history
        x, norms = envelope(h.column("epoch"), h.column("grad_norms"))
        curves.append(RunGradientCurves(run.label, run_color(index), x, norms))
    widget.show_runs(curves)


def row_at_shown_epoch(run: Run) -> int | None:
    """The history row of the epoch the run is shown at (a checkpoint's, or the latest)."""
    epochs = run.history.column("epoch")
    row = int(np.searchsorted(epochs, run.epoch, side="right")) - 1
    return row if row >= 0 else None


def run_state_text(run: Run) -> str:
    """One line under a run's tile: its epoch and test (or training) loss, or its divergence."""
    if run.diverged_at is not None:
        said = QCoreApplication.translate("RunTiles", "diverged at epoch {n}")
        return said.format(n=f"{run.diverged_at[0]:,}")
    row = row_at_shown_epoch(run)
    epoch = f"{run.epoch:,}"
    if row is None:
        return QCoreApplication.translate("RunTiles", "epoch {n}").format(n=epoch)
    h = run.history
    test = h.column("test_loss")[row]
    if np.isfinite(test):
        loss = test
        said = QCoreApplication.translate("RunTiles", "epoch {n} · test loss {value}")
    else:
        loss = h.column("train_loss")[row]
        said = QCoreApplication.translate("RunTiles", "epoch {n} · train loss {value}")
    return said.format(n=epoch, value=compact(float(loss)))


def _tiles(widget: QWidget, frame: Frame) -> None:
    assert isinstance(widget, RunTiles)
    runs = frame.runs
    if not runs.comparing:
        return
    for index, run in enumerate(runs.runs):
        snap = run.last
        if snap is not None and snap.probe is not None:
            probe = snap.probe
            values = probe.proba if probe.proba is not None else probe.output[0]
            widget.show_boundary(index, values, probe.rect, snap.model_config.task)
        widget.show_state(index, run_state_text(run), run.diverged_at is not None)


def _table(widget: QWidget, frame: Frame) -> None:
    assert isinstance(widget, CompareTable)
    runs = frame.runs
    if not runs.comparing:
        return
    for index, run in enumerate(runs.runs):
        row = row_at_shown_epoch(run)
        h = run.history
        figures = [float(h.column(c)[row]) if row is not None else None for c in LOSS_COLUMNS]
        snap = run.last
        message = snap.message if snap is not None and snap.diverged else None
        diverged = say(message) if message is not None else None
        train_loss, test_loss, train_metric, test_metric = figures
        widget.show_row(
            index, run.epoch, train_loss, test_loss, train_metric, test_metric, diverged
        )


PRESENTERS: dict[str, Presenter] = {
    "loss": _loss,
    "gradients": _gradients,
    "runs": _tiles,
    "compare_table": _table,
    "lens_gradients": gradient_lens,
    "lens_activations": activation_lens,
    "lens_hidden_space": hidden_space,
    "lens_backprop": present_backprop,
    "lens_gallery": present_gallery,
    "lens_results": present_results,
}
#: Seconds between two presentations of a view while training runs (0: every frame).
EVERY_S: dict[str, float] = {"loss": 0.1, "gradients": 0.1, "runs": 0.0, "compare_table": 0.1}
EVERY_S["lens_backprop"] = BACKPROP_EVERY_S
EVERY_S |= {"lens_gallery": GALLERY_EVERY_S, "lens_results": RESULTS_EVERY_S}
# The lenses of the point pass draw whenever a frame brings one (at most 10 a second).
EVERY_S |= {"lens_gradients": 0.1, "lens_activations": 0.0, "lens_hidden_space": 0.0}
#: The same while runs are compared: each curve view then draws every run's curves.
EVERY_S_COMPARING: dict[str, float] = {**EVERY_S, "loss": 0.25, "gradients": 0.5}
#: Views that draw long curves, the costliest to present and paint: while training runs,
#: a frame presents at most one of them (the one waiting longest), so that their work is
#: spread over frames rather than piled onto every third one.
CURVE_VIEWS = frozenset({"loss", "gradients", "lens_gradients"})
