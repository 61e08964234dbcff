"""The indicator block of a form (一级指标 / 二级指标 / 三级指标 …): its header, each row's
path, target, result, 分值 and 得分, and the rows a text layer wrote apart from their names.
A mixin of FormReader (form_reader.py), whose walk calls these methods and whose state they fill;
rows in shapes without columns are read by form_typed_rows.py."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

import regex

from .form_cells import unit_cell, with_unit_cells
from .form_facts import value_of
from .form_tokens import Token
from .form_typed_rows import COMPARATOR_MARKS, DEADLINE, as_points
from .form_vocab import FACT_UNITS, bare, compared_bare, is_label, is_na, parse_target, spec, value_type, vocab


@dataclass
class _IndicatorHeader:
    slots: list  # the value columns after 三级指标, in order: target, actual, weight, score, reason
    cols: dict = field(default_factory=dict)  # slot → column in the header line (positional shapes)
    name_col: Optional[int] = None
    line_len: int = 0
    level_cols: dict = field(default_factory=dict)  # column → level (0, 1) of the 一级/二级指标 columns
    # 度量单位 / 指标性质 columns → how many value columns stand before them (shapes without columns)
    target_cells: dict = field(default_factory=dict)
    # the percentage columns whose header writes the % (得分系数（%）): bare figures there are percentages
    percent_written: frozenset = frozenset()


class IndicatorBlockReader:
    # -- the indicator block
    def _read_indicator_header(self, i: int) -> int:
        v = vocab()
        head = self.tokens[i]
        slots, cols, name_col, level_cols, target_cells = [], {}, None, {}, {}
        percent_written = set()
        j = i
        while j < len(self.tokens):
            t = self.tokens[j]
            key = bare(t.text)
            if key in v["ind_head"]:
                if key == "三级指标":
                    name_col = t.col
                elif key in ("一级指标", "二级指标"):
                    level_cols[t.col] = 0 if key == "一级指标" else 1
            elif key in v["ind_col"]:
                slot = v["ind_col"][key]
                if slot in ("completion", "deviation") and _PERCENT_IN_HEADER.search(t.text):
                    percent_written.add(slot)
                if slot in _CELL_OF_TARGET:
                    target_cells.setdefault(slot, sum(1 for s in slots if s not in ("reason", "skip")))
                _add_column(slots, cols, slot, t.col)
            elif key or not t.positional or t.line != head.line:
                break
            j += 1
        if not {"weight", "score"} & set(slots) and (above := _header_line_above(self.tokens, i, v)):
            # a two-line header whose value columns stand on the line above the level names
            # (评价指标 | 指标解释 | 分值 | 评分标准 | 自评得分 over 一级指标 | 二级指标 | 三级指标)
            slots, cols, target_cells = [], {}, {}
            for t in above:
                _add_column(slots, cols, v["ind_col"][bare(t.text)], t.col)
        elif not {"weight", "score"} & set(slots) and not {"target", "actual", "reason"} <= set(slots):
            # a header line without the score columns (the second line of a two-line
            # header: 指标性质 | 指标值 | 度量单位) says too little of the order; one that
            # runs from the target to the reason column and names no score column is a
            # form without scores (many 转移支付 forms)
            slots, target_cells = ["target", "actual", "weight", "score", "reason"], {}
        slots, cols = _measured_target(*_converted_scores(*_words_before_points(slots, cols)))
        if head.positional and "target" in cols:
            j = _target_sub_columns(self.tokens, j, cols)
        self.indicators = _IndicatorHeader(slots, cols if head.positional else {}, name_col if head.positional else None,
                                           self.line_lens.get(head.line, 0), level_cols if head.positional else {},
                                           target_cells, frozenset(percent_written))
        return j

    # -- rows whose names a text layer moved away from their values (a PDF export that
    # writes a row's cells column by column): 37442人 3 3 | =100% 100% 10 10
    def _nameless_group(self, i: int) -> int:
        """How many tokens from i make one row's values without its name: one or two
        figures with their units (the target, the result), then 分值 and 得分 — two bare
        numbers of a 100-point form, the score not above the weight. 0 when they do not."""
        for size in (4, 3):
            group = [as_points(t) for t in self.tokens[i:i + size]]
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
        return self._nameless_total(i + size)

    def _nameless_total(self, j: int) -> int:
        """Right after such runs, 100 and a score with no figure after them are the total
        row's 分值 and 总分, its 总分 label written elsewhere (100 94 | 成本指标 …)."""
        pair = [as_points(t) for t in self.tokens[j:j + 3]]
        if self.form["total_score"] is not None or len(pair) < 2:
            return j
        weight, score = pair[0], pair[1]
        if (value_type(weight.text) != "num" or value_type(score.text) != "num"
                or (len(pair) == 3 and value_type(pair[2].text) is not None)):
            return j
        if value_of(weight.text) != 100 or not 0 < value_of(score.text) <= 100:
            return j
        self._set_total(weight, score)
        return j + 2

    def _header_shift(self, t: Token) -> int:
        """How many cells longer than the header line t's line is (a merged label written once: fewer)."""
        return self.line_lens.get(t.line, 0) - self.indicators.line_len

    def _name_spans_levels(self, i: int) -> bool:
        """Does the name at i, in a level column of a form read by column, fill every column
        up to the 三级指标 one (the cells after it merged into it)?"""
        t, head = self.tokens[i], self.indicators
        if not t.positional or t.merged or head.name_col is None or self._header_col(t) not in head.level_cols:
            return False
        between = range(t.col + 1, head.name_col + self._header_shift(t) + 1)
        cells = {x.col: x for x in self.tokens[i + 1:i + 1 + len(between)] if x.line == t.line}
        return len(between) > 0 and all(c in cells and cells[c].merged for c in between) and self._is_name(t)

    def _header_col(self, t: Token) -> int:
        """The header's column of a cell in a form read by column, counted from the right when
        its line is shorter or longer than the header line (a merged label cell written once)."""
        return t.col - self._header_shift(t)

    def _in_name_column(self, t: Token) -> bool:
        """Is t in the 三级指标 column of a form read by column, below the header, and no
        header or total word?"""
        head = self.indicators
        return self._under_header(t) and head.name_col is not None and self._header_col(t) == head.name_col

    def _in_level_column(self, t: Token) -> bool:
        """Is t in the 一级指标 or 二级指标 column of a form read by column (and no header or
        total word)?"""
        return self._under_header(t) and self._header_col(t) in self.indicators.level_cols

    def _under_header(self, t: Token) -> bool:
        head, v = self.indicators, vocab()
        key = bare(t.text)
        return t.positional and head is not None and key not in v["total"] \
            and key not in v["ind_head"] and key not in v["ind_col"]

    def _level_cell(self, t: Token) -> Optional[int]:
        """The level (0, 1) of a name in the 一级指标 or 二级指标 column of a form read by
        column, whatever its words (项目决策 | 20 | 项目目标 | 6 | …); None elsewhere."""
        if not (t.positional and self.indicators.level_cols) or t.merged:
            return None
        level = self.indicators.level_cols.get(self._header_col(t))
        return level if level is not None and self._is_name(t) else None

    def _is_name(self, t: Token) -> bool:
        text = t.text.strip()
        if t.merged or len(text) < 2 or value_type(text) or _LEVEL_POINTS.match(text):
            return False  # (70分) after 产出指标 is the level's weight, written in a cell of its own
        if is_label(bare(text)) and not (self._in_name_column(t) or self._in_level_column(t)):
            return False  # a form's word (资金到位率 names a fund column too) is a name only where names stand
        comparator, value, unit = parse_target(text)
        if value is not None and (comparator is not None or unit in vocab()["indicator_units"]):
            return False  # a target or a result (≥3000人, 97%), not a name
        if comparator is not None and DEADLINE.match(text.lstrip(COMPARATOR_MARKS)):
            return False  # a deadline as a target (≤2023年12月)
        return bare(text) not in vocab()["grade"]

    def _read_indicator(self, i: int) -> int:
        name = self.tokens[i]
        head = self.indicators
        if name.positional and head.cols:
            # the same columns as the header line, counted from the right when this line
            # is shorter or longer (a merged label cell written once)
            shift = self._header_shift(name)
            if head.name_col is not None and name.col != head.name_col + shift:
                if any(value_type(t.text) for t in self.tokens[i + 1:] if t.line == name.line):
                    # figures after it: a row whose cells do not line up with the header (a
                    # cell left out in the middle), not read — so no sum over the rows is known
                    self.form["unread_rows"] += 1
                return i + 1  # words in another column (a reason, a note), not an indicator
            by_col = {t.col: as_points(t) for t in self.tokens if t.line == name.line}
            values = {slot: by_col.get(col + shift) for slot, col in head.cols.items()}
            end = i + 1
            while end < len(self.tokens) and self.tokens[end].line == name.line:
                end += 1
            if not _lined_up(values, head.percent_written):
                # words under 得分, a count under 完成率: the row's cells are not the header's
                # columns (one left out in the middle); not read, so no sum over the rows is known
                self.form["unread_rows"] += 1
                return end
        else:
            values, end = self._typed_indicator_values(i + 1)
        _units_from_cells(values)
        written = [t.text.strip() for t in values.values() if t is not None and t.text.strip()]
        if _PLACEHOLDER_NAME.fullmatch(name.text) or (written and all(is_na(x) for x in written)):
            return end  # 指标1： | / | / | / | /, or a …… row: a template's row left for no indicator
        row = {"path": [p for p in self.path if p] + [name.text.strip()], "source": name.source()}
        filled = False
        for slot in ("target", "actual"):
            token = values.get(slot)
            row[slot] = self._indicator_value(token, slot, row["path"]) if token is not None else None
            filled |= token is not None and bool(token.text.strip())
        if (token := values.get("other_target")) is not None:
            # a second target (中期指标值 beside 年度指标值, 中央下达 beside 本区域): its figure
            # is a fact, but the result is measured against the year's own target only
            row["other_target"] = self._indicator_value(token, "other_target", row["path"])
        if row["actual"] and row["target"] and row["actual"]["unit"] is None and row["actual"]["value"] is not None:
            # a result written bare beside its target (≥8000人 | 8120) counts in the target's
            # unit; the row says so, but the bare figure is not made a fact of that unit (nor
            # of any other: not the 分 of a 分值 column further up the table)
            row["actual"]["unit"] = row["target"]["unit"]
            self.index.not_applicable(values["actual"])
        for slot, types, label in (("completion", ("pct",), "完成率"), ("deviation", ("pct",), "偏差率"),
                                   ("weight_share", ("num", "pct"), "权重占比")):
            token = values.get(slot)
            if token is not None and (value_type(token.text) in types or slot in head.percent_written
                                      and value_type(token.text) == "num"):
                self.index.fact_for(token, "%", label, row["path"][-1],
                                    {"form": self.form["id"], "slot": slot, "indicator_path": row["path"]})
        for slot in _POINT_SLOTS:
            token = values.get(slot)
            fact = None
            if token is not None and token.text.strip() and not is_na(token.text) and value_type(token.text) == "num":
                fact = self.index.fact_for(token, "分", _POINT_SLOTS[slot], row["path"][-1],
                                           {"form": self.form["id"], "slot": slot, "indicator_path": row["path"]})
            if slot not in ("deduction", "raw_score") or fact is not None:
                row[slot] = fact.id if fact else None
            filled |= fact is not None
        if filled:
            self.form["indicators"].append(row)
        elif (level := self._level_name(i)) is not None:
            self.path = self.path[:level] + ["".join(name.text.split())] + [None] * (1 - level)
            end = i + 1  # the next name is the row's (not a column of words the values skipped)
        else:
            # a name with no values after it: a row this reader could not read (or words
            # that are not a row); sums over the indicators are then not known
            self.form["unread_rows"] += 1
        return end

    def _indicator_value(self, token: Token, slot: str, path: list) -> Optional[dict]:
        text = token.text.strip()
        if not text or is_na(text):
            return None
        comparator, value, unit = parse_target(text)
        if unit == "万" and token.unit is None and any("成本" in level for level in path[:-1]):
            token = unit_cell(token)  # a cost indicator's 150万 is money: 150 in 万元
            text = token.text
        if token.unit is not None:  # the unit in a cell of its own (see _units_from_cells)
            comparator = spec()["comparators"].get(token.comparator) or comparator
            unit = token.unit
            text = f"{token.comparator or ''}{text}{unit}"
        out = {"text": text, "comparator": comparator, "value": value, "unit": unit, "fact": None}
        written = _fact_unit(unit)
        if written is not None:
            fact = self.index.fact_for(token, written if token.unit is not None else None,
                                       _VALUE_LABELS[slot], path[-1],
                                       {"form": self.form["id"], "slot": slot, "indicator_path": path})
            out["fact"] = fact.id if fact else None
        elif token.unit is not None:
            # a count of things (25 | 个 in a 计量单位 cell) is no fact of any kind: not the 分 a
            # points column further up the table would type it as
            self.index.not_applicable(token)
        return out


