"""Reading one form: a walk over its cell tokens that fills the template's slots — the
metadata cells and 自评等级 (form_statements.py), the fund block (form_funds.py), the indicator
block (form_indicators.py), 总分 and its points (form_totals.py)."""
from __future__ import annotations

from dataclasses import replace
from typing import Optional

import regex

from ..ingest.tables import SUBTOTAL_LABEL
from .form_unit_cells import unit_cell
from .form_facts import FactIndex
from .form_fund_sums import place_short_rows_by_sums
from .form_funds import FundBlockReader, is_fund_label
from .form_indicators import IndicatorBlockReader, _IndicatorHeader
from .form_level_points import grouped_level_points
from .form_statements import FormStatementReader
from .form_tasks import TaskBlockReader
from .form_totals import LEVEL_SUBTOTAL, TotalRowReader
from .form_typed_rows import TypedRowReader
from .form_weighted import WeightedLevelsReader
from .form_worded_cells import WordedCellReader
from .form_vocab import UNIT_IN_CELL, bare, canon, names_money, spec, value_column, value_type, vocab


# a figure inside a row's name that is no date, count or unit of its words (…充分性44立项…,
# …完成率%901010010国家级…: a unit cell before it)
_FIGURES_IN_NAME = regex.compile(r"[\p{Han}%％]\d+(?:\.\d+)?(?=\p{Han})(?![年月日号个项次人户元万亿%％])")


