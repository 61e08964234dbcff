"""One inconsistency, one flag: a score table's total against its rows is both a table's 合计
row against its column (sum.table) and the score tree's total against its first level
(score.tree); a form's fund total, both form.funds_total and a breakdown. Where flags of
these sum rules state the same figure against the same computed sum, the auditor gets the
most specific one, the others folded into it under `also` with their own evidence."""
from __future__ import annotations

from decimal import Decimal

# most specific first: the rule whose flag is kept
_SUM_RULES = ("form.score_total", "form.funds_total", "score.tree", "sum.breakdown", "sum.table", "sum.row")


def fold_repeated_findings(flags: list) -> None:
    kept: dict = {}  # (stated, computed) → the flag kept for them
    folded = set()
    ranked = sorted((f for f in flags if f.get("rule") in _SUM_RULES and f.get("severity") in ("error", "warning")),
                    key=lambda f: _SUM_RULES.index(f["rule"]))
    for flag in ranked:
        key = _finding(flag)
        if key is None:
            continue
        first = kept.setdefault(key, flag)
        if first is flag or first["rule"] == flag["rule"]:
            continue  # (two flags of one rule are two findings: two tables may say the same)
        first.setdefault("also", []).append({"original_rule": flag["rule"], "message": flag["message"],
                                             "stated": flag["stated"], "computed": flag["computed"],
                                             "evidence": flag["evidence"]})
        folded.add(id(flag))
    flags[:] = [f for f in flags if id(f) not in folded]


def _finding(flag: dict):
    try:
        return Decimal(str(flag["stated"])).normalize(), Decimal(str(flag["computed"])).normalize()
    except (KeyError, ArithmeticError, ValueError):
        return None
