"""Score tables flattened into running text with a space between cells (a document-sharing
site's preview, a copied page), read where their own arithmetic says they are tables
(extract/flat_score_table.py). Names and figures are invented for the tests."""
from decimal import Decimal

import pytest
import regex

from conftest import text_record

_HEAD = "某市2021年度城市道路养护资金绩效再评价评分表 项目名称 城市道路养护资金 单位 某市市政管理处 内容 指标 权重 评分结果 备注 "
# 5 + 5 + 10 + 20 + 20 + 20 + 20 = 100; 4.5 + 5 + 8 + 20 + 18.5 + 19 + 16 = 91
_ROWS = ("投入 预算执行率 5.00 4.50 资金到位率 5.00 5.00 财务制度健全性 10.00 8.00 "
         "产出 道路养护面积 20.00 20.00 目标值 120 公里,完成值 126 公里 养护及时率 20.00 18.50 "
         "效果 群众满意度 20.00 19.00 长效管理机制 20.00 16.00 ")


def _scores(record) -> list:
    return sorted(Decimal(str(f["value"])) for f in record["facts"] if f["kind"] == "score")


def _errors(record, rule="score.tree") -> list:
    return [f for f in record["flags"] if f["rule"] == rule and f["severity"] == "error"]


def test_a_flat_score_table_whose_weights_add_up_is_read(tmp_path):
    record = text_record(tmp_path, _HEAD + _ROWS + "合计 100.00 91.00\n")
    rows = {i["path"][-1]: (i["weight"], i["score"]) for i in record["indicators"]}
    assert rows["预算执行率"] == (Decimal("5.00"), Decimal("4.50"))
    assert rows["养护及时率"] == (Decimal("20.00"), Decimal("18.50")), "a remark's figures (120 公里) are no row"
    assert rows["合计"] == (Decimal("100.00"), Decimal("91.00"))
    assert len(_scores(record)) == 7 * 2 + 2
    assert str(record["metadata"]["score"]) == "91.00"
    assert not _errors(record)
    weight = next(f for f in record["facts"] if f["kind"] == "score" and f["source"]["quote"] == "10.00")
    assert weight["label"] == "分值" and weight["source"]["start"] is not None


def test_a_total_score_its_rows_do_not_add_up_to_is_flagged(tmp_path):
    record = text_record(tmp_path, _HEAD + _ROWS + "合计 100.00 94.00\n")
    assert _errors(record), "91 of the rows against 94 written as the total"


def test_weights_that_do_not_add_up_to_the_total_row_are_no_table(tmp_path):
    rows = _ROWS.replace("资金到位率 5.00 5.00", "资金到位率 8.00 5.00")  # 103 against 100.00
    record = text_record(tmp_path, _HEAD + rows + "合计 100.00 91.00\n")
    assert _scores(record) == [] and not record["indicators"]


def test_a_table_the_excerpt_cuts_off_is_read_up_to_its_last_row(tmp_path):
    record = text_record(tmp_path, _HEAD + _ROWS + "影响力 长效")
    assert len(_scores(record)) == 7 * 2 and not _errors(record)
    # one that goes on into prose with no total row is left alone
    prose = "。评价组认为该项目总体实施情况较好，资金管理规范，但部分路段养护不够及时，群众仍有一定意见，需要在下一年度加以改进。"
    assert _scores(text_record(tmp_path, _HEAD + _ROWS + prose + "\n", "b.txt")) == []


def test_two_tables_naming_their_rows_alike_are_two_trees(tmp_path):
    second = ("某市2021年度公共自行车运营资金绩效再评价评分表 内容 指标 权重 评分结果 备注 "
              "投入 预算执行率 10.00 9.00 资金到位率 10.00 10.00 产出 车辆完好率 40.00 36.00 "
              "效果 群众满意度 40.00 38.00 合计 100.00 93.00\n")
    record = text_record(tmp_path, _HEAD + _ROWS + "合计 100.00 91.00 " + second)
    assert {i["table"] for i in record["indicators"]} == {"text1", "text2"}
    assert not _errors(record)


