"""A report's indicator score table (绩效评价指标评分表) in the column layouts and text shapes
bench/score_tables.py makes up: each level with its own 分值 column, a 评分标准 column between
分值 and 得分, a 扣分原因 column; merged level cells written again in every row (a sheet's
export), left out (a web page's rowspan) or empty; pipe rows, one cell a line, cells a space
run apart, the table on one line. A clean table raises no error; one whose total its rows do
not make is flagged. Tables written for the test, names and figures invented."""
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import text_record
from extractor.pipeline import extract_file

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
import score_tables  # noqa: E402

_TITLE = "某县2022年度农村公路养护项目绩效评价报告\n三、评价结论\n评分情况见附表。\n"

# 一级指标 | 分值 | 二级指标 | 分值 | 三级指标 | 分值 | 评分标准 | 得分: leaves 4 + 3 + 6 | 9 + 8 ... = 77
_HEADER = ["一级指标", "分值", "二级指标", "分值", "三级指标", "分值", "评分标准", "得分"]
_ROWS = [
    ["决策", "20", "立项管理", "12", "立项依据充分性", "5", "依据充分得满分", "4"],
    ["决策", "20", "立项管理", "12", "立项程序规范性", "7", "程序规范得满分，否则酌情扣分", "7"],
    ["决策", "20", "目标设定", "8", "目标明确性", "8", "目标量化得满分", "6"],
    ["过程", "30", "资金使用", "18", "资金到位率", "10", "到位率100%得满分", "9"],
    ["过程", "30", "资金使用", "18", "资金使用合规性", "8", "发现一处违规扣1分", "8"],
    ["过程", "30", "组织管理", "12", "制度执行有效性", "12", "制度健全且执行到位得满分", "10"],
    ["产出", "30", "养护里程", "20", "计划完成率", "20", "完成率≥95%得满分", "17"],
    ["产出", "30", "养护质量", "10", "路况优良率", "10", "优良率每低1%扣0.5分", "8"],
    ["效益", "20", "社会效益", "12", "群众出行条件改善", "12", "视改善情况酌情评分", "10"],
    ["效益", "20", "满意度", "8", "沿线群众满意度", "8", "满意度≥90%得满分", "6"],
]
_TOTAL = ["合计", "100", "", "100", "", "100", "", "85"]


def _merged(rows: list, how: str) -> list:
    """A level's cells and their 分值 after its group's first row: written again, left out or empty."""
    out = []
    for k, row in enumerate(rows):
        cells = list(row)
        for c in (0, 1, 2, 3):
            level = 0 if c < 2 else 2
            if how != "repeated" and k and rows[k - 1][:level + 2] == row[:level + 2]:
                cells[c] = score_tables._LEFT_OUT if how == "left_out" else score_tables._EMPTY
        out.append(cells)
    return out


def _table(tmp_path, shape: str, how: str, total: str = "85", rows=_ROWS) -> dict:
    table = [["附表：绩效评价指标评分表"], _HEADER] + _merged(rows, how) + [_TOTAL[:-1] + [total]]
    text = _TITLE + score_tables._written(table, shape)
    return text_record(tmp_path, text)


def _errors(record: dict) -> list:
    return [f for f in record["flags"] if f["severity"] == "error"]


_SHAPES = [("pipe", "repeated"), ("pipe", "left_out"), ("pipe", "empty"), ("cells", "left_out"),
           ("cells", "repeated"), ("spaced", "left_out"), ("spaced", "repeated"), ("one_line", "left_out"),
           ("one_line", "repeated")]


@pytest.mark.parametrize("shape,how", _SHAPES)
def test_a_clean_table_raises_no_error(tmp_path, shape, how):
    # (before: a 分值 column written again in each merged row summed to 300; a total row's 100
    # under each level taken for the total score; a row ending in its figure joined to the next
    # row's name 项目…; a cut of the cells out of step accepted)
    assert _errors(_table(tmp_path, shape, how)) == []


@pytest.mark.parametrize("shape,how", _SHAPES)
def test_a_total_its_rows_do_not_make_is_flagged(tmp_path, shape, how):
    record = _table(tmp_path, shape, how, total="87")
    flags = [f for f in record["flags"] if f["rule"] in ("score.tree", "form.score_total")
             and f["severity"] in ("error", "warning")]
    assert flags and all("87" in f["message"] for f in flags)


