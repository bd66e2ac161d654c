"""The strict .npz reader behind weight and session files, one hand-made bad file at a time.

Each file is built member by member with a small zip writer (so that flags,
methods, versions and declared sizes can say anything) and must either load or
raise the loader's file error, naming the file and the problem in a short
message, without decompressing more than a small budget.
"""

from __future__ import annotations

import io
import json
import struct
import tempfile
import tracemalloc
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

import numpy as np
import pytest

from playground.core.config import ModelConfig, TrainConfig
from playground.core.fileio import FileFormatError
from playground.core.files import WeightsFileError, load_weights, save_weights
from playground.core.model import Model
from playground.core.presets import make_dataset
from playground.core.sessions import Session, SessionFileError, load_session, save_session
from playground.core.trainer import Trainer

MAX_MESSAGE = 300  # characters after the path
BOMB_PEAK = 20 * 2**20  # bytes traced while refusing a bomb


# ------------------------------------------------------------------ a small zip writer


@dataclass(frozen=True)
class Member:
    """One zip member: its uncompressed content and what the directory says about it."""

    name: str
    content: bytes = b""
    method: int = zipfile.ZIP_DEFLATED
    flags: int = 0
    version: int = 20
    raw: bytes | None = None  # the stored bytes, when not derived from content
    file_size: int | None = None  # the declared uncompressed size
    crc: int | None = None


def deflate(data: bytes) -> bytes:
    """Raw deflate, as zip members hold it."""
    packer = zlib.compressobj(6, zlib.DEFLATED, -15)
    return packer.compress(data) + packer.flush()


def build_zip(members: list[Member]) -> bytes:
    """A zip archive of ``members`` in order, without zip64 records."""
    out, central = io.BytesIO(), io.BytesIO()
    for m in members:
        name = m.name.encode("utf-8")
        if m.raw is not None:
            raw = m.raw
        else:
            raw = deflate(m.content) if m.method == zipfile.ZIP_DEFLATED else m.content
        crc = zlib.crc32(m.content) if m.crc is None else m.crc
        size = len(m.content) if m.file_size is None else m.file_size
        common = struct.pack("<HHHHHIII", m.version, m.flags, m.method, 0, 33, crc, len(raw), size)
        offset = out.tell()
        out.write(b"PK\x03\x04" + common + struct.pack("<HH", len(name), 0) + name + raw)
        central.write(
            b"PK\x01\x02"
            + struct.pack("<H", 20)
            + common
            + struct.pack("<HHHHHII", len(name), 0, 0, 0, 0, 0, offset)
            + name
        )
    directory = central.getvalue()
    end = struct.pack(
        "<4sHHHHIIH", b"PK\x05\x06", 0, 0, len(members), len(members), len(directory),
        out.tell(), 0,
    )  # fmt: skip
    return out.getvalue() + directory + end


