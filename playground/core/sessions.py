"""Session files: a whole playground (data, runs, weights, states, history, GUI) in one file.

A session file is a single NumPy ``.npz`` archive, read without pickle, holding a
``meta`` JSON string and plain arrays. :func:`save_session` writes version 2;
:func:`load_session` reads versions 1 and 2 (a version-1 file is one run without a
trainer state or checkpoints). Everything comes back bit for bit. The suggested
suffix is :data:`SUFFIX`; the archive is written through an open handle, so NumPy
never appends ``.npz``.

Version 2
---------
``meta`` holds ``format`` (``mlp-playground-session``), ``version`` (2),
``dataset`` (``{"task", "n_classes", "n_points"}``), ``runs`` (1 to 4 run objects),
``active`` (the shown run's index), ``compare`` (null or a JSON object, e.g.
``{"key": "activation", "values": ["tanh", "relu"]}``), ``lesson`` (null or
``{"title": str, "text": str, "goals": [...], ...}``) and ``extras`` (the GUI's JSON
object). Run ``r``'s object holds ``label``, ``model_config`` and ``train_config``
(the settings shown), ``model`` (null or the current network's settings),
``history`` (null or ``[n_rows, n_layers]``), ``history_layers`` (its per-layer
columns, ``grad_norms`` first; absent in older files, which hold only that one),
``epoch`` and ``step``, ``state``
(null or one trainer state's scalars), ``checkpoints`` (a list of them, in training
order) and ``max_checkpoints`` (4..500; at most that many checkpoints).

===============================  ======================  =====================================
array                            shape                   contents
===============================  ======================  =====================================
``x``                            (n_points, 2)           point coordinates, float64
``y``                            (n_points,)             int64 class indices or float64 targets
``is_test``                      (n_points,)             bool, True for test points
``r{r}_params``                  (n_params,)             flat ``[W1, b1, W2, b2, ...]`` (with a
                                                         model)
``r{r}_feature_offset/_scale``   (n_features,)           the model's fixed input scaling
``r{r}_history_<column>``        (n_rows,)               epoch, train_loss, test_loss,
                                                         train_metric, test_metric
``r{r}_history_<layer column>``  (n_rows, n_layers)      per layer: grad_norms, update_ratio
                                                         (``history_columns.LAYER_COLUMNS``)
``r{r}_state_<member>``          (1, ...)                the exact trainer state (with one)
``r{r}_ckpt_<member>``           (n_checkpoints, ...)    the checkpoints (with any)
===============================  ======================  =====================================

A state stack's members (``params``, ``previous_params``, ``epoch_gradsq``,
``opt_velocity``, ``opt_square_avg``, ``opt_m``, ``opt_v``, ``orders``) and its
scalars (``epoch``, ``step_count``, ``optimizer``, ``cursor``, ``order``,
``epoch_steps``, ``epoch_loss``, ``counts``, ``rng``, ``diverged``) are described in
:mod:`playground.core.session_states`. The reader derives every member's name, dtype
and exact shape from ``meta`` and checks the archive against them before it reads
any data (:mod:`playground.core.npz_reader`); it refuses more than 4 runs, more
checkpoints than a run declares, states that do not fit their run's network
(:func:`~playground.core.trainer_state.check_state`) and archives of more than
:data:`NPZ_BUDGET` bytes. A session too large for that budget is saved with fewer
checkpoints (every second one goes, first and latest kept, as often as needed) and,
failing that, without trainer states, as version 1 saved it.

Version 1
---------
``meta`` holds ``dataset``, ``model_config``, ``train_config``, ``model``,
``history``, ``epoch``, ``step`` and ``extras`` as a run's object does, and the arrays
are one run's without the ``r0_`` prefix (``x``, ``y``, ``is_test``, ``params``,
``feature_offset``, ``feature_scale``, ``history_<column>``, ``history_grad_norms``).
"""

from __future__ import annotations

import json
import os
from typing import Any

import numpy as np

from playground.core import fileio
from playground.core.fileio import FileFormatError, PathLike
from playground.core.npz_reader import MAX_META_CHARS, NpzArchive
from playground.core.session_layout import ARRAY_NAMES as V1_NAMES
from playground.core.session_layout import NPZ_BUDGET, plan_from_meta
from playground.core.session_types import MAX_RUNS, Session, SessionRun
from playground.core.sessions_v2 import ARRAY_NAMES as V2_NAMES
from playground.core.sessions_v2_meta import check_lesson, depth_within, json_object, plan_v2
from playground.core.sessions_v2_write import arrays_v2, without_states

