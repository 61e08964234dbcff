"""Reports and forms as the thirty-fourth session found them: web pages saved as text with
their furniture (menus, breadcrumbs, a publication block as list items) above a form or a
report, and score sheets published as forms of their own. Every text here is made up for
the tests."""
from collections import Counter
from decimal import Decimal

import pytest
from conftest import error_flags, text_record
from extractor.page_furniture import is_furniture

_FORM = """项目支出绩效自评表
（2023年度）
项目名称 | 某镇农村道路养护 | | | | |
主管部门 | 某县交通运输局 | 实施单位 | 某镇人民政府 | | |
项目资金（万元） | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分
年度资金总额 | 120.00 | 120.00 | 114.60 | 10 | 95.50% | 9.55
其中：当年财政拨款 | 120.00 | 120.00 | 114.60 | — | 95.50% | —
一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分
产出指标 | 数量指标 | 养护农村公路里程 | ≥86公里 | 86公里 | 20 | 20
效益指标 | 社会效益指标 | 群众出行满意度 | ≥90% | 95% | 20 | 20
总分 | | | | | 100 | 96.55
"""

# a portal's furniture in the ways pages copy it: a menu, a breadcrumb, a publication block as
# labelled lines, or as list items with each value on the line after its label
_MENU = "• 设为首页|\n• 加入收藏|\n• 长辈版|\n• 无障碍浏览|\n"
_BREADCRUMB = "您现在所在的位置: 网站首页> 县交通运输局> 部门项目\n"
_LABELLED = "索引号: 11530000MB0001234X/202305-00017 组配分类: 部门项目\n发布机构: 某县交通运输局 主题分类: 其他\n发布日期: 2023-05-10\n"
_LISTED = ("- 索引号\n- 11530000MB0001234X/20230529-00013\n- 发文机构\n- 某县交通运输局\n- 公开目录\n- 绩效自评报告\n"
           "- 浏览量\n- 日期\n- 2023-05-29\n")


@pytest.mark.parametrize("furniture", [_MENU + _BREADCRUMB + _LABELLED, _LISTED, "| 无障碍浏览 | 打开适老化模式\nx\n" + _LABELLED])
def test_a_form_under_a_page_s_furniture_is_the_document(tmp_path, furniture):
    record = text_record(tmp_path, furniture + "某镇2023年度农村道路养护项目支出绩效自评\n附件1\n" + _FORM)
    assert record["metadata"]["report_type"] == "form_project"
    assert record["metadata"]["title"] == "某镇2023年度农村道路养护项目支出绩效自评"


def test_a_form_annexed_to_a_report_stays_the_report_s(tmp_path):
    report = ("某县交通运输局2023年度农村道路养护项目绩效自评报告\n一、项目基本情况\n"
              "项目年初预算120万元，全年执行114.6万元，执行率95.5%。全年养护农村公路86公里。\n"
              "二、自评结论\n自评得分96.55分，等级为优。\n附件1\n")
    record = text_record(tmp_path, _LABELLED + report + _FORM)
    assert record["metadata"]["report_type"] == "project"


@pytest.mark.parametrize("line", [
    "• 设为首页|", "| 无障碍浏览 | 打开适老化模式", "您现在所在的位置: 网站首页> 县交通运输局> 部门项目",
    "首页>>政务公开>>公示公告", "索引号 11530000MB0001234X/202305-00017 发布机构 某县交通运输局",
    "发布时间:2023-05-10 10:35 来源:某县交通运输局", "- 发文机构", "www.example.gov.cn", "x",
])
def test_a_page_s_furniture_is_told(line):
    assert is_furniture(line)


@pytest.mark.parametrize("line", [
    "某县2023年度农村道路养护项目支出绩效自评表", "一、项目基本情况", "年度资金总额 | 120.00 | 120.00 | 114.60",
    "2023-05-29", "时间进度方面，项目于2023年3月开工。", "来源于县级财政预算安排的资金共120万元。",
    "某县交通运输局",
])
def test_a_report_s_own_lines_are_no_furniture(line):
    assert not is_furniture(line)


def test_a_label_s_value_on_the_next_list_item_is_furniture_but_a_title_after_an_empty_label_is_not():
    assert is_furniture("- 某县交通运输局", after_label="- ")
    assert is_furniture("2023-05-29", after_label="")
    assert not is_furniture("某镇2023年度农村道路养护项目支出绩效自评表", after_label="")


def test_a_page_s_list_items_are_lines_of_their_own(tmp_path):
    record = text_record(tmp_path, "某镇2023年度农村道路养护项目绩效自评\n" + _LISTED + "一、基本情况\n项目总投资120万元。\n")
    assert record["metadata"]["title"] == "某镇2023年度农村道路养护项目绩效自评"


