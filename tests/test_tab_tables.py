"""Tables copied from Word as tab-separated rows: a blank line and the next table's caption
(表2\\t资金支出明细表) end a table, and a column of units (受益指标 | 数量 | 单位) gives each row's figure
its unit. Names and figures invented."""
from __future__ import annotations

from decimal import Decimal

from conftest import text_record


def _two_tables(total: str = "980.00") -> str:
    return "\n".join([
        "表1\t资金到位情况表", "资金来源\t计划数\t到位数", "中央财政资金\t600.00\t600.00", "省级财政资金\t400.00\t380.00",
        "合计\t1000.00\t980.00", "",
        "表2\t资金支出明细表", "单位：万元", "建设内容\t支出金额", "田块整治\t520.40", "灌溉与排水\t459.60", f"合计\t{total}",
        "", "二、绩效目标完成情况",
    ]) + "\n"


def _amounts(record):
    return {Decimal(f["value"]) for f in record["facts"] if f["kind"] == "amount"}


def test_the_next_tables_caption_ends_a_tab_table(tmp_path):
    record = text_record(tmp_path, _two_tables())
    assert not [f for f in record["flags"] if f["severity"] == "error"]
    assert record["tables"][0]["rows"][-1][0] == "合计"  # (表2 is no row of 表1)
    assert {Decimal("5204000"), Decimal("4596000"), Decimal("9800000")} <= _amounts(record)
    # 520.40 + 459.60 = 980.00; written 990.00
    [flag] = [f for f in text_record(tmp_path, _two_tables("990.00"))["flags"] if f["rule"] == "sum.table"]
    assert "990.00" in flag["message"]


def test_a_column_of_units_gives_each_row_its_unit(tmp_path):
    text = "\n".join(["表4\t项目受益情况表", "受益指标\t数量\t单位", "受益农户\t8652\t户", "受益人口\t27310\t人",
                      "带动务工\t1260\t人次", "发放劳务报酬\t378.00\t万元"]) + "\n"
    facts = {(f["kind"], Decimal(f["value"])) for f in text_record(tmp_path, text)["facts"]}
    assert {("households", Decimal("8652")), ("headcount", Decimal("27310")), ("person_times", Decimal("1260")),
            ("amount", Decimal("3780000"))} <= facts
