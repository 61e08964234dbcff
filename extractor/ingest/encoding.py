"""Decoding .txt reports and web pages. Archives mix UTF-8 (with and without BOM),
GB18030/GBK and UTF-16; the encoding used is reported back so a reviewer can see what was
assumed."""
from __future__ import annotations

import codecs
import re

from ..errors import IngestError

_BOMS = [
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]


def _looks_utf16(data: bytes) -> str | None:
    # Chinese text in UTF-16 without a BOM still has many zero bytes in ASCII runs
    # (digits, newlines); which half they fall in tells the byte order.
    sample = data[:4000]
    if len(sample) < 4:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    half = len(sample) // 2
    if odd > half * 0.2 and even < odd / 4:
        return "utf-16-le"
    if even > half * 0.2 and odd < even / 4:
        return "utf-16-be"
    return None


def decode_text(data: bytes) -> tuple[str, str]:
    """Return (text, encoding name). Raises IngestError when no encoding fits."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name), name
            except UnicodeDecodeError as e:
                raise IngestError(f"file starts with a {name} byte-order mark but does not decode: {e}",
                                  code="bad_encoding")
    utf16 = _looks_utf16(data)
    if utf16:
        try:
            return data.decode(utf16), utf16
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
        # GBK is a subset of GB18030; say which one the bytes need.
        try:
            data.decode("gbk")
            return text, "gbk"
        except UnicodeDecodeError:
            return text, "gb18030"
    except UnicodeDecodeError:
        pass
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is not None and best.encoding:
            return str(best), best.encoding
    except Exception:  # the detector is a last resort; its failure is ours to report
        pass
    raise IngestError("text encoding not recognised (tried UTF-8, UTF-16, GB18030)", code="bad_encoding")


# Pages declare the national standard they were typed for (gb2312) and are served in the
# superset their editor wrote (GBK or GB18030: 镕, 堃 and many names are outside GB2312), so
# a declared member of the family is decoded as GB18030, which reads all three.
_GB_FAMILY = {**dict.fromkeys(("gb2312", "gb_2312", "gb_2312-80", "gb2312-80", "csgb2312", "euc-cn", "x-euc-cn",
                                 "chinese", "iso-ir-58", "csiso58gb231280"), "gb2312"),
              **dict.fromkeys(("gbk", "x-gbk", "cp936", "ms936", "windows-936"), "gbk"), "gb18030": "gb18030"}
_GB_ORDER = ("gb2312", "gbk", "gb18030")  # each a superset of the one before
_META_CHARSET = re.compile(rb"""<meta\b[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_.:\-]+)""", re.IGNORECASE)


def declared_html_charset(data: bytes):
    """The charset a page declares in its first 4 KB: <meta charset>, the http-equiv
    Content-Type, or an XML declaration; None when it declares none."""
    head = data[:4096]
    m = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    return m.group(1).decode("ascii").lower() if m else None


def decode_html(data: bytes, transport: str | None = None) -> tuple[str, str]:
    """Return (text, encoding) of a web page: a BOM first, then the charset the container
    gives (an MHTML part's Content-Type), then the page's own declaration, then detection
    as for .txt. The encoding says what the page declared when it was not what served:
    'gb18030 (declared gb2312)'."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name), name
            except UnicodeDecodeError as e:
                raise IngestError(f"page starts with a {name} byte-order mark but does not decode: {e}",
                                  code="bad_encoding")
    for declared in (transport and transport.lower(), declared_html_charset(data)):
        if not declared:
            continue
        decoded = _decode_declared(data, declared)
        if decoded is not None:
            return decoded
    return decode_text(data)


def _decode_declared(data: bytes, declared: str):
    """(text, encoding) when the declared charset reads the bytes, else None (a page
    declaring utf-8 and written in GBK is left to detection)."""
    if declared in _GB_FAMILY:
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError:
            return None
        said = _GB_FAMILY[declared]
        needed = next(name for name in _GB_ORDER if name == "gb18030" or _decodes(data, name))
        if _GB_ORDER.index(needed) <= _GB_ORDER.index(said):
            return text, said
        return text, f"{needed} (declared {declared})"
    try:
        codec = codecs.lookup(declared).name
    except LookupError:
        return None
    if codec in ("latin-1", "iso8859-1", "cp1252", "ascii") and _has_non_ascii(data):
        # a Western charset on a Chinese page is a server default, not what the editor typed in
        return None
    try:
        return data.decode(codec), codec
    except UnicodeDecodeError:
        return None


def _has_non_ascii(data: bytes) -> bool:
    return not data[:65536].isascii()


def _decodes(data: bytes, codec: str) -> bool:
    try:
        data.decode(codec)
        return True
    except UnicodeDecodeError:
        return False
