"""One report under the layouts that saving it as text leaves behind: full-width figures,
a blank line after every line (web copy), a page flattened to one line with its paragraphs
a run of spaces apart. Each must read the same figures as the report laid out plainly, and
raise no error the plain one does not.
The texts are invented."""
from __future__ import annotations

from collections import Counter
from decimal import Decimal

import pytest

from extractor import normalize
from extractor.ingest import load_document
from extractor.ingest.double_spacing import drop_double_spacing, is_double_spaced
from extractor.ingest.flattened_paragraphs import split_flattened_paragraphs

from conftest import error_flags, text_record
from test_form_variants import DEPARTMENT_DASHES, _render

NARRATIVE = (
    "某县2023年度城乡居民医疗救助资金绩效自评报告\n"
    "一、项目基本情况\n"
    "（一）资金下达情况。上级分两批下达医疗救助补助资金5,820万元（其中第一批5,000万元，第二批820万元），"
    "保障了困难群众及时享受救助待遇。\n"
    "（二）地方安排情况。县级财政安排配套资金1,236.5万元，用于资助困难群众参保和门诊救助。\n"
    "二、绩效目标完成情况\n"
    "（一）资金投入情况。全年预算数9,460.5万元，实际执行数9,012.3（含中央资金6,100万元，地方资金2,912.3万元），"
    "预算执行率95.26%。\n"
    "（二）产出情况。全年资助参保困难群众18,426人，门诊救助6,315人次，住院救助2,104人次，"
    "救助对象满意度达到96.5%。\n"
)

SCORE_TABLE = (
    "绩效评价得分表\n"
    "一级指标 分值 得分\n"
    "决策 20 18\n"
    "过程 20 19\n"
    "产出 30 28.5\n"
    "效益 30 27\n"
    "合计 100 92.5\n"
)

_FULL_WIDTH = str.maketrans("0123456789.%", "０１２３４５６７８９．％")


def _figures(record) -> Counter:
    return Counter((f["kind"], Decimal(str(f["value"])), f["unit"]) for f in record["facts"]
                   if f["kind"] in ("amount", "percent", "score", "headcount", "person_times"))


def _errors(record) -> list:
    return [f["message"] for f in record["flags"] if f["severity"] == "error"]


def _same_reading(tmp_path, plain: str, laid_out: str) -> None:
    expected = text_record(tmp_path, plain, "plain.txt")
    record = text_record(tmp_path, laid_out, "laid_out.txt")
    assert _figures(record) == _figures(expected)
    assert _errors(record) == _errors(expected) == []


# --- full-width figures ---------------------------------------------------------------

def _blocks(tmp_path, text: str, name: str) -> list:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return [(b.kind, b.text) for b in load_document(path).blocks]


def _preview(text: str, digits=str.maketrans("", "")) -> str:
    """`text` as a sharing site's preview: 120-character chunks numbered 1、 2、 …"""
    flat = text.replace("\n", "")
    chunks = [flat[k:k + 120] for k in range(0, len(flat), 120)]
    return "\n".join(f"{str(n).translate(digits)}、{c}" for n, c in enumerate(chunks, 1)) + "\n"


@pytest.mark.parametrize("shape", ["single_spaced", "wide", "cells", "pipe"])
def test_a_form_with_full_width_figures_reads_as_with_ascii_ones(tmp_path, shape):
    # (rows are found and broken lines joined alike: a row of cells ending in ５２．８０ is a row)
    plain = _render(DEPARTMENT_DASHES, shape)
    assert _blocks(tmp_path, plain.translate(_FULL_WIDTH), "fw.txt") == _blocks(tmp_path, plain, "plain.txt")


def test_a_row_wrapped_after_its_first_figure_reads_alike_in_full_width(tmp_path):
    plain = ("项目资金（万元） 年初预算数 全年预算数 全年执行数 分值 执行率 得分\n"
             "年度资金总额： 1 52.80\n52.80 47.52 10 90.00% 9\n"
             "其中：中央财政资金 2 40.00\n40.00 36.00 — 90.00% —\n")
    assert _blocks(tmp_path, plain.translate(_FULL_WIDTH), "fw.txt") == _blocks(tmp_path, plain, "plain.txt")


