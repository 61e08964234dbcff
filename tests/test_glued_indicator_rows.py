"""Indicator rows of a form whose cells a document-sharing site ran together: points written
alike in decimals (12.512.5), a row that repeats its target and its points though its 分值 is
no whole or half point, a run no cut reads (never one figure, its points read where its tail
says them), the last of several worded rows before a label, and a score table whose rows are
numbered, each number run into the 得分 before it. Forms written for these tests."""
from __future__ import annotations

from decimal import Decimal

import pytest

from extractor.extract.glued_cuts import cut_bare_pair, cut_run
from extractor.extract.glued_unread import holds_cells, impossible_figure, tail_points_cut
from extractor.extract.numbers import weight_then_score_cut

from conftest import error_flags, text_record
from test_glued_bare_rows import _glued, _rows

ORDER = ["target", "actual", "weight", "score"]
UNWEIGHTED = ["target", "actual", "score"]


def _values(record, kind=None) -> list:
    return [f["value"] for f in record["facts"] if kind is None or f["kind"] == kind]


HEAD = ["项目支出绩效自评表（2022年度）", "项目名称", "农村供水保障工程", "主管部门", "某县水务局"]
INDICATOR_HEAD = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"]


@pytest.mark.parametrize("run, cut", [
    ("12.512.5", 4),  # 12.5 | 12.5, not 12.51 | 2.5
    ("9.59.5", 3),
    ("2.52", 3),  # 2.5 | 2: the one cut, whatever its decimals
    ("10.510", None),  # 10.5 | 10 or 10.51 | 0, neither written alike: left alone
])
def test_points_written_alike_decide_between_two_cuts(run, cut):
    assert weight_then_score_cut(run, 0, len(run)) == cut


def test_a_row_run_together_whose_points_cut_two_ways_takes_the_pair_written_alike():
    run = "≥850.5平方米850.5平方米12.512.5"
    assert [run[a:b] for a, b in cut_run(run, ORDER, named=True)] == ["≥850.5平方米", "850.5平方米", "12.5", "12.5"]


def test_a_bare_row_repeating_its_target_and_its_points_is_read_whatever_its_weight():
    run = "151512.712.7"  # a form that weighs its rows in tenths
    assert [run[a:b] for a, b in cut_bare_pair(run, ORDER)] == ["15", "15", "12.7", "12.7"]
    assert cut_bare_pair("151512.79.4", ORDER) is None  # a 分值 of 12.7 repeated by no 得分: 151 | 51 | 2.7 …?
    assert cut_bare_pair("50051101", UNWEIGHTED) is None  # 500 | 51 | 101: no row scores above 100


def test_a_result_with_two_decimals_at_most_decides_a_bare_row():
    run = "60009384.2531.3"  # 6000 | 9384.25 | 31.3, not 6000 | 9384.253 | 1.3
    assert [run[a:b] for a, b in cut_bare_pair(run, UNWEIGHTED)] == ["6000", "9384.25", "31.3"]


@pytest.mark.parametrize("run, cells", [
    ("720209.59.5", ["72020", "9.5", "9.5"]),  # (09.5 has a 0 it does not need)
    ("7208515.515.5", ["72085", "15.5", "15.5"]),  # not 720851 | 5.51 | 5.5, written unlike
])
def test_a_runs_points_are_read_where_its_tail_cuts_one_way(run, cells):
    k, j = tail_points_cut(run, ORDER)
    assert [run[:k], run[k:j], run[j:]] == cells


@pytest.mark.parametrize("run", [
    "640359.59.5",  # 64035 | 9.5 | 9.5 or 6403 | 59.5 | 9.5
    "5502010",  # 550 | 20 | 10 or 55020 | 1 | 0
])
def test_a_runs_points_are_left_where_its_tail_cuts_two_ways(run):
    assert tail_points_cut(run, ORDER) is None
    assert tail_points_cut(run, UNWEIGHTED) is None  # (a form with no 分值: the score alone is no pair)


def test_a_run_that_may_be_cells_is_no_one_figure():
    assert holds_cells("2288131847.6", UNWEIGHTED)
    assert not holds_cells("12", UNWEIGHTED)
    assert impossible_figure("700012.3631.2") and not impossible_figure("7000.25")


