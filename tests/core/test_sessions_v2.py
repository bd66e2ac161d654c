"""Session files of version 2: several runs with exact trainer states and checkpoints.

A saved run resumes bit for bit, for every optimizer; a version-1 file still loads;
multi-run sessions round-trip; and files whose meta and arrays disagree are refused
with a short message naming the file.
"""

from __future__ import annotations

import dataclasses
import json
import os
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from playground.core import sessions
from playground.core.checkpoints import Checkpoints
from playground.core.config import ModelConfig, TrainConfig
from playground.core.datasets import Dataset
from playground.core.history import COLUMNS
from playground.core.model import Model
from playground.core.presets import make_dataset
from playground.core.session_states import state_meta
from playground.core.sessions import (
    Session,
    SessionFileError,
    SessionRun,
    load_session,
    save_session,
)
from playground.core.trainer import Trainer, TrainerState
from tests.core.kernel_cases import OPTIMIZERS

V1_FIXTURE = Path(__file__).parent / "data" / "session_v1.mlps"
DATA = make_dataset("spiral", 60, 0.1, 4, 0.25, arms=3)
CONFIG = ModelConfig(hidden=(5,), activations=("tanh",), task="multiclass", n_classes=3,
                     loss="cross_entropy", seed=2)  # fmt: skip


def new_trainer(train: dict[str, Any], config: ModelConfig = CONFIG) -> Trainer:
    model = Model.build(config, DATA.train_x)
    settings = TrainConfig(batch_size=7, **train)
    return Trainer(model, settings, DATA.train_x, DATA.train_y, DATA.test_x, DATA.test_y)


def trained_run(
    train: dict[str, Any], epochs: int, mid_steps: int = 0, label: str = "", max_count: int = 12
) -> tuple[SessionRun, Trainer]:
    """A run trained ``epochs`` epochs and ``mid_steps`` steps, with checkpoints on the way."""
    trainer = new_trainer(train)
    checkpoints = Checkpoints(max_count)
    checkpoints.offer(trainer.get_state())
    while trainer.epoch < epochs:
        target = min(checkpoints.next_wanted(trainer.epoch), epochs)
        trainer.run(target - trainer.epoch)
        checkpoints.offer(trainer.get_state())
    for _ in range(mid_steps):
        trainer.step()
    state = trainer.get_state()
    checkpoints.offer(state)
    run = SessionRun(
        label, CONFIG, trainer.config, trainer.model.copy(), trainer.history.chunk(),
        trainer.epoch, trainer.step_count, state, tuple(checkpoints.states()), max_count,
    )  # fmt: skip
    return run, trainer


def saved_and_loaded(tmp_path: Path, session: Session, name: str = "s.mlps") -> Session:
    path = tmp_path / name
    save_session(path, session)
    assert os.listdir(tmp_path).count(name) == 1
    return load_session(path)


def same_state(a: TrainerState, b: TrainerState) -> bool:
    arrays = ("params", "previous_params", "order", "epoch_gradsq")
    scalars = ("epoch", "step_count", "optimizer", "cursor", "epoch_steps", "epoch_loss")
    return (
        all(np.array_equal(getattr(a, n), getattr(b, n)) for n in arrays)
        and all(getattr(a, n) == getattr(b, n) for n in scalars)
        and a.rng_state == b.rng_state
        and a.diverged == b.diverged
        and a.optimizer_state.keys() == b.optimizer_state.keys()
        and all(np.array_equal(v, b.optimizer_state[k]) for k, v in a.optimizer_state.items())
    )  # fmt: skip


# ------------------------------------------------------------------ exact resume


