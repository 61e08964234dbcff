"""The indicator block's column header (一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 |
分值 | 得分 | 偏差原因 …): which value column stands where, as an _IndicatorHeader — a header on
one line or two, value columns named on the line above the level names, a target split into
comparator, figure and unit columns, a second target beside the measured one, scores converted
by a row's weight, and columns of words passed over. A mixin of IndicatorBlockReader
(form_indicators.py)."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Optional

import regex

from .form_vocab import bare, spec, value_column, vocab


# the level columns a header names, by level (their 分值 and names are the group's, not a row's)
_LEVEL_COLUMNS = {"一级指标": 0, "二级指标": 1}


@dataclass
class _IndicatorHeader:
    slots: list  # the value columns after 三级指标, in order: target, actual, weight, score, reason
    cols: dict = field(default_factory=dict)  # slot → column in the header line (positional shapes)
    name_col: Optional[int] = None
    # the cells the header line wrote (a row is counted from the right against it when it
    # wrote fewer: a web copy's rows leave out the merged cells on their left)
    written_len: int = 0
    level_cols: dict = field(default_factory=dict)  # column → level (0, 1) of the 一级/二级指标 columns
    # 度量单位 / 指标性质 columns → how many value columns stand before them (shapes without columns)
    target_cells: dict = field(default_factory=dict)
    # the percentage columns whose header writes the % (得分系数（%）): bare figures there are
    # percentages; and "weight" where the header names a 权重 column, whose figures a form may
    # write as shares of the whole (20% for 20 points)
    percent_written: frozenset = frozenset()
    # column → level (0, 1) of a 分值 column right after a level column (一级指标 | 分值 | 二级指标 | 分值 |
    # 三级指标 | 分值 …): the points of the row's group at that level, where the group opens
    level_points: dict = field(default_factory=dict)
    # column → level of a 得分 column right after such a 分值 column (一级指标 | 分值 | 得分 | 二级指标 …):
    # the group's own score
    level_scores: dict = field(default_factory=dict)
    # a shape without columns whose header gives the first level its 分值 and 得分 (一级指标 | 分值 |
    # 得分 | 二级指标 …): the two figures after a first level's name are its group's points
    first_level_points: bool = False


class IndicatorHeaderReader:
    def _names_follow(self, j: int, head) -> bool:
        """Does a level or name column come after j in the header line (一级指标 | 分值 | 二级指标 …),
        so that a 分值 before it holds a level's own points, not the rows'?"""
        v = vocab()
        for t in self.tokens[j:j + 12]:
            if t.line != head.line and t.positional:
                return False
            key = bare(t.text)
            if key in v["ind_head"] or key in v["ind_name_cells"]:
                return True
            if key and key not in v["ind_col"]:
                return False
        return False

    def _read_indicator_header(self, i: int) -> int:
        v = vocab()
        head = self.tokens[i]
        slots, cols, name_col, level_cols, target_cells, level_points, level_scores = [], {}, None, {}, {}, {}, {}
        percent_written = set()
        level_point_at = None  # the token index of the last level's 分值 column
        first_level_points = False
        j = i
        seen_levels: set = set()
        while j < len(self.tokens):
            t = self.tokens[j]
            key = bare(t.text)
            if key in v["ind_head"] and key in seen_levels and key != "三级指标":
                # 一级指标 | 评价内容 | 评价要点: a level's other word after it heads the level below
                key = "二级指标" if key == "一级指标" else "三级指标"
            seen_levels.add(key)
            if key in v["ind_head"]:
                if key == "三级指标":
                    name_col = t.col
                elif key in _LEVEL_COLUMNS:
                    level_cols[t.col] = _LEVEL_COLUMNS[key]
            elif key in v["ind_name_cells"] and name_col is None and j > i \
                    and bare(self.tokens[j - 1].text) in _LEVEL_COLUMNS:
                name_col = t.col  # 一级指标 | 二级指标 | 绩效指标 | 目标值 …: the names' column
            elif (slot := value_column(key, j > i)) is not None:
                before = self.tokens[j - 1] if j > i else None
                if slot == "weight" and before is not None and bare(before.text) in _LEVEL_COLUMNS and self.weighted_levels:
                    j += 1  # a level's own 分值 where every level has one: read with the level's name
                    continue  # (form_weighted.py), no column of the rows
                if slot == "weight" and before is not None and bare(before.text) in _LEVEL_COLUMNS \
                        and not self.weighted_levels and self._names_follow(j + 1, head):
                    # a level's own points beside its name: in a shape that keeps the columns
                    # they are read with the row that opens the group (a stream of names and
                    # points is form_weighted.py's), elsewhere not at all (no sum is then known)
                    if t.positional and before.col in level_cols:
                        level_points[t.col] = level_cols[before.col]
                    elif bare(before.text) == "一级指标" and _level_score_next(self.tokens, j):
                        # (a first level's 分值 and 得分 both, 决策 | 20 | 18 | 目标设定 …, are
                        # read with its name: form_reader._read_level_points)
                        first_level_points = True
                    else:
                        self.form["unread_rows"] += 1
                    level_point_at = j
                    j += 1
                    continue
                if slot == "score" and level_point_at == j - 1:
                    # the level's own 得分 after its 分值 (一级指标 | 分值 | 得分 | 二级指标 …): read
                    # with that 分值, not as the rows' score column
                    if before.col in level_points:
                        level_scores[t.col] = level_points[before.col]
                    j += 1
                    continue
                if slot == "level_points":
                    # a column of a level's own points (一级指标 | 一级指标得分 | 二级指标 …): rows
                    # that hold their parent's points beside their own are not read as rows, so
                    # no sum over them is known
                    self.form["unread_rows"] += 1
                    j += 1
                    continue
                if slot in ("completion", "deviation") and _PERCENT_IN_HEADER.search(t.text):
                    percent_written.add(slot)
                if slot == "weight" and key.startswith("权重"):
                    percent_written.add(slot)  # (a 权重 column may write its weights as shares: 20%)
                if slot in _CELL_OF_TARGET:
                    target_cells.setdefault(slot, sum(1 for s in slots if s not in ("reason", "skip")))
                if slot == "score" and "score" in cols and key in _reviewers_score() and "review_score" not in cols:
                    # a reviewer's score after the unit's own (自评得分 | 评价得分 of a re-evaluation):
                    # read as a 复核得分 column is
                    slot = "review_score"
                if slot == "target" and "target" in cols and "measured_target" not in cols:
                    slot = "measured_target"  # 年初指标值 | 年度指标值: the later target, the adjusted one
                _add_column(slots, cols, slot, t.col)
            elif key or not t.positional or t.line != head.line:
                break
            j += 1
        if j == i + 1 and _counted_in_a_sentence(head, self.tokens[j] if j < len(self.tokens) else None):
            return i + 1  # 设一级指标4个、二级指标14个…: levels counted in a sentence, no header
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
        if slots[:2] == ["weight", "score"] and not head.positional and _value_words_wrapped_apart(self.tokens, i, j, v):
            # 分值 | 得分 right after the level names, the target's and result's words broken
            # over the lines above and below (年度 | 实际 over, 指标值 | 完成值 under, as a
            # PDF's text layer gives wrapped header cells): the template's order
            slots = ["target", "actual"] + slots
        j = _score_sub_columns(self.tokens, j, head, slots)
        j = _review_sub_columns(self.tokens, j, slots, cols)
        slots, cols = _measured_target(*_converted_scores(*_words_before_points(slots, cols)))
        if head.positional and "target" in cols:
            j = _target_sub_columns(self.tokens, j, cols)
        self.indicators = _IndicatorHeader(slots, cols if head.positional else {}, name_col if head.positional else None,
                                           self.written_lens.get(head.line, 0), level_cols if head.positional else {},
                                           target_cells, frozenset(percent_written),
                                           level_points if head.positional else {},
                                           level_scores if head.positional else {},
                                           first_level_points)
        return j


def _level_score_next(tokens: list, j: int) -> bool:
    """Is the header cell after the level's 分值 at j its 得分?"""
    return j + 1 < len(tokens) and vocab()["ind_col"].get(bare(tokens[j + 1].text)) == "score"


