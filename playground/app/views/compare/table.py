"""A table of the compared runs: each run's epoch, losses, metric and divergence in one row."""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QSignalBlocker, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from playground.app.i18n import QT_TRANSLATE_NOOP
from playground.app.views.compare.colors import run_color
from playground.app.views.numbers import DASH, compact
from playground.app.views.plots.axes import DIVERGED_COLOR

#: Column titles (translated when shown); the metric's two come from ``set_metric_name``.
COLUMNS: tuple[str, ...] = (
    QT_TRANSLATE_NOOP("CompareTable", "Run"),
    QT_TRANSLATE_NOOP("CompareTable", "Epoch"),
    QT_TRANSLATE_NOOP("CompareTable", "Train loss"),
    QT_TRANSLATE_NOOP("CompareTable", "Test loss"),
    "",
    "",
    QT_TRANSLATE_NOOP("CompareTable", "Diverged"),
)
RUN, EPOCH, TRAIN_LOSS, TEST_LOSS, TRAIN_METRIC, TEST_METRIC, DIVERGED = range(len(COLUMNS))
#: The metric's word in the column titles (translated when shown).
METRIC_SHORT: dict[str, str] = {"accuracy": QT_TRANSLATE_NOOP("CompareTable", "acc."), "R²": "R²"}
#: Text that sizes each numeric column: the widest value it normally shows.
COLUMN_SAMPLES: dict[int, str] = {
    EPOCH: "9,999,999",
    TRAIN_LOSS: "4.788e+28",
    TEST_LOSS: "4.788e+28",
    TRAIN_METRIC: "100.0%",
    TEST_METRIC: "100.0%",
}
SWATCH_SIZE = 12
_NUMBER_ALIGN = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def metric_text(value: float | None, metric: str) -> str:
    """Accuracy (a fraction) in percent with one decimal, anything else as a compact number."""
    if value is None or not math.isfinite(value):
        return DASH
    return f"{100 * value:.1f}%" if metric == "accuracy" else compact(value)


