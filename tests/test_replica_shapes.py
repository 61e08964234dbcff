"""Shapes the replica probe rounds of the twenty-fourth session met: cells opened by pipes one
a line with a pipe alone closing each row, a table one cell a line under an attachment's label
(附件2), and the last numbered row of such a table that left out its empty last cell before the
合计 row. Every text here is made up for the tests."""
from conftest import error_flags, text_record


def _facts(record, kind=None):
    return [(f["kind"], str(f["value"]), f.get("label")) for f in record["facts"] if kind in (None, f["kind"])]


# ---- cells opened by pipes, one a line; a pipe alone closes the row
_PIPE_OPENED = ("单位：户\n乡镇\n| 低保户数\n| 特困户数\n| 救助资金（万元）\n|\n"
                "城关镇\n| 412\n| 37\n| 186.50\n|\n河口镇\n| 298\n| 21\n| 133.20\n|\n"
                "合计\n| 710\n| 58\n| 319.70\n|\n以上数据截至年末。\n")


def test_cells_opened_by_pipes_are_a_table(tmp_path):
    facts = _facts(text_record(tmp_path, _PIPE_OPENED))
    assert ("households", "412", "低保户数") in facts and ("households", "58", "特困户数") in facts
    assert [v for k, v, _ in facts if k == "amount"] == ["1865000.00", "1332000.00", "3197000.00"]


def test_a_cell_wrapped_inside_a_pipe_opened_row_goes_on_in_it(tmp_path):
    text = ("项目\n| 评分内容\n| 分值\n| 得分\n|\n"
            "资金管理\n| 资金到位率\n（到位资金/计划资金）\n| 10\n| 9\n|\n"
            "项目产出\n| 完成数量\n| 20\n| 18\n|\n项目效益\n| 受益群众满意度\n| 10\n| 10\n|\n")
    scores = [v for k, v, _ in _facts(text_record(tmp_path, text), "score")]
    assert scores == ["10", "9", "20", "18", "10", "10"]


def test_lines_with_several_pipes_are_no_pipe_opened_cells(tmp_path):
    # (| a | b rows wrapped keep their own reading: a row of cells, not one cell a line)
    text = "| 项目 | 预算数（万元） | 执行数（万元） |\n| 培训补助 | 120.00 | 118.00 |\n| 设备购置 | 80.00 | 76.50 |\n"
    amounts = [v for k, v, _ in _facts(text_record(tmp_path, text), "amount")]
    assert amounts == ["1200000.00", "1180000.00", "800000.00", "765000.00"]


# ---- a table one cell a line under 附件2, its last row short before 合计
def _attached(total: str) -> str:
    cells = ["附件2", "序号", "乡镇", "补助资金", "（万元）", "已拨付", "（万元）", "受益人数", "（人）",
             "1", "城关镇", "120.00", "118.50", "860", "2", "河口镇", "95.40", "90.00", "702",
             "3", "石桥镇", "60.00", "58.20", "415", "4", "白马乡", "44.60", "40.00", "合计", total, "306.70"]
    return "\n".join(cells) + "\n附件3\n"


def test_an_attachments_label_is_no_column_name(tmp_path):
    facts = _facts(text_record(tmp_path, _attached("320.00")))
    assert ("headcount", "860", "受益人数") in facts and ("amount", "1200000.00", "补助资金") in facts
    assert not any(k == "amount" and v in ("8600000", "7020000") for k, v, _ in facts)


def test_a_short_last_row_is_read_where_the_total_row_adds_it_up(tmp_path):
    amounts = [v for k, v, _ in _facts(text_record(tmp_path, _attached("320.00")), "amount")]
    assert amounts[-4:] == ["446000.00", "400000.00", "3200000.00", "3067000.00"]


def test_a_short_last_row_the_total_does_not_add_up_is_left(tmp_path):
    amounts = [v for k, v, _ in _facts(text_record(tmp_path, _attached("330.00")), "amount")]
    assert "446000.00" not in amounts and "3300000.00" not in amounts