def test_a_glued_forms_rows_with_points_in_tenths_and_a_run_whose_figures_stay_unread(tmp_path):
    text = _glued([*HEAD, *INDICATOR_HEAD, "产出指标(50分)", "数量指标",
                   "新建蓄水池≥850.5立方米850.5立方米12.512.5",
                   "铺设供水管网及配套阀门井安装720209.59.5",
                   "质量指标", "工程验收合格率(%)≥98%≥98%14.514.5",
                   "时效指标", "工程完工时限(月)111113.513.5", "成本指标"])
    record = text_record(tmp_path, text, "tenths.txt")
    rows = _rows(record)
    assert rows["新建蓄水池"] == (Decimal("12.5"), Decimal("12.5"))
    assert rows["工程验收合格率(%)"] == (Decimal("14.5"), Decimal("14.5"))
    assert rows["工程完工时限(月)"] == (Decimal("13.5"), Decimal("13.5"))
    assert rows["铺设供水管网及配套阀门井安装"] == (Decimal("9.5"), Decimal("9.5"))
    # (72020 is a target and a result no cut tells apart: no figure of either)
    assert not any(str(v).startswith("7202") for v in _values(record))


def test_the_last_of_several_worded_rows_before_a_label_keeps_its_points(tmp_path):
    text = _glued([*HEAD, *INDICATOR_HEAD, "产出指标", "时效指标",
                   "指标1:水源工程完工时间8月前6月44", "指标2:管网工程完工时间12月前11月66", "成本指标", "指标1:"])
    rows = _rows(text_record(tmp_path, text, "worded.txt"))
    assert rows["指标1:水源工程完工时间8月前6月"] == (4, 4)
    assert rows["指标2:管网工程完工时间12月前11月"] == (6, 6)


UNWEIGHTED_FORM = ["项目支出绩效自评表", "项目名称", "2021年家庭农场扶持项目", "主管部门", "某县农业农村局",
                   "一级指标", "二级指标", "三级指标", "年初目标值(A)", "实际完成值(B)", "得分"]


def test_an_unweighted_glued_forms_runs_are_cut_near_their_targets_or_left_unread(tmp_path):
    text = "\n".join([*UNWEIGHTED_FORM, "产出指标", "数量指标", "扶持家庭农场 (个)", "2596.0",
                      "数量指标带动农户(人)1245251838.1",
                      "效益指标经济效益指标农场经营收入增长(%)60009384.2531.3",
                      "经济效益指标农户户均增收 (元)", "3150342012.9",
                      "满意度指标服务对象满意度指标满意度(%)859811.5", "总分", "77.8"]) + "\n"
    record = text_record(tmp_path, text, "unweighted.txt")
    rows = _rows(record)
    assert rows["扶持家庭农场 (个)"] == (None, Decimal("6.0"))
    assert rows["农户户均增收 (元)"] == (None, Decimal("12.9"))
    assert rows["满意度(%)"] == (None, Decimal("11.5"))
    assert rows["农场经营收入增长(%)"] == (None, Decimal("31.3"))
    assert {3150, 3420} <= set(_values(record, "amount")) and {85, 98} <= set(_values(record, "percent"))
    # 12452 | 5183 | 8.1 and 1245 | 2518 | 38.1 both read near, neither clearly nearer: the run
    # stays unread, and is no headcount of 1245251838.1 people
    assert not any(v > 10 ** 6 for v in _values(record))
    assert not any(str(v).startswith("1245") for v in _values(record, "headcount"))
    assert record["forms"][0]["unread_rows"] >= 1
    assert not error_flags(record, "form.score_total")


def test_a_long_figure_standing_apart_from_the_cells_after_it_is_read_as_it_was(tmp_path):
    # (cells a space apart: the target is one cell, whatever its length)
    text = "\n".join([*UNWEIGHTED_FORM, "产出指标 数量指标 补贴资金(元) 1250000 1250000 20", "总分 20"]) + "\n"
    record = text_record(tmp_path, text, "apart.txt")
    assert _values(record, "amount").count(1250000) == 2


NUMBERED_HEAD = ["2022年度部门整体支出绩效评价自评表", "单位", "序号一级 指标", "二级 指标", "三级 指标",
                 "指标分值指标解释评分标准自评得分"]


