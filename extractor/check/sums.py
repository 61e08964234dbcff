"""Totals against their parts in text: 其中/包括/分别为 breakdowns (sum.breakdown); a table's
columns under a merged 其中 are table_breakdowns.py's. A table's 合计/小计 and group rows are
table_sums.py's (sum.table)."""
from __future__ import annotations

from decimal import Decimal
from itertools import combinations

from . import rule
from .parallel_breakdowns import parallel_breakdown_flags
from .table_breakdowns import table_breakdown_flags
from .common import SEVERITY, facts_by_id, make_flag, relations_of, show, sum_of, ten_thousand_apart, written
from .tolerance import interval_of, verdict


@rule("sum.breakdown")
def check_sum_breakdown(record: dict) -> list:
    """'X，其中 A a、B b': the parts may not exceed the total; a list said to be complete
    (分别为) must add up. A longer list whose sub-set adds up is read as nested
    (其中 A，包括 A1、A2；B) and passes."""
    facts = facts_by_id(record)
    flags = []
    for rel in relations_of(record, "breakdown"):
        total = facts[rel["total"]]
        parts = [facts[p] for p in rel["parts"]]
        summed = sum_of(parts)
        outcome, diff, tol = verdict(total, summed)
        if outcome == "ok":
            continue
        short = summed.high < interval_of(total).low
        if not short and _another_quantity(total, parts):
            continue  # 吨水运营成本1.60元，其中运营补贴1,160.70万元: the 其中 is not of that figure
        nearly_all = short and _nearly_all(total, parts, summed, rel)
        if short and not rel.get("complete") and not rel.get("complete_family") and not nearly_all \
                and not _part_in_yuan_adds_up(total, parts):
            continue  # 其中 names the main parts only (unless a part written in 元 makes it: unit.slip)
        if short and rel.get("cut_off"):
            continue  # the text ends inside the list: the parts after the cut are not there to add
        if short and len(parts) == 1 and not _part_in_yuan_adds_up(total, parts):
            # a whole list of one part (按支持方式分，到户类项目资金3920万元；到村类…): its other
            # parts stood past where the clause was cut, or it breaks down another figure
            continue
        if len(parts) > 1 and any(verdict(total, sum_of(list(c)))[0] == "ok"
                                  for n in range(1, len(parts)) for c in combinations(parts, n)):
            continue  # a nested list (其中 A…，包括 A1、A2；B): some of the parts make the total
        after = [facts[a] for a in rel.get("after_parts", [])]
        if short and any(verdict(total, sum_of(parts + after[:n]))[0] == "ok" for n in range(1, len(after) + 1)):
            continue  # the figures after the list in its sentence make the total (…；上年结转187.50万元)
        if any(_holds([facts[o]], summed, rel) for o in rel.get("other_totals", [])):
            continue  # a 其中 opening its sentence that breaks down another figure of the one before
        listed = [facts[i] for i in rel.get("total_listed_with", [])]
        if listed and _holds(listed + [total], summed, rel):
            continue  # 新建18座、改扩建24座。其中景区内26座，其余16座: the 其中 breaks down the list's sum
        # parts that make their whole by definition but say nothing of being all of it
        # (基本支出 and 项目支出; a unit may have 经营支出 too): short of it is a warning
        severity = "warning" if short and (rel.get("complete_family") or nearly_all) and not rel.get("complete") \
            and outcome == "error" else SEVERITY[outcome]
        flag = make_flag(
            severity,
            f"分项之和与总数不符：总数{written(total)}，分项之和{show(summed.mid, total)}，差{show(abs(diff), total)}",
            total["value"], summed.mid, diff, tol, [total] + parts)
        if not short and len(parts) == 1:
            flag["parts_may_fall_short"] = True  # 其中 naming one part (unit.slip reads it so: at most the total)
        flags.append(flag)
    return flags + parallel_breakdown_flags(record) + table_breakdown_flags(record)


_NEARLY_ALL = Decimal("0.01")  # the share of the total a list of its parts leaves out, at most
_FEWEST_PARTS_NEARLY_ALL = 3


def _nearly_all(total: dict, parts: list, summed, rel: dict) -> bool:
    """Do three or more parts, not said to go on (等), come within 1% of the total short of
    it? A list naming some parts leaves out more than that; one naming all of them and
    falling short by so little has a figure wrong (1435 + 25 + … = 2253 for a total of
    2263): a warning, since it does not say it names every part."""
    whole = Decimal(str(total["value"]))
    return len(parts) >= _FEWEST_PARTS_NEARLY_ALL and not rel.get("goes_on") and whole > 0 \
        and (whole - summed.mid) / whole <= _NEARLY_ALL


def _holds(figures: list, summed, rel: dict) -> bool:
    """Do the parts fit the sum of these figures (one total, or a list's items): adding up to
    it, or short of it where the list may name the main parts only?"""
    whole = sum_of(figures)
    return summed.overlaps(whole) or (summed.high < whole.low and not rel.get("complete"))


_TEN_THOUSAND = Decimal(10000)


def _another_quantity(total: dict, parts: list) -> bool:
    """Is the total more than ten times below one of its parts, and not by the 10⁴ of 元 written
    for 万元 (unit.slip's)? It is then some other quantity (a price, a rate per unit)."""
    values = [Decimal(str(p["value"])) for p in parts]
    value = Decimal(str(total["value"]))
    if value <= 0 or value * 10 >= max(values):
        return False
    return not (ten_thousand_apart(max(values), value) or ten_thousand_apart(sum(values), value))


def _part_in_yuan_adds_up(total: dict, parts: list) -> bool:
    """Do the parts add up to the total once the one part written in 元 among parts in 万元
    is read in 万元 (省级补助资金1708元 beside 5692万元 and 1138万元)? unit.slip then names it."""
    odd = [p for p in parts if p["kind"] == "amount" and Decimal(str(p.get("scale") or 1)) == 1]
    if len(odd) != 1 or len(parts) < 2 or any(Decimal(str(p.get("scale") or 1)) != _TEN_THOUSAND
                                              for p in parts if p is not odd[0]):
        return False
    others = [p for p in parts if p is not odd[0]]
    read = sum_of(others) + interval_of(odd[0]).scaled(_TEN_THOUSAND)
    return verdict(total, read)[0] == "ok"
