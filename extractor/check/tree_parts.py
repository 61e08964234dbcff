"""Which entries of a score tree add up to an indicator's score (score.tree): its children, or
where its second level is named only in its rows' paths, the rows under it."""
from __future__ import annotations

from decimal import Decimal


def parts_to_sum(p: tuple, explicit: dict, children_of: dict, descend: bool = True) -> list:
    """p's children; where none is a row of its own (a second level named only in its rows'
    paths), the rows under them, but only where their 分值 make p's exactly: the weights then
    show the rows read are p's and all of them. Not `descend`ing (a standard form's levels are
    the form rules' to check), the children only."""
    if children_of.get(p) or not descend:
        return children_of.get(p, [])
    parts = _scored_parts(p, explicit, children_of)
    weight = explicit[p].get("weight")
    if not parts or weight is None or any(explicit[q].get("weight") is None for q in parts) \
            or sum(Decimal(str(explicit[q]["weight"])) for q in parts) != Decimal(str(weight)):
        return []
    return parts


def _scored_parts(p: tuple, explicit: dict, children_of: dict) -> list:
    """The parts of p whose scores add up to p's: its children, and for a child that names a
    group without a score of its own (二级指标 资金管理 over its rows, written as a row or only in
    its rows' paths), the rows under it."""
    parts = []
    groups = [g for g in children_of if len(g) == len(p) + 1 and g[:len(p)] == p and g not in explicit]
    for q in children_of.get(p, []) + groups:
        if (q not in explicit or explicit[q].get("score") is None) and children_of.get(q):
            parts += _scored_parts(q, explicit, children_of)
        elif q in explicit:
            parts.append(q)
    return parts
