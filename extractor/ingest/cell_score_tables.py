"""A report's indicator score table saved from Word as text: one cell a line, under a header
whose cells are the score table's column names (指标 | 权重 | 评分要点 | 得分 | 扣分原因, or 一级指标 |
二级指标 | 三级指标 | 评分标准 | 得分). Nothing in the lines says where a row ends; two ways of
writing it are read, and the table is taken only when every row reads right one of them:

- rows set apart by blank lines, a merged cell written on its first row only: each row's cells
  stand under the header's last columns (决策(20) | 项目立项(6) | 立项依据充分性(3) | … | 3, then
  立项程序规范性(3) | … | 3);
- every cell written, an empty one as a blank line, rows one after another (a blank line may
  set them apart): the header's number of cells a row;
- empty cells left out, as a web page copied as text leaves them, under a header with one name
  column: a row is a name and its points; its words between 分值 and 得分 are its 评分标准,
  words after 得分 its note (备注);
- empty cells left out under two or three level columns, then 分值 | 得分 and maybe a reason: each
  row its names from the first that changed, its points, its reason (taken where the total adds up);
- empty cells left out under a header giving the first level and the rows each their 分值 and 得分
  (一级指标 | 分值 | 得分 | 二级指标 | 分值 | 得分): levels_with_points.py.

A row reads right when its 分值 and 得分 cells hold points or nothing, its name cell words, and
a reason cell after 得分 no figure. The table runs to its total row (总分, 合计). The vocabulary
is patterns/forms.json's (indicator_header, indicator_columns, flat_score_table, total_rows)."""
from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from typing import Optional

import regex

from ..patterns import load_json
from .column_sums import some_column_adds_up
from .form_signs import bare_cell
from .levels_with_points import in_levels_with_points_header, levels_with_points_at, named_points, reason_taken
from .score_cells import (NOT_APPLICABLE, POINTS, column_roles, end_of_table, is_criteria, is_points, is_subtotal,
                          is_total, without_page_furniture)
from .tables import is_numeric_cell


def cell_score_table_at(lines: list, i: int) -> Optional[tuple]:
    """(rows, end) for a score table written one cell a line whose header starts at lines[i]
    (rows: the header and then each row, all of the header's width; end: the line after the
    table), or None."""
    if in_levels_with_points_header(lines, i):
        return None  # (its second half, 二级指标 | 分值 | 得分: the table is the whole header's)
    roles = _header_roles(lines, i)
    if roles is None:
        return levels_with_points_at(lines, i)
    width = len(roles)
    start = i + width
    end = end_of_table(lines, start, width)
    if end is None:
        return None
    header = [lines[k].strip() for k in range(i, start)]
    body = [line.strip() for line in lines[start:end]]
    body = without_page_furniture(body, header)
    for read in (_rows_apart_by_blank_lines, _rows_of_every_cell, _rows_led_by_names, _rows_under_level_names,
                 _rows_of_wrapped_cells, _rows_with_criteria_between_points):
        rows = read(body, roles)
        if rows:
            rows[-1] = _total_points_placed(rows[-1], roles)
        if read is _rows_led_by_names and rows and not _adds_up(rows, roles):
            # a 评分要点 in words no scoring rule's pattern shows (专款专用、按月发放) reads as the
            # next row's name; read so wherever a criteria cell can stand, where that adds up
            loose = _rows_led_by_names(body, roles, any_words_criteria=True)
            if loose:
                loose[-1] = _total_points_placed(loose[-1], roles)
                rows = loose if _adds_up(loose, roles) else rows
        if read is _rows_of_every_cell and rows and not some_column_adds_up(rows):
            continue  # (cut out of step: cells alternating words and points fit any cut)
        # (two rows at least before the total: a 合计 first under the header is another layout's)
        if len(rows) >= 3 and all(_reads_right(row, roles) for row in rows) \
                and is_total(rows[-1][_first_filled(rows[-1])]):
            return [header] + [_total_label_first(row) for row in rows], end
    return None


