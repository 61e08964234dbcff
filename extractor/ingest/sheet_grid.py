"""One sheet of a workbook as a table, whichever reader read it: openpyxl (.xlsx) and
calamine (.xls, .et, .ods) both hand over a grid of cell values and the merged ranges,
and both go through here, so the same sheet gives the same table in every format."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Optional

from ..model import Table
from .tables import build_table

# A report's sheet holds hundreds of cells, a big ledger some hundred thousand. A sheet
# past this is a hostile file (one cell at A1 and one at XFD1048576), not a report.
MAX_SHEET_CELLS = 5_000_000


def cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        # readers give floats: write them back the short way (87.3, not 87.30000000000001)
        return format(Decimal(repr(value)).normalize(), "f")
    if isinstance(value, dt.datetime):
        # a date typed into a cell is a datetime at midnight in openpyxl, a date in calamine
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return str(value)


def sheet_table(grid: list, merges: list, caption: Optional[str]) -> Optional[Table]:
    """`grid`: rows of cell values from the sheet's first row and column (0-based);
    `merges`: (first_row, first_col, last_row, last_col), 0-based and inclusive. Rows with
    no text are left out and so are empty cells at a row's end; None when nothing is filled."""
    spans, covered = {}, set()
    for r0, c0, r1, c1 in merges:
        spans[(r0, c0)] = (r1 - r0 + 1, c1 - c0 + 1)
        covered |= {(r, c) for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)}
        covered.discard((r0, c0))
    rows = []
    for r, values in enumerate(grid):
        cells = [(cell_text(v), *spans.get((r, c), (1, 1))) for c, v in enumerate(values) if (r, c) not in covered]
        # readers disagree on a sheet's width (openpyxl counts formatted empty cells, a
        # LibreOffice .xls does not): a row ends at its last cell with text or a merge
        while cells and cells[-1] == ("", 1, 1):
            cells.pop()
        if cells:
            rows.append(cells)
    return build_table(rows, caption=caption) if rows else None
