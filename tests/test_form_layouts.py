"""Form layouts of county archives, written here with invented figures: a target split into
comparator | figure | unit cells whose unit is a time (月) or a placeholder of a qualitative row
(文字描述); a 预算执行进度（%） column; fund blocks set side by side (预算 / 到位 / 执行, each
naming its own rows). Each is rendered to the text shapes and to real tables."""
from __future__ import annotations

from collections import Counter
from decimal import Decimal

import pytest

from test_form_variants import TEXT_SHAPES, _errors, _facts, _record


def _split_target_form(months: str = "10") -> list:
    return [
        ["2024年度项目支出绩效自评表"],
        ["项目名称", "乡镇污水管网改造"],
        ["预算执行情况（万元）", "", "预算数", "到位数", "执行数", "预算执行进度（%）"],
        ["", "合计", "420", "420", "399", "95"],
        ["", "其中:财政资金", "400", "400", "380", "95"],
        ["", "其他", "20", "20", "19", "95"],
        ["一级指标", "二级指标", "三级指标", "预期指标值", "", "", "实际完成值", "分值", "得分"],
        ["", "", "", "符号", "值", "单位（文字描述）", "", "", ""],
        ["产出指标", "数量指标", "改造污水管网", "≥", "18", "公里", "18.6", "30", "30"],
        ["产出指标", "时效指标", "工程完工时限", "≤", months, "月", "9", "20", "20"],
        ["效益指标", "可持续影响指标", "管网运维机制", "定性", "健全", "文字描述", "健全", "20", "20"],
        ["满意度指标", "服务对象满意度指标", "沿线居民满意度", "≥", "90", "%", "92", "30", "28"],
        ["总分", "", "", "", "", "", "", "100", "98"],
    ]


SHAPES = TEXT_SHAPES + ["docx", "xlsx"]


@pytest.mark.parametrize("shape", SHAPES)
def test_a_time_unit_and_a_placeholder_in_the_unit_cell(tmp_path, shape):
    record = _record(tmp_path, _split_target_form(), shape)
    rows = {r["path"][-1]: r for r in record["forms"][0]["indicators"]}
    assert set(rows) == {"改造污水管网", "工程完工时限", "管网运维机制", "沿线居民满意度"}
    deadline = rows["工程完工时限"]["target"]
    assert (deadline["comparator"], deadline["value"], deadline["unit"]) == ("<=", 10, "月")
    assert rows["管网运维机制"]["target"]["text"].strip() == "健全"
    scores = sorted(v for k, v, u in _facts(record).elements() if k == "score")
    assert scores == sorted(Decimal(x) for x in ("30", "30", "20", "20", "20", "20", "30", "28", "100", "98"))
    assert not _errors(record)


@pytest.mark.parametrize("shape", SHAPES)
def test_an_execution_progress_column_gives_rates_and_is_not_checked_as_one(tmp_path, shape):
    record = _record(tmp_path, _split_target_form(), shape)
    rates = [v for k, v, u in _facts(record).elements() if k == "percent" and v == 95]
    assert len(rates) == 3
    assert not any(f["rule"] == "form.execution_rate" for f in record["flags"])


@pytest.mark.parametrize("shape", TEXT_SHAPES)
def test_a_deadline_missed_under_its_own_unit_is_a_claim(tmp_path, shape):
    # 9 months against ≤ 8 months with full points
    record = _record(tmp_path, _split_target_form("8"), shape)
    assert any(f["rule"] == "form.target_missed" and "工程完工时限" in f["message"] for f in record["flags"])


def _side_by_side(other_spent: str = "19") -> list:
    # three blocks on one row each: 预算数 | 到位数 | 执行数, every block naming its rows
    return [
        ["2024年度项目支出绩效自评表"],
        ["项目名称", "敬老院设施改造"],
        ["预算执行情况（万元）", "预算数", "到位数", "执行数"],
        ["合计", "420", "合计", "420", "合计", "399"],
        ["其中:财政资金", "400", "其中:财政资金", "400", "其中:财政资金", "380"],
        ["其他", "20", "其他", "20", "其他", other_spent],
    ]


@pytest.mark.parametrize("shape", ["single_spaced", "one_line", "cells"])
def test_fund_blocks_set_side_by_side_fill_one_row_each(tmp_path, shape):
    record = _record(tmp_path, _side_by_side(), shape)
    funds = record["forms"][0]["funds"]
    facts = {f["id"]: f for f in record["facts"]}
    cells = {r["label"]: {c: facts[i]["value"] for c, i in r["cells"].items()} for r in funds}
    assert [Decimal(str(v)) for v in cells["财政资金"].values()] == [Decimal("4000000")] * 2 + [Decimal("3800000")]
    assert len(funds) == 3
    assert not _errors(record)
    amounts = Counter(v for k, v, u in _facts(record).elements() if k == "amount")
    assert sum(amounts.values()) == 9


@pytest.mark.parametrize("shape", ["single_spaced", "one_line", "cells"])
def test_a_part_of_side_by_side_blocks_that_breaks_the_sum(tmp_path, shape):
    # 执行数: 380 + 29 ≠ 399
    errors = _errors(_record(tmp_path, _side_by_side("29"), shape))
    assert errors and "399" in errors[0]


def _sources_under_each_column(county_spent: str = "1,274") -> list:
    # a transfer form's two-line fund header: the sources named once under each money column
    return [
        ["2024年度中央对地方转移支付区域绩效自评表"],
        ["转移支付名称", "义务教育薄弱环节改善补助资金"],
        ["资金投入情况（万元）", "全年预算数", "", "", "全年执行数", "", "", "执行率"],
        ["", "合计", "中央资金", "地方资金", "合计", "中央资金", "地方资金", ""],
        ["", "6,520", "5,200", "1,320", "6,454", "5,180", county_spent, "98.99%"],
        ["一级指标", "二级指标", "三级指标", "指标值", "全年实际完成值"],
        ["产出指标", "数量指标", "改造薄弱学校", "≥26所", "27所"],
        ["满意度指标", "服务对象满意度指标", "师生满意度", "≥90%", "95%"],
    ]


@pytest.mark.parametrize("shape", SHAPES)
def test_sources_named_under_each_money_column(tmp_path, shape):
    record = _record(tmp_path, _sources_under_each_column(), shape)
    facts = {f["id"]: f for f in record["facts"]}
    cells = {r["label"]: {c: Decimal(str(facts[i]["value"])) for c, i in r["cells"].items()}
             for r in record["forms"][0]["funds"]}
    assert cells["合计"] == {"全年预算数": Decimal("65200000"), "全年执行数": Decimal("64540000"), "执行率": Decimal("98.99")}
    assert cells["中央资金"] == {"全年预算数": Decimal("52000000"), "全年执行数": Decimal("51800000")}
    assert cells["地方资金"] == {"全年预算数": Decimal("13200000"), "全年执行数": Decimal("12740000")}
    assert not _errors(record)


@pytest.mark.parametrize("shape", SHAPES)
def test_a_source_under_each_money_column_that_breaks_the_total(tmp_path, shape):
    # 5,180 + 1,284 = 6,464, not 6,454
    errors = _errors(_record(tmp_path, _sources_under_each_column("1,284"), shape))
    assert errors and "6454" in errors[0].replace(",", "")


def _procurement_block() -> list:
    return [
        ["2024年度部门整体支出绩效自评表"],
        ["部门（单位）名称", "某县自然资源局"],
        ["预算执行情况（万元）", "", "年初预算数", "全年预算数", "全年执行数", "执行率"],
        ["", "合计", "1,840.00", "1,960.00", "1,911.00", "97.50%"],
        ["", "基本支出", "1,320.00", "1,360.00", "1,346.40", "99.00%"],
        ["", "项目支出", "520.00", "600.00", "564.60", "94.10%"],
        ["政府采购（万元）", "", "采购预算", "实际采购金额", "执行率"],
        ["", "合计", "240.00", "228.00", "95.00%"],
        ["", "工程类", "150.00", "144.00", "96.00%"],
        ["", "测绘服务", "90.00", "84.00", "93.33%"],
    ]


@pytest.mark.parametrize("shape", SHAPES)
def test_rows_of_a_block_whose_figures_fill_its_columns(tmp_path, shape):
    # 工程类 and 测绘服务 have no money word: their figures, one under each column and of its
    # type, make them rows of the block
    record = _record(tmp_path, _procurement_block(), shape)
    amounts = Counter(v for k, v, u in _facts(record).elements() if k == "amount")
    for value in ("1500000", "1440000", "900000", "840000"):
        assert amounts[Decimal(value)] == 1, value
    assert not _errors(record)


def _points_first_fund_block(unknown_first: str = "年初预算数") -> list:
    # 分值 before the money columns; a source row the vocabulary lacks (乡镇自筹) with a dash first
    return [
        ["2024年度项目支出绩效自评表"],
        ["项目名称", "农机购置补贴"],
        ["项目资金（万元）", "", "分值", unknown_first, "全年预算数", "全年执行数", "执行率", "得分"],
        ["", "年度资金总额", "10", "650", "700", "686", "98%", "9.8"],
        ["", "其中：中央补助", "—", "500", "500", "500", "100%", "—"],
        ["", "省级补助", "—", "100", "120", "118", "98.33%", "—"],
        ["", "乡镇自筹", "—", "50", "80", "68", "85%", "—"],
    ]


@pytest.mark.parametrize("shape", SHAPES)
def test_a_source_row_no_template_names_with_a_dash_first(tmp_path, shape):
    record = _record(tmp_path, _points_first_fund_block(), shape)
    amounts = Counter(v for k, v, u in _facts(record).elements() if k == "amount")
    assert amounts[Decimal("500000")] == 1 and amounts[Decimal("680000")] == 1
    assert not _errors(record)


@pytest.mark.parametrize("shape", SHAPES)
def test_a_first_money_column_no_template_names(tmp_path, shape):
    # 年初批复额 heads the first money column, right after the block's own cell: the other
    # columns keep their places, so no rate is read against the wrong figures
    rows = [r[:2] + r[3:7] for r in _points_first_fund_block("年初批复额")[2:]]
    record = _record(tmp_path, [["2024年度项目支出绩效自评表"], ["项目名称", "农机购置补贴"]] + rows, shape)
    assert not _errors(record)
    facts = {f["id"]: f for f in record["facts"]}
    total = next(r for r in record["forms"][0]["funds"] if r["slot"] == "total")
    assert {c: Decimal(str(facts[i]["value"])) for c, i in total["cells"].items() if c != "年初批复额"} == {
        "全年预算数": Decimal("7000000"), "全年执行数": Decimal("6860000"), "执行率": Decimal("98")}


