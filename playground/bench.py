"""Speed bench: ``python -m playground.bench [--json] [--quick] [--repeat N] [--seconds S]``.

Measures training steps/s of this engine (``Model.build`` + ``Trainer.run``) and of
scikit-learn's ``MLPClassifier`` in the same process, interleaved, on the same
data, architecture, batch size and learning rate, float64 and plain SGD for both, with
BLAS limited to one thread (``--threads``). Then times the grid probe and TensorFlow
Playground-style live epochs/s. ``--engine compiled`` measures the compiled kernel
instead of the NumPy engine; ``--engines`` only compares the two, headless, alone and
beside a busy Python thread.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import json
import math
import os
import platform
import statistics
import sys
import textwrap
import threading
import time
import warnings
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from playground.core import kernel
from playground.core.config import ModelConfig, TrainConfig
from playground.core.model import Model
from playground.core.probes import probe_grid
from playground.core.trainer import Trainer

Array = NDArray[np.float64]
RECT = (-6.0, -6.0, 12.0, 12.0)
N_POINTS = 1000
FAIRNESS = (
    "Both engines: float64, same inputs, architecture, batch size and learning rate, plain "
    "SGD, reshuffled epochs, the same NumPy BLAS, and the same bookkeeping: the epoch's "
    "loss is the mean of its batch losses (PASS/FAIL uses this ratio). The app does more: "
    "it evaluates loss and accuracy on the full training and test sets after every epoch; "
    "'+eval' is our speed measured that way, against the same scikit-learn figure."
)


@dataclass(frozen=True)
class BenchConfig:
    """One architecture measured against scikit-learn, with the issue's speed target."""

    key: str
    name: str
    hidden: tuple[int, ...]
    activation: str
    batch_size: int
    learning_rate: float
    target: float


CONFIGS: tuple[BenchConfig, ...] = (
    BenchConfig("tiny", "2-4-2-1 tanh b10", (4, 2), "tanh", 10, 0.03, 2.0),
    BenchConfig("deep", "2-(8x6)-1 tanh b10", (8,) * 6, "tanh", 10, 0.03, 2.0),
    BenchConfig("mid", "2-64-64-1 relu b32", (64, 64), "relu", 32, 0.01, 2.0),
    BenchConfig("wide", "2-256-256-1 relu b256", (256, 256), "relu", 256, 0.01, 1.0),
)


@dataclass(frozen=True)
class Setup:
    """One of TensorFlow Playground's reference setups, as every bench trains it.

    Its own speed is measured beside ours by running both apps in turn, never
    quoted from elsewhere.

    Attributes
    ----------
    key : str
        Key in :data:`SETUPS` (``bench_live --setup``).
    name : str
        Row name in this bench's tables.
    description : str
        What ``bench_live`` reports it as.
    preset : str
        The data: a key of :data:`playground.core.presets.PRESETS` (``circle`` or ``spiral``).
    features : tuple of str
        Network inputs.
    hidden : tuple of int
        Hidden layer widths.
    activation : str
        Every hidden layer's activation.
    batch_size : int
        Points per step.
    """

    key: str
    name: str
    description: str
    preset: str
    features: tuple[str, ...]
    hidden: tuple[int, ...]
    activation: str
    batch_size: int


#: The reference setups, for this bench's live tables and for ``bench_live``.
SETUPS: dict[str, Setup] = {
    s.key: s
    for s in (
        Setup("default", "circle 2-4-2-1 tanh b10", "circle, 2-4-2-1 tanh, batch 10",
              "circle", ("x1", "x2"), (4, 2), "tanh", 10),
        Setup("spiral_tanh", "spiral 2-(8x6)-1 tanh b10", "spiral, x1 x2, 6x8 tanh, batch 10",
              "spiral", ("x1", "x2"), (8,) * 6, "tanh", 10),
        Setup("spiral_relu", "spiral 2-(8x6)-1 relu b30", "spiral, x1 x2, 6x8 relu, batch 30",
              "spiral", ("x1", "x2"), (8,) * 6, "relu", 30),
    )
}  # fmt: skip


