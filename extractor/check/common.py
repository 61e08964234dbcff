"""What every rule shares: how a flag is shaped, how a value is shown in the unit it was
written in, and the record look-ups (facts by id, relations by type, table cells)."""
from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from typing import Optional

import regex

from ..patterns import load_json
from .tolerance import Interval, exact, interval_of

# tolerance.verdict's outcome → the flag's severity: a miss within one unit of the last
# written digit is rounding, a miss that rests on an approximate figure only a question
SEVERITY = {"error": "error", "rounding": "info", "approx": "warning"}
_UNIT_TEXT = {Decimal(10000): "万", Decimal(100000000): "亿", Decimal(1000): "千"}
TOTAL_ROW = regex.compile(r"^(?:合\s*计|总\s*计|小\s*计)$")
# the column of a score table's points awarded (评价得分, 自评得分 …)
SCORE_HEADER = regex.compile(r"^(?:评价|自评|实际|最终)?得分$")


@lru_cache(maxsize=1)
def relation_vocab() -> dict:
    return load_json("relations.json")


@lru_cache(maxsize=1)
def check_settings() -> dict:
    return load_json("checks.json")


@lru_cache(maxsize=1)
def _not_additive() -> "regex.Pattern":
    return regex.compile(check_settings()["not_additive"])


def not_additive(name: Optional[str]) -> bool:
    """Does a column's or row's name make its cells averages, prices or rates (次均住院费用,
    实际补偿比（%））, whose 合计 is no sum of theirs?"""
    return bool(name) and _not_additive().search(str(name)) is not None


def show(value: Decimal, fact: dict, decimals: Optional[int] = None) -> str:
    """A value in the written unit of `fact` (5758200 元 written as 万元 → 575.82万元;
    56300 人 written as 万人 → 5.63万人)."""
    scale = Decimal(str(fact.get("scale") or 1))
    d = int(fact.get("decimals") or 0) if decimals is None else decimals
    shown = (Decimal(value) / scale).quantize(Decimal(1).scaleb(-d)) if d >= 0 else Decimal(value) / scale
    unit = fact.get("unit") or ""
    if unit == "%" and scale == 100:
        return f"{shown}（即{rounded(Decimal(value), max(d - 2, 0))}%）"  # (0.9215 as written: a share of one)
    if unit == "百分点":
        unit = "个百分点"  # as reports write a change in points
    elif unit != "%":
        unit = _UNIT_TEXT.get(scale, "") + unit
    return f"{shown}{unit}"


_NUMERAL = regex.compile(r"\d[\d,，]*(?:\.\d+)?")


def written_numeral(text: Optional[str]) -> str:
    """The first numeral a text writes, without its thousands separators ('' when none):
    222.24万元 → 222.24, 1,200.00 → 1200.00."""
    m = _NUMERAL.search(text or "")
    return m.group(0).replace(",", "").replace("，", "") if m else ""


def written(fact: dict) -> str:
    """A fact as the report wrote it, with its unit where the unit stood in its label
    (项目资金（万元）：86.4 is quoted as 86.4 and shown as 86.4万元)."""
    if fact.get("unit_from_label"):
        return f"{fact['text']}{fact.get('written_unit') or ''}"
    return fact["text"]


def show_exact(value: Decimal, fact: dict) -> str:
    """A value worked out from written figures (a difference), in the written unit of
    `fact`, with every digit it has: 12.3万人 − 6.67万人 is 5.63万人, not 5.6万人."""
    scale = Decimal(str(fact.get("scale") or 1))
    exponent = (Decimal(value) / scale).normalize().as_tuple().exponent
    return show(value, fact, max(int(fact.get("decimals") or 0), -exponent if isinstance(exponent, int) else 0))


def evidence_quote(f: dict) -> dict:
    """Where a flag's evidence fact stands, for the reviewer to find it."""
    return {"fact": f["id"], **{k: f["source"].get(k) for k in ("page", "block", "table", "row", "col", "start", "end", "quote")}}


def make_flag(severity: str, message: str, stated, computed, difference, tolerance, evidence: list,
              explanation: Optional[str] = None, **extra) -> dict:
    flag = {"severity": severity, "message": message, "stated": stated, "computed": computed,
            "difference": difference, "tolerance": tolerance, "evidence": [f["id"] for f in evidence],
            "evidence_quotes": [evidence_quote(f) for f in evidence],
            "explanation": explanation}
    flag.update(extra)
    return flag


def within_tenfold(rate: dict, computed: Interval) -> bool:
    """Is a stated rate within ten times of the one its figures give, either way? Beyond that
    the figures are more likely another quantity's, or a cell misread, than the report's slip."""
    stated = Decimal(rate["value"])
    return stated > 0 and stated / 10 <= computed.mid <= stated * 10


def ten_thousand_apart(a: Decimal, b: Decimal) -> bool:
    """Are a and b about 10⁴ apart, either way (within a factor of two of it)? The slip of 元
    written for 万元, or the reverse, that unit.slip names."""
    ratio = a / b
    return any(Decimal("0.5") <= ratio * k <= 2 for k in (Decimal("1E-4"), Decimal("1E4")))


def rounded(value: Decimal, places: int = 4) -> Decimal:
    """Rounded for display, without exponent notation (90, not 9E+1)."""
    return Decimal(format(Decimal(value).quantize(Decimal(1).scaleb(-places)).normalize(), "f"))


def facts_by_id(record: dict) -> dict:
    return {f["id"]: f for f in record["facts"]}


def relations_of(record: dict, kind: str) -> list:
    return [r for r in record.get("relations", []) if r["type"] == kind]


def sum_of(facts: list, interval=interval_of) -> Interval:
    """The facts added up, each the interval `interval` gives it (its written tolerance by default)."""
    total = exact(0)
    for f in facts:
        total = total + interval(f)
    return total


def table_cells(record: dict) -> dict:
    """(table block, row, col) → numeric-cell fact."""
    out = {}
    for f in record["facts"]:
        s = f["source"]
        if s.get("table") is not None and s.get("start") == 0 and s.get("quote") == f["text"] and f.get("written_unit"):
            out[(s["table"], s["row"], s["col"])] = f
    return out

