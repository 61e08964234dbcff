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
_PARTS = regex.compile(r"^\s*其中[：:，,]?")
_PART = regex.compile(r"(?P<name>[^\s，,。；;：:、\d]{2,12}?)(?:得分|得)?(?:为)?\s*(?P<score>\d+(?:\.\d+)?)\s*分\s*(?:[、，,；;]|$)")
_NOT_SUB_SCORES = regex.compile(r"扣|满分|分值|权重|减")


def indicator_lines(doc: Document) -> list:
    """The indicators of `doc` stated one a line (see the module), or [] where fewer than
    two lines state one."""
    out = []
    for b in doc.blocks:
        if b.kind == TABLE:
            continue
        for m in _LINE.finditer(b.text):
            name = m["name"]
            out.append({"path": [name], "weight": Decimal(m["weight"]), "score": Decimal(m["score"]),
                        "origin": "list", "source": _source(b, m, "score")})
            out += _sub_scores(b, name, m.end())
    return out if sum(1 for i in out if len(i["path"]) == 1) >= 2 else []


def _sub_scores(b, parent: str, at: int) -> list:
    """The sub-scores a 其中 right after the parent's sentence lists, to the end of its
    sentence."""
    text = b.text
    _, end = sentence_bounds(text, at, SENTENCE_END)
    rest = text[end + 1:] if end < len(text) else ""
    opened = _PARTS.match(rest)
    if opened is None:
        return []
    lo = end + 1 + opened.end()
    _, hi = sentence_bounds(text, lo, SENTENCE_END)
    clause = text[lo:hi]
    # the list is the clause's first run of items: words after it (扣分原因是…) end it
    items = []
    pos = 0
    for m in _PART.finditer(clause):
        if m.start() != pos:
            break
        items.append(m)
        pos = m.end()
    if len(items) < 2 or any(_NOT_SUB_SCORES.search(m["name"]) for m in items):
        return []
    return [{"path": [parent, m["name"]], "weight": None, "score": Decimal(m["score"]), "origin": "list",
             "source": {"page": b.page, "block": b.index, "start": lo + m.start("score"), "end": lo + m.end("score"),
                        "quote": m.group(0).rstrip("、，,；;")}} for m in items]


def _source(b, m, group: str) -> dict:
    return {"page": b.page, "block": b.index, "start": m.start(group), "end": m.end(group), "quote": m.group(0)}
