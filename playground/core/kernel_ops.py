"""A training slice written in the NumPy subset that numba compiles: many steps in one call.

Plain Python runs these functions as they stand (slowly, which the tests use to check them
without numba); :mod:`playground.core.kernel` compiles them with ``nogil=True`` so that a
worker thread trains while another thread holds the interpreter lock. The maths is that of
:class:`~playground.core.network.Network`, :mod:`~playground.core.optimizers` and
:class:`~playground.core.trainer.Trainer`, operation for operation where it can be, and
written out as loops over rows and units: at these sizes loops beat array calls.

Layouts follow ``Network``: one flat ``params`` vector ``[W1, b1, W2, b2, ...]`` with each
``W`` row-major of shape (fan_in, fan_out), ``offsets`` the start of each block, and the
activations, the head and the optimizer passed as integer codes, so that one compiled
signature serves every network. A batch's pre-activations ``zs``, outputs ``acts`` and
backprop deltas ``deltas`` are (rows, sum(sizes)) work arrays; layer ``l``'s units start
at column ``units[l]``.

Keep every compiled function in this one file: a compiled function cached on disk is
recompiled when its own file changes, not when a file it calls into does.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import NDArray

from playground.core.activations import LEAKY_SLOPE

Array = NDArray[np.float64]
Ints = NDArray[np.int64]

ACTIVATION_NAMES = (
    "linear", "relu", "leaky_relu", "elu", "sigmoid", "tanh", "softplus", "silu", "gelu"
)  # fmt: skip
LOSS_NAMES = ("binary_cross_entropy", "cross_entropy", "mse", "tanh_mse")
OPTIMIZER_NAMES = ("sgd", "momentum", "rmsprop", "adam")
#: The per-layer history columns a row gets, in ``row_layers``' order (history_columns).
LAYER_COLUMN_NAMES = ("grad_norms", "update_ratio")
LINEAR, RELU, LEAKY_RELU, ELU, SIGMOID, TANH, SOFTPLUS, SILU, GELU = range(9)
BCE, CE, MSE, TANH_MSE = range(4)
SGD, MOMENTUM, RMSPROP, ADAM = range(4)
ACCURACY, R2 = range(2)

# Slots of the int64 ``counters`` array: settings, then the state read and written back.
(I_LOSS, I_METRIC, I_OPTIMIZER, I_NESTEROV, I_FULL_EVAL, I_BATCH, I_MAX_STEPS, I_MAX_EPOCHS,
 I_CURSOR, I_STEP, I_EPOCH, I_EPOCH_STEPS, I_ADAM_T, I_ORDERS_USED, I_ROWS, I_STEPS_DONE,
 I_STATUS) = range(17)  # fmt: skip
N_COUNTERS = 17
# Slots of the float64 ``settings`` array; the epoch's running batch-loss sum is written back.
F_LR, F_MOMENTUM, F_RHO, F_EPSILON, F_BETA1, F_BETA2, F_L1, F_L2, F_TARGET, F_EPOCH_LOSS = range(10)
N_SETTINGS = 10
# Why a slice stopped (``counters[I_STATUS]``).
DONE, EPOCHS, TARGET, NONFINITE_LOSS, NONFINITE_GRADIENT, OVERFLOW = range(6)

GELU_C = math.sqrt(2.0 / math.pi)
LOG2 = math.log(2.0)
#: Rows per chunk when evaluating a whole set.
EVAL_ROWS = 64
#: Matrix products with rows this long or longer run along them (vector code), others down
#: their columns (fewer loads and stores); both sum in one order and give the same bits.
VECTOR_MIN = 8


def softplus(z: float) -> float:
    """log(1 + e^z) as NumPy's ``logaddexp(0, z)`` computes it."""
    if z > 0.0:
        return z + math.log1p(math.exp(-z))
    if z < 0.0:
        return math.log1p(math.exp(z))
    if z == 0.0:
        return LOG2
    return z  # NaN


def sigmoid(z: float) -> float:
    """0.5 (1 + tanh(z / 2)), which equals 1 / (1 + e^-z) and cannot overflow."""
    return 0.5 * (1.0 + math.tanh(0.5 * z))


