"""The same tables in the other shapes they reach us in: the twenty-sixth session re-laid the
tuning set's pipe and spaced forms one cell a line, a space between cells and on one line
(corpus/realdev/run_layouts.py) and read what that lost. Every text here is made up for the
tests."""
from conftest import error_flags, text_record
from extractor.ingest import load_document
from extractor.pipeline import extract_file
from test_ingest_text_tables import needs_soffice, print_to_pdf


def _facts(record, kind=None):
    return [(f["kind"], str(f["value"]), f.get("label")) for f in record["facts"] if kind in (None, f["kind"])]


def _values(record, kind):
    return [v for _, v, _ in _facts(record, kind)]


# ---- a form one cell a line: a row named by a level's word with its unit
def _form_one_cell_a_line(satisfaction_name: str, last_score: str = "10", total: str = "48.5") -> str:
    cells = ["项目支出绩效自评表", "项目名称", "2021年农机购置补贴项目",
             "一级指标", "二级指标", "三级指标", "年初目标值(A)", "实际完成值(B)", "得分",
             "产出指标", "数量指标", "补贴机具数量(台)", "300", "280", "18.5",
             "效益指标", "社会效益指标", "受益农户(户)", "200", "210", "20",
             "满意度指标", "服务对象满意度指标", satisfaction_name, "90", "95", last_score,
             "总分", total]
    return "\n".join(cells) + "\n"


def test_a_level_word_with_its_unit_after_a_second_level_name_names_the_row(tmp_path):
    for name in ("满意度(%)", "满意度（%）", "满意度"):
        record = text_record(tmp_path, _form_one_cell_a_line(name))
        if "%" in name:  # (a name with no unit leaves its target and result no facts)
            assert ("percent", "95", "实际完成值") in _facts(record), name
        assert _values(record, "score") == ["18.5", "20", "10", "48.5"], name
        assert not error_flags(record), name


def test_a_form_one_cell_a_line_whose_scores_miss_the_total_is_flagged(tmp_path):
    record = text_record(tmp_path, _form_one_cell_a_line("满意度(%)", last_score="9"))
    assert [f["rule"] for f in error_flags(record)] == ["form.score_total"]


# ---- a score table one cell a line whose empty cells were left out
def _score_table_cells(scores=("36", "18", "18", "55", "27", "28", "91"),
                       header=("考核内容", "分值", "计分标准", "分数", "备注"), note="") -> str:
    s = list(scores)
    cells = ["某区2022年社区养老服务补贴项目评价工作考核表", *header,
             "一、前期准备情况", "40", s[0],
             "1、评价方案编制质量", "20", "方案完整、指标合理得15-20分；方案基本完整得8-14分；方案缺失得0-7分。", s[1],
             "2、资料收集完整性", "20", "资料齐全得20分，每缺一项扣2分。", s[2], *([note] if note else []),
             "二、现场评价情况", "60", s[3],
             "1、现场核查覆盖面", "30", "覆盖全部点位得30分，每少一处扣3分。", s[4],
             "2、评价结论准确性", "30", "结论清晰、依据充分得25-30分；结论基本准确得15-24分。", s[5],
             "合计", "100", s[6]]
    return "\n".join(cells) + "\n综合评价等级为优。\n"


def test_a_score_table_one_cell_a_line_without_its_empty_cells_is_read(tmp_path):
    record = text_record(tmp_path, _score_table_cells())
    scores = _values(record, "score")
    for points in ("40", "36", "60", "55", "27", "28", "100", "91"):
        assert points in scores, points
    assert not error_flags(record)


def test_other_column_words_and_a_note_after_a_score(tmp_path):
    text = _score_table_cells(header=("指标", "权重", "评分标准", "得分", "扣分原因"), note="台账缺两项")
    scores = _values(text_record(tmp_path, text), "score")
    assert "36" in scores and "55" in scores and "91" in scores


def test_a_score_table_one_cell_a_line_whose_groups_do_not_add_up_is_flagged(tmp_path):
    # (the second group's 55 over its rows' 27 + 25)
    record = text_record(tmp_path, _score_table_cells(scores=("36", "18", "18", "55", "27", "25", "91")))
    assert "score.tree" in {f["rule"] for f in error_flags(record)}


