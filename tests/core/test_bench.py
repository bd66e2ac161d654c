"""Smoke tests of the speed bench's machinery: structure and sanity, never timings."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest

from playground import bench
from playground.bench_engines import bench_live, bench_probe
from playground.bench_setups import two_class_data


def _positive(value: object) -> bool:
    return isinstance(value, float) and math.isfinite(value) and value > 0.0


def test_two_class_data_is_balanced_and_deterministic() -> None:
    for kind in ("circle", "spiral"):
        x, y = two_class_data(kind, 101)
        assert x.shape == (101, 2) and y.shape == (101,)
        assert set(np.unique(y)) == {0, 1}
        assert np.all(np.abs(x) <= 5.0 + 1e-9)
        np.testing.assert_array_equal(x, two_class_data(kind, 101)[0])


def test_ours_only_report_without_sklearn() -> None:
    report = bench.run(["tiny"], repeat=1, seconds=0.01, sklearn=False, extras=False)
    (row,) = report["configs"]
    assert row["name"] == "2-4-2-1 tanh b10"
    assert _positive(row["ours_steps_per_s"])
    assert row["sklearn_steps_per_s"] is None and row["ratio"] is None and row["passed"] is None
    assert _positive(row["ours_with_eval_steps_per_s"]) and row["ratio_with_eval"] is None
    assert "not installed" in bench.format_report(report) or "n/a" in bench.format_report(report)


def test_probe_and_live_tables() -> None:
    probe = bench_probe(1)
    assert _positive(probe["ms_with_neuron_maps"]) and _positive(probe["ms_output_only"])
    live = bench_live(1, 0.01)
    assert [r["name"].split()[0] for r in live] == ["circle", "spiral", "spiral"]
    for row in live:
        assert _positive(row["ours_epochs_per_s"]) and _positive(row["ours_live_epochs_per_s"])
        assert "ratio" not in row and "reference_epochs_per_s" not in row  # none from elsewhere


def test_json_cli_against_sklearn(capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("sklearn")
    code = bench.main(["--json", "--quick", "--seconds", "0.02", "--config", "tiny"])
    assert code == 0
    report = json.loads(capsys.readouterr().out)
    assert {"python", "numpy", "sklearn"} <= set(report["machine"])
    assert report["machine"]["sklearn"]
    (row,) = report["configs"]
    for key in ("ours_steps_per_s", "sklearn_steps_per_s", "ratio", "ratio_with_eval"):
        assert _positive(row[key]), key
    assert row["passed"] in (True, False)
    assert {"probe", "live"} <= set(report)


def test_text_report_has_every_table(capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("sklearn")
    bench.main(["--quick", "--seconds", "0.02", "--config", "tiny", "--no-extras"])
    out = capsys.readouterr().out
    assert "2-4-2-1 tanh b10" in out and ("PASS" in out or "FAIL" in out)
    assert "+eval" in out
