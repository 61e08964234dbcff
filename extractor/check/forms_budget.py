"""Form rules on the budget's execution: a fund row's execution rate against 执行数 ÷ 预算数,
and the budget row's score against 分值 × 执行率 (see forms.py; each fund total against its 其中
rows is forms_fund_totals.py's)."""
from __future__ import annotations

from decimal import Decimal

from . import rule
from ..patterns import load_json
from .common import SEVERITY, facts_by_id, make_flag, rounded, ten_thousand_apart, within_tenfold
from .form_tasks import task_rows
from .forms_common import HUNDRED, cell, column_named, form_settings, forms_of, percent, points, row_name, shown
from .tolerance import Interval, exact, interval_of, percentage, points_interval, verdict

# how far from consistent an outcome of verdict() is, for picking the reading closest to it
_OUTCOME_RANK = {"ok": 0, "rounding": 1, "approx": 2, "error": 3}


def _rate_readings(row: dict, facts: dict, executed_column: str) -> list:
    """(budget fact, executed ÷ budget × 100 as an interval) for each budget column of the
    row that is filled, the form's own base (全年预算数) first, then any money column the
    templates do not name (调整数, 预算调整额: it may be the base the form's rate used)."""
    executed = cell(row, executed_column, facts)
    if executed is None:
        return []
    out = []
    unnamed = [c for c in row.get("cells") or {} if c not in _named_columns()]
    for column in form_settings()["budget_columns"] + unnamed:
        budget = cell(row, column, facts)
        if budget is None:
            continue
        rate = percentage(interval_of(executed), _budget_interval(budget, executed))
        if rate is not None:
            out.append((budget, rate))
    return out


def _other_money_pair_reproduces(row: dict, rate: dict, facts: dict) -> bool:
    """Does a money column the templates do not name, over another money cell of the row (or
    that over it), reproduce its stated rate? A form whose columns the templates name otherwise
    (年度拨付金额 | 年度支出金额 | 支出实现率: the rate is spent over disbursed, not disbursed over
    the year's budget) is consistent under that reading. Two named columns give no other
    reading: 年初预算数 and 全年预算数 alike are 100% of each other, as a wrong 100% would be."""
    named = _named_columns()
    # (an empty stage, 0, reproduces a rate of 0 over anything: no reading)
    money = [(c, f) for c, f in ((c, cell(row, c, facts)) for c in row.get("cells") or {})
             if f and f.get("kind") == "amount" and Decimal(str(f["value"])) > 0]
    for part, whole in ((p, w) for (pc, p) in money for (wc, w) in money
                        if p is not w and (pc not in named or wc not in named)
                        and Decimal(str(p["value"])) != Decimal(str(w["value"]))):
        computed = percentage(interval_of(part), _budget_interval(whole, part))
        if computed is not None and verdict(rate, computed)[0] == "ok":
            return True
    return False


def _named_columns() -> dict:
    """The fund columns the templates name (forms.json fund_column_kinds)."""
    return load_json("forms.json")["fund_column_kinds"]


def _budget_interval(budget: dict, executed: dict) -> Interval:
    """A whole budget beside an executed amount written with decimals (50 | 47.68) is a whole
    allocation, as a form's cell shows 50.00: exact, not 49.5 to 50.5."""
    if not budget.get("approx") and not int(budget.get("decimals") or 0) and int(executed.get("decimals") or 0):
        return exact(budget["value"])
    return interval_of(budget)


def _misread_cell(rate: dict, computed) -> bool:
    """Is a rate that far off its figures (172.30% written, 24853.67% computed) more likely a
    figure of the row misread (a number split at a stray space: 1 186.40) than the form's
    error? Beyond ten times either way, unless a 10⁴ slip of 元 for 万元 explains it (unit.slip
    reads that)."""
    stated = Decimal(rate["value"])
    if stated <= 0 or computed.mid <= 0 or within_tenfold(rate, computed):
        return False
    return not ten_thousand_apart(computed.mid, stated)


def _bare_beyond_whole(rate: dict) -> bool:
    """Is the stated rate a bare figure (no % written) above 100 (188.45 under 执行率 where the
    row's cells stand off their columns, 年度拨付金额 read as the rate)? Such a cell says
    nothing sure of the rate: an execution rate over 100% is rare, one written bare rarer."""
    return "%" not in (rate.get("text") or "") and "％" not in (rate.get("text") or "") \
        and Decimal(rate["value"]) > HUNDRED


