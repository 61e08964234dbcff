"""Shares: a figure stated as a part of a named total (占总支出比率为12.05%), and a rate with
the amount it comes to (中央补贴47.5%为614.39万元).
"""
from __future__ import annotations

from typing import Optional

import regex

from ..sentences import sentence_index
from .wording import LIST_JOINER, per_unit, relation_patterns, similarity, vocabulary


def shares_in(block, facts: list, spans: list, earlier: list, totals: dict = None) -> list:
    """占总支出比率为12.05%: the share of the figure before it in the total that 占 names.
    Every earlier figure whose wording names that total is a candidate denominator, and for
    the parts of a breakdown (`totals`: part id → its total's id) their total."""
    totals = totals or {}
    out = []
    suffix = relation_patterns()["share_suffix"]
    for i, f in enumerate(facts):
        zhan = "占" in f.context
        # (without 占, only a rate right after 的 may be a share: 为预算4733.93万元的87.61%)
        if f.kind != "percent" or not zhan and not _right_after_de(block.text, f.source["start"]):
            continue
        sentence = sentence_index(spans, f.source["start"])
        # (not an average per unit, 部均自筹18.50万元: no part of a whole)
        before = [g for g in facts[:i] if g.kind in _PART_KINDS
                  and sentence_index(spans, g.source["start"]) == sentence and not per_unit(g)]
        if not zhan:
            # (支出4147.40万元，为预算4733.93万元的87.61%: the whole written after 为, 的 before the rate)
            stated = _whole_stated_after(block.text, before, f, "为", _AFTER_WHOLE_OF)
            if stated is not None:
                part, whole, name = stated
                out.append(_share(block, f, part, [whole.id], name))
            continue
        whole_name = suffix.sub("", f.context.rsplit("占", 1)[1])
        if _FROM_TO.search(whole_name):
            continue  # 占…的比重由上年的31.6%提高到33.2%: two years' shares, no part stated for them
        if (before and len(whole_name) < 2 and before[-1].id in totals and len(_run(block.text, facts, i, 1)) == 1
                and _BARE_SHARE.fullmatch(block.text, before[-1].source["end"], f.source["start"])
                and not _names_another_kind(block.text[before[-1].source["end"]:f.source["start"]], before[-1].kind)):
            # 其中公办园在园幼儿6,215人，占比63.01%: a share naming no whole, right after a
            # 其中 part, is of the total that part breaks down
            whole = next((g for g in earlier + facts if g.id == totals[before[-1].id]), None)
            out.append(_share(block, f, before[-1], [totals[before[-1].id]],
                              (whole.label if whole is not None else None) or "总数"))
            continue
        stated = _whole_stated_after(block.text, before, f, "占", _AFTER_WHOLE)
        if stated is not None:
            part, whole, name = stated
            out.append(_share(block, f, part, [whole.id], name or whole_name))
            continue
        if not before or len(whole_name) < 2:
            continue
        rates = _run(block.text, facts, i, 1)  # 13.82%、56.58%和29.61%
        if len(rates) > 1:
            # 甲2100人、乙8600人、丙4500人，分别占总人数的13.82%、56.58%和29.61%: the
            # rates go to the parts in their order, the last as many of them as there are rates
            parts = [g for g in before if g.kind == before[-1].kind][-len(rates):]
            if "分别" not in f.context or len(parts) < len(rates):
                continue  # no telling which part each rate is of
            pool = [g for g in earlier + facts[:i] if g.kind == parts[0].kind and g not in parts and not g.approx]
            wholes = [g for g in pool if similarity(whole_name, g.context + (g.label or "")) >= 0.5
                      or all(totals.get(p.id) == g.id for p in parts)]
            if wholes:
                out += [_share(block, r, part, [g.id for g in wholes], whole_name) for r, part in zip(rates, parts)]
            continue
        part = before[-1]
        if _unstated_part(block.text, before, f):
            continue  # …27,334.20万元；全年支出决算占调整预算的98.00%: the share's part is not stated
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
            # (the total a 其中 part breaks down needs to share a word with the name only: 带动务工
            # 1,420人，其中脱贫人口386人，占务工人数的27.2%)
            wholes = [g for g in pool if similarity(whole_name, g.context + (g.label or "")) >= 0.5
                      or g.id == totals.get(part.id) and similarity(whole_name, g.context + (g.label or "")) > 0]
        if wholes:
            out.append(_share(block, f, part, [g.id for g in wholes], whole_name))
    return out


def _share(block, rate, part, whole_ids: list, name: str) -> dict:
    """A share relation: `rate` of `part` in one of the wholes."""
    return {"type": "share", "rate": rate.id, "part": part.id, "wholes": whole_ids, "name": name,
            "source": {"block": block.index, "page": block.page}}


def _right_after_de(text: str, start: int) -> bool:
    """Does 的 stand right before `start` (spaces apart at most)?"""
    de = text.rfind("的", 0, start)
    return de >= 0 and not text[de + 1:start].strip()


_FROM_TO = regex.compile(r"由|从")


