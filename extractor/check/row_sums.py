"""Columns that total other columns, row by row (sum.row).
- Sub-columns under one group: 补助资金（万元） over 中央 | 地方 | 小计, each row's 小计 against
  its 中央 + 地方. The group is read from the table's two lowest header rows (an upper cell
  merged over the sub-columns), the totalling sub-column by its name (patterns/labels.json
  subtotal_headers).
- A 合计 column beside the columns it totals, in a table of one header row (项目 | 合计 |
  中央补助 | 省级资金 …): its rows are held to it only where two rows or more, and most of
  them, add up (a dash is nothing from that column), so that the columns are shown to be its
  parts; a row that does not is flagged."""
from __future__ import annotations

from functools import lru_cache

import regex

from ..header_names import names_above
from ..patterns import load_json
from . import rule
from .common import SEVERITY, make_flag, not_additive, show, sum_of, table_cells, written
from .tolerance import interval_of, verdict


@lru_cache(maxsize=1)
def subtotal_names() -> frozenset:
    """The names of a sub-column that totals its group (patterns/labels.json subtotal_headers)."""
    return frozenset(load_json("labels.json")["subtotal_headers"])


@rule("sum.row")
def check_row_subtotals(record: dict) -> list:
    cells = table_cells(record)
    flags = []
    for table in record.get("tables", []):
        flags += _total_column_flags(table, cells)
        if len(table["header"]) < 2:
            continue
        t = table["source"]["block"]
        first = len(table["header"])
        for subtotal, parts in _groups(table["header"][-2], table["header"][-1]):
            for r in range(first, first + len(table["rows"])):
                whole = cells.get((t, r, subtotal))
                figures = [cells.get((t, r, c)) for c in parts]
                if whole is None or any(f is None for f in figures) \
                        or any((f["kind"], f["unit"]) != (whole["kind"], whole["unit"]) for f in figures):
                    continue  # (a dash in a part: nothing to add up)
                outcome, diff, tol = verdict(whole, sum_of(figures, interval_of))
                if outcome != "ok":
                    flags.append(_row_flag(outcome, diff, tol, whole, figures,
                                           f"表格行内小计与分项之和不符（{table['header'][-2][subtotal]}）：小计", "分项之和"))
    return flags


def _row_flag(outcome: str, diff, tol, whole: dict, parts: list, head: str, parts_name: str, tail: str = "") -> dict:
    """A row's total against its parts, the sum shown with the most decimals any of them has."""
    summed = sum_of(parts, interval_of)
    digits = max(int(f.get("decimals") or 0) for f in [whole] + parts)
    return make_flag(SEVERITY[outcome], f"{head}{written(whole)}，{parts_name}{show(summed.mid, whole, digits)}{tail}",
                     whole["value"], summed.mid, diff, tol, [whole] + parts)


def _groups(upper: list, lower: list) -> list:
    """[(the totalling column, its group's other columns)]: runs of columns under one upper
    name (or the empty cells after it: header_names.names_above), every one named below,
    exactly one of them a subtotal's name, two parts or more; in a lower row that leaves some
    column unnamed."""
    out = []
    if all(str(name).strip() for name in lower):
        return out  # (every column named below: a header row of its own, no sub-columns)
    above = names_above(upper, lower)
    c = 0
    while c < len(upper):
        end = c
        while end + 1 < len(upper) and above[end + 1] == above[c] and str(lower[end + 1]).strip():
            end += 1
        names = [str(lower[k]).replace(" ", "") for k in range(c, end + 1)]
        totals = [c + k for k, name in enumerate(names) if name in subtotal_names()]
        if str(above[c]).strip() and all(names) and len(totals) == 1 and end - c >= 2:
            out.append((totals[0], [k for k in range(c, end + 1) if k != totals[0]]))
        c = end + 1
    return out


_DASH = frozenset("-—－/／")


@lru_cache(maxsize=1)
def _funding_level():
    return regex.compile(load_json("relations.json")["breakdown"]["funding_levels"])


def _levels_of_government(names: list) -> bool:
    """Are the columns' names, one each, three or more levels of government (中央 | 省级 | 县级)?"""
    words = [str(n).replace(" ", "") for n in names]
    return len(words) >= 3 and len(set(words)) == len(words) and all(_funding_level().fullmatch(w) for w in words)


def _total_column_flags(table: dict, cells: dict) -> list:
    """The rows whose 合计 column is not the sum of the row's other money columns, in a table
    of one header row whose other rows show those columns to be its parts."""
    t = table["source"]["block"]
    first = len(table["header"])
    names = table["header"][-1] if table["header"] else (table["rows"] or [[]])[0]
    if table["header"] and len(table["header"]) > 1 or not table["header"] and any(
            (t, 0, c) in cells for c in range(len(names))):
        return []  # (two header rows are _groups'; a first row holding figures names nothing)
    if not table["header"]:
        first = 1
    totals = [c for c, name in enumerate(names) if str(name).replace(" ", "") in subtotal_names()]
    if len(totals) != 1:
        return []
    total_col = totals[0]
    rows = range(first, len(table["header"]) + len(table["rows"]))
    # (中央 | 省级 | 市级 | 县级 | 合计: columns each the money of one level of government are its
    # parts by what they name, the first among them, in a table of one row too)
    levels = _levels_of_government([n for c, n in enumerate(names) if c != total_col])
    readings = []
    for r in rows:
        whole = cells.get((t, r, total_col))
        values = table["rows"][r - len(table["header"])]
        if values and not_additive(values[0]):
            continue  # 次均住院费用（元） | 2,401 | 5,330 | … | 5,134: the 合计 column's average, no sum
        parts, complete = [], whole is not None
        for c in range(len(names)):
            if c == total_col or c == 0 and not levels:
                continue
            f = cells.get((t, r, c))
            if f is not None and whole is not None and (f["kind"], f["unit"]) == (whole["kind"], whole["unit"]):
                parts.append(f)
            elif c < len(values) and str(values[c]).strip() not in _DASH:
                complete = False  # a cell neither a figure of the whole's kind nor a dash
        if complete and len(parts) >= 2:
            readings.append((r, whole, parts, verdict(whole, sum_of(parts, interval_of))))
    ok = [x for x in readings if x[3][0] == "ok"]
    off = [x for x in readings if x[3][0] in ("error", "approx")]
    one_row_of_levels = levels and len(readings) == 1
    if not one_row_of_levels and (len(ok) < 2 or len(off) >= len(ok)):
        return []
    if one_row_of_levels:
        return [_row_flag(outcome, diff, tol, whole, parts, "表格合计栏与各级资金之和不符：合计", "各级之和")
                for _, whole, parts, (outcome, diff, tol) in off]
    return [_row_flag(outcome, diff, tol, whole, parts,
                      f"表格行内合计与各栏之和不符（{table['rows'][r - len(table['header'])][0]}）：合计", "各栏之和",
                      f"（其余{len(ok)}行相符）")
            for r, whole, parts, (outcome, diff, tol) in off]
