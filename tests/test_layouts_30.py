"""Reports whose layout a copy changed: a form run together with its percent signs a space
from their figures (a text layer's 100 %), and a table written one cell a line whose header
names stayed above it as lines of their own, under the line stating its unit. Every text
here is made up for the tests."""
from conftest import error_flags, text_record

_GLUED_FORM = ("项目支出绩效自评表（2022年度）项目名称乡村文化站设备购置主管部门北岸县文化和旅游局"
               "实施单位北岸县文化馆项目资金（万元）年初预算数全年预算数全年执行数分值执行率得分"
               "年度资金总额{total}其中：当年财政拨款{grant}上年结转资金其他资金"
               "年度总体目标预期目标实际完成情况购置文化站音响设备。已完成。总分10098\n")


def _amounts(record: dict) -> list:
    return sorted(f["text"] for f in record["facts"] if f["kind"] == "amount")


def test_a_run_together_fund_row_reads_the_same_with_its_percent_sign_a_space_apart(tmp_path):
    total, grant = "36.0036.0035.281098.00%9.8", "36.0036.0035.2898.00%"
    joined = text_record(tmp_path, _GLUED_FORM.format(total=total, grant=grant))
    spaced = text_record(tmp_path, _GLUED_FORM.format(total=total.replace("%", " %"), grant=grant.replace("%", " %")))
    assert _amounts(joined) == ["35.28", "35.28", "36.00", "36.00", "36.00", "36.00"]
    assert _amounts(spaced) == _amounts(joined)
    assert sorted(f["text"] for f in spaced["facts"] if f["kind"] == "score") == ["10", "9.8"]


def test_a_percent_sign_a_space_apart_joins_its_figure_before_words(tmp_path):
    from extractor.normalize import units_joined
    assert units_joined("执行率100 %其中：当年") == "执行率100%其中：当年"
    assert units_joined("服务人数38 人员") == "服务人数38 人员"  # (a unit in words must end its word)


_CELL_TABLE = ("二、部门收支情况\n{title}\n单位名称\n收入合计\n其中：\n上年结转\n财政拨款\n其他收入\n"
               "局机关及下属单位合计\n318.40\n42.10\n276.30\n1、局机关\n250.00\n30.00\n220.00\n"
               "2、下属中心\n68.40\n12.10\n56.30\n三、绩效目标完成情况\n各项工作均按计划完成。\n")


def test_a_unit_title_above_header_lines_is_the_unit_of_the_table_written_one_cell_a_line(tmp_path):
    record = text_record(tmp_path, "北岸县水利局2022年度部门整体支出绩效自评报告\n"
                         + _CELL_TABLE.format(title="年度收入情况（万元）"))
    amounts = {f["text"]: f["value"] for f in record["facts"] if f["kind"] == "amount"}
    assert {t: str(amounts.get(t)) for t in ("318.40", "276.30", "68.40", "56.30")} \
        == {"318.40": "3184000.00", "276.30": "2763000.00", "68.40": "684000.00", "56.30": "563000.00"}
    assert not error_flags(record)


def test_a_title_stating_no_unit_gives_the_table_none(tmp_path):
    record = text_record(tmp_path, "北岸县水利局2022年度部门整体支出绩效自评报告\n"
                         + _CELL_TABLE.format(title="年度收入情况"))
    assert not any(f["kind"] == "amount" and f["text"] == "318.40" for f in record["facts"])
