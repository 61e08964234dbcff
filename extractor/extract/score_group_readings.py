"""The readings of a score table's items run together: bracketed groups (产出指标(40分)) whose
rows' and inner groups' 分值 use up their weight. The readers of rows are the table's own
(worded_score_table: 分值 … words … 得分; paired_score_table: 分值 and 得分 side by side); a
table is read only where exactly one reading uses up each weight."""
from __future__ import annotations

from decimal import Decimal
from typing import Optional

_MOST_READINGS = 8


def whole_groups(text: str, items: list, rows) -> tuple:
    """(nodes, the next item) of the bracketed groups from the first item on, each one whose
    rows (`rows`: a reader of rows for group_readings) add up to its weight in one reading, up
    to the first that does not (an excerpt cut off)."""
    nodes, i = [], 0
    while i < len(items) and items[i].kind == "mark":
        reading = one_reading(group_readings(text, items, i, items[i].value, (), rows))
        if reading is None:
            break
        i, more = reading
        nodes += more
    return nodes, i


def one_reading(readings) -> Optional[tuple]:
    """The one reading (next item, nodes) among `readings`, or None where there are several
    (or too many to tell)."""
    found = []
    for r in readings:
        found.append(r)
        if len(found) > _MOST_READINGS:
            return None
    distinct = {(j, tuple((n[0], n[2], n[3]) for n in nodes)) for j, nodes in found}
    return found[0] if len(distinct) == 1 else None


def group_readings(text: str, items: list, i: int, budget: Decimal, path: tuple, rows, depth: int = 0):
    """(next item, nodes) for each reading of items from i whose 分值 use up `budget`: a row
    that `rows(text, items, i, path)` reads there ((node, next item) for each way it may), else
    a bracketed weight with the items under it. A node is (path, 分值, 分值's span, 得分's span
    or None, glued)."""
    if budget == 0:
        yield i, []
        return
    if i >= len(items) or depth > 3:
        return
    row_read = False
    for node, j in rows(text, items, i, path):
        row_read = True
        if 0 < node[1] <= budget:
            for k, rest in group_readings(text, items, j, budget - node[1], path, rows, depth):
                yield k, [node] + rest
    item = items[i]
    if row_read or item.kind != "mark" or not 0 < item.value <= budget:
        return
    inner = path + (item.name or "(分值)",)
    for j, under in group_readings(text, items, i + 1, item.value, inner, rows, depth + 1):
        for k, rest in group_readings(text, items, j, budget - item.value, path, rows, depth):
            yield k, [(inner, item.value, item.span, None, False)] + under + rest
