"""Excel score sheets: sheets become tables with merged cells, scores become indicators."""
from decimal import Decimal

import openpyxl

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
