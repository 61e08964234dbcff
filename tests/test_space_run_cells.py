"""A web table copied as text with its empty cells kept as spaces (each cell and a space, an
empty cell a space of its own): a run of 2k + 1 spaces is k empty cells. A summary table of a
bureau's projects under 单位：万元, its budget column spanning the funding levels (预算数 over
中央 省级 县级). Written here; figures invented."""
from __future__ import annotations

from decimal import Decimal

import pytest

from conftest import error_flags, text_record
from extractor.ingest.space_run_cells import cells_keeping_empties, space_run_table_at


def _row(*cells: str, empty: str = " ") -> str:
    """A row as the page copies it: each cell and a space, an empty cell a space of its own
    (`empty`: a no-break space where the page's text keeps it so)."""
    return "".join((c if c else empty) + " " for c in cells)


def test_runs_of_spaces_are_empty_cells():
    assert cells_keeping_empties("1 甲   28 0", 6) == ["1", "甲", "", "28", "0", ""]
    assert cells_keeping_empties(_row("2", "乙", "", "", "7.5", "7.5", "", "90"), 8) == \
        ["2", "乙", "", "", "7.5", "7.5", "", "90"]
    assert cells_keeping_empties("1 甲  28", 3) is None  # (an even run: no empty cell explains it)
    assert cells_keeping_empties(_row("1", "甲", "", "", "", "5"), 4) is None  # (wider than the header)


HEAD = ["某县民政局", "部门项目绩效自评结果汇总表", "填报单位：某县民政局               单位：万元"]
HEADER = "序号 项目名称 预算数 执行数 结余数 自评得分 备注"
LEVELS = "中央 省级 县级"
ROWS = [
    ("1", "城乡低保补助资金", "", "", "412.35", "410.20", "2.15", "96", ""),
    ("2", "特困人员救助供养资金", "86.40", "", "", "86.40", "0", "100", ""),
    ("3", "临时救助资金", "", "25.00", "12.50", "30.75", "6.75", "88", "年底拨付"),
    ("4", "孤儿基本生活保障资金", "18.60", "", "", "18.60", "0", "100", ""),
]


def _text(trim: bool = False, indent: str = "", empty: str = " ") -> str:
    rows = [_row(*r, empty=empty).rstrip() if trim else _row(*r, empty=empty) for r in ROWS]
    lines = HEAD + [HEADER, LEVELS] + rows + ["", "附件2", "某县民政局整体支出绩效自评报告。"]
    return "\n".join(indent + line if line else line for line in lines) + "\n"


@pytest.mark.parametrize("trim,indent,empty", [(False, "", " "), (True, "", " "), (False, "\u3000\u3000", " "),
                                               (False, "", "\xa0"), (False, "", "\u200b\xa0")],
                         ids=["as_copied", "trailing_spaces_trimmed", "indented", "empty_cells_no_break_spaces",
                              "with_zero_width_marks"])
def test_a_table_keeping_empty_cells_as_spaces_is_read_in_its_columns(tmp_path, trim, indent, empty):
    record = text_record(tmp_path, _text(trim, indent, empty))
    amounts = [f for f in record["facts"] if f["kind"] == "amount"]
    by_cell = {(f["source"]["row"], f["source"]["col"]): f["value"] for f in amounts}
    # (the header's columns: 序号 名称 中央 省级 县级 执行数 结余数 自评得分 备注)
    assert by_cell[(1, 4)] == Decimal("4123500")  # 县级 of row 1, after two empty levels
    assert by_cell[(2, 2)] == Decimal("864000")  # 中央 of row 2
    assert by_cell[(3, 3)] == Decimal("250000") and by_cell[(3, 4)] == Decimal("125000")
    assert by_cell[(3, 5)] == Decimal("307500") and by_cell[(3, 6)] == Decimal("67500")
    assert len(amounts) == 13
    scores = sorted(f["value"] for f in record["facts"] if f["kind"] == "score")
    assert scores == [Decimal(s) for s in ("88", "96", "100", "100")]
    assert not error_flags(record)


def test_the_levels_go_under_the_first_name_whose_columns_hold_figures():
    lines = _text().split("\n")
    table = space_run_table_at(lines, 3)
    assert table.rows[0] == ["序号", "项目名称", "中央预算数", "省级预算数", "县级预算数", "执行数", "结余数", "自评得分", "备注"]
    assert len(table.rows) == 5 and table.rows[3][-1] == "年底拨付"


def test_running_text_with_wide_gaps_is_no_such_table():
    lines = ["资金 使用 情况 说明",
             "本年度   共下达资金 120 万元，已全部拨付到位。",
             "其中   中央资金 80 万元，县级配套 40 万元。"]
    assert space_run_table_at(lines, 0) is None
    lines = ["项目 预算数 执行数", "甲 10 9", "乙 20 18"]  # (no empty cell anywhere: one_space_tables.py's)
    assert space_run_table_at(lines, 0) is None


def test_a_form_titled_as_one_keeps_its_indicator_block(tmp_path):
    # (pdftotext -layout: cells a space apart, an empty row's cells a run of spaces — still the
    # form's indicator block, for the form reader, not a table of its own)
    text = "\n".join([
        "项目支出绩效自评表", "(2023年度)", "项目名称 乡村道路养护经费",
        "项目资金 (万元) 年初预算数 全年预算数 全年执行数 分值 执行率 得分",
        "年度资金总额: 40 40 38 10 95.00% 9.5",
        "绩效指标 一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 偏差原因分析及改进措施",
        "产出指标(40 分) 数量指标 养护道路里程 ≥120 公里 126 20 20",
        "质量指标 养护路段合格率 ≥95% 97% 20 20",
        "效益指标(30 分) 社会效益指标 群众出行条件改善 明显改善 达成预期指标 20 20",
        "生态效益指标" + " " * 9 + "0",
        "满意度指标 服务对象满意度指标 沿线群众满意度 ≥90% 93% 10 10",
        "总分 100 99.5"]) + "\n"
    record = text_record(tmp_path, text)
    weights = [f["value"] for f in record["facts"] if f["kind"] == "score" and f["label"] == "分值"]
    assert weights.count(Decimal("20")) == 3 and Decimal("10") in weights
    assert Decimal("40") in weights and Decimal("30") in weights  # (the levels' weights, 产出指标(40 分))
