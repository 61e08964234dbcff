"""Tables whose header takes two rows, a name merged over its sub-columns (补助资金（万元） over
中央 | 地方 | 小计), as text keeps them: tabs with an empty cell after the merged name, and
columns spaced under two header lines. Invented figures throughout."""
from decimal import Decimal

from conftest import text_record

from extractor.ingest import load_document
from extractor.model import TABLE

TABBED = (
    "二、资金安排\n"
    "表1　各乡镇补助资金安排情况\n"
    "乡镇\t改造户数（户）\t补助资金（万元）\t\t\n"
    "\t\t中央\t地方\t小计\n"
    "青石镇\t40\t60.00\t20.00\t80.00\n"
    "柳河乡\t32\t48.00\t16.00\t64.00\n"
    "合计\t72\t108.00\t36.00\t144.00\n"
)

SPACED = (
    "二、资金使用\n"
    "学区      受益学生（人）      补助资金（万元）       执行率（%）\n"
    "          小学      初中      预算        支出\n"
    "东片学区  1200      640       92.00       90.16      98.00\n"
    "西片学区  980       510       74.50       74.50      100.00\n"
    "合计      2180      1150      166.50      164.66     98.89\n"
)


def _tables(tmp_path, text):
    f = tmp_path / "t.txt"
    f.write_text(text, encoding="utf-8")
    return [b.table for b in load_document(f).blocks if b.kind == TABLE]


def _amounts(record) -> list:
    return sorted(Decimal(str(f["value"])) for f in record["facts"] if f["kind"] == "amount")


def test_an_empty_cell_after_a_merged_name_reads_that_name(tmp_path):
    from extractor.extract.table_facts import column_path

    table = _tables(tmp_path, TABBED)[0]
    assert table.header_rows == 2
    assert [column_path(table, c) for c in (1, 3, 4)] == [["改造户数（户）"], ["补助资金（万元）", "地方"],
                                                          ["补助资金（万元）", "小计"]]
    record = text_record(tmp_path, TABBED)
    assert Decimal("200000") in _amounts(record) and Decimal("1440000") in _amounts(record), "地方 and 小计 in 万元"
    assert [f for f in record["flags"] if f["severity"] != "info"] == []


def test_columns_spaced_under_two_header_lines(tmp_path):
    table = _tables(tmp_path, SPACED)[0]
    assert table.header_rows == 2
    assert [c.text for c in table.rows[1]] == ["", "小学", "初中", "预算", "支出", ""]
    assert [c.text for c in table.rows[2]] == ["东片学区", "1200", "640", "92.00", "90.16", "98.00"]
    record = text_record(tmp_path, SPACED)
    assert Decimal("901600") in _amounts(record)
    heads = sorted(Decimal(str(f["value"])) for f in record["facts"] if f["kind"] == "headcount")
    assert heads == [Decimal(v) for v in ("510", "640", "980", "1150", "1200", "2180")]


def test_a_rows_subtotal_is_checked_against_its_group(tmp_path):
    # (no 合计 row: a cell written wrong there puts its column out too)
    slipped = TABBED.replace("柳河乡\t32\t48.00\t16.00\t64.00", "柳河乡\t32\t48.00\t16.00\t66.00") \
        .replace("合计\t72\t108.00\t36.00\t144.00\n", "")
    flags = [f for f in text_record(tmp_path, slipped)["flags"] if f["severity"] == "error"]
    assert [f["rule"] for f in flags] == ["sum.row"]
    assert "小计66.00" in flags[0]["message"] and "64.00" in flags[0]["message"]


def test_a_subtotal_column_is_labelled_as_its_group_and_its_rate_checked(tmp_path):
    text = ("项目\t资金预算（万元）\t\t\t实际支出（万元）\t\t\t执行率（%）\n"
            "\t中央\t地方\t小计\t中央\t地方\t小计\t\n"
            "东区\t300.00\t100.00\t400.00\t300.00\t88.00\t388.00\t97.00\n"
            "西区\t200.00\t50.00\t250.00\t190.00\t50.00\t240.00\t96.00\n")
    record = text_record(tmp_path, text)
    labels = {Decimal(str(f["value"])): f.get("label") for f in record["facts"] if f["kind"] == "amount"}
    assert labels[Decimal("3880000")] == "支出" and labels[Decimal("4000000")] == "年初预算"
    assert [f for f in record["flags"] if f["severity"] == "error"] == []
    flags = [f for f in text_record(tmp_path, text.replace("96.00", "94.00"))["flags"] if f["severity"] == "error"]
    assert [f["rule"] for f in flags] == ["ratio.stated"] and "96%" in flags[0]["message"]
