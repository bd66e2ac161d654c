"""Compared runs trained in lock step: the run that is behind catches up, then one runs ahead.

Every run has the same data and seed, so the same initial weights wherever the
architectures agree and the same mini-batch order. Each pass of the loop trains one run:
the first one behind the others' epoch, up to that epoch; or, when all stand at the same
epoch, the first one for its share of the time slice. Snapshots are only made when every
run that is still going stands at the same epoch (:func:`in_step`), so the small
multiples, the curves and the table always compare like with like.

A run that diverges or reaches the target loss stops alone; the others go on. A stop
after N epochs, or a step of one epoch, ends when every run has got there.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from playground.app.training import messages
from playground.app.training.slot import RunSlot

if TYPE_CHECKING:
    from playground.app.training.loop import TrainingLoop


def alive(loop: TrainingLoop) -> list[RunSlot]:
    """The runs still training (not stopped on their own)."""
    return [slot for slot in loop.slots if not slot.done]


def in_step(loop: TrainingLoop) -> bool:
    """True when every run still going stands at the same epoch (always, for one run)."""
    going = alive(loop)
    if len(loop.slots) < 2 or not (loop._running or loop._step_epoch) or not going:
        return True
    return len({slot.epoch for slot in going}) == 1


def _goal(loop: TrainingLoop) -> int | None:
    """The epoch every run is to stop at: a step's end, or the stop after N epochs."""
    if loop._step_epoch:
        return loop._step_goal
    return loop._max_epochs


def train(loop: TrainingLoop, seconds: float) -> None:
    """One pass of lock-step training (see the module docstring)."""
    going = alive(loop)
    if not going:
        loop._stop(messages.every_run_stopped())
        return
    top = max(slot.epoch for slot in going)
    goal = _goal(loop)
    if goal is not None and all(slot.epoch >= goal for slot in going):
        _reached(loop, goal)
        return
    behind = [slot for slot in going if slot.epoch < top]
    slot = behind[0] if behind else going[0]
    caps = [slot.epochs_to_checkpoint()]
    if behind:
        caps.append(top - slot.epoch)
    else:
        seconds /= len(going)
    if goal is not None:
        caps.append(max(1, goal - slot.epoch))
    trainer = slot.trainer
    target = None if loop._step_epoch else loop._target_loss
    result = trainer.run_slice(seconds=seconds, max_epochs=min(caps), target_loss=target)
    loop._off_lock = result.engine == "compiled"
    if slot is loop.slots[loop.active]:
        loop.rates.count(result.steps)
    loop._dirty = True
    slot.after_slice(result.stop in ("epochs", "target"))
    if result.stop == "diverged":
        assert trainer.diverged is not None
        slot.done, slot.diverged = True, True
        slot.message = messages.diverged(trainer.diverged)
        slot.capture()
    elif result.stop == "target" and target is not None:
        loss = trainer.history.column("train_loss")[-1]
        slot.done = True
        slot.message = messages.reached_loss(loss, trainer.epoch)
        slot.capture()
    if not alive(loop):
        loop._stop(messages.every_run_stopped())


def _reached(loop: TrainingLoop, goal: int) -> None:
    if loop._step_epoch:
        loop._end_step()
    else:
        loop._stop(messages.stopped_after(goal))
