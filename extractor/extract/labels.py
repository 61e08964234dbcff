"""Naming what a figure measures, from the words around it in its clause.

The label vocabulary is data (patterns/labels.json): label → trigger terms, optionally only
for some fact kinds (兜底 before a headcount is 兜底人数, before an amount it is not). Counts
(11个乡镇, 99个村卫生室) are named by what they count: the word after the unit, segmented with
jieba and a domain user dictionary (patterns/jieba_userdict.txt)."""
from __future__ import annotations

from functools import lru_cache
from typing import Optional

import regex

from ..patterns import load_json, pattern_path

# Clause boundaries: a label never reaches across these.
_CLAUSE_BREAK = regex.compile(r"[，。；;！？：:、,（）()\n]")
YEAR = regex.compile(r"(?<!\d)((?:19|20)\d{2})\s*年")
_WEIGHT_AFTER_NAME = regex.compile(r"[（(]\s*$")
_CJK_WORD = regex.compile(r"^\p{Han}{2,6}$")


@lru_cache(maxsize=1)
def _vocab() -> dict:
    return load_json("labels.json")


@lru_cache(maxsize=1)
def _rate_suffix():
    return regex.compile(_vocab()["rate_suffix"])


@lru_cache(maxsize=1)
def _label_index() -> list:
    """[(term, label, kinds or None)] longest terms first."""
    pairs = []
    for label, entry in _vocab()["labels"].items():
        terms, kinds = (entry, None) if isinstance(entry, list) else (entry["terms"], frozenset(entry["kinds"]))
        pairs += [(term, label, kinds) for term in terms]
    return sorted(pairs, key=lambda p: len(p[0]), reverse=True)


@lru_cache(maxsize=1)
def _jieba():
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.load_userdict(str(pattern_path("jieba_userdict.txt")))
    return tokenizer


def clause_before(text: str, start: int, limit: int = 40) -> str:
    lo = max(0, start - limit)
    head = text[lo:start]
    breaks = list(_CLAUSE_BREAK.finditer(head))
    return head[breaks[-1].end():] if breaks else head


def clause_after(text: str, end: int, limit: int = 20) -> str:
    tail = text[end:end + limit]
    m = _CLAUSE_BREAK.search(tail)
    return tail[:m.start()] if m else tail


def label_for(text: str, start: int, kind: str = "", end: Optional[int] = None) -> Optional[str]:
    """The label for the figure at text[start:end] of the given kind."""
    if kind == "score" and _WEIGHT_AFTER_NAME.search(text[max(0, start - 2):start]):
        return "分值"  # 绩效目标合理性（3分）: the weight an indicator carries
    if kind == "count" and end is not None:
        counted = counted_noun(text, end)
        if counted:
            return counted + _vocab()["count_label_suffix"]
    clause = clause_before(text, start)
    found = _closest_label(clause, kind)
    if found is None and kind == "percent":
        m = _rate_suffix().search(clause)
        if m:
            return m.group("rate")
    if found is None and end is not None:
        after = clause_after(text, end)
        for label, terms in _vocab().get("after_terms", {}).items():
            if any(after.startswith(t) or after[:4].find(t) >= 0 for t in terms):
                return label
    if found is None and not clause.strip():
        prev_end = start - len(clause) - 1
        if prev_end > 0:
            found = _closest_label(clause_before(text, prev_end), kind)
    return found


def counted_noun(text: str, end: int) -> Optional[str]:
    """11个乡镇 → 乡镇: the first word after a count's unit."""
    after = clause_after(text, end, 8)
    if not after:
        return None
    words = list(_jieba().cut(after))
    first = words[0] if words else ""
    return first if _CJK_WORD.match(first) else None


def _closest_label(clause: str, kind: str = "") -> Optional[str]:
    best = None  # (end position, term length, label)
    for term, label, kinds in _label_index():
        if kinds is not None and kind not in kinds:
            continue
        pos = clause.rfind(term)
        if pos < 0:
            continue
        key = (pos + len(term), len(term))
        if best is None or key > best[0]:
            best = (key, label)
    return best[1] if best else None


def label_of_header(path: list, kind: str = "") -> str:
    """A column as a label: the vocabulary's name for its header when a term covers most of
    it (清退兜底人数（人） → 清退人数, 当年缴费标准 → 缴费标准), else the header without its
    unit; a plain header (人数, 金额) takes its column group in front (计划人数)."""
    bare = bare_header(path[-1])
    if bare in _vocab().get("generic_headers", []) and len(path) > 1:
        return bare_header(path[-2]) + bare
    for term, label, kinds in _label_index():
        if (kinds is None or kind in kinds) and term in bare and len(term) >= 0.6 * len(bare):
            return label
    return bare or path[-1]


def bare_header(header: str) -> str:
    """A column header without its unit: 兜底人数（人） → 兜底人数."""
    return regex.sub(r"[（(][^（）()]*[)）]", "", header).strip()


def year_for(text: str, start: int) -> Optional[int]:
    """The year named in the figure's sentence before it (2017年 …), if any."""
    lo = max(0, start - 80)
    head = text[lo:start]
    sentence_start = max(head.rfind("。"), head.rfind("；"))
    years = YEAR.findall(head[sentence_start + 1:])
    return int(years[-1]) if years else None
