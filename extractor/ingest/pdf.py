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
and joined across a page break too. Every block carries its page number and box.
How lines become blocks and tables is page_layout.py's, page_tables.py's and
ruled_tables.py's, shared with the OFD reader."""
from __future__ import annotations

import io
import os

import regex

from ..errors import IngestError
from ..model import Document
from . import ocr_budget
from .page_layout import lay_out_pages
from .page_text import Line, group_lines, join_cell_lines
from .ruled_tables import rulings_of_boxes, spec_rows, tables_from_rulings
from .text_tables import drawing_characters

_CJK = regex.compile(r"\p{Han}")

_A4 = (595.0, 842.0)  # the size assumed for a damaged first page (its own cannot be read)


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
                size, lines, ruled_tables, usable = _read_page(pdf, i, careful)
            except pdfium.PdfiumError as e:
                # a damaged page: the others are still read, this one is named as lost
                failed[i + 1] = str(e).strip() or type(e).__name__
                size, lines, ruled_tables, usable = sizes[-1] if sizes else _A4, [], None, False
            sizes.append(size)
            pages.append(lines)
            if i + 1 in failed:
                continue
            if not usable:
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
                    found = tables_from_rulings(hs, vs, reader.words)
                except ocr_budget.OverBudget as e:  # its table cells took the rest of the budget
                    not_ocred[i] = e
                    continue
                pages[i] = lines
                if found:
                    ocr_tables[i] = found
            for i in not_ocred:  # not read: whatever its damaged text layer held is no text either
                pages[i] = []
    finally:
        pdf.close()
    if not any(pages):
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
    lay_out_pages(doc, pages, sizes, tables)
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
    """(size, lines, tables, usable) of one page, opened once for its text, its rulings and
    its tables; tables is None on a page without rulings, [] when pdfplumber is to find them
    (`careful`) or none were found; usable: its text layer is the page's text (else it is
    read by OCR). PdfiumError for a page PDFium cannot load."""
    page = pdf[i]
    try:
        size = page.get_size()
        lines = group_lines(_page_lines(page))
        usable = _usable(lines, page)
        if not usable or not _has_rulings(page):
            return size, lines, None, usable
        return size, lines, ([] if careful else _ruled_tables(page, _page_chars(page), size[1]) or []), usable
    finally:
        page.close()


def _has_image(page) -> bool:
    import pypdfium2.raw as pdfium_c

    return next(page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,), max_depth=2), None) is not None


def _usable(lines: list, page=None) -> bool:
    """A text layer worth reading: some text, mostly real characters (not the garbage an
    invisible OCR layer of a bad scan sometimes has). A page of a few words and no image (a
    form's last row run onto a page of its own: 自评等级 优) is text too; only such a short
    page's objects are looked at."""
    text = "".join(l.text for l in lines)
    if not text.strip() or len(text) < 20 and (page is None or _has_image(page)):
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

    drawn = _drawn_spaces(textpage, text)
    if drawn is not None:
        # the page draws its spaces: the ones PDFium made up in a narrow gap are the layout's
        # spacing between Chinese and Latin (指标 1, 不少于 12 种) and go; kept as a mark so
        # the text's indices stay the PDF's
        text = "".join(_MADE_UP if i in drawn[1] else ch for i, ch in enumerate(text))
    lines = []
    for m in regex.finditer(r"[^\r\n]+", text):
        words = []  # (box, text, whether a drawn space follows it)
        for w in regex.finditer(r"\S+", m.group()):
            b = box(m.start() + w.start(), m.start() + w.end())
            if b is not None:
                follows = drawn is not None and m.start() + w.end() in drawn[0]
                words.append((b, w.group().replace(_MADE_UP, ""), follows))
        if not words:
            continue
        order = sorted(range(len(words)), key=lambda k: words[k][0][0])  # stable: pieces starting together keep their order
        # a line that ends in a drawn space broke between words (one that broke at a space may
        # also leave it out)
        ends_in_space = None if drawn is None else m.group().endswith(" ") and m.end() - 1 in drawn[0]
        lines.append(Line(_joined(words, order, drawn is not None), min(b[0] for b, _, _ in words),
                          min(b[1] for b, _, _ in words), max(b[2] for b, _, _ in words),
                          max(b[3] for b, _, _ in words), ends_in_space=ends_in_space))
    textpage.close()
    return lines


