"""When the evaluation took place: 评价时间 | 2018年 8月至 10月 in a form table, or
本单位于2019年6月至7月…进行了绩效评价 in the text."""
from __future__ import annotations

from functools import lru_cache
from typing import Optional

import regex

from ..model import TABLE, Document
from ..patterns import load_json
from .sentences import sentence_bounds


@lru_cache(maxsize=1)
def _patterns() -> tuple:
    v = load_json("documents.json")
    return regex.compile(v["period"]), v["period_keys"], regex.compile(v["period_sentence"])


def evaluation_period(doc: Document) -> Optional[dict]:
    """{"start": "2019-06", "end": "2019-07", "text": …, "source": …} or None. A form
    table's period cell wins over a sentence; of sentences, the first that speaks of the
    evaluation."""
    period, keys, sentence_words = _patterns()
    for block in doc.blocks:
        if block.kind != TABLE:
            continue
        for row in block.table.rows:
            for key_cell, value_cell in zip(row, row[1:]):
                m = period.search(value_cell.text) if key_cell.text.strip() in keys else None
                found = m and _period(m, value_cell.text, {"page": block.page, "block": block.index,
                                                           "table": block.index, "row": value_cell.row, "col": value_cell.col})
                if found:
                    return found
    for block in doc.blocks:
        if block.kind == TABLE:
            continue
        for m in period.finditer(block.text):
            lo, hi = sentence_bounds(block.text, m.start())[0], sentence_bounds(block.text, m.end())[1]
            found = sentence_words.search(block.text, lo, hi) and _period(m, block.text, {"page": block.page,
                                                                                          "block": block.index})
            if found:
                return found
    return None


def _period(m, text: str, where: dict) -> Optional[dict]:
    y1, m1 = int(m.group("y1")), int(m.group("m1"))
    y2 = int(m.group("y2")) if m.group("y2") else y1
    m2 = int(m.group("m2"))
    if not (1 <= m1 <= 12 and 1 <= m2 <= 12) or (y2, m2) < (y1, m1):
        return None
    start, end = f"{y1:04d}-{m1:02d}", f"{y2:04d}-{m2:02d}"
    if m.group("d1"):
        start += f"-{int(m.group('d1')):02d}"
    if m.group("d2"):
        end += f"-{int(m.group('d2')):02d}"
    return {"start": start, "end": end, "text": m.group(0),
            "source": {**where, "start": m.start(), "end": m.end(), "quote": text[m.start():m.end()]}}