def two_class_data(kind: str, n: int, seed: int = 0) -> tuple[Array, NDArray[np.int64]]:
    """TensorFlow Playground's noiseless ``circle`` or ``spiral``, (n, 2) points and 0/1 labels."""
    rng = np.random.default_rng(seed)
    y = np.arange(n) % 2
    if kind == "circle":
        r = np.where(y == 1, rng.uniform(0.0, 2.5, n), rng.uniform(3.5, 5.0, n))
        angle = rng.uniform(0.0, 2.0 * np.pi, n)
        return np.column_stack([r * np.sin(angle), r * np.cos(angle)]), y
    i = np.arange(n) // 2 / (n // 2 + n % 2)
    r, angle = 5.0 * i, 1.75 * 2.0 * np.pi * i + np.pi * y
    return np.column_stack([r * np.sin(angle), r * np.cos(angle)]), y


def model_config(
    hidden: Sequence[int], activation: str, loss: str = "binary_cross_entropy"
) -> ModelConfig:
    """The binary classifier on (x1, x2) with ``hidden`` layers of ``activation``."""
    return ModelConfig(hidden=tuple(hidden), activations=(activation,) * len(hidden), loss=loss)


def ours_run(
    cfg: BenchConfig,
    x: Array,
    y: NDArray[np.int64],
    epochs: int,
    full_evaluation: bool = False,
    engine: str = "numpy",
) -> float:
    """Build and train ``epochs`` epochs; return steps/s."""
    start = time.perf_counter()
    model = Model.build(model_config(cfg.hidden, cfg.activation), x)
    train = TrainConfig(optimizer="sgd", learning_rate=cfg.learning_rate, batch_size=cfg.batch_size)
    trainer = Trainer(model, train, x, y, full_evaluation=full_evaluation, engine=engine)
    if trainer.run(epochs) is not None:
        raise RuntimeError(f"{cfg.name}: training diverged; lower the bench learning rate")
    return trainer.step_count / (time.perf_counter() - start)


