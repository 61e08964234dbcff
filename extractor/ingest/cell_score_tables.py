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
- empty cells left out under a header giving each of two levels its 分值 and 得分 (一级指标 | 分值 |
  得分 | 二级指标 | 分值 | 得分): a stream of names each with its points, told apart by their 分值
  alone (a first level's is the sum of its rows'; levels_with_points_rows).

A row reads right when its 分值 and 得分 cells hold points or nothing, its name cell words, and
a reason cell after 得分 no figure. The table runs to its total row (总分, 合计). The vocabulary
is patterns/forms.json's (indicator_header, indicator_columns, flat_score_table, total_rows)."""
from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from typing import Optional

import regex

from ..patterns import load_json
from .form_signs import bare_cell
from .tables import is_numeric_cell
from .text_rows import vocabulary

_MOST_LINES = 600  # a total row further down than this is no part of the table
_MOST_HEADER_CELL = 12
POINTS = regex.compile(r"^\d{1,3}(?:\.\d{1,2})?(?:分)?$")
_NOT_APPLICABLE = regex.compile(r"^[—\-－/／无]+$")


@lru_cache(maxsize=1)
def _total_labels() -> frozenset:
    return frozenset(load_json("forms.json")["total_rows"])


def is_total(cell: str) -> bool:
    return bare_cell(cell) in _total_labels()


@lru_cache(maxsize=1)
def column_roles() -> dict:
    """Column name → its role: level, name, weight, score, criteria, reason."""
    forms = load_json("forms.json")
    ind, flat = forms["indicator_columns"], forms["flat_score_table"]
    roles = {}
    for role, words in (("level", forms["indicator_header"]), ("name", flat["name_columns"]),
                        ("weight", ind["weight"]), ("score", ind["score"] + flat["score_columns"]),
                        ("criteria", ind["skip"]), ("reason", ind["reason"] + flat["trailing_columns"])):
        for word in words:
            roles.setdefault(bare_cell(word), role)
    return roles


def cell_score_table_at(lines: list, i: int) -> Optional[tuple]:
    """(rows, end) for a score table written one cell a line whose header starts at lines[i]
    (rows: the header and then each row, all of the header's width; end: the line after the
    table), or None."""
    if in_levels_with_points_header(lines, i):
        return None  # (its second half, 二级指标 | 分值 | 得分: the table is the whole header's)
    roles = _header_roles(lines, i)
    if roles is None:
        return _levels_with_points_at(lines, i)
    width = len(roles)
    start = i + width
    end = _end_of_table(lines, start, width)
    if end is None:
        return None
    header = [lines[k].strip() for k in range(i, start)]
    body = [line.strip() for line in lines[start:end]]
    body = _without_page_furniture(body, header)
    for read in (_rows_apart_by_blank_lines, _rows_of_every_cell, _rows_led_by_names):
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
        # (two rows at least before the total: a 合计 first under the header is another layout's)
        if len(rows) >= 3 and all(_reads_right(row, roles) for row in rows) \
                and is_total(rows[-1][_first_filled(rows[-1])]):
            return [header] + [_total_label_first(row) for row in rows], end
    return None


def levels_with_points_header(lines: list, i: int) -> bool:
    """Is lines[i] the first of a header one cell a line that gives the first level and the
    rows each their 分值 and 得分 (一级指标 | 分值 | 得分 | 二级指标 | 分值 | 得分, or 一级指标 | 分值 | 得分 |
    二级指标 | 三级指标 | 分值 | 得分 | 扣分说明)?"""
    if i < 0 or i >= len(lines) or len(lines[i]) > _MOST_HEADER_CELL or column_roles().get(bare_cell(lines[i])) != "level":
        return False  # (asked of every line: the first cell settles most)
    return _header_at(lines, i) is not None


