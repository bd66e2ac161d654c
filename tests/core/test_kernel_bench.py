"""The bench's engine options: structure and sanity, never timings."""

from __future__ import annotations

import json
import math

import pytest

from playground import bench
from playground.bench_engines import busy_python_thread
from playground.bench_setups import SETUPS
from playground.core import kernel


def _positive(value: object) -> bool:
    return isinstance(value, float) and math.isfinite(value) and value > 0.0


def test_engine_table_has_both_engines_alone_and_busy(capsys: pytest.CaptureFixture[str]) -> None:
    assert bench.main(["--engines", "--json", "--repeat", "1", "--seconds", "0.01"]) == 0
    table = json.loads(capsys.readouterr().out)
    assert [row["name"] for row in table["setups"]] == [s.name for s in SETUPS.values()]
    engines = ("numpy", "compiled") if table["compiled"] else ("numpy",)
    assert table["compiled"] == kernel.warm_up()
    for row in table["setups"]:
        for engine in engines:
            assert _positive(row[f"{engine}_epochs_per_s"])
            assert _positive(row[f"{engine}_busy_epochs_per_s"])
    text = bench.format_engines(table, 0.01, 1)
    assert "busy" in text and SETUPS["default"].name in text


def test_compiled_engine_in_the_main_tables() -> None:
    report = bench.run(
        ["tiny"], repeat=1, seconds=0.01, sklearn=False, extras=False, engine="compiled"
    )
    expected = "compiled" if kernel.warm_up() else "numpy"
    assert report["settings"]["engine"] == expected
    assert (report["settings"]["engine_notice"] is None) == (expected == "compiled")
    assert _positive(report["configs"][0]["ours_steps_per_s"])
    assert expected in bench.format_report(report)


def test_a_busy_thread_runs_and_stops() -> None:
    with busy_python_thread():
        pass
    with busy_python_thread(active=False):
        pass
