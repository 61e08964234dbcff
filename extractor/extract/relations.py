"""Relations between facts that the report's wording states: which figures are parts of
which total (其中 / 包括), which rate is defined by which formula or numerator and
denominator, which figure is a change on last year, which amount is a unit price times
a count, which value was scored under which bracket.

This is extraction, not checking: relations only name facts. The checker decides whether
the arithmetic holds. Vocabularies live in patterns/relations.json.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Optional

import regex

from ..document_caches import document_cache
from ..model import TABLE, Document
from ..patterns import load_json
from .sentences import sentence_bounds, sentence_index, sentence_spans

_QUOTES = regex.compile(r"[“”\"「」‘’（）()\s]")
_FORMULA = regex.compile(
    r"(?P<name>[^，。；：:=]{2,30}?)\s*=\s*(?P<expr>[^=。；]{3,120}?)\s*=\s*(?P<value>-?\d+(?:\.\d+)?\s*%)")
_TOKEN = regex.compile(r"\s*(?:(?P<num>\d+(?:\.\d+)?%?)|(?P<op>[-+×÷*/()（）－])|(?P<name>[^-+×÷*/()（）－\d]+))")


@lru_cache(maxsize=1)
def _vocab() -> dict:
    return load_json("relations.json")


@lru_cache(maxsize=1)
def _patterns() -> dict:
    """The relation vocabulary compiled once per process."""
    v = _vocab()
    markers = "|".join(map(regex.escape, v["breakdown_markers"] + v["complete_markers"]))
    return {
        "markers": regex.compile(rf"(?:{markers})[：:，,]?"),
        "share_suffix": regex.compile(v["share_suffix"]),
        "rate_amount_joiner": regex.compile(v["rate_amount_joiners"]),
        "previous_year": regex.compile("|".join(v["previous_year_words"])),
        "change_words": regex.compile("|".join(list(v["change_words"]) + v["previous_year_words"])),
        "bracket": regex.compile(v["bracket_pattern"]),
        "sum_words": regex.compile(r"共计|合计|共|总计|累计"),
        "close": regex.compile(r"[）)]"),
    }


@document_cache(maxsize=4096)  # a figure's wording is compared with every name near it
def _bigrams(text: str) -> frozenset:
    t = _QUOTES.sub("", text)
    return frozenset(t[i:i + 2] for i in range(len(t) - 1))


def _similarity(a: str, b: str) -> float:
    x, y = _bigrams(a), _bigrams(b)
    return len(x & y) / len(x) if x else 0.0


def extract_relations(doc: Document, facts: list, year: Optional[int] = None) -> list:
    by_block: dict = {}
    for f in facts:
        if f.source.get("table") is None:
            by_block.setdefault(f.source["block"], []).append(f)
    relations = []
    blocks = [b for b in doc.blocks if b.kind != TABLE]
    for n, block in enumerate(blocks):
        bf = sorted(by_block.get(block.index, []), key=lambda f: f.source["start"])
        if not bf:
            continue
        spans = sentence_spans(block.text)
        earlier = [f for b in blocks[max(0, n - 6):n] for f in by_block.get(b.index, [])]
        relations += _breakdowns(block, bf, spans)
        formulas = _formulas(block, bf, earlier, year)
        relations += formulas
        in_formula = {r["result"] for r in formulas}
        # a rate stated after a breakdown is of the total: its parts, which share the
        # total's label, are not candidate numerators or denominators
        parts = {p for r in relations if r["type"] == "breakdown" for p in r["parts"]}
        relations += _rates(block, [f for f in bf if f.id not in parts], [f for f in earlier if f.id not in parts][-3:],
                            in_formula | {f.id for f in bf if any(r["name"] in f.context for r in formulas)})
        relations += _shares(block, bf, spans, earlier)
        relations += _rate_amounts(block, bf, spans)
        relations += _changes(block, bf, spans, earlier)
        relations += _products(block, bf, spans, earlier)
        relations += _brackets(block, bf, relations)
    relations += _labelled_breakdowns(facts)
    for i, r in enumerate(relations, 1):
        r["id"] = f"rel{i}"
    return relations


def _labelled_breakdowns(facts: list) -> list:
    """Breakdowns written as a total line and its 其中 lines, each figure's unit in its
    label (labelled_values.py marks them)."""
    groups: dict = {}
    for f in facts:
        mark = f.extra.get("label_breakdown")
        if mark:
            groups.setdefault(mark["id"], []).append((mark["role"], f))
    out = []
    for members in groups.values():
        total = next((f for role, f in members if role == "total"), None)
        if total is None:
            continue
        out.append({"type": "breakdown", "total": total.id, "parts": [f.id for role, f in members if role == "part"],
                    "marker": "其中", "complete": False,
                    "source": {"block": total.source["block"], "page": total.source.get("page")}})
    return out


def _breakdowns(block, facts: list, spans: list) -> list:
    """Totals and their parts. A marker's scope runs to the end of its sentence, or to
    the closing bracket when the marker sits in brackets (总额1.5万元（其中…1.5万元）), or to
    the next marker; a second marker in one sentence (其中 A…，包括 A1、A2；B) opens a
    sub-list, scoped to its clause group, whose total is the figure its wording names."""
    out = []
    text = block.text
    found = list(_patterns()["markers"].finditer(text))
    for k, m in enumerate(found):
        si = sentence_index(spans, m.start())
        s_start, s_end = spans[si]
        end = s_end
        if m.start() > 0 and text[m.start() - 1] in "（(":
            close = _patterns()["close"].search(text, m.end())
            end = min(end, close.start()) if close else end
        nested = k > 0 and found[k - 1].start() >= s_start
        if k + 1 < len(found) and found[k + 1].start() < end:
            end = found[k + 1].start()
        after = [f for f in facts if m.end() <= f.source["start"] < end]
        before = [f for f in facts if s_start <= f.source["start"] < m.start()]
        # "…64226人次。其中住院…": the total closes an earlier sentence
        opens_sentence = not before and si > 0 and m.start() - s_start <= 1
        # the clause group leading to the marker names the sub-list's total
        lead_in = text[sentence_bounds(text, m.start())[0]:m.start()]
        for kind in ("amount", "headcount", "person_times", "households", "count"):
            of_kind = [f for f in after if f.kind == kind]
            if not of_kind:
                continue
            # a list of changes breaks down a change (比上年增加…，其中人员经费增加…); else
            # a change on last year is neither the total nor a part: it is said of the figure before it
            changes = _is_change(of_kind[0])
            totals = [f for f in before if f.kind == kind and not f.approx and _is_change(f) == changes]
            if opens_sentence:
                totals = _total_before(facts, spans, si, kind, changes)
            if not totals:
                continue
            total = totals[-1]
            if nested and len(totals) > 1:
                total = max(reversed(totals), key=lambda f: _similarity(f.context, lead_in))
                if _similarity(total.context, lead_in) == 0:
                    continue  # the wording does not say which figure the sub-list breaks down
            parts = _list_parts(total, of_kind, changes, text)
            if not parts:
                continue
            out.append({"type": "breakdown", "total": total.id, "parts": [f.id for f in parts],
                        "marker": m.group(0).rstrip("：:，,"),
                        "complete": m.group(0).startswith(tuple(_vocab()["complete_markers"])),
                        "source": {"block": block.index, "page": block.page}})
    return out


def _is_change(f) -> bool:
    """A change on last year (同比上年度增加189.25万元), by its label or its words."""
    if f.label in _vocab()["breakdown"]["change_labels"]:
        return True
    return bool(_patterns()["previous_year"].search(f.context)) and any(w in f.context for w in _vocab()["change_words"])


def _total_before(facts: list, spans: list, si: int, kind: str, changes: bool) -> list:
    """The candidate totals of a marker that opens sentence si: the figures of the kind in
    the sentence before it, or — when that sentence only says how a figure changed on
    last year (收入792.22万元。同比增加189.25万元。其中…) — in the one before that."""
    for back in range(si - 1, max(-1, si - 1 - _vocab()["breakdown"]["sentences_back"]), -1):
        lo, hi = spans[back]
        in_sentence = [f for f in facts if lo <= f.source["start"] < hi and f.kind == kind]
        totals = [f for f in in_sentence if not f.approx and _is_change(f) == changes]
        if totals or not all(_is_change(f) for f in in_sentence):
            return totals
    return []


_CLAUSE_BREAK = regex.compile(r"[，,；;]")


def _opens_other_statement(text: str, after: int, start: int, enders: tuple) -> bool:
    """Does the clause that leads to the figure at `start` open with a word that starts
    another statement (…其中管理费1.07万元，目前已拨付106.36万元)?"""
    gap = text[after:start]
    breaks = list(_CLAUSE_BREAK.finditer(gap))
    return bool(breaks) and gap[breaks[-1].end():].lstrip().startswith(enders)


def _list_parts(total, figures: list, changes: bool, text: str = "") -> list:
    """The parts a marker lists: its figures of the total's kind up to the first that is
    another quantity (收入 … 其中财政拨款收入…，全年支出…: the 支出 is no part of the 收入),
    without the changes on last year said of a part (…，同比增加209.28万元)."""
    families = _vocab()["breakdown"]["label_families"]
    family = families.get(total.label)  # else the first part's says what the list lists
    parts = []
    enders = tuple(_vocab()["breakdown"]["list_enders"])
    for f in figures:
        if _is_change(f) != changes:
            continue
        if parts and _opens_other_statement(text, parts[-1].source["end"], f.source["start"], enders):
            break
        other = families.get(f.label)
        if family and other and other != family:
            break
        family = family or other
        parts.append(f)
    return parts


def _formulas(block, facts: list, earlier: list, year: Optional[int]) -> list:
    """Formulas the report states itself: 预算控制率=(本年预算追加数÷年初预算)×100%=10.12%."""
    out = []
    if block.text.count("=") < 2:
        return out  # a formula has two: name = expression = value (and the scan is slow)
    for m in _FORMULA.finditer(block.text):
        result = next((f for f in facts if f.kind == "percent" and f.source["start"] == m.start("value")), None)
        if result is None:
            continue
        tokens = [(t.lastgroup, t.group(t.lastgroup).strip()) for t in _TOKEN.finditer(m.group("expr"))]
        names = [v for k, v in tokens if k == "name" and _QUOTES.sub("", v)]
        pool = [f for f in earlier + facts if f.source.get("start", 0) < m.start() or f in earlier]
        pool = [f for f in pool if f.id != result.id and f.range_high is None and f.kind not in ("count", "score")]
        if "100%" in m.group("expr"):  # (A÷B)×100%: A and B are amounts or counts, never rates
            pool = [f for f in pool if f.kind != "percent"]
        assignment = _assign(names, pool, year)
        if assignment is None:
            continue
        expression = []
        for k, v in tokens:
            if k == "name" and _QUOTES.sub("", v):
                expression.append(assignment[v])
            elif k == "op":
                expression.append({"（": "(", "）": ")", "－": "-", "×": "*", "÷": "/"}.get(v, v))
            elif k == "num":
                expression.append(v)
        out.append({"type": "formula", "result": result.id, "expression": expression,
                    "name": _QUOTES.sub("", m.group("name")).strip(), "formula": m.group(0),
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
            s = _similarity(name, f.context) + n * 1e-4
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


def _rates(block, facts: list, earlier: list, in_formula: set) -> list:
    out = []
    spec = _vocab()["rates"]
    for f in facts:
        if f.kind != "percent" or f.label not in spec or f.id in in_formula or f.range_high is not None:
            continue
        pool = [g for g in earlier + facts if g.kind == "amount" and not g.approx
                and (g in earlier or g.source["start"] < f.source["start"])]
        num = [g.id for g in reversed(pool) if g.label in spec[f.label]["numerator"]]
        den = [g.id for g in reversed(pool) if g.label in spec[f.label]["denominator"]]
        if num and den:
            out.append({"type": "ratio", "rate": f.id, "numerators": num[:3], "denominators": den[:3],
                        "paragraph_figures": [g.id for g in facts if g.kind == "amount" and not g.approx
                                              and g.range_high is None],
                        "source": {"block": block.index, "page": block.page}})
    return out


def _paragraph_figures(pool: list, operands: set, block: int) -> list:
    """The figures a formula's operands could have been: those of the operands' kinds in
    the formula's paragraph and in the paragraphs its operands were stated in. The checker
    tries every pair of them before it says no reading reproduces the stated rate."""
    chosen = [f for f in pool if f.id in operands]
    kinds = {f.kind for f in chosen}
    blocks = {f.source["block"] for f in chosen} | {block}
    return [f.id for f in pool if f.kind in kinds and f.source["block"] in blocks and not f.approx]


def _shares(block, facts: list, spans: list, earlier: list) -> list:
    """占总支出比率为12.05%: the share of the figure before it in the total that 占 names.
    Every earlier figure whose wording names that total is a candidate denominator."""
    out = []
    suffix = _patterns()["share_suffix"]
    for i, f in enumerate(facts):
        if f.kind != "percent" or "占" not in f.context:
            continue
        whole_name = suffix.sub("", f.context.rsplit("占", 1)[1])
        sentence = sentence_index(spans, f.source["start"])
        before = [g for g in facts[:i] if g.kind in ("amount", "headcount", "person_times", "count")
                  and sentence_index(spans, g.source["start"]) == sentence]
        if not before or len(whole_name) < 2:
            continue
        part = before[-1]
        pool = [g for g in earlier + facts[:i] if g.kind == part.kind and g.id != part.id and not g.approx]
        if part.kind == "count":
            # 35个项目…占评定项目的85.36%: a count of the same things (项目数), no smaller,
            # stated before the rate's sentence (not a sibling of its list)
            noun = (part.label or "").removesuffix("数")
            if len(noun) < 2 or noun not in whole_name:
                continue
            wholes = [g for g in pool if g.label == part.label and g.value >= part.value
                      and (g.source["block"] != block.index or sentence_index(spans, g.source["start"]) < sentence)]
        else:
            wholes = [g for g in pool if _similarity(whole_name, g.context + (g.label or "")) >= 0.5]
        if wholes:
            out.append({"type": "share", "rate": f.id, "part": part.id, "wholes": [g.id for g in wholes],
                        "name": whole_name, "source": {"block": block.index, "page": block.page}})
    return out


def _rate_amounts(block, facts: list, spans: list) -> list:
    """总保费1293.45万元，中央补贴47.5%为614.39万元: a rate and the amount it comes to, a share
    of an amount stated before them in the sentence (any of which may be the whole; an
    amount that is itself such a share is not). A rate of change (增长12%为…) is not a share."""
    joiner = _patterns()["rate_amount_joiner"]
    changes = tuple(_vocab()["change_words"])
    out, shares = [], set()
    for rate, part in zip(facts, facts[1:]):
        if (rate.kind != "percent" or part.kind != "amount" or part.approx
                or not joiner.match(block.text[rate.source["end"]:part.source["start"]])
                or any(w in rate.context for w in changes)):
            continue
        sentence = sentence_index(spans, rate.source["start"])
        wholes = [f for f in facts if f.kind == "amount" and f.source["start"] < rate.source["start"]
                  and f.id not in shares and not f.approx and sentence_index(spans, f.source["start"]) == sentence
                  and not _may_be_a_share(block.text, f.source["start"])]
        shares.add(part.id)
        if wholes:
            out.append({"type": "share", "rate": rate.id, "part": part.id, "wholes": [f.id for f in wholes],
                        "name": wholes[-1].label or "总额", "source": {"block": block.index, "page": block.page}})
    return out


def _may_be_a_share(text: str, start: int) -> bool:
    """An amount that opens its block (the sentence began on the page before: 补贴50%为 |
    793.32万元) or follows 为/计 may itself be a share whose rate this block does not hold."""
    before = text[:start].rstrip()
    return not regex.search(r"\p{Han}", before) or regex.search(r"(?:为|计|即)$", before) is not None


def _changes(block, facts: list, spans: list, earlier: list) -> list:
    out = []
    words = _vocab()["change_words"]
    prev_words = _patterns()["previous_year"]
    for i, f in enumerate(facts):
        if f.kind not in ("amount", "headcount", "person_times") or not prev_words.search(f.context):
            continue
        direction = next((d for w, d in words.items() if w in f.context), None)
        if direction is None:
            continue
        si = sentence_index(spans, f.source["start"])
        nearby = [g for g in facts[:i] if g.kind == f.kind and sentence_index(spans, g.source["start"]) >= si - 1]
        if not nearby:
            nearby = [g for g in earlier[-4:] if g.kind == f.kind]
        core = _patterns()["change_words"].sub("", f.context)
        current = previous = None
        years = [g.year for g in nearby if g.year]
        if len(set(years)) >= 2:
            top = max(years)
            current = next((g for g in reversed(nearby) if g.year == top), None)
            previous = next((g for g in reversed(nearby) if g.year == top - 1), None)
        elif nearby:
            current = max(nearby, key=lambda g: (_similarity(core, g.context), g.source.get("start", 0)))
        rate = next((g for g in facts[i + 1:] if g.kind == "percent"
                     and sentence_index(spans, g.source["start"]) == si), None)
        out.append({"type": "change", "change": f.id, "direction": direction,
                    "current": current.id if current else None, "previous": previous.id if previous else None,
                    "rate": rate.id if rate else None, "source": {"block": block.index, "page": block.page}})
    return out


def _products(block, facts: list, spans: list, earlier: list) -> list:
    """按600元/人兜底，共计退回246,600.00元 with 411人 before it: price × count = amount."""
    out = []
    for i, f in enumerate(facts):
        if f.kind != "money_rate":
            continue
        si = sentence_index(spans, f.source["start"])
        amount = next((g for g in facts[i + 1:] if g.kind == "amount" and sentence_index(spans, g.source["start"]) == si
                       and _patterns()["sum_words"].search(g.context)), None)
        count = next((g for g in reversed(facts[:i]) if g.kind in ("headcount", "person_times")
                      and sentence_index(spans, g.source["start"]) >= si - 1), None)
        if amount and count:
            out.append({"type": "product", "rate": f.id, "count": count.id, "amount": amount.id,
                        "source": {"block": block.index, "page": block.page}})
    return out


def _brackets(block, facts: list, relations: list) -> list:
    """预算控制率=11-30%（含）… 得分按4分计算: the value said to fall in that bracket."""
    out = []
    if not any(f.range_high is not None for f in facts):
        return out  # a bracket is a stated range: without one the (slow) pattern cannot lead anywhere
    pattern = _patterns()["bracket"]
    formula_results = {r["result"]: r["name"] for r in relations if r["type"] == "formula"}
    for m in pattern.finditer(block.text):
        rng = next((f for f in facts if f.range_high is not None and f.source["start"] >= m.start("low")
                    and f.source["start"] <= m.end()), None)
        if rng is None:
            continue
        name = _QUOTES.sub("", m.group("name"))
        value = next((f for f in reversed(facts) if f.kind == "percent" and f.range_high is None
                      and f.source["start"] < m.start() and (name in formula_results.get(f.id, "") or
                                                             name in _QUOTES.sub("", f.context))), None)
        score = next((f for f in facts if f.kind == "score" and f.source["start"] > m.end()), None)
        if value:
            out.append({"type": "bracket", "value": value.id, "bracket": rng.id, "score": score.id if score else None,
                        "name": name, "source": {"block": block.index, "page": block.page}})
    return out
