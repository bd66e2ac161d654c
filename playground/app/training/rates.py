"""The speed readouts: steps and epochs a second, smoothed over about a second."""

from __future__ import annotations

import math
import time

#: Shortest time over which a speed sample is taken, and the time constant of its smoothing.
RATE_SAMPLE_S = 0.25
RATE_SMOOTHING_S = 1.0


class Rates:
    """Counts steps and turns them into smoothed speeds at each snapshot."""

    def __init__(self) -> None:
        self.steps_per_s = 0.0
        self.epochs_per_s = 0.0
        self._t = time.perf_counter()
        self._steps = 0

    def reset(self) -> None:
        """Start over (after a pause or a new run)."""
        self._t = time.perf_counter()
        self._steps = 0
        self.steps_per_s = self.epochs_per_s = 0.0

    def count(self, steps: int) -> None:
        """Steps the active run just took."""
        self._steps += steps

    def sample(self, now: float, running: bool, n_train: int, batch_size: int) -> None:
        """Take a sample if one is due (called when a snapshot is made)."""
        elapsed = now - self._t
        if not running:
            self.reset()
        elif elapsed >= RATE_SAMPLE_S:
            self.update(self._steps / elapsed, elapsed, n_train, batch_size)
            self._t, self._steps = now, 0

    def update(self, steps_per_s: float, elapsed: float, n_train: int, batch_size: int) -> None:
        """Smooth the speed readouts over about ``RATE_SMOOTHING_S``.

        Epochs per second follow from steps per second and the steps an epoch takes,
        so they do not jump with the whole epochs that happen to end in a sample.
        """
        n = max(n_train, 1)
        steps_per_epoch = -(-n // max(1, min(batch_size, n)))
        if self.steps_per_s == 0.0:  # the first sample after a start is taken as it is
            self.steps_per_s = steps_per_s
        else:
            weight = 1.0 - math.exp(-elapsed / RATE_SMOOTHING_S)
            self.steps_per_s += weight * (steps_per_s - self.steps_per_s)
        self.epochs_per_s = self.steps_per_s / steps_per_epoch
