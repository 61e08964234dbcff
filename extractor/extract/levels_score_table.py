"""Score tables whose every level has its own 分值 and 得分 columns (一级指标 分值 得分 二级指标 分值
得分 三级指标 分值 得分 扣分说明), written out a cell a line, a space or a | apart, as a copied PDF or
web page gives them. The merged cells of the upper levels are written once, before their first
row, so the rows are of different lengths: 决策 15 13.5 项目立项 5 5 立项依据充分性 3 3 立项程序规范性
2 2 绩效目标 5 4 … Each cell group is a name, its 分值 and its 得分 (words after a last-level row
are its reason for points taken off).

Which level a group stands at is left to the table's arithmetic: a group above the last level
is followed by its children, whose 分值 add up to its own; the groups of the last level have
none. Exactly one reading so fits (the 分值 of a group's children are summed until they reach
its own), and a table with a group no reading fits is left to the other readers. A table with
no 合计 row whose 分值 its first level makes gives its figures only, with no tree for the score
rules.
"""
from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from typing import Optional

import regex

from ..model import Document
from .score_run_text import Places, Tree, tables_after_headers
from .worded_score_table import build_tree, column_words, items_after

# a level's column in a score table's header; the fewest last-level rows a table is read with
LEVEL = r"[一二三四]级指标"
FEWEST_ROWS = 4
# (the cells between a name and the words before it: a line break, spaces, a |)
_CELL_BREAK = regex.compile(r"[\s|｜]+")
_TOTAL_SCORE = regex.compile(r"[\s|｜]+(\d{1,3}(?:\.\d{1,2})?)(?![\d.])")


@lru_cache(maxsize=1)
def _header() -> regex.Pattern:
    """Two or more levels, each with its 分值 and 得分 columns, then the words columns."""
    level = (rf"{LEVEL}[\s|｜]*(?:{column_words('weight_columns')})[\s|｜]*"
             rf"(?:{column_words('score_columns')})[\s|｜]*")
    return regex.compile(rf"(?:{level}){{2,4}}(?:(?:{column_words('trailing_columns')})[\s|｜]*){{0,2}}")


def levels_score_tables(doc: Document) -> list:
    """The score tables of `doc` with 分值 and 得分 at every level, each a Tree."""
    return tables_after_headers(doc, _header(), _read, lambda text: "级指标" in text, whole_match=True)


def _read(text: str, place: Places, header) -> Optional[Tree]:
    depth = len(regex.findall(LEVEL, header.group(0)))
    items = items_after(text, header.end())
    total = items.pop() if items and items[-1].kind == "total" else None
    groups = _groups(items)
    nodes, i = [], 0
    while i < len(groups):
        read = _subtree(groups, i, 1, depth, ())
        if read is None:
            return None  # (a group no reading fits: the table is left to the other readers)
        more, i = read
        nodes += more
    if sum(1 for n in nodes if len(n[0]) == depth) < FEWEST_ROWS or sum(1 for n in nodes if len(n[0]) == 1) < 2:
        return None
    totals = _total_cells(text, total) if total is not None else None
    if totals and sum(n[1] for n in nodes if len(n[0]) == 1) != totals[0][1]:
        totals = None  # (the first level does not make the 合计's 分值: the total is not theirs)
    return build_tree(text, place, nodes, totals)


def _groups(items: list) -> list:
    """(name, 分值, 分值's span, 得分's span) of each name with its two figures, up to the first
    item that is not so: a figure with words before it, then a figure right after it, no more
    than it."""
    out, k = [], 0
    while k + 1 < len(items):
        weight, score = items[k], items[k + 1]
        name = _last_cell(weight.words)
        if weight.kind != "figure" or score.kind != "figure" or not name or _CELL_BREAK.sub("", score.words) \
                or score.value > weight.value:
            break
        out.append((name, weight.value, weight.span, score.span))
        k += 2
    return out


def _last_cell(words: str) -> str:
    """The name of a group: the last cell of the words before its 分值 (a row's reason for points
    taken off may stand before it)."""
    cells = [c for c in _CELL_BREAK.split(words) if c]
    return cells[-1] if cells and not cells[-1][-1].isdigit() else ""


def _subtree(groups: list, i: int, level: int, depth: int, path: tuple) -> Optional[tuple]:
    """(nodes, next group) of the group at `i` read at `level` with its children, or None where
    its children's 分值 do not make its own."""
    name, weight, w_span, s_span = groups[i]
    nodes, j = [(path + (name,), weight, w_span, s_span, False)], i + 1
    if level == depth:
        return nodes, j
    made = 0
    while made < weight and j < len(groups):
        read = _subtree(groups, j, level + 1, depth, path + (name,))
        if read is None:
            return None
        made += groups[j][1]
        more, j = read
        nodes += more
    return (nodes, j) if made == weight else None


def _total_cells(text: str, total) -> Optional[tuple]:
    """((分值's span, 分值), (得分's span, 得分)) of the 合计 row: its two figures a cell apart."""
    a, b = total.span
    score = _TOTAL_SCORE.match(text, b)
    if score is None:
        return None
    weight, points = Decimal(text[a:b]), Decimal(score[1])
    return ((a, b), weight), (score.span(1), points) if points <= weight else None
