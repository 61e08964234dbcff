"""unit.slip: a money figure off by exactly 10⁴ (元 written for 万元, or the reverse) turns
the flag it makes (sum.breakdown, sum.table, product.unit, repeat.conflict,
form.funds_total, form.execution_rate) into a unit.slip naming the figure. End to end on
short invented reports, and on flag dicts."""
from decimal import Decimal

from extractor.check import run_checks
from extractor.check.unit_slip import find_unit_slips, unit_slips_of
from extractor.pipeline import extract_file

from forms_helpers import clean_project_form, fact

TITLE = "某县2021年度困难群众参保资助项目绩效评价报告\n\n"


def flags_of(tmp_path, body: str) -> list:
    f = tmp_path / "report.txt"
    f.write_text(TITLE + body, encoding="utf-8")
    return extract_file(f)["flags"]


def only(flags: list) -> dict:
    assert len(flags) == 1, [f["message"] for f in flags]
    return flags[0]


# ---------------------------------------------------------------- end to end

def test_a_total_written_in_yuan_for_wan(tmp_path):
    flag = only(flags_of(tmp_path, "项目资金总额352.10元，其中中央资金120.40万元，县级资金231.70万元。\n"))
    assert flag["rule"] == "unit.slip" and flag["original_rule"] == "sum.breakdown"
    assert flag["severity"] == "error"
    assert flag["slip"] == [{"fact": flag["evidence"][0], "written": "352.10元", "likely": "352.10万元",
                             "factor": Decimal(10000)}]
    assert "352.10元应为352.10万元" in flag["message"] and "万元误作元" in flag["message"]
    # the arithmetic stays the original rule's
    assert flag["stated"] == Decimal("352.10") and flag["computed"] == Decimal("3521000")


def test_the_same_report_with_the_right_unit_raises_nothing(tmp_path):
    assert flags_of(tmp_path, "项目资金总额352.10万元，其中中央资金120.40万元，县级资金231.70万元。\n") == []


def test_a_part_written_in_yuan_for_wan(tmp_path):
    flag = only(flags_of(tmp_path, "项目支出合计86.25万元，分别为人员经费500,000.00元和公用经费36.25元。\n"))
    assert flag["rule"] == "unit.slip" and flag["original_rule"] == "sum.breakdown"
    assert [s["written"] for s in flag["slip"]] == ["36.25元"] and flag["slip"][0]["likely"] == "36.25万元"


def test_an_amount_written_in_yuan_for_count_times_rate(tmp_path):
    flag = only(flags_of(tmp_path, "为特困人员180人代缴保费，按300元/人标准，共计代缴资金5.4元。\n"))
    assert flag["rule"] == "unit.slip" and flag["original_rule"] == "product.unit"
    assert flag["slip"][0]["written"] == "5.4元" and flag["slip"][0]["likely"] == "5.4万元"
    assert "单价×数量即与金额相符" in flag["message"]


def test_an_amount_written_in_wan_for_yuan(tmp_path):
    flag = only(flags_of(tmp_path, "为特困人员180人代缴保费，按300元/人标准，共计代缴资金54,000.00万元。\n"))
    assert flag["rule"] == "unit.slip"
    assert flag["slip"][0]["likely"] == "54,000.00元" and flag["slip"][0]["factor"] == Decimal("0.0001")
    assert "元误作万元" in flag["message"]
    # 300万元/人 would fit as well: named second, after the amount
    assert [s["likely"] for s in flag["slip"]] == ["54,000.00元", "300万元/人"]


def test_a_table_total_written_in_yuan_under_a_wan_header(tmp_path):
    table = ("各乡镇补助资金如下：\n\t乡镇\n\t补助资金（万元）\n\n\t甲镇\n\t120.40\n\n\t乙镇\n\t231.70\n\n"
             "\t合计\n\t3521000.00\n\n")
    flag = only(flags_of(tmp_path, table))
    assert flag["rule"] == "unit.slip" and flag["original_rule"] == "sum.table"
    assert flag["slip"][0]["written"] == "3521000.00" and flag["slip"][0]["likely"] == "3521000.00元"


