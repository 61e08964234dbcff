"""Tables written as text (issue 15, item 3): pipe rows as in Markdown or web pages saved
as text, and rows whose cells are separated by runs of spaces, in .txt files and in a .txt
printed to PDF. Every text here is made up for the tests (places, names and figures)."""
import shutil
import subprocess
from decimal import Decimal

import pytest

from extractor.ingest import load_document
from extractor.model import PARAGRAPH, TABLE
from extractor.pipeline import extract_file

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_soffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is needed to print a .txt to PDF")


def read(tmp_path, text, name="r.txt"):
    f = tmp_path / name
    f.write_text(text, encoding="utf-8")
    return load_document(f)


def write(tmp_path, text, name):
    f = tmp_path / name
    f.write_text(text, encoding="utf-8")
    return f


def grid(table) -> list:
    return [[c.text for c in row] for row in table.rows]


def only_table(doc):
    tables = [b for b in doc.blocks if b.kind == TABLE]
    assert len(tables) == 1, [b.text for b in doc.blocks]
    return tables[0]


FUND_REPORT = (
    "青川县文化旅游局2023年度乡村旅游步道建设项目绩效评价报告\n"
    "一、项目资金情况\n"
    "项目资金由县级财政预算安排和乡镇配套组成，各来源资金到位及支出情况如下：\n"
    "| 资金来源 | 预算金额（万元） | 到位金额（万元） | 支出金额（万元） |\n"
    "| :--- | ---: | ---: | :---: |\n"
    "| 县级财政 | 86.40 | 86.40 | 80.15 |\n"
    "| 乡镇配套 | 13.60 | 12.00 | 12.00 |\n"
    "| 合计 | 100.00 | 98.40 | 92.15 |\n"
    "乡镇配套资金尚有1.60万元未到位，已督促相关乡镇于次年一季度前补足。\n"
    "二、绩效目标完成情况\n"
)


def test_pipe_fund_table_inside_a_narrative_report(tmp_path):
    doc = read(tmp_path, FUND_REPORT)
    kinds = [b.kind for b in doc.blocks]
    block = only_table(doc)
    t = block.table
    assert grid(t) == [
        ["资金来源", "预算金额（万元）", "到位金额（万元）", "支出金额（万元）"],
        ["县级财政", "86.40", "86.40", "80.15"],
        ["乡镇配套", "13.60", "12.00", "12.00"],
        ["合计", "100.00", "98.40", "92.15"],
    ], "the Markdown rule row is dropped"
    assert t.header_rows == 1
    # the paragraphs around the table stay paragraphs, in order
    i = block.index
    assert kinds[i - 1] == PARAGRAPH and doc.blocks[i - 1].text.endswith("如下：")
    assert doc.blocks[i + 1].text.startswith("乡镇配套资金尚有1.60万元未到位")
    assert doc.blocks[i + 2].numbering == "二、"
    assert (block.page, block.index) == (None, i)


SELF_EVALUATION_FORM = (
    "项目支出绩效自评表\n"
    "| 项目名称 | 农村公路日常养护补助 | | | | | | |\n"
    "|---|---|---|---|---|---|---|---|\n"
    "| 主管部门 | 某县交通运输局 | | 实施单位 | 某县公路养护中心 | | | |\n"
    "| 项目资金（万元） | | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |\n"
    "| | 年度资金总额 | 100 | 120 | 110 | 10 | 91.67% | 9.2 |\n"
    "| | 其中：当年财政拨款 | 100 | 120 | 110 | — | — | — |\n"
    "| 偏差原因分析 | 部分路段受汛期影响延后施工，\n"
    "已于年底前全部完成。 |\n"
    "| 总分 | | | | | | 100 | 95.2 |\n"
)


