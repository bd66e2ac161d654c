"""The main window: arranges the panels, owns the menus and actions, holds no logic.

The controller connects to the widgets and to the actions in ``self.menu_actions``;
the window only lays things out, shows messages and asks its close guard before
closing.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QByteArray, QSettings, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
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

from playground.app.views.banner import Banner, BannerSlot
from playground.app.views.canvas.canvas import DataCanvas
from playground.app.views.key_routing import ShortcutRouter
from playground.app.views.network_view import NetworkView
from playground.app.views.panels.data_panel import DataPanel
from playground.app.views.panels.hyper_panel import HyperPanel
from playground.app.views.panels.transport import TransportBar
from playground.app.views.plots.gradient_plot import GradientPlot
from playground.app.views.plots.loss_plot import LossPlot
from playground.app.views.registry import VIEWS
from playground.app.views.scrubber import Scrubber

LAYOUT_VERSION = 1


Key = QKeySequence.StandardKey | str
_STD = QKeySequence.StandardKey

# name: (menu, text, shortcuts, tooltip)
_ACTIONS: dict[str, tuple[str, str, tuple[Key, ...], str]] = {
    "new": ("file", "&New", ("Ctrl+N", _STD.New), "Start again from the default example"),
    "open_session": ("file", "&Open Session…", ("Ctrl+O", _STD.Open), ""),
    "save_session": ("file", "&Save Session", ("Ctrl+S", _STD.Save), ""),
    "save_session_as": ("file", "Save Session &As…", ("Ctrl+Shift+S", _STD.SaveAs), ""),
    "import_csv": ("file", "&Import Dataset (CSV)…", ("Ctrl+I",), ""),
    "export_csv": ("file", "&Export Dataset (CSV)…", ("Ctrl+E",), ""),
    "import_weights": ("file", "Import &Weights…", (), "Load weights to continue or inspect"),
    "export_weights": ("file", "Export W&eights…", ("Ctrl+Shift+E",), ".npz or .json"),
    "export_image_window": ("image", "Whole &Window…", (), ""),
    "export_image_canvas": ("image", "&Data Canvas…", (), ""),
    "export_image_network": ("image", "&Network Diagram…", (), ""),
    **{
        f"export_image_{view.name}": ("image", f"{view.title}…", (), "")
        for view in VIEWS
        if view.exportable
    },
    "quit": ("file", "&Quit", ("Ctrl+Q", _STD.Quit), ""),
    "play": ("train", "&Play / Pause", ("Space",), "Start or pause training (Space)"),
    "step": ("train", "&Step One Epoch", ("Right",), "Train one epoch (→)"),
    "reset": ("train", "&Reset Weights", ("R",), "Back to the initial weights of this seed (R)"),
    "compare": (
        "train",
        "&Compare Runs…",
        ("Ctrl+K",),
        "Train 2–4 copies that differ in one setting, side by side, in lock step (Ctrl+K)",
    ),
    "end_compare": ("train", "&End Comparison", (), "Keep the selected run only"),
    "scrub_back": ("train", "History: &Earlier Checkpoint", ("Shift+Left",), ""),
    "scrub_forward": ("train", "History: &Later Checkpoint", ("Shift+Right",), ""),
    "clear_data": ("edit", "C&lear Data", (), ""),
    "reset_layout": ("view", "Reset &Layout", (), ""),
    "shortcuts": ("help", "&Keyboard Shortcuts", ("F1",), ""),
    "about": ("help", "&About MLP Playground", (), ""),
}
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


#: (keys, what they do): shown by Help > Keyboard Shortcuts and listed in the README.
SHORTCUTS: tuple[tuple[str, str], ...] = (
    ("Space", "play / pause"),
    ("→", "train one epoch"),
    ("R", "reset the weights to their initial values (change the seed for others)"),
    ("Shift+← / Shift+→", "while paused: the previous / next checkpoint of the history"),
    ("Ctrl+K", "compare 2–4 runs that differ in one setting"),
    ("Ctrl+Z / Ctrl+Shift+Z or Ctrl+Y", 'undo / redo a data edit (or a "Resume from here")'),
    ("Ctrl+N / Ctrl+O / Ctrl+S", "new / open / save session"),
    ("Ctrl+Q", "quit (asks first when there is unsaved work)"),
    ("Ctrl+I / Ctrl+E", "import / export the dataset as CSV"),
    ("Ctrl+Shift+E", "export the weights (.npz or .json)"),
    ("Left drag on the data", "paint points of the selected class"),
    ("Right drag on the data", "erase points under the brush"),
    ("Wheel / middle drag", "zoom / pan the data view"),
    ("Hover a neuron", "show its map large on the data canvas"),
    ("Click an edge", "show its weight"),
    ("F1", "this list"),
)


class MainWindow(QMainWindow):
    """Panels in docks around the network diagram and the data canvas."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("MLP Playground")
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
        #: Every registered view (see ``registry.VIEWS``), by name.
        self.views: dict[str, QWidget] = {spec.name: spec.factory() for spec in VIEWS}
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

        toolbar = QToolBar("Transport")
        toolbar.setObjectName("transport_toolbar")
        toolbar.setMovable(False)
        self.transport.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Preferred)
        toolbar.addWidget(self.transport)
        toolbar.addWidget(self.banner_slot)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, toolbar)
        # The history scrubber spans the window under the plots.
        history = QToolBar("History")
        history.setObjectName("history_toolbar")
        history.setMovable(False)
        history.addWidget(self.scrubber)
        self.addToolBar(Qt.ToolBarArea.BottomToolBarArea, history)

        self.docks: dict[str, QDockWidget] = {}
        self._add_dock(
            "data", "Data", _scrolled(self.data_panel), Qt.DockWidgetArea.LeftDockWidgetArea
        )
        self._add_dock(
            "training",
            "Training",
            _scrolled(self.hyper_panel),
            Qt.DockWidgetArea.LeftDockWidgetArea,
        )
        for spec in VIEWS:
            self._add_dock(spec.name, spec.title, self.views[spec.name], spec.area)
            if spec.beside is not None:
                self.splitDockWidget(
                    self.docks[spec.beside], self.docks[spec.name], Qt.Orientation.Horizontal
                )
        for spec in VIEWS:
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
        self.recent_menu = QMenu("Open &Recent", self)
        self._build_menus()
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
        """Open view ``name``'s dock and bring it to the front."""
        dock = self.docks[name]
        dock.show()
        dock.raise_()

    def set_comparing(self, comparing: bool) -> None:
        """Show the compare-only views (and their View menu entries) while comparing."""
        was = self.docks["runs"].isVisibleTo(self)
        for spec in VIEWS:
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
    def _add_dock(self, name: str, title: str, widget: QWidget, area: Qt.DockWidgetArea) -> None:
        dock = QDockWidget(title, self)
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
        menus = {
            "file": bar.addMenu("&File"),
            "edit": bar.addMenu("&Edit"),
            "train": bar.addMenu("&Training"),
            "view": bar.addMenu("&View"),
            "help": bar.addMenu("&Help"),
        }
        menus["image"] = QMenu("Export &Image", self)
        for name, (menu, text, keys, tip) in _ACTIONS.items():
            action = QAction(text, self)
            action.setObjectName(f"action_{name}")
            if keys:
                action.setShortcuts(key_sequences(keys))
                action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            if tip:
                action.setToolTip(tip)
                action.setStatusTip(tip)
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
        menus["view"].addSeparator()
        menus["view"].addAction(self.menu_actions["reset_layout"])
        self.menu_actions["reset_layout"].triggered.connect(self.reset_layout)
        self.menu_actions["shortcuts"].triggered.connect(self.show_shortcuts)
        self.menu_actions["about"].triggered.connect(self.show_about)
        self._edit_menu = menus["edit"]

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
        rows = "".join(f"<tr><td><b>{k}</b></td><td>{v}</td></tr>" for k, v in SHORTCUTS)
        QMessageBox.information(self, "Keyboard and mouse", f"<table cellpadding=3>{rows}</table>")

    def show_about(self) -> None:
        """Version and purpose."""
        from playground import __version__

        QMessageBox.about(
            self,
            "About MLP Playground",
            f"<b>MLP Playground {__version__}</b><p>See how multilayer perceptrons train: "
            "draw data, stack layers, press Play.</p>",
        )

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
