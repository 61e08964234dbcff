"""Score tables whose rows end in 分值 and 得分 under bracketed group weights, run together as
document-sharing previews give them. Tables written here; names and figures invented."""
from __future__ import annotations

from decimal import Decimal

from conftest import text_record

OPENING = "某县2022年度农村公路养护项目绩效评价报告\n一、评价结论\n经评价，项目综合得分{total}分，评价等级为“{grade}”。\n"

PAIRS = """附件：绩效评价指标评分表
一级指标二级指标三级指标分值得分
决策（20分）项目立项（8分）立项依据充分性44
立项程序规范性43.5
绩效目标（12分）绩效目标合理性66
绩效指标明确性65
过程（30分）资金管理（18分）资金到位率66
预算执行率65.5
资金使用合规性6{compliance}
组织实施（12分）管理制度健全性66
制度执行有效性65
产出（30分）产出数量（15分）养护里程完成率1515
产出质量（15分）路况优良率1514
效益（20分）社会效益（20分）群众出行满意度2018.5
合计100{total}
"""


def _scores(record):
    return [f["value"] for f in record["facts"] if f["kind"] == "score"]


def _tree_flags(record):
    return [f for f in record["flags"] if f["rule"] in ("score.tree", "form.score_total")]


def test_rows_of_points_run_together_under_bracketed_weights(tmp_path):
    text = OPENING.format(total="94.5", grade="优") + PAIRS.format(compliance="6", total="94.5")
    record = text_record(tmp_path, text)
    scores = _scores(record)
    # each row's 分值 and 得分 (44 is 4 and 4; 43.5 is 4 and 3.5; 2018.5 is 20 and 18.5)
    for value in ("3.5", "5.5", "14", "18.5"):
        assert Decimal(value) in scores, value
    rows = [i for i in record["indicators"] if i["path"][-1] == "立项程序规范性"]
    assert rows and rows[0]["weight"] == 4 and rows[0]["score"] == Decimal("3.5")
    assert _tree_flags(record) == []


def test_a_total_its_rows_do_not_make_is_flagged(tmp_path):
    # the rows make 94.5; the 合计 row and the conclusion say 93.5
    text = OPENING.format(total="93.5", grade="优") + PAIRS.format(compliance="6", total="93.5")
    flags = _tree_flags(text_record(tmp_path, text))
    assert flags and all(f["severity"] == "error" for f in flags)
    assert any(f["stated"] == Decimal("93.5") and f["computed"] == Decimal("94.5") for f in flags)


def test_weights_bracketed_after_the_rows_names(tmp_path):
    table = """一级指标二级指标三级指标得分
投入（20分）目标设定（8分）绩效目标合理性（4分）4绩效指标明确性（4分）3.5
预算配置（12分）在职人员控制率（6分）6三公经费变动率（6分）5.5过程（30分）
预算执行（18分）预算完成率（6分）5支付进度率（6分）6结转结余率（6分）5.5
预算管理（12分）管理制度健全性（6分）6资金使用合规性（6分）5
产出（30分）职责履行（30分）实际完成率（15分）14质量达标率（15分）14.5
效益（20分）履职效益（20分）社会效益（10分）9服务对象满意度（10分）9.5
总分10093
"""
    record = text_record(tmp_path, OPENING.format(total="93", grade="优") + table)
    rows = {i["path"][-1]: i for i in record["indicators"]}
    assert rows["三公经费变动率"]["weight"] == 6 and rows["三公经费变动率"]["score"] == Decimal("5.5")
    assert _tree_flags(record) == []


def test_points_written_with_their_unit_and_subtotal_rows(tmp_path):
    table = """一级指标二级指标三级指标分值得分
决策（20分）项目立项（8分）立项依据充分性4分4分立项程序规范性4分3分绩效目标（12分）绩效目标合理性6分6分绩效指标明确性6分5分小计20分18分
过程（30分）资金管理（30分）资金到位率10分10分预算执行率10分9分资金使用合规性10分10分小计30分29分
产出（30分）产出数量（30分）完成率15分15分及时率15分14分小计30分29分
效益（20分）满意度（20分）群众满意度20分18分小计20分18分总计100分94分
"""
    record = text_record(tmp_path, OPENING.format(total="94", grade="优") + table)
    scores = _scores(record)
    assert scores.count(Decimal("29")) >= 2  # the 小计 rows' scores are facts
    rows = {i["path"][-1]: i for i in record["indicators"]}
    assert rows["预算执行率"]["weight"] == 10 and rows["预算执行率"]["score"] == 9
    assert _tree_flags(record) == [], [f["message"] for f in _tree_flags(record)]
    # a 小计 whose score is not its rows' sum is the text readers' to flag, not a reading of ours
    slipped = table.replace("小计30分29分\n产出", "小计30分28分\n产出")
    record = text_record(tmp_path, OPENING.format(total="94", grade="优") + slipped)
    assert not [f for f in record["flags"] if f["severity"] == "error" and "小计" not in f["message"]
                and f["rule"] == "score.tree"]


