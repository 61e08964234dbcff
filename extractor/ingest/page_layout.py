"""Pages of positioned text lines into a Document's blocks, the way a reader sees a
fixed-layout page (PDF, OFD): page headers and footers that repeat on most pages and
page numbers dropped; lines joined into paragraphs where a line runs to the right margin
and the next one starts at the left margin without a numbering label (Chinese lines join
without a space), also across a page break; the tables found on a page placed among the
paragraphs by their top, and a table continued on the next page joined to its first
part; tables printed as pipe rows, or one cell a line (a web page's table saved as text), read
from the lines by the .txt reader's rules."""
from __future__ import annotations

import statistics
from collections import Counter
from functools import lru_cache

import regex

from ..model import TABLE, Document
from ..numbering import numbering_of
from ..patterns import load_json
from .cell_rows import is_cell_row
from .ocr import mend_figure_tails, mend_row_labels, mend_units
from .page_text import Line, ends_in_figure, figure_unit_space
from .ruled_tables import spec_rows
from .tables import build_table, caption_from_previous
from .cell_lines import cell_line_table_at
from .spaced_tables import one_space_table_at
from .text_blocks import add_text_block, continues_sentence
from .text_tables import leading_caption, pipe_table_at, stated_figure_rows, table_from_rows

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
    bodies = [[l for l in lines if not _is_margin(l, height, repeated, number + offset)
               and not any(_inside(l, t["bbox"]) for t in tables.get(number - 1, []))]
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
        block = add_text_block(self.doc, text, page=page, bbox=bbox)
        if block is not None and confidences:
            block.confidence = min(confidences)
        self.lines = []


def _emit_page(doc: Document, number: int, lines: list, tables: list, width: float, carry, text_tables=()):
    items = [("line", l.top, l) for l in lines] + [("table", t["bbox"][1], t) for t in tables] \
        + [("text_table", t["bbox"][1], t) for t in text_tables]
    items.sort(key=lambda x: x[1])
    short_cells = False
    if lines:
        left = min(l.x0 for l in lines)
        right = max(l.x1 for l in lines)
        if right < left + 0.5 * (width - 2 * left):
            # no line on the page comes near the margin (a page of short cells one a line):
            # the margin is where the page's own margin puts it, not at its widest cell
            right = width - left
            short_cells = True
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


def _emit_table(doc: Document, number: int, found: dict) -> None:
    spec = found["spec"]
    last = doc.blocks[-1] if doc.blocks else None
    # A table that opens a page right after a table closing the previous one, with the
    # same number of columns, is the same table continued.
    if last is not None and last.kind == TABLE and getattr(last, "end_page", last.page) == number - 1 \
            and found["first_on_page"] \
            and getattr(last, "xs", None) and found["x1"] <= last.xs[-1] + 2 and found["x0"] >= last.xs[0] - 2:
        spec = spec_rows(found["cells"], last.xs)  # columns measured against the first part
        old = [[(c.raw if c.raw is not None else c.text, c.rowspan, c.colspan) + _cell_extra(c) for c in row
                if c.merged_from is None] for row in last.table.rows]
        header = old[: last.table.header_rows]
        if header and [e[0] for e in spec[0]] == [e[0] for e in header[0]]:
            spec = spec[len(header):]  # the header repeated on the new page
        if spec and old and spec[0] and old[-1] and [c[2] for c in spec[0]] == [c[2] for c in old[-1]] \
                and (not spec[0][0][0] and old[-1][0][0] and not _words_then_figures(old[-1], spec[0])
                     or _words_cut_by_the_page(old[-1], spec[0])):
            # a row cut by the page break: its first cell is empty overleaf (or it is a row of
            # words, each going on in a cell that had begun); the texts go on
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


def _words_then_figures(before: list, after: list) -> bool:
    """A row of words (a header) at the foot of the page and a row with figures overleaf: two
    rows. A row Word cut in two writes its figures, short, before the break."""
    return not any(regex.search(r"\d", c[0]) for c in before) and any(regex.search(r"\d", c[0]) for c in after)


def _words_cut_by_the_page(before: list, after: list) -> bool:
    """Is `after` (the first row overleaf) the rest of `before` (the last row of the page), a
    row of words Word broke across the pages (项目资 | 年初预 … then 金（万元） | 算数 …)? Neither
    holds a digit, and every cell written overleaf goes on a cell begun before."""
    texts_before, texts_after = [c[0].strip() for c in before], [c[0].strip() for c in after]
    if not any(texts_after) or any(regex.search(r"\d", t) for t in texts_before + texts_after):
        return False
    return all(b for a, b in zip(texts_after, texts_before) if a)


def _tables_in_lines(lines: list, ruled: list, may_go_on: bool, overleaf: list = ()) -> tuple:
    """Tables printed as pipe rows, one a text line (a .txt printed to PDF), or one cell a
    line: the page's other lines, each table as {"found" or "cells", "bbox", "first_on_page"},
    and how many lines of the next page (`overleaf`) a table one cell a line went on into.
    `may_go_on`: the previous page ended in a pipe table, so one row at the top of this page
    is its rest."""
    if any(l.confidence is not None for l in lines):
        return lines, [], 0  # read by OCR: a table's rules read as | are no pipe rows
    texts = [l.text for l in lines]
    rest, found, taken = [], [], 0
    i = 0
    while i < len(lines):
        first = i == 0 and not any(t["bbox"][1] < lines[0].top for t in ruled)
        goes_on = first and may_go_on
        table = pipe_table_at(texts, i, min_rows=1 if goes_on else 2)
        if table is None and " " in texts[i].strip():
            # rows a single space apart, as a text's tab stops print (县区 在校学生（人） …)
            table = one_space_table_at(texts, i)
        if table is None and texts[i].strip():
            # (read with the next page's lines: a row may go on overleaf)
            cells = cell_line_table_at(texts + [l.text for l in overleaf], i)
            if cells is not None:
                rows, end = cells
                taken = max(0, end - len(lines))
                found.append({"cells": rows, "bbox": _bbox(lines[i:end]), "first_on_page": False})
                i = min(end, len(lines))
                continue
        # cells one a line at the top of the page have no grid of their own, but may be the
        # rest of the table overleaf (read again with it, see _emit_text_table)
        if table is None or not (table.rows or goes_on):
            upto = i + 1 if table is None else table.end
            rest.extend(lines[i:upto])
            i = upto
            continue
        found.append({"found": table, "bbox": _bbox(lines[table.start:table.end]), "first_on_page": first})
        i = table.end
    return rest, found, taken


def _bbox(lines: list) -> list:
    return [min(l.x0 for l in lines), lines[0].top, max(l.x1 for l in lines), lines[-1].bottom]


def _open_text_table(doc: Document, number: int) -> bool:
    """Did the previous page end in a table printed as pipe rows?"""
    last = doc.blocks[-1] if doc.blocks else None
    return last is not None and last.kind == TABLE and getattr(last, "text_lines", None) is not None \
        and getattr(last, "end_page", last.page) == number - 1


def _emit_text_table(doc: Document, number: int, item: dict) -> None:
    found = item.get("found")
    if found is None:  # one cell a line: a table of its own page (no grid to join overleaf)
        _add_table(doc, number, item["cells"], item["bbox"])
        return
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
    if not found.rows:  # no rest of a table after all: its lines are text
        for line in found.lines:
            add_text_block(doc, line, page=number)
        return
    _add_table(doc, number, found.rows, item["bbox"]).text_lines = found.lines


def _add_table(doc: Document, number: int, rows: list, bbox: list):
    texts, rows = stated_figure_rows(rows)
    for text in texts:
        add_text_block(doc, text, page=number)
    caption, rows = leading_caption(rows)
    table = table_from_rows(rows, caption or caption_from_previous(doc) or _long_caption(doc, number))
    return doc.add(TABLE, table.as_text(), table=table, page=number, bbox=[round(v, 1) for v in bbox])


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
