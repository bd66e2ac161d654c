"""Commands from the GUI thread to the worker's mailbox, applied between two steps.

Every command is a frozen dataclass; arrays in them are not changed after posting.
A command aimed at one run carries its ``run_id``; ``None`` means every run.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from playground.core.config import ModelConfig, TrainConfig
from playground.core.datasets import Dataset
from playground.core.features import FeatureMap
from playground.core.probes import Rect
from playground.core.trainer import TrainerState

Array = NDArray[np.float64]


@dataclass(frozen=True, eq=False)
class Rebuild:
    """Start a new run: new network from ``model_config`` (or ``params`` if given).

    ``start_epoch`` and ``start_step`` continue the counts of a loaded session; with a
    ``state`` the run goes on from it exactly (weights, optimizer, shuffle).
    """

    run_id: int
    model_config: ModelConfig
    train_config: TrainConfig
    dataset: Dataset
    params: Array | None = None
    features: FeatureMap | None = None
    start_epoch: int = 0
    start_step: int = 0
    #: The exact trainer state to go on from (a session of version 2), and the run's
    #: checkpoints before it.
    state: TrainerState | None = None
    checkpoints: tuple[TrainerState, ...] = ()


@dataclass(frozen=True, eq=False)
class SetData:
    """New points for the current run, used from the next step on."""

    dataset: Dataset


@dataclass(frozen=True)
class SetTrainConfig:
    """New live settings (learning rate, penalties, batch size, optimizer) for one run or all."""

    config: TrainConfig
    run_id: int | None = None


@dataclass(frozen=True)
class SetRunning:
    """Play (True) or pause (False)."""

    running: bool


@dataclass(frozen=True)
class StepEpoch:
    """Train exactly one epoch, then pause."""


@dataclass(frozen=True)
class SetStopConditions:
    """Pause on its own after ``max_epochs`` or once the training loss reaches ``target_loss``."""

    max_epochs: int | None
    target_loss: float | None


@dataclass(frozen=True)
class SetProbe:
    """Where and how finely to evaluate the grid for the boundary and thumbnails."""

    rect: Rect
    resolution: int


@dataclass(frozen=True)
class SetFocus:
    """Send the full-resolution map of neuron ``(column, unit)``, or none."""

    focus: tuple[int, int] | None


@dataclass(frozen=True, eq=False)
class Compare:
    """Replace every run by these 2–4, trained in lock step; ``active`` gets the full maps."""

    runs: tuple[Rebuild, ...]
    active: int


@dataclass(frozen=True)
class SetActive:
    """Which run's neurons and focus map the snapshots carry in full."""

    run_id: int


@dataclass(frozen=True, eq=False)
class Preview:
    """Show these checkpoints (by run id) instead of the live runs; None: the live runs."""

    states: dict[int, TrainerState] | None


@dataclass(frozen=True, eq=False)
class Restore:
    """Go on from these exact states (by run id): a fork, or the undo of one."""

    states: dict[int, TrainerState]


@dataclass(frozen=True)
class EditParameter:
    """Set one weight or bias of run ``run_id`` to ``value`` (index into its flat ``params``).

    Applied at the next step while training, at once while paused; the optimizer's state
    is left as it is.
    """

    run_id: int
    index: int
    value: float


@dataclass(frozen=True)
class Abort:
    """Stop the worker loop for good."""


Command = (
    Rebuild
    | SetData
    | SetTrainConfig
    | SetRunning
    | StepEpoch
    | SetStopConditions
    | SetProbe
    | SetFocus
    | Compare
    | SetActive
    | Preview
    | Restore
    | EditParameter
    | Abort
)
