"""Stress: everything a restless user does at once, while the network trains.

Painting thousands of points with real mouse drags, erasing, switching settings,
layers, neurons, activations, tasks and presets, clearing mid-run, re-splitting
and hovering neurons, as fast as events arrive. The test
keeps its own ledger of every point the brush added and every disc the eraser
cleared, and at the end the data set must hold exactly the ledger's points: no
point lost, none doubled. Qt warnings fail the test (``qt_log_level_fail``), and so
does any exception raised in a slot (pytest-qt captures them).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest
from numpy.typing import NDArray
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractButton, QComboBox

from playground.app.assembly import Assembly
from playground.app.views.panels.hyper_panel import LEARNING_RATES
from playground.core.datasets import Dataset

TIMEOUT = 20_000
SEED = 20261201
ROUNDS = 20
STROKES_PER_ROUND = 4
SAFE_RATES = [r for r in LEARNING_RATES if 1e-3 <= r <= 0.1]


class Ledger:
    """The points the test expects, kept apart from the data model."""

    def __init__(self, dataset: Dataset) -> None:
        self.reset(dataset)
        self.painted = 0
        self.erased = 0

    def reset(self, dataset: Dataset) -> None:
        """Start again from a data set the app generated (a preset or a cleared set)."""
        self.x = dataset.x.copy()
        self.y = dataset.y.astype(np.float64)

    def add(self, x: NDArray[np.float64], y: NDArray[np.float64]) -> None:
        self.x = np.concatenate([self.x, x])
        self.y = np.concatenate([self.y, y])
        self.painted += len(x)

    def erase(self, center: NDArray[np.float64], radius: float) -> None:
        inside = np.sum((self.x - center.reshape(1, 2)) ** 2, axis=1) <= radius**2
        self.erased += int(inside.sum())
        self.x, self.y = self.x[~inside], self.y[~inside]


def sorted_rows(x: NDArray[np.float64], y: NDArray[np.float64]) -> NDArray[np.float64]:
    rows = np.column_stack([x, y])
    return rows[np.lexsort(rows.T[::-1])]


def spy_on_edits(app: Assembly, ledger: Ledger, monkeypatch: pytest.MonkeyPatch) -> None:
    """Copy every add and erase the brush asks of the data model into the ledger."""
    model = app.controller.data_model
    add_points, erase = model.add_points, model.erase

    def spy_add(x, y) -> int:
        pts = np.asarray(x, dtype=np.float64).reshape(-1, 2).copy()
        labels = np.broadcast_to(np.asarray(y, dtype=np.float64), (len(pts),)).copy()
        n = add_points(x, y)
        assert n == len(pts)
        ledger.add(pts, labels)
        return n

    def spy_erase(center, radius) -> int:
        n = erase(center, radius)
        ledger.erase(np.asarray(center, dtype=np.float64), float(radius))
        return n

    monkeypatch.setattr(model, "add_points", spy_add)
    monkeypatch.setattr(model, "erase", spy_erase)


def drag(qtbot, app: Assembly, button: Qt.MouseButton, path: NDArray[np.float64]) -> None:
    """Press, move through ``path`` (data coordinates) and release, as a mouse would."""
    canvas = app.window.canvas
    viewport = canvas.plot.viewport()
    points = [canvas.data_to_widget(float(x), float(y)).toPoint() for x, y in path]
    qtbot.mousePress(viewport, button, pos=points[0])
    for p in points[1:]:
        qtbot.mouseMove(viewport, p)
    qtbot.mouseRelease(viewport, button, pos=points[-1])


def stroke_path(rng: np.random.Generator, steps: int = 8) -> NDArray[np.float64]:
    """A wandering path inside the default view."""
    start = rng.uniform(-4.5, 4.5, 2)
    moves = rng.normal(0.0, 0.6, (steps, 2))
    return np.clip(start + np.cumsum(np.vstack([[0.0, 0.0], moves]), axis=0), -5.5, 5.5)


def pick(combo: QComboBox, rng: np.random.Generator) -> None:
    combo.setCurrentIndex(int(rng.integers(combo.count())))


def click(qtbot, button: QAbstractButton) -> None:
    """A real click where the button is on screen, else the click a user's keyboard gives."""
    if button.isVisible() and button.isEnabled():
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    elif button.isEnabled():
        button.click()


