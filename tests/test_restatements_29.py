"""What the twenty-ninth session found in the probe rounds' restatements: a report whose prose
restates its annexed form's indicator with another value (…利用率达到81.6% where the form's row
writes 86.1%). Every text here is made up for the tests."""
import pytest

from conftest import text_record

_HEAD = "东岭县2023年度林业生态修复资金绩效自评报告\n一、项目概况\n全年安排资金860.00万元，实际支出842.80万元，执行率98%。\n"
_PROSE = "二、绩效目标完成情况\n全县{}，新造林面积2.4万亩。\n"
_PIPE_FORM = ("附件：项目支出绩效自评表\n"
              "| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |\n"
              "| 产出指标 | 数量指标 | 培训林农人次 | ≥3000人次 | 3240人次 | 20 | 20 |\n"
              "| 效益指标 | 生态效益指标 | 苗木成活率（%） | ≥85% | {} | 20 | 20 |\n"
              "| 满意度指标 | 服务对象满意度指标 | 林农满意度 | ≥90% | 95% | 10 | 10 |\n")
_CELLS_FORM = ("附件\n项目支出绩效自评表\n一级指标\n二级指标\n三级指标\n年度指标值\n实际完成值\n分值\n得分\n"
               "产出指标\n数量指标\n培训林农人次\n≥3000人次\n3240人次\n20\n20\n"
               "效益指标\n生态效益指标\n苗木成活率\n≥85%\n{}\n20\n20\n")


def _restatement_flags(tmp_path, prose: str, actual: str, form: str = _PIPE_FORM) -> list:
    record = text_record(tmp_path, _HEAD + _PROSE.format(prose) + form.format(actual))
    return [f for f in record["flags"] if f["rule"] == "repeat.conflict"]


@pytest.mark.parametrize("form", [_PIPE_FORM, _CELLS_FORM], ids=["pipe", "cells"])
@pytest.mark.parametrize("prose", ["苗木成活率达到81.6%", "苗木成活率为81.6%", "当年栽植苗木成活率81.6%"])
def test_an_indicators_actual_restated_otherwise_is_flagged(tmp_path, prose, form):
    [flag] = _restatement_flags(tmp_path, prose, "86.1%", form)
    assert flag["severity"] == "warning"
    assert "81.6%" in flag["message"] and "86.1%" in flag["message"] and "4.5个百分点" in flag["message"]
    assert len(flag["evidence"]) == 2


@pytest.mark.parametrize("prose", [
    "苗木成活率达到86.1%",            # the same value
    "苗木成活率达到86%",              # the same value rounded
    "苗木成活率目标为85%",            # the target, worded as such
    "苗木成活率较上年提高4.5%",        # a change
    "2022年苗木成活率为81.6%",        # another year's
    "苗木成活率达到81.6%，补植后苗木成活率达到88%",  # the prose gives two values
])
def test_a_restatement_that_agrees_or_is_another_quantity_is_not_flagged(tmp_path, prose):
    assert _restatement_flags(tmp_path, prose, "86.1%") == []


def test_an_indicator_with_two_actual_values_is_not_compared(tmp_path):
    form = _PIPE_FORM + "| 效益指标 | 生态效益指标 | 苗木成活率 | ≥85% | 90.2% | 10 | 10 |\n"
    assert _restatement_flags(tmp_path, "苗木成活率达到81.6%", "86.1%", form) == []


def test_a_short_indicator_name_is_not_compared(tmp_path):
    # 满意度 alone names too many quantities (a survey's, a sample's) to hold the prose to the row
    form = _PIPE_FORM.replace("林农满意度", "满意度")
    assert _restatement_flags(tmp_path, "满意度为88%", "86.1%", form) == []
