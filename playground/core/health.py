"""Training-health warnings: the rules behind the gradient lens's banners, as a table.

Each rule reads plain figures (the per-layer :class:`~playground.core.diagnostics.Diagnostics`
and the per-epoch gradient-norm history) and says, in one line, what is wrong and what
to try. The window's gradient lens and ``python main.py train --diagnostics`` both call
:func:`warnings`, so they always agree.

The rules, with the thresholds below:

* **vanishing**: the first weight layer's gradient norm is ``VANISHING_RATIO`` (100) times
  or more below the last layer's;
* **exploding**: a layer's gradient norm grew ``EXPLODING_GROWTH`` (100) times within
  ``EXPLODING_EPOCHS`` (10) epochs, to at least ``EXPLODING_FROM`` (so that a tiny
  gradient recovering is not taken for an explosion), or it passed ``EXPLODING_NORM`` (1e3);
* **dead**: at least ``DEAD_FRACTION`` (half) of a ReLU layer's units never fire on a
  training point (``Diagnostics.dead_fraction``);
* **saturated**: at least ``SATURATED_FRACTION`` (half) of a sigmoid or tanh layer's
  activations sit in its flat tails (``Diagnostics.saturated_fraction``: beyond 97 % of
  the output range from its centre, see ``Activation.saturated``).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from playground.core.compare_run import last_grad_norms
from playground.core.diagnostics import Diagnostics, diagnose
from playground.core.trainer import Trainer

Array = NDArray[np.float64]

VANISHING_RATIO = 100.0
EXPLODING_GROWTH = 100.0
EXPLODING_EPOCHS = 10
EXPLODING_FROM = 1.0
EXPLODING_NORM = 1e3
DEAD_FRACTION = 0.5
SATURATED_FRACTION = 0.5

#: What each kind of warning suggests.
FIXES: dict[str, str] = {
    "vanishing": "try ReLU, He initialisation or fewer layers",
    "exploding": "try a lower learning rate, smaller initial weights or L2",
    "dead": "try a lower learning rate, Leaky ReLU or a small positive bias",
    "saturated": "try smaller initial weights (Xavier), a lower learning rate or ReLU",
}


@dataclass(frozen=True)
class HealthWarning:
    """One banner: what is wrong, where, and what to try.

    Attributes
    ----------
    kind : str
        A key of :data:`RULES`: ``vanishing``, ``exploding``, ``dead`` or ``saturated``.
    layer : int
        0-based index of the layer it is about: a weight layer (``vanishing``,
        ``exploding``; for ``vanishing`` the first layer, 0) or a hidden layer
        (``dead``, ``saturated``).
    text : str
        Cause and fix in one line.
    """

    kind: str
    layer: int
    text: str


@dataclass(frozen=True, eq=False)
class HealthInputs:
    """The figures the rules read, as plain arrays.

    Attributes
    ----------
    grad_norms : ndarray of shape (n_layers,)
        The latest weight-gradient norm of each weight layer (NaN when unknown).
    history : ndarray of shape (m, n_layers)
        Weight-gradient norms per epoch.
    epochs : ndarray of shape (m,)
        The epoch of each history row.
    saturated : ndarray of shape (n_hidden,)
        Saturated fraction per hidden layer, NaN where it cannot saturate (or unknown).
    dead : ndarray of shape (n_hidden,)
        Dead fraction per hidden layer, NaN where it cannot die (or unknown).
    activations : tuple of str
        The hidden layers' activation names.
    """

    grad_norms: Array
    history: Array
    epochs: Array
    saturated: Array
    dead: Array
    activations: tuple[str, ...]


def _times(ratio: float) -> str:
    """Write a factor as people say it: ``340×``, ``12,000×``, ``2.5e+07×``."""
    return f"{ratio:,.0f}×" if ratio < 1e6 else f"{ratio:.2g}×"


def _vanishing(f: HealthInputs) -> list[HealthWarning]:
    norms = f.grad_norms
    if len(norms) < 2:
        return []
    first, last = float(norms[0]), float(norms[-1])
    if not (math.isfinite(first) and math.isfinite(last) and last > 0.0 and first >= 0.0):
        return []
    if first * VANISHING_RATIO > last:
        return []
    if first > 0.0:
        said = f"is {_times(last / first)} smaller than layer {len(norms)}'s"
    else:
        said = f"is zero while layer {len(norms)}'s is {last:.2g}"
    text = f"Vanishing gradients: layer 1's gradient {said} — {FIXES['vanishing']}"
    return [HealthWarning("vanishing", 0, text)]


def _growth(history: Array) -> Array:
    """Per layer, the largest factor by which a norm rose over an earlier one in the rows.

    Parameters
    ----------
    history : ndarray of shape (m, n_layers)
        Norms, oldest first.

    Returns
    -------
    ndarray of shape (n_layers,)
        The largest ``history[t] / min(history[:t])`` (1 with fewer than two rows); rows
        below ``EXPLODING_FROM`` do not count as grown-to, non-positive ones not as
        grown-from.
    """
    if len(history) < 2:
        return np.ones(history.shape[1])
    with np.errstate(divide="ignore", invalid="ignore"):
        base = np.where((history > 0.0) & np.isfinite(history), history, np.inf)
        earlier = np.minimum.accumulate(base, axis=0)[:-1]
        later = history[1:]
        ratio = np.where(later >= EXPLODING_FROM, later / earlier, 0.0)
    ratio = np.where(np.isfinite(ratio), ratio, 0.0)
    growth: Array = ratio.max(axis=0)
    return growth


def _exploding(f: HealthInputs) -> list[HealthWarning]:
    fix = FIXES["exploding"]
    norms = f.grad_norms
    with np.errstate(invalid="ignore"):
        big = np.flatnonzero(np.nan_to_num(norms, nan=0.0, posinf=np.inf) > EXPLODING_NORM)
    if len(big):
        layer = int(big[np.argmax(np.nan_to_num(norms[big], posinf=np.finfo(float).max))])
        value = float(norms[layer])
        shown = "infinite" if not math.isfinite(value) else f"{value:.2g}"
        text = (
            f"Exploding gradients: layer {layer + 1}'s gradient norm is {shown}, above "
            f"{EXPLODING_NORM:.0e} — {fix}"
        )
        return [HealthWarning("exploding", layer, text)]
    if len(f.epochs) < 2:
        return []
    start = int(np.searchsorted(f.epochs, f.epochs[-1] - EXPLODING_EPOCHS, side="left"))
    growth = _growth(f.history[start:])
    layer = int(np.argmax(growth))
    if growth[layer] < EXPLODING_GROWTH:
        return []
    text = (
        f"Exploding gradients: layer {layer + 1}'s gradient grew {_times(float(growth[layer]))}"
        f" within {EXPLODING_EPOCHS} epochs — {fix}"
    )
    return [HealthWarning("exploding", layer, text)]


def _dead(f: HealthInputs) -> list[HealthWarning]:
    out = []
    for i, fraction in enumerate(f.dead):
        if math.isfinite(fraction) and fraction >= DEAD_FRACTION:
            name = f.activations[i] if i < len(f.activations) else "rectifier"
            text = (
                f"Dead units: {fraction:.0%} of hidden layer {i + 1}'s {name} units never "
                f"fire on a training point — {FIXES['dead']}"
            )
            out.append(HealthWarning("dead", i, text))
    return out


def _saturated(f: HealthInputs) -> list[HealthWarning]:
    out = []
    for i, fraction in enumerate(f.saturated):
        if math.isfinite(fraction) and fraction >= SATURATED_FRACTION:
            name = f.activations[i] if i < len(f.activations) else "squashing"
            text = (
                f"Saturated units: {fraction:.0%} of hidden layer {i + 1}'s {name} "
                f"activations sit in the flat tails — {FIXES['saturated']}"
            )
            out.append(HealthWarning("saturated", i, text))
    return out


#: The rules, by kind, in the order their banners are listed.
RULES: dict[str, Callable[[HealthInputs], list[HealthWarning]]] = {
    "vanishing": _vanishing,
    "exploding": _exploding,
    "dead": _dead,
    "saturated": _saturated,
}


def health_inputs(
    diagnostics: Diagnostics | None,
    grad_norm_history: ArrayLike,
    activations: Sequence[str],
    epochs: ArrayLike | None = None,
) -> HealthInputs:
    """Gather the rules' figures (see :func:`warnings` for the parameters)."""
    history = np.asarray(grad_norm_history, dtype=np.float64)
    if history.ndim != 2:
        raise ValueError(f"the gradient-norm history must be (m, n_layers), got {history.shape}")
    m = len(history)
    rows = np.arange(m, dtype=np.float64) if epochs is None else np.asarray(epochs, float)
    if rows.shape != (m,):
        raise ValueError(f"{m} history rows need {m} epochs, got shape {rows.shape}")
    n_hidden = len(activations)
    if m:
        latest = history[-1]
    elif diagnostics is not None:
        latest = np.asarray(diagnostics.grad_norm_w, dtype=np.float64)
    else:
        latest = np.full(history.shape[1], np.nan)
    if diagnostics is not None:
        saturated = np.asarray(diagnostics.saturated_fraction, dtype=np.float64)
        dead = np.asarray(diagnostics.dead_fraction, dtype=np.float64)
    else:
        saturated = dead = np.full(n_hidden, np.nan)
    return HealthInputs(latest, history, rows, saturated, dead, tuple(activations))


