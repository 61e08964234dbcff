"""The 合计 row after a one-cell-a-line table's rows, where it wrote fewer cells than a row
(its empty cells left out): filled out to the table's width so that each figure stands under
its column — the one it adds up, a rate under rates, or the last columns."""
from __future__ import annotations

from itertools import combinations
from typing import Callable, Optional

from .cell_kinds import TOTAL_NAMES, cell_kind
from .short_total_rows import is_column_sum, run_fills, total_row_filled


def with_total_row(cells: list, rows: list) -> tuple:
    """(rows, cells they take): the rows, and after them the table's 合计 row where it wrote
    fewer cells than a row (its empty cells left out: 合计 | 14.88 | 22320.00 | … under 序号 |
    县 | …), filled out after its label so its figures stand under the last columns."""
    used = cells_taken(rows)
    rows, used = _short_rows_before_total(cells, rows, used)
    rest = cells[used:used + (len(rows[-1]) if rows else 0)]
    if len(rows) >= 3 and rest and rest[0] in TOTAL_NAMES:
        width = len(rows[-1])
        words = [k for k, c in enumerate(rest[1:], 1) if cell_kind(c) is False]
        total = rest[:words[0]] if words else rest  # (its figures run to the next words: past the table)
        # filled out on the left; or, where columns of words end the rows (扣分原因), with those
        # left empty too (where it writes none of its empty cells)
        fills = [[total[0]] + [""] * (width - len(total)) + total[1:]]
        if "" not in total and (beside := total_row_filled(total, width, rows[1:])):
            fills.insert(0, beside)
        if (summed := _sums_aligned_fill(total, width, rows[1:])) is not None:
            # (each figure under the column it adds up: 合计 | 3,696 | 1,059.18 under 人数 | 月补助
            # 标准 | 全年发放金额, the standard's cell left out)
            fills.insert(0, summed)
        if any("%" in c for c in total[1:]):
            # (its rate under the rates' column, its empty cells on either side: 合计 | 7313.90 |
            # 7265.70 | 99.34% under 序号 | 项目名称 | 预算数 | 执行数 | 执行率 | 自评得分 | 自评等级)
            fills[:0] = [f for f in _rate_aligned_fills(total, width, rows[-1]) if f not in fills]
        # (only where each figure then stands under a column of figures, a rate under rates: a
        # row that left out its empty last cells instead, 合计 | 12238.50 | 11493.69 | 93.91% under
        # … | 得分 | 等级, is not known to be filled out on the left)
        for filled in fills:
            if 2 <= len(total) < width and any(cell_kind(c) for c in total[1:]) and all(
                    cell_kind(c) is not True or cell_kind(above) is not False
                    and (filled is fills[-1] or ("%" in c) == ("%" in above))
                    for c, above in zip(filled[1:], rows[-1][1:])):
                return rows + [filled], used + len(total)
    return rows, used


def _short_rows_before_total(cells: list, rows: list, used: int) -> tuple:
    """(rows, cells they take) with the rows after them that left out their empty last cells
    (9 | 某村项目 | 1245.00 | 860.00 under 序号 | 项目名称 | 预算 | 支出 | 面积), up to the 合计
    row, each filled out on the right: where the rows are numbered 1, 2, 3 … and each short row
    opens with the next number, and only where the 合计 row's figures are then the sums of their
    columns in one placing (the rows' own arithmetic says where their cells stand)."""
    if len(rows) < 3:
        return rows, used
    width, body = len(rows[-1]), rows[1:]
    if [row[0] for row in body] != [str(n) for n in range(1, len(body) + 1)]:
        return rows, used
    short, k, number = [], used, len(body) + 1
    while k < len(cells) and cells[k] == str(number):
        end = next((j for j in range(k + 1, min(len(cells), k + width)) if cells[j] == str(number + 1)
                    or cells[j] in TOTAL_NAMES), None)
        if end is None or end - k >= width:
            return rows, used
        short.append(cells[k:end] + [""] * (width - (end - k)))
        k, number = end, number + 1
    if not short or k >= len(cells) or cells[k] not in TOTAL_NAMES:
        return rows, used
    words = [j for j in range(k + 1, min(len(cells), k + width)) if cell_kind(cells[j]) is False]
    total = cells[k:words[0] if words else k + width]
    if _sums_aligned_fill(total, width, body + short) is None:
        return rows, used
    return rows + short, k


def _sums_aligned_fill(total: list, width: int, body: list) -> Optional[list]:
    """A total row's cells filled out to the table's width with each figure under the one
    column whose rows it adds up, where exactly one such placing exists; None else."""
    figures = total[1:]
    columns = [[row[c] for row in body if c < len(row)] for c in range(1, width)]
    ways = placings(figures, columns, is_column_sum)
    if len(figures) < 2 or len(ways) != 1:
        return None
    filled = [total[0]] + [""] * (width - 1)
    for f, c in zip(figures, ways[0]):
        filled[1 + c] = f
    return filled


def placings(figures: list, columns: list, fits: Callable[[str, list], bool]) -> list:
    """Each way to set a total row's figures, in their order, under as many of the `columns`
    (each the cells above), empty cells between them, where every figure `fits` its column:
    the columns' indices for each way."""
    return [w for w in combinations(range(len(columns)), len(figures))
            if all(fits(f, columns[c]) for f, c in zip(figures, w))]


def _rate_aligned_fills(total: list, width: int, above: list) -> list:
    """A total row's cells filled out to the table's width, its label first and its figures
    in a run, each place where its rates stand under the row above's rates."""
    return [filled for filled in run_fills(total, width)
            if all(("%" in c) == ("%" in a) for c, a in zip(filled[1:], above[1:]) if c)]


def cells_taken(rows: list) -> int:
    """How many of the run's cells the rows take: the header's empty cells over an unnamed
    labels' column (_best_rows) were never written."""
    header = rows[0] if rows else []
    return sum(len(row) for row in rows) - next((k for k, c in enumerate(header) if c != ""), len(header))
