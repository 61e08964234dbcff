"""Changes on last year: which figure a change (比上年增加…) is said of, and its rate.
"""
from __future__ import annotations

from functools import lru_cache

import regex

from ..sentences import sentence_bounds, sentence_index
from .wording import LIST_JOINER, NOT_HAN, is_a_change, of_last_year, per_unit, relation_patterns, similarity, vocabulary

# the kinds of quantity a change is stated in (较上年减少94户 is the change, not last year's figure)
_CHANGED_KINDS = ("amount", "headcount", "person_times", "households")


def changes_in(block, facts: list, spans: list, earlier: list, totals: dict) -> list:
    """Change relations of a block's figures; `totals`: a 其中 part's id → its total's id."""
    out = []
    bound: set = set()  # ids of last year's figures written with their change
    words = vocabulary()["change_words"]
    prev_words = relation_patterns()["previous_year"]
    for i, f in enumerate(facts):
        if f.kind not in _CHANGED_KINDS or not (prev_words.search(f.context) or _after_last_years(block.text, facts, i)):
            continue
        direction = next((d for w, d in words.items() if w in f.context), None)
        if direction is None:
            continue
        si = sentence_index(spans, f.source["start"])
        nearby = [g for g in facts[:i] if g.kind == f.kind and sentence_index(spans, g.source["start"]) >= si - 1]
        from_earlier = not nearby
        if from_earlier:
            nearby = [g for g in earlier if g.kind == f.kind][-4:]
        core = relation_patterns()["change_words"].sub("", f.context)
        current = previous = None
        if any("分别" in g.context for g in nearby) and (
                len(nearby) >= 2 and from_earlier or _listed(block.text, nearby)):
            continue  # 2021年、2022年、2023年分别下达280、300、330万元: which figure is which year's is not read
        # figures of a year, not changes (2023年较2022年提高5元, 较2021年提高10元) nor sums of
        # years (两年合计6,199.15万元)
        of_a_year = [g for g in nearby if g.year and not any(w in g.context for w in words)
                     and not relation_patterns()["sum_of_years"].search(g.context) and not per_unit(g)]
        two_years = _TWO_YEARS.search(f.context)
        if two_years and not any(g.year == int(two_years.group(1)) for g in of_a_year):
            # (2023年较2022年减少12,500元 two sentences after 2023年…101,800元 and one after 2022年…
            # 114,300元: the year it is said of stands further back in the paragraph)
            of_a_year += [g for g in facts[:i] if g.kind == f.kind and g.year == int(two_years.group(1))
                          and not any(w in g.context for w in words) and not per_unit(g)]
        years = [g.year for g in of_a_year]
        by_year = len(set(years)) >= 2
        if by_year:
            top = max(years)
            base = _BASE_YEAR.search(f.context)
            base_year = int(base.group(1)) if base else top - 1  # 2023年较2021年提高10元: over 2021's
            # of each year's figures, the one worded most like the change's subject, the
            # nearest of those alike (2021年安排9,870万元，其中中央6,420万元…市级1,020万元。2020年
            # 中央5,986万元，2021年中央较上年增加434万元: the 中央 figures)
            current = _most_like(core, [g for g in of_a_year if g.year == top])
            previous = _most_like(core, [g for g in of_a_year if g.year == base_year])
        elif nearby:
            # a figure its own clause says is last year's (上年度到位资金1800万元) is the base
            # the change is on, not the figure it is said of
            # (another change before it, 比上年增加156.42万元, is neither)
            # (nor is an amount per head, 人均资金67.19元, the figure a total's change is said of)
            stated = [g for g in nearby if not any(w in g.context for w in words) and not per_unit(g)]
            # (or whose sentence is of the year before the change's: 2022年…1,702.30万元 before
            # 2023年…较上年增加144.20万元)
            # (not one written with another change, 较上年24.07万元减少3.98万元: that change's)
            said_of_last_year = [g for g in stated if (prev_words.search(g.context)
                                 or (f.year and g.year and g.year == f.year - 1)) and g.id not in bound]
            this_year = [g for g in stated if g not in said_of_last_year]
            if from_earlier or all(sentence_index(spans, g.source["start"]) < si for g in this_year):
                # a figure of another sentence is the one the change is said of only when
                # its words share the change's subject (公务用车运行维护费32.62万元。三公经费
                # 较上年减少5.28万元: not that one)
                this_year = [g for g in this_year if similarity(core, g.context) > 0]

            def closest(pool):
                return max(pool, key=lambda g: (similarity(core, g.context), g.source.get("start", 0)), default=None)
            current, previous = closest(this_year), closest(said_of_last_year)
        written_with = _written_with(block.text, f, nearby)
        if written_with is not None:
            # (a last year's figure written with another change, 较上年的20.87万元减少3.71万元, is
            # that change's: not the base of a 其中 part's 较上年减少2.45万元 after it)
            # (nor one of another clause group: 运行维护费…较上年41.28万元下降6.37%；公务接待费4.72万元，
            # 较上年减少0.64万元 — 41.28 is the 运行维护费's)
            # (a figure its year names as the year before is the base wherever it stands)
            fallback = previous if written_with[1] is None and previous is not written_with[0] and previous is not None \
                and previous.id not in bound and (by_year or _one_clause_group(block.text, previous, written_with[0])) else None
            current, previous = written_with[0] or current, written_with[1] or fallback
            if written_with[1] is not None:
                bound.add(written_with[1].id)
        rate = _rate_of(block.text, f, facts[i + 1:], spans, si)
        relation = {"type": "change", "change": f.id, "direction": direction,
                    "current": current.id if current else None, "previous": previous.id if previous else None,
                    "rate": rate.id if rate else None, "source": {"block": block.index, "page": block.page}}
        if current is not None and current.id in totals:
            # a change after a 其中 list (三公经费15.6万元，其中接待2.4万元、用车13.2万元，较上年
            # 减少2.6万元) may be said of the list's total as well as of its last part
            relation["current_alternatives"] = [totals[current.id]]
        # the rate may be of any figure of the paragraph (本年较上年增加76.48万元，增长17.51%
        # after two 上年 figures and their 合计): the checker tries each before it flags
        relation["base_alternatives"] = [g.id for g in facts[:i] if _quantity(g) == _quantity(f)
                                         and not g.approx and not per_unit(g)]
        named = _named_by_subject(block.text, f, [g for g in facts[:i] if g.kind == f.kind], [current, previous])
        if named:
            # 收入合计较上年的6,915.20万元增加353.25万元: any figure of the paragraph written
            # right after those words (收入合计7,268.45万元; not only the one of the year)
            relation["current_alternatives"] = relation.get("current_alternatives", []) + named
        out.append(relation)
    return out


