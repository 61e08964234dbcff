"""Rates of counts: a stated 参保率, 签约率, 完成率 … with the counts of its sentence that can be
its numerator and denominator (实际参保19.26万人 over 应参保21.40万人, 已签约3050户 over 共有
3200户). They are ratio relations like the money rates of formulas.rates_in, and the checker
reads them the same way: a rate is flagged only when no pair of same-kind figures of its
paragraph reproduces it. Vocabulary: patterns/relations.json "count_rates".
"""
from __future__ import annotations

from functools import lru_cache
from typing import Optional

import regex

from ...measures import measures_of
from ..labels import rate_word_spellings
from ..sentences import sentence_bounds, sentence_index
from .wording import NOT_HAN, per_unit, relation_patterns, similarity, sorts_things, vocabulary



@lru_cache(maxsize=1)
def _vocab() -> dict:
    """The count-rate vocabulary, its word lists compiled."""
    v = vocabulary()["count_rates"]
    return {
        "kinds": frozenset(v["kinds"]),
        "acts": {word: regex.compile("|".join(map(regex.escape, acts))) for word, acts in v["acts"].items()},
        "any_act": regex.compile("|".join(map(regex.escape, sorted({a for acts in v["acts"].values() for a in acts},
                                                                   key=len, reverse=True)))),
        "actual": regex.compile("|".join(map(regex.escape, vocabulary()["actual_words"]))),
        "planned": regex.compile(v["planned"]),
        "removed": regex.compile("|".join(map(regex.escape, vocabulary()["explanation_words"]))),
        "not_checked": regex.compile(v["not_checked"]),
        "of_the_plan": regex.compile(v["of_the_plan"]),
        "completion_names": regex.compile(v["completion_names"]),
        "change_labels": frozenset(vocabulary()["breakdown"]["change_labels"]),
        "as_modifiers": frozenset(v["acts_as_modifiers"]),
        "after_a_modifier": regex.compile(v["after_an_act_as_modifier"]),
        "no_subject": frozenset(v["no_subject"]),
    }


def count_rates_in(block, facts: list, spans: list, in_formula: set, totals: dict) -> list:
    """Ratio relations for the count rates of one paragraph (`facts`, in text order).
    `totals`: a breakdown part's id → its total's id (其中接受健康管理4.86万人 is of the
    老年人6.72万人 before it, whichever sentence that was in)."""
    out = []
    for i, rate in enumerate(facts):
        rate_word = _rate_word(rate)
        if rate_word is None or rate.id in in_formula or not _checkable(block.text, rate, spans) \
                or sorts_things(block.text, rate):
            continue
        acts = _acts_of(rate, rate_word)
        numerators = _numerators(block.text, rate, facts[:i], acts)
        looked_back = None if numerators else _stated_the_sentence_before(rate, facts[:i], acts, spans, totals)
        if looked_back is not None:
            numerators = [looked_back[0]]
        if not numerators or not _names_its_figures(block.text, rate, rate_word, spans, numerators[0] if looked_back else None):
            continue
        denominators = [looked_back[1]] if looked_back is not None else \
            [g for g in _denominators(facts[:i], numerators, acts, spans, totals) if _of_its_subject(rate, rate_word, g)]
        if not denominators:
            continue
        out.append({"type": "ratio", "rate": rate.id, "counts": True,
                    "numerators": [g.id for g in numerators], "denominators": [g.id for g in denominators],
                    "paragraph_figures": _same_kind(facts, numerators),
                    "source": {"block": block.index, "page": block.page}})
    return out


def _rate_word(fact) -> Optional[str]:
    """The count-rate word a percentage's label ends with (健康管理率 → 管理率), if any."""
    if fact.kind != "percent" or fact.range_high is not None or fact.approx or not fact.label:
        return None
    return next((word for word in _vocab()["acts"] if fact.label.endswith(word)), None)


def _qualifier(rate, rate_word: str) -> str:
    """The words of the rate's name before its rate word (残疾儿童康复救助 of …覆盖率)."""
    words = rate.context or ""
    at = max(words.rfind(w) for w in rate_word_spellings(rate_word))
    return words[:at] if at >= 0 else ""


def _acts_of(rate, rate_word: str) -> regex.Pattern:
    """The acts a count is worded with to be the rate's numerator: the act the rate's own name
    writes before its rate word (救助覆盖率 is of those 救助, 签约服务覆盖率 of those 签约: 纳入监测
    的4860户 is then its whole), else its rate word's (覆盖率: 覆盖, 纳入 …)."""
    named = sorted(set(_vocab()["any_act"].findall(_qualifier(rate, rate_word))))
    return regex.compile("|".join(map(regex.escape, named))) if named else _vocab()["acts"][rate_word]


