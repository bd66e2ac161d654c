"""Live GUI bench: ``python -m playground.bench_live [--setup NAME ...] [--json] [--busy-core]``.

Builds the real window (offscreen unless ``QT_QPA_PLATFORM`` says otherwise) at
1280x800, loads one of TensorFlow Playground's reference setups, presses Play and,
after a warm-up, measures what the user would see: snapshots shown per second, live
epochs per second, the boundary image's resolution, the GUI event loop's lag (the
lateness of a fast repeating timer) and the GUI thread's CPU time per frame. The same
setup is then trained headless in the same process, with the same engine and no
window work, so ``live_over_headless`` compares like with like. ``--busy-core`` runs
the setups again beside a process that spins one core.

Other apps are not measured here: run them one after the other with this bench,
never at the same time, and compare medians (see the README's Speed section).

``--soak SECONDS`` instead trains for that long with every plot live and reports,
each ``--every`` seconds (60), the process's resident memory, the frames and
epochs per second of that interval and the rows of history kept, then a summary
line: memory growth after the first interval and the spread of the frame rate.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import sys
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING

from playground.bench_setups import SETUPS, Setup

if TYPE_CHECKING:
    from playground.app.assembly import Assembly
    from playground.app.training.snapshot import Snapshot

#: Product targets: frames per second, boundary grid side, the event loop's
#: 99th-percentile lag, live against headless speed and GUI time per frame.
TARGET_FPS = 30.0
TARGET_GRID = 200
TARGET_LAG_P99_MS = 20.0
TARGET_LIVE_OVER_HEADLESS = 0.7
TARGET_GUI_MS = 12.0
HEADLESS_SECONDS = 3.0
LAG_INTERVAL_MS = 5
WINDOW_SIZE = (1280, 800)


@dataclass
class Result:
    """What one run measured (the names of ``--json``)."""

    name: str
    seconds: float
    fps: float
    live_epochs_per_s: float
    headless_epochs_per_s: float
    live_over_headless: float
    boundary: int
    lag_p50_ms: float
    lag_p99_ms: float
    lag_max_ms: float
    gui_ms_per_frame_p50: float
    gui_ms_per_frame_p95: float
    engine: str
    epochs: int
    diverged: bool
    lenses: bool = False


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0..100) by linear interpolation; NaN when empty."""
    if not values:
        return float("nan")
    data = sorted(values)
    pos = (len(data) - 1) * q / 100.0
    lo = int(pos)
    hi = min(lo + 1, len(data) - 1)
    return data[lo] + (data[hi] - data[lo]) * (pos - lo)


def open_window(setup: Setup, engine: str = "auto") -> Assembly:
    """The real window at ``WINDOW_SIZE``, shown, on ``setup``'s data and network."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from playground.app.assembly import assemble
    from playground.app.launch import application
    from playground.app.training.worker import TrainingWorker
    from playground.core.presets import make_dataset

    application()
    parts = assemble(None, TrainingWorker(engine=engine))
    window, controller = parts.window, parts.controller
    window.resize(*WINDOW_SIZE)
    window.show()
    controller.start()
    data = make_dataset(setup.preset, 500, 0.0, seed=0, test_ratio=0.5)
    controller.data_model.replace(data, "Load bench data")
    controller.set_train_config(
        controller.train_config.with_changes(learning_rate=0.03, batch_size=setup.batch_size)
    )
    controller.configure(
        "bench setup",
        features=setup.features,
        hidden=setup.hidden,
        activations=(setup.activation,) * len(setup.hidden),
    )
    window.hide_banner()
    return parts


def close_window(parts: Assembly) -> None:
    """Stop training and close the window without any prompt."""
    from PySide6.QtWidgets import QApplication

    parts.window.set_close_guard(parts.controller.shutdown)
    parts.window.close()
    parts.window.deleteLater()
    QApplication.processEvents()


def headless_epochs_per_s(parts: Assembly, engine: str, seconds: float) -> float:
    """The live run's data and settings trained with no window, in this process."""
    from playground.core.model import Model
    from playground.core.trainer import Trainer

    c = parts.controller
    d = c.data_model.dataset
    model = Model.build(c.model_config, d.train_x)
    trainer = Trainer(
        model, c.train_config, d.train_x, d.train_y, d.test_x, d.test_y, engine=engine
    )
    trainer.run_slice(seconds=0.2)  # warm caches (and the kernel's first call)
    start, epoch0 = time.perf_counter(), trainer.epoch
    while (elapsed := time.perf_counter() - start) < seconds:
        if trainer.run_slice(seconds=0.02).stop == "diverged":
            break
    return (trainer.epoch - epoch0) / elapsed


