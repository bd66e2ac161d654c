"""How the curve plots and the compare views show a frame, and what every presenter gets.

A presenter takes its widget and the :class:`Frame` (the snapshot just shown and the
runs model that filed it) and puts them on the widget with ``set_*``/``show_*`` calls.
Each view's entry in :data:`playground.app.present.registry.VIEWS` names its presenter
(these, or the lenses' in :mod:`.lenses`, :mod:`.backprop` and :mod:`.results`) and
how often it needs a frame while training runs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from playground.app.present.decimate import envelope
from playground.app.present.presenter import history_key, show_gradients, show_loss
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


def present_loss(widget: QWidget, frame: Frame) -> None:
    """The shown run's losses and metrics, or every compared run's."""
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


def present_gradients(widget: QWidget, frame: Frame) -> None:
    """The shown run's per-layer gradient norms, or every compared run's."""
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


def present_tiles(widget: QWidget, frame: Frame) -> None:
    """Each compared run's boundary and state line in its tile."""
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


def present_table(widget: QWidget, frame: Frame) -> None:
    """Each compared run's figures at its shown epoch in the comparison table."""
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
