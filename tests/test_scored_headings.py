"""A report's indicators in its headings and paragraphs (extract/text_indicators.py): a heading that
writes its score beside its weight (决策（15分，得12分）) and a paragraph that scores several of
its indicators one clause after another. Every text here is made up for the tests."""
from decimal import Decimal

from conftest import text_record


def _report(decision_score: str = "12", total: str = "75") -> str:
    return (
        "临江县2022年度农村低保资金绩效评价报告\n"
        "一、评价结论\n"
        f"经综合评价，本项目综合得分{total}分，评价等级为“中”。\n"
        "二、指标分析\n"
        f"（一）决策（15分，得{decision_score}分）\n"
        "项目立项（5分）得5分；绩效目标（5分）得3分，目标不够细化，扣2分；资金投入（5分）得4分，测算依据不足，扣1分。\n"
        "（二）过程（20分，得16分）\n"
        "资金管理（10分）得8分：部分资金滞留乡镇，扣2分。\n"
        "组织实施（10分）得8分：动态管理不及时，扣2分。\n"
        "（三）产出（40分，得30分）\n"
        "数量指标（15分）得12分；质量指标（15分）得11分；时效指标（10分）得7分。\n"
        "（四）效益（25分，得17分）\n"
        "社会效益（15分）得10分；满意度（10分）得7分，满意度84.6%，低于目标，扣3分。\n"
        "三、存在问题\n"
        "资金拨付环节较多。\n")


def _indicators(record) -> dict:
    return {tuple(i["path"]): (i["weight"], i["score"]) for i in record["indicators"]}


def test_a_headings_score_beside_its_weight_and_a_paragraphs_indicators_one_after_another(tmp_path):
    record = text_record(tmp_path, _report())
    got = _indicators(record)
    assert got[("决策",)] == (Decimal("15"), Decimal("12"))
    assert got[("决策", "绩效目标")] == (Decimal("5"), Decimal("3"))
    assert got[("决策", "资金投入")] == (Decimal("5"), Decimal("4"))
    assert got[("产出", "时效指标")] == (Decimal("10"), Decimal("7"))
    assert got[("效益", "满意度")] == (Decimal("10"), Decimal("7"))
    assert not [f for f in record["flags"] if f["severity"] == "error"]


def test_a_headings_score_that_its_indicators_do_not_make(tmp_path):
    record = text_record(tmp_path, _report(decision_score="14", total="77"))
    tree = [f for f in record["flags"] if f["rule"] == "score.tree" and f["severity"] == "error"]
    assert [(f["stated"], f["computed"]) for f in tree] == [(Decimal("14"), Decimal("12"))]
