"""Products: an amount that is a unit price times a count (按600元/人…共计退回…).
"""
from __future__ import annotations

from ..sentences import sentence_index
from .wording import relation_patterns


def products_in(block, facts: list, spans: list, earlier: list) -> list:
    """按600元/人兜底，共计退回246,600.00元 with 411人 before it: price × count = amount."""
    out = []
    for i, f in enumerate(facts):
        if f.kind != "money_rate":
            continue
        si = sentence_index(spans, f.source["start"])
        amount = next((g for g in facts[i + 1:] if g.kind == "amount" and sentence_index(spans, g.source["start"]) == si
                       and relation_patterns()["sum_words"].search(g.context)), None)
        count = next((g for g in reversed(facts[:i]) if g.kind in ("headcount", "person_times")
                      and sentence_index(spans, g.source["start"]) >= si - 1), None)
        if amount and count:
            out.append({"type": "product", "rate": f.id, "count": count.id, "amount": amount.id,
                        "source": {"block": block.index, "page": block.page}})
    return out
