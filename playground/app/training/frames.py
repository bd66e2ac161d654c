"""Snapshots of the live runs (or of the checkpoints the user scrubbed to), made on the worker.

Each snapshot of a run may carry its :class:`~playground.core.point_pass.PointPass` (every
layer at the data points, for the lenses): at most every ``POINTS_EVERY_S`` seconds per
run while training, and in every snapshot while paused or stepping and of a checkpoint.
"""

from __future__ import annotations

import dataclasses
import weakref
from typing import TYPE_CHECKING, Any

import numpy as np

from playground.app.training.slot import RunSlot
from playground.app.training.snapshot import Snapshot
from playground.core import kernel
from playground.core.diagnostics import diagnose
from playground.core.history import History
from playground.core.model import Model
from playground.core.point_pass import PointPass, point_pass
from playground.core.trainer import TrainerState

if TYPE_CHECKING:
    from playground.app.training.loop import TrainingLoop

#: Least time between two point passes of a run while training (10 a second).
POINTS_EVERY_S = 0.1

#: When each live run's last point pass was made (forgotten with the run).
_points_made: weakref.WeakKeyDictionary[RunSlot, float] = weakref.WeakKeyDictionary()


def _points(loop: TrainingLoop, slot: RunSlot, model: Model, now: float | None) -> PointPass | None:
    """The model at the dataset's points, or None while training and one was made lately.

    ``now`` None makes one whatever the time (a checkpoint's snapshot).
    """
    data = loop._dataset
    if data is None:
        return None
    if now is not None:
        made = _points_made.get(slot)
        if loop._running and made is not None and now - made < POINTS_EVERY_S:
            return None
        _points_made[slot] = now
    # Training points first, then test points, each in data set order (as ``train_x`` and
    # ``test_x`` hold them); ``order`` is each row's index in ``data.x``, the number the
    # canvas and the backprop inspector give the point.
    order = np.concatenate([np.flatnonzero(~data.is_test), np.flatnonzero(data.is_test)])
    x = data.x[order]
    y = data.y[order].astype(np.float64)
    n_train = len(order) - int(np.count_nonzero(data.is_test))
    return point_pass(model, x, y, n_train, loop.prober.rect, index=order)


def _pictures(loop: TrainingLoop, slot: RunSlot, model: Model, full: bool) -> dict[str, Any]:
    """The fields every snapshot of ``model`` shares: its pictures, sizes and identity."""
    focus = loop._focus if full else None
    probe, maps, focus_map = loop.prober.probe(model, focus, maps=full)
    params = model.network.get_params()
    params.flags.writeable = False
    slot.seq += 1
    return {
        "run_id": slot.run_id,
        "seq": slot.seq,
        "params": params,
        "sizes": model.network.sizes,
        "model_config": model.config,
        "features": model.features,
        "probe": probe,
        "neuron_maps": maps,
        "focus": focus if focus_map is not None else None,
        "focus_map": focus_map,
        "engine": "compiled" if loop._off_lock else "numpy",
    }


def snapshot(loop: TrainingLoop, slot: RunSlot, full: bool, running: bool, now: float) -> Snapshot:
    """Copy what the GUI needs from one run; ``full`` adds thumbnails, focus and diagnostics."""
    preview = loop._preview.get(slot.run_id) if loop._preview is not None else None
    if preview is not None:
        return _preview(loop, slot, preview, full)
    trainer = slot.trainer
    # Rows travel once: the GUI keeps the run's history, so the worker forgets what it
    # sent and its memory stays flat however long the run.
    chunk = trainer.history.chunk()
    trainer.history.clear()
    return Snapshot(
        epoch=trainer.epoch,
        step=trainer.step_count,
        history=chunk,
        diagnostics=diagnose(trainer) if full and trainer.n_train else None,
        steps_per_s=loop.rates.steps_per_s,
        epochs_per_s=loop.rates.epochs_per_s,
        running=running and not slot.done,
        message=slot.message or loop._message,
        diverged=slot.diverged if slot.message else loop._diverged,
        engine_notice=kernel.engine_notice() if loop.engine != "numpy" else None,
        checkpoints=slot.take_checkpoints(),
        plays=loop.plays,
        points=_points(loop, slot, trainer.model, now),
        **_pictures(loop, slot, trainer.model, full),
    )


def _preview(loop: TrainingLoop, slot: RunSlot, state: TrainerState, full: bool) -> Snapshot:
    """The run as it was at a checkpoint: a copy of the model with the state's weights."""
    model = slot.trainer.model.copy()
    model.network.set_params(state.params)
    return Snapshot(
        epoch=state.epoch,
        step=state.step_count,
        history=History(model.network.n_layers).chunk(),
        diagnostics=None,
        steps_per_s=0.0,
        epochs_per_s=0.0,
        running=False,
        preview_epoch=state.epoch,
        points=_points(loop, slot, model, None),
        **_pictures(loop, slot, model, full),
    )


def with_companions(main: Snapshot, others: tuple[Snapshot, ...]) -> Snapshot:
    """The active run's snapshot carrying the other runs'."""
    return dataclasses.replace(main, companions=others)
