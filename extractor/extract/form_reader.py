"""Reading one form: a walk over its cell tokens that fills the template's slots — the
metadata cells, the fund block (by position where the shape keeps empty cells, else by
type), the indicator block, 总分 and 自评等级."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from .form_assign import assign_by_type, assign_indicator_values
from .form_cells import money_cell, with_unit_cells
from .form_glued import leading_scores
from .form_facts import FactIndex, value_of
from .form_tokens import Token
from .form_vocab import (FACT_UNITS, LABEL_COLON, UNIT_IN_CELL, bare, canon, is_label, is_na, is_score_figure,
                         looks_like_target, parse_target, spec, value_type, vocab)


@dataclass
class _IndicatorHeader:
    slots: list  # the value columns after 三级指标, in order: target, actual, weight, score, reason
    cols: dict = field(default_factory=dict)  # slot → column in the header line (positional shapes)
    name_col: Optional[int] = None
    line_len: int = 0


class FormReader:
    def __init__(self, template: str, tokens: list, index: FactIndex, form_id: str):
        self.tokens = tokens
        self.index = index
        self.form = {"id": form_id, "template": template, "name": spec()["templates"][template]["name"],
                     "report_type": spec()["templates"][template]["report_type"], "meta": {}, "unit": None,
                     "funds": [], "unread_fund_rows": 0, "indicators": [], "unread_rows": 0, "total_weight": None, "total_score": None, "grade": None}
        self.fund_columns: list = []
        self.fund_patterns: dict = {}  # value types of a fund row → the columns they were read into
        self.queued_rows: list = []  # (label token, slot) of fund rows whose figures come later
        self.unit = spec()["fund_unit_default"]
        self._unit_stated = False
        self.indicators: Optional[_IndicatorHeader] = None
        self.path: list = [None, None]
        self.last = 0  # the last token a slot or label of the form was read from
        self.line_lens: dict = {}
        for t in tokens:
            self.line_lens[t.line] = self.line_lens.get(t.line, 0) + 1

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
            unit = self._unit_statement(i)
            if unit and self.indicators is None and not self.fund_columns:
                self.unit, self._unit_stated = unit, True
            if self._read_label_colon(t):
                i += 1
            elif key in v["grade_cell"]:
                i = self._read_grade(i + 1)
            elif (self.indicators is None and key in v["score_cell"] and self.form["total_score"] is None
                  and not t.merged):
                i = self._read_total(i)  # 自评总分 in the form's head, before its blocks
            elif self.indicators is None and key in v["meta"] and not t.merged:
                i = self._read_meta(i, v["meta"][key])
            elif key == "一级指标" and not t.merged:
                i = self._read_indicator_header(i)
            elif self.indicators is None and key in v["fund_col"] and self._fund_header_len(i):
                i = self._read_fund_header(i)
            elif (self.indicators is None and key in v["fund_row"] and not t.positional
                  and (self._label_follows(i) or not self.fund_columns and not self._value_follows(i))):
                # a fund row's label with no figures after it: a text layer that wrote the
                # table column by column puts its figures in the next run that has no label
                self.queued_rows.append((t, v["fund_row"][key]))
                i += 1
            elif self.indicators is None and self.fund_columns and key in v["fund_row"] and not t.merged:
                i = self._read_fund_row(i, v["fund_row"][key])
            elif (self.indicators is None and self.fund_columns and self.queued_rows and not t.positional
                  and value_type(money_cell(t).text)):
                label, slot = self.queued_rows.pop(0)
                i = self._read_fund_row(i, slot, label)
            elif self.indicators is None and key in v["money"] and not t.merged and self._read_money_cell(i):
                i += 2
            elif self.indicators is None and self.fund_columns and self._unread_fund_row(i):
                # a row of the fund block under a label the vocabulary lacks: its sums are
                # not known (check/forms.py reads no total against parts then)
                self.form["unread_fund_rows"] += 1
                i += 1
                continue
            elif self.indicators is not None and key in v["total"] and not t.merged:
                i = self._read_total(i)
            elif self.indicators is not None and key in v["level1"]:
                self.path = ["".join(t.text.split()), None]  # 产 出 指 标: a cell spaced to fill its width
                i += 1
            elif self.indicators is not None and key in v["level2"]:
                self.path = [self.path[0], "".join(t.text.split())]
                i += 1
            elif self.indicators is not None and self._is_name(t):
                i = self._read_indicator(i)
            elif self.indicators is not None and not t.positional and self._nameless_group(i):
                i = self._read_nameless_group(i)
            else:
                i += 1
                continue
            self.last = max(self.last, i - 1, before)
        self.form["unit"] = self.unit if self.fund_columns else None
        return self.form

    def _read_label_colon(self, t: Token) -> bool:
        m = LABEL_COLON.match(t.text)
        if m is None or t.merged:
            return False
        key, value = bare(m.group(1)), m.group(2)
        if key in vocab()["grade_cell"] and self._grade_word(value):
            word = self._grade_word(value)
            self.form["grade"] = {"text": word, "source": t.source(m.start(2), m.start(2) + len(word))}
            return True
        if key in vocab()["meta"] and self.indicators is None and value_type(value) is None:
            entry = {"text": value, "source": t.source(m.start(2), m.end(2))}
            self.form["meta"].setdefault(vocab()["meta"][key], []).append(entry)
            return True
        return False

    # -- metadata cells (项目名称 | X, 主管部门 | Y)
    def _read_meta(self, i: int, key: str) -> int:
        j = self._next_filled(i + 1)
        if j is not None and j - i <= 3 and not is_label(bare(self.tokens[j].text)) and value_type(self.tokens[j].text) is None:
            self.form["meta"].setdefault(key, [])
            self.form["meta"][key].append({"text": self.tokens[j].text.strip(), "source": self.tokens[j].source()})
            return j + 1
        return i + 1

    def _next_filled(self, j: int) -> Optional[int]:
        while j < len(self.tokens):
            if self.tokens[j].text.strip() and not self.tokens[j].merged:
                return j
            j += 1
        return None

    # -- a money label and its value in the next cell (预算数 | 6.84, 计划安排资金（万元） | 170)
    def _read_money_cell(self, i: int) -> bool:
        label, nxt = self.tokens[i], self.tokens[i + 1] if i + 1 < len(self.tokens) else None
        m = UNIT_IN_CELL.search(label.text)
        unit = (m.group(1) or m.group(2)) if m else self._stated_unit
        if nxt is None or unit is None or value_type(nxt.text) != "num" or nxt.merged:
            return False
        fact = self.index.fact_for(nxt, unit, canon(label.text), None, {"form": self.form["id"], "slot": "money_cell"})
        return fact is not None

    def _unread_fund_row(self, i: int) -> bool:
        """Words no label of ours, followed by a figure: a fund row this reader cannot place."""
        t = self.tokens[i]
        if t.merged or value_type(t.text) or is_label(bare(t.text)) or len(t.text.strip()) > 20:
            return False
        j = self._next_filled(i + 1)
        return j is not None and value_type(money_cell(self.tokens[j]).text) in ("num", "pct")

    def _unit_statement(self, i: int) -> Optional[str]:
        """金额单位：万元 in one cell, or 单位： and 万元 in two."""
        t = self.tokens[i]
        if len(t.text) > 16:
            return None
        m = UNIT_IN_CELL.search(t.text)
        if m:
            return m.group(1) or m.group(2)
        if canon(t.text) in spec()["unit_cells"] and i + 1 < len(self.tokens):
            word = canon(self.tokens[i + 1].text)
            return word if word in ("万元", "元", "亿元", "千元") else None
        return None

    @property
    def _stated_unit(self) -> Optional[str]:
        """The money unit the form states for itself (金额单位：万元, or a unit cell of the
        fund block); None when it states none — a bare number is then no amount."""
        return self.unit if self._unit_stated else None

    # -- the fund block
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
            elif key or not t.positional:
                break
            j += 1
        amount_cols = {"年初预算数", "全年预算数", "全年执行数"}
        return j - i if len(found) >= 2 and amount_cols & set(found) else 0

    def _read_fund_header(self, i: int) -> int:
        end = i + self._fund_header_len(i)
        cols = vocab()["fund_col"]
        self.fund_columns = [cols[bare(t.text)] for t in self.tokens[i:end] if bare(t.text) in cols]
        # the unit is written in a cell just before the column labels (项目资金（万元）)
        for t in self.tokens[max(0, i - 4):end]:
            m = UNIT_IN_CELL.search(t.text)
            if m:
                self.unit = m.group(1) or m.group(2)
                self._unit_stated = True
        return end

    def _value_follows(self, i: int) -> bool:
        j = self._next_filled(i + 1)
        return j is not None and value_type(money_cell(self.tokens[j]).text) is not None

    def _label_follows(self, i: int) -> bool:
        j = self._next_filled(i + 1)
        if j is None:
            return False
        key = bare(self.tokens[j].text)
        return key in vocab()["fund_row"] or key in vocab()["fund_col"]

    def _read_fund_row(self, i: int, slot: str, label: Optional[Token] = None) -> int:
        """The fund row labelled by tokens[i], its values after it; or, with `label` given
        (a label written away from its figures), the row whose values start at i."""
        first = i if label is not None else i + 1
        label = label if label is not None else self.tokens[i]
        if label.positional:
            values = [money_cell(t) for t in self.tokens[i + 1:] if t.line == label.line]
            while len(values) > len(self.fund_columns) and not values[-1].text.strip():
                values.pop()  # the table is wider than the fund block
            while len(values) > len(self.fund_columns) and not values[0].text.strip():
                values.pop(0)
            kinds = spec()["fund_column_kinds"]
            pairs = [(column, kinds[column], token) for column, token in zip(self.fund_columns, values)]
            end = i + 1 + len([t for t in self.tokens[i + 1:] if t.line == label.line])
        else:
            values = []
            j = first
            while (j < len(self.tokens) and value_type(money_cell(self.tokens[j]).text)
                   and len(values) < len(self.fund_columns)):
                values.append(money_cell(self.tokens[j]))
                j += 1
            # a row written like the one above it (the same types in the same order) has
            # its values in the same columns
            signature = tuple(value_type(t.text) for t in values)
            if signature in self.fund_patterns:
                kinds = spec()["fund_column_kinds"]
                pairs = [(c, kinds[c], t) for c, t in zip(self.fund_patterns[signature], values)]
            else:
                pairs = assign_by_type(self.fund_columns, values, slot)
                if pairs and all(c for c, _, _ in pairs) and len(pairs) == len(values):
                    self.fund_patterns[signature] = [c for c, _, _ in pairs]
            end = j
        row_spec = spec()["fund_rows"][slot]
        row = {"slot": slot, "label": canon(label.text), "part_of": row_spec["part_of"],
               "group": row_spec.get("group"), "minor": row_spec.get("minor", False), "cells": {}, "na": [], "blank": [], "unplaced": [],
               "source": label.source()}
        for column, kind, token in pairs:
            if token.merged:
                continue
            if not token.text.strip() or is_na(token.text):
                # a dash is "not applicable"; an empty cell was not filled in (unknown)
                self.index.not_applicable(token)
                if column:
                    row["na" if token.text.strip() else "blank"].append(column)
                continue
            if token.unit is not None and kind != "amount":
                continue  # a figure in 万元 is no rate or score, whatever column it stands in
            written_unit = {"amount": token.unit or self.unit, "score": "分", "percent": "%"}[kind]
            # a value whose column the shape does not tell is still a fact of its row
            fact = self.index.fact_for(token, written_unit, column or canon(label.text), canon(label.text),
                                       {"form": self.form["id"], "slot": column, "form_row": slot})
            if fact is not None:
                if column:
                    row["cells"][column] = fact.id
                else:
                    row["unplaced"].append(fact.id)
        for token in values:
            if is_na(token.text):  # a dash is "not applicable" even where its column is not known
                self.index.not_applicable(token)
        placed = set(row["cells"]) | set(row["na"]) | set(row["blank"])
        if not any(value_type(t.text) in ("num", "pct") for t in values):
            # a row with nothing written in it (其他资金 left empty): there are none of these funds
            row["na"] = list(self.fund_columns)
            row["blank"] = []
        elif not label.positional and (row["unplaced"] or not pairs):
            # the shape does not say which columns the row left empty: all unknown
            row["blank"] += [c for c in self.fund_columns if c not in placed]
        self.form["funds"].append(row)
        return max(end, i + 1)

    # -- the indicator block
    def _read_indicator_header(self, i: int) -> int:
        v = vocab()
        head = self.tokens[i]
        slots, cols, name_col = [], {}, None
        j = i
        while j < len(self.tokens):
            t = self.tokens[j]
            key = bare(t.text)
            if key in v["ind_head"]:
                if key == "三级指标":
                    name_col = t.col
            elif key in v["ind_col"]:
                slot = v["ind_col"][key]
                if slot not in cols:
                    if slot not in _CELL_OF_TARGET:  # read with the figure they belong to
                        slots.append(slot)
                    cols[slot] = t.col
            elif key or not t.positional or t.line != head.line:
                break
            j += 1
        if not {"weight", "score"} & set(slots) and not {"target", "actual", "reason"} <= set(slots):
            # a header line without the score columns (the second line of a two-line
            # header: 指标性质 | 指标值 | 度量单位) says too little of the order; one that
            # runs from the target to the reason column and names no score column is a
            # form without scores (many 转移支付 forms)
            slots = ["target", "actual", "weight", "score", "reason"]
        self.indicators = _IndicatorHeader(slots, cols if head.positional else {}, name_col if head.positional else None,
                                           self.line_lens.get(head.line, 0))
        return j

    # -- rows whose names a text layer moved away from their values (a PDF export that
    # writes a row's cells column by column): 37442人 3 3 | =100% 100% 10 10
    def _nameless_group(self, i: int) -> int:
        """How many tokens from i make one row's values without its name: one or two
        figures with their units (the target, the result), then 分值 and 得分 — two bare
        numbers of a 100-point form, the score not above the weight. 0 when they do not."""
        for size in (4, 3):
            group = self.tokens[i:i + size]
            if len(group) < size or any(t.positional or t.merged for t in group):
                continue
            *values, weight, score = group
            if not all(_with_unit(t.text) for t in values):
                continue
            if not (value_type(weight.text) == value_type(score.text) == "num"):
                continue
            w, sc = value_of(weight.text), value_of(score.text)
            if 0 < w <= 100 and 0 <= sc <= w:
                return size
        return 0

    def _read_nameless_group(self, i: int) -> int:
        size = self._nameless_group(i)
        weight, score = self.tokens[i + size - 2], self.tokens[i + size - 1]
        for token, slot, label in ((weight, "weight", "分值"), (score, "score", "得分")):
            self.index.fact_for(token, "分", label, None, {"form": self.form["id"], "slot": slot,
                                                           "indicator_path": [p for p in self.path if p]})
        # the row is not placed: sums over the indicators are not known
        self.form["unread_rows"] += 1
        return i + size

    def _is_name(self, t: Token) -> bool:
        text = t.text.strip()
        if t.merged or len(text) < 2 or value_type(text) or is_label(bare(text)):
            return False
        comparator, value, unit = parse_target(text)
        if value is not None and (comparator is not None or unit in vocab()["indicator_units"]):
            return False  # a target or a result (≥3000人, 97%), not a name
        return bare(text) not in vocab()["grade"]

    def _read_indicator(self, i: int) -> int:
        name = self.tokens[i]
        head = self.indicators
        if name.positional and head.cols:
            # the same columns as the header line, counted from the right when this line
            # is shorter or longer (a merged label cell written once)
            shift = self.line_lens.get(name.line, 0) - head.line_len
            if head.name_col is not None and name.col != head.name_col + shift:
                return i + 1  # words in another column (a reason, a note), not an indicator
            by_col = {t.col: t for t in self.tokens if t.line == name.line}
            values = {slot: by_col.get(col + shift) for slot, col in head.cols.items()}
            end = i + 1
            while end < len(self.tokens) and self.tokens[end].line == name.line:
                end += 1
        else:
            values, end = self._typed_indicator_values(i + 1)
        _units_from_cells(values)
        row = {"path": [p for p in self.path if p] + [name.text.strip()], "source": name.source()}
        filled = False
        for slot in ("target", "actual"):
            token = values.get(slot)
            row[slot] = self._indicator_value(token, slot, row["path"]) if token is not None else None
            filled |= token is not None and bool(token.text.strip())
        if row["actual"] and row["target"] and row["actual"]["unit"] is None and row["actual"]["value"] is not None:
            # a result written bare beside its target (≥8000人 | 8120) counts in the target's
            # unit; the row says so, but the bare figure is not made a fact of that unit
            row["actual"]["unit"] = row["target"]["unit"]
        for slot in ("weight", "score"):
            token = values.get(slot)
            fact = None
            if token is not None and token.text.strip() and not is_na(token.text) and value_type(token.text) == "num":
                fact = self.index.fact_for(token, "分", "分值" if slot == "weight" else "得分", row["path"][-1],
                                           {"form": self.form["id"], "slot": slot, "indicator_path": row["path"]})
            row[slot] = fact.id if fact else None
            filled |= fact is not None
        if filled:
            self.form["indicators"].append(row)
        else:
            # a name with no values after it: a row this reader could not read (or words
            # that are not a row); sums over the indicators are then not known
            self.form["unread_rows"] += 1
        return end

    def _typed_indicator_values(self, j: int) -> tuple:
        """Values after an indicator's name in a shape without empty cells: the cells up to
        the next name or label; the last two bare numbers are 分值 and 得分, what comes
        before them the target and the actual value."""
        v = vocab()
        # columns the form describes in words (评分标准) right after the name hold no values
        for slot in self.indicators.slots:
            if slot != "skip" or j >= len(self.tokens) or value_type(self.tokens[j].text):
                break
            j += 1
        taken = []
        while j < len(self.tokens) and len(taken) < 4:
            t = self.tokens[j]
            key = bare(t.text)
            if key in v["level1"] or key in v["level2"] or key in v["total"] or key in v["grade_cell"]:
                break
            if value_type(t.text) or looks_like_target(t.text):
                taken.append(t)
            elif len(taken) < 2 and len(t.text.strip()) <= 8 and self._numbers_follow(j + 1):
                taken.append(t)  # a qualitative target or result (好, 达标) before the scores
            else:
                break
            j += 1
        values = assign_indicator_values(self.indicators.slots, taken)
        value_slots = [s for s in self.indicators.slots if s not in ("reason", "skip")]
        row_complete = "score" in values or "weight" in values or (value_slots and value_slots[-1] in values)
        if "reason" in self.indicators.slots and row_complete and j < len(self.tokens):
            # words after the scores are the row's reason unless a target follows them (then
            # they name the next indicator)
            nxt = self.tokens[j]
            after = self.tokens[j + 1] if j + 1 < len(self.tokens) else None
            if self._is_name(nxt) and not (after is not None and (value_type(after.text) or looks_like_target(after.text))):
                j += 1
        return values, j

    def _numbers_follow(self, j: int) -> bool:
        for t in self.tokens[j:j + 3]:
            if value_type(t.text) == "num":
                return True
        return False

    def _indicator_value(self, token: Token, slot: str, path: list) -> Optional[dict]:
        text = token.text.strip()
        if not text or is_na(text):
            return None
        comparator, value, unit = parse_target(text)
        if token.unit is not None:  # the unit in a cell of its own (see _units_from_cells)
            comparator = spec()["comparators"].get(token.comparator) or comparator
            unit = token.unit
            text = f"{token.comparator or ''}{text}{unit}"
        out = {"text": text, "comparator": comparator, "value": value, "unit": unit, "fact": None}
        if unit in FACT_UNITS:
            fact = self.index.fact_for(token, token.unit, "年度指标值" if slot == "target" else "实际完成值", path[-1],
                                       {"form": self.form["id"], "slot": slot, "indicator_path": path})
            out["fact"] = fact.id if fact else None
        return out

    # -- 总分 and 等级
    def _read_total(self, i: int) -> int:
        head = self.tokens[i]
        if head.positional:
            nums = [t for t in self.tokens[i + 1:] if t.line == head.line and is_score_figure(t.text)]
            end = i + 1 + sum(1 for t in self.tokens[i + 1:] if t.line == head.line)
        else:
            nums, end = [], i + 1
            while end < len(self.tokens) and is_score_figure(self.tokens[end].text) and len(nums) < 2:
                nums.append(self.tokens[end])
                end += 1
            if not nums and end < len(self.tokens):
                nums = leading_scores(self.tokens[end])  # 总分100100注：… | 自评总分(分)97.6部门联系人
        if not nums:
            return i + 1
        score = nums[-1]
        weight = nums[-2] if len(nums) >= 2 else None
        extra = {"form": self.form["id"], "slot": "total"}
        if weight is not None:
            fact = self.index.fact_for(weight, "分", "分值", "总分", extra)
            self.form["total_weight"] = fact.id if fact else None
        fact = self.index.fact_for(score, "分", "总分", "总分", extra)
        self.form["total_score"] = fact.id if fact else None
        if end < len(self.tokens) and self._grade_word(self.tokens[end].text):
            return self._read_grade(end)
        return end

    def _grade_word(self, text: str) -> Optional[str]:
        t = canon(text)
        for word in vocab()["grade"]:
            if t == word or (t.startswith(word) and len(t) <= len(word) + 6 and "（" in t):
                return word
        return None

    def _read_grade(self, j: int) -> int:
        for k in range(j, min(j + 3, len(self.tokens))):
            word = self._grade_word(self.tokens[k].text)
            if word:
                t = self.tokens[k]
                self.form["grade"] = {"text": word, "source": t.source(0, len(t.text.rstrip()))}
                return k + 1
        return j


def _with_unit(text: str) -> bool:
    """A target or result written with its unit or comparator (≥95%, 37442人, 14种), not bare."""
    comparator, value, unit = parse_target(text)
    return value is not None and (unit is not None or comparator is not None)


# columns some forms give the target's comparator and unit (指标性质 ≥ | 指标值 95 | 度量单位 %)
_CELL_OF_TARGET = ("comparator", "unit")


def _units_from_cells(values: dict) -> None:
    """The target's and the result's bare figures take the unit of the row's 度量单位 cell
    (and the target its 指标性质 comparator); a result written bare beside a target read
    with such a unit (the cells were joined by form_cells) shares it."""
    comparator, unit = values.pop("comparator", None), values.pop("unit", None)
    target, actual = values.get("target"), values.get("actual")
    if unit is not None and unit.text.strip() in vocab()["indicator_units"]:
        for slot, cmp in (("target", comparator), ("actual", None)):
            token = values.get(slot)
            if token is not None and value_type(token.text) == "num":
                values[slot] = with_unit_cells(token, cmp.text if cmp is not None else None, unit.text)
    elif target is not None and target.unit is not None and actual is not None and value_type(actual.text) == "num":
        values["actual"] = with_unit_cells(actual, None, target.unit)
