"""What the window needs to know of a docked view: the face of one registry entry.

The registry itself, one entry per view with its presenter and pacing too, is
:data:`playground.app.present.registry.VIEWS`; the window is given the entries (see
:class:`~playground.app.views.main_window.MainWindow`) and reads only what
:class:`DockedView` names, so the views never import the present layer.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget


class DockedView(Protocol):
    """A view the window docks: how it is made, where it goes, how it is offered.

    Attributes
    ----------
    name : str
        Its key: ``window.views[name]``, the dock ``dock_<name>``, the action
        ``export_image_<name>``.
    title : str
        The dock's title and the Export Image menu's entry (English; translated in
        the ``views`` context).
    factory : callable
        Makes the widget (once, with the window).
    area : Qt.DockWidgetArea
        Where its dock starts.
    beside : str or None
        A view whose dock this one starts to the right of.
    compare_only : bool
        Shown only while 2–4 runs are compared.
    exportable : bool
        Offered by File > Export Image.
    visible : bool
        Whether its dock is open in the first layout.
    """

    @property
    def name(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def factory(self) -> Callable[[], QWidget]: ...
    @property
    def area(self) -> Qt.DockWidgetArea: ...
    @property
    def beside(self) -> str | None: ...
    @property
    def compare_only(self) -> bool: ...
    @property
    def exportable(self) -> bool: ...
    @property
    def visible(self) -> bool: ...