def swatch(color: QColor, size: int = SWATCH_SIZE) -> QIcon:
    """A small rounded square in ``color``, to stand for a run beside its label."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(color)
    painter.drawRoundedRect(0, 0, size, size, 3, 3)
    painter.end()
    return QIcon(pixmap)


class CompareTable(QTableWidget):
    """One row per run; selecting a row (click or arrow keys) emits :attr:`run_selected`."""

    run_selected = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, len(COLUMNS), parent)
        self._metric = "accuracy"
        self._labels: list[str] = []
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setWordWrap(False)
        self.setAlternatingRowColors(True)
        self.setIconSize(QSize(SWATCH_SIZE, SWATCH_SIZE))
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.set_metric_name("accuracy")
        self._fit_columns()
        self.itemSelectionChanged.connect(self._on_selection_changed)

    # -- runs ---------------------------------------------------------------------------------

    def set_runs(self, labels: list[str]) -> None:
        """Show one row per run, named by its label beside a swatch of its colour."""
        labels = list(labels)
        if labels == self._labels:
            return
        self._labels = labels
        with QSignalBlocker(self):
            self.clearSelection()
            self.setRowCount(len(labels))
            for row, label in enumerate(labels):
                for column in range(len(COLUMNS)):
                    if self.item(row, column) is None:
                        self.setItem(row, column, self._new_item(column))
                    self._cell(row, column).setText(DASH)
                name = self._cell(row, RUN)
                name.setText(label)
                name.setToolTip(label)
                name.setIcon(swatch(run_color(row)))
                self._set_diverged_style(row, False)
        self._fit_columns()
        self.updateGeometry()

    def set_metric_name(self, name: str) -> None:
        """Title the metric columns for ``name`` ("accuracy" or "R²") and format values so."""
        self._metric = name
        short = self.tr(METRIC_SHORT.get(name, name))
        titles = [self.tr(title) if title else "" for title in COLUMNS]
        titles[TRAIN_METRIC] = self.tr("Train {metric}").format(metric=short)
        titles[TEST_METRIC] = self.tr("Test {metric}").format(metric=short)
        self.setHorizontalHeaderLabels(titles)
        tips = {
            EPOCH: self.tr("Epochs each run has trained"),
            TRAIN_LOSS: self.tr("Mean loss over the training set"),
            TEST_LOSS: self.tr("Mean loss over the test set"),
            TRAIN_METRIC: self.tr("Accuracy (R² for regression) on the training set"),
            TEST_METRIC: self.tr("Accuracy (R² for regression) on the test set"),
            DIVERGED: self.tr(
                "When and why a run stopped: a loss or gradient that is no longer finite"
            ),
        }
        for column, tip in tips.items():
            item = self.horizontalHeaderItem(column)
            if item is not None:
                item.setToolTip(tip)

    def changeEvent(self, event: QEvent) -> None:
        """Retranslate the column titles when the language changes."""
        if event.type() == QEvent.Type.LanguageChange:
            self.set_metric_name(self._metric)
            self._fit_columns()
        super().changeEvent(event)

    @property
    def metric_name(self) -> str:
        """The metric the two metric columns show."""
        return self._metric

    def show_row(
        self,
        index: int,
        epoch: int,
        train_loss: float | None,
        test_loss: float | None,
        train_metric: float | None,
        test_metric: float | None,
        diverged: str | None,
    ) -> None:
        """Show run ``index``'s figures; ``diverged`` says when and why it stopped (None: not)."""
        if not 0 <= index < self.rowCount():
            raise IndexError(f"no run {index}: the table has {self.rowCount()} rows")
        texts = {
            EPOCH: f"{int(epoch):,}",
            TRAIN_LOSS: compact(train_loss),
            TEST_LOSS: compact(test_loss),
            TRAIN_METRIC: metric_text(train_metric, self._metric),
            TEST_METRIC: metric_text(test_metric, self._metric),
            DIVERGED: diverged or DASH,
        }
        refit = texts[DIVERGED] != self.text(index, DIVERGED)
        for column, text in texts.items():
            item = self._cell(index, column)
            if item.text() != text:
                item.setText(text)
        self._set_diverged_style(index, diverged is not None)
        if refit:
            self._fit_diverged()

    def set_selected(self, index: int) -> None:
        """Select row ``index`` (-1: none) without emitting :attr:`run_selected`."""
        with QSignalBlocker(self):
            if 0 <= index < self.rowCount():
                self.selectRow(index)
            else:
                self.clearSelection()

    def selected(self) -> int:
        """The selected row (-1: none)."""
        rows = self.selectionModel().selectedRows()
        return rows[0].row() if rows else -1

    def text(self, row: int, column: int) -> str:
        """The text of one cell (for tests and exports)."""
        item = self.item(row, column)
        return "" if item is None else item.text()

    def sizeHint(self) -> QSize:
        """Wide enough for every column and tall enough for every row (at least two)."""
        width = self.frameWidth() * 2 + sum(self.columnWidth(c) for c in range(self.columnCount()))
        rows = max(self.rowCount(), 2)
        height = self.horizontalHeader().sizeHint().height() + rows * self.rowHeight(0)
        if not self.rowCount():
            height = self.horizontalHeader().sizeHint().height() + rows * 24
        return QSize(width, height + self.frameWidth() * 2)

    # -- internals ----------------------------------------------------------------------------

    def _cell(self, row: int, column: int) -> QTableWidgetItem:
        """The item of a cell that :meth:`set_runs` made."""
        item = self.item(row, column)
        if item is None:
            raise IndexError(f"no cell ({row}, {column})")
        return item

    def _new_item(self, column: int) -> QTableWidgetItem:
        """An empty cell, right-aligned for numbers."""
        item = QTableWidgetItem()
        if column not in (RUN, DIVERGED):
            item.setTextAlignment(_NUMBER_ALIGN)
        return item

    def _set_diverged_style(self, row: int, diverged: bool) -> None:
        """Write a diverged run's divergence cell in red, and bold."""
        item = self._cell(row, DIVERGED)
        if item.data(Qt.ItemDataRole.UserRole) == diverged:
            return
        item.setData(Qt.ItemDataRole.UserRole, diverged)
        font = QFont(self.font())
        font.setBold(diverged)
        item.setFont(font)
        if diverged:
            item.setForeground(QBrush(QColor(DIVERGED_COLOR)))
        else:
            item.setData(Qt.ItemDataRole.ForegroundRole, None)

    def _fit_columns(self) -> None:
        """Size the numeric columns for their widest usual value, the run column for its labels."""
        metrics = self.fontMetrics()
        header = self.horizontalHeader()
        pad = 2 * self.style().pixelMetric(self.style().PixelMetric.PM_FocusFrameHMargin) + 16
        for column, sample in COLUMN_SAMPLES.items():
            title = self.horizontalHeaderItem(column)
            title_width = header.fontMetrics().horizontalAdvance(title.text() if title else "")
            width = max(metrics.horizontalAdvance(sample), title_width) + pad
            self.setColumnWidth(column, width)
        longest = max((metrics.horizontalAdvance(label) for label in self._labels), default=80)
        self.setColumnWidth(RUN, min(longest, 260) + SWATCH_SIZE + pad + 8)
        self._fit_diverged()

    def _fit_diverged(self) -> None:
        """Make the divergence column as wide as its longest text (in bold)."""
        bold = QFont(self.font())
        bold.setBold(True)
        metrics = QFontMetrics(bold)
        title = self.horizontalHeaderItem(DIVERGED)
        texts = [self.text(row, DIVERGED) for row in range(self.rowCount())]
        texts.append(title.text() if title else "")
        width = max(metrics.horizontalAdvance(text) for text in texts) + 24
        if width != self.columnWidth(DIVERGED):
            self.setColumnWidth(DIVERGED, width)
            self.updateGeometry()

    def _on_selection_changed(self) -> None:
        """Announce the run whose row the user selected."""
        row = self.selected()
        if row >= 0:
            self.run_selected.emit(row)
