"""Loss heads: values by hand, stability at huge logits, deltas against finite
differences, target encodings, class probabilities and the accuracy / R² metric."""

from __future__ import annotations

import math
import warnings
from collections.abc import Iterator
from contextlib import contextmanager

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from numpy.typing import NDArray

from playground.core.losses import LOSSES, Loss, losses_for, metric

Array = NDArray[np.float64]
BCE, CE, MSE, TANH = (
    LOSSES[n] for n in ("binary_cross_entropy", "cross_entropy", "mse", "tanh_mse")
)


@contextmanager
def strict_floats() -> Iterator[None]:
    """Overflow, invalid and divide-by-zero raise; underflow to zero is allowed."""
    with warnings.catch_warnings(), np.errstate(all="raise", under="ignore"):
        warnings.simplefilter("error")
        yield


def value(loss: Loss, z: Array, t: Array) -> float:
    return loss.value(z, loss.link(z), t)


def numerical_delta(loss: Loss, z: Array, t: Array, h: float = 1e-6) -> Array:
    out = np.zeros_like(z)
    for idx in np.ndindex(z.shape):
        zp, zm = z.copy(), z.copy()
        zp[idx] += h
        zm[idx] -= h
        out[idx] = (value(loss, zp, t) - value(loss, zm, t)) / (2.0 * h)
    return out


def test_table_and_defaults() -> None:
    assert losses_for("binary") == ["binary_cross_entropy", "tanh_mse"]
    assert losses_for("multiclass") == ["cross_entropy"]
    assert losses_for("regression") == ["mse", "tanh_mse"]
    assert {n: v.output for n, v in LOSSES.items()} == {
        "binary_cross_entropy": "sigmoid",
        "cross_entropy": "softmax",
        "mse": "linear",
        "tanh_mse": "tanh",
    }


# ------------------------------------------------------------------ values by hand


def test_bce_by_hand() -> None:
    z0 = np.zeros((2, 1))
    # at z = 0 the prediction is 1/2 whatever the label: loss = log 2
    assert value(BCE, z0, np.array([[0.0], [1.0]])) == pytest.approx(math.log(2.0), rel=1e-15)
    # z = 2, t = 1: -log s(2) = log(1 + e^-2) = 0.126928011...
    assert value(BCE, np.array([[2.0]]), np.array([[1.0]])) == pytest.approx(0.1269280110429725)
    # z = 2, t = 0: -log(1 - s(2)) = log(1 + e^2) = 2.126928011...
    assert value(BCE, np.array([[2.0]]), np.array([[0.0]])) == pytest.approx(2.1269280110429727)
    # the batch mean of both
    both = value(BCE, np.array([[2.0], [2.0]]), np.array([[1.0], [0.0]]))
    assert both == pytest.approx((0.1269280110429725 + 2.1269280110429727) / 2)


def test_cross_entropy_by_hand() -> None:
    # equal logits over 3 classes: -log(1/3) = log 3
    assert value(CE, np.zeros((1, 3)), np.array([[0.0, 1.0, 0.0]])) == pytest.approx(math.log(3))
    # z = (1, 2, 3), class 2: log(e + e^2 + e^3) - 3 = log(1 + e^-1 + e^-2) = 0.407605964...
    z = np.array([[1.0, 2.0, 3.0]])
    assert value(CE, z, np.array([[0.0, 0.0, 1.0]])) == pytest.approx(0.40760596444438013)
    # class 0: log(e + e^2 + e^3) - 1 = 2.407605964...
    assert value(CE, z, np.array([[1.0, 0.0, 0.0]])) == pytest.approx(2.4076059644443801)


def test_cross_entropy_is_minus_log_softmax() -> None:
    rng = np.random.default_rng(0)
    z = rng.normal(0.0, 3.0, (7, 5))
    y = rng.integers(0, 5, 7)
    t = CE.encode(y, 5, "multiclass")
    p = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)  # naive softmax is fine here
    assert value(CE, z, t) == pytest.approx(-np.mean(np.log(p[np.arange(7), y])), rel=1e-12)
    np.testing.assert_allclose(CE.link(z), p, rtol=1e-12)


def test_softmax_head_probabilities_are_the_softmax_outputs() -> None:
    # proba() receives the output activations a = softmax(z), which already are the
    # class probabilities; applying softmax a second time squashes them toward uniform.
    z = np.array([[2.0, 0.0, -2.0], [0.0, 0.0, 5.0]])
    a = CE.link(z)
    p = CE.proba(a)  # type: ignore[misc]
    np.testing.assert_allclose(p.sum(axis=1), 1.0)
    np.testing.assert_allclose(p, a, rtol=1e-12)
    # e^2 / (e^2 + 1 + e^-2) = 0.8668..., not softmax of that row (0.5438...)
    assert p[0, 0] == pytest.approx(math.exp(2) / (math.exp(2) + 1 + math.exp(-2)))


