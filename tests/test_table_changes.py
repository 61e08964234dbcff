"""A table's year-on-year columns (上年 | 本年 | 增减 | 增长率) checked row by row. Every text
here is made up for the tests."""
import pytest

from conftest import error_flags, text_record

_ROWS = [("享受补贴人数（人）", "8,240", "8,516", "276", "3.35%"),
         ("补贴资金（万元）", "1,236.00", "1,277.40", "41.40", "3.35%"),
         ("公用经费（万元）", "86.50", "80.20", "-6.30", "-7.28%"),
         ("发放准确率（%）", "99.2", "99.6", "0.4", "0.40%")]


def _pipe(rows, header=("指标", "上年", "本年", "增减", "增长率")) -> str:
    return "\n".join("| " + " | ".join(r) + " |" for r in [header, ("---",) * len(header)] + list(rows))


def _spaced(rows, header=("指标", "上年", "本年", "增减", "增长率")) -> str:
    return "\n".join("    ".join(r) for r in [header] + list(rows))


def _changes(tmp_path, table: str) -> list:
    text = "西塘县2023年度残疾人两项补贴资金绩效评价报告\n表3 主要指标与上年对比\n" + table + "\n二、绩效分析\n补贴按月发放。\n"
    return error_flags(text_record(tmp_path, text), "diff.change")


def _with(row: int, col: int, value: str) -> list:
    rows = [list(r) for r in _ROWS]
    rows[row][col] = value
    return [tuple(r) for r in rows]


@pytest.mark.parametrize("layout", [_pipe, _spaced], ids=["pipe", "spaced"])
def test_a_consistent_table_raises_nothing(tmp_path, layout):
    assert _changes(tmp_path, layout(_ROWS)) == []


@pytest.mark.parametrize("layout", [_pipe, _spaced], ids=["pipe", "spaced"])
def test_a_change_off_its_two_years_is_flagged(tmp_path, layout):
    [flag] = _changes(tmp_path, layout(_with(0, 3, "267")))
    assert "表列267" in flag["message"] and "276人" in flag["message"]


def test_a_rate_off_its_two_years_is_flagged(tmp_path):
    [flag] = _changes(tmp_path, _pipe(_with(1, 4, "4.35%")))
    assert "表列4.35%" in flag["message"] and "3.35%" in flag["message"]


def test_a_decrease_written_without_its_sign_is_the_same_change(tmp_path):
    assert _changes(tmp_path, _pipe(_with(2, 3, "6.30"))) == []


def test_two_year_columns_are_last_year_and_this_year(tmp_path):
    header = ("指标", "2022年", "2023年", "增减", "增长率")
    assert _changes(tmp_path, _pipe(_ROWS, header)) == []
    assert len(_changes(tmp_path, _pipe(_with(0, 3, "267"), header))) == 1


def test_a_table_without_a_change_column_is_not_read_so(tmp_path):
    header = ("指标", "上年", "本年", "备注", "说明")
    assert _changes(tmp_path, _pipe(_with(0, 3, "267"), header)) == []


def test_a_table_with_a_rate_and_no_change_column(tmp_path):
    header = ("指标", "上年", "本年", "增长率")
    rows = [r[:3] + r[4:] for r in _ROWS]
    assert _changes(tmp_path, _pipe(rows, header)) == []
    rows[1] = rows[1][:3] + ("4.35%",)
    [flag] = _changes(tmp_path, _pipe(rows, header))
    assert "表列4.35%" in flag["message"]
