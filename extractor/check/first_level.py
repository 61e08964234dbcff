"""The first level of a report's score tree: whether its names make one of the usual sets
(决策、过程、产出、效益 …) whole, which names beside such a set are a lower level's rows read
alone, and each first-level indicator's weight."""
from __future__ import annotations

from decimal import Decimal

from ..first_level_sets import whole_first_level
from .common import check_settings


def stray_tops(indicators: list) -> set:
    """First-level names that are no first-level indicator: where the others make one of the
    usual sets whole (决策、过程、产出、效益), a childless one named by none of its members
    (资金到位率 4分 得4分, from a later paragraph) is a lower level's row read alone."""
    tops = [i["path"][0] for i in indicators if not i.get("total") and len(i["path"]) == 1]
    members = {m for members in check_settings()["first_level_sets"] for m in members}
    named = [n for n in tops if any(m in n for m in members)]
    if not whole_first_level(named):
        return set()
    parents = {i["path"][0] for i in indicators if len(i["path"]) > 1}
    return {n for n in tops if n not in named and n not in parents}


def top_weights(indicators: list) -> dict:
    weights: dict = {}
    for i in indicators:
        if i.get("total") or not i["path"]:
            continue
        top = i["path"][0]
        w = (i.get("weights") or [None])[0] if i.get("weights") else (i.get("weight") if len(i["path"]) == 1 else None)
        if top not in weights or weights[top] is None:
            weights[top] = Decimal(w) if w is not None else None
    return weights
