"""Reports and forms as the thirty-fifth session found them: forms a document-sharing site
ran together with no cell breaks, whose rows' targets and results differ. Every text here is
made up for the tests."""
from decimal import Decimal

import pytest
from conftest import error_flags, text_record

_GLUED_HEAD = ("{county}城乡供水保障项目绩效目标自评表(2023年度)项目名称城乡供水保障实施单位{county}水利局"
               "资金情况(万元)年度资金总额全年预算数(A)120全年执行数(B)120执行率100%"
               "绩效指标一级指标二级指标三级指标分值年度指标值全年实际值得分未完成原因及改进措施产出指标(50分)")


def _figures(record, kind, label):
    return [f["value"] for f in record["facts"] if f["kind"] == kind and f.get("label") == label]


@pytest.mark.parametrize("row, weight, target, actual", [
    ("指标1水质达标率1095%96%10", "10", "95", "96"),
    ("指标1群众满意度1590%93.5%15", "15", "90", "93.5"),
    ("指标1覆盖率8.580%79%8", "8.5", "80", "79"),
])
def test_a_glued_row_whose_result_differs_from_its_target_is_cut_after_its_name(tmp_path, row, weight, target, actual):
    text = _GLUED_HEAD.format(county="东坪县") + "数量指标指标1受益群众1012000人12000人10" + row + "总分100"
    record = text_record(tmp_path, text)
    assert Decimal(target) in [Decimal(v) for v in _figures(record, "percent", "年度指标值")]
    assert Decimal(actual) in [Decimal(v) for v in _figures(record, "percent", "实际完成值")]
    assert Decimal(weight) in [Decimal(v) for v in _figures(record, "score", "分值")]
    assert not [f for f in record["facts"] if f["kind"] == "percent" and Decimal(f["value"]) > 200]


def test_a_glued_amount_row_is_cut_where_only_one_weight_fits(tmp_path):
    text = _GLUED_HEAD.format(county="西岭县") + "成本指标指标1项目总成本12120万元118万元12总分100"
    record = text_record(tmp_path, text)
    assert Decimal("1200000") in [Decimal(v) for v in _figures(record, "amount", "年度指标值")]
    assert Decimal("1180000") in [Decimal(v) for v in _figures(record, "amount", "实际完成值")]


def test_a_glued_row_cut_after_its_name_can_show_a_missed_target(tmp_path):
    text = _GLUED_HEAD.format(county="北山县") + "数量指标指标1资金支付10100%50%10总分100"
    record = text_record(tmp_path, text)
    assert [f["rule"] for f in record["flags"]] == ["form.target_missed"]


@pytest.mark.parametrize("row", [
    "指标1资金支付1090%30%4",   # a result under half its target: the closeness proves nothing
    "指标1完成率100%96%10",     # no 分值 before the target: the run starts with it
])
def test_a_glued_row_far_from_its_target_is_not_cut_by_closeness(tmp_path, row):
    text = _GLUED_HEAD.format(county="南川县") + "数量指标" + row + "总分100"
    record = text_record(tmp_path, text)
    assert _figures(record, "score", "得分") == []
    assert not error_flags(record)


_CELLS_HEAD = ("项目支出绩效自评表\n（2023年度）\n项目名称\n{project}\n绩效指标\n一级\n指标\n二级\n指标\n三级指标\n"
               "指标值\n实际\n完成值\n分值\n得分\n偏差原因分析\n及改进措施\n产出指标\n数量指标\n")


@pytest.mark.parametrize("name, unit, kind", [
    ("适龄儿童疫苗\n接种率（%）", "%", "percent"),
    ("农村低收入人口\n参保率(%)", "%", "percent"),
    ("家庭医生签约服务\n重点人群签约人数（人）", "人", "headcount"),
    ("困难群众医疗救助\n户数（户）", "户", "households"),
])
def test_a_name_wrapped_with_its_unit_on_the_next_line_gives_the_row_its_unit(tmp_path, name, unit, kind):
    rows = f"{name}\n≥85\n88.5\n10\n10\n健康教育讲座场次（次）\n≥12\n14\n10\n10\n总分\n100\n98\n"
    record = text_record(tmp_path, _CELLS_HEAD.format(project="基层卫生服务能力提升") + rows)
    values = [(f["kind"], Decimal(f["value"]), f.get("label")) for f in record["facts"]]
    assert (kind, Decimal("85"), "年度指标值") in values and (kind, Decimal("88.5"), "实际完成值") in values
    assert [Decimal(v) for v in _figures(record, "score", "分值")][:2] == [Decimal(10), Decimal(10)]
    assert not error_flags(record)


