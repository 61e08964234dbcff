"""Web pages (.html, .htm, .shtml; the page inside an .mht through mhtml.py), parsed with
lxml.html.

The page is decoded (encoding.decode_html: BOM, the container's or the page's declared
charset — a GB2312 declaration read as GB18030 — or detection), its publication block and
attachment links are read (html_meta.py), site chrome is dropped and the report's part of
the page found (html_content.py). What is left becomes blocks the way .docx paragraphs do:
headings (h1–h6, and paragraphs whose text opens with a numbering label), paragraphs and
list items through the shared add_text_block, paragraphs a page break split joined by the
shared rule, <table> through the shared build_table with rowspan/colspan.

Choices:
- <br> inside a paragraph (<p>, <li>, a heading, a cell) is a line break in its text; in a
  bare <div> or the body, where pages put whole reports as lines between <br>s, it ends a
  paragraph.
- A table inside a data table's cell is flattened into that cell (its cells one a line), as
  the .docx reader does. A table that lays the page out (one column, a heading or a long
  run of text in a cell, or a cell holding a table with most of the text) is not a table:
  its cells are read as the page's own blocks, and the tables inside them as tables.
- Whitespace is what a browser shows: each run one space. (CSS Text would drop a source
  line break between Chinese characters; Chrome does not, and LibreOffice and Word write
  the document's own spaces as those line breaks.)
- Each block knows its element: a CSS path from the nearest element with an id."""
from __future__ import annotations

import re
from pathlib import Path

from lxml import html as lxml_html

from ..errors import IngestError
from ..model import TABLE, Document
from .encoding import decode_html
from .han_script import simplified
from .html_content import (BLOCK_TAGS, HEADING_TAGS, chrome_by_name, content_roots, drop, drop_chrome_blocks,
                           drop_unwanted_tags, is_layout_table, row_cells, rules, table_rows, tag_of)
from .html_meta import find_attachments, find_publication_blocks, head_fields, published
from .tables import build_table, caption_from_previous, long_caption_from_previous
from .text_blocks import add_text_block, continues_sentence

_BR = "\x00"  # a <br> while text is gathered, a line break once whitespace is collapsed
_COLLAPSIBLE = re.compile(r"[ \t\n\r\f]+")
# Tags whose <br> is a line break inside one block of text.
# (The cells of a layout table are not: a report laid out in one is lines between <br>s.)
_LINE_TAGS = frozenset({"p", "li", "dt", "dd", "caption", "pre", "address", "figcaption"}) | HEADING_TAGS
# A paragraph opening with a short label (被评价单位：) is a line of its own (as in docx.py).
_LABEL_LINE = re.compile(r"^[^，。；、,\s]{2,8}[：:]")
_MAX_SPAN = 1000


def read_html(path, data: bytes, fmt: str = "html", transport_charset: str | None = None,
              base_url: str | None = None) -> Document:
    text, encoding = decode_html(data, transport_charset)
    if not text.strip():
        raise IngestError("the page is empty", code="empty")
    text, script_warning = simplified(text)
    root = _parse(text)
    doc = Document(path=str(path), format=fmt, encoding=encoding, pages=None,
                   warnings=[script_warning] if script_warning else [])
    head = head_fields(root)
    base = root.find(".//base")
    base_url = (base.get("href") if base is not None and base.get("href") else None) or base_url
    body = root.find(".//body")
    if body is None:
        body = root
    r = rules()
    drop_unwanted_tags(body, r)
    chrome = chrome_by_name(body, r)
    doc.attachments = find_attachments(body, chrome, base_url, Path(path).parent)
    fields, blocks = find_publication_blocks(body)
    for el in chrome + blocks:
        if el.getparent() is not None:
            drop(el)
    drop_chrome_blocks(body, r)
    doc.published = published(fields, head)
    _Walker(doc).run(content_roots(body))
    if not doc.blocks:
        raise IngestError("the page has no report text (only site navigation, or nothing)", code="empty")
    return doc


