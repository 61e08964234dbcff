"""Rates defined by their operands: formulas the report states (预算控制率=(A÷B)×100%=10.12%)
and rates whose numerator and denominator the vocabulary names.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Optional

import regex

from ..sentences import SENTENCE_END, sentence_bounds
from .wording import QUOTES, list_start, relation_patterns, similarity, sorts_things, vocabulary

_FORMULA = regex.compile(
    r"(?P<name>[^，。；：:=]{2,30}?)\s*=\s*(?P<expr>[^=。；]{3,120}?)\s*=\s*(?P<value>-?\d+(?:\.\d+)?\s*%)")
_TOKEN = regex.compile(r"\s*(?:(?P<num>\d+(?:\.\d+)?%?)|(?P<op>[-+×÷*/()（）－])|(?P<name>[^-+×÷*/()（）－\d]+))")


def formulas_in(block, facts: list, earlier: list, year: Optional[int]) -> list:
    """Formulas the report states itself: 预算控制率=(本年预算追加数÷年初预算)×100%=10.12%."""
    out = []
    if block.text.count("=") < 2:
        return out  # a formula has two: name = expression = value (and the scan is slow)
    for m in _FORMULA.finditer(block.text):
        result = next((f for f in facts if f.kind == "percent" and f.source["start"] == m.start("value")), None)
        if result is None:
            continue
        tokens = [(t.lastgroup, t.group(t.lastgroup).strip()) for t in _TOKEN.finditer(m.group("expr"))]
        names = [v for k, v in tokens if k == "name" and QUOTES.sub("", v)]
        pool = [f for f in earlier + facts if f.source.get("start", 0) < m.start() or f in earlier]
        pool = [f for f in pool if f.id != result.id and f.range_high is None and f.kind not in ("count", "score")]
        if "100%" in m.group("expr"):  # (A÷B)×100%: A and B are amounts or counts, never rates
            pool = [f for f in pool if f.kind != "percent"]
        assignment = _assign(names, pool, year)
        if assignment is None:
            continue
        expression = []
        for k, v in tokens:
            if k == "name" and QUOTES.sub("", v):
                expression.append(assignment[v])
            elif k == "op":
                expression.append({"（": "(", "）": ")", "－": "-", "×": "*", "÷": "/"}.get(v, v))
            elif k == "num":
                expression.append(v)
        out.append({"type": "formula", "result": result.id, "expression": expression,
                    "name": QUOTES.sub("", m.group("name")).strip(), "formula": m.group(0),
                    "paragraph_figures": _paragraph_figures(pool, set(assignment.values()), block.index),
                    "source": {"block": block.index, "page": block.page}})
    return out


def _assign(names: list, pool: list, year: Optional[int]) -> Optional[dict]:
    """Match each name in a formula to the stated figure whose wording fits it best;
    本年度 / 上年度 also use the figure's year. Greedy over the best pairs first."""
    scored = []
    for name in set(names):
        for n, f in enumerate(pool):
            # ties go to the figure stated closest before the formula
            # the report's own words only: a vocabulary label (预算数 → 年初预算) is too coarse here
            s = similarity(name, f.context) + n * 1e-4
            if year and f.year:
                if "上年" in name:
                    s += 0.5 if f.year == year - 1 else -0.5
                elif "本年" in name:
                    s += 0.5 if f.year == year else -0.5
            scored.append((s, name, f))
    scored.sort(key=lambda x: -x[0])
    chosen: dict = {}
    used = set()
    for s, name, f in scored:
        if name in chosen or f.id in used or s < 0.5:
            continue
        chosen[name] = f.id
        used.add(f.id)
    return chosen if set(chosen) == set(names) else None


