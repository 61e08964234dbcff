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


def listed_deductions_in(block, facts: list) -> list:
    """（二）过程指标。分值30分，得27分。…扣2分；…扣1分；…扣1分: a level's paragraph stating its
    分值 and its 得分, then the points each shortcoming took off. Only where the paragraph holds
    exactly one 分值 and one 得分 before every deduction, no other score, and no deduction worded
    as a total or a part of another (合计扣, 其中…扣)."""
    p = _patterns()
    scores = [f for f in facts if f.kind == "score"]
    weight = [f for f in scores if p["level_weight"].search(f.context or "")]
    final = [f for f in scores if p["level_score"].search(f.context or "")]
    taken = [f for f in scores if f.label == "扣分" and p["each_taken"].search(f.context or "")]
    if len(weight) != 1 or len(final) != 1 or not taken or len(scores) != 2 + len(taken) \
            or not weight[0].source["start"] < final[0].source["start"] < taken[0].source["start"] \
            or any(p["taken"].search(f.context or "") for f in taken) \
            or p["nested"].search(block.text, final[0].source["end"]):
        return []
    return [{"type": "deduction", "full": weight[0].id, "deducted_each": [f.id for f in taken],
             "score": final[0].id, "source": {"block": block.index, "page": block.page}}]


@lru_cache(maxsize=1)
def _patterns() -> dict:
    v = vocabulary()["deduction_total"]
    return {k: regex.compile(v[k]) for k in ("full", "taken", "final", "level_weight", "level_score", "each_taken",
                                             "nested")}
