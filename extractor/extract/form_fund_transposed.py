"""A fund block written the other way round: the sources head its columns and each row is a
stage (资金情况（万元） | 合计 | 中央资金 | 省级资金 then 全年预算数 | 52,000 | 40,000 | 8,000).
The source labels wait as queued rows; a stage's figures, one for each, fill their rows' cells
of the stage's column. Stage columns may trail the sources (资金来源 | 中央 | 省级 | 本级 | 合计 |
执行数 | 执行率 then 年度预算 | 300 | 150 | 250 | 700 | 680 | 97.14%): their figures are the
total row's. A mixin of FundBlockReader (form_funds.py)."""
from __future__ import annotations

from typing import Optional

from .form_unit_cells import unit_cell
from .form_facts import value_of
from .form_fund_rows import fund_row
from .form_vocab import UNIT_IN_CELL, bare, canon, fund_column_kind, is_label, is_na, value_type, vocab


class TransposedFunds:
    def _transposed_values(self, i: int, trailing: Optional[list] = None) -> Optional[tuple]:
        """(the figures after the stage label at i, where they end) when there is one for each
        source named before as a column (a dash counts: that source has none) and one for each
        trailing stage column; else None."""
        trailing = self.trailing_columns if trailing is None else trailing
        if len(self.queued_rows) < 2 or self._fund_names_columns:
            return None
        wanted = len(self.queued_rows) + len(trailing)
        values, j = [], i + 1
        while j < len(self.tokens) and len(values) <= wanted:
            t = unit_cell(self.tokens[j])
            if not t.text.strip() and t.line == self.tokens[i].line:
                j += 1  # an empty cell of the stage's row
                continue
            if value_type(t.text) not in ("num", "pct", "na"):
                break
            values.append(t)
            j += 1
        # (a stage that scores nothing leaves trailing 分值 and 得分 columns empty: 批复金额 |
        # 5,000,000.00 | 1,500,000.00 | 6,500,000.00, then 执行率 | … | 10 | 9.51)
        points_only = bool(trailing) and all(fund_column_kind(c) == "score" for c in trailing)
        if len(values) == wanted or points_only and len(values) == len(self.queued_rows):
            return values, j
        return None

    def _trailing_stage_header(self, i: int) -> Optional[tuple]:
        """(where the stage's figures start less one, those figures and where they end, the
        stage's column: _read_transposed_row's arguments) when the stage columns
        from i follow the sources queued as columns, one of those sources is the total, and a
        row of figures fills the sources and these columns; else None. The row's stage is its
        label's (年度预算 | 300.00 …); a row under a word no template names (金额) or under no word
        is the budget's: the figures after it are the sources' budgets."""
        if self.trailing_columns or not any(slot == "total" for _, slot in self.queued_rows):
            return None
        columns, j = [], i
        cols = vocab()["fund_col"]
        while j < len(self.tokens) and bare(self.tokens[j].text) in cols:
            columns.append(cols[bare(self.tokens[j].text)])
            j += 1
        # the last column label before the figures may be the stage's (执行数 | 执行率 | 年度预算 |
        # 300.00); else the stage is the budget, under a word of its own (金额) or none
        if len(columns) >= 2 and fund_column_kind(columns[-1]) == "amount" \
                and (found := self._transposed_values(j - 1, columns[:-1])) is not None:
            stage_at, stage, trailing = j - 1, columns[-1], columns[:-1]
        elif any("预算" in c for c in columns) or not any(fund_column_kind(c) == "percent" for c in columns):
            # (预算数 | 1860.00 … or 执行数 | 2718.30 …: a stage's own row, its label read as a
            # column; stage columns trailing the sources end in the rate they make, 执行数 | 执行率)
            return None
        elif j < len(self.tokens) and self._stage_word(self.tokens[j].text) \
                and (found := self._transposed_values(j, columns)) is not None:
            stage_at, stage, trailing = j, "全年预算数", columns
        elif (found := self._transposed_values(j - 1, columns)) is not None:
            stage_at, stage, trailing = j - 1, "全年预算数", columns
        else:
            return None
        self.trailing_columns = trailing
        return stage_at, found, stage

    def _declared_row(self, i: int) -> Optional[tuple]:
        """The figures under a row of source labels that ends at i, one for each, each label
        stating the money unit (年度资金总额（万元） | 其中：财政拨款（万元） | 其他资金（万元）
        then 1,860.00 | 1,620.00 | 240.00): _transposed_values' answer with the label at i
        queued last; None, the queue as it was, when the figures do not fill the labels."""
        labels = [label for label, _ in self.queued_rows] + [self.tokens[i]]
        units = {m.group(1) or m.group(2) for label in labels if (m := UNIT_IN_CELL.search(label.text))}
        if len(units) != 1 or not all(UNIT_IN_CELL.search(label.text) for label in labels):
            return None
        self.queued_rows.append((self.tokens[i], vocab()["fund_row"][bare(self.tokens[i].text)]))
        found = self._transposed_values(i)
        if found is None or any(value_type(v.text) != "num" for v in found[0]):
            self.queued_rows.pop()
            return None
        if not self._unit_stated:
            self.unit, self._unit_stated = units.pop(), True
        return found

    def _sources_across(self, i: int) -> list:
        """The source labels right after a 资金来源 cell, ending in their total (中央 | 省级 | 县级 |
        合计); [] unless there are two or more before the total."""
        sources, j = [], i + 1
        while j < len(self.tokens) and bare(self.tokens[j].text) in vocab()["fund_row"]:
            sources.append(self.tokens[j])
            j += 1
        slots = [vocab()["fund_row"][bare(t.text)] for t in sources]
        return sources if len(sources) >= 3 and slots[-1] == "total" else []

    @staticmethod
    def _stage_word(text: str) -> bool:
        """A short word before a row of figures, of no template (金额, 资金额): the row's label."""
        key = bare(text)
        return 0 < len(key) <= 4 and value_type(text) is None and not is_label(key)

    def _read_transposed_row(self, i: int, found: tuple, column: Optional[str] = None) -> int:
        """The stage row whose label (or last header cell) is at i: its figures (found) into the
        stage's column (its label's, unless given)."""
        values, end = found
        column = column or vocab()["fund_col"][bare(self.tokens[i].text)]
        # (the block's rows all stand in the order its first row's sum showed: a 执行率 row adds up
        # to nothing)
        sources = tuple(id(label) for label, _ in self.queued_rows)
        paired = _by_column(self.queued_rows, values)
        if paired is None and (self.total_last_of == sources or _total_last(self.queued_rows, values)):
            self.total_last_of = sources
            paired = list(zip(self.queued_rows[1:] + self.queued_rows[:1], values))
        paired = paired or list(zip(self.queued_rows, values))
        cells = [(label, slot, column, token) for (label, slot), token in paired]
        total = next(((label, slot) for label, slot in self.queued_rows if slot == "total"), None)
        if total is not None:
            trailing = values[len(self.queued_rows):]
            cells += [(*total, stage, token) for stage, token in zip(self.trailing_columns, trailing)]
        trailing_stages = set(self.trailing_columns)
        for label, slot, stage, token in cells:
            kind = fund_column_kind(stage)
            if stage not in self.form.setdefault("fund_columns", []):
                self.form["fund_columns"].append(stage)
            row = next((r for r in self.form["funds"] if r["source"] == label.source()), None)
            if row is None:
                row = fund_row(slot, UNIT_IN_CELL.sub("", canon(label.text)), label.source())  # (less its （万元）)
                if self.fund_blocks > 1:
                    row["fund_block"] = self.fund_blocks  # (a second block: its totals add up its own rows)
                self.form["funds"].append(row)
            if stage in trailing_stages and stage not in row["own_columns"]:
                row["own_columns"].append(stage)
            if is_na(token.text):
                self.index.not_applicable(token)
                row["na"].append(stage)
                continue
            written_unit = {"amount": token.unit or self._stated_unit, "percent": "%"}.get(kind)
            if written_unit is None or (kind == "percent") != (value_type(token.text) == "pct"):
                continue  # a figure whose unit the form does not state, or not of its row's kind
            self._place_fund_fact(row, token, written_unit, stage, row["label"], slot)
        return end


