"""Fund cells that hold their label and figure together, as department forms list the year's
money (收入合计：3268.40 | 其中：财政拨款：3015.72 | 其他收入：252.68, 按收入性质分：2130.45 beside
按支出性质分：2130.45): each is a fund row with its one figure in the block's stage column — the
spending where the line's own label says so (年度部门整体支出执行), else the budget. 执行数： and 执行率：
cells are the total row's. A label of money the templates do not name is a row no sum can be
checked over. A mixin of FundBlockReader (form_funds.py)."""
from __future__ import annotations

from typing import Optional

import regex

from .form_unit_cells import unit_cell
from .form_fund_rows import fund_row
from .form_vocab import bare, canon, fund_column_kind, spec, value_type, vocab


def _bare_figure(text: str) -> str:
    """A cell's figure without a money unit written on it (2130.45万元 → 2130.45)."""
    return regex.sub(r"\s*(?:万元|亿元|元)$", "", text.strip())


# 其中：财政拨款：3015.72, 资金总额： (its figure in the next cell), 执行率：96.08%
_FUND_COLON = regex.compile(r"^\s*(?:其中\s*[：:]\s*)?(?P<label>[^：:\d\s]{2,14}?)\s*[：:]\s*(?P<value>\S+)?\s*$")
_SPENT_STAGE = regex.compile(r"执行|决算|实际|完成")


class ColonFundCells:
    def _read_colon_fund_cell(self, i: int) -> Optional[int]:
        """Where the reading goes on after a fund row's label-and-figure cell at i; None when
        the cell is no such thing."""
        t = self.tokens[i]
        if (end := self._read_named_cells_row(i)) is not None:
            return end
        m = _FUND_COLON.match(t.text)
        if m is None or t.merged or not self._colon_block():
            return None
        if m.group("value") is not None:
            value, end = unit_cell(t.piece(m.start("value"), m.end("value"))), i + 1
        elif i + 1 < len(self.tokens) and self.tokens[i + 1].line == t.line:
            value, end = unit_cell(self.tokens[i + 1]), i + 2  # (资金总额： | 2130.45)
        else:
            return None
        kind = value_type(value.text)
        if kind not in ("num", "pct") or value.unit not in (None, "万元", "元", "亿元"):
            return None
        key, v = bare(m.group("label")), vocab()
        if key in v["fund_row"] and kind == "num":
            self._colon_row(t, m.group("label"), v["fund_row"][key], value)
        elif key in v["fund_col"] and self.form["funds"]:
            column = v["fund_col"][key]
            total = next((r for r in self.form["funds"] if r["slot"] == "total" and r.get("colon")), None)
            if total is None or column in total["cells"] or (fund_column_kind(column) == "percent") != (kind == "pct"):
                return None
            self._place_colon_value(total, value, column)
        elif kind == "num" and self.form["funds"] and regex.search(spec()["fund_rows"]["unnamed"]["words"], key):
            # (上级补助收入：95.00: money of a row the templates lack — its figure is a fact, but
            # the sums over the block are not known)
            self.form["unread_fund_rows"] += 1
            self._colon_row(t, m.group("label"), "unnamed", value)
        else:
            return None
        return end

    def _read_named_cells_row(self, i: int) -> Optional[int]:
        """A fund row written as a line of its cells, each named by its column (年度资金总额：年初预算数
        240，全年预算数250，全年执行数245，分值10，执行率98%，得分9.8): each figure in the column
        it names; a dash there is "not applicable". Where the reading goes on; None for any other
        cell."""
        t = self.tokens[i]
        m = _FUND_COLON.match(t.text)
        v = vocab()
        if m is None or m.group("value") is not None or t.merged or bare(m.group("label")) not in v["fund_row"]:
            return None
        cells, j = [], i + 1
        while j + 1 < len(self.tokens) and self.tokens[j].line == t.line == self.tokens[j + 1].line \
                and bare(self.tokens[j].text) in v["fund_col"]:
            figure = self.tokens[j + 1]
            kept = len(figure.text.rstrip(" ，,；;。"))
            cells.append((v["fund_col"][bare(self.tokens[j].text)], unit_cell(figure.piece(0, kept))))
            j += 2
        if len(cells) < 2 or any(value_type(value.text) is None for _, value in cells):
            return None
        slot = v["fund_row"][bare(m.group("label"))]
        row = fund_row(slot, canon(m.group("label")), t.source())
        self.form["funds"].append(row)
        for column, value in cells:
            if column not in self.form.setdefault("fund_columns", []):
                self.form["fund_columns"].append(column)
            if value_type(value.text) == "na":
                self.index.not_applicable(value)
                row["na"].append(column)
            elif value_type(value.text) == ("pct" if fund_column_kind(column) == "percent" else "num"):
                self._place_colon_value(row, value, column)
        return j

    def _colon_block(self) -> bool:
        """Does the form write a fund block this way — a total and a part of it each as label
        and figure? (A form that writes only its totals so, 年度预算资金总额：960.00 over
        其中：中央补助 600.00, keeps them as text, whose breakdowns are read there.)"""
        if self._colon_slots is None:
            slots = set()
            for k, t in enumerate(self.tokens):
                m = _FUND_COLON.match(t.text)
                value = m and (m.group("value") or (self.tokens[k + 1].text if k + 1 < len(self.tokens) else ""))
                if m and value_type(_bare_figure(value)) == "num":
                    slots.add(vocab()["fund_row"].get(bare(m.group("label"))))
            rows = spec()["fund_rows"]
            self._colon_slots = any(s and rows[s]["part_of"] for s in slots) and any(
                s and rows[s]["part_of"] is None and s != "unnamed" for s in slots)
        return self._colon_slots

    def _colon_row(self, label, name: str, slot: str, value) -> None:
        row = fund_row(slot, canon(name), label.source())
        row["colon"] = True
        if self.fund_blocks > 1:
            row["fund_block"] = self.fund_blocks
        self.form["funds"].append(row)
        # (the line's first cell: 年度部门整体支出执行 | 执行数：…, or the label itself)
        line_label = next((t for t in self.tokens if t.line == label.line), label)
        column = "全年执行数" if _SPENT_STAGE.search(_FUND_COLON.sub(r"\g<label>", line_label.text)) else "全年预算数"
        self._place_colon_value(row, value, column)

    def _place_colon_value(self, row: dict, value, column: str) -> None:
        if column not in self.form.setdefault("fund_columns", []):
            self.form["fund_columns"].append(column)
        kind = fund_column_kind(column)
        written_unit = {"amount": value.unit or self._stated_unit, "percent": "%", "score": "分"}.get(kind)
        if written_unit is not None:  # (no unit stated anywhere: a bare figure is no amount)
            self._place_fund_fact(row, value, written_unit, column, row["label"], row["slot"])
