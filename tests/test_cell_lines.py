"""Tables a web page's text gives one cell per line, no tab or pipe between cells
(ingest/cell_lines.py). Every text here is made up for the tests."""
from decimal import Decimal

from conftest import text_record
from test_ingest_text_tables import needs_soffice, print_to_pdf

from extractor.ingest import load_document
from extractor.model import TABLE


def _cells(*cells, gap="\n\n") -> str:
    return gap.join(cells) + "\n"


BOND_RESULTS = _cells(
    "项目名称", "债券类型", "已发行债券规模(亿元)", "自评得分", "自评等级",
    "临江县城东污水处理厂扩建工程", "专项债券", "0.35", "93.5",
    "临江县人民医院门诊楼建设项目", "专项债券", "1.20", "88",
    "临江县职业中学实训基地", "专项债券", "0.45", "90",
)


def _tables(tmp_path, text):
    path = tmp_path / "r.txt"
    path.write_text(text, encoding="utf-8")
    return [[[c.text for c in row] for row in b.table.rows] for b in load_document(path).blocks if b.kind == TABLE]


def test_a_results_table_one_cell_a_line_whose_rows_lost_their_last_cell(tmp_path):
    text = "临江县2023年度专项债券项目绩效自评结果公示\n\n" + BOND_RESULTS + "\n以上结果予以公示。\n"
    tables = _tables(tmp_path, text)
    assert len(tables) == 1
    assert tables[0][0] == ["项目名称", "债券类型", "已发行债券规模(亿元)", "自评得分", "自评等级"]
    assert tables[0][2] == ["临江县人民医院门诊楼建设项目", "专项债券", "1.20", "88", ""]
    record = text_record(tmp_path, text)
    amounts = sorted(f["value"] for f in record["facts"] if f["kind"] == "amount")
    assert amounts == [Decimal("35000000"), Decimal("45000000"), Decimal("120000000")]
    assert {f["value"] for f in record["facts"] if f["kind"] == "score"} == {Decimal("93.5"), Decimal("88"), Decimal("90")}


def test_numbered_rows_of_full_width_without_blank_lines(tmp_path):
    text = _cells("序号", "乡镇", "补助户数(户)", "补助资金(万元)", "备注",
                  "1", "城关镇", "126", "37.8", "已发放",
                  "2", "河口乡", "98", "29.4", "已发放", gap="\n")
    tables = _tables(tmp_path, text)
    assert tables == [[["序号", "乡镇", "补助户数(户)", "补助资金(万元)", "备注"],
                       ["1", "城关镇", "126", "37.8", "已发放"], ["2", "河口乡", "98", "29.4", "已发放"]]]


def test_short_lines_without_a_repeated_row_pattern_stay_paragraphs(tmp_path):
    text = _cells("评价单位", "临江县财政局", "联系人", "王明", "联系电话", "0571-1234567", "二〇二三年六月五日")
    assert _tables(tmp_path, text) == []
    one_row = _cells("项目名称", "债券类型", "规模(亿元)", "得分", "城东污水厂", "专项债券", "0.35", "93.5")
    assert _tables(tmp_path, one_row) == []


def test_a_form_written_one_cell_a_line_is_left_to_the_form_reader(tmp_path):
    text = _cells("项目名称", "乡村道路养护", "主管部门", "临江县交通运输局",
                  "年初预算数", "全年预算数", "全年执行数", "执行率",
                  "年度资金总额", "120", "120", "114", "95%",
                  "其中：当年财政拨款", "120", "120", "114", "95%")
    assert _tables(tmp_path, text) == []


@needs_soffice
def test_the_same_table_printed_to_pdf_is_the_same_table(tmp_path):
    """A .txt printed to PDF gives each cell a line of its own: read as the table again, its
    title a paragraph of its own above it (not run into the first column name)."""
    title = "临江县2023年度专项债券项目绩效自评结果表"
    src, printed = print_to_pdf(tmp_path, title + "\n\n" + BOND_RESULTS + "\n以上结果予以公示。\n")
    pdf, txt = load_document(printed), load_document(src)
    grids = [[[[c.text for c in row] for row in b.table.rows] for b in d.blocks if b.kind == TABLE] for d in (pdf, txt)]
    assert len(grids[0]) == 1 and grids[0] == grids[1]
    table = next(b for b in pdf.blocks if b.kind == TABLE)
    assert pdf.blocks[table.index - 1].text == title and table.page == 1 and table.bbox
    assert pdf.blocks[-1].text == "以上结果予以公示。"


