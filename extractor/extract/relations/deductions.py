"""Deductions: a score stated as full marks less the points taken off (满分100分…合计扣7分…最终
得分93分), all three in one paragraph.
"""
from __future__ import annotations

from functools import lru_cache

import regex

from .wording import vocabulary


def deductions_in(block, facts: list) -> list:
    """满分100分 … 以上合计扣7分 … 最终得分93分: the score against the full marks less the
    deductions' total. Only where the paragraph holds exactly one of each (the deductions'
    total may be stated twice alike), the full marks are the whole 100 and the deduction is
    worded as a total (合计扣, 共扣)."""
    p = _patterns()
    full = [f for f in facts if f.kind == "score" and f.value == 100 and p["full"].search(f.context or "")]
    taken = [f for f in facts if f.kind == "score" and f.label == "扣分" and p["taken"].search(f.context or "")]
    final = [f for f in facts if f.kind == "score" and f.label == "得分" and p["final"].search(f.context or "")]
    if len({f.value for f in taken}) == 1:
        taken = taken[:1]  # 共扣6.5分 … 扣分合计6.5分: one total stated twice
    if len(full) != 1 or len(taken) != 1 or len(final) != 1:
        return []
    return [{"type": "deduction", "full": full[0].id, "deducted": taken[0].id, "score": final[0].id,
             "source": {"block": block.index, "page": block.page}}]


@lru_cache(maxsize=1)
def _patterns() -> dict:
    v = vocabulary()["deduction_total"]
    return {k: regex.compile(v[k]) for k in ("full", "taken", "final")}
