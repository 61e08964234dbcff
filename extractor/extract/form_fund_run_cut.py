"""The cut of one fund row's run of figures into its cells, strings in and spans out
(194.9194.9100% is 194.9 | 194.9 | 100%): the one reading that makes the rate the ratio of two
of the figures before it (spent ÷ budget, within the digits written), with as many cells as the
form's header puts before its 执行率 when it says (fund_cut); weighed against the cuts the
decimal points fix (form_fund_points.py) and the readings of a row one cell short
(form_fund_short_rows.py) by run_cut. Which tokens are runs, and the cells they become, is
form_fund_runs.py's.
"""
from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from typing import Optional

import regex

from .form_fund_parts import MAX_AMOUNT_CHARS, amount_cells, within_total
from .form_fund_points import AMOUNT as _AMOUNT, RATE as _RATE, is_set_weight, points_cut, points_then_weight_cut, \
    repeated_budget_cut, repeated_cut
from .form_fund_short_rows import one_amount_cut, short_row_cut
from .numbers import POINTS, POINTS_FIGURE, as_written, parse_arabic

# a fund row's figures run together up to its execution rate, then maybe its 得分:
# 194.9194.9100% | 202010100.00%10
# (the budget written with its unit and the rest run on: 50万元47.6895.36%)
FUND_RUN = regex.compile(r"^[:：]?\s*(?:(?P<lead>[1-9]\d*(?:\.\d+)?)(?:万元|元))?"
                         rf"(?P<figures>\d(?:[\d.]| {{1,2}}(?=\d))*)%(?P<score>{POINTS}(?!\d))?")


def run_cut(m, before_rate: Optional[tuple], within: Optional[tuple] = None,
            points: Optional[Decimal] = None) -> Optional[list]:
    """The cut of a fund row's run (a FUND_RUN match): the one reading that makes its rate,
    unless that reading types the amounts unlike (3412.603 | 298.4510 beside 3286.00) where
    their decimal points fix them alike (3286.00 | 3412.60 | 3298.45, the rate then the form's
    own slip); else where the decimal points fix every cell; else the one reading one cell
    short of the header, or whose rate was cut short, that comes near, or that writes its budget
    and spending as one figure (form_fund_short_rows.py). `within`: the total row's largest
    amount and 分值, for a 其中 row; `points`: the block's points its header states (20分)."""
    figures, lead = m["figures"], m["lead"]
    cut = fund_cut(figures, lead, before_rate, m["score"], within)
    if cut is not None and _typed_alike(figures, cut, before_rate):
        return cut  # (the decimal points are asked only where the rate's reading leaves doubt)
    by_points = points_cut(figures, lead) or (None if lead else points_then_weight_cut(figures, before_rate, m["score"])
                                              or repeated_cut(figures, before_rate, m["score"])
                                              or repeated_budget_cut(figures, before_rate, m["score"]))
    if cut is not None and by_points is not None and not _rate_on_the_side(figures, by_points, before_rate):
        # (278.44 | 4930.00 | 10.77%: the points' reading spends past its budget where the rate
        # says the spending fell short, no slip of the form's; 278.4449 | 30.00 makes the rate)
        return cut
    if by_points or cut or lead:
        return by_points or cut
    return short_row_cut(figures, before_rate, m["score"], within) \
        or one_amount_cut(figures, before_rate, m["score"], points)


def _rate_on_the_side(figures: str, cut: list, columns: Optional[tuple]) -> bool:
    """Does the cut's rate fall on the side of 100% its last amount and the one before it say
    (spent over budget: a rate under 100% for a spending below its budget, over it above)?"""
    amounts, _ = _amounts_and_weight(figures, cut, None, columns)
    if len(amounts) < 2:
        return True
    rate = parse_arabic(figures[slice(*cut[-1])])[0]
    budget, spent = amounts[-2:]
    return (rate <= 100 or spent >= budget) and (rate >= 100 or spent <= budget)


def _typed_alike(figures: str, cut: list, columns: Optional[tuple]) -> bool:
    """Are the cut's amounts written alike: their numbers of decimals at most one apart (a
    trailing 0 left off, 412.6 beside 421.36; not 3286.00 beside 3412.603 and 298.4510), the
    分值 the header puts before the rate left out?"""
    amounts = cut[:-2] if columns and columns[1] else cut[:-1]
    places = {parse_arabic(figures[a:b])[1] for a, b in amounts}
    return not places or max(places) - min(places) <= 1


