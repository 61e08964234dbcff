"""The standard self-evaluation forms (项目支出 / 部门整体支出 / 转移支付（区域）绩效自评表).

Every budget unit fills the same few templates every year, so a form is read the way
invoice-template extractors read invoices: the template (patterns/forms.json) says which
fixed labels recognise it and which columns and rows its fund block and its indicator
block have; values are mapped to those slots by position where the shape keeps empty
cells (tables, `|` rows) and by type where it does not (whitespace-flattened text, one
cell per line). Each value becomes a fact labelled with its slot (form_facts.py); the
form itself is returned as the `forms` entry of the record (see check/forms.py for the
rules that read it).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from itertools import combinations
from typing import Optional

import regex

from ..patterns import load_json
from .form_facts import FactIndex, value_of
from .form_tokens import Token, document_tokens

_SPACE = regex.compile(r"\s+")
_TRAILING_BRACKET = regex.compile(r"[（(][^（）()]{0,12}[)）]$")
_NUMBER = regex.compile(r"^[-+]?\d[\d,]*(?:\.\d+)?$")
_SCORE_FIGURE = regex.compile(r"^\d+(?:\.\d+)?分$")  # 总分 | 100分
_PERCENT = regex.compile(r"^[-+]?\d[\d,]*(?:\.\d+)?\s*%$")
_UNIT_IN_CELL = regex.compile(r"[（(]\s*(?:单位[:：])?\s*(万元|元|亿元|千元)\s*[)）]|单位[:：]\s*(万元|元|亿元|千元)")
_SENTENCE_END = regex.compile(r"[。；;！？]$")
# a label and its value in one cell or line: 自评等级：优, 主管部门:宜良县卫生健康局
_LABEL_COLON = regex.compile(r"^\s*([^：:]{2,12}?)\s*[：:]\s*(\S.{0,40}?)\s*$")


@lru_cache(maxsize=1)
def spec() -> dict:
    return load_json("forms.json")


def canon(text: str) -> str:
    """A cell's text as labels are matched: no spaces, no 其中：/按…分 prefix."""
    t = _SPACE.sub("", text).rstrip("：:")
    for prefix in spec()["label_prefixes"]:
        if t.startswith(prefix) and len(t) > len(prefix):
            t = t[len(prefix):]
            break
    return t


def bare(text: str) -> str:
    """canon() without a trailing bracket (项目资金（万元） → 项目资金)."""
    t = canon(text)
    stripped = _TRAILING_BRACKET.sub("", t)
    return stripped or t


@lru_cache(maxsize=1)
def vocab() -> dict:
    s = spec()

    def index(groups: dict) -> dict:
        return {bare(label): slot for slot, labels in groups.items() for label in labels}

    return {
        "meta": index(s["meta_cells"]),
        "fund_col": index(s["fund_columns"]),
        "fund_row": {bare(label): slot for slot, row in s["fund_rows"].items() for label in row["labels"]},
        "ind_col": index(s["indicator_columns"]),
        "ind_head": set(s["indicator_header"]),
        "level1": set(s["level1"]),
        "level2": set(s["level2"]),
        "total": set(s["total_rows"]),
        "grade_cell": set(s["grade_cells"]),
        "grade": sorted(s["grades"], key=len, reverse=True),
        "na": set(s["na_cells"]),
        "money": {bare(label) for label in s["money_labels"]},
        "titles": sorted(((canon(t), name) for name, tpl in s["templates"].items() for t in tpl["titles"]),
                         key=lambda x: -len(x[0])),
        "keywords": {name: {bare(k) for k in tpl["keywords"]} for name, tpl in s["templates"].items()},
    }


def is_na(text: str) -> bool:
    return _SPACE.sub("", text) in vocab()["na"]


def value_type(text: str) -> Optional[str]:
    """'na', 'pct', 'num' for a cell that holds just that; None for words."""
    t = _SPACE.sub("", text)
    if not t:
        return None
    if t in vocab()["na"]:
        return "na"
    if _PERCENT.match(t):
        return "pct"
    if _NUMBER.match(t):
        return "num"
    return None


def _is_label(key: str) -> bool:
    v = vocab()
    return (key in v["meta"] or key in v["fund_col"] or key in v["fund_row"] or key in v["ind_col"]
            or key in v["ind_head"] or key in v["level1"] or key in v["level2"] or key in v["total"]
            or key in v["grade_cell"])