def members_of(data: bytes) -> list[Member]:
    """The members of a valid archive, to be changed and rebuilt."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return [Member(info.filename, archive.read(info)) for info in archive.infolist()]


def npy(array: np.ndarray) -> bytes:
    buffer = io.BytesIO()
    np.lib.format.write_array(buffer, array, allow_pickle=True)
    return buffer.getvalue()


def npy_header(header: str, data: bytes = b"", version: tuple[int, int] = (1, 0)) -> bytes:
    """A hand-made .npy file: any header text, padded like NumPy pads it, then ``data``."""
    text = header.encode("latin1") + b"\n"
    length = len(text).to_bytes(2 if version == (1, 0) else 4, "little")
    return b"\x93NUMPY" + bytes(version) + length + text + data


def set_member(members: list[Member], name: str, **changes: object) -> list[Member]:
    return [replace(m, **changes) if m.name == name else m for m in members]


# ------------------------------------------------------------------------- files


def _model() -> tuple[Model, TrainConfig]:
    config = ModelConfig(("x1", "x2", "x1^2"), (5, 3), ("relu", "tanh"))
    x = np.random.default_rng(1).uniform(-6.0, 6.0, (30, 2))
    model = Model.build(config, x)
    trainer = Trainer(model, TrainConfig("adam", 0.05, 8), x, np.arange(30) % 2)
    trainer.run(2)
    return model, trainer.config


def _saved(name: str, write: Callable[[Path], None]) -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        write(path)
        return path.read_bytes()


@cache
def weights_bytes() -> bytes:
    """A valid weight file: meta, W1, b1, W2, b2, W3, b3 (sizes 3, 5, 3, 1)."""
    model, train_config = _model()
    return _saved("w.npz", lambda path: save_weights(model, path, train_config, 2))


def session_object() -> Session:
    """A 3-class spiral of 60 points with a trained 2-6-3 network and its history."""
    data = make_dataset("spiral", 60, 0.1, 4, 0.25, arms=3)
    config = ModelConfig(hidden=(6,), activations=("tanh",), task="multiclass", n_classes=3,
                         loss="cross_entropy")  # fmt: skip
    model = Model.build(config, data.train_x)
    trainer = Trainer(model, TrainConfig(), data.train_x, data.train_y, data.test_x, data.test_y)
    trainer.run(3)
    return Session(data, config, trainer.config, model, trainer.history.chunk(), 3,
                   trainer.step_count, {"preset": "spiral", "view": [-6, 6, -6, 6]})  # fmt: skip


@cache
def session_bytes() -> bytes:
    """A valid session file (compressed, as save_session writes it)."""
    session = session_object()
    return _saved("s.mlps", lambda path: save_session(path, session))


LOADERS: dict[str, tuple[str, Callable[[Path], object], type[FileFormatError]]] = {
    "weights": ("w.npz", load_weights, WeightsFileError),
    "session": ("s.mlps", load_session, SessionFileError),
}


def valid_members(kind: str) -> list[Member]:
    return members_of(weights_bytes() if kind == "weights" else session_bytes())


def refused(tmp_path: Path, kind: str, data: bytes, match: str) -> str:
    """Write ``data`` as a ``kind`` file; it must be refused with a short message matching."""
    name, load, error = LOADERS[kind]
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(error, match=match) as info:
        load(path)
    message = str(info.value)
    assert message.startswith(f"{path}: ")
    assert len(message) - len(str(path)) <= MAX_MESSAGE, message
    return message


def peak_while_refused(tmp_path: Path, kind: str, data: bytes, match: str) -> int:
    """Bytes traced at the peak while the loader refuses ``data``."""
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        base = tracemalloc.get_traced_memory()[0]
        refused(tmp_path, kind, data, match)
        return tracemalloc.get_traced_memory()[1] - base
    finally:
        tracemalloc.stop()


# ---------------------------------------------------------------------- the cases


def test_the_zip_writer_round_trips_valid_files(tmp_path: Path) -> None:
    for kind, method in (("weights", zipfile.ZIP_STORED), ("session", zipfile.ZIP_DEFLATED)):
        members = [replace(m, method=method) for m in valid_members(kind)]
        name, load, _ = LOADERS[kind]
        (tmp_path / name).write_bytes(build_zip(members))
        load(tmp_path / name)
    loaded = load_weights(tmp_path / "w.npz")
    model, _ = _model()
    assert loaded.model.network.params.tobytes() == model.network.params.tobytes()


NON_ARRAYS = {
    "garbage member": (
        lambda ms: set_member(ms, "W1.npy", content=b"\x00garbage" * 9),
        "array 'W1' is not a .npy array",
    ),
    "notes.txt": (lambda ms: [*ms, Member("notes.txt", b"hi")], "unexpected member 'notes.txt'"),
    "folder": (lambda ms: [*ms, Member("data/", method=0)], "folder 'data/'"),
    "__MACOSX": (
        lambda ms: [*ms, Member("__MACOSX/._W1.npy", b"\x00\x05")],
        "unexpected member '__MACOSX/._W1.npy'",
    ),
    "sub-folder array": (lambda ms: [*ms, Member("a/W1.npy", ms[1].content)], "member 'a/W1.npy'"),
    "empty member": (lambda ms: set_member(ms, "b2.npy", content=b""), "'b2' is not a .npy"),
    "unknown array": (lambda ms: [*ms, Member("W4.npy", ms[1].content)], "unexpected array 'W4'"),
    "no meta": (lambda ms: ms[1:], "no 'meta' JSON string"),
    "duplicate": (lambda ms: [*ms, ms[1]], "holds array 'W1' twice"),
    "missing": (lambda ms: [m for m in ms if m.name != "b3.npy"], "missing array 'b3'"),
}


@pytest.mark.parametrize("case", list(NON_ARRAYS))
def test_members_that_are_not_the_formats_arrays(tmp_path: Path, case: str) -> None:
    change, match = NON_ARRAYS[case]
    members = valid_members("weights")
    assert members[0].name == "meta.npy" and members[1].name == "W1.npy"
    refused(tmp_path, "weights", build_zip(change(members)), match)


ZIP_FEATURES = {
    "encrypted": ({"flags": 0x1}, "member 'W1.npy' is encrypted"),
    "strong encryption": ({"flags": 0x41}, "member 'W1.npy' is encrypted"),
    "patched data": ({"flags": 0x20}, "patched data"),
    "method 99": ({"method": 99}, "compression method 99; only stored and deflated"),
    "bzip2": ({"method": zipfile.ZIP_BZIP2}, "compression method 12"),
    "corrupt lzma": ({"method": zipfile.ZIP_LZMA, "raw": b"\x00" * 40}, "compression method 14"),
    "zip version 16.0": ({"version": 160}, r"unsupported zip feature \(zip file version 16.0\)"),
    "bad crc": ({"crc": 12345}, r"corrupt or truncated archive \(Bad CRC-32"),
    "bad deflate": ({"raw": b"\xff" * 64}, "corrupt or truncated archive"),
    "short deflate": ({"raw": b"\x00\x00\x00"}, "corrupt or truncated archive"),
}


@pytest.mark.parametrize("case", list(ZIP_FEATURES))
def test_zip_features_become_file_errors(tmp_path: Path, case: str) -> None:
    changes, match = ZIP_FEATURES[case]
    for kind in ("weights", "session"):
        members = valid_members(kind)
        target = "W1.npy" if kind == "weights" else "x.npy"
        data = build_zip(set_member(members, target, **changes))
        refused(tmp_path, kind, data, match.replace("W1.npy", target))


def test_not_a_zip_at_all(tmp_path: Path) -> None:
    for data in (b"", b"hello", b"\x93NUMPY\x01\x00"):
        refused(tmp_path, "weights", data, r"not an \.npz archive")
    message = refused(tmp_path, "weights", b"PK\x03\x04 broken", "corrupt or truncated archive")
    assert "pickle" not in message
    refused(tmp_path, "session", session_bytes()[:-200], "corrupt or truncated archive")
    refused(tmp_path, "weights", weights_bytes()[:300], "corrupt or truncated archive")


def _w1(header: str, data: bytes = b"") -> list[Member]:
    return set_member(valid_members("weights"), "W1.npy", content=npy_header(header, data))


HEADERS = {
    "unterminated": ("{'descr': <f8", "unreadable .npy header"),
    "shape 2**64": (
        f"{{'descr': '<f8', 'fortran_order': False, 'shape': ({2**64},), }}",
        "of shape",
    ),
    "shape (True,)": (
        "{'descr': '<f8', 'fortran_order': False, 'shape': (True,), }",
        "invalid shape",
    ),
    "negative": ("{'descr': '<f8', 'fortran_order': False, 'shape': (-3, 5), }", "invalid shape"),
    "bad descr": (
        "{'descr': 'not-a-dtype', 'fortran_order': False, 'shape': (3, 5), }",
        "unreadable",
    ),
    "list descr": ("{'descr': [('a',)], 'fortran_order': False, 'shape': (3, 5), }", "unreadable"),
    "not a dict": ("[1, 2, 3]", "unreadable .npy header"),
    "keys": ("{'descr': '<f8', 'shape': (3, 5), }", "unreadable .npy header"),
    "nested": ("{'descr': " + "[" * 300 + "]" * 300 + "}", "unreadable .npy header"),
    "python 2": ("{'descr': '<f8', 'fortran_order': False, 'shape': (3L, 5L), }", "unreadable"),
    "structured": ("{'descr': [('a', '<f8')], 'fortran_order': False, 'shape': (3, 5), }", "dtype"),
    "subarray": (
        "{'descr': [('a', '<f8', (2,))], 'fortran_order': False, 'shape': (3, 5), }",
        "dtype",
    ),
    "text": ("{'descr': '<U3', 'fortran_order': False, 'shape': (3, 5), }", "dtype <U3"),
    "complex": ("{'descr': '<c16', 'fortran_order': False, 'shape': (3, 5), }", "dtype complex128"),
    "pickle": (
        "{'descr': '|O', 'fortran_order': False, 'shape': (3, 5), }",
        "holds pickled objects",
    ),
    "huge in a tiny file": (
        "{'descr': '<f8', 'fortran_order': False, 'shape': (100000, 100000), }",
        r"of shape \(100000, 100000\), expected floats or integers of shape \(3, 5\)",
    ),
    "long header": (
        "{'descr': '<f8', " + " " * 20_000 + "}",
        "header of 20,.* bytes, more than 10,000",
    ),
}


@pytest.mark.parametrize("case", list(HEADERS))
def test_hand_made_npy_headers(tmp_path: Path, case: str) -> None:
    header, match = HEADERS[case]
    version = (2, 0) if case == "long header" else (1, 0)
    members = set_member(
        valid_members("weights"), "W1.npy", content=npy_header(header, b"\x00" * 120, version)
    )
    message = refused(tmp_path, "weights", build_zip(members), match)
    assert ("pickled" in message) == (case == "pickle")


def test_npy_format_versions(tmp_path: Path) -> None:
    header = "{'descr': '<f8', 'fortran_order': False, 'shape': (3, 5), }"
    w1 = np.frombuffer(npy_header(header, b"\x00" * 120)[-120:], dtype="<f8")
    for version in ((2, 0), (3, 0), (9, 9)):
        content = npy_header(header, w1.tobytes(), version)
        members = set_member(valid_members("weights"), "W1.npy", content=content)
        (tmp_path / "w.npz").write_bytes(build_zip(members))
        if version == (2, 0):
            assert not load_weights(tmp_path / "w.npz").model.network.weights[0].any()
        else:
            refused(tmp_path, "weights", build_zip(members), "format version")


def test_declared_size_must_match_the_header(tmp_path: Path) -> None:
    members = valid_members("weights")
    w1 = members[1]
    for size in (len(w1.content) + 1, 100 * 2**20):
        data = build_zip(set_member(members, "W1.npy", file_size=size))
        refused(tmp_path, "weights", data, "declares .* in the zip directory but its header")
    # Less than the data: the zip layer stops early and its CRC check fails.
    data = build_zip(set_member(members, "W1.npy", file_size=len(w1.content) - 8))
    refused(tmp_path, "weights", data, "Bad CRC-32 for file 'W1.npy'")
    short = set_member(members, "W1.npy", content=w1.content[:-8])
    refused(tmp_path, "weights", build_zip(short), "declares")


def test_fortran_order_and_big_endian_arrays_load(tmp_path: Path) -> None:
    members = valid_members("weights")
    w1 = np.lib.format.read_array(io.BytesIO(members[1].content))
    for array in (np.asfortranarray(w1), w1.astype(">f8"), w1.astype(np.float32)):
        data = build_zip(set_member(members, "W1.npy", content=npy(array)))
        (tmp_path / "w.npz").write_bytes(data)
        loaded = load_weights(tmp_path / "w.npz").model.network.weights[0]
        np.testing.assert_array_equal(loaded, array.astype(np.float64))


def test_meta_must_be_a_short_json_string(tmp_path: Path) -> None:
    members = valid_members("weights")
    cases = {
        "number": (npy(np.array(3.0)), "'meta' has dtype float64, expected text"),
        "vector": (npy(np.array(["{}", "{}"])), r"'meta' is <U2 of shape \(2,\)"),
        "bytes": (npy(np.array(b"{}")), "'meta' has dtype |S2"),
        "not json": (npy(np.array("{nope")), "meta is not valid JSON"),
        "list": (npy(np.array("[1]")), "meta must be a JSON object"),
        "deep": (npy(np.array("[" * 100_000)), "meta is not valid JSON"),
        "too long": (
            npy(np.array("x" * 1_000_001)),
            "'meta' holds 1,000,001 characters, more than 1,000,000",
        ),
    }
    for content, match in cases.values():
        refused(
            tmp_path, "weights", build_zip(set_member(members, "meta.npy", content=content)), match
        )


def test_long_bad_values_are_cut_in_messages(tmp_path: Path) -> None:
    members = valid_members("weights")
    meta = json.loads(np.lib.format.read_array(io.BytesIO(members[0].content))[()])
    for key, value, match in (
        ("task", "t" * 900_000, "unknown task 'ttt"),
        ("format", "f" * 500_000, "not an mlp-playground-weights file"),
        ("version", ["v" * 1000] * 300, "unsupported version"),
        ("activations", ["a" * 100_000, "tanh"], "unknown activations entry 'aaa"),
        ("sizes", [3, *([5] * 200_000), 1], "at most 32 hidden layers"),
    ):
        content = npy(np.array(json.dumps(meta | {key: value})))
        data = build_zip(set_member(members, "meta.npy", content=content))
        assert "..." in refused(tmp_path, "weights", data, match)
    long_name = Member("n" * 60_000 + ".txt", b"")
    refused(tmp_path, "weights", build_zip([*members, long_name]), r"unexpected member 'nnn+\.\.\.")


# --------------------------------------------------------------------------- bombs


def deflated_zeros(head: bytes, n_zeros: int) -> tuple[bytes, int]:
    """Raw deflate of ``head`` then ``n_zeros`` zero bytes, built in a blink, and its CRC."""
    chunk = bytes(2**20)
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    stream = packer.compress(head) + packer.flush(zlib.Z_FULL_FLUSH)
    block = packer.compress(chunk) + packer.flush(zlib.Z_FULL_FLUSH)  # repeats verbatim
    crc = zlib.crc32(head)
    for _ in range(n_zeros // len(chunk)):
        crc = zlib.crc32(chunk, crc)
    tail = bytes(n_zeros % len(chunk))
    rest = packer.compress(tail) + packer.flush()
    return stream + block * (n_zeros // len(chunk)) + rest, zlib.crc32(tail, crc)


def bomb(head: bytes, n_zeros: int, name: str) -> Member:
    raw, crc = deflated_zeros(head, n_zeros)
    return Member(name, raw=raw, crc=crc, file_size=len(head) + n_zeros)


@cache
def bombs() -> dict[str, tuple[str, bytes, str]]:
    """The issue's three bombs and two more: (loader, file, expected message)."""
    weights, session = valid_members("weights"), valid_members("session")
    w1_header = npy_header(f"{{'descr': '<f8', 'fortran_order': False, 'shape': (2, {2**26}), }}")
    w1_small = npy_header(f"{{'descr': '<f8', 'fortran_order': False, 'shape': (2, {2**24}), }}")
    meta_header = npy_header(f"{{'descr': '<U{10**8}', 'fortran_order': False, 'shape': (), }}")
    x_header = npy_header("{'descr': '<f8', 'fortran_order': False, 'shape': (60, 2), }")
    return {
        "320 MB extra member": (
            "weights",
            build_zip([*weights, bomb(b"", 320 * 2**20, "zeros.npy")]),
            "unexpected array 'zeros'",
        ),
        "W1 of shape (2, 2**26)": (
            "weights",
            build_zip(
                [bomb(w1_header, 2**30, "W1.npy") if m.name == "W1.npy" else m for m in weights]
            ),
            "members add up to 1,024.0 MB, more than the 320.0 MB this format allows",
        ),
        "W1 of shape (2, 2**24), within the budget": (
            "weights",
            build_zip(
                [bomb(w1_small, 2**28, "W1.npy") if m.name == "W1.npy" else m for m in weights]
            ),
            r"'W1' is float64 of shape \(2, 16777216\), expected floats or integers of shape",
        ),
        "400 MB meta string": (
            "weights",
            build_zip([bomb(meta_header, 4 * 10**8, "meta.npy"), *weights[1:]]),
            "'meta' holds 100,000,000 characters, more than 1,000,000",
        ),
        "session x with a lying size": (
            "session",
            build_zip(
                [bomb(x_header, 300 * 2**20, "x.npy") if m.name == "x.npy" else m for m in session]
            ),
            "declares 300.0 MB in the zip directory but its header promises 1,0.. bytes",
        ),
        "over the budget": (
            "session",
            build_zip([*session[:-1], bomb(b"", 600 * 2**20, session[-1].name)]),
            "members add up to .* MB, more than the 512.0 MB",
        ),
    }


