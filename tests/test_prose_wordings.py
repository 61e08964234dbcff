"""Rates and shares in report prose worded in ways the checker was not tuned on: a completion
rate named after its plan (目标完成率, 计划完成率), a share written 为…的 rather than 占…的, a share
of households; parts named a sentence after their total (…投入资金X万元。中央和省级资金分别为…),
flagged above it only; an amount a price per head (each 人次 too) and a count do not give, the
amount opening the sentence; and the made-up reports of bench/prose_variants.py, each with one statement made
inconsistent, flagged under its rule, while clean ones raise no error. Sentences written for the
test, with invented figures."""
import sys
from pathlib import Path

import pytest

from conftest import text_record

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
import prose_variants  # noqa: E402


def _severities(tmp_path, text, rule):
    """The severities of the flags of `rule` on a report of the one sentence or two."""
    record = text_record(tmp_path, "某县2023年度农村改厕项目绩效评价报告\n" + text + "\n")
    return [f["severity"] for f in record["flags"] if f["rule"] == rule]


@pytest.mark.parametrize("sentence", [
    "年度目标为改造农村户厕2400户，实际改造2280户，目标完成率96.50%。",  # 2280 ÷ 2400 = 95.00%
    "计划培训保洁员850人次，实际培训816人次，计划完成率97.60%。",  # 816 ÷ 850 = 96.00%
    "全年实际改造农村户厕2280户，占年度计划2400户的96.50%。",  # a share of households
    "全年实际支出资金612.00万元，为全年预算720.00万元的86.00%。",  # 612 ÷ 720 = 85.00%
])
def test_a_rate_its_figures_do_not_give_is_flagged(tmp_path, sentence):
    assert "error" in _severities(tmp_path, sentence, "ratio.stated")


@pytest.mark.parametrize("sentence", [
    "年度目标为改造农村户厕2400户，实际改造2280户，目标完成率95.00%。",
    "计划培训保洁员850人次，实际培训816人次，计划完成率96.00%。",
    "全年实际改造农村户厕2280户，占年度计划2400户的95.00%。",
    "全年实际支出资金612.00万元，为全年预算720.00万元的85.00%。",
    "年度目标完成率≥90%，全年实际改造农村户厕2280户，计划2400户。",  # a target of the rate: not checked
    "全年实际支出资金612.00万元，为全年预算720.00万元，执行率86%。",  # 为 without 的: no share
])
def test_a_rate_its_figures_give_or_a_target_is_not_flagged(tmp_path, sentence):
    assert "error" not in _severities(tmp_path, sentence, "ratio.stated")


@pytest.mark.parametrize("text", [
    "项目共投入资金512.40万元。中央和省级资金分别为300.00万元、240.00万元。",  # 540.00
    "全年到位资金86.50万元。省级、市级和县级资金分别为40.00万元、30.00万元、20.00万元。",  # 90.00
])
def test_parts_named_a_sentence_after_their_total_above_it_are_flagged(tmp_path, text):
    assert _severities(tmp_path, text, "sum.breakdown") == ["error"]


@pytest.mark.parametrize("text", [
    "项目共投入资金540.00万元。中央和省级资金分别为300.00万元、240.00万元。",
    # short of the total: the list may name some of its parts (县级配套 is not named)
    "项目共投入资金600.00万元。中央和省级资金分别为300.00万元、240.00万元。",
    # two figures before: which one the parts break down is not said
    "项目预算500.00万元，实际投入资金512.40万元。中央和省级资金分别为300.00万元、240.00万元。",
    # words besides the names: the list is no breakdown of the figure before
    "项目共投入资金512.40万元。经核实，中央和省级资金分别为300.00万元、240.00万元。",
])
def test_parts_named_a_sentence_after_their_total_that_fit_or_may_not_be_its_are_not_errors(tmp_path, text):
    assert "error" not in _severities(tmp_path, text, "sum.breakdown")


@pytest.mark.parametrize("sentence", [
    "共培训护理员640人次，培训经费按每人次250元计，合计17.00万元。",  # 640 × 250 = 16.00万元
    "救助资金31.50万元，按900元/人的标准发放给320名对象。",  # 320 × 900 = 28.80万元
    "临时救助资金12.60万元，按每人2000元的标准救助58人。",  # 58 × 2000 = 11.60万元
])
def test_an_amount_its_price_and_count_do_not_give_is_flagged(tmp_path, sentence):
    assert "error" in _severities(tmp_path, sentence, "product.unit")


@pytest.mark.parametrize("sentence", [
    "共培训护理员640人次，培训经费按每人次250元计，合计16.00万元。",
    "救助资金28.80万元，按900元/人的标准发放给320名对象。",
    # a total named otherwise than paid (总投资) is no product of the price
    "项目总投资31.50万元，按900元/人的标准补助320人。",
    # two figures before the price: which one it paid is not said
    "下达资金40万元，其中救助资金31.50万元，按900元/人的标准发放给320名对象。",
])
def test_an_amount_its_price_and_count_give_or_not_its_product_is_not_flagged(tmp_path, sentence):
    assert "error" not in _severities(tmp_path, sentence, "product.unit")


@pytest.mark.parametrize("n", range(8))
def test_a_made_up_report_with_one_slip_is_flagged(tmp_path, n):
    text, slipped, wording = prose_variants.make_reports(8, 5, inject=True)[n]
    record = text_record(tmp_path, text)
    rule = prose_variants._RULES[slipped]
    assert rule in {f["rule"] for f in record["flags"] if f["severity"] in ("error", "warning")}, wording
    assert not [f for f in record["flags"] if f["severity"] == "error" and f["rule"] != rule]


@pytest.mark.parametrize("n", range(4))
def test_a_made_up_report_whose_total_its_scores_do_not_make_is_flagged(tmp_path, n):
    text, _, wording = [r for r in prose_variants.make_reports(60, 5, inject=True) if r[1] == "scores"][n]
    flags = text_record(tmp_path, text)["flags"]
    assert "score.tree" in {f["rule"] for f in flags if f["severity"] in ("error", "warning")}, wording
    assert not [f for f in flags if f["severity"] == "error" and f["rule"] != "score.tree"]


@pytest.mark.parametrize("n", range(4))
def test_a_clean_made_up_report_raises_no_error(tmp_path, n):
    text, _, _ = prose_variants.make_reports(4, 9, inject=False)[n]
    assert not [f for f in text_record(tmp_path, text)["flags"] if f["severity"] == "error"]
