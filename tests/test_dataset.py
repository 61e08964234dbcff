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
