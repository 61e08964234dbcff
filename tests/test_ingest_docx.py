"""Word documents: order of paragraphs and tables, heading levels, merged cells, and the
real seed renditions read alike as .docx and as .txt."""
from pathlib import Path

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn

from extractor.errors import IngestError
from extractor.ingest import load_document
from extractor.ingest.docx import read_docx
from extractor.ingest.txt import read_txt
from extractor.model import HEADING, PARAGRAPH, TABLE

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"
needs_seeds = pytest.mark.skipif(not SEEDS.exists(), reason=f"real seed reports not found at {SEEDS} "
                                 "(they live in ../shared/seeds beside the project)")
SEED_STEMS = ["000_d88b6baf9eac8299", "001_db0b8584d0df2dea", "002_12d4444cffc52013",
              "003_1745bc2bbbdaa61a", "004_177566989db970e3"]


def read(path):
    return read_docx(path, path.read_bytes())


def make_report(path):
    d = docx.Document()
    d.sections[0].header.paragraphs[0].text = "页眉不入正文"
    d.add_heading("某区医保局2021年度项目绩效评价报告", level=1)
    d.add_paragraph("")  # empty paragraphs are skipped
    d.add_paragraph("一、基本情况")
    d.add_paragraph("（一）项目概况")
    d.add_paragraph("本项目资金分配情况如下：")
    d.add_paragraph("表1 资金分配表")
    t = d.add_table(rows=5, cols=4)
    t.cell(0, 0).merge(t.cell(1, 0)).text = "序号"
    t.cell(0, 1).merge(t.cell(1, 1)).text = "乡镇"
    t.cell(0, 2).merge(t.cell(0, 3)).text = "资金情况"  # horizontal merge over two sub-columns
    t.cell(1, 2).text, t.cell(1, 3).text = "预算（万元）", "支出（万元）"
    t.cell(2, 0).merge(t.cell(3, 0)).text = "一"  # vertical merge in the first column
    for r, cells in ((2, ["甲镇", "10.00", "9.50"]), (3, ["乙镇", "5.00", "4.00"]), (4, ["合计", "15.00", "13.50"])):
        for c, text in enumerate(cells, start=1):
            t.cell(r, c).text = text
    d.add_paragraph("二、存在的问题")
    d.save(path)


def test_docx_order_headings_and_merged_cells(tmp_path):
    f = tmp_path / "r.docx"
    make_report(f)
    doc = read(f)
    assert doc.format == "docx" and doc.pages is None and doc.path == str(f)
    assert [b.kind for b in doc.blocks] == [HEADING, HEADING, HEADING, PARAGRAPH, PARAGRAPH, TABLE, HEADING]
    assert [b.text for b in doc.blocks if b.kind != TABLE] == [
        "某区医保局2021年度项目绩效评价报告", "一、基本情况", "（一）项目概况", "本项目资金分配情况如下：",
        "表1 资金分配表", "二、存在的问题"]
    assert all("页眉" not in b.text for b in doc.blocks)
    title, h1, h2 = doc.blocks[:3]
    assert title.level == 1 and title.numbering is None  # the level comes from the Heading 1 style
    assert (h1.numbering, h1.level) == ("一、", 1) and (h2.numbering, h2.level) == ("（一）", 2)

    t = doc.blocks[5].table
    assert t.caption == "表1 资金分配表"
    assert (t.n_rows, t.n_cols, t.header_rows) == (5, 4, 2)
    assert [[c.text for c in row] for row in t.rows] == [
        ["序号", "乡镇", "资金情况", "资金情况"],
        ["序号", "乡镇", "预算（万元）", "支出（万元）"],
        ["一", "甲镇", "10.00", "9.50"],
        ["一", "乙镇", "5.00", "4.00"],
        ["", "合计", "15.00", "13.50"],
    ]
    assert (t.rows[0][2].colspan, t.rows[0][3].merged_from) == (2, (0, 2))
    assert (t.rows[0][0].rowspan, t.rows[1][0].merged_from, t.rows[1][1].merged_from) == (2, (0, 0), (0, 1))
    assert (t.rows[2][0].rowspan, t.rows[3][0].merged_from) == (2, (2, 0))
    assert [c.merged_from for c in t.rows[4]] == [None] * 4
    assert doc.blocks[5].text == t.as_text()


