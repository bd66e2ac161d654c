"""The pictures a snapshot carries: the boundary grid, every neuron's thumbnail, a focus map.

Computed on the worker thread from the live model (or a checkpoint's copy of it), in
float32, which pictures do not tell apart and which is several times faster. The boundary
grid (``n`` × ``n``) yields the output, its class probabilities and the focused neuron's
map; the thumbnails come from a grid of their own, ``thumb`` × ``thumb`` over the same
rectangle, so a probe never holds every neuron at full resolution.

With the compiled engine (``auto`` or ``compiled``) both grids are evaluated by the
compiled probe (:mod:`playground.core.probe_engine`), which leaves the interpreter lock to
the GUI thread while it runs; until it has loaded in the background, or when it cannot
load, or where float32 overflows, NumPy (:func:`playground.core.probes.evaluate_grid`)
draws the pictures.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from playground.core import probe_engine
from playground.core.features import FeatureMap
from playground.core.model import Model
from playground.core.probes import GridProbe, Rect, evaluate_grid, grid_maps, grid_points

Array = NDArray[np.float64]
F32 = NDArray[np.float32]
#: (focus map or None, output maps, class probabilities or None) on the boundary grid.
_Boundary = tuple[np.ndarray | None, np.ndarray, np.ndarray | None]


class _GridInputs:
    """One grid's network inputs, kept while the rectangle, side and feature map hold."""

    def __init__(self) -> None:
        self._key: tuple[Rect, int] | None = None
        self._features: FeatureMap | None = None
        self.x: Array = np.empty((0, 0))
        self._x32: F32 | None = None

    def get(self, model: Model, rect: Rect, n: int) -> _GridInputs:
        """Compute the inputs of ``model`` on the n×n grid over ``rect`` unless kept."""
        if self._key != (rect, n) or self._features is not model.features:
            self._key, self._features = (rect, n), model.features
            self.x, self._x32 = model.inputs(grid_points(rect, n)), None
        return self

    @property
    def x32(self) -> F32:
        """The inputs in float32, C order, as the compiled probe takes them."""
        if self._x32 is None:
            self._x32 = np.ascontiguousarray(self.x, dtype=np.float32)
        return self._x32