_SHEET = """{title}
一级指标 | 二级指标 | 三级指标 | 指标解释 | 评分标准 | 分值 | 自评得分
投入（20分） | 预算配置（10分） | 在职人员控制率 | 在职人员数与编制数之比 | 控制率≤100%得5分，每超1个百分点扣0.5分 | 5 | 5
 | | 三公经费变动率 | 三公经费较上年的变动 | 变动率≤0得5分，否则不得分 | 5 | 5
 | 预算执行（10分） | 预算执行率 | 全年执行数与预算数之比 | 执行率100%得10分，每低1%扣0.2分 | 10 | 9.6
合计 | | | | | 20 | 19.6
"""


@pytest.mark.parametrize("title, report_type", [
    ("某县水利局2023年度部门整体支出绩效评价自评表", "form_department"),
    ("某县民政局2022年项目支出绩效自评指标计分表", "form_project"),
    ("某县2023年度中央对地方转移支付区域绩效自评评分表", "form_transfer"),
])
def test_a_score_sheet_published_alone_is_a_form(tmp_path, title, report_type):
    record = text_record(tmp_path, _LABELLED + _SHEET.format(title=title))
    assert record["metadata"]["report_type"] == report_type


def test_a_narrative_report_s_score_table_does_not_make_it_a_form(tmp_path):
    text = ("某县水利局2023年度部门整体支出绩效自评报告\n一、部门基本情况\n本局内设机构5个，编制数42人，实有人数40人。"
            "全年预算执行率96%。\n二、评分情况\n" + _SHEET.format(title="部门整体支出绩效评价自评表"))
    record = text_record(tmp_path, text)
    assert record["metadata"]["report_type"] == "department"


@pytest.mark.parametrize("lead, title", [
    ("附件2\n", "2023年度项目支出绩效自评表"),
    ("打印时间：2024-03-15 10:21\n", "2023年度项目支出绩效自评表"),
    ("道客巴巴\nwww.doc88.com\n", "2023年度项目支出绩效自评表"),
])
def test_an_annex_mark_or_a_print_header_is_no_part_of_a_form_s_title(tmp_path, lead, title):
    record = text_record(tmp_path, lead + "2023年度项目支出绩效自评表\n" + _FORM.split("\n", 2)[2])
    assert record["metadata"]["title"] == title


_CUT_FUNDS = """某县城区环卫保洁项目支出绩效自评表
项目名称 | 城区环卫保洁服务 | | | | |
主管部门 | 某县城市管理局 | 实施单位 | 某县环境卫生管理所 | | |
项目资金（万元） | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分
年度资金总额 | 1,840.00 | 1,906.30 | 1,889.52 | 10 | 99.12% | 9.91
其中：当年财政拨款 | 1,840.00 | 1,840.00 | 1,823.22 | — | — | —
上年结转"""


@pytest.mark.parametrize("tail", ["", "资金"])
def test_a_form_cut_off_inside_its_fund_block_raises_no_sum_error(tmp_path, tail):
    # the 上年结转 row (66.30 of the 全年预算数) is where the excerpt ends: the parts are not all there
    record = text_record(tmp_path, _CUT_FUNDS + tail + "\n")
    assert [f for f in error_flags(record) if f["rule"] == "form.funds_total"] == []


def test_a_whole_form_s_fund_block_is_still_summed(tmp_path):
    text = _CUT_FUNDS + "资金 | 0 | 56.30 | 56.30 | — | — | —\n其他资金 | — | — | — | — | — | —\n" + _FORM.split("\n", 7)[7]
    record = text_record(tmp_path, text)
    # 1,840.00 + 56.30 = 1,896.30, not the 1,906.30 written
    assert "form.funds_total" in [f["rule"] for f in error_flags(record)]


@pytest.mark.parametrize("sentence, flagged", [
    ("全年实施项目63个，其中产业项目31个，产业发展资金占比58.6%。", False),  # money's share, not the projects'
    ("全年实施项目63个，其中产业项目31个，占比58.6%。", True),  # 31 ÷ 63 = 49.21%
    ("全年衔接资金3000万元，其中产业发展资金1858万元，产业发展资金占比58.6%。", True),  # 61.93%
    ("全年衔接资金3000万元，其中产业发展资金1758万元，产业发展资金占比58.6%。", False),
])
def test_a_bare_share_is_of_the_part_its_words_name(tmp_path, sentence, flagged):
    record = text_record(tmp_path, "某县衔接推进乡村振兴补助资金绩效自评报告\n" + sentence + "\n")
    assert bool([f for f in error_flags(record) if f["rule"] == "ratio.stated"]) is flagged


