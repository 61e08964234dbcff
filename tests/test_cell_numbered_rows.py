"""Tables one cell a line whose rows are numbered under 序号 and do not all write as many
cells: a name or a note wrapped over two lines, an empty note left out or written as a blank
line (ingest/cell_numbered_rows.py); and a score table of the older 评分表 template
(权重 | 评分结果 | 备注). Every text here is made up for the tests."""
from decimal import Decimal

from conftest import error_flags, text_record
from test_cell_lines import _tables

HEADER = ["序号", "项目名称", "预算数", "执行数", "执行率", "自评得分", "自评等级", "备注"]


def _summary(blank_for_empty_note: bool, total_budget: str = "1236.50") -> str:
    empty = [""] if blank_for_empty_note else []
    lines = ["单位：万元"] + HEADER + [
        "1", "农村饮水安全工程", "维修养护资金", "640.00", "628.80", "98.25%", "95", "优", *empty,
        "2", "小型水库除险加固资金", "312.50", "312.50", "100%", "97", "优", *empty,
        "3", "水土保持治理资金", "196.00", "152.88", "78.00%", "76", "中", "两处治理点", "延至次年施工",
        "4", "河道清淤疏浚经费", "88.00", "79.20", "90.00%", "86", "良", *empty,
        "合计", total_budget, "1173.38", "94.90%",
    ]
    return "清河县水利局2022年度项目支出绩效自评结果汇总表\n\n" + "\n".join(lines) + "\n\n以上结果经局党组审定。\n"


def test_numbered_rows_with_wrapped_names_and_notes_are_read_in_step(tmp_path):
    for blank in (True, False):
        tables = _tables(tmp_path, _summary(blank))
        assert len(tables) == 1
        table = tables[0]
        assert table[0] == HEADER
        assert table[1] == ["1", "农村饮水安全工程维修养护资金", "640.00", "628.80", "98.25%", "95", "优", ""]
        assert table[3] == ["3", "水土保持治理资金", "196.00", "152.88", "78.00%", "76", "中", "两处治理点延至次年施工"]
        assert table[5] == ["合计", "", "1236.50", "1173.38", "94.90%", "", "", ""]


def test_numbered_rows_give_every_figure_and_no_row_number_as_money(tmp_path):
    record = text_record(tmp_path, _summary(True))
    amounts = sorted(f["value"] for f in record["facts"] if f["kind"] == "amount")
    assert Decimal("10000") not in amounts  # (序号 1 is no 1万元)
    assert Decimal("6400000") in amounts and Decimal("12365000") in amounts and len(amounts) == 10
    scores = sorted(f["value"] for f in record["facts"] if f["kind"] == "score")
    assert scores == [Decimal(s) for s in ("76", "86", "95", "97")]
    assert not error_flags(record)


def test_a_total_row_off_its_rows_is_flagged(tmp_path):
    record = text_record(tmp_path, _summary(False, total_budget="1263.50"))
    assert error_flags(record)


def test_a_row_missing_a_figure_is_no_numbered_table(tmp_path):
    # (row 2 wrote no 自评得分: which column its figures stand in cannot be told)
    text = _summary(True).replace("100%\n97\n", "100%\n")
    assert text != _summary(True)
    tables = _tables(tmp_path, text)
    assert not any(t[0] == HEADER and len(t[0]) == len(t[2]) for t in tables)


OLD_SCORE_TABLE = ["一级指标", "二级指标", "三级指标", "权重", "评分结果", "备注",
                   "项目决策", "（20分）", "项目目标", "目标明确性", "6", "6",
                   "决策程序", "立项规范性", "6", "5", "未开展事前评估",
                   "资金分配", "分配合理性", "8", "8",
                   "项目管理", "（30分）", "资金管理", "资金到位率", "10", "10",
                   "资金使用合规性", "12", "11", "个别票据不规范",
                   "组织实施", "制度执行", "8", "8",
                   "项目绩效", "（50分）", "项目产出", "完成数量", "20", "19",
                   "项目效益", "群众满意度", "30", "27",
                   "合计", "100", "{total}"]


