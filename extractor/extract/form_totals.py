"""The points a form's total, subtotal and level rows state (总分 | 100 | 96.5, 小计, 决策（20分）):
read into the form's total slots. A mixin of FormReader (form_reader.py)."""
from __future__ import annotations

from typing import Optional

import regex

from .form_facts import value_of
from .form_glued import leading_scores
from .form_tokens import Token
from .form_unit_cells import as_points
from .form_vocab import LABEL_COLON, bare, is_na, is_score_figure, value_type, vocab
from .form_targets import looks_like_target

# a level's 小计 row, its level named or not (小计, 效益指标小计)
LEVEL_SUBTOTAL = regex.compile(r"^(?P<level>\p{Han}{2,8}?)?\s*小\s*计$")
_YEAR = regex.compile(r"(?:19|20)\d{2}")


class TotalRowReader:
    def _read_total(self, i: int) -> int:
        nums, end = self._total_figures(i)
        if not nums:
            return i + 1
        if len(nums) >= 2 and self._review_last():
            # 总分 | 98 | 97 under 自评分 | 复核分: the reviewer's total after the form's own
            fact = self.index.fact_for(nums[-1], "分", "复核分", "总分", {"form": self.form["id"], "slot": "total_review"})
            self.form["total_review"] = fact.id if fact else None
            nums = nums[:-1]
        if len(nums) >= 3 and self._deduction_at() == 1:
            # 总分 | 100 | 11.05 | 88.95 under 分值 | 扣分 | 得分: the deductions' total between
            self.index.fact_for(nums[-2], "分", "扣分", "总分", {"form": self.form["id"], "slot": "total_deduction"})
            nums = nums[:-2] + nums[-1:]
        elif len(nums) == 3 and self._deduction_at() == 2:
            # 总分 | 100 | 97.9 | 2.1 under 分值 | 得分 | 扣减分数: the deductions' total after
            self.index.fact_for(nums[-1], "分", "扣分", "总分", {"form": self.form["id"], "slot": "total_deduction"})
            nums = nums[:-1]
        if len(nums) >= 2 and self._score_before_weight():
            self._set_total(nums[-1], nums[-2], self.tokens[i].text)  # … | 得分 | 分值: 合计 | 98 | 100
            nums = nums[:-2] + [nums[-1], nums[-2]]
        elif self._weights_only(nums) and bare(self.tokens[i].text) not in vocab()["score_cell"]:
            # 总分 | 100 | (blank or —) under 分值 | 得分: the weights' total, the score not written
            # (自评总分 | 100 names the score: full marks)
            fact = self.index.fact_for(nums[0], "分", "分值", "总分", {"form": self.form["id"], "slot": "total"})
            self.form["total_weight"] = fact.id if fact else None
            return end
        else:
            self._set_total(nums[-2] if len(nums) >= 2 else None, nums[-1], self.tokens[i].text)
        for weight in nums[:-2]:  # the first level's weights added up, before the last level's
            self.index.fact_for(weight, "分", "分值", "总分", {"form": self.form["id"], "slot": "total_level_weight"})
        if end < len(self.tokens) and self._grade_word(self.tokens[end].text):
            return self._read_grade(end)
        return end

    def _review_last(self) -> bool:
        """Is a reviewer's score column (复核分) the header's last column of points?"""
        slots = self.indicators.slots if self.indicators is not None else []
        points = [s for s in slots if s in ("weight", "deduction", "score", "raw_score", "review_score")]
        return bool(points) and points[-1] == "review_score"

    def _deduction_at(self) -> Optional[int]:
        """Where the indicator header puts a 扣分 column among 分值 and 得分: 1 between them (分值 |
        扣分 | 得分), 2 after them (分值 | 得分 | 扣减分数); None without one."""
        slots = self.indicators.slots if self.indicators is not None else []
        points = [s for s in slots if s in ("weight", "deduction", "score")]
        return {("weight", "deduction", "score"): 1, ("weight", "score", "deduction"): 2}.get(tuple(points))

    def _read_subtotal(self, i: int) -> int:
        """A level's 小计 row: its 分值 and 得分 are facts, but no indicator (the rows above
        it are, and the form's total adds those up)."""
        nums, end = self._total_figures(i)
        named = LEVEL_SUBTOTAL.match(bare(self.tokens[i].text)).group("level")  # 效益指标小计
        level = named or next((p for p in self.path if p), "小计")
        points = nums[-2:]  # its 分值 and 得分, or its 得分 alone
        if len(points) == 2 and self._score_before_weight():
            points.reverse()
        subtotal = {"level": level, "after_rows": len(self.form["indicators"]), "unread_before": self.form["unread_rows"]}
        labels = [("分值", "weight"), ("得分", "score")][-len(points):] if points else []
        for token, (label, key) in zip(points, labels):
            fact = self.index.fact_for(token, "分", label, level, {"form": self.form["id"], "slot": "subtotal"})
            subtotal[key] = fact.id if fact else None
        self.form.setdefault("subtotals", []).append(subtotal)
        if named:
            self.path = [None, None]  # (the level's rows end with it)
        return max(end, i + 1)

    def _read_level_points(self, i: int) -> int:
        """A first-level name with its own 分值 and 得分 before its rows (投入 | 20 | 18 | 项目立项
        …), in a shape without columns: its points are facts, it is no indicator (its rows are)."""
        name, pair, after = self.tokens[i], self.tokens[i + 1:i + 3], self.tokens[i + 3:i + 4]
        if (name.positional or len(pair) < 2 or not after
                or any(value_type(as_points(p).text) != "num" or value_of(as_points(p).text) > 100 for p in pair)
                or value_type(after[0].text) or looks_like_target(after[0].text)):
            return i + 1
        made = [self.index.fact_for(as_points(token), "分", label, self.path[0], {"form": self.form["id"], "slot": "level_points"})
                for token, label in zip(pair, ("分值", "得分"))]
        if all(made) and self.indicators is not None and self.indicators.first_level_points:
            # (the rows that follow, up to the next level's, are its parts)
            self.level_opened = (self.path[0], {"group_weights": {0: made[0].id}, "group_scores": {0: made[1].id}})
        return i + 3

    def _weights_only(self, nums: list) -> bool:
        """Is a total row's one figure, 100, its 分值 alone (the header has both 分值 and 得分)?"""
        slots = self.indicators.slots if self.indicators is not None else []
        return (len(nums) == 1 and "weight" in slots and "score" in slots and value_type(nums[0].text) == "num"
                and value_of(nums[0].text) == 100)

    def _score_before_weight(self) -> bool:
        """Does the indicator header put 得分 before 分值 (… | 得分 | 分值 | 扣分原因)? Its total
        and subtotal rows then write them in that order too."""
        slots = self.indicators.slots if self.indicators is not None else []
        return "score" in slots and "weight" in slots and slots.index("score") < slots.index("weight")

    def _total_figures(self, i: int) -> tuple:
        """The score figures of the total row whose label is at i, and where the row ends."""
        head = self.tokens[i]
        if head.positional:
            end = i + 1  # the row's cells, up to a grade label written in it (… | 自评等级 | 优)
            while (end < len(self.tokens) and self.tokens[end].line == head.line
                   and not _names_the_grade(self.tokens[end].text)):
                end += 1
            nums = [t for t in self.tokens[i + 1:end] if is_score_figure(t.text)]
        else:
            nums, end = [], i + 1
            # a table that weights every level may total each level's weights (一级指标 | 分值 |
            # 二级指标 | 分值 | 三级指标 | 分值 | 得分: 合计 | 100 | 100 | 100 | 79), before its score
            most = 2 + (max(self.weighted_depth - 1, 1) if self.weighted_levels else 0) \
                + (self._deduction_at() is not None) + self._review_last()
            while end < len(self.tokens) and len(nums) < most:
                if is_na(self.tokens[end].text) and not nums:
                    end += 1  # 总分 | — | 100 | 96.6: a column the total row does not fill
                    continue
                if not is_score_figure(self.tokens[end].text) or _YEAR.fullmatch(self.tokens[end].text.strip()):
                    break  # (nor a year: 总分:83 | 2020年度, the next form's head)
                if not nums and len(split := leading_scores(self.tokens[end])) == 2:
                    # 总分10098.69: 分值 100 and 总分 98.69 run together (no total is above 100)
                    nums, end = split, end + 1
                    break
                nums.append(self.tokens[end])
                end += 1
            if not nums and end < len(self.tokens):
                nums = leading_scores(self.tokens[end])  # 总分100100注：… | 自评总分(分)97.6部门联系人
        return nums, end

    def _budget_points_make_up(self, score: Token) -> bool:
        """Does the fund block's 得分 make this score up to the total the form's head states
        (88.5 + 9.93 = 98.43)?"""
        head = self.index.by_id(self.form["total_score"])
        budget = next((row["cells"].get("得分") for row in self.form["funds"] if row["slot"] == "total"), None)
        budget = self.index.by_id(budget) if budget else None
        return head is not None and budget is not None and value_of(score.text) + budget.value == head.value

    def _set_total(self, weight: Optional[Token], score: Token, label: str = "") -> None:
        """The total row's 分值 (when written) and 总分. A second total row in one form is
        another form's (a second project's table run on in the same grid): its figures are
        facts, but the form keeps the total its own rows were read against."""
        extra = {"form": self.form["id"], "slot": "total"}
        if self._total_row_read:
            for token, label in ((weight, "分值"), (score, "总分")):
                if token is not None:
                    self.index.fact_for(token, "分", label, "总分", {"form": self.form["id"], "slot": "later_total"})
            return
        if self.form["total_score"] is not None and self.indicators is not None and (
                weight is not None and value_of(weight.text) < _WHOLE or _INDICATORS_ONLY.match(bare(label))
                or self._budget_points_make_up(score)):
            # 合计 | 90 | 79.42 (or 指标得分合计 | 88.5, or a 合计 that the budget's 得分 makes up to it)
            # under the indicators, the head's 自评总分 the whole form's (its budget's 10 points
            # besides): the row totals the indicators only
            for token, name in ((weight, "分值"), (score, "得分")):
                if token is not None:
                    self.index.fact_for(token, "分", name, "总分", {"form": self.form["id"], "slot": "indicators_total"})
            self._total_row_read = True
            return
        # (a score in the form's head, 项目自评得分, is the total until the total row gives its own)
        self._total_row_read = self.indicators is not None
        if weight is not None:
            fact = self.index.fact_for(weight, "分", "分值", "总分", extra)
            self.form["total_weight"] = fact.id if fact else None
        fact = self.index.fact_for(score, "分", "总分", "总分", extra)
        self.form["total_score"] = fact.id if fact else None


_WHOLE = 100
_INDICATORS_ONLY = regex.compile(r"(?:绩效)?指标(?:得分)?(?:合计|小计)")


def _names_the_grade(text: str) -> bool:
    """Is the cell the grade's label, alone (自评等级) or with the grade after its colon (自评等级：优)?"""
    m = LABEL_COLON.match(text)
    return bare(m.group(1) if m else text) in vocab()["grade_cell"]
