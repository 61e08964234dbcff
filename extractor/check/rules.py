"""Checker rules. Each is one function over the record (facts, relations, tables,
indicators, metadata) registered by name; see DESIGN.md for the list. A rule never reads
raw text: what it compares is what extraction found, with its sources."""
from __future__ import annotations

from collections import Counter
from decimal import Decimal, InvalidOperation
from difflib import SequenceMatcher
from functools import lru_cache
from itertools import combinations
from typing import Optional

import regex

from ..document_caches import document_cache
from ..numbering import numbering_of
from ..patterns import load_json
from . import rule
from .tolerance import Interval, exact, interval_of, verdict

SEVERITY = {"error": "error", "rounding": "info", "approx": "warning"}
_UNIT_TEXT = {Decimal(10000): "万", Decimal(100000000): "亿", Decimal(1000): "千"}


@lru_cache(maxsize=1)
def _vocab() -> dict:
    return load_json("relations.json")


@lru_cache(maxsize=1)
def _checks() -> dict:
    return load_json("checks.json")


# ---------------------------------------------------------------- helpers

def show(value: Decimal, fact: dict, decimals: Optional[int] = None) -> str:
    """A value in the written unit of `fact` (5758200 元 written as 万元 → 575.82万元)."""
    scale = Decimal(str(fact.get("scale") or 1))
    d = int(fact.get("decimals") or 0) if decimals is None else decimals
    shown = (Decimal(value) / scale).quantize(Decimal(1).scaleb(-d)) if d >= 0 else Decimal(value) / scale
    unit = fact.get("unit") or ""
    if unit == "元":
        unit = _UNIT_TEXT.get(scale, "") + "元"
    return f"{shown}{'' if unit == '%' else ''}{unit}"


def make_flag(severity: str, message: str, stated, computed, difference, tolerance, evidence: list,
              explanation: Optional[str] = None, **extra) -> dict:
    flag = {"severity": severity, "message": message, "stated": stated, "computed": computed,
            "difference": difference, "tolerance": tolerance, "evidence": [f["id"] for f in evidence],
            "evidence_quotes": [{"fact": f["id"], **{k: f["source"].get(k) for k in
                                                     ("page", "block", "table", "row", "col", "start", "end", "quote")}}
                                for f in evidence],
            "explanation": explanation}
    flag.update(extra)
    return flag


def _q(value: Decimal, places: int = 4) -> Decimal:
    """Rounded for display, without exponent notation (90, not 9E+1)."""
    return Decimal(format(Decimal(value).quantize(Decimal(1).scaleb(-places)).normalize(), "f"))


def facts_by_id(record: dict) -> dict:
    return {f["id"]: f for f in record["facts"]}


def relations_of(record: dict, kind: str) -> list:
    return [r for r in record.get("relations", []) if r["type"] == kind]


def _sum(facts: list) -> Interval:
    total = exact(0)
    for f in facts:
        total = total + interval_of(f)
    return total


# ---------------------------------------------------------------- sums

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
        summed = _sum(parts)
        outcome, diff, tol = verdict(total, summed)
        if outcome == "ok":
            continue
        if summed.high < interval_of(total).low and not rel.get("complete"):
            continue  # 其中 names the main parts only
        if len(parts) > 1 and any(verdict(total, _sum(list(c)))[0] == "ok"
                                  for n in range(1, len(parts)) for c in combinations(parts, n)):
            continue  # a nested list (其中 A…，包括 A1、A2；B): some of the parts make the total
        flags.append(make_flag(
            SEVERITY[outcome],
            f"分项之和与总数不符：总数{total['text']}，分项之和{show(summed.mid, total)}，差{show(abs(diff), total)}",
            total["value"], summed.mid, diff, tol, [total] + parts))
    return flags


_TOTAL_ROW = regex.compile(r"^(?:合\s*计|总\s*计|小\s*计)$")


def _table_cells(record: dict) -> dict:
    """(table block, row, col) → numeric-cell fact."""
    out = {}
    for f in record["facts"]:
        s = f["source"]
        if s.get("table") is not None and s.get("start") == 0 and s.get("quote") == f["text"] and f.get("written_unit"):
            out[(s["table"], s["row"], s["col"])] = f
    return out


