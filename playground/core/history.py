"""Per-epoch training history in growable column arrays.

The columns are declared in :mod:`playground.core.history_columns`: the scalar
:data:`COLUMNS` and the per-layer :data:`LAYER_COLUMNS`, each (n_rows, n_layers).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
from numpy.typing import NDArray

from playground.core.history_columns import COLUMNS, LAYER_COLUMNS, REQUIRED_LAYER_COLUMN

Array = NDArray[np.float64]

__all__ = ["COLUMNS", "LAYER_COLUMNS", "History", "HistoryChunk"]


class HistoryChunk:
    """An immutable slice of history: what one snapshot carries across threads.

    Parameters
    ----------
    **columns : array_like
        Every scalar column of :data:`COLUMNS`, shape (m,), and per-layer columns of
        :data:`LAYER_COLUMNS`, shape (m, n_layers): ``grad_norms`` is required, the
        others default to NaN (a file written before they existed).

    Attributes
    ----------
    epoch : ndarray of shape (m,)
        Epoch number at which each row was recorded.
    train_loss, test_loss, train_metric, test_metric : ndarray of shape (m,)
        Full-set losses and metrics (accuracy, or R² for regression); NaN
        where there is no test set.
    grad_norms, update_ratio, ... : ndarray of shape (m, n_layers)
        One per entry of :data:`LAYER_COLUMNS`.
    """

    __slots__ = ("_data",)
    _data: dict[str, Array]

    def __init__(self, **columns: Any) -> None:
        unknown = set(columns) - set(COLUMNS) - set(LAYER_COLUMNS)
        if unknown:
            raise ValueError(f"unknown history column {sorted(unknown)[0]!r}")
        missing = [c for c in (*COLUMNS, REQUIRED_LAYER_COLUMN) if c not in columns]
        if missing:
            raise ValueError(f"a history chunk needs the column {missing[0]!r}")
        data = {name: np.asarray(columns[name], dtype=np.float64) for name in COLUMNS}
        m = len(data["epoch"])
        width = np.shape(columns[REQUIRED_LAYER_COLUMN])[-1]
        for name in LAYER_COLUMNS:
            value = columns.get(name)
            data[name] = (
                np.full((m, width), np.nan)
                if value is None
                else np.asarray(value, dtype=np.float64)
            )
        for name, value in data.items():
            want = (m,) if name in COLUMNS else (m, width)
            if value.shape != want:
                raise ValueError(f"history column {name!r} has shape {value.shape}, not {want}")
        object.__setattr__(self, "_data", data)

    def __getattr__(self, name: str) -> Array:
        """Return column ``name``."""
        try:
            return self._data[name]
        except KeyError:
            raise AttributeError(name) from None

    def __setattr__(self, name: str, value: object) -> None:
        """Refuse: a chunk does not change."""
        raise AttributeError("a HistoryChunk is immutable")

    def __len__(self) -> int:
        """Return the number of rows."""
        return len(self._data["epoch"])

    @property
    def n_layers(self) -> int:
        """Weight layers: the per-layer columns' width."""
        return int(self._data[REQUIRED_LAYER_COLUMN].shape[1])

    def columns(self) -> Mapping[str, Array]:
        """Every column by name (scalar ones first, then the per-layer ones)."""
        return dict(self._data)


class History:
    """Append-only history, amortised O(1) per row; views are handed out read-only.

    Parameters
    ----------
    n_layers : int
        Weight layers, the width of the per-layer columns.
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
        self._cols: dict[str, Array] = {name: np.empty(capacity) for name in COLUMNS}
        for name in LAYER_COLUMNS:
            self._cols[name] = np.empty((capacity, n_layers))

    def __len__(self) -> int:
        """Return the number of rows kept."""
        return self._size

    def _thin(self) -> None:
        """Keep every second row of the older half (the first row always stays)."""
        half = self._size // 2
        keep = np.concatenate([np.arange(0, half, 2), np.arange(half, self._size)])
        for col in self._cols.values():
            col[: len(keep)] = col[keep]
        self._size = len(keep)

    def _reserve(self, extra: int) -> None:
        if self.max_rows is not None:
            if extra > self.max_rows // 2:
                raise ValueError(f"cannot add {extra} rows to a history of at most {self.max_rows}")
            while self._size + extra > self.max_rows:
                self._thin()
        need = self._size + extra
        cap = len(self._cols["epoch"])
        if need <= cap:
            return
        if self.max_rows is not None:
            need = max(need, min(2 * cap, self.max_rows))
        new_cap = max(need, 2 * cap) if self.max_rows is None else need
        for name, col in self._cols.items():
            grown = np.empty((new_cap, *col.shape[1:]))
            grown[: self._size] = col[: self._size]
            self._cols[name] = grown

    def append(
        self,
        epoch: float,
        train_loss: float,
        test_loss: float,
        train_metric: float,
        test_metric: float,
        grad_norms: Array,
        **layers: Array,
    ) -> None:
        """Add one row; ``grad_norms`` and any other per-layer ``layers`` have shape (n_layers,).

        Per-layer columns not given are NaN in this row.
        """
        unknown = set(layers) - set(LAYER_COLUMNS)
        if unknown:
            raise ValueError(f"unknown history column {sorted(unknown)[0]!r}")
        self._reserve(1)
        i = self._size
        for name, value in zip(COLUMNS, (epoch, train_loss, test_loss, train_metric, test_metric)):
            self._cols[name][i] = value
        layers = {**layers, REQUIRED_LAYER_COLUMN: grad_norms}
        for name in LAYER_COLUMNS:
            self._cols[name][i] = layers.get(name, np.nan)
        self._size += 1

    def extend(self, chunk: HistoryChunk) -> None:
        """Append every row of ``chunk``."""
        m = len(chunk)
        if m == 0:
            return
        if chunk.n_layers != self.n_layers:
            raise ValueError("history chunk has a different number of layers")
        piece = m if self.max_rows is None else self.max_rows // 2
        source = chunk.columns()
        for start in range(0, m, piece):
            stop = min(start + piece, m)
            self._reserve(stop - start)
            s = slice(self._size, self._size + stop - start)
            for name, col in self._cols.items():
                col[s] = source[name][start:stop]
            self._size += stop - start

    def chunk(self, start: int = 0, stop: int | None = None) -> HistoryChunk:
        """Copy of rows ``start:stop`` as an immutable chunk."""
        stop = self._size if stop is None else min(stop, self._size)
        arrays = {name: col[start:stop].copy() for name, col in self._cols.items()}
        for arr in arrays.values():
            arr.flags.writeable = False
        return HistoryChunk(**arrays)

    def column(self, name: str) -> Array:
        """Read-only view of one column, shape (len(self),), or (len, L) for a per-layer one."""
        view = self._cols[name][: self._size].view()
        view.flags.writeable = False
        return view

    def clear(self) -> None:
        """Forget all rows."""
        self._size = 0