def _total_points_placed(row: list, roles: list) -> list:
    """A total row written with its points only (合计 | 100 | 89 under 一级指标 | 三级指标 | 分值 |
    评分标准 | 得分): its figures under the points columns, in order."""
    filled = [cell for cell in row if cell]
    points = [c for c, role in enumerate(roles) if role in ("weight", "score")]
    if not filled or not is_total(filled[0]) or row[0] != filled[0] \
            or not 1 <= len(filled) - 1 <= len(points) or not all(POINTS.match(c) for c in filled[1:]):
        return row
    placed = [filled[0]] + [""] * (len(row) - 1)
    for c, figure in zip(points[-(len(filled) - 1):], filled[1:]):
        placed[c] = figure
    return placed


def _total_label_first(row: list) -> list:
    """A total row with its label in the first column (总分 | | | 100 | 86.5), a level's subtotal
    row too (项目过程小计 | | | 20 | 15): under the level columns' merged cells it would read as one
    more indicator."""
    first = _first_filled(row)
    if first == 0 or not (is_total(row[first]) or is_subtotal(row[first])):
        return row
    return [row[first]] + row[1:first] + [""] + row[first + 1:]


def _header_roles(lines: list, i: int) -> Optional[list]:
    """The roles of the header's cells, one a line from lines[i]: at least three, a 得分 among
    them and a name or level column first; None where lines[i] opens no such header."""
    roles = []
    k = i
    while k < len(lines) and lines[k].strip() and (role := column_roles().get(bare_cell(lines[k]))) is not None:
        roles.append(role)
        k += 1
    if len(roles) < 3 or roles.count("score") != 1 or roles[0] not in ("level", "name") \
            or not {"weight", "criteria"} & set(roles):
        return None
    return roles


def _rows_apart_by_blank_lines(body: list, roles: list) -> list:
    """Each run of lines between blank lines a row, its cells under the header's last columns."""
    width = len(roles)
    rows, run = [], []
    for line in body + [""]:
        if line:
            run.append(line)
        elif run:
            if len(run) > width:
                return []
            rows.append([""] * (width - len(run)) + run)
            run = []
    return rows


def _rows_of_every_cell(body: list, roles: list) -> list:
    """The header's number of cells a row, a blank line an empty cell; blank lines before a
    row's first cell set rows apart."""
    width = len(roles)
    rows, k = [], 0
    while k < len(body):
        while k < len(body) and not body[k]:
            k += 1
        if k == len(body):
            break
        row = body[k:k + width]
        rows.append(row + [""] * (width - len(row)))
        k += width
    return rows


def _rows_led_by_names(body: list, roles: list, any_words_criteria: bool = False) -> list:
    """Rows that left out their empty cells, under a header of one name column: each row its
    name, then its cells in the header's order, a column left out where the next cell does
    not fit it (points under 分值 and 得分, a scoring rule's words under 评分标准, other words
    under a note column only where no points follow them: words before points name the next
    row). [] where a row does not start with a name and its points. `any_words_criteria`:
    any words before points under 评分标准, where a 得分 column follows it."""
    if roles[0] != "name" or "level" in roles or "name" in roles[1:]:
        return []
    cells = [c for c in body if c]
    rows, k = [], 0
    while k < len(cells):
        if is_points(cells[k]) or k + 1 == len(cells) or not is_points(cells[k + 1]):
            return []
        row, k = [cells[k]], k + 1
        for role in roles[1:]:
            cell = cells[k] if k < len(cells) else None
            next_is_points = k + 1 < len(cells) and is_points(cells[k + 1])
            fits = cell is not None and (
                is_points(cell) if role in ("weight", "score")
                else is_criteria(cell) or any_words_criteria and not is_points(cell) and next_is_points
                and "score" in roles[roles.index(role):] if role == "criteria"
                else not is_points(cell) and not next_is_points)
            row.append(cell if fits else "")
            k += fits
        rows.append(row)
    return rows


