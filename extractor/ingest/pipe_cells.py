"""A pipe table's lines (pipe_tables.py finds them) read into rows of cells: which way its
lines make rows — a grid drawn with a rule under every row, rows led or opened by pipes, | a | b |
rows, rows counted out in pipes (pipe_raw_rows.py, pipe_widths.py), cells one a line closed by
runs of pipes or by empty cells, or counted out by their numbering, rows of two cells — and each
row split into its cells, the rest of a cell wrapped onto a line of its own joined to it.
"""
from __future__ import annotations

from typing import Optional

from .pipe_raw_rows import (PIPE, RULE, TEXT, bounded_raw_rows, counted_raw_rows, has_text, is_bounded, join_wrapped,
                            pipe_led_raw_rows, pipe_opened_raw_rows)
from .pipe_widths import one_cell_a_line, pipe_count, row_width
from .text_rows import NUMBER_HEADERS, vocabulary


# Pipe lines with text in at most this share: the pipes stand on lines of their own.
_BARE_PIPE_SHARE = 0.2


def pipe_rows(members: list) -> list:
    """The rows of cells of a pipe table's lines ([(kind, text)], its blank lines left out);
    [] where they hold no grid (cells one a line with nothing to tell where a row ends)."""
    grid = _rows_between_rules(members)
    if grid is not None:
        return grid
    lines = [(kind, text.strip()) for kind, text in members if kind != RULE]
    texts = [t for kind, t in lines if kind == PIPE and has_text(t)]
    seps = vocabulary()["separators"]
    bounded = is_bounded(texts, seps)
    led = pipe_opened_raw_rows(lines) or pipe_led_raw_rows(lines)
    if led is not None:
        raw_rows, bounded = led, False
    elif bounded:
        raw_rows = bounded_raw_rows(lines)
    else:
        counts = [pipe_count(t) for kind, t in lines if kind == PIPE]
        # pipes on lines of their own: the lines between them are the cells
        bare = len(texts) <= _BARE_PIPE_SHARE * len(counts)
        if not bare and row_width(counts, closed_only=True) is None and (closed := _rows_closed_by_runs(lines)):
            return closed  # (rows closed by runs of pipes of any length)
        if (two := _two_cell_rows(lines)) is not None:
            raw_rows = two
        elif one_cell_a_line(counts):
            # Cells one a line: only runs of pipes closing the rows (||||) say where a row
            # ends; without them, or with lines of text between the X | lines (row names
            # or the rest of a cell, no telling which), there is no grid to rebuild.
            width = row_width(counts, closed_only=True) or _numbered_width(lines)
            if width is None and bare and (split := _rows_closed_by_empty_cells(lines)):
                return split
            if width is None or (not bare and any(kind == TEXT for kind, _ in lines)):
                return []
        else:
            width = row_width(counts)
        if two is None:
            raw_rows = counted_raw_rows(lines, width, text_opens_rows=bare)
    rows = []
    for raw, tails in raw_rows:
        cells = split_row(raw, bounded)
        for tail in tails:
            _append_to_last_cell(cells, tail)
        while cells and not cells[-1]:
            cells.pop()
        if cells:
            rows.append(cells)
    if led is not None:
        # each cell is in its column: rows that left their empty last cells out (no 备注) get
        # them back, so they read as the header's columns (one-cell rows stay titles)
        width = max(len(r) for r in rows)
        rows = [r + [""] * (width - len(r)) if len(r) >= 2 else r for r in rows]
    return rows


_FEWEST_EVEN_ROWS = 3


def _rows_closed_by_empty_cells(lines: list) -> Optional[list]:
    """Cells between pipes on lines of their own, a row closed by an empty cell (two pipes
    running): 项目 / | / 合计 / | / 一般公共 / 预算 / | / … / | / | / 行政经费 / | / 268.47 …, as a
    web page's table saved cell by cell gives it; a cell's lines run on. The rows, where three
    or more have one width of two cells or more and every other is a title of one cell (the
    last may stop short)."""
    rows, row, cell = [], [], None
    for kind, text in lines + [(PIPE, "|"), (PIPE, "|")]:
        if kind != PIPE:
            cell = text.strip() if cell is None else join_wrapped(cell, text.strip())
            continue
        if cell is not None:
            row.append(cell)
            cell = None
        elif row:
            rows.append(row)
            row = []
    # (the text before the first pipe is a title of its own: 单位：万元 / | / 项目 / | …)
    if lines and lines[0][0] != PIPE and len(rows) > 1 and len(rows[0]) == len(rows[1]) + 1:
        rows[:1] = [rows[0][:1], rows[0][1:]]
    # (the last row may stop short: its last cell written after the last pipe, or cut off)
    widths = {len(r) for r in rows[:-1] if len(r) > 1}
    if len(widths) != 1 or len(rows[-1]) > max(widths) or sum(len(r) > 1 for r in rows) < _FEWEST_EVEN_ROWS:
        return None
    return rows


