"""Fuzzing the weight and session loaders with mutated archives.

The contract: whatever the bytes, ``load_weights`` and ``load_session`` either
return a usable object or raise their file error (a ValueError) whose message
starts with the path and stays short; bombs never make them allocate much.
Sessions are fuzzed as version 2 files of one run (``session``) and of two runs with
trainer states and checkpoints (``session_runs``), and as the version-1 fixture
(``session_v1``); a loaded run's state must then carry a trainer on.
Mutations start from valid files: byte flips and truncation, members added,
removed and renamed, ``.npy`` headers rewritten, compression methods, flags,
versions and declared sizes changed, meta values replaced, arrays swapped for
random ones, and compressed bombs.
"""

from __future__ import annotations

import io
import json
import tracemalloc
import zipfile
from collections.abc import Callable
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from playground.core.checkpoints import Checkpoints
from playground.core.files import LoadedWeights
from playground.core.sessions import (
    Session,
    SessionFileError,
    SessionRun,
    load_session,
    save_session,
)
from playground.core.trainer import Trainer
from playground.core.trainer_state import check_state
from tests.core.test_npz_reader import (
    BOMB_PEAK,
    LOADERS,
    MAX_MESSAGE,
    Member,
    _saved,
    bomb,
    build_zip,
    members_of,
    npy,
    npy_header,
    session_object,
)
from tests.core.test_npz_reader import valid_members as reader_members

FUZZ = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
POINTS = np.array([[0.0, 0.0], [1.5, -2.0], [-3.0, 4.0]])
KINDS = ("weights", "session", "session_runs", "session_v1")
V1_FIXTURE = Path(__file__).parent / "data" / "session_v1.mlps"
FUZZ_LOADERS = LOADERS | {
    "session_runs": ("s.mlps", load_session, SessionFileError),
    "session_v1": ("s.mlps", load_session, SessionFileError),
}


def _run(session: Session, label: str, train: dict[str, Any], steps: int) -> SessionRun:
    """A run of ``session``'s settings trained ``steps`` steps, with checkpoints."""
    data, model = session.dataset, session.model
    assert model is not None
    trainer = Trainer(model.copy(), session.train_config.with_changes(**train), data.train_x,
                      data.train_y, data.test_x, data.test_y)  # fmt: skip
    checkpoints = Checkpoints(8)
    for _ in range(steps):
        checkpoints.offer(trainer.get_state())
        trainer.step()
    state = trainer.get_state()
    checkpoints.offer(state)
    return SessionRun(label, session.model_config, trainer.config, trainer.model,
                      trainer.history.chunk(), trainer.epoch, trainer.step_count, state,
                      tuple(checkpoints.states()), 8)  # fmt: skip


@cache
def runs_bytes() -> bytes:
    """Two runs, mid-epoch, with Adam's and momentum's states and a few checkpoints each."""
    base = session_object()
    runs = [_run(base, "adam", {"optimizer": "adam"}, 9), _run(base, "momentum",
            {"optimizer": "momentum", "nesterov": True}, 6)]  # fmt: skip
    session = Session.from_runs(base.dataset, runs, 1, {"key": "optimizer"},
                                {"title": "t", "text": "", "goals": []}, base.extras)  # fmt: skip
    return _saved("s.mlps", lambda path: save_session(path, session))


def valid_members(kind: str) -> list[Member]:
    """A valid file of ``kind`` as members: the reader's two kinds, and two more."""
    if kind == "session_runs":
        return members_of(runs_bytes())
    if kind == "session_v1":
        return members_of(V1_FIXTURE.read_bytes())
    return reader_members(kind)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


def check_contract(folder: Path, kind: str, data: bytes) -> str | None:
    """Load ``data`` as a ``kind`` file; return the error message, or None when it loaded."""
    name, load, error = FUZZ_LOADERS[kind]
    path = folder / name
    path.write_bytes(data)
    try:
        result = load(path)
    except error as exc:
        message = str(exc)
        assert message.startswith(f"{path}: "), message
        assert len(message) - len(str(path)) <= MAX_MESSAGE, message
        assert "\n" not in message
        return message
    _check_usable(result)
    return None


