"""History: append, extend, chunk and column semantics, growth, read-only copies."""

from __future__ import annotations

import numpy as np
import pytest
from numpy.typing import NDArray

from playground.core.history import COLUMNS, LAYER_COLUMNS, History, HistoryChunk

Array = NDArray[np.float64]


def row(i: int, n_layers: int = 2) -> tuple[float, float, float, float, float, Array]:
    """A distinguishable row: epoch i, losses and metrics derived from i."""
    return (
        float(i),
        10.0 + i,
        20.0 + i,
        0.5 + i / 100,
        0.25 + i / 100,
        np.arange(n_layers) + 1000.0 * i,
    )


def filled(n: int, capacity: int = 1024, n_layers: int = 2) -> History:
    h = History(n_layers, capacity=capacity)
    for i in range(n):
        h.append(*row(i, n_layers))
    return h


def test_append_and_columns() -> None:
    h = filled(3)
    assert len(h) == 3
    np.testing.assert_array_equal(h.column("epoch"), [0, 1, 2])
    np.testing.assert_array_equal(h.column("train_loss"), [10, 11, 12])
    np.testing.assert_array_equal(h.column("test_loss"), [20, 21, 22])
    np.testing.assert_array_equal(h.column("train_metric"), [0.5, 0.51, 0.52])
    np.testing.assert_array_equal(h.column("test_metric"), [0.25, 0.26, 0.27])
    np.testing.assert_array_equal(h.column("grad_norms"), [[0, 1], [1000, 1001], [2000, 2001]])
    assert COLUMNS == ("epoch", "train_loss", "test_loss", "train_metric", "test_metric")


def test_empty_history() -> None:
    h = History(3)
    assert len(h) == 0
    assert h.column("train_loss").shape == (0,)
    assert h.column("grad_norms").shape == (0, 3)
    c = h.chunk()
    assert len(c) == 0
    assert c.grad_norms.shape == (0, 3)


def test_nan_values_are_kept() -> None:
    h = History(1)
    h.append(1, 0.5, np.nan, 0.9, np.nan, np.array([0.1]))
    assert np.isnan(h.column("test_loss")[0])
    assert np.isnan(h.chunk().test_metric[0])


def test_growth_past_capacity() -> None:
    h = filled(37, capacity=2)
    assert len(h) == 37
    np.testing.assert_array_equal(h.column("epoch"), np.arange(37.0))
    np.testing.assert_array_equal(h.column("train_loss"), 10.0 + np.arange(37))
    np.testing.assert_array_equal(h.column("grad_norms")[:, 1], 1.0 + 1000.0 * np.arange(37))


def test_extend_past_capacity() -> None:
    source = filled(10)
    h = filled(3, capacity=4)
    h.extend(source.chunk(2, 9))  # 7 rows into a history with room for 1 more
    assert len(h) == 10
    np.testing.assert_array_equal(h.column("epoch"), [0, 1, 2, 2, 3, 4, 5, 6, 7, 8])
    np.testing.assert_array_equal(h.column("grad_norms")[3:], source.column("grad_norms")[2:9])
    h.extend(source.chunk(0, 0))  # an empty chunk is a no-op
    assert len(h) == 10


def test_extend_rejects_other_layer_counts() -> None:
    h = filled(2, n_layers=2)
    with pytest.raises(ValueError, match="layers"):
        h.extend(filled(2, n_layers=3).chunk())
    assert len(h) == 2


def test_chunk_slices() -> None:
    h = filled(6)
    c = h.chunk(2, 5)
    assert isinstance(c, HistoryChunk)
    assert len(c) == 3
    np.testing.assert_array_equal(c.epoch, [2, 3, 4])
    np.testing.assert_array_equal(c.train_loss, [12, 13, 14])
    np.testing.assert_array_equal(c.grad_norms, [[2000, 2001], [3000, 3001], [4000, 4001]])
    np.testing.assert_array_equal(h.chunk(4).epoch, [4, 5])  # to the end
    np.testing.assert_array_equal(h.chunk(3, 100).epoch, [3, 4, 5])  # stop is clipped
    assert len(h.chunk(6)) == 0


