"""The indicator rows of a form's indicator block: each row's path, target, result, rates, 分值
and 得分 read into the header's columns (or by type in shapes that keep no columns), the units a
row's 度量单位 cell gives its figures, and the facts they make. A mixin of FormReader
(form_reader.py), whose walk calls these methods and whose state they fill; it is composed of
the header (form_indicator_header.py), the cells' places against it (form_indicator_columns.py)
and the rows written apart from their names (form_nameless_rows.py); rows in shapes without
columns are read by form_typed_rows.py."""
from __future__ import annotations

from functools import lru_cache
from typing import Optional

import regex

from ..patterns import load_json
from .form_unit_cells import as_points, unit_cell, with_unit_cells
from .form_indicator_header import IndicatorHeaderReader, _IndicatorHeader  # noqa: F401  (form_reader.py imports it from here)
from .form_indicator_columns import IndicatorColumns
from .form_nameless_rows import NamelessRows
from .form_tokens import Token
from .form_vocab import (bare, completion_as_share, is_level_word, is_na, is_target_nature, per_head_unit, spec,
                         value_type, vocab)
from .form_targets import FACT_UNITS, compared_bare, parse_target
from .glued_cuts import grammar
from .glued_unread import runs_together_dropped
from .per_head import per_head_words_before


_LEVEL_SUFFIX = "指标"  # the end of a level's name that a narrow cell wraps onto a line of its own


