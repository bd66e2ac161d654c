"""One confusion matrix drawn as coloured cells: the count and the row's percentage in each.

Rows are the true classes (top to bottom), columns the predicted ones (left to right). A
cell's colour is its share of its row, so a good classifier shows a dark diagonal. The
image, the hover targets and the cell texts are made once per number of classes; a new
matrix only changes their data, and only the texts and the title that changed.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from numpy.typing import NDArray
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QGraphicsItem, QWidget

from playground.app.i18n import QT_TRANSLATE_NOOP
from playground.app.views.numbers import compact
from playground.app.views.plots.hover import HoverReadout, HoverTarget
from playground.app.views.plots.plot_tools import (
    cache_items,
    palette_colors,
    plot_static_items,
    prepare_for_paint,
    style_axes,
)
from playground.core.confusion import accuracy, row_fractions

#: The colour of a cell holding its whole row.
FULL_COLOR = "#1a73e8"
#: Which points a matrix counts, as its title says them (translated where shown).
WHICH_TEXTS = (
    QT_TRANSLATE_NOOP("ConfusionPlot", "train"),
    QT_TRANSLATE_NOOP("ConfusionPlot", "test"),
)
#: Cells darker than this share of the row get white text.
WHITE_TEXT_FROM = 0.55
WHITE = QColor("white")
#: Farthest the mouse may be from a cell's centre to read it (cells are large).
HOVER_RADIUS_PX = 400.0


def percent(fraction: float) -> str:
    """A share as "8.5%" ("–" for NaN)."""
    return "–" if not np.isfinite(fraction) else f"{compact(100.0 * fraction, 3)}%"


class ConfusionPlot(pg.GraphicsLayoutWidget):  # type: ignore[misc]  # pyqtgraph has no types
    """A k-by-k confusion matrix (see the module docstring); :meth:`show_matrix` fills it."""

    def __init__(self, which: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.which = which
        self.run: str | None = None
        self.counts: NDArray[np.int64] = np.zeros((0, 0), dtype=np.int64)
        self.fractions = np.zeros((0, 0))
        self.ci.setContentsMargins(2, 2, 2, 2)
        self.plot_item: pg.PlotItem = self.addPlot(row=0, col=0)
        self.plot_item.setMenuEnabled(False, enableViewBoxMenu=False)
        self.plot_item.setMouseEnabled(x=False, y=False)
        self.plot_item.hideButtons()
        self.plot_item.invertY(True)
        self.plot_item.setAspectLocked(True)
        self.image = pg.ImageItem(levels=(0.0, 1.0))
        self.plot_item.addItem(self.image)
        self.centres = pg.ScatterPlotItem(size=1, pen=None, brush=None)  # hover targets
        self.plot_item.addItem(self.centres)
        self.cell_texts: list[pg.TextItem] = []
        self._title: str | None = None
        self.hover = HoverReadout(self.plot_item, self._hover_targets, radius=HOVER_RADIUS_PX)
        cache_items(plot_static_items(self.plot_item))
        self.retranslate_ui()
        self._apply_palette()

    def retranslate_ui(self) -> None:
        """Say the axes' labels and the title in the current language."""
        predicted = QCoreApplication.translate("ConfusionPlot", "predicted class")
        self.plot_item.setLabel("bottom", predicted)
        self.plot_item.setLabel("left", QCoreApplication.translate("ConfusionPlot", "true class"))
        self._title = None
        if self.n_classes:
            self.show_matrix(self.counts, self.run)

    def _which(self) -> str:
        """Which points the matrix counts, in the current language."""
        return QCoreApplication.translate("ConfusionPlot", self.which)

    @property
    def n_classes(self) -> int:
        """Classes of the matrix shown."""
        return int(self.counts.shape[0])

    def show_matrix(self, counts: NDArray[np.int64], run: str | None = None) -> None:
        """Show a (k, k) matrix of counts, titled with its points and accuracy."""
        counts = np.asarray(counts, dtype=np.int64)
        k = counts.shape[0]
        if k != self.n_classes:
            self._make_cells(k)
        self.counts = counts
        self.run = run
        self.fractions = row_fractions(counts)
        self.image.setImage(np.nan_to_num(self.fractions.T, nan=0.0), levels=(0.0, 1.0))
        self.image.setRect(0.0, 0.0, float(k), float(k))
        ink = palette_colors(self)[1]
        for i in range(k):
            for j in range(k):
                text = self.cell_texts[i * k + j]
                share = self.fractions[i, j]
                dark = np.isfinite(share) and share >= WHITE_TEXT_FROM
                _set_text(text, f"{counts[i, j]:,}\n{percent(share)}", WHITE if dark else ink)
        total = int(counts.sum())
        acc = accuracy(counts)
        title = QCoreApplication.translate("ConfusionPlot", "{which} · {total} points").format(
            which=self._which(), total=f"{total:,}"
        )
        if total:
            said = QCoreApplication.translate("ConfusionPlot", " · accuracy {accuracy}")
            title += said.format(accuracy=percent(acc))
        if title != self._title:  # a new title lays the plot out again
            self._title = title
            self.plot_item.setTitle(title, size="9pt")
        prepare_for_paint(self.scene())

    def cell_text(self, true: int, predicted: int) -> str:
        """The words in a cell: its count and its share of the row."""
        text: str = self.cell_texts[true * self.n_classes + predicted].toPlainText()
        return text

    def _make_cells(self, k: int) -> None:
        """Make the texts and hover targets of k-by-k cells, and number the axes."""
        for text in self.cell_texts:
            self.plot_item.removeItem(text)
        self.cell_texts = []
        for i in range(k):
            for j in range(k):
                text = pg.TextItem(anchor=(0.5, 0.5))
                text.textItem.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
                text.setPos(j + 0.5, i + 0.5)
                self.plot_item.addItem(text)
                self.cell_texts.append(text)
        rows, cols = np.divmod(np.arange(k * k), k)
        self.centres.setData(cols + 0.5, rows + 0.5)
        ticks = [[(c + 0.5, str(c)) for c in range(k)]]
        self.plot_item.getAxis("bottom").setTicks(ticks)
        self.plot_item.getAxis("left").setTicks(ticks)
        self.plot_item.setRange(xRange=(0, k), yRange=(0, k), padding=0.02)

    def _hover_targets(self) -> list[HoverTarget]:
        return [HoverTarget(self.centres, self._cell_label)]

    def _cell_label(self, index: int, x: float, y: float) -> str:
        k = self.n_classes
        i, j = divmod(index, k)
        words = QCoreApplication.translate(
            "ConfusionPlot",
            "{which} · true {true} → predicted {predicted} · {count} points "
            "({share} of true {true})",
        ).format(
            which=self._which(),
            true=i,
            predicted=j,
            count=f"{self.counts[i, j]:,}",
            share=percent(self.fractions[i, j]),
        )
        run = QCoreApplication.translate("ConfusionPlot", " · run {name}")
        return words + (run.format(name=self.run) if self.run else "")

    def changeEvent(self, event: QEvent) -> None:
        """Restyle the cells when the application palette changes."""
        # The base class's __init__ changes the palette before this one's has run.
        if event.type() == QEvent.Type.PaletteChange and hasattr(self, "image"):
            self._apply_palette()
            if self.n_classes:
                self.show_matrix(self.counts, self.run)
        elif event.type() == QEvent.Type.LanguageChange and hasattr(self, "image"):
            self.retranslate_ui()
        super().changeEvent(event)

    def _apply_palette(self) -> None:
        background, text = palette_colors(self)
        self.setBackground(background)
        style_axes((self.plot_item.getAxis(n) for n in ("left", "bottom")), text)
        low = QColor(background)
        colormap = pg.ColorMap([0.0, 1.0], [low, QColor(FULL_COLOR)])
        self.image.setLookupTable(colormap.getLookupTable(nPts=256))


def _set_text(item: pg.TextItem, text: str, color: QColor) -> None:
    """Give a cell's text item new words or a new colour, if they changed."""
    if item.toPlainText() != text:
        item.setText(text)
    if item.color != color:
        item.setColor(color)