def _rows_under_level_names(body: list, roles: list) -> list:
    """Rows that left out their empty cells under a header of two or three level columns, then
    分值 and 得分, maybe a reason (一级指标 | 二级指标 | 三级指标 | 权重 | 得分 | 扣分原因): each row its
    names from the first that changed (a first level's first row names its second level too),
    its points, and maybe its reason. Read only where the total row adds up."""
    levels = len(roles) - 2 - (roles[-1:] == ["reason"])
    if levels not in (2, 3) or roles[:levels] != ["level"] * levels or roles[levels:levels + 2] != ["weight", "score"]:
        return []
    has_reason = roles[-1:] == ["reason"]
    groups = named_points([c for c in body if c])
    if not groups or not is_total(groups[-1][0][-1]):
        return []
    rows = []
    for words, weight, score in groups[:-1]:
        *above, name = words
        if has_reason:
            reason_taken(rows, above, levels)  # (the reason of the row above)
        if len(above) > levels - 1 or not rows and len(above) < levels - 1:
            return []
        # (the names written, each under its column; a level going on is a merged cell, blank)
        rows.append([""] * (levels - 1 - len(above)) + above + [name, weight, score] + [""] * has_reason)
    *before, label = groups[-1][0]
    if before:
        if not (has_reason and rows and len(before) == 1):
            return []
        rows[-1][-1] = before[0]
    rows.append([label] + [""] * (levels - 1) + [groups[-1][1], groups[-1][2]] + [""] * has_reason)
    return rows if _adds_up(rows, roles) else []


def _rows_of_wrapped_cells(body: list, roles: list) -> list:
    """Rows that left out their empty cells and whose long cells a PDF's narrow columns wrapped
    over several lines, under level or name columns, one or two columns of words (指标解释 |
    评分标准), 分值 and 得分, maybe a reason: each row its levels (the lines naming their points:
    投入（20分）), its name (the next short line without a sentence's marks), its words up to
    its points (one cell under the last words column: where 指标解释 ends and 评分标准 begins no
    line says), and the words after them up to the next row's levels or name as its reason.
    Read only where the total row adds up."""
    points_at = [c for c, role in enumerate(roles) if role in ("weight", "score")]
    names = [c for c, role in enumerate(roles) if role in ("level", "name")]
    words = [c for c, role in enumerate(roles) if role == "criteria"]
    has_reason = roles[-1] == "reason"
    if len(points_at) != 2 or points_at[1] != points_at[0] + 1 or not words or not names \
            or names != list(range(len(names))) or words[-1] != points_at[0] - 1 \
            or len(roles) != points_at[1] + 1 + has_reason:
        return []
    groups = named_points([c for c in body if c])
    if not groups or not is_total(groups[-1][0][-1]):
        return []
    rows: list = []
    for lines, weight, score in groups[:-1]:
        lines = list(lines)
        reason = []  # (the row above's, before this row's levels and name)
        while lines and not _LEVEL_WITH_POINTS.fullmatch(lines[0]) and not _is_short_name(lines[0]):
            reason.append(lines.pop(0))
        if reason and not (rows and has_reason):
            return []
        if reason:
            rows[-1][-1] = "".join(reason)
        levels = []
        while lines and _LEVEL_WITH_POINTS.fullmatch(lines[0]):
            levels.append(lines.pop(0))
        if not lines or not _is_short_name(lines[0]) or len(levels) > len(names) - 1 or len(lines) < 2 \
                or bare_cell(lines[0]) in _first_levels():
            return []  # (a first level written without its points: where the levels end no line says)
        name, text = lines[0], "".join(lines[1:])
        row = [""] * len(roles)
        for c, level in zip(names[len(names) - 1 - len(levels):-1], levels):
            row[c] = level
        row[names[-1]], row[words[-1]], row[points_at[0]], row[points_at[1]] = name, text, weight, score
        rows.append(row)
    *before, label = groups[-1][0]
    if before:
        if not (has_reason and rows):
            return []
        rows[-1][-1] = "".join(before)
    total = [""] * len(roles)
    total[0], total[points_at[0]], total[points_at[1]] = label, groups[-1][1], groups[-1][2]
    rows.append(total)
    return rows if len(rows) >= 3 and _adds_up(rows, roles) else []


