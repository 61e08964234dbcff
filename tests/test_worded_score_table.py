"""Score tables run together with word columns between 分值 and 得分 (a report's criteria, a
form's target and actual), as document-sharing previews give them: read only where the
bracketed weights, or a 合计 row, leave one reading. The tables are written for the test,
with invented names and figures."""
from decimal import Decimal

from conftest import text_record

_REPORT_HEAD = "附件：2022年度河口镇污水管网维护项目绩效评分表一级指标二级指标三级指标分值评分标准得分"
# 决策(20) = 立项(10: 6 + 4) + 目标(10: 5 + 5); 产出(30) = 8 + 7 + 15
_REPORT_BODY = ("决策(20分)项目立项(10分)立项依据充分性6符合上级规划和部门职责，依据充分的得满分6"
                "立项程序规范性4按规定程序申报审批4绩效目标(10分)目标明确性5目标细化量化5指标合理性5与预算匹配，"
                "覆盖率≥90%得满分4.5产出(30分)管网巡查次数8全年巡查不少于24次8清淤完成率7完成率达到100%得分6"
                "完工及时性15在2022年11月30日前完工的得满分15")


def _scores(record):
    return [Decimal(str(f["value"])) for f in record["facts"] if f["kind"] == "score"]


def _errors(record):
    return [f for f in record["flags"] if f["severity"] == "error"]


_REST = "效益(50分)社会效益(50分)群众满意度30满意度≥90%得满分28居民投诉下降率20较上年下降10%以上得满分20"


def test_rows_with_criteria_between_their_figures_are_read_under_their_weights(tmp_path):
    record = text_record(tmp_path, _REPORT_HEAD + _REPORT_BODY + _REST + "合计10096.5\n", "worded.txt")
    rows = {i["path"][-1]: (i["weight"], i["score"]) for i in record["indicators"] if i["score"] is not None}
    assert rows["立项程序规范性"] == (Decimal(4), Decimal(4))
    assert rows["指标合理性"] == (Decimal(5), Decimal("4.5"))
    assert rows["清淤完成率"] == (Decimal(7), Decimal(6))
    assert rows["完工及时性"] == (Decimal(15), Decimal(15))


def test_a_table_cut_off_gives_its_whole_groups_figures_and_no_score_check(tmp_path):
    # the excerpt ends inside the table: the report's own score is no sum of what is there
    record = text_record(tmp_path, "评价得分92分。\n" + _REPORT_HEAD + _REPORT_BODY + "\n", "cut.txt")
    # the report's score, the weights (20, 10, 10, 30) and each row's 分值 and 得分; the
    # criteria's own figures (90%, 100%, 24次, the date) are no scores
    assert sorted(_scores(record)) == sorted(
        [Decimal(x) for x in ("92", "20", "10", "10", "30", "6", "6", "4", "4", "5", "5", "5", "4.5", "8", "8", "7", "6",
                              "15", "15")])
    assert not _errors(record)


def test_a_total_the_rows_do_not_make_is_flagged(tmp_path):
    rest = _REST
    good = text_record(tmp_path, _REPORT_HEAD + _REPORT_BODY + rest + "合计10096.5\n", "whole.txt")
    assert not _errors(good)
    assert any(i.get("total") and i["score"] == Decimal("96.5") for i in good["indicators"])
    bad = text_record(tmp_path, _REPORT_HEAD + _REPORT_BODY + rest + "合计10094.5\n", "whole_bad.txt")
    assert [f["rule"] for f in _errors(bad)] == ["score.tree"]


def test_a_group_whose_rows_do_not_add_up_is_not_read(tmp_path):
    # 产出(30) over rows of 8 + 7 + 10: a figure of the words read as a row's, or a row lost
    broken = _REPORT_BODY.replace("完工及时性15在2022年11月30日前完工的得满分15", "完工及时性10按期完工10")
    record = text_record(tmp_path, _REPORT_HEAD + broken + "\n", "broken.txt")
    # the first group's rows are read, none of the second's (8 | 8, 7 | 6)
    assert Decimal("4.5") in _scores(record) and not {Decimal(8), Decimal(7)} & set(_scores(record))


def test_a_form_block_with_targets_and_actuals_run_together(tmp_path):
    head = "一级指标二级指标三级指标分值年度指标值实际完成值得分偏差原因分析及改进措施"
    body = ("产出指标(50分)数量指标培训人数20≥800人826人20质量指标合格率15≥95%97.5%15"
            "时效指标完成时间152023年10月底2023年10月完成15效益指标(30分)社会效益指标就业率20≥60%58%18"
            "未达目标，加强跟踪服务可持续影响长效机制10健全健全10满意度指标(20分)学员满意度10≥90%93%10"
            "用人单位满意度10≥85%88%10")
    record = text_record(tmp_path, "2023年度职业技能培训项目支出绩效自评表\n" + head + body + "总分10098\n", "form.txt")
    # every weight, 分值 and 得分 a score (the form reader checks them with the form's parts)
    assert sorted(_scores(record)) == sorted(Decimal(x) for x in (
        "50", "20", "20", "15", "15", "15", "15", "30", "20", "18", "10", "10", "20", "10", "10", "10", "10",
        "100", "98"))
    assert record["metadata"]["score"] == Decimal(98)
    headcounts = [Decimal(str(f["value"])) for f in record["facts"] if f["kind"] == "headcount"]
    assert headcounts == [Decimal(800), Decimal(826)]
    assert not _errors(record)


