"""A table of labels each with its figure whose cells a document-sharing site ran together, one
row a line: 计划投资(万元)520.00到位资金(万元)498.60, then the rows under it, each label with the
figure of its column (省财政120.00省财政118.40), or its label alone where the figure cell is
empty (其中:中央补助其中:中央补助). Written out as rows with a tab between cells, so the reader
of tab-separated rows reads the first row's labels as the columns' names and their units as
the figures' under them.

No digit is cut: a figure stands between one label and the next, a whole figure. Only where
the first line holds two labels or more, each stating its unit in brackets and followed by its
figure, and a line after it holds as many labels or fewer, each with a figure or none; labels
with no figure between them only as one label written again and again (其中:中央补助其中:中央补助
is two cells). A label is short words, no sentence; words a figure's unit opens (万元实际支出)
are no label: that is a sentence's figure and its unit.
"""
from __future__ import annotations

from typing import Optional

import regex

from .glued_figures import SPACED_FIGURE
from .column_names import UNIT_NAME

_MOST_LABEL = 20
_MOST_PAIRS = 6
_MOST_ROWS = 30
# a figure standing between labels: a whole number or a decimal (no run of several)
_FIGURE = regex.compile(r"(?<![\d.,])(?:0|[1-9]\d*)(?:\.\d+)?%?(?![\d.,])")
_PROSE = regex.compile(r"[，。；！？,;!?、]")
# words a figure's unit opens: the figure's own unit, so the words are no label of a cell
_UNIT_FIRST = regex.compile(r"^(?:[万亿千百]?元|[万]?人次?|[万]?户|个|名|所|项|家|次|年|月|日|天|倍|%|‰)")


def glued_pairs_at(lines: list, i: int) -> Optional[tuple]:
    """(rows of cell texts, the line after them) for a run-together table of labelled figures
    whose first row is line i; None where there is none, or where the line above is such a
    row too (the table began above it)."""
    if i >= 1 and _first_row(_pairs(lines[i - 1].strip())):
        return None
    first = _pairs(lines[i].strip())
    if not _first_row(first):
        return None
    width = len(first)
    rows, end = [first], i + 1
    while end < len(lines) and len(rows) < _MOST_ROWS:
        pairs = _pairs(lines[end].strip()) or _repeated_label(lines[end].strip(), width)
        if pairs is None or len(pairs) > width:
            break
        rows.append(pairs)
        end += 1
    if not any(figure for row in rows[1:] for _, figure in row):
        return None
    return [[cell for pair in row + [("", "")] * (width - len(row)) for cell in pair] for row in rows], end


def _first_row(pairs: Optional[list]) -> bool:
    """Can the pairs head such a table: two labels or more, each stating its unit, each with
    its figure?"""
    return pairs is not None and 2 <= len(pairs) <= _MOST_PAIRS \
        and all(figure and UNIT_NAME.search(label) for label, figure in pairs)


def _pairs(text: str) -> Optional[list]:
    """[(label, figure or "")] of a line of labels each followed by one figure (the last maybe
    by none); None where the line is not such a one."""
    if not text or "\t" in text or "|" in text or SPACED_FIGURE.search(text):
        return None
    figures = list(_FIGURE.finditer(text))
    if not figures:
        return None
    pairs, pos = [], 0
    for m in figures:
        label = text[pos:m.start()]
        if not is_label(label, after_figure=pos > 0):
            return None
        pairs.append((label, m.group()))
        pos = m.end()
    if pos < len(text):  # (a last label with its figure cell empty)
        if not is_label(text[pos:], after_figure=True):
            return None
        pairs.append((text[pos:], ""))
    return pairs


def _repeated_label(text: str, width: int) -> Optional[list]:
    """[(label, "")] of a line that is one label written 2 to `width` times (其中:中央补助其中:中央补助):
    a row whose figure cells are all empty; None otherwise."""
    for times in range(width, 1, -1):  # (the most times: ABAB is AB twice only where four cells cannot be)
        if len(text) % times == 0:
            label = text[:len(text) // times]
            if label * times == text and is_label(label):
                return [(label, "")] * times
    return None


def is_label(label: str, after_figure: bool = False) -> bool:
    """Short words naming a cell, no figure in them; `after_figure`: right after a figure on
    its line, where words its unit opens (万元实际支出) are that figure's unit and sentence."""
    return 0 < len(label) <= _MOST_LABEL and not _PROSE.search(label) \
        and not (after_figure and _UNIT_FIRST.match(label)) \
        and bool(regex.search(r"\p{Han}", label)) and not regex.search(r"\d", label)