def _old_score_table(total: str) -> str:
    cells = [c.format(total=total) for c in OLD_SCORE_TABLE]
    return "附件\n财政支出项目绩效评价评分表\n项目名称：沙河镇文化站设备购置项目\n" + "\n".join(cells) + "\n"


def test_an_older_score_table_with_weights_and_results_columns_gives_its_points(tmp_path):
    record = text_record(tmp_path, _old_score_table("94"))
    scores = [f["value"] for f in record["facts"] if f["kind"] == "score"]
    for points in ("6", "5", "8", "10", "11", "12", "19", "20", "27", "30", "94"):
        assert Decimal(points) in scores
    assert not error_flags(record)


def test_an_older_score_table_whose_results_do_not_add_up_is_flagged(tmp_path):
    record = text_record(tmp_path, _old_score_table("96"))
    assert error_flags(record)


def _basic_data_form(note_under_total: str = "") -> str:
    lines = ["部门整体支出绩效评价基础数据表", "填报单位：河阳县农业农村局", "单位：万元",
             "人员编制情况", "编制数（人）", "实有人数（人）", "控制率", "36", "34", "94.44%", "",
             "经费控制情况", "2019年决算数", "2020年预算数", "2020年决算数", "备注",
             "一般性支出", "42.10", "38.00", "36.75", "",
             "其中：会议费", "6.20", "5.00", "4.85", "",
             "培训费", "9.40", "8.00", "8.60", "超预算0.60万元",
             "差旅费", "26.50", "25.00", "23.30", note_under_total]
    return "\n".join(lines) + "\n\n以上数据由单位财务室提供。\n"


def test_tables_back_to_back_under_one_unit_line_give_their_money(tmp_path):
    # (the unit line stands over the first table and its caption; the second table's empty
    # notes are blank lines, its header's first name the caption-like 经费控制情况)
    record = text_record(tmp_path, _basic_data_form())
    amounts = [f["value"] for f in record["facts"] if f["kind"] == "amount"]
    for figure in ("421000", "380000", "367500", "62000", "86000", "233000"):
        assert Decimal(figure) in amounts
    heads = sorted(f["value"] for f in record["facts"] if f["kind"] == "headcount")
    assert heads == [Decimal("34"), Decimal("36")]
    assert not error_flags(record)


def _by_township(total_people: str = "611") -> str:
    lines = ["表2 护理补贴分乡镇发放情况", "序号", "乡镇", "补助对象", "（人）", "补助标准", "（元/人·年）",
             "补助资金", "（万元）", "备注",
             "1", "城关镇", "205", "1200", "24.60", "",
             "2", "南岗乡", "178", "1200", "21.36",
             "3", "白杨镇", "228", "1200", "27.36", "含新增", "认定9人",
             "合计", total_people, "", "73.32", ""]
    return "二、资金使用情况\n\n" + "\n".join(lines) + "\n三、项目绩效情况\n补贴全部按月发放到位。\n"


def test_a_header_broken_before_its_units_and_a_total_row_with_an_empty_cell(tmp_path):
    tables = _tables(tmp_path, _by_township())
    table = next(t for t in tables if t[0][0] == "序号")
    assert table[0] == ["序号", "乡镇", "补助对象（人）", "补助标准（元/人·年）", "补助资金（万元）", "备注"]
    assert table[3] == ["3", "白杨镇", "228", "1200", "27.36", "含新增认定9人"]
    # (611 under the people, as their sum; 73.32 under the money, as its decimals say)
    assert table[4] == ["合计", "", "611", "", "73.32", ""]
    record = text_record(tmp_path, _by_township())
    assert sorted(f["value"] for f in record["facts"] if f["kind"] == "headcount") == [
        Decimal(n) for n in ("9", "178", "205", "228", "611")]  # (认定9人 in the note too)
    assert not [f for f in record["facts"] if f["kind"] == "money_rate" and f["value"] == Decimal("611")]
    assert not error_flags(record)


