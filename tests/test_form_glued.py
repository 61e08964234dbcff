"""Forms as document-sharing sites and text layers flatten them: every cell run together
with no break (分值, target, result and 得分 one string of digits), and targets written
over three cells (指标性质 / 指标值 / 度量单位). The forms are written here; figures invented."""
from __future__ import annotations

from decimal import Decimal

import pytest

from extractor.extract.glued_cuts import cut_run as _cut
from extractor.pipeline import extract_file

from conftest import text_record

# 分值 before the target, as several provinces' forms have it
HEAD_WEIGHT_FIRST = ["绩效指标", "一级指标", "二级指标", "三级指标", "分值", "年度指标值", "全年实际值", "得分",
                     "未完成原因分析及改进措施"]
ROWS_WEIGHT_FIRST = [
    ["产出指标（60分）", "数量指标", "新建灌溉渠道长度", "20", "≥350米", "≥350米", "20"],
    ["", "质量指标", "工程验收合格率", "20", "100%", "100%", "20"],
    ["", "成本指标", "项目总投资", "10", "85万元", "85万元", "10"],
    ["", "时效指标", "资金拨付完成时间", "10", "11月底前", "11月底", "10"],
    ["效益指标（30分）", "社会效益指标", "受益农户数", "20", "≥1200户", "1180户", "18"],
    ["满意度指标（10分）", "服务对象满意度指标", "受益群众满意度", "10", "≥90%", "95%", "10"],
]


def _glued_form(head, rows) -> str:
    cells = ["农田水利项目支出绩效自评表（2021年度）", "项目名称", "灌区节水改造", "主管部门", "某县水利局",
             *head, *[c for r in rows for c in r], "总分", "98"]
    return "".join(cells) + "\n"


def _indicators(record):
    facts = {f["id"]: f for f in record["facts"]}
    out = {}
    for form in record["forms"]:
        for ind in form["indicators"]:
            out[ind["path"][-1]] = {
                "weight": facts[ind["weight"]]["value"] if ind["weight"] else None,
                "score": facts[ind["score"]]["value"] if ind["score"] else None,
                "target": ind["target"] and ind["target"]["text"],
                "actual": ind["actual"] and ind["actual"]["text"],
            }
    return out


def test_glued_rows_are_cut_in_the_header_order(tmp_path):
    record = text_record(tmp_path, _glued_form(HEAD_WEIGHT_FIRST, ROWS_WEIGHT_FIRST), "glued.txt")
    rows = _indicators(record)
    assert rows["新建灌溉渠道长度"] == {"weight": 20, "score": 20, "target": "≥350米", "actual": "≥350米"}
    assert rows["工程验收合格率"] == {"weight": 20, "score": 20, "target": "100%", "actual": "100%"}
    assert rows["项目总投资"]["target"] == "85万元" and rows["项目总投资"]["score"] == 10
    # a target with its comparator and a different result
    assert rows["受益农户数"] == {"weight": 20, "score": 18, "target": "≥1200户", "actual": "1180户"}
    assert rows["受益群众满意度"] == {"weight": 10, "score": 10, "target": "≥90%", "actual": "95%"}
    values = {(f["kind"], f["value"]) for f in record["facts"]}
    # the run-together digits are never read as one figure
    assert ("amount", Decimal("1085") * 10000) not in values and ("percent", Decimal("20100")) not in values
    assert ("amount", Decimal("850000")) in values


def test_glued_rows_in_the_other_column_order(tmp_path):
    head = ["三级指标", "年度指标值", "实际完成值", "分值", "得分"]
    rows = [["培训基层医生人次", "≥600人次", "640人次", "15", "15"], ["培训考核合格率", "≥95%", "93%", "15", "12"]]
    path = tmp_path / "glued.txt"
    path.write_text(_glued_form(["绩效指标", "一级指标", "二级指标", *head], [["产出指标", "数量指标", *rows[0]],
                                                                                ["", "质量指标", *rows[1]]]),
                    encoding="utf-8")
    got = _indicators(extract_file(path))
    assert got["培训基层医生人次"] == {"weight": 15, "score": 15, "target": "≥600人次", "actual": "640人次"}
    assert got["培训考核合格率"] == {"weight": 15, "score": 12, "target": "≥95%", "actual": "93%"}


@pytest.mark.parametrize("run, cells", [
    ("10≥266米≥266米10", ["10", "≥266米", "≥266米", "10"]),
    ("20100%100%20", ["20", "100%", "100%", "20"]),
    ("1020万元20万元10", ["10", "20万元", "20万元", "10"]),
    ("8550万粒550万粒8", ["8", "550万粒", "550万粒", "8"]),  # 85 | 50万粒 | 550万粒 | 8 fits too, unlike
    ("8≥95%97%7.5", ["8", "≥95%", "97%", "7.5"]),
])
def test_a_run_with_one_reading_is_cut(run, cells):
    cut = _cut(run, ["weight", "target", "actual", "score"])
    assert [run[a:b] for a, b in cut] == cells


@pytest.mark.parametrize("run", [
    "8550万粒551万粒8",  # 8|550|551|8 and 85|50|551|8: no comparator, nothing repeated
    "100%100%8",  # a run that starts inside a row: the weight was written before a word cell
    "13990260322",  # a telephone number
    "2090%95%30",  # 得分 30 above 分值 20, and 209 is no 分值
    "10≥95%97人10",  # target and result in different units
])
def test_a_run_without_one_reading_is_left_alone(run):
    assert _cut(run, ["weight", "target", "actual", "score"]) is None


SPLIT_TARGET_FORM = """项目支出绩效自评表（2022年度）
| 项目名称 | 学生营养改善补助 | 主管部门 | 某县教育体育局 |
| 一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |
| 产出指标 | 数量指标 | 受资助学生人次 | ≧ | 820 | 人次 | 835 | 20 | 20 | |
| 产出指标 | 质量指标 | 补助发放准确率 | ═ | 100 | % | 100% | 20 | 20 | |
| 效益指标 | 社会效益指标 | 家长知晓率 | ≧ | 95 | % | 92% | 20 | 18 | 宣传不到位 |
| 满意度指标 | 服务对象满意度指标 | 学生满意度 | ≧ | 90 | % | 96% | 20 | 20 | |
"""