def test_a_form_s_indicator_columns_are_not_read_as_this_table(tmp_path):
    # 分值 | 得分 after the target and result columns: the form reader's, not this one's
    text = ("项目支出绩效自评表 一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 偏差原因 "
            "产出指标 数量指标 养护里程 ≥120公里 126公里 20 20 质量指标 优良路率 ≥85% 88% 20 20\n")
    record = text_record(tmp_path, text)
    assert not any(i.get("table") for i in record["indicators"])


# groups with their own subtotals: 投入 20 = 10 + 10 (17.5 = 9 + 8.5); 产出 40 = 20 + 20 (37 = 19 + 18);
# 效果 40 = 25 + 15 (36 = 23 + 13); 100 and 90.5 in all
_GROUPED = ("评价指标 分值 得分 投入 20 17.5 预算执行率 10 9 资金到位率 10 8.5 产出 40 37 完成数量 20 19 "
            "完成质量 20 18 效果 40 36 社会效益 25 23 满意度 15 13 综合得分 100 90.5\n")


def test_groups_with_their_own_subtotals_are_read_as_a_tree(tmp_path):
    record = text_record(tmp_path, "某县2022年度农机购置补贴项目绩效评价评分表\n" + _GROUPED)
    paths = {tuple(i["path"]): (i["weight"], i["score"]) for i in record["indicators"]}
    assert paths[("投入",)] == (Decimal(20), Decimal("17.5"))
    assert paths[("投入", "资金到位率")] == (Decimal(10), Decimal("8.5"))
    assert paths[("效果", "满意度")] == (Decimal(15), Decimal(13))
    assert str(record["metadata"]["score"]) == "90.5" and not _errors(record)
    # a group's score off its rows is flagged: 投入 written 18.5 over 9 + 8.5
    slipped = text_record(tmp_path, "评分表\n" + _GROUPED.replace("投入 20 17.5", "投入 20 18.5"), "b.txt")
    assert _errors(slipped)


def test_a_table_wrapped_over_lines_with_a_deduction_column(tmp_path):
    # 分值 得分 扣分 (扣分 = 分值 − 得分 on every row), the total's score on the next line
    text = ("评分情况如下：\n指标名称 满分 得分 扣分 评分依据 资金到位率 10 10 0 到位率100%\n"
            "预算执行率 10 9 1 执行率91%，扣1分 项目管理 30 27 3\n产出数量 25 24 1 产出质量 25 22 3 合计 100\n92 8\n")
    record = text_record(tmp_path, text)
    rows = {i["path"][-1]: (i["weight"], i["score"]) for i in record["indicators"]}
    assert rows["预算执行率"] == (Decimal(10), Decimal(9)) and rows["合计"] == (Decimal(100), Decimal(92))
    deductions = [f["source"]["quote"] for f in record["facts"] if f["kind"] == "score" and f["label"] == "扣分"]
    assert {"0", "1", "3", "8"} <= set(deductions)
    # a 扣分 that is not 分值 − 得分 says these are not the columns
    assert not text_record(tmp_path, text.replace("30 27 3", "30 27 4"), "b.txt")["indicators"]


# the same table with no space between cells: 分值 | 得分 cut where every row's 分值 add up
# to the total's; a remark's figure with its unit (计划800人) is no row
_GLUED = ("指标权重评分结果备注投入2018项目立项规范性55绩效目标合理性54资金落实情况109过程2017业务管理108"
          "财务管理109产出4037培训人数1010计划800人，实际836人培训合格率109培训完成及时性108人均培训成本1010"
          "效果2016培训后就业率107学员满意度109合计10088\n")