def test_words_before_bare_figures_stay_a_worded_target(tmp_path):
    # (a longer line of words right after a name, before bare figures, is the row's target in
    # words, not the rest of its name: only a marked target proves the name went on)
    rows = "项目验收\n按期通过验收\n已通过\n10\n10\n健康教育讲座场次（次）\n≥12\n14\n10\n10\n总分\n100\n98\n"
    record = text_record(tmp_path, _CELLS_HEAD.format(project="基层卫生服务能力提升") + rows)
    form = record["forms"][0]
    paths = [row["path"][-1] for row in form["indicators"]]
    assert "项目验收" in paths and not any("按期通过验收" in p for p in paths)


_DEPT_FUNDS = ("部门（单位）整体支出绩效自评表\n（2023年度）\n部门（单位）名称\n某县农业农村局\n年度预算执行情况\n（万元）\n"
               "年初预算数\n全年预算数\n全年执行数\n分值\n执行率\n得分\n"
               "年度资金总额\n1,500.00\n1,860.40\n1,800.20\n10\n96.76%\n9.68\n"
               "其中：当年财政拨款\n1,500.00\n1,620.40\n1,580.10\n97.51%\n"
               "上年结转资金\n210.00\n{spent}\n{rate}\n其他资金\n30.00\n28.10\n93.67%\n")


def test_part_rows_leaving_their_opening_budget_out_are_the_year_s_budget_and_spending(tmp_path):
    record = text_record(tmp_path, _DEPT_FUNDS.format(spent="192.00", rate="91.43%"))
    assert not error_flags(record)
    carried = next(r for r in record["forms"][0]["funds"] if r["label"] == "上年结转资金")
    assert set(carried["cells"]) == {"全年预算数", "全年执行数", "执行率"}


def test_a_part_row_s_wrong_rate_is_checked_where_its_first_cell_was_left_out(tmp_path):
    record = text_record(tmp_path, _DEPT_FUNDS.format(spent="192.00", rate="94.13%"))
    assert [f["rule"] for f in error_flags(record)] == ["form.execution_rate"]


# a sharing site's preview: the form run together, some labels misread by one letter
_OCR_FORM = ("《{county}2023年度学生资助项目支出绩效自评表.docx》由会员分享，可在线阅读。"
             "1、项目支出绩效自评表(2023年度)顶目名称学生资助主管部门{county}教育局实旅单位{county}教育局"
             "项目资金(万元)年初预算数全年预箅数全年执行数分值执行率得分"
             "年度资金总额300.00320.00316.801099.00%9.90"
             "绩效指标一级指标二级指标三级指栎分值年度指标值实际完成值得分偏差原因分析及改进措施"
             "产出指标数量指标资助学生人数20≥1500人1526人20质量指标资助对象精准率20100%100%20"
             "效益指标社会效益指标因贫失学人数200人0人20满意度指标服务对象满意度指标学生满意度30≥90%96%30"
             "总分10099.90自评等级：优")


def test_labels_a_text_recognition_misread_by_one_letter_are_read_as_the_form_s_labels(tmp_path):
    record = text_record(tmp_path, _OCR_FORM.format(county="东川县"))
    values = {(f["kind"], Decimal(f["value"]), f.get("label")) for f in record["facts"]}
    assert ("amount", Decimal("3200000"), "全年预算数") in values
    assert ("amount", Decimal("3168000"), "全年执行数") in values
    assert ("headcount", Decimal("1500"), "年度指标值") in values
    assert ("score", Decimal("30"), "分值") in values
    assert record["metadata"]["report_type"] == "form_project"
    assert not error_flags(record)
    # (the quotes stay what the file says)
    quotes = {f["source"]["quote"] for f in record["facts"]}
    assert "1526人" in quotes or "1526" in quotes


@pytest.mark.parametrize("text", [
    # words one letter off a label that are words of their own, or a label's start run on
    "项目名称：学生资助。主管部门：某县教育局。实施单位：某县教育局。预期指标均已完成，资助情况良好，实际完成情况见下表。",
    "一级指标 二级指标 三级指标 分值 全年实际完成值 得分 年度指标值",
])
def test_words_one_letter_off_a_label_are_left_as_they_are(text):
    from extractor.extract.ocr_labels import label_repairs
    assert label_repairs(text) == {}


