"""Pipe rows run into one line of text, as a page flattened to one line leaves a Markdown or
web table: … 五、自评结果 | 一级指标 | 分值 | 得分 | |---|---|---| | 决策 | 15 | 13 | | 管理 | 35 |
30.5 | … 本部门… Between two rows stands one empty cell (the pipe closing a row, the pipe opening
the next). How many cells a row has, the rule under the header says (|---|---|), or, with no
rule, the header itself: its names up to the first empty cell. The table is written out as
pipe rows, one a line, between the text before and after it, so the pipe reader reads it.
Only where every row has that number of cells and an empty cell after it: cells that do not
fall so are left in their line."""
from __future__ import annotations

from typing import Optional

import regex

_RULE = regex.compile(r"\|(?:\s*:?-{3,}:?\s*\|){2,}")
_OPENING_PIPE = regex.compile(r"(?:^|(?<=\s))\|(?=\s)")
_NAME = regex.compile(r"\p{Han}")
_FEWEST_ROWS = 2
_FEWEST_COLUMNS = 3
_MOST_COLUMNS = 16
_MOST_CELL = 60


def markdown_rows_apart(lines: list) -> list:
    """`lines` with each table of pipe rows run into a line written out a row a line."""
    out = []
    for line in lines:
        split = False
        while (found := (_after_a_rule(line) or _after_a_header(line) or _after_a_numbered_header(line)
                         or _after_an_unopened_header(line) or _padded_grid(line))
               if line.count("|") >= 8 else None):
            before, rows, line = found  # (the text after the table may hold the next one)
            # (blank lines around the rows: the text after them is no cell wrapped onto a line)
            out.extend(([before] if before else []) + [""] + rows + [""])
            split = True
        if line or not split:
            out.append(line)
    return out


def _after_a_rule(line: str) -> Optional[tuple]:
    """(the text before, the table's lines, the text after) of the first table in `line` whose
    rule stands after its header, or None."""
    for rule in _RULE.finditer(line):
        width = len(regex.findall(r"-{3,}", rule.group()))
        head = line[:rule.start()].rstrip().split("|")
        # (the header's cells: the last `width` pieces before the rule, closed by a pipe)
        if len(head) < width + 2 or head[-1].strip() or not all(c.strip() for c in head[-width - 1:-1]):
            continue
        found = _rows(line[rule.end():].split("|"), width)
        if found is not None:
            rows, after = found
            return "|".join(head[:-width - 1]).strip(), [_line(head[-width - 1:-1]), rule.group()] + rows, after
    return None


def _after_a_header(line: str) -> Optional[tuple]:
    """The same for a table with no rule: its header the names after a pipe up to the first
    empty cell, every row after it as many cells."""
    for opening in _OPENING_PIPE.finditer(line):
        # (a header is short: its names are looked for in the characters right after the pipe)
        head = line[opening.end():opening.end() + _MOST_CELL * _MOST_COLUMNS].split("|")
        width = next((k for k, c in enumerate(head) if not c.strip()), len(head))
        if not _FEWEST_COLUMNS <= width <= _MOST_COLUMNS or width + 1 >= len(head) \
                or not all(_NAME.search(c) and len(c) <= _MOST_CELL for c in head[:width]):
            continue  # (a header names its columns: words, not the figures of a row)
        cells = line[opening.end():].split("|")
        found = _rows(cells[width:], width)
        if found is not None:
            rows, after = found
            return line[:opening.start()].strip(), [_line(cells[:width])] + rows, after
    return None


_ROWS_MEET = regex.compile(r"\|\s*\|")  # a row's closing pipe and the next one's opening pipe
_LAST_WORD = regex.compile(r"(?:^|[\s。；;：:])([^\s。；;：:]+)\s*$")


def _after_an_unopened_header(line: str) -> Optional[tuple]:
    """The same for a table whose header has no opening pipe, run on from the text before it
    (…覆盖人口8.5万人。 绩效目标 | 绩效指标 | 指标值 | 分值 | 得分 || 产出目标 | …): the header's
    names the cells before the first pair of pipes, as many as a row after it has, the first of
    them the last word of the text before."""
    for meet in _ROWS_MEET.finditer(line):
        cells = line[meet.start() + 1:].split("|")
        width = next((k for k, c in enumerate(cells[1:_MOST_COLUMNS + 2]) if not c.strip()), 0)
        head = line[:meet.start()].split("|")
        if not _FEWEST_COLUMNS <= width <= _MOST_COLUMNS or len(head) < width \
                or len(head) > width and not head[-width - 1].strip():
            continue  # (a header opened by a pipe is _after_a_header's)
        first = _LAST_WORD.search(head[-width])
        names = [first[1] if first else ""] + head[-width + 1:]
        if not all(_NAME.search(c) and len(c.strip()) <= _MOST_CELL for c in names):
            continue
        found = _rows(cells, width)
        if found is not None:
            rows, after = found
            before = "|".join(head[:-width] + [head[-width][:first.start(1)]]).strip()
            return before, [_line(names)] + rows, after
    return None


_NUMBER_HEADER = regex.compile(r"(?:^|(?<=[\s:：|]))序号\s*\|")


