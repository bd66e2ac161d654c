"""The ``auto`` engine loads its compiled kernels only once the first frame is on screen.

Importing numba and loading the kernels holds the interpreter lock for about a second;
done at start it delayed the window's first frame by as much.
"""

from __future__ import annotations

import pytest

from playground.app.state.defaults import DEFAULT_MODEL, DEFAULT_TRAIN
from playground.app.training import loop as loop_module
from playground.app.training.commands import Abort, Rebuild
from playground.app.training.loop import TrainingLoop
from playground.core.presets import make_dataset


def _drive(engine: str, monkeypatch: pytest.MonkeyPatch, acknowledge: bool) -> list[tuple]:
    """Run the loop for a few passes; return what happened, in order."""
    events: list[tuple] = []
    monkeypatch.setattr(
        loop_module.kernel, "warm_up_in_background", lambda: events.append(("warm", "kernel"))
    )
    monkeypatch.setattr(
        loop_module.probe_engine,
        "warm_up_in_background",
        lambda: events.append(("warm", "probe")),
    )

    def emit(snap) -> None:
        events.append(("frame", loop.slots[0].trainer.engine, loop.prober.engine))
        if acknowledge:
            loop.acknowledge()  # the window has drawn it

    loop = TrainingLoop(emit=emit, max_fps=1000.0, engine=engine)
    data = make_dataset("circle", 60, 0.0, seed=0, test_ratio=0.5)
    loop.post(Rebuild(1, DEFAULT_MODEL, DEFAULT_TRAIN, data))
    passes = {"n": 0}
    real_drain = loop.mailbox.drain

    def drain(timeout: float = 0.0):
        passes["n"] += 1
        return [Abort()] if passes["n"] > 4 else real_drain(0.0)

    loop.mailbox.drain = drain  # type: ignore[method-assign]
    loop.run()
    events.append(("end", loop.slots[0].trainer.engine, loop.prober.engine))
    return events


def test_auto_trains_with_numpy_until_the_first_frame_was_drawn(monkeypatch) -> None:
    events = _drive("auto", monkeypatch, acknowledge=True)
    assert events[0] == ("frame", "numpy", "numpy")  # nothing loads before the first frame
    warm = [i for i, e in enumerate(events) if e[0] == "warm"]
    assert sorted(events[i][1] for i in warm) == ["kernel", "probe"]
    assert min(warm) > 0
    assert events[-1] == ("end", "auto", "auto")  # then the compiled kernels, once loaded


def test_auto_waits_while_the_first_frame_is_being_drawn(monkeypatch) -> None:
    events = _drive("auto", monkeypatch, acknowledge=False)
    assert not [e for e in events if e[0] == "warm"]
    assert events[-1] == ("end", "numpy", "numpy")


def test_numpy_never_loads_and_compiled_loads_at_once(monkeypatch) -> None:
    events = _drive("numpy", monkeypatch, acknowledge=True)
    assert not [e for e in events if e[0] == "warm"]
    assert events[-1] == ("end", "numpy", "numpy")
    events = _drive("compiled", monkeypatch, acknowledge=True)
    assert events[0][0] == "warm" and events[1][0] == "warm"  # asked for: loaded first
