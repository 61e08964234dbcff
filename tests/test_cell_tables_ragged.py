"""Tables one cell a line as county sites publish a department's data: rows that leave out
their empty cells or write each as a blank line, rows with no figure at all (其中：公车购置),
two tables one after the other, a header whose first name carries the unit (经费控制情况
（单位：万元）). Written here; names and figures invented."""
from __future__ import annotations

from decimal import Decimal

import pytest

from conftest import text_record

INCOME = ["年度收入情况（万元）", "单位名称", "收入合计", "其中：上年结转", "财政拨款", "事业收入", "其他收入",
          "局本级及下属单位合计", "1830.40", "96.20", "1650.20", "84.00",
          "1、局本级", "1402.10", "80.10", "1322.00",
          "2、县农技推广站", "428.30", "16.10", "328.20", "84.00"]
SPENDING = ["年度支出情况（万元）", "单位名称", "支出合计", "基本支出", "项目支出",
            "局本级及下属单位合计", "1766.90", "702.35", "1064.55",
            "1、局本级", "1350.60", "488.20", "862.40",
            "2、县农技推广站", "416.30", "214.15", "202.15"]
COSTS = ["经费控制情况（单位：万元）", "2020年决算数", "2021年预算数", "2021年决算数",
         "三公经费", "9.40", "8.80", "7.62",
         "1、公务用车运行维护费", "6.10", "6.00", "5.12",
         "其中：公车购置", "",
         "2、出国经费", "",
         "3、公务接待费", "3.30", "2.80", "2.50",
         "公用经费", "120.60", "118.00", "112.84",
         "楼堂馆所控制情况", "无"]


def _text(cells: list, blanks: bool) -> str:
    """One cell a line; an empty cell ("" above, one per empty column) a blank line or left out."""
    lines = []
    for cell in cells:
        if cell:
            lines.append(cell)
        elif blanks:
            lines += ["", "", ""]
    return "某县农业农村局2021年度部门整体支出绩效自评报告\n一、基本情况\n本局负责全县农业农村工作。\n" + "\n".join(lines) + "\n"


def _amounts(record) -> list:
    return sorted(f["value"] for f in record["facts"] if f["kind"] == "amount")


def _wan(*values) -> list:
    return sorted(Decimal(v) * 10000 for v in values)


def test_two_tables_whose_rows_leave_out_empty_cells_give_every_amount(tmp_path):
    record = text_record(tmp_path, _text(INCOME + SPENDING, blanks=False), "r.txt")
    figures = [c for c in INCOME + SPENDING if c.replace(".", "").isdigit()]
    assert _amounts(record) == _wan(*figures)
    # (rows of different lengths: no column sum is checked, and none is flagged)
    assert not [f for f in record["flags"] if f["severity"] == "error"]


@pytest.mark.parametrize("blanks", [False, True])
def test_rows_without_figures_do_not_end_the_table(tmp_path, blanks):
    record = text_record(tmp_path, _text(COSTS, blanks=blanks), "r.txt")
    figures = [c for c in COSTS if c.replace(".", "").isdigit()]
    assert _amounts(record) == _wan(*figures)


def test_names_over_their_figures_and_labels_beside_theirs(tmp_path):
    text = ("某县司法局2021年度部门整体支出绩效自评报告\n部门（单位）基本概况\n联系人\n张某\n人员编制\n52\n实有人数\n50\n"
            "财政供养人员情况\n编制数\n2021年实际在职人数\n控制率\n52\n50\n96.15%\n厉行节约保障措施\n严格执行中央八项规定。\n")
    record = text_record(tmp_path, text, "r.txt")
    people = sorted(f["value"] for f in record["facts"] if f["kind"] == "headcount")
    assert people == [50, 50, 52, 52]
    assert [f["value"] for f in record["facts"] if f["kind"] == "percent"] == [Decimal("96.15")]



def test_a_label_whose_brackets_name_another_unit_is_no_count_of_people(tmp_path):
    text = "某县水利局2020年度部门整体支出绩效自评报告\n实有人数（人）\n46\n车辆编制（辆）\n2\n本年度工作顺利完成。\n"
    record = text_record(tmp_path, text, "r.txt")
    assert [f["value"] for f in record["facts"] if f["kind"] == "headcount"] == [46]
