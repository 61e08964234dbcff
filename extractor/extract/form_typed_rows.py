"""Indicator rows in shapes that keep no empty cells (a spreadsheet saved as text with single
spaces, one line, one cell a line): which tokens after a name are its values, where a row's
reason ends and the next row begins, and which names are levels rather than rows. A mixin of
FormReader (form_reader.py), beside IndicatorBlockReader (form_indicators.py); which words are
a worded target or result is form_worded_cells.py's."""
from __future__ import annotations

from decimal import Decimal
from typing import Optional

import regex

from .form_assign import assign_indicator_values
from .form_unit_cells import as_points
from .form_tokens import Token
from .form_facts import value_of
from .form_worded_cells import short_result
from .form_vocab import (LABEL_COLON, bare, canon, is_label, is_level_word, is_na, is_scoring_rule, is_target_nature,
                         spec, value_type, vocab)
from .form_targets import looks_like_target


class TypedRowReader:
    def _form_word_names_row(self, i: int) -> bool:
        """In a shape without columns, a form's own word right before a whole row's figures is
        the row's name: 服务对象满意度 | 10 | 9 (a 二级指标 word), 预算执行率 | 10 | 9.6 (a
        fund column's), where a level's name is followed by the next name (or by a row its
        own points do not close: 时效指标 | 2022年底之前 | … is the level of a row left unnamed)."""
        t = self.tokens[i]
        if t.merged:
            return False
        key = bare(t.text)
        # (a first-level word right after a second-level name names the row: 满意度指标 |
        # 服务对象满意度指标 | 满意度(%) | 90 | 100 | 11.1, on one line or one cell a line; a
        # row it opens is a first-level one, and a first level never follows a second)
        before = self.tokens[i - 1] if i else None
        under_level2 = key in vocab()["level1"] and before is not None and bare(before.text) in vocab()["level2"]
        return (key in vocab()["level2"] or key in vocab()["fund_col"] or under_level2
                or self._last_row_of_its_level(i)) and self._leads_row(i)

    def _last_row_of_its_level(self, i: int) -> bool:
        """Is a first-level word with its 分值 and 得分, right before the block's total row and
        under an open first level, that level's last row (效益 | 25 | 17 | 社会效益 | 10 | 7 | … |
        满意度 | 8 | 5 | 合计 | 100 | 78.5, or 满意度 | 5 | ≥90%得满分 | 4 | 扣分原因 | 合计 under a
        header with a 评分要点 and a 扣分原因)? A first level opens rows of its own: none follow."""
        t = self.tokens
        if bare(t[i].text) not in vocab()["level1"] or self.path[0] is None or i + 3 >= len(t):
            return False
        if bare(t[i + 3].text) in vocab()["total"] and all(value_type(as_points(x).text) == "num" for x in t[i + 1:i + 3]):
            return True
        # (points only: a level's word before a target or a result is a cut cell's, 满意度 | 93%)
        values, end = self._typed_indicator_values(i + 1)
        return end < len(t) and bare(t[end].text) in vocab()["total"] and set(values) == {"weight", "score"}

    def _level_name(self, i: int) -> Optional[int]:
        """In a shape without columns, a name followed by the name of a row is that row's
        二级指标 (1) whatever its words (目标设定 | 绩效目标合理性 | 5 | 5), and a name before
        two names of which the second leads a row its 一级指标 (0); None otherwise."""
        if self.tokens[i].positional:
            return None
        if self.indicators.slots[:1] == ["skip"] and self._leads_row(i):
            return None  # its next cell is the column of words after the names (指标解释)
        for level, k in ((1, i + 1), (0, i + 2)):
            if k < len(self.tokens) and all(self._is_name(self.tokens[n]) for n in range(i + 1, k)) \
                    and (self._is_name(self.tokens[k]) or self._form_word_names_row(k)) and self._leads_row(k):
                return level
        return None

    def _leads_row(self, k: int) -> bool:
        """Is the token at k a name whose figures close a row (its 分值 and 得分, or the points
        columns the header has)?"""
        t = self.tokens[k]
        if t.positional or k + 1 >= len(self.tokens):
            return False
        # (a column of words right after the names, 指标解释, comes before the figures, and
        # a qualitative target and result before them: 绩效目标合理性 | 合理 | 合理 | 10 | 10)
        # (and a 度量单位 or 指标性质 cell the header puts first: 预算执行率 | % | 定量指标 | ≥95 | …)
        if not (value_type(as_points(self.tokens[k + 1]).text) or looks_like_target(self.tokens[k + 1].text)
                or self.indicators.slots[:1] == ["skip"] or self._worded_pair_at(k + 1)
                or self._target_cell(0, self.tokens[k + 1], {}) is not None):
            return False
        values, _ = self._typed_indicator_values(k + 1)
        points = {"weight", "score"} & set(self.indicators.slots) or {"weight", "score"}
        return points <= set(values)  # (a form whose rows carry 得分 only: the score closes them)

    def _typed_indicator_values(self, j: int) -> tuple:
        """Values after an indicator's name in a shape without empty cells: the cells up to
        the next name or label; the last two bare numbers are 分值 and 得分, what comes
        before them the target and the actual value."""
        v = vocab()
        name = self.tokens[j - 1] if j else None
        self.name_rest = []
        # columns the form describes in words (评分标准) right after the name hold no values
        for slot in self.indicators.slots:
            if slot != "skip" or j >= len(self.tokens) or value_type(self.tokens[j].text):
                break
            j += 1
        taken = []
        value_slots = [s for s in self.indicators.slots if s not in ("reason", "skip")]
        most = max(4, len(value_slots))
        # a qualitative target or result (好, 达标) stands only where the header puts the
        # target or the result, never in a form of points only (一级 | 二级 | 三级 | 分值 |
        # 得分: words after the points name the next row)
        cells = {}  # the row's 度量单位 / 指标性质 cells, where the header puts them
        while j < len(self.tokens) and len(taken) < most:
            t = as_points(self.tokens[j])
            key = bare(t.text)
            if key in v["total"] or key in v["grade_cell"] or is_level_word(key) and (
                    # (a level's word with a unit in brackets may end a name broken off its
                    # cell: 受助学生及家长 | 满意度（%） | ≥90 | 96.3 | 10 | 10)
                    taken or key == canon(t.text) or not self._name_tail(j, len(value_slots))):
                break
            if (cell := self._target_cell(len(taken), t, cells)) is not None:
                cells[cell] = t
            elif not taken and (lines := self._name_tail(j, len(value_slots))):
                # the end of a name the export broke (资金是否全部及时纳 | 入 | 100% | …), over a
                # line or two (困难残疾人生活补贴 | 发放人次 | （人次） | ≥37200 | …)
                self.name_rest = self.tokens[j:j + lines]
                j += lines - 1
            elif not taken and not self.form["indicators"] and _header_word(t.text) and self._numbers_follow(j + 1, 6):
                # the header's last labels a sheet's merged cells put after the first row's
                # name (优抚对象补助人数 | 实际 | 完成值 | 分值 | 得分 | 偏差原因… | ≥2146人 | …)
                pass
            elif (is_scoring_rule(t.text) and not value_type(t.text) and 0 < len(taken) < len(value_slots)
                  and self._words_column_after(len(taken)) and self._numbers_follow(j + 1)):
                pass  # the row's 评分标准 (≥90%得满分, 按标准执行得满分) between its figures: no value
            elif taken and _CUT_AFTER_POINTS_WORD.search(self.tokens[j - 1].text) \
                    and self.tokens[j].text.strip().endswith("分") and self._numbers_follow(j + 1):
                pass  # the rest of a 评分标准 a line cut after its 扣 (每低1%扣 | 0.5分 | 4.5): no points
            elif (0 < len(taken) < len(value_slots) and not {"target", "actual"} & set(value_slots)
                  and value_type(as_points(t).text) != "num"
                  and self._words_column_after(len(taken)) and self._numbers_follow(j + 1, 2)):
                # in a table of points only, the words column's cell (评价要点) between them, a figure
                # among its words (资金到位率100%, cut by the reader into 资金到位率 | 100%): no value
                pass
            elif value_type(t.text) == "na" and _points_closed(taken, value_slots):
                break  # (…2022年9月 | 10 | 10 | 无: the row's points closed it, 无 is its reason)
            elif value_type(t.text) or looks_like_target(t.text):
                taken.append(t)
            elif (len(taken) < len(value_slots) and value_slots[len(taken)] in _WORDED
                  and sum(1 for x in taken if not value_type(x.text)) < max(2, len(_WORDED & set(value_slots)))
                  and (short_result(t.text) or value_slots[len(taken)] == "actual" and _FIGURES.search(t.text)
                       or self._clause_pair_at(j) or taken and self._clause_pair_at(j - 1))
                  and self._numbers_follow(j + 1) and not (not taken and self._worded_pair_at(j + 1))):
                # at most the targets and the result (a result may be a sentence of figures:
                # 挽回经济损失2,860万元，较上年增加12%); words before a worded target and
                # result and their points are the row's name (目标设定 | 绩效目标合理性 | 合理 |
                # 合理 | 10 | 10: the first name is the row's 二级指标)
                taken.append(t)
            elif 0 < len(taken) < len(value_slots) and self._words_column_after(len(taken)) \
                    and self._numbers_follow(j + 1):
                pass  # a column of words between the figures (分值 | 评分标准 | 得分): no value
            else:
                break
            j += 1
        values = assign_indicator_values(self.indicators.slots, taken, self.indicators.percent_written)
        if name is not None and bare(name.text) in v["fund_col"] and _points_pair(taken):
            # (预算执行率 | 10 | 9.85 among the indicator rows: the budget's execution scored, its
            # two bare figures its 分值 and 得分, no target and result)
            values = {"weight": taken[0], "score": taken[1]}
        values.update(cells)
        row_complete = "score" in values or "weight" in values or (value_slots and value_slots[-1] in values)
        slots = self.indicators.slots
        if (row_complete and value_slots and "skip" in slots[slots.index(value_slots[-1]):] and j < len(self.tokens)
                and is_scoring_rule(self.tokens[j].text) and not value_type(self.tokens[j].text)):
            j += 1  # the row's 评（扣）分标准 after its points (达到目标值得满分…): no reason, no next row
        # words after the scores are the row's reason (and any column of words beside it:
        # 完成可能性分析 | 偏差原因说明) unless a target follows them (then they name the next
        # indicator)
        words = _word_columns_after_points(slots) if row_complete else 0
        if words and (rest := self._words_ending_the_line(name, j)) and len(rest) <= words:
            return values, j + len(rest)  # (a row a line: the words after its figures are its own)
        for _ in range(words):
            if j >= len(self.tokens):
                break
            nxt = self.tokens[j]
            if _CUT_AFTER_POINTS_WORD.search(nxt.text) and j + 1 < len(self.tokens) \
                    and _POINTS_ALONE.match(self.tokens[j + 1].text.strip()):
                return values, j + 2  # a reason a line cut after its 扣 (…未细化，扣 | 1分)
            # (words whose name goes on over the next lines into a row's figures open that row:
            # 补贴对象 | 认定准确率（%） | 100 | …)
            if self._is_name(nxt) and not self._next_row_at(j + 1) and not _form_statement(nxt.text) \
                    and not self._opens_the_next_row(name, j) and not self._name_tail(j + 1, len(value_slots)):
                j += 1
            else:
                break
        return values, j

    def _words_ending_the_line(self, name: Optional[Token], j: int) -> list:
        """The tokens from j to the end of their line, where the row stood on a line of its own
        up to j and they are all words (能完成 | 下半年集中开班); [] otherwise."""
        if name is None or name.line is None or j >= len(self.tokens) or self.tokens[j - 1].line != name.line \
                or self.tokens[j].line != name.line:
            return []
        rest = []
        while j < len(self.tokens) and self.tokens[j].line == name.line:
            rest.append(self.tokens[j])
            j += 1
        return rest if all(not value_type(t.text) or value_type(t.text) == "na" for t in rest) else []

    def _next_row_at(self, k: int) -> bool:
        """Does a row's target start at k, after the row-head cells some headers put before it
        (是否核心指标, 指标性质, 计量单位, 计算符号: 否 | 定量 | % | ≥)? A qualitative target
        before figures (按时完成 | 按时完成 | 10 | 10) opens a row too."""
        start = k
        cells = self.indicators.target_cells
        while k < min(start + 3, len(self.tokens)) and (
                _row_head_cell(self.tokens[k].text.strip())
                or "unit" in cells and self.tokens[k].text.strip() in vocab()["cell_units"]
                or "comparator" in cells and self.tokens[k].text.strip() in spec()["comparators"]):
            k += 1
        after = self.tokens[k] if k < len(self.tokens) else None
        if after is not None and value_type(after.text) == "na":
            # a dash opens a row only before its figures (— | 100 | 10 | 10), not as the empty
            # cell of the next column of words (能完成 | — | 门诊救助人次 …)
            later = self.tokens[k + 1] if k + 1 < len(self.tokens) else None
            return later is not None and bool(value_type(later.text) or looks_like_target(later.text))
        return after is not None and bool(value_type(after.text) or looks_like_target(after.text)
                                          or self._qualitative_pair_at(start))

    def _opens_the_next_row(self, name: Optional[Token], j: int) -> bool:
        """Do the words at j, after a row's values, open the next line as a name with its
        figures right after it, where the row's name and values stood on one line (a sheet
        flattened a row a line)? They are the next row's name, not this row's reason: a
        reason stands on its row's line. (Words alone on the next line are the rest of a
        wrapped cell; 3、 before 总分 is no name.)"""
        last, nxt = self.tokens[j - 1], self.tokens[j]
        if name is None or name.line is None or last.line != name.line or nxt.line is None or nxt.line <= last.line:
            return False
        after = self.tokens[j + 1] if j + 1 < len(self.tokens) else None
        return after is not None and after.line == nxt.line and regex.search(r"\p{Han}{2}", nxt.text) is not None \
            and (value_type(after.text) is not None or looks_like_target(after.text)
                 or after.text.strip() in spec()["comparators"])

    def _target_cell(self, n: int, t: Token, seen: dict) -> Optional[str]:
        """Is t, after n of a row's values, the cell of the 度量单位 ("unit") or 指标性质
        ("comparator") column the header puts there (三级指标 | 计量单位 | 年度指标值 …:
        户 | ≥ 5200 | 5,386)? A unit word or a dash there is the unit's cell, a comparator
        alone the comparator's; None otherwise."""
        text = t.text.strip()
        for cell, ok in (("unit", lambda: text in vocab()["cell_units"] or is_na(text)
                                           or text in vocab()["unit_placeholders"]),
                         ("comparator", lambda: text in spec()["comparators"] or is_target_nature(text))):
            if self.indicators.target_cells.get(cell) == n and cell not in seen and ok():
                return cell
        return None

    def _words_column_after(self, n: int) -> bool:
        """Does the header put a column of words (评分标准) right after its n-th value column?"""
        slots = [s for s in self.indicators.slots if s != "reason"]
        seen = 0
        for k, slot in enumerate(slots):
            if slot != "skip":
                seen += 1
                if seen == n:
                    return k + 1 < len(slots) and slots[k + 1] == "skip"
        return False

    def _name_tail(self, j: int, width: int) -> int:
        """How many words from j (up to _TAIL_LINES) are the end of the row's name broken off
        its cell (a long name wraps in the sheet, the export cuts it at the wrap), the row's
        figures, or its worded target and result and their points, all after them; 0 if none.
        Words are no target where every value column is filled by what follows them and it
        closes as a row does (得分 ≤ 分值)."""
        tails, k = [], j
        while k < len(self.tokens) and len(tails) < _TAIL_LINES:
            text = self.tokens[k].text.strip()
            tail = _NAME_TAIL.fullmatch(text)
            # (a level's word is a label, but not with a unit in brackets: 满意度（%） ends a name)
            label = is_label(bare(text)) and not (tail and tail[2] and is_level_word(bare(text)))
            if not tail or not (tail[1] or tail[2]) or label or _row_head_cell(text) or self.tokens[k].positional:
                break
            tails.append(tail)
            k += 1
            if tail[2]:
                break  # (the unit in brackets ends the name)
        for n in range(len(tails), 0, -1):
            if not tails[n - 1][2] and (n > 1 or len(tails[0][1]) > 3):
                # (longer words may be a worded target, or a level's cell before a name: 预算配置 |
                # 财政供养人员控制率 | ≤100%; only the name's unit in brackets proves the name went on)
                continue
            if width >= 3 and self._row_at(j + n, width) or width == 2 and tails[n - 1][2] and self._pair_at(j + n):
                return n
        return 0

    def _row_at(self, k: int, width: int) -> bool:
        """Do a row's values start at k: its figures filling every value column and closing as a
        row does, or a worded target and result and their points (及时 | 部分延迟 | 6 | 4)?"""
        if self._worded_pair_at(k):
            return True
        if k + width > len(self.tokens):
            return False
        row = [as_points(t) for t in self.tokens[k:k + width]]
        if not all(_figure_cell(t) for t in row):
            return False
        weight, score = row[-2].text, row[-1].text
        return value_type(weight) == value_type(score) == "num" and 0 < value_of(score) <= value_of(weight) <= 100

    def _pair_at(self, k: int) -> bool:
        """In a form of targets and results only (no points to close a row), do a row's two
        figures stand at k with no third after them (验收合格率（%） | 100 | 100 | 时效指标)?"""
        figure = [_figure_cell(as_points(t)) for t in self.tokens[k:k + 3]]
        return figure[:2] == [True, True] and not any(figure[2:])

    def _numbers_follow(self, j: int, within: int = 3) -> bool:
        for t in self.tokens[j:j + within]:
            if value_type(as_points(t).text) == "num":
                return True
        return False