def sklearn_run(cfg: BenchConfig, x: Array, y: NDArray[np.int64], epochs: int) -> float:
    """Fit scikit-learn's MLPClassifier for ``epochs`` epochs; return steps/s."""
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.neural_network import MLPClassifier

    clf = MLPClassifier(
        hidden_layer_sizes=cfg.hidden,
        activation=cfg.activation,
        solver="sgd",
        momentum=0.0,
        nesterovs_momentum=False,
        learning_rate="constant",
        learning_rate_init=cfg.learning_rate,
        batch_size=cfg.batch_size,
        alpha=0.0,
        max_iter=epochs,
        shuffle=True,
        tol=0.0,
        n_iter_no_change=epochs + 1,
        early_stopping=False,
        random_state=0,
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        start = time.perf_counter()
        clf.fit(x, y)
        elapsed = time.perf_counter() - start
    return float(clf.n_iter_ * math.ceil(len(x) / cfg.batch_size) / elapsed)


def epochs_for(seconds: float, run: Callable[[int], object]) -> int:
    """Epochs that take about ``seconds``, from a timed one-epoch warm-up run."""
    start = time.perf_counter()
    run(1)
    return max(1, round(seconds / max(time.perf_counter() - start, 1e-6)))


def bench_config(
    cfg: BenchConfig, repeat: int, seconds: float, sklearn: bool, engine: str = "numpy"
) -> dict[str, Any]:
    """Median steps/s of both engines on ``cfg``, measured alternately ``repeat`` times."""
    x_raw, y = two_class_data("circle", N_POINTS)
    x = Model.build(model_config(cfg.hidden, cfg.activation), x_raw).inputs(x_raw)
    # Both engines get the same standardised inputs; our model refits an identity scaling.
    e_ours = epochs_for(seconds, lambda e: ours_run(cfg, x, y, e, engine=engine))
    e_sk = epochs_for(seconds, lambda e: sklearn_run(cfg, x, y, e)) if sklearn else 0
    jobs = {
        "ours": lambda: ours_run(cfg, x, y, e_ours, engine=engine),
        "ours_eval": lambda: ours_run(cfg, x, y, e_ours, full_evaluation=True, engine=engine),
        "sklearn": lambda: sklearn_run(cfg, x, y, e_sk),
    }
    names = list(jobs) if sklearn else ["ours", "ours_eval"]
    runs: dict[str, list[float]] = {name: [] for name in jobs}
    for i in range(repeat):
        for name in names if i % 2 == 0 else names[::-1]:
            runs[name].append(jobs[name]())
    ours_sps = statistics.median(runs["ours"])
    eval_sps = statistics.median(runs["ours_eval"])
    sk_sps = statistics.median(runs["sklearn"]) if sklearn else None
    ratio = ours_sps / sk_sps if sk_sps else None
    return {
        "name": cfg.name,
        "hidden": list(cfg.hidden),
        "activation": cfg.activation,
        "batch_size": cfg.batch_size,
        "learning_rate": cfg.learning_rate,
        "ours_steps_per_s": ours_sps,
        "sklearn_steps_per_s": sk_sps,
        "ratio": ratio,
        "ours_with_eval_steps_per_s": eval_sps,
        "ratio_with_eval": eval_sps / sk_sps if sk_sps else None,
        "target": cfg.target,
        "passed": None if ratio is None else ratio >= cfg.target,
    }


def bench_probe(repeat: int) -> dict[str, Any]:
    """Median milliseconds of ``probe_grid`` at N=200 on 2-(8x6)-1 tanh, with and without maps."""
    x, _ = two_class_data("spiral", 500)
    model = Model.build(model_config((8,) * 6, "tanh"), x)
    times: dict[bool, list[float]] = {True: [], False: []}
    probe_grid(model, RECT, 200)
    for _ in range(repeat):
        for hidden in (True, False):
            start = time.perf_counter()
            probe_grid(model, RECT, 200, hidden=hidden)
            times[hidden].append(1e3 * (time.perf_counter() - start))
    return {
        "name": "probe_grid N=200, 2-(8x6)-1 tanh",
        "n": 200,
        "ms_with_neuron_maps": statistics.median(times[True]),
        "ms_output_only": statistics.median(times[False]),
        "repeat": repeat,
    }


def live_trainer(setup: Setup, engine: str = "numpy") -> Trainer:
    """The app's default training on 250 train + 250 test points, full evaluation each epoch."""
    x, y = two_class_data(setup.preset, 500, seed=1)
    train, test = np.split(np.random.default_rng(2).permutation(500), 2)
    config = model_config(setup.hidden, setup.activation, "tanh_mse").with_changes(
        features=setup.features
    )
    model = Model.build(config, x[train])
    train_config = TrainConfig(optimizer="sgd", learning_rate=0.03, batch_size=setup.batch_size)
    return Trainer(model, train_config, x[train], y[train], x[test], y[test], engine=engine)


def live_epochs_per_s(setup: Setup, seconds: float, probe: bool, engine: str = "numpy") -> float:
    """Epochs/s on 250 train + 250 test points; ``probe`` adds a 100×100 probe per epoch."""
    trainer = live_trainer(setup, engine)
    epochs, start = 0, time.perf_counter()
    while (elapsed := time.perf_counter() - start) < seconds or epochs == 0:
        trainer.run_epoch()
        if probe:
            probe_grid(trainer.model, RECT, 100)
        epochs += 1
    return epochs / elapsed


def bench_live(repeat: int, seconds: float, engine: str = "numpy") -> list[dict[str, Any]]:
    """TensorFlow Playground-style epochs/s for its three reference setups."""
    rows = []
    for setup in SETUPS.values():
        runs = [
            [live_epochs_per_s(setup, seconds, probe, engine) for probe in (False, True)]
            for _ in range(repeat)
        ]
        train, live = (statistics.median(r[i] for r in runs) for i in (0, 1))
        rows.append(
            {
                "name": setup.name,
                "ours_epochs_per_s": train,
                "ours_live_epochs_per_s": live,
            }
        )
    return rows


@contextlib.contextmanager
def busy_python_thread(active: bool = True) -> Iterator[None]:
    """Run a thread that spins in Python the whole time, as a painting GUI thread does."""
    if not active:
        yield
        return
    stop = threading.Event()

    def spin() -> None:
        count = 0
        while not stop.is_set():
            count += 1

    thread = threading.Thread(target=spin, name="busy", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()


def slice_epochs_per_s(
    trainer: Trainer, seconds: float, busy: bool, slice_s: float = 0.02
) -> float:
    """Epochs/s of ``run_slice(seconds=slice_s)`` calls, as the app's worker makes them."""
    trainer.run_slice(max_epochs=1)  # the compiled engine measures its rate here
    per_epoch = math.ceil(trainer.n_train / trainer.config.batch_size)
    with busy_python_thread(busy):
        steps, start = trainer.step_count, time.perf_counter()
        while (elapsed := time.perf_counter() - start) < seconds:
            trainer.run_slice(seconds=slice_s)
    return (trainer.step_count - steps) / per_epoch / elapsed


def bench_engines(repeat: int, seconds: float) -> dict[str, Any]:
    """Headless epochs/s of both engines on the live setups, alone and beside a busy thread."""
    compiled = kernel.warm_up()
    rows = []
    for setup in SETUPS.values():
        row: dict[str, Any] = {"name": setup.name}
        for engine in ("numpy", "compiled") if compiled else ("numpy",):
            for busy in (False, True):
                runs = [
                    slice_epochs_per_s(live_trainer(setup, engine), seconds, busy)
                    for _ in range(repeat)
                ]
                row[f"{engine}{'_busy' if busy else ''}_epochs_per_s"] = statistics.median(runs)
        if compiled:
            row["speedup"] = row["compiled_epochs_per_s"] / row["numpy_epochs_per_s"]
            row["speedup_busy"] = row["compiled_busy_epochs_per_s"] / row["numpy_busy_epochs_per_s"]
        rows.append(row)
    return {"compiled": compiled, "notice": kernel.engine_notice(), "setups": rows}


def format_engines(table: dict[str, Any], seconds: float, repeat: int) -> str:
    """The engine comparison as text."""
    lines = [
        *textwrap.wrap(
            f"Headless epochs/s, NumPy engine against the compiled kernel: run_slice() calls of "
            f"20 ms for ~{seconds:g} s, median of {repeat}, 250 train + 250 test points "
            "evaluated after every epoch; 'busy' with another Python thread spinning meanwhile.",
            88,
        ),
        f"{'setup':<28}{'numpy':>8}{'busy':>8}{'compiled':>10}{'busy':>8}{'x':>7}{'x busy':>8}",
    ]
    for r in table["setups"]:
        if not table["compiled"]:
            lines.append(f"{r['name']:<28}{r['numpy_epochs_per_s']:>8.0f}")
            continue
        lines.append(
            f"{r['name']:<28}{r['numpy_epochs_per_s']:>8.0f}{r['numpy_busy_epochs_per_s']:>8.0f}"
            f"{r['compiled_epochs_per_s']:>10.0f}{r['compiled_busy_epochs_per_s']:>8.0f}"
            f"{r['speedup']:>6.1f}x{r['speedup_busy']:>7.1f}x"
        )
    if table["notice"]:
        lines += ["", *textwrap.wrap(table["notice"], 88)]
    return "\n".join(lines)


def machine_info() -> dict[str, Any]:
    """Versions and CPU facts that the figures depend on."""
    info: dict[str, Any] = {
        "python": platform.python_version(),
        "numpy": np.__version__,
        "sklearn": None,
        "numba": None,
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "blas_threads": None,
    }
    with contextlib.suppress(ImportError):
        import sklearn

        info["sklearn"] = sklearn.__version__
    if kernel.numba_available():
        from importlib.metadata import version

        info["numba"] = version("numba")
    with contextlib.suppress(ImportError):
        from threadpoolctl import threadpool_info

        blas = [p["num_threads"] for p in threadpool_info() if p.get("user_api") == "blas"]
        info["blas_threads"] = max(blas, default=None)
    return info


def run(
    keys: Sequence[str] | None = None,
    repeat: int = 3,
    seconds: float = 1.0,
    sklearn: bool = True,
    extras: bool = True,
    engine: str = "numpy",
) -> dict[str, Any]:
    """The whole bench as one JSON-ready dict; ``extras`` adds the probe and live tables."""
    sklearn = sklearn and importlib.util.find_spec("sklearn") is not None
    chosen = [c for c in CONFIGS if not keys or c.key in keys or c.name in keys]
    if engine != "numpy" and not kernel.warm_up():
        engine = "numpy"  # the notice goes into the report
    settings = {"repeat": repeat, "seconds": seconds, "n_points": N_POINTS, "engine": engine}
    report: dict[str, Any] = {
        "machine": machine_info(),
        "settings": {**settings, "engine_notice": kernel.engine_notice()},
        "fairness": FAIRNESS,
        "configs": [bench_config(c, repeat, seconds, sklearn, engine) for c in chosen],
    }
    if extras:
        report["probe"] = bench_probe(max(3, 5 * repeat))
        report["live"] = bench_live(repeat, seconds, engine)
    return report


def _num(value: float | None) -> str:
    return "n/a" if value is None else f"{value:,.0f}"


def _ratio(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f}x"


def format_report(report: dict[str, Any]) -> str:
    """The plain-text tables."""
    m, s = report["machine"], report["settings"]
    lines = [
        f"MLP Playground bench: Python {m['python']}, NumPy {m['numpy']}, "
        f"scikit-learn {m['sklearn'] or 'not installed'}, {m['cpus']} CPUs, "
        f"BLAS threads {m['blas_threads'] or '?'}",
        f"Training steps/s: float64, plain SGD, {s['n_points']} points, median of "
        f"{s['repeat']} interleaved runs of ~{s['seconds']:g} s each, "
        f"{s.get('engine', 'numpy')} engine",
        "",
        f"{'config':<24}{'ours':>9}{'sklearn':>9}{'ratio':>8}{'target':>8}  result"
        f"{'+eval':>9}{'ratio':>8}",
    ]
    for c in report["configs"]:
        verdict = {True: "PASS", False: "FAIL", None: "-"}[c["passed"]]
        ratio, with_eval = (_ratio(c[k]) for k in ("ratio", "ratio_with_eval"))
        lines.append(
            f"{c['name']:<24}{_num(c['ours_steps_per_s']):>9}{_num(c['sklearn_steps_per_s']):>9}"
            f"{ratio:>8}{'>=' + format(c['target'], 'g') + 'x':>8}  {verdict:<6}"
            f"{_num(c['ours_with_eval_steps_per_s']):>9}{with_eval:>8}"
        )
    lines += ["", *textwrap.wrap(report["fairness"], 88)]
    if "probe" in report:
        p = report["probe"]
        lines += [
            "",
            f"Grid probe, {p['name']} (median of {p['repeat']}):",
            f"  with every neuron's map {p['ms_with_neuron_maps']:8.1f} ms",
            f"  output only             {p['ms_output_only']:8.1f} ms",
            "",
            *textwrap.wrap(
                "Live-style epochs/s, 250 train + 250 test points, lr 0.03, tanh output with "
                "squared loss; '+probe' adds a 100x100 probe with every neuron's map after each "
                "epoch, as TF Playground redraws every frame. Other apps are compared only when "
                "measured on the same machine, one after the other (see the README).",
                88,
            ),
            f"{'setup':<28}{'train':>9}{'+probe':>9}",
        ]
        for r in report["live"]:
            lines.append(
                f"{r['name']:<28}{r['ours_epochs_per_s']:>9.0f}{r['ours_live_epochs_per_s']:>9.0f}"
            )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Parse the options, run the bench, print text or JSON (exit 0: timings never fail)."""
    parser = argparse.ArgumentParser(prog="python -m playground.bench", description=__doc__)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--repeat", type=int, help="runs per engine and config (default 3)")
    parser.add_argument("--seconds", type=float, help="time budget per run (default 1.0)")
    parser.add_argument("--quick", action="store_true", help="CI scale: 1 run of ~0.2 s")
    parser.add_argument(
        "--config",
        action="append",
        choices=[c.key for c in CONFIGS],
        help="only this config (repeatable)",
    )
    parser.add_argument("--no-extras", action="store_true", help="skip probe and live tables")
    parser.add_argument(
        "--engine",
        choices=["numpy", "compiled"],
        default="numpy",
        help="our engine in every table (default numpy; compiled needs numba)",
    )
    parser.add_argument(
        "--engines",
        action="store_true",
        help="only compare the NumPy and compiled engines, alone and beside a busy thread",
    )
    parser.add_argument(
        "--threads",
        type=int,
        default=1,
        help="BLAS threads for both engines, via threadpoolctl (default 1; 0 leaves BLAS as is)",
    )
    args = parser.parse_args(argv)
    repeat = args.repeat if args.repeat is not None else (1 if args.quick else 3)
    seconds = args.seconds if args.seconds is not None else (0.2 if args.quick else 1.0)
    if repeat < 1 or not seconds > 0:
        parser.error("--repeat must be >= 1 and --seconds > 0")
    limit: Any = contextlib.nullcontext()
    if importlib.util.find_spec("sklearn") is not None:
        import sklearn.neural_network  # noqa: F401  (loads SciPy's BLAS too, before any limit)
    if args.threads > 0 and importlib.util.find_spec("threadpoolctl") is not None:
        from threadpoolctl import threadpool_limits

        limit = threadpool_limits(args.threads, user_api="blas")
    with limit:
        if args.engines:
            table = {"machine": machine_info(), **bench_engines(repeat, seconds)}
            print(
                json.dumps(table, indent=2) if args.json else format_engines(table, seconds, repeat)
            )
            return 0
        report = run(args.config, repeat, seconds, extras=not args.no_extras, engine=args.engine)
    print(json.dumps(report, indent=2) if args.json else format_report(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
