"""Shapes the replica probe rounds of the twenty-fifth session met: records laid side by side
(two records a line under one header), a lower header row that left out its cells under a
row naming every column, and a table run into a line of text a single space between cells.
Every text here is made up for the tests."""
from conftest import error_flags, text_record
from extractor.pipeline import extract_file
from test_ingest_text_tables import needs_soffice, print_to_pdf


def _facts(record, kind=None):
    return [(f["kind"], str(f["value"]), f.get("label")) for f in record["facts"] if kind in (None, f["kind"])]


def _values(record, kind):
    return [v for _, v, _ in _facts(record, kind)]


# ---- records side by side
def _side_by_side(sep: str) -> str:
    rows = [["指标", "分值", "得分", "得分率", "决策", "20", "18", "90.00%"],
            ["过程", "20", "16.5", "82.50%", "产出", "35", "31", "88.57%"],
            ["效益", "25", "21", "84.00%", "合计", "100", "86.5", "86.50%"]]
    return "一级指标得分情况如下：\n" + "\n".join(sep.join(r) for r in rows) + "\n综合评价为良。\n"


def test_records_two_a_line_under_one_header_are_one_a_row(tmp_path):
    for sep in ("  ", "\t"):
        scores = _values(text_record(tmp_path, _side_by_side(sep)), "score")
        assert scores == ["20", "18", "20", "16.5", "35", "31", "25", "21", "100", "86.5"], sep


def test_a_header_written_again_over_each_record_is_one_header(tmp_path):
    text = ("县区  补助人数（人）  县区  补助人数（人）\n东城区  1280  西城区  954\n"
            "南湖区  706  北山区  433\n")
    facts = _facts(text_record(tmp_path, text), "headcount")
    assert [v for _, v, _ in facts] == ["1280", "954", "706", "433"]
    assert {label for _, _, label in facts} == {"补助人数"}


def test_two_tables_side_by_side_keep_their_columns(tmp_path):
    # (收入 and 支出 halves name different columns: no records of one table)
    text = ("收入项目  决算数（万元）  支出项目  决算数（万元）\n财政拨款  820.00  基本支出  610.00\n"
            "事业收入  45.00  项目支出  240.00\n其他收入  5.00  结转结余  20.00\n")
    facts = _facts(text_record(tmp_path, text), "amount")
    assert len(facts) == 6 and ("amount", "8200000.00", "决算数") in facts


# ---- a lower header row that left out its cells
_LEFT_OUT = ("单位：户、人、元\n"
             "| 序号 | 乡镇 | 低保户数 | 特困户数 | 保障人数 | 低保金 | 特困供养金 |\n"
             "| 低保月发放金额 | 低保累计发放金额 | 特困月发放金额 | 特困累计发放金额 |\n"
             "| 1 | 城关镇 | 86 | 12 | 131 | 52400 | 9600 |\n"
             "| 2 | 河口镇 | 54 | 9 | 88 | 33100 | 7200 |\n"
             "| 合计 | | 140 | 21 | 219 | 85500 | 16800 |\n")


def test_a_lower_header_row_that_left_out_cells_does_not_rename_the_columns(tmp_path):
    facts = _facts(text_record(tmp_path, _LEFT_OUT))
    assert ("households", "86", "低保户数") in facts and ("headcount", "131", "保障人数") in facts
    assert not any(k == "amount" and v in ("86", "12", "131", "140") for k, v, _ in facts)
    assert ("amount", "52400", "低保金") in facts


def test_a_lower_header_row_under_a_name_spanning_its_sub_columns_names_them(tmp_path):
    text = ("| 乡镇 | 救助资金（万元） | | 救助人数 |\n| | 中央 | 地方 | |\n"
            "| 城关镇 | 40.00 | 12.00 | 360 |\n| 河口镇 | 31.00 | 9.50 | 270 |\n")
    facts = _facts(text_record(tmp_path, text))
    assert ("amount", "400000.00", "救助资金›中央") in facts or \
        any(k == "amount" and v == "400000.00" for k, v, _ in facts)
    assert ("headcount", "360", "救助人数") in facts


# ---- a table run into a line of text
_INLINE = ("一、基本情况 本项目由县文化馆实施，资金全部到位。 二、支出明细 支出内容 计划数（万元） 实际数（万元） "
           "乡村演出补助 60.00 58.40 图书购置 35.50 35.50 设备维护 12.00 10.10 合计 107.50 104.00 "
           "三、绩效情况 全年开展演出120场。")