def rates_in(block, facts: list, earlier: list, in_formula: set, paragraph: list = None,
             other_part: frozenset = frozenset(), parts: list = (), looked_back: list = ()) -> list:
    """Stated rates with the figures of their paragraph that can be their numerator and
    denominator. `paragraph`: every figure of the paragraph, for the checker to try before it
    says no pair reproduces a rate (`facts` may leave some out as candidates). `other_part`:
    the ids of earlier figures a heading stands between: a budget or allocation
    stated there may be a rate's denominator, but what was spent is stated in the rate's own
    part (一、基本情况 下达资金5820万元 is no numerator of 二、… 执行率95.26%). `parts`: the
    figures a breakdown names as parts of a total, candidates only for a rate whose own clause
    states both a numerator and a denominator among them (其中中央资金预算960万元，执行720万元，
    执行率80%: that part's own rate)."""
    out, parts, looked_back = [], list(parts), list(looked_back)
    spec = vocabulary()["rates"]
    for f in facts:
        if f.kind != "percent" or f.label not in spec or f.id in in_formula or f.range_high is not None:
            continue
        if relation_patterns()["partial_period"].search(f.context or "") or _listed_of_part_of_year(block.text, f):
            continue  # 一季度末执行率24.6%: a rate of part of the year, not of the year's figures
        if sorts_things(block.text, f):
            continue  # 执行率低于90%的项目2个: a threshold, no rate stated
        if _rate_bounds().search(f.context or ""):
            continue  # 部门预算执行率≥90%: a goal, not what was done
        if _of_things(f):
            continue  # 服务券使用率96.5%: of vouchers, not of the money beside it
        lo, hi = sentence_bounds(block.text, f.source["start"], SENTENCE_END)
        if "|" in block.text[lo:hi]:
            continue  # a table's cells run into a line (| 预算数 | 执行数 | 执行率 | | 某补贴 | 232.00 | …): no sentence's figures
        pool = [g for g in earlier + facts if g.kind == "amount" and not g.approx
                and (g in earlier or g.source["start"] < f.source["start"])]
        if _one_of_several_own_rates(block.text, f, facts, spec) \
                or _one_of_several_parts_rates(block.text, f, facts, parts, looked_back + facts, spec):
            continue  # 省级到位1250万元，到位率100%；县级到位500万元，到位率80%: each over its own plan
        own_part = _part_clause(block.text, f, facts, parts, spec[f.label])
        if own_part is None or _an_items_rate(block.text, f, facts + parts):
            continue  # a part's rate, its own figures not stated
        group_start, group = _clause_group_before(block.text, f, facts)
        named, heading = (None, None) if own_part else (_part_named(f.context or ""), _part_at_its_head(group))
        if own_part:
            pool = own_part
        elif named is not None:
            # 项目支出执行率91.2%: a rate of that part, over that part's own amounts only
            pool = [g for g in pool if named in (g.context or "")]
        elif heading is not None:
            # (and a part its clause group names first: over that part's amounts and the group's own,
            # 市级配套资金应到位354.00万元，实际到位318.60万元，到位率…)
            pool = [g for g in pool if heading in (g.context or "")
                    or g.source.get("block") == block.index and g.source["start"] >= group_start]
        # (what was spent is stated after any earlier rate of its paragraph: where nothing spent is
        # stated since, a figure before that rate is its own — …兑付2,860万元，兑付率100%。…补助资金
        # 全年共（未列）万元，兑付率96% — and the rate has no numerator)
        after = max((g.source["start"] for g in facts if g.kind == "percent" and g.source["start"] < f.source["start"]),
                    default=-1)
        spent_since = any(g.kind == "amount" and g.label in spec[f.label]["numerator"] and g.source.get("block") == block.index
                          and after < g.source["start"] < f.source["start"] for g in paragraph or facts)
        num = [g.id for g in reversed(pool) if g.label in spec[f.label]["numerator"] and g.id not in other_part
               and (spent_since or g in earlier or g.source["start"] > after)]
        den = [g.id for g in reversed(pool) if g.label in spec[f.label]["denominator"]]
        if num and den:
            # (地方资金预算1106.75万元，执行1106.75万元，执行率100%, after the rate: that clause's
            # own figures, no reading of this rate)
            later_own = {g.id for r in facts if r.kind == "percent" and r.label == f.label
                         and r.source["start"] > f.source["start"]
                         for g in _own_amounts(block.text, r, paragraph or facts)
                         if g.source["start"] > f.source["end"]}
            out.append({"type": "ratio", "rate": f.id, "numerators": num[:3], "denominators": den[:3],
                        "paragraph_figures": [g.id for g in (paragraph or facts) if g.kind == "amount"
                                              and not g.approx and g.range_high is None
                                              and g.id not in later_own],
                        "source": {"block": block.index, "page": block.page}})
    return out


