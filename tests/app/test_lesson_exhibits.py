"""What a lesson shows beside its text: the linear layers' product, the Results lens."""

from __future__ import annotations

import numpy as np

from playground.app.assembly import Assembly
from playground.app.lesson_wiring import lesson_wiring, open_lesson_by_name
from playground.app.lessons.exhibits import linear_product_text
from playground.app.views.panels.transport import StopConditions
from playground.core.lesson_measures import linear_product

TIMEOUT = 30_000


def test_the_linear_lesson_writes_out_the_product_of_the_weights_on_screen(qtbot, make_app) -> None:
    parts: Assembly = make_app()
    open_lesson_by_name(parts, "linear-collapse")
    c = parts.controller
    c.set_stop_conditions(StopConditions(max_epochs=3))
    with qtbot.waitSignal(
        c.snapshot_shown, timeout=TIMEOUT, check_params_cb=lambda s: not s.running and s.epoch == 3
    ) as blocker:
        c.play()
    snap = blocker.args[0]
    panel = lesson_wiring(parts).panel
    qtbot.waitUntil(lambda: panel.exhibit_label.isVisibleTo(panel), timeout=TIMEOUT)
    text = panel.exhibit_label.text()
    assert text == linear_product_text(c.runs.active_run.last)
    weights, bias = linear_product(snap.to_model().network)
    assert f"{weights.ravel()[0]:.4g}" in text and f"{bias[0]:.4g}" in text
    # the product is the linear network's map: its logits for any input
    x = np.array([[0.3, -1.2]])
    network = snap.to_model().network
    if all(a == "linear" for a in snap.model_config.activations):
        np.testing.assert_allclose(network.logits(x), x @ weights + bias, rtol=1e-10)


def test_the_softmax_lesson_opens_the_results_lens(qtbot, make_app) -> None:
    parts: Assembly = make_app()
    open_lesson_by_name(parts, "softmax-multiclass")
    dock = parts.window.docks["lens_results"]
    assert dock.isVisibleTo(parts.window)
    assert not lesson_wiring(parts).panel.exhibit_label.isVisibleTo(parts.window)
