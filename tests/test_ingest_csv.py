"""CSV as spreadsheets export a sheet: a .csv file is one sheet, and a run of CSV rows in a
.txt is a table; prose written with half-width commas stays prose."""
from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest

from extractor.errors import IngestError
from extractor.ingest import load_document
from extractor.model import TABLE

from conftest import text_record
from test_forms import PROJECT_FORM


def _csv(rows: list) -> str:
    width = max(len(r) for r in rows)
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(r + [""] * (width - len(r)) for r in rows)
    return out.getvalue()


def _tables(tmp_path, text: str, name: str = "report.txt", encoding: str = "utf-8") -> list:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return [b.table for b in load_document(path).blocks if b.kind == TABLE]


def test_a_csv_file_reads_as_the_same_form_as_its_sheet(tmp_path):
    csv_record = text_record(tmp_path, _csv(PROJECT_FORM), "form.csv")
    txt_record = text_record(tmp_path, _csv(PROJECT_FORM), "form.txt")
    assert csv_record["forms"] and csv_record["forms"][0]["template"] == "project"
    key = lambda r: sorted((f["kind"], f["value"]) for f in r["facts"])
    assert key(csv_record) == key(txt_record)
    assert csv_record["metadata"]["score"] is not None


def test_a_csv_file_in_gbk_with_a_cell_over_two_lines(tmp_path):
    text = _csv([["项目", "金额（万元）", "说明"], ["中央资金", "120.5", "第一批\n第二批"], ["县级资金", "30", ""],
                 ["合计", "150.5", ""]])
    [table] = _tables(tmp_path, text, "funds.csv", "gbk")
    assert [c.text for c in table.rows[1]] == ["中央资金", "120.5", "第一批\n第二批"]
    assert table.n_rows == 4


def test_csv_rows_between_paragraphs_are_a_table(tmp_path):
    text = ("一、资金情况\n本年度资金到位情况如下：\n" + _csv([["资金来源", "预算数（万元）", "到位数（万元）"],
                                                 ["中央资金", "1,200.00", "1,200.00"], ["省级资金", "300", ""]])
            + "二、绩效情况\n项目完成率100%。\n")
    [table] = _tables(tmp_path, text)
    assert [c.text for c in table.rows[1]] == ["中央资金", "1,200.00", "1,200.00"]
    amounts = [f["value"] for f in text_record(tmp_path, text)["facts"] if f["kind"] == "amount"]
    assert amounts == [Decimal("12000000.00"), Decimal("12000000.00"), Decimal("3000000")]


@pytest.mark.parametrize("text", [
    # sentences with half-width commas, the same number of them on each line
    "本项目资金到位及时,使用规范,达到了预期目标。\n项目实施过程中管理规范,档案资料齐全,群众满意。\n"
    "下一步将继续加强管理,完善制度,提高资金使用效益。\n",
    # figures with thousands separators, one a line
    "1,234,567\n2,345,678\n3,456,789\n",
    # a page of prose hard-wrapped at a fixed width, two commas on each line
    "全年共安排项目12个,涉及资金 356.2 万元,占项目\n总数比例 100%,占支出总额比例 100%;其中一\n类项目8个,涉及资金 250 万元,二类项目4个,涉\n",
    # short clauses whose figures the commas cut at their thousands
    "中央资金1,200万元,省级300万元\n县级资金2,400万元,乡级100万元\n自筹资金1,050万元,其他60万元\n",
])
def test_prose_with_half_width_commas_is_no_csv_table(tmp_path, text):
    assert _tables(tmp_path, text) == []


def test_tab_rows_whose_figures_carry_thousands_separators_are_no_csv(tmp_path):
    text = "资金情况如下。\n中央资金\t1,200.00\t1,100.00\n省级资金\t2,300.00\t2,250.00\n县级资金\t1,450.00\t1,400.00\n"
    [table] = _tables(tmp_path, text)
    assert [c.text for c in table.rows[0]] == ["中央资金", "1,200.00", "1,100.00"]


def test_an_empty_csv_file_and_a_damaged_one_are_errors_of_their_own(tmp_path):
    with pytest.raises(IngestError) as e:
        _tables(tmp_path, ",,,\n,,\n", "empty.csv")
    assert e.value.code == "empty"
    # a quote never closed takes the rest of the file into one field, past the reader's limit
    with pytest.raises(IngestError) as e:
        _tables(tmp_path, "项目,金额\n中央资金,\"" + "资金" * 70000 + "\n", "broken.csv")
    assert e.value.code == "corrupt_csv"
