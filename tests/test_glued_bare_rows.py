"""Form rows run together whose figures are written bare: a result repeating its target, a
result after a target that stood alone with its unit, points ending a row in words, and a
header whose value columns came out before its level words. Forms written for these tests."""
from __future__ import annotations

from decimal import Decimal

import pytest

from extractor.extract.form_fund_run_cut import fund_cut
from extractor.extract.glued_cuts import cut_bare_pair, cut_bare_result, cut_target_then_bare

from conftest import error_flags, text_record


def _glued(cells: list) -> str:
    return "".join(cells) + "\n"


def _rows(record) -> dict:
    facts = {f["id"]: f for f in record["facts"]}
    out = {}
    for form in record["forms"]:
        for ind in form["indicators"]:
            out[ind["path"][-1]] = tuple(facts[ind[k]]["value"] if ind[k] else None for k in ("weight", "score"))
    return out


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
    run = "≥9293.110"  # 93.1 | 10, not 93.11 | 0: a row that meets its target and scores nothing is rare
    assert [run[a:b] for a, b in cut_target_then_bare(run, ["score"])] == ["≥92", "93.1", "10"]


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
    assert not error_flags(record)


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


def _facts(record, kind) -> list:
    return [f["value"] for f in record["facts"] if f["kind"] == kind]


def test_a_glued_form_whose_unit_column_ran_into_the_names(tmp_path):
    # 三级指标 | 计量单位 | 年度指标值 | 实际完成值 | 分值 | 得分: the unit cell runs into the name
    text = _glued([*HEAD, "一级指标", "二级指标", "三级指标", "计量单位", "年度指标值", "实际完成值", "分值", "得分",
                   "产出指标", "数量指标", "受益农户数", "户", "≥640", "655", "20", "20",
                   "质量指标", "道路完好率", "%", "9696", "20", "18",
                   "成本指标", "每公里养护补助", "元/公里", "≤3000", "2950", "10", "10", "总分", "50", "48"])
    record = text_record(tmp_path, text, "unitcol.txt")
    rows = _rows(record)
    assert rows["受益农户数"] == (20, 20)
    assert rows["道路完好率"] == (20, 18)
    assert set(_facts(record, "households")) == {640, 655}
    assert _facts(record, "percent").count(96) == 2


def test_a_row_whose_points_run_into_a_count_of_things_is_left_unread(tmp_path):
    # ≥90%76.9%6313个项目中…: 6 | 3 and 13个, or 63 | 13 — the run does not say which
    text = _glued([*HEAD, "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
                   "偏差原因分析及改进措施", "产出指标", "时效指标", "养护工程按期完工率", "≥90%", "84.6%", "52",
                   "13个项目中2个未按期完工，扣3分。", "质量指标", "路面合格率", "≥95%", "97%", "10", "10"])
    record = text_record(tmp_path, text, "counted.txt")
    assert 52 not in _facts(record, "score") and 13 not in _facts(record, "score")
    assert _rows(record)["路面合格率"] == (10, 10)


