"""A standard form whose title the page left out (the title was the page's heading, or the
excerpt starts below it), its labels written with half-width brackets (部门(单位)名称,
项目资金(万元)): the form is known by its labels alone. Written here; figures invented."""
from __future__ import annotations

from decimal import Decimal

from conftest import text_record

UNTITLED = """当前位置：首页 > 资金信息公开
某市档案馆2020年部门整体支出绩效自评
（2020年度）
部门(单位)名称 某市档案馆 部门预算编码 409001
年度部门整体支出预算执行情况(万元) 年初预算数 全年预算数 全年执行数 分值 执行率 得分
年度资金总额 240.50 262.10 255.80 10 97.60% 9.76
按支出性质分 基本支出 180.20 190.40 188.60
项目支出 60.30 71.70 67.20
年度总体目标完成情况 预期目标 实际完成情况
完成档案接收与数字化。 全年完成。
一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 偏差原因分析及改进措施
产出指标 数量指标 档案数字化页数 ≥50万页 52万页 30 30
质量指标 数字化合格率 ≥98% 99% 30 30
满意度指标 服务对象满意度指标 查档群众满意度 ≥90% 95% 30 30
总分 100 99.76
"""


def test_a_form_without_its_title_is_known_by_its_labels(tmp_path):
    record = text_record(tmp_path, UNTITLED)
    assert record["metadata"]["report_type"] == "form_department"
    form = record["forms"][0]
    facts = {f["id"]: f for f in record["facts"]}
    total = next(r for r in form["funds"] if r["slot"] == "total")
    assert facts[total["cells"]["全年执行数"]]["value"] == Decimal("2558000")
    assert record["metadata"]["score"] == Decimal("99.76")
    assert not [f for f in record["flags"] if f["severity"] == "error"]


FEW_LABELS = """年度：2023年
资金投入情况（万元） 全年预算数 全年执行数 执行率
年度资金总额 86.40 80.10 92.71%
其中：中央财政资金 86.40 80.10 92.71%
地方财政资金 — — —
"""

REPORT_TABLE = """三、资金使用情况
项目 全年预算数 全年执行数 执行率
道路硬化 86.40 80.10 92.71%
桥梁维修 40.00 38.00 95.00%
合计 126.40 118.10 93.43%
"""


def test_a_fund_block_named_by_its_own_labels_is_a_form(tmp_path):
    record = text_record(tmp_path, FEW_LABELS)
    assert record["forms"], "no form read"
    amounts = [f["value"] for f in record["facts"] if f["kind"] == "amount"]
    assert amounts.count(Decimal("801000")) == 2


def test_a_reports_table_with_fund_columns_and_no_fund_total_is_no_form(tmp_path):
    record = text_record(tmp_path, REPORT_TABLE)
    assert not record["forms"]
    assert record["metadata"]["report_type"] != "form_project"


def test_a_year_after_a_total_is_no_points(tmp_path):
    text = UNTITLED.replace("总分 100 99.76\n", "总分:99.76\n2021年度\n项目名称 档案修缮\n")
    record = text_record(tmp_path, text)
    assert record["metadata"]["score"] == Decimal("99.76")
    assert not [f for f in record["facts"] if f["kind"] == "score" and f["value"] == 2021]
