"""One inconsistency, one flag: a score table's total against its rows is both a table's 合计
row against its column (sum.table) and the score tree's total against its first level
(score.tree); a form's fund total, both form.funds_total and a breakdown. Where flags of
these sum rules state the same figure against the same computed sum, the auditor gets the
most specific one, the others folded into it under `also` with their own evidence; a total off
by just what one of its subtotals is off, into that subtotal's flag; a rate stated twice over
the same figures, into its first statement's flag; a rate worked out over the sum a total
should have been, into that total's flag."""
from __future__ import annotations

from decimal import Decimal

from .common import written_numeral
from .tolerance import exact, verdict

# most specific first: the rule whose flag is kept
_SUM_RULES = ("form.score_total", "form.funds_total", "score.tree", "sum.breakdown", "sum.table", "sum.row")


def fold_repeated_findings(flags: list, facts: dict = None) -> None:
    kept: dict = {}  # (stated, computed) → the flag kept for them
    folded = set()
    ranked = sorted((f for f in flags if f.get("rule") in _SUM_RULES and f.get("severity") in ("error", "warning")),
                    key=lambda f: _SUM_RULES.index(f["rule"]))
    for flag in ranked:
        figures = _figures(flag)
        if figures is None:
            continue
        first = kept.setdefault(tuple(x.normalize() for x in figures), flag)
        if first is flag or first["rule"] == flag["rule"] and not _one_forms_block_again(first, flag):
            continue  # (two flags of one rule are two findings: two tables may say the same)
        _fold(flag, first, folded)
    _fold_totals_into_their_part(ranked, folded)
    _fold_restated_rates(flags, folded)
    if facts:
        _fold_rates_over_a_slipped_total(flags, folded, facts)
    flags[:] = [f for f in flags if id(f) not in folded]


def _one_forms_block_again(first: dict, flag: dict) -> bool:
    """Are two flags of one rule on one form the same finding, its block written twice (a
    page's summary cell repeating the form's fund block), the same message of the same figures?"""
    return first.get("form") is not None and first.get("form") == flag.get("form") \
        and first.get("message") == flag.get("message")


def _fold_restated_rates(flags: list, folded: set) -> None:
    """A rate the report states twice over the same figures (87.5% in its text, 87.50% in its
    table, both 731.20 ÷ 860.00) is one finding: the second flag goes under the first's `also`."""
    kept: dict = {}
    for flag in flags:
        if flag.get("rule") != "ratio.stated" or flag.get("severity") not in ("error", "warning"):
            continue
        figures = _figures(flag)
        quotes = flag.get("evidence_quotes") or []
        if figures is None or len(quotes) < 3:
            continue
        operands = tuple(sorted(_quoted_value(q) for q in quotes[1:]))
        if None in operands:
            continue
        first = kept.setdefault((figures[0].normalize(), figures[1].normalize(), operands), flag)
        if first is not flag:
            _fold(flag, first, folded)


def _fold_rates_over_a_slipped_total(flags: list, folded: set, facts: dict) -> None:
    """A rate the report worked out from the sum of a total's rows while the total itself is
    written off them (合计871.28 over rows of 863.28, its 执行率98.44% = 863.28 ÷ 876.96) is
    that total's slip: with the rows' sum in the total's place the rate holds, so the rate's
    flag goes under the total's."""
    totals = {}
    for flag in flags:
        figures = _figures(flag) if flag.get("rule") in _SUM_RULES else None
        whole = facts.get((flag.get("evidence") or [None])[0]) if figures and figures[0] else None
        # (the total is the flag's first figure, the one it states)
        if whole and Decimal(str(whole["value"])) == figures[0] and id(flag) not in folded \
                and flag.get("severity") in ("error", "warning"):
            totals.setdefault(whole["id"], (flag, figures[1] / figures[0]))
    for flag in flags:
        evidence = flag.get("evidence") or []
        if flag.get("rule") != "ratio.stated" or len(evidence) != 3 or evidence[0] not in facts \
                or id(flag) in folded or flag.get("computed") is None:
            continue
        for operand, power in ((evidence[1], 1), (evidence[2], -1)):
            if operand in totals:
                total_flag, factor = totals[operand]
                if verdict(facts[evidence[0]], exact(Decimal(str(flag["computed"])) * factor ** power))[0] == "ok":
                    _fold(flag, total_flag, folded)
                    break


def _fold_totals_into_their_part(ranked: list, folded: set) -> None:
    """A total off its rows by just what one of its subtotals is off its own rows (过程小计 18.5
    over rows of 17.5, so the 总分 91 over rows of 90) is that subtotal's finding: the total's
    flag is folded into the subtotal's, which says where the gap is."""
    places = {id(f): _places(f) for f in ranked}
    gaps = {id(f): (figures[0] - figures[1] if (figures := _figures(f)) is not None else None) for f in ranked}
    for whole in ranked:
        if id(whole) in folded:
            continue
        parts_of_whole = set(places[id(whole)][1:])
        for part in ranked:
            if part is whole or id(part) in folded:
                continue
            inner = set(places[id(part)][1:])
            if gaps[id(part)] and gaps[id(part)] == gaps[id(whole)] and inner and inner < parts_of_whole \
                    and places[id(part)][:1] != places[id(whole)][:1]:
                _fold(whole, part, folded)
                break


def _fold(flag: dict, into: dict, folded: set) -> None:
    """Fold `flag` into the flag kept for its finding, under `also` with its own evidence."""
    into.setdefault("also", []).append({"original_rule": flag["rule"], "message": flag["message"],
                                        "stated": flag["stated"], "computed": flag["computed"],
                                        "evidence": flag["evidence"]})
    folded.add(id(flag))


def _places(flag: dict) -> list:
    """Where each figure of the flag's evidence stands (a fact and an indicator read from one
    cell stand at one place)."""
    return [(q.get("block"), q.get("row"), q.get("col")) if q.get("row") is not None
            else (q.get("block"), q.get("start"), q.get("end")) for q in flag.get("evidence_quotes") or []]


def _quoted_value(quote: dict):
    """The figure a quote of evidence writes (731.20万元 → 731.2), or None."""
    numeral = written_numeral(quote.get("quote"))
    return Decimal(numeral).normalize() if numeral else None


def _figures(flag: dict):
    """(stated, computed) as Decimals, or None where the flag states no figures."""
    try:
        return Decimal(str(flag["stated"])), Decimal(str(flag["computed"]))
    except (KeyError, ArithmeticError, ValueError):
        return None
