"""Form rules on an indicator's target and its actual: a row that misses its own target yet
gets full marks, or while the report says every target was met (form.target_missed), and a
money target and its actual 10⁴ apart (unit.slip) (see forms.py)."""
from __future__ import annotations

from decimal import Decimal

import regex

from . import rule
from .common import facts_by_id, make_flag, rounded
from .forms_common import form_settings, forms_of, points
from .implausible_money import implausible_money_flags
from .same_digits import same_digits_flags
from .tolerance import interval_of
from .unit_slip import slip_reading


_MISSES = {  # comparator → does the actual miss the target? (actual as an interval, target exact)
    ">=": lambda a, t: a.high < t,
    ">": lambda a, t: a.high <= t,
    "<=": lambda a, t: a.low > t,
    "<": lambda a, t: a.low >= t,
    "=": lambda a, t: a.high < t or a.low > t,
}


def _side(side: dict, facts: dict) -> tuple:
    """(value, unit, interval, fact) of a target or actual: its fact when it has one
    (base units, written tolerance), else its value as written."""
    fact = facts.get(side.get("fact")) if side.get("fact") else None
    if fact is not None:
        return Decimal(fact["value"]), fact.get("unit"), interval_of(fact), fact
    value = side.get("value")
    if value is None:
        return None, side.get("unit"), None, None
    value = Decimal(str(value))
    decimals = max(0, -value.as_tuple().exponent)
    return value, side.get("unit"), interval_of({"value": value, "decimals": decimals, "scale": 1}), None


def _share_of_one(actual: dict, a_value, a_unit, t_value, t_unit) -> bool:
    """Is the actual a rate written as a share of one (0.985, no % sign) against a target in
    percent above one?"""
    return (t_unit == a_unit == "%" and a_value is not None and t_value is not None and 0 < a_value <= 1 < t_value
            and "%" not in (actual.get("text") or "") and "％" not in (actual.get("text") or ""))


@rule("form.target_missed")
def check_target_missed(record: dict) -> list:
    """An indicator whose actual misses its own target (by the target's ≥ / ≤ / = …, in the
    same unit) and still gets full marks (得分 = 分值), or, on a form without points, while the
    report says every target was met (extract/form_claims.py). A qualitative target, or an
    actual stated as a bound itself, is not compared."""
    facts = facts_by_id(record)
    flags = []
    for form in forms_of(record):
        claimed = form.get("all_targets_met_claim")
        for ind in form.get("indicators") or []:
            target, actual = ind.get("target") or {}, ind.get("actual") or {}
            comparator = target.get("comparator")
            weight = facts.get(ind.get("weight")) if ind.get("weight") else None
            score = facts.get(ind.get("score")) if ind.get("score") else None
            unscored = claimed and not ind.get("weight") and not ind.get("score")
            if not unscored and (weight is None or score is None or Decimal(score["value"]) != Decimal(weight["value"])):
                continue  # points were taken off (the form itself says the target was missed), or none read
            path = "›".join(ind.get("path") or [])
            # (worded rungs, 良好 against 优秀, are compared only against points)
            if not unscored and (below := _rung_below(target, actual)) is not None:
                flags.append(make_flag(
                    form_settings()["severity"]["target_missed_full_score"],
                    f"{form.get('name') or '自评表'}指标未达目标却得满分：{path}，目标“{target.get('text').strip()}”，"
                    f"实际“{actual.get('text').strip()}”（低{below}档），得分{points(score)}（分值{points(weight)}）",
                    target.get("text").strip(), actual.get("text").strip(), None, None,
                    [{"id": f"{form.get('id')}:{path}", "source": ind.get("source") or {}}, weight, score],
                    form=form.get("id"), claim="满分"))
                continue
            if actual.get("comparator"):
                continue
            t_value, t_unit, _, t_fact = _side(target, facts)
            a_value, a_unit, a_interval, a_fact = _side(actual, facts)
            if _share_of_one(actual, a_value, a_unit, t_value, t_unit):
                # a spreadsheet's rate cell holds the share, 0.985 for 98.5%, under a target ≥98%
                a_value, a_unit, a_interval, _ = _side({"value": (a_value * 100).normalize(), "unit": "%"}, {})
            if comparator is None and t_unit == "%" and t_value == 100:
                comparator = ">="  # a rate of 100% written bare: nothing above it to aim at
            if comparator not in _MISSES or t_value is None or a_value is None or t_unit != a_unit:
                continue
            if not _MISSES[comparator](a_interval, t_value):
                continue
            evidence = [f for f in (t_fact, a_fact) if f is not None] + [f for f in (weight, score) if f is not None]
            if t_fact is None or a_fact is None:
                evidence.insert(0, {"id": f"{form.get('id')}:{path}", "source": ind.get("source") or {}})
            if unscored:  # (the report's word, where the form gives no points)
                severity, said, claim, awarded = "target_missed_claimed_met", f"，报告却称“{claimed['text']}”", claimed["text"], ""
                evidence.append({"id": f"{form.get('id')}:claim", "source": claimed["source"]})
            else:
                severity, said, claim, awarded = "target_missed_full_score", "却得满分", "满分", \
                    f"，得分{points(score)}（分值{points(weight)}）"
            flags.append(make_flag(
                form_settings()["severity"][severity],
                f"{form.get('name') or '自评表'}指标未达目标{said}：{path}，目标{target.get('text')}，"
                f"实际{actual.get('text')}{awarded}",
                t_value, a_value, a_value - t_value, rounded((a_interval.high - a_interval.low) / 2, 4), evidence,
                form=form.get("id"), claim=claim, comparator=comparator))
    return flags


