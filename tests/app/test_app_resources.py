"""The application carries the icon and the style sheet from resources/."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from playground.app.launch import application
from playground.app.resources import STYLE, resource_path


def test_window_has_the_app_icon_and_style(app) -> None:
    qt_app = application()
    try:
        assert not qt_app.windowIcon().isNull()
        assert not app.window.windowIcon().isNull()
        path = resource_path(STYLE)
        assert path is not None
        assert QApplication.instance().styleSheet() == path.read_text(encoding="utf-8")
    finally:
        qt_app.setStyleSheet("")
