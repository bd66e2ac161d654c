"""The training loop: reproducibility, epochs and steps, history rows, settings and
data changed mid-training, the divergence guard, NaN and empty data."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest
from numpy.typing import NDArray

from playground.core.config import DEFAULT_LOSS, ModelConfig, TrainConfig
from playground.core.model import Model
from playground.core.optimizers import Adam, Momentum
from playground.core.trainer import Divergence, Trainer

Array = NDArray[np.float64]


# ------------------------------------------------------------------ helpers


def blobs(n: int, seed: int = 0) -> tuple[Array, NDArray[np.int64]]:
    """Two Gaussian blobs around (-1.5, -1.5) and (1.5, 1.5), classes alternating."""
    rng = np.random.default_rng(seed)
    y = np.arange(n) % 2
    x = rng.normal(0.0, 0.8, (n, 2)) + np.where(y == 1, 1.5, -1.5)[:, None]
    return x, y


def plane(n: int, seed: int = 0, scale: float = 5.0) -> tuple[Array, Array]:
    """Regression targets 3 x1 + x2 on points in [-scale, scale]²."""
    rng = np.random.default_rng(seed)
    x = rng.uniform(-scale, scale, (n, 2))
    return x, 3.0 * x[:, 0] + x[:, 1]


def make_trainer(
    x: Array,
    y: NDArray[np.generic],
    *,
    hidden: tuple[int, ...] = (4,),
    activations: tuple[str, ...] | None = None,
    task: str = "binary",
    seed: int = 0,
    x_test: Array | None = None,
    y_test: NDArray[np.generic] | None = None,
    **train: object,
) -> Trainer:
    acts = activations if activations is not None else ("tanh",) * len(hidden)
    n_classes = 1 if task == "regression" else 2
    config = ModelConfig(
        hidden=hidden,
        activations=acts,
        task=task,
        n_classes=n_classes,
        loss=DEFAULT_LOSS[task],
        seed=seed,
    )
    model = Model.build(config, x)
    return Trainer(model, TrainConfig(**train), x, y, x_test, y_test)  # type: ignore[arg-type]


# ------------------------------------------------------------------ reproducibility


@pytest.mark.parametrize(
    "train",
    [
        {"optimizer": "sgd", "learning_rate": 0.1},
        {"optimizer": "momentum", "learning_rate": 0.05, "nesterov": True},
        {"optimizer": "adam", "learning_rate": 0.01, "l2": 0.01},
    ],
)
def test_same_seed_gives_bit_identical_weights(train: dict[str, object]) -> None:
    x, y = blobs(37)
    xt, yt = blobs(11, seed=9)
    runs = []
    for _ in range(2):
        trainer = make_trainer(x, y, hidden=(5, 3), seed=3, x_test=xt, y_test=yt, **train)
        start = trainer.network.get_params()
        trainer.run(4)
        runs.append(trainer)
    a, b = runs
    assert not np.array_equal(start, a.network.params)  # training did move the weights
    assert np.array_equal(a.network.params, b.network.params)
    for name in ("train_loss", "test_loss", "train_metric", "test_metric", "grad_norms"):
        assert np.array_equal(a.history.column(name), b.history.column(name))


def test_different_seed_differs() -> None:
    x, y = blobs(37)
    a = make_trainer(x, y, seed=0)
    b = make_trainer(x, y, seed=1)
    a.run(3)
    b.run(3)
    assert not np.array_equal(a.network.params, b.network.params)


def test_seed_also_drives_the_shuffle() -> None:
    # Same initial weights, different shuffle seed: the mini-batch order differs.
    x, y = blobs(40)
    a = make_trainer(x, y, seed=0, batch_size=5)
    b = make_trainer(x, y, seed=0, batch_size=5)
    b.rng = np.random.default_rng([12345, 1])
    a.run(1)
    b.run(1)
    assert not np.array_equal(a.network.params, b.network.params)


# ------------------------------------------------------------------ epochs, steps, history


@pytest.mark.parametrize(
    ("n", "batch", "steps"), [(23, 5, 5), (20, 5, 4), (23, 23, 1), (23, 100, 1), (7, 1, 7)]
)
def test_epoch_is_ceil_n_over_batch_steps(n: int, batch: int, steps: int) -> None:
    assert steps == math.ceil(n / batch)
    x, y = blobs(n)
    trainer = make_trainer(x, y, batch_size=batch)
    for epoch in (1, 2):
        assert trainer.run_epoch() == steps
        assert trainer.epoch == epoch
        assert trainer.step_count == epoch * steps
        assert len(trainer.history) == epoch


def test_step_returns_the_batch_loss_before_the_update() -> None:
    x, y = blobs(16)
    trainer = make_trainer(x, y, batch_size=16, learning_rate=0.5)
    before = trainer.evaluate().train_loss
    loss = trainer.step()  # one full-batch step
    assert loss == pytest.approx(before, rel=1e-12)
    assert trainer.evaluate().train_loss < before


def test_history_rows() -> None:
    x, y = blobs(30)
    xt, yt = blobs(10, seed=5)
    trainer = make_trainer(x, y, hidden=(4, 3), batch_size=7, x_test=xt, y_test=yt)
    assert len(trainer.history) == 0
    trainer.run(3)
    h = trainer.history
    assert len(h) == 3
    np.testing.assert_array_equal(h.column("epoch"), [1, 2, 3])
    assert h.column("grad_norms").shape == (3, 3)
    assert np.all(h.column("grad_norms") > 0.0)
    ev = trainer.evaluate()
    last = h.chunk(2)
    assert last.train_loss[0] == ev.train_loss
    assert last.test_loss[0] == ev.test_loss
    assert last.train_metric[0] == ev.train_metric
    assert last.test_metric[0] == ev.test_metric
    assert 0.0 <= ev.train_metric <= 1.0


def test_history_grad_norms_are_rms_over_the_epoch() -> None:
    x, y = blobs(25)
    trainer = make_trainer(x, y, hidden=(3, 3), batch_size=6)
    net = trainer.network
    squares = np.zeros(net.n_layers)
    steps = 0
    while trainer.epoch == 0:
        trainer.step()
        squares += [np.sum(g * g) for g in net.grad_weights]
        steps += 1
    assert steps == 5
    np.testing.assert_allclose(
        trainer.history.column("grad_norms")[0], np.sqrt(squares / steps), rtol=1e-12
    )


def test_no_test_set_gives_nan_columns() -> None:
    x, y = blobs(12)
    trainer = make_trainer(x, y)
    trainer.run(2)
    assert np.all(np.isnan(trainer.history.column("test_loss")))
    assert np.all(np.isnan(trainer.history.column("test_metric")))
    assert np.all(np.isfinite(trainer.history.column("train_loss")))


def test_regression_metric_is_r_squared() -> None:
    x, y = plane(40, scale=1.0)
    trainer = make_trainer(x, y, task="regression", hidden=(), batch_size=40, learning_rate=0.3)
    trainer.run(60)
    pred = trainer.model.predict(x)
    r2 = 1.0 - np.sum((y - pred) ** 2) / np.sum((y - y.mean()) ** 2)
    assert trainer.evaluate().train_metric == pytest.approx(r2, rel=1e-12)
    assert r2 > 0.99  # a linear model fits a plane


# ------------------------------------------------------------------ settings mid-training


def test_set_config_changes_learning_rate_without_reset() -> None:
    x, y = blobs(16)
    config = TrainConfig(optimizer="sgd", learning_rate=0.05, batch_size=16)
    trainer = make_trainer(x, y, **vars(config))
    trainer.run(2)
    optimizer = trainer.optimizer
    trainer.set_config(config.with_changes(learning_rate=0.7))
    assert trainer.optimizer is optimizer
    assert (trainer.epoch, trainer.step_count, len(trainer.history)) == (2, 2, 2)
    before = trainer.network.get_params()
    trainer.step()
    np.testing.assert_allclose(
        trainer.network.params, before - 0.7 * trainer.network.grads, rtol=1e-15, atol=0.0
    )
    assert (trainer.epoch, trainer.step_count, len(trainer.history)) == (3, 3, 3)


def test_set_config_keeps_momentum_state() -> None:
    x, y = blobs(16)
    config = TrainConfig(optimizer="momentum", learning_rate=0.05, batch_size=4)
    trainer = make_trainer(x, y, **vars(config))
    trainer.run(1)
    opt = trainer.optimizer
    assert isinstance(opt, Momentum)
    velocity = opt.velocity.copy()
    assert np.any(velocity != 0.0)
    trainer.set_config(config.with_changes(learning_rate=0.01, momentum=0.5, nesterov=True))
    assert trainer.optimizer is opt
    assert (opt.learning_rate, opt.momentum, opt.nesterov) == (0.01, 0.5, True)
    np.testing.assert_array_equal(opt.velocity, velocity)


def test_set_config_new_optimizer_starts_fresh() -> None:
    x, y = blobs(16)
    trainer = make_trainer(x, y, optimizer="sgd")
    trainer.run(1)
    params = trainer.network.get_params()
    trainer.set_config(trainer.config.with_changes(optimizer="adam", learning_rate=0.02))
    assert isinstance(trainer.optimizer, Adam)
    assert trainer.optimizer.t == 0
    assert trainer.optimizer.learning_rate == 0.02
    np.testing.assert_array_equal(trainer.network.params, params)  # weights are kept
    trainer.run(1)
    assert trainer.optimizer.t > 0


def test_set_config_changes_penalties() -> None:
    x, y = blobs(16)
    trainer = make_trainer(x, y, hidden=(3,), batch_size=16, learning_rate=0.1)
    trainer.run(1)
    reference = trainer.model.copy().network
    reference.loss_and_gradient(trainer.x_train, trainer.t_train)
    data_grad = reference.grads.copy()
    w = reference.params * reference.weight_mask
    trainer.set_config(trainer.config.with_changes(l1=0.1, l2=0.3))
    before = trainer.network.get_params()
    trainer.step()  # full batch: same gradient as the reference, up to summation order
    expected = data_grad + 0.3 * w + 0.1 * np.sign(w)
    np.testing.assert_allclose(trainer.network.grads, expected, rtol=1e-10, atol=1e-14)
    np.testing.assert_allclose(trainer.network.params, before - 0.1 * expected, rtol=1e-10)


def test_set_data_mid_training() -> None:
    x, y = blobs(20)
    trainer = make_trainer(x, y, batch_size=6)
    trainer.run(1)
    trainer.step()  # part way into epoch 2
    params = trainer.network.get_params()
    x2, y2 = blobs(9, seed=4)
    trainer.set_data(x2, y2)
    assert trainer.n_train == 9
    np.testing.assert_array_equal(trainer.network.params, params)  # no re-initialisation
    # the current epoch restarts on the new points: ceil(9 / 6) = 2 steps
    assert trainer.run_epoch() == 2
    assert trainer.epoch == 2
    # evaluation uses the new set
    model = trainer.model
    p = model.predict_proba(x2)[np.arange(9), y2]
    assert trainer.evaluate().train_loss == pytest.approx(-np.mean(np.log(p)), rel=1e-10)
    assert trainer.run_epoch() == 2


# ------------------------------------------------------------------ divergence guard


def _diverging(case: str) -> Trainer:
    if case == "linear":
        x, y = plane(40)
        return make_trainer(
            x,
            y,
            task="regression",
            hidden=(4, 4),
            activations=("linear", "linear"),
            learning_rate=50.0,
            batch_size=10,
        )
    if case == "relu":
        x, y = plane(40)
        return make_trainer(
            x,
            y,
            task="regression",
            hidden=(4, 4),
            activations=("relu", "relu"),
            learning_rate=10.0,
            batch_size=10,
        )
    raise AssertionError(case)


@pytest.mark.parametrize("case", ["linear", "relu"])
def test_divergence_keeps_the_last_finite_weights(case: str) -> None:
    trainer = _diverging(case)
    last_good = trainer.network.get_params()
    with np.errstate(all="ignore"):  # warnings are the subject of another test
        for _ in range(2000):
            loss = trainer.step()
            if trainer.diverged is not None:
                break
            assert math.isfinite(loss)
            last_good = trainer.network.get_params()
        else:
            pytest.fail("training did not diverge")
        assert math.isnan(loss)
        d = trainer.diverged
        assert isinstance(d, Divergence)
        assert d.step == trainer.step_count
        assert d.epoch == trainer.epoch
        assert d.reason in {"non-finite loss", "non-finite gradient", "weights overflowed"}
        assert f"epoch {d.epoch}" in d.message
        params = trainer.network.params
        assert np.all(np.isfinite(params))
        assert np.array_equal(params, last_good)
        # refuses further steps until resumed
        steps = trainer.step_count
        assert math.isnan(trainer.step())
        assert list(trainer.iter_steps()) == []
        assert trainer.run(3) is d
        assert trainer.step_count == steps
        assert np.array_equal(trainer.network.params, last_good)
    trainer.resume()
    assert trainer.diverged is None


def test_divergence_from_a_non_finite_gradient() -> None:
    # Points far outside the range the scaling was fitted on: finite logits and BCE
    # loss, but gradients whose squares overflow.
    x, y = blobs(8)
    trainer = make_trainer(x, y, hidden=(), batch_size=8)
    start = trainer.network.get_params()
    with np.errstate(all="ignore"):
        trainer.set_data(x * 1e200, y)
        assert math.isnan(trainer.step())
    assert trainer.diverged == Divergence(0, 0, "non-finite gradient")
    assert np.array_equal(trainer.network.params, start)


def test_update_that_overflows_is_undone() -> None:
    x, y = blobs(8)
    trainer = make_trainer(x, y, batch_size=4)
    trainer.step()
    good = trainer.network.get_params()
    trainer.optimizer.learning_rate = np.inf  # beyond what TrainConfig allows
    with np.errstate(all="ignore"):
        assert math.isnan(trainer.step())
    assert trainer.diverged == Divergence(1, 0, "weights overflowed")
    assert np.array_equal(trainer.network.params, good)
    assert np.array_equal(trainer.previous_params, good)
    # resuming at a sane rate trains on from the restored weights
    trainer.resume()
    trainer.set_config(trainer.config.with_changes(learning_rate=0.1))
    assert math.isfinite(trainer.step())
    assert trainer.diverged is None
    assert trainer.step_count == 2
    assert not np.array_equal(trainer.network.params, good)


def test_divergence_emits_no_floating_point_warnings() -> None:
    # The guard exists to handle overflow quietly; numpy's RuntimeWarnings (errors
    # under pytest's filterwarnings=error, noise on the GUI's stderr) must not escape.
    trainer = _diverging("linear")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = trainer.run(20)
    assert isinstance(result, Divergence)
    assert np.all(np.isfinite(trainer.network.params))


# ------------------------------------------------------------------ NaN and empty data


def test_nan_in_features_is_rejected_and_changes_nothing() -> None:
    x, y = blobs(12)
    trainer = make_trainer(x, y, batch_size=12)
    bad = x.copy()
    bad[5, 0] = np.nan
    with pytest.raises(ValueError, match="NaN or infinite coordinates"):
        trainer.set_data(bad, y)
    assert np.array_equal(trainer.x_train, trainer.model.inputs(x)), "old data kept"
    assert trainer.run(1) is None


def test_nan_in_regression_targets_is_rejected() -> None:
    x, y = plane(12)
    y[3] = np.nan
    with pytest.raises(ValueError, match="targets contain NaN"):
        make_trainer(x, y, task="regression", batch_size=4)


@pytest.mark.parametrize("label", [2.5, -1, 7])
def test_bad_class_labels_are_rejected(label: float) -> None:
    x, y = blobs(12)
    y = y.astype(np.float64)
    y[0] = label
    with pytest.raises(ValueError, match="class labels"):
        make_trainer(x, y)


def test_empty_training_set() -> None:
    x, y = blobs(10)
    trainer = make_trainer(x, y)
    trainer.set_data(np.zeros((0, 2)), np.zeros(0, dtype=np.int64))
    assert trainer.n_train == 0
    with pytest.raises(ValueError, match="no training points"):
        trainer.step()
    with pytest.raises(ValueError, match="no training points"):
        trainer.run(1)
    ev = trainer.evaluate()
    assert math.isnan(ev.train_loss) and math.isnan(ev.train_metric)
    empty = make_trainer(x, y)
    empty.set_data(x[:0], y[:0])
    with pytest.raises(ValueError, match="no training points"):
        empty.run_epoch()


def test_without_full_evaluation_the_epoch_loss_is_the_mean_batch_loss() -> None:
    x, y = blobs(40)
    full = make_trainer(x, y, batch_size=10)
    light = make_trainer(x, y, batch_size=10)
    light.full_evaluation = False
    losses = [light.step() for _ in range(4)]
    full.run(1)
    assert light.epoch == 1 and len(light.history) == 1
    assert light.history.column("train_loss")[0] == pytest.approx(np.mean(losses))
    assert np.isnan(light.history.column("test_metric")[0])
    np.testing.assert_array_equal(light.network.params, full.network.params)
