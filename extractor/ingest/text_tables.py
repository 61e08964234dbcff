"""Tables written as text, one row a line, as reports copied from web pages or Markdown
carry them:
- pipe rows: cells separated by | (also full-width ｜ and box-drawing │), with or without
  the outer pipes, Markdown rule rows (|---|:---:|) and box rules (├──┼──┤) between them;
- spaced rows: cells separated by runs of two or more spaces, a full-width space or a tab.

Shared by the .txt reader and the .pdf reader (a .txt printed to PDF keeps each pipe row
as a text line, a long one wrapped onto the next): both hand in their lines as strings and
get back where a table starts and ends and its rows of cell texts as written
(pipe_tables.py, spaced_tables.py find them; this module is where the readers ask).
`table_from_rows` builds the Table the way every format does (build_table: header rows,
merges, cleaned cell text).
"""
from __future__ import annotations

from collections import Counter
from typing import Optional

import regex

from ..model import Table
from ..numbering import numbering_of
from .pipe_tables import pipe_table_at, starts_pipe_table
from .one_space_tables import UNIT_LINE, one_space_table_at
from .spaced_cells import could_be_spaced_row
from .side_by_side import records_unfolded, trimmed
from .spaced_tables import score_rows_run_on, spaced_table_at
from .tables import build_table, fill_vertical_merges, infer_parent_spans, is_caption_text, is_numeric_cell
from .text_rows import SUBSET_MARK, TextTable, drawing_characters, names_as_header

# the readers (txt.py, pdf.py, page_tables.py) find tables through this module
__all__ = ["TextTable", "could_be_spaced_row", "drawing_characters", "leading_caption", "names_as_header",
           "one_space_table_at", "pipe_table_at", "score_rows_run_on", "spaced_table_at", "starts_pipe_table", "stated_figure_rows", "table_from_rows",
           "tables_between_headings"]

# a figure written after its label (评价分值:88.64分)
_LABELLED_FIGURE = regex.compile(r"[:：]\s*[-+]?\d")


def stated_figure_rows(rows: list) -> tuple:
    """(texts, the other rows): leading one-cell rows above a table that state a figure by
    its label (评价分值:88.64分) are text of the report, not only the table's caption: the
    readers keep them as paragraphs so their figures are read."""
    n = 0
    while n < len(rows) - 1 and len(rows[n]) == 1 and _LABELLED_FIGURE.search(rows[n][0]):
        n += 1
    return [row[0] for row in rows[:n]], list(rows[n:])


# a row naming what follows it in a sheet dumped as text: the sheet (Sheet2), the table (表2 产出
# 完成情况) or its unit (金额单位：万元)
_SHEET_NAME = regex.compile(r"^(?:sheet\s*\d+|工作表\s*\d+)$", regex.IGNORECASE)


def _names_what_follows(row: list) -> bool:
    filled = [c.strip() for c in row if c.strip()]
    if len(filled) != 1 or not row[0].strip():
        return False
    text = filled[0]
    return bool(_SHEET_NAME.match(text) or UNIT_LINE.match(text) or is_caption_text(text))


def tables_between_captions(rows: list) -> list:
    """Rows of a text export of several tables (a workbook's sheets one after another, each
    under its name, caption and unit on rows of their own, the empty cells kept) cut into
    (caption, rows) per table; the rows as one table where no such row stands between rows."""
    pieces = _cut_at(rows, {k for k, row in enumerate(rows) if _names_what_follows(row)})
    return [(None, rows)] if len(pieces) == 1 and pieces[0][0] is None else pieces


def _subset_marks_dropped(rows: list) -> list:
    """A header's 其中: cell over the columns after it (机构名称 | 收入合计 | 其中: | 上年结转 | …)
    is no column of its own where the row under it is one cell narrower: it is dropped."""
    out = list(rows)
    for r, row in enumerate(rows[:-1]):
        marks = [c for c, text in enumerate(row) if SUBSET_MARK.match(text.strip())]
        if len(marks) == 1 and len(trimmed(row)) == len(trimmed(rows[r + 1])) + 1:
            out[r] = row[:marks[0]] + row[marks[0] + 1:]
    return out