_CLAUSE_BREAK = regex.compile(r"[；;。]")


@lru_cache(maxsize=1)
def _rate_bounds() -> regex.Pattern:
    return regex.compile(vocabulary()["rate_bounds"])


def _listed_of_part_of_year(text: str, f) -> bool:
    """一、二、三季度末执行率分别为17.50%、45.00%、70.00%: a later item of a list whose clause
    names parts of the year is of a part of the year too."""
    start = list_start(text, f)
    if start == f.source["start"]:
        return False
    clause = _CLAUSE_BREAK.split(text[max(0, start - 30):start])[-1]
    return relation_patterns()["partial_period"].search(clause) is not None


def _of_things(rate) -> bool:
    """Do the words right before the rate's name make it a rate of things (服务券使用率)?"""
    context = rate.context or ""
    at = context.rfind(rate.label)
    return at > 0 and relation_patterns()["rate_of_things"].search(context, 0, at) is not None


def _part_named(words: str):
    """The part of the whole a rate's own words name (基本支出, 中央), if any."""
    return next((w for w in vocabulary()["rate_qualifiers"] if w in words), None)


def _own_amounts(text: str, rate, facts: list) -> list:
    """The amounts of the rate's own clause (since the last ；or 。) before it."""
    start = max((m.end() for m in _CLAUSE_BREAK.finditer(text, 0, rate.source["start"])), default=0)
    return [g for g in facts if g.kind == "amount" and start <= g.source["start"] < rate.source["start"]]


def _part_clause(text: str, rate, figures: list, parts: list, spec: dict):
    """A rate stated in a clause of its own about a part of a breakdown, with the part's own
    base (其中中央资金预算960万元，执行720万元，执行率80%), is that part's rate: the clause's
    figures (after any earlier rate) when they hold a numerator of the rate's label among the
    parts and a denominator; None when they hold the part's base only (其中：基本支出全年预算
    910.00万元，执行率99.19%: what the part spent is not stated there, and the total's spending is
    no numerator of it); else []."""
    after = max((g.source["end"] for g in figures if g.kind == "percent" and g.source["start"] < rate.source["start"]),
                default=0)
    own = [g for g in _own_amounts(text, rate, figures + parts) if g.source["start"] >= after and not g.approx]
    numerator = any(g.label in spec["numerator"] for g in own)
    if any(g in parts and g.label in spec["denominator"] for g in own) and not numerator:
        return None
    if any(g in parts and g.label in spec["numerator"] for g in own) and any(g.label in spec["denominator"] for g in own):
        return own
    return []


def _part_at_its_head(words: str):
    """The part a clause group names first, after its 其中 if it has one (其中：基本支出全年预算910.00万元，…；
    项目支出全年预算…), if one."""
    head = _after_list_head(words)
    return next((w for w in vocabulary()["rate_qualifiers"] if head.startswith(w)), None)


_LIST_HEAD = regex.compile(r"[\s，,；;：:]*(?:其中)?[\s：:，,]*")  # (其中：, or a clause break, before a part's name)


