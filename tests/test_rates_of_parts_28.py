"""What the twenty-eighth session found in the probe rounds' stated rates: a rate stated of one
part of a breakdown (其中 …), with or without that part's own base; a budget's share written
完成预算的 …%; a coverage rate written 覆盖面; and two of a breakdown's three parts summed into a
reading no report names. Every text here is made up for the tests."""
from conftest import error_flags, text_record

_HEAD = "某县农业农村局2022年度项目支出绩效评价报告\n\n"


def _rate_errors(tmp_path, body: str) -> list:
    return error_flags(text_record(tmp_path, _HEAD + body), "ratio.stated")


# ---- a part's rate with the part's own budget and spending in its clause
_SOURCES = ("项目总预算3200万元，全年支出2950万元，执行率92.19%。其中省级资金预算1200万元，支出1080万元，执行率{}；"
            "市级资金预算2000万元，支出1870万元，执行率93.5%。\n")


def test_a_parts_rate_is_read_over_its_own_budget(tmp_path):
    assert _rate_errors(tmp_path, _SOURCES.format("90%")) == []
    [flag] = _rate_errors(tmp_path, _SOURCES.format("95%"))
    # (over the part's own 1200, not the total's spending over it: 245.83%)
    assert "文中95%" in flag["message"] and "计算为90%" in flag["message"]


# ---- several parts' rates with no base of their own: each is over a plan not stated
_ITEMS = ("“三公”经费年初预算48.00万元，实际支出41.76万元，完成预算的{}。其中：公务用车运行维护费支出30.12万元，"
          "完成预算的91.27%；公务接待费支出11.64万元，完成预算的77.60%。\n")


def test_several_items_rates_without_their_budgets_are_not_checked(tmp_path):
    assert _rate_errors(tmp_path, _ITEMS.format("87.00%")) == []
    # (worded 执行率, each item's rate was checked over the total's budget: 62.75%, 24.25%)
    assert _rate_errors(tmp_path, _ITEMS.replace("完成预算的", "执行率").format("87.00%")) == []


def test_a_share_of_the_budget_completed_is_an_execution_rate(tmp_path):
    # 完成预算的80.00% where 41.76 ÷ 48.00 is 87.00%
    [flag] = _rate_errors(tmp_path, _ITEMS.format("80.00%"))
    assert "文中80.00%" in flag["message"] and "计算为87%" in flag["message"]


def test_one_parts_rate_alone_is_still_over_the_whole(tmp_path):
    # a single part's rate with no base of its own: the project's budget (2022年度 of 2021–2022)
    body = "项目预算资金1800万元。截至年底累计支出1710万元，执行率95%；其中2022年度支出1350万元，年度执行率{}。\n"
    assert _rate_errors(tmp_path, body.format("75%")) == []
    assert len(_rate_errors(tmp_path, body.format("82%"))) == 1


# ---- two of three parts are no quantity of the report
def test_two_of_three_parts_summed_are_no_reading_of_a_rate(tmp_path):
    body = ("项目预算资金2400万元，其中中央资金1500万元、省级资金560万元、县级资金340万元。"
            "截至年底，项目实际支出2200万元，预算执行率为{}。\n")
    assert _rate_errors(tmp_path, body.format("91.67%")) == []
    # (1500 + 560) ÷ 2200 would read 93.64%: it names nothing the report states
    [flag] = _rate_errors(tmp_path, body.format("93.64%"))
    assert "计算为91.67%" in flag["message"]


def test_two_parts_of_a_budget_and_its_addition_still_read(tmp_path):
    # what was added to a budget, summed with it, is a reading the rule keeps
    body = "年初预算2000万元，年中追加500万元，全年支出2375万元，执行率95%。\n"
    assert _rate_errors(tmp_path, body) == []


