"""Rounding-aware comparison, as in XBRL Calculations 1.1: each written number stands for
an interval of ± half a unit in its last written digit; a relation holds when the
intervals of both sides overlap. Missing by no more than one unit in the last digit is
'rounding' (info), not an error. Approximate figures (余, 约 …) get a wide interval and
never make an error on their own."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Optional

from ..document_caches import document_cache
from ..points import whole_or_half

APPROX_SHARE = Decimal("0.1")  # 3000余名: anything within 10 % is consistent


@dataclass(frozen=True, slots=True)
class Interval:
    low: Decimal
    high: Decimal
    approx: bool = False

    @property
    def mid(self) -> Decimal:
        return (self.low + self.high) / 2

    def __add__(self, other: "Interval") -> "Interval":
        return Interval(self.low + other.low, self.high + other.high, self.approx or other.approx)

    def __sub__(self, other: "Interval") -> "Interval":
        return Interval(self.low - other.high, self.high - other.low, self.approx or other.approx)

    def __mul__(self, other: "Interval") -> "Interval":
        c = [self.low * other.low, self.low * other.high, self.high * other.low, self.high * other.high]
        return Interval(min(c), max(c), self.approx or other.approx)

    def __truediv__(self, other: "Interval") -> "Interval":
        if other.low <= 0 <= other.high:
            raise ZeroDivisionError("interval divisor contains zero")
        c = [self.low / other.low, self.low / other.high, self.high / other.low, self.high / other.high]
        return Interval(min(c), max(c), self.approx or other.approx)

    def scaled(self, k: Decimal) -> "Interval":
        a, b = self.low * k, self.high * k
        return Interval(min(a, b), max(a, b), self.approx)

    def overlaps(self, other: "Interval") -> bool:
        return self.low <= other.high and other.low <= self.high


def percentage(num: Interval, den: Interval) -> Optional[Interval]:
    """num ÷ den × 100; None where den may be 0."""
    try:
        return (num / den).scaled(Decimal(100))
    except ZeroDivisionError:
        return None


def half_unit(decimals: int, scale: Decimal = Decimal(1)) -> Decimal:
    return _half_unit(decimals, str(scale))


# a handful of (decimals, scale) pairs, asked for every figure; keyed by the scale as
# written, since Decimal("1") == Decimal("1.0") but their products print differently
@lru_cache(maxsize=256)
def _half_unit(decimals: int, scale: str) -> Decimal:
    return Decimal(5) * Decimal(10) ** (-(decimals + 1)) * Decimal(scale)


def interval_of(fact: dict) -> Interval:
    return _interval(fact["value"], bool(fact.get("approx")), fact.get("decimals"), fact.get("scale"))


# The checker asks for the same figures' intervals rule after rule. Equal keys give equal
# intervals digit for digit: a value's exponent follows from its written decimals and its
# scale (a whole number of base units), both in the key.
@document_cache(maxsize=4096)
def _interval(value, approx: bool, decimals, scale) -> Interval:
    value = Decimal(value)
    if not value and not approx:
        return Interval(value, value)  # a figure written 0 (0万元) says none was spent: nothing to round
    if approx:
        spread = abs(value) * APPROX_SHARE
        return Interval(value - spread, value + spread, True)
    h = half_unit(int(decimals or 0), Decimal(scale or 1))
    return Interval(value - h, value + h)


def points_interval(fact: dict) -> Interval:
    """A whole number of points (分值 or 得分) is set or awarded, not rounded from a
    measurement, so it stands for itself (a column of ten 10-point weights is not 100 ± 5).
    Points written with decimals (33.33) may be a rounded share and keep their tolerance."""
    if not fact.get("approx") and not int(fact.get("decimals") or 0):
        return exact(fact["value"])
    return interval_of(fact)


def awarded_interval(fact: dict) -> Interval:
    """Points an indicator was awarded: by whole or half points (2.5分, 9.50分) they are exact,
    as whole ones are (points_interval); others (4.67) may be a rounded share."""
    if not fact.get("approx") and whole_or_half(fact["value"]):
        return exact(fact["value"])
    return points_interval(fact)


def weight_verdict(total: dict, summed: Interval) -> tuple:
    """verdict() for a total weight, which is set like the weights it adds up."""
    whole = points_interval(total)
    if whole.low != whole.high:
        return verdict(total, summed)
    return points_against(whole, summed)


def points_against(whole: Interval, summed: Interval) -> tuple:
    """('ok' | 'error' | 'approx', difference, tolerance) of a points total against its parts' sum."""
    difference = whole.mid - summed.mid
    tolerance = (summed.high - summed.low) / 2
    if whole.overlaps(summed):
        return "ok", difference, tolerance
    return ("approx" if summed.approx else "error"), difference, tolerance


def exactly_off(whole: dict, summed: Interval):
    """(outcome, difference, tolerance) of whole points taken as exact against their parts'
    sum — where the report writes its other sums with their halves (小计 18.5), a whole one
    (19 for 11.5 + 7) is not rounded — or None when the sum holds it."""
    value = Decimal(whole["value"])
    if summed.low <= value <= summed.high:
        return None
    return "error", value - summed.mid, (summed.high - summed.low) / 2


def whole_points_off(outcome: str, whole: dict, summed: Interval) -> bool:
    """Points stated against the points that add up to them: is a whole total off by more
    than its own half point from awarded points that are nearly exact (3.5分 beside 4分, a
    spread under one point) an error rather than a rounding?"""
    return outcome == "rounding" and not int(whole.get("decimals") or 0) and summed.high - summed.low < 1


def exact(value) -> Interval:
    v = Decimal(value)
    return Interval(v, v)


def verdict(stated: dict, computed: Interval) -> tuple[str, Decimal, Decimal]:
    """('ok' | 'rounding' | 'error' | 'approx', difference, tolerance) for a stated fact
    against a computed interval. 'approx' when only an approximate figure is off."""
    s = interval_of(stated)
    unit = 2 * half_unit(int(stated.get("decimals") or 0), Decimal(stated.get("scale") or 1))
    difference = Decimal(stated["value"]) - computed.mid
    tolerance = (s.high - s.low) / 2 + (computed.high - computed.low) / 2
    if s.overlaps(computed):
        return "ok", difference, tolerance
    if s.approx or computed.approx:
        return "approx", difference, tolerance
    gap = min(abs(s.low - computed.high), abs(computed.low - s.high))
    if gap <= unit:
        return "rounding", difference, tolerance
    return "error", difference, tolerance
