"""PDF reports with a text layer.

Text comes from PDFium (pypdfium2): its text lines with their boxes, lines joined into
paragraphs where a line runs to the right margin and the next one starts at the left
margin without a numbering label (Chinese lines join without a space); paragraphs cut
mid-sentence are joined by the .txt reader's rule. Page headers and footers that repeat
on most pages, and page numbers, are dropped. Tables are looked for only on pages that
draw ruling lines (from PDFium's own drawing, or pdfplumber's table finder when asked);
the text inside them is taken out of the text flow, and a table continued on the next
page is joined to its first part. Tables printed as pipe rows (a .txt with | a | b | rows
printed to PDF) are read from the text lines by the .txt reader's rules (text_tables.py),
and joined across a page break too. Every block carries its page number and box."""
from __future__ import annotations

import io
import os
import statistics
from collections import Counter
from dataclasses import dataclass

import regex

from ..errors import IngestError
from ..model import TABLE, Document
from ..numbering import numbering_of
from . import ocr_budget
from .ocr import mend_figure_tails, mend_row_labels, mend_units
from .tables import build_table, caption_from_previous
from .text_blocks import add_text_block, continues_sentence
from .text_tables import drawing_characters, leading_caption, pipe_table_at, table_from_rows

_PAGE_NUMBER = regex.compile(r"^(?:[-—–\s]*\d{1,4}[-—–\s]*|第\s*\d+\s*页(?:\s*[/，,]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+)$")
_CJK = regex.compile(r"\p{Han}")
_CJK_EDGE = regex.compile(r"[\p{Han}，。；：、（）“”《》！？]")
# spaces PDF producers put between Chinese and Latin/digit runs are layout, not text
_LAYOUT_SPACE = regex.compile(r"(?<=[\p{Han}，。；：、（）“”])\s+|\s+(?=[\p{Han}，。；：、（）“”])")
_MARGIN_SHARE = 0.08
_SENTENCE_END = regex.compile(r"[。；！？：;!?:]$")
_OPENING = "（【〔《〈“‘「『"
_LABEL = regex.compile(r"^.{1,17}[：:]$")
# a line starting with a unit or closing punctuation continues the line above
_CONTINUES = regex.compile(r"^(?:[，。、；：！？）%]|(?:万元|亿元|元|人次|人|户|名|个|分)(?![\p{Han}]{0,1}[：:]))")


_A4 = (595.0, 842.0)  # the size assumed for a damaged first page (its own cannot be read)


@dataclass
class Line:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    confidence: float = None  # OCR lines: mean word confidence (0-100)


