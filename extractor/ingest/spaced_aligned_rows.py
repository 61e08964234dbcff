"""The rows of a spaced table that line up under its header line: each cell under one header
cell, in order, every figure under its own; and the lines that are no row of their own: the
rest of cells wrapped in their column (a long name, a level's name cut before its 指标, a
reason column's words centred on their row, a figure's bracketed note, words right of the
row's figures), or words that open the row on the next line."""
from __future__ import annotations

from typing import Optional

import regex

from .column_names import POINTS_NAME, UNIT_NAME
from .spaced_cells import ALIGN_SLACK, DASH_CELL, SpacedCell, is_figure
from .tables import is_total_label


def rows_under_header(run: list) -> tuple:
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
