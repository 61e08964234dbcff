"""Word documents: order of paragraphs and tables, heading levels, merged cells."""
import docx
import pytest

from extractor.ingest import load_document
from extractor.model import HEADING, TABLE

from conftest import SEEDS, needs_seeds


def make_docx(path):
    d = docx.Document()
    d.add_heading("某区医保局2021年度项目绩效评价报告", level=1)
    d.add_paragraph("一、基本情况")
    d.add_paragraph("（一）资金情况")
    d.add_paragraph("表1 资金分配表")
    t = d.add_table(rows=4, cols=4)
    t.cell(0, 0).text = "序号"
    t.cell(0, 1).text = "乡镇"
    a = t.cell(0, 2).merge(t.cell(0, 3))
    a.text = "资金情况"
    for c, text in enumerate(["", "", "预算（万元）", "支出（万元）"]):
        if text:
            t.cell(1, c).text = text
    t.cell(0, 0).merge(t.cell(1, 0))
    t.cell(0, 1).merge(t.cell(1, 1))
    for c, text in enumerate(["1", "甲镇", "10.00", "9.50"]):
        t.cell(2, c).text = text
    for c, text in enumerate(["合计", "", "10.00", "9.50"]):
        t.cell(3, c).text = text
    d.add_paragraph("二、存在的问题")
    d.save(path)


def test_docx_order_headings_and_merged_cells(tmp_path):
    f = tmp_path / "r.docx"
    make_docx(f)
    doc = load_document(f)
    kinds = [b.kind for b in doc.blocks]
    assert kinds == [HEADING, HEADING, HEADING, "paragraph", TABLE, HEADING]
    assert doc.blocks[0].level == 1 and doc.blocks[1].numbering == "一、" and doc.blocks[2].level == 2
    t = doc.blocks[4].table
    assert t.caption == "表1 资金分配表"
    assert (t.n_rows, t.n_cols, t.header_rows) == (4, 4, 2)
    assert [c.text for c in t.rows[0]] == ["序号", "乡镇", "资金情况", "资金情况"]
    assert t.rows[0][3].merged_from == (0, 2) and t.rows[1][0].merged_from == (0, 0)
    assert t.rows[0][0].rowspan == 2 and t.rows[0][2].colspan == 2
    assert [c.text for c in t.rows[2]] == ["1", "甲镇", "10.00", "9.50"]


@needs_seeds
@pytest.mark.parametrize("stem", ["000_d88b6baf9eac8299", "001_db0b8584d0df2dea", "002_12d4444cffc52013",
                                  "003_1745bc2bbbdaa61a", "004_177566989db970e3"])
def test_seed_docx_matches_txt(stem):
    from extractor.extract.metadata import extract_metadata

    d, t = load_document(SEEDS / f"{stem}.docx"), load_document(SEEDS / f"{stem}.txt")
    assert extract_metadata(d)[0] == extract_metadata(t)[0]
    assert [(b.table.n_rows, b.table.n_cols) for b in d.tables] == [(b.table.n_rows, b.table.n_cols) for b in t.tables]
