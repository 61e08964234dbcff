"""A report's score table saved as text a row a line, a space between cells, whose rows left
out their empty cells: a column of words between 分值 and 得分 (考核内容 分值 计分标准 分数 备注, then
一、前期工作 40 36 and 1、方案编制 20 方案完整得15-20分… 18), or each of two levels with its points
(一级指标 分值 得分 二级指标 分值 得分: a level's row with its first row's cells, the rows after it
their own, read by their 分值 as levels_with_points.py reads them one cell a line). Cells a space
apart that line up are the one-space reader's; these do not. Each row of the first kind is read
by its cells' kinds: the words before its first points its name, its two points 分值 and 得分, the
words between them its 评分标准, the words after them its note. The table runs to its total row
(合计, 总分), every row read so, or it is no such table."""
from __future__ import annotations

from typing import Optional

from .form_signs import bare_cell
from .levels_with_points import levels_with_points_rows, levels_with_points_shape, names_levels_with_points
from .score_cells import column_roles, is_criteria, is_points, is_total
from .text_rows import TextTable

_MOST_ROWS = 80


def spaced_score_table_at(lines: list, i: int) -> Optional[TextTable]:
    """The score table whose header is lines[i], or None."""
    header = lines[i].split()
    if not header or column_roles().get(bare_cell(header[0])) not in ("level", "name"):
        return None  # (asked of every line with a space: its first word settles most)
    if names_levels_with_points(header):
        return _levels_with_points(lines, i, header)
    roles = [column_roles().get(bare_cell(cell)) for cell in header]
    if not _points_with_words_between(roles):
        return None
    rows = [header]
    for j in range(i + 1, min(len(lines), i + 1 + _MOST_ROWS)):
        row = _row(lines[j].split(), roles)
        if row is None:
            return None
        rows.append(row)
        if is_total(row[0]):
            return TextTable(i, j + 1, rows, lines[i:j + 1]) if len(rows) > 3 else None
    return None


def _levels_with_points(lines: list, i: int, header: list) -> Optional[TextTable]:
    """一级指标 分值 得分 二级指标 分值 得分 over rows a line each, a level's row with its first
    row's cells, the rows after it their own: read by their 分值 (levels_with_points.py)."""
    cells = []
    for j in range(i + 1, min(len(lines), i + 1 + _MOST_ROWS)):
        line = lines[j].split()
        cells += line
        if line and is_total(line[0]):
            rows = levels_with_points_rows(cells, levels_with_points_shape(header))
            return TextTable(i, j + 1, [header] + rows, lines[i:j + 1]) if rows else None
    return None


def _points_with_words_between(roles: list) -> bool:
    """name | 分值 | 评分标准 | 得分, notes after it: the header this reader is for."""
    return len(roles) >= 4 and roles[:4] == ["name", "weight", "criteria", "score"] \
        and all(role == "reason" for role in roles[4:])


def _row(cells: list, roles: list) -> Optional[list]:
    """[name, 分值, 评分标准, 得分, note, …] of a line (its words after 得分 the first note), or
    None where its cells are not a name, two points with a scoring rule or nothing between
    them, and words after."""
    points = [k for k, cell in enumerate(cells) if is_points(cell)]
    if len(points) != 2 or points[0] == 0 or is_points(cells[0]):
        return None
    first, second = points
    criteria = " ".join(cells[first + 1:second])
    if criteria and not is_criteria(criteria):
        return None
    notes = cells[second + 1:]
    if notes and len(roles) == 4:
        return None  # (words after 得分 with no column for them: no row of this table)
    row = [" ".join(cells[:first]), cells[first], criteria, cells[second]]
    return row + ([" ".join(notes)] if len(roles) > 4 else []) + [""] * (len(roles) - 5)