def test_a_target_over_three_cells_is_one_target(tmp_path):
    record = text_record(tmp_path, SPLIT_TARGET_FORM, "split.txt")
    form = record["forms"][0]
    facts = {f["id"]: f for f in record["facts"]}
    rows = {ind["path"][-1]: ind for ind in form["indicators"]}
    pupils = rows["受资助学生人次"]
    assert pupils["target"]["comparator"] == ">=" and pupils["target"]["value"] == 820
    assert pupils["target"]["unit"] == "人次"
    target = facts[pupils["target"]["fact"]]
    assert (target["kind"], target["value"], target["source"]["quote"]) == ("person_times", 820, "820")
    assert facts[pupils["weight"]]["value"] == 20 and facts[pupils["score"]]["value"] == 20
    aware = rows["家长知晓率"]
    assert aware["target"]["comparator"] == ">=" and facts[aware["target"]["fact"]]["value"] == 95
    assert facts[aware["actual"]["fact"]]["value"] == 92 and facts[aware["score"]]["value"] == 18
    assert rows["补助发放准确率"]["target"]["comparator"] == "="
    # the target's figure is quoted where it is written
    text = (tmp_path / "split.txt").read_text(encoding="utf-8")
    line_start = text.index("| 产出指标 | 数量指标")
    assert target["source"]["quote"] == "820" and "820" in text[line_start:]


def _split_target_rows():
    return [[c.strip() for c in line.strip().strip("|").split("|")] for line in SPLIT_TARGET_FORM.splitlines()[1:]]


@pytest.mark.parametrize("shape", ["pipe", "docx"])
def test_the_results_bare_figure_takes_the_rows_unit(tmp_path, shape):
    if shape == "docx":
        docx = pytest.importorskip("docx")
        rows = _split_target_rows()
        d = docx.Document()
        d.add_paragraph("项目支出绩效自评表（2022年度）")
        table = d.add_table(rows=len(rows), cols=max(len(r) for r in rows))
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                table.cell(r, c).text = text
        path = tmp_path / "split.docx"
        d.save(path)
    else:
        path = tmp_path / "split.txt"
        path.write_text(SPLIT_TARGET_FORM, encoding="utf-8")
    record = extract_file(path)
    facts = {f["id"]: f for f in record["facts"]}
    rows = {ind["path"][-1]: ind for ind in record["forms"][0]["indicators"]}
    pupils = rows["受资助学生人次"]
    assert (pupils["target"]["comparator"], pupils["target"]["value"], pupils["target"]["unit"]) == (">=", 820, "人次")
    assert facts[pupils["actual"]["fact"]]["kind"] == "person_times" and facts[pupils["actual"]["fact"]]["value"] == 835
    assert facts[pupils["weight"]]["value"] == 20 and facts[pupils["score"]]["value"] == 20
    assert rows["补助发放准确率"]["target"]["comparator"] == "="
    assert facts[rows["家长知晓率"]["score"]]["value"] == 18


def test_a_name_run_onto_its_target_and_result(tmp_path):
    # a PDF text layer drops the spaces between Chinese and figures, not between figures
    text = ("项目支出绩效自评表（2022年度）\n绩效指标 一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 偏差原因分析及改进措施\n"
            "产出指标（50分） 数量指标 完成委托评审项目数量≥40个42 10 10 质量指标 评审报告合格率≥95%98% 10 10\n")
    got = _indicators(text_record(tmp_path, text, "pdfish.txt"))
    assert got["完成委托评审项目数量"] == {"weight": 10, "score": 10, "target": "≥40个", "actual": "42个"}
    assert got["评审报告合格率"] == {"weight": 10, "score": 10, "target": "≥95%", "actual": "98%"}


@pytest.mark.parametrize("run, cells", [
    ("194.9194.9100", ["194.9", "194.9", "100"]),
    ("202010100.00", ["20", "20", "10", "100.00"]),  # 分值 10 between the amounts and the rate
    ("64.864.864.8100", ["64.8", "64.8", "64.8", "100"]),
    ("65.6665.0799", ["65.66", "65.07", "99"]),
])
def test_a_fund_row_run_is_cut_where_its_rate_fits(run, cells):
    from extractor.extract.form_fund_run_cut import fund_cut

    assert [run[a:b] for a, b in fund_cut(run)] == cells


@pytest.mark.parametrize("run", ["25000025000086.19", "2010", "1001001095"])
def test_a_fund_row_run_whose_rate_fits_no_reading_is_left_alone(run):
    from extractor.extract.form_fund_run_cut import fund_cut

    assert fund_cut(run) is None


@pytest.mark.parametrize("run, score, cells", [
    ("150168.5161.761096", "9.6", ["150", "168.5", "161.76", "10", "96"]),
    ("180.5200192.51096.25", "9.63", ["180.5", "200", "192.5", "10", "96.25"]),
])
def test_a_fund_row_run_whose_rate_is_its_amounts_and_its_score_the_weights_share(run, score, cells):
    """Under 年初 | 全年 | 执行数 | 分值 | 执行率, the rate is a ratio of the amounts, never of the
    分值 before it (150168.5 | 161.76 | 10 | 9 | 6%: 10 ÷ 161.76 is no 执行率 of this row), and
    the 得分 after it is 分值 × 执行率; without the 得分 a run that reads two ways is left alone."""
    from extractor.extract.form_fund_run_cut import fund_cut

    assert [run[a:b] for a, b in fund_cut(run, None, (4, True), score)] == cells
    without_score = fund_cut(run, None, (4, True))
    # (a 分值 is set in whole or half points: where the other readings' 分值 is not, the run
    # reads one way without its 得分 too)
    assert without_score is None or [run[a:b] for a, b in without_score] == cells