class Prober:
    """Evaluates a model on the probe grid and on the thumbnails' grid.

    Parameters
    ----------
    thumb : int
        Side of every neuron's thumbnail (2..2000).
    engine : str
        ``numpy``, or ``auto`` / ``compiled`` to use the compiled probe once it has loaded.
    """

    def __init__(self, thumb: int = 40, engine: str = "auto") -> None:
        self.rect: Rect = (-6.0, -6.0, 12.0, 12.0)
        self.n = 200
        self.thumb = thumb
        self.engine = engine
        self._boundary_inputs = _GridInputs()
        self._thumb_inputs = _GridInputs()

    def set_grid(self, rect: Rect, n: int) -> None:
        """Where and how finely to evaluate."""
        self.rect, self.n = rect, n

    def boundary(self, model: Model) -> GridProbe:
        """The output on the full grid only (what a compared run's tile shows)."""
        probe, _, _ = self.probe(model, maps=False)
        return probe

    def probe(
        self, model: Model, focus: tuple[int, int] | None = None, maps: bool = True
    ) -> tuple[GridProbe, tuple[np.ndarray, ...], np.ndarray | None]:
        """Full-resolution output, thumbnails of every neuron, and the focused neuron's map.

        Parameters
        ----------
        model : Model
        focus : tuple of int, optional
            ``(column, unit)`` of the neuron to map at full resolution (column 0 = inputs,
            the last = outputs); ignored when out of range.
        maps : bool
            Also compute the thumbnails.

        Returns
        -------
        probe : GridProbe
            Output maps (n_outputs, n, n) and class probabilities (n, n, n_classes); its
            ``inputs`` is empty and its ``hidden`` is ().
        thumbnails : tuple of ndarray
            Per diagram column, (units, thumb, thumb) maps over the same rectangle,
            row 0 at the bottom; () unless ``maps``.
        focus_map : ndarray of shape (n, n), or None
        """
        n, rect, sizes = self.n, self.rect, model.network.sizes
        column, unit = focus if focus is not None else (-1, -1)
        if not (0 <= column < len(sizes) and 0 <= unit < sizes[column]):
            column = -1
        compiled = None
        if self.engine != "numpy":
            compiled = probe_engine.compiled_probe(wait=False)
        pictures = None
        if compiled is not None:
            pictures = self._compiled(compiled, model, column, unit, maps)
        if pictures is None:  # NumPy: not compiled, not loaded yet, or float32 overflowed
            pictures = self._numpy(model, column, unit, maps)
        (focus_map, output, proba), thumbs = pictures
        empty = np.empty((0, n, n), dtype=np.float64)
        box: Rect = tuple(float(v) for v in rect)  # type: ignore[assignment]
        return GridProbe(box, empty, (), output, proba), thumbs, focus_map

    def _numpy(
        self, model: Model, column: int, unit: int, maps: bool
    ) -> tuple[_Boundary, tuple[np.ndarray, ...]]:
        """The pictures by NumPy's reference pass (float32, or float64 where it overflows)."""
        n, rect = self.n, self.rect
        x = self._boundary_inputs.get(model, rect, n).x
        points = evaluate_grid(model, rect, n, dtype=np.float32, inputs=x)
        columns = (points.inputs, *points.hidden, points.output)
        focus_map = columns[column][:, unit].reshape(n, n).copy() if column >= 0 else None
        proba = points.proba.reshape(n, n, -1) if points.proba is not None else None
        thumbs: tuple[np.ndarray, ...] = ()
        if maps:
            t = self.thumb
            small = self._thumb_inputs.get(model, rect, t).x
            p = evaluate_grid(model, rect, t, dtype=np.float32, inputs=small)
            thumbs = tuple(grid_maps(c, t) for c in (p.inputs, *p.hidden, p.output))
        return (focus_map, grid_maps(points.output, n), proba), thumbs

    def _compiled(
        self, compiled: probe_engine.ProbeKernel, model: Model, column: int, unit: int, maps: bool
    ) -> tuple[_Boundary, tuple[np.ndarray, ...]] | None:
        """The pictures by the compiled probe, both grids in one call; None where it overflowed."""
        n, t, rect, sizes = self.n, self.thumb, self.rect, model.network.sizes
        grid = self._boundary_inputs.get(model, rect, n)
        hidden_focus = 0 < column < len(sizes) - 1
        keep = [probe_engine.unit_row(sizes, column, unit)] if hidden_focus else []
        grids: list[probe_engine.Grid] = [(grid.x32, keep)]
        if maps:
            small = self._thumb_inputs.get(model, rect, t)
            grids.append((small.x32, list(range(sizes[0], sum(sizes[:-1])))))  # every hidden unit
        results = probe_engine.evaluate_grids(model, grids, compiled)
        if results is None:
            return None
        out, proba, kept = results[0]
        focus_map: np.ndarray | None = None
        if column == 0:
            focus_map = grid.x[:, unit].reshape(n, n).copy()
        elif hidden_focus:
            focus_map = kept[0].reshape(n, n)
        elif column > 0:
            focus_map = out[unit].reshape(n, n)
        probabilities = None if proba is None else proba.reshape(n, n, -1)
        boundary = (focus_map, out.reshape(-1, n, n), probabilities)
        if not maps:
            return boundary, ()
        out_t, _, kept_t = results[1]
        thumbs: list[np.ndarray] = [grid_maps(small.x, t)]
        for width in sizes[1:-1]:
            thumbs.append(kept_t[:width].reshape(width, t, t))
            kept_t = kept_t[width:]
        thumbs.append(out_t.reshape(-1, t, t))
        return boundary, tuple(thumbs)
