"""Breakdowns: which figures are parts of which total, by the words 其中 / 包括 / 分别为 in
the text (breakdowns_in: which figures before a marker its list may break down, which of the
list's figures are the total's parts, what the relation says of them; how far a marker's list
goes is breakdown_lists.py's, which figure is its total, where the sentence's own figures do
not say, breakdown_totals.py's), or by the 其中 lines of a total in labelled lines
(labelled_values.py marks them). A list followed by its 合计 is listed_totals.py's.
"""
from __future__ import annotations

from decimal import Decimal

import regex

from ..numbers import parse_chinese_numeral
from .breakdown_lists import MarkerList, kinds_listed, marker_list
from .breakdown_totals import list_items_before, listed_before, named_just_before, stated_earlier, total_before
from .list_parts import CLAUSE_BREAK, ends_with_the_rest, is_change, last_years_base, list_parts, reduces
from .wording import per_unit, relation_patterns, similarity, vocabulary


# the end of a text that closes its last sentence
_SENTENCE_CLOSED = regex.compile(r"[。！？；;.!?）)”」]\s*$")


def labelled_breakdowns(facts: list) -> list:
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
                    "marker": "其中", "complete": False, "labelled": True,
                    "source": {"block": total.source["block"], "page": total.source.get("page")}})
    return out


def breakdowns_in(block, facts: list, spans: list, ends_document: bool = False) -> list:
    """Totals and their parts. A marker's scope runs to the end of its sentence, or to
    the closing bracket when the marker sits in brackets (总额1.5万元（其中…1.5万元）), or to
    the next marker; a second marker in one sentence (其中 A…，包括 A1、A2；B) opens a
    sub-list, scoped to its clause group, whose total is the figure its wording names.
    `ends_document`: the block is the document's last; a list running into its end with no
    sentence closed (an excerpt or a site's preview cut off) is marked cut_off, its parts
    maybe not all there."""
    out = []
    text = block.text
    cut_at = len(text) if ends_document and not _SENTENCE_CLOSED.search(text) else None
    found = list(relation_patterns()["markers"].finditer(text))
    for k in range(len(found)):
        marker = marker_list(text, facts, spans, found, k)
        if marker is None:
            continue
        for kind in kinds_listed(text, marker):
            of_kind = [f for f in marker.after if f.kind == kind]
            if kind == "score":
                # points break down only as deductions (共扣4.5分，其中决策扣1分…); a score and its
                # sub-scores are score.tree's
                of_kind = [f for f in of_kind if f.label == _DEDUCTION]
            if not of_kind:
                continue
            # a list of changes breaks down a change (比上年增加…，其中人员经费增加…); else
            # a change on last year is neither the total nor a part: it is said of the figure before it
            changes = is_change(of_kind[0])
            totals = _candidate_totals(text, facts, spans, found, marker, kind, of_kind, changes, out)
            if not totals:
                continue
            picked = _total_and_parts(text, marker, totals, of_kind, changes)
            if picked is None:
                continue
            total, parts = picked
            out.append(_breakdown(block, facts, marker, kind, total, parts, totals, cut_at))
            break  # (one breakdown a marker: its figures of another kind make no second list of it)
    return out


