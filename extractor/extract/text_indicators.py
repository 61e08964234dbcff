"""Indicator score trees read from scores stated in text: sentences that name the level
(二级指标“项目立项”满分8分，评价得分8分); else headings and lines that carry a weight, scored in
their section (（1）绩效目标合理性（3分）… 得分3分) or beside the weight (决策（15分，得12分）),
with the numbered paragraphs scored under them; else lines of full marks and score
(indicator_lines.py) or numbered paragraphs (numbered_scores.py); then the summary sentence's
first-level scores (summary_scores.py)."""
from __future__ import annotations

from collections import Counter
from decimal import Decimal
from typing import Optional

import regex

from ..model import HEADING, TABLE, Document
from ..points import whole_or_half
from .indicator_lines import indicator_lines
from .numbered_scores import numbered_score_indicators, numbering_style
from .summary_scores import summary_indicators
from .indicator_names import BRACKETED_WEIGHT, LEVEL_NUMBER, bracketed_weight, clean_name

# a further indicator of a weighted line, after a clause's end, with its score right after its
# weight (项目立项（5分）得5分；绩效目标（5分）得3分，…；资金投入（5分）得4分)
_SIBLING = regex.compile(r"[；;。]\s*(?P<name>[^，,。；;：:（()）\d]{2,20}?)[（(]\s*(?P<weight>\d+(?:\.\d+)?)\s*分\s*[)）]"
                         r"\s*[：:]?\s*(?:得分|得)\s*(?P<score>\d+(?:\.\d+)?)\s*分")

# text: 一级指标项目决策…满分20分，…得分20分 / 二级指标“项目立项”满分8分，评价得分8分
_TEXT_INDICATOR = regex.compile(
    r"(?P<level>[一二三四])级指标\s*[“\"]?(?P<name>[^“”\"，。；、]{2,20}?)(?=包含|满分|[”\"，])[”\"]?[^。]*?(?:。[^。]*?)?满分\s*(?P<weight>\d+(?:\.\d+)?)\s*分"
    r"[^。]*?得分(?:为)?\s*(?P<score>\d+(?:\.\d+)?)\s*分")
# conclusion: 投入绩效为13分，过程绩效为56分，…，总绩效为94.9分
# (not a grade's band: 自评得分90分以上为优, 得分75-89分为良)
_SECTION_SCORE = regex.compile(r"(?:得分|得|评分按|得分按|评分为)\s*[：:]?\s*(?P<score>\d+(?:\.\d+)?)\s*分"
                               r"(?!\s*(?:以上|以下|及以上|及以下|（含）|\(含\)|至|[-~－—–]|为[优良中差]))")
_WEIGHTED_LINE = regex.compile(r"^[^，。；：:]{2,30}?[（(]\s*\d+(?:\.\d+)?\s*分\s*[)）]\s*[：:]?")


def _numbered_child(b, children: dict) -> Optional[dict]:
    """A numbered paragraph scored as a row of the heading above (（一）项目立项（5分），得5分。…),
    of the first numbering style under it; None for another style or a paragraph not so scored."""
    style = numbering_style(b.numbering)
    m = _SCORED_ROW.match(b.text, len(b.numbering))
    note = None
    if m is not None:
        score = (Decimal(m["score"]), m.start("score"), m.end("score"), m.end())
    elif (m := _WEIGHTED_ROW.match(b.text, len(b.numbering))) is not None:
        # (1.项目立项（8分）：依据充分…，扣1分，得7分。: the paragraph's conclusion is its score;
        # …，扣1分。 with none: its weight less what it took off; 每发现一处扣1分 with none: a row
        # kept without a score, so that its parent is not held to the others alone)
        stated = next(reversed(list(_SECTION_SCORE.finditer(b.text, m.end()))), None)
        score = (Decimal(stated["score"]), stated.start("score"), stated.end("score"), stated.end()) if stated \
            else _deducted_score(b.text, m.end(), Decimal(m["weight"]))
        note = None if stated else f"得分由分值{m['weight']}分减所扣分数得出" if score else "段落未写明得分"
        score = score or (None, m.start("name"), m.end(), m.end())
    else:
        return None
    if children["style"] not in (None, style):
        return None
    children["style"] = style
    value, start, end, quoted_to = score
    child = {"path": children["parent"] + [clean_name(m["name"])], "weight": Decimal(m["weight"]),
             "score": value, "origin": "list",
             "source": {"page": b.page, "block": b.index, "start": start, "end": end,
                        "quote": b.text[m.start("name"):quoted_to].strip(" 。.")}}
    if note:
        child["note"] = note
    return child