def test_a_score_table_run_together_is_cut_where_its_weights_add_up(tmp_path):
    record = text_record(tmp_path, "某县新型职业农民培育项目绩效评价\n" + _GLUED)
    paths = {tuple(i["path"]): (i["weight"], i["score"]) for i in record["indicators"]}
    assert paths[("投入", "资金落实情况")] == (Decimal(10), Decimal(9))
    assert paths[("产出", "培训人数")] == (Decimal(10), Decimal(10))
    assert paths[("效果",)] == (Decimal(20), Decimal(16))
    assert str(record["metadata"]["score"]) == "88" and not _errors(record)
    # a run with no total to tell its cuts by is left alone
    assert _scores(text_record(tmp_path, "评价\n" + _GLUED.replace("合计10088", ""), "b.txt")) == []


# a loan project's weighted table: weighted = weight × score on every row, 16.50 + 20.40 +
# 29.60 + 8.80 = 75.30 (cells a space apart, or run together after each weight)
_WEIGHTED = ("评价准则 权重(%) 评价分值(百分制) 加权得分 绩效等级 相关性 20% 82.50 16.50 比较相关 "
             "效率 30% 68.00 20.40 效率一般 效果 40% 74.00 29.60 比较满意 可持续性 10% 88.00 8.80 可持续 "
             "项目绩效 100% / 75.30\n")


@pytest.mark.parametrize("glued", [False, True])
def test_a_weighted_table_is_read_where_every_row_is_its_weight_times_its_score(tmp_path, glued):
    text = _WEIGHTED if not glued else regex.sub(r"(?<=[\d%])\s+(?=\d)|(?<=\d)\s+(?=\p{Han})|(?<=\p{Han})\s+(?=\d)", "", _WEIGHTED)
    record = text_record(tmp_path, "某省利用亚洲开发银行贷款项目绩效评价结果\n" + text)
    rows = {i["path"][-1]: (i["weight"], i["score"]) for i in record["indicators"]}
    assert rows["效果"] == (Decimal(40), Decimal("29.60")) and rows["合计"] == (Decimal(100), Decimal("75.30"))
    assert {Decimal("82.50"), Decimal("68.00"), Decimal("74.00"), Decimal("88.00")} <= set(_scores(record))
    assert str(record["metadata"]["score"]) == "75.30" and not _errors(record)
    # a total off the weighted scores' sum is flagged
    assert _errors(text_record(tmp_path, "评价结果\n" + text.replace("75.30", "79.30"), "b.txt"))


def test_a_table_on_one_tab_separated_line_with_a_group_of_one_row(tmp_path):
    # 准备 20 = 12 + 8; 实施 75 = 40 + 35; 档案 5 = its one row's 5 (4 and 4): 100, 85
    cells = ["指标", "权重", "评分结果", "备注", "准备", "20", "17", "方案完整性", "12", "10", "依据充分性", "8", "7",
             "实施", "75", "64", "数据采集", "40", "35", "现场核查", "35", "29", "档案", "5", "4", "底稿完整性", "5", "4",
             "合计", "100", "85"]
    record = text_record(tmp_path, "报告质量再评价评分表\n" + "\t".join(cells) + "\n再评价得分85分。\n")
    paths = {tuple(i["path"]): (i["weight"], i["score"]) for i in record["indicators"]}
    assert paths[("档案", "底稿完整性")] == (Decimal(5), Decimal(4))
    assert paths[("实施", "现场核查")] == (Decimal(35), Decimal(29)) and not _errors(record)


def test_a_score_cut_by_a_preview_chunk_it_was_not_joined_across_is_not_read(tmp_path):
    # (chunks of different lengths, as a printed page leaves them: not joined into one text)
    # 财务制度健全性 scored 8.50 (and 资金到位率 4.50, so the total stays 91), its 8.50 cut after the 8
    rows = _ROWS.replace("资金到位率 5.00 5.00", "资金到位率 5.00 4.50").replace("财务制度健全性 10.00 8.00", "财务制度健全性 10.00 8")
    head, tail = rows.split(" 产出 ")
    text = "某市2021年度城市道路养护资金绩效再评价评分表\n1、" + _HEAD + head + "\n2、.50 产出 " + tail \
        + "合计 100.00 91.00\n3、评价等级为优。\n"
    record = text_record(tmp_path, text)
    assert not _errors(record), "8 | .50 is no score of 8 against a total of 91"