def activate(code: int, z: float) -> float:
    """Hidden activation ``code`` at ``z`` (NaN goes through, as in NumPy)."""
    if code == TANH:
        return math.tanh(z)
    if code == RELU:
        return 0.0 if z < 0.0 else z
    if code == LEAKY_RELU:
        return z if z > 0.0 else LEAKY_SLOPE * z
    if code == ELU:
        return z if z > 0.0 else math.expm1(z)
    if code == SIGMOID:
        return sigmoid(z)
    if code == SOFTPLUS:
        return softplus(z)
    if code == SILU:
        return z * sigmoid(z)
    if code == GELU:
        return 0.5 * z * (1.0 + math.tanh(GELU_C * (z + 0.044715 * z * z * z)))
    return z


def derivative(code: int, z: float, a: float) -> float:
    """f'(z) of activation ``code``, from ``z`` and the output ``a = f(z)``."""
    if code == TANH:
        return 1.0 - a * a
    if code == RELU:
        return 1.0 if z > 0.0 else 0.0
    if code == LEAKY_RELU:
        return 1.0 if z > 0.0 else LEAKY_SLOPE
    if code == ELU:
        return 1.0 if z > 0.0 else a + 1.0  # e^z = a + 1
    if code == SIGMOID:
        return a * (1.0 - a)
    if code == SOFTPLUS:
        return sigmoid(z)
    if code == SILU:
        s = sigmoid(z)
        return s + a * (1.0 - s)  # s + z s (1 - s), with a = z s
    if code == GELU:
        t = math.tanh(GELU_C * (z + 0.044715 * z * z * z))
        d_inner = GELU_C * (1.0 + 3 * 0.044715 * z * z)
        return 0.5 * (1.0 + t) + 0.5 * z * (1.0 - t * t) * d_inner
    return 1.0


def axpy(y: Array, a: float, x: Array) -> None:
    """Add ``a x`` to ``y`` element by element: no reduction, so it compiles to vector code."""
    for j in range(len(y)):
        y[j] += a * x[j]


def matmul(
    out: Array, o: int, a: Array, ia: int, w: Array, w0: int, m: int, k: int, n: int
) -> None:
    """Set out[r, o + j] = sum_i a[r, ia + i] w[w0 + i n + j], r < m, j < n, over i < k in order."""
    for r in range(m):
        if n >= VECTOR_MIN:  # along the rows of w
            row = out[r, o : o + n]
            row[:] = 0.0
            for i in range(k):
                axpy(row, a[r, ia + i], w[w0 + i * n : w0 + i * n + n])
            continue
        for j in range(n):  # down the columns of w
            s = 0.0
            for i in range(k):
                s += a[r, ia + i] * w[w0 + i * n + j]
            out[r, o + j] = s


def forward(
    params: Array, offsets: Ints, sizes: Ints, units: Ints, act_codes: Ints, loss: int,
    x: Array, index: Ints, start: int, count: int, zs: Array, acts: Array,
) -> None:  # fmt: skip
    """Forward pass of rows ``x[index[start + r]]``, r < count, into ``zs`` and ``acts``.

    The last layer's ``acts`` hold the head's output: sigmoid, softmax, identity or tanh.
    """
    n_layers = len(sizes) - 1
    for r in range(count):
        for j in range(sizes[0]):
            acts[r, j] = x[index[start + r], j]
    for layer in range(n_layers):
        fan_in, fan_out = sizes[layer], sizes[layer + 1]
        w0, b0 = offsets[2 * layer], offsets[2 * layer + 1]
        ia, io = units[layer], units[layer + 1]
        last = layer == n_layers - 1
        matmul(zs, io, acts, ia, params, w0, count, fan_in, fan_out)  # z = a W + b
        for r in range(count):
            for j in range(fan_out):
                z = zs[r, io + j] + params[b0 + j]
                zs[r, io + j] = z
                if not last:
                    acts[r, io + j] = activate(act_codes[layer], z)
                elif loss == BCE:
                    acts[r, io + j] = sigmoid(z)
                elif loss == TANH_MSE:
                    acts[r, io + j] = math.tanh(z)
                else:
                    acts[r, io + j] = z
            if last and loss == CE:  # softmax over the row, shifted by its largest logit
                zmax = zs[r, io]
                for j in range(1, fan_out):
                    zmax = max(zmax, zs[r, io + j])
                total = 0.0
                for j in range(fan_out):
                    acts[r, io + j] = math.exp(zs[r, io + j] - zmax)
                    total += acts[r, io + j]
                for j in range(fan_out):
                    acts[r, io + j] = acts[r, io + j] / total


