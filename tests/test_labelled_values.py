"""Bare figures whose unit is written with their label (项目资金（万元）：1084.25, or one cell
per line: 计划安排资金 / （万元） / 170). The reports are written here; figures invented."""
from __future__ import annotations

from decimal import Decimal

import pytest

from conftest import text_record
from extractor.pipeline import extract_file


def _facts(tmp_path, text):
    path = tmp_path / "r.txt"
    path.write_text(text, encoding="utf-8")
    record = extract_file(path)
    return [(f["kind"], f["value"], f["source"]["quote"], f["label"]) for f in record["facts"]], path


def test_unit_in_the_label_on_the_figure_line(tmp_path):
    facts, _ = _facts(tmp_path, "某镇2022年度道路养护项目自评表\n\n项目资金（万元）：86.4\n\n资金合计(万元)  年度预算数：120.5\n")
    assert ("amount", Decimal("864000"), "86.4", "项目资金") in facts
    assert ("amount", Decimal("1205000"), "120.5", "资金合计") in facts


def test_one_cell_per_line(tmp_path):
    facts, _ = _facts(tmp_path, "计划安排资金\n\n（万元）\n\n240\n\n实际支出（万元）\n\n236.8\n\n结余\n\n(万元)\n\n0\n\n"
                                "受益人数（人）\n\n1350\n")
    assert ("amount", Decimal("2400000"), "240", "计划安排资金") in facts
    assert ("amount", Decimal("2368000"), "236.8", "实际支出") in facts
    assert ("amount", Decimal("0"), "0", "结余") in facts
    assert any(k == "headcount" and v == 1350 for k, v, _, _ in facts)


def test_a_breakdown_after_a_total_shares_its_unit(tmp_path):
    facts, path = _facts(tmp_path, "资金安排情况。\n\n专项资金合计（万元） 年度预算总额：512.00\n其中：中央补助 300.00\n"
                                   "省级资金 162.00\n县级资金（含结转） 50.00\n联系电话 6812345\n备注 12\n")
    values = {(k, v) for k, v, _, _ in facts}
    assert {("amount", Decimal("5120000")), ("amount", Decimal("3000000")), ("amount", Decimal("1620000")),
            ("amount", Decimal("500000"))} <= values
    # a telephone number ends the run, and nothing after it takes the unit
    assert not any(q in ("6812345", "12") for _, _, q, _ in facts)
    text = path.read_text(encoding="utf-8")
    for kind, value, quote, _ in facts:
        assert quote in text


def test_a_figure_far_from_the_unit_is_not_read(tmp_path):
    facts, _ = _facts(tmp_path, "资金规模（万元）\n\n评分情况\n\n1\n\n某某项目\n\n460\n\n90.1\n\n年度\n\n2021\n")
    assert facts == []


def test_a_year_after_a_unit_label_is_no_amount(tmp_path):
    facts, _ = _facts(tmp_path, "资金（万元）\n年度 2021\n")
    assert facts == []


def _flags(tmp_path, text):
    path = tmp_path / "b.txt"
    path.write_text(text, encoding="utf-8")
    return extract_file(path)


def test_a_breakdown_written_as_lines_is_checked(tmp_path):
    record = _flags(tmp_path, "专项资金安排情况\n\n助学补助资金（万元）\n年度预算资金总额：215.40\n其中：中央补助 120.00\n"
                              "省级资金 64.20\n县级资金（含结转结余） 32.20\n其中：\n")
    flags = [f for f in record["flags"] if f["rule"] == "sum.breakdown"]
    assert len(flags) == 1 and flags[0]["severity"] == "error"
    assert "总数215.40万元" in flags[0]["message"]  # the unit its label gave


def test_a_breakdown_that_adds_up_and_a_different_quantity_after_it(tmp_path):
    record = _flags(tmp_path, "助学补助资金（万元）\n年度预算资金总额：215.40\n其中：中央补助 120.00\n省级资金 63.20\n"
                              "县级资金 32.20\n实际支出 210.00\n")
    assert [f for f in record["flags"] if f["rule"] == "sum.breakdown"] == []
    rel = [r for r in record["relations"] if r["type"] == "breakdown"]
    assert len(rel) == 1 and len(rel[0]["parts"]) == 3  # 实际支出 is not a part


def test_row_numbers_of_a_form_that_numbers_its_rows_are_no_amounts(tmp_path):
    from extractor.pipeline import extract_file

    text = ("某县2024年度林业改革发展资金绩效评价表\n行次 全年预算数(A) 全年执行资金(E) 预算执行(E/A)\n"
            "年度资金总额(万元)： 1\n其中：中央财政资金(万元) 2\n地方财政资金(万元) 3\n")
    path = tmp_path / "numbered.txt"
    path.write_text(text, encoding="utf-8")
    assert [f for f in extract_file(path)["facts"] if f["kind"] == "amount"] == []
    # without a 行次 column the same line is an amount
    path.write_text(text.replace("行次 ", ""), encoding="utf-8")
    assert [f["value"] for f in extract_file(path)["facts"] if f["kind"] == "amount"]


def test_a_flattened_line_of_label_and_figure_pairs(tmp_path):
    facts, _ = _facts(tmp_path, "一、项目基本概况\n预算安排资金（万元） 180 到位资金(万元)：175.5 实际支出（万元） 171.25\n"
                                "受益户数（户） 460 受益人数（人） 1380\n联系电话 8321456 邮编 414000\n")
    assert ("amount", Decimal("1800000"), "180", "预算安排资金") in facts
    assert ("amount", Decimal("1755000"), "175.5", "到位资金") in facts
    assert ("amount", Decimal("1712500"), "171.25", "实际支出") in facts
    assert any(k == "households" and v == 460 for k, v, _, _ in facts)
    assert any(k == "headcount" and v == 1380 for k, v, _, _ in facts)
    assert not any(q in ("8321456", "414000") for _, _, q, _ in facts)


