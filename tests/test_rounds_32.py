"""Reports and forms as the thirty-second session found them: grade bands written as a
comparison with the score itself, their bounds bare; a flattened form's part row whose dash
stands among its figures. Every text here is made up for the tests."""
import pytest
from conftest import error_flags, text_record


def _scores(record) -> list:
    return sorted(f["text"] for f in record["facts"] if f["kind"] == "score")


@pytest.mark.parametrize("sentence, scores", [
    ("经复核，该项目得分86.5分，等级为良（80≤得分＜90）。", ["80", "86.5分", "90"]),
    ("评价结果分为四档：总分≥90为优，75≤总分<90为良，60≤总分<75为中，总分<60为差。",
     ["60", "60", "75", "75", "90", "90"]),
    ("等级标准：90≦综合得分≦100为优秀。", ["100", "90"]),
])
def test_a_grade_band_compared_with_the_score_gives_its_bounds_as_points(tmp_path, sentence, scores):
    assert _scores(text_record(tmp_path, "某县水利项目绩效评价报告\n" + sentence + "\n")) == scores


@pytest.mark.parametrize("sentence", ["得分率≥85%，较上年提高。", "目标为得分≥90%的学校达标。", "要求90≤得分率。"])
def test_a_rate_of_the_score_is_no_band(tmp_path, sentence):
    assert _scores(text_record(tmp_path, "某县水利项目绩效评价报告\n" + sentence + "\n")) == []


_FLAT_FORM = ("南坪县市场监督管理局 食品抽检经费项目支出绩效自评表 （2022年度） 项目名称 食品抽检经费 主管部门 南坪县市场监督管理局 "
              "实施单位 南坪县市场监督管理局 项目资金 （万元） 年初预算数 全年预算数 全年执行数 分值 执行率 得分 "
              "年度资金总额 {total} 其中：当年财政拨款 {part} 上年结转资金 - - 其他资金 - - 年度总体目标 预期目标 实际完成情况\n")


@pytest.mark.parametrize("total, part, amounts", [
    # the part row's spending cell is a dash and its rate follows: 88 is no spending
    ("96 96 96 10 100 10", "96 96 - 100 -", ["96", "96", "96"]),
    ("75.5 75.5 70 10 92.72 9.27", "75.5 75.5 - 92.72 -", ["70", "75.5", "75.5"]),
    # dashes only after the figures: a row of amounts, read in order
    ("96 96 88 10 91.67 9.17", "96 96 88 - -", ["88", "88", "96", "96", "96", "96"]),
])
def test_a_part_row_with_a_dash_among_its_figures_is_not_read_as_amounts_in_order(tmp_path, total, part, amounts):
    record = text_record(tmp_path, _FLAT_FORM.format(total=total, part=part))
    assert sorted(f["text"] for f in record["facts"] if f["kind"] == "amount") == amounts
    assert not error_flags(record)


_CELLS_FORM = ["项目支出绩效自评表", "（2021年度）", "项目名称", "乡村文化活动经费", "主管部门", "东坪县文化和旅游局", "实施单位",
               "东坪县文化馆", "项目资金", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分", "（万元）",
               "年度资金总额", "150", "150", "131.5", "10", "87.7%", "9", "其中：当年财政拨款", "{part}", "上年结转资金", "其他资金",
               "年度总体目标", "预期目标", "实际完成情况", "完成活动。", "已完成。"]


@pytest.mark.parametrize("part, amounts, scores", [
    ("150 150 131.5 10 87.7% 8", ["131.5", "131.5", "150", "150", "150", "150"], ["10", "10", "8", "9"]),
    ("150 150 131.5 — 87.7% —", ["131.5", "131.5", "150", "150", "150", "150"], ["10", "9"]),
])
def test_a_part_row_that_fills_every_column_is_read_points_and_all(tmp_path, part, amounts, scores):
    text = "\n\n".join(_CELLS_FORM).replace("{part}", "\n\n".join(part.split())) + "\n"
    record = text_record(tmp_path, text)
    assert sorted(f["text"] for f in record["facts"] if f["kind"] == "amount") == amounts
    assert _scores(record) == scores
    assert not error_flags(record)


@pytest.mark.parametrize("head, title", [
    ("东坪县2022年度项目绩效自评报告表_第1页\n东坪县2022年度项目绩效自评报告表_第2页\n已阅读2页，还剩1页未读\n",
     "东坪县2022年度项目绩效自评报告表"),
    ("《东坪县水务局2022年度部门整体绩效自评表.docx》由会员分享，可在线阅读，更多相关请在某文库上搜索。\n",
     "东坪县水务局2022年度部门整体绩效自评表"),
    ("东坪县2021年乡村文化活动专项资金决算情况\n\n来源：县文旅局  发布时间：2022-09-30\n\n",
     "东坪县2021年乡村文化活动专项资金决算情况"),
])
def test_a_pages_captions_and_publication_lines_are_no_part_of_the_title(tmp_path, head, title):
    record = text_record(tmp_path, head + "本项目年初预算150万元，自评得分为95分。\n")
    assert record["metadata"]["title"] == title