_PERCENT_IN_HEADER = regex.compile(r"[（(]\s*[%％]\s*[)）]")
_VALUE_LABELS = {"target": "年度指标值", "other_target": "其他指标值", "actual": "实际完成值"}
_LEVEL_POINTS = regex.compile(r"^[（(]\s*\d+(?:\.\d+)?\s*分\s*[)）]$")
_PLACEHOLDER_NAME = regex.compile(r"\s*(?:[.…。·]{2,}|…+)\s*|\s*指标\s*\d+\s*[：:]?\s*")


def _fact_unit(unit: Optional[str]) -> Optional[str]:
    """The written unit an indicator's figure is a fact in: one of FACT_UNITS, or money per
    person whatever period it adds (元/人·月, 元/人/年 → 元/人); None for counts of things."""
    if unit in FACT_UNITS or unit == "元/人次":
        return unit
    if unit and unit.startswith("元/人") and not unit.startswith("元/人次"):
        return "元/人"
    return None


_SLOT_TYPES = {"weight": ("num",), "deduction": ("num",), "score": ("num",), "raw_score": ("num",),
               "completion": ("pct",), "deviation": ("pct",), "weight_share": ("num", "pct")}
# an indicator's points, each a fact in 分 under its column's usual name (扣分: points taken off the
# 分值; 单项指标得分: the row's own score before its weight converts it)
_POINT_SLOTS = {"weight": "分值", "deduction": "扣分", "score": "得分", "raw_score": "单项指标得分"}