@pytest.mark.parametrize("layout", ["\n", " "])
def test_a_table_run_into_a_line_under_a_caption_stating_its_unit(tmp_path, layout):
    text = ("某县职业技能培训补贴项目绩效自评报告" + layout + "二、项目资金情况" + layout
            + "表1 资金使用情况（单位：万元） 资金来源 全年预算数 全年执行数 执行率 中央补助 150.00 150.00 100.00% "
              "省级补助 40.00 36.80 92.00% 县级配套 20.00 16.40 82.00% 合计 210.00 203.20 96.76%" + layout
            + "三、绩效目标完成情况" + layout + "全年培训1,650人次。")
    record = text_record(tmp_path, text)
    amounts = sorted(f["value"] for f in record["facts"] if f["kind"] == "amount")
    assert amounts == sorted(Decimal(v) * 10000 for v in
                             ["150.00", "150.00", "40.00", "36.80", "20.00", "16.40", "210.00", "203.20"])


# a department's score sheet copied out of a PDF one cell a line: its empty cells left out, its
# long cells (指标解释, 评分标准, 扣分原因) wrapped over two or three lines by the narrow columns
_WRAPPED_SHEET = """某县林业局2023年度部门整体支出绩效自评表
金额单位：万元
一级指标
二级指标
三级指标
指标解释
评分标准
分值
自评得分
扣分原因
投入（20分）
预算配置（20分）
在职人员控制率
在职人员数与编制数之比，
反映人员成本控制情况。
控制率≤100%得10分；
每超出1个百分点扣1分，
扣完为止。
10
10
三公经费变动率
本年三公经费与上年相比的
变动情况。
变动率≤0得10分；
否则不得分。
10
{cut}
三公经费较上年增长2.4%，
扣{deduction}分。
产出（30分）
数量指标（30分）
管护面积完成率
实际管护面积与计划面积之比。
完成率100%得30分；每低1%
扣1分。
30
30
合计
{total_weight}
{total_score}
"""


def _wrapped_sheet(cut="6", deduction="4", total_weight="50", total_score="46"):
    return _WRAPPED_SHEET.format(cut=cut, deduction=deduction, total_weight=total_weight, total_score=total_score)


def test_a_score_sheet_whose_cells_a_pdf_wrapped_reads_as_a_table(tmp_path):
    record = text_record(tmp_path, _wrapped_sheet())
    cells = Counter(f["source"]["quote"] for f in record["facts"] if f["kind"] == "score"
                    and f["source"].get("table") is not None and f["source"]["quote"] == f["text"])
    # each row's 分值 and 得分 cell, and the total's, read from the table's cells
    assert cells >= Counter(["10", "10", "10", "6", "30", "30", "50", "46"])
    assert not [f for f in record["facts"] if f["kind"] == "amount"]  # (金额单位 is no unit of points)
    assert record["metadata"]["report_type"] == "form_department"


def test_a_wrapped_sheet_that_does_not_add_up_is_left_to_the_other_readers(tmp_path):
    record = text_record(tmp_path, _wrapped_sheet(total_score="49"))
    assert not [t for t in record["tables"] if "管护面积完成率" in str(t)]


# a score table as a PDF's text layer lays it out: cells a run of spaces apart, a long cell's
# rest on a line of its own under its column, a long name wrapped before its row's figures
_LAID_OUT = """某县2023年度医疗救助资金绩效评价报告
附件：绩效评价评分表
一级指标  二级指标    三级指标              分值   目标值       实际完成值       得分
决策      项目立项    立项依据充分性        5      充分         充分             5
                      绩效目标合理性        5      合理         部分目标值       4
                                                                偏低
过程      资金管理    资金到位率            10     100%         100%             10
                      资金使用合规性        10     合规         存在重复救助     8
                                                                9人次
产出      产出数量    资助参保人数          20     ≥1800人      1847人           20
          产出质量    政策范围内住院自付
                      费用救助比例          20     ≥70%         72.5%            20
效益      社会效益    住院费用实际报销
                      比例                  30     ≥85%         86.1%            30
合计                                        100                                  97
"""


def test_a_laid_out_score_table_s_wrapped_cells_stay_in_their_rows(tmp_path):
    record = text_record(tmp_path, _LAID_OUT)
    rows = [i for i in record["indicators"] if not i.get("total")]
    assert sorted((i["path"][-1], str(i["weight"]), str(i["score"])) for i in rows) == sorted([
        ("立项依据充分性", "5", "5"), ("绩效目标合理性", "5", "4"), ("资金到位率", "10", "10"),
        ("资金使用合规性", "10", "8"), ("资助参保人数", "20", "20"), ("政策范围内住院自付费用救助比例", "20", "20"),
        ("住院费用实际报销比例", "30", "30")])
    assert record["metadata"]["score"] == Decimal("97")