def test_a_fund_row_run_after_a_budget_written_with_its_unit_is_cut_against_it():
    from extractor.extract.form_fund_run_cut import fund_cut

    run = "61.2596.31"  # 全年预算数 63.6万元 written apart, then 执行数 and 执行率 run together
    assert [run[a:b] for a, b in fund_cut(run, "63.6")] == ["61.25", "96.31"]
    assert fund_cut(run) is None  # alone, one amount and a rate are no row


@pytest.mark.parametrize("run, lead, cells", [
    ("80.0072.1590.00", None, ["80.00", "72.15", "90.00"]),  # 72.15 ÷ 80 is 90.19%: no cut fits
    ("72.1590.00", "80", ["72.15", "90.00"]),
    ("3.52.891.0", None, ["3.5", "2.8", "91.0"]),
])
def test_a_run_no_reading_makes_consistent_is_cut_at_its_decimal_points(run, lead, cells):
    from extractor.extract.form_fund_run_cut import fund_cut
    from extractor.extract.form_fund_points import points_cut

    assert fund_cut(run, lead) is None
    assert [run[a:b] for a, b in points_cut(run, lead)] == cells


@pytest.mark.parametrize("run, lead", [
    ("72.1590.00", None),  # one amount and a rate
    ("100.5095.0", None),  # the figures written with different decimals: the points fix nothing
    ("80728.0090", None),  # too few points for the cells
])
def test_a_run_its_decimal_points_do_not_cut_is_left_alone(run, lead):
    from extractor.extract.form_fund_points import points_cut

    assert points_cut(run, lead) is None


_RUN_ON_FORM = ("2022年度转移支付区域绩效自评表\n专项名称某县残疾人康复补助资金\n主管部门某县民政局\n"
                "项目资金 (万元)全年预算数全年执行数执行率\n年度资金总额80万元72.15{rate}%\n"
                "其中:中央财政补助80万元72.15{rate}%\n地方资金\n其他资金\n"
                "绩效指标一级指标二级指标三级指标年度指标值全年完成值\n产出指标数量指标康复训练人数≥300人312人\n")


def test_a_fund_row_with_its_budget_apart_and_the_rest_run_on_is_read(tmp_path):
    record = text_record(tmp_path, _RUN_ON_FORM.format(rate="90.19"), "runon.txt")
    facts = {f["id"]: f for f in record["facts"]}
    total = next(r for r in record["forms"][0]["funds"] if r["slot"] == "total")
    assert {c: facts[f]["value"] for c, f in total["cells"].items()} == {
        "全年预算数": Decimal("800000"), "全年执行数": Decimal("721500"), "执行率": Decimal("90.19")}
    assert not [f for f in record["flags"] if f["severity"] == "error"]


def test_a_run_on_rate_its_figures_do_not_give_is_one_flag_for_both_rows(tmp_path):
    record = text_record(tmp_path, _RUN_ON_FORM.format(rate="90.00"), "runon_bad.txt")
    flags = [f for f in record["flags"] if f["rule"] == "form.execution_rate"]
    assert len(flags) == 1 and flags[0]["severity"] == "error"
    # the whole budget 80 is 80.00, as the form's cell holds it: 72.15 ÷ 80 is 90.19%, not 90.00%
    assert "90.19%" in flags[0]["message"] and "中央财政补助" in flags[0]["message"]


def test_a_special_fund_form_run_together_is_read(tmp_path):
    text = ("2021年度县级专项资金绩效目标自评表专项资金名称农村公路养护主管部门某县交通运输局实施单位某县公路事务中心"
            "项目资金(万元)全年预算数(A)全年执行数(B)执行率(B/A)年度资金总额86.585.999.31%其中:县级资金86.585.999.31%"
            "其他资金年度总体目标完成农村公路日常养护\n")
    record = text_record(tmp_path, text, "special.txt")
    form = record["forms"][0]
    facts = {f["id"]: f for f in record["facts"]}
    total = next(r for r in form["funds"] if r["slot"] == "total")
    assert {c: facts[f]["value"] for c, f in total["cells"].items()} == {
        "全年预算数": Decimal("865000"), "全年执行数": Decimal("859000"), "执行率": Decimal("99.31")}
    assert not [f for f in record["flags"] if f["severity"] == "error"]


@pytest.mark.parametrize("text, score", [
    # the score in the form's head, run into the next cell's words
    ("部门整体支出绩效自评表主管部门某县融媒体中心自评总分(分)93.5部门联系人王某联系电话12345\n", Decimal("93.5")),
    # the total row's 分值 and 得分 run together, then the form's note
    (_glued_form(HEAD_WEIGHT_FIRST, ROWS_WEIGHT_FIRST).replace("总分98", "总分10098注：一级指标分值见说明"), Decimal("98")),
])
def test_a_total_score_run_into_words_is_read(tmp_path, text, score):
    record = text_record(tmp_path, text, "total.txt")
    assert record["metadata"]["score"] == score


def test_a_count_after_a_total_label_is_no_score(tmp_path):
    assert text_record(tmp_path, "部门整体支出绩效自评表主管部门某县文化馆自评得分12个项目已完成\n", "count.txt")["metadata"].get("score") is None


def test_with_a_header_that_cannot_be_read_only_target_and_result_are_cut(tmp_path):
    # 考值参分 is an OCRed 分值: the columns' order is unknown, so a run of 分值 and
    # figures is left alone, while a target and its result alone are still cut
    text = ("项目支出绩效自评表（2022年度）\n一级指标 二级指标 三级指标 考值参分 指标值 全年实际值 得分\n"
            "产出指标 数量指标 完成农户培训人次≥300人次312人次 10 10 质量指标 培训合格率2095%96%20\n")
    record = text_record(tmp_path, text, "ocred_header.txt")
    rows = {ind["path"][-1]: ind for form in record["forms"] for ind in form["indicators"]}
    trained = rows["完成农户培训人次"]
    assert (trained["target"]["text"], trained["actual"]["text"]) == ("≥300人次", "312人次")
    quotes = [f["source"]["quote"] for f in record["facts"]]
    assert "95%" not in quotes  # 20 | 95% or 2 | 095%: with no order to go by, not cut


