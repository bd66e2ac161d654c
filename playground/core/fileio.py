"""Generic file helpers shared by weight files and session files.

Atomic writes, strict JSON, short quotations of bad values, header and field
checks, and the model and training settings as checked JSON values (the
``.npz`` reader is :mod:`playground.core.npz_reader`). Every
problem with a file's contents raises :class:`FileFormatError`; the weight
and session modules (:mod:`playground.core.files`, :mod:`playground.core.sessions`)
add the path to the message.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import stat
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import IO, Any

import numpy as np
from numpy.typing import NDArray

from playground.core.config import ModelConfig, TrainConfig
from playground.core.settings import MAX_QUOTED, quote, shorten

Array = NDArray[np.float64]
PathLike = str | os.PathLike[str]

VERSION = 1
"""The one version of the weight and session formats this program reads and writes."""

__all__ = [
    "MAX_QUOTED",
    "VERSION",
    "FileFormatError",
    "PathLike",
    "atomic_write",
    "check_header",
    "field",
    "meta_array",
    "model_config_dict",
    "model_config_from_dict",
    "numbers",
    "parse_json",
    "quote",
    "shorten",
    "train_config_dict",
    "train_config_from_dict",
]


class FileFormatError(ValueError):
    """A weights or session file that is corrupt, inconsistent or of another format."""


def atomic_write(path: PathLike, write: Callable[[IO[bytes]], object]) -> None:
    """Create or replace ``path`` with what ``write(handle)`` writes, all or nothing.

    The bytes go to a temporary file in the target's directory, are flushed and
    fsynced, and the temporary file then replaces the target (keeping its
    permissions). On failure the temporary file is removed and any existing
    target is left untouched. System errors (a missing folder, no permission,
    a folder of that name) name ``path``, never the temporary file.
    """
    target = Path(os.path.realpath(path))
    mode = stat.S_IMODE(target.stat().st_mode) if target.exists() else 0o644
    try:
        fd, temporary = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=".tmp", dir=target.parent
        )
    except OSError as exc:
        raise _naming(exc, path) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(exc, OSError) and exc.filename == temporary:
            raise _naming(exc, path) from None
        raise


def _naming(exc: OSError, path: PathLike) -> OSError:
    """``exc`` about ``path`` instead of the temporary file (same errno and subclass)."""
    return OSError(exc.errno, exc.strerror, os.fspath(path))


def meta_array(meta: Mapping[str, Any]) -> NDArray[np.str_]:
    """``meta`` as strict JSON in a 0-d unicode array, readable without pickle."""
    return np.array(json.dumps(meta, allow_nan=False))


def _no_constant(name: str) -> None:
    raise ValueError(f"{name} is not a JSON number")


def parse_json(text: str, what: str = "the file") -> Any:
    """Strict JSON (NaN and Infinity refused); errors raise :class:`FileFormatError`."""
    try:
        return json.loads(text, parse_constant=_no_constant)
    except (ValueError, RecursionError) as exc:
        raise FileFormatError(f"{what} is not valid JSON ({shorten(exc)})") from None


def check_header(meta: Mapping[str, Any], fmt: str) -> None:
    """Check the ``format`` name and the ``version`` (only :data:`VERSION` is read)."""
    if meta.get("format") != fmt:
        raise FileFormatError(f"not an {fmt} file (format is {quote(meta.get('format'))})")
    version = meta.get("version")
    if version != VERSION or type(version) is not int:
        raise FileFormatError(f"unsupported version {quote(version)}; this program reads {VERSION}")


def field(obj: Mapping[str, Any], key: str, kind: type) -> Any:
    """``obj[key]`` checked to be a str, int, bool or finite float (ints count as floats)."""
    if key not in obj:
        raise FileFormatError(f"missing {key!r}")
    value = obj[key]
    if kind is float:
        ok = isinstance(value, int | float) and not isinstance(value, bool)
        with contextlib.suppress(OverflowError):  # a huge JSON integer
            if ok and math.isfinite(value):
                return float(value)
        return _wrong(key, "a finite number", value)
    ok = isinstance(value, kind) and (kind is bool or not isinstance(value, bool))
    return value if ok else _wrong(key, f"of type {kind.__name__}", value)


def _wrong(key: str, what: str, value: object) -> Any:
    raise FileFormatError(f"{key!r} must be {what}, got {quote(value)}")


def model_config_dict(config: ModelConfig) -> dict[str, Any]:
    """Return a :class:`ModelConfig` as JSON values."""
    return {
        "features": list(config.features),
        "hidden": [int(h) for h in config.hidden],
        "activations": list(config.activations),
        "task": config.task,
        "n_classes": int(config.n_classes),
        "loss": config.loss,
        "init": config.init,
        "bias_init": float(config.bias_init),
        "seed": int(config.seed),
    }


def model_config_from_dict(obj: Any) -> ModelConfig:
    """Check and rebuild a :class:`ModelConfig` from :func:`model_config_dict` values.

    This checks the JSON types; the settings' limits and rules are
    :func:`playground.core.settings.validate`'s, which the new config runs.
    """
    if not isinstance(obj, dict):
        raise FileFormatError("the model settings must be a JSON object")
    hidden = obj.get("hidden")
    if not isinstance(hidden, list) or not all(type(h) is int for h in hidden):
        raise FileFormatError("'hidden' must be a list of layer widths")
    values = {key: field(obj, key, kind) for key, kind in _MODEL_TYPES.items()}
    try:
        return ModelConfig(
            features=_strings(obj, "features"),
            hidden=tuple(hidden),
            activations=_strings(obj, "activations"),
            **values,
        )
    except ValueError as exc:
        raise FileFormatError(shorten(exc)) from None


def _strings(obj: Mapping[str, Any], key: str) -> tuple[str, ...]:
    """Return ``obj[key]``, checked to be a list of strings, as a tuple."""
    value = obj.get(key)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise FileFormatError(f"{key!r} must be a list of names")
    return tuple(value)


_MODEL_TYPES: dict[str, type] = {
    "task": str,
    "n_classes": int,
    "loss": str,
    "init": str,
    "bias_init": float,
    "seed": int,
}
_TRAIN_TYPES: dict[str, type] = {
    "optimizer": str,
    "learning_rate": float,
    "batch_size": int,
    "l1": float,
    "l2": float,
    "momentum": float,
    "nesterov": bool,
}


def train_config_dict(config: TrainConfig) -> dict[str, Any]:
    """Return a :class:`TrainConfig` as JSON values."""
    return {key: kind(getattr(config, key)) for key, kind in _TRAIN_TYPES.items()}


def train_config_from_dict(obj: Any) -> TrainConfig:
    """Check and rebuild a :class:`TrainConfig` from :func:`train_config_dict` values."""
    if not isinstance(obj, dict):
        raise FileFormatError("the training settings must be a JSON object")
    values = {key: field(obj, key, kind) for key, kind in _TRAIN_TYPES.items()}
    try:
        return TrainConfig(**values)
    except ValueError as exc:
        raise FileFormatError(shorten(exc)) from None


def numbers(value: Any, shape: tuple[int, ...], name: str) -> Array:
    """Return a finite float64 array of exactly ``shape`` from an array or nested JSON lists."""
    try:
        array = np.asarray(value)
    except ValueError:
        array = np.asarray(None)  # ragged nested lists
    if array.dtype.kind not in "iuf":
        raise FileFormatError(f"{name} must hold numbers of shape {shape}")
    if array.shape != shape:
        raise FileFormatError(f"{name} has shape {array.shape}, expected {shape}")
    if not np.all(np.isfinite(array)):
        raise FileFormatError(f"{name} contains NaN or infinite values")
    return array.astype(np.float64)
