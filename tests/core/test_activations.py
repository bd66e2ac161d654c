"""Activation functions: values against textbook formulas, derivatives against finite
differences, behaviour at |z| = 1000, and the saturation masks."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from numpy.typing import NDArray

from playground.core.activations import ACTIVATIONS, LEAKY_SLOPE, Activation

Array = NDArray[np.float64]
NAMES = list(ACTIVATIONS)
KINKED = {"relu", "leaky_relu"}  # derivative jumps at z = 0


def numerical_derivative(act: Activation, z: Array, h: float = 1e-6) -> Array:
    """Central difference (f(z + h) - f(z - h)) / 2h, elementwise."""
    return (act.forward(z + h) - act.forward(z - h)) / (2.0 * h)


def test_table() -> None:
    assert set(NAMES) == {
        "linear",
        "relu",
        "leaky_relu",
        "elu",
        "sigmoid",
        "tanh",
        "softplus",
        "silu",
        "gelu",
    }
    for name, act in ACTIVATIONS.items():
        assert act.name == name
    assert ACTIVATIONS["relu"].can_die
    for name in ("linear", "elu", "sigmoid", "tanh", "softplus", "silu", "gelu"):
        assert not ACTIVATIONS[name].can_die, name


# ------------------------------------------------------------------ values


def _oracle(name: str, z: Array) -> Array:
    """Textbook definitions, valid for moderate z."""
    sig = 1.0 / (1.0 + np.exp(-z))
    if name == "linear":
        return z
    if name == "relu":
        return np.array([max(v, 0.0) for v in z])
    if name == "leaky_relu":
        return np.array([v if v > 0 else 0.01 * v for v in z])
    if name == "elu":
        return np.array([v if v > 0 else math.exp(v) - 1.0 for v in z])
    if name == "sigmoid":
        return sig
    if name == "tanh":
        return (np.exp(z) - np.exp(-z)) / (np.exp(z) + np.exp(-z))
    if name == "softplus":
        return np.log(1.0 + np.exp(z))
    if name == "silu":
        return z * sig
    if name == "gelu":  # the tanh approximation
        return 0.5 * z * (1.0 + np.tanh(math.sqrt(2.0 / math.pi) * (z + 0.044715 * z**3)))
    raise AssertionError(name)


@pytest.mark.parametrize("name", NAMES)
def test_values_match_textbook_formulas(name: str) -> None:
    z = np.linspace(-8.0, 8.0, 33)
    np.testing.assert_allclose(
        ACTIVATIONS[name].forward(z), _oracle(name, z), rtol=1e-12, atol=1e-13
    )


def test_gelu_is_close_to_exact_gelu() -> None:
    # The tanh form approximates z * Phi(z) to within about 1e-3.
    z = np.linspace(-6.0, 6.0, 121)
    exact = np.array([0.5 * v * (1.0 + math.erf(v / math.sqrt(2.0))) for v in z])
    np.testing.assert_allclose(ACTIVATIONS["gelu"].forward(z), exact, atol=1e-3)


def test_hand_values() -> None:
    z = np.array([-2.0, 0.0, 3.0])
    np.testing.assert_allclose(ACTIVATIONS["relu"].forward(z), [0.0, 0.0, 3.0])
    np.testing.assert_allclose(ACTIVATIONS["leaky_relu"].forward(z), [-0.02, 0.0, 3.0])
    np.testing.assert_allclose(ACTIVATIONS["sigmoid"].forward(np.zeros(1)), [0.5])
    np.testing.assert_allclose(ACTIVATIONS["softplus"].forward(np.zeros(1)), [math.log(2.0)])
    # elu(-2) = e^-2 - 1
    np.testing.assert_allclose(ACTIVATIONS["elu"].forward(z)[0], math.exp(-2.0) - 1.0)


@pytest.mark.parametrize("name", NAMES)
def test_forward_and_derivative_leave_input_alone(name: str) -> None:
    act = ACTIVATIONS[name]
    z = np.linspace(-3.0, 3.0, 12).reshape(3, 4)
    keep = z.copy()
    a = act.forward(z)
    a_keep = a.copy()
    d = act.derivative(z, a)
    assert a.shape == d.shape == z.shape
    np.testing.assert_array_equal(z, keep)
    np.testing.assert_array_equal(a, a_keep)
    assert not np.shares_memory(a, z)


# ------------------------------------------------------------------ derivatives


@pytest.mark.parametrize("name", NAMES)
@settings(max_examples=50, deadline=None)
@given(
    z=arrays(
        np.float64,
        st.integers(1, 16),
        elements=st.floats(-20.0, 20.0, allow_nan=False, allow_infinity=False),
    )
)
def test_derivative_matches_finite_difference(name: str, z: Array) -> None:
    act = ACTIVATIONS[name]
    if name in KINKED:
        z = np.where(np.abs(z) < 1e-3, 0.5, z)  # stay off the kink
    analytic = act.derivative(z, act.forward(z))
    np.testing.assert_allclose(analytic, numerical_derivative(act, z), rtol=1e-5, atol=1e-7)


@pytest.mark.parametrize("name", NAMES)
def test_derivative_on_a_grid(name: str) -> None:
    act = ACTIVATIONS[name]
    z = np.linspace(-10.0, 10.0, 400).reshape(20, 20) + 0.0123  # grid avoids z = 0
    analytic = act.derivative(z, act.forward(z))
    np.testing.assert_allclose(analytic, numerical_derivative(act, z), rtol=1e-5, atol=1e-7)


def test_leaky_relu_slope() -> None:
    act = ACTIVATIONS["leaky_relu"]
    assert LEAKY_SLOPE == 0.01
    z = np.array([-100.0, -1.0, -1e-9, 1e-9, 1.0, 100.0])
    a = act.forward(z)
    np.testing.assert_allclose(a[:3], 0.01 * z[:3])
    np.testing.assert_allclose(a[3:], z[3:])
    np.testing.assert_array_equal(act.derivative(z, a), [0.01, 0.01, 0.01, 1.0, 1.0, 1.0])
    # relu, by contrast, passes no gradient for z < 0
    relu = ACTIVATIONS["relu"]
    np.testing.assert_array_equal(relu.derivative(z, relu.forward(z)), [0, 0, 0, 1, 1, 1])


# ------------------------------------------------------------------ extremes

# (f(-1000), f(1000), f'(-1000), f'(1000))
LIMITS: dict[str, tuple[float, float, float, float]] = {
    "linear": (-1000.0, 1000.0, 1.0, 1.0),
    "relu": (0.0, 1000.0, 0.0, 1.0),
    "leaky_relu": (-10.0, 1000.0, 0.01, 1.0),
    "elu": (-1.0, 1000.0, 0.0, 1.0),
    "sigmoid": (0.0, 1.0, 0.0, 0.0),
    "tanh": (-1.0, 1.0, 0.0, 0.0),
    "softplus": (0.0, 1000.0, 0.0, 1.0),
    "silu": (0.0, 1000.0, 0.0, 1.0),
    "gelu": (0.0, 1000.0, 0.0, 1.0),
}


@pytest.mark.parametrize("name", NAMES)
def test_no_floating_point_trouble_at_huge_inputs(name: str) -> None:
    act = ACTIVATIONS[name]
    z = np.array([-1000.0, -710.0, -100.0, -40.0, 0.0, 40.0, 100.0, 710.0, 1000.0])
    # Overflow, invalid operations and division by zero raise; underflow to 0 is harmless.
    with warnings.catch_warnings(), np.errstate(all="raise", under="ignore"):
        warnings.simplefilter("error")
        a = act.forward(z)
        d = act.derivative(z, a)
    assert np.all(np.isfinite(a))
    assert np.all(np.isfinite(d))
    lo, hi, dlo, dhi = LIMITS[name]
    np.testing.assert_allclose(a[[0, -1]], [lo, hi], rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(d[[0, -1]], [dlo, dhi], rtol=1e-12, atol=1e-12)


def test_sigmoid_symmetry_and_range() -> None:
    sig = ACTIVATIONS["sigmoid"].forward
    z = np.linspace(-50.0, 50.0, 1001)
    s = sig(z)
    assert np.all((s >= 0.0) & (s <= 1.0))
    assert np.all(np.diff(s) >= 0.0)
    np.testing.assert_allclose(sig(-z), 1.0 - s, atol=1e-15)


# ------------------------------------------------------------------ saturation


def test_saturated_masks() -> None:
    sig = ACTIVATIONS["sigmoid"]
    # beyond 97 % of the range from its centre: sigmoid within 0.015 of 0 or 1
    a = np.array([0.0, 0.01, 0.02, 0.5, 0.98, 0.99, 1.0])
    np.testing.assert_array_equal(sig.saturated(a), [1, 1, 0, 0, 0, 1, 1])
    tanh = ACTIVATIONS["tanh"]
    a = np.array([-1.0, -0.98, -0.96, 0.0, 0.96, 0.98, 1.0])
    np.testing.assert_array_equal(tanh.saturated(a), [1, 1, 0, 0, 0, 1, 1])
    for name in ("linear", "relu", "leaky_relu", "elu", "softplus", "silu", "gelu"):
        act = ACTIVATIONS[name]
        assert act.saturation is None
        mask = act.saturated(np.full((3, 2), 1e6))
        assert mask.shape == (3, 2)
        assert mask.dtype == np.bool_
        assert not mask.any()


@pytest.mark.parametrize("name", ["sigmoid", "tanh"])
def test_saturated_means_small_derivative(name: str) -> None:
    # The documented meaning: a saturated unit has f' below about 6 % of its peak.
    act = ACTIVATIONS[name]
    z = np.linspace(-12.0, 12.0, 2001)
    a = act.forward(z)
    d = act.derivative(z, a)
    peak = d.max()
    mask = act.saturated(a)
    assert mask.any() and not mask.all()
    assert d[mask].max() <= 0.06 * peak
    assert d[~mask].min() > 0.058 * peak
