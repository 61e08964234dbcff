"""Sub-columns that total their column group, row by row (sum.row): 补助资金（万元） over
中央 | 地方 | 小计, each row's 小计 against its 中央 + 地方. The group is read from the table's
two lowest header rows (an upper cell merged over the sub-columns), the totalling sub-column
by its name (patterns/labels.json subtotal_headers)."""
from __future__ import annotations

from functools import lru_cache

from ..header_names import names_above
from ..patterns import load_json
from . import rule
from .common import SEVERITY, make_flag, show, sum_of, table_cells, written
from .tolerance import interval_of, verdict


@lru_cache(maxsize=1)
def _subtotal_names() -> frozenset:
    return frozenset(load_json("labels.json")["subtotal_headers"])


@rule("sum.row")
def check_row_subtotals(record: dict) -> list:
    cells = table_cells(record)
    flags = []
    for table in record.get("tables", []):
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
                summed = sum_of(figures, interval_of)
                outcome, diff, tol = verdict(whole, summed)
                if outcome == "ok":
                    continue
                digits = max(int(f.get("decimals") or 0) for f in [whole] + figures)
                flags.append(make_flag(
                    SEVERITY[outcome],
                    f"表格行内小计与分项之和不符（{table['header'][-2][subtotal]}）：小计{written(whole)}，"
                    f"分项之和{show(summed.mid, whole, digits)}",
                    whole["value"], summed.mid, diff, tol, [whole] + figures))
    return flags


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
        totals = [c + k for k, name in enumerate(names) if name in _subtotal_names()]
        if str(above[c]).strip() and all(names) and len(totals) == 1 and end - c >= 2:
            out.append((totals[0], [k for k in range(c, end + 1) if k != totals[0]]))
        c = end + 1
    return out