def test_a_table_run_into_a_line_of_text_is_read(tmp_path):
    record = text_record(tmp_path, _INLINE)
    amounts = _values(record, "amount")
    assert amounts == ["600000.00", "584000.00", "355000.00", "355000.00", "120000.00", "101000.00",
                       "1075000.00", "1040000.00"]


def test_figures_in_running_text_are_no_inline_table(tmp_path):
    # (no header stating a unit: the figures are the sentence's, not a table's)
    text = ("二、支出明细 支出内容 计划数 实际数 乡村演出补助 60.00 58.40 图书购置 35.50 35.50 "
            "设备维护 12.00 10.10 三、绩效情况 全年开展演出120场。")
    assert _values(text_record(tmp_path, text), "amount") == []


def test_a_run_of_two_rows_is_no_inline_table(tmp_path):
    text = ("二、支出明细 支出内容 计划数（万元） 实际数（万元） 乡村演出补助 60.00 58.40 图书购置 35.50 35.50 "
            "三、绩效情况 全年开展演出120场。")
    assert _values(text_record(tmp_path, text), "amount") == []


# ---- cells between pipes on lines of their own, a row closed by an empty cell
def _pipe_lines(rows) -> str:
    out = []
    for row in rows:
        for cell in row:
            out += cell.split("/") + ["|"]
        out.append("|")
    return "\n".join(out) + "\n"


def test_cells_between_pipe_lines_rows_closed_by_an_empty_cell(tmp_path):
    text = "单位：万元\n|\n" + _pipe_lines([["科目", "合计", "一般公共/预算", "政府性基金/预算"],
                                         ["机关运行经费", "152.30", "150.10", "2.20"],
                                         ["（一）公务接待费", "3.60", "3.60", "0.00"],
                                         ["（二）公务用车运行费", "11.40", "11.40", "0.00"]])
    amounts = _values(text_record(tmp_path, text), "amount")
    assert amounts[:4] == ["1523000.00", "1501000.00", "22000.00", "36000.00"] and len(amounts) == 9


def test_pipe_lines_whose_rows_differ_in_width_are_no_table(tmp_path):
    text = "单位：万元\n|\n" + _pipe_lines([["科目", "合计", "一般公共/预算"], ["机关运行经费", "152.30"],
                                         ["（一）公务接待费", "3.60", "3.60", "0.00"],
                                         ["（二）公务用车运行费", "11.40", "11.40"]])
    assert _values(text_record(tmp_path, text), "amount") == []


def test_a_fraction_under_a_count_column_is_no_count(tmp_path):
    # (河口镇's row left out its 救助户数 cell: its money stands under the households' column)
    text = ("| 县 | 乡镇 | 救助人数（人） | 救助户数（户） | 发放资金（万元） |\n| 东县 | 城关镇 | 312 | 140 | 46.80 |\n"
            "| 河口镇 | 96 | 14.40 |\n| 南县 | 石桥镇 | 205 | 88 | 30.75 |\n")
    facts = _facts(text_record(tmp_path, text))
    assert ("headcount", "312", "救助人数") in facts and ("households", "88", "救助户数") in facts
    assert not any(k in ("headcount", "households") and v == "14.40" for k, v, _ in facts)


def test_a_figure_in_wan_before_what_it_is_used_for_is_money(tmp_path):
    text = "上级下达救灾资金240万元，其中85万用于储备物资购置，其余用于受灾群众安置。\n"
    assert "850000" in _values(text_record(tmp_path, text), "amount")


def test_a_cap_per_person_each_time_is_money_per_head(tmp_path):
    text = "临时救助标准为每人每次不超过2000元，全年安排救助资金36万元。\n"
    facts = _facts(text_record(tmp_path, text))
    assert ("money_rate", "2000", "补偿") in facts or any(k == "money_rate" and v == "2000" for k, v, _ in facts)
    assert not any(k == "amount" and v == "2000" for k, v, _ in facts)


def test_a_self_score_written_as_zipingfen_is_the_reports_score(tmp_path):
    record = text_record(tmp_path, "经逐项打分，本项目自评分88.5分。各项指标完成较好。\n")
    assert str(record["metadata"]["score"]) == "88.5"


def test_changes_that_name_only_the_change_are_no_repeat(tmp_path):
    # (each 较…增加 is said of the figure before it: 利息收入, 结余, 本年支出 — three quantities)
    text = ("本单位收入情况如下。利息收入 2.08 万元，较 2022 年度决算数增加 0.64 万元，增长 44.4%。"
            "使用非财政拨款结余 0.00 万元，本单位未动用结余，较 2022 年度决算数增加 0.00 万元。\n"
            "本单位 2023 年度总支出 318.26 万元，其中本年支出 309.70 万元，较 2022 年度决算数增加 16.45 万元，增长 5.6%。\n")
    assert error_flags(text_record(tmp_path, text), "repeat.conflict") == []