@needs_soffice
def test_a_table_one_cell_a_line_across_a_page_break_is_one_table(tmp_path):
    """Printed, a long table one cell a line goes on overleaf: read with the next page's
    lines, it is one table whose every row keeps its cells (a row cut by the break too)."""
    rows = [[f"第{k}期道路维修工程", "专项债券", f"0.{k + 10}", f"{80 + k}"] for k in range(1, 14)]
    text = "某县专项债券项目绩效自评结果\n" + "\n".join(["项目名称", "债券类型", "发行规模(亿元)", "自评得分"]
                                               + [c for r in rows for c in r]) + "\n以上结果予以公示。\n"
    src, printed = print_to_pdf(tmp_path, text)
    pdf, txt = load_document(printed), load_document(src)
    assert pdf.pages == 2
    grids = [[[[c.text for c in row] for row in b.table.rows] for b in d.blocks if b.kind == TABLE] for d in (pdf, txt)]
    assert len(grids[0]) == 1 and grids[0] == grids[1] and len(grids[0][0]) == 14
    assert pdf.blocks[-1].text == "以上结果予以公示。"


DEPARTMENT_RESULTS = _cells(
    "序号", "部门名称", "全年预算数（万元）", "全年执行数（万元）", "执行率", "自评得分", "等级",
    "1", "某区委办公室", "1286.40", "1251.73", "97.30%", "96.5", "优",
    "2", "某区教育局", "8642.10", "8255.36", "95.52%", "93.0", "优",
    "3", "某区自然资源局", "2310.00", "1986.60", "86.00%", "84.5", "良",
    "合计", "", "12238.50", "11493.69", "93.91%", "", "", gap="\n")


def test_a_results_table_whose_columns_a_form_also_names(tmp_path):
    # 全年预算数 and 执行率 head a form's fund block too; rows of departments make it a table
    tables = _tables(tmp_path, "某区部门整体支出自评结果\n\n" + DEPARTMENT_RESULTS)
    assert tables and tables[0][0][:3] == ["序号", "部门名称", "全年预算数（万元）"] and len(tables[0]) >= 4
    record = text_record(tmp_path, "某区部门整体支出自评结果\n\n" + DEPARTMENT_RESULTS)
    amounts = [f for f in record["facts"] if f["kind"] == "amount"]
    assert Decimal(str(amounts[0]["value"])) == Decimal("12864000")
    assert [f for f in record["flags"] if f["severity"] == "error"] == []


def test_a_dash_cell_fits_a_column_of_words_or_of_figures(tmp_path):
    """合计 | — | 2600 | 415.00 under 建设地点: the dash is no word breaking the rows' pattern;
    and a caption above the header (表2 …) is no column name."""
    text = _cells("表2　项目资金安排情况", "项目名称", "建设地点", "建设规模（亩）", "下达资金（万元）",
                  "合计", "—", "2600", "415.00",
                  "北片区土地整治", "石桥镇", "1200", "192.00",
                  "南片区土地整治", "河湾乡", "1400", "223.00")
    tables = _tables(tmp_path, text)
    assert len(tables) == 1 and tables[0][0] == ["项目名称", "建设地点", "建设规模（亩）", "下达资金（万元）"]
    assert tables[0][1] == ["合计", "—", "2600", "415.00"] and tables[0][3][:2] == ["南片区土地整治", "河湾乡"]


def test_fund_sources_and_money_columns_head_a_table_outside_a_form(tmp_path):
    """Rows named by who paid (中央补助资金 | 省级补助资金) and columns a form's fund block also
    knows (计划投资) make a table in a report with no form's fund block."""
    sources = _cells("资金来源", "预算数（万元）", "执行数（万元）", "执行率（%）",
                     "中央补助资金", "860.00", "842.50", "97.97",
                     "省级补助资金", "240.00", "240.00", "100.00",
                     "合计", "1100.00", "1082.50", "98.41")
    projects = _cells("序号", "项目名称", "计划投资", "完成投资",
                      "1", "东干渠维修", "120.00", "118.40",
                      "2", "西干渠清淤", "80.00", "80.00")
    tables = _tables(tmp_path, sources + "\n各项目投资完成情况见下表。\n\n" + projects)
    assert [t[0][0] for t in tables] == ["资金来源", "序号"]
    assert tables[0][3] == ["合计", "1100.00", "1082.50", "98.41"]


