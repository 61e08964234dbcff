"""The fund block's column header (年初预算数 | 全年预算数 | 全年执行数 | 执行率 …) and the money
unit the form states for its amounts (金额单位：万元, 项目资金（万元）): which tokens are column
labels — named ones, a column no template names standing among them, a mark written apart from
its label — and what the block's columns and unit are once the header is read; with the line
of column numbers (列次 0 1 2 3) that is no row. A mixin of FundBlockReader (form_funds.py)."""
from __future__ import annotations

from typing import Optional

import regex

from .form_vocab import (ROW_NUMBER, UNIT_IN_CELL, bare, breakdown_groups, canon, fund_column_kind, is_label, spec,
                         value_type, vocab)

# a column's number and formula in circled numbers written apart from its label (④, ⑥=⑤/④, = ①+②)
_CIRCLED_MARK = regex.compile(r"^(?=.*[①-⑳])[\s①-⑳=＝+＋\-－/×÷*（）()]+$")
# a column's mark written apart from its label: (A), （B）, (E/C×100%), or the circled ones
_COLUMN_MARK = regex.compile(r"^\s*[（(][A-Za-z/×*%\d\s.]{1,14}[)）]\s*$|" + _CIRCLED_MARK.pattern)
# an operator of a circled formula standing as a cell of its own, where a text layer spaced the
# formula apart (④ = ① + ② + ③)
_OPERATOR = regex.compile(r"^\s*[=＝+＋\-－/×÷*]\s*$")


def _counts_up(tokens: list) -> bool:
    """Do the tokens begin with three whole numbers or more counting up by one (0 1 2 3)?"""
    run = []
    for t in tokens:
        if not ROW_NUMBER.fullmatch(t.text.strip()):
            break
        run.append(int(t.text))
    return len(run) >= 3 and all(b == a + 1 for a, b in zip(run, run[1:]))


_SENTENCE_END = regex.compile(r"[。；;！？]")
_MONEY_UNIT = r"(万元|元|亿元|千元)"
_UNIT_WORD = regex.compile(rf"\s*[:：]?\s*{_MONEY_UNIT}\s*[)）]?\s*")
_UNIT_AT_END = regex.compile(rf"(?:金额)?单位[:：]\s*{_MONEY_UNIT}\s*[)）]?\s*$")


