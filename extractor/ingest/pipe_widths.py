"""How many pipes make one row of a pipe table (pipe_tables.py) whose rows are not one a
line: cells one a line (X |), or rows wrapped over lines, counted from the pipes each line
holds.
"""
from __future__ import annotations

from typing import Optional

from .text_rows import vocabulary

# A row width (in pipes) that leaves most lines outside whole rows explains nothing.
_MIN_WIDTH_COVERAGE = 0.8
_MAX_ROW_PIPES = 64
# Lines of one pipe in at least this share: cells one a line (X |), not rows.
_ONE_CELL_SHARE = 0.8


def pipe_count(text: str) -> int:
    return len(vocabulary()["split"].findall(text))


def one_cell_a_line(counts: list) -> bool:
    return sum(1 for k in counts if k == 1) >= _ONE_CELL_SHARE * len(counts)


def row_width(counts: list, closed_only: bool = False) -> Optional[int]:
    """The number of pipes a whole row has: of the widths the lines suggest, the smallest
    that gathers the most lines into whole rows; None when none gathers most of them.
    `closed_only`: only widths of rows closed by a run of pipes."""
    best, best_covered = None, 0
    for width in _suggested_widths(counts, closed_only):
        covered = _lines_in_whole_rows(counts, width)
        if covered > best_covered:
            best, best_covered = width, covered
    return best if best_covered >= _MIN_WIDTH_COVERAGE * len(counts) else None


def _suggested_widths(counts: list, closed_only: bool = False) -> list:
    """Row widths the lines suggest: a line's own pipe count, and the pipes of the one-pipe
    lines (one cell a line) up to and with the next line of more pipes, which closes the
    row (|| or ||||| after the last cell). Any width would gather one-pipe lines alone, so
    those rows say nothing."""
    widths = set()
    pending = 0
    for k in counts:
        if not closed_only:
            widths.add(k)
        pending += k
        if k > 1:
            if pending > k or not closed_only:
                widths.add(pending)
            pending = 0
    return sorted(w for w in widths if w <= _MAX_ROW_PIPES)


def _lines_in_whole_rows(counts: list, width: int) -> int:
    covered = pipes = gathered = 0
    for k in counts:
        if 0 < pipes < width and pipes + k <= width:
            pipes += k
            gathered += 1
        else:
            pipes, gathered = k, 1
        if pipes == width:
            covered += gathered
        if pipes >= width:
            pipes = 0
    return covered