def tables_between_headings(rows: list) -> list:
    """Rows of a page's tables saved one after another as one run of pipe rows (单位名称 | … then
    （一）年度收入情况（万元） then 机构名称 | 收入合计 | …) cut into (caption, rows) per table at the
    one-cell rows that head a part (a numbered heading, a caption, a unit line) where the rows on
    either side differ in width: a row heading a group inside one table (一、产出指标 between rows
    of its width) leaves it whole."""
    cuts = [k for k, row in enumerate(rows) if _heads_a_part(row)]
    bounds = [0] + cuts + [len(rows)]
    widths = [{len(r) for r in rows[a:b] if len([c for c in r if c.strip()]) > 1} for a, b in zip(bounds, bounds[1:])]
    if len({max(w) for w in widths if w}) <= 1:
        return [(None, rows)]  # (no heading, or one width throughout: headings inside one table)
    return _cut_at(rows, set(cuts))


def _cut_at(rows: list, cuts: set) -> list:
    """(caption, rows) pieces of `rows` cut at the one-cell rows numbered in `cuts`, which
    caption the piece after them."""
    pieces, caption, current = [], [], []
    for k, row in enumerate(rows):
        if k in cuts:
            if current:
                pieces.append((" ".join(caption) or None, current))
                caption, current = [], []
            caption.append(row[0].strip())
        else:
            current.append(row)
    if current or caption:
        pieces.append((" ".join(caption) or None, current))
    return pieces


def _heads_a_part(row: list) -> bool:
    filled = [c.strip() for c in row if c.strip()]
    if len(filled) != 1 or not row[0].strip():
        return False
    return _names_what_follows(row) or numbering_of(filled[0])[1] in (1, 2)


def leading_caption(rows: list) -> tuple:
    """Leading one-cell rows above a wider table are its caption (a form's title and its
    year on two rows): (caption or None, the other rows)."""
    n = 0
    while n < len(rows) - 1 and len(rows[n]) == 1:
        n += 1
    if n == 0 or len(rows[n]) == 1:
        return None, list(rows)
    return " ".join(row[0].replace("\n", "") for row in rows[:n]), list(rows[n:])


def table_from_rows(rows: list, caption: Optional[str] = None, infer_spans: bool = False,
                    columns_kept: bool = False, widths_written: bool = False) -> Table:
    """A Table from rows of cell texts. A row shorter than the widest is padded with empty
    cells, or with `infer_spans` read as a header whose cells span the row below (flattened
    two-row headers, see infer_parent_spans). Empty label cells under a label read as
    merged with it, as flattened tables lose vertical merges. `widths_written`: the rows'
    lengths are as the source wrote them (a tab copy keeps a row's empty last cells), kept
    in Table.written_widths where they differ."""
    spec = []
    rows = _continuations_joined(_subset_marks_dropped(records_unfolded(rows)))
    if not columns_kept:
        rows = rows_apart(_leading_blanks_dropped(rows))
    width = max(len(r) for r in rows)
    figure_columns = None if columns_kept else _figure_columns(rows, width)
    names_above = 0  # the cells of the last row of names only (a block's own header inside the table)
    for r, row in enumerate(rows):
        spans = None
        if infer_spans and r + 1 < len(rows) and len(row) < width and len(rows[r + 1]) == width:
            spans = infer_parent_spans(row, rows[r + 1])
        if spans:
            spec.append([(t, 1, s) for t, s in zip(row, spans)])
        elif figure_columns and len(row) != names_above:
            spec.append(_figures_under_their_columns(row, figure_columns, width))
        else:
            # (a row as wide as the names over it: its figures are under those names, as written)
            spec.append(list(row) + [""] * (width - len(row)))
        if len(row) >= 2 and not any(is_numeric_cell(c) for c in row):
            names_above = len(row)
    table = build_table(spec, caption=caption)
    table.written_as_text = not columns_kept
    if widths_written and columns_kept and len({len(r) for r in rows}) > 1:
        table.written_widths = [len(r) for r in rows]
    table.ragged = _ragged(rows) and not infer_spans and not columns_kept
    fill_vertical_merges(table)
    return table


def _continuations_joined(rows: list) -> list:
    """Rows that only go on with the words of the row above's last cell (| | | | | 影响停工，已督促… |
    under a row whose 偏差原因 broke over lines), joined to that cell: every other cell empty,
    the one written holding no figure and standing where the row above wrote its last words."""
    out: list = []
    for row in rows:
        written = [c for c, text in enumerate(row) if text.strip()]
        if out and len(written) == 1 and written[0] >= 1 and not is_numeric_cell(row[written[0]].strip()):
            above, c = out[-1], written[0]
            last = max((k for k, text in enumerate(above) if text.strip()), default=-1)
            if last == c and not is_numeric_cell(above[c].strip()):
                out[-1] = above[:c] + [above[c] + row[c].strip()] + above[c + 1:]
                continue
        out.append(list(row))
    return out