@needs_soffice
def test_a_table_run_into_a_line_printed_to_pdf_is_read(tmp_path):
    # (the line wraps on the printed page; the paragraph joined again holds the same table)
    _, printed = print_to_pdf(tmp_path, _INLINE)
    amounts = _values(extract_file(printed), "amount")
    assert amounts == ["600000.00", "584000.00", "355000.00", "355000.00", "120000.00", "101000.00",
                       "1075000.00", "1040000.00"]


def test_a_total_row_under_one_row_is_not_summed(tmp_path):
    # (the table's first rows stood on the page before: 效果 is its last item only)
    for text in ("| 一级指标 | 分值 | 自评得分 |\n| 效果 | 20 | 18 |\n| 合计 | 100 | 94 |\n",
                 "| 项目 | 金额（万元） |\n| 办公费 | 20.00 |\n| 合计 | 100.00 |\n"):
        assert error_flags(text_record(tmp_path, text)) == [], text


def test_a_named_row_under_its_unit_caption_with_a_dash_for_a_figure(tmp_path):
    cells = ["二、部门收支情况", "年度收入情况（万元）", "机构名称", "收入合计", "其中：", "上年结转", "财政拨款",
             "事业收入", "其他收入", "某县林业局", "1520.40", "86.20", "1390.00", "—", "44.20", "三、绩效情况"]
    amounts = _values(text_record(tmp_path, "\n\n".join(cells) + "\n"), "amount")
    assert amounts == ["15204000.00", "862000.00", "13900000.00", "442000.00"]


def test_a_level_its_clause_names_last_years_is_the_base_of_the_change(tmp_path):
    text = ("2023年公务接待费支出5.32万元，其中市内接待2.10万元、外地来访接待3.22万元，上年为6.50万元，"
            "较上年减少1.18万元，下降18.15%。\n")
    assert error_flags(text_record(tmp_path, text), "diff.change") == []


def test_a_total_column_named_first_in_a_two_row_header_takes_its_own_column(tmp_path):
    # (合计 written in the upper row, the sources in the lower: the text names it first)
    text = ("2023年度转移支付区域绩效自评表\n转移支付（项目）名称：农村公路养护补助\n\n"
            "| 项目 | 资金来源（万元） | | 合计（万元） |\n| | 中央 | 县级 | |\n"
            "| 全年预算数 | 860.00 | 140.00 | 1,000.00 |\n| 全年执行数 | 842.00 | 131.00 | 973.00 |\n"
            "| 执行率 | 97.91% | 93.57% | 97.30% |\n")
    record = text_record(tmp_path, text)
    assert error_flags(record, "form.funds_total") == []
    total = next(r for r in record["forms"][0]["funds"] if r["slot"] == "total")
    facts = {f["id"]: f for f in record["facts"]}
    assert facts[total["cells"]["全年预算数"]]["text"] == "1,000.00"


# ---- a numbered score table, two records a line, 小计 rows in its second-level column
_NUMBERED_HALVES = ("序号 一级指标 二级指标 分值 得分      序号 一级指标 二级指标 分值 得分\n"
                    "1 投入 资金到位 10 10      2 投入 预算编制 5 4\n"
                    "3 投入 小计 15 14      4 过程 资金使用 20 18\n"
                    "5 过程 制度执行 10 9      6 过程 小计 30 27\n"
                    "7 产出 完成数量 30 28      8 产出 完成质量 25 24\n"
                    "9 产出 小计 55 52      10 合计 — 100 93\n")


def test_numbered_records_two_a_line_with_their_subtotals_add_up(tmp_path):
    record = text_record(tmp_path, "表3 绩效自评得分表\n" + _NUMBERED_HALVES + "\n自评得分93分，等级为优。\n")
    assert error_flags(record) == []
    paths = {tuple(i["path"]): i["score"] for i in record["indicators"]}
    assert str(paths[("过程",)]) == "27" and str(paths[("合计",)]) == "93"


def test_numbered_records_two_a_line_with_a_subtotal_off_are_flagged(tmp_path):
    record = text_record(tmp_path, "表3 绩效自评得分表\n" + _NUMBERED_HALVES.replace("过程 小计 30 27", "过程 小计 30 28")
                         .replace("合计 — 100 93", "合计 — 100 94") + "\n自评得分94分，等级为优。\n")
    assert [f["rule"] for f in error_flags(record)] == ["score.tree"]


