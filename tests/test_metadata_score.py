"""The report's total score as narrative reports state it, in wordings written for these tests."""
from __future__ import annotations

from decimal import Decimal

import pytest

from conftest import text_record

OPENING = "某县卫生健康局2022年度家庭医生签约服务项目绩效自评报告\n一、项目基本情况\n本项目年度预算资金120万元，全年执行115.2万元。\n"


@pytest.mark.parametrize("sentence, score", [
    ("经综合评定，该项目绩效自评得分95.5分，评价等级为“优”。", "95.5"),
    ("项目绩效自评得分为：96.5分，自评等级为优秀。", "96.5"),
    ("本次绩效评价最终得分87.6分，等次为良。", "87.6"),
    ("绩效自评综合得分：91.2，等级为优。", "91.2"),
    ("经评价，该项目得分为 88 分。", "88"),
    ("评价得分:92.35 绩效等级:优秀", "92.35"),  # no 分, the grade after a space (a form turned text)
    ("自评得分：86 自评等级：良", "86"),
    ("（一）评价结论\n项目绩效评价总体得分93分。", "93"),
    ("评价分值:84.26分评价等级:良", "84.26"),
    ("效益指标得27分（满分30分），满意度指标得9分（满分10分），该项目自评总得分90.5分，等级为“优”。", "90.5"),
])
def test_the_total_score_in_its_usual_wordings(tmp_path, sentence, score):
    assert text_record(tmp_path, OPENING + "二、绩效自评结论\n" + sentence + "\n")["metadata"]["score"] == Decimal(score)


@pytest.mark.parametrize("sentence", [
    "产出指标自评得分38分，效益指标自评得分27分。",       # a part's points
    "全年培训基层医生得分：120分制考核平均分较上年提高。",  # no total out of 100
    "满意度调查综合得分：93分。",                         # a survey's score
    "决策类指标评价分值20分，实际得分18分。",              # a weight, no grade after it
    "结合项目特点设置评价指标体系，总分100分。",            # the scale the scores are out of
])
def test_scores_that_are_not_the_total(tmp_path, sentence):
    assert text_record(tmp_path, OPENING + "二、绩效自评情况\n" + sentence + "\n")["metadata"].get("score") is None


def test_a_score_under_its_own_heading_and_a_grade_in_brackets(tmp_path):
    text = ("某县2022年度农村公路养护项目绩效自评报告\n一、项目概况\n项目资金50万元。\n"
            "四、自评结论\n（一）自评得分\n\n96.5分。\n（二）自评等级\n评价得分及绩效等级为(优)。\n")
    record = text_record(tmp_path, text)
    assert record["metadata"]["score"] == Decimal("96.5") and record["metadata"]["grade"] == "优"
    assert record["metadata_sources"]["score"]["quote"] == "96.5分。"
    # a heading of an item's score (（三）满意度得分) is no report's score
    other = text.replace("（一）自评得分", "（一）满意度得分")
    assert text_record(tmp_path, other, "b.txt")["metadata"]["score"] is None


@pytest.mark.parametrize("sentence, score", [
    ("对照评分表逐项打分，总评得分为97分。\n1、项目决策情况，自评得分19分。", "97"),  # the total before the parts'
    ("对照附件评分表逐项自评，自评分数98.5。", "98.5"),                          # a 分数 written without 分
    ("本项目自评总分：93.2分，等级为优。", "93.2"),
])
def test_the_total_in_less_common_wordings(tmp_path, sentence, score):
    assert text_record(tmp_path, OPENING + "二、绩效自评情况\n" + sentence + "\n")["metadata"]["score"] == Decimal(score)


@pytest.mark.parametrize("sentence, grade", [
    ("项目自评得分96分，自评结果为“优秀”。", "优秀"),
    ("各项指标均已完成，整体绩效自评为优 秀。", "优秀"),  # a wrapped line joined with a space
    ("经综合评定，本单位整体支出绩效自评为良好。", "良好"),
])
def test_the_grade_in_less_common_wordings(tmp_path, sentence, grade):
    assert text_record(tmp_path, OPENING + "二、绩效自评情况\n" + sentence + "\n")["metadata"]["grade"] == grade


@pytest.mark.parametrize("sentence, grade", [
    ("资金拨付及时，完成情况较好，总体绩效评价评为好。", "好"),
    ("项目实施基本达到预期，综合评价为较好。", "较好"),
    ("综合评价为良，仍有改进空间。", "良"),
])
def test_a_verdict_worded_as_the_grade(tmp_path, sentence, grade):
    assert text_record(tmp_path, OPENING + "二、绩效自评情况\n" + sentence + "\n")["metadata"]["grade"] == grade


@pytest.mark.parametrize("sentence", [
    "群众对项目的综合评价为好评率98%。",  # 好评 is praise, not a grade
    "以绩效评价为抓手，强化资金管理。",
    "本项目绩效评价中发现的问题已整改。",
])
def test_wordings_that_name_no_grade(tmp_path, sentence):
    assert text_record(tmp_path, OPENING + "二、绩效自评情况\n" + sentence + "\n")["metadata"].get("grade") is None


