"""Reports that go county by county: each county's name once above its paragraph (（二）溪口县,
【龙川区】, 青溪镇：) and its figures written the same way as the next county's. The figures are
each county's own — no conflict between them, no county's score the report's — while the same
county's figure written twice differently still is one. Also a county table's 合计 row whose
label spans the first cells, and a minimum-living line that is no price. Names and figures
invented."""
from __future__ import annotations

from decimal import Decimal

import pytest

from conftest import text_record

_COUNTIES = [("宜良县", "1,286.50", "1,243.72", "96.67", "93.0"), ("嵩明县", "1,653.80", "1,602.15", "96.88", "91.5"),
             ("富民县", "1,127.40", "1,058.93", "93.93", "87.0")]


def _by_county(heading: str, later: str = "1,653.80") -> str:
    parts = ["昆明市2022年度医疗救助补助资金绩效评价报告", "一、资金安排情况",
             "2022年全市下达医疗救助补助资金4,067.70万元，实际支出3,904.80万元。", "二、各县（区）资金使用情况"]
    for n, (name, given, spent, rate, score) in enumerate(_COUNTIES):
        parts.append(heading.format(n="一二三"[n], name=name))
        parts.append(f"2022年下达医疗救助补助资金{given}万元，实际支出{spent}万元，执行率{rate}%。自评得分：{score}分。")
    parts += ["三、评价结论", f"经评价，嵩明县2022年下达医疗救助补助资金{later}万元。全市医疗救助资金绩效评价综合得分90.5分，等级为“优”。"]
    return "\n".join(parts) + "\n"


def _errors(record, rule=None):
    return [f for f in record["flags"] if f["severity"] == "error" and (rule is None or f["rule"] == rule)]


@pytest.mark.parametrize("heading", ["（{n}）{name}", "【{name}】", "{name}："])
def test_each_countys_figures_are_its_own(tmp_path, heading):
    record = text_record(tmp_path, _by_county(heading))
    assert not _errors(record, "repeat.conflict"), [f["message"] for f in _errors(record)]
    assert record["metadata"]["score"] == Decimal("90.5")


@pytest.mark.parametrize("heading", ["（{n}）{name}", "【{name}】"])
def test_one_countys_figure_written_twice_differently_is_flagged(tmp_path, heading):
    # 嵩明县's allocation: 1,653.80万元 in its paragraph, 1,635.80万元 in the conclusion
    record = text_record(tmp_path, _by_county(heading, later="1,635.80"))
    [flag] = _errors(record, "repeat.conflict")
    assert "1,653.80" in flag["message"] and "1,635.80" in flag["message"]


def _county_table(total_spent: str = "3904.80") -> str:
    return "\n".join([
        "各县（区）资金使用汇总表",
        "序号    县（区）    下达资金（万元）    实际支出（万元）    执行率（%）    等级",
        "1    南屏区    1286.50    1243.72    96.67    优",
        "2    溪口县    1653.80    1602.15    96.88    优",
        "3    云台县    1127.40    1058.93    93.93    良",
        f"    全市合计    4067.70    {total_spent}    96.00    /",
    ]) + "\n"


def test_a_total_row_whose_label_spans_the_first_cells_is_the_tables(tmp_path):
    record = text_record(tmp_path, _county_table())
    assert not _errors(record)
    assert Decimal("40677000") in {Decimal(f["value"]) for f in record["facts"] if f["kind"] == "amount"}
    # 1243.72 + 1602.15 + 1058.93 = 3904.80; written 3940.80
    [flag] = _errors(text_record(tmp_path, _county_table("3940.80")), "sum.table")  # (its rate is off too)
    assert "3940.80" in flag["message"]


@pytest.mark.parametrize("line", ["保障标准为每人每年5400元", "农村低保标准每人每年5400元"])
def test_a_minimum_living_line_times_the_count_is_no_amount_paid(tmp_path, line):
    # the allowance tops incomes up to the line: 9,905 × 5,400元 = 5,348.70万元 was never paid
    text = f"全年保障农村低保对象6432户9905人，{line}，发放农村低保资金4285.70万元。\n"
    assert not _errors(text_record(tmp_path, text), "product.unit")


def test_a_price_paid_as_is_times_the_count_is_still_checked(tmp_path):
    text = "全年为9905名困难群众每人发放540元，共发放临时救助资金543.87万元。\n"
    [flag] = _errors(text_record(tmp_path, text), "product.unit")
    assert "534.87" in flag["message"] or "5348700" in flag["message"] or "534.87万元" in flag["message"]


def _county_cells(total_spent: str = "2952.40") -> str:
    # one cell a line, as a web page gives a table: a header whose name holds a 、 in brackets,
    # and a 合计 row that leaves its empty cell out
    header = ["序号", "县（市、区）", "下达资金（万元）", "实际支出（万元）", "执行率", "等级"]
    rows = [["1", "宜良县", "1200.00", "1166.40", "97.20%", "优"], ["2", "嵩明县", "1000.00", "953.00", "95.30%", "优"],
            ["3", "富民县", "860.00", "833.00", "96.86%", "优"]]
    total = ["合计", "", "3060.00", total_spent, "96.48%", "—"]
    lines = ["表1 各县（市、区）资金使用情况"] + header + [c for r in rows for c in r] + total + ["", "三、存在的问题"]
    return "\n".join(lines) + "\n"


def test_a_one_cell_a_line_county_table_with_its_total(tmp_path):
    record = text_record(tmp_path, _county_cells())
    assert not _errors(record), [f["message"] for f in _errors(record)]
    assert {Decimal("12000000"), Decimal("30600000")} <= {Decimal(f["value"]) for f in record["facts"] if f["kind"] == "amount"}
    # 1166.40 + 953.00 + 833.00 = 2952.40; written 2925.40
    flags = _errors(text_record(tmp_path, _county_cells("2925.40")), "sum.table")
    assert flags and "2925.40" in flags[0]["message"]
