"""Reports and forms as the thirty-third session found them: a count named by a noun the act
only modifies (就业见习) is no numerator of that act's rate; a rate worked out over the rows'
sum of a total written off them is that total's slip, one flag. Every text here is made up
for the tests."""
from decimal import Decimal

import pytest
from conftest import error_flags, text_record
from extractor.check.level_weights import level_weight_flags


@pytest.mark.parametrize("sentence", [
    "全年完成创业培训2150人，组织就业见习236人，培训后就业率71.5%。",
    "开展技能培训880人次、880人，举办就业指导讲座12场，参加就业培训的学员就业率64.2%。",
])
def test_a_count_the_act_only_modifies_is_no_numerator(tmp_path, sentence):
    record = text_record(tmp_path, "某区人社局就业补助资金绩效自评报告\n" + sentence + "\n")
    assert [f for f in error_flags(record) if f["rule"] == "ratio.stated"] == []


@pytest.mark.parametrize("sentence", [
    "全年完成创业培训2150人，实现就业1537人，培训后就业率65.3%。",
    "全年完成创业培训2150人，就业人数1537人，就业率65.3%。",
])
def test_the_act_as_the_count_s_own_still_checks_the_rate(tmp_path, sentence):
    # 1537 ÷ 2150 = 71.49%, not 65.3%
    record = text_record(tmp_path, "某区人社局就业补助资金绩效自评报告\n" + sentence + "\n")
    assert [f["rule"] for f in error_flags(record)] == ["ratio.stated"]


_SPENDING = """某县敬老院运行补助资金绩效评价报告
三、资金使用情况
| 项目 | 预算数（万元） | 实际支出（万元） | 结余（万元） | 执行率 |
| 运行经费 | 210.00 | 205.40 | 4.60 | 97.81% |
| 护理人员工资 | 330.00 | 326.10 | 3.90 | 98.82% |
| 设施维修 | 40.00 | 38.50 | 1.50 | 96.25% |
| 合计 | 580.00 | {total} | 10.00 | {rate} |
"""


def test_a_rate_over_the_rows_sum_of_a_slipped_total_is_one_flag(tmp_path):
    # the rows make 570.00; the 合计 says 576.00 and its rate is 570.00 ÷ 580.00
    record = text_record(tmp_path, _SPENDING.format(total="576.00", rate="98.28%"))
    flags = error_flags(record)
    assert [f["rule"] for f in flags] == ["sum.table"]
    assert [a["original_rule"] for a in flags[0].get("also", [])] == ["ratio.stated"]


def test_a_rate_that_fits_neither_the_total_nor_its_rows_keeps_its_flag(tmp_path):
    record = text_record(tmp_path, _SPENDING.format(total="576.00", rate="95.10%"))
    assert sorted(f["rule"] for f in error_flags(record)) == ["ratio.stated", "sum.table"]


def test_a_clean_spending_table_raises_nothing(tmp_path):
    assert error_flags(text_record(tmp_path, _SPENDING.format(total="570.00", rate="98.28%"))) == []


# a provincial template whose indicator table puts the comparator and the unit in columns of
# their own, the unit after the result: 计算符号 | 指标值 | 实际完成值 | 计量单位
_SIGN_HEADER = ["一级指标", "二级指标", "三级指标", "计算符号", "指标值", "实际完成值", "计量单位", "分值", "得分",
                "偏差原因分析及改进措施"]
_SIGN_ROWS = [
    ["产出指标", "数量指标", "改造农村危房户数", "≥", "240", "252", "户", "20", "20", ""],
    ["", "", "入户核验人数", "≥", "980", "1015", "人", "15", "15", ""],
    ["", "质量指标", "竣工验收合格率", "=", "100", "100", "%", "15", "15", ""],
    ["", "成本指标", "人均补助标准", "=", "{cost}", "{cost_actual}", "元/人", "10", "10", ""],
    ["效益指标", "社会效益指标", "住房安全保障率", "≥", "{rate}", "{rate_actual}", "%", "20", "20", "{reason}"],
    ["满意度指标", "服务对象满意度指标", "农户满意度", "≥", "90", "94.5", "%", "10", "10", ""],
]
_SIGN_HEAD = ("某县住房和城乡建设局\n农村危房改造补助项目支出绩效自评表\n项目资金（万元） | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分\n"
              "年度资金总额 | 600 | 600 | 588 | 10 | 98% | 9.8\n")
_SIGN_VALUES = {"cost": "1200", "cost_actual": "1200", "rate": "95", "rate_actual": "97.2", "reason": ""}


