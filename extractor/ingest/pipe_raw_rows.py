"""How pipe lines gather into rows: | a | b | rows wrapped over lines, a | b | rows counted in
pipes, rows whose cells held line breaks (a line opening with a pipe goes on with the row
above), rows written without their outer pipes. pipe_cells.py splits the rows into cells."""
from __future__ import annotations

from typing import Optional

import regex

from .pipe_widths import pipe_count
from .text_rows import vocabulary

PIPE, RULE, TEXT, BLANK = "pipe", "rule", "text", "blank"  # what a line of a pipe region is
# Rows that open and close with a pipe (| a | b |) in at least this share: Markdown-like,
# one row a line. Otherwise (a | b |, cells one a line …) rows are counted in pipes.
_BOUNDED_SHARE = 0.6
# Lines of pipes not opening with one in at least this share: rows without their outer pipes
# stand among the | a | b | rows (a PDF's long rows wrapped leave far fewer such lines).
_UNBOUNDED_SHARE = 1 / 3
_MIN_CLOSED_ROWS = 2  # rows closed by a pipe alone that make cells opened by pipes a table


def is_bounded(texts: list, seps) -> bool:
    """Are the rows | a | b | rows? Most of them open and close with a pipe once the lines a
    long row wrapped onto (as a PDF prints it: a line that opens with no pipe) are joined
    to the line they continue."""
    rows: list = []
    for t in texts:
        if t[0] in seps or not rows:
            rows.append(t)
        else:
            rows[-1] += t
    return bool(rows) and sum(1 for t in rows if t[0] in seps and t[-1] in seps) >= _BOUNDED_SHARE * len(rows)


def bounded_raw_rows(lines: list) -> list:
    """| a | b | rows: a row opens with a pipe; a line that does not continues the row
    above (a long row wrapped, as in a PDF), as does a line without pipes when that row
    is still open; after a closed row such a line runs on in its last cell. A row wrapped
    right before one of its pipes goes on in the line after it, which opens with that pipe."""
    seps = vocabulary()["separators"]
    # a whole row's pipes: a row left open (| a | b) that the next row's pipes would take
    # past it was typed without its last pipe, not wrapped
    width = max((pipe_count(t) for kind, t in lines if kind == PIPE and t[0] in seps and t[-1] in seps), default=0)
    piped = [t for kind, t in lines if kind == PIPE]
    # rows written without their outer pipes are common here (not a PDF's few wrapped lines)
    unbounded = sum(1 for t in piped if t[0] not in seps) >= _UNBOUNDED_SHARE * len(piped)
    rows: list = []  # [raw text, texts continuing its last cell]
    for kind, text in lines:
        # (a region may open with a cell's text whose pipe stands on the next line alone)
        if not rows or kind == PIPE and (unbounded and _row_of_its_own(rows[-1][0], text, width, seps) or (
                text[0] in seps and (rows[-1][0][-1] in seps or pipe_count(rows[-1][0]) + pipe_count(text) > width))):
            rows.append([text, []])
        elif kind == PIPE or rows[-1][0][-1] not in seps:
            rows[-1][0] = join_wrapped(rows[-1][0], text)
        else:
            rows[-1][1].append(text)
    return rows


def _row_of_its_own(above: str, text: str, width: int, seps) -> bool:
    """Is a line of pipes that does not open with one a row of its own, written without its
    outer pipes (年度资金总额 | 24,860,000.00 | … under 资金情况（元） | 年初预算数 | … | 得分),
    rather than the rest of the row above? So where joining it would take the row past a whole
    row's pipes; past them by more than the two outer pipes a row without them lacks, where
    the row above was cut inside a cell (实际完 | 成值: one cell wrapped)."""
    pipes = pipe_count(above) + pipe_count(text)
    return pipes > width if above[-1] in seps else pipes > width + 2


def counted_raw_rows(lines: list, width: Optional[int], text_opens_rows: bool = False) -> list:
    """a | b | rows as web pages are saved to text: each pipe ends a cell, and a row may be
    broken over lines (after a cell merged down the rows, or one cell a line with a run of
    pipes closing the row). Lines are gathered into rows of `width` pipes (see row_width);
    with None, each line is a row. A line without pipes goes on in a row still open; after
    a closed row it opens the next (`text_opens_rows`: pipes stand on lines of their own)
    or else runs on in the last cell."""
    rows: list = []
    pipes = 0  # pipes in the last row
    open_row = False
    for kind, text in lines:
        if kind == PIPE:
            k = pipe_count(text)
            if open_row and pipes + k <= width:
                rows[-1][0] = join_wrapped(rows[-1][0], text)
                pipes += k
            else:
                rows.append([text, []])
                pipes = k
            open_row = width is not None and pipes < width
        elif open_row:
            rows[-1][0] = join_wrapped(rows[-1][0], text)
        elif text_opens_rows or not rows:
            rows.append([text, []])
            pipes, open_row = 0, width is not None
        else:
            rows[-1][1].append(text)
    return rows


