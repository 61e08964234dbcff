"""Reports and forms as the thirty-seventh session found them. Every text here is made up for
the tests."""
from decimal import Decimal

import pytest

from conftest import error_flags, text_record


def _figures(record, kind, label=None):
    return [Decimal(f["value"]) for f in record["facts"]
            if f["kind"] == kind and (label is None or f.get("label") == label)]


_OLDER_HEADER_ROWS = [("资金执行", "资金到位率", "100%", "100%", "10", "10"),
                      ("产出目标", "改造危房户数", "420户", "436户", "30", "30"),
                      ("产出目标", "竣工验收合格率", "100%", "98.6%", "20", "19"),
                      ("效益目标", "住房安全保障率", "≥95%", "97.1%", "20", "20"),
                      ("满意度目标", "受助农户满意度", "≥90%", "93.8%", "20", "20")]
_OLDER_HEAD = ("2017年度财政专项资金绩效自评表\n（农村危房改造补助资金）\n专项资金名称\n农村危房改造补助资金\n"
               "主管部门\n柳溪县住房和城乡建设局\n")


@pytest.mark.parametrize("header", [("绩效目标", "绩效指标名称", "目标", "完成情况", "满分", "实得分"),
                                    ("绩效目标", "指标名称", "年度目标", "完成", "分值", "得分")])
def test_an_older_header_naming_its_columns_target_and_done_reads_its_points(tmp_path, header):
    # 目标 | 完成情况 name the target and result columns only after the names' column
    cells = list(header) + [c for row in _OLDER_HEADER_ROWS for c in row] + ["合计", "100", "99"]
    record = text_record(tmp_path, _OLDER_HEAD + "\n".join(cells) + "\n")
    assert sorted(_figures(record, "score", "得分")) == [10, 19, 20, 20, 30]
    assert sorted(_figures(record, "score", "分值")) == [10, 20, 20, 20, 30, 100]
    assert Decimal("97.1") in _figures(record, "percent")
    assert not error_flags(record)


def test_an_older_header_in_pipe_rows_reads_its_points(tmp_path):
    lines = ["| 绩效目标 | 绩效指标名称 | 目标 | 完成情况 | 满分 | 实得分 |", "|---|---|---|---|---|---|"]
    lines += ["| " + " | ".join(row) + " |" for row in _OLDER_HEADER_ROWS] + ["| 合计 | | | | 100 | 99 |"]
    record = text_record(tmp_path, _OLDER_HEAD + "\n".join(lines) + "\n")
    assert sorted(_figures(record, "score", "得分")) == [10, 19, 20, 20, 30]


def test_target_and_done_alone_begin_no_header(tmp_path):
    # the words on their own are a goal's label and a result's, not a header's columns
    text = (_OLDER_HEAD + "年度总体目标\n目标\n完成情况\n完成危房改造420户，验收合格率100%。\n"
            "全年实际改造436户，合格率98.6%，满意度93.8%。\n")
    record = text_record(tmp_path, text)
    assert not _figures(record, "score")
    assert Decimal("436") in _figures(record, "households")


_ONE_LINE_PIPES = ("西岭县2016年度项目支出绩效自评价表 填报单位：西岭县水利局 项目名称：小型水库除险加固 "
                   "年度绩效目标：完成3座小型水库除险加固，保障下游1.2万人安全。 "
                   "{header} || 产出目标 | 除险加固水库 | 3座 | 3座 | 30 | 30 || 产出目标 | 工程验收合格率 | 100% | 100% | 30 | 30 || "
                   "效益目标 | 保护下游人口 | 1.2万人 | 1.2万人 | 20 | 20 || 满意度目标 | 群众满意度 | ≥85% | 88.4% | 20 | 18 || "
                   "自评得分：98 自评等级：优 填表人：李明")


def test_pipe_rows_run_into_one_line_whose_header_opens_with_no_pipe(tmp_path):
    # the header runs on from the goal's sentence; rows meet at a pair of pipes
    text = _ONE_LINE_PIPES.format(header="绩效目标 | 绩效指标 | 指标值 | 实际完成 | 权重/分值 | 自评分")
    record = text_record(tmp_path, text)
    assert sorted(_figures(record, "score", "得分")) == [18, 20, 30, 30]
    assert Decimal("88.4") in _figures(record, "percent")
    assert Decimal(str(record["metadata"]["score"])) == 98
    assert not error_flags(record)


