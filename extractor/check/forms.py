"""Form rules (form.*): the standard self-evaluation forms (项目支出 / 部门整体支出 /
转移支付（区域）绩效自评表) as extraction recognised them in record["forms"]. Each form names
its slots (fund rows by column, indicators with target, actual, 分值 and 得分, the totals)
by fact id, so the arithmetic here runs on the facts with their written tolerances.

A cell written —, / or 无 (a fund row's `na`) is not applicable, never zero: a sum or a
total is only checked when every figure in it is filled, or, for the 其中 rows of a fund
total, when at least one of them is (the others then count 0). Precision first: a rate
reproduced by either budget column is consistent."""
from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from typing import Optional

from ..patterns import load_json
from . import rule
from .common import SEVERITY, facts_by_id, make_flag, rounded, show
from .tolerance import Interval, exact, interval_of, verdict

HUNDRED = Decimal(100)
# how far from consistent an outcome of verdict() is, for picking the reading closest to it
_OUTCOME_RANK = {"ok": 0, "rounding": 1, "approx": 2, "error": 3}


@lru_cache(maxsize=1)
def _settings() -> dict:
    return load_json("checks.json")["forms"]


def _column(name: str) -> str:
    return _settings()["columns"][name]


def _forms(record: dict) -> list:
    return record.get("forms") or []


def _cell(row: dict, column: str, facts: dict) -> Optional[dict]:
    """The fact in a fund row's column; None when the column is absent, not applicable or
    its fact was not found."""
    if column in (row.get("na") or []):
        return None
    fid = (row.get("cells") or {}).get(column)
    return facts.get(fid) if fid else None


def _is_na(row: dict, column: str) -> bool:
    return column in (row.get("na") or [])


def _sum(facts: list, interval=interval_of) -> Interval:
    total = exact(0)
    for f in facts:
        total = total + interval(f)
    return total


def _weight_interval(fact: dict) -> Interval:
    """A whole-number 分值 is set by the form, not rounded from a measurement, so it stands
    for itself (a column of ten 10-point weights is not 100 ± 5). A weight written with
    decimals (33.33) may be a rounded share and keeps its written tolerance."""
    if not fact.get("approx") and not int(fact.get("decimals") or 0):
        return exact(fact["value"])
    return interval_of(fact)


def _row_name(row: dict) -> str:
    return row.get("label") or row.get("slot") or ""


def _shown(fact: dict) -> str:
    """A figure in the unit it was written in, with that unit (a bare cell under a 万元
    header: 120.40 → 120.40万元)."""
    return show(fact["value"], fact)


def _points(fact: dict) -> str:
    """A 分值 or 得分 as written, with 分 (cells under those columns are written bare)."""
    return fact["text"] if fact["text"].endswith("分") else fact["text"] + "分"


def _percent(value: Decimal) -> str:
    return f"{rounded(value, 2)}%"


# ---------------------------------------------------------------- budget execution

def _rate_readings(row: dict, facts: dict) -> list:
    """(budget fact, executed ÷ budget × 100 as an interval) for each budget column of the
    row that is filled, the form's own base (全年预算数) first."""
    executed = _cell(row, _column("executed"), facts)
    if executed is None:
        return []
    out = []
    for column in _settings()["budget_columns"]:
        budget = _cell(row, column, facts)
        if budget is None:
            continue
        try:
            out.append((budget, (interval_of(executed) / interval_of(budget)).scaled(HUNDRED)))
        except ZeroDivisionError:
            continue
    return out


@rule("form.execution_rate")
def check_execution_rate(record: dict) -> list:
    """A fund row's stated 执行率 against 全年执行数 ÷ 全年预算数 × 100 (or ÷ 年初预算数: a
    rate either reproduces is consistent). 100% written where 执行数 exceeds 预算数 is the
    rate capped at 100%: info, not an error."""
    facts = facts_by_id(record)
    cap = Decimal(str(_settings()["rate_cap"]))
    flags = []
    for form in _forms(record):
        for row in form.get("funds") or []:
            rate = _cell(row, _column("rate"), facts)
            readings = _rate_readings(row, facts)
            if rate is None or not readings:
                continue
            outcomes = [(budget, computed, *verdict(rate, computed)) for budget, computed in readings]
            if any(o[2] == "ok" for o in outcomes):
                continue
            executed = _cell(row, _column("executed"), facts)
            over = next(((b, c) for b, c in readings if c.low > cap), None)
            if Decimal(rate["value"]) == cap and over:
                budget, computed = over
                flags.append(make_flag(
                    _settings()["severity"]["rate_capped"],
                    f"{form.get('name') or '自评表'}（{_row_name(row)}）：执行数{_shown(executed)}超过预算数{_shown(budget)}"
                    f"（{_percent(computed.mid)}），执行率按{_shown(rate)}封顶填写",
                    rate["value"], rounded(computed.mid, 4), rounded(Decimal(rate["value"]) - computed.mid, 4), Decimal(0),
                    [rate, executed, budget], form=form.get("id"), capped=True))
                continue
            budget, computed, outcome, diff, tol = min(outcomes, key=lambda o: _OUTCOME_RANK[o[2]])
            flags.append(make_flag(
                SEVERITY[outcome],
                f"{form.get('name') or '自评表'}（{_row_name(row)}）执行率与执行数、预算数不符：表列{_shown(rate)}，"
                f"{_shown(executed)} ÷ {_shown(budget)} × 100% = {_percent(computed.mid)}",
                rate["value"], rounded(computed.mid, 4), rounded(diff, 4), rounded(tol, 4), [rate, executed, budget],
                form=form.get("id")))
    return flags


