"""A two-line header written one cell a line: 资金用途 | 下达金额（万元） | 其中 | 实际支出（万元）
over 中央 | 省级 | 县级, the 其中 cell spanning the three names of the second line. Written out
cell by cell, the second line's names come after the first line's last name, and the group
cell stands where they belong. How many names the group spans the cells do not say; the
figures do: a 其中 group's columns are the parts of the column before it (下达金额 = 中央 + 省级
+ 县级), so the columns are put in the one order under which that holds in the rows (all but
one of them, which may be a slip the checker is there to find)."""
from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Optional

import regex

_GROUP = regex.compile(r"^其中[:：]?$")
# a unit in brackets ending a column's name (预算数（万元）), or standing for the name alone
UNIT_IN_NAME = regex.compile(r"[（(][^（）()]{1,6}[)）]$")
_NUMBER = regex.compile(r"^[-+]?\d[\d,]*(?:\.(\d+))?$")


def is_group_cell(name: str) -> bool:
    """Is the header cell a 其中 group's own (其中, 其中：), spanning the names under it?"""
    return bool(_GROUP.match(name.strip()))


def has_group_cell(header: list) -> bool:
    return any(map(is_group_cell, header))


def header_in_column_order(header: list, rows: list) -> Optional[list]:
    """The header's names in their columns' order, the group cell left out, for rows one cell
    shorter than the header (or shorter still, where a row left out empty cells: those do not
    say the order); None where the figures of the rows that fill every column leave no single
    order."""
    groups = [g for g, name in enumerate(header) if is_group_cell(name)]
    full = [row for row in rows if len(row) == len(header) - 1]
    if len(groups) != 1 or not full or any(len(row) > len(header) - 1 for row in rows):
        return None
    rows = full
    g = groups[0]
    if g < 2:
        return None  # (no column before the group to be the whole its names are parts of)
    orders = []
    for k in range(2, len(header) - g):  # the group's names: the header's last k
        if _parts_add_up(rows, g - 1, range(g, g + k)):
            orders.append(header[:g] + [in_units_of(header[g - 1], name) for name in header[len(header) - k:]]
                          + header[g + 1:len(header) - k])
    return orders[0] if len(orders) == 1 else None


def in_units_of(whole: str, name: str) -> str:
    """A part's column name with the unit its whole's name states (中央 under 下达金额（万元）
    → 中央（万元）): the parts are written in the whole's unit."""
    unit = UNIT_IN_NAME.search(whole)
    return name + unit.group() if unit and not UNIT_IN_NAME.search(name) else name


def _parts_add_up(rows: list, whole: int, parts: range) -> bool:
    """Does column `whole` hold the sum of columns `parts` in every row but one at most (and
    in two rows at least)?"""
    held, off = 0, 0
    for row in rows:
        values = [_value(row[c]) for c in [whole, *parts]]
        if any(v is None for v in values):
            continue
        (total, _), *items = values
        tolerance = len(items) * max(Decimal(5).scaleb(-(decimals + 1)) for _, decimals in values)
        if abs(total - sum(v for v, _ in items)) <= tolerance:
            held += 1
        else:
            off += 1
    return held >= 2 and off <= 1


def _value(cell: str) -> Optional[tuple]:
    """(the figure, its decimals), or None for a cell that is no plain figure."""
    m = _NUMBER.match(cell.strip())
    if not m:
        return None
    try:
        return Decimal(cell.strip().replace(",", "")), len(m.group(1) or "")
    except InvalidOperation:
        return None


def units_as_ordered(header: list) -> list:
    """The units the header's names state (预算数（万元） → 万元, else ""), a 其中 group's names
    in the unit of the column before it as header_in_column_order gives them, the group cell
    itself left out."""
    groups = [g for g, name in enumerate(header) if is_group_cell(name)]
    whole = UNIT_IN_NAME.search(header[groups[0] - 1]) if len(groups) == 1 and groups[0] >= 1 else None
    units = []
    for k, name in enumerate(header):
        if groups and k == groups[0]:
            continue
        unit = UNIT_IN_NAME.search(name)
        units.append(unit.group() if unit else whole.group() if whole and k > groups[0] else "")
    return units