def test_fund_sources_in_a_form_are_left_to_the_form_reader(tmp_path):
    text = _cells("年度资金总额", "资金来源", "预算数（万元）", "执行数（万元）", "执行率（%）",
                  "中央补助资金", "860.00", "842.50", "97.97",
                  "省级补助资金", "240.00", "240.00", "100.00")
    assert _tables(tmp_path, text) == []


SCORE_TABLE_CELLS = ("一级指标", "二级指标", "三级指标", "分值", "得分",
                     "合计", "—", "—", "100", "93",
                     "产出指标", "数量指标", "补贴发放人数", "30", "30",
                     "产出指标", "质量指标", "发放准确率", "30", "28",
                     "效益指标", "社会效益指标", "生活保障水平", "25", "22",
                     "满意度指标", "服务对象满意度指标", "受助对象满意度", "15", "13")


def test_a_reports_score_table_one_cell_a_line_with_every_row_whole_is_a_table(tmp_path):
    """A score table in a report with no form's fund block, each row repeating its levels:
    its rows take every cell of the run, so it is read as a table (and its total checked)."""
    text = "四、绩效评价得分情况\n\n" + _cells(*SCORE_TABLE_CELLS) + "\n经评价，本项目得分93分，等级为优。\n"
    tables = _tables(tmp_path, text)
    assert len(tables) == 1 and tables[0][0] == list(SCORE_TABLE_CELLS[:5])
    assert tables[0][2] == ["产出指标", "数量指标", "补贴发放人数", "30", "30"]
    record = text_record(tmp_path, text.replace("100\n\n93", "100\n\n95").replace("得分93分", "得分95分"))
    errors = [f for f in record["flags"] if f["severity"] == "error"]
    assert len(errors) == 1 and errors[0]["rule"] in ("sum.table", "score.tree"), "one inconsistency, one flag"
    assert "95" in errors[0]["message"] and "93" in errors[0]["message"]


def test_a_score_table_run_with_rows_left_short_stays_with_the_score_table_readers(tmp_path):
    # the level names written once over their rows (merged cells): the rows do not take the run
    cells = list(SCORE_TABLE_CELLS)
    del cells[15]  # the second 产出指标
    assert _tables(tmp_path, _cells(*cells)) == []


def test_a_forms_indicator_block_one_cell_a_line_stays_with_the_form_reader(tmp_path):
    text = _cells("年度资金总额", "120", "120", "114") + "\n" + _cells(*SCORE_TABLE_CELLS)
    assert _tables(tmp_path, text) == []


# A PDF's text without its layout (invented figures): a cell a line, no blank lines, the
# table cut by the page's number and the report's title over the next page.
PRINTED = ("某县2019年度村级公益事业奖补资金绩效评价报告\n一、资金情况\n各乡镇资金使用情况如下。\n"
           "乡镇\n奖补资金（万元）\n受益户数（户）\n受益人口（人）\n"
           "城关镇\n120.00\n860\n3120\n河口乡\n86.50\n540\n1985\n"
           "第 1 页 共 3 页\n某县2019年度村级公益事业奖补资金绩效评价报告\n"
           "乡镇\n奖补资金（万元）\n受益户数（户）\n受益人口（人）\n"
           "石门镇\n64.00\n410\n1502\n合计\n270.50\n1810\n6607\n"
           "二、绩效情况\n奖补项目全部完成验收。\n")


def test_a_table_a_cell_a_line_goes_on_past_the_page_break(tmp_path):
    tables = _tables(tmp_path, PRINTED)
    assert len(tables) == 1
    assert [row[0] for row in tables[0]] == ["乡镇", "城关镇", "河口乡", "石门镇", "合计"]
    record = text_record(tmp_path, PRINTED)
    assert [f for f in record["flags"] if f["severity"] == "error"] == []
    slipped = text_record(tmp_path, PRINTED.replace("合计\n270.50", "合计\n280.50"))
    assert [f["rule"] for f in slipped["flags"] if f["severity"] == "error"] == ["sum.table"]


