"""Reports and forms as the thirty-sixth session found them. Every text here is made up for
the tests."""
from decimal import Decimal

import pytest

from conftest import error_flags, text_record


def _figures(record, kind, label=None):
    return [Decimal(f["value"]) for f in record["facts"]
            if f["kind"] == kind and (label is None or f.get("label") == label)]


_POINTS_FORM = ("项目支出绩效自评表\n（2024年度）\n项目名称\n乡村学校营养改善\n主管部门\n青石县教育局\n"
                "绩效指标\n一级\n指标\n二级指标\n三级指标\n年度\n指标值\n实际\n完成值\n分值\n得分\n偏差原因分析\n"
                "产出指标\n数量指标\n受益学生人数（人）\n≥4200\n4316\n40\n40\n质量指标\n供餐合格率（%）\n100\n100\n30\n30\n"
                "满意度指标\n服务对象满意度指标\n{first}\n{second}\n≥85\n91.5\n30\n27\n抽查中少数家长反映菜品单一\n"
                "总分\n100\n97\n")


def test_a_name_wrapped_onto_a_level_word_with_its_unit_is_one_name(tmp_path):
    record = text_record(tmp_path, _POINTS_FORM.format(first="学生及监护人", second="满意度（%）"))
    assert Decimal("91.5") in _figures(record, "percent")
    assert Decimal("85") in _figures(record, "percent")
    assert sorted(_figures(record, "score", "得分")) == [Decimal(27), Decimal(30), Decimal(40)]
    assert Decimal("91.5") not in _figures(record, "score")
    assert not error_flags(record)


def test_a_level_word_without_a_unit_still_closes_a_name(tmp_path):
    # 满意度 with no unit after a name is the level the next row stands under, as before
    text = _POINTS_FORM.format(first="学生及监护人满意度（%）", second="满意度").replace(
        "≥85\n91.5\n30\n27", "用餐满意度（%）\n≥85\n91.5\n30\n27")
    record = text_record(tmp_path, text)
    assert Decimal("91.5") in _figures(record, "percent")
    assert Decimal("91.5") not in _figures(record, "score")


_TARGETS_ONLY = ("转移支付区域绩效目标自评表\n（2023年度）\n转移支付名称\n农村饮水安全巩固提升\n"
                 "中央主管部门\n水利部\n地方主管部门\n白河县水利局\n一级\n指标\n二级\n指标\n三级指标\n指标值\n全年实际\n完成值\n"
                 "未完成原因\n产出指标\n数量指标\n新建集中供水\n工程（处）\n≥12\n12\n{first}\n{second}\n{target}\n{actual}\n"
                 "时效指标\n资金拨付\n及时率（%）\n100\n98\n效益指标\n社会效益指标\n受益农村人口（人）\n≥26000\n26870\n")


def test_a_name_wrapped_before_its_unit_in_a_form_without_points(tmp_path):
    record = text_record(tmp_path, _TARGETS_ONLY.format(first="水质检测", second="合格率（%）", target="≥95", actual="96.4"))
    assert Decimal("96.4") in _figures(record, "percent")
    assert Decimal("95") in _figures(record, "percent")
    assert Decimal("98") in _figures(record, "percent")
    assert Decimal("26870") in _figures(record, "headcount")


def test_a_wrapped_name_with_a_third_figure_after_it_is_not_read_as_a_pair(tmp_path):
    # three figures after the unit: not the two of a target and a result, so no name rest
    record = text_record(tmp_path, _TARGETS_ONLY.format(first="水质检测", second="合格率（%）",
                                                        target="≥95", actual="96.4\n3"))
    assert Decimal("3") not in _figures(record, "percent")
    assert not error_flags(record)


_RUN_TOGETHER = ("项目支出绩效自评表（2024年度）项目名称农机购置补贴主管部门石门县农业农村局 绩效指标一级指标二级指标三级指标分值"
                 "年度指标值实际完成值得分偏差原因分析及改进措施产出指标数量指标补贴机具台数10≥900台936台10"
                 "受益农户数10≥780户802户10培训机手人次10≥300人次318人次10质量指标补贴资金兑付准确率{q}时效指标补贴资金兑付及时率{t}"
                 "满意度指标服务对象满意度指标受益农户满意度{s}总分{total}")


