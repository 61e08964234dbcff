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


_RESULTS = [("1", "北岸县乡村道路养护补助项目", "县交通局", "240", "91.5", "优"),
            ("2", "北岸县文化惠民演出经费项目", "县文旅局", "86.5", "84", "良"),
            ("3", "北岸县农村饮水安全维修项目", "县水利局", "1320", "78.25", "中")]


def _numbered_rows_on_one_line(rows) -> str:
    header = ("序号", "项目名称", "主管部门", "资金规模（万元）", "评价得分", "评价等级")
    cells = [c for row in [header, *rows] for c in row]
    return ("北岸县财政局关于2023年重点绩效评价结果的报告 具体评价结果见下表： "
            + " ".join(f"{c} |" for c in cells) + " 二、存在的问题 部分项目资金拨付滞后。\n")


def test_a_table_one_cell_a_line_with_pipes_flattened_to_one_line_is_read_by_its_row_numbers(tmp_path):
    record = text_record(tmp_path, _numbered_rows_on_one_line(_RESULTS))
    facts = {(f["kind"], f["text"]) for f in record["facts"]}
    assert {("amount", "240"), ("amount", "86.5"), ("amount", "1320")} <= facts
    assert {("score", "91.5"), ("score", "84"), ("score", "78.25")} <= facts
    assert not error_flags(record)


def test_cells_whose_first_cells_are_not_numbered_in_turn_make_no_table(tmp_path):
    rows = [_RESULTS[0], ("5",) + _RESULTS[1][1:], _RESULTS[2]]
    record = text_record(tmp_path, _numbered_rows_on_one_line(rows))
    assert not any(f["kind"] == "score" and f["text"] == "84" for f in record["facts"])


_PAIRS = ("一、项目基本概况  项目负责人  李四  联系电话  5526781  项目地址  北岸县民政局  "
          "计划安排资金  (万元)  {planned}  实际到位资金  (万元)  {arrived}  实际支出  (万元)  182.4  "
          "其中:中央财政  省财政  150  省财政  150  其它  32.4  二、项目支出明细情况\n")


def test_labels_stating_their_unit_a_space_from_their_figures_inside_a_long_line(tmp_path):
    record = text_record(tmp_path, _PAIRS.format(planned="182.4", arrived="182.4"))
    amounts = sorted((f["label"], f["text"], str(f["value"])) for f in record["facts"] if f["kind"] == "amount")
    assert ("实际支出", "182.4", "1824000.0") in amounts and ("计划安排资金", "182.4", "1824000.0") in amounts
    assert [a for a in amounts if a[0] == "省财政"] == [("省财政", "150", "1500000")] * 2
    assert ("其它", "32.4", "324000.0") in amounts
    assert not any(f["text"] == "5526781" for f in record["facts"])


def test_a_row_number_after_a_label_stating_its_unit_is_no_amount(tmp_path):
    line = ("资金投入情况 (万元) 行次 全年预算数 全年到位资金 到位率 年度资金总额(万元): 1 52.80 52.80 100.00% "
            "其中:中央财政资金(万元) 2 52.80 52.80 100.00% 地方资金(万元) 3 0 0 -\n")
    record = text_record(tmp_path, "北岸县林业资金绩效评价表  " + line)
    assert not any(f["kind"] == "amount" and f["text"] in ("1", "2", "3") for f in record["facts"])


def _pipe_cells(rows: list) -> list:
    """Rows written one cell a line, each cell's pipe on the line after it, a run of pipes
    closing each row (a web page's table copied as text)."""
    return [line for row in rows for line in [x for cell in row for x in (cell, "|")] + ["|" * 12]]


_INCOME = [["单位名称", "收入合计", "财政拨款", "其他收入"], ["局机关", "182.40", "160.00", "22.40"],
           ["下属中心", "96.30", "90.00", "6.30"], ["合计", "278.70", "250.00", "28.70"]]