@pytest.mark.parametrize("sentence, flagged", [
    ("到位资金6,280万元，其中居民出资到位540万元；实际支出5,896.80万元。", False),  # spending is no part of what arrived
    ("到位资金6,280万元，其中居民出资到位540万元；结余资金383.20万元。", False),
    ("到位资金1,000万元，其中：中央资金到位400万元；省级资金到位300万元；县级资金到位200万元。", True),  # 900
])
def test_a_breakdown_ends_where_its_next_clause_names_money_at_another_stage(tmp_path, sentence, flagged):
    record = text_record(tmp_path, "某县老旧小区改造项目绩效评价报告\n" + sentence + "\n")
    assert bool([f for f in record["flags"] if f["rule"] == "sum.breakdown"]) is flagged


def test_a_wrapped_sheet_whose_levels_write_no_points_raises_no_tree_error(tmp_path):
    # 投入 and 预算配置 on lines of their own, no points after them: where the levels end and the
    # names begin no line says, so the sheet is not read as a table of rows
    text = _wrapped_sheet().replace("投入（20分）", "投入").replace("预算配置（20分）", "预算配置") \
        .replace("产出（30分）", "产出").replace("数量指标（30分）", "数量指标")
    record = text_record(tmp_path, text)
    assert [f for f in error_flags(record) if f["rule"] == "score.tree"] == []


_DATA_SHEET = """某县司法局部门整体支出绩效评价基础数据表（2024年度）
填报单位：某县司法局 金额单位：{unit}
财政供养人员情况 编制数（人） 实有人数（人） 控制率（%） 40 37 92.5
三公经费 预算数 58,000.00 决算数 45,300.00
预算执行情况 年初预算数 全年预算数 全年执行数 预算执行率（%）
合计 7,200,000.00 7,650,000.00 7,497,000.00 98.00
结转结余 153,000.00 政府采购预算 300,000.00 实际采购金额 288,000.00
资产情况 固定资产总额 5,120,000.00
"""


@pytest.mark.parametrize("unit, scale", [("元", 1), ("万元", 10000)])
def test_a_department_s_basic_data_sheet_reads_its_figures_in_the_sheet_s_unit(tmp_path, unit, scale):
    record = text_record(tmp_path, _DATA_SHEET.format(unit=unit))
    amounts = sorted(f["value"] for f in record["facts"] if f["kind"] == "amount")
    want = ["58000", "45300", "7200000", "7650000", "7497000", "153000", "300000", "288000", "5120000"]
    assert amounts == sorted(Decimal(v) * scale for v in want)
    assert sorted(f["value"] for f in record["facts"] if f["kind"] == "headcount") == [37, 40]
    assert record["metadata"]["report_type"] == "form_department"


def test_the_self_evaluation_form_after_a_data_sheet_gives_the_report_its_score(tmp_path):
    form = _FORM.replace("项目支出绩效自评表", "部门整体支出绩效自评表").replace("项目名称", "部门名称")
    record = text_record(tmp_path, _DATA_SHEET.format(unit="元") + form)
    assert record["metadata"]["score"] == Decimal("96.55")


def test_a_score_table_before_an_annexed_data_sheet_is_still_read(tmp_path):
    # the report's 附表1 is its score table (levels written once, rows run on), 附表2 its data sheet
    sheet = ("附表1 部门整体支出绩效评价指标评分表\n| 一级指标 | 二级指标 | 三级指标 | 分值 | 得分 | 扣分说明 |\n|---|---|---|---|---|---|\n"
             "| 投入（20分） | 预算配置 | 在职人员控制率 | 10 | 10 | 控制率92.5% |\n| 三公经费变动率 | 10 | 9 | 较上年增长，扣1分 |\n"
             "| 产出（30分） | 职责履行 | 实际完成率 | 30 | 28 | 个别任务未完成，扣2分 |\n| 合计 | 60 | 57 | |\n")
    text = ("某县司法局2024年度部门整体支出绩效自评报告\n一、部门概况\n本局编制数40人，实有人数37人。\n" + sheet
            + "附表2 部门整体支出绩效评价基础数据表\n" + _DATA_SHEET.format(unit="元").split("\n", 1)[1])
    record = text_record(tmp_path, text)
    scores = Counter(f["source"]["quote"] for f in record["facts"] if f["kind"] == "score")
    assert scores >= Counter(["10", "10", "10", "9", "30", "28", "60", "57"])
