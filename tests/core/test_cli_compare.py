"""``train --compare``: a JSON line per run, each equal to a separate ``train`` with its setting."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from playground.cli import run_cli
from playground.cli_train import run_path
from playground.core.compare import COMPARE_KEYS, parse_compare
from playground.core.dataset_csv import save_csv
from playground.core.files import load_weights
from playground.core.presets import make_dataset

ROOT = Path(__file__).resolve().parents[2]
FIELDS = [
    "run",
    "epochs",
    "metric",
    "train_loss",
    "test_loss",
    "train_accuracy",
    "test_accuracy",
    "grad_norms",
    "diverged",
]
#: What every run of a comparison shares here.
SHARED = ["--dataset", "spiral", "--points", "120", "--noise", "0.1", "--seed", "3"]
SHARED += ["--hidden", "6,4", "--epochs", "8", "--optimizer", "momentum", "--test-ratio", "0.3"]

#: Per key: a comparison, the option a separate ``train`` takes for it and each run's value.
SEPARATE: dict[str, tuple[str, str, list[str]]] = {
    "activation": ("activation=sigmoid,relu", "--activation", ["sigmoid", "relu"]),
    "init": ("init=zeros,he_normal", "--init", ["zeros", "he_normal"]),
    "lr": ("lr=0.03,3", "--lr", ["0.03", "3"]),
    "optimizer": ("optimizer=sgd,adam", "--optimizer", ["sgd", "adam"]),
    "hidden": ("hidden=8x8/4/none", "--hidden", ["8,8", "4", ""]),
    "features": ("features=x1,x2/sin_x1,x2", "--features", ["x1,x2", "sin_x1,x2"]),
    "l1": ("l1=0,0.01", "--l1", ["0", "0.01"]),
    "l2": ("l2=0.001,0.1", "--l2", ["0.001", "0.1"]),
    "batch": ("batch=1,7,1000", "--batch", ["1", "7", "1000"]),
    "momentum": ("momentum=0,0.5,0.99", "--momentum", ["0", "0.5", "0.99"]),
    "bias_init": ("bias_init=0,0.1,-1,2", "--bias-init", ["0", "0.1", "-1", "2"]),
}


def _lines(capsys: pytest.CaptureFixture[str], *args: str) -> list[dict[str, Any]]:
    assert run_cli(["train", *args]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    return [json.loads(line) for line in out.splitlines()]


def _error(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert run_cli(["train", *args]) == 2, args
    out, err = capsys.readouterr()
    assert out == "" and err.startswith("error: ") and err.count("\n") == 1, (args, err)
    return err


def test_every_run_equals_a_separate_train_with_its_setting(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # seed is the one key whose separate run differs in its data: see the next test
    assert set(SEPARATE) == set(COMPARE_KEYS) - {"seed"}
    for key, (spec, flag, values) in SEPARATE.items():
        runs = _lines(capsys, *SHARED, "--compare", spec)
        assert [run["run"] for run in runs] == list(parse_compare(spec).labels()), key
        assert all(list(run) == FIELDS for run in runs), key
        for run, value in zip(runs, values, strict=True):
            (alone,) = _lines(capsys, *SHARED, flag, value)
            assert {k: v for k, v in run.items() if k != "run"} == alone, (key, value)
        assert len({json.dumps(run["grad_norms"]) for run in runs}) == len(runs), key


def test_runs_can_differ_in_several_settings_at_once(capsys: pytest.CaptureFixture[str]) -> None:
    # --compare once per setting: run i takes value i of each (sigmoid + Xavier, ReLU + He)
    specs = ("activation=sigmoid,relu", "init=xavier_normal,he_normal", "lr=0.3,0.3")
    args = [arg for spec in specs for arg in ("--compare", spec)]
    runs = _lines(capsys, *SHARED, *args)
    assert [run["run"] for run in runs] == [
        "activation=sigmoid, init=xavier_normal, lr=0.3",  # one setting may repeat a value
        "activation=relu, init=he_normal, lr=0.3",
    ]
    for run, (activation, init, lr) in zip(
        runs, (("sigmoid", "xavier_normal", "0.3"), ("relu", "he_normal", "0.3")), strict=True
    ):
        (alone,) = _lines(capsys, *SHARED, "--activation", activation, "--init", init, "--lr", lr)
        assert {k: v for k, v in run.items() if k != "run"} == alone, run["run"]


def test_a_seed_comparison_keeps_the_data_and_varies_weights_and_shuffle(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # A file's own split column fixes the data, so a separate train with another
    # --seed sees the same points: only the weights and the shuffle differ.
    path = tmp_path / "moons.csv"
    save_csv(make_dataset("moons", 80, 0.2, 1, 0.25), path)
    common = ["--data", str(path), "--hidden", "5", "--epochs", "6", "--seed", "1"]
    runs = _lines(capsys, *common, "--compare", "seed=0,7")
    assert [run["run"] for run in runs] == ["seed=0", "seed=7"]
    for run, seed in zip(runs, ("0", "7")):
        (alone,) = _lines(capsys, *common, "--seed", seed)
        assert {k: v for k, v in run.items() if k != "run"} == alone
    assert runs[0]["train_loss"] != runs[1]["train_loss"]


def test_a_run_that_diverges_says_so_and_the_others_go_on(
    capsys: pytest.CaptureFixture[str],
) -> None:
    args = ["--dataset", "plane", "--hidden", "8", "--activation", "relu", "--epochs", "15"]
    calm, wild, slow = _lines(capsys, *args, "--compare", "lr=0.01,1000,0.001")
    assert "diverged at epoch" in wild["diverged"] and wild["epochs"] < 15
    assert calm["diverged"] is slow["diverged"] is None
    assert calm["epochs"] == slow["epochs"] == 15
    (alone,) = _lines(capsys, *args, "--lr", "0.001")
    assert {k: v for k, v in slow.items() if k != "run"} == alone


def test_save_writes_one_file_per_run_named_by_its_label(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    args = ["--dataset", "xor", "--hidden", "3", "--epochs", "4"]
    runs = _lines(capsys, *args, "--compare", "lr=0.03,3", "--save", str(tmp_path / "w.npz"))
    assert len(runs) == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["w-lr=0.03.npz", "w-lr=3.npz"]
    for rate in ("0.03", "3"):
        _lines(capsys, *args, "--lr", rate, "--save", str(tmp_path / "alone.json"))
        alone, run = (
            load_weights(tmp_path / "alone.json"),
            load_weights(tmp_path / f"w-lr={rate}.npz"),
        )
        np.testing.assert_array_equal(run.model.network.params, alone.model.network.params)
        assert (run.epoch, run.train_config) == (alone.epoch, alone.train_config)


def test_run_file_names_keep_the_label_readable_and_safe() -> None:
    assert run_path("out/w.npz", "hidden=8x8") == Path("out/w-hidden=8x8.npz")
    assert run_path("w.json", "features=x1,x1^2") == Path("w-features=x1,x1^2.json")
    assert run_path("w.npz", "features=x1, x2*") == Path("w-features=x1,_x2_.npz")


def test_bad_comparisons_give_one_error_line(capsys: pytest.CaptureFixture[str]) -> None:
    base = ["--dataset", "circle", "--epochs", "1"]
    for args, message in (
        (["--compare", "colour=red,blue"], "cannot compare 'colour'; choose from activation,"),
        (["--compare", "lr=0.1"], "needs 2 to 4 values, got 1"),
        (["--compare", "lr=1,2,3,4,5"], "needs 2 to 4 values, got 5"),
        (["--compare", "lr=0.1,0.10"], "are the same setting"),
        (["--compare", "lr=-1,1"], "compare lr=-1: learning rate must be in (0, 1000]"),
        (["--compare", "activation=swish,relu"], "unknown activation 'swish'; choose from"),
        (["--compare", "init=zeros,nope"], "unknown initialiser 'nope'; choose from zeros"),
        (["--compare", "hidden=8,4"], "hidden=V1/V2"),
        (["--compare", "lr"], "KEY=V1,V2[,V3,V4]"),
        (["--hidden", "", "--compare", "activation=relu,tanh"], "no hidden layer"),
        (["--compare", "momentum=0.5,0.9"], "sgd optimizer does not use momentum"),
        (["--activation", "relu,tanh", "--compare", "hidden=3/3,3,3"], "different activations"),
        (["--compare", "lr=1,2", "--compare", "seed=1,2,3"], "seed has 3 values but lr has 2"),
        (["--compare", "lr=1,2", "--compare", "lr=3,4"], "names each setting once"),
        (["--compare", "lr=1,1", "--compare", "seed=2,2"], "are the same settings"),
        (["--compare", "lr=1,2", "--save", "w.txt"], ".npz or .json"),
    ):
        assert message in _error(capsys, *base, *args), args
    # a value that one run refuses is refused with the same reason, after its key and value
    for spec, option in (
        ("hidden=4/2000", ["--hidden", "2000"]),
        ("lr=0.1,2000", ["--lr", "2000"]),
        ("batch=1,0", ["--batch", "0"]),
        ("l1=-1,0", ["--l1", "-1"]),
        ("features=x1,x1/x2", ["--features", "x1,x1"]),
    ):
        alone = _error(capsys, *base, *option).removeprefix("error: ")
        value = spec.split("=", 1)[0] + "=" + option[1]
        assert _error(capsys, *base, "--compare", spec) == f"error: compare {value}: {alone}"


def test_help_describes_compare_and_its_save_files(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_cli(["train", "--help"]) == 0
    text = " ".join(capsys.readouterr().out.split())
    assert "--compare KEY=V1,V2[,V3,V4]" in text and "hidden=8x8/4" in text
    assert "one file per run" in text and "w-lr=3.npz" in text
    assert all(key in text for key in COMPARE_KEYS)


def test_compare_with_the_compiled_engine_in_a_real_process() -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    args = [sys.executable, str(ROOT / "main.py"), "train", "--dataset", "moons", "--epochs", "5"]
    args += ["--hidden", "6", "--engine", "compiled"]

    def lines(*extra: str) -> list[dict[str, Any]]:
        done = subprocess.run(
            [*args, *extra], capture_output=True, text=True, env=env, timeout=180, check=False
        )
        assert done.returncode == 0, done.stderr
        return [json.loads(line) for line in done.stdout.splitlines()]

    runs = lines("--compare", "activation=tanh,relu")
    assert [run["run"] for run in runs] == ["activation=tanh", "activation=relu"]
    for run, name in zip(runs, ("tanh", "relu")):
        (alone,) = lines("--activation", name)
        assert {k: v for k, v in run.items() if k != "run"} == alone
