"""Score tables that weight every level (一级指标 | 分值 | 二级指标 | 分值 | 三级指标 | 分值 | 得分)
written one cell a line: the order of the stream says each group's level, so a group whose
parts miss its weight is the table's own slip, flagged once. Written for the test; names and
figures invented."""
from __future__ import annotations

import pytest

from conftest import text_record

_HEAD = ["附表：绩效自评评分表", "一级指标", "分值", "二级指标", "分值", "三级指标", "分值", "得分"]


def _table(funds_weight: str = "8", benefit_weight: str = "30") -> str:
    rows = [
        ["决策", "20", "项目立项", "6", "立项依据充分性", "3", "3"],
        ["立项程序规范性", "3", "3"],
        ["绩效目标", "6", "绩效目标合理性", "3", "2.5"],
        ["绩效指标明确性", "3", "3"],
        ["资金投入", funds_weight, "预算编制科学性", "4", "3.5"],
        ["资金分配合理性", "4", "4"],
        ["过程", "20", "资金管理", "12", "资金到位率", "6", "6"],
        ["预算执行率", "6", "5"],
        ["组织实施", "8", "制度执行有效性", "8", "7"],
        ["产出", "30", "产出数量", "15", "养护里程完成率", "15", "15"],
        ["产出质量", "15", "路况优良率", "15", "13"],
        ["效益", benefit_weight, "社会效益", "20", "群众出行便利度", "20", "19"],
        ["满意度", "10", "沿线群众满意度", "10", "9"],
        ["合计", "100", "93"],
    ]
    return "\n".join(_HEAD + [cell for row in rows for cell in row]) + "\n"


def _errors(record):
    return [f for f in record["flags"] if f["severity"] == "error"]


def test_a_table_whose_levels_add_up_raises_nothing(tmp_path):
    record = text_record(tmp_path, _table())
    form = record["forms"][0]
    assert len(form["indicators"]) == 13 and form["unread_rows"] == 0
    assert not _errors(record)


def test_a_second_level_weight_its_rows_miss_is_one_flag_naming_its_parent_too(tmp_path):
    # 资金投入 6 over 4 + 4; 决策 20 then over 6 + 6 + 6 = 18: one slip
    [flag] = _errors(text_record(tmp_path, _table(funds_weight="6")))
    assert "资金投入分值6分与其下各项分值之和8分不符" in flag["message"]
    assert "决策分值20分因此与其下各项之和18分亦不符" in flag["message"]


@pytest.mark.parametrize("weight, summed", [("35", "30"), ("25", "30")])
def test_a_first_level_weight_its_groups_miss_is_flagged(tmp_path, weight, summed):
    # 效益 over 社会效益 20 + 满意度 10 = 30
    [flag] = _errors(text_record(tmp_path, _table(benefit_weight=weight)))
    assert f"效益分值{weight}分与其下各项分值之和{summed}分不符" in flag["message"]
