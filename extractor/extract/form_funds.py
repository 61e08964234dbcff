"""The fund block of a form (资金投入情况 / 项目资金（万元）): reading its rows into the header's
columns (by position where the shape keeps empty cells, else by the type each column holds),
the rows whose labels a text layer wrote away from their figures, the budget execution's points
beside its total row, a money label with its value in the next cell, and the amounts that wait
for the block's unit. A mixin of FormReader (form_reader.py), whose walk calls these methods
and whose state they fill; it is composed of the header (form_fund_header.py), the rows under
labels the vocabulary lacks (form_fund_unread_rows.py), the transposed block
(form_fund_transposed.py), the blocks set side by side (form_fund_layouts.py) and the block
written column by column (form_fund_columns.py)."""
from __future__ import annotations

from typing import Optional

import regex

from .form_assign import assign_by_type
from .form_unit_cells import unit_cell
from .form_fund_colon import ColonFundCells
from .form_fund_columns import ColumnWiseFunds
from .form_fund_header import FundHeaderReader, _counts_up
from .form_fund_layouts import SideBySideFunds
from .form_fund_rows import fund_row
from .form_fund_transposed import TransposedFunds
from .form_facts import value_of
from .form_fund_unread_rows import UnreadFundRows
from .form_tokens import Token
from ..header_names import NAMED_UNITS
from ..ingest.tables import SUBTOTAL_LABEL
from .form_vocab import (LABEL_COLON, UNIT_IN_CELL, bare, breakdown_groups, canon, fund_column_kind, is_label, is_na,
                         label_prefixes, spec, value_type, vocab)


# a label naming its unit in brackets at its end (编制数（人）, 控制率（%）, 项目资金（万元）)
_NAMED_UNIT = regex.compile(rf"[（(]\s*({NAMED_UNITS})\s*[)）]\s*$")