# ---- a form one cell a line: 预算执行率 | 10 | 9.8 among its indicator rows; its title over a
# second page
_FORM_HEAD = ["项目支出绩效自评表", "（2023年度）", "项目名称", "乡村道路养护补助", "主管部门", "某县交通运输局",
              "项目资金（万元）", "预算数", "执行数", "执行率", "年度资金总额", "210.00", "205.80", "98.00%"]
_FORM_ROWS = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
              "产出指标", "数量指标", "养护里程", "≥120公里", "126公里", "30", "30",
              "质量指标", "路面完好率", "≥85%", "88%", "30", "28",
              "效益指标", "社会效益指标", "群众出行条件", "明显改善", "明显改善", "20", "20",
              "满意度指标", "满意度指标", "沿线群众满意度", "≥90%", "93%", "10", "10",
              "预算执行率", "10", "9.8", "总分", "100"]


def _form(total: str, page_header: bool = False) -> str:
    return "\n".join(_FORM_HEAD + (["项目支出绩效自评表"] if page_header else []) + _FORM_ROWS + [total]) + "\n"


def test_a_budget_execution_row_among_the_indicators_is_scored(tmp_path):
    record = text_record(tmp_path, _form("97.8"))
    scores = [(v, label) for k, v, label in _facts(record, "score")]
    assert ("10", "分值") in scores and ("9.8", "得分") in scores
    assert not error_flags(record)
    flags = error_flags(text_record(tmp_path, _form("98.8")))
    assert [f["rule"] for f in flags] == ["form.score_total"] and "97.8" in flags[0]["message"]


def test_a_forms_title_over_its_next_page_goes_on_with_the_form(tmp_path):
    record = text_record(tmp_path, _form("97.8", page_header=True))
    assert str(record["metadata"]["score"]) == "97.8"
    assert len(record["forms"]) == 1


# ---- a figure stated as a share of the named whole is no whole of that name
def test_a_share_of_the_named_whole_is_not_that_whole(tmp_path):
    text = ("经抽样核查，项目实际利用资金共计1843.5万元，超出计划安排资金2.1%，占全部结题项目资金的22%，其中财政拨款支出216.8万元，"
            "占全部结题项目资金的7%，自筹资金支出1626.7万元，占全部结题项目资金的24%。\n")
    assert not error_flags(text_record(tmp_path, text), "ratio.stated")
    text = "项目实际利用资金共计1843.5万元，其中财政拨款支出216.8万元，占项目实际利用资金的7%。\n"
    assert error_flags(text_record(tmp_path, text), "ratio.stated")  # (216.8 ÷ 1843.5 is 11.76%)


# ---- a form on one line: its fund row's figures a space apart are its cells, the rate whole
def _one_line_form(budget: str, spent: str, rate: str, score: str, total: str) -> str:
    return ("2023年度农机作业补助项目绩效自评表 项目名称 农机深松作业补助 主管部门 某县农业农村局 预算执行情况(万元)(20分) "
            "预算数(A) 执行数(B) 执行率(B/A) 得分(分值*执行率) "
            f"年度财政资金总额 {budget} {spent} {rate} {score} 一级指标 二级指标 三级指标 年初目标值(A) 实际完成值(B) 得分 "
            "产出指标(40分) 数量指标 深松作业面积 ≥2万亩 2.1万亩 20 质量指标 作业合格率 ≥95% 97% 20 效益指标(30分) "
            "社会效益指标 受益农户数 ≥1500户 1620户 30 满意度指标(10分) 服务对象满意度 农户满意度 ≥90% 95% 10 "
            f"总分 {total}\n")