def _of_its_subject(rate, rate_word: str, whole) -> bool:
    """Is a whole worded as of the subject a rate named by its act names (残疾儿童康复救助覆盖率:
    the 残疾儿童's number, not 312名残疾人 served otherwise)? The subject is the rate's name
    without its act and rate word; a name with no subject (救助覆盖率) takes any whole."""
    qualifier = NOT_HAN.sub("", _qualifier(rate, rate_word))
    subject = _vocab()["any_act"].sub("", qualifier)
    if subject == qualifier or len(subject) < 2 or subject in _vocab()["no_subject"]:
        return True  # (在职人员控制率: 人员 names no one in particular; its whole is the 编制)
    return similarity(subject, whole.context or "") >= 0.5


def _checkable(text: str, rate, spans: list) -> bool:
    """Not a target (目标值≥95%), a list of rates (分别为), a share (占…), nor a rate of part
    of the year (一季度末，…完成率): none of those is the year's numerator over its
    denominator. The period may open the sentence, clauses before the rate's own. (A rate
    named after its plan, 目标完成率, is no target for that word.)"""
    lo = spans[sentence_index(spans, _start(rate))][0]
    # (完成年度计划的108.4%: the plan it names is its denominator, not a target)
    words = _vocab()["completion_names"].sub("", _vocab()["of_the_plan"].sub("", rate.context or ""))
    return not (_vocab()["not_checked"].search(words)
                or relation_patterns()["partial_period"].search(text, lo, _start(rate))
                or _SCORING_RULE.match(text, rate.source["end"]))


# a rate in a scoring rule (到位率100%得满分, 完成率每降低1%扣0.5分): a threshold, not what was done
_SCORING_RULE = regex.compile(r"\s*(?:及以上|以上|以下)?[的，,]?\s*(?:得满分|得\d|得分|扣|不得分|计满分|按比例)")


def _operand(fact) -> bool:
    """A count that can be a rate's numerator or denominator: exact, a level (not a change on
    last year, not an amount per head)."""
    return (fact.kind in _vocab()["kinds"] and not fact.approx and fact.range_high is None
            and fact.label not in _vocab()["change_labels"] and not per_unit(fact)
            and not relation_patterns()["previous_year"].search(fact.context or ""))


def _numerators(text: str, rate, before: list, acts: regex.Pattern) -> list:
    """The counts that can be the rate's numerator, nearest first: stated in the rate's own
    clause group and after any earlier percentage of the paragraph (a figure a rate was
    already stated for is that rate's), worded as done (实际参保, 已签约, 接受健康管理), not
    as planned (计划完成, 应参保)."""
    clause_start = sentence_bounds(text, _start(rate))[0]
    rates = [g for g in before if g.kind == "percent"]
    since = _start(rates[-1]) if rates else -1
    out = []
    for g in reversed(before):
        if _start(g) <= since or _start(g) < clause_start:
            break
        if _operand(g) and _done(g, acts, _CLAUSE_TAIL.match(text, g.source["end"]).group(0)):
            out.append(g)
    return out[:2]


# the words after a count up to its clause's end (其中2850人取得证书: the act is written after it)
_CLAUSE_TAIL = regex.compile(r"[^，,；;。]{0,20}")


def _done(fact, acts: regex.Pattern, after: str = "") -> bool:
    """Is the count worded as the act done (实际参保, 已签约, 接受健康管理; or after it:
    2850人取得证书), not as planned or due (计划完成, 应参保) nor as taken out (剔除参加职工
    医保的)? Such a count is a numerator, never a whole: 参保人数12.35万人，其中脱贫人口参保
    2.46万人，参保率100% is the rate of the 脱贫人口, whose number is not stated."""
    v = _vocab()
    words = (fact.context or "") + after
    # (实际 alone says done only for a rate of completion: 实际参训185人 is no numerator of a 就业率)
    actual = v["actual"].search(words) and acts.search("完成")
    return bool((_names_the_act(words, acts) or actual)
                and not v["planned"].search(words) and not v["removed"].search(words))


def _names_the_act(words: str, acts: regex.Pattern) -> bool:
    """Do the words name one of the acts as what was done, not as a modifier of another noun
    (组织就业见习162人 counts the 见习, not those 就业)?"""
    v = _vocab()
    return any(m.group(0) not in v["as_modifiers"] or v["after_a_modifier"].match(words, m.end())
               for m in acts.finditer(words))


