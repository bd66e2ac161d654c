"""Per-layer health figures: gradient norms, update:weight ratios, saturation and dead units.

Everything here reads the trainer's current state and is cheap enough to run
every few steps: gradient figures come from the last mini-batch, activation
figures from one forward pass over the training set.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from playground.core.trainer import Trainer

Array = NDArray[np.float64]


@dataclass(frozen=True, eq=False)
class Diagnostics:
    """Figures for each weight layer (hidden layers, then the output layer).

    Attributes
    ----------
    grad_norm_w, grad_norm_b : ndarray of shape (n_layers,)
        L2 norm of the last batch's weight and bias gradients.
    grad_mean_abs_w, grad_mean_abs_b : ndarray of shape (n_layers,)
        Mean |g| of the same gradients.
    weight_norm : ndarray of shape (n_layers,)
        L2 norm of each weight matrix.
    update_ratio : ndarray of shape (n_layers,)
        ||ΔW|| / ||W|| of the last update (about 1e-3 is healthy); NaN where ||W|| = 0.
    saturated_fraction : ndarray of shape (n_hidden,)
        Fraction of (sample, unit) activations in a squashing function's flat
        tails over the training set; NaN for activations that do not saturate.
    dead_fraction : ndarray of shape (n_hidden,)
        Fraction of a rectifier layer's units whose input is <= 0 for every
        training sample; NaN for activations that cannot die.
    """

    grad_norm_w: Array
    grad_norm_b: Array
    grad_mean_abs_w: Array
    grad_mean_abs_b: Array
    weight_norm: Array
    update_ratio: Array
    saturated_fraction: Array
    dead_fraction: Array


def _block_sums(values: Array, offsets: NDArray[np.intp]) -> tuple[Array, Array]:
    sums = np.add.reduceat(values, offsets)
    return sums[0::2], sums[1::2]


def diagnose(trainer: Trainer) -> Diagnostics:
    """Compute :class:`Diagnostics` for the trainer's network and training set.

    Figures overflow to inf rather than warn when training has diverged.
    """
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        return _diagnose(trainer)


def _diagnose(trainer: Trainer) -> Diagnostics:
    net = trainer.network
    offsets = net.block_offsets
    sizes = np.diff(np.append(offsets, net.n_params))
    n_w, n_b = sizes[0::2], sizes[1::2]
    g = net.grads
    sq_w, sq_b = _block_sums(g * g, offsets)
    abs_w, abs_b = _block_sums(np.abs(g), offsets)
    w_sq, _ = _block_sums(net.params * net.params, offsets)
    delta = net.params - trainer.previous_params
    d_sq, _ = _block_sums(delta * delta, offsets)
    weight_norm = np.sqrt(w_sq)
    ratio = np.where(weight_norm > 0.0, np.sqrt(d_sq) / weight_norm, np.nan)

    n_hidden = net.n_layers - 1
    saturated = np.full(n_hidden, np.nan)
    dead = np.full(n_hidden, np.nan)
    if n_hidden and trainer.n_train:
        hidden, _ = net.layer_outputs(trainer.x_train)
        for i, (act, a) in enumerate(zip(net.activations, hidden)):
            if act.saturation is not None:
                saturated[i] = float(np.mean(act.saturated(a)))
            if act.can_die:
                # A rectifier's output is <= 0 exactly where its input is <= 0.
                dead[i] = float(np.mean(np.all(a <= 0.0, axis=0)))
    return Diagnostics(
        grad_norm_w=np.sqrt(sq_w),
        grad_norm_b=np.sqrt(sq_b),
        grad_mean_abs_w=abs_w / n_w,
        grad_mean_abs_b=abs_b / n_b,
        weight_norm=weight_norm,
        update_ratio=ratio,
        saturated_fraction=saturated,
        dead_fraction=dead,
    )
