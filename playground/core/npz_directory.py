"""The zip directory checks of an ``.npz`` archive, made before any member is read.

:func:`open_directory` takes the whole file and opens its zip directory only when
the file starts like a zip archive and lists at most :data:`MAX_MEMBERS` entries;
it then checks every entry (:func:`check_member`): only stored or deflated ``.npy``
arrays, no folders, nested paths, encryption, patched data or duplicate names.
Nothing is decompressed here. :mod:`playground.core.npz_reader` builds on it.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

from playground.core.fileio import FileFormatError, quote, shorten

#: Most zip directory entries an archive may list; the formats define far fewer.
MAX_MEMBERS = 1_000
_SUFFIX = ".npy"
_CENTRAL_SIGNATURE = b"PK\x01\x02"
_ENCRYPTED, _PATCHED, _STRONG_ENCRYPTION = 0x1, 0x20, 0x40
_METHODS = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED}
#: What :mod:`zipfile` and :mod:`zlib` raise on malformed input.
ZIP_ERRORS = (
    zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, RuntimeError,
    NotImplementedError, struct.error, OverflowError, IndexError, KeyError,
)  # fmt: skip


def open_directory(data: bytes) -> tuple[zipfile.ZipFile, dict[str, zipfile.ZipInfo]]:
    """Open the zip directory of ``data`` and check every entry it lists.

    Parameters
    ----------
    data : bytes
        The whole file.

    Returns
    -------
    archive : zipfile.ZipFile
        The open archive, over ``data``; no member has been read.
    infos : dict of str to zipfile.ZipInfo
        Each entry by its array name (without ``.npy``), in directory order.

    Raises
    ------
    FileFormatError
        For data that is not a zip archive or is corrupt, lists more than
        :data:`MAX_MEMBERS` members, holds an entry :func:`check_member` refuses,
        or one name twice.
    """
    if not data.startswith(b"PK"):
        raise FileFormatError("not an .npz archive (empty, truncated or another file type)")
    if data.count(_CENTRAL_SIGNATURE) > MAX_MEMBERS:
        raise FileFormatError(f"the archive lists more than {MAX_MEMBERS} members")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except NotImplementedError as exc:
        raise FileFormatError(f"unsupported zip feature ({shorten(exc)})") from None
    except ZIP_ERRORS as exc:
        raise FileFormatError(f"corrupt or truncated archive ({shorten(exc)})") from None
    infos: dict[str, zipfile.ZipInfo] = {}
    for info in entries:
        name = check_member(info)
        if name in infos:
            raise FileFormatError(f"the archive holds array {quote(name)} twice")
        infos[name] = info
    return archive, infos


def check_member(info: zipfile.ZipInfo) -> str:
    """Check one zip directory entry and return its array name (without ``.npy``).

    Parameters
    ----------
    info : zipfile.ZipInfo
        The entry, as the zip directory lists it.

    Returns
    -------
    str
        Its file name without the ``.npy`` suffix.

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
