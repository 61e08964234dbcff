"""Money per head as reports write it in prose and in their tables: a standard for each school
level (生均公用经费小学650元、初中850元), 人均每年领取, a table's units listed in column order
over its header (单位：人、元/人·月、万元), a 合计 row that leaves out its standard's cell, and a
tab table whose first row's label broke before its tabs. Every text here is made up for the tests."""
from decimal import Decimal

from conftest import error_flags, text_record
from test_cell_lines import _tables


def _rates(record) -> list:
    return sorted(f["value"] for f in record["facts"] if f["kind"] == "money_rate")


def test_a_standard_for_each_school_level(tmp_path):
    text = "按照生均公用经费小学700元、初中900元的标准核拨，全年安排1,860.50万元。\n"
    record = text_record(tmp_path, text)
    assert _rates(record) == [Decimal("700"), Decimal("900")]


def test_money_per_head_received_each_year(tmp_path):
    text = "80—89周岁老人人均每年领取1500元，90周岁以上老人每人每月300元。\n"
    assert _rates(text_record(tmp_path, text)) == [Decimal("300"), Decimal("1500")]


def _allowances(total_people: str = "1,430") -> str:
    cells = ["2022年优抚对象定期补助发放情况表", "单位：人、元/人·月、万元",
             "优抚对象类别", "人数", "月补助标准", "全年发放金额",
             "在乡复员军人", "10", "1,600", "19.20",
             "带病回乡退伍军人", "45", "1,200", "64.80",
             "参战参试退役人员", "1,375", "350", "577.50",
             "合计", total_people, "661.50"]
    return "（一）定期生活补助。\n" + "\n".join(cells) + "\n\n（二）走访慰问。节日期间走访慰问优抚对象。\n"


def test_units_listed_in_column_order_over_a_one_cell_a_line_table(tmp_path):
    record = text_record(tmp_path, _allowances())
    assert _rates(record) == [Decimal("350"), Decimal("1200"), Decimal("1600")]
    amounts = sorted(f["value"] for f in record["facts"] if f["kind"] == "amount")
    assert amounts == [Decimal("192000"), Decimal("648000"), Decimal("5775000"), Decimal("6615000")]
    assert not error_flags(record)


def test_a_total_row_placed_by_its_column_sums(tmp_path):
    table = next(t for t in _tables(tmp_path, _allowances()) if t[0][0] == "优抚对象类别")
    assert table[-1] == ["合计", "1,430", "", "661.50"]


def _training(total: str = "344.00") -> str:
    rows = ["培训类别\t培训人数（人）\t补贴标准（元/人）\t补贴金额（万元）",
            "农村劳动力转移就业技能",
            "培训\t1,600\t1,200\t192.00",
            "创业培训\t760\t2,000\t152.00",
            f"合计\t2,360\t—\t{total}"]
    return "表1 职业技能培训补贴发放情况\n" + "\n".join(rows) + "\n"


def test_a_first_rows_label_broken_before_its_tabs(tmp_path):
    table = next(t for t in _tables(tmp_path, _training()) if t[0][0] == "培训类别")
    assert table[1] == ["农村劳动力转移就业技能\n培训", "1,600", "1,200", "192.00"]
    record = text_record(tmp_path, _training())
    assert _rates(record) == [Decimal("1200"), Decimal("2000")]
    assert not error_flags(record)
    assert error_flags(text_record(tmp_path, _training("354.00")), "sum.table")


def test_standards_listed_after_respectively(tmp_path):
    text = "城市、农村低保月人均补助水平分别不低于450元、300元，全年发放低保金2,316.80万元。\n"
    assert _rates(text_record(tmp_path, text)) == [Decimal("300"), Decimal("450")]