def _check_usable(result: object) -> None:
    """A loaded object works: finite weights, predictions of the right shape, states that
    carry a trainer on."""
    if isinstance(result, LoadedWeights):
        _check_model(result.model)
        return
    assert isinstance(result, Session)
    data = result.dataset
    assert data.x.shape == (len(data), 2) and data.y.shape == data.is_test.shape == (len(data),)
    assert data.is_test.dtype == bool and np.isin(data.is_test.view(np.uint8), (0, 1)).all()
    assert 1 <= len(result.runs) <= 4 and result.active_run.model is result.model
    for run in result.runs:
        model = run.model
        if model is None:
            assert run.state is None and not run.checkpoints
            continue
        if model.is_classifier and len(data):
            assert data.y.max() < model.config.n_classes
        if run.history is not None and len(run.history):
            assert run.history.grad_norms.shape[1] == model.network.n_layers
        _check_model(model)
        net = model.network
        assert len(run.checkpoints) <= run.max_checkpoints
        for state in run.checkpoints:
            check_state(state, net.n_params, net.n_layers, state.optimizer, None)
        if run.state is not None:
            with np.errstate(all="ignore"):
                trainer = run.make_trainer(data)  # set_state checks it fits
                if trainer.n_train:
                    trainer.step()


def _check_model(model: Any) -> None:
    assert np.isfinite(model.network.params).all()
    with np.errstate(all="ignore"):
        assert model.output(POINTS).shape == (3, model.network.sizes[-1])


# --------------------------------------------------------------------- strategies

NAMES = [
    "notes.txt", "__MACOSX/", "__MACOSX/._W1.npy", "dir/", "W1.npy", "W4.npy", "b0.npy",
    "W99.npy", "meta.npy", "x.npy", "y.npy", "params.npy", "history_epoch.npy", "junk.npy",
    ".npy", "W1", "meta",
]  # fmt: skip
NPY_NAMES = st.text(max_size=12).map(lambda name: f"{name}.npy")
DESCRS = ["<f8", ">f8", "<f4", "<i8", "|u1", "|b1", "|O", "<U5", "<U0", "|S3", "<c16", "V8",
          "<m8[s]", "<M8[D]", "[('a', '<f8')]", "[('a', '|O')]", "'junk'"]  # fmt: skip
DIMS = st.one_of(
    st.integers(0, 12), st.integers(-3, 2**70), st.sampled_from(["True", "False", "1.5", "'3'"])
)
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**70), 2**70) | st.floats() | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=10,
)
RANDOM_ARRAYS = hnp.arrays(
    dtype=st.sampled_from([np.float64, np.float32, np.int64, np.uint8, np.bool_, np.float16]),
    shape=hnp.array_shapes(min_dims=0, max_dims=3, max_side=8),
)


def _pick(draw: st.DrawFn, members: list[Member]) -> int:
    return draw(st.integers(0, len(members) - 1))


def op_remove(draw: st.DrawFn, members: list[Member]) -> list[Member]:
    i = _pick(draw, members)
    return members[:i] + members[i + 1 :]


def op_add(draw: st.DrawFn, members: list[Member]) -> list[Member]:
    name = draw(st.sampled_from(NAMES) | NPY_NAMES)
    content = draw(st.binary(max_size=64) | st.builds(npy, RANDOM_ARRAYS))
    method = draw(st.sampled_from([zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED]))
    return [*members, Member(name, content, method=method)]


def op_rename(draw: st.DrawFn, members: list[Member]) -> list[Member]:
    i = _pick(draw, members)
    name = draw(st.sampled_from(NAMES) | NPY_NAMES | st.text(max_size=12))
    return [*members[:i], replace(members[i], name=name), *members[i + 1 :]]


