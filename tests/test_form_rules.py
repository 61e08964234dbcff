"""Form rules (form.*) on synthetic self-evaluation forms that follow the record["forms"]
contract: a clean form raises nothing, a partly unfilled one raises nothing, and each
injected inconsistency is flagged with its figures."""
from decimal import Decimal

import pytest

from extractor.check import run_checks
from extractor.check.forms import (check_execution_rate, check_execution_score, check_funds_total,
                                   check_score_total, check_target_missed)

from forms_helpers import FormBuilder, clean_project_form


def flags_of(rule_fn, **changes):
    return rule_fn(clean_project_form(**changes).record())


def by_id(record):
    return {f["id"]: f for f in record["facts"]}


def test_a_clean_form_raises_nothing():
    record = clean_project_form().record()
    assert run_checks(record) == []


def test_a_form_with_no_forms_key_or_an_empty_one_raises_nothing():
    assert run_checks({"facts": []}) == []
    assert run_checks({"facts": [], "forms": []}) == []


def test_a_partly_unfilled_form_raises_nothing():
    # an indicator without 得分, one without 分值, no 执行率/得分 for the budget, and the
    # 全年执行数 written only on the total row (its parts left blank)
    record = clean_project_form(**{"ind:0:score": None, "ind:1:weight": None, "fund:total:执行率": None,
                                   "fund:total:得分": None, "fund:current:全年执行数": None,
                                   "fund:carryover:全年执行数": None}).record()
    assert run_checks(record) == []


# ---------------------------------------------------------------- form.execution_rate

def test_execution_rate_that_its_figures_contradict_is_an_error():
    [flag] = flags_of(check_execution_rate, **{"fund:total:执行率": "92.00%"})
    assert flag["severity"] == "error"
    assert flag["stated"] == Decimal("92.00") and flag["computed"] == Decimal("95")
    assert flag["difference"] == Decimal("-3")
    assert flag["tolerance"] > 0
    assert "92.00%" in flag["message"] and "114.00万元 ÷ 120.00万元" in flag["message"] and "95%" in flag["message"]
    assert flag["form"] == "form1"


def test_execution_rate_on_the_initial_budget_is_consistent():
    # 114.00 ÷ 100.00 (年初预算数) = 114%: a reading under which the form is consistent
    assert flags_of(check_execution_rate, **{"fund:total:执行率": "114.00%"}) == []


def test_execution_rate_written_100_percent_when_spending_exceeds_the_budget_is_capped_info():
    [flag] = flags_of(check_execution_rate, **{"fund:total:全年执行数": "125.00万元", "fund:total:执行率": "100.00%"})
    assert flag["severity"] == "info" and flag["capped"] is True
    assert flag["computed"] == Decimal("104.1667")
    assert "封顶" in flag["message"]


def test_execution_rate_one_unit_off_in_its_last_digit_is_rounding():
    [flag] = flags_of(check_execution_rate, **{"fund:total:执行率": "95.02%"})
    assert flag["severity"] == "info"


def test_execution_rate_within_the_written_digits_is_consistent():
    # 114.0 of 120.0 (one decimal) may be anything from 94.9% to 95.1%
    assert flags_of(check_execution_rate, **{"fund:total:全年预算数": "120.0万元", "fund:total:全年执行数": "114.0万元",
                                             "fund:total:年初预算数": "120.0万元", "fund:total:执行率": "95.08%"}) == []


# ---------------------------------------------------------------- form.execution_score

def test_budget_score_above_its_weight_is_an_error():
    [flag] = flags_of(check_execution_score, **{"fund:total:得分": "10.50"})
    assert flag["severity"] == "error"
    assert flag["stated"] == Decimal("10.50") and flag["computed"] == Decimal("10")
    assert "超过分值" in flag["message"] and "10.50分" in flag["message"]


def test_budget_score_that_is_not_weight_times_rate_is_a_warning():
    [flag] = flags_of(check_execution_score, **{"fund:total:得分": "9.80"})
    assert flag["severity"] == "warning"
    assert flag["stated"] == Decimal("9.80") and flag["computed"] == Decimal("9.5")
    assert flag["difference"] == Decimal("0.3")
    assert "10分 × 95.00%" in flag["message"]


def test_budget_score_one_unit_off_is_rounding_and_full_marks_over_100_percent_is_fine():
    [flag] = flags_of(check_execution_score, **{"fund:total:得分": "9.6"})
    assert flag["severity"] == "info"
    capped = {"fund:total:全年执行数": "125.00万元", "fund:current:全年执行数": "105.00万元",
              "fund:carryover:全年执行数": "20.00万元", "fund:total:执行率": "100.00%", "fund:total:得分": "10"}
    assert flags_of(check_execution_score, **capped) == []