def _sign_form(shape: str, **values) -> str:
    fill = {**_SIGN_VALUES, **values}
    rows = [[c.format(**fill) for c in r] for r in _SIGN_ROWS]
    if shape == "cells":  # one cell a line, the merged level cells and blank reasons as empty lines
        body = "\n".join(_SIGN_HEADER + [c for r in rows for c in r])
    elif shape == "spaced":  # a row a line, cells a run of spaces apart, empty cells dropped
        body = "\n".join("    ".join(c for c in r if c) for r in [_SIGN_HEADER] + rows)
    else:  # a row a line, the merged level cells written as a dash
        body = "\n".join("   ".join(c or "—" for c in r) for r in [_SIGN_HEADER] + rows)
    return _SIGN_HEAD + body + "\n总分   100   99.8\n"


def _targets(record) -> list:
    return sorted((f["text"], f["unit"]) for f in record["facts"] if f.get("label") == "年度指标值")


@pytest.mark.parametrize("shape", ["cells", "spaced", "dashed"])
def test_a_comparator_column_and_a_unit_column_after_the_result_give_every_target_its_unit(tmp_path, shape):
    record = text_record(tmp_path, _sign_form(shape))
    assert _targets(record) == [("100", "%"), ("1200", "元/人"), ("240", "户"), ("90", "%"), ("95", "%"), ("980", "人")]
    points = [f for f in record["facts"] if f["kind"] == "score" and f.get("label") in ("分值", "得分")]
    assert len(points) == 2 * len(_SIGN_ROWS) + 3  # every row's, the budget's, the 总分 row's 分值
    assert error_flags(record) == []


@pytest.mark.parametrize("shape", ["cells", "spaced", "dashed"])
def test_a_missed_target_under_its_own_sign_column_with_full_marks_is_flagged(tmp_path, shape):
    record = text_record(tmp_path, _sign_form(shape, rate_actual="92.6"))
    assert [f["rule"] for f in record["flags"] if f["severity"] in ("error", "warning")] == ["form.target_missed"]


def test_a_reason_written_on_its_row_s_line_stays_the_row_s(tmp_path):
    record = text_record(tmp_path, _sign_form("spaced", rate_actual="92.6", reason="部分农户外出务工未能入户核验"))
    assert [f["rule"] for f in record["flags"] if f["severity"] in ("error", "warning")] == ["form.target_missed"]
    assert _targets(record)[-1] == ("980", "人")


# the budget systems' own column names (a bond project's grid: 绩效目标类型 | 绩效目标名称 |
# 绩效目标值 | … | 指标满分值; a self-evaluation whose target is its 预期实现值)
_GRID = """某县2023年度专项债券项目绩效自评表
项目名称：某县城乡供水一体化工程
主管部门及代码：某县水务局 301001
{header}
数量指标    新建供水管网长度    ≥120    126    公里    25    25    无
数量指标    新增受益人口    ≥3.5    3.62    万人    25    25    无
质量指标    工程验收合格率    100    100    %    25    25    无
满意度指标    受益群众满意度    ≥90    {satisfaction}    %    25    25    无
总分    100    100
综合评分等级    优
"""
_GRID_HEADERS = [
    "绩效目标类型    绩效目标名称    绩效目标值    实际完成值    度量单位    指标满分值    得分    偏差原因分析及整改措施",
    "指标类型    指标名称    预期实现值    实际完成值    计量单位    分值    得分    未完成原因分析",
]


@pytest.mark.parametrize("header", _GRID_HEADERS)
def test_the_budget_systems_column_names_read_as_the_standard_form_s(tmp_path, header):
    record = text_record(tmp_path, _GRID.format(header=header, satisfaction="92"))
    assert _targets(record) == [("100", "%"), ("3.5", "人"), ("90", "%")]  # (3.5万人: 35000 人)
    assert sorted(f["text"] for f in record["facts"] if f.get("label") == "分值") == ["100", "25", "25", "25", "25"]
    assert (str(record["metadata"]["score"]), record["metadata"]["grade"]) == ("100", "优")
    assert error_flags(record) == []


@pytest.mark.parametrize("header", _GRID_HEADERS)
def test_a_missed_target_in_the_budget_systems_grid_is_flagged(tmp_path, header):
    record = text_record(tmp_path, _GRID.format(header=header, satisfaction="86"))
    assert [f["rule"] for f in record["flags"] if f["severity"] in ("error", "warning")] == ["form.target_missed"]


