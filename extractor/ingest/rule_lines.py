"""Ruled lines inside spaced tables: a text file or a PDF's text layer draws a table's
horizontal rules as lines of ─, ━, ═, - or = (under the header, above the 合计 row). Such a
line between two rows of cells is no row and no paragraph: it is dropped so the rows on
either side read as one table. A rule that stands between paragraphs is kept."""
from __future__ import annotations

import regex

from .spaced_cells import could_be_spaced_row

# a line of rule characters only, long enough to be drawn (a box grid's +----+ and ├──┼──┤
# are the pipe reader's)
_RULE = regex.compile(r"[ \t\u3000]*[─━═┄┅┈┉\-=—－＿_~～]{6,}[ \t\u3000─━═┄┅┈┉\-=—－＿_~～]*")
_PIPES = regex.compile(r"[|｜│┃]")


def rules_inside_tables_dropped(lines: list) -> list:
    """The lines without the rule lines that stand between two lines of spaced cells."""
    out: list = []
    for k, line in enumerate(lines):
        if _RULE.fullmatch(line) and out and k + 1 < len(lines) \
                and all(could_be_spaced_row(row) and not _PIPES.search(row) for row in (out[-1], lines[k + 1])):
            continue
        out.append(line)
    return out