def _most_like(core: str, figures: list):
    """The figure whose words share most with `core` (a change's words), the last of equals;
    the years written in both say nothing of whose figure it is."""
    words = NOT_HAN.sub("", core)
    return max(reversed(figures), key=lambda g: similarity(words, NOT_HAN.sub("", g.context)), default=None)


_CLAUSE_END = ("；", ";", "。")


def _one_clause_group(text: str, a, b) -> bool:
    """Do the figures a and b stand in one clause group (no ；or 。 between them)?"""
    lo, hi = sorted((a, b), key=lambda f: f.source["start"])
    between = text[lo.source["end"]:hi.source["start"]]
    return not any(mark in between for mark in _CLAUSE_END)
_SUBJECT = regex.compile(r"(?P<subject>\p{Han}{2,12}?)\s*(?:较|比|同比|与)")
_CLAUSE_START = regex.compile(r"[，。；;：:\n]|,(?!\d)")  # (not the comma of 6,915.20)


def _named_by_subject(text: str, change, nearby: list, taken: list) -> list:
    """Ids of the figures (of nearby) written right after the words that open the change's
    clause before its 较/比 (收入合计 in 收入合计较上年的…增加353.25万元): levels, not changes
    nor last year's, none of `taken`."""
    clause_start, _ = sentence_bounds(text, change.source["start"], _CLAUSE_START)
    m = _SUBJECT.match(text, clause_start, change.source["start"])
    if m is None:
        return []
    subject = m.group("subject")
    return [g.id for g in nearby if g not in taken and not is_a_change(text, g) and not of_last_year(text, g)
            and text[max(0, g.source["start"] - len(subject) - 2):g.source["start"]].rstrip("为达是： :").endswith(subject)]


_CHANGE_VERBS = ("增加", "减少", "下降", "上升", "增长", "降低", "提高")
_BARE_CHANGE = regex.compile(rf"\s*[，,]\s*(?:{'|'.join(_CHANGE_VERBS)})\s*$")


