"""Spaced rows: tables written as text with cells separated by runs of two or more
spaces, a full-width space or a tab; found where rows agree in their number of cells or
their figures stand under a header line's cells.
"""
from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Optional

import regex

from ..header_names import NAMED_UNITS
from .spaced_cells import (ALIGN_SLACK, DASH_CELL, PROSE_CELL, SpacedCell, figure_or_dash, is_dash, is_figure, is_number,
                           is_prose, several_figures, spaced_cells)
from .spaced_headers import header_rest, names_over_their_units
from .tables import is_total_label
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
    aligned, used = _rows_under_header(run[:untabbed])
    if even >= _MIN_EVEN_ROWS and not (aligned and used > even):
        # (rows of one count of cells, unless their header lines up more of them: a cell
        # wrapped onto a line of its own ends the even rows, not the table)
        rows = [[c.text for c in r] for r in run[:even]]
        if even < len(run) and not any(is_figure(c.text) for c in run[0]) \
                and (total := total_row_filled([c.text for c in run[even]], len(run[0]), rows[1:])):
            # (the 合计 row of a table with a header, its label spanning the first cells; under a
            # piece of a table its rows are not known to be all the total's)
            rows.append(total)
            even += 1
        elif even == len(run) and not any(is_figure(c.text) for c in run[0]):
            # (its rest overleaf, under the header written again)
            while (more := _rows_past_page_break(lines, i, i + even, run[0])) is not None:
                rows += more[0]
                even += more[1]
        return TextTable(i, i + even, rows, lines[i:i + even])
    if not aligned and (with_totals := _even_rows_with_totals(run)) is not None:
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
    rows, used = _rows_under_header([leaves] + run[2:])
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
    shortest = min((_trailing(r[:width - words_last], figure_or_dash) for r in rows), default=0)
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
        # (a line of one cell may be the rest of a cell wrapped in its column: _rows_under_header)
        if len(cells) < (2 if not run else 1) or any(is_prose(c.text) for c in cells) and not _words_cells(cells, run):
            break
        run.append(cells)
    return run


def _trailing(cells: list, kind) -> int:
    """How many of the last cells are of `kind` (a test on a cell's text), counted from the end."""
    n = 0
    while n < len(cells) and kind(cells[-1 - n]):
        n += 1
    return n


def _rows_past_page_break(lines: list, start: int, k: int, header: list) -> Optional[tuple]:
    """(rows, lines used) of a table the page broke at k going on under its header on the
    next page: past the page's furniture (第 1 页 共 2 页, a form feed), blank lines, a line
    written before the table (the form's title repeated) and the header line again, the
    rows that line up under the header. None where no such furniture or no such row."""
    header_text = [c.text for c in header]
    j = past_page_break(lines, k, lines_seen_before(lines, start), lambda line: [c.text for c in spaced_cells(line)] == header_text)
    if j is None:
        return None
    rows, used = _rows_under_header([header] + _cell_run(lines, j)[:MAX_SPACED_ROWS])
    return (rows[1:], j - k + used - 1) if rows else None