def warnings(
    diagnostics: Diagnostics | None,
    grad_norm_history: ArrayLike,
    activations: Sequence[str],
    epochs: ArrayLike | None = None,
) -> tuple[HealthWarning, ...]:
    """Every rule of :data:`RULES` applied to one run's figures.

    Parameters
    ----------
    diagnostics : Diagnostics or None
        The run's latest per-layer figures (None: only the history's rules apply).
    grad_norm_history : array_like of shape (m, n_layers)
        Weight-gradient norm per epoch (``History.column("grad_norms")``). Its last row
        gives the latest norms; with no rows, ``diagnostics.grad_norm_w`` does.
    activations : sequence of str
        The hidden layers' activation names (they name the layer in the text).
    epochs : array_like of shape (m,), optional
        The epoch of each history row (default: one row per epoch).

    Returns
    -------
    tuple of HealthWarning
        Vanishing first, then exploding, dead and saturated layers; empty for a healthy run.

    Raises
    ------
    ValueError
        When the history is not two-dimensional or ``epochs`` does not match it.
    """
    inputs = health_inputs(diagnostics, grad_norm_history, activations, epochs)
    return tuple(w for rule in RULES.values() for w in rule(inputs))


def _json(values: ArrayLike) -> list[float | None]:
    return [float(v) if math.isfinite(v) else None for v in np.asarray(values, float).tolist()]