def _task_form(row_money: str, sep: str = " | ") -> str:
    rows = [["部门整体支出绩效自评表"], ["部门（单位）名称", "西河县人力资源和社会保障局"],
            ["年度预算申请", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
            ["年度资金总额", "2,300.00", "2,420.00", "2,360.00", "10", "97.52%", "9.75"],
            ["年度主要任务", "任务名称", "主要内容", "预算金额（万元）", "", ""],
            ["", "", "", "总额", "财政拨款", "其他资金"],
            ["", "就业扶持", "落实岗位补贴和创业贷款贴息。", "640.00", "640.00", "0.00"],
            ["", "技能培训", "开展补贴性职业技能培训。", *row_money.split()],
            ["", "劳动监察", "开展根治欠薪专项行动。", "85.50", "80.00", "5.50"],
            ["年度总体目标", "预期目标", "实际完成情况"], ["", "稳定就业。", "已完成。"]]
    return "\n".join(sep.join(r) for r in rows) + "\n"


@pytest.mark.parametrize("sep", [" | ", "\t"])
@pytest.mark.parametrize("row_money, flagged", [("310.00 290.00 20.00", False), ("310.00 290.00 12.00", True),
                                                ("310.00 290.00 30.00", True)])
def test_a_task_rows_total_is_held_to_its_sources(tmp_path, sep, row_money, flagged):
    record = text_record(tmp_path, _task_form(row_money, sep))
    flags = [f for f in error_flags(record, "form.funds_total") if "年度主要任务" in f["message"]]
    assert bool(flags) == flagged
    assert len(error_flags(record)) == len(flags)


def _previewed_form(part_row: str) -> str:
    name = "2023年度西岭县乡村道路养护项目支出绩效自评表"
    return "\n".join([
        f"{name}.docx", "某某文库", "上传人：道路小助手    文档编号：81050311    页数：2", f"{name}_第1页",
        "1、项目支出绩效自评表 （2023年度） 项目名称 西岭县乡村道路养护项目 主管部门 西岭县交通运输局 实施单位 西岭县公路养护站 "
        "项目资金 （万元） 年初预算数 全年预算数 全年执行数 分值 执行率 得分 年度资金总额 200 220 212.5 10 96.59% 9.66 "
        f"其中：当年财政拨款 {part_row} 上年结转资金 — 20 18.3 — 91.5% — 其他资金 — — — — — — 年度总体目标 预期目标 实际完成情况 "
        "养护乡村道路120公里。 完成养护126公里。", "已阅读1页，还剩1页未读", f"{name}_第2页",
        "2、绩效指标 一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 偏差原因分析及改进措施 产出指标 数量指标 "
        "养护里程 ≥120公里 126公里 40 40 质量指标 路面完好率 ≥90% 93.5% 30 30 满意度指标 服务对象满意度指标 群众满意度 ≥90% 92% 20 20 "
        "总分 100 99.66 自评等级 优",
        f"《{name}.docx》由会员分享，可在线阅读，更多相关请在某某文库上搜索。"]) + "\n"


@pytest.mark.parametrize("part_row", ["200 200 — — 97.1% —", "200 200 194.2 — 97.1% —"])
def test_a_previewed_forms_pages_are_one_form_and_a_dash_of_money_spent_is_no_zero(tmp_path, part_row):
    record = text_record(tmp_path, _previewed_form(part_row))
    assert record["metadata"]["title"] == "2023年度西岭县乡村道路养护项目支出绩效自评表"
    assert record["metadata"]["report_type"] == "form_project"
    assert str(record["metadata"]["score"]) == "99.66"
    assert len(record["forms"]) == 1
    assert not error_flags(record)


def _department_breakdowns(basic: str) -> str:
    rows = [["部门整体支出绩效自评表"], ["部门（单位）名称", "东林县民政局"],
            ["年度预算申请（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
            ["", "年度资金总额", "4200", "4450.5", "4390.5", "10", "98.65%", "9.87"],
            ["", "按收入性质分（全年执行数）", "", "按支出性质分（全年执行数）", ""],
            ["", "其中：一般公共预算", "4120.5", "其中：基本支出", basic],
            ["", "政府性基金", "270", "项目支出", "3350.3"],
            ["", "国有资本经营预算", "0", "", ""], ["", "单位资金", "0", "", ""],
            ["年度总体目标", "预期目标", "实际完成情况"], ["", "兜牢民生底线。", "已完成。"]]
    return "\n".join("| " + " | ".join(r) + " |" for r in rows) + "\n"


@pytest.mark.parametrize("basic, flagged", [("1040.2", False), ("1004.2", True)])
def test_breakdowns_side_by_side_in_the_column_their_label_names_are_held_to_the_total(tmp_path, basic, flagged):
    record = text_record(tmp_path, _department_breakdowns(basic))
    rows = {r["label"]: r for r in record["forms"][0]["funds"]}
    assert set(rows["基本支出"]["cells"]) == set(rows["国有资本经营预算"]["cells"]) == {"全年执行数"}
    assert bool(error_flags(record, "form.funds_total")) == flagged
    assert len(error_flags(record)) == flagged


@pytest.mark.parametrize("sentence, flagged", [
    # a clause after the parts that opens with 已 states what was done, no further part
    ("全县共实施项目326个，其中产业项目210个，基础设施项目116个，已完工验收301个。", False),
    ("全县共实施项目326个，其中产业项目210个，基础设施项目126个。", True),
])
def test_a_clause_opening_with_yi_ends_a_breakdown(tmp_path, sentence, flagged):
    record = text_record(tmp_path, "某县衔接资金项目绩效评价报告\n" + sentence + "\n")
    assert bool(error_flags(record, "sum.breakdown")) == flagged


def _transfer_form(actual: str, summary: str) -> str:
    cells = ["转移支付（区域）绩效目标自评表", "（2023年度）", "转移支付名称", "动物防疫等补助经费", "中央主管部门", "农业农村部",
             "地方主管部门", "南溪县农业农村局", "资金使用单位", "南溪县畜牧兽医中心", "资金情况（万元）", "全年预算数（A）",
             "全年执行数（B）", "预算执行率（B/A×100%）", "年度资金总额：", "320", "310.4", "97%", "其中：中央财政资金", "320",
             "310.4", "97%", "地方资金", "—", "—", "—", "年度总体目标", "预期目标", "实际完成情况", "做好强制免疫。", summary,
             "绩效指标", "一级指标", "二级指标", "三级指标", "指标值", "全年实际完成值", "未完成原因和改进措施",
             "产出指标", "数量指标", "强制免疫密度", "≥90%", "93.5%", "", "质量指标", "免疫抗体合格率", "≥70%", actual, "",
             "满意度指标", "服务对象满意度指标", "养殖户满意度", "≥85%", "91%", ""]
    return "\n".join(cells) + "\n"


@pytest.mark.parametrize("actual, summary, flagged", [
    ("66.5%", "全年强制免疫密度93.5%，各项绩效指标均已完成。", True),
    ("66.5%", "全年强制免疫密度93.5%，抗体合格率未达目标。", False),
    ("76.5%", "全年强制免疫密度93.5%，各项绩效指标均已完成。", False),
])
def test_a_form_without_points_is_held_to_the_reports_word_that_every_target_was_met(tmp_path, actual, summary, flagged):
    record = text_record(tmp_path, _transfer_form(actual, summary))
    flags = [f for f in record["flags"] if f["rule"] == "form.target_missed"]
    assert len(flags) == flagged
    assert not error_flags(record)


def test_an_empty_income_row_between_group_labels_written_on_every_row_ends_nothing(tmp_path):
    cells = ["部门整体支出绩效自评表", "部门名称", "北岸县林业局", "年度预算申请", "年初预算数（万元）", "全年预算数（万元）",
             "全年执行数（万元）", "分值", "执行率", "得分", "年度资金总额", "900.00", "960.00", "940.00", "10", "97.92%", "9.79",
             "按收入性质分", "一般公共预算", "780.00", "820.00", "805.00", "按收入性质分", "国有资本经营预算",
             "按收入性质分", "财政专户管理资金", "120.00", "140.00", "135.00", "年度总体目标", "预期目标", "实际完成情况",
             "保护森林资源。", "已完成。"]
    record = text_record(tmp_path, "\n".join(cells) + "\n")
    assert sorted(f["text"] for f in record["facts"] if f["kind"] == "amount") == sorted(
        ["900.00", "960.00", "940.00", "780.00", "820.00", "805.00", "120.00", "140.00", "135.00"])
    assert not error_flags(record)


def test_a_tab_separated_rows_unit_cell_stays_a_cell_of_its_own(tmp_path):
    rows = [["项目支出绩效自评表"], ["项目名称", "乡村保洁项目"], ["项目资金（万元）", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
            ["年度资金总额", "300.00", "300.00", "291.00", "10", "97%", "9.7"],
            ["绩效指标", "一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "完成值", "权重", "得分"],
            ["", "产出指标", "数量指标", "配置收集桶", "≥", "1500", "个", "1620", "20", "20"],
            ["", "", "", "聘用保洁员", "≥", "180", "人", "186", "20", "20"],
            ["", "", "质量指标", "垃圾日产日清率", "≥", "98", "%", "95.5", "30", "30"],
            ["", "满意度指标", "服务对象满意度指标", "群众满意度", "≥", "90", "%", "93.1", "20", "20"],
            ["总分", "", "", "", "", "", "", "", "100", "99.7"]]
    record = text_record(tmp_path, "\n".join("\t".join(r) for r in rows) + "\n")
    targets = {"›".join(i["path"][-1:]): (i["target"]["text"], i["actual"]["text"]) for i in record["forms"][0]["indicators"]}
    assert targets["聘用保洁员"] == ("≥180人", "186人")
    assert targets["垃圾日产日清率"] == ("≥98%", "95.5%")
    assert [f["rule"] for f in record["flags"] if f["rule"] == "form.target_missed"] == ["form.target_missed"]


def test_a_narrative_reports_budget_and_indicator_tables_make_no_form(tmp_path):
    text = ("西山县农业农村局2023年度部门整体支出绩效自评报告\n二、部门预算收支情况\n"
            "2023年部门预算资金3,260.50万元，全年实际支出3,188.20万元，预算执行率97.78%。\n\n"
            "项目 | 预算数 | 实际支出 | 执行率\n基本支出 | 860.50 | 858.10 | 99.72%\n项目支出 | 2,400.00 | 2,330.10 | 97.09%\n"
            "合计 | 3,260.50 | 3,188.20 | 97.78%\n\n三、绩效目标完成情况\n"
            "指标 | 分值 | 年度目标 | 完成情况 | 得分\n高标准农田建设面积 | 10 | ≥2万亩 | 2.1万亩 | 10\n"
            "农作物病虫害统防统治覆盖率 | 10 | ≥40% | 43.5% | 10\n\n四、自评结论\n一级指标 | 分值 | 得分\n"
            "决策 | 20 | 18.5\n过程 | 20 | 19\n产出 | 40 | 37.5\n效益 | 20 | 18\n总分 | 100 | 94.5\n")
    record = text_record(tmp_path, text)
    assert not record["forms"]
    assert [f["rule"] for f in error_flags(record)] == ["score.tree"]


@pytest.mark.parametrize("total, flagged", [("92", False), ("93", True)])
def test_a_markdown_table_goes_on_past_a_page_break_under_its_header_and_rule_again(tmp_path, total, flagged):
    head = "| 一级指标 | 三级指标（分值） | 得分 |\n| --- | --- | --- |\n"
    text = ("某县基本公共卫生服务项目绩效评价报告\n附件：评分表\n\n" + head +
            "| 决策（20分） | 立项依据充分性（10分） | 10 |\n| | 绩效目标合理性（10分） | 8 |\n"
            "| 过程（30分） | 资金到位率（15分） | 15 |\n\n— 7 —\n\n" + head +
            "| | 预算执行率（15分） | 13 |\n| 产出（50分） | 建档率（25分） | 24 |\n| | 管理率（25分） | 22 |\n"
            f"| 合计 | 100分 | {total} |\n")
    record = text_record(tmp_path, text)
    assert bool(error_flags(record)) == flagged


def test_a_task_rows_number_under_a_money_header_is_no_amount(tmp_path):
    rows = [["部门整体支出绩效自评表"], ["部门（单位）名称", "西河县退役军人事务局"],
            ["年度预算申请（万元）", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
            ["年度资金总额", "1,800.00", "1,900.00", "1,862.00", "10", "98.00%", "9.8"],
            ["按收入性质分（全年执行数）", "金额", "按支出性质分（全年执行数）", "金额"],
            ["其中：一般公共预算", "1,820.00", "其中：基本支出", "312.00"], ["单位资金", "42.00", "项目支出", "1,550.00"],
            ["年度主要任务", "任务名称", "主要内容", "预算金额（万元）：总额", "财政拨款", "其他资金"],
            ["1", "优抚补助", "按月发放抚恤补助。", "960.00", "960.00", "0.00"],
            ["2", "安置补助", "发放一次性经济补助。", "420.00", "320.00", "100.00"],
            ["3", "服务站运行", "保障三级服务站运行。", "150.00", "150.00", "0.00"],
            ["4", "双拥工作", "走访慰问。", "40.00", "40.00", "0.00"],
            ["年度总体目标", "预期目标", "实际完成情况"], ["", "保障对象权益。", "已完成。"]]
    record = text_record(tmp_path, "\n".join(" | ".join(r) for r in rows) + "\n")
    assert not [f for f in record["facts"] if f["kind"] == "amount" and f["text"] in ("1", "2", "3", "4")]
    assert not error_flags(record)