def test_a_misread_label_is_repaired_only_among_the_form_s_labels():
    from extractor.extract.ocr_labels import label_repairs, repaired
    text = "项目名称学生资助主管部门某县教育局实施单位某县教育局年初预算数全年预箅数全年执行数"
    repairs = label_repairs(text)
    assert repairs == {"全年预箅数": "全年预算数"}
    assert len(repaired(text, repairs)) == len(text)
    # (without the form's other labels exactly written, nothing is taken for one)
    assert label_repairs("全年预箅数为300万元") == {}


_PIPE_SCORES = ("某县教育局2023年度部门整体支出绩效自评报告\n一、评价结论\n自评得分{total}分。\n表1 自评得分表\n"
                "一级指标 | 二级指标 | 分值 | 自评得分\n部门管理 | 预算执行 | 10 | 9.3\n部门管理 | 财务管理 | 6 | 5.5\n"
                "{row}\n部门效益 | 经济效益 | 8 | 7.5\n部门效益 | 满意度 | 8 | 7\n合计 | | {weights} | {total}\n")


def test_a_pipe_table_s_row_that_lost_its_pipes_is_a_row(tmp_path):
    text = _PIPE_SCORES.format(row="部门产出 职责履行 20 18.5", weights="52", total="47.8")
    record = text_record(tmp_path, text)
    assert {Decimal("20"), Decimal("18.5"), Decimal("5.5")} <= {Decimal(f["value"]) for f in record["facts"]}
    assert not error_flags(record)


def test_words_after_a_pipe_row_of_words_stay_its_cell_s_rest(tmp_path):
    from extractor.ingest import load_document
    path = tmp_path / "report.txt"
    path.write_text("表2 存在问题\n序号 | 问题 | 整改措施\n1 | 资金拨付进度偏慢 | 加快拨付\n2 | 绩效目标不够细化 | 细化量化\n"
                    "指标 并加强 审核\n3 | 资产登记不及时 | 定期清查\n", encoding="utf-8")
    table = next(b.table for b in load_document(path).blocks if b.table is not None)
    texts = [[c.text for c in row] for row in table.rows]
    assert len(texts) == 4 and texts[2][2].startswith("细化量化") and "审核" in texts[2][2]


@pytest.mark.parametrize("first_row", [True, False])
def test_a_unit_in_brackets_on_a_line_of_its_own_is_the_row_name_s(tmp_path, first_row):
    other = "学生资助政策知晓率\n（%）\n≥90\n92.4\n10\n10\n"
    row = "受助学生因贫辍学人数\n（人）\n0\n0\n10\n10\n"
    rows = "效益指标\n社会效益指标\n" + (row + other if first_row else other + row) + "总分\n20\n20\n"
    record = text_record(tmp_path, _CELLS_HEAD.format(project="家庭经济困难学生资助").replace("产出指标\n数量指标\n", "") + rows)
    values = [(f["kind"], Decimal(f["value"]), f.get("label")) for f in record["facts"]]
    assert ("headcount", Decimal(0), "年度指标值") in values and ("headcount", Decimal(0), "实际完成值") in values
    assert ("percent", Decimal(90), "年度指标值") in values
    assert not [v for v in values if v[0] == "score" and v[1] == 0]
    assert [row["path"][-1] for row in record["forms"][0]["indicators"]] != ["社会效益指标"]


_NAMED_FUNDS = ("项目支出绩效自评表\n（2023年度）\n项目名称：乡村道路养护\n主管部门：某县交通运输局\n项目资金（万元）\n"
                "年度资金总额：年初预算数180，全年预算数{total}，全年执行数188.1，分值10，执行率99%，得分9.9\n"
                "其中：当年财政拨款：年初预算数180，全年预算数170，全年执行数168.3\n"
                "上年结转资金：年初预算数—，全年预算数20，全年执行数19.8\n其他资金：—\n")