def diagnostics_summary(trainer: Trainer) -> dict[str, Any]:
    """Give the ``"diagnostics"`` object of ``train --diagnostics``: what the window shows.

    Parameters
    ----------
    trainer : Trainer
        The run at the end of its training (not trained further). Before any epoch its
        gradient is computed on the full training set at the current weights, as the
        summary's ``grad_norms`` are (see ``compare_run.last_grad_norms``).

    Returns
    -------
    dict
        JSON values only: per weight layer ``grad_norm`` (the last mini-batch's
        weight-gradient L2 norm) and ``update_ratio`` (``||ΔW|| / ||W||`` of the last
        update); per hidden layer ``saturated_fraction`` and ``dead_fraction``; and
        ``warnings``, the banners' texts. Figures that do not apply (an activation that
        cannot saturate or die) or are not finite are ``None``.
    """
    with np.errstate(all="ignore"):
        if not len(trainer.history):
            last_grad_norms(trainer)  # fills the gradient buffer the figures read
        figures = diagnose(trainer)
    history = trainer.history
    found = warnings(
        figures,
        history.column("grad_norms"),
        trainer.network.activation_names,
        history.column("epoch"),
    )
    return {
        "grad_norm": _json(figures.grad_norm_w),
        "update_ratio": _json(figures.update_ratio),
        "saturated_fraction": _json(figures.saturated_fraction),
        "dead_fraction": _json(figures.dead_fraction),
        "warnings": [w.text for w in found],
    }