def read_pdf(path, data: bytes, careful: bool = None) -> Document:
    """`careful`: find tables with pdfplumber instead of PDFium's own drawing (slower; the
    two agree on the test PDFs, see tests). Default from EXTRACTOR_PDF_TABLES=pdfplumber."""
    import pypdfium2 as pdfium

    if careful is None:
        careful = os.environ.get("EXTRACTOR_PDF_TABLES") == "pdfplumber"
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        if "password" in str(e).lower():
            raise IngestError("encrypted PDF: it needs a password to open", code="encrypted_pdf")
        raise IngestError(f"corrupt PDF: {e}", code="corrupt_pdf")
    try:
        sizes, pages, scanned, ruled, tables, failed = [], [], [], [], {}, {}
        for i in range(len(pdf)):
            try:
                size, lines, ruled_tables = _read_page(pdf, i, careful)
            except pdfium.PdfiumError as e:
                # a damaged page: the others are still read, this one is named as lost
                failed[i + 1] = str(e).strip() or type(e).__name__
                size, lines, ruled_tables = sizes[-1] if sizes else _A4, [], None
            sizes.append(size)
            pages.append((lines, size[0]))
            if i + 1 in failed:
                continue
            if not _usable(lines):
                scanned.append(i)
            elif ruled_tables is not None:
                ruled.append(i)
                if ruled_tables:
                    tables[i] = ruled_tables
        if failed and len(failed) == len(pages):
            raise IngestError(f"corrupt PDF: no page could be loaded ({failed[1]})", code="corrupt_pdf")
        settings = ocr_budget.current()
        _defer(settings.mode, len(scanned), len(pages) - len(failed))
        ocr_tables, not_ocred = {}, {}
        if scanned:
            from .ocr import ocr_pages

            read, not_ocred = ocr_pages(pdf, scanned, Line, ocr_budget.FileBudget(settings))
            for i, (lines, (hs, vs), reader) in read.items():
                try:
                    found = _tables_from_rulings(hs, vs, reader.words)
                except ocr_budget.OverBudget as e:  # its table cells took the rest of the budget
                    not_ocred[i] = e
                    continue
                pages[i] = (lines, sizes[i][0])
                if found:
                    ocr_tables[i] = found
            for i in not_ocred:  # not read: whatever its damaged text layer held is no text either
                pages[i] = ([], sizes[i][0])
    finally:
        pdf.close()
    if not any(lines for lines, _ in pages):
        if not_ocred:
            raise IngestError(f"no text found: OCR stopped at its time limit on page(s) "
                              f"{_page_list(not_ocred)} ({next(iter(not_ocred.values())).reason})", code="ocr_timeout")
        raise IngestError("no text found, not even by OCR", code="no_text_layer")
    if careful:
        tables = _tables(data, ruled) if ruled else {}
    tables.update(ocr_tables)
    doc = Document(path=str(path), format="pdf-ocr" if scanned else "pdf", pages=len(pages),
                   pages_failed=sorted(failed))
    for number, reason in failed.items():
        doc.warnings.append({"code": "pages_failed", "severity": "warning",
                             "message": f"page {number} could not be read ({reason}); the other pages were"})
    _name_not_ocred(doc, not_ocred)
    repeated = _repeated_margins([lines for lines, _ in pages], sizes)
    carry = None  # a paragraph still open at the bottom of the previous page
    for number, ((lines, width), (_, height)) in enumerate(zip(pages, sizes), 1):
        page_tables = tables.get(number - 1, [])
        body = [l for l in lines if not _is_margin(l, height, repeated)
                and not any(_inside(l, t["bbox"]) for t in page_tables)]
        # a paragraph still open at the bottom of the previous page means no table ended it
        may_go_on = not (carry and carry.lines) and _open_text_table(doc, number)
        body, text_tables = _pipe_tables(body, page_tables, may_go_on)
        carry = _emit_page(doc, number, body, page_tables, width, carry, text_tables)
    if carry:
        carry.flush()
    return doc


def _defer(mode: str, scans: int, pages: int) -> None:
    """OcrDeferred when this pass leaves the file for another: --no-ocr and some page
    needs OCR, or --only-ocr and none does."""
    if mode == "off" and scans:
        raise ocr_budget.OcrDeferred(
            f"{scans} of {pages} pages have no text layer and need OCR: left for a run without --no-ocr "
            f"(or with --only-ocr) / {scans} 页没有文字层，需要 OCR，留待不带 --no-ocr 的运行", code="needs_ocr")
    if mode == "only" and not scans:
        raise ocr_budget.OcrDeferred("every page has a text layer: left for a run without --only-ocr / "
                                     "每页都有文字层，不需要 OCR，留待不带 --only-ocr 的运行", code="no_ocr_needed")


def _name_not_ocred(doc: Document, stopped: dict) -> None:
    """Pages whose OCR was stopped at a time limit: in source.pages_not_ocred, and one
    warning per reason in the record's errors (and so in the manifest)."""
    doc.pages_not_ocred = [{"page": i + 1, "reason": e.reason, "limit": e.limit} for i, e in sorted(stopped.items())]
    by_reason: dict = {}
    for i, e in sorted(stopped.items()):
        by_reason.setdefault(e.reason, []).append(i)
    for reason, indexes in by_reason.items():
        doc.warnings.append({"code": "pages_not_ocred", "severity": "warning",
                             "message": f"page(s) {_page_list(indexes)} not read: {reason}; the other pages were"})


def _page_list(indexes) -> str:
    return ", ".join(str(i + 1) for i in sorted(indexes))


def _read_page(pdf, i: int, careful: bool):
    """(size, lines, tables) of one page, opened once for its text, its rulings and its
    tables; tables is None on a page without rulings, [] when pdfplumber is to find them
    (`careful`) or none were found. PdfiumError for a page PDFium cannot load."""
    page = pdf[i]
    try:
        size = page.get_size()
        lines = _group_lines(_page_lines(page))
        if not _usable(lines) or not _has_rulings(page):
            return size, lines, None
        return size, lines, ([] if careful else _ruled_tables(page, _page_chars(page), size[1]) or [])
    finally:
        page.close()


