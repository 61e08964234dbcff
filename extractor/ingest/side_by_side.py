"""Records laid side by side: a table written with two records or more a line (决策 15 12.60
84.00% 过程 20 15.80 79.00%, or 1 投入 目标设定 5 5 | 2 投入 预算编制 10 9), as a page flattened
to text or a sheet printed in halves gives a short table, its header's names written once
before them or once over each record. Read as one record a row, in the order written: left to
right, then line after line.

Only where the layout leaves no other reading: every line after the header is whole records
of one width, each with its words and its figures in the same places (a dash in either), and
the header line is the record's names, then more records or the names again. A header whose
halves name different columns (收入项目 | 决算数 | 支出项目 | 决算数) is two tables' side by
side, not records of one, and is left as written.
"""
from __future__ import annotations

from typing import Optional

from .spaced_cells import figure_or_dash, is_dash, is_figure

_FEWEST_RECORDS = 3
_DASH = "-"


def records_unfolded(rows: list) -> list:
    """`rows` (lists of cell texts) one record a row where they hold several records a line
    under one header; any other rows as they are."""
    cells = [trimmed(r) for r in rows]
    if len(cells) < 2 or not cells[0] or any(not r for r in cells[1:]):
        return rows
    for width in _record_widths(cells[1]):
        records = _records_under(cells, width)
        if records is not None:
            return records
    return rows


def trimmed(row: list) -> list:
    """The row's cell texts stripped, its empty last cells left off."""
    row = [c.strip() for c in row]
    while row and not row[-1]:
        row.pop()
    return row


def _record_widths(row: list) -> list:
    """The widths of two records or more that a line may be made of, narrowest first."""
    return [w for w in range(2, len(row) // 2 + 1) if len(row) % w == 0]


def _kinds(cells: list) -> list:
    return [_DASH if is_dash(c) else is_figure(c) for c in cells]


def _fits(kinds: list, pattern: list) -> bool:
    return len(kinds) == len(pattern) and all(k == p or _DASH in (k, p) for k, p in zip(kinds, pattern))


def _records_under(cells: list, width: int) -> Optional[list]:
    """[the header's names] + the records, where every line after the header is records of
    `width` cells of the first record's pattern (its words and figures in the same places), and
    the header is the names, then records or the names again; else None."""
    pattern = _kinds(cells[1][:width])
    if True not in pattern or False not in pattern:
        return None  # (a record names its row and gives figures)
    header, records = cells[0][:width], []
    if any(figure_or_dash(c) or not c for c in header):
        return None
    for line in [cells[0][width:]] + cells[1:]:
        if len(line) % width:
            return None
        for k in range(0, len(line), width):
            record = line[k:k + width]
            if record == header:
                continue  # (the names again, over the next record)
            if not _fits(_kinds(record), pattern) or not all(record):
                return None
            records.append(record)
    # (one record a line is a table as written: nothing laid side by side)
    if len(records) < _FEWEST_RECORDS or all(len(line) <= width for line in cells[1:]):
        return None
    return [header] + records