def test_a_fund_rows_cells_a_space_apart_are_not_cut_again(tmp_path):
    record = text_record(tmp_path, _one_line_form("128.60", "119.32", "95.78%", "19.16", "99.16"))
    assert ("percent", "95.78", "执行率") in _facts(record)
    assert not any(v in ("90000", "57000.0") for k, v, _ in _facts(record, "amount"))
    # (119.32 ÷ 128.60 is 92.78%: the stated rate is the form's to flag)
    assert [f["rule"] for f in error_flags(record)] == ["form.execution_rate"]
    assert not error_flags(text_record(tmp_path, _one_line_form("128.60", "119.32", "92.78%", "18.56", "98.56")))


# ---- a province's own form (绩效报告表) whose fund columns are 计划数 | 到位数 | 实际支出数
def test_a_report_forms_fund_block_with_planned_figures_is_read(tmp_path):
    text = ("省级财政支出项目绩效报告表\n项目名称：某县农村饮水安全巩固提升工程省级补助资金\n项目实施单位：某县水利局\n"
            "绩评基表-2 二、项目资金情况(单位:万元) 资金来源 计划数 到位数 实际支出数 省级财政 450.00 450.00 431.20 "
            "县级财政 120.00 120.00 118.40 合计 570.00 570.00 549.60 资金到位率 100% 资金支出率 96.42%\n")
    amounts = [v for k, v, _ in _facts(text_record(tmp_path, text), "amount")]
    assert amounts == ["4500000.00", "4500000.00", "4312000.00", "1200000.00", "1200000.00", "1184000.00",
                       "5700000.00", "5700000.00", "5496000.00"]


# ---- a department form one cell a line: rows named by the form's own words (预算执行率,
# 服务对象满意度) with their 计量单位 and 指标性质 cells first
def test_rows_named_by_form_words_with_unit_cells_first_are_read(tmp_path):
    header = ["部门整体支出绩效自评表", "部门名称", "某县文化旅游局", "指标名称", "计量单位", "指标性质", "年初指标值",
              "调整指标值", "全年完成值", "得分系数(%)", "指标权重(分)", "指标得分(分)", "是否核心指标"]
    rows = [["财政供养人员控制率", "%", "定量指标", "≤100", "—", "93.10", "100", "10", "10", "否"],
            ["预算执行率", "%", "定量指标", "≥95", "—", "96.40", "100", "20", "20", "是"],
            ["文化惠民演出场次", "场", "定量指标", "80", "—", "92", "100", "30", "30", "是"],
            ["群众文化活动参与率", "%", "定量指标", "≥60", "—", "64.5", "100", "30", "30", "否"],
            ["服务对象满意度", "%", "定量指标", "≥90", "—", "92.8", "100", "10", "10", "是"]]
    text = "\n".join(header + [c for row in rows for c in row]) + "\n"
    facts = _facts(text_record(tmp_path, text))
    scores = [v for k, v, _ in facts if k == "score"]
    assert scores == ["10", "10", "20", "20", "30", "30", "30", "30", "10", "10"]
    assert ("percent", "96.40", "实际完成值") in facts and ("percent", "92.8", "实际完成值") in facts


# ---- a performance-target form (绩效目标申报表): a form, but no self-evaluation
def test_a_target_form_is_recognised_and_evaluates_nothing(tmp_path):
    cells = ["项目支出绩效目标申报表", "（2024年度）", "项目名称", "村级公益设施维护", "主管部门", "某镇人民政府",
             "实施单位", "某镇农业综合服务中心", "资金情况（万元）", "年度资金总额：", "36.5", "其中：财政拨款", "30",
             "其他资金", "6.5", "年度目标", "完成12处村级公益设施维护。", "绩效指标", "一级指标", "二级指标",
             "三级指标", "指标值", "产出指标", "数量指标", "维护设施数量", "≥12处", "满意度指标", "服务对象满意度指标",
             "群众满意度", "≥90%"]
    record = text_record(tmp_path, "\n".join(cells) + "\n")
    assert record["metadata"]["report_type"] == "form_target"
    assert not record["metadata"].get("self_evaluation")
    amounts = [v for k, v, _ in _facts(record, "amount")]
    assert amounts == ["365000.0", "300000", "65000.0"]