def _denominators(before: list, numerators: list, acts: regex.Pattern, spans: list, totals: dict) -> list:
    """The counts of a numerator's kind and unit that can be its whole, nearest first: the
    breakdown total it is a part of, those stated before it in its sentence that are no
    part of another (共有3200户（含监测户450户）: the whole is 3200) and those after it worded
    as due (应参保); none of them worded as
    the act done (another town's 参保人数 beside this town's is no whole of it), nor stated
    before an earlier count rate (应参保30.85万人 … 参保率97.05%；脱贫人口参保4.12万人，参保率
    100%: that whole was the earlier rate's; 取得证书的有2188人，取证率88.94%；实现就业的有1806人，
    就业率73.41%: 2188 is the other rate's numerator, not this one's whole)."""
    out = {}
    earlier = [_start(g) for g in before if _rate_word(g) is not None]
    since = earlier[-1] if earlier else -1
    for num in numerators:
        sentence = sentence_index(spans, _start(num))
        out.update((g.id, g) for g in before if g.id == totals.get(num.id))
        out.update((g.id, g) for g in reversed(before) if since < _start(g) < _start(num) and _operand(g)
                   and (g.kind, g.unit) == (num.kind, num.unit) and sentence_index(spans, _start(g)) == sentence
                   and g.id not in totals)
        # the number due stated after the numerator, before the rate (参保人数45.6万人，应参保
        # 人数47.0万人，参保率…): worded as due, it is no numerator, so it is the whole
        out.update((g.id, g) for g in before if _start(g) > _start(num) and _operand(g)
                   and (g.kind, g.unit) == (num.kind, num.unit) and sentence_index(spans, _start(g)) == sentence
                   and _vocab()["planned"].search(g.context or ""))
    return [g for g in out.values() if not _done(g, acts)]


def _stated_the_sentence_before(rate, before: list, acts: regex.Pattern, spans: list, totals: dict) -> Optional[tuple]:
    """(numerator, whole) of a rate whose sentence states only the number due (…应参保人数
    398,620人，参保率达97.48%) while the number done is the sentence before's, named alike
    (参保人数386,452人，其中：…): the one count of that sentence worded as done whose label is
    the whole's, no part of a breakdown. None where there is not exactly one of each."""
    own = sentence_index(spans, _start(rate))
    if own == 0:
        return None
    rates = [g for g in before if g.kind == "percent"]
    since = _start(rates[-1]) if rates else -1
    wholes = [g for g in before if sentence_index(spans, _start(g)) == own and _start(g) > since and _operand(g)
              and g.id not in totals
              and _vocab()["planned"].search(g.context or "")]
    if len(wholes) != 1:
        return None
    whole = wholes[0]
    done = [g for g in before if sentence_index(spans, _start(g)) == own - 1 and _start(g) > since and _operand(g)
            and (g.kind, g.unit, g.label) == (whole.kind, whole.unit, whole.label) and g.id not in totals
            and _done(g, acts)]
    return (done[0], whole) if len(done) == 1 else None


def _same_kind(facts: list, numerators: list) -> list:
    """The paragraph's counts of the numerators' kinds and units, for the checker to try before
    it says no pair reproduces the rate: figures of other kinds would reproduce it by chance
    ((4.86万人 + 6.72万人) ÷ 12.5万人 is a 完成率 of 个 only by coincidence)."""
    kinds = {m for g in numerators for m in measures_of(g.kind, g.unit)}
    return [g.id for g in facts if (g.kind, g.unit) in kinds and _operand(g)]


def _names_its_figures(text: str, rate, rate_word: str, spans: list, numerator=None) -> bool:
    """Does the rate's own wording fit its sentence's figures? 脱贫人口参保率 after 全县实际参保
    12.1万人 is the rate of another group; the words before the rate word must mostly be in
    the sentence before it (健康管理率 after 接受健康管理), or from the `numerator`'s sentence
    on where that is an earlier one."""
    qualifier = NOT_HAN.sub("", _qualifier(rate, rate_word))
    if len(qualifier) < 2:
        return True
    lo = spans[sentence_index(spans, _start(numerator if numerator is not None else rate))][0]
    return similarity(qualifier, text[lo:_start(rate) - len(rate.context or "")]) >= 0.5


def _start(fact) -> int:
    return fact.source["start"]
