"""A count and its label as two cells of a form's head (编制人数 | 48 | 实有人数 | 45): a headcount in
every shape, even in a table whose money is in 万元. Written here; figures invented."""
from __future__ import annotations

from decimal import Decimal

import pytest

from conftest import text_record

FORM = ("部门整体支出绩效自评表\n{staff}\n"
        "年度预算执行情况（万元）{sep}年初预算数{sep}全年预算数{sep}全年执行数{sep}执行率\n"
        "年度总金额{sep}1260.50{sep}1310.20{sep}1288.70{sep}98.36%\n")


def _kinds(record):
    return sorted((f["kind"], Decimal(str(f["value"]))) for f in record["facts"] if f["kind"] in ("headcount", "amount"))


@pytest.mark.parametrize("sep, staff", [
    ("\t", "部门基本情况\t编制人数\t48\t\t\t实有人数\t45\t离退休人员\t12"),
    ("    ", "编制人数     48  实有人数      45  离退休人员   12"),
])
def test_staff_counts_beside_their_labels_are_headcounts(tmp_path, sep, staff):
    record = text_record(tmp_path, FORM.format(sep=sep, staff=staff), "staff.txt")
    people = [v for k, v in _kinds(record) if k == "headcount"]
    assert sorted(people) == [12, 45, 48]
    assert not [v for k, v in _kinds(record) if k == "amount" and v < 1000000]  # (no 48万元)


def test_a_count_run_into_a_sentence_with_a_space_is_not_taken(tmp_path):
    # a label followed by a figure that another word follows on the same cell is no pair of cells
    record = text_record(tmp_path, "本年度参保人数 1200 人均缴费提高。\n", "prose.txt")
    assert not [f for f in record["facts"] if f["kind"] == "headcount"]