def _numbered_inline(total: str) -> str:
    return ("三、资金使用情况 截至年底项目累计支出626.50万元。表2 支出明细表（单位：万元） 序号 支出类别 支出金额 "
            f"1 道路硬化 402.30 2 排水沟渠 136.20 3 设计监理 88.00 合计 {total} 四、绩效目标完成情况 全年完成道路硬化12公里。")


def test_a_numbered_table_run_into_a_line_is_read_and_summed(tmp_path):
    record = text_record(tmp_path, _numbered_inline("626.50"))
    assert _values(record, "amount") == ["6265000.00", "4023000.00", "1362000.00", "880000.00", "6265000.00"]
    assert error_flags(record) == []
    assert error_flags(text_record(tmp_path, _numbered_inline("636.50"), "b.txt"), "sum.table")


def _coverage(rate: str) -> str:
    return ("经审核，符合条件的重度残疾人1,450人，其中12人因迁出暂停发放，实际发放1,438人，"
            f"全年累计发放17,256人次，发放覆盖率{rate}。\n")


def test_a_payout_coverage_rate_is_checked_against_the_people_paid(tmp_path):
    assert error_flags(text_record(tmp_path, _coverage("99.17%")), "ratio.stated") == []
    [flag] = error_flags(text_record(tmp_path, _coverage("98.17%"), "b.txt"), "ratio.stated")
    assert "99.17%" in flag["message"]


def test_a_summary_under_full_and_awarded_points_is_a_score_table(tmp_path):
    cells = ["二、自评结论（满分100分，实得92分）", "附：得分汇总", "指标", "满分", "实得", "投入", "20", "19",
             "过程", "30", "27", "产出", "30", "28", "效果", "20", "18", "合计", "100", "92"]
    record = text_record(tmp_path, "\n".join(cells) + "\n")
    assert _values(record, "score")[-10:] == ["20", "19", "30", "27", "30", "28", "20", "18", "100", "92"]
    assert str(record["metadata"]["score"]) == "92"


def _full_and_awarded(awarded: str) -> str:
    return ("二、自评结论（满分100分，实得90分）\n（一）投入（满分20分，实得18分）\n1.立项（满分8分，实得8分）\n项目按程序立项。\n"
            f"2.资金（满分12分，实得{awarded}分）\n资金到位及时。\n（二）过程（满分30分，实得27分）\n（三）产出（满分30分，实得27分）\n"
            "（四）效益（满分20分，实得18分）\n")


def test_headings_with_full_and_awarded_points_are_a_score_tree(tmp_path):
    record = text_record(tmp_path, _full_and_awarded("10"))
    paths = {tuple(i["path"][-1:]): (i["weight"], i["score"]) for i in record["indicators"]}
    assert str(paths[("投入",)][1]) == "18" and str(paths[("资金",)][0]) == "12"
    assert error_flags(record) == []
    [flag] = error_flags(text_record(tmp_path, _full_and_awarded("7"), "b.txt"), "score.tree")
    assert "投入" in flag["message"]


def test_a_level_subtotal_is_not_checked_past_points_no_row_took(tmp_path):
    # (效益 | 满意度 | 5 | 4.5: points the form reader placed under no row; 效益's rows are not all known)
    text = ("某县民政局2023年度部门整体支出绩效自评表\n"
            "自评得分表 |||| 一级指标 | 二级指标 | 分值 | 得分 |||| 投入 | 预算编制 | 10 | 9 |||| 投入 | 目标设置 | 10 | 10 ||||"
            " 投入 | 小计 | 20 | 19 |||| 过程 | 预算执行 | 20 | 19 |||| 过程 | 资产管理 | 10 | 9 |||| 过程 | 小计 | 30 | 28 ||||"
            " 产出 | 数量指标 | 15 | 14 |||| 产出 | 质量指标 | 15 | 15 |||| 产出 | 小计 | 30 | 29 |||| 效益 | 社会效益 | 15 | 14 ||||"
            " 效益 | 满意度 | 5 | 4.5 |||| 效益 | 小计 | 20 | 18.5 |||| 合计 | | 100 | 94.5 |||| 自评等级 | 优 ||||\n")
    assert error_flags(text_record(tmp_path, text)) == []