@pytest.mark.parametrize("sub_row, amounts", [
    ("其中:当年财政拨款4545", [Decimal(450000)] * 4),  # 45 | 45, as the total row
    ("其中:当年财政拨款4540", [Decimal(450000)] * 2 + [Decimal(45400000)]),  # not the total row's figures: left as it is
])
def test_a_sub_row_run_together_like_the_total_row(tmp_path, sub_row, amounts):
    text = ("项目支出绩效自评表项目名称村级河道保洁主管部门某县水利局资金情况(万元)全年预算数(A)全年执行数(B)分值"
            "执行率(B/A)得分年度资金总额:454510100.00%10" + sub_row + "其他资金年度总体目标河道保洁全覆盖\n")
    record = text_record(tmp_path, text, "run.txt")
    assert sorted(Decimal(str(f["value"])) for f in record["facts"] if f["kind"] == "amount") == amounts
    assert not [f for f in record["flags"] if f["severity"] == "error"]


# a one-line form (a spreadsheet flattened by a document-sharing site) whose 分值 comes before
# the target, with a qualitative row whose result repeats its target, each level's weight in a
# cell of its own, and the template's note that the budget row's 10 points are part of the 100
NOTE_FORM = ("绩效目标自评表(2022年度)项目名称村级道路安全防护资金情况(万元)全年预算数(A)全年执行数(B)分值执行率(B/A)得分"
             "年度资金总额:303010100.00%10其中:本年财政拨款3030其他资金年度总体目标完成防护栏安装"
             "绩效指标一级指标二级指标三级指标分值年度指标值全年实际值得分未完成原因及拟采取的改进措施"
             "产出指标(60分)数量指标安装波形护栏20≥12公里≥12公里20质量指标项目验收合格率20100%100%20"
             "时效指标按期完工率20≥90%≥90%20效益指标(20分)社会效益指标群众出行安全状况20明显改善明显改善20"
             "满意度指标(10分)服务对象满意度指标受益群众满意度10≥95%≥95%10总分{total}"
             "注:1.一级指标分值统一设置为:产出指标60分、效益指标20分、满意度指标10分、预算资金执行率10分。\n")


def test_a_one_line_form_whose_note_counts_the_budget_row_in_the_hundred(tmp_path):
    record = text_record(tmp_path, NOTE_FORM.format(total="100100"), "note.txt")
    form = record["forms"][0]
    assert form.get("budget_in_total") is not None
    rows = {r["path"][-1]: r for r in form["indicators"]}
    assert "群众出行安全状况" in rows and rows["群众出行安全状况"]["target"]["text"] == "明显改善"
    assert form["unread_rows"] == 0  # neither (60分) nor the note is a row
    assert not [f for f in record["flags"] if f["severity"] == "error"]


def test_indicators_worth_the_whole_hundred_beside_a_budget_row_inside_it(tmp_path):
    # the rows' 分值 and 得分 are 100 on their own: with the budget row's 10, 110 against a total of 100
    text = NOTE_FORM.replace("群众出行安全状况20明显改善明显改善20", "群众出行安全状况30明显改善明显改善30").replace(
        "效益指标(20分)", "效益指标(30分)")
    errors = [f["message"] for f in text_record(tmp_path, text.format(total="100100"), "note.txt")["flags"]
              if f["severity"] == "error"]
    assert any("分值之和" in m for m in errors)


def test_a_reason_before_a_row_whose_comparator_and_unit_stand_apart_is_no_indicator(tmp_path):
    # 指标性质 and 度量单位 in columns of their own: the row after a reason reads as name, =,
    # 12, 月, 12, 5, 5 — a name and four figures, not a qualitative target and result
    head = "| 一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位 | 实际完成值 | 分值 | 得分 | 偏差原因分析 |\n"
    text = ("2023年度项目支出绩效自评表\n项目名称 | 残疾人两项补贴发放\n" + head +
            "| 产出指标 | 数量指标 | 新增补贴对象人数 | ≥ | 200 | 人 | 188 | 5 | 4.5 | 部分申请待次年认定 |\n"
            "|  |  | 补贴发放月数 | = | 12 | 月 | 12 | 5 | 5 |  |\n"
            "|  | 质量指标 | 补贴发放准确率 | = | 100 | % | 100 | 10 | 10 |  |\n")
    got = _indicators(text_record(tmp_path, text, "apart.txt"))
    assert got["补贴发放月数"]["weight"] == 5 and got["补贴发放月数"]["score"] == 5
    assert "部分申请待次年认定" not in got


def test_an_indicator_named_by_what_it_counts_gives_its_bare_figures_that_unit(tmp_path):
    text = ("2023年度项目支出绩效自评表\n项目名称 | 学生资助\n"
            "| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |\n"
            "| 产出指标 | 数量指标 | 受资助中职学生人数 | 1260 | 1318 | 10 | 10 |\n"
            "|  |  | 资助家庭户数 | ≥850 | 902 | 10 | 10 |\n"
            "|  |  | 城乡居民参保人数 | 12.5 | 12.8 | 10 | 10 |\n"
            "|  | 质量指标 | 资助资金发放准确率 | 100% | 100% | 10 | 10 |\n")
    record = text_record(tmp_path, text, "named.txt")
    counted = sorted((f["kind"], str(f["value"])) for f in record["facts"] if f["kind"] in ("headcount", "households"))
    # 12.5 and 12.8 are no whole counts of people (万人 the form did not write): not read as 人
    assert counted == [("headcount", "1260"), ("headcount", "1318"), ("households", "850"), ("households", "902")]


