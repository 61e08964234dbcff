"""Form headers whose cells broke over lines in a spaced export: each cell broken at the
line's end and going on at the next line's start (项目资金（万元）  年初 / 预算数  全年 / …),
two header words stacked over their rest (年度 | 实际 over 指标值 | 完成值), and a first column
named with its block's unit (年度部门整体支出预算（万元） over nothing). Every text here is made up
for the tests."""
from decimal import Decimal

from conftest import error_flags, text_record
from extractor.ingest.stacked_headers import stacked_headers_joined


def test_cells_broken_at_the_lines_ends_are_one_header_line():
    lines = ["项目资金（万元）  年初", "预算数  全年", "预算数  全年", "执行数  分值  执行率  得分"]
    assert stacked_headers_joined(lines) == ["项目资金（万元）  年初预算数  全年预算数  全年执行数  分值  执行率  得分"]


def test_a_header_stacked_column_by_column_is_not_joined_at_its_lines_ends():
    lines = ["  一级     二级", "  指标     指标              三级指标            分值     得分"]
    joined = stacked_headers_joined(lines)
    assert "二级指标     指标" not in " ".join(joined)


def test_two_header_words_stacked_over_their_rest():
    lines = ["绩效指标    一级指标     二级指标      三级指标          年度          实际          分值      得分",
             "                                                      指标值        完成值"]
    [joined] = stacked_headers_joined(lines)
    assert "年度指标值" in joined and "实际完成值" in joined


def _form(total: str = "97.9") -> str:
    return f"""项目支出绩效自评表
（2022年度）
项目名称  城乡饮水安全巩固提升工程
主管部门  东川县水利局  实施单位  东川县农村供水管理站
项目资金（万元）  年初
预算数  全年
预算数  全年
执行数  分值  执行率  得分
年度资金总额  1,800.00  1,950.00  1,872.00  10  96.00%  9.60
其中：当年财政拨款  1,800.00  1,800.00  1,760.00  —  —  —
上年结转资金  —  150.00  112.00  —  —  —
绩效指标    一级指标     二级指标      三级指标                    年度          实际          分值      得分
                                                                  指标值        完成值
产出指标     数量指标      新建供水管网        ≥60公里        62.5公里        30        30
             质量指标      水质达标率        ≥95%        96.8%        30        30
效益指标     社会效益指标      受益人口        ≥2.4万人        2.52万人        20        20
满意度指标    服务对象满意度指标    群众满意度        ≥90%        93.6%        10        8.3
总分                                                              100        {total}
"""


def test_such_a_form_is_read_and_checked(tmp_path):
    record = text_record(tmp_path, _form())
    amounts = [f["value"] for f in record["facts"] if f["kind"] == "amount"]
    for figure in ("18000000", "19500000", "18720000", "17600000", "1500000", "1120000"):
        assert Decimal(figure) in amounts
    assert not error_flags(record)
    assert error_flags(text_record(tmp_path, _form("98.9")), "form.score_total")


def test_a_first_column_named_with_its_blocks_unit_over_a_stacked_header():
    lines = ["年度部门整体支出预算（万元）    年初       全年       全年       分值     执行率     得分",
             "                              预算数     预算数     执行数"]
    [joined] = stacked_headers_joined(lines)
    assert joined.split() == ["年度部门整体支出预算（万元）", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]
