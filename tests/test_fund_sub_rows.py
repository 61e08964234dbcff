"""Fund blocks whose 当年财政拨款 row is broken down again by level (中央 / 省级 / 市级 / 县级
rows under it): the sub-rows are that row's, no parts of the total beside it. Forms written
for the test as `|` rows; names and figures invented."""
from __future__ import annotations

from conftest import text_record


def _form(total_spent: str = "1322.60", total_budget: str = "1410.00", other_budget: str = "60.00") -> str:
    rows = [
        "项目支出绩效自评表",
        "|项目名称|某县2021年农村供水保障项目|||||||",
        "|主管部门|某县水利局|||实施单位|某县农村供水服务站|||",
        "|项目资金（万元）||年初预算数|全年预算数|全年执行数|分值|执行率|得分|",
        f"||年度资金总额|1300.00|{total_budget}|{total_spent}|10|93.80%|9.38|",
        "||其中：当年财政拨款|1250.00|1300.00|1230.60|—|—|—|",
        "||　　中央资金|800.00|800.00|780.00|—|—|—|",
        "||　　省级资金|300.00|320.00|305.60|—|—|—|",
        "||　　县级资金|150.00|180.00|145.00|—|—|—|",
        "||上年结转资金|—|50.00|50.00|—|—|—|",
        f"||其他资金|50.00|{other_budget}|42.00|—|—|—|",
        "|绩效指标|一级指标|二级指标|三级指标|年度指标值|实际完成值|分值|得分|偏差原因分析及改进措施|",
        "||产出指标|数量指标|新建供水管网|≥120公里|126公里|45|45||",
        "||效益指标|社会效益指标|受益人口|≥3.2万人|3.3万人|45|45||",
        "|总分||||||100|99.38||",
    ]
    return "\n".join(rows) + "\n"


def _flags(record, rule):
    return [f for f in record["flags"] if f["rule"] == rule and f["severity"] in ("error", "warning")]


def test_sub_rows_of_a_part_that_add_up_to_it_raise_nothing(tmp_path):
    record = text_record(tmp_path, _form())
    assert not [f for f in record["flags"] if f["severity"] == "error"]


def test_a_total_off_its_parts_is_shown_against_the_outer_parts_only(tmp_path):
    # 1230.60 + 50.00 + 42.00 = 1322.60; written 1332.60
    record = text_record(tmp_path, _form(total_spent="1332.60"))
    [flag] = _flags(record, "form.funds_total")
    assert "合计1322.60万元" in flag["message"] and "差10.00万元" in flag["message"]
    assert "中央资金" not in flag["message"]  # (780.00 + 305.60 + 145.00 is the 当年财政拨款's)


def test_a_total_short_by_a_whole_part_is_no_unit_slip(tmp_path):
    # 1300.00 + 50.00 + 60.00 = 1410.00; written 1350.00: the 60.00 left out, or written in
    # 元 (0.006万元) — the arithmetic cannot tell, so no unit.slip is claimed
    record = text_record(tmp_path, _form(total_budget="1350.00"))
    assert _flags(record, "form.funds_total") and not _flags(record, "unit.slip")


def test_a_sub_row_left_blank_in_one_column_counts_nothing_there(tmp_path):
    # 年初预算数: 中央资金 written —, so 当年财政拨款 450.00 = 省级 300.00 + 县级 150.00 there
    text = (_form(total_spent="1332.60")
            .replace("||年度资金总额|1300.00|", "||年度资金总额|500.00|")
            .replace("||其中：当年财政拨款|1250.00|", "||其中：当年财政拨款|450.00|")
            .replace("||　　中央资金|800.00|", "||　　中央资金|—|"))
    [flag] = _flags(text_record(tmp_path, text), "form.funds_total")
    assert "全年执行数" in flag["message"] and "合计1322.60万元" in flag["message"]
    assert "年初预算数" not in flag["message"]  # 500.00 = 450.00 + 50.00 there


def test_level_rows_under_a_source_row_whose_figures_do_not_settle_it_leave_the_sum_unchecked(tmp_path):
    # 地方资金 500 with 其中：省级 300 and 市县 150 written (50 of it not broken down): the level rows
    # are 地方资金's, not parts of the total beside it; 800 + 500 = 1300 is right, but nothing shows
    # whose part 省级 and 市县 are, so no sum is checked
    rows = [
        "项目支出绩效自评表",
        "|项目名称|某县2020年农村公路养护项目|||||",
        "|项目资金（万元）||年初预算数|全年预算数|全年执行数|执行率|",
        "||年度资金总额|1300.00|1300.00|1250.00|96.15%|",
        "||中央资金|800.00|800.00|800.00|100.00%|",
        "||地方资金|500.00|500.00|450.00|90.00%|",
        "||其中：省级|300.00|300.00|300.00|100.00%|",
        "||市县|150.00|150.00|100.00|66.67%|",
    ]
    record = text_record(tmp_path, "\n".join(rows) + "\n")
    assert not _flags(record, "form.funds_total"), [f["message"] for f in _flags(record, "form.funds_total")]