def _candidate_totals(text: str, facts: list, spans: list, found: list, marker: MarkerList, kind: str, of_kind: list,
                      changes: bool, out: list) -> list:
    """The figures the list of `kind` (of_kind its figures) may break down, the likeliest last;
    `out` the breakdowns the block's earlier markers made."""
    m, k, si, s_start, before, group = marker.m, marker.k, marker.si, marker.s_start, marker.before, marker.group
    opens_sentence = marker.opens_sentence
    # (an item of an earlier list of the sentence is no total, unless the marker follows it
    # right after: 按建设内容分，项目总投资1,350万元，其中：…)
    totals = [f for f in before if f.kind == kind and not f.approx and is_change(f) == changes
              and not per_unit(f) and (not listed_before(found, k, f, s_start)
                                       or not text[f.source["end"]:m.start()].strip(" ，,：:"))
              and (kind != "score" or f.label == _DEDUCTION)]
    if not before and not opens_sentence and si > 0:
        # 项目支出892.6万元。项目支出包括：…: the words before the marker name a figure of
        # the sentence before, which the list breaks down
        totals = named_just_before(text, facts, spans, si, m.start(), kind)
    if opens_sentence:
        if marker.counted or marker.names_parts:
            # the sentence right before, when it states just one such figure
            lo, hi = spans[si - 1]
            totals = [f for f in facts if lo <= f.source["start"] < hi and f.kind == kind and not f.approx]
            if len(totals) != 1 or is_change(totals[0]) != changes:
                return []
        else:
            totals = total_before(facts, spans, si, kind, changes, of_kind[0])
    # last year's level a change is measured from (较上年的48,260万元) is no total of this
    # year's parts while this year's figure stands beside it
    totals = [f for f in totals if not last_years_base(f)] or totals
    if opens_sentence and not changes:
        # a list opening its sentence breaks down a figure before it at least as large as
        # its first part (…县级296万元。按项目分：除险加固2,540万元…: the 2,960万元, not the
        # 296), the one its figures add up to where one does (收入48,240.36万元…。按基金类别分：
        # 统筹基金31,675.20万元，个人账户16,565.16万元: not the 单位缴费31,812.44万元 listed last)
        totals = [f for f in totals if f.value >= of_kind[0].value] or totals
        summed = sum(f.value for f in of_kind)
        totals = [f for f in totals if f.value != summed] + [f for f in totals if f.value == summed]
        if totals and abs(totals[-1].value - summed) * 10 > summed:
            # …任务1,120户。改造对象为贫困户736户，低保户228户…。按改造方式分，重建612户，修缮508户:
            # a second list of the whole a sentence further up states, not of a figure before
            # it that is far from the list's sum (a near miss is the list's own total, slipped)
            totals += stated_earlier(facts, spans, si, kind, summed)
        # the figures before it all parts of a list before (按来源分：… 。按基金类别分：…): a
        # second breakdown of that list's whole
        listed = {pid: rel["total"] for rel in out for pid in rel["parts"]}
        if totals and all(f.id in listed for f in totals):
            whole = next(f for f in facts if f.id == listed[totals[-1].id])
            totals = [whole] if whole.value >= of_kind[0].value else totals
    if before and before[-1].kind not in (kind, "percent", "money_rate") and totals and not opens_sentence:
        # (护理补贴享受3,980人，其中一级1,520人、二级2,460人，全年发放4,550,400元 after 生活补贴…
        # 全年发放3,202,800元；: the 其中 breaks down the 3,980人; a figure of another kind past a
        # ； is no total of the amounts after it)
        totals = [f for f in totals if f.source["start"] >= group]
    if opener := _last_item_opener(text, s_start, m.start()):
        # (…到位资金613万元，补助情况：(1)甲经费和乙经费分别为3万元和10万元。(2)…: the list
        # of a numbered item breaks down none of the figures before the item; a page
        # flattened to one line runs the items into the total's sentence)
        totals = [f for f in totals if f.source["start"] >= opener]
    if m.group(0).startswith("分别"):
        # (甲支出合计X万元；乙、丙、丁支出合计分别为a、b和c: a list naming its own items
        # after a ； has no total stated before it)
        if group > s_start and "、" in text[group:m.start()]:
            totals = [f for f in totals if f.source["start"] >= group]
    return totals


def _total_and_parts(text: str, marker: MarkerList, totals: list, of_kind: list, changes: bool):
    """(the total the list breaks down, its parts), or None where the list is no sum of a total
    after all: the wording names no total of a sub-list, a table's rows flattened, the parts of
    another subject, a part that comes off, parts that overlap."""
    m = marker.m
    total = totals[-1]
    if marker.nested and len(totals) > 1:
        total = max(reversed(totals), key=lambda f: similarity(f.context, marker.lead_in))
        if similarity(total.context, marker.lead_in) == 0:
            return None  # the wording does not say which figure the sub-list breaks down
    parts = _of_the_total(total, list_parts(total, of_kind, changes, text), text)
    if not parts:
        return None
    if any(_FIGURE_BESIDE.match(text, f.source["end"]) for f in [total] + parts):
        return None  # (基本支出  606.44  719.99 … 其中:公用经费  89.15  95.86: a table's rows flattened, not a list)
    if "包括" in m.group(0) and sum(p.value for p in parts) > total.value \
            and _own_subject(text, total, m.start()):
        return None  # (机关内设9个股室，所属预算单位包括…22个乡镇卫生院: the 22 are no part of the 9)
    if not changes and any(reduces(p) for p in parts):
        return None  # (其中：…调减1.94万元，…: a part that comes off the total, the list is no sum)
    if any(w in text[parts[-1].source["end"]:marker.s_end] for w in vocabulary()["breakdown"]["overlap_words"]):
        return None  # （部分监测户同时享受多项帮扶措施）: the parts overlap, they add up to no total
    return total, parts


