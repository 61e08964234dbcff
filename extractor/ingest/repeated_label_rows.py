"""A table of labels each with its figure, written one cell a line with its row breaks lost (a
document-sharing site's text of a project's basic facts): first a row of labels each stating
its unit and followed by its figure (计划投资 (万元) | 520.00 | 到位资金 (万元) | 498.60), then rows
that name one part in every column, the same label once per column, each followed by its
figure or by none where the cell is empty (省级补助 | 120.00 | 省级补助 | 118.40; 其中:中央补助 |
其中:中央补助). The rows are known again by their labels: each is one label written as many
times as the first row has labels. Written out as rows with a tab between cells, so the
reader of tab-separated rows reads the first row's labels as the columns' names and their
units as the figures' under them.

No digit is cut and no row is guessed: the first row is as wide as its labels stating a unit,
every row after it exactly as wide, its label the same throughout; a figure stands on a line
of its own after its label.
"""
from __future__ import annotations

from typing import Optional

import regex

from .glued_pairs import is_label
from .column_names import UNIT_NAME

_MOST_COLUMNS = 6
_MOST_ROWS = 30
_FIGURE = regex.compile(r"(?:0|[1-9]\d*)(?:\.\d+)?%?")


def repeated_label_rows_at(lines: list, i: int) -> Optional[tuple]:
    """(rows of cell texts, the line after them) for such a table whose first cell is line i;
    None where there is none, or where a label and its figure stand right above line i: the
    first row began above it, and rows counted from a cell of it would be cut wrong."""
    if i >= 2 and _FIGURE.fullmatch(lines[i - 1].strip()) and is_label(lines[i - 2].strip()):
        return None
    first, k = [], i
    while (pair := _pair_at(lines, k)) is not None and pair[1] and UNIT_NAME.search(pair[0]) \
            and pair[0] not in {label for label, _ in first}:
        first.append(pair[:2])
        k = pair[2]
    width = len(first)
    if not 2 <= width <= _MOST_COLUMNS:
        return None
    rows = [first]
    while len(rows) <= _MOST_ROWS:
        row, end = [], k
        while len(row) < width and (pair := _pair_at(lines, end)) is not None and (not row or pair[0] == row[0][0]):
            row.append(pair[:2])
            end = pair[2]
        after = _pair_at(lines, end)
        if len(row) != width or row[0][0] in {label for label, _ in first} or (after is not None and after[0] == row[0][0]):
            break  # (no row as wide as the first, or a label written more times than it has columns)
        rows.append(row)
        k = end
    if len(rows) < 2 or not any(figure for row in rows[1:] for _, figure in row):
        return None
    return [[cell for pair in row for cell in pair] for row in rows], k


def _pair_at(lines: list, k: int) -> Optional[tuple]:
    """(label, its figure or "", the line after them) for a label on line k, the figure on the
    line after it where one stands there; None where line k holds no label."""
    if k >= len(lines) or "\t" in lines[k] or "|" in lines[k]:
        return None
    label = lines[k].strip()
    if not is_label(label):
        return None
    below = lines[k + 1].strip() if k + 1 < len(lines) else ""
    return (label, below, k + 2) if _FIGURE.fullmatch(below) else (label, "", k + 1)
