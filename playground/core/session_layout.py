"""What a session archive holds, and the rules that bind its parts together.

A session's ``meta`` says how many points it has, which network (if any) and
how long a history; :func:`plan_from_meta` turns that into a
:class:`SessionPlan` of exact array shapes, after checking the rules both
:func:`~playground.core.sessions.save_session` and
:func:`~playground.core.sessions.load_session` enforce:

- at most :data:`~playground.core.datasets.MAX_POINTS` points, as for CSV files;
- a regression task for the data exactly when the model settings and the model
  are for regression;
- a history (unless empty) with one gradient column per weight layer of the network;
- every label a class of the model (:func:`check_labels`, once the labels are read).
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise
from typing import Any

import numpy as np
from numpy.typing import NDArray

from playground.core import fileio
from playground.core.config import ModelConfig
from playground.core.datasets import MAX_POINTS, Dataset
from playground.core.fileio import FileFormatError
from playground.core.files import build_model
from playground.core.history import COLUMNS, LAYER_COLUMNS, HistoryChunk
from playground.core.history_columns import REQUIRED_LAYER_COLUMN
from playground.core.model import Model
from playground.core.npy_header import ArraySpec

#: Every array name a session archive may hold besides ``meta``.
ARRAY_NAMES = frozenset(
    {"x", "y", "is_test", "params", "feature_offset", "feature_scale"}
    | {f"history_{c}" for c in (*COLUMNS, *LAYER_COLUMNS)}
)
#: The per-layer history columns a file that does not list its own holds.
OLD_LAYER_COLUMNS = (REQUIRED_LAYER_COLUMN,)
#: Most bytes a session file may hold, decompressed: the largest network the
#: limits allow (277 MB), MAX_POINTS points and a long history.
NPZ_BUDGET = 512 * 2**20

Arrays = dict[str, NDArray[Any]]


def _sizes(config: ModelConfig) -> tuple[int, ...]:
    """Return the layer sizes of ``config``'s network, inputs first, outputs last."""
    return (len(config.features), *config.hidden, config.n_outputs)


def check_consistency(
    task: str,
    n_points: int,
    model_config: ModelConfig,
    model: ModelConfig | None,
    history: tuple[int, int] | None,
) -> None:
    """Check the point count, the tasks and the history's shape against each other.

    Parameters
    ----------
    task : str
        The data's task.
    n_points : int
        Points in the data.
    model_config : ModelConfig
        The settings shown in the window.
    model : ModelConfig or None
        The current network's settings.
    history : (n_rows, n_layers) or None
        The history's shape; unless ``n_rows`` is 0, ``n_layers`` must be the
        network's weight layers (the model's, or the settings' without a model).

    Raises
    ------
    FileFormatError
        Naming the first rule broken.
    """
    if not 0 <= n_points <= MAX_POINTS:
        raise FileFormatError(
            f"a session holds 0..{MAX_POINTS} points, not {fileio.quote(n_points)}"
        )
    for what, config in (("model settings are", model_config), ("model is", model)):
        if config is not None and (config.task == "regression") != (task == "regression"):
            raise FileFormatError(f"the {what} for a {config.task} task, the data for {task}")
    if history is not None:
        n_layers = len((model or model_config).hidden) + 1
        if min(history) < 0:
            raise FileFormatError(f"the history's shape {fileio.quote(list(history))} is invalid")
        if history[0] > 0 and history[1] != n_layers:  # an empty one says nothing
            raise FileFormatError(
                f"the history holds {fileio.quote(history[1])} gradient norms per row "
                f"but the network has {n_layers} layers"
            )


def check_labels(dataset: Dataset, model: ModelConfig | None) -> None:
    """Check that every label of ``dataset`` is a class of the ``model`` (if it classifies).

    Parameters
    ----------
    dataset : Dataset
        The points; its labels ``y`` have shape (n_points,).
    model : ModelConfig or None
        The network's settings; None, or a regression model, checks nothing.

    Raises
    ------
    FileFormatError
        When a label is ``model.n_classes`` or more.
    """
    if model is not None and model.task != "regression" and len(dataset):
        top = int(dataset.y.max())
        if top >= model.n_classes:
            raise FileFormatError(
                f"the data has labels up to {top} but the model has {model.n_classes} classes"
            )


