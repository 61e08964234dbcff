"""Form variants seen in published archives, written here with invented figures: a transfer
form whose amounts carry their own 万 and whose indicator header runs over two lines with no
score columns; a department form whose fund rows carry two prefixes (按收入性质分：其中：) and
dashes for "not applicable". Each is rendered to every text shape and to real tables, and
every shape must give the same facts and raise no error."""
from __future__ import annotations

import csv
import io
from collections import Counter
from decimal import Decimal

import pytest
import regex

from extractor.extract.form_split_cells import split_run_together
from extractor.extract.form_tokens import Token
from extractor.ingest.cell_rows import is_cell_row
from extractor.pipeline import extract_file

from conftest import text_record
from test_forms import _docx, _with, _xlsx

TRANSFER_WAN = [
    ["防疫补助资金转移支付绩效目标自评表"],
    ["（2023年度）"],
    ["转移支付名称", "防疫补助资金"],
    ["地方主管部门", "会泽县卫生健康局", "资金使用单位", "会泽县卫生健康局"],
    ["资金投入情况（万元）", "全年预算数（A）", "全年执行数（B）", "预算执行率（B/A×100%）"],
    ["年度资金总额：", "1250.50万", "1200.48万", "96%"],
    ["其中：中央财政资金", "800万", "800万", "100%"],
    ["地方资金", "450.5万", "400.48万", "88.9%"],
    ["其他资金", "", "", ""],
    ["绩效指标", "一级 指标"],
    ["二级指标", "三级指标", "指标值", "全年实际完成值", "未完成原因和改进措施"],
    ["产 出 指 标"],
    ["数量指标", "疫苗接种人数", "≥8000人", "8120", ""],
    ["数量指标", "随访管理人数", "≥600人", "588", "部分对象迁出"],
    ["质量指标", "接种记录完整率", "100%", "100%", ""],
    ["满意度指标", "服务对象满意度", "接种对象满意度", "≥90%", "93%", ""],
]