def op_header(draw: st.DrawFn, members: list[Member]) -> list[Member]:
    i = _pick(draw, members)
    content = members[i].content
    data = content[content.find(b"\n") + 1 :] if content.startswith(b"\x93NUMPY") else content
    shape = draw(st.lists(DIMS, max_size=3))
    descr = draw(st.sampled_from(DESCRS))
    fortran = draw(st.sampled_from(["False", "True", "0", "None"]))
    header = f"{{'descr': {descr if descr.startswith(('[', chr(39))) else repr(descr)}, "
    header += f"'fortran_order': {fortran}, 'shape': ({', '.join(map(str, shape))},), }}"
    header = draw(st.sampled_from([header, header[: len(header) // 2], header.replace("'", '"')]))
    version = draw(st.sampled_from([(1, 0), (2, 0), (3, 0), (0, 1)]))
    data = draw(st.sampled_from([data, data[:-8], data + bytes(8), b""]))
    return [*members[:i], replace(members[i], content=npy_header(header, data, version)),
            *members[i + 1 :]]  # fmt: skip


def op_zip_fields(draw: st.DrawFn, members: list[Member]) -> list[Member]:
    i = _pick(draw, members)
    m = members[i]
    field = draw(st.sampled_from(["method", "flags", "version", "file_size", "crc"]))
    values = {
        "method": st.sampled_from([0, 8, 9, 12, 14, 93, 98, 99]) | st.integers(0, 2**16 - 1),
        "flags": st.sampled_from([0x1, 0x8, 0x20, 0x40, 0x41, 0x800]) | st.integers(0, 2**16 - 1),
        "version": st.sampled_from([10, 20, 45, 63, 64, 160]) | st.integers(0, 2**16 - 1),
        "file_size": st.integers(0, 2**32 - 1),
        "crc": st.integers(0, 2**32 - 1),
    }
    value = draw(values[field])
    if field == "method":  # keep the bytes the original method produced
        raw = build_member_raw(m)
        return [*members[:i], replace(m, method=value, raw=raw), *members[i + 1 :]]
    return [*members[:i], replace(m, **{field: value}), *members[i + 1 :]]


def build_member_raw(m: Member) -> bytes:
    from tests.core.test_npz_reader import deflate

    return deflate(m.content) if m.method == zipfile.ZIP_DEFLATED else m.content


def op_meta(draw: st.DrawFn, members: list[Member]) -> list[Member]:
    for i, m in enumerate(members):
        if m.name == "meta.npy":
            try:
                meta = json.loads(str(np.lib.format.read_array(io.BytesIO(m.content))[()]))
            except Exception:  # an earlier mutation broke it: leave it so
                return members
            if not isinstance(meta, dict):
                return members
            target: dict[str, Any] = meta
            runs = meta.get("runs")
            if isinstance(runs, list) and runs and draw(st.booleans()):
                target = runs[draw(st.integers(0, len(runs) - 1))]
                if not isinstance(target, dict):
                    return members
                states = [target.get("state"), *(target.get("checkpoints") or [])]
                states = [x for x in states if isinstance(x, dict)]
                if states and draw(st.booleans()):
                    target = draw(st.sampled_from(states))
            for key in ("dataset", "model", "model_config", "train_config", "training", "rng"):
                if isinstance(target.get(key), dict) and draw(st.booleans()):
                    target = target[key]
                    break
            key = draw(st.sampled_from(sorted(target)) | st.text(max_size=6))
            if draw(st.booleans()):
                target.pop(key, None)
            else:
                target[key] = draw(JSON_VALUES)
            text = json.dumps(meta)
            return [*members[:i], replace(m, content=npy(np.array(text))), *members[i + 1 :]]
    return members


def op_array(draw: st.DrawFn, members: list[Member]) -> list[Member]:
    i = _pick(draw, members)
    array = draw(RANDOM_ARRAYS)
    return [*members[:i], replace(members[i], content=npy(array)), *members[i + 1 :]]


def op_stored(draw: st.DrawFn, members: list[Member]) -> list[Member]:
    i = _pick(draw, members)
    return [*members[:i], replace(members[i], method=zipfile.ZIP_STORED), *members[i + 1 :]]


MEMBER_OPS: list[Callable[[st.DrawFn, list[Member]], list[Member]]] = [
    op_remove, op_add, op_rename, op_header, op_zip_fields, op_meta, op_array, op_stored,
]  # fmt: skip


@st.composite
def mutated_members(draw: st.DrawFn, kind: str) -> bytes:
    members = valid_members(kind)
    for _ in range(draw(st.integers(1, 3))):
        members = draw(st.sampled_from(MEMBER_OPS))(draw, members)
    return build_zip(members)


@st.composite
def mutated_bytes(draw: st.DrawFn, kind: str) -> bytes:
    data = bytearray(build_zip(valid_members(kind)))
    for _ in range(draw(st.integers(1, 6))):
        i = draw(st.integers(0, len(data) - 1))
        data[i] ^= draw(st.integers(1, 255))
    if draw(st.booleans()):
        data = data[: draw(st.integers(0, len(data)))]
    return bytes(data)


# -------------------------------------------------------------------------- tests


@pytest.mark.parametrize("kind", KINDS)
@FUZZ
@given(data=st.data())
def test_member_mutations_load_or_fail_cleanly(
    folder: Path, kind: str, data: st.DataObject
) -> None:
    check_contract(folder, kind, data.draw(mutated_members(kind)))


@pytest.mark.parametrize("kind", KINDS)
@FUZZ
@given(data=st.data())
def test_byte_flips_and_truncation_load_or_fail_cleanly(
    folder: Path, kind: str, data: st.DataObject
) -> None:
    check_contract(folder, kind, data.draw(mutated_bytes(kind)))


@pytest.mark.parametrize("kind", KINDS)
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_stored_files_with_flipped_bytes(folder: Path, kind: str, data: st.DataObject) -> None:
    """Stored members expose headers and data to flips (deflate mostly fails its checks)."""
    stored = [replace(m, method=zipfile.ZIP_STORED) for m in valid_members(kind)]
    raw = bytearray(build_zip(stored))
    for _ in range(data.draw(st.integers(1, 4))):
        i = data.draw(st.integers(0, len(raw) - 1))
        raw[i] ^= data.draw(st.integers(1, 255))
    check_contract(folder, kind, bytes(raw))


BOMB_HEADERS = [
    "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 67108864), }",
    "{'descr': '<f8', 'fortran_order': False, 'shape': (100000, 100000), }",
    "{'descr': '<U100000000', 'fortran_order': False, 'shape': (), }",
    "{'descr': '|b1', 'fortran_order': False, 'shape': (60,), }",
    "{'descr': '<f8', 'fortran_order': False, 'shape': (60, 2), }",
]


@pytest.mark.parametrize("kind", KINDS)
@settings(max_examples=12, deadline=None)
@given(data=st.data())
def test_bombs_stay_within_memory(folder: Path, kind: str, data: st.DataObject) -> None:
    members = valid_members(kind)
    header = data.draw(st.sampled_from([*BOMB_HEADERS, None]))
    head = b"" if header is None else npy_header(header)
    size = data.draw(st.sampled_from([2**24, 2**28, 300 * 2**20]))
    names = [m.name for m in members]
    extra = ["zeros.npy", "W9.npy", "history_epoch.npy", "r3_ckpt_params.npy"]
    name = data.draw(st.sampled_from([*names, *extra]))
    explosive = bomb(head, size, name)
    members = [explosive if m.name == name else m for m in members]
    if name not in names:
        members.append(explosive)
    archive = build_zip(members)
    tracemalloc.start()
    try:
        message = check_contract(folder, kind, archive)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert message is not None
    assert peak < BOMB_PEAK, f"{peak / 2**20:.1f} MB traced: {message}"
