"""Tests of the dataset presets, the train/test split and the editing helpers."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from playground.core import datasets
from playground.core.datasets import MAX_POINTS, Dataset, infer_task, split
from playground.core.presets import PRESETS, make_dataset

CLASSIFICATION = [name for name, preset in PRESETS.items() if preset.task != "regression"]
REGRESSION = [name for name, preset in PRESETS.items() if preset.task == "regression"]


def test_preset_table() -> None:
    assert set(CLASSIFICATION) == {"circle", "xor", "gaussian", "spiral", "moons", "checkerboard"}
    assert set(REGRESSION) == {"plane", "multi_gaussian"}
    for name, preset in PRESETS.items():
        assert preset.name == name
        assert "noise" in preset.description.lower()
    assert PRESETS["multi_gaussian"].label == "Multi gaussian"


# ------------------------------------------------------------------ generation


@pytest.mark.parametrize("name", list(PRESETS))
@pytest.mark.parametrize("n_points", [0, 1, 7, 200])
def test_shapes_and_dtypes(name: str, n_points: int) -> None:
    data = make_dataset(name, n_points=n_points, noise=0.3, seed=4)
    assert data.x.shape == (n_points, 2)
    assert data.x.dtype == np.float64
    assert data.y.shape == (n_points,)
    assert data.is_test.shape == (n_points,)
    assert data.task == PRESETS[name].task
    if data.task == "regression":
        assert data.y.dtype == np.float64
        assert data.n_classes == 1
    else:
        assert data.y.dtype == np.int64
        assert data.n_classes == 2


@pytest.mark.parametrize("name", list(PRESETS))
def test_same_seed_same_data_other_seed_other_data(name: str) -> None:
    first = make_dataset(name, n_points=150, noise=0.2, seed=11)
    again = make_dataset(name, n_points=150, noise=0.2, seed=11)
    other = make_dataset(name, n_points=150, noise=0.2, seed=12)
    np.testing.assert_array_equal(first.x, again.x)
    np.testing.assert_array_equal(first.y, again.y)
    np.testing.assert_array_equal(first.is_test, again.is_test)
    assert not np.array_equal(first.x, other.x)


@pytest.mark.parametrize("name", CLASSIFICATION)
@pytest.mark.parametrize(("n_points", "noise"), [(200, 0.0), (201, 0.8), (9, 1.0)])
def test_classes_are_balanced(name: str, n_points: int, noise: float) -> None:
    counts = make_dataset(name, n_points=n_points, noise=noise, seed=5).class_counts()
    assert counts.sum() == n_points
    assert counts.max() - counts.min() <= 1


@pytest.mark.parametrize("name", list(PRESETS))
def test_clean_data_lies_in_the_playground_square(name: str) -> None:
    data = make_dataset(name, n_points=500, noise=0.0, seed=6)
    assert np.all(np.abs(data.x) <= 6.0)


@pytest.mark.parametrize("arms", range(2, 9))
def test_spiral_arms_set_the_classes(arms: int) -> None:
    data = make_dataset("spiral", n_points=10 * arms + 3, seed=1, arms=arms)
    assert data.n_classes == arms
    assert data.task == ("binary" if arms == 2 else "multiclass")
    np.testing.assert_array_equal(np.unique(data.y), np.arange(arms))
    counts = data.class_counts()
    assert counts.max() - counts.min() <= 1
    assert PRESETS["spiral"].task_for(arms=arms) == (data.task, arms)


def test_clean_circle_is_separated_by_radius() -> None:
    data = make_dataset("circle", n_points=400, seed=2)
    radius = np.hypot(data.x[:, 0], data.x[:, 1])
    assert radius[data.y == 1].max() <= 2.5
    assert radius[data.y == 0].min() >= 3.5
    assert radius.max() <= 5.0


def test_clean_xor_labels_follow_the_sign_of_the_product() -> None:
    data = make_dataset("xor", n_points=400, seed=2)
    np.testing.assert_array_equal(data.y, (data.x[:, 0] * data.x[:, 1] > 0).astype(int))
    assert np.abs(data.x).min() >= 0.3


def test_clean_gaussians_are_centred_on_opposite_corners() -> None:
    data = make_dataset("gaussian", n_points=2000, seed=2)
    np.testing.assert_allclose(data.x[data.y == 1].mean(axis=0), [2.0, 2.0], atol=0.1)
    np.testing.assert_allclose(data.x[data.y == 0].mean(axis=0), [-2.0, -2.0], atol=0.1)
    noisy = make_dataset("gaussian", n_points=2000, noise=0.5, seed=2)
    # Variance 0.5 + 7 * noise per coordinate.
    assert noisy.x[noisy.y == 1].var(axis=0) == pytest.approx([4.0, 4.0], rel=0.15)


@pytest.mark.parametrize("arms", [2, 3, 7])
def test_clean_spiral_points_lie_on_their_arm(arms: int) -> None:
    data = make_dataset("spiral", n_points=300, seed=3, arms=arms)
    radius = np.hypot(data.x[:, 0], data.x[:, 1])
    angle = np.arctan2(data.x[:, 0], data.x[:, 1])  # x = r sin t, y = r cos t
    expected = 1.75 * 2 * np.pi * radius / 5.0 + 2 * np.pi * data.y / arms
    offset = np.angle(np.exp(1j * (angle - expected)))
    on_arm = radius > 1e-9
    np.testing.assert_allclose(offset[on_arm], 0.0, atol=1e-9)
    assert radius.max() < 5.0


def test_clean_moons_lie_on_two_half_circles() -> None:
    data = make_dataset("moons", n_points=300, seed=3)
    raw = data.x / 3.0 + [0.5, 0.25]  # back to scikit-learn's coordinates
    top, bottom = raw[data.y == 0], raw[data.y == 1]
    np.testing.assert_allclose(np.hypot(*top.T), 1.0)
    np.testing.assert_allclose(np.hypot(bottom[:, 0] - 1.0, bottom[:, 1] - 0.5), 1.0)
    assert top[:, 1].min() >= -1e-12
    assert bottom[:, 1].max() <= 0.5 + 1e-12


def test_clean_checkerboard_alternates_cells() -> None:
    data = make_dataset("checkerboard", n_points=600, seed=3)
    cells = np.floor((data.x + 6.0) / 3.0).astype(int)
    np.testing.assert_array_equal(data.y, cells.sum(axis=1) % 2)
    # All 16 cells are used and no point touches a cell border.
    assert len({tuple(cell) for cell in cells}) == 16
    within = (data.x + 6.0) % 3.0
    assert within.min() >= 0.15 - 1e-12
    assert within.max() <= 2.85 + 1e-12


def test_clean_plane_is_the_scaled_sum() -> None:
    data = make_dataset("plane", n_points=100, seed=3)
    np.testing.assert_allclose(data.y, data.x.sum(axis=1) / 10.0)


_TF_BUMPS = [(-4, 2.5, 1), (0, 2.5, -1), (4, 2.5, 1), (-4, -2.5, -1), (0, -2.5, 1), (4, -2.5, -1)]


def _bumps_reference(point: np.ndarray) -> float:
    """TensorFlow Playground's regressGaussian label, written as a plain loop."""
    label = 0.0
    for cx, cy, sign in _TF_BUMPS:
        value = sign * min(1.0, max(0.0, 1.0 - np.hypot(point[0] - cx, point[1] - cy) / 2.0))
        if abs(value) > abs(label):
            label = value
    return label