def test_a_fund_row_written_as_its_named_cells_is_read_into_those_columns(tmp_path):
    record = text_record(tmp_path, _NAMED_FUNDS.format(total="190"))
    funds = {r["label"]: r for r in record["forms"][0]["funds"]}
    assert set(funds["年度资金总额"]["cells"]) == {"年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"}
    assert funds["上年结转资金"]["na"] == ["年初预算数"]
    values = {(f["label"], Decimal(f["value"])) for f in record["facts"] if f["kind"] == "amount"}
    assert ("全年执行数", Decimal("1881000")) in values and ("全年预算数", Decimal("200000")) in values
    assert not error_flags(record)


def test_a_named_cells_fund_block_s_parts_are_summed(tmp_path):
    record = text_record(tmp_path, _NAMED_FUNDS.format(total="200"))
    assert "form.funds_total" in [f["rule"] for f in error_flags(record)]


def test_a_standard_named_after_a_total_and_a_count_is_no_average_of_them(tmp_path):
    text = ("一、项目概况\n全年落实学生资助资金412.60万元，资助家庭经济困难学生3,518人次；寄宿生生活补助标准为小学每人每年"
            "1,000元、初中每人每年1,250元，受益寄宿生2,260人。\n二、结论\n全年发放救助金120万元，救助4,000人，人均320元。\n")
    record = text_record(tmp_path, text)
    messages = [f["message"] for f in record["flags"] if f["rule"] == "product.unit"]
    assert len(messages) == 1 and "320元" in messages[0]


@pytest.mark.parametrize("row, weight, score", [
    ("效益指标社会效益指标办学条件10有效改善明显改善10", "10", "10"),
    ("效益指标可持续影响指标管护机制8健全基本健全7", "8", "7"),
    ("效益指标社会效益指标群众出行条件6逐步改善明显改善6农村客运通达率5≥95%96%5", "6", "6"),
])
def test_a_glued_row_whose_worded_result_restates_its_target_s_last_word_is_cut(tmp_path, row, weight, score):
    text = _GLUED_HEAD.format(county="北岭县") + "数量指标指标1受益群众1012000人12000人10" + row + "总分100"
    record = text_record(tmp_path, text)
    weights, scores = _figures(record, "score", "分值"), _figures(record, "score", "得分")
    assert Decimal(weight) == Decimal(weights[2]) and Decimal(score) == Decimal(scores[1])
    assert not error_flags(record)


@pytest.mark.parametrize("title, scale", [("项目支出绩效自评表（金额单位：元）", 1), ("项目支出绩效自评表（金额单位：万元）", 10000)])
def test_a_form_s_title_stating_its_money_unit_gives_its_figures_that_unit(tmp_path, title, scale):
    text = (f"某县2023年度{title}\n项目名称 两癌免费筛查\n主管部门 某县卫生健康局 实施单位 某县妇幼保健院\n"
            "项目资金 年初预算数 全年预算数 全年执行数 分值 执行率 得分\n"
            "年度资金总额 860,000.00 860,000.00 812,640.00 10 94.49% 9.45\n"
            "其中：当年财政拨款 860,000.00 860,000.00 812,640.00 — 94.49% —\n")
    record = text_record(tmp_path, text)
    amounts = {Decimal(f["value"]) for f in record["facts"] if f["kind"] == "amount"}
    assert amounts == {Decimal("860000") * scale, Decimal("812640") * scale}


@pytest.mark.parametrize("stated, flagged", [("106.7%", True), ("104.7%", False)])
def test_a_figure_written_about_elsewhere_does_not_excuse_a_share(tmp_path, stated, flagged):
    text = ("一、年度总体目标\n确保脱贫人口务工就业规模稳定在175万人以上，产业项目带动脱贫户增收。\n"
            f"二、实际完成情况\n全省脱贫人口务工就业183.2万人，占年度目标任务175万人的{stated}。\n")
    record = text_record(tmp_path, text)
    assert bool([f for f in error_flags(record) if f["rule"] == "ratio.stated"]) is flagged


@pytest.mark.parametrize("line, score", [("总分：98.91", "98.91"), ("自评总分：97.5分", "97.5"), ("总分： 96", "96")])
def test_a_form_s_total_stated_after_its_fund_block_and_indicator_lines_is_its_score(tmp_path, line, score):
    text = _NAMED_FUNDS.format(total="190") + (
        "绩效指标：\n产出指标—数量指标—养护里程：年度指标值≥120公里，实际完成值126公里，分值30，得分30\n"
        f"{line}\n自评等级：优\n")
    record = text_record(tmp_path, text)
    assert Decimal(record["metadata"]["score"]) == Decimal(score)
    assert not [f for f in record["facts"] if f["kind"] == "score" and f.get("label") == "总分" and f["value"] != record["metadata"]["score"]]


