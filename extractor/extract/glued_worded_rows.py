"""Form rows in words run together with their points, as document-sharing sites and text
layers flatten a form: a target and a result in words (健全 | 基本健全, 显著提升 | 显著提升)
whose 分值 and 得分 run into the reason after them or the next row's name (…基本健全108部分村级…,
…达成预期指标2020 | 时效指标), or whose result repeats its target word for word
(群众生产生活条件改善状况10显著提升显著提升10). The points are cut only where exactly one cut
makes them points of a 100-point form (form_glued.py reads the rows around them).
"""
from __future__ import annotations

from decimal import Decimal
from typing import Optional

import regex

from .form_tokens import Token
from .glued_cuts import grammar
from .numbers import POINTS, weight_then_score_cut

# a form whose indicator rows have no 分值 column (年初目标值 | 实际完成值 | 得分, 湖北's
# 财政项目绩效自评表): a row is its target, its result and its 得分
UNWEIGHTED_ORDER = ["target", "actual", "score"]


# (the words after points that make them a figure of their own: 200余人, 10万, 3月, 15个)
_NOT_POINTS_AFTER = r"(?![余多左以万亿千百至到年月日号个人元户次分项])"

# a row in words (its name, a target and a result in words) whose 分值 and 得分 run into the
# reason after them: 工程运行管护机制健全基本健全108部分村级管水员报酬未落实; or end the
# row, the next level's label after it (…达成预期指标2020 | 时效指标)
_POINTS_BEFORE_REASON = regex.compile(r"^(?P<words>.*\p{Han})(?P<points>\d{2,5})(?=\p{Han})" + _NOT_POINTS_AFTER)
_POINTS_ENDING_ROW = regex.compile(r"^(?P<words>.*\p{Han})(?P<points>\d{2,5})$")
# the same with the 得分 alone, in a form with no 分值 column (明显改善已改善15农村学生…)
_SCORE_BEFORE_REASON = regex.compile(rf"^(?P<words>.*\p{{Han}})(?P<points>{POINTS})(?=\p{{Han}}){_NOT_POINTS_AFTER}")
_SCORE_ENDING_ROW = regex.compile(rf"^(?P<words>.*\p{{Han}})(?P<points>{POINTS})$")


def points_before_reason(t: Token, row_ends: bool = False, paired: bool = True) -> list:
    """The row cut at its 分值 and 得分 run between its words and its reason (or at the
    token's end where `row_ends`: a label follows), where exactly one cut makes them points
    of a 100-point form (得分 above 0 and no more than 分值, no leading 0); with the 得分
    alone where not `paired`, up to 100; else the token as it is. The words before may hold
    rows of their own, each cut the same way (…已改善15运营长效机制…基本建立8部分…)."""
    before, ending = (_POINTS_BEFORE_REASON, _POINTS_ENDING_ROW) if paired else (_SCORE_BEFORE_REASON, _SCORE_ENDING_ROW)
    after: list = []
    last_row_ends = row_ends
    while True:
        m = before.match(t.text) or (ending.match(t.text.rstrip()) if row_ends else None)
        row_ends = False
        if m is None or grammar()[1].match(t.text, m.end("points")):
            return [t] + after
        a, b = m.span("points")
        if paired:
            k = weight_then_score_cut(t.text, a, b, scored=True)
            if k is None:
                return [t] + after
            points = [t.piece(a, k), t.piece(k, b)]
        elif Decimal(m["points"]) <= 100:
            points = [t.piece(a, b)]
        else:
            return [t] + after
        for p in points:
            p.unit = "分"  # (points, not a result written bare: the row's values are words)
        rest = [t.piece(b, len(t.text))] if t.text[b:].strip() else []
        if rest and last_row_ends:
            # the words after the points are the token's last row, its own points ending the
            # token before a label (…9月前7月55时限二…11月前10月55 | 成本指标): cut them too
            rest = points_before_reason(rest[0], True, paired)
        last_row_ends = False
        after = points + rest + after
        t = t.piece(0, a)


def repeated_result_row(order: list) -> Optional[regex.Pattern]:
    """A row run together whose result repeats its qualitative target (群众生产生活条件改善状况
    10显著提升显著提升10: 分值 10, target and result 显著提升, 得分 10), for a header that puts
    分值 before the target and 得分 after the result, or has no 分值 (专款专用专款专用10);
    None for other orders (分值 and 得分 side by side would be digits run together)."""
    points = POINTS
    value = r"(?P<value>[\p{Han}（）()]{2,12}?)(?P=value)"
    if order == ["weight", "target", "actual", "score"]:
        return regex.compile(rf"^(?P<name>.*?[^\d.])(?P<weight>{points}){value}(?P<score>{points})$")
    if order == UNWEIGHTED_ORDER:
        return regex.compile(rf"^(?P<name>.*?\p{{Han}}){value}(?P<score>{points})$")
    if order == ["target", "actual", "weight", "score"]:
        # 分值 and 得分 run together after the repeated words, maybe the next row's name after
        # them (家庭发展能力逐步提高逐步提高1010特扶对象…): cut where the points read one way
        return regex.compile(rf"^(?P<name>.*?\p{{Han}}){value}(?P<points>\d{{2,6}}(?:\.\d{{1,2}})?)(?=\p{{Han}}|$)")
    return None


# a result in words that restates its target's last word, not word for word (办学条件10有效改善
# 明显改善10: 有效改善 | 明显改善; 健全基本健全): where the two meet is where that word ends first;
# the next row's name may follow the 得分
_RESTATED = regex.compile(rf"^(?P<name>.*?[^\d.])(?P<weight>{POINTS})"
                          r"(?P<target>\p{Han}{0,8}?(?P<word>\p{Han}{2,4}))(?P<result>\p{Han}{0,6}?(?P=word))"
                          rf"(?P<score>{POINTS})(?:$|(?=\p{{Han}}){_NOT_POINTS_AFTER})")


def split_repeated(t: Token, pattern: regex.Pattern) -> list:
    m = pattern.match(t.text)
    if m is None and "weight" in pattern.groupindex:
        return _split_restated(t)
    if m is None:
        return [t]
    value_end = m.end("value") + len(m["value"])
    values = [t.piece(*m.span("value")), t.piece(m.end("value"), value_end)]
    if "points" in pattern.groupindex:
        a, b = m.span("points")
        k = weight_then_score_cut(t.text, a, b)
        if k is None:
            return [t]
        rest = [t.piece(b, len(t.text))] if b < len(t.text) else []
        return [t.piece(0, m.end("name")), *values, t.piece(a, k), t.piece(k, b), *rest]
    weighted = "weight" in pattern.groupindex
    if not Decimal(m["score"]) <= (Decimal(m["weight"]) if weighted else 100) <= 100:
        return [t]
    points = [t.piece(*m.span("weight"))] if weighted else []
    return [t.piece(0, m.end("name")), *points, *values, t.piece(*m.span("score"))]


def _split_restated(t: Token) -> list:
    """The row of a weight-first header whose result restates its target's last word (see
    _RESTATED), cut where its 得分 is no more than its 分值."""
    m = _RESTATED.match(t.text)
    if m is None or not 0 < Decimal(m["score"]) <= Decimal(m["weight"]) <= 100:
        return [t]
    rest = [t.piece(m.end(), len(t.text))] if m.end() < len(t.text) else []
    return [t.piece(0, m.end("name")), *(t.piece(*m.span(g)) for g in ("weight", "target", "result", "score")), *rest]
