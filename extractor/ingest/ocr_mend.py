"""Slips OCR makes in what it reads, put right: figures whose thousands separators it garbled,
a unit misread after a figure (元 as 无), a bracket pair it broke, a table's row numbers read as
strokes (一一 for 二) or lost, rule marks read after a figure in a cell. Text and table work, apart
from running Tesseract, because not all of it can be done as OCR reads: lines and cells are
mended then (ocr.py), but a unit often opens the next line and a table is whole only once the
page is laid out, so paragraphs and tables are mended there (page_layout.py, page_tables.py).
A mended table cell keeps what was read in `raw` and says why in `mended`."""
from __future__ import annotations

import regex


# Tesseract reads a full-width bracket （ as 〈 or 《 and often drops the closing one:
# （万元） comes back as 〈万元) or (万元, and the column loses its unit.
_SLIPPED_OPEN = regex.compile(r"[〈《<]([^〈《<>〉》()（）]{1,8})[)）]")
_UNCLOSED_END = regex.compile(r"[(（]([^()（）]{1,6})$")


# Written money whose thousands separators OCR garbled: read as a point, doubled, or lost
# (5.511,600.00 / 3,.523,980.00 / 1987,620.00 for 5,511,600.00 / 3,523,980.00 /
# 1,987,620.00). Only a figure with groups of three and a decimal part after them is taken
# for money grouped in thousands: 5.511 alone stays a decimal.
_GARBLED_GROUPS = regex.compile(r"(?<![\d.,])([1-9]\d{0,3})((?:[.,]{1,2}\d{3})+)\.(\d{1,2})(?![\d.,])")
# a digit glued right after % is the lower ring of the % sign read again (100%6)
_RING_AFTER_PERCENT = regex.compile(r"(?<=\d%)\d(?![\d.,])")


def mend_numbers(text: str) -> str:
    """Figures OCR broke in one line, put back (see _GARBLED_GROUPS, _RING_AFTER_PERCENT)."""
    text = _GARBLED_GROUPS.sub(lambda m: f"{int(m.group(1) + regex.sub(r'[.,]', '', m.group(2))):,}.{m.group(3)}", text)
    return _RING_AFTER_PERCENT.sub("", text)


# 元 read as 无 (one stroke apart) after a figure in 万/亿 (3850万无), unless 无 opens a
# word there (2万无需审批)
_YUAN_READ_AS_WU = regex.compile(r"(?<=\d\s*[万亿]\s*)无(?![需法论关效误])")


def mend_units(text: str) -> str:
    """A unit OCR misread after a figure, put back (_YUAN_READ_AS_WU). Applied to a whole
    paragraph or cell, since the unit often opens the next line (…3850万 / 无，…)."""
    return _YUAN_READ_AS_WU.sub("元", text)


def mend_brackets(text: str) -> str:
    """A bracket pair that OCR broke, put back: an opening 〈/《 closed by ) is a (, and
    a ( opened near the end of a cell and never closed is closed there."""
    text = _SLIPPED_OPEN.sub(r"(\1)", text)
    return _UNCLOSED_END.sub(r"(\1)", text)


_ORDINALS = "一二三四五六七八九十"
# 二 and 三 are two and three strokes: OCR reads them as 一一 and 一一一, often with a
# speck after (一…)
_STROKES = regex.compile(r"^(一{1,3})[…⋯.·,，:：、_~\-]*$")
_ITEM_ONE = regex.compile(r"^[1１][.、．]?$")


def mend_row_labels(table) -> None:
    """A 序号 column of a scanned table, read as the row numbers it holds: a label OCR
    gave as strokes (一一, 一…) is the numeral with that many strokes, and a group row
    whose label was lost (its items number from 1 again below it) is the group after
    the one before it. Each mended cell keeps its reading in `raw` and says why in
    `mended`. Digital tables (no cell with an OCR confidence) are left alone."""
    if not table.rows or table.n_cols < 2 or not any("序号" in table.rows[r][0].text for r in range(table.header_rows)) \
            or not _scanned(table):
        return
    group = 0  # the last group numeral seen
    for r in range(table.header_rows, table.n_rows):
        cell = table.rows[r][0]
        if cell.merged_from is not None:
            continue
        text = cell.text.strip()
        strokes = _STROKES.match(text)
        label = why = None
        if strokes and text != "一":
            label, why = _ORDINALS[len(strokes.group(1)) - 1], "strokes"
        elif not text and 0 < group < len(_ORDINALS) and _numbers_items_below(table, r):
            label, why = _ORDINALS[group], "sequence"
        if label:
            _mend(table, cell, label, why)
            text = label
        if text in _ORDINALS:
            group = _ORDINALS.index(text) + 1


# Rule marks OCR reads after a figure in a cell: the stroke of a horizontal rule (一, -,
# _), a vertical rule (|, 丨), and 和, which the end of a rule with a speck beside it
# often becomes. No figure in a table cell is written with one of them after it.
_FIGURE_TAIL = regex.compile(r"^(?P<figure>[-+]?\d[\d,]*(?:\.\d+)?%?)\s*[一\-—_|｜丨和]+$")
_FIGURE = regex.compile(r"^[-+]?\d[\d,]*(?:\.\d+)?%?$")


def mend_figure_tails(table) -> None:
    """In a column of figures of a scanned table, a figure with rule marks read after it
    (59和, 3一一, 4 -一) is the figure. A column is one of figures when at least two of its
    body cells, and most, are figures with or without such marks. The cell keeps its
    reading in `raw` and says why in `mended`; digital tables are left alone."""
    if not _scanned(table):
        return
    for c in range(table.n_cols):
        body = [table.rows[r][c] for r in range(table.header_rows, table.n_rows)
                if table.rows[r][c].merged_from is None and table.rows[r][c].text.strip()]
        tailed = [(cell, m) for cell in body if (m := _FIGURE_TAIL.match(cell.text.strip()))]
        figures = len(tailed) + sum(1 for cell in body if _FIGURE.match(cell.text.strip()))
        if not tailed or figures < 2 or 2 * figures <= len(body):
            continue
        for cell, m in tailed:
            _mend(table, cell, m["figure"], "figure tail")


def _scanned(table) -> bool:
    """Was the table read by OCR (some cell has a confidence)? Digital tables are never mended."""
    return any(c.confidence is not None for row in table.rows for c in row)


def _mend(table, cell, text: str, why: str) -> None:
    """Put a cell's OCR reading right: `raw` keeps what was read, `mended` says why, and the
    positions a merged cell covers repeat the new text."""
    if cell.raw is None:
        cell.raw = cell.text
    cell.text, cell.mended = text, why
    for row in table.rows[cell.row:cell.row + cell.rowspan]:
        for copy in row[cell.col:cell.col + cell.colspan]:
            if copy.merged_from == (cell.row, cell.col):
                copy.text = text


def _numbers_items_below(table, r: int) -> bool:
    """Does the row below this one (and its span) open a run of items numbered from 1,
    while this row names something (a group's title in the next cell)?"""
    below = r + table.rows[r][0].rowspan
    return (below < table.n_rows and bool(table.rows[r][1].text.strip())
            and bool(_ITEM_ONE.match(table.rows[below][0].text.strip())))
