"""A 合计 or 小计 row shorter than its table, its label spanning the cells before its figures
(全市合计 | 6396.55 | 6226.77 | / under 序号 | 县（区） | 下达资金 | 实际支出 | 等级): where its
figures go. Filled out on the left, short of the columns of words the rows above end with,
or placed where more of its figures add up their columns. Shared by the readers of spaced,
one-space and cell rows."""
from __future__ import annotations

from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Optional

import regex

from ..patterns import load_json
from .spaced_cells import DASH_CELL, is_dash, is_figure, is_number, trailing

TOTAL_WORDS = ("合计", "小计", "总计")


def is_total_label(text: str) -> bool:
    """Does a row's label name a total: one ending in 合计, 小计 or 总计 (全市合计), or a total
    row's name of the forms' vocabulary (总分, 自评总分, 总得分: forms.json total_rows)?"""
    bare = regex.sub(r"\s", "", text)
    return bare.endswith(TOTAL_WORDS) or bare in total_names()


@lru_cache(maxsize=1)
def total_names() -> frozenset:
    """The total rows' names of the forms' vocabulary (forms.json total_rows)."""
    return frozenset(load_json("forms.json")["total_rows"])


def total_row_filled(texts: list, width: int, above: list = ()) -> Optional[list]:
    """A 小计 or 合计 row shorter than the table, its label spanning the cells before its
    figures (全市合计 | 6396.55 | 6226.77 | / under 序号 | 县（区） | 下达资金 | 实际支出 | 等级),
    filled out on the left; None for any other row. A dash stands for a figure not written.
    Columns of words the rows `above` end with (扣分原因) the total leaves empty on the right."""
    if len(texts) < width and is_total_label(texts[0]) and texts[1:] \
            and all(is_figure(t) or DASH_CELL.match(t) for t in texts[1:]) and any(is_figure(t) for t in texts[1:]):
        words_after = 0  # (less those the total fills with a dash itself: 全市合计 | … | /)
        while above and words_after < width - len(texts) and not any(
                is_number(row[width - 1 - words_after])
                for row in above if len(row) == width):  # (a reason column's dashes are no figures)
            words_after += 1
        words_after = max(0, words_after - trailing(texts[1:], is_dash))
        filled = _placed_by_sums(run_fills(texts, width), width - len(texts) - words_after, above)
        return _under_figure_columns(texts, width, above, filled) or filled
    return None


def _under_figure_columns(texts: list, width: int, above: list, filled: list) -> Optional[list]:
    """The total's figures each under a column the full rows above fill with figures, in order,
    where they are as many as those columns and the run `filled` puts one under a column of
    words (合计 | 100 | 82 under … | 分值 | 评分标准 | 得分 | 扣分原因: 100 under 分值, 82 under 得分,
    the rules' words between them); None else."""
    # (the full rows of figures: not the header, nor a 小计 placed before)
    full = [row for row in above if len(row) == width and any(is_figure(c) for c in row) and not is_total_label(row[0])]
    if len(full) < 2:
        return None
    columns = [k for k in range(1, width) if all(is_figure(r[k]) or DASH_CELL.match(r[k]) for r in full)
               and any(is_figure(r[k]) for r in full)]
    figures = texts[1:]
    if not any("%" in f for f in figures):  # (bare figures total no column of rates: 得分率 | 87.5%)
        columns = [k for k in columns if not all("%" in r[k] for r in full)]
    if len(columns) != len(figures) or all(k in columns for k, c in enumerate(filled) if k and c):
        return None
    placed = [texts[0]] + [""] * (width - 1)
    for k, figure in zip(columns, figures):
        placed[k] = figure
    return placed


def run_fills(total: list, width: int) -> list:
    """A short total row filled out to the table's width each way that keeps its figures in
    one run: its label first, then 0, 1, 2 … empty cells before the run, the rest after it."""
    return [[total[0]] + [""] * before + total[1:] + [""] * (width - len(total) - before)
            for before in range(width - len(total) + 1)]


def _placed_by_sums(fills: list, usual: int, above: list) -> list:
    """Of the `fills` (run_fills), the one with `usual` empty cells before the figures — or one
    with fewer where more of its figures then add up their columns (合计 | 49581000.00 |
    49265960.00 | 47681743.75 | 96.78 under 年初预算 | 调整后预算 | 实际支出 | 执行率 | 得分: the row
    leaves out the last column, 得分, not the first of its figures)."""
    full = [row for row in above if len(row) == len(fills[usual])]
    if len(full) < 2:
        return fills[usual]

    def sums(row: list) -> int:
        return sum(1 for k, c in enumerate(row) if k and is_number(c) and is_column_sum(c, [r[k] for r in full]))

    best, most = fills[usual], sums(fills[usual])
    for moved in fills[:usual]:
        if sums(moved) > most:
            best, most = moved, sums(moved)
    return best


def is_column_sum(figure: str, column: list) -> bool:
    """Is the figure the sum of the column's figures (a total row's cell under them)?"""
    try:
        return Decimal(figure.replace(",", "")) == sum(Decimal(c.replace(",", "")) for c in column if c)
    except InvalidOperation:
        return False