def test_clean_multi_gaussian_matches_the_reference() -> None:
    data = make_dataset("multi_gaussian", n_points=300, seed=3)
    expected = [_bumps_reference(point) for point in data.x]
    np.testing.assert_allclose(data.y, expected)
    assert data.y.min() < -0.5 and data.y.max() > 0.5


@pytest.mark.parametrize(("name", "reach"), [("circle", 5.0), ("xor", 5.0), ("checkerboard", 3.0)])
def test_noise_jitters_clean_points_without_relabelling(name: str, reach: float) -> None:
    clean = make_dataset(name, n_points=300, noise=0.0, seed=8)
    noisy = make_dataset(name, n_points=300, noise=0.2, seed=8)
    np.testing.assert_array_equal(clean.y, noisy.y)
    shift = np.abs(noisy.x - clean.x)
    assert shift.max() <= reach * 0.2
    assert shift.max() > reach * 0.1


@pytest.mark.parametrize("name", REGRESSION)
def test_regression_noise_changes_targets_not_points(name: str) -> None:
    clean = make_dataset(name, n_points=300, noise=0.0, seed=8)
    noisy = make_dataset(name, n_points=300, noise=0.5, seed=8)
    np.testing.assert_array_equal(clean.x, noisy.x)
    assert not np.allclose(clean.y, noisy.y)