@rule("form.execution_score")
def check_execution_score(record: dict) -> list:
    """The budget-execution 得分 of a fund row against 分值 × 执行率 (执行率 capped at 100%, so
    full marks at or above it), on the templates that score it that way: above 分值 is an
    error; another figure, beyond rounding, a warning. The rate is the stated one, or
    执行数 ÷ 预算数 when none is stated or the form scored on the unrounded rate."""
    settings = _settings()
    facts = facts_by_id(record)
    cap = Decimal(str(settings["rate_cap"]))
    flags = []
    for form in _forms(record):
        if form.get("template") not in settings["execution_score_templates"]:
            continue
        for row in form.get("funds") or []:
            weight = _cell(row, _column("weight"), facts)
            score = _cell(row, _column("score"), facts)
            if weight is None or score is None or Decimal(weight["value"]) >= HUNDRED:
                continue  # a budget row "worth" the whole 100 points carries the form's total, not its own
            w = _weight_interval(weight)
            where = f"{form.get('name') or '自评表'}（{_row_name(row)}）"
            s = interval_of(score)
            if s.low > w.high:  # no rounding of the score's digits brings it down to 分值
                flags.append(make_flag(
                    settings["severity"]["score_above_weight"],
                    f"{where}预算执行得分{_points(score)}超过分值{_points(weight)}",
                    score["value"], weight["value"], Decimal(score["value"]) - Decimal(weight["value"]),
                    rounded((s.high - s.low) / 2 + (w.high - w.low) / 2, 4), [score, weight], form=form.get("id")))
                continue
            rate = _cell(row, _column("rate"), facts)
            rates = ([(rate, interval_of(rate))] if rate else []) + _rate_readings(row, facts)
            # (rate's source, rate, 分值 × the rate capped at 100%) for each reading of the rate
            readings = [(source, r, (w * Interval(min(r.low, cap), min(r.high, cap), r.approx)).scaled(Decimal("0.01")))
                        for source, r in rates]
            verdicts = [verdict(score, expected) for _, _, expected in readings]
            if not readings or any(v[0] == "ok" for v in verdicts):
                continue
            (source, r, expected), (outcome, diff, tol) = readings[0], verdicts[0]
            severity = SEVERITY[outcome] if outcome == "rounding" else settings["severity"]["score_not_weight_times_rate"]
            executed = _cell(row, _column("executed"), facts)
            shown_rate = _shown(rate) if source is rate else _percent(r.mid)
            evidence = [score, weight] + ([rate] if rate else []) + \
                ([executed, source] if source is not rate and executed else [])
            flags.append(make_flag(
                severity,
                f"{where}预算执行得分与分值×执行率不符：得分{_points(score)}，{_points(weight)} × {shown_rate}"
                f" = {rounded(expected.mid, 2)}分",
                score["value"], rounded(expected.mid, 4), rounded(diff, 4), rounded(tol, 4), evidence, form=form.get("id")))
    return flags


# ---------------------------------------------------------------- fund totals

