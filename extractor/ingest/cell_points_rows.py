"""A report's score table one cell a line whose levels' names are written once over their
rows (merged cells): a header of level columns, points columns and maybe a reason column,
then each row as its names, its points and its reason where it wrote one. Read by
cell_lines.py where a run of cells names a score table's columns."""
from __future__ import annotations

from functools import lru_cache
from typing import Optional

import regex

from ..patterns import load_json
from .cell_kinds import TOTAL_NAMES, cell_kind
from .form_signs import bare_cell


@lru_cache(maxsize=1)
def _score_table_columns() -> tuple:
    """(names of a score table's columns of names, of its columns of points, of its columns of
    reasons) from forms.json."""
    spec = load_json("forms.json")
    points = set(spec["indicator_columns"]["weight"]) | set(spec["indicator_columns"]["score"]) \
        | set(spec["score_table_points_columns"])
    reasons = set(spec["indicator_columns"]["reason"]) | set(spec["note_columns"])
    return frozenset(spec["indicator_header"]), frozenset(points), frozenset(reasons)


# a reason's cell, not a name: a clause inside it, or the points it takes off (扣0.5分)
_REASON = regex.compile(r"[，,；;。]|扣\s*\d")


def points_rows(cells: list) -> Optional[list]:
    """A score table whose levels' names are written once over their rows (merged cells), a
    cell a line: the header (its levels' columns, then only points columns: 一级指标 | 二级指标
    | 分值 | 得分), then each row as one name or more and as many figures as points columns,
    to the run's end; under a last column of reasons (扣分原因), the row's reason after them
    where it writes one (a clause, or the points it takes off). A row missing its upper levels'
    names gets empty cells in their place (the table fills them from above); a 合计 row stands
    in the first column. None unless every cell of the run is read so, in three rows or more."""
    names, points, reasons = _score_table_columns()
    width = 0
    while width < len(cells) and bare_cell(cells[width]) in names:
        width += 1
    levels = width
    while width < len(cells) and bare_cell(cells[width]) in points:
        width += 1
    n_points = width - levels
    explained = width < len(cells) and bare_cell(cells[width]) in reasons
    width += explained
    if levels < 2 or n_points < 1:
        return None
    rows, k = [cells[:width]], width
    while k < len(cells):
        words = []
        while k < len(cells) and cell_kind(cells[k]) is False and len(words) < levels:
            words.append(cells[k])
            k += 1
        figures = cells[k:k + n_points]
        if not words or len(figures) < n_points or any(cell_kind(c) is False for c in figures):
            return None
        k += n_points
        reason = []
        if explained:
            written = k < len(cells) and cell_kind(cells[k]) is False and _REASON.search(cells[k])
            reason, k = ([cells[k]], k + 1) if written else ([""], k)
        if words[0] in TOTAL_NAMES:
            rows.append(words + [""] * (levels - len(words)) + figures + reason)
        else:
            rows.append([""] * (levels - len(words)) + words + figures + reason)
    return rows if len(rows) >= 4 else None