class FundBlockReader(FundHeaderReader, UnreadFundRows, TransposedFunds, SideBySideFunds, ColonFundCells,
                      ColumnWiseFunds):
    # -- a money label and its value in the next cell (预算数 | 6.84, 计划安排资金（万元） | 170)
    def _read_money_label(self, i: int) -> bool:
        label, nxt = self.tokens[i], self.tokens[i + 1] if i + 1 < len(self.tokens) else None
        if nxt is None or nxt.merged:
            return False
        nxt = unit_cell(nxt)  # 864.2万: the figure's own unit first
        m = UNIT_IN_CELL.search(label.text)
        unit = nxt.unit or ((m.group(1) or m.group(2)) if m else self._stated_unit)
        if unit is None or unit == "分" or value_type(nxt.text) != "num":
            return False
        fact = self.index.fact_for(nxt, unit, canon(label.text), None, {"form": self.form["id"], "slot": "money_cell"})
        return fact is not None

    def _read_labels_over_figures(self, i: int) -> Optional[int]:
        """Labels naming their units in brackets, then as many figures (编制数（人） | 实有人数（人） |
        控制率（%） | 40 | 37 | 92.5, a data sheet's line): each figure its label's, in its unit; a
        label naming none only over a figure of its own unit (在职人员控制率 | 93.75%). No fund
        block's column labels (its header is the fund reader's).
        Where the reading goes on; None where the tokens from i are no such run."""
        labels, j = [], i
        while j < len(self.tokens) and not self.tokens[j].merged and value_type(self.tokens[j].text) is None \
                and len(bare(self.tokens[j].text)) >= 2:
            m = _NAMED_UNIT.search(self.tokens[j].text)
            labels.append((self.tokens[j], m.group(1) if m else None))
            j += 1
        figures = self.tokens[j:j + len(labels)]
        if len(labels) < 2 or len(figures) < len(labels) \
                or any(value_type(f.text) not in ("num", "pct") for f in figures) \
                or any(not unit and value_type(f.text) != "pct" for (_, unit), f in zip(labels, figures)) \
                or any(bare(label.text) in vocab()["fund_col"] for label, _ in labels) \
                or j + len(labels) < len(self.tokens) and value_type(self.tokens[j + len(labels)].text) in ("num", "pct"):
            return None
        for (label, unit), figure in zip(labels, figures):
            # (a label naming no unit gives its figure none: 93.75% keeps its own)
            self.index.fact_for(figure, unit, canon(label.text), None, {"form": self.form["id"], "slot": "labelled_cell"})
        return j + len(labels)

    def _place_fund_fact(self, row: dict, token: Token, written_unit: str, column: Optional[str], name: str,
                         slot: str) -> None:
        # a value whose column the shape does not tell is still a fact of its row
        fact = self.index.fact_for(token, written_unit, column or name, name,
                                   {"form": self.form["id"], "slot": column, "form_row": slot})
        if fact is not None:
            if column:
                row["cells"][column] = fact.id
            else:
                row["unplaced"].append(fact.id)

    def _read_budget_points(self, i: int) -> Optional[int]:
        """分值 | 10 | 执行率 | 95.69% | 得分 | 9.57 (or 分值：10) in a line of the fund block after
        its rows: the budget execution's points, label and value side by side, are its total
        row's (where that row has none of its own). Where the reading goes on; None if it is
        no such pair."""
        t = self.tokens[i]
        m = LABEL_COLON.match(t.text)
        if m:
            key, value, end = bare(m.group(1)), t.piece(m.start(2), m.end(2)), i + 1
        else:
            j = self._next_filled(i + 1)
            if j is None or j > i + 2:
                return None
            key, value, end = bare(t.text), unit_cell(self.tokens[j]), j + 1
        column = vocab()["fund_col"].get(key)
        kind = fund_column_kind(column) if column else None
        number = _POINTS.fullmatch(value.text.strip()) if kind == "score" else \
            _RATE.fullmatch(value.text.strip()) if kind == "percent" else None
        if number is None:
            return None
        block = _block_of(self.fund_blocks)
        total = next((r for r in reversed(self.form["funds"])
                      if r["slot"] == "total" and r.get("fund_block") == block), None)
        if total is None or column in total["cells"] or column in total["na"]:
            return None
        group = 1 if kind == "score" else 0  # (10分: the figure without its 分)
        self._place_fund_fact(total, value.piece(number.start(group), number.end(group)),
                              "分" if kind == "score" else "%", column, total["label"], "total")
        return end

    def _place_pending_amounts(self) -> None:
        """Amounts read before the block stated its unit, in the unit it stated (or, where it
        states none, the templates' 万元)."""
        for row, token, column, name, slot in self.unit_pending:
            self._place_fund_fact(row, token, self.unit, column, name, slot)

    def _unlabelled_first_row(self, i: int) -> Optional[int]:
        """Where the fund block's first row starts when figures follow its header with no row
        label (a block of one row, 预算执行情况 | 年初预算 | … then | | 320 | 350 | …): the
        token its values are read after (positional shapes) or from; None otherwise."""
        t = self.tokens[i]
        if self.form["funds"] or self.queued_rows or value_type(unit_cell(t).text) not in ("num", "pct"):
            return None
        between = [x for x in self.tokens[self.fund_header_end:i] if x.text.strip()]
        if len(between) > 2 or any(value_type(x.text) or is_label(bare(x.text)) for x in between):
            return None  # only the header's last words (原因) between it and the figures
        if _counts_up(self.tokens[i:i + len(self.fund_columns)]):
            return None  # 0 1 2 3 …: the columns' numbers (列次), not a row's figures
        if not t.positional:
            return i
        first = next(k for k in range(i, -1, -1) if k == 0 or self.tokens[k - 1].line != t.line)
        return first if all(not x.text.strip() for x in self.tokens[first:i]) and first < i else None

    def _value_follows(self, i: int) -> bool:
        j = self._next_filled(i + 1)
        return j is not None and value_type(unit_cell(self.tokens[j]).text) is not None

    def _label_follows(self, i: int) -> bool:
        j = self._next_filled(i + 1)
        if j is None:
            return False
        return is_fund_label(bare(self.tokens[j].text))

    def _after_unread_label(self, i: int) -> bool:
        """Is the figure at i written right after words no label of ours names (防汛物资储备 | 18.00)?
        The figures are that row's, not those of a fund row waiting for figures written apart."""
        j = i - 1
        while j >= 0 and not self.tokens[j].text.strip():
            j -= 1
        if j < 0 or value_type(unit_cell(self.tokens[j]).text):
            return False
        key = bare(self.tokens[j].text)
        # (小计 under a group's label written apart from it: its figures are the group's)
        return not (is_fund_label(key) or SUBTOTAL_LABEL.match(key))

    def _read_fund_row(self, i: int, slot: str, label: Optional[Token] = None) -> int:
        """The fund row labelled by tokens[i], its values after it; or, with `label` given
        (a label written away from its figures), the row whose values start at i."""
        first = i if label is not None else i + 1
        if first > i and first < len(self.tokens) and self.tokens[first].unread_run:
            return first  # (the row's figures no cut reads: the walk counts it unread)
        label = label if label is not None else self.tokens[i]
        if label.positional:
            if self.fund_label_col is None:
                self.fund_label_col = label.col
            end = i + 1  # the row's cells, up to the half-table set beside the block if there is one
            while end < len(self.tokens) and self.tokens[end].line == label.line and not _second_half(self.tokens[end]):
                end += 1
        if label.positional and (label.col == self.fund_label_col or slot == "total" and label.col < self.fund_label_col) \
                and (values := self._cells_under_fund_header(i, end)):
            # (a total row may write its label in the column before the rows' names: 合计 under
            # 序号, 项目名称 left empty; its cells still stand under the header's)
            pairs = [(column, fund_column_kind(column), token) for column, token in zip(self.fund_columns, values)]
        elif label.positional and label.col == self.fund_label_col:
            values = [unit_cell(t) for t in self.tokens[i + 1:end]]
            while len(values) > len(self.fund_columns) and not values[-1].text.strip():
                values.pop()  # the table is wider than the fund block
            while len(values) > len(self.fund_columns) and not values[0].text.strip():
                values.pop(0)
            pairs = [(column, fund_column_kind(column), token) for column, token in zip(self.fund_columns, values)]
        elif label.positional:
            # a row of the half-table set beside the block (按支出性质分 | 基本支出 | 620.4 |
            # 618.9 under the 分值 and 执行率 columns): its columns are not the header's, so
            # its figures are placed by type only
            values = [unit_cell(t) for t in self.tokens[first:end] if value_type(unit_cell(t).text)]
            pairs = assign_by_type(self.fund_columns, values, slot)
        else:
            values = []
            j = first
            while (j < len(self.tokens) and value_type(unit_cell(self.tokens[j]).text)
                   and len(values) < len(self.fund_columns)):
                values.append(unit_cell(self.tokens[j]))
                j += 1
            # a row written like the one above it (the same types in the same order) has
            # its values in the same columns
            signature = tuple(value_type(t.text) for t in values)
            if (beside := self._same_row_beside(i, slot)) is not None:
                self._continue_row(beside, values)
                self.last_fund_row_end = j
                return max(j, i + 1)
            if (j > first and first == i + 1 and all(value_type(t.text) == "num" for t in values)
                    and self._named_again_after(first, j)):
                # the first block's figures: its money columns in order
                pairs = [(c, "amount", t) for c, t in zip(self._money_columns(), values)]
            elif signature in self.fund_patterns and not self._points_unlike_total(self.fund_patterns[signature], values,
                                                                                      slot):
                pairs = [(c, fund_column_kind(c) if c else "amount", t) for c, t in zip(self.fund_patterns[signature], values)]
            elif (wider := self._wider_than_header(label, first, j)) is not None:
                pairs, j = wider
            else:
                pairs = assign_by_type(self.fund_columns, values, slot, self._total_scored())
                if pairs and all(c for c, _, _ in pairs) and len(pairs) == len(values):
                    self.fund_patterns[signature] = [c for c, _, _ in pairs]
            end = j
        if label.positional and label.col == self.fund_label_col and not _typed_as_their_columns(pairs):
            # a rate under a money column, a sum under 分值: the row's cells do not stand under
            # the header's (its 项目资金 spans two columns over one label cell), so its figures
            # are placed by type
            values = [unit_cell(t) for t in self.tokens[i + 1:end] if value_type(unit_cell(t).text) in ("num", "pct")]
            pairs = assign_by_type(self.fund_columns, values, slot, self._total_scored())
        if not any(c for c, _, _ in pairs):
            pairs = self._in_group_column(slot, values) or pairs
        self._record_fund_row(label, slot, pairs, values)
        self.last_fund_row_start, self.last_fund_row_end = i, end
        return max(end, i + 1)

    def _in_group_column(self, slot: str, values: list) -> list:
        """A row of a breakdown whose label names the one column its rows fill (按收入性质分（全年执行数）
        beside 按支出性质分（全年执行数）, a figure a row under each): its one figure, in that column."""
        if self.group_columns is None:
            self.group_columns = _group_columns_named(self.tokens)
        column = self.group_columns.get(spec()["fund_rows"].get(slot, {}).get("group"))
        figures = [t for t in values if value_type(t.text)]
        return [(column, "amount", figures[0])] if column and len(figures) == 1 and value_type(figures[0].text) == "num" else []

    def _record_fund_row(self, label: Token, slot: str, pairs: list, values: list) -> None:
        """The fund row of `label` in the form, its figures (`pairs`: (column, kind, token)) placed
        as facts; `values`: the tokens the row wrote."""
        # a row written without its label (the block's only row, under its header) is its total
        name = canon(label.text) if label.text.strip() and not value_type(label.text) \
            else spec()["fund_rows"][slot]["labels"][0]
        row = fund_row(slot, name, label.source())
        if slot == "total" and any(r["slot"] == "total" and r.get("fund_block") == _block_of(self.fund_blocks)
                                   for r in self.form["funds"]):
            # a second total in one block opens a block of its own whose header was not read
            # (政府采购 | 采购预算 | … under the budget's block): no total adds up the other's rows
            self.fund_blocks = max(self.fund_blocks, 1) + 1
        if self.fund_blocks > 1:
            row["fund_block"] = self.fund_blocks  # (totals add up parts of their own block only)
        pending: set = set()  # columns whose amounts wait for the block's unit
        for column, kind, token in pairs:
            if token.merged:
                continue
            if not token.text.strip() or is_na(token.text):
                # a dash is "not applicable"; an empty cell was not filled in (unknown)
                self.index.not_applicable(token)
                if column:
                    row["na" if token.text.strip() else "blank"].append(column)
                continue
            if token.unit is not None and kind != ("score" if token.unit == "分" else "amount"):
                continue  # a figure in 万元 is no rate or score (nor 10分 an amount), whatever its column
            if kind in ("ordinal", "other"):
                continue  # 行次: the row's number; a column whose words say nothing of its figures
            written_unit = {"amount": token.unit or self._stated_unit, "score": "分", "percent": "%"}[kind]
            if written_unit is None:
                # the block's unit may come after its figures (a text layer that puts 项目资金（元）
                # at the end): the amount is placed when the whole form has been read
                self.unit_pending.append((row, token, column, name, slot))
                pending.add(column)
                continue
            self._place_fund_fact(row, token, written_unit, column, name, slot)
        for token in values:
            if is_na(token.text):  # a dash is "not applicable" even where its column is not known
                self.index.not_applicable(token)
        placed = set(row["cells"]) | set(row["na"]) | set(row["blank"]) | pending
        if not any(value_type(t.text) in ("num", "pct") for t in values):
            # a row with nothing written in it (其他资金 left empty): there are none of these funds
            row["na"] = list(self.fund_columns)
            row["blank"] = []
        elif not label.positional and (row["unplaced"] or not pairs):
            # the shape does not say which columns the row left empty: all unknown
            row["blank"] += [c for c in self.fund_columns if c not in placed]
        self.form["funds"].append(row)

    def _wider_than_header(self, label: Token, first: int, j: int) -> Optional[tuple]:
        """(pairs, end) for a row on one line with more amounts than the header has money
        columns (年度资金总额: 28.1 28.1 28.1 28.1 10 100% 10 under 年初预算数 | 全年预算数 | 全年执行数 |
        分值 | 执行率 | 得分), its figures from tokens[first] on (read up to j so far): its last
        figures fill the header's columns after the money ones by type, the amounts before
        them stay the row's facts with no column (the header was not read whole: no sum over
        the rows is known). None for any other row."""
        columns = self.fund_columns
        money = [k for k, c in enumerate(columns) if fund_column_kind(c) == "amount"]
        tail = columns[len(money):]
        if not money or not tail or money != list(range(len(money))):
            return None
        end = j
        while end < len(self.tokens) and self.tokens[end].line == label.line and value_type(unit_cell(self.tokens[end]).text):
            end += 1
        values = [unit_cell(t) for t in self.tokens[first:end]]
        amounts, rest = values[:len(values) - len(tail)], values[len(values) - len(tail):]
        if not len(money) < len(amounts) <= 2 * len(money) or any(value_type(t.text) != "num" for t in amounts) \
                or any(value_type(t.text) != ("pct" if fund_column_kind(c) == "percent" else "num") for c, t in zip(tail, rest)):
            return None
        self.form["unread_fund_rows"] += 1
        # (the block's rows of as many amounts alone are theirs too, in the same unknown columns)
        self.fund_patterns[("num",) * len(amounts)] = [None] * len(amounts)
        return [(None, "amount", t) for t in amounts] + [(c, fund_column_kind(c), t) for c, t in zip(tail, rest)], end

    def _cells_under_fund_header(self, i: int, end: int) -> Optional[list]:
        """The row's cells under the fund header's column labels, by grid column, in a real
        table whose header row is as wide as the row (a merged cell left empty between the
        block's label and the first column keeps no figure's place); None otherwise."""
        cols = self.fund_header_cols
        row = self.tokens[i:end]
        if not cols or row[0].row is None or self.line_lens.get(row[0].line) != self.fund_header_width:
            return None
        by_col = {t.col: unit_cell(t) for t in row}
        cells = [by_col.get(c) for c in cols]
        return cells if all(c is not None for c in cells) else None

    def _points_unlike_total(self, columns: list, values: list, slot: str) -> bool:
        """Would `columns`, the order of a row written alike, put a figure of this 其中 row
        under 分值 or 得分 that is not the total row's? A part's points, where a form writes
        them at all, copy its total's (9.48 | 9.48 | 10 | 100% | 10 under the same); 当年财政
        拨款303030100% under 年度资金总额303010100% is three amounts."""
        if slot == "total":
            return False
        block = _block_of(self.fund_blocks)
        total = next((r for r in reversed(self.form["funds"])
                      if r["slot"] == "total" and r.get("fund_block") == block), None)
        if total is None:
            return False
        facts = {f.id: f for f in self.index.facts}
        return any(c in total["cells"] and fund_column_kind(c) == "score"
                   and value_of(t.text) != facts[total["cells"][c]].value
                   for c, t in zip(columns, values) if c and value_type(t.text) == "num")

    def _total_scored(self) -> bool:
        """Has this block's total row its 分值 (年度资金总额 … | 10 | 96% | 9.6)? Its other rows'
        figures are money and rates then, never points (their 分值 and 得分 cells are dashes)."""
        block = _block_of(self.fund_blocks)
        return any(r["slot"] == "total" and r.get("fund_block") == block
                   and any(fund_column_kind(c) == "score" for c in r["cells"]) for r in self.form["funds"])


