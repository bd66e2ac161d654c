"""Weight files: a model exported to ``.npz`` or ``.json`` and read back with full validation.

Both formats hold the same description (see the README's "Weight files" section):
a ``meta`` object naming the format and version, the task and classes, the input
features and their scaling, the layer sizes, activations and loss, the
initialisation and the training settings, plus each layer's ``W`` of shape
(fan_in, fan_out) and ``b`` of shape (fan_out,) so that ``Z = A @ W + b``.
Writes are atomic; a file that fails any check raises :class:`WeightsFileError`
and nothing is changed.

The generic helpers (atomic writes, strict JSON, checked settings) live in
:mod:`playground.core.fileio`, the strict ``.npz`` reader in
:mod:`playground.core.npz_reader`.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any

import numpy as np

from playground.core.config import ModelConfig, TrainConfig
from playground.core.features import FeatureMap
from playground.core.fileio import (
    VERSION,
    FileFormatError,
    PathLike,
    atomic_write,
    check_header,
    field,
    meta_array,
    model_config_from_dict,
    numbers,
    parse_json,
    quote,
    shorten,
    train_config_dict,
    train_config_from_dict,
)
from playground.core.losses import LOSSES
from playground.core.model import Model
from playground.core.network import Network
from playground.core.npy_header import ArraySpec
from playground.core.npz_reader import NpzArchive

FORMAT = "mlp-playground-weights"
SUFFIXES = (".npz", ".json")
#: Most bytes an ``.npz`` weight file may hold, decompressed: the largest network
#: the limits allow (33 weight layers of 1024 x 1024 float64, 277 MB) and its meta.
NPZ_BUDGET = 320 * 2**20
#: Largest ``.json`` weight file read: the largest network as text.
JSON_BUDGET = 1024 * 2**20
_NPZ_ARRAY = re.compile(r"[Wb][1-9][0-9]?")


class WeightsFileError(FileFormatError):
    """A weight file that cannot be loaded; the message starts with its path."""


@dataclass(frozen=True, eq=False)
class LoadedWeights:
    """What :func:`load_weights` returns.

    Attributes
    ----------
    model : Model
        The network with its features, scaling, task and weights.
    train_config : TrainConfig or None
        The training settings saved with it, if any.
    epoch : int
        Epochs trained when the file was written.
    meta : dict
        The file's meta object as read (without the JSON ``layers`` list).
    """

    model: Model
    train_config: TrainConfig | None
    epoch: int
    meta: dict[str, Any]


def build_model(
    config: ModelConfig, offset: Any, scale: Any, layers: list[tuple[Any, Any]]
) -> Model:
    """Make a :class:`Model` from a checked config, the input scaling and ``[(W1, b1), ...]``.

    Raises
    ------
    FileFormatError
        For a layer count, shape or value that does not fit ``config``.
    """
    sizes = (len(config.features), *config.hidden, config.n_outputs)
    if len(layers) != len(sizes) - 1:
        raise FileFormatError(f"{len(sizes) - 1} weight layers expected, found {len(layers)}")
    params = np.empty(sum(fan_in * fan_out + fan_out for fan_in, fan_out in pairwise(sizes)))
    pos = 0
    for i, (w, b) in enumerate(layers):
        fan_in, fan_out = sizes[i], sizes[i + 1]
        params[pos : pos + fan_in * fan_out] = numbers(w, (fan_in, fan_out), f"W{i + 1}").ravel()
        pos += fan_in * fan_out
        params[pos : pos + fan_out] = numbers(b, (fan_out,), f"b{i + 1}")
        pos += fan_out
    return scaled_model(config, offset, scale, params)


def scaled_model(config: ModelConfig, offset: Any, scale: Any, params: Any) -> Model:
    """Make a :class:`Model` from a checked config, the input scaling and flat parameters.

    Parameters
    ----------
    config : ModelConfig
        The architecture.
    offset, scale : array_like of shape (n_features,)
        The input scaling; every scale must be positive.
    params : array_like of shape (n_params,)
        Weights and biases laid out as :attr:`Network.params`.

    Raises
    ------
    FileFormatError
        For a scaling or a parameter count that does not fit ``config``.
    """
    n = len(config.features)
    offset = numbers(offset, (n,), "the input offset")
    scale = numbers(scale, (n,), "the input scale")
    if np.any(scale <= 0.0):
        raise FileFormatError("the input scale must be positive")
    try:
        return Model.from_params(config, FeatureMap(config.features, offset, scale), params)
    except ValueError as exc:
        raise FileFormatError(shorten(exc)) from None


# ---------------------------------------------------------------------- weight files


def _suffix(path: PathLike) -> str:
    suffix = Path(path).suffix.lower()
    if suffix not in SUFFIXES:
        raise ValueError(f"weight files end in .npz or .json, not {suffix or 'no suffix'!r}")
    return suffix


def weights_meta(
    model: Model, train_config: TrainConfig | None = None, epoch: int = 0
) -> dict[str, Any]:
    """Return the meta object of a weight file: every key but the JSON ``layers`` list."""
    config, network, features = model.config, model.network, model.features
    return {
        "format": FORMAT,
        "version": VERSION,
        "task": config.task,
        "classes": None if config.task == "regression" else list(range(config.n_classes)),
        "features": list(features.names),
        "input_offset": [float(v) for v in features.offset],
        "input_scale": [float(v) for v in features.scale],
        "sizes": list(network.sizes),
        "activations": list(network.activation_names),
        "output_activation": network.loss.output,
        "loss": network.loss.name,
        "init": config.init,
        "bias_init": float(config.bias_init),
        "seed": int(config.seed),
        "training": None if train_config is None else train_config_dict(train_config),
        "epoch": int(epoch),
    }


def _json_text(meta: dict[str, Any], network: Network) -> str:
    """Write the meta keys, then ``layers`` with one matrix row per line."""
    layers = []
    for w, b, activation in zip(
        network.weights, network.biases, [*network.activation_names, network.loss.output]
    ):
        rows = ",\n        ".join(json.dumps(row, allow_nan=False) for row in w.tolist())
        layers.append(
            f'    {{"units": {w.shape[1]}, "activation": {json.dumps(activation)},\n'
            f'      "W": [\n        {rows}\n      ],\n'
            f'      "b": {json.dumps(b.tolist(), allow_nan=False)}}}'
        )
    head = ",\n".join(
        f"  {json.dumps(k)}: {json.dumps(v, allow_nan=False)}" for k, v in meta.items()
    )
    return "{\n" + head + ',\n  "layers": [\n' + ",\n".join(layers) + "\n  ]\n}\n"


def save_weights(
    model: Model, path: PathLike, train_config: TrainConfig | None = None, epoch: int = 0
) -> None:
    """Export a model's weights, features, scaling and settings, atomically.

    Parameters
    ----------
    model : Model
        Weight layer ``l`` holds ``W`` of shape (fan_in, fan_out) and ``b`` of shape (fan_out,).
    path : str or path-like
        Ends in ``.npz`` (arrays ``W1, b1, W2, b2, ...`` plus a ``meta`` JSON
        string) or ``.json`` (the meta keys plus a ``layers`` list).
    train_config : TrainConfig, optional
        Training settings to record.
    epoch : int
        Epochs trained so far.

    Raises
    ------
    ValueError
        For another suffix, a negative epoch or non-finite weights (nothing is written).
    OSError
        When the file cannot be written; an existing file is then left untouched.
    """
    suffix = _suffix(path)
    if isinstance(epoch, bool) or not isinstance(epoch, int | np.integer) or epoch < 0:
        raise ValueError(f"epoch must be a non-negative integer, got {epoch!r}")
    network = model.network
    if not np.all(np.isfinite(network.params)):
        raise ValueError("the weights contain NaN or infinite values; nothing was saved")
    meta = weights_meta(model, train_config, int(epoch))
    if suffix == ".json":
        data = _json_text(meta, network).encode("utf-8")
        atomic_write(path, lambda handle: handle.write(data))
        return
    arrays: dict[str, Any] = {"meta": meta_array(meta)}
    for i, (w, b) in enumerate(zip(network.weights, network.biases), start=1):
        arrays[f"W{i}"], arrays[f"b{i}"] = w, b
    atomic_write(path, lambda handle: np.savez(handle, **arrays))


def _read_meta(meta: dict[str, Any]) -> tuple[ModelConfig, TrainConfig | None, int]:
    """Check every meta key of a weight file; return its model and training settings."""
    check_header(meta, FORMAT)
    task, classes = field(meta, "task", str), meta.get("classes", "missing")
    if task == "regression" and classes is not None:
        raise FileFormatError("a regression model must have 'classes': null")
    if task != "regression" and (
        not isinstance(classes, list)
        or classes != list(range(len(classes)))
        or not all(type(c) is int for c in classes)
    ):
        raise FileFormatError("'classes' must list the class indices 0, 1, ..., k-1")
    sizes = meta.get("sizes")
    if not isinstance(sizes, list) or len(sizes) < 2 or not all(type(s) is int for s in sizes):
        raise FileFormatError("'sizes' must list the input, hidden and output layer widths")
    keys = ("features", "activations", "loss", "init", "bias_init", "seed")
    config = model_config_from_dict(
        {key: meta.get(key) for key in keys}
        | {"hidden": sizes[1:-1], "task": task, "n_classes": len(classes or [0])}
    )
    if sizes[0] != len(config.features):
        raise FileFormatError(f"{quote(sizes[0])} inputs but {len(config.features)} features")
    if sizes[-1] != config.n_outputs:
        raise FileFormatError(
            f"the output layer has {quote(sizes[-1])} units but a {task} model with "
            f"{len(classes or [])} classes needs {config.n_outputs}"
        )
    output = LOSSES[config.loss].output
    if meta.get("output_activation") != output:
        raise FileFormatError(f"loss {config.loss!r} needs output activation {output!r}")
    training = meta.get("training", "missing")
    train_config = None if training is None else train_config_from_dict(training)
    epoch = field(meta, "epoch", int)
    if epoch < 0:
        raise FileFormatError(f"'epoch' must be non-negative, got {quote(epoch)}")
    return config, train_config, epoch


def _is_npz_array(name: str) -> bool:
    """``W1``, ``b1``, ... ``W99``, ``b99``: the array names a weight file may hold."""
    return _NPZ_ARRAY.fullmatch(name) is not None


def _npz_layers(archive: NpzArchive, config: ModelConfig) -> list[tuple[Any, Any]]:
    """``[(W1, b1), ...]`` read from ``archive``, each checked against the architecture."""
    sizes = (len(config.features), *config.hidden, config.n_outputs)
    specs = {}
    for i in range(1, len(sizes)):
        specs[f"W{i}"] = ArraySpec("iuf", (sizes[i - 1], sizes[i]))
        specs[f"b{i}"] = ArraySpec("iuf", (sizes[i],))
    arrays = archive.arrays(specs)
    return [(arrays[f"W{i}"], arrays[f"b{i}"]) for i in range(1, len(sizes))]


def _json_layers(layers: Any, config: ModelConfig) -> list[tuple[Any, Any]]:
    outputs = [*config.activations, LOSSES[config.loss].output]
    units = [*config.hidden, config.n_outputs]
    if not isinstance(layers, list) or len(layers) != len(outputs):
        raise FileFormatError(f"'layers' must be a list of {len(outputs)} layer objects")
    for i, layer in enumerate(layers, start=1):
        if not isinstance(layer, dict) or not {"units", "activation", "W", "b"} <= set(layer):
            raise FileFormatError(f"layer {i} needs 'units', 'activation', 'W' and 'b'")
        if layer["units"] != units[i - 1] or layer["activation"] != outputs[i - 1]:
            raise FileFormatError(
                f"layer {i} has {quote(layer['units'])} {quote(layer['activation'])} units but "
                f"'sizes' and the activations say {units[i - 1]} {outputs[i - 1]!r}"
            )
    return [(layer["W"], layer["b"]) for layer in layers]


def load_weights(path: PathLike) -> LoadedWeights:
    """Read a weight file written by :func:`save_weights` (or by anyone, in that format).

    Returns
    -------
    LoadedWeights
        The model, the saved training settings (or None), the epoch and the meta object.

    Raises
    ------
    WeightsFileError
        For a corrupt or truncated file, another format or version, missing,
        misshapen, pickled or non-finite arrays, unknown names, or a task that
        does not match the classes and output layer. The message starts with the path.
    ValueError
        For a suffix other than ``.npz`` and ``.json``.
    OSError
        When the file cannot be read.
    """
    suffix = _suffix(path)
    try:
        if suffix == ".npz":
            archive = NpzArchive.open(path, FORMAT, _is_npz_array, NPZ_BUDGET)
            meta = archive.meta
            config, train_config, epoch = _read_meta(meta)
            layers = _npz_layers(archive, config)
        else:
            if os.stat(path).st_size > JSON_BUDGET:
                raise FileFormatError(f"the file is larger than {JSON_BUDGET // 2**20} MB")
            try:
                text = Path(path).read_bytes().decode("utf-8")
            except UnicodeDecodeError:
                raise FileFormatError("the file is not UTF-8 text") from None
            meta = parse_json(text)
            if not isinstance(meta, dict):
                raise FileFormatError("the file must hold a JSON object")
            json_layers = meta.pop("layers", None)
            config, train_config, epoch = _read_meta(meta)
            layers = _json_layers(json_layers, config)
        model = build_model(config, meta.get("input_offset"), meta.get("input_scale"), layers)
    except FileFormatError as exc:
        raise WeightsFileError(f"{os.fspath(path)}: {exc}") from None
    return LoadedWeights(model, train_config, epoch, meta)
