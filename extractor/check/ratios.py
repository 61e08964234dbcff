"""Stated rates against the figures they are computed from (ratio.stated): formulas the
report writes out, rates named by their label, and shares of a named total."""
from __future__ import annotations

from decimal import Decimal, InvalidOperation
from itertools import combinations, permutations
from typing import Optional

from . import rule
from ..measures import of_one_measure
from ..subjects import same_subject
from .common import (SEVERITY, facts_by_id, make_flag, relation_vocab, relations_of, rounded, sum_of, table_cells,
                     ten_thousand_apart, within_tenfold, written)
from .tolerance import Interval, exact, interval_of, percentage, points_interval, verdict


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
                     f"{what}与其分子分母不符：文中{written(rate)}，按所列数据计算为{rounded(computed.mid, 2)}%",
                     rate["value"], rounded(computed.mid, 4), rounded(diff, 4), rounded(tol, 4), evidence)


@rule("ratio.stated")
def check_ratio_stated(record: dict) -> list:
    """Stated rates against their numerator and denominator: formulas the report states
    (预算控制率＝追加÷年初预算), rates named by label (执行率 = 支出 ÷ 到位资金), rates of
    counts (参保率 = 实际参保 ÷ 应参保: relations marked `counts`), shares of a
    total (占总支出…), and growth computed against the wrong base. A percentage is compared
    with a percentage, and a rate that some pair of figures of its paragraph reproduces
    (支出 ÷ 调整后预算 where the label pointed at 全年预算) is consistent."""
    facts = facts_by_id(record)
    flags = []
    for rel in relations_of(record, "formula"):
        operands = [facts[t] for t in rel["expression"] if t in facts]
        value = _evaluate(rel["expression"], facts)
        if value is None or not operands:
            continue
        rate = facts[rel["result"]]
        readings = _percent_readings(value, rel["expression"], operands)
        if any(verdict(rate, v)[0] == "ok" for v in readings):
            continue
        if _is_one_division(rel["expression"], facts) and _some_pair_reproduces(rate, rel.get("paragraph_figures", []), facts):
            continue
        flag = _ratio_flag(rate, readings[0], [rate] + operands, rel["name"])
        if flag:
            flag["formula"] = rel["formula"]
            flags.append(flag)
    for rel in relations_of(record, "ratio"):
        rate = facts[rel["rate"]]
        # a rate said of one county, group or item is not of another's figures (山阳县…执行率100%
        # beside 柞水县支出590.46万元): those of no subject or of its own only
        pairs = [(facts[n], facts[d]) for n in rel["numerators"] for d in rel["denominators"]
                 if n != d and _subject_allows(rate, facts[n]) and _subject_allows(rate, facts[d])
                 and not _of_another_year(rate, facts[n], facts[d])]
        results = []
        for num, den in pairs:
            v = _percent_of(num, den)
            if v is not None:
                results.append((num, den, v))
        if not results or any(verdict(rate, v)[0] == "ok" for _, _, v in results):
            continue
        if _some_pair_reproduces(rate, rel["numerators"] + rel["denominators"] + rel.get("paragraph_figures", []), facts,
                                 _partial_sums(record)):
            continue
        if _a_figure_elsewhere_reproduces(rate, rel, facts) or _restates_a_table_row(rate, facts):
            continue
        # (the first reading of the rate's order of size: 2,180人 over 2,200人, not the 26,160人次
        # of the same clause over them)
        num, den, v = next((r for r in results if within_tenfold(rate, r[2])), results[0])
        if (rel.get("counts") or num["source"].get("block") != rate["source"].get("block")) and not within_tenfold(rate, v):
            # a numerator from another paragraph that misses by orders of magnitude is another
            # quantity's; so is a count that does (新增签约850人 is the year's flow, the 签约率 of all)
            continue
        if not any(within_tenfold(rate, r[2]) or ten_thousand_apart(Decimal(rate["value"]), r[2].mid) for r in results):
            continue  # so are figures that all miss so (贷款4860万元 over 贴息资金142.35万元 for a 使用率 of 97.50%)
        if rel.get("counts") and v.low > 100 >= Decimal(str(rate["value"])):
            # 参保人数21.3万人 over 领取待遇人员4.58万名: a count over a smaller count is no share of
            # it; the rate's base is not among the figures
            continue
        # (the message shows that reading: 执行数 ÷ 到位数, not ÷ the county's part of the 到位数
        # the sentence also names: 1824%)
        flag = _ratio_flag(rate, v, [rate, num, den], rate.get("label") or "比率")
        if flag:
            flags.append(flag)
    flags += _table_row_rates(record, facts)
    in_order = list(facts.values())  # (the text's order)
    order = {f["id"]: k for k, f in enumerate(in_order)}
    for rel in relations_of(record, "share"):
        rate, part = facts[rel["rate"]], facts[rel["part"]]
        results = []
        for w in rel["wholes"]:
            between = in_order[order[w] + 1:order[rel["part"]]]
            if any(_share_of(f, facts[w], rel["name"]) for f in between):
                continue  # (a figure stated as a share of the named whole itself is a part of it)
            v = _percent_of(part, facts[w])
            # a figure a small fraction of the part is no whole of it (4210.50万元 of 51.80万元 for
            # 60.18%): the wording named another quantity; but 10⁴ apart is 元 written for 万元
            if v is not None and _may_be_the_whole(rate, v):
                results.append((facts[w], v))
        if not results or any(verdict(rate, v)[0] == "ok" for _, v in results):
            continue  # some figure the wording names as the total fits
        if any(_two_shares_fit(rate, part, facts[w]) for w in rel["wholes"]):
            # 补贴资金418.5万元；农户自缴25%，计139.5万元: the two are the whole's two shares; 总投资
            # 1,771万元，除财政补助外自筹851万元，财政补助占总投资的51.95%: the rate is the rest's
            continue
        if _some_whole_of_its_paragraph(rate, part, facts, {facts[w]["source"].get("block") for w in rel["wholes"]}):
            continue  # 占政府采购合同总额的87.13%: the whole may be a figure named otherwise (实际采购金额)
        if _a_figure_elsewhere_reproduces(rate, {"numerators": [rel["part"]]}, facts):
            continue  # the whole stated in a table or paragraph above (合计 6996.00 of 衔接资金)
        whole, v = results[-1]
        flag = _ratio_flag(rate, v, [rate, part, whole], f"占{rel['name']}比例")
        if flag:
            flags.append(flag)
    return flags


