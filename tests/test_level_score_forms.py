"""Department forms whose indicator header gives the first level its own 分值 and 得分 before the
rows' columns (一级指标 | 分值 | 得分 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |
偏差原因): the level's 得分 is the group's, not the rows' score column, and the total row's two
figures are 分值 then 得分. Names and figures invented."""
from __future__ import annotations

import pytest

from conftest import text_record
from test_level_points_forms import _errors, _record as _shaped_record

HEADER = ["一级指标", "分值", "得分", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析"]


def _rows(output_score="27", total_score="87.5"):
    return [
        ["部门整体支出绩效自评表"],
        ["部门（单位）名称", "某县民政局"],
        HEADER,
        ["决策", "20", "18", "目标设定", "绩效目标合理性", "合理", "合理", "10", "10", ""],
        ["", "", "", "预算配置", "财政供养人员控制率", "≤100%", "97.2%", "10", "8", "超编两人"],
        ["过程", "30", "28", "预算执行", "预算执行率", "≥95%", "96.4%", "15", "15", ""],
        ["", "", "", "财务管理", "资金使用合规性", "合规", "基本合规", "15", "13", "个别凭证不全"],
        ["产出", "30", output_score, "数量指标", "低保对象救助人数", "≥4200人", "4315人", "15", "15", ""],
        ["", "", "", "时效指标", "救助资金发放及时率", "100%", "91%", "15", "12", "个别月份延迟"],
        ["效益", "20", "14.5", "社会效益", "困难群众基本生活保障", "有效保障", "基本保障", "10", "7.5", "标准偏低"],
        ["", "", "", "满意度", "救助对象满意度", "≥90%", "86%", "10", "7", "宣传不足"],
        ["总分", "100", total_score, "", "", "", "", "", "", ""],
        ["自评等级", "良"],
    ]


def _markdown(rows) -> str:
    """The form as a Markdown table: every row as wide as the widest, its empty cells kept."""
    width = max(len(r) for r in rows)
    body = ["| " + " | ".join(r + [""] * (width - len(r))) + " |" for r in rows[1:]]
    return "\n".join([rows[0][0], body[0], "|" + "---|" * width] + body[1:]) + "\n"


def _record(tmp_path, rows, shape):
    return text_record(tmp_path, _markdown(rows)) if shape == "markdown" else _shaped_record(tmp_path, rows, shape)


SHAPES = ["pipe", "markdown", "spaced", "cells", "docx", "xlsx"]


@pytest.mark.parametrize("shape", SHAPES)
def test_the_level_score_is_the_group_s_and_a_clean_form_raises_nothing(tmp_path, shape):
    record = _record(tmp_path, _rows(), shape)
    assert not _errors(record), [f["message"] for f in _errors(record)]
    [form] = record["forms"]
    facts = {f["id"]: f for f in record["facts"]}
    rows = {r["path"][-1]: r for r in form["indicators"]}
    # every row has its own 分值 and 得分, from the columns after its target and result
    assert float(facts[rows["财政供养人员控制率"]["score"]]["value"]) == 8
    assert float(facts[rows["资金使用合规性"]["score"]]["value"]) == 13
    assert float(facts[rows["救助对象满意度"]["weight"]]["value"]) == 10
    # the total row: 分值 100 then 得分 87.5, not the other way round
    assert facts[form["total_weight"]]["value"] == 100
    assert float(facts[form["total_score"]]["value"]) == 87.5
    # the groups' own 得分 are facts, each with its rows
    groups = {g["path"][0]: g for g in form["level_scores"]}
    if shape in ("markdown", "docx", "xlsx"):  # (cells in their columns: 满意度 is 效益's second level)
        assert rows["救助对象满意度"]["path"] == ["效益", "满意度", "救助对象满意度"]
        assert rows["财政供养人员控制率"]["path"][1] == "预算配置"
        assert float(facts[groups["效益"]["score"]]["value"]) == 14.5
    assert float(facts[groups["产出"]["score"]]["value"]) == 27
    assert len(groups["过程"]["parts"]) == 2


@pytest.mark.parametrize("shape", SHAPES)
def test_a_level_score_off_its_rows_is_a_score_tree_error(tmp_path, shape):
    record = _record(tmp_path, _rows(output_score="29", total_score="89.5"), shape)
    [flag] = _errors(record)
    assert flag["rule"] == "score.tree"
    assert "产出" in flag["message"] and "29" in flag["message"] and "27" in flag["message"]


@pytest.mark.parametrize("shape", SHAPES)
def test_a_total_off_its_rows_is_a_form_score_total_error(tmp_path, shape):
    record = _record(tmp_path, _rows(total_score="86.5"), shape)
    [flag] = _errors(record)
    assert flag["rule"] == "form.score_total"
    assert "86.5" in flag["message"] and "87.5" in flag["message"]