def test_two_figure_points_between_a_worded_row_and_its_reason(tmp_path):
    text = _glued([*HEAD, "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
                   "偏差原因分析及改进措施", "效益指标", "生态效益指标", "沿线绿化养护有所改善基本达到", "54",
                   "部分路段补植未完成，扣1分", "满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "92%", "5", "5"])
    rows = _rows(text_record(tmp_path, text, "worded.txt"))
    assert [v for k, v in rows.items() if k.startswith("沿线绿化养护")] == [(5, 4)]


def test_a_fund_header_whose_rate_ran_into_its_score_after_the_spending_column(tmp_path):
    text = _glued(["项目支出绩效自评表（2020年度）", "项目名称", "村卫生室运行补助", "项目资金（万元）", "预算数", "执行数",
                   "执行率得分", "年度资金总额", "4846.0896%9.6", "其中：财政拨款", "4846.0896%", "—"])
    record = text_record(tmp_path, text, "ratescore.txt")
    assert 480000 in _facts(record, "amount") and 460800 in _facts(record, "amount")
    assert 96 in _facts(record, "percent") and Decimal("9.6") in _facts(record, "score")


def test_a_fund_run_whose_rate_no_reading_makes_is_cut_at_its_repeated_budget(tmp_path):
    # 150 | 150 | 133.8 | 10 | 93.2%, though 133.8 ÷ 150 is 89.2%: the form's own slip
    text = _glued(["项目支出绩效自评表（2021年度）", "项目名称", "乡村道路养护", "项目资金（万元）", "年初预算数", "全年预算数",
                   "全年执行数", "分值", "执行率", "得分", "年度资金总额", "150150133.81093.2%9.3"])
    record = text_record(tmp_path, text, "slip.txt")
    assert sorted(_facts(record, "amount")) == [1338000, 1500000, 1500000]
    assert [f["rule"] for f in error_flags(record)] == ["form.execution_rate"]


@pytest.mark.parametrize("run, cells", [
    ("150150133.81093.2", ["150", "150", "133.8", "10", "93.2"]),
])
def test_a_repeated_budget_cut(run, cells):
    from extractor.extract.form_fund_points import repeated_budget_cut

    assert [run[a:b] for a, b in repeated_budget_cut(run, (4, True), "9.3")] == cells
    assert repeated_budget_cut(run, (3, False), "9.3") is None  # a header of another shape
    assert repeated_budget_cut("150151133.81093.2", (4, True)) is None  # nothing repeated


def test_a_part_row_written_like_the_total_row_with_dashes_for_its_empty_cells(tmp_path):
    text = _glued([*HEAD[:3], "项目资金（万元）", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分",
                   "年度资金总额", "36.836.831.51085.60%8.56", "其中：当年财政拨款", "36.836.831.5———"])
    record = text_record(tmp_path, text, "parts.txt")
    assert sorted(_facts(record, "amount")) == [315000, 315000, 368000, 368000, 368000, 368000]


def test_a_dashed_part_row_whose_spending_repeats_the_budget(tmp_path):
    # 210 | 196.4 | 196.4 and 2101 | 96.41 | 96.4 both make 100%: the repeated amount decides
    text = _glued([*HEAD[:3], "项目资金（万元）", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分",
                   "年度资金总额", "210196.4196.410100%10", "其中：当年财政拨款", "210196.4196.4—100%—"])
    record = text_record(tmp_path, text, "dashed.txt")
    assert sorted(_facts(record, "amount")) == [1964000] * 4 + [2100000] * 2


def test_a_glued_form_without_points_column_reads_worded_rows_and_small_repeats(tmp_path):
    text = _glued([*HEAD, "一级指标", "二级指标", "三级指标", "年初目标值(A)", "实际完成值(B)", "得分", "偏差原因",
                   "产出指标", "数量指标", "补助标准（元/人·月）", "8810", "质量指标", "安全事故发生率（%）", "0015",
                   "达标率（%）", "≥959718", "效益指标", "社会效益指标", "群众出行条件明显改善已改善15",
                   "运营长效机制建立健全基本建立8", "部分站点管护责任待落实", "满意度指标", "乘客满意度（%）", "≥9092.410"])
    record = text_record(tmp_path, text, "unweighted2.txt")
    rows = _rows(record)
    assert rows["补助标准（元/人·月）"] == (None, 10)
    assert rows["安全事故发生率（%）"] == (None, 15)
    assert rows["达标率（%）"] == (None, 18)  # 97 | 18, not 971 | 8: ten times its target
    assert rows["乘客满意度（%）"] == (None, 10)
    assert [v for k, v in rows.items() if k.startswith("群众出行条件")] == [(None, 15)]
    assert [v for k, v in rows.items() if k.startswith("运营长效机制")] == [(None, 8)]


def test_one_digit_repeated_before_points_of_one_digit_is_left_alone():
    assert cut_bare_pair("111", ["target", "actual", "score"]) is None
    assert [(a, b) for a, b in cut_bare_pair("4410", ["target", "actual", "score"])] == [(0, 1), (1, 2), (2, 4)]


@pytest.mark.parametrize("run, cells", [
    ("≥6566.888", ["≥65", "66.8", "8", "8"]),  # not ≥6 | 5 | 66.88 | 8: a 分值 is set in whole or half points
    ("≥858855", ["≥85", "88", "5", "5"]),  # 8855 alone would be 88 | 55, but ≥85 is a target by its sign
])
def test_a_signed_target_then_bare_figures_reads_set_points_near_the_target(run, cells):
    assert [run[a:b] for a, b in cut_target_then_bare(run, ["weight", "score"])] == cells


def test_a_result_written_about_is_cut_and_read_in_its_unit(tmp_path):
    from extractor.extract.form_targets import parse_target

    assert parse_target("3万余人次") == (None, Decimal("3"), "万人次")
    assert parse_target("450余人") == (None, Decimal("450"), "人")
    text = _glued([*HEAD, "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
                   "产出指标", "数量指标", "沿线受益群众≥28000人次3万余人次1010", "质量指标", "路面合格率", "≥95%", "97%",
                   "10", "10"])
    record = text_record(tmp_path, text, "about.txt")
    assert _rows(record)["沿线受益群众"] == (10, 10)
    assert 30000 in _facts(record, "person_times")


def test_a_row_whose_cells_ran_into_its_name_is_counted_unread(tmp_path):
    # 培训人数≥1200人1180人左右: the target and a result no cut reads stay in the row's name, so
    # the row is not known whole and sums over the rows are not checked
    text = _glued([*HEAD, "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
                   "产出指标", "数量指标", "培训人数≥1200人1180人左右1010道路完好率", "≥95%", "97%", "40", "40",
                   "满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "93%", "50", "45", "总分", "100", "100"])
    record = text_record(tmp_path, text, "swallowed.txt")
    assert record["forms"][0]["unread_rows"] >= 1
    assert not error_flags(record, "form.score_total")


def test_a_scoring_rule_in_a_rows_name_is_no_swallowed_row(tmp_path):
    from extractor.extract.form_indicators import _swallowed_row

    assert not _swallowed_row().search("预算完成率≥98%得5分；95%≤完成率＜98%得4分")
    assert not _swallowed_row().search("全年保障城乡低保对象不少于12000人，")
    assert _swallowed_row().search("观看群众≥36000人次4万余人次1010农家书屋")
    assert _swallowed_row().search("162016081412户因搬迁")


def test_a_bracketed_unit_a_space_put_apart_stays_with_the_rows_name(tmp_path):
    # a flattened form with no 分值 column: 培训村级防疫员 (人) | 120 | 126 | 9.5 on two lines
    text = ("项目支出绩效自评表\n项目名称 动物防疫补助 主管部门 某县农业农村局\n"
            "一级指标 二级指标 三级指标 年初目标值(A) 实际完成值(B) 得分\n"
            "产出指标 数量指标 培训村级防疫员 (人)\n120 126 9.5\n"
            "数量指标 强制免疫密度(%) 90 96 10\n总分 19.5\n")
    record = text_record(tmp_path, text, "bracketed.txt")
    assert _rows(record)["培训村级防疫员 (人)"] == (None, Decimal("9.5"))
    assert not error_flags(record)


def test_a_glued_department_forms_task_rows_are_cut_at_their_money(tmp_path):
    text = _glued(["部门整体支出绩效自评表（2020年度）", "部门名称", "某县水利局", "年度预算申请（万元）", "年初预算数",
                   "全年预算数", "全年执行数", "分值", "执行率", "得分", "年度资金总额", "860.00905.50871.201096.21%9.62",
                   "年度主要任务", "任务名称", "主要内容", "预算数", "执行数",
                   "水库除险加固", "小型水库大坝加固及溢洪道改造", "420.00408.60",
                   "河道清淤", "县内中小河流清淤疏浚", "285.50268.10",
                   "机关运行", "人员经费和日常公用经费", "200.00194.50", "年度总体目标"])
    record = text_record(tmp_path, text, "tasks.txt")
    amounts = _facts(record, "amount")
    for figure in ("4200000", "4086000", "2855000", "2681000", "2000000", "1945000"):
        assert Decimal(figure) in amounts


def test_a_unit_in_brackets_before_the_rows_direction_word(tmp_path):
    # 三级指标 | 指标方向 | 年度指标值 | 实际完成值 | 分值 | 得分: 正向 runs into the name
    text = _glued([*HEAD, "一级指标", "二级指标", "三级指标", "指标方向", "年度指标值", "实际完成值", "分值", "得分",
                   "产出指标", "质量指标", "路面修补合格率（%）正向9898", "10", "10",
                   "效益指标", "社会效益指标", "受益群众（人）正向≥12000", "12360", "10", "10"])
    record = text_record(tmp_path, text, "direction.txt")
    assert _facts(record, "percent").count(98) == 2
    assert {12000, 12360} <= set(_facts(record, "headcount"))