class IndicatorBlockReader(IndicatorHeaderReader, IndicatorColumns, NamelessRows):
    def _read_indicator(self, i: int) -> int:
        name = self.tokens[i]
        if bare(name.text) in vocab()["ind_name_cells"] and i + 1 < len(self.tokens) \
                and not value_type(self.tokens[i + 1].text):
            return i + 1  # (the block's caption, 绩效指标, its merged cell written again on each row)
        if not name.positional and (levels := _joined_levels(name.text)) is not None:
            self.path = levels  # 产出指标—数量指标: the row's two levels in one cell, its name next
            return i + 1
        head = self.indicators
        name_text = name.text
        by_col, shift = {}, 0
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
            key = bare(name.text)
            if is_level_word(key) and i + 1 < len(self.tokens) \
                    and not value_type(self.tokens[i + 1].text) \
                    and (level := self._level_name(i)) is not None:
                # a level's own name before a row's name (可持续影响指标 | 桥梁设计使用年限 | 年 | 50 …)
                # is that level, not a row whose target is the next name
                self._open_level(name, level)
                return i + 1
            values, end = self._typed_indicator_values(i + 1)
            if self.name_rest:  # (the rest of its name wrapped onto lines of their own)
                name_text = name.text.rstrip() + "".join(t.text.strip() for t in self.name_rest)
        values, points_unread = runs_together_dropped(values, self.index)
        if points_unread:
            # the row's figures run together, no cut read (glued_unread.py): no sum over the
            # rows is known, and the name opens no level
            self.form["unread_rows"] += 1
            if not values:
                return end
        units_from_cells(values, "unit" in head.target_cells or "unit" in head.cols)
        written = [t.text.strip() for t in values.values() if t is not None and t.text.strip()]
        if _PLACEHOLDER_NAME.fullmatch(name_text) or (written and all(is_na(x) for x in written)):
            return end  # 指标1： | / | / | / | /, or a …… row: a template's row left for no indicator
        # (a level cell naming both levels, 产出指标—数量指标, is the two of them)
        levels = [level for p in self.path if p for level in (_joined_levels(p) or [p])]
        row = {"path": levels + [name_text.strip()], "source": name.source()}
        # a row before this one whose cells no cut read ran into this name, a row's or a level's
        # (观看群众≥36000人次4万余人次1010农家书屋…): that row is unread, so sums over the rows
        # are not known
        swallowed = _swallowed_row().search(name_text) is not None
        if swallowed:
            self.form["unread_rows"] += 1
        filled = False
        for slot in ("target", "actual"):
            token = values.get(slot)
            row[slot] = self._indicator_value(token, slot, row["path"]) if token is not None else None
            filled |= token is not None and bool(token.text.strip())
        self._per_head_standard(row)
        for slot in ("other_target", "forecast", "review_actual"):
            # a second target (中期指标值 beside 年度指标值, 中央下达 beside 本区域), a
            # monitoring form's forecast of the year's result, or the result a reviewer found
            # (复核完成值 beside 自评完成值): its figure is a fact, but the unit's own result
            # is measured against the year's own target only
            if (token := values.get(slot)) is not None:
                row[slot] = self._indicator_value(token, slot, row["path"])
        if row["actual"] and row["target"] and row["actual"]["unit"] is None and row["target"]["unit"] == "%" \
                and _SHARE_OF_ONE.fullmatch(values["actual"].text.strip()):
            # a spreadsheet's percentage exported as its share of one (≥95% | 0.9820): 98.2%
            row["actual"] = self._indicator_value(with_unit_cells(values["actual"], None, "%"), "actual", row["path"])
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
            if slot not in ("deduction", "raw_score", "review_score", "set_weight") or fact is not None:
                row[slot] = fact.id if fact else None
            filled |= fact is not None
        if filled:
            self._read_group_points(row, by_col, shift)
            if self.level_opened and self.level_opened[0] == row["path"][0]:
                row.update(self.level_opened[1])
            self.level_opened = None
            row["unread_before"] = self.form["unread_rows"]
            self.form["indicators"].append(row)
        elif (level := self._level_name(i)) is not None:
            self._open_level(name, level)
            if swallowed:
                self.form["unread_rows"] += 1
            end = i + 1  # the next name is the row's (not a column of words the values skipped)
        elif not self._wrapped_on(i) and not self._level_pieces_only(i):
            # a name with no values after it: a row this reader could not read (or words
            # that are not a row); sums over the indicators are then not known (unless the
            # rows' 分值 show no scored row is missing: words alone hold no points)
            self.form["unread_rows"] += 1
            self.form["unread_word_lines"] = self.form.get("unread_word_lines", 0) + 1
        return end

    def _open_level(self, name: Token, level: int) -> None:
        """The level (0: 一级, 1: 二级) the name opens: the rows after it are under it."""
        self.path = self.path[:level] + ["".join(name.text.split())] + [None] * (1 - level)

    def _level_pieces_only(self, i: int) -> bool:
        """Is the line of the words at i no row but the wrapped ends of level names (指标 under
        可持续影响, 指标 满意度指标 under 满意度 服务对象): no figure, every word 指标 or a level's?"""
        line = [t.text.strip() for t in self.tokens if t.line is not None and t.line == self.tokens[i].line]
        words = vocab()["level1"] | vocab()["level2"]
        return bool(line) and all(w == _LEVEL_SUFFIX or w in words for w in line)

    def _wrapped_on(self, i: int) -> bool:
        """Are the words at i, alone on their line and in the column of the words that end the
        line before (a reason cell), the rest of that cell wrapped onto lines of their own? In
        a text whose cells are known by their order only, words alone on their line after a
        row that ends in words (偏差原因 …考核通过率 | 偏低；实行分层教学。) are."""
        t, before = self.tokens[i], self.tokens[i - 1] if i > 0 else None
        if before is None or t.line is None or before.line != t.line - 1 or self.line_lens.get(t.line) != 1 \
                or value_type(before.text) is not None or value_type(t.text) is not None:
            return False
        if t.col is not None and t.col == before.col:
            return True
        row_before = [x for x in self.tokens[max(0, i - 12):i] if x.line == before.line]
        return not t.positional and not before.positional and any(value_type(x.text) for x in row_before)

    def _read_group_points(self, row: dict, by_col: dict, shift: int) -> None:
        """The points of the groups a row opens, in the 分值 (and 得分) columns beside the level
        columns (一级指标 | 分值 | 得分 | 二级指标 | 分值 | …): facts of their own, kept on the row
        by level (form_level_points.py groups them)."""
        head = self.indicators
        for columns, slot, label, key in ((head.level_points, "level_weight", "分值", "group_weights"),
                                          (head.level_scores, "level_score", "得分", "group_scores")):
            marks = {}
            for col, level in columns.items():
                token = by_col.get(col + shift)
                if token is None or value_type(token.text) != "num" or level >= len(row["path"]) - 1:
                    continue
                fact = self.index.fact_for(token, "分", label, row["path"][level],
                                           {"form": self.form["id"], "slot": slot, "level": level + 1,
                                            "indicator_path": row["path"][:level + 1]})
                if fact is not None:
                    marks[level] = fact.id
            if marks:
                row[key] = marks

    def _per_head_standard(self, row: dict) -> None:
        """A row under a per-head standard's name whose money is written in 元 (人均补助标准 |
        ≥1500元 | 1920元) states money per head, as the same words make it in prose; not where
        either figure is in 万元 (the name then heads a sum, whatever it says)."""
        facts = [self.index.by_id(row[slot]["fact"]) for slot in ("target", "actual") if row[slot] and row[slot]["fact"]]
        money = [f for f in facts if f is not None and f.kind == "amount"]
        if money and all(f.extra.get("written_unit") == "元" for f in money) \
                and per_head_words_before(row["path"][-1], len(row["path"][-1])):
            for f in money:
                f.kind, f.unit = "money_rate", "元/人"

    def _indicator_value(self, token: Token, slot: str, path: list) -> Optional[dict]:
        text = token.text.strip()
        if not text or is_na(text):
            return None
        comparator, value, unit = parse_target(text)
        if unit == "万" and token.unit is None and any("成本" in level for level in path[:-1]):
            token = unit_cell(token)  # a cost indicator's 150万 is money: 150 in 万元
            text = token.text
        named = None
        if token.unit is not None:  # the unit in a cell of its own (see units_from_cells)
            comparator = spec()["comparators"].get(token.comparator) or comparator
            unit = token.unit
            text = f"{token.comparator or ''}{text}{unit}"
        elif unit is None and value is not None and (bracketed := _unit_in_brackets(path[-1])) \
                and _bare()[0].fullmatch(text):
            # 生活补贴标准（元/人·月） | ≥100 | 100: the name states its figures' unit
            unit = named = bracketed
        elif unit is None and value is not None and _bare()[1].fullmatch(text):
            # 受资助学生人数 | 14726 | 15935: the name says what its whole figures count
            unit = named = _unit_named_by(path[-1])
        out = {"text": text + (named or ""), "comparator": comparator, "value": value, "unit": unit, "fact": None}
        written = _fact_unit(unit)
        if written is not None:
            fact = self.index.fact_for(token, written if token.unit is not None or named else None,
                                       _VALUE_LABELS[slot], path[-1],
                                       {"form": self.form["id"], "slot": slot, "indicator_path": path})
            out["fact"] = fact.id if fact else None
        elif token.unit is not None:
            # a count of things (25 | 个 in a 计量单位 cell) is no fact of any kind: not the 分 a
            # points column further up the table would type it as
            self.index.not_applicable(token)
        return out


