"""Score tables that give every level its own weight: 一级指标 | 分值 | 二级指标 | 分值 |
三级指标 | 分值 | 得分 (the common indicator framework of project evaluations: 项目决策 20 ›
项目目标 4 › 目标内容 4 4). Where the shape keeps no columns (one cell a line, a line of
cells) the rows are a stream of names, each followed by its weight — and a leaf by its
weight and score. A name with one figure opens a group: the first level when its weight no
longer fits in what is left of the open first-level group, else the second. Only a tree
whose every group's weights add up to the group's own weight is trusted for the form's
sums. Where the header names three levels, the order of the stream says a group's level
(a first-level group is followed by a second-level one, a second-level one by its rows), so
a group whose parts miss its weight is the table's own slip: the group is kept in the form's
`level_weights` for the form rules. A mixin of FormReader (form_reader.py)."""
from __future__ import annotations

from decimal import Decimal

from .form_facts import value_of
from .form_indicators import units_from_cells
from .form_totals import LEVEL_SUBTOTAL
from .form_unit_cells import as_points
from .form_vocab import bare, is_scoring_rule, value_type, vocab


class WeightedLevelsReader:
    def _starts_weighted_levels(self, i: int) -> bool:
        """Is the indicator header at i one that gives each level a weight (一级指标 | 分值 | 二级指标 …)?"""
        v = vocab()
        nxt = self.tokens[i + 1:i + 3]
        if not (len(nxt) == 2 and v["ind_col"].get(bare(nxt[0].text)) == "weight" and bare(nxt[1].text) in v["ind_head"]):
            return False
        levels, j = 0, i
        while j < len(self.tokens) and (bare(self.tokens[j].text) in v["ind_head"] or bare(self.tokens[j].text) in v["ind_col"]):
            levels += bare(self.tokens[j].text) in v["ind_head"]
            j += 1
        self.weighted_depth = levels
        return True

    def _between_points(self) -> list:
        """The slots the header puts between a row's 分值 and its 得分 (年度指标值 | 实际完成值)."""
        slots = self.indicators.slots
        if "weight" not in slots or "score" not in slots:
            return []
        return [s for s in slots[slots.index("weight") + 1:slots.index("score")] if s in ("target", "actual")]

    def _values_before_points(self) -> list:
        """The value columns the header puts between a row's name and its 分值 (目标值 in 计量单位 |
        目标值 | 分值 …)."""
        slots = self.indicators.slots
        return [s for s in slots[:slots.index("weight")] if s in ("target", "other_target", "actual")] \
            if "weight" in slots else []

    def _before_points(self) -> int:
        """How many cells the header puts between a row's name and its 分值: its value columns
        there and the unit or comparator cells among them."""
        before = self._values_before_points()
        cells = [c for c, at in self.indicators.target_cells.items() if at <= len(before)]
        return len(before) + len(cells) if before else 0

    def _cells_before_points(self, j: int):
        """After a row's name at j - 1, in a header with cells before 分值: ({slot: cell}, the
        index of the 分值's token) where they are followed by a figure, else None."""
        order = sorted([(at, c) for c, at in self.indicators.target_cells.items()]
                       + list(enumerate(self._values_before_points())),
                       key=lambda x: (x[0], x[1] not in ("unit", "comparator")))
        cells = {}
        for _, slot in order[:self._before_points()]:
            k = self._next_filled(j)
            if k is None or value_type(self.tokens[k].text) in ("num", "pct") and slot in ("unit", "comparator"):
                return None
            cells[slot], j = self.tokens[k], k + 1
        k = self._next_filled(j)
        return (cells, k) if k is not None and _is_points(self.tokens[k]) else None

    def _cells_and_score(self, j: int):
        """After a row's weight at j - 1, in a header with target and result columns between 分值
        and 得分: ({slot: cell}, the score's token, the index after it) where the cells are
        followed by a figure, else None (the weight is a group's, a name follows it)."""
        cells = {}
        for slot in self._between_points():
            k = self._next_filled(j)
            if k is None:
                return None
            cells[slot], j = self.tokens[k], k + 1
        k = self._next_filled(j)
        if k is None or not _is_points(self.tokens[k]):
            return None
        return cells, as_points(self.tokens[k]), k + 1

    def _next_item(self, j: int):
        """What the stream holds at j: "group" (a name and one figure), "leaf" (a name and two),
        else None."""
        while j < len(self.tokens) and not self.tokens[j].text.strip():
            j += 1
        if j >= len(self.tokens) or value_type(self.tokens[j].text) or bare(self.tokens[j].text) in vocab()["total"] \
                or LEVEL_SUBTOTAL.match(bare(self.tokens[j].text)):
            return None  # (a 小计 or 合计 row says nothing of the level before it)
        if self._before_points():
            # (where each row writes cells before its 分值, a name with its 分值 right after it
            # is a group's)
            if (found := self._cells_before_points(j + 1)) is not None and self._cells_and_score(found[1] + 1):
                return "leaf"
            k = self._next_filled(j + 1)
            return "group" if k is not None and _is_points(self.tokens[k]) else None
        if self._between_points():
            k = self._next_filled(j + 1)
            if k is None or not _is_points(self.tokens[k]):
                return None
            return "leaf" if self._cells_and_score(k + 1) else "group"
        figures, k = 0, j + 1
        while k < len(self.tokens) and figures < 3:
            t = self.tokens[k]
            if figures == 1 and "skip" in self.indicators.slots and is_scoring_rule(t.text):
                k += 1  # the row's 评分标准 between its weight and its score
                continue
            if t.text.strip() and not _is_points(t):
                break
            figures += bool(t.text.strip())
            k += 1
        return {1: "group", 2: "leaf"}.get(figures)

    def _read_weighted_item(self, i: int) -> int:
        """One name of the stream and its figures; returns the index after them."""
        name = self.tokens[i]
        figures, cells = [], {}
        j = i + 1
        between = self._between_points()
        before = self._cells_before_points(j) if self._before_points() else None
        if before is not None and (found := self._cells_and_score(before[1] + 1)):
            # name | 计量单位 | 目标值 | 分值 | 实际值 | 得分 for a row
            cells, score, j = found
            cells.update(before[0])
            figures = [as_points(self.tokens[before[1]]), score]
            units_from_cells(cells, True)
        elif self._before_points():
            k = self._next_filled(j)  # name | 分值 for a group
            if k is not None and _is_points(self.tokens[k]):
                figures, j = [as_points(self.tokens[k])], k + 1
        elif between:
            # name | 分值 | target | result | 得分 for a row, name | 分值 for a group
            k = self._next_filled(j)
            if k is not None and _is_points(self.tokens[k]):
                found = self._cells_and_score(k + 1)
                figures, j = [as_points(self.tokens[k])], k + 1
                if found:
                    cells, score, j = found
                    figures.append(score)
        while j < len(self.tokens) and len(figures) < 2 and not between:
            t = self.tokens[j]
            if not t.text.strip() or (len(figures) == 1 and "skip" in self.indicators.slots
                                      and is_scoring_rule(t.text)):
                j += 1  # an empty cell of a `|` row, or the row's 评分标准 between its weight and score
                continue
            if not _is_points(t):
                break
            figures.append(as_points(t))
            j += 1
        text = name.text.strip()
        key = bare(text)
        header = key in vocab()["ind_head"] or key in vocab()["ind_col"]  # a header repeated overleaf
        if not figures or value_type(text) or header or any(value_of(f.text) > 100 for f in figures):
            return i + 1
        groups = self.weighted_groups
        extra = {"form": self.form["id"]}
        if len(figures) == 2 and value_of(figures[1].text) <= value_of(figures[0].text):
            path = [g["name"] for g in groups] + [text]
            row = {"path": path, "source": name.source(),
                   **{slot: self._indicator_value(cells[slot], slot, path) if slot in cells else None
                      for slot in ("target", "actual")}}
            for token, slot, label in ((figures[0], "weight", "分值"), (figures[1], "score", "得分")):
                fact = self.index.fact_for(token, "分", label, text, {**extra, "slot": slot, "indicator_path": path})
                row[slot] = fact.id if fact else None
            self.form["indicators"].append(row)
            if groups:
                groups[-1]["used"] += value_of(figures[0].text)
                groups[-1]["parts"].append(row["weight"])
            return self._after_reason(j)
        if len(figures) == 2:  # a score above its weight: not a row of this table
            return i + 1
        weight = value_of(figures[0].text)
        again = next((n for n, g in enumerate(groups) if g["name"] == text and g["weight"] == weight), None)
        if again is not None:
            # (an open group's merged cell written again on each of its rows, 决策 | 15 | … on every
            # row: a figure of the text, no group of its own)
            self.index.fact_for(figures[0], "分", "分值", text, {**extra, "slot": "level_weight", "level": again + 1,
                                                                "indicator_path": list(groups[again]["path"])})
            return j
        top = groups[0] if groups else None
        after = self._next_item(j) if self.weighted_depth == 3 else None
        # (the stream's order says the level where the header names three: a first-level
        # group has a second-level one after it, a second-level one its rows)
        certain = after == "group" or after == "leaf" and top is not None
        if certain:
            second = after == "leaf"
        else:
            second = top is not None and (len(groups) == 1 and top["used"] == 0
                                           or top["used_children"] + weight <= top["weight"])
        if second:
            self._close_weighted_group(1)
            top["used_children"] += weight
            level = 2
        else:
            self._close_weighted_group(0)
            level = 1
        self.path = [g["name"] for g in self.weighted_groups] + [text] + [None] * (1 - len(self.weighted_groups))
        fact = self.index.fact_for(figures[0], "分", "分值", text, {**extra, "slot": "level_weight", "level": level,
                                                                  "indicator_path": list(self.path[:level])})
        if level == 2:
            top["parts"].append(fact.id if fact else None)
        self.weighted_groups.append({"name": text, "weight": weight, "used": Decimal(0), "used_children": Decimal(0),
                                     "fact": fact.id if fact else None, "parts": [], "certain": certain,
                                     "path": list(self.path[:level])})
        return j

    def _after_reason(self, j: int) -> int:
        """Where the stream goes on after a row whose header ends in a reason column (扣分原因):
        past the row's reason, a dash or words followed by a row or group of the stream (未达
        目标值 | 救助资金社会化发放率 | % | 100 …), not at words that are the next row's name."""
        k = self._next_filled(j)
        if "reason" not in self.indicators.slots or k is None:
            return j
        kind = value_type(self.tokens[k].text)
        if kind == "na" or kind is None and self._next_item(k + 1) is not None \
                and bare(self.tokens[k].text) not in vocab()["total"]:
            return k + 1
        return j

    def _close_weighted_group(self, depth: int) -> None:
        """Close the groups from `depth` down; one whose parts do not add up to its weight
        (a name misread, a row left out) leaves the form's sums unchecked."""
        while len(self.weighted_groups) > depth:
            g = self.weighted_groups.pop()
            parts = g["used"] if g["used_children"] == 0 else g["used_children"]
            if g["certain"] and g["fact"] and g["parts"] and all(g["parts"]):
                # the order said the level: the group and its parts for the form rules, which
                # flag a group its parts miss
                self.form.setdefault("level_weights", []).append(
                    {"path": g["path"], "weight": g["fact"], "parts": g["parts"]})
            elif parts != g["weight"]:
                self.form["unread_rows"] += 1


def _is_points(token) -> bool:
    """A figure, or points written with their 分 (20分): a 分值 or 得分 of the stream."""
    return value_type(as_points(token).text) == "num"
