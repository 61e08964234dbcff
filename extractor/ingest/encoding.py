"""Decoding .txt reports and web pages. Archives mix UTF-8 (with and without BOM), GB18030/GBK,
Big5 and UTF-16; the encoding used is reported back so a reviewer can see what was assumed.

Text that is mostly right is read: bytes that do not decode (a flipped bit, a lost
block) become U+FFFD and are counted, with the byte offsets of the first few, so the
record can say where the damage is. A file is `bad_encoding` only when more than
MAX_BAD_SHARE of its bytes fail in every encoding tried. Damage in storage or transit
touches a few bytes, while a wrong encoding fails all through the file: on the corpus and
the seeds, UTF-8 read as GB18030 fails on 1.9-3.1 % of the bytes, GBK read as UTF-8 on
59 %, UTF-16 read as either on 3.7-24 %; binary data on about half. 1 % stays below all of
them and still lets a 30 KB report carry 300 damaged bytes. A multi-byte character cut
off by the end of the file is dropped and noted, not counted.
"""
from __future__ import annotations

import codecs
import re
import threading
from dataclasses import dataclass, field

from ..errors import IngestError

MAX_BAD_SHARE = 0.01
SHOWN_OFFSETS = 10  # byte offsets kept of the replaced runs; the count is always whole

