"""The "Compare runs" dialog: what differs between the runs, and 2 to 4 values for it.

The dialog knows no settings of its own: the caller gives it the keys a comparison can
vary (:class:`CompareKeyInfo`, filled from the core's table) and the current run's
values, and reads the result back as a spec text such as ``activation=sigmoid,relu``.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from playground.app.i18n import COMPARE, QT_TRANSLATE_NOOP
from playground.app.views.compare.colors import run_color

MIN_RUNS, MAX_RUNS = 2, 4
#: Separates runs in a spec; a comma does too, except for keys whose values hold commas.
RUN_SEPARATOR = "/"
#: Keys whose values are lists with commas of their own (``hidden=8,8/4``).
LIST_KEYS = frozenset({"hidden", "features"})
#: Quick comparisons: (button text, key, values); the text is translated when shown.
PRESETS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    (QT_TRANSLATE_NOOP("CompareDialog", "sigmoid vs ReLU"), "activation", ("sigmoid", "relu")),
    (QT_TRANSLATE_NOOP("CompareDialog", "zero vs He init"), "init", ("zeros", "he_normal")),
    (QT_TRANSLATE_NOOP("CompareDialog", "learning rate 0.03 vs 3"), "lr", ("0.03", "3")),
)
MUTED = "#5f6368"
ERROR = "#b3261e"


@dataclass(frozen=True)
class CompareKeyInfo:
    """One setting the runs may differ in.

    Attributes
    ----------
    label : str
        Its name in the key combo, e.g. "learning rate".
    help : str
        What a value is, with an example; shown under the combo.
    choices : tuple of str or None
        The values it takes (a combo per run), or None for typed values (a line edit).
    lists : bool
        Its values hold commas, so ``/`` separates the runs in the spec text.
    """

    label: str
    help: str
    choices: tuple[str, ...] | None = None
    lists: bool = False


def same_value(a: str, b: str) -> bool:
    """Whether two typed values name one setting: equal text, or equal numbers (0.1, 0.10)."""
    a, b = a.strip().lower(), b.strip().lower()
    if a == b:
        return True
    try:
        return float(a) == float(b)
    except ValueError:
        return False


def split_spec(text: str, lists: bool = False) -> tuple[str, list[str]]:
    """Split ``KEY=V1,V2[,V3,V4]`` into the key and its values (``/`` also separates runs)."""
    key, sep, rest = text.partition("=")
    if not sep:
        raise ValueError(f"a compare spec reads KEY=V1,V2, got {text!r}")
    key = key.strip().lower()
    separator = RUN_SEPARATOR if lists or key in LIST_KEYS or RUN_SEPARATOR in rest else ","
    return key, [part.strip() for part in rest.split(separator)]


def _help(info: CompareKeyInfo) -> str:
    """A compare key's help, translated (the core's table holds it in English)."""
    return QCoreApplication.translate(COMPARE, info.help)


class ValueRow(QWidget):
    """One run's value: a swatch and "Run N", a combo or line edit, and a remove button."""

    changed = Signal()
    remove_requested = Signal(object)

    def __init__(self, choices: tuple[str, ...] | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.caption = QLabel()
        self.editor: QComboBox | QLineEdit
        if choices is not None:
            combo = QComboBox()
            combo.addItems(list(choices))
            combo.currentIndexChanged.connect(self.changed)
            self.editor = combo
        else:
            edit = QLineEdit()
            edit.textChanged.connect(self.changed)
            self.editor = edit
        self.remove_button = QToolButton()
        self.remove_button.setText("−")
        self.remove_button.setToolTip(self.tr("Remove this run"))
        self.remove_button.clicked.connect(lambda: self.remove_requested.emit(self))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.caption)
        layout.addWidget(self.editor, 1)
        layout.addWidget(self.remove_button)

    def set_index(self, index: int) -> None:
        """Name the row after its run, in the run's colour."""
        color = run_color(index)
        caption = self.tr("Run {n}")
        self.caption.setText(caption.format(n=index + 1))
        self.caption.setStyleSheet(f"color: {color.name()}; font-weight: bold;")
        widest = self.caption.fontMetrics().horizontalAdvance(caption.format(n=4))
        self.caption.setMinimumWidth(widest + 8)

    def value(self) -> str:
        """The value as typed or chosen, without surrounding blanks."""
        if isinstance(self.editor, QComboBox):
            return self.editor.currentText().strip()
        return self.editor.text().strip()

    def set_value(self, value: str) -> None:
        """Show ``value`` (a choice the combo lacks is added to it)."""
        if isinstance(self.editor, QComboBox):
            index = self.editor.findText(value)
            if index < 0 and value:
                self.editor.addItem(value)
                index = self.editor.count() - 1
            self.editor.setCurrentIndex(max(index, 0))
        else:
            self.editor.setText(value)