@rule("sum.table")
def check_sum_table(record: dict) -> list:
    """Rows marked 合计/小计 and group rows (一/二 over 1/2/3) against the sum of their parts."""
    cells = _table_cells(record)
    flags = []
    for table in record.get("tables", []):
        t = table["source"]["block"]
        kinds = table["row_kinds"]
        n_cols = max((len(r) for r in table["header"] + table["rows"]), default=0)
        groups = {}  # group row → its item rows
        current = None
        totals = []
        for r, k in enumerate(kinds):
            if k == "group":
                current = r
                groups[r] = []
            elif k == "item" and current is not None:
                groups[current].append(r)
            elif k == "total":
                totals.append(r)
        checks = [(g, items) for g, items in groups.items() if items]
        tops = list(groups) or [r for r, k in enumerate(kinds) if k == "item"]
        checks += [(tr, tops) for tr in totals]
        for whole_row, part_rows in checks:
            for c in range(n_cols):
                whole = cells.get((t, whole_row, c))
                if whole is None or whole["kind"] not in ("amount", "headcount", "person_times", "households",
                                                          "count", "score"):
                    continue
                parts = [cells.get((t, r, c)) for r in part_rows]
                if any(p is None for p in parts):
                    continue  # a part without a figure: nothing to add up
                summed = _sum(parts)
                outcome, diff, tol = verdict(whole, summed)
                if outcome == "ok":
                    continue
                flags.append(make_flag(
                    SEVERITY[outcome],
                    f"表格合计行与明细之和不符（{whole.get('label') or ''}）：合计{whole['text']}，明细之和{show(summed.mid, whole)}",
                    whole["value"], summed.mid, diff, tol, [whole] + parts))
    return flags


# ---------------------------------------------------------------- ratios and products

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
                     f"{what}与其分子分母不符：文中{rate['text']}，按所列数据计算为{_q(computed.mid, 2)}%",
                     rate["value"], _q(computed.mid, 4), _q(diff, 4), _q(tol, 4), evidence)


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


@rule("diff.change")
def check_diff_change(record: dict) -> list:
    """This year − last year = the stated change; change ÷ last year = the stated growth."""
    facts = facts_by_id(record)
    flags = []
    for rel in relations_of(record, "change"):
        change = facts[rel["change"]]
        cur = facts.get(rel["current"]) if rel["current"] else None
        prev = facts.get(rel["previous"]) if rel["previous"] else None
        rate = facts.get(rel["rate"]) if rel["rate"] else None
        sign = Decimal(rel["direction"])
        if cur and prev:
            computed = (interval_of(cur) - interval_of(prev)).scaled(sign)
            outcome, diff, tol = verdict(change, computed)
            if outcome != "ok":
                flags.append(make_flag(
                    SEVERITY[outcome],
                    f"增减额与两年数据不符：文中{change['text']}，{cur['text']} − {prev['text']} = {show(abs(computed.mid), change)}",
                    change["value"], computed.mid, diff, tol, [change, cur, prev]))
            base = interval_of(prev)
        elif cur:
            base = interval_of(cur) - interval_of(change).scaled(sign)
        else:
            continue
        if rate is None:
            continue
        try:
            expected = (interval_of(change) / base).scaled(Decimal(100))
        except ZeroDivisionError:
            continue
        outcome, diff, tol = verdict(rate, expected)
        if outcome == "ok":
            continue
        wrong_base = cur is not None and verdict(rate, (interval_of(change) / interval_of(cur)).scaled(Decimal(100)))[0] == "ok"
        message = (f"增减率与增减额不符：文中{rate['text']}，按{change['text']}÷上年数计算为{_q(expected.mid, 2)}%")
        if wrong_base:
            message += f"；文中比率等于{change['text']}÷本年数{cur['text']}，分母用错（应以上年数为基数）"
        flags.append(make_flag(SEVERITY[outcome], message, rate["value"], _q(expected.mid, 4), _q(diff, 4), _q(tol, 4),
                               [rate, change] + ([cur] if cur else []) + ([prev] if prev else []),
                               wrong_base=wrong_base))
    return flags


