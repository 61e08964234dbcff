"""A score table's total row under any name the forms' vocabulary gives it (合计, 总分, 得分合计,
自评总分, 总得分 …) is the table's total, not one more row under the last indicator's names.
Tables written for the test, with invented names and figures."""
from __future__ import annotations

import pytest

from conftest import text_record

_TABLE = """某县2024年度农村饮水安全项目绩效评价得分表
序号  一级指标  二级指标  三级指标  分值  得分
1  产出指标  数量指标  新建供水工程处数  40  38
2  效益指标  社会效益指标  受益人口覆盖率  30  30
3  满意度指标  服务对象满意度指标  群众满意度  30  29
{total}  100  {sum}
"""
_NAMES = ["合计", "总分", "得分合计", "自评总分", "总得分", "合 计"]


@pytest.mark.parametrize("total", _NAMES)
def test_a_total_row_under_any_name_is_the_total(tmp_path, total):
    record = text_record(tmp_path, _TABLE.format(total=total, sum="97"))
    rows = [i for i in record["indicators"] if not i.get("total")]
    assert [i["path"][-1] for i in rows] == ["新建供水工程处数", "受益人口覆盖率", "群众满意度"]
    assert [str(i["score"]) for i in rows] == ["38", "30", "29"]
    assert [str(i["score"]) for i in record["indicators"] if i.get("total")] == ["97"]
    assert not [f for f in record["flags"] if f["severity"] == "error"]


@pytest.mark.parametrize("total", _NAMES)
def test_a_total_its_rows_do_not_give_is_flagged_whatever_its_name(tmp_path, total):
    record = text_record(tmp_path, _TABLE.format(total=total, sum="99"))  # 38 + 30 + 29 = 97
    assert [f for f in record["flags"] if f["rule"] == "score.tree" and f["severity"] == "error"]
