"""A fund row's run that fund_cut (form_fund_run_cut.py) leaves unread because the row writes one
cell fewer than its header (年初预算数 left empty: 387664.62 | 387664.62 | 10 | 100% | 10 under
年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分; a 其中 row that leaves its 分值 empty),
or because its rate is written cut short rather than rounded (31.69 ÷ 32.4 is 97.809%, written
97.80%). The readings of the header's shape and of one cell fewer are weighed together, each
its amounts typed alike (their numbers of decimals at most one apart) and its rate within one
unit of its last digit of the ratio of two of them: the run is cut only where exactly one
reading comes that near. A 分值 is a weight the form sets, no less than the 得分 after the rate.
"""
from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from typing import Optional

from .form_fund_parts import MAX_AMOUNT_CHARS, within_total
from .form_fund_points import AMOUNT, RATE, is_set_weight
from .numbers import POINTS_FIGURE, parse_arabic, within_last_digit

_MOST_AMOUNTS = 4  # (a form's money columns before its rate: 年初预算数, 全年预算数, 全年执行数 at most, and one more)


@lru_cache(maxsize=1024)
def short_row_cut(figures: str, columns: Optional[tuple], score: Optional[str] = None,
                  within: Optional[tuple] = None) -> Optional[list]:
    """[(start, end)] of the amounts, the 分值 where the row writes one, and the rate (the last
    cell) of a run of figures ending at its %, under a header with `columns` ((cells before its
    rate, whether the last is 分值)): the one reading of the header's shape or one cell short of
    it that types its amounts alike and makes its rate to within one unit of its last digit; None
    where none or more than one does. `score`: the 得分 written after the rate; `within`: the
    total row's largest amount and 分值 a 其中 row keeps within (form_fund_parts.within_total)."""
    if not columns or len(figures) > _MOST_AMOUNTS * MAX_AMOUNT_CHARS + 6:
        return None
    n, weighted = columns
    fits = []
    for rate_at in range(1, len(figures)):
        if not RATE.fullmatch(figures, rate_at) or not Decimal(figures[rate_at:]):
            continue  # (0%: any small figure over a large one comes near it)
        rate = Decimal(figures[rate_at:])
        for amounts_end, weight in _weight_places(figures, rate_at, weighted, score):
            # the header's cells, or one fewer: an amount left empty, or a 其中 row's 分值 (and
            # its 得分 with it)
            counts = (n - 1, n - 2) if weight else (n - 1,) if weighted else (n, n - 1)
            if not weight and weighted and score:
                continue
            for count in counts:
                for cells in _amount_cuts(figures, 0, amounts_end, count) if count >= 2 else ():
                    values = [Decimal(figures[a:b]) for a, b in cells]
                    points = Decimal(figures[slice(*weight)]) if weight else None
                    if _typed_alike(figures, cells) and _comes_near(values, rate) \
                            and within_total(values, points, within):
                        fits.append(cells + ([weight] if weight else []) + [(rate_at, len(figures))])
                        if len(fits) > 1:
                            return None
    return fits[0] if fits else None


def _weight_places(figures: str, rate_at: int, weighted: bool, score: Optional[str]):
    """(where the amounts end, the 分值's span or None) for each place a 分值 the form sets may
    stand right before the rate (whole or half points of a 100-point form, no leading 0, no less
    than the row's `score`); and, the header naming 分值 or not, none at all."""
    yield rate_at, None
    if not weighted:
        return
    for w in range(max(1, rate_at - 5), rate_at):
        if POINTS_FIGURE.fullmatch(figures, w, rate_at) and figures[w] != "0" and is_set_weight(figures[w:rate_at]) \
                and Decimal(score or 0) <= Decimal(figures[w:rate_at]) <= 100:
            yield w, (w, rate_at)


def _amount_cuts(figures: str, pos: int, end: int, n: int):
    """Every cut of figures[pos:end] into n amounts (no 0, no leading 0: the count of cells is
    what the header says, yet a 0 glued on would still read several ways)."""
    if n == 1:
        if end - pos <= MAX_AMOUNT_CHARS and AMOUNT.fullmatch(figures, pos, end):
            yield [(pos, end)]
        return
    for k in range(pos + 1, min(end, pos + MAX_AMOUNT_CHARS) + 1):
        if AMOUNT.fullmatch(figures, pos, k):
            for rest in _amount_cuts(figures, k, end, n - 1):
                yield [(pos, k)] + rest


def _typed_alike(figures: str, cells: list) -> bool:
    """Are the amounts written alike: their numbers of decimals at most one apart (a trailing 0
    left off, 32.4 beside 31.69; not 387664.62 beside 387664.6210)?"""
    places = [parse_arabic(figures[a:b])[1] for a, b in cells]
    return max(places) - min(places) <= 1


def _comes_near(amounts: list, rate: Decimal) -> bool:
    """Is the rate, to within one unit of its last written digit, a later amount over an earlier
    one (spent over budget)?"""
    return any(within_last_digit(amounts[j] / amounts[i] * 100, rate)
               for i in range(len(amounts)) for j in range(i + 1, len(amounts)) if amounts[i])


def one_amount_cut(figures: str, columns: Optional[tuple], score: Optional[str],
                   points: Optional[Decimal]) -> Optional[list]:
    """[(start, end)] of the one amount and the rate of a run under a header of money columns
    and no 分值 (预算数(A) | 执行数(B) | 执行率(B/A) | 得分) whose row writes its budget and its
    spending as one figure (864.2 | 100% | 20: spent whole, the cell merged): taken only where
    the digits before the % read as one amount and a rate other than 0 in exactly one way, that
    rate 100%, and the 得分 after it the block's `points` (its 20分 in the header) in full; None
    otherwise. (No reading of two amounts makes the rate here, or fund_cut would have read it.)"""
    if not columns or columns[1] or columns[0] < 2 or score is None or points is None:
        return None
    readings = [k for k in range(1, len(figures)) if k <= MAX_AMOUNT_CHARS and AMOUNT.fullmatch(figures, 0, k)
                and RATE.fullmatch(figures, k) and Decimal(figures[k:])]
    if len(readings) != 1 or Decimal(figures[readings[0]:]) != 100 or Decimal(score) != points:
        return None
    return [(0, readings[0]), (readings[0], len(figures))]
