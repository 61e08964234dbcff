"""Cuts of a fund row's run that its decimal points fix (form_fund_run_cut.py asks for them
where no reading makes the row's rate, or one does only by typing the amounts unlike): every
amount written with the same number of decimals ends that many digits after its point, so
the cells are the form's own, and a rate that disagrees with them is the form's slip under
every cut."""
from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from typing import Optional

import regex

from .numbers import POINTS_FIGURE, parse_arabic, within_last_digit

AMOUNT = regex.compile(r"[1-9]\d*(?:\.\d+)?|0\.\d*[1-9]\d*")  # no zero: a 0 glued on reads every way
RATE = regex.compile(r"(?:[1-9]\d{0,2}|0)(?:\.\d{1,2})?")
_POINTED_AMOUNT = regex.compile(r"(?:0|[1-9]\d*)\.\d+")


def _decimal_walks(figures: str, most: Optional[int] = None) -> list:
    """For each number of decimals from 1 to 4, the cells a walk from the run's start cuts,
    each ending that many digits after its decimal point: the whole run (most None), or its
    first `most` cells with figures left after them."""
    out = []
    for decimals in range(1, 5):
        cells, pos = [], 0
        while pos < len(figures) and (most is None or len(cells) < most):
            point = figures.find(".", pos)
            end = point + 1 + decimals
            if point < 0 or end > len(figures) or "." in figures[point + 1:end]:
                break
            cells.append((pos, end))
            pos = end
        if cells and (pos == len(figures) if most is None else len(cells) == most and pos < len(figures)):
            out.append(cells)
    return out


def points_cut_spaced(figures: str, columns: Optional[tuple]) -> Optional[list]:
    """A partly spaced run no cut makes consistent (600.00 600.00 531.6010 95.60%: 531.60 ÷
    600 is not 95.60%) whose one piece holds an amount and the 分值 after it: cut where the
    amount ends with as many decimals as the run's other amounts, when the header puts 分值
    right before its rate and exactly one piece cuts so. The decimal points fix the cells, so
    a rate that disagrees with its amounts is the form's inconsistency under every cut."""
    if not columns or not columns[1]:
        return None
    pieces = [m.span() for m in regex.finditer(r"\d[\d.]*", figures)]
    if len(pieces) != columns[0]:  # the header's cells before the rate, one pair of them glued, and the rate
        return None
    *cells, rate = pieces
    decimals = {parse_arabic(figures[a:b])[1] for a, b in cells[:-1]}
    if len(decimals) != 1 or not (d := decimals.pop()) or not RATE.fullmatch(figures, *rate):
        return None
    a, b = cells[-1]
    point = figures.find(".", a, b)
    end = point + 1 + d
    if point < 0 or end >= b or not POINTS_FIGURE.fullmatch(figures, end, b) or Decimal(figures[end:b]) > 100:
        return None
    return cells[:-1] + [(a, end), (end, b), rate]


def pointed_cells(text: str, most: int) -> Optional[list]:
    """[(start, end)] of a rate-less run of two to `most` amounts each written with the same
    number of decimals (0.000.00, 86000000.0086000000.00): their decimal points fix every
    cell; None where no number of decimals, or more than one, cuts the whole run so."""
    cuts = [c for c in _decimal_walks(text) if 2 <= len(c) <= most and all(_POINTED_AMOUNT.fullmatch(text, *ab) for ab in c)]
    return cuts[0] if len(cuts) == 1 else None


def is_set_weight(text: str) -> bool:
    return Decimal(text) % Decimal("0.5") == 0


def points_then_weight_cut(figures: str, columns: Optional[tuple], score: Optional[str] = None) -> Optional[list]:
    """A run no cut makes consistent whose amounts share their decimals and run on into the 分值
    and the rate the header puts after them (425.00425.00312.481078.5: 425.00 | 425.00 | 312.48
    | 10 | 78.5, though 312.48 ÷ 425 is 73.5%): the decimal points fix the amounts, and the rest
    is cut where exactly one 分值 of a 100-point form (no less than the row's `score` after the
    rate) leaves a rate. The form's inconsistency is then its own, under every cut. A 分值 is
    a weight the form sets, in whole or half points: 1098.61 is no 98.6 | 1."""
    if not columns or not columns[1] or columns[0] < 3:
        return None
    n = columns[0] - 1  # the money columns before the 分值
    readings = []
    for cells in _decimal_walks(figures, n):
        rest = cells[-1][1]
        if all(AMOUNT.fullmatch(figures, a, b) for a, b in cells):
            readings += [cells + [(rest, k), (k, len(figures))] for k in _weight_then_rate(figures, rest, score)]
    return readings[0] if len(readings) == 1 else None


