"""Tests of reading and writing datasets as CSV files."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import numpy as np
import pytest

from playground.core.dataset_csv import CsvError, load_csv, save_csv
from playground.core.datasets import Dataset
from playground.core.presets import make_dataset


def _write(tmp_path: Path, text: str, name: str = "data.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return path


def _assert_same(loaded: Dataset, original: Dataset) -> None:
    np.testing.assert_array_equal(loaded.x, original.x)
    np.testing.assert_array_equal(loaded.y, original.y)
    np.testing.assert_array_equal(loaded.is_test, original.is_test)
    assert loaded.y.dtype == original.y.dtype
    assert (loaded.task, loaded.n_classes) == (original.task, original.n_classes)


# ------------------------------------------------------------------ round trips


@pytest.mark.parametrize(
    ("name", "options"),
    [("xor", {}), ("spiral", {"arms": 5}), ("plane", {}), ("multi_gaussian", {})],
)
def test_round_trip_is_exact(tmp_path: Path, name: str, options: dict[str, int]) -> None:
    original = make_dataset(name, n_points=97, noise=0.4, seed=3, test_ratio=0.3, **options)
    path = tmp_path / "set.csv"
    save_csv(original, path)
    _assert_same(load_csv(path), original)
    header = path.read_text(encoding="utf-8").splitlines()[0]
    assert header == (
        "x1,x2,target,split" if name in ("plane", "multi_gaussian") else "x1,x2,label,split"
    )


def test_round_trip_of_awkward_floats(tmp_path: Path) -> None:
    x = [[0.1, -0.0], [1e-300, -123456.789e10], [np.nextafter(1.0, 2.0), 5e-324]]
    original = Dataset(
        np.array(x), np.array([1 / 3, -2.5e-8, 7.0]), np.array([1, 0, 1]), "regression", 1
    )
    save_csv(original, tmp_path / "f.csv")
    _assert_same(load_csv(tmp_path / "f.csv"), original)


def test_save_overwrites_atomically_and_leaves_no_temporary(tmp_path: Path) -> None:
    path = _write(tmp_path, "old content\n")
    os.chmod(path, 0o640)
    save_csv(make_dataset("circle", n_points=10), path)
    assert path.read_text(encoding="utf-8").startswith("x1,x2,label,split\n")
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["data.csv"]


def test_failed_save_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _write(tmp_path, "x1,x2,label\n1,2,0\n")

    def broken_replace(source: str, target: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError, match="disk full"):
        save_csv(make_dataset("circle", n_points=10), path)
    assert path.read_text(encoding="utf-8") == "x1,x2,label\n1,2,0\n"
    assert [p.name for p in tmp_path.iterdir()] == ["data.csv"]


def test_save_refuses_an_empty_dataset(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="empty"):
        save_csv(Dataset.empty(), tmp_path / "e.csv")
    assert not (tmp_path / "e.csv").exists()


# ------------------------------------------------------------------ reading


def test_columns_in_any_order_without_split(tmp_path: Path) -> None:
    path = _write(tmp_path, "\ufeffLabel , x2,X1\r\n1,2.5,-1\r\n\r\n0, 4 ,3e0\r\n")
    data = load_csv(path)
    np.testing.assert_array_equal(data.x, [[-1.0, 2.5], [3.0, 4.0]])
    np.testing.assert_array_equal(data.y, [1, 0])
    assert not data.is_test.any()
    assert (data.task, data.n_classes) == ("binary", 2)


def test_split_column_is_read(tmp_path: Path) -> None:
    path = _write(tmp_path, "split,x1,x2,label\ntest,0,0,0\nTRAIN,1,1,1\n test ,2,2,1\n")
    np.testing.assert_array_equal(load_csv(path).is_test, [True, False, True])


def test_task_follows_the_data(tmp_path: Path) -> None:
    multi = load_csv(_write(tmp_path, "x1,x2,label\n0,0,0\n1,1,4\n2,2,1.0\n"))
    assert (multi.task, multi.n_classes) == ("multiclass", 5)
    np.testing.assert_array_equal(multi.y, [0, 4, 1])
    single = load_csv(_write(tmp_path, "x1,x2,label\n0,0,0\n"))
    assert (single.task, single.n_classes) == ("binary", 2)
    targets = load_csv(_write(tmp_path, "x1,x2,target\n0,0,1\n1,1,0\n"))
    assert (targets.task, targets.n_classes) == ("regression", 1)
    assert targets.y.dtype == np.float64


def test_task_override(tmp_path: Path) -> None:
    labels = _write(tmp_path, "x1,x2,label\n0,0,0\n1,1,1\n2,2,1\n")
    regression = load_csv(labels, task="regression")
    assert regression.task == "regression" and regression.y.dtype == np.float64
    np.testing.assert_array_equal(regression.y, [0.0, 1.0, 1.0])
    multi = load_csv(labels, task="multiclass")
    assert (multi.task, multi.n_classes) == ("multiclass", 2)
    whole_targets = _write(tmp_path, "x1,x2,target\n0,0,2\n1,1,0\n", "t.csv")
    forced = load_csv(whole_targets, task="multiclass")
    assert (forced.task, forced.n_classes) == ("multiclass", 3)
    assert forced.y.dtype == np.int64
    with pytest.raises(ValueError, match="unknown task"):
        load_csv(labels, task="ranking")


# ------------------------------------------------------------------ malformed files


@pytest.mark.parametrize(
    ("text", "task", "line", "message"),
    [
        ("", None, 1, "empty"),
        ("\n\n", None, 1, "empty"),
        ("x1,x2,label\n", None, 2, "no data rows"),
        ("x1,x2,label\n\n\n", None, 2, "no data rows"),
        ("x1,label\n1,0\n", None, 1, "missing column x2"),
        ("x1,x2\n1,0\n", None, 1, "missing column label or target"),
        ("x1,x2,label,target\n1,0,1,1\n", None, 1, "both label and target"),
        ("x1,x2,label,colour\n1,0,1,red\n", None, 1, "unknown column 'colour'"),
        ("x1,x2,label,x1\n1,0,1,1\n", None, 1, "'x1' appears twice"),
        ("1.0,2.0,1\n3.0,4.0,0\n", None, 1, "unknown column"),
        ("x1;x2;label\n1;2;0\n", None, 1, "separated by commas"),
        ("x1,x2,label\n1,2,0\n3,4\n", None, 3, "expected 3 values, found 2"),
        ("x1,x2,label\n1,2,0\n3,4,1,5\n", None, 3, "expected 3 values, found 4"),
        ("x1,x2,label\n1,2,0\n\n3,abc,1\n", None, 4, "x2 value 'abc' is not a number"),
        ("x1,x2,label\n,2,0\n", None, 2, "x1 value is missing"),
        ("x1,x2,target\n1,2,0.5\n1,2,nan\n", None, 3, "target value 'nan' is not a finite"),
        ("x1,x2,label\n1,2,0\n1,2,1\n-inf,2,0\n", None, 4, "x1 value '-inf' is not a finite"),
        ("x1,x2,label\n1,2,0\n1,2,1.5\n", None, 3, "not a whole class index"),
        ("x1,x2,label\n1,2,0\n1,2,8\n", None, 3, "at most 8 classes"),
        ("x1,x2,label\n1,2,-1\n", None, 2, "out of range"),
        ("x1,x2,label\n1,2,0\n1,2,1\n1,2,2\n", "binary", 4, "does not fit the binary task"),
        ("x1,x2,target\n1,2,0\n1,2,0.25\n", "binary", 3, "not a whole class index"),
        ("x1,x2,label,split\n1,2,0,train\n1,2,0,valid\n", None, 3, "neither train nor test"),
    ],
)
def test_malformed_files_name_the_line(
    tmp_path: Path, text: str, task: str | None, line: int, message: str
) -> None:
    with pytest.raises(CsvError, match=message) as caught:
        load_csv(_write(tmp_path, text), task=task)
    assert caught.value.line == line
    assert str(caught.value).startswith(f"line {line}: ")


def test_csv_error_is_a_value_error() -> None:
    assert issubclass(CsvError, ValueError)


def test_quoted_field_spanning_lines_counts_physical_lines(tmp_path: Path) -> None:
    path = _write(tmp_path, 'x1,x2,label\n1,2,"0\n"\n3,oops,1\n')
    with pytest.raises(CsvError, match="oops") as caught:
        load_csv(path)
    assert caught.value.line == 4


def test_binary_garbage_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "image.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\xff\xfe\x00")
    with pytest.raises(CsvError, match="UTF-8"):
        load_csv(path)


def test_missing_file_raises_os_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        load_csv(tmp_path / "nope.csv")


@pytest.mark.parametrize(
    ("header", "row", "message"),
    [
        (",".join(f"c{i}" for i in range(100_000)), "", "unknown column 'c0', 'c1', 'c2' and "),
        ("x1,x2,label," + "u" * 100_000, "", r"unknown column 'uuu+\.\.\. in the header"),
        ("x1,x2,label", "1,2," + "7" * 100_000, r"label value '777+\.\.\. is not a finite"),
        ("x1,x2,label", "1,2," + "7" * 300, r"label '777+\.\.\. is out of range"),
        ("x1,x2,label", "1," + "z" * 100_000 + ",0", r"x2 value 'zzz+\.\.\. is not a number"),
        ("x1,x2,label,split", "1,2,0," + "q" * 100_000, r"split value 'qqq+\.\.\. is neither"),
    ],
)
def test_long_bad_values_are_cut_in_messages(
    tmp_path: Path, header: str, row: str, message: str
) -> None:
    with pytest.raises(CsvError, match=message) as caught:
        load_csv(_write(tmp_path, f"{header}\n{row}\n"))
    assert len(str(caught.value)) <= 300


def test_a_header_of_many_repeated_columns_is_refused_at_once(tmp_path: Path) -> None:
    path = _write(tmp_path, ",".join(["x1"] * 200_000) + "\n")
    with pytest.raises(CsvError, match="'x1' appears twice"):
        load_csv(path)  # in linear time: a quadratic check would take minutes


def test_an_endless_line_is_refused_without_reading_it_whole(tmp_path: Path) -> None:
    import tracemalloc

    path = _write(tmp_path, "x1,x2,label\n0,0,0\n" + "," * 5_000_000 + "\n")
    tracemalloc.start()
    try:
        with pytest.raises(CsvError, match="longer than 1,000,000 characters") as caught:
            load_csv(path)
        assert tracemalloc.get_traced_memory()[1] < 30 * 2**20  # the fields would take 300 MB
    finally:
        tracemalloc.stop()
    assert caught.value.line == 3