def _share_of(rate: dict, figure: dict, name: str) -> bool:
    """Is `rate`, a fact after `figure` and before a share's part in its sentence, the figure's
    share of the whole `name` names (资金共计18436.5万元，超出计划1.9%，占结题项目的22%，其中拨款
    2168.4万元，占结题项目的7%: the 18436.5 is a part of the 结题项目's whole, not that whole)?"""
    return rate["kind"] == "percent" and rate["source"].get("block") == figure["source"].get("block") \
        and rate["source"].get("sentence") == figure["source"].get("sentence") \
        and (rate.get("context") or "").startswith(f"占{name}")


def _table_row_rates(record: dict, facts: dict) -> list:
    """A table row's stated rate (执行率) against its own row's figures named by the rate's
    numerator and denominator labels (支出 ÷ 年初预算 …: patterns/relations.json rates), as in
    a list of projects each with 预算数 | 执行数 | 执行率. Flagged only when no pair of the row's
    figures reproduces it. (Forms are the form rules': their cells are not read here.)"""
    rates = {**relation_vocab()["rates"], **relation_vocab()["row_rates"]}
    rows: dict = {}
    for (table, row, _), f in table_cells(record).items():
        if not f.get("form"):
            rows.setdefault((table, row), []).append(f)
    flags = []
    for cells in rows.values():
        for rate in (f for f in cells if f["kind"] == "percent" and f.get("label") in rates):
            spec = rates[rate["label"]]
            nums = [f for f in cells if f["kind"] == "amount" and f.get("label") in spec["numerator"]]
            dens = [f for f in cells if f["kind"] == "amount" and f.get("label") in spec["denominator"]]
            if len(nums) != 1 or not dens or Decimal(str(rate["value"])) <= 0:
                continue
            results = [(d, v) for d in dens if (v := _percent_of(nums[0], d)) is not None]
            if not results or any(verdict(rate, v)[0] == "ok" for _, v in results):
                continue
            if _some_pair_reproduces(rate, [f["id"] for f in cells if f["kind"] == "amount"], facts):
                continue
            # (the reading nearest the stated rate is the one shown: ÷ 调整预算 88.89%, not ÷ 年初预算 126.88%)
            den, v = min(results, key=lambda r: abs(r[1].mid - Decimal(str(rate["value"]))))
            if not within_tenfold(rate, v):
                continue  # a figure of the row misread, not the table's arithmetic
            flag = _ratio_flag(rate, v, [rate, nums[0], den], rate["label"])
            if flag:
                flags.append(flag)
    return flags


