"""The relation vocabulary (patterns/relations.json), compiled once, and how alike two
wordings are: every relation kind finds its figures by what the report calls them.
"""
from __future__ import annotations

from functools import lru_cache

import regex

from ...document_caches import document_cache
from ...patterns import load_json

QUOTES = regex.compile(r"[“”\"「」‘’（）()\s]")
# what stands between two items of one list of figures (280万元、300万元和330万元)
LIST_JOINER = regex.compile(r"\s*(?:[、，,和及与]|以及)\s*")
# the numbers, years and marks in a figure's words say nothing about whose figure it is
NOT_HAN = regex.compile(r"[^\p{Han}]+")


@lru_cache(maxsize=1)
def vocabulary() -> dict:
    return load_json("relations.json")


@lru_cache(maxsize=1)
def relation_patterns() -> dict:
    """The relation vocabulary compiled once per process."""
    v = vocabulary()
    markers = "|".join(list(map(regex.escape, v["breakdown_markers"] + v["complete_markers"]))
                       + v["complete_marker_patterns"])
    complete = "|".join(list(map(regex.escape, v["complete_markers"])) + v["complete_marker_patterns"])
    return {
        # (不含, 不包括, 未包括 leave a part out; they open no breakdown)
        "markers": regex.compile(rf"(?<![不未])(?:{markers})[：:，,]?"),
        "complete": regex.compile(rf"(?:{complete})"),
        "counted_whole": regex.compile("|".join(v["complete_marker_patterns"])),
        "counted_kinds": regex.compile(v["counted_kinds"]),
        "funding_levels": regex.compile(v["breakdown"]["funding_levels"]),
        "share_suffix": regex.compile(v["share_suffix"]),
        "rate_amount_joiner": regex.compile(v["rate_amount_joiners"]),
        "previous_year": regex.compile("|".join(v["previous_year_words"])),
        "change_words": regex.compile("|".join(list(v["change_words"]) + v["previous_year_words"])),
        "bracket": regex.compile(v["bracket_pattern"]),
        "sum_words": regex.compile(r"共计|合计|共|总计|累计"),
        "close": regex.compile(r"[）)]"),
        "per_unit": regex.compile(v["per_unit_pattern"]),
        "guarantee_line": regex.compile(v["guarantee_line"]),
        "rate_of_things": regex.compile(v["rate_of_things"]),
        "partial_period": regex.compile(v["partial_period"]),
        "sum_of_years": regex.compile(v["sum_of_years"]),
        "category_rate_before": regex.compile(v["category_rate_before"]),
        "category_rate_after": regex.compile(v["category_rate_after"]),
        # (较上年的14,112元, or a level its clause names last year's: 上年为9.70万元)
        "last_years_figure": regex.compile(rf"(?:{v['last_year_base']}(?:的)?|{v['last_year_level']})\s*$"),
        # between a figure and its change: ，较上年减少
        "on_last_year": regex.compile(rf"^\s*[，,]?\s*{v['last_year_base']}\p{{Han}}{{0,4}}$"),
    }


def of_last_year(text: str, f) -> bool:
    """Is f written as last year's level (较上年的14,112元; or 2022年为1,725.00万元 after a figure
    of 2023年 in the words before it)?"""
    start = f.source["start"]
    if relation_patterns()["last_years_figure"].search(text, max(0, start - 10), start) is not None:
        return True
    m = _YEARS_LEVEL.search(text, max(0, start - 12), start)
    return m is not None and f"{int(m.group(1)) + 1}年" in text[max(0, m.start() - _YEAR_BEFORE):m.start()]


# a figure's year written right before it (2022年为, 2022年度是), and how far back the year after
# it may be named
_YEARS_LEVEL = regex.compile(r"((?:19|20)\d{2})\s*年度?(?:同期)?(?:为|是)\s*$")
_YEAR_BEFORE = 80


def is_a_change(text: str, f) -> bool:
    """Is f written as a change (减少690人, 提高60元), not a level?"""
    return any(w in text[max(0, f.source["start"] - 4):f.source["start"]] for w in vocabulary()["change_words"])


_EARLIER_ITEMS = regex.compile(r"(?:\d+(?:\.\d+)?\s*[%％]\s*[、和及与]\s*)+$")


def list_start(text: str, rate) -> int:
    """Where the list of percentages the rate ends starts (17.50%、45.00%、70.00%: the first's
    start); the rate's own start when it is no list's later item. What is said before a list
    is said of each of its items."""
    listed = _EARLIER_ITEMS.search(text, max(0, rate.source["start"] - 40), rate.source["start"])
    return listed.start() if listed else rate.source["start"]


def sorts_things(text: str, rate) -> bool:
    """Is the rate a threshold or a category (执行率低于90%的项目2个, 执行率100%的项目12个)
    rather than a rate the report states?"""
    p = relation_patterns()
    start, end = list_start(text, rate), rate.source["end"]  # (低于25%、50%、75%的序时进度: each a threshold)
    return bool(p["category_rate_before"].search(text, max(0, start - 6), start)
                or p["category_rate_after"].match(text, end, min(len(text), end + 16)))


_PER_UNIT_KINDS = ("amount", "headcount", "person_times", "households")


def per_unit(f) -> bool:
    """Is the figure an amount or a count per person, household, village … (人均2000元, 每村3人)?
    Its clause says so."""
    return f.kind in _PER_UNIT_KINDS and relation_patterns()["per_unit"].search(f.context or "") is not None


@document_cache(maxsize=4096)  # a figure's wording is compared with every name near it
def _bigrams(text: str) -> frozenset:
    t = QUOTES.sub("", text)
    return frozenset(t[i:i + 2] for i in range(len(t) - 1))


def similarity(a: str, b: str) -> float:
    x, y = _bigrams(a), _bigrams(b)
    return len(x & y) / len(x) if x else 0.0
