"""Which neuron thumbnails need a new picture: only those that changed visibly.

Every snapshot brings a new activation map for every neuron, but late in training most
of them move by less than a step of the colour map. Re-uploading such a thumbnail costs
a pixmap and a repaint of its node for a picture no one can tell from the last, so each
column remembers the colour-map positions it shows and reports only the nodes where some
pixel moved by :data:`TOLERANCE` steps or more (of 256) since the picture on screen.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from playground.app.views.network_view import colors
from playground.app.views.network_view.build import Architecture, Diagram

#: Colour-map steps (of 256) a pixel must move before its thumbnail is drawn again; one
#: step changes a channel by at most about 1.5 of 255 levels.
TOLERANCE = 2


def lut_positions(values: np.ndarray, lo: float, hi: float) -> np.ndarray:
    """Map values (n, t, t) onto LUT positions (uint8), flipping rows so y grows up."""
    scale = (colors.LUT_SIZE - 1) / (hi - lo) if hi > lo else 0.0
    index = (values[:, ::-1, :] - lo) * scale
    np.nan_to_num(index, copy=False, nan=(colors.LUT_SIZE - 1) / 2)
    np.clip(index, 0, colors.LUT_SIZE - 1, out=index)
    return index.astype(np.uint8)


class ThumbnailPictures:
    """The colour-map positions each column's thumbnails show, and their ARGB pixels."""

    def __init__(self) -> None:
        self._shown: dict[int, np.ndarray] = {}
        self._argb: dict[int, np.ndarray] = {}

    def clear(self) -> None:
        """Forget every picture (the nodes were rebuilt: all of them are drawn anew)."""
        self._shown.clear()
        self._argb.clear()

    def update(
        self, column: int, values: np.ndarray, lo: float, hi: float
    ) -> tuple[list[int], np.ndarray]:
        """The nodes of ``column`` whose picture changed visibly, and the (n, t, t) pixels.

        Only the rows listed are refreshed in the pixel array; the others keep the picture
        on screen. The first call for a column (or one with a new shape) lists every node.
        """
        index = lut_positions(np.asarray(values), lo, hi)
        shown = self._shown.get(column)
        if shown is None or shown.shape != index.shape:
            changed = np.arange(len(index))
            shown = self._shown[column] = index.copy()
            argb = self._argb[column] = np.empty(index.shape, dtype=np.uint32)
        else:
            step = np.abs(index.astype(np.int16) - shown).reshape(len(index), -1).max(axis=1)
            changed = np.flatnonzero(step >= TOLERANCE)
            shown[changed] = index[changed]
            argb = self._argb[column]
        if len(changed):
            argb[changed] = colors.LUT[shown[changed]]
        return changed.tolist(), argb


def paint_thumbnails(
    diagram: Diagram,
    arch: Architecture | None,
    pictures: ThumbnailPictures,
    columns: Sequence[np.ndarray],
    value_ranges: Sequence[tuple[float, float] | None] | None,
) -> None:
    """Upload each column's (n, t, t) maps to the drawn nodes whose picture changed visibly.

    ``value_ranges`` gives (lo, hi) per column; a missing one scales that column
    symmetrically by its largest |value|.
    """
    for column, data in enumerate(columns[: len(diagram.nodes)]):
        data = np.asarray(data)
        targets = diagram.thumbnail_targets(arch, column, data)
        if not targets:
            continue
        given = value_ranges[column] if value_ranges and column < len(value_ranges) else None
        lo, hi = given if given is not None else colors.layer_range(data)
        rows = [row for row, _ in targets]
        picked = data[rows] if column == 0 else data[: len(rows)]
        changed, argb = pictures.update(column, picked, lo, hi)
        for k in changed:  # only the thumbnails that changed visibly
            targets[k][1].set_image(argb[k])
