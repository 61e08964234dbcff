"""Data tables a web page's text gives one cell a line whose rows do not all write as many
cells (ingest/cell_label_rows.py), what the blank lines between such cells say
(ingest/blank_gaps.py), and a two-line header written cell by cell
(ingest/cell_group_header.py). Every text here is made up for the tests."""
from decimal import Decimal

from conftest import text_record

from extractor.ingest import load_document
from extractor.model import TABLE


def _tables(tmp_path, text):
    path = tmp_path / "r.txt"
    path.write_text(text, encoding="utf-8")
    return [[[c.text for c in row] for row in b.table.rows] for b in load_document(path).blocks if b.kind == TABLE]


def _errors(record, rule=None):
    return [f for f in record["flags"] if f["severity"] == "error" and (rule is None or f["rule"] == rule)]


def _amounts(record):
    return sorted(f["value"] for f in record["facts"] if f["kind"] == "amount")


REPORT_HEAD = "二、部门收支情况\n本部门全年收支情况如下。\n表1 2021年度收入情况\n"
REPORT_TAIL = "三、绩效目标完成情况\n全年完成各项工作任务，群众满意度达到95.2%。\n"

# 局机关 has no 上级补助收入 and 水保站 no 其他收入: the page left both cells out
DROPPED = ["单位名称", "收入合计", "财政拨款", "上级补助收入", "其他收入",
           "合计", "2,140.50", "1,310.20", "800.00", "30.30",
           "局机关", "520.30", "500.00", "20.30",
           "水保站", "1,210.00", "410.00", "800.00",
           "防汛中心", "410.20", "400.20", "10.00"]


def test_rows_that_left_out_empty_cells_are_read_as_a_label_and_its_figures(tmp_path):
    text = REPORT_HEAD + "单位：万元\n" + "\n".join(DROPPED) + "\n" + REPORT_TAIL
    tables = _tables(tmp_path, text)
    assert len(tables) == 1 and tables[0][0] == DROPPED[:5]
    assert [row[0] for row in tables[0][1:]] == ["合计", "局机关", "水保站", "防汛中心"]
    record = text_record(tmp_path, text)
    assert Decimal("5203000") in _amounts(record) and Decimal("100000") in _amounts(record)
    assert len(_amounts(record)) == 13
    # where the rows' figures stand in columns is not known: no column is summed
    assert not _errors(record)


def test_dropped_cells_under_columns_named_with_their_unit_make_no_column_sum(tmp_path):
    named = ["单位名称", "收入合计（万元）", "财政拨款（万元）", "上级补助收入（万元）", "其他收入（万元）"] + DROPPED[5:]
    record = text_record(tmp_path, REPORT_HEAD + "\n".join(named) + "\n" + REPORT_TAIL)
    assert len(_amounts(record)) == 13
    assert not _errors(record)


def test_rows_of_different_units_that_left_out_cells_are_no_table(tmp_path):
    """Which column a short row's figure stood in would say its unit: 万元 or 人."""
    cells = ["乡镇", "补助资金（万元）", "补助人数（人）", "人均（元）",
             "合计", "96.00", "800", "1200",
             "城关镇", "48.00", "400",
             "河口乡", "48.00", "400", "1200"]
    record = text_record(tmp_path, REPORT_HEAD + "\n".join(cells) + "\n" + REPORT_TAIL)
    assert not [f for f in record["facts"] if f["kind"] == "amount" and f["value"] == Decimal("4000000")]


NOTED = ["项目", "预算数（万元）", "实际支出（万元）", "执行率（%）", "备注",
         "合计", "330.00", "315.60", "95.64",
         "文化惠民演出", "120.00", "118.40", "98.67",
         "农家书屋更新", "90.00", "80.00", "88.89", "部分图书年底到货",
         "公共文化设施维护", "120.00", "117.20", "97.67"]


def test_a_note_written_only_where_a_row_has_one(tmp_path):
    text = REPORT_HEAD + "\n".join(NOTED) + "\n" + REPORT_TAIL
    tables = _tables(tmp_path, text)
    assert len(tables) == 1
    assert tables[0][3] == ["农家书屋更新", "90.00", "80.00", "88.89", "部分图书年底到货"]
    assert tables[0][4][:4] == ["公共文化设施维护", "120.00", "117.20", "97.67"]
    record = text_record(tmp_path, text)
    assert not _errors(record)
    # the columns are known (the note comes last): a total written wrong is found
    slipped = list(NOTED)
    slipped[6] = "340.00"
    record = text_record(tmp_path, REPORT_HEAD + "\n".join(slipped) + "\n" + REPORT_TAIL)
    assert [f["stated"] for f in _errors(record, "sum.table")] == [Decimal("3400000")]


def _blank_apart(cells: list, row_ends: set) -> str:
    """Each cell then a blank line; an empty cell an empty line and its blank line; two more
    blank lines after each row."""
    out = []
    for k, cell in enumerate(cells):
        out += [cell, ""]
        if k in row_ends:
            out += ["", ""]
    return "\n".join(out)


def test_blank_lines_say_where_a_rows_empty_cell_stood(tmp_path):
    cells = ["单位名称", "收入合计", "财政拨款", "上级补助收入", "其他收入",
             "合计", "2,140.50", "1,310.20", "800.00", "30.30",
             "局机关", "520.30", "500.00", "", "20.30",
             "水保站", "1,210.00", "410.00", "800.00", "",
             "防汛中心", "410.20", "400.20", "", "10.00"]
    text = REPORT_HEAD + "单位：万元\n\n" + _blank_apart(cells, {4, 9, 14, 19, 24}) + "\n" + REPORT_TAIL
    tables = _tables(tmp_path, text)
    assert len(tables) == 1
    assert tables[0][2] == ["局机关", "520.30", "500.00", "", "20.30"]
    assert tables[0][4] == ["防汛中心", "410.20", "400.20", "", "10.00"]
    record = text_record(tmp_path, text)
    assert not _errors(record)
    slipped = list(cells)
    slipped[22] = "410.20"  # (防汛中心's 财政拨款: the column now adds up to 1,320.20, not 1,310.20)
    record = text_record(tmp_path, REPORT_HEAD + "单位：万元\n\n" + _blank_apart(slipped, {4, 9, 14, 19, 24})
                         + "\n" + REPORT_TAIL)
    assert Decimal("13102000") in {f["stated"] for f in _errors(record, "sum.table")}


