"""Score tables whose rows give 权重, 得分 and 得分率 run together, as document-sharing previews
give a department's evaluation table (指标权重得分得分率 / 决策1513.590% / 绩效指标明确性4375% /
合计10089.589.5%): each row a name, then its 分值, 得分 and 得分率 with no break between them.

A row's run is cut only where its own arithmetic leaves one reading: 得分率 is 得分 ÷ 分值 to the
digits it is written with, 得分 at most 分值, 分值 at most 100, no figure with a leading 0 it does
not need. Rows are read from the header on up to the first that no single cut fits. The table
gives facts only (分值, 得分 in 分, 得分率 in %): its levels are not written apart from its
rows, so which rows make which sum is not known and the score rules are not asked.
"""
from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from typing import Optional

import regex

from ..model import Document
from .numbers import POINTS_FIGURE, as_written
from .score_run_text import TOTAL_NAME, Places, Tree, tables_after_headers
from .worded_score_table import column_words

_ROW = regex.compile(r"\s*(?:\d{1,2}、\s*)?(?P<name>[^\d\s%][^\d%\n]{0,29}?)(?P<run>\d[\d.]*)%")
_RATE = regex.compile(r"(?:[1-9]\d{0,2}|0)(?:\.\d{1,2})?")
_FEWEST_ROWS = 3


@lru_cache(maxsize=1)
def _header() -> regex.Pattern:
    return regex.compile(rf"(?:指标名称|评价指标|指标)\s*(?:{column_words('weight_columns')})\s*"
                         rf"(?:{column_words('score_columns')})\s*得分率")


def rated_score_tables(doc: Document) -> list:
    """The score tables of `doc` whose rows run 权重, 得分 and 得分率 together, each a Tree."""
    return tables_after_headers(doc, _header(), _read, lambda text: "得分率" in text)


def _read(text: str, place: Places, at: int) -> Optional[Tree]:
    tree, pos, rows = Tree(), at, 0
    while True:
        m = _ROW.match(text, pos)
        if m is None:
            break
        cut = _cut(m["run"])
        if cut is None:
            break
        a = m.start("run")
        spans = [(a + x, a + y) for x, y in cut]
        rate_span = (spans[2][0], spans[2][1])
        if not place.within_one_block(spans):
            break
        name = regex.sub(r"\s+", "", m["name"])
        path = ("合计",) if TOTAL_NAME.match(name) else (name,)
        tree.figures += [place.figure(spans[0], text, "分值", path),
                         place.figure(spans[1], text, "总分" if path == ("合计",) else "得分", path),
                         place.figure(rate_span, text, "得分率", path, "%")]
        tree.runs += place.covers(a, m.end())
        rows += 1
        pos = m.end()
        if path == ("合计",):
            break
    return tree if rows >= _FEWEST_ROWS else None


def _cut(run: str) -> Optional[list]:
    """[(start, end)] of 分值, 得分 and 得分率 in the run, where exactly one cut makes the rate
    the score over the weight to its written digits."""
    readings = []
    for k in range(1, len(run) - 1):
        if not POINTS_FIGURE.fullmatch(run, 0, k):
            continue
        weight_end = k
        for j in range(k + 1, len(run)):
            if not POINTS_FIGURE.fullmatch(run, k, j) or not _RATE.fullmatch(run, j):
                continue
            weight, score, rate = Decimal(run[:weight_end]), Decimal(run[k:j]), Decimal(run[j:])
            if not 0 < weight <= 100 or score > weight:
                continue
            if as_written(score / weight * 100, rate, len(run[j:].partition(".")[2])):
                readings.append([(0, weight_end), (k, j), (j, len(run))])
    return readings[0] if len(readings) == 1 else None
