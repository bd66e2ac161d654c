"""The compiled probe: loaded on demand, and the glue between a Model and the probe kernel.

:mod:`playground.core.probe_kernel` holds the probe's forward pass in a NumPy subset;
here it is compiled with ``@njit(nogil=True, cache=True, fastmath=False)`` on a
background thread, as the training kernel is, and only once the training kernel has
loaded (:func:`playground.core.kernel.warm_up`): the compiled probe is there when, and
only when, the compiled engine is. When numba is missing or fails, the probe stays with
NumPy without a word of its own; :func:`playground.core.kernel.engine_notice` already
says why.
"""

from __future__ import annotations

import threading
import types
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray

from playground.core import kernel
from playground.core import probe_kernel as pk
from playground.core.model import Model

ProbeKernel = Callable[..., int]
F32 = NDArray[np.float32]
#: A grid to evaluate: its network inputs (n_points, n_features) and the units to keep.
Grid = tuple[F32, Sequence[int]]
#: What a grid gives: outputs (n_outputs, n_points), probabilities (n_points, n_classes)
#: or None, kept units (n_kept, n_points).
Evaluated = tuple[F32, F32 | None, F32]


class _Loader:
    """Loads the compiled probe once, from the disk cache or by compiling it."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.kernel: ProbeKernel | None = None
        self.failed = False
        self.thread: threading.Thread | None = None

    def load(self) -> ProbeKernel | None:
        with self.lock:
            if self.kernel is not None or self.failed:
                return self.kernel
            if not kernel.warm_up():  # no compiled engine, and its notice says why
                self.failed = True
                return None
            try:
                import numba

                compiled = _compile(numba)
                _exercise(compiled)
            except Exception:  # any failure to compile means: probe with NumPy
                self.failed = True
                return None
            self.kernel = compiled
            return compiled


_LOADER = _Loader()
_START = threading.Lock()


def warm_up() -> bool:
    """Load or compile the probe kernel now (blocking; any thread); True when it is ready."""
    return _LOADER.load() is not None


def warm_up_in_background() -> threading.Thread:
    """Start :func:`warm_up` on a daemon thread (once) and return that thread."""
    loader = _LOADER
    with _START:
        if loader.thread is None:
            loader.thread = threading.Thread(target=warm_up, name="probe-warm-up", daemon=True)
            loader.thread.start()
    return loader.thread


def probe_ready() -> bool:
    """Return True once the compiled probe is loaded (never blocks)."""
    return _LOADER.kernel is not None


def compiled_probe(wait: bool = False) -> ProbeKernel | None:
    """Return the compiled probe, loading it first (``wait``) or starting to load it."""
    loader = _LOADER
    if loader.kernel is not None or loader.failed:
        return loader.kernel
    if wait:
        return loader.load()
    warm_up_in_background()
    return None


def _compile(numba: Any) -> ProbeKernel:
    """Jit every function of probe_kernel, each calling the others' compiled versions."""
    namespace = dict(vars(pk))
    # NumPy's error model: a float division by zero gives inf instead of raising, so the
    # loops have no exception branch and vectorise.
    options = {"nogil": True, "fastmath": False, "error_model": "numpy"}
    try:
        jit = numba.njit(cache=True, **options)
        jit(lambda: None)
    except RuntimeError:  # no writable cache directory: compile in memory only
        jit = numba.njit(**options)
    for name, func in vars(pk).items():
        if isinstance(func, types.FunctionType) and func.__module__ == pk.__name__:
            copy = types.FunctionType(func.__code__, namespace, name, func.__defaults__)
            copy.__module__, copy.__qualname__ = func.__module__, func.__qualname__
            namespace[name] = jit(copy)
    return namespace["probe_frame"]  # type: ignore[no-any-return]


def _exercise(compiled: ProbeKernel) -> None:
    """Probe a tiny network, which compiles (or loads) the one signature every call uses."""
    from playground.core.config import ModelConfig

    x = np.array([[0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    model = Model.build(ModelConfig(hidden=(2,), activations=("tanh",)), x)
    x32 = np.ascontiguousarray(x, dtype=np.float32)
    if evaluate_grids(model, [(x32, [3]), (x32[:2].copy(), [2, 3])], compiled) is None:
        raise RuntimeError("the compiled probe gave non-finite outputs on a tiny network")


def evaluate_grids(
    model: Model, grids: Sequence[Grid], compiled: ProbeKernel = pk.probe_frame
) -> list[Evaluated] | None:
    """Evaluate ``model`` on one or two grids with one call of the probe kernel, in float32.

    Parameters
    ----------
    model : Model
    grids : sequence of (ndarray, sequence of int)
        One or two ``(x, keep)``: ``x`` of shape (n_points, n_features), float32, C order,
        the network inputs as ``model.inputs`` gives them for the grid's points; ``keep``
        the units whose values to return, as :func:`unit_row` numbers them.
    compiled : callable
        :func:`playground.core.probe_kernel.probe_frame`, compiled or not.

    Returns
    -------
    list of tuple, or None
        Per grid, ``(out, proba, kept)``: the output activations of shape
        (n_outputs, n_points), the class probabilities of shape (n_points, n_classes)
        for classifiers (else None), and the kept units' values of shape
        (len(keep), n_points). None when a weight or a logit is not finite in float32,
        where NumPy's float64 should look.
    """
    if not 1 <= len(grids) <= 2:
        raise ValueError(f"the probe kernel takes one or two grids, got {len(grids)}")
    net = model.network
    with np.errstate(over="ignore"):
        params = net.params.astype(np.float32)
    if not np.isfinite(params).all():  # weights beyond float32: NumPy's float64 draws them
        return None
    k = net.sizes[-1]
    classify = model.is_classifier and net.loss.proba is not None
    padded = [*grids, (np.empty((0, net.sizes[0]), dtype=np.float32), [])][:2]
    per_grid = [
        (
            x,
            np.array(keep, dtype=np.int64),
            np.empty((k, len(x)), dtype=np.float32),
            np.empty((len(x), max(k, 2)) if classify else (0, 2), dtype=np.float32),
            np.empty((len(keep), len(x)), dtype=np.float32),
        )
        for x, keep in padded
    ]
    codes = [pk.ACTIVATION_NAMES.index(a) for a in net.activation_names]
    with np.errstate(all="ignore"):  # uncompiled, NumPy scalars would warn of overflow
        bad = compiled(
            params,
            net.block_offsets.astype(np.int64),
            np.array(net.sizes, dtype=np.int64),
            np.array(codes, dtype=np.int64),
            pk.LOSS_NAMES.index(net.loss.name),
            int(classify),
            *per_grid[0],
            *per_grid[1],
        )
    if bad:
        return None
    results: list[Evaluated] = [
        (out, proba if classify else None, kept) for _, _, out, proba, kept in per_grid
    ]
    return results[: len(grids)]


def evaluate(
    model: Model, x: F32, keep: Sequence[int], compiled: ProbeKernel = pk.probe_frame
) -> Evaluated | None:
    """:func:`evaluate_grids` on the one grid ``(x, keep)``."""
    result = evaluate_grids(model, [(x, keep)], compiled)
    return None if result is None else result[0]


def unit_row(sizes: Sequence[int], column: int, unit: int) -> int:
    """Return the kernel's row of diagram column ``column``'s unit (0 = inputs, then each layer)."""
    return sum(sizes[:column]) + unit