BOMBS = (
    "320 MB extra member",
    "W1 of shape (2, 2**26)",
    "W1 of shape (2, 2**24), within the budget",
    "400 MB meta string",
    "session x with a lying size",
    "over the budget",
)


def test_every_bomb_is_tested() -> None:
    assert set(BOMBS) == set(bombs())


@pytest.mark.parametrize("case", BOMBS)
def test_compressed_bombs_are_refused_before_decompressing(tmp_path: Path, case: str) -> None:
    kind, data, match = bombs()[case]
    assert len(data) < 2 * 2**20
    peak = peak_while_refused(tmp_path, kind, data, match)
    assert peak < BOMB_PEAK, f"{case}: {peak / 2**20:.1f} MB traced"


def test_a_file_over_the_budget_is_not_read(tmp_path: Path) -> None:
    path = tmp_path / "w.npz"
    with open(path, "wb") as handle:  # sparse: takes no disk space
        handle.write(weights_bytes())
        handle.truncate(321 * 2**20)
    tracemalloc.start()
    try:
        with pytest.raises(
            WeightsFileError, match=r"the file is 321\.0 MB, more than the 320\.0 MB"
        ):
            load_weights(path)
        assert tracemalloc.get_traced_memory()[1] < BOMB_PEAK
    finally:
        tracemalloc.stop()


def test_a_directory_of_too_many_entries_is_refused_before_parsing(tmp_path: Path) -> None:
    members = valid_members("weights")
    many = [*members, *(Member(f"W{i % 60}.npy", b"") for i in range(1000))]
    refused(tmp_path, "weights", build_zip(many), "lists more than 1000 members")


def test_a_json_weight_file_over_its_budget_is_not_read(tmp_path: Path) -> None:
    path = tmp_path / "w.json"
    with open(path, "wb") as handle:
        handle.truncate(1025 * 2**20)  # sparse
    with pytest.raises(WeightsFileError, match="the file is larger than 1024 MB"):
        load_weights(path)
