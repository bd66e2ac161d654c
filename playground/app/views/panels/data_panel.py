"""Side panel for the data: presets, the paint brush, undo, the train/test split and display."""

from __future__ import annotations

from collections.abc import Iterable

import shiboken6
from PySide6.QtCore import QEvent, QSignalBlocker, Qt, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from playground.app.i18n import QT_TRANSLATE_NOOP
from playground.app.views import tooltips
from playground.app.views.canvas.class_picker import ClassPicker
from playground.app.views.panels.controls import row, slider, spin, tool, value_label
from playground.core.datasets import Dataset
from playground.core.presets import PRESETS, Preset

TASK_CHOICES: tuple[tuple[str, str], ...] = (
    ("auto", QT_TRANSLATE_NOOP("DataPanel", "Auto")),
    ("binary", QT_TRANSLATE_NOOP("DataPanel", "Binary")),
    ("multiclass", QT_TRANSLATE_NOOP("DataPanel", "Multiclass")),
    ("regression", QT_TRANSLATE_NOOP("DataPanel", "Regression")),
)
RADIUS_STEP = 0.1  # brush radius slider unit, in data units
RATIO_STEP = 5  # test ratio slider step, in percent


def _preset(name: str) -> Preset | None:
    """Return the preset called ``name`` from the core registry, if there is one."""
    return PRESETS.get(name)


