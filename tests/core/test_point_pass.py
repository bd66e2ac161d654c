"""The point pass: every layer at the data points and along the grid, checked by hand."""

from __future__ import annotations

import math

import numpy as np
import pytest

from playground.core.config import ModelConfig
from playground.core.features import FeatureMap
from playground.core.model import Model
from playground.core.point_pass import grid_lines, point_pass, subsample

# A 2-2-1-1 network: tanh then relu hidden layers, a sigmoid output (binary, cross-entropy).
W1 = [[1.0, -2.0], [0.5, 1.0]]  # (fan_in 2, fan_out 2)
B1 = [0.1, -0.3]
W2 = [[2.0], [-1.0]]
B2 = [0.2]
W3 = [[1.5]]
B3 = [-0.5]


def tiny_model(task: str = "binary") -> Model:
    loss = "binary_cross_entropy" if task == "binary" else "mse"
    config = ModelConfig(
        features=("x1", "x2"), hidden=(2, 1), activations=("tanh", "relu"), task=task, loss=loss
    )
    params = np.concatenate([np.ravel(a) for a in (W1, B1, W2, B2, W3, B3)])
    return Model.from_params(config, FeatureMap.identity(("x1", "x2")), params)


def by_hand(p: tuple[float, float]) -> tuple[list[float], list[float], float, float, float]:
    """z1, a1, z2, a2 and P(class 1) of one point, one multiply at a time."""
    z1 = [p[0] * W1[0][j] + p[1] * W1[1][j] + B1[j] for j in range(2)]
    a1 = [math.tanh(v) for v in z1]
    z2 = a1[0] * W2[0][0] + a1[1] * W2[1][0] + B2[0]
    a2 = max(z2, 0.0)
    logit = a2 * W3[0][0] + B3[0]
    return z1, a1, z2, a2, 1.0 / (1.0 + math.exp(-logit))


POINTS = np.array([[0.5, -1.0], [-2.0, 0.25], [1.0, 1.0], [0.0, 0.0]])
TARGETS = np.array([1.0, 0.0, 1.0, 0.0])
RECT = (-3.0, -2.0, 6.0, 4.0)


def test_every_layer_at_the_points_matches_a_hand_computed_forward_pass() -> None:
    result = point_pass(tiny_model(), POINTS, TARGETS, n_train=3, rect=RECT)
    assert result.n_train == 3 and result.n_test == 1 and result.task == "binary"
    np.testing.assert_array_equal(result.x, POINTS)
    np.testing.assert_array_equal(result.targets, TARGETS)
    assert [z.shape for z in result.hidden_pre] == [(4, 2), (4, 1)]
    for row, p in enumerate(POINTS):
        z1, a1, z2, a2, prob = by_hand((p[0], p[1]))
        np.testing.assert_allclose(result.hidden_pre[0][row], z1, rtol=1e-12)
        np.testing.assert_allclose(result.hidden[0][row], a1, rtol=1e-12)
        np.testing.assert_allclose(result.hidden_pre[1][row], [z2], rtol=1e-12)
        np.testing.assert_allclose(result.hidden[1][row], [a2], atol=1e-15)
        np.testing.assert_allclose(result.output[row], [1.0 - prob, prob], rtol=1e-12)


def test_the_grid_lines_cross_the_rect_and_carry_the_hidden_values_along_them() -> None:
    result = point_pass(tiny_model(), POINTS, TARGETS, 3, RECT, lines=4, per_line=5)
    assert result.grid.shape == (8, 5, 2)
    # The first four lines run along x at y = -2, -2/3, 2/3, 2; the others along y.
    np.testing.assert_allclose(result.grid[0, :, 0], np.linspace(-3, 3, 5))
    np.testing.assert_allclose(result.grid[:4, 0, 1], np.linspace(-2, 2, 4))
    np.testing.assert_allclose(result.grid[4:, 0, 0], np.linspace(-3, 3, 4))
    np.testing.assert_allclose(result.grid[5, :, 1], np.linspace(-2, 2, 5))
    assert [g.shape for g in result.grid_hidden] == [(8, 5, 2), (8, 5, 1)]
    for line in (0, 6):
        for k in (0, 3):
            p = result.grid[line, k]
            _z1, a1, _z2, a2, _ = by_hand((p[0], p[1]))
            np.testing.assert_allclose(result.grid_hidden[0][line, k], a1, rtol=1e-12)
            np.testing.assert_allclose(result.grid_hidden[1][line, k], [a2], atol=1e-15)


def test_arrays_are_read_only_copies() -> None:
    x = POINTS.copy()
    result = point_pass(tiny_model(), x, TARGETS, 3, RECT)
    x[0] = 99.0
    assert result.x[0, 0] == 0.5
    arrays = [result.x, result.targets, result.output, result.grid]
    arrays += [*result.hidden_pre, *result.hidden, *result.grid_hidden]
    for a in arrays:
        assert not a.flags.writeable
        with pytest.raises(ValueError):
            a[...] = 0.0


def test_regression_outputs_the_value() -> None:
    result = point_pass(tiny_model("regression"), POINTS, [0.5, -1.0, 2.0, 0.0], 4, RECT)
    for row, p in enumerate(POINTS):
        _z1, _a1, _z2, a2, _ = by_hand((p[0], p[1]))
        np.testing.assert_allclose(result.output[row], [a2 * W3[0][0] + B3[0]], rtol=1e-12)
    assert result.task == "regression" and result.n_test == 0


def test_many_points_are_thinned_evenly_and_keep_training_points_first() -> None:
    rng = np.random.default_rng(0)
    x = rng.uniform(-3, 3, (5000, 2))
    y = (x[:, 0] > 0).astype(float)
    result = point_pass(tiny_model(), x, y, n_train=3000, rect=RECT, max_points=1000)
    assert len(result.x) == 1000
    assert result.n_train == 600  # evenly spaced: 3 in 5 of the kept rows are training rows
    keep = subsample(5000, 1000)
    np.testing.assert_array_equal(result.x, x[keep])
    np.testing.assert_array_equal(keep, np.arange(0, 5000, 5))
    again = point_pass(tiny_model(), x, y, 3000, RECT, max_points=1000)
    np.testing.assert_array_equal(again.hidden[0], result.hidden[0])


def test_no_points_still_gives_the_grid() -> None:
    result = point_pass(tiny_model(), np.zeros((0, 2)), np.zeros(0), 0, RECT)
    assert result.hidden[0].shape == (0, 2) and result.output.shape == (0, 2)
    assert result.grid_hidden[0].shape[2] == 2


@pytest.mark.parametrize(
    ("x", "targets", "n_train", "rect", "message"),
    [
        (np.zeros((3, 3)), np.zeros(3), 0, RECT, "shape"),
        (np.zeros((3, 2)), np.zeros(2), 0, RECT, "targets"),
        (np.zeros((3, 2)), np.zeros(3), 4, RECT, "n_train"),
        (np.zeros((3, 2)), np.zeros(3), 1, (0.0, 0.0, 0.0, 1.0), "positive sides"),
    ],
)
def test_bad_input_is_refused_with_a_message(x, targets, n_train, rect, message) -> None:
    with pytest.raises(ValueError, match=message):
        point_pass(tiny_model(), x, targets, n_train, rect)


def test_grid_lines_need_two_lines() -> None:
    with pytest.raises(ValueError, match="2 or more"):
        grid_lines(RECT, lines=1)
