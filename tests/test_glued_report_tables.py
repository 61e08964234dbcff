"""A report's tables whose cells a document-sharing site ran together with no break: data tables
(a header of names run together, rows of a name and its figures, a 合计 row), tables of labels
each with its figure (on one line, or one cell a line with the row breaks lost) and score
tables (a name, 分值, the rule's words and the score run together). Each is read as a table only
where one reading fits and something proves it; otherwise its lines stay as they were. Every
text here is made up for the tests."""
import pytest

from conftest import text_record
from extractor.ingest.column_sums import adds_up, choice_by_totals, placed
from extractor.ingest.glued_figures import cut_at_places, places_of, readings
from extractor.ingest.glued_rows import glued_tables_apart


def _facts(record, kind=None):
    return [(f["kind"], str(f["value"]), f.get("label")) for f in record["facts"] if kind in (None, f["kind"])]


def _placed(record, kind):
    """(value, table, row, col) of the facts of `kind`."""
    return [(str(f["value"]), f["source"]["table"], f["source"]["row"], f["source"]["col"])
            for f in record["facts"] if f["kind"] == kind]


def _values(record, kind):
    return [v for _, v, _ in _facts(record, kind)]


# ---- cutting a run of figures
def test_a_run_is_cut_after_each_points_digits():
    assert cut_at_places("56.0048.27", 2) == ["56.00", "48.27"]
    assert cut_at_places("1,205.5090.0012,480.75", 2) == ["1,205.50", "90.00", "12,480.75"]
    assert cut_at_places("7.30.512.8", 1) == ["7.3", "0.5", "12.8"]
    assert places_of("56.0048.27") == 2 and places_of("4242") is None


def test_a_run_that_does_not_read_at_its_places_is_not_cut():
    assert cut_at_places("5.0006.50", 2) is None  # (06.50: a leading 0 no figure needs)
    assert cut_at_places("12.3456", 3) is None
    assert cut_at_places("3030", 0) is None


def test_whole_numbers_run_together_read_every_way():
    assert sorted(readings("4242", 2, 2)) == [["4", "242"], ["42", "42"], ["424", "2"], ["4242"]]
    assert ["40", "5"] in readings("405", 0, 2) and ["4", "05"] not in readings("405", 0, 2)
    assert readings("31415926535897932384", 0, 6) is None  # (too many ways for a total to single out)


def test_the_totals_choose_the_one_reading_that_adds_up():
    open_row = [cells for figures in readings("4242", 2, 2) for cells in placed(figures, 2)]
    read = [["35.50", "34.80"]]
    assert choice_by_totals(read, [open_row], ["77.50", "76.80"], 2) == [open_row.index(["42", "42"])]
    # (two readings that both add up: neither is taken)
    first = [cells for figures in readings("111", 0, 2) for cells in placed(figures, 2)]
    second = [cells for figures in readings("112", 0, 2) for cells in placed(figures, 2)]
    assert choice_by_totals([], [first, second], ["12", "13"]) is None


def test_a_column_adds_up_within_the_halves_of_its_figures():
    rows = [["10.01", "5.00"], ["20.01", "5.00"], ["30.01", "5.00"]]
    assert adds_up(rows, ["60.02", "15.00"], 2)  # (60.03 written 60.02: rounding)
    assert not adds_up(rows, ["60.10", "15.00"], 2)
    assert not adds_up([["3", "1"], ["4", "1"]], ["8", "2"], 0)  # (whole numbers add up exactly)


# ---- data tables
_SPENDING = ("三、资金使用情况\n"
             "项目支出内容(类别)预算安排数(万元)实际使用数(万元)\n"
             "道路养护补助56.0048.27\n"
             "村级公路管护经费120.50118.05\n"
             "桥梁检测费用9.609.60\n"
             "合计186.10175.92\n"
             "四、绩效分析\n")


def test_a_data_table_run_together_is_read_as_its_table(tmp_path):
    record = text_record(tmp_path, _SPENDING)
    amounts = _facts(record, "amount")
    assert [v for _, v, _ in amounts] == ["560000.00", "482700.00", "1205000.00", "1180500.00", "96000.00",
                                          "96000.00", "1861000.00", "1759200.00"]
    assert _placed(record, "amount")[:2] == [("560000.00", 1, 1, 1), ("482700.00", 1, 1, 2)]
    assert ("amount", "482700.00", "支出") in amounts


def test_whole_numbers_run_together_are_read_where_the_totals_leave_one_reading(tmp_path):
    text = ("二、支出明细\n支出项目(内容)年初计划数(万元)实际发放数(万元)\n"
            "困难群众慰问金135.00134.60\n残疾人生活补贴4242\n孤儿基本生活费18.0016.00\n临时救助资金1212\n"
            "合计207.00204.60\n")
    assert _values(text_record(tmp_path, text), "amount") == [
        "1350000.00", "1346000.00", "420000", "420000", "180000.00", "160000.00", "120000", "120000",
        "2070000.00", "2046000.00"]


