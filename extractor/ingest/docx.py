"""Word .docx reports (python-docx): paragraphs and tables in document order.

Merged cells are read from the XML itself — w:gridSpan for horizontal merges, w:vMerge
for vertical ones — because python-docx's row.cells repeats a merged cell in every
position it covers, which would hide the merge. Heading styles give the heading level
when the text itself carries no numbering.

Many archived .docx reports were converted from PDF, and those carry a paragraph break
wherever the PDF had a page break, often mid-sentence. Such paragraphs are joined back
with the rule the .txt and .pdf readers use (text_blocks.continues_sentence)."""
from __future__ import annotations

import io

import regex
from docx import Document as open_docx
from docx.oxml.ns import qn

from ..errors import IngestError
from ..model import TABLE, Document
from .tables import build_table, caption_from_previous, long_caption_from_previous
from .text_blocks import add_text_block, continues_sentence
from .zipsafe import ZIP_DAMAGE, corrupt, library_errors, verified_package

_HEADING_STYLE = regex.compile(r"^(?:Heading|标题)\s*([1-6])$", regex.IGNORECASE)
# A paragraph opening with a short label (被评价单位：) is a line of its own, never the
# rest of the paragraph above (cover pages: 评价机构：… / 被评价单位：…).
_LABEL_LINE = regex.compile(r"^[^，。；、,\s]{2,8}[：:]")
# Wrappers whose content belongs in place: content controls and custom XML.
_WRAPPERS = {qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml")}
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


def read_docx(path, data: bytes) -> Document:
    """Raises IngestError: `corrupt_docx` for a damaged package (with the zip layer's or
    python-docx's reason), `too_large` for one that inflates past zipsafe's caps."""
    from docx.opc.exceptions import PackageNotFoundError
    from docx.oxml.exceptions import InvalidXmlError

    package = verified_package(data, "docx")
    # lxml's XMLSyntaxError is a SyntaxError; a missing part is a KeyError; a package
    # whose main part is not a Word document is a ValueError; a part whose root element is
    # not the one its name promises (a namespace damaged) is an AttributeError when
    # python-docx looks for its children
    with library_errors("docx", ZIP_DAMAGE + (SyntaxError, PackageNotFoundError, InvalidXmlError, AttributeError)):
        word = open_docx(io.BytesIO(package))
        styles = {s.style_id: s.name for s in word.styles}
        body = word.element.body
    if body is None:
        raise corrupt("docx", "word/document.xml has no <w:body>")
    doc = Document(path=str(path), format="docx", pages=None)
    pending: list = []  # pieces of one paragraph that a page break split

    def flush():
        if pending:
            add_text_block(doc, "".join(pending))
            pending.clear()

    for child in _children(body):
        if child.tag == qn("w:p"):
            text = _paragraph_text(child).strip()
            if not text:
                continue  # like blank lines in .txt: they do not end a split paragraph
            level = _heading_level(child, styles)
            if level:
                flush()
                add_text_block(doc, text, style_level=level)
                continue
            if pending and not (continues_sentence(pending[-1], text) and not _LABEL_LINE.match(text)):
                flush()
            pending.append(text)
        elif child.tag == qn("w:tbl"):
            flush()
            _add_table(doc, child)
    flush()
    if not doc.blocks:
        raise IngestError("the document has no text", code="empty")
    return doc


def _children(el):
    """Child elements, looking through content-control and custom-XML wrappers. A table
    of contents (a w:sdt marked as one) is left out: its lines repeat the headings."""
    for child in el.iterchildren():
        if child.tag == qn("w:sdt"):
            gallery = child.find(f"{qn('w:sdtPr')}/{qn('w:docPartObj')}/{qn('w:docPartGallery')}")
            if gallery is not None and gallery.get(qn("w:val"), "").startswith("Table of Contents"):
                continue
        if child.tag in _WRAPPERS:
            yield from _children(child)
        elif child.tag != qn("w:sdtPr"):
            yield child


def _paragraph_text(p, tab: str = "\t") -> str:
    parts = []

    def walk(el):
        for node in el.iterchildren():
            tag = node.tag
            if tag == qn("w:t"):
                parts.append(node.text or "")
            elif tag in (qn("w:br"), qn("w:cr")):
                parts.append("\n")
            elif tag == qn("w:tab"):
                parts.append(tab)
            elif tag == qn("w:p"):  # a text box's paragraph inside this one
                parts.append("\n")
                walk(node)
            elif tag != _FALLBACK:  # mc:Fallback repeats mc:Choice (text boxes twice)
                walk(node)

    walk(p)
    return "".join(parts)


def _heading_level(p, styles: dict):
    style = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
    if style is None:
        return None
    style_id = style.get(qn("w:val")) or ""
    m = _HEADING_STYLE.match(styles.get(style_id) or style_id)
    return int(m.group(1)) if m else None


def _cell_text(tc) -> str:
    """The cell's paragraphs, one a line; a nested table's cells are flattened into it.
    Tabs become spaces: a tab separates cells in Table.as_text."""
    lines = []
    for child in _children(tc):
        if child.tag == qn("w:p"):
            lines.append(_paragraph_text(child, tab=" "))
        elif child.tag == qn("w:tbl"):
            lines.extend(_cell_text(inner) for tr in _children(child) if tr.tag == qn("w:tr")
                         for inner in _children(tr) if inner.tag == qn("w:tc"))
    return "\n".join(t for t in lines if t.strip())


def _int_prop(props, name: str, default: int = 0) -> int:
    el = props.find(qn(name)) if props is not None else None
    try:
        return int(el.get(qn("w:val"))) if el is not None else default
    except (TypeError, ValueError):
        return default


def _add_table(doc: Document, tbl) -> None:
    """Spec rows for build_table: each cell that starts at a row, with its spans. A
    w:vMerge="continue" cell is not listed; it adds one to the rowspan of the cell that
    opened the merge in the same grid column."""
    rows = []
    starts: dict = {}  # grid column → (row, index in that row's spec) of an open vertical merge
    for tr in _children(tbl):
        if tr.tag != qn("w:tr"):
            continue
        r = len(rows)
        spec = []
        # w:gridBefore: the row starts some grid columns in; keep the cells in their columns
        col = _int_prop(tr.find(qn("w:trPr")), "w:gridBefore")
        spec.extend([""] * col)
        for tc in _children(tr):
            if tc.tag != qn("w:tc"):
                continue
            props = tc.find(qn("w:tcPr"))
            span = max(1, _int_prop(props, "w:gridSpan", 1))
            vm = props.find(qn("w:vMerge")) if props is not None else None
            vmerge = None if vm is None else (vm.get(qn("w:val")) or "continue")  # no val = continue
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
    if not any(text.strip() for row in rows for text, _, _ in row):
        return  # an empty (layout) table says nothing
    table = build_table(rows, caption=caption_from_previous(doc) or long_caption_from_previous(doc))
    doc.add(TABLE, table.as_text(), table=table)