# ---- the same score table a row a line, a space between cells, and on one line
def _score_table_rows(scores=("36", "18", "18", "55", "27", "28", "91"), note="") -> list:
    s = list(scores)
    return ["考核内容 分值 计分标准 分数 备注",
            f"一、前期准备情况 40 {s[0]}",
            f"1、评价方案编制质量 20 方案完整、指标合理得15-20分；方案基本完整得8-14分。 {s[1]}",
            f"2、资料收集完整性 20 资料齐全得20分，每缺一项扣2分。 {s[2]} {note}".rstrip(),
            f"二、现场评价情况 60 {s[3]}",
            f"1、现场核查覆盖面 30 覆盖全部点位得30分，每少一处扣3分。 {s[4]}",
            f"2、评价结论准确性 30 结论清晰、依据充分得25-30分。 {s[5]}",
            f"合计 100 {s[6]}"]


def test_a_score_table_a_row_a_line_with_its_rules_between_the_points_is_read(tmp_path):
    for note in ("", "台账 缺两项"):
        text = "某区评价工作考核表\n" + "\n".join(_score_table_rows(note=note)) + "\n综合评价等级为优。\n"
        record = text_record(tmp_path, text)
        scores = _values(record, "score")
        for points in ("40", "36", "60", "55", "27", "28", "100", "91"):
            assert points in scores, (note, points)
        assert not error_flags(record), note


def test_a_score_table_a_row_a_line_whose_total_is_off_is_flagged(tmp_path):
    text = "某区评价工作考核表\n" + "\n".join(_score_table_rows(scores=("36", "18", "18", "55", "27", "28", "93"))) + "\n"
    assert "score.tree" in {f["rule"] for f in error_flags(text_record(tmp_path, text))}


def test_rows_whose_words_between_the_points_are_no_scoring_rule_are_left_alone(tmp_path):
    # (a table of projects: 项目 | 金额 | 内容 | 进度 — no score table's cells)
    rows = _score_table_rows()
    rows[2] = "1、评价方案编制质量 20 已完成方案编制 18"
    text = "某区评价工作考核表\n" + "\n".join(rows) + "\n"
    record = text_record(tmp_path, text)
    assert not error_flags(record)


@needs_soffice
def test_the_score_tables_printed_to_pdf_give_their_points(tmp_path):
    shapes = {"cells": _score_table_cells(),
              "rows": "某区评价工作考核表\n" + "\n".join(_score_table_rows()) + "\n综合评价等级为优。\n"}
    for shape, text in shapes.items():
        (tmp_path / shape).mkdir()
        _, printed = print_to_pdf(tmp_path / shape, text)
        scores = _values(extract_file(printed), "score")
        for points in ("40", "36", "60", "55", "27", "28", "100", "91"):
            assert points in scores, (shape, points)


def test_the_score_table_on_one_line_is_read(tmp_path):
    text = "某区评价工作考核表 " + " ".join(_score_table_rows()) + " 综合评价等级为优。\n"
    record = text_record(tmp_path, text)
    facts = _facts(record, "score")
    assert ("score", "36", "得分") in facts and ("score", "100", "分值") in facts and ("score", "91", "总分") in facts
    assert not error_flags(record)
    off = "某区评价工作考核表 " + " ".join(_score_table_rows(scores=("36", "18", "18", "55", "27", "28", "93"))) + "\n"
    assert "score.tree" in {f["rule"] for f in error_flags(text_record(tmp_path, off))}


def test_one_line_whose_words_between_the_points_are_no_rule_is_no_score_table(tmp_path):
    rows = _score_table_rows()
    rows[2] = "1、评价方案编制质量 20 已完成方案编制 18"
    record = text_record(tmp_path, "某区评价工作考核表 " + " ".join(rows) + "\n")
    assert ("score", "36", "得分") not in _facts(record, "score")