DEPARTMENT_DASHES = [
    ["部门整体支出绩效自评表"],
    ["部门（单位）名称", "会泽县民政局"],
    ["年度预算申请（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
    ["", "年度资金总额", "2860.4", "3120.75", "3050.2", "10", "97.74%", "9.77"],
    ["", "按收入性质分：其中：财政拨款", "2860.4", "3020.75", "2950.2", "—", "97.66%", "—"],
    ["", "上年结转资金", "0", "100", "100", "—", "100%", "—"],
    ["", "其他资金", "—", "—", "—", "—", "—", "—"],
    ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
    ["", "产出指标", "数量指标", "救助对象人数", "≥12000人", "12350人", "30", "30", ""],
    ["", "产出指标", "质量指标", "资金发放准确率", "100%", "100%", "30", "30", ""],
    ["", "效益指标", "社会效益指标", "兜底保障覆盖率", "≥95%", "96%", "20", "20", ""],
    ["", "满意度指标", "服务对象满意度指标", "救助对象满意度", "≥85%", "82%", "10", "7", "个别对象不满意"],
    ["总分", "", "", "", "", "", "100", "96.77", ""],
]


def _render(rows: list, shape: str) -> str:
    filled = [[c for c in r if c] for r in rows]
    if shape == "pipe":  # a web page's table as Markdown-ish rows, empty cells kept
        return "\n".join("| " + " | ".join(r) + " |" for r in rows) + "\n"
    if shape == "single_spaced":  # a spreadsheet saved as text: one space between cells
        return "\n".join(" ".join(r) for r in filled) + "\n"
    if shape == "one_line":
        return " ".join(c for r in filled for c in r) + "\n"
    if shape == "cells":
        return "\n".join(c for r in filled for c in r) + "\n"
    if shape == "tabs":  # every cell kept, empty ones too
        return "\n".join("\t".join(r) for r in rows) + "\n"
    if shape == "pipe_dropped":  # pipe rows whose empty cells (merged ones) a web page dropped
        return "\n".join("| " + " | ".join(r) + " |" for r in filled) + "\n"
    if shape == "wide":  # cells padded with runs of spaces, the empty ones dropped
        return "\n".join("    ".join(r) for r in filled) + "\n"
    if shape in ("csv", "csv_lines"):  # a sheet saved as CSV: every row as wide as the widest
        out = io.StringIO()
        width = max(len(r) for r in rows)
        csv.writer(out, lineterminator="\n").writerows(r + [""] * (width - len(r)) for r in rows)
        if shape == "csv":
            return out.getvalue()
        # (pasted into a text report between its paragraphs)
        return "经自评，本年度项目资金使用规范，自评表如下：\n" + out.getvalue() + "填报说明：金额单位为万元。\n"
    raise ValueError(shape)


def _record(tmp_path, rows, shape):
    if shape == "docx":
        return extract_file(_docx(tmp_path, rows))
    if shape == "xlsx":
        return extract_file(_xlsx(tmp_path, rows))
    if shape == "csv":
        return text_record(tmp_path, _render(rows, shape), "form.csv")
    return text_record(tmp_path, _render(rows, shape), f"form_{shape}.txt")


def _facts(record) -> Counter:
    return Counter((f["kind"], Decimal(str(f["value"])), f["unit"]) for f in record["facts"]
                   if f["kind"] in ("amount", "percent", "score", "headcount"))


def _errors(record) -> list:
    return [f["message"] for f in record["flags"] if f["severity"] == "error"]


TEXT_SHAPES = ["pipe", "single_spaced", "one_line", "cells"]


@pytest.mark.parametrize("shape", TEXT_SHAPES + ["xlsx", "csv", "csv_lines"])
def test_amounts_that_carry_their_own_wan(tmp_path, shape):
    record = _record(tmp_path, TRANSFER_WAN, shape)
    form = record["forms"][0]
    assert form["template"] == "transfer"
    amounts = sorted(v for k, v, u in _facts(record).elements() if k == "amount")
    assert amounts == sorted(Decimal(x) for x in ("12505000", "12004800", "8000000", "8000000", "4505000", "4004800"))
    assert _errors(record) == []


@pytest.mark.parametrize("shape", TEXT_SHAPES)
def test_a_header_without_score_columns_reads_no_scores(tmp_path, shape):
    record = _record(tmp_path, TRANSFER_WAN, shape)
    form = record["forms"][0]
    # the bare results (8120, 588) are results, never 分值 or 得分
    assert not [f for f in record["facts"] if f["kind"] == "score"]
    row = next(r for r in form["indicators"] if r["path"][-1] == "随访管理人数")
    assert row["path"][0] == "产出指标"  # a level cell spaced to fill its width
    assert (row["actual"]["value"], row["actual"]["unit"]) == (Decimal(588), "人")  # the target's unit
    assert row["weight"] is None and row["score"] is None


@pytest.mark.parametrize("shape", TEXT_SHAPES + ["docx", "xlsx", "csv", "csv_lines"])
def test_every_shape_gives_the_same_facts(tmp_path, shape):
    expected = _facts(_record(tmp_path, DEPARTMENT_DASHES, "pipe"))
    record = _record(tmp_path, DEPARTMENT_DASHES, shape)
    assert _facts(record) == expected
    form = record["forms"][0]
    current = next(r for r in form["funds"] if r["slot"] == "current")  # two prefixes before its label
    assert len(current["cells"]) >= 3
    assert not [f for f in record["facts"] if f["text"].strip() == "—"]  # a dash is never 0
    assert _errors(record) == []


def test_pipe_department_form_reads_every_slot(tmp_path):
    record = _record(tmp_path, DEPARTMENT_DASHES, "pipe")
    facts = _facts(record)
    assert facts[("amount", Decimal("29502000"), "元")] == 1  # 财政拨款, 全年执行数
    assert facts[("score", Decimal("96.77"), "分")] == 1
    assert record["metadata"]["score"] == Decimal("96.77")
    assert record["metadata"]["county"] == "会泽县"


@pytest.mark.parametrize("shape", ["pipe", "single_spaced", "cells"])
def test_a_fund_row_under_an_unknown_label_leaves_the_sum_unchecked(tmp_path, shape):
    # the year's money under a label no template uses: 100 + 0 is no reading of 3120.75
    rows = _with(DEPARTMENT_DASHES, 4, 1, "本级安排资金")
    assert "form.funds_total" not in [f["rule"] for f in _record(tmp_path, rows, shape)["flags"]]


@pytest.mark.parametrize("shape", ["pipe", "single_spaced", "one_line"])
def test_a_wrong_fund_total_is_still_flagged(tmp_path, shape):
    rows = _with(DEPARTMENT_DASHES, 3, 4, "3060.2")  # 2950.2 + 100 = 3050.2
    rules = [f["rule"] for f in _record(tmp_path, rows, shape)["flags"] if f["severity"] == "error"]
    assert "form.funds_total" in rules


def test_rows_of_cells_are_not_joined_as_broken_sentences():
    assert is_cell_row("年度资金总额 100 120 110 10 91.67% 9.17")
    assert is_cell_row("上年结转资金 0 100 100 — 100% —")
    assert is_cell_row("绩效指标 一级指标 二级指标 三级指标 年度指标值")
    assert is_cell_row("数量指标 接种人数 ≥800人 812")
    assert is_cell_row("预算数 6.84 到位数 6.84 执行数 6.84 100.00")  # a form's labels and figures in turn
    assert is_cell_row("其中：财政资金 6.84 其中：财政资金 6.84")
    # prose with spaces around its figures (a PDF's text layer) is no row
    assert not is_cell_row("2023 年部门年初预算 1022.89 万元,年中调整预算为 1781.86 万")
    assert not is_cell_row("共 21 个项目评为一等,涉及资金 656.93 万元,占项目总数比")
    assert not is_cell_row("对符合条件的困难群众给予医疗救助 救助困难群众2150人次")


@pytest.mark.parametrize("text,cells", [
    ("—上年结转资金", ["—", "上年结转资金"]),
    ("96%其中：中央财政资金", ["96%", "其中：中央财政资金"]),
    ("8120数量指标", ["8120", "数量指标"]),
    ("3.2万人次", ["3.2万人次"]),            # a figure and its unit stay one cell
    ("2021年12月完成", ["2021年12月完成"]),  # a date is no figure before a label
])
def test_a_figure_run_into_the_next_label_is_cut(text, cells):
    token = Token(text, None, 0, len(text), 0, 0, False)
    assert [t.text for t in split_run_together(token)] == cells


# A text layer that wrote the form column by column (as PDF exports of spreadsheets often
# do): row labels first, their figures later in runs with no label; the indicators' values in
# runs of (target, result, 分值, 得分) with the names after them.
COLUMN_BY_COLUMN = (
    "项目支出绩效自评表 （2022年度） 项目名称 乡村学校营养餐补助 主管部门 会泽县教育体育局 "
    "项目资金 年初预算数 （万元） 年度资金总额 其中：当年财政拨款 实施单位 全年预算数 全年执行数 分值 执行率 得分 "
    "120.5 118.2 10 98% 9.8 120.5 118.2 — 98% — 上年结转资金 — — 其他资金 — — "
    "一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 "
    "≥3000人 3120人 30 30 =100% 100% 20 20 ≥95% 97% 30 30 ≥90% 92% 10 10 "
    "产出指标 数量指标 受益学生人数 质量指标 食品安全抽检合格率 效益指标 社会效益指标 学生营养改善率 "
    "满意度指标 家长满意度 总分 100 99.8\n"
)


def test_a_form_written_column_by_column(tmp_path):
    record = text_record(tmp_path, COLUMN_BY_COLUMN)
    form = record["forms"][0]
    facts = _facts(record)
    total = next(r for r in form["funds"] if r["slot"] == "total")  # the first run: the first label's
    assert len(total["cells"]) == 5
    current = next(r for r in form["funds"] if r["slot"] == "current")
    assert set(current["na"]) == {"分值", "得分"}
    assert facts[("amount", Decimal("1182000"), "元")] == 2
    for weight in ("30", "20", "10"):  # 分值 and 得分 of rows whose names come later
        assert facts[("score", Decimal(weight), "分")] >= 2
    assert form["unread_rows"] > 0  # rows not placed: no sum over the indicators is checked
    assert _errors(record) == []


def _line(text):
    from types import SimpleNamespace

    from extractor.ingest.page_text import group_lines

    return group_lines([SimpleNamespace(text=text, x0=0, x1=400, top=10, bottom=20)])[0].text


def test_a_pdf_line_of_cells_keeps_its_cell_breaks():
    # a spreadsheet printed to PDF: the spaces between cells are text, the one the layout puts
    # between a figure and its unit is not
    assert _line("指标值 完成值 指标1:居民健康档案 38508 人 指标2:发放资料 116 次 6 次") == \
        "指标值 完成值 指标1:居民健康档案 38508人 指标2:发放资料 116次 6次"
    assert _line("全年预算数 全年执行数 分值 执行率 得分 0 207.45 10 100% 10") == \
        "全年预算数 全年执行数 分值 执行率 得分 0 207.45 10 100% 10"
    # prose keeps none of the layout's spaces
    assert _line("全年执行数 1767.21 万元,预算调整率较大") == "全年执行数1767.21万元,预算调整率较大"


def test_label_and_figure_lines_are_not_joined_as_one_sentence():
    from extractor.ingest.text_blocks import continues_sentence

    assert not continues_sentence("转移支付资金合计（万元）年度预算资金总额：1084.25", "其中：中央补助668.00")
    assert not continues_sentence("其中：中央补助资金的本年度安排数额为 668.00", "市级资金343.00")
    # a sentence broken after its figure goes on with the figure's unit, or the figure's digits
    assert continues_sentence("年中调整预算后比年初预算增加了 758.97", "万元，全年执行数1767.21万元。")
    assert continues_sentence("全县城乡居民基本医疗保险参保人数达到12", "3456人，参保率95%。")
    assert continues_sentence("全县今年新建标准化村卫生室业务用房面积共计1200", "平方米，覆盖全部行政村。")


# a department-wide form with its task block (年度主要任务): money columns named in a header row
# in the middle of the form, with their unit
DEPARTMENT_TASKS = [
    ["部门整体支出绩效自评表"],
    ["部门名称", "会泽县医疗保障局"],
    ["年度预算申请（万元）", "", "年初预算数", "全年预算数", "全年执行数", "执行率"],
    ["", "年度资金总额", "1520.6", "1688.2", "1650.3", "97.75%"],
    ["", "其中：基本支出", "420.6", "438.2", "436.1", "99.52%"],
    ["", "项目支出", "1100", "1250", "1214.2", "97.14%"],
    ["年度主要任务", "任务名称", "主要内容", "预算数（万元）", "执行数（万元）"],
    ["", "城乡居民医疗救助", "资助困难群众参加基本医疗保险", "800", "786.5"],
    ["", "医保基金监管", "开展定点医药机构专项检查", "50", "48.2"],
    ["年度总体目标", "实际完成情况"],
    ["全面完成年度工作任务", "已完成"],
    ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
    ["", "产出指标", "数量指标", "资助参保困难群众人数", "≥5000人", "5230人", "50", "50"],
    ["", "效益指标", "社会效益指标", "困难群众住院费用报销比例", "≥70%", "72.5%", "30", "30"],
    ["", "满意度指标", "服务对象满意度指标", "参保群众满意度", "≥90%", "93%", "20", "20"],
    ["总分", "", "", "", "", "", "100", "100"],
]


@pytest.mark.parametrize("shape", TEXT_SHAPES + ["docx", "xlsx", "csv", "csv_lines"])
def test_the_task_block_takes_its_header_unit(tmp_path, shape):
    record = _record(tmp_path, DEPARTMENT_TASKS, shape)
    tasks = sorted(f["value"] for f in record["facts"] if f.get("slot") == "task")
    assert tasks == sorted(Decimal(x) for x in ("8000000", "7865000", "500000", "482000")), shape
    assert not [f for f in record["flags"] if f["severity"] in ("error", "warning")]  # 效益指标 is no place


@pytest.mark.parametrize("shape", TEXT_SHAPES + ["docx", "xlsx", "csv", "csv_lines"])
def test_a_task_rows_number_is_no_money(tmp_path, shape):
    # 1 | 城乡居民医疗救助 | … under 年度主要任务: the row's number, not 1万元
    numbered = [row[:] for row in DEPARTMENT_TASKS]
    numbered[7][0], numbered[8][0] = "1", "2"
    record = _record(tmp_path, numbered, shape)
    tasks = sorted(f["value"] for f in record["facts"] if f.get("slot") == "task")
    assert tasks == sorted(Decimal(x) for x in ("8000000", "7865000", "500000", "482000")), shape


def test_a_bare_stem_inside_a_longer_word_is_no_place_variant(tmp_path):
    # 沾益区 is 会泽县's sibling: the 效益 of 效益指标 is one character off its stem, and no place
    record = _record(tmp_path, DEPARTMENT_TASKS, "pipe")
    assert "name.variant" not in [f["rule"] for f in record["flags"]]


# 分值 and 得分 written with their 分, amounts with thousands separators, 95%以上 as a target
POINTS_FORM = [
    ["项目支出绩效自评表"],
    ["项目名称", "城乡居民基本养老保险补助"],
    ["主管部门", "会泽县人力资源和社会保障局", "实施单位", "会泽县社会保险中心"],
    ["项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
    ["", "年度资金总额", "1,250.50", "1,300.00", "1,287.00", "10分", "99.00%", "9.9分"],
    ["", "其中：当年财政拨款", "1,250.50", "1,300.00", "1,287.00", "—", "99.00%", "—"],
    ["", "上年结转资金", "0", "0", "0", "—", "—", "—"],
    ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
    ["", "产出指标", "数量指标", "待遇领取人数", "不少于26000人", "26380人", "20分", "20分", ""],
    ["", "", "时效指标", "发放及时率", "95%以上", "99%", "30分", "30分", ""],
    ["", "效益指标", "社会效益指标", "参保率", "≥95.00%", "93.50%", "20分", "18分", "部分外出务工人员未参保"],
    ["", "满意度指标", "服务对象满意度指标", "参保群众满意度", "≥90%", "92%", "20分", "20分", ""],
    ["总分", "", "", "", "", "", "100分", "97.9分", ""],
]


@pytest.mark.parametrize("shape", TEXT_SHAPES + ["docx", "xlsx", "csv", "csv_lines"])
def test_points_written_with_fen_fill_the_score_slots(tmp_path, shape):
    record = _record(tmp_path, POINTS_FORM, shape)
    form = record["forms"][0]
    row = next(r for r in form["indicators"] if r["path"][-1] == "参保率")
    facts = {f["id"]: f for f in record["facts"]}
    assert (facts[row["weight"]]["value"], facts[row["score"]]["value"]) == (Decimal(20), Decimal(18))
    assert len(form["indicators"]) == 4
    assert _errors(record) == []


@pytest.mark.parametrize("shape", ["pipe", "single_spaced", "cells"])
def test_points_written_with_fen_are_checked(tmp_path, shape):
    rows = _with(POINTS_FORM, 10, 7, "20分")  # 93.50% misses ≥95.00% and still gets full marks; 总分 no longer adds up
    rules = [f["rule"] for f in _record(tmp_path, rows, shape)["flags"] if f["severity"] in ("error", "warning")]
    assert "form.target_missed" in rules and "form.score_total" in rules


def _with_completion(rows: list) -> list:
    """The form with a 完成率 column after the result (some provinces' forms have one)."""
    out, indicators = [], False
    for r in rows:
        r = r[:]
        if "年度指标值" in r:
            r.insert(r.index("实际完成值") + 1, "完成率")
            indicators = True
        elif indicators and r[0] == "":  # an indicator row
            r.insert(6, "100%")
        out.append(r)
    return out


@pytest.mark.parametrize("shape", TEXT_SHAPES + ["docx"])
def test_a_completion_rate_column_is_read_as_its_own_slot(tmp_path, shape):
    record = _record(tmp_path, _with_completion(POINTS_FORM), shape)
    form = record["forms"][0]
    assert len(form["indicators"]) == 4
    row = next(r for r in form["indicators"] if r["path"][-1] == "参保率")
    facts = {f["id"]: f for f in record["facts"]}
    assert (facts[row["weight"]]["value"], facts[row["score"]]["value"]) == (Decimal(20), Decimal(18))
    assert [f["value"] for f in record["facts"] if f.get("slot") == "completion"]
    assert _errors(record) == []


def test_a_row_missing_a_cell_in_the_middle_is_not_summed(tmp_path):
    # tab-separated, every row as wide as the header but one row's 完成率 left out (its cells
    # moved one column left): the row is not read, and no sum over the rows is checked
    rows = _with_completion(POINTS_FORM)
    row = next(r for r in rows if "待遇领取人数" in r)
    row.pop(6)
    rows = [r + [""] if r is row else r for r in rows]  # padded at the end, as a grid pads it
    record = _record(tmp_path, rows, "tabs")
    assert record["forms"][0]["unread_rows"] >= 1
    assert _errors(record) == []


def test_a_form_in_padded_rows_raises_no_score_tree_error(tmp_path):
    # rows padded with runs of spaces: a table reader takes part of the indicator block as a
    # score table; the form's own rules check it, not score.tree over that part
    assert _errors(_record(tmp_path, DEPARTMENT_DASHES, "wide")) == []


def test_the_total_of_a_form_written_column_by_column(tmp_path):
    # the total row's 100 and 总分 right after the rows' runs, its label written after the names
    text = COLUMN_BY_COLUMN.replace("≥90% 92% 10 10 ", "≥90% 92% 10 10 100 99.8 ").replace("总分 100 99.8", "总分")
    record = text_record(tmp_path, text)
    assert record["metadata"]["score"] == Decimal("99.8")
    assert _errors(record) == []
    # a bare target and result after the runs (100 94 10 9) are a row's, not the total
    row_after = text.replace("100 99.8 产出指标", "100 94 10 9 产出指标")
    assert text_record(tmp_path, row_after)["metadata"]["score"] is None


# a province's template: the budget block is one row with no label under its header, the
# target is written over 指标性质 | 指标值 | 度量单位, and 权重 stands before 实际完成值
SPLIT_TARGET_FORM = [
    ["部门预算项目支出绩效自评表（2023年度）"],
    ["项目名称", "困难残疾人生活补贴"],
    ["主管部门", "会泽县残疾人联合会", "实施单位", "会泽县残疾人联合会"],
    ["预算执行情况（10分）", "年度预算数（万元）", "年初预算", "调整后预算数", "预算执行数", "预算执行率", "权重", "得分", "原因"],
    ["", "", "320", "350", "343", "98%", "10", "9.8", ""],
    ["年度绩效指标完成情况（90分）", "一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "权重", "实际完成值", "得分"],
    ["", "产出指标", "数量指标", "补贴发放人数", "≥", "2600", "人", "20", "2650", "20"],
    ["", "", "质量指标", "补贴发放准确率", "=", "100", "%", "20", "100", "20"],
    ["", "", "成本指标", "人均补贴标准", "=", "90", "元/人·月", "10", "90", "10"],
    ["", "效益指标", "社会效益指标", "困难残疾人生活改善", "定性", "优良中低差", "", "20", "优", "20"],
    ["", "满意度指标", "服务对象满意度指标", "残疾人满意度", "≥", "90", "%", "20", "95", "20"],
    ["合计", "", "", "", "", "", "", "100", "", "99.8"],
]


@pytest.mark.parametrize("shape", TEXT_SHAPES + ["docx", "xlsx", "csv", "csv_lines"])
def test_split_targets_and_a_budget_row_without_its_label(tmp_path, shape):
    record = _record(tmp_path, SPLIT_TARGET_FORM, shape)
    form = record["forms"][0]
    total = next(r for r in form["funds"] if r["slot"] == "total")
    facts = {f["id"]: f for f in record["facts"]}
    assert facts[total["cells"]["全年执行数"]]["value"] == Decimal("3430000")
    assert facts[total["cells"]["得分"]]["value"] == Decimal("9.8")
    rows = {r["path"][-1]: r for r in form["indicators"]}
    assert len(rows) == 5
    assert (rows["补贴发放人数"]["target"]["comparator"], rows["补贴发放人数"]["target"]["unit"]) == (">=", "人")
    assert facts[rows["困难残疾人生活改善"]["weight"]]["value"] == 20
    # money per person, whatever period its unit adds, is a money rate
    assert facts[rows["人均补贴标准"]["target"]["fact"]]["kind"] == "money_rate"
    assert record["metadata"]["score"] == Decimal("99.8")
    assert _errors(record) == []


@pytest.mark.parametrize("shape", ["pipe", "single_spaced", "docx"])
def test_split_target_form_totals_are_checked(tmp_path, shape):
    rows = _with(SPLIT_TARGET_FORM, -1, -1, "98.8")  # 20+20+10+20+20 + 9.8 = 99.8
    assert "form.score_total" in [f["rule"] for f in _record(tmp_path, rows, shape)["flags"] if f["severity"] == "error"]


@pytest.mark.parametrize("shape", ["pipe", "single_spaced", "one_line"])
def test_a_money_unit_stated_after_the_figures_applies_to_them(tmp_path, shape):
    # the block's unit written after its rows (a text layer that moved it): 1,287.00 is in 元
    rows = _with(POINTS_FORM, 3, 0, "项目资金")
    rows.insert(7, ["金额单位：元"])
    record = _record(tmp_path, rows, shape)
    amounts = sorted({f["value"] for f in record["facts"] if f["kind"] == "amount"})
    assert Decimal("1287") in amounts and Decimal("12870000") not in amounts
    assert _errors(record) == []
    # stating none, the block is read in the templates' 万元
    rows.pop(7)
    amounts = {f["value"] for f in _record(tmp_path, rows, shape)["facts"] if f["kind"] == "amount"}
    assert Decimal("12870000") in amounts


@pytest.mark.parametrize("shape", ["pipe", "single_spaced", "cells"])
def test_money_labels_with_figures_that_carry_their_unit(tmp_path, shape):
    rows = [r[:] for r in DEPARTMENT_DASHES]
    rows.insert(2, ["基本支出总额", "864.2万", "项目支出总额", "2256万"])
    amounts = [f["value"] for f in _record(tmp_path, rows, shape)["facts"] if f["kind"] == "amount"]
    assert Decimal("8642000") in amounts and Decimal("22560000") in amounts


# a province's evaluation form that numbers its rows (行次) and its columns (列次), with
# columns for funds pooled, funds received and their rates, each column's mark under its label
NUMBERED_FORM = [
    ["某县2024年度农业生产发展资金绩效评价表"],
    ["资金投入情况（万元）", "行次", "全年预算数（A）", "统筹整合资金数（B）", "扣除统筹整合资金后预算金额（C）",
     "全年到位资金（D）", "预算到位（D/C×100%）", "全年执行资金（E）", "预算执行（E/C×100%）"],
    ["列次", "0", "1", "2", "3", "4", "5", "6", "7"],
    ["年度资金总额（万元）", "1", "120.500000", "", "120.500000", "120.500000", "100.00%", "96.400000", "80.00%"],
    ["其中：中央财政资金（万元）", "2", "100.000000", "", "100.000000", "100.000000", "100.00%", "80.000000", "80.00%"],
    ["地方财政资金（万元）", "3", "20.500000", "", "20.500000", "20.500000", "100.00%", "16.400000", "80.00%"],
]


@pytest.mark.parametrize("shape", TEXT_SHAPES + ["docx", "xlsx", "csv", "csv_lines"])
def test_a_form_that_numbers_its_rows_and_columns(tmp_path, shape):
    record = _record(tmp_path, NUMBERED_FORM, shape)
    form = record["forms"][0]
    facts = {f["id"]: f for f in record["facts"]}
    total = next(r for r in form["funds"] if r["slot"] == "total")
    assert facts[total["cells"]["全年执行数"]]["value"] == Decimal("964000")
    assert facts[total["cells"]["全年到位数"]]["value"] == Decimal("1205000")
    amounts = [f["value"] for f in record["facts"] if f["kind"] == "amount"]
    assert all(v >= 100000 for v in amounts), amounts  # no row or column number made an amount
    assert _errors(record) == []


@pytest.mark.parametrize("shape", ["pipe", "single_spaced", "docx"])
def test_a_slip_in_a_numbered_form_is_flagged(tmp_path, shape):
    rows = _with(NUMBERED_FORM, 3, 7, "86.400000")  # 80 + 16.4 = 96.4, and 96.4 ÷ 120.5 = 80%
    rules = {f["rule"] for f in _record(tmp_path, rows, shape)["flags"] if f["severity"] == "error"}
    assert {"form.execution_rate", "form.funds_total"} <= rules


# a web page's form set with wide gaps between its cells, where a run of header labels or of
# figures is written one space apart; the weight column is called 分值权重
GAPPED_FORM = """项目支出绩效自评表
（2023年度）
项目名称    城乡居民生活状况调查经费
主管部门    某县统计局    实施单位    某县统计局
项目资金（万元）    资金来源    年初预算数 全年预算数 全年执行数 分值权重    执行率    得分
年度资金总额：    6.40 2.35 2.35    10    100.00%    10
其中：当年财政拨款    6.40 2.35 2.35    -    -    -
其他资金    0.00 0.00 0.00    -    -    -
绩效指标    一级指标    二级指标    三级指标    年度指标值    实际完成值    分值    得分    偏差原因分析及改进措施
产出指标    数量指标    调查户数    ≥150户    150户    40    40
质量指标    数据上报准确率    ≥98%    99%    30    30
满意度指标    服务对象满意度    被调查户满意度    ≥90%    95%    20    18    个别调查户不满意
总分    100 98
"""


def test_runs_of_labels_or_figures_one_space_apart_are_cells(tmp_path):
    record = text_record(tmp_path, GAPPED_FORM)
    form = record["forms"][0]
    total = next(r for r in form["funds"] if r["slot"] == "total")
    assert set(total["cells"]) == {"年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"}
    amounts = Counter(v for k, v, u in _facts(record).elements() if k == "amount")
    assert amounts == Counter({Decimal(64000): 2, Decimal(23500): 4, Decimal(0): 3})
    assert record["metadata"]["score"] == Decimal(98)
    assert _errors(record) == []


def test_a_slip_in_a_gapped_form_is_flagged(tmp_path):
    # the budget score and the indicators' scores add up to 98: a total of 96 is off by two
    record = text_record(tmp_path, GAPPED_FORM.replace("总分    100 98", "总分    100 96"))
    assert any("得分" in m for m in _errors(record))


# fund rows below the total with their scores dashed (written one cell a line, the empty cells
# vanish: 0 | 0 | 0 | — | —), and a cost indicator whose money is written 80万
SUBROWS_FORM = [
    ["项目支出绩效自评表"],
    ["项目名称", "乡镇便民服务中心运行维护"],
    ["项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
    ["", "年度资金总额", "80", "80", "76.5", "10", "95.63%", "9.56"],
    ["", "其中：当年财政拨款", "80", "80", "76.5", "—", "", "—"],
    ["", "上年结转资金", "0", "0", "0", "—", "", "—"],
    ["", "其他资金", "0", "0", "0", "—", "", "—"],
    ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
    ["", "产出指标", "数量指标", "服务群众人次", "≥5000人次", "5200人次", "30", "30", ""],
    ["", "产出指标", "成本指标", "运行维护费", "80万", "76.5万", "20", "20", ""],
    ["", "效益指标", "社会效益指标", "办事群众满意度", "≥90%", "95%", "40", "40", ""],
    ["总分", "", "", "", "", "", "100", "99.56", ""],
]


@pytest.mark.parametrize("shape", TEXT_SHAPES + ["docx", "xlsx", "csv", "csv_lines"])
def test_dashed_sub_rows_and_a_cost_in_wan(tmp_path, shape):
    record = _record(tmp_path, SUBROWS_FORM, shape)
    amounts = Counter(v for k, v, u in _facts(record).elements() if k == "amount")
    assert amounts == Counter({Decimal(800000): 5, Decimal(765000): 3, Decimal(0): 6})
    form = record["forms"][0]
    other = next(r for r in form["funds"] if r["slot"] == "other")
    assert set(other["cells"]) == {"年初预算数", "全年预算数", "全年执行数"}
    cost = next(r for r in form["indicators"] if r["path"][-1] == "运行维护费")
    assert (cost["target"]["value"], cost["target"]["unit"]) == (Decimal(80), "万元")
    assert _errors(record) == []


def test_a_transfer_form_laid_out_as_label_and_value(tmp_path):
    # a province's transfer form writes its money as label–value pairs, the next label run on
    # to the line before it
    text = ("转移支付（区域）绩效目标自评表\n资金执行情况（万元）\n"
            "转移支付预算数(A) 12.6万 预算执行率(B/A) 96.03%\n转移支付执行数(B) 12.1万\n")
    record = text_record(tmp_path, text)
    amounts = sorted(v for k, v, u in _facts(record).elements() if k == "amount")
    assert amounts == [Decimal(121000), Decimal(126000)]


# a department form that scores each indicator by a coefficient (得分系数) of its weight, and
# names its level-two satisfaction cell 服务对象满意度指标等
COEFFICIENT_FORM = [
    ["部门整体支出绩效自评表"],
    ["部门名称", "某区融媒体中心"],
    ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "得分系数（%）", "指标权重（分）", "指标得分（分）"],
    ["产出指标", "数量指标", "播发稿件数量", "≥2000篇", "2650篇", "100%", "40", "40"],
    ["产出指标", "质量指标", "政府采购执行率", "100%", "72.5%", "72.5%", "20", "14.5"],
    ["满意度指标", "服务对象满意度指标等", "受众满意度", "≥90%", "93%", "100%", "40", "40"],
    ["总分", "", "", "", "", "", "100", "94.5"],
]


@pytest.mark.parametrize("shape", ["pipe", "cells", "docx"])
def test_a_coefficient_column_and_indicator_score_columns(tmp_path, shape):
    record = _record(tmp_path, COEFFICIENT_FORM, shape)
    form = record["forms"][0]
    rows = {r["path"][-1]: r for r in form["indicators"]}
    assert set(rows) == {"播发稿件数量", "政府采购执行率", "受众满意度"}
    assert rows["受众满意度"]["path"][:2] == ["满意度指标", "服务对象满意度指标等"]
    scores = sorted(v for k, v, u in _facts(record).elements() if k == "score")
    assert scores == sorted(Decimal(x) for x in ("40", "40", "20", "14.5", "40", "40", "100", "94.5"))
    assert record["metadata"]["score"] == Decimal("94.5")
    assert _errors(record) == []


# the project evaluation framework that weights every level (一级指标 | 分值 | 二级指标 | 分值 |
# 三级指标 | 分值 | 得分); first- and second-level cells are merged over their rows
WEIGHTED_LEVELS = [
    ["项目绩效自评表"],
    ["项目名称", "农村饮水安全巩固提升"],
    ["一级指标", "分值", "二级指标", "分值", "三级指标", "分值", "得分"],
    ["项目决策", "20", "项目目标", "6", "目标明确性", "6", "6"],
    ["", "", "决策过程", "14", "决策依据", "6", "5"],
    ["", "", "", "", "决策程序", "8", "8"],
    ["项目管理", "30", "资金管理", "18", "资金到位率", "8", "8"],
    ["", "", "", "", "资金使用合规性", "10", "9"],
    ["", "", "组织实施", "12", "管理制度健全性", "12", "11"],
    ["项目绩效", "50", "项目产出", "30", "产出数量", "15", "15"],
    ["", "", "", "", "产出质量", "15", "14"],
    ["", "", "项目效益", "20", "受益群众满意度", "20", "18"],
    ["合计", "100", "", "", "", "100", "94"],
]


@pytest.mark.parametrize("shape", TEXT_SHAPES + ["wide", "docx", "xlsx"])
def test_a_score_table_that_weights_every_level(tmp_path, shape):
    record = _record(tmp_path, WEIGHTED_LEVELS, shape)
    form = record["forms"][0]
    rows = {r["path"][-1]: r["path"] for r in form["indicators"]}
    assert rows["决策程序"] == ["项目决策", "决策过程", "决策程序"]
    assert rows["资金使用合规性"] == ["项目管理", "资金管理", "资金使用合规性"]
    assert rows["受益群众满意度"] == ["项目绩效", "项目效益", "受益群众满意度"]
    scores = Counter(v for k, v, u in _facts(record).elements() if k == "score")
    assert sum(scores.values()) == 3 + 6 + 9 * 2 + 3  # 3 first-level, 6 second-level, 9 rows, the total row
    assert record["metadata"]["score"] == Decimal(94)
    assert _errors(record) == []


def test_a_slip_in_a_table_that_weights_every_level(tmp_path):
    rows = _with(WEIGHTED_LEVELS, -1, -1, "96")  # the rows' scores add up to 94
    record = _record(tmp_path, rows, "cells")
    assert any("得分" in m for m in _errors(record))


def test_a_budget_row_worth_all_hundred_points_is_not_scored_by_its_rate(tmp_path):
    # the form's own 100 points and score written into the budget row: no execution-score flag
    rows = [r[:] for r in SUBROWS_FORM]
    rows[3] = ["", "年度资金总额", "80", "80", "76.5", "100", "95.63%", "99"]
    record = _record(tmp_path, rows, "pipe")
    assert not [f for f in record["flags"] if f["rule"] == "form.execution_score"]
    rows[3] = ["", "年度资金总额", "80", "80", "76.5", "10", "95.63%", "8"]  # 10 × 95.63% is 9.56, not 8
    record = _record(tmp_path, rows, "pipe")
    assert [f for f in record["flags"] if f["rule"] == "form.execution_score"]


def test_pipe_rows_with_their_merged_cells_dropped_are_not_summed_by_column(tmp_path):
    # rows of different lengths: the second column holds first-, second- and third-level
    # weights in turn, and adding it up against the 合计 row's 100 would be a false error
    record = _record(tmp_path, WEIGHTED_LEVELS, "pipe_dropped")
    assert _errors(record) == []
    assert record["metadata"]["score"] == Decimal(94)


# a form as filled in: long goal cells, names with figures in them (0-6岁), a deadline as the
# target, points written with 分, a reason that states a rate, the grade after the total
RICH_FORM = [
    ["项目支出绩效自评表"],
    ["（2022年度）"],
    ["项目名称", "0-6岁儿童健康管理服务补助"],
    ["主管部门", "某县卫生健康局", "实施单位", "某县妇幼保健计划生育服务中心"],
    ["项目资金（万元）", "", "年初预算数", "全年预算数（A）", "全年执行数（B）", "分值", "执行率（B/A）", "得分"],
    ["", "年度资金总额：", "125.6", "130.2", "118.47", "10分", "90.99%", "9.1分"],
    ["", "其中：当年财政拨款", "125.6", "130.2", "118.47", "—", "90.99%", "—"],
    ["", "上年结转资金", "", "", "", "—", "", "—"],
    ["", "其他资金", "", "", "", "—", "", "—"],
    ["年度总体目标", "预期目标", "", "", "实际完成情况"],
    ["", "为全县0-6岁儿童提供健康管理服务，儿童健康管理率达到90%以上，新生儿访视率达到85%以上。", "", "", "全县0-6岁儿童健康管理率为93.6%，新生儿访视率为88.2%，完成年度目标。"],
    ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
    ["", "产出指标（50分）", "数量指标", "指标1：0-6岁儿童健康管理人数", "≥12000人", "12650人", "15", "15", ""],
    ["", "", "", "指标2：新生儿访视人数", "≥1500人", "1380人", "10", "9", "部分新生儿随父母外出务工，访视完成率为92%"],
    ["", "", "质量指标", "指标1：0-6岁儿童健康管理率", "≥90%", "93.6%", "15", "15", ""],
    ["", "", "时效指标", "指标1：补助资金及时拨付", "2022年12月底前", "按时完成", "5", "5", ""],
    ["", "", "成本指标", "指标1：人均服务经费", "≤100元/人", "93.65元/人", "5", "5", ""],
    ["", "效益指标（30分）", "社会效益指标", "指标1：儿童系统管理水平", "逐步提高", "有所提高", "15", "13", "基层人员专业能力不足，下一步加强培训"],
    ["", "", "可持续影响指标", "指标1：儿童健康服务长效机制", "长期", "长期", "15", "15", ""],
    ["", "满意度指标（10分）", "服务对象满意度指标", "指标1：儿童家长满意度", "≥85%", "91%", "10", "10", ""],
    ["总分", "", "", "", "", "", "100", "96.1", ""],
    ["自评等级", "优"],
]


@pytest.mark.parametrize("shape", TEXT_SHAPES + ["tabs", "wide", "pipe_dropped", "docx", "xlsx"])
def test_a_form_as_filled_in_reads_alike_in_every_shape(tmp_path, shape):
    record = _record(tmp_path, RICH_FORM, shape)
    facts = _facts(record)
    scores = Counter(v for k, v, u in facts.elements() if k == "score")
    # 分值 and 得分 of the budget row and of 8 rows, 3 level weights, the total's 100 and 96.1
    assert sum(scores.values()) == 2 + 16 + 3 + 2
    assert Counter(k for k, v, u in facts.elements()) == Counter(
        {"score": 23, "percent": 11, "amount": 6, "headcount": 4})
    form = record["forms"][0]
    deadline = next(r for r in form["indicators"] if r["path"][-1].endswith("补助资金及时拨付"))
    assert deadline["target"]["text"] == "2022年12月底前" and deadline["score"] is not None
    assert (record["metadata"]["score"], record["metadata"]["grade"]) == (Decimal("96.1"), "优")
    assert _errors(record) == []


def test_a_slip_in_a_form_as_filled_in_is_flagged(tmp_path):
    rows = _with(RICH_FORM, -2, -2, "98.1")  # the rows' scores and the budget row's add up to 96.1
    assert any("得分" in m for m in _errors(_record(tmp_path, rows, "cells")))


# the department form's fund block with its two breakdowns side by side: by source in the
# left half, by kind of spending (基本支出 / 项目支出) in the right half, under the 分值 and
# 执行率 columns of the header
DEPARTMENT_SIDE_BY_SIDE = [
    ["部门整体支出绩效自评表"],
    ["（2022年度）"],
    ["部门（单位）名称", "某县农业农村局"],
    ["年度预算申请（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
    ["", "年度资金总额", "1820.5", "1960.3", "1902.18", "10", "97.04%", "9.7"],
    ["", "按收入性质分", "", "", "", "按支出性质分", "", ""],
    ["", "其中：一般公共预算", "1820.5", "1900.3", "1842.18", "其中：基本支出", "620.4", "618.9"],
    ["", "政府性基金预算", "0", "60", "60", "项目支出", "1339.9", "1283.28"],
    ["年度总体目标", "预期目标", "", "", "实际完成情况"],
    ["", "完成粮食播种面积35万亩，高标准农田建设2万亩。", "", "", "粮食播种面积35.6万亩，建成高标准农田2.1万亩。"],
    ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
    ["", "产出指标", "数量指标", "高标准农田建设面积", "≥2万亩", "2.1万亩", "20", "20", ""],
    ["", "", "质量指标", "农田工程验收合格率", "100%", "100%", "20", "20", ""],
    ["", "", "时效指标", "项目完工及时率", "≥95%", "92%", "10", "8", "受汛期影响，2个标段延期"],
    ["", "效益指标", "经济效益指标", "亩均节本增效", "≥100元", "120元", "10", "10", ""],
    ["", "", "社会效益指标", "受益农户数", "≥3000户", "3260户", "10", "10", ""],
    ["", "满意度指标", "服务对象满意度指标", "受益农户满意度", "≥90%", "94.5%", "20", "20", ""],
    ["总分", "", "", "", "", "", "100", "97.7", ""],
]


@pytest.mark.parametrize("shape", TEXT_SHAPES + ["tabs", "wide", "pipe_dropped", "docx", "xlsx"])
def test_a_breakdown_beside_the_fund_block(tmp_path, shape):
    record = _record(tmp_path, DEPARTMENT_SIDE_BY_SIDE, shape)
    kinds = Counter(k for k, v, u in _facts(record).elements())
    assert kinds == Counter({"amount": 15, "score": 16, "percent": 7})
    assert not [f for f in record["facts"] if f["kind"] == "percent" and Decimal(str(f["value"])) > 100]
    assert _errors(record) == []


@pytest.mark.parametrize("shape", ["pipe", "cells", "docx"])
def test_a_slip_beside_a_side_by_side_breakdown_is_flagged(tmp_path, shape):
    rows = _with(DEPARTMENT_SIDE_BY_SIDE, 4, 6, "99.04%")  # 1902.18 ÷ 1960.3 is 97.04 %
    assert any("执行率" in m for m in _errors(_record(tmp_path, rows, shape)))


@pytest.mark.parametrize("head, total", [("项目自评得分", "得分合计"), ("综合得分", "合计得分")])
def test_other_names_of_the_form_score(tmp_path, head, total):
    rows = [r[:] for r in SUBROWS_FORM]
    rows.insert(2, [head, "99.56"])
    rows[-1][0] = total
    for shape in ("pipe", "cells"):
        record = _record(tmp_path, rows, shape)
        assert record["metadata"]["score"] == Decimal("99.56")
        assert _errors(record) == []
    rows[-1][-2] = "97.56"  # the rows add up to 99.56
    assert any("得分" in m for m in _errors(_record(tmp_path, rows, "cells")))


REPORT_AROUND_A_TABLE = ("某县2021年度农村饮水安全巩固提升项目绩效评价报告\n一、项目概况\n"
                         "该项目年度预算资金560万元，实际支出532.4万元，预算执行率95.07%。\n二、绩效评价结论\n"
                         "经综合评价，该项目得分94分，评价等级为“优”。各项指标得分情况见下表：\n{table}"
                         "\n三、存在的问题\n部分工程验收资料不全。\n")


@pytest.mark.parametrize("shape", TEXT_SHAPES + ["pipe_dropped", "wide", "tabs"])
def test_a_report_around_a_table_that_weights_every_level(tmp_path, shape):
    # a narrative report with the framework's score table in it, however the table was written
    text = REPORT_AROUND_A_TABLE.format(table=_render(WEIGHTED_LEVELS[2:], shape))
    record = text_record(tmp_path, text)
    assert len([f for f in record["facts"] if f["kind"] == "score"]) == 30 + 1  # the table's, and 94分
    assert [f for f in record["flags"] if f["severity"] in ("error", "warning")] == []
    slip = REPORT_AROUND_A_TABLE.format(table=_render(_with(WEIGHTED_LEVELS, -1, -1, "96")[2:], shape))
    assert any("得分" in m for m in _errors(text_record(tmp_path, slip, "slip.txt")))


def _numeric_xlsx(tmp_path, rows):
    """The form as a unit's own workbook holds it: figures stored as numbers, a rate as a
    fraction shown by a percent format (0.9563 under 0.00%), amounts under 0.00."""
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    ws = wb.active
    for r, row in enumerate(rows, 1):
        for c, text in enumerate(row, 1):
            cell = ws.cell(r, c)
            number = text.rstrip("%")
            if regex.fullmatch(r"\d+(?:\.\d+)?", number):
                decimals = len(number.partition(".")[2])
                places = "0" + ("." + "0" * decimals if decimals else "")
                cell.value = float(Decimal(number) / 100) if text.endswith("%") else float(number)
                cell.number_format = places + ("%" if text.endswith("%") else "")
            else:
                cell.value = text or None
    path = tmp_path / "numeric.xlsx"
    wb.save(path)
    return path


@pytest.mark.parametrize("form", ["SUBROWS_FORM", "RICH_FORM"])
def test_figures_stored_as_numbers_read_as_the_sheet_shows_them(tmp_path, form):
    rows = globals()[form]
    record = extract_file(_numeric_xlsx(tmp_path, rows))
    assert _facts(record) == _facts(_record(tmp_path, rows, "xlsx"))
    assert not _errors(record)


# a department form of points only, the level cells merged down and written once
POINTS_ONLY_MERGED = [
    ["部门整体支出绩效自评表"],
    ["部门名称", "某县林业和草原局"],
    ["一级指标", "二级指标", "三级指标", "分值", "得分"],
    ["产出指标", "数量指标", "造林面积完成率", "25", "25"],
    ["", "", "抚育完成率", "25", "23"],
    ["", "质量指标", "苗木成活率", "20", "19"],
    ["效益指标", "生态效益指标", "森林覆盖率提升", "20", "20"],
    ["满意度指标", "服务对象满意度指标", "林农满意度", "10", "9"],
    ["合计", "", "", "100", "96"],
]


@pytest.mark.parametrize("shape", TEXT_SHAPES + ["docx", "xlsx", "csv", "csv_lines"])
def test_a_row_under_merged_level_cells_in_a_form_of_points_only(tmp_path, shape):
    # words after a row's points name the next row: never a qualitative result
    record = _record(tmp_path, POINTS_ONLY_MERGED, shape)
    form = record["forms"][0]
    assert [r["path"][-1] for r in form["indicators"]] == [r[2] for r in POINTS_ONLY_MERGED[3:8]]
    assert not _errors(record)
    slipped = _record(tmp_path, _with(POINTS_ONLY_MERGED, 4, 4, "21"), shape)  # 25+21+19+20+9 = 94
    assert any("96" in m and "94" in m for m in _errors(slipped))


# the department framework (投入 / 过程 / 产出 / 效果), its level cells merged down; row names
# that are also the form's words (预算执行率 names a fund column, 服务对象满意度 a 二级指标)
DEPARTMENT_FRAMEWORK = [
    ["部门整体支出绩效自评表"],
    ["部门名称", "某县水利局"],
    ["一级指标", "二级指标", "三级指标", "分值", "得分", "扣分原因"],
    ["投入", "目标设定", "绩效目标合理性", "5", "5", ""],
    ["", "", "绩效指标明确性", "5", "4", "部分指标未量化"],
    ["过程", "预算执行", "预算执行率", "10", "9.5", ""],
    ["", "", "结转结余控制", "5", "5", ""],
    ["", "资金管理", "资金使用规范性", "10", "10", ""],
    ["产出", "职责履行", "水利工程维护完成率", "25", "24", ""],
    ["效果", "履职效益", "防汛安全保障", "30", "28", "个别工程汛期受损"],
    ["", "", "服务对象满意度", "10", "9", ""],
    ["合计", "", "", "100", "94.5", ""],
    ["自评等级", "优"],
]


@pytest.mark.parametrize("shape", TEXT_SHAPES + ["docx", "xlsx", "csv", "csv_lines"])
def test_the_department_framework_with_form_words_as_row_names(tmp_path, shape):
    record = _record(tmp_path, DEPARTMENT_FRAMEWORK, shape)
    form = record["forms"][0]
    assert [r["path"][-1] for r in form["indicators"]] == [r[2] for r in DEPARTMENT_FRAMEWORK[3:11]]
    assert [r["path"][0] for r in form["indicators"]][-2:] == ["效果", "效果"]
    assert not _errors(record)
    slipped = _record(tmp_path, _with(DEPARTMENT_FRAMEWORK, 10, 4, "8"), shape)  # 94.5 - 1
    assert any("94.5" in m and "93.5" in m for m in _errors(slipped))


# a transfer form whose funds come from the centre, the province and the county, each a row
TRANSFER_THREE_SOURCES = [
    ["转移支付（区域）绩效目标自评表"],
    ["转移支付名称", "农村饮水安全巩固提升补助资金"],
    ["资金投入情况（万元）", "全年预算数(A)", "全年执行数(B)", "执行率(B/A)"],
    ["年度资金总额", "1500", "1425", "95%"],
    ["其中：中央下达", "1000", "960", "96%"],
    ["省级补助", "300", "285", "95%"],
    ["市县资金", "200", "180", "90%"],
    ["绩效指标", "一级指标", "二级指标", "三级指标", "指标值", "全年实际完成值", "未完成原因和改进措施"],
    ["", "产出指标", "数量指标", "新建集中供水工程", "≥12处", "12处", ""],
    ["", "效益指标", "社会效益指标", "受益人口", "≥15000人", "15260人", ""],
]


@pytest.mark.parametrize("shape", TEXT_SHAPES + ["docx", "xlsx", "csv", "csv_lines"])
def test_funds_from_the_centre_the_province_and_the_county(tmp_path, shape):
    record = _record(tmp_path, TRANSFER_THREE_SOURCES, shape)
    amounts = Counter(v for k, v, u in _facts(record).elements() if k == "amount")
    assert amounts == Counter({Decimal(v) * 10000: 1 for v in (1500, 1425, 1000, 960, 300, 285, 200, 180)})
    assert not _errors(record)
    slipped = _record(tmp_path, _with(TRANSFER_THREE_SOURCES, 5, 1, "350"), shape)  # 1000 + 350 + 200 ≠ 1500
    assert any("1500" in m and "1550" in m for m in _errors(slipped))


# a form that states each row's points taken off (权重 | 扣分 | 得分)
DEDUCTIONS_FORM = [
    ["项目支出绩效自评表"],
    ["项目名称", "高素质农民培育"],
    ["项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "权重", "执行率", "得分"],
    ["", "年度资金总额", "90", "90", "85.5", "10", "95%", "9.5"],
    ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "权重", "扣分", "得分", "扣分原因"],
    ["", "产出指标", "数量指标", "培育农民人数", "≥600人", "612人", "30", "0", "30", ""],
    ["", "产出指标", "质量指标", "结业考核合格率", "≥95%", "93%", "20", "2", "18", "部分学员缺考"],
    ["", "效益指标", "社会效益指标", "带动就业人数", "≥300人", "320人", "30", "0", "30", ""],
    ["", "满意度指标", "服务对象满意度指标", "学员满意度", "≥90%", "92%", "10", "0", "10", ""],
    ["总分", "", "", "", "", "", "100", "", "97.5", ""],
]


@pytest.mark.parametrize("shape", TEXT_SHAPES + ["docx", "xlsx", "csv", "csv_lines"])
def test_a_deduction_column(tmp_path, shape):
    record = _record(tmp_path, DEDUCTIONS_FORM, shape)
    facts = {f["id"]: f for f in record["facts"]}
    rows = record["forms"][0]["indicators"]
    assert [facts[r["score"]]["value"] for r in rows] == [30, 18, 30, 10]
    assert [facts[r["deduction"]]["value"] for r in rows] == [0, 2, 0, 0]
    assert not _errors(record)
    slipped = _record(tmp_path, _with(DEDUCTIONS_FORM, 6, 7, "3"), shape)  # 20 - 3 ≠ 18
    assert [f["rule"] for f in slipped["flags"] if f["severity"] == "error"] == ["form.deduction"]


# a score table with its scoring rule between 分值 and 得分 (written out, with a comma)
CRITERIA_BETWEEN = [
    ["部门整体支出绩效自评表"],
    ["一级指标", "二级指标", "三级指标", "分值", "评分标准", "得分", "扣分原因"],
    ["投入", "预算配置", "在职人员控制率", "5", "控制在编制内得满分，否则不得分", "5", ""],
    ["", "", "三公经费变动率", "5", "较上年下降得满分", "4", "公务接待费略增"],
    ["过程", "预算执行", "结转结余率", "10", "结转结余控制合理得满分", "10", ""],
    ["产出", "职责履行", "年度任务完成率", "40", "完成得满分，未完成按比例扣分", "38", "一项任务延期"],
    ["效果", "履职效益", "服务对象满意度", "40", "满意度达90%以上得满分", "36", ""],
    ["合计", "", "", "100", "", "93", ""],
]


@pytest.mark.parametrize("shape", TEXT_SHAPES + ["docx", "xlsx", "csv", "csv_lines"])
def test_a_scoring_rule_column_between_the_points(tmp_path, shape):
    record = _record(tmp_path, CRITERIA_BETWEEN, shape)
    facts = {f["id"]: f for f in record["facts"]}
    rows = record["forms"][0]["indicators"]
    assert [r["path"][-1] for r in rows] == [r[2] for r in CRITERIA_BETWEEN[2:7]]
    assert [(facts[r["weight"]]["value"], facts[r["score"]]["value"]) for r in rows] == \
        [(5, 5), (5, 4), (10, 10), (40, 38), (40, 36)]
    assert not _errors(record)
    slipped = _record(tmp_path, _with(CRITERIA_BETWEEN, 5, 5, "39"), shape)  # 94 ≠ 93
    assert any("93" in m and "94" in m for m in _errors(slipped))


@pytest.mark.parametrize("shape", TEXT_SHAPES + ["docx", "xlsx", "csv", "csv_lines"])
@pytest.mark.parametrize("deadline", ["≤2024年12月", "2024年12月底前", "≤2024年12月31日"])
def test_a_deadline_target_with_its_comparator(tmp_path, shape, deadline):
    rows = [r[:] for r in DEDUCTIONS_FORM]
    rows[6] = ["", "产出指标", "时效指标", "培训完成时间", deadline, "2024年5月", "20", "2", "18", "一期延后"]
    record = _record(tmp_path, rows, shape)
    names = [r["path"][-1] for r in record["forms"][0]["indicators"]]
    assert names == ["培育农民人数", "培训完成时间", "带动就业人数", "学员满意度"]
    assert not _errors(record)


# a department form whose task block has a second header line (总额 | 财政拨款 | 其他资金 under
# each of 预算数 and 执行数)
TASKS_TWO_HEADER_LINES = [
    ["部门整体支出绩效自评表"],
    ["部门（单位）名称", "某县交通运输局"],
    ["年度主要任务", "任务名称", "对应项目", "预算数（万元）", "", "", "执行数（万元）", "", ""],
    ["", "", "", "总额", "财政拨款", "其他资金", "总额", "财政拨款", "其他资金"],
    ["", "农村公路养护", "县乡道日常养护", "260", "240", "20", "252", "236", "16"],
    ["", "客运站运营补贴", "城乡客运补贴", "90", "90", "0", "88.5", "88.5", "0"],
]


@pytest.mark.parametrize("shape", TEXT_SHAPES + ["docx", "xlsx", "csv", "csv_lines"])
def test_a_task_block_with_two_header_lines(tmp_path, shape):
    record = _record(tmp_path, TASKS_TWO_HEADER_LINES, shape)
    amounts = sorted((f["label"], f["value"]) for f in record["facts"] if f["kind"] == "amount")
    expected = sorted((f"{group}·{sub}", Decimal(v) * 10000)
                      for row in TASKS_TWO_HEADER_LINES[4:]
                      for group, subs in (("预算数", row[3:6]), ("执行数", row[6:9]))
                      for sub, v in zip(("总额", "财政拨款", "其他资金"), subs))
    assert amounts == expected


# a transfer form with a 分配下达数 column, and a department form whose 基本支出 is split
# into 人员经费 and 公用经费
ALLOCATED_COLUMN = [
    ["转移支付（区域）绩效目标自评表"],
    ["资金情况（万元）", "", "全年预算数（A）", "分配下达数", "全年执行数（B）", "执行率（B/A）"],
    ["", "年度资金总额", "3600", "3600", "3420", "95%"],
    ["", "其中：中央财政资金", "3000", "3000", "2880", "96%"],
    ["", "地方资金", "600", "600", "540", "90%"],
]
BASIC_SPLIT = [
    ["部门整体支出绩效自评表"],
    ["项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
    ["", "年度资金总额", "700", "760", "741", "10", "97.5%", "9.75"],
    ["", "其中：基本支出", "400", "410", "406", "—", "99.02%", "—"],
    ["", "人员经费", "350", "356", "354", "—", "99.44%", "—"],
    ["", "公用经费", "50", "54", "52", "—", "96.3%", "—"],
    ["", "项目支出", "300", "350", "335", "—", "95.71%", "—"],
]


@pytest.mark.parametrize("shape", TEXT_SHAPES + ["docx", "xlsx", "csv", "csv_lines"])
def test_an_allocated_column_and_a_split_basic_expense(tmp_path, shape):
    record = _record(tmp_path, ALLOCATED_COLUMN, shape)
    amounts = Counter(v for k, v, u in _facts(record).elements() if k == "amount")
    assert amounts == Counter({Decimal(v) * 10000: n for v, n in ((3600, 2), (3420, 1), (3000, 2), (2880, 1),
                                                                   (600, 2), (540, 1))})
    assert not _errors(record)
    record = _record(tmp_path, BASIC_SPLIT, shape)
    slots = {r["slot"] for r in record["forms"][0]["funds"]}
    assert {"personnel", "public_use", "basic", "project"} <= slots
    assert not _errors(record)
    slipped = _record(tmp_path, _with(BASIC_SPLIT, 4, 4, "344"), shape)  # 344 + 52 ≠ 406
    assert any("406" in m and "396" in m for m in _errors(slipped))


@pytest.mark.parametrize("shape", TEXT_SHAPES)
@pytest.mark.parametrize("label", ["总  分", "合  计", "总 分"])
def test_a_total_label_spaced_wide(tmp_path, shape, label):
    record = _record(tmp_path, _with(DEDUCTIONS_FORM, 9, 0, label), shape)
    assert record["metadata"]["score"] == Decimal("97.5")
    assert record["forms"][0]["total_score"] is not None and not _errors(record)


@pytest.mark.parametrize("shape", TEXT_SHAPES + ["docx", "xlsx", "csv", "csv_lines"])
def test_a_row_with_a_qualitative_target_under_merged_levels(tmp_path, shape):
    # 按期完成 after the row above's points opens the next row (its name before it), it is no reason
    rows = [r[:] for r in DEDUCTIONS_FORM]
    rows[6] = ["", "", "", "结业培训任务", "按期完成", "按期完成", "20", "2", "18", ""]
    record = _record(tmp_path, rows, shape)
    names = [r["path"][-1] for r in record["forms"][0]["indicators"]]
    assert names == ["培育农民人数", "结业培训任务", "带动就业人数", "学员满意度"]
    assert not _errors(record)


# the form's unit on a line of its own; the task block's 预算数 | 执行数 name no unit
TASKS_IN_THE_FORMS_UNIT = [
    ["部门整体支出绩效自评表"],
    ["单位：万元"],
    ["年度预算申请", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
    ["", "年度资金总额", "380", "400", "388", "10", "97%", "9.7"],
    ["年度主要任务", "任务名称", "主要内容", "预算数", "执行数"],
    ["", "城乡规划编制", "完成两个片区详细规划", "150", "146"],
    ["", "不动产登记", "推进登记信息化", "250", "242"],
]


@pytest.mark.parametrize("shape", TEXT_SHAPES + ["docx"])
def test_task_columns_in_the_forms_stated_unit(tmp_path, shape):
    record = _record(tmp_path, TASKS_IN_THE_FORMS_UNIT, shape)
    amounts = Counter(v for k, v, u in _facts(record).elements() if k == "amount")
    for v in (150, 146, 250, 242):
        assert amounts[Decimal(v) * 10000] == 1, v
    # without the unit stated, the task figures are not given one by guess
    record = _record(tmp_path, [r for r in TASKS_IN_THE_FORMS_UNIT if r != ["单位：万元"]], shape)
    assert not [f for f in record["facts"] if f["kind"] == "amount" and f["value"] == 1500000]


# a third party's score table with a 小计 row under each first level
SCORE_TABLE_SUBTOTALS = [
    ["一级指标", "二级指标", "三级指标", "分值", "评分要点", "得分", "扣分说明"],
    ["决策", "项目立项", "立项依据充分性", "10", "符合规划得满分", "10", ""],
    ["", "绩效目标", "绩效目标合理性", "10", "目标明确得满分", "8", "目标未细化"],
    ["小计", "", "", "20", "", "18", ""],
    ["过程", "资金管理", "资金到位率", "15", "全部到位得满分", "15", ""],
    ["", "组织实施", "制度执行有效性", "15", "制度健全得满分", "13", "台账不全"],
    ["小计", "", "", "30", "", "28", ""],
    ["产出", "产出数量", "完成率", "30", "全部完成得满分", "29", ""],
    ["效益", "社会效益", "群众满意度", "20", "满意度90%以上得满分", "19", ""],
    ["合计", "", "", "100", "", "94", ""],
]


@pytest.mark.parametrize("shape", ["docx", "xlsx"])
def test_a_score_table_with_subtotal_rows(tmp_path, shape):
    # each 小计 was taken for a further indicator (a false score-tree error on the clean table)
    assert not _errors(_record(tmp_path, SCORE_TABLE_SUBTOTALS, shape))
    if shape == "xlsx":  # (the .docx grid's slip goes unchecked: its form leaves the tree to no rule yet)
        slipped = _record(tmp_path, _with(SCORE_TABLE_SUBTOTALS, 7, 5, "25"), shape)  # 90 ≠ 94
        assert _errors(slipped)


@pytest.mark.parametrize("shape", ["docx", "xlsx", "pipe"])
def test_a_second_projects_total_in_the_same_table_is_not_the_first_forms(tmp_path, shape):
    # two projects' forms run on in one grid: the first form keeps the total its rows add up to
    second = [["项目名称", "乡镇文化站免费开放"]] + [r[:] for r in DEDUCTIONS_FORM[2:]]
    second[-1][-2] = "95.5"
    second[5][8] = "16"  # 结业考核合格率 scored 16, 2 points less
    second[5][7] = "4"
    record = _record(tmp_path, DEDUCTIONS_FORM + second, shape)
    assert not _errors(record)


# the indicator block numbers its rows in a 序号 column, under the fund block's 项目资金（万元）
NUMBERED_INDICATOR_ROWS = [
    ["项目支出绩效自评表"],
    ["项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
    ["", "年度资金总额", "60", "60", "57", "10", "95%", "9.5"],
    ["序号", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
    ["1", "产出指标", "数量指标", "助餐服务老年人数", "≥800人", "820人", "45", "45"],
    ["2", "效益指标", "社会效益指标", "老年人就餐便利度", "显著提升", "显著提升", "35", "35"],
    ["3", "满意度指标", "服务对象满意度指标", "老年人满意度", "≥90%", "93%", "10", "10"],
    ["总分", "", "", "", "", "", "100", "99.5"],
]


@pytest.mark.parametrize("shape", ["docx", "xlsx"])
def test_row_numbers_under_a_later_xuhao_header_are_no_amounts(tmp_path, shape):
    record = _record(tmp_path, NUMBERED_INDICATOR_ROWS, shape)
    amounts = sorted(f["value"] for f in record["facts"] if f["kind"] == "amount")
    assert amounts == [570000, 600000, 600000]
    assert not _errors(record)


# a provincial self-evaluation form whose value columns stand on the header's first line,
# above the level names (评价指标 | 指标解释 | 分值 | 评分标准 | 自评得分 | 自评说明)
TWO_LINE_HEADER_VALUES_ABOVE = [
    ["项目支出绩效自评表"],
    ["项目名称", "农村饮水安全巩固提升"],
    ["评价指标", "", "", "指标解释", "分值", "评分标准", "自评得分", "自评说明"],
    ["一级指标", "二级指标", "三级指标", "", "", "", "", ""],
    ["投入", "项目立项", "立项规范性", "是否按程序立项", "8", "程序规范得满分", "8", "已按程序立项"],
    ["", "资金落实", "资金到位率", "到位资金占计划的比率", "12", "按到位率计分", "11.4", "到位率95%"],
    ["产出", "产出数量", "改造供水工程处数", "完成计划的情况", "30", "完成得满分", "30", "完成"],
    ["", "产出时效", "工程完工及时性", "是否按期完工", "20", "按期得满分", "17", "两处延期"],
    ["效益", "社会效益", "受益群众满意度", "满意度调查", "30", "满意度90%以上得满分", "28", "满意度88%"],
    ["合计", "", "", "", "100", "", "94.4", ""],
]


@pytest.mark.parametrize("shape", TEXT_SHAPES + ["docx", "xlsx", "csv", "csv_lines"])
def test_value_columns_on_the_header_line_above_the_levels(tmp_path, shape):
    record = _record(tmp_path, TWO_LINE_HEADER_VALUES_ABOVE, shape)
    rows = {r["path"][-1]: r for r in record["forms"][0]["indicators"]} if record["forms"] else {}
    scores = sorted(v for k, v, u in _facts(record).elements() if k == "score")
    assert scores == sorted(Decimal(x) for x in ("8", "8", "12", "11.4", "30", "30", "20", "17", "30", "28", "100", "94.4"))
    if shape not in ("docx", "xlsx"):  # (real tables are read by the indicator tables reader)
        assert set(rows) == {"立项规范性", "资金到位率", "改造供水工程处数", "工程完工及时性", "受益群众满意度"}
    assert not _errors(record)


def test_a_wrong_score_under_a_two_line_header_is_flagged(tmp_path):
    rows = [r[:] for r in TWO_LINE_HEADER_VALUES_ABOVE]
    rows[7][6] = "19"  # 工程完工及时性 19 instead of 17: the rows add up to 96.4, the total says 94.4
    record = _record(tmp_path, rows, "pipe")
    assert any("94.4" in m and "96.4" in m for m in _errors(record))


# a third-party score table: each level closed by its 小计, a 扣分说明 column, a grade row
SCORE_TABLE_WITH_SUBTOTALS = [
    ["某区社区养老服务中心运营补贴项目绩效评价评分表"],
    ["一级指标", "二级指标", "三级指标", "分值", "评分要点", "得分", "扣分说明"],
    ["决策", "立项", "立项依据充分性", "6", "依据充分得满分", "6", ""],
    ["", "目标", "目标明确性", "6", "目标细化量化得满分，否则酌情扣分", "4", "指标未量化"],
    ["小计", "", "", "12", "", "10", ""],
    ["过程", "资金", "预算执行率", "10", "按执行率计分", "9", "执行率90%"],
    ["", "管理", "制度执行有效性", "8", "执行到位得满分", "8", ""],
    ["小计", "", "", "18", "", "17", ""],
    ["产出", "数量", "服务老人人次", "40", "完成目标得满分，未完成按比例计分", "36", "完成计划的90%"],
    ["效益", "满意度", "老人满意度", "30", "满意度95%以上得满分", "27", "满意度为86%"],
    ["小计", "", "", "70", "", "63", ""],
    ["合计", "", "", "100", "", "90", ""],
    ["评价等级", "优"],
]


@pytest.mark.parametrize("shape", TEXT_SHAPES + ["docx"])
def test_subtotal_rows_of_a_score_table_are_no_indicators(tmp_path, shape):
    record = _record(tmp_path, SCORE_TABLE_WITH_SUBTOTALS, shape)
    assert not _errors(record)  # the 小计 rows are not added in twice
    scores = Counter(v for k, v, u in _facts(record).elements() if k == "score")
    for subtotal in ("12", "10", "18", "17", "70", "63"):
        assert scores[Decimal(subtotal)] >= 1  # still facts
    for form in record["forms"]:
        assert not [r for r in form["indicators"] if "小计" in r["path"][-1]]
        # a 扣分说明 is its row's note, never the next row's level
        assert all("未量化" not in p and "86%" not in p for r in form["indicators"] for p in r["path"])
    assert record["metadata"]["score"] == Decimal("90")  # the table's total is the report's score


def test_a_score_table_whose_subtotals_do_not_add_up_to_its_total_is_flagged(tmp_path):
    rows = [r[:] for r in SCORE_TABLE_WITH_SUBTOTALS]
    rows[9][5] = "30"  # 老人满意度 30 (27 before): the rows add up to 93, the total says 90
    record = _record(tmp_path, rows, "pipe")
    assert any("90" in m and "93" in m for m in _errors(record))


def test_a_row_of_cells_ending_in_a_figure_is_not_joined_to_the_next_row():
    from extractor.ingest.text_blocks import continues_sentence
    previous = "效益 满意度 服务对象满意度 10 满意度达到九成以上得满分，否则按比例扣分 9"
    assert not continues_sentence(previous, "可持续影响 长效机制健全性 10 机制健全得满分 10")
    assert not continues_sentence("产出时效 工程完工及时性 8 按期完工得满分，每延期一月扣一分 6 两处工程延期一个月",
                                  "小计 35 32")
    # prose cut at the margin still goes on
    assert continues_sentence("本年度项目共完成农村饮水工程改造任务，累计完成投资额达到了", "1260万元，受益群众3.2万人。")


# a department form's budget block with rows the templates do not name (整体支出, 三公经费)
UNNAMED_FUND_ROWS = [
    ["部门整体支出绩效自评表"],
    ["部门名称", "某县林业局"],
    ["预算执行情况（万元）", "", "预算数", "执行数", "执行率", "分值", "得分"],
    ["", "整体支出", "940", "902.4", "96%", "10", "9.6"],
    ["", "基本支出", "610", "604.5", "99.1%", "—", "—"],
    ["", "项目支出", "330", "297.9", "90.27%", "—", "—"],
    ["", "其中：三公经费", "12", "9.6", "80%", "—", "—"],
    ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
    ["产出指标", "数量指标", "森林防火巡护里程", "≥5000公里", "5230公里", "30", "30", ""],
    ["效益指标", "生态效益指标", "森林覆盖率", "≥62%", "62.3%", "30", "30", ""],
    ["满意度指标", "服务对象满意度指标", "林农满意度", "≥90%", "92%", "30", "30", ""],
    ["总分", "", "", "", "", "100", "99.6", ""],
]


@pytest.mark.parametrize("shape", TEXT_SHAPES + ["docx", "xlsx", "csv", "csv_lines"])
def test_fund_rows_under_labels_no_template_names_keep_their_figures(tmp_path, shape):
    record = _record(tmp_path, UNNAMED_FUND_ROWS, shape)
    amounts = Counter(v for k, v, u in _facts(record).elements() if k == "amount")
    for wan in ("12", "9.6", "610", "604.5", "330", "297.9"):
        assert amounts[Decimal(wan) * 10000] >= 1, wan
    assert not _errors(record)


def test_words_cut_from_a_goal_are_no_fund_row(tmp_path):
    # a text layer cut 年度总体目标 into words, a row's figures after them: no amount of a row
    rows = [r[:] for r in UNNAMED_FUND_ROWS[:4]] + [["", "总体 目标", "10", "", "", "", ""]] + UNNAMED_FUND_ROWS[7:]
    record = _record(tmp_path, rows, "single_spaced")
    assert not [f for f in record["facts"] if f["kind"] == "amount" and f["value"] == 100000]


def _second_project(rows: list, name: str, total: str, budget: str, spent: str, rate: str, score: str) -> list:
    second = [r[:] for r in rows[1:]]
    second[0] = ["项目名称", name]
    second[2] = ["", "年度资金总额", budget, budget, spent, "10", rate, score]
    second[-1] = ["总分", "", "", "", "", "", "100", "", total, ""]
    return second


@pytest.mark.parametrize("shape", TEXT_SHAPES + ["docx", "xlsx", "csv", "csv_lines"])
def test_two_projects_run_on_in_one_table_are_two_forms(tmp_path, shape):
    second = _second_project(DEDUCTIONS_FORM, "家庭农场主培训", "97", "64", "57.6", "90%", "9")
    record = _record(tmp_path, DEDUCTIONS_FORM + second, shape)
    forms = record["forms"]
    assert len(forms) == 2
    facts = {f["id"]: f for f in record["facts"]}
    assert facts[forms[1]["total_score"]]["value"] == Decimal("97")
    assert Counter(v for k, v, u in _facts(record).elements() if k == "amount")[Decimal("640000")] == 2
    assert not _errors(record)


def test_a_wrong_rate_in_the_second_project_of_one_table_is_flagged(tmp_path):
    second = _second_project(DEDUCTIONS_FORM, "家庭农场主培训", "97", "64", "57.6", "95%", "9")  # 57.6 ÷ 64 is 90%
    record = _record(tmp_path, DEDUCTIONS_FORM + second, "pipe")
    assert any(f["rule"] == "form.execution_rate" for f in record["flags"] if f["severity"] == "error")


@pytest.mark.parametrize("shape", ["docx", "xlsx", "pipe"])
def test_a_grade_written_in_the_total_row(tmp_path, shape):
    rows = [r[:] for r in DEDUCTIONS_FORM]
    rows[-1] = ["总分", "100", "97.5", "自评等级", "优"]
    record = _record(tmp_path, rows, shape)
    assert record["metadata"]["score"] == Decimal("97.5")
    assert record["metadata"]["grade"] == "优"


def test_a_grade_band_row_is_no_grade(tmp_path):
    rows = [r[:] for r in SCORE_TABLE_WITH_SUBTOTALS[:-1]] + [["等级", "优", "良", "中", "差"]]
    record = _record(tmp_path, rows, "docx")
    assert record["metadata"]["grade"] is None
    record = _record(tmp_path, SCORE_TABLE_WITH_SUBTOTALS, "docx")
    assert record["metadata"]["grade"] == "优"


def test_a_sheets_sentence_states_the_grade(tmp_path):
    # a workbook holding the form and, in cells below it, the report's conclusion
    rows = [r[:] for r in DEDUCTIONS_FORM] + [["三、自评结论"], ["经综合评价，该项目自评得分97.5分，评价等级为良。"]]
    assert _record(tmp_path, rows, "xlsx")["metadata"]["grade"] == "良"
    # two grades stated in cells say nothing about which is the report's
    rows += [["上年度该项目评价等级为优。"]]
    assert _record(tmp_path, rows, "xlsx")["metadata"]["grade"] is None


def _budget_block(middle: str, rate: str = "96.5%") -> list:
    return [
        ["部门整体支出绩效自评表"],
        ["部门名称", "某县水利局"],
        ["预算执行情况（万元）", "", "年初预算数", middle, "全年执行数", "执行率", "分值", "得分"],
        ["", "合计", "1800", "2000", "1930", rate, "10", "9.65"],
        ["", "基本支出", "1100", "1200", "1180", "98.33%", "—", "—"],
        ["", "项目支出", "700", "800", "750", "93.75%", "—", "—"],
        ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
        ["产出指标", "数量指标", "水毁工程修复处数", "≥40处", "42处", "45", "45", ""],
        ["满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "91%", "45", "45", ""],
        ["总分", "", "", "", "", "100", "99.65", ""],
    ]


@pytest.mark.parametrize("middle", ["调整预算数", "预算调整后金额"])
@pytest.mark.parametrize("shape", ["pipe", "single_spaced", "docx", "xlsx"])
def test_a_budget_column_between_the_named_ones(tmp_path, shape, middle):
    # the rates are over the adjusted budget, a column named otherwise than the templates name it
    record = _record(tmp_path, _budget_block(middle), shape)
    amounts = Counter(v for k, v, u in _facts(record).elements() if k == "amount")
    for wan in ("1800", "2000", "1930", "800", "750"):
        assert amounts[Decimal(wan) * 10000] >= 1, wan
    assert not [v for k, v, u in _facts(record).elements() if k == "percent" and v > 100]  # no shifted cells
    assert not _errors(record)


@pytest.mark.parametrize("middle", ["调整预算数", "预算调整后金额"])
def test_a_wrong_rate_beside_an_unnamed_budget_column_is_flagged(tmp_path, middle):
    record = _record(tmp_path, _budget_block(middle, rate="95.5%"), "pipe")  # 1930 ÷ 2000 is 96.5%
    assert any(f["rule"] == "form.execution_rate" for f in record["flags"] if f["severity"] == "error")


def test_a_detail_table_inside_a_form_keeps_its_amounts(tmp_path):
    rows = [
        ["项目支出绩效自评表"],
        ["项目名称", "村级图书室提质", "主管部门", "某县文旅局"],
        ["计划安排资金（万元）", "48", "实际支出资金（万元）", "46.2"],
        ["序号", "支出内容", "金额（万元）", "占比"],
        ["1", "图书采购", "30.20", "65.37%"],
        ["2", "书架及阅览桌椅", "16.00", "34.63%"],
        ["", "合计", "46.20", "100%"],
        ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
        ["产出指标", "数量指标", "提质图书室个数", "≥12个", "12个", "50", "50", ""],
        ["满意度指标", "服务对象满意度指标", "读者满意度", "≥90%", "93%", "50", "50", ""],
        ["总分", "", "", "", "", "100", "100", ""],
    ]
    text = "项目支出绩效自评表\n\n" + "\n\n".join(_render(block, "pipe") for block in (rows[1:3], rows[3:7], rows[7:]))
    record = text_record(tmp_path, text, "detail.txt")
    amounts = Counter(v for k, v, u in _facts(record).elements() if k == "amount")
    for wan in ("48", "30.2", "16", "46.2"):
        assert amounts[Decimal(wan) * 10000] >= 1, wan
    assert amounts[Decimal("462000")] == 2  # 实际支出 and the detail's 合计


# an indicator header that names the level and name columns in its own words
TYPE_AND_NAME_HEADER = [
    ["2023年度项目绩效自评表"],
    ["项目名称", "农村妇女两癌筛查"],
    ["项目资金（万元）", "预算数", "执行数", "执行率", "分值", "得分"],
    ["年度资金总额", "150", "144", "96%", "10", "9.6"],
    ["其中：财政拨款", "150", "144", "96%", "—", "—"],
    ["指标类型", "指标名称", "指标值", "实际完成值", "分值", "得分", "偏差原因"],
    ["产出指标", "完成宫颈癌筛查人数", "≥6000人", "6,240人", "30", "30", ""],
    ["产出指标", "筛查结果告知率", "100%", "100%", "20", "20", ""],
    ["效益指标", "早诊早治率", "≥90%", "92%", "20", "20", ""],
    ["满意度指标", "受检对象满意度", "≥90%", "88%", "20", "18", "部分村点等候时间长"],
    ["合计", "", "", "", "100", "97.6", ""],
]


@pytest.mark.parametrize("shape", TEXT_SHAPES + ["docx", "xlsx", "csv", "csv_lines"])
def test_an_indicator_header_of_type_and_name(tmp_path, shape):
    record = _record(tmp_path, TYPE_AND_NAME_HEADER, shape)
    form = record["forms"][0]
    assert [r["path"][-1] for r in form["indicators"]] == ["完成宫颈癌筛查人数", "筛查结果告知率", "早诊早治率", "受检对象满意度"]
    assert record["metadata"]["score"] == Decimal("97.6")
    assert not [v for k, v, u in _facts(record).elements() if k == "amount" and v in (1000000, 976000)]  # 合计 is no fund row
    assert not _errors(record)


def test_a_wrong_score_under_a_type_and_name_header_is_flagged(tmp_path):
    rows = [r[:] for r in TYPE_AND_NAME_HEADER]
    rows[9][5] = "20"  # 受检对象满意度 full marks: the rows add up to 99.6, the total says 97.6
    assert any("99.6" in m for m in _errors(_record(tmp_path, rows, "single_spaced")))


# a third-party score table weighting its rows under 权重, with a 得分率 column
WEIGHTS_AND_SCORE_RATES = [
    ["某区2023年度老旧小区改造项目绩效评价评分表"],
    ["一级指标", "二级指标", "三级指标", "权重", "评分标准", "得分", "得分率"],
    ["决策（20分）", "项目立项", "立项依据充分性", "10", "依据充分得满分", "10", "100%"],
    ["", "绩效目标", "目标合理性", "10", "目标合理得满分", "8", "80%"],
    ["过程（20分）", "资金管理", "资金到位率", "20", "按到位率计分", "19", "95%"],
    ["产出（30分）", "产出数量", "改造小区个数", "30", "按完成比例计分", "27", "90%"],
    ["效益（30分）", "满意度", "居民满意度", "30", "满意度90%以上得满分", "28.5", "95%"],
    ["总分", "", "", "100", "", "92.5", ""],
]


@pytest.mark.parametrize("shape", TEXT_SHAPES + ["docx"])
def test_weights_under_quanzhong_and_a_score_rate_column(tmp_path, shape):
    record = _record(tmp_path, WEIGHTS_AND_SCORE_RATES, shape)
    scores = Counter(v for k, v, u in _facts(record).elements() if k == "score")
    assert scores[Decimal("10")] >= 3 and scores[Decimal("30")] >= 2 and scores[Decimal("92.5")] == 1
    assert record["metadata"]["score"] == Decimal("92.5")
    assert not _errors(record)
    rows = [r[:] for r in WEIGHTS_AND_SCORE_RATES]
    rows[3][5], rows[3][6] = "6", "60%"  # the rows now add up to 90.5
    if shape != "docx":
        assert _errors(_record(tmp_path, rows, shape))


# a score table whose first-level rows carry their own points before their children's
LEVEL_ROWS_WITH_POINTS = [
    ["某区2023年度社区卫生服务能力提升项目绩效评价评分表"],
    ["一级指标", "二级指标", "三级指标", "分值", "得分", "评价说明"],
    ["决策", "", "", "20", "17", ""],
    ["", "项目立项", "立项规范性", "10", "9", "部分程序滞后"],
    ["", "绩效目标", "目标明确性", "10", "8", "指标未细化"],
    ["产出", "", "", "50", "46", ""],
    ["", "产出数量", "设备配置台数", "30", "28", "到货率93%"],
    ["", "产出质量", "设备验收合格率", "20", "18", "两台返修"],
    ["效益", "", "", "30", "27", ""],
    ["", "满意度", "居民满意度", "30", "27", "满意度90%"],
    ["合计", "", "", "100", "90", ""],
]


@pytest.mark.parametrize("shape", TEXT_SHAPES + ["docx", "xlsx", "csv", "csv_lines"])
def test_first_level_rows_with_their_own_points(tmp_path, shape):
    record = _record(tmp_path, LEVEL_ROWS_WITH_POINTS, shape)
    scores = Counter(v for k, v, u in _facts(record).elements() if k == "score")
    for points in ("20", "17", "50", "46", "27"):
        assert scores[Decimal(points)] >= 1, points
    assert not _errors(record)  # the levels' points are not added in with their rows'
    for form in record["forms"]:
        assert [r["path"][-1] for r in form["indicators"]] == ["立项规范性", "目标明确性", "设备配置台数", "设备验收合格率", "居民满意度"]


@pytest.mark.parametrize("shape", ["docx", "pipe"])
def test_a_level_whose_rows_do_not_add_up_to_its_points(tmp_path, shape):
    rows = [r[:] for r in LEVEL_ROWS_WITH_POINTS]
    rows[6][4] = "25"  # 设备配置台数 25: 产出's rows add up to 43, the level says 46
    assert _errors(_record(tmp_path, rows, shape))


def test_a_bare_result_under_a_points_column_further_up_is_no_score(tmp_path):
    rows = [r[:] for r in DEDUCTIONS_FORM]
    rows[5] = ["", "产出指标", "数量指标", "培育农民人数", "≥600人", "612", "30", "0", "30", ""]
    record = _record(tmp_path, rows, "docx")
    assert not [f for f in record["facts"] if f["text"].strip() == "612" and f["kind"] == "score"]


@pytest.mark.parametrize("shape", ["docx", "xlsx"])
def test_a_real_score_table_under_a_title_with_a_grade_row(tmp_path, shape):
    rows = [["附件3"]] + [r[:] for r in WEIGHTS_AND_SCORE_RATES] + [["评价等级", "优"]]
    record = _record(tmp_path, rows, shape)
    assert not [i for i in record["indicators"] if i["path"][0] == "评价等级"]  # the grade row is no indicator
    assert not _errors(record)
    rows[4][5] = "17"  # 资金到位率 17: the rows add up to 90.5
    assert any(f["rule"] == "score.tree" for f in record_flags(_record(tmp_path, rows, shape)))


def record_flags(record):
    return [f for f in record["flags"] if f["severity"] in ("error", "warning")]


def test_a_sangong_block_under_the_budget_block_is_a_block_of_its_own(tmp_path):
    rows = [r[:] for r in UNNAMED_FUND_ROWS[:6]] + [
        ["“三公”经费（万元）", "", "预算数", "执行数", "执行率", "", ""],
        ["", "合计", "24", "19.2", "80%", "", ""],
        ["", "公务用车运行维护费", "16", "13.6", "85%", "", ""],
        ["", "公务接待费", "8", "5.6", "70%", "", ""],
    ] + [r[:] for r in UNNAMED_FUND_ROWS[7:]]
    for shape in ("pipe", "docx"):
        record = _record(tmp_path, rows, shape)
        assert not _errors(record)  # its 合计 is no second total of the budget's rows
        amounts = Counter(v for k, v, u in _facts(record).elements() if k == "amount")
        assert amounts[Decimal("56000")] >= 1 and amounts[Decimal("136000")] >= 1  # 公务接待费 5.6, 公务用车 13.6


def test_a_units_line_above_a_table_of_a_report(tmp_path):
    for head, line in ((["项目", "预算数", "执行数"], "“三公”经费支出情况（单位：万元）"),
                       (["项目（单位：万元）", "预算数", "执行数"], "“三公”经费支出情况")):
        text = (f"某局2023年度部门整体支出绩效自评报告\n\n{line}\n\n"
                + _render([head, ["公务接待费", "8", "6.2"], ["公务用车运行维护费", "20", "18.4"], ["完成率", "95", "96"],
                           ["合计", "28", "24.6"]], "pipe"))
        record = text_record(tmp_path, text, "unit.txt")
        amounts = sorted(v for k, v, u in _facts(record).elements() if k == "amount")
        assert amounts == [62000, 80000, 184000, 200000, 246000, 280000]  # (a rate's row or column is no amount)
        assert not _errors(record)


def test_sources_heading_columns_side_by_side_are_no_fund_rows(tmp_path):
    rows = [
        ["转移支付（区域）绩效目标自评表"],
        ["转移支付名称", "农村饮水安全补助"],
        ["资金投入情况（万元）", "全年预算数", "", "", "全年执行数", "", "", "执行率"],
        ["", "合计", "中央资金", "省级资金", "合计", "中央资金", "省级资金", ""],
        ["", "5,000", "3,600", "1,400", "4,750", "3,600", "1,150", "95%"],
        ["一级指标", "二级指标", "三级指标", "指标值", "全年实际完成值", "未完成原因和改进措施"],
        ["产出指标", "数量指标", "新建供水工程处数", "≥24处", "25处", ""],
        ["满意度指标", "服务对象满意度指标", "受益群众满意度", "≥90%", "93%", ""],
    ]
    for shape in TEXT_SHAPES + ["docx"]:
        record = _record(tmp_path, rows, shape)
        assert not _errors(record), shape  # which figure is whose is not read: nothing is checked
        assert not [v for k, v, u in _facts(record).elements() if k == "percent" and v > 100]


def test_a_row_named_by_a_form_word_in_a_form_that_scores_rows_only(tmp_path):
    rows = [
        ["2023年度项目绩效自评表"],
        ["项目资金（万元）", "", "全年预算数", "全年执行数", "执行率"],
        ["", "年度资金总额", "80", "76.8", "96%"],
        ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "得分", "未完成原因"],
        ["产出指标（60分）", "数量指标（60分）", "培训人次", "≥900人次", "936人次", "60", ""],
        ["满意度指标（30分）", "服务对象满意度指标（30分）", "学员满意度", "≥90%", "92%", "30", ""],
        ["预算执行（10分）", "预算执行率（10分）", "预算执行率", "100%", "96%", "9.6", ""],
        ["总分", "", "", "", "", "99.6", ""],
    ]
    for shape in TEXT_SHAPES:
        record = _record(tmp_path, rows, shape)
        assert not _errors(record), shape
        assert [r["path"][-1] for r in record["forms"][0]["indicators"]][-1] == "预算执行率"


@pytest.mark.parametrize("shape", TEXT_SHAPES + ["docx", "xlsx", "csv", "csv_lines"])
def test_a_unit_column_gives_targets_with_comparators_their_unit(tmp_path, shape):
    # shapes without columns find the unit cell where the header puts it, before the target;
    # a word comparator written a space apart from its figure (不低于 300) is one cell with it
    rows = [r[:] for r in DEDUCTIONS_FORM]
    rows[4] = ["绩效指标", "一级指标", "二级指标", "三级指标", "计量单位", "年度指标值", "实际完成值", "权重", "得分", "扣分原因"]
    rows[5] = ["", "产出指标", "数量指标", "培育农民人数", "人", "≥ 600", "612", "30", "30", ""]
    rows[6] = ["", "产出指标", "质量指标", "建成示范基地", "个", "不少于 12", "14", "20", "18", "部分基地验收延后"]
    rows[7] = ["", "效益指标", "社会效益指标", "带动就业人数", "人", "不低于 300", "320", "30", "30", ""]
    rows[8] = ["", "满意度指标", "服务对象满意度指标", "学员满意度", "%", "≥ 90", "92", "10", "10", ""]
    record = _record(tmp_path, rows, shape)
    facts = Counter((k, v) for k, v, u in _facts(record).elements())
    assert facts[("headcount", Decimal("600"))] == 1 and facts[("headcount", Decimal("300"))] == 1
    assert facts[("headcount", Decimal("612"))] == 1 and facts[("percent", Decimal("92"))] == 1
    assert facts[("percent", Decimal("90"))] == 1
    assert not facts[("score", Decimal("14"))] and not facts[("score", Decimal("12"))]  # 个 counts are no facts
    rows_read = {r["path"][-1]: r for r in record["forms"][0]["indicators"]}
    assert rows_read["建成示范基地"]["target"]["comparator"] == ">="
    assert not _errors(record)


@pytest.mark.parametrize("shape", ["pipe", "single_spaced", "docx"])
def test_fund_rows_of_the_towns_that_spent_the_money(tmp_path, shape):
    rows = [r[:] for r in DEDUCTIONS_FORM[:4]] + [
        ["", "其中：东关镇", "50", "50", "48", "—", "96%", "—"],
        ["", "北岭乡", "40", "40", "37.5", "—", "93.75%", "—"],
    ] + [r[:] for r in DEDUCTIONS_FORM[4:]]
    record = _record(tmp_path, rows, shape)
    amounts = Counter(v for k, v, u in _facts(record).elements() if k == "amount")
    assert amounts[Decimal("480000")] == 1 and amounts[Decimal("375000")] == 1
    assert not _errors(record)


def test_a_word_put_between_the_column_labels_by_a_text_layer_is_no_column(tmp_path):
    # a PDF text layer wrote the 实施单位 cell's value in the middle of the fund header
    text = ("项目支出绩效自评表\n项目名称 乡村道路养护\n"
            "项目资金（万元） 年初预算数 全年预算数 县公路养护站 全年执行数 分值 执行率 得分\n"
            "年度资金总额 120 120 114 10 95% 9.5\n"
            "一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 偏差原因分析及改进措施\n"
            "产出指标 数量指标 养护里程 ≥300公里 306公里 90 90\n总分 100 99.5\n")
    record = text_record(tmp_path, text, "layer.txt")
    assert "县公路养护站" not in record["forms"][0]["fund_columns"]
    assert not _errors(record)


def test_a_column_with_a_unit_of_its_own_under_a_money_units_line(tmp_path):
    text = ("某县2023年度高标准农田建设项目绩效评价报告\n\n建设情况（单位：万元）\n\n"
            + _render([["乡镇", "建设面积（亩）", "投资"], ["东关镇", "3200", "480"], ["北岭乡", "2800", "420"],
                       ["合计", "6000", "900"]], "pipe"))
    record = text_record(tmp_path, text, "mu.txt")
    assert sorted(v for k, v, u in _facts(record).elements() if k == "amount") == [4200000, 4800000, 9000000]
    assert not _errors(record)


KEY_VALUE_BUDGET = [
    ["项目绩效自评表"],
    ["项目名称", "老旧小区雨污分流改造"],
    ["项目总投资（万元）", "860", "其中：财政资金", "790", "其他资金", "70"],
    ["当年实际支出（万元）", "812.4", "其中：财政资金", "760.2", "其他资金", "52.2"],
    ["一级指标", "二级指标", "三级指标", "目标值", "实际值", "分值", "得分", "偏差说明"],
    ["产出指标", "数量指标", "改造小区个数", "≥12个", "12个", "40", "40", ""],
    ["效益指标", "社会效益指标", "受益居民户数", "≥3000户", "3150户", "40", "40", ""],
    ["满意度指标", "服务对象满意度指标", "居民满意度", "≥90%", "92%", "20", "20", ""],
    ["总分", "", "", "", "", "100", "100", ""],
]


@pytest.mark.parametrize("shape", TEXT_SHAPES + ["docx", "xlsx", "csv", "csv_lines"])
def test_labels_and_values_of_a_budget_written_in_pairs(tmp_path, shape):
    # no fund header: 其他资金 (a fund row's label elsewhere) labels the value after it, and a
    # label carrying its money unit (项目总投资（万元）) labels its own
    record = _record(tmp_path, KEY_VALUE_BUDGET, shape)
    amounts = sorted(v for k, v, u in _facts(record).elements() if k == "amount")
    assert amounts == sorted(Decimal(x) * 10000 for x in ("860", "790", "70", "812.4", "760.2", "52.2"))
    assert not _errors(record)


SCORE_FIRST = [
    ["项目支出绩效自评表"],
    ["项目名称", "农村饮水安全巩固提升"],
    ["项目资金（万元）", "", "预算数", "到位数", "执行数", "到位率", "执行率"],
    ["", "合计", "360", "360", "342", "100%", "95%"],
    ["", "其中：财政资金", "300", "300", "288", "100%", "96%"],
    ["", "其他资金", "60", "60", "54", "100%", "90%"],
    ["一级指标", "二级指标", "三级指标", "指标值", "完成值", "自评分", "权重分", "备注"],
    ["产出指标", "数量指标", "新建集中供水工程", "≥6处", "6处", "30", "30", ""],
    ["产出指标", "时效指标", "工程完工时间", "2023年10月底前", "2023年11月中旬", "17", "20", "汛期停工"],
    ["效益指标", "社会效益指标", "受益人口", "≥8500人", "8760人", "30", "30", ""],
    ["满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "93%", "20", "20", ""],
    ["合计", "", "", "", "", "97", "100", ""],
]


@pytest.mark.parametrize("shape", TEXT_SHAPES + ["docx", "xlsx", "csv", "csv_lines"])
def test_a_header_that_puts_the_score_before_the_weight(tmp_path, shape):
    # 自评分 | 权重分, in that order, on the rows and on the total row; 其中：财政资金 is a source row;
    # a result written as a part of a month (11月中旬) is one cell
    record = _record(tmp_path, SCORE_FIRST, shape)
    form = record["forms"][0]
    assert record["metadata"]["score"] == 97
    assert {r["slot"] for r in form["funds"]} >= {"total", "current", "other"}
    rows = {r["path"][-1]: r for r in form["indicators"]}
    assert len(rows) == 4
    weights = {f["id"]: f["value"] for f in record["facts"]}
    assert (weights[rows["工程完工时间"]["weight"]], weights[rows["工程完工时间"]["score"]]) == (20, 17)
    amounts = Counter(v for k, v, u in _facts(record).elements() if k == "amount")
    assert amounts[Decimal("2880000")] == 1 and amounts[Decimal("540000")] == 1
    assert not _errors(record)
    # a total that does not add up is still flagged, in this order too
    bad = [r[:] for r in SCORE_FIRST]
    bad[-1] = ["合计", "", "", "", "", "95", "100", ""]
    assert any("95" in m for m in _errors(_record(tmp_path, bad, shape)))


BASIC_DATA = [
    ["部门整体支出绩效评价基础数据表"],
    ["人员情况", "核定编制（人）", "年末实有人数（人）", "编制使用率"],
    ["", "54", "51", "94.44%"],
    ["支出情况（万元）", "上年决算数", "本年预算数", "本年决算数"],
    ["公用经费", "118", "112", "109.5"],
    ["其中：会议费", "6.2", "5", "4.8"],
    ["项目支出", "640", "700", "668.3"],
]


@pytest.mark.parametrize("shape", ["pipe", "docx", "xlsx"])
def test_a_second_header_row_gives_the_columns_below_it_their_unit(tmp_path, shape):
    # the 人 of the first block's headers stops at the next header row, whose first cell states 万元
    record = _record(tmp_path, BASIC_DATA, shape)
    facts = Counter((k, v) for k, v, u in _facts(record).elements())
    assert facts[("headcount", Decimal("54"))] == 1 and facts[("headcount", Decimal("51"))] == 1
    assert not facts[("headcount", Decimal("118"))] and not facts[("headcount", Decimal("640"))]
    assert facts[("amount", Decimal("1180000"))] == 1 and facts[("amount", Decimal("6683000"))] == 1
    assert facts[("amount", Decimal("48000"))] == 1


def _score_table(total: str) -> list:
    return [
        ["项目绩效评价指标评分表"],
        ["一级指标", "二级指标", "三级指标", "分值", "评分标准", "得分"],
        ["决策", "项目立项", "立项规范性", "10", "程序规范得满分", "8.5"],
        ["过程", "资金管理", "资金使用合规性", "20", "无违规得满分", "20"],
        ["产出", "产出数量", "完成改造户数", "40", "全部完成得满分", "38"],
        ["效益", "社会效益", "群众满意度", "30", "满意度≥90%得满分", "27.5"],
        ["合计", "", "", "100", "", total],
    ]


@pytest.mark.parametrize("shape", ["docx", "xlsx"])
def test_a_score_table_total_a_point_off_its_half_points_is_an_error(tmp_path, shape):
    # 8.5 + 20 + 38 + 27.5 = 94 exactly: a total of 95 is no rounding of them
    assert not _errors(_record(tmp_path, _score_table("94"), shape))
    errors = _errors(_record(tmp_path, _score_table("95"), shape))
    assert errors and "94" in errors[0]


def test_a_sheet_whose_first_and_last_rows_are_sentences(tmp_path):
    rows = [
        ["该项目年初预算256万元，全年执行243.2万元，执行率95%。"],
        ["项目名称", "乡村公厕改造"],
        ["一级指标", "二级指标", "三级指标", "分值", "得分"],
        ["产出指标", "数量指标", "改造公厕座数", "60", "57"],
        ["满意度指标", "服务对象满意度指标", "村民满意度", "40", "38"],
        ["经综合评定，本项目自评得分95分，自评等级为优。"],
    ]
    record = _record(tmp_path, rows, "xlsx")
    amounts = sorted(v for k, v, u in _facts(record).elements() if k == "amount")
    assert amounts == [Decimal("2432000"), Decimal("2560000")]
    assert (record["metadata"]["score"], record["metadata"]["grade"]) == (95, "优")
    assert record["metadata_sources"]["score"]["row"] == 5


OLD_COMPLETION_FORM = [
    ["2016年度项目绩效目标完成情况表"],
    ["项目名称", "农村饮水水质检测"],
    ["项目主管部门", "某县卫生局", "项目实施单位", "某县疾控中心"],
    ["项目资金使用情况（万元）", "资金来源", "预算数", "实际支出", "结余"],
    ["", "合计", "64", "60.5", "3.5"],
    ["", "省级资金", "40", "40", "0"],
    ["", "县级资金", "24", "20.5", "3.5"],
    ["一级指标", "二级指标", "指标内容", "指标值", "实际完成值"],
    ["产出指标", "数量指标", "水样检测份数", "≥1200份", "1260份"],
    ["效益指标", "社会效益指标", "受益人口", "≥5万人", "5.3万人"],
]


@pytest.mark.parametrize("shape", TEXT_SHAPES + ["docx", "xlsx", "csv", "csv_lines"])
def test_an_older_completion_form_with_a_balance_column(tmp_path, shape):
    record = _record(tmp_path, OLD_COMPLETION_FORM, shape)
    form = record["forms"][0]
    assert form["template"] == "project"
    amounts = Counter(v for k, v, u in _facts(record).elements() if k == "amount")
    for wan in ("64", "60.5", "40", "24", "20.5"):
        assert amounts[Decimal(wan) * 10000] >= 1, wan
    assert amounts[Decimal("35000")] == 2  # the 结余 of the total and of the county's funds
    assert not _errors(record)


SOURCES_AS_COLUMNS = [
    ["2022年度转移支付区域绩效自评表"],
    ["转移支付名称", "农村危房改造补助资金"],
    ["资金情况（万元）", "合计", "中央资金", "省级资金", "县级资金"],
    ["全年预算数", "3,600", "2,400", "800", "400"],
    ["全年执行数", "3,420", "2,400", "720", "300"],
    ["执行率", "95%", "100%", "90%", "75%"],
    ["一级指标", "二级指标", "三级指标", "指标值", "实际完成值"],
    ["产出指标", "数量指标", "改造危房户数", "≥1500户", "1536户"],
]


@pytest.mark.parametrize("shape", TEXT_SHAPES + ["docx", "xlsx", "csv", "csv_lines"])
def test_a_fund_block_with_its_sources_as_columns(tmp_path, shape):
    record = _record(tmp_path, SOURCES_AS_COLUMNS, shape)
    funds = {r["label"]: r for r in record["forms"][0]["funds"]}
    assert [funds[k]["slot"] for k in ("合计", "中央资金", "省级资金", "县级资金")] == ["total", "central", "local", "local"]
    facts = {f["id"]: f for f in record["facts"]}
    county = {col: facts[fid]["value"] for col, fid in funds["县级资金"]["cells"].items()}
    assert county == {"全年预算数": 4000000, "全年执行数": 3000000, "执行率": 75}
    assert not _errors(record)
    # a source's rate that is not its spending over its budget is flagged
    bad = [r[:] for r in SOURCES_AS_COLUMNS]
    bad[5] = ["执行率", "95%", "100%", "90%", "85%"]
    assert any("85%" in m for m in _errors(_record(tmp_path, bad, shape)))


def _converted_scores_form(total: str = "95.5") -> list:
    return [
        ["项目支出绩效自评表"],
        ["项目名称", "村级综合服务站改造"],
        ["项目资金（万元）", "", "全年预算数", "全年执行数", "执行率", "权重占比（%）", "折算得分"],
        ["", "年度资金总额", "120", "114", "95%", "10", "9.5"],
        ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "单项指标得分", "权重占比（%）", "单项指标折算得分"],
        ["产出指标", "数量指标", "改造服务站个数", "≥18个", "18个", "100", "40", "40"],
        ["效益指标", "社会效益指标", "群众办事便利度", "≥90%", "92%", "100", "30", "30"],
        ["满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "88%", "80", "20", "16"],
        ["总分", "", "", "", "", "—", "100", total],
    ]


@pytest.mark.parametrize("shape", TEXT_SHAPES + ["docx", "xlsx", "csv", "csv_lines"])
def test_rows_scored_on_their_own_and_converted_by_weight(tmp_path, shape):
    # 单项指标得分 is each row's own score out of 100; the converted column is what adds up
    record = _record(tmp_path, _converted_scores_form(), shape)
    assert not _errors(record)
    facts = {f["id"]: f for f in record["facts"]}
    row = next(r for r in record["forms"][0]["indicators"] if r["path"][-1] == "群众满意度")
    assert (facts[row["score"]]["value"], facts[row["raw_score"]]["value"]) == (16, 80)
    assert record["metadata"]["score"] == Decimal("95.5")
    shares = Counter(v for k, v, u in _facts(record).elements() if k == "percent")
    assert shares[Decimal("40")] == 1 and shares[Decimal("30")] == 1 and shares[Decimal("20")] == 1
    errors = _errors(_record(tmp_path, _converted_scores_form("96.5"), shape))
    assert errors and "96.5" in errors[0]


@pytest.mark.parametrize("shape", ["pipe", "single_spaced", "docx"])
def test_investment_and_bond_sources_are_source_rows(tmp_path, shape):
    rows = [
        ["项目支出绩效自评表"],
        ["项目名称", "城区排水管网改造"],
        ["项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "执行率"],
        ["", "年度资金总额", "5,000", "5,000", "4,750", "95%"],
        ["", "其中：中央预算内投资", "2,000", "2,000", "2,000", "100%"],
        ["", "地方政府专项债券", "3,000", "3,000", "2,750", "91.67%"],
    ]
    record = _record(tmp_path, rows, shape)
    assert {r["slot"] for r in record["forms"][0]["funds"]} == {"total", "central", "local"}
    assert not _errors(record)
    bad = [r[:] for r in rows]
    bad[5] = ["", "地方政府专项债券", "3,200", "3,000", "2,750", "91.67%"]
    assert any("5,000" in m or "5000" in m for m in _errors(_record(tmp_path, bad, shape)))


@pytest.mark.parametrize("shape", ["docx", "xlsx"])
def test_a_target_split_into_comparator_figure_and_unit_columns(tmp_path, shape):
    rows = [
        ["项目支出绩效自评表"],
        ["项目名称", "农村饮水安全巩固"],
        ["一级指标", "二级指标", "三级指标", "预期指标值", "", "", "实际完成值", "分值", "得分"],
        ["", "", "", "符号", "值", "单位（文字描述）", "", "", ""],
        ["产出指标", "数量指标", "新建供水工程", "≥", "14", "处", "15", "30", "30"],
        ["产出指标", "质量指标", "水质达标率", "≥", "95", "%", "96.4", "30", "30"],
        ["效益指标", "社会效益指标", "受益人口", "≥", "6800", "人", "6530", "40", "40"],
        ["总分", "", "", "", "", "", "", "100", "100"],
    ]
    record = _record(tmp_path, rows, shape)
    facts = Counter((k, v) for k, v, u in _facts(record).elements())
    assert facts[("percent", Decimal("95"))] == 1 and facts[("percent", Decimal("96.4"))] == 1
    row = next(r for r in record["forms"][0]["indicators"] if r["path"][-1] == "受益人口")
    assert (row["target"]["comparator"], row["target"]["value"], row["target"]["unit"]) == (">=", 6800, "人")
    # 6530 misses ≥ 6800 and still gets its full 40 points
    assert any(f["rule"] == "form.target_missed" for f in record["flags"])


def _weights_every_level_with_rules(total: str = "90.5") -> list:
    return [
        ["某县2023年度乡村道路养护项目绩效评价指标评分表"],
        ["一级指标", "分值", "二级指标", "分值", "三级指标", "分值", "评分标准", "得分"],
        ["决策", "20", "项目立项", "10", "立项规范性", "10", "程序规范得满分，否则酌情扣分", "9"],
        ["", "", "绩效目标", "10", "目标明确性", "10", "目标量化得满分，每缺一项扣2分", "8"],
        ["小计", "", "", "", "", "20", "", "17"],
        ["过程", "30", "资金管理", "30", "资金使用合规性", "30", "无违规得满分", "28.5"],
        ["小计", "", "", "", "", "30", "", "28.5"],
        ["产出", "50", "产出数量", "50", "养护里程完成率", "50", "完成率100%得满分，按比例得分", "45"],
        ["小计", "", "", "", "", "50", "", "45"],
        ["合计", "", "", "", "", "100", "", total],
    ]


@pytest.mark.parametrize("shape", TEXT_SHAPES)
def test_a_table_weighting_every_level_with_a_rules_column_and_subtotals(tmp_path, shape):
    # the 评分标准 between a row's weight and its score, the empty cells of `|` rows and the 小计
    # rows (subtotals, no indicators) do not stop the stream of names and figures
    record = _record(tmp_path, _weights_every_level_with_rules(), shape)
    # (a `|` table's, or a spaced one's, own reader gives its levels too: the rows are the third level)
    rows = record["forms"][0]["indicators"] if record["forms"] else record["indicators"]
    assert [r["path"][-1] for r in rows if len(r["path"]) == 3] == ["立项规范性", "目标明确性", "资金使用合规性", "养护里程完成率"]
    assert not _errors(record)
    errors = _errors(_record(tmp_path, _weights_every_level_with_rules("91.5"), shape))
    assert errors and "91.5" in errors[0]


def test_a_two_line_header_splitting_the_score_written_as_text(tmp_path):
    # a county's form saved as text, one row a line: the score column's sub-columns stand on
    # the header's second line, the target's unit in a cell that says what it is (%(百分比)),
    # a column of words (完成) between the result and the points, the 分值 column left empty
    text = "\n".join([
        "某县民政局2021年度预算项目绩效自评表",
        "一、基本情况 项目名称: 高龄老人生活补贴 金额单位: 万元",
        "四、年度绩效指标完成情况 一级指标 二级指标 三级指标 指标分值 预期指标值 单项指标实际完成值 单项指标完成情况 自评得分",
        "符号 单位(文字描述) 单项指标得分 权重占比(%) 单项指标折算得分",
        "产出指标 数量指标 补贴发放人数占比 >= 96 %(百分比) 100% 完成 40.00 40.00 16.00",
        "效益指标 社会效益指标 按月发放率 >= 90 %(百分比) 95% 完成 50.00 50.00 25.00",
        "满意度指标 服务对象满意度指标 老人满意度 >= 90 %(百分比) 92% 完成 10.00 10.00 1.00",
    ]) + "\n"
    record = text_record(tmp_path, text)
    facts = {f["id"]: f for f in record["facts"]}
    rows = {r["path"][-1]: r for r in record["forms"][0]["indicators"]}
    row = rows["按月发放率"]
    assert (row["target"]["value"], row["target"]["comparator"], row["target"]["unit"]) == (Decimal("90"), ">=", "%")
    assert (facts[row["raw_score"]]["value"], facts[row["score"]]["value"]) == (50, 25)
    shares = [f for f in record["facts"] if f.get("slot") == "weight_share" or f.get("label") == "权重占比"]
    assert sorted(f["value"] for f in shares) == [10, 40, 50]
    assert not [f for f in record["flags"] if f["severity"] == "error"]


# a sheet saved as one line of cells: long indicator names wrap in their cells and the export
# cuts them at the wrap (及时拨 | 付, 入 | 学), the row's figures all after the broken-off end
WRAPPED_NAMES_FORM = (
    "项目支出绩效自评表（2021年度） 项目名称 乡村学校营养改善补助 主管部门 某县教育局 "
    "项目资金（万元） 年初预算数 全年预算数 全年执行数 分值 执行率 得分 "
    "年度资金总额 120 120 114 10 95% 9.5 "
    "一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 偏差原因分析及改进措施 "
    "产出指标 数量指标 指标1:受助学生人数 ≥2000人 2150人 20 20 "
    "时效指标 指标1:补助资金是否按季度及时拨 付 100% 100% 15 15 "
    "质量指标 指标1:学生营养餐入 学 95% 96% 15 14 "
    "效益指标 社会效益指标 家长满意度 ≥90% 93% 30 30 "
    "总分 100 98.5"
)


def test_the_broken_off_end_of_a_name_is_no_target(tmp_path):
    record = text_record(tmp_path, WRAPPED_NAMES_FORM)
    scores = Counter(v for k, v, u in _facts(record).elements() if k == "score")
    assert scores[Decimal(15)] == 3 and scores[Decimal(14)] == 1
    rows = {r["path"][-1]: r for r in record["forms"][0]["indicators"]}
    timely = next(r for name, r in rows.items() if "及时拨" in name)
    assert _points(record, timely) == (Decimal(15), Decimal(15))
    assert _errors(record) == []


def test_a_short_worded_target_is_still_a_target(tmp_path):
    # 好 | 好 | 10 | 10: a qualitative row's two words are its target and result, not a name's end
    text = WRAPPED_NAMES_FORM.replace("家长满意度 ≥90% 93% 30 30", "家长满意度 好 好 30 30")
    record = text_record(tmp_path, text)
    rows = {r["path"][-1]: r for r in record["forms"][0]["indicators"]}
    assert _points(record, rows["家长满意度"]) == (Decimal(30), Decimal(30))
    assert _errors(record) == []


def _points(record, row) -> tuple:
    """An indicator row's 分值 and 得分 (the row names them by fact id)."""
    values = {f["id"]: Decimal(str(f["value"])) for f in record["facts"]}
    return values[row["weight"]], values[row["score"]]


# a sheet whose merged cells put the block's row labels and 实施单位 between the first column
# label and the others; every money column filled, so each row writes a figure more before its rate
INTERLEAVED_HEADER_FORM = (
    "项目支出绩效自评表 （2022年度） 项目名称 村级公益事业奖补 主管部门 某县财政局 "
    "项目资金 年初预算数 （万元） 年度资金总额 其中：当年财政拨款 实施单位 全年预算数 全年执行数 分值 执行率 得分 "
    "300.00 325.40 318.90 10 98.00% 9.8 300.00 325.40 318.90 — 98.00% — 上年结转资金 — — — — "
    "其他资金 — — — — 某县农村综合改革服务中心 "
    "一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 "
    "产出指标 数量指标 奖补项目个数 ≥40个 42个 40 40 效益指标 满意度 群众满意度 ≥90% 94% 50 50 "
    "总分 100 99.8\n"
)


def test_a_first_column_label_before_the_row_labels(tmp_path):
    record = text_record(tmp_path, INTERLEAVED_HEADER_FORM)
    form = record["forms"][0]
    assert form["fund_columns"][:3] == ["年初预算数", "全年预算数", "全年执行数"]
    values = {f["id"]: Decimal(str(f["value"])) for f in record["facts"]}
    total = next(r for r in form["funds"] if r["slot"] == "total")
    assert {c: values[f] for c, f in total["cells"].items()} == {
        "年初预算数": Decimal(3000000), "全年预算数": Decimal(3254000), "全年执行数": Decimal(3189000),
        "分值": Decimal(10), "执行率": Decimal(98), "得分": Decimal("9.8")}
    assert _errors(record) == []


def test_a_slip_under_a_first_column_before_the_row_labels(tmp_path):
    text = INTERLEAVED_HEADER_FORM.replace("10 98.00% 9.8", "10 96.00% 9.6").replace("总分 100 99.8", "总分 100 99.6")
    assert any(f["rule"] == "form.execution_rate" for f in text_record(tmp_path, text)["flags"] if f["severity"] == "error")


# a department's form with its income and its spending broken down side by side, the sheet's
# rows coming out one after the other (财政拨款 | 基本支出 | 其他资金 | 项目支出)
TWO_BREAKDOWNS_FORM = (
    "部门整体支出绩效自评表 （2021年度） 部门（单位）名称 某县农业农村局 "
    "年度预算执行情况（万元） 年初预算数 全年预算数 全年执行数 分值 执行率 得分 "
    "年度资金总额 5200.00 5630.00 5517.40 10 98.00% 9.8 按收入性质分 按支出性质分 "
    "其中：财政拨款 5000.00 5400.00 5290.00 其中：基本支出 3100.00 3250.00 3250.00 "
    "其他资金 200.00 230.00 227.40 项目支出 2100.00 2380.00 2267.40\n"
)


def test_income_and_spending_breakdowns_side_by_side_add_up_each(tmp_path):
    record = text_record(tmp_path, TWO_BREAKDOWNS_FORM)
    assert [f for f in record["flags"] if f["rule"] == "form.funds_total"] == []
    # 项目支出 2,300 in the first column: the spending parts make 5,400, not 5,200
    slipped = text_record(tmp_path, TWO_BREAKDOWNS_FORM.replace("项目支出 2100.00", "项目支出 2300.00"))
    assert [f for f in slipped["flags"] if f["rule"] == "form.funds_total"]


# the header's last labels after the first row's name, as a sheet's merged level cells put them
# (三级指标 | 年度 指标值 | 产出指标 | 数量指标 | 受助人数 | 实际 完成值 | 分值 | 得分 | … | ≥500人 …)
HEADER_AFTER_FIRST_NAME_FORM = (
    "项目支出绩效自评表 （2023年度） 项目名称 困难残疾人生活补贴 主管部门 某县残疾人联合会 "
    "项目资金 （万元） 年初预算数 全年预算数 全年执行数 分值 执行率 得分 年度资金总额 60.00 60.00 58.80 10 98.00% 9.8 "
    "绩 效 指 标 一级指标 二级指标 三级指标 年度 指标值 产出指标 数量指标 补贴发放人数 实际 完成值 分值 得分 "
    "偏差原因分析及改进措 施 ≥500人 512人 30 30 — 成本指标 每人每月补贴标准 ≥95元/人 100元/人 20 20 — "
    "效益指标 社会效益指标 生活水平改善 有效改善 有效改善 20 20 — 满意度指标 服务对象满意度指标 受助对象满意度 ≥90% 96% 20 20 — "
    "总分 100 99.8"
)


def test_header_labels_after_the_first_rows_name(tmp_path):
    record = text_record(tmp_path, HEADER_AFTER_FIRST_NAME_FORM)
    rows = {r["path"][-1]: r for r in record["forms"][0]["indicators"]}
    assert rows["补贴发放人数"]["target"]["text"] == "≥500人" and _points(record, rows["补贴发放人数"]) == (Decimal(30), Decimal(30))
    assert _errors(record) == []
    slipped = text_record(tmp_path, HEADER_AFTER_FIRST_NAME_FORM.replace("总分 100 99.8", "总分 100 98.8"))
    assert any(f["rule"] == "form.score_total" for f in slipped["flags"] if f["severity"] == "error")


def test_a_money_actual_ten_thousand_times_off_its_target(tmp_path):
    text = HEADER_AFTER_FIRST_NAME_FORM.replace("≥95元/人 100元/人 20 20", "≤60万元 58.8万元 20 20")
    assert [f for f in text_record(tmp_path, text)["flags"] if f["rule"] == "unit.slip"] == []
    slips = [f for f in text_record(tmp_path, text.replace("58.8万元 20", "58.8元 20"))["flags"] if f["rule"] == "unit.slip"]
    assert len(slips) == 1 and "58.8万元" in slips[0]["message"]


# a transfer form whose fund rows write one amount more than its header names (a column the
# header lost), and whose 其中 rows repeat the total's 分值 and 得分 beside their own rate
_WIDER_ROWS = ("溪山县残疾儿童康复补助资金转移支付整体绩效目标自评表\n（2023年度）\n"
               "转移支付(项目)名称 残疾儿童康复补助资金\n市级主管部门 某市残疾人联合会\n"
               "项目资金(万元) 年初预算数 全年预算数(A) 全年执行数(B) 分值 预算执行率(B/A) 得分\n"
               "年度资金总额: 46.5 46.5 46.5 {} 10 {} 10\n"
               " 其中:中央资金 46.5 46.5 46.5 {} 10 {} 10\n"
               "       省级资金\n       其他资金\n"
               "年度总体目标 年初设定目标 全年实际完成情况\n"
               "为120名残疾儿童提供康复训练服务。 完成120名残疾儿童康复训练。\n")


def test_fund_rows_wider_than_their_header_keep_every_amount(tmp_path):
    record = text_record(tmp_path, _WIDER_ROWS.format("46.5", "100%", "46.5", "100%"))
    amounts = [f for f in record["facts"] if f["kind"] == "amount" and f["value"] == Decimal("465000")]
    assert len(amounts) == 8
    points = [f for f in record["facts"] if f["kind"] == "score" and f["value"] == Decimal("10")]
    assert len(points) == 4
    assert not [f for f in record["flags"] if f["severity"] == "error"]


def test_fund_rows_under_a_money_column_the_header_does_not_name(tmp_path):
    # 年度预算申请 is no column the template names: every row has one amount more than the header
    text = ("部门整体支出绩效自评表\n部门（单位）名称 溪口县卫生健康局\n金额单位：万元\n"
            "项目 年度预算申请 全年预算数 全年执行数 分值 执行率 得分\n"
            "资金总额 4210.50 4388.20 4302.06 10 98.04% 9.8\n"
            "其中：一般公共预算拨款 3960.50 4120.00 4068.36\n政府性基金拨款 250.00 268.20 233.70\n")
    record = text_record(tmp_path, text)
    assert not [f for f in record["facts"] if f["kind"] == "percent" and f["value"] > 100]
    assert {Decimal("2682000.00"), Decimal("2337000.00")} <= {f["value"] for f in record["facts"] if f["kind"] == "amount"}
    assert not [f for f in record["flags"] if f["severity"] == "error"]


# a form, then a table of the narrative's own (by-class standards, with a 合计 row)
_FORM_THEN_TABLE = ("溪山县2023年困难群众救助补助资金绩效自评表\n"
                    "一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分\n"
                    "产出指标 数量指标 城市低保保障人数 ≥1500人 1620人 50 50\n"
                    "效益指标 社会效益指标 困难群众基本生活保障率 100% 100% 50 50\n"
                    "\n表2 各类对象补助标准\n"
                    "{}\n")
_CLASS_TABLE = [["类别", "月补助标准(元/人)", "人数(人)", "全年资金(万元)"],
                ["城市低保", "480", "1620", "933.12"], ["农村低保", "350", "4000", "1680"],
                ["合计", "—", "5620", "2613.12"]]


@pytest.mark.parametrize("joiner", ["    ", " | "])
def test_a_table_after_the_form_is_no_part_of_it(tmp_path, joiner):
    rows = "\n".join(joiner.join(row) for row in _CLASS_TABLE)
    record = text_record(tmp_path, _FORM_THEN_TABLE.format(rows))
    table_block = next(f["source"]["block"] for f in record["facts"] if f["value"] == Decimal("4000"))
    kinds = Counter(f["kind"] for f in record["facts"] if f["source"]["block"] == table_block)
    assert kinds == {"money_rate": 2, "headcount": 3, "amount": 3}
    assert {Decimal("5620"), Decimal("26131200.00")} <= {f["value"] for f in record["facts"]}
    assert not [f for f in record["flags"] if f["severity"] == "error"]


PER_HEAD_FORM = [
    ["项目支出绩效自评表"],
    ["项目名称", "困难群众临时救助", "", "主管部门", "某县民政局", "", "", ""],
    ["项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
    ["", "年度资金总额", "260", "260", "247", "10", "95%", "9.5"],
    ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
    ["产出指标", "数量指标", "救助人次", "≥1200人次", "1286人次", "30", "30", ""],
    ["", "成本指标", "人均救助标准", "≥1500元", "1920元", "20", "20", ""],
    ["", "成本指标", "项目总成本", "≤260万元", "247万元", "20", "20", ""],
    ["满意度指标", "服务对象满意度指标", "受助群众满意度", "≥90%", "95%", "20", "20", ""],
    ["总分", "", "", "", "", "100", "99.5", ""],
]


@pytest.mark.parametrize("shape", TEXT_SHAPES + ["docx"])
def test_a_per_head_standard_in_a_row_of_yuan_is_money_per_head(tmp_path, shape):
    record = _record(tmp_path, PER_HEAD_FORM, shape)
    rows = {r["path"][-1]: r for r in record["forms"][0]["indicators"]}
    facts = {f["id"]: f for f in record["facts"]}
    standard = rows["人均救助标准"]
    assert [facts[standard[k]["fact"]]["kind"] for k in ("target", "actual")] == ["money_rate", "money_rate"]
    assert facts[standard["actual"]["fact"]]["value"] == Decimal("1920")
    # money in 万元 under a cost's name stays an amount
    assert facts[rows["项目总成本"]["target"]["fact"]]["kind"] == "amount"


@pytest.mark.parametrize("shape", TEXT_SHAPES)
def test_a_standard_per_head_in_words_is_a_target_not_a_name(tmp_path, shape):
    rows = [list(r) for r in PER_HEAD_FORM]
    rows[6] = ["", "成本指标", "临时救助补助标准", "每人每年1500元", "每人每年1500元", "20", "20", ""]
    record = _record(tmp_path, rows, shape)
    got = {r["path"][-1]: r for r in record["forms"][0]["indicators"]}
    facts = {f["id"]: f for f in record["facts"]}
    standard = got["临时救助补助标准"]
    assert standard["target"]["unit"] == "元/人" and standard["target"]["value"] == Decimal("1500")
    assert facts[standard["weight"]]["value"] == 20 and facts[standard["score"]]["value"] == 20
    assert facts[standard["actual"]["fact"]]["kind"] == "money_rate"
    assert "每人每年1500元" not in got
