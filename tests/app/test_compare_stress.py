"""A restless user in compare mode: every intent in a random order, and nothing breaks."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt

from playground.app.assembly import Assembly
from playground.app.training.commands import SetProbe

TIMEOUT = 30_000
SPECS = ("activation=tanh,relu", "lr=0.03,0.3,3", "init=zeros,he_normal", "hidden=4/8x2")


def _settle(qtbot, app: Assembly) -> None:
    """Wait for a snapshot of the current runs, asking the worker for one."""
    c = app.controller
    with qtbot.waitSignal(
        c.snapshot_shown, timeout=TIMEOUT, check_params_cb=lambda s: s.run_id in c.runs.ids
    ):
        # A new probe area makes the worker send a snapshot even when the intent was a
        # no-op (undo with nothing to undo, End Comparison with one run).
        c.worker.post(SetProbe(app.window.canvas.view_rect(), c.probe_resolution))


def test_every_compare_intent_in_a_random_order_keeps_the_runs_whole(qtbot, app: Assembly) -> None:
    c, w = app.controller, app.window
    rng = np.random.default_rng(7)
    viewport = w.canvas.plot.viewport()

    def paint() -> None:
        x, y = rng.uniform(-4, 4, 2)
        start = w.canvas.data_to_widget(x, y).toPoint()
        end = w.canvas.data_to_widget(x + 0.5, y).toPoint()
        qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
        qtbot.mouseMove(viewport, end)
        qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=end)

    def select() -> None:
        tiles = w.views["runs"].visible_tiles()  # type: ignore[attr-defined]
        if tiles:
            tile = tiles[int(rng.integers(len(tiles)))]
            qtbot.mouseClick(tile.view.viewport(), Qt.MouseButton.LeftButton)

    def scrub() -> None:
        c.pause()
        w.scrubber.step(-int(rng.integers(1, 4)))

    def resume() -> None:
        c.pause()
        w.scrubber.step(-1)
        qtbot.mouseClick(w.scrubber.resume_button, Qt.MouseButton.LeftButton)

    def rate() -> None:
        rate = float(rng.choice([0.01, 0.1, 1.0]))
        c.set_train_config(c.shown_configs()[1].with_changes(learning_rate=rate))

    actions = {
        "compare": lambda: c.comparing.start(SPECS[int(rng.integers(len(SPECS)))]),
        "play": c.play,
        "pause": c.pause,
        "step": c.step_epoch,
        "paint": paint,
        "select": select,
        "scrub": scrub,
        "resume": resume,
        "undo": lambda: qtbot.keyClick(w, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier),
        "rate": rate,
        "layer": lambda: w.network_view.header.add_layer_button.click(),
        "end": c.comparing.end,
        "reset": c.reset,
    }
    names = list(actions)
    c.comparing.start(SPECS[0])
    c.play()
    _settle(qtbot, app)
    for _ in range(40):
        name = names[int(rng.integers(len(names)))]
        actions[name]()
        _settle(qtbot, app)
    c.pause()
    _settle(qtbot, app)
    runs = c.runs
    assert 1 <= len(runs.runs) <= 4 and 0 <= runs.active < len(runs.runs)
    for run in runs.runs:
        assert run.last is not None and run.last.run_id == run.run_id
        epochs = run.history.column("epoch")
        assert np.all(np.diff(epochs) >= 0)  # a history stays in epoch order through forks
        assert run.checkpoints.epochs() == sorted(run.checkpoints.epochs())
    assert w.docks["runs"].isVisibleTo(w) == runs.comparing
