"""The compiled probe against NumPy's: every activation and head, the thumbnails' own grid,
the focus map, the fallback without numba, and the interpreter lock left free."""

from __future__ import annotations

import gc
import sys
import threading
import time
from typing import Any

import numpy as np
import pytest
from numpy.typing import NDArray

from playground.app.training.probing import Prober
from playground.core import kernel, probe_engine
from playground.core import probe_kernel as pk
from playground.core.activations import ACTIVATIONS, LEAKY_SLOPE
from playground.core.config import ModelConfig
from playground.core.losses import LOSSES
from playground.core.model import Model
from playground.core.probes import evaluate_grid, grid_points
from tests.core.kernel_cases import HEADS

Array = NDArray[np.float64]
RECT = (-6.0, -5.0, 12.0, 10.0)
#: The compiled pass and NumPy's, both float32, agree this closely (their sums round
#: differently, and tanh is a rational approximation in one and NumPy's in the other).
RTOL, ATOL = 1e-5, 1e-6
ALL_FEATURES = ("x1", "x2", "x1^2", "x2^2", "x1x2", "sin_x1", "sin_x2")


def build(
    activation: str = "tanh",
    task: str = "binary",
    loss: str = "binary_cross_entropy",
    hidden: tuple[int, ...] = (4, 3),
    features: tuple[str, ...] = ("x1", "x2"),
    n_classes: int = 3,
    seed: int = 0,
    gain: float = 1.5,
) -> Model:
    """A model whose weights are scaled by ``gain`` so that its units reach their bends."""
    config = ModelConfig(
        features=features,
        hidden=hidden,
        activations=(activation,) * len(hidden),
        task=task,
        n_classes=n_classes if task == "multiclass" else 2,
        loss=loss,
        seed=seed,
    )
    x = np.random.default_rng(seed).normal(0.0, 2.0, (50, 2))
    model = Model.build(config, x)
    model.network.params[:] *= gain
    return model


@pytest.fixture(scope="module")
def compiled() -> probe_engine.ProbeKernel:
    """The compiled probe (skipped where numba cannot load)."""
    found = probe_engine.compiled_probe(wait=True)
    if found is None:
        pytest.skip("the compiled probe needs numba")
    return found


def x32(model: Model, n: int) -> NDArray[np.float32]:
    return np.ascontiguousarray(model.inputs(grid_points(RECT, n)), dtype=np.float32)


def hidden_rows(model: Model) -> list[int]:
    sizes = model.network.sizes
    return list(range(sizes[0], sum(sizes[:-1])))


def assert_matches_numpy(model: Model, n: int, kernel_fn: Any) -> None:
    """The kernel's output, probabilities and every hidden unit equal NumPy's float32 pass."""
    x = model.inputs(grid_points(RECT, n))
    reference = evaluate_grid(model, RECT, n, dtype=np.float32, inputs=x)
    result = probe_engine.evaluate(model, x32(model, n), hidden_rows(model), kernel_fn)
    assert result is not None
    out, proba, kept = result
    assert out.dtype == np.float32 and out.shape == (model.network.sizes[-1], n * n)
    np.testing.assert_allclose(out.T, reference.output, rtol=RTOL, atol=ATOL)
    if reference.proba is None:
        assert proba is None
    else:
        assert proba is not None and proba.shape == reference.proba.shape
        np.testing.assert_allclose(proba, reference.proba, rtol=RTOL, atol=ATOL)
        np.testing.assert_allclose(proba.sum(axis=1), 1.0, rtol=1e-6)
    widths = model.network.sizes[1:-1]
    assert kept.shape == (sum(widths), n * n)
    for layer, a in zip(np.split(kept, np.cumsum(widths)[:-1]), reference.hidden):
        scale = max(1.0, float(np.abs(a).max()))  # unbounded units: relative to the layer
        np.testing.assert_allclose(layer.T, a, rtol=RTOL, atol=ATOL * scale)


def test_the_tables_cover_every_activation_and_head() -> None:
    assert tuple(ACTIVATIONS) == pk.ACTIVATION_NAMES
    assert tuple(LOSSES) == pk.LOSS_NAMES
    assert np.float32(LEAKY_SLOPE) == pk.LEAKY_SLOPE