def test_a_subtotal_row_on_a_weighted_line_gives_its_score_to_its_own_group_only():
    from extractor.extract.text_indicators import _line_score
    tail = "项目立项（8分）立项依据充分性4分4分立项程序规范性4分3分小计20分17.5分"
    assert _line_score(tail, Decimal("20")) == Decimal("17.5")  # the 小计's 得分, not its 分值
    assert _line_score(tail, Decimal("15")) is None  # another group's 小计 (a line cut from its group's)
    assert _line_score("小计得分18分") == Decimal("18")


WORDED = """一级指标(分值)二级指标三级指标指标解释评分标准分值得分扣分原因
决策(20)项目立项立项依据充分性项目是否符合相关政策。依据充分得满分，否则扣1分。55无
立项程序规范性是否按规定程序申报。程序规范得满分，每缺一项扣0.5分。54.5缺少专家论证意见
绩效目标绩效目标合理性目标是否与资金量匹配。目标合理得满分。55无
绩效指标明确性指标是否细化量化。明确得满分，否则酌情扣分。54部分指标未量化
过程(30)资金管理资金到位率实际到位资金占计划的比例。到位率100%得满分。1010无
预算执行率实际支出占预算的比例。每低1个百分点扣0.5分。109.5执行率99%
资金使用合规性是否专款专用。合规得满分，发现一例违规扣2分。1010无
产出(30)产出数量任务完成率实际完成数占计划数的比例。完成率100%得满分。3029个别任务延期
效益(20)满意度群众满意度抽样调查的满意程度。满意度≥90%得满分。20{last}抽样样本偏少
合计100{total}
"""


def test_word_columns_before_the_points(tmp_path):
    # 指标解释 and 评分标准 between the name and 分值得分: their 扣1分 and 100% are no cells
    record = text_record(tmp_path, OPENING.format(total="95", grade="优") + WORDED.format(last="18", total="95"))
    scores = _scores(record)
    for value in ("4.5", "9.5", "29", "18"):
        assert Decimal(value) in scores, value
    assert _tree_flags(record) == []
    assert not [f for f in record["flags"] if f["rule"] == "sum.breakdown"]  # its cells are no sentence's
    record = text_record(tmp_path, OPENING.format(total="94", grade="优") + WORDED.format(last="18", total="94"))
    assert any(f["stated"] == Decimal("94") and f["computed"] == Decimal("95") for f in _tree_flags(record))


UNWEIGHTED = """一级指标二级指标三级指标评分标准分值得分
决策项目立项立项依据充分性1010
绩效目标合理性109
过程资金管理资金到位率资金全部到位得满分，低于90%不得分2020
预算执行率每低1个百分点扣0.5分2018.5
产出产出数量任务完成率2019
效益满意度群众满意度2018
合计100{total}
"""


def test_groups_weighted_nowhere_are_read_where_the_rows_make_the_total(tmp_path):
    record = text_record(tmp_path, OPENING.format(total="94.5", grade="优") + UNWEIGHTED.format(total="94.5"))
    # (a row's name and its criterion run together: the row is named by both)
    rows = {i["path"][-1]: i for i in record["indicators"]}
    row = next(r for name, r in rows.items() if name.startswith("预算执行率"))
    assert row["weight"] == 20 and row["score"] == Decimal("18.5")
    assert _tree_flags(record) == []
    record = text_record(tmp_path, OPENING.format(total="93.5", grade="优") + UNWEIGHTED.format(total="93.5"))
    assert any(f["stated"] == Decimal("93.5") and f["computed"] == Decimal("94.5") for f in _tree_flags(record))
