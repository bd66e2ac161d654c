"""The File menu through its real actions: weights, sessions, CSV, images, recent files, closing."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QFileDialog, QWidget

from playground.app.assembly import Assembly, assemble
from playground.app.documents.file_actions import Dialogs
from playground.core.files import load_weights

TIMEOUT = 20_000


def _train_epochs(qtbot, app: Assembly, epochs: int) -> None:
    """Step ``epochs`` epochs through the Step action and wait for the last one."""
    for _ in range(epochs):
        target = app.controller.epoch + 1
        with qtbot.waitSignal(
            app.controller.snapshot_shown,
            timeout=TIMEOUT,
            check_params_cb=lambda s, t=target: s.epoch >= t and not s.running,
        ):
            app.window.menu_actions["step"].trigger()


def test_export_weights_then_import_them_back(qtbot, app: Assembly, tmp_path: Path) -> None:
    _train_epochs(qtbot, app, 3)
    trained = app.controller.current_model()
    assert trained is not None
    trained_loss = app.controller.history.column("train_loss")[-1]
    trained_norms = app.controller.history.column("grad_norms")[-1]
    path = tmp_path / "weights.npz"
    app.files.dialogs.next_save = str(path)
    app.window.menu_actions["export_weights"].trigger()
    assert path.exists()
    assert load_weights(path).epoch == 3

    with qtbot.waitSignal(app.controller.run_started, timeout=TIMEOUT):
        app.window.menu_actions["reset"].trigger()
    with qtbot.waitSignal(app.controller.snapshot_shown, timeout=TIMEOUT):
        pass
    reset = app.controller.current_model()
    assert not np.array_equal(reset.network.params, trained.network.params)

    app.files.dialogs.next_open = str(path)
    with qtbot.waitSignal(
        app.controller.snapshot_shown,
        timeout=TIMEOUT,
        check_params_cb=lambda s: s.run_id == app.controller.run_id,
    ):
        app.window.menu_actions["import_weights"].trigger()
    loaded = app.controller.current_model()
    np.testing.assert_array_equal(loaded.network.params, trained.network.params)
    assert app.controller.epoch == 3
    # The file has no history: the window measures the loaded weights at their epoch.
    history = app.controller.history
    assert list(history.column("epoch")) == [3]
    assert history.column("train_loss")[0] == pytest.approx(trained_loss, rel=1e-9)
    assert history.column("grad_norms")[0].shape == trained_norms.shape
    assert np.all(history.column("grad_norms")[0] > 0)
    status = app.window.status_loss.text()
    assert "not trained" not in status and "loss" in status, status
    assert "epoch 3" in app.window.status_epoch.text()
    points = np.array([[0.0, 0.0], [4.0, -3.0]])
    np.testing.assert_allclose(loaded.predict_proba(points), trained.predict_proba(points))


def test_json_weights_round_trip(qtbot, app: Assembly, tmp_path: Path) -> None:
    _train_epochs(qtbot, app, 1)
    path = tmp_path / "w.json"
    assert app.files.export_weights(path)
    assert load_weights(path).model.network.sizes == app.controller.current_model().network.sizes


def test_bad_weight_file_shows_a_dialog_and_changes_nothing(qtbot, app: Assembly, tmp_path) -> None:
    _train_epochs(qtbot, app, 1)
    before = app.controller.current_model().network.get_params()
    run_id = app.controller.run_id
    bad = tmp_path / "bad.npz"
    bad.write_bytes(b"PK\x03\x04 this is not a zip archive")
    app.files.dialogs.next_open = str(bad)
    app.window.menu_actions["import_weights"].trigger()
    assert app.files.dialogs.errors and "bad.npz" in app.files.dialogs.errors[-1][1]
    assert app.controller.run_id == run_id
    np.testing.assert_array_equal(app.controller.current_model().network.params, before)


def test_session_round_trip_restores_data_settings_weights_history(
    qtbot, app: Assembly, tmp_path: Path
) -> None:
    c = app.controller
    c.set_train_config(c.train_config.with_changes(learning_rate=0.1, l2=0.001))
    _train_epochs(qtbot, app, 3)
    saved_data = c.data_model.dataset
    saved_params = c.current_model().network.get_params()
    saved_loss = np.array(c.history.column("train_loss"))
    path = tmp_path / "s.mlps"
    app.files.dialogs.next_save = str(path)
    app.window.menu_actions["save_session_as"].trigger()
    assert path.exists() and not c.unsaved

    app.files.new_document()
    assert len(c.history) == 0

    app.files.dialogs.next_open = str(path)
    with qtbot.waitSignal(
        c.snapshot_shown, timeout=TIMEOUT, check_params_cb=lambda s: s.run_id == c.run_id
    ):
        app.window.menu_actions["open_session"].trigger()
    np.testing.assert_array_equal(c.data_model.dataset.x, saved_data.x)
    np.testing.assert_array_equal(c.data_model.dataset.is_test, saved_data.is_test)
    assert c.train_config.learning_rate == 0.1 and c.train_config.l2 == 0.001
    np.testing.assert_array_equal(c.current_model().network.params, saved_params)
    np.testing.assert_array_equal(c.history.column("train_loss"), saved_loss)
    assert c.epoch == 3
    assert app.window.windowTitle().startswith("s.mlps")


def test_csv_export_then_import_is_undoable(qtbot, app: Assembly, tmp_path: Path) -> None:
    c = app.controller
    path = tmp_path / "data.csv"
    assert app.files.export_csv(path)
    original = c.data_model.dataset
    c.data_model.clear()
    assert len(c.data_model.dataset) == 0
    assert app.files.import_csv(path)
    np.testing.assert_allclose(c.data_model.dataset.x, original.x)
    c.data_model.undo_stack.undo()
    assert len(c.data_model.dataset) == 0


def test_export_images_png_and_svg(qtbot, app: Assembly, tmp_path: Path) -> None:
    for which in ("canvas", "loss", "gradients", "network", "window"):
        for suffix in (".png", ".svg"):
            path = tmp_path / f"{which}{suffix}"
            assert app.files.export_image(which, path), app.files.dialogs.errors
            assert path.stat().st_size > 100
    assert (tmp_path / "canvas.svg").read_text(encoding="utf-8").lstrip().startswith("<?xml")


def test_unsaved_work_prompts_before_closing(qtbot, app: Assembly) -> None:
    app.controller.data_model.clear()
    assert app.controller.unsaved
    app.files.dialogs.save_answer = "cancel"
    app.window.close()
    assert app.files.dialogs.asked_to_save == 1
    assert app.window.isVisible() and app.controller.worker.is_running()
    app.files.dialogs.save_answer = "discard"
    app.window.close()
    assert not app.window.isVisible()
    assert not app.controller.worker.is_running()


def test_recent_files_and_layout_are_remembered(qtbot, tmp_path: Path) -> None:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    first = assemble(settings)
    qtbot.addWidget(first.window)
    first.controller.start()
    first.files.save_session(tmp_path / "a.mlps")
    first.window.docks["loss"].hide()
    first.controller.set_train_config(first.controller.train_config.with_changes(batch_size=7))
    first.controller.unsaved = False
    first.window.close()
    assert not first.controller.worker.is_running()

    second = assemble(settings)
    qtbot.addWidget(second.window)
    assert second.files.recent_files() == [str((tmp_path / "a.mlps").resolve())]
    assert [a.text() for a in second.window.recent_menu.actions()] == ["a.mlps"]
    assert second.controller.train_config.batch_size == 7
    assert second.window.docks["loss"].isHidden()
    second.controller.shutdown()


class _FakeFileDialog:
    """Stands in for QFileDialog's static functions: answers ``path``, notes where it opened."""

    def __init__(self) -> None:
        self.path = ""
        self.opened_in: list[str] = []

    def answer(self, parent, title, directory, filters):
        self.opened_in.append(directory)
        return self.path, filters.split(";;")[0]


