"""Optimizers: two steps of each on a two-element vector, checked against arithmetic
worked out by hand (as in scikit-learn's test_fit), and learning-rate changes."""

from __future__ import annotations

import numpy as np
import pytest
from numpy.typing import NDArray

from playground.core.network import Network
from playground.core.optimizers import (
    OPTIMIZERS,
    SGD,
    Adam,
    Momentum,
    Optimizer,
    RMSprop,
    make_optimizer,
)

Array = NDArray[np.float64]

P0 = (1.0, -2.0)
G1 = (0.5, -1.0)  # first gradient
G2 = (1.0, 1.0)  # second gradient


def two_steps(opt: Optimizer) -> tuple[Array, Array]:
    """Parameters after one step with G1 and after a second step with G2."""
    p = np.array(P0)
    opt.update(p, np.array(G1))
    first = p.copy()
    opt.update(p, np.array(G2))
    return first, p


def test_sgd() -> None:
    # lr = 0.1
    # step 1: p = (1, -2) - 0.1 * (0.5, -1) = (0.95, -1.9)
    # step 2: p = (0.95, -1.9) - 0.1 * (1, 1) = (0.85, -2.0)
    first, second = two_steps(SGD(2, 0.1))
    np.testing.assert_allclose(first, [0.95, -1.9], rtol=1e-15)
    np.testing.assert_allclose(second, [0.85, -2.0], rtol=1e-15)


def test_momentum() -> None:
    # lr = 0.1, mu = 0.9, v0 = 0
    # step 1: v = -0.1 * (0.5, -1) = (-0.05, 0.1);          p = (0.95, -1.9)
    # step 2: v = 0.9 * (-0.05, 0.1) - 0.1 * (1, 1)
    #           = (-0.045 - 0.1, 0.09 - 0.1) = (-0.145, -0.01); p = (0.805, -1.91)
    opt = Momentum(2, 0.1, momentum=0.9)
    first, second = two_steps(opt)
    np.testing.assert_allclose(first, [0.95, -1.9], rtol=1e-14)
    np.testing.assert_allclose(second, [0.805, -1.91], rtol=1e-14)
    np.testing.assert_allclose(opt.velocity, [-0.145, -0.01], rtol=1e-14)


def test_nesterov() -> None:
    # lr = 0.1, mu = 0.9; v as for classic momentum, but p moves by mu * v - lr * g
    # step 1: v = (-0.05, 0.1); p += 0.9 * v - 0.1 * (0.5, -1)
    #           = (-0.045 - 0.05, 0.09 + 0.1) = (-0.095, 0.19)  ->  p = (0.905, -1.81)
    # step 2: v = (-0.145, -0.01); p += 0.9 * v - 0.1 * (1, 1)
    #           = (-0.1305 - 0.1, -0.009 - 0.1) = (-0.2305, -0.109)  ->  p = (0.6745, -1.919)
    opt = Momentum(2, 0.1, momentum=0.9, nesterov=True)
    first, second = two_steps(opt)
    np.testing.assert_allclose(first, [0.905, -1.81], rtol=1e-14)
    np.testing.assert_allclose(second, [0.6745, -1.919], rtol=1e-14)


def test_rmsprop() -> None:
    # lr = 0.01, rho = 0.9, eps = 1e-8 (shifts step 1 by about 2e-9: lr * g * eps / s)
    # step 1: s = 0.1 * g² = (0.025, 0.1); sqrt(s) = (0.1581139, 0.3162278)
    #         step = 0.01 * g / sqrt(s) = 0.01 * sqrt(10) * sign(g) = (0.0316228, -0.0316228)
    #         p = (0.9683772234, -1.9683772234)
    # step 2: s = 0.9 * (0.025, 0.1) + 0.1 * (1, 1) = (0.1225, 0.19); sqrt(s) = (0.35, 0.4358899)
    #         step = 0.01 * (1/0.35, 1/0.4358899) = (0.0285714286, 0.0229415734)
    #         p = (0.9398057948, -1.9913187968)
    opt = RMSprop(2, 0.01)
    first, second = two_steps(opt)
    np.testing.assert_allclose(first, [0.9683772234, -1.9683772234], rtol=0, atol=1e-8)
    np.testing.assert_allclose(second, [0.9398057948, -1.9913187968], rtol=0, atol=1e-8)
    np.testing.assert_allclose(opt.square_avg, [0.1225, 0.19], rtol=1e-14)


