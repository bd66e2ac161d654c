"""What a lesson measures on a trained run: a name -> function table, and what it shows.

A lesson's claim is data (``{"run": "lr=10", "measure": "dead_fraction_max", "op": ">=",
"value": 0.5}``), so every figure it can name lives in :data:`MEASURES`: a
function of one :class:`TrainedRun` (the trainer after the check's epochs, plus
what was recorded at epoch 0 and during training) that returns one float. NaN
means "does not apply" (a dead fraction without rectifier layers, the linear
map's error of a network that is not linear); a claim on NaN never holds.

:data:`EXHIBITS` are the larger things a lesson shows beside its figures, as
JSON values: the confusion matrix of a classifier and the product of a linear
network's weights.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray

from playground.core.compare_run import last_grad_norms
from playground.core.confusion import confusion_matrix
from playground.core.datasets import Dataset
from playground.core.diagnostics import diagnose
from playground.core.network import Network
from playground.core.trainer import Trainer

Array = NDArray[np.float64]

#: A weight whose magnitude is below this counts as "about zero" (L1's sparsity).
SMALL_WEIGHT = 1e-3


@dataclass(eq=False)
class TrainedRun:
    """One run of a lesson's check, after training, with what was recorded on the way.

    Attributes
    ----------
    label : str
        The run's name, e.g. ``"lr=10"``; claims name runs by it.
    trainer : Trainer
        Its trainer, after the check's epochs (or the epoch it diverged at).
    data : Dataset
        The points it trained and was tested on.
    start_train_loss, start_train_accuracy, start_test_accuracy : float
        Full-set figures of the fresh network, before the first step.
    start_grad_norms : ndarray of shape (n_layers,)
        Full-batch weight-gradient L2 norm of every weight layer before the first
        step (see :func:`~playground.core.compare_run.last_grad_norms`).
    peaks : dict of str to float
        Largest value over epoch 0 and every epoch's end of each function of
        :data:`TRACKED`.
    """

    label: str
    trainer: Trainer
    data: Dataset
    start_train_loss: float = math.nan
    start_train_accuracy: float = math.nan
    start_test_accuracy: float = math.nan
    start_grad_norms: Array = field(default_factory=lambda: np.zeros(0))
    peaks: dict[str, float] = field(default_factory=dict)

    @classmethod
    def start(cls, label: str, trainer: Trainer, data: Dataset) -> TrainedRun:
        """Record the fresh run's figures (before any step) and its first tracked values.

        Parameters
        ----------
        label : str
            The run's name.
        trainer : Trainer
            A trainer at epoch 0.
        data : Dataset
            Its points.

        Returns
        -------
        TrainedRun
            Ready for :meth:`track` after every epoch.
        """
        with np.errstate(all="ignore"):
            evaluation = trainer.evaluate()
            norms = last_grad_norms(trainer).copy()
        run = cls(label, trainer, data, evaluation.train_loss, evaluation.train_metric,
                  evaluation.test_metric, norms)  # fmt: skip
        run.track()
        return run

    def track(self) -> None:
        """Fold the current value of every :data:`TRACKED` function into :attr:`peaks`."""
        for name, measure in TRACKED.items():
            with np.errstate(all="ignore"):
                value = measure(self.trainer.network)
            before = self.peaks.get(name, -math.inf)
            self.peaks[name] = value if math.isnan(value) or value > before else before


# -- network figures ------------------------------------------------------------------------
def unit_spread(network: Network) -> float:
    """How far apart the units of a hidden layer are: 0 when every unit is a copy.

    Parameters
    ----------
    network : Network
        Any network.

    Returns
    -------
    float
        Over every hidden layer, the largest absolute difference between a unit's
        incoming weights, bias or outgoing weights and those of the layer's first
        unit; NaN without hidden layers.
    """
    if network.n_layers < 2:
        return math.nan
    spread = 0.0
    for i in range(network.n_layers - 1):
        w_in, bias, w_out = network.weights[i], network.biases[i], network.weights[i + 1]
        spread = max(
            spread,
            float(np.max(np.abs(w_in - w_in[:, :1]))),
            float(np.max(np.abs(bias - bias[0]))),
            float(np.max(np.abs(w_out - w_out[:1]))),
        )
    return spread


def all_weights(network: Network) -> Array:
    """Every weight (no bias) of ``network`` in one flat array, shape (n_weights,)."""
    return np.concatenate([w.ravel() for w in network.weights])


def linear_product(network: Network) -> tuple[Array, Array]:
    """Multiply a network's layers out into one affine map ``x W + b``.

    For a network whose hidden layers are all linear this map gives exactly its
    logits; for any other network it is only the product of its matrices.

    Parameters
    ----------
    network : Network
        Layer ``l`` computes ``a W_l + b_l``.

    Returns
    -------
    weights : ndarray of shape (n_inputs, n_outputs)
        ``W_1 W_2 ... W_L``.
    bias : ndarray of shape (n_outputs,)
        ``(...(b_1 W_2 + b_2) W_3 ...) + b_L``.
    """
    weights = np.eye(network.sizes[0])
    bias = np.zeros(network.sizes[0])
    for w, b in zip(network.weights, network.biases):
        weights, bias = weights @ w, bias @ w + b
    return weights, bias


def linear_map_error(network: Network, inputs: Array) -> float:
    """How far a network's logits are from its layers' product map, relative to their size.

    Parameters
    ----------
    network : Network
        Any network.
    inputs : ndarray of shape (n_samples, n_inputs)
        Network inputs (the features, scaled).

    Returns
    -------
    float
        ``max |logits - (x W + b)| / max(1, max |logits|)``: about 1e-15 for a
        network of linear layers, large for any other; NaN without samples.
    """
    if len(inputs) == 0:
        return math.nan
    weights, bias = linear_product(network)
    with np.errstate(all="ignore"):
        _, logits = network.layer_outputs(inputs)
        error = np.max(np.abs(logits - (inputs @ weights + bias)))
        return float(error / max(1.0, float(np.max(np.abs(logits)))))


def _test_confusion(run: TrainedRun) -> NDArray[np.int64] | None:
    """Count the test set's confusion matrix; None for regression or an empty test set."""
    model = run.trainer.model
    if not model.is_classifier or len(run.data.test_y) == 0:
        return None
    with np.errstate(all="ignore"):
        output = model.output(run.data.test_x)
    return confusion_matrix(run.data.test_y, output, model.task, model.config.n_classes)


