"""Weighted score tables, as the evaluations of projects on international loans publish them
(评价准则 | 权重(%) | 评价分值(百分制) | 加权得分 | 绩效等级: 相关性 20% 95.00 19.00 高度相关 … 项目
绩效 100% / 81.46), its cells a space apart or run together (相关性20%100.0020.00高度相关).

Each criterion's weighted score is its weight times its score; the table is read only where
every row's is, to the digits written, and where the figures after a weight run together
they are cut where exactly one cut makes it so. The criteria become indicators whose 分值 is
the weight in points and whose 得分 is the weighted score, so score.tree checks them against
the table's total.
"""
from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from typing import Optional

import regex

from ..model import Document
from ..patterns import load_json
from .numbers import POINTS, points_cuts
from .score_run_text import Places, Tree, tables_after_headers

_ROW = regex.compile(rf"(?P<name>\p{{Han}}{{2,12}})\s*(?P<weight>\d{{1,3}}(?:\.\d{{1,2}})?)\s*[%％]\s*"
                     rf"(?:(?P<score>{POINTS})\s+(?P<weighted>{POINTS})(?![\d.])|(?P<run>\d[\d.]{{3,12}})(?![\d.]))")
_TOTAL = regex.compile(r"(?P<name>\p{Han}{2,8})\s*(?P<weight>100)\s*[%％]\s*[/／—-]?\s*(?P<weighted>\d{1,3}(?:\.\d{1,2})?)(?![\d.%])")
_MOST_BETWEEN = 12  # a row's grade words (高度相关, 比较满意) before the next criterion


@lru_cache(maxsize=1)
def _header() -> regex.Pattern:
    return regex.compile(load_json("forms.json")["weighted_score_table"]["header"])


def weighted_score_tables(doc: Document) -> list:
    return tables_after_headers(doc, _header(), _read)


def _read(text: str, place: Places, at: int) -> Optional[Tree]:
    rows, pos = [], at
    while True:
        m = _ROW.search(text, pos)
        if m is None or len(text[pos:m.start()].strip()) > _MOST_BETWEEN:
            break
        spans = _cells(text, m)
        if spans is None:
            return None
        rows.append((m["name"], m.span("weight"), *spans))
        pos = m.end()
    total = _TOTAL.search(text, pos)
    if len(rows) < 2 or total is None or len(text[pos:total.start()].strip()) > _MOST_BETWEEN:
        return None
    num = lambda span: Decimal(text[span[0]:span[1]])
    weighted = [num(r[3]) for r in rows]
    if sum(num(r[1]) for r in rows) != 100 or not place.within_one_block(
            [s for r in rows for s in r[1:]] + [total.span("weighted")]):
        return None
    tree = Tree()
    for (name, weight, score, ws), value in zip(rows, weighted):
        tree.figures += [place.figure(score, text, "评价分值", (name,)), place.figure(ws, text, "加权得分", (name,))]
        tree.indicators.append(((name,), num(weight), value, place.source(ws, text)))
    tree.figures.append(place.figure(total.span("weighted"), text, "总分", ("合计",)))
    tree.indicators.append((("合计",), Decimal(100), num(total.span("weighted")), place.source(total.span("weighted"), text)))
    return tree


def _cells(text: str, m) -> Optional[tuple]:
    """(score span, weighted span) of a row, where the weighted score is the weight times the
    score to its digits (a run cut where exactly one cut makes it so); None otherwise."""
    weight = Decimal(m["weight"]) / 100
    if m["run"] is None:
        cuts = [(m.span("score"), m.span("weighted"))]
    else:
        a, b = m.span("run")
        cuts = [((a, k), (k, b)) for k in points_cuts(text, a, b)]
    fits = [c for c in cuts if _weighted(weight, text[slice(*c[0])], text[slice(*c[1])])]
    return fits[0] if len(fits) == 1 else None


def _weighted(weight: Decimal, score: str, weighted: str) -> bool:
    """Is `weighted` the weight times `score`, rounded to its own digits?"""
    places = len(weighted.partition(".")[2])
    return abs(weight * Decimal(score) - Decimal(weighted)) <= Decimal(5) / 10 ** (places + 1) \
        and Decimal(score) <= 100