def test_budget_score_from_the_unrounded_rate_when_no_rate_is_written():
    # no 执行率 written: 114 ÷ 120 = 95%, so 10 × 95% = 9.5
    assert flags_of(check_execution_score, **{"fund:total:执行率": None}) == []
    [flag] = flags_of(check_execution_score, **{"fund:total:执行率": None, "fund:total:得分": "8.00"})
    assert flag["severity"] == "warning" and flag["computed"] == Decimal("9.5")


# ---------------------------------------------------------------- form.funds_total

def test_fund_total_that_is_not_the_sum_of_its_parts_is_an_error():
    [flag] = flags_of(check_funds_total, **{"fund:current:全年执行数": "90.00万元"})
    assert flag["severity"] == "error"
    assert flag["stated"] == Decimal("1140000.00") and flag["computed"] == Decimal("1080000")
    assert flag["difference"] == Decimal("60000")
    assert "全年执行数" in flag["message"] and "114.00万元" in flag["message"] and "108.00万元" in flag["message"]
    assert "差6.00万元" in flag["message"]


def test_fund_total_smaller_than_one_part_is_an_error_naming_the_part():
    [flag] = flags_of(check_funds_total, **{"fund:carryover:年初预算数": "150.00万元"})
    assert flag["severity"] == "error"
    assert flag["stated"] == Decimal("1000000.00") and flag["computed"] == Decimal("1500000.00")
    assert "上年结转资金150.00万元" in flag["message"]


def test_not_applicable_parts_count_zero_only_next_to_a_filled_one():
    # 其他资金 is written — in every column and the other two parts add up: nothing to flag
    assert flags_of(check_funds_total) == []
    # every part of a column written —: the total stands alone, nothing to add up
    alone = {"fund:current:全年执行数": None, "fund:carryover:全年执行数": None}
    assert flags_of(check_funds_total, **alone) == []
    # one part — and the other filled: the — counts 0, and 96.00 is not 114.00
    [flag] = flags_of(check_funds_total, **{"fund:carryover:全年执行数": None})
    assert flag["computed"] == Decimal("960000") and flag["stated"] == Decimal("1140000.00")


def test_a_part_whose_cell_is_missing_leaves_the_sum_unchecked():
    record = clean_project_form(**{"fund:current:全年执行数": "90.00万元"}).record()
    carryover = record["forms"][0]["funds"][2]
    del carryover["cells"]["全年执行数"]  # not written —: the extraction did not find the cell
    assert check_funds_total(record) == []


def test_fund_total_rounding_is_info():
    [flag] = flags_of(check_funds_total, **{"fund:total:全年执行数": "114.02万元", "fund:total:执行率": "95.02%"})
    assert flag["severity"] == "info"


# ---------------------------------------------------------------- form.score_total

def test_scores_that_do_not_add_up_to_the_total_score():
    [flag] = flags_of(check_score_total, **{"ind:0:score": "25"})
    assert flag["severity"] == "error"
    assert flag["stated"] == Decimal("97.50") and flag["computed"] == Decimal("92.5")
    assert flag["difference"] == Decimal("5")
    assert len(flag["evidence"]) == 6  # the total, four indicator scores and the budget score


def test_weights_that_do_not_add_up_to_the_total_weight():
    [flag] = flags_of(check_score_total, **{"ind:0:weight": "25", "ind:0:score": "25", "total:score": "92.50"})
    assert flag["severity"] == "error"
    assert flag["stated"] == Decimal("100") and flag["computed"] == Decimal("95") and flag["tolerance"] == 0
    assert "分值之和95分" in flag["message"]


def test_weights_against_100_when_the_form_states_no_total_weight():
    assert flags_of(check_score_total, **{"total:weight": None}) == []
    [flag] = flags_of(check_score_total, **{"total:weight": None, "ind:1:weight": "15", "ind:1:score": "15",
                                            "total:score": "92.50"})
    assert flag["stated"] == Decimal(100) and flag["computed"] == Decimal("95")
    assert "100分" in flag["message"]


def test_score_sums_are_counted_points():
    # awarded points are exact: a total may round their sum, but a point more is a slip
    [flag] = flags_of(check_score_total, **{"ind:0:score": "28"})
    assert flag["severity"] == "error"
    assert flags_of(check_score_total, **{"ind:0:score": "28", "total:score": "96"}) == []  # 95.5 rounded


