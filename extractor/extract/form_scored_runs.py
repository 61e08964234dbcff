"""Indicator rows run together under a header that puts the weight between the target and the
result (指标名称 计量单位 指标性质 指标值 指标权重 全年完成值 指标得分 说明), as a document-sharing
site gives a department form with no cell breaks: a name, its unit, its comparator, then one run
of digits holding the target, the weight, the result and the score (河道巡查覆盖率%≥95109810 is
≥95 | 10 | 98 | 10).

A run is cut only where the row's own scoring says so, as these forms score a quantitative
indicator: the whole weight where the result meets the target under its comparator, else the
weight scaled by how far it got (result ÷ target; target ÷ result for a ceiling, ≤), to the
decimals the score is written with. Exactly one cut must do so, or the run is left as it is.
The pieces become tokens of their own for the form reader (patterns/forms.json, scored_runs)."""
from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from itertools import combinations
from typing import Optional

import regex

from ..patterns import load_json
from .form_tokens import Token
from .form_vocab import vocab
from .numbers import within_last_digit

_NUMBER = regex.compile(r"(?:0|[1-9]\d*)(?:\.\d{1,2})?")
_LONGEST_RUN = 24  # four figures of a row; a longer run is something else's digits
_HEADER_WINDOW = 200  # characters of the tokens before a run the header is looked for in


@lru_cache(maxsize=1)
def _patterns() -> tuple:
    spec = load_json("forms.json")["scored_runs"]
    units = "|".join(regex.escape(u) for u in sorted(vocab()["cell_units"], key=len, reverse=True))
    row = regex.compile(rf"(?P<unit>{units})(?P<cmp>[≥≤＞＜><=＝]?)(?P<run>\d[\d.]*)")
    header = regex.compile(spec["header"])
    lead = regex.compile(rf"(?:{'|'.join(map(regex.escape, spec['trailing_columns']))})")
    return row, header, lead


def split_scored_runs(tokens: list) -> list:
    """`tokens` with each run-together row under such a header cut into its cells."""
    row, header, lead = _patterns()
    out: list = []
    seen = ""  # the text of the tokens before, spaces dropped (the header may span several)
    for t in tokens:
        # (the header in the tokens before, or in this one before its rows)
        first = row.search(t.text)
        before = seen + (regex.sub(r"\s+", "", t.text[:first.start()]) if first else "")
        pieces = _row_pieces(t, row, lead, _header_end(t.text, first.start(), header)) \
            if first and header.search(before) else None
        out.extend(pieces or [t])
        seen = (seen + regex.sub(r"\s+", "", t.text))[-_HEADER_WINDOW:]
    return out


def _header_end(text: str, first_row: int, header) -> int:
    """Where the rows start in a token that holds the header too: after the header's last
    column word (说明 included); 0 where the header stands in the tokens before."""
    m = None
    for m in header.finditer(text, 0, first_row):
        pass
    return m.end() if m else 0


def _row_pieces(t: Token, row, lead, start: int = 0) -> Optional[list]:
    """The token cut into each row's name, unit, target, weight, result and score (and the
    words around them) from `start` (the text before it a piece of its own), where every row
    it holds cuts one way; None otherwise."""
    if t.positional:
        return None
    pieces, pos = ([t.piece(0, start)] if start else []), start
    for m in row.finditer(t.text):
        cut = _one_cut(m["run"], m["cmp"])
        # (a name the label finder cut off before its unit stands in the token before)
        if cut is None or not regex.search(r"\p{Han}", t.text[pos:m.start()]) and m.start() > 0:
            return None
        name_at = pos
        if pos == start and (head := lead.match(t.text, pos)):
            pieces.append(t.piece(pos, head.end()))  # (the header's last word run into the first row's name)
            name_at = head.end()
        if m.start() > name_at:
            pieces.append(t.piece(name_at, m.start()))
        pieces.append(t.piece(m.start("unit"), m.end("unit")))
        at = m.start("run")
        pieces.append(t.piece(m.start("cmp"), at + cut[0]))
        pieces += [t.piece(at + a, at + b) for a, b in zip(cut, cut[1:] + (len(m["run"]),))]
        pos = m.end()
    if not pieces:
        return None
    if pos < len(t.text):
        pieces.append(t.piece(pos, len(t.text)))
    return pieces


def _one_cut(run: str, comparator: str) -> Optional[tuple]:
    """Where the run's target, weight, result and score start after the first, (end of target,
    end of weight, end of result), when exactly one cut scores as the form does."""
    if len(run) > _LONGEST_RUN:
        return None
    # (a row that leaves its 指标性质 empty sets a target to reach: a floor or an exact one)
    comparators = [comparator] if comparator else ["≥", "="]
    fits = []
    for i, j, k in combinations(range(1, len(run)), 3):
        parts = run[:i], run[i:j], run[j:k], run[k:]
        if not all(_NUMBER.fullmatch(p) for p in parts):
            continue
        target, weight, result, score = map(Decimal, parts)
        if 0 < weight <= 100 and score <= weight and _near(target, result) \
                and any(_scored(target, weight, result, score, c) for c in comparators):
            fits.append((i, j, k))
    return fits[0] if len(fits) == 1 else None


_FARTHEST = 10  # a result more than this many times its target (or less than its tenth) is misread


def _near(target: Decimal, result: Decimal) -> bool:
    """Are a target and its result of one order (a ceiling of nothing met by nothing too)?"""
    if target == 0 or result == 0:
        return target == result or target == 0
    return 1 / Decimal(_FARTHEST) <= result / target <= _FARTHEST


def _scored(target: Decimal, weight: Decimal, result: Decimal, score: Decimal, comparator: str) -> bool:
    """Is the score what the weight earns: whole where the result meets the target, else the
    weight scaled by how far the result got, to the score's written decimals?"""
    met = {"≥": result >= target, "＞": result > target, ">": result > target, "≤": result <= target,
           "＜": result < target, "<": result < target, "=": result == target, "＝": result == target}[comparator]
    if met:
        return score == weight
    if comparator in "≤＜<":
        share = target / result if result else None
    else:
        share = result / target if target else None
    if share is None or share >= 1 or (score == 0) != (share == 0):
        return False  # (a score of 0 for a result above nothing is no scaled weight's)
    return within_last_digit(weight * share, score)
