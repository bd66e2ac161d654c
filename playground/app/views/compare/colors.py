"""One colour per run of a comparison, apart from the class colours and from each other.

The four are Paul Tol's "muted" indigo, olive, wine and green. Under simulated protanopia,
deuteranopia and tritanopia they stay at least 25 CIELAB units apart from each other and 13
from every class colour of :mod:`playground.app.views.canvas.palette` (Okabe-Ito), and each
has at least 3:1 contrast on the white plot background, enough for lines and bold labels.
"""

from __future__ import annotations

from PySide6.QtGui import QColor

#: Run colours, in the order runs get them (the first two differ most in lightness).
RUN_COLORS: tuple[str, ...] = (
    "#332288",  # indigo
    "#999933",  # olive
    "#882255",  # wine
    "#117733",  # green
)
RUN_COLOR_NAMES: tuple[str, ...] = ("indigo", "olive", "wine", "green")


def run_color(index: int) -> QColor:
    """Return the QColor of run ``index`` (colours repeat after four runs)."""
    return QColor(RUN_COLORS[int(index) % len(RUN_COLORS)])