def run(
    setup: Setup,
    seconds: float,
    warmup: float,
    engine: str = "auto",
    headless_s: float = HEADLESS_SECONDS,
    compare: str | None = None,
    lenses: bool = False,
) -> Result:
    """Open the window on ``setup``, play and measure after ``warmup``; then train headless.

    With ``compare`` (e.g. ``activation=tanh,relu``) the window compares runs in lock
    step: a frame then shows every run, and the epochs are each run's. With ``lenses``
    every view that starts closed (the lenses) is open too.
    """
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtWidgets import QApplication

    if engine != "numpy":
        from playground.core import kernel, probe_engine

        kernel.warm_up()  # measure the steady state, not a first compile
        probe_engine.warm_up()
    parts = open_window(setup, engine)
    controller = parts.controller
    if compare is not None and not controller.comparing.start(compare):
        raise SystemExit(f"error: {parts.window.banner.text()}")
    parts.window.hide_banner()
    if lenses:
        from playground.app.present.registry import VIEWS

        for spec in VIEWS:
            if not spec.visible and not spec.compare_only:
                parts.window.show_view(spec.name)
    app = QApplication.instance()
    assert app is not None
    shown: list[tuple[float, int, int, float]] = []  # (time, epoch, grid side, GUI CPU s)
    ticks: list[float] = []
    state: dict[str, object] = {"measuring": False, "diverged": False, "engine": "numpy"}

    def on_snapshot(snap: Snapshot) -> None:
        if snap.diverged:
            state["diverged"] = True
        if state["measuring"]:
            grid = snap.probe.n if snap.probe is not None else 0
            shown.append((time.perf_counter(), snap.epoch, grid, time.thread_time()))
            state["engine"] = snap.engine

    def on_tick() -> None:
        if state["measuring"]:
            ticks.append(time.perf_counter())

    def start_measuring() -> None:
        state["measuring"] = True
        ticks.append(time.perf_counter())

    timer = QTimer()
    timer.setTimerType(Qt.TimerType.PreciseTimer)
    timer.setInterval(LAG_INTERVAL_MS)
    timer.timeout.connect(on_tick)
    controller.snapshot_shown.connect(on_snapshot)
    QTimer.singleShot(0, controller.play)
    QTimer.singleShot(round(warmup * 1000), start_measuring)
    QTimer.singleShot(round((warmup + seconds) * 1000), lambda: app.exit(0))
    timer.start()
    app.exec()
    timer.stop()
    controller.snapshot_shown.disconnect(on_snapshot)
    controller.pause()
    controller.shutdown()
    headless = headless_epochs_per_s(parts, engine, headless_s)
    close_window(parts)

    lags = [1000.0 * (b - a) - LAG_INTERVAL_MS for a, b in itertools.pairwise(ticks)]
    # The GUI thread's CPU time between two frames shown is what drawing one costs it.
    gui_ms = [1000.0 * (b[3] - a[3]) for a, b in itertools.pairwise(shown)]
    span = shown[-1][0] - shown[0][0] if len(shown) > 1 else 0.0
    fps = (len(shown) - 1) / span if span > 0 else 0.0
    epochs = (shown[-1][1] - shown[0][1]) / span if span > 0 else 0.0
    return Result(
        name=setup.key,
        seconds=seconds,
        fps=fps,
        live_epochs_per_s=epochs,
        headless_epochs_per_s=headless,
        live_over_headless=epochs / headless if headless > 0 else float("nan"),
        boundary=min((g for _, _, g, _ in shown), default=0),
        lag_p50_ms=percentile(lags, 50),
        lag_p99_ms=percentile(lags, 99),
        lag_max_ms=max(lags, default=float("nan")),
        gui_ms_per_frame_p50=percentile(gui_ms, 50),
        gui_ms_per_frame_p95=percentile(gui_ms, 95),
        engine=str(state["engine"]),
        epochs=shown[-1][1] if shown else 0,
        diverged=bool(state["diverged"]),
        lenses=lenses,
    )


def report(r: Result) -> str:
    """A small table: each figure next to its target."""
    setup = SETUPS[r.name]
    rows = [
        ("frames shown /s", f"{r.fps:.1f}", f">= {TARGET_FPS:g}", r.fps >= TARGET_FPS),
        ("live epochs /s", f"{r.live_epochs_per_s:.0f}", "", None),
        ("headless epochs /s", f"{r.headless_epochs_per_s:.0f}", "same process", None),
        ("live / headless", f"{r.live_over_headless:.2f}", f">= {TARGET_LIVE_OVER_HEADLESS:g}",
         r.live_over_headless >= TARGET_LIVE_OVER_HEADLESS),
        ("boundary grid", f"{r.boundary}x{r.boundary}", f">= {TARGET_GRID}x{TARGET_GRID}",
         r.boundary >= TARGET_GRID),
        ("event-loop lag p50", f"{r.lag_p50_ms:.1f} ms", "", None),
        ("event-loop lag p99", f"{r.lag_p99_ms:.1f} ms", f"<= {TARGET_LAG_P99_MS:g} ms",
         r.lag_p99_ms <= TARGET_LAG_P99_MS),
        ("GUI CPU per frame p50", f"{r.gui_ms_per_frame_p50:.1f} ms", f"<= {TARGET_GUI_MS:g} ms",
         r.gui_ms_per_frame_p50 <= TARGET_GUI_MS),
        ("GUI CPU per frame p95", f"{r.gui_ms_per_frame_p95:.1f} ms", "", None),
    ]  # fmt: skip
    lines = [f"{r.name}: {setup.description}, {r.engine} engine ({r.seconds:g} s measured)"]
    for name, value, target, ok in rows:
        mark = "" if ok is None else ("  ok" if ok else "  SHORT")
        lines.append(f"  {name:<22}{value:>12}   {target:<16}{mark}")
    if r.diverged:
        lines.append("  note: the run diverged during the measurement")
    return "\n".join(lines)


