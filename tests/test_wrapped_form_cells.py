"""A form's cells that a wrap broke over two lines (全年预 | 算数, 执行率（ | B/A）, 年度资 | 金总额),
as a printed form's narrow columns or a web page's <br> inside a cell leave them, in every shape a
form's text arrives: one cell a line, cells a space run apart, tab-separated, the whole form on
one line. The pieces are one cell again where together they make a word of the form's vocabulary
(patterns/forms.json) and are not two words of their own. Forms written for the test, with
invented names and figures."""
from __future__ import annotations

import pytest

from conftest import text_record
from extractor.ingest.stacked_headers import stacked_headers_joined


@pytest.mark.parametrize("lines, joined", [
    (["全年预", "算数（A）"], ["全年预算数（A）"]),  # one cell a line
    (["执行率（", "B/A）"], ["执行率（B/A）"]),  # broken inside its bracket
    (["年度资", "金总额"], ["年度资金总额"]),  # a fund row's label
    (["其中：当年财", "政拨款"], ["其中：当年财政拨款"]),
    (["一级", "指标"], ["一级指标"]),  # the first piece no word, the second one
    (["指标", "名称"], ["指标名称"]),  # a name column's other word
    (["资金来源  全年预", "算数  全年执行数  执行率"], ["资金来源  全年预算数  全年执行数  执行率"]),
    (["年度资", "金总额  320.00  288.00  90.00%"], ["年度资金总额  320.00  288.00  90.00%"]),
    (["资金情况\t全年预", "算数\t全年执行数\t\t"], ["资金情况\t全年预算数\t全年执行数\t\t"]),  # (its empty cells kept)
    (["资金投入", "（万元）\t预算数\t执行数\t执行率"], ["资金投入（万元）\t预算数\t执行数\t执行率"]),  # the unit wrapped off
    (["转移支付名称 养老补助资金 资金情况（万元） 全年预", "算数 全年执行数 执行率"],  # the form on one line
     ["转移支付名称 养老补助资金 资金情况（万元） 全年预算数 全年执行数 执行率"]),
])
def test_the_pieces_of_a_wrapped_cell_are_one_cell_again(lines, joined):
    assert stacked_headers_joined(lines) == joined


@pytest.mark.parametrize("lines", [
    ["执行率", "得分"],  # two words of their own: two cells
    ["指标", "权重"],  # the second a word of its own (指标权重 is one too)
    ["年度资金", "总额"],  # (so too here: a wrap there cannot be told from two cells)
    ["（万元）", "全年预算数（A）"],  # a unit closes its cell
    ["三级 指标", "分值"],  # a cell with a space in it is one cell, not 三级 and 指标
    ["年度资", "\t金总额\t320.00"],  # a tab row opening with an empty cell
    ["本年度完成全年预", "算数的95%"],  # a figure: running text
    ["计划安排资金", "（万元）", "170"],  # a label's unit over its figure
])
def test_lines_that_are_no_wrapped_cell_stay_as_they_are(lines):
    assert stacked_headers_joined(lines) == lines


# a transfer form and a project form with their fund headers' cells and their rows' labels
# wrapped, written as lists of rows of cells ("|" marks where a cell wrapped)
_TRANSFER = [
    ["长江流域禁捕退捕补助资金转移支付（区域）绩效目标自评表（2024年度）"],
    ["转移支付名称", "禁捕退捕补助资金", "中央主管部门", "农业农村部", "地方主管部门", "某县农业农村局"],
    ["资金情况|（万元）", "全年预算|数（A）", "全年执行|数（B）", "执行率（|B/A）"],
    ["年度资|金总额", "260.00", "{spent}", "{rate}"],
    ["其中：中央财|政资金", "200.00", "200.00", "100.00%"],
    ["地方资|金", "60.00", "{local}", "—"],
    ["一级|指标", "二级|指标", "三级|指标", "指标值", "全年实际|完成值"],
    ["产出指标", "数量指标", "补偿退捕渔民户数", "≥120户", "126户"],
    ["效益指标", "社会效益指标", "退捕渔民转产就业率", "≥85%", "88%"],
]
_PROJECT = [
    ["2024年度村级道路养护补助项目支出绩效自评表"],
    ["项目名称", "村级道路养护补助", "主管部门", "某县交通运输局", "实施单位", "某县农村公路管理站"],
    ["项目资金|（万元）", "年初预|算数", "全年预|算数", "全年执|行数", "分值", "执行率", "得分"],
    ["年度资金|总额", "260.00", "260.00", "{spent}", "10", "{rate}", "9.0"],
    ["其中：当年财|政拨款", "260.00", "260.00", "{spent}", "—", "{rate}", "—"],
    ["上年结转|资金", "—", "—", "—", "—", "—", "—"],
    ["一级|指标", "二级|指标", "三级|指标", "年度指|标值", "实际完|成值", "分值", "得分"],
    ["产出指标", "数量指标", "养护农村公路里程", "≥120公里", "126公里", "30", "30"],
    ["产出指标", "质量指标", "路面优良率", "≥85%", "88%", "30", "30"],
    ["效益指标", "社会效益指标", "群众出行满意度", "≥90%", "93%", "30", "30"],
    ["总分", "100", "99.0"],
    ["自评等级", "优"],
]


def _written(rows, shape, spent, rate):
    local = f"{float(spent) - 200:.2f}"
    rows = [[c.format(spent=spent, rate=rate, local=local).replace("|", "\n") for c in r] for r in rows]
    if shape == "cells":
        return "\n".join(c for r in rows for c in r) + "\n"
    if shape == "spaced":
        return "\n".join("  ".join(r) for r in rows) + "\n"
    if shape == "tabs":
        return "\n".join("\t".join(r) for r in rows) + "\n"
    return rows[0][0] + "\n" + " ".join(c for r in rows[1:] for c in r) + "\n"


_SHAPES = ["cells", "spaced", "tabs", "one_line"]


@pytest.mark.parametrize("shape", _SHAPES)
@pytest.mark.parametrize("rows", [_TRANSFER, _PROJECT], ids=["transfer", "project"])
def test_a_form_whose_header_and_labels_wrapped_is_read_by_its_slots(tmp_path, shape, rows):
    record = text_record(tmp_path, _written(rows, shape, "234.00", "90.00%"))
    form = record["forms"][0]
    facts = {f["id"]: f for f in record["facts"]}
    total = next(r for r in form["funds"] if r["slot"] == "total")
    cells = {c: facts[fid]["text"] for c, fid in total["cells"].items()}
    assert (cells["全年执行数"], cells["执行率"]) == ("234.00", "90.00%")
    assert "260.00" in cells.values()
    assert not [f for f in record["flags"] if f["severity"] == "error"]


@pytest.mark.parametrize("shape", _SHAPES)
@pytest.mark.parametrize("rows", [_TRANSFER, _PROJECT], ids=["transfer", "project"])
def test_a_wrong_rate_under_a_wrapped_header_is_flagged(tmp_path, shape, rows):
    # 234.00 ÷ 260.00 = 90.00%, not the 93.00% written
    record = text_record(tmp_path, _written(rows, shape, "234.00", "93.00%"))
    assert "form.execution_rate" in {f["rule"] for f in record["flags"] if f["severity"] == "error"}
