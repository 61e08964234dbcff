"""Brackets: the value said to fall in a scoring bracket (…=11-30%（含）… 得分按4分计算).
"""
from __future__ import annotations

from .wording import QUOTES, relation_patterns


def brackets_in(block, facts: list, relations: list) -> list:
    """预算控制率=11-30%（含）… 得分按4分计算: the value said to fall in that bracket."""
    out = []
    if not any(f.range_high is not None for f in facts):
        return out  # a bracket is a stated range: without one the (slow) pattern cannot lead anywhere
    pattern = relation_patterns()["bracket"]
    formula_results = {r["result"]: r["name"] for r in relations if r["type"] == "formula"}
    for m in pattern.finditer(block.text):
        rng = next((f for f in facts if f.range_high is not None and f.source["start"] >= m.start("low")
                    and f.source["start"] <= m.end()), None)
        if rng is None:
            continue
        name = QUOTES.sub("", m.group("name"))
        value = next((f for f in reversed(facts) if f.kind == "percent" and f.range_high is None
                      and f.source["start"] < m.start() and (name in formula_results.get(f.id, "") or
                                                             name in QUOTES.sub("", f.context))), None)
        score = next((f for f in facts if f.kind == "score" and f.source["start"] > m.end()), None)
        if value:
            out.append({"type": "bracket", "value": value.id, "bracket": rng.id, "score": score.id if score else None,
                        "name": name, "source": {"block": block.index, "page": block.page}})
    return out
