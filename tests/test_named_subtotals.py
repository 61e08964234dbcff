"""A score table copied from a web page as pipe rows whose levels' 小计 rows name their level in
the second column (| 决策小计 | | 20 | | 19): each is its level's own points, no indicator of
its own. Written here; figures invented."""
from __future__ import annotations

from conftest import error_flags, text_record

TABLE = """某县残疾人两项补贴资金绩效评价报告
三、评价结论
经评价，该项目综合得分90.5分，评价等级为"优"。
附表 评价指标体系及评分
一级指标|二级指标|三级指标|分值|指标解释|得分
决策|项目立项|立项依据充分性|10|符合政策要求|10
|绩效目标|绩效目标合理性|10|目标明确|9
|决策小计||20||{decision}
过程|资金管理|资金到位率|10|足额到位|10
||预算执行率|10|按执行率计分|9.5
|过程小计||20||19.5
产出|产出数量|补贴对象覆盖率|30|应保尽保|28
|产出小计||30||28
效益|满意度|补贴对象满意度|30|满意度≥90%|24
|效益小计||30||24
总分|||100||90.5
"""


def test_named_subtotals_in_the_second_column_are_the_levels_points(tmp_path):
    assert not error_flags(text_record(tmp_path, TABLE.format(decision="19")), "score.tree")


def test_a_named_subtotal_off_its_rows_is_flagged(tmp_path):
    errors = error_flags(text_record(tmp_path, TABLE.format(decision="18")), "score.tree")
    assert errors and any("18" in f["message"] for f in errors)