def test_markdown_rows_apart_keeps_the_text_before_an_unopened_header():
    from extractor.ingest.markdown_rows import markdown_rows_apart
    line = _ONE_LINE_PIPES.format(header="绩效目标 | 绩效指标 | 指标值 | 实际完成 | 权重/分值 | 自评分")
    lines = markdown_rows_apart([line])
    assert lines[0].endswith("保障下游1.2万人安全。")
    assert lines[2] == "| 绩效目标 | 绩效指标 | 指标值 | 实际完成 | 权重/分值 | 自评分 |"
    assert lines[3].startswith("| 产出目标 | 除险加固水库 |") and len([x for x in lines if x.startswith("| ")]) == 5
    # a sentence's pipes with no pair among them are left as they are
    prose = "资金使用 | 管理规范 | 台账齐全 | 档案完整，各项资金按规定拨付 | 无挤占挪用 | 无截留"
    assert markdown_rows_apart([prose]) == [prose]


@pytest.mark.parametrize("labels", [("预算安排数", "实际到位数", "实际支出数"), ("批复预算额", "资金到位额", "拨付金额")])
def test_money_cells_labelled_with_stage_words_the_list_lacks(tmp_path, labels):
    budget, arrived, spent = labels
    text = ("平川县2016年度项目支出绩效自评价表\n项目名称：农村饮水安全工程\n项目资金情况（单位：元）\n"
            f"{budget} 2,600,000.00 {arrived} 2,600,000.00 {spent} 2,418,000.00 结余 182,000.00 资金执行率 93.00%\n"
            "其中：中央补助 1,600,000.00 自治区配套 700,000.00 县级配套 300,000.00\n"
            "年度绩效目标：解决8个村饮水安全问题。\n")
    record = text_record(tmp_path, text)
    amounts = _figures(record, "amount")
    assert amounts.count(Decimal("2600000")) == 2
    for value in ("2418000", "182000", "1600000", "700000", "300000"):
        assert Decimal(value) in amounts
    assert not error_flags(record)


def test_a_count_label_before_a_bare_figure_stays_no_money(tmp_path):
    text = ("平川县2016年度项目支出绩效自评价表\n项目名称：农村饮水安全工程\n项目资金情况（单位：元）\n"
            "预算安排数 2,600,000.00 实际支出数 2,418,000.00\n受益户数 1,260 受益人口 4,830\n")
    record = text_record(tmp_path, text)
    assert Decimal("1260") not in _figures(record, "amount")


_REVIEWED_ROWS = [("产出指标", "数量指标", "服务老人人次", "≥12000人次", "30", "12650人次", "30", "12480人次", "30", ""),
                  ("产出指标", "质量指标", "服务合格率", "≥95%", "30", "97%", "30", "94%", "28", "抽查发现记录不全"),
                  ("满意度指标", "服务对象满意度指标", "老人满意度", "≥90%", "40", "93%", "40", "91%", "40", "")]


def test_a_reviewers_results_beside_the_units_own_one_cell_a_line(tmp_path):
    # 自评完成值 | 自评得分 | 复核完成值 | 复核得分: the reviewer's result is a fact of its own
    header = ("一级指标", "二级指标", "三级指标", "指标值", "权重", "自评完成值", "自评得分", "复核完成值", "复核得分", "备注")
    cells = list(header) + [c for row in _REVIEWED_ROWS for c in row if c]
    text = "东川区2024年度项目支出绩效自评表\n项目名称\n社区养老服务补助\n主管部门\n东川区民政局\n" + "\n".join(cells) + "\n"
    record = text_record(tmp_path, text)
    actual = {f["value"]: f.get("label") for f in record["facts"] if f["kind"] in ("percent", "person_times")}
    assert actual[Decimal("97")] == "实际完成值" and actual[Decimal("94")] == "复核完成值"
    assert actual[Decimal("12480")] == "复核完成值"
    assert sorted(_figures(record, "score", "得分")) == [30, 30, 40]
    assert sorted(_figures(record, "score", "复核分")) == [28, 30, 40]
    assert not error_flags(record)


@pytest.mark.parametrize("title,report_type", [("2023年度就业补助资金绩效目标自评表", "form_project"),
                                               ("2023年度转移支付区域（项目）绩效目标自评表", "form_transfer"),
                                               ("2023年度部门整体支出绩效评价自评表", "form_department")])