def test_tanh32_is_within_a_few_float32_ulps() -> None:
    z = np.concatenate([np.linspace(-12.0, 12.0, 4801), [0.0, 1e-5, -3e-4, 5e-4, 1e30, -1e30]])
    z = z.astype(np.float32)
    got = np.array([pk.tanh32(v) for v in z], dtype=np.float32)
    exact = np.tanh(z.astype(np.float64))
    np.testing.assert_allclose(got, exact, rtol=4e-7, atol=1e-9)
    assert np.isnan(pk.tanh32(np.float32(np.nan)))
    assert pk.tanh32(np.float32(np.inf)) == pytest.approx(1.0, abs=1e-6)


@pytest.mark.parametrize(("task", "loss"), HEADS, ids=["-".join(h) for h in HEADS])
@pytest.mark.parametrize("activation", list(ACTIVATIONS))
def test_compiled_probe_matches_numpy(
    compiled: probe_engine.ProbeKernel, activation: str, task: str, loss: str
) -> None:
    # 23 x 23 = 529 points: two full tiles and a short one.
    model = build(activation, task, loss, hidden=(5, 3), features=ALL_FEATURES, seed=2)
    assert_matches_numpy(model, 23, compiled)


@pytest.mark.parametrize(
    "changes",
    [
        {"hidden": ()},
        {"hidden": (), "task": "multiclass", "loss": "cross_entropy", "n_classes": 4},
        {"hidden": (8,) * 6, "features": ("x1", "x2")},
        {"hidden": (1, 9, 2), "features": ("x1^2", "x2^2", "x1x2")},
        {"hidden": (12, 12), "task": "multiclass", "loss": "cross_entropy", "n_classes": 5},
        {"hidden": (6,), "task": "regression", "loss": "mse", "features": ("sin_x1", "x2")},
    ],
    ids=["no hidden", "no hidden multiclass", "6x8", "narrow", "5 classes", "regression"],
)
@pytest.mark.parametrize("activation", ["relu", "tanh", "gelu"])
def test_compiled_probe_matches_numpy_across_architectures(
    compiled: probe_engine.ProbeKernel, activation: str, changes: dict[str, Any]
) -> None:
    assert_matches_numpy(build(activation, seed=5, **changes), 40, compiled)


@pytest.mark.parametrize(("task", "loss"), HEADS, ids=["-".join(h) for h in HEADS])
@pytest.mark.parametrize("activation", list(ACTIVATIONS))
def test_the_kernel_as_plain_python_matches_numpy(activation: str, task: str, loss: str) -> None:
    """Without numba the same functions run uncompiled, and mean the same."""
    model = build(activation, task, loss, hidden=(3, 2), features=("x1", "x2", "x1x2"), seed=4)
    assert_matches_numpy(model, 4, pk.probe_frame)


def test_kept_rows_are_the_units_asked_for() -> None:
    model = build("relu", hidden=(3, 4))
    n, sizes = 5, model.network.sizes
    keep = [probe_engine.unit_row(sizes, 0, 1), probe_engine.unit_row(sizes, 2, 3)]
    assert keep == [1, 8]
    result = probe_engine.evaluate(model, x32(model, n), keep)
    assert result is not None
    x = model.inputs(grid_points(RECT, n))
    layers, _ = model.network.layer_outputs(x)
    np.testing.assert_allclose(result[2][0], x[:, 1], rtol=1e-6)
    np.testing.assert_allclose(result[2][1], layers[1][:, 3], rtol=1e-5, atol=1e-6)


def test_weights_or_logits_beyond_float32_ask_for_numpy() -> None:
    model = build("relu", task="regression", loss="mse", hidden=(4, 4))
    model.network.params[:] *= 1e20  # finite weights whose float32 logits overflow
    assert probe_engine.evaluate(model, x32(model, 4), []) is None
    model.network.params[0] = 1e300  # a weight float32 cannot hold
    assert probe_engine.evaluate(model, x32(model, 4), []) is None


# -- the Prober ------------------------------------------------------------------------


