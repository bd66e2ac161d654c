"""The boundary picture on the canvas, to tell whether a new one would look any different.

Late in training a snapshot's boundary differs from the last by a fraction of a colour
level: uploading it again costs the GUI thread a texture and a repaint of the canvas for
nothing anyone can see. A picture is drawn again only when some pixel moves by
:data:`RGB_TOLERANCE` levels (of 255) or more, or the 0.5 contour's probabilities by
:data:`P_TOLERANCE` (about one level too), or its rectangle changes.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

RGB_TOLERANCE = 2
P_TOLERANCE = 1.0 / 255.0

Rect = tuple[float, float, float, float]


@dataclass(frozen=True, eq=False)
class DrawnBoundary:
    """What the canvas shows: the RGB picture, P(class 1) for the contour, and where."""

    rgb: NDArray[np.uint8]
    p1: NDArray[np.float32] | None
    rect: Rect

    def same(self, rgb: NDArray[np.uint8], p1: NDArray[np.float32] | None, rect: Rect) -> bool:
        """Whether ``rgb``, ``p1`` over ``rect`` would look the same as this picture."""
        if rect != self.rect or rgb.shape != self.rgb.shape or (p1 is None) != (self.p1 is None):
            return False
        step = np.abs(rgb.astype(np.int16) - self.rgb).max(initial=0)
        if step >= RGB_TOLERANCE:
            return False
        if p1 is None or self.p1 is None:
            return True
        if p1.shape != self.p1.shape:
            return False
        with np.errstate(invalid="ignore"):
            moved = np.abs(p1 - self.p1).max(initial=0.0)
        return bool(moved < P_TOLERANCE)
