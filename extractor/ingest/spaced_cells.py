"""The cells of a line of spaced rows (cells apart by runs of two or more spaces, a full-width
space or a tab), with where each stands in display columns, and what a cell holds: a figure,
a dash, running text. The primitives spaced_tables.py, spaced_aligned_rows.py,
spaced_headers.py, short_total_rows.py and one_space_tables.py read tables with."""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass

import regex

from ..normalize import normalize
from .text_rows import vocabulary

PROSE_CELL = 40  # a cell longer than this is running text, not a table cell
PROSE_PUNCT = regex.compile(r"[，。；！？]")
_PROSE_PUNCT_CELL = 15  # a cell this long with sentence punctuation in it is running text
_FIGURE = regex.compile(r"^(?:[≥≤><=≧≦]|约)?\s*[-+]?\d[\d,]*(?:\.\d+)?\s*(?:%|[\p{Han}]{1,3})?$|^[-—–]+$")
# slack, in character columns, for a figure to count as under its header
ALIGN_SLACK = 2
_HAN = regex.compile(r"^\p{Han}$")


@dataclass
class SpacedCell:
    text: str
    left: int  # display columns (a Chinese character is two wide)
    right: int
    spaced_out: bool = False  # single Chinese characters so far: the next one may belong to the word


def could_be_spaced_row(line: str) -> bool:
    """Is there a gap between two cells in the line? (A cheap test for every line.)"""
    vocab = vocabulary()
    return bool(vocab["gap_hint"].search(line)) and bool(vocab["spaced_gap"].search(line))

def spaced_cells(line: str) -> list:
    cells = []
    for m in vocabulary()["spaced_cell"].finditer(line):
        left = display_width(line[:m.start()])
        cells.append(SpacedCell(m.group(), left, left + display_width(m.group())))
    return _join_spaced_out_words(cells)


def _join_spaced_out_words(cells: list) -> list:
    """合  计, 序  号: a short word spaced out to fill its column is one cell."""
    out: list = []
    for cell in cells:
        single = bool(_HAN.match(cell.text))
        if out and out[-1].spaced_out and single:
            out[-1] = SpacedCell(out[-1].text + cell.text, out[-1].left, cell.right, spaced_out=True)
        else:
            cell.spaced_out = single
            out.append(cell)
    return out


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 4 if c == "\t" else 1 for c in text)


def is_prose(text: str) -> bool:
    return len(text) > PROSE_CELL or (len(text) >= _PROSE_PUNCT_CELL and bool(PROSE_PUNCT.search(text)))


def several_figures(text: str) -> bool:
    """Does a cell hold two figures or more a single space apart (财政资金: 0.00 0.00 0.00)?"""
    return sum(map(is_figure, text.split())) >= 2


def is_figure(text: str) -> bool:
    return bool(_FIGURE.match(normalize(text)))


# a column of a year's figures (2023年 | 2022年 | 2023年决算数): a name, though it reads as a figure
YEAR_NAME = regex.compile(r"(?:19|20)\d{2}\s*年度?(?:决算数|预算数|数)?")


def is_year_name(text: str) -> bool:
    return YEAR_NAME.fullmatch(text.strip()) is not None


DASH_CELL = regex.compile(r"^[-—–/]*$")


def is_dash(text: str) -> bool:
    """A dash (or slash) written in a cell: a figure not given."""
    return bool(text) and DASH_CELL.match(text) is not None


def is_number(text: str) -> bool:
    """A figure written out, not a dash."""
    return is_figure(text) and not DASH_CELL.match(text)


def figure_or_dash(text: str) -> bool:
    return is_figure(text) or is_dash(text)


def trailing(cells: list, kind) -> int:
    """How many of the last cells are of `kind` (a test on a cell's text), counted from the end."""
    n = 0
    while n < len(cells) and kind(cells[-1 - n]):
        n += 1
    return n