# ---------------------------------------------------------------- finding forms

def extract_forms(doc, facts: list) -> list:
    """The forms of `doc`; facts for their slots are added to (or relabelled in) `facts`."""
    tokens = _cells_again(document_tokens(doc))
    if not tokens:
        return []
    index = FactIndex(facts)
    forms = []
    for template, lo, hi, title in _form_segments(tokens):
        segment = tokens[lo:hi]
        if template == "score_table":  # real tables are the indicator tables reader's (indicators.py)
            segment = [t for t in segment if t.row is None and not t.caption_of_table]
        reader = FormReader(template, segment, index, f"form{len(forms) + 1}")
        form = reader.read()
        if form["funds"] or form["indicators"]:
            used = segment[:reader.last + 1]
            form["blocks"] = [used[0].block.index, used[-1].block.index]
            # the blocks the form's values were read from (its prose blocks are not among them)
            form["value_blocks"] = sorted({f.source["block"] for f in facts if f.extra.get("form") == form["id"]})
            if title is not None:
                form["title"] = title.text.strip()
            form["source"] = {"block": used[0].block.index, "page": used[0].block.page}
            forms.append(form)
            for block in {t.block.index: t.block for t in used}.values():
                if block.table is not None and block.table.written_as_text:
                    index.drop_unclaimed_cells(block)
    facts[:] = index.remaining()
    return forms


def _title_template(token: Token) -> Optional[str]:
    t = canon(token.text)
    if len(t) > 60 or _SENTENCE_END.search(t):
        return None
    for title, name in vocab()["titles"]:
        if title in t:
            return name
    return None


def _form_segments(tokens: list) -> list:
    """(template, first token, end, title token) for each form: from each form title to the
    next; without a title, from the first fixed label of the template whose labels occur
    most (at least `min_keywords` of them) to the end."""
    titled = [(i, name) for i, t in enumerate(tokens) if (name := _title_template(t))]
    if titled:
        bounds = [i for i, _ in titled] + [len(tokens)]
        return [(name, i, bounds[k + 1], tokens[i]) for k, (i, name) in enumerate(titled)]
    keys = [bare(t.text) for t in tokens]
    best, best_hits = None, 0
    for name, words in vocab()["keywords"].items():
        hits = len(words & set(keys))
        if hits > best_hits:
            best, best_hits = name, hits
    if best is None or best_hits < spec()["min_keywords"]:
        return _score_table_segment(tokens, keys)
    first = min(i for i, k in enumerate(keys) if k in vocab()["keywords"][best])
    while first > 0 and tokens[first - 1].block is tokens[first].block:
        first -= 1  # the form's block from its start: its labels may come before the first keyword
    return [(best, first, len(tokens), None)]


def _score_table_segment(tokens: list, keys: list) -> list:
    """An indicator score table outside a standard form: 一级指标 with 二级指标 just after it."""
    for i, key in enumerate(keys):
        if key == "一级指标" and "二级指标" in keys[i + 1:i + 4]:
            if tokens[i].row is not None:
                return []  # a real table: the indicator tables reader (indicators.py) reads it
            return [("score_table", i, len(tokens), None)]
    return []


# ---------------------------------------------------------------- reading one form

@dataclass
class _IndicatorHeader:
    slots: list  # the value columns after 三级指标, in order: target, actual, weight, score, reason
    cols: dict = field(default_factory=dict)  # slot → column in the header line (positional shapes)
    name_col: Optional[int] = None
    line_len: int = 0


