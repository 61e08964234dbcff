"""Changes on last year: which figure a change (比上年增加…) is said of, and its rate.
"""
from __future__ import annotations

from ..sentences import sentence_index
from .wording import relation_patterns, similarity, vocabulary


def changes_in(block, facts: list, spans: list, earlier: list) -> list:
    out = []
    words = vocabulary()["change_words"]
    prev_words = relation_patterns()["previous_year"]
    for i, f in enumerate(facts):
        if f.kind not in ("amount", "headcount", "person_times") or not prev_words.search(f.context):
            continue
        direction = next((d for w, d in words.items() if w in f.context), None)
        if direction is None:
            continue
        si = sentence_index(spans, f.source["start"])
        nearby = [g for g in facts[:i] if g.kind == f.kind and sentence_index(spans, g.source["start"]) >= si - 1]
        if not nearby:
            nearby = [g for g in earlier[-4:] if g.kind == f.kind]
        core = relation_patterns()["change_words"].sub("", f.context)
        current = previous = None
        years = [g.year for g in nearby if g.year]
        if len(set(years)) >= 2:
            top = max(years)
            current = next((g for g in reversed(nearby) if g.year == top), None)
            previous = next((g for g in reversed(nearby) if g.year == top - 1), None)
        elif nearby:
            current = max(nearby, key=lambda g: (similarity(core, g.context), g.source.get("start", 0)))
        rate = next((g for g in facts[i + 1:] if g.kind == "percent"
                     and sentence_index(spans, g.source["start"]) == si), None)
        out.append({"type": "change", "change": f.id, "direction": direction,
                    "current": current.id if current else None, "previous": previous.id if previous else None,
                    "rate": rate.id if rate else None, "source": {"block": block.index, "page": block.page}})
    return out
