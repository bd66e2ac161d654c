"""Short human-readable texts for the status bar, the neuron map caption and clicked edges.

Every number goes through :func:`playground.app.views.numbers.compact`, and every unit is
named as the diagram's tooltips name it: "input x₁", "layer 2, neuron 3", "output 1".
The words go through ``QCoreApplication.translate`` (context ``StatusText``), which needs
no application: without one, or without a translator, the texts are the English ones.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from PySide6.QtCore import QCoreApplication

from playground.app.training.snapshot import Snapshot
from playground.app.views.numbers import DASH, compact, compact_rate
from playground.core.config import ModelConfig, TrainConfig
from playground.core.features import FEATURES
from playground.core.history import History


def metric_name(task: str) -> str:
    """What the second axis shows for ``task`` (a key of the loss plot: never translated)."""
    return "R²" if task == "regression" else "accuracy"


def metric_label(task: str) -> str:
    """:func:`metric_name` in words of the current language, for the status bar."""
    if task == "regression":
        return "R²"
    return QCoreApplication.translate("StatusText", "accuracy")


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
        text = QCoreApplication.translate(
            "StatusText", "loss {train} / test {test}   {metric} {train_metric} / {test_metric}"
        )
        loss = text.format(
            train=compact(col("train_loss")[-1]),
            test=compact(col("test_loss")[-1]),
            metric=metric_label(task),
            train_metric=metric_text(col("train_metric")[-1], task),
            test_metric=metric_text(col("test_metric")[-1], task),
        )
    elif snap.epoch:  # loaded weights continue their count, without curves
        loss = QCoreApplication.translate("StatusText", "loss not measured yet")
    else:
        loss = QCoreApplication.translate("StatusText", "not trained yet")
    speed = QCoreApplication.translate("StatusText", "{steps} steps/s · {epochs} epochs/s").format(
        steps=compact_rate(snap.steps_per_s), epochs=compact_rate(snap.epochs_per_s)
    )
    epoch = QCoreApplication.translate("StatusText", "epoch {epoch}").format(
        epoch=f"{snap.epoch:,}"
    )
    return epoch, loss, speed


def unit_name(features: Sequence[str], n_hidden: int, column: int, unit: int) -> str:
    """Name unit ``unit`` of diagram column ``column`` (0: the input ``features``, in order)."""
    if column == 0:
        key = features[unit] if 0 <= unit < len(features) else ""
        name = FEATURES[key].label if key in FEATURES else str(unit + 1)
        return QCoreApplication.translate("StatusText", "input {name}").format(name=name)
    if column == n_hidden + 1:
        return QCoreApplication.translate("StatusText", "output {n}").format(n=unit + 1)
    text = QCoreApplication.translate("StatusText", "layer {layer}, neuron {n}")
    return text.format(layer=column, n=unit + 1)


def edge_text(config: ModelConfig, layer: int, i: int, j: int, weight: float) -> str:
    """Describe the weight from unit ``i`` of column ``layer`` to unit ``j`` of the next."""
    n_hidden = len(config.hidden)
    source = unit_name(config.features, n_hidden, layer, i)
    target = unit_name(config.features, n_hidden, layer + 1, j)
    text = QCoreApplication.translate("StatusText", "Weight from {source} to {target}: {weight}")
    return text.format(source=source, target=target, weight=compact(weight, sign=True))


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
        return QCoreApplication.translate("StatusText", "{name}\nno finite values").format(
            name=name
        )
    low, mean, high = (compact(float(f(finite)), 3) for f in (np.min, np.mean, np.max))
    text = QCoreApplication.translate("StatusText", "{name}\nmin {low}   mean {mean}   max {high}")
    return text.format(name=name, low=low, mean=mean, high=high)


def restart_text(epoch: int, old_rate: float, config: TrainConfig) -> str:
    """The banner shown when Play starts a diverged run again."""
    text = QCoreApplication.translate(
        "StatusText",
        "The run diverged at epoch {epoch}; it starts again from the initial weights.",
    ).format(epoch=epoch)
    if config.learning_rate >= old_rate:
        advice = QCoreApplication.translate(
            "StatusText",
            " At learning rate {rate} it will likely diverge again: try {lower} (Training tab).",
        ).format(rate=f"{old_rate:.4g}", lower=f"{old_rate / 10:.4g}")
    else:
        advice = QCoreApplication.translate(
            "StatusText", " Learning rate {rate} (was {old})."
        ).format(rate=f"{config.learning_rate:.4g}", old=f"{old_rate:.4g}")
    return text + advice
