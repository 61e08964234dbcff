"""Form rows run together whose figures are written bare: a result repeating its target, a
result after a target that stood alone with its unit, points ending a row in words, and a
header whose value columns came out before its level words. Forms written for these tests."""
from __future__ import annotations

from decimal import Decimal

import pytest

from extractor.extract.form_fund_runs import fund_cut
from extractor.extract.glued_cuts import cut_bare_pair, cut_bare_result, cut_target_then_bare

from conftest import text_record


def _glued(cells: list) -> str:
    return "".join(cells) + "\n"


def _rows(record) -> dict:
    facts = {f["id"]: f for f in record["facts"]}
    out = {}
    for form in record["forms"]:
        for ind in form["indicators"]:
            out[ind["path"][-1]] = tuple(facts[ind[k]]["value"] if ind[k] else None for k in ("weight", "score"))
    return out


def _errors(record) -> list:
    return [f for f in record["flags"] if f["severity"] == "error"]


HEAD = ["项目支出绩效自评表（2021年度）", "项目名称", "乡村道路养护", "主管部门", "某县交通运输局"]


@pytest.mark.parametrize("run, order, cells", [
    ("1801803", ["target", "actual", "score"], ["180", "180", "3"]),
    ("36.536.52", ["target", "actual", "score"], ["36.5", "36.5", "2"]),
    ("1001001010", ["target", "actual", "weight", "score"], ["100", "100", "10", "10"]),
    ("64642015", ["target", "actual", "weight", "score"], ["64", "64", "20", "15"]),
])
def test_a_bare_result_repeating_its_target_is_cut(run, order, cells):
    assert [run[a:b] for a, b in cut_bare_pair(run, order)] == cells


@pytest.mark.parametrize("run, order", [
    ("338.31", ["target", "actual", "weight", "score"]),  # 3 | 3 | 8.3 | 1: one digit, a 分值 of 8.3
    ("18090003", ["target", "actual", "score"]),  # 180 | 9000 | 3: a result fifty times its target
    ("100%100%8", ["weight", "target", "actual", "score"]),  # written, not bare: cut_run's
])
def test_bare_figures_no_reading_pairs_are_left_alone(run, order):
    assert cut_bare_pair(run, order) is None


@pytest.mark.parametrize("run, target, cells", [
    ("31010", "3", ["3", "10", "10"]),  # 310 | 1 | 0 fits too, a hundred times the target
    ("6401515", "600", ["640", "15", "15"]),
    ("4.8108", "5", ["4.8", "10", "8"]),
])
def test_a_bare_result_after_its_target_is_cut_near_the_target(run, target, cells):
    assert [run[a:b] for a, b in cut_bare_result(run, Decimal(target), ["weight", "score"])] == cells


@pytest.mark.parametrize("run, target", [("3101010", "30"), ("1010", "0"), ("5万元1010", "5")])
def test_a_bare_result_no_reading_puts_near_its_target_is_left_alone(run, target):
    assert cut_bare_result(run, Decimal(target), ["weight", "score"]) is None


def test_a_written_target_then_bare_figures_is_cut():
    run = "≧820人次8351515"
    assert [run[a:b] for a, b in cut_target_then_bare(run, ["weight", "score"])] == ["≧820人次", "835", "15", "15"]
    # (≥909 | 510 | 1 | 0 fits too, its result far from its target)
    run = "≥90951010"
    assert [run[a:b] for a, b in cut_target_then_bare(run, ["weight", "score"])] == ["≥90", "95", "10", "10"]
    run = "≥5006128"  # a form with no 分值 column: result and 得分
    assert [run[a:b] for a, b in cut_target_then_bare(run, ["score"])] == ["≥500", "612", "8"]
    assert cut_target_then_bare("8208351515", ["weight", "score"]) is None  # no sign, no unit: a guess
    assert cut_target_then_bare("≤1.81.5555", ["weight", "score"]) is None  # 1.55 | 5 | 5 or 1.5 | 55 | 5


@pytest.mark.parametrize("run, order, cells", [
    ("90093610", ["target", "actual", "score"], ["900", "936", "10"]),
    ("4804861515", ["target", "actual", "weight", "score"], ["480", "486", "15", "15"]),
])
def test_a_bare_result_near_its_target_is_cut(run, order, cells):
    assert [run[a:b] for a, b in cut_bare_pair(run, order)] == cells