def test_cells_closed_by_pipes_with_runs_of_pipes_ending_rows_keep_their_reading(tmp_path):
    # (|   一级指标 / | / 二级指标 / | … / |||| : a pipe after each cell and a run of pipes after
    # each row is no shape of cells opened by pipes)
    rows = [["一级指标", "二级指标", "分值", "得分"], ["决策(20分)", "目标设定", "10", "9"],
            ["决策(20分)", "预算编制", "10", "10"], ["管理(30分)", "资金管理", "18", "17"],
            ["管理(30分)", "资产管理", "12", "11"]]
    lines = ["自评指标得分情况如下:"]
    for row in rows:
        for k, cell in enumerate(row):
            lines += [("|   " if k == 0 else "     ") + cell, "        | "]
        lines.append("  ||||")
    facts = _facts(text_record(tmp_path, "\n".join(lines) + "\n"))
    assert [v for k, v, _ in facts if k == "score"] == ["20", "10", "9", "20", "10", "10", "30", "18", "17", "30", "12", "11"]


# ---- score tables as running text: a 目标名称 column; a glued table with two columns of words
def test_a_spaced_score_table_under_a_target_name_column(tmp_path):
    text = ("某镇农村道路养护专项支出绩效评分细则 目标名称 分值 得分 制度建设 制定养护实施方案的得10分。 10 10 "
            "资金管理 专款专用的得20分。 20 18 任务完成 完成年度养护任务的得40分。 40 40 "
            "群众满意度 满意度达到90%以上的得30分。 30 28 合计 100 96\n")
    scores = [(v, label) for k, v, label in _facts(text_record(tmp_path, text), "score")]
    assert ("18", "得分") in scores and ("28", "得分") in scores and ("96", "总分") in scores


def _glued_department_table(total: str) -> str:
    return ("部门整体支出绩效评价指标表一级指标分值二级指标分值三级指标分值评价标准指标说明得分"
            "投入20预算配置20在职人员控制率10控制率≦100%的得10分。年末实有在职人员37人,编制数40人,控制率92.5%。10"
            "“三公经费”变动率10预算较上年下降的得10分。本年预算数8.4万元,上年9.1万元。10"
            "过程40预算执行25预算完成率15完成率≧95%的得15分。年初预算812.6万元,完成率96.2%。15"
            "结转结余率10结转结余率≦5%的得10分,实际3.8%。10"
            "预算管理15管理制度健全性15已制定内部控制制度的计15分。14"
            "产出20职责履行20重点工作完成率20全部完成年度重点工作的计20分。20"
            f"效果20履职效益20服务对象满意度20满意度达到90%以上的计20分,实际93%。20合计100{total}\n")


def test_a_glued_score_table_with_two_words_columns_is_read(tmp_path):
    record = text_record(tmp_path, _glued_department_table(" 99"))
    scores = [(v, label) for k, v, label in _facts(record, "score")]
    assert ("14", "得分") in scores and ("99", "总分") in scores and ("40", "分值") in scores and ("25", "分值") in scores
    assert not error_flags(record)
    # (the rows' 得分 make 99: a 总分 of 98 is the score rules' to flag)
    assert [f["rule"] for f in error_flags(text_record(tmp_path, _glued_department_table(" 98")))] == ["score.tree"]


# ---- a department form run together with no cell breaks: target, weight, result and score
# in one run of digits after each indicator's name and unit
def _glued_indicator_rows(last_score: str) -> str:
    return ("某县水利局2023年度部门整体绩效自评表 部门名称某县水利局 自评总分(分)96.5 绩效指标指标名称计量单位指标性质"
            "指标值指标权重(分)全年完成值指标得分(分)说明河道巡查覆盖率%≥95109810堤防维修养护处≥30103210"
            "供水受益人口万人≥8.5108.810水土保持治理面积平方公里≥8107.29部分工程未完工"
            "防汛培训人次人次≥400103809.5部分乡镇延期预算调整率%≤10106.510群众满意度%≥901093" + last_score + "\n")