@pytest.mark.parametrize("optimizer", list(OPTIMIZERS))
@pytest.mark.parametrize("mid_steps", [0, 3], ids=["at-epoch-start", "mid-epoch"])
def test_a_saved_run_resumes_bit_for_bit(tmp_path: Path, optimizer: str, mid_steps: int) -> None:
    run, unbroken = trained_run(OPTIMIZERS[optimizer], 9, mid_steps)
    loaded = saved_and_loaded(tmp_path, Session.from_runs(DATA, [run])).active_run
    assert loaded.state is not None and same_state(loaded.state, run.state)  # type: ignore[arg-type]
    resumed = loaded.make_trainer(load_session(tmp_path / "s.mlps").dataset)
    unbroken.run(5)
    resumed.run(5)
    assert np.array_equal(resumed.network.params, unbroken.network.params)
    assert np.array_equal(
        resumed.history.chunk().train_loss, unbroken.history.chunk().train_loss[-5:]
    )
    mine, theirs = resumed.optimizer.get_state(), unbroken.optimizer.get_state()
    assert all(np.array_equal(mine[k], theirs[k]) for k in theirs)


def test_a_loaded_checkpoint_resumes_bit_for_bit(tmp_path: Path) -> None:
    run, original = trained_run(OPTIMIZERS["adam"], 30)
    loaded = saved_and_loaded(tmp_path, Session.from_runs(DATA, [run])).active_run
    assert [s.epoch for s in loaded.checkpoints] == [s.epoch for s in run.checkpoints]
    assert all(same_state(a, b) for a, b in zip(loaded.checkpoints, run.checkpoints))
    start = loaded.make_checkpoints().at_or_before(20)
    assert start is not None and 0 < start.epoch <= 20
    resumed = dataclasses.replace(loaded, state=start).make_trainer(DATA)
    resumed.run(30 - start.epoch)
    assert np.array_equal(resumed.network.params, original.network.params)


# ------------------------------------------------------------------ version 1


def test_the_version_1_fixture_still_loads() -> None:
    with np.load(V1_FIXTURE, allow_pickle=False) as archive:
        assert json.loads(str(archive["meta"]))["version"] == 1
    session = load_session(V1_FIXTURE)
    assert len(session.runs) == 1 and session.active == 0
    run = session.active_run
    assert run.state is None and run.checkpoints == () and run.label == ""
    assert (session.epoch, session.step) == (4, 16)  # 18 training points in batches of 5
    assert session.extras == {"preset": "xor", "view": [-6, 6, -6, 6], "max_epochs": None}
    assert session.compare is None and session.lesson is None
    train = TrainConfig(optimizer="momentum", learning_rate=0.05, batch_size=5)
    assert session.train_config == train
    assert session.model_config == ModelConfig(hidden=(3,), activations=("tanh",), seed=3)
    # The file was made by the recipe below; training it again gives the same numbers.
    rng = np.random.default_rng(7)
    x = rng.uniform(-5, 5, (24, 2))
    data = Dataset(x, (x[:, 0] * x[:, 1] > 0).astype(np.int64), np.arange(24) % 4 == 0)
    assert np.array_equal(session.dataset.x, data.x) and np.array_equal(session.dataset.y, data.y)
    model = Model.build(session.model_config, data.train_x)
    again = Trainer(model, train, data.train_x, data.train_y, data.test_x, data.test_y)
    again.run(4)
    assert session.model is not None and session.history is not None
    np.testing.assert_allclose(session.model.network.params, model.network.params, rtol=1e-12)
    np.testing.assert_allclose(session.history.train_loss, again.history.chunk().train_loss,
                               rtol=1e-12)  # fmt: skip
    # Without a state it resumes as version 1 did: from the weights, with the counts.
    trainer = run.make_trainer(session.dataset)
    assert (trainer.epoch, trainer.step_count) == (4, 16)


def test_a_version_1_file_saves_as_version_2(tmp_path: Path) -> None:
    old = load_session(V1_FIXTURE)
    new = saved_and_loaded(tmp_path, old)
    with np.load(tmp_path / "s.mlps", allow_pickle=False) as archive:
        meta = json.loads(str(archive["meta"]))
        assert meta["version"] == 2 and "r0_params" in archive.files
    assert new.model is not None and old.model is not None
    assert np.array_equal(new.model.network.params, old.model.network.params)
    assert new.extras == old.extras and (new.epoch, new.step) == (old.epoch, old.step)


# ------------------------------------------------------------------ several runs