def test_titles_of_provincial_forms_name_their_template(tmp_path, title, report_type):
    # (a guard: these forms are typed by their header words as well)
    text = (f"{title}\n\n| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |\n|---|---|---|---|---|---|---|\n"
            "| 产出指标 | 数量指标 | 培训人数 | ≥500人 | 526人 | 50 | 50 |\n"
            "| 满意度指标 | 服务对象满意度指标 | 学员满意度 | ≥90% | 92% | 50 | 50 |\n| 总分 | | | | | 100 | 100 |\n")
    record = text_record(tmp_path, text)
    assert record["metadata"]["report_type"] == report_type


def test_common_and_own_indicator_levels_one_cell_a_line(tmp_path):
    # 共性指标 / 个性指标 as the first level, the second level's words under them
    rows = [("共性指标", "时效指标", "资金发放及时率", "100%", "98.2%", "20", "19.6"),
            ("个性指标", "数量指标", "新增就业人数", "≥800人", "846人", "40", "40"),
            ("个性指标", "满意度指标", "服务对象满意度", "≥90%", "94%", "40", "40")]
    cells = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"] + [c for r in rows for c in r]
    text = ("2022年度就业补助资金绩效目标自评表\n项目名称\n就业补助资金\n主管部门\n南屏县人力资源和社会保障局\n"
            + "\n".join(cells) + "\n总分\n100\n99.6\n")
    record = text_record(tmp_path, text)
    assert sorted(_figures(record, "score", "得分")) == [Decimal("19.6"), 40, 40]
    paths = [tuple(i["path"]) for f in record["forms"] for i in f["indicators"]]
    assert ("个性指标", "数量指标", "新增就业人数") in paths
    assert not error_flags(record)


_BANNER_FUNDS = ["2021年度项目支出绩效自评表", "项目名称", "牧区饮水安全巩固", "主管部门", "乌兰旗水利局",
                 "项目资金（万元）", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分",
                 "年度资金总额", "860.00", "860.00", "834.20", "10", "97.00%", "9.7",
                 "其中：自治区财政资金", "500.00", "500.00", "500.00", "—", "100.00%", "—",
                 "盟市财政资金", "200.00", "200.00", "190.20", "—", "95.10%", "—",
                 "旗县配套资金", "{county}", "{county}", "{spent}", "—", "90.00%", "—", "年度总体目标"]


def test_source_rows_named_by_a_level_of_government_the_lists_lack(tmp_path):
    # 自治区 / 盟市 / 旗县 money: the rows are the total's sources, so their sum is checked
    text = "\n".join(_BANNER_FUNDS).format(county="170.00", spent="153.00") + "\n"
    record = text_record(tmp_path, text)
    assert [f["rule"] for f in error_flags(record)] == ["form.funds_total"]
    clean = "\n".join(_BANNER_FUNDS).format(county="160.00", spent="144.00") + "\n"
    assert not error_flags(text_record(tmp_path, clean))


def test_source_row_words_need_a_level_and_money_words():
    from extractor.extract.form_vocab import vocab
    rows = vocab()["fund_row"]
    assert rows.get("盟市财政资金") == "local" and rows.get("旗县配套资金") == "local"
    assert rows.get("中央财政预算资金") == "central"
    for word in ("市场", "县城", "县区", "市", "省内"):
        assert word not in rows


def test_a_numbered_list_one_cell_a_line_with_a_blank_cell_keeps_its_later_rows(tmp_path):
    # row 3 leaves its 资金性质 blank (an empty line) and writes 无 for score and grade
    rows = [["1", "乡村道路养护经费", "交通运输局", "一般公共预算", "2,400,000.00", "2,352,000.00", "98.00%", "94", "优"],
            ["2", "学生营养餐补助", "教育局", "上级转移支付", "3,150,000.00", "3,150,000.00", "100.00%", "96", "优"],
            ["3", "集贸市场改造补助", "商务局", "", "900,000.00", "0.00", "0.00%", "无", "无"],
            ["4", "河道保洁经费", "水利局", "一般公共预算", "560,000.00", "532,000.00", "95.00%", "90", "优"],
            ["5", "社区养老驿站运营补助", "民政局", "一般公共预算", "780,000.00", "741,000.00", "95.00%", "91", "优"]]
    header = ["序号", "项目名称", "预算单位", "资金性质", "预算金额（元）", "执行金额（元）", "执行率", "自评分数", "评价等级"]
    lines = ["平山县2022年度县本级项目支出绩效自评结果汇总表", ""] + header
    for row in rows:
        lines += row  # (the blank cell is an empty line among the cells)
    record = text_record(tmp_path, "\n".join(lines) + "\n")
    amounts = _figures(record, "amount")
    for value in ("900000", "560000", "532000", "780000", "741000"):
        assert Decimal(value) in amounts
    assert sorted(_figures(record, "score")) == [90, 91, 94, 96]


