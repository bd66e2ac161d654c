"""``python -m playground.bench_start --json``: fresh processes timed to their first frame."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_each_run_is_a_fresh_process_timed_to_its_first_frame() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    command = [sys.executable, "-m", "playground.bench_start", "--runs", "2", "--engine", "numpy"]
    done = subprocess.run(
        [*command, "--json"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["engine"] == "numpy" and len(report["first_frame_s"]) == 2
    assert all(t > 0 for t in report["first_frame_s"])
    assert min(report["first_frame_s"]) <= report["median_s"] <= max(report["first_frame_s"])