class FormReader(FundBlockReader, IndicatorBlockReader, TypedRowReader, WordedCellReader, TaskBlockReader,
                 WeightedLevelsReader, TotalRowReader, FormStatementReader):
    def __init__(self, template: str, tokens: list, index: FactIndex, form_id: str):
        self.tokens = tokens
        self.index = index
        self.form = {"id": form_id, "template": template, "name": spec()["templates"][template]["name"],
                     "report_type": spec()["templates"][template]["report_type"], "meta": {}, "unit": None,
                     "funds": [], "unread_fund_rows": 0, "indicators": [], "unread_rows": 0,
                     "total_weight": None, "total_score": None, "grade": None}
        self.fund_columns: list = []
        self.fund_header_cols: list = []  # the grid column of each fund column label (real tables)
        self.fund_header_width = 0
        # where the fund row read last starts and ends (tokens): its label written again
        # right after it is the same row in the next of fund blocks set side by side
        self.last_fund_row_start, self.last_fund_row_end = -1, -1
        self.fund_patterns: dict = {}  # value types of a fund row → the columns they were read into
        self.queued_rows: list = []  # (label token, slot) of fund rows whose figures come later
        self.fund_header_end = 0  # the token after the fund block's header
        self._fund_names_columns = False  # the fund block's row names head its columns instead
        self.trailing_columns: list = []  # stage columns after sources written as columns (form_fund_transposed.py)
        self.total_last_of: tuple = ()  # the sources whose total, named first, stands last in their rows (ditto)
        self._colon_slots: Optional[bool] = None  # fund rows written as label：figure (form_fund_colon.py)
        self.fund_rows_ended = False  # a part of the form after its fund block has begun (forms.json fund_block_ends)
        self.fund_blocks = 0  # fund headers read: a 三公经费 or 政府采购 block under the budget's is a block of its own
        self.fund_label_col: Optional[int] = None  # the column of the fund rows' labels (forms read by column)
        self.group_columns: Optional[dict] = None  # a breakdown's group → the fund column its label names (form_funds.py)
        self.unit_pending: list = []  # amounts read before the fund block stated its unit
        self._total_row_read = False  # the indicator block's total row was read
        self.task_columns: list = []  # (column label, unit) of a task block's money columns, in order
        self.unit = spec()["fund_unit_default"]
        self._unit_stated = False
        self.indicators: Optional[_IndicatorHeader] = None
        self.path: list = [None, None]
        self.weighted_groups: list = []  # the open groups of a table that weights every level
        self.weighted_levels = False
        self.name_rest: list = []  # the rest of a row's name wrapped onto lines of their own (form_typed_rows)
        self.level_opened = None  # a first level's points read before its rows, for the next row read
        self.weighted_depth = 0  # the levels its header names (form_weighted.py)
        self.rows_closed = False  # the indicator block's total row has been read
        self.last = 0  # the last token a slot or label of the form was read from
        self.line_lens: dict = {}
        self.written_lens: dict = {}  # (cells each line wrote: its padding left out)
        for t in tokens:
            self.line_lens[t.line] = self.line_lens.get(t.line, 0) + 1
            self.written_lens[t.line] = self.written_lens.get(t.line, 0) + (not t.padding)

    # -- the walk
    def read(self) -> dict:
        v = vocab()
        i, n = 0, len(self.tokens)
        while i < n:
            t = self.tokens[i]
            key = bare(t.text)
            if not key:
                i += 1
                continue
            before = i
            if t.unread_run:
                # figures run together that no cut reads (form_fund_runs.py): no fact, and the
                # row they stand in is not known
                self.index.drop_within(t)
                self.form["unread_fund_rows"] += 1
                i += 1
                continue
            if self.queued_rows and key in v["goal_label"]:
                self.queued_rows = []  # the goals begin: a fund row still waiting for figures has none
            if key in v["fund_block_end"] and self.fund_columns and self.indicators is None and not t.merged:
                # (the goals, or the transfer form's 资金管理情况: the fund block has ended, and
                # the rows after it with figures in their words are no unread fund rows)
                self.fund_rows_ended = True
            self._note_unit(i)
            if (taken := self._read_label_colon(i)):
                i += taken
            elif self.indicators is None and not self.fund_columns and (end := self._read_colon_fund_cell(i)):
                i = end
            elif (self.indicators is None and self.form.get("fund_columns") and self.form["funds"]
                  and (self.fund_columns or not self._transposed_values(i))
                  and (end := self._read_budget_points(i)) is not None):
                i = end
            elif key in v["grade_cell"]:
                i = self._read_grade(i + 1)
            elif (self.indicators is None and key in v["score_cell"] and self.form["total_score"] is None
                  and not t.merged):
                i = self._read_total(i)  # 自评总分 in the form's head, before its blocks
            elif self.indicators is None and key in v["meta"] and not t.merged:
                i = self._read_meta(i, v["meta"][key])
            elif (key == "一级指标" or key == "三级指标" and self.indicators is None and self._names_first(i)) \
                    and not t.merged:
                self.weighted_levels = not t.positional and self._starts_weighted_levels(i)
                i = self._read_indicator_header(i)
            elif self.weighted_levels and key not in v["total"] and not LEVEL_SUBTOTAL.match(key):
                i = self._read_weighted_item(i)
            elif self.indicators is None and key in v["task_header"] and not t.merged:
                i = self._read_task_header(i)
            elif (self.indicators is None and self.task_columns and not t.merged
                  and value_type(unit_cell(t).text) == "num"):
                i = self._read_task_value(i)
            elif (self.indicators is None and key in v["source_head"] and self.fund_columns and self.form["funds"]
                  and not t.merged and (sources := self._sources_across(i))):
                # 资金来源 | 中央 | 省级 | 县级 | 合计 after the fund block: a block of its own, the sources
                # written the other way round (form_fund_transposed.py)
                self.fund_columns, self.trailing_columns, self.fund_blocks = [], [], self.fund_blocks + 1
                self.queued_rows = [(s, v["fund_row"][bare(s.text)]) for s in sources]
                i += 1 + len(sources)
            elif (self.indicators is None and key in v["fund_col"] and not self.fund_columns
                  and (values := self._transposed_values(i))):
                i = self._read_transposed_row(i, values)
            elif (self.indicators is None and key in v["fund_col"] and not self.fund_columns
                  and not self.form["funds"] and (stage := self._trailing_stage_header(i)) is not None):
                # (stage columns after the sources: see form_fund_transposed.py)
                i = self._read_transposed_row(*stage)
            elif (key in v["fund_col"] and (self.indicators is None or not self.fund_columns)
                  and not (self.indicators is not None and self.form["template"] == "score_table")
                  and self._fund_header_len(i)):
                # (a score table has no fund block: 资金到位率 | 4 | … among its rows is a row)
                # (a fund block after the indicator block: the indicator rows end there)
                self.indicators = None
                i = self._read_fund_header(i)
            elif (self.indicators is None and key in v["fund_row"] and self.fund_columns and not t.merged
                  and not self.form["funds"] and (grouped := self._grouped_sources(i))):
                i = self._read_grouped_sources(grouped)
            elif (self.indicators is None and key in v["fund_row"] and not self.fund_columns and self.queued_rows
                  and not t.merged and not self._fund_names_columns and (found := self._declared_row(i)) is not None):
                # 年度资金总额（万元） | 其中：财政拨款（万元） | 其他资金（万元） over one row of figures
                # (a target form's funds): the year's budget of each
                i = self._read_transposed_row(i, found, "全年预算数")
            elif (self.indicators is None and key in v["fund_row"]
                  and (not t.positional or not self.fund_columns and not t.merged)
                  and (self._label_follows(i) or not self.fund_columns and not self._value_follows(i))):
                # a fund row's label with no figures after it: a text layer that wrote the
                # table column by column puts its figures in the next run that has no label
                # (or, before any fund header, the sources head the columns of a block written
                # the other way round: see _read_transposed_row)
                named_again = any(bare(q.text) == key for q, _ in self.queued_rows)
                if named_again and not self._heads_a_new_row(i):
                    # the same row named twice (合计 | 中央资金 | … | 合计 | 中央资金 | … under 全年预算数
                    # and 全年执行数): the names head columns, so which figure is whose is not known
                    # (unlike 按收入性质分 written again on each row it spans, before a row of its own)
                    self.queued_rows = []
                    self.form["unread_fund_rows"] += 1
                    self._fund_names_columns = True
                elif not named_again and not self._fund_names_columns:
                    self.queued_rows.append((t, v["fund_row"][key]))
                i += 1
            elif (self.indicators is None and not self.fund_columns and self.queued_rows and not self._fund_names_columns
                  and SUBTOTAL_LABEL.match(key) and not t.merged and not self._value_follows(i)):
                # 中央资金 | 省级资金 | 自筹 | 小计: the sources heading columns end in their total
                self.queued_rows.append((t, "total"))
                i += 1
            elif self.indicators is None and self._fund_names_columns and key in v["fund_row"]:
                i += 1  # (a name heading a column, see above)
            elif (self.indicators is None and self.fund_columns and key in v["fund_row"] and not t.merged
                  and not t.positional and self._heads_group(i)):
                # 项目支出 | 水库管护 | 126.00 | … | 小计 | 201.00: a group's label, its figures in its 小计 row
                self.queued_rows.append((t, v["fund_row"][key]))
                i += 1
            elif (self.indicators is None and self.fund_columns and self.queued_rows and key in v["fund_row"]
                  and not t.merged and not t.positional
                  and (end := self._read_fund_columns(i + 1, (t, v["fund_row"][key]))) is not None):
                i = end  # the last label before the block's figures written column by column
            elif self.indicators is None and self.fund_columns and key in v["fund_row"] and not t.merged:
                i = self._read_fund_row(i, v["fund_row"][key])
            elif (self.indicators is None and self.fund_columns and len(self.queued_rows) >= 2 and not t.positional
                  and value_type(unit_cell(t).text) and (end := self._read_fund_columns(i)) is not None):
                i = end  # the block written column by column (form_fund_columns.py)
            elif (self.indicators is None and self.fund_columns and self.queued_rows and not t.positional
                  and SUBTOTAL_LABEL.match(key) and self._value_follows(i)):
                label, slot = self.queued_rows.pop()
                i = self._read_fund_row(i + 1, slot, label)
            elif (self.indicators is None and self.fund_columns and self.queued_rows and not t.positional
                  and value_type(unit_cell(t).text) and not self._after_unread_label(i)):
                label, slot = self.queued_rows.pop(0)
                i = self._read_fund_row(i, slot, label)
            elif (self.indicators is None and self.fund_columns and not t.merged and not self._fund_names_columns
                  and (start := self._unlabelled_first_row(i)) is not None):
                i = self._read_fund_row(start, "total", None if t.positional else t)
            elif self.indicators is None and not t.merged and (end := self._read_labels_over_figures(i)) is not None:
                i = end  # 编制数（人） | 实有人数（人） | 40 | 37
            elif (self.indicators is None and not t.merged
                  and (key in v["money"] or key in v["fund_row"] and not self.fund_columns
                       or not self.fund_columns and names_money(key) and i + 1 < len(self.tokens)
                       and not self.index.has_fact(self.tokens[i + 1])
                       or len(key) <= 20 and UNIT_IN_CELL.search(t.text))
                  and self._read_money_label(i)):
                # (a label with its money unit, and a fund row's label before any fund header,
                # are labels of the value after them: 项目总预算（万元） | 1,280 | 其中：财政资金 |
                # 1,180 | 其他资金 | 100; so is a label of a stage or source of money the lists
                # lack, 预算安排数 | 4,800,000.00, where no reader made the figure a fact)
                i += 2
            elif (self.indicators is None and self.fund_columns and not self.task_columns and not self.fund_rows_ended
                  and self._unread_fund_row(i)):
                # a row of the fund block under a label the vocabulary lacks: its figures are
                # facts, but its sums are not known (check/forms.py reads no total against
                # parts then, and no rule reads the row)
                self.form["unread_fund_rows"] += 1
                if not self._money_words(i):
                    i += 1
                    continue
                i = self._read_fund_row(i, "unnamed")
            elif self.indicators is not None and not self.rows_closed and LEVEL_SUBTOTAL.match(key) and not t.merged:
                i = self._read_subtotal(i)
            elif ((self.indicators is not None or self.form["indicators"] and self.form["total_score"] is None)
                  and key in v["total"] and not t.merged):
                # (the form's total after a fund block that came after the indicator rows, too)
                i = self._read_total(i)
                self.rows_closed = self.form["total_score"] is not None
            elif self.indicators is not None and not self.rows_closed and self._name_spans_levels(i):
                # 预算执行率 | < | < | 100% | 96% | 10 | 9.6: a row whose name fills the level
                # columns too is an indicator of its own, under no level
                self.tokens[i] = replace(t, col=self.indicators.name_col + self._header_shift(t))
                self.path = [None, None]
                i = self._read_indicator(i)
            elif self.indicators is not None and (level := self._level_cell(t)) is not None:
                self._open_level(t, level)
                i += 1
            elif self.indicators is not None and not self.rows_closed and self._form_word_names_row(i):
                i = self._read_indicator(i)
            elif self.indicators is not None and key in v["level1"] and not self._in_name_column(t):
                self.path = ["".join(t.text.split()), None]  # 产 出 指 标: a cell spaced to fill its width
                i = self._read_level_points(i)
            elif self.indicators is not None and key in v["level2"] and not self._in_name_column(t):
                # (in the 三级指标 column, 服务对象满意度 is a row's name)
                self.path = [self.path[0], "".join(t.text.split())]
                i += 1
            elif self.indicators is not None and not self.rows_closed and self._is_name(t):
                # (after the indicator block's total row come its notes, not rows)
                i = self._read_indicator(i)
            elif self.indicators is not None and not t.positional and self._nameless_group(i):
                i = self._read_nameless_group(i)
            else:
                i += 1
                continue
            self.last = max(self.last, i - 1, before)
        if self.weighted_levels:
            self._close_weighted_group(0)
        for marks_key, key, groups in (("group_weights", "weight", "level_weights"), ("group_scores", "score", "level_scores")):
            if any(marks_key in row for row in self.form["indicators"]):
                self.form.setdefault(groups, []).extend(
                    grouped_level_points(self.form["indicators"], marks_key, key, self.form["unread_rows"]))
                for row in self.form["indicators"]:
                    row.pop(marks_key, None)
        self._drop_levels_read_past_their_weight()
        self._drop_rows_named_with_figures()
        for row in self.form["indicators"]:
            row.pop("unread_before", None)
        self._place_pending_amounts()
        if self.fund_columns:
            place_short_rows_by_sums(self.form, {f.id: f for f in self.index.facts}, list(self.fund_columns))
        self.form["unit"] = self.unit if self.fund_columns else None
        self.form.setdefault("fund_columns", list(self.fund_columns))
        if self.form["funds"] and self.indicators is None and not self.fund_rows_ended and not self.task_columns \
                and self._cut_inside_a_row():
            # the form's text ends inside its fund block (an excerpt or a page cut off there):
            # rows of the block may be lost, so the sum of its parts is not known
            self.form["fund_block_open"] = True
        return self.form

    def _cut_inside_a_row(self) -> bool:
        """Does the form's text stop inside a row, a fund row's label (or the start of one:
        上年结转) last, whose figures the text lost? (A row of figures last may be whole: its
        empty cells are not written; words of a note last are no row.)"""
        written = [t for t in self.tokens if not t.padding and bare(t.text)]
        key = bare(written[-1].text) if written else ""
        v = vocab()
        # (年度 may open 年度总体目标 as well as 年度资金总额: the goals begun, the block was whole)
        return key in v["fund_row"] or len(key) >= 3 and any(label.startswith(key) for label in v["fund_row"]) \
            and not any(label.startswith(key) for label in v["fund_block_end"])

    def _drop_rows_named_with_figures(self) -> None:
        """Rows whose names hold other rows' figures (立项依据充分性44立项程序规范性44…过程: cells run
        together that no cut read) are no rows: dropped, and counted unread, so no sum of the
        form's is checked by them."""
        misread = [row for row in self.form["indicators"]
                   if any(len(_FIGURES_IN_NAME.findall(name or "")) >= 2 for name in row["path"])]
        if misread:
            paths = [row["path"] for row in misread]
            self.form["indicators"] = [row for row in self.form["indicators"] if row not in misread]
            for key in ("level_weights", "level_scores"):
                if key in self.form:
                    self.form[key] = [g for g in self.form[key] if g["path"] not in paths]
            self.form["unread_rows"] += len(misread)

    def _drop_levels_read_past_their_weight(self) -> None:
        """A level whose rows run past its 分值 where the first of them make it exactly (决策 15 over
        目标设定 8, 预算编制 7, then 管理 35 …) took the rows of a level the reader did not tell
        by its name: the groups and the form's sums are not known. Its groups are dropped and the
        rows counted unread (form.score_total then reads no sum)."""
        if not self.form.get("level_weights"):
            return
        value = {f.id: f.value for f in self.index.facts}
        misread = []
        for group in self.form["level_weights"]:
            weight, parts = value.get(group["weight"]), [value.get(p) for p in group["parts"]]
            if weight is None or None in parts or sum(parts) <= weight:
                continue
            if any(sum(parts[:k]) == weight for k in range(1, len(parts))):
                misread.append(group["path"])
        if misread:
            for key in ("level_weights", "level_scores"):
                self.form[key] = [g for g in self.form.get(key) or [] if g["path"] not in misread]
            self.form["unread_rows"] += 1

    def _note_unit(self, i: int) -> None:
        unit = self._unit_statement(i)
        if unit and self.indicators is None and (not self.fund_columns or not self._unit_stated):
            # the form's money unit, wherever the fund block writes it (a text layer may
            # put 项目资金（元） after the figures)
            self.unit, self._unit_stated = unit, True

    def _names_first(self, i: int) -> bool:
        """Does an indicator header start at i without level columns (指标名称 | 计量单位 |
        指标性质 | 年初指标值 …): the name's cell followed by two of the value columns?"""
        k, named = i + 1, 0
        while k < len(self.tokens) and k <= i + 3 and value_column(bare(self.tokens[k].text), True) is not None:
            named += 1
            k += 1
        return named >= 2

    def _heads_a_new_row(self, i: int) -> bool:
        """Does the label at i stand before a fund row's label not named yet, whose figures follow
        it (or, a row left empty, the label at i again)? A merged cell written again on each row it
        spans (按收入性质分 | 政府性基金预算 | 1200.00 …), not a row named twice to head columns."""
        j = self._next_filled(i + 1)
        if j is None or not is_fund_label(bare(self.tokens[j].text)) \
                or any(bare(q.text) == bare(self.tokens[j].text) for q, _ in self.queued_rows) \
                or any(r["label"] == canon(self.tokens[j].text) for r in self.form["funds"]):
            return False
        after = self._next_filled(j + 1)
        return self._value_follows(j) or after is not None and bare(self.tokens[after].text) == bare(self.tokens[i].text)

    def _next_filled(self, j: int) -> Optional[int]:
        while j < len(self.tokens):
            if self.tokens[j].text.strip() and not self.tokens[j].merged:
                return j
            j += 1
        return None
