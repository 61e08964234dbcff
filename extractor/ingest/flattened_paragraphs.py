"""A web page flattened to one long line: its paragraphs and headings joined with runs of
spaces (…按时足额发放。  (二)地方财政安排情况。  为按时…). Left as one line, the whole page
is one paragraph, and a rate stated in one section is read against figures of another. The
line is cut again where a run of two or more spaces follows a sentence's end or comes before
a numbered heading (一、 (二) 3.), which is where the page's paragraphs met.

A table's row keeps its cells: a line where a third of the runs of spaces come before a
figure or a dash is a row, and a cell ending a sentence is never cut from the figures after it."""
from __future__ import annotations

import regex

from ..numbering import numbering_of

_LONG = 100  # characters: shorter lines are a heading, a sentence or a row of cells
_GAP = regex.compile(r"(?<=\S)[ \u3000\xa0]{2,}(?=\S)")
_SENTENCE_END = regex.compile(r"[。！？!?；;]$")
# a figure or a dash after a sentence's end is the next cell of a row (已完成。  10  10); a
# year opens a paragraph (2022年，我区…)
_CELL_START = regex.compile(r"(?!\d{4}年)[\d.%＋+\-—–/／≥≤><＞＜=]")
_MIN_PIECE = 8  # a piece shorter than this is a cell, not a paragraph


def split_flattened_paragraphs(lines: list) -> list:
    out = []
    for line in lines:
        out.extend(_paragraphs(line) if len(line) >= _LONG else [line])
    return out


def _paragraphs(line: str) -> list:
    gaps = list(_GAP.finditer(line))
    if sum(_opens_cell(line[g.end():]) for g in gaps) * 3 >= len(gaps):
        return [line]  # cells a run of spaces apart, a third of them figures: a table's row
    pieces, start = [], 0
    for gap in gaps:
        before, after = line[start:gap.start()], line[gap.end():]
        if len(before.strip()) < _MIN_PIECE:
            continue
        if numbering_of(after[:12])[0] is not None or (_SENTENCE_END.search(before) and not _opens_cell(after)):
            pieces.append(before)
            start = gap.end()
    pieces.append(line[start:])
    return pieces


def _opens_cell(text: str) -> bool:
    """Does the text after a run of spaces open a figure's or a dash's cell (not a numbered
    item, 2、…)?"""
    return bool(_CELL_START.match(text)) and numbering_of(text[:12])[0] is None