_POOLED_FUNDS = ("| 资金来源 | 全年预算数（A） | 统筹整合资金数（B） | 扣除统筹整合资金后预算金额（C） | 全年到位资金（D） | "
                 "预算到位（D/C×100%） | 全年执行资金（E） | 预算执行（E/C×100%） |\n|---|---|---|---|---|---|---|---|\n"
                 "{numbers}"
                 "| 年度资金总额 | 512.00 | 40.00 | 472.00 | 472.00 | 100% | 458.30 | {rate} |\n"
                 "| 中央补助 | 430.00 | 40.00 | 390.00 | 390.00 | 100% | 378.30 | 97.00% |\n"
                 "| 地方资金 | 82.00 | — | 82.00 | 82.00 | 100% | 80.00 | 97.56% |\n")
_POOLED_HEAD = ("2024年度转移支付区域（项目）绩效目标自评表\n\n转移支付（项目）名称：动物防疫等补助经费\n"
                "地方主管部门：青川县农业农村局\n\n资金情况（万元）\n\n")


@pytest.mark.parametrize("numbers", ["", "| 列次 | 1 | 2 | 3=1-2 | 4 | 5=4/3 | 6 | 7=6/3 |\n"])
def test_a_rate_over_the_budget_net_of_pooled_money_is_checked_on_it(tmp_path, numbers):
    # 458.30 ÷ 472.00 = 97.10% (E/C), not ÷ 512.00 (E/A); a row of column numbers is no fund row
    record = text_record(tmp_path, _POOLED_HEAD + _POOLED_FUNDS.format(numbers=numbers, rate="97.10%"))
    assert not error_flags(record)
    assert Decimal("10000") not in _figures(record, "amount")
    assert Decimal("4720000") in _figures(record, "amount")
    wrong = text_record(tmp_path, _POOLED_HEAD + _POOLED_FUNDS.format(numbers=numbers, rate="99.10%"))
    assert [f["rule"] for f in error_flags(wrong)] == ["form.execution_rate"]


def test_a_column_of_row_numbers_named_lie_ci_is_no_money(tmp_path):
    cells = ["资金来源", "列次", "全年预算数（A）", "全年执行资金（E）", "预算执行（E/C×100%）",
             "年度资金总额", "1", "300.00", "291.00", "97.00%", "中央补助", "2", "240.00", "232.80", "97.00%",
             "地方资金", "3", "60.00", "58.20", "97.00%", "年度总体目标"]
    record = text_record(tmp_path, _POOLED_HEAD + "\n".join(cells) + "\n")
    amounts = _figures(record, "amount")
    assert sorted(amounts) == [Decimal(v) for v in ("582000", "600000", "2328000", "2400000", "2910000", "3000000")]
    assert not error_flags(record)


def test_a_rate_of_spent_over_disbursed_under_local_column_words(tmp_path):
    # 支出实现率 = 年度支出金额 ÷ 年度拨付金额: no pair the templates name gives it, another does
    lines = ["| 资金来源 | 年初部门预算安排金额 | 年中调整金额 | 年度拨付金额 | 年度支出金额 | 支出实现率（%） | 本年度结余金额 |",
             "|---|---|---|---|---|---|---|",
             "| ①中央及省级财政资金 | 300.00 | 60.00 | 360.00 | 351.00 | 97.50 | 9.00 |",
             "| ②县（市、区）财政资金 | 1200.00 | 80.00 | 1280.00 | 1254.40 | 98.00 | 25.60 |",
             "| 历年结余结转 | 40.00 | — | 40.00 | 36.00 | 90.00 | 4.00 |",
             "| 合计 | 1540.00 | 140.00 | 1680.00 | 1641.40 | 97.70 | 38.60 |"]
    text = ("2019年度部门整体支出绩效自评表\n\n部门名称：清流县农业农村局\n\n年度预算资金情况（单位：万元）\n\n"
            + "\n".join(lines) + "\n\n年度总体目标完成情况\n")
    record = text_record(tmp_path, text)
    assert not error_flags(record)


