"""The canvas's health overlay: a translucent shade where a layer's units are saturated or off.

The activation lens chooses a hidden layer; the canvas then shades, over the boundary and
under the points, the share of that layer's units in their flat tails (or switched off)
at each point of the plane: transparent where none is, the strongest shade where all are.
A caption in the plot's bottom-left corner says what the shade means. The image item and
the caption are made once; :meth:`HealthOverlay.show` only updates them.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from numpy.typing import ArrayLike, NDArray
from PySide6.QtCore import QRectF
from PySide6.QtWidgets import QLabel

#: The shade's colour: the red of the activation lens's saturated tails.
SHADE_RGB = (217, 48, 37)
#: Alpha where every unit of the layer is saturated or off (0..255).
MAX_ALPHA = 110
#: Above the boundary image (-10) and its contour, under the points (10, 11).
Z_VALUE = -5
#: Gap between the caption and the plot area's edges (px).
CAPTION_MARGIN = 8
QWIDGETSIZE_MAX = (1 << 24) - 1

Rect = tuple[float, float, float, float]


def share_rgba(share: ArrayLike) -> NDArray[np.uint8]:
    """Colour shares (n, m) in [0, 1] as (n, m, 4) RGBA: alpha ``share * MAX_ALPHA``.

    Shares outside [0, 1] are clipped and NaN ones left transparent.
    """
    s = np.nan_to_num(np.clip(np.asarray(share, dtype=np.float64), 0.0, 1.0), nan=0.0)
    rgba = np.empty((*s.shape, 4), dtype=np.uint8)
    rgba[..., :3] = SHADE_RGB
    rgba[..., 3] = np.rint(s * MAX_ALPHA).astype(np.uint8)
    return rgba


class HealthOverlay:
    """The overlay's image in the canvas's view box and its caption over the plot.

    Parameters
    ----------
    plot : pg.PlotWidget
        The canvas's plot: the image goes into its view box, the caption onto its viewport.
    """

    def __init__(self, plot: pg.PlotWidget) -> None:
        self.plot = plot
        self.view_box: pg.ViewBox = plot.getPlotItem().getViewBox()
        self.image = pg.ImageItem(axisOrder="row-major")
        self.image.setZValue(Z_VALUE)
        self.image.setVisible(False)
        self.view_box.addItem(self.image, ignoreBounds=True)
        self.caption = QLabel(plot.viewport())
        self.caption.setObjectName("healthCaption")
        self.caption.setStyleSheet(
            "#healthCaption { background: rgba(255, 255, 255, 220); color: #222222;"
            " border: 1px solid #bbbbbb; border-radius: 4px; padding: 3px 6px; }"
        )
        self.caption.hide()
        #: The RGBA picture on screen, (n, m, 4), or None while the overlay is off.
        self.rgba: NDArray[np.uint8] | None = None

    @property
    def shown(self) -> bool:
        """Whether the overlay is on (a caption, and a shade unless there is none)."""
        return self.caption.isVisible() or self.image.isVisible()

    def show(self, share: ArrayLike | None, rect: Rect, caption: str) -> None:
        """Shade ``share`` (n, m), row 0 at the bottom, over ``rect`` and say ``caption``.

        ``share`` None shows the caption alone (a layer that has nothing to shade).
        """
        if share is None:
            self.rgba = None
            self.image.setVisible(False)
        else:
            self.rgba = share_rgba(share)
            # The rect at every update: an image's extent follows the last rect given.
            self.image.setImage(self.rgba, autoLevels=False, levels=(0, 255), rect=QRectF(*rect))
            self.image.setVisible(True)
        if self.caption.text() != caption:
            self.caption.setText(caption)
        self.caption.show()
        self.place_caption()

    def clear(self) -> None:
        """Take the shade and the caption away."""
        self.rgba = None
        self.image.setVisible(False)
        self.caption.hide()

    def place_caption(self) -> None:
        """Put the caption in the bottom-left corner of the plot area."""
        if not self.caption.isVisible():
            return
        label = self.caption
        area = self.plot.mapFromScene(self.view_box.sceneBoundingRect()).boundingRect()
        room = max(area.width() - 2 * CAPTION_MARGIN, 40)
        label.setWordWrap(False)
        label.setMinimumSize(0, 0)
        label.setMaximumSize(QWIDGETSIZE_MAX, QWIDGETSIZE_MAX)
        if label.sizeHint().width() > room:  # wrapped to the plot's width, as tall as it needs
            label.setWordWrap(True)
            label.setFixedSize(room, label.heightForWidth(room))
        else:
            label.adjustSize()
        label.move(area.left() + CAPTION_MARGIN, area.bottom() - CAPTION_MARGIN - label.height())
