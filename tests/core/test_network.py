"""The network: flat parameter layout, forward pass by hand, gradient checks of
backprop for every activation and head (with and without penalties), and limits."""

from __future__ import annotations

import math

import numpy as np
import pytest
from numpy.typing import NDArray

from playground.core import probes
from playground.core.activations import ACTIVATIONS
from playground.core.initializers import INITIALIZERS
from playground.core.network import MAX_HIDDEN_LAYERS, MAX_UNITS, Network

Array = NDArray[np.float64]
ACTIVATION_NAMES = list(ACTIVATIONS)

# (loss, task, n_outputs)
HEADS = [
    ("binary_cross_entropy", "binary", 1),
    ("cross_entropy", "multiclass", 4),
    ("mse", "regression", 1),
    ("mse", "regression", 2),
    ("tanh_mse", "binary", 1),
    ("tanh_mse", "regression", 1),
]


# ------------------------------------------------------------------ helpers


def random_network(
    sizes: tuple[int, ...], activations: tuple[str, ...], loss: str, seed: int = 0
) -> Network:
    """A network whose weights and biases are all random and of order one."""
    net = Network(sizes, activations, loss)
    rng = np.random.default_rng(seed)
    flat = rng.normal(0.0, 1.0, net.n_params) / np.sqrt(max(sizes[:-1]))
    net.set_params(flat + 0.05 * np.sign(flat))  # keep every parameter away from 0
    return net


def batch(
    net: Network, task: str, n: int = 7, seed: int = 1
) -> tuple[Array, Array, NDArray[np.generic]]:
    """Inputs, encoded targets and raw labels for ``net``."""
    rng = np.random.default_rng(seed)
    x = rng.normal(0.0, 1.0, (n, net.sizes[0]))
    k = net.sizes[-1]
    if task == "regression":
        y = rng.normal(0.0, 0.7, n if k == 1 else (n, k))
        t = y.reshape(n, k).astype(np.float64) if k > 1 else net.loss.encode(y, k, task)
    else:
        y = np.arange(n) % max(k, 2)  # every class present
        t = net.loss.encode(y, k, task)
    return x, t, y


def reference_objective(net: Network, x: Array, t: Array, l1: float, l2: float) -> float:
    """Loss + penalty from textbook formulas, independent of the network's own code."""
    a = x
    for w, b, act in zip(net.weights[:-1], net.biases[:-1], net.activation_names):
        a = ACTIVATIONS[act].forward(a @ w + b)
    z = a @ net.weights[-1] + net.biases[-1]
    name = net.loss.name
    if name == "binary_cross_entropy":
        p = 1.0 / (1.0 + np.exp(-z))
        data = -np.mean(t * np.log(p) + (1.0 - t) * np.log(1.0 - p))
    elif name == "cross_entropy":
        p = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
        data = -np.mean(np.sum(t * np.log(p), axis=1))
    elif name == "mse":
        data = 0.5 * np.mean(np.sum((z - t) ** 2, axis=1))
    elif name == "tanh_mse":
        data = 0.5 * np.mean(np.sum((np.tanh(z) - t) ** 2, axis=1))
    else:
        raise AssertionError(name)
    weights = np.concatenate([w.ravel() for w in net.weights])
    return float(data + l1 * np.abs(weights).sum() + 0.5 * l2 * (weights**2).sum())


def numerical_gradient(
    net: Network, x: Array, t: Array, l1: float = 0.0, l2: float = 0.0, eps: float = 1e-6
) -> Array:
    """Central differences of data loss + ``network.penalty`` over every parameter."""
    p0 = net.get_params()
    grad = np.empty_like(p0)

    def objective(p: Array) -> float:
        net.set_params(p)
        return net.loss_and_gradient(x, t) + net.penalty(l1, l2)

    for i in range(len(p0)):
        p = p0.copy()
        p[i] = p0[i] + eps
        plus = objective(p)
        p[i] = p0[i] - eps
        minus = objective(p)
        grad[i] = (plus - minus) / (2.0 * eps)
    net.set_params(p0)
    return grad


def relative_error(a: Array, b: Array) -> float:
    return float(np.linalg.norm(a - b) / max(np.linalg.norm(a) + np.linalg.norm(b), 1e-300))


