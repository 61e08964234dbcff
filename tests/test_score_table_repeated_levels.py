"""A score table that weights every level (一级指标 | 分值 | 二级指标 | 分值 | 三级指标 | 分值 | 得分)
and writes its merged level cells again on every row, as a web table copied out cell by cell
does (form_weighted.py). Every text here is made up for the tests."""
from decimal import Decimal

from conftest import error_flags, text_record

ROWS = [("决策", 20, "项目立项", 8, "立项依据充分性", 4, "4"),
        ("决策", 20, "项目立项", 8, "立项程序规范性", 4, "3.5"),
        ("决策", 20, "绩效目标", 12, "绩效目标合理性", 6, "6"),
        ("决策", 20, "绩效目标", 12, "绩效指标明确性", 6, "5"),
        ("过程", 30, "资金管理", 18, "资金到位率", 9, "9"),
        ("过程", 30, "资金管理", 18, "预算执行率", 9, "8"),
        ("过程", 30, "组织实施", 12, "制度执行有效性", 12, "11"),
        ("产出", 30, "产出数量", 30, "完成率", 30, "28"),
        ("效益", 20, "满意度", 20, "群众满意度", 20, "18")]


def _table(leaf_weight: int = 4, total: str = "92.5") -> str:
    lines = ["一级指标|分值|二级指标|分值|三级指标|分值|得分|扣分原因"]
    for n, (a, wa, b, wb, c, wc, score) in enumerate(ROWS):
        lines.append(f"{a}|{wa}|{b}|{wb}|{c}|{leaf_weight if n == 0 else wc}|{score}|")
    lines.append(f"合计|100|||||{total}|")
    return "二、评价结论\n项目综合得分" + total + "分，等级为优。\n附表 绩效评价指标评分表\n" + "\n".join(lines) + "\n"


def test_levels_written_on_every_row_are_one_group_each(tmp_path):
    record = text_record(tmp_path, _table())
    assert not error_flags(record)
    weights = [f["value"] for f in record["facts"] if f["kind"] == "score"]
    assert weights.count(Decimal("20")) >= 4  # (决策's 20 on each of its rows, 效益's once)


def test_a_leaf_weight_off_its_group_is_still_flagged(tmp_path):
    assert error_flags(text_record(tmp_path, _table(leaf_weight=5)))