def _may_be_the_whole(rate: dict, share: Interval) -> bool:
    """May a figure that gives the part this share be its whole? Not one a small fraction of
    the part (4210.50万元 of 51.80万元 for 60.18%), unless 10⁴ apart (元 written for 万元)."""
    stated = Decimal(str(rate["value"]))
    return share.high < 100 or within_tenfold(rate, share) or (
        stated > 0 and share.mid > 0 and ten_thousand_apart(share.mid, stated))


def _a_figure_elsewhere_reproduces(rate: dict, rel: dict, facts: dict) -> bool:
    """Does a numerator of the rate's own paragraph over some figure of its kind and unit
    anywhere in the report (the total in a table two paragraphs up: 全市累计支出14985.36万元，
    执行率95.47% of the table's 全市 15696.00) reproduce it, to the digits written? Then the
    wording only pointed at the wrong neighbour (the last county's 下达资金 before it)."""
    block = rate["source"].get("block")
    for n in rel["numerators"] + _own_figure(rate, rel, facts):
        num = facts[n]
        if num["source"].get("block") != block:
            continue  # (a figure of another paragraph over any other reproduces too much)
        for g in facts.values():
            # (not a figure written about, 175万人以上: it reads any rate near its own)
            if g is not num and (g["kind"], g["unit"]) == (num["kind"], num["unit"]) and not g.get("approx") \
                    and _reads(rate, _operand(num), _operand(g)):
                return True
    return False


def _restates_a_table_row(rate: dict, facts: dict) -> bool:
    """Is the rate, written as it is, a rate cell of a table row whose own figures reproduce it
    (渔业发展补助资金执行率为81.94% under a table of the projects, its row 81.94 beside its
    budget and spending)? The sentence restates that row; the figures of the paragraphs around
    it are another item's."""
    for cell in facts.values():
        where = cell["source"]
        if cell is rate or where.get("table") is None or cell["kind"] != "percent" \
                or Decimal(str(cell["value"])) != Decimal(str(rate["value"])):
            continue
        row = [f["id"] for f in facts.values() if f["kind"] == "amount"
               and (f["source"].get("table"), f["source"].get("row")) == (where.get("table"), where.get("row"))]
        if _some_pair_reproduces(cell, row, facts):
            return True
    return False


def _own_figure(rate: dict, rel: dict, facts: dict) -> list:
    """The figure the rate is said of: the last of its paragraph's figures before it, with no
    other rate between them (枫林县支出18210.35万元，执行率98.15%, where each county's 下达 is
    stated a paragraph up)."""
    block, start = rate["source"].get("block"), rate["source"]["start"]
    before = [facts[i] for i in rel.get("paragraph_figures", []) if facts[i]["source"].get("block") == block
              and facts[i]["source"]["start"] < start]
    if not before:
        return []
    own = max(before, key=lambda f: f["source"]["start"])
    between = [f for f in facts.values() if f["kind"] == "percent" and f["source"].get("block") == block
               and own["source"]["start"] < f["source"]["start"] < start]
    return [] if between else [own["id"]]


def _subject_allows(rate: dict, figure: dict) -> bool:
    a, b = rate.get("subject"), figure.get("subject")
    return not a or not b or same_subject(a, b)


def _of_another_year(rate: dict, num: dict, den: dict) -> bool:
    """Are both figures of one year and the rate of another (2017年执行率91.2% beside 2018年
    预算 and 支出)?"""
    years = {num.get("year"), den.get("year")}
    return rate.get("year") is not None and None not in years and len(years) == 1 and rate["year"] not in years


def _some_whole_of_its_paragraph(rate: dict, part: dict, facts: dict, whole_blocks: set) -> bool:
    """Does a figure stated just before the rate (the part, or another of its clause: 726户
    beside 2,468人), one its subject names, or the part with the figures listed right before it
    (862人、74人，合计占…), over some other figure of its kind and unit in the paragraph (or where
    the wording found its whole) give the rate? The whole may be named otherwise
    (占政府采购合同总额 for the 实际采购金额)."""
    block = part["source"].get("block")
    before = sorted((g for g in facts.values() if g["source"].get("block") == block
                     and g["source"]["start"] < rate["source"]["start"]), key=lambda g: g["source"]["start"])
    near = [g for g in before if g["source"]["start"] >= part["source"]["start"] - _NEAR]
    # …，县级配套100万元；中央资金占项目资金的70%: the figure its subject's words name
    subject = (rate.get("context") or "").split("占")[0].strip()
    named = [g for g in before if len(subject) >= 2 and subject in (g.get("context") or "")]
    readings = [[g] for g in near + named]
    same = [g for g in before if (g["kind"], g["unit"]) == (part["kind"], part["unit"])]
    if part in same:
        end = same.index(part) + 1
        readings += [same[end - n:end] for n in range(2, min(4, end) + 1)]
    for reading in readings:
        amount, first = sum_of(reading), reading[0]
        for g in facts.values():
            if (g["kind"], g["unit"]) != (first["kind"], first["unit"]) \
                    or g["source"].get("block") not in whole_blocks | {block} or any(g is r for r in reading):
                continue
            if _reads(rate, amount, interval_of(g)):
                return True
    return False


