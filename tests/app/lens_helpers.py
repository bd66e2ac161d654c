"""What the lens tests share: opening a lens from the View menu, training, known weights."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PySide6.QtGui import QAction

from playground.app.assembly import Assembly
from playground.app.present.registry import view_spec
from playground.app.views.panels.transport import StopConditions
from playground.core.config import ModelConfig, TrainConfig
from playground.core.features import FeatureMap
from playground.core.files import save_weights
from playground.core.model import Model
from playground.core.trainer import Trainer

TIMEOUT = 30_000


def view_menu_action(app: Assembly, name: str) -> QAction:
    """The View menu's entry for the dock of view ``name``."""
    title = view_spec(name).title
    view_menu = next(
        a.menu() for a in app.window.menuBar().actions() if a.text().replace("&", "") == "View"
    )
    found = [a for a in view_menu.actions() if a.text() == title]
    assert len(found) == 1, [a.text() for a in view_menu.actions()]
    return found[0]


def open_from_view_menu(qtbot, app: Assembly, name: str) -> None:
    """Open a lens's dock as a user would: View > its title (it starts closed)."""
    dock = app.window.docks[name]
    assert not dock.isVisible()
    view_menu_action(app, name).trigger()
    qtbot.waitUntil(dock.isVisible, timeout=TIMEOUT)


def train_to(qtbot, app: Assembly, epochs: int):
    """Play until every run stands at ``epochs``; the last snapshot shown."""
    c = app.controller
    c.set_stop_conditions(StopConditions(max_epochs=epochs))
    with qtbot.waitSignal(
        c.snapshot_shown,
        timeout=TIMEOUT,
        check_params_cb=lambda s: not s.running and s.epoch == epochs,
    ) as blocker:
        c.play()
    return blocker.args[0]


def known_model(w1, b1, w2, b2, activation: str = "tanh") -> Model:
    """A 2-k-1 binary classifier on the raw coordinates (no scaling) with these weights."""
    w1, w2 = np.asarray(w1, float), np.asarray(w2, float)
    config = ModelConfig(
        features=("x1", "x2"), hidden=(w1.shape[1],), activations=(activation,), task="binary"
    )
    params = np.concatenate([np.ravel(a) for a in (w1, b1, w2, b2)])
    return Model.from_params(config, FeatureMap.identity(("x1", "x2")), params)


def import_weights(qtbot, app: Assembly, model: Model, tmp_path: Path):
    """Load ``model``'s weights through File > Import Weights; the snapshot shown of them."""
    path = tmp_path / "known.npz"
    save_weights(model, path)
    app.files.dialogs.next_open = str(path)
    with qtbot.waitSignal(
        app.controller.snapshot_shown,
        timeout=TIMEOUT,
        check_params_cb=lambda s: s.run_id == app.controller.run_id and s.points is not None,
    ) as blocker:
        app.window.menu_actions["import_weights"].trigger()
    return blocker.args[0]


def trainer_on_window_data(app: Assembly, model: Model) -> Trainer:
    """A trainer of its own for a copy of ``model`` on the window's points (not the window's)."""
    d = app.controller.data_model.dataset
    return Trainer(model.copy(), TrainConfig(), d.train_x, d.train_y, d.test_x, d.test_y)
