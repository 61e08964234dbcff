"""Forms and score tables whose headers use other words of the same column (标准分 for 分值,
实际得分 for 得分, 指标名称 for 三级指标, 单项指标完成值 for 完成值): each is read as the
standard header is. The forms are written for the test, with invented names and figures."""
from decimal import Decimal

import pytest

from conftest import text_record


def _scores(record) -> list:
    return sorted(Decimal(str(f["value"])) for f in record["facts"] if f["kind"] == "score")


_FUNDS = """2023年度社区养老服务补助项目支出绩效自评表
| 项目名称 | 社区养老服务补助 | | | | | |
| 主管部门 | 某县民政局 | 实施单位 | 某县民政局 | | | |
| 项目资金（万元） | 年初预算数 | 全年预算数 | 全年执行数 | {weight} | 执行率 | {score} |
| 年度资金总额 | 120 | 130 | 117 | 10 | 90% | 9 |
| 其中：当年财政拨款 | 120 | 130 | 117 | — | 90% | — |
| 上年结转资金 | | | | — | | — |
"""


@pytest.mark.parametrize("weight,score", [("分值", "得分"), ("标准分", "实际得分"), ("满分", "评价得分")])
def test_a_fund_tables_points_columns_under_the_indicator_tables_words(tmp_path, weight, score):
    record = text_record(tmp_path, _FUNDS.format(weight=weight, score=score), "funds.txt")
    [total] = [row for row in record["forms"][0]["funds"] if row["slot"] == "total"]
    facts = {f["id"]: f for f in record["facts"]}
    assert facts[total["cells"]["分值"]]["value"] == Decimal(10)
    assert facts[total["cells"]["得分"]]["value"] == Decimal(9)
    assert facts[total["cells"]["全年执行数"]]["value"] == Decimal(1170000)


# 决策 20 = 立项 8 (4 + 4) + 目标 12 (6 + 6); 产出 50 = 数量 50 (25 + 25); 效益 30 = 社会 30 (15 + 15)
_GLUED_BODY = ("决策20项目立项8立项依据充分性44立项程序规范性43.5绩效目标12目标合理性65.5指标明确性66"
               "产出50产出数量50养护里程完成率2525路面修补完成率2523"
               "效益30社会效益30群众出行便利度1514满意度1515合计10096")


@pytest.mark.parametrize("head", ["一级指标分值二级指标分值三级指标分值得分",
                                  "一级指标权重二级指标权重指标名称权重评价得分",
                                  "指标类型标准分二级指标标准分具体指标标准分实际得分",
                                  # (a text layer's line break inside a level word)
                                  "一级指标分值二\n级指标分值三级指标分值得分", "一\n级指标分值二级指标分值三级指标分值得分"])
def test_a_run_together_score_table_under_other_header_words(tmp_path, head):
    record = text_record(tmp_path, "2022年度乡村道路养护项目绩效评价评分表" + head + _GLUED_BODY + "评价等级优\n",
                         "glued.txt")
    leaves = {tuple(i["path"]): (i["weight"], i["score"]) for i in record["indicators"] if len(i["path"]) == 3}
    assert leaves[("决策", "项目立项", "立项程序规范性")] == (Decimal(4), Decimal("3.5"))
    assert leaves[("产出", "产出数量", "路面修补完成率")] == (Decimal(25), Decimal(23))
    assert str(record["metadata"]["score"]) == "96"


def _cells(*rows) -> str:
    return "\n".join(cell for row in rows for cell in row) + "\n"


# 决策 15 = 立项 5 + 目标 6 + 投入 4; 过程 25 = 资金 10 + 实施 15; 绩效 60 = 产出 30 + 效益 30,
# the excerpt cut off inside 效益 (as a sharing site's preview ends)
_LEVEL_ROWS = (("项目决策", "15", "项目立项", "5", "立项依据", "5", "5"), ("绩效目标", "6", "目标合理性", "3", "3"),
               ("目标明确性", "3", "2"), ("资金投入", "4", "预算编制", "2", "2"), ("资金分配", "2", "2"),
               ("项目过程", "25", "资金管理", "10", "资金到位率", "4", "4"), ("资金使用", "6", "5"),
               ("组织实施", "15", "管理制度", "5", "5"), ("制度执行", "10", "9"),
               ("项目绩效", "60", "项目产出", "30", "产出数量", "10", "10"), ("产出质量", "10", "9"),
               ("产出时效", "10", "10"), ("项目效益", "30", "社会效益", "20", "18"), ("满意度", "10", "9"),
               ("产出成本",))


@pytest.mark.parametrize("name_column", ["三级指标", "指标名称"])
def test_a_header_weighting_every_level_one_cell_a_line_keeps_its_levels_points(tmp_path, name_column):
    text = "某县2022年度科普宣传项目绩效自评表\n二、绩效评价指标评分\n" + _cells(
        ("一级指标", "分值", "二级指标", "分值", name_column, "分值", "得分"), *_LEVEL_ROWS)
    points = _scores(text_record(tmp_path, text, "levels.txt"))
    # every level's own 分值 (15 25 60; 5 6 4 10 15 30 30), each row's 分值 and 得分
    for level_points in ("15", "25", "60", "5", "6", "4", "10", "30"):
        assert Decimal(level_points) in points
    assert len(points) == 3 + 7 + 14 * 2


_SPACED_FORM = """2023年度农村公路养护项目支出绩效自评表
一级指标 二级指标 三级指标 指标分值 预期指标值 {actual} 自评得分
产出指标 数量指标 养护里程 30 ≥120公里 126公里 30
质量指标 路面优良率 30 ≥80% 85% 30
效益指标 社会效益指标 群众满意度 30 ≥90% 93% 30
合计 90 90
"""


@pytest.mark.parametrize("actual", ["单项指标实际完成值", "单项指标完成值", "单项完成值"])
def test_a_column_label_after_a_word_saying_whose_it_is(tmp_path, actual):
    record = text_record(tmp_path, _SPACED_FORM.format(actual=actual), "scoped.txt")
    percents = sorted(Decimal(str(f["value"])) for f in record["facts"] if f["kind"] == "percent")
    assert percents == [Decimal(80), Decimal(85), Decimal(90), Decimal(93)]
    rows = {i["path"][-1]: i for i in record["forms"][0]["indicators"]}
    assert rows["群众满意度"]["actual"]["value"] == Decimal(93)


_ONE_LINE = ("五、绩效目标完成情况一级指标二级指标三级指标指标性质指标值实际完成值"
             "产出数量指标救助人数>=800人已完成质量指标发放准确率>=95.00%已完成资金到位率>=98.00%未完成"
             "效益社会效益指标救助对象满意度>=90.00%已完成六、其他说明本项目经单位自评分为92.5分。\n")


def test_a_score_word_in_the_prose_after_a_form_with_no_score_column_is_no_column(tmp_path):
    # the form's header names target and result only: its 95.00% is no 95.0 and 0 points
    record = text_record(tmp_path, "2022年度临时救助资金绩效自评情况" + _ONE_LINE, "one_line.txt")
    assert _scores(record) == [Decimal("92.5")]
    percents = sorted(Decimal(str(f["value"])) for f in record["facts"] if f["kind"] == "percent")
    assert percents == [Decimal(90), Decimal(95), Decimal(98)]
