"""A fund block written the other way round: the sources head its columns and each row is a
stage (资金情况（万元） | 合计 | 中央资金 | 省级资金 then 全年预算数 | 52,000 | 40,000 | 8,000).
The source labels wait as queued rows; a stage's figures, one for each, fill their rows' cells
of the stage's column. A mixin of FundBlockReader (form_funds.py)."""
from __future__ import annotations

from typing import Optional

from .form_cells import unit_cell
from .form_fund_rows import fund_row
from .form_vocab import bare, canon, fund_column_kind, is_na, value_type, vocab


class TransposedFunds:
    def _transposed_values(self, i: int) -> Optional[tuple]:
        """(the figures after the stage label at i, where they end) when there is one for each
        source named before as a column (a dash counts: that source has none); else None."""
        if len(self.queued_rows) < 2 or self._fund_names_columns:
            return None
        values, j = [], i + 1
        while j < len(self.tokens) and len(values) <= len(self.queued_rows):
            t = unit_cell(self.tokens[j])
            if not t.text.strip() and t.line == self.tokens[i].line:
                j += 1  # an empty cell of the stage's row
                continue
            if value_type(t.text) not in ("num", "pct", "na"):
                break
            values.append(t)
            j += 1
        return (values, j) if len(values) == len(self.queued_rows) else None

    def _read_transposed_row(self, i: int, found: tuple) -> int:
        values, end = found
        column = vocab()["fund_col"][bare(self.tokens[i].text)]
        kind = fund_column_kind(column)
        if column not in self.form.setdefault("fund_columns", []):
            self.form["fund_columns"].append(column)
        for (label, slot), token in zip(self.queued_rows, values):
            row = next((r for r in self.form["funds"] if r["source"] == label.source()), None)
            if row is None:
                row = fund_row(slot, canon(label.text), label.source())
                self.form["funds"].append(row)
            if is_na(token.text):
                self.index.not_applicable(token)
                row["na"].append(column)
                continue
            written_unit = {"amount": token.unit or self._stated_unit, "percent": "%"}.get(kind)
            if written_unit is None or (kind == "percent") != (value_type(token.text) == "pct"):
                continue  # a figure whose unit the form does not state, or not of its row's kind
            self._place_fund_fact(row, token, written_unit, column, row["label"], slot)
        return end