__all__ = [
    "FORMAT", "MAX_EXTRAS_DEPTH", "MAX_RUNS", "NPZ_BUDGET", "SUFFIX", "VERSION", "Session",
    "SessionFileError", "SessionRun", "load_session", "save_session",
]  # fmt: skip

FORMAT = "mlp-playground-session"
#: The version :func:`save_session` writes.
VERSION = 2
#: The versions :func:`load_session` reads.
VERSIONS = (1, 2)
SUFFIX = ".mlps"
#: Deepest nesting of lists and dicts in a session's ``extras``, ``compare`` and ``lesson``.
MAX_EXTRAS_DEPTH = 64
_HEADER_BYTES = 128  # a .npy header, more or less: counted against the budget when saving


class SessionFileError(FileFormatError):
    """A session file that cannot be loaded; the message starts with its path."""


def save_session(path: PathLike, session: Session) -> None:
    """Write ``session`` to ``path`` (suggested suffix ``.mlps``) as version 2, atomically.

    A session whose arrays would exceed :data:`NPZ_BUDGET` (or whose meta would
    exceed :data:`~playground.core.npz_reader.MAX_META_CHARS` characters) is saved
    with its runs' checkpoints halved until it fits, first and latest kept, and
    at last without trainer states.

    Parameters
    ----------
    path : str or path-like
        The file to create or replace; no suffix is added.
    session : Session
        The data set, its 1 to :data:`MAX_RUNS` runs and the GUI's extras.

    Raises
    ------
    SessionFileError
        A ValueError naming ``path``, when ``extras``, ``compare`` or ``lesson`` is not
        JSON data or nests deeper than :data:`MAX_EXTRAS_DEPTH`, a count is negative,
        the weights are not finite, or the data, runs, states and history break a rule
        that :func:`load_session` checks; nothing is written.
    OSError
        When the file cannot be written; an existing file is then left untouched.
    """
    try:
        arrays = _fitted(session)
    except ValueError as exc:
        raise SessionFileError(f"{os.fspath(path)}: {exc}") from None
    fileio.atomic_write(path, lambda handle: np.savez_compressed(handle, **arrays))


def _check_json(session: Session) -> None:
    """Check that ``extras``, ``compare`` and ``lesson`` are JSON data of the shapes loaded.

    Raises
    ------
    ValueError
        For ``extras`` that are no dict, data nesting deeper than
        :data:`MAX_EXTRAS_DEPTH`, values JSON cannot hold (NaN included), or a
        ``compare`` or ``lesson`` of another shape.
    """
    if not isinstance(session.extras, dict):
        raise ValueError("the session extras must be a dict")
    for name, value in (("extras", session.extras), ("compare", session.compare),
                        ("lesson", session.lesson)):  # fmt: skip
        if not depth_within(value, MAX_EXTRAS_DEPTH):
            raise ValueError(f"the session {name} nest deeper than {MAX_EXTRAS_DEPTH} levels")
        try:
            json.dumps(value, allow_nan=False)
        except (TypeError, ValueError, RecursionError) as exc:
            raise ValueError(
                f"the session {name} are not plain JSON data ({fileio.shorten(exc)})"
            ) from None
    json_object(session.compare, "compare", MAX_EXTRAS_DEPTH)
    check_lesson(session.lesson, MAX_EXTRAS_DEPTH)