def test_heading_styles_line_breaks_and_split_paragraphs(tmp_path):
    d = docx.Document()
    d.add_heading("评价结论", level=2)
    d.styles.add_style("标题 3", WD_STYLE_TYPE.PARAGRAPH)
    d.add_paragraph("项目主要成效", style="标题 3")
    p = d.add_paragraph("第一行")
    p.add_run().add_break()
    p.add_run("第二行。")
    # a sentence cut in two by a page break of the PDF the document was converted from
    d.add_paragraph("建议相关部门高度重视年度预算编制工作和年中预算")
    d.add_paragraph("执行规范，提高预算编制科学性。")
    # cover-page lines are lines of their own even without punctuation
    d.add_paragraph("评价机构：赣州明德会计师事务所有限公司")
    d.add_paragraph("被评价单位：于都县医疗保障局")
    f = tmp_path / "h.docx"
    d.save(f)
    blocks = read(f).blocks
    assert [(b.kind, b.level) for b in blocks[:2]] == [(HEADING, 2), (HEADING, 3)]
    assert blocks[2].text == "第一行\n第二行。"
    assert blocks[3].text == "建议相关部门高度重视年度预算编制工作和年中预算执行规范，提高预算编制科学性。"
    assert [b.text for b in blocks[4:]] == ["评价机构：赣州明德会计师事务所有限公司", "被评价单位：于都县医疗保障局"]


def test_nested_and_one_cell_tables(tmp_path):
    d = docx.Document()
    outer = d.add_table(rows=1, cols=2)
    outer.cell(0, 0).text = "附表"
    inner = outer.cell(0, 1).add_table(rows=1, cols=2)
    inner.cell(0, 0).text, inner.cell(0, 1).text = "甲", "12.5"
    d.add_paragraph("正文。")
    long_text = "本项目实施后，受益人群满意度较高。" * 20
    d.add_table(rows=1, cols=1).cell(0, 0).text = long_text
    d.add_table(rows=2, cols=2)  # nothing written in it: not a block
    f = tmp_path / "n.docx"
    d.save(f)
    doc = read(f)
    assert [b.kind for b in doc.blocks] == [TABLE, PARAGRAPH, TABLE]
    first = doc.blocks[0].table
    assert (first.n_rows, first.n_cols) == (1, 2)  # the nested table's rows are not the outer table's
    assert first.rows[0][1].text == "甲\n12.5"
    one = doc.blocks[2].table
    assert (one.n_rows, one.n_cols) == (1, 1) and one.rows[0][0].text == long_text