@rule("unit.slip")
def check_indicator_unit(record: dict) -> list:
    """An indicator's money target and its actual 10⁴ apart (≤345万元 against 338.1元): one
    quantity planned and spent, written once in 元 where 万元 was meant (or the reverse) —
    a unit.slip, as the written digits read in the other unit fall within a fifth of the target."""
    facts = facts_by_id(record)
    flags = []
    factor = Decimal(10000)
    for form in forms_of(record):
        for ind in form.get("indicators") or []:
            target, actual = ind.get("target") or {}, ind.get("actual") or {}
            t_value, _, _, t_fact = _side(target, facts)
            a_value, _, _, a_fact = _side(actual, facts)
            if t_fact is None or a_fact is None or t_fact["kind"] != "amount" or a_fact["kind"] != "amount" \
                    or not t_value or not a_value:
                continue
            for scale in (factor, 1 / factor):
                if abs(a_value * scale - t_value) <= t_value / 5 < abs(a_value - t_value):
                    reading = slip_reading(a_fact, scale)
                    flags.append(make_flag(
                        "warning",
                        f"金额单位疑似误写：{reading['written']}应为{reading['likely']}；如此与目标{target.get('text').strip()}"
                        f"相近（{form.get('name') or '自评表'}指标{'›'.join(ind.get('path') or [])}的目标与实际相差约一万倍）",
                        a_value, t_value, a_value - t_value, None, [t_fact, a_fact], form=form.get("id"),
                        slip=[reading]))
                    break
    # (and a fund block typed in 元 under its 万元: check/implausible_money.py; one figure's
    # digits written in 元 and in 万元: check/same_digits.py)
    return flags + implausible_money_flags(record) + same_digits_flags(record)


def _rung_below(target: dict, actual: dict):
    """How many rungs of the qualitative ladder (好 › 较好 › 一般 › 差, patterns/checks.json) the
    result stands below its target, when both are words of it and it does; else None."""
    rungs = {w: n for n, words in enumerate(form_settings()["qualitative_ladder"]) for w in words}
    t, a = (regex.sub(r"\s", "", (side.get("text") or "")) for side in (target, actual))
    if t in rungs and a in rungs and rungs[a] > rungs[t]:
        return rungs[a] - rungs[t]
    return None