def test_one_line_whose_total_writes_one_figure_gives_its_rows(tmp_path):
    rows = _score_table_rows()
    rows[-1] = "合计 91"  # (its 分值 cell left empty)
    record = text_record(tmp_path, "某区评价工作考核表 " + " ".join(rows) + " 填表说明：请如实填写。\n")
    assert {"36", "18", "55", "27", "28"} <= set(_values(record, "score"))
    assert not error_flags(record)


# ---- a page flattened to one line runs a report's sections into one paragraph
def test_the_sections_after_a_summary_are_no_items_of_it(tmp_path):
    # (the excerpt holds two of the sections: their scores are no parts of the total)
    text = ("二、绩效自评情况 对照评价指标进行自评，总评得分为100分。 1、项目投入情况，自评得分20分。年初将救助资金"
            "列入预算，资金到位率100%。 2、项目过程情况，自评得分30分。资金拨付及时，管理规范。\n")
    assert not error_flags(text_record(tmp_path, text))


def test_a_summary_sentence_run_into_one_line_is_still_read(tmp_path):
    text = ("二、绩效自评情况 总评得分为88分，其中投入18分、过程20分、产出30分、效益18分。 1、项目投入情况。"
            "年初将救助资金列入预算。\n")
    off = text.replace("效益18分", "效益15分")
    assert not error_flags(text_record(tmp_path, text))
    assert "score.tree" in {f["rule"] for f in error_flags(text_record(tmp_path, off))}


def test_a_list_inside_a_numbered_item_breaks_down_no_figure_before_the_item(tmp_path):
    text = ("2017年协作经费实际到位资金613万元，补助情况：(1)协作区经费和办公费经费分别为3万元和10万元。"
            "(2)援建经费50万元。(3)援藏工作经费20万元。(4)援疆经费466万元。(5)对口支援经费64万元。\n")
    assert not error_flags(text_record(tmp_path, text))
    # (the same list with no numbered item: its total is the figure before it)
    plain = "项目总投资500万元，中央和省级资金分别为300万元和210万元。\n"
    assert "sum.breakdown" in {f["rule"] for f in error_flags(text_record(tmp_path, plain))}


# ---- a page flattened to one line: tables and sentences run together
_SCORE_ROWS = [("决策", "15", "13", "目标设定", "8", "7"), ("", "", "", "预算编制", "7", "6"),
               ("管理", "35", "30.5", "资金管理", "15", "12.5"), ("", "", "", "资产管理", "10", "9"),
               ("", "", "", "制度管理", "10", "9"), ("效益", "50", "44", "社会效益", "42", "37"),
               ("", "", "", "满意度", "8", "7"), ("合计", "100", "87.5", "", "", "")]


def _markdown_score_table(rows=_SCORE_ROWS) -> list:
    return (["| 一级指标 | 分值 | 得分 | 二级指标 | 分值 | 得分 |", "|---|---|---|---|---|---|"]
            + ["| " + " | ".join(r) + " |" for r in rows])


def test_a_markdown_table_run_into_one_line_is_read_row_by_row(tmp_path):
    text = "五、自评结果 " + " ".join(_markdown_score_table()) + " 本部门自评得分87.5分，等级为良。\n"
    record = text_record(tmp_path, text)
    assert {"15", "13", "8", "7", "42", "37", "100", "87.5"} <= set(_values(record, "score"))
    assert not error_flags(record)
    off = [list(r) for r in _SCORE_ROWS]
    off[3][5] = "8"  # (资产管理 8: the 管理 group's 30.5 over 12.5 + 8 + 9)
    text = "五、自评结果 " + " ".join(_markdown_score_table(off)) + " 本部门自评得分87.5分。\n"
    assert "score.tree" in {f["rule"] for f in error_flags(text_record(tmp_path, text))}


def test_a_level_word_naming_the_last_row_before_the_total_is_a_row(tmp_path):
    # (pipe rows run into one line with no rule under the header; 满意度 is a first level's word:
    # right before 合计 and with no rows of its own it is 效益's row, and 管理, no level's word, opens
    # a level of its own, as the 分值 say)
    cells = " | ".join(" | ".join(r) + " |" for r in _SCORE_ROWS)
    text = "五、自评结果 | 一级指标 | 分值 | 得分 | 二级指标 | 分值 | 得分 | | " + cells + " 本部门自评得分87.5分。\n"
    assert not error_flags(text_record(tmp_path, text))


