"""Form rules on the budget block: the execution rate against 执行数 ÷ 预算数, the budget
row's score against 分值 × 执行率, and each fund total against its 其中 rows (see forms.py)."""
from __future__ import annotations

from decimal import Decimal
from itertools import combinations

import regex

from . import rule
from ..patterns import load_json
from .common import SEVERITY, facts_by_id, make_flag, rounded, show, sum_of, ten_thousand_apart, within_tenfold
from .form_tasks import task_rows, task_total_flags
from .forms_common import HUNDRED, cell, column_named, form_settings, forms_of, is_na, percent, points, row_name, shown
from .tolerance import Interval, exact, interval_of, percentage, points_interval, verdict

# how far from consistent an outcome of verdict() is, for picking the reading closest to it
_OUTCOME_RANK = {"ok": 0, "rounding": 1, "approx": 2, "error": 3}


# ---------------------------------------------------------------- budget execution

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


# ---------------------------------------------------------------- fund totals

@rule("form.funds_total")
def check_funds_total(record: dict) -> list:
    """Per money column, a fund row with 其中 rows (年度资金总额 over 当年财政拨款, 上年结转,
    其他资金) against their sum; a total smaller than one of its parts is an error. A part
    written —/无 counts 0 when another part is filled; a part whose cell is missing
    altogether leaves the sum unchecked (only the part-above-total check runs)."""
    facts = facts_by_id(record)
    flags = []
    for form in forms_of(record):
        funds = form.get("funds") or []
        for n, whole in enumerate(funds):
            # its 其中 rows, before the next total of the block (收入合计 | 财政拨款 | 支出合计 |
            # 基本支出: 财政拨款 is the income's, not the spending total's part)
            parts = [r for r in _rows_under(funds, n) or _rows_above(funds, n)
                     if r.get("part_of") and r.get("part_of") == whole.get("slot")
                     and r.get("fund_block") == whole.get("fund_block")]
            if whole.get("totals_groups"):
                # (收入合计 / 按收入性质分: the block's rows of its groups, wherever they stand)
                parts = [r for r in funds if r.get("part_of") == "total" and r.get("group") in whole["totals_groups"]
                         and r.get("fund_block") == whole.get("fund_block")]
            if not parts:
                continue
            row_flags = []  # (column, flag): one row's columns usually fail together
            for column in (whole.get("cells") or {}):
                total = cell(whole, column, facts)
                if total is None or total["kind"] != "amount":
                    continue
                filled = [f for f in (cell(p, column, facts) for p in parts) if f is not None]
                if not filled:
                    continue  # nothing written under the total: a form filled in the total only
                where = f"{form.get('name') or '自评表'}（{row_name(whole)}，{column}）"
                # (a column of changes — 调整数 −8.00 over 0 — may hold figures below 0: no part
                # of a sum above its total then)
                above = [(r, p) for r in parts for p in [cell(r, column, facts)] if p is not None
                         and Decimal(p["value"]) > Decimal(total["value"]) >= 0
                         and verdict(total, interval_of(p))[0] == "error"]
                if above:
                    row, part = above[0]
                    diff = Decimal(total["value"]) - Decimal(part["value"])
                    row_flags.append((column, make_flag(
                        form_settings()["severity"]["part_exceeds_total"],
                        f"{where}总额{shown(total)}小于其中一项：{row_name(row)}{shown(part)}",
                        total["value"], part["value"], diff, rounded(verdict(total, interval_of(part))[2], 4),
                        # every filled part, so the total can be read against their sum (unit.slip)
                        [total, part] + [p for p in filled if p is not part], form=form.get("id"))))
                    continue
                if form.get("unread_fund_rows") or form.get("fund_block_open") or all(p.get("minor") for p in parts):
                    # a row not read, the text cut off inside the block, or only the small parts
                    # (上年结转, 其他资金) read while the row of the year's money was not: the sum
                    # is not known
                    continue
                for family in _families(parts):
                    if any(cell(p, column, facts) is None and not _dash_is_nothing(p, column, facts) for p in family):
                        continue  # a part of this breakdown not read, or dashed though spent: its sum is not known
                    written = [(p, f) for p in family for f in [cell(p, column, facts)] if f is not None]
                    every = [f for _, f in written]
                    if not every or verdict(total, sum_of(every))[0] == "ok" or _two_breakdowns(total, every):
                        continue
                    # (a part's own breakdown among them is no part of the total)
                    outer = _outer_rows(family, lambda above, run: _breaks_down(above, run, facts))
                    if _nesting_unknown(family, outer):
                        continue
                    written = [(p, f) for p, f in written if p in outer]
                    found = [f for _, f in written]
                    summed = sum_of(found)
                    outcome, diff, tol = verdict(total, summed)
                    if outcome == "ok" or _another_parts_breakdown(summed, family, parts, column, facts) \
                            or _another_columns_total(summed, whole, column, facts):
                        continue
                    names = "、".join(f"{row_name(p)}{shown(f)}" for p, f in written)
                    row_flags.append((column, make_flag(
                        SEVERITY[outcome],
                        f"{where}总额与其中各项之和不符：总额{shown(total)}，其中{names}，合计{show(summed.mid, total)}，"
                        f"差{show(abs(diff), total)}",
                        total["value"], summed.mid, diff, tol, [total] + found, form=form.get("id"))))
            flags.extend(_one_flag_per_row(row_flags))
    return flags + task_total_flags(record)