def test_rows_one_cell_short_of_a_header_that_took_the_first_rows_name(tmp_path):
    """资金来源 | 预算数 | 支出数 | 执行率 then rows: read with the first row's name as a fifth
    column the rows would be one cell short, open with a figure and end with the next name."""
    text = _cells("资金来源", "预算数", "支出数", "执行率",
                  "省级补助", "540.00", "540.00", "100.00%",
                  "市级补助", "180.00", "171.00", "95.00%",
                  "县级财政", "300.00", "285.00", "95.00%", gap="\n")
    tables = _tables(tmp_path, text)
    assert tables and tables[0][0] == ["资金来源", "预算数", "支出数", "执行率"]
    assert tables[0][1] == ["省级补助", "540.00", "540.00", "100.00%"]


def test_a_score_table_a_cell_a_line_ends_at_the_next_heading(tmp_path):
    """表2 一级指标得分 … 合计 | 100 | 91 | 91.00%, then 四、绩效分析 and a section heading of
    the same shape as a cell: the heading ends the run, so the rows take all of it."""
    text = ("三、评价结论\n综合得分91分。\n表2　一级指标得分情况\n"
            + _cells("一级指标", "分值", "得分", "得分率", "决策", "15", "13.5", "90.00%", "过程", "25", "22", "88.00%",
                     "产出", "30", "28.5", "95.00%", "效益", "30", "27", "90.00%", "合计", "100", "91", "91.00%", gap="\n")
            + "四、绩效分析\n（一）项目决策（15分）\n立项依据充分，绩效目标明确，该部分得13.5分。\n")
    tables = _tables(tmp_path, text)
    assert len(tables) == 1 and tables[0][-1] == ["合计", "100", "91", "91.00%"]


def test_a_score_table_run_cut_out_of_step_is_no_table(tmp_path):
    # the level cell written once (merged) and a reason cell left empty: cut in fours, 合计
    # would stand in the second column
    text = _cells("一级指标", "二级指标", "分值", "得分", "扣分说明", "满意度", "5", "3.5", "群众满意度偏低",
                  "合计", "100", "88", gap="\n") + "（二）主要绩效\n"
    assert _tables(tmp_path, text) == []


def test_a_score_table_whose_levels_are_written_once_over_their_rows(tmp_path):
    """一级指标 written on its first row only (a merged cell), a cell a line, cut by a page
    break under its header repeated: each row is its names then its two points."""
    text = ("表1　绩效评价指标评分表\n"
            + _cells("一级指标", "二级指标", "分值", "得分", "决策", "项目立项", "6", "6", "绩效目标", "6", "5",
                     "过程", "资金管理", "12", "10", gap="\n")
            + "第 1 页 共 2 页\n"
            + _cells("一级指标", "二级指标", "分值", "得分", "组织实施", "8", "7", "产出", "产出数量", "40", "38",
                     "效益", "社会效益", "28", "25", "合计", "100", "91", gap="\n")
            + "三、绩效分析\n")
    tables = _tables(tmp_path, text)
    assert len(tables) == 1
    assert tables[0][2] == ["决策", "绩效目标", "6", "5"] and tables[0][4] == ["过程", "组织实施", "8", "7"]
    assert tables[0][-1] == ["合计", "", "100", "91"]
    record = text_record(tmp_path, text)
    assert [f for f in record["flags"] if f["severity"] == "error"] == []
    slipped = text_record(tmp_path, text.replace("合计\n100\n91", "合计\n100\n93"))
    assert [f["rule"] for f in slipped["flags"] if f["severity"] == "error"] in (["sum.table"], ["score.tree"])


def test_columns_named_by_an_age_range(tmp_path):
    text = _cells("乡镇", "80—89周岁（人）", "90周岁以上（人）", "发放金额（万元）",
                  "城关镇", "1,206", "184", "186.40", "河口乡", "980", "151", "151.68",
                  "合计", "2,186", "335", "338.08", gap="\n")
    tables = _tables(tmp_path, text)
    assert tables and tables[0][0] == ["乡镇", "80—89周岁（人）", "90周岁以上（人）", "发放金额（万元）"]
    heads = sorted(Decimal(str(f["value"])) for f in text_record(tmp_path, text)["facts"] if f["kind"] == "headcount")
    assert heads == [Decimal(v) for v in ("151", "184", "335", "980", "1206", "2186")]