def _sangong_changes() -> list:
    return [
        ["2024年度部门整体支出绩效自评表"],
        ["部门名称", "某县水利局"],
        ["部门预算执行情况（万元）", "", "年初预算数", "全年预算数", "全年执行数", "执行率"],
        ["", "合计", "1,480", "1,620", "1,566", "96.67%"],
        ["", "其中：基本支出", "880", "900", "900", "100%"],
        ["", "项目支出", "600", "720", "666", "92.50%"],
        ["“三公”经费（万元）", "", "上年决算数", "本年预算数", "本年决算数", "增减率"],
        ["", "合计", "12.4", "12", "10.6", "-14.52%"],
        ["", "其中：公务接待费", "3.2", "3", "2.6", "-18.75%"],
        ["", "公务用车运行维护费", "9.2", "9", "8", "-13.04%"],
    ]


@pytest.mark.parametrize("shape", SHAPES)
def test_a_sangong_block_of_changes_on_last_year(tmp_path, shape):
    # 增减率 is a change on 上年决算数, no execution rate: nothing checks it as one
    record = _record(tmp_path, _sangong_changes(), shape)
    assert not _errors(record)
    assert not any(f["rule"] == "form.execution_rate" for f in record["flags"])


def _budget_rate_row_spanning_levels(total: str = "96.5") -> list:
    return [
        ["2024年度部门整体支出绩效自评表"],
        ["部门名称", "某县卫生健康局"],
        ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
        ["预算执行率", "<", "<", "100%", "95%", "10", "9.5"],
        ["产出指标", "数量指标", "家庭医生签约人数", "≥5.2万人", "5.31万人", "40", "40"],
        ["效益指标", "社会效益指标", "重点人群签约率", "≥75%", "76.2%", "30", "30"],
        ["满意度指标", "服务对象满意度指标", "签约居民满意度", "≥90%", "88%", "20", "17"],
        ["总分", "<", "<", "<", "<", "100", total],
    ]


def _merged_docx(tmp_path, rows: list, name: str = "form.docx"):
    """A .docx whose "<" cells are merged into the cell on their left, as Word writes them."""
    docx = pytest.importorskip("docx")
    d = docx.Document()
    d.add_paragraph(rows[0][0])
    body = rows[1:]
    table = d.add_table(rows=len(body), cols=max(len(r) for r in body))
    for r, row in enumerate(body):
        for c, text in enumerate(row):
            if text != "<":
                table.cell(r, c).text = text
        for c, text in enumerate(row):
            if text == "<":
                start = c - 1
                while row[start] == "<":
                    start -= 1
                table.cell(r, start).merge(table.cell(r, c))
    path = tmp_path / name
    d.save(path)
    return path


def _merged_xlsx(tmp_path, rows: list, name: str = "form.xlsx"):
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    ws = wb.active
    for r, row in enumerate(rows, start=1):
        for c, text in enumerate(row, start=1):
            if text != "<":
                ws.cell(r, c, text)
        for c, text in enumerate(row, start=1):
            if text == "<" and row[c - 2] != "<":
                end = c
                while end < len(row) and row[end] == "<":
                    end += 1
                ws.merge_cells(start_row=r, start_column=c - 1, end_row=r, end_column=end)
    path = tmp_path / name
    wb.save(path)
    return path


@pytest.mark.parametrize("shape", ["docx", "xlsx"])
def test_a_row_whose_name_fills_the_level_columns(tmp_path, shape):
    from extractor.pipeline import extract_file
    make = _merged_docx if shape == "docx" else _merged_xlsx
    record = extract_file(make(tmp_path, _budget_rate_row_spanning_levels()))
    names = [r["path"][-1] for r in record["forms"][0]["indicators"]]
    assert "预算执行率" in names
    assert not _errors(record)
    record = extract_file(make(tmp_path, _budget_rate_row_spanning_levels("97.5"), "bad." + shape))
    assert any("97.5" in e for e in _errors(record))


def _column_before_points(name: str, cells: tuple, total: str = "95") -> list:
    # a column between 实际完成值 and 分值: words (是否达成, 备注) or a rate (偏差率)
    a, b, c = cells
    return [
        ["2023年度项目支出绩效自评表"],
        ["项目名称", "城乡供水一体化"],
        ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", name, "分值", "得分", "偏差原因分析"],
        ["产出指标", "数量指标", "新建供水管网", "≥120公里", "126公里", a, "40", "40", ""],
        ["效益指标", "社会效益指标", "农村自来水普及率", "≥95%", "96.2%", b, "40", "40", ""],
        ["满意度指标", "服务对象满意度指标", "用水户满意度", "≥90%", "85%", c, "20", "15", "部分管网水压不足"],
        ["总分", "", "", "", "", "", "100", total, ""],
    ]


_BEFORE_POINTS = [("是否达成", ("是", "是", "否")), ("备注", ("较计划多6公里", "", "抽样调查结果")),
                  ("偏差率", ("5%", "1.26%", "-5.56%"))]


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("name,cells", _BEFORE_POINTS)
def test_a_column_between_the_result_and_the_points(tmp_path, shape, name, cells):
    record = _record(tmp_path, _column_before_points(name, cells), shape)
    scores = sorted(v for k, v, u in _facts(record).elements() if k == "score")
    assert scores == sorted(Decimal(x) for x in ("40", "40", "40", "40", "20", "15", "100", "95"))
    assert not _errors(record)
    # the total is checked against the rows: 40 + 40 + 15 = 95, not 96
    errors = _errors(_record(tmp_path, _column_before_points(name, cells, "96"), shape))
    assert errors and "96" in errors[0]