def _dash_is_nothing(row: dict, column: str, facts: dict) -> bool:
    """Does a part's dash count 0 in its column? Not in the spending or the year's budget column
    of a row whose own rate is above 0 (当年财政拨款 120 | 120 | — | — | 97.2%: it spent, the form
    left the figure out)."""
    if not is_na(row, column):
        return False
    if column not in (column_named("executed"), form_settings()["budget_columns"][0]):
        return True
    rate = cell(row, column_named("rate"), facts)
    return rate is None or Decimal(rate["value"]) == 0


def _families(parts: list) -> list:
    """The total's parts as the breakdowns they make: where some break it down by what the
    money is spent on (基本支出, 项目支出) and others by where it comes from (一般公共预算资金,
    其他资金), each on its own; else all of them together."""
    spent = [p for p in parts if p.get("group") == "expense"]
    sources = [p for p in parts if p.get("group") != "expense"]
    return [sources, spent] if spent and sources else [parts]


def _another_parts_breakdown(summed, family: list, parts: list, column: str, facts: dict) -> bool:
    """Do the family's rows add up to another of the total's parts rather than to the total
    (合计 | 财政拨款 | 其中：基本支出 | 项目支出 | 其他资金: the spending rows break down 财政拨款)?"""
    return any(verdict(f, summed)[0] == "ok" for p in parts if p not in family
               for f in [cell(p, column, facts)] if f is not None)


def _another_columns_total(summed, whole: dict, column: str, facts: dict) -> bool:
    """Do the parts add up to the total row's figure in another money column (按收入性质分（全年
    预算数）: parts written under 年初预算数 that make the 全年预算数)? They are that column's
    parts, set one column off: the form is consistent so read."""
    return any(verdict(f, summed)[0] == "ok" for c in (whole.get("cells") or {}) if c != column
               for f in [cell(whole, c, facts)] if f is not None and f["kind"] == "amount")


def _nesting_unknown(family: list, outer: list) -> bool:
    """Is a row named by a level alone (省级, 市县) among the parts left, right under another
    source row (财政资金, 地方资金) it may break down? Its figures did not show it to (see
    _outer_rows), but a row of it left out or half filled would hide that: whose part it is
    is not known."""
    levels = set(form_settings()["level_rows"])
    for k, row in enumerate(family):
        if row in outer and k > 0 and _LEVEL_PREFIX.sub("", row_name(row)) in levels \
                and _LEVEL_PREFIX.sub("", row_name(family[k - 1])) not in levels:
            return True
    return False