def _after_a_numbered_header(line: str) -> Optional[tuple]:
    """The same for a table whose rows no empty cell parts (a table written one cell a line,
    each cell closed by a pipe, then flattened: 序号 | 项目名称 | 资金（万元） | 1 | 甲项目 | 460 |
    2 | …): its header the names from 序号 up to the cell 1, every row as many cells, the rows
    numbered 1, 2, 3 … in their first cell."""
    for opening in _NUMBER_HEADER.finditer(line):
        cells = line[opening.start():].split("|")
        width = next((k for k, c in enumerate(cells[:_MOST_COLUMNS + 1]) if c.strip() == "1"), 0)
        if not _FEWEST_COLUMNS <= width <= _MOST_COLUMNS \
                or not all(_NAME.search(c) and len(c.strip()) <= _MOST_CELL for c in cells[:width]):
            continue
        rows, k = [], width
        while k + width < len(cells) and cells[k].strip() == str(len(rows) + 1) \
                and all(len(c.strip()) <= _MOST_CELL for c in cells[k:k + width]):
            rows.append(cells[k:k + width])
            k += width
        if len(rows) >= _FEWEST_ROWS:
            return (line[:opening.start()].strip(), [_line(cells[:width])] + [_line(row) for row in rows],
                    "|".join(cells[k:]).strip())
    return None


_FEWEST_GRID_ROWS = 3
_STRAY_PIPES = 2  # pipes the text before a grid may hold
# empty cells each row of a grid closes with (a row that fills its last cells, run into the
# next row's name, would put the cut elsewhere)
_PADDING = 2
_MOST_GRID_COLUMNS = 30


def _padded_grid(line: str) -> Optional[tuple]:
    """The same for a grid whose rows each fill their first cells and pad the rest with empty
    ones to one width (项目负责人 | 李淼荣 | 联系电话 | 64810996 | ||||||| over 地址 | … | ||||||||),
    run into one line: every row as many cells, opening with a name and closing with two empty
    cells or more. The widest run of such rows is taken, where the line's pipes open with it;
    its first row's name is the last word of the text before it."""
    cells = line.split("|")
    if _padding_runs(cells) < _FEWEST_GRID_ROWS:
        return None  # (every row closes with its own run of empty cells: a line of one row has one)
    best = None  # (cells covered, start, width, rows)
    for width in range(_FEWEST_COLUMNS + 1, _MOST_GRID_COLUMNS + 1):
        for start in range(0, min(width, len(cells))):
            rows, k = 0, start
            while k + width <= len(cells) and _NAME.search(cells[k]) \
                    and not "".join(cells[k + width - _PADDING:k + width]).strip() \
                    and all(len(c.strip()) <= _MOST_CELL for c in cells[k + 1:k + width]):
                rows, k = rows + 1, k + width
            if rows >= _FEWEST_GRID_ROWS and (best is None or rows * width > best[0]):
                best = (rows * width, start, width, rows)
    if best is None or best[1] > _STRAY_PIPES:
        return None  # (a grid that starts amid other cells leaves them to the readers of forms by type)
    _, start, width, rows = best
    first = _LAST_WORD.search(cells[start])
    if first is None:
        return None
    if _AFTER_A_COLON.search(cells[start][:first.start(1)]):
        # (the first row's cell is a label's value, 评价等级：良, run on from the text before: it
        # stays with its label, its padding is dropped and the rows start after it)
        before, start, rows = "|".join(cells[:start + 1]).strip(), start + width, rows - 1
    else:
        before = "|".join(cells[:start] + [cells[start][:first.start(1)]]).strip()
        cells = cells[:start] + [first[1] + " "] + cells[start + 1:]
    if rows < _FEWEST_GRID_ROWS:
        return None
    return before, _grid_lines(cells, start, width, rows), "|".join(cells[start + rows * width:]).strip()


_AFTER_A_COLON = regex.compile(r"[:：]\s*$")


def _padding_runs(cells: list) -> int:
    """How many runs of _PADDING or more empty cells the cells hold."""
    runs, empty = 0, 0
    for c in cells:
        empty = 0 if c.strip() else empty + 1
        runs += empty == _PADDING
    return runs


def _grid_lines(cells: list, start: int, width: int, rows: int) -> list:
    """The grid's rows, each written back as the line it was, its empty cells as they were
    (such rows read as the sheet rows they are, not as a Markdown table's)."""
    return ["|".join(cells[k:k + width]).strip() + "|" for k in range(start, start + rows * width, width)]


def _rows(cells: list, width: int) -> Optional[tuple]:
    """(the rows' lines, the text after them) from the cells after a header's closing pipe
    (cells[0]: the space before the first row's opening pipe), or None where fewer than two
    rows of `width` cells, each closed by an empty cell, follow."""
    if cells[0].strip():
        return None
    rows, k = [], 1
    while k + width < len(cells) and not cells[k + width].strip() and any(c.strip() for c in cells[k:k + width]):
        rows.append(cells[k:k + width])
        k += width + 1
    last = cells[k:k + width]
    if len(last) == width and k + width < len(cells) and last[0].strip() and all(len(c) <= _MOST_CELL for c in last):
        rows.append(last)  # the last row, the text after it past its closing pipe
        k += width
    if len(rows) < _FEWEST_ROWS:
        return None
    return [_line(row) for row in rows], "|".join(cells[k:]).strip()


def _line(cells: list) -> str:
    return "| " + " | ".join(c.strip() for c in cells) + " |"
