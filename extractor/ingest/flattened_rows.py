"""A table's rows run into one line, as a page flattened to one line leaves a table of cells
set apart by tabs or runs of spaces: 分单位支出情况（单位：万元） 单位  基本支出  项目支出
合计 委机关  386.42  3215.60  3602.02 县疾控中心  812.35  624.18  1436.53 … Each row is a
name and its figures; where one row ends and the next begins, the next name follows the last
figure. The rows are written out a row a line, under their header (the names before the
first row, as many as a row has cells or up to two more) and their caption, after the text
before them, so the readers of spaced and tab rows read them as the table they were.

Only where three rows or more follow one another, each a name (short, no sentence in it) and
one figure or more, the cells a tab or a run of spaces apart: running text has no such
pattern."""
from __future__ import annotations

from typing import Optional

import regex

from .form_signs import bare_cell, text_is_a_form
from .score_cells import column_roles
from .spaced_cells import DASH_CELL, PROSE_PUNCT, is_figure, is_year_name

_LONG = 100  # characters: shorter lines are no page flattened to one
_GAP = regex.compile(r"[ \t\u3000]+")
_WIDE = regex.compile(r"\t|  |\u3000")  # a gap that sets cells apart, not a word's space
_FEWEST_ROWS = 3
_MOST_FIGURES = 12
_LONGEST_NAME = 24
_CAPTION_CELLS = 3
_EXTRA_HEADER_CELLS = 2
_MOST_HEADER_CELLS = 16
# a table's caption or title, no column's name: 收入情况（单位：万元）, 分单位支出表, （一）收支情况
# (a column's name may state its unit: 低保对象（人）)
_CAPTION = regex.compile(r"单位\s*[:：]|表$|[:：]$|^[（(]?[一二三四五六七八九十\d]{1,3}[)）、.．]")
# a score table's row name stating its points (预算完成率（3分）)
_POINTS_IN_NAME = regex.compile(r"[（(]\s*\d+(?:\.\d+)?\s*分?\s*[)）]$")


def rows_apart(lines: list) -> list:
    out = []
    under_score_header = False
    for line in lines:
        spaced = "\t" in line or "  " in line
        # (rows of a score table whose header line stands above them, every line between them
        # spaced cells too, stay as they are: flat_score_table.py reads them whole by their sums)
        score_rows = spaced and under_score_header
        # (a form's fund block and the rows around it are the form reader's, whatever their shape:
        # extract/forms.py; a form's title elsewhere on the page leaves its other tables to be cut)
        out.extend(_rows_of(line) if len(line) >= _LONG and spaced and not score_rows
                   and not text_is_a_form([line]) else [line])
        under_score_header = spaced and (under_score_header or _names_points(_cells(line)))
    return out


def _names_points(cells: list) -> bool:
    """Does one of the cells (text, start, end) name a score table's 分值 or 得分 column?"""
    return any(column_roles().get(bare_cell(c[0])) in ("weight", "score") for c in cells)


