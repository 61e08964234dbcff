"""Pipe rows: tables written as text with cells separated by | (also full-width ｜ and
box-drawing │), with or without the outer pipes, Markdown rule rows (|---|:---:|) and box
rules (├──┼──┤) between them; rows one a line, wrapped over lines, or cells one a line as
web pages are saved to text. This module finds where such a table starts and ends (its rows
going on past a page break, a row that lost its pipes, a cell's text run onto lines without
them) and whether its rows kept their empty cells; pipe_cells.py reads its lines into rows
of cells.
"""
from __future__ import annotations

from itertools import groupby

from typing import Optional

import regex

from ..normalize import normalize
from ..numbering import numbering_of
from .tables import is_caption_text
from .pipe_cells import cells_of, pipe_rows, split_row
from .pipe_raw_rows import BLANK, PIPE, RULE, TEXT, has_text, is_bounded, opens_one_cell
from .pipe_widths import pipe_count
from .text_rows import TextTable, lines_seen_before, past_page_break, vocabulary

# A cell's text may run on over a few lines without pipes; more is a paragraph.
_MAX_CONTINUATION_LINES = 3
# Blank lines between two pipe rows (web pages saved as text) keep the table going.
_MAX_BLANKS_INSIDE = 2


def _line_kind(line: str) -> str:
    s = line.strip()
    if not s:
        return BLANK
    vocab = vocabulary()
    if s[0] in vocab["rule_chars"] and all(c in vocab["rule_chars"] for c in s) and vocab["rule_mark"].search(s):
        return RULE
    return PIPE if vocab["separator"].search(s) else TEXT


_LONGEST_FIRST_CELL = 12  # a row's first cell written before cells opened by pipes is a short name


def starts_pipe_table(lines: list, i: int) -> bool:
    """Can a pipe table start at line i? (A cheap test for every line of a text.) It can at
    a pipe or rule line, and at a cell's text whose pipe stands on the next line alone."""
    vocab = vocabulary()
    line = lines[i]
    if vocab["any_separator"].search(line):
        return True
    opening = line.lstrip()[:1]
    if not opening:
        return False
    if opening in vocab["rule_chars"]:
        return _line_kind(line) == RULE
    following = lines[i + 1] if i + 1 < len(lines) else ""
    if vocab["any_separator"].search(following) and _is_bare_pipe_line(following):
        return True
    # (a row's first cell before cells opened by pipes one a line: 单位 / | 全年救助人数 / | 城乡低保)
    return len(line.strip()) <= _LONGEST_FIRST_CELL and i + 2 < len(lines) \
        and opens_one_cell(lines[i + 1]) and opens_one_cell(lines[i + 2])


def _is_bare_pipe_line(line: str) -> bool:
    return _line_kind(line) == PIPE and not has_text(line)


def _is_one_pipe(line: str) -> bool:
    return _is_bare_pipe_line(line) and pipe_count(line) == 1


def pipe_table_at(lines: list, i: int, min_rows: int = 2) -> Optional[TextTable]:
    """The pipe table whose first line is lines[i], or None when no pipe rows start there.
    A TextTable without rows: pipe lines that hold no grid (cells one a line with nothing
    to tell where a row ends), to be read as text, and not searched again from each of
    their lines. `min_rows`: how many rows make a table (its rest overleaf may be one)."""
    if not starts_pipe_table(lines, i):
        return None
    members, end = _pipe_region(lines, i)
    if sum(1 for kind, _ in members if kind == PIPE) < min_rows:
        return None
    rows = pipe_rows(members)
    if len(rows) < min_rows or max(len(r) for r in rows) < 2:
        rows = []
    return TextTable(i, end, rows, lines[i:end])


def _pipe_region(lines: list, i: int) -> tuple:
    """The lines of the pipe table starting at i: [(kind, text)] without blank lines, and
    the index after its last pipe or rule line."""
    members: list = []
    end = i
    j = i
    if _line_kind(lines[i]) == TEXT:  # a cell's text before its pipe
        members.append((TEXT, lines[i]))
        j += 1
    while j < len(lines):
        kind = _line_kind(lines[j])
        if kind in (PIPE, RULE):
            members.append((kind, lines[j]))
            j += 1
            end = j
            continue
        if not any(k == PIPE for k, _ in members):
            break  # a rule line (---) not followed by a pipe row is no table
        overleaf = _rows_overleaf(lines, i, j, members)
        if overleaf is not None:
            j = overleaf  # (the page broke inside the table: it goes on under its header again)
            continue
        if kind == TEXT and (row := _row_without_pipes(lines[j], members)) is not None:
            members.append((PIPE, row))  # (a row that lost its pipes: 部门产出 职责履行 20 18.5)
            j += 1
            continue
        if kind == TEXT:
            upto = _continuation_end(lines, j)
            if upto is None:
                break
            members.extend((TEXT, lines[k]) for k in range(j, upto) if lines[k] != "\f")
            j = upto
            continue
        upto = _rows_after_blanks(lines, j)
        if upto is None:
            break
        j = upto
    return members, end


_SPACED_CELLS = regex.compile(r"\s+")
_FIGURE_CELL = regex.compile(r"[\d.,]+%?")