def _min_class_recall(run: TrainedRun) -> float:
    counts = _test_confusion(run)
    if counts is None:
        return math.nan
    totals = counts.sum(axis=1)
    present = totals > 0
    return float(np.min(np.diag(counts)[present] / totals[present]))


# -- the table -------------------------------------------------------------------------------
def _evaluation(run: TrainedRun, index: int) -> float:
    with np.errstate(all="ignore"):
        ev = run.trainer.evaluate()
    return float((ev.train_loss, ev.test_loss, ev.train_metric, ev.test_metric)[index])


def _best(run: TrainedRun, column: str, start: float) -> float:
    values = np.append(run.trainer.history.column(column), start)
    values = values[~np.isnan(values)]
    return float(values.max()) if len(values) else math.nan


def _grad_ratio_start(run: TrainedRun) -> float:
    norms = run.start_grad_norms
    if len(norms) < 3:  # at least two hidden layers
        return math.nan
    with np.errstate(all="ignore"):
        return float(norms[-2] / norms[0]) if norms[0] > 0 else math.inf


def _nan_stat(values: Array, stat: Callable[[Array], Any]) -> float:
    values = values[~np.isnan(values)]
    return float(stat(values)) if len(values) else math.nan


def _dead(run: TrainedRun) -> Array:
    return diagnose(run.trainer).dead_fraction


def _loss_ratio(run: TrainedRun) -> float:
    with np.errstate(all="ignore"):
        final = _evaluation(run, 0)
        return final / run.start_train_loss if run.start_train_loss > 0 else math.nan


@dataclass(frozen=True)
class Measure:
    """One figure a claim or a goal can name.

    Attributes
    ----------
    name : str
        Key in :data:`MEASURES`.
    help : str
        What it is, for the lesson format's documentation and messages.
    compute : callable
        ``compute(run) -> float`` of a :class:`TrainedRun`; NaN where it does not apply.
    """

    name: str
    help: str
    compute: Callable[[TrainedRun], float] = field(repr=False)


def _network_of(run: TrainedRun) -> Network:
    return run.trainer.network


#: Functions of the network whose largest value over training a run records.
TRACKED: dict[str, Callable[[Network], float]] = {"unit_spread": unit_spread}