def _score_in_a_line_under_the_table(total: str = "94", total_row: list = None) -> list:
    rows = [
        ["2023年度项目支出绩效自评表"],
        ["项目名称", "乡村文化振兴"],
        ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析"],
        ["产出指标", "数量指标", "文化活动场次", "≥80场", "84场", "40", "40", ""],
        ["效益指标", "社会效益指标", "群众参与率", "≥60%", "57%", "40", "36", "农忙时节参与减少"],
        ["满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "91%", "20", "18", ""],
    ]
    if total_row:
        rows.append(total_row)
    return rows + [["自评总分：" + total + "分"], ["填报人：张某某 联系电话：0571-8623417 填报日期：2024年3月8日"]]


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("total_row", [None, ["总分", "", "", "", "", "100", "—", ""]])
def test_a_total_score_in_a_line_under_the_table(tmp_path, shape, total_row):
    # 40 + 36 + 18 = 94; a total row with its 100 alone under 分值 states no score
    record = _record(tmp_path, _score_in_a_line_under_the_table("94", total_row), shape)
    assert not _errors(record)
    errors = _errors(_record(tmp_path, _score_in_a_line_under_the_table("95", total_row), shape))
    assert errors and "95" in errors[0]


@pytest.mark.parametrize("text,expected", [
    ("保障率达到100%", (">=", Decimal("100"), "%")),
    ("满意度≥90%", (">=", Decimal("90"), "%")),
    ("覆盖率达95%以上", (">=", Decimal("95"), "%")),
    ("控制在0.5%以内", ("<=", Decimal("0.5"), "%")),
    # a scoring rule and a name are no targets
    ("扶持企业≥150家得满分", (None, None, None)),
    ("资金到位率", (None, None, None)),
])
def test_a_target_that_names_its_subject_first(text, expected):
    from extractor.extract.form_targets import parse_target
    assert parse_target(text) == expected


@pytest.mark.parametrize("shape", SHAPES)
def test_rows_whose_targets_name_their_subject(tmp_path, shape):
    rows = [
        ["2023年度项目支出绩效自评表"],
        ["项目名称", "农村饮水提质"],
        ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析"],
        ["产出指标", "质量指标", "农村集中供水水质达标率", "达标率达到95%以上", "达标率96.8%", "40", "40", ""],
        ["效益指标", "社会效益指标", "农村自来水普及率", "普及率≥92%", "普及率90.5%", "40", "38", "部分山区入户难"],
        ["满意度指标", "服务对象满意度指标", "用水户满意度", "满意度达到90%", "满意度93%", "20", "20", ""],
        ["总分", "", "", "", "", "", "100", "98", ""],
    ]
    record = _record(tmp_path, rows, shape)
    inds = {r["path"][-1]: r for r in record["forms"][0]["indicators"]}
    assert set(inds) == {"农村集中供水水质达标率", "农村自来水普及率", "用水户满意度"}
    assert (inds["农村自来水普及率"]["target"]["comparator"], inds["农村自来水普及率"]["target"]["value"]) == (">=", 92)
    assert not _errors(record)


def _two_target_columns(year: str, other: str, year_first: bool, reached: str = "6,380人") -> list:
    """A regional form with a second target column beside the year's (中期 / 中央下达);
    the result is measured against the year's target (the lower one here) only."""
    def both(year_target, other_target):
        return [year_target, other_target] if year_first else [other_target, year_target]
    return [
        ["2024年度转移支付区域绩效自评表"],
        ["转移支付名称", "困难群众救助补助"],
        ["一级指标", "二级指标", "三级指标", *both(year, other), "全年实际完成值", "分值", "得分"],
        ["产出指标", "数量指标", "临时救助人数", *both("≥6,000人", "≥15,000人"), reached, "25", "25"],
        ["", "质量指标", "救助资金发放准确率", *both("≥98%", "100%"), "99.2%", "25", "25"],
        ["效益指标", "社会效益指标", "困难群众基本生活保障率", *both("≥95%", "≥95%"), "96%", "25", "25"],
        ["满意度指标", "服务对象满意度指标", "救助对象满意度", *both("≥85%", "≥90%"), "88%", "25", "25"],
        ["总分", "", "", "", "", "", "100", "100"],
    ]


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("year,other,year_first", [("年度指标值", "中期指标值", False),
                                                   ("本区域年度指标值", "中央下达指标值", False),
                                                   ("本区域指标值", "全年指标值", False),
                                                   ("年度指标值", "中期指标值", True)])
def test_a_second_target_column(tmp_path, shape, year, other, year_first):
    record = _record(tmp_path, _two_target_columns(year, other, year_first), shape)
    rows = {r["path"][-1]: r for r in record["forms"][0]["indicators"]}
    assert len(rows) == 4, shape
    assert (rows["临时救助人数"]["target"]["value"], rows["临时救助人数"]["other_target"]["value"]) == (6000, 15000)
    headcounts = sorted(v for k, v, u in _facts(record).elements() if k == "headcount")
    assert headcounts == [Decimal(6000), Decimal(6380), Decimal(15000)]
    assert sum(1 for k, v, u in _facts(record).elements() if k == "score") == 10
    # 6,380 reaches the year's 6,000 though not the other column's 15,000: no claim
    assert not [f for f in record["flags"] if f["severity"] in ("error", "warning")]
    # 5,900 misses the year's target and still gets full points
    missed = _record(tmp_path, _two_target_columns(year, other, year_first, "5,900人"), shape)
    assert "form.target_missed" in [f["rule"] for f in missed["flags"]]


def _criteria_between(score: str = "18") -> list:
    """A 评分标准 column between the target and the result, its cells scoring rules that may
    hold a figure (≥85%得满分) or none (按合同约定完成得满分)."""
    return [
        ["2024年度项目支出绩效自评表"],
        ["项目名称", "农村公路养护"],
        ["一级指标", "二级指标", "三级指标", "年度指标值", "评分标准", "实际完成值", "分值", "得分", "偏差原因分析"],
        ["产出指标", "数量指标", "养护里程", "≥320公里", "完成得满分，每少5公里扣1分", "326公里", "30", "30", ""],
        ["", "质量指标", "优良路率", "≥85%", "≥85%得满分", "86.5%", "30", "30", ""],
        ["", "时效指标", "养护任务完成时限", "≤12个月", "按合同约定完成得满分", "11个月", "20", "20", ""],
        ["满意度指标", "服务对象满意度指标", "沿线群众满意度", "≥90%", "低于90%酌情扣分", "88%", "20", score, "部分路段施工期长"],
        ["总分", "", "", "", "", "", "100", "98", ""],
    ]


@pytest.mark.parametrize("shape", SHAPES)
def test_a_criteria_column_between_the_target_and_the_result(tmp_path, shape):
    record = _record(tmp_path, _criteria_between(), shape)
    rows = {r["path"][-1]: r for r in record["forms"][0]["indicators"]}
    assert len(rows) == 4, shape
    facts = {f["id"]: f for f in record["facts"]}
    assert [facts[rows[n]["weight"]]["value"] for n in rows] == [30, 30, 20, 20]
    assert (rows["优良路率"]["target"]["value"], rows["优良路率"]["actual"]["value"]) == (85, Decimal("86.5"))
    assert not _errors(record)
    # 30 + 30 + 20 + 20 = 100 though 88% missed its ≥90%: a claim, and the total no longer adds up
    flags = [f["rule"] for f in _record(tmp_path, _criteria_between("20"), shape)["flags"]]
    assert "form.target_missed" in flags and "form.score_total" in flags


def _last_year_column_form(local: str = "31.6") -> list:
    """A fund block with last year's spending before the budgets, a source row indented with
    ideographic spaces and a 其他资金 row with no start-of-year budget; a cost target in 万元/人."""
    return [
        ["2024年度项目支出绩效自评表"],
        ["项目名称", "乡村医生岗位补助"],
        ["项目资金（万元）", "资金来源", "上年执行数", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        ["", "年度资金总额", "118.40", "126.00", "132.50", "127.20", "10", "96.00%", "9.60"],
        ["", "其中：中央资金", "80.00", "84.00", "84.00", "82.30", "—", "", "—"],
        ["", "\u3000\u3000省级资金", "20.00", "22.00", "22.00", local, "—", "", "—"],
        ["", "其他资金", "18.40", "", "26.50", "13.30", "—", "", "—"],
        ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析"],
        ["产出指标", "数量指标", "补助乡村医生人数", "≥420人", "436人", "40", "40", ""],
        ["", "成本指标", "人均补助标准", "≤0.3万元/人", "0.29万元/人", "20", "20", ""],
        ["满意度指标", "服务对象满意度指标", "乡村医生满意度", "≥90%", "91%", "30", "30", ""],
        ["总分", "", "", "", "", "100", "99.60", ""],
    ]


@pytest.mark.parametrize("shape", SHAPES)
def test_a_last_year_column_and_an_indented_source(tmp_path, shape):
    record = _record(tmp_path, _last_year_column_form("31.6"), shape)
    funds = {r["label"]: r for r in record["forms"][0]["funds"]}
    facts = {f["id"]: f for f in record["facts"]}
    total = funds["年度资金总额"]["cells"]
    assert (facts[total["全年预算数"]]["value"], facts[total["全年执行数"]]["value"]) == (1325000, 1272000), shape
    # a part row's figures are money, never the 分值 its total row holds
    assert (Decimal(133000), "amount") in {(f["value"], f["kind"]) for f in record["facts"]}
    assert not [f for f in record["facts"] if f["kind"] == "score" and f["value"] == Decimal("13.30")]
    rates = sorted(f["value"] for f in record["facts"] if f["kind"] == "money_rate")
    assert rates == [2900, 3000]  # 0.29 and 0.3 万元/人
    assert not _errors(record)
    # 82.30 + 21.6 + 13.30 = 117.2, not 127.20 (in text the 其他资金 row's figures have no
    # column of their own: they are placed where the block's other columns add up, 上年执行数 and
    # 全年预算数 — extract/form_fund_sums.py)
    errors = _errors(_record(tmp_path, _last_year_column_form("21.6"), shape))
    assert "127.2" in errors[0]


def test_figures_after_the_goals_label_are_no_fund_rows(tmp_path):
    from conftest import text_record
    # one cell a line, blank cells kept as lines of a space, two source rows left empty
    cells = ["项目支出绩效自评表", "项目名称", "乡镇卫生院设备购置", "项目资金\n(万元)", " ", "年初\n\n预算数",
             "全年\n\n预算数", "全年\n\n执行数", "分值", "执行率", "得分", "年度资金总额", "60", "60", "57", "10",
             "95%", "9.5", "其中:当年财政拨款", "60", "60", "57", " ", "    上年结转资金", " ", " ", " ", " ",
             "  其他资金", " ", " ", " ", " ", "年度总体目标", "预期目标", "实际完成情况", "60", "57"]
    record = text_record(tmp_path, "\n\n".join(cells) + "\n", "form.txt")
    # the figures under 实际完成情况 are not the empty rows' figures written apart from them
    assert not [f for f in record["facts"] if f.get("label") in ("上年结转资金", "其他资金")]
    assert not _errors(record)


def _indented_sources() -> list:
    """Amounts written with 万元 in each cell; the source rows under 其中 indented with
    ideographic spaces, as Word and WPS users indent them."""
    return [
        ["2024年度项目支出绩效自评表"],
        ["项目名称", "村级公益设施维护"],
        ["资金来源", "年初预算数", "全年预算数", "全年执行数", "执行率", "分值", "得分"],
        ["年度资金总额", "88.0万元", "96.0万元", "91.2万元", "95.00%", "10分", "9.5分"],
        ["其中：中央资金", "50.0万元", "50.0万元", "48.0万元", "96.00%", "", ""],
        ["\u3000\u3000\u3000省级资金", "24.0万元", "24.0万元", "22.8万元", "95.00%", "", ""],
        ["\u3000\u3000\u3000县级资金", "14.0万元", "22.0万元", "20.4万元", "92.73%", "", ""],
        ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
        ["产出指标", "数量指标", "维护公益设施", "≥120处", "126处", "50分", "50分"],
        ["满意度指标", "服务对象满意度指标", "村民满意度", "≥90%", "92%", "40分", "40分"],
        ["合计", "", "", "", "", "100分", "99.5分"],
    ]


@pytest.mark.parametrize("shape", SHAPES)
def test_source_rows_indented_with_ideographic_spaces(tmp_path, shape):
    # on one line, the indents are the only runs of spaces: they do not make the cells
    record = _record(tmp_path, _indented_sources(), shape)
    assert [r["label"] for r in record["forms"][0]["funds"]] == ["年度资金总额", "中央资金", "省级资金", "县级资金"]
    assert not _errors(record)


def _names_first_form(reached: str = "2,460") -> list:
    """An indicator table with no level columns: each row names its indicator, the unit and
    the kind of target (定量指标) in cells of their own, a start-of-year target and an adjusted
    one, a 得分系数（%） written bare, and a words column at the end."""
    return [
        ["2024年度项目支出绩效自评表"],
        ["项目名称", "城乡公益性岗位补贴", "", "", "主管部门", "某县人力资源和社会保障局"],
        ["项目预算执行情况（万元）", "年初预算数", "全年（调整）预算数", "全年执行数", "执行率（%）", "执行率权重（分）", "执行率得分（分）"],
        ["", "520", "560", "532", "95", "10", "9.5"],
        ["指标名称", "计量单位", "指标性质", "年初指标值", "调整指标值", "全年完成值", "得分系数（%）", "指标权重（分）", "指标得分（分）", "是否核心指标"],
        ["开发公益性岗位人数", "人", "定量指标", "≥2,600", "≥2,400", reached, "100", "30", "30", "是"],
        ["补贴按月发放率", "%", "定量指标", "100", "100", "100", "100", "30", "30", "否"],
        ["岗位人员满意度", "%", "定量指标", "≥90", "≥90", "93", "100", "30", "30", "是"],
        ["合计", "", "", "", "", "", "", "100", "99.5", ""],
    ]


@pytest.mark.parametrize("shape", SHAPES)
def test_an_indicator_table_that_starts_with_the_names(tmp_path, shape):
    record = _record(tmp_path, _names_first_form(), shape)
    form = record["forms"][0]
    rows = {r["path"][-1]: r for r in form["indicators"]}
    assert len(rows) == 3, shape
    jobs = rows["开发公益性岗位人数"]
    # the result is measured against the adjusted target; the first one is a fact only
    assert (jobs["target"]["value"], jobs["other_target"]["value"], jobs["actual"]["unit"]) == (2400, 2600, "人")
    total = next(r for r in form["funds"] if r["slot"] == "total")
    assert {"全年预算数", "分值", "得分"} <= set(total["cells"])
    assert sorted(v for k, v, u in _facts(record).elements() if k == "headcount") == [2400, 2460, 2600]
    assert not _errors(record) and not [f for f in record["flags"] if f["severity"] == "warning"]
    # 2,380 misses the adjusted 2,400 and keeps its 30 points
    missed = _record(tmp_path, _names_first_form("2,380"), shape)
    assert "form.target_missed" in [f["rule"] for f in missed["flags"]]


def _sangong_spending(total: str = "52.30") -> list:
    """A department form's 三公 block under its own header (预算数 | 决算数), after the fund block."""
    return [
        ["2023年度部门整体支出绩效自评表"],
        ["部门名称", "某县自然资源局"],
        ["部门预算资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "执行率", "分值", "得分"],
        ["", "总额", "2,410.00", "2,530.00", "2,428.80", "96.00%", "10", "9.60"],
        ["", "基本支出", "1,860.00", "1,880.00", "1,861.20", "99.00%", "", ""],
        ["", "项目支出", "550.00", "650.00", "567.60", "87.32%", "", ""],
        ["“三公”经费（万元）", "项目", "预算数", "", "决算数", "", "", ""],
        ["", "公务用车购置及运行维护费", "46.00", "", "44.10", "", "", ""],
        ["", "公务接待费", "8.00", "", "8.20", "", "", ""],
        ["", "合计", "54.00", "", total, "", "", ""],
    ]


@pytest.mark.parametrize("shape", SHAPES)
def test_a_sangong_block_of_budget_and_final_accounts(tmp_path, shape):
    record = _record(tmp_path, _sangong_spending(), shape)
    amounts = sorted(v for k, v, u in _facts(record).elements() if k == "amount" and v < 1000000)
    assert amounts == [Decimal(x) for x in ("80000", "82000", "441000", "460000", "523000", "540000")], shape
    assert not _errors(record)


@pytest.mark.parametrize("shape", SHAPES)
def test_a_weight_stated_in_a_header_cell(tmp_path, shape):
    rows = [
        ["2024年度项目支出绩效自评表"],
        ["项目名称", "农村客运补贴"],
        ["预算执行情况（10分）", "资金来源", "年初预算数", "全年预算数", "全年执行数", "执行率", "得分"],
        ["", "年度资金总额", "300.00", "320.00", "304.00", "95.00%", "9.50"],
        ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
        ["产出指标", "数量指标", "补贴客运班线", "≥36条", "38条", "45", "45"],
        ["满意度指标", "服务对象满意度指标", "乘客满意度", "≥90%", "93%", "45", "45"],
        ["总分", "", "", "", "", "100", "99.50"],
    ]
    scores = sorted(v for k, v, u in _facts(_record(tmp_path, rows, shape)).elements() if k == "score")
    assert scores == [Decimal(x) for x in ("9.50", "10", "45", "45", "45", "45", "99.50", "100")], shape


def test_tab_separated_rows_whose_merged_cells_were_dropped(tmp_path):
    # copied from a web page: tabs between cells, the cells a merge covers left out, so a
    # cell's place is not its column; read by type instead (before: half the rows lost and
    # a false score-total error)
    from conftest import text_record
    rows = _criteria_between()
    text = "\n".join("\t".join(c for c in r if c) for r in rows) + "\n"
    record = text_record(tmp_path, text, "form.txt")
    assert len(record["forms"][0]["indicators"]) == 4
    assert not _errors(record)
    kept = "\n".join("\t".join(r) for r in rows) + "\n"  # every empty cell kept: read by column
    assert len(text_record(tmp_path, kept, "kept.txt")["forms"][0]["indicators"]) == 4


def _adjustments_column(local_spent: str = "118.40") -> list:
    """A 调整数 column (the year's change to the budget), negative in the total row."""
    return [
        ["2024年度项目支出绩效自评表"],
        ["项目名称", "森林防火能力提升"],
        ["项目资金（万元）", "资金来源", "年初预算数", "调整数", "全年预算数", "全年执行数", "执行率", "分值", "得分"],
        ["", "合计", "320.00", "-12.00", "308.00", "298.76", "97.00%", "10", "9.70"],
        ["", "其中：中央补助资金", "200.00", "-12.00", "188.00", "180.36", "95.94%", "—", "—"],
        ["", "省级补助资金", "120.00", "0", "120.00", local_spent, "98.67%", "—", "—"],
        ["一级指标", "二级指标", "三级指标", "本年目标值", "上年实际值", "本年实际值", "分值", "得分", "说明"],
        ["产出指标", "数量指标", "防火巡护人员", "≥160人", "152人", "166人", "45", "45", ""],
        ["满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "91%", "94%", "45", "45", ""],
        ["总分", "", "", "", "", "", "100", "99.70", ""],
    ]


@pytest.mark.parametrize("shape", SHAPES)
def test_a_negative_adjustment_and_last_years_value_column(tmp_path, shape):
    record = _record(tmp_path, _adjustments_column(), shape)
    rows = {r["path"][-1]: r for r in record["forms"][0]["indicators"]}
    staff = rows["防火巡护人员"]
    assert (staff["target"]["value"], staff["other_target"]["value"], staff["actual"]["value"]) == (160, 152, 166), shape
    assert not _errors(record)  # −12.00 over −12.00 and 0 is no part above its total


@pytest.mark.parametrize("shape", SHAPES)
def test_a_rate_a_misread_cell_puts_far_off_is_not_flagged(tmp_path, shape):
    # thousands set apart by a stray space and a cell in full-width digits, as a scan's text
    # layer writes them (1 360.00, １３６０．００): a figure read as two is no error of the form's
    rows = [
        ["2024年度项目支出绩效自评表"],
        ["项目名称", "残疾人康复救助"],
        ["项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        ["", "年度资金总额", "1 360.00", "1 420.50", "1 392.09", "10", "98.00%", "9.80"],
        ["", "其中：当年财政拨款", "１３６０．００", "1 360.00", "1 335.52", "—", "98.20%", "—"],
    ]
    record = _record(tmp_path, rows, shape)
    assert not [f for f in record["flags"] if f["rule"] == "form.execution_rate" and f["severity"] == "error"]


def _indicators_before_funds(score: str = "9.40") -> list:
    """The indicator block first, the fund block under it, the total in a summary row."""
    return [
        ["2024年度项目支出绩效自评表"],
        ["项目名称", "社区养老服务设施建设"],
        ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析"],
        ["产出指标", "数量指标", "新建社区养老服务站", "≥6个", "6个", "30", "30", ""],
        ["效益指标", "社会效益指标", "服务老年人", "≥2,000人", "2,180人", "30", "30", ""],
        ["满意度指标", "服务对象满意度指标", "老年人满意度", "≥90%", "92%", "30", "30", ""],
        ["预算执行情况（万元）", "资金来源", "年初预算数", "全年预算数", "全年执行数", "执行率", "分值", "得分"],
        ["", "年度资金总额", "300.00", "320.00", "300.80", "94.00%", "10", score],
        ["", "其中：中央资金", "200.00", "200.00", "196.00", "98.00%", "—", "—"],
        ["", "县级资金", "100.00", "120.00", "104.80", "87.33%", "—", "—"],
        ["总体评价", "总分", "99.40", "", "自评等级", "优", "", ""],
    ]


@pytest.mark.parametrize("shape", SHAPES)
def test_a_fund_block_after_the_indicator_rows(tmp_path, shape):
    record = _record(tmp_path, _indicators_before_funds(), shape)
    form = record["forms"][0]
    assert [r["label"] for r in form["funds"]] == ["年度资金总额", "中央资金", "县级资金"], shape
    assert len(form["indicators"]) == 3
    facts = {f["id"]: f for f in record["facts"]}
    assert facts[form["total_score"]]["value"] == Decimal("99.40")
    assert not _errors(record)
    # 10 × 94.00% is 9.40, not 9.80 (and the total no longer adds up)
    flagged = _record(tmp_path, _indicators_before_funds("9.80"), shape)["flags"]
    assert "form.execution_score" in [f["rule"] for f in flagged]


def _worded_targets() -> list:
    """分值 before the targets; targets worded (达到90%（含）以上, 不超过2,000元/件) and a result
    written as a sentence of figures."""
    return [
        ["2024年度项目支出绩效自评表"],
        ["项目名称", "人民调解以案定补"],
        ["一级指标", "二级指标", "三级指标", "分值", "年度指标值", "实际完成值", "得分", "偏差原因"],
        ["产出指标", "质量指标", "调解成功率", "20", "达到90%（含）以上", "93.5%", "20", ""],
        ["", "", "调解协议履行率", "20", "95%（含）以上", "96.2%", "20", ""],
        ["", "成本指标", "案件补贴标准", "20", "不超过2,000元/件", "1,800元/件", "20", ""],
        ["效益指标", "社会效益指标", "化解矛盾纠纷涉及金额", "20", "较上年有所增加", "涉及金额1,340万元，较上年增加8%", "20", ""],
        ["满意度指标", "服务对象满意度指标", "当事人满意度", "20", "≥90%", "88%", "18", ""],
        ["总分", "", "", "100", "", "", "98", ""],
    ]


@pytest.mark.parametrize("shape", SHAPES)
def test_worded_targets_and_a_result_written_as_a_sentence(tmp_path, shape):
    record = _record(tmp_path, _worded_targets(), shape)
    rows = {r["path"][-1]: r for r in record["forms"][0]["indicators"]}
    assert len(rows) == 5, shape
    assert (rows["调解成功率"]["target"]["comparator"], rows["调解成功率"]["target"]["value"]) == (">=", 90)
    facts = _facts(record)
    # money per case is a price, no amount; the figure in the sentence result is one
    assert sorted(v for k, v, u in facts.elements() if k == "amount") == [Decimal(13400000)]
    assert sorted(v for k, v, u in facts.elements() if k == "score") == \
        [Decimal(x) for x in ("18", "20", "20", "20", "20", "20", "20", "20", "20", "20", "98", "100")]
    assert not _errors(record)


def _sources_named_by_level(county_spent: str = "612.40") -> list:
    """Sources named by the level of government (中央财政 | 省级财政 | 市县财政), a 说明 column
    after the points whose notes are sentences."""
    return [
        ["2024年度转移支付区域绩效自评表"],
        ["资金来源", "全年预算数(A)", "全年执行数(B)", "执行率(B/A)"],
        ["合计", "2,480.00", "2,405.60", "97.00%"],
        ["中央财政", "1,240.00", "1,215.20", "98.00%"],
        ["省级财政", "620.00", "578.00", "93.23%"],
        ["市县财政", "620.00", county_spent, "98.77%"],
        ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "说明"],
        ["产出指标", "数量指标", "改造供水管网", "≥120公里", "126公里", "40", "40", ""],
        ["", "质量指标", "水质达标率", "≥95%", "93.6%", "30", "27", "枯水期部分水源浊度偏高，已增设过滤设施。"],
        ["满意度指标", "服务对象满意度指标", "用水户满意度", "≥90%", "92%", "30", "30", ""],
        ["总分", "", "", "", "", "100", "97", ""],
    ]


@pytest.mark.parametrize("shape", SHAPES)
def test_sources_named_by_level_of_government_and_a_notes_column(tmp_path, shape):
    record = _record(tmp_path, _sources_named_by_level(), shape)
    form = record["forms"][0]
    assert [r["slot"] for r in form["funds"]] == ["total", "central", "local", "local"], shape
    assert [r["path"][-1] for r in form["indicators"]] == ["改造供水管网", "水质达标率", "用水户满意度"]
    assert not _errors(record)
    # 1,215.20 + 578.00 + 512.40 = 2,305.60, not 2,405.60
    errors = _errors(_record(tmp_path, _sources_named_by_level("512.40"), shape))
    assert any("总额与其中各项之和不符" in e and "2305.60" in e for e in errors)


@pytest.mark.parametrize("shape", SHAPES)
def test_a_budget_line_no_rule_reads_leaves_its_points_out_of_the_sums(tmp_path, shape):
    rows = [
        ["2024年度项目支出绩效自评表"],
        ["项目资金（万元）", "预算安排", "860.00", "实际到位", "860.00", "实际支出", "817.00", "支出率", "95.00%"],
        ["预算执行情况", "权重", "10", "得分", "9.50"],
        ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "权重", "得分", "说明"],
        ["产出指标", "数量指标", "改造农村危房", "≥180户", "184户", "45", "45", ""],
        ["满意度指标", "服务对象满意度指标", "改造户满意度", "≥90%", "88%", "45", "42", ""],
        ["综合得分：96.50分"],
    ]
    # the rows read hold 90 of the 100 points and 87 of the 96.50: the 10 and 9.50 not read
    assert not _errors(_record(tmp_path, rows, shape))


@pytest.mark.parametrize("shape", ["docx", "xlsx"])
def test_a_unit_column_in_the_fund_block(tmp_path, shape):
    rows = [
        ["2024年度项目支出绩效自评表"],
        ["项目资金情况", "年初预算数", "全年预算数", "全年执行数", "单位", "执行率", "分值", "得分"],
        ["年度资金总额", "240.00", "250.00", "237.50", "万元", "95.00%", "10", "9.50"],
        ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因"],
        ["产出指标", "数量指标", "举办培训班", "≥20期", "22期", "45", "45", ""],
        ["满意度指标", "服务对象满意度指标", "学员满意度", "≥90%", "93%", "45", "45", ""],
        ["总分", "", "", "", "", "100", "99.50", ""],
    ]
    record = _record(tmp_path, rows, shape)
    total = next(r for r in record["forms"][0]["funds"] if r["slot"] == "total")
    assert {"全年执行数", "执行率", "分值", "得分"} <= set(total["cells"])  # the columns after 单位 in place
    assert not _errors(record)


def test_the_words_of_a_one_line_form_are_not_read_as_sentences(tmp_path):
    # sub-projects one a row, their outputs in words with 其中 and a price; on one line the
    # words run into the next row's figures: only the form rules read them
    rows = [
        ["2024年度就业创业补助资金绩效自评表"],
        ["序号", "子项目名称", "下达资金", "实际支出", "执行率", "主要产出", "备注"],
        ["1", "职业技能培训补贴", "240.00万元", "232.80万元", "97.00%", "培训城乡劳动者1,460人，其中脱贫劳动力520人", ""],
        ["2", "公益性岗位补贴", "360.00万元", "349.20万元", "97.00%", "安置就业困难人员810人", "补贴标准4,800元/人·年"],
        ["3", "创业担保贷款贴息", "96.00万元", "96.00万元", "100.00%", "扶持创业者412人", ""],
        ["合计", "", "696.00万元", "678.00万元", "97.41%", "", ""],
    ]
    record = _record(tmp_path, rows, "one_line")
    assert record["forms"] and not _errors(record)


def test_a_notes_figure_before_a_qizhong_row_is_no_total(tmp_path):
    # on one line, a reason cell (4户因…) runs into the next row's 其中 label: the form's text
    # is read by the form rules, not as a sentence with a breakdown
    rows = [
        ["2024年度农村危房改造补助资金绩效自评表"],
        ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因"],
        ["产出指标", "数量指标", "完成危房改造户数", "≥240户", "236户", "50", "45", "4户因户主外出务工未开工"],
        ["", "", "其中：低保户改造户数", "≥90户", "92户", "40", "40", ""],
        ["满意度指标", "服务对象满意度指标", "改造户满意度", "≥90%", "95%", "10", "10", ""],
        ["总分", "", "", "", "", "100", "95", ""],
    ]
    record = _record(tmp_path, rows, "one_line")
    assert record["forms"][0]["template"] == "project"  # a fund's own 绩效自评表
    assert not _errors(record)


def _criteria_after_the_result(score: str = "5") -> list:
    return [
        ["2024年度项目支出绩效自评表"],
        ["项目名称", "农村妇女“两癌”筛查"],
        ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "评分标准", "分值", "得分", "偏差原因分析"],
        ["产出指标", "数量指标", "宫颈癌筛查人数", "≥6,000人", "6,240人", "完成目标值得满分，未完成按比例计分", "30", "30", ""],
        ["", "", "乳腺癌筛查人数", "≥6,000人", "6,180人", "同上", "20", "20", ""],
        ["效益指标", "社会效益指标", "早诊早治率", "≥85%", "88.5%", "达到目标值得满分，未达到按比例计分", "10", "10", ""],
        ["", "", "群众健康意识", "明显提高", "有所提高", "定性评价：明显提高得满分，有所提高得一半分值", "10", score, "部分偏远村宣传不到位"],
        ["满意度指标", "服务对象满意度指标", "受检妇女满意度", "≥90%", "94%", "达到目标值得满分", "30", "30", ""],
        ["总分", "", "", "", "", "", "100", "95", ""],
    ]


@pytest.mark.parametrize("shape", SHAPES)
def test_a_criteria_column_after_the_result_with_a_qualitative_row(tmp_path, shape):
    record = _record(tmp_path, _criteria_after_the_result(), shape)
    rows = {r["path"][-1]: r for r in record["forms"][0]["indicators"]}
    assert list(rows) == ["宫颈癌筛查人数", "乳腺癌筛查人数", "早诊早治率", "群众健康意识", "受检妇女满意度"], shape
    facts = {f["id"]: f for f in record["facts"]}
    assert facts[rows["群众健康意识"]["score"]]["value"] == 5
    assert not _errors(record)
    errors = _errors(_record(tmp_path, _criteria_after_the_result("6"), shape))  # 96, not 95
    assert errors and "95" in errors[0]


@pytest.mark.parametrize("shape", ["docx", "xlsx", "pipe"])
def test_a_money_unit_stated_in_a_cell_of_the_first_row(tmp_path, shape):
    rows = [
        ["某镇2024年度项目自评结果汇总表"],
        ["填报单位", "某镇人民政府", "", "", "金额单位：元", ""],
        ["序号", "项目名称", "预算数", "执行数", "执行率", "自评得分"],
        ["1", "农村道路养护", "520,000.00", "499,200.00", "96.00%", "96"],
        ["2", "村级公益事业奖补", "1,300,000.00", "1,261,000.00", "97.00%", "97"],
        ["合计", "", "1,820,000.00", "1,760,200.00", "96.71%", ""],
    ]
    amounts = sorted(v for k, v, u in _facts(_record(tmp_path, rows, shape)).elements() if k == "amount")
    assert amounts == [Decimal(x) for x in ("499200", "520000", "1261000", "1300000", "1760200", "1820000")], shape


@pytest.mark.parametrize("shape", SHAPES)
def test_figures_with_their_units_in_the_forms_head_row(tmp_path, shape):
    rows = [
        ["2024年度单位整体支出绩效自评表"],
        ["单位名称", "某县第三小学", "编制人数", "86名", "实有人数", "82名"],
        ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
        ["产出指标", "数量指标", "在校学生人数", "≥1,200人", "1,236人", "50", "50"],
        ["满意度指标", "服务对象满意度指标", "家长满意度", "≥90%", "93%", "50", "50"],
        ["总分", "", "", "", "", "100", "100"],
    ]
    heads = sorted(v for k, v, u in _facts(_record(tmp_path, rows, shape)).elements() if k == "headcount")
    assert heads == [Decimal(82), Decimal(86), Decimal(1200), Decimal(1236)], shape


@pytest.mark.parametrize("shape", ["docx", "xlsx"])
def test_fund_rows_by_the_grid_columns_of_their_header(tmp_path, shape):
    # an empty cell between the block's label and its first column, and 其中 rows with their
    # 得分 cell left empty: each figure stays under its own label
    rows = [
        ["2024年度项目绩效目标自评表"],
        ["预算执行情况（万元）（10分）", "", "预算数（A）", "执行数（B）", "执行率（B/A）", "得分（分值×执行率）"],
        ["年度财政资金总额", "", "400.00", "380.00", "95.00%", "9.50"],
        ["其中：省级资金", "", "300.00", "291.00", "97.00%", ""],
        ["\u3000\u3000\u3000市级资金", "", "100.00", "89.00", "89.00%", ""],
        ["一级指标", "二级指标", "三级指标", "年初目标值", "实际完成值", "分值", "得分"],
        ["产出指标", "数量指标", "开展巡诊场次", "≥120场次", "126场次", "45", "45"],
        ["满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "93%", "45", "45"],
        ["合计", "", "", "", "", "100", "99.50"],
    ]
    record = _record(tmp_path, rows, shape)
    funds = {r["label"]: r for r in record["forms"][0]["funds"]}
    facts = {f["id"]: f for f in record["facts"]}
    assert facts[funds["省级资金"]["cells"]["执行率"]]["value"] == Decimal("97.00")
    assert "得分" not in funds["省级资金"]["cells"]
    assert not _errors(record)


def _expense_rows_form(basic_rate: str = "98.00%") -> list:
    # expense kinds as a merged first column, projects named in the second, a 小计 per group
    # and one project row with its 年初预算数 left blank
    return [
        ["2024年度部门整体支出绩效自评表"],
        ["部门名称", "县林业局", "", "", "", "", "", ""],
        ["预算执行情况（万元）", "支出项目", "年初预算数", "全年预算数", "全年执行数", "执行率", "分值", "得分"],
        ["基本支出", "人员经费", "300.00", "310.00", "306.90", "99.00%", "", ""],
        ["", "公用经费", "40.00", "40.00", "36.10", "90.25%", "", ""],
        ["", "小计", "340.00", "350.00", "343.00", basic_rate, "", ""],
        ["项目支出", "森林防火巡护", "60.00", "80.00", "72.00", "90.00%", "", ""],
        ["", "林木病虫害监测", "", "20.00", "19.00", "95.00%", "", ""],
        ["", "小计", "60.00", "100.00", "91.00", "91.00%", "", ""],
        ["合计", "", "400.00", "450.00", "434.00", "96.44%", "10", "9.6"],
        ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因"],
        ["产出指标", "数量指标", "防火巡护里程", "≥3000公里", "3150公里", "40", "40", ""],
        ["效益指标", "社会效益指标", "森林火灾受害率", "≤0.9‰", "0.3‰", "30", "30", ""],
        ["满意度指标", "服务对象满意度指标", "林农满意度", "≥90%", "93%", "20", "20", ""],
        ["总分", "", "", "", "", "100", "99.6", ""],
    ]


@pytest.mark.parametrize("shape", TEXT_SHAPES)
def test_project_rows_under_an_expense_kind_with_its_subtotal(tmp_path, shape):
    record = _record(tmp_path, _expense_rows_form(), shape)
    funds = record["forms"][0]["funds"]
    facts = {f["id"]: f for f in record["facts"]}
    by_slot = {r["slot"]: r for r in funds if r["slot"] in ("basic", "project", "total")}
    # each group's figures are those of its 小计 row, not of its first project
    assert facts[by_slot["basic"]["cells"]["全年预算数"]]["value"] == Decimal("3500000")
    assert facts[by_slot["project"]["cells"]["全年预算数"]]["value"] == Decimal("1000000")
    monitoring = next(r for r in funds if r["label"] == "林木病虫害监测")
    assert facts[monitoring["cells"]["全年执行数"]]["value"] == Decimal("190000")
    assert not _errors(record)


@pytest.mark.parametrize("shape", TEXT_SHAPES)
def test_a_wrong_rate_in_a_groups_subtotal_row_is_flagged(tmp_path, shape):
    # 343.00 ÷ 350.00 = 98.00%, written 89.00%
    record = _record(tmp_path, _expense_rows_form("89.00%"), shape)
    assert [f["rule"] for f in record["flags"] if f["severity"] == "error"] == ["form.execution_rate"]


def _points_beside_the_block(points_line: list) -> list:
    return [
        ["2023年度项目支出绩效自评表"],
        ["项目名称", "乡村道路养护补助", "", "", "", ""],
        ["资金分配（万元）", "乡镇", "下达资金", "实际支出", "结余", "执行率"],
        ["", "东坪镇", "50.00", "48.00", "2.00", "96.00%"],
        ["", "西岭乡", "30.00", "27.00", "3.00", "90.00%"],
        ["", "合计", "80.00", "75.00", "5.00", "93.75%"],
        points_line,
        ["一级指标", "二级指标", "三级指标", "指标值", "完成值", "分值", "得分"],
        ["产出指标", "数量指标", "养护道路里程", "≥120公里", "126公里", "50", "50"],
        ["效益指标", "社会效益指标", "道路优良率", "≥80%", "82%", "20", "20"],
        ["满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "91%", "20", "20"],
        ["总分", "", "", "", "", "100", "99.38"],
    ]


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("points_line", [
    ["", "预算执行", "分值", "10", "得分", "9.38"],
    ["", "预算执行得分", "分值：10", "得分：9.38", "", ""],
])
def test_budget_points_written_as_label_and_value_pairs(tmp_path, shape, points_line):
    # the budget's 10 points stand beside the fund block, not in a column of it; the
    # townships are rows under a 下达资金 column
    record = _record(tmp_path, _points_beside_the_block(points_line), shape)
    funds = {r["label"]: r for r in record["forms"][0]["funds"]}
    facts = {f["id"]: f for f in record["facts"]}
    assert facts[funds["西岭乡"]["cells"]["分配下达数"]]["value"] == Decimal("300000")
    assert facts[funds["合计"]["cells"]["得分"]]["value"] == Decimal("9.38")
    assert not _errors(record)


@pytest.mark.parametrize("shape", TEXT_SHAPES)
def test_budget_points_beside_the_block_count_in_the_score_total(tmp_path, shape):
    rows = _points_beside_the_block(["", "预算执行", "分值", "10", "得分", "9.38"])
    rows[-1] = ["总分", "", "", "", "", "100", "98.38"]  # the rows add up to 99.38
    record = _record(tmp_path, rows, shape)
    assert [f["rule"] for f in record["flags"] if f["severity"] == "error"] == ["form.score_total"]


def _core_and_rule_columns(total: str = "96.5") -> list:
    # 2024 template: 核心指标 and 指标性质 before the target, a 评（扣）分标准 column after the
    # points and the reason after that
    return [
        ["2024年度项目支出绩效自评表"],
        ["项目名称", "农村学校营养餐补助"],
        ["预算执行情况（10分）", "", "全年预算数（万元）", "全年执行数（万元）", "执行率", "得分"],
        ["", "财政资金", "600.00", "582.00", "97.00%", "9.70"],
        ["一级指标", "二级指标", "三级指标", "核心指标", "指标性质", "年度指标值", "实际完成值", "分值", "得分",
         "评（扣）分标准", "偏差原因分析"],
        ["产出指标", "数量指标", "受益学生人数", "是", "定量", "≥8000人", "8120人", "30", "30",
         "达到目标值得满分，未达到按比例计分", ""],
        ["", "", "供餐学校数", "否", "定量", "45所", "45所", "10", "10", "全部供餐得满分", ""],
        ["", "质量指标", "食品安全事故", "否", "定量", "0起", "0起", "10", "10", "发生即不得分", ""],
        ["效益指标", "社会效益指标", "学生营养状况", "否", "定性", "明显改善", "明显改善", "20", "20",
         "根据体检结果分档计分", ""],
        ["满意度指标", "服务对象满意度指标", "家长满意度", "是", "定量", "≥95%", "93.4%", "20", "16.8",
         "达到95%得满分，未达到按比例计分", "部分学校菜品单一，下一步增加菜品轮换"],
        ["总分", "", "", "", "", "", "", "100", total, "", ""],
    ]


@pytest.mark.parametrize("shape", ["pipe", "single_spaced", "one_line", "docx", "xlsx"])
def test_core_and_nature_cells_before_the_target_and_a_rule_after_the_points(tmp_path, shape):
    record = _record(tmp_path, _core_and_rule_columns(), shape)
    rows = {r["path"][-1]: r for r in record["forms"][0]["indicators"]}
    assert set(rows) == {"受益学生人数", "供餐学校数", "食品安全事故", "学生营养状况", "家长满意度"}
    assert rows["供餐学校数"]["path"][:2] == ["产出指标", "数量指标"]
    assert rows["学生营养状况"]["target"]["text"].strip() == "明显改善"
    assert not _errors(record)
    # 9.70 + 30 + 10 + 10 + 20 + 16.8 = 96.50, written 97.5
    bad = _record(tmp_path, _core_and_rule_columns("97.5"), shape)
    assert [f["rule"] for f in bad["flags"] if f["severity"] == "error"] == ["form.score_total"]


def _level_subtotals_form(benefit_subtotal: str = "28") -> list:
    return [
        ["2023年度项目支出绩效自评表"],
        ["项目名称", "乡镇卫生院设备更新"],
        ["项目资金（万元）", "", "全年预算数", "全年执行数", "执行率", "分值", "得分"],
        ["", "年度资金总额", "300.00", "291.00", "97.00%", "10", "9.70"],
        ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
        ["产出指标（50分）", "数量指标", "更新设备台数", "≥60台", "62台", "30", "30"],
        ["", "质量指标", "设备验收合格率", "100%", "100%", "20", "20"],
        ["产出指标小计", "", "", "", "", "50", "50"],
        ["效益指标（30分）", "社会效益指标", "门诊量增长率", "≥5%", "4.2%", "15", "13"],
        ["", "可持续影响指标", "设备维护制度", "健全", "健全", "15", "15"],
        ["效益指标小计", "", "", "", "", "30", benefit_subtotal],
        ["满意度指标（10分）", "服务对象满意度指标", "患者满意度", "≥90%", "92%", "10", "10"],
        ["满意度指标小计", "", "", "", "", "10", "10"],
        ["总分", "", "", "", "", "100", "97.70"],
    ]


@pytest.mark.parametrize("shape", SHAPES)
def test_a_levels_subtotal_row_against_its_rows(tmp_path, shape):
    record = _record(tmp_path, _level_subtotals_form(), shape)
    assert not _errors(record)
    assert [s["level"] for s in record["forms"][0]["subtotals"]] == ["产出指标", "效益指标", "满意度指标"]
    # 13 + 15 = 28, written 29 (the 总分 still adds up the rows)
    bad = _record(tmp_path, _level_subtotals_form("29"), shape)
    assert [f["rule"] for f in bad["flags"] if f["severity"] == "error"] == ["form.score_total"], shape


@pytest.mark.parametrize("shape", SHAPES)
def test_a_weighted_header_repeated_over_a_tables_pages_is_no_scored_section(tmp_path, shape):
    # 绩效指标（90分） heads the indicator block on each page: no section whose score is the form's total
    rows = [
        ["部门预算项目支出绩效自评表（2024年度）"],
        ["项目名称", "村级公益设施管护"],
        ["项目基本情况", "1.项目实施内容及过程概述", "按季度拨付管护经费，组织管护员培训2期。"],
        ["预算执行情况（10分）", "", "调整后预算数", "预算执行数", "预算执行率", "权重", "得分"],
        ["", "总额", "80.00", "78.40", "98.00%", "10", "9.8"],
        ["绩效指标（90分）", "一级指标", "二级指标", "三级指标", "指标值", "完成值", "权重", "得分"],
        ["", "产出指标", "数量指标", "管护设施数量", "≥120处", "126处", "40", "40"],
        ["绩效指标（90分）", "一级指标", "二级指标", "三级指标", "指标值", "完成值", "权重", "得分"],
        ["", "效益指标", "社会效益指标", "设施完好率", "≥95%", "96%", "30", "30"],
        ["", "满意度指标", "服务对象满意度指标", "村民满意度", "≥90%", "88%", "20", "18"],
        ["合计", "", "", "", "", "", "100", "97.8"],
        ["评价结论", "项目自评得分97.8分。"],
    ]
    record = _record(tmp_path, rows, shape)
    assert not _errors(record)


@pytest.mark.parametrize("shape", SHAPES)
def test_a_templates_placeholder_rows_are_no_indicators(tmp_path, shape):
    # 指标2： | / | / | / | / and a …… row left from the template: no row, none missing
    rows = _level_subtotals_form()[:4] + [
        ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
        ["产出指标", "数量指标", "指标1：更新设备台数", "≥60台", "62台", "50", "50"],
        ["", "", "……", "", "", "", ""],
        ["效益指标", "生态效益指标", "指标2：", "/", "/", "/", "/"],
        ["", "社会效益指标", "指标3：门诊量增长率", "≥5%", "6.1%", "30", "30"],
        ["满意度指标", "服务对象满意度指标", "指标4：患者满意度", "≥90%", "88%", "10", "8"],
        ["总分", "", "", "", "", "100", "97.70"],  # 9.70 + 50 + 30 + 8
    ]
    record = _record(tmp_path, rows, shape)
    names = [r["path"][-1] for r in record["forms"][0]["indicators"]]
    assert names == ["指标1：更新设备台数", "指标3：门诊量增长率", "指标4：患者满意度"], shape
    assert not _errors(record)
    rows[-1] = ["总分", "", "", "", "", "100", "98.70"]  # one point more than the rows give
    bad = _record(tmp_path, rows, shape)
    assert [f["rule"] for f in bad["flags"] if f["severity"] == "error"] == ["form.score_total"], shape


@pytest.mark.parametrize("shape", SHAPES)
def test_a_completion_table_of_an_older_special_fund_form(tmp_path, shape):
    # 2017-style 财政专项资金绩效目标完成情况表: 专项资金名称, a 县级配套 source row, no points
    rows = [
        ["2016年度财政专项资金绩效目标完成情况表"],
        ["专项资金名称", "农村饮水安全巩固提升补助", "", "", "", "", ""],
        ["资金情况（万元）", "预算安排", "实际到位", "实际支出", "结余", "到位率", "支出率"],
        ["合计", "500.00", "500.00", "480.00", "20.00", "100%", "96%"],
        ["省级补助", "300.00", "300.00", "291.00", "9.00", "100%", "97%"],
        ["县级配套", "200.00", "200.00", "189.00", "11.00", "100%", "94.5%"],
        ["指标类别", "指标名称", "计量单位", "目标值", "实际值", "完成率", "备注"],
        ["产出指标", "新建集中供水工程", "处", "12", "12", "100%", ""],
        ["效益指标", "受益人口", "人", "18000", "18600", "103.33%", ""],
    ]
    record = _record(tmp_path, rows, shape)
    [form] = record["forms"]
    funds = {r["label"]: r for r in form["funds"]}
    assert funds["县级配套"]["slot"] == "local"
    facts = {f["id"]: f for f in record["facts"]}
    assert facts[funds["县级配套"]["cells"]["全年执行数"]]["value"] == Decimal("1890000")
    assert not _errors(record)


def _numbered_fund_columns(city_rate: str = "95.00%") -> list:
    # columns numbered with their formulas (小计④=①+②+③, 支出实现率⑥=⑤/④), rows numbered ①②
    return [
        ["部门整体支出绩效自评表（2023年度）"],
        ["部门（单位）名称", "市档案馆", "", "", "", "", "", "", ""],
        ["资金结构", "年初部门预算安排金额①", "历年结余结转②", "年中调整金额③", "小计④=①+②+③",
         "年度拨付金额⑤", "支出实现率⑥=⑤/④", "本年度结余金额⑦=④-⑤", "资金结余率⑧=⑦/④"],
        ["财政资金小计", "900.00", "50.00", "50.00", "1,000.00", "960.00", "96.00%", "40.00", "4.00%"],
        ["①中央及省级财政资金", "", "50.00", "", "50.00", "50.00", "100.00%", "0.00", "0.00%"],
        ["②市级财政资金", "900.00", "", "50.00", "950.00", "910.00", "95.79%", "40.00", "4.21%"],
        ["合计", "900.00", "50.00", "50.00", "1,000.00", "960.00", "96.00%", "40.00", "4.00%"],
    ]


@pytest.mark.parametrize("shape", SHAPES)
def test_fund_columns_numbered_with_their_formulas(tmp_path, shape):
    record = _record(tmp_path, _numbered_fund_columns(), shape)
    [form] = record["forms"]
    assert {"年初预算数", "结转数", "调整数", "全年执行数", "执行率", "结余数", "结余率"} <= set(form["fund_columns"])
    amounts = sorted(v for k, v, u in _facts(record).elements() if k == "amount")
    assert Decimal("9100000") in amounts and Decimal("10000000") in amounts
    assert not _errors(record)


@pytest.mark.parametrize("shape", SHAPES)
def test_a_qualitative_result_a_rung_below_its_target_with_full_points(tmp_path, shape):
    rows = _split_target_form()
    quality = ["效益指标", "可持续影响指标", "管网运维机制", "定性", "健全", "文字描述", "健全", "20", "20"]
    rows[rows.index(quality)] = ["效益指标", "社会效益指标", "群众出行条件改善", "定性", "好", "文字描述", "较好", "20", "20"]
    record = _record(tmp_path, rows, shape)
    [flag] = [f for f in record["flags"] if f["rule"] == "form.target_missed"]
    assert "较好" in flag["message"] and flag["severity"] == "warning"
    rows[rows.index(["效益指标", "社会效益指标", "群众出行条件改善", "定性", "好", "文字描述", "较好", "20", "20"])][6] = "好"
    assert not [f for f in _record(tmp_path, rows, shape)["flags"] if f["rule"] == "form.target_missed"]


@pytest.mark.parametrize("shape", SHAPES)
def test_a_total_row_under_points_deduction_and_score_columns(tmp_path, shape):
    rows = [
        ["2023年度项目支出绩效自评表"],
        ["项目名称", "农贸市场快检补助"],
        ["资金情况（万元）", "", "预算数", "执行数", "执行率", "分值", "得分"],
        ["", "合计", "120.00", "114.00", "95.00%", "10", "9.5"],
        ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "扣分", "得分", "偏差原因"],
        ["产出指标", "数量指标", "快检批次", "≥6000批次", "5800批次", "40", "1.2", "38.8", "设备检修停检半月"],
        ["效益指标", "社会效益指标", "问题产品处置率", "100%", "100%", "30", "0", "30", ""],
        ["满意度指标", "服务对象满意度指标", "商户满意度", "≥90%", "86%", "20", "2", "18", "部分商户反映出结果慢"],
        ["总分", "", "", "", "", "100", "3.2", "96.3"],  # 9.5 + 38.8 + 30 + 18
    ]
    record = _record(tmp_path, rows, shape)
    facts = {f["id"]: f for f in record["facts"]}
    assert facts[record["forms"][0]["total_score"]]["value"] == Decimal("96.3")
    assert not _errors(record)


# A department's score table copied from a web page one cell per line: the value columns'
# names (指标分值 | 指标解释 | 计分标准 | 自评得分 | 备注) on the header line above the level
# names (一级指标 | 二级指标 | 三级指标), a 计分标准 column of scoring rules passed over.
_DEPT_SCORE_CELLS = [
    ["绩效指标", "指标分值", "指标解释", "计分标准", "自评得分", "备注"],
    ["一级指标", "二级指标", "三级指标"],
    ["预算管理（30分）", "预算编制（20分）", "目标设置", "10", "考察部门目标是否完整量化。", "目标完整的得5分，量化的得5分。", "9", " "],
    ["预算执行率", "10", "考察预算执行程度。", "执行率达到95%的得满分，每低1个百分点扣1分。", "{score}", " "],
    ["资产管理（10分）", "资产安全", "10", "考察资产是否安全完整。", "制度健全且账实相符得满分。", "10", " "],
]


def test_a_score_table_whose_value_columns_head_the_line_above_the_levels(tmp_path):
    from conftest import text_record

    text = "临川县科技局2023年度部门整体支出绩效评价表\n\n" + "\n\n".join(
        c.format(score="7.5") for r in _DEPT_SCORE_CELLS for c in r) + "\n"
    record = text_record(tmp_path, text)
    facts = {f["id"]: f for f in record["facts"]}
    rows = [(i["path"][-1], facts[i["weight"]]["value"], facts[i["score"]]["value"])
            for form in record["forms"] for i in form["indicators"]]
    assert rows == [("目标设置", Decimal("10"), Decimal("9")), ("预算执行率", Decimal("10"), Decimal("7.5")),
                    ("资产安全", Decimal("10"), Decimal("10"))]
    assert not _errors(record)


@pytest.mark.parametrize("shape", SHAPES)
def test_comparator_cells_in_small_form_symbols(tmp_path, shape):
    # some templates fill the 符号 cells with the small form variants (﹦ U+FE66, ﹥ U+FE65)
    rows = [[{"≥": "\ufe65", "≤": "\ufe64"}.get(c, c) for c in row] for row in _split_target_form()]
    rows[8][3] = "\ufe66"
    record = _record(tmp_path, rows, shape)
    by_name = {r["path"][-1]: r for r in record["forms"][0]["indicators"]}
    assert by_name["改造污水管网"]["target"]["comparator"] == "="
    assert by_name["工程完工时限"]["target"]["comparator"] == "<"
    scores = sorted(v for k, v, u in _facts(record).elements() if k == "score")
    assert scores == sorted(Decimal(x) for x in ("30", "30", "20", "20", "20", "20", "30", "28", "100", "98"))
    assert not _errors(record)


def _direction_form() -> list:
    # 指标方向 holds the comparator; the unit has its own column after the result
    return [
        ["2024年度项目支出绩效自评表"],
        ["项目名称", "近岸海域水质监测"],
        ["项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        ["", "年度资金总额", "80.00", "80.00", "76.00", "10", "95.00%", "9.5"],
        ["一级指标", "二级指标", "三级指标", "指标方向", "目标值", "完成值", "计量单位", "完成率", "权重（分）", "得分"],
        ["产出指标", "数量指标", "监测站位", "≥", "40", "42", "个", "105.00%", "30", "30"],
        ["", "质量指标", "数据有效率", "≥", "95", "97.5", "%", "102.63%", "30", "30"],
        ["效益指标", "社会效益指标", "科普受众", "≥", "2000", "2150", "人次", "107.50%", "30", "30"],
        ["得分合计", "", "", "", "", "", "", "", "100", "99.5"],
    ]


@pytest.mark.parametrize("shape", SHAPES)
def test_a_direction_column_gives_the_comparator_and_a_unit_column_the_unit(tmp_path, shape):
    record = _record(tmp_path, _direction_form(), shape)
    rows = {r["path"][-1]: r for r in record["forms"][0]["indicators"]}
    target = rows["科普受众"]["target"]
    assert (target["comparator"], target["value"], target["unit"]) == (">=", 2000, "人次")
    facts = Counter((f["kind"], Decimal(str(f["value"]))) for f in record["facts"])
    assert facts[("person_times", Decimal("2150"))] == 1 and facts[("percent", Decimal("97.5"))] == 1
    assert not _errors(record)


_CHANGE_COLUMN_ROWS = [
    ["2019年度部门整体支出绩效自评表"],
    ["部门名称", "青岚县档案馆", "", "", "", ""],
    ["部门支出（万元）", "项目", "预算数", "决算数", "上年决算数", "增减率"],
    ["", "支出合计", "356.40", "348.20", "331.60", "5.01%"],
    ["", "“三公”经费", "8.60", "7.15", "8.70", "-17.82%"],
]


@pytest.mark.parametrize("shape", TEXT_SHAPES)
def test_an_amount_before_a_negative_rate_is_no_range(tmp_path, shape):
    # 8.70 -17.82% run together reads as a range for the text reader; the form's cell is 8.70 alone
    rec = _record(tmp_path, _CHANGE_COLUMN_ROWS, shape)
    [last_year] = [f for f in rec["facts"] if f["kind"] == "amount" and Decimal(str(f["value"])) == Decimal("87000")]
    assert last_year.get("range_high") is None


def _per_head_unit_form() -> list:
    # money per head in a unit cell of its own, with its period: 元/生·天, 元/人·餐
    return [
        ["2025年度项目支出绩效自评表"],
        ["项目名称", "农村学生营养餐及老年助餐补助"],
        ["一级指标", "二级指标", "三级指标", "指标方向", "目标值", "完成值", "计量单位", "权重（分）", "得分"],
        ["产出指标", "成本指标", "学生膳食补助标准", "=", "5", "5", "元/生·天", "30", "30"],
        ["", "", "老年助餐补贴标准", "=", "4", "4", "元/人·餐", "30", "30"],
        ["", "数量指标", "受益学生", "≥", "1800", "1865", "人", "40", "40"],
        ["得分合计", "", "", "", "", "", "", "100", "100"],
    ]


@pytest.mark.parametrize("shape", SHAPES)
def test_a_unit_cell_of_money_per_head_and_period_makes_money_rates(tmp_path, shape):
    record = _record(tmp_path, _per_head_unit_form(), shape)
    rates = Counter(Decimal(str(f["value"])) for f in record["facts"] if f["kind"] == "money_rate")
    assert rates == Counter({Decimal("5"): 2, Decimal("4"): 2})
    assert not _errors(record)


@pytest.mark.parametrize("shape", TEXT_SHAPES)
def test_a_heading_over_the_first_level_is_no_first_level_weight(tmp_path, shape):
    rows = [
        ["2021年学生资助项目绩效目标自评表"],
        ["预算执行情况（万元）（20分）", "", "预算数（A）", "执行数（B）", "执行率（B/A）", "得分（20分×执行率）", ""],
        ["", "年度财政资金总额", "500.00", "490.00", "98.00%", "19.6", ""],
        ["年度绩效目标（80分）", "一级指标", "二级指标", "三级指标", "年初目标值（A）", "实际完成值（B）", "得分"],
        ["", "产出指标（40分）", "数量指标", "资助学生人数", "1,200人", "1,230人", "40"],
        ["", "效益指标（30分）", "社会效益指标", "资助资金发放率", "100%", "100%", "30"],
        ["", "满意度指标（10分）", "服务对象满意度指标", "受助学生满意度", "≥90%", "94%", "10"],
        ["总分", "", "", "", "", "", "99.6"],
    ]
    assert not _errors(_record(tmp_path, rows, shape))


def _two_breakdowns_form() -> list:
    # the year's money broken down twice (by income, then by spending), and the budget's points
    # under 权重分 / 自评得分
    return [
        ["2020年度部门整体支出绩效自评表"],
        ["年度预算申请（万元）", "", "年初预算数", "全年预算数", "全年执行数", "执行率", "权重分", "自评得分"],
        ["", "年度资金总额", "1,540.00", "1,620.00", "1,587.60", "98.0%", "10", "9.8"],
        ["", "按收入性质分：一般公共预算", "1,420.00", "1,500.00", "1,470.00", "98.0%", "", ""],
        ["", "政府性基金", "120.00", "120.00", "117.60", "98.0%", "", ""],
        ["", "按支出性质分：基本支出", "640.00", "652.00", "652.00", "100.0%", "", ""],
        ["", "项目支出", "900.00", "968.00", "935.60", "96.7%", "", ""],
        ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "", "权重分", "自评得分"],
        ["产出指标", "数量指标", "农村户厕改造", "≥300户", "312户", "", "40", "40"],
        ["效益指标", "社会效益指标", "低保应保尽保率", "100%", "100%", "", "30", "30"],
        ["满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "94%", "", "20", "20"],
        ["总分", "", "", "", "", "", "100", "99.8"],
    ]


@pytest.mark.parametrize("shape", SHAPES)
def test_a_total_broken_down_twice_and_the_budget_points_under_weight_columns(tmp_path, shape):
    record = _record(tmp_path, _two_breakdowns_form(), shape)
    assert not _errors(record)
    # a real gap in one of the two breakdowns is still found
    rows = [[c.replace("900.00", "920.00") for c in r] for r in _two_breakdowns_form()]
    assert any("总额与其中各项之和不符" in m for m in _errors(_record(tmp_path, rows, shape)))


def _county_funds_form() -> list:
    # a transfer form's funds by county, the unit in the block's label merged down the first column
    return [
        ["2022年度中央对地方转移支付区域绩效自评表"],
        ["转移支付名称", "农村危房改造补助", "", "", "", ""],
        ["资金情况（万元）", "县（市、区）", "中央补助", "省级补助", "合计", "已支出"],
        ["", "东岭县", "320.00", "80.00", "400.00", "388.50"],
        ["", "西川县", "210.00", "50.00", "260.00", "260.00"],
        ["", "合计", "530.00", "130.00", "660.00", "648.50"],
    ]


@pytest.mark.parametrize("shape", ["pipe", "docx", "xlsx"])
def test_funds_by_county_under_a_block_label_with_its_unit(tmp_path, shape):
    record = _record(tmp_path, _county_funds_form(), shape)
    amounts = Counter(Decimal(str(f["value"])) for f in record["facts"] if f["kind"] == "amount")
    assert amounts[Decimal("3200000")] == 1 and amounts[Decimal("6485000")] == 1 and sum(amounts.values()) == 12
    assert not _errors(record)


@pytest.mark.parametrize("shape", ["docx", "xlsx"])
def test_a_figure_in_wan_whose_unit_is_its_rows_unit_cell(tmp_path, shape):
    rows = [
        ["2023年度项目支出绩效自评表"],
        ["一级指标", "二级指标", "三级指标", "单位", "年度指标值", "实际完成值", "分值", "得分"],
        ["效益指标", "社会效益指标", "受益人口", "人", "≥4.5万", "4.72万", "50", "50"],
        ["满意度指标", "服务对象满意度指标", "群众满意度", "%", "≥90", "93", "50", "50"],
        ["总分", "", "", "", "", "", "100", "100"],
    ]
    record = _record(tmp_path, rows, shape)
    heads = sorted(Decimal(str(f["value"])) for f in record["facts"] if f["kind"] == "headcount")
    assert heads == [Decimal("45000"), Decimal("47200")]
    assert not _errors(record)


def _weights_in_names(spent_points: str = "19.47") -> list:
    """A project form that writes each weight inside its indicator's name (产出指标（40分）,
    补助人数（15分）) and keeps no 分值 column, its budget execution scored 20分 × 执行率."""
    return [
        ["项目支出绩效自评表"],
        ["项目名称", "困难群众救助补助"],
        ["主管部门", "临江县民政局", "实施单位", "临江县民政局"],
        ["项目类别", "1、部门预算项目 ☑ 2、县直专项 □"],
        ["预算执行情况（万元）（20分）", "预算数(A)", "执行数(B)", "执行率(B/A)", "得分(20分*执行率)"],
        ["年度财政资金总额", "1,268.40", "1,234.90", "97.36%", spent_points],
        ["一级指标", "二级指标", "三级指标", "年初目标值(A)", "实际完成值(B)", "得分"],
        ["产出指标（40分）", "数量指标", "救助人数（15分）", "≥2,000人", "2,136人", "15"],
        ["", "质量指标", "资金足额发放率（15分）", "100%", "100%", "15"],
        ["", "时效指标", "按月发放及时率（10分）", "≥95%", "96.5%", "10"],
        ["效益指标（30分）", "社会效益指标", "应救尽救率（30分）", "≥98%", "99.1%", "30"],
        ["满意度指标（10分）", "服务对象满意度指标", "救助对象满意度（10分）", "≥90%", "93.2%", "9"],
        ["总分", "", "", "", "", "98.47"],
    ]


@pytest.mark.parametrize("shape", TEXT_SHAPES)
def test_weights_written_in_the_names_are_no_first_level_of_their_own(tmp_path, shape):
    """The names' weights are read, but a row's weight beside its level's (救助人数（15分）
    under 产出指标（40分）) adds up to no first level of 180."""
    record = _record(tmp_path, _weights_in_names(), shape)
    assert not [m for m in _errors(record) if "一级指标分值合计" in m]


def _department_budget(project_spent: str = "1,067.32") -> list:
    """A department-wide form's budget block whose 其中 rows break down 财政拨款, not the
    合计 over it (合计 = 财政拨款 + 其他资金; 财政拨款 = 基本支出 + 项目支出)."""
    return [
        ["2021年度部门整体支出绩效自评表"],
        ["部门名称", "临江县卫生健康局"],
        ["部门预算执行情况（万元）", "年初预算", "调整后预算", "实际支出", "执行率"],
        ["合计", "2,141.40", "2,507.98", "2,448.07", "97.61%"],
        ["财政拨款", "2,081.40", "2,422.68", "2,365.97", "97.66%"],
        ["其中：基本支出", "1,236.40", "1,302.18", "1,298.65", "99.73%"],
        ["项目支出", "845.00", "1,120.50", project_spent, "95.25%"],
        ["其他资金", "60.00", "85.30", "82.10", "96.25%"],
        ["一级指标", "二级指标", "三级指标", "分值", "得分"],
        ["产出指标", "数量指标", "家庭医生签约人数", "50", "50"],
        ["满意度指标", "服务对象满意度指标", "群众满意度", "50", "48"],
        ["总分", "", "", "100", "98"],
    ]


@pytest.mark.parametrize("shape", TEXT_SHAPES + ["xlsx"])
def test_spending_rows_that_break_down_a_part_of_the_total(tmp_path, shape):
    record = _record(tmp_path, _department_budget(), shape)
    assert not [m for m in _errors(record) if "总额与其中各项之和不符" in m]


@pytest.mark.parametrize("shape", TEXT_SHAPES)
def test_spending_rows_that_add_up_to_neither_total(tmp_path, shape):
    record = _record(tmp_path, _department_budget(project_spent="1,057.32"), shape)
    assert [m for m in _errors(record) if "总额与其中各项之和不符" in m]
