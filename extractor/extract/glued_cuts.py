"""One run of figures with no cell breaks cut into a form row's cells (form_glued.py reads
the rows): 10≥266米≥266米10 read in the header's order of 分值, target, result and 得分.

A run is cut only where exactly one reading fits: 分值 and 得分 are plain figures up to 100
with 得分 no more than 分值, target and result are figures written in the same unit, and no
figure starts with a 0 it does not need. When more than one cut fits, the one whose target
and result are written alike is taken if it is the only such one; otherwise None.
"""
from __future__ import annotations

import math
from decimal import Decimal
from functools import lru_cache
from typing import Optional

import regex

from .form_fund_points import is_set_weight
from .form_vocab import spec
from .form_targets import without_about
from .numbers import POINTS_FIGURE, same_decimals, weight_then_score_cut

@lru_cache(maxsize=1)
def grammar() -> tuple:
    """(comparator pattern, unit pattern, run pattern) from the vocabulary."""
    s = spec()
    comparators = sorted((c for c in s["comparators"] if not regex.search(r"\p{Han}", c) or len(c) >= 2),
                         key=len, reverse=True)
    units = sorted(s["indicator_units"], key=len, reverse=True)
    cmp = "(?:" + "|".join(regex.escape(c) for c in comparators) + ")"
    unit = "(?:" + "|".join(regex.escape(u) for u in units) + ")"
    unit = rf"(?:(?:万|亿)?[余多](?={unit}))?{unit}"  # (600余人, 4万余人次: a result written about)
    item = rf"{cmp}?\d[\d.]*(?:{unit})?"
    return regex.compile(cmp), regex.compile(unit), regex.compile(rf"(?:{item})+")

def cut_result_and_points(run: str, slots: list) -> Optional[list]:
    """[(start, end)] of a run of result, 分值 and 得分 whose result carries its unit (19132人 |
    10 | 10), where exactly one reading fits; None otherwise."""
    if not slots:
        return None
    readings = []
    for cut in _readings(run, 0, slots):
        cells = _cells(run, cut, slots)
        weight, score = Decimal(cells["weight"]), Decimal(cells["score"])
        if unit_of(cells["actual"]) is not None and 0 < weight <= 100 and score <= weight:
            readings.append(cut)
    return readings[0] if len(readings) == 1 else None


def cut_bare_result(run: str, target: Decimal, points: list, marked: bool = False) -> Optional[list]:
    """[(start, end)] of a run of bare digits that is a row's result and then its `points`
    (分值 and 得分, or 得分 alone where the form has no 分值 column) after its target stood
    alone (≧735人次 | 7351010: 735 | 10 | 10), the reading whose result is within a factor of
    ten of the target and clearly the closest to it (_closest); None otherwise (310 | 1 | 0 is
    the other reading there: a result a hundred times its target is a misreading). `marked`:
    the target has its comparator, so it is a target and the run can only be what follows it."""
    slots = ["actual", *points]
    if target <= 0 or not _is_bare(run):  # (a unit or sign: not bare)
        return None
    if marked:
        alone = False
    elif points == ["weight", "score"]:
        k = weight_then_score_cut(run, 0, len(run))
        alone = k is not None and is_set_weight(run[:k])
    else:
        alone = POINTS_FIGURE.fullmatch(run) is not None
    if alone:
        return None  # (1010 after 2.4个工作日 may be that result's 分值 and 得分: no sign marks a target)
    # (a 分值 is set in whole or half points: 566.888 after ≥6 is no 5 | 66.88 | 8)
    readings = [(cut, cells) for cut in _readings(run, 0, slots) for cells in [_cells(run, cut, slots)]
                if _near(target, cells["actual"]) and is_set_weight(cells.get("weight", "0"))]
    if len(readings) > 1:  # (35.2 | 20 | 20 over 35.220 | 2 | 0: a result has two decimals at most)
        readings = [r for r in readings if _decimals(r[1]["actual"]) <= 2]
    if len(readings) > 1:  # (93.1 | 10 over 93.11 | 0: a row that scores nothing is rare)
        readings = [r for r in readings if Decimal(r[1]["score"]) > 0] or readings
    return _closest([(_distance(target, cells["actual"]), cut) for cut, cells in readings])