def test_a_weight_written_again_under_its_merged_cell_is_counted_once(tmp_path):
    record = _table(tmp_path, "pipe", "repeated")
    assert not [f for f in record["flags"] if "明细之和" in f["message"]]
    # a leaf's score off: the total no longer made, the weights still are
    slipped = [list(r) for r in _ROWS]
    slipped[3][7] = "7"
    messages = [f["message"] for f in _errors(_table(tmp_path, "pipe", "repeated", rows=slipped))]
    assert messages and not any("分值" in m and "明细之和" in m for m in messages)


def test_a_cut_out_of_step_is_no_table(tmp_path):
    # one cell a line, the merged cells left out: a cut by the header's eight cells alternates
    # words and figures as the header does, yet puts rules under the names and adds up nowhere
    record = _table(tmp_path, "cells", "left_out")
    for table in record["tables"]:
        for row in table["rows"]:
            assert not any("得满分" in cell for cell in row[:1])


def test_a_row_ending_in_its_score_keeps_apart_from_a_name_opening_with_xiangmu(tmp_path):
    rows = [[c.replace("决策", "项目决策").replace("过程", "项目过程") if k == 0 else c for k, c in enumerate(r)]
            for r in _ROWS]
    record = _table(tmp_path, "spaced", "left_out", rows=rows)
    assert _errors(record) == []
    levels = {i["path"][0] for form in record.get("forms") or [] for i in form.get("indicators") or []}
    levels |= {i["path"][0] for i in record.get("indicators") or [] if i.get("path")}
    assert "项目过程" in levels and not any(name[:1].isdigit() for name in levels)


def test_a_short_total_row_stands_under_the_points_columns(tmp_path):
    # 一级指标 二级指标 三级指标 分值 评分标准 得分 扣分原因, the total row 合计 100 82 only
    text = _TITLE + "\n".join([
        "一级指标  二级指标  三级指标  分值  评分标准  得分  扣分原因",
        "决策  立项管理  立项依据充分性  20  依据充分得满分  18  论证不足",
        "决策  目标设定  目标明确性  20  目标量化得满分  20",
        "过程  资金使用  资金到位率  30  到位率100%得满分  27  配套晚到",
        "产出  养护里程  计划完成率  30  完成率≥95%得满分  19  进度滞后",
        "合计  100  86"]) + "\n"
    record = text_record(tmp_path, text)
    [table] = [t for t in record["tables"] if t["rows"]]
    assert table["rows"][-1] == ["合计", "", "", "100", "", "86", ""]
    # 18 + 20 + 27 + 19 = 84, not 86
    assert any(f["rule"] == "score.tree" and "86" in f["message"] for f in _errors(record))


def test_the_bench_tables_each_layout(tmp_path):
    # one made-up table per column layout, clean and with a slip, in every shape, a Word table and a sheet too
    seen = set()
    for rows, slip, variant, leaves, _ in score_tables.make_tables(24, 3, False) + score_tables.make_tables(24, 3, True):
        key = (variant["header"], slip is None)
        if key in seen:
            continue
        seen.add(key)
        for shape in ("pipe", "cells", "spaced", "tabs", "docx", "xlsx"):
            path = tmp_path / f"report.{shape if shape in ('docx', 'xlsx') else 'txt'}"
            score_tables.write_report(rows, shape, path)
            record = extract_file(path)
            raised = {f["rule"] for f in record["flags"] if f["severity"] in ("error", "warning")}
            if slip is None:
                assert _errors(record) == [], (variant, shape)
            else:
                assert raised & {"score.tree", "form.score_total"}, (variant, shape, slip)
    assert len(seen) >= 8


def _with_subtotals(rows: list, named: bool) -> list:
    """A 小计 row after each first level's rows (决策小计 | 20 | … | 17, or 小计)."""
    out = []
    for k, row in enumerate(rows):
        out.append(row)
        if k + 1 == len(rows) or rows[k + 1][0] != row[0]:
            group = [r for r in rows if r[0] == row[0]]
            score = sum(int(r[7]) for r in group)
            out.append([f"{row[0]}小计" if named else "小计", row[1], "", "", "", "", "", str(score)])
    return out


def _leaves_read(record: dict) -> int:
    return score_tables._read(score_tables._indicators(record), {r[4]: (Decimal(r[5]), Decimal(r[7])) for r in _ROWS})


