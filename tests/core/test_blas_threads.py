"""Importing the package keeps BLAS to one thread unless the user chose otherwise."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

pytest.importorskip("threadpoolctl")

PROBE = (
    "import playground, numpy, json, threadpoolctl\n"
    "print(json.dumps([p['num_threads'] for p in threadpoolctl.threadpool_info()"
    " if p.get('user_api') == 'blas']))"
)
VARIABLES = ("OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "OMP_NUM_THREADS")


def _blas_threads(**extra: str) -> list[int]:
    env = {k: v for k, v in os.environ.items() if k not in VARIABLES}
    env.update(extra)
    done = subprocess.run(
        [sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_blas_runs_on_one_thread_by_default() -> None:
    threads = _blas_threads()
    assert threads and all(n == 1 for n in threads)


def test_the_users_own_setting_wins() -> None:
    threads = _blas_threads(OPENBLAS_NUM_THREADS="2")
    assert threads and all(n == 2 for n in threads)
