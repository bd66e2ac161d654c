"""While training, the diagram's bias pills are set with the diagram, not at every frame."""

from __future__ import annotations

import numpy as np

from playground.app.assembly import Assembly
from playground.app.views.network_view import NetworkView
from playground.app.views.panels.transport import StopConditions

TIMEOUT = 30_000


def test_biases_follow_the_diagram_while_training_and_every_stop(
    qtbot, app: Assembly, monkeypatch
) -> None:
    c = app.controller
    calls: list[int] = []
    original = NetworkView.show_biases

    def counted(self, biases):
        calls.append(1)
        return original(self, biases)

    monkeypatch.setattr(NetworkView, "show_biases", counted)
    frames: list[bool] = []
    c.snapshot_shown.connect(lambda snap: frames.append(snap.running))
    c.set_stop_conditions(StopConditions(max_epochs=3000))
    with qtbot.waitSignal(
        c.snapshot_shown,
        timeout=TIMEOUT,
        check_params_cb=lambda s: not s.running and s.epoch == 3000,
    ) as stop:
        c.play()
    running = sum(frames)
    assert running >= 10, "enough training frames to tell"
    assert len(calls) < running, "not once a frame while training"
    badges = app.window.network_view._overlays.bias_badges
    assert badges is not None
    last = stop.args[0].biases()
    for (column, unit), value in badges.values.items():  # the stop's biases, all of them
        assert value == float(last[column - 1][unit])
    assert len(badges.values) == sum(min(len(b), 12) for b in last)
    assert np.isfinite(list(badges.values.values())).all()
