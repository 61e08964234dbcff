"""A fund block's part rows that wrote fewer amounts than the block has money columns, their
empty cells left out (上年结转资金 | 15 | 14.28 under 年初预算数 | 全年预算数 | 全年执行数): which
columns their figures stand in is read from the block's sums. Every way of setting each short
row's figures in the money columns in their order is tried, the short rows of a group at once,
and the one under which the most columns' parts make their total row's figure exactly is taken
— when it is the only one, and makes two or more (one slip in the block then still leaves the
rows' places known, and is flagged). A column a row leaves out counts as nothing of that row's
(the carry-over has no 年初预算数). Parts are the rows of one group (the sources of a total:
当年财政拨款, 上年结转资金, 其他资金); a group with another row whose figures are not placed
leaves the sums unknown."""
from __future__ import annotations

from decimal import Decimal
from itertools import combinations, product
from math import prod
from typing import Optional

from .form_vocab import fund_column_kind


_FEWEST_SUMS = 2  # columns whose parts make their total under the placement taken, at least
_MOST_WAYS = 64  # placements tried for a group's short rows at once, at most


def place_short_rows_by_sums(form: dict, facts: dict, columns: list) -> None:
    """`facts`: fact id → Fact; `columns`: the block's header columns, in order."""
    money = [c for c in columns if fund_column_kind(c) == "amount"]
    total = next((r for r in form["funds"] if r["slot"] == "total" and not r.get("fund_block")), None)
    if total is None or len(money) < 2:
        return
    parts = [r for r in form["funds"] if r.get("part_of") == "total" and not r.get("fund_block")]
    for group in dict.fromkeys(r.get("group") for r in parts):
        rows = [r for r in parts if r.get("group") == group]
        short = [r for r in rows if _short(r, facts, len(money))]
        if not short or any(r["unplaced"] for r in rows if r not in short):
            continue  # (another row's figures not placed: the columns' sums are not known)
        # (every short row of the group placed at once: two may leave out their 年初预算数)
        ways = [[dict(zip(chosen, r["unplaced"])) for chosen in combinations(money, len(r["unplaced"]))] for r in short]
        if prod(len(w) for w in ways) > _MOST_WAYS:
            continue
        fits = []
        for placement in product(*ways):
            placed = {id(r): p for r, p in zip(short, placement)}
            fits.append((sum(_adds_up(total, rows, placed, c, facts) for c in money), placement))
        best = max(n for n, _ in fits)
        chosen = [placement for n, placement in fits if n == best]
        if best < _FEWEST_SUMS or len(chosen) != 1:
            continue
        for row, placement in zip(short, chosen[0]):
            for column, fid in placement.items():
                row["cells"][column] = fid
                facts[fid].label = column
                facts[fid].extra["slot"] = column
            row["unplaced"] = []
            row["blank"] = [c for c in row["blank"] if c not in placement]



def _short(row: dict, facts: dict, width: int) -> bool:
    """Did the row write only some of the money columns' amounts, none of them placed?"""
    ids = row["unplaced"]
    return bool(ids) and not row["cells"] and len(ids) < width and all(facts[i].kind == "amount" for i in ids)


def _adds_up(total: dict, rows: list, placed: dict, column: str, facts: dict) -> bool:
    """Do the group's rows' figures in `column`, the short rows' as `placed` (by row id), make
    the total's exactly?"""
    whole = total["cells"].get(column)
    if whole is None:
        return False
    summed = Decimal(0)
    for r in rows:
        summed += _value((placed[id(r)] if id(r) in placed else r["cells"]).get(column), facts)
    return summed == facts[whole].value


def _value(fid: Optional[str], facts: dict) -> Decimal:
    return Decimal(str(facts[fid].value)) if fid is not None else Decimal(0)
