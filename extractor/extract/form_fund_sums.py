"""A fund block's part row that wrote fewer amounts than the block has money columns, its empty
cells left out (上年结转资金 | 15 | 14.28 under 年初预算数 | 全年预算数 | 全年执行数): which columns
its figures stand in is read from the block's sums. Each way of setting them in the money
columns in their order is tried, and the one under which the most columns' parts make their total
row's figure exactly is taken — when it is the only one, and makes two or more (one slip
in the block then still leaves its row's place known, and is flagged). A column the
row leaves out counts as nothing of that row's (the carry-over has no 年初预算数). Parts are the
rows of the row's own group (the sources of a total: 当年财政拨款, 上年结转资金, 其他资金); a part
row whose own figures are not placed leaves the sums unknown."""
from __future__ import annotations

from decimal import Decimal
from itertools import combinations
from typing import Optional

from .form_vocab import fund_column_kind


_FEWEST_SUMS = 2  # columns whose parts make their total under the placement taken, at least


def place_short_rows_by_sums(form: dict, facts: dict, columns: list) -> None:
    """`facts`: fact id → Fact; `columns`: the block's header columns, in order."""
    money = [c for c in columns if fund_column_kind(c) == "amount"]
    total = next((r for r in form["funds"] if r["slot"] == "total" and not r.get("fund_block")), None)
    if total is None or len(money) < 2:
        return
    for row in form["funds"]:
        ids = row["unplaced"]
        if row.get("part_of") != "total" or row.get("fund_block") or row["cells"] or not ids \
                or len(ids) >= len(money) or any(facts[i].kind != "amount" for i in ids):
            continue
        parts = [r for r in form["funds"] if r is not row and r.get("part_of") == "total"
                 and r.get("group") == row.get("group") and not r.get("fund_block")]
        fits = []
        for chosen_columns in combinations(money, len(ids)):  # (in their order, any left out between)
            placed = dict(zip(chosen_columns, ids))
            fits.append((sum(_adds_up(total, parts, placed, c, facts) for c in money), placed))
        best = max(n for n, _ in fits)
        chosen = [placed for n, placed in fits if n == best]
        if best < _FEWEST_SUMS or len(chosen) != 1:
            continue
        for column, fid in chosen[0].items():
            row["cells"][column] = fid
            facts[fid].label = column
            facts[fid].extra["slot"] = column
        row["unplaced"] = []
        row["blank"] = [c for c in row["blank"] if c not in chosen[0]]


def _adds_up(total: dict, parts: list, placed: dict, column: str, facts: dict) -> bool:
    """Do the parts' figures in `column`, the short row's as `placed`, make the total's exactly?"""
    whole = total["cells"].get(column)
    if whole is None:
        return False
    summed = _value(placed.get(column), facts)
    for r in parts:
        if r["unplaced"]:
            return False  # (another row's figures not placed: the column's sum is not known)
        summed += _value(r["cells"].get(column), facts)
    return summed == facts[whole].value


def _value(fid: Optional[str], facts: dict) -> Decimal:
    return Decimal(str(facts[fid].value)) if fid is not None else Decimal(0)