def test_a_header_cell_broken_over_two_lines_between_blank_lines_is_one_cell(tmp_path):
    cells = ["项目", "收入\n合计", "其中：财政\n拨款收入", "其他\n收入",
             "本年收入", "1,560.00", "1,500.00", "60.00",
             "本年支出", "1,480.40", "1,430.40", "50.00",
             "年末结余", "79.60", "69.60", "10.00"]
    text = REPORT_HEAD + "单位：万元\n\n" + _blank_apart(cells, {3, 7, 11, 15}) + "\n" + REPORT_TAIL
    tables = _tables(tmp_path, text)
    assert len(tables) == 1
    assert tables[0][0] == ["项目", "收入合计", "其中：财政拨款收入", "其他收入"]


GROUPED = ["资金用途", "下达金额（万元）", "其中", "实际支出（万元）", "中央", "省级", "县级",
           "合计", "700.00", "350.00", "210.00", "140.00", "684.50",
           "校舍维修", "400.00", "200.00", "120.00", "80.00", "392.00",
           "设备购置", "200.00", "100.00", "60.00", "40.00", "195.50",
           "教师培训", "100.00", "50.00", "30.00", "20.00", "97.00"]


def test_a_groups_names_written_after_the_header_go_where_its_figures_add_up(tmp_path):
    text = REPORT_HEAD + "\n".join(GROUPED) + "\n" + REPORT_TAIL
    tables = _tables(tmp_path, text)
    assert len(tables) == 1
    assert tables[0][0] == ["资金用途", "下达金额（万元）", "中央（万元）", "省级（万元）", "县级（万元）", "实际支出（万元）"]
    record = text_record(tmp_path, text)
    assert Decimal("1400000") in _amounts(record)  # (县级 in the 下达金额's 万元)
    assert not _errors(record)
    slipped = list(GROUPED)
    slipped[11] = "150.00"  # 合计's 县级
    record = text_record(tmp_path, REPORT_HEAD + "\n".join(slipped) + "\n" + REPORT_TAIL)
    assert [f["stated"] for f in _errors(record, "sum.table")] == [Decimal("1500000")]


def test_a_group_whose_figures_add_up_no_way_is_no_table(tmp_path):
    muddled = list(GROUPED)
    for k in (15, 21, 27):  # (every row's 中央 off: no order of the names makes the parts add up)
        muddled[k] = "10.00"
    assert _tables(tmp_path, REPORT_HEAD + "\n".join(muddled) + "\n" + REPORT_TAIL) == []


def test_rows_numbered_as_headings_and_a_partial_breakdown(tmp_path):
    """一、基本支出 with its figures after it is a row's label, not the next heading; a 其中
    row under 二、项目支出 names its main part only."""
    cells = ["项目", "年初预算数", "调整预算数", "实际支出数",
             "合计", "1,500.00", "1,860.00", "1,790.00",
             "一、基本支出", "600.00", "620.00", "615.00",
             "其中：人员经费", "520.00", "535.00", "532.00",
             "公用经费", "80.00", "85.00", "83.00",
             "二、项目支出", "900.00", "1,240.00", "1,175.00",
             "其中：河道整治工程", "500.00", "700.00", "680.00"]
    text = REPORT_HEAD + "单位：万元\n" + "\n".join(cells) + "\n" + REPORT_TAIL
    tables = _tables(tmp_path, text)
    assert len(tables) == 1 and len(tables[0]) == 7
    record = text_record(tmp_path, text)
    assert Decimal("6800000") in _amounts(record)
    assert not _errors(record)


def test_a_run_begun_inside_a_header_broken_inside_its_brackets_is_no_table(tmp_path):
    cells = ["乡镇", "安排资金", "（万元）", "受益贫困", "户（户）", "受益贫困", "人口（人）",
             "合计", "600.00", "1,200", "4,800",
             "东山镇", "360.00", "700", "2,900",
             "西河乡", "240.00", "500", "1,900"]
    record = text_record(tmp_path, REPORT_HEAD + "\n".join(cells) + "\n" + REPORT_TAIL)
    # the households and people counts are never read as 万元 under a header cut out of step
    assert not [f for f in record["facts"] if f["kind"] == "amount" and f["value"] in (
        Decimal("12000000"), Decimal("48000000"), Decimal("7000000"))]


def test_a_group_over_rows_one_of_which_left_out_a_cell(tmp_path):
    """The rows that fill every column put the group's names in order; the short one is read
    with its figures, and no column is summed against it."""
    short = GROUPED[:-6] + ["教师培训", "100.00", "50.00", "20.00", "97.00"]  # (its 省级 left out)
    short[8], short[11] = "700.00", "140.00"
    text = REPORT_HEAD + "\n".join(short) + "\n" + REPORT_TAIL
    tables = _tables(tmp_path, text)
    assert len(tables) == 1 and tables[0][0][2:5] == ["中央（万元）", "省级（万元）", "县级（万元）"]
    assert tables[0][-1][0] == "教师培训"
    record = text_record(tmp_path, text)
    assert Decimal("970000") in _amounts(record)
    assert not _errors(record)
