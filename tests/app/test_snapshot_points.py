"""The worker's point pass: which snapshots carry one, and that it is the run's own model."""

from __future__ import annotations

import numpy as np

from playground.app.state.defaults import DEFAULT_MODEL, DEFAULT_TRAIN
from playground.app.training import frames
from playground.app.training.commands import Compare, Preview, Rebuild, SetProbe, SetRunning
from playground.app.training.loop import TrainingLoop
from playground.app.training.snapshot import Snapshot
from playground.core.point_pass import PointPass, point_pass
from playground.core.presets import make_dataset

DATA = make_dataset("xor", 120, 0.1, seed=3, test_ratio=0.25)
RECT = (-5.0, -4.0, 10.0, 8.0)


def loop_with(*commands: object) -> TrainingLoop:
    loop = TrainingLoop(emit=lambda s: None, engine="numpy")
    loop.handle([SetProbe(RECT, 50), *commands])  # type: ignore[list-item]
    return loop


def expected(snap: Snapshot) -> PointPass:
    """What core.point_pass gives for the snapshot's weights on the loop's data."""
    x = np.concatenate([DATA.train_x, DATA.test_x])
    y = np.concatenate([DATA.train_y, DATA.test_y]).astype(float)
    return point_pass(snap.to_model(), x, y, len(DATA.train_x), RECT)


def assert_same(got: PointPass | None, want: PointPass) -> None:
    assert got is not None
    assert got.n_train == want.n_train == len(DATA.train_x)
    np.testing.assert_array_equal(got.x, want.x)
    np.testing.assert_array_equal(got.targets, want.targets)
    np.testing.assert_array_equal(got.grid, want.grid)
    for a, b in zip(got.hidden, want.hidden, strict=True):
        np.testing.assert_array_equal(a, b)
    for a, b in zip(got.grid_hidden, want.grid_hidden, strict=True):
        np.testing.assert_array_equal(a, b)
    np.testing.assert_array_equal(got.output, want.output)


def test_a_paused_snapshot_carries_the_run_at_the_data_points() -> None:
    loop = loop_with(Rebuild(1, DEFAULT_MODEL, DEFAULT_TRAIN, DATA))
    loop.slots[0].trainer.run(3)
    first = loop.make_snapshot(10.0)
    assert_same(first.points, expected(first))
    second = loop.make_snapshot(10.01)  # paused: every snapshot has one
    assert second.points is not None


def test_while_training_a_run_gets_one_at_most_ten_times_a_second() -> None:
    loop = loop_with(Rebuild(1, DEFAULT_MODEL, DEFAULT_TRAIN, DATA), SetRunning(True))
    times = [100.0, 100.03, 100.06, 100.09, 100.11, 100.15, 100.25]
    carried = [loop.make_snapshot(t).points is not None for t in times]
    assert carried == [True, False, False, False, True, False, True]
    assert frames.POINTS_EVERY_S == 0.1


def test_every_compared_run_carries_its_own() -> None:
    other = DEFAULT_MODEL.with_changes(activations=("relu",) * len(DEFAULT_MODEL.hidden))
    loop = loop_with(
        Compare(
            (
                Rebuild(1, DEFAULT_MODEL, DEFAULT_TRAIN, DATA),
                Rebuild(2, other, DEFAULT_TRAIN, DATA),
            ),
            0,
        )
    )
    snap = loop.make_snapshot(5.0)
    assert len(snap.companions) == 1
    for run in snap.all_runs():
        assert_same(run.points, expected(run))
    a, b = (run.points for run in snap.all_runs())
    assert a is not None and b is not None
    assert not np.array_equal(a.hidden[0], b.hidden[0])


def test_a_checkpoint_shown_carries_the_checkpoint_at_the_data_points() -> None:
    loop = loop_with(Rebuild(1, DEFAULT_MODEL, DEFAULT_TRAIN, DATA))
    start = loop.slots[0].trainer.get_state()
    loop.slots[0].trainer.run(5)
    live = loop.make_snapshot(1.0)
    loop.handle([Preview({1: start})])
    shown = loop.make_snapshot(1.01)
    assert shown.preview_epoch == 0
    assert_same(shown.points, expected(shown))
    assert live.points is not None and shown.points is not None
    assert not np.array_equal(live.points.hidden[0], shown.points.hidden[0])
