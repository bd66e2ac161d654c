"""The File menu: sessions, datasets, weights and images, with recent files.

Every path comes from :class:`Dialogs`, which tests replace; every failure
shows a message and leaves the user's data and weights as they were.
"""

from __future__ import annotations

from pathlib import Path

import pyqtgraph as pg
import pyqtgraph.exporters
from PySide6.QtCore import QObject, QPoint, QRectF, QSettings, QSize, Signal
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QFileDialog, QGraphicsScene, QMessageBox, QWidget

from playground.app import documents
from playground.app.controller import Controller
from playground.app.main_window import MainWindow
from playground.core.dataset_csv import load_csv, save_csv
from playground.core.files import load_weights, save_weights
from playground.core.sessions import load_session, save_session

MAX_RECENT = 8
SESSION_FILTER = "MLP Playground sessions (*.mlps)"
CSV_FILTER = "CSV datasets (*.csv)"
WEIGHTS_FILTER = "NumPy weights (*.npz);;JSON weights (*.json)"
IMAGE_FILTER = "PNG image (*.png);;SVG image (*.svg)"


class Dialogs:
    """Modal questions to the user; tests substitute an object with the same methods."""

    def __init__(self, parent: QWidget) -> None:
        self.parent = parent

    def open_path(self, title: str, filters: str) -> str | None:
        """Ask for an existing file."""
        path, _ = QFileDialog.getOpenFileName(self.parent, title, "", filters)
        return path or None

    def save_path(self, title: str, filters: str, suggested: str) -> str | None:
        """Ask where to write a file."""
        path, chosen = QFileDialog.getSaveFileName(self.parent, title, suggested, filters)
        if not path:
            return None
        if not Path(path).suffix and "*." in chosen:
            path += "." + chosen.split("*.")[1].split(")")[0].split()[0]
        return path

    def ask_save_changes(self) -> str:
        """'save', 'discard' or 'cancel' for unsaved work."""
        buttons = QMessageBox.StandardButton
        answer = QMessageBox.question(
            self.parent,
            "Unsaved work",
            "The data, settings or weights have changed since they were last saved.\n"
            "Save the session first?",
            buttons.Save | buttons.Discard | buttons.Cancel,
            buttons.Save,
        )
        return {buttons.Save: "save", buttons.Discard: "discard"}.get(answer, "cancel")

    def error(self, title: str, text: str) -> None:
        """Report a failure."""
        QMessageBox.warning(self.parent, title, text)


