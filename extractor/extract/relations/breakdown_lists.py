"""The list a breakdown marker (其中, 包括, 分别为) opens: how far it goes — to the end of its
sentence, to the closing bracket of a marker in brackets, to the next marker, to a clause of
money at another stage — which figures it holds, and what its sentence says before it; none
where it lists amounts per head or words (breakdowns.py reads its total and parts)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

import regex

from ..sentences import sentence_bounds, sentence_index
from .list_parts import CLAUSE_BREAK, CLAUSE_GROUP_BREAK
from .wording import relation_patterns, vocabulary

# a list of amounts per head (人均基本支出分别为…), no parts of a total
_PER_HEAD_LIST = regex.compile(r"(?:人均|户均|生均|亩均|村均)")
# the names of two or more parts and nothing else (中央、省级和县级资金 / 单位自筹、中央资金)
_NAMES_ONLY = regex.compile(r"\s*\p{Han}{1,10}(?:\s*[、和及与]\s*\p{Han}{1,10}){1,7}\s*")


@dataclass
class MarkerList:
    """A marker (其中, 包括, 分别为) and the list it opens: where the list ends, its figures, and
    what the sentence says before it."""
    m: regex.Match
    k: int  # (its place among the block's markers)
    si: int  # (its sentence, and where that starts and ends)
    s_start: int
    s_end: int
    end: int  # (where the list ends)
    nested: bool  # (a second marker of its sentence: a sub-list)
    interrupted: bool  # (a sub-list opens inside the list, which may go on after it)
    after: list  # (the list's figures)
    before: list  # (the sentence's figures before the marker)
    counted: bool  # (a list of a whole its sentence counts in words: 全部学员分为四类：…)
    opens_sentence: bool  # (its total closes an earlier sentence)
    names_parts: bool  # (a 分别为 whose sentence names only its parts: 中央和省级资金分别为…)
    group: int  # (where the marker's clause group starts: after a ；)
    lead_in: str  # (the clause group's words leading to the marker)


def marker_list(text: str, facts: list, spans: list, found: list, k: int) -> Optional[MarkerList]:
    """The list the k-th marker opens (a MarkerList), or None where it lists no figures of parts:
    amounts per head, words, a clause group ended before its first figure."""
    m = found[k]
    si = sentence_index(spans, m.start())
    s_start, s_end = spans[si]
    if _PER_HEAD_LIST.search(CLAUSE_BREAK.split(text[s_start:m.start()])[-1]):
        return None  # 人均基本支出分别为16.80万元和17.20万元: amounts per head, no parts of a total
    end = s_end
    if m.start() > 0 and text[m.start() - 1] in "（(":
        close = relation_patterns()["close"].search(text, m.end())
        end = min(end, close.start()) if close else end
    nested = k > 0 and found[k - 1].start() >= s_start
    # a list a sub-list opens inside (按支出性质分：基本支出…，其中人员经费…；项目支出…) may go
    # on after it: not known to be all of its whole (a marker after a ； opens a list of its own)
    cut = k + 1 < len(found) and found[k + 1].start() < end
    interrupted = cut and not CLAUSE_GROUP_BREAK.search(text, m.end(), found[k + 1].start())
    if cut:
        end = found[k + 1].start()
    after = [f for f in facts if m.end() <= f.source["start"] < end]
    if k + 1 < len(found) and found[k + 1].start() == end and after:
        # 儿童2.45万人，其中…2.21万人；孕产妇0.31万人，其中…: the figure after the ； that the
        # next 其中 breaks down is that list's total, not this one's part
        if regex.search(r"[；;]", text[m.end():after[-1].source["start"]]):
            after = after[:-1]
    after = _up_to_another_stage(text, m.end(), after)
    if after and _lists_words(text, m.end(), after[0].source["start"]):
        return None  # 包括办公费、水电费、差旅费等，…: the marker lists words; a figure later is no part
    if after and CLAUSE_GROUP_BREAK.search(text, m.end(), after[0].source["start"]):
        return None  # 资金来源为省级衔接资金；…追加15万元: the list ended with its clause group, no figure in it
    before = [f for f in facts if s_start <= f.source["start"] < m.start()]
    # "…64226人次。其中住院…": the total closes an earlier sentence
    # (or a list of a counted whole that its sentence names in words only: 全部学员分为四类：…)
    counted = m.start() - s_start > 1 and relation_patterns()["counted_whole"].match(m.group(0)) is not None
    # (…投入资金619.37万元。中央和省级资金分别为…: a list whose sentence opens with its parts' names,
    # no figure, breaks down the one the sentence before states)
    names_parts = not before and si > 0 and m.group(0).startswith("分别") \
        and _NAMES_ONLY.fullmatch(text, s_start, m.start()) is not None
    opens_sentence = not before and si > 0 and (m.start() - s_start <= 1 or counted or names_parts)
    # the clause group leading to the marker names the sub-list's total
    group = sentence_bounds(text, m.start())[0]  # (where the marker's clause group starts: after a ；)
    return MarkerList(m, k, si, s_start, s_end, end, nested, interrupted, after, before, counted, opens_sentence,
                      names_parts, group, text[group:m.start()])


def kinds_listed(text: str, marker: MarkerList) -> tuple:
    """The kinds of figure the marker's list may break down a total of."""
    m, after = marker.m, marker.after
    if not m.group(0).startswith("分别"):
        return ("amount", "headcount", "person_times", "households", "count", "score")
    # 分别为 lists its figures right after it, all of one kind: the projects it names in
    # words (2个项目分别为A和B，合计预算…) or another quantity's figures (…2,340人，资助资金
    # 分别为38.76万元…) leave the figures of other kinds with no list
    if not after or CLAUSE_BREAK.search(text[m.end():after[0].source["start"]]):
        return ()
    if after[0].kind in ("money_rate", "percent"):
        # 标准为350元/人（上年分别为每人每年580元和320元）, 管理率分别为64.5%、62.8%:
        # standards per head and rates, each of its own item, add up to nothing
        return ()
    return (after[0].kind,)