def test_a_fund_blocks_caption_run_into_its_first_column_label(tmp_path):
    # a text layer ran 项目资金（万元） into 年初预算数: the header still has its six columns
    text = ("项目支出绩效自评表\n项目名称某项目\n项目资金（万元）年初预算数 全年预算数 全年执行数 分值 执行率 得分\n"
            "年度资金总额 80 80 76.4 10 95.5% 9.55\n年度总体目标完成\n")
    record = text_record(tmp_path, text, "caption_run.txt")
    facts = {f["id"]: f for f in record["facts"]}
    total = next(r for r in record["forms"][0]["funds"] if r["slot"] == "total")
    assert {c: facts[i]["text"] for c, i in total["cells"].items()} == {
        "年初预算数": "80", "全年预算数": "80", "全年执行数": "76.4", "分值": "10", "执行率": "95.5%", "得分": "9.55"}


# a header whose labels all ran together, and rows whose result ran into its 分值 and 得分
# while the target stands apart (a site that kept some of the spaces): 24 + 26 + 20 + 30 = 100
PARTLY_SPACED = (
    "2022年度部门整体支出绩效自评表\n部门（单位）名称 某县民政局\n"
    "绩效指标一级指标二级指标三级指标年度指标值 实际完成值分值 得分 偏差原因分析及改进措施\n"
    "产出指标数量指标 特困人员救助供养人数 ≥1200人 1236人2424/\n"
    "质量指标 救助资金发放准确率 ≥98% 99.1%2626/\n"
    "效益指标 社会效益指标 困难群众基本生活保障率 ≥95% 96.3%2018 个别对象申报材料不全\n"
    "满意度指标 服务对象满意度指标 救助对象满意度 ≥90% 93.5%3030/\n"
    "总分10098\n")


def test_a_run_together_header_and_results_run_into_their_points(tmp_path):
    record = text_record(tmp_path, PARTLY_SPACED, "partly.txt")
    [form] = record["forms"]
    rows = {i["path"][-1]: i for i in form["indicators"]}
    facts = {f["id"]: f for f in record["facts"]}
    got = {name: (str(row["actual"]["value"]), str(facts[row["weight"]]["value"]), str(facts[row["score"]]["value"]))
           for name, row in rows.items() if row["actual"] and row["weight"] and row["score"]}
    assert got["特困人员救助供养人数"] == ("1236", "24", "24")
    assert got["困难群众基本生活保障率"] == ("96.3", "20", "18"), "20 | 18: the one cut with 得分 ≤ 分值 ≤ 100"
    assert str(record["metadata"]["score"]) == "98"
    assert not [f for f in record["flags"] if f["severity"] == "error"]


# 其中 rows whose amounts ran together with no rate: cut where each breakdown adds up to the
# total, column by column (2410.5 = 2330.5 + 80; 2266.4 = 2186.4 + 80; 2190.28 = 2110.28 + 80;
# and again 712.3 + 1698.2, 735.2 + 1531.2, 731.06 + 1459.22)
PARTS_RUN_TOGETHER = (
    "2022年度部门整体支出绩效自评表\n部门（单位）名称 某县交通运输局\n"
    "年度部门整体支出预算（万元） 年初预算数 全年预算数 全年执行数 分值 执行率 得分\n"
    "年度资金总额 2410.5 2266.4 2190.28 10 96.64% 9.66\n"
    "按收入性质分：财政拨款 2330.52186.42110.28——— 其他资金 808080———\n"
    "按支出性质分：基本支出 712.3735.2731.06——— 项目支出 1698.21531.21459.22———\n")


def _amounts(record) -> list:
    return sorted(Decimal(str(f["value"])) / 10000 for f in record["facts"] if f["kind"] == "amount")


def test_breakdown_rows_run_together_are_cut_where_they_add_up_to_the_total(tmp_path):
    record = text_record(tmp_path, PARTS_RUN_TOGETHER, "parts.txt")
    for figure in ("2330.5", "2186.4", "2110.28", "80", "712.3", "735.2", "731.06", "1698.2", "1531.2", "1459.22"):
        assert Decimal(figure) in _amounts(record), figure
    assert not [f for f in record["flags"] if f["severity"] == "error"]


def test_breakdown_rows_that_add_up_no_way_are_left_as_they_are(tmp_path):
    # 其他资金 written 90 | 90 | 90: no cut of the first row makes the columns add up, so no
    # row is cut (a cut is taken only where every breakdown adds up)
    record = text_record(tmp_path, PARTS_RUN_TOGETHER.replace("808080", "909090"), "parts.txt")
    assert Decimal("2330.5") not in _amounts(record) and Decimal("712.3") not in _amounts(record)
    assert not [f for f in record["flags"] if f["rule"] == "form.funds_total"]


# a total row partly spaced, its 执行数 and 分值 run together, its rate off its amounts:
# 412.35 ÷ 450 is 91.63%, not the 97.63% written
GLUED_SCORE_OFF_RATE = (
    "项目支出绩效自评表（2022年度）\n项目名称 村级道路维护\n"
    "项目资金（万元） 年初预算数 全年预算数 全年执行数 分值 执行率 得分\n"
    "年度资金总额 450.00 450.00 412.3510 97.63% 9.76\n")


def test_an_amount_run_into_its_weight_is_cut_by_its_decimals_when_the_rate_does_not_fit(tmp_path):
    record = text_record(tmp_path, GLUED_SCORE_OFF_RATE, "off.txt")
    [flag] = [f for f in record["flags"] if f["rule"] == "form.execution_rate"]
    assert "412.35万元 ÷ 450.00万元" in flag["message"]
    assert Decimal("4123500") in [Decimal(str(f["value"])) for f in record["facts"] if f["kind"] == "amount"]


# a text layer that dropped the spaces inside a row but kept the one before its 得分
# (维修水渠≥12处13处10 9): the run ends with the 分值, not with a 分值 1 and a 得分 0
WEIGHT_THEN_SPACED_SCORE = (
    "项目支出绩效自评表（2023年度）\n项目名称 小型水利设施维修\n"
    "年度绩效指标 一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分\n"
    "产出指标 数量指标 维修水渠≥12处13处10 9\n"
    "质量指标 工程验收合格率 100% 100% 40 40\n"
    "满意度指标 服务对象满意度指标 受益群众满意度 ≥90% 93% 50 50\n"
    "总分 100 99\n")