def test_a_glued_form_with_bare_repeated_results_is_read(tmp_path):
    text = _glued([*HEAD, "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
                   "偏差原因分析及改进措施", "产出指标", "数量指标", "养护里程（公里）", "128128", "20", "20",
                   "质量指标", "路面完好率（%）", "9595", "20", "18", "效益指标", "社会效益指标",
                   "群众出行条件", "明显改善", "明显改善", "30", "30", "满意度指标", "沿线群众满意度（%）",
                   "9090", "20", "20", "总分", "88"])
    rows = _rows(text_record(tmp_path, text, "bare.txt"))
    assert rows["养护里程（公里）"] == (20, 20)
    assert rows["路面完好率（%）"] == (20, 18)
    assert rows["沿线群众满意度（%）"] == (20, 20)


def test_a_glued_form_without_points_column_reads_repeated_bare_results(tmp_path):
    # (湖北's layout: 年初目标值 | 实际完成值 | 得分, no 分值)
    text = _glued([*HEAD, "一级指标", "二级指标", "三级指标", "年初目标值(A)", "实际完成值(B)", "得分",
                   "产出指标", "数量指标", "新建候车亭(≥**座)", "24244", "修复护栏(≥**米)", "860.5860.56",
                   "质量指标", "验收合格率(≥**%)", "1001005"])
    rows = _rows(text_record(tmp_path, text, "unweighted.txt"))
    assert rows["新建候车亭(≥**座)"] == (None, 4)
    assert rows["修复护栏(≥**米)"] == (None, 6)
    assert rows["验收合格率(≥**%)"] == (None, 5)


def test_a_glued_form_whose_results_follow_a_target_apart_and_whose_worded_rows_end_in_points(tmp_path):
    text = _glued([*HEAD, "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
                   "偏差原因分析及改进措施", "产出指标", "数量指标", "开展路况巡查", "≥12次", "141515",
                   "时效指标", "养护任务按期完成按期完成已完成2015", "成本指标", "养护经费控制", "≤36万元",
                   "35.22020", "效益指标", "社会效益指标", "农村公路通行能力通行能力提高明显提高4545",
                   "总分", "100", "95"])
    record = text_record(tmp_path, text, "apart.txt")
    rows = _rows(record)
    assert rows["开展路况巡查"] == (15, 15)
    assert rows["养护经费控制"] == (20, 20)
    assert [v for k, v in rows.items() if k.startswith("养护任务按期完成")] == [(20, 15)]
    assert [v for k, v in rows.items() if k.startswith("农村公路通行能力")] == [(45, 45)]
    assert not _errors(record)


def test_points_ending_a_row_are_not_cut_where_no_label_follows(tmp_path):
    # (…已完成2015 with words after it is a year's figure in a sentence, not a row's points)
    text = _glued([*HEAD, "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
                   "产出指标", "时效指标", "养护任务按期完成按期完成已完成2015"])
    record = text_record(tmp_path, text + "附注：本表数据截至2015\n", "nolabel.txt")
    assert not any(f["kind"] == "score" and f["value"] == 15 for f in record["facts"])


def test_a_header_whose_value_columns_came_before_its_level_words(tmp_path):
    text = _glued([*HEAD, "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施", "一级指标", "二级指标",
                   "三级指标", "指标性质", "指标值", "度量单位", "产出指标", "数量指标", "受益农户数≥450户462户2020",
                   "质量指标", "工程合格率≥98%99%2018", "满意度指标", "服务对象满意度指标", "受益群众满意度≥90%93%1010"])
    rows = _rows(text_record(tmp_path, text, "header.txt"))
    assert rows["受益农户数"] == (20, 20)
    assert rows["工程合格率"] == (20, 18)
    assert rows["受益群众满意度"] == (10, 10)


def test_a_fund_run_two_readings_fit_is_cut_where_the_budget_stays_as_it_was():
    # 58.3 | 58.3 | 49.57 | 10 | 85 and 58.35 | 8.3 | 49.57 | 10 | 85 both make the rate
    run = "58.358.349.571085"
    assert [run[a:b] for a, b in fund_cut(run, None, (4, True), "8.5")] == ["58.3", "58.3", "49.57", "10", "85"]