def _header_at(lines: list, i: int) -> Optional[list]:
    """The cells of such a header from lines[i] (its longest reading), or None."""
    cells = []
    for k in range(i, min(len(lines), i + _WIDEST_LEVELS_HEADER)):
        if not lines[k].strip():
            continue
        if column_roles().get(bare_cell(lines[k])) is None:
            break
        cells.append(lines[k].strip())
    while cells and levels_with_points_shape(cells) is None:
        cells.pop()
    return cells or None


def names_levels_with_points(header: list) -> bool:
    """Are these a header's cells giving the first level and the rows each their 分值 and 得分?"""
    return levels_with_points_shape(header) is not None


def levels_with_points_shape(header: list) -> Optional[tuple]:
    """(names of each row, has a reason column) for a header 一级指标 | 分值 | 得分, then one or
    two level columns, 分值 | 得分, maybe a reason column; None for any other."""
    roles = [column_roles().get(bare_cell(cell)) for cell in header]
    if roles[:3] != ["level", "weight", "score"]:
        return None
    rest = roles[3:]
    reason = rest[-1:] == ["reason"]
    rest = rest[:-1] if reason else rest
    names = len(rest) - 2
    if names not in (1, 2) or rest != ["level"] * names + ["weight", "score"] or names == 1 and reason:
        return None  # (the two-level table with a reason column is not one seen)
    return names, reason


def in_levels_with_points_header(lines: list, i: int) -> bool:
    """Does lines[i] stand inside such a header, after its first cell?"""
    return any(levels_with_points_header(lines, i - k) for k in range(1, min(i, _WIDEST_LEVELS_HEADER - 1) + 1))


_WIDEST_LEVELS_HEADER = 8


def _levels_with_points_at(lines: list, i: int) -> Optional[tuple]:
    """(rows, end) for such a table one cell a line whose rows left out their empty cells."""
    if not levels_with_points_header(lines, i):
        return None
    header = _header_at(lines, i)
    start = next(k for k in range(i, len(lines)) if lines[k].strip() == header[-1] and k >= i + len(header) - 1) + 1
    end = _end_of_table(lines, start, len(header))
    if end is None:
        return None
    cells = [c for c in _without_page_furniture([line.strip() for line in lines[start:end]], header) if c]
    rows = levels_with_points_rows(cells, levels_with_points_shape(header))
    return ([header] + rows, end) if rows else None


def levels_with_points_rows(cells: list, shape: tuple = (1, False)) -> Optional[list]:
    """The rows of a table whose first level and rows each have their 分值 and 得分, from its cells
    in order, empty cells left out: a stream of names each with its 分值 and 得分, a first level's
    分值 the sum of the rows' after it, the first levels' the total's. Which name opens a level, the
    分值 alone say: read only where they add up so (a row after the rows that completed a level
    opens the next); None otherwise. `shape`: levels_with_points_shape's."""
    groups = _named_points(cells)
    if groups is None or not groups or not is_total(groups[-1][0][-1]):
        return None
    names, has_reason = shape
    *items, (total_words, total_weight, total_score) = groups
    if not all(POINTS.match(w) for _, w, _ in items):
        return None
    rows, left, levels, opened, level2 = [], Decimal(0), Decimal(0), None, ""
    for words, weight, score in items:
        *before, name = words
        if before:
            # words before a row's name: the reason of the row above, then its second level's name
            if has_reason and rows and (len(before) == names or _reads_as_reason(before[0])) and not rows[-1][-1]:
                rows[-1][-1] = before.pop(0)
            if len(before) > (names - 1 if left else 0):
                return None
            if before:
                level2 = before[0]
        points = Decimal(weight.removesuffix("分"))
        if left == 0:  # (the level before is complete: this name opens the next)
            left, opened = points, [name, weight, score]
            levels += points
            continue
        left -= points
        if left < 0:
            return None
        row = (opened or ["", "", ""]) + ([level2] if names == 2 else []) + [name, weight, score]
        rows.append(row + ([""] if has_reason else []))
        opened = None
    if has_reason and rows and total_words[:-1] and not rows[-1][-1]:
        rows[-1][-1] = total_words[0]  # (the last row's reason before the total)
    elif total_words[:-1]:
        return None
    if left != 0 or opened is not None or levels != Decimal(total_weight.removesuffix("分")):
        return None
    if shape == (1, False):
        return rows + [[total_words[-1], total_weight, total_score, "", "", ""]]
    # (three levels: the total under the rows' 分值 and 得分, the columns it adds up; a first
    # level's score off its rows is score.tree's to flag, not this column's)
    return rows + [[total_words[-1]] + [""] * (2 + names) + [total_weight, total_score] + [""] * has_reason]


