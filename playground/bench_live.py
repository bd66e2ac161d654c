"""Live GUI bench: ``python -m playground.bench_live [--seconds S] [--setup NAME] [--json]``.

``--soak SECONDS`` instead trains for that long with every plot live and reports,
each ``--every`` seconds (60), the process's resident memory, the frames and
epochs per second of that interval and the rows of history kept, then a summary
line: memory growth after the first interval and the spread of the frame rate.

Builds the real window (offscreen unless ``QT_QPA_PLATFORM`` says otherwise) at
1280x800, loads one of TensorFlow Playground's reference setups, presses Play and,
after a warm-up, measures what the user would see: snapshots shown per second, live
epochs per second, the boundary image's resolution and the GUI event loop's lag (the
lateness of a fast repeating timer). Each figure is printed next to the product target.
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

if TYPE_CHECKING:
    from playground.app.assembly import Assembly
    from playground.app.snapshot import Snapshot

#: Product targets: live epochs/s as a multiple of TensorFlow Playground's, frames per
#: second, boundary grid side, and the event loop's 99th-percentile lag.
TARGET_SPEEDUP = 10.0
TARGET_FPS = 30.0
TARGET_GRID = 200
TARGET_LAG_P99_MS = 20.0
LAG_INTERVAL_MS = 5
WINDOW_SIZE = (1280, 800)


@dataclass(frozen=True)
class Setup:
    """One of TensorFlow Playground's reference setups and its published epochs/s."""

    key: str
    description: str
    preset: str
    features: tuple[str, ...]
    hidden: tuple[int, ...]
    activation: str
    batch_size: int
    tf_epochs_per_s: float


SETUPS: dict[str, Setup] = {
    s.key: s
    for s in (
        Setup("default", "circle, 2-4-2-1 tanh, batch 10", "circle", ("x1", "x2"), (4, 2),
              "tanh", 10, 57.0),
        Setup("spiral_tanh", "spiral, x1 x2, 6x8 tanh, batch 10", "spiral", ("x1", "x2"),
              (8,) * 6, "tanh", 10, 15.0),
        Setup("spiral_relu", "spiral, x1 x2, 6x8 relu, batch 30", "spiral", ("x1", "x2"),
              (8,) * 6, "relu", 30, 17.0),
    )
}  # fmt: skip


@dataclass
class Result:
    """What one run measured."""

    setup: str
    seconds: float
    snapshots_per_s: float
    epochs_per_s: float
    tf_epochs_per_s: float
    ratio_to_tf: float
    grid: int
    lag_p50_ms: float
    lag_p99_ms: float
    lag_max_ms: float
    epochs: int
    diverged: bool


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0..100) by linear interpolation; NaN when empty."""
    if not values:
        return float("nan")
    data = sorted(values)
    pos = (len(data) - 1) * q / 100.0
    lo = int(pos)
    hi = min(lo + 1, len(data) - 1)
    return data[lo] + (data[hi] - data[lo]) * (pos - lo)


def open_window(setup: Setup) -> Assembly:
    """The real window at ``WINDOW_SIZE``, shown, on ``setup``'s data and network."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from playground.app.assembly import assemble
    from playground.app.launch import application
    from playground.core.presets import make_dataset

    application()
    parts = assemble(None)
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


def run(setup: Setup, seconds: float, warmup: float) -> Result:
    """Open the window on ``setup``, play, and measure for ``seconds`` after ``warmup``."""
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtWidgets import QApplication

    parts = open_window(setup)
    controller = parts.controller
    app = QApplication.instance()
    assert app is not None
    shown: list[tuple[float, int, int]] = []  # (time, epoch, grid side)
    ticks: list[float] = []
    state = {"measuring": False, "diverged": False}

    def on_snapshot(snap: Snapshot) -> None:
        if snap.diverged:
            state["diverged"] = True
        if state["measuring"]:
            grid = snap.probe.n if snap.probe is not None else 0
            shown.append((time.perf_counter(), snap.epoch, grid))

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
    close_window(parts)

    lags = [1000.0 * (b - a) - LAG_INTERVAL_MS for a, b in itertools.pairwise(ticks)]
    span = shown[-1][0] - shown[0][0] if len(shown) > 1 else 0.0
    fps = (len(shown) - 1) / span if span > 0 else 0.0
    epochs = (shown[-1][1] - shown[0][1]) / span if span > 0 else 0.0
    return Result(
        setup=setup.key,
        seconds=seconds,
        snapshots_per_s=fps,
        epochs_per_s=epochs,
        tf_epochs_per_s=setup.tf_epochs_per_s,
        ratio_to_tf=epochs / setup.tf_epochs_per_s,
        grid=min((g for _, _, g in shown), default=0),
        lag_p50_ms=percentile(lags, 50),
        lag_p99_ms=percentile(lags, 99),
        lag_max_ms=max(lags, default=float("nan")),
        epochs=shown[-1][1] if shown else 0,
        diverged=bool(state["diverged"]),
    )


def report(setup: Setup, r: Result) -> str:
    """A small table: each figure next to its target."""
    need = TARGET_SPEEDUP * setup.tf_epochs_per_s
    rows = [
        ("snapshots shown /s", f"{r.snapshots_per_s:.1f}", f">= {TARGET_FPS:g}",
         r.snapshots_per_s >= TARGET_FPS),
        ("live epochs /s", f"{r.epochs_per_s:.0f}", f">= {need:g}", r.epochs_per_s >= need),
        ("boundary grid", f"{r.grid}x{r.grid}", f">= {TARGET_GRID}x{TARGET_GRID}",
         r.grid >= TARGET_GRID),
        ("event-loop lag p50", f"{r.lag_p50_ms:.1f} ms", "", None),
        ("event-loop lag p99", f"{r.lag_p99_ms:.1f} ms", f"<= {TARGET_LAG_P99_MS:g} ms",
         r.lag_p99_ms <= TARGET_LAG_P99_MS),
        ("event-loop lag max", f"{r.lag_max_ms:.1f} ms", "", None),
    ]  # fmt: skip
    lines = [f"{setup.key}: {setup.description} ({r.seconds:g} s measured)"]
    for name, value, target, ok in rows:
        mark = "" if ok is None else ("  ok" if ok else "  SHORT")
        lines.append(f"  {name:<20}{value:>12}   {target:<16}{mark}")
    lines.append(
        f"  {r.ratio_to_tf:.1f}x TensorFlow Playground's {setup.tf_epochs_per_s:g} epochs/s "
        f"(published reference figure; target {TARGET_SPEEDUP:g}x)"
    )
    if r.diverged:
        lines.append("  note: the run diverged during the measurement")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the bench on one setup and print the figures (or JSON)."""
    parser = argparse.ArgumentParser(prog="python -m playground.bench_live", description=__doc__)
    parser.add_argument("--seconds", type=float, default=8.0, help="measured time (default 8)")
    parser.add_argument("--warmup", type=float, default=2.0, help="unmeasured start (default 2)")
    parser.add_argument("--setup", choices=list(SETUPS), default="default")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
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
    setup = SETUPS[args.setup]
    if args.soak is not None:
        from playground.bench_soak import soak, summary_line

        if args.soak <= 0 or args.every <= 0:
            parser.error("--soak and --every take a positive number of seconds")
        result = soak(setup, args.soak, args.every, echo=not args.json)
        print(json.dumps(asdict(result)) if args.json else summary_line(result))
        return 0
    result = run(setup, args.seconds, args.warmup)
    if args.json:
        print(json.dumps(asdict(result)))
    else:
        print(report(setup, result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
