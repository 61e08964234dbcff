"""Comma-separated values as spreadsheets export a sheet (CSV): every row the same number
of fields, a field that holds a comma, a quote or a line break in double quotes. A .csv
file is one sheet (read_csv); in a .txt, a run of such lines is a table (csv_rows_at).
Either way the rows become a table the way a workbook's sheet does (sheet_grid.py), so a
form saved as .xlsx and as CSV reads the same.
"""
from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Optional

import regex

from ..errors import IngestError
from ..model import TABLE, Document
from .encoding import decode_text
from .sheet_grid import MAX_SHEET_CELLS, sheet_table
from .zipsafe import too_large

# a run of lines is a table from this many rows of this many fields on
MIN_ROWS = 3
MIN_FIELDS = 3
# a quoted field may run over a few lines (a cell's text with line breaks), no more
MAX_LINES_A_ROW = 8
# where half-width commas cut a number at its thousands: in prose (按每人1,000元 splits into
# 按每人1 | 000元), or a number alone on its line (1,234,567.5)
_PROSE_BEFORE_CUT = regex.compile(r"\p{Han}\S*?(?<![\d.])\d{1,3}$")
# or a row of a sheet flattened a space between cells, its label before the cut figure
# (合计 84,000,000.00 splits into 合计 84 | 000 | 000.00): the field after the cut goes on past
# its three digits, or the next field is three more (不低于 300 | 320 | 30 is a row of CSV)
_LABEL_BEFORE_CUT = regex.compile(r"\p{Han}.*\s(?<![\d.])\d{1,3}$")
_THREE_DIGITS = regex.compile(r"\d{3}")
_THOUSANDS_AFTER_CUT = regex.compile(r"^\d{3}(?!\d)")
_NUMBER_ALONE = regex.compile(r"\s*\d{1,3}(?:,\d{3})+(?:\.\d+)?\s*\p{Han}{0,2}\s*")
# a field of running text (prose, a hard-wrapped line of it), not a cell: a long one, or one
# that holds the marks between clauses
_LONG_FIELD = 20
_CLAUSE_MARK = regex.compile(r"[。；;：:！？]")


def _row_at(lines: list, i: int) -> Optional[tuple]:
    """The fields of the row that starts at line i and the line after it: the line, with the
    next ones while a quote is open."""
    text, j = lines[i], i + 1
    while text.count('"') % 2 and j < len(lines) and j - i < MAX_LINES_A_ROW:
        text += "\n" + lines[j]
        j += 1
    if text.count('"') % 2:
        return None
    try:
        fields = next(csv.reader(io.StringIO(text)), [])
    except csv.Error:
        return None
    if _NUMBER_ALONE.fullmatch(text) or any(_cut_at_thousands(fields, k) for k in range(len(fields) - 1)):
        return None
    return fields, j


def _cut_at_thousands(fields: list, k: int) -> bool:
    """Do fields k and k + 1 hold a figure a comma cut at its thousands, in prose or after a
    row's label?"""
    a, b = fields[k], fields[k + 1]
    if not _THOUSANDS_AFTER_CUT.match(b):
        return False
    if _PROSE_BEFORE_CUT.search(a):
        return True
    return bool(_LABEL_BEFORE_CUT.search(a)) and (
        not _THREE_DIGITS.fullmatch(b) or (k + 2 < len(fields) and _THOUSANDS_AFTER_CUT.match(fields[k + 2]) is not None))


def csv_rows_at(lines: list, i: int) -> Optional[tuple]:
    """(rows of fields, the line after them) of the CSV table that starts at line i: at
    least MIN_ROWS rows, each of the same number of fields (MIN_FIELDS or more), some field
    of them empty or none of them running text — prose written with half-width commas, a
    hard-wrapped page of it too, is neither. None where no such table starts."""
    if not _may_be_csv(lines[i]):
        return None
    rows, j = [], i
    while j < len(lines) and _may_be_csv(lines[j]):
        found = _row_at(lines, j)
        if found is None or len(found[0]) < MIN_FIELDS or rows and len(found[0]) != len(rows[0]):
            break
        rows.append(found[0])
        j = found[1]
    if len(rows) < MIN_ROWS:
        return None
    fields = [f for row in rows for f in row]
    if "" not in fields and any(len(f) > _LONG_FIELD or _CLAUSE_MARK.search(f) for f in fields):
        return None
    return rows, j


def _may_be_csv(line: str) -> bool:
    """A line with a comma and no tab (a tab-separated row's figures may hold thousands
    separators: 中央资金<tab>1,200.00 is the tab readers')."""
    return "," in line and "\t" not in line


def csv_table(rows: list, caption: Optional[str]):
    """The table of CSV rows, as a sheet of those values reads (sheet_grid.sheet_table)."""
    return sheet_table([[f.strip() for f in row] for row in rows], [], caption)


def read_csv(path: Path, data: bytes) -> Document:
    """A .csv file, in any Chinese encoding, as one sheet. Raises IngestError `empty` for a
    file with no filled field, `too_large` for one past the sheet cap, `corrupt_csv` for
    one the csv reader cannot parse (a NUL byte, a field past its size limit)."""
    decoded = decode_text(data)
    text = decoded.text
    delimiter = "\t" if "," not in text and "\t" in text else ","
    try:
        grid = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as e:
        raise IngestError(f"not a readable CSV file: {e}", code="corrupt_csv") from e
    if sum(len(r) for r in grid) > MAX_SHEET_CELLS:
        raise too_large("csv", f"{len(grid):,} rows (limit {MAX_SHEET_CELLS:,} cells)")
    doc = Document(path=str(path), format="csv", encoding=decoded.encoding, decode_errors=decoded.decode_errors(),
                   warnings=decoded.warnings())
    table = csv_table(grid, path.stem)
    if table is None:
        raise IngestError("the CSV file has no filled fields", code="empty")
    doc.add(TABLE, table.as_text(), table=table)
    return doc
