"""A run's weight checkpoints: every epoch at first, then ever sparser, in bounded memory.

:class:`Checkpoints` keeps :class:`~playground.core.trainer.TrainerState` objects so that
a history scrubber can show, and "Resume from here" can continue from, an earlier moment.

The spacing rule
----------------
Checkpoint epochs lie on one fixed grid of integers::

    g(0) = 0,   g(i + 1) = g(i) + max(1, g(i) // 10)

that is 0, 1, 2, ..., 20, 22, 24, ..., 30, 33, 36, 39, 42, 46, 50, 55, ... : every
epoch up to 20, then neighbours at most 10 % apart (between 9 % and 10 % from epoch 100
on), so the grid is geometric and a run of ``E > 20`` epochs has about
``21 + 10.5 ln(E / 20)`` grid points (136 by a million epochs). The grid is thinned by
*levels*: level ``L`` keeps the grid points whose index ``i`` is a multiple of
``2**L``, so each level is a subset of the one below and its neighbours are about
``1.1**(2**L)`` apart. A run whose latest epoch is ``E`` uses
the lowest level at which at most ``max_count - 2`` grid points lie in ``0..E``; the
two places left are for the first state and the latest.

So the checkpoints of a run are, at any time:

- the first state offered (normally epoch 0), never thinned;
- the latest state offered, whatever its epoch (also mid-epoch); offered again at the
  same epoch and step, the newer state takes its place;
- for each epoch of the grid at the run's level, the earliest state offered in that
  epoch (the one at its start, when it was offered).

When a run grows into a higher level, every second grid checkpoint of the level below
goes, old and new alike, so a run of 100 epochs and one of 1,000,000 both hold at most
``max_count`` states spread log-uniformly over the whole run. All of it depends on the
epochs only, never on timing: the same offers keep the same states.

States are offered in training order. To fork, :meth:`Checkpoints.drop_after` the epoch
to resume from, continue training, and :meth:`Checkpoints.restore` what it dropped to
undo the fork (a grid checkpoint that the fork's own thinning removed, because the fork
ran longer than the run it left, does not come back). A :class:`Checkpoints` is not
thread-safe; one owner offers and reads.
"""

from __future__ import annotations

import bisect
import weakref
from collections.abc import Iterable
from dataclasses import dataclass

from playground.core.trainer_state import TrainerState

#: Checkpoints a run keeps unless told otherwise.
DEFAULT_MAX_COUNT = 200
#: Forks whose undo information is remembered (the oldest are forgotten).
MAX_FORKS = 64

_GRID = [0]