def _header_word(text: str) -> bool:
    """Is the text a value column's label of the indicator header, or a piece of one a cell's
    wrap cut off (实际 | 完成值, 年度 | 指标值)?"""
    key = bare(text)
    labels = vocab()["ind_col"]
    return key in labels or len(key) >= 2 and any(len(label) > len(key) and (label.startswith(key) or label.endswith(key))
                                                  for label in labels)


# the rest of a row's name its cell wrapped: a few characters (入), up to a line of a narrow
# column's words with the unit the name states in brackets (建档率（%）, 健康管理人数（人）), or
# that unit alone (（%）: never a target)
_NAME_TAIL = regex.compile(r"(\p{Han}{0,12})\s*([（(][^（）()\d]{1,8}[)）])?")
_TAIL_LINES = 2


def _figure_cell(t: Token) -> bool:
    """A row's figure or target written as a cell of the stream (95.6, ≥90%), no column's cell."""
    return not t.positional and bool(value_type(t.text) or looks_like_target(t.text))


def _row_head_cell(text: str) -> bool:
    """A cell of the columns before a row's target that say what kind of row it is: 是 / 否
    under 是否核心指标, 定量 / 定性 under 指标性质."""
    return text in ("是", "否") or is_target_nature(text)


# a scoring rule cut right before its points (每低1%扣 | 0.5分)
_CUT_AFTER_POINTS_WORD = regex.compile(r"(?:扣|得|加|减)$")
_POINTS_ALONE = regex.compile(r"^\d+(?:\.\d+)?分[。；;，,]?$")
_FIGURES = regex.compile(r"\d(?:[\d,.]*)\s*(?:%|万?元|万?人|户|个|项|次)")
# the cells a qualitative row writes in words (好, 达标): its targets, its result and a reviewer's
_WORDED = {"other_target", "target", "actual", "review_actual"}
_BARE_POINTS = regex.compile(r"^\d{1,3}(?:\.\d{1,2})?$")


