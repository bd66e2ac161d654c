"""Two coordinates of a hidden layer: two of its units, or its first two principal components.

Pure NumPy (the hidden-space view draws what this gives). The principal components are
those of the training points' activations, centred on their mean; each component's sign
is fixed so that its largest loading is positive, so the picture does not flip from one
frame to the next when nothing changed.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from PySide6.QtCore import QCoreApplication

Array = NDArray[np.float64]


@dataclass(frozen=True, eq=False)
class Projection:
    """An affine map from a layer's units to the plane: ``(a - origin) @ axes``.

    Attributes
    ----------
    origin : ndarray of shape (units,)
    axes : ndarray of shape (units, 2)
        Columns: the x and y directions (a zero column puts every point at 0).
    names : tuple of str
        The axes' labels.
    """

    origin: Array
    axes: Array
    names: tuple[str, str]

    def apply(self, values: Array) -> Array:
        """Coordinates of ``values`` (..., units) in the plane, shape (..., 2)."""
        out: Array = (np.asarray(values, dtype=np.float64) - self.origin) @ self.axes
        return out


def units_projection(units: int, i: int, j: int) -> Projection:
    """Unit ``i`` along x, unit ``j`` along y (0-based); a layer of one unit gets y = 0."""
    if not (0 <= i < units and (units == 1 or 0 <= j < units)):
        raise ValueError(f"units {i + 1} and {j + 1} are not both in a layer of {units}")
    axes = np.zeros((units, 2))
    axes[i, 0] = 1.0
    if units > 1:
        axes[j, 1] = 1.0
    unit = QCoreApplication.translate("HiddenSpaceView", "unit {n}")
    one = QCoreApplication.translate("HiddenSpaceView", "0 (the layer has one unit)")
    second = unit.format(n=j + 1) if units > 1 else one
    return Projection(np.zeros(units), axes, (unit.format(n=i + 1), second))


def pca_projection(train: Array) -> Projection:
    """The first two principal components of the training points' activations.

    Parameters
    ----------
    train : ndarray of shape (n_train, units)

    Returns
    -------
    Projection
        Centred on the points' mean, with unit-length components whose largest loading
        is positive. With one unit the second axis is zero; with fewer than two points
        (or no spread) the components fall back to the first units.
    """
    a = np.asarray(train, dtype=np.float64)
    units = a.shape[1]
    axes = np.zeros((units, 2))
    origin = a.mean(axis=0) if len(a) else np.zeros(units)
    centred = a - origin
    found = 0
    if len(a) >= 2 and np.isfinite(centred).all():
        _, s, vt = np.linalg.svd(centred, full_matrices=False)
        found = int(np.sum(s > 1e-12 * max(float(s[0]), 1e-300))) if len(s) else 0
        found = min(found, 2)
        axes[:, :found] = vt[:found].T
    for k in range(found, min(2, units)):  # no spread: follow the units themselves
        axes[:, k] = 0.0
        axes[k, k] = 1.0
    for k in range(2):
        column = axes[:, k]
        if column.any() and column[np.argmax(np.abs(column))] < 0:
            axes[:, k] = -column
    one = QCoreApplication.translate("HiddenSpaceView", "0 (the layer has one unit)")
    second = QCoreApplication.translate("HiddenSpaceView", "PC 2") if units > 1 else one
    return Projection(origin, axes, (QCoreApplication.translate("HiddenSpaceView", "PC 1"), second))
