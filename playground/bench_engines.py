"""The bench's timings: this engine against scikit-learn, the grid probe, live epochs/s.

Each function measures one table of ``python -m playground.bench`` and returns it as
JSON-ready dicts; ``bench_engines`` compares the NumPy engine with the compiled kernel,
alone and beside a busy Python thread.
"""

from __future__ import annotations

import contextlib
import math
import statistics
import threading
import time
import warnings
from collections.abc import Callable, Iterator
from typing import Any

import numpy as np
from numpy.typing import NDArray

from playground.bench_setups import (
    N_POINTS,
    RECT,
    SETUPS,
    Array,
    BenchConfig,
    Setup,
    model_config,
    two_class_data,
)
from playground.core import kernel
from playground.core.config import TrainConfig
from playground.core.model import Model
from playground.core.probes import probe_grid
from playground.core.trainer import Trainer


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
