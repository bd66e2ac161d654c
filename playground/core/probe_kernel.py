"""The grid probe's forward pass in the NumPy subset numba compiles, in float32.

:mod:`playground.core.probe_engine` compiles these functions with
``@njit(nogil=True, cache=True, fastmath=False)``, so the worker evaluates the
200 × 200 boundary grid and the thumbnails' grid (:func:`probe_frame`, both in one call)
without the interpreter lock: the GUI thread draws meanwhile. Plain Python runs these
functions as they stand (slowly, which the tests use to check them without numba);
:func:`playground.core.probes.evaluate_grid` is the reference they are held to.

The grid is walked in tiles of :data:`TILE` points. A tile's values live in one work
array of shape (sum(sizes), TILE), one row per unit (the inputs first, then each layer's
units), so every inner loop runs along a contiguous row of points and LLVM vectorises
it. Nothing of shape (points, units) is materialised: only the rows asked for in
``keep`` are copied out of each tile.

``tanh`` (and so ``sigmoid``, ``silu`` and ``gelu``, the sigmoid head and the tanh head)
uses a rational approximation that is within a few float32 ulps of ``tanh`` and, unlike
a call into libm, vectorises; the other transcendental functions are libm's float32 ones.

Layouts follow :class:`~playground.core.network.Network`: one flat ``params`` vector
``[W1, b1, W2, b2, ...]`` with each ``W`` row-major of shape (fan_in, fan_out) and
``offsets`` the start of each block. Activations and the loss head are integer codes, so
one compiled signature serves every network. Keep every compiled function in this one
file: a function cached on disk is recompiled when its own file changes, not when a file
it calls into does (which is also why the codes and constants are written out here).
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import NDArray

F32 = NDArray[np.float32]
Ints = NDArray[np.int64]

#: Hidden activations by code (every key of ``core.activations.ACTIVATIONS``).
ACTIVATION_NAMES = (
    "linear", "relu", "leaky_relu", "elu", "sigmoid", "tanh", "softplus", "silu", "gelu"
)  # fmt: skip
LINEAR, RELU, LEAKY_RELU, ELU, SIGMOID, TANH, SOFTPLUS, SILU, GELU = range(9)
#: Loss heads by code (every key of ``core.losses.LOSSES``); each fixes the output function.
LOSS_NAMES = ("binary_cross_entropy", "cross_entropy", "mse", "tanh_mse")
BCE, CE, MSE, TANH_MSE = range(4)

#: Grid points per tile: the rows of a layer stay in the first-level cache.
TILE = 256

F = np.float32
ZERO, HALF, ONE = F(0.0), F(0.5), F(1.0)
LEAKY_SLOPE = F(0.01)
GELU_C = F(math.sqrt(2.0 / math.pi))
GELU_K = F(0.044715)
LOG2 = F(math.log(2.0))
# tanh(x) ~ x P(x^2) / Q(x^2) on [-CLAMP, CLAMP] (Eigen's float32 approximation), x itself
# below TINY, where tanh(x) = x to float32 precision.
CLAMP, TINY = F(7.90531110763549805), F(0.0004)
A1, A3, A5 = F(4.89352455891786e-03), F(6.37261928875436e-04), F(1.48572235717979e-05)
A7, A9 = F(5.12229709037114e-08), F(-8.60467152213735e-11)
A11, A13 = F(2.00018790482477e-13), F(-2.76076847742355e-16)
B0, B2 = F(4.89352518554385e-03), F(2.26843463243900e-03)
B4, B6 = F(1.18534705686654e-04), F(1.19825839466702e-06)


def tanh32(v: np.float32) -> np.float32:
    """Return tanh of a float32, without branches so that its loops vectorise; NaN stays NaN."""
    c = v if v < CLAMP else CLAMP  # comparisons, not min and max, which do not vectorise
    c = c if c > -CLAMP else -CLAMP
    c2 = c * c
    p = ((((((A13 * c2 + A11) * c2 + A9) * c2 + A7) * c2 + A5) * c2 + A3) * c2 + A1) * c
    q = ((B6 * c2 + B4) * c2 + B2) * c2 + B0
    t = p / q
    return t if abs(v) >= TINY else v  # NaN fails the test and is returned as it came


def sigmoid32(v: np.float32) -> np.float32:
    """0.5 (1 + tanh(v / 2)), as ``core.activations`` computes the sigmoid."""
    return HALF * (ONE + tanh32(HALF * v))


def softplus32(v: np.float32) -> np.float32:
    """log(1 + e^v) as NumPy's ``logaddexp(0, v)`` computes it."""
    if v > ZERO:
        return v + F(math.log1p(math.exp(-v)))
    if v < ZERO:
        return F(math.log1p(math.exp(v)))
    if v == ZERO:
        return LOG2
    return v  # NaN


