"""Tiny training problems shared by the kernel tests, and how two trainers are compared."""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

from playground.core.config import ModelConfig, TrainConfig
from playground.core.history import COLUMNS, LAYER_COLUMNS
from playground.core.model import Model
from playground.core.trainer import Trainer

Array = NDArray[np.float64]

#: (task, loss): every head, and tanh_mse for both tasks it serves.
HEADS: tuple[tuple[str, str], ...] = (
    ("binary", "binary_cross_entropy"),
    ("multiclass", "cross_entropy"),
    ("regression", "mse"),
    ("binary", "tanh_mse"),
    ("regression", "tanh_mse"),
)
OPTIMIZERS: dict[str, dict[str, Any]] = {
    "sgd": {"optimizer": "sgd", "learning_rate": 0.1},
    "momentum": {"optimizer": "momentum", "learning_rate": 0.05, "momentum": 0.8},
    "nesterov": {"optimizer": "momentum", "learning_rate": 0.05, "nesterov": True},
    # At 0.01, RMSprop's normalised steps with L1 turn rounding into chaos on one problem.
    "rmsprop": {"optimizer": "rmsprop", "learning_rate": 0.005},
    "adam": {"optimizer": "adam", "learning_rate": 0.01},
}
PENALTIES: dict[str, dict[str, float]] = {"none": {}, "l1": {"l1": 0.003}, "l2": {"l2": 0.01}}


def data(task: str, n: int, seed: int) -> tuple[Array, NDArray[np.generic]]:
    """``n`` points in the plane with labels (binary, 3 classes) or targets in (-1, 1)."""
    rng = np.random.default_rng(seed)
    x = rng.normal(0.0, 1.5, (n, 2))
    if task == "binary":
        return x, (x[:, 0] * x[:, 1] > 0.0).astype(np.int64)
    if task == "multiclass":
        return x, np.digitize(np.arctan2(x[:, 1], x[:, 0]), [-1.0, 1.0])
    return x, 0.8 * np.tanh(x[:, 0] - 0.5 * x[:, 1])


def make(
    activation: str,
    task: str,
    loss: str,
    train: dict[str, Any],
    engine: str = "numpy",
    full_evaluation: bool = True,
    n: int = 11,
    batch_size: int = 4,
    hidden: tuple[int, ...] = (3, 2),
) -> Trainer:
    """A trainer on ``n`` points (11 with batches of 4: a short last batch), 4 test points."""
    x, y = data(task, n, seed=1)
    xt, yt = data(task, 4, seed=2)
    config = ModelConfig(
        hidden=hidden,
        activations=(activation,) * len(hidden),
        task=task,
        n_classes=3 if task == "multiclass" else 2,
        loss=loss,
        seed=5,
    )
    model = Model.build(config, x)
    settings = TrainConfig(batch_size=batch_size, **train)
    return Trainer(model, settings, x, y, xt, yt, full_evaluation=full_evaluation, engine=engine)


def optimizer_state(trainer: Trainer) -> list[Array]:
    """The optimizer's arrays and step count, for comparing two trainers."""
    opt = trainer.optimizer
    names = ("velocity", "square_avg", "m", "v")
    arrays = [getattr(opt, name) for name in names if hasattr(opt, name)]
    return [*arrays, np.array([float(getattr(opt, "t", 0))])]


def assert_close(actual: Array, desired: Array, rtol: float) -> None:
    """Equal to ``rtol`` of each value, or of the array's largest value where that is more.

    The slack matters for a weight that L1 holds near zero: it is a difference of O(1)
    terms, so one rounding of those terms is a large fraction of it.
    """
    scale = float(np.max(np.abs(desired), initial=0.0))
    np.testing.assert_allclose(actual, desired, rtol=rtol, atol=rtol * scale)


def assert_same_training(reference: Trainer, other: Trainer, rtol: float = 1e-10) -> None:
    """Same weights (to ``rtol``), counts, shuffle stream, history rows and guard state."""
    assert other.step_count == reference.step_count
    assert other.epoch == reference.epoch
    assert other._cursor == reference._cursor
    assert other.diverged == reference.diverged
    assert other.rng.bit_generator.state == reference.rng.bit_generator.state
    assert_close(other.network.params, reference.network.params, rtol)
    assert_close(other.previous_params, reference.previous_params, rtol)
    for mine, theirs in zip(optimizer_state(other), optimizer_state(reference)):
        assert_close(mine, theirs, rtol)
    a, b = reference.history.chunk(), other.history.chunk()
    assert len(b) == len(a)
    for name in COLUMNS:
        np.testing.assert_allclose(getattr(b, name), getattr(a, name), rtol=rtol, atol=0)
    for name in LAYER_COLUMNS:  # every per-layer curve, the update ratio included
        np.testing.assert_allclose(getattr(b, name), getattr(a, name), rtol=rtol, atol=0)