def test_a_numbered_score_tables_rows_are_cut_at_their_numbers(tmp_path):
    text = "\n".join([*NUMBERED_HEAD, "1决策 (12分)",
                      "目标设定 (4分)目标合理性4是否符合单位职能。符合(2分);明确(2分)。",
                      "4",
                      "2资金管理 (8分)预算编制科学性5是否科学合理。编制规范(3分),依据充分(2分)5",
                      "3资金分配合理性3分配是否合理。分配合理(3分)24过程 (20分)",
                      "执行管理 (10分)预算执行率6本年度执行数与预算数之比。执行率每低1%扣0.1分(6"]) + "\n"
    record = text_record(tmp_path, text, "numbered.txt")
    scores = [(f["subject"], f["label"], f["value"]) for f in record["facts"] if f["kind"] == "score"]
    got = {(s, label): v for s, label, v in scores}
    assert got[("目标合理性", "分值")] == 4 and got[("目标合理性", "得分")] == 4
    assert got[("预算编制科学性", "分值")] == 5 and got[("预算编制科学性", "得分")] == 5
    assert got[("资金分配合理性", "分值")] == 3 and got[("资金分配合理性", "得分")] == 2
    assert 24 not in _values(record, "score")  # 得分 2, then row 4
    assert 1 not in [v for s, label, v in scores if label == "得分"]  # 自评得分1决策: row 1, no score


def test_a_numbered_score_table_whose_numbers_skip_is_left_alone(tmp_path):
    text = "\n".join([*NUMBERED_HEAD, "1决策 (12分)",
                      "目标设定 (4分)目标合理性4是否符合单位职能。符合(2分);明确(2分)。",
                      "4",
                      "3资金管理 (8分)预算编制科学性5是否科学合理。编制规范(3分),依据充分(2分)5",
                      "5资金分配合理性3分配是否合理。分配合理(3分)26过程 (20分)"]) + "\n"
    record = text_record(tmp_path, text, "skipped.txt")
    assert not any(f["kind"] == "score" and f.get("subject") == "资金分配合理性" for f in record["facts"])


@pytest.mark.parametrize("run, cells", [
    ("≥90%9010.00", None),  # 90 | 10.00, its 得分 left empty: no 90 | 1 | 0.00, a met target scoring nothing
    ("≤5%3.520.00", None),
    ("≥90%9255", ["≥90%", "92", "5", "5"]),
    ("≤5%6.220", ["≤5%", "6.2", "2", "0"]),  # (a missed target may score nothing)
])
def test_a_target_met_scores_above_nothing(run, cells):
    from extractor.extract.glued_cuts import cut_target_then_bare

    cut = cut_target_then_bare(run, ["weight", "score"])
    assert (cut and [run[a:b] for a, b in cut]) == cells


def test_a_figure_alone_after_its_label_under_a_header_naming_no_value_columns_is_read_whole(tmp_path):
    # (the header's columns are words only: 1520.75 after its label is no 15 | 20.75)
    text = "\n".join(["某县2023年度中央对地方转移支付项目绩效自评表", "指标名称 指标解释 记录 需提供的支撑材料",
                      "一级指标 二级指标 三级指标 自评内容 完成情况", "名称 名称 名称",
                      "项目预算管理 资金投入 预算编制科学性 预算编制依据充分 已按要求完成",
                      "转移支付资金合计(万元) 年度预算资金总额): 1520.75 ", "其中:中央补助 980.00 ",
                      "市级资金 540.75 "]) + "\n"
    record = text_record(tmp_path, text, "nocolumns.txt")
    assert 15207500 in _values(record, "amount")


def test_a_dash_or_none_after_a_rows_points_is_its_reason(tmp_path):
    # (…2022年9月 | 10 | 10 | 无: the dates stay in the name, the points close the row)
    text = _glued([*HEAD, *INDICATOR_HEAD, "产出指标", "数量指标", "新建蓄水池≥300立方米312.5立方米1010无",
                   "时效指标", "工程完工时间2022年10月前2022年9月1515无",
                   "满意度指标", "服务对象满意度指标", "群众满意度≥90%95%109.5无"])
    rows = _rows(text_record(tmp_path, text, "reason.txt"))
    assert rows["新建蓄水池"] == (10, 10)
    assert rows["工程完工时间2022年10月前2022年9月"] == (15, 15)
    assert rows["群众满意度"] == (10, Decimal("9.5"))
