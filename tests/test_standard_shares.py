"""A standard per head broken into the shares each level pays (每人每年520元，其中中央财政补助312元、
省级104元、县级104元), and a table of two columns written in pipe rows (项目 | 金额) under a line
stating its unit. Names and figures invented."""
from __future__ import annotations

from decimal import Decimal

import pytest

from conftest import text_record


def _kinds(record):
    return {(f["kind"], Decimal(f["value"])) for f in record["facts"]}


@pytest.mark.parametrize("sentence", [
    "2021年居民医保财政补助标准为每人每年580元，其中中央财政补助348元、省级财政补助116元、县级财政补助116元；个人缴费标准为每人每年320元。",
    "2021年居民医保人均财政补助标准为每人每年580元（其中中央财政348元、省级财政116元、县级财政116元），个人缴费每人每年320元。",
])
def test_the_shares_of_a_standard_per_head_are_per_head(tmp_path, sentence):
    facts = _kinds(text_record(tmp_path, sentence + "\n"))
    assert {("money_rate", Decimal(v)) for v in ("580", "348", "116")} <= facts
    assert not {("amount", Decimal(v)) for v in ("348", "116")} & facts


def test_money_after_a_standard_that_is_no_share_stays_money(tmp_path):
    # the 其中 breaks down the year's funds, in 万元: no share of the 580元 standard
    text = "按每人每年580元标准补助，其中中央财政下达补助资金1,200.00万元、省级财政下达400.00万元。\n"
    facts = _kinds(text_record(tmp_path, text))
    assert ("amount", Decimal("12000000")) in facts and ("amount", Decimal("4000000")) in facts


def _two_column_table(spent_total: str = "1884.50") -> str:
    return "\n".join([
        "2021年城乡居民医保基金收支情况表", "单位：万元", "项目 | 金额",
        "一、基金收入 | 2046.30", "1.财政补助收入 | 1390.20", "2.个人缴费收入 | 656.10",
        f"二、基金支出 | {spent_total}", "1.住院统筹支出 | 1410.30", "2.门诊统筹支出 | 474.20",
        "三、当年结余 | 161.80",
    ]) + "\n"


def test_two_cell_pipe_rows_are_a_table_in_the_unit_above_it(tmp_path):
    record = text_record(tmp_path, _two_column_table())
    assert record["tables"] and len(record["tables"][0]["rows"]) == 7  # (under its header row)
    assert {("amount", Decimal("20463000")), ("amount", Decimal("14103000"))} <= _kinds(record)
    assert not [f for f in record["flags"] if f["severity"] == "error"]


def test_a_bracket_after_a_standard_per_head_holds_its_shares(tmp_path):
    text = "免学杂费标准为每生每年1300元（学费1000元、住宿费300元），全年免除学杂费资金260万元。\n"
    facts = _kinds(text_record(tmp_path, text))
    assert {("money_rate", Decimal(v)) for v in ("1300", "1000", "300")} <= facts
    assert ("amount", Decimal("2600000")) in facts


def test_a_post_subsidy_per_person_per_month_is_per_head(tmp_path):
    text = "全县开发公益性岗位620个，安置脱贫劳动力620人，每人每月岗位补贴500元，全年发放补贴372万元。\n"
    facts = _kinds(text_record(tmp_path, text))
    assert ("money_rate", Decimal("500")) in facts and ("amount", Decimal("500")) not in facts


def test_a_range_of_a_standard_per_head_is_money_per_head_at_both_ends(tmp_path):
    record = text_record(tmp_path, "培训补贴按工种类别确定，每人700元至1900元不等；缴费补贴标准为每人每年40元～90元。"
                                   "全年发放补贴共计35.60万元。\n")
    rates = sorted(f["value"] for f in record["facts"] if f["kind"] == "money_rate")
    assert rates == [40, 90, 700, 1900]
    assert [f["value"] for f in record["facts"] if f["kind"] == "amount"] == [356000]
