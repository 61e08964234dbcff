"""Checker rules on prose worded as real reports word it: a rate whose name writes its act
(救助覆盖率), a total restated with its year moved, section scores given out of their weights, and a
form's fund total restated in the text.
Every text here is made up for the tests."""
from conftest import error_flags, text_record


# ---- a count rate whose name writes its act: 救助覆盖率 is of those 救助, out of those 纳入
def _assistance(rate: str) -> str:
    return (f"一、项目实施情况\n全镇纳入低收入人口监测的家庭2,350户，年内已落实临时救助2,115户，救助覆盖率{rate}。\n"
            "二、下一步打算\n继续做好困难群众兜底保障工作。\n")


def test_a_coverage_rate_named_by_its_act(tmp_path):
    assert error_flags(text_record(tmp_path, _assistance("93.6%")), "ratio.stated")
    assert not error_flags(text_record(tmp_path, _assistance("90.0%")), "ratio.stated")  # 2115 ÷ 2350
    assert not error_flags(text_record(tmp_path, _assistance("90%")), "ratio.stated")


def test_a_rate_with_no_act_in_its_name_keeps_its_old_reading(tmp_path):
    # (纳入 is an act of 覆盖率 itself: 2,350户 may then be its numerator, and no whole is stated)
    text = "全镇纳入低收入人口监测的家庭2,350户，年内已落实临时救助2,115户，覆盖率93.6%。\n"
    assert not error_flags(text_record(tmp_path, text), "ratio.stated")


def test_a_rate_of_a_named_group_is_not_checked_against_another_groups_number(tmp_path):
    # (残疾儿童康复救助覆盖率: its whole is the children's number, which is not stated)
    text = "为245名残疾人适配辅助器具，支出18.30万元；救助残疾儿童开展康复训练38人，残疾儿童康复救助覆盖率91.5%。\n"
    assert not error_flags(text_record(tmp_path, text), "ratio.stated")


# ---- a total restated with its year moved
def _restated(second_year: str, second: str) -> str:
    return ("一、部门基本情况\n本单位2021年度支出总额4,518.26万元，较上年增长6.3%。\n"
            "二、存在的问题\n（一）预算编制不够精细。" f"{second_year}年度单位支出总额{second}万元，项目支出占比偏高。\n")


def test_a_total_restated_with_its_year_moved_is_a_repeat(tmp_path):
    assert error_flags(text_record(tmp_path, _restated("2021", "4,581.26")), "repeat.conflict")
    assert not error_flags(text_record(tmp_path, _restated("2021", "4,518.26")), "repeat.conflict")
    assert not error_flags(text_record(tmp_path, _restated("2020", "4,250.10")), "repeat.conflict")


# ---- section scores given out of their weights, in whole points
def _sections(total: str, decimals: bool = False) -> str:
    third = "27.5" if decimals else "28"
    return (f"四、自评结论\n经综合评价，本项目综合得分{total}分，评价等级为“优”。其中：投入（15分）得14分；"
            f"过程（25分）得23分；产出（30分）得{third}分；效益（30分）得27分。\n")


def test_section_scores_out_of_their_weights_add_up_exactly(tmp_path):
    assert error_flags(text_record(tmp_path, _sections("94")), "score.tree")
    assert not error_flags(text_record(tmp_path, _sections("92")), "score.tree")


def test_section_scores_with_decimals_keep_their_tolerance(tmp_path):
    # (27.5 among them: the others may be rounded, 91.6 is within their sum's reach)
    assert not error_flags(text_record(tmp_path, _sections("91.6", decimals=True)), "score.tree")


# ---- a form's fund total restated in the prose
def _form_report(prose_budget: str, part_wording: str = "") -> str:
    rows = [
        "| 项目资金（万元） | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |",
        "| --- | --- | --- | --- | --- | --- | --- |",
        "| 年度资金总额 | 1500.00 | 1642.50 | 1588.20 | 10 | 96.69% | 9.67 |",
        "| 其中：当年财政拨款 | 1500.00 | 1580.00 | 1525.70 | — | — | — |",
        "| 上年结转资金 | 0 | 62.50 | 62.50 | — | — | — |",
        "| 其他资金 | 0 | 0 | 0 | — | — | — |",
    ]
    prose = (f"一、项目基本情况\n2022年项目年初预算1500.00万元，{part_wording}全年预算数{prose_budget}万元，"
             "全年执行1588.20万元。\n")
    return prose + "\n附件：项目支出绩效自评表\n项目名称：龙溪县农村公路养护项目\n" + "\n".join(rows) + "\n"


def test_a_form_total_restated_otherwise_in_the_text_is_a_repeat(tmp_path):
    assert error_flags(text_record(tmp_path, _form_report("1624.50")), "repeat.conflict")
    assert not error_flags(text_record(tmp_path, _form_report("1642.50")), "repeat.conflict")


def test_a_part_worded_before_the_column_is_no_restatement(tmp_path):
    # (当年财政拨款全年预算数 1580.00 is the part's, not the total's)
    assert not error_flags(text_record(tmp_path, _form_report("1580.00", "其中当年财政拨款")), "repeat.conflict")


# ---- a table row's 执行率 of its 决算数 over its 调整预算
def _execution_table(rate: str) -> str:
    rows = ["项目\t年初预算\t调整预算\t决算数\t执行率",
            "基本支出\t2,140.00\t2,236.50\t2,201.34\t98.43%",
            f"项目支出\t860.00\t1,325.80\t1,180.16\t{rate}",
            "合计\t3,000.00\t3,562.30\t3,381.50\t94.92%"]
    return "表2 部门预算执行情况表\n单位：万元\n" + "\n".join(rows) + "\n"


def test_a_table_rows_rate_of_its_final_accounts_over_its_adjusted_budget(tmp_path):
    flags = error_flags(text_record(tmp_path, _execution_table("99.01%")), "ratio.stated")
    assert len(flags) == 1 and "89.01%" in flags[0]["message"]  # (1180.16 ÷ 1325.80, the nearest reading)
    assert not error_flags(text_record(tmp_path, _execution_table("89.01%")), "ratio.stated")


def test_section_scores_in_the_paragraph_after_the_total(tmp_path):
    text = _sections("94").replace("。其中：", "。\n其中：")
    assert "\n其中：" in text
    assert error_flags(text_record(tmp_path, text), "score.tree")
    assert not error_flags(text_record(tmp_path, _sections("92").replace("。其中：", "。\n其中：")), "score.tree")


def test_a_restatement_is_of_the_totals_order_and_the_only_such_figure(tmp_path):
    # (a figure 80 times the form's, and two prose figures worded as the column: no restatement known)
    assert not error_flags(text_record(tmp_path, _form_report("131400.00")), "repeat.conflict")
    text = _form_report("1624.50").replace("全年执行1588.20万元。", "全年执行1588.20万元；项目全年预算数180.00万元。")
    assert not error_flags(text_record(tmp_path, text), "repeat.conflict")
