"""The document model every ingest module produces and every later stage reads.

A Document is an ordered list of blocks. Each block carries where it came from (page,
block index; for table cells also row/col), so every fact extracted later can point a
reviewer at the exact place in the file.

`text` is the normalised text (see normalize.py); `raw` is the text as written. Char
offsets (`start`, `end` in facts) index into `text` and are stable for a given file.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

HEADING = "heading"
PARAGRAPH = "paragraph"
TABLE = "table"


@dataclass(slots=True)
class Cell:
    text: str
    row: int
    col: int
    rowspan: int = 1
    colspan: int = 1
    raw: Optional[str] = None
    # True when this grid position is covered by a merged cell written elsewhere;
    # `text` then repeats the origin cell's text so a row can be read on its own.
    merged_from: Optional[tuple] = None
    # Cells read by OCR: where the cell is on the page [x0, top, x1, bottom] and the lowest
    # mean word confidence (0-100) of its text.
    bbox: Optional[list] = None
    confidence: Optional[float] = None
    # An OCR reading put right from the table around it (一一 in a 序号 column is 二),
    # and why; `raw` keeps what was read.
    mended: Optional[str] = None

    @property
    def source_text(self) -> str:
        return self.raw if self.raw is not None else self.text


@dataclass(slots=True)
class Table:
    """A rectangular grid. `rows[r][c]` always exists; merged cells are expanded so each
    covered position holds a Cell with `merged_from` pointing at the origin."""

    rows: list
    header_rows: int = 0
    caption: Optional[str] = None
    # Rebuilt from text (tab, pipe or space separated rows): web pages and exports drop
    # empty cells, so a cell's position may not say its column.
    written_as_text: bool = False
    # Rebuilt from text rows of different lengths (merged cells written once, the rest of
    # the row shifted left): a column holds cells of different columns, so no column sums.
    ragged: bool = False
    # Rebuilt from rows that keep their columns (a tab export) but not all of them every
    # cell: how many cells each row wrote, the rest of its row padding (a web copy that left
    # out the merged cells on a row's left writes fewer); None where every row is whole.
    written_widths: Optional[list] = None

    @property
    def n_rows(self) -> int:
        return len(self.rows)

    @property
    def n_cols(self) -> int:
        return max((len(r) for r in self.rows), default=0)

    def cell(self, r: int, c: int) -> Optional[Cell]:
        if 0 <= r < len(self.rows) and 0 <= c < len(self.rows[r]):
            return self.rows[r][c]
        return None

    def as_text(self) -> str:
        """Rows joined by newlines, cells by tabs: a block text that contains every cell."""
        return "\n".join("\t".join(c.text for c in row) for row in self.rows)


@dataclass
class Block:
    index: int
    kind: str  # heading | paragraph | table
    text: str
    page: Optional[int] = None
    raw: Optional[str] = None
    level: Optional[int] = None  # heading depth, 1 = 一、
    numbering: Optional[str] = None  # the numbering label as written: "（一）", "1."
    table: Optional[Table] = None
    # Geometry and OCR data when the format has them (pdf, ofd): [x0, top, x1, bottom] in points.
    bbox: Optional[list] = None
    # OCR pages: the lowest mean word confidence (0-100) of the block's lines.
    confidence: Optional[float] = None
    # Web pages: where the block is in the page, a CSS path from the nearest element with
    # an id (div#zoom > p:nth-of-type(3)).
    element: Optional[str] = None

    def source(self) -> dict:
        return {"page": self.page, "block": self.index}


@dataclass(slots=True)
class Document:
    path: str
    format: str  # txt | docx | pdf | doc | wps | xlsx | html | mhtml | ofd
    blocks: list = field(default_factory=list)
    pages: Optional[int] = None
    encoding: Optional[str] = None  # for txt: which encoding was detected
    # Web pages: the page's publication block (date, publisher, source, index_no, doc_no,
    # its <title>) and the links to attached files ({text, href, type}).
    published: Optional[dict] = None
    attachments: list = field(default_factory=list)
    # for txt: bytes that did not decode (count, first byte offsets), None when all did
    decode_errors: Optional[dict] = None
    pages_failed: list = field(default_factory=list)  # for pdf: numbers of damaged pages not read
    # for pdf: scanned pages whose OCR was stopped at a time limit ({page, reason, limit})
    pages_not_ocred: list = field(default_factory=list)
    warnings: list = field(default_factory=list)  # the record's "errors": what was read despite damage
    # a converter wrote a space at every boundary of Chinese and figures (converter_spaces.py):
    # found by the text reader before it took out those of rows run together
    converter_spaced: bool = False

    def add(self, kind: str, text: str, **kw) -> Block:
        block = Block(index=len(self.blocks), kind=kind, text=text, **kw)
        self.blocks.append(block)
        return block

    @property
    def tables(self) -> list:
        return [b for b in self.blocks if b.kind == TABLE]
