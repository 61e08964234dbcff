"""Fund blocks written in two layouts side by side, a mixin of FundBlockReader (form_funds.py):
blocks set beside each other, each naming its own rows (预算数 | 到位数 | 执行数, every block with
its 其中：财政资金 and 其他), and sources named once under each money column of a two-line header
(全年预算数 over 合计 | 中央资金 | 地方资金, 全年执行数 over the same)."""
from __future__ import annotations

from typing import Optional

from .form_unit_cells import unit_cell
from .form_fund_rows import fund_row
from .form_vocab import bare, canon, fund_column_kind, is_na, value_type, vocab


class SideBySideFunds:
    def _grouped_sources(self, i: int) -> Optional[tuple]:
        """Sources named once under each money column of a two-line header (全年预算数 over
        合计 | 中央资金 | 省级资金 | 市县资金, 全年执行数 over the same names), their figures on the
        next row in the same order, then the rate: (labels, figures, rates, end), or None when
        the names are not the same list once per money column or the figures do not fill it."""
        money, v = self._money_columns(), vocab()
        labels, j = [], i
        while j < len(self.tokens) and (not self.tokens[j].text.strip() or self.tokens[j].merged
                                        or bare(self.tokens[j].text) in v["fund_row"]):
            if self.tokens[j].text.strip() and not self.tokens[j].merged:
                labels.append(self.tokens[j])
            j += 1
        n = len(labels) // len(money) if money else 0
        names = [bare(t.text) for t in labels]
        if (len(money) < 2 or n < 2 or n * len(money) != len(labels) or len(set(names[:n])) != n
                or any(names[g * n:(g + 1) * n] != names[:n] for g in range(len(money)))):
            return None
        values, j = self._figures_from(j, n * len(money), ("num", "na"))
        if len(values) != n * len(money):
            return None
        rates, end = self._figures_from(j, n, ("pct", "na"))
        if len(rates) not in (1, n):
            rates, end = [], j
        return labels[:n], values, rates, end

    def _figures_from(self, j: int, most: int, types: tuple) -> tuple:
        """Up to `most` figures of the types from token j on, empty and merged cells passed over."""
        out = []
        while j < len(self.tokens) and len(out) < most:
            t = unit_cell(self.tokens[j])
            if t.text.strip() and not t.merged:
                if value_type(t.text) not in types:
                    break
                out.append(t)
            j += 1
        return out, j

    def _read_grouped_sources(self, found: tuple) -> int:
        labels, values, rates, end = found
        money, n = self._money_columns(), len(labels)
        rate_column = next((c for c in self.fund_columns if fund_column_kind(c) == "percent"), None)
        for s, label in enumerate(labels):
            slot = vocab()["fund_row"][bare(label.text)]
            row = fund_row(slot, canon(label.text), label.source())
            cells = [(column, values[g * n + s], "amount") for g, column in enumerate(money)]
            if rate_column and (len(rates) == n or len(rates) == 1 and s == 0):
                cells.append((rate_column, rates[s], "percent"))  # one rate alone is the total's
            for column, token, kind in cells:
                self._place_cell(row, token, column, kind)
            self.form["funds"].append(row)
        return end

    def _named_again_after(self, first: int, j: int) -> bool:
        """Is the row's label (just before `first`) written again right after its figures,
        on its row (the first of fund blocks set side by side)? Its figures are then the first
        block's, in its columns."""
        label = self.tokens[first - 1]
        return (j < len(self.tokens) and not label.positional and self._one_row(first - 1, j)
                and canon(self.tokens[j].text) == canon(label.text))

    def _one_row(self, i: int, j: int) -> bool:
        """Do tokens i … j stand on one line, or each on a line of its own (a shape of one cell
        a line, which writes no rows)?"""
        lines = [t.line for t in self.tokens[i:j + 1]]
        return len(set(lines)) == 1 or len(set(lines)) == len(lines)

    def _same_row_beside(self, i: int, slot: str) -> Optional[dict]:
        """The fund row read last, when tokens[i] names it again right after its figures:
        blocks set side by side (预算数 | 到位数 | 执行数, each with its 其中：财政资金 and 其他)
        write one row's label once per block, its figures in the blocks' columns in turn."""
        rows, label = self.form["funds"], self.tokens[i]
        if not rows or self.last_fund_row_end != i or label.positional or not self._one_row(self.last_fund_row_start, i):
            return None
        last = rows[-1]
        return last if last["slot"] == slot and last["label"] == canon(label.text) else None

    def _continue_row(self, row: dict, values: list) -> None:
        """The next block's figures of a row written once per block: into the money columns
        after those the row filled, in the header's order."""
        money = self._money_columns()
        filled = [c for c in money if c in row["cells"] or c in row["na"]]
        columns = money[money.index(filled[-1]) + 1:] if filled else money
        if len(values) > len(columns) or any(value_type(t.text) == "pct" for t in values):
            # more blocks than the header's money columns, or a rate among them: the header
            # was not read whole, so no column (and no sum over the rows) is known; the
            # figures stay facts of the row
            self.form["unread_fund_rows"] += 1
            columns = [None] * len(values)
        for column, token in zip(columns, values):
            if is_na(token.text) or (value_type(token.text) == "num" and token.unit != "分"):
                self._place_cell(row, token, column, "amount")
        row["blank"] = [c for c in row["blank"] if c not in row["cells"]]

    def _place_cell(self, row: dict, token, column: Optional[str], kind: str) -> None:
        """One figure of a row read in these layouts: a dash is "not applicable", a rate is in %,
        an amount in its own unit or the block's (or waits for the block's unit, written after)."""
        if is_na(token.text):
            self.index.not_applicable(token)
            if column:
                row["na"].append(column)
        elif kind == "percent":
            self._place_fund_fact(row, token, "%", column, row["label"], row["slot"])
        elif (unit := token.unit or self._stated_unit) is None:
            self.unit_pending.append((row, token, column, row["label"], row["slot"]))
        else:
            self._place_fund_fact(row, token, unit, column, row["label"], row["slot"])

    def _money_columns(self) -> list:
        """The header's money columns in order, each once (a positional header names a column
        again for every cell it spans)."""
        return list(dict.fromkeys(c for c in self.fund_columns if fund_column_kind(c) == "amount"))