@rule("form.funds_total")
def check_funds_total(record: dict) -> list:
    """Per money column, a fund row with 其中 rows (年度资金总额 over 当年财政拨款, 上年结转,
    其他资金) against their sum; a total smaller than one of its parts is an error. A part
    written —/无 counts 0 when another part is filled; a part whose cell is missing
    altogether leaves the sum unchecked (only the part-above-total check runs)."""
    facts = facts_by_id(record)
    flags = []
    for form in _forms(record):
        funds = form.get("funds") or []
        for whole in funds:
            parts = [r for r in funds if r is not whole and r.get("part_of") and r.get("part_of") == whole.get("slot")]
            if not parts:
                continue
            row_flags = []  # (column, flag): one row's columns usually fail together
            for column in (whole.get("cells") or {}):
                total = _cell(whole, column, facts)
                if total is None or total["kind"] != "amount":
                    continue
                filled = [f for f in (_cell(p, column, facts) for p in parts) if f is not None]
                if not filled:
                    continue  # nothing written under the total: a form filled in the total only
                unknown = any(_cell(p, column, facts) is None and not _is_na(p, column) for p in parts)
                where = f"{form.get('name') or '自评表'}（{_row_name(whole)}，{column}）"
                above = [(r, p) for r in parts for p in [_cell(r, column, facts)] if p is not None
                         and Decimal(p["value"]) > Decimal(total["value"]) and verdict(total, interval_of(p))[0] == "error"]
                if above:
                    row, part = above[0]
                    diff = Decimal(total["value"]) - Decimal(part["value"])
                    row_flags.append((column, make_flag(
                        _settings()["severity"]["part_exceeds_total"],
                        f"{where}总额{_shown(total)}小于其中一项：{_row_name(row)}{_shown(part)}",
                        total["value"], part["value"], diff, rounded(verdict(total, interval_of(part))[2], 4),
                        # every filled part, so the total can be read against their sum (unit.slip)
                        [total, part] + [p for p in filled if p is not part], form=form.get("id"))))
                    continue
                if unknown or form.get("unread_fund_rows") or all(p.get("minor") for p in parts):
                    # a part not read, or only the small ones (上年结转, 其他资金) read while the
                    # row of the year's money was not: the sum is not known
                    continue
                summed = _sum(filled)
                outcome, diff, tol = verdict(total, summed)
                if outcome == "ok":
                    continue
                names = "、".join(f"{_row_name(p)}{_shown(f)}" for p in parts
                                 for f in [_cell(p, column, facts)] if f is not None)
                row_flags.append((column, make_flag(
                    SEVERITY[outcome],
                    f"{where}总额与其中各项之和不符：总额{_shown(total)}，其中{names}，合计{show(summed.mid, total)}，"
                    f"差{show(abs(diff), total)}",
                    total["value"], summed.mid, diff, tol, [total] + filled, form=form.get("id"))))
            flags.extend(_one_flag_per_row(row_flags))
    return flags


def _one_flag_per_row(row_flags: list) -> list:
    """A fund row whose columns all miss their parts is one slip for the auditor, not one
    per column: the first column's flag, naming the others and carrying their evidence."""
    if len(row_flags) <= 1:
        return [flag for _, flag in row_flags]
    (column, first), rest = row_flags[0], row_flags[1:]
    first["message"] += "；" + "、".join(c for c, _ in rest) + "列同样不符"
    first["columns"] = [column] + [c for c, _ in rest]
    for _, flag in rest:
        for fact_id, quote in zip(flag["evidence"], flag["evidence_quotes"]):
            if fact_id not in first["evidence"]:
                first["evidence"].append(fact_id)
                first["evidence_quotes"].append(quote)
    return [first]


# ---------------------------------------------------------------- scores

def _leaf_indicators(form: dict) -> list:
    """The indicators that carry their own 分值 and 得分: a row whose path heads another is a
    subtotal, not a further part of the sum."""
    indicators = form.get("indicators") or []
    heads = {tuple(i["path"][:n]) for i in indicators for n in range(1, len(i.get("path") or []))}
    return [i for i in indicators if tuple(i.get("path") or []) not in heads]