def test_a_run_together_form_with_a_few_spaces_left_reads_its_rows(tmp_path):
    text = _RUN_TOGETHER.format(q="10 100% 100% 10", t="10≥95% 97.2% 10", s="10≥90% 93.6% 9", total="100 99")
    record = text_record(tmp_path, text)
    assert sorted(_figures(record, "score", "得分")) == [9, 10, 10, 10, 10, 10]
    assert Decimal("97.2") in _figures(record, "percent")
    assert Decimal("93.6") not in _figures(record, "score")
    assert not error_flags(record)


def test_spaces_between_every_cell_of_a_form_stay(tmp_path):
    from extractor.run_together_spaces import run_together_spaces_out
    spaced = ("绩效指标 一级指标 二级指标 三级指标 分值 年度指标值 实际完成值 得分 产出指标 数量指标 补贴机具台数 10 ≥900台 936台 10 "
              "受益农户数 10 ≥780户 802户 10 满意度指标 受益农户满意度 10 ≥90% 93.6% 9 总分 100 99")
    assert run_together_spaces_out(spaced) == spaced
    # one run together among spaced cells proves nothing
    once = spaced.replace("≥900台 936台", "≥900台936台").replace("≥780户 802户", "≥780户802户")
    assert run_together_spaces_out(once) == once


def test_prose_after_the_total_keeps_its_spaces(tmp_path):
    from extractor.run_together_spaces import run_together_spaces_out
    text = _RUN_TOGETHER.format(q="10 100% 100% 10", t="10≥95% 97.2% 10", s="10≥90% 93.6% 9", total="100 99 填报人 张三")
    assert run_together_spaces_out(text).endswith("总分100 99 填报人 张三")


@pytest.mark.parametrize("header", ["考核内容\n考核指标\n目标值\n完成值\n分值\n自评得分",
                                    "考评内容\n考评指标\n预期目标值\n实际达成值\n权重分值\n得分值",
                                    "评价内容\n具体指标\n计划目标值\n指标完成值\n权重\n自评分值"])
def test_a_form_heading_its_columns_with_assessment_words_reads_its_points(tmp_path, header):
    # 考核内容 | 考核指标 | 目标值 | 完成值 | 分值 | 自评得分, one cell a line, the first column
    # written on every row
    rows = [("产出", "新建村级文化广场", "30个", "30个", "20", "20"),
            ("产出", "广场验收合格率", "100%", "100%", "20", "20"),
            ("效益", "年服务群众人次", "≥12万人次", "12.6万人次", "30", "30"),
            ("满意度", "群众满意度", "≥90%", "88.5%", "30", "27")]
    text = ("专项资金绩效自评表\n（2018年度）\n专项资金名称\n村级文化广场建设\n主管部门\n北溪县文化广电局\n"
            + header + "\n" + "".join("\n".join(r) + "\n" for r in rows)
            + "自评得分\n97\n自评等级\n优\n")
    record = text_record(tmp_path, text)
    assert sorted(_figures(record, "score", "分值")) == [20, 20, 30, 30]
    assert sorted(_figures(record, "score", "得分")) == [20, 20, 27, 30]
    assert Decimal("126000") in _figures(record, "person_times")
    assert not error_flags(record)


_SECTIONS = ("（一）投入情况\n1.人员控制。在职人员控制率96.2%。\n"
             "2.\"三公\"经费控制。全年\"三公\"经费预算52.00万元，实际支出41.60万元。\n"
             "{heading}1.预算执行。全年预算执行率{rate}，年末结转结余{left}万元。\n")


def test_a_rate_takes_no_spending_from_across_a_heading(tmp_path):
    # 41.60 ÷ 52.00 = 80%: the 三公 figures of the section before are no pair of this rate
    record = text_record(tmp_path, _SECTIONS.format(heading="（二）过程情况\n", rate="93.36%", left="454.89"))
    assert not [f for f in record["flags"] if f["rule"] == "ratio.stated"]


