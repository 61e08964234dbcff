"""Where a table copied out of Word as tab-separated rows broke a row over lines: a line break
inside a cell (产出指标 over （50分）, a goal over three lines, a label broken before its tabs:
3.公务用车购置及运 | 行维护费 ⇥ 15.50 ⇥ …), the rest of a last cell on a line of its own, or a
score table's level written across the table (一、决策（15分）). Used by tab_tables.py's reader
of tab rows."""
from __future__ import annotations

import regex

from .spaced_cells import is_figure
from .tables import is_caption_text


_LEVEL_LINE = regex.compile(r"^\S.{0,20}[（(]\s*\d+(?:\.\d+)?\s*分\s*[)）]$")


def level_row_across(rows: list, lines: list, i: int) -> bool:
    """Is the line at i (no tab in it) a score table's level written across the table
    (一、决策（15分）): a short line naming its points, under a header row of three cells or
    more, with a row of the header's width after it?"""
    if not rows or len(rows[0]) < 3 or not _LEVEL_LINE.match(lines[i].strip()) or i + 1 >= len(lines):
        return False
    return len(lines[i + 1].rstrip("\n").split("\t")) == len(rows[0])


# Word copies a table as rows of tab-separated cells, and a line break inside a cell
# (产出指标 over （50分）, a goal written over three lines) breaks its row over lines.
_CELL_LINES = 5  # the most lines one row's broken cells are read over


def row_width(rows: list, lines: list, i: int) -> int:
    """The number of cells a row broken over lines from line i must make: the one every row so
    far has (at least two rows); under the header alone, its width where the first row's label
    broke before its tabs (label_broken_before); else 0."""
    widths = {len(r) for r in rows}
    if len(rows) >= 2 and len(widths) == 1 and len(rows[0]) >= 2:
        return widths.pop()
    if len(rows) == 1 and len(rows[0]) >= 3 and "\t" not in lines[i] and i + 1 < len(lines) \
            and label_broken_before(lines[i], lines[i + 1]):
        return len(rows[0])
    return 0


def row_broken_by_line_breaks(lines: list, i: int, width: int):
    """The lines from i read as one row when, each line's last cell joined with the next
    line's first, they make exactly `width` cells: (row, next line), else None. Not when a
    line ends in an empty cell or the next starts with one (those are rows of their own).
    A line without a tab starts such a row only when the next line opens with a bracket
    (项目资金 over （万元）): any other such line may be a paragraph after the table."""
    cells = lines[i].rstrip("\n").split("\t")
    if len(cells) == 1 and not (i + 1 < len(lines) and "\t" in lines[i + 1]
                                and (lines[i + 1][:1] in "（(" or label_broken_before(lines[i], lines[i + 1]))):
        return None
    j = i + 1
    while len(cells) < width and j < min(len(lines), i + _CELL_LINES) and lines[j].strip():
        more = lines[j].rstrip("\n").split("\t")
        if not cells[-1].strip() or not more[0].strip():
            return None
        cells[-1] += "\n" + more[0]
        cells += more[1:]
        j += 1
    return (cells, j) if j > i + 1 and len(cells) == width else None


# a row's label its line break cut (3.公务用车购置及运 | 行维护费 ⇥ 15.50 ⇥ …): words only, maybe
# numbered, with no sentence's end or colon after them
_LABEL_PIECE = regex.compile(r"^\s*(?:\d{1,2}[.、．]|[（(]\d{1,2}[)）])?[^\d\t。；;：:，,]{1,18}$")


def label_broken_before(line: str, after: str) -> bool:
    """Is a line without a tab the start of the next row's first cell: a label's piece (no
    caption), the next line's first cell words and every other cell of it a figure or empty?"""
    rest = after.rstrip("\n").split("\t")
    return bool(_LABEL_PIECE.match(line)) and not is_caption_text(line.strip()) and not is_figure(rest[0].strip()) \
        and len(rest) > 2 and all(not c.strip() or is_figure(c.strip()) or c.strip() in "—-/" for c in rest[1:])


def continues_last_cell(row: list, lines: list, i: int, width: int) -> bool:
    """Is the line without a tab at i the rest of the row before's last cell? Only between
    two rows of the table: the row before is whole and ends in a filled cell, and the next
    line is a row of the table that starts with an empty cell (so it cannot take this
    line as the start of its first cell)."""
    if len(row) != width or not row[-1].strip() or i + 1 >= len(lines):
        return False
    after = lines[i + 1].rstrip("\n").split("\t")
    return len(after) == width and not after[0].strip()
