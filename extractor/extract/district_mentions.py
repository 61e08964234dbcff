"""The districts and counties of the report's own city wherever the report names them, each
resolved to its gazetteer name, spellings one character off included (峰城区, 峯城 for 峄城区),
so that the checker (check/names.py, name.variant) can show a place spelled two ways. Kept
apart from resolving the region (regions.py): this runs once the region is known, over every
paragraph and table of the report, and most of it is deciding whether a spelling stands as a
place name at all (not inside a longer word, not an item of a list of other things)."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

import regex

from ..subjects import inside_longer_word
from .regions import _SUFFIX, Region, _positions, gazetteer

_HAN = regex.compile(r"\p{Han}")


def _short(name: str) -> str:
    short = _SUFFIX.sub("", name)
    return short if len(short) >= 2 else name


def _in_place_list(text: str, m, siblings: list) -> bool:
    """Is the match an item of an enumeration of places (薛城、山亭、峯城区…)?"""
    names = {_short(r.name) for r in siblings} | {r.name for r in siblings}
    before, after = text[max(0, m.start() - 6):m.start()], text[m.end():m.end() + 6]
    left = before.endswith("、") and any(before[:-1].endswith(n) for n in names)
    right = after.startswith("、") and any(after[1:].startswith(n) for n in names)
    return left or right


def place_mentions(blocks: list, admin_code: Optional[str]) -> list:
    """Mentions of the districts/counties of the report's city, each resolved to its
    gazetteer name — including spellings one character off (峰城区, 峯城 for 峄城区), kept
    with `variant: true` so the checker can show both spellings side by side. A variant
    counts only where it stands as a place name: not inside a longer word (…区域), not
    after a count (16小区), not an item of a list of other things (一城、一带、一区), and
    only when it can be only one place: a district named exactly in the same passage is
    not the one misspelt there. Where it stands so is a matter of what read the text: on
    text read by OCR (source `ocr`) its 区/县/市 is enough; on digital text, where a
    misspelling is a typing slip and not a misreading, the spelling must be listed with
    its sibling places (薛城、山亭、峯城区, or a table that names them) and keep at least
    two characters of the name's stem. `blocks`: (text, source) pairs."""
    if not admin_code:
        return []
    patterns = _sibling_patterns(admin_code[:4])
    siblings = [region for region, _, _ in patterns]
    if not siblings:
        return []
    known = _known_names(admin_code[:4])
    out = []
    passages: dict = {}  # a paragraph, or a whole table: its cells are one passage
    for text, source in blocks:
        passages.setdefault(source.get("block"), []).append((text, source))
    may_hold = _sibling_chars(admin_code[:4])
    for passage in passages.values():
        exact_here = set()
        candidates: dict = {}  # (cell, start, end, written) → regions it could be
        for (text, source), (region, short, pattern) in ((t, p) for t in passage if may_hold(t[0]) for p in patterns
                                                          if _may_name(p[1], t[0])):
            for m in _sibling_matches(pattern, short, text):
                written = m.group(0)
                if written in (region.name, short) or _SUFFIX.sub("", written) == short:
                    exact_here.add((region.name, id(source), m.start()))
                    out.append(_mention(written, region, False, source, m))
                    continue
                if written in known or _SUFFIX.sub("", written) in known:
                    continue  # another real place, not a misspelling
                if _stands_as_place_name(text, m, known):
                    listed = _in_place_list(text, m, siblings)
                    candidates.setdefault((id(source), m.start(), written), []).append((region, m, source, listed))
        for (_, _, written), regions in candidates.items():
            regions = [(r, m, src) for r, m, src, listed in regions
                       if _read_as_a_misspelling(written, r, src, listed, exact_here)]
            left = [(r, m, src) for r, m, src in regions if not _named_nearby(r.name, exact_here, src, m)]
            if len(left) > 1:  # still ambiguous: drop those named anywhere in the passage
                left = [x for x in left if not any(n == x[0].name for n, _, _ in exact_here)]
            if len(left) == 1:
                region, m, src = left[0]
                out.append(_mention(written, region, True, src, m))
    return out


_DIGIT_BEFORE = regex.compile(r"\d\s*$")
_NUMERAL = "一二三四五六七八九十两"
_LIST_ITEM_END = regex.compile(r"[、，,。；;：:“”\"（）()\s]")


def _stands_as_place_name(text: str, m, known: frozenset) -> bool:
    """Does the spelling at m stand where a place name can: not inside a longer word on
    either side, not after a count (16小区), not a numbered item (一区) of a list of other
    things (一城、一带、一区)?"""
    start, end = m.start(), m.end()
    if start and _HAN.match(text[start - 1]) and text[start - 1] != "、":
        return False  # the end of a longer word
    if inside_longer_word(text, end) or _DIGIT_BEFORE.search(text[max(0, start - 4):start]):
        return False
    if not _SUFFIX.search(m.group(0)) and end < len(text) and _HAN.match(text[end]):
        return False  # a bare stem run on into more characters (效益指标 is no 沾益)
    if m.group(0)[0] in _NUMERAL:
        return False  # 一县、一海、一地: a slogan's items, not places
    before, after = _list_neighbours(text, start, end)
    if before is None and after is None:
        return True
    # a list of places has a place beside it: the item before ends with one, the item after begins with one
    return any(before[-n:] in known for n in range(2, len(before or "") + 1)) or \
        any(after[:n] in known for n in range(2, len(after or "") + 1))


