"""A fund block a text layer wrote column by column: the rows' labels first (年度资金总额 | 其中：
财政拨款 | 其他资金), then each money column's figures for all the rows in turn (年初预算数 260.00
260.00 0, 全年预算数 285.00 285.00 0, …), then the total row's 分值, 执行率 and 得分 (the other
rows leave those cells empty, which the text does not keep). Read so only where the block's own
arithmetic says so: in some money column the total is the sum of the other rows, or the
total's 执行率 is its 执行数 over a budget column. A mixin of FormReader (form_reader.py)."""
from __future__ import annotations

from decimal import Decimal
from typing import Optional

from .form_unit_cells import unit_cell
from .form_facts import value_of
from .form_vocab import fund_column_kind, is_na, value_type

_SCORE_MOST = Decimal(100)  # a 分值 or 得分 of a form's fund block is at most the form's 100


class ColumnWiseFunds:
    def _read_fund_columns(self, i: int, last: Optional[tuple] = None) -> Optional[int]:
        """The index after the block's figures from i, read column by column into the queued
        rows (and `last`, (label, slot) of the label right before i); None (nothing read) where
        they are not written so."""
        labels = self.queued_rows + ([last] if last else [])
        columns = list(self.fund_columns)
        kinds = [fund_column_kind(c) for c in columns]
        money = next((k for k, kind in enumerate(kinds) if kind != "amount"), len(kinds))
        rows = len(labels)
        if rows < 2 or money < 2 or labels[0][1] != "total":
            return None
        run, j = [], i
        while j < len(self.tokens) and len(run) < rows * money + len(columns) - money:
            token = unit_cell(self.tokens[j])
            if not (value_type(token.text) in ("num", "pct") or is_na(token.text)):
                break
            run.append(token)
            j += 1
        rest = run[rows * money:]
        if len(run) < rows * money or len(rest) not in (0, len(columns) - money) or any(value_type(t.text) != "num" for t in run[:rows * money]):
            return None
        if not all(_fits(kind, t) for kind, t in zip(kinds[money:], rest)):
            return None
        by_column = [run[c * rows:(c + 1) * rows] for c in range(money)]
        if not (any(_total_of_the_rest(figures) for figures in by_column)
                or _rate_of_the_total(columns[:money], [f[0] for f in by_column], columns[money:], rest)):
            return None
        for r, (label, slot) in enumerate(labels):
            pairs = [(columns[c], "amount", by_column[c][r]) for c in range(money)]
            if r == 0:
                pairs += [(c, kind, t) for c, kind, t in zip(columns[money:], kinds[money:], rest)]
            self._record_fund_row(label, slot, pairs, [t for _, _, t in pairs])
        self.queued_rows = []
        self.last = max(self.last, j - 1)
        return j


def _fits(kind: str, token) -> bool:
    if is_na(token.text):
        return True
    if kind == "percent":
        return value_type(token.text) == "pct"
    return value_type(token.text) == "num" and (kind != "score" or value_of(token.text) <= _SCORE_MOST)


def _total_of_the_rest(figures: list) -> bool:
    """Is the first figure the sum of the others, to the digits they are written with?"""
    values = [value_of(t.text) if not is_na(t.text) else Decimal(0) for t in figures]
    if len(values) < 2 or values[0] == 0:
        return False
    places = max(-v.as_tuple().exponent for v in values)
    return abs(values[0] - sum(values[1:])) <= Decimal(len(values)) * Decimal(5).scaleb(-places - 1)


def _rate_of_the_total(money: list, totals: list, others: list, rest: list) -> bool:
    """Is the total row's 执行率 its 执行数 over one of its budget columns?"""
    rates = [t for c, t in zip(others, rest) if fund_column_kind(c) == "percent" and value_type(t.text) == "pct"]
    spent = [value_of(t.text) for c, t in zip(money, totals) if c == "全年执行数"]
    if not rates or not spent:
        return False
    rate = value_of(rates[0].text)
    # (half the rate's last digit, and a hundredth of a point for the figures' own rounding)
    slack = Decimal(5).scaleb(min(rate.as_tuple().exponent, 0) - 1) + Decimal("0.01")
    return any(abs(spent[0] / value_of(t.text) * 100 - rate) <= slack
               for c, t in zip(money, totals) if c != "全年执行数" and value_of(t.text))
