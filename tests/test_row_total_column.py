"""A 合计 column beside the columns it totals (sum.row), in a table of one header row. Tables
written here; figures invented."""
from __future__ import annotations

from decimal import Decimal

from conftest import text_record

TABLE = """表1 2022年农村公路养护资金安排表（单位：万元）
|项目|合计|中央补助|省级资金|县级资金|
|日常养护|420.00|-|300.00|120.00|
|危桥改造|{bridge}|500.00|150.00|65.00|
|生命防护工程|210.50|120.00|60.00|30.50|
|合计|1345.50|620.00|510.00|215.50|
"""


def _row_flags(tmp_path, text):
    return [f for f in text_record(tmp_path, text)["flags"] if f["rule"] == "sum.row"]


def test_rows_that_add_up_raise_nothing(tmp_path):
    assert _row_flags(tmp_path, TABLE.format(bridge="715.00")) == []


def test_a_row_whose_total_is_not_its_columns_sum_is_flagged(tmp_path):
    # 751.00 written where 500 + 150 + 65 = 715; the other three rows add up (the 合计
    # column's own sum, 1381.5 against 1345.50, is sum.table's)
    [flag] = _row_flags(tmp_path, TABLE.format(bridge="751.00"))
    assert flag["severity"] == "error" and "危桥改造" in flag["message"]
    assert flag["stated"] == Decimal("7510000") and flag["computed"] == Decimal("7150000")


def test_columns_not_shown_to_be_parts_are_not_added(tmp_path):
    # most rows do not add up: the columns are no split of the 合计 (here a plan and two
    # quarters' spending), so no row is held to them
    text = """表2 资金使用情况（单位：万元）
|项目|合计|计划数|一季度|二季度|
|甲|300.00|300.00|80.00|90.00|
|乙|200.00|200.00|50.00|40.00|
|丙|100.00|100.00|30.00|20.00|
"""
    assert _row_flags(tmp_path, text) == []
