"""``python -m playground.bench_live --soak`` runs the real window and reports each interval."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_soak_reports_every_interval_and_a_summary() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    command = [sys.executable, "-m", "playground.bench_live", "--soak", "2.5", "--every", "1"]
    done = subprocess.run(
        [*command, "--json"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    ends = [i["t"] for i in result["intervals"]]
    # One row a second and a last one at the end; a busy machine may run a report late,
    # so the rows are checked for order and coverage, not for exact times.
    assert 2 <= len(ends) <= 3 and ends == sorted(ends) and ends[-1] >= 2.4
    assert all(i["rss_mb"] > 50 and i["fps"] > 0 for i in result["intervals"])
    assert result["epochs"] > 0 and result["epochs"] == result["intervals"][-1]["epoch"]
    assert isinstance(result["rss_growth_pct"], float)


def test_soak_rejects_a_zero_duration() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "playground.bench_live", "--soak", "0"],
        cwd=ROOT, capture_output=True, text=True, timeout=30,
    )  # fmt: skip
    assert done.returncode == 2 and "positive" in done.stderr
