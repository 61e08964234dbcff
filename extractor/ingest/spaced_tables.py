"""Spaced rows: tables written as text with cells separated by runs of two or more
spaces, a full-width space or a tab; found where rows agree in their number of cells or
their figures stand under a header line's cells (spaced_aligned_rows.py), read from the
right where a group's first row alone writes its merged cells, or under a header of two
lines. A short 合计 row's cells are placed by short_total_rows.py.
"""
from __future__ import annotations

from typing import Optional

import regex

from .column_names import POINTS_NAME
from .short_total_rows import total_row_filled
from .spaced_aligned_rows import rows_under_header
from .spaced_cells import (ALIGN_SLACK, PROSE_CELL, figure_or_dash, is_dash, is_figure, is_number, is_prose,
                           several_figures, spaced_cells, trailing)
from .spaced_headers import header_rest, names_over_their_units
from .text_rows import TextTable, lines_seen_before, past_page_break

# A run shorter than this with cells that agree in number is a coincidence.
_MIN_EVEN_ROWS = 3
MAX_SPACED_ROWS = 200  # a longer run is read as several tables


def spaced_table_at(lines: list, i: int) -> Optional[TextTable]:
    """The table of spaced rows starting at lines[i], or None. Conservative: one line is
    never a table, nor are lines of running text with a stray double space. Accepted are
    three rows or more with the same number of cells, or a header line and lines whose
    figures stand under its cells. A header whose names wrapped onto a second line (预算数（万
    over 元）) is read as the one line it was."""
    names = header_rest(lines, i)
    if names is not None:
        # (read without the rest's line, the header's names then made whole again)
        table = _spaced_table_at(lines[:i + 1] + lines[i + 2:], i)
        if table is not None and table.rows and len(table.rows[0]) == len(names):
            return TextTable(i, table.end + 1, [names] + table.rows[1:], lines[i:table.end + 1])
    names = names_over_their_units(lines, i)
    if names is not None:
        # (read from the units' line, which the rows line up under, then named in full)
        table = _spaced_table_at(lines, i + 1)
        if table is not None and table.rows and len(table.rows[0]) == len(names):
            return TextTable(i, table.end, [names] + table.rows[1:], lines[i:table.end])
    return _spaced_table_at(lines, i)


def _spaced_table_at(lines: list, i: int) -> Optional[TextTable]:
    run = _cell_run(lines, i)
    if len(run) < 2 or any(several_figures(c.text) for r in run for c in r):
        return None  # (cells a single space apart, a wide gap only where one is empty: one-space rows)
    even = _even_rows(run)
    # a tab has no width: nothing lines up across one
    untabbed = next((n for n, line in enumerate(lines[i:i + len(run)]) if "\t" in line.strip()), len(run))
    aligned, used = rows_under_header(run[:untabbed])
    if even >= _MIN_EVEN_ROWS and not (aligned and used > even):
        # (rows of one count of cells, unless their header lines up more of them: a cell
        # wrapped onto a line of its own ends the even rows, not the table)
        headed = not any(is_figure(c.text) for c in run[0])
        if headed and (with_totals := _even_rows_with_totals(run)) is not None and with_totals[0] > even + 1:
            # (小计 rows between the rows: 投入小计 | 20 | 12, then the next level's rows)
            n, rows = with_totals
            return TextTable(i, i + n, rows, lines[i:i + n])
        rows = [[c.text for c in r] for r in run[:even]]
        if even < len(run) and headed \
                and (total := total_row_filled([c.text for c in run[even]], len(run[0]), rows[1:])):
            # (the 合计 row of a table with a header, its label spanning the first cells; under a
            # piece of a table its rows are not known to be all the total's)
            rows.append(total)
            even += 1
        elif even == len(run) and headed:
            # (its rest overleaf, under the header written again)
            while (more := _rows_past_page_break(lines, i, i + even, run[0])) is not None:
                rows += more[0]
                even += more[1]
        return TextTable(i, i + even, rows, lines[i:i + even])
    if (with_totals := _even_rows_with_totals(run)) is not None and (not aligned or with_totals[0] > used):
        # (more of the lines than the rows lining up under the header: rows that leave out their
        # last words, 扣分原因, the first of them among them)
        n, rows = with_totals
        return TextTable(i, i + n, rows, lines[i:i + n])
    if (right := _rows_from_the_right(run)) is not None and right[1] > used:
        rows, n = right
        return TextTable(i, i + n, rows, lines[i:i + n])
    if not aligned:
        two_rows = _under_two_header_lines(run[:untabbed])
        if two_rows is None:
            return None
        rows, used = two_rows
        return TextTable(i, i + used, rows, lines[i:i + used])
    while (more := _rows_past_page_break(lines, i, i + used, run[0])) is not None:
        rows, n = more
        aligned += rows
        used += n
    return TextTable(i, i + used, aligned, lines[i:i + used])


