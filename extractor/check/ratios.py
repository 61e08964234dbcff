"""Stated rates against the figures they are computed from (ratio.stated): formulas the
report writes out, rates named by their label, and shares of a named total."""
from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Optional

from . import rule
from .common import SEVERITY, facts_by_id, make_flag, relations_of, rounded
from .tolerance import Interval, exact, interval_of, verdict


def _evaluate(expression: list, facts: dict) -> Optional[Interval]:
    """Evaluate a formula's token list with intervals. '100%' is 1, '50%' is 0.5; a
    figure token is its fact's interval."""
    pos = 0

    def atom():
        nonlocal pos
        tok = expression[pos]
        pos += 1
        if tok == "(":
            v = expr()
            pos += 1  # ')'
            return v
        if tok == "-":
            return exact(0) - atom()
        if tok in facts:
            return interval_of(facts[tok])
        if tok.endswith("%"):
            return exact(Decimal(tok[:-1]) / 100)
        return exact(tok)

    def term():
        nonlocal pos
        v = atom()
        while pos < len(expression) and expression[pos] in ("*", "/"):
            op = expression[pos]
            pos += 1
            w = atom()
            v = v * w if op == "*" else v / w
        return v

    def expr():
        nonlocal pos
        v = term()
        while pos < len(expression) and expression[pos] in ("+", "-"):
            op = expression[pos]
            pos += 1
            w = term()
            v = v + w if op == "+" else v - w
        return v

    try:
        return expr()
    except (ZeroDivisionError, IndexError, InvalidOperation):
        return None


def _ratio_flag(rate: dict, computed: Interval, evidence: list, what: str) -> Optional[dict]:
    outcome, diff, tol = verdict(rate, computed)
    if outcome == "ok":
        return None
    return make_flag(SEVERITY[outcome],
                     f"{what}与其分子分母不符：文中{rate['text']}，按所列数据计算为{rounded(computed.mid, 2)}%",
                     rate["value"], rounded(computed.mid, 4), rounded(diff, 4), rounded(tol, 4), evidence)


@rule("ratio.stated")
def check_ratio_stated(record: dict) -> list:
    """Stated rates against their numerator and denominator: formulas the report states
    (预算控制率＝追加÷年初预算), rates named by label (执行率 = 支出 ÷ 到位资金), shares of a
    total (占总支出…), and growth computed against the wrong base."""
    facts = facts_by_id(record)
    flags = []
    for rel in relations_of(record, "formula"):
        operands = [facts[t] for t in rel["expression"] if t in facts]
        value = _evaluate(rel["expression"], facts)
        if value is None or not operands:
            continue
        if not all(f["kind"] == "percent" for f in operands):
            value = value.scaled(Decimal(100))
        flag = _ratio_flag(facts[rel["result"]], value, [facts[rel["result"]]] + operands, rel["name"])
        if flag:
            flag["formula"] = rel["formula"]
            flags.append(flag)
    for rel in relations_of(record, "ratio"):
        rate = facts[rel["rate"]]
        pairs = [(facts[n], facts[d]) for n in rel["numerators"] for d in rel["denominators"] if n != d]
        results = []
        for num, den in pairs:
            try:
                results.append((num, den, (interval_of(num) / interval_of(den)).scaled(Decimal(100))))
            except ZeroDivisionError:
                continue
        if not results or any(verdict(rate, v)[0] == "ok" for _, _, v in results):
            continue
        num, den, v = results[0]
        flag = _ratio_flag(rate, v, [rate, num, den], rate.get("label") or "比率")
        if flag:
            flags.append(flag)
    for rel in relations_of(record, "share"):
        rate, part = facts[rel["rate"]], facts[rel["part"]]
        results = []
        for w in rel["wholes"]:
            try:
                results.append((facts[w], (interval_of(part) / interval_of(facts[w])).scaled(Decimal(100))))
            except ZeroDivisionError:
                continue
        if not results or any(verdict(rate, v)[0] == "ok" for _, v in results):
            continue  # some figure the wording names as the total fits
        whole, v = results[-1]
        flag = _ratio_flag(rate, v, [rate, part, whole], f"占{rel['name']}比例")
        if flag:
            flags.append(flag)
    return flags

