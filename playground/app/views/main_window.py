"""The main window: arranges the panels, owns the menus and actions, holds no logic.

The controller connects to the widgets and to the actions in ``self.menu_actions``;
the window only lays things out, shows messages and asks its close guard before
closing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial

from PySide6.QtCore import QByteArray, QCoreApplication, QEvent, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from playground.app import i18n
from playground.app.views import dock_room
from playground.app.views.banner import Banner, BannerSlot
from playground.app.views.canvas.canvas import DataCanvas
from playground.app.views.key_routing import ShortcutRouter
from playground.app.views.network_view import NetworkView
from playground.app.views.panels.data_panel import DataPanel
from playground.app.views.panels.hyper_panel import HyperPanel
from playground.app.views.panels.transport import TransportBar
from playground.app.views.plots.gradient_plot import GradientPlot
from playground.app.views.plots.loss_plot import LossPlot
from playground.app.views.registry import DockedView
from playground.app.views.scrubber import Scrubber
from playground.app.views.window_texts import (
    MENUS,
    SHORTCUTS,
    Key,
    action_text,
    action_tip,
    shortcuts_html,
    window_actions,
)

LAYOUT_VERSION = 1
_STD = QKeySequence.StandardKey
__all__ = ["SHORTCUTS", "MainWindow", "key_sequences", "standard_keys"]

UNDO_KEYS: tuple[Key, ...] = ("Ctrl+Z", _STD.Undo)
REDO_KEYS: tuple[Key, ...] = ("Ctrl+Shift+Z", "Ctrl+Y", _STD.Redo)


def standard_keys(key: QKeySequence.StandardKey) -> list[QKeySequence]:
    """The platform's bindings of a standard key (some platforms have none, e.g. for Quit)."""
    return list(QKeySequence.keyBindings(key))


def key_sequences(keys: tuple[Key, ...]) -> list[QKeySequence]:
    """Each sequence once, in order; a standard key adds every binding of the platform.

    Giving one action the same sequence twice makes Qt call the shortcut ambiguous
    and do nothing ("Ambiguous shortcut overload"), which is how Ctrl+Shift+Z was
    lost on platforms whose Redo binding is Ctrl+Shift+Z itself.
    """
    out: list[QKeySequence] = []
    for key in keys:
        found = [QKeySequence(key)] if isinstance(key, str) else standard_keys(key)
        out += [seq for seq in found if not seq.isEmpty() and seq not in out]
    return out