def test_preview_chunks_numbered_with_full_width_digits_are_one_text_again(tmp_path):
    full_width = _blocks(tmp_path, _preview(NARRATIVE, _FULL_WIDTH), "fw.txt")
    assert full_width == _blocks(tmp_path, _preview(NARRATIVE), "plain.txt")
    assert len(full_width) == 1


def test_preview_chunks_indented_as_paragraphs_are_one_text_again(tmp_path):
    indented = "".join("\u3000\u3000" + line + "\n" for line in _preview(NARRATIVE).splitlines())
    assert _blocks(tmp_path, indented, "indented.txt") == _blocks(tmp_path, _preview(NARRATIVE), "plain.txt")


def test_a_score_table_written_with_full_width_figures_reads_its_scores(tmp_path):
    _same_reading(tmp_path, NARRATIVE + SCORE_TABLE, (NARRATIVE + SCORE_TABLE).translate(_FULL_WIDTH))


# --- a blank line after every line ------------------------------------------------------

def test_a_double_spaced_score_table_is_read_as_a_table(tmp_path):
    plain = NARRATIVE + SCORE_TABLE
    _same_reading(tmp_path, plain, plain.replace("\n", "\n\n"))
    scores = _figures(text_record(tmp_path, plain.replace("\n", "\n\n")))
    assert scores[("score", Decimal("28.5"), "分")] == 1


@pytest.mark.parametrize("shape", ["single_spaced", "cells"])
def test_a_double_spaced_form_reads_as_the_form(tmp_path, shape):
    plain = _render(DEPARTMENT_DASHES, shape)
    _same_reading(tmp_path, plain, plain.replace("\n", "\n\n"))


@pytest.mark.parametrize("shape", ["single_spaced", "cells"])
def test_a_form_doubled_twice_reads_as_the_form(tmp_path, shape):
    # (copied from a double-spaced page, then its line ends written twice: three blank lines)
    plain = _render(DEPARTMENT_DASHES, shape)
    _same_reading(tmp_path, plain, plain.replace("\n", "\n\n").replace("\n", "\n\n"))
    lines = "甲\n\n\n\n乙\n\n\n\n丙\n\n\n\n\n\n\n\n丁\n\n\n\n戊\n\n\n\n己\n\n\n\n庚".split("\n")
    assert drop_double_spacing(lines) == ["甲", "乙", "丙", "", "丁", "戊", "己", "庚"]


def test_blank_lines_between_paragraphs_only_are_kept():
    # paragraphs a blank line apart, a table's rows together: the blank lines mean something
    lines = (NARRATIVE.replace("\n", "\n\n") + SCORE_TABLE).split("\n")
    assert not is_double_spaced(lines)
    assert drop_double_spacing(lines) == lines


def test_a_blank_line_of_the_text_before_it_was_doubled_stays():
    # 丙 | | 丁 doubled is 丙 | | | | 丁: one blank line again
    lines = "甲\n\n乙\n\n丙\n\n\n\n丁\n\n戊\n\n己\n\n庚".split("\n")
    assert drop_double_spacing(lines) == ["甲", "乙", "丙", "", "丁", "戊", "己", "庚"]


def test_a_table_one_cell_a_line_double_spaced_reads_as_written(tmp_path):
    # cells a line apart, a blank line between rows (the layout of a Word table saved as text)
    plain = ("各乡镇资助情况\n\t乡镇\n\t资助\n\t\n\n\t\n\t人数（人）\n\t金额（万元）\n\n\t东岭镇\n\t960\n\t57.60\n\n"
             "\t西岭镇\n\t1,520\n\t91.20\n\n\t合计\n\t2,480\n\t148.80\n\n"
             "全年共资助2,480人，其中东岭镇960人，西岭镇1,520人，资助资金148.80万元。\n")
    _same_reading(tmp_path, plain, plain.replace("\n", "\n\n"))


# --- a page flattened to one line --------------------------------------------------------

def _flattened(text: str) -> str:
    return "  ".join(line for line in text.split("\n") if line) + "\n"


