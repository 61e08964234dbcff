"""A department form's task block (年度主要任务) run together with no cell breaks, as a text
layer or a sharing site flattens it: 年度主要任务任务名称主要内容预算数执行数, then each task's
name and what it is run into its money (农村公路建设农村公路新改建…工程3200.003150.60公路养护…).

The header's 任务名称 is set apart so the task reader (form_tasks.py) finds its money columns;
each row's money is cut off its words where the figures' decimal points fix exactly as many
amounts as the header has money columns (pointed_cells), never by a guess.
"""
from __future__ import annotations

from typing import Optional

import regex

from .form_fund_points import pointed_cells
from .form_tokens import Token
from .form_vocab import bare, spec, vocab

_MOST_HEADER_CELLS = 6  # the money columns stand right after 任务名称 and its words columns
# a run of figures between a row's words and the next row's (or the block's end)
_RUN = regex.compile(r"(?:(?<=[\p{Han}）)”\"])|^)\d[\d.]*(?=[\p{Han}“\"（(]|$)")


def split_task_runs(tokens: list, stop: int) -> list:
    """The tokens with the task block's header word set apart and each of its rows' money cut
    off the words before it, for tokens before `stop` (the indicator block's header)."""
    head = next((k for k, t in enumerate(tokens[:stop]) if not t.positional and _task_word(t.text)), None)
    if head is None:
        return tokens
    out = tokens[:head] + _header_apart(tokens[head])
    money = _money_columns(tokens[head + 1:head + 1 + _MOST_HEADER_CELLS])
    for t in tokens[head + 1:stop]:
        out.extend(_row_cut(t, money) if money >= 2 and not t.positional else [t])
    return out + tokens[stop:]


def _task_word(text: str) -> Optional[str]:
    return next((w for w in sorted(spec()["task_header"], key=len, reverse=True) if w in text), None)


def _header_apart(t: Token) -> list:
    """年度主要任务任务名称主要内容 as 年度主要任务 | 任务名称 | 主要内容."""
    word = _task_word(t.text)
    a = t.text.index(word)
    b = a + len(word)
    return [p for p in (t.piece(0, a), t.piece(a, b), t.piece(b, len(t.text))) if p.text.strip()]


def _money_columns(after: list) -> int:
    """How many money columns (预算数, 执行数 …) the header names right after its word."""
    kinds = spec()["fund_column_kinds"]
    return sum(1 for t in after if kinds.get(vocab()["fund_col"].get(bare(t.text))) == "amount")


def _row_cut(t: Token, money: int) -> list:
    """The token cut at each run of figures between words whose decimal points make exactly
    `money` amounts (3200.003150.60: 3200.00 | 3150.60)."""
    pieces, pos = [], 0
    for m in _RUN.finditer(t.text):
        cut = pointed_cells(m.group(), money)
        if cut is None or len(cut) != money:
            continue
        if t.text[pos:m.start()].strip():
            pieces.append(t.piece(pos, m.start()))
        pieces.extend(t.piece(m.start() + a, m.start() + b) for a, b in cut)
        pos = m.end()
    if not pieces:
        return [t]
    if t.text[pos:].strip():
        pieces.append(t.piece(pos, len(t.text)))
    return pieces
