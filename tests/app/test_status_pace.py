"""The status bar's readouts change at most STATUS_HZ times a second while training runs.

Each change repaints the bar and the window beneath its labels; the epoch counter in the
transport bar still follows every frame. A stop or a divergence shows at once.
"""

from __future__ import annotations

import dataclasses
from types import SimpleNamespace

import numpy as np


def test_the_status_bar_follows_training_at_most_status_hz_and_a_stop_at_once(qtbot, monkeypatch):
    from playground.app import controller as controller_module
    from playground.app.assembly import assemble
    from tests.app.conftest import dispose

    shown: list[float] = []
    progress: list[float] = []
    clock = [100.0]
    real = controller_module.show_status

    def show_status(window, snap, history) -> None:
        shown.append(clock[0])
        real(window, snap, history)

    monkeypatch.setattr(controller_module, "show_status", show_status)
    # The controller's clock only: the worker keeps the real one.
    monkeypatch.setattr(controller_module, "time", SimpleNamespace(perf_counter=lambda: clock[0]))
    parts = assemble(settings=None)
    try:
        parts.window.show()
        c = parts.controller
        c.window.transport.show_progress = lambda *a: progress.append(clock[0])
        with qtbot.waitSignal(c.snapshot_shown, timeout=10_000) as blocker:
            c.start()
        running = dataclasses.replace(blocker.args[0], running=True)
        shown.clear()
        step = 1.0 / controller_module.STATUS_HZ
        times = (0.0, 0.3 * step, 0.9 * step, 1.01 * step, 1.5 * step, 2.2 * step)
        for t in times:
            clock[0] = 1000.0 + t
            c._show_snapshot(running)
        assert np.allclose(shown, [1000.0, 1000.0 + 1.01 * step, 1000.0 + 2.2 * step])
        assert len(progress) >= len(times)  # the epoch counter ticks with every frame
        clock[0] += 0.1 * step
        stopped = dataclasses.replace(running, running=False, epoch=running.epoch + 7)
        c._show_snapshot(stopped)  # a stop, however soon after, shows at once
        assert len(shown) == 4
        assert f"{stopped.epoch:,}" in c.window.status_epoch.text()
    finally:
        parts.controller.unsaved = False
        parts.files.ask_to_save = False
        parts.window.close()
        assert parts.controller.shutdown()
        dispose(parts)