def test_a_run_ending_in_its_weight_before_a_score_set_apart(tmp_path):
    record = text_record(tmp_path, WEIGHT_THEN_SPACED_SCORE, "apart.txt")
    facts = {f["id"]: f for f in record["facts"]}
    [row] = [i for i in record["forms"][0]["indicators"] if i["path"][-1].startswith("维修水渠")]
    assert (facts[row["weight"]]["text"], facts[row["score"]]["text"]) == ("10", "9")
    assert not [f for f in record["flags"] if f["severity"] == "error"]


def test_a_part_row_whose_spaces_keep_its_few_cells_apart(tmp_path):
    # 上年结转资金 leaves 年初预算数 and 分值 empty: 54.00 | 54.00 | 100.00% are its cells as
    # spaced, not 5 | 4.00 | 5 | 4.00 (which the rate would read too)
    text = ("项目支出绩效自评表\n项目名称 公益性岗位补贴\n项目资金（万元） 年初预算数 全年预算数 全年执行数 分值 执行率 得分 "
            "年度资金总额 1260.00 1389.60 1372.44 10 98.77% 9.88 其中：当年财政拨款 1260.00 1335.60 1318.44 98.72% "
            "上年结转资金 54.00 54.00 100.00% 其他资金 年度总体目标\n")
    record = text_record(tmp_path, text, "spaced_part.txt")
    facts = {f["id"]: f for f in record["facts"]}
    carried = next(r for r in record["forms"][0]["funds"] if r["slot"] == "carryover")
    assert sorted(facts[i]["text"] for i in carried["cells"].values()) == ["100.00%", "54.00", "54.00"]
    assert not [f for f in record["flags"] if f["severity"] == "error"]


def test_a_score_table_with_a_column_of_the_levels_own_points_is_not_summed_by_rows(tmp_path):
    # each first-level row carries its own score beside its first child's (决策（20分） 17.5 项目立项
    # 6 6): rows read by type would mix the two; the sum over them is left unknown
    text = ("绩效评价指标评分表\n一级指标 一级指标得分 二级指标 分值 得分\n"
            "决策（20分） 17.5 项目立项 6 6\n绩效目标 7 6\n资金投入 7 5.5\n"
            "过程（80分） 76 资金管理 40 38\n组织实施 40 38\n合计 93.5 100\n")
    record = text_record(tmp_path, text, "level_points.txt")
    assert not [f for f in record["flags"] if f["severity"] == "error"]


def test_a_score_run_into_the_next_rows_name_is_that_rows_score(tmp_path):
    """A document-sharing site's text: cells with single spaces, but a row's 得分 run into the
    next row's name (…2634人次10 | 10发放…), or standing after its 分值 and run into it
    (…5.1% | 10 | 10可持续…). A figure going on in words of its own (200余人) is no score."""
    text = ("就业补助资金项目支出绩效自评表（2023年度）项目名称就业补助资金主管部门某县人社局"
            "绩效指标一级指标二级指标三级指标年度指标值实际完成值分值得分偏差原因分析及改进措施"
            "产出指标数量指标职业技能培训人次≥2500人次2634人次10 10发放创业补贴人数≥150人156人10 8"
            "部分对象资料不全时效指标补贴发放及时率≥95% 96.2% 5 5成本指标培训人数 200 200余人 10 10"
            "效益指标社会效益指标城镇调查失业率≤5.5% 5.1% 10 10满意度指标服务对象满意度指标"
            "补贴对象满意度≥90% 94.3% 10 10总分100 98\n")
    rows = _indicators(text_record(tmp_path, text, "shared.txt"))
    assert rows["职业技能培训人次"] == {"weight": 10, "score": 10, "target": "≥2500人次", "actual": "2634人次"}
    assert rows["发放创业补贴人数"] == {"weight": 10, "score": 8, "target": "≥150人", "actual": "156人"}
    # (names run into the words before them here: a row is found by its name's end)
    by_end = lambda end: next(row for name, row in rows.items() if name.endswith(end))
    # (a name run into its target written with its unit, the result and the points a space
    # apart after it: the target is cut from the name)
    assert by_end("补贴发放及时率") == {"weight": 5, "score": 5, "target": "≥95%", "actual": "96.2%"}
    assert by_end("城镇调查失业率")["score"] == 10 and by_end("城镇调查失业率")["target"] == "≤5.5%"
    assert by_end("培训人数")["actual"] == "200余人" and not any(name.startswith("余") for name in rows)


def test_header_cells_wrapped_inside_a_run_together_form_are_its_header(tmp_path):
    """A narrow header cell wraps its word, and copying the form leaves a space at each wrap
    (年度 / 指标值, 分 / 值): run together with the other cells, 分值 and 得分 read 分 值得 分."""
    head = ["绩效指标", "一级指标", "二级指标", "三级指标", "年度 指标值", "实际 完成值", "分 值", "得 分",
            "偏差原因分析 及改进措施"]
    rows = [["产出指标", "数量指标", "维修村级供水站", "12座", "12座", "20", "20"],
            ["", "质量指标", "水质检测合格率", "≥95%", "92%", "20", "16"],
            ["效益指标", "社会效益指标", "受益人口", "≥3500人", "3600人", "30", "30"]]
    got = _indicators(text_record(tmp_path, _glued_form(head, rows), "wrapped.txt"))
    assert got["水质检测合格率"] == {"weight": 20, "score": 16, "target": "≥95%", "actual": "92%"}
    assert got["受益人口"] == {"weight": 30, "score": 30, "target": "≥3500人", "actual": "3600人"}