def _rows_with_criteria_between_points(body: list, roles: list) -> list:
    """Rows that left out their empty cells under level and name columns, then 分值, 评分标准
    and 得分 (一级指标 | 三级指标 | 权重 | 评分标准 | 得分), the 评分标准 wrapped over several lines:
    each row its names (the words up to its 分值; names left out stand under a merged cell
    above), its 分值, its 评分标准 (the words up to its 得分) and its 得分. Read only where the
    total row adds up."""
    names = [c for c, role in enumerate(roles) if role in ("level", "name")]
    if not names or names != list(range(len(names))) or roles[len(names):] != ["weight", "criteria", "score"]:
        return []
    cells = [c for c in body if c]
    rows, k = [], 0
    while k < len(cells):
        row_names, k = _words_up_to_points(cells, k)
        while k + 1 < len(cells) and NOT_APPLICABLE.match(cells[k]) and len(row_names) < len(names):
            row_names.append(cells[k])  # (合计 | — | 100: the dash under a name column)
            k += 1
        if not row_names or len(row_names) > len(names) or k >= len(cells):
            return []
        weight = cells[k]
        criteria, k = _words_up_to_points(cells, k + 1)
        if not criteria and k + 1 < len(cells) and NOT_APPLICABLE.match(cells[k]):
            criteria, k = [cells[k]], k + 1  # (a dash under 评分标准)
        if k >= len(cells):
            return []
        rows.append([""] * (len(names) - len(row_names)) + row_names + [weight, "".join(criteria), cells[k]])
        k += 1
        if is_total(row_names[0]):
            break
    return rows if len(rows) >= 3 and is_total(rows[-1][_first_filled(rows[-1])]) and _adds_up(rows, roles) else []


def _words_up_to_points(cells: list, k: int) -> tuple:
    """(the cells from k up to the next points cell, where that one stands)."""
    words = []
    while k < len(cells) and not is_points(cells[k]):
        words.append(cells[k])
        k += 1
    return words, k


# a level's cell naming its points (投入（20分）, 预算执行 (24分)); an indicator's name: short,
# without a sentence's or a formula's marks
_LEVEL_WITH_POINTS = regex.compile(r"[\p{Han}“”\"、\s]{2,16}\s*[（(]\s*\d{1,3}(?:\.\d{1,2})?\s*分?\s*[)）]")
_NAME_MARKS = regex.compile(r"[，。；;：:、=×/%％]|\d")
_LONGEST_NAME = 16


@lru_cache(maxsize=1)
def _first_levels() -> frozenset:
    return frozenset(bare_cell(w) for w in load_json("forms.json")["level1"])


def _is_short_name(line: str) -> bool:
    return len(line) <= _LONGEST_NAME and not _NAME_MARKS.search(line) and not is_total(line)


def _adds_up(rows: list, roles: list) -> bool:
    """Do the rows' points add up to what the total row (the last) writes, in each points
    column where it writes a figure (and in one at least)?"""
    total, checked = rows[-1], 0
    for c, role in enumerate(roles):
        if role not in ("weight", "score") or not POINTS.match(total[c] or "-"):
            continue
        # (a level's 小计 row adds up its rows again: no part of the total)
        figures = [row[c].removesuffix("分") for row in rows[:-1] if POINTS.match(row[c] or "-")
                   and not _subtotal_row(row)]
        if sum(map(Decimal, figures), Decimal(0)) != Decimal(total[c].removesuffix("分")):
            return False
        checked += 1
    return checked > 0


def _subtotal_row(row: list) -> bool:
    return is_subtotal(row[_first_filled(row)])


def _first_filled(row: list) -> int:
    return next((c for c, cell in enumerate(row) if cell), 0)


def _reads_right(row: list, roles: list) -> bool:
    """Do the row's cells stand under their columns: points or nothing under 分值 and 得分 (at
    least one of them filled), words in its first cell, no figure in a reason or name cell?"""
    first = _first_filled(row)
    if is_numeric_cell(row[first]) or first >= len(roles) - 1:
        return False
    points = 0
    for cell, role in zip(row, roles):
        if not cell or NOT_APPLICABLE.match(cell):
            continue
        if role in ("weight", "score"):
            if not POINTS.match(cell):
                return False
            points += 1
        elif role in ("level", "name", "reason") and is_numeric_cell(cell) or role in ("level", "name") and is_criteria(cell):
            return False  # (a rule's words under a name: the row is cut out of step)
    return points > 0