def _breakdown(block, facts: list, marker: MarkerList, kind: str, total, parts: list, totals: list, cut_at) -> dict:
    """The breakdown relation of the total and its parts, with what the checker needs to know
    of it: whether the list is complete, cut off or goes on, the other figures it may break
    down, and the figures listed beside the total or after the parts."""
    text, m, s_start, s_end = block.text, marker.m, marker.s_start, marker.s_end
    relation = {"type": "breakdown", "total": total.id, "parts": [f.id for f in parts],
                "marker": m.group(0).rstrip("：:，,"),
                # (a list of parts a sentence after its total, 中央和省级资金分别为…, may name some of them)
                "complete": not marker.interrupted and not marker.names_parts
                and (relation_patterns()["complete"].match(m.group(0)) is not None or ends_with_the_rest(parts)
                     or _counted_before(text[s_start:m.start()], len(parts))),
                "source": {"block": block.index, "page": block.page}}
    if marker.end == cut_at:
        relation["cut_off"] = True
    if _GOES_ON.match(text, parts[-1].source["end"]):
        relation["goes_on"] = True  # …、水资源管理14万元等: the list names some parts only
    if _complete_family(text, m.end(), parts) or _funding_levels_only(parts) and not any(
            f.kind == kind and parts[-1].source["end"] <= f.source["start"] < s_end for f in facts):
        # 基本支出 and 项目支出: the whole by definition; the money of each level that gave
        # (中央、省级、县级资金), when no further figure of the sentence may be a part the
        # list's words did not take (其他资金（包括结转结余）551万元)
        relation["complete_family"] = True
    after_break = regex.search(r"[；;]\s*$", text[total.source["end"]:m.start()]) is not None
    if (marker.opens_sentence or after_break) and len(totals) > 1:
        # 其中 opening a sentence (or a clause group: …，节约资金24.44万元；其中…) may break
        # down any figure before it (实际采购金额386.4万元 rather than the 节约资金33.6万元
        # stated last): the checker tries them
        relation["other_totals"] = [f.id for f in totals[:-1]]
    items = list_items_before(total, facts, text)
    if items:
        relation["total_listed_with"] = [f.id for f in items]  # (the checker tries the list's sum)
    after = [f for f in facts if f.kind == total.kind and not per_unit(f)
             and parts[-1].source["end"] <= f.source["start"] < s_end][:_MOST_AFTER_PARTS]
    if after:
        # (the figures after the list in its sentence, which its words did not take:
        # …其他收入41.92万元；上年结转187.50万元 — the checker tries them as parts too)
        relation["after_parts"] = [f.id for f in after]
    return relation


_MOST_AFTER_PARTS = 3
# a figure with only a space before the next, as a table's row writes its columns (606.44  719.99)
_FIGURE_BESIDE = regex.compile(r"[ \t\u3000]+[-+]?\d[\d,]*(?:\.\d+)?%?(?=[ \t\u3000]|$)")

# a numbered item's opener within a sentence: (1) （2） ⑴ ①, after a mark or a space
_ITEM_OPENER = regex.compile(r"(?:(?<=^|[：:，,。；;\s])[(（]\s*\d{1,2}\s*[)）]|[⑴-⒇①-⑳])")


def _last_item_opener(text: str, start: int, end: int) -> int:
    """Where the last numbered item opened between start and end begins its words (0: none)."""
    return max((m.end() for m in _ITEM_OPENER.finditer(text, start, end)), default=0)