def repeated_cut(figures: str, columns: Optional[tuple], score: Optional[str] = None) -> Optional[list]:
    """A run no cut makes consistent whose money columns all write one figure (35550 under
    年初预算数, 全年预算数 and 全年执行数: 3555035550355501082.12 is 35550 three times, 10 and
    82.12, though the rate is then the form's own slip): cut there where exactly one amount
    repeated as many times as the header has money columns, then the 分值 the header puts
    before the rate (a weight of a 100-point form, no less than the row's `score`), leaves a
    rate."""
    if not columns or columns[0] < 2:
        return None
    n = columns[0] - (1 if columns[1] else 0)  # the money columns before the rate
    readings = []
    for size in range(1, len(figures) // n + 1):
        rest = size * n
        if figures[:size] * n != figures[:rest] or not AMOUNT.fullmatch(figures, 0, size) or "." in figures[:size] \
                and not _POINTED_AMOUNT.fullmatch(figures, 0, size):
            continue
        cells = [(k * size, (k + 1) * size) for k in range(n)]
        if not columns[1]:
            if RATE.fullmatch(figures, rest):
                readings.append(cells + [(rest, len(figures))])
            continue
        readings += [cells + [(rest, k), (k, len(figures))] for k in _weight_then_rate(figures, rest, score)]
    return readings[0] if len(readings) == 1 else None


def repeated_budget_cut(figures: str, columns: Optional[tuple], score: Optional[str] = None) -> Optional[list]:
    """A run no cut makes consistent under 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率
    whose budget is written twice, as a budget left as it was (180180162.51095.28: 180 | 180 |
    162.5 | 10 | 95.28, though 162.5 ÷ 180 is 90.28%): cut there where exactly one spending (two
    decimals at most), then a 分值 the form sets, leaves a rate. The rate that disagrees is
    then the form's own slip."""
    if columns != (4, True):
        return None
    readings = []
    for size in range(1, len(figures) // 2):
        if figures[:size] != figures[size:2 * size] or not AMOUNT.fullmatch(figures, 0, size) or "." in figures[:size]:
            continue
        rest = 2 * size
        for k in range(rest + 1, len(figures)):
            if AMOUNT.fullmatch(figures, rest, k) and len(figures[rest:k].partition(".")[2]) <= 2:
                readings += [[(0, size), (size, rest), (rest, k), (k, w), (w, len(figures))]
                             for w in _weight_then_rate(figures, k, score)]
    return readings[0] if len(readings) == 1 else None


def _weight_then_rate(figures: str, rest: int, score: Optional[str]) -> list:
    """Where the figures from `rest` on cut into a 分值 the form sets (whole or half points of a
    100-point form, no less than the row's `score`, no leading 0) and a rate after it."""
    return [k for k in range(rest + 1, len(figures)) if POINTS_FIGURE.fullmatch(figures, rest, k)
            and figures[rest] != "0" and Decimal(score or 0) <= Decimal(figures[rest:k]) <= 100
            and is_set_weight(figures[rest:k]) and RATE.fullmatch(figures, k)]


@lru_cache(maxsize=1024)
def points_cut(figures: str, lead: Optional[str] = None) -> Optional[list]:
    """A run no cut makes consistent (50.0047.6895.00%: 47.68 ÷ 50 is not 95.00%), cut where
    its decimal points put the cells: every figure written with the same number of decimals,
    one or more (50.00 | 47.68 | 95.00%), when exactly one such number fits. The points fix
    the cells, so the reading is the form's own, and a rate that disagrees with its amounts
    is the form's inconsistency under every cut. An amount of none is written with the decimals
    too (0.00 | 0.00 | 0.00 | 0.00%: a fund no money came from), the points fixing it as well."""
    cuts = [cells for cells in _decimal_walks(figures) if 3 <= len(cells) + (1 if lead else 0) <= 5
            and RATE.fullmatch(figures, *cells[-1])
            and all(_POINTED_AMOUNT.fullmatch(figures, a, b) for a, b in cells[:-1])]
    return cuts[0] if len(cuts) == 1 else None


def bare_rate_cut(figures: str, money_columns: int) -> Optional[list]:
    """[(start, end)] of a run whose rate is written without its % (2436.182610.402419.8492.70109.27
    under 年初预算数 | 全年预算数 | 全年执行数 | 执行率 | 分值 | 得分: 2436.18 | 2610.40 | 2419.84 |
    92.70 | 10 | 9.27): the amounts' decimal points fix them, the rate is the last amount over the
    one before it to its own decimals, and the 分值 and 得分 after it make 得分 = 分值 × the rate
    to the 得分's decimals: two sums the run must keep, as a rate alone is too easily met by
    digits cut anywhere. Taken only where exactly one cut does so; None otherwise."""
    fits = []
    for cells in _decimal_walks(figures, money_columns):
        if len(cells) < 2 or not all(_POINTED_AMOUNT.fullmatch(figures, *ab) for ab in cells):
            continue
        budget, spent = (Decimal(figures[slice(*ab)]) for ab in cells[-2:])
        pos = cells[-1][1]
        for rate in regex.finditer(r"(?:[1-9]\d{0,2}|0)\.\d{1,2}", figures[pos:], overlapped=True):
            if rate.start() != 0 or not budget or not within_last_digit(spent / budget * 100, Decimal(rate.group())):
                continue
            end = pos + rate.end()
            for k in range(end + 1, len(figures)):
                weight, score = figures[end:k], figures[k:]
                if POINTS_FIGURE.fullmatch(weight) and POINTS_FIGURE.fullmatch(score) and 0 < Decimal(weight) <= 100 \
                        and within_last_digit(Decimal(weight) * Decimal(rate.group()) / 100, Decimal(score)):
                    fits.append(cells + [(pos, end), (end, k), (k, len(figures))])
    return fits[0] if len(fits) == 1 else None