def _near(target: Decimal, result: str) -> bool:
    return target / 10 <= Decimal(result) <= target * 10


def _distance(target: Decimal, result: str) -> float:
    """How far a result is from its target, as the size of the log of their ratio."""
    return abs(math.log(float(Decimal(result) / target))) if Decimal(result) > 0 else math.inf


def _closest(readings: list) -> Optional[list]:
    """Of [(distance, cut)], the cut whose result is clearly the closest to its target (at
    most half as far as the next one's), else None."""
    readings = sorted(readings, key=lambda r: r[0])
    if len(readings) == 1 or readings and readings[0][0] <= readings[1][0] / 2:
        return readings[0][1]
    return None


def cut_target_then_bare(run: str, points: list) -> Optional[list]:
    """[(start, end)] of a run of a target written with its comparator or unit and then its
    result and `points` in bare digits (≧735人次7351010), the reading cut_bare_result makes
    (≥90951010: ≥90 | 95 | 10 | 10, not ≥909 | 510 | 1 | 0, a result far from its target)."""
    cmp, _, _ = grammar()
    readings = []
    for end in _value_ends(run, 0):
        target = run[:end]
        signed = cmp.match(target)
        if unit_of(target) is None and not signed:
            continue
        figure = Decimal(regex.search(r"\d+(?:\.\d+)?", target).group())
        rest = cut_bare_result(run[end:], figure, points, signed is not None)
        if rest is not None:
            result = run[end + rest[0][0]:end + rest[0][1]]
            if signed and _met(signed.group(), figure, Decimal(result)) and Decimal(run[end + rest[-1][0]:]) == 0:
                continue  # (≥95%9510.00 is no 95 | 1 | 0.00: a row that meets its target scores)
            readings.append((_distance(figure, result), [(0, end)] + [(end + a, end + b) for a, b in rest]))
    return _closest(readings)


_MEETS = {">=": lambda r, t: r >= t, ">": lambda r, t: r > t, "<=": lambda r, t: r <= t, "<": lambda r, t: r < t,
          "=": lambda r, t: r == t}


def _met(comparator: str, target: Decimal, result: Decimal) -> bool:
    """Does the result meet the target by the target's comparator (form vocabulary)?"""
    operator = spec()["comparators"].get(comparator)
    return operator in _MEETS and _MEETS[operator](result, target)


def runs(text: str):
    """The runs of figures in the text; a run whose last figure took the first character of
    the words after it as its unit (…1212个别路段返工: 个别 is a word) is read both ways, with
    that character and without it."""
    *_, run_pattern = grammar()
    for m in run_pattern.finditer(text):
        yield m
        last = regex.search(r"\d(?=\D*$)", m.group(0))
        if last is not None and last.end() < len(m.group(0)) and regex.match(r"\p{Han}", text[m.end():m.end() + 1]):
            yield run_pattern.fullmatch(text, m.start(), m.start() + last.end())


def cut_run(run: str, order: list, named: bool = False, shares: bool = False) -> Optional[list]:
    """[(start, end)] of the run's cells in header order, or None when not exactly one
    reading fits. `named`: the run follows the row's name right after its words, so a target
    first in the order starts where the run does. (A 分值 first may not: the words before the
    run may be a target in words after it, 支付8 | 11月底完成 | 100% | 8.) `shares`: the header
    names its 分值 column 权重, whose weights may be written as shares (20% | 20)."""
    if not order:
        return None
    readings = [r for r in _readings(run, 0, order, shares=shares)
                if named and (order[0] == "target" or _close_pair(run, r, order)) or _delimited(run, r, order)]
    readings = _points_written_alike(run, readings, order)
    if len(readings) > 1:
        readings = [r for r in readings if _alike(run, r, order)]
    return readings[0] if len(readings) == 1 else None