_LEAD_WORD = regex.compile(r"\p{Han}{1,4}$")
# after a list's last part: words saying it goes on (等, 等项目, …)
_GOES_ON = regex.compile(r"\s*(?:[）)]\s*)?(?:等|…|\.\.\.|及其他|以及其他)")


def _of_the_total(total, parts: list, text: str) -> list:
    """Of a list that states two or three quantities of each subject in turn (溪山中学参考1,024人、
    本科上线912人；第二中学参考816人、上线601人…), the parts of the total's quantity (本科上线): those
    whose word before the figure ends like the total's; none when no turn of the list does."""
    lead = lambda f: (_LEAD_WORD.search(text, 0, f.source["start"]) or [""])[0]
    words = [lead(p) for p in parts]
    for k in (2, 3):
        if len(parts) < 2 * k or len(parts) % k:
            continue
        turns = [words[j::k] for j in range(k)]
        # each turn's words end alike, and differently from the other turns'
        ends = [{w[-2:] for w in turn} for turn in turns]
        if not all(len(e) == 1 and "" not in e for e in ends) or len(set.union(*ends)) < k:
            continue
        mine = [j for j, e in enumerate(ends) if lead(total).endswith(next(iter(e)))]
        return parts[mine[0]::k] if len(mine) == 1 else []
    return parts


_CLAUSE_OR_SENTENCE_END = regex.compile(r"[，,；;。！？!?]")


def _own_subject(text: str, total, at: int) -> bool:
    """Does a 包括's clause, past the total's, open with a subject of its own that the total's
    words do not share (机关内设9个股室，所属预算单位包括…)? Its list is then of that subject: X包括
    names X the whole (before 分别为 the words name the parts: 中央和省级资金分别为…). Words that name
    no subject (，主要包括…) leave the list the total's."""
    breaks = list(_CLAUSE_OR_SENTENCE_END.finditer(text, total.source["end"], at))
    if not breaks:
        return False
    lead = regex.sub(r"[^\p{Han}]", "", text[breaks[-1].end():at])
    for word in sorted(vocabulary()["breakdown"]["lead_adverbs"], key=len, reverse=True):
        lead = lead.replace(word, "")
    # (the total's words: those before it and the thing it counts after it, 7个科室)
    own = (total.context or "") + text[total.source["end"]:breaks[0].start()]
    # (a subject of three characters at least: 资金包括… names the money of any figure before it)
    return len(lead) >= 3 and similarity(lead, own) == 0


def _counted_before(lead: str, parts: int) -> bool:
    """Does the sentence before the marker name as many kinds as the list has parts (主要有部门
    预算项目支出、专项预算支出二类支出，…，其中…87.5万元，…2350万元)? Then the list is all of it."""
    counts = [parse_chinese_numeral(m["n"]) if not m["n"].isdigit() else Decimal(m["n"])
              for m in relation_patterns()["counted_kinds"].finditer(lead)]
    return parts >= 2 and len(counts) == 1 and counts[0] == parts


_DEDUCTION = "扣分"


def _complete_family(text: str, start: int, parts: list) -> bool:
    """Are the parts, one each, the members of a family that makes up its whole by
    definition (基本支出 and 项目支出)? Each part's own words, from the one before it (the
    list's marker ending at `start` for the first), name its member (因公出国（境）费 too)."""
    ends = [start] + [p.source["end"] for p in parts[:-1]]
    words = [CLAUSE_BREAK.split(text[a:p.source["start"]])[-1] for a, p in zip(ends, parts)]
    for family in vocabulary()["breakdown"]["complete_families"]:
        if len(parts) == len(family) and all(sum(1 for w in words if member in w) == 1 for member in family):
            return True
    return False


def _funding_levels_only(parts: list) -> bool:
    """Are the parts, one each, the money of three or more different levels of government
    (funding_levels)? Each part's own clause names its level. (Two, 中央 and 省级, are as
    often the main sources only, the county's own share left unsaid.)"""
    levels = [relation_patterns()["funding_levels"].findall(CLAUSE_BREAK.split(p.context)[-1]) for p in parts]
    return len(parts) >= 3 and all(len(found) == 1 for found in levels) and len({f[0] for f in levels}) == len(parts)