# what a paragraph took off its indicator's points (扣1分, 扣除0.5分), or that it took nothing off;
# a scoring rule (每发现一处扣1分, 扣完为止, 最多扣3分) says what would be taken, not what was
_DEDUCTED = regex.compile(r"扣(?:除|减)?\s*(?P<points>\d+(?:\.\d+)?)\s*分")
_NOTHING_DEDUCTED = regex.compile(r"不扣分|未扣分|无扣分|不予扣分|得满分")
_DEDUCTION_RULE = regex.compile(r"每|则扣|扣完|最多|最高|以内|为止")


def _deducted_score(text: str, start: int, weight: Decimal) -> Optional[tuple]:
    """(score, start, end, end) of an indicator whose paragraph from `start` states only what it
    took off its weight (…，扣1分。; 不扣分): the weight less it, the span the deductions' words;
    None where it states no deduction, a scoring rule, or more than the weight."""
    if _DEDUCTION_RULE.search(text, start):
        return None
    taken = list(_DEDUCTED.finditer(text, start))
    if taken:
        score = weight - sum(Decimal(d["points"]) for d in taken)
        return (score, taken[0].start(), taken[-1].end(), taken[-1].end()) if score >= 0 else None
    nothing = _NOTHING_DEDUCTED.search(text, start)
    return (weight, nothing.start(), nothing.end(), nothing.end()) if nothing else None


# a heading's score after its bracketed weight: 一、决策（15分），得分14分
_SCORE_AFTER_WEIGHT = regex.compile(r"(?<=[)）])\s*[，,：:]?\s*(?:自评)?(?:得分|实得|得)(?:为)?\s*(?P<score>\d+(?:\.\d+)?)\s*分\s*[。.]?\s*$")
# a row's name and its bracketed weight opening its paragraph: 项目立项（8分）：
_WEIGHTED_ROW = regex.compile(r"\s*(?P<name>[^，,。；;：:（()）\d]{2,20}?)\s*[（(]\s*(?P<weight>\d+(?:\.\d+)?)\s*分\s*[)）]"
                              r"\s*[：:，,]")
# a row's name, its bracketed weight and its score right after it: 项目立项（5分），得5分
_SCORED_ROW = regex.compile(r"\s*(?P<name>[^，,。；;：:（()）\d]{2,20}?)\s*[（(]\s*(?P<weight>\d+(?:\.\d+)?)\s*分\s*[)）]"
                            r"\s*[，,：:]?\s*(?:自评)?(?:得分|实得|得)(?:为)?\s*(?P<score>\d+(?:\.\d+)?)\s*分(?:\s*[。.])?\s*")


def _heads_scored_rows(b, after: list) -> bool:
    """Is a numbered line of a name, its weight and its score alone (1.项目决策（20分），得分18分。)
    a heading over the indicators below it, a heading of a deeper level right after it? (Not
    one of a run of such lines, each a first-level indicator: indicator_lines.py reads those.)"""
    return bool(b.numbering) and _SCORED_ROW.fullmatch(b.text, len(b.numbering)) is not None \
        and bool(after) and after[0].kind == HEADING and (after[0].level or 0) > b.level


