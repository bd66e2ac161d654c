"""Training a comparison without a window: 2 to 4 runs in lock step on one dataset.

The runs share the data, its split and the seed. A model's weights are drawn from
its seed and the trainer's mini-batch shuffle is seeded from it too, so wherever
two runs' architectures agree their initial weights agree, and every run sees the
same batches in the same order. :func:`run_compare` advances them epoch by epoch
together; a run that diverges stops there and the others go on. Each run's
figures are those a single ``train`` with its settings gives.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from playground.core.compare import CompareSpec, apply_compare
from playground.core.config import ModelConfig, TrainConfig
from playground.core.datasets import Dataset
from playground.core.model import Model
from playground.core.trainer import Trainer


@dataclass(eq=False)
class CompareRun:
    """One run of a comparison.

    Attributes
    ----------
    label : str
        Its setting, e.g. ``"lr=0.03"``.
    trainer : Trainer
        Trains its model on the shared data.
    """

    label: str
    trainer: Trainer

    @property
    def model(self) -> Model:
        """The model the trainer changes."""
        return self.trainer.model


def build_runs(
    spec: CompareSpec,
    model: ModelConfig,
    train: TrainConfig,
    data: Dataset,
    engine: str = "numpy",
) -> list[CompareRun]:
    """Build a fresh model and trainer per run of ``spec``, all on ``data``.

    Parameters
    ----------
    spec : CompareSpec
        The setting to vary and its values.
    model, train : ModelConfig, TrainConfig
        What the runs share; ``model`` fits ``data`` (task, classes, loss).
    data : Dataset
        Split into training and test points once, for every run.
    engine : str
        One of :data:`playground.core.trainer.ENGINES`.

    Returns
    -------
    list of CompareRun
        In the order of ``spec.values``, at epoch 0.

    Raises
    ------
    ValueError
        When a value does not fit ``model`` and ``train`` (see
        :func:`~playground.core.compare.apply_compare`) or a network cannot be built.
    """
    runs = []
    for label, run_model, run_train in apply_compare(spec, model, train):
        try:
            built = Model.build(run_model, data.train_x)
        except ValueError as exc:  # e.g. a layer wider than a network may be
            raise ValueError(f"compare {label}: {exc}") from None
        trainer = Trainer(
            built,
            run_train,
            data.train_x,
            data.train_y,
            data.test_x,
            data.test_y,
            engine=engine,
        )
        runs.append(CompareRun(label, trainer))
    return runs


def advance(runs: Sequence[CompareRun], epochs: int = 1) -> None:
    """Train every run that has not diverged, one epoch each in turn, ``epochs`` times.

    Floating-point warnings are silenced: a run that diverges records it in its
    trainer and is skipped from the next epoch on. The loop ends early once every
    run has diverged.

    Parameters
    ----------
    runs : sequence of CompareRun
        The runs, trained in this order within each epoch.
    epochs : int
        Rounds of one epoch per live run.
    """
    with np.errstate(all="ignore"):  # a divergence is recorded by the trainer instead
        for _ in range(epochs):
            live = [run.trainer for run in runs if run.trainer.diverged is None]
            if not live:
                return
            for trainer in live:
                trainer.run(1)


def run_compare(
    spec: CompareSpec,
    model: ModelConfig,
    train: TrainConfig,
    data: Dataset,
    epochs: int,
    engine: str = "numpy",
    on_epoch: Callable[[int, Sequence[CompareRun]], None] | None = None,
) -> list[dict[str, Any]]:
    """Train the runs of ``spec`` for ``epochs`` epochs in lock step and summarise each.

    Parameters
    ----------
    spec : CompareSpec
        The setting to vary and its values.
    model, train : ModelConfig, TrainConfig
        What the runs share.
    data : Dataset
        The points every run trains and is tested on, split once.
    epochs : int
        Epochs each run trains unless it diverges first (0 or more).
    engine : str
        One of :data:`playground.core.trainer.ENGINES`.
    on_epoch : callable, optional
        ``on_epoch(epoch, runs)`` after every epoch of all the runs.

    Returns
    -------
    list of dict
        :func:`run_summary` of each run, labelled, in the order of ``spec.values``.

    Raises
    ------
    ValueError
        For a negative ``epochs``, or as :func:`build_runs` does.
    """
    if epochs < 0:
        raise ValueError(f"epochs must be 0 or more, got {epochs}")
    runs = build_runs(spec, model, train, data, engine)
    for epoch in range(1, epochs + 1):
        advance(runs)
        if on_epoch is not None:
            on_epoch(epoch, runs)
    return [run_summary(run.trainer, run.label) for run in runs]


# -- summaries ----------------------------------------------------------------------------
def _json_number(value: float) -> float | None:
    """Return ``value`` as a float, or None for NaN and infinities (JSON has neither)."""
    return float(value) if math.isfinite(value) else None


def last_grad_norms(trainer: Trainer) -> NDArray[np.float64]:
    """Return each weight layer's gradient norm, as ``train`` reports it.

    After an epoch these are the last history row's norms (the root mean square,
    over the epoch's steps, of each weight gradient's L2 norm). Before any epoch
    they are the L2 norms of the full-batch gradient on the training points (of
    the data loss plus the L1 and L2 weight penalties); computing them overwrites
    the network's gradient buffer, not its weights.

    Parameters
    ----------
    trainer : Trainer
        The run.

    Returns
    -------
    ndarray of shape (n_layers,)
        One float64 norm per weight layer, first layer first (bias gradients are
        left out).
    """
    history = trainer.history
    if len(history):
        norms: NDArray[np.float64] = history.column("grad_norms")[-1]
        return norms
    net, config = trainer.network, trainer.config
    with np.errstate(all="ignore"):
        net.loss_and_gradient(trainer.x_train, trainer.t_train, config.l1, config.l2)
    return np.sqrt(np.add.reduceat(net.grads * net.grads, net.block_offsets)[0::2])


def run_summary(trainer: Trainer, label: str | None = None) -> dict[str, Any]:
    """Summarise a run as ``train`` prints it: epochs, losses, metrics, gradient norms.

    Parameters
    ----------
    trainer : Trainer
        The run; it is evaluated on its training and test points, not trained.
    label : str, optional
        Put first as ``"run"`` (a run of a comparison).

    Returns
    -------
    dict
        JSON values only: non-finite numbers become ``None``, ``diverged`` is ``None``
        or the divergence's message, and ``metric`` names what the accuracies hold
        (``accuracy``, or ``r2`` for regression).
    """
    with np.errstate(all="ignore"):
        evaluation = trainer.evaluate()
        norms = last_grad_norms(trainer)
    diverged = trainer.diverged
    summary: dict[str, Any] = {} if label is None else {"run": label}
    summary |= {
        "epochs": trainer.epoch,
        "metric": "accuracy" if trainer.model.is_classifier else "r2",
        "train_loss": _json_number(evaluation.train_loss),
        "test_loss": _json_number(evaluation.test_loss),
        "train_accuracy": _json_number(evaluation.train_metric),
        "test_accuracy": _json_number(evaluation.test_metric),
        "grad_norms": [_json_number(v) for v in norms],
        "diverged": None if diverged is None else diverged.message,
    }
    return summary