# ---- a coverage rate written 覆盖面
def test_a_coverage_written_as_its_extent(tmp_path):
    body = "全镇应接种适龄儿童4,250人，实际接种4,080人，接种覆盖面达{}，接种信息全部录入系统。\n"
    assert _rate_errors(tmp_path, body.format("96.0%")) == []
    [flag] = _rate_errors(tmp_path, body.format("98.5%"))
    assert "覆盖率" in flag["message"] and "计算为96%" in flag["message"]


# ---- a note written in a table's first cell is no row of its list
def test_a_tables_note_row_leaves_its_total_checked(tmp_path):
    text = ("某局2022年度一般公共预算“三公”经费支出情况表 | ||\n| 单位：万元 | |\n项 目 | 本年预算数 | 本年支出数 |\n"
            "合 计 | 27.40 | {} |\n1.因公出国（境）费 | 0 | 0 |\n2.公务接待费 | 4.20 | 3.90 |\n3.公务用车购置及运行费 | 23.20 | 21.10 |\n"
            "注：“三公”经费指因公出国（境）费、公务用车购置及运行费和公务接待费三项，本表按部门决算口径填列。 |\n")
    assert error_flags(text_record(tmp_path, text.format("25.00")), "sum.table") == []
    [flag] = error_flags(text_record(tmp_path, text.format("26.00")), "sum.table")
    assert "合计26.00" in flag["message"] and "25.00" in flag["message"]


# ---- an indicator's score repeated after each indicator is no report's total
def test_scores_stated_after_each_indicator_are_no_reports_total(tmp_path):
    items = "".join(f"{n}、{name}（赋分：{w}分）标准：{rule}。自评结果：优 自评得分：{w}分。\n"
                    for n, (name, w, rule) in enumerate([("经费投入", 4, "逐年增长"), ("生均经费", 5, "不低于上年"),
                                                         ("教师培训", 3, "按计划完成"), ("设施配备", 6, "达到标准")], 1))
    record = text_record(tmp_path, "某镇中心学校2022年度督导评估自评报告\n" + items)
    assert record["metadata"].get("score") is None
    assert error_flags(record, "score.grade") == []
    # a total stated twice with one score is still the report's
    record = text_record(tmp_path, "某镇中心学校2022年度督导评估自评报告\n经自评，自评得分92分。\n" + items
                         + "综上，本校自评得分92分，等级为优。\n", "twice.txt")
    assert record["metadata"].get("score") == 92


# ---- a page that opens each row with a pipe before its first cell
def test_rows_opened_by_a_pipe_before_their_first_cell_keep_their_subtotals(tmp_path):
    rows = [("一级指标", "二级指标", "分值", "得分"), ("决策(25分)", "目标设定", "15", "15"),
            ("决策(25分)", "预算编制", "10", "9"), ("决策(25分)", "小计", "25", "24"),
            ("管理(25分)", "资金管理", "15", "13"), ("管理(25分)", "制度建设", "10", "10"),
            ("管理(25分)", "小计", "25", "{}")]
    # each cell on a line of its own after the pipe, each row closed by a run of pipes
    body = "".join("|   " + "\n        | \n     ".join(r) + "\n        | \n  ||||\n" for r in rows)
    text = "某局2022年度部门整体支出绩效自评报告\n自评指标得分情况如下：\n" + body
    record = text_record(tmp_path, text.format("23"))
    assert error_flags(record) == []
    # (no column of nothing before 一级指标: the 小计 rows are the table's subtotals)
    [table] = record["tables"]
    assert table["header"][0][0] == "一级指标" and table["row_kinds"].count("subtotal") == 2
    [flag] = error_flags(text_record(tmp_path, text.format("24"), "slip.txt"))
    assert flag["rule"] in ("score.tree", "sum.table") and "24" in flag["message"]


# ---- a target's cell with its unit is no header's
def test_the_first_row_of_targets_with_units_is_a_row_not_a_header(tmp_path):
    text = ("某县卫生健康局2022年度部门整体支出绩效目标完成情况\n"
            "| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 |\n"
            "| 产出指标 | 数量指标 | 家庭医生签约人数 | ≥8.5万人 | 8.8万人 |\n"
            "| 产出指标 | 质量指标 | 孕产妇系统管理率 | ≥90% | 92.5% |\n")
    record = text_record(tmp_path, text)
    headcounts = sorted(str(f["value"]) for f in record["facts"] if f["kind"] == "headcount")
    assert len(headcounts) == 2, headcounts


