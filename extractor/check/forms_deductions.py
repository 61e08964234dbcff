"""Form rule on an indicator's own row: its 得分 against its 分值 less the 扣分 the row states
(form.deduction; see forms.py)."""
from __future__ import annotations

from . import rule
from .common import SEVERITY, facts_by_id, make_flag, rounded
from .forms_common import forms_of, points
from .tolerance import points_against, points_interval


@rule("form.deduction")
def check_deduction(record: dict) -> list:
    """An indicator's 得分 against its 分值 less the 扣分 its own row states (all three
    filled; points are set and taken off whole, so exact as written)."""
    facts = facts_by_id(record)
    flags = []
    for form in forms_of(record):
        for ind in form.get("indicators") or []:
            weight, deduction, score = (facts.get(ind.get(k)) if ind.get(k) else None
                                        for k in ("weight", "deduction", "score"))
            if weight is None or deduction is None or score is None:
                continue
            left = points_interval(weight) - points_interval(deduction)
            outcome, diff, tol = points_against(points_interval(score), left)
            if outcome == "ok":
                continue
            path = "›".join(ind.get("path") or [])
            flags.append(make_flag(
                SEVERITY[outcome],
                f"{form.get('name') or '自评表'}指标得分与分值减扣分不符：{path}，分值{points(weight)}，"
                f"扣分{points(deduction)}，应得{rounded(left.mid, 2)}分，表列得分{points(score)}",
                score["value"], rounded(left.mid, 4), rounded(-diff, 4), rounded(tol, 4),
                [weight, deduction, score], form=form.get("id")))
    return flags
