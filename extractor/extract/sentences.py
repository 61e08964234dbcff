"""Where sentences end: one definition for every stage that asks (facts number a figure's
sentence, labels look no further back than its start, relations scope a 其中 list by it).

Two levels, because Chinese reports use ； both ways: a *sentence* ends at 。！？ or a line
break; a *clause group* ends there or at ；. A breakdown list runs across ； (其中：中央资金
…；省级资金…), so relations scope by sentences; a label, a year or a reason word belongs to
its clause group."""
from __future__ import annotations

from bisect import bisect_right
from typing import Optional

import regex

SENTENCE_END = regex.compile(r"[。！？!?\n]")
CLAUSE_GROUP_END = regex.compile(r"[。；;！？!?\n]")


def sentence_spans(text: str, ends: regex.Pattern = SENTENCE_END) -> list:
    """(start, end) of each sentence, its closing mark included, so that every position
    of the text is in exactly one span."""
    spans, start = [], 0
    for m in ends.finditer(text):
        spans.append((start, m.end()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def sentence_index(spans: list, pos: int) -> int:
    """The number of the span of `sentence_spans` that holds pos (the last one past the end)."""
    i = bisect_right(spans, (pos, float("inf"))) - 1
    return min(max(i, 0), len(spans) - 1)


def sentence_bounds(text: str, pos: int, ends: regex.Pattern = CLAUSE_GROUP_END,
                    reach: Optional[int] = None) -> tuple:
    """(lo, hi) of the sentence holding pos, without its closing mark: lo just after the
    previous end (looking back no more than `reach` characters when given), hi at the next
    end at or after pos."""
    floor = 0 if reach is None else max(0, pos - reach)
    lo = max((m.end() for m in ends.finditer(text, floor, pos)), default=floor)
    m = ends.search(text, pos)
    return lo, m.start() if m else len(text)


def same_sentence(text: str, a: int, b: int, ends: regex.Pattern = CLAUSE_GROUP_END) -> bool:
    """No sentence end between positions a and b."""
    return not ends.search(text, a, b)
