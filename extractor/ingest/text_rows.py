"""What the kinds of tables written as text (pipe_tables.py, spaced_tables.py,
cell_lines.py) share: the TextTable they are found as, the vocabulary of characters tables
are drawn with in text (patterns/text_tables.json), compiled once, and where a table goes on
past a page break.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from typing import Callable, Optional

import regex

from ..patterns import load_json


@dataclass
class TextTable:
    start: int  # index of its first line
    end: int  # one past its last line
    rows: list  # rows of cell texts as written; trailing empty cells left off
    lines: list = field(default_factory=list)  # its lines, so a table cut by a page break can be read again whole


# a cell that writes its column's name before its value: 分值：20
_LABELLED_CELL = regex.compile(r"^(?P<name>[^\d:：]{1,12})[:：]\s*(?P<value>\S.*)$")


def names_as_header(table: "TextTable") -> "TextTable":
    """A table each of whose cells writes its column's name before its value, the same names
    row after row (一级指标：投入 | 分值：20 | 得分：18.5): the names become its header row, the
    values its rows. Any other table as it is."""
    rows = table.rows
    if len(rows) < 2 or len(rows[0]) < 2 or any(len(r) != len(rows[0]) for r in rows):
        return table
    cells = [[_LABELLED_CELL.match(c.strip()) for c in r] for r in rows]
    if not all(all(r) for r in cells):
        return table
    names = [m["name"].strip() for m in cells[0]]
    if any([m["name"].strip() for m in r] != names for r in cells[1:]):
        return table
    return TextTable(table.start, table.end, [names] + [[m["value"].strip() for m in r] for r in cells], table.lines)


# the first column's header of a table whose rows are numbered 1, 2, 3 …
NUMBER_HEADERS = ("序号", "编号", "序", "排序", "排名", "名次")
# a header cell over the columns after a total's (收入合计 | 其中: | 上年结转 | …): no column of its own
SUBSET_MARK = regex.compile(r"^其中[:：]?$")


@lru_cache(maxsize=1)
def vocabulary() -> dict:
    spec = load_json("text_tables.json")
    seps = regex.escape(spec["cell_separators"])
    dashes = regex.escape(spec["rule_dashes"])
    joints = regex.escape("".join(c for c in spec["rule_characters"] if c not in spec["rule_dashes"] + ":+"))
    wide = regex.escape(spec["wide_spaces"])
    return {
        "separators": frozenset(spec["cell_separators"]),
        "separator": regex.compile(rf"[{seps}]"),
        # the standard library's re finds a plain character class several times faster
        # than regex does: the test every line of a text goes through
        "any_separator": re.compile("[" + re.escape(spec["cell_separators"]) + "]"),
        "gap_hint": re.compile("  |[\t\xa0" + re.escape(spec["wide_spaces"]) + "]"),
        # a separator written as text (Markdown \|) does not split
        "split": regex.compile(rf"(?<!\\)[{seps}]"),
        "rule_chars": frozenset(spec["rule_characters"] + spec["cell_separators"] + " \t\u3000"),
        "rule_mark": regex.compile(rf"[{dashes}]{{2}}|[{joints}]|:[{dashes}]|[{dashes}]:"),
        # a cell of a spaced row: words joined by single spaces; what lies between two
        # cells is two spaces or more, or a wide space, or a tab
        "spaced_cell": regex.compile(rf"[^\s{wide}]+(?:[ \xa0][^\s{wide}]+)*"),
        "page_furniture": regex.compile(spec["page_furniture"]),
        "page_number_line": regex.compile(spec["page_number_line"]),
        "preview_caption_line": regex.compile(spec["preview_caption_line"]),
        "continued_caption": regex.compile(spec["continued_caption"]),
        "spaced_gap": regex.compile(rf"[^\s{wide}](?:[ \xa0]*[\t{wide}]|[ \xa0]{{2}})[\s{wide}]*[^\s{wide}]"),
    }


def drawing_characters() -> frozenset:
    """The characters tables are drawn with in text: separators and rules."""
    return vocabulary()["rule_chars"] - frozenset(" \t\u3000")


SEEN_BEFORE_LINES = 40  # how far above a table a title repeated over its next page is looked for


def lines_seen_before(lines: list, start: int) -> set:
    """The lines written in the SEEN_BEFORE_LINES above a table starting at `start` (a report's
    or form's title, printed again over the page the table goes on), for past_page_break."""
    return {line.strip() for line in lines[max(0, start - SEEN_BEFORE_LINES):start] if line.strip()}


PAGE_BREAK_LINES = 9  # blank lines, the page's number, the title repeated over the page, 续表, the unit, its header again


def past_page_break(lines: list, k: int, seen: set, repeats: Optional[Callable] = None) -> Optional[int]:
    """The line after a page break at line k, where a table goes on: past the page's
    furniture (第 1 页 共 2 页, — 2 —, a form feed: `page_furniture`), blank lines, lines in
    `seen` (written before the table: the report's or form's title over every page) and lines
    `repeats` says the table writes again (its header line). None where no furniture is there."""
    furniture, continued = vocabulary()["page_furniture"], vocabulary()["continued_caption"]
    j, broken = k, False
    while j < len(lines) and j - k < PAGE_BREAK_LINES:
        line = lines[j]
        if furniture.match(line) or "\f" in line:
            broken = True
        elif line.strip() and line.strip() not in seen and not (repeats and repeats(line)) \
                and not (broken and continued.match(line)):  # (续表1 over the table's rest)
            break
        j += 1
    return j if broken else None
