"""Forms and reports laid out as pages copy them, read blind in the thirty-first session's
rounds: a department form one cell a line whose merged group cells are written again on every
row and whose header units wrapped onto lines of their own; a coverage rate of people aided;
中央 and 地方 as the whole of public money; a score table whose first levels follow the last
level's 小计 on its line; a cover's lines; a report stating what its score is out of. Every
text here is made up for the tests."""
import pytest
from conftest import error_flags, text_record

_FUND_ROWS = [("年度资金总额", ["2150.00", "2480.60", "2396.30", "10", "96.60%", "9.66"]),
              ("按收入性质分", []), ("一般公共预算", ["1630.00", "1880.60", "1812.40"]),
              ("按支出性质分", []), ("基本支出", ["820.50", "846.10", "842.70"]),
              ("按收入性质分", []), ("政府性基金预算", ["460.00", "540.00", "525.90"]),
              ("按支出性质分", []), ("项目支出", ["1329.50", "1634.50", "1553.60"]),
              ("按收入性质分", []), ("其他资金", ["60.00", "60.00", "58.00"])]


def _department_form(units_wrapped: bool, groups_repeated: bool) -> str:
    unit = "\n（万元）" if units_wrapped else "（万元）"
    lines, seen = ["部门整体支出绩效自评表", "（2023年度）", "部门名称", "北岸县水务局", "年度预算申请",
                   f"年初预算数{unit}", f"全年预算数{unit}", f"全年执行数{unit}", "分值", "执行率", "得分"], set()
    for label, cells in _FUND_ROWS:
        if not cells and label in seen and not groups_repeated:
            continue
        seen.add(label)
        lines += [label] + cells
    lines += ["年度总体目标", "预期目标", "实际完成情况", "完成河道清淤。", "已完成。", "一级指标", "二级指标", "三级指标",
              "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施", "产出指标", "数量指标", "河道清淤长度",
              "≥30公里", "32公里", "90", "90", "总分", "100", "99.66", "自评等级", "优"]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("units_wrapped, groups_repeated", [(True, False), (False, True), (True, True)])
def test_a_department_form_one_cell_a_line_as_pages_copy_it(tmp_path, units_wrapped, groups_repeated):
    record = text_record(tmp_path, _department_form(units_wrapped, groups_repeated))
    amounts = [f["text"] for f in record["facts"] if f["kind"] == "amount"]
    assert sorted(amounts) == sorted(c for _, cells in _FUND_ROWS for c in cells[:3])
    assert not error_flags(record)


def test_a_label_s_unit_on_its_own_line_before_its_figure_stays_the_label_s():
    from extractor.ingest.stacked_headers import stacked_headers_joined
    lines = ["计划安排资金", "(万元)", "170", "年初预算数", "（万元）", "全年预算数", "（万元）", "分值"]
    assert stacked_headers_joined(lines) == ["计划安排资金", "(万元)", "170", "年初预算数（万元）", "全年预算数（万元）", "分值"]


@pytest.mark.parametrize("local, flagged", [("400.00", False), ("370.00", True)])
def test_central_and_local_money_are_the_whole_of_it(tmp_path, local, flagged):
    text = f"一、资金情况\n2023年安排补助资金年度资金总额3,000.00万元，其中：中央财政资金2,600.00万元，地方资金{local}万元。\n"
    flags = [f for f in text_record(tmp_path, text)["flags"] if f["rule"] == "sum.breakdown"]
    assert bool(flags) is flagged and all(f["severity"] == "warning" for f in flags)


def test_first_levels_after_the_last_level_s_subtotal_on_its_line(tmp_path):
    rows = ("指标名称  分值  得分  扣分原因\n"
            "决策  项目立项  立项依据充分性  5  5  立项程序规范性  5  4  未经集体研究，扣1分  资金分配合理性  5  5\n"
            "小计  15  14  过程  资金管理  资金到位率  10  10  预算执行率  10  9  执行率91%，扣1分  资金使用合规性  5  5\n"
            "小计  25  24  产出  产出数量  改造完成率  30  30  产出质量  验收合格率  30  28  两处返工，扣2分\n"
            "小计  60  58  合计  100  96\n")
    record = text_record(tmp_path, "北岸县道路改造项目绩效评价报告\n一、评分情况\n" + rows + "二、问题\n个别路段进度滞后。\n")
    paths = {tuple(i["path"]) for i in record["indicators"]}
    assert ("过程", "预算执行率") in paths or ("过程", "资金管理", "预算执行率") in paths
    assert not error_flags(record)