def test_squared_error_by_hand() -> None:
    # 0.5 * mean over samples of the summed squared error: 0.5 * (1 + 4) / 2 = 1.25
    a = np.array([[1.0], [3.0]])
    t = np.array([[0.0], [1.0]])
    assert MSE.value(a, MSE.link(a), t) == pytest.approx(1.25)
    # two outputs per sample: 0.5 * ((1 + 1) + (0 + 4)) / 2 = 1.5
    a2 = np.array([[1.0, 1.0], [0.0, 2.0]])
    assert MSE.value(a2, a2, np.zeros((2, 2))) == pytest.approx(1.5)
    # tanh head: z = atanh(0.5) gives a = 0.5; target +1 -> 0.5 * 0.25 = 0.125
    z = np.array([[math.atanh(0.5)]])
    assert value(TANH, z, np.array([[1.0]])) == pytest.approx(0.125)


def test_encodings() -> None:
    y = np.array([0, 2, 1])
    np.testing.assert_array_equal(CE.encode(y, 3, "multiclass"), [[1, 0, 0], [0, 0, 1], [0, 1, 0]])
    np.testing.assert_array_equal(BCE.encode(np.array([1, 0]), 1, "binary"), [[1.0], [0.0]])
    # TensorFlow Playground's convention for a tanh head: 0/1 become -1/+1 ...
    np.testing.assert_array_equal(TANH.encode(np.array([0, 1]), 1, "binary"), [[-1.0], [1.0]])
    # ... but regression targets pass through unchanged
    np.testing.assert_array_equal(
        TANH.encode(np.array([0.25, -3.0]), 1, "regression"), [[0.25], [-3.0]]
    )
    np.testing.assert_array_equal(
        MSE.encode(np.array([0.25, -3.0]), 1, "regression"), [[0.25], [-3.0]]
    )


# ------------------------------------------------------------------ stability


def test_bce_at_huge_logits() -> None:
    z = np.array([[1000.0], [-1000.0], [1000.0], [-1000.0]])
    with strict_floats():
        right = value(BCE, z[:2], np.array([[1.0], [0.0]]))
        wrong = value(BCE, z[2:], np.array([[0.0], [1.0]]))
        delta = BCE.delta(z, BCE.link(z), np.array([[1.0], [0.0], [0.0], [1.0]]))
    assert right == 0.0
    assert wrong == pytest.approx(1000.0)
    np.testing.assert_allclose(delta, np.array([[0.0], [0.0], [1.0], [-1.0]]) / 4)


def test_cross_entropy_at_huge_logits() -> None:
    z = np.array([[1000.0, 0.0, -1000.0]])
    with strict_floats():
        p = CE.link(z)
        first = value(CE, z, np.array([[1.0, 0.0, 0.0]]))
        last = value(CE, z, np.array([[0.0, 0.0, 1.0]]))
        shifted = value(CE, z + 1e5, np.array([[0.0, 0.0, 1.0]]))
    assert np.all(np.isfinite(p))
    np.testing.assert_allclose(p, [[1.0, 0.0, 0.0]])
    assert first == 0.0
    assert last == pytest.approx(2000.0)
    assert shifted == pytest.approx(2000.0)  # invariant to adding a constant to every logit


def test_squared_error_heads_at_huge_logits() -> None:
    z = np.array([[1000.0], [-1000.0]])
    with strict_floats():
        tanh_value = value(TANH, z, np.array([[1.0], [-1.0]]))
        tanh_delta = TANH.delta(z, TANH.link(z), np.array([[-1.0], [1.0]]))
        proba = TANH.proba(TANH.link(z))  # type: ignore[misc]
    assert tanh_value == 0.0
    np.testing.assert_array_equal(tanh_delta, 0.0)  # saturated tanh passes no gradient
    np.testing.assert_allclose(proba, [[0.0, 1.0], [1.0, 0.0]])


# ------------------------------------------------------------------ deltas


CASES = [
    ("binary_cross_entropy", "binary", 1),
    ("cross_entropy", "multiclass", 4),
    ("mse", "regression", 1),
    ("mse", "regression", 3),
    ("tanh_mse", "binary", 1),
    ("tanh_mse", "regression", 1),
]


