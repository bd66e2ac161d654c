"""Build the window, the controller and the file actions, and remember settings between runs."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSettings

from playground.app.controller import Controller
from playground.app.documents import sessions as documents
from playground.app.documents.file_actions import FileActions
from playground.app.lesson_wiring import LessonWiring
from playground.app.overlay_wiring import wire_overlay
from playground.app.present.registry import VIEWS, ViewSpec
from playground.app.training.worker import TrainingWorker
from playground.app.views.main_window import MainWindow
from playground.core.fileio import (
    model_config_dict,
    model_config_from_dict,
    train_config_dict,
    train_config_from_dict,
)
from playground.core.losses import LOSSES
from playground.core.settings import AUTO_LOSS

SETTINGS_VERSION = 1


@dataclass
class Assembly:
    """The parts of one running window."""

    window: MainWindow
    controller: Controller
    files: FileActions
    settings: QSettings | None
    layout_restored: bool = False

    def open(self, preset: str | None = None, session_path: str | Path | None = None) -> None:
        """Start on a session file, a preset, or the default example."""
        if session_path is not None:
            from playground.core.sessions import load_session

            session = load_session(session_path)  # raises before anything changes
            self.controller.start()
            documents.apply_session(self.controller, session)
            self.files.session_path = Path(session_path)
            self.files._remember_recent(str(session_path))
            self.files.mark_clean(session.epoch)
            return
        if preset is not None:
            self.controller.start(preset=preset)
        else:
            self.controller.start()
        self.files.mark_clean()

    def close_guard(self) -> bool:
        """Runs when the window closes: unsaved work, settings, then the thread."""
        if not self.files.confirm_discard():
            return False
        if self.settings is not None:
            save_settings(self.settings, self.window, self.controller)
        self.controller.shutdown()
        return True


def assemble(
    settings: QSettings | None = None,
    worker: TrainingWorker | None = None,
    views: Sequence[ViewSpec] = VIEWS,
) -> Assembly:
    """Create a window wired to a worker; ``settings`` None means remember nothing.

    ``views`` are the registry entries the window docks and presents (default: all).
    """
    window = MainWindow(views)
    window.language_settings = settings  # View > Language remembers the choice here
    controller = Controller(window, worker)
    wire_overlay(controller)  # the activation lens's "Shade on canvas"
    files = FileActions(window, controller, settings)
    LessonWiring(controller, files)  # the Lessons menu, the lesson panel, Save as Lesson...
    parts = Assembly(window, controller, files, settings)
    if settings is not None and settings_version(settings) == SETTINGS_VERSION:
        parts.layout_restored = window.restore_layout(settings)
        restore_last_settings(controller, settings)
    window.set_close_guard(parts.close_guard)
    return parts


def settings_version(settings: QSettings) -> int | None:
    """The stored settings format, or None.

    Formats that store text (the ini and the Unix native ones) give back every
    number as a string, so ``1`` comes back as ``'1'``.
    """
    try:
        return int(str(settings.value("version")))
    except ValueError:
        return None


def save_settings(settings: QSettings, window: MainWindow, controller: Controller) -> None:
    """Remember the layout and the last model and training settings."""
    window.save_layout(settings)
    settings.setValue("version", SETTINGS_VERSION)
    settings.setValue("last/model", json.dumps(model_config_dict(controller.model_config)))
    settings.setValue("last/train", json.dumps(train_config_dict(controller.train_config)))
    settings.setValue("last/loss_choice", controller.loss_choice)
    settings.sync()


def restore_last_settings(controller: Controller, settings: QSettings) -> bool:
    """Reuse the previous run's settings (shown once the controller starts).

    Anything unreadable is ignored, and the defaults stay.
    """
    try:
        model = model_config_from_dict(json.loads(str(settings.value("last/model", ""))))
        train = train_config_from_dict(json.loads(str(settings.value("last/train", ""))))
    except (ValueError, TypeError, KeyError, AttributeError):
        return False
    loss_choice = str(settings.value("last/loss_choice", AUTO_LOSS))
    controller.train_config = train
    controller.model_config = model  # the data's task, once loaded, adjusts the head
    controller.loss_choice = loss_choice if loss_choice in LOSSES else AUTO_LOSS
    return True
