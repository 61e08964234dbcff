"""Score tables flattened into running text with a space between cells, as a document-sharing
site or a copied page gives them: 指标 权重 评分结果 备注 投入 预算执行率 2.33 0.15 专款专用率
2.33 2.33 … 合计 100.00 81.56. After a header naming the indicator column, then a 分值 column
and a 得分 column right after it (patterns/forms.json, flat_score_table), each indicator is a
name followed by its 分值 and 得分 a space apart; group names (投入, 产出) and remarks (目标值 2
座) stand between them.

A run is a table only when its own arithmetic says so: every 得分 at most its 分值, and the
分值 adding up to the 合计 row's (the 得分 then are the score.tree rule's to check against the
total). A table the excerpt cuts off before its 合计 row is read when the text ends inside it
with enough whole rows; one that runs into prose without a total is left alone.
"""
from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

import regex

from ..model import TABLE, Document
from ..patterns import load_json
from .numbers import POINTS
from .score_run_text import TOTAL_NAME, Places, Tree, runs_of_text

# 分值 and 得分 a space apart, neither the piece of a longer figure nor followed by a unit
_PAIR = regex.compile(rf"(?<![\d.])({POINTS})[ \t\u3000]+({POINTS})(?![\d.]|\s*(?:[%％‰]|[万亿]?元|人|户|个|次|项|座|所|家))")
_MOST_BETWEEN = 60  # more words between two rows are prose: the table has ended
_FEWEST_ROWS = 3
_FEWEST_ROWS_CUT_OFF = 5  # a table the excerpt cuts off, with no total to check it by


@lru_cache(maxsize=1)
def _header() -> regex.Pattern:
    spec = load_json("forms.json")
    words = spec["flat_score_table"]
    alt = lambda ws: "|".join(regex.escape(w) for w in sorted(ws, key=len, reverse=True))
    weight = alt(spec["indicator_columns"]["weight"])
    score = alt(spec["indicator_columns"]["score"] + words["score_columns"])
    return regex.compile(rf"(?<!\p{{Han}})(?:{alt(words['name_columns'])})\s*(?:{weight})\s*(?:{score})")


def flat_score_tables(doc: Document) -> list:
    """The score tables of `doc` written as running text a space between cells, each a Tree."""
    if not any(regex.search(r"\d[ \t\u3000]+\d", b.text) for b in doc.blocks if b.kind != TABLE):
        return []  # no two figures a space apart: a cheap test first
    out = []
    for text, place in runs_of_text(doc):
        for header in _header().finditer(text):
            tree = _read(text, place, header.end())
            if tree is not None:
                tree.covers = place.covers(header.start(), place.end_of(tree))
                out.append(tree)
    return out


def _read(text: str, place: Places, at: int):
    rows, total, ended = [], None, False
    pos = at
    for pair in _PAIR.finditer(text, at):
        between = text[pos:pair.start()].strip()
        words = between.split()
        if len(between) > _MOST_BETWEEN or not words or not regex.search(r"\p{Han}", words[-1]):
            ended = True  # prose, or figures with no name before them: the table ended
            break
        if TOTAL_NAME.match(words[-1]):
            total = pair
            break
        rows.append((words[-1], pair))
        pos = pair.end()
    if total is None:
        # no total row: read only a table the text ends inside (an excerpt cut off mid-row)
        rest = text[pos:]
        if ended or len(rest) > _MOST_BETWEEN or regex.search(r"[。；！？]", rest) or len(rows) < _FEWEST_ROWS_CUT_OFF:
            return None
    if len(rows) < _FEWEST_ROWS:
        return None
    value = lambda m, g: Decimal(m.group(g))
    if any(value(p, 2) > value(p, 1) or value(p, 1) == 0 for _, p in rows):
        return None  # a 得分 above its 分值: these are not the two columns
    if total is not None and not _adds_up([value(p, 1) for _, p in rows], total.group(1)):
        return None
    spans = [p.span(g) for _, p in rows for g in (1, 2)] + ([total.span(1), total.span(2)] if total else [])
    if not place.within_one_block(spans):
        return None
    tree = Tree()
    for name, pair in rows:
        tree.figures += [place.figure(pair.span(1), text, "分值", (name,)),
                         place.figure(pair.span(2), text, "得分", (name,))]
        tree.indicators.append(((name,), value(pair, 1), value(pair, 2), place.source(pair.span(2), text)))
    if total is not None:
        tree.figures += [place.figure(total.span(1), text, "分值", ("合计",)),
                         place.figure(total.span(2), text, "总分", ("合计",))]
        tree.indicators.append((("合计",), value(total, 1), value(total, 2), place.source(total.span(2), text)))
    return tree


def _adds_up(weights: list, total: str) -> bool:
    """Do the 分值 add up to the total's, to the half unit of their last digit each?"""
    places = max([len(total.partition(".")[2])] + [-w.as_tuple().exponent for w in weights])
    slack = Decimal(5) / 10 ** (places + 1) * len(weights)
    return abs(sum(weights) - Decimal(total)) <= slack
