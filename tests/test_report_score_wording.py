"""The report's own total score among the other scores a report states: last year's, its levels'
in a table that writes 得分 on every row, a grade written before the score, and level headings
whose points are the points awarded. Written here; figures invented."""
from __future__ import annotations

from conftest import text_record

OPENING = "某县2020年度农村饮水安全项目绩效自评报告\n一、项目概况\n本项目年度预算650万元，实际支出628.4万元。\n"


def _errors(record):
    return [f for f in record["flags"] if f["severity"] == "error"]


def test_last_years_score_is_not_this_reports(tmp_path):
    text = OPENING + "二、自评结论\n上年度（2019年）本项目自评得分88分，等级为良。\n本年度自评结果：优（94分）。\n"
    record = text_record(tmp_path, text, "r.txt")
    assert record["metadata"]["score"] == 94 and record["metadata"]["grade"] == "优"


def test_a_grade_written_before_its_score(tmp_path):
    text = OPENING + "二、评价结论\n经评价组综合评定，评价结论为“良”，得分84.5分。\n"
    record = text_record(tmp_path, text, "r.txt")
    assert float(record["metadata"]["score"]) == 84.5 and record["metadata"]["grade"] == "良"


def test_a_table_writing_score_on_every_row_gives_no_report_score(tmp_path):
    text = OPENING + ("二、评价结论\n评价结论为“良”，得分83分。其中：\n"
                      "投入\t20分\t得分\t17分\n过程\t20分\t得分\t17分\n产出\t40分\t得分\t34分\n效果\t20分\t得分\t15分\n")
    record = text_record(tmp_path, text, "r.txt")
    assert record["metadata"]["score"] == 83
    assert not [f for f in _errors(record) if f["rule"] == "score.grade"]


def test_level_headings_worth_the_awarded_total_are_no_weights(tmp_path):
    text = OPENING + ("二、评价结论\n经综合评价，该项目绩效评价得分91.5分，评价结果为“优秀”。\n三、绩效分析\n"
                      "（一）决策（14.0分）\n立项规范，扣1分。\n（二）过程（22.5分）\n资金拨付滞后，扣2.5分。\n"
                      "（三）产出（33.0分）\n两处工程未按期完工，扣2分。\n（四）效益（22.0分）\n群众满意度偏低，扣3分。\n")
    record = text_record(tmp_path, text, "r.txt")
    assert not [f for f in _errors(record) if f["rule"] == "score.tree"], [f["message"] for f in _errors(record)]