def activate_row(code: int, z: F32, count: int) -> None:
    """Apply hidden activation ``code`` to ``z[:count]`` in place.

    Parameters
    ----------
    code : int
        Index into :data:`ACTIVATION_NAMES`.
    z : ndarray of shape (TILE,), float32
        Pre-activations, replaced by activations.
    count : int
        Points of the tile in use.
    """
    if code == TANH:
        for p in range(count):
            z[p] = tanh32(z[p])
    elif code == RELU:
        for p in range(count):
            v = z[p]
            z[p] = ZERO if v < ZERO else v
    elif code == LEAKY_RELU:
        for p in range(count):
            v = z[p]
            z[p] = v if v > ZERO else LEAKY_SLOPE * v
    elif code == ELU:
        for p in range(count):
            v = z[p]
            if not v > ZERO:
                z[p] = F(math.expm1(v))
    elif code == SIGMOID:
        for p in range(count):
            z[p] = sigmoid32(z[p])
    elif code == SOFTPLUS:
        for p in range(count):
            z[p] = softplus32(z[p])
    elif code == SILU:
        for p in range(count):
            v = z[p]
            z[p] = v * sigmoid32(v)
    elif code == GELU:
        for p in range(count):
            v = z[p]
            z[p] = HALF * v * (ONE + tanh32(GELU_C * (v + GELU_K * v * v * v)))


def dense(
    params: F32, w0: int, b0: int, fan_in: int, fan_out: int,
    work: F32, ia: int, io: int, count: int,
) -> None:  # fmt: skip
    """``work[io + j] = b[j] + sum_i work[ia + i] * W[i, j]`` over the tile's points.

    Parameters
    ----------
    params : ndarray of shape (n_params,), float32
        Flat weights and biases; ``W`` starts at ``w0``, ``b`` at ``b0``.
    fan_in, fan_out : int
        The layer's shape.
    work : ndarray of shape (sum(sizes), TILE), float32
        The tile's values, one row per unit; the layer's inputs start at row ``ia``,
        its outputs at row ``io``.
    count : int
        Points of the tile in use.
    """
    for j in range(fan_out):
        z = work[io + j]
        b = params[b0 + j]
        for p in range(count):
            z[p] = b
        for i in range(fan_in):
            w = params[w0 + i * fan_out + j]
            a = work[ia + i]
            for p in range(count):
                z[p] += a[p] * w


def head(
    loss: int, classify: int, work: F32, io: int, k: int, count: int, lo: int,
    out: F32, proba: F32,
) -> int:  # fmt: skip
    """Write the tile's output activations (and class probabilities); count bad logits.

    Parameters
    ----------
    loss : int
        Index into :data:`LOSS_NAMES`.
    classify : int
        1 to fill ``proba`` (a classifier whose head gives probabilities).
    work : ndarray of shape (sum(sizes), TILE), float32
        Rows ``io`` .. ``io + k - 1`` hold the tile's logits.
    k : int
        Output units.
    count, lo : int
        Points of the tile in use, and the first one's index in the grid.
    out : ndarray of shape (k, n_points), float32
        Receives the output activations, one row per output unit.
    proba : ndarray of shape (n_points, n_classes), float32
        Receives the class probabilities when ``classify``.

    Returns
    -------
    int
        Logits that are not finite (the caller then evaluates in float64).
    """
    bad = 0
    for j in range(k):
        z = work[io + j]
        for p in range(count):
            if not math.isfinite(z[p]):
                bad += 1
    if loss == CE:  # softmax over each point's logits, shifted by the largest
        for p in range(count):
            zmax = work[io, p]
            for j in range(1, k):
                zmax = max(zmax, work[io + j, p])
            total = ZERO
            for j in range(k):
                e = F(math.exp(work[io + j, p] - zmax))
                out[j, lo + p] = e
                total += e
            for j in range(k):
                out[j, lo + p] = out[j, lo + p] / total
                if classify:
                    proba[lo + p, j] = out[j, lo + p]
        return bad
    for j in range(k):
        z = work[io + j]
        row = out[j]
        if loss == BCE:
            for p in range(count):
                row[lo + p] = sigmoid32(z[p])
        elif loss == TANH_MSE:
            for p in range(count):
                row[lo + p] = tanh32(z[p])
        else:
            for p in range(count):
                row[lo + p] = z[p]
    if classify and loss != MSE:  # one output: [1 - p, p]
        row = out[0]
        for p in range(count):
            a = row[lo + p]
            if loss == TANH_MSE:  # -1..1 onto 0..1
                a = HALF * (a + ONE)
                a = ZERO if a < ZERO else (ONE if a > ONE else a)
            proba[lo + p, 0] = ONE - a
            proba[lo + p, 1] = a
    return bad