def _leading_blanks_dropped(rows: list) -> list:
    """Rows longer than the table's usual width by exactly the empty cells they open with
    (|| 项目支出 | 494.35 | 473.92 | 95.87 | among rows of four): a copy's stray cell, which
    would put every figure of the row one column right — dropped."""
    width = _usual_width(rows)
    if width is None:
        return rows
    out = []
    for row in rows:
        extra = len(row) - width
        if extra > 0 and not any(c.strip() for c in row[:extra]) and row[extra].strip():
            row = row[extra:]
        out.append(row)
    return out


def _usual_width(rows: list) -> Optional[int]:
    """The number of cells most rows of two or more have, where at least half of them have it."""
    lengths = Counter(len(r) for r in rows if len(r) >= 2)
    if not lengths:
        return None
    width, count = lengths.most_common(1)[0]
    return width if count * 2 >= sum(lengths.values()) else None


def _ragged(rows: list) -> bool:
    """Do the rows differ in their number of cells? A heading row above the first figure
    that is shorter than the rows below it (一级指标 | 二级指标 | 三级指标, its empty cells
    under 分值 | 评分标准 | 得分 left out) is a header's second line, no sign of it."""
    lengths = [len(r) for r in rows if len(r) >= 2]
    first = next((k for k, r in enumerate(rows) if any(map(is_numeric_cell, r))), len(rows))
    body = [len(r) for r in rows[first:] if len(r) >= 2]
    if body and len(set(body)) == 1 and min(body) >= max(lengths):
        return False
    return len(set(lengths)) > 1


def _figure_columns(rows: list, width: int) -> list:
    """The columns that hold a figure in every full-width row below the first (at least
    two such rows): where a shorter row's figures belong."""
    full = [row for row in rows[1:] if len(row) == width]
    if len(full) < 2:
        return []
    return [c for c in range(1, width) if all(is_numeric_cell(row[c]) for row in full)]


def _figures_under_their_columns(row: list, figure_columns: list, width: int) -> list:
    """A row that lost empty cells (a 合计 row whose blank 主要内容 cell the export dropped:
    合计 | 950.90 | 927.76 | 97.57%) holding a label and exactly one figure per figure
    column: the figures go under those columns in order, else the row is padded at its end."""
    padded = list(row) + [""] * (width - len(row))
    if len(row) >= width or len(row) < 2 or is_numeric_cell(row[0]):
        return padded
    figures = row[1:]
    if len(figures) != len(figure_columns) or not all(map(is_numeric_cell, figures)):
        return padded
    placed = [row[0]] + [""] * (width - 1)
    for c, figure in zip(figure_columns, figures):
        placed[c] = figure
    return placed


def rows_apart(rows: list) -> list:
    """Rows a copy ran together on one line (二、过程小计 | 20 | 17.5 | 资金管理 | 8 | 7 | …,
    a row with no cell after its last figure and the next row after it) cut apart again:
    a row longer than the table's usual width that reads, at exactly one cut, as two rows
    of that table — each a label with its figures under the columns every usual row holds
    figures in, and no figure elsewhere."""
    width = _usual_width(rows)
    if width is None:
        return rows  # no usual width: no telling a row run together from a row of its own
    usual = [r for r in rows[1:] if len(r) == width]
    figures = [c for c in range(1, width) if sum(is_numeric_cell(r[c]) for r in usual) >= 2
               and all(is_numeric_cell(r[c]) or not r[c].strip() for r in usual)]
    if len(usual) < 2 or not figures or not any(len(r) > width for r in rows) \
            or figures != list(range(figures[0], figures[-1] + 1)):
        return rows  # (label | figure | label | figure: each row two records side by side)
    out = []
    for row in rows:
        out += (_cut_apart(row, width, figures) or [row]) if len(row) > width else [row]
    return out


def _cut_apart(row: list, width: int, figures: list) -> Optional[list]:
    """The rows `row` reads as, cut one way only; None where no cut or more than one reads."""
    def reads_as_row(piece: list) -> bool:
        return (figures[-1] < len(piece) <= width and bool(piece[0].strip()) and not is_numeric_cell(piece[0])
                and all(is_numeric_cell(piece[c]) == (c in figures) for c in range(1, len(piece))))
    if reads_as_row(row):
        return [row]
    readings = [[row[:s]] + rest for s in range(2, min(width, len(row) - 2) + 1)
                if reads_as_row(row[:s]) and (rest := _cut_apart(row[s:], width, figures))]
    return readings[0] if len(readings) == 1 else None
