"""Score tables whose levels only their points tell: rows written one after another, each a
name with its 分值 and 得分 whatever its level (决策 15 14 | 项目立项 6 6 | 立项依据充分性 3 3 …),
flattened into one line with the reasons for the points after them, or in a table whose
level columns each row leaves empty but one. Every text here is made up for the tests."""
import pytest
from conftest import error_flags, text_record

# (name, 分值, 得分, reason) — three levels, each level's 分值 the sum of its rows'
_ROWS = [("决策", "20", "18", ""), ("项目立项", "8", "8", ""),
         ("立项依据充分性", "4", "4", "符合县级产业发展规划，得满分。"), ("立项程序规范性", "4", "4", "按程序审批，得满分。"),
         ("绩效目标", "12", "10", ""), ("绩效目标合理性", "6", "5", "目标与实际需求基本相符，扣1分。"),
         ("绩效指标明确性", "6", "5", "部分指标未量化，扣1分。"),
         ("过程", "30", "27", ""), ("资金管理", "30", "27", ""), ("资金到位率", "10", "10", "资金到位率100%，得满分。"),
         ("预算执行率", "10", "8", "执行率95%以上得满分，每降低1个百分点扣0.5分；实际91.6%，扣2分。"),
         ("资金使用合规性", "10", "9", "个别凭证附件不全，扣1分。"),
         ("产出", "30", "28", ""), ("产出数量", "15", "15", ""), ("道路硬化完成率", "15", "15", "计划硬化12公里，全部完成。"),
         ("产出质量", "15", "13", ""), ("工程验收合格率", "15", "13", "合格率96%，扣2分。"),
         ("效益", "20", "18", ""), ("满意度", "20", "18", ""), ("受益群众满意度", "20", "18", "满意度92%，扣2分。")]


def _flattened(rows, total=("100", "91")) -> str:
    cells = " ".join(" ".join(c for c in row if c) for row in rows)
    return ("北岸县2023年度农村道路提升工程项目绩效评价报告 一、项目概况 项目预算安排资金600万元。 "
            "二、评价结论 经综合评价，项目得分91分，评价等级为“优”。 绩效评价指标体系及评分表 "
            f"指标名称 分值 得分 评分标准及扣分原因 {cells} 合计 {total[0]} {total[1]} 三、存在的问题 个别工程进度滞后。\n")


def _scores(record: dict) -> list:
    return [f["text"] for f in record["facts"] if f["kind"] == "score"]


def test_a_three_level_score_table_flattened_with_its_reasons_is_read(tmp_path):
    record = text_record(tmp_path, _flattened(_ROWS))
    paths = {tuple(i["path"]): str(i["score"]) for i in record["indicators"] if i.get("score") is not None}
    assert paths.get(("决策", "项目立项", "立项依据充分性")) == "4"
    assert paths.get(("过程", "资金管理", "预算执行率")) == "8"
    assert paths.get(("效益",)) == "18"
    assert not error_flags(record)


def test_a_level_off_its_rows_in_the_flattened_table_is_flagged_once(tmp_path):
    rows = [r if r[0] != "资金管理" else ("资金管理", "30", "28", "") for r in _ROWS]
    rows = [r if r[0] != "过程" else ("过程", "30", "28", "") for r in rows]
    # (过程 and 资金管理 say 28; 资金管理's rows make 27; the total adds the first level: 92)
    flags = error_flags(text_record(tmp_path, _flattened(rows, ("100", "92"))), "score.tree")
    assert len(flags) == 1 and "资金管理" in flags[0]["message"] and "27" in flags[0]["message"]


def _cells_table(rows, total=("100", "91")) -> str:
    lines = ["四、绩效评价指标评分表"] + [f"{c} |" for c in ("一级指标", "二级指标", "三级指标", "分值", "得分")]
    for name, w, s, _ in rows:
        lines += [f"{name} |", f"{w} |", f"{s} |"]
    lines += ["合计 |", f"{total[0]} |", f"{total[1]} |", "五、存在的问题", "个别工程进度滞后。"]
    return "北岸县2023年度农村道路提升工程项目绩效评价报告\n项目得分91分，评价等级为“优”。\n" + "\n".join(lines) + "\n"


def test_a_table_whose_rows_write_one_name_each_reads_its_levels_from_the_points(tmp_path):
    record = text_record(tmp_path, _cells_table(_ROWS))
    paths = {tuple(i["path"]) for i in record["indicators"]}
    assert ("产出", "产出质量", "工程验收合格率") in paths and ("决策",) in paths
    assert not error_flags(record)


def test_a_slip_in_such_a_table_is_the_level_s(tmp_path):
    rows = [r if r[0] != "工程验收合格率" else ("工程验收合格率", "15", "12", r[3]) for r in _ROWS]
    flags = error_flags(text_record(tmp_path, _cells_table(rows)))
    assert [f["rule"] for f in flags] == ["score.tree"] and "产出质量" in flags[0]["message"]


def _one_name_column(rows, total=("100", "91")) -> str:
    lines = ["北岸县交通运输局2023年度部门整体支出绩效自评报告", "自评得分91分，等级为“优”。",
             "五、绩效评价指标评分表", "| 指标名称 | 分值 | 得分 |"]
    lines += [f"| {name} | {w} | {s} |" for name, w, s, _ in rows] + [f"| 合计 | {total[0]} | {total[1]} |", "六、存在的问题"]
    return "\n".join(lines) + "\n"