# Lines opening with a pipe and holding a cell's text that make a table's rows read by them
# (fewer are a stray pipe; lines of pipes alone pad rows after merged cells, see row_width).
_MIN_PIPE_LED_LINES = 2


def pipe_led_raw_rows(lines: list) -> Optional[list]:
    """a | b | rows whose cells held line breaks, as a sheet or web page saved to text
    gives them: a row ends each of its cells with a pipe, so a line that opens with a pipe
    goes on with the row above (`一、项目决策 | 20 |` / `| 18 |` / `|`), and a line that ends
    without one breaks inside a cell, the next line going on with it. Rows whose empty last
    cells were left out have fewer pipes than the header, so counting pipes (see
    counted_raw_rows) cannot tell where they end; this reading can. None where the lines
    are not written so: fewer than two open with a pipe and go on with text, half or more
    open with one, or a row gathers more pipes than the widest line (the header) holds."""
    seps = vocabulary()["separators"]
    texts = [t for _, t in lines]
    pipe_led = [t for t in texts if t[0] in seps]
    if sum(1 for t in pipe_led if has_text(t)) < _MIN_PIPE_LED_LINES or 2 * len(pipe_led) >= len(texts):
        return None  # most lines open with a pipe: | a | b | rows (bounded_raw_rows)
    widest = max(pipe_count(t) for t in texts)
    rows: list = []
    for text in texts:
        if rows and (text[0] in seps or rows[-1][0][-1] not in seps):
            rows[-1][0] = join_wrapped(rows[-1][0], text)
            if pipe_count(rows[-1][0]) > widest:
                return None
        else:
            rows.append([text, []])
    return rows




def pipe_opened_raw_rows(lines: list) -> Optional[list]:
    """Cells one a line, each opened by a pipe (| 全年救助人数), a pipe alone on its line closing
    the row, and the row's first cell written before them without one (合计, 玛纳斯县), as some
    web pages are saved to text: rows of their own, a line without a pipe inside a row going on
    in its last cell. None where any line holds more than its opening pipe, or fewer than
    two rows are closed so (nothing else tells where a row of cells one a line ends)."""
    rows: list = []
    cells: Optional[list] = None  # the open row's cells
    opened = closed = 0
    runs_end = False  # (a run of pipes without text: empty rows after the table's, nothing after it)
    for kind, text in lines:
        t = text.strip()
        if runs_end and has_text(t):
            return None  # (runs of pipes between the cells: cells closed by pipes, another shape)
        if kind != TEXT and not has_text(t) and pipe_count(t) > 1:
            runs_end = True
        if kind == TEXT:
            if cells is None:
                cells = [t]
            else:
                cells[-1] = join_wrapped(cells[-1], t)
        elif not has_text(t):
            if cells is not None:
                rows.append(cells)
                cells, closed = None, closed + 1
        elif opens_one_cell(t):
            cells = (cells if cells is not None else [""]) + [t[1:].strip()]
            opened += 1
        else:
            return None
    if cells is not None:
        rows.append(cells)
    if closed < _MIN_CLOSED_ROWS or opened < 2 * _MIN_CLOSED_ROWS:
        return None
    return [[" | ".join(row) + " |", []] for row in rows]


def opens_one_cell(line: str) -> bool:
    """Is the line one cell opened by a pipe (| 城乡低保), its only pipe?"""
    s = line.strip()
    return bool(s) and s[0] in vocabulary()["separators"] and pipe_count(s) == 1 and has_text(s)


def has_text(line: str) -> bool:
    seps = vocabulary()["separators"]
    return any(not c.isspace() and c not in seps for c in line)


_LATIN = regex.compile(r"[A-Za-z0-9]")


def join_wrapped(first: str, rest: str) -> str:
    """A line broken inside a cell: Chinese runs on without a space, Latin words with one."""
    if first and rest and _LATIN.match(first[-1]) and _LATIN.match(rest[0]):
        return first + " " + rest
    return first + rest