def check_gradient(net: Network, task: str, l1: float = 0.0, l2: float = 0.0) -> None:
    x, t, _ = batch(net, task)
    loss = net.loss_and_gradient(x, t, l1, l2)
    analytic = net.grads.copy()
    assert np.all(np.isfinite(analytic))
    assert np.linalg.norm(analytic) > 1e-6  # a real gradient, not an all-zero one
    # the returned loss is the data loss; penalty() adds the regulariser
    assert loss + net.penalty(l1, l2) == pytest.approx(
        reference_objective(net, x, t, l1, l2), rel=1e-10
    )
    numeric = numerical_gradient(net, x, t, l1, l2)
    assert relative_error(analytic, numeric) < 1e-6
    np.testing.assert_allclose(analytic, numeric, rtol=1e-4, atol=1e-8)


# ------------------------------------------------------------------ gradient checks


@pytest.mark.parametrize("activation", ACTIVATION_NAMES)
@pytest.mark.parametrize(("loss", "task", "k"), HEADS)
def test_gradient_two_hidden_layers(activation: str, loss: str, task: str, k: int) -> None:
    net = random_network((3, 5, 4, k), (activation, activation), loss)
    check_gradient(net, task)


@pytest.mark.parametrize(("loss", "task", "k"), HEADS)
@pytest.mark.parametrize(
    "activations",
    [("tanh", "relu", "sigmoid"), ("gelu", "elu", "leaky_relu"), ("silu", "softplus", "linear")],
)
def test_gradient_three_mixed_hidden_layers(
    activations: tuple[str, ...], loss: str, task: str, k: int
) -> None:
    net = random_network((2, 4, 3, 3, k), activations, loss, seed=5)
    check_gradient(net, task)


@pytest.mark.parametrize(("l1", "l2"), [(0.01, 0.0), (0.0, 0.1), (0.03, 0.2)])
@pytest.mark.parametrize(("loss", "task", "k"), HEADS)
def test_gradient_with_penalties(loss: str, task: str, k: int, l1: float, l2: float) -> None:
    net = random_network((3, 4, 4, k), ("tanh", "relu"), loss, seed=2)
    check_gradient(net, task, l1, l2)


@pytest.mark.parametrize(("loss", "task", "k"), HEADS)
def test_gradient_without_hidden_layers(loss: str, task: str, k: int) -> None:
    net = random_network((3, k), (), loss, seed=3)
    check_gradient(net, task, l1=0.01, l2=0.1)


def test_penalty_is_on_weights_only() -> None:
    net = random_network((2, 3, 1), ("tanh",), "mse")
    for b in net.biases:
        b[...] = 100.0  # huge biases must not count
    w = np.concatenate([w.ravel() for w in net.weights])
    assert net.penalty(0.5, 0.0) == pytest.approx(0.5 * np.abs(w).sum())
    assert net.penalty(0.0, 0.2) == pytest.approx(0.5 * 0.2 * (w**2).sum())
    assert net.penalty() == 0.0
    x, t, _ = batch(net, "regression")
    data = net.loss_and_gradient(x, t)
    g0 = net.grads.copy()
    penalised = net.loss_and_gradient(x, t, 0.5, 0.2)
    assert penalised == data  # the returned loss excludes the penalty
    extra = net.grads - g0
    for i in range(net.n_layers):
        lo = net.block_offsets[2 * i]
        hi = net.block_offsets[2 * i + 1]
        flat_w = net.params[lo:hi]
        np.testing.assert_allclose(extra[lo:hi], 0.5 * np.sign(flat_w) + 0.2 * flat_w)
    bias_idx = net.weight_mask == 0.0
    np.testing.assert_array_equal(extra[bias_idx], 0.0)


# ------------------------------------------------------------------ layout


def test_flat_buffer_layout() -> None:
    net = Network((3, 4, 2, 5), ("tanh", "relu"), "cross_entropy")
    # [W1 (3x4), b1 (4), W2 (4x2), b2 (2), W3 (2x5), b3 (5)]
    assert net.n_params == 12 + 4 + 8 + 2 + 10 + 5 == 41
    assert net.n_layers == 3
    np.testing.assert_array_equal(net.block_offsets, [0, 12, 16, 24, 26, 36])
    assert [w.shape for w in net.weights] == [(3, 4), (4, 2), (2, 5)]
    assert [b.shape for b in net.biases] == [(4,), (2,), (5,)]
    net.set_params(np.arange(41.0))
    np.testing.assert_array_equal(net.weights[0], np.arange(12.0).reshape(3, 4))
    np.testing.assert_array_equal(net.biases[0], [12, 13, 14, 15])
    np.testing.assert_array_equal(net.weights[1], np.arange(16.0, 24.0).reshape(4, 2))
    np.testing.assert_array_equal(net.biases[1], [24, 25])
    np.testing.assert_array_equal(net.weights[2], np.arange(26.0, 36.0).reshape(2, 5))
    np.testing.assert_array_equal(net.biases[2], np.arange(36.0, 41.0))
    mask = np.zeros(41)
    mask[[*range(12), *range(16, 24), *range(26, 36)]] = 1.0
    np.testing.assert_array_equal(net.weight_mask, mask)
    # views, not copies: writing through either side shows on the other
    for arrays, buffer in ((net.weights + net.biases, net.params),):
        for arr in arrays:
            assert np.shares_memory(arr, buffer)
    for arr in net.grad_weights + net.grad_biases:
        assert np.shares_memory(arr, net.grads)
    net.weights[1][2, 1] = -7.0
    assert net.params[16 + 2 * 2 + 1] == -7.0
    net.params[40] = 99.0
    assert net.biases[2][4] == 99.0
    net.grad_weights[0][1, 0] = 3.5
    assert net.grads[4] == 3.5