def _usable(lines: list) -> bool:
    """A text layer worth reading: some text, mostly real characters (not the garbage an
    invisible OCR layer of a bad scan sometimes has)."""
    text = "".join(l.text for l in lines)
    if len(text) < 20:
        return False
    drawing = drawing_characters()  # a page of pipe rows (| 1 | 南坪镇 | 12.5 |) is text too
    good = sum(1 for ch in text if ch.isalnum() or _CJK.match(ch) or ch in "，。；：、（）%.," or ch in drawing)
    return good / len(text) > 0.6


def _page_lines(page) -> list:
    """PDFium's text lines with their boxes, in top-left coordinates.

    The text is read by character index (the page text split at PDFium's own line breaks),
    and only the boxes come from the character rectangles of each range. Reading the text
    back from a rectangle instead (get_text_bounded) repeats characters where rectangles
    overlap (（二）具体具体绩效分析) and loses quotes whose rectangle sits above the line's
    centre (坚持政策倾斜 for 坚持“政策倾斜”).

    Within a line PDFium keeps the order of the content stream, and a word processor may
    draw a line's quotes in a separate run after the rest (根据年度 “ ”, with a gap where
    they belong). So each line is cut at its spaces and the pieces are put in the order of
    their left edges: one box per piece, not per character."""
    import pypdfium2.raw as raw

    width, height = page.get_size()
    textpage = page.get_textpage()
    text = textpage.get_text_range()

    def box(start: int, end: int):
        """The box of text[start:end] (text, not char, indices: PDFium may insert or leave
        out characters), as (x0, top, x1, bottom), or None."""
        first = raw.FPDFText_GetCharIndexFromTextIndex(textpage, start)
        last = raw.FPDFText_GetCharIndexFromTextIndex(textpage, end - 1)
        if first < 0 or last < first:
            return None
        rects = [textpage.get_rect(i) for i in range(textpage.count_rects(first, last - first + 1))]
        if not rects:
            return None
        return (min(r[0] for r in rects), height - max(r[3] for r in rects), max(r[2] for r in rects),
                height - min(r[1] for r in rects))

    lines = []
    for m in regex.finditer(r"[^\r\n]+", text):
        words = []
        for w in regex.finditer(r"\S+", m.group()):
            b = box(m.start() + w.start(), m.start() + w.end())
            if b is not None:
                words.append((b, w.group()))
        if not words:
            continue
        words.sort(key=lambda bw: bw[0][0])  # stable: pieces starting together keep their order
        lines.append(Line(" ".join(w for _, w in words), min(b[0] for b, _ in words), min(b[1] for b, _ in words),
                          max(b[2] for b, _ in words), max(b[3] for b, _ in words)))
    textpage.close()
    return lines


def _group_lines(runs: list) -> list:
    """Runs (PDFium lines, or a cell's characters) whose vertical centres fall within each
    other's height form one line: PDFium may break a line where the text jumps sideways."""
    lines: list = []
    for run in sorted(runs, key=lambda r: (r.top + r.bottom) / 2):
        centre = (run.top + run.bottom) / 2
        if lines and lines[-1][0].top - 1 <= centre <= lines[-1][0].bottom + 1:
            lines[-1].append(run)
        else:
            lines.append([run])
    out = []
    for group in lines:
        group.sort(key=lambda r: r.x0)
        text = _LAYOUT_SPACE.sub("", "".join(r.text for r in group)).strip()
        out.append(Line(text, min(r.x0 for r in group), min(r.top for r in group), max(r.x1 for r in group),
                        max(r.bottom for r in group)))
    return out


def _has_rulings(page) -> bool:
    import pypdfium2.raw as raw

    return any(obj.type == raw.FPDF_PAGEOBJ_PATH for obj in page.get_objects())


