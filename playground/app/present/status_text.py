"""Short human-readable texts for the status bar, the neuron map caption and clicked edges.

Every number goes through :func:`playground.app.views.numbers.compact`, and every unit is
named as the diagram's tooltips name it: "input x₁", "layer 2, neuron 3", "output 1".
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from playground.app.training.snapshot import Snapshot
from playground.app.views.numbers import DASH, compact, compact_rate
from playground.core.config import ModelConfig, TrainConfig
from playground.core.features import FEATURES
from playground.core.history import History


def metric_name(task: str) -> str:
    """What the second axis shows for ``task``."""
    return "R²" if task == "regression" else "accuracy"


def metric_text(value: float, task: str) -> str:
    """Accuracy in percent, or R² as a plain number."""
    if not math.isfinite(value):
        return DASH
    return compact(value) if task == "regression" else f"{100 * value:.1f}%"


def status_texts(snap: Snapshot, history: History) -> tuple[str, str, str]:
    """(epoch, losses and metric, speed) for the status bar."""
    task = snap.model_config.task
    if len(history):
        col = history.column
        loss = (
            f"loss {compact(col('train_loss')[-1])} / test {compact(col('test_loss')[-1])}   "
            f"{metric_name(task)} {metric_text(col('train_metric')[-1], task)} / "
            f"{metric_text(col('test_metric')[-1], task)}"
        )
    elif snap.epoch:
        loss = "loss not measured yet"  # loaded weights continue their count, without curves
    else:
        loss = "not trained yet"
    speed = f"{compact_rate(snap.steps_per_s)} steps/s · {compact_rate(snap.epochs_per_s)} epochs/s"
    return f"epoch {snap.epoch:,}", loss, speed


def unit_name(features: Sequence[str], n_hidden: int, column: int, unit: int) -> str:
    """Name unit ``unit`` of diagram column ``column`` (0: the input ``features``, in order)."""
    if column == 0:
        key = features[unit] if 0 <= unit < len(features) else ""
        return f"input {FEATURES[key].label if key in FEATURES else unit + 1}"
    if column == n_hidden + 1:
        return f"output {unit + 1}"
    return f"layer {column}, neuron {unit + 1}"


def edge_text(config: ModelConfig, layer: int, i: int, j: int, weight: float) -> str:
    """Describe the weight from unit ``i`` of column ``layer`` to unit ``j`` of the next."""
    n_hidden = len(config.hidden)
    source = unit_name(config.features, n_hidden, layer, i)
    target = unit_name(config.features, n_hidden, layer + 1, j)
    return f"Weight from {source} to {target}: {compact(weight, sign=True)}"


def focus_text(snap: Snapshot) -> str:
    """Caption for the neuron shown large on the canvas: its name, then its statistics."""
    column, unit = snap.focus or (0, 0)
    values = snap.focus_map
    if values is None:
        return ""
    cfg = snap.model_config
    name = unit_name(snap.features.names, len(cfg.hidden), column, unit)
    if column == len(cfg.hidden) + 1:
        name += f" ({cfg.loss})"
    elif column > 0:
        name += f" ({cfg.activations[column - 1]})"
    finite = values[np.isfinite(values)]
    if not finite.size:
        return f"{name}\nno finite values"
    low, mean, high = (compact(float(f(finite)), 3) for f in (np.min, np.mean, np.max))
    return f"{name}\nmin {low}   mean {mean}   max {high}"


def restart_text(epoch: int, old_rate: float, config: TrainConfig) -> str:
    """The banner shown when Play starts a diverged run again."""
    text = f"The run diverged at epoch {epoch}; it starts again from the initial weights."
    if config.learning_rate >= old_rate:
        text += (
            f" At learning rate {old_rate:.4g} it will likely diverge again:"
            f" try {old_rate / 10:.4g} (Training tab)."
        )
    else:
        text += f" Learning rate {config.learning_rate:.4g} (was {old_rate:.4g})."
    return text
