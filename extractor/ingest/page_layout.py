"""Pages of positioned text lines into a Document's blocks, the way a reader sees a
fixed-layout page (PDF, OFD): page headers and footers that repeat on most pages and
page numbers dropped; lines joined into paragraphs where a line runs to the right margin
and the next one starts at the left margin without a numbering label (Chinese lines join
without a space), also across a page break; the tables found on a page placed among the
paragraphs by their top. What becomes of the tables (one continued overleaf joined to its
first part, tables printed as text read from the lines) is page_tables.py's."""
from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import replace
from functools import lru_cache

import regex

from ..model import TABLE, Document
from ..numbering import numbering_of
from ..patterns import load_json
from .cell_rows import is_cell_row
from .ocr_mend import mend_units
from .inline_tables import inline_table_apart
from .page_tables import _add_table, _emit_table, _emit_text_table, _open_text_table, _tables_in_lines
from .page_text import Line, ends_in_figure, figure_unit_space
from .preview_chunks import chunk_text, preview_block_runs
from .stacked_headers import joined_stacked
from .text_blocks import add_text_block, continues_sentence

_PAGE_NUMBER = regex.compile(r"^(?:[-—–\s]*\d{1,4}[-—–\s]*|第\s*\d+\s*页(?:\s*[/，,]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+)$")
_MARGIN_SHARE = 0.08
_BARE_NUMBER = regex.compile(r"^\s*(\d{1,4})\s*$")
_SENTENCE_END = regex.compile(r"[。；！？：;!?:]$")
_OPENING = "（【〔《〈“‘「『"
_LABEL = regex.compile(r"^.{1,17}[：:]$")
# a line starting with a unit or closing punctuation continues the line above
# a line no paragraph starts with: punctuation that closes a clause (人，…), or the unit of a
# figure the line above ended in (120 | 人参加培训; after words, 分值 or 分配办法 is a word)
_CONTINUES = regex.compile(r"^[，。、；：！？）%]")
# Latin digits and letters are about half a character wide (0.6 with the fonts CJK text sets them in)
_UNBROKEN_RUN = regex.compile(r"[0-9A-Za-z.%,]+")
_UNIT_GOES_ON = regex.compile(r"^(?:万元|亿元|元|人次|人|户|名|个|分)(?![\p{Han}]{0,1}[：:])")


def lay_out_pages(doc: Document, pages: list, sizes: list, tables: dict) -> None:
    """Add the blocks of `pages` (each a list of Lines, top to bottom or not) to `doc`;
    `sizes` are the pages' (width, height), `tables` the ruled tables found on them,
    {page index: [table as tables_from_rulings gives it]}."""
    repeated = _repeated_margins(pages, sizes)
    offset = _page_number_offset(pages, sizes)
    carry = None  # a paragraph still open at the bottom of the previous page
    bodies = [joined_stacked([l for l in lines if not _is_margin(l, height, repeated, number + offset)
                              and not any(_inside(l, t["bbox"]) for t in tables.get(number - 1, []))],
                             _text_of, _one_line)
              for number, (lines, (width, height)) in enumerate(zip(pages, sizes), 1)]
    taken = 0  # lines at the top of this page that a table one cell a line overleaf took
    for number, (body, (width, _)) in enumerate(zip(bodies, sizes), 1):
        page_tables = tables.get(number - 1, [])
        # a paragraph still open at the bottom of the previous page means no table ended it
        may_go_on = not (carry and carry.lines) and _open_text_table(doc, number)
        overleaf = bodies[number] if number < len(bodies) else []
        body, text_tables, taken = _tables_in_lines(body[taken:], page_tables, may_go_on, overleaf)
        carry = _emit_page(doc, number, body, page_tables, width, carry, text_tables)
    if carry:
        carry.flush()
    _join_preview_chunks(doc)


