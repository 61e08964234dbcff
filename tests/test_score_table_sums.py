"""A report's score table with a 得分率 column, after a sentence that counts the indicator
levels: the sentence is no header, and a 合计 one point off the rows' 得分 — awarded by
half points, so exact — is an error. Written for the test; names and figures invented."""
from __future__ import annotations

from decimal import Decimal

import pytest

from extractor.check.tolerance import awarded_interval

from conftest import text_record


def _report(total: str = "88.5") -> str:
    rows = [
        "二、评价指标体系",
        "评价组设一级指标4个、二级指标8个、三级指标10个，权重合计100分。",
        "三、评价结论",
        f"经综合评价，项目综合得分{total}分，评价等级为“良”。",
        "附表：综合评分表",
        "一级指标 二级指标 三级指标 权重 得分 得分率",
        "决策 项目立项 立项依据充分性 10 10 100.00%",
        "绩效目标 目标明确性 10 8.5 85.00%",
        "过程 资金管理 资金到位率 10 10 100.00%",
        "预算执行率 10 9 90.00%",
        "组织实施 制度执行有效性 10 8 80.00%",
        "产出 产出数量 改造户数完成率 10 10 100.00%",
        "产出质量 验收合格率 10 9.5 95.00%",
        "产出时效 按期完工率 10 7 70.00%",
        "效益 社会效益 居民受益情况 10 8.5 85.00%",
        "满意度 居民满意度 10 8 80.00%",
        f"合计 100 {total} {total}%",
    ]
    return "\n".join(rows) + "\n"


def _errors(record):
    return [f for f in record["flags"] if f["severity"] == "error"]


def test_a_table_that_adds_up_raises_nothing(tmp_path):
    record = text_record(tmp_path, _report())
    form = record["forms"][0]
    assert form["unread_rows"] == 0 and len(form["indicators"]) == 10
    assert not _errors(record)


def test_a_total_one_point_off_half_points_is_an_error(tmp_path):
    # 10 + 8.5 + 10 + 9 + 8 + 10 + 9.5 + 7 + 8.5 + 8 = 88.5, written 89.5
    record = text_record(tmp_path, _report("89.5"))
    # (a report's own score table is its indicator tree: score.tree, as a standard form's is
    # form.score_total)
    assert [f["rule"] for f in _errors(record)] == ["score.tree"]


@pytest.mark.parametrize("written, exact", [("2.5", True), ("9.50", True), ("8", True), ("4.67", False), ("3.3", False)])
def test_points_awarded_by_halves_are_exact(written, exact):
    fact = {"value": Decimal(written), "decimals": len(written.partition(".")[2]), "approx": False}
    interval = awarded_interval(fact)
    assert (interval.low == interval.high) is exact


def _spaced_subtotals(process_subtotal: str = "17") -> str:
    # cells two spaces apart, a group's later rows indented; the runs of rows with as many cells
    # (产出 rows 3–4, the 效益 rows after the first, the closing 小计 / 合计 pair) come out as
    # tables of their own, pieces of the one score table
    return "\n".join([
        "附表  某县农村道路提升项目绩效评价评分表",
        "一级指标  二级指标  三级指标  分值  年度指标值  实际完成值  得分",
        "决策  项目立项  立项依据充分性  5  —  —  5",
        "    立项程序规范性  5  —  —  4",
        "  小计    10      9",
        "过程  资金管理  资金到位率  10  100%  100%  10",
        "    预算执行率  10  100%  92.1%  7",
        f"  小计    20      {process_subtotal}",
        "产出  产出数量  新改建道路里程  20  42公里  43.5公里  20",
        "  产出质量  工程验收合格率  10  100%  100%  10",
        "  产出时效  按期完工率  10  100%  90%  8",
        "  产出成本  成本控制率  10  ≤100%  97.6%  10",
        "  小计    50      48",
        "效益  社会效益  受益群众  10  ≥5000人  5320人  10",
        "  满意度  群众满意度  10  ≥90%  93%  10",
        "  小计    20      20",
        "合计      100      94",
    ]) + "\n"