def _targets(loss: Loss, task: str, k: int, rng: np.random.Generator, n: int) -> Array:
    if task == "regression":
        return rng.normal(0.0, 1.0, (n, k))
    classes = 2 if task == "binary" else k
    return loss.encode(rng.integers(0, classes, n), k, task)


@pytest.mark.parametrize(("name", "task", "k"), CASES)
def test_delta_is_the_derivative_of_the_mean_loss(name: str, task: str, k: int) -> None:
    loss = LOSSES[name]
    rng = np.random.default_rng(7)
    z = rng.normal(0.0, 2.0, (6, k))
    t = _targets(loss, task, k, rng, 6)
    analytic = loss.delta(z, loss.link(z), t)
    assert analytic.shape == z.shape
    np.testing.assert_allclose(analytic, numerical_delta(loss, z, t), rtol=1e-6, atol=1e-10)


@settings(max_examples=50, deadline=None)
@given(
    z=arrays(np.float64, (3, 3), elements=st.floats(-30, 30, allow_nan=False)),
    labels=arrays(np.int64, 3, elements=st.integers(0, 2)),
)
def test_cross_entropy_delta_property(z: Array, labels: NDArray[np.int64]) -> None:
    t = CE.encode(labels, 3, "multiclass")
    analytic = CE.delta(z, CE.link(z), t)
    np.testing.assert_allclose(analytic.sum(axis=1), 0.0, atol=1e-15)  # softmax - one-hot
    np.testing.assert_allclose(analytic, numerical_delta(CE, z, t), rtol=1e-5, atol=1e-8)


@settings(max_examples=50, deadline=None)
@given(
    z=arrays(np.float64, (4, 1), elements=st.floats(-30, 30, allow_nan=False)),
    labels=arrays(np.int64, 4, elements=st.integers(0, 1)),
)
def test_bce_delta_property(z: Array, labels: NDArray[np.int64]) -> None:
    t = BCE.encode(labels, 1, "binary")
    np.testing.assert_allclose(
        BCE.delta(z, BCE.link(z), t), numerical_delta(BCE, z, t), rtol=1e-5, atol=1e-8
    )


# ------------------------------------------------------------------ probabilities and metric


def test_probabilities() -> None:
    p = BCE.proba(np.array([[0.2], [0.9]]))  # type: ignore[misc]
    np.testing.assert_allclose(p, [[0.8, 0.2], [0.1, 0.9]])
    # tanh output a in [-1, 1] maps to P(class 1) = (a + 1) / 2
    q = TANH.proba(np.array([[-1.0], [0.0], [0.5]]))  # type: ignore[misc]
    np.testing.assert_allclose(q, [[1.0, 0.0], [0.5, 0.5], [0.25, 0.75]])
    assert MSE.proba is None


def test_accuracy() -> None:
    # sigmoid outputs 0.9, 0.2, 0.6, 0.4 -> classes 1, 0, 1, 0; 3 of 4 right
    a = np.array([[0.9], [0.2], [0.6], [0.4]])
    assert metric(BCE, "binary", a, np.array([1, 0, 0, 0])) == 0.75
    # tanh outputs: sign decides
    assert metric(TANH, "binary", np.array([[0.3], [-0.2]]), np.array([1, 0])) == 1.0
    assert metric(TANH, "binary", np.array([[0.3], [-0.2]]), np.array([0, 0])) == 0.5
    # softmax: argmax per row -> 2, 0, 1 against 2, 1, 1
    p = np.array([[0.1, 0.2, 0.7], [0.5, 0.3, 0.2], [0.2, 0.6, 0.2]])
    assert metric(CE, "multiclass", p, np.array([2, 1, 1])) == pytest.approx(2 / 3)


def test_r_squared() -> None:
    y = np.array([1.0, 2.0, 3.0, 4.0])
    # ss_res = 1, ss_tot = 1.5^2 + 0.5^2 + 0.5^2 + 1.5^2 = 5 -> R² = 0.8
    assert metric(MSE, "regression", np.array([[1.0], [2.0], [3.0], [5.0]]), y) == pytest.approx(
        0.8
    )
    assert metric(MSE, "regression", y.reshape(-1, 1), y) == 1.0
    # predicting the mean scores 0; tanh head on a regression task uses R² too
    assert metric(TANH, "regression", np.full((4, 1), 2.5), y) == pytest.approx(0.0)
    assert math.isnan(metric(MSE, "regression", np.ones((3, 1)), np.ones(3)))  # constant target
    assert math.isnan(metric(MSE, "regression", np.zeros((0, 1)), np.zeros(0)))
    assert math.isnan(metric(BCE, "binary", np.zeros((0, 1)), np.zeros(0, dtype=np.int64)))