# a department's income and spending tables name their columns as a form's fund block names
# its rows (收入合计, 财政拨款, 上年结转, 基本支出, 项目支出)
INCOME_CELLS = ("单位名称", "收入合计", "财政拨款", "上年结转", "其他收入",
                "合计", "412.60", "358.20", "30.40", "24.00",
                "局机关", "296.10", "260.50", "20.60", "15.00",
                "所属事业单位", "116.50", "97.70", "9.80", "9.00")


def test_a_departments_income_table_one_cell_a_line_is_a_table(tmp_path):
    for gap in ("\n", "\n\n"):
        text = "二、收支情况\n\n表2 2022年度收入情况（万元）\n\n" + _cells(*INCOME_CELLS, gap=gap) \
            + "\n表3 2022年度支出情况（万元）\n\n" + _cells("支出项目", "基本支出", "项目支出", "支出合计",
                                                "局机关", "230.40", "62.10", "292.50",
                                                "所属事业单位", "90.20", "24.60", "114.80", gap=gap)
        tables = _tables(tmp_path, text)
        assert [t[0][0] for t in tables] == ["单位名称", "支出项目"], gap
        assert tables[0][1] == ["合计", "412.60", "358.20", "30.40", "24.00"]
        record = text_record(tmp_path, text)
        amounts = [f["value"] for f in record["facts"] if f["kind"] == "amount"]
        assert Decimal("4126000") in amounts and Decimal("1148000") in amounts
        assert not [f for f in record["flags"] if f["severity"] == "error"]


def test_an_income_table_in_a_form_titled_so_is_left_to_the_form_reader(tmp_path):
    text = "部门整体支出绩效自评表\n\n" + _cells("部门名称", "临江县文化馆", *INCOME_CELLS)
    assert _tables(tmp_path, text) == []


SOURCES_BY_LEVEL = _cells(
    "下达资金（万元）", "到位资金（万元）", "实际支出（万元）", "结余（万元）",
    "合计", "640.00", "640.00", "598.20", "41.80",
    "其中：中央财政", "320.00", "320.00", "320.00", "0.00",
    "省财政", "160.00", "160.00", "151.40", "8.60",
    "县财政", "160.00", "160.00", "126.80", "33.20", gap="\n")


def test_rows_whose_labels_column_has_no_name_are_not_read_one_cell_out_of_step(tmp_path):
    # the header names the four money columns only; each row opens with its label. Read out
    # of step, 合计 would be a fifth column and each row would end with the next row's label
    for after in ("", "填报人：某某\n"):
        tables = _tables(tmp_path, SOURCES_BY_LEVEL + after)
        assert tables[0][0][1:] == ["下达资金（万元）", "到位资金（万元）", "实际支出（万元）", "结余（万元）"]
        assert tables[0][1] == ["合计", "640.00", "640.00", "598.20", "41.80"]
        assert tables[0][-1] == ["县财政", "160.00", "160.00", "126.80", "33.20"]


RESULTS_SUMMARY = ("单位：万元\n" + _cells("序号", "项目名称", "预算数", "执行数", "执行率", "自评得分", "自评等级", gap="\n")
                   + "".join(_cells(*row, gap="\n") + "\n" for row in (
                       ("1", "农村低保资金", "4210.50", "4210.50", "100%", "96", "优"),
                       ("2", "残疾人两项补贴", "862.40", "850.10", "98.57%", "92", "优"),
                       ("3", "临时救助资金", "305.00", "276.80", "90.75%", "86", "良")))
                   + _cells("合计", "5377.90", "5337.40", "99.25%", gap="\n"))


def test_a_results_summary_whose_total_leaves_its_points_and_grade_empty(tmp_path):
    # numbered rows a blank line apart; the 合计 row writes its money and its rate only
    tables = _tables(tmp_path, RESULTS_SUMMARY)
    assert tables[0][0] == ["序号", "项目名称", "预算数", "执行数", "执行率", "自评得分", "自评等级"]
    assert tables[0][2] == ["2", "残疾人两项补贴", "862.40", "850.10", "98.57%", "92", "优"]
    assert tables[0][-1] == ["合计", "", "5377.90", "5337.40", "99.25%", "", ""]
    record = text_record(tmp_path, RESULTS_SUMMARY)
    amounts = {f["value"] for f in record["facts"] if f["kind"] == "amount"}
    assert Decimal("53779000") in amounts and Decimal("10000") not in amounts  # (序号 1 is no 1万元)
