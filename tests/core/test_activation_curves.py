"""The gallery's curves and annotations: from the engine's tables, checked independently."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from numpy.typing import NDArray

from playground.core import activation_curves as ac
from playground.core.activations import ACTIVATIONS, LEAKY_SLOPE

Array = NDArray[np.float64]
#: Where f' jumps (ReLUs), or f'' does (ELU), so a central difference straddling it is off.
KINKS = {"relu": 0.0, "leaky_relu": 0.0, "elu": 0.0}


def central_difference(name: str, z: Array, h: float = 1e-5) -> Array:
    """(f(z + h) - f(z - h)) / 2h from the gallery's own f."""
    return (ac.curve(name, z + h)[0] - ac.curve(name, z - h)[0]) / (2.0 * h)


def test_the_gallery_shows_every_activation_of_the_table_and_softmax() -> None:
    names = ac.gallery_names()
    assert names[: len(ACTIVATIONS)] == list(ACTIVATIONS)
    assert names[-1] == "softmax"
    assert all(ac.for_hidden_layers(n) for n in ACTIVATIONS)
    assert not ac.for_hidden_layers("softmax")
    with pytest.raises(KeyError):
        ac.curve("no_such_function", np.zeros(3))


@pytest.mark.parametrize("name", list(ACTIVATIONS))
def test_curves_are_the_engines_functions(name: str) -> None:
    z = np.linspace(-6.0, 6.0, 101)
    f, slope = ac.curve(name, z)
    act = ACTIVATIONS[name]
    np.testing.assert_array_equal(f, act.forward(z))
    np.testing.assert_array_equal(slope, act.derivative(z, act.forward(z)))


def test_the_derivative_is_read_from_the_table_not_derived_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    doubled = replace(ACTIVATIONS["tanh"], derivative=lambda z, a: 2.0 * (1.0 - a * a))
    monkeypatch.setitem(ACTIVATIONS, "tanh", doubled)
    assert ac.curve("tanh", np.zeros(1))[1][0] == 2.0
    assert ac.facts("tanh").max_slope == pytest.approx(2.0)


@pytest.mark.parametrize("name", ac.gallery_names())
def test_derivatives_match_central_differences(name: str) -> None:
    z = np.linspace(-6.0, 6.0, 241)
    if name in KINKS:
        z = z[np.abs(z - KINKS[name]) > 1e-3]
    _f, slope = ac.curve(name, z)
    np.testing.assert_allclose(slope, central_difference(name, z), atol=1e-6)


def test_two_class_softmax_is_the_sigmoid_of_the_logit_difference() -> None:
    z = np.linspace(-6.0, 6.0, 121)
    p, slope = ac.curve("softmax", z)
    np.testing.assert_allclose(p, 1.0 / (1.0 + np.exp(-z)), rtol=1e-12)
    np.testing.assert_allclose(slope, ac.curve("sigmoid", z)[1], atol=1e-15)
    assert any("sigmoid" in note for note in ac.facts("softmax").notes)


def test_the_course_claims() -> None:
    sigmoid = ac.facts("sigmoid")
    assert sigmoid.kind == "peak"
    assert sigmoid.at == pytest.approx(0.0, abs=1e-9)
    assert sigmoid.max_slope == pytest.approx(0.25, abs=1e-12)
    assert "0.25" in sigmoid.notes[0]
    tanh = ac.facts("tanh")
    assert (tanh.kind, tanh.at, tanh.max_slope) == ("peak", 0.0, pytest.approx(1.0))
    relu = ac.facts("relu")
    assert relu.kind == "step"
    assert relu.at == pytest.approx(0.0, abs=1e-9)
    assert relu.slopes == (0.0, 1.0)
    assert relu.notes[0] == "f′ steps from 0 to 1 at z = 0."
    leaky = ac.facts("leaky_relu")
    assert leaky.kind == "step"
    assert leaky.slopes == (pytest.approx(LEAKY_SLOPE), 1.0)
    assert "0.01" in leaky.notes[0]
    linear = ac.facts("linear")
    assert (linear.kind, linear.max_slope, linear.markers) == ("constant", 1.0, ())
    assert linear.notes[0] == "f′(z) = 1 everywhere."
    assert ac.facts("softplus").kind == "monotone"


@pytest.mark.parametrize("name", ["silu", "gelu"])
def test_interior_peaks_match_a_dense_search_of_central_differences(name: str) -> None:
    z = np.linspace(-6.0, 6.0, 120_001)
    slope = central_difference(name, z)
    found = ac.facts(name)
    assert found.kind == "peak"
    assert found.at == pytest.approx(z[np.argmax(slope)], abs=1e-3)
    assert found.max_slope == pytest.approx(slope.max(), abs=1e-6)
    assert found.max_slope > 1.0  # both overshoot a slope of 1


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("sigmoid", "(0, 1)"),
        ("tanh", "(-1, 1)"),
        ("relu", "[0, ∞)"),
        ("leaky_relu", "(-∞, ∞)"),
        ("elu", "(-1, ∞)"),
        ("softplus", "(0, ∞)"),
        ("linear", "(-∞, ∞)"),
        ("softmax", "(0, 1)"),
    ],
)
def test_ranges(name: str, text: str) -> None:
    assert ac.facts(name).range_text == text


def test_silu_reaches_its_minimum() -> None:
    silu = ac.facts("silu")
    z = np.linspace(-6.0, 0.0, 600_001)
    lowest = float((z / (1.0 + np.exp(-z))).min())
    assert silu.low == pytest.approx(lowest, abs=1e-6)  # read off the 0.005-spaced window
    assert silu.low_attained and silu.range_text.startswith("[-0.278")


@pytest.mark.parametrize("name", ac.gallery_names())
def test_markers_lie_on_the_derivative(name: str) -> None:
    found = ac.facts(name)
    assert found.notes and found.for_hidden == (name in ACTIVATIONS)
    for marker in found.markers:
        if found.kind == "step":
            assert marker.slope in found.slopes
            assert marker.z == found.at
        else:
            assert marker.slope == pytest.approx(ac.curve(name, np.array([marker.z]))[1][0])