@rule("form.execution_rate")
def check_execution_rate(record: dict) -> list:
    """A fund row's stated 执行率 against 全年执行数 ÷ 全年预算数 × 100 (or ÷ 年初预算数: a
    rate either reproduces is consistent). 100% written where 执行数 exceeds 预算数 is the
    rate capped at 100%: info, not an error."""
    facts = facts_by_id(record)
    cap = Decimal(str(form_settings()["rate_cap"]))
    flags = []
    for form in forms_of(record):
        # a 其中 row written with the total's very figures (the only source of the money) is
        # the same slip again: one flag naming both rows
        flagged: dict = {}
        rates = {column_named("rate"): column_named("executed"), **form_settings()["other_rates"]}
        # (a department form's task rows that write their own budget, execution and rate are
        # held to them as the block's rows are)
        rows = (form.get("funds") or []) + task_rows(form)
        for row, (rate_column, executed_column) in ((r, pair) for r in rows for pair in rates.items()):
            if row.get("unread"):
                continue  # a row under a label no rule knows
            rate = cell(row, rate_column, facts)
            if rate_column == column_named("rate") and cell(row, executed_column, facts) is None:
                # a monitoring form's 执行率 over what was spent so far (预算执行数（1-8月）), where
                # the row writes no year's execution
                executed_column = form_settings()["other_rates"]["执行进度"]
            readings = _rate_readings(row, facts, executed_column)
            if rate is None or not readings or Decimal(rate["value"]) < 0:
                continue  # (a rate below 0 is a change on last year's, under a column misread as 执行率)
            outcomes = [(budget, computed, *verdict(rate, computed)) for budget, computed in readings]
            if any(o[2] == "ok" for o in outcomes) or _other_money_pair_reproduces(row, rate, facts):
                continue
            executed = cell(row, executed_column, facts)
            over = next(((b, c) for b, c in readings if c.low > cap), None)
            if Decimal(rate["value"]) == cap and over:
                budget, computed = over
                flags.append(make_flag(
                    form_settings()["severity"]["rate_capped"],
                    f"{form.get('name') or '自评表'}（{row_name(row)}）：执行数{shown(executed)}超过预算数{shown(budget)}"
                    f"（{percent(computed.mid)}），执行率按{shown(rate)}封顶填写",
                    rate["value"], rounded(computed.mid, 4), rounded(Decimal(rate["value"]) - computed.mid, 4), Decimal(0),
                    [rate, executed, budget], form=form.get("id"), capped=True))
                continue
            budget, computed, outcome, diff, tol = min(outcomes, key=lambda o: _OUTCOME_RANK[o[2]])
            if _misread_cell(rate, computed) or _bare_beyond_whole(rate):
                continue
            same = (rate["value"], executed["value"], budget["value"])
            if same in flagged:
                flagged[same]["message"] += f"；{row_name(row)}行所列相同，同样不符"
                continue
            # the quotient of the figures as written (1.8 ÷ 1.8 is 100%, not the middle of what
            # their rounding allows)
            quotient = Decimal(str(executed["value"])) / Decimal(str(budget["value"])) * 100 \
                if Decimal(str(budget["value"])) else computed.mid
            flagged[same] = make_flag(
                SEVERITY[outcome],
                f"{form.get('name') or '自评表'}（{row_name(row)}）{rate_column}与执行数、预算数不符：表列{shown(rate)}，"
                f"{shown(executed)} ÷ {shown(budget)} × 100% = {percent(quotient)}",
                rate["value"], rounded(quotient, 4), rounded(diff, 4), rounded(tol, 4), [rate, executed, budget],
                form=form.get("id"))
            flags.append(flagged[same])
    return flags


@rule("form.execution_score")
def check_execution_score(record: dict) -> list:
    """The budget-execution 得分 of a fund row against 分值 × 执行率 (执行率 capped at 100%, so
    full marks at or above it), on the templates that score it that way: above 分值 is an
    error; another figure, beyond rounding, a warning (not where the form states a scoring
    rule of its own for the rate: execution_scoring_note). The rate is the stated one, or
    执行数 ÷ 预算数 when none is stated or the form scored on the unrounded rate."""
    settings = form_settings()
    facts = facts_by_id(record)
    cap = Decimal(str(settings["rate_cap"]))
    flags = []
    for form in forms_of(record):
        if form.get("template") not in settings["execution_score_templates"]:
            continue
        for row in form.get("funds") or []:
            if row.get("unread"):
                continue  # a row under a label no rule knows
            weight = cell(row, column_named("weight"), facts)
            score = cell(row, column_named("score"), facts)
            if weight is None or score is None or Decimal(weight["value"]) >= HUNDRED:
                continue  # a budget row "worth" the whole 100 points carries the form's total, not its own
            w = points_interval(weight)
            where = f"{form.get('name') or '自评表'}（{row_name(row)}）"
            s = interval_of(score)
            if s.low > w.high:  # no rounding of the score's digits brings it down to 分值
                flags.append(make_flag(
                    settings["severity"]["score_above_weight"],
                    f"{where}预算执行得分{points(score)}超过分值{points(weight)}",
                    score["value"], weight["value"], Decimal(score["value"]) - Decimal(weight["value"]),
                    rounded((s.high - s.low) / 2 + (w.high - w.low) / 2, 4), [score, weight], form=form.get("id")))
                continue
            if form.get("execution_scoring_note"):
                continue  # the form states a scoring rule of its own (得满分 above a rate, 扣 a point below)
            rate = cell(row, column_named("rate"), facts)
            rates = ([(rate, interval_of(rate))] if rate else []) + _rate_readings(row, facts, column_named("executed"))
            # (rate's source, rate, 分值 × the rate capped at 100%) for each reading of the rate
            readings = [(source, r, (w * Interval(min(r.low, cap), min(r.high, cap), r.approx)).scaled(Decimal("0.01")))
                        for source, r in rates]
            verdicts = [verdict(score, expected) for _, _, expected in readings]
            if not readings or any(v[0] == "ok" for v in verdicts):
                continue
            (source, r, expected), (outcome, diff, tol) = readings[0], verdicts[0]
            severity = SEVERITY[outcome] if outcome == "rounding" else settings["severity"]["score_not_weight_times_rate"]
            executed = cell(row, column_named("executed"), facts)
            shown_rate = shown(rate) if source is rate else percent(r.mid)
            evidence = [score, weight] + ([rate] if rate else []) + \
                ([executed, source] if source is not rate and executed else [])
            flags.append(make_flag(
                severity,
                f"{where}预算执行得分与分值×执行率不符：得分{points(score)}，{points(weight)} × {shown_rate}"
                f" = {rounded(expected.mid, 2)}分",
                score["value"], rounded(expected.mid, 4), rounded(diff, 4), rounded(tol, 4), evidence, form=form.get("id")))
    return flags
