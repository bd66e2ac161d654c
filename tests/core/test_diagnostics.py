"""Per-layer diagnostics: gradient norms, update ratios, saturation and dead units."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from numpy.typing import NDArray

from playground.core.config import ModelConfig, TrainConfig
from playground.core.diagnostics import diagnose
from playground.core.model import Model
from playground.core.trainer import Trainer

Array = NDArray[np.float64]


def data(n: int = 40, seed: int = 0) -> tuple[Array, NDArray[np.int64]]:
    rng = np.random.default_rng(seed)
    x = rng.uniform(-4.0, 4.0, (n, 2))
    return x, (x[:, 0] * x[:, 1] > 0).astype(np.int64)


def make_trainer(
    activations: tuple[str, ...],
    hidden: tuple[int, ...] | None = None,
    init: str = "xavier_uniform",
    bias_init: float = 0.0,
    **train: object,
) -> Trainer:
    x, y = data()
    config = ModelConfig(
        hidden=hidden or (5,) * len(activations),
        activations=activations,
        init=init,
        bias_init=bias_init,
    )
    return Trainer(Model.build(config, x), TrainConfig(**train), x, y)  # type: ignore[arg-type]


# ------------------------------------------------------------------ dead units


def test_all_relu_units_dead_with_hugely_negative_biases() -> None:
    trainer = make_trainer(("relu", "relu"), init="he_normal", bias_init=-1000.0)
    np.testing.assert_array_equal(diagnose(trainer).dead_fraction, [1.0, 1.0])


def test_healthy_relu_net_has_no_dead_units() -> None:
    # Standardised inputs take both signs, so every unit fires on some points.
    trainer = make_trainer(("relu",), hidden=(8,), init="he_normal", bias_init=0.1)
    trainer.run(3)
    np.testing.assert_array_equal(diagnose(trainer).dead_fraction, [0.0])


def test_leaky_relu_units_never_count_as_dead() -> None:
    # Its 0.01 slope keeps a gradient flowing even when every input is negative.
    trainer = make_trainer(("leaky_relu",), init="he_normal", bias_init=-1000.0)
    assert np.isnan(diagnose(trainer).dead_fraction[0])


def test_dead_fraction_counts_units() -> None:
    trainer = make_trainer(("relu",), hidden=(4,), init="he_normal", bias_init=0.1)
    trainer.network.biases[0][2] = -1000.0  # one of four units can never fire
    assert diagnose(trainer).dead_fraction[0] == 0.25
    trainer.network.biases[0][0] = -1000.0
    assert diagnose(trainer).dead_fraction[0] == 0.5


def test_dead_fraction_is_nan_for_activations_that_cannot_die() -> None:
    trainer = make_trainer(("tanh", "relu", "sigmoid"), bias_init=-1000.0)
    dead = diagnose(trainer).dead_fraction
    assert np.isnan(dead[0]) and np.isnan(dead[2])
    assert dead[1] == 1.0


# ------------------------------------------------------------------ saturation


def test_sigmoid_with_huge_weights_is_saturated() -> None:
    trainer = make_trainer(("sigmoid", "sigmoid"), init="small_normal")
    assert np.all(diagnose(trainer).saturated_fraction == 0.0)  # 0.01-scale weights: linear part
    trainer.network.params[:] *= 1e5
    assert np.all(diagnose(trainer).saturated_fraction > 0.95)


def test_saturated_fraction_by_hand() -> None:
    trainer = make_trainer(("tanh", "relu"), hidden=(6, 3))
    trainer.network.weights[0][...] *= 3.0
    hidden, _ = trainer.network.layer_outputs(trainer.x_train)
    expected = np.mean(np.abs(hidden[0]) >= 0.97)  # beyond 97 % of the range from its centre
    assert 0.0 < expected < 1.0
    sat = diagnose(trainer).saturated_fraction
    assert sat[0] == pytest.approx(expected)
    assert np.isnan(sat[1])


# ------------------------------------------------------------------ gradients and updates


def test_gradient_figures_match_the_gradients() -> None:
    trainer = make_trainer(("tanh", "tanh"), hidden=(4, 3), batch_size=8)
    trainer.run(1)
    trainer.step()
    d = diagnose(trainer)
    net = trainer.network
    np.testing.assert_allclose(d.grad_norm_w, [np.linalg.norm(g) for g in net.grad_weights])
    np.testing.assert_allclose(d.grad_norm_b, [np.linalg.norm(g) for g in net.grad_biases])
    np.testing.assert_allclose(d.grad_mean_abs_w, [np.abs(g).mean() for g in net.grad_weights])
    np.testing.assert_allclose(d.grad_mean_abs_b, [np.abs(g).mean() for g in net.grad_biases])
    np.testing.assert_allclose(d.weight_norm, [np.linalg.norm(w) for w in net.weights])
    assert d.grad_norm_w.shape == (3,)
    assert d.saturated_fraction.shape == d.dead_fraction.shape == (2,)


def test_update_ratio_of_sgd() -> None:
    lr = 0.05
    trainer = make_trainer(("tanh", "relu"), hidden=(4, 3), learning_rate=lr, batch_size=8)
    trainer.run(1)
    trainer.step()
    net = trainer.network
    # SGD moved W by -lr g, so ||ΔW|| / ||W|| = lr ||g|| / ||W|| (W after the update)
    expected = [
        lr * np.linalg.norm(g) / np.linalg.norm(w) for g, w in zip(net.grad_weights, net.weights)
    ]
    ratio = diagnose(trainer).update_ratio
    np.testing.assert_allclose(ratio, expected, rtol=1e-10)
    assert np.all(ratio > 0.0)


def test_update_ratio_with_penalty_and_momentum_uses_the_actual_step() -> None:
    trainer = make_trainer(("tanh",), optimizer="momentum", learning_rate=0.1, l2=0.1)
    trainer.run(2)
    before = trainer.network.get_params()
    trainer.step()
    net = trainer.network
    step = net.params - before
    expected = []
    for i in range(net.n_layers):
        lo, hi = net.block_offsets[2 * i], net.block_offsets[2 * i + 1]
        expected.append(np.linalg.norm(step[lo:hi]) / np.linalg.norm(net.params[lo:hi]))
    np.testing.assert_allclose(diagnose(trainer).update_ratio, expected, rtol=1e-10)


def test_before_any_step_and_with_zero_weights() -> None:
    trainer = make_trainer(("relu",), init="zeros")
    d = diagnose(trainer)
    assert np.all(np.isnan(d.update_ratio))  # ||W|| = 0
    np.testing.assert_array_equal(d.weight_norm, 0.0)
    np.testing.assert_array_equal(d.grad_norm_w, 0.0)


def test_network_without_hidden_layers() -> None:
    x, y = data()
    config = ModelConfig(hidden=(), activations=())
    trainer = Trainer(Model.build(config, x), TrainConfig(), x, y)
    trainer.step()
    d = diagnose(trainer)
    assert d.grad_norm_w.shape == (1,)
    assert d.saturated_fraction.shape == d.dead_fraction.shape == (0,)


def test_diagnose_a_diverged_network_quietly() -> None:
    trainer = make_trainer(("relu", "relu"), init="he_normal")
    trainer.network.params[:] *= 1e120  # finite weights whose products overflow
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        d = diagnose(trainer)
    net = trainer.network
    np.testing.assert_allclose(d.weight_norm, [np.linalg.norm(w) for w in net.weights])
    assert np.all((d.dead_fraction >= 0.0) & (d.dead_fraction <= 1.0))