def next_snapshot(
    qtbot, app: Assembly, check: Callable[[object], bool] = lambda s: True, timeout: int = TIMEOUT
):
    """The next snapshot of the current run that passes ``check``."""
    c = app.controller
    with qtbot.waitSignal(
        c.snapshot_shown,
        timeout=timeout,
        check_params_cb=lambda s: s.run_id == c.run_id and check(s),
    ) as blocker:
        pass
    return blocker.args[0]


def change_settings(app: Assembly, rng: np.random.Generator) -> None:
    """A burst of training settings, each through its widget."""
    hp = app.window.hyper_panel
    for _ in range(3):
        hp.lr_spin.setValue(float(rng.choice(SAFE_RATES)))
        hp.batch_spin.setValue(int(rng.integers(1, 40)))
        pick(hp.optimizer_combo, rng)
        pick(hp.reg_combo, rng)
        if hp.reg_rate_combo.isEnabled():
            hp.reg_rate_combo.setCurrentIndex(int(rng.integers(min(4, hp.reg_rate_combo.count()))))


def change_network(qtbot, app: Assembly, rng: np.random.Generator) -> None:
    """Add or remove a layer, a neuron, or switch an activation, by the diagram's controls."""
    header = app.window.network_view.header
    hidden = app.controller.model_config.hidden
    action = int(rng.integers(4))
    if action == 0 and len(hidden) < 5:
        click(qtbot, header.add_layer_button)
    elif action == 1 and len(hidden) > 1:
        click(qtbot, header.remove_layer_button)
    elif hidden:
        controls = header.layers[int(rng.integers(len(hidden)))]
        if action == 2:
            button = controls.plus_button if rng.random() < 0.6 else controls.minus_button
            click(qtbot, button)
        else:
            qtbot.keyClick(controls.combo, Qt.Key.Key_Down if rng.random() < 0.5 else Qt.Key.Key_Up)


def look_around(qtbot, app: Assembly, rng: np.random.Generator) -> None:
    """Re-split the data, toggle the discretized boundary, hover a neuron and leave it."""
    panel, nv = app.window.data_panel, app.window.network_view
    panel.ratio_slider.setValue(int(rng.integers(0, panel.ratio_slider.maximum() + 1)))
    if rng.random() < 0.3:
        click(qtbot, panel.discretize_check)
    view = nv.graphics_view
    column = int(rng.integers(1, len(app.controller.model_config.hidden) + 1))
    nodes = nv.node_items(column)
    if nodes:
        node = nodes[int(rng.integers(len(nodes)))]
        qtbot.mouseMove(view.viewport(), view.mapFromScene(node.center))
        qtbot.mouseMove(view.viewport(), QPoint(4, view.height() - 4))


def switch_preset(qtbot, app: Assembly, ledger: Ledger, rng: np.random.Generator) -> None:
    """Pick a classification preset and regenerate: the ledger starts from the new data."""
    panel = app.window.data_panel
    combo = panel.preset_combo
    names = [combo.itemData(i) for i in range(combo.count())]
    choices = [i for i, n in enumerate(names) if n not in ("plane", "multi_gaussian")]
    combo.setCurrentIndex(int(rng.choice(choices)))
    click(qtbot, panel.regenerate_button)
    ledger.reset(app.controller.data_model.dataset)


def clear_and_switch_task(qtbot, app: Assembly, ledger: Ledger, task: str) -> None:
    """Clear the points mid-run, switch the task, paint a first stroke, play on."""
    c, panel = app.controller, app.window.data_panel
    click(qtbot, panel.clear_button)
    ledger.reset(c.data_model.dataset)
    assert len(ledger.x) == 0
    panel.task_combo.setCurrentIndex(panel.task_combo.findData(task))
    assert (c.data_model.dataset.task == "regression") == (task == "regression")
    drag(qtbot, app, Qt.MouseButton.LeftButton, np.array([[-3.0, -3.0], [3.0, 3.0]]))
    c.play()


