"""A fund block whose 项目资金（万元） spans two columns over rows that write their label in one
(a web table copied with its merged cell once): the rows' figures do not stand under the
header's column names, so they are placed by type, and no false execution-rate error follows.
Written here; figures invented."""
from __future__ import annotations

from decimal import Decimal

import pytest

from conftest import text_record

HEADER = ["项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]
ROWS = [["年度资金总额", "120.00", "130.00", "123.50", "10", "95.00%", "9.5"],
        ["其中：当年财政拨款", "120.00", "125.00", "119.00", "—", "95.20%", "—"],
        ["上年结转资金", "—", "5.00", "4.50", "—", "90.00%", "—"],
        ["其他资金", "", "", "", "—", "", "—"]]


def _text(sep: str, rate: str = "95.00%") -> str:
    rows = [HEADER] + [[c if c != "95.00%" else rate for c in r] for r in ROWS]
    return "项目支出绩效自评表\n项目名称" + sep + "某县乡村公路养护\n" + "\n".join(sep.join(r) for r in rows) + "\n"


def _cells(record, slot):
    facts = {f["id"]: f for f in record["facts"]}
    row = next(r for r in record["forms"][0]["funds"] if r["slot"] == slot)
    return {c: Decimal(str(facts[v]["value"])) for c, v in row["cells"].items()}


@pytest.mark.parametrize("sep", ["\t", " | "])
def test_fund_rows_short_of_the_header_are_placed_by_type(tmp_path, sep):
    record = text_record(tmp_path, _text(sep), "funds.txt")
    total = _cells(record, "total")
    assert total["全年执行数"] == Decimal("1235000") and total["分值"] == 10 and total["执行率"] == Decimal("95.00")
    assert _cells(record, "carryover")["全年预算数"] == Decimal("50000")
    assert not [f for f in record["flags"] if f["severity"] in ("error", "warning")]


def test_a_rate_off_its_figures_is_still_flagged(tmp_path):
    record = text_record(tmp_path, _text("\t", rate="97.00%"), "slip.txt")
    assert [f["rule"] for f in record["flags"] if f["severity"] == "error"] == ["form.execution_rate"]
