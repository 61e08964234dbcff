"""Where a cell stands against the indicator header in a form read by column, and which cells
are names: a line shorter or longer than the header line (a merged label written once) is
counted from the right, a cell is placed in the 三级指标 column or a level column, a name may
fill the level columns too, and a name is told from a target, a result, a level's points and a
deadline. A mixin of IndicatorBlockReader (form_indicators.py)."""
from __future__ import annotations

from typing import Optional

import regex

from ..ingest.tables import NUMBER_HEADERS
from .form_tokens import Token
from .form_worded_cells import COMPARATOR_MARKS, DEADLINE
from .form_vocab import bare, is_label, value_type, vocab
from .form_targets import parse_target


class IndicatorColumns:
    def _header_shift(self, t: Token) -> int:
        """How many cells longer than the header line t's line is (a merged label written once: fewer),
        counting the cells each line wrote."""
        return self.written_lens.get(t.line, 0) - self.indicators.written_len

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
        if bare(text) in NUMBER_HEADERS:
            return False  # (序号 written again over a second record on the line names no row: 序号 | 一级指标 … 1 | 投入 …)
        if is_label(bare(text)) and not (self._in_name_column(t) or self._in_level_column(t)):
            return False  # a form's word (资金到位率 names a fund column too) is a name only where names stand
        comparator, value, unit = parse_target(text)
        if value is not None and (comparator is not None or unit in vocab()["indicator_units"]):
            return False  # a target or a result (≥3000人, 97%), not a name
        if comparator is not None and DEADLINE.match(text.lstrip(COMPARATOR_MARKS)):
            return False  # a deadline as a target (≤2023年12月)
        return bare(text) not in vocab()["grade"]


_LEVEL_POINTS = regex.compile(r"^[（(]\s*\d+(?:\.\d+)?\s*分\s*[)）]$")
