"""A spaced form's indicator row whose name a wrap broke over two lines (its levels and the name's
first piece on one line, the rest and the row's values on the next) is read as one row, its
values in their columns, not as a row of its own one column off. Forms written for the test,
with invented names and figures."""
from __future__ import annotations

import pytest

from conftest import text_record
from extractor.ingest.broken_row_names import broken_row_names_joined

_HEADER = "一级指标  二级指标  三级指标  年度指标值  实际完成值  分值  得分"


@pytest.mark.parametrize("upper, lower, joined", [
    ("产出指标  数量指标  改造农村危", "房户数  ≥40户  42户  20  20", "产出指标  数量指标  改造农村危房户数  ≥40户  42户  20  20"),
    ("时效指标  补助资金兑", "付及时率  ≥95%  100%  20  20", "时效指标  补助资金兑付及时率  ≥95%  100%  20  20"),
    ("政策", "知晓率  ≥90%  95%  20  19", "政策知晓率  ≥90%  95%  20  19"),  # its merged levels left out
])
def test_a_name_broken_over_two_lines_is_one_row_again(upper, lower, joined):
    assert broken_row_names_joined([_HEADER, upper, lower]) == [_HEADER, joined]


@pytest.mark.parametrize("upper, lower", [
    ("产出指标  数量指标", "改造农村危房户数  ≥40户  42户  20  20"),  # a row of level names, then a row
    ("项目名称  年初预算数  全年执行数", "道路养护  120.00  110.00"),  # a header over its first row
    ("产出指标  数量指标  改造户数", "≥40户  42户  20  20"),  # the values on a line of their own
    ("本年度共完成改造", "房屋  40户  42户  100%"),  # a long line alone: text
    ("完成改造", "房屋  40户  42户"),  # a short line alone, then two figures only
    ("产出指标  数量指标  改造农村危", "房户数"),  # no figures after the piece
    ("产出指标  数量指标  改造农村危", "          房户数  ≥40户  42户  20  20"),  # laid out: its column says where
])
def test_lines_that_are_no_broken_name_stay_apart(upper, lower):
    lines = [_HEADER, upper, lower]
    assert broken_row_names_joined(lines) == lines


def test_no_joining_above_an_indicator_header():
    lines = ["产出指标  数量指标  改造农村危", "房户数  ≥40户  42户  20  20"]
    assert broken_row_names_joined(lines) == lines


_FORM = """2024年度农村危房改造补助项目支出绩效自评表
项目名称  农村危房改造补助  主管部门  某县住房和城乡建设局  实施单位  某县住房和城乡建设局
项目资金（万元）  年初预算数  全年预算数  全年执行数  分值  执行率  得分
年度资金总额  150.00  150.00  135.00  10  90.00%  9.0
其中：当年财政拨款  150.00  150.00  135.00  —  90.00%  —
一级指标  二级指标  三级指标  指标性质  指标值  度量单位  实际完成值  分值  得分
产出指标  数量指标  改造农村危
房户数  ≥  40  户  42户  30  30
时效指标  补助资金兑
付及时率  ≥  95  %  100%  30  30
效益指标  社会效益指标  群众住房安全
保障率  ≥  98  %  99%  30  {score}
总分  100  {total}
自评等级  优
"""


def test_a_form_with_broken_names_sums_its_rows_points_right(tmp_path):
    record = text_record(tmp_path, _FORM.format(score="28", total="97.0"))
    rows = {" ".join(i["path"][-1:]): i for i in record["forms"][0]["indicators"]}
    assert set(rows) == {"改造农村危房户数", "补助资金兑付及时率", "群众住房安全保障率"}
    assert not [f for f in record["flags"] if f["severity"] == "error"]


def test_a_wrong_total_of_a_form_with_broken_names_is_flagged(tmp_path):
    record = text_record(tmp_path, _FORM.format(score="28", total="99.0"))  # 9 + 30 + 30 + 28 = 97
    assert "form.score_total" in {f["rule"] for f in record["flags"] if f["severity"] == "error"}