def _repeated_margins(pages: list, sizes: list) -> set:
    """Texts (digits masked) in the top/bottom margin on at least half the pages."""
    if len(pages) < 3:
        return set()
    seen: Counter = Counter()
    for lines, (_, height) in zip(pages, sizes):
        keys = {regex.sub(r"\d+", "#", l.text) for l in lines
                if l.top < height * _MARGIN_SHARE or l.bottom > height * (1 - _MARGIN_SHARE)}
        seen.update(keys)
    return {k for k, n in seen.items() if n >= max(2, len(pages) // 2)}


def _is_margin(line: Line, height: float, repeated: set) -> bool:
    in_margin = line.top < height * _MARGIN_SHARE or line.bottom > height * (1 - _MARGIN_SHARE)
    if not in_margin:
        return False
    return bool(_PAGE_NUMBER.match(line.text)) or regex.sub(r"\d+", "#", line.text) in repeated


def _inside(line: Line, bbox) -> bool:
    x0, top, x1, bottom = bbox
    cx, cy = (line.x0 + line.x1) / 2, (line.top + line.bottom) / 2
    return x0 - 1 <= cx <= x1 + 1 and top - 1 <= cy <= bottom + 1


class _Paragraph:
    """Lines gathered into one paragraph, possibly across a page break."""

    def __init__(self, doc: Document, page: int, right: float, char: float):
        self.doc, self.page, self.right, self.char = doc, page, right, char
        self.lines: list = []

    def open_at_margin(self) -> bool:
        """Ends at the right margin without closing its sentence: may go on overleaf."""
        if not self.lines:
            return False
        last = self.lines[-1]
        return last.x1 >= self.right - 1.5 * self.char and not regex.search(r"[。；！？：:]$", last.text)

    def flush(self):
        if not self.lines:
            return
        text = "".join(_join(self.lines))
        page = self.page
        bbox = [round(min(l.x0 for l in self.lines), 1), round(self.lines[0].top, 1),
                round(max(l.x1 for l in self.lines), 1), round(self.lines[-1].bottom, 1)]
        confidences = [l.confidence for l in self.lines if l.confidence is not None]
        last = self.doc.blocks[-1] if self.doc.blocks else None
        if last is not None and last.kind != TABLE and last.raw and continues_sentence(last.raw, text) \
                and not _LABEL.match(text):
            # The paragraph above stopped mid-sentence (a line break in the source, often at
            # a page break): join it the way the .txt reader joins such lines. A short line
            # ending in a colon (附件1：) opens something new and is never the rest of one.
            self.doc.blocks.pop()
            text = "".join(_join([Line(last.raw, 0, 0, 0, 0), Line(text, 0, 0, 0, 0)]))
            if last.page == page and last.bbox:
                bbox = [min(last.bbox[0], bbox[0]), last.bbox[1], max(last.bbox[2], bbox[2]), bbox[3]]
            else:
                bbox = last.bbox  # a box on one page: the part where the paragraph starts
            page = last.page
            if last.confidence is not None:
                confidences.append(last.confidence)
        if confidences:  # read by OCR
            text = mend_units(text)
        block = add_text_block(self.doc, text, page=page, bbox=bbox)
        if block is not None and confidences:
            block.confidence = min(confidences)
        self.lines = []


def _emit_page(doc: Document, number: int, lines: list, tables: list, width: float, carry, text_tables=()):
    items = [("line", l.top, l) for l in lines] + [("table", t["bbox"][1], t) for t in tables] \
        + [("text_table", t["bbox"][1], t) for t in text_tables]
    items.sort(key=lambda x: x[1])
    if lines:
        left = min(l.x0 for l in lines)
        right = max(l.x1 for l in lines)
        char = statistics.median([(l.bottom - l.top) for l in lines]) or 10
        # the usual distance from one line's top to the next's: wide line spacing (1.5 lines)
        # leaves a gap of more than a character height inside a paragraph
        tops = sorted(l.top for l in lines)
        steps = [b - a for a, b in zip(tops, tops[1:]) if 0.8 * char < b - a < 3 * char]
        pitch = statistics.median(steps) if steps else 1.5 * char
    else:
        left, right, char, pitch = 0, width, 10, 15
    para = _Paragraph(doc, number, right, char)
    if carry is not None:
        first = items[0] if items else None
        if first and first[0] == "line" and carry.open_at_margin() and _at_left(first[2], left, char) \
                and not numbering_of(first[2].text)[0]:
            para.lines, para.page = carry.lines, carry.page  # the sentence goes on overleaf
        else:
            carry.flush()
    for kind, _, item in items:
        if kind == "table":
            para.flush()
            _emit_table(doc, number, item)
            continue
        if kind == "text_table":
            para.flush()
            _emit_text_table(doc, number, item)
            continue
        line = item
        if para.lines:
            prev = para.lines[-1]
            # a number too long for the rest of the line wraps early: allow a few characters' slack;
            # more under an indented first line that has not ended its sentence, where a line
            # back at the left margin can only go on the paragraph (a word or a punctuation mark
            # that may not start a line pushes the line above a few characters short)
            slack = 2.5
            if para.lines[0].x0 >= left + 1.5 * char and not _SENTENCE_END.search(prev.text):
                slack = 4
            runs_to_margin = prev.x1 >= right - slack * char
            starts_at_margin = _at_left(line, left, char)
            close = (line.top - prev.bottom <= 1.2 * char or line.top - prev.top <= 1.2 * pitch
                     or prev.top > line.top)  # (or overleaf)
            goes_on = bool(_CONTINUES.match(line.text)) and close  # 人，… cannot start a paragraph
            if not (goes_on or (runs_to_margin and starts_at_margin and close and not numbering_of(line.text)[0])):
                para.flush()
        para.lines.append(line)
    return para


def _at_left(line: Line, left: float, char: float) -> bool:
    """Does the line start at the left margin (not indented)? A full-width opening bracket
    or quote draws its glyph in the right half of its box, so its ink starts later."""
    inset = 0.8 if line.text[:1] in _OPENING else 0.5
    return line.x0 <= left + inset * char


def _join(lines: list) -> list:
    out = [lines[0].text]
    for prev, line in zip(lines, lines[1:]):
        a, b = prev.text[-1:], line.text[:1]
        latin = regex.match(r"[A-Za-z0-9]", a) and regex.match(r"[A-Za-z0-9]", b)
        out.append((" " if latin else "") + line.text)
    return out


def _emit_table(doc: Document, number: int, found: dict) -> None:
    spec = found["spec"]
    last = doc.blocks[-1] if doc.blocks else None
    # A table that opens a page right after a table closing the previous one, with the
    # same number of columns, is the same table continued.
    if last is not None and last.kind == TABLE and getattr(last, "end_page", last.page) == number - 1 \
            and found["first_on_page"] \
            and getattr(last, "xs", None) and found["x1"] <= last.xs[-1] + 2 and found["x0"] >= last.xs[0] - 2:
        spec = _spec_rows(found["cells"], last.xs)  # columns measured against the first part
        old = [[(c.raw if c.raw is not None else c.text, c.rowspan, c.colspan) + _cell_extra(c) for c in row
                if c.merged_from is None] for row in last.table.rows]
        header = old[: last.table.header_rows]
        if header and [e[0] for e in spec[0]] == [e[0] for e in header[0]]:
            spec = spec[len(header):]  # the header repeated on the new page
        if spec and old and spec[0] and not spec[0][0][0] and old[-1] and old[-1][0][0] \
                and [c[2] for c in spec[0]] == [c[2] for c in old[-1]]:
            # a row cut by the page break: its first cell is empty overleaf; the texts go on
            old[-1] = [(a[0] + b[0],) + a[1:] for a, b in zip(old[-1], spec[0])]
            spec = spec[1:]
        table = build_table(old + spec, caption=last.table.caption)
        mend_row_labels(table)
        mend_figure_tails(table)
        last.table = table
        last.text = table.as_text()
        last.end_page = number
        return
    table = build_table(spec, caption=caption_from_previous(doc) or _long_caption(doc, number))
    mend_row_labels(table)
    mend_figure_tails(table)
    block = doc.add(TABLE, table.as_text(), table=table, page=number, bbox=[round(v, 1) for v in found["bbox"]])
    block.xs = found["xs"]


def _pipe_tables(lines: list, ruled: list, may_go_on: bool) -> tuple:
    """Tables printed as pipe rows, one a text line (a .txt printed to PDF): the page's
    other lines, and each table as {"found", "bbox", "first_on_page"}. `may_go_on`: the
    previous page ended in such a table, so one row at the top of this page is its rest."""
    if any(l.confidence is not None for l in lines):
        return lines, []  # read by OCR: a table's rules read as | are no pipe rows
    texts = [l.text for l in lines]
    rest, found = [], []
    i = 0
    while i < len(lines):
        first = i == 0 and not any(t["bbox"][1] < lines[0].top for t in ruled)
        table = pipe_table_at(texts, i, min_rows=1 if first and may_go_on else 2)
        if table is None or not table.rows:
            upto = i + 1 if table is None else table.end
            rest.extend(lines[i:upto])
            i = upto
            continue
        own = lines[table.start:table.end]
        bbox = [min(l.x0 for l in own), own[0].top, max(l.x1 for l in own), own[-1].bottom]
        found.append({"found": table, "bbox": bbox, "first_on_page": first})
        i = table.end
    return rest, found


def _open_text_table(doc: Document, number: int) -> bool:
    """Did the previous page end in a table printed as pipe rows?"""
    last = doc.blocks[-1] if doc.blocks else None
    return last is not None and last.kind == TABLE and getattr(last, "text_lines", None) is not None \
        and getattr(last, "end_page", last.page) == number - 1


def _emit_text_table(doc: Document, number: int, item: dict) -> None:
    found = item["found"]
    last = doc.blocks[-1] if doc.blocks else None
    if item["first_on_page"] and _open_text_table(doc, number):
        # the table goes on from the previous page (a row may be cut by the page break):
        # its lines are read again as one table
        lines = last.text_lines + found.lines
        whole = pipe_table_at(lines, 0)
        if whole is not None and whole.rows and whole.end == len(lines):
            caption, rows = leading_caption(whole.rows)
            last.table = table_from_rows(rows, caption or last.table.caption)
            last.text = last.table.as_text()
            last.text_lines = lines
            last.end_page = number
            return
    caption, rows = leading_caption(found.rows)
    table = table_from_rows(rows, caption or caption_from_previous(doc) or _long_caption(doc, number))
    block = doc.add(TABLE, table.as_text(), table=table, page=number, bbox=[round(v, 1) for v in item["bbox"]])
    block.text_lines = found.lines


def _cell_extra(cell) -> tuple:
    """A built cell's OCR box and confidence, as a spec entry carries them."""
    return ({"bbox": cell.bbox, "confidence": cell.confidence},) if cell.confidence is not None else ()


def _long_caption(doc: Document, number: int):
    """A title longer than caption_from_previous allows (a project's full name + 情况表)
    right above the table on the same page is its caption too. (The .txt reader
    finds such titles as one-cell rows of the table itself.)"""
    last = doc.blocks[-1] if doc.blocks else None
    if last is None or last.kind == TABLE or last.page != number or len(last.text) > 80:
        return None
    return last.text if regex.search(r"表$", last.text) and not regex.search(r"[。；，]", last.text) else None


def _tables(data: bytes, page_indexes: list) -> dict:
    """pdfplumber's tables on the pages that have ruling lines: {page index: [table]}."""
    import pdfplumber

    out = {}
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for i in page_indexes:
            page = pdf.pages[i]
            found = []
            for t in page.find_tables():
                cells = _spec_of(t)
                if cells["cells"]:
                    cells.update(bbox=t.bbox, spec=_spec_rows(cells["cells"], cells["xs"]))
                    found.append(cells)
            if found:
                words = page.extract_words()
                first_top = min((w["top"] for w in words), default=0)
                for t in found:
                    t["first_on_page"] = t["bbox"][1] <= first_top + 2
                out[i] = found
            page.close()
    return out


def _spec_of(table) -> dict:
    """Cell boxes and texts of a pdfplumber table, and its column boundaries."""
    texts = {}
    for row in table.rows:
        for bbox in row.cells:
            if bbox is not None:
                texts[tuple(bbox)] = _cell_text(table.page, bbox)
    cells = [(tuple(c), texts.get(tuple(c), "")) for c in table.cells]
    xs = sorted({round(c[0], 0) for c, _ in cells} | {round(c[2], 0) for c, _ in cells})
    return {"cells": cells, "xs": xs, "x0": table.bbox[0], "x1": table.bbox[2]}


def _spec_rows(cells: list, xs: list) -> list:
    """build_table spec rows: a cell spanning several column (row) boundaries is a colspan
    (rowspan). Where a row has no cell over a column (a table finder may leave out the empty
    part of a cell merged on the previous page), an empty cell keeps the others in place."""
    tops = sorted({round(entry[0][1], 0) for entry in cells})
    entries = [[] for _ in tops]
    covered = set()
    for c, text, *ocr in sorted(cells, key=lambda ct: (round(ct[0][1], 0), ct[0][0])):
        r = tops.index(round(c[1], 0))
        # each edge at its nearest boundary: a table continued on a scanned page sits a
        # few points off the first part's columns, and a boundary a little inside a cell
        # is not a column it spans
        col = min(range(len(xs)), key=lambda j: abs(xs[j] - c[0]))
        colspan = max(1, min(range(len(xs)), key=lambda j: abs(xs[j] - c[2])) - col)
        rowspan = 1 + sum(1 for y in tops if c[1] + 1 < y < c[3] - 1)
        extra = ({"bbox": [float(v) for v in c], **ocr[0]},) if ocr else ()  # an OCR cell keeps its box and confidence
        entries[r].append((col, (text, rowspan, colspan) + extra))
        covered |= {(rr, cc) for rr in range(r, r + rowspan) for cc in range(col, col + colspan)}
    spec = []
    for r, row in enumerate(entries):
        starts = dict(row)
        out = []
        for col in range(max(len(xs) - 1, max(starts, default=0) + 1)):
            if col in starts:
                out.append(starts[col])
            elif (r, col) not in covered:
                out.append(("", 1, 1))  # nothing drawn here: keep the columns in place
        spec.append(out)
    return spec


def _cell_text(page, bbox) -> str:
    x0, top, x1, bottom = bbox

    def centred(obj) -> bool:
        # a character belongs to the cell its centre is in (digits often overhang a rule)
        if obj.get("object_type") != "char":
            return False
        cx, cy = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
        return x0 <= cx <= x1 and top <= cy <= bottom

    text = page.filter(centred).extract_text() or ""
    return _join_cell_lines([l.strip() for l in text.split("\n") if l.strip()])


def _join_cell_lines(lines: list) -> str:
    """A cell's wrapped lines as one text: Chinese (and its punctuation) joins without a
    space, Latin words with one; other breaks stay line breaks."""
    out = ""
    for line in lines:
        if out and regex.match(r"[A-Za-z0-9]", out[-1]) and regex.match(r"[A-Za-z0-9]", line[0]):
            out += " "
        elif out and not (_CJK_EDGE.match(out[-1]) or _CJK_EDGE.match(line[0])):
            out += "\n"
        out += line
    return _LAYOUT_SPACE.sub("", out)


# ---------------------------------------------------------------- tables from PDFium's drawing

def _page_chars(page) -> list:
    """Every character with its own box: PDFium's text runs can overlap inside table cells,
    and a run's bounded text then repeats its neighbour's characters."""
    width, height = page.get_size()
    textpage = page.get_textpage()
    chars = []
    for i in range(textpage.count_chars()):
        ch = textpage.get_text_range(i, 1)
        if not ch.strip():
            continue
        left, bottom, right, top = textpage.get_charbox(i, loose=True)  # full line height: punctuation stays in its line
        chars.append(Line(ch, left, height - top, right, height - bottom))
    textpage.close()
    return chars


def _segments(page, height: float) -> tuple[list, list]:
    """Ruling lines: thin path objects, as (y, x0, x1) horizontals and (x, y0, y1) verticals;
    a rectangle drawn as one path gives its four edges."""
    import pypdfium2.raw as raw

    hs, vs = [], []
    for obj in page.get_objects():
        if obj.type != raw.FPDF_PAGEOBJ_PATH:
            continue
        left, bottom, right, top = obj.get_bounds()
        x0, y0, x1, y1 = left, height - top, right, height - bottom
        w, h = x1 - x0, y1 - y0
        if h <= 2 and w > 3:
            hs.append(((y0 + y1) / 2, x0, x1))
        elif w <= 2 and h > 3:
            vs.append(((x0 + x1) / 2, y0, y1))
        elif w > 3 and h > 3:
            hs += [(y0, x0, x1), (y1, x0, x1)]
            vs += [(x0, y0, y1), (x1, y0, y1)]
    return hs, vs


def _snap(values: list, tol: float = 2.0) -> list:
    out: list = []
    for v in sorted(values):
        if not out or v - out[-1] > tol:
            out.append(v)
    return out


def _ruled_tables(page, runs: list, height: float) -> list:
    hs, vs = _segments(page, height)
    return _tables_from_rulings(hs, vs, runs)


def _tables_from_rulings(hs: list, vs: list, runs) -> list:
    """Tables from ruling segments and boxed text: a list of runs (characters), or a
    function giving the runs inside a list of cell boxes (OCR of those cells)."""
    if len(hs) < 2 or len(vs) < 2:
        return []
    found = []
    all_runs = []
    for h_group, v_group in _clusters(hs, vs):
        grid = _grid_cells(h_group, v_group)
        if grid is None:
            continue
        region = runs(grid[2]) if callable(runs) else runs
        all_runs += region
        found.append(_fill_grid(*grid, region))
    runs = all_runs
    if found:
        first_top = min((r.top for r in runs), default=0)
        for t in found:
            t["first_on_page"] = t["bbox"][1] <= first_top + 2
    return found


def _clusters(hs: list, vs: list, tol: float = 2.0) -> list:
    """Groups of ruling lines that touch each other: one group per table."""
    items = [("h", s) for s in hs] + [("v", s) for s in vs]
    parent = list(range(len(items)))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, (ki, a) in enumerate(items):
        if ki != "h":
            continue
        for j, (kj, b) in enumerate(items):
            if kj == "v" and a[1] - tol <= b[0] <= a[2] + tol and b[1] - tol <= a[0] <= b[2] + tol:
                parent[find(i)] = find(j)
    groups: dict = {}
    for i, item in enumerate(items):
        groups.setdefault(find(i), []).append(item)
    out = []
    for members in groups.values():
        h = [s for k, s in members if k == "h"]
        v = [s for k, s in members if k == "v"]
        if len(h) >= 2 and len(v) >= 2:
            out.append((h, v))
    return sorted(out, key=lambda g: min(s[0] for s in g[0]))


def _grid_cells(hs: list, vs: list, tol: float = 2.0):
    """The cells the rules enclose: (xs, ys, cell boxes, owner of each grid slot), or None."""
    xs = _snap([s[0] for s in vs])
    ys = _snap([s[0] for s in hs])
    if len(xs) < 2 or len(ys) < 2:
        return None

    def has_v(x, y_lo, y_hi):  # a vertical rule at x covering the span between y_lo and y_hi
        mid = (y_lo + y_hi) / 2
        return any(abs(s[0] - x) <= tol and s[1] - tol <= mid <= s[2] + tol for s in vs)

    def has_h(y, x_lo, x_hi):
        mid = (x_lo + x_hi) / 2
        return any(abs(s[0] - y) <= tol and s[1] - tol <= mid <= s[2] + tol for s in hs)

    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    owner = {}
    cells = []
    for r in range(n_rows):
        for c in range(n_cols):
            if (r, c) in owner:
                continue
            c2 = c
            while c2 + 1 < n_cols and not has_v(xs[c2 + 1], ys[r], ys[r + 1]):
                c2 += 1
            r2 = r
            while r2 + 1 < n_rows and not has_h(ys[r2 + 1], xs[c], xs[c2 + 1]):
                r2 += 1
            for rr in range(r, r2 + 1):
                for cc in range(c, c2 + 1):
                    owner[(rr, cc)] = len(cells)
            cells.append((xs[c], ys[r], xs[c2 + 1], ys[r2 + 1]))
    return xs, ys, cells, owner


def _fill_grid(xs: list, ys: list, cells: list, owner: dict, runs: list) -> dict:
    """The table of a grid: each run goes to the cell its centre is in."""
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    texts = {i: [] for i in range(len(cells))}
    for run in runs:
        cx, cy = (run.x0 + run.x1) / 2, (run.top + run.bottom) / 2
        if not (xs[0] <= cx <= xs[-1] and ys[0] <= cy <= ys[-1]):
            continue
        c = max(j for j in range(n_cols) if xs[j] <= cx)
        r = max(i for i in range(n_rows) if ys[i] <= cy)
        texts[owner[(min(r, n_rows - 1), min(c, n_cols - 1))]].append(run)
    with_text = [((round(b[0], 1), round(b[1], 1), round(b[2], 1), round(b[3], 1)), _runs_text(texts[i]))
                 + _ocr_extra(texts[i]) for i, b in enumerate(cells)]
    cell_xs = sorted({round(x, 0) for x in xs})
    return {"cells": with_text, "xs": cell_xs, "x0": xs[0], "x1": xs[-1], "bbox": (xs[0], ys[0], xs[-1], ys[-1]),
            "spec": _spec_rows(with_text, cell_xs)}


def _ocr_extra(runs: list) -> tuple:
    """For a cell read by OCR: ({"confidence": lowest run confidence},), so its facts can
    say how sure the engine was; () for a digital cell."""
    confidences = [r.confidence for r in runs if r.confidence is not None]
    return ({"confidence": min(confidences)},) if confidences else ()


def _runs_text(runs: list) -> str:
    """A cell's characters as text, lines top to bottom."""
    return _join_cell_lines([l.text for l in _group_lines(runs) if l.text])
