"""The backprop trace of one point agrees with the engine, with finite differences and by hand."""

from __future__ import annotations

import math

import numpy as np
import pytest

from playground.core.activations import ACTIVATIONS
from playground.core.backprop_trace import (
    equations,
    format_number,
    format_vector,
    layer_gradients,
    node_values,
    phases,
    trace,
)
from playground.core.config import ModelConfig
from playground.core.features import FeatureMap
from playground.core.model import Model

#: (task, loss, classes, a label of that task)
HEADS = [
    ("binary", "binary_cross_entropy", 2, 1),
    ("multiclass", "cross_entropy", 3, 2),
    ("regression", "mse", 2, 0.7),
    ("binary", "tanh_mse", 2, 0),
    ("regression", "tanh_mse", 2, -0.4),
]


def _model(act: str, task: str, loss: str, classes: int, seed: int = 3) -> Model:
    config = ModelConfig(
        features=("x1", "x2", "x1x2"),
        hidden=(3, 2),
        activations=(act, act),
        task=task,
        n_classes=classes,
        loss=loss,
        init="xavier_normal",
        bias_init=0.1,
        seed=seed,
    )
    model = Model.build(config)
    rng = np.random.default_rng(seed)
    model.network.params[...] = rng.normal(0.0, 0.9, model.network.n_params)
    return model


@pytest.mark.parametrize("act", list(ACTIVATIONS))
@pytest.mark.parametrize(("task", "loss", "classes", "label"), HEADS)
def test_the_trace_is_the_engines_gradient_for_a_batch_of_that_point(
    act: str, task: str, loss: str, classes: int, label: float
) -> None:
    model = _model(act, task, loss, classes)
    point = np.array([1.3, -0.8])
    l1, l2 = 0.003, 0.01
    t = trace(model, point, label, l1=l1, l2=l2)
    net = model.network
    x = model.inputs(point)
    engine_loss = net.loss_and_gradient(x, model.targets(np.array([label])), l1=l1, l2=l2)
    np.testing.assert_allclose(t.flat_gradient(), net.grads, rtol=0, atol=1e-12)
    assert t.loss == pytest.approx(engine_loss, abs=1e-12)
    np.testing.assert_allclose(t.layers[-1].a, net.predict(x)[0], rtol=0, atol=1e-12)
    hidden, logits = net.layer_outputs(x)
    for lt, a in zip(t.layers[:-1], hidden, strict=True):
        np.testing.assert_allclose(lt.a, a[0], rtol=0, atol=1e-12)
    np.testing.assert_allclose(t.layers[-1].z, logits[0], rtol=0, atol=1e-12)


@pytest.mark.parametrize(("task", "loss", "classes", "label"), HEADS)
def test_every_delta_is_the_loss_slope_along_its_pre_activation(
    task: str, loss: str, classes: int, label: float
) -> None:
    """Nudging one bias moves Z of its neuron alone, so dL/db by finite differences is δ."""
    model = _model("tanh", task, loss, classes)
    point = np.array([-0.4, 0.9])
    t = trace(model, point, label)
    net = model.network
    x, y = model.inputs(point), model.targets(np.array([label]))
    h = 1e-6
    for layer, lt in enumerate(t.layers):
        for j in range(len(lt.delta)):
            saved = net.biases[layer][j]
            net.biases[layer][j] = saved + h
            up = net.loss_and_gradient(x, y)
            net.biases[layer][j] = saved - h
            down = net.loss_and_gradient(x, y)
            net.biases[layer][j] = saved
            assert (up - down) / (2 * h) == pytest.approx(lt.delta[j], abs=1e-6)


def _two_two_one() -> Model:
    """x1, x2 -> 2 tanh -> 1 sigmoid, with round weights and no input scaling."""
    config = ModelConfig(
        features=("x1", "x2"), hidden=(2,), activations=("tanh",), init="zeros", seed=0
    )
    features = FeatureMap.identity(("x1", "x2"))
    # W1 row-major (2, 2), b1 (2,), W2 (2, 1), b2 (1,)
    params = [0.5, -1.0, 0.25, 0.75, 0.1, -0.2, 1.5, -0.5, 0.3]
    return Model.from_params(config, features, params)


