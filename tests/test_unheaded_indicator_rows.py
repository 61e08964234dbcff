"""A piece of a self-evaluation form with no header and no title — the second page of a web article
that splits a form over several pages — whose indicator rows follow the templates with 指标性质 and
度量单位 columns (name | ≥ | 90 | % | 93 | 10 | 9). Written here; figures invented."""
from __future__ import annotations

from decimal import Decimal

import pytest

from conftest import error_flags, text_record

PIECE = """按时完成率 | = | 100 | % | 100 | 10 | 10 |
|
| |||
成本指标 | 设备维护成本 | ≤ | 12 | 万元 | 11.6 | 10 | 10 |
|
| ||
效益指标 | 社会效益指标 | 群众出行便利度提升率 | ≥ | 80 | % | 85 | 20 |
|
| |
满意度指标 | 服务对象满意度指标 | 沿线群众满意度 | ≥ | 90 | % | 94 | 10 | 9 |
|
| |||
评价结论 | 项目按计划实施，资金使用规范。 | |||||||||
项目负责人: | 财务负责人: |
"""
# the same piece with a qualitative row (words for target and result, the row going on in a
# pipe line of its own) and its total row
QUALITATIVE = """可持续影响指标 | 养护长效机制健全性 | 定性 | 健全 |
| 基本健全 | 10 | 8 |
| ||
合计 | 100 | 96 |
| |||||||
"""
WHOLE = PIECE.replace("评价结论", QUALITATIVE + "评价结论", 1)


def _spaced(text: str) -> str:
    """The piece as a page copied with a space between cells (the text reader joins 12 万元)."""
    rows = [" ".join(c.strip() for c in line.split("|") if c.strip()) for line in text.splitlines()]
    return "\n".join(r for r in rows if r) + "\n"


def _one_cell_a_line(text: str) -> str:
    """The piece as a page that writes each cell on a line of its own."""
    return "\n".join(c.strip() for line in text.splitlines() for c in line.split("|") if c.strip()) + "\n"


_SHAPES = {"pipe": lambda t: t, "spaced": _spaced, "cells": _one_cell_a_line,
           "one_line": lambda t: _spaced(t).replace("\n", " ") + "\n"}


def _facts(record, label):
    return [(f["subject"], f["value"]) for f in record["facts"] if f["label"] == label]


@pytest.mark.parametrize("shape", sorted(_SHAPES))
def test_the_rows_of_a_form_piece_without_header_are_read_by_their_shape(tmp_path, shape):
    record = text_record(tmp_path, _SHAPES[shape](PIECE))
    assert _facts(record, "年度指标值") == [("按时完成率", Decimal("100")), ("设备维护成本", Decimal("120000")),
                                            ("群众出行便利度提升率", Decimal("80")), ("沿线群众满意度", Decimal("90"))]
    assert _facts(record, "实际完成值") == [("按时完成率", Decimal("100")), ("设备维护成本", Decimal("116000")),
                                            ("群众出行便利度提升率", Decimal("85")), ("沿线群众满意度", Decimal("94"))]
    # (a row with one figure after its result left its 得分 empty)
    assert [v for _, v in _facts(record, "分值")] == [Decimal("10"), Decimal("10"), Decimal("20"), Decimal("10")]
    assert [v for _, v in _facts(record, "得分")] == [Decimal("10"), Decimal("10"), Decimal("9")]
    cost = next(f for f in record["facts"] if f["label"] == "实际完成值" and f["subject"] == "设备维护成本")
    assert cost["kind"] == "amount" and cost["source"]["quote"] == "11.6"
    # (one fact a figure: a target the text reader took is relabelled, not read twice)
    spans = [(f["source"]["block"], f["source"].get("row"), f["source"].get("col"), f["source"]["start"])
             for f in record["facts"]]
    assert len(spans) == len(set(spans))
    assert not error_flags(record)


def test_one_row_of_that_shape_is_no_piece_of_a_form(tmp_path):
    text = "设备名称 | 型号 | 数量\n巡检终端 | ≥ | 12 | 台 | 13 | 5 |\n备用电源 | A-2 | 3 |\n"
    record = text_record(tmp_path, text)
    assert not _facts(record, "年度指标值")


def test_a_form_with_its_header_is_read_once(tmp_path):
    header = ("部门预算项目支出绩效自评表（2023年度） |\n"
              "一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位 | 完成值 | 权重 | 得分 | 未完成原因分析 |\n"
              "产出指标 | 时效指标 | ")
    record = text_record(tmp_path, header + PIECE)
    targets = _facts(record, "年度指标值")
    assert len(targets) == len(set(targets)) == 4


@pytest.mark.parametrize("shape", sorted(_SHAPES))
def test_a_pieces_qualitative_and_total_rows_give_their_points(tmp_path, shape):
    record = text_record(tmp_path, _SHAPES[shape](WHOLE))
    for label, points in (("分值", [Decimal(10), Decimal(100)]), ("得分", [Decimal(8), Decimal(96)])):
        assert [v for name, v in _facts(record, label) if name in ("养护长效机制健全性", "合计")] == points
    assert not error_flags(record)


def test_a_qualitative_or_total_row_alone_is_no_piece(tmp_path):
    # (no two indicator rows of the quantitative shape before them: nothing says it is a form)
    record = text_record(tmp_path, "说明 | 内容\n" + QUALITATIVE)
    assert not _facts(record, "分值") and not _facts(record, "得分")


def test_one_cell_a_line_needs_two_rows_of_the_shape(tmp_path):
    # (one row of the shape in a list of lines, then prose: a chance; two rows: a piece)
    row = "巡检设备购置\n≤\n12\n万元\n11.5\n5\n"
    record = text_record(tmp_path, row + "项目按计划实施。\n", "one_row.txt")
    assert not _facts(record, "分值") and not _facts(record, "年度指标值")
    record = text_record(tmp_path, row + row.replace("巡检", "监控") + "项目按计划实施。\n", "two_rows.txt")
    assert [v for _, v in _facts(record, "分值")] == [Decimal(5), Decimal(5)]
