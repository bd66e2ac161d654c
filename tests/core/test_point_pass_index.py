"""The point pass's ``index``: each kept row's number in the data set, through the thinning."""

from __future__ import annotations

import numpy as np
import pytest

from playground.core.config import ModelConfig
from playground.core.datasets import Dataset
from playground.core.features import FeatureMap
from playground.core.model import Model
from playground.core.point_pass import PointPass, point_pass

RECT = (-3.0, -3.0, 6.0, 6.0)


def small_model() -> Model:
    config = ModelConfig(features=("x1", "x2"), hidden=(3,), activations=("tanh",))
    params = np.random.default_rng(0).normal(size=Model.build(config).network.n_params)
    return Model.from_params(config, FeatureMap.identity(("x1", "x2")), params)


def interleaved(n: int, seed: int = 1) -> Dataset:
    """Distinct points, test points scattered among the training points."""
    rng = np.random.default_rng(seed)
    x = rng.uniform(-2.5, 2.5, (n, 2))
    assert len(np.unique(x, axis=0)) == n
    is_test = rng.random(n) < 0.3
    assert np.flatnonzero(is_test).min() < np.flatnonzero(~is_test).max()  # not in order
    return Dataset(x=x, y=(x[:, 0] > 0).astype(int), is_test=is_test)


def pass_of(data: Dataset, **kwargs: int) -> tuple[PointPass, np.ndarray]:
    """The point pass of the data set's points, training points first, given their numbers."""
    order = np.concatenate([np.flatnonzero(~data.is_test), np.flatnonzero(data.is_test)])
    x, y = data.x[order], data.y[order].astype(float)
    n_train = int(np.count_nonzero(~data.is_test))
    return point_pass(small_model(), x, y, n_train, RECT, index=order, **kwargs), order


def row_by_coordinates(data: Dataset, xy: np.ndarray) -> np.ndarray:
    """For each point in ``xy``, the data set row at exactly those coordinates."""
    same = np.all(data.x[None, :, :] == xy[:, None, :], axis=2)
    assert np.all(same.sum(axis=1) == 1)
    return same.argmax(axis=1)


def assert_names_the_data_set_rows(result: PointPass, data: Dataset) -> None:
    want = row_by_coordinates(data, np.asarray(result.x))
    np.testing.assert_array_equal(result.index, want)
    np.testing.assert_array_equal(result.targets, data.y[want])
    n = result.n_train
    assert not data.is_test[result.index[:n]].any() and data.is_test[result.index[n:]].all()


def test_without_an_index_the_rows_are_numbered_in_order() -> None:
    data = interleaved(40)
    result = point_pass(small_model(), data.x, data.y, 40, RECT)
    assert result.index.dtype == np.int64 and not result.index.flags.writeable
    np.testing.assert_array_equal(result.index, np.arange(40))


def test_each_row_carries_its_data_set_index() -> None:
    data = interleaved(60)
    result, _ = pass_of(data)
    assert len(result.index) == 60 and result.index.dtype == np.int64
    assert not result.index.flags.writeable
    assert_names_the_data_set_rows(result, data)
    assert sorted(result.index) == list(range(60))


def test_thinned_rows_keep_their_data_set_index() -> None:
    data = interleaved(2500, seed=2)
    result, order = pass_of(data, max_points=1000)
    assert len(result.x) == len(result.index) == 1000
    assert 0 < result.n_train < 1000
    assert_names_the_data_set_rows(result, data)
    assert len(np.unique(result.index)) == 1000
    # Evenly thinned: kept row k is the given row k * n // m, with its number.
    np.testing.assert_array_equal(result.index, order[np.arange(1000) * 2500 // 1000])


def test_the_index_is_a_copy() -> None:
    data = interleaved(30)
    order = np.concatenate([np.flatnonzero(~data.is_test), np.flatnonzero(data.is_test)])
    given = order.copy()
    n_train = int(np.count_nonzero(~data.is_test))
    result = point_pass(small_model(), data.x[order], data.y[order], n_train, RECT, index=given)
    given[:] = 0
    np.testing.assert_array_equal(result.index, order)


@pytest.mark.parametrize(
    ("index", "message"),
    [
        (np.arange(9), "shape"),
        (np.arange(11), "shape"),
        (np.arange(20).reshape(10, 2), "shape"),
        (np.arange(-1, 9), "lie in 0..9"),
        (np.arange(1, 11), "lie in 0..9"),
        (np.arange(10, dtype=float), "integers"),
        (np.array([0, 1, 2, 3, 4, 5, 6, 7, 8, 8]), "repeats"),
    ],
)
def test_a_bad_index_is_refused(index: np.ndarray, message: str) -> None:
    data = interleaved(10, seed=4)
    with pytest.raises(ValueError, match=message):
        point_pass(small_model(), data.x, data.y, 10, RECT, index=index)


def test_a_point_pass_made_by_hand_checks_its_index() -> None:
    made = point_pass(small_model(), interleaved(12).x, np.zeros(12), 12, RECT)
    fields = {**made.__dict__}
    fields.pop("index")
    assert list(PointPass(**fields).index) == list(range(12))
    with pytest.raises(ValueError, match="index"):
        PointPass(**fields, index=np.arange(11))