def test_a_cover_s_lines_each_stand_alone_and_what_the_score_is_out_of_is_no_score(tmp_path):
    text = ("北岸县2023年城乡医疗救助补助资金绩效评价报告\n\n委托单位：北岸县财政局\n\n评价机构：北岸正信会计师事务所有限公司\n\n"
            "报告文号：正信绩评〔2024〕第9号\n\n北岸县财政局：\n\n受贵局委托，我公司对该项资金开展了绩效评价。\n\n"
            "评价总分100分，评价结果分为四个等级：90分（含）以上为“优”，80分（含）-90分为“良”。\n\n"
            "经评价，该项资金综合得分92.5分，评价等级为“优”。\n")
    metadata = text_record(tmp_path, text)["metadata"]
    assert metadata["evaluator"] == "北岸正信会计师事务所有限公司"
    assert str(metadata["score"]) == "92.5" and metadata["grade"] == "优"


def _cells_form(carryover_budget: str) -> str:
    cells = ["项目支出绩效自评表", "（2023年度）", "项目名称", "北岸县临时救助资金", "主管部门", "北岸县民政局",
             "项目资金（万元）", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分",
             "年度资金总额", "300", "330", "322.40", "10", "97.70%", "9.77",
             "其中：当年财政拨款", "300", "310", "303.10",
             "上年结转资金", carryover_budget, "19.30",  # (no 年初预算数: it came after the year began)
             "其他资金",
             "年度总体目标", "预期目标", "实际完成情况", "及时救助困难群众。", "已完成。", "总分", "100", "98.77"]
    return "\n".join(cells) + "\n"


def test_a_part_row_that_left_out_an_empty_cell_is_placed_by_the_block_s_sums(tmp_path):
    record = text_record(tmp_path, _cells_form("20"))
    carryover = next(r for r in record["forms"][0]["funds"] if r["label"] == "上年结转资金")
    assert set(carryover["cells"]) == {"全年预算数", "全年执行数"}
    assert not error_flags(record)
    [flag] = error_flags(text_record(tmp_path, _cells_form("30")), "form.funds_total")
    assert "330" in flag["message"]


_COEFFICIENT_ROWS = [["一级指标", "二级指标", "三级指标", "度量单位", "指标性质", "指标值", "实际完成值", "得分系数",
                      "指标权重（分）", "指标得分", "是否核心指标"],
                     ["产出指标", "数量指标", "资助学生人数", "人", "≥", "6400", "6518", "1.00", "30", "30", "是"],
                     ["产出指标", "质量指标", "资金足额发放率", "%", "=", "100", "100", "1.00", "30", "30", "否"],
                     ["效益指标", "社会效益指标", "家长满意度", "%", "≥", "90", "87.5", "0.90", "40", "36", "否"],
                     ["总分", "", "", "", "", "", "", "", "100", "96", ""]]


@pytest.mark.parametrize("shape", ["pipe", "cells"])
def test_a_form_scoring_each_row_by_a_coefficient_of_its_weight(tmp_path, shape):
    # (四川's template: 得分系数 1.00 / 0.90 is the share of the weight a row earns, no points)
    if shape == "pipe":
        rows = "\n".join("|".join(r) for r in _COEFFICIENT_ROWS)
    else:
        rows = "\n".join(c for r in _COEFFICIENT_ROWS for c in r if c)
    text = "项目支出绩效目标自评表\n项目名称\n北岸县学生资助补助资金\n" + rows + "\n"
    record = text_record(tmp_path, text)
    facts = {(f["kind"], f["text"]) for f in record["facts"]}
    assert {("headcount", "6400"), ("headcount", "6518"), ("percent", "87.5"), ("score", "36")} <= facts
    assert not any(f["text"] in ("1.00", "0.90") for f in record["facts"])
    assert not error_flags(record)