def _joined_levels(text: str) -> Optional[list]:
    """[一级, 二级] of a cell naming both levels joined by a dash (产出指标—数量指标, as a budget
    system's grid writes its 绩效目标类型); None for any other cell."""
    parts = _LEVEL_JOINT.split(text.strip())
    if len(parts) == 2 and parts[0] in vocab()["level1"] and parts[1] in vocab()["level2"]:
        return parts
    return None


_LEVEL_JOINT = regex.compile(r"\s*[—\-－–·/／]+\s*")


@lru_cache(maxsize=1)
def _swallowed_row() -> regex.Pattern:
    """Cells of a row run into a row's name or a level's: a target (comparator, figure, unit)
    with the next figure right after it (观看群众≥36000人次4万余人次1010农家书屋…), or figures run
    together between words (农村危房改造户数户162016081412户因…). A scoring rule in the name's
    cells (完成率≥98%得5分) is no row."""
    cmp, unit, _ = grammar()
    return regex.compile(rf"{cmp.pattern}\s*\d[\d.]*+(?:{unit.pattern})\d|(?:(?<=\p{{Han}})|^)\d{{6,}}(?=\p{{Han}})")


# a share of one as a spreadsheet writes a percentage: 0.9820, 1.0000 (not 1.05, which may be a ratio)
_SHARE_OF_ONE = regex.compile(r"0\.\d{2,}|1\.0{2,}")
_VALUE_LABELS = {"target": "年度指标值", "other_target": "其他指标值", "actual": "实际完成值",
                 "forecast": "全年预计完成值", "review_actual": "复核完成值"}
_UNIT_IN_BRACKETS = regex.compile(r"[（(]\s*([^（）()\d]{1,8}?)\s*[)）]\s*$")


def _unit_in_brackets(name: str) -> Optional[str]:
    """The unit an indicator's name states in brackets at its end (…补贴标准（元/人·月）, …资金
    （万元）), maybe before the row's nature or direction run into it (…合格率（%）正向), when
    it is the unit of a fact: money per head, or one of FACT_UNITS."""
    name = name.rstrip()
    nature = next((w for w in _natures_longest_first() if name.endswith(w)), "")
    m = _UNIT_IN_BRACKETS.search(name[:len(name) - len(nature)])
    unit = m.group(1) if m else None
    return unit if unit and (unit in FACT_UNITS or per_head_unit(unit)) else None


@lru_cache(maxsize=1)
def _natures_longest_first() -> tuple:
    """The words a row's nature or direction cell holds (定量, 正向指标), longest first."""
    return tuple(sorted(spec()["target_natures"], key=len, reverse=True))


