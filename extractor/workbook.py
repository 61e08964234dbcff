"""A streamed .xlsx writer for plain tables: sheets of rows of str, int, bool, float and
Decimal values, a frozen header row and column widths. Cells are written as inline strings
and numbers straight into the zip, row after row: the facts sheet of a large batch has
hundreds of thousands of cells, and a general-purpose writer spends most of its time on
cell objects and styles these sheets do not have."""
from __future__ import annotations

import re
import warnings
import zipfile
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Iterable
from decimal import Decimal
from xml.sax.saxutils import escape

MAX_ROWS = 1_048_576  # Excel's limit per sheet, header row included
MAX_CELL_TEXT = 32_767  # Excel's limit per cell

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml"
_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

# Characters XML 1.0 cannot hold: written the way Excel reads them back, as _xHHHH_. A
# literal _xHHHH_ in the text gets its underscore escaped, so it reads back as written.
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]|_(?=x[0-9A-Fa-f]{4}_)")
_NEEDS_ESCAPE = re.compile(r"[&<>\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]|_x")  # most texts need nothing
_STYLES = (
    f'<styleSheet xmlns="{_MAIN}"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>'
    '</fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>'
)


def column_letter(index: int) -> str:
    """1 → A, 27 → AA."""
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


@dataclass
class StreamedSheet:
    """A sheet written row by row: its header, how many body rows follow (known before they
    are written: the sheet starts with its dimension) and, for each part of it (a sheet past
    Excel's row limit goes on in '<title> 2', '<title> 3' …, each with the header again), the
    XML of that part's body rows, numbered from 2 (see rows_xml)."""
    title: str
    header: list
    rows: int
    widths: list
    body: Callable[[int], Iterable[str]]