_LEVEL_PREFIX = regex.compile(r"^\s*(?:其中\s*[：:]?\s*)?|\s+$")


def _rows_under(funds: list, n: int) -> list:
    """The fund rows after row n up to the next total row (another 合计 or 总额)."""
    out = []
    for row in funds[n + 1:]:
        if _is_total_row(row):
            break
        out.append(row)
    return out


def _rows_above(funds: list, n: int) -> list:
    """The fund rows before row n, for a total written last (资金来源 | 年度预算 | … with 财政资金,
    其他资金 and then 合计): all of the block's rows before it, where no total stands among them
    and each writes every column the total writes (a figure or —): rows read only in part may
    have had their cells shifted, and the total's rows are then not known."""
    total = funds[n]
    above = [r for r in funds[:n] if r.get("fund_block") == total.get("fund_block")]
    if any(_is_total_row(r) for r in above):
        return []
    columns = set(total.get("cells") or {}) - set(total.get("own_columns") or [])
    if not all(columns <= set(r.get("cells") or {}) | set(r.get("na") or []) for r in above):
        return []
    return above


def _is_total_row(row: dict) -> bool:
    """A total of the block (年度资金总额, or any 合计 / 总计 / 总额 row): a list of parts ends at it.
    A breakdown's heading with no figure of its own (按收入性质分： over its rows) is none: its
    rows are still the total's above it."""
    return row.get("slot") == "total" or bool(row.get("totals_groups") and row.get("cells")) \
        or _TOTAL_WORDS.search(row.get("label") or "") is not None


_TOTAL_WORDS = regex.compile(r"合\s*计|总\s*计|总\s*额")


def _outer_rows(rows: list, breaks_down) -> list:
    """The part rows without the run of them that breaks down the row right above it
    (当年财政拨款 2086.40 | 中央资金 1180.00 | 省级资金 540.40 | 市级资金 90.00 | 县级资金 276.00: the
    four are the 当年财政拨款's, no parts of the total beside it), the longest such run first;
    `breaks_down(row above, rows of the run)` says whether they do so in every money column
    (one column's sum may hold by chance: 1240 = 620 + 620)."""
    for j in range(len(rows) - 2):
        for end in range(len(rows), j + 2, -1):
            if breaks_down(rows[j], rows[j + 1:end]):
                return rows[:j + 1] + _outer_rows(rows[end:], breaks_down)
    return rows


def _breaks_down(above: dict, run: list, facts: dict) -> bool:
    """Do the rows of `run` add up to the row above them in every money column where all are
    written (a —/无 cell counting 0), with something written above (0.00 over rows of 0.00 is
    rows left empty)?"""
    checked = 0
    for column in above.get("cells") or {}:
        whole = cell(above, column, facts)
        cells = [cell(r, column, facts) for r in run]
        if whole is None or whole["kind"] != "amount" \
                or any(c is None and not is_na(r, column) for c, r in zip(cells, run)):
            continue
        if verdict(whole, sum_of([c for c in cells if c is not None]))[0] != "ok":
            return False
        checked += bool(Decimal(whole["value"]))
    return checked > 0


def _two_breakdowns(total: dict, parts: list) -> bool:
    """Do the parts break the total down twice (按收入性质分 … 按支出性质分 …), each group of
    them adding up to it? In their order, or in any two groups: the two breakdowns side by
    side in a sheet come out row by row (财政拨款 | 基本支出 | 其他资金 | 项目支出)."""
    if len(parts) > 10:
        return False
    return any(verdict(total, sum_of(group))[0] == "ok"
               and verdict(total, sum_of([p for k, p in enumerate(parts) if k not in chosen]))[0] == "ok"
               for size in range(1, len(parts))
               for chosen in combinations(range(len(parts)), size)
               for group in [[parts[k] for k in chosen]])


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