def reference_columns(model: Model, n: int) -> list[Array]:
    """Every diagram column's values at the n x n grid's cell centres, in float64."""
    x = model.inputs(grid_points(RECT, n))
    layers, logits = model.network.layer_outputs(x)
    return [x, *layers, model.network.loss.link(logits)]


@pytest.fixture(params=["numpy", "compiled"])
def prober(request: pytest.FixtureRequest) -> Prober:
    if request.param == "compiled" and probe_engine.compiled_probe(wait=True) is None:
        pytest.skip("the compiled probe needs numba")
    p = Prober(thumb=12, engine=request.param)
    p.set_grid(RECT, 30)
    return p


def test_thumbnails_are_the_network_on_their_own_grid(prober: Prober) -> None:
    model = build("tanh", hidden=(5, 3), features=("x1", "x2", "x1^2", "sin_x2"))
    probe, thumbs, _ = prober.probe(model, None, maps=True)
    columns = reference_columns(model, 12)
    assert [t.shape for t in thumbs] == [(c.shape[1], 12, 12) for c in columns]
    for thumb, column in zip(thumbs, columns):
        expected = column.T.reshape(-1, 12, 12)  # row 0 at the bottom, as the diagram paints
        np.testing.assert_allclose(thumb, expected, rtol=1e-5, atol=1e-6)
    assert probe.output.shape == (1, 30, 30) and probe.rect == RECT
    assert probe.proba is not None and probe.proba.shape == (30, 30, 2)
    fine = reference_columns(model, 30)[-1][:, 0]
    np.testing.assert_allclose(probe.output[0].ravel(), fine, rtol=1e-5, atol=1e-6)
    assert probe.inputs.shape == (0, 30, 30) and probe.hidden == ()


def test_thumbnails_sit_where_the_cut_out_cells_did(prober: Prober) -> None:
    """At 200 and 40 the thumbnails' cells are the boundary grid's every fifth, from the third."""
    prober.set_grid(RECT, 200)
    prober.thumb = 40
    model = build("relu", hidden=(3,))
    _, thumbs, _ = prober.probe(model, None)
    fine = model.inputs(grid_points(RECT, 200)).T.reshape(-1, 200, 200)
    np.testing.assert_array_equal(thumbs[0], fine[:, 2::5, 2::5])


def test_without_maps_there_are_no_thumbnails(prober: Prober) -> None:
    model = build("tanh")
    probe, thumbs, focus_map = prober.probe(model, None, maps=False)
    assert thumbs == () and focus_map is None
    boundary = prober.boundary(model)
    np.testing.assert_array_equal(boundary.output, probe.output)


