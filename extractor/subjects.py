"""Named subjects: the county, district, town, village or group a figure is about (勐海县,
白石镇, 第二片区, 三组, A县), read from the words around an administrative or group suffix.
County-level and higher names count as the gazetteer knows them (a verb before 县 is no
county: 退回县财政); town, village and group names by their stem.

Extraction uses this to say whom a figure in the text is about, the checker to tell two
figures of the same wording apart when they are about different subjects (A县参保12.3万人,
B县参保8.1万人), and region matching to tell a place name from a word that ends like one
(…区域). The vocabulary is data: patterns/subjects.json."""
from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple, Optional

import regex

from .patterns import load_json


class Name(NamedTuple):
    start: int
    end: int
    text: str


@lru_cache(maxsize=1)
def _vocab() -> dict:
    v = load_json("subjects.json")
    words = sorted(set(v["suffixes"]) | set(v["common_nouns"]) | set(v["never_names"]), key=len, reverse=True)
    return {
        "word": regex.compile("|".join(map(regex.escape, words))),
        "common": frozenset(v["common_nouns"]) | frozenset(v["never_names"]),
        "never": frozenset(v["never_names"]),
        "admin": frozenset(v["admin_suffixes"]),
        # a stem never runs across another one-character suffix: 青禾镇白石村 is two names
        "breaks": frozenset(v["stem_breaks"]) | {s for s in v["suffixes"] if len(s) == 1},
        "generic": frozenset(v["generic_stem_ends"]),
        "after": frozenset(v["words_after_suffix"]),
        "reach": int(v["max_stem_chars"]),
    }


_STEM_CHAR = regex.compile(r"[\p{Han}A-Za-z0-9]")
_LATIN = regex.compile(r"^[A-Za-z]+$")
_HAN = regex.compile(r"\p{Han}")
_COUNT = regex.compile(r"^\d+$")


def stem_before(text: str, pos: int) -> str:
    """The characters a name's stem can take before pos: at most max_stem_chars, back to
    a break (a particle, punctuation, another suffix) or to a word that makes it generic
    (全, 各, 个 …), which is left out."""
    v = _vocab()
    lo = pos
    while lo > 0 and pos - lo < v["reach"] and _STEM_CHAR.match(text[lo - 1]) \
            and text[lo - 1] not in v["breaks"] and text[lo - 1] not in v["generic"]:
        lo -= 1
    return text[lo:pos]


def inside_longer_word(text: str, end: int) -> bool:
    """A suffix followed by what makes it part of another word (市场, 区域, 县级, 组织), but
    not by a common noun of its own (青禾县城乡居民: 县 then 城乡)."""
    v = _vocab()
    if not end or text[end - 1:end + 1] not in v["after"]:
        return False
    following = v["word"].match(text, end)
    return not (following and following.group(0) in v["common"])


def subject_names(text: str, start: int = 0, end: int | None = None) -> list:
    """The names in text[start:end], in text order."""
    v = _vocab()
    out = []
    for m in v["word"].finditer(text, start, len(text) if end is None else end):
        word = m.group(0)
        if word in v["never"] or inside_longer_word(text, m.end()):
            continue
        stem = stem_before(text, m.start())
        if word in v["admin"] and not _LATIN.match(stem):
            name = _known_place(text, m.end())  # 退回县财政, 示范区, 全县: no county
            if name is None:
                continue
        elif not stem or _COUNT.match(stem):
            continue  # 各乡, 16个小区, 3村, or a common noun with nothing in front (小区)
        else:
            name = stem + word
        out.append(Name(m.end() - len(name), m.end(), name))
    return out


@lru_cache(maxsize=1)
def _longest_place_name() -> int:
    from .extract.regions import gazetteer_names

    return max(map(len, gazetteer_names()))


def _known_place(text: str, end: int) -> Optional[str]:
    """The longest name the gazetteer knows that ends at `end` (举办勐海县 → 勐海县; 枣庄市市中区
    → 市中区, whose stem holds a suffix of its own), if any."""
    from .extract.regions import gazetteer_names

    names, longest = gazetteer_names(), _longest_place_name()
    lo = end - 1
    while lo > 0 and end - lo < longest and _HAN.match(text[lo - 1]):
        lo -= 1
    return next((text[i:end] for i in range(lo, end - 1) if text[i:end] in names), None)


def same_subject(a: str, b: str) -> bool:
    """Two names of one subject: the same, or one written with more in front of it (白石镇
    and 查白石镇, where a stem reached back into the words before the name)."""
    return a.endswith(b) or b.endswith(a)