def machine() -> dict[str, object]:
    """What the figures were measured on."""
    import platform

    import numpy as np

    return {
        "cpus": os.cpu_count(),
        "machine": platform.machine(),
        "python": platform.python_version(),
        "numpy": np.__version__,
        "load_1min": os.getloadavg()[0] if hasattr(os, "getloadavg") else None,
    }


def _spin(stop: object) -> None:
    """Keep one core busy until ``stop`` (a multiprocessing Event) is set."""
    while not stop.is_set():  # type: ignore[attr-defined]
        for _ in range(100_000):
            pass


def measure(args: argparse.Namespace, keys: Sequence[str], busy: bool) -> list[Result]:
    """Run each setup; with ``busy``, beside a process spinning one core."""

    def each() -> list[Result]:
        return [
            run(
                SETUPS[k],
                args.seconds,
                args.warmup,
                args.engine,
                args.headless_seconds,
                args.compare,
                args.lenses,
            )
            for k in keys
        ]

    if not busy:
        return each()
    import multiprocessing

    ctx = multiprocessing.get_context("spawn")
    stop = ctx.Event()
    spinner = ctx.Process(target=_spin, args=(stop,), daemon=True)
    spinner.start()
    try:
        return each()
    finally:
        stop.set()
        spinner.join(5)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the bench on one setup and print the figures (or JSON)."""
    parser = argparse.ArgumentParser(prog="python -m playground.bench_live", description=__doc__)
    parser.add_argument("--seconds", type=float, default=8.0, help="measured time (default 8)")
    parser.add_argument("--warmup", type=float, default=2.0, help="unmeasured start (default 2)")
    parser.add_argument(
        "--setup", action="append", choices=list(SETUPS), help="this setup (repeatable; all)"
    )
    parser.add_argument(
        "--engine", choices=("auto", "compiled", "numpy"), default="auto", help="(auto)"
    )
    parser.add_argument(
        "--busy-core", action="store_true", help="again beside a process spinning one core"
    )
    parser.add_argument(
        "--headless-seconds",
        type=float,
        default=HEADLESS_SECONDS,
        help=f"headless training time per setup (default {HEADLESS_SECONDS:g})",
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument(
        "--compare",
        metavar="KEY=V1,V2",
        help="measure compare mode: the runs differ as in the window's --compare",
    )
    parser.add_argument(
        "--lenses",
        action="store_true",
        help="measure with every lens open as well (the views that start closed)",
    )
    parser.add_argument(
        "--soak",
        type=float,
        metavar="SECONDS",
        help="train this long and report memory and frame rate (see above)",
    )
    parser.add_argument(
        "--every",
        type=float,
        default=60.0,
        metavar="SECONDS",
        help="--soak report interval (default 60)",
    )
    args = parser.parse_args(argv)
    keys = args.setup or list(SETUPS)
    if args.soak is not None:
        from playground.bench_soak import soak, summary_line

        if args.soak <= 0 or args.every <= 0:
            parser.error("--soak and --every take a positive number of seconds")
        result = soak(SETUPS[keys[0]], args.soak, args.every, echo=not args.json)
        print(json.dumps(asdict(result)) if args.json else summary_line(result))
        return 0
    results = measure(args, keys, busy=False)
    busy = measure(args, keys, busy=True) if args.busy_core else []
    if args.json:
        out: dict[str, object] = {"machine": machine(), "setups": [asdict(r) for r in results]}
        if busy:
            out["busy_core"] = [asdict(r) for r in busy]
        print(json.dumps(out))
    else:
        print("\n\n".join(report(r) for r in results))
        for quiet, loaded in zip(results, busy, strict=False):
            ratio = loaded.live_epochs_per_s / quiet.live_epochs_per_s
            print(
                f"busy core, {loaded.name}: {loaded.live_epochs_per_s:.0f} live epochs/s, "
                f"{ratio:.0%} of quiet (target >= 50%), {loaded.fps:.1f} frames/s"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
