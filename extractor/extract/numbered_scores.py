"""A self-evaluation's indicators written as numbered paragraphs, each with its weight and the
score it earned: 2、产出30分，自评得分28分。 over （一）供餐数量（10分）：…，自评得10分。 A report nests
these by the order its numbering styles first appear, not always by the usual outline (1、 may
stand above （一）), so the first style is the first level, the next one the level below it, and a
paragraph of an earlier style closes the levels under it.

A paragraph is an indicator where its name is followed by its weight (in brackets or not) and
it states one score after it (得分28分, 得10分); a paragraph that scores several things (its
sub-items 1)制度建设得4分。2)…) states no score of its own and stands with its weight alone. Read
only where three paragraphs state their scores (fewer are a report's remarks, not its scores)."""
from __future__ import annotations

from decimal import Decimal
from typing import Optional

import regex

from ..model import TABLE, Document

# name, then its weight: （12分）, 30分 before the clause ends, or after a colon as full marks (项目立项：满分8分，)
_ITEM = regex.compile(r"\s*(?P<name>[^\d，,。；;：:（()）、]{2,16}?)\s*(?:[（(]\s*(?:满分|分值)?\s*(?P<w1>\d+(?:\.\d+)?)\s*分\s*[)）]"
                      r"|(?P<w2>\d+(?:\.\d+)?)\s*分(?=\s*[，,：:；;])"
                      r"|[：:]\s*(?:满分|分值|权重)(?:为)?\s*(?P<w3>\d+(?:\.\d+)?)\s*分(?=\s*[，,；;]))")
_SCORE = regex.compile(r"(?<!扣)(?:自评)?(?:得分|得)(?:为)?\s*(?P<score>\d+(?:\.\d+)?)\s*分")
_MIN_ITEMS = 3


def numbered_score_indicators(doc: Document) -> list:
    """Indicator entries (path, weight, score, origin "list", source) of the numbered scored
    paragraphs of `doc`; [] where fewer than three stand."""
    items = []
    styles: list = []  # the numbering styles in the order they first appear
    path: list = []  # (style, name) from the first level down
    for b in doc.blocks:
        if b.kind == TABLE or not b.numbering:
            continue
        item = _item(b)
        if item is None:
            continue
        style = numbering_style(b.numbering)
        if style not in styles:
            styles.append(style)
        depth = styles.index(style)
        if depth > len(path):
            continue  # (a level below one not read: no parent to hang it from)
        path = path[:depth] + [(style, item["name"])]
        # (points awarded one indicator after another, as a score table awards them: whole points are exact)
        items.append({"path": [n for _, n in path], "weight": item["weight"], "score": item["score"],
                      "origin": "list", "source": item["source"]})
    return items if sum(1 for i in items if i["score"] is not None) >= _MIN_ITEMS else []


def _item(b) -> Optional[dict]:
    text = b.text
    m = _ITEM.match(text, len(b.numbering))
    if m is None:
        return None
    scores = list(_SCORE.finditer(text, m.end()))
    # (a paragraph that scores its sub-items in its text states no score of its own: its weight only)
    s = scores[0] if len(scores) == 1 else None
    start, end = (s.start("score"), s.end("score")) if s else (m.start("name"), m.end())
    return {"name": m["name"].strip(), "weight": Decimal(m["w1"] or m["w2"] or m["w3"]),
            "score": Decimal(s["score"]) if s else None,
            "source": {"page": b.page, "block": b.index, "start": start, "end": end,
                       "quote": text[m.start("name"):s.end() if s else m.end()]}}


def numbering_style(numbering: str) -> str:
    """A numbering label's style: （一） and （二） are one, 1、 and 2、 another."""
    return regex.sub(r"[一二三四五六七八九十]+", "一", regex.sub(r"\d+", "1", numbering.strip()))