def _points(fid: str, value: str) -> dict:
    return {"id": fid, "kind": "score", "value": Decimal(value), "unit": "分", "text": value, "decimals": 0,
            "scale": Decimal(1), "approx": False, "label": "分值",
            "source": {"block": 3, "table": None, "row": None, "col": None, "start": 0, "end": len(value), "quote": value}}


def _weighted_form(groups: list, unread: int = 0, rows: int = 12) -> dict:
    """A form whose score table weights every level: each group (its 分值, its parts' 分值)."""
    facts, level_weights = [], []
    for k, (weight, parts) in enumerate(groups):
        facts.append(_points(f"g{k}", weight))
        ids = []
        for n, part in enumerate(parts):
            facts.append(_points(f"p{k}_{n}", part))
            ids.append(f"p{k}_{n}")
        level_weights.append({"weight": f"g{k}", "parts": ids, "path": [f"组{k}"]})
    form = {"id": "form1", "name": "评分表", "level_weights": level_weights, "unread_rows": unread,
            "indicators": [{"path": ["x"]}] * rows}
    return {"facts": facts, "forms": [form]}


def test_one_group_off_its_parts_is_the_table_s_slip():
    record = _weighted_form([("20", ["6", "6", "8"]), ("30", ["10", "10", "8"]), ("50", ["25", "25"])])
    assert [f["stated"] for f in level_weight_flags(record)] == [Decimal("30")]


def test_most_groups_off_their_parts_is_a_misread_table():
    record = _weighted_form([("20", ["6"]), ("3", ["2", "3"]), ("20", ["50", "50"]), ("4", ["20", "7.5"])])
    assert level_weight_flags(record) == []


def test_a_table_with_more_rows_unread_than_read_raises_no_group_flag():
    groups = [("20", ["6", "6"]), ("30", ["10", "10", "10"])]
    assert level_weight_flags(_weighted_form(groups, unread=3, rows=2)) == []
    # (a row or two unread beside many read: the group short of its 分值 is still the table's slip)
    assert [f["stated"] for f in level_weight_flags(_weighted_form(groups, unread=1))] == [Decimal("20")]


# a target form's funds: the labels head a row, their figures the row under it
_DECLARED = {
    "cells": "年度资金总额（万元）\n其中：财政拨款（万元）\n其他资金（万元）\n{total}\n860.00\n120.00\n",
    "pipe": "| 年度资金总额（万元） | 其中：财政拨款（万元） | 其他资金（万元） |\n| {total} | 860.00 | 120.00 |\n",
    "spaced": "年度资金总额（万元）    其中：财政拨款（万元）    其他资金（万元）\n{total}    860.00    120.00\n",
}


def _declaration(shape: str, total: str) -> str:
    return ("某县农业农村局\n2024年度项目支出绩效目标申报表\n项目名称\n农机购置补贴\n主管部门\n某县农业农村局\n"
            + _DECLARED[shape].format(total=total)
            + "年度总体目标\n补贴农机具600台套，受益农户520户。\n一级指标\n二级指标\n三级指标\n指标值\n"
              "产出指标\n数量指标\n受益农户数\n≥520户\n")


@pytest.mark.parametrize("shape", sorted(_DECLARED))
def test_a_target_form_s_funds_over_one_row_are_the_year_s_budget(tmp_path, shape):
    record = text_record(tmp_path, _declaration(shape, "980.00"))
    amounts = sorted((f["text"], f["label"]) for f in record["facts"] if f["kind"] == "amount")
    assert amounts == [("120.00", "全年预算数"), ("860.00", "全年预算数"), ("980.00", "全年预算数")]
    assert error_flags(record) == []


@pytest.mark.parametrize("shape", sorted(_DECLARED))
def test_a_target_form_s_total_off_its_sources_is_flagged(tmp_path, shape):
    record = text_record(tmp_path, _declaration(shape, "1,020.00"))
    assert [f["rule"] for f in error_flags(record)] == ["form.funds_total"]