def test_a_score_table_of_two_levels_with_points_one_cell_a_line(tmp_path):
    header = ["一级指标", "分值", "得分", "二级指标", "分值", "得分"]
    cells = header + [c for r in _SCORE_ROWS for c in r if c]
    record = text_record(tmp_path, "自评得分情况\n" + "\n".join(cells) + "\n自评等级为良。\n")
    assert {"15", "13", "42", "37", "100", "87.5"} <= set(_values(record, "score"))
    assert not error_flags(record)
    # (社会效益 41: the 分值 no longer tell the levels apart; what is flagged is the level whose
    # rows fall short, not the rows of a level taken for another's)
    odd = [c if c != "42" else "41" for c in cells]
    flags = error_flags(text_record(tmp_path, "自评得分情况\n" + "\n".join(odd) + "\n"))
    assert len(flags) == 1 and "效益分值50分" in flags[0]["message"]


def test_a_row_number_header_written_again_on_the_line_is_no_row(tmp_path):
    text = ("部门整体支出绩效自评得分表 序号 一级指标 二级指标 分值 得分 序号 一级指标 二级指标 分值 得分 "
            "1 投入 目标设定 5 5 2 投入 预算编制 10 9 3 投入 预算配置 5 5 4 投入 小计 20 19 "
            "5 产出 重点工作 40 38 6 产出 履职质量 40 36 7 产出 小计 80 74 8 合计 — 100 93 经自评，得分93分。\n")
    record = text_record(tmp_path, text)
    assert not error_flags(record)


def test_a_total_named_first_over_sources_stands_last_in_rows_without_columns(tmp_path):
    text = ("2023年度转移支付区域绩效自评表\n转移支付（项目）名称：农田建设补助资金\n"
            "项目 资金来源（万元） 合计（万元）\n中央 省级 县级\n"
            "全年预算数 1,860.00 420.00 210.00 2,490.00\n全年执行数 1,812.40 415.60 198.50 2,426.50\n"
            "执行率 97.44% 98.95% 94.52% 97.45%\n年度总体目标 新建高标准农田3.8万亩。\n")
    record = text_record(tmp_path, text)
    assert not error_flags(record)


def test_rates_a_line_each_are_no_breakdown(tmp_path):
    text = ("（二）收支对比\n收入合计增长9.36%\n其中:财政拨款收入增长9.39%\n其他收入增长8.78%\n")
    assert not error_flags(text_record(tmp_path, text))


def test_a_year_names_a_column_of_a_table_a_space_apart(tmp_path):
    text = ("单位:万元\n项目 2023年 2022年 增减额 增减率\n收入合计 4862.35 4446.15 416.20 9.36%\n"
            "其中:财政拨款收入 4598.71 4203.80 394.91 9.39%\n其他收入 263.64 242.35 21.29 8.78%\n"
            "支出合计 4862.35 4446.15 416.20 9.36%\n主要原因是项目资金增加。\n")
    facts = _facts(text_record(tmp_path, text), "amount")
    assert ("amount", "48623500.00", "2023年") in facts and ("amount", "4162000.00", "增减额") in facts


def test_last_years_figure_written_with_the_change_is_its_base(tmp_path):
    base = ("1、车辆运行维护费用3.62万元，比去年3.78万元少0.16万元，略有下降; 2、无因公出国费用;"
            "3、公务接待费用4.23万元，接待91批(次)1046人，同比去年1.36万元增加{}万元。\n")
    assert not error_flags(text_record(tmp_path, base.format("2.87")))
    flags = error_flags(text_record(tmp_path, base.format("2.97")))
    assert [f["rule"] for f in flags] == ["diff.change"] and "1.36" in flags[0]["message"]


def test_a_rate_pairs_no_figure_stated_before_an_earlier_rate(tmp_path):
    text = ("根据文件下达草原管护员补助46.8万元，监测评估经费8.12万元。追加下达给我单位资金12.6万元，其中草畜平衡"
            "奖励调减1.84万元，草原防火物资购置4.3万元。中央财政补助资金全年共（略）万元，预算执行率100%。"
            "草原管护员补助资金全年共（略）万元，当年兑付率96%。\n")
    assert not error_flags(text_record(tmp_path, text))