class MainWindow(QMainWindow):
    """Panels and ``views`` (the registry's entries) docked around the diagram and canvas."""

    def __init__(self, views: Sequence[DockedView], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view_specs: tuple[DockedView, ...] = tuple(views)
        self._actions = window_actions(self.view_specs)
        self.setWindowTitle("MLP Playground")  # File actions add the session's name
        self.setObjectName("main_window")
        self.setDockOptions(
            QMainWindow.DockOption.AnimatedDocks | QMainWindow.DockOption.AllowTabbedDocks
        )
        self._close_guard: Callable[[], bool] | None = None

        self.canvas = DataCanvas()
        self.network_view = NetworkView()
        self.data_panel = DataPanel()
        self.hyper_panel = HyperPanel()
        self.transport = TransportBar()
        #: Every registered view (see :attr:`view_specs`), by name.
        self.views: dict[str, QWidget] = {spec.name: spec.factory() for spec in views}
        self.scrubber = Scrubber()

        # Messages appear in a slot of their own beside the transport controls, which
        # is there whether or not a message shows, so nothing moves under the cursor.
        self.banner = Banner()
        self.banner_slot = BannerSlot(self.banner)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.network_view)
        self.splitter.addWidget(self.canvas)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(4, 4, 4, 0)
        layout.setSpacing(4)
        layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)

        self._toolbars: dict[str, QToolBar] = {}
        self._toolbars["transport"] = toolbar = QToolBar()
        toolbar.setObjectName("transport_toolbar")
        toolbar.setMovable(False)
        self.transport.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Preferred)
        toolbar.addWidget(self.transport)
        toolbar.addWidget(self.banner_slot)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, toolbar)
        # The history scrubber spans the window under the plots.
        self._toolbars["history"] = history = QToolBar()
        history.setObjectName("history_toolbar")
        history.setMovable(False)
        history.addWidget(self.scrubber)
        self.addToolBar(Qt.ToolBarArea.BottomToolBarArea, history)

        self.docks: dict[str, QDockWidget] = {}
        self._add_dock("data", _scrolled(self.data_panel), Qt.DockWidgetArea.LeftDockWidgetArea)
        self._add_dock(
            "training", _scrolled(self.hyper_panel), Qt.DockWidgetArea.LeftDockWidgetArea
        )
        for spec in self.view_specs:
            self._add_dock(spec.name, self.views[spec.name], spec.area)
            if spec.beside is not None:
                self.splitDockWidget(
                    self.docks[spec.beside], self.docks[spec.name], Qt.Orientation.Horizontal
                )
        for spec in self.view_specs:
            if not spec.visible:  # opened from the View menu (or --show)
                self.docks[spec.name].hide()
        self.tabifyDockWidget(self.docks["data"], self.docks["training"])
        self.docks["data"].raise_()
        self.setCorner(Qt.Corner.BottomLeftCorner, Qt.DockWidgetArea.LeftDockWidgetArea)
        self.setCorner(Qt.Corner.TopLeftCorner, Qt.DockWidgetArea.LeftDockWidgetArea)

        self.status_epoch = QLabel()
        self.status_loss = QLabel()
        self.status_speed = QLabel()
        for label in (self.status_epoch, self.status_loss, self.status_speed):
            self.statusBar().addPermanentWidget(label)

        self.menu_actions: dict[str, QAction] = {}
        self.recent_menu = QMenu(self)
        #: View > Language: one checkable action per language, "" for the system's.
        self.language_actions: dict[str, QAction] = {}
        self._language_settings: QSettings | None = None
        self._language_choice: str | None = None
        self._build_menus()
        self.retranslate_ui()
        self._shortcut_router = ShortcutRouter(self)
        self.resize(1280, 800)
        self._size_docks()
        self._default_state = self.saveState(LAYOUT_VERSION)
        self.set_comparing(False)

    @property
    def loss_plot(self) -> LossPlot:
        """The loss and accuracy curves."""
        view = self.views["loss"]
        assert isinstance(view, LossPlot)
        return view

    @property
    def gradient_plot(self) -> GradientPlot:
        """The per-layer gradient-norm curves."""
        view = self.views["gradients"]
        assert isinstance(view, GradientPlot)
        return view

    def show_view(self, name: str) -> None:
        """Open view ``name``'s dock and bring it to the front.

        A side dock opened here or from the View menu is placed by :mod:`.dock_room`:
        stacked in its column with room, or as a tab where stacking would not fit.
        """
        dock = self.docks[name]
        was = dock.isVisibleTo(self)
        dock.show()
        if not was:
            self._place(dock)
        dock.raise_()

    def _place(self, dock: QDockWidget, opened: bool = True) -> None:
        if opened:
            dock_room.tab_if_crowded(self, dock, list(self.docks.values()))
            dock.raise_()
            QTimer.singleShot(0, self, lambda: dock_room.make_room(self, dock))

    def set_comparing(self, comparing: bool) -> None:
        """Show the compare-only views (and their View menu entries) while comparing."""
        was = self.docks["runs"].isVisibleTo(self)
        for spec in self.view_specs:
            if spec.compare_only:
                dock = self.docks[spec.name]
                dock.setVisible(comparing)
                dock.toggleViewAction().setVisible(comparing)
        self.menu_actions["end_compare"].setEnabled(comparing)
        if comparing and not was:  # the tiles take a third of the width, the canvas keeps room
            self.resizeDocks([self.docks["runs"]], [self.width() // 3], Qt.Orientation.Horizontal)

    def _size_docks(self) -> None:
        """Give the diagram and canvas most of the room, the plots a strip below."""
        height = max(200, int(self.height() * 0.3))
        self.resizeDocks([self.docks["loss"]], [height], Qt.Orientation.Vertical)
        self.resizeDocks([self.docks["data"]], [290], Qt.Orientation.Horizontal)

    # -- construction ---------------------------------------------------------------------
    def _add_dock(self, name: str, widget: QWidget, area: Qt.DockWidgetArea) -> None:
        dock = QDockWidget(self)
        dock.setObjectName(f"dock_{name}")
        dock.setWidget(widget)
        dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
        )
        self.addDockWidget(area, dock)
        self.docks[name] = dock

    def _build_menus(self) -> None:
        bar = self.menuBar()
        menus = {name: bar.addMenu("") for name in ("file", "edit", "train", "view", "help")}
        menus["image"] = QMenu(self)
        menus["recent"] = self.recent_menu
        menus["language"] = QMenu(self)
        self._menus = menus
        for name, (menu, _text, keys, _tip) in self._actions.items():
            action = QAction(self)
            action.setObjectName(f"action_{name}")
            if keys:
                action.setShortcuts(key_sequences(keys))
                action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            self.addAction(action)
            self.menu_actions[name] = action
            if name == "import_csv":
                menus["file"].addSeparator()
            if name in ("import_weights", "quit"):
                menus["file"].addSeparator()
            if name == "quit":
                menus["file"].addMenu(menus["image"])
                menus["file"].addSeparator()
            menus[menu].addAction(action)
            if name == "open_session":
                menus["file"].addMenu(self.recent_menu)
        self.menu_actions["quit"].triggered.connect(self.close)
        for dock in self.docks.values():
            menus["view"].addAction(dock.toggleViewAction())
            dock.toggleViewAction().triggered.connect(partial(self._place, dock))
        menus["view"].addSeparator()
        menus["view"].addAction(self.menu_actions["reset_layout"])
        menus["view"].addMenu(menus["language"])
        self._build_language_menu(menus["language"])
        self.menu_actions["reset_layout"].triggered.connect(self.reset_layout)
        self.menu_actions["shortcuts"].triggered.connect(self.show_shortcuts)
        self.menu_actions["about"].triggered.connect(self.show_about)
        self._edit_menu = menus["edit"]

    def _build_language_menu(self, menu: QMenu) -> None:
        """System default, then every language by its own name; one is checked."""
        group = QActionGroup(self)
        group.setExclusive(True)
        for code in ("", *i18n.available_languages()):
            action = QAction(self)
            action.setObjectName(f"action_language_{code or 'system'}")
            action.setCheckable(True)
            group.addAction(action)
            menu.addAction(action)
            if not code:
                menu.addSeparator()
            action.triggered.connect(lambda _=False, c=code: self.choose_language(c or None))
            self.language_actions[code] = action
        self.language_actions[""].setChecked(True)

    # -- language -------------------------------------------------------------------------
    @property
    def language_settings(self) -> QSettings | None:
        """Where View > Language remembers its choice (None: nowhere)."""
        return self._language_settings

    @language_settings.setter
    def language_settings(self, settings: QSettings | None) -> None:
        self._language_settings = settings
        self._language_choice = i18n.saved_language(settings)
        self._check_language()

    def choose_language(self, language: str | None) -> None:
        """Speak ``language`` now (None: the system's) and remember the choice."""
        self._language_choice = language
        i18n.set_language(language, self._language_settings)
        self._check_language()

    def _check_language(self) -> None:
        self.language_actions[self._language_choice or ""].setChecked(True)

    def retranslate_ui(self) -> None:
        """Set every title, menu and action text in the current language."""
        for name, menu in self._menus.items():
            menu.setTitle(QCoreApplication.translate("MainWindow", MENUS[name]))
        for name, action in self.menu_actions.items():
            if name in self._actions:
                text, tip = action_text(name, self._actions), action_tip(name, self._actions)
                action.setText(text)
                action.setToolTip(tip or text.replace("&", ""))
                action.setStatusTip(tip)
        for code, action in self.language_actions.items():
            action.setText(i18n.available_languages().get(code) or self.tr("System Default"))
        self.docks["data"].setWindowTitle(self.tr("Data"))
        self.docks["training"].setWindowTitle(self.tr("Training"))
        for spec in self.view_specs:
            self.docks[spec.name].setWindowTitle(QCoreApplication.translate("views", spec.title))
        self._toolbars["transport"].setWindowTitle(self.tr("Transport"))
        self._toolbars["history"].setWindowTitle(self.tr("History"))

    def changeEvent(self, event: QEvent) -> None:
        """Retranslate when the language changes."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def add_undo_actions(self, undo: QAction, redo: QAction) -> None:
        """Put the data model's undo and redo actions at the top of the Edit menu."""
        undo.setShortcuts(key_sequences(UNDO_KEYS))
        redo.setShortcuts(key_sequences(REDO_KEYS))
        for action in (undo, redo):
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            self.addAction(action)
        menu = self._edit_menu
        if menu.actions():
            first = menu.actions()[0]
            menu.insertActions(first, [undo, redo])
            menu.insertSeparator(first)
        else:
            menu.addActions([undo, redo])
            menu.addSeparator()

    # -- help -----------------------------------------------------------------------------
    def show_shortcuts(self) -> None:
        """A table of the keyboard and mouse shortcuts."""
        QMessageBox.information(self, self.tr("Keyboard and mouse"), shortcuts_html())

    def show_about(self) -> None:
        """Version and purpose."""
        from playground import __version__

        text = self.tr(
            "<b>MLP Playground {version}</b><p>See how multilayer perceptrons train: "
            "draw data, stack layers, press Play.</p>"
        )
        QMessageBox.about(self, self.tr("About MLP Playground"), text.format(version=__version__))

    # -- messages and status --------------------------------------------------------------
    def show_banner(self, text: str, level: str = "info") -> None:
        """Show a message beside the transport controls until :meth:`hide_banner`.

        Its slot is always there, so nothing moves; the tooltip holds the whole text.
        """
        self.banner.show_message(text, level)

    def hide_banner(self) -> None:
        """Hide the message banner."""
        self.banner.clear_message()

    def show_status(self, epoch: str, loss: str, speed: str) -> None:
        """Update the permanent status-bar readouts."""
        self.status_epoch.setText(epoch)
        self.status_loss.setText(loss)
        self.status_speed.setText(speed)

    # -- layout memory --------------------------------------------------------------------
    def save_layout(self, settings: QSettings) -> None:
        """Remember geometry, docks and splitter sizes."""
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/state", self.saveState(LAYOUT_VERSION))
        settings.setValue("window/splitter", self.splitter.saveState())

    def restore_layout(self, settings: QSettings) -> bool:
        """Restore what :meth:`save_layout` stored; True when the geometry came back."""
        geometry = settings.value("window/geometry")
        restored = isinstance(geometry, QByteArray) and self.restoreGeometry(geometry)
        state = settings.value("window/state")
        if isinstance(state, QByteArray):
            self.restoreState(state, LAYOUT_VERSION)
        splitter = settings.value("window/splitter")
        if isinstance(splitter, QByteArray):
            self.splitter.restoreState(splitter)
        return restored

    def reset_layout(self) -> None:
        """Put every dock back where it started."""
        for dock in self.docks.values():
            dock.setFloating(False)
            dock.show()
        self.restoreState(self._default_state, LAYOUT_VERSION)
        self._size_docks()

    # -- closing --------------------------------------------------------------------------
    def set_close_guard(self, guard: Callable[[], bool]) -> None:
        """``guard()`` runs on close; returning False keeps the window open."""
        self._close_guard = guard

    def closeEvent(self, event: QCloseEvent) -> None:
        """Ask the guard (unsaved work, running thread) before closing."""
        if self._close_guard is not None and not self._close_guard():
            event.ignore()
            return
        event.accept()


def _scrolled(widget: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidget(widget)
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return area
