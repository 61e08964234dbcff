"""A report's score table one cell a line, its levels' names written once over their rows,
a 扣分原因 column its rows fill only where they lost points, and a page number between two
of its rows (cell_lines._points_rows). Every text here is made up for the tests."""
from decimal import Decimal

from conftest import error_flags, text_record

CELLS = ["一级指标", "二级指标", "三级指标", "分值", "得分", "扣分原因",
         "决策（20分）", "项目立项（10分）", "立项依据充分性", "5", "5",
         "立项程序规范性", "5", "4", "未开展专家论证，扣1分",
         "绩效目标（10分）", "绩效目标合理性", "10", "9.5", "部分指标未量化，扣0.5分",
         "过程（30分）", "资金管理（30分）", "资金到位率", "10", "10",
         "预算执行率", "10", "9", "执行率91.2%，扣1分",
         "                         — 4 —",
         "资金使用合规性", "10", "10",
         "产出（30分）", "产出数量（30分）", "任务完成率", "30", "28", "2个点位延期，扣2分",
         "效益（20分）", "满意度（20分）", "群众满意度", "20", "19", "",
         "合计", "100", "{total}"]


def _report(total: str = "94.5") -> str:
    table = "\n".join(c.format(total=total) for c in CELLS)
    return f"五、评价结论\n经综合评价，项目得分{total}分，等级为优。\n附表 绩效评价指标评分表\n{table}\n"


def test_points_read_across_reasons_and_a_page_number(tmp_path):
    record = text_record(tmp_path, _report())
    scores = [f["value"] for f in record["facts"] if f["kind"] == "score"]
    for points in ("5", "4", "9.5", "9", "28", "19", "94.5"):
        assert Decimal(points) in scores
    assert scores.count(Decimal("10")) >= 6  # (资金使用合规性's 10 | 10 after the page number too)
    assert not error_flags(record)


def test_a_total_off_its_rows_is_flagged(tmp_path):
    assert error_flags(text_record(tmp_path, _report("95.5")))