def total_of(figures: str, cut: list, lead: Optional[str], columns: Optional[tuple]) -> Optional[tuple]:
    """(the largest amount, the 分值 or None) of a total row's cut."""
    amounts, weight = _amounts_and_weight(figures, cut, lead, columns)
    return (max(amounts), weight) if amounts else None


def _amounts_and_weight(figures: str, cut: list, lead: Optional[str], columns: Optional[tuple]) -> tuple:
    """([amounts], 分值 or None) of a cut, the cell before its rate its 分值 where the cut has the
    header's shape and the header puts one there (else counted among the amounts: a bound on
    其中 rows is then only looser)."""
    cells = [Decimal(figures[a:b]) for a, b in cut[:-1]] + ([Decimal(lead)] if lead else [])
    weight = cells.pop(len(cut) - 2) if columns and columns[1] and len(cells) == columns[0] else None
    return cells, weight


def amounts_cut(figures: str, n: int, rate: str) -> Optional[list]:
    """[(start, end)] cutting the figures into n amounts two of which make the rate, when
    exactly one cut does."""
    if n < 2 or not _RATE.fullmatch(rate) or len(figures) > n * MAX_AMOUNT_CHARS:
        return None
    run, rate_cell = figures + rate, (len(figures), len(figures) + len(rate))
    fits = [cut for cut in amount_cells(figures, 0, n) if _rate_fits(run, cut + [rate_cell])]
    if len(fits) > 1:
        fits = _written_alike(figures, fits, len(fits[0]))
    return fits[0] if len(fits) == 1 else None


@lru_cache(maxsize=1024)
def fund_cut(figures: str, lead: Optional[str] = None, columns: Optional[tuple] = None,
             score: Optional[str] = None, within: Optional[tuple] = None) -> Optional[list]:
    """Of the readings that fit, those with as many cells as the header has `columns` before
    its rate ((count, whether the last is 分值)) when it says (450 | 486.5 | 473.86 | 10 under
    年初 | 全年 | 执行 | 分值, not 473.8610), else those with the fewest cells (4.9 | 19 | 4.9
    fits as well as 194.9, but no form splits a figure so), then those whose amounts have one
    number of decimals; taken when there is one. `lead` is an amount of the row written apart
    before the run (its budget, with its unit); the rate may be a ratio with it. `within`: the
    total row's largest amount and 分值, which a 其中 row's reading keeps within."""
    if " " in figures:
        return _cut_with_spaces(figures, lead, columns)
    if len(figures) > 4 * MAX_AMOUNT_CHARS + 6:
        return None  # longer than four amounts and a rate: digits of something else
    readings = [r for r in _fund_readings(figures, 0, (), 1 if lead else 0) if _rate_fits(figures, r, lead)]
    if within is not None:
        readings = [r for r in readings if _keeps_within(figures, r, lead, columns, within)]
    readings = _as_header(readings, figures, lead, columns)
    if score and columns and columns[1] and len(readings) > 1:
        # (the 得分 after the rate, where the form scores 分值 × 执行率: 10 | 96% | 9.6, not 9 | 6%)
        readings = [r for r in readings if _scores_as_written(figures, r, score)] or readings
    fewest = min(map(len, readings), default=0)
    readings = [r for r in readings if len(r) == fewest]
    if len(readings) > 1:  # a row's amounts are typed alike (64.8 | 64.8 | 64.8, not 64.8 | 64.86 | 4.8)
        # (the 分值 the header puts before the rate is no amount: 25806.15 ×3 | 10 | 100.0%)
        readings = _written_alike(figures, readings, -2 if columns and columns[1] else -1)
    return readings[0] if len(readings) == 1 else None


def _keeps_within(figures: str, cut: list, lead: Optional[str], columns: Optional[tuple], within: tuple) -> bool:
    """Does a 其中 row's reading keep within its total's (form_fund_parts.within_total), the cell
    before its rate its 分值 where the reading has the header's shape?"""
    return within_total(*_amounts_and_weight(figures, cut, lead, columns), within)


def _written_alike(figures: str, readings: list, amounts_end: int) -> list:
    """Of readings that all fit, those whose amounts (cells before `amounts_end`) have one
    number of decimals; failing that, those that write two amounts side by side the same,
    as a budget left as it was or spent whole (43.2 | 43.2 | 37.24, where 43.24 | 3.2 | 37.24
    fits the rate too; 320 | 298.6 | 298.6)."""
    def repeats(cells: list) -> bool:
        return any(x == y for x, y in zip(cells, cells[1:]))

    cells = [[figures[a:b] for a, b in r[:amounts_end]] for r in readings]
    return [r for r, c in zip(readings, cells) if len({parse_arabic(x)[1] for x in c}) == 1] \
        or [r for r, c in zip(readings, cells) if repeats(c)]


