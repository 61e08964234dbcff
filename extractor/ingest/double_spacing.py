"""Text copied from a web page often comes double-spaced: a blank line after every line, a
table's rows included. Blank lines that follow every line say nothing, and they keep the rows
of a table written one row (or one cell) a line apart, so in such a text they are dropped; a
longer run of blank lines stays.

A text is double-spaced when nearly every two of its lines with text have exactly one blank
line between them (a few lines wrapped in the page may sit together)."""
from __future__ import annotations

_MIN_LINES = 6  # fewer lines with text say nothing of how the text is spaced
_MOST_ADJACENT = 0.1  # share of neighbouring lines with no blank line between them


def _blank(line: str) -> bool:
    return not line.strip()


def is_double_spaced(lines: list) -> bool:
    with_text = [i for i, line in enumerate(lines) if not _blank(line)]
    if len(with_text) < _MIN_LINES:
        return False
    gaps = [b - a for a, b in zip(with_text, with_text[1:])]
    adjacent = sum(g == 1 for g in gaps)
    one_blank = sum(g == 2 for g in gaps)
    return adjacent <= _MOST_ADJACENT * len(gaps) and one_blank * 2 > len(gaps)


def drop_double_spacing(lines: list) -> list:
    """`lines` without the single blank lines of a double-spaced text (unchanged otherwise)."""
    if not is_double_spaced(lines):
        return lines
    out = []
    for i, line in enumerate(lines):
        if _blank(line) and 0 < i < len(lines) - 1 and not _blank(lines[i - 1]) and not _blank(lines[i + 1]):
            continue
        out.append(line)
    return out