def _list_neighbours(text: str, start: int, end: int) -> tuple:
    """The items before and after text[start:end] in a 、-list (None where there is none)."""
    before = after = None
    if start and text[start - 1] == "、":
        lo = start - 1
        while lo > 0 and not _LIST_ITEM_END.match(text[lo - 1]):
            lo -= 1
        before = text[lo:start - 1]
    if end < len(text) and text[end] == "、":
        hi = end + 1
        while hi < len(text) and not _LIST_ITEM_END.match(text[hi]):
            hi += 1
        after = text[end + 1:hi]
    return before, after


def _read_as_a_misspelling(written: str, region: Region, source: dict, listed: bool, exact_here: set) -> bool:
    """Is there enough to read this spelling as the region misspelt? On OCR text its
    区/县/市 or its place in a list of places is enough (a misread character). On digital
    text a misspelling is a typing slip, and is read as one only among the places it is
    listed with — an enumeration or a table that names its siblings exactly — and when
    the stem keeps a character of its own (X县 for 南县 could be any county); in a table, with
    its 区/县/市 written."""
    if source.get("ocr"):
        return bool(_SUFFIX.search(written)) or listed
    if len(_SUFFIX.sub("", region.name)) < 2:
        return False
    written_suffix, own_suffix = _SUFFIX.search(written), _SUFFIX.search(region.name)
    if written_suffix and own_suffix and written_suffix.group(0) != own_suffix.group(0):
        return False  # (白沙县 for 龙沙区: a slip of one character keeps the rest, 区 stays 区)
    if listed:
        return True
    # (in a table, only a spelling with its 区/县/市: a bare stem one character off is any word, 以上 for 颍上)
    return (source.get("table") is not None and bool(_SUFFIX.search(written))
            and any(name != region.name for name, _, _ in exact_here))


@lru_cache(maxsize=64)
def _known_names(prefix: str) -> frozenset:
    """Every gazetteer name, and the short names of one city's counties."""
    return frozenset({r.name for r in gazetteer().values()} | {_short(r.name) for r, _, _ in _sibling_patterns(prefix)})


@lru_cache(maxsize=64)
def _sibling_patterns(prefix: str) -> tuple:
    """(region, short name, pattern of the name and its one-character variants) for the
    counties of one city, compiled once per city."""
    out = []
    for region in (r for r in gazetteer().values() if r.level == "county" and r.code.startswith(prefix)):
        short = _short(region.name)
        alternatives = [regex.escape(short)] + [regex.escape(short[:i]) + r"\p{Han}" + regex.escape(short[i + 1:])
                                                for i in range(len(short))]
        out.append((region, short, regex.compile(rf"(?:{'|'.join(alternatives)})(?:区|县|市)?")))
    return tuple(out)


@lru_cache(maxsize=64)
def _sibling_chars(prefix: str):
    """A test of whether a text can hold a spelling of any county of the city: one of
    their first or second characters in it (see _may_name), as one character class
    (with re, which scans for a class much faster than regex does)."""
    shorts = [short for _, short, _ in _sibling_patterns(prefix)]
    if any(len(s) < 2 for s in shorts):
        return lambda text: True
    return re.compile("[" + "".join(sorted({re.escape(c) for s in shorts for c in s[:2]})) + "]").search


def _may_name(short: str, text: str) -> bool:
    """Can text hold a spelling of `short`? (Each keeps its first or its second character.)"""
    return len(short) < 2 or short[0] in text or short[1] in text


def _sibling_matches(pattern, short: str, text: str):
    """pattern.finditer(text) for a pattern of _sibling_patterns, trying only where a match
    can start: every spelling of `short` keeps its first character or its second, so a match
    starts at short[0] or one before short[1]. The regular expression itself, tried at every
    position of every paragraph for every county of the city, is the slow part."""
    if len(short) < 2:
        yield from pattern.finditer(text)
        return
    starts = set(_positions(text, short[0])) | {i - 1 for i in _positions(text, short[1]) if i > 0}
    end = 0
    for start in sorted(starts):
        if start < end:
            continue  # finditer goes on after the last match, never inside it
        m = pattern.match(text, start)
        if m:
            yield m
            end = m.end()


def _named_nearby(name: str, exact: set, source: dict, m) -> bool:
    """Is `name` written correctly beside this spelling: elsewhere in the same table, or
    within a few characters in the same paragraph (the same enumeration)?"""
    for n, src_id, pos in exact:
        if n != name:
            continue
        if source.get("table") is not None or (src_id == id(source) and abs(pos - m.start()) <= 8):
            return True
    return False


def _mention(written: str, region: Region, variant: bool, source: dict, m) -> dict:
    return {"name": written, "canonical": region.name, "admin_code": region.code, "variant": variant,
            "source": {**source, "start": m.start(), "end": m.end(), "quote": written}}
