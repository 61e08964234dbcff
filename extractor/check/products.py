"""Unit price × count = amount (product.unit), in text and in table rows."""
from __future__ import annotations

from decimal import Decimal

import regex

from . import rule
from .common import SEVERITY, facts_by_id, make_flag, relations_of, rounded, show, table_cells, written
from .tolerance import Interval, interval_of, verdict


@rule("product.unit")
def check_product_unit(record: dict) -> list:
    """Unit price × count = amount, in text (按600元/人…共计…元) and in table rows whose
    columns give a price (元/人), a count (人) and an amount under one header group."""
    facts = facts_by_id(record)
    # (price, the counts it may price — a 其中 list's last part, then its total —, amount)
    products = relations_of(record, "product")
    flags = [_check_average(facts, r) for r in products if r.get("average")]
    triples = [(facts[r["rate"]], [facts[c] for c in [r["count"]] + list(r.get("count_alternatives") or [])],
                facts[r["amount"]], r.get("periods"), r.get("periods_text"),
                [facts[a] for a in r.get("amount_alternatives") or []]) for r in products if not r.get("average")]
    triples += [(price, [count], amount, None, None, []) for price, count, amount in _table_products(record)]
    for price, counts, amount, periods, periods_text, other_amounts in triples:
        # a price per month or day over the months or days its sentence states (× 12个月)
        times = Decimal(periods or 1)
        # (a standard per head is set, not rounded: 每生每天5元 is 5 exactly, 每人每年1万元 is
        # 10000; a price per thing written so may be a rounded average)
        rate = _set_standard(price) if periods or price["kind"] == "money_rate" else interval_of(price)
        readings = []
        for count in counts:
            computed = (rate * interval_of(count)).scaled(times)
            readings.append((verdict(amount, computed), computed, count))
        if any(outcome == "ok" for (outcome, _, _), _, _ in readings) or _another_count_fits(
                facts, rate, times, counts, amount) or any(
                verdict(other, (rate * interval_of(count)).scaled(times))[0] == "ok"
                for other in other_amounts for count in counts):
            continue  # (or an amount stated before the summed one is what the price paid)
        (outcome, diff, tol), computed, count = min(readings, key=lambda r: abs(r[0][1]))
        # the product of the figures as written (the interval's middle is off by a fraction)
        product = Decimal(str(price["value"])) * Decimal(str(count["value"])) * times
        over = f" × {periods_text}" if periods else ""
        flags.append(make_flag(
            SEVERITY[outcome],
            f"单价×数量与金额不符：{written(price)} × {written(count)}{over} = {show(product, amount)}，文中{written(amount)}",
            amount["value"], product, diff, tol, [amount, price, count]))
    return [f for f in flags if f is not None]


def _another_count_fits(facts: dict, rate: Interval, times: Decimal, counts: list, amount: dict) -> bool:
    """Does another count of the same kind in the counts' paragraph, times the price, give the
    amount? A standard paid to everyone (2460人) is read before the list of towns whose first
    count (甲镇620人) stands nearest it: that reading is the report's."""
    blocks = {c["source"].get("block") for c in counts}
    kinds = {c["kind"] for c in counts}
    return any(verdict(amount, (rate * interval_of(f)).scaled(times))[0] == "ok"
               for f in facts.values() if f["kind"] in kinds and f["source"].get("block") in blocks
               and f not in counts)


def _set_standard(price: dict) -> Interval:
    """A price written in whole yuan stands for itself; one with decimals may be rounded."""
    value = Decimal(str(price["value"]))
    return Interval(value, value) if not price.get("decimals") and not price.get("approx") else interval_of(price)


def _check_average(facts: dict, relation: dict):
    """An average stated after its total and its count (共发放120万元，救助4,000人，人均300元):
    the stated average against total ÷ count, within the average's written digits."""
    average, count, total = facts[relation["rate"]], facts[relation["count"]], facts[relation["amount"]]
    try:
        computed = interval_of(total) / interval_of(count)
    except ZeroDivisionError:
        return None
    outcome, diff, tol = verdict(average, computed)
    if outcome == "ok" or _priced_elsewhere(facts, average, count):
        return None
    quotient = rounded(Decimal(str(total["value"])) / Decimal(str(count["value"])))  # of the figures as written
    return make_flag(SEVERITY[outcome],
                     f"平均数与总额÷数量不符：{written(total)} ÷ {written(count)} = {show(quotient, average)}，"
                     f"文中{written(average)}", average["value"], quotient, diff, tol, [average, total, count])


def _priced_elsewhere(facts: dict, rate: dict, count: dict) -> bool:
    """Is the figure read as an average a standard that prices the count into another amount
    of its paragraph (按每人每年110元标准资助18460人，支出203.06万元: 110 × 18460 is the 203.06万元
    after it, not the total before it)? That reading is the report's."""
    computed = _set_standard(rate) * interval_of(count)
    block = rate["source"].get("block")
    return any(f["kind"] == "amount" and f["source"].get("block") == block and verdict(f, computed)[0] == "ok"
               for f in facts.values())


def _table_products(record: dict) -> list:
    cells = table_cells(record)
    out = []
    by_row: dict = {}
    for (t, r, c), f in cells.items():
        column = f.get("column") or ""
        group = column.split("›")[0] if "›" in column else ""  # (a header of one row: the whole row)
        by_row.setdefault((t, r, group), []).append(f)
    for key, fs in by_row.items():
        price = [f for f in fs if f["kind"] == "money_rate"]
        count = [f for f in fs if f["kind"] in ("headcount", "person_times")]
        amount = [f for f in fs if f["kind"] == "amount"]
        if len(price) == len(count) == len(amount) == 1:
            if _PER_PERIOD_COLUMN.search(price[0].get("column") or ""):
                continue  # 补贴标准（元/人·月）: paid over months the row does not state
            if Decimal(price[0]["value"]) and (Decimal(count[0]["value"]) or Decimal(amount[0]["value"])):
                out.append((price[0], count[0], amount[0]))
    return out


# a price column per month, day or term (元/人·月, 元/生·天, 月标准（元/人）): the number of them paid
# is not in the row
_PER_PERIOD_COLUMN = regex.compile(r"[/·.]\s*(?:月|天|日|季|学期)|每(?:月|天|日)|(?:月|季|日)(?:人均|补助|补贴)?标准|月人均")

