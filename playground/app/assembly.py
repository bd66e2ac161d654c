"""Build the window, the controller and the file actions, and remember settings between runs."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSettings

from playground.app import documents
from playground.app.controller import Controller
from playground.app.file_actions import FileActions
from playground.app.main_window import MainWindow
from playground.app.worker import TrainingWorker
from playground.core.fileio import (
    model_config_dict,
    model_config_from_dict,
    train_config_dict,
    train_config_from_dict,
)

SETTINGS_VERSION = 1


@dataclass
class Assembly:
    """The parts of one running window."""

    window: MainWindow
    controller: Controller
    files: FileActions
    settings: QSettings | None

    def open(self, preset: str | None = None, session_path: str | Path | None = None) -> None:
        """Start on a session file, a preset, or the default example."""
        if session_path is not None:
            from playground.core.sessions import load_session

            session = load_session(session_path)  # raises before anything changes
            self.controller.start()
            documents.apply_session(self.controller, session)
            self.files.session_path = Path(session_path)
            self.files._remember_recent(str(session_path))
            return
        if preset is not None:
            self.controller.start(preset=preset)
        else:
            self.controller.start()

    def close_guard(self) -> bool:
        """Runs when the window closes: unsaved work, settings, then the thread."""
        if not self.files.confirm_discard():
            return False
        if self.settings is not None:
            self.window.save_layout(self.settings)
            self.settings.setValue("version", SETTINGS_VERSION)
            model = model_config_dict(self.controller.model_config)
            self.settings.setValue("last/model", json.dumps(model))
            self.settings.setValue(
                "last/train", json.dumps(train_config_dict(self.controller.train_config))
            )
            self.settings.sync()
        self.controller.shutdown()
        return True


def assemble(settings: QSettings | None = None, worker: TrainingWorker | None = None) -> Assembly:
    """Create a window wired to a worker; ``settings`` None means remember nothing."""
    window = MainWindow()
    controller = Controller(window, worker)
    files = FileActions(window, controller, settings)
    parts = Assembly(window, controller, files, settings)
    if settings is not None and settings.value("version") == SETTINGS_VERSION:
        window.restore_layout(settings)
        _restore_last_settings(controller, settings)
    window.set_close_guard(parts.close_guard)
    return parts


def _restore_last_settings(controller: Controller, settings: QSettings) -> None:
    """Reuse the previous run's settings; anything unreadable is ignored."""
    try:
        model = model_config_from_dict(json.loads(str(settings.value("last/model", ""))))
        train = train_config_from_dict(json.loads(str(settings.value("last/train", ""))))
    except (ValueError, TypeError):
        return
    controller.train_config = train
    controller.model_config = model  # the data's task, once loaded, adjusts the head
