"""Indicators stated one a line with their full marks and their score, and the sub-scores a
其中 after them lists: （一）决策类指标满分15分，得14分。其中项目立项5分、绩效目标4分、资金投入5分.

A report that lists its first-level indicators so writes at least two such lines; one line
alone is a sentence about one score, not an indicator tree. Sub-scores are read only when
every item of the 其中 list is a name and its points: a list that deducts (扣2分) or states
other weights (满分5分) is not a list of the parent's sub-scores."""
from __future__ import annotations

from decimal import Decimal

import regex

from ..model import TABLE, Document
from .sentences import SENTENCE_END, sentence_bounds

_LINE = regex.compile(
    r"(?P<name>[^\s，,。；;：:、（）()\d]{2,12}?)(?:类)?(?:指标)?(?:部分)?\s*(?:满分|分值|权重)(?:为)?\s*(?P<weight>\d+(?:\.\d+)?)\s*分"
    r"\s*[，,]\s*(?:实际|评价|自评|最终)?(?:得分|得)(?:为)?\s*(?P<score>\d+(?:\.\d+)?)\s*分")
_NUMBER = r"[（(]?[一二三四五六七八九十\d]{1,2}[)）、.．]\s*"
# a line of its own (after its number) with the weight in brackets: 1.项目决策（分值15分），得分14分；
# only at a line's or sentence's start, or numbered after a ；, where a 其中 list's items
# (项目立项（8分）得8分；绩效目标（6分）得5.5分) never stand, and never after a 其中 (a sentence
# opening with one lists sub-scores)
_BRACKET_LINE = regex.compile(
    rf"(?:(?:^|(?<=。))\s*(?:{_NUMBER})?|(?<=[；;])\s*{_NUMBER})"
    r"(?!其中)(?P<name>[^\s，,。；;：:、（）()\d.．]{2,12}?)(?:类)?(?:指标)?(?:部分)?\s*[（(](?:满分|分值|权重)?(?:为)?\s*"
    r"(?P<weight>\d+(?:\.\d+)?)\s*分[)）]\s*[，,]?\s*(?:实际|评价|自评|最终)?(?:得分|得)(?:为)?\s*(?P<score>\d+(?:\.\d+)?)\s*分",
    regex.M)
_PARTS = regex.compile(r"^\s*其中[：:，,]?")
_PART = regex.compile(r"(?P<name>[^\s，,。；;：:、\d]{2,12}?)(?:得分|得)?(?:为)?\s*(?P<score>\d+(?:\.\d+)?)\s*分\s*(?:[、，,；;]|$)")
# an item with its weight: 资金管理10分，得9.5分（its own items）
_WEIGHTED_PART = regex.compile(
    r"(?P<name>[^\s，,。；;：:、（）()\d]{2,12}?)(?:指标)?\s*(?:(?P<weight>\d+(?:\.\d+)?)\s*分\s*[，,]"
    r"|[（(](?P<weight>\d+(?:\.\d+)?)\s*分[)）]\s*[，,]?)\s*(?:实际|评价)?得(?:分)?(?:为)?"
    r"\s*(?P<score>\d+(?:\.\d+)?)\s*分\s*(?:[（(](?P<inner>[^（）()]*)[)）])?\s*(?:[、，,；;]|$)")
# an item stating its weight as a line does, with the reason for its points after them, the
# items set apart by ；: 立项依据充分性分值3分，得3分；绩效指标明确性分值3分，得2分，部分指标未量化，扣1分；
_REASONED_PART = regex.compile(
    r"(?P<name>[^\s，,。；;：:、（）()\d]{2,16}?)(?:指标)?\s*(?:满分|分值|权重)(?:为)?\s*(?P<weight>\d+(?:\.\d+)?)\s*分\s*[，,]"
    r"\s*(?:实际|评价)?得(?:分)?(?:为)?\s*(?P<score>\d+(?:\.\d+)?)\s*分(?:[，,][^；;。]*)?\s*(?:[；;]|$)")
# a 其中 right after the parent's score, in its sentence: …评价得分17分；其中…
_PARTS_HERE = regex.compile(r"\s*[；;，,]\s*其中[：:，,]?")
_NOT_SUB_SCORES = regex.compile(r"扣|满分|分值|权重|减")


