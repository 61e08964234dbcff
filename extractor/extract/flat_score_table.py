"""Score tables flattened into running text with a space between cells, as a document-sharing
site or a copied page gives them: 指标 权重 评分结果 备注 投入 预算执行率 2.33 0.15 专款专用率
2.33 2.33 … 合计 100.00 81.56. After a header naming the indicator column, then a 分值 column
and a 得分 column right after it (patterns/forms.json, flat_score_table), each indicator is a
name followed by its 分值 and 得分 a space apart; group names (投入, 产出) and remarks (目标值 2
座) stand between them.

A run is a table only when its own arithmetic says so: the 分值 adding up to the 合计 row's,
rows that are groups (投入 20 18 before its own rows) read where their 分值 are the sums of the
rows under them (the 得分 then are the score.tree rule's to check against the total). A table the excerpt cuts off before its 合计 row is read when the text ends inside it
with enough whole rows; one that runs into prose without a total is left alone.
"""
from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from typing import Optional

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
_MOST_READINGS = 16
_HAN = regex.compile(r"\p{Han}")


@lru_cache(maxsize=1)
def _header() -> regex.Pattern:
    spec = load_json("forms.json")
    words = spec["flat_score_table"]
    alt = lambda ws: "|".join(regex.escape(w) for w in sorted(ws, key=len, reverse=True))
    weight = alt(spec["indicator_columns"]["weight"])
    score = alt(spec["indicator_columns"]["score"] + words["score_columns"])
    return regex.compile(rf"(?:{alt(words['name_columns'])})\s*(?:{weight})\s*(?:{score})")


def flat_score_tables(doc: Document) -> list:
    """The score tables of `doc` written as running text a space between cells, each a Tree."""
    if not any(regex.search(r"\d[ \t\u3000]+\d", b.text) for b in doc.blocks if b.kind != TABLE):
        return []  # no two figures a space apart: a cheap test first
    out = []
    for text, place in runs_of_text(doc):
        for header in _header().finditer(text):
            if header.start() and _HAN.match(text[header.start() - 1]) and place.of(header.start())[1]:
                continue  # the name column is a word of its own, not the end of 三级指标
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
    weights = [value(p, 1) for _, p in rows]
    if any(w == 0 for w in weights):
        return None
    if total is None or _adds_up(weights, total.group(1)):
        parents = [None] * len(rows)  # every row an indicator of its own
    else:
        parents = _grouping(rows, Decimal(total.group(1)))
        if parents is None:
            return None
    # a 得分 above its 分值 is the score rules' to flag where the 分值 add up; elsewhere it says
    # these are not the two columns
    if sum(value(p, 2) > value(p, 1) for _, p in rows) > (1 if total is not None else 0):
        return None
    spans = [p.span(g) for _, p in rows for g in (1, 2)] + ([total.span(1), total.span(2)] if total else [])
    if not place.within_one_block(spans):
        return None
    tree = Tree()
    for (name, pair), parent in zip(rows, parents):
        path = (name,) if parent is None else (rows[parent][0], name)
        tree.figures += [place.figure(pair.span(1), text, "分值", path),
                         place.figure(pair.span(2), text, "得分", path)]
        tree.indicators.append((path, value(pair, 1), value(pair, 2), place.source(pair.span(2), text)))
    if total is not None:
        tree.figures += [place.figure(total.span(1), text, "分值", ("合计",)),
                         place.figure(total.span(2), text, "总分", ("合计",))]
        tree.indicators.append((("合计",), value(total, 1), value(total, 2), place.source(total.span(2), text)))
    return tree


def _grouping(rows: list, total: Decimal) -> Optional[list]:
    """Rows that are groups with their own subtotals (投入 20 18 | 预算执行率 10 9 | 资金到位率
    10 9 | 产出 …): each row's parent row (None at the first level) in the one reading where
    every group's 分值 is the sum of the rows under it and the first level's add up to the
    total's; a reading whose groups' 得分 also add up is preferred. None when no reading, or
    more than one, fits."""
    weights = [Decimal(p.group(1)) for _, p in rows]
    scores = [Decimal(p.group(2)) for _, p in rows]
    found: list = []

    def level(i: int, budget: Decimal, parent: Optional[int], acc: list):
        """Readings of rows from i whose weights under `parent` use up `budget`."""
        if len(found) > _MOST_READINGS:
            return
        if budget == 0:
            if parent is not None:
                yield i, acc
            elif i == len(rows):
                found.append(acc)
            return
        if i >= len(rows) or weights[i] > budget:
            return
        # the row as an indicator of this level
        yield from level(i + 1, budget - weights[i], parent, acc + [parent])
        if parent is None:  # or as a group whose rows follow it (two levels at most)
            for j, under in level(i + 1, weights[i], i, acc + [None]):
                if j - i > 2:  # a group of at least two rows
                    yield from level(j, budget - weights[i], None, under)

    for _ in level(0, total, None, []):
        pass
    found = [f for f in found if any(p is not None for p in f)]
    consistent = [f for f in found if all(
        sum(scores[k] for k, p in enumerate(f) if p == g) == scores[g] for g in set(f) if g is not None)]
    readings = consistent or found
    return readings[0] if len(readings) == 1 else None


def _adds_up(weights: list, total: str) -> bool:
    """Do the 分值 add up to the total's, to the half unit of their last digit each?"""
    places = max([len(total.partition(".")[2])] + [-w.as_tuple().exponent for w in weights])
    slack = Decimal(5) / 10 ** (places + 1) * len(weights)
    return abs(sum(weights) - Decimal(total)) <= slack
