"""Weight files (.npz / .json) and session files: round trips, rejections, atomic writes."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import numpy as np
import pytest

from playground.core import files
from playground.core.config import ModelConfig, TrainConfig
from playground.core.datasets import Dataset
from playground.core.files import WeightsFileError, load_weights, save_weights
from playground.core.model import Model
from playground.core.presets import make_dataset
from playground.core.sessions import Session, SessionFileError, load_session, save_session
from playground.core.trainer import Trainer

CASES = {
    "binary": ModelConfig(("x1", "x2", "x1^2"), (5, 3), ("relu", "tanh")),
    "multiclass": ModelConfig(
        ("x1", "x2", "x1x2", "sin_x2"), (6,), ("gelu",), "multiclass", 4, "cross_entropy", seed=3
    ),
    "regression": ModelConfig(
        ("x1", "sin_x1", "x2^2"), (4, 4), ("elu", "softplus"), "regression", 1, "mse", "he_normal"
    ),
    "tanh_head": ModelConfig(
        ("x1", "x2"), (3,), ("leaky_relu",), "binary", 2, "tanh_mse", bias_init=0.1, seed=7
    ),
    "no_hidden": ModelConfig(("x2", "x1"), (), (), "binary", 2, "binary_cross_entropy", seed=2),
}
POINTS = np.random.default_rng(0).uniform(-6.0, 6.0, (40, 2))


def trained(config: ModelConfig, epochs: int = 2) -> tuple[Model, Trainer]:
    """A model trained a little, so that biases are non-zero and scaling is fitted."""
    rng = np.random.default_rng(1)
    x = rng.uniform(-6.0, 6.0, (30, 2)) * [1.0, 0.5]
    y = rng.normal(size=30) if config.task == "regression" else np.arange(30) % config.n_classes
    model = Model.build(config, x)
    trainer = Trainer(model, TrainConfig("momentum", 0.05, 8, l2=1e-3, nesterov=True), x, y)
    trainer.run(epochs)
    return model, trainer


@pytest.mark.parametrize("suffix", [".npz", ".json"])
@pytest.mark.parametrize("case", list(CASES))
def test_weights_round_trip(tmp_path: Path, suffix: str, case: str) -> None:
    model, trainer = trained(CASES[case])
    path = tmp_path / f"w{suffix}"
    save_weights(model, path, trainer.config, trainer.epoch)
    loaded = load_weights(path)
    assert loaded.model.config == model.config
    assert loaded.train_config == trainer.config
    assert loaded.epoch == 2
    assert loaded.model.features.names == model.features.names
    np.testing.assert_array_equal(loaded.model.features.scale, model.features.scale)
    np.testing.assert_array_equal(loaded.model.network.params, model.network.params)
    np.testing.assert_allclose(loaded.model.output(POINTS), model.output(POINTS), 0, 1e-12)
    if model.is_classifier:
        assert (
            np.abs(loaded.model.predict_proba(POINTS) - model.predict_proba(POINTS)).max() < 1e-12
        )
    assert loaded.meta["format"] == "mlp-playground-weights" and loaded.meta["version"] == 1
    assert loaded.meta["classes"] == (
        None if case == "regression" else list(range(model.config.n_classes))
    )


def test_npz_layout_is_z_equals_a_w_plus_b(tmp_path: Path) -> None:
    model, _ = trained(CASES["multiclass"])
    save_weights(model, tmp_path / "w.npz")
    with np.load(tmp_path / "w.npz", allow_pickle=False) as archive:
        assert sorted(archive.files) == ["W1", "W2", "b1", "b2", "meta"]
        meta = json.loads(archive["meta"][()])
        a = (model.features.raw(POINTS) - meta["input_offset"]) / meta["input_scale"]
        assert archive["W1"].shape == (4, 6) and archive["b2"].shape == (4,)
        a = model.network.activations[0].forward(a @ archive["W1"] + archive["b1"])
        z = a @ archive["W2"] + archive["b2"]
    assert meta["training"] is None and meta["epoch"] == 0
    assert meta["sizes"] == [4, 6, 4] and meta["output_activation"] == "softmax"
    np.testing.assert_allclose(
        np.exp(z) / np.exp(z).sum(1, keepdims=True), model.predict_proba(POINTS), 0, 1e-12
    )


def test_json_layout(tmp_path: Path) -> None:
    model, trainer = trained(CASES["binary"])
    save_weights(model, tmp_path / "w.json", trainer.config, 5)
    doc = json.loads((tmp_path / "w.json").read_text())
    assert [layer["units"] for layer in doc["layers"]] == [5, 3, 1]
    assert [layer["activation"] for layer in doc["layers"]] == ["relu", "tanh", "sigmoid"]
    assert np.array(doc["layers"][0]["W"]).shape == (3, 5)
    np.testing.assert_array_equal(doc["layers"][1]["b"], model.network.biases[1])
    assert doc["training"]["optimizer"] == "momentum" and doc["epoch"] == 5
    assert doc["features"] == ["x1", "x2", "x1^2"] and doc["loss"] == "binary_cross_entropy"


def test_bad_suffix_and_non_finite_weights_are_refused(tmp_path: Path) -> None:
    model, _ = trained(CASES["binary"])
    with pytest.raises(ValueError, match=r"\.npz or \.json"):
        save_weights(model, tmp_path / "w.txt")
    with pytest.raises(ValueError, match=r"\.npz or \.json"):
        load_weights(tmp_path / "w.pkl")
    model.network.params[3] = np.nan
    with pytest.raises(ValueError, match="NaN"):
        save_weights(model, tmp_path / "w.npz")
    assert list(tmp_path.iterdir()) == []


def _npz(path: Path, meta: dict, arrays: dict) -> None:
    with open(path, "wb") as handle:
        np.savez(handle, meta=np.array(json.dumps(meta)), **arrays)


def _npz_parts(path: Path) -> tuple[dict, dict]:
    with np.load(path, allow_pickle=False) as archive:
        arrays = {name: archive[name] for name in archive.files}
    return json.loads(str(arrays.pop("meta"))), arrays


NPZ_BREAKAGES = {
    "truncated": (lambda m, a: None, "corrupt or truncated|not an .npz"),
    "format": (lambda m, a: m.update(format="something-else"), "not an mlp-playground-weights"),
    "version": (lambda m, a: m.update(version=2), "unsupported version 2"),
    "version_str": (lambda m, a: m.update(version="1"), "unsupported version"),
    "version_float": (lambda m, a: m.update(version=1.0), "unsupported version 1.0"),
    "shape": (
        lambda m, a: a.update(W2=a["W2"][:-1]),
        r"array 'W2' is float64 of shape \(4, 3\), expected .* of shape \(5, 3\)",
    ),
    "missing": (lambda m, a: a.pop("b3"), "missing array 'b3'"),
    "extra": (lambda m, a: a.update(W9=a["W1"]), "unexpected array 'W9'"),
    "pickled": (lambda m, a: a.update(W1=np.array([{"x": 1}], dtype=object)), "pickled"),
    "nan": (lambda m, a: a["W1"].__setitem__((0, 0), np.nan), "W1 contains NaN"),
    "inf": (lambda m, a: a["b2"].__setitem__(0, np.inf), "b2 contains NaN or infinite"),
    "activation": (lambda m, a: m.update(activations=["relu", "swish"]), "unknown .*'swish'"),
    "feature": (lambda m, a: m.update(features=["x1", "x2", "x3"]), "unknown .*'x3'"),
    "loss": (lambda m, a: m.update(loss="hinge"), "loss 'hinge'"),
    "output": (lambda m, a: m.update(output_activation="softmax"), "needs output activation"),
    "classes": (lambda m, a: m.update(classes=[0, 1, 2]), "binary model cannot have 3"),
    "task": (
        lambda m, a: m.update(task="multiclass", loss="cross_entropy", output_activation="softmax"),
        "output layer has 1 units but a multiclass model with 2 classes needs 2",
    ),
    "regression": (lambda m, a: m.update(task="regression", loss="mse"), "'classes': null"),
    "scale": (lambda m, a: m.update(input_scale=[1.0, 0.0, 1.0]), "scale must be positive"),
    "sizes": (lambda m, a: m.update(sizes=[2, 5, 3, 1]), "2 inputs but 3 features"),
    "training": (lambda m, a: m.update(training={"optimizer": "sgd"}), "missing 'learning_rate'"),
    "lr": (lambda m, a: m["training"].update(learning_rate=-1.0), "learning rate must be"),
    "epoch": (lambda m, a: m.update(epoch=-3), "'epoch' must be non-negative"),
    "meta": (lambda m, a: m.clear(), "not an mlp-playground-weights"),
}


@pytest.mark.parametrize("breakage", list(NPZ_BREAKAGES))
def test_broken_npz_files_are_rejected_untouched(tmp_path: Path, breakage: str) -> None:
    model, trainer = trained(CASES["binary"])
    path = tmp_path / "w.npz"
    save_weights(model, path, trainer.config, 2)
    change, message = NPZ_BREAKAGES[breakage]
    if breakage == "truncated":
        path.write_bytes(path.read_bytes()[:300])
    else:
        meta, arrays = _npz_parts(path)
        change(meta, arrays)
        _npz(path, meta, arrays)
    before = path.read_bytes()
    with pytest.raises(WeightsFileError, match=message) as info:
        load_weights(path)
    assert str(info.value).startswith(str(path))
    assert path.read_bytes() == before and os.listdir(tmp_path) == ["w.npz"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "not valid JSON"),
        ("[1, 2]", "JSON object"),
        ("{", "not valid JSON"),
        ("NaN", "not valid JSON"),
    ],
)
def test_broken_json_documents(tmp_path: Path, text: str, message: str) -> None:
    (tmp_path / "w.json").write_text(text)
    with pytest.raises(WeightsFileError, match=message):
        load_weights(tmp_path / "w.json")


JSON_BREAKAGES = {
    "truncated": (None, "not valid JSON"),
    "nan_literal": (lambda d: d["layers"][0]["W"][0].__setitem__(0, "NAN"), "not valid JSON"),
    "overflow": (lambda d: d["layers"][0]["b"].__setitem__(0, "BIG"), "contains NaN or infinite"),
    "ragged": (lambda d: d["layers"][0]["W"][1].pop(), "W1 must hold numbers"),
    "string": (lambda d: d["layers"][1]["b"].__setitem__(0, "0.5"), "b2 must hold numbers"),
    "layers": (lambda d: d["layers"].pop(), "list of 3 layer objects"),
    "units": (lambda d: d["layers"][0].update(units=4), "layer 1 has 4"),
    "version": (lambda d: d.update(version=None), "unsupported version None"),
}


@pytest.mark.parametrize("breakage", list(JSON_BREAKAGES))
def test_broken_json_files_are_rejected(tmp_path: Path, breakage: str) -> None:
    model, _ = trained(CASES["binary"])
    path = tmp_path / "w.json"
    save_weights(model, path)
    change, message = JSON_BREAKAGES[breakage]
    if change is None:
        path.write_text(path.read_text()[:-40])
    else:
        doc = json.loads(path.read_text())
        change(doc)
        path.write_text(json.dumps(doc).replace('"NAN"', "NaN").replace('"BIG"', "1e999"))
    before = path.read_bytes()
    with pytest.raises(WeightsFileError, match=message):
        load_weights(path)
    assert path.read_bytes() == before


def test_atomic_write_leaves_no_temporary_files_and_keeps_the_mode(tmp_path: Path) -> None:
    model, _ = trained(CASES["binary"])
    path = tmp_path / "w.npz"
    save_weights(model, path)
    path.chmod(0o600)
    save_weights(model, path, epoch=3)
    assert os.listdir(tmp_path) == ["w.npz"]
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert load_weights(path).epoch == 3


@pytest.mark.parametrize("stage", ["write", "replace"])
def test_failed_write_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, stage: str
) -> None:
    model, _ = trained(CASES["binary"])
    path = tmp_path / "w.npz"
    save_weights(model, path, epoch=1)
    before = path.read_bytes()

    def boom(*args: object, **kwargs: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(
        np if stage == "write" else os, "savez" if stage == "write" else "replace", boom
    )
    with pytest.raises(OSError, match="disk full"):
        save_weights(model, path, epoch=2)
    monkeypatch.undo()
    assert path.read_bytes() == before and os.listdir(tmp_path) == ["w.npz"]
    with pytest.raises(OSError):
        save_weights(model, tmp_path / "missing" / "w.npz")


# ------------------------------------------------------------------------------ sessions


def _session(case: str = "multiclass", **changes: object) -> Session:
    config = CASES[case]
    data = make_dataset("spiral", 60, 0.1, 4, 0.25, arms=4)
    if config.task != "multiclass":
        data = make_dataset("plane" if config.task == "regression" else "xor", 50, 0.2, 1, 0.3)
    model = Model.build(config, data.train_x)
    trainer = Trainer(
        model, TrainConfig("adam", 0.01, 7), data.train_x, data.train_y, data.test_x, data.test_y
    )
    trainer.run(3)
    fields = {
        "dataset": data,
        "model_config": config.with_changes(hidden=(8, 8), activations=("relu", "relu")),
        "train_config": trainer.config,
        "model": model,
        "history": trainer.history.chunk(),
        "epoch": trainer.epoch,
        "step": trainer.step_count,
        "extras": {
            "test_ratio": 0.25,
            "preset": "spiral",
            "view": [-6.0, 6.0, -6.0, 6.0],
            "stop": None,
        },
    }
    return Session(**(fields | changes))  # type: ignore[arg-type]


def _same_arrays(a: np.ndarray, b: np.ndarray) -> bool:
    return a.dtype == b.dtype and a.shape == b.shape and a.tobytes() == b.tobytes()


@pytest.mark.parametrize("case", ["multiclass", "regression", "tanh_head", "no_hidden"])
def test_session_round_trip_is_bit_exact(tmp_path: Path, case: str) -> None:
    session = _session(case)
    path = tmp_path / "run.mlps"
    save_session(path, session)
    assert os.listdir(tmp_path) == ["run.mlps"]
    loaded = load_session(path)
    for name in ("x", "y", "is_test"):
        assert _same_arrays(getattr(loaded.dataset, name), getattr(session.dataset, name))
    assert (loaded.dataset.task, loaded.dataset.n_classes) == (
        session.dataset.task,
        session.dataset.n_classes,
    )
    assert (
        loaded.model_config == session.model_config and loaded.train_config == session.train_config
    )
    assert loaded.model is not None and session.model is not None
    assert loaded.model.config == session.model.config
    assert _same_arrays(loaded.model.network.params, session.model.network.params)
    assert _same_arrays(loaded.model.features.offset, session.model.features.offset)
    assert _same_arrays(loaded.model.features.scale, session.model.features.scale)
    assert np.abs(loaded.model.output(POINTS) - session.model.output(POINTS)).max() < 1e-12
    assert loaded.history is not None and session.history is not None
    for name in ("epoch", "train_loss", "test_loss", "train_metric", "test_metric", "grad_norms"):
        assert _same_arrays(getattr(loaded.history, name), getattr(session.history, name))
    assert (loaded.epoch, loaded.step, loaded.extras) == (3, session.step, session.extras)


def test_session_without_model_history_or_points(tmp_path: Path) -> None:
    empty = Session(Dataset.empty("multiclass", 5), ModelConfig(), TrainConfig(), extras={"a": [1]})
    save_session(tmp_path / "s.mlps", empty)
    loaded = load_session(tmp_path / "s.mlps")
    assert loaded.model is None and loaded.history is None and len(loaded.dataset) == 0
    assert loaded.dataset.n_classes == 5 and loaded.extras == {"a": [1]}


def test_session_save_refuses_bad_extras_and_counts(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="extras"):
        save_session(tmp_path / "s.mlps", _session(extras={"f": float("nan")}))
    with pytest.raises(ValueError, match="extras"):
        save_session(tmp_path / "s.mlps", _session(extras={"o": object()}))
    with pytest.raises(ValueError, match="step"):
        save_session(tmp_path / "s.mlps", _session(step=-1))
    assert list(tmp_path.iterdir()) == []


SESSION_BREAKAGES = {
    "format": (
        lambda m, a: m.update(format="mlp-playground-weights"),
        "not an mlp-playground-session",
    ),
    "version": (lambda m, a: m.update(version=9), "unsupported version 9"),
    "params": (lambda m, a: a.update(r0_params=a["r0_params"][1:]), "array 'r0_params'"),
    "nan": (lambda m, a: a["r0_params"].__setitem__(0, np.nan), "contains NaN"),
    "pickled": (lambda m, a: a.update(x=np.array([None, 1], dtype=object)), "pickled"),
    "dtype": (
        lambda m, a: a.update(y=a["y"].astype(np.float64)),
        "array 'y' has dtype float64, expected integers",
    ),
    "labels": (lambda m, a: a["y"].__setitem__(0, 9), "invalid dataset"),
    "history": (
        lambda m, a: a.pop("r0_history_test_loss"),
        "missing array 'r0_history_test_loss'",
    ),
    "config": (
        lambda m, a: m["runs"][0]["model_config"].update(activations=["nope", "relu"]),
        "'nope'",
    ),
    "extras": (lambda m, a: m.update(extras=[1]), "'extras' must be a JSON object"),
    "extra": (lambda m, a: a.update(junk=np.zeros(2)), "unexpected array 'junk'"),
}


@pytest.mark.parametrize("breakage", ["truncated", *SESSION_BREAKAGES])
def test_broken_session_files_are_rejected_untouched(tmp_path: Path, breakage: str) -> None:
    path = tmp_path / "s.mlps"
    save_session(path, _session())
    if breakage == "truncated":
        path.write_bytes(path.read_bytes()[:-200])
        message = "corrupt or truncated"
    else:
        change, message = SESSION_BREAKAGES[breakage]
        meta, arrays = _npz_parts(path)
        change(meta, arrays)
        _npz(path, meta, arrays)
    before = path.read_bytes()
    with pytest.raises(SessionFileError, match=message):
        load_session(path)
    assert path.read_bytes() == before and os.listdir(tmp_path) == ["s.mlps"]


def test_weight_and_session_files_are_not_confused(tmp_path: Path) -> None:
    save_session(tmp_path / "s.npz", _session())
    with pytest.raises(WeightsFileError, match="not an mlp-playground-weights"):
        load_weights(tmp_path / "s.npz")
    assert issubclass(WeightsFileError, ValueError) and issubclass(SessionFileError, ValueError)
    assert files.FORMAT != "mlp-playground-session"


def test_write_errors_name_the_file_asked_for(tmp_path: Path) -> None:
    model, _ = trained(CASES["binary"])
    for target, error in (
        (tmp_path / "missing" / "w.npz", FileNotFoundError),
        (tmp_path / "folder.npz", IsADirectoryError),
    ):
        if error is IsADirectoryError:
            target.mkdir()
        with pytest.raises(error) as info:
            save_weights(model, target)
        assert info.value.filename == str(target) and ".tmp" not in str(info.value)
    assert os.listdir(tmp_path) == ["folder.npz"] and os.listdir(tmp_path / "folder.npz") == []