def text_indicators(doc: Document) -> list:
    """The indicators the document's text states, by the first of the readings above that finds any."""
    out = []
    # 1) explicit 一级/二级指标 sentences (满分…得分…)
    parents: dict = {}
    for b in doc.blocks:
        if b.kind == TABLE or "级指标" not in b.text:  # the pattern's own words: a cheap test first
            continue
        for m in _TEXT_INDICATOR.finditer(b.text):
            level = LEVEL_NUMBER[m.group("level")]
            parents[level] = m.group("name")
            for deeper in [k for k in parents if k > level]:
                del parents[deeper]
            path = [parents[k] for k in sorted(parents) if k <= level]
            score = Decimal(m.group("score"))
            # (points out of the full marks beside them, in whole or half points, are awarded as
            # written, as a score table's; others, 18.67, may be a rounded product)
            out.append({"path": path, "weight": Decimal(m.group("weight")), "score": score,
                        "origin": "list" if whole_or_half(score) else "text",
                        "source": {"page": b.page, "block": b.index, "start": m.start(),
                                   "end": m.end(), "quote": m.group(0)}})
    if out:
        return out
    # 2) headings that carry a weight, scored in their section: （1）绩效目标合理性（3分）… 得分3分
    stack: list = []  # (level, name)
    current = children = None  # (children: a scored heading's numbered rows, read under it)
    for at, b in enumerate(doc.blocks):
        if b.kind != TABLE and not b.numbering and stack and (line := _WEIGHTED_LINE.match(b.text)):
            # an unnumbered indicator line (经济效益和社会效益（6分）：): a sibling of the last
            # indicator, or a child of the heading above when there is none yet
            # (right under a weighted heading, its child: 决策（15分，得12分） over 项目立项（5分）得5分)
            parent = current["path"][:-1] if current is not None and not current.get("heading") \
                else [n for _, n in stack]
            name = clean_name(line.group(0))
            # (the heading above may name it: （一）投入指标 over 投入指标（20分）得分18.5分)
            path = parent if parent and parent[-1] == name else parent + [name]
            current = {"path": path, "weight": bracketed_weight(b.text), "score": None,
                       "origin": "text", "source": {"page": b.page, "block": b.index, "quote": b.text}}
            out.append(current)
            current["score"] = _line_score(b.text[line.end():], current["weight"])
            siblings = list(_SIBLING.finditer(b.text, line.end()))
            if siblings and current["score"] is not None:
                current["origin"] = "list"  # (points awarded one indicator after another, as written)
            for m in siblings:
                current = {"path": path[:-1] + [clean_name(m["name"])], "weight": Decimal(m["weight"]),
                           "score": Decimal(m["score"]), "origin": "list",
                           "source": {"page": b.page, "block": b.index, "start": m.start("name"), "end": m.end(),
                                      "quote": b.text[m.start("name"):m.end()]}}
                out.append(current)
            continue
        if b.level and (b.kind == HEADING or _heads_scored_rows(b, doc.blocks[at + 1:at + 2])):
            after = _SCORE_AFTER_WEIGHT.search(b.text)
            name = clean_name(b.text[len(b.numbering or ""):after.start() if after else len(b.text)])
            stack = [(lvl, n) for lvl, n in stack if lvl < b.level] + [(b.level, name)]
            weight = bracketed_weight(b.text)
            current, children = None, None
            if weight is not None:
                current = {"path": [n for _, n in stack], "weight": weight, "score": None, "origin": "text",
                           "source": {"page": b.page, "block": b.index, "quote": b.text}, "heading": True}
                out.append(current)
                awarded = BRACKETED_WEIGHT.search(b.text)
                # (决策（15分，得12分）, or 决策（15分），得分12分: its score beside its weight)
                at = (awarded, 2) if awarded[2] else (after, "score") if after else None
                if at is not None:
                    current["score"] = Decimal(at[0][at[1]])
                    current["origin"] = "list"  # (points awarded against the weight beside them: whole points are exact)
                    current["score_source"] = {"page": b.page, "block": b.index, "start": at[0].start(at[1]),
                                               "end": at[0].end(at[1]), "quote": at[0][at[1]]}
                    children = {"parent": current["path"], "style": None}
            continue
        if children is not None and b.kind != TABLE and b.numbering \
                and (child := _numbered_child(b, children)) is not None:
            # （一）项目立项（5分），得5分。… under 一、决策（15分），得分14分: its rows, of the first
            # numbering style under it
            out.append(child)
            continue
        if b.kind == TABLE:
            continue
        if current is not None and current["score"] is None:
            scores = list(_SECTION_SCORE.finditer(b.text))
            if scores:
                m = scores[-1]  # the conclusion of the section: 得分按4分计算
                current["score"] = Decimal(m.group("score"))
                current["score_source"] = {"page": b.page, "block": b.index, "start": m.start("score"),
                                           "end": m.end("score"), "quote": m.group(0)}
    for i in out:
        i.pop("heading", None)  # (the reader's own mark, no part of the record)
    # a heading written twice with the same weight (绩效指标（90分） over each page of a form's
    # table) heads a table's pages, not a section scored in its text
    seen = Counter((tuple(i["path"]), i["weight"]) for i in out)
    out = [i for i in out if seen[(tuple(i["path"]), i["weight"])] == 1]
    _drop_common_prefix(out)
    if not out:
        # 2b) lines of full marks and score (决策类指标满分15分，得14分。其中…)
        out = indicator_lines(doc)
    if not out:
        # 2c) numbered paragraphs each with its weight and score (2、产出30分，自评得分28分。)
        out = numbered_score_indicators(doc)
    # 3) the summary sentence with the first-level scores and the total
    return out + summary_indicators(doc, out)


