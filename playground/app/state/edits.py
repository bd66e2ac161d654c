"""Architecture edits from the network diagram, as pure functions on :class:`ModelConfig`.

Each returns the new config and a short reason for the "network reset" banner,
or raises ValueError with a message for the user. None means "no change". Both are
in the window's language (context ``Edits``).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from playground.core.config import DEFAULT_LOSS, ModelConfig
from playground.core.datasets import Dataset, infer_task
from playground.core.features import FEATURES
from playground.core.losses import LOSSES
from playground.core.settings import GUI_MAX_HIDDEN_LAYERS, GUI_MAX_UNITS

# The window's limits, from the rule book (the core allows bigger networks).
MAX_HIDDEN_LAYERS = GUI_MAX_HIDDEN_LAYERS
MAX_UNITS = GUI_MAX_UNITS

Edit = tuple[ModelConfig, str] | None


def toggle_feature(cfg: ModelConfig, key: str, on: bool) -> Edit:
    """Switch input feature ``key`` on or off, keeping the table's order."""
    if key not in FEATURES or (key in cfg.features) == on:
        return None
    features = tuple(f for f in FEATURES if (f == key and on) or (f != key and f in cfg.features))
    if not features:
        raise ValueError(
            QCoreApplication.translate("Edits", "At least one input feature is needed.")
        )
    if on:
        reason = QCoreApplication.translate("Edits", "input {label} added")
    else:
        reason = QCoreApplication.translate("Edits", "input {label} removed")
    return cfg.with_changes(features=features), reason.format(label=FEATURES[key].label)


def add_layer(cfg: ModelConfig) -> Edit:
    """Append a hidden layer like the last one (4 tanh units for the first)."""
    if len(cfg.hidden) >= MAX_HIDDEN_LAYERS:
        text = QCoreApplication.translate("Edits", "At most {n} hidden layers.")
        raise ValueError(text.format(n=MAX_HIDDEN_LAYERS))
    units = cfg.hidden[-1] if cfg.hidden else 4
    act = cfg.activations[-1] if cfg.activations else "tanh"
    new = cfg.with_changes(hidden=(*cfg.hidden, units), activations=(*cfg.activations, act))
    reason = QCoreApplication.translate("Edits", "hidden layer {n} added")
    return new, reason.format(n=len(new.hidden))


def remove_layer(cfg: ModelConfig) -> Edit:
    """Drop the last hidden layer."""
    if not cfg.hidden:
        return None
    new = cfg.with_changes(hidden=cfg.hidden[:-1], activations=cfg.activations[:-1])
    reason = QCoreApplication.translate("Edits", "hidden layer {n} removed")
    return new, reason.format(n=len(cfg.hidden))


def change_units(cfg: ModelConfig, layer: int, delta: int) -> Edit:
    """Add ``delta`` neurons to hidden layer ``layer`` (0-based), within 1..MAX_UNITS."""
    if not 0 <= layer < len(cfg.hidden):
        return None
    units = min(MAX_UNITS, max(1, cfg.hidden[layer] + delta))
    if units == cfg.hidden[layer]:
        if cfg.hidden[layer] + delta > MAX_UNITS:
            text = QCoreApplication.translate("Edits", "At most {n} neurons per layer.")
            raise ValueError(text.format(n=MAX_UNITS))
        return None
    hidden = list(cfg.hidden)
    hidden[layer] = units
    reason = QCoreApplication.translate("Edits", "layer {n} now has {units} neurons")
    return cfg.with_changes(hidden=tuple(hidden)), reason.format(n=layer + 1, units=units)


def change_activation(cfg: ModelConfig, layer: int, name: str) -> Edit:
    """Use activation ``name`` in hidden layer ``layer`` (0-based)."""
    if not 0 <= layer < len(cfg.hidden) or cfg.activations[layer] == name:
        return None
    acts = list(cfg.activations)
    acts[layer] = name
    reason = QCoreApplication.translate("Edits", "layer {n} now uses {name}")
    return cfg.with_changes(activations=tuple(acts)), reason.format(n=layer + 1, name=name)


def follow_task(cfg: ModelConfig, dataset: Dataset, loss_choice: str) -> ModelConfig | None:
    """The config whose head fits the data's task and classes, or None if ``cfg`` already does.

    The user's loss choice is kept when it can serve the new task.
    """
    task, n_classes = dataset.task, dataset.n_classes
    if task == cfg.task and (task == "regression" or n_classes == cfg.n_classes):
        return None
    loss = loss_choice if loss_choice in LOSSES else DEFAULT_LOSS[task]
    if task not in LOSSES[loss].tasks:
        loss = DEFAULT_LOSS[task]
    n = max(2, n_classes) if task != "regression" else 2
    return cfg.with_changes(task=task, n_classes=n, loss=loss)


def task_override(dataset: Dataset, task: str) -> tuple[str, int]:
    """(task, n_classes) for the task box: ``auto`` infers them from the labels."""
    if task == "auto":
        return infer_task(dataset.y) if len(dataset) else (dataset.task, dataset.n_classes)
    if task == "regression":
        return task, 1
    if task == "multiclass":
        return task, max(3, dataset.n_classes)
    return task, 2