@pytest.mark.parametrize("shape", ["pipe", "tabs", "spaced", "cells"])
def test_subtotal_rows_between_the_levels(tmp_path, shape):
    # (before: a spaced table cut into pieces at each 小计; a 决策小计 read as one more indicator of the
    # stream; a numbered row over the 小计 taken for a level's own row)
    for named in (True, False):
        rows = [["附表：绩效评价指标评分表"], _HEADER] + _merged(_with_subtotals(_ROWS, named), "left_out" if shape != "tabs" else "empty") \
            + [_TOTAL]
        record = text_record(tmp_path, _TITLE + score_tables._written(rows, shape))
        assert _errors(record) == [], (shape, named)
        assert _leaves_read(record) == len(_ROWS), (shape, named)


@pytest.mark.parametrize("shape", ["pipe", "tabs", "spaced", "cells", "one_line"])
def test_points_written_with_their_fen(tmp_path, shape):
    # 分值 and 得分 cells written 8分, 7.5分 (before: a header of three rows, no indicator read)
    points = {1, 3, 5, 7}
    rows = [[c + "分" if k in points and c else c for k, c in enumerate(r)] for r in _ROWS]
    total = [c + "分" if k in points and c else c for k, c in enumerate(_TOTAL)]
    table = [["附表：绩效评价指标评分表"], _HEADER] + _merged(rows, "left_out" if shape != "tabs" else "empty") + [total]
    record = text_record(tmp_path, _TITLE + score_tables._written(table, shape))
    assert _errors(record) == []
    assert _leaves_read(record) == len(_ROWS)


def test_a_word_table_whose_subtotal_label_wraps_in_its_cell(tmp_path):
    # 项目决\n策小计: a label broken onto two lines inside a Word cell is still the level's 小计
    # (before: read as one more row, the 合计 then off by the subtotals)
    rows = [[f"{c[:3]}\n{c[3:]}" if c.endswith("小计") else c for c in r] for r in _with_subtotals(_ROWS, named=True)]
    rows = [["附表：绩效评价指标评分表"], _HEADER] + _merged(rows, "left_out") + [_TOTAL]
    path = tmp_path / "report.docx"
    score_tables.write_report(rows, "docx", path)
    record = extract_file(path)
    assert _errors(record) == []
    assert _leaves_read(record) == len(_ROWS)


def test_a_sheets_bracketed_weights_under_its_title_are_facts(tmp_path):
    # a sheet whose first row is the table's title (附表：绩效评价指标评分表, the word 评分 in it): the
    # names' bracketed weights (立项管理（12）) stand before the points columns all the same
    rows = [[f"{r[0]}（{r[1]}分）", f"{r[2]}（{r[3]}）", r[4], r[5], r[7]] for r in _ROWS]
    header = ["一级指标", "二级指标", "三级指标", "分值", "得分"]
    path = tmp_path / "report.xlsx"
    score_tables.write_report([["附表：绩效评价指标评分表"], header] + rows + [["合计", "", "", "100", "85"]], "xlsx", path)
    record = extract_file(path)
    bracketed = [f for f in record["facts"] if f["kind"] == "score" and "（" in (f.get("text") or "")]
    assert {Decimal(str(f["value"])) for f in bracketed} >= {Decimal(12), Decimal(8), Decimal(18)}
    assert _errors(record) == []


def test_a_sheet_of_points_written_with_their_fen_is_no_key_value_form(tmp_path):
    # 名称 | 2分 | 名称 | 6分 … in turn: the 分 figures are figures, not the labels of a form's
    # key-value head (before: the whole sheet read as label | value pairs, no indicator read)
    rows = []
    for k, r in enumerate(_ROWS):
        above = _ROWS[k - 1] if k else None
        rows.append([score_tables._EMPTY if above and above[0] == r[0] else r[0],
                     score_tables._EMPTY if above and above[:3] == r[:3] else r[2],
                     r[4], r[5] + "分", r[7] + "分", f"{int(r[7]) / int(r[5]) * 100:.1f}%"])
    header = ["一级指标", "二级指标", "三级指标", "分值", "得分", "得分率"]
    path = tmp_path / "report.xlsx"
    score_tables.write_report([["附表：绩效评价指标评分表"], header] + rows + [["合计", "", "", "100分", "85分", ""]], "xlsx", path)
    record = extract_file(path)
    assert record["tables"][0]["header"], "a header read"
    assert _errors(record) == []
    assert len([i for i in score_tables._indicators(record) if i.get("score") is not None]) >= len(_ROWS)
