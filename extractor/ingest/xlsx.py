"""Excel score sheets (.xlsx) that come with reports, through openpyxl: each sheet becomes
a table (merged ranges kept as spans), the sheet's name its caption."""
from __future__ import annotations

import io
from decimal import Decimal

from ..errors import IngestError
from ..model import TABLE, Document
from .tables import build_table
from .zipsafe import ZIP_DAMAGE, library_errors, verified_package


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        # openpyxl gives floats: write them back the short way (87.3, not 87.30000000000001)
        return format(Decimal(repr(value)).normalize(), "f")
    return str(value)


def read_xlsx(path, data: bytes) -> Document:
    """Raises IngestError: `corrupt_xlsx` for a damaged workbook (with the zip layer's or
    openpyxl's reason), `too_large` for one that inflates past zipsafe's caps."""
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    package = verified_package(data, "xlsx")
    # openpyxl reports damaged parts as whatever its parsers and descriptors raise:
    # XML syntax errors (SyntaxError), missing parts (KeyError), bad values (ValueError, TypeError)
    with library_errors("xlsx", ZIP_DAMAGE + (SyntaxError, InvalidFileException, TypeError)):
        book = openpyxl.load_workbook(io.BytesIO(package), data_only=True)
    doc = Document(path=str(path), format="xlsx")
    for sheet in book.worksheets:
        spans = {}
        covered = set()
        for rng in sheet.merged_cells.ranges:
            spans[(rng.min_row, rng.min_col)] = (rng.max_row - rng.min_row + 1, rng.max_col - rng.min_col + 1)
            covered |= {(r, c) for r in range(rng.min_row, rng.max_row + 1) for c in range(rng.min_col, rng.max_col + 1)}
            covered.discard((rng.min_row, rng.min_col))
        spec = []
        for row in sheet.iter_rows():
            cells = []
            for cell in row:
                if (cell.row, cell.column) in covered:
                    continue
                rowspan, colspan = spans.get((cell.row, cell.column), (1, 1))
                cells.append((_text(cell.value), rowspan, colspan))
            if any(t for t, _, _ in cells):
                spec.append(cells)
        if spec:
            table = build_table(spec, caption=sheet.title)
            doc.add(TABLE, table.as_text(), table=table)
    if not doc.blocks:
        raise IngestError("the workbook has no filled cells", code="empty")
    return doc