def test_a_grade_of_another_scale_is_not_held_to_the_usual_bands(tmp_path):
    # 好 / 较好 / 一般 / 较差 is a scale of its own: without its bands stated, 86分 and 好 say nothing
    text = OPENING + "二、绩效自评情况\n经自评，该项目绩效自评得分86分，总体绩效评价评为好。\n"
    record = text_record(tmp_path, text)
    assert record["metadata"]["score"] == Decimal("86") and record["metadata"]["grade"] == "好"
    assert not [f for f in record["flags"] if f["rule"] == "score.grade"]
    # a grade of the usual scale still is
    record = text_record(tmp_path, text.replace("评为好", "评为优"))
    assert [f for f in record["flags"] if f["rule"] == "score.grade"]


def test_a_count_of_items_graded_is_no_report_grade(tmp_path):
    text = OPENING + "二、抽查复核情况\n抽查的20个项目中，15个项目自评为优，5个项目自评为良。\n"
    assert text_record(tmp_path, text)["metadata"].get("grade") is None


@pytest.mark.parametrize("sentence, score, grade", [
    ("经评价，项目得分92分，属于“优秀”档次。与上年度评价得分85分相比提高了7分。", "92", "优秀"),
    ("本项目绩效评价结果为良好（84.5分）。", "84.5", "良好"),
    ("评价组建立了总分100分的指标体系。经评价，项目综合得分93分。", "93", None),
    # the weights listed, then 总分100分: the framework's scale beside the total stated later
    ("设置了决策（15分）、过程（25分）、产出（35分）、效益（25分）四个一级指标，总分100分。经评价，综合评价得分为90.8分。",
     "90.8", None),
    ("本项目综合得分91.2分，较2022年度评价得分87分有所提高，评价等级为“优秀”。", "91.2", "优秀"),
])
def test_the_total_beside_last_years_and_the_frameworks(tmp_path, sentence, score, grade):
    meta = text_record(tmp_path, OPENING + "二、评价结论\n" + sentence + "\n")["metadata"]
    assert meta["score"] == Decimal(score) and meta.get("grade") == grade


def test_last_years_score_is_no_other_reading_of_the_grade(tmp_path):
    # 91.2 is 优 by the usual bands; 87 is last year's, so 良好 is a slip of this year's total
    text = OPENING + "二、评价结论\n本项目综合得分91.2分，较2022年度评价得分87分有所提高，评价等级为“良好”。\n"
    assert [f["rule"] for f in text_record(tmp_path, text)["flags"] if f["severity"] == "error"] == ["score.grade"]


def test_a_summary_closed_by_its_total_and_a_framework_out_of_150(tmp_path):
    body = ("决策指标（20分）得16分，过程指标（20分）得17分，产出指标（40分）得33分，效益指标（20分）得16分。"
            "项目综合得分82分，评价等级为“良”，略高于全市同类项目平均得分79.6分。\n")
    record = text_record(tmp_path, OPENING + "二、评价结论\n" + body)
    assert [f["message"] for f in record["flags"] if f["severity"] == "error"] == []
    scaled = ("指标体系总分150分。各类指标得分情况为：决策指标（30分）得26分，过程指标（30分）得25.05分，"
              "产出指标（50分）得43分，效益指标（40分）得36分，合计得分130.05分。按百分制计算得分86.7分，对应等级为“良”。\n")
    record = text_record(tmp_path, OPENING + "二、评价结论\n" + scaled)
    assert [f["message"] for f in record["flags"] if f["severity"] == "error"] == []
    slipped = text_record(tmp_path, OPENING + "二、评价结论\n" + scaled.replace("得36分，合计得分130.05分", "得36分，合计得分132.05分"))
    assert any(f["rule"] == "score.tree" for f in slipped["flags"] if f["severity"] == "error")


def test_a_score_tables_weights_short_of_its_total_are_flagged(tmp_path):
    # an evaluation's score table (no budget block whose points it could have left out): the
    # 分值 column adds up to 98 against a 合计 of 100
    cells = ["绩效评价指标评分表", "一级指标", "二级指标", "三级指标", "分值", "评分标准", "得分",
             "决策", "项目立项", "立项依据充分性", "20", "依据充分得20分", "20",
             "过程", "资金管理", "预算执行率", "20", "执行率≥95%得满分", "18",
             "产出", "产出数量", "完成率", "28", "全部完成得满分", "28",
             "效益", "满意度", "群众满意度", "30", "满意度≥90%得满分", "29",
             "合计", "100", "95"]
    record = text_record(tmp_path, OPENING + "\n".join(cells) + "\n")
    assert any(f["rule"] == "score.tree" and "分值" in f["message"] for f in record["flags"]
               if f["severity"] == "error")
