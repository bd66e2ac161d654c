"""How the activation gallery and the results lens show a frame.

The gallery needs no training data: a frame only tells it the network's hidden layers
and their activations, for "Use for layer". The results lens counts the shown run's
latest point pass (the worker sends one at most ten times a second while training, and
the lens shows one at most four times a second; a frame without one leaves it as it
is): confusion matrices of the training and the test points for a classifier,
residuals for a regression. While runs are compared it shows the run chosen in its
"Run" selector.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from playground.app.views.lenses.gallery import ActivationGallery
from playground.app.views.lenses.results import ResultsView
from playground.core.confusion import residuals, split_confusion

if TYPE_CHECKING:
    from playground.app.present.views import Frame


def present_gallery(widget: QWidget, frame: Frame) -> None:
    """Name the shown network's hidden layers and their activations in the gallery."""
    assert isinstance(widget, ActivationGallery)
    widget.set_layers(frame.runs.active_run.spec.model_config.activations)


def present_results(widget: QWidget, frame: Frame) -> None:
    """Show the chosen run's confusion matrices or residuals at its latest point pass."""
    assert isinstance(widget, ResultsView)
    runs = frame.runs
    if runs.comparing:
        widget.set_runs([run.label for run in runs.runs], runs.active)
        index = min(widget.selected_run, len(runs.runs) - 1)
        label: str | None = runs.runs[index].label
    else:
        widget.set_runs([])
        index, label = runs.active, None
    run = runs.runs[index]
    snap = run.with_points
    points = snap.points if snap is not None else None
    if snap is None or points is None:
        if widget.shown is None or widget.shown[0] != run.run_id:
            widget.show_waiting(
                QCoreApplication.translate(
                    "ResultsView", "Results appear once the network has seen the data."
                )
            )
        return
    shown = (run.run_id, snap.epoch, snap.seq)
    if shown == widget.shown:
        return  # the same frame again (a repaint while paused): nothing changed
    n = points.n_train
    caption = QCoreApplication.translate(
        "ResultsView", "epoch {epoch} · {train} train, {test} test points"
    ).format(epoch=f"{snap.epoch:,}", train=f"{n:,}", test=f"{points.n_test:,}")
    if points.task == "regression":
        r = residuals(points.targets, points.output)
        t = points.targets
        widget.show_residuals(t[:n], r[:n], t[n:], r[n:], caption, label)
    else:
        k = snap.model_config.n_classes
        train, test = split_confusion(points.targets, points.output, points.task, k, n)
        widget.show_confusion(train, test, caption, label)
    widget.shown = shown
