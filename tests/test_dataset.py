"""The dataset writers: the streamed Excel workbook must read back as the one pandas'
to_excel writes (same cells, widths, frozen row), only faster."""
from decimal import Decimal

import openpyxl
import pandas as pd
import pytest

from extractor.dataset import _spec, facts_frame, reports_frame, write_dataset
from extractor.pipeline import extract_file

from conftest import CORPUS


def _pandas_workbook(records, target):
    """The careful path: pandas' ExcelWriter, as the writer was before streaming."""
    frame, facts = reports_frame(records), facts_frame(records)
    with pd.ExcelWriter(target, engine="openpyxl") as writer:
        frame.rename(columns=_spec()["headers_zh"]).to_excel(writer, sheet_name="报告", index=False)
        facts.to_excel(writer, sheet_name="事实", index=False)
        for sheet in writer.sheets.values():
            sheet.freeze_panes = "A2"
            for column in sheet.columns:
                width = max(len(str(c.value or "")) for c in column[:50])
                sheet.column_dimensions[column[0].column_letter].width = min(max(10, width * 1.6), 60)


def _parts(path):
    """What a reader of the workbook sees: per sheet, every cell's value and type, the
    frozen pane and the column widths."""
    book = openpyxl.load_workbook(path)
    return {sheet.title: ([[(type(c.value), c.value) for c in row] for row in sheet.iter_rows()], sheet.freeze_panes,
                          {k: round(d.width, 6) for k, d in sheet.column_dimensions.items() if d.customWidth})
            for sheet in book.worksheets}


def test_streamed_workbook_is_the_pandas_workbook(tmp_path):
    records = [extract_file(p) for p in sorted(CORPUS.glob("*")) if p.suffix in (".txt", ".docx")]
    # values of every kind a column can hold: missing, bool, float with NaN, Decimal, text
    records[0]["facts"][0]["decimals"] = None
    records[0]["facts"][1]["value"] = Decimal("-0.5")
    records[0]["metadata"]["score"] = None
    write_dataset(records, tmp_path / "fast.xlsx")
    _pandas_workbook(records, tmp_path / "careful.xlsx")
    assert _parts(tmp_path / "fast.xlsx") == _parts(tmp_path / "careful.xlsx")


def test_no_records_still_give_a_workbook_with_headers(tmp_path):
    write_dataset([], tmp_path / "empty.xlsx")
    _pandas_workbook([], tmp_path / "careful.xlsx")
    assert _parts(tmp_path / "empty.xlsx") == _parts(tmp_path / "careful.xlsx")


@pytest.mark.filterwarnings("ignore:Cell contents too long")
def test_excel_values_are_converted_as_pandas_converts_them():
    import math

    from extractor.dataset import _excel_value, _excel_value_general

    values = ["", "x", "x" * 40000, 0, -3, True, False, 1.5, float("nan"), float("inf"), -math.inf, None,
              Decimal("2.50"), Decimal("NaN"), Decimal("-0"), pd.NA, pd.Timestamp("2020-01-02").date()]
    for v in values:
        fast, general = _excel_value(v), _excel_value_general(v)
        assert type(fast) is type(general) and (fast == general or fast != fast), v


# --- what a row holds: the report's own totals, the evaluated unit and the evaluator -----------

import json  # noqa: E402

from conftest import ROOT, SEEDS  # noqa: E402
from forms_helpers import clean_project_form  # noqa: E402

from extractor.dataset import report_row  # noqa: E402
from extractor.dataset_columns import column_values  # noqa: E402

# A department-wide report written for these tests: its own totals stand beside a 三公经费
# budget, 其中 parts, one project's figures and a list of rates.
DEPARTMENT = (
    "某县农业农村局\n\n2021年度部门整体支出绩效评价报告\n\n"
    "评价机构：某县财政局\n被评价单位：某县农业农村局\n\n"
    "一、部门收支情况\n"
    "2021年度本局收入总计2,400.00万元，其中财政拨款收入2,400.00万元。"
    "全年总支出2,310.00万元，其中基本支出810.00万元，项目支出1,500.00万元。\n"
    "二、预算管理\n"
    "2021年度本局预算安排“三公经费”总额为6.00万元（其中公务接待费6.00万元）。\n"
    "本局年初预算为2,200.00万元；本年追加预算200.00万元。\n"
    "政府采购执行率＝（实际政府采购金额÷政府采购预算数）×100%＝88.00%。\n"
    "预算完成率＝全年总支出÷（年初预算＋本年追加预算）×100%＝96.25%。\n"
    "三、项目情况\n"
    "农机购置补贴项目年初预算安排300.00万元，项目支出280.00万元。\n"
    "全县城乡居民参保人数为120,000人。\n"
    "四、评价结论\n经评价，该部门综合得分为88分，评价等级为“良”。\n")

