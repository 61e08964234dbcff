"""A score table one cell a line (or a row a line) whose first level has its own 分值 and 得分
beside its name, and whose rows have theirs: 一级指标 | 分值 | 得分 | 二级指标 | 分值 | 得分, or with a
third level and a reason, 一级指标 | 分值 | 得分 | 二级指标 | 三级指标 | 分值 | 得分 | 扣分说明. Written
as a web page leaves it, with its empty cells left out, it is a stream of names each with two
points; which name opens a first level the 分值 alone say (a first level's is the sum of its rows',
the first levels' the total's), so the table is read only where they add up so. A row's words
before its name are the reason of the row above (words that say why points were taken) and its
second level's name."""
from __future__ import annotations

from decimal import Decimal
from typing import Optional

import regex

from ..patterns import load_json
from .form_signs import bare_cell
from .score_cells import (MOST_HEADER_CELL, POINTS, column_roles, end_of_table, is_points, is_total,
                          without_page_furniture)


def levels_with_points_header(lines: list, i: int) -> bool:
    """Is lines[i] the first of a header one cell a line that gives the first level and the
    rows each their 分值 and 得分 (一级指标 | 分值 | 得分 | 二级指标 | 分值 | 得分, or 一级指标 | 分值 | 得分 |
    二级指标 | 三级指标 | 分值 | 得分 | 扣分说明)?"""
    if i < 0 or i >= len(lines) or len(lines[i]) > MOST_HEADER_CELL or column_roles().get(bare_cell(lines[i])) != "level":
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
    """(names of each row, has a reason column, levels with points of their own above the rows)
    for a header 一级指标 | 分值 | 得分, then one or two level columns, 分值 | 得分, maybe a reason
    column; or 一级指标 | 分值 | 得分 | 二级指标 | 分值 | 得分 | 三级指标 | 分值 | 得分, maybe a reason
    column (every level with its points); None for any other."""
    roles = [column_roles().get(bare_cell(cell)) for cell in header]
    if roles[:3] != ["level", "weight", "score"]:
        return None
    rest = roles[3:]
    reason = rest[-1:] == ["reason"]
    rest = rest[:-1] if reason else rest
    if rest == ["level", "weight", "score"] * 2:
        return 1, reason, 2
    names = len(rest) - 2
    if names not in (1, 2) or rest != ["level"] * names + ["weight", "score"] or names == 1 and reason:
        return None  # (the two-level table with a reason column is not one seen)
    return names, reason, 1


def in_levels_with_points_header(lines: list, i: int) -> bool:
    """Does lines[i] stand inside such a header, after its first cell?"""
    return any(levels_with_points_header(lines, i - k) for k in range(1, min(i, _WIDEST_LEVELS_HEADER - 1) + 1))


_WIDEST_LEVELS_HEADER = 10


def levels_with_points_at(lines: list, i: int) -> Optional[tuple]:
    """(rows, end) for such a table one cell a line whose rows left out their empty cells."""
    if not levels_with_points_header(lines, i):
        return None
    header = _header_at(lines, i)
    start = next(k for k in range(i, len(lines)) if lines[k].strip() == header[-1] and k >= i + len(header) - 1) + 1
    end = end_of_table(lines, start, len(header))
    if end is None:
        return None
    cells = [c for c in without_page_furniture([line.strip() for line in lines[start:end]], header) if c]
    rows = levels_with_points_rows(cells, levels_with_points_shape(header))
    return ([header] + rows, end) if rows else None


