"""The soak report's arithmetic, without a window."""

from __future__ import annotations

import math

from playground.bench_soak import Interval, SoakResult, rss_mb, summarise, summary_line


def row(t: float, rss: float, fps: float, epoch: int) -> Interval:
    return Interval(t=t, rss_mb=rss, fps=fps, epochs_per_s=100.0, epoch=epoch, history_rows=epoch)


def test_growth_is_measured_from_the_first_interval_to_the_highest() -> None:
    result = summarise(
        SoakResult("default", 180.0, 60.0, [row(60, 200.0, 30.0, 10), row(120, 212.0, 28.0, 20),
                                            row(180, 205.0, 31.0, 30)])
    )  # fmt: skip
    assert result.rss_first_mb == 200.0 and result.rss_last_mb == 205.0
    assert math.isclose(result.rss_growth_pct, 6.0)
    assert (result.fps_min, result.fps_median, result.fps_max) == (28.0, 30.0, 31.0)
    assert result.epochs == 30
    line = summary_line(result)
    assert "+6.0 % after the first 60 s" in line and "OVER" in line


def test_flat_memory_is_within_target() -> None:
    result = summarise(SoakResult("default", 120.0, 60.0, [row(60, 300.0, 30, 5),
                                                           row(120, 301.5, 30, 9)]))  # fmt: skip
    assert math.isclose(result.rss_growth_pct, 0.5)
    assert "(target < 5 %: ok)" in summary_line(result)


def test_an_empty_run_keeps_nan_figures() -> None:
    assert math.isnan(summarise(SoakResult("default", 1.0, 60.0)).rss_growth_pct)


def test_rss_is_this_process_size() -> None:
    before = rss_mb()
    block = bytearray(64 * 2**20)
    block[::4096] = b"x" * len(block[::4096])  # touch every page
    assert rss_mb() - before > 50
    del block
