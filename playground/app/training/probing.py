"""The pictures a snapshot carries: the boundary grid, every neuron's thumbnail, a focus map.

Computed on the worker thread from the live model (or a checkpoint's copy of it), in
float32, which pictures do not tell apart and which is several times faster; only the
maps shown are cut out of the grid's rows.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from playground.core.features import FeatureMap
from playground.core.model import Model
from playground.core.probes import GridProbe, Rect, evaluate_grid, grid_maps, grid_points

Array = NDArray[np.float64]


class Prober:
    """Evaluates a model on the probe grid; keeps the grid's network inputs while they hold."""

    def __init__(self, thumb: int = 40) -> None:
        self.rect: Rect = (-6.0, -6.0, 12.0, 12.0)
        self.n = 200
        self.thumb = thumb
        #: ((rect, n), feature map, network inputs of the probe grid).
        self._inputs: tuple[tuple[Rect, int], FeatureMap, np.ndarray] | None = None

    def set_grid(self, rect: Rect, n: int) -> None:
        """Where and how finely to evaluate."""
        self.rect, self.n = rect, n

    def _grid_inputs(self, model: Model) -> np.ndarray:
        cached = self._inputs
        key = (self.rect, self.n)
        if cached is None or cached[0] != key or cached[1] is not model.features:
            cached = key, model.features, model.inputs(grid_points(self.rect, self.n))
            self._inputs = cached
        return cached[2]

    def boundary(self, model: Model) -> GridProbe:
        """The output on the full grid only (what a compared run's tile shows)."""
        probe, _, _ = self.probe(model, maps=False)
        return probe

    def probe(
        self, model: Model, focus: tuple[int, int] | None = None, maps: bool = True
    ) -> tuple[GridProbe, tuple[np.ndarray, ...], np.ndarray | None]:
        """Full-resolution output, thumbnails of every neuron, and the focused neuron's map."""
        n, rect = self.n, self.rect
        points = evaluate_grid(model, rect, n, dtype=np.float32, inputs=self._grid_inputs(model))
        columns = (points.inputs, *points.hidden, points.output)
        thumbs: tuple[np.ndarray, ...] = ()
        if maps:
            step = max(1, n // self.thumb)
            first = step // 2
            thumbs = tuple(
                np.ascontiguousarray(
                    c.reshape(n, n, -1)[first::step, first::step].transpose(2, 0, 1)
                )
                for c in columns
            )
        focus_map = None
        if focus is not None:
            column, unit = focus
            if 0 <= column < len(columns) and 0 <= unit < columns[column].shape[1]:
                focus_map = columns[column][:, unit].reshape(n, n).copy()
        proba = points.proba.reshape(n, n, -1) if points.proba is not None else None
        empty = np.empty((0, n, n), dtype=points.inputs.dtype)
        box: Rect = tuple(float(v) for v in rect)  # type: ignore[assignment]
        return GridProbe(box, empty, (), grid_maps(points.output, n), proba), thumbs, focus_map