def _total_last(queued: list, values: list) -> bool:
    """Does the total named first stand last in the rows, where the shape kept no columns and
    only that reading adds up? 合计 written over the sources' row (项目 资金来源 合计 over 中央 省级
    县级, then 全年预算数 1,860.00 420.00 210.00 2,490.00). Not where the total is not named first,
    or the figures in text order add up."""
    n = len(queued)
    if n < 3 or queued[0][1] != "total" or len(values) < n or any(value_type(v.text) != "num" for v in values[:n]):
        return False
    figures = [value_of(v.text) for v in values[:n]]
    return figures[0] != sum(figures[1:]) and figures[-1] == sum(figures[:-1])


def _by_column(queued: list, values: list) -> Optional[list]:
    """The sources queued and their figures paired by table column, where all are cells of one
    table: a header of two rows writes 合计 over the sources' row (项目 | 资金来源 | | | 合计 over
    | 中央 | 省级 | 县级 |), so the text names it first while its column is the last. None
    where they are not cells of one table, or a figure stands under no source."""
    values = values[:len(queued)]
    tokens = [label for label, _ in queued] + values
    if any(t.cell_col is None or t.block is not tokens[0].block for t in tokens):
        return None
    by_column = {label.cell_col: (label, slot) for label, slot in queued}
    if len(by_column) != len(queued) or any(v.cell_col not in by_column for v in values):
        return None
    return [(by_column[v.cell_col], v) for v in values]
