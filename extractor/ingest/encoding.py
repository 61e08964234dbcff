"""Decoding .txt reports. Archives mix UTF-8 (with and without BOM), GB18030/GBK and
UTF-16; the encoding used is reported back so a reviewer can see what was assumed."""
from __future__ import annotations

import codecs

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
