"""Resolving the report's region (province / city / county) to an administrative code,
from the offline gazetteer in patterns/regions.csv (GB/T 2260 codes)."""
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
def _name_index() -> tuple:
    by_name: dict = {}
    for region in gazetteer().values():
        by_name.setdefault(region.name, []).append(region)
    names = sorted(by_name, key=len, reverse=True)
    pattern = regex.compile("|".join(regex.escape(n) for n in names))
    return by_name, pattern


def parent_of(region: Region) -> Optional[Region]:
    g = gazetteer()
    if region.level == "county":
        return g.get(region.code[:4] + "00") or g.get(region.code[:2] + "0000")
    if region.level == "city":
        return g.get(region.code[:2] + "0000")
    return None


def mentions(text: str) -> Counter:
    by_name, pattern = _name_index()
    counts: Counter = Counter()
    for m in pattern.finditer(text):
        for region in by_name[m.group(0)]:
            counts[region] += 1
    return counts


def resolve_region(heading_text: str, body_text: str) -> dict:
    """Pick the most specific region the report's heading zone (title, agency line,
    opening paragraph) names; where a name is ambiguous (市中区), prefer the one whose
    city or province the report also mentions."""
    head = mentions(heading_text)
    body = mentions(body_text)
    pool = head or body
    if not pool:
        return {"province": None, "city": None, "county": None, "admin_code": None}

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
