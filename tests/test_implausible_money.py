"""A form's fund block in 万元 whose figures were typed in 元: every sum still holds, so the
figure's size is the evidence (1000亿元 or more for one project). Forms written for the test in
each shape; names and figures invented."""
from __future__ import annotations

import pytest

from extractor.pipeline import extract_file

from test_forms import PROJECT_FORM, TEXT_SHAPES, _docx, _text_record, _xlsx


def _in_yuan(rows: list, factor: int = 10000) -> list:
    out = [r[:] for r in rows]
    for r in (5, 6, 7):
        out[r][2:5] = [f"{float(v) * factor:.2f}" for v in out[r][2:5]]
    return out


def _record(tmp_path, rows, shape):
    if shape == "docx":
        return extract_file(_docx(tmp_path, rows))
    if shape == "xlsx":
        return extract_file(_xlsx(tmp_path, rows))
    return _text_record(tmp_path, rows, shape)


def _slips(record):
    return [f for f in record["flags"] if f["rule"] == "unit.slip"]


@pytest.mark.parametrize("shape", [*TEXT_SHAPES, "docx", "xlsx"])
def test_a_block_in_wan_typed_in_yuan_is_one_slip(tmp_path, shape):
    # 年度资金总额 2600000000.00 under 项目资金（万元）: 2.6万亿元 as written, past any county's money —
    # a 26亿元 project typed in 元
    record = _record(tmp_path, _in_yuan(PROJECT_FORM, 10000000), shape)
    [flag] = _slips(record)
    assert flag["severity"] == "warning" and "2600000000.00" in flag["message"] and "元" in flag["message"]
    assert not [f for f in record["flags"] if f["severity"] == "error"]


@pytest.mark.parametrize("factor", [1, 1000])
def test_large_but_possible_money_is_no_slip(tmp_path, factor):
    # 260000.00万元 (26亿元) is a large project, not an impossible one: no slip on size alone
    assert _slips(_record(tmp_path, _in_yuan(PROJECT_FORM, factor), "pipe")) == []