# ---- a per-head standard by level of government, its names over its figures one a line
_STANDARD = ("某县2022年城乡居民医保财政补助资金项目公示\n一、补助标准\n中央\n省级\n市级\n县级\n合计\n"
             "480元\n75元\n25元\n30元\n{}\n二、实施期限\n2022年1月1日至2022年12月31日\n")


def test_levels_over_their_standards_one_a_line_are_a_table_whose_total_is_checked(tmp_path):
    record = text_record(tmp_path, _STANDARD.format("610元"))
    [table] = record["tables"]
    assert table["header"][0] == ["中央", "省级", "市级", "县级", "合计"]
    assert error_flags(record) == []
    [flag] = error_flags(text_record(tmp_path, _STANDARD.format("620元"), "slip.txt"))
    assert flag["rule"] == "sum.row" and "620元" in flag["message"] and "610" in flag["message"]


def test_the_same_standards_as_pipe_rows(tmp_path):
    text = "某县2022年城乡居民医保财政补助资金\n| 中央 | 省级 | 市级 | 县级 | 合计 |\n| 480元 | 75元 | 25元 | 30元 | {} |\n"
    assert error_flags(text_record(tmp_path, text.format("610元"))) == []
    assert [f["rule"] for f in error_flags(text_record(tmp_path, text.format("620元"), "slip.txt"))] == ["sum.row"]


def test_an_indicator_row_one_cell_a_line_stays_the_forms(tmp_path):
    # (a level's and an indicator's names over a target and an actual value: no table of their own)
    text = ("项目支出绩效自评表\n一级指标\n二级指标\n三级指标\n年度指标值\n实际完成值\n分值\n得分\n"
            "产出指标\n质量指标\n项目验收合格率\n100%\n100%\n10\n10\n")
    record = text_record(tmp_path, text)
    assert not any(t["header"] and t["header"][0][:2] == ["质量指标", "项目验收合格率"] for t in record["tables"])


# ---- rates of a 其中's items, their own figures not stated
def test_rates_listed_as_items_after_a_marker_are_not_the_totals(tmp_path):
    body = ("2021年全年预算数9,640.00万元，实际支出9,255.36万元，预算执行率96.01%。主要项目执行较好，其中：城乡低保资金"
            "执行率98.40%，特困人员供养资金执行率97.15%，临时救助资金执行率91.20%。\n")
    assert _rate_errors(tmp_path, body) == []


def test_a_parts_rate_over_its_own_budget_with_its_spending_stated_elsewhere(tmp_path):
    body = ("2019年度本年支出合计2,418.60万元，其中：基本支出846.20万元，项目支出1,572.40万元。\n"
            "2019年全年预算数2,520.00万元，支出决算2,418.60万元，预算执行率95.98%，其中：基本支出全年预算860.00万元，"
            "执行率98.40%；项目支出全年预算1,660.00万元，执行率94.72%。\n")
    # (the budgets under the 其中 break down the 全年预算数, not the spending before them)
    record = text_record(tmp_path, _HEAD + body)
    assert error_flags(record) == []


def test_a_list_whose_words_name_a_figure_of_the_sentence_before(tmp_path):
    body = ("2022年部门支出合计3,612.4万元，其中基本支出2,806.2万元，项目支出806.2万元。项目支出包括：村级公益事业奖补资金"
            "418.5万元、农村人居环境整治资金236.4万元、农业技术推广经费{}。\n")
    assert error_flags(text_record(tmp_path, _HEAD + body.format("151.3万元"))) == []
    [flag] = error_flags(text_record(tmp_path, _HEAD + body.format("151.3元"), "slip.txt"))
    assert flag["rule"] == "unit.slip" and "151.3元" in flag["message"]