def test_cells_a_space_apart_are_left_to_the_other_readers(tmp_path):
    spaced = ("决策(20分) 项目立项(10分) 立项依据充分性 6 依据充分 6 立项程序规范性 4 程序规范 4 "
              "绩效目标(10分) 目标明确性 5 目标细化 5 指标合理性 5 与预算匹配 4.5")
    record = text_record(tmp_path, _REPORT_HEAD + spaced + "\n", "spaced.txt")
    assert not any(i["path"][-1] == "立项程序规范性" and i.get("origin") == "list" and str(i.get("table", "")).startswith("text")
                   for i in record["indicators"])


_POINTS_LAST_HEAD = "绩效指标一级指标二级指标三级指标年度指标值实际完成值分值得分偏差原因分析及改进措施\n"


def test_form_rows_ending_in_their_points_run_together(tmp_path):
    # a web page's form as text: each row's 分值 and 得分 run together at its end (1212 is 12 | 12)
    rows = ("产出指标数量指标道路保洁覆盖率100%100%1212\n垃圾清运量≥3000吨3120吨1010\n"
            "质量指标设施完好率≥95%92%86设施老化\n时效指标问题处置及时性及时较及时75个别延误\n"
            "满意度指标服务对象满意度指标居民满意度≥85%88%1010\n总分:93\n")
    record = text_record(tmp_path, "2021年度项目支出绩效自评表\n" + _POINTS_LAST_HEAD + rows, "points_last.txt")
    assert sorted(_scores(record)) == sorted(Decimal(x) for x in
                                            ("12", "12", "10", "10", "8", "6", "7", "5", "10", "10", "93"))
    assert not _errors(record)



# 一级指标二级指标三级指标分值评价值得分, one row a line as a preview gives it: a row's 分值
# runs into the value after it (覆盖率4100%4 is 4 | 100% | 4), each group closes with its 小计
# (1513 is its weight 15 and its rows' 得分 13); a page's number stands on a line of its own
_LEAD_TABLE = "\n".join([
    "三、评分情况",
    "一级指标二级指标三级指标分值评价值得分",
    "决策（10分）项目立项立项依据充分性4充分4",
    "绩效目标目标明确性3较明确2.5",
    "资金投入资金分配合理性3合理3",
    "小计109.5",
    "过程（30分）资金管理资金到位率8100%8",
    "预算执行率1290.6%10",
    "2、",
    "组织实施制度执行有效性10有效9",
    "小计3027",
    "产出（60分）产出数量管网铺设户数253126户25",
    "产出质量验收合格率2097.5%19",
    "群众满意度1592%15",
    "小计6059",
    "合计10095.5",
])


def test_a_weight_run_into_the_value_after_it_is_cut_where_the_group_adds_up(tmp_path):
    record = text_record(tmp_path, _LEAD_TABLE + "\n", "leads.txt")
    rows = {i["path"][-1]: (i["weight"], i["score"]) for i in record["indicators"] if i["score"] is not None}
    assert rows["资金管理资金到位率"] == (Decimal(8), Decimal(8))  # not 81 | 00%
    assert rows["预算执行率"] == (Decimal(12), Decimal(10))  # not 1 | 290.6%: 10 is more than 1
    assert rows["产出数量管网铺设户数"] == (Decimal(25), Decimal(25))  # not 2 | 53126户 nor 253 | 126户 (> 60)
    assert rows["组织实施制度执行有效性"] == (Decimal(10), Decimal(9))  # the page's 2、 no part of the name
    assert rows["群众满意度"] == (Decimal(15), Decimal(15))
    values = {(f["kind"], Decimal(str(f["value"]))) for f in record["facts"] if f["label"] == "完成值"}
    assert ("percent", Decimal("90.6")) in values and ("households", Decimal(3126)) in values
    # the text readers' whole-run figures (1290.6%, 253126户) are gone
    assert not [f for f in record["facts"] if f["kind"] == "percent" and Decimal(str(f["value"])) > 100]
    # each 小计's weight and score, cut where they are its group's
    scores = _scores(record)
    for figure in ("10", "9.5", "30", "27", "60", "59"):
        assert Decimal(figure) in scores
    assert not _errors(record)


def test_a_subtotal_that_is_not_its_groups_sum_is_left_unread_and_a_wrong_total_flagged(tmp_path):
    text = _LEAD_TABLE.replace("小计3027", "小计3028").replace("合计10095.5", "合计10096.5")
    record = text_record(tmp_path, text + "\n", "leads_bad.txt")
    assert "28" not in [str(f["value"]) for f in record["facts"] if f["kind"] == "score"]
    assert [f["rule"] for f in _errors(record)] == ["score.tree"]


def test_a_header_whose_narrow_cells_wrapped_is_read_as_the_header(tmp_path):
    """分 / 值 and 得 / 分 wrapped in their narrow cells, as a preview keeps them: 分 值评分标准得 分,
    the last run into the first group's name."""
    head = _REPORT_HEAD.replace("分值评分标准得分", "分 值评分标准得 分")
    record = text_record(tmp_path, head + _REPORT_BODY + _REST + "合计10096.5\n", "worded.txt")
    rows = {i["path"][-1]: (i["weight"], i["score"]) for i in record["indicators"] if i["score"] is not None}
    assert rows["指标合理性"] == (Decimal(5), Decimal("4.5"))
    assert rows["群众满意度"] == (Decimal(30), Decimal(28))
    assert not _errors(record)
