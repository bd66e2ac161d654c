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
from typing import Any

import numpy as np

from playground.core import fileio
from playground.core.config import ModelConfig, TrainConfig
from playground.core.datasets import Dataset
from playground.core.fileio import FileFormatError, PathLike
from playground.core.history import COLUMNS, HistoryChunk
from playground.core.model import Model
from playground.core.npz_reader import MAX_META_CHARS, NpzArchive
from playground.core.session_layout import (
    ARRAY_NAMES,
    NPZ_BUDGET,
    check_consistency,
    check_labels,
    plan_from_meta,
)

FORMAT = "mlp-playground-session"
VERSION = fileio.VERSION
SUFFIX = ".mlps"
#: Deepest nesting of lists and dicts in a session's ``extras``.
MAX_EXTRAS_DEPTH = 64


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


def _depth_within(value: object, limit: int) -> bool:
    """True when ``value`` nests lists and dicts at most ``limit`` deep (cycles never are)."""
    stack = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict | list | tuple):
            if depth >= limit:
                return False
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, depth + 1) for child in children)
    return True


def save_session(path: PathLike, session: Session) -> None:
    """Write ``session`` to ``path`` (suggested suffix ``.mlps``), atomically.

    Raises
    ------
    SessionFileError
        A ValueError naming ``path``, when ``extras`` is not JSON data or nests
        deeper than :data:`MAX_EXTRAS_DEPTH`, the counts are negative, the weights
        are not finite, or the data, model and history break a rule that
        :func:`load_session` checks; nothing is written.
    OSError
        When the file cannot be written; an existing file is then left untouched.
    """
    try:
        arrays = _session_arrays(session)
    except ValueError as exc:
        raise SessionFileError(f"{os.fspath(path)}: {exc}") from None
    fileio.atomic_write(path, lambda handle: np.savez_compressed(handle, **arrays))


def _session_arrays(session: Session) -> dict[str, Any]:
    """The arrays :func:`save_session` writes, meta first, after the load-time checks."""
    data, model, history = session.dataset, session.model, session.history
    if not isinstance(session.extras, dict):
        raise ValueError("the session extras must be a dict")
    if not _depth_within(session.extras, MAX_EXTRAS_DEPTH):
        raise ValueError(f"the session extras nest deeper than {MAX_EXTRAS_DEPTH} levels")
    shape = None if history is None else history.grad_norms.shape
    check_consistency(data.task, len(data), session.model_config, model and model.config, shape)
    check_labels(data, model and model.config)
    meta: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "dataset": {"task": data.task, "n_classes": int(data.n_classes), "n_points": len(data)},
        "model_config": fileio.model_config_dict(session.model_config),
        "train_config": fileio.train_config_dict(session.train_config),
        "model": None if model is None else fileio.model_config_dict(model.config),
        "history": None if shape is None else list(shape),
        "epoch": _count(session.epoch, "epoch"),
        "step": _count(session.step, "step"),
        "extras": session.extras,
    }
    try:
        text = json.dumps(meta, allow_nan=False)
    except (TypeError, ValueError, RecursionError) as exc:
        raise ValueError(
            f"the session extras are not plain JSON data ({fileio.shorten(exc)})"
        ) from None
    if len(text) > MAX_META_CHARS:
        raise ValueError(
            f"the session's settings and extras take {len(text):,} characters of JSON, "
            f"more than {MAX_META_CHARS:,}"
        )
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
    return arrays


def load_session(path: PathLike) -> Session:
    """Read a session written by :func:`save_session`.

    The archive is read with :class:`~playground.core.npz_reader.NpzArchive`:
    its directory, its meta and each array's header are checked before any
    data is decompressed, and the data, the model and the history are checked
    against each other: labels against the model's classes, the task against
    the output head, the history's width against the layer count, and at most
    :data:`~playground.core.datasets.MAX_POINTS` points.

    Raises
    ------
    SessionFileError
        For a corrupt or truncated file, another format or version, missing,
        extra, misshapen, pickled or non-finite arrays, unknown names or inconsistent
        settings. The message starts with the path.
    OSError
        When the file cannot be read.
    """
    try:
        archive = NpzArchive.open(path, FORMAT, ARRAY_NAMES.__contains__, NPZ_BUDGET)
        meta = archive.meta
        extras = meta.get("extras")
        if not isinstance(extras, dict):
            raise FileFormatError("'extras' must be a JSON object")
        model_config = fileio.model_config_from_dict(meta.get("model_config"))
        train_config = fileio.train_config_from_dict(meta.get("train_config"))
        epoch, step = fileio.field(meta, "epoch", int), fileio.field(meta, "step", int)
        if epoch < 0 or step < 0:
            raise FileFormatError("'epoch' and 'step' must be non-negative")
        plan = plan_from_meta(meta, model_config)
        arrays = archive.arrays(plan.specs())
        session = Session(
            dataset=plan.dataset(arrays),
            model_config=model_config,
            train_config=train_config,
            model=plan.model_from(arrays),
            history=plan.history_from(arrays),
            epoch=epoch,
            step=step,
            extras=extras,
        )
    except FileFormatError as exc:
        raise SessionFileError(f"{os.fspath(path)}: {exc}") from None
    return session
