"""A table whose rows share one base: each funding level's row writes the same 参保人数 as the
合计 row (its money is that base × the level's standard). The column adds up to nothing.
Every text here is made up for the tests."""
from conftest import error_flags, text_record


def _shares(total_money: str = "6,560.00") -> str:
    rows = ["资金来源\t补助标准（元/人·年）\t参保人数（人）\t补助金额（万元）",
            "中央财政\t400\t100,000\t4,000.00",
            "省级财政\t128\t100,000\t1,280.00",
            "县级财政\t128\t100,000\t1,280.00",
            f"合计\t656\t100,000\t{total_money}"]
    return "表1 居民医保财政补助资金构成\n" + "\n".join(rows) + "\n"


def test_a_base_each_row_shares_is_not_summed(tmp_path):
    assert not error_flags(text_record(tmp_path, _shares()))


def test_the_money_beside_it_is_still_summed(tmp_path):
    assert error_flags(text_record(tmp_path, _shares("6,650.00")), "sum.table")
