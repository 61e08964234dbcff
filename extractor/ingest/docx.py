"""Word .docx reports (python-docx): paragraphs and tables in document order.

Merged cells are read from the XML itself — w:gridSpan for horizontal merges, w:vMerge
for vertical ones — because python-docx's row.cells repeats a merged cell in every
position it covers, which would hide the merge. Heading styles give the heading level
when the text itself carries no numbering."""
from __future__ import annotations

import io

import regex
from docx import Document as open_docx
from docx.oxml.ns import qn

from ..errors import IngestError
from ..model import TABLE, Document
from .tables import build_table, caption_from_previous
from .text_blocks import add_text_block

_HEADING_STYLE = regex.compile(r"^(?:Heading|标题)\s*(\d)$", regex.IGNORECASE)


def read_docx(path, data: bytes) -> Document:
    word = open_docx(io.BytesIO(data))
    doc = Document(path=str(path), format="docx")
    styles = {s.style_id: s.name for s in word.styles}
    for child in word.element.body.iterchildren():
        if child.tag == qn("w:p"):
            text = _paragraph_text(child)
            if text.strip():
                add_text_block(doc, text, style_level=_heading_level(child, styles))
        elif child.tag == qn("w:tbl"):
            _add_table(doc, child)
    if not doc.blocks:
        raise IngestError("the document has no text", code="empty")
    return doc


def _paragraph_text(p) -> str:
    parts = []
    for node in p.iter():
        if node.tag == qn("w:t"):
            parts.append(node.text or "")
        elif node.tag in (qn("w:br"), qn("w:cr")):
            parts.append("\n")
        elif node.tag == qn("w:tab"):
            parts.append("\t")
    return "".join(parts)


def _heading_level(p, styles: dict):
    style = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
    if style is None:
        return None
    m = _HEADING_STYLE.match(styles.get(style.get(qn("w:val")), style.get(qn("w:val")) or ""))
    return int(m.group(1)) if m else None


def _cell_text(tc) -> str:
    # nested tables are flattened into the cell's text
    return "\n".join(t for t in (_paragraph_text(p) for p in tc.iter(qn("w:p"))) if t.strip())


def _add_table(doc: Document, tbl) -> None:
    """Spec rows for build_table: each cell that starts at a row, with its spans."""
    rows = []
    starts: dict = {}  # grid column → [row index, spec entry index] of an open vertical merge
    for tr in tbl.iter(qn("w:tr")):
        if tr.getparent() is not tbl:
            continue  # a nested table's row
        r = len(rows)
        spec = []
        col = 0
        for tc in tr.iterchildren(qn("w:tc")):
            props = tc.find(qn("w:tcPr"))
            span = 1
            vmerge = None
            if props is not None:
                gs = props.find(qn("w:gridSpan"))
                span = int(gs.get(qn("w:val"))) if gs is not None else 1
                vm = props.find(qn("w:vMerge"))
                if vm is not None:
                    vmerge = vm.get(qn("w:val")) or "continue"
            if vmerge == "continue" and col in starts:
                r0, i0 = starts[col]
                text, rowspan, colspan = rows[r0][i0]
                rows[r0][i0] = (text, rowspan + 1, colspan)
            else:
                spec.append((_cell_text(tc), 1, span))
                if vmerge == "restart":
                    starts[col] = (r, len(spec) - 1)
                else:
                    starts.pop(col, None)
            col += span
        rows.append(spec)
    if not any(rows):
        return
    table = build_table(rows, caption=caption_from_previous(doc))
    doc.add(TABLE, table.as_text(), table=table)
