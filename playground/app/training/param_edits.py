"""Weights and biases typed in by hand, applied to a live run between two steps.

The worker applies an :class:`~playground.app.training.commands.EditParameter` where it
looks at its mailbox: before the next step while training, at once while paused. Only the
one parameter changes: the optimizer's state (momentum, Adam's moments) stays as it is,
so training goes on from the edited weights as if they had been there.

The run's latest exact state is taken again at once, so that a pause, a save or the
history's latest checkpoint holds the edited value and not the one before it.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from playground.app.training.commands import EditParameter

if TYPE_CHECKING:
    from playground.app.training.loop import TrainingLoop


def apply(loop: TrainingLoop, command: EditParameter) -> bool:
    """Set the parameter in the run it names; False (nothing changes) for a stale or bad edit.

    A run rebuilt since the edit was made has another id, and an index or a value that
    does not fit is dropped rather than trusted.
    """
    slot = next((s for s in loop.slots if s.run_id == command.run_id), None)
    if slot is None or not math.isfinite(command.value):
        return False
    trainer = slot.trainer
    params = trainer.network.params
    if not 0 <= command.index < params.size:
        return False
    params[command.index] = command.value
    trainer.previous_params[command.index] = command.value  # a divergence rolls back to it
    state = trainer.get_state()  # the same moment again: it replaces the latest checkpoint
    slot.clock.offer(state)
    slot.pending.append(state)
    loop._dirty = True
    return True
