"""A compiled run makes its next snapshot while the window still draws the last one.

It leaves with the loop's first look after the window acknowledges (``send_ahead``,
from the loop's thread) rather than a probe later; no history row is lost or sent
twice on the way.
"""

from __future__ import annotations

import numpy as np
import pytest

from playground.app.state.defaults import DEFAULT_MODEL, DEFAULT_TRAIN
from playground.app.training.commands import Rebuild, Restore, SetRunning
from playground.app.training.loop import TrainingLoop
from playground.app.training.snapshot import Snapshot
from playground.core import kernel
from playground.core.presets import make_dataset

DATA = make_dataset("xor", 120, 0.1, seed=3, test_ratio=0.5)
pytestmark = pytest.mark.skipif(not kernel.numba_available(), reason="needs the compiled kernel")


def compiled_loop(sent: list[Snapshot]) -> TrainingLoop:
    """A running loop whose last slice ran compiled (off the interpreter lock)."""
    # A schedule so fast that a snapshot is always due: what is tested is when it leaves.
    loop = TrainingLoop(emit=sent.append, max_fps=1e9, engine="compiled")
    loop.handle([Rebuild(1, DEFAULT_MODEL, DEFAULT_TRAIN, DATA), SetRunning(True)])
    for _ in range(2000):
        loop.train_slice()
        if loop._off_lock:
            return loop
    pytest.skip("the compiled kernel did not take over")


def rows(sent: list[Snapshot]) -> np.ndarray:
    return np.concatenate([s.history.epoch for s in sent if s.history.epoch.size])


def test_the_next_snapshot_waits_made_and_leaves_on_the_acknowledgement() -> None:
    sent: list[Snapshot] = []
    loop = compiled_loop(sent)
    assert loop.maybe_emit(force=True) and len(sent) == 1  # the window is drawing it
    loop.train_slice()
    assert loop.maybe_emit()  # made ahead...
    assert len(sent) == 1  # ...but not sent while the window draws
    assert not loop.maybe_emit()  # one made ahead at most
    loop.acknowledge()
    assert len(sent) == 1, "the loop's own thread sends it"
    assert loop.send_ahead() and not loop.send_ahead()
    assert len(sent) == 2 and sent[1].seq > sent[0].seq
    loop.train_slice()
    loop.maybe_emit()
    loop.acknowledge()
    loop.maybe_emit()  # the one made ahead leaves first
    loop.acknowledge()
    loop.maybe_emit(force=True)
    epochs = rows(sent)
    np.testing.assert_array_equal(epochs, np.arange(epochs[0], epochs[0] + len(epochs)))


def test_a_forced_snapshot_goes_after_the_one_made_ahead() -> None:
    sent: list[Snapshot] = []
    loop = compiled_loop(sent)
    loop.maybe_emit(force=True)
    loop.train_slice()
    loop.maybe_emit()
    ahead = loop._pending
    assert ahead is not None
    loop.train_slice()
    loop._dirty = True
    loop.maybe_emit(force=True)  # a stop is reported at once, after the one made ahead
    assert sent[-2] is ahead and sent[-1].seq > ahead.seq
    assert loop._pending is None


def test_a_fork_drops_the_snapshot_made_ahead() -> None:
    sent: list[Snapshot] = []
    loop = compiled_loop(sent)
    loop.maybe_emit(force=True)
    loop.train_slice()
    loop.maybe_emit()
    assert loop._pending is not None
    loop.handle([Restore({})])
    loop.acknowledge()
    assert not loop.send_ahead()
    assert len(sent) == 1, "its rows were past the fork"