def _clause_group_before(text: str, rate, figures: list) -> tuple:
    """(where it starts, its words): the rate's clause group before it, after any earlier rate
    (其中：基本支出全年预算910.00万元，执行率: the part the rate is of is named at its head)."""
    start = max([m.end() for m in _CLAUSE_BREAK.finditer(text, 0, rate.source["start"])]
                + [g.source["end"] for g in figures if g.kind == "percent" and g.source["start"] < rate.source["start"]
                   and g.source.get("block") == rate.source.get("block")], default=0)
    return start, text[start:rate.source["start"]]


def _an_items_rate(text: str, rate, figures: list) -> bool:
    """Is the rate one of a list's items, after its sentence's 其中 (or 包括) with no amount
    between (其中：城乡低保资金执行率98.12%，特困供养资金执行率97.45%)? Each is its item's, over
    figures the text does not state; not the total's before the marker."""
    lo = sentence_bounds(text, rate.source["start"], SENTENCE_END)[0]
    marker = None
    for m in relation_patterns()["markers"].finditer(text, lo, rate.source["start"]):
        marker = m
    return marker is not None and not any(g.kind == "amount" and marker.end() <= g.source["start"] < rate.source["start"]
                                          and g.source.get("block") == rate.source.get("block") for g in figures)


def _one_of_several_parts_rates(text: str, rate, figures: list, parts: list, before: list, spec: dict) -> bool:
    """Is the rate one of two or more rates of its label each stated of a part of a breakdown
    (其中：公务用车支出14.52万元，完成预算的80.67%；公务接待费支出0.82万元，完成预算的10.25%),
    with no base of its own, in its clause or named with its part's name before (乙县下达
    1855.36万元 a paragraph up)? Each is over its part's own plan, which is not stated. (One such
    rate alone may be over the total's: 其中2022年度支出1275万元，年度执行率85%.)"""
    def own_parts(r) -> list:
        # (因公出国（境）费决算为0万元，完成预算的0%: a part its own words name otherwise counts too)
        return [g for g in _own_amounts(text, r, figures + parts) if g in parts]

    several = [r for r in figures if r.kind == "percent" and r.label == rate.label and own_parts(r)]
    if len(several) < 2 or rate not in several or _part_clause(text, rate, figures, parts, spec[rate.label]) != []:
        return False
    # (the part's name: its words' first two characters after the list's 其中, 乙县 of 其中：乙县支出…)
    names = {name for g in own_parts(rate) if _HAN_PAIR.fullmatch(name := _after_list_head(g.context or "")[:2])}
    return not any(name in (g.context or "") for g in before if g.label in spec[rate.label]["denominator"]
                   for name in names)


def _after_list_head(words: str) -> str:
    return words[_LIST_HEAD.match(words).end():]


_HAN_PAIR = regex.compile(r"\p{Han}{2}")


def _one_of_several_own_rates(text: str, rate, facts: list, spec: dict) -> bool:
    """Is the rate one of two or more rates of its label in the paragraph, each stated in a
    clause of its own with its own amount (by source, by county)? Their bases are each
    clause's own plan, which the paragraph does not state — unless the rate's clause states
    it (项目支出预算11860.00万元，执行率为98.12%: a denominator of its label)."""
    own = [g for g in facts if g.kind == "percent" and g.label == rate.label and _own_amounts(text, g, facts)]
    if len(own) < 2 or rate not in own:
        return False
    return not any(g.label in spec[rate.label]["denominator"] for g in _own_amounts(text, rate, facts))


def _paragraph_figures(pool: list, operands: set, block: int) -> list:
    """The figures a formula's operands could have been: those of the operands' kinds in
    the formula's paragraph and in the paragraphs its operands were stated in. The checker
    tries every pair of them before it says no reading reproduces the stated rate."""
    chosen = [f for f in pool if f.id in operands]
    kinds = {f.kind for f in chosen}
    blocks = {f.source["block"] for f in chosen} | {block}
    return [f.id for f in pool if f.kind in kinds and f.source["block"] in blocks and not f.approx]