def levels_with_points_rows(cells: list, shape: tuple = (1, False, 1)) -> Optional[list]:
    """The rows of a table whose first level and rows each have their 分值 and 得分, from its cells
    in order, empty cells left out: a stream of names each with its 分值 and 得分, a first level's
    分值 the sum of the rows' after it, the first levels' the total's. Which name opens a level, the
    分值 alone say: read only where they add up so (a row after the rows that completed a level
    opens the next); None otherwise. `shape`: levels_with_points_shape's."""
    groups = named_points(cells)
    if groups is None or not groups or not is_total(groups[-1][0][-1]):
        return None
    names, has_reason, upper = shape
    *items, (total_words, total_weight, total_score) = groups
    if not all(POINTS.match(w) for _, w, _ in items):
        return None
    if upper == 2:
        return _every_level_rows(items, has_reason, (total_words, total_weight, total_score))
    rows, left, levels, opened, level2 = [], Decimal(0), Decimal(0), None, ""
    for words, weight, score in items:
        *before, name = words
        if before:
            # words before a row's name: the reason of the row above, then its second level's name
            if has_reason:
                reason_taken(rows, before, names)
            if len(before) > (names - 1 if left else 0):
                return None
            if before:
                level2 = before[0]
        points = _points(weight)
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
    if left != 0 or opened is not None or levels != _points(total_weight):
        return None
    if shape == (1, False, 1):
        return rows + [[total_words[-1], total_weight, total_score, "", "", ""]]
    # (three levels: the total under the rows' 分值 and 得分, the columns it adds up; a first
    # level's score off its rows is score.tree's to flag, not this column's)
    return rows + [[total_words[-1]] + [""] * (2 + names) + [total_weight, total_score] + [""] * has_reason]


def _points(cell: str) -> Decimal:
    """A 分值 cell's points, written with its 分 or without (15分, 15)."""
    return Decimal(cell.removesuffix("分"))


def _every_level_rows(items: list, has_reason: bool, total: tuple) -> Optional[list]:
    """The rows of a table whose three levels each have their 分值 and 得分, a level's cells written
    in its first row only: which name opens which level its 分值 say (a level's is the sum of
    the ones under it, down to the rows'), read only where exactly that reading fits; None
    otherwise. A row's words before the next name are its reason."""
    rows, k, tops = [], 0, Decimal(0)
    while k < len(items):
        tops += _points(items[k][1])
        k = _every_level_group(items, k, 1, rows, has_reason)
        if k is None:
            return None
    total_words, total_weight, total_score = total
    *before, _ = total_words
    if before and has_reason and rows and not rows[-1][-1]:
        rows[-1][-1] = before.pop(0)  # (the last row's reason before the total)
    if before or tops != _points(total_weight):
        return None
    return rows + [[total_words[-1]] + [""] * 6 + [total_weight, total_score] + [""] * has_reason]


def _every_level_group(items: list, k: int, level: int, rows: list, has_reason: bool) -> Optional[int]:
    """Read the group at items[k] at `level` (3: a row) with the groups under it into `rows`;
    the next group's index, or None where the 分值 under it do not make its own."""
    words, weight, score = items[k]
    *before, name = words
    if before and has_reason and rows and not rows[-1][-1]:
        rows[-1][-1] = before.pop(0)  # (the words before a name: the reason of the row above)
    if before:
        return None
    cells = [name, weight, score]
    if level == 3:
        rows.append([""] * 6 + cells + [""] * has_reason)
        return k + 1
    first, made, k, points = len(rows), Decimal(0), k + 1, _points(weight)
    while made < points and k < len(items):
        made += _points(items[k][1])
        k = _every_level_group(items, k, level + 1, rows, has_reason)
        if k is None:
            return None
    if made != points or first == len(rows):
        return None
    at = 3 * (level - 1)
    rows[first][at:at + 3] = cells  # (the level's merged cells, in its first row)
    return k


def named_points(cells: list) -> Optional[list]:
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


def reason_taken(rows: list, before: list, names: int) -> None:
    """The words before a row's name (`before`) open with the reason of the row above where they
    are one more than the row's `names` columns can hold, or read as a reason: that reason is
    taken out of them into the row above's last cell, where that cell is still empty."""
    if rows and before and not rows[-1][-1] and (len(before) == names or _reads_as_reason(before[0])):
        rows[-1][-1] = before.pop(0)


def _reads_as_reason(cell: str) -> bool:
    """Words that say why points were taken (部分目标值设置偏低, 执行率未达到100%), not a level's name."""
    return bool(regex.search(r"\d|%", cell)) or any(w in cell for w in load_json("forms.json")["deduction_reason_words"])