def _points_pair(taken: list) -> bool:
    """Are the row's values two bare points figures, the second no more than the first?"""
    return len(taken) == 2 and all(_BARE_POINTS.fullmatch(t.text.strip()) for t in taken) \
        and Decimal(taken[1].text) <= Decimal(taken[0].text)


def _points_closed(taken: list, value_slots: list) -> bool:
    """Have the row's 分值 and 得分, the header's last value columns, been taken, each written as
    points (20分, or cut from a run as points)? Then the row's values are all there."""
    return value_slots[-2:] == ["weight", "score"] and len(taken) >= 2 and all(x.unit == "分" for x in taken[-2:])


def _form_statement(text: str) -> bool:
    """Is a cell a statement of the form's own (自评总分：95分, 自评等级：优), not a row's reason?"""
    m = LABEL_COLON.match(text)
    return m is not None and bare(m.group(1)) in vocab()["score_cell"] | vocab()["grade_cell"]


def _word_columns_after_points(slots: list) -> int:
    """How many columns of words the header puts after its last value column (偏差原因分析, or
    完成可能性分析 | 偏差原因说明); none where it has no reason column."""
    if "reason" not in slots:
        return 0
    n = 0
    for slot in reversed(slots):
        if slot not in ("reason", "skip"):
            break
        n += 1
    return n