@rule("form.score_total")
def check_score_total(record: dict) -> list:
    """Σ indicator 得分 (and the budget-execution 得分) against the form's total score, and
    Σ 分值 against its total weight (100 when the form states none). A sum is checked only
    when every score (every weight) in it is filled."""
    facts = facts_by_id(record)
    flags = []
    for form in _forms(record):
        leaves = _leaf_indicators(form)
        budget_rows = [r for r in form.get("funds") or []
                       if any(c in (r.get("cells") or {}) and not _is_na(r, c) for c in (_column("weight"), _column("score")))]
        name = form.get("name") or "自评表"
        if form.get("unread_rows"):
            continue  # rows of the indicator block were not read: their sum is unknown
        if {_column("weight"), _column("score")} & set(form.get("fund_columns") or []) and not budget_rows:
            continue  # the fund block scores budget execution, but its row was not read
        for key, column, total_key, interval, what in (
                # points are awarded, not measured: a whole-number 得分 is exact, like a 分值
                ("score", _column("score"), "total_score", _weight_interval, "得分"),
                ("weight", _column("weight"), "total_weight", _weight_interval, "分值")):
            indicator_items = [facts.get(i.get(key)) if i.get(key) else None for i in leaves]
            budget_items = [_cell(r, column, facts) for r in budget_rows]
            items = indicator_items + budget_items
            if not indicator_items or any(f is None for f in items):
                continue  # a form partly unfilled: nothing to add up
            total = facts.get(form.get(total_key)) if form.get(total_key) else None
            if total is None and (key == "score" or form.get("total_score") is None):
                continue  # no 总分 row read: the form may go on beyond what was read
            if any(f["value"] > HUNDRED for f in items):
                continue  # a weight or score above 100 is a misread cell, not the form's arithmetic
            # the budget row's 分值 is inside the 100 on most forms and outside it on some
            # (a province's template scores budget execution apart): either reading may hold
            readings = [items, indicator_items] if budget_items else [items]
            results = []
            for parts in readings:
                summed = _sum(parts, interval)
                if total is not None:
                    # a total may round the sum (97.5 → 98) but a point more is no rounding:
                    # points are counted, so a miss beyond half a unit is an error
                    outcome, diff, tol = _against(interval_of(total), summed) if key == "score" \
                        else _exact_verdict(total, summed)
                else:
                    outcome, diff, tol = _against(exact(HUNDRED), summed)
                results.append((outcome, diff, tol, summed, parts))
            if any(r[0] == "ok" for r in results):
                continue
            outcome, diff, tol, summed, parts = results[0]
            if total is not None:
                stated, shown, evidence = total["value"], _points(total), [total] + parts
            else:
                stated, shown, evidence = HUNDRED, "100分（未列合计，按满分100分）", parts
            flags.append(make_flag(
                SEVERITY[outcome],
                f"{name}各项{what}之和与合计不符：合计{shown}，各项{what}之和{rounded(summed.mid, 2)}分，差{rounded(abs(diff), 2)}分",
                stated, rounded(summed.mid, 4), rounded(diff, 4), rounded(tol, 4), evidence, form=form.get("id")))
    return flags


def _exact_verdict(total: dict, summed: Interval) -> tuple:
    """verdict() for a total weight, which is set like the weights it adds up."""
    whole = _weight_interval(total)
    if whole.low != whole.high:
        return verdict(total, summed)
    return _against(whole, summed)


def _against(whole: Interval, summed: Interval) -> tuple:
    difference = whole.mid - summed.mid
    tolerance = (summed.high - summed.low) / 2
    if whole.overlaps(summed):
        return "ok", difference, tolerance
    return ("approx" if summed.approx else "error"), difference, tolerance


# ---------------------------------------------------------------- targets

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


@rule("form.target_missed")
def check_target_missed(record: dict) -> list:
    """An indicator whose actual misses its own target (by the target's ≥ / ≤ / = …, in the
    same unit) and still gets full marks (得分 = 分值). A qualitative target, or an actual
    stated as a bound itself, is not compared."""
    facts = facts_by_id(record)
    flags = []
    for form in _forms(record):
        for ind in form.get("indicators") or []:
            target, actual = ind.get("target") or {}, ind.get("actual") or {}
            comparator = target.get("comparator")
            weight = facts.get(ind.get("weight")) if ind.get("weight") else None
            score = facts.get(ind.get("score")) if ind.get("score") else None
            if comparator not in _MISSES or actual.get("comparator") or weight is None or score is None:
                continue
            if Decimal(score["value"]) != Decimal(weight["value"]):
                continue  # points were taken off: the form itself says the target was missed
            t_value, t_unit, _, t_fact = _side(target, facts)
            a_value, a_unit, a_interval, a_fact = _side(actual, facts)
            if t_value is None or a_value is None or t_unit != a_unit:
                continue
            if not _MISSES[comparator](a_interval, t_value):
                continue
            path = "›".join(ind.get("path") or [])
            evidence = [f for f in (t_fact, a_fact) if f is not None] + [weight, score]
            if t_fact is None or a_fact is None:
                evidence.insert(0, {"id": f"{form.get('id')}:{path}", "source": ind.get("source") or {}})
            flags.append(make_flag(
                _settings()["severity"]["target_missed_full_score"],
                f"{form.get('name') or '自评表'}指标未达目标却得满分：{path}，目标{target.get('text')}，"
                f"实际{actual.get('text')}，得分{_points(score)}（分值{_points(weight)}）",
                t_value, a_value, a_value - t_value, rounded((a_interval.high - a_interval.low) / 2, 4), evidence,
                form=form.get("id"), claim="满分", comparator=comparator))
    return flags
