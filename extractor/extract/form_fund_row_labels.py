"""Where a fund row's label stands in a token a text layer ran together with figures: a 其中
row's label and figures run on after the row before's (…96.93%109.69其中：中央…), a row's label
run into its own figures (年度资金总额55100%20), after the header's last word (原因总额…), or
finishing a label a space broke (当年财政 | 拨款387664.62…). form_fund_runs.py cuts the runs."""
from __future__ import annotations

from typing import Optional

import regex

from .form_tokens import Token
from .form_vocab import bare, vocab

_PART_LABEL = regex.compile(r"^其中[:：]\p{Han}{2,12}?(?=\d)")
# a 其中 row's label run into the figures of the row before it (…96.93%109.69其中：中央…)
_PART_AFTER_FIGURES = regex.compile(r"(?<=[\d%—－-])(?=其中[:：]\p{Han}{2,12}?\d)|(?<=\d)(?=其中$)")


def parts_apart(t: Token) -> list:
    """The token cut where a 其中 row's label and figures start right after another row's
    figures, so that each row's run is cut on its own."""
    if t.positional:
        return [t]
    cuts = [m.start() for m in _PART_AFTER_FIGURES.finditer(t.text)]
    bounds = [0, *cuts, len(t.text)]
    return [t.piece(a, b) for a, b in zip(bounds, bounds[1:])] if cuts else [t]


# a row's words right before its figures (the label, maybe after the header's last word)
_WORDS_BEFORE_RUN = regex.compile(r"^\p{Han}{2,24}(?=\d)")
_MOST_WORDS_BEFORE_LABEL = 4  # (原因 | 总额: the header's last column run into the first row's label)


def label_then_run(t: Token, before: Optional[Token]) -> Optional[tuple]:
    """(the token before joined to the label's start it holds, or None; the words before the
    run as tokens; the run; whether the row is a total) for a token of a row's label and its
    figures run together: a 其中 row's label (其中：中央车购税补助), a fund row's label of the
    vocabulary, maybe after a few words of the header before it (原因总额: the longest label the
    words end with), or the end of a label whose start is the token `before` on its line
    (当年财政 | 拨款387664.62…: a space the form wrapped the label's cell at); None otherwise."""
    rows = vocab()["fund_row"]
    part = _PART_LABEL.match(t.text)
    if part is not None:
        return None, [t.piece(0, part.end())], t.piece(part.end(), len(t.text)), False
    opening = _WORDS_BEFORE_RUN.match(t.text)
    if opening is None:
        return None
    end = opening.end()
    run = t.piece(end, len(t.text))
    if before is not None and not before.positional and before.block is t.block and before.line == t.line \
            and bare(before.text) not in rows and (key := bare(before.text) + opening.group()) in rows:
        joined = Token(t.block.text[before.start:t.start + end], t.block, before.start, t.start + end, before.line,
                       before.col, False)
        return joined, [], run, rows[key] == "total"
    label_at = _row_label_at(opening.group())
    if label_at is None or label_at > _MOST_WORDS_BEFORE_LABEL:
        return None
    words = ([t.piece(0, label_at)] if label_at else []) + [t.piece(label_at, end)]
    return None, words, run, rows[t.text[label_at:end]] == "total"


def _row_label_at(words: str) -> Optional[int]:
    """Where the longest fund row label of the vocabulary that `words` end with starts."""
    rows = vocab()["fund_row"]
    return next((k for k in range(len(words) - 1) if words[k:] in rows), None)
