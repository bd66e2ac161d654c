"""Per-epoch training history in growable column arrays."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

Array = NDArray[np.float64]

COLUMNS = ("epoch", "train_loss", "test_loss", "train_metric", "test_metric")


@dataclass(frozen=True, eq=False)
class HistoryChunk:
    """An immutable slice of history: what one snapshot carries across threads.

    Attributes
    ----------
    epoch : ndarray of shape (m,)
        Epoch number at which each row was recorded.
    train_loss, test_loss, train_metric, test_metric : ndarray of shape (m,)
        Full-set losses and metrics (accuracy, or R² for regression); NaN
        where there is no test set.
    grad_norms : ndarray of shape (m, n_layers)
        Root-mean-square over the epoch's steps of each layer's weight-gradient L2 norm.
    """

    epoch: Array
    train_loss: Array
    test_loss: Array
    train_metric: Array
    test_metric: Array
    grad_norms: Array

    def __len__(self) -> int:
        """Return the number of rows."""
        return len(self.epoch)


class History:
    """Append-only history, amortised O(1) per row; views are handed out read-only.

    Parameters
    ----------
    n_layers : int
        Weight layers, the width of the ``grad_norms`` column.
    capacity : int
        Rows allocated up front.
    max_rows : int, optional
        Bound on the rows kept. When a row would pass it, the older half of the
        rows is thinned to every second row, so a long run keeps its recent epochs
        in full and ever sparser older ones, in bounded memory.
    """

    def __init__(self, n_layers: int, capacity: int = 1024, max_rows: int | None = None) -> None:
        if max_rows is not None and max_rows < 4:
            raise ValueError(f"max_rows must be at least 4, got {max_rows}")
        self.n_layers = n_layers
        self.max_rows = max_rows
        self._size = 0
        capacity = capacity if max_rows is None else min(capacity, max_rows)
        self._cols = {name: np.empty(capacity) for name in COLUMNS}
        self._grads = np.empty((capacity, n_layers))

    def __len__(self) -> int:
        """Return the number of rows kept."""
        return self._size

    def _thin(self) -> None:
        """Keep every second row of the older half (the first row always stays)."""
        half = self._size // 2
        keep = np.concatenate([np.arange(0, half, 2), np.arange(half, self._size)])
        for col in (*self._cols.values(), self._grads):
            col[: len(keep)] = col[keep]
        self._size = len(keep)

    def _reserve(self, extra: int) -> None:
        if self.max_rows is not None:
            if extra > self.max_rows // 2:
                raise ValueError(f"cannot add {extra} rows to a history of at most {self.max_rows}")
            while self._size + extra > self.max_rows:
                self._thin()
        need = self._size + extra
        cap = len(self._grads)
        if need <= cap:
            return
        if self.max_rows is not None:
            need = max(need, min(2 * cap, self.max_rows))
        new_cap = max(need, 2 * cap) if self.max_rows is None else need
        for name, col in self._cols.items():
            grown = np.empty(new_cap)
            grown[: self._size] = col[: self._size]
            self._cols[name] = grown
        grads = np.empty((new_cap, self.n_layers))
        grads[: self._size] = self._grads[: self._size]
        self._grads = grads

    def append(
        self,
        epoch: float,
        train_loss: float,
        test_loss: float,
        train_metric: float,
        test_metric: float,
        grad_norms: Array,
    ) -> None:
        """Add one row; ``grad_norms`` has shape (n_layers,)."""
        self._reserve(1)
        i = self._size
        for name, value in zip(COLUMNS, (epoch, train_loss, test_loss, train_metric, test_metric)):
            self._cols[name][i] = value
        self._grads[i] = grad_norms
        self._size += 1

    def extend(self, chunk: HistoryChunk) -> None:
        """Append every row of ``chunk``."""
        m = len(chunk)
        if m == 0:
            return
        if chunk.grad_norms.shape[1] != self.n_layers:
            raise ValueError("history chunk has a different number of layers")
        piece = m if self.max_rows is None else self.max_rows // 2
        for start in range(0, m, piece):
            stop = min(start + piece, m)
            self._reserve(stop - start)
            s = slice(self._size, self._size + stop - start)
            for name in COLUMNS:
                self._cols[name][s] = getattr(chunk, name)[start:stop]
            self._grads[s] = chunk.grad_norms[start:stop]
            self._size += stop - start

    def chunk(self, start: int = 0, stop: int | None = None) -> HistoryChunk:
        """Copy of rows ``start:stop`` as an immutable chunk."""
        stop = self._size if stop is None else min(stop, self._size)
        arrays = {name: self._cols[name][start:stop].copy() for name in COLUMNS}
        grads = self._grads[start:stop].copy()
        for arr in (*arrays.values(), grads):
            arr.flags.writeable = False
        return HistoryChunk(grad_norms=grads, **arrays)

    def column(self, name: str) -> Array:
        """Read-only view of one column, shape (len(self),), or of ``grad_norms`` (len, L)."""
        view = self._grads[: self._size] if name == "grad_norms" else self._cols[name][: self._size]
        view = view.view()
        view.flags.writeable = False
        return view

    def clear(self) -> None:
        """Forget all rows."""
        self._size = 0