# ---- a table run into the sentence that announces it
def test_a_table_run_into_the_sentence_that_announces_it(tmp_path):
    text = ("某局2018年度部门整体支出绩效自评报告\n2018年全年预算数2,400.00万元，实际支出2,310.50万元，预算执行率96.27%。"
            "各类支出预算执行情况如下：项目 全年预算数（万元） 实际支出（万元） 执行率 基本支出 1,010.00 998.20 98.83% "
            "项目支出 1,390.00 1,312.30 94.41% 合计 2,400.00 {} 96.27% 项目支出执行率偏低的主要原因是部分项目未完成验收。\n")
    record = text_record(tmp_path, text.format("2,310.50"))
    [table] = record["tables"]
    assert table["header"][0][0] == "项目" and len(table["rows"]) == 3
    assert "9982000.00" in [str(f["value"]) for f in record["facts"] if f["kind"] == "amount"]
    assert error_flags(record) == []
    # (2,320.50 is off its rows and off its own rate: both are said)
    assert "sum.table" in [f["rule"] for f in error_flags(text_record(tmp_path, text.format("2,320.50"), "slip.txt"))]


# ---- a final accounts' two-sided table run into a line
def test_a_two_sided_accounts_table_run_into_a_line(tmp_path):
    text = ("某局2017年度部门决算说明\n收入支出决算总表（单位：元） 收入项目 决算数 支出项目 决算数 财政拨款收入 24,189,600.00 "
            "基本支出 10,875,500.00 事业收入 1,563,000.00 项目支出 15,045,300.00 其他收入 821,600.00 年末结转和结余 "
            "653,400.00 收入总计 26,574,200.00 支出总计 26,574,200.00 二、收入决算情况说明\n")
    record = text_record(tmp_path, text)
    [table] = record["tables"]
    assert table["header"][0] == ["收入项目", "决算数", "支出项目", "决算数"] and len(table["rows"]) == 4
    amounts = [str(f["value"]) for f in record["facts"] if f["kind"] == "amount"]
    assert "10875500.00" in amounts and amounts.count("26574200.00") == 2
    # (no unit stated before it: no table of amounts)
    bare = text_record(tmp_path, text.replace("（单位：元）", ""), "bare.txt")
    assert not bare["tables"]


# ---- a heading scored after its bracketed weight, its rows numbered paragraphs
_SCORED_HEADINGS = ("某县2017年城乡居民医保补助资金第三方绩效评价报告\n一、评价结论\n经综合评价，项目得分91.8分，等级为优。\n"
                    "二、指标评分情况\n一、决策（15分），得分14分\n（一）项目立项（5分），得5分。立项依据充分。\n"
                    "（二）绩效目标（5分），得4.5分。未设置收支平衡指标，扣0.5分。\n（三）资金投入（5分），得4.5分。测算偏高，扣0.5分。\n"
                    "二、过程（25分），得分22.5分\n（一）资金管理（15分），得13分。县级资金未足额到位，扣2分。\n"
                    "（二）组织实施（10分），得{}分。档案管理不规范，扣0.5分。\n三、产出（30分），得分28分\n"
                    "（一）产出数量（10分），得10分。\n（二）产出质量（10分），得9分。\n（三）产出时效（10分），得9分。\n"
                    "四、效益（30分），得分27.3分\n（一）社会效益（15分），得14.3分。\n（二）可持续影响（5分），得4分。\n"
                    "（三）满意度（10分），得9分。\n")


def test_a_heading_scored_after_its_weight_over_its_numbered_rows(tmp_path):
    record = text_record(tmp_path, _SCORED_HEADINGS.format("9.5"))
    tree = {tuple(i["path"]): (i["weight"], i["score"]) for i in record["indicators"]}
    assert tree[("决策",)] == (15, 14) and tree[("过程", "组织实施")] == (10, 9.5)
    assert error_flags(record) == []
    [flag] = error_flags(text_record(tmp_path, _SCORED_HEADINGS.format("8.5"), "slip.txt"))
    assert flag["rule"] == "score.tree" and "过程22.5分" in flag["message"] and "21.5" in flag["message"]