@dataclass(frozen=True)
class SessionPlan:
    """What a session's meta promises, checked before any array is read.

    Attributes
    ----------
    task : str
        The data's task.
    n_classes : int
        The data's palette size.
    n_points : int
        Points in the data.
    model : ModelConfig or None
        The current network's settings.
    history : (n_rows, n_layers) or None
        The history's shape.
    layer_columns : tuple of str
        The per-layer history columns the file holds (``grad_norms`` first; any of
        :data:`~playground.core.history.LAYER_COLUMNS`).
    """

    task: str
    n_classes: int
    n_points: int
    model: ModelConfig | None
    history: tuple[int, int] | None
    layer_columns: tuple[str, ...] = OLD_LAYER_COLUMNS

    def specs(self) -> dict[str, ArraySpec]:
        """List every array the archive must hold, with its dtype kinds and exact shape.

        Returns
        -------
        dict of str to ArraySpec
            ``x`` (n_points, 2) and ``y``, ``is_test`` (n_points,); with a model also
            ``params`` (n_params,) and ``feature_offset``, ``feature_scale``
            (n_features,); with a history ``history_<column>`` (n_rows,) and
            ``history_<name>`` (n_rows, n_layers) for each of :attr:`layer_columns`.
        """
        n = self.n_points
        specs = {
            "x": ArraySpec("f", (n, 2)),
            "y": ArraySpec("f" if self.task == "regression" else "iu", (n,)),
            "is_test": ArraySpec("b", (n,)),
        }
        if self.model is not None:
            n_params = sum(i * o + o for i, o in pairwise(_sizes(self.model)))
            specs["params"] = ArraySpec("f", (n_params,))
            n_features = len(self.model.features)
            specs["feature_offset"] = specs["feature_scale"] = ArraySpec("f", (n_features,))
        if self.history is not None:
            for column in COLUMNS:
                specs[f"history_{column}"] = ArraySpec("f", (self.history[0],))
            for name in self.layer_columns:
                specs[f"history_{name}"] = ArraySpec("f", self.history)
        return specs

    def dataset(self, arrays: Arrays) -> Dataset:
        """Build the data set from the arrays of :meth:`specs` and check it.

        Parameters
        ----------
        arrays : dict of str to ndarray
            At least ``x`` of shape (n_points, 2), ``y`` and ``is_test`` of shape
            (n_points,).

        Returns
        -------
        Dataset
            The points, labels or targets and train/test split, of the planned task
            and palette size.

        Raises
        ------
        FileFormatError
            For values :class:`~playground.core.datasets.Dataset` refuses (non-finite
            points, labels outside the palette, ...) or labels the model has no
            class for.
        """
        try:
            data = Dataset(arrays["x"], arrays["y"], arrays["is_test"], self.task, self.n_classes)
        except ValueError as exc:
            raise FileFormatError(f"invalid dataset: {fileio.shorten(exc)}") from None
        check_labels(data, self.model)
        return data

    def model_from(self, arrays: Arrays) -> Model | None:
        """Rebuild the network from the flat ``params`` and the input scaling.

        Parameters
        ----------
        arrays : dict of str to ndarray
            With a model, ``params`` of shape (n_params,), laid out
            ``[W1, b1, W2, b2, ...]`` with ``W`` row-major of shape (fan_in, fan_out),
            and ``feature_offset``, ``feature_scale`` of shape (n_features,).

        Returns
        -------
        Model or None
            The network with its features and scaling, or None when the session
            has none.

        Raises
        ------
        FileFormatError
            For non-finite weights or scaling, or a scale that is not positive.
        """
        if self.model is None:
            return None
        flat, layers, pos = arrays["params"], [], 0
        for fan_in, fan_out in pairwise(_sizes(self.model)):
            end = pos + fan_in * fan_out
            layers.append((flat[pos:end].reshape(fan_in, fan_out), flat[end : end + fan_out]))
            pos = end + fan_out
        return build_model(self.model, arrays["feature_offset"], arrays["feature_scale"], layers)

    def history_from(self, arrays: Arrays) -> HistoryChunk | None:
        """Gather the history's columns as read-only float64 copies.

        Parameters
        ----------
        arrays : dict of str to ndarray
            With a history, ``history_<column>`` of shape (n_rows,) for each of
            :data:`~playground.core.history.COLUMNS` and ``history_<name>`` of shape
            (n_rows, n_layers) for each of :attr:`layer_columns`.

        Returns
        -------
        HistoryChunk or None
            The history, or None when the session has none; per-layer columns the
            file does not hold (it is older than they are) are NaN.
        """
        if self.history is None:
            return None
        columns = {}
        for column in (*COLUMNS, *self.layer_columns):
            columns[column] = value = arrays[f"history_{column}"].astype(np.float64)
            value.flags.writeable = False
        return HistoryChunk(**columns)


