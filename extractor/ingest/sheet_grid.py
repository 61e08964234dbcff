"""One sheet of a workbook as a table, whichever reader read it: openpyxl (.xlsx) and
calamine (.xls, .et, .ods) both hand over a grid of cell values and the merged ranges,
and both go through here, so the same sheet gives the same table in every format."""
from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from typing import Optional

import regex

from ..model import Table
from .tables import build_table

# A report's sheet holds hundreds of cells, a big ledger some hundred thousand. A sheet
# past this is a hostile file (one cell at A1 and one at XFD1048576), not a report.
MAX_SHEET_CELLS = 5_000_000


# a number format's decimals and percent sign (0.00%, #,##0.0, 0%); literals in quotes or
# escaped, colours and conditions in brackets say nothing of the figure
_FORMAT_NOISE = regex.compile(r'"[^"]*"|\\.|\[[^\]]*\]|_.|\*.')
_DECIMALS = regex.compile(r"\.([0#?]+)")


def shown(value, number_format: Optional[str]):
    """A number as the sheet shows it, where its format says more than the stored value:
    95.63% for 0.9563 under 0.00%, 64.80 for 64.8 under 0.00 — the digits the form's author
    wrote (and the tolerance a check gives them). Anything else is returned as it is."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not number_format \
            or number_format == "General":
        return value
    fmt = _FORMAT_NOISE.sub("", number_format.split(";")[0])
    if not regex.search(r"[0#?]", fmt):
        return value  # a date or text format
    m = _DECIMALS.search(fmt)
    places = m.group(1) if m else ""
    least = len(places.rstrip("#?"))  # optional places (0.0#) show only when they are not 0
    number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    percent = "%" in fmt
    if percent:
        number *= 100
    text = format(number.quantize(Decimal(1).scaleb(-len(places)), rounding=ROUND_HALF_UP), "f")
    if len(places) > least:
        whole, _, fraction = text.partition(".")
        fraction = fraction.rstrip("0").ljust(least, "0")
        text = whole + ("." + fraction if fraction else "")
    return text + ("%" if percent else "")


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