def test_get_and_set_params() -> None:
    net = Network((2, 3, 1), ("relu",), "mse")
    copy = net.get_params()
    copy[0] = 5.0
    assert net.params[0] == 0.0  # get_params hands out a copy
    net.set_params(np.full(net.n_params, 2.0))
    assert np.all(net.weights[0] == 2.0)  # views stay valid
    with pytest.raises(ValueError, match="parameters"):
        net.set_params(np.zeros(net.n_params + 1))
    with pytest.raises(ValueError, match="parameters"):
        net.set_params(np.zeros((net.n_params, 1)))


def test_forward_by_hand() -> None:
    net = random_network((2, 3, 2, 3), ("tanh", "relu"), "cross_entropy", seed=4)
    x = np.array([[0.5, -1.0], [2.0, 0.25], [0.0, 0.0]])
    w1, w2, w3 = net.weights
    b1, b2, b3 = net.biases
    h1 = np.tanh(x @ w1 + b1)
    h2 = np.maximum(h1 @ w2 + b2, 0.0)
    z = h2 @ w3 + b3
    p = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
    np.testing.assert_allclose(net.forward(x), p, rtol=1e-13)
    np.testing.assert_allclose(net.predict(x), p, rtol=1e-13)
    hidden, logits = net.layer_outputs(x)
    np.testing.assert_allclose(hidden[0], h1, rtol=1e-13)
    np.testing.assert_allclose(hidden[1], h2, rtol=1e-13)
    np.testing.assert_allclose(logits, z, rtol=1e-13)


