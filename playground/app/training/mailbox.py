"""The worker's inbox: commands from any thread, drained by the training loop between steps."""

from __future__ import annotations

import threading
from collections import deque

from playground.app.training.commands import Command


class Mailbox:
    """A thread-safe command queue the loop drains between steps."""

    def __init__(self) -> None:
        self._items: deque[Command] = deque()
        self._cond = threading.Condition()

    def post(self, command: Command) -> None:
        """Add a command (any thread)."""
        with self._cond:
            self._items.append(command)
            self._cond.notify()

    def __bool__(self) -> bool:
        return bool(self._items)

    def wake(self) -> None:
        """Wake a :meth:`drain` that is waiting, without posting anything."""
        with self._cond:
            self._cond.notify()

    def drain(self, timeout: float = 0.0) -> list[Command]:
        """Take every waiting command, waiting up to ``timeout`` s for the first."""
        with self._cond:
            if not self._items and timeout > 0.0:
                self._cond.wait(timeout)
            items = list(self._items)
            self._items.clear()
        return items