# ------------------------------------------------------------------ validation


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"name": "swirl"}, "circle, xor"),
        ({"n_points": -1}, "n_points"),
        ({"n_points": MAX_POINTS + 1}, "n_points"),
        ({"n_points": 2.5}, "n_points"),
        ({"n_points": True}, "n_points"),
        ({"noise": -0.1}, "noise"),
        ({"noise": 1.5}, "noise"),
        ({"noise": float("nan")}, "noise"),
        ({"test_ratio": 0.95}, "test ratio"),
        ({"seed": -3}, "seed"),
        ({"arms": 3}, "no option 'arms'"),
        ({"name": "spiral", "arms": 9}, "arms must be an integer in 2..8"),
        ({"name": "spiral", "arms": 1}, "arms"),
        ({"name": "spiral", "turns": 2}, "valid: arms"),
    ],
)
def test_make_dataset_rejects_bad_arguments(kwargs: dict[str, object], message: str) -> None:
    arguments: dict[str, object] = {"name": "circle", **kwargs}
    with pytest.raises(ValueError, match=message):
        make_dataset(**arguments)  # type: ignore[arg-type]


def test_make_dataset_accepts_the_limits() -> None:
    assert len(make_dataset("xor", n_points=0, noise=1.0, test_ratio=0.9)) == 0
    assert make_dataset("xor", n_points=20, noise=1, test_ratio=0.9).is_test.sum() == 18
    assert len(make_dataset("plane", n_points=MAX_POINTS)) == MAX_POINTS


# ------------------------------------------------------------------ split


@settings(max_examples=60, deadline=None, database=None)
@given(
    n=st.integers(0, 300),
    ratio=st.floats(0.0, 0.9),
    n_classes=st.integers(2, 8),
    seed=st.integers(0, 2**32),
)
def test_split_takes_exactly_the_ratio_and_stratifies(
    n: int, ratio: float, n_classes: int, seed: int
) -> None:
    rng = np.random.default_rng(seed)
    y = rng.integers(0, n_classes, n)
    is_test = split(np.zeros((n, 2)), y, ratio, np.random.default_rng(seed))
    assert is_test.dtype == np.bool_ and is_test.shape == (n,)
    assert is_test.sum() == round(n * ratio)
    for k in range(n_classes):
        in_class = y == k
        share = in_class.sum() * round(n * ratio) / max(n, 1)
        assert abs(is_test[in_class].sum() - share) < 1.0


def test_split_of_regression_targets_is_a_plain_shuffle() -> None:
    targets = np.linspace(-1.0, 1.0, 50)
    first = split(np.zeros((50, 2)), targets, 0.3, np.random.default_rng(1))
    second = split(np.zeros((50, 2)), targets, 0.3, np.random.default_rng(2))
    assert first.sum() == second.sum() == 15
    assert not np.array_equal(first, second)


def test_split_rejects_bad_input() -> None:
    with pytest.raises(ValueError, match="lengths differ"):
        split(np.zeros((3, 2)), np.zeros(4, dtype=int), 0.5, np.random.default_rng(0))
    with pytest.raises(ValueError, match="test ratio"):
        split(np.zeros((3, 2)), np.zeros(3, dtype=int), 0.91, np.random.default_rng(0))


def test_with_split_is_seeded_and_keeps_the_points() -> None:
    data = make_dataset("spiral", n_points=120, seed=4, test_ratio=0.0)
    assert not data.is_test.any()
    resplit = data.with_split(0.25, seed=7)
    assert resplit.is_test.sum() == 30
    np.testing.assert_array_equal(resplit.is_test, data.with_split(0.25, seed=7).is_test)
    assert not np.array_equal(resplit.is_test, data.with_split(0.25, seed=8).is_test)
    np.testing.assert_array_equal(resplit.x, data.x)
    assert not data.is_test.any()  # the original is untouched
    with pytest.raises(ValueError, match="test ratio"):
        data.with_split(-0.1)


def test_test_ratio_does_not_move_the_points() -> None:
    half = make_dataset("moons", n_points=80, seed=9, test_ratio=0.5)
    fifth = make_dataset("moons", n_points=80, seed=9, test_ratio=0.2)
    np.testing.assert_array_equal(half.x, fifth.x)
    assert half.is_test.sum() == 40 and fifth.is_test.sum() == 16
    np.testing.assert_array_equal(half.is_test, fifth.with_split(0.5, seed=9).is_test)


# ------------------------------------------------------------------ editing


def test_empty_and_class_counts() -> None:
    empty = Dataset.empty("multiclass", 4)
    assert len(empty) == 0 and empty.task == "multiclass"
    np.testing.assert_array_equal(empty.class_counts(), [0, 0, 0, 0])
    assert Dataset.empty("regression").n_classes == 1
    with pytest.raises(ValueError, match="no classes"):
        Dataset.empty("regression").class_counts()


