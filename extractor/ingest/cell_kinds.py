"""What a cell of a table written one cell a line holds: a figure, words, or a dash (not
applicable). The readers of such tables (cell_lines.py, cell_points_rows.py,
cell_total_rows.py, cell_name_rows.py) cut rows by these kinds."""
from __future__ import annotations

from typing import Optional

import regex

from .tables import is_numeric_cell

_FIGURE = regex.compile(r"^[-+]?\d[\d,]*(?:\.\d+)?\s*(?:%|[万亿]?元|人次|人|户|分)?$")


def is_figure(cell: str) -> bool:
    return bool(_FIGURE.match(cell) or is_numeric_cell(cell))


TOTAL_NAMES = ("合计", "总计", "总分", "小计")


_NOT_APPLICABLE = regex.compile(r"^[—–\-－/／]+$|^无$")


def cell_kind(cell: str) -> Optional[bool]:
    """True for a figure, False for words, None for a dash or slash (not applicable: a cell
    of either column, 合计 | — | 100 under 二级指标)."""
    return None if _NOT_APPLICABLE.match(cell) else is_figure(cell)