def row_loss(
    loss: int, zs: Array, acts: Array, io: int, k: int, r: int, t: Array, row: int
) -> float:
    """One row's data loss (before the head's mean and, for squared error, its 0.5)."""
    if loss == BCE:  # -[t log s(z) + (1-t) log(1-s(z))] = log(1 + e^z) - t z
        z = zs[r, io]
        value: float = softplus(z) - t[row, 0] * z
        return value
    if loss == CE:  # sum_j t_j (log sum_i e^z_i - z_j), by log-sum-exp
        zmax = zs[r, io]
        for j in range(1, k):
            zmax = max(zmax, zs[r, io + j])
        total = 0.0
        for j in range(k):
            total += math.exp(zs[r, io + j] - zmax)
        log_sum = math.log(total) + zmax
        value = 0.0
        for j in range(k):
            value += t[row, j] * (log_sum - zs[r, io + j])
        return value
    value = 0.0
    for j in range(k):
        e = acts[r, io + j] - t[row, j]
        value += e * e
    return value


def backward(
    params: Array, grads: Array, offsets: Ints, sizes: Ints, units: Ints, act_codes: Ints,
    loss: int, t: Array, index: Ints, start: int, count: int,
    zs: Array, acts: Array, deltas: Array, w_t: Array,
) -> float:  # fmt: skip
    """Backprop of the last :func:`forward`; fills ``grads`` and returns the batch's mean loss."""
    n_layers = len(sizes) - 1
    io, k = units[n_layers], sizes[n_layers]
    total = 0.0
    for r in range(count):
        row = index[start + r]
        total += row_loss(loss, zs, acts, io, k, r, t, row)
        for j in range(k):
            a = acts[r, io + j]
            if loss == TANH_MSE:
                deltas[r, io + j] = (a - t[row, j]) * (1.0 - a * a) / count
            else:  # sigmoid + BCE, softmax + CE, linear + MSE: dL/dz = (a - t) / n
                deltas[r, io + j] = (a - t[row, j]) / count
    for layer in range(n_layers - 1, -1, -1):
        fan_in, fan_out = sizes[layer], sizes[layer + 1]
        w0, b0 = offsets[2 * layer], offsets[2 * layer + 1]
        ia, io = units[layer], units[layer + 1]
        # dW = A^T delta and db = column sums of delta, each sum over rows r in order
        if fan_out >= VECTOR_MIN:  # along the rows of dW and delta
            grads[w0 : b0 + fan_out] = 0.0
            for r in range(count):
                d_row = deltas[r, io : io + fan_out]
                for i in range(fan_in):
                    axpy(grads[w0 + i * fan_out : w0 + (i + 1) * fan_out], acts[r, ia + i], d_row)
                axpy(grads[b0 : b0 + fan_out], 1.0, d_row)
        else:  # down the columns of A and delta
            for i in range(fan_in + 1):  # i = fan_in: db, the block right after W
                for j in range(fan_out):
                    s = 0.0
                    for r in range(count):
                        s += (acts[r, ia + i] if i < fan_in else 1.0) * deltas[r, io + j]
                    grads[w0 + i * fan_out + j] = s
        if layer > 0:  # delta_prev = (delta W^T) * f'(z_prev), each sum over j in order
            for i in range(fan_in):
                for j in range(fan_out):
                    w_t[j * fan_in + i] = params[w0 + i * fan_out + j]
            matmul(deltas, ia, deltas, io, w_t, 0, count, fan_out, fan_in)
            code = act_codes[layer - 1]
            for r in range(count):
                for i in range(fan_in):
                    deltas[r, ia + i] *= derivative(code, zs[r, ia + i], acts[r, ia + i])
    mean = total / count
    return 0.5 * mean if loss in (MSE, TANH_MSE) else mean


