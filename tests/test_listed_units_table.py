"""A table under a line listing its units (单位：万元、户、人) whose money sub-columns name no
money (其中：中央 | 省级), and a 合计 over 小计 rows one of which is written wrong. Written for
the test as `|` rows; names and figures invented."""
from __future__ import annotations

from decimal import Decimal

from conftest import text_record


def _report(first_subtotal: str = "390") -> str:
    rows = [
        "二、资金分配情况",
        "表1 项目资金分配表",
        "单位：万元、户、人",
        "乡镇 | 项目名称 | 衔接资金 | 其中：中央 | 省级 | 带动农户（户） | 带动人口（人）",
        "青石镇 | 茶叶基地项目 | 240 | 200 | 40 | 120 | 430",
        "青石镇 | 产业路项目 | 150 | 120 | 30 | 80 | 310",
        f"小计 |  | {first_subtotal} | 320 | 70 | 200 | 740",
        "白沙乡 | 冷库建设项目 | 180 | 150 | 30 | 60 | 220",
        "小计 |  | 180 | 150 | 30 | 60 | 220",
        "合计 |  | 570 | 470 | 100 | 260 | 960",
    ]
    return "\n".join(rows) + "\n"


def _errors(record):
    return [f for f in record["flags"] if f["severity"] == "error"]


def test_the_listed_money_unit_is_the_unit_of_the_columns_that_state_none(tmp_path):
    record = text_record(tmp_path, _report())
    amounts = sorted(Decimal(str(f["value"])) for f in record["facts"] if f["kind"] == "amount")
    assert Decimal(2000000) in amounts and Decimal(300000) in amounts  # 中央 200, 省级 30: 万元
    assert sorted(Decimal(str(f["value"])) for f in record["facts"] if f["kind"] == "households") == \
        [Decimal(x) for x in ("60", "60", "80", "120", "200", "260")]
    assert not _errors(record)


def test_a_wrong_subtotal_is_one_flag_the_total_over_the_items_holding(tmp_path):
    # 240 + 150 = 390, written 380; the 合计 570 adds up the items, not 380 + 180
    [flag] = _errors(text_record(tmp_path, _report("380")))
    assert "380" in flag["message"] and "390" in flag["message"]
