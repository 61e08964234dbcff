"""Breakdowns set side by side: a fund's total by source, then each of its components by the
same sources. Texts written here; figures invented."""
from __future__ import annotations

from decimal import Decimal

from conftest import text_record

LINES = """某县2023年度医疗救助补助资金绩效自评表
医疗救助补助资金合计（万元） 年度预算资金总额：960.00
其中：中央补助 600.00
省级资金 240.00
县级资金 120.00
其中：
城乡医疗救助资金（万元）
年度预算资金总额：700.00
其中：中央补助 450.00
省级资金 170.00
县级资金 80.00
疾病应急救助资金（万元）
年度预算资金总额：260.00
其中：中央补助 150.00
省级资金 {province}
县级资金 {county}
"""

PROSE = ("2023年县财政共安排医疗救助资金960万元，其中中央补助600万元、省级资金240万元、县级资金120万元。"
         "城乡医疗救助资金700万元，其中中央补助450万元、省级资金170万元、县级资金80万元；"
         "疾病应急救助资金260万元，其中中央补助150万元、省级资金{province}万元、县级资金{county}万元。\n")


def _sum_flags(text):
    return [f for f in text_record_flags(text) if f["rule"] == "sum.breakdown"]


def text_record_flags(text):
    import tempfile
    from pathlib import Path
    return text_record(Path(tempfile.mkdtemp()), text)["flags"]


def test_consistent_breakdowns_raise_nothing():
    assert _sum_flags(LINES.format(province="70.00", county="40.00")) == []
    assert _sum_flags(PROSE.format(province="70", county="40")) == []


def test_a_source_that_its_components_do_not_make_is_flagged():
    # 省级 of the second component written 80 where its total keeps 260 (150 + 80 + 40 = 270)
    # and the whole's 省级 240 ≠ 170 + 80; the whole and its totals still agree (960 = 700 + 260)
    for text in (LINES.format(province="80.00", county="40.00"), PROSE.format(province="80", county="40")):
        flags = _sum_flags(text)
        across = [f for f in flags if "各组成部分" in f["message"]]
        assert len(across) == 1, [f["message"] for f in flags]
        assert across[0]["stated"] == Decimal("2400000") and across[0]["computed"] == Decimal("2500000")
        assert across[0]["severity"] == "error" and "省级资金" in across[0]["message"]


def test_components_that_do_not_make_the_whole_are_not_compared():
    # the two funds are not the whole's components (700 + 300 ≠ 960): nothing across them
    text = LINES.format(province="70.00", county="40.00").replace("260.00", "300.00").replace("150.00", "190.00")
    assert not [f for f in _sum_flags(text) if "各组成部分" in f["message"]]


ITEM_LINES = """二、资金投入情况
年度预算资金总额： 1155.00万元
其中：中央补助 760.00万元
省级资金 190.00万元
市级资金 80.00万元
县级资金 125.00万元

1、城乡低保资金： 700.00万元
其中：中央补助 460.00万元
省级资金 115.00万元
市级资金 50.00万元
县级资金 75.00万元

2、临时救助资金： 455.00万元
其中：县级资金 50.00万元
中央补助 300.00万元
省级资金 75.00万元
市级资金 {city}万元
"""


def test_items_a_line_each_under_numbered_components():
    # each source on a line of its own, the components' totals on numbered lines before their
    # 其中 lines; the second component lists its sources in another order
    assert _sum_flags(ITEM_LINES.format(city="30.00")) == []
    # the second component's 市级 written 36: its own sum is off (455 against 461), and the
    # whole's 市级 80 is not 50 + 36 while the totals still agree (1155 = 700 + 455)
    flags = _sum_flags(ITEM_LINES.format(city="36.00"))
    [flag] = [f for f in flags if "各组成部分" in f["message"]]
    assert "市级资金" in flag["message"] and flag["stated"] == Decimal("800000") and flag["computed"] == Decimal("860000")
    assert len(flags) == 2


UNIT_LINE = """二、资金投入情况
单位：万元
年度预算资金总额： 980.00
其中：中央补助 600.00
省级资金 250.00
县级资金 130.00
（一）公用经费补助： {first}
其中：中央补助 400.00
省级资金 170.00
县级资金 90.00
（二）校舍维修改造： 320.00
其中：中央补助 200.00
省级资金 80.00
县级资金 40.00
"""


def test_a_unit_line_gives_its_unit_to_the_figures_under_it(tmp_path):
    record = text_record(tmp_path, UNIT_LINE.format(first="660.00"))
    amounts = [f["value"] for f in record["facts"] if f["kind"] == "amount"]
    assert amounts[:2] == [Decimal("9800000"), Decimal("6000000")] and Decimal("6600000") in amounts
    assert not [f for f in record["flags"] if f["severity"] == "error"]


def test_components_whose_sources_all_add_up_hold_the_total_to_theirs():
    # 公用经费 written 680 where its sources make 660: every source across the components still
    # adds up to the whole's, so the whole's 980 is held to 680 + 320 = 1000
    flags = [f for f in _sum_flags(UNIT_LINE.format(first="680.00")) if "各组成部分" in f["message"]]
    assert len(flags) == 1 and flags[0]["stated"] == Decimal("9800000") and flags[0]["computed"] == Decimal("10000000")
