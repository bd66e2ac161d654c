"""Hover read-outs: the values of the curve point nearest the mouse, e.g. "epoch 1,234 · test
loss 0.183 · run relu".

A :class:`HoverReadout` watches one plot's view box. On every mouse move over it, it
asks its plot for the :class:`HoverTarget` items shown now (curves or scatters, each
with a function that words a point), finds the data point nearest the cursor on screen
(within :data:`RADIUS_PX`), marks it and shows the words beside it, wrapped and moved
so they stay inside the plot. It leaves when the mouse does; :meth:`HoverReadout.refresh`
reads out again where the mouse rests, for a plot whose items were just given new data.
The text item and the marker are made once; a move only moves them.

Log axes are handled: a curve in log mode is drawn at log10 of its values, and the
read-out measures the distance where the point is drawn and words the value itself.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np
import pyqtgraph as pg
from numpy.typing import NDArray
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPointF, QRectF
from PySide6.QtGui import QColor, QMouseEvent, QPalette

from playground.app.views.numbers import compact

#: Farthest a point may be from the cursor, in pixels, to be read out.
RADIUS_PX = 24.0
#: The read-out's text and its marker stay above the curves.
Z_VALUE = 1000
MARKER_SIZE = 9
#: Between the facts of a read-out; where it is too wide, its lines break here.
SEPARATOR = " · "

#: Words a point: ``label(index, x, y)`` with the point's row and data values.
Label = Callable[[int, float, float], str]


@dataclass(frozen=True)
class HoverTarget:
    """A plotted item the read-out may point at.

    Attributes
    ----------
    item : pg.PlotDataItem or pg.ScatterPlotItem
        Its data is read at hover time (``xData``/``yData``, or the scatter's points).
    label : callable
        ``label(index, x, y) -> str`` for the point at ``index``, with its data values.
    """

    item: pg.GraphicsObject
    label: Label


def epoch_label(series: str, run: str | None = None, unit: str = "") -> Label:
    """Word a history point: "epoch 1,234 · test loss 0.183 · run relu" (unit after the value)."""

    def label(index: int, x: float, y: float) -> str:
        epoch = QCoreApplication.translate("Plots", "epoch {n}").format(n=f"{round(x):,}")
        parts = [epoch, f"{series} {compact(y)}{unit}"]
        if run:
            parts.append(QCoreApplication.translate("Plots", "run {name}").format(name=run))
        return SEPARATOR.join(parts)

    return label


def item_points(item: pg.GraphicsObject) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """The data values of a curve or a scatter (empty arrays when it has none)."""
    if isinstance(item, pg.PlotDataItem):
        x, y = item.xData, item.yData
    elif isinstance(item, pg.ScatterPlotItem):
        x, y = item.data["x"], item.data["y"]
    else:
        raise TypeError(f"cannot read points of {type(item).__name__}")
    if x is None or y is None:
        return np.empty(0), np.empty(0)
    return np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)


def drawn_points(item: pg.GraphicsObject) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Where the item draws its points in scene (screen) pixels, NaN where it draws none."""
    x, y = item_points(item)
    log_x, log_y = getattr(item, "opts", {}).get("logMode", (False, False))
    with np.errstate(divide="ignore", invalid="ignore"):
        if log_x:
            x = np.log10(x)
        if log_y:
            y = np.log10(y)
    t = item.sceneTransform()
    sx = t.m11() * x + t.m21() * y + t.dx()
    sy = t.m12() * x + t.m22() * y + t.dy()
    return sx, sy


@dataclass(frozen=True)
class Hit:
    """The point read out: its target, row, data values and scene position."""

    target: HoverTarget
    index: int
    x: float
    y: float
    scene: QPointF

    @property
    def text(self) -> str:
        """The read-out's words."""
        return self.target.label(self.index, self.x, self.y)


def nearest(
    targets: Iterable[HoverTarget], pos: QPointF, inside: pg.QtCore.QRectF, radius: float
) -> Hit | None:
    """The visible point nearest ``pos`` on screen within ``radius``, drawn inside ``inside``."""
    best: Hit | None = None
    best_d = radius
    for target in targets:
        item = target.item
        if not item.isVisible():
            continue
        sx, sy = drawn_points(item)
        if not sx.size:
            continue
        with np.errstate(invalid="ignore"):
            d = np.hypot(sx - pos.x(), sy - pos.y())
            shown = (
                np.isfinite(d)
                & (sx >= inside.left())
                & (sx <= inside.right())
                & (sy >= inside.top())
                & (sy <= inside.bottom())
            )
        if not shown.any():
            continue
        d = np.where(shown, d, np.inf)
        i = int(np.argmin(d))
        if d[i] <= best_d:
            best_d = float(d[i])
            x, y = item_points(item)
            best = Hit(target, i, float(x[i]), float(y[i]), QPointF(sx[i], sy[i]))
    return best


class HoverReadout(QObject):
    """Reads out the point nearest the mouse over one plot (see the module docstring).

    Parameters
    ----------
    plot_item : pg.PlotItem
        The plot whose view box it watches and draws in.
    targets : callable
        Returns the items to consider now (only visible ones with data are read).
    radius : float
        Farthest a point may be from the cursor, in pixels.
    """

    def __init__(
        self,
        plot_item: pg.PlotItem,
        targets: Callable[[], Iterable[HoverTarget]],
        radius: float = RADIUS_PX,
    ) -> None:
        super().__init__(plot_item)
        self.plot_item = plot_item
        self.view: pg.ViewBox = plot_item.vb
        self._targets = targets
        self.radius = radius
        self.hit: Hit | None = None
        self._words = ""  # the read-out, in one line
        self._pos: QPointF | None = None  # where the mouse rests, in scene pixels
        self.text_item = pg.TextItem(anchor=(0, 1))
        self.text_item.setZValue(Z_VALUE)
        self.marker = pg.ScatterPlotItem(size=MARKER_SIZE, pen=pg.mkPen(width=1.5), brush=None)
        self.marker.setZValue(Z_VALUE)
        for item in (self.text_item, self.marker):
            item.setVisible(False)
            self.view.addItem(item, ignoreBounds=True)
        # The viewport's own mouse moves, not the scene's sigMouseMoved: that one drops
        # moves closer than 1/60 s to the last, often the one where the mouse came to rest.
        self._viewports = {view.viewport(): view for view in plot_item.scene().views()}
        for viewport in self._viewports:
            viewport.installEventFilter(self)

    @property
    def text(self) -> str:
        """The read-out shown now ("" while hidden)."""
        return self._words if self.hit is not None and self.text_item.isVisible() else ""

    def hover(self, pos: QPointF) -> Hit | None:
        """Read out the point nearest the scene position ``pos`` (hide when there is none)."""
        self._pos = pos
        rect = self.view.sceneBoundingRect()
        hit = nearest(self._targets(), pos, rect, self.radius) if rect.contains(pos) else None
        self.hit = hit
        if hit is None:
            self.hide()
            return None
        at = self.view.mapSceneToView(hit.scene)
        self.marker.setData([at.x()], [at.y()])
        self._style()
        self._words = hit.text
        self._fit(self._words, rect.width())
        self._place(hit.scene, rect)
        self.text_item.setVisible(True)
        self.marker.setVisible(True)
        return hit

    def refresh(self) -> Hit | None:
        """Read out again where the mouse rests over the plot (after its items changed)."""
        if self._pos is None:
            return None
        # The view box fits its range to new data only when it next paints: fit it now,
        # so the point found is the one drawn under the mouse.
        self.view.prepareForPaint()
        return self.hover(self._pos)

    def _width(self, text: str) -> float:
        self.text_item.setText(text)
        width: float = self.text_item.textItem.boundingRect().width()
        return width

    def _fit(self, words: str, width: float) -> None:
        """Show ``words`` in lines at most ``width`` pixels wide, broken between facts.

        A fact wider than that on its own wraps at its spaces.
        """
        self.text_item.setTextWidth(-1)
        if self._width(words) <= width:
            return
        lines: list[str] = []
        for part in words.split(SEPARATOR):
            longer = lines[-1] + SEPARATOR + part if lines else part
            if lines and self._width(longer) <= width:
                lines[-1] = longer
            else:
                lines.append(part)
        text = "\n".join(lines)
        if self._width(text) > width:
            self.text_item.setTextWidth(max(width, 1.0))

    def _place(self, point: QPointF, rect: QRectF) -> None:
        """Put the shown words beside ``point`` (scene pixels), moved to stay in ``rect``.

        They go to the left of points on the right half and below points in the top half,
        then shift in as far as they must.
        """
        size = self.text_item.textItem.boundingRect().size()
        w, h = size.width(), size.height()
        left = point.x() - w if point.x() > rect.center().x() else point.x()
        top = point.y() if point.y() < rect.center().y() else point.y() - h
        left = max(rect.left(), min(left, rect.right() - w))
        top = max(rect.top(), min(top, rect.bottom() - h))
        self.text_item.setAnchor((0.0, 0.0))
        self.text_item.setPos(self.view.mapSceneToView(QPointF(left, top)))

    def hide(self) -> None:
        """Take the read-out away."""
        self.text_item.setVisible(False)
        self.marker.setVisible(False)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Follow the mouse over the plot's widget; hide the read-out when it leaves."""
        if event.type() == QEvent.Type.MouseMove and isinstance(event, QMouseEvent):
            view = self._viewports.get(watched)
            if view is not None:
                self.hover(view.mapToScene(event.position().toPoint()))
        elif event.type() == QEvent.Type.Leave:
            self._pos = None
            self.hide()
        return False

    def _style(self) -> None:
        """Colour the words and the marker after the widget's palette (light or dark)."""
        views = self.plot_item.scene().views()
        palette = views[0].palette() if views else QPalette()
        text = palette.color(QPalette.ColorRole.Text)
        fill = QColor(palette.color(QPalette.ColorRole.Base))
        fill.setAlpha(225)
        self.text_item.setColor(text)
        self.text_item.fill = pg.mkBrush(fill)
        self.text_item.border = pg.mkPen(text.lighter(150) if text.lightnessF() < 0.5 else text)
        self.marker.setPen(pg.mkPen(text, width=1.5))
