"""Zip containers (.docx, .xlsx, .ofd, any zip-based format) opened defensively.

A report archive holds whatever people and old systems wrote, and some files are damaged
or hostile. Before python-docx or openpyxl sees a package, `verified_package` reads every
member once, itself:
- the central directory's declared sizes are checked first (no inflating at all), then
  every member is inflated in chunks with the actual sizes counted against the same caps,
  so a zip bomb costs at most a cap's worth of inflating, never its full size (zipfile
  itself stops at the declared size and then fails the CRC check, so the count is a
  second line that holds whatever reader sits below);
- XML members must not declare a DTD (<!DOCTYPE>, <!ENTITY>): Office never writes one,
  and a DTD is what entity-expansion attacks (billion laughs) and external entities
  need. With no DTD only XML's five predefined entities exist.
The members that passed are written into a new, uncompressed zip and only that is handed
to the library: its offsets, compression methods and headers are ours, so what the
library reads is exactly what was checked.

Every way a damaged container fails in the zip layer (bad offsets → ValueError "negative
seek value", zlib.error, BadZipFile, NotImplementedError for a zip version or compression
method, EOFError, an encrypted member …) becomes IngestError `corrupt_<kind>` with the
library's reason; a cap becomes `too_large` with the sizes. `library_errors` does the
same for the library's own parse (lxml XMLSyntaxError, a missing part's KeyError …).

The libraries' XML parsers are left as they are because they are already safe once no
DTD gets through: python-docx parses with lxml, resolve_entities=False, no network and
huge_tree off (lxml's limits on depth and text-node size stay on); openpyxl with lxml
(resolve_entities=False) and the standard library's expat, which since 2.4 also refuses
entity amplification. tests/test_zip_containers.py checks those assumptions.
"""
from __future__ import annotations

import io
import lzma
import struct
import zipfile
import zlib
from contextlib import contextmanager

from ..errors import IngestError

MiB = 1024 * 1024
# The largest real parts we have seen are a few MB (a 300-page report's document.xml,
# a 440 KB stylesWithEffects.xml); python-docx holds a parsed part at 10-20x its XML
# size, so 64 MB of XML is already near a gigabyte of tree.
MAX_MEMBER_BYTES = 64 * MiB
# Images count too (python-docx loads every part); 256 MB inflated is far beyond any
# report and keeps one file's package well inside a worker's memory.
MAX_TOTAL_BYTES = 256 * MiB
# Real OOXML parts deflate 5-40:1 (the seeds' best: styles at 32:1); deflate tops out
# near 1030:1, reached only by long runs of the same bytes. Past 200:1 a part bigger
# than the grace size is a bomb (5 million empty paragraphs) rather than a report.
MAX_RATIO = 200
RATIO_GRACE_BYTES = 1 * MiB
# An OOXML package has tens of parts; a central directory of many thousands is a bomb
# of another kind (each entry costs a header parse and a table row in the library).
MAX_MEMBERS = 10_000
CHUNK_BYTES = 1 * MiB

# What a damaged container raises from the zip layer (and the decompressors under it).
ZIP_DAMAGE = (zipfile.BadZipFile, zlib.error, lzma.LZMAError, EOFError, OSError, ValueError,
              NotImplementedError, RuntimeError, KeyError, IndexError, struct.error, OverflowError)

_DTD_MARKERS = tuple(m.encode(enc) for m in ("<!DOCTYPE", "<!ENTITY")
                     for enc in ("utf-8", "utf-16-le", "utf-16-be"))
_MARKER_OVERLAP = max(map(len, _DTD_MARKERS)) - 1
_NAMES = {"docx": "Word package (.docx)", "xlsx": "Excel workbook (.xlsx)", "ofd": "OFD document (.ofd)"}


def corrupt(kind: str, reason: str) -> IngestError:
    return IngestError(f"corrupt {_NAMES.get(kind, '.' + kind)}: {reason}", code=f"corrupt_{kind}")


def too_large(kind: str, reason: str) -> IngestError:
    return IngestError(f"{_NAMES.get(kind, '.' + kind)} refused: {reason}", code="too_large")


def _reason(e: BaseException) -> str:
    name = type(e).__name__
    if name == "error":  # zlib.error, struct.error: the module says what failed
        name = f"{type(e).__module__}.error"
    text = str(e).strip()
    if isinstance(e, AttributeError):  # the library met an element of a kind it does not know
        return f"a part holds other XML than its name promises (a damaged element or namespace): {name}: {text}"
    return f"{name}: {text}" if text else name


@contextmanager
def library_errors(kind: str, errors: tuple):
    """Turn the listed exceptions, raised by a library reading a package that passed
    verified_package, into corrupt_<kind> with the library's reason."""
    try:
        yield
    except IngestError:
        raise
    except errors as e:
        raise corrupt(kind, _reason(e)) from e


