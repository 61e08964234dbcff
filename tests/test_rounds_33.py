"""Reports and forms as the thirty-third session found them: a count named by a noun the act
only modifies (就业见习) is no numerator of that act's rate; a rate worked out over the rows'
sum of a total written off them is that total's slip, one flag. Every text here is made up
for the tests."""
import pytest
from conftest import error_flags, text_record


@pytest.mark.parametrize("sentence", [
    "全年完成创业培训2150人，组织就业见习236人，培训后就业率71.5%。",
    "开展技能培训880人次、880人，举办就业指导讲座12场，参加就业培训的学员就业率64.2%。",
])
def test_a_count_the_act_only_modifies_is_no_numerator(tmp_path, sentence):
    record = text_record(tmp_path, "某区人社局就业补助资金绩效自评报告\n" + sentence + "\n")
    assert [f for f in error_flags(record) if f["rule"] == "ratio.stated"] == []


@pytest.mark.parametrize("sentence", [
    "全年完成创业培训2150人，实现就业1537人，培训后就业率65.3%。",
    "全年完成创业培训2150人，就业人数1537人，就业率65.3%。",
])
def test_the_act_as_the_count_s_own_still_checks_the_rate(tmp_path, sentence):
    # 1537 ÷ 2150 = 71.49%, not 65.3%
    record = text_record(tmp_path, "某区人社局就业补助资金绩效自评报告\n" + sentence + "\n")
    assert [f["rule"] for f in error_flags(record)] == ["ratio.stated"]


_SPENDING = """某县敬老院运行补助资金绩效评价报告
三、资金使用情况
| 项目 | 预算数（万元） | 实际支出（万元） | 结余（万元） | 执行率 |
| 运行经费 | 210.00 | 205.40 | 4.60 | 97.81% |
| 护理人员工资 | 330.00 | 326.10 | 3.90 | 98.82% |
| 设施维修 | 40.00 | 38.50 | 1.50 | 96.25% |
| 合计 | 580.00 | {total} | 10.00 | {rate} |
"""


def test_a_rate_over_the_rows_sum_of_a_slipped_total_is_one_flag(tmp_path):
    # the rows make 570.00; the 合计 says 576.00 and its rate is 570.00 ÷ 580.00
    record = text_record(tmp_path, _SPENDING.format(total="576.00", rate="98.28%"))
    flags = error_flags(record)
    assert [f["rule"] for f in flags] == ["sum.table"]
    assert [a["original_rule"] for a in flags[0].get("also", [])] == ["ratio.stated"]


def test_a_rate_that_fits_neither_the_total_nor_its_rows_keeps_its_flag(tmp_path):
    record = text_record(tmp_path, _SPENDING.format(total="576.00", rate="95.10%"))
    assert sorted(f["rule"] for f in error_flags(record)) == ["ratio.stated", "sum.table"]


def test_a_clean_spending_table_raises_nothing(tmp_path):
    assert error_flags(text_record(tmp_path, _SPENDING.format(total="570.00", rate="98.28%"))) == []
