"""unit.slip: a money figure off by exactly 10⁴ from what it is checked against — 元 written
where 万元 was meant (352.10元 for a total whose parts are 120.40万元 + 231.70万元), or the
reverse. Such a figure first makes an ordinary flag (sum.breakdown, sum.table,
product.unit, repeat.conflict, form.funds_total); this pass runs over those flags, reads
each figure of the relation 10⁴ times larger or smaller in turn, and where one reading
makes the relation hold within the written tolerance (scaled with the figure), rewrites
the flag as unit.slip naming that figure. The original rule is kept in `original_rule`."""
from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

from ..patterns import load_json
from .common import show, sum_of
from .tolerance import Interval, interval_of, percentage

# How each rule lays out its evidence: the figure it states first, then what it is checked
# against. A sum: the total, then its parts; a product: the amount, the price, the count;
# a repeat: the two figures (and any explanation after them); a ratio: the rate, its
# numerator, its denominator.
_SHAPES = {"sum.breakdown": "sum", "sum.table": "sum", "sum.row": "sum", "form.funds_total": "sum",
           "product.unit": "product", "repeat.conflict": "repeat", "form.execution_rate": "ratio",
           "ratio.stated": "ratio"}
_UNIT_NAMES = {Decimal(1): "元", Decimal(10000): "万元", Decimal(100000000): "亿元"}


@lru_cache(maxsize=1)
def _settings() -> dict:
    return load_json("checks.json")["unit_slip"]


def find_unit_slips(flags: list, facts: dict) -> None:
    """facts: id → fact. Rewrites, in place, each flag of the listed rules whose figures
    agree once one money figure is read 10⁴ times larger or smaller."""
    settings = _settings()
    for flag in flags:
        if flag.get("rule") not in settings["rules"] or flag.get("explanation"):
            continue  # a gap the report explains is not a slip of the pen
        slips = unit_slips_of(flag, facts)
        if not slips:
            continue
        readings = [slip_reading(f, k) for f, k in slips]
        named = "，或".join(f"{r['written']}应为{r['likely']}（{_unit_name(f, k)}误作{_unit_name(f, 1)}）"
                           for r, (f, k) in zip(readings, slips))
        flag["original_rule"] = flag["rule"]
        flag["rule"] = "unit.slip"
        flag["severity"] = settings["severity"]
        flag["slip"] = readings
        flag["message"] = (f"金额单位疑似误写：{named}；如此{_relation_text(flag)}"
                           f"（原检查：{flag['message']}）")
    _one_flag_per_slip(flags)


def _one_flag_per_slip(flags: list) -> None:
    """A slip that puts several relations out (the total against its parts, then against
    each part's share) is one flag for the auditor: a slip flag that may name a figure
    another names is folded into it, under `also`, with its own evidence — into the one
    that names a single figure first (it says which figure is the slip)."""
    kept = []  # (a slip flag kept, the figures it names)
    folded = set()  # ids of the flag dicts folded into another
    for flag in sorted((f for f in flags if f.get("rule") == "unit.slip"), key=lambda f: len(f["slip"])):
        figures = {r["fact"] for r in flag["slip"]}
        earlier = next((k for k, named in kept if named & figures), None)
        if earlier is None:
            kept.append((flag, figures))
            continue
        earlier.setdefault("also", []).append({key: flag[key] for key in ("original_rule", "message", "stated",
                                                                          "computed", "evidence")})
        folded.add(id(flag))
    flags[:] = [f for f in flags if id(f) not in folded]


