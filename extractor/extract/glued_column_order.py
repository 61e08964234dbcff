"""The order of a run-together form's value columns (指标值 / 实际值 / 分值 / 得分) as its
indicator header names them: the order form_glued.py cuts a row's run of figures in. The
header's words may run together up to its first value column, or its value columns' line come
out before its level words; a header that names its 分值 权重 weighs its rows as shares."""
from __future__ import annotations

from functools import lru_cache
from typing import Optional

from .form_vocab import bare, vocab
from .glued_worded_rows import UNWEIGHTED_ORDER

_ORDER_SLOTS = ("target", "actual", "weight", "score")


def header_order(tokens: list) -> Optional[list]:
    """The order of 指标值 / 实际值 / 分值 / 得分 in the form's first indicator header, or
    None when the stream has none."""
    v = vocab()
    for i, t in enumerate(tokens):
        key = bare(t.text)
        if key not in v["ind_head"] and not runs_into_header(key):
            continue
        # (a header whose words ran together up to its first value column: 一级指标…年度指标值)
        first = next((v["ind_col"][c] for c in _ind_col_words() if key.endswith(c) and key != c), None)
        order = _slots([first] if first in _ORDER_SLOTS else [], _up_to_rows(tokens[i + 1:i + 16]))
        if is_complete_order(order):
            return order
        # a header whose value columns' line came out before its level words (年度指标值
        # 实际完成值 分值 得分 … 一级指标 二级指标 三级指标 指标性质 指标值 度量单位): the
        # columns just before the level words, target and result among them
        order = _slots([], tokens[max(0, i - 8):i])
        if is_complete_order(order) and order[:2] == ["target", "actual"]:
            return order
    return None


def indicator_header_at(tokens: list) -> int:
    """Where the indicator block's header starts (its first level word), or the end."""
    return next((k for k, t in enumerate(tokens) if bare(t.text) in vocab()["ind_head"]), len(tokens))


def _up_to_rows(tokens: list) -> list:
    """The tokens up to the first row's level name (产出, 数量指标): a column word after it is no
    header's (自评分 in the prose after a table with no 得分 column)."""
    v = vocab()
    end = next((k for k, u in enumerate(tokens) if bare(u.text) in v["level1"] or bare(u.text) in v["level2"]),
               len(tokens))
    return tokens[:end]


def _slots(order: list, tokens: list) -> list:
    """The order with the value columns the tokens name appended, each once."""
    for u in tokens:
        slot = vocab()["ind_col"].get(bare(u.text))
        if slot in _ORDER_SLOTS and slot not in order:
            order = order + [slot]
    return order


def is_complete_order(order: list) -> bool:
    """Does the order name every column of a row (not only the target and the result a
    scrambled header leaves)?"""
    return len(order) == len(_ORDER_SLOTS) or order == UNWEIGHTED_ORDER


def weights_as_shares(tokens: list) -> bool:
    """Does the indicator header name its 分值 column 权重 (a share of the whole, which a
    form may write as 20%)?"""
    return any(bare(t.text).startswith("权重") and vocab()["ind_col"].get(bare(t.text)) == "weight" for t in tokens)


@lru_cache(maxsize=1)
def _ind_col_words() -> list:
    """The indicator columns' words, longest first."""
    return sorted(vocab()["ind_col"], key=len, reverse=True)


def runs_into_header(key: str) -> bool:
    """Is the token an indicator header's words run together (绩效指标一级指标二级指标三级指标
    年度指标值): two level words or more in it?"""
    return len(key) <= 40 and sum(w in key for w in vocab()["ind_head"]) >= 2
