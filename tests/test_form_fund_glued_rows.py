"""Fund blocks of self-evaluation forms whose cells a document-sharing site ran together: a row's
label run into its figures (and the header's last word into the label), a row that leaves a
cell of its header empty or writes its budget and spending as one figure, a rate written cut
short, 其中 rows held within their total, amounts of none written 0.00, a header's rate and
weight columns run together. The forms are written here; names and figures invented."""
from __future__ import annotations

from decimal import Decimal

import pytest

from extractor.extract.form_fund_run_cut import FUND_RUN, run_cut

from conftest import text_record

# 预算数(A) | 执行数(B) | 执行率(B/A) | 得分 under a block worth 20 points, its row on the next line
AB_FORM = """2022年度项目支出绩效自评表
项目名称 乡村文化站设备购置
主管部门 某县文化和旅游局
项目类别1、部门预算项目 2、上级转移支付项目
预算执行情况(万元) (20分)预算数(A)执行数(B)执行率(B/A)得分 (20分*执行率)
{row}
年度绩效目标1 (80分)一级指标二级指标三级指标年初目标值(A)实际完成值(B)得分
产出指标数量指标购置设备台数≥40台42台40
效益指标社会效益指标群众满意度≥90%95%40
"""

# 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分, the header run into the total's label
SIX_COLUMN_FORM = """2023年度项目支出绩效自评表
项目名称 学生营养餐补助
主管部门 某县教育体育局实施单位 某县第二中学项目资金 ({unit})
年初预算数全年预算数全年执行数分值执行率得分年度资金总额
{rows}
年度总体目标预期目标实际完成情况保障学生营养餐
"""


def _funds(record) -> dict:
    """{row label: {column: written figure}} of the record's one form."""
    facts = {f["id"]: f for f in record["facts"]}
    [form] = record["forms"]
    return {row["label"]: {c: facts[i]["text"] for c, i in row["cells"].items()} for row in form["funds"]}


def _written(record, kind: str) -> list:
    return sorted(f["text"] for f in record["facts"] if f["kind"] == kind)


@pytest.mark.parametrize("label, run, cells", [
    # 45.00 ÷ 356.1288 is 12.64%; the decimal points would read 356.12 | 8845.00, spending
    # twenty-five times the budget while the rate says it fell short: no slip of the form's
    ("年度财政资金总额", "356.128845.0012.64%2.53", ["356.1288", "45.00", "12.64%", "2.53"]),
    ("资金总额", "88.577.587.57%17.51", ["88.5", "77.5", "87.57%", "17.51"]),
    ("部门整体支出总额", "98765432%7", None),
])
def test_a_label_run_into_its_figures_is_cut_where_the_rate_is_their_ratio(tmp_path, label, run, cells):
    record = text_record(tmp_path, AB_FORM.format(row=label + run), "ab.txt")
    if cells is None:
        # no cut makes the rate the ratio of two amounts: left unread, and no figure read whole
        assert label not in _funds(record) and record["forms"][0]["unread_fund_rows"] == 1
        assert not [f for f in record["facts"] if f["kind"] == "percent" and f["value"] > 100]
        return
    columns = ["年初预算数", "全年执行数", "执行率", "得分"]
    assert _funds(record)[label] == dict(zip(columns, cells))
    assert "8845.00" not in _written(record, "amount")


def test_prose_naming_a_fund_row_is_left_as_it_reads(tmp_path):
    record = text_record(tmp_path, "一、项目基本情况\n本项目年度资金总额120万元，预算执行率98.5%，完成年度目标。\n", "prose.txt")
    assert (_written(record, "amount"), _written(record, "percent")) == (["120万元"], ["98.5%"])


def test_a_row_writing_budget_and_spending_as_one_figure_under_a_full_rate(tmp_path):
    record = text_record(tmp_path, AB_FORM.format(row="部门整体支出总额526.3100%20"), "one.txt")
    assert _funds(record)["部门整体支出总额"] == {"全年执行数": "526.3", "执行率": "100%", "得分": "20"}
    assert not [f for f in record["facts"] if f["kind"] == "percent" and f["value"] > 100]


def test_one_figure_and_a_rate_whose_score_is_not_the_blocks_points_stay_unread(tmp_path):
    # 18 is not the 20 points a full rate scores: nothing says the row is one figure and 100%
    record = text_record(tmp_path, AB_FORM.format(row="部门整体支出总额526.3100%18"), "one.txt")
    assert "526.3" not in _written(record, "amount")
    # nor is the run one figure: the header says it holds several cells
    assert not [f for f in record["facts"] if f["kind"] == "percent" and f["value"] > 100]
    assert record["forms"][0]["unread_fund_rows"] == 1


def test_a_run_no_reading_cuts_is_no_figure_and_its_row_unread(tmp_path):
    rows = "1234567891%8其中:当年财政拨款\n上年结转资金"
    record = text_record(tmp_path, SIX_COLUMN_FORM.format(unit="万元", rows=rows), "none.txt")
    assert not [f for f in record["facts"] if f["kind"] == "percent"]
    [form] = record["forms"]
    assert form["unread_fund_rows"] == 1 and "年度资金总额" not in _funds(record)


def test_a_row_leaving_its_first_budget_empty_is_cut_by_its_decimals_and_rate(tmp_path):
    rows = "256310.40256310.4010100%10其中:当年财政 拨款\n256310.40256310.40—\n—上年结转资金\n—其他资金————"
    record = text_record(tmp_path, SIX_COLUMN_FORM.format(unit="元", rows=rows), "short.txt")
    funds = _funds(record)
    assert funds["年度资金总额"] == {"全年预算数": "256310.40", "全年执行数": "256310.40", "分值": "10", "执行率": "100%",
                                "得分": "10"}
    # the 其中 row's label a space broke, its amounts run on into its dashes
    assert funds["当年财政拨款"] == {"全年预算数": "256310.40", "全年执行数": "256310.40"}