def test_a_rate_in_the_same_section_is_still_checked(tmp_path):
    record = text_record(tmp_path, _SECTIONS.format(heading="", rate="93.36%", left="454.89"))
    assert [f["rule"] for f in error_flags(record)] == ["ratio.stated"]


def test_a_grade_band_after_a_scored_section_is_no_score_of_it(tmp_path):
    text = ("项目支出绩效自评报告\n一、项目决策（20分）\n立项依据充分，得分20分。\n二、项目效益（30分）\n"
            "受益群众满意度较高。\n评分说明：自评得分90分以上为优，75-89分为良。\n")
    record = text_record(tmp_path, text)
    assert not [f for f in record["flags"] if f["rule"] == "score.tree" and f["severity"] == "error"]
    scored = {tuple(i["path"]): i["score"] for i in record["indicators"]}
    assert scored.get(("项目效益",)) is None and scored.get(("项目决策",)) == 20


_SEMICOLON_ROWS = ("转移支付资金绩效自评表（2020年度） 转移支付项目名称：农村公路养护补助资金 县级主管部门：南岭县交通运输局 "
                   "资金情况（单位：万元）：资金来源 预算安排数 实际到位数 实际支出数 结余；中央补助资金 640.00 640.00 612.80 27.20；"
                   "县级配套资金 160.00 160.00 150.40 9.60；合计 800.00 800.00 763.20 36.80；资金执行率 95.40%。")


def test_a_form_on_one_line_whose_rows_a_semicolon_parts_reads_every_column(tmp_path):
    record = text_record(tmp_path, _SEMICOLON_ROWS)
    amounts = _figures(record, "amount")
    for balance in ("272000", "96000", "368000"):
        assert Decimal(balance) in amounts
    assert not error_flags(record)


def test_a_semicolon_between_clauses_of_a_sentence_cuts_no_cell():
    from extractor.extract.form_tokens import _cut_at_row_semicolons
    text = "中央资金640万元已拨付，执行率95.75%；县级资金160万元"
    assert _cut_at_row_semicolons(text, 0, len(text)) == [(0, len(text))]
    labelled = "年度资金总额：全年预算数1200.00万元；执行率97.50%；分值：10；得分：9.75"
    assert _cut_at_row_semicolons(labelled, 0, len(labelled)) == [(0, len(labelled))]
    cells = "结余；中央补助资金"
    assert _cut_at_row_semicolons(cells, 0, len(cells)) == [(0, 2), (3, len(cells))]


def test_a_form_titled_as_a_self_evaluation_sheet_is_that_form(tmp_path):
    # 自评价表, the older wording of 自评表
    text = ("临川县教育局2016年度部门整体支出绩效自评价表\n\n填报单位：临川县教育局\n\n"
            "| 一级指标 | 二级指标 | 三级指标 | 指标值 | 实际完成值 | 分值 | 得分 |\n|---|---|---|---|---|---|---|\n"
            "| 产出 | 数量指标 | 校舍维修面积 | 8000平方米 | 8120平方米 | 50 | 50 |\n"
            "| 效益 | 满意度 | 家长满意度 | ≥90% | 92.4% | 50 | 46 |\n\n"
            "| 自评得分 | 96分 | 自评等级 | 优 |\n|---|---|---|---|\n")
    record = text_record(tmp_path, text)
    assert record["metadata"]["report_type"] == "form_department"
    assert Decimal(str(record["metadata"]["score"])) == 96 and record["metadata"]["grade"] == "优"


def test_a_funds_block_in_other_words_reads_its_amounts(tmp_path):
    cells = ["项目支出绩效自评表", "（2018年度）", "项目名称", "乡镇敬老院改造", "主管部门", "东岙县民政局",
             "项目资金", "单位：元", "资金来源", "全年预算安排", "实际到位", "实际支出", "执行率", "分值", "得分",
             "中央专项资金", "600,000.00", "600,000.00", "588,000.00", "98.00%", "—", "—",
             "县级配套资金", "200,000.00", "150,000.00", "138,000.00", "69.00%", "—", "—",
             "合计", "800,000.00", "750,000.00", "726,000.00", "90.75%", "10", "9.08",
             "年度总体目标", "预期目标", "实际完成情况"]
    record = text_record(tmp_path, "\n".join(cells) + "\n")
    amounts = _figures(record, "amount")
    for value in ("600000", "588000", "200000", "150000", "138000", "800000", "750000", "726000"):
        assert Decimal(value) in amounts
    assert not error_flags(record)


