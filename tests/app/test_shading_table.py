"""Two-class boundaries are coloured by table: within one colour unit of the exact blend."""

from __future__ import annotations

import numpy as np
import pytest

from playground.app.views.canvas import shading
from playground.app.views.canvas.palette import CLASS_RGB


def exact(p1: np.ndarray) -> np.ndarray:
    """The blend of the two class colours, computed pixel by pixel."""
    flat = np.column_stack((1.0 - p1.ravel(), p1.ravel())).astype(np.float32)
    return shading._blend(flat, CLASS_RGB[:2].astype(np.float32)).reshape(*p1.shape, 3)


@pytest.mark.parametrize("layout", ["plane", "one channel", "two channels"])
def test_the_table_matches_the_exact_colours(layout: str) -> None:
    rng = np.random.default_rng(4)
    p1 = rng.random((60, 50)).astype(np.float32)
    p1[0, :6] = [0.0, 1.0, 0.5, 1e-9, 0.9999, 0.25]
    values = {
        "plane": p1,
        "one channel": p1[:, :, None],
        "two channels": np.dstack([1.0 - p1, p1]),
    }[layout]
    rgb = shading.classification_rgb(values)
    assert rgb.shape == (60, 50, 3) and rgb.dtype == np.uint8
    difference = np.abs(rgb.astype(int) - exact(p1).astype(int))
    assert difference.max() <= 1
    assert (difference > 0).mean() < 0.05
    np.testing.assert_array_equal(rgb[0, 2], exact(np.array([[0.5]], np.float32))[0, 0])


def test_bad_probabilities_are_coloured_without_warnings() -> None:
    values = np.array([[np.nan, np.inf], [-3.0, 7.0]])
    with np.errstate(all="raise"):
        rgb = shading.classification_rgb(values)
    np.testing.assert_array_equal(rgb[1, 0], exact(np.array([[0.0]], np.float32))[0, 0])
    np.testing.assert_array_equal(rgb[1, 1], exact(np.array([[1.0]], np.float32))[0, 0])
    zero = shading.classification_rgb(np.zeros((2, 2, 2), np.float32))  # no class: no NaN
    assert zero.dtype == np.uint8


def test_three_classes_and_hard_regions_still_blend_exactly() -> None:
    p = np.full((4, 4, 3), 1 / 3, np.float32)
    p[0, 0] = [1.0, 0.0, 0.0]
    rgb = shading.classification_rgb(p)
    np.testing.assert_array_equal(rgb[1, 1], [255, 255, 255])  # no confidence: white
    hard = shading.classification_rgb(np.array([[0.2, 0.8]], np.float32), discretize=True)
    np.testing.assert_array_equal(
        hard[0, 1], shading.tint(CLASS_RGB[1:2].astype(np.float32), shading.MAX_TINT)[0]
    )