def test_glued_indicator_rows_are_cut_where_their_scoring_says(tmp_path):
    facts = _facts(text_record(tmp_path, _glued_indicator_rows("10")))
    scores = [v for k, v, _ in facts if k == "score"]
    assert scores.count("10") >= 8 and "9" in scores and "9.5" in scores
    assert ("headcount", "85000.0", "年度指标值") in facts or any(k == "headcount" and v.startswith("85000") for k, v, _ in facts)
    assert any(k == "person_times" and v == "380" for k, v, _ in facts)
    assert any(k == "percent" and v == "98" for k, v, _ in facts)


def test_glued_indicator_rows_no_scoring_explains_are_left(tmp_path):
    # (a last score of 8 for 93 over ≥90: no cut scores so, and the run is left as it is)
    facts = _facts(text_record(tmp_path, _glued_indicator_rows("8")))
    assert not any(k == "person_times" and v == "380" for k, v, _ in facts)


# ---- a change in households: 较上年减少94户 is the change, not last year's figure
def test_a_change_in_households_is_the_change(tmp_path):
    text = "截至年底，全县共有城市低保对象1826户，较上年减少94户，同比下降{}。\n"
    assert not error_flags(text_record(tmp_path, text.format("4.9%")))
    flags = error_flags(text_record(tmp_path, text.format("6.9%")))
    assert [f["rule"] for f in flags] == ["diff.change"] and "4.9" in flags[0]["message"]


# ---- a count over years before a year's standard is no count the standard paid
def test_a_cumulative_count_before_a_standard_is_not_its_count(tmp_path):
    text = ("2016年至2021年项目累计招收定向医学生2840人，其中本科1960人、专科880人。财政为在校学生补助生活费，"
            "标准为每人每年6000元，本年度安排补助资金1354.8万元。\n")
    assert not error_flags(text_record(tmp_path, text), "product.unit")
    text = text.replace("2016年至2021年项目累计招收", "本年度招收")
    assert error_flags(text_record(tmp_path, text), "product.unit")


# ---- written probes of the twenty-fourth session: consistent forms and reports not flagged,
# changes in other words
def _department_funds(total_year: str) -> str:
    return ("部门整体支出绩效自评表\n（2023年度）\n\n| 部门（单位）名称 | 某县农业农村局 | | | | | |\n"
            "| 年度预算执行情况（万元） | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |\n"
            f"| 年度资金总额 | 3410.20 | {total_year} | 3655.80 | 20 | 96.08% | 19.22 |\n"
            "| 按收入性质分（全年预算数） | | 按支出性质分（全年预算数） | | | | |\n"
            "| 其中：一般公共预算 | 3402.60 | 其中：基本支出 | 1288.40 | | | |\n"
            "| 政府性基金预算 | 250.00 | 项目支出 | 2516.40 | | | |\n"
            "| 单位资金 | 152.20 | | | | | |\n")


def test_parts_that_make_another_columns_total_are_that_columns(tmp_path):
    # (3402.60 + 250.00 + 152.20 = 3804.80, the 全年预算数: written one column off, not of 年初预算数)
    assert not error_flags(text_record(tmp_path, _department_funds("3804.80")), "form.funds_total")


def test_a_lower_levels_row_read_alone_is_no_first_level_indicator(tmp_path):
    text = ("经综合评价，该项目绩效评价得分88.5分，评价等级为“良”。各一级指标得分情况为：决策指标分值15分，得13.5分；"
            "过程指标分值25分，得21分；产出指标分值35分，得31.5分；效益指标分值25分，得22.5分。\n"
            "（二）过程情况。资金到位率指标分值4分，得4分；预算执行率按实际执行率折算得3.84分。\n")
    assert not error_flags(text_record(tmp_path, text), "score.tree")
    wrong = text.replace("评价得分88.5分", "评价得分89.5分")
    assert [f["rule"] for f in error_flags(text_record(tmp_path, wrong), "score.tree")] == ["score.tree"]