def _join_preview_chunks(doc: Document) -> None:
    """A document-sharing site's preview saved and printed: its numbered chunks (1、 2、 …,
    cut anywhere, inside a figure too) laid out as paragraphs are one text again, as the .txt
    reader joins them (preview_chunks.py)."""
    blocks = doc.blocks
    texts = [block.raw or block.text for block in blocks]
    runs = {a: (b, starts) for a, b, starts in preview_block_runs(texts)
            if all(blocks[k].kind != TABLE for k in range(a, b + 1))}
    if not runs:
        return
    doc.blocks = []
    k = 0
    while k < len(blocks):
        if k not in runs:
            blocks[k].index = len(doc.blocks)
            doc.blocks.append(blocks[k])
            k += 1
            continue
        b, starts = runs[k]
        pieces = [chunk_text(texts[n]) if n in starts else texts[n] for n in range(k, b + 1)]
        # (paragraphs inside a chunk broke where a line ended short: joined as wrapped lines are)
        wrapped = _join([Line(t, 0, 0, 0, 0) for t in pieces])
        text = "".join(piece if n in starts else joined for n, piece, joined in zip(range(k, b + 1), pieces, wrapped))
        add_text_block(doc, text, page=blocks[k].page, bbox=blocks[k].bbox)
        k = b + 1


def _text_of(line) -> str:
    return line.text


def _one_line(upper, lower, text: str):
    """A header written over two lines (stacked_headers.py) as one line where the upper stood."""
    return replace(upper, text=text, x0=min(upper.x0, lower.x0), x1=max(upper.x1, lower.x1), bottom=lower.bottom)


