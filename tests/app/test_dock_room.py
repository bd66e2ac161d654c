"""Lenses opened from the View menu stack in their column when they fit, else open as tabs.

Stacked, every dock keeps its minimum height: on a 1280×800 window two lenses in one
column took the height from the loss and gradient plots below, leaving them no room.
"""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from playground.app.assembly import Assembly


def _open_from_view_menu(qtbot, app: Assembly, name: str) -> None:
    w = app.window
    action = w.docks[name].toggleViewAction()
    menus = [entry.menu() for entry in w.menuBar().actions() if entry.menu() is not None]
    assert any(action in menu.actions() for menu in menus)
    action.trigger()  # what a click on the View menu's entry does
    qtbot.waitUntil(lambda: w.docks[name].isVisible())
    for _ in range(3):  # the dock is given its room in the next event-loop turn
        QApplication.processEvents()


def test_a_second_lens_on_a_small_window_opens_as_a_tab(qtbot, app: Assembly) -> None:
    w = app.window
    loss_height = w.docks["loss"].height()
    _open_from_view_menu(qtbot, app, "lens_backprop")
    _open_from_view_menu(qtbot, app, "lens_hidden_space")
    tabbed = w.tabifiedDockWidgets(w.docks["lens_hidden_space"])
    assert w.docks["lens_backprop"] in tabbed
    assert not w.docks["lens_hidden_space"].visibleRegion().isEmpty()  # the new one in front
    # The plots keep most of their height (stacked, they were left about a third of it).
    assert w.docks["loss"].height() >= 0.8 * loss_height


def test_lenses_stack_where_the_column_has_room(qtbot, app: Assembly) -> None:
    w = app.window
    w.resize(1600, 1400)
    qtbot.waitUntil(lambda: w.height() >= 1000)
    _open_from_view_menu(qtbot, app, "lens_backprop")
    _open_from_view_menu(qtbot, app, "lens_hidden_space")
    assert not w.tabifiedDockWidgets(w.docks["lens_hidden_space"])
    both = [w.docks["lens_backprop"], w.docks["lens_hidden_space"]]
    assert all(not d.visibleRegion().isEmpty() for d in both)
    assert both[0].geometry().bottom() <= both[1].geometry().top()  # one above the other