_CJK_SIDE = regex.compile(r"[\p{Han}，。；：、（）“”‘’《》！？]")


def _joined(words: list, order: list, draws_spaces: bool) -> str:
    """A line's pieces in the order of their left edges. Where the page draws its spaces, a
    space stands between two pieces only where the page drew one, or where PDFium made one up
    between Latin pieces; a gap beside Chinese it made up (a quote drawn after its line fills
    it) is no space. Elsewhere every gap is a space (group_lines sorts out the layout's)."""
    if not draws_spaces:
        return " ".join(words[k][1] for k in order)
    out = words[order[0]][1]
    for a, b in zip(order, order[1:]):
        # pieces next to each other in the text were split at a drawn space or at one PDFium
        # made up in a wide gap (a tab stop between two cells: 一级指标	二级指标); the made-up
        # ones in narrow gaps are no split (see _drawn_spaces)
        drawn_between = b == a + 1
        cjk = _CJK_SIDE.match(out[-1:]) or _CJK_SIDE.match(words[b][1][:1])
        out += (" " if drawn_between or not cjk else "") + words[b][1]
    return out


_MADE_UP = "\x00"  # a space PDFium made up that is no space of the text (see _drawn_spaces)
_NARROW_GAP = 0.5  # of the font size: the spacing a layout puts between Chinese and Latin is about 0.2-0.35


def _drawn_spaces(textpage, text: str):
    """(text indices of the spaces the page draws, text indices of made-up spaces in narrow
    gaps), or None when the page draws no spaces (then every space is PDFium's guess from the
    gaps, and a gap is all there is to tell cells apart). A made-up space in a narrow gap on a
    page that draws its spaces is the layout's (指标 1, 不少于 12 种, 结算 “一站式”); one in a wide
    gap (a tab stop) or before a run drawn out of its place (a quote drawn after its line) stays."""
    import pypdfium2.raw as raw

    drawn, narrow = set(), set()
    last = textpage.count_chars() - 1
    for m in regex.finditer(" ", text):
        ci = raw.FPDFText_GetCharIndexFromTextIndex(textpage, m.start())
        if ci < 0:
            continue
        if not raw.FPDFText_IsGenerated(textpage, ci):
            drawn.add(m.start())
        elif 0 < ci < last:
            left, right = textpage.get_charbox(ci - 1, loose=True), textpage.get_charbox(ci + 1, loose=True)
            size = raw.FPDFText_GetFontSize(textpage, ci - 1)
            same_line = min(left[3], right[3]) > max(left[1], right[1])
            if size > 0 and same_line and 0 <= right[0] - left[2] < _NARROW_GAP * size:
                narrow.add(m.start())
    return (drawn, narrow) if drawn else None


def _has_rulings(page) -> bool:
    import pypdfium2.raw as raw

    return any(obj.type == raw.FPDF_PAGEOBJ_PATH for obj in page.get_objects())


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
                    cells.update(bbox=t.bbox, spec=spec_rows(cells["cells"], cells["xs"]))
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


def _cell_text(page, bbox) -> str:
    x0, top, x1, bottom = bbox

    def centred(obj) -> bool:
        # a character belongs to the cell its centre is in (digits often overhang a rule)
        if obj.get("object_type") != "char":
            return False
        cx, cy = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
        return x0 <= cx <= x1 and top <= cy <= bottom

    text = page.filter(centred).extract_text() or ""
    return join_cell_lines([l.strip() for l in text.split("\n") if l.strip()])


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
    """Ruling lines: the boxes of the page's path objects (see rulings_of_boxes)."""
    import pypdfium2.raw as raw

    boxes = []
    for obj in page.get_objects():
        if obj.type == raw.FPDF_PAGEOBJ_PATH:
            left, bottom, right, top = obj.get_bounds()
            boxes.append((left, height - top, right, height - bottom))
    return rulings_of_boxes(boxes)


def _ruled_tables(page, runs: list, height: float) -> list:
    hs, vs = _segments(page, height)
    return tables_from_rulings(hs, vs, runs)