def _whole_stated_after(text: str, before: list, rate, word: str, after_whole) -> Optional[tuple]:
    """(part, whole, the whole's name) for a share whose whole is written inside its 占…的
    (保障对象21,450人，占全县农业人口612,800人的3.85%) or 为…的 (`word`): the figure between the
    word and the rate is the whole, the words between them its name, the last figure of its
    kind before the word the part; None otherwise."""
    zhan = text.rfind(word, 0, rate.source["start"])
    if not before or zhan < 0 or before[-1].source["start"] < zhan \
            or not after_whole.fullmatch(text, before[-1].source["end"], rate.source["start"]):
        return None
    whole = before[-1]
    parts = [g for g in before if g.source["end"] <= zhan and g.kind == whole.kind]
    if not parts or len([g for g in before if g.source["start"] > zhan]) != 1:
        return None
    return parts[-1], whole, text[zhan + 1:whole.source["start"]].strip()


_AFTER_WHOLE = regex.compile(r"\s*的?\s*(?:比例|比重|比率)?\s*(?:为|是|达|约)?\s*")
_AFTER_WHOLE_OF = regex.compile(r"\s*的\s*")  # (为 预算4733.93万元 的 87.61%: 为 alone says no share)
# the kinds of figure a share is of: money and counts of people, households and things
_PART_KINDS = ("amount", "headcount", "households", "person_times", "count")


def _unstated_part(text: str, before: list, rate) -> bool:
    """After a ；, is the share's subject (the words before 占) none of the figures before it
    (…项目支出27,334.20万元；全年支出决算占调整预算的98.00%)? Then its part is not stated. One
    that names a figure listed before (住院支出1,560万元…；住院支出占…的65%) is that figure's."""
    stop = regex.search(r"[；;][^；;]*$", text[before[-1].source["end"]:rate.source["start"]])
    if stop is None:
        return False
    subject = (rate.context or "").rsplit("占", 1)[0]
    return not any(similarity(subject, g.context or "") >= 0.5 for g in before)


def _names_another_kind(words: str, kind: str) -> bool:
    """Do a bare share's own words name a quantity of another kind than the part before it
    (其中产业项目31个，产业发展资金占比58.6%: money's share, not the projects')?"""
    named = {k for k, nouns in vocabulary()["share_subject_kinds"].items() if any(n in words for n in nouns)}
    return bool(named) and kind not in named


# between a 其中 part and a share of it naming no whole: the part's own clause, at most its name again
_BARE_SHARE = regex.compile(r"\s*[，,]\s*[^，,；;。！？\d]{0,12}?(?:占比|所占比例|所占比重|占)(?:为|达|约)?\s*")


def rate_amounts_in(block, facts: list, spans: list) -> list:
    """总保费1293.45万元，中央补贴47.5%为614.39万元: a rate and the amount it comes to, a share
    of an amount stated before them in the sentence (any of which may be the whole; an
    amount that is itself such a share is not). A rate of change (增长12%为…) is not a share."""
    joiner = relation_patterns()["rate_amount_joiner"]
    changes = tuple(vocabulary()["change_words"])
    out, shares = [], set()
    for rate, part in _rate_amount_pairs(block.text, facts, joiner):
        if part.approx or any(w in rate.context for w in changes):
            continue
        sentence = sentence_index(spans, rate.source["start"])
        wholes = [f for f in facts if f.kind == "amount" and f.source["start"] < rate.source["start"]
                  and f.id not in shares and not f.approx and sentence_index(spans, f.source["start"]) == sentence
                  and not _may_be_a_share(block.text, f.source["start"])]
        shares.add(part.id)
        if wholes:
            out.append(_share(block, rate, part, [f.id for f in wholes], wholes[-1].label or "总额"))
    return out


def _rate_amount_pairs(text: str, facts: list, joiner) -> list:
    """(rate, amount) side by side, joined by 为/计/即 …; a list of rates and the list of
    amounts after it (分别承担60%、25%、15%，即2274.84万元、947.85万元、568.71万元) pair in
    order, never the last rate with the first amount."""
    out = []
    for k, (rate, part) in enumerate(zip(facts, facts[1:])):
        if (rate.kind != "percent" or part.kind != "amount"
                or not joiner.match(text[rate.source["end"]:part.source["start"]])):
            continue
        rates = _run(text, facts, k, -1)
        amounts = _run(text, facts, k + 1, 1)
        if len(rates) == 1 and len(amounts) <= 1:
            out.append((rate, part))
        elif len(rates) == len(amounts):
            out += list(zip(rates, amounts))
    return out


def _run(text: str, facts: list, k: int, step: int) -> list:
    """The list facts[k] is in, walking `step` (−1 back, 1 on) over figures of its kind
    joined by 、/和 alone, in document order."""
    run = [facts[k]]
    j = k + step
    while 0 <= j < len(facts) and facts[j].kind == facts[k].kind:
        a, b = (facts[j], run[0]) if step < 0 else (run[-1], facts[j])
        if not LIST_JOINER.fullmatch(text[a.source["end"]:b.source["start"]]):
            break
        run = [facts[j]] + run if step < 0 else run + [facts[j]]
        j += step
    return run


def _may_be_a_share(text: str, start: int) -> bool:
    """An amount that opens its block (the sentence began on the page before: 补贴50%为 |
    793.32万元) or follows 为/计 may itself be a share whose rate this block does not hold."""
    before = text[:start].rstrip()
    return not regex.search(r"\p{Han}", before) or regex.search(r"(?:为|计|即)$", before) is not None