def test_chunks_are_read_only_copies() -> None:
    h = filled(4, capacity=4)
    c = h.chunk()
    for name in (*COLUMNS, "grad_norms"):
        arr = getattr(c, name)
        assert not arr.flags.writeable
        with pytest.raises(ValueError):
            arr[0] = -1.0
    # later changes to the history never show in an old chunk
    h.append(*row(99))  # also forces the buffers to grow
    h.clear()
    h.append(*row(50))
    np.testing.assert_array_equal(c.epoch, [0, 1, 2, 3])
    np.testing.assert_array_equal(c.grad_norms[0], [0, 1])
    # and a chunk does not share memory with the live buffers
    c2 = h.chunk()
    assert not np.shares_memory(c2.epoch, h.column("epoch"))


def test_columns_are_read_only_views() -> None:
    h = filled(3)
    col = h.column("train_loss")
    with pytest.raises(ValueError):
        col[0] = 0.0
    with pytest.raises(ValueError):
        h.column("grad_norms")[0, 0] = 0.0
    assert h.column("train_loss")[0] == 10.0  # nothing was written


def test_clear() -> None:
    h = filled(5)
    h.clear()
    assert len(h) == 0
    h.append(*row(7))
    np.testing.assert_array_equal(h.column("epoch"), [7])
    np.testing.assert_array_equal(h.column("grad_norms"), [[7000, 7001]])


def test_bounded_history_thins_its_older_half_and_keeps_recent_rows_whole() -> None:
    h = History(2, capacity=8, max_rows=100)
    for i in range(1000):
        h.append(*row(i))
        assert len(h) <= 100
    epochs = h.column("epoch")
    assert epochs[0] == 0 and epochs[-1] == 999  # the first and the latest rows stay
    assert np.all(np.diff(epochs) > 0)  # still in order, no duplicates
    tail = epochs[-50:]  # the recent half is every epoch
    np.testing.assert_array_equal(tail, np.arange(950, 1000))
    assert np.diff(epochs).max() > 2  # older rows are sparser
    # Every column thinned alike: a row is still the row of its epoch.
    i = len(h) // 3
    e = int(epochs[i])
    assert h.column("train_loss")[i] == 10.0 + e
    np.testing.assert_array_equal(h.column("grad_norms")[i], np.arange(2) + 1000.0 * e)
    assert h._cols["grad_norms"].shape[0] <= 100  # the storage is bounded too


def test_bounded_history_takes_a_chunk_longer_than_its_bound() -> None:
    source = filled(500)
    h = History(2, max_rows=64)
    h.extend(source.chunk())
    epochs = h.column("epoch")
    assert len(h) <= 64 and epochs[0] == 0 and epochs[-1] == 499
    assert np.all(np.diff(epochs) > 0)


def test_max_rows_must_leave_room() -> None:
    with pytest.raises(ValueError, match="at least 4"):
        History(2, max_rows=2)


def test_the_compiled_kernel_records_every_declared_per_layer_column() -> None:
    from playground.core import kernel_ops

    assert tuple(LAYER_COLUMNS) == kernel_ops.LAYER_COLUMN_NAMES


def test_update_ratio_column_is_the_last_updates_relative_size() -> None:
    from playground.core.config import ModelConfig, TrainConfig
    from playground.core.model import Model
    from playground.core.trainer import Trainer

    rng = np.random.default_rng(3)
    x, y = rng.normal(size=(40, 2)), (rng.random(40) > 0.5).astype(int)
    model = Model.build(ModelConfig(hidden=(3,), activations=("tanh",)), x)
    trainer = Trainer(model, TrainConfig(batch_size=40, learning_rate=0.1), x, y)
    before = trainer.network.get_params()
    trainer.run_epoch()  # one full-batch step: the epoch's last update is its only one
    after = trainer.network.params
    ratio = trainer.history.column("update_ratio")[-1]
    offsets = trainer.network.block_offsets
    for layer in range(trainer.network.n_layers):
        w = slice(offsets[2 * layer], offsets[2 * layer + 1])
        want = np.linalg.norm(after[w] - before[w]) / np.linalg.norm(after[w])
        assert ratio[layer] == pytest.approx(want, rel=1e-12)


def test_a_chunk_without_a_newer_per_layer_column_reads_it_as_nan() -> None:
    chunk = HistoryChunk(
        epoch=[1.0], train_loss=[0.5], test_loss=[0.6], train_metric=[0.7], test_metric=[0.8],
        grad_norms=[[1.0, 2.0]],
    )  # fmt: skip
    assert chunk.update_ratio.shape == (1, 2) and np.isnan(chunk.update_ratio).all()
    with pytest.raises(ValueError, match="unknown history column"):
        HistoryChunk(**chunk.columns(), made_up=[[0.0, 0.0]])