_MEASURES = (
    Measure("train_loss", "final full-set training loss", lambda r: _evaluation(r, 0)),
    Measure("test_loss", "final full-set test loss", lambda r: _evaluation(r, 1)),
    Measure("train_accuracy", "final training accuracy (R² for regression)",
            lambda r: _evaluation(r, 2)),
    Measure("test_accuracy", "final test accuracy (R² for regression)",
            lambda r: _evaluation(r, 3)),
    Measure("best_train_accuracy", "best training accuracy (R²) at any epoch, epoch 0 included",
            lambda r: _best(r, "train_metric", r.start_train_accuracy)),
    Measure("best_test_accuracy", "best test accuracy (R²) at any epoch, epoch 0 included",
            lambda r: _best(r, "test_metric", r.start_test_accuracy)),
    Measure("loss_gap", "test loss minus training loss, at the end",
            lambda r: _evaluation(r, 1) - _evaluation(r, 0)),
    Measure("accuracy_gap", "training accuracy minus test accuracy, at the end",
            lambda r: _evaluation(r, 2) - _evaluation(r, 3)),
    Measure("start_train_loss", "training loss of the fresh network, at epoch 0",
            lambda r: r.start_train_loss),
    Measure("loss_ratio", "final training loss over the fresh network's (below 1: it fell)",
            _loss_ratio),
    Measure("grad_ratio_start", "the last hidden layer's weight-gradient norm over the first "
            "layer's, full batch at epoch 0 (large: the gradient vanishes toward the input)",
            _grad_ratio_start),
    Measure("dead_fraction_max", "largest fraction of a rectifier layer's units that output 0 "
            "for every training point", lambda r: _nan_stat(_dead(r), np.max)),
    Measure("dead_fraction_mean", "mean over rectifier layers of the fraction of dead units",
            lambda r: _nan_stat(_dead(r), np.mean)),
    Measure("unit_spread", "largest difference between two units of a hidden layer (weights "
            "in and out, bias) at the end: 0 when they are copies",
            lambda r: unit_spread(_network_of(r))),
    Measure("unit_spread_peak", "largest unit_spread at epoch 0 or any epoch's end",
            lambda r: r.peaks.get("unit_spread", math.nan)),
    Measure("small_weight_fraction",
            f"fraction of weights (not biases) with |w| < {SMALL_WEIGHT:g}",
            lambda r: float(np.mean(np.abs(all_weights(_network_of(r))) < SMALL_WEIGHT))),
    Measure("weight_norm", "L2 norm of all the weights (not the biases)",
            lambda r: float(np.linalg.norm(all_weights(_network_of(r))))),
    Measure("linear_map_error", "largest gap between the logits and the layers' product map "
            "x W + b on the training points, relative to the logits (about 1e-15 when linear)",
            lambda r: linear_map_error(_network_of(r), r.trainer.x_train)),
    Measure("min_class_recall", "smallest share of a class's test points classified right "
            "(from the confusion matrix)", _min_class_recall),
    Measure("diverged", "1 when training diverged (a non-finite loss or weight), else 0",
            lambda r: float(r.trainer.diverged is not None)),
    Measure("epochs", "epochs trained", lambda r: float(r.trainer.epoch)),
    Measure("hidden_units", "units in all hidden layers",
            lambda r: float(sum(r.trainer.model.config.hidden))),
    Measure("layers", "hidden layers", lambda r: float(len(r.trainer.model.config.hidden))),
    Measure("n_classes", "classes of the task (1 for regression)",
            lambda r: float(r.trainer.model.config.n_classes if r.trainer.model.is_classifier
                            else 1)),
)  # fmt: skip

#: Every figure a claim can name, by name.
MEASURES: dict[str, Measure] = {m.name: m for m in _MEASURES}


def measure(run: TrainedRun, name: str) -> float:
    """Compute figure ``name`` of ``run``.

    Parameters
    ----------
    run : TrainedRun
        A run after training.
    name : str
        A key of :data:`MEASURES`.

    Returns
    -------
    float
        The figure; NaN where it does not apply, possibly infinite after a divergence.

    Raises
    ------
    ValueError
        For an unknown name; the message lists the measures.
    """
    found = MEASURES.get(name)
    if found is None:
        raise ValueError(f"unknown measure {name!r}; choose from {', '.join(MEASURES)}")
    with np.errstate(all="ignore"):
        return float(found.compute(run))


# -- exhibits ------------------------------------------------------------------------------
def _confusion_exhibit(run: TrainedRun) -> Any:
    counts = _test_confusion(run)
    return None if counts is None else counts.tolist()


def _product_exhibit(run: TrainedRun) -> Any:
    weights, bias = linear_product(run.trainer.network)
    if not (np.all(np.isfinite(weights)) and np.all(np.isfinite(bias))):
        return None
    return {
        "inputs": list(run.trainer.model.config.features),
        "weights": weights.tolist(),
        "bias": bias.tolist(),
    }


#: What a lesson can show beside its figures: name -> function of a run giving JSON data.
EXHIBITS: dict[str, Callable[[TrainedRun], Any]] = {
    "confusion_matrix": _confusion_exhibit,
    "linear_product": _product_exhibit,
}
