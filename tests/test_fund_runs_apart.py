"""A form's fund block run together as a sharing site's preview flattens it, with 执行率 |
分值 | 得分 in that order (the rate, then the points run into one figure: 96.25%108.5), and a
其中 row under a label the vocabulary lacks run into the row before it. Written here;
figures invented."""
from __future__ import annotations

from decimal import Decimal

from conftest import text_record

FORM = ("某县项目支出绩效自评表（2019年度）项目名称乡村道路硬化工程主管部门某县交通运输局实施单位某县公路站"
        "资金来源全年预算数（万元）全年执行数（万元）执行率分值得分"
        "年度资金总额1600.001540.0096.25%108.5其中：中央车购税补助1000.001000.00100.00%——"
        "省级补助400.00380.0095.00%——县级配套200.00160.0080.00%——"
        "年度总体目标完成情况完成道路硬化40公里。完成道路硬化41公里。"
        "绩效指标一级指标二级指标三级指标分值指标值实际完成值得分未完成原因"
        "产出指标数量指标道路硬化里程30≥40公里41公里30质量指标交工验收合格率30100%100%30"
        "效益指标社会效益指标受益群众满意度30≥90%93%30总分100{total}")


def _facts(record):
    return [(f["kind"], f["value"]) for f in record["facts"]]


def test_points_run_into_one_figure_after_the_rate_are_weight_and_score(tmp_path):
    record = text_record(tmp_path, FORM.format(total="98.5"), "runs.txt")
    facts = _facts(record)
    assert ("score", Decimal("8.5")) in facts and ("score", Decimal("10")) in facts
    assert ("score", Decimal("108.5")) not in facts
    assert ("amount", Decimal("15400000")) in facts


def test_a_part_under_an_unknown_label_is_read_and_sums_nothing_wrong(tmp_path):
    record = text_record(tmp_path, FORM.format(total="98.5"), "parts.txt")
    amounts = [v for k, v in _facts(record) if k == "amount"]
    assert amounts.count(Decimal("10000000")) == 2  # the central part's two amounts
    # its label unknown, the parts' sum is not known: no error against the total
    assert not [f for f in record["flags"] if f["severity"] == "error"]


REPEATED = ("专项资金项目支出绩效自评表项目支出名称乡村旅游产业发展专项资金主管部门某省发展和改革委员会实施单位相关项目建设单位"
            "项目资金(万元)年初预算数全年预算数全年执行数分值执行率得分年度资金总额{run}其中:当年财政拨款2460024600——"
            "年度总体目标预期目标实际完成情况支持旅游基础设施建设。已完成。")


def test_amounts_written_alike_are_cut_where_the_rate_is_the_forms_own_slip(tmp_path):
    # 24600 three times, 分值 10, a rate of 76.35% (24600 ÷ 24600 is 100%), 得分 7.5
    record = text_record(tmp_path, REPEATED.format(run="2460024600246001076.35%7.5"), "repeated.txt")
    facts = _facts(record)
    assert facts.count(("amount", Decimal("246000000"))) >= 3
    assert ("percent", Decimal("76.35")) in facts and ("score", Decimal("7.5")) in facts
    assert [f["rule"] for f in record["flags"] if f["severity"] == "error"] == ["form.execution_rate"]


def test_amounts_not_written_alike_are_not_cut_by_repetition(tmp_path):
    # 24600 | 24600 | 24500: the rate 99.59% is their ratio, so the usual cut reads them
    record = text_record(tmp_path, REPEATED.format(run="2460024600245001099.59%10"), "ratio.txt")
    facts = _facts(record)
    assert ("amount", Decimal("245000000")) in facts
    assert not [f for f in record["flags"] if f["severity"] == "error"]