def test_grid_before_keeps_cells_in_their_columns(tmp_path):
    d = docx.Document()
    t = d.add_table(rows=2, cols=3)
    for c, text in enumerate(["名称", "预算", "支出"]):
        t.cell(0, c).text = text
    row = t.rows[1]._tr
    row.remove(row.tc_lst[0])  # the second row starts one grid column in
    tr_pr = row.get_or_add_trPr()
    before = OxmlElement("w:gridBefore")
    before.set(qn("w:val"), "1")
    tr_pr.append(before)
    row.tc_lst[0].append(parse_xml('<w:p xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                                   '<w:r><w:t>8</w:t></w:r></w:p>'))
    f = tmp_path / "g.docx"
    d.save(f)
    t = read(f).tables[0].table
    assert [c.text for c in t.rows[1]] == ["", "8", ""]


def test_text_box_fallback_is_not_read_twice(tmp_path):
    d = docx.Document()
    p = d.add_paragraph("正文")
    W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
    box = '<w:txbxContent><w:p><w:r><w:t>框内文字</w:t></w:r></w:p></w:txbxContent>'
    p._p.append(parse_xml(f'<w:r xmlns:w="{W}" xmlns:mc="{MC}"><mc:AlternateContent>'
                          f'<mc:Choice Requires="wps">{box}</mc:Choice><mc:Fallback>{box}</mc:Fallback>'
                          f'</mc:AlternateContent></w:r>'))
    f = tmp_path / "b.docx"
    d.save(f)
    assert read(f).blocks[0].text.count("框内文字") == 1


def test_empty_and_corrupt(tmp_path):
    empty = tmp_path / "e.docx"
    d = docx.Document()
    d.add_paragraph("   ")
    d.save(empty)
    with pytest.raises(IngestError) as e:
        read(empty)
    assert e.value.code == "empty"

    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    for reader in (read, load_document):  # the .docx reader itself names the damage
        with pytest.raises(IngestError) as e:
            reader(bad)
        assert e.value.code == "corrupt_docx" and "BadZipFile" in str(e.value)


@needs_seeds
def test_seed_000_fund_table_and_headings():
    doc = read(SEEDS / "000_d88b6baf9eac8299.docx")
    [fund] = [b.table for b in doc.tables if any(c.text == "1199" for row in b.table.rows for c in row)]
    assert fund.header_rows == 2
    assert fund.caption.endswith("资金目使用情况表")
    assert [c.merged_from for c in fund.rows[0][2:5]] == [None, (0, 2), (0, 2)]  # 项目资金投入情况 over 3
    assert fund.rows[1][0].merged_from == (0, 0)  # 序号 over both header rows
    [row] = [r for r in fund.rows if any(c.text == "1199" for c in r)]
    assert "788" in [c.text for c in row]
    assert [c.text for c in row[2:11]] == ["600", "1199", "71.94", "600", "788", "47.28", "600", "411", "24.66"]
    assert row[0].text == "2"
    assert [r[0].text for r in fund.rows if r[0].text in ("一", "二")] == ["一", "二"]
    group = max(i for i, r in enumerate(fund.rows) if r[0].text == "二")
    assert fund.rows.index(row) > group  # row 2 sits under 二
    numbered = {(b.numbering, b.level) for b in doc.blocks if b.kind == HEADING}
    assert ("一、", 1) in numbered and ("（一）", 2) in numbered
    # the title, split over two paragraphs in this rendition, is read as one
    assert doc.blocks[0].text.endswith("政策性项目的通报")


@needs_seeds
def test_seed_002_vertical_merges_and_captions():
    doc = read(SEEDS / "002_12d4444cffc52013.docx")
    assert [b.table.caption for b in doc.tables] == ["表 1 各区市资金分配表", "表 2 各指标得分情况表", "表 3 各区市得分情况表"]
    scores = doc.tables[1].table
    # the third column's vertical merges exist only in the Word file (the .txt loses them)
    assert scores.rows[5][2].merged_from == (4, 2) and scores.rows[4][2].rowspan == 2
    total = scores.rows[-1]
    assert total[0].text == "合计" and [c.merged_from for c in total] == [None] * 5


@needs_seeds
@pytest.mark.parametrize("stem", SEED_STEMS)
def test_seed_docx_matches_txt(stem):
    """The same report as .docx and as .txt: same table shapes and captions, same headings,
    same metadata. (Spans differ: the .txt cannot show every vertical merge.)"""
    from extractor.extract.metadata import extract_metadata

    d, t = read(SEEDS / f"{stem}.docx"), read_txt(SEEDS / f"{stem}.txt")
    assert [(b.table.n_rows, b.table.n_cols, b.table.caption) for b in d.tables] == \
           [(b.table.n_rows, b.table.n_cols, b.table.caption) for b in t.tables]
    assert [(b.numbering, b.level, b.text) for b in d.blocks if b.kind == HEADING] == \
           [(b.numbering, b.level, b.text) for b in t.blocks if b.kind == HEADING]
    assert extract_metadata(d)[0] == extract_metadata(t)[0]