def verified_package(data: bytes, kind: str) -> bytes:
    """The package rebuilt, uncompressed, from members that inflate within the caps and
    carry no DTD. Raises IngestError `too_large` or `corrupt_<kind>`."""
    try:
        source = zipfile.ZipFile(io.BytesIO(data))
    except ZIP_DAMAGE as e:
        raise corrupt(kind, f"not a readable zip package ({_reason(e)})") from e
    with source:
        try:
            infos = source.infolist()
            # of entries with the same name, the one a reader opens by that name
            current = {id(info) for info in source.NameToInfo.values()}
        except ZIP_DAMAGE as e:
            raise corrupt(kind, _reason(e)) from e
        check_declared_sizes(infos, kind)
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as package:
            total = 0
            for info in infos:
                if id(info) in current and not info.is_dir():
                    total = _copy_member(source, info, package, total, kind)
    return out.getvalue()


def check_declared_sizes(infos: list, kind: str) -> None:
    """The caps against what the central directory declares: a bomb that says what it
    is costs no inflating at all."""
    if len(infos) > MAX_MEMBERS:
        raise too_large(kind, f"{len(infos):,} zip members (limit {MAX_MEMBERS:,})")
    declared = 0
    for info in infos:
        if info.file_size > MAX_MEMBER_BYTES:
            raise too_large(kind, f"member {info.filename} declares {info.file_size:,} bytes inflated "
                                  f"({info.compress_size:,} compressed; limit {MAX_MEMBER_BYTES:,} a member)")
        if info.file_size > RATIO_GRACE_BYTES and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise too_large(kind, f"member {info.filename} declares {info.file_size:,} bytes inflated from "
                                  f"{info.compress_size:,} ({_ratio(info.file_size, info.compress_size)}; "
                                  f"limit {MAX_RATIO}:1)")
        declared += info.file_size
    if declared > MAX_TOTAL_BYTES:
        raise too_large(kind, f"members declare {declared:,} bytes inflated in all (limit {MAX_TOTAL_BYTES:,})")


def _ratio(inflated: int, compressed: int) -> str:
    return f"{inflated / max(compressed, 1):,.0f}:1"


def _copy_member(source: zipfile.ZipFile, info: zipfile.ZipInfo, package: zipfile.ZipFile, total: int,
                 kind: str) -> int:
    """Inflate one member in chunks into the new package, counting the actual bytes (a
    declared size may lie) and scanning XML for a DTD. Returns the running total."""
    inflated = 0
    xml = None  # decided from the first bytes
    tail = b""  # the end of the previous chunk, so a marker split across chunks is seen
    target = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))  # damaged dates do not matter
    try:
        with source.open(info) as member, package.open(target, "w") as sink:
            while True:
                chunk = member.read(CHUNK_BYTES)
                if not chunk:
                    break
                inflated += len(chunk)
                total += len(chunk)
                _check_actual(info, inflated, total, kind)
                if xml is None:
                    xml = _looks_like_xml(info.filename, chunk)
                if xml:
                    window = tail + chunk
                    if any(m in window for m in _DTD_MARKERS):
                        raise corrupt(kind, f"{info.filename} declares a DTD (<!DOCTYPE or <!ENTITY); Office "
                                            "files never do, and a DTD is how entity-expansion attacks "
                                            "(billion laughs) work — refused")
                    tail = window[-_MARKER_OVERLAP:]
                sink.write(chunk)
    except ZIP_DAMAGE as e:
        raise corrupt(kind, f"member {info.filename}: {_reason(e)}") from e
    return total


def _check_actual(info: zipfile.ZipInfo, inflated: int, total: int, kind: str) -> None:
    if inflated > MAX_MEMBER_BYTES:
        raise too_large(kind, f"member {info.filename} inflates past {MAX_MEMBER_BYTES:,} bytes "
                              f"(declared {info.file_size:,}, {info.compress_size:,} compressed)")
    if inflated > RATIO_GRACE_BYTES and inflated > MAX_RATIO * max(info.compress_size, 1):
        raise too_large(kind, f"member {info.filename} inflates past {inflated:,} bytes from "
                              f"{info.compress_size:,} ({_ratio(inflated, info.compress_size)}; limit {MAX_RATIO}:1)")
    if total > MAX_TOTAL_BYTES:
        raise too_large(kind, f"members inflate past {MAX_TOTAL_BYTES:,} bytes in all")


def _looks_like_xml(name: str, head: bytes) -> bool:
    """XML parts by name (.xml, .rels) or by their first bytes, in UTF-8 or UTF-16. Images
    are not scanned: an embedded SVG may carry a DOCTYPE and is never parsed here."""
    lower = name.lower()
    if lower.endswith((".xml", ".rels")):
        return True
    if lower.endswith((".svg", ".svgz")):
        return False
    start = head.lstrip(b"\xef\xbb\xbf\xff\xfe \t\r\n\x00")
    return start.startswith(b"<")