def test_rows_whose_names_hold_other_rows_figures_are_no_rows(tmp_path):
    # (a score table run together with no break at all, three levels, no subtotals: a reading
    # whose names hold figures, 立项依据充分性55立项程序规范性54…过程, checks no sum)
    table = ("一级指标二级指标三级指标分值得分决策2019项目立项立项依据充分性55立项程序规范性54绩效目标绩效目标合理性55"
             "资金投入资金分配合理性54过程2018资金管理资金到位率55预算执行率54资金使用合规性55组织实施制度执行有效性54"
             "产出3028产出数量保障人数1515产出质量认定准确率1513效益3026社会效益基本生活保障1513满意度保障对象满意度1513合计10091")
    text = ("北岸县2023年度农村低保资金绩效评价报告 三、评价结论 项目综合得分91分，评价等级为“优”。"
            "北岸县2023年度农村低保资金绩效评价评分表" + table + "四、主要成效 全年发放低保金1,200.50万元。\n")
    assert not error_flags(text_record(tmp_path, text))


# (a text, the rule, whether it flags: each sentence once consistent, once with a slip)
_ONE_SENTENCE = [
    # a coverage rate of people aided: 4,010 ÷ 4,120 = 97.33%
    ("医疗救助情况\n全县应资助参保困难群众4,120人，已资助4,010人，覆盖率{}。\n", "ratio.stated", "97.33%", "99.5%"),
    # money said to come wholly from its sources (全部来源于 A 和 B): a complete list
    ("二、资金情况\n2023年全县安排高龄津贴资金918.40万元，全部来源于省级补助资金600.00万元和县级财政资金{}万元。\n",
     "sum.breakdown", "318.40", "298.40"),
    # last year's level named by its year (2023年为… after a 2024 figure)
    ("二、资金情况\n2024年县级财政安排养老保险补助资金1,320.00万元，2023年为1,225.00万元，比上年增长{}万元。\n",
     "diff.change", "95.00", "105.00"),
]


@pytest.mark.parametrize("text, rule, consistent, slip", _ONE_SENTENCE, ids=lambda v: v if v in (
    "ratio.stated", "sum.breakdown", "diff.change") else None)
def test_one_sentence_once_consistent_once_with_a_slip(tmp_path, text, rule, consistent, slip):
    assert not error_flags(text_record(tmp_path, text.format(consistent)), rule)
    assert error_flags(text_record(tmp_path, text.format(slip)), rule)


def test_a_year_before_a_level_that_is_not_the_year_before_names_no_base(tmp_path):
    # (2022年为 after a 2024 figure: no year-on-year base)
    text = "二、资金情况\n2024年县级财政安排养老保险补助资金1,320.00万元，2022年为1,225.00万元，比上年增长105.00万元。\n"
    assert not error_flags(text_record(tmp_path, text), "diff.change")


def test_a_province_s_form_titled_for_its_spending(tmp_path):
    # (广东's 财政支出绩效自评表: 资金来源 heads the rows, 合计 is the total)
    cells = ["财政支出绩效自评表", "（2023年度）", "项目名称", "北岸区校园安防建设项目", "主管部门", "北岸区教育局",
             "资金使用单位", "北岸区教育局", "资金使用情况", "金额单位：万元", "资金来源", "年初预算数", "全年预算数（A）",
             "全年执行数（B）", "执行率（B/A）", "分值", "得分", "合计", "640.00", "640.00", "601.60", "94.00%", "10", "9.40",
             "市级补助资金", "240.00", "240.00", "240.00", "100.00%", "区级财政资金", "400.00", "400.00", "361.60", "90.40%",
             "绩效目标完成情况", "一级指标", "二级指标", "三级指标", "年度目标值", "实际完成值", "分值", "得分",
             "产出指标", "数量指标", "建成校园一键报警点位", "≥120个", "126个", "90", "90", "总分", "100", "99.40"]
    record = text_record(tmp_path, "\n".join(cells) + "\n")
    assert record["metadata"]["report_type"] == "form_project"
    amounts = sorted(f["text"] for f in record["facts"] if f["kind"] == "amount")
    assert amounts == sorted(["640.00", "640.00", "601.60", "240.00", "240.00", "240.00", "400.00", "400.00", "361.60"])
    assert not error_flags(record)