def _repeated_margins(pages: list, sizes: list) -> set:
    """Texts (digits masked) in the top/bottom margin on at least half the pages. A figure in
    a running header or footer stays the same (2023年度…) or counts the pages (第3页); cells at
    the pages' edges (指标12, 指标31) have figures that do neither, and are the report's own."""
    if len(pages) < 3:
        return set()
    seen: Counter = Counter()
    figures: dict = {}  # key → {(figure, page number)}
    for number, (lines, (_, height)) in enumerate(zip(pages, sizes), 1):
        keys = {regex.sub(r"\d+", "#", l.text): l.text for l in lines if _in_margin(l, height)}
        seen.update(keys.keys())
        for key, text in keys.items():
            if m := regex.search(r"\d+", text):
                figures.setdefault(key, set()).add((int(m.group(0)), number))
    return {k for k, n in seen.items() if n >= max(2, len(pages) // 2) and _header_figures(figures.get(k, set()))}


def _header_figures(found: set) -> bool:
    return len({f for f, _ in found}) <= 1 or len({f - page for f, page in found}) == 1


def _in_margin(line: Line, height: float) -> bool:
    return line.top < height * _MARGIN_SHARE or line.bottom > height * (1 - _MARGIN_SHARE)


def _page_number_offset(pages: list, sizes: list) -> int:
    """What a bare page number adds to the page's own number: 0, or -1 under an unnumbered
    cover, 36 for pages 37-40 printed from a longer report. The difference most bare figures
    in the margins share, on two pages or more; 0 when none does."""
    seen: Counter = Counter()
    for number, (lines, (_, height)) in enumerate(zip(pages, sizes), 1):
        seen.update({int(m.group(1)) - number for l in lines if _in_margin(l, height)
                     and (m := _BARE_NUMBER.match(l.text))})
    common = seen.most_common(1)
    return common[0][0] if common and common[0][1] >= 2 else 0


def _is_margin(line: Line, height: float, repeated: set, page_number: int) -> bool:
    """A page's number, header or footer. A bare figure in the margin is the page's number
    only when it is that number (a form's cell at a page's edge is one too, but not in step
    with the pages)."""
    if not _in_margin(line, height):
        return False
    if m := _BARE_NUMBER.match(line.text):
        return int(m.group(1)) == page_number
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
        elif (inline := inline_table_apart(text)) is not None:
            # a table run into the paragraph (a line flattened a space between cells): the text
            # before it, the table, and the text after it as a paragraph of its own
            before, rows, text = inline
            if before:
                add_text_block(self.doc, before, page=page, bbox=bbox)
            _add_table(self.doc, page, rows, bbox)
        block = add_text_block(self.doc, text, page=page, bbox=bbox) if text else None
        if block is not None and confidences:
            block.confidence = min(confidences)
        self.lines = []


# how many characters short of the mirrored margin a page's widest line may end and still be
# taken to reach it (a line breaks early before a figure or a word that does not fit)
_SHORT_OF_THE_MARGIN = 4


def _emit_page(doc: Document, number: int, lines: list, tables: list, width: float, carry, text_tables=()):
    items = [("line", l.top, l) for l in lines] + [("table", t["bbox"][1], t) for t in tables] \
        + [("text_table", t["bbox"][1], t) for t in text_tables]
    items.sort(key=lambda x: x[1])
    short_cells = False
    if lines:
        left = min(l.x0 for l in lines)
        right = max(l.x1 for l in lines)
        char = statistics.median([(l.bottom - l.top) for l in lines]) or 10
        if right < left + 0.5 * (width - 2 * left):
            # no line on the page comes near the margin (a page of short cells one a line):
            # the margin is where the page's own margin puts it, not at its widest cell
            right = width - left
            short_cells = True
        elif right < width - left - _SHORT_OF_THE_MARGIN * char and all(l.confidence is None for l in lines):
            # nor does its widest line come within a few characters of the margin its left one
            # mirrors (a page of headings and cells, none long enough to wrap): that line did
            # not run on into the next. (Not on a scan, whose text may sit off the page's centre.)
            right = width - left
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
            # (or, after an open sentence, as much as the run of digits and Latin letters the
            # line opens with, which breaks nowhere: a form's cells run together, 20100%100%20; a
            # year, 2021年…, may open a new line of its own)
            unbroken = _UNBROKEN_RUN.match(line.text)
            if unbroken and len(unbroken.group()) >= 5 and not _SENTENCE_END.search(prev.text):
                slack = max(slack, 0.6 * len(unbroken.group()) + 1)  # (and the character after it)
            runs_to_margin = prev.x1 >= right - slack * char
            starts_at_margin = _at_left(line, left, char)
            close = (line.top - prev.bottom <= 1.2 * char or line.top - prev.top <= 1.2 * pitch
                     or prev.top > line.top)  # (or overleaf)
            # (on a page of short cells a line is a cell: 人 after 2600 is the 度量单位 column,
            # 个别对象不满意 after a score is the reason column, % alone a unit column)
            goes_on = close and (bool(_CONTINUES.match(line.text)) and not (short_cells and line.text.strip() == "%")
                                 or not short_cells and bool(_UNIT_GOES_ON.match(line.text)) and prev.text[-1:].isdigit())
            if not (goes_on or (runs_to_margin and starts_at_margin and close and not numbering_of(line.text)[0]
                                and not _opens_total_row(line.text))):
                para.flush()
        para.lines.append(line)
    return para


@lru_cache(maxsize=1)
def _total_row() -> regex.Pattern:
    words = sorted(load_json("forms.json")["total_rows"] + ["小计"], key=len, reverse=True)
    return regex.compile(r"^\s*(?:" + "|".join(" *".join(w) for w in words) + r")\s+[\d.]")


def _opens_total_row(text: str) -> bool:
    """A form's total or subtotal row (总分 100 97.5, 小计 35 32.75) opens a line of its own:
    it never goes on a long reason text in the row above that ran to the margin."""
    return _total_row().match(text) is not None


def _at_left(line: Line, left: float, char: float) -> bool:
    """Does the line start at the left margin (not indented)? A full-width opening bracket
    or quote draws its glyph in the right half of its box, so its ink starts later."""
    inset = 0.8 if line.text[:1] in _OPENING else 0.5
    return line.x0 <= left + inset * char


def _join(lines: list) -> list:
    out = [lines[0].text]
    for prev, line in zip(lines, lines[1:]):
        if prev.ends_in_space:  # the page drew the space it broke at
            out.append(" " + line.text)
            continue
        a, b = prev.text[-1:], line.text[:1]
        latin = regex.match(r"[A-Za-z0-9]", a) and regex.match(r"[A-Za-z0-9]", b)
        if prev.ends_in_space is False:
            # a page that draws its spaces mostly broke inside a word here (Chinese breaks
            # anywhere; it may also leave out the space it broke at): in a row of cells only a
            # figure (with its unit) before the break and a figure or a word after it are
            # taken to be two cells (3220人 | 2, 10 | 生态效益指标; not 不少于 | 960, 120 | 人次)
            unit = figure_unit_space().match(f"{prev.text} {line.text}", len(prev.text))
            cells = not unit and ends_in_figure(prev.text, line.text) and is_cell_row(prev.text)
            out.append((" " if latin or cells else "") + line.text)
            continue
        # a row of cells wrapped at the margin broke at a space between two cells
        out.append((" " if latin or is_cell_row(prev.text) else "") + line.text)
    return out
