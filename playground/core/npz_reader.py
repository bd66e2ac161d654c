"""A strict, bounded reader for the ``.npz`` archives behind weight and session files.

An ``.npz`` file is a zip archive of ``.npy`` arrays. Reading one with
``np.load`` trusts the archive: it decompresses whole members before any
check, follows whatever the ``.npy`` headers claim and hands back raw bytes
for members that are not arrays. :class:`NpzArchive` reads it the other way
round, checking from the outside in and never decompressing more than what
has already been checked:

1. the file's size, then the zip directory: only ``.npy`` members, no folders,
   duplicates, encryption or compression other than stored and deflated;
2. the ``meta`` member: a 0-d unicode array of at most :data:`MAX_META_CHARS`
   characters holding a JSON object of the expected format and version; then
   the member names (only those the format defines) and their total declared
   size (within a budget). The meta tells the caller what every other array
   must be;
3. each array's ``.npy`` header, parsed with :mod:`numpy.lib.format` from at
   most :data:`MAX_HEADER_SIZE` bytes: its dtype (never an object dtype, which
   would need pickle) and its shape against the caller's :class:`ArraySpec`,
   and its declared size in the zip directory against what the header promises;
4. only then the data, exactly the bytes the header promises, whose CRC the
   zip layer checks on the last byte.

Every problem raises :class:`~playground.core.fileio.FileFormatError`; the
weight and session loaders add the file's path to the message.
"""

from __future__ import annotations

import ast
import io
import os
import struct
import zipfile
import zlib
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from math import prod
from typing import IO, Any

import numpy as np
from numpy.lib import format as npy_format
from numpy.typing import NDArray

from playground.core.fileio import (
    VERSION,
    FileFormatError,
    check_header,
    parse_json,
    quote,
    shorten,
)

#: Longest ``.npy`` header read (NumPy's own default limit).
MAX_HEADER_SIZE = 10_000
#: Longest ``meta`` JSON text, in characters.
MAX_META_CHARS = 1_000_000
#: Most zip directory entries an archive may list; the formats define far fewer.
MAX_MEMBERS = 1_000
_CHUNK = 1 << 20
_SUFFIX = ".npy"
_KIND_NAMES = {"f": "floats", "i": "integers", "u": "integers", "b": "booleans", "U": "text"}
_CENTRAL_SIGNATURE = b"PK\x01\x02"
_ENCRYPTED, _PATCHED, _STRONG_ENCRYPTION = 0x1, 0x20, 0x40
_METHODS = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED}
#: What :mod:`zipfile` and :mod:`zlib` raise on malformed input.
_ZIP_ERRORS = (
    zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, RuntimeError,
    NotImplementedError, struct.error, OverflowError, IndexError, KeyError,
)  # fmt: skip
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


def _size(n_bytes: int) -> str:
    """Write a byte count for messages: in MB from 1 MB on, else in bytes."""
    return f"{n_bytes / 2**20:,.1f} MB" if n_bytes >= 2**20 else f"{n_bytes:,} bytes"