def indicator_lines(doc: Document) -> list:
    """The indicators of `doc` stated one a line (see the module), or [] where fewer than
    two lines state one."""
    out = []
    for b in doc.blocks:
        if b.kind == TABLE:
            continue
        found = {m.start("score"): m for pattern in (_LINE, _BRACKET_LINE) for m in pattern.finditer(b.text)}
        taken = set()  # where the items of a 其中 list read under their parent stand
        for m in (found[k] for k in sorted(found)):
            if m.start("score") in taken:
                continue  # (an item of the list before, written as a line is: no first level)
            name = _named_before(b.text, m) if _DEMONSTRATIVE.fullmatch(m["name"]) else m["name"]
            if name is None:
                continue  # (该指标满分20分，得18分 with no name before it: whose score it is, is not read)
            out.append({"path": [name], "weight": Decimal(m["weight"]), "score": Decimal(m["score"]),
                        "origin": "list", "source": _source(b, m, "score")})
            parts = _sub_scores(b, name, Decimal(m["weight"]), m.end())
            taken |= {p["source"]["start"] for p in parts}
            out += parts
    return out if sum(1 for i in out if len(i["path"]) == 1) >= 2 else []


# a line that names its indicator by pointing back (（一）项目决策指标：该指标满分20分，实际得分18分)
_DEMONSTRATIVE = regex.compile(r"(?:该|本|此)(?:项|类)?(?:指标)?")
_HEAD_BEFORE = regex.compile(rf"(?:^|(?<=[。\n]))\s*(?:{_NUMBER})?(?P<name>[^\s，,。；;：:、（）()\d]{{2,16}}?)"
                             r"(?:类)?(?:指标)?(?:情况)?\s*[：:]\s*$")


def _named_before(text: str, m) -> str | None:
    """The name the line's head gives before the words that point back to it (（一）项目决策指标：
    该指标… → 项目决策), or None."""
    head = _HEAD_BEFORE.search(text, 0, m.start("name"))
    return head["name"] if head is not None else None


def _sub_scores(b, parent: str, weight: Decimal, at: int) -> list:
    """The sub-scores a 其中 lists right after the parent's score (…评价得分17分；其中…) or
    opening the next sentence, to the end of its sentence."""
    text = b.text
    lo = _list_start(text, at)
    if lo is None:
        return []
    _, hi = sentence_bounds(text, lo, SENTENCE_END)
    return _items(b, [parent], weight, text[lo:hi], lo)


def _list_start(text: str, at: int):
    """Where the 其中 list after a parent's score ending at `at` starts, or None."""
    same = _PARTS_HERE.match(text, at)
    if same is not None:
        return same.end()
    _, end = sentence_bounds(text, at, SENTENCE_END)
    opened = _PARTS.match(text[end + 1:]) if end < len(text) else None
    return end + 1 + opened.end() if opened is not None else None


def _items(b, parent: list, weight: Decimal, clause: str, lo: int) -> list:
    """The items of a sub-score list: the clause's first run of items (words after it, 扣分原因
    是…, end it), each a name and its points, or its weight and points with its own items in
    brackets (资金管理10分，得9.5分（资金到位率4分，得4分；…）)."""
    runs = []
    for pattern in (_REASONED_PART, _PART, _WEIGHTED_PART):  # (the first of the longest runs: a weight named 分值 is no name)
        items, pos = [], 0
        for m in pattern.finditer(clause):
            if m.start() != pos:
                break
            items.append(m)
            pos = m.end()
        runs.append(items)
    items = max(runs, key=len)
    if len(items) < 2 or any(_NOT_SUB_SCORES.search(m["name"]) for m in items) \
            and items[0].re is not _REASONED_PART:  # (whose reasons may deduct: 扣1分)
        return []
    if "weight" in items[0].re.groupindex and sum(Decimal(m["weight"]) for m in items) != weight:
        return []  # items whose weights are not all of the parent's: the list goes on past them in words
    out = []
    for m in items:
        weighted = "weight" in m.re.groupindex
        out.append({"path": parent + [m["name"]], "weight": Decimal(m["weight"]) if weighted else None,
                    "score": Decimal(m["score"]), "origin": "list",
                    "source": {"page": b.page, "block": b.index, "start": lo + m.start("score"),
                               "end": lo + m.end("score"), "quote": m.group(0).rstrip("、，,；;")}})
        if weighted and m.groupdict().get("inner"):
            out += _items(b, parent + [m["name"]], Decimal(m["weight"]), m["inner"], lo + m.start("inner"))
    return out


def _source(b, m, group: str) -> dict:
    return {"page": b.page, "block": b.index, "start": m.start(group), "end": m.end(group), "quote": m.group(0)}
