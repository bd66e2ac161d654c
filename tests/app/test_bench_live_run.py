"""``python -m playground.bench_live --json``: the real window, then the same setup headless."""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
KEYS = {
    "name", "seconds", "fps", "live_epochs_per_s", "headless_epochs_per_s",
    "live_over_headless", "boundary", "lag_p50_ms", "lag_p99_ms", "lag_max_ms",
    "gui_ms_per_frame_p50", "gui_ms_per_frame_p95", "engine", "epochs", "diverged", "lenses",
}  # fmt: skip


def test_json_report_has_every_figure_from_one_run() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    command = [
        sys.executable, "-m", "playground.bench_live", "--setup", "default", "--engine", "numpy",
        "--seconds", "3", "--warmup", "1", "--headless-seconds", "0.5", "--json", "--lenses",
    ]  # fmt: skip
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["machine"]["cpus"] >= 1 and report["machine"]["python"]
    (row,) = report["setups"]
    assert set(row) == KEYS and row["name"] == "default" and row["engine"] == "numpy"
    assert row["lenses"] is True  # every lens was open while it measured
    assert row["fps"] > 0 and row["live_epochs_per_s"] > 0 and row["headless_epochs_per_s"] > 0
    assert math.isclose(
        row["live_over_headless"], row["live_epochs_per_s"] / row["headless_epochs_per_s"]
    )
    assert row["boundary"] == 200 and row["gui_ms_per_frame_p95"] >= row["gui_ms_per_frame_p50"]
