"""Records laid side by side: a table written with two records or more a line (决策 15 12.60
84.00% 过程 20 15.80 79.00%), as a page flattened to text or a sheet printed in halves gives
a short table, its header's names written once before them (or once over each record). Read
as one record a row, in the order written: left to right, then line after line.

Only where the arithmetic of the layout leaves no other reading: every line after the header
is whole records of the header's width, each a name and then figures (a dash for a figure not
given), and the header line is its names, then more records or its names again. A header
whose halves name different columns (收入项目 | 决算数 | 支出项目 | 决算数) is two tables' side
by side, not records of one, and is left as written.
"""
from __future__ import annotations

from typing import Optional

from .spaced_cells import figure_or_dash, is_figure

_FEWEST_RECORDS = 3


def records_unfolded(rows: list) -> list:
    """`rows` (lists of cell texts) one record a row where they hold several records a line
    under one header; any other rows as they are."""
    cells = [_trimmed(r) for r in rows]
    if len(cells) < 2 or not cells[0]:
        return rows
    width = _record_width(cells[1])
    if width is None or width > len(cells[0]):
        return rows
    header, rest = cells[0][:width], cells[0][width:]
    if any(is_figure(c) or not c for c in header):
        return rows
    first_records = _records(rest, width, header)
    body = [_records(r, width) for r in cells[1:]]
    if first_records is None or any(b is None for b in body):
        return rows
    records = first_records + [rec for b in body for rec in b]
    # (one record a line is a table as written: nothing laid side by side)
    if len(records) < _FEWEST_RECORDS or all(len(r) <= width for r in cells[1:]):
        return rows
    return [header] + records


def _trimmed(row: list) -> list:
    row = [c.strip() for c in row]
    while row and not row[-1]:
        row.pop()
    return row


def _record_width(row: list) -> Optional[int]:
    """The width of the records of a line: from its first name to its second."""
    names = [k for k, c in enumerate(row) if not figure_or_dash(c)]
    if len(names) < 2 or names[0] != 0 or names[1] < 2:
        return None
    return names[1]


def _records(row: list, width: int, header: Optional[list] = None) -> Optional[list]:
    """The line's records, each a name and then figures, or None where the line is not whole
    records; `header`: the header line's rest, which may also write its names again."""
    if len(row) % width:
        return None
    out = []
    for k in range(0, len(row), width):
        record = row[k:k + width]
        if header is not None and record == header:
            continue  # (the names again, over the next record)
        name, figures = record[0], record[1:]
        if not name or figure_or_dash(name) or not all(map(figure_or_dash, figures)) \
                or not any(map(is_figure, figures)):
            return None
        out.append(record)
    return out
