"""Snapshots of the live runs (or of the checkpoints the user scrubbed to), made on the worker."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from playground.app.training.slot import RunSlot
from playground.app.training.snapshot import Snapshot
from playground.core import kernel
from playground.core.diagnostics import diagnose
from playground.core.history import History

if TYPE_CHECKING:
    from playground.app.training.loop import TrainingLoop


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
    model = trainer.model
    focus = loop._focus if full else None
    probe, maps, focus_map = loop.prober.probe(model, focus, maps=full)
    params = trainer.network.get_params()
    params.flags.writeable = False
    slot.seq += 1
    message = slot.message or loop._message
    diverged = slot.diverged if slot.message else loop._diverged
    return Snapshot(
        run_id=slot.run_id,
        seq=slot.seq,
        epoch=trainer.epoch,
        step=trainer.step_count,
        history=chunk,
        params=params,
        sizes=trainer.network.sizes,
        model_config=model.config,
        features=model.features,
        probe=probe,
        neuron_maps=maps,
        focus=focus if focus_map is not None else None,
        focus_map=focus_map,
        diagnostics=diagnose(trainer) if full and trainer.n_train else None,
        steps_per_s=loop.rates.steps_per_s,
        epochs_per_s=loop.rates.epochs_per_s,
        running=running and not slot.done,
        message=message,
        diverged=diverged,
        engine="compiled" if loop._off_lock else "numpy",
        engine_notice=kernel.engine_notice() if loop.engine != "numpy" else None,
        checkpoints=slot.take_checkpoints(),
    )


def _preview(loop: TrainingLoop, slot: RunSlot, state: object, full: bool) -> Snapshot:
    """The run as it was at a checkpoint: a copy of the model with the state's weights."""
    from playground.core.trainer import TrainerState

    assert isinstance(state, TrainerState)
    model = slot.trainer.model.copy()
    model.network.set_params(state.params)
    focus = loop._focus if full else None
    probe, maps, focus_map = loop.prober.probe(model, focus, maps=full)
    params = state.params.copy()
    params.flags.writeable = False
    slot.seq += 1
    empty = History(model.network.n_layers).chunk()
    return Snapshot(
        run_id=slot.run_id,
        seq=slot.seq,
        epoch=state.epoch,
        step=state.step_count,
        history=empty,
        params=params,
        sizes=model.network.sizes,
        model_config=model.config,
        features=model.features,
        probe=probe,
        neuron_maps=maps,
        focus=focus if focus_map is not None else None,
        focus_map=focus_map,
        diagnostics=None,
        steps_per_s=0.0,
        epochs_per_s=0.0,
        running=False,
        preview_epoch=state.epoch,
        engine="compiled" if loop._off_lock else "numpy",
    )


def with_companions(main: Snapshot, others: tuple[Snapshot, ...]) -> Snapshot:
    """The active run's snapshot carrying the other runs'."""
    return dataclasses.replace(main, companions=others)


def run_ids(snap: Snapshot) -> tuple[int, ...]:
    """The ids of the runs a snapshot speaks for."""
    return tuple(s.run_id for s in snap.all_runs())
