"""Forms whose indicator header gives every level its own 分值 column and keeps the row's target
and result between its 分值 and 得分 (一级指标 | 分值 | 二级指标 | 分值 | 三级指标 | 分值 | 年度指标值 |
实际完成值 | 得分), in the shapes text and tables reach us in. Names and figures invented."""
from __future__ import annotations

import pytest

from extractor.pipeline import extract_file

from conftest import text_record
from test_forms import _docx, _render_text, _xlsx

HEADER = ["一级指标", "分值", "二级指标", "分值", "三级指标", "分值", "年度指标值", "实际完成值", "得分"]


def _rows(social_weight="15", social_rows=("10", "5")):
    return [
        ["项目支出绩效自评表"],
        ["项目名称", "某县2019年林下经济扶持资金"],
        ["主管部门", "某县林业局", "实施单位", "某县林业技术推广站"],
        HEADER,
        ["产出指标", "50", "数量指标", "30", "扶持种植面积", "15", "≥2000亩", "2150亩", "15"],
        ["", "", "", "", "培训林农人数", "15", "≥600人", "640人", "15"],
        ["", "", "质量指标", "20", "种苗成活率", "20", "≥85%", "88.5%", "20"],
        ["效益指标", "40", "经济效益指标", "15", "带动户均增收", "15", "≥2000元", "2300元", "15"],
        ["", "", "社会效益指标", social_weight, "带动脱贫户", social_rows[0], "≥150户", "162户", social_rows[0]],
        ["", "", "", "", "管护机制", social_rows[1], "健全", "基本健全", "4"],
        ["", "", "可持续影响指标", "10", "林地管护率", "10", "≥90%", "93%", "10"],
        ["满意度指标", "10", "服务对象满意度指标", "10", "林农满意度", "10", "≥90%", "94%", "10"],
        ["总分", "100", "", "", "", "", "", "", "99"],
    ]


def _record(tmp_path, rows, shape):
    if shape == "docx":
        return extract_file(_docx(tmp_path, rows))
    if shape == "xlsx":
        return extract_file(_xlsx(tmp_path, rows))
    return text_record(tmp_path, _render_text(rows, shape))


def _errors(record, rule=None):
    return [f for f in record["flags"] if f["severity"] in ("error", "warning") and (rule is None or f["rule"] == rule)]


SHAPES = ["pipe", "cells", "spaced", "docx", "xlsx"]


@pytest.mark.parametrize("shape", SHAPES)
def test_every_level_weight_is_a_score_and_a_clean_form_raises_nothing(tmp_path, shape):
    record = _record(tmp_path, _rows(), shape)
    assert not _errors(record), [f["message"] for f in _errors(record)]
    [form] = record["forms"]
    rows = {r["path"][-1]: r for r in form["indicators"]}
    assert set(rows) >= {"扶持种植面积", "种苗成活率", "管护机制", "林农满意度"}
    facts = {f["id"]: f for f in record["facts"]}
    assert float(facts[rows["管护机制"]["weight"]]["value"]) == 5
    assert float(facts[rows["管护机制"]["score"]]["value"]) == 4
    assert rows["林地管护率"]["target"] and rows["林地管护率"]["actual"]  # (between 分值 and 得分)
    # the groups' points are read, none of them as a row's
    groups = {tuple(g["path"]) for g in form.get("level_weights") or []}
    assert ("效益指标", "社会效益指标") in groups and ("产出指标",) in groups


@pytest.mark.parametrize("shape", SHAPES)
def test_a_group_weight_its_rows_exceed_is_one_score_tree_flag(tmp_path, shape):
    # 社会效益指标 15 over rows of 10 and 10: the group's slip; the 分值 sum (105 against 100)
    # is off by just that, so it is not flagged a second time
    record = _record(tmp_path, _rows(social_rows=("10", "10")), shape)
    flags = _errors(record)
    assert [f["rule"] for f in flags] == ["score.tree"], [f["message"] for f in flags]
    assert "社会效益指标" in flags[0]["message"] and "20分" in flags[0]["message"]