def _converted_scores(slots: list, cols: dict) -> tuple:
    """A header that scores each row on its own and converts it by the row's weight (单项指标得分 |
    权重占比（%） | 单项指标折算得分, the Hebei forms): the converted column is the row's 得分, the
    one before it its raw score."""
    if "converted" not in slots:
        return slots, cols
    rename = {"score": "raw_score", "converted": "score"}
    return [rename.get(s, s) for s in slots], {rename.get(k, k): c for k, c in cols.items()}


def _measured_target(slots: list, cols: dict) -> tuple:
    """A target the result is measured against beside another one: adjusted during the year
    (年初指标值 | 调整指标值 | 全年完成值) or the region's own (全年指标值 | 本区域指标值). The
    other is a second target, a fact only."""
    if "measured_target" not in slots:
        return slots, cols
    rename = {"target": "other_target", "measured_target": "target"}
    if "target" not in slots:
        rename = {"measured_target": "target"}
    return [rename.get(s, s) for s in slots], {rename.get(k, k): c for k, c in cols.items()}


def _words_before_points(slots: list, cols: dict) -> tuple:
    """A column of words before all the points columns (备注, 是否达成 between 实际完成值 and 分值)
    is passed over like a 评分标准 column: a row's reason is its last column only. (Points after
    the reason that a header names below an earlier points column — 自评得分 over 单项指标得分 |
    权重占比 | 折算得分 — stand before the reason.)"""
    points = {"weight", "score", "deduction", "converted", "completion", "deviation", "weight_share"}
    if "reason" not in slots:
        return slots, cols
    k = slots.index("reason")
    if points & set(slots[:k]) or not points & set(slots[k + 1:]):
        return slots, cols
    cols = dict(cols)
    cols.setdefault("skip", cols.pop("reason"))
    return slots[:k] + ["skip"] + slots[k + 1:], cols