def test_a_rate_among_a_tables_cells_run_into_a_line_is_no_sentences(tmp_path):
    text = ("（二）资金安排。2023年项目预算500.00万元，其中省级补助资金300.00万元、县级财政资金200.00万元。 "
            "二、资金使用情况 全年实际支出487.20万元。 | 项目 | 预算数（万元） | 执行数（万元） | 执行率 | "
            "| 困难残疾人生活补贴 | 232.00 | 225.60 | 97.24% | | 重度残疾人护理补贴 | 268.00 | 261.60 | 97.61% | "
            "资金按月发放到位。\n")
    assert not error_flags(text_record(tmp_path, text))


def test_a_table_total_off_is_shown_without_its_of_which_rows(tmp_path):
    # (and once for the two columns that write the same figures)
    text = ("“三公”经费情况统计表\n单位:万元\n| 项目 | 本年预算数 | 其中:财政拨款 |\n| 合计 | 41.80 | 41.80 |\n"
            "| 1.因公出国(境)费用 | 0 | 0 |\n| 2.公务接待费 | 6.30 | 6.30 |\n| 3.公务用车费 | 34.50 | 34.50 |\n"
            "| 其中:(1)公务用车运行维护费 | 34.50 | 34.50 |\n| (2)公务用车购置 | 0 | 0 |\n以上经费均按规定使用。\n")
    flags = error_flags(text_record(tmp_path, text))
    assert [f["rule"] for f in flags] == ["sum.table"] and "40.80" in flags[0]["message"]
    assert "本年预算数、其中:财政拨款" in flags[0]["message"]


def test_a_reports_table_run_into_a_line_naming_form_words_is_read(tmp_path):
    # (预算数 | 实际支出 | 执行率 are a form's words too, but no form's fund block is in the text)
    text = ("项目年度预算960.00万元，实际支出912.00万元，预算执行率95.00%。具体情况如下：\n"
            "支出内容 预算数（万元） 实际支出（万元） 执行率 收运运营服务费 720.00 705.60 98.00% "
            "收集车辆及设备购置 150.00 138.20 92.13% 转运站维护 90.00 68.20 75.78% 合计 960.00 912.00 95.00%\n"
            "二、绩效目标完成情况\n")
    record = text_record(tmp_path, text)
    assert not error_flags(record)
    assert ("amount", "7056000.00", "支出") in _facts(record, "amount")


def test_a_score_table_of_two_levels_with_points_a_row_a_line(tmp_path):
    lines = ["一级指标 分值 得分 二级指标 分值 得分"] + [" ".join(c for c in r if c) for r in _SCORE_ROWS]
    record = text_record(tmp_path, "自评得分情况\n" + "\n".join(lines) + "\n自评等级为良。\n")
    assert {"15", "13", "42", "37", "100", "87.5"} <= set(_values(record, "score"))
    assert not error_flags(record)
    off = [line.replace("资产管理 10 9", "资产管理 10 8") for line in lines]  # (管理 30.5 over 12.5 + 8 + 9)
    assert "score.tree" in {f["rule"] for f in error_flags(text_record(tmp_path, "\n".join(off) + "\n"))}


def test_a_caption_stating_the_unit_a_blank_line_above_the_header(tmp_path):
    text = ("（一）分单位收支表（单位：万元）\n\n项目 局机关 县文化馆 县图书馆 合计\n"
            "本年收入合计 1299.00 194.82 158.36 1652.18\n其他收入 12.60 8.30 0 20.90\n"
            "本年支出合计 1325.83 192.76 160.17 1678.76\n\n（二）收支分析\n")
    facts = _facts(text_record(tmp_path, text), "amount")
    assert ("amount", "12990000.00", "局机关") in facts and len(facts) == 12


