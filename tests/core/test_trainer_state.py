"""Exact trainer state: a trainer that takes over another's state trains bit for bit as it
would have, for every optimizer, both engines, at and between epoch boundaries; states
that do not fit are refused before anything changes."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import numpy as np
import pytest

from playground.core import kernel
from playground.core.config import ModelConfig, TrainConfig
from playground.core.history import COLUMNS
from playground.core.model import Model
from playground.core.optimizers import OPTIMIZERS as OPTIMIZER_TABLE
from playground.core.optimizers import make_optimizer
from playground.core.trainer import Divergence, Trainer, TrainerState
from tests.core.kernel_cases import OPTIMIZERS, assert_same_training, data

ENGINES = [
    "numpy",
    pytest.param(
        "compiled",
        marks=pytest.mark.skipif(not kernel.numba_available(), reason="numba is not installed"),
    ),
]
N_TRAIN = 12


def trainer(
    train: dict[str, Any],
    batch_size: int,
    engine: str = "numpy",
    seed: int = 5,
    n: int = N_TRAIN,
    hidden: tuple[int, ...] = (3, 2),
) -> Trainer:
    """A multiclass problem on ``n`` points, 4 test points, full evaluation."""
    x, y = data("multiclass", n, seed=1)
    xt, yt = data("multiclass", 4, seed=2)
    config = ModelConfig(
        hidden=hidden, activations=("tanh",) * len(hidden), task="multiclass", n_classes=3,
        loss="cross_entropy", seed=seed,
    )  # fmt: skip
    model = Model.build(config, x)
    return Trainer(model, TrainConfig(batch_size=batch_size, **train), x, y, xt, yt, engine=engine)


def advance(t: Trainer, epochs: int, steps: int) -> None:
    """Train whole epochs, then single steps (a state then sits mid-epoch)."""
    if epochs:
        t.run(epochs)
    if steps:
        if t.engine == "numpy":
            for _ in range(steps):
                t.step()
        else:
            assert t.run_slice(max_steps=steps).engine == "compiled"


def assert_identical(a: Trainer, c: Trainer, rows: int) -> None:
    """Bit-identical weights, optimizer state, counts, shuffle stream and last ``rows`` rows."""
    assert (c.epoch, c.step_count, c._cursor) == (a.epoch, a.step_count, a._cursor)
    assert np.array_equal(c.network.params, a.network.params)
    assert np.array_equal(c.previous_params, a.previous_params)
    assert c.rng.bit_generator.state == a.rng.bit_generator.state
    mine, theirs = c.optimizer.get_state(), a.optimizer.get_state()
    assert mine.keys() == theirs.keys()
    for name in mine:
        assert np.array_equal(mine[name], theirs[name]), name
    ha, hc = a.history.chunk(), c.history.chunk()
    assert len(hc) == rows
    for name in (*COLUMNS, "grad_norms"):
        assert np.array_equal(getattr(hc, name), getattr(ha, name)[len(ha) - rows :]), name


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("optimizer", list(OPTIMIZERS))
@pytest.mark.parametrize("batch_size", [4, 5], ids=["batch-divides", "batch-does-not-divide"])
@pytest.mark.parametrize("mid_steps", [0, 2], ids=["at-epoch-start", "mid-epoch"])
def test_a_restored_trainer_continues_bit_for_bit(
    engine: str, optimizer: str, batch_size: int, mid_steps: int
) -> None:
    settings = OPTIMIZERS[optimizer]
    a = trainer(settings, batch_size, engine)
    b = trainer(settings, batch_size, engine)
    advance(a, 3, mid_steps)
    advance(b, 3, mid_steps)
    state = b.get_state()
    assert state.at_epoch_start == (mid_steps == 0)
    # Another seed: other initial weights and another shuffle stream, both replaced.
    c = trainer(settings, batch_size, engine, seed=99)
    assert not np.array_equal(c.network.params, state.params)
    c.set_state(state)
    assert c.epoch == 3 and len(c.history) == 0  # the history is the caller's
    a.run(4)
    c.run(4)
    assert_identical(a, c, rows=4)


@pytest.mark.parametrize("engine", ENGINES)
def test_run_slice_with_max_epochs_across_a_restore(engine: str) -> None:
    settings = OPTIMIZERS["adam"]
    a, b = trainer(settings, 5, engine), trainer(settings, 5, engine)
    assert a.run_slice(max_epochs=2).epochs == 2
    a.run_slice(max_steps=1)
    assert b.run_slice(max_epochs=2).epochs == 2
    b.run_slice(max_steps=1)
    c = trainer(settings, 5, engine, seed=7)
    c.set_state(b.get_state())
    for t in (a, c):
        result = t.run_slice(max_epochs=3)
        # 12 points in batches of 5 take 3 steps an epoch; one was taken already.
        assert (result.epochs, result.steps, result.stop) == (3, 8, "epochs")
    assert_identical(a, c, rows=3)


def test_engines_may_take_turns_across_a_restore() -> None:
    pytest.importorskip("numba")
    settings = OPTIMIZERS["momentum"]
    a = trainer(settings, 5, "compiled")
    advance(a, 2, 1)
    c = trainer(settings, 5, "numpy", seed=3)
    c.set_state(a.get_state())  # a compiled trainer's state, continued by NumPy
    reference = trainer(settings, 5, "numpy")
    advance(reference, 2, 1)
    reference.history.clear()
    for t in (c, reference):
        for _ in range(4):
            t.step()
    # The engines agree to rounding (tests/core/test_kernel_equivalence.py), not to the bit.
    assert_same_training(reference, c)
    assert (c.epoch, c._cursor, len(c.history)) == (3, 10, 1)  # batches of 5, 5, 2


def test_get_state_is_a_read_only_deep_copy() -> None:
    t = trainer(OPTIMIZERS["adam"], 5)
    advance(t, 1, 1)
    params, opt = t.network.get_params(), t.optimizer.get_state()
    state = t.get_state()
    assert np.array_equal(t.network.params, params) and t.optimizer.get_state()["t"] == opt["t"]
    for array in (state.params, state.previous_params, state.order, state.epoch_gradsq,
                  state.optimizer_state["m"]):  # fmt: skip
        assert not array.flags.writeable
    t.run(2)  # training on changes none of the state's arrays
    assert np.array_equal(state.params, params)
    assert np.array_equal(state.optimizer_state["m"], opt["m"])
    assert state.optimizer_state["t"] == opt["t"] == 4 and state.epoch == 1
    assert sorted(state.order) == list(range(N_TRAIN)) and state.cursor == 5
    assert state.rng_state != t.rng.bit_generator.state


def test_a_restored_state_can_be_restored_twice() -> None:
    # The trainer copies the state in: training after set_state leaves it as it was.
    settings = OPTIMIZERS["rmsprop"]
    b = trainer(settings, 4)
    advance(b, 2, 1)
    state = b.get_state()
    runs = []
    for seed in (1, 2):
        c = trainer(settings, 4, seed=seed)
        c.set_state(state)
        c.run(3)
        runs.append(c.network.get_params())
    assert np.array_equal(runs[0], runs[1])


def test_a_pending_divergence_travels_with_the_state() -> None:
    settings = OPTIMIZERS["sgd"]
    b = trainer(settings, 4)
    b.step()
    b.optimizer.learning_rate = np.inf  # beyond what TrainConfig allows
    assert np.isnan(b.step())
    assert b.diverged == Divergence(1, 0, "weights overflowed")
    c = trainer(settings, 4, seed=8)
    c.set_state(b.get_state())
    assert c.diverged == b.diverged and np.isnan(c.step())
    assert np.array_equal(c.network.params, b.network.params)


# --------------------------------------------------------------------- refusals


def _refused(t: Trainer, state: TrainerState, match: str) -> None:
    before = t.get_state()
    with pytest.raises(ValueError, match=match):
        t.set_state(state)
    after = t.get_state()  # nothing changed
    assert np.array_equal(after.params, before.params) and after.epoch == before.epoch
    assert after.rng_state == before.rng_state


def test_states_that_do_not_fit_are_refused() -> None:
    settings = OPTIMIZERS["adam"]
    b = trainer(settings, 5)
    advance(b, 1, 1)
    state = b.get_state()
    c = trainer(settings, 5, seed=4)
    _refused(
        trainer(settings, 5, hidden=(4,)),
        state,
        r"shape \(26,\), but this network has 27 parameters",
    )
    _refused(trainer(OPTIMIZERS["sgd"], 5), state, "belongs to optimizer 'adam'.* uses 'sgd'")
    _refused(trainer(settings, 5, n=10), state, "5 points into an epoch over 12 .* has 10")
    bad_m = state.optimizer_state | {"m": np.zeros(3)}
    _refused(c, replace(state, optimizer_state=bad_m), r"Adam state's 'm' has shape \(3,\)")
    no_t = {k: v for k, v in state.optimizer_state.items() if k != "t"}
    _refused(c, replace(state, optimizer_state=no_t), "Adam state lacks 't'")
    _refused(c, replace(state, epoch_gradsq=np.zeros(2)), "has 3 layers")
    _refused(c, replace(state, previous_params=np.full(26, np.nan)), "NaN or infinite")
    _refused(c, replace(state, order=np.zeros(N_TRAIN, np.int64)), "not a permutation")
    _refused(c, replace(state, rng_state={"bit_generator": "MT19937"}), "PCG64")
    rng = state.rng_state | {"state": {"state": -1, "inc": 3}}
    _refused(c, replace(state, rng_state=rng), "not a valid PCG64 state")
    _refused(c, replace(state, epoch=-1), "epoch must be a non-negative integer")
    _refused(c, replace(state, epoch_loss=float("inf")), "epoch loss must be a finite")


# ------------------------------------------------------------------- optimizers


@pytest.mark.parametrize("name", list(OPTIMIZER_TABLE))
def test_optimizer_state_round_trips(name: str) -> None:
    rng = np.random.default_rng(0)
    grads = [rng.normal(size=6) for _ in range(5)]
    a, b = make_optimizer(name, 6, 0.01), make_optimizer(name, 6, 0.01)
    pa, pb = np.ones(6), np.ones(6)
    for g in grads[:3]:
        a.update(pa, g)
        b.update(pb, g)
    state = b.get_state()
    assert set(state) == {*type(b).state_arrays, *type(b).state_counts}
    fresh, pc = make_optimizer(name, 6, 0.01), pb.copy()
    fresh.set_state(state)
    for g in grads[3:]:
        a.update(pa, g)
        fresh.update(pc, g)
    assert np.array_equal(pa, pc)
    for key, value in fresh.get_state().items():
        assert np.array_equal(value, a.get_state()[key])
    if type(b).state_arrays:  # a copy: the optimizer's own arrays are not handed out
        assert getattr(b, type(b).state_arrays[0]) is not state[type(b).state_arrays[0]]


def test_optimizer_set_state_refuses_what_does_not_fit() -> None:
    opt = make_optimizer("momentum", 4, 0.1)
    with pytest.raises(ValueError, match="Momentum state lacks 'velocity'"):
        opt.set_state({})
    with pytest.raises(ValueError, match="has no 'm'"):
        opt.set_state({"velocity": np.zeros(4), "m": np.zeros(4)})
    with pytest.raises(ValueError, match=r"shape \(5,\), expected \(4,\)"):
        opt.set_state({"velocity": np.zeros(5)})
    with pytest.raises(ValueError, match="non-negative integer"):
        make_optimizer("adam", 4, 0.1).set_state({"m": np.zeros(4), "v": np.zeros(4), "t": -1})
    assert not opt.velocity.any()