def _fitted(session: Session) -> dict[str, Any]:
    """Build the arrays :func:`save_session` writes, meta first, thinned to fit the budget.

    Returns
    -------
    dict of str to ndarray
        ``meta`` (the JSON text in a 0-d unicode array), then the arrays of
        :func:`~playground.core.sessions_v2_write.arrays_v2` for the session with as
        many checkpoints and states as fit.

    Raises
    ------
    ValueError
        When the session breaks a rule the loader checks, or does not fit even
        without trainer states.
    """
    _check_json(session)
    keep = max(len(run.checkpoints) for run in session.runs)
    candidate = session
    while True:
        meta, arrays = arrays_v2(candidate)
        meta = {"format": FORMAT, "version": VERSION, **meta, "compare": session.compare,
                "lesson": session.lesson, "extras": session.extras}  # fmt: skip
        text = json.dumps(meta, allow_nan=False)
        size = sum(a.nbytes + _HEADER_BYTES for a in arrays.values()) + 4 * len(text)
        if len(text) <= MAX_META_CHARS and size <= NPZ_BUDGET:
            return {"meta": np.array(text), **arrays}
        states = any(run.state is not None or run.checkpoints for run in candidate.runs)
        if not states:
            break
        keep //= 2  # at 0 the exact states go too
        candidate = without_states(session, keep)
    if len(text) > MAX_META_CHARS:
        raise ValueError(
            f"the session's settings and extras take {len(text):,} characters of JSON, "
            f"more than {MAX_META_CHARS:,}"
        )
    raise ValueError(
        f"the session's arrays take {size / 2**20:,.1f} MB, more than the "
        f"{NPZ_BUDGET / 2**20:,.1f} MB a session file may hold"
    )


def load_session(path: PathLike) -> Session:
    """Read a session written by :func:`save_session` (version 2) or an older one (1).

    The archive is read with :class:`~playground.core.npz_reader.NpzArchive`:
    its directory, its meta and each array's header are checked before any
    data is decompressed, and the data, the runs, their states and histories are
    checked against each other: labels against each model's classes, the task
    against each output head, each history's width against its layer count, each
    state against its network, at most :data:`MAX_RUNS` runs and at most
    :data:`~playground.core.datasets.MAX_POINTS` points.

    Parameters
    ----------
    path : str or path-like
        The session file, of at most :data:`NPZ_BUDGET` bytes.

    Returns
    -------
    Session
        The data set and runs as saved, their arrays bit for bit; a version-1 file
        gives one run without a trainer state or checkpoints.

    Raises
    ------
    SessionFileError
        For a corrupt or truncated file, another format or version, missing,
        extra, misshapen, pickled or non-finite arrays, unknown names or inconsistent
        settings. The message starts with the path.
    OSError
        When the file cannot be read.
    """
    names = V1_NAMES | V2_NAMES
    try:
        archive = NpzArchive.open(path, FORMAT, names.__contains__, NPZ_BUDGET, VERSIONS)
        meta = archive.meta
        extras = meta.get("extras")
        if not isinstance(extras, dict):
            raise FileFormatError("'extras' must be a JSON object")
        session = _load_v1(archive, extras) if meta["version"] == 1 else _load_v2(archive, extras)
    except FileFormatError as exc:
        raise SessionFileError(f"{os.fspath(path)}: {exc}") from None
    return session


def _load_v1(archive: NpzArchive, extras: dict[str, Any]) -> Session:
    """Read a version-1 archive: one run's settings, model and history, unprefixed."""
    meta = archive.meta
    model_config = fileio.model_config_from_dict(meta.get("model_config"))
    train_config = fileio.train_config_from_dict(meta.get("train_config"))
    epoch, step = fileio.field(meta, "epoch", int), fileio.field(meta, "step", int)
    if epoch < 0 or step < 0:
        raise FileFormatError("'epoch' and 'step' must be non-negative")
    plan = plan_from_meta(meta, model_config)
    arrays = archive.arrays(plan.specs())
    return Session(
        dataset=plan.dataset(arrays),
        model_config=model_config,
        train_config=train_config,
        model=plan.model_from(arrays),
        history=plan.history_from(arrays),
        epoch=epoch,
        step=step,
        extras=extras,
    )


def _load_v2(archive: NpzArchive, extras: dict[str, Any]) -> Session:
    """Read a version-2 archive: the data set, every run, ``compare`` and ``lesson``."""
    meta = archive.meta
    for key in ("compare", "lesson"):
        if key not in meta:
            raise FileFormatError(f"missing {key!r}")
    compare = json_object(meta["compare"], "compare", MAX_EXTRAS_DEPTH)
    lesson = check_lesson(meta["lesson"], MAX_EXTRAS_DEPTH)
    plan = plan_v2(meta)
    dataset, runs = plan.runs_from(archive.arrays(plan.specs()))
    return Session.from_runs(dataset, runs, plan.active, compare, lesson, extras)
