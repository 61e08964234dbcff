""".xls, .et and .ods through calamine: the same workbook written by LibreOffice in each
format gives the same tables, table facts and forms as the .xlsx it was converted from;
damaged files get their own codes. The workbooks are built here with openpyxl (a score
sheet, a self-evaluation form with merged cells, and the tables of the corpus's and the
seeds' .docx files, one sheet a table) and converted once per session."""
from __future__ import annotations

import csv
import shutil
import subprocess
import sys
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from extractor.errors import IngestError
from extractor.ingest import load_document, sheet_grid
from extractor.pipeline import extract_file

from conftest import CORPUS, SEEDS
from test_forms import PROJECT_FORM
from test_ingest_xlsx import write_score_sheet

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_soffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) converts the test workbooks")
DOCX = sorted(CORPUS.glob("*.docx")) + (sorted(SEEDS.glob("*.docx")) if SEEDS.exists() else [])


def write_form(path: Path) -> None:
    """The project form as people fill it in Excel: the title across the sheet, 项目资金 and
    绩效指标 merged down their rows, 总分 across its label cells."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "自评表"
    for row in PROJECT_FORM:
        ws.append(row)
    width = max(len(r) for r in PROJECT_FORM)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    ws.merge_cells("A5:A9")
    ws.merge_cells("A10:A15")
    ws.merge_cells("A16:F16")
    wb.save(path)


def tables_as_workbook(source: Path, path: Path) -> bool:
    """Each table of a .docx as a sheet, its merged cells merged."""
    tables = load_document(source).tables
    if not tables:
        return False
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for n, block in enumerate(tables, 1):
        ws = wb.create_sheet(f"表{n}")
        for row in block.table.rows:
            for cell in row:
                if cell.merged_from is not None or not cell.text:
                    continue
                target = ws.cell(cell.row + 1, cell.col + 1, cell.text)
                target.data_type = "s"  # a cell starting with = is text here, not a formula
                if cell.rowspan > 1 or cell.colspan > 1:
                    ws.merge_cells(start_row=cell.row + 1, start_column=cell.col + 1,
                                   end_row=cell.row + cell.rowspan, end_column=cell.col + cell.colspan)
    wb.save(path)
    return True


def convert(files: list, target: str, outdir: Path, profile: Path) -> None:
    subprocess.run([SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
                    "--convert-to", target, "--outdir", str(outdir)] + [str(f) for f in files],
                   capture_output=True, timeout=300, check=True)


@pytest.fixture(scope="module")
def workbooks(tmp_path_factory):
    """{stem: {"xlsx": path, "xls": path, "ods": path}}, converted in two LibreOffice runs."""
    if SOFFICE is None:
        pytest.skip("LibreOffice (soffice) converts the test workbooks")
    tmp = tmp_path_factory.mktemp("sheets")
    books = {"score": tmp / "score.xlsx", "form": tmp / "form.xlsx"}
    write_score_sheet(books["score"])
    write_form(books["form"])
    for source in DOCX:
        if tables_as_workbook(source, tmp / f"{source.stem}.xlsx"):
            books[source.stem] = tmp / f"{source.stem}.xlsx"
    convert(books.values(), "xls:MS Excel 97", tmp / "xls", tmp / "profile")
    convert(books.values(), "ods", tmp / "ods", tmp / "profile")
    return {stem: {"xlsx": p, "xls": tmp / "xls" / f"{stem}.xls", "ods": tmp / "ods" / f"{stem}.ods"}
            for stem, p in books.items()}


def _table_facts(record) -> list:
    return sorted(((f["kind"], str(f["value"]), f["unit"], f["label"], f.get("subject"), f.get("column"),
                    f["source"]["table"], f["source"]["row"], f["source"]["col"], f["source"]["quote"])
                   for f in record["facts"] if f["source"].get("table") is not None), key=repr)


def _tables(record) -> list:
    return [{k: t[k] for k in ("caption", "header", "rows", "header_rows", "row_kinds", "spans")}
            for t in record["tables"]]


@needs_soffice
@pytest.mark.parametrize("fmt", ["xls", "ods"])
def test_every_workbook_gives_the_xlsx_tables_and_facts(workbooks, fmt):
    assert len(workbooks) >= 4  # score sheet, form, the corpus's two .docx files
    for stem, paths in workbooks.items():
        reference = extract_file(paths["xlsx"])
        record = extract_file(paths[fmt])
        assert record["source"]["format"] == fmt
        assert _tables(record) == _tables(reference), stem
        assert _table_facts(record) == _table_facts(reference), stem
        assert _table_facts(record) or stem == "form"  # the form's facts are checked below
        assert [f["rule"] for f in record["flags"]] == [f["rule"] for f in reference["flags"]], stem
        assert record["indicators"] == reference["indicators"], stem


@needs_soffice
@pytest.mark.parametrize("fmt", ["xls", "ods", "et"])
def test_a_self_evaluation_form_in_a_sheet_comes_out_as_a_form(workbooks, tmp_path, fmt):
    path = workbooks["form"]["xls" if fmt == "et" else fmt]
    if fmt == "et":  # a WPS spreadsheet is the same binary workbook under another name
        path = shutil.copy(path, tmp_path / "form.et")
    record = extract_file(path)
    assert record["metadata"]["report_type"] == "form_project"
    [form] = record["forms"]
    assert form["template"] == "project"
    facts = {f["id"]: f for f in record["facts"]}
    total = next(row for row in form["funds"] if row["slot"] == "total")
    assert facts[total["cells"]["年初预算数"]]["value"] == Decimal("2400000")
    assert facts[total["cells"]["执行率"]]["value"] == Decimal("95")
    assert len(form["indicators"]) == 5
    assert form == extract_file(workbooks["form"]["xlsx"])["forms"][0]


@needs_soffice
def test_merged_cells_come_from_the_file(workbooks):
    """calamine gives .xls merges; .ods merges are read from content.xml."""
    for fmt in ("xls", "ods"):
        table = load_document(workbooks["score"][fmt]).tables[0].table
        assert (table.rows[2][0].rowspan, table.rows[3][0].merged_from) == (2, (2, 0)), fmt
        assert table.rows[3][0].text == "产出（80分）"


def test_sheet_cells_are_written_the_short_way():
    import datetime as dt

    assert [sheet_grid.cell_text(v) for v in (36.0, 87.30000000000001, 0.1 + 0.2, None, dt.datetime(2022, 3, 1),
                                              dt.date(2022, 3, 1))] == \
        ["36", "87.30000000000001", "0.30000000000000004", "", "2022-03-01", "2022-03-01"]


def _run(*args):
    return subprocess.run([sys.executable, "-m", "extractor.cli", *map(str, args)], capture_output=True, text=True,
                          timeout=120)


@needs_soffice
def test_damaged_sheets_get_specific_codes(workbooks, tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    xls = workbooks["score"]["xls"].read_bytes()
    ods = workbooks["score"]["ods"].read_bytes()
    (src / "cut.xls").write_bytes(xls[:len(xls) // 2])
    (src / "noise.xls").write_bytes(b"\x00\x01 not a workbook" * 40)
    (src / "cut.et").write_bytes(xls[:600])
    (src / "cut.ods").write_bytes(ods[:len(ods) // 2])
    (src / "ole.ods").write_bytes(xls)
    with zipfile.ZipFile(src / "bomb.ods", "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED)
        z.writestr("content.xml", "<a>" + " " * 80_000_000 + "</a>")
    with zipfile.ZipFile(src / "nocontent.ods", "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
    (src / "page.xls").write_text("<html><head><meta charset='utf-8'></head><body><table><tr><td>项目</td>"
                                  "<td>预算（万元）</td></tr><tr><td>补助</td><td>120</td></tr></table></body></html>",
                                  encoding="utf-8")
    r = _run("run", src, "-o", tmp_path / "out")
    assert r.returncode == 1, r.stderr
    with open(tmp_path / "out" / "manifest.csv", encoding="utf-8-sig") as f:
        rows = {Path(row["path"]).name: (row["status"], row["error_code"]) for row in csv.DictReader(f)}
    assert rows == {"cut.xls": ("failed", "corrupt_xls"), "noise.xls": ("failed", "corrupt_xls"),
                    "cut.et": ("failed", "corrupt_et"), "cut.ods": ("failed", "corrupt_ods"),
                    "ole.ods": ("failed", "corrupt_ods"), "bomb.ods": ("failed", "too_large"),
                    "nocontent.ods": ("failed", "corrupt_ods"), "page.xls": ("ok", "")}


@needs_soffice
def test_a_sheet_past_the_cell_cap_is_too_large(workbooks, monkeypatch):
    monkeypatch.setattr("extractor.ingest.sheets.MAX_SHEET_CELLS", 10)
    with pytest.raises(IngestError) as e:
        load_document(workbooks["score"]["xls"])
    assert e.value.code == "too_large" and "评分表" in str(e.value)