def add_penalty(params: Array, grads: Array, offsets: Ints, l1: float, l2: float) -> None:
    """Add the gradient of ``l1 sum|W| + 0.5 l2 sum W²`` over the weights (not the biases)."""
    for layer in range(len(offsets) // 2):
        for p in range(offsets[2 * layer], offsets[2 * layer + 1]):
            if l2:
                grads[p] += l2 * params[p]
            if l1:
                w = params[p]
                grads[p] += l1 * (1.0 if w > 0.0 else (-1.0 if w < 0.0 else 0.0 * w))


def update(
    params: Array, grads: Array, s1: Array, s2: Array, optimizer: int, nesterov: bool,
    settings: Array, adam_t: int,
) -> int:  # fmt: skip
    """One optimizer step on ``params`` in place; ``s1``/``s2`` are its state, as in optimizers.py.

    s1 is the velocity (momentum), the mean square (RMSprop) or the first moment (Adam);
    s2 is Adam's second moment. Returns Adam's new step count.
    """
    lr = settings[F_LR]
    if optimizer == SGD:
        for p in range(len(params)):
            params[p] -= grads[p] * lr
    elif optimizer == MOMENTUM:
        mu = settings[F_MOMENTUM]
        for p in range(len(params)):
            v = s1[p] * mu - lr * grads[p]
            s1[p] = v
            params[p] += (mu * v - lr * grads[p]) if nesterov else v
    elif optimizer == RMSPROP:
        rho, eps = settings[F_RHO], settings[F_EPSILON]
        for p in range(len(params)):
            g = grads[p]
            s = s1[p] * rho + (1.0 - rho) * g * g
            s1[p] = s
            params[p] -= lr * g / (math.sqrt(s) + eps)
    else:
        b1, b2, eps = settings[F_BETA1], settings[F_BETA2], settings[F_EPSILON]
        adam_t += 1
        # Both bias corrections folded into the step size.
        step = lr * math.sqrt(1.0 - math.pow(b2, adam_t)) / (1.0 - math.pow(b1, adam_t))
        for p in range(len(params)):
            g = grads[p]
            m = s1[p] * b1 + (1.0 - b1) * g
            v = s2[p] * b2 + (1.0 - b2) * g * g
            s1[p], s2[p] = m, v
            params[p] -= step * m / (math.sqrt(v) + eps)
    return adam_t


def evaluate(
    params: Array, offsets: Ints, sizes: Ints, units: Ints, act_codes: Ints, loss: int,
    metric: int, x: Array, t: Array, y: Array, zs: Array, acts: Array, out: Array, o: int,
) -> None:  # fmt: skip
    """Mean loss and metric (accuracy or R²) over a whole set into ``out[o]``, ``out[o + 2]``."""
    n = len(x)
    if n == 0:
        out[o], out[o + 2] = math.nan, math.nan
        return
    n_layers = len(sizes) - 1
    io, k = units[n_layers], sizes[n_layers]
    index = np.arange(n)
    total, hits, ss_res, y_sum = 0.0, 0, 0.0, 0.0
    for start in range(0, n, EVAL_ROWS):
        count = min(EVAL_ROWS, n - start)
        forward(params, offsets, sizes, units, act_codes, loss, x, index, start, count, zs, acts)
        for r in range(count):
            row = start + r
            total += row_loss(loss, zs, acts, io, k, r, t, row)
            a = acts[r, io]
            if metric == R2:
                ss_res += (y[row] - a) * (y[row] - a)
                y_sum += y[row]
                continue
            if loss == CE:  # the first largest probability
                label = 0
                for j in range(1, k):
                    if acts[r, io + j] > acts[r, io + label]:
                        label = j
            else:  # p(class 1) from a sigmoid, or from tanh's (a + 1) / 2 clipped to [0, 1]
                p = a if loss == BCE else min(max(0.5 * (a + 1.0), 0.0), 1.0)
                label = 1 if p > 1.0 - p else 0
            hits += 1 if label == y[row] else 0
    mean = total / n
    out[o] = 0.5 * mean if loss in (MSE, TANH_MSE) else mean
    if metric == ACCURACY:
        out[o + 2] = hits / n
        return
    y_mean = y_sum / n
    ss_tot = 0.0
    for row in range(n):
        ss_tot += (y[row] - y_mean) * (y[row] - y_mean)
    out[o + 2] = 1.0 - ss_res / ss_tot if ss_tot > 0.0 else math.nan


def train_slice(
    params: Array, grads: Array, previous: Array, s1: Array, s2: Array,
    offsets: Ints, sizes: Ints, act_codes: Ints,
    x: Array, t: Array, y: Array, x_test: Array, t_test: Array, y_test: Array,
    orders: Ints, epoch_gradsq: Array, settings: Array, counters: Ints,
    rows: Array, row_layers: Array,
) -> None:  # fmt: skip
    """Train mini-batch steps as ``Trainer.step`` does until a budget ends or the guard trips.

    ``params``, ``grads``, ``previous`` (parameters before the last update) and the optimizer
    state ``s1``, ``s2`` are (n_params,) and change in place; ``offsets`` (2 n_layers,),
    ``sizes`` (n_layers + 1,) and ``act_codes`` (n_layers - 1,) describe the network.
    ``x``, ``t``, ``y`` are the training inputs (n, n_inputs), encoded targets (n, n_outputs)
    and labels or targets as floats (n,); the test set (m may be 0) is evaluated with the
    training set after each epoch when ``counters[I_FULL_EVAL]`` is set. ``orders`` (n_orders,
    n) are the shuffles: row 0 is the epoch under way when ``counters[I_CURSOR]`` is not 0,
    each epoch begun takes the next row, and the slice ends when they run out.
    ``epoch_gradsq`` (n_layers,) is the epoch's running sum of squared weight-gradient norms.
    ``settings`` (``F_*`` slots) and ``counters`` (``I_*`` slots) carry rates, codes, budgets
    and counts; the counts, ``I_STATUS``, ``I_ROWS``, ``I_STEPS_DONE``, ``I_ORDERS_USED``
    (shuffles begun) and ``F_EPOCH_LOSS`` are written back. Each epoch ended fills a row of
    ``rows`` (max_rows, 5): epoch, train and test loss, train and test metric, and of
    ``row_layers`` (max_rows, 2, n_layers): each layer's root-mean-square weight-gradient norm
    and the last update's ||ΔW|| / ||W|| (:data:`LAYER_COLUMN_NAMES`).
    """
    loss, metric, optimizer = counters[I_LOSS], counters[I_METRIC], counters[I_OPTIMIZER]
    nesterov, full_eval = counters[I_NESTEROV] != 0, counters[I_FULL_EVAL] != 0
    max_steps, max_epochs = counters[I_MAX_STEPS], counters[I_MAX_EPOCHS]
    cursor, step, epoch = counters[I_CURSOR], counters[I_STEP], counters[I_EPOCH]
    epoch_steps, adam_t = counters[I_EPOCH_STEPS], counters[I_ADAM_T]
    epoch_loss, l1, l2 = settings[F_EPOCH_LOSS], settings[F_L1], settings[F_L2]
    n, n_layers = len(x), len(sizes) - 1
    batch = min(counters[I_BATCH], n)
    units = np.zeros(n_layers + 2, np.int64)
    for layer in range(n_layers + 1):
        units[layer + 1] = units[layer] + sizes[layer]
    cap = max(batch, EVAL_ROWS) if full_eval else batch
    zs = np.zeros((cap, units[n_layers + 1]))
    acts = np.zeros((cap, units[n_layers + 1]))
    deltas = np.zeros((cap, units[n_layers + 1]))
    w_t = np.zeros(len(params))  # room for any layer's W transposed
    gsq = np.zeros(n_layers)
    current, next_order = 0, 1 if cursor > 0 else 0
    status, steps, n_rows, new_orders = DONE, 0, 0, 0
    while steps < max_steps:
        if cursor == 0:  # a new epoch takes the next shuffle
            if next_order >= len(orders):
                break
            current, next_order, new_orders = next_order, next_order + 1, new_orders + 1
        index = orders[current]
        stop = min(cursor + batch, n)
        count = stop - cursor
        forward(params, offsets, sizes, units, act_codes, loss, x, index, cursor, count, zs, acts)
        batch_loss = backward(
            params, grads, offsets, sizes, units, act_codes, loss, t, index, cursor, count,
            zs, acts, deltas, w_t,
        )  # fmt: skip
        if l1 or l2:
            add_penalty(params, grads, offsets, l1, l2)
        total_sq = 0.0
        for layer in range(n_layers):
            w_sq, b_sq = 0.0, 0.0
            for p in range(offsets[2 * layer], offsets[2 * layer + 1]):
                w_sq += grads[p] * grads[p]
            end = offsets[2 * layer + 2] if layer + 1 < n_layers else len(params)
            for p in range(offsets[2 * layer + 1], end):
                b_sq += grads[p] * grads[p]
            gsq[layer] = w_sq
            total_sq += w_sq + b_sq
        # The guard: a non-finite loss or gradient never reaches the weights.
        if not math.isfinite(batch_loss + total_sq):
            status = NONFINITE_GRADIENT if math.isfinite(batch_loss) else NONFINITE_LOSS
            break
        previous[:] = params
        new_t = update(params, grads, s1, s2, optimizer, nesterov, settings, adam_t)
        p_sum = 0.0
        for p in range(len(params)):
            p_sum += params[p]
        if not math.isfinite(p_sum):  # undo; the caller restarts the optimizer
            params[:] = previous
            status = OVERFLOW
            break
        adam_t = new_t
        step, steps, epoch_steps = step + 1, steps + 1, epoch_steps + 1
        epoch_loss += batch_loss
        for layer in range(n_layers):
            epoch_gradsq[layer] += gsq[layer]
        cursor = 0 if stop >= n else stop
        if cursor != 0:
            continue
        epoch += 1  # the epoch ends: one history row
        row = rows[n_rows]
        row[0] = epoch
        for layer in range(n_layers):
            row_layers[n_rows, 0, layer] = math.sqrt(epoch_gradsq[layer] / max(epoch_steps, 1))
            d_sq, w_sq = 0.0, 0.0
            for p in range(offsets[2 * layer], offsets[2 * layer + 1]):
                d_sq += (params[p] - previous[p]) ** 2
                w_sq += params[p] * params[p]
            row_layers[n_rows, 1, layer] = math.sqrt(d_sq) / math.sqrt(w_sq) if w_sq else math.nan
            epoch_gradsq[layer] = 0.0
        if full_eval:
            evaluate(params, offsets, sizes, units, act_codes, loss, metric, x, t, y, zs, acts,
                     row, 1)  # fmt: skip
            evaluate(params, offsets, sizes, units, act_codes, loss, metric, x_test, t_test,
                     y_test, zs, acts, row, 2)  # fmt: skip
        else:
            row[1] = epoch_loss / max(epoch_steps, 1)
            row[2], row[3], row[4] = math.nan, math.nan, math.nan
        epoch_steps, epoch_loss = 0, 0.0
        n_rows += 1
        if n_rows >= max_epochs:
            status = EPOCHS
            break
        if row[1] <= settings[F_TARGET]:
            status = TARGET
            break
    counters[I_CURSOR], counters[I_STEP], counters[I_EPOCH] = cursor, step, epoch
    counters[I_EPOCH_STEPS], counters[I_ADAM_T] = epoch_steps, adam_t
    counters[I_ORDERS_USED], counters[I_ROWS], counters[I_STEPS_DONE] = new_orders, n_rows, steps
    counters[I_STATUS] = status
    settings[F_EPOCH_LOSS] = epoch_loss