def _typed_as_their_columns(pairs: list) -> bool:
    """Does every figure of a row read by place fit its column's kind: money and points bare,
    points no more than 100, a rate with its % or written as a share of one (0.9537)?"""
    for column, kind, token in pairs:
        written = value_type(token.text)
        if written == "pct" and kind in ("amount", "score"):
            return False
        if written == "num" and (kind == "score" and value_of(token.text) > 100
                                 or kind == "percent" and value_of(token.text) > _SHARE_OF_ONE):
            return False
    return True


_SHARE_OF_ONE = 1.5  # (a rate written as a share of one: 0.9537, or 1.02 for 102%)


_POINTS = regex.compile(r"(\d{1,3}(?:\.\d{1,2})?)\s*分?")
_RATE = regex.compile(r"\d{1,3}(?:\.\d+)?\s*[%％]")


_BRACKETED = regex.compile(r"[（(]([^（）()]{2,12})[)）]")


def _group_columns_named(tokens: list) -> dict:
    """{breakdown group: money column} for each breakdown label that names its column in brackets."""
    out = {}
    for t in tokens:
        named = _BRACKETED.search(t.text)
        groups = breakdown_groups(bare(t.text[:named.start()])) if named else None
        column = vocab()["fund_col"].get(bare(named.group(1))) if groups else None
        if column and fund_column_kind(column) == "amount":
            out.update({g: column for g in groups})
    return out


def is_fund_label(key: str) -> bool:
    """Does a cell name a fund row or a fund column?"""
    return key in vocab()["fund_row"] or key in vocab()["fund_col"]


def _block_of(fund_blocks: int) -> Optional[int]:
    """The fund_block mark of rows read while `fund_blocks` headers were read (the first block's rows carry none)."""
    return fund_blocks if fund_blocks > 1 else None


def _second_half(t: Token) -> bool:
    """Does a row's cell open the half-table set beside the fund block (按支出性质分,
    其中：基本支出): a fund row's label or a section's name after the row's figures?"""
    key = bare(t.text)
    return bool(key) and (key in vocab()["fund_row"] or label_prefixes().fullmatch(regex.sub(r"\s+", "", t.text)) is not None)
