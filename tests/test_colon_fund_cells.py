"""Department forms whose fund cells hold label and figure together (收入合计：1860.40 | 其中：财政拨款：
1702.15 | 其他收入：158.25, and the national template's 资金总额 | 按收入性质分 | 按支出性质分 set side by
side, their 其中 rows interleaved line by line): each cell is a fund row of the block, each total
checked against its own parts. Written in the shapes text reaches us in; names and figures invented."""
from __future__ import annotations

import pytest

from conftest import text_record
from test_forms import _render_text

SHAPES = ["tabs", "pipe", "spaced", "one_line", "cells"]


def _income_form(income="1860.40", other="158.25", unit=True, other_label="其他收入"):
    return [
        ["柳塘县文化和旅游局2022年度部门整体支出绩效自评表"],
        ["部门（单位）名称", "柳塘县文化和旅游局", *(["单位：万元"] if unit else [])],
        ["年度收支", f"收入合计：{income}", "其中：财政拨款：1702.15", f"{other_label}：{other}"],
        ["", "支出合计：1812.36", "基本支出：905.12", "项目支出：907.24"],
        ["编制人数：42人", "实有人数：40人"],
        ["一级指标", "二级指标", "指标值", "完成值", "分值", "得分"],
        ["产出", "文化惠民演出场次", "≥120场", "126场", "50", "50"],
        ["效果", "群众满意度", "≥90%", "93%", "50", "48"],
        ["总分", "100", "98"],
    ]


def _side_by_side(fund_budget="312.00"):
    # 资金总额 2130.45 = 1486.20 + 312.00 + 332.25 (by income) = 862.37 + 1268.08 (by spending)
    return [
        ["青崖县农业农村局2019年度部门整体支出绩效自评表"],
        ["部门（单位）名称", "青崖县农业农村局", "单位：万元"],
        ["年度部门整体支出预算", "资金总额：2130.45", "按收入性质分：2130.45", "按支出性质分：2130.45"],
        ["", "", "其中：一般公共预算：1486.20", "其中：基本支出：862.37"],
        ["", "", f"政府性基金拨款：{fund_budget}", "项目支出：1268.08"],
        ["", "", "其他资金：332.25", ""],
        ["年度部门整体支出执行", "执行数：2046.83", "执行率：96.08%"],
        ["一级指标", "二级指标", "指标值", "完成值", "分值", "得分"],
        ["产出", "高标准农田建设", "≥1.5万亩", "1.52万亩", "50", "50"],
        ["效果", "农户满意度", "≥90%", "92%", "50", "50"],
        ["总分", "100", "100"],
    ]


def _record(tmp_path, rows, shape):
    return text_record(tmp_path, _render_text(rows, shape) + "\n")


def _errors(record, rule=None):
    return [f for f in record["flags"] if f["severity"] in ("error", "warning") and (rule is None or f["rule"] == rule)]


def _amounts(record):
    return {int(float(f["value"])) for f in record["facts"] if f["kind"] == "amount"}


@pytest.mark.parametrize("shape", SHAPES)
def test_label_and_figure_cells_are_the_forms_fund_rows(tmp_path, shape):
    record = _record(tmp_path, _income_form(), shape)
    assert not _errors(record), [f["message"] for f in _errors(record)]
    assert {18604000, 17021500, 1582500, 18123600, 9051200, 9072400} <= _amounts(record)
    funds = {r["label"]: r["slot"] for r in record["forms"][0]["funds"]}
    assert funds["收入合计"] == "income_total" and funds["财政拨款"] == "current" and funds["项目支出"] == "project"


@pytest.mark.parametrize("shape", SHAPES)
def test_an_income_total_off_its_parts_is_flagged(tmp_path, shape):
    # 1702.15 + 158.25 = 1860.40; written 1880.40
    record = _record(tmp_path, _income_form(income="1880.40"), shape)
    [flag] = _errors(record, "form.funds_total")
    assert "1880.40万元" in flag["message"] and "1860.40万元" in flag["message"]


def test_an_income_class_the_templates_lack_leaves_the_sum_unchecked(tmp_path):
    # 上级补助收入 is money of the block no template row names: the sum over the block is not known
    record = _record(tmp_path, _income_form(income="1900.40", other_label="上级补助收入"), "pipe")
    assert not _errors(record, "form.funds_total")
    assert 1582500 in _amounts(record)


def test_no_unit_stated_gives_no_amounts(tmp_path):
    record = _record(tmp_path, _income_form(unit=False), "pipe")
    assert not {18604000, 17021500} & _amounts(record)


@pytest.mark.parametrize("shape", SHAPES)
def test_side_by_side_breakdowns_are_each_checked_against_their_own_total(tmp_path, shape):
    record = _record(tmp_path, _side_by_side(), shape)
    assert not _errors(record), [f["message"] for f in _errors(record)]
    # 2046.83 ÷ 2130.45 = 96.08%: the execution line is the total's
    total = next(r for r in record["forms"][0]["funds"] if r["slot"] == "total")
    assert {"全年预算数", "全年执行数", "执行率"} <= set(total["cells"])
    slipped = _record(tmp_path, _side_by_side(fund_budget="302.00"), shape)
    [flag] = _errors(slipped, "form.funds_total")
    assert "按收入性质分" in flag["message"] and "2120.45万元" in flag["message"]