# A project report where the evaluator's line comes before the evaluated unit's.
PROJECT = (
    "某县2020年度耕地保护补助资金项目绩效评价报告\n\n"
    "评价机构：某县财政局\n被评价单位：某县自然资源局\n\n"
    "一、资金情况\n县财政将该项目列入年初预算，安排资金800,000.00元。截至年底到位资金800,000.00元，"
    "其中：省级补助480,000.00元，县级配套320,000.00元。全年实际支出760,000.00元，预算执行率为95.00%。\n"
    "二、评价结论\n经评价，该项目综合评分为90分，评价等级为“优”。\n")


@pytest.fixture(scope="module")
def department_row(tmp_path_factory):
    path = tmp_path_factory.mktemp("dept") / "dept.txt"
    path.write_text(DEPARTMENT, encoding="utf-8")
    return report_row(extract_file(path))


@pytest.fixture(scope="module")
def project_row(tmp_path_factory):
    path = tmp_path_factory.mktemp("proj") / "proj.txt"
    path.write_text(PROJECT, encoding="utf-8")
    return report_row(extract_file(path))


def test_budget_is_the_reports_own_not_a_sub_item_or_a_project(department_row, project_row):
    assert department_row["budget"] == Decimal("22000000")  # not 三公经费 6.00万元, not the project's 300万元
    assert project_row["budget"] == Decimal("800000")  # 安排资金 under 年初预算, no 预算 label of its own


def test_funds_in_place_is_the_total_not_a_qizhong_part(department_row, project_row):
    assert department_row["funds_in_place"] == Decimal("24000000")
    assert project_row["funds_in_place"] == Decimal("800000")  # not the 省级补助 part


def test_spent_is_the_total_not_its_parts_or_a_project(department_row, project_row):
    assert department_row["spent"] == Decimal("23100000")
    assert project_row["spent"] == Decimal("760000")


def test_execution_rate_is_the_budgets_not_procurements(department_row, project_row):
    assert department_row["execution_rate"] == Decimal("96.25")  # 预算完成率 named by its formula
    assert project_row["execution_rate"] == Decimal("95.00")


def test_people_covered(department_row):
    assert department_row["people_covered"] == Decimal("120000")


def test_evaluated_unit_and_evaluator_told_apart(department_row, project_row):
    assert (project_row["agency"], project_row["evaluator"]) == ("某县自然资源局", "某县财政局")
    assert (department_row["agency"], department_row["evaluator"]) == ("某县农业农村局", "某县财政局")


def test_a_district_figure_does_not_stand_for_the_city(tmp_path):
    text = ("2020年度襄阳市医疗救助资金项目绩效评价报告\n\n一、资金情况\n"
            "各区资金使用情况：襄州区实际到位资金300.00万元，支出250.00万元，预算执行率为83.33%；"
            "樊城区实际到位资金200.00万元，支出190.00万元，预算执行率为95.00%。\n")
    path = tmp_path / "city.txt"
    path.write_text(text, encoding="utf-8")
    record = extract_file(path)
    # the report is the city's (its title says so); which county the body resolves to is the
    # region resolver's matter, not the column choice's
    record["metadata"].update(county=None, admin_code="420600")
    row = report_row(record)
    assert (row["funds_in_place"], row["spent"], row["execution_rate"]) == (None, None, None)


def test_a_forms_total_row_gives_the_columns():
    record = clean_project_form().record()
    record["metadata"] = {"report_type": "form_project"}
    values = column_values(record)
    # the 年度资金总额 row: 年初预算数 100.00万元, 全年执行数 114.00万元, 执行率 95.00%;
    # its 其中 rows (当年财政拨款 …) are parts
    assert (values["budget"], values["spent"], values["execution_rate"]) == (
        Decimal("1000000"), Decimal("1140000"), Decimal("95.00"))


_GOLD = json.loads((ROOT / "tests" / "gold" / "dataset_columns.json").read_text(encoding="utf-8"))
_GOLD_COLUMNS = ("agency", "evaluator", "budget", "funds_in_place", "spent", "execution_rate", "people_covered")


def _gold_path(name):
    return (SEEDS.parent / name) if name.startswith("seeds/") else (ROOT / name)


@pytest.mark.parametrize("name", sorted(_GOLD["reports"]))
def test_dataset_columns_match_the_hand_read_values(name):
    path = _gold_path(name)
    if not path.exists():
        pytest.skip(f"{path} not found (the seeds live in ../shared/seeds beside the project)")
    row = report_row(extract_file(path))
    gaps = _GOLD["known_gaps"].get(name, {})
    for column in _GOLD_COLUMNS:
        want = _GOLD["reports"][name][column]
        got = row[column]
        if column not in ("agency", "evaluator") and want is not None:
            want = Decimal(want)
        matches = got == want
        assert matches != (column in gaps), (name, column, got, want, gaps.get(column))