@lru_cache(maxsize=1)
def _bare() -> tuple:
    """(a figure with no unit after any comparator of the vocabulary, the same a whole number)."""
    cmp, _, _ = grammar()
    return (regex.compile(rf"(?:{cmp.pattern})?\s*\d[\d,]*(?:\.\d+)?"),
            regex.compile(rf"(?:{cmp.pattern})?\s*[1-9]\d*(?:,\d{{3}})*"))


@lru_cache(maxsize=4096)
def _unit_named_by(name: str) -> Optional[str]:
    """The unit of people or households an indicator's name ends by (…人数 → 人, …户数 → 户,
    …人次 → 人次: header_suffix_units), for its bare whole figures; None otherwise."""
    name = regex.sub(r"[（(][^）)]*[）)]$|[\s:：]", "", name)
    for suffix, unit in load_json("units.json")["header_suffix_units"].items():
        if name.endswith(suffix) and unit in ("人", "户", "人次"):
            return unit
    return None
_PLACEHOLDER_NAME = regex.compile(r"\s*(?:[.…。·]{2,}|…+)\s*|\s*指标\s*\d+\s*[：:]?\s*")


def _fact_unit(unit: Optional[str]) -> Optional[str]:
    """The written unit an indicator's figure is a fact in: one of FACT_UNITS, or money per
    person whatever period it adds (元/人·月, 元/人/年 → 元/人); None for counts of things."""
    if unit in FACT_UNITS or unit == "元/人次":
        return unit
    if unit and per_head_unit(unit):
        return "元/人"
    return None


_SLOT_TYPES = {"weight": ("num",), "deduction": ("num",), "score": ("num",), "raw_score": ("num",),
               "review_score": ("num",), "set_weight": ("num",), "completion": ("pct",), "deviation": ("pct",),
               "weight_share": ("num", "pct")}
# an indicator's points, each a fact in 分 under its column's usual name (扣分: points taken off the
# 分值; 单项指标得分: the row's own score before its weight converts it; 复核分: a reviewer's score
# beside the self-assessed one; 权重设定值: the weight the plan set, beside the weight the form
# scores by — both facts but in no sum of the form's)
_POINT_SLOTS = {"weight": "分值", "deduction": "扣分", "score": "得分", "raw_score": "单项指标得分",
                "review_score": "复核分", "set_weight": "权重设定值"}


def _lined_up(values: dict, percent_written: frozenset = frozenset()) -> bool:
    """Does every filled cell of a row read by column hold what its column holds (points
    under 分值 and 得分, a percentage under 完成率 — a bare figure where the header writes
    the %)?"""
    for slot, types in _SLOT_TYPES.items():
        types = types + ("num",) if slot in percent_written else types
        token = values.get(slot)
        if token is not None and token.text.strip() and not is_na(token.text) and value_type(token.text) not in types \
                and not completion_as_share(slot, token.text):
            return False
    return True


def units_from_cells(values: dict, unit_column: bool = False) -> None:
    """The target's and the result's bare figures take the unit of the row's 度量单位 cell
    (and the target its 指标性质 comparator); a result written bare beside a target read
    with such a unit (the cells were joined by form_unit_cells), or beside a target whose unit a
    line of cells ran into it where the header names a 度量单位 column (≥  95  % | 98.23 read as
    ≥95% | 98.23), shares it; so does a bare target beside a result the unit ran into (≥  22000 |
    23600人, the 计量单位 column after the result)."""
    comparator, unit = values.pop("comparator", None), values.pop("unit", None)
    unit_text = unit.text.strip() if unit is not None else None
    target, actual = values.get("target"), values.get("actual")
    if unit_text is None and unit_column and target is not None and target.unit is None:
        unit_text = parse_target(target.text)[2]  # (the unit the line ran into the target: ≥95%)
        if unit_text is None and actual is not None \
                and (compared_bare(target.text) or value_type(target.text) == "num"):
            unit_text = parse_target(actual.text)[2]  # (or into the result: ≥  22000 | 23600人)
    if comparator is not None and is_target_nature(comparator.text):
        comparator = None  # 指标性质 | 定量指标: the kind of target, no comparator
    if unit_text in vocab()["cell_units"]:
        for slot, cmp in (("target", comparator), ("other_target", comparator), ("actual", None), ("forecast", None),
                         ("review_actual", None)):
            token = values.get(slot)
            if token is not None and (value_type(token.text) == "num" or compared_bare(token.text)
                                      or parse_target(token.text)[2] in ("万", "亿")):  # ≥3.2万 | 人
                values[slot] = with_unit_cells(token, cmp.text if cmp is not None else None, unit_text)
    elif target is not None and target.unit is not None and actual is not None and value_type(actual.text) == "num":
        values["actual"] = with_unit_cells(actual, None, target.unit)