def test_a_pages_tables_saved_as_one_run_of_pipe_rows_are_read_each_under_its_heading(tmp_path):
    text = ("某县农业农村局2023年度部门整体支出绩效自评报告 |\n|\n一、部门基本情况 |\n|\n"
            "本局负责全县农业农村发展规划、耕地保护和农产品质量安全监管等工作，内设股室六个。 |\n|\n"
            "单位名称 | 某县农业农村局 |\n联系人 | 王某 | 联系电话 | 0000-1234567 |\n人员编制 | 52人 | 实有人数 | 49人 |\n|\n"
            "（一）年度收入情况（万元） |\n|\n机构名称 | 收入合计 | 其中: | | | | |\n| | 上年结转 | 财政拨款 | 基金拨款 | 事业收入 | 其他收入 |\n"
            "某县农业农村局 | 2380.00 | 60.00 | 2290.00 | - | - | 30.00 |\n|\n"
            "（二）年度支出情况（万元） |\n|\n机构名称 | 支出合计 | 基本支出 | 项目支出 |\n某县农业农村局 | 2310.50 | 1204.30 | 1106.20 |\n|\n"
            "（三）预算执行情况（万元） |\n|\n项目 | 年初预算数 | 全年预算数 | 全年执行数 | 执行率 |\n"
            "合计 | 2200.00 | 2380.00 | 2310.50 | 97.08% |\n基本支出 | 1180.00 | 1210.00 | 1204.30 | 99.53% |\n"
            "项目支出 | 1020.00 | 1170.00 | 1106.20 | 94.55% |\n")
    record = text_record(tmp_path, text)
    facts = _facts(record)
    assert ("headcount", "52", "人员编制") in facts or any(k == "headcount" and v == "52" for k, v, _ in facts)
    assert {"600000.00", "22900000.00", "300000.00"} <= set(_values(record, "amount"))
    assert error_flags(record) == []


def test_money_per_head_by_classes_listed_before_it(tmp_path):
    text = "护理补贴每人每月按一级、二级、三级分别发放300元、200元、100元，全年发放护理补贴86.4万元。\n"
    facts = _facts(text_record(tmp_path, text))
    assert [v for k, v, _ in facts if k == "money_rate"] == ["300", "200", "100"]
    assert [v for k, v, _ in facts if k == "amount"] == ["864000.0"]


def _by_content(parts: str) -> str:
    return ("全年预算960万元。按资金来源分，中央资金400万元、省级资金300万元、县级资金260万元。"
            f"按建设内容分，项目总投资960万元，其中：{parts}。\n")


def test_a_list_after_a_whole_restated_under_another_heading_breaks_it_down(tmp_path):
    assert error_flags(text_record(tmp_path, _by_content("道路硬化520万元、排水沟渠300万元、绿化140万元"))) == []
    [flag] = error_flags(text_record(tmp_path, _by_content("道路硬化520万元、排水沟渠300万元、绿化150万元"), "b.txt"))
    assert flag["rule"] == "sum.breakdown" and "970" in flag["message"]


def test_a_share_of_the_plan_done_is_checked_as_a_completion_rate(tmp_path):
    text = "年度计划培训3,200人次，实际完成培训3,360人次，完成年度计划的{}。\n"
    assert error_flags(text_record(tmp_path, text.format("105%")), "ratio.stated") == []
    assert error_flags(text_record(tmp_path, text.format("108%"), "b.txt"), "ratio.stated")


def test_cells_closed_by_pipes_rows_closed_by_runs_of_any_length(tmp_path):
    # (a page's tables saved cell by cell: titles, headers and rows closed by runs of pipes of
    # different lengths; 其中: over the columns after 收入合计 is no column of its own)
    lines = ["一、基本概况 |", "||||||||||", "单位名称 | 某县档案馆 |", "||||||||", "人员编制 | 14人 |", "实有人数 | 12人 |",
             "||||||||", "二、年度收入情况（万元） |", "||||||||||", "机构名称 |", "收入合计 |", "其中: |", "上年结转 |",
             "财政拨款 |", "其他收入 |", "||||||||", "某县档案馆 |", "386.20 |", "12.40 |", "366.30 |", "7.50 |", "|||||||||",
             "三、年度支出情况（万元） |", "||||||||||", "机构名称 |", "支出合计 |", "基本支出 |", "项目支出 |", "|||||||||||",
             "某县档案馆 |", "371.90 |", "258.60 |", "113.30 |", "||||||||"]
    record = text_record(tmp_path, "\n".join(lines) + "\n")
    amounts = _values(record, "amount")
    assert ["3862000.00", "124000.00", "3663000.00", "75000.00"] == amounts[:4]
    assert ["3719000.00", "2586000.00", "1133000.00"] == amounts[4:7]
    assert error_flags(record) == []