# Characters no XML text may hold: lxml parses a page that has them (a damaged byte decodes
# to \x06) but refuses to set such text again when an element is dropped. A browser shows
# them as nothing; here they are U+FFFD, the mark of bytes that did not survive.
_NOT_XML_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _parse(text: str):
    # The text is decoded already: hand lxml UTF-8 and say so, so that a <meta charset> or
    # an XML declaration in the page is not applied a second time.
    parser = lxml_html.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True)
    text = _NOT_XML_TEXT.sub("\ufffd", text)
    try:
        return lxml_html.document_fromstring(text.encode("utf-8"), parser=parser)
    except Exception as e:  # lxml's ParserError and XMLSyntaxError for pages with no elements
        raise IngestError(f"not a readable web page: {e}", code="empty")


def collapse(raw: str) -> str:
    """HTML whitespace as a browser shows it: each run one space (a line break in the
    source too: LibreOffice and Word wrap their HTML at the document's own spaces);
    <br> marks to line breaks; each line trimmed, empty lines left out."""
    lines = (line.strip(" \xa0\u3000") for line in _COLLAPSIBLE.sub(" ", raw).split(_BR))
    return "\n".join(line for line in lines if line)


def css_path(el, positions: dict | None = None) -> str:
    """tag:nth-of-type(n) steps up to the nearest element with an id (or the body).
    `positions` caches each parent's children by tag (a page of 6000 paragraphs in one
    <div> would otherwise cost 6000 scans of 6000 siblings)."""
    positions = {} if positions is None else positions
    steps = []
    while el is not None:
        tag = tag_of(el)
        if tag in ("body", "html", ""):
            break
        if el.get("id"):
            steps.append(f"{tag}#{el.get('id')}")
            break
        parent = el.getparent()
        if parent is None:
            steps.append(tag)
            break
        if parent not in positions:
            counts: dict = {}
            places = {}
            for child in parent:
                t = tag_of(child)
                counts[t] = counts.get(t, 0) + 1
                places[child] = (t, counts[t])
            positions[parent] = (places, counts)
        places, counts = positions[parent]
        _, k = places[el]
        steps.append(f"{tag}:nth-of-type({k})" if counts[tag] > 1 else tag)
        el = parent
    return " > ".join(reversed(steps)) or "body"


