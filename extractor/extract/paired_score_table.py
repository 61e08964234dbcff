"""Score tables run together whose rows end in their 分值 and 得分 and whose groups carry their
weights in brackets, as document-sharing previews give a report's score table (一级指标二级指标
三级指标分值得分 / 决策（20分）项目立项（6分）立项依据充分性33 / 立项程序规范性33 / 绩效目标（6分）
绩效目标合理性32 … 合计10092.5): each row is a name, then its 分值 and 得分 run together (33 is 3
and 3; 32.5 is 3 and 2.5) or a space apart, or its 分值 bracketed after its name and its 得分
right after that (一级指标二级指标三级指标得分 / 绩效目标合理性（4分）4).

A run is read only where its own arithmetic says so: under each bracketed weight the rows'
分值 and the inner groups' weights add up to it, each 得分 is at most its 分值 and written with
its decimals, and exactly one reading of the whole does so (worded_score_table.py's
readers of groups, with a row read as a pair of points); a table the excerpt cuts off is read
up to its last whole group, but one whose next group no reading fits is left to the others. A
table that weights no group is read only where all its rows make its 合计 row's 分值.
"""
from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from functools import lru_cache
from typing import Optional

import regex

from ..model import Document
from .numbers import points_pairs
from .score_group_readings import group_readings, one_reading, whole_groups
from .score_run_text import Places, Tree, tables_after_headers
from .worded_score_table import HAN, build_tree, column_words, items_after, same_places_of, total_cells

_FEWEST_ROWS = 3
_MOST_NAME = 24


@lru_cache(maxsize=1)
def _header() -> regex.Pattern:
    """The header's last indicator column, then its 分值 and 得分 columns side by side."""
    return regex.compile(rf"(?:{column_words('indicator_columns')})(?P<between>[^\d\n]{{0,16}}?)\s*"
                         rf"(?:(?:{column_words('weight_columns')})\s*)?(?:{column_words('score_columns')})")


def paired_score_tables(doc: Document) -> list:
    """The score tables of `doc` whose rows end in 分值 and 得分 under bracketed group weights,
    each a Tree."""
    # (the header's own word: a cheap test first)
    return tables_after_headers(doc, _header(), _read, lambda text: "指标" in text, whole_match=True)


def _read(text: str, place: Places, header) -> Optional[Tree]:
    # (word columns before the points, 指标解释 评分标准: their 扣0.5分 is no cell, so a figure
    # written with 分 is none either)
    words_between = bool(header["between"].strip())
    items = items_after(text, header.end(), runs=True, points_unit=not words_between)
    if words_between:
        items = [replace(item, name=_first_clause(item.words)) if item.kind != "mark" else item for item in items]
    total = items.pop() if items and items[-1].kind == "total" else None
    items, subtotals = _without_subtotals(text, items)
    cells = total_cells(text, total) if total is not None else None
    if items and not any(item.kind == "mark" for item in items) and cells:
        # no group weighted: the rows are read only where they make the 合计 row's 分值, all of them
        reading = one_reading(group_readings(text, items, 0, cells[0][1], (), _paired_rows))
        if reading is None or reading[0] != len(items) or any(n[2][1] != n[3][0] for n in reading[1]):
            return None  # (cells a space apart are the form reader's and flat_score_table's)
        nodes, i = reading[1], reading[0]
    elif not items or items[0].kind != "mark":
        return None  # groups carry their weights in brackets (the others are other readers')
    else:
        nodes, i = whole_groups(text, items, _paired_rows)
    rows = [n for n in nodes if n[3] is not None]
    if len(rows) < _FEWEST_ROWS or i < len(items) and items[i].kind == "mark":
        return None  # too few rows, or a group after the last read that no reading fits: not this shape
    if cells and sum(n[1] for n in nodes if len(n[0]) == 1) != cells[0][1]:
        cells = None  # the groups read do not make the total's 分值: the total is not theirs
    tree = build_tree(text, place, nodes, cells)
    last = max(n[3][1] if n[3] else n[2][1] for n in nodes)
    if tree is not None:
        for weight, score in subtotals:  # (a group's 小计 within the rows read: figures, no indicator)
            if weight[1] <= last:
                tree.figures += [place.figure(weight, text, "分值", ("小计",)), place.figure(score, text, "得分", ("小计",))]
    return tree


def _without_subtotals(text: str, items: list) -> tuple:
    """The items without the groups' 小计 rows (小计20分17.5分: its 分值 and 得分 a space or a 分
    apart), and those rows' (分值's span, 得分's span)."""
    out, subtotals, k = [], [], 0
    while k < len(items):
        item, after = items[k], items[k + 1] if k + 1 < len(items) else None
        if item.kind == "figure" and item.name.endswith("小计") and after is not None and after.kind == "figure" \
                and not after.words.strip() and after.value <= item.value:
            subtotals.append((item.span, after.span))
            k += 2
            continue
        out.append(item)
        k += 1
    return out, subtotals


def _first_clause(words: str) -> str:
    """A row's name where word columns follow it: its words up to their first stop."""
    return regex.split(r"[，。；,;？?]", words.strip())[0][:_MOST_NAME]


def _paired_rows(text: str, items: list, i: int, path: tuple):
    """A row at items[i] with its 分值 and 得分: run together or a space apart after its name, or
    its 分值 bracketed after its name and its 得分 right after (绩效目标合理性（4分）4)."""
    item = items[i]
    after = items[i + 1] if i + 1 < len(items) else None
    if item.kind == "mark":
        if after is not None and after.kind == "figure" and not HAN.search(after.name) and after.value <= item.value:
            yield (path + (item.name,), item.value, item.span, after.span, True), i + 2
        return
    if not HAN.search(item.name):
        return
    for weight, score, j in _pairs(text, items, i):
        yield (path + (item.name,), Decimal(text[slice(*weight)]), weight, score, True), j


def _pairs(text: str, items: list, i: int) -> list:
    """(分值's span, 得分's span, next item) for each way the row at items[i] may hold its
    points: run together in its figure, or its figure and the next one a space apart."""
    item = items[i]
    out = [(w, s, i + 1) for w, s in points_pairs(text, *item.span)]
    after = items[i + 1] if i + 1 < len(items) else None
    if item.kind == "figure" and after is not None and after.kind == "figure" and not after.words.strip() \
            and after.value <= item.value and same_places_of(text, item.span, after.span):
        out.append((item.span, after.span, i + 2))
    return out