# a system's print-out: its page header and footer between the indicator rows are lines no
# row was read from, but the rows' 分值 make the 100, so every scored row was read
_PRINTED = """某县中小学校舍维修改造项目支出绩效自评表
项目资金（万元）    年初预算数    全年预算数    全年执行数    分值    执行率    得分
年度资金总额    500    500    490    10    98%    9.8
一级指标    二级指标    三级指标    年度指标值    实际完成值    分值    得分    偏差原因分析及改进措施
产出指标    数量指标    维修改造学校数量    ≥12所    12所    20    20
质量指标    工程验收合格率    100%    100%    20    20
打印时间：2024-03-15 10:21    某县财政局预算管理一体化系统
第 1 页 共 2 页
一级指标    二级指标    三级指标    年度指标值    实际完成值    分值    得分    偏差原因分析及改进措施
效益指标    社会效益指标    受益学生人数    ≥5000人    5210人    25    25
满意度指标    服务对象满意度指标    学生满意度    ≥90%    93%    25    {score}
总分    100    {total}
第 2 页 共 2 页
"""


@pytest.mark.parametrize("score, total, rules", [
    ("25", "99.8", []),
    ("23", "97.8", []),
    ("25", "98.8", ["form.score_total"]),  # the rows make 99.8
])
def test_lines_between_the_rows_that_hold_no_weight_leave_the_total_checked(tmp_path, score, total, rules):
    record = text_record(tmp_path, _PRINTED.format(score=score, total=total))
    assert [f["rule"] for f in error_flags(record)] == rules


# a budget block whose columns are the system's own (年度预算调整, 调整后的预算) and whose rate
# column writes its % bare after its name
_ADJUSTED = """某区民政局2023年度项目支出绩效自评表
项目名称 | 社区养老服务补助
预算执行情况（万元）
资金来源 | 年初预算 | 年度预算调整 | 调整后的预算 | 全年执行数 | 预算执行率% | 自评得分
合计 | 300.00 | 20.00 | 320.00 | 312.00 | {rate} | 9.75
当年财政资金 | 280.00 | 20.00 | 300.00 | 292.00 | 97.33 | —
上年结转资金 | 20.00 | 0.00 | 20.00 | 20.00 | 100.00 | —
"""


def test_a_rate_column_with_its_percent_sign_bare_gives_percents(tmp_path):
    record = text_record(tmp_path, _ADJUSTED.format(rate="97.50"))
    assert sorted(f["text"] for f in record["facts"] if f["kind"] == "percent") == ["100.00", "97.33", "97.50"]
    assert error_flags(record) == []


def test_a_rate_off_the_adjusted_budget_is_flagged(tmp_path):
    # 312.00 ÷ 320.00 = 97.50%
    record = text_record(tmp_path, _ADJUSTED.format(rate="95.50"))
    assert [f["rule"] for f in error_flags(record)] == ["form.execution_rate"]


def _amounts(record) -> list:
    return sorted(f["text"] for f in record["facts"] if f["kind"] == "amount")


def _rules(record) -> list:
    return sorted(f["rule"] for f in error_flags(record))


# the national system's edition that shows the weight the plan set beside the form's weight
_SET_WEIGHT_ROWS = [
    ["产出指标", "数量指标", "救助对象人数", "≥", "2400", "2466", "人", "30", "30", "{score}", "无"],
    ["", "质量指标", "救助资金发放准确率", "=", "100", "100", "%", "30", "30", "30", "无"],
    ["效益指标", "社会效益指标", "困难群众基本生活保障率", "≥", "98", "99.2", "%", "30", "30", "30", "无"],
]
_SET_WEIGHT_HEAD = ["一级指标", "二级指标", "指标名称", "计算符号", "指标值", "实际完成值", "计量单位", "权重设定值", "权重",
                    "实际得分", "偏差原因及改进措施"]


def _set_weight_form(shape: str, score: str = "30", total: str = "100") -> str:
    rows = [[c.format(score=score) for c in r] for r in _SET_WEIGHT_ROWS]
    lines = ["某县民政局临时救助资金项目支出绩效自评表", "预算执行情况（万元）",
             "资金来源 | 年初预算 | 全年执行数 | 预算执行率% | 自评得分", "合计 | 200.00 | 198.00 | 99.00 | 10"]
    if shape == "cells":
        lines += _SET_WEIGHT_HEAD + [c for r in rows for c in r]
    else:
        lines += ["    ".join(c for c in r if c) for r in [_SET_WEIGHT_HEAD] + rows]
    return "\n".join(lines + [f"自评总分    {total}", "自评等级    优"]) + "\n"


@pytest.mark.parametrize("shape", ["cells", "spaced"])
def test_a_set_weight_column_beside_the_weight_is_a_fact_and_no_sum_of_its_own(tmp_path, shape):
    record = text_record(tmp_path, _set_weight_form(shape))
    assert sorted(f["text"] for f in record["facts"] if f.get("label") == "权重设定值") == ["30", "30", "30"]
    assert error_flags(record) == []
    # the rows' 得分 with the budget's make 97, not the 100 written
    assert _rules(text_record(tmp_path, _set_weight_form(shape, score="27"))) == ["form.score_total"]