def test_a_sub_row_written_like_the_total_row_takes_no_points_that_are_not_the_totals(tmp_path):
    """The total row fills 全年预算数, 全年执行数 and 分值 (its 年初预算数 left empty); the 其中
    row below, run together alike, fills the three money columns: its third figure is spent
    money, not a second 分值."""
    text = ("项目支出绩效自评表项目名称乡镇敬老院运转主管部门某县民政局项目资金(万元)年初预算数全年预算数全年执行分值"
            "执行率得分年度资金总额50451090%其中:当年财政拨款50504590%上年结转资金其他资金年度总体目标保障运转\n")
    record = text_record(tmp_path, text, "run.txt")
    points = sorted(f["value"] for f in record["facts"] if f["kind"] == "score")
    assert points == [10]
    assert sorted(f["value"] for f in record["facts"] if f["kind"] == "amount") == \
        [Decimal(450000), Decimal(450000), Decimal(500000), Decimal(500000), Decimal(500000)]


# a form as a document-sharing site's preview renders it: 目 read as Fl, header cells wrapped
# (分 值, 得 分 beside 执行率), the total row's rate off its amounts (the form's slip), its 其中
# rows' amounts run into the dashes under 分值, 执行率 and 得分, and a 得分 run into the
# reason after it, which opens with a month
PREVIEW_FORM = ("项Fl支出绩效自评表（2022年度）项Fl名称城区公厕改造主管部门某县住房和城乡建设局项Fl资金（万元）"
                "年初预算数全年预算数全年执行数分 值执行率得 分年度资金总额320.00346.50338.201098.61%9.76"
                "其中：当年财政拨款320.00330.00321.70———上年结转资金0.0016.5016.50———"
                "绩效指标一级指标二级指标三级指标年度 指标值实际 完成值分 值得 分偏差原因分析 及改进措施"
                "产出指标数量指标改造公厕数量18座18座2020质量指标验收合格率100%100%2020"
                "时效指标按期完工率≥95%91.5%1087月连续降雨延误工期，扣2分。"
                "满意度指标服务对象满意度指标如厕群众满意度≥90%93.4%4040总分10097.76\n")


def test_a_preview_rendered_form_reads_its_funds_and_rows(tmp_path):
    record = text_record(tmp_path, PREVIEW_FORM, "preview.txt")
    amounts = sorted(f["value"] for f in record["facts"] if f["kind"] == "amount")
    assert amounts == sorted(Decimal(v) * 10000 for v in ("320.00", "346.50", "338.20", "320.00", "330.00", "0",
                                                           "321.70", "16.50", "16.50"))
    rows = _indicators(record)
    # 1087月: 10 | 8, the month opening the reason (108 | 7 and 10 | 87 are no reading)
    assert rows["按期完工率"] == {"weight": 10, "score": 8, "target": "≥95%", "actual": "91.5%"}
    assert rows["如厕群众满意度"]["score"] == 40
    # the total row's rate is the form's own slip (338.20 ÷ 346.50 is 97.60%), and the only error
    assert {f["rule"] for f in record["flags"] if f["severity"] == "error"} == {"form.execution_rate"}


def test_a_run_that_cuts_both_with_and_without_the_month_after_it_is_read_with_the_month_apart(tmp_path):
    """54 | 7 reads, and so do 5 | 4 with 7月 the reason's: a reason opening with the month
    its trouble came in is how these cells read; a 分值 of 54 among rows of 10 and 20 is not."""
    text = PREVIEW_FORM.replace("时效指标按期完工率≥95%91.5%1087月", "时效指标按期完工率≥95%93.6%547月") \
        .replace("93.4%4040总分10097.76", "93.4%4545总分10098.76")
    record = text_record(tmp_path, text, "preview.txt")
    assert _indicators(record)["按期完工率"]["weight"] == 5
    assert {f["rule"] for f in record["flags"] if f["severity"] == "error"} == {"form.execution_rate"}


def test_a_run_whose_month_after_it_leaves_two_readings_is_left_alone(tmp_path):
    """1012月: 10 | 1 with 2月, or 1 | 0 with 12月: no cut."""
    text = PREVIEW_FORM.replace("时效指标按期完工率≥95%91.5%1087月", "时效指标按期完工率≥95%91.5%1012月")
    rows = _indicators(text_record(tmp_path, text, "preview.txt"))
    assert rows.get("按期完工率", {}).get("weight") is None


@pytest.mark.parametrize("funds, amounts, errors", [
    # the 结转 row left empty under 年初预算数: its two amounts, cut by their decimal points
    ("年度资金总额80.0092.5090.401097.73%9.77其中：当年财政拨款80.0080.0078.90———上年结转资金12.5011.50———",
     ["80.00", "92.50", "90.40", "80.00", "80.00", "78.90", "12.50", "11.50"], set()),
    # parts that do not add up to the total (150 + 28 is not 168): read, and the form's slip flagged
    ("年度资金总额150.00168.00165.301098.39%9.84其中：当年财政拨款150.00150.00148.20———其他资金28.0028.0027.10———",
     ["150.00", "168.00", "165.30", "150.00", "150.00", "148.20", "28.00", "28.00", "27.10"], {"form.funds_total"}),
])
def test_sub_rows_run_into_their_dashes_are_cut_by_their_decimal_points(tmp_path, funds, amounts, errors):
    text = ("项目支出绩效自评表（2020年度）项目名称村级文化广场建设主管部门某县文化和旅游局项目资金（万元）"
            "年初预算数全年预算数全年执行数分值执行率得分" + funds + "年度总体目标建成文化广场6处\n")
    record = text_record(tmp_path, text, "parts.txt")
    assert sorted(f["value"] for f in record["facts"] if f["kind"] == "amount") == \
        sorted(Decimal(v) * 10000 for v in amounts)
    assert {f["rule"] for f in record["flags"] if f["severity"] == "error"} == errors