def test_a_change_against_a_named_year_in_other_words(tmp_path):
    text = "全年支出5,460万元，与2022年的5,040万元相比多支出420万元，增幅为{}。\n"
    assert not error_flags(text_record(tmp_path, text.format("8.33%")))
    assert [f["rule"] for f in error_flags(text_record(tmp_path, text.format("8.9%")))] == ["diff.change"]


def test_a_grade_under_pingjia_dengci_and_a_title_marked_continued(tmp_path):
    cells = _FORM_HEAD + ["项目支出绩效自评表（续）"] + _FORM_ROWS + ["97.8", "评价等次", "优"]
    record = text_record(tmp_path, "\n".join(cells) + "\n")
    assert str(record["metadata"]["score"]) == "97.8" and record["metadata"]["grade"] == "优"


def _project_funds(spent_total: str) -> str:
    return ("项目支出绩效自评表\n（2023年度）\n\n| 项目名称 | 某县妇女两癌筛查项目 | | | | | | |\n"
            "| 项目资金（万元） | | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |\n"
            f"| | 年度资金总额 | 300.00 | 320.00 | {spent_total} | 10 | 97.19% | 9.72 |\n"
            "| | 其中：本年财政拨款 | 290.00 | 305.00 | 296.00 | — | — | — |\n"
            "| | 上年结转结余资金 | 10.00 | 15.00 | 15.00 | — | — | — |\n"
            "| | 其他资金 | — | — | — | — | — | — |\n")


def test_a_carryover_row_named_jiezhuan_jieyu_is_a_part(tmp_path):
    assert not error_flags(text_record(tmp_path, _project_funds("311.00")), "form.funds_total")
    assert error_flags(text_record(tmp_path, _project_funds("321.00").replace("97.19%", "100.31%")), "form.funds_total")


def test_a_total_row_named_pingjia_zongdefen(tmp_path):
    cells = _FORM_HEAD + _FORM_ROWS[:-1] + ["评价总得分", "100", "97.8"]
    assert str(text_record(tmp_path, "\n".join(cells) + "\n")["metadata"]["score"]) == "97.8"


def test_a_total_made_up_of_parts_in_other_words(tmp_path):
    text = "项目总投资3,150万元，由中央财政资金2,100万元、省级财政资金630万元和县级财政资金{}共同构成。\n"
    assert not error_flags(text_record(tmp_path, text.format("420万元")))
    assert [f["rule"] for f in error_flags(text_record(tmp_path, text.format("430万元")))] == ["sum.breakdown"]
    assert [f["rule"] for f in error_flags(text_record(tmp_path, text.format("420元")))] == ["unit.slip"]


def test_a_rate_of_relief_paid_out_over_funds_received(tmp_path):
    text = "截至年底，到位资金36450元中已兑现救助资金33620元，资金兑现率{}，共救助困难群众57人次。\n"
    assert not error_flags(text_record(tmp_path, text.format("92.24%")), "ratio.stated")
    assert error_flags(text_record(tmp_path, text.format("95.2%")), "ratio.stated")


def test_each_item_of_a_list_with_its_own_standard_and_total(tmp_path):
    text = ("80-89周岁老人按每人每年600元标准发放，共计5832人，发放资金349.92万元；90-99周岁老人按每人每年1200元标准发放，"
            "共计614人，发放资金{}万元。\n")
    assert not error_flags(text_record(tmp_path, text.format("73.68")), "product.unit")
    flags = error_flags(text_record(tmp_path, text.format("75.68")), "product.unit")
    assert len(flags) == 1 and "614" in flags[0]["message"]


# ---- consistent department reports (round 255): no false errors
def test_a_level_row_over_one_row_is_no_breakdown(tmp_path):
    text = ("表3 2023年度支出情况表（单位：万元）\n| 项目 | 金额 | 占比（%） |\n| 本年支出合计 | 2860.40 | 100 |\n"
            "| 一、基本支出 | 940.20 | 32.87 |\n| 其中：人员经费 | 812.60 | 28.41 |\n| 公用经费 | 127.60 | 4.46 |\n"
            "| 二、项目支出 | 1920.20 | 67.13 |\n| 年末结转结余 | 86.30 | — |\n")
    assert not error_flags(text_record(tmp_path, text), "sum.table")