class FormReader:
    def __init__(self, template: str, tokens: list, index: FactIndex, form_id: str):
        self.template = template
        self.tokens = tokens
        self.index = index
        self.form = {"id": form_id, "template": template, "name": spec()["templates"][template]["name"],
                     "report_type": spec()["templates"][template]["report_type"], "meta": {}, "unit": None,
                     "funds": [], "indicators": [], "unread_rows": 0, "total_weight": None, "total_score": None, "grade": None}
        self.fund_columns: list = []
        self.fund_patterns: dict = {}  # value types of a fund row → the columns they were read into
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
            elif self.indicators is None and key in v["meta"] and not t.merged:
                i = self._read_meta(i, v["meta"][key])
            elif key == "一级指标" and not t.merged:
                i = self._read_indicator_header(i)
            elif self.indicators is None and key in v["fund_col"] and self._fund_header_len(i):
                i = self._read_fund_header(i)
            elif self.indicators is None and self.fund_columns and key in v["fund_row"] and not t.merged:
                i = self._read_fund_row(i, v["fund_row"][key])
            elif self.indicators is None and key in v["money"] and not t.merged and self._read_money_cell(i):
                i += 2
            elif self.indicators is not None and key in v["total"] and not t.merged:
                i = self._read_total(i)
            elif self.indicators is not None and key in v["level1"]:
                self.path = [t.text.strip(), None]
                i += 1
            elif self.indicators is not None and key in v["level2"]:
                self.path = [self.path[0], t.text.strip()]
                i += 1
            elif self.indicators is not None and self._is_name(t):
                i = self._read_indicator(i)
            else:
                i += 1
                continue
            self.last = max(self.last, i - 1, before)
        self.form["unit"] = self.unit if self.fund_columns else None
        return self.form

    def _read_label_colon(self, t: Token) -> bool:
        m = _LABEL_COLON.match(t.text)
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
        if j is not None and j - i <= 3 and not _is_label(bare(self.tokens[j].text)) and value_type(self.tokens[j].text) is None:
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
        m = _UNIT_IN_CELL.search(label.text)
        unit = (m.group(1) or m.group(2)) if m else self._stated_unit
        if nxt is None or unit is None or value_type(nxt.text) != "num" or nxt.merged:
            return False
        fact = self.index.fact_for(nxt, unit, canon(label.text), None, {"form": self.form["id"], "slot": "money_cell"})
        return fact is not None

    def _unit_statement(self, i: int) -> Optional[str]:
        """金额单位：万元 in one cell, or 单位： and 万元 in two."""
        t = self.tokens[i]
        if len(t.text) > 16:
            return None
        m = _UNIT_IN_CELL.search(t.text)
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
            m = _UNIT_IN_CELL.search(t.text)
            if m:
                self.unit = m.group(1) or m.group(2)
                self._unit_stated = True
        return end

    def _read_fund_row(self, i: int, slot: str) -> int:
        label = self.tokens[i]
        if label.positional:
            values = [t for t in self.tokens[i + 1:] if t.line == label.line]
            while len(values) > len(self.fund_columns) and not values[-1].text.strip():
                values.pop()  # the table is wider than the fund block
            while len(values) > len(self.fund_columns) and not values[0].text.strip():
                values.pop(0)
            kinds = spec()["fund_column_kinds"]
            pairs = [(column, kinds[column], token) for column, token in zip(self.fund_columns, values)]
            end = i + 1 + len([t for t in self.tokens[i + 1:] if t.line == label.line])
        else:
            values = []
            j = i + 1
            while j < len(self.tokens) and value_type(self.tokens[j].text) and len(values) < len(self.fund_columns):
                values.append(self.tokens[j])
                j += 1
            # a row written like the one above it (the same types in the same order) has
            # its values in the same columns
            signature = tuple(value_type(t.text) for t in values)
            if signature in self.fund_patterns:
                kinds = spec()["fund_column_kinds"]
                pairs = [(c, kinds[c], t) for c, t in zip(self.fund_patterns[signature], values)]
            else:
                pairs = _assign_by_type(self.fund_columns, values, slot)
                if pairs and all(c for c, _, _ in pairs) and len(pairs) == len(values):
                    self.fund_patterns[signature] = [c for c, _, _ in pairs]
            end = j
        row_spec = spec()["fund_rows"][slot]
        row = {"slot": slot, "label": canon(label.text), "part_of": row_spec["part_of"],
               "group": row_spec.get("group"), "cells": {}, "na": [], "blank": [], "unplaced": [],
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
            written_unit = {"amount": self.unit, "score": "分", "percent": "%"}[kind]
            # a value whose column the shape does not tell is still a fact of its row
            fact = self.index.fact_for(token, written_unit, column or canon(label.text), canon(label.text),
                                       {"form": self.form["id"], "slot": column, "form_row": slot})
            if fact is not None:
                if column:
                    row["cells"][column] = fact.id
                else:
                    row["unplaced"].append(fact.id)
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
                    slots.append(slot)
                    cols[slot] = t.col
            elif key or not t.positional or t.line != head.line:
                break
            j += 1
        if not slots:
            slots = ["target", "actual", "weight", "score", "reason"]
        self.indicators = _IndicatorHeader(slots, cols if head.positional else {}, name_col if head.positional else None,
                                           self.line_lens.get(head.line, 0))
        return j

    def _is_name(self, t: Token) -> bool:
        text = t.text.strip()
        if t.merged or len(text) < 2 or value_type(text) or _is_label(bare(text)):
            return False
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
        row = {"path": [p for p in self.path if p] + [name.text.strip()], "source": name.source()}
        filled = False
        for slot in ("target", "actual"):
            token = values.get(slot)
            row[slot] = self._indicator_value(token, slot, row["path"]) if token is not None else None
            filled |= token is not None and bool(token.text.strip())
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
            if value_type(t.text) or _looks_like_target(t.text):
                taken.append(t)
            elif len(taken) < 2 and len(t.text.strip()) <= 8 and self._numbers_follow(j + 1):
                taken.append(t)  # a qualitative target or result (好, 达标) before the scores
            else:
                break
            j += 1
        values = _assign_indicator_values(self.indicators.slots, taken)
        if "reason" in self.indicators.slots and ("score" in values or "weight" in values) and j < len(self.tokens):
            # words after the scores are the row's reason unless a target follows them (then
            # they name the next indicator)
            nxt = self.tokens[j]
            after = self.tokens[j + 1] if j + 1 < len(self.tokens) else None
            if self._is_name(nxt) and not (after is not None and (value_type(after.text) or _looks_like_target(after.text))):
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
        out = {"text": text, "comparator": comparator, "value": value, "unit": unit, "fact": None}
        if unit in FACT_UNITS:
            fact = self.index.fact_for(token, None, "年度指标值" if slot == "target" else "实际完成值", path[-1],
                                       {"form": self.form["id"], "slot": slot, "indicator_path": path})
            out["fact"] = fact.id if fact else None
        return out

    # -- 总分 and 等级
    def _read_total(self, i: int) -> int:
        head = self.tokens[i]
        if head.positional:
            nums = [t for t in self.tokens[i + 1:] if t.line == head.line and _is_score_figure(t.text)]
            end = i + 1 + sum(1 for t in self.tokens[i + 1:] if t.line == head.line)
        else:
            nums, end = [], i + 1
            while end < len(self.tokens) and _is_score_figure(self.tokens[end].text) and len(nums) < 2:
                nums.append(self.tokens[end])
                end += 1
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


def _assign_indicator_values(slots: list, taken: list) -> dict:
    """Slot → token for an indicator row written without its empty cells, in the column
    order of the form's header (分值 comes first in some provinces' forms). 分值 and 得分
    hold bare numbers; a bare number after a target written with its unit is a score
    column rather than the result. Of the fitting orders the one that fills the earliest
    columns is taken."""
    slots = [s for s in slots if s not in ("reason", "skip")]
    score_slots = {"weight", "score"}
    has_unit = any(parse_target(t.text)[2] is not None for t in taken)
    best, best_key = None, None
    for chosen in combinations(range(len(slots)), min(len(taken), len(slots))):
        assigned = [(slots[c], t) for c, t in zip(chosen, taken)]
        if any(slot in score_slots and value_type(t.text) not in ("num", "na") for slot, t in assigned):
            continue
        # bare numbers beside figures with units are 分值/得分
        misplaced = sum(1 for slot, t in assigned
                        if has_unit and slot not in score_slots and value_type(t.text) == "num")
        key = (misplaced, chosen)
        if best_key is None or key < best_key:
            best, best_key = assigned, key
    return dict(best or [])


_LABEL_THEN_FIGURE = regex.compile(r"^(.*?[^\d.,+-])\s*([-+]?\d[\d,]*(?:\.\d+)?%?)$")


@lru_cache(maxsize=1)
def _spotted_labels() -> regex.Pattern:
    """The labels worth finding inside a run of text with no cell breaks (a PDF text layer
    drops the spaces between Chinese cells): the fixed labels of three characters or more,
    and the few two-character column names no sentence uses alone."""
    s = spec()
    words = set(s["indicator_header"]) | {"分值", "得分", "总分", "权重"}
    for group in (s["meta_cells"], s["fund_columns"], s["indicator_columns"]):
        words |= {w for labels in group.values() for w in labels}
    words |= {w for row in s["fund_rows"].values() for w in row["labels"]}
    words |= set(s["level1"]) | set(s["level2"]) | set(s["total_rows"]) | set(s["grade_cells"])
    words = {w for w in words if len(w) >= 3 or w in ("分值", "得分", "总分", "权重")}
    return regex.compile("|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True)))


_RUN_LENGTH = 24  # a token this long with no sentence in it is cells run together


def _spot_labels(t: Token) -> list:
    """A long token of run-together cells cut at the labels found in it (and at spaces)."""
    if t.positional or len(t.text) <= _RUN_LENGTH:
        return [t]
    cuts = []
    for m in _spotted_labels().finditer(t.text):
        cuts += [m.start(), m.end()]
    if len(cuts) < 4:
        return [t]  # one label in a long text: a sentence that names it, not a form
    bounds = sorted({0, len(t.text), *cuts})
    out = []
    for a, b in zip(bounds, bounds[1:]):
        for m in regex.finditer(r"\S+", t.text[a:b]):
            out.append(_piece(t, a + m.start(), a + m.end()))
    return out


def _split_run_together(t: Token) -> list:
    """Cells a text layer ran together where the shape keeps no cells: a label and its
    figure (其中：当年财政拨款43.2) or two labels (执行数分值) are two tokens again."""
    if t.positional or _is_label(bare(t.text)) or value_type(t.text):
        return [t]
    m = _LABEL_THEN_FIGURE.match(t.text) if len(t.text) <= 40 else None
    if m and _is_label(bare(m.group(1))):
        return [_piece(t, 0, m.end(1)), _piece(t, m.start(2), m.end(2))]
    text = t.text
    if len(text) > 16:  # labels are short; a longer run is words, not two labels
        return [t]
    for k in range(2, len(text) - 1):
        if _is_label(bare(text[:k])) and _is_label(bare(text[k:])):
            return [_piece(t, 0, k), _piece(t, k, len(text))]
    return [t]


def _piece(t: Token, start: int, end: int) -> Token:
    return Token(t.text[start:end], t.block, t.start + start, t.start + end, t.line, t.col, False, t.row,
                 t.cell_col, t.merged, t.caption_of_table)


def _cells_again(tokens: list) -> list:
    """Tokens as the form's cells: labels found in runs of text with no cell breaks, a
    label and a figure run together split, a label broken over two tokens joined."""
    if not any(_spotted_labels().search(t.text) for t in tokens):
        return tokens  # no fixed label anywhere: not a form (and nothing to pay for)
    return _join_split_labels([p for t in tokens for s in _spot_labels(t) for p in _split_run_together(s)])


def _join_split_labels(tokens: list) -> list:
    """A label broken over cells or lines where the shape keeps no cells (年初 / 预算数,
    年度 / 总体 / 目标) is one label again; the joined token keeps the first one's place."""
    out, i = [], 0
    while i < len(tokens):
        t = tokens[i]
        joined = None
        if not t.positional and not _is_label(bare(t.text)) and value_type(t.text) is None:
            text = bare(t.text)
            for k in range(1, 3):
                if i + k >= len(tokens) or tokens[i + k].positional or value_type(tokens[i + k].text):
                    break
                text += bare(tokens[i + k].text)
                if len(text) <= 12 and _is_label(text):
                    joined = k
                    break
        if joined:
            last = tokens[i + joined]
            if last.block is t.block:  # the text between them as written, so quotes stay exact
                out.append(Token(t.block.text[t.start:last.end], t.block, t.start, last.end, t.line, t.col, False))
            else:
                out.append(Token("".join(x.text for x in tokens[i:i + joined + 1]), t.block, t.start, t.end,
                                 t.line, t.col, False))
            i += joined + 1
        else:
            out.append(t)
            i += 1
    return out


def _is_score_figure(text: str) -> bool:
    return value_type(text) == "num" or bool(_SCORE_FIGURE.match(_SPACE.sub("", text)))


def _looks_like_target(text: str) -> bool:
    comparator, value, unit = parse_target(text.strip())
    return value is not None


# a figure and the word it counts in (%, 人, 平方米, 个, 元/人·月 …)
_TARGET = regex.compile(r"^([-+]?\d[\d,]*(?:\.\d+)?)\s*(%|[\p{Han}A-Za-z㎡/·*]{1,8})?$")
# units of an indicator's figure that make it a fact of ours (counts of things do not)
FACT_UNITS = {"%", "人", "万人", "人次", "万人次", "户", "元", "万元", "亿元", "分", "名"}


def parse_target(text: str) -> tuple:
    """(comparator, value, unit) of an indicator's target or result: ≥95% → ('>=', 95, '%');
    不少于1200人 → ('>=', 1200, '人'); 100 → (None, 100, None); 良好 → (None, None, None)."""
    s = spec()
    t = _SPACE.sub("", text)
    comparator = None
    for word in sorted(s["comparators"], key=len, reverse=True):
        if t.startswith(word):
            comparator = s["comparators"][word]
            t = t[len(word):]
            break
    for word, comp in sorted(s["comparator_suffixes"].items(), key=lambda kv: -len(kv[0])):
        if t.endswith(word):
            comparator = comparator or comp
            t = t[: -len(word)]
            break
    m = _TARGET.match(t)
    if not m:
        return comparator, None, None
    value = Decimal(m.group(1).replace(",", ""))
    unit = m.group(2) or None
    return comparator, value, unit


# Which amount columns a value written without its empty cells most likely fills: the
# spending column is almost always filled, the start-of-year budget most often left blank.
_FILL_PREFERENCE = {"全年执行数": 3, "全年预算数": 2, "年初预算数": 1}


def _assign_by_type(columns: list, values: list, row_slot: str) -> list:
    """(column, kind, token) for values written without their empty cells: each value goes
    to a column whose type it fits, in order. Of the orders that fit, the most plausible
    one is taken when the row's rate pins its middle and that order is the only one that
    plausible (the total row carries 分值; the spending column is filled before the
    budgets); otherwise a value gets a column only
    where every fitting order agrees, else only its kind where they agree on that — an
    amount, but of which column is unknown — else nothing. Never a guess."""
    kinds = spec()["fund_column_kinds"]

    def fits(column: str, token: Token) -> bool:
        vt = value_type(token.text)
        if vt == "na":
            return True
        if kinds[column] == "percent":
            # 执行率 written without % only where every column is written
            return vt == "pct" or (vt == "num" and len(values) == len(columns))
        if vt != "num":
            return False
        return kinds[column] != "score" or value_of(token.text) <= 100

    def plausibility(chosen: tuple) -> int:
        filled = {columns[c] for c, t in zip(chosen, values) if value_type(t.text) != "na"}
        return 4 * (row_slot == "total" and "分值" in filled) + sum(_FILL_PREFERENCE.get(c, 0) for c in filled)

    if not values:
        return []
    amount_columns = [c for c in columns if kinds[c] == "amount"]
    if len(values) == len(amount_columns) < len(columns) and all(value_type(t.text) == "num" for t in values):
        # as many plain figures as money columns, and no rate: a row of amounts only
        # (其中 rows leave 分值, 执行率 and 得分 to the total row)
        return [(c, "amount", t) for c, t in zip(amount_columns, values)]
    fitting = [chosen for chosen in combinations(range(len(columns)), len(values))
               if all(fits(columns[c], t) for c, t in zip(chosen, values))]
    if not fitting:
        return []
    ranked = sorted(fitting, key=plausibility, reverse=True)
    pinned = any(value_type(t.text) == "pct" for t in values)  # the rate fixes where the row's middle is
    if len(ranked) == 1 or (pinned and plausibility(ranked[0]) > plausibility(ranked[1])):
        # a dash placed by preference says nothing certain about its column
        return [(columns[c] if len(ranked) == 1 or value_type(t.text) != "na" else None, kinds[columns[c]], t)
                for c, t in zip(ranked[0], values)]
    out = []
    for k, token in enumerate(values):
        cols = {columns[f[k]] for f in fitting}
        if len(cols) == 1:
            column = cols.pop()
            out.append((column, kinds[column], token))
        elif cols and len({kinds[c] for c in cols}) == 1:
            out.append((None, kinds[next(iter(cols))], token))
    return out