def test_a_total_row_that_fits_no_one_way_is_left_out(tmp_path):
    # (621 is no column's sum: under the people or under the standard, its digits fit either)
    tables = _tables(tmp_path, _by_township("621"))
    table = next(t for t in tables if t[0][0] == "序号")
    assert [row[0] for row in table[1:]] == ["1", "2", "3"]
    assert not error_flags(text_record(tmp_path, _by_township("621")))


# a summary with three columns of words before its figures, names and units a converter wrapped
# at the table's width (12 characters), and an excerpt that stops inside its last row
WIDE_HEADER = ["序号", "项目名称", "主管部门", "实施单位", "资金规模（万元）", "评价得分", "评价等级"]
WIDE_ROWS = [
    ["1", "城北片区老旧小区雨污分流改", "造工程", "区住建委", "区市政设施管理中心", "1280", "88.5", "良"],
    ["2", "乡村振兴示范村人居环境整治", "专项资金项目", "区农业农村委", "各街道办事处", "960", "91", "优"],
    ["3", "全区中小学校舍维修资金", "区教委", "区教育技术装备与后勤服务中", "心", "430.6", "84", "良"],
    ["4", "公共文化场馆免费开放补助", "区文旅委", "区图书馆", "312", "86.25", "良"],
]


def _wide(rows: list, tail: list) -> str:
    lines = WIDE_HEADER + [c for row in rows for c in row] + tail
    return "二、重点评价项目结果\n" + "\n".join(lines) + "\n"


def test_numbered_rows_with_names_wrapped_at_the_tables_width(tmp_path):
    for tail in ([], ["5", "城区道路照明设施", "区城管局"]):  # (the excerpt may stop inside a row)
        tables = _tables(tmp_path, _wide(WIDE_ROWS, tail))
        [table] = [t for t in tables if t[0] == WIDE_HEADER]
        assert table[1] == ["1", "城北片区老旧小区雨污分流改造工程", "区住建委", "区市政设施管理中心", "1280", "88.5", "良"]
        assert table[3] == ["3", "全区中小学校舍维修资金", "区教委", "区教育技术装备与后勤服务中心", "430.6", "84", "良"]
        assert table[4] == ["4", "公共文化场馆免费开放补助", "区文旅委", "区图书馆", "312", "86.25", "良"]
        assert len(table) == 5


def test_an_extra_line_not_at_the_tables_width_is_no_wrap(tmp_path):
    # (row 2's name stops short of the width: its extra line cannot be placed, no table of rows)
    rows = [r[:] for r in WIDE_ROWS]
    rows[1][1] = "乡村振兴示范村"
    tables = _tables(tmp_path, _wide(rows, []))
    assert not any(t[0] == WIDE_HEADER and len(t) == 5 and len(set(map(len, t))) == 1 for t in tables)


def test_numbered_rows_with_empty_cells_left_out_give_no_row_number_as_money(tmp_path):
    # (rows under 序号 whose empty cells a page left out write two figures or three: no reading
    # places them, and no row's number is read as a label's figure, 2 → 2万元)
    lines = ["专项资金安排情况表 单位：万元", "序号", "资金类别", "预算额度", "调整额度", "实际安排额度", "文件",
             "1", "乡村道路养护", "80.00", "80.00",
             "2", "农村饮水维修", "215.40", "12.60", "228.00", "注1",
             "3", "小型水库管护", "96.50", "96.50", "注2",
             "4", "河道保洁", "40.00", "5.00", "45.00",
             "合计", "431.90", "17.60", "449.50"]
    record = text_record(tmp_path, "\n".join(lines) + "\n")
    amounts = {f["text"] for f in record["facts"] if f["kind"] == "amount"}
    assert not amounts & {"1", "2", "3", "4"}