def cut_bare_pair(run: str, order: list) -> Optional[list]:
    """[(start, end)] of a run of bare figures right after a row's name, its target and result
    both bare (the unit in the row's name): the reading whose result repeats its target
    (工程完工率1001001010: 100 | 100 | 10 | 10; 22.822.81: 22.8 | 22.8 | 1), as most rows'
    results do, or else is clearly the closest to it within a factor of ten (90093610: 900 |
    936 | 10); None otherwise. The 分值 is set in whole or half points (338.31 is no 3 | 3 |
    8.3 | 1), and a target of one digit is repeated before whole points (111 is no 1 | 1 | 1)."""
    if "target" not in order or "actual" not in order:
        return None
    readings = []
    for cut in _points_written_alike(run, list(_readings(run, 0, order, bare=True)), order):
        cells = _cells(run, cut, order)
        if not _is_bare(cells["target"]) or not _is_bare(cells["actual"]):
            continue  # (figures written with their unit or sign: cut_run's)
        target = Decimal(cells["target"])
        if cells["target"] == cells["actual"]:
            readings.append((0.0, cut))  # (0 | 0 too: 食品安全事故发生率（%）0010)
        elif target > 0 and _near(target, cells["actual"]):
            readings.append((_distance(target, cells["actual"]), cut))
    if len(readings) > 1:  # (12767.36 | 31.9 over 12767.363 | 1.9: a result has two decimals at most)
        readings = [r for r in readings if _decimals(_cells(run, r[1], order)["actual"]) <= 2] or readings
    return _closest(readings)


def fits_bare_cells(run: str, order: list) -> bool:
    """Does some cut of a run of bare figures fill the header's `order` (target and result among
    them) as cut_bare_pair's readings are made, near or not? Then the run may be those cells."""
    return "target" in order and "actual" in order and next(_readings(run, 0, order, bare=True), None) is not None


def _bare_pair(run: str, cells: tuple) -> bool:
    by_slot = {slot: run[a:b] for slot, a, b in cells}
    weight = by_slot.get("weight")
    # (one digit only repeated before whole points of two digits: 661010 is 6 | 6 | 10 | 10, 4410
    # is 4 | 4 | 10; 111 may be any figure)
    one_digit = len(by_slot["target"].replace(".", "")) < 2
    points = weight if weight is not None else by_slot.get("score")
    # (a 分值 is set in whole or half points, unless the row repeats both its target and its
    # points, 101010.310.3: 10 | 10 | 10.3 | 10.3, a form that weighs its rows in tenths)
    repeated = by_slot["target"] == by_slot["actual"] and weight == by_slot.get("score")
    return (_is_bare(by_slot["target"]) and _is_bare(by_slot["actual"])
            and (weight is None or is_set_weight(weight) or repeated)
            and (not one_digit or by_slot["target"] == by_slot["actual"] and points is not None
                 and Decimal(points) % 1 == 0 and Decimal(points) >= 10))


def _decimals(figure: str) -> int:
    return len(figure.partition(".")[2])


def _is_bare(text: str) -> bool:
    return text.replace(".", "").isdigit()


def _cells(run: str, cut: list, order: list) -> dict:
    return dict(zip(order, (run[a:b] for a, b in cut)))


def _points_written_alike(run: str, readings: list, order: list) -> list:
    """Of several readings, those whose 分值 and 得分 are written with as many decimals each
    (101010.310.3: 10 | 10 | 10.3 | 10.3, not 10.31 | 0.3), where any are; else all of them."""
    if len(readings) < 2 or "weight" not in order or "score" not in order:
        return readings
    alike = [r for r in readings if same_decimals(*(_cells(run, r, order)[k] for k in ("weight", "score")))]
    return alike or readings


def _alike(run: str, cut: list, order: list) -> bool:
    cells = _cells(run, cut, order)
    return cells["target"] == cells["actual"]


def _delimited(run: str, cut: list, order: list) -> bool:
    """Where a target starts is only certain when its comparator marks it or the result
    repeats it: a run may begin inside a row whose first cells were words (…支付8 11月底
    完成 100% 100% 8 reads as 分值 10, target 0% otherwise)."""
    cmp, _, _ = grammar()
    return _alike(run, cut, order) or cmp.match(_cells(run, cut, order)["target"]) is not None