def test_a_score_table_whose_rows_came_out_as_pieces_is_read_whole(tmp_path):
    record = text_record(tmp_path, "某县财政局关于农村道路提升项目的绩效评价报告\n" + _spaced_subtotals())
    assert not [f for f in record["flags"] if f["severity"] == "error"], [f["message"] for f in record["flags"]]
    paths = [r["path"][-1] for form in record["forms"] for r in form["indicators"]]
    assert {"按期完工率", "成本控制率", "群众满意度"} <= set(paths)


def test_a_subtotal_off_its_rows_among_pieces_is_flagged(tmp_path):
    # 过程: 10 + 7 = 17, its 小计 says 18
    text = "某县财政局关于农村道路提升项目的绩效评价报告\n" + _spaced_subtotals("18")
    flags = [f for f in text_record(tmp_path, text)["flags"] if f["severity"] == "error"]
    assert len(flags) == 1 and "过程小计" in flags[0]["message"] and "18分" in flags[0]["message"], [f["message"] for f in flags]


def _level_rows_with_subtotals_first(management: str = "35.5", shape: str = "pipe") -> str:
    # each level's row writes its sum as 小计 before its items: 9 + 9 = 18, 13 + 8.5 + 14 = 35.5,
    # 9.5 + 9 = 18.5, 7 + 7.5 = 14.5; 18 + 35.5 + 18.5 + 14.5 = 86.5
    rows = [
        ["一级指标", "二级指标", "分值", "得分"],
        ["履职决策", "小计", "20", "18"], ["", "目标设定", "10", "9"], ["", "预算编制", "10", "9"],
        ["履职管理", "小计", "40", management], ["", "资金管理", "15", "13"], ["", "资产管理", "10", "8.5"],
        ["", "制度建设", "15", "14"],
        ["履职产出", "小计", "20", "18.5"], ["", "产出数量", "10", "9.5"], ["", "产出质量", "10", "9"],
        ["履职效益", "小计", "20", "14.5"], ["", "社会效益", "10", "7"], ["", "满意度", "10", "7.5"],
        ["合计", "", "100", "86.5"],
    ]
    joiner = " | " if shape == "bare_pipe" else None
    lines = [joiner.join(r) if joiner else "| " + " | ".join(r) + " |" for r in rows]
    return "四、自评得分\n自评得分86.5分，等级为“良”，得分情况如下表：\n" + "\n".join(lines) + "\n"


@pytest.mark.parametrize("shape", ["pipe", "bare_pipe"])
def test_a_level_row_that_writes_its_subtotal_before_its_items(tmp_path, shape):
    record = text_record(tmp_path, _level_rows_with_subtotals_first(shape=shape))
    assert not _errors(record), [f["message"] for f in _errors(record)]
    # 13 + 8.5 + 14 = 35.5; written 36.5 (the 合计 adds up the levels: 87.5, also off)
    slipped = text_record(tmp_path, _level_rows_with_subtotals_first("36.5", shape))
    messages = [f["message"] for f in _errors(slipped)]
    assert any("36.5" in m and "35.5" in m for m in messages), messages


def _named_level_subtotals(process: str = "18.5") -> str:
    # each level closes with its own 小计 named in the second column (决策小计): 3 + 4 + 3.5 = 10.5,
    # 5 + 4.5 + 9 = 18.5, 28 + 29.5 = 57.5; 10.5 + 18.5 + 57.5 = 86.5
    rows = [
        ["一级指标", "二级指标", "三级指标", "分值", "得分"],
        ["决策", "项目立项", "立项依据充分性", "4", "3"], ["", "绩效目标", "绩效目标合理性", "4", "4"],
        ["", "资金投入", "预算编制科学性", "4", "3.5"], ["", "决策小计", "", "12", "10.5"],
        ["过程", "资金管理", "资金到位率", "6", "5"], ["", "", "资金使用合规性", "6", "4.5"],
        ["", "组织实施", "制度执行有效性", "10", "9"], ["", "过程小计", "", "22", process],
        ["产出", "产出数量", "完成造林面积", "30", "28"], ["", "效益", "群众满意度", "36", "29.5"],
        ["", "产出小计", "", "66", "57.5"],
        ["合计", "", "", "100", "86.5"],
    ]
    return "四、评分情况\n" + "\n".join("\t".join(r) for r in rows) + "\n"


def test_a_levels_own_subtotal_named_in_the_second_column(tmp_path):
    record = text_record(tmp_path, _named_level_subtotals())
    assert not _errors(record), [f["message"] for f in _errors(record)]
    slipped = [f["message"] for f in _errors(text_record(tmp_path, _named_level_subtotals("19.5")))]
    assert any("19.5" in m and "18.5" in m for m in slipped), slipped