def test_several_runs_round_trip(tmp_path: Path) -> None:
    first, _ = trained_run(OPTIMIZERS["momentum"], 6, label="optimizer=momentum")
    second, _ = trained_run(OPTIMIZERS["adam"], 4, mid_steps=2, label="optimizer=adam")
    third = SessionRun("no weights yet", CONFIG.with_changes(hidden=(2, 2),
                       activations=("relu", "relu")), TrainConfig())  # fmt: skip
    compare = {"key": "optimizer", "values": ["momentum", "adam"]}
    lesson = {"title": "Momentum", "text": "Watch the curves.", "goals": [{"loss": 0.2}]}
    session = Session.from_runs(DATA, [first, second, third], active=1, compare=compare,
                                lesson=lesson, extras={"view": [-6, 6, -6, 6]})  # fmt: skip
    loaded = saved_and_loaded(tmp_path, session)
    assert (loaded.active, loaded.compare, loaded.lesson) == (1, compare, lesson)
    assert loaded.extras == {"view": [-6, 6, -6, 6]}
    assert loaded.model is loaded.runs[1].model and loaded.train_config == second.train_config
    for mine, theirs in zip(loaded.runs, session.runs, strict=True):
        assert (mine.label, mine.model_config, mine.train_config) == (
            theirs.label, theirs.model_config, theirs.train_config)  # fmt: skip
        assert (mine.epoch, mine.step, mine.max_checkpoints) == (
            theirs.epoch, theirs.step, theirs.max_checkpoints)  # fmt: skip
        assert len(mine.checkpoints) == len(theirs.checkpoints)
        assert all(same_state(a, b) for a, b in zip(mine.checkpoints, theirs.checkpoints))
        if theirs.model is None:
            assert mine.model is None and mine.history is None and mine.state is None
            continue
        assert mine.model is not None and mine.history is not None and theirs.history is not None
        assert np.array_equal(mine.model.network.params, theirs.model.network.params)
        assert np.array_equal(mine.model.features.scale, theirs.model.features.scale)
        for column in (*COLUMNS, "grad_norms"):
            assert np.array_equal(getattr(mine.history, column), getattr(theirs.history, column))
        assert same_state(mine.state, theirs.state)  # type: ignore[arg-type]
    assert loaded.runs[1].state.cursor == 14  # type: ignore[union-attr]  # two batches of 7


def test_the_old_fields_are_the_active_runs() -> None:
    run, _ = trained_run(OPTIMIZERS["sgd"], 2)
    plain = Session(DATA, CONFIG, TrainConfig())
    assert len(plain.runs) == 1 and plain.active_run.model_config == CONFIG
    session = Session.from_runs(DATA, [SessionRun("a", CONFIG, TrainConfig()), run], active=1)
    assert session.model is run.model and session.epoch == run.epoch
    other = Model.build(CONFIG, DATA.train_x)
    changed = dataclasses.replace(session, model=other, epoch=0)
    assert changed.runs[1].model is other and changed.runs[1].label == run.label
    assert changed.runs[1].state is run.state and changed.runs[0] is session.runs[0]
    for bad, match in (
        ({"runs": (run,) * 5}, "1..4 runs, not 5"),
        ({"active": 2}, "active run 2 is not one of the 2 runs"),
        ({"runs": ("run",)}, "must be a SessionRun"),
    ):
        with pytest.raises(ValueError, match=match):
            dataclasses.replace(session, **bad)


# ------------------------------------------------------------------ saving refuses


