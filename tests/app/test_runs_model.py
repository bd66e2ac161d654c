"""The Runs model and the lock-step loop, without Qt: determinism, forking, checkpoints."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from playground.app.state.defaults import DEFAULT_MODEL, DEFAULT_TRAIN
from playground.app.state.runs import Runs, RunSpec
from playground.app.training.commands import (
    Compare,
    Rebuild,
    Restore,
    SetRunning,
    SetStopConditions,
)
from playground.app.training.loop import TrainingLoop
from playground.app.training.snapshot import Snapshot
from playground.core.compare import apply_compare, parse_compare
from playground.core.model import Model
from playground.core.presets import make_dataset
from playground.core.trainer import Trainer

DATA = make_dataset("xor", 120, 0.1, seed=3, test_ratio=0.5)


def _drive(loop: TrainingLoop, runs: Runs, sent: list[Snapshot], steps: int = 200_000) -> None:
    """Run the loop's passes by hand until it stops, filing every snapshot in ``runs``."""
    for _ in range(steps):
        loop.handle(loop.mailbox.drain(0.0))
        loop.train_slice()
        loop.maybe_emit()
        if not (loop._running or loop._step_epoch) and not loop._dirty:
            return
    raise AssertionError("the loop did not stop")


def _loop(runs: Runs, sent: list[Snapshot]) -> TrainingLoop:
    def emit(snap: Snapshot) -> None:
        sent.append(snap)
        runs.receive(snap)
        loop.acknowledge()

    loop = TrainingLoop(emit=emit, max_fps=1000.0, engine="numpy")
    return loop


def _compare(text: str, runs: Runs, model=DEFAULT_MODEL) -> Compare:
    spec = parse_compare(text)
    derived = apply_compare(spec, model, DEFAULT_TRAIN)
    made = runs.replace([RunSpec(label, m, t) for label, m, t in derived], compare=spec)
    return Compare(
        tuple(Rebuild(r.run_id, r.spec.model_config, r.spec.train_config, DATA) for r in made), 0
    )


def _alone(model_config, train_config, epochs: int) -> np.ndarray:
    model = Model.build(model_config, DATA.train_x)
    trainer = Trainer(model, train_config, DATA.train_x, DATA.train_y, DATA.test_x, DATA.test_y)
    trainer.run(epochs)
    return trainer.network.get_params()


def test_compared_runs_equal_separate_runs_and_stay_in_step() -> None:
    runs, sent = Runs(), []
    loop = _loop(runs, sent)
    loop.handle([_compare("lr=0.03,0.3", runs), SetStopConditions(25, None), SetRunning(True)])
    _drive(loop, runs, sent)
    assert [run.epoch for run in runs.runs] == [25, 25]
    for snap in sent:  # every frame shows the runs at one epoch
        assert len({s.epoch for s in snap.all_runs()}) == 1
    for run in runs.runs:
        assert run.last is not None
        alone = _alone(run.spec.model_config, run.spec.train_config, 25)
        assert np.array_equal(run.last.params, alone)
        assert len(run.history) == 25
    first, second = (run.last.params for run in runs.runs)  # type: ignore[union-attr]
    assert not np.array_equal(first, second)


def test_a_diverging_run_stops_alone_and_the_others_go_on() -> None:
    runs, sent = Runs(), []
    loop = _loop(runs, sent)
    linear = DEFAULT_MODEL.with_changes(activations=("linear", "linear"))  # unbounded: it blows up
    compare = _compare("lr=0.03,100", runs, linear)
    loop.handle([compare, SetStopConditions(15, None), SetRunning(True)])
    _drive(loop, runs, sent)
    calm, wild = runs.runs
    assert calm.epoch == 15 and calm.diverged_at is None
    assert wild.diverged_at is not None and wild.epoch < 15
    assert wild.last is not None and wild.last.diverged and "diverged" in (wild.last.message or "")


def test_checkpoints_are_bounded_and_keep_the_first_and_the_latest() -> None:
    runs, sent = Runs(max_checkpoints=12), []
    loop = _loop(runs, sent)
    run = runs.single(DEFAULT_MODEL, DEFAULT_TRAIN)
    loop.handle([Rebuild(run.run_id, DEFAULT_MODEL, DEFAULT_TRAIN, DATA)])
    loop.handle([SetStopConditions(300, None), SetRunning(True)])
    _drive(loop, runs, sent)
    epochs = run.checkpoints.epochs()
    assert 3 <= len(epochs) <= 12
    assert epochs[0] == 0 and epochs[-1] == 300 == run.epoch


def test_fork_resumes_from_the_cursor_and_undo_brings_the_rest_back() -> None:
    runs, sent = Runs(), []
    loop = _loop(runs, sent)
    loop.handle([_compare("activation=tanh,relu", runs), SetStopConditions(40, None)])
    loop.handle([SetRunning(True)])
    _drive(loop, runs, sent)
    before = {run.run_id: (len(run.history), run.checkpoints.epochs()) for run in runs.runs}
    states = runs.set_cursor(10)
    assert {s.epoch for s in states.values()} == {10}
    fork = runs.fork()
    assert fork is not None and set(fork.restored) == set(runs.ids)
    for run in runs.runs:
        assert run.history.column("epoch")[-1] == 10 and run.checkpoints.epochs()[-1] == 10
    loop.handle([Restore(fork.restored), SetStopConditions(40, None), SetRunning(True)])
    _drive(loop, runs, sent)
    # The same steps from the same state: the fork ends where the first run ended.
    for run in runs.runs:
        assert run.epoch == 40 and len(run.history) == 40
    resume = runs.unfork(fork)
    for run in runs.runs:
        assert (len(run.history), run.checkpoints.epochs()) == before[run.run_id]
        assert resume[run.run_id].epoch == 40


def test_stale_snapshots_are_dropped() -> None:
    runs, sent = Runs(), []
    loop = _loop(runs, sent)
    old = runs.single(DEFAULT_MODEL, DEFAULT_TRAIN)
    loop.handle([Rebuild(old.run_id, DEFAULT_MODEL, DEFAULT_TRAIN, DATA)])
    snap = loop.make_snapshot()
    runs.single(DEFAULT_MODEL, DEFAULT_TRAIN)
    assert runs.receive(snap) is None


def test_a_run_keeps_its_latest_point_pass_for_the_lenses() -> None:
    """While training only some frames carry a point pass: the run keeps the latest."""
    runs, sent = Runs(), []
    loop = _loop(runs, sent)
    run = runs.single(DEFAULT_MODEL, DEFAULT_TRAIN)
    loop.handle([Rebuild(run.run_id, DEFAULT_MODEL, DEFAULT_TRAIN, DATA)])
    loop.handle([SetStopConditions(400, None), SetRunning(True)])
    _drive(loop, runs, sent)
    with_points = [snap for snap in sent if snap.points is not None]
    assert len(with_points) < len(sent)  # a pass at most every POINTS_EVERY_S while training
    assert run.with_points is with_points[-1] and run.last is sent[-1]
    runs.receive(dataclasses.replace(sent[-1], points=None, seq=sent[-1].seq + 1))
    assert run.with_points is with_points[-1]  # a frame without one keeps the latest


@pytest.mark.parametrize("count", [0, 5])
def test_runs_refuse_a_wrong_number_of_runs(count: int) -> None:
    spec = RunSpec("", DEFAULT_MODEL, DEFAULT_TRAIN)
    with pytest.raises(ValueError, match="between 1 and 4"):
        Runs().replace([spec] * count, compare=parse_compare("lr=0.1,0.2"))