TOTAL_WORDS = ("合计", "小计", "总计")
# a score table's points columns say their unit by their name
POINTS_NAME = regex.compile(r"^(?:分值|权重|权数|标准分值?|满分|(?:自评|评价|实际|考评)?得分)$")
# a column name that states its unit in brackets: 金额（万元）, 人数（人）, 占比（%）; or a points column
UNIT_NAME = regex.compile(rf"[（(]\s*(?:{NAMED_UNITS})\s*[)）]|{POINTS_NAME.pattern}")
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
    columns at the right. At least three full rows and one such total row; else None."""
    width, rows, full, totals = len(run[0]), [], 0, 0
    for cells in run:
        texts = [c.text for c in cells]
        if len(texts) == width:
            full += 1
        elif (total := total_row_filled(texts, width, rows)) is not None:
            texts = total
            totals += 1
        else:
            break
        rows.append(texts)
    if full < _MIN_EVEN_ROWS or not totals:
        return None
    return len(rows), rows


def total_row_filled(texts: list, width: int, above: list = ()) -> Optional[list]:
    """A 小计 or 合计 row shorter than the table, its label spanning the cells before its
    figures (全市合计 | 6396.55 | 6226.77 | / under 序号 | 县（区） | 下达资金 | 实际支出 | 等级),
    filled out on the left; None for any other row. A dash stands for a figure not written.
    Columns of words the rows `above` end with (扣分原因) the total leaves empty on the right."""
    if len(texts) < width and regex.sub(r"\s", "", texts[0]).endswith(TOTAL_WORDS) and texts[1:] \
            and all(is_figure(t) or DASH_CELL.match(t) for t in texts[1:]) and any(is_figure(t) for t in texts[1:]):
        words_after = 0  # (less those the total fills with a dash itself: 全市合计 | … | /)
        while above and words_after < width - len(texts) and not any(
                is_number(row[width - 1 - words_after])
                for row in above if len(row) == width):  # (a reason column's dashes are no figures)
            words_after += 1
        words_after = max(0, words_after - _trailing(texts[1:], is_dash))
        return _placed_by_sums(run_fills(texts, width), width - len(texts) - words_after, above)
    return None


def run_fills(total: list, width: int) -> list:
    """A short total row filled out to the table's width each way that keeps its figures in
    one run: its label first, then 0, 1, 2 … empty cells before the run, the rest after it."""
    return [[total[0]] + [""] * before + total[1:] + [""] * (width - len(total) - before)
            for before in range(width - len(total) + 1)]


def _placed_by_sums(fills: list, usual: int, above: list) -> list:
    """Of the `fills` (run_fills), the one with `usual` empty cells before the figures — or one
    with fewer where more of its figures then add up their columns (合计 | 49581000.00 |
    49265960.00 | 47681743.75 | 96.78 under 年初预算 | 调整后预算 | 实际支出 | 执行率 | 得分: the row
    leaves out the last column, 得分, not the first of its figures)."""
    full = [row for row in above if len(row) == len(fills[usual])]
    if len(full) < 2:
        return fills[usual]

    def sums(row: list) -> int:
        return sum(1 for k, c in enumerate(row) if k and is_number(c) and is_column_sum(c, [r[k] for r in full]))

    best, most = fills[usual], sums(fills[usual])
    for moved in fills[:usual]:
        if sums(moved) > most:
            best, most = moved, sums(moved)
    return best


def is_column_sum(figure: str, column: list) -> bool:
    """Is the figure the sum of the column's figures (a total row's cell under them)?"""
    try:
        return Decimal(figure.replace(",", "")) == sum(Decimal(c.replace(",", "")) for c in column if c)
    except InvalidOperation:
        return False


def _rows_under_header(run: list) -> tuple:
    """(rows, lines used): the header line and the lines after it whose cells each fall
    under one header cell, in order, with every figure under its header cell: their cells
    in the header's columns (a cell left empty in a line stays empty). A line holding only
    the rest of long words cells wrapped in their columns (评分标准 over two lines) is joined
    to the row above. (None, 0) when no line lines up."""
    if not run:
        return None, 0
    header = run[0]
    rows = [[c.text for c in header]]
    used = 1
    named_header = not any(is_figure(c.text) for c in header)  # (not a first row of figures)
    last: list = []  # the row line before: (its column, its cell) for each cell
    opening = None  # (column, words) of a line of words that opens the next row
    for cells in run[1:]:
        # a label left of every header cell, where the row keeps words of its own, is a column
        # the header does not name (a form's 绩效指标 merged over the indicator rows, printed in
        # their middle): not read. (Labels before figures alone are the row's names.)
        kept = [c for c in cells if c.right > header[0].left]
        if kept != cells and any(not is_figure(c.text) for c in kept) and named_header:
            cells = kept
        if opening is None and len(rows) >= 2 and (col := _label_wrapped_under_itself(cells, last, rows[-1])) is not None:
            rows[-1][col] += cells[0].text
            used += 1
            continue
        # (the rest of a wrapped cell may read as a figure under its column: 4分)
        wrapped = _wrapped_rest(header, rows[-1], cells) if len(rows) >= 2 and opening is None else None
        if wrapped is not None:
            for col, cell in zip(wrapped, cells):
                rows[-1] += [""] * (col + 1 - len(rows[-1]))  # (a row's empty last cells are left off)
                # (a dash the row wrote in its reason column gives way to the words centred on it)
                rows[-1][col] = cell.text if DASH_CELL.match(rows[-1][col]) else rows[-1][col] + cell.text
            used += 1
            continue
        columns = _columns_under(header, cells)
        if columns is None:
            if opening or (opening := _opening_words(header, cells)) is None:
                break
            used += 1  # (held for the row it opens)
            continue
        row = [""] * len(header)
        for col, cell in zip(columns, cells):
            row[col] = cell.text
        if opening:
            # (the words all left of the row's figures: 政策范围内住院自付 over 费用救助比例 | 20, 救助
            # 资金拨付及时性 over | 5 | 4; a total row opens with no words of another row)
            first_figure = next((c for c, cell in zip(columns, cells) if is_figure(cell.text)), len(header))
            if any(col >= first_figure for col, _ in opening) or any(is_total_label(text) for text in row if text):
                break
            for col, words in reversed(opening):
                row[col] = words + row[col]
            opening = None
        while row and not row[-1]:
            row.pop()
        rows.append(row)
        last = list(zip(columns, cells))
        used += 1
    if opening:
        used -= 1  # (words opening no row: not the table's)
    return (rows, used) if len(rows) >= 2 else (None, 0)


def _opening_words(header: list, cells: list) -> Optional[list]:
    """(column, words) for a line of words only, each cell under a header cell in order, that
    may open the row on the next line: a name the page wrapped before its row's figures
    (产出质量 | 政策范围内住院自付 over 费用救助比例 | 6 | ≥70% …). None for a line of figures."""
    if not cells or any(is_figure(c.text) for c in cells):
        return None
    columns = _columns_by_middle(header, cells)
    return None if columns is None else [(col, cell.text) for col, cell in zip(columns, cells)]


def _label_wrapped_under_itself(cells: list, last: list, above: list) -> Optional[int]:
    """The column of the row above whose words a line of one cell goes on, written under
    them where the header's name stands elsewhere (大马力拖拉机（200马 over 力以上）): words
    that start where that cell started, after words its bracket left open or of some length."""
    if len(cells) != 1 or is_figure(cells[0].text):
        return None
    for col, cell in last:
        words = above[col] if col < len(above) else ""
        if abs(cell.left - cells[0].left) <= ALIGN_SLACK and not is_figure(cell.text) \
                and (words.count("（") + words.count("(") > words.count("）") + words.count(")")
                     or len(words) >= _WRAPPED_CELL):
            return col
    return None


_WRAPPED_CELL = 8  # a cell's words this long may have run out of room in their column


def _wrapped_rest(header: list, above: list, cells: list) -> Optional[list]:
    """The columns of a line that holds only the rest of cells the row above wrapped: each
    cell starts where its header cell starts (a wrapped line starts at its column's left
    edge), never under a points column nor as a figure, and is the rest of words of some
    length, of a level's name cut before its 指标, a figure's bracketed note, words of a
    reason column (centred on their row, they run above and below it), or a short piece
    beside one of those. None otherwise."""
    if (rest := _rest_right_of_the_figures(header, above, cells)) is not None:
        return rest
    columns, named = [], False
    for cell in cells:
        col = _column_starting_at(header, cell)
        if col is None or (columns and col <= columns[-1]) \
                or POINTS_NAME.match(header[col].text) or UNIT_NAME.search(header[col].text):
            return None
        words = above[col] if col < len(above) else ""
        if _NOTE_COLUMN.search(header[col].text) and not is_figure(cell.text):
            # the words of a reason column run over lines above and below their row's
            # (a cell centred on its row): kept with the row above, the table goes on
            named = True
            columns.append(col)
            continue
        if words and _BRACKETED_NOTE.match(cell.text):
            named = True  # a figure's note wrapped under it (≥95% | （全年）)
            columns.append(col)
            continue
        if not words or is_figure(words) or is_figure(cell.text):
            return None
        # a long cell run out of room, or a level's name cut before its 指标 (可持续影 | 响指标,
        # 满意度指 | 标); a short piece beside one of those
        level_name = (words + cell.text).endswith("指标") and not words.endswith("指标")
        if len(words) >= _WRAPPED_CELL or level_name:
            named = True
        elif len(cell.text) > _SHORT_PIECE:
            return None
        columns.append(col)
    return columns if named else None


def _column_starting_at(header: list, cell) -> Optional[int]:
    """The header column whose left edge the cell starts at (a wrapped line starts at its
    column's left edge); None where it starts at none."""
    return next((k for k, head in enumerate(header) if abs(cell.left - head.left) <= ALIGN_SLACK), None)


def _rest_right_of_the_figures(header: list, above: list, cells: list) -> Optional[list]:
    """The columns of a line whose cells all stand, each at its column's left edge, under words
    the row above wrote right of its first figure (部分目标值 | 偏低 under 实际完成值, 存在重复救助 |
    12人次): a row opens with its name left of its figures, so such a line is no row but the rest
    of those words; never under a points column."""
    first_figure = next((k for k, text in enumerate(above) if is_figure(text)), None)
    if first_figure is None or not cells:
        return None
    columns = []
    for cell in cells:
        col = _column_starting_at(header, cell)
        if col is None or col <= first_figure or (columns and col <= columns[-1]) or col >= len(above) \
                or not above[col] or is_figure(above[col]) or POINTS_NAME.match(header[col].text):
            return None
        columns.append(col)
    return columns


_NOTE_COLUMN = regex.compile(r"原因|说明|备注|措施")  # a column of words about the row
_BRACKETED_NOTE = regex.compile(r"^[（(][^（）()]{1,12}[）)]$")
_SHORT_PIECE = 4  # the rest of a short label cell beside a level name's rest (标 | 满意度)


def _columns_under(header: list, cells: list) -> Optional[list]:
    if not any(is_figure(c.text) for c in cells):
        return None
    columns = _columns_by_middle(header, cells)
    if columns is None or any(is_figure(cell.text) and not _overlaps(cell, header[col]) for col, cell in zip(columns, cells)):
        return None
    return columns


def _columns_by_middle(header: list, cells: list) -> Optional[list]:
    """The header column each cell's middle stands under, in order; None where two cells stand
    under one header cell or there are more cells than columns."""
    if len(cells) > len(header):
        return None
    bounds = [(a.right + b.left) / 2 for a, b in zip(header, header[1:])]  # between two header cells
    columns = []
    for cell in cells:
        col = sum(1 for b in bounds if (cell.left + cell.right) / 2 > b)
        if columns and col <= columns[-1]:
            return None  # two cells under one header cell
        columns.append(col)
    return columns


def _overlaps(cell: SpacedCell, head: SpacedCell) -> bool:
    return cell.left < head.right + ALIGN_SLACK and head.left - ALIGN_SLACK < cell.right