def test_a_rate_in_a_flattened_page_is_read_within_its_own_section(tmp_path):
    # 9,012.3 ÷ 9,460.5 = 95.26%; the 5,820万元 of the first section is no part of it
    _same_reading(tmp_path, NARRATIVE, _flattened(NARRATIVE))


PROJECT_ITEMS = (
    "某县2021年财政衔接资金项目绩效评价结果公开\n根据项目绩效评价情况，现按规定予以公开：\n"
    "1、青石镇东岭村产业路建设项目，新建砂石路8公里、涵洞3座。2021年下达财政衔接资金156万元，截至2021年12月31日，"
    "实际已支付149.2万元，支付率95.64%。项目综合得分92分，评价等级为优秀。\n"
    "2、青石镇西岭村冷库建设项目，新建冷库一座400立方米。2021年度下达财政衔接资金84万元，截至2021年12月31日，"
    "实际已支付80.5万元，支付率95.83%。项目综合得分91分，评价等级为优秀。\n"
    "3、白沙乡南坪村饮水工程项目，铺设管网6公里。2021年下达财政衔接资金62万元，截至2021年12月31日，"
    "实际已支付62万元，支付率100%。项目综合得分95分，评价等级为优秀。\n")


def test_numbered_projects_of_a_flattened_page_are_each_their_own(tmp_path):
    # each project's 下达 money is its own: no conflict between 156, 84 and 62万元
    _same_reading(tmp_path, PROJECT_ITEMS, _flattened(PROJECT_ITEMS))


_SPENDING_ROWS = ("部门整体支出绩效自评表\n人员控制情况 编制数 实际在职人数 控制率 36 35 97.22%\n"
                  "经费控制情况（万元） 2022年决算数 2023年预算数 2023年决算数\n支出总额  842.60  915.30  908.75\n"
                  "基本支出  431.20  466.80  466.80\n其中：公用经费  57.40  61.25  61.25\n项目支出  411.40  448.50  441.95\n")


def test_a_flattened_rows_other_of_is_no_list_of_parts(tmp_path):
    # 其中：公用经费 is a row under 基本支出, 项目支出 the next row: no 其中 list with a sum to check
    record = text_record(tmp_path, _flattened(_SPENDING_ROWS))
    assert not error_flags(record, "sum.breakdown")
    assert not any(r["type"] == "breakdown" and any(
        f["text"] == "411.40" for f in record["facts"] if f["id"] in r["parts"]) for r in record["relations"])


def test_a_flattened_page_is_cut_at_its_paragraphs_only():
    line = _flattened(NARRATIVE).rstrip("\n")
    pieces = split_flattened_paragraphs([line])
    assert pieces == [p for p in NARRATIVE.split("\n") if p]
    # a form's row with a reason and a measure cell, however long, keeps its cells
    row = ("产出指标  数量指标  资助参保困难群众人数  ≥18000人  17650人  20  18  "
           "部分困难群众外出务工，未能及时完成参保身份核验。  加强与乡镇、村（社区）的数据比对，"
           "对外出务工人员实行电话核验和上门核验相结合的办法，确保应保尽保。")
    assert len(row) >= 100 and split_flattened_paragraphs([row]) == [row]


# --- page numbers between a page's lines --------------------------------------------------

