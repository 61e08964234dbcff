"""Indicator rows whose names a text layer moved away from their values (a PDF export that writes
a row's cells column by column: 37442人 3 3 | =100% 100% 10 10): a run of one or two figures
with their units, then 分值 and 得分, is read as a row's points without placing the row; and
100 with a score right after such runs is the total row's. A mixin of IndicatorBlockReader
(form_indicators.py)."""
from __future__ import annotations

from .form_facts import value_of
from .form_unit_cells import as_points
from .form_vocab import value_type
from .form_targets import parse_target


class NamelessRows:
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


def _with_unit(text: str) -> bool:
    """A target or result written with its unit or comparator (≥95%, 37442人, 14种), not bare."""
    comparator, value, unit = parse_target(text)
    return value is not None and (unit is not None or comparator is not None)