def _levels_across(levels: list) -> str:
    rows = ["三、评分情况", "指标\t权重\t得分\t扣分原因"]
    for name, items in levels:
        rows.append(name)
        rows += ["\t".join(item) for item in items]
    rows.append("合计\t100\t93.5\t")
    return "\n".join(rows) + "\n四、自评结论\n项目自评得分93.5分，等级为“优”。\n"


def test_a_tab_score_table_with_its_levels_written_across(tmp_path):
    # Word copies a level's merged row (一、决策（20分）) as a line of its own between the tab rows
    levels = [("一、决策（20分）", [("1.项目立项", "10", "10", "—"), ("2.绩效目标", "10", "9", "目标细化不足，扣1分")]),
              ("二、过程（30分）", [("3.资金管理", "15", "14", "公示不及时，扣1分"), ("4.组织实施", "15", "15", "—")]),
              ("三、产出（50分）", [("5.产出数量", "25", "23", "扣2分"), ("6.群众满意度", "25", "22.5", "扣2.5分")])]
    record = text_record(tmp_path, _levels_across(levels))
    assert not _errors(record), [f["message"] for f in _errors(record)]
    scores = [f["value"] for f in record["facts"] if f["kind"] == "score" and f["source"].get("table") is not None]
    assert sorted(float(v) for v in scores).count(25.0) == 2 and 22.5 in [float(v) for v in scores]


def _levels_side_by_side(total: str = "85") -> str:
    # a level's points beside its first row's (一级指标 | 分值 | 得分 | 二级指标 | 分值 | 得分), the level's
    # cells left blank on the rows under it: 18 + 22 + 26 + 19 = 85
    rows = [
        ["一级指标", "分值", "得分", "二级指标", "分值", "得分"],
        ["项目决策", "20", "18", "目标设定", "8", "7"], ["", "", "", "决策过程", "12", "11"],
        ["项目管理", "25", "22", "资金到位", "10", "10"], ["", "", "", "资金使用", "15", "12"],
        ["项目产出", "30", "26", "完成数量", "18", "16"], ["", "", "", "完成质量", "12", "10"],
        ["项目效益", "25", "19", "社会效益", "15", "12"], ["", "", "", "满意度", "10", "7"],
        ["合计", "100", total, "", "", ""],
    ]
    return "四、评价得分情况\n" + "\n".join("\t".join(r) for r in rows) + "\n"


def test_a_levels_points_beside_its_rows_are_summed_by_level(tmp_path):
    record = text_record(tmp_path, _levels_side_by_side())
    assert not _errors(record), [f["message"] for f in _errors(record)]
    slipped = [f["message"] for f in _errors(text_record(tmp_path, _levels_side_by_side("88")))]
    assert any("88" in m and "85" in m for m in slipped), slipped


def test_a_total_row_leaves_the_reason_column_at_the_end_empty(tmp_path):
    table = ("评价指标    分值    得分    扣分原因\n"
             "项目决策    15    14    绩效目标细化不足，扣1分\n"
             "项目过程    25    {}    部分资金拨付滞后，扣1.5分\n"
             "项目产出    30    28    档案使用率偏低，扣2分\n"
             "项目效益    30    26    控制效果不明显，扣4分\n"
             "合计    100    91.5\n")
    assert not [f for f in text_record(tmp_path, table.format("23.5"))["flags"] if f["severity"] == "error"]
    bad = text_record(tmp_path, table.format("22.5"), "b.txt")
    [flag] = [f for f in bad["flags"] if f["rule"] == "score.tree"]
    assert "合计91.5" in flag["message"] and "90.5" in flag["message"]


_LEVEL_TOTALS = ("表2 评分表\n一级指标 | 二级指标 | 三级指标 | 权重 | 得分\n"
                 "决策 | 项目立项 | 立项依据充分性 | 5 | 5\n决策 | 绩效目标 | 绩效目标合理性 | 5 | 4.5\n"
                 "决策 | 资金投入 | 预算编制科学性 | 10 | 9\n决策合计 |  |  | 20 | 18.5\n"
                 "过程 | 资金管理 | 资金到位率 | 5 | 5\n过程 | 资金管理 | 预算执行率 | 5 | 4.5\n"
                 "过程 | 组织实施 | 制度执行有效性 | 10 | {}\n过程合计 |  |  | 20 | 18.5\n"
                 "产出 | 产出数量 | 完成率 | 30 | 28\n产出合计 |  |  | 30 | 28\n"
                 "效益 | 满意度 | 群众满意度 | 30 | 27\n效益合计 |  |  | 30 | 27\n"
                 "总计 |  |  | 100 | 92\n")


