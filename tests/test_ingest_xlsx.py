"""Excel score sheets: sheets become tables with merged cells, scores become indicators."""
from decimal import Decimal

import openpyxl
import pytest

from extractor.pipeline import extract_file


def write_score_sheet(path) -> None:
    """A score sheet with a merged 一级指标 (also written as .xls and .ods in test_ingest_sheets)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "评分表"
    ws.append(["一级指标", "二级指标", "三级指标", "得分"])
    ws.append(["决策（20分）", "立项（20分）", "依据充分性（20分）", 18.5])
    ws.append(["产出（80分）", "数量（40分）", "完成率（40分）", 36])
    ws.append([None, "质量（40分）", "达标率（40分）", 37.2])
    ws.append(["合计", None, None, 91.7])
    ws.merge_cells("A3:A4")
    wb.save(path)


def test_score_sheet(tmp_path):
    f = tmp_path / "score.xlsx"
    write_score_sheet(f)
    rec = extract_file(f)
    assert rec["source"]["format"] == "xlsx"
    table = rec["tables"][0]
    assert table["caption"] == "评分表" and table["header_rows"] == 1
    leaves = {"›".join(i["path"]): i["score"] for i in rec["indicators"] if not i.get("total")}
    assert leaves == {"决策›立项›依据充分性": Decimal("18.5"), "产出›数量›完成率": Decimal(36),
                      "产出›质量›达标率": Decimal("37.2")}
    assert [f["rule"] for f in rec["flags"]] == []  # 18.5 + 36 + 37.2 = 91.7


@pytest.mark.parametrize("value, number_format, text", [
    (0.9563, "0.00%", "95.63%"), (0.95, "0%", "95%"), (0.5, "0.0%", "50.0%"),
    (64.8, "0.00", "64.80"), (1234.5, "#,##0.00", "1234.50"), (87.3, "0.0#", "87.3"),
    (87.35, "0.0#", "87.35"), (87.0, "0.##", "87"), (12.345, "0.00_);[Red](0.00)", "12.35"),
    (64.8, "General", 64.8), (45000.0, "yyyy-mm-dd", 45000.0), ("达标", "0.00", "达标")])
def test_a_figure_is_read_as_its_number_format_shows_it(value, number_format, text):
    from extractor.ingest.sheet_grid import shown

    assert shown(value, number_format) == text
