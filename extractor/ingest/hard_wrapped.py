"""A text whose lines a converter broke at a fixed width (a page's 60 or 76 columns), the rows
of its tables too: a row of cells a space apart goes on onto the next line in the middle of a
cell (… 本指标满分6分，开 / 展…扣完为止。 6 6 / 已完成). Every line that fills the width is one
line with the next again, so that the readers of spaced rows see each row whole; prose joined
so reads as it did. Only in a text wrapped so: five lines or more reach the very column of its
widest line (rows laid out in columns, a wide gap between cells, aside), where a text not wrapped
has its widest line and hardly any other."""
from __future__ import annotations

import regex

from ..numbering import numbering_of
from .spaced_cells import display_width

# a line breaks before the word or figure that does not fit: it may end this many columns short
_SLACK = 8
_NARROWEST_WRAP = 40
# a converter fills a line to the last column it can, the width or a column short of it before
# a Chinese character: a wrapped text has such lines in most paragraphs; rows of a sheet saved
# with a space between cells come near their widest row, hardly ever five of them to its column
_FEWEST_TO_THE_COLUMN = 5
_WIDE_GAP = regex.compile(r"\t|\||  |\u3000")
_ASCII_WORD_END = regex.compile(r"[0-9A-Za-z%]$")
_ASCII_WORD_START = regex.compile(r"[0-9A-Za-z]")


def hard_wrapped_lines_joined(lines: list) -> list:
    width = _wrap_width(lines)
    if width is None:
        return lines
    out: list = []
    previous = ""
    for line in lines:
        # (what a converter wrapped goes on as the same kind of line: a table's cell closed by a
        # pipe, or a row of tabs, after a paragraph is the table's own)
        if _fills(previous, width) and _wrappable(line) and not _opens_anew(line):
            # (a line broken between two figures or words of letters was broken at their space)
            out[-1] += (" " if _ASCII_WORD_END.search(out[-1]) and _ASCII_WORD_START.match(line) else "") + line
        else:
            out.append(line)
        previous = line
    return out


def _wrappable(line: str) -> bool:
    """A line a width-wrapping converter writes: not a row laid out in columns (cells a tab, a
    pipe or a wide gap apart, as wide as its table, not the page)."""
    return bool(line.strip()) and _WIDE_GAP.search(line.strip()) is None


def _wrap_width(lines: list):
    widths = [display_width(line) for line in lines if _wrappable(line)]
    if not widths or max(widths) < _NARROWEST_WRAP:
        return None
    widest = max(widths)
    return widest if sum(1 for w in widths if w >= widest - 1) >= _FEWEST_TO_THE_COLUMN else None


def _fills(line: str, width: int) -> bool:
    return _wrappable(line) and display_width(line) >= width - _SLACK


def _opens_anew(line: str) -> bool:
    """A numbered heading or item (二、 （三） 4.) opens a line of its own, wrapped or not."""
    label, _ = numbering_of(line.strip())
    return label is not None