class _Walker:
    """Turns the content elements into blocks, in page order."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.buffer: list = []  # inline text of the paragraph being gathered
        self.buffer_el = None  # the block element it started in
        self.block_el = None  # the block element being read
        self.pending: list = []  # (text, element) of paragraphs a page break may have split
        self.positions: dict = {}  # css_path's cache

    def run(self, roots: list) -> None:
        for root in roots:
            self.block_el = root
            self.visit(root, in_line_block=False)
            self.flush()
        self.flush_pending()

    # -- inline text and paragraphs
    def add_inline(self, text) -> None:
        if text:
            if self.buffer_el is None and text.strip():
                self.buffer_el = self.block_el
            self.buffer.append(text)

    def flush(self) -> None:
        if self.buffer:
            text = collapse("".join(self.buffer))
            el = self.buffer_el
            self.buffer, self.buffer_el = [], None
            if text:
                self.paragraph(text, el)

    def paragraph(self, text: str, el) -> None:
        if self.pending and not (continues_sentence(self.pending[-1][0], text) and not _LABEL_LINE.match(text)):
            self.flush_pending()
        self.pending.append((text, el))

    def flush_pending(self) -> None:
        if self.pending:
            self.add("".join(t for t, _ in self.pending), self.pending[0][1])
            self.pending = []

    def add(self, text: str, el, style_level=None) -> None:
        block = add_text_block(self.doc, text, style_level=style_level)
        if block is not None and el is not None:
            block.element = css_path(el, self.positions)

    # -- the tree
    def visit(self, el, in_line_block: bool) -> None:
        tag = tag_of(el)
        if tag == "br":
            if in_line_block:
                self.add_inline(_BR)
            else:
                self.flush()
        elif tag == "table" and not is_layout_table(el):
            self.flush()
            self.flush_pending()
            self.table(el)
        elif tag in HEADING_TAGS:
            self.flush()
            self.flush_pending()
            text = collapse(_inline_text(el))
            if text:
                self.add(text.replace("\n", ""), el, style_level=int(tag[1]))
        elif tag == "li":
            self.flush()
            self.flush_pending()
            outer, self.block_el = self.block_el, el
            self.children(el, True)
            self.flush()
            self.flush_pending()  # list items are items, never halves of one sentence
            self.block_el = outer
        elif tag in BLOCK_TAGS or tag == "table":
            self.flush()
            outer, self.block_el = self.block_el, el
            self.children(el, tag in _LINE_TAGS)
            self.flush()
            self.block_el = outer
        else:
            self.children(el, in_line_block)

    def children(self, el, in_line_block: bool) -> None:
        self.add_inline(el.text)
        for child in el:
            if isinstance(child.tag, str):
                self.visit(child, in_line_block)
            self.add_inline(child.tail)

    # -- tables
    def table(self, el) -> None:
        rows = table_rows(el)
        spec = []
        for r, tr in enumerate(rows):
            cells = []
            for td in row_cells(tr):
                rowspan = min(_span(td.get("rowspan"), len(rows) - r), len(rows) - r)
                colspan = min(_span(td.get("colspan"), 1), _MAX_SPAN)
                cells.append((cell_text(td), rowspan, colspan))
            spec.append(cells)
        if not any(text.strip() for row in spec for text, _, _ in row):
            return  # an empty (spacer) table says nothing
        caption_el = next((c for c in el if tag_of(c) == "caption"), None)
        caption = collapse(_inline_text(caption_el)).replace("\n", " ") if caption_el is not None else None
        table = build_table(spec, caption=caption or caption_from_previous(self.doc)
                            or long_caption_from_previous(self.doc))
        block = self.doc.add(TABLE, table.as_text(), table=table)
        block.element = css_path(el, self.positions)


def _span(value, zero_means: int) -> int:
    """rowspan/colspan as browsers read them: leading digits, 0 = to the end, else 1."""
    m = re.match(r"\s*(\d+)", value or "")
    if not m:
        return 1
    n = int(m.group(1))
    return zero_means if n == 0 else max(1, n)


def _inline_text(el) -> str:
    """An element's text with <br> marked and block children on lines of their own."""
    parts = []

    def walk(node):
        if node.text:
            parts.append(node.text)
        for child in node:
            if isinstance(child.tag, str):
                tag = tag_of(child)
                if tag == "br":
                    parts.append(_BR)
                else:
                    block = tag in BLOCK_TAGS
                    if block:
                        parts.append(_BR)
                    walk(child)
                    if block:
                        parts.append(_BR)
            if child.tail:
                parts.append(child.tail)

    walk(el)
    return "".join(parts)


def cell_text(td) -> str:
    """A cell's lines (its paragraphs and <br> lines); a table inside it gives one line a
    cell. Tabs become spaces: a tab separates cells in Table.as_text."""
    lines = []

    def walk(node):
        buf = [node.text or ""]
        for child in node:
            if isinstance(child.tag, str):
                tag = tag_of(child)
                if tag == "table":
                    lines.append(collapse("".join(buf)))
                    buf = []
                    for tr in table_rows(child):
                        for inner in row_cells(tr):
                            walk(inner)
                elif tag == "br":
                    buf.append(_BR)
                elif tag in BLOCK_TAGS:
                    lines.append(collapse("".join(buf)))
                    buf = []
                    walk(child)
                else:
                    buf.append(_inline_text(child))
            buf.append(child.tail or "")
        lines.append(collapse("".join(buf)))

    walk(td)
    return "\n".join(l.replace("\t", " ") for l in lines if l.strip())