def _grid_upto(epoch: int) -> list[int]:
    """Return the grid, extended until its last point is at least ``epoch``."""
    while _GRID[-1] < epoch:
        g = _GRID[-1]
        _GRID.append(g + max(1, g // 10))
    return _GRID


def grid_points(stop: int) -> list[int]:
    """Return every point of the level-0 grid in ``0..stop`` (see the module docstring)."""
    grid = _grid_upto(stop)
    return grid[: bisect.bisect_right(grid, stop)]


@dataclass(frozen=True)
class _Entry:
    serial: int  # offer order: later offers have larger serials
    state: TrainerState

    @property
    def key(self) -> tuple[int, int]:
        return (self.state.epoch, self.state.step_count)


@dataclass(frozen=True)
class _Fork:
    serial: int  # the first serial offered after the drop
    dropped: tuple[tuple[int, weakref.ref[TrainerState]], ...]


class Checkpoints:
    """A run's checkpoints, kept by the spacing rule of the module docstring.

    Parameters
    ----------
    max_count : int
        Most states kept (at least 4: the first, the latest and two grid places).
    """

    def __init__(self, max_count: int = DEFAULT_MAX_COUNT) -> None:
        if isinstance(max_count, bool) or not isinstance(max_count, int) or max_count < 4:
            raise ValueError(f"max_count must be an integer of at least 4, got {max_count!r}")
        self.max_count = max_count
        self._entries: list[_Entry] = []  # ascending by (epoch, step_count) and by serial
        self._serial = 0
        self._forks: list[_Fork] = []

    @classmethod
    def from_states(
        cls, states: Iterable[TrainerState], max_count: int = DEFAULT_MAX_COUNT
    ) -> Checkpoints:
        """Offer ``states`` in order to new checkpoints (what :meth:`states` gives back)."""
        checkpoints = cls(max_count)
        for state in states:
            checkpoints.offer(state)
        return checkpoints

    # -- the rule ------------------------------------------------------------------------
    def level(self, epoch: int) -> int:
        """Return the grid level of a run whose latest epoch is ``epoch``."""
        n = bisect.bisect_right(_grid_upto(epoch), epoch)  # grid points in 0..epoch
        budget, level = self.max_count - 2, 0
        while (n - 1) // (1 << level) + 1 > budget:
            level += 1
        return level

    def _on_grid(self, epoch: int, level: int) -> bool:
        grid = _grid_upto(epoch)
        i = bisect.bisect_left(grid, epoch)
        return grid[i] == epoch and i % (1 << level) == 0

    def wants(self, epoch: int) -> bool:
        """Tell whether :meth:`offer` would keep a state at ``epoch`` beyond its being the latest.

        True for the epochs of the grid at the level ``epoch`` puts the run in, and for
        any epoch while no state is kept (the first is always kept).
        """
        _check_epoch(epoch)
        return not self._entries or self._on_grid(epoch, self.level(epoch))

    def next_wanted(self, epoch: int) -> int:
        """Return the first epoch after ``epoch`` that :meth:`wants` (where to cut a slice)."""
        _check_epoch(epoch)
        if not self._entries:
            return epoch + 1
        grid = _grid_upto(epoch + 1)
        i = bisect.bisect_right(grid, epoch)
        while True:
            if i >= len(grid):
                grid = _grid_upto(grid[-1] + 1)
            if i % (1 << self.level(grid[i])) == 0:
                return grid[i]
            i += 1

    # -- offering ------------------------------------------------------------------------
    def offer(self, state: TrainerState) -> bool:
        """Keep ``state`` as the latest, and beyond that if the spacing rule wants it.

        Parameters
        ----------
        state : TrainerState
            Not before the latest state in training order (epoch and step count).

        Returns
        -------
        bool
            True when it holds a place of its own (the first state, or a grid epoch's)
            and so stays after later offers; False when it is kept only as the latest.

        Raises
        ------
        ValueError
            For a state before the latest one (:meth:`drop_after` first to go back).
        """
        if not isinstance(state, TrainerState):
            raise ValueError(f"expected a TrainerState, got {type(state).__name__}")
        if self._entries:
            latest = self._entries[-1].state
            if state.epoch < latest.epoch or state.step_count < latest.step_count:
                raise ValueError(
                    f"a state of epoch {state.epoch} (step {state.step_count}) comes before "
                    f"the latest checkpoint, epoch {latest.epoch} (step {latest.step_count}); "
                    "drop_after an earlier epoch to fork from there"
                )
        serial = self._serial
        self._serial += 1
        if self._entries and self._entries[-1].key == (state.epoch, state.step_count):
            # The same moment offered again (a pause, a resume): the newer replaces it, in
            # its place, so that a fork's undo still finds it.
            serial = self._entries.pop().serial
        entry = _Entry(serial, state)
        self._entries.append(entry)
        self._thin()
        return len(self._entries) == 1 or self._holds_slot(entry)

    def _holds_slot(self, entry: _Entry) -> bool:
        """Whether ``entry`` (the latest) is its grid epoch's checkpoint too."""
        epoch = entry.state.epoch
        if not self._on_grid(epoch, self.level(epoch)):
            return False
        same = [e for e in self._entries if e.state.epoch == epoch]
        return min(same, key=lambda e: (e.state.step_count, -e.serial)) is entry

    def _thin(self) -> None:
        """Keep the first, the latest and each grid epoch's earliest state."""
        entries = self._entries
        if len(entries) <= 2:
            return
        level = self.level(entries[-1].state.epoch)
        winners: dict[int, _Entry] = {}
        for e in entries[1:-1]:
            epoch = e.state.epoch
            if not self._on_grid(epoch, level):
                continue
            held = winners.get(epoch)
            if held is None or e.state.step_count <= held.state.step_count:
                winners[epoch] = e  # entries run in offer order: the newer wins a tie
        last = entries[-1]
        held = winners.get(last.state.epoch)
        if held is not None and last.state.step_count <= held.state.step_count:
            del winners[last.state.epoch]  # the latest holds its epoch's place itself
        kept = {id(e) for e in winners.values()}
        self._entries = [entries[0], *(e for e in entries[1:-1] if id(e) in kept), last]

    # -- reading -------------------------------------------------------------------------
    def __len__(self) -> int:
        """Count the states kept."""
        return len(self._entries)

    def states(self) -> list[TrainerState]:
        """Return the states kept, in training order."""
        return [e.state for e in self._entries]

    def epochs(self) -> list[int]:
        """Return the distinct epochs of the states kept, ascending."""
        return sorted({e.state.epoch for e in self._entries})

    def latest(self) -> TrainerState | None:
        """Return the latest state offered (and not dropped), or None."""
        return self._entries[-1].state if self._entries else None

    @property
    def n_bytes(self) -> int:
        """Bytes the kept states' arrays hold."""
        return sum(e.state.n_bytes for e in self._entries)

    def at_or_before(self, epoch: int) -> TrainerState | None:
        """Return the latest state (in training order) of an epoch <= ``epoch``, or None."""
        i = bisect.bisect_right([e.state.epoch for e in self._entries], epoch)
        return self._entries[i - 1].state if i else None

    def nearest(self, epoch: int) -> TrainerState | None:
        """Return the state nearest ``epoch``: :meth:`at_or_before`'s unless one after is nearer."""
        epochs = [e.state.epoch for e in self._entries]
        i = bisect.bisect_right(epochs, epoch)
        before = self._entries[i - 1].state if i else None
        after = self._entries[i].state if i < len(epochs) else None
        if before is None or (after is not None and after.epoch - epoch < epoch - before.epoch):
            return after
        return before

    # -- forks ---------------------------------------------------------------------------
    def drop_after(self, epoch: int) -> list[TrainerState]:
        """Forget the states of epochs after ``epoch``, to fork from there.

        Returns
        -------
        list of TrainerState
            The states dropped, in training order; :meth:`restore` takes them back.
        """
        i = bisect.bisect_right([e.state.epoch for e in self._entries], epoch)
        dropped, self._entries = self._entries[i:], self._entries[:i]
        record = tuple((e.serial, weakref.ref(e.state)) for e in dropped)
        self._forks = [*self._forks[-(MAX_FORKS - 1) :], _Fork(self._serial, record)]
        return [e.state for e in dropped]

    def restore(self, dropped: list[TrainerState]) -> None:
        """Undo the :meth:`drop_after` that returned ``dropped``.

        The states offered since (the abandoned fork) are forgotten, later forks with
        them, and the dropped states come back.

        Raises
        ------
        ValueError
            When ``dropped`` is not what one of the last :data:`MAX_FORKS` drops returned.
        """
        for k in range(len(self._forks) - 1, -1, -1):
            fork = self._forks[k]
            if len(fork.dropped) == len(dropped) and all(
                ref() is state for (_, ref), state in zip(fork.dropped, dropped)
            ):
                break
        else:
            raise ValueError("these states are not what a recent drop_after returned")
        kept = [e for e in self._entries if e.serial < fork.serial]
        back = [_Entry(serial, state) for (serial, _), state in zip(fork.dropped, dropped)]
        self._entries = kept + back
        self._forks = self._forks[:k]
        self._thin()


def _check_epoch(epoch: int) -> None:
    if isinstance(epoch, bool) or not isinstance(epoch, int) or epoch < 0:
        raise ValueError(f"an epoch is a non-negative integer, got {epoch!r}")
