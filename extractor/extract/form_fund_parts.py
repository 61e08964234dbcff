"""A fund block's 其中 rows whose amounts a text layer ran together with no rate to cut them by
(按收入性质分：财政拨款 5702.46155.85960.35——— 其他资金 160160160———): their cells are cut
where the rows add up, column by column, to the total row above them (5862.4 | 6315.8 |
6120.35), each run of rows that makes the total a breakdown of its own (按收入性质分, 按支出性质
分). The cut is taken only when exactly one way of cutting every row makes every column add
up; a row that fits no way leaves all of them as they were.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Optional

import regex

from .form_fund_points import pointed_cells
from .form_vocab import bare, label_prefixes, vocab
from .numbers import parse_arabic

# a part row's figures run together, then maybe the dashes of its rate and points cells
_PART_RUN = regex.compile(r"^(?P<figures>\d[\d.]{3,})(?=[—－/\-]|\p{Han}|\s*$)")
# an amount cell, or a 0 (0.00 as a row of amounts in two decimals writes it; no leading 0 it
# does not need)
_AMOUNT_OR_ZERO = regex.compile(r"0(?:\.0+)?|[1-9]\d*(?:\.\d+)?|0\.\d*[1-9]\d*")
MAX_AMOUNT_CHARS = 12  # 123456789.00: no amount cell of a form is longer (and the cuts stay few)
_FIGURE = regex.compile(r"\d[\d,]*(?:\.\d+)?")
_LEADING_DASHES = regex.compile(r"^\s*[—－/\-]+")
_REST_OF_ROW = regex.compile(r"\d[\d.]*%?|[—－/\-]+")
_MOST_SOLUTIONS = 2  # (one is the answer; a second says there is none)


def split_part_runs(tokens: list, total_amounts: int) -> list:
    """Tokens with the run-together amounts of the 其中 rows under each total cut where their
    columns add up to the total's. `total_amounts`: how many money columns the fund header
    puts before the rate (0: not known, nothing is cut)."""
    if total_amounts < 2:
        return tokens
    rows = vocab()["fund_row"]
    out = list(tokens)
    k = 0
    while k < len(out):
        if rows.get(bare(out[k].text)) != "total":
            k += 1
            continue
        totals = _total_amounts(out, k + 1, total_amounts)
        parts = _part_runs(out, k + 1 + total_amounts, rows) if totals else []
        cuts = _cuts(totals, [out[i].text[:m.end()] for i, m in parts]) if len(parts) >= 2 else None
        if cuts is None:
            cuts = _pointed_cuts(out[k + 1:k + 1 + total_amounts], parts, total_amounts) if totals else None
        if cuts is None:
            k += 1
            continue
        for (i, m), cut in sorted(zip(parts, cuts), key=lambda p: p[0][0], reverse=True):
            t = out[i]
            pieces = [t.piece(a, b) for a, b in cut] + ([t.piece(m.end(), len(t.text))] if t.text[m.end():].strip() else [])
            out[i:i + 1] = pieces
        k += 1
    return out


def _pointed_cuts(total_cells: list, parts: list, n: int) -> Optional[list]:
    """Each 其中 row's run cut where its decimal points fix its cells, when the rows do not add
    up to the total (a row left empty in one column, 96.0096.0093.18 over 14.5014.50; or the
    form's own slip) and every cell of the total and of the runs is written with the same
    number of decimals; None unless every run cuts so."""
    places = {parse_arabic(t.text.strip())[1] for t in total_cells}
    if len(places) != 1 or not (decimals := places.pop()):
        return None
    cuts = []
    for i, m in parts:
        cut = pointed_cells(m["figures"], n)
        if cut is None or any(parse_arabic(m["figures"][a:b])[1] != decimals for a, b in cut):
            return None
        cuts.append(cut)
    return cuts or None


def _total_amounts(tokens: list, i: int, n: int) -> Optional[list]:
    """The total row's first n cells, when they are n figures each a token of its own."""
    cells = [t.text.strip() for t in tokens[i:i + n]]
    if len(cells) < n or not all(_FIGURE.fullmatch(c) for c in cells):
        return None
    return [Decimal(c.replace(",", "")) for c in cells]


def _part_runs(tokens: list, i: int, rows: dict) -> list:
    """(token index, match) of each 其中 row's run of figures after the total: a row's label,
    then its figures run together; a breakdown's name (按收入性质分：) may stand before a
    label, and the next row's label may be run on after a row's figures and dashes."""
    found = []
    for _ in range(4):  # past the rest of the total row (分值 | 执行率 | 得分)
        if i < len(tokens) and _REST_OF_ROW.fullmatch(tokens[i].text.strip()):
            i += 1
    label = tokens[i].text if i < len(tokens) else ""
    while i + 1 < len(tokens):
        key = _row_label(label)
        if rows.get(key) in (None, "total"):
            if not key and label.strip() or label_prefixes().fullmatch(key):
                # 按收入性质分：the breakdown's name alone, or 其中：cut from its row's label
                i += 1
                label = tokens[i].text
                continue
            break
        m = _PART_RUN.match(tokens[i + 1].text)
        if m is None or tokens[i + 1].positional:
            break
        found.append((i + 1, m))
        rest = _LEADING_DASHES.sub("", tokens[i + 1].text[m.end():])
        i += 1 if rest.strip() else 2  # (a label run on after the dashes is the next row's)
        label = rest if rest.strip() else (tokens[i].text if i < len(tokens) else "")
    return found


def _row_label(text: str) -> str:
    """A fund row's label without its breakdown's name (按收入性质分：财政拨款) or the dashes of
    the row before it (———基本支出)."""
    return label_prefixes().sub("", bare(_LEADING_DASHES.sub("", text)))


def _cuts(totals: list, runs: list) -> Optional[list]:
    """For each run its cut into as many amounts as `totals`, where consecutive runs make up
    groups whose columns add up to the totals; None unless exactly one way does."""
    n = len(totals)
    options = [list(amount_cells(run, 0, n)) for run in runs]
    solutions: list = []

    def place(r: int, sums: list, size: int, chosen: list):
        if len(solutions) >= _MOST_SOLUTIONS:
            return
        if r == len(runs):
            if size == 0:
                solutions.append(list(chosen))
            return
        for cut in options[r]:
            values = [Decimal(runs[r][a:b]) for a, b in cut]
            new = [s + v for s, v in zip(sums, values)]
            if any(s > t for s, t in zip(new, totals)):
                continue
            chosen.append(cut)
            if new == totals:
                if size + 1 >= 2:  # a breakdown has two rows or more
                    place(r + 1, [Decimal(0)] * n, 0, chosen)
            else:
                place(r + 1, new, size + 1, chosen)
            chosen.pop()

    place(0, [Decimal(0)] * n, 0, [])
    return solutions[0] if len(solutions) == 1 else None


def within_total(amounts: list, weight: Optional[Decimal], total: Optional[tuple]) -> bool:
    """Does a 其中 row's reading keep within its total row's `total` (its largest amount, its
    分值 or None): no amount above the total's largest (a part is no more than its total, column
    by column), and its 分值, where it writes one, the total's (a part's points copy its
    total's)? 7.2 | 97.2 | 97.2 | 9 under a total of 7.29 | 7.29 | 7.29 | 10.00 does not."""
    if total is None:
        return True
    largest, total_weight = total
    return all(a <= largest for a in amounts) and (weight is None or total_weight is None or weight == total_weight)


def amount_cells(figures: str, pos: int, n: int):
    """Every cut of figures[pos:] into n amounts (a 0 among them: the count of cells is
    known, so a 0 glued on no longer reads every way — 03030 is 0 | 30 | 30)."""
    if n == 1:
        if _AMOUNT_OR_ZERO.fullmatch(figures, pos) and len(figures) - pos <= MAX_AMOUNT_CHARS:
            yield [(pos, len(figures))]
        return
    for end in range(pos + 1, min(len(figures), pos + MAX_AMOUNT_CHARS) + 1):
        if _AMOUNT_OR_ZERO.fullmatch(figures, pos, end):
            for rest in amount_cells(figures, end, n - 1):
                yield [(pos, end)] + rest