def test_the_last_header_name_over_the_names_below_it(tmp_path):
    text = ("“三公”经费决算情况统计表\n单位:万元\n项目 上年决算数 本年决算数 比上年增、减情况\n增、减金额 增、减幅度\n"
            "合计 1957.28 1808.33 -148.95 -7.61%\n1.因公出国(境)费 8.40 6.10 -2.30 -27.38%\n"
            "2.公务接待费 842.36 790.15 -52.21 -6.20%\n3.公务用车购置及运行费 1106.52 1012.08 -94.44 -8.53%\n")
    facts = _facts(text_record(tmp_path, text))
    assert ("amount", "-1489500.00", "增、减金额") in facts and ("percent", "-7.61", "增、减幅度") in facts


def test_pipe_rows_with_no_rule_run_into_a_line_are_rows_and_so_is_the_next_table(tmp_path):
    income = ("| 项目 | 2023年 | 2022年 | 增减额 | | 本年收入合计 | 3864.20 | 3615.40 | 248.80 | "
              "| 其中：财政拨款收入 | 3702.85 | 3480.60 | 222.25 | | 其他收入 | 161.35 | 134.80 | 26.55 |")
    cells = " | ".join(" | ".join(r) + " |" for r in _SCORE_ROWS)
    text = ("本部门收支情况见下表。表1 收支对比表（单位：万元） " + income + " 说明：收入增加主要是人员经费增加。 五、自评结果 | 一级指标 | 分值 | 得分 | "
            "二级指标 | 分值 | 得分 | | " + cells + " 本部门自评得分87.5分。\n")
    record = text_record(tmp_path, text)
    assert ("amount", "38642000.00", "2023年") in _facts(record, "amount")
    assert {"42", "37", "87.5"} <= set(_values(record, "score"))
    assert not error_flags(record)
    # (a row of figures is no header: 1 | 2 | 3 names no column)
    figures = tmp_path / "figures.txt"
    figures.write_text("收支总表 | 1 | 2 | 3 | | 10 | 20 | 30 | | 4 | 5 | 6 | 完。\n", encoding="utf-8")
    assert not load_document(figures).tables


def test_a_table_run_into_a_line_with_years_for_columns(tmp_path):
    text = ("表1 2023年与2022年收支对比表（单位：万元）\n项目 2023年 2022年 增减额 增减率（%） 本年收入合计 3864.20 "
            "3615.40 248.80 6.88 其他收入 161.35 134.80 26.55 19.70 本年支出合计 3902.66 3577.18 325.48 9.10 "
            "项目支出 1484.29 1275.64 208.65 16.36\n说明：收入增加主要是人员经费增加。\n")
    facts = _facts(text_record(tmp_path, text))
    assert ("amount", "38642000.00", "2023年") in facts
    assert ("percent", "16.36", "增减率") in facts


def test_a_table_run_into_a_line_under_a_stated_unit(tmp_path):
    text = ("单位:万元\n项目 2023年 2022年 增减额 增减率 收入合计 4862.35 4446.15 416.20 9.36% 其他收入 263.64 242.35 "
            "21.29 8.78% 支出合计 4862.35 4446.15 416.20 9.36% 项目支出 3135.87 2787.25 348.62 12.51%\n")
    facts = _facts(text_record(tmp_path, text))
    assert ("amount", "48623500.00", "2023年") in facts and ("percent", "12.51", "增减率") in facts
    # (no unit stated: the figures name no amounts)
    assert not _facts(text_record(tmp_path, text.replace("单位:万元\n", "")), "amount")


def test_labels_each_with_a_figure_one_cell_a_line_under_a_caption_stating_the_unit(tmp_path):
    text = ("奖励扶助制度补助资金(万元)\n年度预算资金总额:\n763.00\n其中:中央补助\n502.00\n市级资金\n208.00\n"
            "本级资金(包括结转结余)\n53.00\n二、绩效目标\n")
    facts = _facts(text_record(tmp_path, text), "amount")
    assert ("amount", "7630000.00", "年度预算资金总额") in facts and ("amount", "530000.00", "本级资金") in facts
    # (no caption stating the unit: the labels say nothing of what their figures count)
    assert not _facts(text_record(tmp_path, text.split("\n", 1)[1]), "amount")
