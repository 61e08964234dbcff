"""Reports and forms as the thirty-fifth session found them: forms a document-sharing site
ran together with no cell breaks, whose rows' targets and results differ. Every text here is
made up for the tests."""
from decimal import Decimal

import pytest
from conftest import error_flags, text_record

_GLUED_HEAD = ("{county}城乡供水保障项目绩效目标自评表(2023年度)项目名称城乡供水保障实施单位{county}水利局"
               "资金情况(万元)年度资金总额全年预算数(A)120全年执行数(B)120执行率100%"
               "绩效指标一级指标二级指标三级指标分值年度指标值全年实际值得分未完成原因及改进措施产出指标(50分)")


def _figures(record, kind, label):
    return [f["value"] for f in record["facts"] if f["kind"] == kind and f.get("label") == label]


@pytest.mark.parametrize("row, weight, target, actual", [
    ("指标1水质达标率1095%96%10", "10", "95", "96"),
    ("指标1群众满意度1590%93.5%15", "15", "90", "93.5"),
    ("指标1覆盖率8.580%79%8", "8.5", "80", "79"),
])
def test_a_glued_row_whose_result_differs_from_its_target_is_cut_after_its_name(tmp_path, row, weight, target, actual):
    text = _GLUED_HEAD.format(county="东坪县") + "数量指标指标1受益群众1012000人12000人10" + row + "总分100"
    record = text_record(tmp_path, text)
    assert Decimal(target) in [Decimal(v) for v in _figures(record, "percent", "年度指标值")]
    assert Decimal(actual) in [Decimal(v) for v in _figures(record, "percent", "实际完成值")]
    assert Decimal(weight) in [Decimal(v) for v in _figures(record, "score", "分值")]
    assert not [f for f in record["facts"] if f["kind"] == "percent" and Decimal(f["value"]) > 200]


def test_a_glued_amount_row_is_cut_where_only_one_weight_fits(tmp_path):
    text = _GLUED_HEAD.format(county="西岭县") + "成本指标指标1项目总成本12120万元118万元12总分100"
    record = text_record(tmp_path, text)
    assert Decimal("1200000") in [Decimal(v) for v in _figures(record, "amount", "年度指标值")]
    assert Decimal("1180000") in [Decimal(v) for v in _figures(record, "amount", "实际完成值")]


def test_a_glued_row_cut_after_its_name_can_show_a_missed_target(tmp_path):
    text = _GLUED_HEAD.format(county="北山县") + "数量指标指标1资金支付10100%50%10总分100"
    record = text_record(tmp_path, text)
    assert [f["rule"] for f in record["flags"]] == ["form.target_missed"]


@pytest.mark.parametrize("row", [
    "指标1资金支付1090%30%4",   # a result under half its target: the closeness proves nothing
    "指标1完成率100%96%10",     # no 分值 before the target: the run starts with it
])
def test_a_glued_row_far_from_its_target_is_not_cut_by_closeness(tmp_path, row):
    text = _GLUED_HEAD.format(county="南川县") + "数量指标" + row + "总分100"
    record = text_record(tmp_path, text)
    assert _figures(record, "score", "得分") == []
    assert not error_flags(record)
