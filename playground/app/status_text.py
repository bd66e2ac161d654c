"""Short human-readable texts for the status bar and the neuron map caption."""

from __future__ import annotations

import math

from playground.app.snapshot import Snapshot
from playground.core.history import History


def metric_name(task: str) -> str:
    """What the second axis shows for ``task``."""
    return "R²" if task == "regression" else "accuracy"


def number(value: float, digits: int = 4) -> str:
    """A loss value, or a dash when there is none."""
    return "–" if not math.isfinite(value) else f"{value:.{digits}f}"


def metric_text(value: float, task: str) -> str:
    """Accuracy in percent, or R² as a plain number."""
    if not math.isfinite(value):
        return "–"
    return f"{value:.3f}" if task == "regression" else f"{100 * value:.1f}%"


def status_texts(snap: Snapshot, history: History) -> tuple[str, str, str]:
    """(epoch, losses and metric, speed) for the status bar."""
    task = snap.model_config.task
    if len(history):
        col = history.column
        loss = (
            f"loss {number(col('train_loss')[-1])} / test {number(col('test_loss')[-1])}   "
            f"{metric_name(task)} {metric_text(col('train_metric')[-1], task)} / "
            f"{metric_text(col('test_metric')[-1], task)}"
        )
    else:
        loss = "not trained yet"
    speed = f"{snap.steps_per_s:,.0f} steps/s · {snap.epochs_per_s:,.1f} epochs/s"
    return f"epoch {snap.epoch:,}", loss, speed


def focus_text(snap: Snapshot) -> str:
    """Caption for the neuron shown large on the canvas."""
    column, unit = snap.focus or (0, 0)
    values = snap.focus_map
    if values is None:
        return ""
    if column == 0:
        name = f"input {snap.features.names[unit]}"
    elif column == len(snap.sizes) - 1:
        name = f"output {unit + 1} ({snap.model_config.loss})"
    else:
        act = snap.model_config.activations[column - 1]
        name = f"layer {column}, neuron {unit + 1} ({act})"
    return f"{name}: min {values.min():.3g}, mean {values.mean():.3g}, max {values.max():.3g}"
