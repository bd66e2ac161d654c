"""Output heads: each loss fixes the output activation, as a name -> :class:`Loss` table.

Every loss is a mean over the batch and is computed from the output layer's
logits ``z``, so cross-entropies use log-sum-exp and never take ``log(0)``.
``delta`` returns dL/dz for the whole batch, already divided by the batch size.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from playground.core.activations import sigmoid

Array = NDArray[np.float64]


def _identity(z: Array) -> Array:
    return z


def _softmax(z: Array) -> Array:
    e = np.exp(z - z.max(axis=1, keepdims=True))
    p: Array = e / e.sum(axis=1, keepdims=True)
    return p


def _one_hot(y: NDArray[np.generic], k: int, task: str) -> Array:
    t = np.zeros((len(y), k))
    t[np.arange(len(y)), np.asarray(y, dtype=np.int64)] = 1.0
    return t


def _column(y: NDArray[np.generic], k: int, task: str) -> Array:
    return np.asarray(y, dtype=np.float64).reshape(-1, 1)


def _plus_minus(y: NDArray[np.generic], k: int, task: str) -> Array:
    # TensorFlow Playground's convention: classes 0/1 become targets -1/+1.
    t = np.asarray(y, dtype=np.float64).reshape(-1, 1)
    return t if task == "regression" else 2.0 * t - 1.0


def _bce_value(z: Array, a: Array, t: Array) -> float:
    # -[t log s(z) + (1-t) log(1-s(z))] = log(1 + e^z) - t z
    return float(np.mean(np.logaddexp(0.0, z) - t * z))


def _ce_value(z: Array, a: Array, t: Array) -> float:
    zmax = z.max(axis=1, keepdims=True)
    log_sum = np.log(np.exp(z - zmax).sum(axis=1, keepdims=True)) + zmax
    return float(np.mean(np.sum(t * (log_sum - z), axis=1)))


def _se_value(z: Array, a: Array, t: Array) -> float:
    return float(0.5 * np.mean(np.sum((a - t) ** 2, axis=1)))


def _error_delta(z: Array, a: Array, t: Array) -> Array:
    # For sigmoid+BCE, softmax+CE and linear+MSE, dL/dz = (a - t) / n.
    return (a - t) / len(t)


def _tanh_se_delta(z: Array, a: Array, t: Array) -> Array:
    return (a - t) * (1.0 - a * a) / len(t)


def _binary_proba(p: Array) -> Array:
    return np.hstack([1.0 - p, p])


def _tanh_proba(a: Array) -> Array:
    return _binary_proba(np.clip(0.5 * (a + 1.0), 0.0, 1.0))


@dataclass(frozen=True)
class Loss:
    """A loss together with the output activation it expects.

    Attributes
    ----------
    name : str
        Table key.
    output : str
        Name of the output activation (``sigmoid``, ``softmax``, ``linear``, ``tanh``).
    tasks : tuple of str
        Tasks this head can serve.
    link : callable
        ``link(z) -> a``: output activation, (n_samples, n_outputs) -> same shape.
    value : callable
        ``value(z, a, t) -> float``: mean loss over the batch.
    delta : callable
        ``delta(z, a, t) -> dL/dz`` of shape (n_samples, n_outputs).
    encode : callable
        ``encode(y, n_outputs, task) -> t``: labels or targets (n_samples,) to
        targets (n_samples, n_outputs).
    proba : callable or None
        ``proba(a) -> p`` of shape (n_samples, n_classes) for classification
        tasks; None for regression-only heads.
    """

    name: str
    output: str
    tasks: tuple[str, ...]
    link: Callable[[Array], Array]
    value: Callable[[Array, Array, Array], float]
    delta: Callable[[Array, Array, Array], Array]
    encode: Callable[[NDArray[np.generic], int, str], Array]
    proba: Callable[[Array], Array] | None


LOSSES: dict[str, Loss] = {
    loss.name: loss
    for loss in (
        Loss(
            "binary_cross_entropy",
            "sigmoid",
            ("binary",),
            sigmoid,
            _bce_value,
            _error_delta,
            _column,
            _binary_proba,
        ),
        Loss(
            "cross_entropy",
            "softmax",
            ("multiclass",),
            _softmax,
            _ce_value,
            _error_delta,
            _one_hot,
            _identity,
        ),
        Loss("mse", "linear", ("regression",), _identity, _se_value, _error_delta, _column, None),
        Loss(
            "tanh_mse",
            "tanh",
            ("binary", "regression"),
            np.tanh,
            _se_value,
            _tanh_se_delta,
            _plus_minus,
            _tanh_proba,
        ),
    )
}


def losses_for(task: str) -> list[str]:
    """Names of the losses that can serve ``task``, default first."""
    return [name for name, loss in LOSSES.items() if task in loss.tasks]


def metric(loss: Loss, task: str, a: Array, y: NDArray[np.generic]) -> float:
    """Accuracy for classification tasks, R² for regression.

    Parameters
    ----------
    loss : Loss
        The head that produced ``a``.
    task : str
        ``binary``, ``multiclass`` or ``regression``.
    a : ndarray of shape (n_samples, n_outputs)
        Output activations.
    y : ndarray of shape (n_samples,)
        Class indices or targets.

    Returns
    -------
    float
        NaN for an empty set.
    """
    if len(y) == 0:
        return float("nan")
    if task != "regression" and loss.proba is not None:
        labels = np.argmax(loss.proba(a), axis=1)
        return float(np.mean(labels == np.asarray(y)))
    targets = np.asarray(y, dtype=np.float64)
    ss_res = float(np.sum((targets - a[:, 0]) ** 2))
    ss_tot = float(np.sum((targets - targets.mean()) ** 2))
    return 1.0 - ss_res / ss_tot if ss_tot > 0.0 else float("nan")