def test_one_column_of_whole_numbers_needs_no_cut(tmp_path):
    text = ("乡镇(街道)受助人数(人)\n城关镇1280\n河口镇954\n石桥乡433\n合计2667\n")
    facts = _facts(text_record(tmp_path, text), "headcount")
    assert [v for _, v, _ in facts] == ["1280", "954", "433", "2667"] and facts[0][2] == "受助人数"


@pytest.mark.parametrize("rows", [
    "困难群众慰问金35.5034.80\n残疾人生活补贴4242\n孤儿基本生活费18.0016.50\n",
    # (every run cuts at two places, but the first column is written with one: 35.5 | 34.80)
    "困难群众慰问金166.16129.05\n残疾人生活补贴35.534.80\n孤儿基本生活费87.4087.40\n",
])
def test_a_table_of_several_columns_without_a_total_stays_unread(tmp_path, rows):
    text = "二、支出明细\n支出项目(内容)年初计划数(万元)实际发放数(万元)\n" + rows + "三、绩效分析\n"
    assert _values(text_record(tmp_path, text), "amount") == []


def test_whole_numbers_that_two_readings_add_up_to_stay_unread(tmp_path):
    text = ("二、支出明细\n支出项目(内容)年初计划数(万元)实际发放数(万元)\n"
            "困难群众慰问金20.0018.50\n社区服务补贴111\n慰问走访经费112\n孤儿基本生活费8.008.00\n"
            "支出合计40.0039.50\n")
    amounts = _values(text_record(tmp_path, text), "amount")
    assert amounts == ["200000.00", "185000.00", "80000.00", "80000.00", "400000.00", "395000.00"]


def test_a_header_cut_at_listed_names_under_a_unit_caption_with_numbers_and_remarks(tmp_path):
    text = ("表3 某县2022年度专项资金安排情况表 单位:万元\n"
            "序号资金用途政策任务预算额度调整额度实际安排额度资金下达及调整文件\n"
            "1A1.农田水利建设A101.灌区改造42.0042.00\n"
            "2A1.农田水利建设A102.小型水库维修305.5020.25325.75注1\n"
            "3B2.农村饮水安全B201.供水管网延伸88.0088.00\n"
            "合计435.5020.25455.75\n"
            "注1：追加资金见县财预〔2022〕8号。\n")
    amounts = _facts(text_record(tmp_path, text), "amount")
    # (two figures under three columns: the totals say which two)
    assert amounts[:2] == [("amount", "420000.00", "预算额度"), ("amount", "420000.00", "实际安排额度")]
    assert ("amount", "202500.00", "调整额度") in amounts and ("amount", "4557500.00", "实际安排额度") in amounts
    assert len(amounts) == 10


def test_figures_written_with_different_places_that_the_total_disproves_stay_unread(tmp_path):
    text = ("二、支出明细\n支出项目(内容)年初计划数(万元)实际发放数(万元)\n"
            "困难群众慰问金35.534.80\n孤儿基本生活费18.0016.50\n临时救助资金12.4012.40\n"
            "支出合计65.9063.70\n")
    assert _values(text_record(tmp_path, text), "amount") == []


def test_a_run_together_header_with_no_unit_is_no_table(tmp_path):
    text = ("二、支出明细\n支出项目(内容)年初计划数实际发放数\n"
            "困难群众慰问金35.5034.80\n孤儿基本生活费18.0016.50\n临时救助资金12.4012.40\n")
    assert _values(text_record(tmp_path, text), "amount") == []


def test_lines_of_a_report_that_are_no_table_stay_as_they_were():
    lines = ["一、项目概况", "本项目总投资(万元)按计划拨付到位", "其中省级资金到位率达到100.00%以上",
             "全年完成投资1234.5612.30", "年度预算100万元实际支出90万元", "结余资金10万元全部收回"]
    assert glued_tables_apart(lines) == lines


def test_a_form_keeps_its_lines_for_the_form_readers():
    lines = ["项目支出绩效自评表", "项目支出内容(类别)预算安排数(万元)实际使用数(万元)",
             "道路养护补助56.0048.27", "村级公路管护经费120.50118.05", "合计176.50166.32"]
    assert glued_tables_apart(lines) == lines


# ---- labelled figures
_PAIRS = ("一、项目基本情况\n"
          "计划投资(万元)520.00到位资金(万元)498.60\n"
          "其中:中央补助其中:中央补助\n"
          "省财政120.00省财政118.40\n"
          "县财政400.00县财政380.20\n"
          "实际支出(万元)470.15\n"
          "二、绩效目标\n")


def test_labelled_figures_run_together_are_a_table_under_their_units(tmp_path):
    record = text_record(tmp_path, _PAIRS)
    assert _facts(record, "amount") == [
        ("amount", "5200000.00", "计划投资"), ("amount", "4986000.00", "到位资金"),
        ("amount", "1200000.00", "省财政"), ("amount", "1184000.00", "省财政"),
        ("amount", "4000000.00", "县财政"), ("amount", "3802000.00", "县财政"), ("amount", "4701500.00", "实际支出")]
    assert _placed(record, "amount")[3] == ("1184000.00", 1, 2, 3)


