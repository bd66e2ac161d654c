"""The data canvas: points, decision boundary and the paint brush."""

from __future__ import annotations

from playground.app.views.canvas.canvas import DataCanvas
from playground.app.views.canvas.palette import CLASS_COLORS, REGRESSION_COLORMAP

__all__ = ["CLASS_COLORS", "REGRESSION_COLORMAP", "DataCanvas"]