def _row_without_pipes(line: str, members: list) -> Optional[str]:
    """The line as a pipe row when it is one of the table's rows written with spaces for its
    pipes: as many words as the row before has cells (three or more), the last two figures,
    and the row before closing on a figure too — so it is no rest of a cell wrapped onto its
    own line (a cell of words wraps; a row of figures does not run on). None otherwise."""
    before = next((text for kind, text in reversed(members) if kind == PIPE), None)
    if before is None or not has_text(before):
        return None
    cells = split_row(before, is_bounded([before.strip()], vocabulary()["separators"]))
    words = _SPACED_CELLS.split(line.strip())
    if len(cells) < 3 or len(words) != len(cells) or not cells[-1] or not _FIGURE_CELL.fullmatch(cells[-1]) \
            or not all(_FIGURE_CELL.fullmatch(w) for w in words[-2:]):
        return None
    return " | ".join(words)


def _rows_overleaf(lines: list, i: int, j: int, members: list) -> Optional[int]:
    """Where the table's rows go on past a page break at j (the page's furniture, 续表, the
    report's title and the table's header line written again: text_rows.past_page_break),
    when a pipe row follows; else None."""
    header = next((cells_of(text) for kind, text in members if kind == PIPE), None)
    if header is None:
        return None
    k = past_page_break(lines, j, lines_seen_before(lines, i), lambda line: cells_of(line) == header)
    if k is not None and k + 1 < len(lines) and _line_kind(lines[k]) == RULE:
        k += 1  # (a Markdown table's header written again keeps its rule line under it)
    return k if k is not None and k < len(lines) and _line_kind(lines[k]) == PIPE else None


def _continuation_end(lines: list, j: int) -> Optional[int]:
    """Lines without pipes from j that continue a cell: a pipe row follows them, and none
    of them opens something of its own (a caption, a numbered heading). Returns the index
    of that pipe row, or None."""
    k = j
    # (a page's break between a cell's text and its pipe, its number's line: page_numbers.py)
    while k < len(lines) and k - j < _MAX_CONTINUATION_LINES and (_line_kind(lines[k]) == TEXT or lines[k] == "\f"):
        k += 1
    if k >= len(lines) or _line_kind(lines[k]) != PIPE:
        return None
    if j and _is_one_pipe(lines[j - 1]) and _is_one_pipe(lines[k]):
        # a cell between single pipes on lines of their own, whatever it opens with ((二)…支出);
        # after a run of pipes closing a row (|||||) a numbered line may open a new part
        return k
    if any(is_caption_text(text := lines[n].strip()) or numbering_of(normalize(text))[1] in (1, 2)
           or _UNIT_CAPTION.match(text) for n in range(j, k)):
        return None
    return k


# a line naming the next table by its money and unit (部门预算情况（万元）), not a cell's rest
_UNIT_CAPTION = regex.compile(r"^\p{Han}[^|｜]{1,30}[（(]\s*(?:单位[:：])?\s*(?:万元|元|亿元|千元)\s*[)）]$")


def _rows_after_blanks(lines: list, j: int) -> Optional[int]:
    """After blank lines at j: the index of the next pipe row when the table goes on there,
    else None. A row followed by a rule row opens a new Markdown table."""
    k = j
    while k < len(lines) and _line_kind(lines[k]) == BLANK:
        k += 1
    if k - j <= _MAX_BLANKS_INSIDE and k < len(lines) and _line_kind(lines[k]) == TEXT \
            and "\f" in lines[j:k] and _continuation_end(lines, k) is not None:
        return k  # (a page broke before a cell's text, its pipe after it: the table goes on)
    if k - j > _MAX_BLANKS_INSIDE or k >= len(lines) or _line_kind(lines[k]) != PIPE:
        return None
    if k + 1 < len(lines) and _line_kind(lines[k + 1]) == RULE:
        return None
    return k


def every_cell_kept(lines: list) -> bool:
    """Did pipe rows keep every empty cell, so that a cell's place is its column (a Markdown
    table: | 决策 | 20 | 18 | 目标设定 | … over |  |  |  | 预算配置 | …)? Only where every row
    has as many bars as the others and some cell is empty: a copy that drops empty cells
    leaves rows of different lengths."""
    rows = [line.strip() for line in lines if "|" in line and _line_kind(line) != RULE]
    bars = [row.count("|") for row in rows]
    # (every row opened and closed by a bar: a row without them leaves its first cell in doubt)
    if len(rows) < 3 or min(bars) < 3 or not all(r[0] == "|" == r[-1] for r in rows) \
            or not any(_EMPTY_CELL.search(row) for row in rows):
        return False
    if len(set(bars)) == 1:
        return min(bars) >= 4
    # a form of blocks of different widths (its head 4 cells, its fund block 7, its indicators
    # 12), each block's rows all as wide as each other: a copy that drops empty cells leaves
    # rows of one block of different widths, and so a row as wide as neither neighbour
    runs = [len(list(group)) for _, group in groupby(bars)]
    return max(bars) >= 6 and all(n >= _FEWEST_ROWS_A_BLOCK for n in runs[1:-1]) \
        and sum(n for n in runs if n >= _FEWEST_ROWS_A_BLOCK) >= _KEPT_SHARE * len(rows)


_EMPTY_CELL = regex.compile(r"\|\s*(?=\|)")
_FEWEST_ROWS_A_BLOCK = 2
_KEPT_SHARE = 0.9
