"""Results at a glance: confusion matrices of a classifier and residuals of a regression.

The network's output is what a :class:`~playground.core.point_pass.PointPass` carries:
for a binary classifier the probability of class 1, shape (n, 1); for a multiclass one
the softmax probabilities, shape (n, k); for a regression the predicted value, (n, 1).
A binary prediction is class 1 when that probability is above 0.5, as
:meth:`Model.predict <playground.core.model.Model.predict>` decides (a tie is class 0).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

Array = NDArray[np.float64]
#: A binary classifier predicts class 1 for probabilities above this.
THRESHOLD = 0.5


def predicted_classes(output: ArrayLike, task: str) -> NDArray[np.int64]:
    """Return the class each row of ``output`` predicts.

    Parameters
    ----------
    output : array_like of shape (n, 1) or (n, k)
        Class-1 probabilities (binary, one column) or class probabilities.
    task : str
        ``"binary"`` or ``"multiclass"``.

    Returns
    -------
    ndarray of int64, shape (n,)
    """
    out = np.asarray(output, dtype=np.float64)
    if out.ndim == 1:
        out = out.reshape(-1, 1)
    if task == "regression":
        raise ValueError("a regression has no predicted classes")
    if out.shape[1] == 1:
        classes: NDArray[np.int64] = (out[:, 0] > THRESHOLD).astype(np.int64)
    else:
        classes = np.argmax(out, axis=1).astype(np.int64)
    return classes


def confusion_matrix(
    targets: ArrayLike, output: ArrayLike, task: str, n_classes: int
) -> NDArray[np.int64]:
    """Count each (true class, predicted class) pair.

    Parameters
    ----------
    targets : array_like of shape (n,)
        True class indices (floats holding whole numbers are fine).
    output : array_like of shape (n, 1) or (n, k)
        The network's output (see the module docstring).
    task : str
        ``"binary"`` or ``"multiclass"``.
    n_classes : int
        Classes k; the matrix is k by k even when some class has no point.

    Returns
    -------
    ndarray of int64, shape (k, k)
        Row ``i``, column ``j``: points of true class ``i`` predicted as class ``j``.
    """
    truth = np.asarray(targets, dtype=np.float64).reshape(-1).astype(np.int64)
    guess = predicted_classes(output, task)
    if truth.shape != guess.shape:
        raise ValueError(f"{truth.size} targets for {guess.size} outputs")
    k = int(n_classes)
    if truth.size and (truth.min() < 0 or truth.max() >= k or guess.max() >= k):
        raise ValueError(f"class indices outside 0..{k - 1}")
    counts = np.bincount(truth * k + guess, minlength=k * k)
    matrix: NDArray[np.int64] = counts.reshape(k, k).astype(np.int64)
    return matrix


def split_confusion(
    targets: ArrayLike, output: ArrayLike, task: str, n_classes: int, n_train: int
) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """Count the training rows ``[:n_train]`` and the test rows in two confusion matrices.

    Parameters
    ----------
    targets : array_like of shape (n,)
    output : array_like of shape (n, 1) or (n, k)
    task : str
    n_classes : int
    n_train : int
        Rows before this index are training points, the rest test points.

    Returns
    -------
    train, test : ndarray of int64, shape (k, k)
    """
    t = np.asarray(targets, dtype=np.float64).reshape(-1)
    out = np.asarray(output, dtype=np.float64)
    return (
        confusion_matrix(t[:n_train], out[:n_train], task, n_classes),
        confusion_matrix(t[n_train:], out[n_train:], task, n_classes),
    )


def row_fractions(matrix: ArrayLike) -> Array:
    """Each count as a fraction of its row (its true class); NaN in an empty row.

    Parameters
    ----------
    matrix : array_like of shape (k, k)

    Returns
    -------
    ndarray of shape (k, k)
    """
    m = np.asarray(matrix, dtype=np.float64)
    totals = m.sum(axis=1, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        fractions: Array = np.where(totals > 0, m / np.where(totals > 0, totals, 1.0), np.nan)
    return fractions


def accuracy(matrix: ArrayLike) -> float:
    """Correct predictions (the diagonal) over all points; NaN without points."""
    m = np.asarray(matrix, dtype=np.float64)
    total = float(m.sum())
    return float(np.trace(m)) / total if total else float("nan")


def residuals(targets: ArrayLike, output: ArrayLike) -> Array:
    """Each point's residual: its target minus the network's prediction.

    Parameters
    ----------
    targets : array_like of shape (n,)
    output : array_like of shape (n,) or (n, 1)
        The predicted values.

    Returns
    -------
    ndarray of shape (n,)
        Positive where the network predicts too low.
    """
    t = np.asarray(targets, dtype=np.float64).reshape(-1)
    out = np.asarray(output, dtype=np.float64)
    if out.ndim == 2:
        if out.shape[1] != 1:
            raise ValueError(f"a regression output has one column, not {out.shape[1]}")
        out = out[:, 0]
    if out.shape != t.shape:
        raise ValueError(f"{t.size} targets for {out.size} outputs")
    r: Array = t - out
    return r
