"""Percentages as some forms write them (≥100百分比) and rates listed respectively (分别为64.5%、
62.8%), which are no parts of a whole. Written here; figures invented."""
from __future__ import annotations

from decimal import Decimal

from conftest import text_record


def test_a_figure_in_baifenbi_is_a_percentage(tmp_path):
    record = text_record(tmp_path, "工程验收合格率目标≥100百分比，实际完成98.5百分比。\n", "r.txt")
    assert sorted(f["value"] for f in record["facts"] if f["kind"] == "percent") == [Decimal("98.5"), 100]


def test_rates_listed_respectively_are_no_breakdown_of_a_rate(tmp_path):
    text = ("某县2021年度基本公共卫生服务项目绩效自评报告\n年初目标为老年人健康管理率≥70%，高血压、糖尿病患者规范管理率"
            "分别为64.5%、62.8%。\n")
    record = text_record(tmp_path, text, "r.txt")
    assert not [f for f in record["flags"] if f["rule"] == "sum.breakdown"]
