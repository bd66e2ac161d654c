"""The window after a run diverges: Plane preset, learning rate 10, Play (as a new user does it)."""

from __future__ import annotations

import math
import re

from PySide6.QtCore import Qt

from playground.app.assembly import Assembly

TIMEOUT = 20_000


def diverge(qtbot, app: Assembly):
    """Pick the Plane preset, type a learning rate of 10, press Play; return the last snapshot."""
    c, w = app.controller, app.window
    combo = w.data_panel.preset_combo
    combo.setFocus()
    with qtbot.waitSignal(c.run_started, timeout=TIMEOUT):  # the task turns to regression
        qtbot.keyClicks(combo, "Plane")
    assert c.data_model.dataset.task == "regression"
    spin = w.hyper_panel.lr_spin
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, "10")
    qtbot.keyClick(spin, Qt.Key.Key_Return)
    assert c.train_config.learning_rate == 10
    with qtbot.waitSignal(
        c.snapshot_shown,
        timeout=TIMEOUT,
        check_params_cb=lambda s: s.run_id == c.run_id and s.diverged,
    ) as blocker:
        qtbot.mouseClick(w.transport.play_button, Qt.MouseButton.LeftButton)
    return blocker.args[0]


def finite_and_sane(view_range: list[list[float]], limit: float) -> bool:
    return all(math.isfinite(v) and abs(v) < limit for axis in view_range for v in axis)


def test_a_diverged_run_reads_well_and_a_reset_clears_it(qtbot, app: Assembly) -> None:
    snap = diverge(qtbot, app)
    w = app.window
    assert "diverged" in (snap.message or "")
    assert len(app.controller.history) == snap.epoch

    loss_text = w.status_loss.text()
    assert len(loss_text) < 70 and not re.search(r"\d{7}", loss_text), loss_text
    assert "e+" in loss_text, "the huge loss is in scientific notation"
    assert not w.status_loss.geometry().intersects(w.status_speed.geometry())
    assert len(w.transport.rate_label.text()) < 40

    loss_view = w.loss_plot.plot_item.vb.viewRange()
    assert finite_and_sane(loss_view, 1e7), loss_view
    (x0, x1), _ = loss_view
    assert x0 <= 1 and snap.epoch <= x1 < snap.epoch + 1, "the x axis shows the epochs run"
    grad_view = w.gradient_plot.plot_item.vb.viewRange()
    assert finite_and_sane(grad_view, 1e4), grad_view  # log10 units
    assert grad_view[0][0] <= 1 and snap.epoch <= grad_view[0][1] < snap.epoch + 1

    for plot in (w.loss_plot, w.gradient_plot):
        marker = plot.divergence
        assert marker.isVisible() and marker.value() == snap.epoch
        assert marker.label.toPlainText() == f"diverged at epoch {snap.epoch}"
    assert "not drawn" in w.loss_plot.title_label.text()

    c = app.controller
    with qtbot.waitSignal(
        c.snapshot_shown, timeout=TIMEOUT, check_params_cb=lambda s: s.run_id == c.run_id
    ):
        qtbot.mouseClick(w.transport.reset_button, Qt.MouseButton.LeftButton)
    for plot in (w.loss_plot, w.gradient_plot):
        assert not plot.divergence.isVisible()
        assert plot.plot_item.vb.viewRange()[0][1] < 11
    assert "not drawn" not in w.loss_plot.title_label.text()
    assert w.status_loss.text() == "not trained yet"