@pytest.mark.parametrize("name", ACTIVATION_NAMES)
def test_every_entry_point_runs_the_same_forward_pass(name: str) -> None:
    net = random_network((3, 5, 4, 2), (name, name), "cross_entropy", seed=6)
    x = np.random.default_rng(2).normal(0.0, 1.5, (9, 3))
    act = ACTIVATIONS[name].forward
    h1 = act(x @ net.weights[0] + net.biases[0])
    h2 = act(h1 @ net.weights[1] + net.biases[1])
    z = h2 @ net.weights[2] + net.biases[2]
    np.testing.assert_allclose(net.logits(x), z, rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(net.forward(x), net.loss.link(z), rtol=1e-12, atol=1e-14)
    hidden, logits = net.layer_outputs(x)
    np.testing.assert_allclose(hidden[1], h2, rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(logits, z, rtol=1e-12, atol=1e-14)
    hidden32, logits32 = probes.layer_outputs(net, x, np.float32)
    assert logits32.dtype == np.float32 and hidden32[0].dtype == np.float32
    np.testing.assert_allclose(hidden32[0], h1, rtol=1e-4, atol=1e-5)
    np.testing.assert_allclose(logits32, z, rtol=1e-4, atol=1e-5)


def test_layer_outputs_leave_backprop_state_alone() -> None:
    net = random_network((2, 4, 1), ("sigmoid",), "binary_cross_entropy")
    x, t, _ = batch(net, "binary")
    net.loss_and_gradient(x, t)
    expected = net.grads.copy()
    net.forward(x)
    net.layer_outputs(np.ones((11, 2)))  # another batch in between
    net.predict(np.ones((5, 2)))
    net.backward(t)
    np.testing.assert_array_equal(net.grads, expected)


def test_no_hidden_layers_is_logistic_regression() -> None:
    net = random_network((2, 1), (), "binary_cross_entropy")
    assert net.n_layers == 1
    assert net.n_params == 3
    x = np.array([[1.0, 2.0], [-1.0, 0.5]])
    z = x @ net.weights[0] + net.biases[0]
    np.testing.assert_allclose(net.predict(x), 1.0 / (1.0 + np.exp(-z)))
    hidden, logits = net.layer_outputs(x)
    assert hidden == []
    np.testing.assert_allclose(logits, z)
    assert "[]" in repr(net)


def test_twelve_hidden_layers_of_256() -> None:
    sizes = (2, *(256,) * 12, 3)
    net = Network(sizes, ("relu",) * 12, "cross_entropy")
    assert net.n_params == (2 * 256 + 256) + 11 * (256 * 256 + 256) + (256 * 3 + 3)
    net.initialize("he_normal", np.random.default_rng(0))
    x = np.random.default_rng(1).normal(size=(16, 2))
    t = net.loss.encode(np.arange(16) % 3, 3, "multiclass")
    loss = net.loss_and_gradient(x, t)
    assert math.isfinite(loss)
    assert np.all(np.isfinite(net.grads))
    assert np.count_nonzero(net.grad_weights[0]) > 0  # the gradient reaches the first layer
    hidden, logits = net.layer_outputs(x)
    assert len(hidden) == 12
    assert all(h.shape == (16, 256) for h in hidden)
    assert logits.shape == (16, 3)


@pytest.mark.parametrize(
    ("sizes", "activations", "loss", "match"),
    [
        ((2,), (), "mse", "sizes"),
        ((2, 0, 1), ("tanh",), "mse", "sizes"),
        ((2, -3, 1), ("tanh",), "mse", "sizes"),
        ((0, 1), (), "mse", "sizes"),
        ((2, MAX_UNITS + 1, 1), ("tanh",), "mse", "sizes"),
        (
            (2, *(3,) * (MAX_HIDDEN_LAYERS + 1), 1),
            ("tanh",) * (MAX_HIDDEN_LAYERS + 1),
            "mse",
            "hidden layers",
        ),
        ((2, 3, 1), (), "mse", "activations"),
        ((2, 3, 1), ("tanh", "tanh"), "mse", "activations"),
        ((2, 3, 1), ("swish",), "mse", "swish"),
        ((2, 3, 1), ("tanh",), "hinge", "hinge"),
    ],
)
def test_bad_arguments(
    sizes: tuple[int, ...], activations: tuple[str, ...], loss: str, match: str
) -> None:
    with pytest.raises(ValueError, match=match):
        Network(sizes, activations, loss)


def test_limits_are_allowed() -> None:
    Network((2, MAX_UNITS, 1), ("relu",), "mse")
    Network((2, *(1,) * MAX_HIDDEN_LAYERS, 1), ("tanh",) * MAX_HIDDEN_LAYERS, "mse")


def test_repr_shows_architecture() -> None:
    text = repr(Network((2, 4, 3, 1), ("tanh", "relu"), "binary_cross_entropy"))
    # 2*4+4 + 4*3+3 + 3*1+1 = 31 parameters
    for part in ("2 in", "4 tanh", "3 relu", "1 sigmoid", "binary_cross_entropy", "31 params"):
        assert part in text, (part, text)
    assert text.index("4 tanh") < text.index("3 relu")


# ------------------------------------------------------------------ initialisation


def test_initialize_sets_biases_and_rejects_unknown() -> None:
    net = Network((2, 5, 1), ("relu",), "mse")
    net.initialize("xavier_uniform", np.random.default_rng(0), bias=0.1)
    assert all(np.all(b == 0.1) for b in net.biases)
    assert np.count_nonzero(net.weights[0]) == 10
    with pytest.raises(ValueError, match="glorot"):
        net.initialize("glorot", np.random.default_rng(0))


@pytest.mark.parametrize(
    ("name", "std"),
    [
        ("small_normal", lambda fi, fo: 0.01),
        ("xavier_uniform", lambda fi, fo: math.sqrt(2.0 / (fi + fo))),
        ("xavier_normal", lambda fi, fo: math.sqrt(2.0 / (fi + fo))),
        ("he_normal", lambda fi, fo: math.sqrt(2.0 / fi)),
        ("he_uniform", lambda fi, fo: math.sqrt(2.0 / fi)),
    ],
)
def test_initializer_scales(name: str, std: object) -> None:
    fi, fo = 200, 300
    w = INITIALIZERS[name](np.random.default_rng(0), fi, fo)
    assert w.shape == (fi, fo)
    assert abs(w.mean()) < 0.05 * std(fi, fo)  # type: ignore[operator]
    assert w.std() == pytest.approx(std(fi, fo), rel=0.03)  # type: ignore[operator]
    if name.endswith("uniform"):
        assert np.abs(w).max() <= math.sqrt(3.0) * std(fi, fo)  # type: ignore[operator]


def test_zeros_initializer() -> None:
    w = INITIALIZERS["zeros"](np.random.default_rng(0), 3, 4)
    assert w.shape == (3, 4)
    assert not w.any()