def _rows_closed_by_runs(lines: list) -> Optional[list]:
    """Cells each closed by a pipe, one a line or a few (机构名称 | / 收入合计 | / …, 联系人 | 李某 |),
    a row closed by a run of pipes on a line of its own (||||||||) however long: a page's tables
    saved cell by cell, whose rows' runs differ in length (its titles', headers' and rows' alike),
    so no width counts them out. A cell's earlier lines (年度主要 / 工作内容 |) run on in it. The
    rows, where three or more hold two cells or more; None where a line opens with a pipe or a
    pipe alone stands on its line."""
    seps = vocabulary()["separators"]
    rows, row, pending = [], [], ""
    for kind, text in lines:
        if kind != PIPE:
            pending = join_wrapped(pending, text.strip())
            continue
        if not has_text(text):
            if pipe_count(text) < 2:
                return None  # (a pipe alone: another layout's)
            if pending or row:
                rows.append(row + ([pending] if pending else []))
            row, pending = [], ""
            continue
        if text.rstrip()[-1] not in seps or text.lstrip()[0] in seps:
            return None  # (cells closed by their pipes only: | a | b | rows are another layout's)
        cells = cells_of(text)
        row += [join_wrapped(pending, cells[0])] + cells[1:]
        pending = ""
    if row:
        rows.append(row)
    return rows if sum(len(r) > 1 for r in rows) >= _FEWEST_EVEN_ROWS else None


def _two_cell_rows(lines: list) -> Optional[list]:
    """Rows of two cells, one pipe between words on each line (项目 | 金额 / 一、基金收入 |
    20684.88): each line a row — not cells one a line (X |), whose pipe closes the line.
    None unless every line is such a row and there are three or more."""
    split = vocabulary()["split"]
    if len(lines) < 3 or any(kind != PIPE for kind, _ in lines):
        return None
    for _, text in lines:
        parts = split.split(text)
        if len(parts) != 2 or not all(p.strip() for p in parts):
            return None
    return [(text, []) for _, text in lines]


def _numbered_width(lines: list) -> Optional[int]:
    """Cells one a line (序号 | 名称 | … | 1 | … | 2 | …) with nothing closing the rows: the
    row's width is where the numbering starts, when the cells at every multiple of it
    count 1, 2, 3 … to the end. Without such numbering there is no telling where a row
    ends."""
    if any(kind != PIPE for kind, _ in lines):
        return None
    seps = vocabulary()["separators"]
    cells = [text.strip().strip("".join(seps)).strip() for _, text in lines]
    if not cells or cells[0] not in NUMBER_HEADERS or "1" not in cells:
        return None
    width = cells.index("1")
    rows = -(-len(cells) // width)  # the last may be cut short (the rest overleaf, or lost)
    if width < 2 or rows < 3:
        return None
    return width if all(cells[r * width] == str(r) for r in range(1, rows)) else None


def _rows_between_rules(members: list) -> Optional[list]:
    """Grid tables (box drawing, +---+ rules) draw a rule under every row; a row's cells
    may then run over several lines, each with all the pipes and empty where its cells
    have no more text. Read each stretch between two rules as one row. None when the
    table is not drawn so (Markdown: a rule under the header only; a rule above 合计)."""
    stretches: list = [[]]
    for kind, text in members:
        if kind == RULE:
            if stretches[-1]:
                stretches.append([])
        else:
            stretches[-1].append((kind, text.strip()))
    stretches = [s for s in stretches if s]
    if len(stretches) < 3 or all(len(s) == 1 for s in stretches):
        return None
    if any(kind != PIPE for s in stretches for kind, _ in s):
        return None
    rows = []
    for stretch in stretches:
        parts = [split_row(text, True) for _, text in stretch]
        if len({len(p) for p in parts}) > 1 or any(all(part) for part in parts[1:]):
            return None  # lines of whole rows, not one row drawn over several lines
        cells = parts[0]
        for part in parts[1:]:
            cells = [join_wrapped(a, b) if a and b else a or b for a, b in zip(cells, part)]
        while cells and not cells[-1]:
            cells.pop()
        if cells:
            rows.append(cells)
    return rows


def split_row(raw: str, bounded: bool) -> list:
    """Cell texts of a row. | a | b |: the outer pipes hold no cells; a | b |: each pipe
    ends the cell before it."""
    seps = vocabulary()["separators"]
    text = raw.strip()
    if bounded and text and text[0] in seps:
        text = text[1:]
    cells = vocabulary()["split"].split(text)
    if len(cells) > 1 and not cells[-1].strip():
        cells.pop()  # the closing pipe
    return [c.strip().replace("\\|", "|") for c in cells]


def _append_to_last_cell(cells: list, text: str) -> None:
    for k in range(len(cells) - 1, -1, -1):
        if cells[k]:
            cells[k] = join_wrapped(cells[k], text)
            return
    if cells:
        cells[0] = text


def cells_of(line: str) -> list:
    """The cells of one pipe line, its outer pipes left out."""
    return [c.strip() for c in vocabulary()["split"].split(line.strip().strip("".join(vocabulary()["separators"])))]