def _close_pair(run: str, cut: list, order: list) -> bool:
    """A row's run right after its name, its 分值 first, whose target and result differ but
    lie within a factor of two of each other, the 分值 a set weight (水质达标率1095%96%10: 10 |
    95% | 96% | 10). The name fixes where the 分值 starts; the closeness, that the figure
    after it is a target and not a result whose target was in words."""
    cells = _cells(run, cut, order)
    if "weight" not in cells or not is_set_weight(cells["weight"].rstrip("%")):
        return False
    target, actual = (Decimal(_NUMBER.search(cells[k]).group()) for k in ("target", "actual"))
    return target > 0 and target / 2 <= actual <= target * 2


def _readings(run: str, pos: int, slots: list, cells: tuple = (), shares: bool = False, bare: bool = False):
    """Every cut of the run into the slots that fits; `bare`: target and result may both be
    bare figures (cut_bare_pair)."""
    if not slots:
        if pos == len(run) and _fits(run, cells, bare and _bare_pair(run, cells)):
            yield [(a, b) for _, a, b in cells]
        return
    slot = slots[0]
    ends = _score_ends(run, pos, shares and slot == "weight") if slot in ("weight", "score") else _value_ends(run, pos)
    for end in ends:
        yield from _readings(run, end, slots[1:], cells + ((slot, pos, end),), shares, bare)


def _score_ends(run: str, pos: int, share: bool = False):
    """Where a 分值 or 得分 starting at pos may end; a 权重 may be written as a share of the
    whole (20% | 20: a weight of 20 points out of 100)."""
    for end in range(pos + 1, min(len(run), pos + 6) + 1):
        if POINTS_FIGURE.fullmatch(run, pos, end):
            yield end
            if share and run.startswith("%", end):
                yield end + 1


_NUMBER = regex.compile(r"(?:0|[1-9]\d*)(?:\.\d+)?")


def _value_ends(run: str, pos: int):
    cmp, unit, _ = grammar()
    m = cmp.match(run, pos)
    start = m.end() if m else pos
    for end in range(start + 1, len(run) + 1):
        if not _NUMBER.fullmatch(run, start, end):
            continue
        u = unit.match(run, end)
        yield u.end() if u else end  # a unit after the figure is the figure's: no cell starts with one


def _fits(run: str, cells: tuple, bare_pair: bool = False) -> bool:
    by_slot = {slot: run[a:b] for slot, a, b in cells}
    whole_row = "weight" in by_slot
    if whole_row:  # both matched POINTS, so both are figures (the 得分 may stand apart)
        weight, score = Decimal(by_slot["weight"].rstrip("%")), Decimal(by_slot.get("score", 0))
        if weight <= 0 or weight > 100 or score > weight:
            return False
    elif "score" in by_slot and Decimal(by_slot["score"]) > 100:
        return False  # (a form with no 分值 column scores each row out of its 100 points too)
    if "target" not in by_slot:
        return True  # a result with the points after it: its unit is held to it (cut_result_and_points)
    cmp, _, _ = grammar()
    target_unit, actual_unit = unit_of(by_slot["target"]), unit_of(by_slot["actual"])
    # bare digits on both sides could be any figures (a telephone number parses too)
    written = target_unit is not None or cmp.match(by_slot["target"]) is not None or bare_pair
    # a result at the end of a run that is only the pair may be written bare (≥50个 | 50)
    return written and (_base(target_unit) == _base(actual_unit) or (not whole_row and actual_unit is None))


def unit_of(text: str) -> Optional[str]:
    """The unit written after a figure, 余 or 多 left out (4万余人次: 万人次); None for none."""
    _, unit, _ = grammar()
    m = regex.search(r"\d(?=\D*$)", text)
    tail = text[m.end():] if m else ""
    return without_about(tail) if tail and unit.fullmatch(tail) else None


def _base(unit: Optional[str]) -> Optional[str]:
    """The unit without its 万 or 亿 (≥36000人次 | 4万余人次 count alike)."""
    return regex.sub(r"^(?:万|亿)(?=\p{Han})", "", unit) if unit else unit
