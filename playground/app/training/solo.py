"""One run trained alone: a slice up to the next checkpoint or the user's stop, then its stop.

The compared runs' counterpart is :mod:`.lock_step`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from playground.app.training import messages
from playground.app.training.slot import RunSlot

if TYPE_CHECKING:
    from playground.app.training.loop import TrainingLoop


def train(loop: TrainingLoop, slot: RunSlot, seconds: float) -> None:
    """Train ``slot`` for up to ``seconds``, ending a step of one epoch or a stop condition."""
    trainer = slot.trainer
    if loop._step_epoch:
        user_cap: int | None = 1
    elif loop._max_epochs is not None:
        user_cap = max(1, loop._max_epochs - trainer.epoch)
    else:
        user_cap = None
    cap = slot.epochs_to_checkpoint()
    cap = cap if user_cap is None else min(cap, user_cap)
    first = trainer.epoch
    result = trainer.run_slice(seconds=seconds, max_epochs=cap, target_loss=loop._target_loss)
    loop._off_lock = result.engine == "compiled"
    loop.rates.count(result.steps)
    loop._dirty = True
    slot.after_slice(result.stop in ("epochs", "target"))
    if result.stop == "diverged":
        assert trainer.diverged is not None
        loop._stop(messages.diverged(trainer.diverged), diverged=True)
    elif result.stop == "target" or (
        result.stop == "epochs" and user_cap is not None and trainer.epoch - first >= user_cap
    ):
        if loop._step_epoch:
            loop._end_step()
        else:
            _stop_condition_met(loop)


def _stop_condition_met(loop: TrainingLoop) -> bool:
    """Stop the run if it has trained the user's epochs or reached the target loss."""
    trainer = loop.trainer
    assert trainer is not None
    if loop._max_epochs is not None and trainer.epoch >= loop._max_epochs:
        loop._stop(messages.stopped_after(trainer.epoch))
        return True
    if loop._target_loss is not None and len(trainer.history):
        loss = trainer.history.column("train_loss")[-1]
        if loss <= loop._target_loss:
            loop._stop(messages.reached_loss(loss, trainer.epoch))
            return True
    return False