# a monitoring form: the sign after the result, run into the unit's cell by single spaces, and
# the year's forecast in a column of its own
_MONITOR = """某县人社局2024年就业补助资金绩效运行监控表
指标名称 年度指标值 当前完成值 全年预计完成值 计算符号 计量单位 完成可能性分析 偏差原因分析
城镇新增就业人数 3500 2612 3560 ≥ 人 能完成 —
职业技能培训 4200 2860 4300 ≥ 人次 能完成 下半年集中开班
培训后就业率 60 57.4 61 ≥ % 有可能 部分学员尚在跟踪
"""


def test_a_monitoring_form_s_sign_and_unit_after_its_figures(tmp_path):
    record = text_record(tmp_path, _MONITOR)
    facts = sorted((f["label"], f["text"], f["unit"]) for f in record["facts"] if f.get("form"))
    assert ("年度指标值", "4200", "人次") in facts and ("实际完成值", "2860", "人次") in facts
    assert ("全年预计完成值", "4300", "人次") in facts and ("年度指标值", "60", "%") in facts
    assert error_flags(record) == []


# a bond project's grid that names both levels in one cell
def test_both_levels_in_one_cell_leave_the_row_its_name(tmp_path):
    text = ("某县2023年度专项债券项目绩效自评表\n"
            "| 绩效目标类型 | 绩效目标名称 | 绩效目标值 | 实际完成值 | 度量单位 | 指标满分值 | 得分 | 偏差原因分析及整改措施 |\n"
            "| 产出指标—数量指标 | 新建管网长度 | ≥35 | 36.8 | 公里 | 50 | 50 | 无 |\n"
            "| 满意度指标—服务对象满意度指标 | 周边居民满意度 | ≥85 | 91 | % | 50 | 50 | 无 |\n"
            "| 总分 | 100 | 100 | | | | | |\n")
    record = text_record(tmp_path, text)
    rows = record["forms"][0]["indicators"]
    assert [r["path"] for r in rows] == [["产出指标", "数量指标", "新建管网长度"],
                                         ["满意度指标", "服务对象满意度指标", "周边居民满意度"]]
    assert _targets(record) == [("85", "%")]


# an evaluation's score sheet weighting every level, each row's unit and target before its 分值
_WEIGHTED_CELLS = ["一级指标", "分值", "二级指标", "分值", "三级指标", "计量单位", "目标值（标准）", "分值", "实际值", "得分", "扣分原因",
                   "决策", "20", "项目立项", "10", "立项依据充分性", "—", "充分", "5", "充分", "5", "—",
                   "立项程序规范性", "—", "规范", "5", "基本规范", "4", "程序记录不全",
                   "资金投入", "10", "预算编制科学性", "—", "科学", "10", "科学", "10", "—",
                   "产出", "80", "产出数量", "{weight}", "救助人数", "人", "≥1,200", "40", "1,236", "40", "—",
                   "救助覆盖率", "%", "100", "40", "100", "40", "—"]


def test_a_score_sheet_with_unit_and_target_before_each_row_s_points(tmp_path):
    text = "附表：某县医疗救助资金绩效评价指标体系及评分表\n" + "\n".join(_WEIGHTED_CELLS).format(weight="80") + "\n总分\n100\n99\n"
    record = text_record(tmp_path, text)
    rows = {r["path"][-1]: r for r in record["forms"][0]["indicators"]}
    assert set(rows) == {"立项依据充分性", "立项程序规范性", "预算编制科学性", "救助人数", "救助覆盖率"}
    assert rows["救助人数"]["target"]["text"].startswith("≥1,200") and rows["救助人数"]["target"]["unit"] == "人"
    assert error_flags(record) == []
    # 产出数量 weighted 70 over rows of 40 and 40: the table's own slip
    off = "附表：某县医疗救助资金绩效评价指标体系及评分表\n" + "\n".join(_WEIGHTED_CELLS).format(weight="70") + "\n总分\n100\n99\n"
    assert "score.tree" in _rules(text_record(tmp_path, off))


