"""Old and open spreadsheets: .xls (binary Excel, in which most self-evaluation forms were
filled before 2018), .et (WPS spreadsheets) and .ods, read by calamine (python-calamine, a
Rust reader: ~10 ms a form where a LibreOffice conversion costs over a second). Each sheet
becomes a table through sheet_grid, as .xlsx sheets do, so a form reads the same in every
format.

Which reader for which file is decided by the bytes, not the name:
- OLE2 (D0 CF 11 E0): binary Excel; calamine gives values and merged ranges. A WPS .et is
  the same BIFF8 workbook since WPS 2005; one calamine cannot read is converted to .xlsx by
  LibreOffice headless (private profile, as for .doc) and read by openpyxl.
- a zip holding an OpenDocument spreadsheet: through zipsafe's guards first (caps, no DTD),
  then calamine for the values; calamine gives no merged ranges for .ods, so they are read
  from content.xml here (table:number-rows-spanned / number-columns-spanned).
- a zip holding OOXML (an .xlsx renamed .xls or .et, as WPS sometimes saves): read as .xlsx.
- an HTML page (what many government systems export as "xls"): read as a web page.
"""
from __future__ import annotations

import io
import re
from pathlib import Path

from ..errors import IngestError
from ..model import TABLE, Document
from .sheet_grid import MAX_SHEET_CELLS, sheet_table
from .zipsafe import corrupt, too_large, verified_package

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ODS_MIME = b"application/vnd.oasis.opendocument.spreadsheet"
_HTML = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|table)\b",
                   re.IGNORECASE | re.DOTALL)
_TABLE_NS = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"


def sniff_sheet(suffix: str, head: bytes) -> str:
    """The reader a .xls/.et/.ods file needs by its first bytes: 'sheet' (calamine), 'xlsx'
    or 'html'; a file that is none of them is corrupt_<suffix>."""
    kind = suffix.lstrip(".")
    if head.startswith(OLE2_MAGIC):
        if kind == "ods":
            raise corrupt("ods", "the file is a binary Office (OLE2) file, not an OpenDocument zip package")
        return "sheet"
    if head.startswith(b"PK\x03\x04"):
        return "sheet" if _ODS_MIME in head[:200] or kind == "ods" else "xlsx"
    if kind != "ods" and _HTML.match(head.lstrip(b"\xef\xbb\xbf")):
        return "html"
    expected = "an OpenDocument zip package" if kind == "ods" else "a binary Excel (OLE2) workbook"
    raise corrupt(kind, f"not {expected}: the file starts with {head[:8].hex(' ')}")


def read_sheet(path: Path, data: bytes) -> Document:
    """Raises IngestError corrupt_xls / corrupt_et / corrupt_ods for a damaged file (with
    calamine's reason), too_large for a sheet or package past the caps."""
    kind = path.suffix.lower().lstrip(".")
    merges = {}
    if data.startswith(b"PK"):
        data = verified_package(data, kind)
        merges = ods_merges(data, kind)
    try:
        sheets = _calamine_sheets(data, kind)
    except IngestError as e:
        if kind != "et" or e.code != "corrupt_et":
            raise
        return _converted_et(path, data, e)  # an .et variant calamine does not know
    doc = Document(path=str(path), format=kind)
    for name, grid, sheet_merges in sheets:
        table = sheet_table(grid, sheet_merges or merges.get(name, []), name)
        if table is not None:
            doc.add(TABLE, table.as_text(), table=table)
    if not doc.blocks:
        raise IngestError("the workbook has no filled cells", code="empty")
    return doc


def _calamine_sheets(data: bytes, kind: str) -> list:
    """[(sheet name, rows of values from A1, merged ranges 0-based inclusive)]. calamine
    raises CalamineError (and its subclasses) for what it recognises as damaged, and panics
    (pyo3's PanicException, a BaseException) on some damage it does not: both are corrupt."""
    from python_calamine import CalamineWorkbook

    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        out = []
        for index, name in enumerate(book.sheet_names):
            sheet = book.get_sheet_by_index(index)
            if sheet.height * sheet.width > MAX_SHEET_CELLS:
                raise too_large(kind, f"sheet {name} spans {sheet.height:,} rows × {sheet.width:,} columns "
                                      f"(limit {MAX_SHEET_CELLS:,} cells)")
            merges = [(r0, c0, r1, c1) for (r0, c0), (r1, c1) in sheet.merged_cell_ranges or []]
            out.append((name, sheet.to_python(skip_empty_area=False), merges))
        return out
    except IngestError:
        raise
    except Exception as e:
        raise corrupt(kind, f"{type(e).__name__}: {e}") from e
    except BaseException as e:
        if type(e).__name__ != "PanicException":
            raise
        raise corrupt(kind, f"the reader gave up: {e}") from e


def ods_merges(package: bytes, kind: str) -> dict:
    """Merged ranges of each sheet of an OpenDocument spreadsheet, from content.xml:
    {sheet name: [(first_row, first_col, last_row, last_col)]}. Repeated rows and columns
    (number-rows-repeated, number-columns-repeated) count as what they stand for. The
    package has passed verified_package, so content.xml carries no DTD."""
    import zipfile

    from lxml import etree

    table, row, cell, covered = (f"{{{_TABLE_NS}}}{t}" for t in ("table", "table-row", "table-cell",
                                                                   "covered-table-cell"))
    merges: dict = {}
    sheet, r, c = None, 0, 0
    try:
        with zipfile.ZipFile(io.BytesIO(package)) as z, z.open("content.xml") as xml:
            for event, el in etree.iterparse(xml, events=("start", "end"), tag=(table, row, cell, covered),
                                             resolve_entities=False, no_network=True):
                if el.tag == table and event == "start":
                    sheet, r = merges.setdefault(el.get(f"{{{_TABLE_NS}}}name", ""), []), 0
                elif el.tag == row:
                    if event == "start":
                        c = 0
                    else:
                        r += int(el.get(f"{{{_TABLE_NS}}}number-rows-repeated", "1"))
                        el.clear()
                elif event == "start" and sheet is not None:
                    rows = int(el.get(f"{{{_TABLE_NS}}}number-rows-spanned", "1"))
                    cols = int(el.get(f"{{{_TABLE_NS}}}number-columns-spanned", "1"))
                    if el.tag == cell and (rows > 1 or cols > 1):
                        sheet.append((r, c, r + rows - 1, c + cols - 1))
                    c += int(el.get(f"{{{_TABLE_NS}}}number-columns-repeated", "1"))
    except (KeyError, ValueError, zipfile.BadZipFile, etree.XMLSyntaxError) as e:
        raise corrupt(kind, f"content.xml: {type(e).__name__}: {e}") from e
    return merges


def _converted_et(path: Path, data: bytes, unread: IngestError) -> Document:
    """LibreOffice's reading of an .et calamine could not read; when it cannot either, the
    file is corrupt_et with calamine's reason."""
    from .legacy import convert_with_soffice
    from .xlsx import read_xlsx

    try:
        converted = convert_with_soffice(path, data, ".et", "xlsx:Calc MS Excel 2007 XML")
    except IngestError as e:
        if e.code != "convert_failed":
            raise
        raise corrupt("et", f"{unread}; LibreOffice could not read it either") from e
    doc = read_xlsx(path, converted)
    doc.format, doc.path = "et", str(path)
    return doc
