"""A score table flattened to spaced text whose merged level cells are left out and whose
扣分说明 wraps onto a line of its own (spaced_tables._rows_from_the_right). Every text here is
made up for the tests."""
from decimal import Decimal

from conftest import error_flags, text_record
from test_cell_lines import _tables


def _table(total: str = "90") -> str:
    return f"""项目支出绩效评价评分表
一级指标   二级指标   三级指标   权重   评价得分   扣分说明
项目决策   项目目标   目标明确性   10   10   目标清晰，与规划相符
决策过程   立项程序   10   8   未开展事前论证，仅以会议纪要
代替立项审批文件，扣2分
项目管理   资金管理   资金到位率   20   19   县级配套资金到位滞后，
扣1分
组织实施   制度执行   20   20
项目绩效   项目产出   完成数量   20   18   2处点位未完工，扣2分
项目效益   群众满意度   20   15   问卷满意度91.2%
合计   100   {total}
"""


def test_a_reason_wrapped_onto_its_own_line_keeps_the_table_going(tmp_path):
    table = next(t for t in _tables(tmp_path, _table()) if t[0][0] == "一级指标")
    assert table[2][-1] == "未开展事前论证，仅以会议纪要代替立项审批文件，扣2分"
    assert table[-1][:5] == ["合计", "", "", "100", "90"]
    record = text_record(tmp_path, _table())
    scores = [f["value"] for f in record["facts"] if f["kind"] == "score"]
    for points in ("8", "19", "18", "15", "90"):
        assert Decimal(points) in scores
    assert not error_flags(record)


def test_its_total_is_checked_over_every_row(tmp_path):
    assert error_flags(text_record(tmp_path, _table("91")))