def _up_to_another_stage(text: str, start: int, after: list) -> list:
    """The list's figures up to the first past a ； whose clause names money at another stage
    than its first part's (其中居民出资到位540万元；实际支出5,896.80万元: the spending is no part of
    the money that arrived), or that follows a clause closed by a rate of its own (see
    _closed_by_its_rate). Stages: patterns/relations.json money_stages."""
    if not after:
        return after
    first = _stage_of(text[start:after[0].source["start"]])
    opened = _LIST_OPENED.search(text, max(0, start - 1), start + 1) is not None  # (the marker's colon, in it or after)
    for n, f in enumerate(after[1:], 1):
        between = text[after[n - 1].source["end"]:f.source["start"]]
        cut = max(between.rfind("；"), between.rfind(";"))
        if cut < 0:
            continue
        stage = _stage_of(between[cut + 1:])
        if first and stage and stage != first or not opened and _closed_by_its_rate(text, after, n):
            return after[:n]
    return after


_LIST_OPENED = regex.compile(r"[：:]")  # (其中：A…；B…: a list its colon opens goes on past a ；)


def _closed_by_its_rate(text: str, after: list, n: int) -> bool:
    """Did the clause before the ； at after[n] close on a rate of its own (其中接受健康管理2.86万人，
    健康管理率66.8%；规范管理高血压患者1.92万人…)? Then the part, which no colon opened as a list,
    stated its own measure, and the clause after it is a statement of its own, not the list's
    next part."""
    last = after[n - 1]
    if last.kind != "percent" or n < 2:
        return False
    return "率" in text[after[n - 2].source["end"]:last.source["start"]]


def _stage_of(words: str):
    """The money stage the words name (budget, arrived, spent, left), the last named; None for none."""
    found = [(words.rfind(w), stage) for stage, ws in vocabulary()["money_stages"].items() for w in ws if w in words]
    return max(found)[1] if found else None


def _lists_words(text: str, start: int, first_figure: int) -> bool:
    """Does the marker's own clause (from `start`, before the first figure after it) list words
    (办公费、水电费、差旅费等) and end before that figure?"""
    brk = CLAUSE_BREAK.search(text, start, first_figure)
    return brk is not None and "、" in text[start:brk.start()]
