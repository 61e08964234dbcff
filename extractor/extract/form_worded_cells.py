"""A row's target and result written in words (合理 | 合理, 按时完成, 2022年12月底前) in shapes
that keep no empty cells: which words are such a cell rather than a row's name, and where a
worded target and result stand, the points that close their row right after them. A mixin of
FormReader (form_reader.py), asked by TypedRowReader (form_typed_rows.py)."""
from __future__ import annotations

import regex

from .form_facts import value_of
from .form_unit_cells import as_points
from .form_vocab import bare, is_label, is_scoring_rule, value_type, vocab
from .form_targets import looks_like_target


class WordedCellReader:
    def _qualitative_pair_at(self, k: int) -> bool:
        """Do a qualitative target and result start at k, the row's points right after them
        (按时完成 | 按时完成 | 10 | 10)? A form's word (过程, 预算执行) opens no such pair."""
        # (a words column the header puts after the result, 评分标准, stands before the points)
        words = 1 if self._words_column_after(2) else 0
        pair = self.tokens[k:k + 4 + words]
        if not {"target", "actual"} & set(self.indicators.slots):
            return False  # a form of points only has no such cells
        if len(pair) < 4 + words or any(t.positional for t in pair):
            return False
        target, actual, weight = pair[0], pair[1], pair[2 + words]
        after = self.tokens[k + 1:k + 5 + words]
        if len(after) == 4 + words and all(value_type(as_points(t).text) for t in after):
            return False  # 津贴发放月数 | 12 | 12 | 5 | 5: a row's name and its four figures
        return (not is_label(bare(target.text)) and short_result(target.text)
                and (value_type(actual.text) or looks_like_target(actual.text)
                     or (not is_label(bare(actual.text)) and short_result(actual.text)))
                and value_type(as_points(weight).text) == "num")

    def _worded_pair_at(self, k: int) -> bool:
        """Do a worded target and a worded result stand at k, the row's two points right after
        them (合理 | 合理 | 10 | 10)?"""
        cells = [as_points(t).text for t in self.tokens[k:k + 4]]
        if len(cells) < 4 or not all(value_type(c) == "num" for c in cells[2:]):
            return False
        # (longer words, a clause or two, where the points after them close a row: 保障项目用地、
        # 盘活存量土地 | 存量土地盘活进度偏慢 | 5 | 4.5)
        closes = 0 <= value_of(cells[3]) <= value_of(cells[2]) <= 100
        return all(_HAN.search(c) and not value_type(c) and not looks_like_target(c)
                   and (short_result(c) or closes and len(c.strip()) <= _LONGEST_WORDED and not is_scoring_rule(c))
                   and not is_label(bare(c)) and bare(c) not in vocab()["indicator_units"]
                   and not _UNIT_ALONE.fullmatch(c.strip()) for c in cells[:2])

    def _clause_pair_at(self, k: int) -> bool:
        """A worded target written as a clause or a list (保障项目用地、盘活存量土地), or words no
        row's name is written with, and its result at k, the points that close their row after them."""
        text = self.tokens[k].text
        return (_CLAUSE_MARK.search(text) is not None or not _NAME_MARK.search(text)) and self._worded_pair_at(k)


_HAN = regex.compile(r"\p{Han}")  # (a comparator's cell, ≥, is no worded target)
_LONGEST_WORDED = 30  # characters of a worded target or result before points that close its row
_CLAUSE_MARK = regex.compile(r"[、，,；;]")
_NAME_MARK = regex.compile(r"[\d:：（(]")  # (指标2:宣传合格率, 租车次数(次): a row's name, numbered or with its unit)


# a comparator written before a figure or a deadline (≥95%, ≤2023年12月)
COMPARATOR_MARKS = "≤≥<>=＜＞"
# a deadline written as a target or result (2022年12月底前, 12月31日前完成)
DEADLINE = regex.compile(r"^\d{2,4}年(?:\d{1,2}月)?(?:\d{1,2}日)?(?:底|末|[上中下]旬)?(?:前|内|之前)?(?:完成)?$|^\d{1,2}月(?:\d{1,2}日|底|末|[上中下]旬)(?:前|内|之前)?(?:完成)?$")


def short_result(text: str) -> bool:
    """A qualitative target or result (达标, 良好, 按时完成, 2022年12月底前), not a name, nor
    the unit a name states in brackets on a line of its own (（人）)."""
    text = text.strip()
    if _UNIT_ALONE.fullmatch(text):
        return False
    return len(text) <= 8 or DEADLINE.match(text.lstrip(COMPARATOR_MARKS)) is not None  # ≤2023年12月 too


_UNIT_ALONE = regex.compile(r"[（(][^（）()\d]{1,8}[)）]")
