"""What crosses from the training thread to the GUI thread (commands go back: ``commands``).

Everything here is a frozen dataclass of copied arrays: once made, nothing
shares memory with the live network, so neither side needs a lock. A snapshot
carries the ``run_id`` of the network it came from; the controller drops any
snapshot whose run is no longer current.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from playground.core.config import ModelConfig
from playground.core.diagnostics import Diagnostics
from playground.core.features import FeatureMap
from playground.core.history import HistoryChunk
from playground.core.model import Model
from playground.core.point_pass import PointPass
from playground.core.probes import GridProbe
from playground.core.trainer import TrainerState

Array = NDArray[np.float64]


@dataclass(frozen=True, eq=False)
class Snapshot:
    """The state of one training run at one moment.

    Attributes
    ----------
    run_id : int
        Which network this came from (changes on every rebuild).
    seq : int
        Increases with every snapshot of the run.
    epoch, step : int
        Completed epochs and mini-batch steps.
    history : HistoryChunk
        Every history row recorded since the previous snapshot, so curves have no gaps.
    params : ndarray of shape (n_params,)
        Copy of the flat parameters (layout of ``playground.core.network``).
    sizes : tuple of int
        Layer sizes, to cut ``params`` into weights and biases.
    model_config : ModelConfig
    features : FeatureMap
        Input features and scaling (immutable, shared).
    probe : GridProbe or None
        The output (and class probabilities) on the full probe grid; its
        ``hidden`` is left empty, see ``neuron_maps``.
    neuron_maps : tuple of ndarray
        Thumbnail maps per diagram column: inputs (n_features, t, t), each
        hidden layer (units, t, t), outputs (n_outputs, t, t); row 0 at the bottom.
    focus : tuple of int, or None
        ``(column, unit)`` of the neuron the user is looking at (column 0 = inputs).
    focus_map : ndarray of shape (n, n), or None
        That neuron's map at full probe resolution.
    diagnostics : Diagnostics or None
        Per-layer health figures.
    steps_per_s, epochs_per_s : float
        Training speed over the last moments.
    running : bool
        Whether the worker is training.
    message : str or None
        Why training stopped on its own (divergence, stop condition, bad data), in
        English: a :class:`~playground.app.training.messages.Message`, which keeps its
        template and values so that the window says it in its language
        (:func:`playground.app.present.training_texts.say`).
    diverged : bool
        True when ``message`` reports a divergence.
    engine : str
        What trained the last slice: ``numpy`` or ``compiled``.
    engine_notice : str or None
        Why the compiled engine is not in use although it was asked for.
    checkpoints : tuple of TrainerState
        Exact states taken since the previous snapshot, at the epochs the run's
        checkpoint schedule wants, and the latest one whenever training pauses.
    plays : int
        How many Play commands the worker had taken when it made this: a stop it
        reports from before the window's latest Play is old news.
    preview_epoch : int or None
        Set when this shows a checkpoint the user scrubbed to rather than the live run.
    companions : tuple of Snapshot
        In compare mode, the other runs at the same moment (the same epoch, in lock
        step); their ``neuron_maps`` are empty, the boundary is all they show.
    points : PointPass or None
        Every layer at the data points (training points first) and along a grid over
        the probe's rect, for the lenses. Made for the active run and each compared run,
        at most ``frames.POINTS_EVERY_S`` apart while training, and for every snapshot
        while paused or looking at a checkpoint; None in the snapshots between.
    """

    run_id: int
    seq: int
    epoch: int
    step: int
    history: HistoryChunk
    params: Array
    sizes: tuple[int, ...]
    model_config: ModelConfig
    features: FeatureMap
    probe: GridProbe | None
    neuron_maps: tuple[Array, ...]
    focus: tuple[int, int] | None
    focus_map: Array | None
    diagnostics: Diagnostics | None
    steps_per_s: float
    epochs_per_s: float
    running: bool
    message: str | None = None
    diverged: bool = False
    engine: str = "numpy"
    engine_notice: str | None = None
    checkpoints: tuple[TrainerState, ...] = ()
    plays: int = 0
    preview_epoch: int | None = None
    companions: tuple[Snapshot, ...] = ()
    points: PointPass | None = None

    def to_model(self) -> Model:
        """A model with a copy of these weights (for export; never the live network)."""
        return Model.from_params(self.model_config, self.features, self.params)

    def all_runs(self) -> tuple[Snapshot, ...]:
        """This snapshot and its companions."""
        return (self, *self.companions)

    def weights(self) -> list[Array]:
        """Weight matrices, each (fan_in, fan_out), as views of ``params``."""
        return [w for w, _ in self._blocks()]

    def biases(self) -> list[Array]:
        """Bias vectors, each (fan_out,), as views of ``params``."""
        return [b for _, b in self._blocks()]

    def _blocks(self) -> list[tuple[Array, Array]]:
        out, pos = [], 0
        for fi, fo in zip(self.sizes[:-1], self.sizes[1:]):
            w = self.params[pos : pos + fi * fo].reshape(fi, fo)
            pos += fi * fo
            out.append((w, self.params[pos : pos + fo]))
            pos += fo
        return out
