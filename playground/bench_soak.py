"""Soak test of the live window: ``python -m playground.bench_live --soak SECONDS``.

Trains one of the bench setups with every view live (boundary, diagram, both
plots, status bar) and, every ``every`` seconds, records the process's resident
memory, the frames and epochs per second of that interval and the rows of loss
history the window keeps. A healthy run holds memory flat after the first
interval (the target is under 5 % growth) and keeps its frame rate steady.
"""

from __future__ import annotations

import os
import resource
import statistics
import sys
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playground.app.training.snapshot import Snapshot
    from playground.bench_setups import Setup

#: Most memory growth after the first interval that still counts as flat, in percent.
TARGET_RSS_GROWTH_PCT = 5.0


@dataclass(frozen=True)
class Interval:
    """One report interval: ends ``t`` seconds after Play."""

    t: float
    rss_mb: float
    fps: float
    epochs_per_s: float
    epoch: int
    history_rows: int
    timer_gap_s: float = float("nan")


@dataclass
class SoakResult:
    """Every interval and the summary figures."""

    setup: str
    seconds: float
    every: float
    intervals: list[Interval] = field(default_factory=list)
    rss_first_mb: float = float("nan")
    rss_last_mb: float = float("nan")
    rss_max_mb: float = float("nan")
    rss_growth_pct: float = float("nan")
    fps_min: float = float("nan")
    fps_median: float = float("nan")
    fps_max: float = float("nan")
    epochs: int = 0
    timer_gap_max_s: float = float("nan")
    diverged: bool = False


def rss_mb() -> float:
    """Resident memory of this process now (peak, where /proc is missing), in MiB."""
    try:
        with open("/proc/self/statm", encoding="ascii") as f:
            pages = int(f.read().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError, IndexError):
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak / 2**20 if sys.platform == "darwin" else peak / 2**10


def summarise(result: SoakResult) -> SoakResult:
    """Fill the summary fields from the intervals (growth is measured from the first one)."""
    rows = result.intervals
    if not rows:
        return result
    rss = [r.rss_mb for r in rows]
    fps = [r.fps for r in rows]
    result.rss_first_mb, result.rss_last_mb, result.rss_max_mb = rss[0], rss[-1], max(rss)
    result.rss_growth_pct = 100.0 * (max(rss) - rss[0]) / rss[0]
    result.fps_min, result.fps_median, result.fps_max = min(fps), statistics.median(fps), max(fps)
    result.epochs = rows[-1].epoch
    result.timer_gap_max_s = max(r.timer_gap_s for r in rows)
    return result


def interval_line(row: Interval) -> str:
    """One report line."""
    return (
        f"{row.t:7.0f} s  RSS {row.rss_mb:7.1f} MiB  {row.fps:5.1f} frames/s  "
        f"{row.epochs_per_s:6.0f} epochs/s  epoch {row.epoch:>8}  history {row.history_rows} rows  "
        f"1-s timer late by up to {max(row.timer_gap_s - 1.0, 0.0):.1f} s"
    )


def summary_line(result: SoakResult) -> str:
    """The closing line: memory growth after the first interval and the frame-rate spread."""
    ok = result.rss_growth_pct < TARGET_RSS_GROWTH_PCT
    note = " (diverged)" if result.diverged else ""
    return (
        f"soak {result.setup} {result.seconds:g} s{note}: RSS {result.rss_first_mb:.1f} -> "
        f"{result.rss_last_mb:.1f} MiB (max {result.rss_max_mb:.1f}), "
        f"+{result.rss_growth_pct:.1f} % after the first {result.every:g} s "
        f"(target < {TARGET_RSS_GROWTH_PCT:g} %: {'ok' if ok else 'OVER'}); "
        f"frames/s min {result.fps_min:.1f} median {result.fps_median:.1f} "
        f"max {result.fps_max:.1f}; {result.epochs} epochs; "
        f"longest wait of a 1-s timer {result.timer_gap_max_s:.1f} s"
    )


def soak(setup: Setup, seconds: float, every: float, echo: bool = True) -> SoakResult:
    """Train ``setup`` in the window for ``seconds``, recording an interval every ``every``.

    The intervals are cut when a snapshot is shown (or, should none come, on a
    1-second timer): a saturated event loop can hold timers back for minutes, and
    ``timer_gap_s`` records the longest wait of that timer in each interval.
    """
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from playground.bench_live import close_window, open_window

    parts = open_window(setup)
    controller = parts.controller
    app = QApplication.instance()
    assert app is not None
    result = SoakResult(setup=setup.key, seconds=seconds, every=every)
    state = {"frames": 0, "epoch": 0, "start": 0.0, "last_t": 0.0, "last_epoch": 0}
    ticks = {"last": 0.0, "gap": 0.0, "done": False}

    def report(now: float) -> None:
        span = now - state["last_t"]
        row = Interval(
            t=now - state["start"],
            rss_mb=rss_mb(),
            fps=state["frames"] / span,
            epochs_per_s=(state["epoch"] - state["last_epoch"]) / span,
            epoch=int(state["epoch"]),
            history_rows=len(controller.history),
            timer_gap_s=ticks["gap"],
        )
        result.intervals.append(row)
        state["frames"], state["last_t"], state["last_epoch"] = 0, now, state["epoch"]
        ticks["gap"] = 0.0
        if echo:
            print(interval_line(row), flush=True)

    def check() -> None:
        if ticks["done"] or not state["start"]:
            return  # finished, or not yet playing
        now = time.perf_counter()
        if now - state["start"] >= seconds:
            ticks["done"] = True
            report(now)
            app.exit(0)
        elif now - state["last_t"] >= every and seconds - (now - state["start"]) > every / 4:
            report(now)  # a last interval shorter than every / 4 joins this one

    def on_snapshot(snap: Snapshot) -> None:
        state["frames"] += 1
        state["epoch"] = snap.epoch
        result.diverged = result.diverged or bool(snap.diverged)
        check()

    def on_tick() -> None:
        now = time.perf_counter()
        ticks["gap"] = max(ticks["gap"], now - ticks["last"])
        ticks["last"] = now
        check()

    def start() -> None:
        state["start"] = state["last_t"] = ticks["last"] = time.perf_counter()
        controller.play()
        timer.start()

    timer = QTimer()
    timer.setInterval(1000)
    timer.timeout.connect(on_tick)
    controller.snapshot_shown.connect(on_snapshot)
    QTimer.singleShot(0, start)
    app.exec()
    timer.stop()
    controller.snapshot_shown.disconnect(on_snapshot)
    close_window(parts)
    return summarise(result)