# (byte-order mark, codec for the bytes after it, name reported)
_BOMS = [
    (codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16"),
]


@dataclass
class DecodedText:
    text: str
    encoding: str
    replaced: int = 0  # bytes replaced by U+FFFD
    offsets: list = field(default_factory=list)  # byte offsets (in the file) of the first replaced runs
    dropped_at_end: int = 0  # bytes of a character the end of the file cut in two

    def decode_errors(self):
        """What the record says about the damage, or None for a clean file."""
        if not (self.replaced or self.dropped_at_end):
            return None
        out = {"count": self.replaced, "offsets": list(self.offsets)}
        if self.dropped_at_end:
            out["dropped_at_end"] = self.dropped_at_end
        return out

    def warnings(self) -> list:
        out = []
        if self.replaced:
            where = ", ".join(map(str, self.offsets)) + (" …" if self.replaced > len(self.offsets) else "")
            out.append({"code": "decode_errors", "severity": "warning",
                        "message": f"{self.replaced} byte(s) did not decode as {self.encoding} and were read as "
                                   f"U+FFFD (at byte {where})"})
        if self.dropped_at_end:
            out.append({"code": "cut_character", "severity": "warning",
                        "message": f"the file ends inside a {self.encoding} character: its last "
                                   f"{self.dropped_at_end} byte(s) were dropped"})
        return out


class _TooManyErrors(Exception):
    pass


class _Replacements:
    """The error handler's tally for one decode: gives up as soon as the budget is spent,
    so a wrong guess costs little."""

    def __init__(self, budget: int, shift: int):
        self.budget, self.shift = budget, shift
        self.count, self.offsets = 0, []

    def __call__(self, exc: UnicodeDecodeError):
        self.count += exc.end - exc.start
        if self.count > self.budget:
            raise _TooManyErrors()
        if len(self.offsets) < SHOWN_OFFSETS:
            self.offsets.append(exc.start + self.shift)
        return "\ufffd", exc.end


# Error handlers are registered by name, process-wide; the tally of the decode running in
# this thread is looked up through a thread-local.
_current = threading.local()
_HANDLER = "extractor.count_and_replace"
codecs.register_error(_HANDLER, lambda exc: _current.tally(exc))


def _decode(data: bytes, codec: str, budget: int, skip: int = 0):
    """DecodedText of data[skip:] in `codec`, or None when more than `budget` bytes fail."""
    tally = _Replacements(budget, skip)
    _current.tally = tally
    decoder = codecs.getincrementaldecoder(codec)(errors=_HANDLER)
    try:
        text = decoder.decode(data[skip:] if skip else data, final=False)
    except _TooManyErrors:
        return None
    finally:
        _current.tally = None
    pending = len(decoder.getstate()[0])  # an incomplete character at the very end
    return DecodedText(text, codec, tally.count, tally.offsets, pending)


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


def _plausible_utf8(found: DecodedText) -> bool:
    """A UTF-8 reading with replacements is the file's own only when its well-formed
    non-ASCII characters outnumber the bytes replaced: damaged UTF-8 keeps nearly all
    of them, while GBK read as UTF-8 forms a well-formed sequence only by chance."""
    return len(_NON_ASCII.findall(found.text)) > found.replaced


_NON_ASCII = re.compile("[^\x00-\x7f\ufffd]")
# What a Chinese report is written in: ASCII, CJK ideographs and punctuation, full-width forms.
_USUAL = re.compile("[\t\n\r\x20-\x7e\u2000-\u206f\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
_USUAL_SHARE = 0.9
_SAMPLE_CHARS = 20_000


def _utf16_by_text(data: bytes, budget: int):
    """UTF-16 without a byte-order mark whose text is mostly Chinese (too few zero bytes
    for _looks_utf16). Any bytes decode as UTF-16, so the text decides: GBK or UTF-8
    read as UTF-16 scatter over the whole 16-bit range (under half of it ideographs),
    while a report's own text is almost all ideographs, punctuation and ASCII."""
    for codec in ("utf-16-le", "utf-16-be"):
        found = _decode(data, codec, budget)
        sample = found.text[:_SAMPLE_CHARS] if found is not None else ""
        if sample and len(_USUAL.findall(sample)) >= _USUAL_SHARE * len(sample):
            return found
    return None


# Not text a reader could use: private-use characters (GB18030 maps the user-defined
# byte ranges there, and damage lands in them too) and the replacement character.
_NOT_TEXT = re.compile("[\ue000-\uf8ff\ufffd]")


def _gb_name(text: str) -> str:
    """GBK is a subset of GB18030; say which one the text needs. A flipped byte can make
    a private-use character only GB18030 decodes; that alone does not make it GB18030."""
    try:
        _NOT_TEXT.sub("", text).encode("gbk")
        return "gbk"
    except UnicodeEncodeError:
        return "gb18030"


# Big5 (traditional characters) decodes as GB18030 without an error too — both are pairs of
# bytes — but into nonsense: Big5's second bytes 0x40-0x7E are outside GB2312, so about a third
# of the characters come out as GBK's rare extension characters, and its most common first
# bytes (0xA4, 0xA5) are GB2312's kana rows. A GB reading with that many of them is Big5's
# when Big5 reads the file; a simplified report has next to none (a rare name, 堃).
_KANA = re.compile("[\u3040-\u30ff]")
_NON_ASCII_CHARS = re.compile("[^\x00-\x7f]")
_UNLIKE_SHARE = 0.2


def _unlike(text: str, common_codec: str) -> bool:
    """Are more than _UNLIKE_SHARE of a sample's non-ASCII characters ones a text in that
    script rarely has: kana, or characters outside the codec's common set?"""
    chars = "".join(_NON_ASCII_CHARS.findall(text[:_SAMPLE_CHARS]))
    if not chars:
        return False
    outside = len(chars) - len(chars.encode(common_codec, errors="ignore")) // 2  # both codecs: two bytes a character
    return (outside + len(_KANA.findall(chars))) / len(chars) > _UNLIKE_SHARE


def decode_text(data: bytes) -> DecodedText:
    """The text and the encoding it was read in, with any damage counted. Raises
    IngestError `bad_encoding` when no encoding reads the file mostly right."""
    budget = max(1, int(len(data) * MAX_BAD_SHARE))
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            found = _decode(data, codec, budget, skip=len(bom))
            if found is None:
                raise IngestError(f"file starts with a {name} byte-order mark but more than "
                                  f"{MAX_BAD_SHARE:.0%} of its bytes do not decode as {name}", code="bad_encoding")
            found.encoding = name
            return found
    utf16 = _looks_utf16(data)
    if utf16:
        found = _decode(data, utf16, budget)
        if found is not None:
            return found
    found = _decode(data, "utf-8", budget)
    if found is not None and (found.replaced == 0 or _plausible_utf8(found)):
        return found
    found = _utf16_by_text(data, budget)
    if found is not None:
        return found
    found = _decode(data, "gb18030", budget)
    if found is not None:
        if _unlike(found.text, "gb2312"):
            big5 = _decode(data, "cp950", budget)
            if big5 is not None and not _unlike(big5.text, "big5"):
                big5.encoding = "big5"
                return big5
        found.encoding = _gb_name(found.text)
        return found
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is not None and best.encoding:
            return DecodedText(str(best), best.encoding)
    except Exception:  # the detector is a last resort; its failure is ours to report
        pass
    raise IngestError(f"text encoding not recognised: more than {MAX_BAD_SHARE:.0%} of the bytes fail to decode "
                      "as UTF-8, UTF-16 and GB18030", code="bad_encoding")


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
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(codec), name
            except UnicodeDecodeError as e:
                raise IngestError(f"page starts with a {name} byte-order mark but does not decode: {e}",
                                  code="bad_encoding")
    for declared in (transport and transport.lower(), declared_html_charset(data)):
        if not declared:
            continue
        decoded = _decode_declared(data, declared)
        if decoded is not None:
            return decoded
    found = decode_text(data)
    return found.text, found.encoding


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