def _lined_up(values: dict, percent_written: frozenset = frozenset()) -> bool:
    """Does every filled cell of a row read by column hold what its column holds (points
    under 分值 and 得分, a percentage under 完成率 — a bare figure where the header writes
    the %)?"""
    for slot, types in _SLOT_TYPES.items():
        types = types + ("num",) if slot in percent_written else types
        token = values.get(slot)
        if token is not None and token.text.strip() and not is_na(token.text) and value_type(token.text) not in types:
            return False
    return True


def _with_unit(text: str) -> bool:
    """A target or result written with its unit or comparator (≥95%, 37442人, 14种), not bare."""
    comparator, value, unit = parse_target(text)
    return value is not None and (unit is not None or comparator is not None)


def _add_column(slots: list, cols: dict, slot: str, col: int) -> None:
    """A header's column: its slot in order (columns of words may stand anywhere, twice; a
    comparator or unit column is read with the figure it belongs to), its first place."""
    if slot == "reason" and "reason" in slots:
        # a second column of words (备注 | 分值 | 得分 | 偏差原因分析): the first is passed over
        slots[slots.index("reason")] = "skip"
        first = cols.pop("reason")
        cols.setdefault("skip", first)
    if (slot not in cols or slot == "skip") and slot not in _CELL_OF_TARGET:
        slots.append(slot)
    cols.setdefault(slot, col)