class DataPanel(QWidget):
    """Controls for generating, painting and splitting the data; it emits intents only."""

    regenerate_requested = Signal(str, int, float, int, dict)
    test_ratio_changed = Signal(float)
    show_test_toggled = Signal(bool)
    discretize_toggled = Signal(bool)
    task_override_requested = Signal(str)
    brush_changed = Signal(float, int)
    paint_label_changed = Signal(object)
    tool_changed = Signal(str)
    clear_requested = Signal()
    class_count_changed = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._undo_stack: QUndoStack | None = None
        self._option_values: dict[str, int] = {}
        self.option_spins: dict[str, QSpinBox] = {}
        #: The forms' row captions, by the control they name.
        self.row_labels: dict[str, QLabel] = {}
        self._dataset: Dataset | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self._build_generator())
        layout.addWidget(self._build_paint())
        layout.addWidget(self._build_split())
        layout.addStretch(1)
        self.set_presets(PRESETS.keys())
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        """Set every caption, item text and tooltip in the current language."""
        self._generate_box.setTitle(self.tr("Generate"))
        self._paint_box.setTitle(self.tr("Paint"))
        self._split_box.setTitle(self.tr("Split and display"))
        captions = {
            "preset_combo": self.tr("Preset"),
            "points_spin": self.tr("Points"),
            "noise_slider": self.tr("Noise"),
            "seed_spin": self.tr("Seed"),
            "tool": self.tr("Tool"),
            "radius_slider": self.tr("Brush"),
            "density_slider": self.tr("Density"),
            "ratio_slider": self.tr("Test data"),
            "task_combo": self.tr("Task"),
        }
        for key, label in self.row_labels.items():
            label.setText(captions[key])
        for key, tip in tooltips.data_tips().items():
            if key in self.row_labels:
                self.row_labels[key].setToolTip(tip)
            if hasattr(self, key):
                getattr(self, key).setToolTip(tip)
        self.regenerate_button.setText(self.tr("Regenerate"))
        self.paint_button.setText(self.tr("Paint"))
        self.erase_button.setText(self.tr("Erase"))
        self.clear_button.setText(self.tr("Clear"))
        self.undo_button.setText(self.tr("Undo"))
        self.redo_button.setText(self.tr("Redo"))
        self.show_test_check.setText(self.tr("Show test data"))
        self.discretize_check.setText(self.tr("Discretize output"))
        for i, (_key, text) in enumerate(TASK_CHOICES):
            self.task_combo.setItemText(i, self.tr(text))
        for i in range(self.preset_combo.count()):
            preset = _preset(str(self.preset_combo.itemData(i)))
            if preset is not None:
                self.preset_combo.setItemText(i, tooltips.preset_label(preset.label))
                tip = tooltips.preset_tooltip(preset.label, preset.description)
                self.preset_combo.setItemData(i, tip, Qt.ItemDataRole.ToolTipRole)
        self._rebuild_options()
        if self._dataset is not None:
            self.set_dataset_info(self._dataset)
        self._on_undo_stack_changed()

    def changeEvent(self, event: QEvent) -> None:
        """Retranslate when the language changes."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _caption(self, key: str) -> QLabel:
        """A row caption, remembered so that its text can change with the language."""
        self.row_labels[key] = label = QLabel()
        return label

    # -- construction -------------------------------------------------------------------------

    def _build_generator(self) -> QGroupBox:
        """Preset, point count, noise, seed, preset options and Regenerate."""
        self._generate_box = box = QGroupBox()
        self.preset_combo = QComboBox()
        self.points_spin = spin(10, 5000, 200, 10)
        self.noise_slider = slider(0, 100, 0, 5)
        self.noise_label = value_label()
        self.seed_spin = spin(0, 999_999, 0)
        self.regenerate_button = QPushButton()
        self.options_form = QFormLayout()
        self.options_form.setContentsMargins(0, 0, 0, 0)
        form = QFormLayout(box)
        form.addRow(self._caption("preset_combo"), self.preset_combo)
        form.addRow(self._caption("points_spin"), self.points_spin)
        form.addRow(self._caption("noise_slider"), row(self.noise_slider, self.noise_label))
        form.addRow(self._caption("seed_spin"), self.seed_spin)
        form.addRow(self.options_form)
        form.addRow(self.regenerate_button)
        self._update_noise_label()
        self.preset_combo.currentIndexChanged.connect(self._on_preset_combo_index_changed)
        self.preset_combo.activated.connect(self._on_generator_edited)
        self.noise_slider.valueChanged.connect(self._on_noise_slider_value_changed)
        self.noise_slider.sliderReleased.connect(self._on_generator_edited)
        self.points_spin.valueChanged.connect(self._on_generator_edited)
        self.seed_spin.valueChanged.connect(self._on_generator_edited)
        self.regenerate_button.clicked.connect(self._on_generator_edited)
        return box

    def _build_paint(self) -> QGroupBox:
        """Class or target choice, tool, brush size and density, Clear, Undo and Redo."""
        self._paint_box = box = QGroupBox()
        self.class_picker = ClassPicker()
        self.paint_button = tool("")
        self.erase_button = tool("")
        self.paint_button.setChecked(True)
        self.tool_group = QButtonGroup(self)
        self.tool_group.addButton(self.paint_button)
        self.tool_group.addButton(self.erase_button)
        self.radius_slider = slider(1, 30, 5)
        self.density_slider = slider(1, 30, 5)
        self.radius_label = value_label()
        self.density_label = value_label()
        self.clear_button = QPushButton()
        self.undo_button = QPushButton()
        self.redo_button = QPushButton()
        self.undo_button.setEnabled(False)
        self.redo_button.setEnabled(False)
        tools = QHBoxLayout()
        tools.addWidget(self.paint_button)
        tools.addWidget(self.erase_button)
        tools.addStretch(1)
        form = QFormLayout(box)
        form.addRow(self.class_picker)
        form.addRow(self._caption("tool"), tools)
        form.addRow(self._caption("radius_slider"), row(self.radius_slider, self.radius_label))
        form.addRow(self._caption("density_slider"), row(self.density_slider, self.density_label))
        form.addRow(row(self.clear_button, self.undo_button, self.redo_button))
        self._update_brush_labels()
        self.class_picker.label_changed.connect(self.paint_label_changed)
        self.class_picker.class_count_changed.connect(self.class_count_changed)
        self.tool_group.buttonClicked.connect(self._on_tool_group_clicked)
        self.radius_slider.valueChanged.connect(self._on_brush_slider_value_changed)
        self.density_slider.valueChanged.connect(self._on_brush_slider_value_changed)
        self.clear_button.clicked.connect(self.clear_requested)
        return box

    def _build_split(self) -> QGroupBox:
        """Train/test ratio, task override, display toggles and the point counts."""
        self._split_box = box = QGroupBox()
        self.ratio_slider = slider(0, 90 // RATIO_STEP, 30 // RATIO_STEP)
        self.ratio_label = value_label()
        self.show_test_check = QCheckBox()
        self.show_test_check.setChecked(True)
        self.discretize_check = QCheckBox()
        self.task_combo = QComboBox()
        for key, _text in TASK_CHOICES:
            self.task_combo.addItem("", key)
        self.counts_label = QLabel()
        self.counts_label.setWordWrap(True)
        form = QFormLayout(box)
        form.addRow(self._caption("ratio_slider"), row(self.ratio_slider, self.ratio_label))
        form.addRow(self._caption("task_combo"), self.task_combo)
        form.addRow(self.show_test_check)
        form.addRow(self.discretize_check)
        form.addRow(self.counts_label)
        self._update_ratio_label()
        self.ratio_slider.valueChanged.connect(self._on_ratio_slider_value_changed)
        self.ratio_slider.sliderReleased.connect(self._on_ratio_slider_released)
        self.show_test_check.toggled.connect(self.show_test_toggled)
        self.discretize_check.toggled.connect(self.discretize_toggled)
        self.task_combo.currentIndexChanged.connect(self._on_task_combo_index_changed)
        return box

    # -- setters ------------------------------------------------------------------------------

    def set_presets(self, names: Iterable[str]) -> None:
        """List the preset generators ``names`` (labels and tooltips come from the registry)."""
        combo = self.preset_combo
        with QSignalBlocker(combo):
            combo.clear()
            for name in names:
                preset = _preset(name)
                label = str(getattr(preset, "label", name))
                combo.addItem(tooltips.preset_label(label), name)
                tip = tooltips.preset_tooltip(label, str(getattr(preset, "description", "")))
                combo.setItemData(combo.count() - 1, tip, Qt.ItemDataRole.ToolTipRole)
        self._rebuild_options()

    def set_dataset_info(self, dataset: Dataset) -> None:
        """Show the point counts and the class buttons (or target box) of ``dataset``."""
        self._dataset = dataset
        n_test = int(dataset.is_test.sum())
        regression = dataset.task == "regression"
        kind = (
            self.tr("regression")
            if regression
            else self.tr("{n} classes").format(n=dataset.n_classes)
        )
        text = self.tr("{total} points: {train} train, {test} test ({kind})")
        self.counts_label.setText(
            text.format(total=len(dataset), train=len(dataset) - n_test, test=n_test, kind=kind)
        )
        self.class_picker.set_dataset(dataset)

    def offer_classes(self, n: int) -> None:
        """Let the palette show ``n`` classes before the data has points of them all."""
        self.class_picker.offer_classes(n)

    def set_undo_stack(self, stack: QUndoStack | None) -> None:
        """Bind the Undo and Redo buttons to ``stack``."""
        old = self._undo_stack
        if old is not None:
            old.indexChanged.disconnect(self._on_undo_stack_changed)
            old.canRedoChanged.disconnect(self._on_undo_stack_changed)
            self.undo_button.clicked.disconnect(old.undo)
            self.redo_button.clicked.disconnect(old.redo)
        self._undo_stack = stack
        if stack is not None:
            stack.indexChanged.connect(self._on_undo_stack_changed)
            stack.canRedoChanged.connect(self._on_undo_stack_changed)
            self.undo_button.clicked.connect(stack.undo)
            self.redo_button.clicked.connect(stack.redo)
        self._on_undo_stack_changed()

    def set_test_ratio(self, ratio: float) -> None:
        """Show ``ratio`` on the slider without emitting."""
        with QSignalBlocker(self.ratio_slider):
            self.ratio_slider.setValue(round(ratio * 100 / RATIO_STEP))
        self._update_ratio_label()

    def set_task_override(self, task: str) -> None:
        """Show ``task`` (auto/binary/multiclass/regression) in the task box without emitting."""
        index = self.task_combo.findData(task)
        if index >= 0:
            with QSignalBlocker(self.task_combo):
                self.task_combo.setCurrentIndex(index)

    def settool(self, tool: str) -> None:
        """Show ``tool`` (paint/erase) as selected without emitting."""
        (self.erase_button if tool == "erase" else self.paint_button).setChecked(True)

    def set_generator(
        self, name: str, points: int, noise: float, seed: int, options: dict[str, int] | None = None
    ) -> None:
        """Show generator settings (and the preset's ``options``, e.g. arms) without emitting."""
        self._option_values.update(options or {})
        widgets = (self.preset_combo, self.points_spin, self.noise_slider, self.seed_spin)
        blockers = [QSignalBlocker(widget) for widget in widgets]
        self.preset_combo.setCurrentIndex(max(self.preset_combo.findData(name), 0))
        self.points_spin.setValue(points)
        self.noise_slider.setValue(round(noise * 100))
        self.seed_spin.setValue(seed)
        del blockers
        self._rebuild_options()
        self._update_noise_label()

    # -- getters ------------------------------------------------------------------------------

    def brush(self) -> tuple[float, int]:
        """Return the brush radius (data units) and density (points per dab)."""
        return self.radius_slider.value() * RADIUS_STEP, self.density_slider.value()

    def test_ratio(self) -> float:
        """Return the test fraction shown on the slider."""
        return self.ratio_slider.value() * RATIO_STEP / 100.0

    def generator(self) -> tuple[str, int, float, int]:
        """Return the preset, point count, noise and seed shown."""
        name = self.preset_combo.currentData()
        noise = self.noise_slider.value() / 100.0
        return str(name), self.points_spin.value(), noise, self.seed_spin.value()

    def generator_options(self) -> dict[str, int]:
        """Return the current preset's option values, e.g. ``{"arms": 3}``."""
        return {name: spin.value() for name, spin in self.option_spins.items()}

    # -- handlers -----------------------------------------------------------------------------

    def _rebuild_options(self) -> None:
        """Offer spin boxes for the options of the selected preset."""
        for name, box in self.option_spins.items():
            self._option_values[name] = box.value()
        while self.options_form.rowCount():
            self.options_form.removeRow(0)
        self.option_spins = {}
        preset = _preset(str(self.preset_combo.currentData()))
        for option in getattr(preset, "options", ()):
            value = self._option_values.get(option.name, option.default)
            box = spin(option.minimum, option.maximum, value)
            box.valueChanged.connect(self._on_generator_edited)
            box.setToolTip(tooltips.preset_option_tooltip(option.label))
            self.options_form.addRow(tooltips.preset_label(option.label), box)
            self.option_spins[option.name] = box

    def _on_preset_combo_index_changed(self, _index: int) -> None:
        """Show the options of the newly chosen preset."""
        self._rebuild_options()

    def _on_generator_edited(self, *_args: object) -> None:
        """Ask for fresh data with the current generator settings."""
        name = self.preset_combo.currentData()
        if name is None:
            return
        noise = self.noise_slider.value() / 100.0
        self.regenerate_requested.emit(
            str(name),
            self.points_spin.value(),
            noise,
            self.seed_spin.value(),
            self.generator_options(),
        )

    def _on_noise_slider_value_changed(self, _value: int) -> None:
        """Show the noise level; keyboard steps regenerate at once, drags on release."""
        self._update_noise_label()
        if not self.noise_slider.isSliderDown():
            self._on_generator_edited()

    def _update_noise_label(self) -> None:
        """Show the noise level next to its slider."""
        self.noise_label.setText(f"{self.noise_slider.value()}%")

    def _on_tool_group_clicked(self, button: QToolButton) -> None:
        """Announce the chosen tool."""
        self.tool_changed.emit("erase" if button is self.erase_button else "paint")

    def _on_brush_slider_value_changed(self, _value: int) -> None:
        """Announce the brush size and density."""
        self._update_brush_labels()
        self.brush_changed.emit(*self.brush())

    def _update_brush_labels(self) -> None:
        """Show the brush radius and density next to their sliders."""
        radius, density = self.brush()
        self.radius_label.setText(f"{radius:.1f}")
        self.density_label.setText(str(density))

    def _on_undo_stack_changed(self, *_args: object) -> None:
        """Enable Undo/Redo when possible and say what they would do."""
        if not (shiboken6.isValid(self.undo_button) and shiboken6.isValid(self.redo_button)):
            return  # the panel is being destroyed
        stack = self._undo_stack
        if stack is not None and not shiboken6.isValid(stack):
            stack = self._undo_stack = None  # destroyed with its data model
        undo = (self.undo_button, True, self.tr("Undo {action}"), self.tr("Nothing to undo"))
        redo = (self.redo_button, False, self.tr("Redo {action}"), self.tr("Nothing to redo"))
        for button, is_undo, able_tip, unable_tip in (undo, redo):
            able = stack is not None and (stack.canUndo() if is_undo else stack.canRedo())
            text = "" if stack is None else stack.undoText() if is_undo else stack.redoText()
            button.setEnabled(able)
            button.setToolTip(able_tip.format(action=text.lower()) if able else unable_tip)

    def _on_ratio_slider_value_changed(self, _value: int) -> None:
        """Show the ratio; keyboard steps apply at once, drags on release."""
        self._update_ratio_label()
        if not self.ratio_slider.isSliderDown():
            self.test_ratio_changed.emit(self.test_ratio())

    def _on_ratio_slider_released(self) -> None:
        """Apply the ratio chosen by dragging."""
        self.test_ratio_changed.emit(self.test_ratio())

    def _update_ratio_label(self) -> None:
        """Show the test percentage next to the slider."""
        self.ratio_label.setText(f"{self.test_ratio():.0%}")

    def _on_task_combo_index_changed(self, _index: int) -> None:
        """Ask for the chosen task."""
        self.task_override_requested.emit(str(self.task_combo.currentData()))