def unit_slips_of(flag: dict, facts: dict) -> list:
    """[(the figure likely written in the wrong unit, the factor it is off by: 10⁴ when
    written too small, 10⁻⁴ when too large)]: one figure, or for a repeat, a ratio or a
    product either of two (one of them is wrong, the arithmetic cannot tell which); []
    when none, or more than one part of a sum, would explain it."""
    shape = _SHAPES.get(flag.get("original_rule") or flag.get("rule"))
    evidence = [facts.get(i) for i in flag.get("evidence", [])]
    if shape is None or len(evidence) < 2 or any(f is None for f in evidence[:2]):
        return []
    stated = evidence[0]
    if Decimal(stated["value"]) != Decimal(flag["stated"]) or not Decimal(stated["value"]):
        return []
    factor = Decimal(_settings()["factor"])
    both = (factor, 1 / factor)
    if shape == "sum":
        parts = [f for f in evidence[1:] if f is not None]
        readings = [(stated, k, lambda k: interval_of(stated).scaled(k), lambda k: sum_of(parts)) for k in both]
        for i, part in enumerate(parts):
            others = parts[:i] + parts[i + 1:]
            # a part read 10⁴ times smaller that the sum holds without at all (120.00万元 of a
            # total 120.00万元 short) was left out as likely as written in 元: no slip shown
            left_out = Interval.overlaps(interval_of(stated), sum_of(others))
            readings += [(part, k, lambda k: interval_of(stated),
                          lambda k, part=part, others=others: sum_of(others) + interval_of(part).scaled(k))
                         for k in both if k > 1 or not left_out]
    elif shape == "product":
        if len(evidence) < 3 or evidence[2] is None:
            return []
        price, count = evidence[1], evidence[2]
        readings = [(stated, k, lambda k: interval_of(stated).scaled(k), lambda k: interval_of(price) * interval_of(count))
                    for k in both]
        readings += [(price, k, lambda k: interval_of(stated), lambda k: interval_of(price).scaled(k) * interval_of(count))
                     for k in both]
    elif shape == "ratio":  # a rate is no money: its numerator or denominator is the slip
        if len(evidence) < 3 or evidence[2] is None:
            return []
        num, den = evidence[1], evidence[2]
        readings = [(num, k, lambda k: interval_of(stated),
                     lambda k: _ratio(interval_of(num).scaled(k), interval_of(den))) for k in both]
        readings += [(den, k, lambda k: interval_of(stated),
                      lambda k: _ratio(interval_of(num), interval_of(den).scaled(k))) for k in both]
    else:
        other = evidence[1]
        readings = [(stated, k, lambda k: interval_of(stated).scaled(k), lambda k: interval_of(other)) for k in both]
        readings += [(other, k, lambda k: interval_of(stated), lambda k: interval_of(other).scaled(k)) for k in both]
    holds = Interval.overlaps
    if flag.get("parts_may_fall_short"):
        # 其中 naming one part, above the total (sums.py marks such flags): only the total
        # written too small is read again, and fits when the part is then one of its main
        # parts (at most the total, at least a tenth of it); a part read smaller always fits
        readings = [(stated, factor, lambda k: interval_of(stated).scaled(k), lambda k: sum_of(evidence[1:]))]
        holds = lambda total, part: part.low <= total.high and total.low <= 10 * part.high  # noqa: E731
    fits = [(fact, k) for fact, k, left, right in readings
            if _money(fact) and _named_scale(fact, k) and Decimal(fact["value"]) and holds(left(k), right(k))]
    # One figure read another way is a slip of the pen; two parts of a sum that each fit
    # are a guess. A repeat's two figures, a ratio's numerator and denominator, a
    # product's amount and price fit alike by nature: both are named — the amount first,
    # else the one written in the smaller unit (dropping 万 is the commoner slip).
    if shape != "product":
        fits.sort(key=lambda fk: Decimal(str(fk[0].get("scale") or 1)))
    named = {f["id"] for f, _ in fits}
    if len(named) == 1:
        return fits[:1]
    if shape != "sum" and len(named) == 2 == len(fits):
        return fits
    return []


def _ratio(num: Interval, den: Interval) -> Interval:
    rate = percentage(num, den)
    return rate if rate is not None else Interval(Decimal(-1), Decimal(-1))  # (fits no stated rate)


def _money(fact: dict) -> bool:
    return (fact.get("unit") or "").startswith("元")


def _named_scale(fact: dict, factor: Decimal) -> bool:
    """Would the figure, read `factor` times, be written in a money unit (元, 万元, 亿元)?
    3,521,000.00元 cannot be 万元 written for 元."""
    scales = {Decimal(s) for s in _settings()["scales"]}
    return Decimal(str(fact.get("scale") or 1)) * factor in scales


def slip_reading(fact: dict, factor: Decimal) -> dict:
    """A figure read as a slip: as written, as it likely should have been, the factor."""
    return {"fact": fact["id"], "written": fact["text"], "likely": _rewritten(fact, factor), "factor": factor}


def _rewritten(fact: dict, factor: Decimal) -> str:
    """The figure as written, with the unit it likely should have had (352.10元 → 352.10万元)."""
    scale = Decimal(str(fact.get("scale") or 1))
    before, after = _UNIT_NAMES.get(scale), _UNIT_NAMES.get(scale * factor)
    text = fact["text"]
    if before and after and before in text:
        i = text.rfind(before)
        return text[:i] + after + text[i + len(before):]
    return show(Decimal(fact["value"]) * factor, {**fact, "scale": scale * factor})


def _unit_name(fact: dict, factor) -> str:
    """The figure's money unit at its scale × factor: 元, 万元, 万元/人 …"""
    scale = Decimal(str(fact.get("scale") or 1)) * factor
    return _UNIT_NAMES.get(scale, "元") + (fact.get("unit") or "元")[1:]


def _relation_text(flag: dict) -> str:
    shape = _SHAPES.get(flag.get("original_rule") or flag.get("rule"))
    return {"sum": "总数与分项之和即相符", "product": "单价×数量即与金额相符", "repeat": "两处数值即一致",
            "ratio": "比率即与其分子分母相符"}.get(shape, "")
