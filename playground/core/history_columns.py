"""The history's columns, declared: the per-epoch figures and the per-layer curves.

A history row holds the scalar :data:`COLUMNS` (epoch, losses, metrics) and, for
each entry of :data:`LAYER_COLUMNS`, one value per weight layer. A per-layer entry
says what it is and how it is measured when an epoch ends, from an
:class:`EpochEnd`; the trainer, the history, snapshots and session files read this
table, so a new per-layer curve is one entry here (and, for the compiled engine, the
same few lines in its kernel: ``kernel_ops.LAYER_COLUMN_NAMES`` must list the same
names, which a test checks).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

Array = NDArray[np.float64]

#: The scalar columns, one value a row.
COLUMNS = ("epoch", "train_loss", "test_loss", "train_metric", "test_metric")


@dataclass(frozen=True, eq=False)
class EpochEnd:
    """What a per-layer column may read when an epoch ends.

    Attributes
    ----------
    params : ndarray of shape (n_params,)
        The parameters after the epoch's last update, laid out ``[W1, b1, W2, b2, ...]``.
    previous_params : ndarray of shape (n_params,)
        The parameters before that update.
    offsets : ndarray of shape (2 n_layers,)
        Where each weight and bias block starts in ``params``.
    gradsq : ndarray of shape (n_layers,)
        Sum over the epoch's steps of each layer's squared weight-gradient L2 norm.
    steps : int
        Steps the epoch took.
    """

    params: Array
    previous_params: Array
    offsets: NDArray[np.intp]
    gradsq: Array
    steps: int


def _grad_norms(end: EpochEnd) -> Array:
    return np.sqrt(end.gradsq / max(end.steps, 1))


def _weight_blocks(values: Array, offsets: NDArray[np.intp]) -> Array:
    """Sum of ``values`` over each layer's weight block, shape (n_layers,)."""
    sums: Array = np.add.reduceat(values, offsets)[0::2]
    return sums


def _update_ratio(end: EpochEnd) -> Array:
    delta = end.params - end.previous_params
    d_sq = _weight_blocks(delta * delta, end.offsets)
    w_sq = _weight_blocks(end.params * end.params, end.offsets)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio: Array = np.where(w_sq > 0.0, np.sqrt(d_sq) / np.sqrt(w_sq), np.nan)
    return ratio


@dataclass(frozen=True)
class LayerColumn:
    """One per-layer curve of the history.

    Attributes
    ----------
    name : str
        Its key: ``history.column(name)`` of shape (n_rows, n_layers), the session
        member ``history_<name>``.
    help : str
        What one value is.
    measure : callable
        ``measure(end)`` gives the row's values, shape (n_layers,), from an
        :class:`EpochEnd`.
    """

    name: str
    help: str
    measure: Callable[[EpochEnd], Array]


#: Every per-layer column, by name, in the order rows and files hold them.
LAYER_COLUMNS: dict[str, LayerColumn] = {
    c.name: c
    for c in (
        LayerColumn(
            "grad_norms",
            "root-mean-square over the epoch's steps of the layer's weight-gradient L2 norm",
            _grad_norms,
        ),
        LayerColumn(
            "update_ratio",
            "||ΔW|| / ||W|| of the epoch's last update (about 1e-3 is healthy); NaN where"
            " ||W|| = 0",
            _update_ratio,
        ),
    )
}
#: The per-layer column every history (and every session file) has.
REQUIRED_LAYER_COLUMN = "grad_norms"


def measure_layers(end: EpochEnd) -> dict[str, Array]:
    """Measure every per-layer column at an epoch's end.

    Parameters
    ----------
    end : EpochEnd
        The state the epoch ended in.

    Returns
    -------
    dict of str to ndarray
        Each of :data:`LAYER_COLUMNS`' names with its values, shape (n_layers,).
    """
    return {name: column.measure(end) for name, column in LAYER_COLUMNS.items()}
