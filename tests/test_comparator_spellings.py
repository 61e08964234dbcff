"""A target's comparator in any spelling the vocabulary lists (≥, >=, 不低于, 大于等于 …): a
bare figure after it is one cell, not a target and a result run together. The form is
written for the test, with invented names and figures."""
from decimal import Decimal

import pytest

from conftest import text_record

_FORM = """2023年度农村人居环境整治项目支出绩效自评表
一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |
产出指标 | 数量指标 | 新建示范村数量 | {cmp}4 | 4 | 10 | 10 | |
改造农户厕所数量 | {cmp}2000 | 3061 | 10 | 10 | |
新建中心村数量 | {cmp}10 | 10 | 10 | 10 | |
"""


@pytest.mark.parametrize("cmp", ["≥", ">=", "＞＝", "不低于", "大于等于"])
def test_a_bare_target_after_any_comparator_spelling_is_one_cell(tmp_path, cmp):
    record = text_record(tmp_path, _FORM.format(cmp=cmp), "comparators.txt")
    rows = {i["path"][-1]: i for i in record["forms"][0]["indicators"]}
    assert list(rows) == ["新建示范村数量", "改造农户厕所数量", "新建中心村数量"]
    row = rows["改造农户厕所数量"]
    assert (row["target"]["comparator"], row["target"]["value"], row["actual"]["value"]) == (">=", Decimal(2000),
                                                                                          Decimal(3061))
