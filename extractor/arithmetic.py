"""A flag's arithmetic as a reader checks it: the stated figure, the computed one, the
difference and the tolerance in the unit the report wrote (万元, not 元), with thousands
separators and the difference as the message gives it (a size, with which side is larger);
the items of a sum listed with their quotes; for `repeat.conflict` the two statements side
by side (its "computed" figure is really the second stated one).

The record keeps every figure in base units (DESIGN.md); the written unit comes from the
evidence fact that carries the stated value, so the table reads like the message beside it."""
from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Optional

_UNIT_TEXT = {Decimal(10000): "万", Decimal(100000000): "亿", Decimal(1000): "千"}
# rules whose evidence is a total followed by the parts it is compared with
SUM_RULES = {"sum.breakdown", "sum.table", "form.funds_total", "form.score_total"}
MAX_PLACES = 4  # a computed figure shown to at most this many decimals in the written unit


def _decimal(value) -> Optional[Decimal]:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def written(value, fact: Optional[dict], places: Optional[int] = None) -> str:
    """`value` (base units) in the written unit of `fact`, with thousands separators:
    16066500 元 written as 万元 → 1,606.65万元. `places`: decimals to show (default: those
    the fact was written with, more when the value has them, up to MAX_PLACES)."""
    value = _decimal(value)
    if value is None:
        return ""
    fact = fact or {}
    scale = _decimal(fact.get("scale")) or Decimal(1)
    shown = value / scale
    if places is None:
        exponent = shown.normalize().as_tuple().exponent
        own = -exponent if isinstance(exponent, int) and exponent < 0 else 0
        places = min(max(int(fact.get("decimals") or 0), own), MAX_PLACES)
    shown = shown.quantize(Decimal(1).scaleb(-places))
    unit = fact.get("unit") or ""
    if unit and unit != "%":
        unit = _UNIT_TEXT.get(scale, "") + unit
    return f"{shown:,f}{unit}"


def _stated_fact(flag: dict, facts: dict) -> Optional[dict]:
    """The evidence fact that carries the stated value (the first whose value equals it),
    else the first evidence fact with a unit."""
    stated = _decimal(flag.get("stated"))
    evidence = [facts[e] for e in flag.get("evidence", []) if e in facts]
    for f in evidence:
        if stated is not None and _decimal(f.get("value")) == stated:
            return f
    return next((f for f in evidence if f.get("unit")), None)


def _statement(fact: dict, quotes: dict) -> dict:
    q = quotes.get(fact["id"], {})
    source = fact.get("source") or {}
    page = q.get("page", source.get("page"))
    return {"fact": fact["id"], "text": fact.get("text") or "", "label": fact.get("label") or "",
            "context": fact.get("context") or "",
            "quote": q.get("quote") or source.get("quote") or "", "page": page,
            "value": written(fact.get("value"), fact, int(fact.get("decimals") or 0))}


def arithmetic(record: dict, flag: dict) -> dict:
    """What the templates show for a flag's figures:
    rows   [(label, text)] of stated, computed, difference and tolerance, in the written unit;
    parts  the parts of a sum (each with its quote), and their total;
    sides  for repeat.conflict, the two statements."""
    facts = {f["id"]: f for f in record.get("facts", [])}
    quotes = {q.get("fact"): q for q in flag.get("evidence_quotes", [])}
    unit_fact = _stated_fact(flag, facts)
    stated, computed = _decimal(flag.get("stated")), _decimal(flag.get("computed"))
    difference = _decimal(flag.get("difference"))
    if difference is None and stated is not None and computed is not None:
        difference = stated - computed
    out: dict = {"rows": [], "parts": [], "sides": []}
    evidence = [facts[e] for e in flag.get("evidence", []) if e in facts]

    if flag.get("rule") == "repeat.conflict" and len(evidence) >= 2:
        out["sides"] = [_statement(f, quotes) for f in evidence[:2]]
        if difference is not None:
            out["rows"].append(("两处相差", written(abs(difference), unit_fact)))
        return out

    if stated is not None:
        out["rows"].append(("陈述值", written(stated, unit_fact, _places(unit_fact))))
    if computed is not None:
        out["rows"].append(("计算值", written(computed, unit_fact)))
    if difference is not None:
        text = written(abs(difference), unit_fact)
        if difference and stated is not None and computed is not None:
            text += "（陈述值比计算值" + ("多" if difference > 0 else "少") + "）"
        out["rows"].append(("差额", text))
    tolerance = _decimal(flag.get("tolerance"))
    if tolerance is not None:
        out["rows"].append(("容差", "±" + written(tolerance, unit_fact)))

    if flag.get("rule") in SUM_RULES:
        # the total is the stated fact when it is written (a form without a 合计 row has none)
        parts = [f for f in evidence if f is not unit_fact or _decimal(f.get("value")) != stated]
        out["parts"] = [_statement(f, quotes) for f in parts]
        values = [_decimal(f.get("value")) for f in parts]
        if parts and all(v is not None for v in values):
            out["parts_sum"] = written(sum(values), unit_fact or parts[0], max(int(f.get("decimals") or 0) for f in parts))
    return out


def _places(fact: Optional[dict]) -> Optional[int]:
    return int(fact.get("decimals") or 0) if fact else None