_NEAR = 30  # characters before a share's part that may hold the figures it is stated of


def _two_shares_fit(rate: dict, part: dict, figure: dict) -> bool:
    """Is the rate the part's share of itself plus the figure (the whole's other share), or,
    the figure being the whole, the share of what it holds besides the part?"""
    if part["unit"] != figure["unit"]:
        return False
    p, f = interval_of(part), interval_of(figure)
    return _reads(rate, p, p + f) or _reads(rate, f - p, f)


def _reads(rate: dict, num: Interval, den: Interval) -> bool:
    """Does num ÷ den, as a percentage, read the stated rate?"""
    v = percentage(num, den)
    return v is not None and verdict(rate, v)[0] == "ok"


def _percent_of(num: dict, den: dict) -> Optional[Interval]:
    return percentage(_operand(num), _operand(den))


def _operand(fact: dict) -> Interval:
    """A figure as a rate's numerator or denominator: whole points (得分21分 of 分值25分) are
    set, not rounded (see tolerance.points_interval); anything else stands for its interval."""
    return points_interval(fact) if fact["kind"] == "score" else interval_of(fact)


def _percent_readings(value: Interval, expression: list, operands: list) -> list:
    """A formula's value as a percentage, the likelier reading first: as it stands when its
    operands are percentages or the formula multiplies by 100 itself (…÷到位资金×100), else
    the fraction × 100. The other reading follows: a stated 95% and a worked-out 0.95 are
    one rate."""
    as_is = all(f["kind"] == "percent" for f in operands) or _multiplies_by_hundred(expression)
    scaled = value.scaled(Decimal(100))
    return [value, scaled] if as_is else [scaled, value]


def _multiplies_by_hundred(expression: list) -> bool:
    """×100 written as a plain number (not 100%, which _evaluate reads as 1)."""
    return any(tok == "100" and "*" in (expression[i - 1] if i else "", expression[i + 1] if i + 1 < len(expression) else "")
               for i, tok in enumerate(expression))


def _is_one_division(expression: list, facts: dict) -> bool:
    """A ÷ B (× 100%): the formula's figures are one numerator and one denominator."""
    figures = [t for t in expression if t in facts]
    return len(figures) == 2 and "/" in expression and not {"+", "-"} & set(expression)


def _partial_sums(record: dict) -> set:
    """Pairs of parts of a breakdown of three or more parts: their sum is no quantity the
    report names (中央750万元、省级300万元、县级200万元 of 1250万元)."""
    return {frozenset((a, b)) for r in relations_of(record, "breakdown") if len(r["parts"]) >= 3
            for a, b in combinations(r["parts"], 2)}


def _some_pair_reproduces(rate: dict, ids: list, facts: dict, partial_sums: set = frozenset()) -> bool:
    """Does any numerator ÷ denominator of the figures (of one kind, amount by amount)
    reproduce the stated rate?"""
    figures = [facts[i] for i in dict.fromkeys(ids) if i in facts]
    for num, den in permutations(figures, 2):
        if not of_one_measure(num, den):
            continue
        if _reads(rate, _operand(num), _operand(den)):
            return True
    # over a budget and what was added to it (年初预算2000万元，年中追加500万元，支出2375万元，执行率95%),
    # or two parts' sum over their whole (省级到位1250万元、县级到位500万元，总体到位率93.33%)
    if len(figures) <= _MAX_FIGURES_FOR_SUMS:
        for x, a, b in permutations(figures, 3):
            if a["id"] < b["id"] and x["kind"] == a["kind"] == b["kind"] and x["unit"] == a["unit"] == b["unit"] \
                    and frozenset((a["id"], b["id"])) not in partial_sums:
                both = interval_of(a) + interval_of(b)
                over_sum, sum_over = percentage(interval_of(x), both), percentage(both, interval_of(x))
                if over_sum is None or sum_over is None:
                    continue
                if verdict(rate, over_sum)[0] == "ok" or verdict(rate, sum_over)[0] == "ok":
                    return True
    return False


_MAX_FIGURES_FOR_SUMS = 12  # a paragraph's amounts; the triples stay a few thousand