def test_pipe_self_evaluation_form(tmp_path):
    t = only_table(read(tmp_path, SELF_EVALUATION_FORM)).table
    rows = grid(t)
    assert t.n_cols == 8 and t.n_rows == 7, rows
    assert t.caption == "项目支出绩效自评表"
    # empty cells are kept in place, the rule row is gone
    assert rows[0] == ["项目名称", "农村公路日常养护补助", "", "", "", "", "", ""]
    assert rows[1] == ["主管部门", "某县交通运输局", "", "实施单位", "某县公路养护中心", "", "", ""]
    assert rows[2] == ["项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]
    assert rows[3][1:] == ["年度资金总额", "100", "120", "110", "10", "91.67%", "9.2"]
    assert rows[4][1:] == ["其中：当年财政拨款", "100", "120", "110", "—", "—", "—"]
    # a row broken inside a cell is one row, its cell one text
    assert rows[5] == ["偏差原因分析", "部分路段受汛期影响延后施工，已于年底前全部完成。", "", "", "", "", "", ""]
    assert rows[6] == ["总分", "", "", "", "", "", "100", "95.2"]
    assert [(c.row, c.col) for c in t.rows[3][:3]] == [(3, 0), (3, 1), (3, 2)]


def test_pipe_line_without_pipes_runs_on_in_the_cell_above(tmp_path):
    doc = read(tmp_path, (
        "| 指标 | 目标值 | 完成情况 |\n"
        "|---|---|---|\n"
        "| 新建观景平台 | 3处 | 已完成，其中一处因选址调整 |\n"
        "于十月补建完成\n"
        "| 游客满意度 | ≥90% | 94% |\n"))
    rows = grid(only_table(doc).table)
    assert rows[1] == ["新建观景平台", "3处", "已完成，其中一处因选址调整于十月补建完成"]
    assert rows[2] == ["游客满意度", "≥90%", "94%"]


def test_a_short_row_is_padded_and_an_empty_label_reads_as_merged(tmp_path):
    doc = read(tmp_path, (
        "| 一级指标 | 二级指标 | 分值 | 得分 |\n"
        "|---|---|---|---|\n"
        "| 产出指标 | 数量指标 | 20 | 20 |\n"
        "| | 质量指标 | 20 | 18 |\n"
        "| 满意度 | 受益群众满意度 | 10 |\n"))
    t = only_table(doc).table
    assert grid(t)[3] == ["满意度", "受益群众满意度", "10", ""]
    assert t.rows[2][0].text == "产出指标" and t.rows[2][0].merged_from == (1, 0)


def test_full_width_and_box_drawing_separators(tmp_path):
    fw = read(tmp_path, "｜乡镇｜户数（户）｜\n｜南坪镇｜412｜\n｜北坝乡｜236｜\n", "fw.txt")
    assert grid(only_table(fw).table) == [["乡镇", "户数（户）"], ["南坪镇", "412"], ["北坝乡", "236"]]
    box = read(tmp_path, (
        "┌──────┬──────────┐\n"
        "│ 乡镇 │ 户数（户） │\n"
        "├──────┼──────────┤\n"
        "│ 南坪镇 │ 412 │\n"
        "├──────┼──────────┤\n"
        "│ 北坝乡 │ 236 │\n"
        "└──────┴──────────┘\n"), "box.txt")
    assert grid(only_table(box).table) == [["乡镇", "户数（户）"], ["南坪镇", "412"], ["北坝乡", "236"]]


def test_box_grid_rows_drawn_over_two_lines_are_one_row(tmp_path):
    doc = read(tmp_path, (
        "+--------+----------+\n"
        "| 项目   | 金额（万元） |\n"
        "+--------+----------+\n"
        "| 污水管网 | 56.2     |\n"
        "| 改造     |          |\n"
        "+--------+----------+\n"
        "| 垃圾清运 | 18       |\n"
        "+--------+----------+\n"))
    assert grid(only_table(doc).table) == [["项目", "金额（万元）"], ["污水管网改造", "56.2"], ["垃圾清运", "18"]]


def test_a_rule_above_the_total_row_keeps_the_rows_above_it_apart(tmp_path):
    doc = read(tmp_path, (
        "+------+------+\n| 乡镇 | 户数（户） |\n+------+------+\n| 南坪镇 | 412 |\n| 北坝乡 | 236 |\n"
        "+------+------+\n| 合计 | 648 |\n+------+------+\n"))
    assert grid(only_table(doc).table) == [["乡镇", "户数（户）"], ["南坪镇", "412"], ["北坝乡", "236"], ["合计", "648"]]


def test_web_page_rows_each_pipe_ending_a_cell(tmp_path):
    """Saved from a web page: no opening pipe, padding pipes for merged cells, and a row
    broken after a cell that spans rows (its pipes add up to a whole row's)."""
    doc = read(tmp_path, (
        "项目支出绩效自评表 | |||||\n"
        "（2023年度） | |||||\n"
        "项目名称 | 乡村公厕改造 | ||||\n"
        "主管部门 | 某县住建局 | 实施单位 | 某镇人民政府 | ||\n"
        "资金情况（万元） |\n"
        "全年预算数 | 全年执行数 | 执行率 | 得分 | |\n"
        "年度资金总额 | 42 | 40.5 | 96.43% | 9.6 | |\n"
        "其中：财政拨款 | 42 | 40.5 | 96.43% | — | |\n"))
    table = only_table(doc).table
    rows = grid(table)
    assert table.caption == "项目支出绩效自评表 （2023年度）", "the title rows above the form"
    assert rows[2][:5] == ["资金情况（万元）", "全年预算数", "全年执行数", "执行率", "得分"]
    assert rows[3] == ["年度资金总额", "42", "40.5", "96.43%", "9.6"]
    assert rows[0][:2] == ["项目名称", "乡村公厕改造"]


def test_cells_one_a_line_with_runs_of_pipes_closing_the_rows(tmp_path):
    doc = read(tmp_path, (
        "指标名称 |\n目标值 |\n实际值 |\n||\n"
        "改厕户数 |\n300户 |\n312户 |\n||\n"
        "群众满意度 |\n90% |\n96% |\n||\n"))
    assert grid(only_table(doc).table) == [["指标名称", "目标值", "实际值"], ["改厕户数", "300户", "312户"],
                                           ["群众满意度", "90%", "96%"]]


def test_pipes_on_lines_of_their_own_between_the_cells(tmp_path):
    doc = read(tmp_path, (
        "资金情况见下：\n"
        "资金来源\n|\n预算数（万元）\n|\n执行数（万元）\n|\n||\n"
        "县级财政\n|\n36.8\n|\n35.1\n|\n||\n"
        "社会捐助\n|\n5\n|\n5\n|\n||\n"
        "以上资金均已执行。\n"))
    assert grid(only_table(doc).table) == [["资金来源", "预算数（万元）", "执行数（万元）"], ["县级财政", "36.8", "35.1"],
                                           ["社会捐助", "5", "5"]]
    assert doc.blocks[0].text == "资金情况见下：" and doc.blocks[-1].text == "以上资金均已执行。"


def test_cells_one_a_line_without_row_ends_stay_text(tmp_path):
    doc = read(tmp_path, "指标名称 |\n目标值 |\n实际值 |\n改厕户数 |\n300户 |\n312户 |\n")
    assert not doc.tables and len(doc.blocks) == 6


NUMBERED_ONE_A_LINE = ("序号 |\n项目名称 |\n资金规模（万元） |\n评价得分 |\n"
                      "1 |\n乡村道路硬化 |\n320 |\n88.5 |\n"
                      "2 |\n饮水安全巩固 |\n145.6 |\n91 |\n"
                      "3 |\n村级活动场所修缮 |\n60 |\n79 |\n")


def test_cells_one_a_line_with_the_rows_numbered(tmp_path):
    doc = read(tmp_path, "评价结果如下：\n" + NUMBERED_ONE_A_LINE + "以上得分经复核。\n")
    assert grid(only_table(doc).table) == [["序号", "项目名称", "资金规模（万元）", "评价得分"],
                                           ["1", "乡村道路硬化", "320", "88.5"], ["2", "饮水安全巩固", "145.6", "91"],
                                           ["3", "村级活动场所修缮", "60", "79"]]
    facts = {(f["kind"], f["value"]) for f in extract_file(tmp_path / "r.txt")["facts"]}
    assert ("amount", Decimal("1456000")) in facts and ("score", Decimal("88.5")) in facts


def test_a_numbered_table_cut_short_keeps_its_whole_rows(tmp_path):
    doc = read(tmp_path, NUMBERED_ONE_A_LINE + "4 |\n农田水利 |\n")
    rows = grid(only_table(doc).table)
    assert rows[3] == ["3", "村级活动场所修缮", "60", "79"] and rows[4][:2] == ["4", "农田水利"]


@pytest.mark.parametrize("text", [
    NUMBERED_ONE_A_LINE.replace("2 |\n饮水", "5 |\n饮水"),  # the numbering breaks off
    NUMBERED_ONE_A_LINE.replace("序号 |", "名次说明 |"),  # no number column
])
def test_cells_one_a_line_numbered_wrong_stay_text(tmp_path, text):
    assert not read(tmp_path, text).tables


def test_a_lone_pipe_in_a_sentence_is_no_table(tmp_path):
    doc = read(tmp_path, "首页 | 政务公开 | 预算决算\n本年度共安排项目资金120万元。\n")
    assert not doc.tables


SPACED = (
    "各乡镇补助资金发放情况\n"
    "乡镇      补助户数（户）    补助金额（万元）    发放率\n"
    "东岭镇    320              16.00              100%\n"
    "西河乡    185              9.25               98.5%\n"
    "合  计    505              25.25              99.4%\n"
    "\n"
    "补助资金全部通过“一卡通”发放到户。\n"
)


def test_space_flattened_table(tmp_path):
    doc = read(tmp_path, SPACED)
    block = only_table(doc)
    assert grid(block.table) == [
        ["乡镇", "补助户数（户）", "补助金额（万元）", "发放率"],
        ["东岭镇", "320", "16.00", "100%"],
        ["西河乡", "185", "9.25", "98.5%"],
        ["合计", "505", "25.25", "99.4%"],
    ], "合  计 spaced out to fill its column is one word"
    assert block.table.header_rows == 1
    assert doc.blocks[-1].kind == PARAGRAPH and doc.blocks[-1].text.startswith("补助资金全部")


def test_space_flattened_rows_with_an_empty_cell_line_up_under_the_header(tmp_path):
    doc = read(tmp_path, (
        "项目            预算数（万元）    执行数（万元）    备注\n"
        "设备购置        45.5              40.2              部分设备延期到货\n"
        "人员培训        12                12\n"
        "宣传印刷                          3.6               新增\n"))
    assert grid(only_table(doc).table) == [
        ["项目", "预算数（万元）", "执行数（万元）", "备注"],
        ["设备购置", "45.5", "40.2", "部分设备延期到货"],
        ["人员培训", "12", "12", ""],
        ["宣传印刷", "", "3.6", "新增"],
    ]


def test_full_width_spaces_and_tabs_mixed_with_spaces_separate_cells(tmp_path):
    wide = read(tmp_path, "乡镇\u3000\u3000人数（人）\n南坪镇\u3000\u3000128\n北坝乡\u3000\u300096\n青溪镇\u3000\u300075\n",
                "wide.txt")
    assert grid(only_table(wide).table) == [["乡镇", "人数（人）"], ["南坪镇", "128"], ["北坝乡", "96"], ["青溪镇", "75"]]
    mixed = read(tmp_path, "乡镇\t  人数（人）   金额（万元）\n南坪镇  \t128   6.4\n北坝乡\t96    4.8\n", "mixed.txt")
    assert grid(only_table(mixed).table) == [["乡镇", "人数（人）", "金额（万元）"], ["南坪镇", "128", "6.4"],
                                             ["北坝乡", "96", "4.8"]]


def test_a_paragraph_with_a_stray_double_space_stays_a_paragraph(tmp_path):
    text = ("项目于2023年3月开工建设，  截至12月底已完成全部建设内容，累计完成投资98.4万元。\n"
            "项目建成后，  沿线村民出行条件明显改善，  带动周边农家乐新增就业岗位26个。\n"
            "评价组认为，该项目  总体实施情况良好。\n"
            "负责人：张  明  \n")
    doc = read(tmp_path, text)
    assert not doc.tables
    assert [b.kind for b in doc.blocks] == [PARAGRAPH] * 4
    assert doc.blocks[0].text.startswith("项目于2023年3月开工建设")


def test_single_spaces_do_not_split(tmp_path):
    doc = read(tmp_path, "乡镇 户数 金额\n南坪镇 128 6.4\n北坝乡 96 4.8\n青溪镇 75 3.75\n")
    assert not doc.tables


def test_single_spaces_under_a_header_that_states_a_unit_make_a_table(tmp_path):
    # a web page's table copied as text, one space between cells; the 合计 row leaves its
    # 序号 cell empty
    text = ("二、资金使用明细\n"
            "序号 支出用途 金额（万元） 占比\n"
            "1 村道硬化 36.40 56.00%\n"
            "2 路灯安装 18.20 28.00%\n"
            "3 标识标牌 10.40 16.00%\n"
            "合计 65.00 100%\n"
            "以上资金均已按合同支付完毕。\n")
    doc = read(tmp_path, text)
    assert grid(only_table(doc).table) == [
        ["序号", "支出用途", "金额（万元）", "占比"],
        ["1", "村道硬化", "36.40", "56.00%"],
        ["2", "路灯安装", "18.20", "28.00%"],
        ["3", "标识标牌", "10.40", "16.00%"],
        ["", "合计", "65.00", "100%"],
    ]
    f = tmp_path / "r.txt"
    amounts = sorted(Decimal(str(x["value"])) for x in extract_file(f)["facts"] if x["kind"] == "amount")
    assert amounts == [Decimal(v) for v in ("104000", "182000", "364000", "650000")]
    # 36.40 + 18.20 + 10.40 = 65.00: its 合计 is checked like any table's
    f.write_text(text.replace("合计 65.00", "合计 68.00"), encoding="utf-8")
    assert any(x["rule"] == "sum.table" for x in extract_file(f)["flags"])


@pytest.mark.parametrize("text", [
    # no unit in the header line: nothing says the figures are money or people
    "乡镇 户数 金额\n南坪镇 128 6.4\n北坝乡 96 4.8\n",
    # rows that do not keep the header's number of cells
    "序号 支出用途 金额（万元）\n1 村道硬化 36.40\n2 路灯 安装 18.20\n",
    # the lines after it are running text
    "单位 名称 资金（万元）\n本年度共安排 资金 36.40万元，已全部支付。\n",
])
def test_single_spaced_lines_that_are_no_table(tmp_path, text):
    assert not read(tmp_path, text).tables


def test_amounts_in_a_pipe_table_are_facts_in_yuan_with_table_sources(tmp_path):
    f = tmp_path / "r.txt"
    f.write_text(
        "某县2023年度农村饮水安全维修养护项目绩效评价报告\n"
        "一、资金使用情况\n"
        "| 序号 | 乡镇 | 金额（万元） |\n"
        "|---|---|---|\n"
        "| 1 | 南坪镇 | 12.5 |\n"
        "| 2 | 北坝乡 | 7.25 |\n"
        "| 合计 | | 19.75 |\n", encoding="utf-8")
    record = extract_file(f)
    amounts = [x for x in record["facts"] if x["kind"] == "amount"]
    by_text = {x["text"]: x for x in amounts}
    assert {t: Decimal(str(by_text[t]["value"])) for t in ("12.5", "7.25", "19.75")} == \
        {"12.5": 125000, "7.25": 72500, "19.75": 197500}
    src = by_text["12.5"]["source"]
    assert src["table"] == src["block"] and (src["row"], src["col"]) == (1, 2)
    assert all(x["unit"] == "元" for x in amounts)


PRINTED = (
    "某县2023年度农村饮水安全维修养护项目绩效评价报告\n"
    "一、资金使用情况\n"
    "维修养护资金按乡镇分配，具体如下：\n"
    "| 序号 | 乡镇 | 维修工程 | 预算金额（万元） | 支出金额（万元） | 执行率 |\n"
    "|---|---|---|---|---|---|\n"
    "| 1 | 南坪镇 | 集中供水站水泵及配套管网更换，含三处蓄水池防渗处理和入户水表更换工程 | 12.5 | 12.1 | 96.8% |\n"
    "| 2 | 北坝乡 | 水源地防护 | 7.25 | 7.25 | 100% |\n"
    "| 合计 | | | 19.75 | 19.35 | 97.97% |\n"
    "二、绩效目标完成情况\n"
)


def print_to_pdf(tmp_path, text: str):
    """The .txt and the PDF LibreOffice prints from it."""
    src = tmp_path / "printed.txt"
    src.write_text(text, encoding="utf-8")
    subprocess.run([SOFFICE, f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(src)], capture_output=True, timeout=180, check=True)
    return src, tmp_path / "printed.pdf"


@needs_soffice
def test_pipe_table_printed_to_pdf_gives_the_same_cells(tmp_path):
    src, printed = print_to_pdf(tmp_path, PRINTED)
    pdf = load_document(printed)
    txt = load_document(src)
    from_pdf, from_txt = only_table(pdf), only_table(txt)
    assert grid(from_pdf.table) == grid(from_txt.table)
    assert grid(from_pdf.table)[1][2].startswith("集中供水站") and grid(from_pdf.table)[1][3] == "12.5", \
        "the long row wrapped onto the next line is one row"
    assert from_pdf.page == 1 and from_pdf.bbox
    assert pdf.blocks[from_pdf.index - 1].text.endswith("具体如下：")
    assert pdf.blocks[from_pdf.index + 1].numbering == "二、"


@needs_soffice
def test_pipe_table_printed_over_two_pages_is_one_table(tmp_path):
    rows = [f"| {i} | 第{i}村 | {10 + i} | {i}.5 |" for i in range(1, 81)]
    text = "各村改厕补助情况\n| 序号 | 村名 | 改厕户数（户） | 补助金额（万元） |\n|---|---|---|---|\n" + "\n".join(rows) \
        + "\n以上补助资金已全部发放到户。\n"
    _, printed = print_to_pdf(tmp_path, text)
    pdf = load_document(printed)
    assert pdf.format == "pdf", "a page of pipe rows is a text layer, not a scan to OCR"
    block = only_table(pdf)
    assert pdf.pages == 2 and (block.page, block.end_page) == (1, 2)
    assert block.table.n_rows == 81 and grid(block.table)[80] == ["80", "第80村", "90", "80.5"]
    assert pdf.blocks[-1].text == "以上补助资金已全部发放到户。" and pdf.blocks[-1].page == 2


# a fund table as a PDF prints long pipe rows: wrapped at the margin, once right before a pipe
WRAPPED_ROWS = (
    "| 资金（万元） | 行次 | 全年预算数 | 全年到位数 | 到位率 | 全年执行数 |\n"
    "执行率 |\n"
    "| 年度资金总额 | 1 | 80.00 | 80.00 | 100.00% |\n"
    "76.00 | 95.00% |\n"
    "| 其中：县级资金 | 2 | 50.00 | 50.00 | 100.00%\n"
    "| 47.50 | 95.00% |\n"
    "| 乡镇配套 | 3 | 30.00 | 30.00 | 100.00% | 28.50 | 95.00% |\n")


def test_pipe_rows_wrapped_like_a_printed_page_are_whole_rows(tmp_path):
    rows = grid(only_table(read(tmp_path, WRAPPED_ROWS)).table)
    assert rows[1] == ["年度资金总额", "1", "80.00", "80.00", "100.00%", "76.00", "95.00%"]
    assert rows[2] == ["其中：县级资金", "2", "50.00", "50.00", "100.00%", "47.50", "95.00%"]
    assert len(rows) == 4


def test_a_row_typed_without_its_last_pipe_stays_a_row(tmp_path):
    rows = grid(only_table(read(tmp_path, (
        "| 指标 | 目标值 | 完成值 |\n"
        "| 新建步道 | 12公里 | 12公里\n"
        "| 游客满意度 | ≥90% | 94% |\n"))).table)
    assert rows[1] == ["新建步道", "12公里", "12公里"] and rows[2] == ["游客满意度", "≥90%", "94%"]


# A task table copied with tabs, its empty cells dropped: the 合计 row lost its blank
# 说明 cell, so its figures stood one column left of where they belong.
TASKS_TABS_DROPPED = (
    "重点工作任务完成情况\n"
    "任务名称\t说明\t预算数（万元）\t支出数（万元）\t执行率\t备注\n"
    "河道清淤\t清淤及堤岸修补\t320.00\t301.50\t94.22%\t按期完成\n"
    "村庄绿化\t苗木采购及栽植\t148.60\t140.20\t94.35%\t已验收\n"
    "应急物资\t防汛物资储备\t52.40\t50.30\t95.99%\t入库完成\n"
    "合计\t{budget}\t{spent}\t{rate}\n"
)


def test_a_total_row_that_lost_its_blank_cells_puts_its_figures_under_their_columns(tmp_path):
    doc = read(tmp_path, TASKS_TABS_DROPPED.format(budget="521.00", spent="492.00", rate="94.43%"))
    assert grid(only_table(doc).table)[-1] == ["合计", "", "521.00", "492.00", "94.43%", ""]
    record = extract_file(tmp_path / "r.txt")
    assert not [f for f in record["flags"] if f["rule"] == "sum.table"]


def test_a_realigned_total_row_that_does_not_add_up_is_still_flagged(tmp_path):
    read(tmp_path, TASKS_TABS_DROPPED.format(budget="531.00", spent="492.00", rate="94.43%"))
    record = extract_file(tmp_path / "r.txt")
    assert [f["severity"] for f in record["flags"] if f["rule"] == "sum.table"] == ["error"]


def test_a_short_row_with_fewer_figures_than_figure_columns_is_padded_at_its_end(tmp_path):
    doc = read(tmp_path, TASKS_TABS_DROPPED.format(budget="521.00", spent="492.00", rate="").replace("\t\n", "\n"))
    assert grid(only_table(doc).table)[-1] == ["合计", "521.00", "492.00", "", "", ""]


# A table copied from Word as plain text: tab-separated cells, and a line break inside a
# cell (a level's name over its weight, a long goal over two lines) breaks its row.
WORD_COPY = (
    "项目名称\t乡村道路养护\t\t\t\n"
    "主管部门\t临河县交通运输局\t\t实施单位\t临河县公路事务中心\n"
    "一级指标\t二级指标\t三级指标\t分值\t得分\n"
    "产出指标\n"
    "（60分）\t数量指标\t养护里程\t30\t30\n"
    "\t质量指标\t路面完好率达到85%，\n"
    "桥涵完好\t30\t28\n"
    "\t计划完成时间\t12月前完工\t\t\n"
    "效益指标（40分）\t社会效益\t群众出行条件改善\t40\t38\n"
)


def test_rows_broken_by_line_breaks_in_cells_are_whole_rows(tmp_path):
    rows = grid(only_table(read(tmp_path, WORD_COPY)).table)
    assert ["产出指标\n（60分）", "数量指标", "养护里程", "30", "30"] in rows
    assert ["质量指标", "路面完好率达到85%，\n桥涵完好", "30", "28"] in [row[1:] for row in rows]
    assert rows[-1] == ["效益指标（40分）", "社会效益", "群众出行条件改善", "40", "38"]


def test_a_line_between_two_rows_that_starts_with_an_empty_cell_ends_the_cell_before(tmp_path):
    text = WORD_COPY.replace("\t计划完成时间\t12月前完工\t\t\n", "\t时效指标\t12月前完工\t10\t10\n按期\n\t\t\t\t\n")
    rows = grid(only_table(read(tmp_path, text)).table)
    assert ["时效指标", "12月前完工", "10", "10\n按期"] in [row[1:] for row in rows]
    assert rows[-1] == ["效益指标（40分）", "社会效益", "群众出行条件改善", "40", "38"]


def test_a_paragraph_after_a_tab_table_is_not_taken_into_it(tmp_path):
    doc = read(tmp_path, WORD_COPY + "以上指标均按年初设定目标完成。\n")
    assert len([b for b in doc.blocks if b.kind == TABLE]) == 1
    assert [b.text for b in doc.blocks if b.kind == PARAGRAPH][-1] == "以上指标均按年初设定目标完成。"


def test_a_heading_and_a_caption_between_two_tab_tables_stay_outside_them(tmp_path):
    text = ("城区\t人数\t金额\n东城\t12\t3.5\n西城\t10\t2.8\n合计\t22\t6.3\n"
            "## 二、得分情况\n各城区得分如下：\n表2 得分表\n城区\t得分\t排名\n东城\t91.5\t1\n西城\t88.0\t2\n")
    doc = read(tmp_path, text)
    tables = [grid(b.table) for b in doc.blocks if b.kind == TABLE]
    assert [t[0] for t in tables] == [["城区", "人数", "金额"], ["城区", "得分", "排名"]]
    assert tables[0][-1] == ["合计", "22", "6.3"]


def test_label_unit_figure_pairs_run_together_in_one_line(tmp_path):
    # a web page's form flattened to one line: each label, its unit in brackets, its figure
    from conftest import text_record
    body = ("项目基本情况项目类型经常性项目计划投资额(万元)526.30实际到位资金(万元)526.30实际使用情况(万元)"
            "488.125其中:中央财政\n")
    rec = text_record(tmp_path, "某县民政局项目绩效评价报告\n" + body, "r.txt")
    amounts = sorted((f["value"], f.get("label")) for f in rec["facts"] if f["kind"] == "amount")
    assert [v for v, _ in amounts] == [Decimal("4881250"), Decimal("5263000"), Decimal("5263000")]


def test_a_count_its_row_label_names_in_a_table(tmp_path):
    from conftest import text_record
    body = ("某县档案馆部门整体支出绩效自评报告\n\n"
            "| 联系人 | 王某 | 联系电话 | 13800000000 |\n| 人员编制 | 24 | 实有人数 | 21 |\n| 救助户数 | 315 | 备注 | 无 |\n")
    rec = text_record(tmp_path, body, "r.txt")
    counts = sorted((f["kind"], f["value"]) for f in rec["facts"] if f["kind"] in ("headcount", "households"))
    assert counts == [("headcount", Decimal("21")), ("headcount", Decimal("24")), ("households", Decimal("315"))]


def test_a_labelled_figure_on_a_one_cell_row_above_a_pipe_table_is_text(tmp_path):
    # a web copy puts the report's score on a one-cell row of the table that follows it
    from conftest import text_record
    body = ("某区2023年村级公益岗位项目绩效评价报告\n"
            "评价得分:86.25分评价等级:良 | ||||||\n"
            "概要 | ||||||\n"
            "项目名称 | 村级公益岗位 | 评价年度 | 2023 |\n"
            "主管部门 | 某镇人民政府 | 联系人 | 张某 |\n")
    rec = text_record(tmp_path, body, "r.txt")
    [score] = [f for f in rec["facts"] if f["kind"] == "score"]
    assert score["value"] == Decimal("86.25") and score["source"]["quote"] == "86.25分"
    assert any(t.get("caption") == "概要" for t in rec["tables"])


@needs_soffice
def test_a_stated_score_row_above_a_pipe_table_stays_text_in_both_formats(tmp_path):
    """A report's score written on a one-cell row above its first table is the report's own
    statement, not the table's caption: a paragraph from the .txt and from its PDF alike."""
    text = ("某县2022年农村公路养护项目绩效评价报告\n"
            "综合得分：86.5分评价等级：良 | |||\n"
            "| 项目名称 | 农村公路养护 | 评价年度 | 2022 |\n"
            "| 主管部门 | 某县交通运输局 | 项目资金（万元） | 120.00 |\n")
    src, printed = print_to_pdf(tmp_path, text)
    for doc in (load_document(src), load_document(printed)):
        table = only_table(doc)
        assert doc.blocks[table.index - 1].text.startswith("综合得分：86.5分"), doc.format
        assert "86.5" not in (table.table.caption or "")


def test_single_spaced_rows_under_a_header_run_together_after_its_units(tmp_path):
    # a header copied with two names run together after a bracket (供养人数（人）2018 …) and a
    # year spaced off its name: cut and joined again where that gives the rows' width
    path = tmp_path / "r.txt"
    path.write_text("某市特困人员供养情况\n"
                    "县区 2020 年供养人数（人）2021 年供养人数（人）2021年资金（万元） 满意度\n"
                    "青山县 3580 3412 1942.60 95.2%\n白水县 3105 2986 1698.35 96.0%\n合计 6685 6398 3640.95 —\n",
                    encoding="utf-8")
    tables = [b.table for b in load_document(path, path.read_bytes()).blocks if b.kind == TABLE]
    assert tables and [c.text for c in tables[0].rows[0]] == [
        "县区", "2020年供养人数（人）", "2021年供养人数（人）", "2021年资金（万元）", "满意度"]


# Invented: an evaluation agency's score sheet saved from a web page. A first-level row's
# empty 评分规则 cell held a line break, so its 得分 and the empty 说明 run onto lines that open
# with a pipe; the item rows leave their empty 说明 out; the total is spread over three lines.
AGENCY_SHEET = (
    "考评事项 | 分值 | 评分规则 | 得分 | 说明 |\n"
    "一、资料准备情况 | 40 |\n"
    "| 37 |\n"
    "|\n"
    "1、基础资料收集完整 | 25 | 资料齐全得20-25分，缺项一项扣3分。 | 23 |\n"
    "2、佐证材料真实可靠 | 15 | 材料真实得15分，发现不实不得分。 | 14 |\n"
    "二、报告质量情况 | 60 |\n"
    "| 55 |\n"
    "|\n"
    "1、结论清晰问题明确，建议具有可操作性，能够指导被评价单位整改 | 60 | 结论清晰得50-60分；\n"
    "一般得30-49分。 | 55 |\n"
    "合计 |\n"
    "|\n"
    "| 92 |\n"
)


def test_rows_whose_cells_held_line_breaks_go_on_at_lines_opening_with_a_pipe(tmp_path):
    table = only_table(read(tmp_path, AGENCY_SHEET)).table
    assert not table.ragged, "each cell in its column: rows that left out their empty 说明 are whole"
    rows = grid(table)
    assert rows[0] == ["考评事项", "分值", "评分规则", "得分", "说明"]
    assert rows[1][:4] == ["一、资料准备情况", "40", "", "37"]
    assert rows[2][:4] == ["1、基础资料收集完整", "25", "资料齐全得20-25分，缺项一项扣3分。", "23"]
    assert rows[5][3] == "55" and rows[5][2] == "结论清晰得50-60分；一般得30-49分。", "a cell wrapped mid-text"
    assert rows[6][0] == "合计" and rows[6][3] == "92" and len(rows) == 7


def test_rows_opening_with_a_pipe_mostly_stay_pipe_bounded_rows(tmp_path):
    """| a | b | rows whose long cell wraps onto a line of its own: the lines opening with a
    pipe are the rows, not the rest of the row above."""
    rows = grid(only_table(read(tmp_path, (
        "| 指标 | 分值 | 评分标准 | 得分 |\n"
        "| 预算执行率 | 10 | 执行率达到100%得满分，每低1个百分点\n"
        "扣0.5分 | 9 |\n"
        "| 资金到位率 | 10 | 全部到位得满分 | 10 |\n"
        "| 合计 | 20 | | 19 |\n"))).table)
    assert rows[1] == ["预算执行率", "10", "执行率达到100%得满分，每低1个百分点扣0.5分", "9"]
    assert rows[3][0] == "合计" and rows[3][3] == "19"


_SPACED_WITH_SUBTOTALS = "\n".join([
    "表2 农村供水项目资金安排表",
    "金额单位：万元",
    "序号  乡镇  项目名称  中央资金  省级资金  合计",
    "1  青溪乡  供水站改造工程  210  40  250",
    "  青溪乡小计  210  40  250",
    "2  石门镇  管网延伸工程  150  30  180",
    "3  石门镇  水质净化设备  90  —  90",
    "  石门镇小计  240  30  {subtotal}",
    "4  龙口镇  蓄水池工程  120  25  145",
    "  合计  570  95  665",
    "",
    "三、项目实施情况",
]) + "\n"


def test_spaced_rows_whose_subtotal_labels_span_the_first_cells(tmp_path):
    # (小计 and 合计 rows write their label once over 序号 | 乡镇 | 项目名称: fewer cells)
    path = tmp_path / "spaced.txt"
    path.write_text(_SPACED_WITH_SUBTOTALS.format(subtotal="270"), encoding="utf-8")
    doc = load_document(path, path.read_bytes())
    [table] = [b.table for b in doc.blocks if b.kind == TABLE]
    rows = [[c.text for c in r] for r in table.rows]
    assert rows[2] == ["青溪乡小计", "", "", "210", "40", "250"]
    assert rows[-1] == ["合计", "", "", "570", "95", "665"]
    record = extract_file(path)
    assert not [f for f in record["flags"] if f["severity"] == "error"]
    assert sorted(f["value"] for f in record["facts"] if f["kind"] == "amount")[-1] == Decimal(6650000)


def test_a_subtotal_off_its_rows_in_spaced_rows_is_flagged(tmp_path):
    path = tmp_path / "spaced_bad.txt"
    path.write_text(_SPACED_WITH_SUBTOTALS.format(subtotal="280"), encoding="utf-8")
    errors = [f for f in extract_file(path)["flags"] if f["severity"] == "error"]
    assert [f["rule"] for f in errors] == ["sum.table"] and "280" in errors[0]["message"]


def test_one_space_rows_under_a_unit_line_are_a_table(tmp_path):
    # (a budget table's 年初预算 | 调整预算 | 决算数 header names form labels, yet under 单位：万元
    # with every row a name and its figures it is a table of its own)
    text = "\n".join([
        "表3 收入支出预算决算对比表", "单位：万元", "项目 年初预算 调整预算 决算数",
        "财政拨款收入 4820.00 5310.40 5256.12", "事业收入 600.00 600.00 571.35", "收入合计 5420.00 5910.40 5827.47",
        "", "四、其他情况"]) + "\n"
    path = tmp_path / "budget.txt"
    path.write_text(text, encoding="utf-8")
    [table] = [b.table for b in load_document(path, path.read_bytes()).blocks if b.kind == TABLE]
    assert [c.text for c in table.rows[1]] == ["财政拨款收入", "4820.00", "5310.40", "5256.12"]
    amounts = [f["value"] for f in extract_file(path)["facts"] if f["kind"] == "amount"]
    assert Decimal("58274700.00") in amounts and len(amounts) == 9


_CLASSES = "\n".join([
    "表4 支出决算表（按功能分类）", "单位：万元",
    "科目名称  本年支出合计  基本支出  项目支出",
    "合计  {total}  1262.40  1838.00",
    "农林水支出  2876.20  1038.20  1838.00",
    "行政运行  624.50  624.50  —",
    "事业运行  413.70  413.70  —",
    "农业农村生产发展  1838.00  —  1838.00",
    "住房保障支出  224.20  224.20  —",
    "住房公积金  224.20  224.20  —",
    "", "四、其他情况"]) + "\n"


def test_a_listing_of_classes_over_their_items_adds_up_by_class(tmp_path):
    path = tmp_path / "classes.txt"
    path.write_text(_CLASSES.format(total="3100.40"), encoding="utf-8")
    assert not [f for f in extract_file(path)["flags"] if f["severity"] == "error"]
    path.write_text(_CLASSES.format(total="3110.40"), encoding="utf-8")
    [flag] = [f for f in extract_file(path)["flags"] if f["severity"] == "error"]
    assert "3110.40" in flag["message"] and "3100.40" in flag["message"]  # the classes' sum, not all rows'


def test_a_unit_announced_at_the_end_of_the_paragraph_above_a_table(tmp_path):
    text = ("（三）预算执行。全年调整预算3,260.00万元，实际支出3,191.54万元，预算执行率97.90%。"
            "各项目执行情况如下（单位：万元）：\n"
            "项目名称 | 调整预算 | 实际支出 | 执行率\n"
            "农村公路养护 | 1,820.00 | 1,786.40 | 98.15%\n"
            "危桥改造 | 1,440.00 | 1,405.14 | 97.58%\n")
    path = tmp_path / "announced.txt"
    path.write_text(text, encoding="utf-8")
    amounts = [f["value"] for f in extract_file(path)["facts"] if f["kind"] == "amount"]
    assert Decimal("17864000.00") in amounts and Decimal("14051400.00") in amounts


_TWO_SIDED = "\n".join([
    "表1 收入支出决算总表", "单位：万元", "收入项目 决算数 支出项目 决算数",
    "一、财政拨款收入 5210.40 一、卫生健康支出 5326.18",
    "二、其他收入 186.20 二、住房保障支出 {housing}",
    "本年收入合计 5396.60 本年支出合计 5512.38",
    "年初结转和结余 320.15 年末结转和结余 204.37",
    "总计 5716.75 总计 5716.75",
    "", "二、收入决算情况"]) + "\n"


def test_a_two_sided_summary_table_is_read_but_not_summed_across_its_halves(tmp_path):
    path = tmp_path / "two_sided.txt"
    path.write_text(_TWO_SIDED.format(housing="186.20"), encoding="utf-8")
    record = extract_file(path)
    amounts = [f["value"] for f in record["facts"] if f["kind"] == "amount"]
    assert Decimal("57167500") in amounts and len(amounts) == 10
    assert not [f for f in record["flags"] if f["severity"] == "error"]


# a score table exported from Word with its merged level cells written on a group's first row
# only (the rows after it start with blanks), nothing lining up under the header
_MERGED_LEFT = """项目  考核内容  考核指标  评分标准  权数  考评得分
投入  资金落实  配套到位率  足额得满分，每低1%扣0.3分  6  6
    资金拨付及时性  按期得满分，逾期一次扣1分  6  5
  财务管理  支出合规性  每发现一处扣2分  8  7
产出  产出数量  补助发放覆盖率  ≥98%得满分，每低1%扣1分  10  10
    发放准确率  发现一户错发扣1分  10  9
合计      40  37
"""


def test_rows_leaving_out_their_merged_left_cells_are_read_from_the_right(tmp_path):
    table = grid(only_table(read(tmp_path, _MERGED_LEFT)).table)
    assert table[0] == ["项目", "考核内容", "考核指标", "评分标准", "权数", "考评得分"]
    assert table[2][2:] == ["资金拨付及时性", "按期得满分，逾期一次扣1分", "6", "5"]
    assert table[3][1:3] == ["财务管理", "支出合规性"]
    assert table[-1][0] == "合计" and table[-1][-2:] == ["40", "37"]
    record = extract_file(write(tmp_path, "附表1 评分表\n" + _MERGED_LEFT, "s.txt"))
    weights = [f for f in record["facts"] if f["kind"] == "score" and f.get("label") == "权数"]
    assert len(weights) == 6, "权数 is a points column"


def test_word_rows_of_uneven_cells_with_no_figures_at_their_end_are_no_table(tmp_path):
    text = ("项目  考核内容  考核指标  评分标准  权数  考评得分\n"
            "投入  资金落实  配套到位率  足额得满分  6  6\n"
            "    资金拨付及时性  按期得满分\n"
            "  财务管理  支出合规性\n"
            "产出  补助发放覆盖率  发放准确率\n")
    assert all(len(b.table.rows) <= 2 for b in read(tmp_path, text).blocks if b.kind == TABLE)
    # nor rows whose cells under the words' columns are figures (no merged cells left out)
    shifted = _MERGED_LEFT.replace("    资金拨付及时性  按期得满分，逾期一次扣1分  6  5", "    12  按期得满分，逾期一次扣1分  6  5")
    assert all(len(b.table.rows) <= 2 for b in read(tmp_path, shifted, "b.txt").blocks if b.kind == TABLE)


def test_one_space_rows_with_level_subtotals_shorter_than_the_table(tmp_path):
    text = ("附表 评分表\n一级指标 二级指标 三级指标 分值 得分\n"
            "决策 项目立项 立项依据充分性 10 9\n决策 绩效目标 绩效目标合理性 10 8.5\n决策小计 20 17.5\n"
            "过程 资金管理 资金到位率 15 15\n过程 组织实施 制度执行有效性 15 13\n过程小计 30 28\n"
            "产出 产出数量 完成率 50 46\n合计 100 91.5\n")
    rows = grid(only_table(read(tmp_path, text)).table)
    assert rows[3] == ["决策小计", "", "", "20", "17.5"]
    assert rows[-1] == ["合计", "", "", "100", "91.5"] and len(rows) == 9
    record = extract_file(write(tmp_path, text, "s.txt"))
    assert len([f for f in record["facts"] if f["kind"] == "score"]) == 16
    assert not [f for f in record["flags"] if f["severity"] == "error"]


def test_cells_that_write_their_column_s_name_before_the_value_become_a_header(tmp_path):
    text = ("一级指标：决策　　分值：15　　得分：14\n一级指标：过程　　分值：25　　得分：23.5\n"
            "一级指标：产出　　分值：35　　得分：32\n一级指标：效益　　分值：25　　得分：22\n")
    rows = grid(only_table(read(tmp_path, text)).table)
    assert rows[0] == ["一级指标", "分值", "得分"] and rows[2] == ["过程", "25", "23.5"]
    record = extract_file(write(tmp_path, "经评价，部门整体支出绩效自评得分91.5分。\n" + text, "s.txt"))
    assert sorted(f["value"] for f in record["facts"] if f["kind"] == "score") == sorted(
        [Decimal(v) for v in ("91.5", "15", "14", "25", "23.5", "35", "32", "25", "22")])
    # names that differ from row to row are cells of their own
    mixed = text.replace("一级指标：过程", "二级指标：过程")
    assert grid(only_table(read(tmp_path, mixed, "m.txt")).table)[0][0] == "一级指标：决策"


def test_one_space_rows_with_sentences_under_columns_of_words(tmp_path):
    # 评分标准 cells are sentences; a 扣分原因 at the end is a sentence or left empty
    text = ("附表 评分表\n一级指标 三级指标 评分标准 权数 得分 扣分原因\n"
            "决策 立项依据充分性 符合规划得满分，否则酌情扣分 10 10\n"
            "决策 绩效目标明确性 目标量化得满分，每缺1项扣1分 10 9 缺少时效指标，扣1分\n"
            "产出 完成率 完成率100%得满分，每低1%扣0.5分 40 38 两个标段延期完工\n"
            "效益 满意度 满意度≥90%得满分，每低1%扣0.5分 40 39.5\n合计 100 96.5\n")
    rows = grid(only_table(read(tmp_path, text)).table)
    assert rows[2] == ["决策", "绩效目标明确性", "目标量化得满分，每缺1项扣1分", "10", "9", "缺少时效指标，扣1分"]
    assert rows[1][-1] == "" and rows[-1][:1] == ["合计"] and rows[-1][3:5] == ["100", "96.5"]


def test_rows_of_figures_only_under_a_header_of_words_do_not_break_the_reader(tmp_path):
    # a row that is all figures (its year among them) and a shorter one: no table read from the right
    text = "年度  中央资金  省级资金  县级资金\n2019  100  200  300\n2020  110  210\n2021  120  220  320\n2022  130  230  330\n"
    doc = read(tmp_path, text)
    assert [b.kind for b in doc.blocks].count(TABLE) <= 1


def test_one_space_rows_go_on_past_a_page_break(tmp_path):
    # the page's number and the report's title printed over the next page, between the rows
    text = ("溪南县2023年居家养老服务项目绩效评价报告\n一、评分情况\n"
            "一级指标 二级指标 分值 得分\n决策 项目立项 5 5\n决策 绩效目标 5 4\n"
            "第 1 页 共 3 页\n溪南县2023年居家养老服务项目绩效评价报告\n"
            "过程 资金管理 10 9\n产出 产出数量 40 38\n效益 社会效益 40 36\n合计 100 92\n二、主要问题\n")
    rows = grid(only_table(read(tmp_path, text)).table)
    assert rows[0] == ["一级指标", "二级指标", "分值", "得分"]
    assert ["过程", "资金管理", "10", "9"] in rows and ["效益", "社会效益", "40", "36"] in rows
    assert not any("页" in c for r in rows for c in r)


def test_a_total_row_one_cell_a_line_leaves_the_reason_column_empty(tmp_path):
    # 合计 | 100 | 92.5 under … | 分值 | 得分 | 扣分原因: its figures under the points, not the reasons
    header = ["序号", "一级指标", "二级指标", "分值", "得分", "扣分原因"]
    rows = [["1", "决策", "项目立项", "20", "20", "无"], ["2", "过程", "资金管理", "30", "27.5", "部分资金拨付滞后，扣2.5分"],
            ["3", "产出", "产出数量", "50", "45", "完成率90%，扣5分"]]
    text = "附表 评分表\n" + "\n\n".join("\n".join(r) for r in [header] + rows + [["合计", "100", "92.5"]]) + "\n\n五、结论\n"
    table = grid(only_table(read(tmp_path, text)).table)
    assert table[-1] == ["合计", "", "", "100", "92.5", ""]


def test_a_column_in_wan_per_head_holds_money_per_head(tmp_path):
    text = ("表1 人才安居补贴兑现情况\n类别\t补贴标准（万元/人）\t兑现人数（人）\t兑现金额（万元）\n"
            "博士研究生\t3\t12\t36\n硕士研究生\t1.2\t85\t102\n合计\t—\t97\t138\n")
    facts = extract_file(write(tmp_path, text, "r.txt"))["facts"]
    rates = sorted(f["value"] for f in facts if f["kind"] == "money_rate")
    assert rates == [Decimal("12000.0"), Decimal("30000")]


def test_rows_read_from_the_right_before_a_reason_column(tmp_path):
    # a web page's table: full-width spaces between cells, a level's merged cell written on its
    # first row only, and a last column of reasons each row may fill or dash
    w = "\u3000\u3000"
    lines = [["一级指标", "二级指标", "分值", "得分", "扣分说明"], ["决策（20分）", "项目立项", "10", "10", "—"],
             ["绩效目标", "10", "8", "指标未细化"], ["过程（30分）", "资金管理", "15", "14", "凭证不全"],
             ["组织实施", "15", "15", "—"], ["产出（50分）", "产出数量", "50", "46", "完成率92%"], ["合计", "100", "93"]]
    text = "评分情况如下：\n" + "\n".join(w.join(r) for r in lines) + "\n二、问题\n"
    rows = grid(only_table(read(tmp_path, text)).table)
    # (the level's merged cell is read down its rows)
    assert rows[2] == ["决策（20分）", "绩效目标", "10", "8", "指标未细化"]
    assert rows[4] == ["过程（30分）", "组织实施", "15", "15", "—"]
    assert rows[-1][2:] == ["100", "93", ""] and rows[-1][0] == "合计"


def test_a_row_with_a_stray_empty_cell_before_its_label_keeps_its_columns(tmp_path):
    """|| 项目支出 | … among rows of four: the empty cell is a copy's, not a column."""
    text = ("二、预算执行情况\n表1 部门预算执行情况表\n"
            "| 项 目 | 全年预算数（万元） | 决算数（万元） | 执行率（%） |\n"
            "| 支出合计 | 1,260.00 | 1,214.60 | 96.40 |\n"
            "| 基本支出 | 720.00 | 708.30 | 98.38 |\n"
            "|| 项目支出 | 540.00 | 506.30 | 93.76 |\n"
            "三、绩效目标完成情况\n全年完成各项任务。\n")
    path = tmp_path / "r.txt"
    path.write_text(text, encoding="utf-8")
    tables = [[[c.text for c in row] for row in b.table.rows] for b in load_document(path).blocks if b.kind == TABLE]
    assert tables[0][-1] == ["项目支出", "540.00", "506.30", "93.76"]
    record = extract_file(path)
    assert not [f for f in record["flags"] if f["severity"] == "error"]
    assert Decimal("93.76") in [f["value"] for f in record["facts"] if f["kind"] == "percent"]
