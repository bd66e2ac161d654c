"""The compiled kernel against the NumPy engine: every activation × head × optimizer ×
penalty trained 100 epochs both ways, to a relative 1e-10 in weights and history rows."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from playground.core import kernel
from playground.core.activations import ACTIVATIONS
from playground.core.trainer import Divergence, SliceResult, Trainer
from tests.core.kernel_cases import HEADS, OPTIMIZERS, PENALTIES, assert_same_training, make

pytest.importorskip("numba")


@pytest.fixture(scope="module", autouse=True)
def compiled() -> None:
    assert kernel.warm_up(), kernel.engine_notice()


@pytest.mark.parametrize("task,loss", HEADS, ids=[f"{task}-{loss}" for task, loss in HEADS])
@pytest.mark.parametrize("activation", list(ACTIVATIONS))
def test_compiled_trains_as_numpy(activation: str, task: str, loss: str) -> None:
    # One hidden layer, 7 points in batches of 4 and 3; history rows from full evaluation
    # without a penalty, from the batch losses with one.
    for (opt, train), (pen, penalty) in itertools.product(OPTIMIZERS.items(), PENALTIES.items()):
        settings = {**train, **penalty}
        shape = {"n": 7, "full_evaluation": pen == "none", "hidden": (3,)}
        reference = make(activation, task, loss, settings, **shape)
        compiled = make(activation, task, loss, settings, engine="compiled", **shape)
        assert reference.run(100) is None
        assert compiled.run(100) is None
        try:
            assert_same_training(reference, compiled)
        except AssertionError as error:
            raise AssertionError(f"{opt} with penalty {pen}: {error}") from None


@pytest.mark.parametrize("full_evaluation", [True, False])
def test_slices_of_any_length_and_engines_taking_turns(full_evaluation: bool) -> None:
    # Batches of 3 over 11 points: slices end mid-epoch, mid-batch-sequence and on epochs.
    settings = {**OPTIMIZERS["adam"], "l2": 0.01}
    args = ("silu", "multiclass", "cross_entropy", settings)
    reference = make(*args, full_evaluation=full_evaluation, batch_size=3)
    mixed = make(*args, full_evaluation=full_evaluation, batch_size=3, engine="compiled")
    for _ in range(40):
        reference.step()
    for budget in (1, 2, 5, 4, 7):
        assert mixed.run_slice(max_steps=budget).engine == "compiled"
        mixed.step()  # the NumPy engine carries on from where the kernel stopped
    result = mixed.run_slice(max_steps=100, max_epochs=1)
    assert result.stop == "epochs"
    while mixed.step_count < 40:
        mixed.step()
    assert_same_training(reference, mixed)
    assert mixed.epoch == 10  # 40 steps of 4 per epoch


def test_a_slice_reports_its_budget_and_stops() -> None:
    # 11 points in batches of 4: 3 steps an epoch.
    trainer = make("tanh", "binary", "binary_cross_entropy", OPTIMIZERS["sgd"], engine="compiled")
    assert trainer.run_slice(max_steps=5) == SliceResult(5, 1, "budget", "compiled")
    assert trainer.run_slice(max_steps=5) == SliceResult(5, 2, "budget", "compiled")
    assert (trainer.step_count, trainer.epoch, len(trainer.history)) == (10, 3, 3)
    assert trainer.run_slice(max_epochs=3) == SliceResult(8, 3, "epochs", "compiled")
    assert trainer.epoch == 6
    assert trainer.run_slice(max_epochs=9, target_loss=10.0) == SliceResult(
        3, 1, "target", "compiled"
    )
    assert trainer.run_slice(max_steps=2, max_epochs=1) == SliceResult(2, 0, "budget", "compiled")
    assert trainer.run_slice(max_steps=2, max_epochs=1) == SliceResult(1, 1, "epochs", "compiled")
    assert trainer.run_slice(seconds=0.001).steps >= 1


def test_divergence_inside_a_slice_is_the_numpy_engines() -> None:
    def diverging(engine: str) -> Trainer:
        settings = {"optimizer": "sgd", "learning_rate": 60.0}
        return make("linear", "regression", "mse", settings, engine=engine, hidden=(4, 4))

    reference, compiled = diverging("numpy"), diverging("compiled")
    with np.errstate(all="ignore"):
        found = reference.run(500)
    assert isinstance(found, Divergence)
    result = compiled.run_slice(max_epochs=500)
    assert result.stop == "diverged"
    assert compiled.diverged == found
    assert result.steps == found.step
    assert np.all(np.isfinite(compiled.network.params))
    assert_same_training(reference, compiled, rtol=1e-8)
    # refuses further slices until resumed, then retries that batch as the NumPy engine does
    assert compiled.run_slice(max_steps=3) == SliceResult(0, 0, "diverged", "numpy")
    for trainer in (reference, compiled):
        trainer.resume()
        trainer.set_config(trainer.config.with_changes(learning_rate=1e-4))
    with np.errstate(all="ignore"):
        reference.run_slice(max_steps=3)
    compiled.run_slice(max_steps=3)
    assert_same_training(reference, compiled, rtol=1e-8)


def test_an_update_that_overflows_is_undone_and_restarts_the_optimizer() -> None:
    args = ("tanh", "binary", "binary_cross_entropy", OPTIMIZERS["momentum"])
    trainers = [make(*args), make(*args, engine="compiled")]
    for trainer in trainers:
        trainer.run(2)
        trainer.optimizer.learning_rate = np.inf  # beyond what TrainConfig allows
    with np.errstate(all="ignore"):
        trainers[0].step()
    result = trainers[1].run_slice(max_steps=10)
    assert result.stop == "diverged" and result.steps == 0
    assert trainers[1].diverged == Divergence(6, 2, "weights overflowed")
    assert_same_training(*trainers)
    assert not np.any(trainers[1].optimizer.velocity)  # type: ignore[attr-defined]


def test_one_compiled_signature_serves_every_network() -> None:
    for activation, (task, loss) in itertools.product(("relu", "gelu"), HEADS[:3]):
        make(activation, task, loss, OPTIMIZERS["rmsprop"], engine="compiled", hidden=(2,)).run(1)
    dispatcher = kernel.compiled_kernel(wait=True)
    assert dispatcher is not None
    assert len(dispatcher.signatures) == 1  # type: ignore[attr-defined]
    assert dispatcher.targetoptions["nogil"] is True  # type: ignore[attr-defined]
    assert kernel.kernel_ready()
    assert kernel.engine_notice() is None


def test_auto_trains_with_numpy_until_the_kernel_has_loaded(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(kernel, "_COMPILER", kernel._Compiler())  # not loaded yet
    args = ("softplus", "regression", "tanh_mse", OPTIMIZERS["momentum"])
    reference, auto = make(*args), make(*args, engine="auto")
    assert auto.run_slice(max_steps=4).engine == "numpy"
    thread = kernel.warm_up_in_background()
    assert kernel.warm_up_in_background() is thread
    thread.join(timeout=120)
    assert kernel.kernel_ready()
    assert auto.run_slice(max_steps=4).engine == "compiled"
    assert reference.run_slice(max_steps=8).engine == "numpy"
    assert_same_training(reference, auto)