def _after_last_years(text: str, facts: list, i: int) -> bool:
    """Is facts[i] a change written bare right after the clause stating last year's level (…2.74万元，
    上年3.15万元，减少0.41万元): a change on last year though no 比上年 says so?"""
    f = facts[i]
    k = f.source["start"]
    while k > 0 and text[k - 1].isspace():
        k -= 1
    if text[k - 2:k] not in _CHANGE_VERBS:
        return False  # (the cheap test first: asked of every figure of a changed kind)
    last = next((facts[k] for k in range(i - 1, -1, -1) if facts[k].kind == f.kind), None)
    return last is not None and of_last_year(text, last) \
        and _BARE_CHANGE.fullmatch(text[last.source["end"]:f.source["start"]]) is not None


def _written_with(text: str, change, nearby: list):
    """(this year's or None, last year's or None) where the change is written right after the
    figure it is said of: 公务接待费8.48万元，较上年的10.20万元减少1.72万元 (both), 当期结余1,670
    万元，较上年减少970万元 (this year's), 同比去年1.36万元增加2.87万元 with this year's further
    back (last year's): these, not the figures of the year elsewhere in the sentence."""
    if not nearby or per_unit(nearby[-1]) != per_unit(change):
        return None
    last = nearby[-1]
    if is_a_change(text, last):
        return None  # 较2023年提高60元，较2022年提高110元: a change before it is no level
    between = text[last.source["end"]:change.source["start"]]
    if any(mark in between for mark in _CLAUSE_END) or len(between) > 12:
        return None
    if of_last_year(text, last):
        # (this year's figure right before it, or further back: 接待费4.23万元，接待91批1046人，
        # 同比去年1.36万元增加2.87万元 — the 1.36 is the base all the same)
        this = nearby[-2] if len(nearby) >= 2 else None
        gap = text[this.source["end"]:last.source["start"]] if this is not None else ""
        if this is None or len(gap) > 10 or any(mark in gap for mark in _CLAUSE_END) or per_unit(this) != per_unit(change):
            return None, last
        return this, last
    if relation_patterns()["on_last_year"].match(between):
        return last, None
    return None
_BASE_YEAR = regex.compile(r"(?:较|比)\s*((?:19|20)\d{2})\s*年")
# a change said of one named year over another (2023年较2022年)
_TWO_YEARS = regex.compile(r"((?:19|20)\d{2})\s*年度?\s*(?:较|比|与)\s*(?:19|20)\d{2}\s*年")


def _rate_of(text: str, change, after: list, spans: list, sentence: int):
    """The rate stated with a change: the first percentage after it in its clause, before any
    other figure of a change's kinds (较上年增加0.34万人；基金支出…增加959万元，增长8.2%: the
    8.2% is the second change's)."""
    for g in after:
        if sentence_index(spans, g.source["start"]) != sentence:
            return None
        if g.kind in _CHANGED_KINDS:
            return None
        if g.kind == "percent":
            between = text[change.source["end"]:g.source["start"]]
            # (not a rate on another base, 较2022年增加36.80万元，较2021年增长6.34%, nor a level's
            # rate, 较2022年减少5,324人，参保率97.8%)
            if any(mark in between for mark in _CLAUSE_END) or _BASE_YEAR.search(between) \
                    or _LEVEL_RATE.search(between):
                return None
            return g
    return None


# a rate named by what it measures (参保率, 覆盖率), no change's rate (增长率, 增幅)
_LEVEL_RATE = regex.compile(r"(?<!增长|增|降|下降|减少|变动|增减|同比)率\s*(?:为|达|达到|是)?\s*[：:]?\s*$")


def _listed(text: str, figures: list) -> bool:
    """Are two of the figures items of one list (joined by 、 or 和 alone)?"""
    return any(LIST_JOINER.fullmatch(text[a.source["end"]:b.source["start"]]) for a, b in zip(figures, figures[1:]))