def test_the_same_quantity_stated_in_yuan_and_in_wan(tmp_path):
    body = ("一、项目基本情况\n2021年县财政安排困难群众参保资助资金86.25万元。\n"
            "二、绩效评价情况\n2021年县财政安排困难群众参保资助资金86.25元。\n")
    flag = only(flags_of(tmp_path, body))
    assert flag["rule"] == "unit.slip" and flag["original_rule"] == "repeat.conflict"
    # either may be the slip; the one written in 元 comes first
    assert [s["written"] for s in flag["slip"]] == ["86.25元", "86.25万元"]


def test_a_gap_that_is_not_a_power_of_ten_keeps_its_rule(tmp_path):
    flag = only(flags_of(tmp_path, "项目资金总额352.10元，其中中央资金120.40万元，县级资金231.60万元。\n"))
    assert flag["rule"] == "sum.breakdown" and "original_rule" not in flag


def test_a_form_fund_total_written_in_yuan():
    record = clean_project_form(**{"fund:total:全年执行数": "114.00元"}).record()
    flags = run_checks(record)
    # one slip, one flag: the execution rate it also puts out is folded into the total's flag
    flag = only(flags)
    assert flag["rule"] == "unit.slip" and flag["original_rule"] == "form.funds_total"
    assert [s["likely"] for s in flag["slip"]] == ["114.00万元"]
    assert [a["original_rule"] for a in flag["also"]] == ["form.execution_rate"]
    # a rate's numerator and denominator fit alike: both are named, the 元 one first
    assert "114.00元应为114.00万元" in flag["also"][0]["message"] and "120.00万元应为120.00元" in flag["also"][0]["message"]


# ---------------------------------------------------------------- on flag dicts

def _flag(rule, evidence, stated, computed, **extra):
    return {"rule": rule, "severity": "error", "message": "原消息", "stated": Decimal(stated),
            "computed": Decimal(computed), "evidence": [f["id"] for f in evidence], "explanation": None, **extra}


def test_a_slip_within_the_written_tolerance_scaled():
    # 5元 stands for 4.5–5.5 元; read in 万元, 45000–55000 元, which holds 180 × 300 = 54000
    amount, price, count = fact("f1", "5元"), fact("f2", "300元"), fact("f3", "180人")
    price.update(kind="money_rate", unit="元/人")
    facts = {f["id"]: f for f in (amount, price, count)}
    flag = _flag("product.unit", [amount, price, count], "5", "54000")
    assert unit_slips_of(flag, facts) == [(amount, Decimal(10000))]
    # 5.0元 stands for 4.95–5.05: 49500–50500 元 does not hold 54000
    amount.update(text="5.0元", decimals=1, value=Decimal("5.0"))
    assert unit_slips_of(_flag("product.unit", [amount, price, count], "5.0", "54000"), facts) == []


def test_rules_outside_the_list_explained_gaps_and_headcounts_are_left_alone():
    total, a, b = fact("f1", "352.10元"), fact("f2", "120.40万元"), fact("f3", "231.70万元")
    facts = {f["id"]: f for f in (total, a, b)}
    other = _flag("ratio.stated", [total, a, b], "352.10", "3521000")
    explained = _flag("sum.breakdown", [total, a, b], "352.10", "3521000", explanation="文中说明：……")
    find_unit_slips([other, explained], facts)
    assert other["rule"] == "ratio.stated" and explained["rule"] == "sum.breakdown"
    people, p1, p2 = fact("f4", "3人"), fact("f5", "10000人"), fact("f6", "20000人")
    facts.update({f["id"]: f for f in (people, p1, p2)})
    assert unit_slips_of(_flag("sum.breakdown", [people, p1, p2], "3", "30000"), facts) == []


def test_a_yuan_figure_cannot_be_wan_written_for_yuan():
    # 35,210,000元 is 10⁴ × 3521元, but a figure in 元 cannot have been meant in 0.0001元:
    # only the smaller one, read in 万元, explains the gap
    hi, lo = fact("f1", "35,210,000元"), fact("f2", "3,521元")
    facts = {"f1": hi, "f2": lo}
    slips = unit_slips_of(_flag("repeat.conflict", [hi, lo], "35210000", "3521"), facts)
    assert slips == [(lo, Decimal(10000))]


