"""Sessions whose parts contradict each other are refused, at load and at save.

The files are version 2, whose first run's meta is ``meta["runs"][0]`` and whose
members carry the prefix ``r0_``; the version-1 fixture is held to the same rules."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from playground.core.config import ModelConfig, TrainConfig
from playground.core.datasets import MAX_POINTS, Dataset
from playground.core.model import Model
from playground.core.sessions import Session, SessionFileError, load_session, save_session
from playground.core.trainer import Trainer
from tests.core.test_npz_reader import session_object


def _parts(path: Path) -> tuple[dict[str, Any], dict[str, np.ndarray]]:
    with np.load(path, allow_pickle=False) as archive:
        arrays = {name: archive[name] for name in archive.files}
    return json.loads(str(arrays.pop("meta"))), arrays


def _write(path: Path, meta: dict[str, Any], arrays: dict[str, np.ndarray]) -> None:
    with open(path, "wb") as handle:
        np.savez_compressed(handle, meta=np.array(json.dumps(meta)), **arrays)


@pytest.fixture
def saved(tmp_path: Path) -> Path:
    path = tmp_path / "s.mlps"
    save_session(path, session_object())
    return path


def _refused(path: Path, match: str) -> None:
    with pytest.raises(SessionFileError, match=match) as info:
        load_session(path)
    assert str(info.value).startswith(f"{path}: ") and len(str(info.value)) < len(str(path)) + 300


V1_FIXTURE = Path(__file__).parent / "data" / "session_v1.mlps"


def test_labels_beyond_the_models_classes_are_refused_at_load(saved: Path) -> None:
    meta, arrays = _parts(saved)
    assert meta["runs"][0]["model"]["n_classes"] == 3
    meta["dataset"]["n_classes"] = 8  # a palette of 8 is fine, labels 0..7 are not
    arrays["y"] = np.arange(len(arrays["y"])) % 8
    _write(saved, meta, arrays)
    _refused(saved, "the data has labels up to 7 but the model has 3 classes")


def test_labels_within_a_larger_palette_load(saved: Path) -> None:
    meta, arrays = _parts(saved)
    meta["dataset"]["n_classes"] = 8
    _write(saved, meta, arrays)
    assert load_session(saved).dataset.n_classes == 8


def test_the_task_must_fit_the_output_head(saved: Path) -> None:
    meta, arrays = _parts(saved)
    meta["dataset"]["task"] = "regression"
    arrays["y"] = arrays["y"].astype(np.float64)
    _write(saved, meta, arrays)
    _refused(saved, "the model settings are for a multiclass task, the data for regression")
    run = meta["runs"][0]
    run["model_config"] = run["model_config"] | {"task": "regression", "loss": "mse"}
    _write(saved, meta, arrays)
    _refused(saved, "the model is for a multiclass task, the data for regression")


@pytest.mark.parametrize(
    ("shape", "match"),
    [([3, 5], "holds 5 gradient norms per row but the network has 2 layers"),
     ([-1, 2], r"shape \[-1, 2\] is invalid")],
)  # fmt: skip
def test_history_width_must_match_the_layer_count(
    saved: Path, shape: list[int], match: str
) -> None:
    meta, arrays = _parts(saved)
    meta["runs"][0]["history"] = shape
    arrays["r0_history_grad_norms"] = np.zeros((max(shape[0], 0), shape[1]))
    _write(saved, meta, arrays)
    _refused(saved, match)


def test_an_empty_history_may_have_any_width(saved: Path) -> None:
    meta, arrays = _parts(saved)
    meta["runs"][0]["history"] = [0, 7]
    for column in ("epoch", "train_loss", "test_loss", "train_metric", "test_metric"):
        arrays[f"r0_history_{column}"] = np.zeros(0)
    for name in meta["runs"][0]["history_layers"]:  # grad_norms, update_ratio, ...
        arrays[f"r0_history_{name}"] = np.zeros((0, 7))
    _write(saved, meta, arrays)
    history = load_session(saved).history
    assert history is not None and history.grad_norms.shape == (0, 7)
    assert history.update_ratio.shape == (0, 7)


def test_a_file_older_than_a_per_layer_column_loads_it_as_nan(saved: Path) -> None:
    meta, arrays = _parts(saved)
    del meta["runs"][0]["history_layers"]  # as sessions written before it was declared
    del arrays["r0_history_update_ratio"]
    _write(saved, meta, arrays)
    history = load_session(saved).history
    assert history is not None and len(history) > 0
    assert np.isnan(history.update_ratio).all() and np.isfinite(history.grad_norms).all()


@pytest.mark.parametrize(
    "layers", [["update_ratio"], ["grad_norms", "grad_norms"], ["grad_norms", "nope"], "x"]
)
def test_a_bad_list_of_per_layer_columns_is_refused(saved: Path, layers: object) -> None:
    meta, arrays = _parts(saved)
    meta["runs"][0]["history_layers"] = layers
    _write(saved, meta, arrays)
    _refused(saved, "'history_layers' must list distinct names")


def test_the_point_limit_is_the_csv_limit(saved: Path) -> None:
    meta, arrays = _parts(saved)
    meta["dataset"]["n_points"] = 2_000_000  # checked before any array is read
    _write(saved, meta, arrays)
    _refused(saved, f"a session holds 0..{MAX_POINTS} points, not 2000000")


def test_a_session_of_exactly_the_point_limit_round_trips(tmp_path: Path) -> None:
    rng = np.random.default_rng(0)
    data = Dataset(
        rng.normal(size=(MAX_POINTS, 2)), np.arange(MAX_POINTS) % 2, np.zeros(MAX_POINTS, bool)
    )
    save_session(tmp_path / "big.mlps", Session(data, ModelConfig(), TrainConfig()))
    loaded = load_session(tmp_path / "big.mlps").dataset
    assert loaded.x.tobytes() == data.x.tobytes() and len(loaded) == MAX_POINTS


def test_a_version_1_file_is_held_to_the_same_rules(tmp_path: Path) -> None:
    path = tmp_path / "v1.mlps"
    meta, arrays = _parts(V1_FIXTURE)
    assert meta["version"] == 1 and meta["model"]["n_classes"] == 2
    arrays["y"] = np.arange(len(arrays["y"])) % 3
    meta["dataset"]["n_classes"] = 3
    _write(path, meta, arrays)
    _refused(path, "the data has labels up to 2 but the model has 2 classes")
    meta, arrays = _parts(V1_FIXTURE)
    meta["history"] = [4, 5]
    arrays["history_grad_norms"] = np.zeros((4, 5))
    _write(path, meta, arrays)
    _refused(path, "holds 5 gradient norms per row but the network has 2 layers")
    meta, arrays = _parts(V1_FIXTURE)
    arrays["r0_params"] = arrays.pop("params")  # a version-2 name in a version-1 file
    _write(path, meta, arrays)
    _refused(path, "missing array 'params'")


# ------------------------------------------------------------------------ saving


def _nested(depth: int) -> list[Any]:
    value: list[Any] = []
    for _ in range(depth):
        value = [value]
    return value


def test_deeply_nested_extras_are_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "s.mlps"
    with pytest.raises(SessionFileError, match="extras nest deeper than 64 levels") as info:
        save_session(path, Session(Dataset.empty(), ModelConfig(), TrainConfig(),
                                   extras={"deep": _nested(5000)}))  # fmt: skip
    assert str(info.value).startswith(f"{path}: ")
    cyclic: list[Any] = []
    cyclic.append(cyclic)
    with pytest.raises(SessionFileError, match="nest deeper"):
        save_session(path, Session(Dataset.empty(), ModelConfig(), TrainConfig(),
                                   extras={"cycle": cyclic}))  # fmt: skip
    assert os.listdir(tmp_path) == []
    extras = {"deep": _nested(60)}
    save_session(path, Session(Dataset.empty(), ModelConfig(), TrainConfig(), extras=extras))
    assert load_session(path).extras == extras


def test_save_refuses_what_load_would_refuse(tmp_path: Path) -> None:
    session = session_object()
    assert session.model is not None
    data = session.dataset
    wider = Dataset(data.x, np.arange(len(data)) % 5, data.is_test, "multiclass", 5)
    config = ModelConfig(task="regression", n_classes=1, loss="mse")
    model = Model.build(config, data.x)
    trainer = Trainer(model, TrainConfig(), data.x, data.y.astype(float))
    trainer.run(1)  # one row of 3 gradient norms
    for change, match in (
        ({"dataset": wider}, "labels up to 4 but the model has 3 classes"),
        ({"model": model}, "the model is for a regression task, the data for multiclass"),
        (
            {"history": trainer.history.chunk()},
            "holds 3 gradient norms per row but the network has 2",
        ),
        ({"extras": {"text": "x" * 1_000_000}}, "more than 1,000,000"),
    ):
        fields = {name: getattr(session, name) for name in session.__dataclass_fields__}
        with pytest.raises(SessionFileError, match=match):
            save_session(tmp_path / "s.mlps", Session(**(fields | change)))
    assert os.listdir(tmp_path) == []
