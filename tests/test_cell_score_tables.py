"""A report's score table saved from Word as text, one cell a line: rows set apart by blank
lines with merged cells written once, or every cell written (an empty one a blank line).
Tables written for the test; names and figures invented."""
from __future__ import annotations

from decimal import Decimal

from conftest import text_record
from extractor.ingest.cell_score_tables import cell_score_table_at

_INTRO = "经评价，该项目综合得分{total}分。评分情况见下表：\n附表：评分表\n"


def _merged_once(total="84", last="18"):
    """Rows apart by blank lines; a level's cell on its first row only."""
    cells = ["一级指标", "二级指标", "三级指标", "评分标准", "得分", "",
             "投入(30)", "项目立项(12)", "立项依据充分性(12)", "依据充分得12分", "12", "",
             "资金落实(18)", "资金到位率(18)", "每低1个百分点扣0.5分", "16", "",
             "产出(70)", "产出数量(40)", "完成率(40)", "≥95%得满分", "38", "",
             "产出效果(30)", "群众满意度(30)", "满意度≥90%得满分", "18", "",
             "总分", "100", total]
    return _INTRO.format(total=total) + "\n".join(cells).replace("\n18\n\n总分", f"\n{last}\n\n总分") + "\n\n四、存在问题\n个别村资金拨付偏慢。\n"


def _every_cell(total="91"):
    """Every cell written, an empty one a blank line, a blank line after each row."""
    rows = [["指标", "权重", "评分要点", "得分", "扣分原因"],
            ["投入", "25", "", "23", ""],
            ["资金到位率", "15", "到位率100%得满分", "13", "配套资金晚到，扣2分"],
            ["预算执行率", "10", "≥95%得满分", "10", "—"],
            ["产出", "75", "", "68", ""],
            ["完成率", "45", "每低1个百分点扣1分", "40", "完成率95%，扣5分"],
            ["满意度", "30", "≥90%得满分", "28", "满意度88%，扣2分"],
            ["总分", "100", "", total, ""]]
    lines = []
    for k, row in enumerate(rows):
        lines += row if k == 0 else row + [""]
    return _INTRO.format(total=total) + "\n".join(lines) + "\n四、存在问题\n无。\n"


def _scores(record):
    return [Decimal(f["value"]) for f in record["facts"] if f["kind"] == "score" and f["source"].get("table") is not None]


def test_rows_apart_by_blank_lines_with_merged_cells_written_once(tmp_path):
    record = text_record(tmp_path, _merged_once())
    [table] = record["tables"]
    assert table["rows"][-1][0] == "总分" and len(table["rows"]) == 5
    for points in (12, 16, 38, 18, 84):
        assert Decimal(points) in _scores(record)
    assert not [f for f in record["flags"] if f["severity"] == "error"]


def test_a_slip_in_such_a_table_is_flagged(tmp_path):
    # 12 + 16 + 38 + 17 = 83, the total says 84
    record = text_record(tmp_path, _merged_once(last="17"))
    assert [f["rule"] for f in record["flags"] if f["severity"] == "error"] == ["score.tree"]


def test_every_cell_written_with_blank_lines_for_empty_ones(tmp_path):
    record = text_record(tmp_path, _every_cell())
    [table] = record["tables"]
    assert table["rows"][0][:2] == ["投入", "25"] and table["rows"][1][3] == "13"
    for points in (25, 23, 15, 13, 75, 68, 45, 40, 30, 28, 91):
        assert Decimal(points) in _scores(record)
    assert not [f for f in record["flags"] if f["severity"] == "error"]


def test_lines_that_read_as_no_score_table_stay_text():
    # a results list one cell a line: no 得分 column
    lines = ["项目名称", "预算数", "执行数", "", "道路硬化", "120", "118", "", "合计", "120", "118"]
    assert cell_score_table_at(lines, 0) is None
    # a score table's cells that fall out of their columns (a figure under the name)
    lines = ["指标", "权重", "得分", "", "投入", "20", "18", "", "12", "产出", "80", "", "总分", "100", "90"]
    assert cell_score_table_at(lines, 0) is None
    # no total row: where the table ends is not known
    lines = ["指标", "权重", "得分", "", "投入", "20", "18", "", "产出", "80", "72"]
    assert cell_score_table_at(lines, 0) is None


def test_weights_in_brackets_after_the_names_are_facts(tmp_path):
    record = text_record(tmp_path, _merged_once())
    weights = [(Decimal(f["value"]), f["source"]["col"]) for f in record["facts"]
               if f["kind"] == "score" and f["label"] == "分值"]
    # 投入(30), 项目立项(12), 立项依据充分性(12), 资金落实(18), 资金到位率(18), 产出(70) …
    assert (Decimal(30), 0) in weights and (Decimal(70), 0) in weights and (Decimal(40), 2) in weights
    assert len(weights) == 10
    # a bracket that numbers the name (（1）资金到位率) is no weight
    text = _merged_once().replace("资金到位率(18)", "（1）资金到位率")
    weights = [f for f in text_record(tmp_path, text, "b.txt")["facts"] if f["label"] == "分值"]
    assert len(weights) == 9
