"""The grid probe: orientation of the maps, agreement with the model, shapes, limits."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from numpy.typing import NDArray

from playground.core.config import ModelConfig
from playground.core.model import Model
from playground.core.probes import grid_points, probe_grid

Array = NDArray[np.float64]
RECT = (-2.0, 1.0, 4.0, 2.0)  # x in [-2, 2], y in [1, 3]


def model(**changes: object) -> Model:
    return Model.build(ModelConfig().with_changes(**changes))


def test_grid_points_orientation() -> None:
    pts = grid_points(RECT, 4)  # cells 1 wide and 0.5 high
    assert pts.shape == (16, 2)
    np.testing.assert_allclose(pts[0], [-1.5, 1.25])  # bottom-left cell centre
    np.testing.assert_allclose(pts[1], [-0.5, 1.25])  # next column: x grows
    np.testing.assert_allclose(pts[4], [-1.5, 1.75])  # next row: y grows
    np.testing.assert_allclose(pts[15], [1.5, 2.75])  # top-right
    grid = pts.reshape(4, 4, 2)
    for r in range(4):
        for c in range(4):
            np.testing.assert_allclose(grid[r, c], [-2.0 + (c + 0.5), 1.0 + 0.5 * (r + 0.5)])


def test_input_maps_follow_the_axes() -> None:
    m = model()
    probe = probe_grid(m, RECT, n=5)
    assert probe.n == 5
    assert probe.inputs.shape == (2, 5, 5)
    off, scale = m.features.offset, m.features.scale
    x1 = probe.inputs[0] * scale[0] + off[0]
    x2 = probe.inputs[1] * scale[1] + off[1]
    centres_x = -2.0 + (np.arange(5) + 0.5) * 0.8
    centres_y = 1.0 + (np.arange(5) + 0.5) * 0.4
    np.testing.assert_allclose(x1, np.tile(centres_x, (5, 1)))  # varies along columns
    np.testing.assert_allclose(x2, np.tile(centres_y[:, None], (1, 5)))  # varies along rows
    assert probe.rect == RECT


def test_output_map_orientation() -> None:
    # A logistic unit that only looks up (x2): probability grows from the bottom row up.
    m = model(hidden=(), activations=())
    m.network.weights[0][...] = [[0.0], [4.0]]
    m.network.biases[0][...] = 0.0
    up = probe_grid(m, RECT, n=6).output[0]
    assert np.all(np.diff(up, axis=0) > 0.0)
    np.testing.assert_allclose(np.diff(up, axis=1), 0.0)
    m.network.weights[0][...] = [[4.0], [0.0]]  # now only x1: grows to the right
    right = probe_grid(m, RECT, n=6).output[0]
    assert np.all(np.diff(right, axis=1) > 0.0)
    np.testing.assert_allclose(np.diff(right, axis=0), 0.0)


@pytest.mark.parametrize(
    "changes",
    [
        {},
        {"hidden": (5, 3), "activations": ("relu", "tanh"), "loss": "tanh_mse"},
        {
            "hidden": (4,),
            "activations": ("sigmoid",),
            "task": "multiclass",
            "n_classes": 3,
            "loss": "cross_entropy",
        },
    ],
    ids=["binary", "tanh head", "multiclass"],
)
def test_probabilities_match_the_model(changes: dict[str, object]) -> None:
    m = model(seed=3, **changes)
    n = 7
    probe = probe_grid(m, RECT, n=n)
    pts = grid_points(RECT, n)
    k = m.config.n_classes
    assert probe.proba is not None
    assert probe.proba.shape == (n, n, k)
    np.testing.assert_allclose(probe.proba.reshape(-1, k), m.predict_proba(pts), rtol=1e-12)
    np.testing.assert_allclose(probe.proba[2, 5], m.predict_proba(pts[2 * n + 5 : 2 * n + 6])[0])
    np.testing.assert_allclose(probe.proba.sum(axis=2), 1.0)
    out = m.output(pts)
    assert probe.output.shape == (out.shape[1], n, n)
    for j in range(out.shape[1]):
        np.testing.assert_allclose(probe.output[j], out[:, j].reshape(n, n), rtol=1e-12)


def test_multiclass_probabilities_are_the_softmax_of_the_logits() -> None:
    m = model(
        hidden=(4,),
        activations=("tanh",),
        task="multiclass",
        n_classes=3,
        loss="cross_entropy",
        seed=1,
    )
    m.network.params[:] *= 4.0  # confident enough for a double softmax to show
    pts = grid_points(RECT, 4)
    _, logits = m.network.layer_outputs(m.inputs(pts))
    softmax = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
    probe = probe_grid(m, RECT, n=4)
    assert probe.proba is not None
    np.testing.assert_allclose(probe.proba.reshape(-1, 3), softmax, rtol=1e-10)
    np.testing.assert_allclose(m.predict_proba(pts), softmax, rtol=1e-10)


def test_hidden_maps() -> None:
    m = model(hidden=(5, 3, 2), activations=("relu", "tanh", "sigmoid"), seed=2)
    n = 6
    probe = probe_grid(m, RECT, n=n)
    assert [h.shape for h in probe.hidden] == [(5, n, n), (3, n, n), (2, n, n)]
    layers, _ = m.network.layer_outputs(m.inputs(grid_points(RECT, n)))
    for h, a in zip(probe.hidden, layers):
        for unit in range(a.shape[1]):
            np.testing.assert_allclose(h[unit], a[:, unit].reshape(n, n), rtol=1e-12)
        assert h.flags.c_contiguous
    assert probe_grid(m, RECT, n=n, hidden=False).hidden == ()


def test_regression_probe() -> None:
    m = model(task="regression", n_classes=1, loss="mse")
    probe = probe_grid(m, RECT, n=4)
    assert probe.proba is None
    assert probe.output.shape == (1, 4, 4)
    np.testing.assert_allclose(probe.output[0].ravel(), m.predict(grid_points(RECT, 4)))


@pytest.mark.parametrize("n", [1, 0, 2001])
def test_bad_grid_side(n: int) -> None:
    with pytest.raises(ValueError, match="grid side"):
        probe_grid(model(), RECT, n=n)


@pytest.mark.parametrize("rect", [(0.0, 0.0, 0.0, 1.0), (0.0, 0.0, 1.0, -1.0)])
def test_bad_rect(rect: tuple[float, float, float, float]) -> None:
    with pytest.raises(ValueError, match="positive size"):
        probe_grid(model(), rect, n=4)


def test_smallest_grid() -> None:
    probe = probe_grid(model(), RECT, n=2)
    assert probe.output.shape == (1, 2, 2)


def test_probe_of_a_diverged_model_is_quiet() -> None:
    m = model(
        hidden=(4, 4), activations=("relu", "relu"), task="regression", n_classes=1, loss="mse"
    )
    m.network.params[:] *= 1e150  # finite weights whose products overflow
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        probe = probe_grid(m, RECT, n=5)
    assert probe.output.shape == (1, 5, 5)