def test_save_refuses_runs_that_would_not_load(tmp_path: Path) -> None:
    run, _ = trained_run(OPTIMIZERS["adam"], 3, mid_steps=1)
    other_net = new_trainer(OPTIMIZERS["adam"], CONFIG.with_changes(hidden=(4,))).get_state()
    assert run.state is not None
    cases = (
        ({"train_config": TrainConfig(optimizer="sgd")}, "state belongs to optimizer 'adam'"),
        ({"state": other_net}, r"shape \(27,\), but this network has 33 parameters"),
        ({"max_checkpoints": 3}, "max_checkpoints must be in 4..500"),
        ({"max_checkpoints": 4}, "checkpoints, more than 4"),
        ({"checkpoints": run.checkpoints[::-1]}, "checkpoints must be in training order"),
        ({"model": None, "history": None}, "a run without a model has no trainer state"),
        ({"label": "x" * 201}, "label must be text of at most 200"),
    )
    for change, match in cases:
        broken = dataclasses.replace(run, **change)
        with pytest.raises(SessionFileError, match=match):
            save_session(tmp_path / "s.mlps", Session.from_runs(DATA, [broken]))
    fewer = Dataset(DATA.x[:-3], DATA.y[:-3], DATA.is_test[:-3], "multiclass", 3)
    with pytest.raises(SessionFileError, match="stands mid-epoch on 45 training points"):
        save_session(tmp_path / "s.mlps", Session.from_runs(fewer, [run]))
    for extra, match in (
        ({"compare": ["activation"]}, "'compare' must be null or a JSON object"),
        ({"compare": {"values": {1, 2}}}, "compare are not plain JSON data"),
        ({"lesson": {"title": "t", "goals": []}}, "missing 'text'"),
        ({"lesson": {"title": "t", "text": "", "goals": 3}}, "'goals' must be a list"),
    ):
        with pytest.raises(SessionFileError, match=match):
            save_session(tmp_path / "s.mlps", Session.from_runs(DATA, [run], **extra))
    assert os.listdir(tmp_path) == []