def test_a_money_total_line_after_a_fund_block_is_no_score(tmp_path):
    record = text_record(tmp_path, _NAMED_FUNDS.format(total="190") + "合计：190\n")
    assert record["metadata"].get("score") is None


def test_a_name_wrapped_over_two_lines_and_its_unit_s_own_line_is_one_name(tmp_path):
    rows = ("困难残疾人生活补贴\n发放人次\n（人次）\n≥37200\n37790\n10\n10\n"
            "补贴对象\n认定准确率（%）\n100\n100\n10\n10\n总分\n20\n20\n")
    record = text_record(tmp_path, _CELLS_HEAD.format(project="残疾人两项补贴") + rows)
    values = [(f["kind"], Decimal(f["value"]), f.get("label")) for f in record["facts"]]
    assert ("person_times", Decimal(37200), "年度指标值") in values and ("person_times", Decimal(37790), "实际完成值") in values
    assert ("percent", Decimal(100), "年度指标值") in values
    assert [row["path"][-1] for row in record["forms"][0]["indicators"]] == ["困难残疾人生活补贴发放人次（人次）", "补贴对象认定准确率（%）"]
    assert not error_flags(record)


def test_words_over_two_lines_before_bare_figures_stay_a_worded_target_and_result(tmp_path):
    rows = "项目建设进度\n按期开工\n按期完工\n10\n10\n健康教育讲座场次（次）\n≥12\n14\n10\n10\n总分\n20\n20\n"
    record = text_record(tmp_path, _CELLS_HEAD.format(project="卫生院改造") + rows)
    assert [row["path"][-1] for row in record["forms"][0]["indicators"]][0] == "项目建设进度"


def test_a_part_closed_by_its_own_rate_ends_its_list(tmp_path):
    text = ("二、产出情况\n辖区65岁及以上老年人4.28万人，其中接受健康管理2.86万人，健康管理率66.8%；规范管理高血压患者"
            "1.92万人，规范管理率68.5%；规范管理2型糖尿病患者0.63万人，规范管理率65.9%。\n")
    assert not error_flags(text_record(tmp_path, text))


def test_a_list_of_parts_past_a_semicolon_is_still_summed(tmp_path):
    text = "二、资金情况\n项目总投资500万元，其中：中央资金300万元；省级资金120万元；县级资金90万元。\n"
    assert [f["rule"] for f in error_flags(text_record(tmp_path, text))] == ["sum.breakdown"]


def test_a_name_s_short_rest_before_a_worded_target_and_result_is_the_name_s(tmp_path):
    rows = ("补助资金拨付及时\n性\n及时\n部分延迟\n6\n4\n第四季度资金拨付滞后。\n"
            "健康教育讲座场次（次）\n≥12\n14\n10\n10\n总分\n16\n14\n")
    record = text_record(tmp_path, _CELLS_HEAD.format(project="基本公共卫生服务").replace("数量指标", "时效指标") + rows)
    [row, _] = record["forms"][0]["indicators"]
    facts = {f["id"]: f for f in record["facts"]}
    assert row["path"][-1] == "补助资金拨付及时性" and facts[row["weight"]]["value"] == Decimal(6)
    assert not error_flags(record)


def test_a_weight_and_a_percentage_target_a_space_apart_are_two_cells():
    from extractor.normalize import normalize
    assert normalize("补贴资金发放准确率10 100% 100% 10") == "补贴资金发放准确率10 100% 100% 10"
    assert normalize("项目总投资1 286.16万元") == "项目总投资1286.16万元"


def test_a_level_s_name_before_a_row_s_name_and_its_unit_cell_is_the_level(tmp_path):
    text = ("项目支出绩效自评表\n一级指标  二级指标  三级指标  计量单位  年度指标值  实际完成值  分值  得分  偏差原因\n"
            "产出指标  数量指标  危桥改造数量  座  14  14  50  50  无\n"
            "效益指标  可持续影响指标  桥梁设计使用年限  年  50  50  50  50  无\n总分  100  100\n")
    record = text_record(tmp_path, text)
    paths = [row["path"] for row in record["forms"][0]["indicators"]]
    assert paths[-1][-2:] == ["可持续影响指标", "桥梁设计使用年限"]
    assert not error_flags(record)
