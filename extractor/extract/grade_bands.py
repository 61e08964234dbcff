"""The grade bands a report states for itself: 优（90分（含）以上）、良（80-89分）、中
（60-79分）、差（60分以下）, or 90分以上为优，80—89分为良…. The checker compares the
stated grade with these bands when the report gives them, else with the usual ones."""
from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from typing import Optional

import regex

from ..model import TABLE, Document
from ..patterns import load_json
from .sentences import SENTENCE_END, sentence_spans

_ITEM_BREAK = regex.compile(r"[，,；;、。\n]")


@lru_cache(maxsize=1)
def _patterns() -> dict:
    v = load_json("documents.json")["grade_bands"]
    grade = "|".join(map(regex.escape, v["grade_words"]))
    link = "|".join(map(regex.escape, v["link_words"]))
    return {
        "grade_first": regex.compile(rf"(?P<grade>{grade})\s*[：:]?\s*[（(](?P<range>.+)[)）]\s*$"),
        "range_first": regex.compile(rf"(?P<range>.*\d.*?)\s*(?:{link})\s*[“\"「]?(?P<grade>{grade})(?![\p{{Han}}])"),
        "range": regex.compile(v["range"]), "between": regex.compile(v["between"]),
        "at_least": regex.compile(v["at_least"]), "below": regex.compile(v["below"]),
        "any_grade": regex.compile(grade),
    }


def stated_grade_bands(doc: Document) -> Optional[dict]:
    """{"bands": [{grade, low, high, high_inclusive}], "source": …} from the first sentence
    that states at least two bands, or None."""
    p = _patterns()
    for block in doc.blocks:
        if block.kind == TABLE:
            continue
        # (a sentence, not a clause group: bands are often one a clause, 90分以上为“优秀”；75分至
        # 90分为“良好”；…)
        for start, end in sentence_spans(block.text, SENTENCE_END):
            text = SENTENCE_END.sub("", block.text[start:end])
            end = start + len(text)
            if "分" not in text or len(set(p["any_grade"].findall(text))) < 2:
                continue
            bands = [b for b in map(_parse_item, _items(text)) if b]
            if len({b["grade"] for b in bands}) >= 2:
                return {"bands": bands, "source": {"page": block.page, "block": block.index, "start": start,
                                                   "end": end, "quote": text}}
    return None


def _items(sentence: str) -> list:
    """Split at top-level separators only, so 优（90分（含）以上） stays one item."""
    items, depth, start = [], 0, 0
    for i, ch in enumerate(sentence):
        depth += ch in "（("
        depth -= ch in "）)"
        if depth <= 0 and _ITEM_BREAK.match(ch):
            items.append(sentence[start:i])
            start = i + 1
    items.append(sentence[start:])
    return [i.strip() for i in items if i.strip()]


_LONGEST_ITEM = 40  # 优（90分（含）以上）, 80—89分（含80分）为良: a band is a short item


def _parse_item(item: str) -> Optional[dict]:
    if len(item) > _LONGEST_ITEM:
        return None  # a long run (a form flattened to one line) holds no band, and the patterns backtrack on it
    p = _patterns()
    m = p["grade_first"].search(item) or p["range_first"].search(item)
    if not m:
        return None
    rng, grade = m.group("range"), m.group("grade")
    r = p["range"].search(rng)
    if r:
        return {"grade": grade, "low": Decimal(r.group("a")), "high": Decimal(r.group("b")),
                "high_inclusive": r.group("b_mark") != "不含"}
    r = p["between"].search(rng)  # 80分≤得分<90分: both bounds, the high one by its mark
    if r:
        return {"grade": grade, "low": Decimal(r.group("a")), "high": Decimal(r.group("b")),
                "high_inclusive": r.group("b_mark") in ("≤", "<=", "≦")}
    r = p["at_least"].search(rng)
    if r:
        return {"grade": grade, "low": Decimal(r.group("a") or r.group("a2")), "high": None, "high_inclusive": False}
    r = p["below"].search(rng)
    if r:
        return {"grade": grade, "low": None, "high": Decimal(r.group("b") or r.group("b2")), "high_inclusive": False}
    return None


_GRADED = regex.compile(r"(?P<score>\d{1,3}(?:\.\d{1,2})?)\s*分\s*[，,]?\s*(?:评价|绩效|考核)?(?:等级|等次|结果)"
                        r"(?:为|是|：|:)?\s*[“\"「（(]?(?P<grade>优秀|良好|合格|不合格|较差|一般|优|良|中|差)")


def graded_scores(doc: Document) -> list:
    """Every score the text states with its grade (东至县91.75分，评价等次优秀；贵池区81分，
    评价等次良好), as [{score, grade, source}]: the grades the report gives in practice."""
    out = []
    for block in doc.blocks:
        # (a page that sets its text in a table's cells, as some sites lay an article out, states
        # its grades in a cell: 绩效评价整体得分85.81分，评价等次优秀 whole in one cell)
        texts = ([(cell.text, {"table": block.index, "row": r, "col": c})
                  for r, row in enumerate(block.table.rows) for c, cell in enumerate(row) if cell.merged_from is None]
                 if block.kind == TABLE else [(block.text, {})])
        for text, where in texts:
            for m in _GRADED.finditer(text):
                out.append({"score": Decimal(m["score"]), "grade": m["grade"],
                            "source": {"block": block.index, "page": block.page, **where, "start": m.start(),
                                       "end": m.end(), "quote": m.group(0)}})
    return out