class CompareDialog(QDialog):
    """Pick the setting the runs differ in and one value per run (2 to 4 runs)."""

    def __init__(
        self,
        keys: dict[str, CompareKeyInfo],
        current: dict[str, str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        if not keys:
            raise ValueError("a comparison needs at least one setting to vary")
        self.setWindowTitle(self.tr("Compare runs"))
        self._keys = dict(keys)
        self._current = dict(current)
        self.rows: list[ValueRow] = []

        intro = QLabel(
            self.tr(
                "Train 2 to 4 copies of the current run side by side, in lock step: same data, "
                "same seed, same mini-batches, differing only in the setting chosen here."
            )
        )
        intro.setWordWrap(True)
        self.preset_buttons: dict[str, QPushButton] = {}
        presets = QHBoxLayout()
        presets.addWidget(QLabel(self.tr("Try:")))
        for title, key, values in PRESETS:
            button = QPushButton(self.tr(title))
            button.setToolTip(f"{key}={','.join(values)}")
            button.setAutoDefault(False)
            button.setEnabled(self._accepts(key, values))
            button.clicked.connect(lambda _=False, k=key, v=values: self.set_spec(k, list(v)))
            presets.addWidget(button)
            self.preset_buttons[title] = button
        presets.addStretch(1)

        self.key_combo = QComboBox()
        for key, info in self._keys.items():
            self.key_combo.addItem(info.label, key)
            self.key_combo.setItemData(
                self.key_combo.count() - 1, _help(info), Qt.ItemDataRole.ToolTipRole
            )
        self.help_label = QLabel()
        self.help_label.setWordWrap(True)
        self.help_label.setStyleSheet(f"color: {MUTED};")
        form = QFormLayout()
        form.addRow(self.tr("What differs:"), self.key_combo)
        form.addRow("", self.help_label)

        self.rows_layout = QVBoxLayout()
        self.rows_layout.setSpacing(4)
        self.add_button = QPushButton(self.tr("Add run"))
        self.add_button.setToolTip(self.tr("Add another run (at most {n})").format(n=MAX_RUNS))
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(lambda: self._add_row(""))
        add_row = QHBoxLayout()
        add_row.addWidget(self.add_button)
        add_row.addStretch(1)
        self.problem_label = QLabel()
        self.problem_label.setStyleSheet(f"color: {ERROR};")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Compare"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(presets)
        layout.addLayout(form)
        layout.addLayout(self.rows_layout)
        layout.addLayout(add_row)
        layout.addWidget(self.problem_label)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

        self.key_combo.currentIndexChanged.connect(self._on_key_changed)
        self._on_key_changed()

    # -- reading ------------------------------------------------------------------------------

    def key(self) -> str:
        """The key of the setting that differs."""
        return str(self.key_combo.currentData())

    def values(self) -> list[str]:
        """One value per run, as typed or chosen."""
        return [row.value() for row in self.rows]

    def separator(self) -> str:
        """What separates the runs' values in :meth:`spec_text`."""
        info = self._keys[self.key()]
        lists = info.lists or self.key() in LIST_KEYS or any("," in v for v in self.values())
        return RUN_SEPARATOR if lists else ","

    def spec_text(self) -> str:
        """The comparison as ``key=v1,v2[,v3,v4]`` (``/`` between values holding commas)."""
        return f"{self.key()}={self.separator().join(self.values())}"

    def problem(self) -> str | None:
        """Why the values cannot be compared yet (None when they can)."""
        values = self.values()
        if not MIN_RUNS <= len(values) <= MAX_RUNS:
            return self.tr("Give {low} to {high} values.").format(low=MIN_RUNS, high=MAX_RUNS)
        for i, value in enumerate(values):
            if not value:
                return self.tr("Give run {n} a value.").format(n=i + 1)
            for j in range(i):
                if same_value(values[j], value):
                    text = self.tr("Runs {first} and {second} have the same value.")
                    return text.format(first=j + 1, second=i + 1)
        return None

    # -- presetting ---------------------------------------------------------------------------

    def set_spec(self, key: str, values: list[str]) -> None:
        """Show ``key`` with one row per value (2 to 4 of them)."""
        index = self.key_combo.findData(key)
        if index < 0:
            raise ValueError(f"cannot compare {key!r}; choose from {', '.join(self._keys)}")
        if not MIN_RUNS <= len(values) <= MAX_RUNS:
            raise ValueError(f"compare takes {MIN_RUNS} to {MAX_RUNS} values, got {len(values)}")
        self.key_combo.blockSignals(True)
        self.key_combo.setCurrentIndex(index)
        self.key_combo.blockSignals(False)
        self._show_key(values)

    def set_spec_text(self, text: str) -> None:
        """Preset the dialog from a spec such as ``lr=0.03,3`` (to reopen a comparison)."""
        key, _sep, _rest = text.partition("=")
        info = self._keys.get(key.strip().lower())
        key, values = split_spec(text, info.lists if info else False)
        self.set_spec(key, values)

    # -- internals ----------------------------------------------------------------------------

    def _accepts(self, key: str, values: tuple[str, ...]) -> bool:
        """Whether a preset fits the keys given: its key is there and its values are choices."""
        info = self._keys.get(key)
        if info is None:
            return False
        return info.choices is None or all(v in info.choices for v in values)

    def _default_values(self, key: str) -> list[str]:
        """The current run's value first, then a different choice (or nothing to type over)."""
        info = self._keys[key]
        first = self._current.get(key, "")
        if info.choices is None:
            return [first, ""]
        first = first if first else info.choices[0]
        others = [choice for choice in info.choices if choice != first]
        return [first, others[0] if others else ""]

    def _on_key_changed(self) -> None:
        """Show the new key's help and value rows, starting from the current run's value."""
        self._show_key(self._default_values(self.key()))

    def _show_key(self, values: list[str]) -> None:
        """Replace the value rows with editors for the current key, holding ``values``."""
        info = self._keys[self.key()]
        self.help_label.setText(_help(info))
        self.key_combo.setToolTip(_help(info))
        for row in self.rows:
            self._drop(row)
        self.rows = []
        for value in values:
            self._add_row(value)
        self._update()

    def _add_row(self, value: str) -> None:
        """Add one run's editor holding ``value``."""
        if len(self.rows) >= MAX_RUNS:
            return
        row = ValueRow(self._keys[self.key()].choices, self)
        row.set_value(value)
        if isinstance(row.editor, QLineEdit):
            row.editor.setPlaceholderText(_help(self._keys[self.key()]))
        row.changed.connect(self._update)
        row.remove_requested.connect(self._remove_row)
        self.rows.append(row)
        self.rows_layout.addWidget(row)
        self._update()

    def _remove_row(self, row: ValueRow) -> None:
        """Drop one run (never below two)."""
        if len(self.rows) <= MIN_RUNS or row not in self.rows:
            return
        self.rows.remove(row)
        self._drop(row)
        self._update()

    def _drop(self, row: ValueRow) -> None:
        """Take a row out of the dialog now (it is deleted once control returns to Qt)."""
        self.rows_layout.removeWidget(row)
        row.hide()
        row.deleteLater()

    def _update(self) -> None:
        """Renumber the rows, enable add and remove, and enable OK only for a valid choice."""
        for index, row in enumerate(self.rows):
            row.set_index(index)
            row.remove_button.setEnabled(len(self.rows) > MIN_RUNS)
        self.add_button.setEnabled(len(self.rows) < MAX_RUNS)
        problem = self.problem()
        self.problem_label.setText(problem or "")
        self.ok_button.setEnabled(problem is None)
        self.ok_button.setToolTip(
            problem or self.tr("Compare {spec}").format(spec=self.spec_text())
        )
