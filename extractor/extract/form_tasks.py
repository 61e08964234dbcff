"""The task block of a department-wide form (年度主要任务): a row per task — its name, what
it is, and its money in columns whose header gives the unit (预算数（万元） | 执行数（万元）).
A mixin of FormReader (form_reader.py), whose walk calls these methods."""
from __future__ import annotations

import regex

from .form_unit_cells import unit_cell
from .form_vocab import UNIT_IN_CELL, bare, spec, value_type, vocab


class TaskBlockReader:
    def _read_task_header(self, i: int) -> int:
        """The column names after 任务名称; those whose header carries a unit are the money
        columns. A second header line under them (预算数（万元） over 总额 | 财政拨款 | 其他资金,
        and 执行数 over the same) splits each into as many columns."""
        head, j, columns = self.tokens[i], i + 1, []  # (label, unit, token index)
        while j < len(self.tokens):
            t = self.tokens[j]
            text = t.text.strip()
            if t.positional and t.line != head.line and not (
                    t.line == head.line + 1 and self._header_words_only(t.line)):
                break
            if text:
                if value_type(text) or len(text) > 16:
                    break
                m = UNIT_IN_CELL.search(text)
                unit = (m.group(1) or m.group(2)) if m else self._money_column_unit(text)
                if unit is None and columns and _is_money(columns[-1][1]) and _OF_WHICH.match(text):
                    # 全年预算数 | 其中：财政拨款: the part of the money column before it, in its unit
                    columns.append((f"{columns[-1][0].partition('·')[0]}·{bare(text)}", columns[-1][1], j))
                else:
                    columns.append((bare(text), unit or self._figure_column_unit(text), j))
            j += 1
        if not any(_is_money(unit) for _, unit, _ in columns):
            columns = [(label, None, k) for label, _, k in columns]  # no money: no column of figures read
        money = [(label, unit) for label, unit, _ in columns if unit]
        last = max((k for k, c in enumerate(columns) if c[1]), default=-1)
        # (a name of the first header line written again on the second is its merged cell, no sub-column)
        end = columns[last][2] if last >= 0 else i
        first_line = {bare(t.text) for t in self.tokens[:end + 1] if t.line == head.line and t.text.strip()}
        subs = [c for c in columns[last + 1:] if c[0] not in first_line]
        per = _sub_columns(money, [label for label, _, _ in subs])
        if per:
            money = [(f"{label}·{sub}", unit) for n, (label, unit) in enumerate(money)
                     for sub, _, _ in subs[n * per:(n + 1) * per]]
            j = subs[len(money) - 1][2] + 1  # the rows start after the sub-columns' names
        elif subs:
            j = subs[0][2]  # words after the money columns open the first row
        self.task_columns = money
        return j

    def _money_column_unit(self, text: str):
        """A task column named like a fund block's money column (预算数, 执行数) without a unit
        of its own counts in the form's unit (单位：万元, 项目资金（万元）) when the form states one."""
        column = vocab()["fund_col"].get(bare(text))
        stated = self.unit if self._unit_stated else None  # never the default: a guess
        return stated if stated and column and spec()["fund_column_kinds"].get(column) == "amount" else None

    @staticmethod
    def _figure_column_unit(text: str):
        """The unit of a task column of rates or points among the money columns (预算执行率% |
        分值 | 自评得分): %, 分; None for any other."""
        column = vocab()["fund_col"].get(bare(text))
        return {"percent": "%", "score": "分"}.get(spec()["fund_column_kinds"].get(column)) if column else None

    def _header_words_only(self, line: int) -> bool:
        """Is the line all short words (a header's second line), no figure?"""
        cells = [t.text.strip() for t in self.tokens if t.line == line and t.text.strip()]
        return bool(cells) and all(not value_type(c) and len(c) <= 8 for c in cells)

    def _read_task_value(self, i: int) -> int:
        """A figure of a task's row: the k-th figure in a run goes to the k-th money column
        (a row writes its money columns one after another, after its words)."""
        t = self.tokens[i]
        if _ORDINAL.match(t.text) and i + 1 < len(self.tokens) and value_type(unit_cell(self.tokens[i + 1]).text) is None \
                and (self.line_lens.get(t.line, 1) > 1 and (i == 0 or self.tokens[i - 1].line != t.line)
                     or len(self.task_columns) >= 2 and value_type(unit_cell(self.tokens[i - 1]).text) is None):
            # (1 | 中小河流治理 | …: the row's number, no money — at its line's start, or between
            # words where a row's money runs over two columns or more; the table reader's amount
            # for it, under a 万元 header, goes)
            self.index.not_applicable(t)
            return i + 1
        # (a dash among a row's figures is a cell of its own, 100.00 | — | 5, but not one
        # before them: 金额合计 | — | 9853.00, the row's words column empty)
        kinds = []
        while i - len(kinds) - 1 >= 0 and (kind := value_type(unit_cell(self.tokens[i - len(kinds) - 1]).text)) in ("num", "na"):
            kinds.append(kind)
        while kinds and kinds[-1] == "na":
            kinds.pop()
        k = len(kinds)
        if k < len(self.task_columns):
            label, unit = self.task_columns[k]
            token = unit_cell(self.tokens[i])
            fact = self.index.fact_for(token, token.unit or unit, label, None, {"form": self.form["id"], "slot": "task"})
            tasks = self.form.setdefault("tasks", [])
            if k == 0:  # (a row's first figure opens it: the task's money columns, for their sums)
                tasks.append({"cells": {}, "source": token.source()})
            if fact is not None and tasks:
                tasks[-1]["cells"][label] = fact.id
        return i + 1


def _is_money(unit) -> bool:
    """Is a task column's unit a money unit (not a rate's %, not points' 分, not none)?"""
    return unit not in (None, "%", "分")


_ORDINAL = regex.compile(r"^\s*\d{1,3}\s*$")
_OF_WHICH = regex.compile(r"^\s*其中\s*[：:]?")


def _sub_columns(money: list, words: list) -> int:
    """How many sub-columns each money column has, when the words after the header's money
    columns name the same ones under each of them (总额 财政拨款 其他资金 总额 财政拨款 其他资金,
    then the first row's words); 0 when they do not."""
    for per in range(len(words) // max(1, len(money)), 1, -1):
        groups = [words[n * per:(n + 1) * per] for n in range(len(money))]
        if all(g == groups[0] for g in groups):
            return per
    return 0