class FileActions(QObject):
    """Carries out the File menu for one window."""

    recent_changed = Signal(list)

    def __init__(
        self, window: MainWindow, controller: Controller, settings: QSettings | None = None
    ) -> None:
        super().__init__()
        self.window = window
        self.controller = controller
        self.settings = settings
        self.dialogs: Dialogs = Dialogs(window)
        self.session_path: Path | None = None
        a = window.actions
        a["new"].triggered.connect(self.new_document)
        a["open_session"].triggered.connect(self._on_open_session)
        a["save_session"].triggered.connect(self._on_save_session)
        a["save_session_as"].triggered.connect(self._on_save_session_as)
        a["import_csv"].triggered.connect(self._on_import_csv)
        a["export_csv"].triggered.connect(self._on_export_csv)
        a["import_weights"].triggered.connect(self._on_import_weights)
        a["export_weights"].triggered.connect(self._on_export_weights)
        for name in ("window", "canvas", "network", "loss", "gradients"):
            a[f"export_image_{name}"].triggered.connect(
                lambda _=False, n=name: self._on_export_image(n)
            )
        self._update_recent_menu()

    # -- documents ------------------------------------------------------------------------
    def confirm_discard(self) -> bool:
        """True when it is fine to drop the current work (saving it first if asked)."""
        if not self.controller.unsaved:
            return True
        answer = self.dialogs.ask_save_changes()
        if answer == "save":
            return self._on_save_session()
        return answer == "discard"

    def new_document(self) -> None:
        """Back to the default example."""
        if self.confirm_discard():
            documents.new_document(self.controller)
            self.session_path = None
            self._update_title()

    def open_session(self, path: str | Path) -> bool:
        """Load a session file; on failure nothing changes."""
        try:
            session = load_session(path)
        except (OSError, ValueError) as exc:
            self.dialogs.error("Could not open the session", str(exc))
            self._forget_recent(str(path))
            return False
        documents.apply_session(self.controller, session)
        self.session_path = Path(path)
        self._remember_recent(str(path))
        self._update_title()
        return True

    def save_session(self, path: str | Path) -> bool:
        """Write the current session; on failure the old file stays."""
        try:
            save_session(path, documents.make_session(self.controller))
        except (OSError, ValueError) as exc:
            self.dialogs.error("Could not save the session", str(exc))
            return False
        self.controller.unsaved = False
        self.session_path = Path(path)
        self._remember_recent(str(path))
        self._update_title()
        self.window.statusBar().showMessage(f"Saved {path}", 5000)
        return True

    def _on_open_session(self) -> None:
        if self.confirm_discard():
            path = self.dialogs.open_path("Open session", SESSION_FILTER)
            if path:
                self.open_session(path)

    def _on_save_session(self) -> bool:
        if self.session_path is None:
            return self._on_save_session_as()
        return self.save_session(self.session_path)

    def _on_save_session_as(self) -> bool:
        path = self.dialogs.save_path("Save session", SESSION_FILTER, "session.mlps")
        return self.save_session(path) if path else False

    # -- datasets -------------------------------------------------------------------------
    def import_csv(self, path: str | Path) -> bool:
        """Replace the points with a CSV file's (undoable)."""
        try:
            dataset = load_csv(path)
        except (OSError, ValueError) as exc:
            self.dialogs.error("Could not import the dataset", str(exc))
            return False
        if not dataset.is_test.any() and self.controller.data_model.test_ratio > 0:
            dataset = dataset.with_split(self.controller.data_model.test_ratio, seed=0)
        self.controller.data_model.replace(dataset, f"Import {Path(path).name}")
        return True

    def export_csv(self, path: str | Path) -> bool:
        """Write the points, labels and split to a CSV file."""
        try:
            save_csv(self.controller.data_model.dataset, path)
        except (OSError, ValueError) as exc:
            self.dialogs.error("Could not export the dataset", str(exc))
            return False
        self.window.statusBar().showMessage(f"Exported {path}", 5000)
        return True

    def _on_import_csv(self) -> None:
        path = self.dialogs.open_path("Import dataset", CSV_FILTER)
        if path:
            self.import_csv(path)

    def _on_export_csv(self) -> None:
        path = self.dialogs.save_path("Export dataset", CSV_FILTER, "dataset.csv")
        if path:
            self.export_csv(path)

    # -- weights --------------------------------------------------------------------------
    def export_weights(self, path: str | Path) -> bool:
        """Save the latest weights as .npz or .json."""
        model = self.controller.current_model()
        if model is None:
            self.dialogs.error("Nothing to export", "The network has not been built yet.")
            return False
        try:
            save_weights(model, path, self.controller.train_config, self.controller.epoch)
        except (OSError, ValueError) as exc:
            self.dialogs.error("Could not export the weights", str(exc))
            return False
        self.window.statusBar().showMessage(f"Exported weights to {path}", 5000)
        return True

    def import_weights(self, path: str | Path) -> bool:
        """Load weights to continue training or to inspect them."""
        try:
            loaded = load_weights(path)
        except (OSError, ValueError) as exc:
            self.dialogs.error("Could not import the weights", str(exc))
            return False
        return documents.apply_weights(self.controller, loaded, Path(path).name)

    def _on_export_weights(self) -> None:
        path = self.dialogs.save_path("Export weights", WEIGHTS_FILTER, "weights.npz")
        if path:
            self.export_weights(path)

    def _on_import_weights(self) -> None:
        path = self.dialogs.open_path("Import weights", "Weights (*.npz *.json)")
        if path:
            self.import_weights(path)

    # -- images ---------------------------------------------------------------------------
    def export_image(self, which: str, path: str | Path) -> bool:
        """Save a PNG or SVG of the window, the canvas, the diagram or a plot."""
        path = Path(path)
        widget = self._image_widget(which)
        scene = _plot_scene(widget)
        svg = path.suffix.lower() == ".svg"
        try:
            if scene is not None and not (svg and _export_plot_svg_failed(scene, path)):
                if not svg:
                    _export_plot(scene, path, svg=False)
            elif svg:
                _render_svg(widget, path)
            elif not widget.grab().save(str(path)):
                raise OSError(f"could not write {path}")
        except (OSError, ValueError) as exc:
            self.dialogs.error("Could not export the image", str(exc))
            return False
        self.window.statusBar().showMessage(f"Exported {path}", 5000)
        return True

    def _image_widget(self, which: str) -> QWidget:
        w = self.window
        widgets: dict[str, QWidget] = {
            "window": w,
            "canvas": w.canvas,
            "network": w.network_view,
            "loss": w.loss_plot,
            "gradients": w.gradient_plot,
        }
        return widgets[which]

    def _on_export_image(self, which: str) -> None:
        path = self.dialogs.save_path("Export image", IMAGE_FILTER, f"{which}.png")
        if path:
            self.export_image(which, path)

    # -- recent files ---------------------------------------------------------------------
    def recent_files(self) -> list[str]:
        """Most recent first."""
        if self.settings is None:
            return []
        value = self.settings.value("recent_files", [])
        if isinstance(value, str):
            value = [value]
        return [str(v) for v in (value or [])]

    def _remember_recent(self, path: str) -> None:
        if self.settings is None:
            return
        path = str(Path(path).resolve())
        files = [path, *[p for p in self.recent_files() if p != path]][:MAX_RECENT]
        self.settings.setValue("recent_files", files)
        self._update_recent_menu()

    def _forget_recent(self, path: str) -> None:
        if self.settings is None:
            return
        path = str(Path(path).resolve())
        self.settings.setValue("recent_files", [p for p in self.recent_files() if p != path])
        self._update_recent_menu()

    def _update_recent_menu(self) -> None:
        menu = self.window.recent_menu
        menu.clear()
        files = self.recent_files()
        for path in files:
            action = menu.addAction(Path(path).name)
            action.setToolTip(path)
            action.triggered.connect(lambda _=False, p=path: self._on_open_recent(p))
        menu.setEnabled(bool(files))
        self.recent_changed.emit(files)

    def _on_open_recent(self, path: str) -> None:
        if self.confirm_discard():
            self.open_session(path)

    def _update_title(self) -> None:
        name = self.session_path.name if self.session_path else "untitled"
        self.window.setWindowTitle(f"{name} — MLP Playground")


