"""A strict, bounded reader for the ``.npz`` archives behind weight and session files.

An ``.npz`` file is a zip archive of ``.npy`` arrays. Reading one with
``np.load`` trusts the archive: it decompresses whole members before any
check, follows whatever the ``.npy`` headers claim and hands back raw bytes
for members that are not arrays. :class:`NpzArchive` reads it the other way
round, checking from the outside in and never decompressing more than what
has already been checked:

1. the file's size, then the zip directory: only ``.npy`` members, no folders,
   duplicates, encryption or compression other than stored and deflated
   (:mod:`playground.core.npz_directory`);
2. the ``meta`` member: a 0-d unicode array of at most :data:`MAX_META_CHARS`
   characters holding a JSON object of the expected format and version; then
   the member names (only those the format defines) and their total declared
   size (within a budget). The meta tells the caller what every other array
   must be;
3. each array's ``.npy`` header, parsed with :mod:`numpy.lib.format` from at
   most :data:`~playground.core.npy_header.MAX_HEADER_SIZE` bytes: its dtype
   (never an object dtype, which would need pickle) and its shape against the
   caller's :class:`~playground.core.npy_header.ArraySpec`
   (:mod:`playground.core.npy_header`), and its declared size in the zip
   directory against what the header promises;
4. only then the data, exactly the bytes the header promises, whose CRC the
   zip layer checks on the last byte (:mod:`playground.core.npz_data`).

This module holds the archive itself: the order of those steps, the meta, the
names and the budget. Every problem raises
:class:`~playground.core.fileio.FileFormatError`; the weight and session loaders
add the file's path to the message.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Collection, Mapping
from typing import Any

from numpy.typing import NDArray

from playground.core.fileio import (
    VERSION,
    FileFormatError,
    check_header,
    parse_json,
    quote,
    shorten,
)
from playground.core.npy_header import ArraySpec
from playground.core.npz_data import read_member, size_text
from playground.core.npz_directory import open_directory

#: Longest ``meta`` JSON text, in characters.
MAX_META_CHARS = 1_000_000


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
        self._zip, self._infos = open_directory(data)
        if "meta" not in self._infos:
            raise FileFormatError("the archive has no 'meta' JSON string")
        self.meta = self._meta()  # bounded by MAX_META_CHARS
        _check_header(self.meta, fmt, versions)  # before the names: is it another format?
        unknown = sorted(name for name in self._infos if name != "meta" and not allowed(name))
        if unknown:
            raise FileFormatError(f"unexpected array {quote(unknown[0])} in the archive")
        declared = sum(info.file_size for info in self._infos.values())
        if declared > budget:
            raise FileFormatError(
                f"the archive's members add up to {size_text(declared)}, "
                f"more than the {size_text(budget)} this format allows"
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
                    f"the file is {size_text(size)}, "
                    f"more than the {size_text(budget)} this format allows"
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

    def _read(self, name: str, spec: ArraySpec, max_chars: int | None = None) -> NDArray[Any]:
        """Read member ``name``, checked against ``spec`` first (see :func:`read_member`)."""
        return read_member(self._zip, self._infos[name], name, spec, max_chars)


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