def test_two_parts_that_each_would_explain_a_sum_are_a_guess():
    # 10,001.00元 = 1.00万元 + 1.00元, whichever of the two 1.00元 was meant in 万元
    total, a, b = fact("f1", "10,001.00元"), fact("f2", "1.00元"), fact("f3", "1.00元")
    facts = {f["id"]: f for f in (total, a, b)}
    flag = _flag("sum.breakdown", [total, a, b], "10001.00", "2.00")
    assert unit_slips_of(flag, facts) == []
    c = fact("f4", "2.00元")  # 1.00万元 + 2.00元 = 10,002.00元: only a, read in 万元, fits
    facts["f4"] = c
    total2 = fact("f5", "10,002.00元")
    facts["f5"] = total2
    assert unit_slips_of(_flag("sum.breakdown", [total2, a, c], "10002.00", "3.00"), facts) == [(a, Decimal(10000))]


def test_an_ocr_reading_that_is_unsure_lowers_a_slip_like_any_flag():
    record = {"facts": [fact("f1", "352.10元", ocr_confidence=48, low_confidence=True),
                        fact("f2", "120.40万元"), fact("f3", "231.70万元")],
              "relations": [{"type": "breakdown", "total": "f1", "parts": ["f2", "f3"], "complete": False}]}
    [flag] = run_checks(record)
    assert flag["rule"] == "unit.slip" and flag["severity"] == "warning"
    assert flag["ocr"] == {"low_confidence": ["f1"]} and "352.10元（48）" in flag["message"]


def test_a_part_written_in_yuan_among_parts_in_wan(tmp_path):
    # the parts fall short of the total (其中 may name the main parts only) — unless the one
    # part in 元 is read in 万元: then they make it exactly
    flag = only(flags_of(tmp_path, "项目资金总额6420万元，其中中央资金4280万元，省级资金1284元，县级资金856万元。\n"))
    assert flag["rule"] == "unit.slip" and flag["slip"][0]["written"] == "1284元"
    # main parts only, no figure that would make them add up: nothing to say
    assert flags_of(tmp_path, "项目资金总额6420万元，其中中央资金4280万元，省级资金1284元。\n") == []


def test_a_total_in_yuan_below_the_one_part_its_clause_names_is_a_slip(tmp_path):
    # 其中 A…，占比…；B…，占比…: the breakdown reads the first part only (its clause ends
    # there), a part that may fall short of the total: it is a slip, and one flag
    text = ("2023年项目资金全年预算数1560元：其中中央财政资金1248万元，占比80.00%；"
            "县级配套资金312万元，占比20.00%。\n")
    flag = only(flags_of(tmp_path, text))
    assert flag["rule"] == "unit.slip" and flag["original_rule"] == "sum.breakdown"
    assert "1560元应为1560万元" in flag["message"]
    # the shares the slip puts out too are the same slip: folded into its flag
    assert {a["original_rule"] for a in flag["also"]} == {"ratio.stated"}
    right = text.replace("1560元", "1560万元")
    assert flags_of(tmp_path, right) == []


def test_one_figure_written_in_yuan_in_the_text_and_in_wan_in_its_table(tmp_path):
    # the table row and the sentence word it differently: the digits alone say one figure
    table = ("表1 补贴发放情况（金额单位：万元）\n类别    标准（元/人·月）    人数（人）    金额\n"
             "生活补贴    80    2,315    222.24\n护理补贴    60    1,480    106.56\n")
    text = "全县困难残疾人生活补贴共计发放{}，重度残疾人护理补贴发放106.56万元。\n"
    assert not [f for f in flags_of(tmp_path, table + text.format("222.24万元")) if f["rule"] == "unit.slip"]
    flag = only([f for f in flags_of(tmp_path, table + text.format("222.24元")) if f["rule"] == "unit.slip"])
    assert "222.24元" in flag["message"] and "222.24万元" in flag["message"]
    assert flag["slip"][0]["written"] == "222.24元"


def test_a_round_figure_in_yuan_and_in_wan_is_two_quantities(tmp_path):
    # 1500元 a head and 1500万元 in all: few digits are no evidence of one figure
    flags = flags_of(tmp_path, "按每人1500元标准发放，全年安排资金1500万元，另有培训经费1500元。\n")
    assert not [f for f in flags if f["rule"] == "unit.slip"]