@rule("product.unit")
def check_product_unit(record: dict) -> list:
    """Unit price × count = amount, in text (按600元/人…共计…元) and in table rows whose
    columns give a price (元/人), a count (人) and an amount under one header group."""
    facts = facts_by_id(record)
    flags = []
    triples = [(facts[r["rate"]], facts[r["count"]], facts[r["amount"]]) for r in relations_of(record, "product")]
    triples += _table_products(record)
    for price, count, amount in triples:
        computed = interval_of(price) * interval_of(count)
        outcome, diff, tol = verdict(amount, computed)
        if outcome == "ok":
            continue
        flags.append(make_flag(
            SEVERITY[outcome],
            f"单价×数量与金额不符：{price['text']} × {count['text']} = {show(computed.mid, amount)}，文中{amount['text']}",
            amount["value"], computed.mid, diff, tol, [amount, price, count]))
    return flags


def _table_products(record: dict) -> list:
    cells = _table_cells(record)
    out = []
    by_row: dict = {}
    for (t, r, c), f in cells.items():
        group = (f.get("column") or "").split("›")[0]
        by_row.setdefault((t, r, group), []).append(f)
    for key, fs in by_row.items():
        price = [f for f in fs if f["kind"] == "money_rate"]
        count = [f for f in fs if f["kind"] in ("headcount", "person_times")]
        amount = [f for f in fs if f["kind"] == "amount"]
        if len(price) == len(count) == len(amount) == 1:
            if Decimal(price[0]["value"]) and (Decimal(count[0]["value"]) or Decimal(amount[0]["value"])):
                out.append((price[0], count[0], amount[0]))
    return out


# ---------------------------------------------------------------- repeats and claims

def _discriminators() -> list:
    return _checks()["discriminators"]


def _same_quantity(a: dict, b: dict, cores_a: Optional[list] = None, cores_b: Optional[list] = None) -> bool:
    """Two figures state the same quantity when their wording differs only in words that
    do not tell quantities apart (兜底 moved, 的 added), never in a discriminating word
    (已/未 脱贫, 住院/门诊, another year or number). `cores_a`/`cores_b`: their _cores,
    when the caller has them already."""
    first = next(((x, y) for x in (cores_a or _cores(a)) for y in (cores_b or _cores(b)) if _similar(x, y)), None)
    if first is None:
        return False
    ca, cb = first
    # the labels take part in telling quantities apart (兜底人数 vs 清退人数)
    return not _changes_discriminate(ca + "|" + (a.get("label") or ""), cb + "|" + (b.get("label") or ""))


