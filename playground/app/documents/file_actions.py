"""The File menu: sessions, datasets, weights and images, with recent files.

Every path comes from :class:`Dialogs`, which tests replace; every failure
shows a message and leaves the user's data and weights as they were. Titles, file
filters and messages are English here and translated as they are shown (context
``FileActions``); a failure's own reason (the core's) is shown as it is.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QSettings, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from playground.app.controller import Controller
from playground.app.documents import sessions as documents
from playground.app.documents.image_export import export_widget_image
from playground.app.i18n import QT_TRANSLATE_NOOP
from playground.app.views.main_window import MainWindow
from playground.core.dataset_csv import load_csv, save_csv
from playground.core.files import load_weights, save_weights
from playground.core.sessions import load_session, save_session

MAX_RECENT = 8
CONTEXT = "FileActions"
#: File dialog filters, English; :func:`file_filter` gives them in the current language.
SESSION_FILTER = QT_TRANSLATE_NOOP("FileActions", "MLP Playground sessions (*.mlps)")
CSV_FILTER = QT_TRANSLATE_NOOP("FileActions", "CSV datasets (*.csv)")
WEIGHTS_FILTER = QT_TRANSLATE_NOOP("FileActions", "NumPy weights (*.npz);;JSON weights (*.json)")
ANY_WEIGHTS_FILTER = QT_TRANSLATE_NOOP("FileActions", "Weights (*.npz *.json)")
IMAGE_FILTER = QT_TRANSLATE_NOOP("FileActions", "PNG image (*.png);;SVG image (*.svg)")
LAST_FOLDER_KEY = "files/last_folder"


def file_filter(text: str) -> str:
    """A filter of this module (``SESSION_FILTER``, ...) in the current language."""
    return QCoreApplication.translate(CONTEXT, text)


class Dialogs:
    """Modal questions to the user; tests substitute an object with the same methods.

    File dialogs open in the folder of the last file picked, remembered in
    ``settings`` between runs when there are settings, else for this run.
    """

    def __init__(self, parent: QWidget, settings: QSettings | None = None) -> None:
        self.parent = parent
        self.settings = settings
        self._folder = ""

    @property
    def last_folder(self) -> str:
        """Where the next file dialog opens ('' for the working folder)."""
        if self.settings is not None:
            folder = self.settings.value(LAST_FOLDER_KEY, "")
            if isinstance(folder, str) and folder and Path(folder).is_dir():
                return folder
        return self._folder if self._folder and Path(self._folder).is_dir() else ""

    def _remember_folder(self, path: str) -> None:
        folder = str(Path(path).resolve().parent)
        self._folder = folder
        if self.settings is not None:
            self.settings.setValue(LAST_FOLDER_KEY, folder)

    def open_path(self, title: str, filters: str) -> str | None:
        """Ask for an existing file."""
        path, _ = QFileDialog.getOpenFileName(self.parent, title, self.last_folder, filters)
        if not path:
            return None
        self._remember_folder(path)
        return path

    def save_path(self, title: str, filters: str, suggested: str) -> str | None:
        """Ask where to write a file."""
        start = str(Path(self.last_folder, suggested)) if self.last_folder else suggested
        path, chosen = QFileDialog.getSaveFileName(self.parent, title, start, filters)
        if not path:
            return None
        if not Path(path).suffix and "*." in chosen:
            path += "." + chosen.split("*.")[1].split(")")[0].split()[0]
        self._remember_folder(path)
        return path

    def ask_save_changes(self) -> str:
        """'save', 'discard' or 'cancel' for unsaved work."""
        buttons = QMessageBox.StandardButton
        answer = QMessageBox.question(
            self.parent,
            QCoreApplication.translate("FileActions", "Unsaved work"),
            QCoreApplication.translate(
                "FileActions",
                "The data, settings or weights have changed since they were last saved.\n"
                "Save the session first?",
            ),
            buttons.Save | buttons.Discard | buttons.Cancel,
            buttons.Save,
        )
        return {buttons.Save: "save", buttons.Discard: "discard"}.get(answer, "cancel")

    def error(self, title: str, text: str) -> None:
        """Report a failure."""
        QMessageBox.warning(self.parent, title, text)


class FileActions(QObject):
    """Carries out the File menu for one window, and knows whether there is unsaved work.

    Work is unsaved after a user edit (the controller's ``unsaved`` flag) or after
    training has moved the weights on from those last started, opened or saved;
    :meth:`mark_clean` sets the point they are compared with.
    """

    recent_changed = Signal(list)

    def __init__(
        self, window: MainWindow, controller: Controller, settings: QSettings | None = None
    ) -> None:
        super().__init__()
        self.window = window
        self.controller = controller
        self.settings = settings
        self.dialogs: Dialogs = Dialogs(window, settings)
        self.session_path: Path | None = None
        #: False: never ask before discarding (screenshot runs, which nobody answers).
        self.ask_to_save = True
        self._clean_point = (controller.run_id, 0)
        self._trained = False
        controller.snapshot_shown.connect(self._on_controller_snapshot_shown)
        a = window.menu_actions
        a["new"].triggered.connect(self.new_document)
        a["open_session"].triggered.connect(self._on_open_session)
        a["save_session"].triggered.connect(self._on_save_session)
        a["save_session_as"].triggered.connect(self._on_save_session_as)
        a["import_csv"].triggered.connect(self._on_import_csv)
        a["export_csv"].triggered.connect(self._on_export_csv)
        a["import_weights"].triggered.connect(self._on_import_weights)
        a["export_weights"].triggered.connect(self._on_export_weights)
        for name in ("window", "canvas", "network", *self.window.views):
            if f"export_image_{name}" in a:  # the views the registry says can be exported
                a[f"export_image_{name}"].triggered.connect(
                    lambda _=False, n=name: self._on_export_image(n)
                )
        self._update_recent_menu()

    # -- unsaved work ---------------------------------------------------------------------
    @property
    def modified(self) -> bool:
        """Whether closing now would lose edits or training since the last clean point."""
        return self.controller.unsaved or self._trained

    def mark_clean(self, epoch: int | None = None) -> None:
        """What the window holds now counts as saved (after start, open, new or save).

        ``epoch`` is the current run's epoch when no snapshot has shown it yet.
        """
        c = self.controller
        c.unsaved = False
        self._clean_point = (c.run_id, c.epoch if epoch is None else epoch)
        self._trained = False

    def _on_controller_snapshot_shown(self, snap: object) -> None:
        run_id, epoch = self._clean_point
        start = epoch if snap.run_id == run_id else 0  # type: ignore[attr-defined]
        if snap.epoch != start:  # type: ignore[attr-defined]
            self._trained = True

    # -- documents ------------------------------------------------------------------------
    def confirm_discard(self) -> bool:
        """True when it is fine to drop the current work (saving it first if asked)."""
        if not self.modified or not self.ask_to_save:
            return True
        answer = self.dialogs.ask_save_changes()
        if answer == "save":
            return self._on_save_session()
        return answer == "discard"

    def new_document(self) -> None:
        """Back to the default example."""
        if self.confirm_discard():
            documents.new_document(self.controller)
            self.mark_clean(0)
            self.session_path = None
            self._update_title()

    def open_session(self, path: str | Path) -> bool:
        """Load a session file; on failure nothing changes."""
        try:
            session = load_session(path)
        except (OSError, ValueError) as exc:
            self.dialogs.error(
                QCoreApplication.translate("FileActions", "Could not open the session"), str(exc)
            )
            self._forget_recent(str(path))
            return False
        documents.apply_session(self.controller, session)
        self.mark_clean(session.epoch)
        self.session_path = Path(path)
        self._remember_recent(str(path))
        self._update_title()
        return True

    def save_session(self, path: str | Path) -> bool:
        """Write the current session; on failure the old file stays."""
        session = documents.make_session(self.controller)
        try:
            save_session(path, session)
        except (OSError, ValueError) as exc:
            self.dialogs.error(
                QCoreApplication.translate("FileActions", "Could not save the session"), str(exc)
            )
            return False
        self.mark_clean(session.epoch)
        self.session_path = Path(path)
        self._remember_recent(str(path))
        self._update_title()
        text = QCoreApplication.translate("FileActions", "Saved {path}").format(path=path)
        self.window.statusBar().showMessage(text, 5000)
        return True

    def _on_open_session(self) -> None:
        if self.confirm_discard():
            title = QCoreApplication.translate("FileActions", "Open session")
            path = self.dialogs.open_path(title, file_filter(SESSION_FILTER))
            if path:
                self.open_session(path)

    def _on_save_session(self) -> bool:
        if self.session_path is None:
            return self._on_save_session_as()
        return self.save_session(self.session_path)

    def _on_save_session_as(self) -> bool:
        title = QCoreApplication.translate("FileActions", "Save session")
        path = self.dialogs.save_path(title, file_filter(SESSION_FILTER), "session.mlps")
        return self.save_session(path) if path else False

    # -- datasets -------------------------------------------------------------------------
    def import_csv(self, path: str | Path) -> bool:
        """Replace the points with a CSV file's (undoable)."""
        try:
            dataset = load_csv(path)
        except (OSError, ValueError) as exc:
            self.dialogs.error(
                QCoreApplication.translate("FileActions", "Could not import the dataset"), str(exc)
            )
            return False
        if not dataset.is_test.any() and self.controller.data_model.test_ratio > 0:
            dataset = dataset.with_split(self.controller.data_model.test_ratio, seed=0)
        text = QCoreApplication.translate("FileActions", "Import {name}")
        self.controller.data_model.replace(dataset, text.format(name=Path(path).name))
        return True

    def export_csv(self, path: str | Path) -> bool:
        """Write the points, labels and split to a CSV file."""
        try:
            save_csv(self.controller.data_model.dataset, path)
        except (OSError, ValueError) as exc:
            self.dialogs.error(
                QCoreApplication.translate("FileActions", "Could not export the dataset"), str(exc)
            )
            return False
        text = QCoreApplication.translate("FileActions", "Exported {path}").format(path=path)
        self.window.statusBar().showMessage(text, 5000)
        return True

    def _on_import_csv(self) -> None:
        title = QCoreApplication.translate("FileActions", "Import dataset")
        path = self.dialogs.open_path(title, file_filter(CSV_FILTER))
        if path:
            self.import_csv(path)

    def _on_export_csv(self) -> None:
        title = QCoreApplication.translate("FileActions", "Export dataset")
        path = self.dialogs.save_path(title, file_filter(CSV_FILTER), "dataset.csv")
        if path:
            self.export_csv(path)

    # -- weights --------------------------------------------------------------------------
    def export_weights(self, path: str | Path) -> bool:
        """Save the latest weights as .npz or .json."""
        model = self.controller.current_model()
        if model is None:
            self.dialogs.error(
                QCoreApplication.translate("FileActions", "Nothing to export"),
                QCoreApplication.translate("FileActions", "The network has not been built yet."),
            )
            return False
        try:
            save_weights(model, path, self.controller.train_config, self.controller.epoch)
        except (OSError, ValueError) as exc:
            self.dialogs.error(
                QCoreApplication.translate("FileActions", "Could not export the weights"), str(exc)
            )
            return False
        text = QCoreApplication.translate("FileActions", "Exported weights to {path}")
        self.window.statusBar().showMessage(text.format(path=path), 5000)
        return True

    def import_weights(self, path: str | Path) -> bool:
        """Load weights to continue training or to inspect them."""
        try:
            loaded = load_weights(path)
        except (OSError, ValueError) as exc:
            self.dialogs.error(
                QCoreApplication.translate("FileActions", "Could not import the weights"), str(exc)
            )
            return False
        return documents.apply_weights(self.controller, loaded, Path(path).name)

    def _on_export_weights(self) -> None:
        title = QCoreApplication.translate("FileActions", "Export weights")
        path = self.dialogs.save_path(title, file_filter(WEIGHTS_FILTER), "weights.npz")
        if path:
            self.export_weights(path)

    def _on_import_weights(self) -> None:
        title = QCoreApplication.translate("FileActions", "Import weights")
        path = self.dialogs.open_path(title, file_filter(ANY_WEIGHTS_FILTER))
        if path:
            self.import_weights(path)

    # -- images ---------------------------------------------------------------------------
    def export_image(self, which: str, path: str | Path) -> bool:
        """Save a PNG or SVG of the window, the canvas, the diagram or a plot."""
        try:
            export_widget_image(self._image_widget(which), Path(path))
        except (OSError, ValueError) as exc:
            self.dialogs.error(
                QCoreApplication.translate("FileActions", "Could not export the image"), str(exc)
            )
            return False
        text = QCoreApplication.translate("FileActions", "Exported {path}").format(path=path)
        self.window.statusBar().showMessage(text, 5000)
        return True

    def _image_widget(self, which: str) -> QWidget:
        w = self.window
        widgets: dict[str, QWidget] = {
            "window": w,
            "canvas": w.canvas,
            "network": w.network_view,
            **w.views,
        }
        return widgets[which]

    def _on_export_image(self, which: str) -> None:
        title = QCoreApplication.translate("FileActions", "Export image")
        path = self.dialogs.save_path(title, file_filter(IMAGE_FILTER), f"{which}.png")
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
        return [str(v) for v in value] if isinstance(value, list | tuple) else []

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
        untitled = QCoreApplication.translate("FileActions", "untitled")
        name = self.session_path.name if self.session_path else untitled
        self.window.setWindowTitle(f"{name} — MLP Playground")
