"""Results at a glance: a classifier's confusion matrices (train and test) or a regression's
residuals, for one run.

A classifier shows two :class:`ConfusionPlot` side by side, training points and test
points; a regression shows each point's residual (target minus prediction) against its
target, training points filled and test points hollow. "Points" shows both sets or one
of them. While runs are compared, "Run" picks whose results are shown (the title names
it); the view asks for it with :attr:`ResultsView.run_selected`.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from numpy.typing import ArrayLike, NDArray
from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from playground.app.i18n import QT_TRANSLATE_NOOP
from playground.app.views.lenses.confusion_plot import ConfusionPlot
from playground.app.views.numbers import compact
from playground.app.views.plots.axes import CompactAxis
from playground.app.views.plots.hover import HoverReadout, HoverTarget, Label
from playground.app.views.plots.plot_tools import palette_colors, style_axes

TRAIN_COLOR = "#1a73e8"
TEST_COLOR = "#e8710a"
#: The "Points" choices: which sets of points are shown.
SPLITS = {
    QT_TRANSLATE_NOOP("ResultsView", "train and test"): (True, True),
    QT_TRANSLATE_NOOP("ResultsView", "train"): (True, False),
    QT_TRANSLATE_NOOP("ResultsView", "test"): (False, True),
}
#: What the title says the page shows (translated where shown).
PAGE_TITLES = (
    QT_TRANSLATE_NOOP("ResultsView", "Confusion"),
    QT_TRANSLATE_NOOP("ResultsView", "Residuals"),
)
PAGE_WAITING, PAGE_MATRICES, PAGE_RESIDUALS = range(3)


def _residual_label(which: str, view: ResultsView) -> Label:
    def label(index: int, x: float, y: float) -> str:
        if which == "train":
            said = QCoreApplication.translate(
                "ResultsView", "target {target} · residual {residual} · train point"
            )
        else:
            said = QCoreApplication.translate(
                "ResultsView", "target {target} · residual {residual} · test point"
            )
        words = said.format(target=compact(x), residual=compact(y, sign=True))
        run = QCoreApplication.translate("ResultsView", " · run {name}")
        return words + (run.format(name=view.run) if view.run else "")

    return label


class ResultsView(QWidget):
    """Confusion matrices or residuals of one run (see the module docstring)."""

    #: The compared run to show, by its index in the runs.
    run_selected = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.run: str | None = None
        #: What is shown: the run id, epoch and snapshot number it came from (None: nothing).
        self.shown: tuple[int, int, int] | None = None
        self._labels: list[str] = []

        self.title_label = QLabel()
        # The caption grows with the epoch: were its width the label's least, each new
        # digit would widen the dock and lay out (and repaint) the whole window.
        self.title_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.run_label = QLabel()
        self.run_combo = QComboBox()
        self.run_combo.currentIndexChanged.connect(self._on_run_changed)
        self.split_combo = QComboBox()
        for key in SPLITS:
            self.split_combo.addItem(key, key)
        self.split_combo.currentTextChanged.connect(self._apply_split)
        for widget in (self.run_label, self.run_combo):
            widget.setVisible(False)

        self.train_matrix = ConfusionPlot("train")
        self.test_matrix = ConfusionPlot("test")
        matrices = QWidget()
        row = QHBoxLayout(matrices)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.train_matrix)
        row.addWidget(self.test_matrix)

        self.residual_graphics = pg.GraphicsLayoutWidget()
        self.residual_plot: pg.PlotItem = self.residual_graphics.addPlot(
            axisItems={"left": CompactAxis("left"), "bottom": CompactAxis("bottom")}
        )
        self.residual_plot.setMenuEnabled(False, enableViewBoxMenu=True)
        self.residual_plot.showGrid(x=True, y=True, alpha=0.12)
        self.residual_plot.addItem(
            pg.InfiniteLine(0.0, angle=0, pen=pg.mkPen("#9aa0a6", width=1)), ignoreBounds=True
        )
        self.train_points = pg.ScatterPlotItem(
            size=6, pen=pg.mkPen(None), brush=pg.mkBrush(TRAIN_COLOR), name="train"
        )
        self.test_points = pg.ScatterPlotItem(
            size=7, pen=pg.mkPen(TEST_COLOR, width=1.5), brush=pg.mkBrush(None), name="test"
        )
        self.residual_plot.addItem(self.train_points)
        self.residual_plot.addItem(self.test_points)
        self.residual_legend = self.residual_plot.addLegend(offset=(-6, 6), labelTextSize="8pt")
        self.residual_legend.addItem(self.train_points, "")
        self.residual_legend.addItem(self.test_points, "")
        self.residual_hover = HoverReadout(self.residual_plot, self._residual_targets)

        self.waiting_label = QLabel()
        self.waiting_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.waiting_label.setWordWrap(True)
        self.stack = QStackedWidget()
        for page in (self.waiting_label, matrices, self.residual_graphics):
            self.stack.addWidget(page)

        top = QHBoxLayout()
        top.setContentsMargins(4, 0, 4, 0)
        top.addWidget(self.title_label, 1)
        top.addWidget(self.run_label)
        top.addWidget(self.run_combo)
        self._points_label = QLabel()
        top.addWidget(self._points_label)
        top.addWidget(self.split_combo)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addWidget(self.stack, 1)
        self._title: tuple[str, str] | None = None
        self._waiting: str | None = None
        self.retranslate_ui()
        self._apply_palette()

    def retranslate_ui(self) -> None:
        """Say the controls' texts and the title in the current language."""
        self.run_label.setText(QCoreApplication.translate("ResultsView", "Run"))
        self.run_combo.setToolTip(
            QCoreApplication.translate(
                "ResultsView", "Whose results to show while runs are compared"
            )
        )
        for i, key in enumerate(SPLITS):
            self.split_combo.setItemText(i, QCoreApplication.translate("ResultsView", key))
        self.split_combo.setToolTip(
            QCoreApplication.translate(
                "ResultsView", "Show the training points, the test points, or both"
            )
        )
        self._points_label.setText(QCoreApplication.translate("ResultsView", "Points"))
        self.residual_plot.setLabel("bottom", QCoreApplication.translate("ResultsView", "target"))
        self.residual_plot.setLabel(
            "left", QCoreApplication.translate("ResultsView", "residual (target − prediction)")
        )
        legend = {
            self.train_points: QCoreApplication.translate("ResultsView", "train (filled)"),
            self.test_points: QCoreApplication.translate("ResultsView", "test (hollow)"),
        }
        for sample, label in self.residual_legend.items:
            label.setText(legend.get(sample.item, label.text))
        if self._waiting is None:
            self.waiting_label.setText(
                QCoreApplication.translate(
                    "ResultsView", "Results appear once the network has seen the data."
                )
            )
        if self._title is None:
            self.title_label.setText(QCoreApplication.translate("ResultsView", "Results"))
        else:
            self._show_title(*self._title)

    @property
    def selected_run(self) -> int:
        """Index of the compared run chosen in "Run" (0 while one run is shown)."""
        return max(self.run_combo.currentIndex(), 0)

    @property
    def split(self) -> tuple[bool, bool]:
        """Whether training points and test points are shown."""
        key = self.split_combo.currentData()
        return SPLITS[key if key in SPLITS else self.split_combo.currentText()]

    def set_runs(self, labels: list[str], active: int = 0) -> None:
        """Offer the compared runs in "Run", choosing ``active`` when they change.

        No labels (one run): the selector goes away.
        """
        comparing = bool(labels)
        self.run_label.setVisible(comparing)
        self.run_combo.setVisible(comparing)
        if labels == self._labels:
            return
        self._labels = list(labels)
        self.run_combo.blockSignals(True)
        self.run_combo.clear()
        self.run_combo.addItems(labels)
        if labels:
            self.run_combo.setCurrentIndex(min(max(active, 0), len(labels) - 1))
        self.run_combo.blockSignals(False)

    def show_waiting(self, text: str) -> None:
        """Show ``text`` instead of results (no point pass yet)."""
        self.shown = None
        self._waiting = text
        self.waiting_label.setText(text)
        self.stack.setCurrentIndex(PAGE_WAITING)

    def show_confusion(
        self,
        train: NDArray[np.int64],
        test: NDArray[np.int64],
        caption: str,
        run: str | None = None,
    ) -> None:
        """Show the training and the test confusion matrices, each (k, k)."""
        self.run = run
        self.train_matrix.show_matrix(train, run)
        self.test_matrix.show_matrix(test, run)
        self._show_title("Confusion", caption)
        self.stack.setCurrentIndex(PAGE_MATRICES)
        self._apply_split()

    def show_residuals(
        self,
        train_targets: ArrayLike,
        train_residuals: ArrayLike,
        test_targets: ArrayLike,
        test_residuals: ArrayLike,
        caption: str,
        run: str | None = None,
    ) -> None:
        """Show each point's residual against its target: training and test points."""
        self.run = run
        self.train_points.setData(**_finite(train_targets, train_residuals))
        self.test_points.setData(**_finite(test_targets, test_residuals))
        self._show_title("Residuals", caption)
        self.stack.setCurrentIndex(PAGE_RESIDUALS)
        self._apply_split()

    def changeEvent(self, event: QEvent) -> None:
        """Restyle the residual plot when the application palette changes."""
        if event.type() == QEvent.Type.PaletteChange:
            self._apply_palette()
        elif event.type() == QEvent.Type.LanguageChange:
            self.shown = None  # the presenter's captions are said again at the next frame
            self.retranslate_ui()
        super().changeEvent(event)

    def _show_title(self, what: str, caption: str) -> None:
        self._title = (what, caption)
        run = QCoreApplication.translate("ResultsView", " · run {name}").format(name=self.run)
        said = QCoreApplication.translate("ResultsView", what)
        self.title_label.setText(f"{said}{run if self.run else ''} · {caption}")
        if what == "Confusion":
            tip = QCoreApplication.translate(
                "ResultsView",
                "Counted at the latest point pass (up to 2,000 points, evenly thinned). "
                "Rows: true class; columns: predicted class; each cell's share is of its row.",
            )
        else:
            tip = QCoreApplication.translate(
                "ResultsView",
                "Residual = target − prediction: above zero the network predicts too low.",
            )
        self.title_label.setToolTip(tip)

    def _apply_split(self) -> None:
        train, test = self.split
        self.train_matrix.setVisible(train)
        self.test_matrix.setVisible(test)
        self.train_points.setVisible(train)
        self.test_points.setVisible(test)

    def _on_run_changed(self, index: int) -> None:
        if index >= 0:
            self.run_selected.emit(index)

    def _residual_targets(self) -> list[HoverTarget]:
        return [
            HoverTarget(self.train_points, _residual_label("train", self)),
            HoverTarget(self.test_points, _residual_label("test", self)),
        ]

    def _apply_palette(self) -> None:
        background, text = palette_colors(self)
        self.residual_graphics.setBackground(background)
        style_axes((self.residual_plot.getAxis(n) for n in ("left", "bottom")), text)
        self.residual_legend.setLabelTextColor(text)


def _finite(x: ArrayLike, y: ArrayLike) -> dict[str, NDArray[np.float64]]:
    """The points with both coordinates finite, as ScatterPlotItem data."""
    xs = np.asarray(x, dtype=np.float64).reshape(-1)
    ys = np.asarray(y, dtype=np.float64).reshape(-1)
    keep = np.isfinite(xs) & np.isfinite(ys)
    return {"x": xs[keep], "y": ys[keep]}
