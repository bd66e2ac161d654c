"""Wide columns unfolded: which columns draw every unit, and the ways to fold them.

A column of more than :data:`~.layout.MAX_VISIBLE_UNITS` units draws its first ones and a
"+N more" pill. A click on the pill (the view sees it), Enter while the pill has the
keyboard focus, or the entry of the column's context menu unfolds it: every unit is drawn
with its thumbnail, bias pill and edges, and a "show fewer" pill at the bottom folds it
again. The choice belongs to the column while the column exists: a hidden layer keeps its
place when a layer is added after it, and the output column is known as such wherever it
moves. A column that goes away forgets it.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QGraphicsView, QMenu

from playground.app.views.network_view.build import Architecture, Diagram, Key
from playground.app.views.network_view.items import FoldPill
from playground.app.views.network_view.layout import has_pill, visible_count

#: The output column's identity (hidden columns are known by their index, 1 up).
OUTPUT = -1
#: Keys that toggle a focused fold pill.
_TOGGLE_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space)


def column_id(arch: Architecture, column: int) -> int:
    """The identity of a hidden or output column that outlives other layers' edits."""
    return OUTPUT if column == len(arch.hidden) + 1 else column


def column_of(arch: Architecture, ident: int) -> int | None:
    """The column of ``arch`` an identity stands for, or None if it has none."""
    if ident == OUTPUT:
        return len(arch.hidden) + 1
    return ident if 1 <= ident <= len(arch.hidden) else None


class Folding(QObject):
    """The unfolded columns of one diagram, toggled by its pills, keys and context menu."""

    #: The set of unfolded columns changed: the diagram is laid out and built again.
    changed = Signal()

    def __init__(self, view: QGraphicsView) -> None:
        super().__init__(view)
        self._view = view
        self._ids: set[int] = set()
        self._arch: Architecture | None = None
        self._diagram: Diagram | None = None
        self._refocus: int | None = None
        self.menu = QMenu(view)
        self.menu.setObjectName("foldMenu")
        view.installEventFilter(self)

    def set_architecture(self, arch: Architecture) -> None:
        """Follow a new architecture, forgetting the columns it no longer has."""
        self._arch = arch
        self._ids = {ident for ident in self._ids if column_of(arch, ident) is not None}

    def columns(self) -> frozenset[int]:
        """The unfolded columns of the current architecture, by index."""
        arch = self._arch
        if arch is None:
            return frozenset()
        found = (column_of(arch, ident) for ident in self._ids)
        return frozenset(column for column in found if column is not None)

    def is_unfolded(self, column: int) -> bool:
        """Tell whether a column draws every unit."""
        return column in self.columns()

    def toggle(self, column: int, *, focus: bool = False) -> None:
        """Unfold a folded column or fold an unfolded one; ``focus`` keeps the pill focused."""
        arch = self._arch
        if arch is None or not self._foldable(column):
            return
        self._ids ^= {column_id(arch, column)}
        self._refocus = column if focus else None
        self.changed.emit()

    def attach(self, diagram: Diagram) -> None:
        """Take the items of a new build; a pill toggled from the keyboard keeps the focus."""
        self._diagram = diagram
        column, self._refocus = self._refocus, None
        pill = diagram.summaries.get(column) if column is not None else None
        if pill is not None:
            pill.setFocus()
            self._view.ensureVisible(pill, 10, 10)

    def context_menu(self, key: Key | None, at: QPoint) -> bool:
        """Offer to fold or unfold the wide column of ``key`` at global ``at``; False if none."""
        arch = self._arch
        if arch is None or key is None or key[0] not in ("fold", "node"):
            return False
        column = int(key[1])
        if not self._foldable(column):
            return False
        units = arch.column_units()[column]
        self.menu.clear()
        if self.is_unfolded(column):
            text = QCoreApplication.translate("NetworkDiagram", "Draw only the first {n} units")
            text = text.format(n=visible_count(units))
        else:
            text = QCoreApplication.translate("NetworkDiagram", "Draw all {units} units")
            text = text.format(units=units)
        action = self.menu.addAction(text)
        action.triggered.connect(lambda: self.toggle(column))
        self.menu.popup(at)
        return True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter (or Space) on a focused fold pill toggles its column."""
        if watched is self._view and event.type() == QEvent.Type.KeyPress:
            scene = self._view.scene()
            item = scene.focusItem() if scene is not None else None
            if isinstance(item, FoldPill) and isinstance(event, QKeyEvent):
                plain = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
                if event.key() in _TOGGLE_KEYS and plain == Qt.KeyboardModifier.NoModifier:
                    self.toggle(item.column, focus=True)
                    return True
        return super().eventFilter(watched, event)

    def _foldable(self, column: int) -> bool:
        """Tell whether a column of the current architecture is wide enough to fold."""
        arch = self._arch
        units = arch.column_units() if arch is not None else []
        return 1 <= column < len(units) and has_pill(units[column])
