"""A view box whose auto range moves in steps, so that its axes are not redrawn every frame.

pyqtgraph fits an auto-ranging view to its data at every ``setData``. A training curve
grows by an epoch or two a frame, so the range changed every frame, and each change
makes every linked axis generate its ticks and paint them again: the dearest part of
drawing a plot. :class:`SteadyViewBox` keeps its range while the data fit in it and
fill most of it, and when the data grow out of it, it grows with some room ahead in
the direction they grow. A curve that grows steadily thus moves its axes a few dozen
times over a long run rather than at every frame. Once training stops the view fits
its data exactly again (:meth:`SteadyViewBox.set_steady`). Zooming and panning by hand
turn the auto range off as usual, and "View all" turns it back on.
"""

from __future__ import annotations

import pyqtgraph as pg

#: A fitted range is kept while the data fill at least this share of it.
KEEP = 0.6
#: Room left ahead of data that grew out of the range, as a share of the data's span:
#: epochs (x) grow to the right only; values (y) may move either way.
HEAD_X, HEAD_Y = 0.25, 0.1

Span = tuple[float, float]


def steady_span(
    new: Span,
    current: Span,
    head: float,
    floor: float | None = None,
    pad: float = 0.0,
    head_low: float | None = None,
) -> Span | None:
    """The range to show for data fitted to ``new`` while ``current`` is shown (None: keep it).

    ``new`` is the data's span padded on each side by ``pad`` times the span.

    ``head`` is the room added above, ``head_low`` below (``head`` unless given).
    ``floor`` is a bound the added room never crosses (0 for values that cannot be
    negative on a linear axis), unless the data themselves do. Data that jumped
    elsewhere (a new run, a log axis switched on) are fitted as they are.
    """
    lo, hi = new
    c_lo, c_hi = current
    width = hi - lo
    # pyqtgraph pads the data by a share ``pad`` of their span: whether the data
    # themselves left the range is what counts.
    inset = pad * width / (1.0 + 2.0 * pad)
    out_lo, out_hi = lo + inset < c_lo, hi - inset > c_hi
    if not (out_lo or out_hi):
        return None if width >= KEEP * (c_hi - c_lo) else (lo, hi)
    overlap = min(hi, c_hi) - max(lo, c_lo)
    if overlap < KEEP * (c_hi - c_lo):
        return lo, hi  # they jumped elsewhere
    if out_hi:  # the end the data left gets room ahead; the other is fitted
        hi += head * width
    if out_lo:
        room = lo - (head if head_low is None else head_low) * width
        lo = room if floor is None or lo < floor else max(room, floor)
    return lo, hi


class SteadyViewBox(pg.ViewBox):  # type: ignore[misc]  # pyqtgraph has no type information
    """A view box whose automatic range changes in steps (see the module's docstring)."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self._fitting = False
        #: Whether fits move in steps (while training); off, they fit the data exactly.
        self.steady = True

    def set_steady(self, steady: bool) -> None:
        """Fit in steps (while curves grow) or exactly (a stopped run shows just its epochs)."""
        if steady == self.steady:
            return
        self.steady = steady
        if not steady and any(self.state["autoRange"]):
            self.updateAutoRange()

    def updateAutoRange(self) -> None:
        """Fit the data as pyqtgraph does, then let :meth:`setRange` keep or step the range."""
        self._fitting = True
        try:
            super().updateAutoRange()
        finally:
            self._fitting = False

    def setRange(self, rect=None, xRange=None, yRange=None, **kwargs):  # type: ignore[no-untyped-def]
        """Set the range; while fitting automatically, only in steps."""
        if self._fitting and self.steady and rect is None:
            (x0, x1), (y0, y1) = self.viewRange()
            if xRange is not None:
                pad = float(self.suggestPadding(0))
                xRange = steady_span(
                    (xRange[0], xRange[1]), (x0, x1), HEAD_X, pad=pad, head_low=0.0
                )
            if yRange is not None:
                floor = None if self.state["logMode"][1] else 0.0
                pad = float(self.suggestPadding(1))
                yRange = steady_span((yRange[0], yRange[1]), (y0, y1), HEAD_Y, floor, pad)
            if xRange is None and yRange is None:
                return
        super().setRange(rect, xRange, yRange, **kwargs)