def test_a_table_of_one_name_column_reads_its_levels_from_the_points(tmp_path):
    record = text_record(tmp_path, _one_name_column(_ROWS))
    paths = {tuple(i["path"]) for i in record["indicators"]}
    assert ("过程", "资金管理", "资金使用合规性") in paths
    assert not error_flags(record)
    rows = [r if r[0] != "道路硬化完成率" else ("道路硬化完成率", "15", "14", "") for r in _ROWS]
    flags = error_flags(text_record(tmp_path, _one_name_column(rows)))
    assert [f["rule"] for f in flags] == ["score.tree"] and "产出数量" in flags[0]["message"]


def test_rows_whose_names_are_numbered_a_space_before_them(tmp_path):
    lines = ["北岸县医疗保障局2023年度部门整体支出绩效自评报告", "五、绩效评价指标评分表", "指标名称 分值 得分"]
    numbers = {"决策": "一、", "过程": "二、", "产出": "三、", "效益": "四、", "项目立项": "（一）", "绩效目标": "（二）"}
    for k, (name, w, s, _) in enumerate(_ROWS, 1):
        # (a level's number run into its name, 一、决策; a row's a space before it, 1. 立项依据充分性)
        lines.append(f"{numbers[name]}{name} {w} {s}" if name in numbers else f"{k}. {name} {w} {s}")
    lines += ["合计 100 91", "六、自评结论", "自评总分91分，等级为“优”。"]
    record = text_record(tmp_path, "\n".join(lines) + "\n")
    scores = [f["text"] for f in record["facts"] if f["kind"] == "score"]
    assert scores.count("4") >= 2 and "13" in scores and "8" in scores
    assert not error_flags(record)


_LEVEL_LINES = ("北岸县2023年度医疗救助资金绩效评价报告\n四、绩效评价指标分析\n"
                "1.决策类指标（分值20分），得分18分。其中，立项依据充分性分值5分，得5分；绩效目标合理性分值5分，"
                "得4分，部分指标未量化，扣1分；资金分配合理性分值10分，得9分。\n"
                "2.过程类指标（分值30分），得分{process}分。其中，资金到位率分值10分，得10分；预算执行率分值10分，得9.5分；"
                "资金使用合规性分值10分，得9分，个别凭证附件不全，扣1分。\n"
                "3.产出类指标（分值30分），得分28分。其中，救助人次完成率分值15分，得15分；救助及时率分值15分，得13分。\n"
                "4.效益类指标（分值20分），得分18分。其中，群众负担减轻程度分值10分，得9分；救助对象满意度分值10分，得9分。\n"
                "综合评价得分92.5分，评价等级为“优”。\n")


def test_a_level_s_items_written_as_lines_are_its_rows(tmp_path):
    record = text_record(tmp_path, _LEVEL_LINES.format(process="28.5"))
    paths = {tuple(i["path"]) for i in record["indicators"]}
    assert ("过程", "预算执行率") in paths and ("决策", "绩效目标合理性") in paths
    assert not error_flags(record)
    [flag] = error_flags(text_record(tmp_path, _LEVEL_LINES.format(process="29.5")), "score.tree")
    assert "过程" in flag["message"]


def _text_layer_table(process_subtotal="18.5") -> str:
    return ("北岸县2023年度就业补助资金绩效评价报告\n四、评价指标体系及得分\n一级指标 二级 三级指标 分值 得分\n指标\n"
            "决策 项目立项 1. 立项依据充分性 5 5\n绩效目标 2. 绩效目标合理性 5 4.5\n3. 绩效指标明确性 5 4\n"
            "小 计 15 13.5\n过程 资金管理 4. 资金到位率 10 10\n5. 预算执行率 10 9\n- 7 -\n北岸县就业补助资金绩效评价报告\n"
            f"6. 资金使用合规性 5 4.5\n小 计 25 {process_subtotal}\n产出 产出数量 7. 城镇新增就业人数 20 19\n8. 就业困难人员\n"
            "就业人数 15 14\n小 计 35 33\n效益 社会效益 9. 重点群体就业稳定性 15 13\n满意度 10. 服务对象满意度 10 9\n"
            "小 计 25 22\n合 计 100 92\n五、主要绩效\n全年新增就业人数完成计划。\n")


def test_a_text_layer_score_table_whose_groups_close_with_subtotals(tmp_path):
    record = text_record(tmp_path, _text_layer_table("23.5"))
    paths = {tuple(i["path"]): str(i["score"]) for i in record["indicators"]}
    assert paths.get(("过程",)) == "23.5" and paths.get(("过程", "预算执行率")) == "9"
    assert not error_flags(record)
    [flag] = error_flags(text_record(tmp_path, _text_layer_table("24.5")), "score.tree")
    assert "过程" in flag["message"] and "23.5" in flag["message"]


@pytest.mark.parametrize("sep", [" ", "  ", "\t"])
def test_score_rows_with_their_reasons_run_several_to_a_line(tmp_path, sep):
    # (each first level's rows on one line, the reasons after the points; cells a space, two
    # spaces or a tab apart: the rows of a line are no table of their own)
    lines, line = [], []
    for name, w, s, reason in _ROWS:
        if name in ("决策", "过程", "产出", "效益") and line:
            lines.append(sep.join(line))
            line = []
        line += [name, w, s] + ([reason.rstrip("。")] if reason else [])
    lines.append(sep.join(line))
    text = (f"北岸县2023年度农村道路提升工程项目绩效评价报告\n四、绩效评价指标评分表\n{sep.join(['指标名称', '分值', '得分', '扣分原因'])}\n"
            + "\n".join(lines) + f"\n合计{sep}100{sep}91\n五、存在的问题\n个别工程进度滞后。\n")
    record = text_record(tmp_path, text)
    paths = {tuple(i["path"]) for i in record["indicators"]}
    assert ("产出", "产出质量", "工程验收合格率") in paths and ("效益", "满意度", "受益群众满意度") in paths
    assert not error_flags(record)
