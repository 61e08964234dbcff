"""The streamed workbook writer: what a spreadsheet reads back is what was written."""
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from extractor import workbook
from extractor.workbook import column_letter, write_workbook


def _read(path):
    book = openpyxl.load_workbook(path)
    return {s.title: [[c.value for c in row] for row in s.iter_rows()] for s in book.worksheets}


def test_values_of_every_kind_read_back(tmp_path):
    rows = [["text", "number", "flag"],
            ["a & b < c > d", 12, True],
            ["  spaced  ", Decimal("5758200.00"), False],
            ["", -0.5, None],
            ["县 \x1c 户", Decimal("0.1"), 3]]
    write_workbook(tmp_path / "w.xlsx", [("表", rows, [12, 10])])
    got = _read(tmp_path / "w.xlsx")["表"]
    assert got[1] == ["a & b < c > d", 12, True]
    assert got[2] == ["  spaced  ", 5758200, False]
    assert got[3] == [None, -0.5, None]
    assert got[4][1:] == [0.1, 3]
    # XML cannot hold the character, so it is written as Excel's escape (which openpyxl
    # shows as written; LibreOffice reads it back, see below)
    assert got[4][0] == "县 _x001C_ 户"


def test_frozen_header_and_widths(tmp_path):
    write_workbook(tmp_path / "w.xlsx", [("s", [["a", "b"], [1, 2]], [12, 30.5])])
    sheet = openpyxl.load_workbook(tmp_path / "w.xlsx")["s"]
    assert sheet.freeze_panes == "A2"
    assert (sheet.column_dimensions["A"].width, sheet.column_dimensions["B"].width) == (12, 30.5)


def test_text_over_the_cell_limit_is_cut_with_a_warning(tmp_path):
    with pytest.warns(UserWarning, match="truncated"):
        write_workbook(tmp_path / "w.xlsx", [("s", [["h"], ["x" * 40000]], [])])
    assert len(_read(tmp_path / "w.xlsx")["s"][1][0]) == workbook.MAX_CELL_TEXT


def test_rows_beyond_the_sheet_limit_go_on_in_the_next_sheet(tmp_path, monkeypatch):
    monkeypatch.setattr(workbook, "MAX_ROWS", 3)
    rows = [["n"]] + [[i] for i in range(5)]
    write_workbook(tmp_path / "w.xlsx", [("事实", rows, []), ("other", [["x"]], [])])
    assert _read(tmp_path / "w.xlsx") == {"事实": [["n"], [0], [1]], "事实 2": [["n"], [2], [3]],
                                          "事实 3": [["n"], [4]], "other": [["x"]]}


def test_column_letters():
    assert [column_letter(i) for i in (1, 26, 27, 52, 703)] == ["A", "Z", "AA", "AZ", "AAA"]


def _has_calc() -> bool:
    soffice = shutil.which("soffice")
    return bool(soffice) and any(Path(soffice).resolve().parents[1].glob("share/registry/calc.xcd"))


@pytest.mark.skipif(not _has_calc(), reason="LibreOffice Calc is not installed (scripts/setup installs it)")
def test_a_spreadsheet_program_reads_it_back(tmp_path):
    rows = [["县", "得分", "备注"], ["勐海县", Decimal("92.5"), "code _x0041_ here"], ["a\x1cb", 7, True]]
    write_workbook(tmp_path / "w.xlsx", [("报告", rows, [10, 10])])
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless", "--convert-to",
                    'csv:Text - txt - csv (StarCalc):44,34,76',  # comma, double quote, UTF-8
                    "--outdir", str(tmp_path), str(tmp_path / "w.xlsx")], check=True, capture_output=True, timeout=120)
    assert (tmp_path / "w.csv").read_text(encoding="utf-8").rstrip("\n").split("\n") == [
        "县,得分,备注", "勐海县,92.5,code _x0041_ here", "a\x1cb,7,TRUE"]