def test_labelled_figures_of_three_columns(tmp_path):
    text = ("年初预算(万元)86.5调整预算(万元)90.0执行数(万元)81.2\n"
            "市财政30.0市财政32.0市财政30.4\n县财政56.5县财政58.0县财政50.8\n以上为资金情况。\n")
    record = text_record(tmp_path, text)
    assert _values(record, "amount") == [
        "865000.0", "900000.0", "812000.0", "300000.0", "320000.0", "304000.0", "565000.0", "580000.0", "508000.0"]
    assert [(r, c) for _, _, r, c in _placed(record, "amount")][4:6] == [(1, 3), (1, 5)]


def test_sentences_with_figures_are_no_labelled_figures():
    lines = ["计划投资(万元)520.00到位资金(万元)498.60", "年度预算100万元实际支出90万元", "结余10万元"]
    assert glued_tables_apart(lines) == lines  # (no row of labels under the first line)


# ---- one cell a line, the row breaks lost
def _cells(*rows):
    return "一、基本情况\n" + "\n".join(cell for row in rows for cell in row) + "\n二、绩效目标\n"


def test_labels_written_once_per_column_are_rows_again(tmp_path):
    text = _cells(["年初预算 (万元)", "860.00", "调整后预算 (万元)", "900.00", "实际支出 (万元)", "812.35"],
                  ["其中:中央财政"] * 3, ["省财政", "300", "省财政", "300", "省财政", "288.10"],
                  ["县财政", "560.00", "县财政", "600.00", "县财政", "524.25"])
    record = text_record(tmp_path, text)
    assert _values(record, "amount") == ["8600000.00", "9000000.00", "8123500.00", "3000000", "3000000",
                                         "2881000.00", "5600000.00", "6000000.00", "5242500.00"]
    assert _placed(record, "amount")[5][2:] == (2, 5)


def test_a_label_written_fewer_times_than_the_columns_makes_no_rows(tmp_path):
    text = _cells(["年初预算 (万元)", "860.00", "调整后预算 (万元)", "900.00", "实际支出 (万元)", "812.35"],
                  ["省财政", "300", "省财政", "300"], ["县财政", "560.00", "县财政", "600.00", "县财政", "524.25"])
    amounts = _facts(text_record(tmp_path, text), "amount")
    assert not any(label in ("省财政", "县财政") for _, _, label in amounts)


# ---- score tables
_SCORES = ("附件：评价得分表\n"
           "评价内容分值评分标准得分备注\n"
           "一、前期准备情况40\n"
           "36\n"
           "1、方案编制质量25方案完整、可操作性强的，得20-25分；较完整的，得12-19分；不完整的，得0-11分。23\n"
           "2、资料收集情况15资料齐全的得15分，每缺一项扣3分。13\n"
           "二、实施结果60\n"
           "55\n"
           "1、目标完成程度60全部完成得60分；完成80%以上得40-59分；其余得0-39分。55\n"
           "合计\n"
           "91\n"
           "说明：以上由评价组填写。\n")


def test_a_score_table_run_together_is_read_as_its_table(tmp_path):
    record = text_record(tmp_path, _SCORES)
    placed_scores = _placed(record, "score")
    assert ("40", 1, 1, 1) in placed_scores and ("36", 1, 1, 3) in placed_scores
    assert ("25", 1, 2, 1) in placed_scores and ("23", 1, 2, 3) in placed_scores
    assert ("13", 1, 3, 3) in placed_scores and ("91", 1, 6, 3) in placed_scores
    assert ("20", 1, 2, 2) in placed_scores  # (the rule's own figures, in its cell)


def test_a_score_table_whose_arithmetic_fails_stays_as_text(tmp_path):
    record = text_record(tmp_path, _SCORES.replace("36\n", "35\n"))
    assert all(f["source"]["table"] is None for f in record["facts"])


def test_a_score_table_of_indicators_only_and_other_column_names(tmp_path):
    text = ("指标名称权重考核标准考核得分\n"
            "组织管理30制度健全得30分，缺一项扣5分。25\n"
            "资金使用40按进度拨付得40分，滞后一月扣10分。40\n"
            "群众满意度30满意度90%以上得30分。28\n"
            "总分93\n")
    record = text_record(tmp_path, text)
    assert [(v, c) for v, _, _, c in _placed(record, "score") if c in (1, 3)] == [
        ("30", 1), ("25", 3), ("40", 1), ("40", 3), ("30", 1), ("28", 3), ("93", 3)]


def test_score_rows_whose_points_do_not_make_100_are_no_table(tmp_path):
    text = ("指标名称权重考核标准考核得分\n"
            "组织管理30制度健全得30分，缺一项扣5分。25\n"
            "资金使用40按进度拨付得40分，滞后一月扣10分。40\n"
            "总分65\n")
    record = text_record(tmp_path, text)
    assert all(f["source"]["table"] is None for f in record["facts"])
