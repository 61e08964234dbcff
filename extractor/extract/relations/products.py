"""Products: an amount that is a unit price times a count (按600元/人…共计退回…).
"""
from __future__ import annotations

from collections import Counter

import regex

from ..sentences import sentence_index
from .wording import relation_patterns


def products_in(block, facts: list, spans: list, earlier: list, totals: dict) -> list:
    """按600元/人兜底，共计退回246,600.00元 with 411人 before it: price × count = amount (the
    price may be an amount per person in words: 人均补助1.2万元). A count that is the last
    part of a 其中 list (`totals`: part id → total id) may stand for its total too."""
    out = []
    for i, f in enumerate(facts):
        per_person = f.kind == "amount" and not f.approx and _PER_PERSON.search(f.context or "") is not None
        if not (f.kind == "money_rate" or per_person) or _PER_PERIOD.match(block.text, f.source["end"]):
            continue  # 100元/人·月: the months the total covers are not stated with it
        si = sentence_index(spans, f.source["start"])
        amount = next((g for g in facts[i + 1:] if g.kind == "amount" and sentence_index(spans, g.source["start"]) == si
                       and relation_patterns()["sum_words"].search(g.context)), None)
        count = next((g for g in reversed(facts[:i]) if g.kind in ("headcount", "person_times")
                      and sentence_index(spans, g.source["start"]) >= si - 1), None)
        if amount and count:
            out.append({"type": "product", "rate": f.id, "count": count.id, "amount": amount.id,
                        "source": {"block": block.index, "page": block.page}})
            if count.id in totals:
                out[-1]["count_alternatives"] = [totals[count.id]]
    # prices of several groups with one total after them (1200人按350元/人，7450人按291.5元/人，
    # 共计259.2万元): the total is their products' sum, not either product
    shared = Counter(r["amount"] for r in out)
    return [r for r in out if shared[r["amount"]] == 1]


_PER_PERIOD = regex.compile(r"\s*[·/／每]?\s*(?:月|季|季度|天|日|周)")
# an amount per person stated in words (人均补助1.2万元, 每人发放2000元) prices a headcount like 元/人
# (a year's price per head, 每生每年1000元, prices the year's headcount too; a month's does not)
_PER_PERSON = regex.compile(r"(?:人均|生均|每人|每名|每生)(?:每(?:年|学年))?(?:补助|补贴|资助|发放|奖励|标准)*(?:为|达|达到)?[：:]?$")
