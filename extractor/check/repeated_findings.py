"""One inconsistency, one flag: a score table's total against its rows is both a table's 合计
row against its column (sum.table) and the score tree's total against its first level
(score.tree); a form's fund total, both form.funds_total and a breakdown. Where flags of
these sum rules state the same figure against the same computed sum, the auditor gets the
most specific one, the others folded into it under `also` with their own evidence; a total off
by just what one of its subtotals is off, into that subtotal's flag."""
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
    _fold_totals_into_their_part(flags, ranked, folded)
    flags[:] = [f for f in flags if id(f) not in folded]


def _fold_totals_into_their_part(flags: list, ranked: list, folded: set) -> None:
    """A total off its rows by just what one of its subtotals is off its own rows (过程小计 18.5
    over rows of 17.5, so the 总分 91 over rows of 90) is that subtotal's finding: the total's
    flag is folded into the subtotal's, which says where the gap is."""
    for whole in ranked:
        if id(whole) in folded:
            continue
        parts_of_whole = set(_ids(whole)[1:])
        for part in ranked:
            if part is whole or id(part) in folded:
                continue
            inner = set(_ids(part)[1:])
            if _gap(part) is not None and _gap(part) == _gap(whole) and _gap(part) != 0 and inner \
                    and inner < parts_of_whole and _ids(part)[:1] != _ids(whole)[:1]:
                part.setdefault("also", []).append({"original_rule": whole["rule"], "message": whole["message"],
                                                    "stated": whole["stated"], "computed": whole["computed"],
                                                    "evidence": whole["evidence"]})
                folded.add(id(whole))
                break


def _ids(flag: dict) -> list:
    """Where each figure of the flag's evidence stands (a fact and an indicator read from one
    cell stand at one place)."""
    return [(q.get("block"), q.get("row"), q.get("col")) if q.get("row") is not None
            else (q.get("block"), q.get("start"), q.get("end")) for q in flag.get("evidence_quotes") or []]


def _gap(flag: dict):
    try:
        return Decimal(str(flag["stated"])) - Decimal(str(flag["computed"]))
    except (KeyError, ArithmeticError, ValueError):
        return None


def _finding(flag: dict):
    try:
        return Decimal(str(flag["stated"])).normalize(), Decimal(str(flag["computed"])).normalize()
    except (KeyError, ArithmeticError, ValueError):
        return None
