"""The window trains with either engine: same epochs, same stops, same numbers."""

from __future__ import annotations

import numpy as np
import pytest

from playground.app.assembly import Assembly
from playground.app.training.worker import TrainingWorker
from playground.app.views.panels.transport import StopConditions

TIMEOUT = 60_000  # a first-ever compile of the kernel takes seconds


def _stopped(qtbot, app: Assembly):
    c = app.controller
    with qtbot.waitSignal(
        c.snapshot_shown,
        timeout=TIMEOUT,
        check_params_cb=lambda s: s.run_id == c.run_id and not s.running and s.epoch > 0,
    ) as blocker:
        pass
    return blocker.args[0]


def _train(qtbot, make_app, engine: str, epochs: int) -> tuple[Assembly, object]:
    app = make_app(worker=TrainingWorker(engine=engine), preset="spiral")
    c = app.controller
    c.set_stop_conditions(StopConditions(max_epochs=epochs))
    c.play()
    return app, _stopped(qtbot, app)


@pytest.mark.parametrize("engine", ["numpy", "compiled"])
def test_stop_after_n_epochs_stops_exactly_there(qtbot, make_app, engine: str) -> None:
    if engine == "compiled":
        pytest.importorskip("numba")
    app, snap = _train(qtbot, make_app, engine, 40)
    assert snap.epoch == 40 and "Stopped after 40 epochs" in (snap.message or "")
    assert snap.engine == engine and snap.engine_notice is None
    np.testing.assert_array_equal(app.controller.history.column("epoch"), np.arange(1, 41))

    # Step trains exactly one more epoch, on either engine.
    app.controller.step_epoch()
    assert _stopped(qtbot, app).epoch == 41


def test_both_engines_give_the_same_run(qtbot, make_app) -> None:
    pytest.importorskip("numba")
    runs = {engine: _train(qtbot, make_app, engine, 25) for engine in ("numpy", "compiled")}
    (a, snap_a), (b, snap_b) = runs["numpy"], runs["compiled"]
    np.testing.assert_allclose(snap_b.params, snap_a.params, rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(
        b.controller.history.column("train_loss"),
        a.controller.history.column("train_loss"),
        rtol=1e-9,
    )
