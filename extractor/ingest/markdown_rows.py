"""A Markdown table run into one line of text, as a page flattened to one line leaves it: …
五、自评结果 | 一级指标 | 分值 | 得分 | |---|---|---| | 决策 | 15 | 13 | | 管理 | 35 | 30.5 | …
本部门… The rule under the header (|---|---|) says how many cells a row has; between two rows
stands one empty cell (the pipe closing a row, the pipe opening the next). The table is
written out as pipe rows, one a line, between the text before and after it, so the pipe
reader reads it. Only where every row has that number of cells and an empty cell after it:
cells that do not fall so are left in their line."""
from __future__ import annotations

from typing import Optional

import regex

_RULE = regex.compile(r"\|(?:\s*:?-{3,}:?\s*\|){2,}")
_FEWEST_ROWS = 2


def markdown_rows_apart(lines: list) -> list:
    """`lines` with each Markdown table run into a line written out a row a line."""
    out = []
    for line in lines:
        found = _apart(line) if "|" in line else None
        if found is None:
            out.append(line)
            continue
        before, rows, after = found
        out.extend(([before] if before else []) + rows + ([after] if after else []))
    return out


def _apart(line: str) -> Optional[tuple]:
    """(the text before, the table's lines, the text after) of the first Markdown table in
    `line` whose rule stands after its header on the same line, or None."""
    for rule in _RULE.finditer(line):
        width = len(regex.findall(r"-{3,}", rule.group()))
        head = line[:rule.start()].rstrip().split("|")
        # (the header's cells: the last `width` pieces before the rule, closed by a pipe)
        if len(head) < width + 2 or head[-1].strip() or not all(c.strip() for c in head[-width - 1:-1]):
            continue
        before = "|".join(head[:-width - 1]).strip()
        cells = line[rule.end():].split("|")
        rows, k = [], 1  # (cells[0]: the space between the rule's pipe and the first row's)
        if cells[0].strip():
            continue
        while k + width < len(cells) and not cells[k + width].strip() and any(c.strip() for c in cells[k:k + width]):
            rows.append(cells[k:k + width])
            k += width + 1
        if len(cells) - k == width + 1 and any(c.strip() for c in cells[k:k + width]):
            rows.append(cells[k:k + width])  # the last row, the text after it past its closing pipe
            k += width
        if len(rows) < _FEWEST_ROWS:
            continue
        after = "|".join(cells[k:]).strip()
        table = ["| " + " | ".join(c.strip() for c in head[-width - 1:-1]) + " |", rule.group()] \
            + ["| " + " | ".join(c.strip() for c in row) + " |" for row in rows]
        return before, table, after
    return None
