"""A department form copied from a web page as tab-separated rows: some rows keep an empty
cell (部门名称 | 某局 | | | 单位：万元), so the export is read by column, but the indicator rows
leave out the merged cells on their left (the block's caption, a level written once over
its rows). Each row's cells are then counted from the right. Written here; figures invented."""
from __future__ import annotations

from decimal import Decimal

from conftest import text_record

ROWS = [
    ["部门整体支出绩效自评表"],
    ["部门名称", "某县农业农村局", "", "", "", "单位：万元"],
    ["年度部门整体支出预算执行情况", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
    ["年度资金总额", "1,250.00", "1,380.00", "1,311.00", "10", "95.00%", "9.5"],
    ["年度绩效指标完成情况", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
    ["产出指标", "数量指标", "农机购置补贴户数", "≥800户", "826户", "20", "20", ""],
    ["耕地地力保护补贴面积", "≥12万亩", "12.3万亩", "20", "20", ""],
    ["质量指标", "补贴资金发放准确率", "100%", "100%", "20", "20", ""],
    ["效益指标", "社会效益指标", "政策知晓率", "≥90%", "87%", "15", "13", "偏远村宣传不足"],
    ["满意度指标", "服务对象满意度指标", "受益农户满意度", "≥90%", "95%", "15", "15", ""],
    ["总分", "100", "自评得分", "97.5"],
]


def _record(tmp_path):
    return text_record(tmp_path, "\n".join("\t".join(r) for r in ROWS) + "\n", "tabs.txt")


def test_rows_that_left_out_merged_cells_are_read_from_the_right(tmp_path):
    record = _record(tmp_path)
    facts = {f["id"]: f for f in record["facts"]}
    rows = {r["path"][-1]: r for r in record["forms"][0]["indicators"]}
    assert len(rows) == 5
    got = {name: (facts[r["weight"]]["value"], facts[r["score"]]["value"]) for name, r in rows.items()}
    assert got["耕地地力保护补贴面积"] == (Decimal("20"), Decimal("20"))
    assert got["补贴资金发放准确率"] == (Decimal("20"), Decimal("20"))
    assert got["政策知晓率"] == (Decimal("15"), Decimal("13"))
    assert rows["补贴资金发放准确率"]["path"][:2] == ["产出指标", "质量指标"]


def test_points_of_rows_read_from_the_right_are_no_money(tmp_path):
    record = _record(tmp_path)
    assert not [f for f in record["facts"] if f["kind"] == "amount" and f["value"] < 1000000]
    assert not [f for f in record["flags"] if f["severity"] == "error"]