@pytest.mark.parametrize("focus", [(0, 1), (1, 4), (2, 0), (3, 0)])
def test_the_focus_map_is_full_resolution_and_right(prober: Prober, focus: tuple[int, int]) -> None:
    model = build("sigmoid", hidden=(5, 3), features=("x1", "x2", "x1x2"))
    _, _, focus_map = prober.probe(model, focus, maps=False)
    column, unit = focus
    expected = reference_columns(model, 30)[column][:, unit].reshape(30, 30)
    assert focus_map is not None and focus_map.shape == (30, 30)
    np.testing.assert_allclose(focus_map, expected, rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("focus", [(4, 0), (1, 5), (-1, 0), (0, 3)])
def test_a_focus_outside_the_network_has_no_map(prober: Prober, focus: tuple[int, int]) -> None:
    _, _, focus_map = prober.probe(build("tanh", hidden=(5, 3)), focus)
    assert focus_map is None


def test_a_multiclass_probe(prober: Prober) -> None:
    model = build("elu", "multiclass", "cross_entropy", hidden=(6,), n_classes=4)
    probe, thumbs, _ = prober.probe(model, (2, 3))
    columns = reference_columns(model, 30)
    assert probe.proba is not None and probe.proba.shape == (30, 30, 4)
    np.testing.assert_allclose(probe.proba.reshape(-1, 4), columns[-1], rtol=1e-5, atol=1e-6)
    assert thumbs[-1].shape == (4, 12, 12)


def test_a_probe_that_overflows_float32_is_drawn_in_float64(prober: Prober) -> None:
    model = build("relu", task="regression", loss="mse", hidden=(4, 4))
    model.network.params[:] *= 1e20
    probe, thumbs, _ = prober.probe(model, (1, 0))
    expected = reference_columns(model, 30)[-1][:, 0].reshape(30, 30)
    assert np.isfinite(probe.output).all() and probe.output.dtype == np.float64
    np.testing.assert_allclose(probe.output[0], expected, rtol=1e-9)
    assert all(np.isfinite(t).all() for t in thumbs)


def test_the_compiled_prober_uses_the_compiled_probe(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[int, int]] = []

    def spy(*args: Any) -> int:
        calls.append((len(args[6]), len(args[11])))
        return pk.probe_frame(*args)

    monkeypatch.setattr(probe_engine._LOADER, "kernel", spy)
    p = Prober(thumb=6, engine="auto")
    p.set_grid(RECT, 10)
    p.probe(build("tanh"), (1, 0), maps=True)
    assert calls == [(100, 36)]  # the boundary grid and the thumbnails' own, in one call
    p.probe(build("tanh"), (1, 0), maps=False)
    assert calls[1:] == [(100, 0)]


def test_the_numpy_prober_never_loads_the_compiled_probe(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(wait: bool = False) -> None:
        raise AssertionError("the NumPy engine loaded the compiled probe")

    monkeypatch.setattr(probe_engine, "compiled_probe", refuse)
    p = Prober(thumb=6, engine="numpy")
    p.set_grid(RECT, 10)
    p.probe(build("tanh"), (1, 0), maps=True)


# -- loading -------------------------------------------------------------------------


@pytest.fixture
def fresh_loaders(monkeypatch: pytest.MonkeyPatch) -> probe_engine._Loader:
    """A training-kernel compiler and a probe loader that have not tried to load yet."""
    monkeypatch.setattr(kernel, "_COMPILER", kernel._Compiler())
    loader = probe_engine._Loader()
    monkeypatch.setattr(probe_engine, "_LOADER", loader)
    return loader


def numpy_pictures(model: Model) -> tuple[Any, ...]:
    p = Prober(thumb=6, engine="numpy")
    p.set_grid(RECT, 10)
    return p.probe(model, (1, 2))


def assert_same_pictures(a: tuple[Any, ...], b: tuple[Any, ...]) -> None:
    np.testing.assert_array_equal(a[0].output, b[0].output)
    np.testing.assert_array_equal(a[0].proba, b[0].proba)
    assert len(a[1]) == len(b[1])
    for x, y in zip(a[1], b[1]):
        np.testing.assert_array_equal(x, y)
    np.testing.assert_array_equal(a[2], b[2])


@pytest.mark.parametrize("engine", ["auto", "compiled"])
def test_without_numba_the_probe_stays_with_numpy_and_adds_no_notice(
    monkeypatch: pytest.MonkeyPatch, fresh_loaders: probe_engine._Loader, engine: str
) -> None:
    monkeypatch.setitem(sys.modules, "numba", None)
    model = build("tanh")
    p = Prober(thumb=6, engine=engine)
    p.set_grid(RECT, 10)
    first = p.probe(model, (1, 2))  # starts the load in the background, draws with NumPy
    probe_engine.warm_up_in_background().join(timeout=60)
    assert fresh_loaders.failed and not probe_engine.probe_ready()
    assert_same_pictures(first, numpy_pictures(model))
    assert_same_pictures(p.probe(model, (1, 2)), numpy_pictures(model))
    notice = kernel.engine_notice()  # the training kernel's one notice, no second
    assert notice is not None and "numba" in notice
    assert not probe_engine.warm_up()


def test_a_probe_that_fails_to_compile_is_drawn_by_numpy_silently(
    monkeypatch: pytest.MonkeyPatch, fresh_loaders: probe_engine._Loader
) -> None:
    monkeypatch.setattr(kernel._COMPILER, "kernel", kernel.ops.train_slice)  # engine "loaded"

    def broken(numba: Any) -> Any:
        raise TypeError("cannot compile")

    monkeypatch.setattr(probe_engine, "_compile", broken)
    assert not probe_engine.warm_up()
    assert kernel.engine_notice() is None
    model = build("gelu")
    p = Prober(thumb=6)
    p.set_grid(RECT, 10)
    assert_same_pictures(p.probe(model, (1, 2)), numpy_pictures(model))


def test_loading_happens_in_the_background(
    monkeypatch: pytest.MonkeyPatch, fresh_loaders: probe_engine._Loader
) -> None:
    release = threading.Event()

    def slow_warm_up() -> bool:
        release.wait(timeout=60)
        return False

    monkeypatch.setattr(kernel, "warm_up", slow_warm_up)
    p = Prober(thumb=6)
    p.set_grid(RECT, 10)
    model = build("tanh")
    assert_same_pictures(p.probe(model, (1, 2)), numpy_pictures(model))  # did not wait
    thread = fresh_loaders.thread
    assert thread is not None and thread.is_alive()
    release.set()
    thread.join(timeout=60)
    assert fresh_loaders.failed


def test_the_module_imports_no_numba() -> None:
    """Importing the probe's modules leaves numba unloaded until a warm-up asks for it."""
    code = (
        "import sys; import playground.app.training.probing, playground.core.probe_engine; "
        "print('numba' in sys.modules)"
    )
    import subprocess

    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# -- the interpreter lock ----------------------------------------------------------------


def count_during(call: Any) -> int:
    """How far a counting thread got while ``call()`` ran on this one.

    The switch interval is set far beyond the test, so this thread never hands the
    interpreter lock over on its own: the counter moves only if ``call`` lets go of it.
    The counter yields the lock after every count, so this thread gets it straight back.
    The garbage collector stays off meanwhile: a finaliser that closes a file lets go of
    the lock too.
    """
    count, stop = [0], threading.Event()

    def counting() -> None:
        while not stop.is_set():
            count[0] += 1
            time.sleep(0)  # releases the lock

    interval = sys.getswitchinterval()
    gc.collect()
    gc.disable()
    sys.setswitchinterval(1000.0)
    thread = threading.Thread(target=counting, daemon=True)
    try:
        thread.start()
        before = count[0]
        call()
        after = count[0]
    finally:
        stop.set()
        sys.setswitchinterval(interval)
        gc.enable()
        thread.join(timeout=60)
    return after - before


def test_the_compiled_probe_leaves_the_interpreter_lock_free(
    compiled: probe_engine.ProbeKernel,
) -> None:
    model = build("tanh", hidden=(8,) * 6)
    big = x32(model, 1000)  # a million points: a long call
    small = x32(model, 3)
    sizes = model.network.sizes

    def arguments(x: NDArray[np.float32]) -> tuple[Any, ...]:
        net, n = model.network, len(x)
        grid = (
            x, np.zeros(0, dtype=np.int64), np.empty((1, n), dtype=np.float32),
            np.empty((n, 2), dtype=np.float32), np.empty((0, n), dtype=np.float32),
        )  # fmt: skip
        return (
            net.params.astype(np.float32), net.block_offsets.astype(np.int64),
            np.array(sizes, dtype=np.int64), np.full(len(sizes) - 2, pk.TANH, dtype=np.int64),
            pk.BCE, 1, *grid, *grid,
        )  # fmt: skip

    held, free = arguments(small), arguments(big)
    # The same pass in plain Python holds the lock throughout: the counter stands still...
    assert count_during(lambda: pk.probe_frame(*held)) == 0
    # ...while compiled, it runs without it.
    assert count_during(lambda: compiled(*free)) > 0


def test_the_probe_bench_runs_and_reports() -> None:
    from playground.bench_probe import bench_probe, report

    result = bench_probe(repeat=1, busy_repeat=1)
    engines = ("numpy", "compiled") if result["compiled"] else ("numpy",)
    assert tuple(result["ms"]) == engines
    for by_kind in result["ms"].values():
        assert set(by_kind) == {"frame", "boundary", "frame_beside_python"}
        assert all(value > 0.0 for value in by_kind.values())
    assert set(result["speedup"]) == (set(result["ms"]["numpy"]) if result["compiled"] else set())
    assert "frame" in report(result)