_DEDUCTION_AFTER = ("2022年度项目支出绩效自评表\n\n项目名称：公益性岗位补贴\n\n"
                    "| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 扣减分数 | 数据来源 |\n"
                    "|---|---|---|---|---|---|---|---|---|\n"
                    "| 产出指标 | 数量指标 | 安置人数 | ≥600人 | 624人 | 50 | 50 | — | 台账 |\n"
                    "| 效益指标 | 可持续影响指标 | 管理制度 | 健全 | 基本健全 | 20 | 17 | 3 | 督查通报 |\n"
                    "| 满意度指标 | 服务对象满意度指标 | 上岗人员满意度 | ≥90% | 94% | 30 | 30 | — | 问卷 |\n"
                    "| 总分 | | | | | 100 | {score} | 3 | |\n\n自评等级：优\n")


def test_a_deduction_column_after_the_score_in_the_total_row(tmp_path):
    record = text_record(tmp_path, _DEDUCTION_AFTER.format(score="97"))
    assert not error_flags(record)
    assert Decimal(str(record["metadata"]["score"])) == 97
    wrong = text_record(tmp_path, _DEDUCTION_AFTER.format(score="98"))
    assert [f["rule"] for f in error_flags(wrong)] == ["form.score_total"]


def test_a_level_subtotal_written_above_its_rows_names_the_level(tmp_path):
    rows = ["| 一级指标 | 二级指标 | 分值 | 评分标准 | 得分 | 扣分原因 |", "|---|---|---|---|---|---|",
            "| 项目决策（20分） | 小计 | 20 | | 19 | |", "| | 项目立项 | 10 | 依据充分得满分 | 10 | |",
            "| | 绩效目标 | 10 | 目标明确得满分 | 9 | 个别目标未量化 |",
            "| 项目管理（30分） | 小计 | 30 | | {sub} | |", "| | 资金到位率 | 15 | 到位率100%得满分 | 15 | |",
            "| | 制度执行 | 15 | 执行有效得满分 | 13 | 变更手续不全 |",
            "| 项目效益（50分） | 小计 | 50 | | 46 | |", "| | 社会效益 | 30 | 效果明显得满分 | 28 | |",
            "| | 满意度 | 20 | 满意度×分值 | 18 | 满意度90% |", "| 合计 | | 100 | | 93 | |"]
    text = "2021年度美丽乡村建设项目绩效自评报告\n\n一、评价结论\n\n项目自评得分93分，等级为优。\n\n附表：评分表\n\n" + "\n".join(rows) + "\n"
    assert not error_flags(text_record(tmp_path, text.format(sub="28")))
    wrong = text_record(tmp_path, text.format(sub="29"))
    assert {f["rule"] for f in error_flags(wrong)} == {"score.tree"}
    assert any("项目管理29分" in f["message"] and "28分" in f["message"] for f in error_flags(wrong))


def test_a_score_sheet_whose_second_level_is_headed_by_a_first_levels_word(tmp_path):
    # 一级指标 | 评价内容 | 评价要点 | 标准分 | 评价得分 | 扣分说明, one cell a line: 评价内容 under
    # 一级指标 is the level below it
    rows = [["项目决策（20分）", "项目立项", "立项依据充分", "10", "10", "无"],
            ["目标设定", "目标明确、量化", "10", "8", "部分目标未量化，扣2分"],
            ["项目管理（30分）", "资金使用", "资金使用合规", "15", "15", "无"],
            ["组织实施", "制度健全并有效执行", "15", "14", "档案不全，扣1分"],
            ["项目效益（50分）", "社会效益", "群众受益明显", "30", "28", "个别设施闲置，扣2分"],
            ["满意度", "受益群众满意度", "20", "19", "满意度95%"]]
    cells = ["一级指标", "评价内容", "评价要点", "标准分", "评价得分", "扣分说明"] + [c for r in rows for c in r]
    text = ("淮川县2018年度饮水安全项目绩效自评报告\n一、自评结论\n经自评，项目得分94分，等级为优。\n项目自查表\n"
            + "\n".join(cells) + "\n合计\n—\n—\n100\n94\n—\n")
    record = text_record(tmp_path, text)
    assert sorted(_figures(record, "score", "得分")) == [8, 10, 14, 15, 19, 28, 94]
    assert not error_flags(record)