def test_score_rows_whose_worded_targets_are_clauses(tmp_path):
    # (a department's table one cell a line, empty cells left out: 经济效益 and 社会效益 name rows
    # here, their targets and results clauses with 、 and ，)
    cells = ["一级指标", "二级指标", "三级指标", "指标值", "实际完成值", "分值", "得分", "",
             "产出", "职责履行", "重点工作完成率", "100%", "96%", "40", "38", "",
             "效果", "履职效益", "经济效益", "保障项目用地、盘活存量土地", "存量土地盘活进度偏慢", "20", "18", "",
             "社会效益", "零伤亡、耕地不减少", "零伤亡，个别图斑整改未完成", "20", "17", "",
             "服务对象满意度", "≥95%", "96.5%", "20", "20", "", "合计", "100", "93"]
    text = "北岸县自然资源局部门整体支出绩效评价报告\n三、绩效评价情况\n" + "\n".join(cells) + "\n四、存在问题\n个别工作滞后。\n"
    record = text_record(tmp_path, text)
    scores = sorted(f["text"] for f in record["facts"] if f["kind"] == "score")
    assert {"18", "17"} <= set(scores) and scores.count("20") >= 4
    assert not error_flags(record)


_TOWNS = [("城关镇", "48", "51", "15.30"), ("河口镇", "62", "66", "19.80"), ("石门乡", "40", "43", "12.90"),
          ("合计", "150", "160", "48.00")]


def test_a_table_s_caption_under_it_lists_its_columns_units(tmp_path):
    cells = "\n\n".join("\n".join(row) for row in [("乡镇", "受益户数", "受助学生", "补助金额")] + _TOWNS)
    text = ("北岸县2023年雨露计划补助资金绩效评价报告\n（一）资金分配情况\n补助资金按学生人数分配，分配情况如下。\n\n"
            + cells + "\n表1  2023年雨露计划补助资金分乡镇分配表（单位：户、人、万元）\n二、存在问题\n个别乡镇发放滞后。\n")
    facts = {(f["kind"], f["text"]) for f in text_record(tmp_path, text)["facts"]}
    assert {("households", "48"), ("headcount", "51"), ("amount", "15.30"), ("amount", "48.00")} <= facts


def test_a_unit_line_under_a_table_is_its_unit(tmp_path):
    rows = "项目    2022年    2023年    增减额\n公务接待费    1.86    1.52    -0.34\n公务用车运行维护费    9.60    8.45    -1.15\n合计    11.46    9.97    -1.49\n"
    text = "（三）“三公”经费情况\n对比情况如下。\n" + rows + "（单位：万元）\n二、绩效目标完成情况\n全部完成。\n"
    amounts = {f["text"] for f in text_record(tmp_path, text)["facts"] if f["kind"] == "amount"}
    assert {"1.86", "9.97", "-1.49"} <= amounts


def test_a_wide_table_whose_rows_wrap_onto_indented_lines(tmp_path):
    lines = ["项目支出资金来源及使用情况如下（表格较宽，每行分两行列示；单位：万元）：",
             "资金来源    年初预算    调整预算    到位数", "    支出数    结余",
             "中央补助    4,260.00    4,512.80    4,512.80", "    4,468.35    44.45",
             "省级补助    1,320.00    1,386.50    1,386.50", "    1,362.74    23.76",
             "合计    5,580.00    5,899.30    5,899.30", "    5,831.09    68.21", "", "二、问题", "个别资金结余。"]
    record = text_record(tmp_path, "\n".join(lines) + "\n")
    amounts = {f["text"]: f["label"] for f in record["facts"] if f["kind"] == "amount"}
    assert {"4,468.35", "44.45", "5,831.09", "68.21", "4,260.00"} <= set(amounts)
    assert "结余" in amounts["44.45"]
    assert not error_flags(record)


