"""Which controls show each lockable setting, and greying them out while a lesson locks it.

:func:`lock_widgets` names the widgets (and menu actions) that change a setting of the
rule book, or ``data``. :class:`ControlLocks` disables them with the tooltip "Locked by
this lesson" and gives each back its own state when the lesson is closed. Controls are
made again by the panels (the diagram's layer controls, say), so :meth:`ControlLocks.apply`
can be called as often as needed: it greys out the new ones and leaves the others be.
The wiring also refuses the changes themselves; greying out is what the user sees.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFormLayout, QWidget

from playground.app.i18n import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from playground.app.views.main_window import MainWindow

Control = QWidget | QAction


CONTEXT = "LessonLocks"
#: What each lockable setting is called (English; :func:`lock_labels` translates).
LOCK_LABELS: dict[str, str] = {
    "features": QT_TRANSLATE_NOOP("LessonLocks", "Input features"),
    "hidden": QT_TRANSLATE_NOOP("LessonLocks", "Hidden layers and their neurons"),
    "activations": QT_TRANSLATE_NOOP("LessonLocks", "Activations"),
    "task": QT_TRANSLATE_NOOP("LessonLocks", "Task"),
    "n_classes": QT_TRANSLATE_NOOP("LessonLocks", "Number of classes"),
    "loss": QT_TRANSLATE_NOOP("LessonLocks", "Loss"),
    "init": QT_TRANSLATE_NOOP("LessonLocks", "Initializer"),
    "bias_init": QT_TRANSLATE_NOOP("LessonLocks", "Bias init"),
    "seed": QT_TRANSLATE_NOOP("LessonLocks", "Seed"),
    "optimizer": QT_TRANSLATE_NOOP("LessonLocks", "Optimizer"),
    "learning_rate": QT_TRANSLATE_NOOP("LessonLocks", "Learning rate"),
    "batch_size": QT_TRANSLATE_NOOP("LessonLocks", "Batch size"),
    "l1": QT_TRANSLATE_NOOP("LessonLocks", "L1 regularization rate"),
    "l2": QT_TRANSLATE_NOOP("LessonLocks", "L2 regularization rate"),
    "momentum": QT_TRANSLATE_NOOP("LessonLocks", "Momentum"),
    "nesterov": QT_TRANSLATE_NOOP("LessonLocks", "Nesterov"),
    "data": QT_TRANSLATE_NOOP("LessonLocks", "Data (painting, erasing, regenerating)"),
}


def lock_labels() -> dict[str, str]:
    """What each lockable setting is called, in the current language."""
    return {name: QCoreApplication.translate(CONTEXT, text) for name, text in LOCK_LABELS.items()}


def lock_widgets(window: MainWindow, name: str) -> list[Control]:
    """Return the controls of ``window`` that change setting ``name``.

    Parameters
    ----------
    window : MainWindow
        The window.
    name : str
        A lockable name: a rule-book setting or ``data``.

    Returns
    -------
    list of QWidget or QAction
        Empty for a setting no control changes directly (``features`` is changed by
        clicking the diagram's inputs, which the wiring refuses instead).
    """
    hp, dp = window.hyper_panel, window.data_panel
    header = window.network_view.header
    layers = header.layers
    table: dict[str, list[Control]] = {
        "hidden": [
            header.add_layer_button,
            header.remove_layer_button,
            *(button for layer in layers for button in (layer.minus_button, layer.plus_button)),
        ],
        "activations": [layer.combo for layer in layers],
        "task": [dp.task_combo],
        "n_classes": [dp.class_picker.add_button, dp.class_picker.remove_button],
        "loss": [hp.loss_combo],
        "init": [hp.init_combo],
        "bias_init": [hp.bias_combo],
        "seed": [hp.seed_spin],
        "optimizer": [hp.optimizer_combo],
        "learning_rate": [hp.lr_slider, hp.lr_spin],
        "batch_size": [hp.batch_spin],
        "l1": [hp.reg_combo, hp.reg_rate_combo],
        "l2": [hp.reg_combo, hp.reg_rate_combo],
        "momentum": [hp.momentum_spin],
        "nesterov": [hp.nesterov_check],
        "data": [
            dp.preset_combo,
            dp.points_spin,
            dp.noise_slider,
            dp.seed_spin,
            dp.regenerate_button,
            dp.paint_button,
            dp.erase_button,
            dp.clear_button,
            dp.ratio_slider,
            dp.task_combo,
            *_form_widgets(dp.options_form),
            window.menu_actions["clear_data"],
            window.menu_actions["import_csv"],
        ],
    }
    return table.get(name, [])


def _form_widgets(form: QFormLayout) -> list[Control]:
    """The field widgets of a form layout (a preset's options)."""
    found: list[Control] = []
    for row in range(form.rowCount()):
        item = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
        widget = item.widget() if item is not None else None
        if widget is not None:
            found.append(widget)
    return found


class ControlLocks:
    """Greys out the controls of locked settings, and gives them back their own state.

    Parameters
    ----------
    window : MainWindow
        The window whose controls are locked.
    tooltip : str
        What a locked control says on hover.
    """

    def __init__(self, window: MainWindow, tooltip: str) -> None:
        self.window = window
        self.tooltip = tooltip
        #: Every lock tooltip said so far (a control showing one says no tooltip of its own).
        self._lock_tips = {tooltip}
        self.names: tuple[str, ...] = ()
        #: Each control locked, with the enabled state and tooltip it had before.
        self._saved: dict[int, tuple[Control, bool, str]] = {}

    def set_tooltip(self, tooltip: str) -> None:
        """Say ``tooltip`` on every locked control from now on (another language)."""
        self.tooltip = tooltip
        self._lock_tips.add(tooltip)
        self.apply()

    def lock(self, names: Iterable[str]) -> None:
        """Lock the settings ``names`` (those locked before and not named are released)."""
        self.release()
        self.names = tuple(names)
        self.apply()

    def apply(self) -> None:
        """Grey out every control of a locked setting, the ones made since included."""
        for name in self.names:
            for control in lock_widgets(self.window, name):
                key = id(control)
                saved = self._saved.get(key)
                if saved is None:
                    saved = (control, control.isEnabled(), control.toolTip())
                else:  # what the panel set since (its tooltip in a new language, say) wins
                    enabled, tooltip = saved[1] or control.isEnabled(), control.toolTip()
                    saved = (control, enabled, saved[2] if tooltip in self._lock_tips else tooltip)
                self._saved[key] = saved
                if control.isEnabled():
                    control.setEnabled(False)
                if control.toolTip() != self.tooltip:
                    control.setToolTip(self.tooltip)
        self._mark_inputs("features" in self.names)

    def _mark_inputs(self, locked: bool) -> None:
        """Say on the diagram's input nodes that they are locked (clicks are refused)."""
        try:
            nodes = self.window.network_view.node_items(0)
        except IndexError:  # no diagram drawn yet
            return
        for node in nodes:
            node.clip.setToolTip(self.tooltip if locked else "")

    def release(self) -> None:
        """Give every locked control back the state and tooltip it had."""
        for control, enabled, tooltip in self._saved.values():
            try:
                control.setEnabled(enabled)
                control.setToolTip(tooltip)
            except RuntimeError:  # a control the panel has deleted and made again since
                continue
        self._saved.clear()
        if "features" in self.names:
            self._mark_inputs(False)
        self.names = ()

    def locked(self, control: Control) -> bool:
        """Tell whether ``control`` is greyed out by a lock now."""
        return id(control) in self._saved
