"""Sessions of version 2 in the window: compared runs come back exactly and go on exactly."""

from __future__ import annotations

import numpy as np

from playground.app.assembly import Assembly
from playground.app.training.worker import TrainingWorker
from playground.app.views.panels.transport import StopConditions
from playground.core.sessions import load_session

TIMEOUT = 30_000


def _train_to(qtbot, parts: Assembly, epochs: int) -> None:
    c = parts.controller
    c.set_stop_conditions(StopConditions(max_epochs=epochs))
    with qtbot.waitSignal(
        c.snapshot_shown,
        timeout=TIMEOUT,
        check_params_cb=lambda s: not s.running and s.epoch == epochs,
    ):
        c.play()


def _params(parts: Assembly) -> list[np.ndarray]:
    return [run.last.params for run in parts.controller.runs.runs]  # type: ignore[union-attr]


def test_a_saved_comparison_reopens_and_resumes_bit_for_bit(qtbot, make_app, tmp_path) -> None:
    # One engine for both windows: the compiled one agrees with NumPy to 1e-14, not bit for bit.
    first = make_app(worker=TrainingWorker(engine="numpy"))
    c = first.controller
    with qtbot.waitSignal(c.run_started, timeout=TIMEOUT):
        assert c.comparing.start("optimizer=adam,momentum")
    _train_to(qtbot, first, 12)
    path = tmp_path / "compare.mlps"
    first.files.dialogs.next_save = str(path)
    first.window.menu_actions["save_session_as"].trigger()
    saved = load_session(path)
    assert len(saved.runs) == 2 and saved.compare == {
        "key": "optimizer",
        "values": ["adam", "momentum"],
    }
    assert all(run.state is not None and run.state.epoch == 12 for run in saved.runs)

    second = make_app(worker=TrainingWorker(engine="numpy"), session_path=str(path))
    again = second.controller
    assert again.runs.comparing and [r.label for r in again.runs.runs] == [
        "optimizer=adam",
        "optimizer=momentum",
    ]
    assert [len(r.history) for r in again.runs.runs] == [len(r.history) for r in c.runs.runs]
    with qtbot.waitSignal(
        again.snapshot_shown, timeout=TIMEOUT, check_params_cb=lambda s: s.epoch == 12
    ):
        pass
    for a, b in zip(_params(first), _params(second), strict=True):
        assert np.array_equal(a, b)

    _train_to(qtbot, first, 20)
    _train_to(qtbot, second, 20)
    for a, b in zip(_params(first), _params(second), strict=True):
        assert np.array_equal(a, b)  # the optimizer's state and the shuffle came back too
    epochs = [r.checkpoints.epochs() for r in again.runs.runs]
    assert epochs == [r.checkpoints.epochs() for r in c.runs.runs]


def test_saving_while_looking_at_a_checkpoint_saves_the_run_where_it_stands(
    qtbot, make_app, tmp_path
) -> None:
    parts = make_app(worker=TrainingWorker(engine="numpy"))
    c = parts.controller
    _train_to(qtbot, parts, 15)
    live = c.runs.active_run.last
    assert live is not None
    with qtbot.waitSignal(
        c.snapshot_shown, timeout=TIMEOUT, check_params_cb=lambda s: s.preview_epoch == 5
    ):
        c.scrub.move_to(5)
    path = tmp_path / "looked-back.mlps"
    parts.files.dialogs.next_save = str(path)
    parts.window.menu_actions["save_session_as"].trigger()
    saved = load_session(path).active_run
    assert saved.epoch == 15 and saved.state is not None and saved.state.epoch == 15
    assert saved.model is not None
    assert np.array_equal(saved.model.network.get_params(), live.params)