class NpzArchive:
    """An ``.npz`` file whose zip directory has passed the checks; see the module docstring.

    Parameters
    ----------
    data : bytes
        The whole file.
    fmt : str
        The ``format`` its meta must name (see :func:`~playground.core.fileio.check_header`).
    allowed : callable
        ``allowed(name)`` is True for each array name (without ``.npy``) the format
        may hold; ``meta`` is always required.
    budget : int
        Most bytes the archive's members may declare in total, decompressed.
    versions : collection of int
        The ``version`` numbers read (only :data:`~playground.core.fileio.VERSION`
        unless told otherwise).

    Attributes
    ----------
    meta : dict
        The JSON object of its ``meta`` member, of format ``fmt`` and a known version.

    Raises
    ------
    FileFormatError
        For data that is not a zip archive or is corrupt, lists more than
        :data:`MAX_MEMBERS` members, holds a member that is not a stored or deflated
        ``.npy`` array (a folder, a nested path, an encrypted or patched entry) or
        one name twice, lacks ``meta`` or has a meta of another format or version,
        holds an array name ``allowed`` refuses, or declares more than ``budget``
        bytes in all.
    """

    def __init__(
        self,
        data: bytes,
        fmt: str,
        allowed: Callable[[str], bool],
        budget: int,
        versions: Collection[int] = (VERSION,),
    ) -> None:
        if not data.startswith(b"PK"):
            raise FileFormatError("not an .npz archive (empty, truncated or another file type)")
        if data.count(_CENTRAL_SIGNATURE) > MAX_MEMBERS:
            raise FileFormatError(f"the archive lists more than {MAX_MEMBERS} members")
        try:
            self._zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self._zip.infolist()
        except NotImplementedError as exc:
            raise FileFormatError(f"unsupported zip feature ({shorten(exc)})") from None
        except _ZIP_ERRORS as exc:
            raise FileFormatError(f"corrupt or truncated archive ({shorten(exc)})") from None
        self._infos: dict[str, zipfile.ZipInfo] = {}
        for info in infos:
            name = _check_member(info)
            if name in self._infos:
                raise FileFormatError(f"the archive holds array {quote(name)} twice")
            self._infos[name] = info
        if "meta" not in self._infos:
            raise FileFormatError("the archive has no 'meta' JSON string")
        self.meta = self._meta()  # bounded by MAX_META_CHARS
        _check_header(self.meta, fmt, versions)  # before the names: is it another format?
        unknown = sorted(name for name in self._infos if name != "meta" and not allowed(name))
        if unknown:
            raise FileFormatError(f"unexpected array {quote(unknown[0])} in the archive")
        declared = sum(info.file_size for info in infos)
        if declared > budget:
            raise FileFormatError(
                f"the archive's members add up to {_size(declared)}, "
                f"more than the {_size(budget)} this format allows"
            )

    @classmethod
    def open(
        cls,
        path: str | os.PathLike[str],
        fmt: str,
        allowed: Callable[[str], bool],
        budget: int,
        versions: Collection[int] = (VERSION,),
    ) -> NpzArchive:
        """Read the file at ``path`` (at most ``budget`` bytes), its directory and its meta.

        Parameters
        ----------
        path : str or path-like
            The file; it is read whole, once its size is known to fit ``budget``.
        fmt, allowed, budget, versions
            As for the class; ``budget`` also bounds the file's own size.

        Returns
        -------
        NpzArchive
            The archive, with :attr:`meta` read and no other array decompressed.

        Raises
        ------
        FileFormatError
            For a file that is too large, not a zip archive, whose directory
            breaks a rule, or whose meta is not of format ``fmt``.
        OSError
            When the file cannot be read.
        """
        with open(path, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > budget:
                raise FileFormatError(
                    f"the file is {_size(size)}, more than the {_size(budget)} this format allows"
                )
            data = handle.read()
        return cls(data, fmt, allowed, budget, versions)

    def _meta(self) -> dict[str, Any]:
        """Read the ``meta`` member: a JSON object in a 0-d unicode array.

        Raises
        ------
        FileFormatError
            For an array of another dtype or shape, more than :data:`MAX_META_CHARS`
            characters, text that is not strict JSON, or JSON that is no object.
        """
        array = self._read("meta", ArraySpec("U", ()), MAX_META_CHARS)
        try:
            text = str(array[()])
        except (ValueError, UnicodeError) as exc:
            raise FileFormatError(f"'meta' is not valid text ({shorten(exc)})") from None
        obj = parse_json(text, "meta")
        if not isinstance(obj, dict):
            raise FileFormatError("meta must be a JSON object")
        return obj

    def arrays(self, specs: Mapping[str, ArraySpec]) -> dict[str, NDArray[Any]]:
        """Read exactly the arrays of ``specs`` (besides ``meta``), each checked first.

        Parameters
        ----------
        specs : mapping of str to ArraySpec
            Every array the archive must hold besides ``meta``, by name (without
            ``.npy``), with its dtype kinds and exact shape.

        Returns
        -------
        dict of str to ndarray
            Each array in the order of ``specs``, of the shape its spec gives, in
            native byte order; boolean arrays hold only False and True.

        Raises
        ------
        FileFormatError
            For a missing or unexpected array, a pickled, misshapen or mistyped
            one, or corrupt data.
        """
        present = set(self._infos) - {"meta"}
        missing = [name for name in specs if name not in present]
        if missing:
            raise FileFormatError(f"missing array {', '.join(map(repr, missing))}")
        extra = sorted(present - set(specs))
        if extra:
            raise FileFormatError(f"unexpected array {', '.join(map(repr, extra))}")
        return {name: self._read(name, spec) for name, spec in specs.items()}

    # ------------------------------------------------------------------ one member

    def _read(self, name: str, spec: ArraySpec, max_chars: int | None = None) -> NDArray[Any]:
        """Check member ``name``'s header against ``spec`` and its size, then read it.

        ``max_chars`` bounds the characters of a unicode dtype (for ``meta``). The
        size the zip directory declares must be the header's length plus the data
        size the header promises; any problem raises :class:`FileFormatError`.
        """
        info = self._infos[name]
        try:
            with self._zip.open(info) as stream:
                dtype, shape, fortran, header_end = _header(stream, name)
                _check_dtype(name, dtype, spec, max_chars)
                if shape != spec.shape:
                    raise FileFormatError(
                        f"array {name!r} is {shorten(dtype)} of shape {shorten(shape)}, "
                        f"expected {spec.describe()}"
                    )
                n_bytes = prod(shape) * dtype.itemsize
                if info.file_size != header_end + n_bytes:
                    raise FileFormatError(
                        f"array {name!r} declares {_size(info.file_size)} in the zip "
                        f"directory but its header promises {_size(header_end + n_bytes)}"
                    )
                raw = _read_data(stream, n_bytes, name)
        except FileFormatError:
            raise
        except _ZIP_ERRORS as exc:
            raise FileFormatError(f"corrupt or truncated archive ({shorten(exc)})") from None
        array: NDArray[Any] = raw.view(dtype)
        array = array.reshape(shape[::-1]).transpose() if fortran else array.reshape(shape)
        if dtype.kind == "b":  # any non-zero byte is True; keep only 0 and 1
            flags: NDArray[np.bool_] = array.view(np.uint8) != 0
            return flags
        return array if dtype.isnative else array.astype(dtype.newbyteorder("="))


def _check_header(meta: Mapping[str, Any], fmt: str, versions: Collection[int]) -> None:
    """Check the ``format`` name and that the ``version`` is one of ``versions``.

    With the default versions this is :func:`~playground.core.fileio.check_header`,
    messages included.

    Raises
    ------
    FileFormatError
        For another format, or a version that is not an int of ``versions``.
    """
    if tuple(versions) == (VERSION,):
        check_header(meta, fmt)
        return
    if meta.get("format") != fmt:
        raise FileFormatError(f"not an {fmt} file (format is {quote(meta.get('format'))})")
    version = meta.get("version")
    if type(version) is not int or version not in versions:
        known = " and ".join(str(v) for v in sorted(versions))
        raise FileFormatError(f"unsupported version {quote(version)}; this program reads {known}")


def _check_member(info: zipfile.ZipInfo) -> str:
    """Check one zip directory entry and return its array name (without ``.npy``).

    Raises
    ------
    FileFormatError
        For a folder, a name in a folder or without the ``.npy`` suffix, an encrypted
        or patched entry, or a compression other than stored and deflated.
    """
    member = quote(info.filename)
    if info.filename.endswith("/"):
        raise FileFormatError(f"the archive holds a folder {member}, not an array")
    if "/" in info.filename or not info.filename.endswith(_SUFFIX):
        raise FileFormatError(f"unexpected member {member} in the archive, not an .npy array")
    if info.flag_bits & (_ENCRYPTED | _STRONG_ENCRYPTION):
        raise FileFormatError(f"member {member} is encrypted")
    if info.flag_bits & _PATCHED:
        raise FileFormatError(f"member {member} holds patched data, a zip feature not read")
    if info.compress_type not in _METHODS:
        raise FileFormatError(
            f"member {member} uses compression method {info.compress_type}; "
            "only stored and deflated members are read"
        )
    return info.filename.removesuffix(_SUFFIX)


def _read_exact(stream: IO[bytes], n: int, what: str) -> bytes:
    """Read exactly ``n`` bytes of ``what``, or raise that it is truncated."""
    data = stream.read(n)
    if len(data) != n:
        raise FileFormatError(f"{what} is truncated")
    return data


def _header(stream: IO[bytes], name: str) -> tuple[np.dtype[Any], tuple[int, ...], bool, int]:
    """Parse the header of one ``.npy`` member, reading no more than it.

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


def _check_dtype(name: str, dtype: np.dtype[Any], spec: ArraySpec, max_chars: int | None) -> None:
    """Check an array's dtype against ``spec`` before any data is read.

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