def _rows_of(line: str) -> list:
    cells = _cells(line)
    out, start, k = [], 0, 0
    while k < len(cells):
        found = _table_at(cells, k, line)
        if found is not None and any(_POINTS_IN_NAME.search(c[0]) for c in cells[k:found[1]]):
            found = None  # (a score table's rows whose names state their points, 预算完成率（3分）
            # 2.13, are the score tables' readers')
        if found is None:
            k += 1
            continue
        first, end, width = found
        sep = "\t" if "\t" in line[cells[first][1]:cells[end - 1][2]] else "    "
        # (the header: the names before the first row, as many as its cells or a few more, 备注
        # over no figures; a year names a column; a caption or a table's title is none of them)
        header = first
        while header > max(k - _MOST_HEADER_CELLS, 0) and first - header < width + _EXTRA_HEADER_CELLS \
                and (_is_name(cells[header - 1][0]) or is_year_name(cells[header - 1][0])) \
                and not _CAPTION.search(cells[header - 1][0]):
            header -= 1
        if first - header < width:
            header = first
        if _names_points(cells[header:first]):
            # a score table (指标 分值 得分 …) stays one line, flat_score_table.py's to read by its
            # arithmetic, but a line of its own: the text before it no row of another table's
            before = line[start:cells[header][1]].strip()
            out.extend(([before] if before else []) + ["", line[cells[header][1]:cells[end - 1][2]], ""])
            start, k = cells[end - 1][2], end
            continue
        if header == first and width == 2:
            k = end  # (names each with one figure and no header over them: label-and-figure pairs)
            continue
        # (the figures of a row before the header, 52 52 100%, are no names)
        names = [c[0] for c in cells[max(0, header - width):first] if not _is_figure(c[0])]
        if len(set(names)) < len(names):
            k = end  # (收入项目 决算数 支出项目 决算数: two tables side by side, each row two rows' cells)
            continue
        # (the caption right before the header, 项目资金使用情况表 单位：万元, a line of its own: a
        # unit it states is the table's)
        caption = header
        while caption > header - _CAPTION_CELLS and caption > 0 and cells[caption - 1][2] > start \
                and not PROSE_PUNCT.search(cells[caption - 1][0]) and len(cells[caption - 1][0]) <= _LONGEST_NAME \
                and not _is_figure(cells[caption - 1][0]):
            caption -= 1
        before = line[start:cells[caption][1]].strip()
        out.extend([before] if before else [])
        if caption < header:
            out.append(" ".join(c[0] for c in cells[caption:header]))
        if header < first:
            out.append(sep.join(c[0] for c in cells[header:first]))
        row: list = []
        for j in range(first, end):
            if row and not _is_figure(cells[j][0]) and _is_figure(row[-1]):  # (a name after a figure opens a row)
                out.append(sep.join(row))
                row = []
            row.append(cells[j][0])
        # (a blank line after the rows: the text after them is no row of theirs, whatever tabs it holds)
        out.extend([sep.join(row), ""])
        start, k = cells[end - 1][2], end
    if not out:
        return [line]
    rest = line[start:].strip()
    return out + ([rest] if rest else [])


def _cells(line: str) -> list:
    """(text, start, end) of each piece of the line between tabs and runs of spaces."""
    out, pos = [], 0
    for m in _GAP.finditer(line):
        if m.start() > pos:
            out.append((line[pos:m.start()], pos, m.start()))
        pos = m.end()
    if pos < len(line):
        out.append((line[pos:], pos, len(line)))
    return out


def _table_at(cells: list, k: int, line: str) -> Optional[tuple]:
    """(the first row's first cell, the cell after the last row, the rows' width) of the rows
    from cell k: each a name (其中： and the name after it one) and its figures, all as wide
    as the first (a dash may stand for a figure; a row may leave its last cells empty), most
    of them with a tab or a run of spaces between the name and its first figure."""
    if not _is_name(cells[k][0]):
        return None
    j, widths, wide = k, [], 0
    while j < len(cells) and _is_name(cells[j][0]):
        name_end = j + 1 if j + 1 < len(cells) and cells[j][0].endswith(("：", ":")) and _is_name(cells[j + 1][0]) else j
        n = 0
        while name_end + 1 + n < len(cells) and _is_figure(cells[name_end + 1 + n][0]) and n < _MOST_FIGURES:
            n += 1
        if not n or widths and n > widths[0]:
            break
        widths.append(n)
        wide += _WIDE.search(line, cells[name_end][2], cells[name_end + 1][1]) is not None
        j = name_end + 1 + n
    if len(widths) < _FEWEST_ROWS or widths.count(widths[0]) * 2 < len(widths) + 1 or wide * 3 < len(widths) * 2:
        return None
    return k, j, widths[0] + 1


def _is_name(text: str) -> bool:
    return len(text) <= _LONGEST_NAME and regex.match(r"[\p{Han}（(]", text) is not None \
        and not PROSE_PUNCT.search(text) and not is_year_name(text)


def _is_figure(text: str) -> bool:
    return bool(text) and (DASH_CELL.match(text) is not None or is_figure(text)) and not is_year_name(text)
