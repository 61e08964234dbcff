"""Points in rows whose cells a document-sharing site ran together, on forms that score each
indicator by a coefficient of its weight (得分系数 | 指标权重 | 指标得分 | 是否核心指标):
…100%22否 is 得分系数 100%, 指标权重 2, 指标得分 2, 是否核心指标 否; the budget row's 76%107.6
is 执行率 76%, 权重 10, 得分 7.6. The digits between the rate and the next words are cut only
where exactly one reading makes the score the weight times the rate (to the score's digits),
the score no more than the weight, the weight at most 100, no figure with a leading 0 it does
not need. Both become facts in 分.
"""
from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

import regex

from ..model import TABLE, Document
from .form_vocab import spec
from .numbers import POINTS_FIGURE, as_written

_TAIL = regex.compile(r"(?<![\d.])(?P<coef>\d{1,3}(?:\.\d{1,2})?)%(?P<run>\d[\d.]{1,9}?)(?=[是否]|\p{Han})")


@lru_cache(maxsize=1)
def _coefficient_header() -> regex.Pattern:
    return regex.compile("|".join(map(regex.escape, spec()["coefficient_columns"])))


def glued_point_facts(doc: Document, make_fact) -> list:
    """Facts for the weights and scores run together after a row's coefficient, in a
    document whose form has a coefficient column; `make_fact(block, start, end, unit, label)`
    builds one (None for a figure that is a fact already: then the run is left to it)."""
    blocks = [b for b in doc.blocks if b.kind != TABLE]
    if not any(_coefficient_header().search(b.text) for b in blocks):
        return []
    out = []
    for block in blocks:
        for m in _TAIL.finditer(block.text):
            cut = _cut(m["run"], Decimal(m["coef"]))
            if cut is None:
                continue
            base = m.start("run")
            for (a, b), label in zip(((0, cut), (cut, len(m["run"]))), ("指标权重", "指标得分")):
                fact = make_fact(block, base + a, base + b, "分", label)
                if fact is None:
                    break
                fact.extra["run"] = {"text": m.group(), "coefficient": m["coef"] + "%"}
                out.append(fact)
    return out


def _cut(run: str, coefficient: Decimal):
    """Where the run splits into weight and score with score = weight × coefficient; None
    unless exactly one place does."""
    fits = []
    for k in range(1, len(run)):
        weight, score = run[:k], run[k:]
        if not (POINTS_FIGURE.fullmatch(weight) and POINTS_FIGURE.fullmatch(score)):
            continue
        w, s = Decimal(weight), Decimal(score)
        if not 0 < w <= 100 or s > w:
            continue
        decimals = len(score.split(".")[1]) if "." in score else 0
        if as_written(w * coefficient / 100, s, decimals):
            fits.append(k)
    return fits[0] if len(fits) == 1 else None
