"""The ``.npy`` header checks: what an array must be, and what its header claims.

An :class:`ArraySpec` says what one array of an archive must be: its dtype kinds
and exact shape. :func:`read_header` parses a member's ``.npy`` header with
:mod:`numpy.lib.format` from at most :data:`MAX_HEADER_SIZE` bytes, reading no
further than the header, and :func:`check_dtype` checks the dtype it names
against the spec (never an object dtype, which would need pickle) before any data
is read. Every problem raises :class:`~playground.core.fileio.FileFormatError`.
"""

from __future__ import annotations

import ast
import io
from dataclasses import dataclass
from typing import IO, Any

import numpy as np
from numpy.lib import format as npy_format

from playground.core.fileio import FileFormatError, shorten

#: Longest ``.npy`` header read (NumPy's own default limit).
MAX_HEADER_SIZE = 10_000
_KIND_NAMES = {"f": "floats", "i": "integers", "u": "integers", "b": "booleans", "U": "text"}
_HEADER_READERS = {
    (1, 0): npy_format.read_array_header_1_0,
    (2, 0): npy_format.read_array_header_2_0,
}
#: What parsing a hand-made ``.npy`` header can raise.
_HEADER_ERRORS = (
    SyntaxError, ValueError, TypeError, OverflowError, IndexError, KeyError, RecursionError,
)  # fmt: skip


@dataclass(frozen=True)
class ArraySpec:
    """What one array of an archive must be.

    Attributes
    ----------
    kinds : str
        Accepted NumPy dtype kinds, e.g. ``"f"`` for floats or ``"iu"`` for integers.
    shape : tuple of int
        The exact shape.
    """

    kinds: str
    shape: tuple[int, ...]

    def describe(self) -> str:
        """Describe the spec for messages, e.g. ``"floats of shape (2, 4)"``."""
        kinds = sorted({_KIND_NAMES.get(k, k) for k in self.kinds})
        return f"{' or '.join(kinds)} of shape {self.shape}"


def _read_exact(stream: IO[bytes], n: int, what: str) -> bytes:
    """Read exactly ``n`` bytes of ``what``, or raise that it is truncated."""
    data = stream.read(n)
    if len(data) != n:
        raise FileFormatError(f"{what} is truncated")
    return data


def read_header(stream: IO[bytes], name: str) -> tuple[np.dtype[Any], tuple[int, ...], bool, int]:
    """Parse the header of one ``.npy`` member, reading no more than it.

    Parameters
    ----------
    stream : binary file
        The member, at its first byte.
    name : str
        The array's name, for messages.

    Returns
    -------
    tuple
        ``(dtype, shape, fortran_order, header_length)``, the length in bytes
        counting the magic string.

    Raises
    ------
    FileFormatError
        For a member that is not ``.npy`` format 1.0 or 2.0, a header longer than
        :data:`MAX_HEADER_SIZE` or that is no Python literal NumPy accepts, or a
        shape of negative or non-integer sizes.
    """
    what = f"array {name!r}"
    magic = stream.read(npy_format.MAGIC_LEN)
    if len(magic) != npy_format.MAGIC_LEN or not magic.startswith(npy_format.MAGIC_PREFIX):
        raise FileFormatError(f"{what} is not a .npy array")
    version = (magic[-2], magic[-1])
    read = _HEADER_READERS.get(version)
    if read is None:
        raise FileFormatError(f"{what} has .npy format version {version[0]}.{version[1]}")
    prefix = _read_exact(stream, 2 if version == (1, 0) else 4, f"the header of {what}")
    length = int.from_bytes(prefix, "little")
    if length > MAX_HEADER_SIZE:
        raise FileFormatError(
            f"{what} has a .npy header of {length:,} bytes, more than {MAX_HEADER_SIZE:,}"
        )
    text = _read_exact(stream, length, f"the header of {what}")
    try:
        # NumPy retries a header that is no Python literal with a tokenizer for
        # Python 2 files, which raises its own errors; such headers stop here.
        ast.literal_eval(text.decode("latin1"))
        shape, fortran, dtype = read(io.BytesIO(prefix + text), max_header_size=MAX_HEADER_SIZE)
    except _HEADER_ERRORS as exc:
        raise FileFormatError(f"{what} has an unreadable .npy header ({shorten(exc)})") from None
    if not all(type(n) is int and n >= 0 for n in shape):
        raise FileFormatError(f"{what} has an invalid shape {shorten(shape)}")
    return dtype, tuple(shape), fortran, npy_format.MAGIC_LEN + len(prefix) + length


def check_dtype(name: str, dtype: np.dtype[Any], spec: ArraySpec, max_chars: int | None) -> None:
    """Check an array's dtype against ``spec`` before any data is read.

    Parameters
    ----------
    name : str
        The array's name, for messages.
    dtype : numpy.dtype
        The dtype its header names.
    spec : ArraySpec
        What the array must be.
    max_chars : int or None
        Most characters a unicode dtype may hold, or None for no bound.

    Raises
    ------
    FileFormatError
        For an object dtype, a kind ``spec`` does not list, an empty or subarray
        dtype, or text of more than ``max_chars`` characters.
    """
    if dtype.hasobject:
        raise FileFormatError(f"array {name!r} holds pickled objects, never loaded")
    if dtype.kind not in spec.kinds or dtype.itemsize == 0 or dtype.shape:
        raise FileFormatError(
            f"array {name!r} has dtype {shorten(dtype)}, expected {spec.describe()}"
        )
    if max_chars is not None and dtype.itemsize // 4 > max_chars:
        raise FileFormatError(
            f"array {name!r} holds {dtype.itemsize // 4:,} characters, more than {max_chars:,}"
        )
