"""The budgeted data read of one ``.npz`` member: exactly the bytes its header promises.

:func:`read_member` checks a member's ``.npy`` header against the caller's
:class:`~playground.core.npy_header.ArraySpec`, then the size the zip directory
declares against the header's length plus the data size the header promises, and
only then decompresses the data: in chunks, exactly the promised bytes, with the
CRC checked by the zip layer on the last byte and no byte allowed after it.
Every problem raises :class:`~playground.core.fileio.FileFormatError`.
"""

from __future__ import annotations

import zipfile
from math import prod
from typing import IO, Any

import numpy as np
from numpy.typing import NDArray

from playground.core.fileio import FileFormatError, shorten
from playground.core.npy_header import ArraySpec, check_dtype, read_header
from playground.core.npz_directory import ZIP_ERRORS

_CHUNK = 1 << 20


def size_text(n_bytes: int) -> str:
    """Write a byte count for messages: in MB from 1 MB on, else in bytes."""
    return f"{n_bytes / 2**20:,.1f} MB" if n_bytes >= 2**20 else f"{n_bytes:,} bytes"


def read_member(
    archive: zipfile.ZipFile,
    info: zipfile.ZipInfo,
    name: str,
    spec: ArraySpec,
    max_chars: int | None = None,
) -> NDArray[Any]:
    """Check a member's header against ``spec`` and its declared size, then read it.

    Parameters
    ----------
    archive : zipfile.ZipFile
        The open archive.
    info : zipfile.ZipInfo
        The member's entry, already checked by
        :func:`~playground.core.npz_directory.check_member`.
    name : str
        The array's name (without ``.npy``), for messages.
    spec : ArraySpec
        What the array must be.
    max_chars : int or None
        Most characters of a unicode dtype (for ``meta``), or None for no bound.

    Returns
    -------
    ndarray
        The array, of the shape ``spec`` gives, in native byte order; a boolean
        array holds only False and True.

    Raises
    ------
    FileFormatError
        For a header :func:`~playground.core.npy_header.read_header` or
        :func:`~playground.core.npy_header.check_dtype` refuses, another shape, a
        declared size that is not the header's length plus the data it promises,
        or data that is corrupt, truncated or followed by more bytes.
    """
    try:
        with archive.open(info) as stream:
            dtype, shape, fortran, header_end = read_header(stream, name)
            check_dtype(name, dtype, spec, max_chars)
            if shape != spec.shape:
                raise FileFormatError(
                    f"array {name!r} is {shorten(dtype)} of shape {shorten(shape)}, "
                    f"expected {spec.describe()}"
                )
            n_bytes = prod(shape) * dtype.itemsize
            if info.file_size != header_end + n_bytes:
                raise FileFormatError(
                    f"array {name!r} declares {size_text(info.file_size)} in the zip "
                    f"directory but its header promises {size_text(header_end + n_bytes)}"
                )
            raw = _read_data(stream, n_bytes, name)
    except FileFormatError:
        raise
    except ZIP_ERRORS as exc:
        raise FileFormatError(f"corrupt or truncated archive ({shorten(exc)})") from None
    array: NDArray[Any] = raw.view(dtype)
    array = array.reshape(shape[::-1]).transpose() if fortran else array.reshape(shape)
    if dtype.kind == "b":  # any non-zero byte is True; keep only 0 and 1
        flags: NDArray[np.bool_] = array.view(np.uint8) != 0
        return flags
    return array if dtype.isnative else array.astype(dtype.newbyteorder("="))


def _read_data(stream: IO[bytes], n_bytes: int, name: str) -> NDArray[np.uint8]:
    """Read exactly ``n_bytes`` from ``stream`` in chunks, then check the member ends there.

    Returns
    -------
    ndarray of shape (n_bytes,), uint8
        The raw data; the zip layer has checked its CRC on the last read.

    Raises
    ------
    FileFormatError
        When the member ends early or holds bytes after the data.
    """
    raw = np.empty(n_bytes, dtype=np.uint8)
    pos = 0
    while pos < n_bytes:
        chunk = stream.read(min(_CHUNK, n_bytes - pos))
        if not chunk:
            raise FileFormatError(f"array {name!r} is truncated")
        raw[pos : pos + len(chunk)] = np.frombuffer(chunk, dtype=np.uint8)
        pos += len(chunk)
    if stream.read(1):
        raise FileFormatError(f"array {name!r} has bytes after its data")
    return raw
