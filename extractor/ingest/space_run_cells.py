"""Empty cells kept as spaces: a web table copied as text writes each cell followed by one
space, an empty cell as a space of its own (a non-breaking one in the page), so a run of
2k + 1 spaces between two cells stands for k empty cells and a row's trailing 2k spaces for
k empty cells at its end (区级财政 28       28 0   100: three empty cells, then one)."""
from __future__ import annotations

from functools import lru_cache
from typing import Optional

import regex

from ..patterns import load_json
from .cell_rows import is_form_cell
from .form_signs import names_a_form
from .spaced_cells import PROSE_PUNCT, is_figure, is_prose
from .spaced_tables import MAX_SPACED_ROWS
from .text_rows import TextTable

_RUN = regex.compile(r" +")


def has_empty_cell_runs(line: str) -> bool:
    """Does the line hold a run of three spaces or more between two cells?"""
    return "   " in line.strip()


def cells_keeping_empties(line: str, width: int) -> Optional[list]:
    """The line's cells with its empty cells in their places, padded with empty cells at the
    end to `width` (an editor may have trimmed the trailing spaces); None where the runs are
    not all of the 2k + 1 kind or the cells come to more than `width`."""
    text = line.rstrip("\n").lstrip()  # (an indent, full-width too, is no cell)
    body = text.rstrip(" ")
    cells: list = []
    pos = 0
    for m in _RUN.finditer(body):
        cells.append(body[pos:m.start()])
        n = len(m.group())
        if n % 2 == 0:
            return None  # (an even run: no cell boundary the rule explains)
        cells += [""] * ((n - 1) // 2)
        pos = m.end()
    cells.append(body[pos:])
    trailing = len(text) - len(body)
    cells += [""] * (trailing // 2)
    if "\t" in body or "\u3000" in body or len(cells) > width:
        return None
    return cells + [""] * (width - len(cells))


_MOST_COLUMNS = 16
_FEWEST_ROWS = 2
_LONGEST_NAME = 14  # (a header's name; a longer run of words is a sentence's)


def space_run_table_at(lines: list, i: int) -> Optional[TextTable]:
    """The table at lines[i] whose rows keep their empty cells as runs of spaces: a header
    line of names a space apart (no figure, no sentence), perhaps a second line naming the
    funding levels one money column spans (预算数 over 中央 省级 市级 区级), then two rows or
    more that each come to the header's width read that way, each with a figure, one or more
    of them with a run of empty cells (else one_space_tables.py reads them as they are)."""
    header = lines[i].split()
    if not 3 <= len(header) <= _MOST_COLUMNS or has_empty_cell_runs(lines[i]) \
            or any(is_figure(c) or PROSE_PUNCT.search(c) or len(c) > _LONGEST_NAME for c in header):
        return None
    if sum(map(is_form_cell, header)) >= 2 and names_a_form(lines):
        return None  # (a form's own header, 一级指标 … 年度指标值, in a text titled as a form: the form reader's)
    body = i + 1
    below = lines[body].split() if body < len(lines) else []
    if below and all(c in _funding_levels() for c in below) and body + 1 < len(lines):
        spanned = _name_over_levels(header, below, lines[body + 1])
        if spanned is None:
            return None
        header, body = spanned, body + 1
    rows, j, runs = [header], body, 0
    while j < min(len(lines), body + MAX_SPACED_ROWS):
        cells = cells_keeping_empties(lines[j], len(header)) if lines[j].strip() else None
        if cells is None or not any(map(is_figure, cells)) or any(is_prose(c) for c in cells):
            break
        runs += has_empty_cell_runs(lines[j])
        rows.append(cells)
        j += 1
    if len(rows) - 1 < _FEWEST_ROWS or not runs:
        return None
    return TextTable(i, j, rows, lines[i:j])


def _name_over_levels(header: list, levels: list, first_row: str) -> Optional[list]:
    """The header with the funding levels named on the line below it in the place of the
    money column's name that spans them: the first name the first row fills with figures (or
    leaves empty) under as many columns as there are levels, its cells before it words.
    None where no name fits."""
    width = len(header) - 1 + len(levels)
    cells = cells_keeping_empties(first_row, width)
    if cells is None:
        return None
    for k in range(1, len(header)):
        under = cells[k:k + len(levels)]
        if is_figure(cells[k - 1]) and k - 1 > 0:
            return None  # (a figure left of the spanned columns: they are not these)
        if any(is_figure(c) for c in under) and all(is_figure(c) or not c for c in under):
            return header[:k] + [level + header[k] for level in levels] + header[k + 1:]
    return None


@lru_cache(maxsize=1)
def _funding_levels() -> frozenset:
    return frozenset(load_json("text_tables.json")["funding_level_columns"])
