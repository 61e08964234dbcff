"""A text whose lines a converter broke at a fixed width (a page's 60 or 76 columns), the rows
of its tables too: a row of cells a space apart goes on onto the next line in the middle of a
cell (… 本指标满分6分，开 / 展…扣完为止。 6 6 / 已完成). Every line that fills the width is one
line with the next again, so that the readers of spaced rows see each row whole; prose joined
so reads as it did. Only in a text wrapped so: most of its long lines end within a word's or a
figure's width of the same widest column, and no line is wider."""
from __future__ import annotations

import unicodedata

import regex

from ..numbering import numbering_of

# a line breaks before the word or figure that does not fit: it may end this many columns short
_SLACK = 8
_NARROWEST_WRAP = 40
# lines that fill the width: a wrapped text has one in every paragraph of two lines or more, a
# text not wrapped its widest line and hardly ever four more within a word of it
_FEWEST_FULL_LINES = 5
_WIDE_GAP = regex.compile(r"\t|\||  |\u3000")


def hard_wrapped_lines_joined(lines: list) -> list:
    width = _wrap_width(lines)
    if width is None:
        return lines
    out: list = []
    previous = ""
    for line in lines:
        if _fills(previous, width) and line.strip() and not _opens_anew(line):
            out[-1] += line
        else:
            out.append(line)
        previous = line
    return out


def _display_width(line: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)


def _wrappable(line: str) -> bool:
    """A line a width-wrapping converter writes: not a row laid out in columns (cells a tab, a
    pipe or a wide gap apart, as wide as its table, not the page)."""
    return bool(line.strip()) and _WIDE_GAP.search(line.strip()) is None


def _wrap_width(lines: list):
    widths = [_display_width(line) for line in lines if _wrappable(line)]
    if not widths or max(widths) < _NARROWEST_WRAP:
        return None
    widest = max(widths)
    return widest if sum(1 for w in widths if w >= widest - _SLACK) >= _FEWEST_FULL_LINES else None


def _fills(line: str, width: int) -> bool:
    return _wrappable(line) and _display_width(line) >= width - _SLACK


def _opens_anew(line: str) -> bool:
    """A numbered heading or item (二、 （三） 4.) opens a line of its own, wrapped or not."""
    label, _ = numbering_of(line.strip())
    return label is not None
