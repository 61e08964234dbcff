"""A first-level indicator's weight written in brackets without its unit at the start of a
score table's row: 决策（15） 项目立项 立项依据充分性 3 …, 产出指标（50） | 数量指标 | …. With 分
written (产出指标（50分）) the figure is a score already; bare, the figure is one only where
the name before it is a first-level indicator's (patterns/forms.json level1) and the document
has a score column (分值, 权重) for it to be the weight of."""
from __future__ import annotations

from functools import lru_cache

import regex

from ..model import TABLE, Document
from ..patterns import load_json

_POINTS_COLUMN = regex.compile(r"分值|权重")


@lru_cache(maxsize=1)
def _level_weight() -> regex.Pattern:
    names = sorted(load_json("forms.json")["level1"], key=len, reverse=True)
    alt = "|".join(regex.escape(n) for n in names if not regex.search(r"[（(]", n))
    # at a line's start, the figure alone in its brackets, then the row's next cell
    return regex.compile(rf"^[ \t]*(?:{alt})(?:指标)?[ \t]*[（(][ \t]*(?P<weight>[1-9]\d?(?:\.\d{{1,2}})?)[ \t]*[)）]"
                         r"(?=[ \t]|\p{Han})", regex.M)


def level_weights(doc: Document, make_fact) -> list:
    """Score facts for the bracketed first-level weights of `doc`'s text rows. `make_fact(block,
    start, end, written_unit, label)` builds one (None for a figure already a fact)."""
    texts = [b for b in doc.blocks if b.kind != TABLE]
    if not any(_POINTS_COLUMN.search(b.text) for b in texts):
        return []  # no score column anywhere: a bracketed figure is no weight
    out = []
    for block in texts:
        for m in _level_weight().finditer(block.text):
            fact = make_fact(block, m.start("weight"), m.end("weight"), "分", "分值")
            if fact is not None:
                out.append(fact)
    return out