def _with_page_numbers(text: str, every: int, mark) -> str:
    lines = text.split("\n")
    out = []
    for i, line in enumerate(lines, 1):
        out.append(line)
        if i % every == 0 and i < len(lines):
            out.append(mark(i // every))
    return "\n".join(out)


@pytest.mark.parametrize("mark", [lambda n: f"- {n} -", lambda n: f"— {n} —", lambda n: f"第 {n} 页 共 9 页",
                                  lambda n: f"某县医疗保障局 第{n}页/共9页"])
@pytest.mark.parametrize("shape", ["cells", "single_spaced"])
def test_page_numbers_between_a_forms_lines_are_no_cells(tmp_path, shape, mark):
    plain = _render(DEPARTMENT_DASHES, shape)
    _same_reading(tmp_path, plain, _with_page_numbers(plain, 7, mark))


def test_page_numbers_between_paragraphs_and_inside_a_score_table_are_no_figures(tmp_path):
    plain = NARRATIVE + SCORE_TABLE
    _same_reading(tmp_path, plain, _with_page_numbers(plain, 6, lambda n: f"－{n}－"))


def test_a_page_number_inside_a_table_one_cell_a_line_is_passed_over(tmp_path):
    plain = ("各乡镇资助情况\n\t乡镇\n\t资助人数（人）\n\t资助金额（万元）\n\n\t东岭镇\n\t960\n\t57.60\n\n"
             "\t西岭镇\n\t1,520\n\t91.20\n\n\t合计\n\t2,480\n\t148.80\n\n"
             "全年共资助2,480人，资助资金148.80万元。\n")
    # between two rows, before or after the blank line that parts them
    _same_reading(tmp_path, plain, plain.replace("\n\n\t西岭镇", "\n\n- 2 -\n\t西岭镇"))
    _same_reading(tmp_path, plain, plain.replace("\n\n\t西岭镇", "\n- 2 -\n\n\t西岭镇"))


def test_a_bare_number_on_its_line_stays(tmp_path):
    # (it may be a cell of a table written one cell a line)
    blocks = _blocks(tmp_path, "受益人数\n2\n完成率\n100%\n", "bare.txt")
    assert any("2" in text for _, text in blocks)


# --- labels letter-spaced across their cells ------------------------------------------------

def _letter_spaced(text: str) -> str:
    """Each line that is a label of CJK characters alone, letter-spaced (项 目 名 称)."""
    import regex
    return "\n".join(" ".join(line) if regex.fullmatch(r"\p{Han}{2,12}", line) else line
                     for line in text.split("\n"))


FUND_CELLS = ("某县商务局项目绩效自评表\n\n项目名称\n\n外贸企业扶持资金\n\n主管部门\n\n某县商务局\n\n"
              "计划投资额\n\n(万元)\n\n480\n\n实际到位资金\n\n(万元)\n\n452.6\n\n实际使用情况\n\n(万元)\n\n430.15\n\n"
              "其中：\n\n中央财政\n\n0\n\n省财政\n\n480\n\n省财政\n\n452.6\n\n省财政\n\n430.15\n")


def test_money_under_letter_spaced_labels_takes_their_unit(tmp_path):
    # 计 划 投 资 额 | (万元) | 480: the label read as 计划投资额, its 480 in 万元
    _same_reading(tmp_path, FUND_CELLS, _letter_spaced(FUND_CELLS))
    amounts = _figures(text_record(tmp_path, _letter_spaced(FUND_CELLS)))
    assert amounts[("amount", Decimal("4800000"), "元")] == 2


def test_a_form_one_cell_a_line_with_letter_spaced_labels_reads_as_the_form(tmp_path):
    plain = _render(DEPARTMENT_DASHES, "cells")
    spaced = _letter_spaced(plain)
    assert spaced != plain
    _same_reading(tmp_path, plain, spaced)


# --- a space between a figure and its unit ---------------------------------------------------

def _units_spaced(text: str) -> str:
    import regex
    return regex.sub(r"(?<=\d)(?=%|万元|元|人次|人|户)", " ", text)


def test_units_a_space_after_their_figures_read_as_written_together(tmp_path):
    plain = NARRATIVE + SCORE_TABLE.replace("合计 100 92.5\n", "合计 100 92.5\n得分率 92.5%\n")
    _same_reading(tmp_path, plain, _units_spaced(plain))


def test_a_score_table_with_its_rates_a_space_from_their_percent_signs_is_a_table(tmp_path):
    text = ("一、评价结论\n评价组通过资料核查、实地调研和问卷调查等方式，对项目进行了综合评价，评分结果见下表。\n"
            "某县农村饮水安全项目绩效评价得分情况表\n一级指标 分值 得分 得分率\n"
            "A决策 20 18 90 %\nB过程 20 19 95 %\nC产出 30 27 90 %\nD效益 30 28.5 95 %\n小计 100 92.5 92.5 %\n"
            "综合评定，该项目总得分为92.5分，评价等级为“优”。\n")
    _same_reading(tmp_path, text.replace(" %", "%"), text)


def test_a_forms_unit_column_stays_a_column():
    from extractor.normalize import units_joined
    # target 95 in the unit column's %, result 100 under it, the completion rate written whole
    row = "社会效益指标 困难学生资助覆盖率 95 % 100 100.00% 30 30"
    assert units_joined(row) == row
    assert units_joined("全年支出 1280.56 万元，执行率 95 %。") == "全年支出 1280.56万元，执行率 95%。"
    assert units_joined("受益 38 人员") == "受益 38 人员"  # 人员 is a word of its own


# --- text recognised from a scan ---------------------------------------------------------

def test_a_space_as_thousands_separator_is_read_as_one_figure():
    from extractor.normalize import normalize
    assert normalize("全年预算数1 286.16万元，其中中央补助900.31万元") == "全年预算数1286.16万元，其中中央补助900.31万元"
    assert normalize("下达资金12 805 600元") == "下达资金12805600元"
    # a row's number cell before a figure is two cells, not a thousands separator
    assert normalize("序号 1 286.16") == "序号 1 286.16"


def test_digits_read_as_letters_in_a_rows_cell_are_digits_again():
    from extractor.normalize import normalize
    assert normalize("过程 25 2l") == "过程 25 21"
    assert normalize("县级配套 372.00 3l5.00 734.l2 120.0O") == "县级配套 372.00 315.00 734.12 120.00"
    assert normalize("采用 O2O 模式") == "采用 O2O 模式"  # a word, not a figure


FUNDS_OCR = ("二、资金使用情况\n截至年底，项目资金全部到位，各来源资金使用情况如下（单位：万元）：\n"
             "资金来源 预算数 支出数 执行率\n中央补助 900.31 882.15 97.98%\n省级补助 257.23 245.31 95.37%\n"
             "县级配套 128.62 124.27\n合  计 1286.16 1251.73 97.32%\n三、绩效情况\n")


def test_a_recognised_table_with_a_lost_last_cell_and_a_spaced_total_is_a_table(tmp_path):
    # the unit at the end of the sentence above; 县级配套's rate not written; 合  计 spread
    amounts = _figures(text_record(tmp_path, FUNDS_OCR))
    assert amounts[("amount", Decimal("1242700"), "元")] == 1   # 124.27万元
    assert amounts[("amount", Decimal("12861600"), "元")] == 1  # 合计 1286.16万元
    assert _errors(text_record(tmp_path, FUNDS_OCR)) == []
    slipped = text_record(tmp_path, FUNDS_OCR.replace("合  计 1286.16", "合  计 1296.16"))
    assert "sum.table" in [f["rule"] for f in slipped["flags"] if f["severity"] == "error"]


def test_a_score_table_cut_by_a_page_with_its_running_header_raises_no_error(tmp_path):
    # pdftotext -layout: the page's number, the title over the next page, the rest of a wrapped
    # reason (扣 | 2分) and the header again; the 分值 add up to 100 over both pages
    title = "某县2021年度家庭医生签约服务项目绩效评价报告"
    text = "\n".join([
        title, "一、评价得分情况", "表1  绩效评价指标得分表",
        "   一级指标     二级指标          分值     得分     扣分原因",
        "   决策         项目立项           10       10",
        "                绩效目标           10        9      目标未细化，扣",
        "                                                    1分",
        "   过程         资金管理           20       18      配套资金到位滞后，扣", "", "",
        "                                     - 1 -", f"                 {title}", "",
        "                                                    2分",
        "                组织实施           10        9",
        "   一级指标     二级指标          分值     得分     扣分原因",
        "   产出         产出数量           20       19",
        "   效益         满意度             30       28      满意度低于目标",
        "   合计                           100       93",
        "二、存在的问题", "签约服务内容不够丰富。", ""])
    record = text_record(tmp_path, text)
    assert _errors(record) == []


def test_a_totals_name_spread_over_its_cell_is_one_word():
    from extractor.normalize import normalize
    assert normalize("    合    计（100分）      得分86分") == "    合计（100分）      得分86分"
    assert normalize("合  计 1286.16 1251.73") == "合计 1286.16 1251.73"
    assert normalize("总 分 100 95") == "总分 100 95"
    assert normalize("符合 计划要求") == "符合 计划要求"  # 合 ending a word is no total


# --- a workbook saved as tab-separated text ---------------------------------------------------

WORKBOOK = ("某县2023年度农村公路养护资金使用情况\t\t\t\t\n"
            "Sheet1\t\t\t\t\n表1 项目预算执行表\t\t\t\t\n金额单位：万元\t\t\t\t\n"
            "项目名称\t预算数\t实际支出\t结余\t执行率\n"
            "日常养护\t865.00\t843.20\t21.80\t97.48%\n危桥改造\t275.00\t274.83\t0.17\t99.94%\n"
            "合计\t1,140.00\t1,118.03\t21.97\t98.07%\n"
            "\t\t\t\t\n"
            "Sheet2\t\t\t\t\n表2 分镇安排表\t\t\t\t\n金额单位：元\t\t\t\t\n"
            "镇\t养护里程（公里）\t分配资金\t\t\n太和镇\t186.4\t1,486,000.00\t\t\n太平镇\t165.3\t1,322,500.00\t\t\n"
            "合计\t351.7\t2,808,500.00\t\t\n"
            "\t\t\t\t\n"
            "Sheet3\t\t\t\t\n表3 绩效评分表\t\t\t\t\n"
            "一级指标\t二级指标\t分值\t得分\n决策\t立项规范性\t20\t19\n过程\t资金管理\t30\t28\n"
            "产出\t完成率\t30\t29\n效益\t满意度\t20\t18.5\n合计\t\t100\t94.5\n"
            "自评等级\t优\t\t\t\t\n")


def test_a_workbooks_sheets_saved_as_text_are_tables_each_in_its_own_unit(tmp_path):
    # the sheets a row of tabs apart, each under its name, caption and unit on rows of their own
    amounts = _figures(text_record(tmp_path, WORKBOOK))
    assert amounts[("amount", Decimal("8650000"), "元")] == 1     # 865.00 under 金额单位：万元
    assert amounts[("amount", Decimal("11180300"), "元")] == 1
    assert amounts[("amount", Decimal("1486000"), "元")] == 1     # 1,486,000.00 under 金额单位：元
    # (the grade's row padded one cell wider than the score sheet moves no 合计 figure)
    assert _errors(text_record(tmp_path, WORKBOOK)) == []
    assert text_record(tmp_path, WORKBOOK)["metadata"]["score"] == Decimal("94.5")


def test_a_workbooks_sheets_saved_as_csv_are_tables_each_in_its_own_unit(tmp_path):
    import csv
    import io
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(line.split("\t") for line in WORKBOOK.rstrip("\n").split("\n"))
    record = text_record(tmp_path, out.getvalue(), "workbook.txt")
    amounts = _figures(record)
    assert amounts[("amount", Decimal("8650000"), "元")] == 1
    assert amounts[("amount", Decimal("1486000"), "元")] == 1
    assert _errors(record) == [] and record["metadata"]["score"] == Decimal("94.5")


def test_a_subject_code_column_is_no_money():
    from extractor.extract.table_facts import _ORDINAL_COLUMN
    assert _ORDINAL_COLUMN.search("科目编码") and _ORDINAL_COLUMN.search("功能分类科目编码")


def test_a_result_written_as_a_share_of_one_meets_its_percent_target(tmp_path):
    # a sheet's rate cell holds 0.985 for 98.5% under a target of ≥98%: met, full marks are due
    rows = ["项目支出绩效自评表", "项目名称\t城乡居民最低生活保障", "主管部门\t某县民政局\t实施单位\t某县民政局",
            "项目资金（万元）\t\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分",
            "\t年度资金总额\t1200\t1250\t1230\t10\t98.4%\t9.84",
            "一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分",
            "产出指标\t时效指标\t救助资金按月发放及时率\t≥98%\t0.985\t40\t40",
            "效益指标\t社会效益指标\t应保尽保率\t≥95%\t0.962\t30\t30",
            "满意度指标\t服务对象满意度指标\t救助对象满意度\t≥90%\t0.93\t20\t20",
            "总分\t\t\t\t\t100\t99.84"]
    record = text_record(tmp_path, "\n".join(rows) + "\n")
    assert [f for f in record["flags"] if f["rule"] == "form.target_missed"] == []
    missed = text_record(tmp_path, "\n".join(rows).replace("0.985", "0.965") + "\n")
    assert [f["rule"] for f in missed["flags"] if f["rule"] == "form.target_missed"] == ["form.target_missed"]


# --- a web page's table as lynx lays it out ------------------------------------------------------

LYNX_TABLE = ("   资金使用情况表\n\n"
              "   项目         预算数（万    实际支出（万   执行率     备注\n"
              "                元）          元）\n"
              "   城市低保     1500.00       {city}        {rate}     按月社会化发\n"
              "                                                        放\n"
              "   农村低保     9886.50       9861.20        99.74%\n"
              "   合计         11386.50      11186.56       98.24%\n\n"
              "   二、绩效评价工作情况\n")


def test_a_spaced_table_whose_header_names_wrapped_is_a_table_in_their_unit(tmp_path):
    record = text_record(tmp_path, LYNX_TABLE.format(city="1325.36", rate="88.36%"))
    amounts = _figures(record)
    assert amounts[("amount", Decimal("98612000"), "元")] == 1   # 9861.20 under 实际支出（万 | 元）
    assert _errors(record) == []
    # its 合计 still adds up its rows, the 备注 left empty at two rows' end notwithstanding
    slipped = text_record(tmp_path, LYNX_TABLE.format(city="1425.36", rate="95.02%"))
    assert [f["rule"] for f in slipped["flags"] if f["severity"] == "error"] == ["sum.table"]


def test_rows_text_recognition_ran_together_or_spaced_apart_are_rows_again(tmp_path):
    text = ("三、资金情况\n分学段资金情况如下（金额单位：万元）：\n学段 受益人数 下达资金 支出资金\n"
            "小学 20 364 2036.40 2004.12\n初中 8052 805.20 792.21\n合计 28416 2841.60 2796.33\n"
            "四、评价结论\n经综合评价，该项目得分91分。具体得分如下：\n一级指标 权重 得分\n决策 20 18\n过程 20 17.5\n"
            "产出 30 28 效益 30 27.5\n合计 100 91\n五、主要问题\n")
    figures = _figures(text_record(tmp_path, text))
    assert figures[("amount", Decimal("20364000"), "元")] == 1  # 2036.40万元, the row's figures in their columns
    assert figures[("score", Decimal("27.5"), "分")] == 1 and figures[("score", Decimal("28"), "分")] == 1
    assert _errors(text_record(tmp_path, text)) == []


def test_a_figure_read_with_a_letter_before_its_unit_is_a_figure():
    from extractor.normalize import normalize
    assert normalize("预算执行率98.4l%。") == "预算执行率98.41%。"
    assert normalize("已兑付5 528.9l万元") == "已兑付5528.91万元"


@pytest.mark.parametrize("text, joined", [
    ("年度 指标值 实际 完成值 分值 得分", "年度指标值 实际完成值 分值 得分"),
    ("三级指标年度 指标值实际 完成值分 值得 分偏差原因分析及改进措施",
     "三级指标年度指标值实际完成值分值得分偏差原因分析及改进措施"),
    ("符合 计划要求", "符合 计划要求"),  # 合计 across the space, inside two other words
    ("预期目标 年度 总体 目标", "预期目标 年度总体目标"),
    # pieces longer than a narrow cell's wrap are cells of their own; words of no header stay
    ("偏差原因分析 及改进措施", "偏差原因分析 及改进措施"),
    ("产出 指标 完成 情况良好", "产出 指标 完成 情况良好"),
    # two columns' cells a space apart, though their words together are a column's too
    ("全年执行数 分值 执行率 得分 年度资金总额", "全年执行数 分值 执行率 得分 年度资金总额"),
    # 指标分值 is a word, but here its 指标 ends the level's word: two cells
    ("一级指标 分值 二级指标 分值 三级指标", "一级指标 分值 二级指标 分值 三级指标"),
    # the header's last word run into the first row's name
    ("三级指标分 值评分标准得 分决策", "三级指标分值评分标准得分决策"),
])
def test_a_header_word_wrapped_in_its_cell_is_one_word(text, joined):
    assert normalize.header_words_joined(text) == joined


# --- a form from a PDF's text layer read without its layout --------------------------------

WRAPPED_HEADER_FORM = """项目支出绩效自评表
（2021年度）
项目名称 乡村学校少年宫运转
主管部门 某县教育体育局
年度 实际 偏差原因分析
一级指标 二级指标 三级指标 分值 得分
指标值 完成值 及改进措施
产出指标 数量指标 开展活动场次 ≥120场 126场 20 20
质量指标 学生参与率 ≥85% 81.2% 20 16 部分学校场地不足
时效指标 活动按期开展率 100% 100% 10 10
效益指标 社会效益指标 受益学生人数 ≥3000人 3240人 30 30
满意度指标 服务对象满意度指标 学生家长满意度 ≥90% 94% 20 20
总分 100 96
"""


def test_a_header_whose_value_words_wrapped_onto_the_lines_around_it_reads_in_the_templates_order(tmp_path):
    """年度 / 指标值 and 实际 / 完成值 wrapped in their cells, the pieces on the lines above and
    below the level names (分值 | 得分 right after 三级指标): target, result, 分值, 得分."""
    record = text_record(tmp_path, WRAPPED_HEADER_FORM)
    facts = {f["id"]: f for f in record["facts"]}
    rows = {i["path"][-1]: (i["target"] and i["target"]["text"], i["actual"] and i["actual"]["text"],
                            facts[i["weight"]]["value"] if i["weight"] else None,
                            facts[i["score"]]["value"] if i["score"] else None)
            for form in record["forms"] for i in form["indicators"]}
    assert rows["学生参与率"] == ("≥85%", "81.2%", 20, 16)
    assert rows["受益学生人数"] == ("≥3000人", "3240人", 30, 30)
    assert not _errors(record)


# --- a web table copied as tab-separated rows that dropped its empty cells ----------------------

_TASKS_TABBED = ("各项任务资金安排情况如下表（单位：万元）：\n"
                 "序号\t任务\t预算额度\t调整额度\t实际安排额度\t备注\n"
                 "1\t农机购置补贴\t120.00\t120.00\t\n"
                 "2\t高标准农田建设\t860.50\t42.30\t902.80\t注1\n"
                 "3\t耕地地力保护\t415.00\t415.00\t\n"
                 "4\t种业振兴\t96.00\t-12.00\t84.00\t注2\n"
                 "合计\t1,491.50\t30.30\t1,521.80\n")


def test_tab_rows_that_dropped_their_empty_cells_raise_no_column_sum_error(tmp_path):
    # rows with no 调整额度 wrote their two figures side by side: the columns are no columns
    record = text_record(tmp_path, "某县农业农村局2023年度项目支出绩效评价报告\n" + _TASKS_TABBED)
    assert not error_flags(record, "sum.table")
    assert {"902.80", "1,521.80"} <= {f["text"] for f in record["facts"] if f["kind"] == "amount"}


_BASE_DATA_FLATTENED = ("当前位置：首页 > 财务公开  附件1  2023年度部门整体支出绩效评价基础数据表  财政供养人员情况（人）  "
                        "编制数  实际在职人数  控制率  36  36   100%   经费控制情况（万元）  2022年决算数  2023年预算数  "
                        "2023年决算数  支出总额  842.60  915.30  908.75  基本支出  431.20  466.80  466.80  其中：公用经费  "
                        "57.40  61.25  61.25  项目支出  411.40  448.50  441.95  厉行节约保障措施  严格执行公务接待管理规定。\n")


def test_a_base_data_table_flattened_to_one_line_reads_its_rows(tmp_path):
    # the form's title does not make the page's table a form's fund block: its rows are cut apart
    # (the figures of the staff row before its header are no second table's names)
    record = text_record(tmp_path, _BASE_DATA_FLATTENED)
    amounts = {f["text"] for f in record["facts"] if f["kind"] == "amount"}
    assert {"915.30", "908.75", "466.80", "61.25", "448.50", "441.95"} <= amounts
    assert not error_flags(record)