# a department form's budget as task rows, each with its 其中 columns, rate and points
_TASKS = """某县交通运输局部门整体支出绩效自评表
部门预算情况（万元）
{header}
{rows}
年度总体目标 | 实际完成情况
"""
_TASK_HEAD = ["任务名称", "完成情况", "年初预算数", "全年预算数", "其中：财政拨款", "全年执行数", "其中：财政拨款", "预算执行率%", "分值", "自评得分"]
_TASK_ROWS = [["农村公路养护", "完成养护1200公里", "1500.00", "1600.00", "1600.00", "1520.00", "{part}", "{rate}", "—", "—"],
              ["城乡客运补贴", "补贴发放到位", "600.00", "640.00", "640.00", "640.00", "640.00", "100.00", "—", "—"],
              ["金额合计", "—", "2100.00", "2240.00", "2240.00", "2160.00", "2160.00", "96.43", "10", "9.64"]]


def _tasks(shape: str, part: str = "1520.00", rate: str = "95.00") -> str:
    rows = [[c.format(part=part, rate=rate) for c in r] for r in _TASK_ROWS]
    join = (lambda r: "| " + " | ".join(r) + " |") if shape == "pipe" else "    ".join
    return _TASKS.format(header=join(_TASK_HEAD), rows="\n".join(join(r) for r in rows))


@pytest.mark.parametrize("shape", ["pipe", "spaced"])
def test_a_department_s_task_rows_read_with_their_parts_rates_and_points(tmp_path, shape):
    record = text_record(tmp_path, _tasks(shape))
    assert "2240.00" in _amounts(record) and _amounts(record).count("640.00") == 4
    assert sorted(f["text"] for f in record["facts"] if f["kind"] == "percent") == ["100.00", "95.00", "96.43"]
    assert error_flags(record) == []


@pytest.mark.parametrize("shape", ["pipe", "spaced"])
def test_a_task_s_rate_off_its_figures_and_a_part_over_its_whole_are_flagged(tmp_path, shape):
    assert _rules(text_record(tmp_path, _tasks(shape, rate="97.00"))) == ["form.execution_rate"]  # 1520 ÷ 1600 = 95%
    assert _rules(text_record(tmp_path, _tasks(shape, part="1530.00"))) == ["form.funds_total"]  # 1530 > 1520


def test_amounts_with_thousands_separators_after_a_row_s_label_are_no_csv(tmp_path):
    text = ("某县专项债券项目绩效自评表\n项目资金（元） 资金来源 年初预算数 全年预算数 全年执行数 执行率\n"
            "合计 84,000,000.00 79,000,000.00 75,400,000.00 95.44%\n"
            "专项债券 50,000,000.00 50,000,000.00 48,500,000.00 97.00%\n"
            "银行贷款 34,000,000.00 29,000,000.00 26,900,000.00 92.76%\n")
    amounts = _amounts(text_record(tmp_path, text))
    assert "84,000,000.00" in amounts and "26,900,000.00" in amounts and len(amounts) == 9


def test_a_unit_cell_of_ten_thousands_stays_whole_before_the_target(tmp_path):
    text = ("某县危桥改造项目支出绩效自评表\n一级指标 二级指标 三级指标 三级指标单位名称 年度指标值 实际完成值 分值 得分 未完成原因\n"
            "产出指标 成本指标 单座桥梁平均补助 万元 ≤170 163.70 50 50 无\n效益指标 社会效益指标 受益群众 万人 4.5 4.86 50 50 无\n"
            "总分 100 100\n")
    record = text_record(tmp_path, text)
    values = sorted((f["kind"], f["value"]) for f in record["facts"] if f.get("form") and f["kind"] != "score")
    assert values == [("amount", Decimal("1637000.00")), ("amount", Decimal("1700000")),
                      ("headcount", Decimal("45000.0")), ("headcount", Decimal("48600.00"))]
    assert [f for f in record["flags"] if f["rule"] == "unit.slip"] == []


# a page printing its rows as labelled parts, each level named on a line of its own
_KEYED = """某县农村供水工程维修养护项目支出绩效自评表
附件：评价指标评分明细
一级指标：产出（分值60，得分{level_score}）
二级指标：产出数量（分值30）
三级指标：维修养护工程数量；计量单位：处；目标值：≥360；分值：15；实际值：366；得分：15
三级指标：管水员配备人数；计量单位：人；目标值：≥180；分值：15；实际值：186；得分：15
二级指标：产出质量（分值30）
三级指标：水质检测合格率；计量单位：%；目标值：≥95；分值：30；实际值：{rate}；得分：{score}；扣分原因：{reason}
"""


