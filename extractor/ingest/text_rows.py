"""What the two kinds of tables written as text (pipe_tables.py, spaced_tables.py) share:
the TextTable they are found as, and the vocabulary of characters tables are drawn with
in text (patterns/text_tables.json), compiled once.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

import regex

from ..patterns import load_json


@dataclass
class TextTable:
    start: int  # index of its first line
    end: int  # one past its last line
    rows: list  # rows of cell texts as written; trailing empty cells left off
    lines: list = field(default_factory=list)  # its lines, so a table cut by a page break can be read again whole


# the first column's header of a table whose rows are numbered 1, 2, 3 …
NUMBER_HEADERS = ("序号", "编号", "序", "排序", "排名", "名次")


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
        "spaced_gap": regex.compile(rf"[^\s{wide}](?:[ \xa0]*[\t{wide}]|[ \xa0]{{2}})[\s{wide}]*[^\s{wide}]"),
    }


def drawing_characters() -> frozenset:
    """The characters tables are drawn with in text: separators and rules."""
    return vocabulary()["rule_chars"] - frozenset(" \t\u3000")
