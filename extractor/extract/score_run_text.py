"""What the readers of score tables written as running text share (glued_score_tree.py: cells
run together; flat_score_table.py: cells a space apart): the text of consecutive text blocks
joined, where each of its characters stands, and the tables read from it as figures (分值,
得分 and the total with their places) and indicators (path, 分值, 得分)."""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from decimal import Decimal

import regex

from ..model import TABLE, Document

# the start of a block that goes on with a figure cut at the block before: a preview's next
# chunk (2、.42 or 2、42) or the figure's decimals (.42); a line of the next cells opens with
# a figure of its own
_GOES_ON = regex.compile(r"^\s*(?:\d{1,3}、[\d.]|\.\d)")
# the name of a score table's total row
TOTAL_NAME = regex.compile(r"^(?:自评|评价|复核)?(?:合\s*计|总\s*分|总\s*计|得分合计|综合得分|总得分|综合评分)$")


@dataclass
class Figure:
    block: object
    start: int
    end: int
    value: Decimal
    label: str  # 分值 | 得分 | 总分 | 得分率
    path: tuple
    unit: str = "分"  # (a 得分率 is a percentage)


@dataclass
class Tree:
    figures: list = field(default_factory=list)
    # (path, weight, score, source) for each indicator; the total as path ("合计",)
    indicators: list = field(default_factory=list)
    # (block index, start, end): the text the table stands in, header to its last figure
    covers: list = field(default_factory=list)
    # a form's indicator block (targets and actuals between 分值 and 得分): its cells stay the
    # form reader's too, which reads the form's other parts with them
    form_block: bool = False
    # (block index, start, end) of runs whose every figure is the table's: a figure the text
    # readers made of a whole run (1513.590% as one percentage) is none
    runs: list = field(default_factory=list)

    def covering(self, block_index: int, start: int, end: int) -> bool:
        return any(b == block_index and s < end and start < e for b, s, e in self.covers)


class Places:
    """Where each character of joined blocks' texts stands: its block and its offset there."""

    def __init__(self, blocks: list, sep: str = ""):
        self.blocks, self.starts, at = blocks, [], 0
        for b in blocks:
            self.starts.append(at)
            at += len(b.text) + len(sep)

    def of(self, pos: int) -> tuple:
        k = bisect_right(self.starts, pos) - 1
        return self.blocks[k], pos - self.starts[k]

    def figure(self, span: tuple, text: str, label: str, path: tuple, unit: str = "分") -> Figure:
        block, start = self.of(span[0])
        return Figure(block, start, start + span[1] - span[0], Decimal(text[span[0]:span[1]]), label, path, unit)

    def source(self, span: tuple, text: str) -> dict:
        block, start = self.of(span[0])
        return {"page": block.page, "block": block.index, "start": start, "end": start + span[1] - span[0],
                "quote": text[span[0]:span[1]]}

    def covers(self, lo: int, hi: int) -> list:
        """[lo, hi) of the joined text as (block index, start, end) pieces, one per block."""
        out = []
        for k, b in enumerate(self.blocks):
            a, z = max(lo, self.starts[k]), min(hi, self.starts[k] + len(b.text))
            if a < z:
                out.append((b.index, a - self.starts[k], z - self.starts[k]))
        return out

    def within_one_block(self, spans: list) -> bool:
        """Does each figure stand within one block (a line break inside a figure joins two
        lines' digits: no figure to quote)?"""
        return all(self.of(a)[0] is self.of(b - 1)[0] for a, b in spans)

    def may_go_on(self, span: tuple, text: str) -> bool:
        """Does a figure end its block where the next block opens with more of a figure (a
        site's preview cut 1.42 into …1 | 2、.42 …, a printed page kept the cut)?"""
        block, start = self.of(span[0])
        if start + span[1] - span[0] != len(block.text):
            return False
        k = self.blocks.index(block)
        return k + 1 < len(self.blocks) and _GOES_ON.match(self.blocks[k + 1].text) is not None

    def end_of(self, tree: Tree) -> int:
        """The end of the tree's last figure, as a position in the joined text."""
        return max(self.starts[self.blocks.index(f.block)] + f.end for f in tree.figures)


def runs_of_text(doc: Document, sep: str = "", one_row_tables: bool = False):
    """Consecutive text blocks joined (a table broken over lines at any width) with `sep`
    between them, with where each joined character stands. `one_row_tables`: a "table" of
    one row (a whole table on one tab-separated line) is text too."""
    run: list = []
    for b in list(doc.blocks) + [None]:
        if b is None or b.kind == TABLE and not (one_row_tables and b.table is not None and b.table.n_rows == 1):
            if run:
                yield sep.join(x.text for x in run), Places(run, sep)
            run = []
            continue
        run.append(b)


def tables_after_headers(doc: Document, header: "regex.Pattern", read, wanted=None, sep: str = "\n",
                         one_row_tables: bool = True, whole_match: bool = False) -> list:
    """The Trees `read(text, place, header's end)` gives after each match of `header` in the
    document's runs of text blocks (runs_of_text's `sep` and `one_row_tables`; in `wanted`
    runs only, where given; `whole_match`: read is given the header's match, not its end),
    each covering its header to its last figure."""
    out = []
    for text, place in runs_of_text(doc, sep, one_row_tables=one_row_tables):
        if wanted is not None and not wanted(text):
            continue
        for m in header.finditer(text):
            tree = read(text, place, m if whole_match else m.end())
            if tree is not None:
                tree.covers = place.covers(m.start(), place.end_of(tree))
                out.append(tree)
    return out