def test_a_page_number_inside_a_table_of_pipe_cells_breaks_no_row(tmp_path):
    lines = _pipe_cells(_INCOME)
    head = "北岸县水利局2022年度部门整体支出绩效自评报告\n二、部门收支情况\n年度收入情况（单位：万元）\n"
    whole = text_record(tmp_path, head + "\n".join(lines) + "\n三、绩效目标完成情况\n")
    for at in (9, 10, 13):  # (before a cell's text, before its pipe, before the run closing a row)
        paged = text_record(tmp_path, head + "\n".join(lines[:at] + ["- 2 -"] + lines[at:]) + "\n三、绩效目标完成情况\n")
        assert sorted((f["text"], f["label"]) for f in paged["facts"] if f["kind"] == "amount") \
            == sorted((f["text"], f["label"]) for f in whole["facts"] if f["kind"] == "amount"), at
    assert len([f for f in whole["facts"] if f["kind"] == "amount"]) == 9


def _flattened(rows: list, sep: str) -> str:
    return " ".join(sep.join(row) for row in rows)


_SPENDING = [["单位", "基本支出", "项目支出", "合计"], ["局机关", "412.30", "1508.60", "1920.90"],
             ["县水文站", "236.15", "98.40", "334.55"], ["县河道管理所", "188.05", "310.20", "498.25"],
             ["合计", "836.50", "1917.20", "2753.70"]]


def _page(table: str, caption: str = "（二）分单位支出情况（单位：万元）") -> str:
    return ("北岸县水利局2023年度部门整体支出绩效自评报告  一、部门基本情况  本局内设机构6个，下属事业单位2个。"
            f"  二、部门整体收支情况  {caption}  {table} 从分单位看，局机关支出占比最大。"
            "  三、存在的问题  部分项目支出进度偏慢。\n")


def test_a_table_of_spaced_cells_flattened_with_its_page_is_read_row_by_row(tmp_path):
    for sep in ("    ", "\t"):
        record = text_record(tmp_path, _page(_flattened(_SPENDING, sep)))
        amounts = {(f["text"], f["label"]): str(f["value"]) for f in record["facts"] if f["kind"] == "amount"}
        assert amounts.get(("1508.60", "项目支出")) == "15086000.00", (sep, amounts)
        assert amounts.get(("334.55", "合计")) == "3345500.00"
        assert len([f for f in record["facts"] if f["kind"] == "amount" and f["source"].get("table") is not None]) == 12
        assert not error_flags(record)


def test_a_flattened_table_whose_total_row_is_off_is_flagged(tmp_path):
    rows = [r[:] for r in _SPENDING]
    rows[-1][2] = "1927.20"  # (the rows add up to 1917.20)
    [flag] = error_flags(text_record(tmp_path, _page(_flattened(rows, "    "))), "sum.table")
    assert "1927.20" in flag["message"] and "1917.20" in flag["message"]


def test_two_tables_side_by_side_flattened_are_not_cut_into_rows_of_one_side():
    from extractor.ingest.flattened_rows import rows_apart
    rows = [["收入项目", "决算数", "支出项目", "决算数"], ["财政拨款收入", "2105.30", "一般公共服务支出", "312.40"],
            ["上级补助收入", "95.20", "农林水支出", "1703.59"], ["其他收入", "12.60", "住房保障支出", "61.20"]]
    line = _page(_flattened(rows, "    "), "（一）收支决算情况（单位：万元）").rstrip("\n")
    assert rows_apart([line]) == [line]
    # (the same rows, each a row of its own table: cut apart)
    one_side = [row[:2] for row in rows]
    assert "上级补助收入    95.20" in rows_apart([_page(_flattened(one_side, "    ")).rstrip("\n")])


def test_names_each_with_one_figure_and_no_header_are_left_as_they_are():
    from extractor.ingest.flattened_rows import rows_apart
    line = _PAIRS.format(planned="182.4", arrived="182.4").rstrip("\n")
    assert rows_apart([line]) == [line]

