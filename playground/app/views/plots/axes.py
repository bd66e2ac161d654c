"""Axes with compact tick labels, a log axis that labels 1-2-5 steps, and the divergence marker."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from numpy.typing import ArrayLike, NDArray
from PySide6.QtCore import QCoreApplication, Qt

from playground.app.views.numbers import compact, tick_strings

SUPERSCRIPTS = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")
DIVERGED_COLOR = "#d93025"
#: What a plot without data shows: the first ten epochs, and values from 0 to 1.
EMPTY_RANGE = ((0.0, 10.0), (0.0, 1.0))
#: Pixels for each value axis (ticks and label). Fixed, because an axis that sizes
#: itself to its labels can flip between two widths at some plot sizes, each
#: relayout asking for the other, and the plot then repaints without end.
AXIS_WIDTH = 52


class CompactAxis(pg.AxisItem):  # type: ignore[misc]  # pyqtgraph has no type information
    """Axis labelled with the app's compact numbers, never with an SI prefix such as "(x0.001)"."""

    def __init__(self, orientation: str, **kwargs: object) -> None:
        super().__init__(orientation, **kwargs)
        self.enableAutoSIPrefix(False)

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:
        """Label linear ticks with the digits their spacing needs: 100, not 100.00000000002."""
        if self.logMode:
            strings: list[str] = self.logTickStrings(values, scale, spacing)
            return strings
        return tick_strings([v * scale for v in values], spacing * scale)


class LogAxis(CompactAxis):
    """Axis whose log-mode labels show only the 1, 2 and 5 of each decade."""

    def __init__(self, orientation: str, powers: bool = False, **kwargs: object) -> None:
        super().__init__(orientation, **kwargs)
        self.powers = powers

    def logTickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:
        """Label 1×, 2× and 5× of each decade; powers of ten outside 1e-3..1e3."""
        strings = []
        for value in values:
            exponent = int(np.floor(value + 1e-9))
            mantissa = round(10 ** (value - exponent))
            if mantissa == 10:
                exponent, mantissa = exponent + 1, 1
            if mantissa not in (1, 2, 5):
                strings.append("")
            elif self.powers or abs(exponent) > 3:
                power = "10" + str(exponent).translate(SUPERSCRIPTS)
                strings.append(power if mantissa == 1 else f"{mantissa}·{power}")
            else:
                strings.append(compact(mantissa * 10.0**exponent))
        return strings


def drawable(values: ArrayLike, limit: float = np.inf) -> tuple[NDArray[np.float64], bool]:
    """Return a float copy with non-finite values and magnitudes beyond ``limit`` as NaN gaps.

    The flag says whether any finite value was dropped for being beyond the limit, so the
    plot can say that something is off its scale rather than leave it out silently.
    """
    y = np.array(values, dtype=np.float64).reshape(-1)
    with np.errstate(invalid="ignore"):
        beyond = np.abs(y) > limit
    dropped = bool(np.any(beyond & np.isfinite(y)))
    y[beyond | ~np.isfinite(y)] = np.nan
    return y, dropped


class DivergenceMarker(pg.InfiniteLine):  # type: ignore[misc]  # pyqtgraph has no type information
    """A dashed vertical line with a label at the epoch where a run diverged; hidden until then."""

    def __init__(self) -> None:
        pen = pg.mkPen(DIVERGED_COLOR, width=1.5, style=Qt.PenStyle.DashLine)
        super().__init__(
            angle=90,
            movable=False,
            pen=pen,
            label=QCoreApplication.translate("Plots", "diverged"),
            labelOpts={"position": 0.92, "color": DIVERGED_COLOR},
        )
        self.epoch: int | None = None
        self.setZValue(20)
        self.setVisible(False)

    def retranslate_ui(self) -> None:
        """Say the label again in the current language."""
        epoch, self.epoch = self.epoch, None
        self.show_epoch(epoch)

    def show_epoch(self, epoch: int | None) -> None:
        """Mark ``epoch`` (None hides the marker)."""
        if epoch == self.epoch:
            return
        self.epoch = epoch
        self.setVisible(epoch is not None)
        if epoch is not None:  # the label reformats only while visible
            self.setValue(float(epoch))
            said = QCoreApplication.translate("Plots", "diverged at epoch {epoch}")
            self.label.setFormat(said.format(epoch=f"{epoch:,}"))


def show_epochs(
    view: pg.ViewBox,
    epochs: NDArray[np.float64] | None,
    empty: tuple[tuple[float, float], tuple[float, float]] = EMPTY_RANGE,
) -> None:
    """Show ``epochs`` on a view with nothing to fit to, on the axes that follow the data.

    pyqtgraph leaves an auto-ranging view where it was when it has no data, so a new
    run kept the last run's 0–2000 epochs. ``epochs=None`` (a new run) shows the empty
    range and makes both axes follow the data again, even after a zoom.
    """
    if epochs is None:
        view.enableAutoRange()
    follow_x, follow_y = (enabled is not False for enabled in view.autoRangeEnabled())
    (x0, x1), y_range = empty
    if epochs is not None and len(epochs):
        x0, x1 = float(epochs[0]), max(float(epochs[-1]), float(epochs[0]) + 1.0)
    if follow_x or follow_y:
        view.setRange(
            xRange=(x0, x1) if follow_x else None,
            yRange=y_range if follow_y else None,
            padding=0.02,
            disableAutoRange=False,
        )