def test_a_session_too_large_drops_checkpoints_then_states(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run, _ = trained_run(OPTIMIZERS["momentum"], 40, max_count=20)
    session = Session.from_runs(DATA, [run])
    n = len(run.checkpoints)
    assert n >= 12 and run.state is not None
    path = tmp_path / "s.mlps"
    save_session(path, session)
    assert len(load_session(path).active_run.checkpoints) == n
    # What one state costs: its arrays and its meta entry (as UTF-32 text).
    per_state = run.state.n_bytes + 4 * len(json.dumps(state_meta(run.state)))
    bare_run = dataclasses.replace(run, state=None, checkpoints=())
    base = sessions._fitted(Session.from_runs(DATA, [bare_run]))
    base_size = sum(a.nbytes + 128 for a in base.values())
    monkeypatch.setattr(sessions, "NPZ_BUDGET", base_size + 12 * per_state)
    save_session(path, session)
    thinned = load_session(path).active_run
    assert 2 <= len(thinned.checkpoints) < n and thinned.state is not None
    epochs = [s.epoch for s in thinned.checkpoints]
    assert epochs[0] == 0 and epochs[-1] == 40 and epochs == sorted(epochs)
    monkeypatch.setattr(sessions, "NPZ_BUDGET", base_size + per_state // 2)
    save_session(path, session)
    bare = load_session(path).active_run
    assert bare.state is None and bare.checkpoints == () and bare.model is not None
    monkeypatch.setattr(sessions, "NPZ_BUDGET", 1000)
    with pytest.raises(SessionFileError, match=r"more than the 0\.0 MB a session file may hold"):
        save_session(path, session)


# ------------------------------------------------------------------ loading refuses


def parts(path: Path) -> tuple[dict[str, Any], dict[str, np.ndarray]]:
    with np.load(path, allow_pickle=False) as archive:
        arrays = {name: archive[name] for name in archive.files}
    return json.loads(str(arrays.pop("meta"))), arrays


def write(path: Path, meta: dict[str, Any], arrays: dict[str, np.ndarray]) -> None:
    with open(path, "wb") as handle:
        np.savez_compressed(handle, meta=np.array(json.dumps(meta)), **arrays)


def _edit_state(m: dict[str, Any], **changes: Any) -> None:
    m["runs"][0]["state"].update(changes)


BREAKAGES = {
    "five runs": (lambda m, a: m.update(runs=m["runs"] * 5), r"'runs' must be a list of 1\.\.4"),
    "no runs": (lambda m, a: m.update(runs=[]), r"'runs' must be a list of 1\.\.4"),
    "active": (lambda m, a: m.update(active=1), r"'active' must be a run index in 0\.\.0"),
    "version 3": (lambda m, a: m.update(version=3), "unsupported version 3; .* reads 1 and 2"),
    "max declared": (
        lambda m, a: m["runs"][0].update(max_checkpoints=10_000),
        r"'max_checkpoints' must be in 4\.\.500",
    ),
    "more than declared": (
        lambda m, a: m["runs"][0].update(max_checkpoints=4),
        "'checkpoints' must be a list of at most 4 states",
    ),
    "checkpoint rows": (
        lambda m, a: a.update(r0_ckpt_params=a["r0_ckpt_params"][1:]),
        r"array 'r0_ckpt_params' is float64 of shape \(6, 33\), expected floats of shape \(7, 33\)",
    ),
    "missing moments": (lambda m, a: a.pop("r0_state_opt_v"), "missing array 'r0_state_opt_v'"),
    "second run's arrays": (
        lambda m, a: a.update(r1_params=a["r0_params"]),
        "unexpected array 'r1_params'",
    ),
    "v1 names": (lambda m, a: a.update(params=a["r0_params"]), "unexpected array 'params'"),
    "order": (lambda m, a: a["r0_state_orders"].__setitem__(0, 5), "not a permutation"),
    "order values": (
        lambda m, a: a.update(r0_state_orders=a["r0_state_orders"] + 2**40),
        "not a permutation",
    ),
    "order length": (lambda m, a: _edit_state(m, order=44), "array 'r0_state_orders'"),
    "cursor": (lambda m, a: _edit_state(m, cursor=0), "cannot have a shuffle of 45"),
    "nan moments": (lambda m, a: a["r0_state_opt_m"].__setitem__((0, 3), np.nan), "NaN"),
    "negative sums": (lambda m, a: a["r0_ckpt_epoch_gradsq"].__setitem__((1, 0), -1), "negative"),
    "rng": (lambda m, a: _edit_state(m, rng={"bit_generator": "MT19937"}), "PCG64"),
    "huge epoch": (lambda m, a: _edit_state(m, epoch=2**60), r"'epoch' must be in 0\.\.2\*\*53"),
    "counts": (
        lambda m, a: _edit_state(m, counts={}),
        r"'counts' of a adam state must hold \['t'\]",
    ),
    "optimizer": (lambda m, a: _edit_state(m, optimizer="lion"), "unknown optimizer 'lion'"),
    "state optimizer": (
        lambda m, a: m["runs"][0]["train_config"].update(optimizer="rmsprop"),
        "state belongs to optimizer 'adam', its settings say 'rmsprop'",
    ),
    "checkpoint order": (
        lambda m, a: m["runs"][0]["checkpoints"].reverse(),
        "checkpoints must be in training order",
    ),
    "lesson": (lambda m, a: m.update(lesson={"title": 3}), "'title' must be of type str"),
    "compare": (lambda m, a: m.update(compare=[1]), "'compare' must be null or a JSON object"),
    "no compare": (lambda m, a: m.pop("compare"), "missing 'compare'"),
    "label": (lambda m, a: m["runs"][0].update(label=None), "'label' must be of type str"),
    "divergence": (
        lambda m, a: _edit_state(m, diverged={"step": 1, "epoch": 0, "reason": "r" * 300}),
        "reason is longer than 200",
    ),
}


@pytest.mark.parametrize("case", list(BREAKAGES))
def test_broken_version_2_files_are_refused(tmp_path: Path, case: str) -> None:
    run, _ = trained_run(OPTIMIZERS["adam"], 5, mid_steps=3)
    path = tmp_path / "s.mlps"
    save_session(path, Session.from_runs(DATA, [run]))
    meta, arrays = parts(path)
    change, match = BREAKAGES[case]
    change(meta, arrays)
    write(path, meta, arrays)
    with pytest.raises(SessionFileError, match=match) as info:
        load_session(path)
    message = str(info.value)
    assert message.startswith(f"{path}: ") and len(message) < len(str(path)) + 300, message