def _fund_readings(figures: str, pos: int, cells: tuple, lead: int = 0, walls: frozenset = frozenset()):
    """Every cut of the figures into 2 to 4 amounts (分值 among them; `lead` of them written
    before the run) and a rate last, no cell across one of the `walls` (where a space stood)."""
    for end in range(pos + 1, min(len(figures), pos + MAX_AMOUNT_CHARS) + 1):
        if end - 1 in walls and end - 1 > pos:
            break  # the cell would run across a space
        if _RATE.fullmatch(figures, pos, end) and end == len(figures) and len(cells) + lead >= 2:
            yield list(cells) + [(pos, end)]
        if len(cells) + lead < 4 and end < len(figures) and _AMOUNT.fullmatch(figures, pos, end):
            yield from _fund_readings(figures, end, cells + ((pos, end),), lead, walls)


def _as_header(readings: list, figures: str, lead: Optional[str], columns: Optional[tuple]) -> list:
    """The readings with as many cells as the header's `columns` before its rate, the cell
    before the rate a 分值 (≤ 100) where the header puts one there; all of them when none
    has or the header does not say."""
    if not columns:
        return readings
    n, weighted = columns
    # (the rate is the ratio of the amounts, never of the 分值 before it: 9 | 6% of 150 … is no reading)
    return [r for r in readings if len(r) - 1 + bool(lead) == n
            and (not weighted or POINTS_FIGURE.fullmatch(figures, *r[-2]) and Decimal(figures[slice(*r[-2])]) <= 100
                 and is_set_weight(figures[slice(*r[-2])]) and _rate_fits(figures, r[:-2] + r[-1:], lead))] \
        or [r for r in readings if len(r) - 1 + bool(lead) != n]  # (one of the header's shape it turned down stays out)


def _cut_with_spaces(figures: str, lead: Optional[str], columns: Optional[tuple]) -> Optional[list]:
    """fund_cut of figures some of whose cells a space keeps apart: the cut of the figures
    run together whose cells end at every space, in the places of the spaced text."""
    pieces = [m.span() for m in regex.finditer(r"\d[\d.]*", figures)]
    run = "".join(figures[a:b] for a, b in pieces)
    forced, to_spaced, as_spaced, at = set(), [], [], 0
    for a, b in pieces:
        to_spaced += range(a, b)
        as_spaced.append((at, at + b - a))  # the piece's cell in the run
        at += b - a
        forced.add(at)
    to_spaced.append(len(figures))
    if len(as_spaced) >= 3 and all(_AMOUNT.fullmatch(run, a, b) for a, b in as_spaced[:-1]) \
            and _RATE.fullmatch(run, *as_spaced[-1]) and _rate_fits(run, as_spaced, lead):
        # the spaces keep every cell apart and the rate reads them (54.00 54.00 100.00% of a
        # 其中 row that leaves 年初预算数 and 分值 empty): no cell is cut in two
        return pieces
    readings = [r for r in _fund_readings(run, 0, (), 1 if lead else 0, frozenset(forced)) if _rate_fits(run, r, lead)
                and forced <= {end for _, end in r}]
    readings = _as_header(readings, run, lead, columns)
    if len(readings) != 1:
        return None
    return [(to_spaced[a], to_spaced[b - 1] + 1) for a, b in readings[0]]


def _scores_as_written(figures: str, cut: list, score: str) -> bool:
    """Is the 得分 written after the run the reading's 分值 × 执行率?"""
    weight = Decimal(figures[slice(*cut[-2])])
    rate = parse_arabic(figures[slice(*cut[-1])])[0]
    value, decimals = parse_arabic(score)
    return as_written(weight * rate / 100, value, decimals)


def _rate_fits(figures: str, cut: list, lead: Optional[str] = None) -> bool:
    amounts = ([Decimal(lead)] if lead else []) + [Decimal(figures[a:b]) for a, b in cut[:-1]]
    rate, decimals = parse_arabic(figures[slice(*cut[-1])])
    if not rate:
        return False  # 0%: any small figure over a large one rounds to it
    return any(as_written(amounts[j] / amounts[i] * 100, rate, decimals)
               for i in range(len(amounts)) for j in range(i + 1, len(amounts)) if amounts[i])