def test_a_rate_written_0_is_not_reproduced_by_an_empty_stage(tmp_path):
    # 年初预算数 0 over anything is 0%: no reading that makes the written 0 right
    lines = ["| 项目资金（万元） | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |", "|---|---|---|---|---|---|---|",
             "| 年度资金总额 | 50.00 | 51.80 | 51.80 | 10 | 100% | 10 |",
             "| 其中：当年财政拨款 | 50.00 | 50.00 | 50.00 | — | 100% | — |",
             "| 其他资金 | 0 | 1.80 | 1.80 | — | 0 | — |"]
    text = "2021年度项目支出绩效自评表\n\n项目名称：村级文化室建设\n\n" + "\n".join(lines) + "\n\n年度总体目标\n"
    record = text_record(tmp_path, text)
    assert [f["rule"] for f in error_flags(record)] == ["form.execution_rate"]


def test_a_numbered_list_with_a_figure_cell_left_blank(tmp_path):
    rows = [["1", "小额信贷贴息", "乡村振兴局", "320.00", "316.80", "99.00%", "94", "优"],
            ["2", "产业路硬化", "交通运输局", "280.00", "266.00", "95.00%", "91", "优"],
            ["3", "风貌提升工程", "住建局", "450.00", "210.00", "", "—", "未自评"],
            ["4", "防贫保险", "乡村振兴局", "60.00", "60.00", "100.00%", "96", "优"]]
    lines = ["青川县2023年度衔接资金项目绩效自评结果汇总表", "金额单位：万元",
             "序号", "项目名称", "实施单位", "预算数", "执行数", "执行率", "自评得分", "自评等级"]
    for row in rows:
        lines += row
    record = text_record(tmp_path, "\n".join(lines) + "\n")
    assert sorted(_figures(record, "score")) == [91, 94, 96]
    assert Decimal("2100000") in _figures(record, "amount") and Decimal("600000") in _figures(record, "amount")


def test_a_total_row_that_leaves_out_the_last_column_stands_under_its_sums(tmp_path):
    text = ("云溪县卫生健康委员会2024年度项目支出绩效自评情况表\n\n"
            "序号  项目名称  年初预算(元)  调整后预算(元)  实际支出(元)  执行率(%)  得分\n"
            "1  基本公共卫生服务  2900000.00  2900000.00  2871000.00  99.00  95.5\n"
            "2  基本药物制度补助  480000.00  492000.00  492000.00  100.00  97.0\n"
            "3  家庭奖励扶助  360000.00  372000.00  370140.00  99.50  94.0\n"
            "4  乡村医生补助  250000.00  250000.00  250000.00  100.00  98.5\n"
            "合计  3990000.00  4014000.00  3983140.00  99.23\n")
    record = text_record(tmp_path, text)
    assert not error_flags(record)
    assert not [f for f in record["flags"] if f["rule"] in ("sum.table", "score.tree")]


def test_a_sentence_restating_a_table_rows_rate_takes_no_figures_of_another_item(tmp_path):
    text = ("| 序号 | 项目名称 | 调整后预算（万元） | 实际支出（万元） | 执行率 |\n|---|---|---|---|---|\n"
            "| 1 | 渔业发展补助 | 180.00 | 147.49 | 81.94% |\n| 2 | 农机购置补贴 | 620.00 | 612.40 | 98.77% |\n"
            "| 3 | 耕地保护补贴 | 1,450.00 | 1,450.00 | 100.00% |\n\n"
            "全部项目调整后预算2,250.00万元，实际支出2,209.89万元，总体执行率98.22%。\n\n"
            "渔业发展补助执行率为81.94%，主要原因是增殖放流资金年底下达。\n")
    record = text_record(tmp_path, text)
    assert not [f for f in error_flags(record) if f["rule"] == "ratio.stated"]


def test_a_rate_of_100_where_the_budgets_agree_and_less_was_spent_is_still_flagged(tmp_path):
    # 年初预算数 = 全年预算数 makes 100% of each other: no reading of the rate, whose row spent less
    lines = ["| 项目资金（万元） | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |", "|---|---|---|---|---|---|---|",
             "| 年度资金总额 | 120.00 | 120.00 | 96.00 | 10 | 100% | 10 |",
             "| 其中：当年财政拨款 | 120.00 | 120.00 | 96.00 | — | 100% | — |"]
    text = "2022年度项目支出绩效自评表\n\n项目名称：农村公路养护\n\n" + "\n".join(lines) + "\n\n年度总体目标\n"
    record = text_record(tmp_path, text)
    assert "form.execution_rate" in [f["rule"] for f in error_flags(record)]