def plan_from_meta(meta: dict[str, Any], model_config: ModelConfig) -> SessionPlan:
    """Read the ``dataset``, ``model`` and ``history`` keys of a session's meta.

    Parameters
    ----------
    meta : dict
        The meta object; ``model`` and ``history`` must be present, null allowed.
    model_config : ModelConfig
        The settings shown in the window, already read from the meta.

    Returns
    -------
    SessionPlan
        The task, palette size, point count, network settings and history shape,
        consistent with each other.

    Raises
    ------
    FileFormatError
        For missing or mistyped keys, or a broken :func:`check_consistency` rule.
    """
    info = meta.get("dataset")
    if not isinstance(info, dict):
        raise FileFormatError("missing 'dataset'")
    task = fileio.field(info, "task", str)
    n_classes = fileio.field(info, "n_classes", int)
    n_points = fileio.field(info, "n_points", int)
    model, shape, layers = model_and_history(meta, task, n_points, model_config)
    return SessionPlan(task, n_classes, n_points, model, shape, layers)


def model_and_history(
    obj: dict[str, Any], task: str, n_points: int, model_config: ModelConfig
) -> tuple[ModelConfig | None, tuple[int, int] | None, tuple[str, ...]]:
    """Read a run's ``model`` and ``history`` entries and check them against each other.

    Parameters
    ----------
    obj : dict
        The run's JSON object (the whole ``meta`` of a version-1 file).
    task : str
        The data set's task.
    n_points : int
        The data set's point count.
    model_config : ModelConfig
        The settings shown for the run.

    Returns
    -------
    tuple
        The current network's settings (or None), the history's
        ``(n_rows, n_layers)`` (or None) and its per-layer columns (the optional
        ``history_layers`` list; ``["grad_norms"]`` when absent, as files written
        before it have).

    Raises
    ------
    FileFormatError
        For a mistyped entry or a broken :func:`check_consistency` rule.
    """
    model = None
    if obj.get("model", "missing") is not None:
        model = fileio.model_config_from_dict(obj.get("model"))
    raw = obj.get("history", "missing")
    shape = None
    if raw is not None:
        if not isinstance(raw, list) or len(raw) != 2 or not all(type(s) is int for s in raw):
            raise FileFormatError("'history' must be null or [n_rows, n_layers]")
        shape = (raw[0], raw[1])
    check_consistency(task, n_points, model_config, model, shape)
    return model, shape, layer_columns(obj.get("history_layers"))


def layer_columns(raw: Any) -> tuple[str, ...]:
    """Check a run's ``history_layers`` entry: None, or distinct known names, ``grad_norms`` first.

    Raises
    ------
    FileFormatError
        For anything else.
    """
    if raw is None:
        return OLD_LAYER_COLUMNS
    if (
        not isinstance(raw, list)
        or not raw
        or raw[0] != REQUIRED_LAYER_COLUMN
        or len(set(raw)) != len(raw)
        or not all(isinstance(name, str) and name in LAYER_COLUMNS for name in raw)
    ):
        raise FileFormatError(
            f"'history_layers' must list distinct names of {', '.join(LAYER_COLUMNS)},"
            f" {REQUIRED_LAYER_COLUMN} first"
        )
    return tuple(raw)