def test_a_list_naming_its_own_items_after_a_semicolon_has_no_total_before(tmp_path):
    text = ("局机关本年支出合计5210.40万元，主要用于农村供水保障项目；县水利工程管理站、县河道管理所、县水土保持站本年支出"
            "合计分别为520.16万元、231.40万元和168.52万元。\n")
    assert not error_flags(text_record(tmp_path, text), "sum.breakdown")


def test_a_change_of_one_named_year_over_another_two_sentences_apart(tmp_path):
    text = ("2023年“三公”经费支出96,400.00元，其中公务接待费14,200.00元，公务用车运行维护费82,200.00元。"
            "2022年“三公”经费支出108,900.00元，其中公务接待费17,300.00元，公务用车运行维护费91,600.00元。"
            "2023年较2022年减少12,500.00元，下降{}。\n")
    assert not error_flags(text_record(tmp_path, text.format("11.48%")), "diff.change")
    assert error_flags(text_record(tmp_path, text.format("12.48%")), "diff.change")


# ---- consistent county narratives (round 257): rates on another base, level rates, 其中 of a
# count past a ；
def test_a_rate_on_another_base_or_a_levels_rate_is_no_changes_rate(tmp_path):
    text = "2023年支出1,261.60万元，较2022年增加36.80万元，较2021年增长6.34%。\n"
    assert not error_flags(text_record(tmp_path, text), "diff.change")
    text = "2022年参保431,904人；2023年参保426,580人，较2022年减少5,324人，参保率97.8%。\n"
    assert not error_flags(text_record(tmp_path, text), "diff.change")
    text = "2023年支出1,261.60万元，较2022年增加36.80万元，增长4.34%。\n"  # (36.80 ÷ 1,224.80 is 3%)
    assert error_flags(text_record(tmp_path, text), "diff.change")


def test_a_qizhong_of_a_count_takes_no_total_of_money_past_a_semicolon(tmp_path):
    text = ("生活补贴月均享受3,140人，全年发放3,202,800元；护理补贴月均享受3,980人，其中一级1,520人、二级2,460人，"
            "全年发放4,550,400元。\n")
    assert not error_flags(text_record(tmp_path, text), "sum.breakdown")
    assert error_flags(text_record(tmp_path, text.replace("二级2,460人", "二级2,560人")), "sum.breakdown")


# ---- a department form run together whose header names 执行率, 执行率权重, 执行率得分, and whose
# fund rows write the rate without its %
def _sichuan_funds(score: str) -> str:
    return ("1、某县农业农村局2023年度部门整体绩效自评表主管部门某县农业农村局部门联系人张某联系电话自评总分(分)96.5"
            "年初预算数全年(调整)预算数全年执行数执行率执行率权重执行率得分年度总金额1820.502016.401893.60"
            f"其中财政拨款1820.502016.401893.6093.9110{score}年初绩效目标全年(调整)绩效目标全年目标实际完成情况"
            "保障农业生产。完成年度任务。\n")


def test_a_rate_written_without_its_percent_and_its_points_after_it(tmp_path):
    facts = _facts(text_record(tmp_path, _sichuan_funds("9.39")))  # (1893.60 ÷ 2016.40 is 93.91%; 10 × it 9.39)
    assert [v for k, v, _ in facts if k == "amount"][:3] == ["18205000.00", "20164000.00", "18936000.00"]
    assert ("percent", "93.91", "执行率") in facts and ("score", "9.39", "得分") in facts
    # (no 得分 that 10 × 93.91% makes: no cut is taken)
    assert not any(v == "93.91" for k, v, _ in _facts(text_record(tmp_path, _sichuan_funds("8.39"))))