def test_money_per_head_given_in_full(tmp_path):
    record = text_record(tmp_path, _HEAD + "资助特困人员1860人，每人全额资助350元，计65.10万元。\n")
    assert [str(f["value"]) for f in record["facts"] if f["kind"] == "money_rate"] == ["350"]


# ---- a cell ending in a figure, then a short name on the next line: two cells
def test_a_cell_ending_in_a_figure_does_not_run_into_the_next_rows_name(tmp_path):
    from extractor.ingest import load_document
    path = tmp_path / "cells.txt"
    path.write_text("产出\n产出数量\n良种母牛补栏完成率\n10\n9\n计划补栏4000头，实际完成3720头，完成率93.00%\n产出质量\n"
                    "良种覆盖率\n8\n8\n", encoding="utf-8")
    texts = [b.text for b in load_document(path).blocks]
    assert "产出质量" in texts, texts
    # (a sentence broken after a figure still goes on: its next line is more than a bare name)
    path.write_text("全年共支出补助资金1,286.40万元，资金执行率达到96.5%\n，较上年提高2.1个百分点。\n", encoding="utf-8")
    assert len(load_document(path).blocks) == 1


def test_a_reason_ending_in_its_deduction_does_not_swallow_the_next_level(tmp_path):
    # (a reason of 18 characters or more, then a second level's name: the level's rows keep it)
    rows = ["决策", "资金投入", "预算编制科学性", "3", "2.5", "圈舍改造补助测算依据不足，扣0.5分", "资金分配合理性", "2", "2",
            "过程", "资金管理", "资金使用合规性", "5", "4", "2个乡镇补贴资金兑付手续不全，扣1分", "组织实施", "管理制度健全性", "5", "4.5"]
    text = "某县项目绩效评价评分表\n" + "\n".join(["一级指标", "二级指标", "三级指标", "分值", "得分", "评分依据"] + rows) + "\n"
    record = text_record(tmp_path, text)
    paths = [tuple(i["path"]) for form in record["forms"] for i in form["indicators"]]
    assert ("决策", "资金投入", "资金分配合理性") in paths and ("过程", "组织实施", "管理制度健全性") in paths, paths


# ---- a figure of few digits in 元 in the text and in 万元 in the form, one name for both
def test_a_budget_in_yuan_in_the_text_and_in_wan_in_the_form(tmp_path):
    text = ("某县2024年高标准农田建设项目支出绩效自评报告\n一、项目概况\n本项目年初预算数为{}，全年执行数815.20万元。\n"
            "附件：项目支出绩效自评表\n| 项目资金（万元） | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |\n"
            "| 年度资金总额 | 820.0000 | 820.0000 | 815.2000 | 10 | 99.41% | 9.94 |\n")
    assert [f for f in text_record(tmp_path, text.format("820.00万元"))["flags"] if f["rule"] == "unit.slip"] == []
    [flag] = [f for f in text_record(tmp_path, text.format("820.00元"), "slip.txt")["flags"] if f["rule"] == "unit.slip"]
    assert "820.00元" in flag["message"]
    # (the same few digits under two names are two quantities)
    other = text.format("820.00万元").replace("全年执行数815.20万元", "另安排工作经费820元")
    assert [f for f in text_record(tmp_path, other, "other.txt")["flags"] if f["rule"] == "unit.slip"] == []


# ---- a count of people times the money after it
def test_money_times_a_count_of_people_is_per_head(tmp_path):
    record = text_record(tmp_path, _HEAD + "按参保人数核定补助资金：临江县40425人×580元=2344.65万元。\n")
    assert [(f["kind"], str(f["value"])) for f in record["facts"] if "580" in f["text"]] == [("money_rate", "580")]


