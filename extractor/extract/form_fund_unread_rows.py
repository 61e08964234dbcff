"""Fund rows under labels the vocabulary lacks (县级配套 | 60 | 80, 三公经费, 其中：城关镇): whether
words followed by figures are such a row, whether its figures are money worth reading (its
words say so, it opens or continues a 其中 list, or its figures fill the block's columns in
their order), and a named row that heads a group of them. A mixin of FundBlockReader
(form_funds.py)."""
from __future__ import annotations

import regex

from .form_unit_cells import unit_cell
from .form_fund_header import _counts_up
from .form_vocab import bare, fund_column_kind, is_label, is_na, spec, value_type, vocab


_WORDS_THEN_FIGURES = regex.compile(r"^\s*(\p{Han}{2,12})\d[\d.,]*")


class UnreadFundRows:
    def _unread_fund_row(self, i: int) -> bool:
        """Words no label of ours, followed by a figure: a fund row this reader cannot place."""
        t = self.tokens[i]
        glued = _WORDS_THEN_FIGURES.match(t.text)
        words = bare(glued[1]) if glued else None
        # (a source row known by its words only, 乡镇配套, is no label the cells run together are cut at)
        known = glued and is_label(words) and (words not in vocab()["fund_row"] or vocab()["fund_row"].listed(words))
        if glued and not t.merged and not known \
                and regex.search(spec()["fund_rows"]["unnamed"]["words"], glued[1]):
            return True  # its words and figures run together (乡镇配套200.00240.00…): a row all the same
        if t.merged or value_type(t.text) or is_label(bare(t.text)) or len(t.text.strip()) > 20:
            return False
        j = self._next_filled(i + 1)
        for _ in range(3):  # 县级配套 | — | 60 | 80: dashes before its figures
            if j is None or not is_na(self.tokens[j].text):
                break
            j = self._next_filled(j + 1)
        if j is None or _counts_up([x for x in self.tokens[j:j + 8] if x.text.strip()]):
            return False  # 列次 0 1 2 3 …: the columns' numbers
        return value_type(unit_cell(self.tokens[j]).text) in ("num", "pct")

    def _money_words(self, i: int) -> bool:
        """Does an unread row's label say it is money (三公经费, 整体支出), or a part of the row
        above (其中：城关镇, and the rows after it)? Only such a row's figures are read (年度总体目标
        cut into words by a text layer: 目标 | 10 is no row)."""
        text = self.tokens[i].text
        if regex.search(spec()["fund_rows"]["unnamed"]["words"], text) or _opens_list(text) or self._fills_columns(i):
            return True
        for row in reversed(self.form["funds"]):  # the unread rows since a 其中 row go on its list
            if not row.get("unread"):
                return False
            if _opens_list(row["source"].get("quote") or ""):
                return True
        return False

    def _fills_columns(self, i: int) -> bool:
        """Do the figures after the label at i fill the block's columns, two or more, each of
        its column's type and in their order (货物类 | 186.00 | 179.20 | 96.34% under 采购预算 |
        实际采购金额 | 执行率), up to the end of the row? Such a row is one of the block's,
        whatever its label. A cell left blank may be missing (a text shape drops it)."""
        # (a dash fits any column: 分值 and 得分 are left to the total row; but a block with no
        # 分值 column, a list of projects with each one's 自评得分, scores every row)
        own_scores = {"na", "num"} if not any(fund_column_kind(c) == "score" and c != "得分" for c in self.fund_columns) \
            else {"na"}
        types = [{"amount": {"num", "na"}, "percent": {"pct", "na"}, "score": own_scores}.get(fund_column_kind(c))
                 for c in self.fund_columns]
        if None in types:
            return False
        run, j = [], i + 1
        while j < len(self.tokens) and len(run) < len(types):
            t = self.tokens[j]
            if not t.text.strip() and t.positional and t.line == self.tokens[i].line:
                j += 1  # an empty cell of the row
                continue
            kind = value_type(unit_cell(t).text)
            if kind is None:
                break
            run.append(kind)
            j += 1
        if j < len(self.tokens) and value_type(self.tokens[j].text) or sum(k in ("num", "pct") for k in run) < 2:
            return False
        if len(run) < sum(ty != {"na"} for ty in types) - 1:
            return False  # one blank cell may be missing, not more (目标 | 10 | 45.17% is no row)
        column = 0
        for kind in run:  # the figures' types, in order, a subsequence of the columns'
            while column < len(types) and kind not in types[column]:
                column += 1
            if column == len(types):
                return False
            column += 1
        return True

    def _heads_group(self, i: int) -> bool:
        """Is the fund row label at i followed by a row of the block under words no label of
        ours names (项目支出 | 小型水库安全运行管护 | 126.00 | 148.00 | …)? It heads those rows."""
        j = self._next_filled(i + 1)
        if j is None or value_type(self.tokens[j].text) or is_label(bare(self.tokens[j].text)):
            return False
        return self._fills_columns(j)


def _opens_list(label: str) -> bool:
    return label.lstrip().startswith("其中")