def probe_forward(
    x: F32, params: F32, offsets: Ints, sizes: Ints, act_codes: Ints, loss: int,
    classify: int, keep: Ints, out: F32, proba: F32, kept: F32,
) -> int:  # fmt: skip
    """Evaluate the network at every grid point, tile by tile.

    Parameters
    ----------
    x : ndarray of shape (n_points, n_inputs), float32, C order
        The grid's network inputs (its feature matrix).
    params : ndarray of shape (n_params,), float32
        Flat weights and biases (layout of ``Network.params``).
    offsets : ndarray of shape (2 * n_layers,), int64
        Start of each ``W`` and ``b`` block in ``params``.
    sizes : ndarray of shape (n_layers + 1,), int64
        ``(n_inputs, h1, ..., n_outputs)``.
    act_codes : ndarray of shape (n_layers - 1,), int64
        Each hidden layer's activation, an index into :data:`ACTIVATION_NAMES`.
    loss : int
        The head, an index into :data:`LOSS_NAMES`.
    classify : int
        1 to fill ``proba``.
    keep : ndarray of shape (n_kept,), int64
        Units to copy out, as rows of the work array: the inputs are rows
        ``0 .. n_inputs - 1``, then each layer's units in turn.
    out : ndarray of shape (n_outputs, n_points), float32
        Receives the output activations.
    proba : ndarray of shape (n_points, n_classes), float32
        Receives the class probabilities when ``classify`` (else may be empty).
    kept : ndarray of shape (n_kept, n_points), float32
        Receives the kept units' values.

    Returns
    -------
    int
        How many logits were not finite; 0 when every output is good.
    """
    n_points = x.shape[0]
    n_layers = len(sizes) - 1
    units = np.zeros(n_layers + 2, dtype=np.int64)  # first work row of each layer
    for layer in range(n_layers + 1):
        units[layer + 1] = units[layer] + sizes[layer]
    work = np.empty((units[n_layers + 1], TILE), dtype=np.float32)  # written before read
    bad = 0
    for lo in range(0, n_points, TILE):
        count = min(TILE, n_points - lo)
        for i in range(sizes[0]):
            row = work[i]
            for p in range(count):
                row[p] = x[lo + p, i]
        for layer in range(n_layers):
            fan_out = sizes[layer + 1]
            ia, io = units[layer], units[layer + 1]
            dense(params, offsets[2 * layer], offsets[2 * layer + 1], sizes[layer], fan_out,
                  work, ia, io, count)  # fmt: skip
            if layer < n_layers - 1:
                for j in range(fan_out):
                    activate_row(act_codes[layer], work[io + j], count)
        bad += head(loss, classify, work, units[n_layers], sizes[n_layers], count, lo, out, proba)
        for q in range(len(keep)):
            source, target = work[keep[q]], kept[q]
            for p in range(count):
                target[lo + p] = source[p]
    return bad


def probe_frame(
    params: F32, offsets: Ints, sizes: Ints, act_codes: Ints, loss: int, classify: int,
    x: F32, keep: Ints, out: F32, proba: F32, kept: F32,
    x2: F32, keep2: Ints, out2: F32, proba2: F32, kept2: F32,
) -> int:  # fmt: skip
    """Evaluate two grids in one call, so that a frame lets go of the interpreter lock once.

    The first grid is the boundary's, the second the thumbnails' (no rows: none); each
    quintet of arrays is as :func:`probe_forward` takes it, and so are the rest.

    Returns
    -------
    int
        How many logits were not finite, over both grids.
    """
    bad = probe_forward(x, params, offsets, sizes, act_codes, loss, classify, keep, out, proba,
                        kept)  # fmt: skip
    if bad == 0 and x2.shape[0] > 0:
        bad = probe_forward(x2, params, offsets, sizes, act_codes, loss, classify, keep2, out2,
                            proba2, kept2)  # fmt: skip
    return bad
