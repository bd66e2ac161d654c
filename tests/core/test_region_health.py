"""Where a layer's units are saturated or off: shares of hand-made maps, counted by hand."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

from playground.core.activations import ACTIVATIONS
from playground.core.region_health import (
    OFF,
    SATURATED,
    refine,
    unit_state,
    unit_state_mask,
    unit_state_share,
)


def test_each_activation_has_the_state_the_diagnostics_and_the_lens_speak_of() -> None:
    states = {name: unit_state(name) for name in ACTIVATIONS}
    assert states == {
        "sigmoid": SATURATED,
        "tanh": SATURATED,
        "relu": OFF,
        "leaky_relu": OFF,
        "elu": OFF,
        "linear": None,
        "softplus": None,
        "silu": None,
        "gelu": None,
    }
    with pytest.raises(KeyError):
        unit_state("swish")


def test_tanh_units_count_as_saturated_beyond_97_percent_of_the_range() -> None:
    # Three tanh units on a 2 x 2 grid (row 0 at the bottom).
    maps = np.array(
        [
            [[0.97, -0.97], [0.0, 0.5]],
            [[0.96, -1.0], [1.0, 0.969]],
            [[-0.2, -0.99], [np.nan, 0.2]],
        ]
    )
    # Saturated: |a| >= 0.97, i.e. within 1.5 % of the range (0.03) of a bound.
    # (0, 0): 0.97 yes, 0.96 no, -0.2 no          -> 1 of 3
    # (0, 1): -0.97 yes, -1.0 yes, -0.99 yes      -> 3 of 3
    # (1, 0): 0.0 no, 1.0 yes, NaN left out       -> 1 of 2
    # (1, 1): 0.5 no, 0.969 no, 0.2 no            -> 0 of 3
    expected = np.array([[1 / 3, 1.0], [0.5, 0.0]])
    share = unit_state_share(maps, "tanh")
    np.testing.assert_allclose(share, expected)
    assert share.dtype == np.float64 and share.shape == (2, 2)


def test_sigmoid_tails_are_within_0_015_of_0_and_1() -> None:
    maps = np.array([[[0.015, 0.016, 0.5, 0.984, 0.985, 1.0]]]).reshape(1, 2, 3)
    np.testing.assert_array_equal(
        unit_state_share(maps, "sigmoid"), [[1.0, 0.0, 0.0], [0.0, 1.0, 1.0]]
    )


@pytest.mark.parametrize("activation", ["relu", "leaky_relu", "elu"])
def test_rectifier_units_are_off_where_their_output_is_not_positive(activation: str) -> None:
    z = np.array([[[-3.0, 0.0], [0.001, 2.0]], [[-0.5, -2.0], [-1e-6, 4.0]]])
    a = ACTIVATIONS[activation].forward(z)
    # Off where z <= 0: (0, 0) both, (0, 1) both, (1, 0) the second, (1, 1) neither.
    np.testing.assert_allclose(unit_state_share(a, activation), [[1.0, 1.0], [0.5, 0.0]])


def test_the_same_outputs_as_float32_give_the_same_shares() -> None:
    rng = np.random.default_rng(3)
    z = rng.normal(0.0, 3.0, (8, 5, 5))
    for activation in ("tanh", "sigmoid", "relu"):
        a = ACTIVATIONS[activation].forward(z)
        wide = unit_state_share(a, activation)
        narrow = unit_state_share(a.astype(np.float32), activation)
        # float32 rounding moves only values within one ulp of a threshold.
        assert np.mean(wide != narrow) < 0.05, activation
        by_hand = np.mean(ACTIVATIONS[activation].saturated(a), axis=0)
        if activation == "relu":
            by_hand = np.mean(z <= 0.0, axis=0)
        np.testing.assert_allclose(wide, by_hand)


@pytest.mark.parametrize("activation", ["linear", "softplus", "silu", "gelu"])
def test_activations_with_neither_state_shade_nothing(activation: str) -> None:
    a = ACTIVATIONS[activation].forward(np.linspace(-50.0, 50.0, 2 * 3 * 3).reshape(2, 3, 3))
    assert not unit_state_mask(a, activation).any()
    np.testing.assert_array_equal(unit_state_share(a, activation), np.zeros((3, 3)))


def test_nan_and_empty_maps_give_zero_without_warnings() -> None:
    maps = np.full((2, 3, 3), np.nan)
    maps[0, 1, 1] = 1.0
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        share = unit_state_share(maps, "tanh")
        none = unit_state_share(np.empty((0, 4, 4)), "relu")
    expected = np.zeros((3, 3))
    expected[1, 1] = 1.0
    np.testing.assert_array_equal(share, expected)
    np.testing.assert_array_equal(none, np.zeros((4, 4)))
    assert ((share >= 0.0) & (share <= 1.0)).all()


def test_refining_interpolates_between_cell_centres_and_holds_at_the_edges() -> None:
    # One unit on a 2 x 2 grid: centres at 0 and 1 in index units along each axis.
    maps = np.array([[[0.0, 1.0], [2.0, 3.0]]])
    fine = refine(maps, 2)
    assert fine.shape == (1, 4, 4)
    # Fine centres sit at -0.25, 0.25, 0.75, 1.25: held at 0, then 1/4, 3/4, held at 1.
    along = np.array([0.0, 0.25, 0.75, 1.0])
    by_hand = 2.0 * along[:, None] + 1.0 * along[None, :]  # the bilinear plane v = 2i + j
    np.testing.assert_allclose(fine[0], by_hand)
    np.testing.assert_array_equal(refine(maps, 1), maps)
    assert refine(maps.astype(np.float32), 3).dtype == np.float32
    with pytest.raises(ValueError):
        refine(maps, 0)


def test_a_refined_tanh_map_saturates_where_the_finer_map_does() -> None:
    # A tanh unit of z = 4 x over [-1, 1]: sampled coarsely, refined, thresholded.
    def unit(n: int) -> np.ndarray:
        x = -1.0 + (np.arange(n) + 0.5) * 2.0 / n
        return np.tanh(4.0 * np.broadcast_to(x, (n, n)))[None]

    refined = unit_state_share(refine(unit(10), 4), "tanh")
    exact = unit_state_share(unit(40), "tanh")
    assert np.mean(refined != exact) <= 0.05  # the edge moves by at most a fine cell or so
