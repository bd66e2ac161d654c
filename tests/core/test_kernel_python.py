"""The kernel's maths run as plain Python (no numba needed) against the NumPy engine:
code tables, each activation, a covering set of heads and optimizers, slices that split
epochs, and the divergence guard inside a slice."""

from __future__ import annotations

import math

import numpy as np
import pytest

from playground.core import kernel, kernel_ops
from playground.core.activations import ACTIVATIONS, LEAKY_SLOPE
from playground.core.losses import LOSSES
from playground.core.optimizers import OPTIMIZERS as OPTIMIZER_TABLE
from playground.core.trainer import Divergence, SliceResult, Trainer
from tests.core.kernel_cases import (
    HEADS,
    OPTIMIZERS,
    PENALTIES,
    assert_same_training,
    data,
    make,
)


def python_slice(trainer: Trainer, **budget: int) -> SliceResult:
    """One slice through the uncompiled kernel."""
    return kernel.train_compiled(trainer, kernel_ops.train_slice, **budget)


def test_code_tables_follow_the_engine_tables() -> None:
    assert tuple(ACTIVATIONS) == kernel_ops.ACTIVATION_NAMES
    assert tuple(LOSSES) == kernel_ops.LOSS_NAMES
    assert tuple(OPTIMIZER_TABLE) == kernel_ops.OPTIMIZER_NAMES
    assert set(kernel.OPTIMIZER_CODES) == set(OPTIMIZER_TABLE.values())
    assert kernel_ops.LEAKY_SLOPE == LEAKY_SLOPE
    assert np.sqrt(2.0 / np.pi) == kernel_ops.GELU_C


@pytest.mark.parametrize("name", list(ACTIVATIONS))
def test_each_activation_and_derivative_match_the_table(name: str) -> None:
    code = kernel_ops.ACTIVATION_NAMES.index(name)
    z = np.concatenate([np.linspace(-8.0, 8.0, 161), [-1000.0, -1e-9, 0.0, 1e-9, 1000.0]])
    act = ACTIVATIONS[name]
    a = act.forward(z)
    d = act.derivative(z, a)
    mine_a = np.array([kernel_ops.activate(code, v) for v in z])
    mine_d = np.array([kernel_ops.derivative(code, v, w) for v, w in zip(z, a)])
    # The atol is for 1 + tanh(...) near -1, where one rounding of tanh is all that is left
    # (times |z| <= 8 in GELU's derivative).
    np.testing.assert_allclose(mine_a, a, rtol=1e-13, atol=1e-14)
    np.testing.assert_allclose(mine_d, d, rtol=1e-13, atol=1e-14)
    assert math.isnan(kernel_ops.activate(code, math.nan))  # as NumPy: NaN goes through


# Each activation once, with heads, optimizers and penalties taking turns.
COVER = [
    (act, HEADS[i % len(HEADS)], list(OPTIMIZERS)[i % len(OPTIMIZERS)], list(PENALTIES)[i % 3])
    for i, act in enumerate(ACTIVATIONS)
]


@pytest.mark.parametrize("activation,head,optimizer,penalty", COVER)
def test_uncompiled_kernel_trains_as_numpy(
    activation: str, head: tuple[str, str], optimizer: str, penalty: str
) -> None:
    settings = {**OPTIMIZERS[optimizer], **PENALTIES[penalty]}
    reference = make(activation, *head, settings)
    other = make(activation, *head, settings)
    reference.run(6)
    assert python_slice(other, max_epochs=6) == SliceResult(18, 6, "epochs", "python")
    assert_same_training(reference, other)


def test_slices_split_epochs_and_hand_over_to_numpy_steps() -> None:
    settings = {**OPTIMIZERS["nesterov"], "l1": 0.003}
    reference = make("elu", "regression", "mse", settings, batch_size=3)
    mixed = make("elu", "regression", "mse", settings, batch_size=3)
    for _ in range(30):
        reference.step()
    for budget in (1, 3, 2, 6):
        assert python_slice(mixed, max_steps=budget).steps == budget
        mixed.step()
    while mixed.step_count < 30:
        mixed.step()
    assert_same_training(reference, mixed)


def test_a_changed_batch_size_mid_epoch_is_followed() -> None:
    reference = make("tanh", "binary", "binary_cross_entropy", OPTIMIZERS["sgd"])
    other = make("tanh", "binary", "binary_cross_entropy", OPTIMIZERS["sgd"])
    for trainer in (reference, other):
        trainer.step()
        trainer.set_config(trainer.config.with_changes(batch_size=2))
    for _ in range(12):
        reference.step()
    python_slice(other, max_steps=12)
    assert_same_training(reference, other)


def test_a_non_finite_gradient_stops_the_slice_before_the_weights() -> None:
    # Points far outside the range the scaling was fitted on: finite logits and BCE loss,
    # but gradients whose squares overflow.
    args = ("tanh", "binary", "binary_cross_entropy", OPTIMIZERS["adam"])
    trainers = [make(*args, hidden=()) for _ in "ab"]
    x, y = data("binary", 11, seed=1)
    for trainer in trainers:
        trainer.run(1)
        trainer.set_data(x * 1e200, y)
    with np.errstate(all="ignore"):
        trainers[0].run(1)
    result = python_slice(trainers[1], max_epochs=4)
    assert result.stop == "diverged"
    assert trainers[1].diverged == trainers[0].diverged
    assert trainers[1].diverged.reason == "non-finite gradient"
    assert np.all(np.isfinite(trainers[1].network.params))
    assert_same_training(*trainers)


def test_an_overflowing_update_is_undone_and_restarts_the_optimizer() -> None:
    trainers = [make("relu", "multiclass", "cross_entropy", OPTIMIZERS["adam"]) for _ in "ab"]
    for trainer in trainers:
        trainer.run(1)
        trainer.step()
        trainer.optimizer.learning_rate = np.inf  # beyond what TrainConfig allows
    with np.errstate(all="ignore"):
        trainers[0].step()
    assert python_slice(trainers[1], max_steps=5).stop == "diverged"
    assert trainers[1].diverged == Divergence(4, 1, "weights overflowed")
    assert trainers[1].optimizer.t == 0  # type: ignore[attr-defined]
    assert_same_training(*trainers)


def test_a_diverging_run_stops_at_the_numpy_engines_step() -> None:
    settings = {"optimizer": "sgd", "learning_rate": 60.0}
    reference, other = (make("linear", "regression", "mse", settings) for _ in "ab")
    with np.errstate(all="ignore"):
        found = reference.run(300)
    assert isinstance(found, Divergence)
    assert python_slice(other, max_epochs=300).stop == "diverged"
    assert other.diverged == found
    assert np.all(np.isfinite(other.network.params))
    assert_same_training(reference, other, rtol=1e-8)
