"""Tables one cell a line whose header has two rows and a merged 其中 written once for each
column it covers (收入合计 | 其中： | 其中： | 其中： over 上年结转 | 财政拨款 | 其他收入), as county
templates' pages copy them, and the sum their header states. Every text here is made up for
the tests."""
import pytest
from conftest import error_flags, text_record


def _report(income: list, spending: list) -> str:
    return ("部门整体支出绩效评价自评报告\n一、部门基本情况\n年度收入情况（万元）\n年度收入情况（万元）\n"
            "收入合计\n其中：\n其中：\n其中：\n上年结转\n财政拨款\n其他收入\n" + "\n".join(income) + "\n"
            "年度支出情况（万元）\n支出合计\n其中：\n其中：\n年末结转结余\n基本支出\n项目支出\n" + "\n".join(spending) + "\n"
            "二、绩效目标完成情况\n全年完成各项重点工作。\n")


_INCOME = ["1842.60", "105.20", "1690.40", "47.00"]
_SPENDING = ["1766.35", "1208.15", "558.20", "76.25"]


def _amounts(record: dict) -> dict:
    return {f["text"]: f["label"] for f in record["facts"] if f["kind"] == "amount"}


def test_the_columns_under_a_merged_of_which_take_the_second_row_s_names_in_order(tmp_path):
    record = text_record(tmp_path, _report(_INCOME, _SPENDING))
    amounts = _amounts(record)
    assert set(_INCOME + _SPENDING) <= set(amounts)
    # (年末结转结余 stands after the 其中 in the first row: its figure is the last)
    assert "基本支出" in amounts["1208.15"] and "项目支出" in amounts["558.20"]
    assert "结转结余" in amounts["76.25"]
    assert not error_flags(record)


def test_parts_under_a_merged_of_which_that_leave_no_part_out_must_make_their_total(tmp_path):
    record = text_record(tmp_path, _report(["1852.60"] + _INCOME[1:], _SPENDING))
    [flag] = error_flags(record, "sum.breakdown")
    assert "1852.60" in flag["message"] and "1842.60" in flag["message"]


@pytest.mark.parametrize("spending, flagged", [(["1766.35", "1208.15", "458.20", "76.25"], False),
                                               (["1766.35", "1308.15", "558.20", "76.25"], True)])
def test_parts_not_said_to_be_all_may_fall_short_of_their_total_but_not_exceed_it(tmp_path, spending, flagged):
    # (基本支出 and 项目支出 with no 其他: a unit may have other spending, so short is no error)
    record = text_record(tmp_path, _report(_INCOME, spending))
    assert bool(error_flags(record, "sum.breakdown")) is flagged