def test_funds_written_the_other_way_round_with_points_on_the_rate_row(tmp_path):
    text = ("2023年度项目支出绩效自评表\n项目名称：村卫生室标准化建设\n主管部门：西坪县卫生健康局\n"
            "项目资金                    单位：元\n"
            "项目          省级资金          县级资金          合计          分值   得分\n"
            "批复金额      2,000,000.00      500,000.00        2,500,000.00\n"
            "实际到位      2,000,000.00      500,000.00        2,500,000.00\n"
            "实际支出      1,950,000.00      450,000.00        2,400,000.00\n"
            "执行率        97.50%            90.00%            96.00%        10     9.6\n")
    record = text_record(tmp_path, text)
    amounts = _figures(record, "amount")
    assert amounts.count(Decimal("2500000")) == 2 and Decimal("2400000") in amounts
    assert Decimal("500000") in amounts and Decimal("1950000") in amounts
    assert not error_flags(record)


def test_a_numbered_list_whose_note_says_none_reads_every_row(tmp_path):
    rows = [("1", "集镇污水管网延伸", "310.00", "301.70", "97.32%", "94", "优", ""),
            ("2", "户厕改造", "180.00", "172.80", "96.00%", "92", "优", "无"),
            ("3", "垃圾收运设施配置", "120.00", "108.00", "90.00%", "85", "良", ""),
            ("4", "公厕提升", "96.00", "93.60", "97.50%", "95", "优", "")]
    text = ("附件\n项目自评结果汇总表\n序号\n项目名称\n安排资金（万元）\n已支付资金（万元）\n支付率\n自评得分\n自评等级\n备注\n"
            + "".join("\n".join(r) + "\n" for r in rows))
    record = text_record(tmp_path, text)
    amounts = _figures(record, "amount")
    for value in ("3100000", "1800000", "1200000", "1080000", "960000", "936000"):
        assert Decimal(value) in amounts


@pytest.mark.parametrize("title, header", [
    ("省级财政专项资金使用绩效自评表", "评价内容\n指标内容\n计划值\n实际值\n权重\n自评分"),
    ("财政专项扶贫资金项目绩效自评表", "绩效目标\n绩效指标名称\n年初目标\n实际完成\n满分\n自评分"),
])
def test_older_column_words_read_their_rows(tmp_path, title, header):
    rows = [("产出", "新建村级卫生室", "12个", "12个", "30", "30"),
            ("产出", "设备配置到位率", "100%", "96%", "30", "27"),
            ("满意度", "群众满意度", "≥90%", "93%", "40", "40")]
    text = (f"2016年度{title}\n项目名称\n村级卫生室建设\n主管部门\n南溪县卫生局\n"
            + header + "\n" + "".join("\n".join(r) + "\n" for r in rows) + "自评总分\n97\n")
    record = text_record(tmp_path, text)
    assert record["metadata"]["report_type"] == "form_project"
    assert sorted(_figures(record, "score", "得分")) == [27, 30, 40]
    assert Decimal("96") in _figures(record, "percent")
    assert not error_flags(record)


@pytest.mark.parametrize("sentence, flagged", [
    ("部门核定编制76人，实有在职人员71人，在职人员控制率为95.42%。", True),
    ("部门核定编制76人，实有在职人员71人，在职人员控制率为93.42%。", False),
    ("编制数76人，实有人数71人，其中在职65人，财政供养人员控制率85.53%。", False),
])
def test_a_staffing_rate_is_checked_against_its_staff_and_quota(tmp_path, sentence, flagged):
    record = text_record(tmp_path, "一、部门基本情况\n" + sentence + "\n")
    assert bool([f for f in error_flags(record) if f["rule"] == "ratio.stated"]) is flagged
