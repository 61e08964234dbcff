"""Resolving the report's region (province / city / county) to an administrative code,
from the offline gazetteer in patterns/regions.csv (GB/T 2260 codes). The mentions of the
city's own districts and counties, misspellings included, are district_mentions.py's: they are
read once the region is known, for the checker."""
from __future__ import annotations

import csv
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

import regex

from ..patterns import pattern_path


@dataclass(frozen=True)
class Region:
    code: str
    name: str
    level: str  # province | city | county


@lru_cache(maxsize=1)
def gazetteer() -> dict:
    """code -> Region. '市辖区' / '县' placeholders are not places and are left out."""
    out = {}
    with open(pattern_path("regions.csv"), encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["name"] in ("市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"):
                continue
            out[row["admin_code"]] = Region(row["admin_code"], row["name"], row["level"])
    return out


@lru_cache(maxsize=1)
def gazetteer_names() -> frozenset:
    """Every name the gazetteer knows."""
    return frozenset(_name_index()[0])


@lru_cache(maxsize=1)
def _name_index() -> tuple:
    by_name: dict = {}
    for region in gazetteer().values():
        by_name.setdefault(region.name, []).append(region)
    lengths: dict = {}  # last character → the lengths of the names ending in it, longest first
    for n in by_name:
        lengths.setdefault(n[-1], set()).add(len(n))
    return by_name, {end: sorted(ns, reverse=True) for end, ns in lengths.items()}


@lru_cache(maxsize=1)
def _name_end() -> regex.Pattern:
    """The characters gazetteer names end with, as one character class."""
    _, lengths = _name_index()
    return regex.compile("[" + "".join(regex.escape(c) for c in sorted(lengths)) + "]")


def _find_names(text: str) -> list:
    """Gazetteer names in text, longest first, not overlapping. A scan over the few
    characters names end with (县 区 市 旗 州 省 …) and set look-ups: much faster than one
    regular expression of 3,500 alternatives."""
    by_name, lengths = _name_index()
    found = []
    last_start = len(text) + 1
    for i in reversed([m.start() for m in _name_end().finditer(text)]):
        if i >= last_start:
            continue
        for n in lengths[text[i]]:
            start = i - n + 1
            if n == 2 and text[i + 1:i + 2] == "级":
                continue  # 省级和县级: a level of government (县级), not 和县
            if start >= 0 and text[start:i + 1] in by_name:
                found.append((start, text[start:i + 1]))
                last_start = start
                break
    return found[::-1]


def parent_of(region: Region) -> Optional[Region]:
    g = gazetteer()
    if region.level == "county":
        return g.get(region.code[:4] + "00") or g.get(region.code[:2] + "0000")
    if region.level == "city":
        return g.get(region.code[:2] + "0000")
    return None


def mentions(text: str) -> Counter:
    by_name, _ = _name_index()
    counts: Counter = Counter()
    for _, name in _find_names(text):
        for region in by_name[name]:
            counts[region] += 1
    return counts


_COUNTY_LIKE = regex.compile(r"\p{Han}{2,4}(?:县|区|市|旗)")


_CITY_SUFFIX = regex.compile(r"(?:(?:\p{Han}{1,3}族)+自治州|自治州|地区|市|盟)$")


def near_misses(text: str, body: Counter, body_text: str = "") -> Counter:
    """County and city names one character off a gazetteer name (动海县 for 勐海县, 吏庄市
    for 枣庄市, as OCR reads them), counted only where the place's province or city is
    named in the report (for a city: its province), and only when one place fits best."""
    by_name, _ = _name_index()
    found: Counter = Counter()
    # overlapped: in 年度吏庄市 the name is the last three characters, not the longest run
    for m in _COUNTY_LIKE.finditer(text, overlapped=True):
        written = m.group(0)
        if written in by_name:
            continue
        hits = [r for r in _places_by_shape().get((len(written), written[-1]), ())
                if sum(a != b for a, b in zip(r.name, written)) == 1]
        # support: the county's city named (in full or short: 西双版纳州), then its province
        scored = []
        for r in hits:
            support = 0
            for p in _ancestors(r):
                short = _CITY_SUFFIX.sub("", p.name) if p.level == "city" else p.name
                if body[p] or (p.level == "city" and len(short) >= 2 and short in body_text):
                    support += 2 if p.level == "city" else 1
            if support:
                scored.append((support, r))
        scored.sort(key=lambda x: -x[0])
        if scored and (len(scored) == 1 or scored[0][0] > scored[1][0]):
            found[scored[0][1]] += 1
    return found


def short_names(text: str, body: Counter) -> Counter:
    """Counties written without their suffix (勐海 for 勐海县), counted where the county's
    province or city is named in the report: only those can be told apart."""
    named = {r for r in body if r.level in ("province", "city")}
    found: Counter = Counter()
    if not named:
        return found
    # inside a name of its own the short name is that place: 长沙 in 长沙市财政局 is the
    # city, not 长沙县
    taken = [(start, start + len(name)) for start, name in _find_names(text)]
    for region, ancestors, short in county_short_names():
        if named.isdisjoint(ancestors) or short not in text or region.name in text:
            continue
        if any(not any(a <= at < b for a, b in taken) for at in _positions(text, short)):
            found[region] += 1
    return found


@lru_cache(maxsize=2)
def county_short_names(peoples_dropped: bool = False) -> tuple:
    """(county, its ancestors, its name without the suffix) for the counties whose short
    name is a name of its own (two characters or more, not the full name), in gazetteer order."""
    out = []
    for region in _counties():
        # (with `peoples_dropped`, an autonomous county by its name without its peoples too:
        # 巴马瑶族自治县 → 巴马, as a score sheet heads its column; not where a text is searched
        # for names, 都安 of 都安排 being no place)
        shorts = dict.fromkeys((_SUFFIX.sub("", region.name),)
                               + ((_AUTONOMOUS_PEOPLES.sub("", region.name),) if peoples_dropped else ()))
        for short in shorts:
            if len(short) >= 2 and short != region.name:
                out.append((region, frozenset(_ancestors(region)), short))
    return tuple(out)


_AUTONOMOUS_PEOPLES = regex.compile(r"(?<=\p{Han}{2})(?:\p{Han}{1,3}?族)+自治[县旗]$")


@lru_cache(maxsize=1)
def _places_by_shape() -> dict:
    """(length, last character) → the counties and cities of that shape, in gazetteer
    order: a name one character off keeps both."""
    out: dict = {}
    for r in _counties() + _cities():
        out.setdefault((len(r.name), r.name[-1]), []).append(r)
    return out


def unresolved_names(text: str) -> list:
    """Place-like names (…县, …区, …市) in the text that the gazetteer does not know."""
    by_name, _ = _name_index()
    return sorted({m.group(0) for m in _COUNTY_LIKE.finditer(text) if m.group(0) not in by_name})


def _ancestors(region: Region) -> list:
    out, p = [], parent_of(region)
    while p is not None:
        out.append(p)
        p = parent_of(p)
    return out


def resolve_region(heading_text: str, body_text: str) -> dict:
    """Pick the most specific region the report's heading zone (title, agency line,
    opening paragraph) names; where a name is ambiguous (市中区), prefer the one whose
    city or province the report also mentions."""
    head = mentions(heading_text)
    body = mentions(body_text)
    # a name several places share (城区, 郊区, 市中区) counts only under an ancestor the
    # report names: 六城区 in a 太原市 report is not 大同市城区
    by_name, _ = _name_index()
    for counter in (head, body):
        for region in [r for r in counter if len(by_name[r.name]) > 1]:
            if not any(head[a] or body[a] for a in _ancestors(region)):
                del counter[region]
    if not any(r.level == "county" for r in head):
        head = head + near_misses(heading_text, body, body_text)  # a misread county name (OCR)
    if not any(r.level == "county" for r in head):
        head = head + short_names(heading_text, body)  # 勐海 for 勐海县
    pool = head or body
    if not pool:
        return {"province": None, "city": None, "county": None, "admin_code": None,
                "region_unresolved": unresolved_names(heading_text) or None}

    def support(region: Region) -> float:
        score = head[region] * 5 + body[region]
        p = parent_of(region)
        while p is not None:
            score += head[p] * 5 + body[p]
            p = parent_of(p)
        return score

    best = None
    for level in ("county", "city", "province"):
        candidates = [r for r in pool if r.level == level]
        if candidates:
            best = max(candidates, key=lambda r: (support(r), -int(r.code)))
            break
    chain = {"province": None, "city": None, "county": None}
    node = best
    while node is not None:
        chain[node.level] = node.name
        node = parent_of(node)
    chain["admin_code"] = best.code
    return chain


_SUFFIX = regex.compile(r"(?:区|县|市|自治县|旗)$")


@lru_cache(maxsize=1)
def _counties() -> tuple:
    return tuple(r for r in gazetteer().values() if r.level == "county")


@lru_cache(maxsize=1)
def _cities() -> tuple:
    return tuple(r for r in gazetteer().values() if r.level == "city")


def _positions(text: str, char: str) -> list:
    out, i = [], text.find(char)
    while i >= 0:
        out.append(i)
        i = text.find(char, i + 1)
    return out