class FundHeaderReader:
    def _column_mark(self, j: int) -> bool:
        """Is tokens[j] a column's mark, or an operator of a column's formula in circled
        numbers spaced apart, beside one of its circled numbers?"""
        if _COLUMN_MARK.match(self.tokens[j].text):
            return True
        return bool(_OPERATOR.match(self.tokens[j].text)) and any(
            0 <= k < len(self.tokens) and _CIRCLED_MARK.match(self.tokens[k].text) for k in (j - 1, j + 1))

    def _unit_statement(self, i: int) -> Optional[str]:
        """金额单位：万元 in one cell, or 单位： and 万元 in two."""
        t = self.tokens[i]
        if len(t.text) > 16:
            # (a line a text layer ran together, 填报单位：某县人民政府单位：元: the unit it ends by,
            # after a sharing site's notes too, where no sentence's end stands between)
            m = _UNIT_AT_END.search(t.text) if len(t.text) <= 60 or not _SENTENCE_END.search(t.text[-60:]) else None
            return m.group(1) if m else None
        m = UNIT_IN_CELL.search(t.text)
        if m:
            return m.group(1) or m.group(2)
        if canon(t.text) in spec()["unit_cells"] and i + 1 < len(self.tokens):
            # (单位 | 万元, or a title's （金额单位 | ：元） a label's spotting cut in two)
            m = _UNIT_WORD.fullmatch(self.tokens[i + 1].text)
            return m.group(1) if m else None
        return None

    @property
    def _stated_unit(self) -> Optional[str]:
        """The money unit the form states for itself (金额单位：万元, or a unit cell of the
        fund block); None when it states none — a bare number is then no amount."""
        return self.unit if self._unit_stated else None

    def _fund_header_len(self, i: int) -> int:
        """How many tokens from i are fund column labels (empty cells between them allowed
        in shapes that keep them); 0 unless they name a budget or spending column."""
        cols = vocab()["fund_col"]
        j, found = i, []
        while j < len(self.tokens):
            t = self.tokens[j]
            key = bare(t.text)
            if key in cols:
                found.append(cols[key])
            elif self._column_mark(j) and found:
                pass  # a column's mark on a line of its own ((A), (D/C×100%)) under its label
            elif found and self._unknown_column(j):
                found.append(key)
            elif key or not t.positional:
                break
            j += 1
        amount_cols = {"年初预算数", "全年预算数", "全年执行数"}
        if found and found[0] in found[1:]:
            return 0  # 年度预算 | 年初预算数 | 全年预算数 …: the first cell names the block, the header follows
        return j - i if len(found) >= 2 and amount_cols & set(found) else 0

    def _unknown_first_column(self, j: int) -> bool:
        """Is tokens[j], right before a fund header's first named column, a column label no
        template names whose words say money (not the block's own cell, 资金情况（万元）)?"""
        t = self.tokens[j]
        key = bare(t.text)
        titles = {bare(c) for c in spec()["fund_unit_cells"]}
        if (not key or t.merged or len(key) > 12 or regex.search(r"\d", key) or is_label(key) or key in titles
                or UNIT_IN_CELL.search(t.text) or fund_column_kind(key) != "amount"):
            return False
        # right after the block's own cell (资金情况（万元） | 年初批复额 | 全年预算数 …)
        k = j - 1
        while k >= 0 and not self.tokens[k].text.strip() and self.tokens[k].line == t.line:
            k -= 1
        before = self.tokens[k] if k >= 0 else None
        return before is not None and (UNIT_IN_CELL.search(before.text) is not None
                                       or bare(before.text).split("（")[0] in titles)

    def _unknown_column(self, j: int) -> bool:
        """Is tokens[j] a column label no template names (预算调整额) standing between named
        ones? A short label whose words say money or a rate, and a named column label next
        after it."""
        key = bare(self.tokens[j].text)
        if not key or len(key) > 12 or regex.search(r"\d", key) or is_label(key) or fund_column_kind(key) == "other":
            return False  # (a word that says no money or rate, put there by a text layer, ends the header)
        k = self._next_filled(j + 1)
        while k is not None and self._column_mark(k):
            k = self._next_filled(k + 1)  # (past the column's marks: 小计 | ④ | =①+②+③ | 年度拨付金额)
        return k is not None and bare(self.tokens[k].text) in vocab()["fund_col"]

    def _column_before_row_labels(self, i: int):
        """The header's first column label where a sheet's merged cells put the block's row
        labels and the 实施单位 cell between it and the others (年初预算数 | (万元) | 年度资金总额 |
        其中：当年财政拨款 | 实施单位 | 全年预算数 …): the token, or None."""
        v = vocab()
        k, rows_between = i - 1, 0
        while k >= 0 and i - k <= 6:
            t = self.tokens[k]
            key = bare(t.text)
            if key in v["fund_col"]:
                return t if rows_between and not self.tokens[k].positional else None
            if key in v["fund_row"]:
                rows_between += 1
            elif key and not UNIT_IN_CELL.search(t.text) and key not in v["meta"] and not self._column_mark(k):
                return None
            k -= 1
        return None

    def _figures_before_rate(self, j: int) -> int:
        """How many figures the row right after a header at j writes before its rate (0 when
        it writes none)."""
        n = 0
        for t in self.tokens[j:j + 12]:
            vt = value_type(t.text)
            if vt == "pct":
                return n
            if vt is None:
                return 0
            n += 1
        return 0

    @staticmethod
    def _columns_before_rate(named: list) -> int:
        kinds = [fund_column_kind(vocab()["fund_col"].get(bare(t.text), bare(t.text))) for t in named]
        return kinds.index("percent") if "percent" in kinds else -1

    def _opens_breakdown(self, k: int) -> bool:
        """Is the token at k a label opening a breakdown of the block's total (按收入性质分)?"""
        return bool(breakdown_groups(bare(self.tokens[k].text)))

    def _read_fund_header(self, i: int) -> int:
        end = i + self._fund_header_len(i)
        self.fund_rows_ended = False  # (a fund block of its own begins)
        # (and names that headed columns before it, 中央资金 written twice in the report's words
        # above, head none of its own)
        self._fund_names_columns = False
        if i > 0 and self._unknown_first_column(i - 1):
            i -= 1  # (年初批复额 | 全年预算数 | …: a first column no template names is one all the same)
        cols = vocab()["fund_col"]
        named = [t for j, t in enumerate(self.tokens[i:end], i)
                 if bare(t.text) in cols or (bare(t.text) and not self._column_mark(j))]
        first = self._column_before_row_labels(i)
        if first is not None and cols[bare(first.text)] not in [cols.get(bare(t.text)) for t in named] \
                and self._figures_before_rate(end) == self._columns_before_rate(named) + 1:
            named.insert(0, first)  # (its cells filled: the first row has a figure more before its rate)
        columns = [cols.get(bare(t.text), bare(t.text)) for t in named]
        # (按收入性质分 | 年初预算数 | … beside 按支出性质分 | 年初预算数 | …: a breakdown's own header
        # over the columns the block already has opens no block of its own)
        again = bool(self.fund_columns) and set(columns) <= set(self.fund_columns) and i > 0 and self._opens_breakdown(i - 1)
        self.fund_columns = columns
        # where each label stands in a real table's grid (a merged label cell spans the columns
        # after it: its first column is its place)
        self.fund_header_cols = [t.col for t in named] if named and all(t.row is not None for t in named) else []
        self.fund_header_width = self.line_lens.get(named[0].line, 0) if named else 0
        self.task_columns = []  # a fund block ends any task block before it
        self.fund_header_end = end
        self.fund_blocks += 0 if again else 1
        # every fund header's columns (a 三公 block may follow the budget's, or a text layer cut
        # one header in two): what the form's blocks hold
        self.form["fund_columns"] = list(dict.fromkeys(self.form.get("fund_columns", []) + self.fund_columns))
        # the unit is written in a cell just before the column labels (项目资金（万元）)
        for t in self.tokens[max(0, i - 4):end]:
            m = UNIT_IN_CELL.search(t.text)
            if m:
                self.unit = m.group(1) or m.group(2)
                self._unit_stated = True
        return end
