"""unit.slip from the digits alone: the same money figure written in 元 in one place and in
万元 in another (表列222.24 under 金额（万元）, 正文"共计发放222.24元"). No relation need be
read between the two — their wording may differ as a table row and a sentence do — so the
digits are the evidence: enough of them (`same_digits_min_significant`, patterns/checks.json)
that two different quantities sharing them is no likely coincidence (1500元 and 1500万元
are common; 222.24元 and 222.24万元 are one figure), or fewer where one name names both
(年初预算数为820.00元 in the text, 年初预算数 820.0000 in the form in 万元). Either may be the
slip, as for a repeat: both are named, the one in 元 first (dropping 万 is the commoner slip)."""
from __future__ import annotations

from decimal import Decimal

from .common import check_settings, make_flag, show, written_numeral
from .repeats import where_written
from .unit_slip import slip_reading

_WAN = Decimal(10000)


_FEWEST_NAMED = 2  # significant digits of a figure named alike in both places (年初预算数 820.00元 | 820.0000)
_NAME_ENDINGS = ("数", "金额", "资金")


def _named_alike(a: dict, b: dict) -> bool:
    """Do both figures carry one name (年初预算 and 年初预算数)?"""
    def name(f: dict) -> str:
        label = f.get("label") or ""
        for ending in _NAME_ENDINGS:
            label = label.removesuffix(ending)
        return label
    return bool(name(a)) and name(a) == name(b)


def _significant(numeral: str) -> int:
    return len(numeral.replace(".", "").strip("0"))


def same_digits_flags(record: dict) -> list:
    """The unit.slip flags of figures whose digits stand in 元 and in 万元 (the rule's
    function, check_indicator_unit in forms_targets.py, adds them to its own: one rule name,
    one registered function)."""
    settings = check_settings()["unit_slip"]
    least = settings["same_digits_min_significant"]
    by_numeral: dict = {}
    for f in record["facts"]:
        if f["kind"] != "amount" or f.get("approx") or f.get("range_high") is not None:
            continue
        scale = Decimal(str(f.get("scale") or 1))
        numeral = written_numeral(f.get("text"))
        if scale in (1, _WAN) and _significant(numeral) >= _FEWEST_NAMED:
            by_numeral.setdefault(Decimal(numeral), {}).setdefault(scale, []).append(f)
    flags = []
    for numeral, scales in by_numeral.items():
        if len(scales) < 2:
            continue
        pairs = [(y, w) for y in scales[Decimal(1)] for w in scales[_WAN]
                 if _significant(written_numeral(y.get("text"))) >= least or _named_alike(y, w)]
        if not pairs:
            continue  # (fewer digits, 1500元 and 1500万元, are one figure only where one name names both)
        yuan, wan = pairs[0]
        # each written with its own unit: a unit a column's header gave may be the reader's guess
        own_units = all(not f.get("unit_from_label") and "元" in (f.get("text") or "") for f in (yuan, wan))
        flags.append(make_flag(
            settings["severity"] if own_units else "warning",
            f"金额单位疑似误写：同一数字一处写作{show(yuan['value'], yuan)}（{where_written(yuan)}），一处写作{show(wan['value'], wan)}"
            f"（{where_written(wan)}），相差一万倍",
            Decimal(yuan["value"]), Decimal(wan["value"]), Decimal(wan["value"]) - Decimal(yuan["value"]),
            Decimal(0), [yuan, wan], slip=[slip_reading(yuan, _WAN), slip_reading(wan, 1 / _WAN)],
            # (the figure stated twice with two values: a repeat whose gap the slip explains)
            original_rule="repeat.conflict"))
    return flags