def test_labelled_parts_a_line_become_a_table_under_their_labels():
    from extractor.ingest.keyed_rows import keyed_rows_as_pipes

    lines = keyed_rows_as_pipes(_KEYED.format(level_score="60", rate="95.8", score="30", reason="无").split("\n"))
    rows = [line for line in lines if line.startswith("|")]
    assert rows[0] == "| 一级指标 | 二级指标 | 三级指标 | 计量单位 | 目标值 | 分值 | 实际值 | 得分 |"
    assert rows[1] == "| 产出 | 产出数量 | 维修养护工程数量 | 处 | ≥360 | 15 | 366 | 15 |"
    assert rows[4] == "| 产出 | 产出质量 | 水质检测合格率 | % | ≥95 | 30 | 95.8 | 30 | 无 |"
    # a line of prose with colons in it stays as it is
    prose = ["经核查：项目已完工；资金已拨付；群众满意度较高。"]
    assert keyed_rows_as_pipes(prose) == prose


def test_labelled_parts_are_read_as_an_indicator_table(tmp_path):
    record = text_record(tmp_path, _KEYED.format(level_score="60", rate="95.8", score="30", reason="无"))
    assert ("95", "%") in _targets(record) and ("180", "人") in _targets(record)
    assert {"60", "30"} <= {f["text"] for f in record["facts"] if f["kind"] == "score"}  # (分值60 in brackets too)
    assert error_flags(record) == []
    missed = text_record(tmp_path, _KEYED.format(level_score="60", rate="93.6", score="30", reason="无"))
    assert [f["rule"] for f in missed["flags"] if f["severity"] in ("error", "warning")] == ["form.target_missed"]


def test_a_compared_target_in_a_table_takes_its_row_s_unit_cell(tmp_path):
    text = ("某县水利局项目绩效评价报告\n附表 评分明细\n| 三级指标 | 计量单位 | 目标值 | 分值 | 实际值 | 得分 |\n"
            "| 维修工程数量 | 处 | ≥360 | 20 | 366 | 20 |\n| 管水员人数 | 人 | ≥180 | 20 | 186 | 20 |\n"
            "| 水质合格率 | % | 不低于95 | 20 | 95.8 | 20 |\n")
    facts = sorted((f["kind"], f["text"]) for f in text_record(tmp_path, text)["facts"] if f["kind"] != "score")
    # (处 counts places, as 个 counts things)
    assert facts == [("count", "360"), ("count", "366"), ("headcount", "180"), ("headcount", "186"), ("percent", "95"),
                     ("percent", "95.8")]


# a portal's page: the funds as statements, each indicator a block of one labelled part a line
_PAGE = """某县图书馆免费开放补助资金项目支出绩效自评表
二、资金情况
年度资金总额：86.00万元；其中财政拨款：80.00万元；上年结转：6.00万元
全年执行数：83.42万元；执行率：{rate}；分值：10；得分：9.70
四、绩效指标
一级指标：产出指标（60分）
二级指标：数量指标

指标名称：年接待读者人次
年度指标值：≥15万人次
实际完成值：16.28万人次
分值：30
得分：30

指标名称：举办阅读推广活动人次
年度指标值：≥1.2万人次
实际完成值：{actual}万人次
分值：30
得分：30

一级指标：满意度指标（30分）
指标名称：读者满意度
年度指标值：≥90%
实际完成值：94%
分值：30
得分：{score}

总分：{total}
自评等级：优
"""


def _page(rate="97.00%", actual="1.36", score="30", total="99.7") -> str:
    return _PAGE.format(rate=rate, actual=actual, score=score, total=total)


def test_a_portal_page_s_statements_and_blocks_read_as_a_form(tmp_path):
    record = text_record(tmp_path, _page())
    rows = record["forms"][0]["indicators"]
    assert [r["path"][-1] for r in rows] == ["年接待读者人次", "举办阅读推广活动人次", "读者满意度"]
    assert rows[0]["path"][:2] == ["产出指标", "数量指标"]
    assert error_flags(record) == []


@pytest.mark.parametrize("change, rule", [
    ({"rate": "95.00%"}, "form.execution_rate"),  # 83.42 ÷ 86.00 = 97.00%
    ({"total": "98.7"}, "form.score_total"),  # 9.70 + 30 + 30 + 30 = 99.7
])
def test_a_portal_page_s_slips_are_flagged(tmp_path, change, rule):
    assert _rules(text_record(tmp_path, _page(**change))) == [rule]


def test_a_portal_page_s_missed_target_with_full_marks_is_flagged(tmp_path):
    record = text_record(tmp_path, _page(actual="1.08"))
    assert [f["rule"] for f in record["flags"] if f["severity"] in ("error", "warning")] == ["form.target_missed"]