def parts_of(rows: int) -> int:
    """How many sheets a table of `rows` body rows takes."""
    return max(1, -(-rows // (MAX_ROWS - 1)))


def part_and_row(index: int) -> tuple:
    """Body row `index` (from 0) of a long table: its part and its row number there."""
    part, k = divmod(index, MAX_ROWS - 1)
    return part, k + 2


def write_workbook(target, sheets: list) -> None:
    """sheets: (title, rows, widths), rows a list whose first row is the header, widths one
    per column (or fewer). A sheet with more rows than Excel holds goes on in sheets named
    '<title> 2', '<title> 3' …, each with the header again."""
    def body_of(rows: list):
        def body(k: int):
            part = rows[1 + k * (MAX_ROWS - 1):1 + (k + 1) * (MAX_ROWS - 1)]
            for i in range(0, len(part), 4096):
                yield rows_xml(part[i:i + 4096], 2 + i, len(rows[0]))
        return body

    write_streamed_workbook(target, [StreamedSheet(title, rows[0], len(rows) - 1, widths, body_of(rows))
                                     for title, rows, widths in sheets])


def write_streamed_workbook(target, sheets: list) -> None:
    parts = [(s, k, s.title if k == 0 else f"{s.title} {k + 1}") for s in sheets for k in range(parts_of(s.rows))]
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        z.writestr("[Content_Types].xml", _content_types(len(parts)))
        z.writestr("_rels/.rels", f'{_HEAD}<Relationships xmlns="{_PKG_REL}"><Relationship Id="rId1" '
                                  f'Type="{_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        z.writestr("xl/workbook.xml", _workbook([title for _, _, title in parts]))
        z.writestr("xl/_rels/workbook.xml.rels", _workbook_rels(len(parts)))
        z.writestr("xl/styles.xml", _HEAD + _STYLES)
        for i, (sheet, k, _) in enumerate(parts, 1):
            n = min(MAX_ROWS - 1, sheet.rows - k * (MAX_ROWS - 1))
            with z.open(f"xl/worksheets/sheet{i}.xml", "w", force_zip64=True) as out:
                out.write(_sheet_head(n + 1, len(sheet.header), sheet.widths).encode("utf-8"))
                out.write(rows_xml([sheet.header], 1, len(sheet.header)).encode("utf-8"))
                for chunk in sheet.body(k):
                    out.write(chunk.encode("utf-8"))
                out.write(b"</sheetData></worksheet>")


def _content_types(n: int) -> str:
    sheets = "".join(f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="{_TYPE}.worksheet+xml"/>'
                     for i in range(1, n + 1))
    return (f'{_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{_TYPE}.sheet.main+xml"/>'
            f'<Override PartName="/xl/styles.xml" ContentType="{_TYPE}.styles+xml"/>{sheets}</Types>')


def _workbook(titles: list) -> str:
    sheets = "".join(f'<sheet name="{escape(t, {chr(34): "&quot;"})}" sheetId="{i}" r:id="rId{i}"/>'
                     for i, t in enumerate(titles, 1))
    return f'{_HEAD}<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><sheets>{sheets}</sheets></workbook>'


def _workbook_rels(n: int) -> str:
    rels = "".join(f'<Relationship Id="rId{i}" Type="{_REL}/worksheet" Target="worksheets/sheet{i}.xml"/>'
                   for i in range(1, n + 1))
    return (f'{_HEAD}<Relationships xmlns="{_PKG_REL}">{rels}'
            f'<Relationship Id="rId{n + 1}" Type="{_REL}/styles" Target="styles.xml"/></Relationships>')


def _sheet_head(n_rows: int, n_cols: int, widths: list) -> str:
    last = column_letter(n_cols or 1)
    cols = "".join(f'<col min="{i}" max="{i}" width="{w:g}" customWidth="1"/>' for i, w in enumerate(widths, 1))
    return (f'{_HEAD}<worksheet xmlns="{_MAIN}"><dimension ref="A1:{last}{max(n_rows, 1)}"/>'
            '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" '
            'state="frozen"/><selection pane="bottomLeft"/></sheetView></sheetViews>'
            f'<sheetFormatPr defaultRowHeight="15"/>{f"<cols>{cols}</cols>" if cols else ""}<sheetData>')


@lru_cache(maxsize=4)
def _letters(n_cols: int) -> tuple:
    return tuple(column_letter(i) for i in range(1, (n_cols or 1) + 1))


def rows_xml(rows: Iterable, first: int, n_cols: int) -> str:
    """The XML of rows numbered from `first`, cells in columns A… up to n_cols."""
    letters = _letters(n_cols)
    chunk = []
    for r, row in enumerate(rows, first):
        chunk.append(f'<row r="{r}">')
        for letter, value in zip(letters, row):
            if type(value) is str:
                if not value:
                    continue
                if len(value) > MAX_CELL_TEXT or _NEEDS_ESCAPE.search(value):  # most texts need neither
                    value = _xml_text(value)
                chunk.append(f'<c r="{letter}{r}" t="inlineStr"><is><t xml:space="preserve">{value}</t></is></c>')
            elif value is not None:
                chunk.append(f'<c r="{letter}{r}"{_number(value)}</c>')
        chunk.append("</row>")
    return "".join(chunk)


def _xml_text(value: str) -> str:
    """Text as a cell holds it: cut to Excel's limit, escaped for XML."""
    if len(value) > MAX_CELL_TEXT:
        warnings.warn("Cell contents too long, truncated to 32767 characters", UserWarning, stacklevel=4)
        value = value[:MAX_CELL_TEXT]
    return _NOT_XML.sub(lambda m: f"_x{ord(m.group()):04X}_", escape(value))


def _number(value) -> str:
    """A number or boolean cell's attributes and value, after its reference."""
    kind = type(value)
    if kind is bool:
        return f' t="b"><v>{int(value)}</v>'
    if kind is int or kind is float or kind is Decimal:
        return "><v>%.16g</v>" % value  # the digits a spreadsheet's double holds, as openpyxl writes them
    raise TypeError(f"cannot write a {kind.__name__} to a workbook cell")
