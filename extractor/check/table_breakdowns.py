"""A table's total column and the columns a merged 其中 sets under it (sum.breakdown): 收入合计
| 其中：上年结转 | 其中：财政拨款 | 其中：其他收入, row by row. The header says those columns are
parts of the total, so one row is enough to hold them to it: their sum may not exceed it, and
must make it where one of them is the 其他 part, which leaves no part out. Parts not said to be
all of it may fall short (支出合计 | 其中：基本支出 names the main part only)."""
from __future__ import annotations

import regex

from .common import SEVERITY, make_flag, show, sum_of, table_cells, written
from .tolerance import interval_of, verdict

_TOTAL_NAME = regex.compile(r"(?:合计|总计|小计|总额)$")
_PART_NAME = regex.compile(r"^其中[:：]")
_OTHER_PART = regex.compile(r"^其中[:：]其他")


def table_breakdown_flags(record: dict) -> list:
    cells = table_cells(record)
    flags = []
    for table in record.get("tables", []):
        if not table["header"]:
            continue
        names = [str(n).replace(" ", "") for n in table["header"][-1]]
        t, first = table["source"]["block"], len(table["header"])
        for c, name in enumerate(names):
            parts_at = []
            while c + 1 + len(parts_at) < len(names) and _PART_NAME.match(names[c + 1 + len(parts_at)]):
                parts_at.append(c + 1 + len(parts_at))
            if not _TOTAL_NAME.search(name) or len(parts_at) < 2:
                continue
            complete = any(_OTHER_PART.match(names[k]) for k in parts_at)
            for r in range(first, first + len(table["rows"])):
                whole, parts = cells.get((t, r, c)), [cells.get((t, r, k)) for k in parts_at]
                if whole is None or None in parts:
                    continue  # (a dash or words in a cell: nothing to add up)
                flag = whole_against_parts(whole, parts, complete, f"表格{name}与其中各项之和不符：{name}{written(whole)}，其中各项之和")
                if flag:
                    flags.append(flag)
    return flags


def whole_against_parts(whole: dict, parts: list, complete: bool, head: str):
    """The flag of a total its parts do not make, or None: parts said to be all of it (`complete`)
    must make it, others may fall short of it but never exceed it. Parts of another kind or
    unit than the total are nothing to add up. `head` opens the message, before the sum."""
    if any((p["kind"], p["unit"]) != (whole["kind"], whole["unit"]) for p in parts):
        return None
    summed = sum_of(parts, interval_of)
    outcome, diff, tol = verdict(whole, summed)
    if outcome == "ok" or summed.high < interval_of(whole).low and not complete:
        return None
    digits = max(int(f.get("decimals") or 0) for f in [whole] + parts)
    return make_flag(SEVERITY[outcome], f"{head}{show(summed.mid, whole, digits)}，差{show(abs(diff), whole, digits)}",
                     whole["value"], summed.mid, diff, tol, [whole] + parts)
