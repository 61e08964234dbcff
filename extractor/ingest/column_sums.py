"""A table's total row as the proof of its rows' figures run together: the rows read by their
decimal places are taken only where every column adds up to its total; a row whose figures
read more than one way — a run of whole numbers (7373: 7 | 373, 73 | 73, 737 | 3), or fewer
figures than the table has columns of them (70.0070.00 under 预算额度 | 调整额度 | 实际安排额度:
which two?) — is read where the total row leaves one choice: the one reading of every such row
under which each column adds up.

"Adds up" as the checker has it (XBRL Calculations): in a table of figures written to `places`
decimals each figure stands for ± half a unit in its last place, so a column of them may miss
its total by as much as those halves add up to (1020.03 against 1020.02 over a dozen rows); a
table of whole numbers (counts, places 0) adds up exactly. One choice only, still: where two
readings both fit, neither is taken.
"""
from __future__ import annotations

from decimal import Decimal
from itertools import combinations, product
from typing import Optional

from .cell_kinds import TOTAL_NAMES
from .score_cells import POINTS
_MOST_CHOICES = 20000  # a table's few open rows have far fewer; past them no search is made


def placed(figures: list, width: int) -> list:
    """Every way to stand `figures` (in their order) under `width` columns, the others left
    empty (None): [[cell or None]]."""
    if len(figures) > width:
        return []
    out = []
    for columns in combinations(range(width), len(figures)):
        cells = [None] * width
        for c, figure in zip(columns, figures):
            cells[c] = figure
        out.append(cells)
    return out


def adds_up(rows: list, totals: list, places: int = 0) -> bool:
    """Does every column of `rows` (each [figure text or None]) add up to its total (the total
    row's figure texts; a column whose total is not written is not asked)?"""
    sums, terms = _column_sums(rows, len(totals))
    return _fit(sums, terms, totals, places)


def choice_by_totals(read: list, open_rows: list, totals: list, places: int = 0) -> Optional[list]:
    """The index of the one candidate of each open row under which every column adds up to
    its total. `read`: the rows read already, each [figure text or None]; `open_rows`: for
    each row not read, its candidates, each [figure text or None] as wide; `totals`: the
    total row's figure texts; `places`: the decimal places of the table's figures. None where
    no choice or more than one fits, or a column whose total is not written holds an open
    row's figure in some candidate."""
    width = len(totals)
    if any(totals[c] is None and any(cand[c] is not None for cands in open_rows for cand in cands) for c in range(width)):
        return None  # (no total to fix where that column's figure stands)
    size = 1
    for cands in open_rows:
        size *= len(cands)
    if size == 0 or size > _MOST_CHOICES:
        return None
    base, base_terms = _column_sums(read, width)
    fits = []
    for choice in product(*(range(len(cands)) for cands in open_rows)):
        sums, terms = _column_sums([cands[k] for cands, k in zip(open_rows, choice)], width)
        if _fit([a + b for a, b in zip(base, sums)], [a + b for a, b in zip(base_terms, terms)], totals, places):
            fits.append(list(choice))
            if len(fits) > 1:
                return None
    return fits[0] if fits else None


def _column_sums(rows: list, width: int) -> tuple:
    """(each column's sum, how many figures it holds)."""
    sums, terms = [Decimal(0)] * width, [0] * width
    for row in rows:
        for c, cell in enumerate(row):
            if cell is not None:
                sums[c] += _value(cell)
                terms[c] += 1
    return sums, terms


def _fit(sums: list, terms: list, totals: list, places: int) -> bool:
    """Is each column's sum its total, within the halves of a unit its figures and the total
    stand for?"""
    half = Decimal(5) * Decimal(10) ** -(places + 1) if places else Decimal(0)
    return all(total is None or abs(s - _value(total)) <= (n + 1) * half for s, n, total in zip(sums, terms, totals))


def _value(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


def some_column_adds_up(rows: list) -> bool:
    """Does some column of a score table's rows (no header) add up to the figure under it in
    the 合计 row (the last), a merged cell written again in each of its rows counted once (投入 |
    20 over 投入 | 20)? Rows cut out of step — cells that alternate words and figures as the
    columns do, so that every cut fits the header (名称 | 分值 | 名称 | 分值 …) — add up in no
    column, where one slip of the report's own leaves its other columns adding up. Columns that
    list a level's rows and their parts too (投入 25 over 资金到位率 15 and 预算执行率 10) add up to
    their totals once per level they list: the table reads right where every such column does so
    the same number of times. A table with no 合计 row, or whose 合计 writes no points, has no
    say (True)."""
    total = [str(c).strip() for c in rows[-1]] if rows else []
    if not total or total[0] not in TOTAL_NAMES:
        return True
    body = [[str(c).strip() for c in row] for row in rows[:-1]]
    times = []  # per column the total writes points under: how many times its rows make it (None: not whole)
    for c, cell in enumerate(total[1:], 1):
        if not POINTS.match(cell):
            continue
        terms = [row[c] for k, row in enumerate(body) if c < len(row) and row[c]
                 and not (k and row[:c + 1] == body[k - 1][:c + 1])]
        whole = Decimal(cell.removesuffix("分"))
        summed = sum((Decimal(t.removesuffix("分")) for t in terms if POINTS.match(t)), Decimal(0))
        ok = whole and all(POINTS.match(t) for t in terms) and summed % whole == 0
        times.append(summed // whole if ok else None)
    return not times or 1 in times or len(times) >= 2 and len(set(times)) == 1 and times[0] in (2, 3)
