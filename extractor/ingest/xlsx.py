"""Excel score sheets (.xlsx) that come with reports, through openpyxl: each sheet becomes
a table (merged ranges kept as spans), the sheet's name its caption."""
from __future__ import annotations

import io

from ..errors import IngestError
from ..model import TABLE, Document
from .sheet_grid import MAX_SHEET_CELLS, sheet_table, shown
from .zipsafe import ZIP_DAMAGE, library_errors, too_large, verified_package


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
        if sheet.max_row * sheet.max_column > MAX_SHEET_CELLS:
            raise too_large("xlsx", f"sheet {sheet.title} spans {sheet.max_row:,} rows × {sheet.max_column:,} "
                                    f"columns (limit {MAX_SHEET_CELLS:,} cells)")
        merges = [(m.min_row - 1, m.min_col - 1, m.max_row - 1, m.max_col - 1) for m in sheet.merged_cells.ranges]
        # figures as the sheet shows them (a rate stored 0.95 under 0.00% is 95.00%)
        grid = ([shown(c.value, c.number_format) for c in row] for row in sheet.iter_rows())
        table = sheet_table(grid, merges, sheet.title)
        if table is not None:
            doc.add(TABLE, table.as_text(), table=table)
    if not doc.blocks:
        raise IngestError("the workbook has no filled cells", code="empty")
    return doc