# a monitoring form's spending so far, its months in brackets after the column's name
_SO_FAR = """某县乡村振兴局2024年项目绩效运行监控表
预算执行情况（万元）
资金来源 | 年初预算 | 调整后预算数 | 预算执行数（1-8月） | 预算执行率(%) | 全年预计执行数
合计 | 420.00 | 438.00 | 210.30 | {rate} | 431.55
监控结论：截至8月底支出210.30万元，预计全年执行431.55万元。
"""


def test_spending_to_a_month_is_no_year_s_execution(tmp_path):
    assert error_flags(text_record(tmp_path, _SO_FAR.format(rate="48.01"))) == []  # 210.30 ÷ 438.00
    assert _rules(text_record(tmp_path, _SO_FAR.format(rate="58.01"))) == ["form.execution_rate"]


# a special fund's evaluation table: weights at every level, the raw data items a rate is worked
# out from, the result as 指标值, and no 得分 column
_DATA_ITEMS = """某市口岸建设专项资金绩效评价报告
经综合评分，总得分{total}分，评价等级为“优”。
| 一级指标 | 权重（分） | 二级指标 | 分值 | 三级指标 | 计量单位 | 目标值（标准） | 分值 | 数据项1 | 数据项2 | 指标值 |
| 过程 | 40 | 资金管理 | 40 | 预算执行进度（7月） | % | 40% | 20 | 518.3 | 1260 | 41.13% |
| | | | | 资金到位率 | % | 100% | 20 | 1260 | 1260 | 100% |
| 产出 | 60 | 产出数量 | 60 | 查验集装箱数量 | 万标箱 | ≥12 | 60 | 12.6 | — | 12.6 |
"""


def test_data_items_take_no_unit_and_weights_alone_make_no_score_tree(tmp_path):
    record = text_record(tmp_path, _DATA_ITEMS.format(total="92.0"))
    percents = sorted(f["text"] for f in record["facts"] if f["kind"] == "percent")
    assert percents == ["100%", "100%", "40%", "41.13%"]  # (518.3 and 1260 are no percents)
    assert error_flags(record) == []


# a province's form with the first and the adjusted target, and another's unit cell described in
# brackets, run into the figure when the row is flattened with single spaces
_ADJUSTED_TARGETS = ["一级指标", "二级指标", "三级指标", "年初指标值", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施",
                     "产出指标", "数量指标", "康复救助儿童人数", "≥140人", "≥150人", "{actual}", "50", "50", "—",
                     "满意度指标", "服务对象满意度指标", "家长满意度", "≥90%", "—", "94%", "50", "50", "—"]


@pytest.mark.parametrize("actual, rules", [("156人", []), ("147人", ["form.target_missed"])])
def test_the_adjusted_target_is_the_one_a_result_is_held_to(tmp_path, actual, rules):
    text = "某县残联残疾儿童康复项目支出绩效自评表\n" + "\n".join(_ADJUSTED_TARGETS).format(actual=actual) + "\n总分\n100\n100\n"
    record = text_record(tmp_path, text)
    assert sorted(f["text"] for f in record["facts"] if f["kind"] == "headcount") == sorted(["≥140人"[1:], "150人", actual])
    assert [f["rule"] for f in record["flags"] if f["severity"] in ("error", "warning")] == rules


def test_a_unit_described_in_brackets_after_its_figure_is_the_figure_s_unit(tmp_path):
    text = ("某县司法局社区矫正项目支出绩效自评表\n一级指标 二级指标 三级指标 指标值（含符号） 单位(文字描述) 实际完成值 分值 得分\n"
            "产出指标 数量指标 集中教育学习 ≥2400 人次(人次数) 2586 50 50\n"
            "帮教安置人数 ≥300 人(人数) 326 50 50\n总分 100 100\n")
    record = text_record(tmp_path, text)
    assert sorted((f["text"], f["unit"]) for f in record["facts"] if f["kind"] in ("headcount", "person_times")) == \
        [("2400人次", "人次"), ("2586", "人次"), ("300人", "人"), ("326", "人")]


def test_the_header_s_last_cell_and_the_total_row_s_name_stay_two_words():
    from extractor.normalize import normalize

    assert normalize("预算执行率(%) 分值 得分 合计 420.00 -35.00") == "预算执行率(%) 分值 得分 合计 420.00 -35.00"
    assert normalize("年度 指标值 实际 完成值") == "年度指标值 实际完成值"
