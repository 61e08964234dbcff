"""A spaced form's indicator row whose name a wrap broke over two lines: its level cells and the
name's first piece on one line, the name's rest and the row's values on the next (产出指标  数量指标
补助对 over 象人数  ≥120人  126人  30  30; 政策 over 知晓率  ≥95%  97%  24  23 where the merged level
cells were left out). Read as they stand, the second line is a row of its own whose cells sit one
column left of their places: its actual under the target's column, its 分值 under 得分. The two
lines are one row again where the first holds no figure and only level names before the piece,
and the second opens with a piece no word of the form's vocabulary, then figures. Only below an
indicator header; tab rows are tab_row_breaks.py's."""
from __future__ import annotations

from functools import lru_cache

import regex

from ..normalize import header_words
from ..patterns import load_json
from .form_signs import fund_row_labels, indicator_header_aliases
from .short_total_rows import total_names

_GAP = regex.compile(r" {2,}|\u3000+")
_PIECE = regex.compile(r"[\p{Han}（）()、]{1,12}")
_LEAST_FIGURES = 2  # figure cells after the piece: a row's values, not a line of text
_SHORT_PIECE = 6


def broken_row_names_joined(lines: list) -> list:
    start = next((k for k, line in enumerate(lines) if any(w in line for w in _level_headers())), None)
    if start is None:
        return lines
    out = lines[:start + 1]
    for line in lines[start + 1:]:
        if _rest_of_a_name(out[-1], line):
            out[-1] = out[-1].rstrip() + line.strip()
            continue
        out.append(line)
    return out


def _rest_of_a_name(upper: str, lower: str) -> bool:
    """Is `lower` the rest of the name `upper` ends with, and the row's values?"""
    # (a line indented under its column is a laid-out table's wrapped cell, its place its column:
    # the readers of laid-out rows join it, and by its position)
    if "\t" in upper or "\t" in lower or any(c.isdigit() for c in upper) or lower[:1].isspace():
        return False
    above, below = _GAP.split(upper.strip()), _GAP.split(lower.strip())
    head, piece, levels = below[0], above[-1], above[:-1]
    if len(below) < 1 + _LEAST_FIGURES or len(above) > 3 or not _PIECE.fullmatch(piece) or not _PIECE.fullmatch(head):
        return False
    words = _vocabulary()
    if piece in words or head in words or any(level not in words for level in levels):
        return False
    figures = sum(any(c.isdigit() for c in cell) for cell in below[1:])
    # (a short line alone, no level before it, is a piece only where a row's values follow)
    return figures >= _LEAST_FIGURES if levels else len(piece) <= _SHORT_PIECE and figures >= _LEAST_FIGURES + 1


@lru_cache(maxsize=1)
def _level_headers() -> tuple:
    return tuple(load_json("forms.json")["indicator_header"]) + tuple(indicator_header_aliases())


@lru_cache(maxsize=1)
def _vocabulary() -> frozenset:
    """The level names, the header words and the fund rows' and total rows' labels: cells of
    their own, no piece of a name."""
    spec = load_json("forms.json")
    return frozenset(spec["level1"]) | frozenset(spec["level2"]) | header_words() | fund_row_labels() \
        | total_names() | frozenset(_level_headers())