def test_a_rate_written_cut_short_still_tells_the_cells(tmp_path):
    # 26.98 ÷ 27.3 is 98.827%: written 98.82%, one unit off its rounding; no other reading comes near
    rows = "27.326.981098.82%9其中:当年财政拨款\n27.326.981098.82%9"
    record = text_record(tmp_path, SIX_COLUMN_FORM.format(unit="万元", rows=rows), "cut.txt")
    funds = _funds(record)
    for label in ("年度资金总额", "当年财政拨款"):
        assert funds[label] == {"全年预算数": "27.3", "全年执行数": "26.98", "分值": "10", "执行率": "98.82%", "得分": "9"}


def test_a_part_row_keeps_within_its_total(tmp_path):
    # 6.3 | 86.3 | 86.3 | 8 | 100% makes the rate too, but a part is no more than its total and
    # writes no 分值 of its own
    rows = "6.386.386.3810.00100%10.00其中:当年财政拨款6.386.386.38100%\n上年结转资金\n其他资金"
    record = text_record(tmp_path, SIX_COLUMN_FORM.format(unit="万元", rows=rows), "part.txt")
    assert _funds(record)["当年财政拨款"] == {"年初预算数": "6.38", "全年预算数": "6.38", "全年执行数": "6.38",
                                         "执行率": "100%"}
    assert "86.3" not in _written(record, "amount")


def test_the_headers_last_word_run_into_a_label_and_rate_and_weight_run_together(tmp_path):
    text = ("项目名称 退耕还林检查验收工作经费 主管部门 某市林业局\n"
            "预算执行情况(10分)年度预算数(万元)年初预算调整后预算数预算执行数预算执行率权重得分原因\n"
            "总额8.508.508.50100.00%10\n其中:财政资金8.508.508.50100.00%//\n"
            "财政专户管理资金0.000.000.000.00%//\n单位资金0.000.000.000.00%//\n其他资金//\n"
            "绩效指标(90分)一级指标二级指标三级指标指标性质指标值度量单位完成值权重得分未完成原因分析\n")
    funds = _funds(text_record(tmp_path, text, "dept.txt"))
    assert funds["总额"] == {"年初预算数": "8.50", "全年预算数": "8.50", "全年执行数": "8.50", "执行率": "100.00%",
                          "分值": "10"}
    # amounts of none, written with the decimals of the others: the points fix them
    assert funds["单位资金"] == {"年初预算数": "0.00", "全年预算数": "0.00", "全年执行数": "0.00", "执行率": "0.00%"}


def test_a_weight_named_after_the_rate_is_one_column_where_the_header_has_its_rate(tmp_path):
    # 预算执行率 | 预算执行率权重 | 得分: the rate is named, the column after it is its weight
    from extractor.extract.form_cells import _rate_and_score_apart
    from extractor.extract.form_tokens import Token
    from extractor.model import Block
    block = Block(index=0, kind="paragraph", text="")
    words = ["预算执行数", "预算执行率", "预算执行率权重", "得分"]
    tokens = [Token(w, block, 0, len(w), 0, k, False) for k, w in enumerate(words)]
    assert [t.text for t in _rate_and_score_apart(tokens)] == words


def _cut(run: str, columns: tuple) -> list:
    m = FUND_RUN.match(run)
    cut = run_cut(m, columns)
    return cut and [m["figures"][a:b] for a, b in cut]


def test_a_fitting_rate_over_points_that_spend_past_the_budget():
    assert _cut("278.114560.0021.57%", (2, False)) == ["278.1145", "60.00", "21.57"]


def test_a_short_row_with_two_readings_is_left_unread():
    from extractor.extract.form_fund_short_rows import short_row_cut
    # 12 | 12 | 10 (分值) | 100% or 12 | 12 | 10 (three amounts, the 分值 left empty) | 100%: only a
    # 得分 written after the rate says the row has its 分值
    assert short_row_cut("1212" + "10" + "100", (4, True)) is None
    assert short_row_cut("1212" + "10" + "100", (4, True), "10") == [(0, 2), (2, 4), (4, 6), (6, 9)]


def test_a_short_row_whose_amounts_are_typed_unlike_is_no_reading():
    from extractor.extract.form_fund_short_rows import short_row_cut
    # 48.6 | 47.2915 is no row a form writes (its amounts four decimals against one)
    assert short_row_cut("48.647.2915" + "10" + "97.31", (4, True), "9") is None


def test_a_run_two_readings_come_near_is_left_unread():
    from extractor.extract.form_fund_short_rows import short_row_cut
    assert short_row_cut("50.0049.00" + "98.00", (3, False)) == [(0, 5), (5, 10), (10, 15)]
    # 50 | 49 | 98% and 50 | 4 | 99 | 8%: both come near
    assert short_row_cut("5049" + "98", (3, False)) is None


def test_one_figure_needs_a_full_rate_the_blocks_points_and_no_other_rate():
    from extractor.extract.form_fund_short_rows import one_amount_cut
    assert one_amount_cut("864.2100", (2, False), "20", Decimal(20)) == [(0, 5), (5, 8)]
    assert one_amount_cut("864.2100", (2, False), "20", None) is None  # (no points stated)
    assert one_amount_cut("864.2100", (3, True), "20", Decimal(20)) is None  # (a 分值 column: no merged cell)
    assert one_amount_cut("86495", (2, False), "19", Decimal(20)) is None  # (864 | 95% or 8649 | 5%: no full rate)
