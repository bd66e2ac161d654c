"""Checkpoints: bounded, log-spaced over any run length, first and latest always kept,
``next_wanted`` agreeing with ``wants``, forks dropped and restored, and a real trainer
resumed from one."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest

from playground.core.checkpoints import Checkpoints, grid_points
from playground.core.trainer import TrainerState
from tests.core.kernel_cases import OPTIMIZERS
from tests.core.test_trainer_state import trainer

RNG_STATE = np.random.default_rng(0).bit_generator.state


def state(epoch: int, step: int | None = None, cursor: int = 0) -> TrainerState:
    """A tiny state: three steps an epoch unless ``step`` says otherwise."""
    step = 3 * epoch + (1 if cursor else 0) if step is None else step
    return TrainerState(
        epoch=epoch, step_count=step, params=np.zeros(2), optimizer="sgd", optimizer_state={},
        rng_state=RNG_STATE, previous_params=np.zeros(2), cursor=cursor,
        order=np.arange(4) if cursor else np.zeros(0, np.int64), epoch_gradsq=np.zeros(1),
    )  # fmt: skip


def run_to(checkpoints: Checkpoints, last: int, start: int = 0) -> int:
    """Offer a state at each epoch the checkpoints want up to ``last``, then at ``last``."""
    epoch, offers = start, 0
    while epoch < last:
        checkpoints.offer(state(epoch))
        offers += 1
        epoch = min(checkpoints.next_wanted(epoch), last)
    checkpoints.offer(state(last))
    return offers + 1


def test_the_grid_is_every_epoch_then_ten_percent_apart() -> None:
    grid = grid_points(10**6)
    assert grid[:21] == list(range(21)) and grid[-1] <= 10**6 < grid[-1] * 1.1 + 1
    ratios = [b / a for a, b in itertools.pairwise(grid) if a >= 100]
    assert min(ratios) > 1.09 and max(ratios) <= 1.1


@pytest.mark.parametrize("max_count", [200, 40, 5])
def test_bounded_with_the_first_and_the_latest_over_a_long_run(max_count: int) -> None:
    checkpoints = Checkpoints(max_count)
    epoch = 0
    while epoch < 10**6:
        checkpoints.offer(state(epoch))
        checkpoints.offer(state(epoch, cursor=1))  # a pause mid-epoch: kept as the latest
        assert len(checkpoints) <= max_count
        epochs = checkpoints.epochs()
        assert epochs[0] == 0 and epochs[-1] == epoch
        assert checkpoints.latest() is checkpoints.states()[-1]
        assert checkpoints.latest().cursor == 1  # type: ignore[union-attr]
        epoch = checkpoints.next_wanted(epoch)


@pytest.mark.parametrize("max_count", [200, 60, 20])
@pytest.mark.parametrize("last", [100, 10_000, 1_000_000, 10**9])
def test_spacing_stays_log_uniform_over_the_whole_run(max_count: int, last: int) -> None:
    checkpoints = Checkpoints(max_count)
    run_to(checkpoints, last)
    epochs = checkpoints.epochs()
    assert len(epochs) <= max_count
    # The level is the lowest that fits: half the places at least are in use.
    assert len(epochs) >= min(len(grid_points(last)), max_count // 2 - 1)
    # Neighbours past the every-epoch start stay within one band of ratios, old and new
    # alike: the gaps in log(epoch) differ by less than a tenth of their mean.
    grid = [e for e in epochs[:-1] if e >= 100]  # the latest sits wherever the run ended
    if len(grid) >= 3:
        gaps = np.diff(np.log(grid))
        assert gaps.max() - gaps.min() < 0.1 * gaps.mean() + 0.01, gaps


def test_a_hundred_epochs_and_a_million_both_fit() -> None:
    short, long = Checkpoints(), Checkpoints()
    run_to(short, 100)
    run_to(long, 10**6)
    assert short.epochs() == [*range(21), 22, 24, 26, 28, 30, 33, 36, 39, 42, 46, 50, 55, 60,
                              66, 72, 79, 86, 94, 100]  # fmt: skip
    assert len(long) <= 200 and long.epochs()[-1] == 10**6


def test_next_wanted_agrees_with_wants() -> None:
    for max_count in (200, 12, 4):
        checkpoints = Checkpoints(max_count)
        assert checkpoints.wants(17) and checkpoints.next_wanted(17) == 18  # empty: any first
        checkpoints.offer(state(0))
        wanted = [e for e in range(1, 5000) if checkpoints.wants(e)]
        wanted += [g for g in grid_points(10**9) if g >= 5000 and checkpoints.wants(g)]
        for e in range(0, 4000):
            assert checkpoints.next_wanted(e) == next(w for w in wanted if w > e)


def test_offering_every_epoch_keeps_what_offering_the_wanted_ones_keeps() -> None:
    every, wanted = Checkpoints(30), Checkpoints(30)
    for epoch in range(3001):
        every.offer(state(epoch))
    assert run_to(wanted, 3000) < 100
    assert every.epochs() == wanted.epochs()
    again = Checkpoints.from_states(every.states(), 30)
    assert again.states() == every.states()  # the same objects, in order


def test_offers_go_in_training_order_and_a_repeat_replaces_the_latest() -> None:
    checkpoints = Checkpoints()
    first = state(0)
    assert checkpoints.offer(first)
    assert not checkpoints.offer(state(21))  # not on the grid: only the latest
    assert checkpoints.offer(state(22))  # on the grid
    with pytest.raises(ValueError, match="comes before the latest checkpoint, epoch 22"):
        checkpoints.offer(state(21))
    with pytest.raises(ValueError, match="comes before"):
        checkpoints.offer(state(22, step=1))
    again = state(22)
    assert checkpoints.offer(again)
    assert checkpoints.states() == [first, again]
    with pytest.raises(ValueError, match="at least 4"):
        Checkpoints(3)


def test_a_grid_epoch_keeps_its_earliest_state() -> None:
    checkpoints = Checkpoints()
    start, middle, later = state(5), state(5, cursor=1), state(5, step=17, cursor=2)
    for s in (state(0), start, middle, later):
        checkpoints.offer(s)
    assert checkpoints.states()[1:] == [start, later]  # the earliest and the latest
    assert checkpoints.epochs() == [0, 5]
    assert checkpoints.at_or_before(5) is later and checkpoints.at_or_before(4).epoch == 0  # type: ignore[union-attr]
    checkpoints.offer(state(7))
    assert checkpoints.states()[1:] == [start, checkpoints.latest()]


def test_lookups() -> None:
    checkpoints = Checkpoints()
    for epoch in (0, 10, 20, 30):
        checkpoints.offer(state(epoch))
    assert checkpoints.at_or_before(25).epoch == 20  # type: ignore[union-attr]
    assert checkpoints.at_or_before(30).epoch == 30  # type: ignore[union-attr]
    assert checkpoints.nearest(26).epoch == 30  # type: ignore[union-attr]
    assert checkpoints.nearest(25).epoch == 20  # type: ignore[union-attr]  # a tie: before
    assert checkpoints.nearest(10**6).epoch == 30  # type: ignore[union-attr]
    assert Checkpoints().at_or_before(5) is None and Checkpoints().nearest(5) is None


def test_a_fork_drops_and_restores() -> None:
    checkpoints = Checkpoints(40)
    for epoch in range(101):
        checkpoints.offer(state(epoch))
    before = checkpoints.states()
    dropped = checkpoints.drop_after(40)
    assert dropped == [s for s in before if s.epoch > 40]
    assert checkpoints.states() == [s for s in before if s.epoch <= 40]
    base = checkpoints.latest()
    assert base is not None and base.epoch <= 40
    checkpoints.offer(state(base.epoch))  # the app offers the state it resumed from again
    for epoch in range(base.epoch + 1, 71):  # the fork
        checkpoints.offer(state(epoch, step=3 * epoch + 1))
    assert checkpoints.latest().step_count == 211  # type: ignore[union-attr]
    checkpoints.restore(dropped)
    assert checkpoints.states()[-len(dropped) :] == dropped
    assert [s.epoch for s in checkpoints.states()] == [s.epoch for s in before]
    assert all(s.step_count == 3 * s.epoch for s in checkpoints.states())
    with pytest.raises(ValueError, match="not what a recent drop_after returned"):
        checkpoints.restore(dropped)


def test_nested_forks_undo_in_turn() -> None:
    checkpoints = Checkpoints()
    for epoch in range(31):
        checkpoints.offer(state(epoch))
    original = checkpoints.states()
    outer = checkpoints.drop_after(20)
    for epoch in range(21, 26):
        checkpoints.offer(state(epoch, step=3 * epoch + 1))
    middle = checkpoints.states()
    inner = checkpoints.drop_after(22)
    checkpoints.offer(state(23, step=500))
    checkpoints.restore(inner)
    assert checkpoints.states() == middle
    checkpoints.restore(outer)
    assert checkpoints.states() == original


def test_a_trainer_resumes_from_a_checkpoint() -> None:
    settings = OPTIMIZERS["adam"]
    original = trainer(settings, 5)
    checkpoints = Checkpoints(12)
    checkpoints.offer(original.get_state())
    while original.epoch < 60:
        target = min(checkpoints.next_wanted(original.epoch), 60)
        assert original.run_slice(max_epochs=target - original.epoch).stop == "epochs"
        checkpoints.offer(original.get_state())
    assert len(checkpoints) <= 12 and checkpoints.latest().epoch == 60  # type: ignore[union-attr]
    start = checkpoints.at_or_before(45)
    assert start is not None and start.epoch < 45 and start.at_epoch_start
    resumed = trainer(settings, 5, seed=11)
    resumed.set_state(start)
    resumed.run(60 - start.epoch)
    assert np.array_equal(resumed.network.params, original.network.params)
    rows = original.history.chunk()
    assert np.array_equal(resumed.history.chunk().train_loss, rows.train_loss[start.epoch :])
    assert math.isfinite(rows.train_loss[-1])