def _target_sub_columns(tokens: list, j: int, cols: dict) -> int:
    """A header's second line that splits the target's column in three (预期指标值 over 符号 |
    值 | 单位（文字描述）): the comparator, the figure and the unit each get their column.
    Returns where that line ends (j when the line at j is no such line)."""
    if j >= len(tokens) or not tokens[j].positional:
        return j
    line_no = tokens[j].line
    line = [t for t in tokens if t.line == line_no]
    end = next(k for k in range(j, len(tokens) + 1) if k == len(tokens) or tokens[k].line != line_no)
    named = {bare(t.text): t.col for t in line if bare(t.text) and not t.merged}
    kinds = {k: vocab()["ind_col"].get(k) for k in named}
    figure = [c for k, c in named.items() if k in spec()["target_figure_cells"]]
    if len(figure) != 1 or any(k not in spec()["target_figure_cells"] and kinds[k] not in _CELL_OF_TARGET for k in named):
        return j  # (only the three sub-headers stand on that line, besides cells merged from above)
    cols["target"] = figure[0]
    cols.update((kinds[k], c) for k, c in named.items() if kinds[k] in _CELL_OF_TARGET)
    return end


def _header_line_above(tokens: list, i: int, v: dict) -> list:
    """The column names right before the 一级指标 token at `i` (the first line of a two-line
    header), in order, when they name the points columns; [] otherwise. Empty cells are
    passed over; any other word ends the line."""
    names = []
    k = i - 1
    while k >= 0:
        key = bare(tokens[k].text)
        if key and key not in v["ind_col"]:
            break
        if key:
            names.append(tokens[k])
        k -= 1
    names.reverse()
    return names if {"weight", "score"} & {v["ind_col"][bare(t.text)] for t in names} else []


# columns some forms give the target's comparator and unit (指标性质 ≥ | 指标值 95 | 度量单位 %)
_CELL_OF_TARGET = ("comparator", "unit")


def _units_from_cells(values: dict) -> None:
    """The target's and the result's bare figures take the unit of the row's 度量单位 cell
    (and the target its 指标性质 comparator); a result written bare beside a target read
    with such a unit (the cells were joined by form_cells) shares it."""
    comparator, unit = values.pop("comparator", None), values.pop("unit", None)
    if comparator is not None and comparator.text.strip() in spec()["target_natures"]:
        comparator = None  # 指标性质 | 定量指标: the kind of target, no comparator
    target, actual = values.get("target"), values.get("actual")
    if unit is not None and unit.text.strip() in vocab()["cell_units"]:
        for slot, cmp in (("target", comparator), ("other_target", comparator), ("actual", None)):
            token = values.get(slot)
            if token is not None and (value_type(token.text) == "num" or compared_bare(token.text)):
                values[slot] = with_unit_cells(token, cmp.text if cmp is not None else None, unit.text)
    elif target is not None and target.unit is not None and actual is not None and value_type(actual.text) == "num":
        values["actual"] = with_unit_cells(actual, None, target.unit)
