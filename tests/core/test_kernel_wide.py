"""The compiled kernel on layers wide enough for its vector loops (VECTOR_MIN units and more).

Against the NumPy engine to a relative 1e-10, and against the same kernel run as plain
Python bit for bit: vector code that summed in another order, or fused a multiply and an
add, would differ in the last bits.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np
import pytest
from numpy.typing import NDArray

from playground.core import kernel, kernel_ops
from playground.core.history import COLUMNS, LAYER_COLUMNS
from playground.core.network import Network
from playground.core.trainer import Trainer
from tests.core.kernel_cases import OPTIMIZERS, assert_same_training, make, optimizer_state

pytest.importorskip("numba")

Array = NDArray[np.float64]

# (activation, task, loss, hidden): widths on both sides of VECTOR_MIN, an odd one that
# leaves a remainder after the vector lanes, and narrow heads after wide layers.
WIDE: tuple[tuple[str, str, str, tuple[int, ...]], ...] = (
    ("relu", "binary", "binary_cross_entropy", (64, 64)),
    ("tanh", "multiclass", "cross_entropy", (16, 16)),
    ("gelu", "regression", "mse", (13, 4, 24)),
)
TRAIN: dict[str, dict[str, Any]] = {
    "sgd": OPTIMIZERS["sgd"],
    "adam-l2": {**OPTIMIZERS["adam"], "l2": 0.01},
}


@pytest.fixture(scope="module", autouse=True)
def compiled() -> None:
    assert kernel.warm_up(), kernel.engine_notice()


def test_the_cases_take_both_loop_orders() -> None:
    widths = {w for *_, hidden in WIDE for w in (*hidden, 1, 2, 3)}
    assert min(widths) < kernel_ops.VECTOR_MIN <= max(widths)
    assert any(w % 4 and w > kernel_ops.VECTOR_MIN for w in widths)


@pytest.mark.parametrize("train", list(TRAIN))
@pytest.mark.parametrize("activation,task,loss,hidden", WIDE, ids=[c[0] for c in WIDE])
def test_wide_layers_train_as_numpy(
    activation: str, task: str, loss: str, hidden: tuple[int, ...], train: str
) -> None:
    # 70 points in batches of 32 (a short last batch), 6 epochs with full evaluation.
    shape: dict[str, Any] = {"n": 70, "batch_size": 32, "hidden": hidden}
    reference = make(activation, task, loss, TRAIN[train], **shape)
    trainer = make(activation, task, loss, TRAIN[train], engine="compiled", **shape)
    assert reference.run(6) is None
    results = [trainer.run_slice(max_epochs=3), trainer.run_slice(max_epochs=3)]
    assert [r.engine for r in results] == ["compiled", "compiled"]
    assert trainer.epoch == 6 and len(trainer.history) == 6
    assert_same_training(reference, trainer)


def _assert_identical(a: Trainer, b: Trainer) -> None:
    assert a.step_count == b.step_count > 0
    for x, y in [(a.network.params, b.network.params), (a.network.grads, b.network.grads)]:
        assert np.array_equal(x, y)
    for x, y in zip(optimizer_state(a), optimizer_state(b), strict=True):
        assert np.array_equal(x, y)
    ca, cb = a.history.chunk(), b.history.chunk()
    for name in (*COLUMNS, *LAYER_COLUMNS):
        np.testing.assert_array_equal(getattr(cb, name), getattr(ca, name))


@pytest.mark.parametrize("activation,task,loss,hidden", WIDE, ids=[c[0] for c in WIDE])
def test_vector_code_gives_the_bits_of_plain_python(
    activation: str, task: str, loss: str, hidden: tuple[int, ...]
) -> None:
    # Plain Python adds term by term, as written: the reference order of every sum. (Not
    # with Adam: Python's and numba's powers of beta may differ in the last bit.)
    shape: dict[str, Any] = {"n": 20, "batch_size": 8, "hidden": hidden}
    settings = {**OPTIMIZERS["momentum"], "l2": 0.01}
    python = make(activation, task, loss, settings, **shape)
    compiled = make(activation, task, loss, settings, **shape)
    dispatcher = kernel.compiled_kernel(wait=True)
    assert dispatcher is not None
    assert kernel.train_compiled(python, kernel_ops.train_slice, max_epochs=2).engine == "python"
    assert kernel.train_compiled(compiled, dispatcher, max_epochs=2).engine == "compiled"
    _assert_identical(python, compiled)


def _in_order(terms: Iterable[float]) -> float:
    total = 0.0
    for term in terms:
        total += term
    return total


def _reference_grads(net: Network, x: Array, t: Array) -> Array:
    """Gradients of a linear network with a squared-error head, each sum added term by term
    in the order the kernel's scalar loops use: over inputs i for z, over rows r for dW and
    db, over outputs j for the deltas."""
    ws = [w.tolist() for w in net.weights]
    acts = [x.tolist()]
    for w, b in zip(ws, net.biases, strict=True):
        fan_in, fan_out = len(w), len(b)
        z = [[_in_order(a[i] * w[i][j] for i in range(fan_in)) + b[j] for j in range(fan_out)]
             for a in acts[-1]]  # fmt: skip
        acts.append(z)
    n = len(x)
    delta = [[(a - t[r, j]) / n for j, a in enumerate(row)] for r, row in enumerate(acts[-1])]
    blocks: list[list[float]] = []
    for layer in range(len(ws) - 1, -1, -1):
        w, fan_in, fan_out = ws[layer], len(ws[layer]), len(ws[layer][0])
        d_w = [_in_order(acts[layer][r][i] * delta[r][j] for r in range(n))
               for i in range(fan_in) for j in range(fan_out)]  # fmt: skip
        d_b = [_in_order(delta[r][j] for r in range(n)) for j in range(fan_out)]
        blocks = [d_w, d_b, *blocks]
        delta = [[_in_order(d[j] * w[i][j] for j in range(fan_out)) for i in range(fan_in)]
                 for d in delta]  # fmt: skip
    return np.array([g for block in blocks for g in block])


@pytest.mark.parametrize("sizes", [(2, 16, 12, 3), (3, 5, 9, 1), (2, 4, 2, 1)], ids=str)
def test_every_sum_keeps_the_order_of_the_scalar_loops(sizes: tuple[int, ...]) -> None:
    # Compiled and plain Python, one batch forward and back, to the last bit.
    rng = np.random.default_rng(3)
    net = Network(sizes, ["linear"] * (len(sizes) - 2), "mse")
    net.params[:] = rng.normal(0.0, 0.7, net.n_params)
    count = 11
    x, t = rng.normal(0.0, 1.0, (count, sizes[0])), rng.normal(0.0, 1.0, (count, sizes[-1]))
    expected = _reference_grads(net, x, t)
    dispatcher = kernel.compiled_kernel(wait=True)
    assert dispatcher is not None
    compiled = dispatcher.py_func.__globals__  # type: ignore[attr-defined]
    layout = (net.block_offsets.astype(np.int64), np.array(sizes, np.int64))
    units = np.concatenate([[0], np.cumsum(sizes)]).astype(np.int64)
    codes = np.full(len(sizes) - 2, kernel_ops.LINEAR, np.int64)
    index = np.arange(count, dtype=np.int64)
    for forward, backward in [
        (kernel_ops.forward, kernel_ops.backward),
        (compiled["forward"], compiled["backward"]),
    ]:
        zs, acts, deltas = (np.zeros((count, int(units[-1]))) for _ in range(3))
        grads = np.full(net.n_params, np.nan)
        forward(net.params, *layout, units, codes, kernel_ops.MSE, x, index, 0, count, zs, acts)
        backward(
            net.params, grads, *layout, units, codes, kernel_ops.MSE, t, index, 0, count,
            zs, acts, deltas, np.zeros(net.n_params),
        )  # fmt: skip
        np.testing.assert_array_equal(grads, expected)
