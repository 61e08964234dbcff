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
_SENTENCE_END = "。！？!?；;"
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
    if sum(_opens_cell(line, g.end()) for g in gaps) * 3 >= len(gaps):
        return [line]  # cells a run of spaces apart, a third of them figures: a table's row
    pieces, start = [], 0
    for gap in gaps:
        if gap.start() - start < _MIN_PIECE:
            continue
        if _opens_heading(line, gap.end()) or (line[gap.start() - 1] in _SENTENCE_END
                                               and not _opens_cell(line, gap.end())):
            pieces.append(line[start:gap.start()])
            start = gap.end()
    pieces.append(line[start:])
    return pieces


def _opens_heading(line: str, at: int) -> bool:
    return numbering_of(line[at:at + 12])[0] is not None


def _opens_cell(line: str, at: int) -> bool:
    """Does the text at `at`, after a run of spaces, open a figure's or a dash's cell (not a
    numbered item, 2、…)?"""
    return bool(_CELL_START.match(line, at)) and not _opens_heading(line, at)