def _breakdowns_with_own_headers(general: str) -> str:
    head = ["年初预算数（万元）", "全年预算数（万元）", "全年执行数（万元）"]
    cells = (["部门整体支出绩效自评表", "部门名称", "北岸县卫生健康局", "年度预算申请"] + head + ["分值", "执行率", "得分",
             "年度资金总额", "3200.00", "3400.00", "3332.00", "10", "98.00%", "9.80",
             "按收入性质分"] + head + ["按支出性质分"] + head
             + ["其中：一般公共预算", general, "3100.00", "3040.00", "其中：基本支出", "1200.00", "1250.00", "1250.00",
                "政府性基金预算", "200.00", "300.00", "292.00", "项目支出", "2000.00", "2150.00", "2082.00",
                "年度总体目标", "预期目标", "实际完成情况", "保障基本公共卫生服务。", "已完成。"])
    return "\n".join(cells) + "\n"


def test_breakdowns_under_headers_of_their_own_are_held_to_the_block_s_total(tmp_path):
    # (按收入性质分 | 年初预算数 | … beside 按支出性质分 | 年初预算数 | …: the same block, not new ones)
    assert not error_flags(text_record(tmp_path, _breakdowns_with_own_headers("3000.00")))
    [flag] = error_flags(text_record(tmp_path, _breakdowns_with_own_headers("2900.00")), "form.funds_total")
    assert "3200.00" in flag["message"] and "2900.00" in flag["message"]


def test_two_part_rows_that_left_out_their_start_of_year_budget_are_placed_together(tmp_path):
    def form(budget: str) -> str:
        cells = ["项目支出绩效自评表", "项目名称", "北岸县垃圾收运项目", "项目资金（万元）", "年初预算数", "全年预算数", "全年执行数",
                 "分值", "执行率", "得分", "年度资金总额", "400.00", budget, "462.50", "10", "98.40%", "9.84",
                 "其中：当年财政拨款", "400.00", "400.00", "395.00", "上年结转资金", "45.00", "42.50", "其他资金", "25.00", "25.00",
                 "年度总体目标", "预期目标", "实际完成情况", "垃圾日产日清。", "已完成。"]
        return "\n".join(cells) + "\n"
    assert not error_flags(text_record(tmp_path, form("470.00")))
    [flag] = error_flags(text_record(tmp_path, form("480.00")), "form.funds_total")
    assert "480.00" in flag["message"]


def test_a_review_s_score_in_a_sentence_that_says_so_is_the_report_s(tmp_path):
    text = ("北岸县高标准农田建设项目绩效评价报告\n三、评价结论\n项目单位自评得分96分。经评价工作组复核，本项目综合得分86分，"
            "绩效评价等级为“良”。评价等级划分标准为：综合得分90分（含）以上为优，80（含）—90分为良。\n")
    metadata = text_record(tmp_path, text)["metadata"]
    assert str(metadata["score"]) == "86" and metadata["grade"] == "良"
    assert not error_flags(text_record(tmp_path, text), "score.grade")


def test_the_report_s_score_is_not_held_to_rows_whose_weights_fall_short_of_100(tmp_path):
    # (the table's last row and its 合计 ran on after it, unread: the rows read weigh 90)
    rows = ["一级指标  二级指标  三级指标  分值  得分", "决策  项目立项  立项依据充分性  20  18",
            "过程  资金管理  预算执行率  30  27", "产出  产出数量  完成率  40  38"]
    text = ("北岸县项目绩效评价报告\n三、评价结论\n本项目综合得分92分，评价等级为“优”。\n附件：评分表\n" + "\n".join(rows)
            + "\n效益  满意度  群众满意度  10  9  合计      100  92\n")
    assert not error_flags(text_record(tmp_path, text), "score.tree")