def test_file_dialogs_open_in_the_last_folder_used(qtbot, tmp_path: Path, monkeypatch) -> None:
    fake = _FakeFileDialog()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", fake.answer)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", fake.answer)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    for remembered in (settings, None):
        parent = QWidget()
        qtbot.addWidget(parent)
        dialogs = Dialogs(parent, remembered)
        folder = tmp_path / ("kept" if remembered else "this-run")
        folder.mkdir()
        fake.path = str(folder / "points.csv")
        picked = dialogs.open_path("Import dataset", "CSV datasets (*.csv)")
        assert fake.opened_in[-1] == ""  # the first dialog opens in the working folder
        assert picked is not None and Path(picked).resolve() == (folder / "points.csv").resolve()

        fake.path = str(folder / "weights.npz")
        picked = dialogs.save_path("Export weights", "NumPy weights (*.npz)", "weights.npz")
        assert Path(fake.opened_in[-1]) == folder.resolve() / "weights.npz"
        assert picked is not None and Path(picked).parent.resolve() == folder.resolve()

    parent = QWidget()
    qtbot.addWidget(parent)
    again = Dialogs(parent, QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    assert Path(again.last_folder).resolve() == (tmp_path / "kept").resolve()
    assert Dialogs(parent, None).last_folder == ""


def test_a_session_brings_back_its_generator_settings(qtbot, app: Assembly, tmp_path: Path) -> None:
    c, panel = app.controller, app.window.data_panel
    panel.set_generator("spiral", 300, 0.2, 7)
    with qtbot.waitSignal(c.run_started, timeout=TIMEOUT):
        qtbot.mouseClick(panel.regenerate_button, Qt.MouseButton.LeftButton)
    path = tmp_path / "spiral.mlps"
    app.files.dialogs.next_save = str(path)
    app.window.menu_actions["save_session_as"].trigger()
    app.files.new_document()
    assert panel.generator()[0] == "circle"

    app.files.dialogs.next_open = str(path)
    with qtbot.waitSignal(c.run_started, timeout=TIMEOUT):
        app.window.menu_actions["open_session"].trigger()
    assert panel.generator() == ("spiral", 300, 0.2, 7)
