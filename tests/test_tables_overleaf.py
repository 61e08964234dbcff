"""Tables a printed page cut in two, as text copied out of a PDF gives them: the page's footer
(第 2 页 共 9 页, 某县水利局 第2页/共7页, — 2 —), the report's title over the next page, 续表1 and the
unit again, the header again, then the rest of the rows with the table's 合计. One table, its
total over all its rows. Names and figures invented."""
from __future__ import annotations

import pytest

from conftest import text_record

TITLE = "青川县2020年度农村供水保障工程绩效评价报告"


def _spaced(total: str = "2,740.00", footer: str = "第 2 页  共 9 页") -> str:
    return "\n".join([
        TITLE, "一、资金使用情况", "表1  资金支出明细表", "                              单位：万元",
        "序号    子项目名称              预算数        实际支出",
        "1       集中供水工程            1,600.00      1,560.00",
        "2       管网延伸改造            800.00        760.00",
        "3       水质净化设备            240.00        220.00",
        "", f"                                          {footer}", TITLE, "", "续表1",
        "                              单位：万元",
        "序号    子项目名称              预算数        实际支出",
        "4       水源地保护              160.00        150.00",
        "5       工程监理费用            80.00         50.00",
        f"        合计                    2,880.00      {total}",
        "二、绩效目标完成情况", "全年完成供水工程建设12处。",
    ]) + "\n"


def _pipes(total: str = "2,740.00") -> str:
    return "\n".join([
        TITLE, "表1  资金支出明细表", "（金额单位：万元）",
        "序号 | 子项目名称 | 预算数 | 实际支出",
        "1 | 集中供水工程 | 1,600.00 | 1,560.00",
        "2 | 管网延伸改造 | 800.00 | 760.00",
        "3 | 水质净化设备 | 240.00 | 220.00",
        "", "— 2 —", "", "续表1",
        "序号 | 子项目名称 | 预算数 | 实际支出",
        "4 | 水源地保护 | 160.00 | 150.00",
        "5 | 工程监理费用 | 80.00 | 50.00",
        f"合计 |  | 2,880.00 | {total}",
        "二、绩效目标完成情况",
    ]) + "\n"


def _errors(record):
    return [f for f in record["flags"] if f["severity"] == "error"]


@pytest.mark.parametrize("text", [_spaced(), _spaced(footer="青川县水务局 第2页/共9页"), _pipes()],
                         ids=["spaced", "footer_with_unit", "pipes"])
def test_a_table_cut_by_a_page_is_one_table(tmp_path, text):
    record = text_record(tmp_path, text)
    assert not _errors(record), [f["message"] for f in _errors(record)]
    assert len(record["tables"]) == 1
    assert "1500000" in {str(int(float(f["value"]))) for f in record["facts"] if f["kind"] == "amount"}


@pytest.mark.parametrize("make", [_spaced, _pipes], ids=["spaced", "pipes"])
def test_its_total_off_all_its_rows_is_flagged(tmp_path, make):
    # 1,560 + 760 + 220 + 150 + 50 = 2,740; written 2,760
    [flag] = [f for f in _errors(text_record(tmp_path, make("2,760.00"))) if f["rule"] == "sum.table"]
    assert "2,760.00" in flag["message"] and "2740" in flag["message"]