# a 小计 with its score (小计得分18分), or with its 分值 then its score (a table row: 小计20分17.5分)
_SUBTOTAL_SCORE = regex.compile(r"(?:小计|合计)(?:得分)?(?:为)?\s*(?P<score>\d+(?:\.\d+)?)\s*分"
                                r"(?:\s*(?P<after>\d+(?:\.\d+)?)\s*分)?")

_SCORE_RIGHT_AFTER = 2  # characters between a weight and the score that follows it as its own (：, 实)


def _line_score(tail: str, weight: Optional[Decimal] = None) -> Optional[Decimal]:
    """The score of an indicator stated on its weight's line: its 小计 when it has one, the
    score right after its weight, else the line's one score. Several scores after sub-items' own weights (项目立项（6分）得6分，
    绩效目标（8分）得7分) are theirs: the line's own is not known. A 小计 row of 分值 and score
    is the line's only where its 分值 is the line's weight (小计40分37分 on a line cut from its
    group's is the group's)."""
    sub = _SUBTOTAL_SCORE.search(tail)
    if sub and sub.group("after"):
        own = weight is None or Decimal(sub.group("score")) == weight
        return Decimal(sub.group("after")) if own else None
    if sub:
        return Decimal(sub.group("score"))
    scores = list(_SECTION_SCORE.finditer(tail))
    if scores and scores[0].start() <= _SCORE_RIGHT_AFTER:
        return Decimal(scores[0].group("score"))  # （20分）得分18.5分，…其中…得11分: its own comes first
    if not scores or (len(scores) > 1 and BRACKETED_WEIGHT.search(tail)):
        return None
    return Decimal(scores[-1].group("score"))


def _drop_common_prefix(indicators: list) -> None:
    """Headings above every indicator (三、部门整体支出绩效评价分析) are not indicators."""
    paths = [i["path"] for i in indicators]
    while paths and all(len(p) > 1 for p in paths) and len({p[0] for p in paths}) == 1:
        for i in indicators:
            i["path"] = i["path"][1:]
        paths = [i["path"] for i in indicators]
