"""Fund blocks whose sources head the columns and whose stages trail them: 资金来源 | 中央 | 省、地 |
本级 | 其他 | 合计 | 执行数 | 执行率, then one row of figures under the stage label (年度预算): each
source's figure is its row's budget, and the trailing 执行数 and 执行率 are the 合计 row's. Written in
every shape text reaches us in, and as .docx / .xlsx tables; names and figures invented."""
from __future__ import annotations

import pytest

from extractor.pipeline import extract_file

from conftest import text_record
from test_forms import TEXT_SHAPES, _docx, _render_text, _xlsx

FILES = {"docx": _docx, "xlsx": _xlsx}


def _funds(total="612.40", spent="598.30", rate="97.70%", sources=("中央", "省、地", "本级", "其他")):
    return [
        ["单位：万元"],
        ["项目资金来源", *sources, "合计", "执行数", "执行率"],
        ["年度预算", "320.00", "180.00", "92.40", "20.00", total, spent, rate],
    ]


_INDICATORS = [
    ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
    ["产出指标", "数量指标", "改造农村公路里程", "≥48公里", "49.5公里", "30", "30"],
    ["产出指标", "质量指标", "工程验收合格率", "100%", "100%", "20", "20"],
    ["效益指标", "社会效益指标", "受益群众", "≥15000人", "15320人", "30", "30"],
    ["满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "94%", "10", "10"],
    ["预算执行", "预算执行率", "预算执行率", "≥95%", "97.70%", "10", "10"],
    ["总分", "100", "100"],
]


def _record(tmp_path, shape, funds):
    rows = [["项目支出绩效自评表"], ["项目名称", "溪口县2021年农村公路提升工程"],
            ["主管部门", "溪口县交通运输局", "实施单位", "溪口县公路管理段"]] + funds + _INDICATORS
    if shape in FILES:
        return extract_file(FILES[shape](tmp_path, rows))
    return text_record(tmp_path, "溪口县交通运输局项目自评\n\n" + _render_text(rows, shape) + "\n")


def _errors(record, rule=None):
    return [f for f in record["flags"] if f["severity"] in ("error", "warning") and (rule is None or f["rule"] == rule)]


def _facts(record):
    return {(f["kind"], str(float(f["value"]))) for f in record["facts"]}


@pytest.mark.parametrize("shape", [*TEXT_SHAPES, *FILES])
def test_sources_as_columns_with_trailing_stages_are_read(tmp_path, shape):
    record = _record(tmp_path, shape, _funds())
    assert not _errors(record), [f["message"] for f in _errors(record)]
    money = {("amount", str(float(v))) for v in ("3200000", "1800000", "924000", "200000", "6124000", "5983000")}
    assert money <= _facts(record)
    # the 合计 and 执行数 are no percentages, the rate no money
    assert ("percent", "612.4") not in _facts(record) and ("percent", "180.0") not in _facts(record)
    assert ("percent", "97.7") in _facts(record)


@pytest.mark.parametrize("shape", [*TEXT_SHAPES, *FILES])
def test_a_total_off_its_source_columns_is_flagged(tmp_path, shape):
    # 320.00 + 180.00 + 92.40 + 20.00 = 612.40; written 621.40 (598.30 / 621.40 = 96.28%: the rate
    # follows the total as written, so only the sum is off)
    record = _record(tmp_path, shape, _funds(total="621.40", rate="96.28%"))
    [flag] = _errors(record, "form.funds_total")
    assert "621.40万元" in flag["message"] and "612.40万元" in flag["message"]
    assert not _errors(record, "form.execution_rate")


@pytest.mark.parametrize("shape", [*TEXT_SHAPES, *FILES])
def test_a_trailing_rate_off_its_total_is_flagged(tmp_path, shape):
    # 598.30 / 612.40 = 97.70%; written 95.70%
    record = _record(tmp_path, shape, _funds(rate="95.70%"))
    [flag] = _errors(record, "form.execution_rate")
    assert "95.70%" in flag["message"]
    assert not _errors(record, "form.funds_total")


@pytest.mark.parametrize("sources", [("中央资金", "省级资金", "县本级", "自筹资金"), ("中央", "省级", "州市配套", "其他")])
def test_source_names_of_other_provinces(tmp_path, sources):
    record = _record(tmp_path, "pipe", _funds(sources=sources))
    assert not _errors(record)
    assert ("amount", str(float("924000"))) in _facts(record) and ("amount", str(float("6124000"))) in _facts(record)


def _block_then_sources(county: str = "116.50") -> list:
    return [
        ["项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        ["", "年度资金总额", "380.00", "426.50", "401.18", "10", "94.06%", "9.41"],
        ["", "其中：当年财政拨款", "380.00", "426.50", "401.18", "—", "—", "—"],
        ["", "上年结转资金", "—", "—", "—", "—", "—", "—"],
        ["资金来源构成表（单位：万元）"],
        ["资金来源", "中央", "省级", "市级", "县级", "合计"],
        ["全年预算数", "120.00", "150.00", "40.00", county, "426.50"],
        ["全年执行数", "120.00", "150.00", "40.00", "91.18", "401.18"],
    ]


@pytest.mark.parametrize("shape", ["pipe", "tabs", "cells", "docx"])
def test_a_second_table_of_the_sources_as_columns_after_the_fund_block(tmp_path, shape):
    record = _record(tmp_path, shape, _block_then_sources())
    assert not _errors(record), [f["message"] for f in _errors(record)]
    assert ("amount", str(float("1165000"))) in _facts(record) and ("amount", str(float("911800"))) in _facts(record)
    # 120 + 150 + 40 + 106.50 = 416.50, the 合计 426.50: the second block's own sum
    [flag] = _errors(_record(tmp_path, shape, _block_then_sources("106.50")), "form.funds_total")
    assert "426.50万元" in flag["message"] and "416.50万元" in flag["message"]


def _stage_rows(local_spent: str = "738.30", rate: str = "97.08%") -> list:
    # sources as columns over three stage rows, 地方资金 broken down into 省级 (none) and 市县级
    return [
        ["资金投入情况（单位：万元）"],
        ["项目", "年度资金总额", "中央补助", "地方资金", "其中：省级", "市县级"],
        ["预算数", "2740.50", "1980.00", "760.50", "—", "760.50"],
        ["执行数", "2718.30", "1980.00", local_spent, "—", local_spent],
        ["执行率", "99.19%", "100.00%", rate, "—", rate],
    ]


@pytest.mark.parametrize("shape", [*TEXT_SHAPES, *FILES])
def test_stage_rows_under_sources_as_columns(tmp_path, shape):
    record = _record(tmp_path, shape, _stage_rows())
    assert not _errors(record), [f["message"] for f in _errors(record)]
    # 738.30 ÷ 760.50 = 97.08%; written 98.08%
    [flag] = _errors(_record(tmp_path, shape, _stage_rows(rate="98.08%")), "form.execution_rate")
    assert "98.08%" in flag["message"] and "760.50万元" in flag["message"]
