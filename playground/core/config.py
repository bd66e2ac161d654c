"""Frozen settings objects shared by the engine, the CLI and the GUI.

A :class:`ModelConfig` describes everything that needs fresh weights when it
changes (architecture, features, initialiser, seed). A :class:`TrainConfig`
describes everything that can change while training goes on (learning rate,
penalties, batch size, optimizer).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

TASKS: tuple[str, ...] = ("binary", "multiclass", "regression")
MAX_CLASSES = 8

#: The loss used for each task unless the user picks another one.
DEFAULT_LOSS: dict[str, str] = {
    "binary": "binary_cross_entropy",
    "multiclass": "cross_entropy",
    "regression": "mse",
}


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
        Number of classes (2 for binary, 3..8 for multiclass, ignored for regression).
    loss : str
        Key of :data:`playground.core.losses.LOSSES`; it fixes the output activation.
    init : str
        Key of :data:`playground.core.initializers.INITIALIZERS`.
    bias_init : float
        Initial value of every bias (0.0, or 0.1 as an option).
    seed : int
        Seed of the weight initialisation and of the mini-batch shuffle.
    """

    features: tuple[str, ...] = ("x1", "x2")
    hidden: tuple[int, ...] = (4, 2)
    activations: tuple[str, ...] = ("tanh", "tanh")
    task: str = "binary"
    n_classes: int = 2
    loss: str = "binary_cross_entropy"
    init: str = "xavier_uniform"
    bias_init: float = 0.0
    seed: int = 0

    def __post_init__(self) -> None:
        if len(self.hidden) != len(self.activations):
            raise ValueError(
                f"{len(self.hidden)} hidden layers but {len(self.activations)} activations"
            )
        if any(int(units) < 1 for units in self.hidden):
            raise ValueError("every hidden layer needs at least one unit")
        if self.task not in TASKS:
            raise ValueError(f"unknown task {self.task!r}; choose from {', '.join(TASKS)}")
        if not self.features:
            raise ValueError("at least one input feature is needed")

    @property
    def n_outputs(self) -> int:
        """Units in the output layer: 1, or one per class for multiclass."""
        return self.n_classes if self.task == "multiclass" else 1

    def with_changes(self, **changes: object) -> ModelConfig:
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

    optimizer: str = "sgd"
    learning_rate: float = 0.03
    batch_size: int = 10
    l1: float = 0.0
    l2: float = 0.0
    momentum: float = 0.9
    nesterov: bool = False

    def __post_init__(self) -> None:
        if not (self.learning_rate > 0.0) or self.learning_rate > 1e3:
            raise ValueError(f"learning rate must be in (0, 1000], got {self.learning_rate}")
        if int(self.batch_size) < 1:
            raise ValueError(f"batch size must be at least 1, got {self.batch_size}")
        if self.l1 < 0.0 or self.l2 < 0.0:
            raise ValueError("penalty rates cannot be negative")
        if not 0.0 <= self.momentum < 1.0:
            raise ValueError(f"momentum must be in [0, 1), got {self.momentum}")

    def with_changes(self, **changes: object) -> TrainConfig:
        """Return a copy with some fields replaced."""
        return replace(self, **changes)