_PERCENT_IN_HEADER = regex.compile(r"[（(]\s*[%％]\s*[)）]")


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


def _score_sub_columns(tokens: list, j: int, head, slots: list) -> int:
    """A header's second line that splits its score column in the columns a row's score is
    converted by (自评得分 over 单项指标得分 | 权重占比（%） | 单项指标折算得分, written as text one
    line under the other): those columns stand in the score's place. Returns where that line
    ends (j when the line at j is no such line)."""
    if j >= len(tokens) or tokens[j].positional or tokens[j].line == head.line or "score" not in slots:
        return j
    line_no = tokens[j].line
    end = next(k for k in range(j, len(tokens) + 1) if k == len(tokens) or tokens[k].line != line_no)
    named = [vocab()["ind_col"].get(bare(t.text)) for t in tokens[j:end]]
    if None in named or "converted" not in named:
        return j  # (only column names stand on that line, one of them the converted score)
    parts = [s for s in named if s in ("score", "weight_share", "converted")]
    k = slots.index("score")
    slots[k:k + 1] = parts
    return end


@lru_cache(maxsize=1)
def _reviewers_score() -> frozenset:
    """The score columns that, after another one, are a reviewer's (patterns/forms.json)."""
    return frozenset(bare(w) for w in spec()["reviewers_score_after_own"])


