"""Year-on-year columns of a table (diff.change): 上年 | 本年 | 增减 | 增长率, row by row, the
change against this year − last year and its rate against the change ÷ last year. The column
words are data (patterns/checks.json table_changes). Counts and money only: a row of rates
(参保率) changes in points, which such a table may write either way."""
from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from typing import Optional

import regex

from .common import SEVERITY, check_settings, make_flag, rounded, show, table_cells, written
from .tolerance import interval_of, percentage, verdict

_LEVELS = ("amount", "headcount", "person_times", "households")


@lru_cache(maxsize=1)
def _columns() -> dict:
    return {k: regex.compile(v) for k, v in check_settings()["table_changes"].items()}


def table_change_flags(record: dict) -> list:
    cells = table_cells(record)
    flags = []
    for table in record.get("tables", []):
        columns = _year_columns(table)
        if columns is None:
            continue
        t = table["source"]["block"]
        for r, kind in enumerate(table["row_kinds"]):
            if kind == "header":
                continue
            prev, cur, change, rate = (cells.get((t, r, columns[k])) if k in columns else None
                                       for k in ("previous", "current", "change", "rate"))
            if prev is None or cur is None or not _same_measure(prev, cur):
                continue
            made = interval_of(cur) - interval_of(prev)
            change_off = change is not None and _same_measure(change, cur) and _change_flag(change, cur, prev, made)
            if change_off:
                flags.append(change_off)
            if rate is not None and rate["kind"] == "percent":
                flags += _rate_flags(rate, cur, prev, made, change if change_off else None)
    return flags


def _year_columns(table: dict) -> Optional[dict]:
    """Column index of last year's, this year's, the change's and the rate's (None where the
    table has no 上年 / 本年 pair with a change or a rate beside it)."""
    if not table.get("header"):
        return None
    names = [regex.sub(r"\s+", "", str(c)) for c in table["header"][-1]]
    found: dict = {}
    for key in ("previous", "current", "change", "rate"):
        at = [c for c, name in enumerate(names) if _columns()[key].match(name)]
        if len(at) == 1:
            found[key] = at[0]
    years = [(int(m[1]), c) for c, name in enumerate(names) if (m := _columns()["year"].match(name))]
    if "previous" not in found and "current" not in found and len(years) == 2 and years[0][0] + 1 == years[1][0]:
        found["previous"], found["current"] = years[0][1], years[1][1]
    if "previous" not in found or "current" not in found or not ({"change", "rate"} & set(found)):
        return None
    return found


def _same_measure(a: dict, b: dict) -> bool:
    return a["kind"] in _LEVELS and (a["kind"], a["unit"]) == (b["kind"], b["unit"])


def _change_flag(change: dict, cur: dict, prev: dict, made) -> Optional[dict]:
    outcome, diff, tol = verdict(change, made)
    if outcome == "ok" or verdict({**change, "value": -Decimal(change["value"])}, made)[0] == "ok":
        return None  # (a decrease written without its sign is the same change)
    return make_flag(SEVERITY[outcome], f"增减额与两年数据不符：表列{written(change)}，{written(cur)} − {written(prev)} = "
                                        f"{show(made.mid, change)}",
                     change["value"], made.mid, diff, tol, [change, cur, prev])


def _rate_flags(rate: dict, cur: dict, prev: dict, made, off_change: Optional[dict]) -> list:
    """The rate against (this year − last year) ÷ last year; `off_change`: the row's change
    where that is off its two years (a rate that is its ÷ last year is not flagged again)."""
    expected = percentage(made, interval_of(prev))
    if expected is None:
        return []
    outcome, diff, tol = verdict(rate, expected)
    if outcome == "ok" or verdict({**rate, "value": -Decimal(rate["value"])}, expected)[0] == "ok":
        return []
    if off_change is not None:
        over_change = percentage(interval_of(off_change), interval_of(prev))
        if over_change is not None and verdict(rate, over_change)[0] == "ok":
            return []  # (the rate is the stated change's: the change is what is off, flagged)
    return [make_flag(SEVERITY[outcome], f"增减率与两年数据不符：表列{written(rate)}，（{written(cur)} − {written(prev)}）÷ "
                                         f"{written(prev)}计算为{rounded(expected.mid, 2)}%",
                      rate["value"], rounded(expected.mid, 4), rounded(diff, 4), rounded(tol, 4), [rate, cur, prev])]