def _render_svg(widget: QWidget, path: Path) -> None:
    """Draw a widget into an SVG file (vector where the widget paints vectors)."""
    from PySide6.QtSvg import QSvgGenerator

    generator = QSvgGenerator()
    generator.setFileName(str(path))
    size = widget.size()
    generator.setSize(QSize(size.width(), size.height()))
    generator.setViewBox(QRectF(0, 0, size.width(), size.height()))
    generator.setTitle("MLP Playground")
    painter = QPainter(generator)
    try:
        widget.render(painter, QPoint(0, 0))
    finally:
        painter.end()
    if not path.exists():
        raise OSError(f"could not write {path}")


def _plot_scene(widget: QWidget) -> QGraphicsScene | None:
    """The pyqtgraph scene of a plot widget, when it has exactly one."""
    views = [widget] if isinstance(widget, pg.GraphicsView) else []
    views += widget.findChildren(pg.GraphicsView)
    return views[0].scene() if len(views) == 1 else None


def _export_plot_svg_failed(scene: QGraphicsScene, path: Path) -> bool:
    """Try pyqtgraph's SVG exporter; True when it failed and a Qt rendering is needed.

    pyqtgraph 0.14's exporter cannot rewrite some path items (it raises while
    correcting coordinates); Qt's SVG painter then draws the widget instead.
    """
    try:
        _export_plot(scene, path, svg=True)
    except (ValueError, IndexError, AttributeError):
        return True
    return False


def _export_plot(scene: QGraphicsScene, path: Path, svg: bool) -> None:
    """Export a whole plot scene with pyqtgraph's exporters."""
    exporter = (
        pyqtgraph.exporters.SVGExporter(scene) if svg else pyqtgraph.exporters.ImageExporter(scene)
    )
    exporter.export(str(path))
    if not path.exists():
        raise OSError(f"could not write {path}")