def test_with_points_appends() -> None:
    data = Dataset.empty("multiclass", 3)
    grown = data.with_points([[1.0, 2.0], [3.0, 4.0]], [2, 0], [False, True])
    grown = grown.with_points([5.0, 6.0], [1.0])
    assert len(data) == 0
    np.testing.assert_array_equal(grown.x, [[1, 2], [3, 4], [5, 6]])
    np.testing.assert_array_equal(grown.y, [2, 0, 1])
    assert grown.y.dtype == np.int64
    np.testing.assert_array_equal(grown.is_test, [False, True, False])
    np.testing.assert_array_equal(grown.class_counts(), [1, 1, 1])
    targets = Dataset.empty("regression").with_points([[0.0, 0.0]], [0.25])
    assert targets.y.dtype == np.float64 and targets.y[0] == 0.25


@pytest.mark.parametrize(
    ("x", "y", "message"),
    [
        ([[0.0, 0.0]], [2], "0..1"),
        ([[0.0, 0.0]], [0.5], "whole numbers"),
        ([[0.0, 0.0, 0.0]], [0], "shape"),
        ([[0.0, 0.0], [1.0, 1.0]], [0], "lengths differ"),
        ([[np.inf, 0.0]], [0], "finite"),
    ],
)
def test_with_points_validates(x: list[list[float]], y: list[float], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Dataset.empty().with_points(x, y)


def test_without_removes_the_masked_points() -> None:
    data = Dataset.empty().with_points([[0, 0], [1, 1], [2, 2], [3, 3]], [0, 1, 1, 0])
    kept = data.without(np.array([False, True, False, True]))
    np.testing.assert_array_equal(kept.x, [[0, 0], [2, 2]])
    np.testing.assert_array_equal(kept.y, [0, 1])
    assert len(data) == 4
    assert len(data.without(np.ones(4, dtype=bool))) == 0
    with pytest.raises(ValueError, match="shape"):
        data.without(np.ones(3, dtype=bool))
    with pytest.raises(ValueError, match="bool"):
        data.without(np.array([0, 1, 0, 1]))


def test_with_task_converts_and_validates() -> None:
    binary = Dataset.empty().with_points([[0, 0], [1, 1]], [0, 1])
    multi = binary.with_task("multiclass")
    assert (multi.task, multi.n_classes) == ("multiclass", 3)
    assert binary.with_task("multiclass", 2).n_classes == 2
    wide = multi.with_points([[2, 2]], [2]).with_task("multiclass", 6)
    with pytest.raises(ValueError, match="labels go up to 2"):
        wide.with_task("binary")
    with pytest.raises(ValueError, match="labels go up to 2"):
        wide.with_task("multiclass", 2)
    regression = wide.with_task("regression")
    assert (regression.task, regression.n_classes) == ("regression", 1)
    np.testing.assert_array_equal(regression.y, [0.0, 1.0, 2.0])
    assert regression.y.dtype == np.float64
    back = regression.with_task("multiclass")
    assert back.y.dtype == np.int64 and back.n_classes == 3
    fractional = regression.with_points([[3, 3]], [0.5])
    with pytest.raises(ValueError, match="whole numbers"):
        fractional.with_task("binary")
    with pytest.raises(ValueError, match="2 classes"):
        binary.with_task("binary", 3)
    with pytest.raises(ValueError, match="unknown task"):
        binary.with_task("ranking")


# ------------------------------------------------------------------ infer_task


@pytest.mark.parametrize(
    ("labels", "expected"),
    [
        ([0, 1, 1, 0], ("binary", 2)),
        ([0, 0], ("binary", 2)),
        ([], ("binary", 2)),
        ([0.0, 2.0, 1.0], ("multiclass", 3)),
        ([0, 7], ("multiclass", 8)),
        ([0.5, 1.0], ("regression", 1)),
        ([-0.25, 3.0], ("regression", 1)),
    ],
)
def test_infer_task(labels: list[float], expected: tuple[str, int]) -> None:
    assert infer_task(np.array(labels)) == expected


@pytest.mark.parametrize(
    ("labels", "message"),
    [(list(range(9)), "at most 8 classes"), ([-1, 1], "0..7"), ([0.0, np.nan], "finite")],
)
def test_infer_task_rejects(labels: list[float], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        infer_task(labels)


# ------------------------------------------------------------------ re-exports


def test_datasets_does_not_import_presets() -> None:
    # presets builds on datasets, never the other way round: no import cycle.
    code = (
        "import sys\n"
        "import playground.core.datasets\n"
        "assert 'playground.core.presets' not in sys.modules, 'datasets imported presets'\n"
        "import playground.core.presets\n"
    )
    root = Path(datasets.__file__).resolve().parents[2]
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(root), os.environ.get("PYTHONPATH", "")]),
    }
    subprocess.run([sys.executable, "-c", code], check=True, env=env, timeout=60)
