"""Form rule on the fund block's totals: each fund total against its 其中 rows — which rows are
its parts (under it, or above a total written last), the breakdowns they make, a part's own
breakdown among them left out — and a part above its total; a task block's totals too
(form_tasks.py). See forms.py."""
from __future__ import annotations

from decimal import Decimal
from itertools import combinations

import regex

from . import rule
from .common import SEVERITY, facts_by_id, make_flag, rounded, show, sum_of
from .form_tasks import task_total_flags
from .forms_common import cell, column_named, form_settings, forms_of, is_na, row_name, shown
from .tolerance import interval_of, verdict


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