def _named_points(cells: list) -> Optional[list]:
    """The stream as (words, 分值, 得分) groups: the words up to each pair of points; None where a
    figure stands alone."""
    groups, words, k = [], [], 0
    while k < len(cells):
        if is_points(cells[k]):
            if not words or k + 1 >= len(cells) or not is_points(cells[k + 1]):
                return None
            groups.append((words, cells[k], cells[k + 1]))
            words, k = [], k + 2
            continue
        words.append(cells[k])
        k += 1
    return None if words else groups


def _reads_as_reason(cell: str) -> bool:
    """Words that say why points were taken (部分目标值设置偏低, 执行率未达到100%), not a level's name."""
    return bool(regex.search(r"\d|%", cell)) or any(w in cell for w in load_json("forms.json")["deduction_reason_words"])


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
    """A total row with its label in the first column (总分 | | | 100 | 86.5): under the level
    columns' merged cells it would read as one more indicator."""
    first = _first_filled(row)
    if first == 0 or not is_total(row[first]):
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


def _end_of_table(lines: list, start: int, width: int) -> Optional[int]:
    """The line after the total row: its label, then its points, dashes and blank cells, at
    most the header's number of cells. None where no total row ends the table."""
    for k in range(start, min(len(lines), start + _MOST_LINES)):
        if is_total(lines[k]):
            end = k + 1
            while end < len(lines) and end - k < width and (not lines[end].strip() or is_points(lines[end])):
                end += 1
            return end
    return None


def is_points(cell: str) -> bool:
    """Points, or a dash for none (分值 and 得分 cells)."""
    text = cell.strip()
    return bool(POINTS.match(text) or _NOT_APPLICABLE.match(text))


def _without_page_furniture(body: list, header: list) -> list:
    """The body without the page's furniture (- 5 -, 第 2 页: text_rows' page_furniture; a bare
    number is a cell) and the header written again where a page broke."""
    out, k = [], 0
    while k < len(body):
        if body[k:k + len(header)] == header:
            k += len(header)
            continue
        if body[k] and vocabulary()["page_furniture"].match(body[k]):
            k += 1
            continue
        out.append(body[k])
        k += 1
    return out


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


def _adds_up(rows: list, roles: list) -> bool:
    """Do the rows' points add up to what the total row (the last) writes, in each points
    column where it writes a figure (and in one at least)?"""
    total, checked = rows[-1], 0
    for c, role in enumerate(roles):
        if role not in ("weight", "score") or not POINTS.match(total[c] or "-"):
            continue
        figures = [row[c].removesuffix("分") for row in rows[:-1] if POINTS.match(row[c] or "-")]
        if sum(map(Decimal, figures), Decimal(0)) != Decimal(total[c].removesuffix("分")):
            return False
        checked += 1
    return checked > 0


@lru_cache(maxsize=1)
def _scoring_rule() -> regex.Pattern:
    return regex.compile(load_json("forms.json")["scoring_rule"])


def is_criteria(cell: str) -> bool:
    """A scoring rule's words (…得15-20分；…每缺一项扣2分): never an indicator's name."""
    return not is_points(cell) and _scoring_rule().search(cell) is not None


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
        if not cell or _NOT_APPLICABLE.match(cell):
            continue
        if role in ("weight", "score"):
            if not POINTS.match(cell):
                return False
            points += 1
        elif role in ("level", "name", "reason") and is_numeric_cell(cell):
            return False
    return points > 0