@pytest.mark.parametrize("carried, amounts", [
    # the 结转 row empty under 年初预算数, written with its rate: a dash, two amounts, a dash, the rate
    ("上年结转资金—36.4030.95—85.03%—", ["36.40", "30.95"]),
    # the same row with no leading dash is the usual dashed run
    ("上年结转资金36.4036.4030.95—85.03%—", ["36.40", "36.40", "30.95"]),
])
def test_a_sub_row_opening_with_a_dash_is_cut_where_its_rate_fits(tmp_path, carried, amounts):
    total = "506.40" if len(amounts) == 3 else "470.00"
    text = ("项目支出绩效自评表（2021年度）项目名称乡村公路养护主管部门某县交通运输局项目资金（万元）"
            f"年初预算数全年预算数全年执行数分值执行率得分年度资金总额{total}506.40480.751094.93%9.49"
            "其中：当年财政拨款470.00470.00449.80—95.70%—" + carried + "其他资金——————年度总体目标养护公路120公里\n")
    record = text_record(tmp_path, text, "carried.txt")
    got = sorted(f["value"] for f in record["facts"] if f["kind"] == "amount")
    want = sorted(Decimal(v) * 10000 for v in [total, "506.40", "480.75", "470.00", "470.00", "449.80", *amounts])
    assert got == want
    assert not [f for f in record["flags"] if f["severity"] == "error"]


SHARE_FORM = ("转移支付（区域）绩效目标自评表（2022年度）专项名称农村道路养护资金绩效目标完成情况一级指标二级指标三级指标"
              "指标值完成值{weight}得分产出指标数量指标养护里程≥120公里126公里20%20质量指标养护合格率≥90%96.50%20%18"
              "时效指标资金拨付及时率100%100%10%10效益指标社会效益指标群众出行满意度≥85%91%10%10得分合计{total}\n")


def test_weights_written_as_shares_under_quanzhong_leave_the_scores_read(tmp_path):
    record = text_record(tmp_path, SHARE_FORM.format(weight="权重", total="58"), "share.txt")
    scores = sorted(f["value"] for f in record["facts"] if f["kind"] == "score")
    assert scores == [10, 10, 18, 20, 58]
    # (the shares stay percentages: which points they stand for the form does not write)
    assert sorted(f["value"] for f in record["facts"] if f["kind"] == "percent").count(20) == 2
    assert not [f for f in record["flags"] if f["severity"] == "error"]
    slip = text_record(tmp_path, SHARE_FORM.format(weight="权重", total="60"), "slip.txt")
    assert [f["rule"] for f in slip["flags"] if f["severity"] == "error"] == ["form.score_total"]


def test_a_percentage_under_fenzhi_is_no_weight(tmp_path):
    record = text_record(tmp_path, SHARE_FORM.format(weight="分值", total="58"), "fenzhi.txt")
    assert sorted(f["value"] for f in record["facts"] if f["kind"] == "score") == [58]


# a form whose indicator rows have no 分值 column: target, result and 得分 only
HEAD_UNWEIGHTED = ["一级指标", "二级指标", "三级指标", "年初目标值（A）", "实际完成值（B）", "得分"]
ROWS_UNWEIGHTED = [
    ["产出指标", "数量指标", "新修机耕道长度", "≥12公里", "12.6公里", "20"],
    ["", "质量指标", "工程验收合格率", "100%", "100%", "20"],
    ["", "时效指标", "按期完工率", "≥95%", "92%", "18"],
    ["效益指标", "社会效益指标", "受益农户数", "≥800户", "836户", "22"],
    ["满意度指标", "服务对象满意度指标", "沿线农户满意度", "≥90%", "94%", "18"],
]


def test_rows_without_a_weight_column_are_target_result_and_score(tmp_path):
    record = text_record(tmp_path, _glued_form(HEAD_UNWEIGHTED, ROWS_UNWEIGHTED), "unweighted.txt")
    rows = _indicators(record)
    assert rows["新修机耕道长度"] == {"weight": None, "score": 20, "target": "≥12公里", "actual": "12.6公里"}
    assert rows["按期完工率"] == {"weight": None, "score": 18, "target": "≥95%", "actual": "92%"}
    assert rows["受益农户数"] == {"weight": None, "score": 22, "target": "≥800户", "actual": "836户"}
    assert rows["沿线农户满意度"]["score"] == 18
    values = [(f["kind"], f["value"]) for f in record["facts"]]
    assert ("percent", Decimal("9218")) not in values and ("households", Decimal("83622")) not in values
    # the scores add up to the 总分: a clean form raises no error
    assert not [f for f in record["flags"] if f["severity"] == "error"]


def test_a_weight_column_the_header_names_is_still_cut_as_one(tmp_path):
    # the same rows with 分值 after the result: a weighted header is never read as unweighted
    head = HEAD_UNWEIGHTED[:-1] + ["分值", "得分"]
    rows = [r[:-1] + ["25", r[-1]] for r in ROWS_UNWEIGHTED]
    record = text_record(tmp_path, _glued_form(head, rows), "weighted.txt")
    got = _indicators(record)
    assert got["按期完工率"] == {"weight": 25, "score": 18, "target": "≥95%", "actual": "92%"}


def test_a_weight_that_is_no_set_points_makes_no_reading():
    from extractor.extract.form_fund_run_cut import fund_cut

    # 2 | 460024600 | 24600107 | 6.3 | 5% makes a rate of its amounts, but no form sets 6.3 points
    assert fund_cut("2460024600246001076.35", None, (4, True), "7.5") is None


def test_a_worded_row_whose_points_run_into_the_next_rows_name(tmp_path):
    # target, result, 分值, 得分: 明显改善明显改善1010 then the next row's name
    head = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"]
    rows = [
        ["产出指标", "数量指标", "新建灌溉渠道长度", "≥350米", "362米", "30", "30"],
        ["效益指标", "社会效益指标", "群众灌溉条件", "明显改善", "明显改善", "10", "10"],
        ["", "", "受益农户覆盖率", "100%", "96.5%", "20", "18"],
        ["满意度指标", "服务对象满意度指标", "受益群众满意度", "≥90%", "95%", "40", "40"],
    ]
    record = text_record(tmp_path, _glued_form(head, rows), "worded.txt")
    got = _indicators(record)
    assert got["群众灌溉条件"] == {"weight": 10, "score": 10, "target": "明显改善", "actual": "明显改善"}
    assert got["受益农户覆盖率"]["score"] == 18