def test_a_levels_own_total_named_after_it_is_no_first_level_indicator(tmp_path):
    record = text_record(tmp_path, _LEVEL_TOTALS.format("9"))
    assert not [f for f in record["flags"] if f["severity"] == "error"]
    assert not any(i["path"][0].endswith("合计") for i in record["indicators"] if not i.get("total"))
    # a row written wrong under it: the level's total against its rows as written (9 + 4.5 + 5)
    bad = text_record(tmp_path, _LEVEL_TOTALS.format("8"), "b.txt")
    assert any(f["rule"] == "score.tree" and "17.5" in f["message"] for f in bad["flags"])


def test_a_total_row_with_a_dash_in_the_words_column_keeps_its_figures_in_place(tmp_path):
    table = ("序号    县（区）    下达资金（万元）    实际支出（万元）    等级\n"
             "1    青山县    1200.50    1180.20    优\n"
             "2    白水县    980.00    960.40    良\n"
             "3    石门县    760.30    {}    优\n"
             "全市合计    2940.80    2881.00    /\n")
    assert not [f for f in text_record(tmp_path, table.format("740.40"))["flags"] if f["severity"] == "error"]
    [flag] = [f for f in text_record(tmp_path, table.format("750.40"), "b.txt")["flags"] if f["rule"] == "sum.table"]
    assert "2891.00" in flag["message"] or "2,891.00" in flag["message"]


def test_town_subtotals_named_in_the_second_column_are_subtotals(tmp_path):
    table = ("表1 项目资金安排明细表（单位：万元）\n序号 | 乡镇 | 项目村 | 中央 | 县级 | 合计\n"
             "1 | 龙泉镇 | 东坪村 | 30.00 | 5.00 | 35.00\n2 | 龙泉镇 | 西坪村 | 20.00 | 4.00 | 24.00\n"
             " | 龙泉镇小计 |  | 50.00 | 9.00 | {}\n3 | 柳溪乡 | 柳溪村 | 26.00 | 3.00 | 29.00\n"
             " | 柳溪乡小计 |  | 26.00 | 3.00 | 29.00\n | 合计 |  | 76.00 | 12.00 | 88.00\n")
    assert not [f for f in text_record(tmp_path, table.format("59.00"))["flags"] if f["severity"] == "error"]
    flags = [f for f in text_record(tmp_path, table.format("60.00"), "b.txt")["flags"] if f["rule"] == "sum.table"]
    assert flags and all("59.00" in f["message"] or "88.00" in f["message"] for f in flags)


def test_a_total_off_by_just_its_subtotal_s_gap_is_one_finding(tmp_path):
    # 过程小计 says 18.5 over rows of 17.5; the 总计 adds the subtotals, so it is off its rows by 1 too
    table = ("附表 评分表\n一级指标 | 二级指标 | 三级指标 | 分值 | 得分\n"
             "决策 | 项目立项 | 立项依据充分性 | 10 | 9\n决策 | 绩效目标 | 目标合理性 | 10 | 9\n决策小计 |  |  | 20 | 18\n"
             "过程 | 资金管理 | 资金到位率 | 10 | 9.5\n过程 | 组织实施 | 制度执行有效性 | 10 | 8\n过程小计 |  |  | 20 | 18.5\n"
             "产出 | 产出数量 | 完成率 | 30 | 28\n产出小计 |  |  | 30 | 28\n"
             "效益 | 满意度 | 群众满意度 | 30 | 27\n效益小计 |  |  | 30 | 27\n总计 |  |  | 100 | 91.5\n")
    record = text_record(tmp_path, table)
    [flag] = [f for f in record["flags"] if f["severity"] == "error"]
    assert "18.5" in flag["message"] and "17.5" in flag["message"]
    assert any("91.5" in a["message"] for a in flag.get("also", []))
