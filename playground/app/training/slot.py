"""One run inside the worker: its live trainer, its stop message and its checkpoint clock."""

from __future__ import annotations

from playground.app.training.commands import Rebuild
from playground.core.checkpoints import Checkpoints
from playground.core.model import Model
from playground.core.trainer import Trainer, TrainerState


def build_model(c: Rebuild) -> Model:
    """The network a rebuild asks for: loaded weights, or fresh ones from the seed."""
    if c.params is not None and c.features is not None:
        return Model.from_params(c.model_config, c.features, c.params)
    return Model.build(c.model_config, c.dataset.train_x)


class RunSlot:
    """A run the worker trains: only the worker thread touches it.

    The checkpoint clock is a :class:`~playground.core.checkpoints.Checkpoints` of the
    same rule as the window's, used here for its schedule: slices end at the epochs it
    wants, the exact states taken there travel with the next snapshot, and the window
    files them in its own copy.
    """

    def __init__(self, command: Rebuild, engine: str, max_checkpoints: int) -> None:
        d = command.dataset
        self.trainer = Trainer(
            build_model(command),
            command.train_config,
            d.train_x,
            d.train_y,
            d.test_x,
            d.test_y,
            engine=engine,
        )
        self.trainer.epoch, self.trainer.step_count = command.start_epoch, command.start_step
        if command.state is not None:
            self.trainer.set_state(command.state)
        self.run_id = command.run_id
        self.seq = 0
        self.message: str | None = None
        self.diverged = False
        #: True when this run stopped on its own (diverged, or reached a stop condition)
        #: while compared runs go on.
        self.done = False
        self.clock = Checkpoints.from_states(command.checkpoints, max_checkpoints)
        self.pending: list[TrainerState] = []
        self._captured_step = -1
        self.capture()

    @property
    def epoch(self) -> int:
        """Epochs ended."""
        return self.trainer.epoch

    def capture(self) -> None:
        """Take the exact state now (once per step count) for the next snapshot."""
        if self.trainer.step_count == self._captured_step and self.pending:
            return
        state = self.trainer.get_state()
        self.clock.offer(state)
        self.pending.append(state)
        self._captured_step = self.trainer.step_count

    def epochs_to_checkpoint(self) -> int:
        """Epochs until the clock's next wanted epoch (so a slice can end there)."""
        return max(1, self.clock.next_wanted(self.epoch) - self.epoch)

    def after_slice(self, at_boundary: bool) -> None:
        """Take a checkpoint if the slice ended on the boundary of an epoch the clock wants."""
        if at_boundary and self.clock.wants(self.epoch):
            self.capture()

    def take_checkpoints(self) -> tuple[TrainerState, ...]:
        """The states taken since the last call."""
        out = tuple(self.pending)
        self.pending = []
        return out

    def restore(self, state: TrainerState) -> None:
        """Go on from an exact state (a fork or its undo)."""
        self.trainer.set_state(state)
        self.trainer.history.clear()
        self.clock.drop_after(state.epoch)
        self.pending = []
        self.message, self.diverged, self.done = None, False, False
        self._captured_step = self.trainer.step_count