# A table row's wording is asked after for every pair of its figures: one answer per
# pair of texts and document.
@document_cache(maxsize=4096)
def _changes_discriminate(ca: str, cb: str) -> bool:
    """Does a change between the two wordings hold a number or a discriminating word?"""
    for op, i1, i2, j1, j2 in SequenceMatcher(None, ca, cb, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        changed = ca[i1:i2] + "|" + cb[j1:j2]
        if _DIGIT.search(changed) or any(w in changed for w in _discriminators()):
            return True
    return False


@document_cache(maxsize=4096)
def _similar(x: str, y: str) -> bool:
    """SequenceMatcher(None, x, y).ratio() reaches the threshold. Its quick_ratio (the
    characters both share, as multisets) is an upper bound of ratio and much cheaper:
    most pairs stop there, before a matcher is built."""
    if min(len(x), len(y)) < _checks()["min_context_chars"]:
        return False
    least = _checks()["min_context_similarity"]
    total = len(x) + len(y)
    if 2.0 * min(len(x), len(y)) / total < least:  # real_quick_ratio: lengths alone
        return False
    cy = _characters(y)
    shared = sum(min(n, cy.get(c, 0)) for c, n in _characters(x).items())
    if 2.0 * shared / total < least:
        return False
    return SequenceMatcher(None, x, y, autojunk=False).ratio() >= least


@document_cache(maxsize=4096)
def _characters(text: str) -> dict:
    return Counter(text)


_NOISE = regex.compile(r"[\s\p{P}]+")
_DIGIT = regex.compile(r"\d")
_DASHES = regex.compile(r"[-—－–]+")  # a dash cell: an explicit zero, not a stated figure


def _cores(f: dict) -> list:
    """Ways to word a figure: its clause; for a table cell, its row, and its row with the
    column group (2016年脱贫人员 + 计划 › 人数 reads like 2016年脱贫人员计划代缴…人)."""
    core = _core(f)
    if f["source"].get("table") is not None and f.get("column"):
        return [core, core + _NOISE.sub("", regex.sub(r"[（(][^（）()]*[)）]", "", f["column"]))]
    return [core]


def _core(f: dict) -> str:
    # a number in a table cell is about its row; a figure in text, about its clause
    text = (f.get("subject") or "") if f["source"].get("table") is not None and not f.get("context") \
        else f.get("context") or ""
    label, _ = numbering_of(text)  # a list number (1. / （2）) is layout, not wording
    if label and text.startswith(label):
        text = text[len(label):]
    return _NOISE.sub("", text)


def _explain(difference: Decimal, kind: str, unit: str, record: dict, exclude: set) -> tuple:
    """A stated quantity nearby that equals the gap (清退411人), and any product relation
    that prices it (600元/人 × 411人 = 246,600.00元)."""
    facts = facts_by_id(record)
    words = _vocab()["explanation_words"]
    for f in record["facts"]:
        if f["id"] in exclude or f["kind"] != kind or f["unit"] != unit:
            continue
        said = (f.get("context") or "") + (f.get("label") or "") + (f.get("reason") or "")
        if interval_of(f).overlaps(exact(difference)) and any(w in said for w in words):
            extra = []
            for rel in relations_of(record, "product"):
                # the same count stated again where it is priced (该批411人 … 按600元/人)
                if Decimal(facts[rel["count"]]["value"]) == Decimal(f["value"]):
                    extra = [facts[rel["amount"]], facts[rel["rate"]]]
                    break
            return f, extra
    return None, []


@rule("repeat.conflict")
def check_repeat_conflict(record: dict) -> list:
    """The same quantity (same kind, unit, year and wording) stated with different values
    in two places. A gap that equals another stated quantity (清退411人) is attached as the
    explanation and lowers the severity to warning."""
    flags = []
    candidates = [f for f in record["facts"] if f["kind"] in ("headcount", "amount", "person_times", "households")
                  and f.get("range_high") is None and not _DASHES.fullmatch(f["text"].strip())
                  and not (f.get("written_unit") and (not f.get("subject") or _TOTAL_ROW.match(f["subject"])))]
    seen = set()
    intervals = [interval_of(f) for f in candidates]
    cores: dict = {}  # candidate index → its _cores, worked out when first needed
    for i, j in _pairs_alike(candidates):
        a, b = candidates[i], candidates[j]
        if a["source"]["block"] == b["source"]["block"] and (
                a["source"].get("table") is not None or a["source"].get("sentence") == b["source"].get("sentence")):
            continue  # one sentence, or one table: plan and actual side by side are not a repeat
        if intervals[i].overlaps(intervals[j]):
            continue
        for k in (i, j):
            if k not in cores:
                cores[k] = _cores(candidates[k])
        if not _same_quantity(a, b, cores[i], cores[j]):
            continue
        hi, lo = (a, b) if Decimal(a["value"]) > Decimal(b["value"]) else (b, a)
        key = (Decimal(hi["value"]), Decimal(lo["value"]), hi["kind"])
        if key in seen:
            continue
        seen.add(key)
        gap = Decimal(hi["value"]) - Decimal(lo["value"])
        reason, priced = _explain(gap, hi["kind"], hi["unit"], record, {hi["id"], lo["id"]})
        explanation = None
        evidence = [hi, lo] + _same_row_mentions(record, (hi, lo))
        if reason:
            why = f"（{reason['reason']}）" if reason.get("reason") and reason["reason"] not in reason["context"] else ""
            explanation = (f"文中说明：{reason['context']}{reason['text']}{why}，"
                           f"{show(hi['value'], hi)} − {reason['text']} = {lo['text']}")
            evidence.append(reason)
            if priced:
                amount, price = priced
                explanation += f"；{price['text']} × {reason['text']} = {amount['text']}"
                evidence += priced
        flags.append(make_flag(
            "warning" if reason or a.get("approx") or b.get("approx") else "error",
            f"同一指标两处数值不一致：{hi['text']}（{_where(hi)}），{lo['text']}（{_where(lo)}），差{show(gap, hi)}",
            hi["value"], lo["value"], gap, Decimal(0), evidence, explanation))
    return flags


def _pairs_alike(facts: list):
    """(i, j), i < j, in the order of itertools.combinations, of the facts with the same
    kind, unit and a year, the same year: only those can state the same quantity."""
    groups: dict = {}
    for i, f in enumerate(facts):
        if f.get("year") is not None:
            groups.setdefault((f["kind"], f["unit"], f["year"]), []).append(i)
    later = {}
    for members in groups.values():
        for n, i in enumerate(members):
            later[i] = members[n + 1:]
    for i in sorted(later):
        for j in later[i]:
            yield i, j


def _same_row_mentions(record: dict, pair: tuple) -> list:
    """Where one side is a table cell, the other value stated in the same row (目标1199人 |
    已完成（实际完成788人）) is evidence too: the auditor sees both cells in the row."""
    out = []
    for a, b in (pair, pair[::-1]):
        s = a["source"]
        if s.get("table") is None:
            continue
        for f in record["facts"]:
            t = f["source"]
            if (t.get("table"), t.get("row")) == (s["table"], s["row"]) and f["id"] not in (a["id"], b["id"]) \
                    and f["kind"] == b["kind"] and Decimal(f["value"]) == Decimal(b["value"]):
                out.append(f)
    return out


def _where(f: dict) -> str:
    s = f["source"]
    page = f"第{s['page']}页" if s.get("page") else ""
    if s.get("table") is not None:
        return f"{page}表格第{s['row'] + 1}行"
    return f"{page}正文"


@rule("claim.completion")
def check_claim_completion(record: dict) -> list:
    """A row that claims completion (已完成, 完成质量100%) while the actual it states is
    below its own target."""
    claims = _vocab()["completion_claims"]
    targets = regex.compile("|".join(_vocab()["target_words"]))
    actuals = regex.compile("|".join(_vocab()["actual_words"]))
    flags = []
    for table in record.get("tables", []):
        t = table["source"]["block"]
        grid = table["header"] + table["rows"]
        header = [" ".join(table["header"][h][c] for h in range(len(table["header"]))) for c in range(len(grid[0]))] \
            if table["header"] else [""] * len(grid[0])
        for r in range(table["header_rows"], len(grid)):
            row_text = "".join(grid[r])
            claim = next((c for c in claims if c in row_text), None)
            if claim is None:
                continue
            row_facts = [f for f in record["facts"] if f["source"].get("table") == t and f["source"].get("row") == r]
            target = [f for f in row_facts if targets.search(header[f["source"]["col"]]) and f["kind"] != "percent"]
            actual = [f for f in row_facts if f["kind"] != "percent" and
                      (actuals.search(f.get("context") or "") or actuals.search(header[f["source"]["col"]]))
                      and f not in target]
            for tg in target:
                for ac in actual:
                    if ac["kind"] != tg["kind"] or ac["unit"] != tg["unit"]:
                        continue
                    if interval_of(ac).high < interval_of(tg).low:
                        claim_facts = [f for f in row_facts if f["kind"] == "percent" and Decimal(f["value"]) == 100]
                        gap = Decimal(tg["value"]) - Decimal(ac["value"])
                        flags.append(make_flag(
                            "error",
                            f"声称“{claim}”，但实际完成{ac['text']}，低于目标{tg['text']}（差{show(gap, tg)}）",
                            tg["value"], ac["value"], gap, Decimal(0), [tg, ac] + claim_facts, claim=claim))
    return flags


# ---------------------------------------------------------------- scores

def _usual_bands() -> list:
    return [{"grade": g, "low": low, "high": high, "high_inclusive": False} for g, low, high in _checks()["grade_bands"]]


def _band(score: Decimal, bands: list) -> Optional[str]:
    """The band holding score. A band's top is its own only when no other band starts
    there (60-80分为合格 and 80-90分为良好 share 80; 80-89分 is 80 to 89 inclusive)."""
    starts = {b["low"] for b in bands if b["low"] is not None}
    for b in bands:
        low, high = b["low"], b["high"]
        if low is not None and score < Decimal(str(low)):
            continue
        if high is None or score < Decimal(str(high)) or (
                score == Decimal(str(high)) and b["high_inclusive"] and high not in starts):
            return b["grade"]
    return None


@rule("score.grade")
def check_score_grade(record: dict) -> list:
    """The stated grade against the band of the stated total score: the bands the report
    states for itself when it does, else the usual ones."""
    meta = record.get("metadata", {})
    score, grade = meta.get("score"), meta.get("grade")
    if score is None or not grade:
        return []
    stated = meta.get("grade_bands")
    expected = _band(Decimal(str(score)), stated or _usual_bands())
    aliases = _checks()["grade_aliases"]
    if expected is None or aliases.get(grade, grade) == aliases.get(expected, expected):
        return []
    src = record.get("metadata_sources", {})
    keys = ("score", "grade") + (("grade_bands",) if stated else ())
    evidence = [{"id": f"metadata.{k}", "source": src.get(k, {})} for k in keys]
    basis = "报告所列等级标准" if stated else "通常等级标准"
    flag = make_flag("error", f"等级与得分不符：按{basis}，得分{score}分对应“{expected}”，报告写“{grade}”",
                     grade, expected, None, None, evidence)
    return [flag]


@rule("rule.bracket")
def check_rule_bracket(record: dict) -> list:
    """A value scored under a bracket it does not fall in (10.12% … 按11-30%档得4分)."""
    facts = facts_by_id(record)
    flags = []
    for rel in relations_of(record, "bracket"):
        value, bracket = facts[rel["value"]], facts[rel["bracket"]]
        low, high = Decimal(bracket["value"]), Decimal(bracket["range_high"])
        v = interval_of(value)
        if v.high >= low and v.low <= high:
            continue
        evidence = [value, bracket] + ([facts[rel["score"]]] if rel.get("score") else [])
        score_text = f"，据此得{facts[rel['score']]['text']}" if rel.get("score") else ""
        flags.append(make_flag(
            "error", f"{rel['name']}为{value['text']}，不在所适用的{bracket['text']}档内{score_text}",
            value["value"], f"{low}-{high}", None, None, evidence))
    return flags


def _score_fact(value, source: dict, name: str) -> dict:
    """An indicator's score, shaped like a fact so tolerances and evidence work the same."""
    d = Decimal(str(value))
    return {"id": f"indicator:{name}", "value": d, "decimals": max(0, -d.as_tuple().exponent), "scale": 1,
            "unit": "分", "text": f"{d}分", "source": source or {}}


@rule("score.tree")
def check_score_tree(record: dict) -> list:
    """Indicator scores against their parents and the total; top-level weights sum to 100;
    no score above its weight. A gap the report explains by a row without a score is a
    warning that names that row."""
    indicators = record.get("indicators") or []
    if not indicators:
        return []
    flags = []
    explicit = {tuple(i["path"]): i for i in indicators if not i.get("total")}
    total_entry = next((i for i in indicators if i.get("total")), None)
    paths = list(explicit)
    children_of: dict = {}  # path → its direct children, in the indicators' order
    for q in paths:
        children_of.setdefault(q[:-1], []).append(q)
    inner = {q[:n] for q in paths for n in range(1, len(q))}  # every path above another
    leaves = [p for p in paths if p not in inner]

    for p, ind in explicit.items():
        if ind.get("score") is not None and ind.get("weight") is not None and Decimal(ind["score"]) > Decimal(ind["weight"]):
            fact = _score_fact(ind["score"], ind.get("source"), "›".join(p))
            flags.append(make_flag("error", f"指标得分超过分值：{'›'.join(p)} 得{ind['score']}分，分值{ind['weight']}分",
                                   ind["score"], ind["weight"], Decimal(ind["score"]) - Decimal(ind["weight"]), Decimal(0),
                                   [fact]))

    # parents with their own score against their children's scores
    for p, ind in explicit.items():
        children = children_of.get(p, [])
        if ind.get("score") is None or not children:
            continue
        flags += _sum_scores(ind["score"], ind.get("source"), "›".join(p), [explicit[q] for q in children])

    total = total_entry["score"] if total_entry else record.get("metadata", {}).get("score")
    summary = [i for i in indicators if i.get("summary") and not i.get("total")]
    if total is not None and summary:
        # the report's own summary line (投入绩效为13分，…，总绩效为94.9分) is what adds up
        src = total_entry.get("source") if total_entry else None
        flags += _sum_scores(total, src, "总分", summary)
    elif total is not None:
        tops = [p for p in paths if len(p) == 1]
        scored_tops = [explicit[p] for p in tops if explicit[p].get("score") is not None]
        parts = scored_tops if scored_tops and len(scored_tops) == len(tops) else [explicit[p] for p in leaves]
        src = total_entry.get("source") if total_entry else record.get("metadata_sources", {}).get("score")
        flags += _sum_scores(total, src, "总分", parts)

    weights = _top_weights(indicators)
    if weights and all(w is not None for w in weights.values()):
        s = sum(weights.values())
        if s != 100:
            evidence = [_score_fact(w, explicit_source(indicators, name), name) for name, w in weights.items()]
            flags.append(make_flag("error", f"一级指标分值合计{s}分，不是100分（"
                                   + "、".join(f"{n}{w}分" for n, w in weights.items()) + "）",
                                   s, 100, s - 100, Decimal(0), evidence))
    return flags


def explicit_source(indicators: list, top: str) -> dict:
    return next((i.get("source") or {} for i in indicators if i["path"] and i["path"][0] == top), {})


def _top_weights(indicators: list) -> dict:
    weights: dict = {}
    for i in indicators:
        if i.get("total") or not i["path"]:
            continue
        top = i["path"][0]
        w = (i.get("weights") or [None])[0] if i.get("weights") else (i.get("weight") if len(i["path"]) == 1 else None)
        if top not in weights or weights[top] is None:
            weights[top] = Decimal(w) if w is not None else None
    return weights


def _sum_scores(stated, source, name: str, parts: list) -> list:
    whole = _score_fact(stated, source, name)
    missing = [p for p in parts if p.get("score") is None]
    scored = [_score_fact(p["score"], p.get("source"), "›".join(p["path"])) for p in parts if p.get("score") is not None]
    if not scored:
        return []
    summed = _sum(scored)
    outcome, diff, tol = verdict(whole, summed)
    if outcome == "ok":
        return []
    message = f"{name}{stated}分与下级指标得分之和{_q(summed.mid, 2)}分不符，差{_q(abs(diff), 2)}分"
    explanation = None
    severity = SEVERITY[outcome]
    if missing:
        names = "、".join("›".join(m["path"]) + (f"（分值{m['weight']}分）" if m.get("weight") else "") for m in missing)
        room = sum(Decimal(m["weight"]) for m in missing if m.get("weight") is not None)
        explanation = f"有指标没有得分：{names}；差额{_q(abs(diff), 2)}分" + ("不超过其分值" if abs(diff) <= room else "")
        if abs(diff) <= room:
            severity = "warning"
    return [make_flag(severity, message, Decimal(str(stated)), _q(summed.mid, 4), _q(diff, 4), _q(tol, 4),
                      [whole] + scored, explanation)]


@rule("name.variant")
def check_name_variant(record: dict) -> list:
    """The same place spelled two ways (峄城区 / 峰城区 / 峯城)."""
    by_place: dict = {}
    for p in record.get("places", []):
        by_place.setdefault(p["canonical"], []).append(p)
    flags = []
    for canonical, mentions in by_place.items():
        variants = [m for m in mentions if m["variant"]]
        if not variants:
            continue
        spellings = list(dict.fromkeys([canonical] + [m["name"] for m in variants]))
        evidence = [{"id": f"place:{i}", "source": m["source"]} for i, m in
                    enumerate([m for m in mentions if not m["variant"]][:1] + variants)]
        flags.append(make_flag("warning", f"同一地名有不同写法：{' / '.join(spellings)}（行政区划代码{mentions[0]['admin_code']}）",
                               canonical, " / ".join(spellings[1:]), None, None, evidence,
                               canonical=canonical, spellings=spellings))
    return flags
