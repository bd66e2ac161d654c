"""The README's tour example fits the default 1280x800 window: no column behind a scrollbar."""

from __future__ import annotations

from playground.app.assembly import Assembly


def test_six_layers_of_eight_fit_the_default_window(qtbot, app: Assembly) -> None:
    c = app.controller
    with qtbot.waitSignal(c.run_started, timeout=20_000):
        c.configure(
            "tour example",
            hidden=(8,) * 6,
            activations=("tanh",) * 6,
            features=("x1", "x2", "x1^2", "x2^2", "sin_x1", "sin_x2"),
        )
    with qtbot.waitSignal(c.snapshot_shown, timeout=20_000):
        pass
    view = app.window.network_view.graphics_view
    qtbot.waitUntil(lambda: view.viewport().width() > 0)
    bar = view.horizontalScrollBar()
    assert bar.maximum() == 0, f"the diagram scrolls by {bar.maximum()} px"
    output = app.window.network_view.node_items(7)[0]
    center = view.mapFromScene(output.center).x()
    assert 0 < center < view.viewport().width() - 10