def test_adam() -> None:
    # lr = 0.001, beta1 = 0.9, beta2 = 0.999, eps = 1e-8
    # step 1: m = 0.1 g, v = 0.001 g²; m_hat = g, v_hat = g²
    #         step = lr * g / |g| = 0.001 * sign(g)  ->  p = (0.999, -1.999)
    # step 2: m = 0.9 * (0.05, -0.1) + 0.1 * (1, 1) = (0.145, 0.01)
    #         v = 0.999 * (0.00025, 0.001) + 0.001 * (1, 1) = (0.00124975, 0.001999)
    #         m_hat = m / (1 - 0.81) = (0.7631579, 0.0526316)
    #         v_hat = v / (1 - 0.998001) = (0.6251876, 1.0)
    #         step = 0.001 * m_hat / sqrt(v_hat) = (0.000965182, 0.0000526316)
    #         p = (0.998034818, -1.999052632)
    opt = Adam(2, 0.001)
    first, second = two_steps(opt)
    np.testing.assert_allclose(first, [0.999, -1.999], rtol=0, atol=1e-9)
    np.testing.assert_allclose(second, [0.998034818, -1.999052632], rtol=0, atol=1e-9)
    assert opt.t == 2
    np.testing.assert_allclose(opt.m, [0.145, 0.01], rtol=1e-14)
    np.testing.assert_allclose(opt.v, [0.00124975, 0.001999], rtol=1e-14)


def test_adam_first_step_is_lr_times_sign() -> None:
    # Bias correction makes the first step lr * sign(g) whatever the gradient's scale
    # (as long as |g| is well above eps).
    for scale in (1e-2, 1.0, 1e6):
        p = np.zeros(3)
        Adam(3, 0.01).update(p, scale * np.array([2.0, -3.0, 0.5]))
        np.testing.assert_allclose(p, [-0.01, 0.01, -0.01], rtol=1e-4)


@pytest.mark.parametrize("name", list(OPTIMIZERS))
def test_learning_rate_change_takes_effect(name: str) -> None:
    # Same history, then the second step at a 10x rate: the second move is 10x as long
    # (for every optimizer here the step is proportional to lr given its state).
    slow = make_optimizer(name, 2, 0.01)
    fast = make_optimizer(name, 2, 0.01)
    p_slow = np.array(P0)
    p_fast = np.array(P0)
    slow.update(p_slow, np.array(G1))
    fast.update(p_fast, np.array(G1))
    before = p_slow.copy()
    fast.learning_rate = 0.1
    slow.update(p_slow, np.array(G2))
    fast.update(p_fast, np.array(G2))
    if name == "momentum":
        # v2 = mu v1 - lr2 g2 keeps mu v1 from the slow first step:
        # slow: 0.9 * (-0.005, 0.01) - 0.01 * (1, 1) = (-0.0145, -0.001)
        # fast: 0.9 * (-0.005, 0.01) - 0.1 * (1, 1) = (-0.1045, -0.091)
        np.testing.assert_allclose(p_slow - before, [-0.0145, -0.001], rtol=1e-12)
        np.testing.assert_allclose(p_fast - before, [-0.1045, -0.091], rtol=1e-12)
    else:
        np.testing.assert_allclose(p_fast - before, 10.0 * (p_slow - before), rtol=1e-12)


def test_sgd_learning_rate_between_steps() -> None:
    opt = SGD(1, 0.1)
    p = np.array([1.0])
    opt.update(p, np.array([1.0]))  # 1 - 0.1 = 0.9
    opt.learning_rate = 0.5
    opt.update(p, np.array([1.0]))  # 0.9 - 0.5 = 0.4
    np.testing.assert_allclose(p, [0.4])


@pytest.mark.parametrize("name", list(OPTIMIZERS))
def test_update_is_in_place_on_network_views(name: str) -> None:
    net = Network((2, 3, 1), ("tanh",), "mse")
    net.params[:] = 1.0
    w = net.weights[0]
    opt = make_optimizer(name, net.n_params, 0.1)
    opt.update(net.params, np.ones(net.n_params))
    assert np.all(w < 1.0)  # the layer's view saw the update
    assert np.shares_memory(w, net.params)


def test_make_optimizer() -> None:
    opt = make_optimizer("momentum", 4, 0.2, momentum=0.5, nesterov=True)
    assert isinstance(opt, Momentum)
    assert (opt.momentum, opt.nesterov, opt.learning_rate, opt.n_params) == (0.5, True, 0.2, 4)
    assert isinstance(make_optimizer("adam", 4, 0.2, momentum=0.5), Adam)
    assert isinstance(make_optimizer("rmsprop", 4, 0.2), RMSprop)
    with pytest.raises(ValueError, match="adagrad"):
        make_optimizer("adagrad", 4, 0.1)
    assert "0.2" in repr(opt) and "Momentum" in repr(opt)