# columns of words (指标说明, 评分标准) between the indicator and its 权数 | 考评得分: 6 + 6 + 8 +
# 10 + 12 + 8 = 50 of weights over a 50-point table; 6 + 5 + 7 + 10 + 9.5 + 8 = 45.5
_DESCRIBED = ("附表 考核评分表 项目 考核内容 考核指标 指标说明 评分标准 权数 考评得分 "
              "投入 资金保障 配套到位率 到位配套资金/应配套资金×100% 足额得满分，每低1%扣0.3分 6 6 "
              "资金拨付及时性 是否按期拨付到户 按期得满分，逾期一次扣1分 6 5 "
              "过程 财务管理 支出合规性 有无挤占挪用 每发现一处扣2分 8 7 "
              "产出 数量 补助发放覆盖率 发放户数/应发户数×100% ≥98%得满分，每低1%扣1分 10 10 "
              "效果 效益 群众收入增长 较上年增长幅度 增长5%以上得满分 12 9.5 "
              "满意度 受益对象满意度 问卷调查 ≥90%得满分 8 8 ")


def test_a_flat_table_with_columns_of_words_before_its_weights(tmp_path):
    record = text_record(tmp_path, _DESCRIBED + "合计 50 45.5\n")
    rows = {i["path"][-1]: (i["weight"], i["score"]) for i in record["indicators"]}
    assert rows["资金拨付及时性"] == (Decimal("6"), Decimal("5")), "the row's name stands before its two described cells"
    assert rows["受益对象满意度"] == (Decimal("8"), Decimal("8"))
    assert rows["合计"] == (Decimal("50"), Decimal("45.5"))
    assert not _errors(record)
    # the same with one 得分 written wrong: the total is flagged
    assert _errors(text_record(tmp_path, _DESCRIBED.replace(" 8 7 ", " 8 6 ") + "合计 50 45.5\n", "b.txt"))


def test_described_rows_running_into_prose_are_no_table(tmp_path):
    prose = ("。本年度评价组还对项目的资金分配、拨付和使用情况进行了全面核查，并抽查了部分乡镇的原始凭证和发放台账，"
             "结合座谈和问卷调查情况综合评定，认为该项目总体完成较好，但仍存在部分问题需要整改落实 3 2 ")
    record = text_record(tmp_path, _DESCRIBED[:_DESCRIBED.index("过程")] + prose + "\n")
    assert not record["indicators"]


def test_a_summary_of_first_levels_on_one_line_is_read(tmp_path):
    # 一级指标 | 分值 | 得分 | 得分率, its rows run on a space apart, the total last
    text = ("经评价，该项目综合得分86.2分，评价等级为良。一级指标得分情况如下：\n"
            "一级指标 分值 得分 得分率 决策 15 13 86.67% 过程 25 21.2 84.80% 产出 30 27 90.00% 效益 30 25 83.33% "
            "合计 100 86.2 86.20%\n")
    record = text_record(tmp_path, text)
    scores = [f["value"] for f in record["facts"] if f["kind"] == "score"]
    for figure in ("15", "13", "25", "21.2", "30", "27", "25", "100"):
        assert Decimal(figure) in scores, figure
    assert not [f for f in record["flags"] if f["severity"] == "error"]
    # a form's indicator header (一级指标 | 二级指标 …) is no such summary
    form_head = "一级指标 二级指标 三级指标 分值 得分 产出指标 数量指标 培训人数 50 48\n"
    assert not [f for f in text_record(tmp_path, form_head, "head.txt")["facts"] if f.get("label") == "分值"
                and f["value"] == Decimal("48")]
