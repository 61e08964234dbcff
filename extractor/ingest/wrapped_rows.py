"""A wide table's rows each wrapped onto a second, indented line, as a page or a report too
narrow for the table sets it (资金来源    年初预算    调整预算    到位数 over     支出数    结余, then
中央补助    4,260.00 … over     4,468.35    44.45 …): each row and the indented line under it are
one line again, so the readers of spaced rows read the table it was. Only where three rows or
more in a run are wrapped so, every row's cells a wide gap apart: running text is not indented
line by line under lines of cells."""
from __future__ import annotations

import regex

_WIDE = regex.compile(r"  |\u3000")
# (spaces only: a tab opening a line of tabs is an empty first cell, the row whole)
_INDENTED = regex.compile(r"^(?: {2,}|\u3000)[^\s\t][^\t]*$")
_FEWEST_ROWS = 3
_GAP = "    "


def wrapped_rows_joined(lines: list) -> list:
    out, i = [], 0
    while i < len(lines):
        j = i
        while j + 1 < len(lines) and _opens_row(lines[j]) and _INDENTED.match(lines[j + 1]):
            j += 2
        if (j - i) // 2 >= _FEWEST_ROWS:
            out.extend(lines[k].rstrip() + _GAP + lines[k + 1].strip() for k in range(i, j, 2))
            i = j
        else:
            out.append(lines[i])
            i += 1
    return out


def _opens_row(line: str) -> bool:
    """A line of cells a wide gap of spaces apart (no tab), not itself indented."""
    return bool(line.strip()) and "\t" not in line and not _INDENTED.match(line) and _WIDE.search(line.strip()) is not None