def _review_sub_columns(tokens: list, j: int, slots: list, cols: dict) -> int:
    """A header's second line that splits its 得分 in the unit's own and a reviewer's (得分 over
    自评 | 再评价, a re-evaluation's table; one cell a line, they come after the first line's
    last name): the reviewer's column stands right after the score's. Returns where the two
    names end (j when no such pair stands at j)."""
    if "score" not in slots or "review_score" in slots or j + 1 >= len(tokens):
        return j
    words = spec()["score_sub_columns"]
    own, reviewer = tokens[j], tokens[j + 1]
    if bare(own.text) not in words["own"] or bare(reviewer.text) not in words["reviewer"]:
        return j
    if own.positional != reviewer.positional or own.positional and (own.col != cols.get("score") or reviewer.col != own.col + 1):
        return j
    slots.insert(slots.index("score") + 1, "review_score")
    if reviewer.positional:
        cols["review_score"] = reviewer.col
    return j + 2


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


def _value_words_wrapped_apart(tokens: list, i: int, j: int, v: dict) -> bool:
    """Do the lines right above and below the header line tokens[i:j] hold the pieces of a
    target's and a result's column words, the target's first (年度 … 实际 over 指标值 … 完成值)?"""
    line = tokens[i].line
    near = [t for t in tokens[max(0, i - 8):i] if t.line == line - 1] + \
           [t for t in tokens[j:j + 8] if t.line == line + 1]
    found = []
    for t in near:
        key = bare(t.text)
        slot = next((v["ind_col"][w] for w in _value_words() if len(key) >= 2 and key != w
                     and (w.startswith(key) or w.endswith(key))), None)
        if slot in ("target", "actual") and slot not in found:
            found.append(slot)
    return found == ["target", "actual"]


def _value_words() -> list:
    return [w for w, slot in vocab()["ind_col"].items() if slot in ("target", "actual")]


# columns some forms give the target's comparator and unit (指标性质 ≥ | 指标值 95 | 度量单位 %)
_CELL_OF_TARGET = ("comparator", "unit")


def _counted_in_a_sentence(head, after) -> bool:
    """Is a level's word followed, with nothing between, by a count (一级指标4个、): a sentence
    counting the indicators, not a header cell?"""
    return (after is not None and not head.positional and after.block is head.block and after.start == head.end
            and after.text[:1].isdigit())
