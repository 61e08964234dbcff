"""A minimal RAR 4 writer for the tests: no free tool writes RAR (rar itself is non-free,
libarchive and 7-Zip only read it), but the RAR 1.5–4.x format's "store" method is a few
fixed headers around each file's bytes, so archives holding corpus files — and hostile
ones (a '..' entry, a size that lies) — are written here byte by byte.

Layout (RAR technote): the marker block, the archive header (type 0x73), for each file a
file header (type 0x74, method 0x30 = stored) followed by the bytes, the end block (0x7b).
Each header starts with the low 16 bits of the CRC-32 of the rest of the header."""
from __future__ import annotations

import struct
import zlib

MARKER = b"Rar!\x1a\x07\x00"
_LONG_BLOCK = 0x8000  # the header is followed by PACK_SIZE bytes of data
_LARGE = 0x0100  # HIGH_PACK_SIZE and HIGH_UNP_SIZE follow: sizes past 4 GB
_UNIX = 3
_DOS_TIME = (2022 - 1980) << 25 | 1 << 21 | 1 << 16  # 2022-01-01 00:00


def _block(kind: int, flags: int, body: bytes) -> bytes:
    rest = struct.pack("<BHH", kind, flags, 7 + len(body)) + body
    return struct.pack("<H", zlib.crc32(rest) & 0xFFFF) + rest


def _file(name: str, data: bytes, declared: int | None) -> bytes:
    raw_name = name.encode("ascii")  # RAR 4 names outside ASCII need a second Unicode encoding; not needed here
    size = len(data) if declared is None else declared
    flags = _LONG_BLOCK | (_LARGE if size >= 1 << 32 else 0)
    body = struct.pack("<IIBIIBBHI", len(data), size & 0xFFFFFFFF, _UNIX, zlib.crc32(data), _DOS_TIME, 20, 0x30,
                       len(raw_name), 0o100644)
    if flags & _LARGE:
        body += struct.pack("<II", 0, size >> 32)
    return _block(0x74, flags, body + raw_name) + data


def rar_bytes(members: list) -> bytes:
    """members: (name, bytes) or (name, bytes, declared unpacked size, to make one lie)."""
    out = [MARKER, _block(0x73, 0, b"\0" * 6)]
    for name, data, *declared in members:
        out.append(_file(name, data, declared[0] if declared else None))
    out.append(_block(0x7B, 0x4000, b""))
    return b"".join(out)
