"""The headless command line: ``train`` and ``predict`` through run_cli and through main.py."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from playground.cli import CliError, parse_activations, parse_hidden, run_cli
from playground.core.config import ModelConfig
from playground.core.dataset_csv import save_csv
from playground.core.files import load_weights
from playground.core.model import Model
from playground.core.presets import make_dataset

ROOT = Path(__file__).resolve().parents[2]
KEYS = {
    "epochs",
    "metric",
    "train_loss",
    "test_loss",
    "train_accuracy",
    "test_accuracy",
    "grad_norms",
    "diverged",
}


def train(capsys: pytest.CaptureFixture[str], *args: str) -> dict:
    assert run_cli(["train", *args]) == 0
    out, err = capsys.readouterr()
    assert err == "" and out.count("\n") == 1
    summary = json.loads(out)
    assert set(summary) == KEYS
    return summary


def test_train_preset_prints_one_json_line(capsys: pytest.CaptureFixture[str]) -> None:
    summary = train(
        capsys, "--dataset", "gaussian", "--hidden", "4", "--epochs", "20", "--seed", "3"
    )
    assert summary["epochs"] == 20 and summary["metric"] == "accuracy"
    assert summary["train_accuracy"] >= 0.95 and summary["test_accuracy"] >= 0.9
    assert 0.0 < summary["train_loss"] < 0.4 and summary["diverged"] is None
    assert len(summary["grad_norms"]) == 2 and all(g > 0 for g in summary["grad_norms"])


def test_train_is_reproducible_and_options_reach_the_model(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    args = ["--dataset", "spiral", "--option", "arms=3", "--points", "90", "--noise", "0.1"]
    args += ["--hidden", "6,5", "--activation", "relu,sigmoid", "--features", "x1,x2,sin_x1"]
    args += ["--optimizer", "momentum", "--nesterov", "--momentum", "0.5", "--lr", "0.05"]
    args += ["--batch", "16", "--l2", "0.001", "--init", "he_uniform", "--bias-init", "0.1"]
    args += ["--epochs", "4", "--test-ratio", "0.2", "--save", str(tmp_path / "w.json")]
    first = train(capsys, *args)
    assert first == train(capsys, *args)
    loaded = load_weights(tmp_path / "w.json")
    config = loaded.model.config
    assert (config.task, config.n_classes, config.loss) == ("multiclass", 3, "cross_entropy")
    assert (config.hidden, config.activations) == ((6, 5), ("relu", "sigmoid"))
    assert (config.features, config.init, config.bias_init) == (
        ("x1", "x2", "sin_x1"),
        "he_uniform",
        0.1,
    )
    tc = loaded.train_config
    assert tc is not None and (tc.optimizer, tc.nesterov, tc.momentum, tc.batch_size) == (
        "momentum",
        True,
        0.5,
        16,
    )
    assert (tc.learning_rate, tc.l2, loaded.epoch) == (0.05, 0.001, 4)


def test_regression_reports_r2_and_no_hidden_layer(capsys: pytest.CaptureFixture[str]) -> None:
    summary = train(capsys, "--dataset", "plane", "--hidden", "", "--epochs", "30", "--lr", "0.01")
    assert summary["metric"] == "r2" and summary["train_accuracy"] > 0.9
    assert len(summary["grad_norms"]) == 1


def test_output_picks_the_loss_and_divergence_is_reported(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    train(
        capsys,
        "--dataset",
        "circle",
        "--output",
        "tanh",
        "--epochs",
        "1",
        "--save",
        str(tmp_path / "w.npz"),
    )
    assert load_weights(tmp_path / "w.npz").model.config.loss == "tanh_mse"
    summary = train(
        capsys,
        "--dataset",
        "plane",
        "--hidden",
        "8",
        "--activation",
        "relu",
        "--lr",
        "1000",
        "--epochs",
        "50",
    )
    assert summary["diverged"] is not None and "diverged at epoch" in summary["diverged"]
    assert summary["epochs"] < 50


def test_zero_epochs_saves_the_initial_weights(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "init.npz"
    summary = train(
        capsys,
        "--dataset",
        "xor",
        "--epochs",
        "0",
        "--seed",
        "5",
        "--hidden",
        "3",
        "--save",
        str(path),
    )
    assert summary["epochs"] == 0 and len(summary["grad_norms"]) == 2
    data = make_dataset("xor", 200, 0.0, 5, 0.5)
    expected = Model.build(ModelConfig(hidden=(3,), activations=("tanh",), seed=5), data.train_x)
    loaded = load_weights(path)
    np.testing.assert_array_equal(loaded.model.network.params, expected.network.params)
    np.testing.assert_array_equal(loaded.model.features.offset, expected.features.offset)
    assert loaded.epoch == 0


def _csv_rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def test_csv_data_then_predict(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    data = make_dataset("spiral", 120, 0.0, 2, 0.0, arms=4)
    save_csv(data, tmp_path / "train.csv")
    save_csv(make_dataset("spiral", 40, 0.0, 9, 0.0, arms=4), tmp_path / "test.csv")
    weights = tmp_path / "w.npz"
    summary = train(
        capsys,
        "--data",
        str(tmp_path / "train.csv"),
        "--test-data",
        str(tmp_path / "test.csv"),
        "--hidden",
        "8",
        "--epochs",
        "5",
        "--save",
        str(weights),
    )
    assert summary["test_loss"] is not None
    (tmp_path / "points.csv").write_text("label,x2,x1\n1,0.5,1.5\n\n0,-2,3\n")
    assert (
        run_cli(["predict", "--weights", str(weights), "--data", str(tmp_path / "points.csv")]) == 0
    )
    out, err = capsys.readouterr()
    rows = _csv_rows(out)
    assert err == "" and rows[0] == ["x1", "x2", "class", "p0", "p1", "p2", "p3"] and len(rows) == 3
    model = load_weights(weights).model
    points = np.array([[1.5, 0.5], [3.0, -2.0]])
    values = np.array([[float(v) for v in row] for row in rows[1:]])
    np.testing.assert_array_equal(values[:, :2], points)
    np.testing.assert_array_equal(values[:, 2], model.predict(points))
    np.testing.assert_allclose(values[:, 3:], model.predict_proba(points), rtol=0, atol=1e-15)
    np.testing.assert_allclose(values[:, 3:].sum(axis=1), 1.0)


def test_predict_regression_and_binary(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "p.csv").write_text("x1,x2\n0,0\n1,-1\n")
    for preset, header in (
        ("plane", ["x1", "x2", "value"]),
        ("moons", ["x1", "x2", "class", "p0", "p1"]),
    ):
        train(capsys, "--dataset", preset, "--epochs", "2", "--save", str(tmp_path / "w.json"))
        assert (
            run_cli(
                [
                    "predict",
                    "--weights",
                    str(tmp_path / "w.json"),
                    "--data",
                    str(tmp_path / "p.csv"),
                ]
            )
            == 0
        )
        rows = _csv_rows(capsys.readouterr().out)
        assert rows[0] == header and len(rows) == 3
        model = load_weights(tmp_path / "w.json").model
        x = np.array([[0.0, 0.0], [1.0, -1.0]])
        expected = model.predict_proba(x) if model.is_classifier else model.predict(x)[:, None]
        np.testing.assert_allclose(
            np.array(rows[1:], float)[:, -expected.shape[1] :], expected, 0, 1e-15
        )


def bad_cases(tmp: Path) -> list[tuple[list[str], str]]:
    (tmp / "one.csv").write_text("x1,x2,label\n0,0,1\n1,1,1\n")
    (tmp / "header.csv").write_text("x1,x2,label\n")
    (tmp / "pts.csv").write_text("x1,x2\n1,abc\n")
    (tmp / "w.npz").write_bytes(b"PK\x03\x04 broken")
    return [
        ([], "required"),
        (["train"], "one of the arguments --dataset --data is required"),
        (["train", "--dataset", "nope"], "invalid choice"),
        (["train", "--dataset", "circle", "--hidden", "8,x"], "--hidden"),
        (
            ["train", "--dataset", "circle", "--hidden", "8", "--activation", "relu,tanh"],
            "2 names for 1",
        ),
        (["train", "--dataset", "circle", "--activation", "swish"], "unknown activation"),
        (["train", "--dataset", "circle", "--lr", "-1"], "learning rate"),
        (["train", "--dataset", "circle", "--lr", "inf"], "invalid number"),
        (["train", "--dataset", "circle", "--batch", "0"], "batch size"),
        (["train", "--dataset", "circle", "--epochs", "-1"], "--epochs"),
        (["train", "--dataset", "circle", "--features", "x1,x3"], "unknown feature"),
        (["train", "--dataset", "circle", "--loss", "mse"], "does not fit a binary task"),
        (["train", "--dataset", "circle", "--output", "softmax"], "does not fit a binary task"),
        (
            ["train", "--dataset", "circle", "--output", "tanh", "--loss", "binary_cross_entropy"],
            "sigmoid output",
        ),
        (["train", "--dataset", "circle", "--save", "w.txt"], ".npz or .json"),
        (["train", "--dataset", "circle", "--option", "arms=3"], "no option 'arms'"),
        (["train", "--dataset", "circle", "--points", "0"], "training set is empty"),
        (["train", "--dataset", "circle", "--test-data", "x.csv"], "--test-data goes with --data"),
        (["train", "--data", str(tmp / "one.csv")], "single class"),
        (["train", "--data", str(tmp / "header.csv")], "no data rows"),
        (["train", "--data", str(tmp / "none.csv")], "No such file"),
        (["train", "--data", str(tmp / "one.csv"), "--noise", "0.1"], "apply to --dataset only"),
        (["predict", "--weights", str(tmp / "w.npz"), "--data", str(tmp / "pts.csv")], "corrupt"),
        (
            ["predict", "--weights", str(tmp / "w.json"), "--data", str(tmp / "pts.csv")],
            "No such file",
        ),
    ]


def test_bad_arguments_give_one_error_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    for args, message in bad_cases(tmp_path):
        assert run_cli(args) == 2, args
        out, err = capsys.readouterr()
        assert out == "" and err.startswith("error: ") and err.count("\n") == 1, (args, err)
        assert message in err, (args, err)
    train(capsys, "--dataset", "circle", "--epochs", "1", "--save", str(tmp_path / "w.json"))
    assert (
        run_cli(
            ["predict", "--weights", str(tmp_path / "w.json"), "--data", str(tmp_path / "pts.csv")]
        )
        == 2
    )
    assert "line 2: x2 value 'abc' is not a number" in capsys.readouterr().err


def test_public_parsers_for_the_window_command_line() -> None:
    assert parse_hidden(" 8,4 ") == (8, 4)
    assert parse_hidden("") == parse_hidden("none") == parse_hidden("0") == ()
    assert parse_activations("tanh", 2) == ("tanh", "tanh")
    assert parse_activations("relu, gelu", 2) == ("relu", "gelu")
    for bad in ("8,x", "8,0"):
        with pytest.raises(CliError):
            parse_hidden(bad)
    with pytest.raises(CliError, match="unknown activation"):
        parse_activations("nope", 1)
    with pytest.raises(CliError, match="lists 2 names for 3 hidden layers"):
        parse_activations("relu,tanh", 3)


def test_help_exits_zero(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_cli(["train", "--help"]) == 0
    assert "--hidden" in capsys.readouterr().out


def test_main_py_in_a_subprocess(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, str(ROOT / "main.py"), "train", "--dataset", "xor", "--epochs", "3"]
    done = subprocess.run(
        [*command, "--save", str(tmp_path / "w.npz")],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert set(json.loads(done.stdout)) == KEYS and (tmp_path / "w.npz").exists()
    bad = subprocess.run(
        [*command, "--lr", "zero"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert bad.returncode == 2 and bad.stdout == ""
    assert (
        bad.stderr.startswith("error: ")
        and bad.stderr.count("\n") == 1
        and "Traceback" not in bad.stderr
    )
    assert (
        "PySide6"
        not in subprocess.run(
            [sys.executable, "-c", "import sys, playground.cli; print(sorted(sys.modules))"],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
            check=True,
        ).stdout
    )


# ------------------------------------------------------------- files that break loaders


def _bad_weight_files() -> dict[str, bytes]:
    """Files that used to escape the loader as tracebacks, each one as the issue found it."""
    from tests.core.test_npz_reader import (
        Member,
        build_zip,
        npy_header,
        set_member,
        valid_members,
    )

    members = valid_members("weights")

    def w1(header: str) -> bytes:
        return build_zip(set_member(members, "W1.npy", content=npy_header(header, bytes(64))))

    shape = "{'descr': '<f8', 'fortran_order': False, 'shape': %s, }"
    return {
        "garbage member": build_zip(set_member(members, "W1.npy", content=b"garbage")),
        "notes.txt": build_zip([*members, Member("notes.txt", b"hello")]),
        "encrypted": build_zip(set_member(members, "W1.npy", flags=1)),
        "method 99": build_zip(set_member(members, "W1.npy", method=99)),
        "zip version 16.0": build_zip(set_member(members, "W1.npy", version=160)),
        "lzma": build_zip(set_member(members, "W1.npy", method=14, raw=b"\x00" * 30)),
        "token error": w1("{'descr': <f8"),
        "shape 2**64": w1(shape % f"({2**64},)"),
        "shape (True,)": w1(shape % "(True,)"),
        "74.5 GiB": w1(shape % "(100000, 100000)"),
    }


def test_every_loader_error_is_one_error_line_with_status_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "points.csv").write_text("x1,x2\n0,0\n")
    for case, data in _bad_weight_files().items():
        path = tmp_path / "w.npz"
        path.write_bytes(data)
        status = run_cli(
            ["predict", "--weights", str(path), "--data", str(tmp_path / "points.csv")]
        )
        out, err = capsys.readouterr()
        assert status == 2 and out == "", case
        assert err.startswith(f"error: {path}: ") and err.count("\n") == 1, (case, err)
        assert len(err) < 400, (case, err)


def _main(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


def test_a_bad_weight_file_in_a_real_process_gives_no_traceback(tmp_path: Path) -> None:
    (tmp_path / "points.csv").write_text("x1,x2\n0,0\n")
    path = tmp_path / "w.npz"
    path.write_bytes(_bad_weight_files()["shape (True,)"])
    done = _main("predict", "--weights", str(path), "--data", str(tmp_path / "points.csv"))
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.startswith(f"error: {path}: ") and done.stderr.count("\n") == 1


def test_predict_into_a_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    assert (
        run_cli(["train", "--dataset", "xor", "--epochs", "0", "--save", str(tmp_path / "w.npz")])
        == 0
    )
    rows = "\n".join(f"{i % 97 / 10},{i % 89 / 10}" for i in range(30_000))
    (tmp_path / "points.csv").write_text(f"x1,x2\n{rows}\n")  # about 2 MB of output
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    args = ["predict", "--weights", str(tmp_path / "w.npz"), "--data", str(tmp_path / "points.csv")]
    with subprocess.Popen(
        [sys.executable, str(ROOT / "main.py"), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    ) as process:
        assert process.stdout is not None and process.stderr is not None
        assert process.stdout.readline() == b"x1,x2,class,p0,p1\n"
        process.stdout.close()  # like `| head -1`
        err = process.stderr.read()
        status = process.wait(timeout=120)
    assert err == b"" and status == 141


def test_saving_into_a_missing_folder_names_the_file_asked_for(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "missing" / "w.npz"
    assert run_cli(["train", "--dataset", "xor", "--epochs", "1", "--save", str(target)]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1
    assert err == f"error: [Errno 2] No such file or directory: '{target}'\n"


def test_csv_errors_name_the_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "train.csv").write_text("x1,x2,label\n0,0,0\n1,1,1\n")
    header = ",".join(f"c{i}" for i in range(100_000))
    (tmp_path / "test.csv").write_text(f"x1,x2,label,{header}\n")
    args = ["--data", str(tmp_path / "train.csv"), "--test-data", str(tmp_path / "test.csv")]
    assert run_cli(["train", *args]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: {tmp_path / 'test.csv'}: line 1: unknown column 'c0', 'c1'")
    assert "and 99,997 more" in err and len(err) < 400


def test_predict_refuses_an_endless_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert (
        run_cli(["train", "--dataset", "xor", "--epochs", "0", "--save", str(tmp_path / "w.npz")])
        == 0
    )
    capsys.readouterr()
    (tmp_path / "p.csv").write_text("x1,x2\n" + "," * 2_000_000 + "\n")
    args = ["predict", "--weights", str(tmp_path / "w.npz"), "--data", str(tmp_path / "p.csv")]
    assert run_cli(args) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert (
        err
        == f"error: {tmp_path / 'p.csv'}: line 2: the line is longer than 1,000,000 characters\n"
    )


def test_train_on_the_compiled_engine_gives_the_numpy_figures(capsys) -> None:
    pytest.importorskip("numba")
    args = ("--dataset", "moons", "--hidden", "6,4", "--optimizer", "adam", "--epochs", "40")
    reference = train(capsys, *args)
    compiled = train(capsys, *args, "--engine", "compiled")
    assert compiled["epochs"] == reference["epochs"] == 40
    for key in ("train_loss", "test_loss", "train_accuracy", "test_accuracy"):
        assert compiled[key] == pytest.approx(reference[key], rel=1e-10)
    assert compiled["grad_norms"] == pytest.approx(reference["grad_norms"], rel=1e-9)


def test_an_unknown_engine_is_a_usage_error(capsys) -> None:
    assert run_cli(["train", "--dataset", "xor", "--engine", "fast"]) == 2
    assert "invalid choice: 'fast'" in capsys.readouterr().err
