"""Session files: a whole playground (data, settings, weights, history, GUI state) in one file.

A session file is a single NumPy ``.npz`` archive, read without pickle, holding a
``meta`` JSON string (format ``mlp-playground-session``, version 1, the task,
the model and training settings, epoch and step counts and the GUI's
``extras``) and plain arrays:

==========================  =====================  ==========================================
array                       shape                  contents
==========================  =====================  ==========================================
``x``                       (n_points, 2)          point coordinates, float64
``y``                       (n_points,)            int64 class indices or float64 targets
``is_test``                 (n_points,)            bool, True for test points
``params``                  (n_params,)            flat ``[W1, b1, W2, b2, ...]`` (with a model)
``feature_offset/_scale``   (n_features,)          the model's fixed input scaling
``history_<column>``        (n_rows,)              epoch, train_loss, test_loss, train_metric,
                                                   test_metric (with a history)
``history_grad_norms``      (n_rows, n_layers)     per-layer gradient norms
==========================  =====================  ==========================================

Everything comes back bit for bit. The suggested suffix is :data:`SUFFIX`; the
archive is written through an open handle, so NumPy never appends ``.npz``.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

import numpy as np
from numpy.typing import NDArray

from playground.core import fileio
from playground.core.config import ModelConfig, TrainConfig
from playground.core.datasets import Dataset
from playground.core.fileio import FileFormatError, PathLike
from playground.core.files import build_model
from playground.core.history import COLUMNS, HistoryChunk
from playground.core.model import Model

FORMAT = "mlp-playground-session"
VERSION = fileio.VERSION
SUFFIX = ".mlps"


class SessionFileError(FileFormatError):
    """A session file that cannot be loaded; the message starts with its path."""


@dataclass(frozen=True, eq=False)
class Session:
    """Everything needed to reopen a playground where it was left.

    Attributes
    ----------
    dataset : Dataset
        The points with their train/test assignment, task and palette size.
    model_config : ModelConfig
        The architecture settings shown in the GUI (they may differ from
        ``model.config`` while a change waits for a reset).
    train_config : TrainConfig
        The training settings.
    model : Model or None
        The current network with its input scaling and weights.
    history : HistoryChunk or None
        Per-epoch losses, metrics and gradient norms so far.
    epoch, step : int
        Counts of epochs and mini-batch steps trained.
    extras : dict
        JSON data for the GUI (test ratio, preset, stop conditions, view, ...);
        tuples come back as lists.
    """

    dataset: Dataset
    model_config: ModelConfig
    train_config: TrainConfig
    model: Model | None = None
    history: HistoryChunk | None = None
    epoch: int = 0
    step: int = 0
    extras: dict[str, Any] = field(default_factory=dict)


def _count(value: object, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < 0:
        raise ValueError(f"{name} must be a non-negative integer, got {value!r}")
    return int(value)


def save_session(path: PathLike, session: Session) -> None:
    """Write ``session`` to ``path`` (suggested suffix ``.mlps``), atomically.

    Raises
    ------
    ValueError
        When ``extras`` is not JSON data, the counts are negative or the weights
        are not finite; nothing is written.
    OSError
        When the file cannot be written; an existing file is then left untouched.
    """
    data, model, history = session.dataset, session.model, session.history
    meta: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "dataset": {"task": data.task, "n_classes": int(data.n_classes), "n_points": len(data)},
        "model_config": fileio.model_config_dict(session.model_config),
        "train_config": fileio.train_config_dict(session.train_config),
        "model": None if model is None else fileio.model_config_dict(model.config),
        "history": None if history is None else list(history.grad_norms.shape),
        "epoch": _count(session.epoch, "epoch"),
        "step": _count(session.step, "step"),
        "extras": session.extras,
    }
    if not isinstance(session.extras, dict):
        raise ValueError("the session extras must be a dict")
    try:
        text = json.dumps(meta, allow_nan=False)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"the session extras are not plain JSON data ({exc})") from None
    arrays: dict[str, Any] = {"meta": np.array(text), "x": data.x, "y": data.y}
    arrays["is_test"] = data.is_test
    if model is not None:
        if not np.all(np.isfinite(model.network.params)):
            raise ValueError("the weights contain NaN or infinite values; nothing was saved")
        arrays["params"] = model.network.params
        arrays["feature_offset"] = model.features.offset
        arrays["feature_scale"] = model.features.scale
    if history is not None:
        for column in (*COLUMNS, "grad_norms"):
            arrays[f"history_{column}"] = np.asarray(getattr(history, column), dtype=np.float64)
    fileio.atomic_write(path, lambda handle: np.savez_compressed(handle, **arrays))


def _array(arrays: dict[str, NDArray[Any]], name: str, shape: tuple[int, ...], kinds: str) -> Any:
    value = arrays.get(name)
    if value is None:
        raise FileFormatError(f"missing array {name!r}")
    if value.shape != shape or value.dtype.kind not in kinds:
        raise FileFormatError(
            f"array {name!r} is {value.dtype} of shape {value.shape}, expected {shape}"
        )
    return value


def _dataset(meta: dict[str, Any], arrays: dict[str, NDArray[Any]]) -> Dataset:
    info = meta.get("dataset")
    if not isinstance(info, dict):
        raise FileFormatError("missing 'dataset'")
    task = fileio.field(info, "task", str)
    n = fileio.field(info, "n_points", int)
    x = _array(arrays, "x", (n, 2), "f")
    y = _array(arrays, "y", (n,), "f" if task == "regression" else "iu")
    is_test = _array(arrays, "is_test", (n,), "b")
    try:
        return Dataset(x, y, is_test, task, fileio.field(info, "n_classes", int))
    except ValueError as exc:
        raise FileFormatError(f"invalid dataset: {exc}") from None


def _model(meta: dict[str, Any], arrays: dict[str, NDArray[Any]]) -> Model | None:
    if meta.get("model", "missing") is None:
        return None
    config = fileio.model_config_from_dict(meta.get("model"))
    n_features = len(config.features)
    sizes = (n_features, *config.hidden, config.n_outputs)
    shapes = list(pairwise(sizes))
    flat = _array(arrays, "params", (sum(i * o + o for i, o in shapes),), "f")
    layers, pos = [], 0
    for fan_in, fan_out in shapes:
        end = pos + fan_in * fan_out
        layers.append((flat[pos:end].reshape(fan_in, fan_out), flat[end : end + fan_out]))
        pos = end + fan_out
    offset = _array(arrays, "feature_offset", (n_features,), "f")
    scale = _array(arrays, "feature_scale", (n_features,), "f")
    return build_model(config, offset, scale, layers)


def _history(meta: dict[str, Any], arrays: dict[str, NDArray[Any]]) -> HistoryChunk | None:
    shape = meta.get("history", "missing")
    if shape is None:
        return None
    if not isinstance(shape, list) or len(shape) != 2 or not all(type(s) is int for s in shape):
        raise FileFormatError("'history' must be null or [n_rows, n_layers]")
    columns = {c: _array(arrays, f"history_{c}", (shape[0],), "f") for c in COLUMNS}
    columns["grad_norms"] = _array(arrays, "history_grad_norms", tuple(shape), "f")
    for key, value in columns.items():
        columns[key] = value = value.astype(np.float64)
        value.flags.writeable = False
    return HistoryChunk(**columns)


def _expected_arrays(meta: dict[str, Any]) -> set[str]:
    names = {"x", "y", "is_test"}
    if meta.get("model") is not None:
        names |= {"params", "feature_offset", "feature_scale"}
    if meta.get("history") is not None:
        names |= {f"history_{c}" for c in (*COLUMNS, "grad_norms")}
    return names


def load_session(path: PathLike) -> Session:
    """Read a session written by :func:`save_session`.

    Raises
    ------
    SessionFileError
        For a corrupt or truncated file, another format or version, missing,
        misshapen, pickled or non-finite arrays, unknown names or inconsistent
        settings. The message starts with the path.
    OSError
        When the file cannot be read.
    """
    try:
        meta, arrays = fileio.read_npz(path)
        fileio.check_header(meta, FORMAT)
        extra = sorted(set(arrays) - _expected_arrays(meta))
        if extra:
            raise FileFormatError(f"unexpected array {', '.join(extra)}")
        extras = meta.get("extras")
        if not isinstance(extras, dict):
            raise FileFormatError("'extras' must be a JSON object")
        session = Session(
            dataset=_dataset(meta, arrays),
            model_config=fileio.model_config_from_dict(meta.get("model_config")),
            train_config=fileio.train_config_from_dict(meta.get("train_config")),
            model=_model(meta, arrays),
            history=_history(meta, arrays),
            epoch=fileio.field(meta, "epoch", int),
            step=fileio.field(meta, "step", int),
            extras=extras,
        )
        if session.epoch < 0 or session.step < 0:
            raise FileFormatError("'epoch' and 'step' must be non-negative")
    except FileFormatError as exc:
        raise SessionFileError(f"{os.fspath(path)}: {exc}") from None
    return session