def _under_two_header_lines(run: list) -> Optional[tuple]:
    """(rows, lines used) of a table whose header takes two lines, names over the columns
    they head and the sub-columns' names below them (补助资金（万元） over 预算 | 支出), the
    first column's name over both lines, three names or more above, the rows lining up under
    the sub-columns and the columns without any; None otherwise. The
    rows: the upper names (each followed by empty cells over its other sub-columns), the
    lower names, then the rows."""
    if len(run) < 4 or any(is_figure(c.text) for line in run[:2] for c in line) or len(run[1]) < 2:
        return None
    top, sub = run[0], run[1]
    starts = [c.left - ALIGN_SLACK for c in top[1:]] + [float("inf")]
    owned: list = [[] for _ in top]
    for cell in sub:
        k = next((n for n, start in enumerate(starts) if cell.left < start), len(top) - 1)
        if cell.left < top[0].left - ALIGN_SLACK:
            return None  # a lower name left of every upper one: no header of two lines
        owned[k].append(cell)
    if owned[0] or len(top) < 3 or not any(len(children) >= 2 for children in owned):
        return None  # (the first column's name, 序号 or 乡镇, stands over both lines)
    leaves, upper, lower = [], [], []
    for head, children in zip(top, owned):
        for n, child in enumerate(children or [head]):
            leaves.append(child)
            upper.append(head.text if n == 0 else "")
            lower.append(child.text if children else "")
    rows, used = rows_under_header([leaves] + run[2:])
    if rows is None or len(rows) < 3:
        return None
    return [upper, lower] + rows[1:], used + 1


_FEWEST_WORD_COLUMNS = 4  # a header this wide may have merged cells its rows leave out


def _rows_from_the_right(run: list) -> Optional[tuple]:
    """(rows, lines used) of a table whose rows leave out the merged cells on their left (一级指标
    and 二级指标 written on a group's first row only), nothing lining up: a header of words,
    a first row as wide, then rows as wide or narrower whose last cells are figures (or
    dashes), read from the right — before a last column of words the first row fills (扣分说明),
    which a row may leave out; a 合计 row's label goes to the first column. At least three
    rows, one of them narrower; None otherwise."""
    header = [c.text for c in run[0]]
    width = len(header)
    if width < _FEWEST_WORD_COLUMNS or any(is_figure(t) for t in header) or len(run) < 4 or len(run[1]) != width:
        return None
    # (a reason column: some row writes words after its figures)
    words_last = any(len(c) >= 2 and not figure_or_dash(c[-1].text) and is_figure(c[-2].text) for c in run[1:])
    rows = []
    used = 1
    for cells in run[1:]:
        texts = [c.text for c in cells]
        if words_last and len(texts) == 1 and rows and rows[-1][-1] and not figure_or_dash(texts[0]):
            rows[-1][-1] += texts[0]  # (the rest of the row above's reason, wrapped onto a line of its own)
            used += 1
            continue
        # (the row's reason written, or its dash after the row's figures)
        said = words_last and (not is_figure(texts[-1]) or is_dash(texts[-1]) and len(texts) >= 2
                               and is_number(texts[-2]))
        figures = texts[:-1] if said else texts
        if not 2 <= len(texts) <= width or not figures or not figure_or_dash(figures[-1]):
            break
        tail = [texts[-1]] if said else [""] * words_last
        rows.append(total_row_filled(texts, width, rows) or [""] * (width - len(figures) - words_last) + figures + tail)
        used += 1
    # (the figure columns: those every row fills with a figure or a dash, the words' columns
    # before them never a figure: else the rows' cells do not fall from the right)
    shortest = min((trailing(r[:width - words_last], figure_or_dash) for r in rows), default=0)
    if len(rows) < 3 or not shortest or shortest > width - 2 - words_last \
            or all(len(c) == width for c in run[1:len(rows) + 1]) \
            or any(is_figure(t) for r in rows for t in r[:width - words_last - shortest] if t):
        return None
    return [header] + rows, used


