"""Frozen settings objects shared by the engine, the CLI and the GUI.

A :class:`ModelConfig` describes everything that needs fresh weights when it
changes (architecture, features, initialiser, seed). A :class:`TrainConfig`
describes everything that can change while training goes on (learning rate,
penalties, batch size, optimizer).

Both are checked when they are made, by :func:`playground.core.settings.validate`
against the table of every setting's type, limits and default
(:data:`playground.core.settings.SETTINGS`), so an invalid one never exists.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from playground.core.settings import DEFAULT_LOSS, MAX_CLASSES, TASKS, default, validate

__all__ = ["DEFAULT_LOSS", "MAX_CLASSES", "TASKS", "ModelConfig", "TrainConfig"]


@dataclass(frozen=True)
class ModelConfig:
    """Architecture and initialisation of a network.

    Attributes
    ----------
    features : tuple of str
        Keys of :data:`playground.core.features.FEATURES`, in input order.
    hidden : tuple of int
        Width of each hidden layer, first to last (may be empty).
    activations : tuple of str
        One key of :data:`playground.core.activations.ACTIVATIONS` per hidden layer.
    task : str
        One of :data:`TASKS`.
    n_classes : int
        Number of classes (2 for binary, 2..8 for multiclass, ignored for regression).
    loss : str
        Key of :data:`playground.core.losses.LOSSES`; it fixes the output activation.
    init : str
        Key of :data:`playground.core.initializers.INITIALIZERS`.
    bias_init : float
        Initial value of every bias (0.0, or 0.1 as an option).
    seed : int
        Seed of the weight initialisation and of the mini-batch shuffle.
    """

    features: tuple[str, ...] = default("features")
    hidden: tuple[int, ...] = default("hidden")
    activations: tuple[str, ...] = default("activations")
    task: str = default("task")
    n_classes: int = default("n_classes")
    loss: str = default("loss")
    init: str = default("init")
    bias_init: float = default("bias_init")
    seed: int = default("seed")

    def __post_init__(self) -> None:
        """Check every setting (see :func:`~playground.core.settings.validate`)."""
        validate(self)

    @property
    def n_outputs(self) -> int:
        """Units in the output layer: 1, or one per class for multiclass."""
        return self.n_classes if self.task == "multiclass" else 1

    def with_changes(self, **changes: Any) -> ModelConfig:
        """Return a copy with some fields replaced."""
        return replace(self, **changes)


@dataclass(frozen=True)
class TrainConfig:
    """Settings that may change between two training steps.

    Attributes
    ----------
    optimizer : str
        Key of :data:`playground.core.optimizers.OPTIMIZERS`.
    learning_rate : float
        Step size, > 0.
    batch_size : int
        Samples per mini-batch (clipped to the training set size).
    l1, l2 : float
        Penalty rates on the weights (never on the biases).
    momentum : float
        Momentum coefficient for ``momentum``; beta1 is fixed for Adam.
    nesterov : bool
        Nesterov's variant of momentum.
    """

    optimizer: str = default("optimizer")
    learning_rate: float = default("learning_rate")
    batch_size: int = default("batch_size")
    l1: float = default("l1")
    l2: float = default("l2")
    momentum: float = default("momentum")
    nesterov: bool = default("nesterov")

    def __post_init__(self) -> None:
        """Check every setting (see :func:`~playground.core.settings.validate`)."""
        validate(None, self)

    def with_changes(self, **changes: Any) -> TrainConfig:
        """Return a copy with some fields replaced."""
        return replace(self, **changes)
