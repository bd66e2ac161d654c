"""Helpers shared by the plots: palette colours, long-history curves, cached items, ranges."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pyqtgraph as pg
from numpy.typing import ArrayLike, NDArray
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QGraphicsItem, QWidget

#: Downsampled samples per pixel column. Peak downsampling keeps each bin's minimum and
#: maximum, so the picture barely changes, but pyqtgraph's default of 5 strokes about
#: three times as many wide segments as this.
DOWNSAMPLE_FACTOR = 1.5


def palette_colors(widget: QWidget) -> tuple[QColor, QColor]:
    """Return the background and text colours of the widget's palette."""
    palette = widget.palette()
    return palette.color(QPalette.ColorRole.Base), palette.color(QPalette.ColorRole.Text)


def style_axes(axes: Iterable[pg.AxisItem], text: QColor) -> None:
    """Draw the axes' lines and tick labels in the text colour."""
    for axis in axes:
        axis.setPen(pg.mkPen(text))
        axis.setTextPen(pg.mkPen(text))


def set_legend_text_color(legend: pg.LegendItem, color: QColor) -> None:
    """Recolour a legend's labels, re-rendering the existing ones."""
    legend.setLabelTextColor(color)
    for _sample, label in legend.items:
        label.setText(label.text, color=color)


def as_float_array(values: ArrayLike) -> NDArray[np.float64]:
    """Return the values as a 1-D float64 array."""
    return np.asarray(values, dtype=np.float64).reshape(-1)


def make_curve(color: str, dashed: bool = False, width: float = 2.0) -> pg.PlotDataItem:
    """Return an empty, downsampled, clipped curve for long histories."""
    style = Qt.PenStyle.DashLine if dashed else Qt.PenStyle.SolidLine
    curve = pg.PlotDataItem(pen=pg.mkPen(color, width=width, style=style))
    curve.opts["autoDownsampleFactor"] = DOWNSAMPLE_FACTOR
    curve.setDownsampling(auto=True, method="peak")
    curve.setClipToView(True)
    return curve


def cache_items(items: Iterable[QGraphicsItem | None]) -> None:
    """Paint items from a pixmap that is redrawn only when they change.

    Axes (with their grid lines), axis titles and legends change far less often than
    the curves, and redrawing their text was the largest part of every repaint.
    """
    for item in items:
        if item is not None:
            item.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)


def plot_static_items(plot_item: pg.PlotItem) -> list[QGraphicsItem | None]:
    """The axes of a plot and their titles."""
    axes = [plot_item.getAxis(name) for name in ("left", "bottom", "right", "top")]
    return [*axes, *(axis.label for axis in axes)]


def legend_static_items(legend: pg.LegendItem) -> list[QGraphicsItem | None]:
    """A legend, its samples and its labels."""
    return [legend, *(part for row in legend.items for part in row)]


def settle_auto_range(view_box: pg.ViewBox, tries: int = 3) -> None:
    """Fit an auto-ranging view to its new data now rather than in the coming paint.

    pyqtgraph fits the range while painting; the axes and the curves' downsampling then
    change after Qt has chosen what to repaint, so every update was painted twice.
    Refitting can change the downsampled bounds again, hence a few tries.
    """
    for _ in range(tries):
        if not getattr(view_box, "_autoRangeNeedsUpdate", False):
            break
        view_box.updateAutoRange()
    prepare_for_paint(view_box.scene())


def prepare_for_paint(scene: object) -> None:
    """Let a pyqtgraph scene's views apply their new ranges now, before Qt paints them.

    A view box moves its items to a new range only as the paint begins; the items'
    changed geometry then dirties the scene again after Qt has chosen what to repaint,
    and the whole plot was painted a second time in the next pass.
    """
    prepare = getattr(scene, "prepareForPaint", None)
    if prepare is not None:
        prepare()
