"""The main window's tables of texts: its menus, its actions and the shortcut list.

Each text is marked for lupdate (``QT_TRANSLATE_NOOP``) and stays English here; the
window translates it when it shows it, so a language change only sets it again. The
Export Image entries of the docked views are the views' titles, added for the views a
window is given (:func:`window_actions`).
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QKeySequence

from playground.app.i18n import QT_TRANSLATE_NOOP
from playground.app.views.registry import DockedView

CONTEXT, SHORTCUT_CONTEXT = "MainWindow", "Shortcuts"
Key = QKeySequence.StandardKey | str
_STD = QKeySequence.StandardKey
#: An action's (menu, text, shortcuts, tooltip).
ActionText = tuple[str, str, tuple[Key, ...], str]

#: The menu bar's menus, by name, in order (``image`` is File > Export Image).
MENUS: dict[str, str] = {
    "file": QT_TRANSLATE_NOOP("MainWindow", "&File"),
    "edit": QT_TRANSLATE_NOOP("MainWindow", "&Edit"),
    "train": QT_TRANSLATE_NOOP("MainWindow", "&Training"),
    "view": QT_TRANSLATE_NOOP("MainWindow", "&View"),
    "help": QT_TRANSLATE_NOOP("MainWindow", "&Help"),
    "image": QT_TRANSLATE_NOOP("MainWindow", "Export &Image"),
    "recent": QT_TRANSLATE_NOOP("MainWindow", "Open &Recent"),
    "language": QT_TRANSLATE_NOOP("MainWindow", "&Language"),
}

#: The window's own actions by name (a window adds its docked views' Export Image entries).
ACTIONS: dict[str, ActionText] = {
    "new": (
        "file",
        QT_TRANSLATE_NOOP("MainWindow", "&New"),
        ("Ctrl+N", _STD.New),
        QT_TRANSLATE_NOOP("MainWindow", "Start again from the default example"),
    ),
    "open_session": (
        "file",
        QT_TRANSLATE_NOOP("MainWindow", "&Open Session…"),
        ("Ctrl+O", _STD.Open),
        "",
    ),
    "save_session": (
        "file",
        QT_TRANSLATE_NOOP("MainWindow", "&Save Session"),
        ("Ctrl+S", _STD.Save),
        "",
    ),
    "save_session_as": (
        "file",
        QT_TRANSLATE_NOOP("MainWindow", "Save Session &As…"),
        ("Ctrl+Shift+S", _STD.SaveAs),
        "",
    ),
    "import_csv": (
        "file",
        QT_TRANSLATE_NOOP("MainWindow", "&Import Dataset (CSV)…"),
        ("Ctrl+I",),
        "",
    ),
    "export_csv": (
        "file",
        QT_TRANSLATE_NOOP("MainWindow", "&Export Dataset (CSV)…"),
        ("Ctrl+E",),
        "",
    ),
    "import_weights": (
        "file",
        QT_TRANSLATE_NOOP("MainWindow", "Import &Weights…"),
        (),
        QT_TRANSLATE_NOOP("MainWindow", "Load weights to continue or inspect"),
    ),
    "export_weights": (
        "file",
        QT_TRANSLATE_NOOP("MainWindow", "Export W&eights…"),
        ("Ctrl+Shift+E",),
        QT_TRANSLATE_NOOP("MainWindow", ".npz or .json"),
    ),
    "export_image_window": ("image", QT_TRANSLATE_NOOP("MainWindow", "Whole &Window…"), (), ""),
    "export_image_canvas": ("image", QT_TRANSLATE_NOOP("MainWindow", "&Data Canvas…"), (), ""),
    "export_image_network": ("image", QT_TRANSLATE_NOOP("MainWindow", "&Network Diagram…"), (), ""),
    "quit": ("file", QT_TRANSLATE_NOOP("MainWindow", "&Quit"), ("Ctrl+Q", _STD.Quit), ""),
    "play": (
        "train",
        QT_TRANSLATE_NOOP("MainWindow", "&Play / Pause"),
        ("Space",),
        QT_TRANSLATE_NOOP("MainWindow", "Start or pause training (Space)"),
    ),
    "step": (
        "train",
        QT_TRANSLATE_NOOP("MainWindow", "&Step One Epoch"),
        ("Right",),
        QT_TRANSLATE_NOOP("MainWindow", "Train one epoch (→)"),
    ),
    "reset": (
        "train",
        QT_TRANSLATE_NOOP("MainWindow", "&Reset Weights"),
        ("R",),
        QT_TRANSLATE_NOOP("MainWindow", "Back to the initial weights of this seed (R)"),
    ),
    "compare": (
        "train",
        QT_TRANSLATE_NOOP("MainWindow", "&Compare Runs…"),
        ("Ctrl+K",),
        QT_TRANSLATE_NOOP(
            "MainWindow",
            "Train 2–4 copies that differ in one setting, side by side, in lock step (Ctrl+K)",
        ),
    ),
    "end_compare": (
        "train",
        QT_TRANSLATE_NOOP("MainWindow", "&End Comparison"),
        (),
        QT_TRANSLATE_NOOP("MainWindow", "Keep the selected run only"),
    ),
    "scrub_back": (
        "train",
        QT_TRANSLATE_NOOP("MainWindow", "History: &Earlier Checkpoint"),
        ("Shift+Left",),
        "",
    ),
    "scrub_forward": (
        "train",
        QT_TRANSLATE_NOOP("MainWindow", "History: &Later Checkpoint"),
        ("Shift+Right",),
        "",
    ),
    "clear_data": ("edit", QT_TRANSLATE_NOOP("MainWindow", "C&lear Data"), (), ""),
    "reset_layout": ("view", QT_TRANSLATE_NOOP("MainWindow", "Reset &Layout"), (), ""),
    "shortcuts": ("help", QT_TRANSLATE_NOOP("MainWindow", "&Keyboard Shortcuts"), ("F1",), ""),
    "about": ("help", QT_TRANSLATE_NOOP("MainWindow", "&About MLP Playground"), (), ""),
}


#: (keys, what they do): shown by Help > Keyboard Shortcuts and listed in the README.
SHORTCUTS: tuple[tuple[str, str], ...] = (
    (QT_TRANSLATE_NOOP("Shortcuts", "Space"), QT_TRANSLATE_NOOP("Shortcuts", "play / pause")),
    (QT_TRANSLATE_NOOP("Shortcuts", "→"), QT_TRANSLATE_NOOP("Shortcuts", "train one epoch")),
    (
        QT_TRANSLATE_NOOP("Shortcuts", "R"),
        QT_TRANSLATE_NOOP(
            "Shortcuts", "reset the weights to their initial values (change the seed for others)"
        ),
    ),
    (
        QT_TRANSLATE_NOOP("Shortcuts", "Shift+← / Shift+→"),
        QT_TRANSLATE_NOOP(
            "Shortcuts", "while paused: the previous / next checkpoint of the history"
        ),
    ),
    (
        QT_TRANSLATE_NOOP("Shortcuts", "Ctrl+K"),
        QT_TRANSLATE_NOOP("Shortcuts", "compare 2–4 runs that differ in one setting"),
    ),
    (
        QT_TRANSLATE_NOOP("Shortcuts", "Ctrl+Z / Ctrl+Shift+Z or Ctrl+Y"),
        QT_TRANSLATE_NOOP("Shortcuts", 'undo / redo a data edit (or a "Resume from here")'),
    ),
    (
        QT_TRANSLATE_NOOP("Shortcuts", "Ctrl+N / Ctrl+O / Ctrl+S"),
        QT_TRANSLATE_NOOP("Shortcuts", "new / open / save session"),
    ),
    (
        QT_TRANSLATE_NOOP("Shortcuts", "Ctrl+Q"),
        QT_TRANSLATE_NOOP("Shortcuts", "quit (asks first when there is unsaved work)"),
    ),
    (
        QT_TRANSLATE_NOOP("Shortcuts", "Ctrl+I / Ctrl+E"),
        QT_TRANSLATE_NOOP("Shortcuts", "import / export the dataset as CSV"),
    ),
    (
        QT_TRANSLATE_NOOP("Shortcuts", "Ctrl+Shift+E"),
        QT_TRANSLATE_NOOP("Shortcuts", "export the weights (.npz or .json)"),
    ),
    (
        QT_TRANSLATE_NOOP("Shortcuts", "Left drag on the data"),
        QT_TRANSLATE_NOOP("Shortcuts", "paint points of the selected class"),
    ),
    (
        QT_TRANSLATE_NOOP("Shortcuts", "Right drag on the data"),
        QT_TRANSLATE_NOOP("Shortcuts", "erase points under the brush"),
    ),
    (
        QT_TRANSLATE_NOOP("Shortcuts", "Wheel / middle drag"),
        QT_TRANSLATE_NOOP("Shortcuts", "zoom / pan the data view"),
    ),
    (
        QT_TRANSLATE_NOOP("Shortcuts", "Hover a neuron"),
        QT_TRANSLATE_NOOP("Shortcuts", "show its map large on the data canvas"),
    ),
    (
        QT_TRANSLATE_NOOP("Shortcuts", "Click an edge or a bias"),
        QT_TRANSLATE_NOOP("Shortcuts", "type its value (Enter applies, Esc cancels)"),
    ),
    (QT_TRANSLATE_NOOP("Shortcuts", "F1"), QT_TRANSLATE_NOOP("Shortcuts", "this list")),
)


def window_actions(views: Iterable[DockedView]) -> dict[str, ActionText]:
    """:data:`ACTIONS` with an Export Image entry per exportable view, after the fixed ones."""
    actions: dict[str, ActionText] = {}
    for name, action in ACTIONS.items():
        actions[name] = action
        if name == "export_image_network":
            actions |= {
                f"export_image_{view.name}": ("image", view.title, (), "")
                for view in views
                if view.exportable
            }
    return actions


def action_text(name: str, actions: Mapping[str, ActionText] = ACTIONS) -> str:
    """The menu text of action ``name``, translated (an Export Image entry: its view's title)."""
    text = actions[name][1]
    if name not in ACTIONS:  # a docked view's entry
        return QCoreApplication.translate("views", text) + "…"
    return QCoreApplication.translate(CONTEXT, text)


def action_tip(name: str, actions: Mapping[str, ActionText] = ACTIONS) -> str:
    """The tooltip of action ``name``, translated ("" for none)."""
    tip = actions[name][3]
    return QCoreApplication.translate(CONTEXT, tip) if tip else ""


def shortcuts_html() -> str:
    """Help > Keyboard Shortcuts: the table of :data:`SHORTCUTS`, translated."""
    rows = "".join(
        f"<tr><td><b>{html.escape(tr(keys))}</b></td><td>{html.escape(tr(what))}</td></tr>"
        for keys, what in SHORTCUTS
    )
    return f"<table cellpadding=3>{rows}</table>"


def tr(text: str) -> str:
    """A text of the shortcut table, translated."""
    return QCoreApplication.translate(SHORTCUT_CONTEXT, text)