def rate_changes_in(block, facts: list, spans: list) -> list:
    """A growth rate or a change in points stated with both years' figures and no change
    amount (支出2.68亿元，较上年的2.31亿元增长16.02%; 比例70.8%，较上年的68.3%提高2.5个百分点):
    the rate against (this year − last year) ÷ last year, the points against the difference."""
    out = []
    words = vocabulary()["change_words"]
    prev_words = relation_patterns()["previous_year"]
    for i, f in enumerate(facts):
        if f.kind not in ("percent", "percent_point"):
            continue
        tail = f.context[-3:]
        direction = next((d for w, d in words.items() if tail.endswith(w)), None)
        if direction is None or not prev_words.search(f.context):
            continue  # (增长21.6%: the rate is the change's only when the change word stands right before it)
        si = sentence_index(spans, f.source["start"])
        before = [g for g in facts[:i] if sentence_index(spans, g.source["start"]) == si]
        if any(g.kind in _CHANGED_KINDS and any(w in g.context for w in words) for g in before):
            continue  # a change amount is stated: changes_in reads the rate with it
        quantity = ("percent",) if f.kind == "percent_point" else _CHANGED_KINDS
        figures = [g for g in before if g.kind in quantity and not g.approx]
        if len(figures) < 2:
            continue
        current, previous = figures[-2], figures[-1]
        if current.unit != previous.unit or prev_words.search(current.context) or not prev_words.search(previous.context):
            continue  # the last figure is last year's, the one before it this year's, in one unit
        if "、" in block.text[current.source["end"]:previous.source["start"]]:
            continue  # figures of a list, not this year's and last year's
        # any figure of the sentence before may be this year's (支出9.6万元，较预算节约2.4万元，
        # 较上年的10.8万元下降11.11%): the checker flags only when none is
        others = [g.id for g in figures[:-2] if g.unit == previous.unit and not prev_words.search(g.context)]
        out.append({"type": "rate_change", "rate": f.id, "current": current.id, "previous": previous.id,
                    "current_alternatives": others[::-1], "direction": direction,
                    "source": {"block": block.index, "page": block.page}})
    return out


def from_to_changes_in(block, facts: list, spans: list, known: set) -> list:
    """A change written with both ends (由88.4%提高到91.2%，提高2.8个百分点; 由1,260万元减少到1,180
    万元，减少80万元，下降6.35%): the change against the two figures, its rate with it. `known`:
    the changes another reading has taken already."""
    out = []
    words = vocabulary()["change_words"]
    start, to_end, by_change = _from_to_patterns()
    text = block.text
    for k, (a, b, c) in enumerate(zip(facts, facts[1:], facts[2:])):
        if c.id in known or not start.search(text, max(0, a.source["start"] - 10), a.source["start"]):
            continue
        to = to_end.fullmatch(text, a.source["end"], b.source["start"])
        by = by_change.fullmatch(text, b.source["end"], c.source["start"])
        if not (to and by) or words[to.group("word")] != words[by.group("word")]:
            continue
        levels = _quantity(a) == _quantity(b)
        if levels and c.kind == "percent" and _quantity(a)[0] in _CHANGED_KINDS:
            # 由13,586元提高到15,042元，增长11.72%: the rate alone, against the two ends
            out.append({"type": "rate_change", "rate": c.id, "current": b.id, "previous": a.id,
                        "current_alternatives": [], "direction": words[to.group("word")],
                        "source": {"block": block.index, "page": block.page}})
            continue
        same = c.kind == "percent_point" if a.kind == "percent" else _quantity(c) == _quantity(a)
        if not (levels and same):
            continue
        rate = None if c.kind == "percent_point" else \
            _rate_of(text, c, facts[k + 3:], spans, sentence_index(spans, c.source["start"]))
        out.append({"type": "change", "change": c.id, "direction": words[to.group("word")],
                    "current": b.id, "previous": a.id, "rate": rate.id if rate else None,
                    "source": {"block": block.index, "page": block.page}})
    return out


def _quantity(f) -> tuple:
    """What a change's figures must share: kind and unit, money per head counted as money
    (由485元提高到530元，每人每月提高55元: the standard's ends and its raise)."""
    return ("amount", "元") if f.kind == "money_rate" else (f.kind, f.unit)


@lru_cache(maxsize=1)
def _from_to_patterns() -> tuple:
    """由[2022年的][每人每月] before the first figure, 提高到[2023年的] between the two, ，[每人每月]提高
    before the change (the change words and the per-head words: patterns/relations.json
    change_words, from_to_qualifier)."""
    word = "(?P<word>" + "|".join(map(regex.escape, vocabulary()["change_words"])) + ")"
    year = r"(?:\d{4}年(?:底|末)?的?)?"
    per = vocabulary()["from_to_qualifier"]
    return (regex.compile(rf"由(?:上年的?|{year}){per}$"),
            regex.compile(rf"\s*{word}(?:到|至){year}\s*"),
            regex.compile(rf"\s*[，,]?\s*{per}{word}了?\s*"))
