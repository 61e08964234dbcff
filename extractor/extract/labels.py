"""Naming what a figure measures, from the words just before it in its clause."""
from __future__ import annotations

from functools import lru_cache
from typing import Optional

import regex

from ..patterns import load_json

# Clause boundaries: a label never reaches across these.
_CLAUSE_BREAK = regex.compile(r"[，。；;！？：:、,（）()\n]")
_YEAR = regex.compile(r"(?<!\d)((?:19|20)\d{2})\s*年")


@lru_cache(maxsize=1)
def _label_index() -> list:
    """[(term, label)] longest terms first."""
    labels = load_json("labels.json")["labels"]
    pairs = [(term, label) for label, terms in labels.items() for term in terms]
    return sorted(pairs, key=lambda p: len(p[0]), reverse=True)


def clause_before(text: str, start: int, limit: int = 40) -> str:
    lo = max(0, start - limit)
    head = text[lo:start]
    breaks = list(_CLAUSE_BREAK.finditer(head))
    return head[breaks[-1].end():] if breaks else head


def label_for(text: str, start: int) -> Optional[str]:
    """The label whose trigger term ends closest before `start` in the same clause.
    Falls back to the previous clause when the figure opens its clause ("其中：住院…")."""
    clause = clause_before(text, start)
    found = _closest_label(clause)
    if found is None and not clause.strip():
        prev_end = start - len(clause) - 1
        if prev_end > 0:
            found = _closest_label(clause_before(text, prev_end))
    return found


def _closest_label(clause: str) -> Optional[str]:
    best = None  # (end position, term length, label)
    for term, label in _label_index():
        pos = clause.rfind(term)
        if pos < 0:
            continue
        key = (pos + len(term), len(term))
        if best is None or key > best[0]:
            best = (key, label)
    return best[1] if best else None


def year_for(text: str, start: int) -> Optional[int]:
    """The year named in the figure's sentence before it (2017年 …), if any."""
    lo = max(0, start - 80)
    head = text[lo:start]
    sentence_start = max(head.rfind("。"), head.rfind("；"))
    years = _YEAR.findall(head[sentence_start + 1:])
    return int(years[-1]) if years else None
