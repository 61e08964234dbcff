"""Text copied from a web page often comes double-spaced: a blank line after every line, a
table's rows included. Blank lines that follow every line say nothing, and they keep the rows
of a table written one row (or one cell) a line apart, so in such a text they are dropped, and
a longer run is shortened as doubling lengthened it.

A text is double-spaced when nearly every two of its lines with text have exactly one blank
line between them (a few lines wrapped in the page may sit together); a text doubled twice
(copied from a double-spaced page, then doubled again by line ends written twice) has three,
and is halved twice."""
from __future__ import annotations

_MIN_LINES = 6  # fewer lines with text say nothing of how the text is spaced
_MOST_ADJACENT = 0.1  # share of neighbouring lines with no blank line between them


def _blank(line: str) -> bool:
    # (a line of a tab alone is an empty cell of a table written one cell a line, not blank)
    return not line.strip(" \u3000\xa0\r\f")


def is_double_spaced(lines: list) -> bool:
    with_text = [i for i, line in enumerate(lines) if not _blank(line)]
    if len(with_text) < _MIN_LINES:
        return False
    gaps = [b - a for a, b in zip(with_text, with_text[1:])]
    adjacent = sum(g == 1 for g in gaps)
    # (one blank line between lines, or three where a double-spaced text was doubled again)
    usual = max(sum(g == 2 for g in gaps), sum(g == 4 for g in gaps))
    return adjacent <= _MOST_ADJACENT * len(gaps) and usual * 2 > len(gaps)


def drop_double_spacing(lines: list) -> list:
    """`lines` as written before the text was double-spaced (unchanged when it is not): a run
    of r blank lines was (r - 1) / 2 of them, so one goes and three are one again (a table
    written one cell a line keeps the blank line between its rows)."""
    for _ in range(_MOST_DOUBLINGS):
        if not is_double_spaced(lines):
            break
        lines = _halved(lines)
    return lines


_MOST_DOUBLINGS = 3


def _halved(lines: list) -> list:
    out, blank = [], []
    for line in lines:
        if _blank(line):
            blank.append(line)
            continue
        if blank:
            out.extend(blank[:(len(blank) - 1) // 2] if out else blank)
            blank = []
        out.append(line)
    return out + blank