def test_a_two_two_one_network_by_hand() -> None:
    model = _two_two_one()
    x1, x2, y = 1.0, 2.0, 1.0
    t = trace(model, [x1, x2], y)
    # Forwards, one multiplication at a time.
    z1 = [x1 * 0.5 + x2 * 0.25 + 0.1, x1 * -1.0 + x2 * 0.75 - 0.2]  # [1.1, 0.3]
    a1 = [math.tanh(v) for v in z1]
    z2 = a1[0] * 1.5 + a1[1] * -0.5 + 0.3
    a2 = 1.0 / (1.0 + math.exp(-z2))
    loss = -(y * math.log(a2) + (1 - y) * math.log(1 - a2))
    # Backwards: sigmoid + cross-entropy gives dZ2 = a2 - y.
    dz2 = a2 - y
    dw2 = [a1[0] * dz2, a1[1] * dz2]
    da1 = [dz2 * 1.5, dz2 * -0.5]
    dz1 = [da1[0] * (1 - a1[0] ** 2), da1[1] * (1 - a1[1] ** 2)]
    dw1 = [[x1 * dz1[0], x1 * dz1[1]], [x2 * dz1[0], x2 * dz1[1]]]
    first, out = t.layers
    np.testing.assert_allclose(first.z, z1, atol=1e-14)
    np.testing.assert_allclose(first.a, a1, atol=1e-14)
    assert out.z[0] == pytest.approx(z2, abs=1e-14)
    assert out.a[0] == pytest.approx(a2, abs=1e-14)
    assert t.loss == pytest.approx(loss, abs=1e-12)
    assert out.delta[0] == pytest.approx(dz2, abs=1e-14)
    np.testing.assert_allclose(out.dw[:, 0], dw2, atol=1e-14)
    np.testing.assert_allclose(out.db, [dz2], atol=1e-14)
    np.testing.assert_allclose(first.da, da1, atol=1e-14)
    np.testing.assert_allclose(first.delta, dz1, atol=1e-14)
    np.testing.assert_allclose(first.dw, dw1, atol=1e-14)
    np.testing.assert_allclose(first.db, dz1, atol=1e-14)
    assert t.head_rule == "A − Y"


def test_the_equations_carry_this_points_numbers() -> None:
    t = trace(_two_two_one(), [1.0, 2.0], 1.0)
    forward = "\n".join(equations(t, 1, "forward"))
    assert "Z₁ = A₀·W₁ + b₁" in forward
    assert format_vector(t.layers[0].z) in forward
    assert format_number(1.1) == "1.1" and "[1.1, 0.3]" in forward
    assert f"A₁ = tanh(Z₁) = {format_vector(t.layers[0].a)}" in forward
    out = "\n".join(equations(t, 2, "forward"))
    assert "σ(Z₂)" in out and format_number(t.loss, 4) in out
    head = "\n".join(equations(t, 2, "backward"))
    assert "dZ₂ = A₂ − Y" in head
    assert format_vector(t.layers[1].delta) in head
    assert "dW₂ = A₁ᵀ·dZ₂ / m" in head and "db₂ = mean(dZ₂)" in head
    assert f"dA₁ = dZ₂·W₂ᵀ = {format_vector(t.layers[0].da)}" in head
    hidden = "\n".join(equations(t, 1, "backward"))
    assert "dZ₁ = dA₁ ⊙ tanh′(Z₁)" in hidden
    assert format_vector(t.layers[0].delta) in hidden
    assert "dA₀" not in hidden


def test_the_tanh_head_writes_out_its_chain_rule() -> None:
    model = _model("relu", "regression", "tanh_mse", 2)
    t = trace(model, [0.2, 0.3], 0.5)
    text = "\n".join(equations(t, 3, "backward"))
    assert "dZ₃ = (A₃ − Y) ⊙ (1 − A₃²)" in text
    assert format_vector(t.layers[-1].delta) in text


def test_penalties_are_shown_when_the_trace_includes_them() -> None:
    model = _two_two_one()
    plain = "\n".join(equations(trace(model, [1.0, 2.0], 1.0), 1, "backward"))
    assert "λ₂" not in plain
    with_l2 = "\n".join(equations(trace(model, [1.0, 2.0], 1.0, l2=0.5), 1, "backward"))
    assert "λ₂ = 0.5" in with_l2


def test_phases_go_forwards_then_backwards_and_pick_what_the_diagram_shows() -> None:
    assert phases(2) == [("forward", 1), ("forward", 2), ("backward", 2), ("backward", 1)]
    t = trace(_two_two_one(), [1.0, 2.0], 0.0)
    shown = node_values(t, "forward", 1)
    np.testing.assert_array_equal(shown[1], t.layers[0].a)
    assert shown[2] is None
    back = node_values(t, "backward", 2)
    np.testing.assert_array_equal(back[2], t.layers[1].delta)
    np.testing.assert_array_equal(back[1], t.layers[0].a)
    grads = layer_gradients(t, "backward", 2)
    assert grads[0] is None and grads[1] is t.layers[1].dw
    assert all(g is None for g in layer_gradients(t, "forward", 2))
    with pytest.raises(ValueError, match="no backward phase for layer 3"):
        equations(t, 3, "backward")


def test_numbers_read_with_true_minus_signs() -> None:
    assert format_number(-1.2) == "−1.2"
    assert format_number(3.2e-05) == "3.2e−5"
    assert format_number(-0.0) == "0"
    assert format_vector(np.arange(10.0)) == "[0, 1, 2, 3, 4, 5, 6, …, 9]"