def test_score_and_weight_sums_skip_a_partly_unfilled_form():
    assert flags_of(check_score_total, **{"ind:0:score": None, "total:score": "10"}) == []
    assert flags_of(check_score_total, **{"ind:2:weight": None, "ind:0:weight": "5"}) == []
    # a budget row with 分值 but its 得分 blank leaves the score sum out
    assert flags_of(check_score_total, **{"fund:total:得分": None, "total:score": "10"}) == []


def test_score_total_counts_leaves_only():
    b = clean_project_form()
    record = b.record()
    facts = by_id(record)
    # a subtotal row for 产出指标 (70 of 70) is not one more part of the sum
    sub_w = {**facts["f1"], "id": "f90", "kind": "score", "unit": "分", "text": "70", "value": Decimal(70),
             "decimals": 0, "scale": 1}
    sub_s = {**sub_w, "id": "f91"}
    record["facts"] += [sub_w, sub_s]
    record["forms"][0]["indicators"].insert(0, {"path": ["产出指标"], "target": {}, "actual": {}, "weight": "f90",
                                               "score": "f91", "source": {}})
    assert check_score_total(record) == []


# ---------------------------------------------------------------- form.target_missed

def test_a_missed_target_with_full_marks_is_a_warning():
    [flag] = flags_of(check_target_missed, **{"ind:3:score": "20"})
    assert flag["severity"] == "warning" and flag["claim"] == "满分"
    assert flag["stated"] == Decimal("90") and flag["computed"] == Decimal("88") and flag["difference"] == Decimal("-2")
    assert "参保对象满意度" in flag["message"] and "≥90%" in flag["message"] and "88%" in flag["message"]


def test_a_missed_target_with_points_taken_off_is_left_alone():
    assert flags_of(check_target_missed) == []  # 88% against ≥90% scored 18 of 20


@pytest.mark.parametrize("target,comparator,actual,missed", [
    ("≤5%", "<=", "6%", True), ("≤5%", "<=", "5%", False), ("<5%", "<", "5.5%", True),
    (">95%", ">", "94.5%", True), ("≥95%", ">=", "94.96%", True), ("≥95%", ">=", "95.0%", False),
    ("=100%", "=", "99.9%", True), ("=100%", "=", "100.0%", False),
    # an actual stands for the interval of its written digits: 5% may be 4.6%, 95% may be 95.4%
    ("<5%", "<", "5%", False), (">95%", ">", "95%", False)])
def test_each_comparator_is_read_its_own_way(target, comparator, actual, missed):
    flags = flags_of(check_target_missed, **{"ind:0:target": target, "ind:0:comparator": comparator,
                                             "ind:0:actual": actual})
    assert bool(flags) is missed


@pytest.mark.parametrize("target,actual,missed", [
    ("100%", "92%", True), ("100%", "100%", False), ("100%", "103%", False),
    ("95%", "92%", False),  # a bare target other than 100% may be a bound either way
])
def test_a_bare_target_of_100_percent_is_aimed_at_from_below(target, actual, missed):
    flags = flags_of(check_target_missed, **{"ind:0:target": target, "ind:0:comparator": None,
                                             "ind:0:actual": actual})
    assert bool(flags) is missed


def test_qualitative_targets_other_units_and_bounded_actuals_are_not_compared():
    b = FormBuilder()
    b.indicator(["效益指标", "社会效益指标", "群众知晓度"], "明显提升", "有所提升", "10", "10", comparator=None)
    b.indicator(["产出指标", "数量指标", "覆盖人数"], "≥1000人", "950人", "10", "10", comparator=">=", unit="人")
    record = b.record()
    actual = record["forms"][0]["indicators"][1]["actual"]
    actual["unit"] = "人次"  # another unit: not the same quantity
    next(f for f in record["facts"] if f["id"] == actual["fact"]).update(kind="person_times", unit="人次")
    b2 = clean_project_form(**{"ind:3:score": "20"})
    bounded = b2.record()
    bounded["forms"][0]["indicators"][3]["actual"]["comparator"] = "<"  # "<90%": a bound, not a reading
    assert check_target_missed(record) == []
    assert check_target_missed(bounded) == []


def test_the_department_and_transfer_templates_are_checked_alike():
    for template in ("department", "transfer"):
        b = clean_project_form(**{"fund:total:执行率": "92.00%"})
        b.form["template"] = template
        assert [f["rule"] for f in run_checks(b.record())] == ["form.execution_rate"]