def test_a_table_row_of_labels_carrying_units_beside_their_values(tmp_path):
    facts, _ = _facts(tmp_path, "项目基本情况\n\n| 项目名称 | 村道修缮 | 实施单位 | 某乡政府 |\n"
                                "| 预算安排资金(万元) | 96 | 实际到位资金（万元） | 90.5 |\n"
                                "| 实际支出（万元） |  | 88 | 备注 |\n| 完成批次 | 3 | 验收段数 | 12 |\n")
    assert ("amount", Decimal("960000"), "96", "预算安排资金") in facts
    assert ("amount", Decimal("905000"), "90.5", "实际到位资金") in facts
    assert ("amount", Decimal("880000"), "88", "实际支出") in facts  # an empty cell between
    # labels without a unit give their figures none
    assert not any(q in ("3", "12") for _, _, q, _ in facts)


@pytest.mark.parametrize("unit", ["(万元)", "（万元）", "（单位：万元）", "(单位:万元)"])
def test_money_sources_run_on_after_glued_label_unit_pairs_take_their_unit(tmp_path, unit):
    # a form flattened to one line: three columns' 其中 rows written side by side after the pairs
    text = ("项目基本信息计划投资额(万元)320.5实际到位资金(万元)320.5实际使用情况(万元)298.76".replace("(万元)", unit) +
            "其中:中央财政其中:中央财政其中:中央财政省财政120.5省财政120.5省财政110.2市县财政200市县财政200市县财政188.56其他其他其他\n")
    record = text_record(tmp_path, text, "sources.txt")
    amounts = sorted(f["value"] for f in record["facts"] if f["kind"] == "amount")
    assert amounts == sorted(Decimal(v) * 10000 for v in
                             ("320.5", "320.5", "298.76", "120.5", "120.5", "110.2", "200", "200", "188.56"))


def test_a_source_word_with_a_figure_and_no_pairs_before_it_stays_bare(tmp_path):
    record = text_record(tmp_path, "项目概况\n其中:中央财政120.5省财政200\n", "bare_sources.txt")
    assert [f for f in record["facts"] if f["kind"] == "amount"] == []


def test_fund_sources_under_a_grid_of_money_labels(tmp_path):
    # label | value pairs, the money unit in the labels of the first row only; the sources
    # below stand in the same label columns
    text = ("一、项目资金情况\n"
            "计划安排资金（万元） | 860.5 | 实际到位资金（万元） | 860.5 | 实际支出（万元） | 812.2 |\n"
            "其中：中央财政 | 其中：中央财政 | 其中：中央财政 |\n"
            "省级财政 | 700 | 省级财政 | 700 | 省级财政 | 651.7 |\n"
            "县财政 | 160.5 | 县财政 | 160.5 | 县财政 | 160.5 |\n"
            "联系电话 | 6812345 | 邮编 | 414000 | 备注 | 12 |\n")
    facts, _ = _facts(tmp_path, text)
    amounts = [(v, q) for k, v, q, _ in facts if k == "amount"]
    assert (Decimal("7000000"), "700") in amounts and (Decimal("6517000"), "651.7") in amounts
    assert amounts.count((Decimal("1605000"), "160.5")) == 3
    # a label that names no fund source is no amount, whatever the labels above it say
    assert not any(q in ("6812345", "414000", "12") for _, _, q, _ in facts)


def test_fund_sources_one_cell_a_line_after_money_cells(tmp_path):
    cells = ["项目资金", "(万元)", "86", "实际支出", "(万元)", "80.5", "其中:中央财政", "其中:中央财政",
             "省财政", "60", "省财政", "55.5", "县财政", "26", "县财政", "25", "其它", "其它",
             "联系人", "张三", "县财政", "12"]
    facts, _ = _facts(tmp_path, "\n\n".join(cells) + "\n")
    amounts = [q for k, v, q, _ in facts if k == "amount"]
    assert amounts == ["86", "80.5", "60", "55.5", "26", "25"]  # not the 12 after a line of other words
    # sources with no money cells before them take no unit
    facts, _ = _facts(tmp_path, "\n\n".join(["受益人数", "(人)", "300", "县财政", "26"]) + "\n")
    assert [q for k, v, q, _ in facts if k == "amount"] == []


def test_a_list_of_units_over_a_table_types_its_money_labels_only(tmp_path):
    # the caption lists the units of all the table's figures: money, classes and items
    text = ("某镇2023年护林员补助项目绩效评价报告\n"
            "概要 | |||\n"
            "评价机构：某某咨询有限公司 单位：万元、类、个 | |||\n"
            "项目资金 到位总数 | 86.2 | 抽查资金总数 | 80.5 |\n"
            "项目类别 | 2 | 抽查类别 | 2 |\n"
            "项目数量 | 14 | 资金抽查占比 | 93.39% |\n")
    facts, _ = _facts(tmp_path, text)
    assert [(k, v, q) for k, v, q, _ in facts if k == "amount"] == [
        ("amount", Decimal("862000"), "86.2"), ("amount", Decimal("805000"), "80.5")]
    assert not any(q in ("2", "14") for _, _, q, _ in facts)