# ---- a score table one cell a line with a words column between its points, and review columns
def test_a_score_tables_words_column_holding_a_figure_and_a_fund_words_row(tmp_path):
    cells = ["一级指标", "二级指标", "三级指标", "分值", "评价要点", "得分", "扣分说明",
             "过程", "资金管理", "资金到位率", "4", "资金到位率100%", "4",
             "预算执行率", "4", "支出资金/到位资金", "3", "预算执行率96.83%，扣1分",
             "资金使用合规性", "4", "是否按规定范围使用", "3.5", "列支不规范，扣0.5分",
             "小计", "12", "{}"]
    text = "某县义务教育经费绩效评价评分表\n" + "\n".join(cells) + "\n"
    record = text_record(tmp_path, text.format("10.5"))
    paths = [tuple(i["path"]) for form in record["forms"] for i in form["indicators"]]
    assert ("过程", "资金管理", "资金到位率") in paths, paths
    assert error_flags(record) == []
    assert [f["rule"] for f in error_flags(text_record(tmp_path, text.format("11.5"), "slip.txt"))] == ["score.tree"]


def test_a_unit_and_a_reviewer_column_each_with_its_scores(tmp_path):
    rows = ["一级指标  二级指标  三级指标  分值  单位自评  再评价  再评价扣分说明",
            "决策  项目立项  立项依据充分性  5  5  5",
            "绩效目标  绩效目标合理性  5  5  4  受益人口目标未区分嘎查村扣1分",
            "过程  资金管理  资金到位率  4  4  4",
            "预算执行率  4  4  3  执行率93.27%扣1分"]
    record = text_record(tmp_path, "某旗农村牧区供水工程绩效再评价报告\n" + "\n".join(rows) + "\n")
    scores = sorted(str(f["value"]) for f in record["facts"] if f["kind"] == "score")
    # (each row's 分值, the unit's own score and the reviewer's)
    assert scores.count("4") == 6 and scores.count("5") == 5 and scores.count("3") == 1, scores


def test_a_difference_between_two_scores_is_no_score(tmp_path):
    text = ("某县新农合财政补助资金绩效再评价报告\n经再评价，项目再评价得分为80.5分，等级为“良”。"
            "再评价得分低于单位自评得分14.5分，差异主要集中在过程和效益指标。\n")
    record = text_record(tmp_path, text)
    assert record["metadata"]["score"] == 80.5 and error_flags(record) == []


# ---- a form's fund block after a report's words that named its sources twice
def test_a_fund_block_after_words_naming_its_sources_twice(tmp_path):
    text = ("某县教育局2024年度学生资助项目支出绩效自评报告\n一、资金情况\n项目预算1,240.00万元，其中中央资金\n"
            "980.00万元、县级资金260.00万元；实际支出中央资金\n980.00万元、县级资金236.50万元。\n二、绩效自评表（摘录）\n"
            + "\n".join(["项目资金（万元）", "全年预算数", "全年执行数", "执行率", "分值", "得分",
                         "年度资金总额", "1240.00", "1216.50", "98.10%", "10", "9.81",
                         "中央资金", "980.00", "980.00", "100%", "—", "—",
                         "县级资金", "260.00", "236.50", "90.96%", "—", "—"]) + "\n")
    record = text_record(tmp_path, text)
    funds = [row.get("label") for form in record["forms"] for row in form.get("funds") or []]
    assert funds[:3] == ["年度资金总额", "中央资金", "县级资金"], funds


def test_a_reason_without_a_figure_then_the_next_levels_name(tmp_path):
    from extractor.ingest import load_document
    path = tmp_path / "cells.txt"
    cells = "资金使用合规性\n4\n3\n2所学校资助资金未在规定时间内发放到学生账户\n组织实施\n管理制度健全性\n4\n4\n"
    for text in (cells, cells.replace("\n", "\n\n")):  # (and double-spaced)
        path.write_text(text, encoding="utf-8")
        assert "组织实施" in [b.text for b in load_document(path).blocks]