def paint_round(qtbot, app: Assembly, rng: np.random.Generator) -> None:
    """A few paint strokes (any class shown) and one erase stroke."""
    picker = app.window.data_panel.class_picker
    for _ in range(STROKES_PER_ROUND):
        if not picker.target_spin.isVisible():
            picker.select_class(int(rng.integers(app.controller.data_model.dataset.n_classes)))
        else:
            picker.target_spin.setValue(float(rng.uniform(-2, 2)))
        drag(qtbot, app, Qt.MouseButton.LeftButton, stroke_path(rng))
    drag(qtbot, app, Qt.MouseButton.RightButton, stroke_path(rng, steps=3))


def test_restless_user_loses_no_point_and_training_survives(
    qtbot, app: Assembly, monkeypatch: pytest.MonkeyPatch
) -> None:
    rng = np.random.default_rng(SEED)
    c, window = app.controller, app.window
    panel = window.data_panel
    panel.density_slider.setValue(20)  # 20 points per dab
    panel.radius_slider.setValue(4)  # radius 0.4: a dab every 0.4 along a stroke
    ledger = Ledger(c.data_model.dataset)
    spy_on_edits(app, ledger, monkeypatch)
    c.play()
    next_snapshot(qtbot, app, lambda s: s.epoch >= 1)

    for round_ in range(ROUNDS):
        paint_round(qtbot, app, rng)
        change_settings(app, rng)
        change_network(qtbot, app, rng)
        look_around(qtbot, app, rng)
        if round_ % 6 == 5:
            switch_preset(qtbot, app, ledger, rng)
        if round_ == 9:  # a third class, painted in the next rounds
            click(qtbot, panel.class_picker.add_button)
        if round_ in (13, 15):  # regression targets for two rounds, then back to classes
            clear_and_switch_task(qtbot, app, ledger, "regression" if round_ == 13 else "binary")
        if not c.running:  # a run that diverged pauses itself; the user presses Play again
            c.play()
        # The window keeps showing the current run's training while all this happens.
        next_snapshot(qtbot, app)

    data = c.data_model.dataset
    print(f"painted {ledger.painted}, erased {ledger.erased}, kept {len(data)}")
    assert ledger.painted > 3000, f"only {ledger.painted} points painted"
    assert ledger.erased > 100, f"only {ledger.erased} points erased"
    assert len(data) == len(ledger.x)
    np.testing.assert_array_equal(sorted_rows(data.x, data.y), sorted_rows(ledger.x, ledger.y))
    shown = len(window.canvas.train_points.data) + len(window.canvas.test_points.data)
    assert shown == len(data), "the canvas draws every point"

    # Training goes on, on exactly these points.
    epoch = next_snapshot(qtbot, app).epoch
    snap = next_snapshot(qtbot, app, lambda s: s.epoch > epoch)
    assert snap.run_id == c.run_id
    assert c.running or snap.diverged
    c.pause()


def test_clear_while_training_keeps_training_alive(qtbot, app: Assembly) -> None:
    c, panel = app.controller, app.window.data_panel
    c.play()
    next_snapshot(qtbot, app, lambda s: s.epoch >= 1)
    click(qtbot, panel.clear_button)
    assert len(c.data_model.dataset) == 0
    # The worker meets the empty data and pauses, saying why, instead of dying.
    next_snapshot(qtbot, app, lambda s: not s.running, timeout=5000)
    assert not c.running and "no training points" in app.window.banner.text()
    drag(qtbot, app, Qt.MouseButton.LeftButton, np.array([[-3.0, -3.0], [-1.0, -1.0]]))
    click(qtbot, panel.class_picker.class_buttons[1])
    drag(qtbot, app, Qt.MouseButton.LeftButton, np.array([[1.0, 1.0], [3.0, 3.0]]))
    c.play()
    epoch = next_snapshot(qtbot, app, timeout=5000).epoch
    next_snapshot(qtbot, app, lambda s: s.epoch > epoch, timeout=5000)