def _cell_run(lines: list, i: int) -> list:
    """The spaced cells of the lines from i on that may be a table's rows."""
    run = []
    for line in lines[i:i + MAX_SPACED_ROWS]:
        cells = spaced_cells(line)
        # (a line of one cell may be the rest of a cell wrapped in its column: rows_under_header)
        if len(cells) < (2 if not run else 1) or any(is_prose(c.text) for c in cells) and not _words_cells(cells, run):
            break
        run.append(cells)
    return run


def _rows_past_page_break(lines: list, start: int, k: int, header: list) -> Optional[tuple]:
    """(rows, lines used) of a table the page broke at k going on under its header on the
    next page: past the page's furniture (第 1 页 共 2 页, a form feed), blank lines, a line
    written before the table (the form's title repeated) and the header line again, the
    rows that line up under the header. None where no such furniture or no such row."""
    header_text = [c.text for c in header]
    j = past_page_break(lines, k, lines_seen_before(lines, start), lambda line: [c.text for c in spaced_cells(line)] == header_text)
    if j is None:
        return None
    rows, used = rows_under_header([header] + _cell_run(lines, j)[:MAX_SPACED_ROWS])
    return (rows[1:], j - k + used - 1) if rows else None


# a row's name and its 分值 and 得分 a space apart (资金到位率 4 3)
_NAMED_POINTS = regex.compile(r"\p{Han}[ \t\u3000]+\d+(?:\.\d+)?[ \t\u3000]+\d+(?:\.\d+)?(?![\d.%])")


def score_rows_run_on(header: list, line: str) -> bool:
    """Do the rows of a score table under `header` (its cells' texts) run several to `line`,
    with their reasons (绩效目标 8 7 绩效目标合理性 4 4 无 …)? Then no row of a line is a
    table's row: the whole of it is flat_score_table.py's to read by its sums."""
    return any(POINTS_NAME.match(c) for c in header) and len(_NAMED_POINTS.findall(line)) >= 2


def _words_cells(cells: list, run: list) -> bool:
    """May a line's cells of words with sentence punctuation be cells all the same? In a
    score table's row with figures beside them (分值 | 评分标准 | 得分 | 扣分原因: 每发现一处
    扣0.5分，…), three cells or more, or alone under a table begun (the rest of a wrapped
    cell): running text is not split so. Never past a cell's length."""
    if any(len(c.text) > PROSE_CELL for c in cells):
        return False
    return len(cells) >= 3 and any(is_figure(c.text) for c in cells) or (len(cells) == 1 and bool(run))


def _even_rows(run: list) -> int:
    """How many rows from the first have its number of cells."""
    n = 0
    while n < len(run) and len(run[n]) == len(run[0]):
        n += 1
    return n


def _even_rows_with_totals(run: list) -> Optional[tuple]:
    """(lines used, rows) where the rows have the first row's number of cells but for 小计 and
    合计 rows, whose label spans the cells before their figures (序号 | 乡镇 | 项目名称 | 中央 | …
    over 王店乡小计 | 320 | …): those are filled out on the left, their figures under the
    columns at the right; and but for rows that leave out a last column of words (扣分原因: the
    rows that write it end in words after a figure, the others in the figure), filled out on the
    right. At least three full rows and one such total or short row; else None."""
    width, rows, full, totals = len(run[0]), [], 0, 0
    words_last = any(len(c) == width and not is_figure(c[-1].text) and is_figure(c[-2].text) for c in run[1:])
    for cells in run:
        texts = [c.text for c in cells]
        if len(texts) == width:
            full += 1
        elif words_last and len(texts) == width - 1 and is_figure(texts[-1]) and rows:
            texts = texts + [""]
            full += 1
            totals += 1
        elif (total := total_row_filled(texts, width, rows)) is not None:
            texts = total
            totals += 1
        else:
            break
        rows.append(texts)
    if full < _MIN_EVEN_ROWS or not totals:
        return None
    return len(rows), rows
