"""Rates at the end of table rows whose cells a document-sharing site ran together."""
from __future__ import annotations

from decimal import Decimal

from conftest import text_record

# invented figures; each row is 预算数, 执行数, 执行率 with no break between the cells
ROWS = ("序号各县区名称全年预算数全年执行数预算执行率"
        "1甲县卫生院248.50236.4095.13%"   # 236.40 / 248.50 = 95.13 %
        "2乙县疾控中心9090.00100.00%"      # 90 | 90.00 | 100.00 %
        "3丙县妇幼保健院60.2512.0519.98%"  # 12.05 / 60.25 = 20.00 %: no reading fits, no fact
        "合计398.75338.4584.88%")           # 338.45 / 398.75 = 84.88 %


def _percents(tmp_path, text):
    record = text_record(tmp_path, text, "rows.txt")
    return record, [f for f in record["facts"] if f["kind"] == "percent"]


def test_the_rate_of_a_run_together_row_is_cut_where_it_is_the_ratio(tmp_path):
    record, percents = _percents(tmp_path, ROWS + "\n")
    assert [Decimal(str(f["value"])) for f in percents] == [Decimal("95.13"), Decimal("100.00"), Decimal("84.88")]
    first = percents[0]
    assert first["label"] == "甲县卫生院" and first["source"]["quote"] == "95.13%"
    assert ROWS[first["source"]["start"]:first["source"]["end"]] == "95.13%"
    assert not [f for f in record["facts"] if f["kind"] == "amount"]  # the run states no unit


def test_figures_that_only_look_run_together_give_no_rate(tmp_path):
    # a date before a rate, a version number, one figure with its rate
    _, percents = _percents(tmp_path, "截至2023.12.31完成率为96.5%。系统版本3.2.1.5%的用户仍在使用。执行率98.25%。\n")
    assert [Decimal(str(f["value"])) for f in percents] == [Decimal("96.5"), Decimal("98.25")]
