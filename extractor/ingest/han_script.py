"""Reports written in traditional characters — a Big5 .txt, a page republished by a site that
converts to traditional script, often with each character's pinyin in brackets after it
(當(dāng)前) — are read in simplified characters, the script every vocabulary in patterns/ is
written in: 預算執行 would match no label, 績效 no form word.

Only a text that is traditional as a whole is converted: OpenCC's t2s also folds the few
characters simplified script keeps apart in names (乾县 → 干县), so a simplified report is
left exactly as written. The document says so in a warning, since its quotes are then
the simplified spelling of what the file holds."""
from __future__ import annotations

import regex

# pinyin with a tone mark in brackets right after a Han character (當(dāng)), as mirror sites
# print them; a bracketed Latin word without a tone mark (a code, an abbreviation) stays
_PINYIN_NOTE = regex.compile(r"(?<=\p{Han})\((?=[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ])[a-zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜ]{1,6}\)")
_HAN = regex.compile(r"\p{Han}")
# share of Han characters t2s changes: a simplified report changes next to none (乾, 著 in
# names), one in traditional script about one in three; a report quoting a few traditional
# words in a simplified text stays as written
_TRADITIONAL_SHARE = 0.15
_SAMPLE_CHARS = 3000
_MIN_CHANGED = 5

_converter = None


def _t2s():
    global _converter
    if _converter is None:
        import opencc  # loaded once (about 10 ms)

        _converter = opencc.OpenCC("t2s")
    return _converter


def simplified(text: str) -> tuple:
    """(text, warning): the text in simplified characters with mirror sites' pinyin notes
    removed, and the warning to give the document — or the text as it was and None.
    For text read before it is parsed (.txt, web pages), so the parsers see the words
    their vocabularies hold."""
    if not _looks_traditional(text):
        return text, None
    out = _convert(text)
    return out, _warning(len(out) != len(text))


def simplify_blocks(doc) -> None:
    """The blocks and table cells of a document in traditional characters (a PDF, a .docx)
    get their text in simplified ones; `raw` keeps it as written."""
    sample = ""
    for block in doc.blocks[:200]:  # the decision reads the first _SAMPLE_CHARS without pinyin notes
        if len(sample) >= 8 * _SAMPLE_CHARS:  # (a note is at most seven characters a character)
            break
        sample += block.text
    if not _looks_traditional(sample):
        return
    noted = False
    for block in doc.blocks:
        items = [block] + ([c for row in block.table.rows for c in row] if block.table is not None else [])
        for item in items:
            converted = _convert(item.text)
            if converted != item.text:
                noted |= len(converted) != len(item.text)
                if item.raw is None:
                    item.raw = item.text
                item.text = converted
    doc.warnings.append(_warning(noted))


def _convert(text: str) -> str:
    return _t2s().convert(_PINYIN_NOTE.sub("", text))


def _warning(notes_removed: bool) -> dict:
    return {"code": "traditional_script", "severity": "warning",
            "message": "the text is in traditional characters and was read in simplified ones"
                       + (" (pinyin notes after the characters removed)" if notes_removed else "")
                       + "; quotes give the simplified spelling"}


def _looks_traditional(text: str) -> bool:
    # the share is clear long before the end of a long report: a couple of thousand characters,
    # read without the pinyin notes
    sample = "".join(_HAN.findall(_PINYIN_NOTE.sub("", text)[:_SAMPLE_CHARS]))
    if len(sample) < _MIN_CHANGED:
        return False
    converted = _t2s().convert(sample)
    changed = sum(1 for a, b in zip(sample, converted) if a != b)
    return changed >= _MIN_CHANGED and changed >= _TRADITIONAL_SHARE * len(sample)
