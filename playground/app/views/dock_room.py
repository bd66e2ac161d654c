"""Where a side dock opened from the View menu (or ``--show``) goes, and how much room it gets.

A lens opens beside the others of its column, or as a tab of the column's last dock
when stacking would not fit at every dock's minimum height; a stacked one gets half of
the column's height and the column a third of the window's width.
"""

from __future__ import annotations

from collections.abc import Collection

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QMainWindow

SIDES = (Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea)


def side_column(window: QMainWindow, area: Qt.DockWidgetArea) -> list[QDockWidget]:
    """The open docks of a side area (the lesson panel's too, not only registered ones)."""
    return [
        other
        for other in window.findChildren(QDockWidget)
        if other.isVisibleTo(window) and not other.isFloating()
        and window.dockWidgetArea(other) == area
    ]  # fmt: skip


def tab_if_crowded(
    window: QMainWindow, dock: QDockWidget, tab_with: Collection[QDockWidget]
) -> None:
    """Open ``dock`` as a tab of the column's last dock of ``tab_with`` if stacking would not fit.

    Stacked, every dock of the column keeps at least its minimum height, which on a
    small screen would take the height from the plots below the column. Docks outside
    ``tab_with`` (a lesson's panel) are never hidden behind a tab.
    """
    area = window.dockWidgetArea(dock)
    column = [other for other in side_column(window, area) if other is not dock]
    if area not in SIDES or dock.isFloating() or not column:
        return
    room = sum(other.height() for other in column)
    need = sum(other.minimumSizeHint().height() for other in [*column, dock])
    hosts = [other for other in column if other in tab_with]
    if need > room and hosts:
        window.tabifyDockWidget(hosts[-1], dock)


def make_room(window: QMainWindow, dock: QDockWidget) -> None:
    """Give a newly opened side dock a third of the width and, stacked, half its column."""
    area = window.dockWidgetArea(dock)
    if area not in SIDES or dock.isFloating() or not dock.isVisibleTo(window):
        return
    window.resizeDocks([dock], [window.width() // 3], Qt.Orientation.Horizontal)
    column = side_column(window, area)
    tabbed = [other for other in window.tabifiedDockWidgets(dock) if other.isVisibleTo(window)]
    if len(column) > 1 and not tabbed:
        height = sum(other.height() for other in column)
        window.resizeDocks([dock], [height // 2], Qt.Orientation.Vertical)
