"""A row's cells run together that no cut reads, as a document-sharing site gives a form: the
header says the run holds several cells (目标值 | 完成值 | 得分), so it is never read whole as
one figure — 1144241647.3 is a target, a result and a score, not 1144241647.3 people, though
which digits are which the run does not say.

What the run does say is kept: where the row's 分值 and 得分 end it and exactly one cut of its
tail makes them points of a 100-point form (550209.39.3: 9.3 | 9.3 after a target and a result
that cut more than one way), they are read, and the figures before them stay unread. The form
reader (form_indicators.py) makes no fact of an unread run, drops any a text reader made of it,
and counts the row unread where the points are in it, so no sum over the rows is checked.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Optional

import regex

from .form_tokens import Token
from .glued_cuts import fits_bare_cells
from .numbers import POINTS_FIGURE, same_decimals

_BARE_RUN = regex.compile(r"\d[\d.]*")
# a figure written with more than one decimal point is no one figure (800012767.3631.9)
_TWO_POINTS = regex.compile(r"\d*\.\d*\.")


def holds_cells(run: str, slots: list) -> bool:
    """Can the bare run be read as the header's `slots` run together (figures with no leading
    0 they do not need, points of a 100-point form)? Then it is no one figure."""
    return _BARE_RUN.fullmatch(run) is not None and len(slots) >= 2 and fits_bare_cells(run, slots)


def impossible_figure(run: str) -> bool:
    """Is the run no figure that could be written in one cell (two decimal points)?"""
    return _TWO_POINTS.match(run) is not None


def tail_points_cut(run: str, order: list) -> Optional[tuple]:
    """(where its 分值 starts, where its 得分 starts) of a bare run, for a header that ends with
    them after the target and the result: the one cut of the run's tail into points (得分 ≤ 分值
    ≤ 100) with a target and a result before it, written alike in decimals where two cuts fit
    (15.5 | 15.5, not 5.51 | 5.5); None where none or more than one does."""
    if order[-2:] != ["weight", "score"] or _BARE_RUN.fullmatch(run) is None:
        return None
    before = order[:-2]
    cuts = []
    for k in range(1, len(run) - 1):
        pairs = [(k, j) for j in range(k + 1, len(run)) if _points(run[k:j], run[j:])]
        if pairs and holds_cells(run[:k], before):
            cuts += pairs
    if len(cuts) > 1:
        cuts = [(k, j) for k, j in cuts if same_decimals(run[k:j], run[j:])]
    return cuts[0] if len(cuts) == 1 else None


def _points(weight: str, score: str) -> bool:
    return POINTS_FIGURE.fullmatch(weight) is not None and POINTS_FIGURE.fullmatch(score) is not None \
        and 0 <= Decimal(score) <= Decimal(weight) <= 100 and Decimal(weight) > 0


def unread_run(t: Token, start: int, end: int) -> Token:
    """Characters [start, end) of the token, a run of cells no cut reads, as a token of its own."""
    piece = t.piece(start, end)
    piece.unread_run = True
    return piece


def runs_together_dropped(values: dict, index) -> tuple:
    """(values without the unread runs, whether one held the row's points): each run's place
    is no fact (a text reader's fact of it dropped)."""
    unread = {slot: t for slot, t in values.items() if t is not None and t.unread_run}
    for t in unread.values():
        index.drop_within(t)
    kept = {slot: t for slot, t in values.items() if slot not in unread}
    points_unread = bool(unread) and not ({"weight", "score"} & set(kept))
    return kept, points_unread
