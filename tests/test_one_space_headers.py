"""Tables flattened to one space between cells in a report's text (ingest/one_space_tables.py):
a header written over two lines, rows that left out their empty cells, rows run together on
one line, cells a full-width space apart. Every text here is made up for the tests."""
from decimal import Decimal

from conftest import text_record

from extractor.ingest import load_document
from extractor.model import TABLE

HEAD = "二、预算执行情况\n本年度预算执行情况如下。\n"
TAIL = "\n三、绩效目标完成情况\n全年完成各项任务，群众满意度为94.1%。\n"


def _tables(tmp_path, text):
    path = tmp_path / "r.txt"
    path.write_text(text, encoding="utf-8")
    return [[[c.text for c in row] for row in b.table.rows] for b in load_document(path).blocks if b.kind == TABLE]


def _facts(record, kind):
    return sorted(f["value"] for f in record["facts"] if f["kind"] == kind)


def _errors(record):
    return [f for f in record["flags"] if f["severity"] == "error"]


def test_names_wrapped_onto_a_second_line_one_under_each_but_the_first(tmp_path):
    text = HEAD + ("表1 2020年度预算执行情况表\n单位：万元\n"
                   "项目 年初预算 调整后预算 全年支出 执行率\n"
                   "数 数 数 （%）\n"
                   "基本支出 860.20 905.40 898.10 99.19\n"
                   "项目支出 1240.00 1422.60 1380.50 97.04\n"
                   "合计 2100.20 2328.00 2278.60 97.88\n") + TAIL
    tables = _tables(tmp_path, text)
    assert tables[0][0] == ["项目", "年初预算数", "调整后预算数", "全年支出数", "执行率（%）"]
    record = text_record(tmp_path, text)
    assert Decimal("22786000") in _facts(record, "amount")
    assert Decimal("97.88") in _facts(record, "percent")
    assert not _errors(record)


def test_names_whose_pieces_pair_up_into_known_column_words(tmp_path):
    """年初 and 全年 over 预算数, 决算数 alone, the percent under the rate: the words say which
    name each piece of the second line ends."""
    text = HEAD + ("表2 2023年度部门预算执行情况表\n单位：万元\n"
                   "科目 年初 全年 决算数 执行率\n"
                   "预算数 预算数 （%）\n"
                   "基本支出 3200.00 3310.50 3298.70 99.64\n"
                   "项目支出 1800.00 2250.40 2104.90 93.53\n"
                   "合计 5000.00 5560.90 5403.60 97.17\n") + TAIL
    tables = _tables(tmp_path, text)
    assert tables[0][0] == ["科目", "年初预算数", "全年预算数", "决算数", "执行率（%）"]
    record = text_record(tmp_path, text)
    assert Decimal("54036000") in _facts(record, "amount") and Decimal("97.17") in _facts(record, "percent")


def test_units_alone_under_the_columns_the_rows_fill_with_figures(tmp_path):
    text = HEAD + ("表1 项目资金明细表\n"
                   "序号 建设内容 预算金额 实际支出 执行率 备注\n"
                   "（万元） （万元） （%）\n"
                   "1 校舍维修 620.00 604.50 97.50\n"
                   "2 食堂改造 300.00 300.00 100.00\n"
                   "3 设备购置 180.00 171.00 95.00\n") + TAIL
    tables = _tables(tmp_path, text)
    assert tables[0][0] == ["序号", "建设内容", "预算金额（万元）", "实际支出（万元）", "执行率（%）", "备注"]
    record = text_record(tmp_path, text)
    assert Decimal("6045000") in _facts(record, "amount")
    assert Decimal("1710000") in _facts(record, "amount")


GROUPED = ("表2 项目资金来源情况表\n单位：万元\n"
           "项目名称 合计 其中 备注\n"
           "中央 省级 县级\n"
           "供水管网改造 1200.00 840.00 240.00 120.00\n"
           "水厂扩建 600.00 420.00 180.00\n"
           "水源地保护 250.00 250.00 县级自筹\n"
           "合计 2050.00 1260.00 420.00 370.00\n")


def test_a_groups_names_on_the_second_line_and_rows_that_left_out_cells(tmp_path):
    text = HEAD + GROUPED + TAIL
    tables = _tables(tmp_path, text)
    assert tables[0][0] == ["项目名称", "合计", "中央", "省级", "县级", "备注"]
    assert [row[0] for row in tables[0][1:]] == ["供水管网改造", "水厂扩建", "水源地保护", "合计"]
    record = text_record(tmp_path, text)
    assert len(_facts(record, "amount")) == 13
    # which of 中央 | 省级 | 县级 水厂扩建's two figures stand under is not known: no column is summed
    assert not _errors(record)


def test_rows_run_together_three_to_a_line(tmp_path):
    text = HEAD + ("表3 分乡镇资金分配表\n"
                   "乡镇 受益户数（户） 分配资金（万元）\n"
                   "城关镇 320 96.00 河口乡 210 63.00 马坝镇 180 54.00\n"
                   "石门乡 150 45.00 合计 860 258.00\n") + TAIL
    tables = _tables(tmp_path, text)
    assert [row[0] for row in tables[0][1:]] == ["城关镇", "河口乡", "马坝镇", "石门乡", "合计"]
    record = text_record(tmp_path, text)
    assert Decimal("2580000") in _facts(record, "amount") and Decimal("860") in _facts(record, "households")
    assert not _errors(record)


def test_cells_a_full_width_space_apart(tmp_path):
    text = HEAD + ("表1　2023年度收入支出决算总表\n单位：万元\n"
                   "收入　金额　支出　金额\n"
                   "一、财政拨款收入　5260.40　一、基本支出　3180.20\n"
                   "二、其他收入　120.60　二、项目支出　2150.80\n"
                   "本年收入合计　5381.00　本年支出合计　5331.00\n") + TAIL
    record = text_record(tmp_path, text)
    assert Decimal("52604000") in _facts(record, "amount") and Decimal("21508000") in _facts(record, "amount")


def test_money_columns_a_form_also_names_head_a_reports_table(tmp_path):
    """下达资金 | 实际支出 | 执行率 are a form's words too, but a report that is no form, its unit
    stated under the table, has a table of them."""
    text = HEAD + ("表1 就业补助资金来源及执行情况表\n"
                   "资金来源 下达资金 实际支出 执行率（%）\n"
                   "中央资金 2400.00 2352.00 98.00\n"
                   "省级资金 600.00 582.00 97.00\n"
                   "合计 3000.00 2934.00 97.80\n"
                   "注：金额单位为万元。\n") + TAIL
    tables = _tables(tmp_path, text)
    assert tables and tables[0][0] == ["资金来源", "下达资金", "实际支出", "执行率（%）"]
    titled = "项目支出绩效自评表\n" + text
    assert not [t for t in _tables(tmp_path, titled) if t[0] == ["资金来源", "下达资金", "实际支出", "执行率（%）"]]
