import pytest

from extractor.errors import IngestError
from extractor.ingest import load_document
from extractor.model import HEADING, TABLE

from conftest import SEEDS, needs_seeds

REPORT = (
    "某县卫生健康局2019年度项目支出绩效评价报告\n\n"
    "一、项目基本情况\n"
    "（一）项目概况\n"
    "1.资金情况\n"
    "2019年项目预算资金120万元，实际到位资金120万元，实际支出114万元，预算执行率为95%。\n"
)


@pytest.mark.parametrize("encoding,expected", [
    ("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("gbk", "gbk"), ("utf-16", "utf-16"), ("utf-16-le", "utf-16-le"),
    ("gb18030", "gbk"),
])
def test_encodings_are_detected_and_reported(tmp_path, encoding, expected):
    f = tmp_path / "r.txt"
    f.write_bytes(REPORT.encode(encoding))
    doc = load_document(f)
    assert doc.encoding == expected
    assert doc.blocks[0].text.startswith("某县卫生健康局")
    headings = [(b.numbering, b.level) for b in doc.blocks if b.kind == HEADING]
    assert headings == [("一、", 1), ("（一）", 2), ("1.", 3)]


def test_empty_file_is_an_error(tmp_path):
    f = tmp_path / "e.txt"
    f.write_bytes(b"  \n\n ")
    with pytest.raises(IngestError) as e:
        load_document(f)
    assert e.value.code == "empty"


FLAT = (
    "资金情况见下表：\n\n"
    "\t序号\n\t项目\n\t计划\n\t实际\n\n"
    "\t\n\t\n\t人数（人）\n\t金额（万元）\n\t人数（人）\n\t金额（万元）\n\n"
    "\t合计\n\t\n\t320\n\t16.00\n\t300\n\t15.00\n\n"
    "\t1\n\t甲乡镇\n\t200\n\t10.00\n\t200\n\t10.00\n\n"
    "\t2\n\t乙乡镇\n\t120\n\t6.00\n\t100\n\t5.00\n\n\n"
    "表后的一段正文，说明乙乡镇核减20人。\n"
)


def test_flattened_cell_per_line_table_is_rebuilt(tmp_path):
    f = tmp_path / "t.txt"
    f.write_text(FLAT, encoding="utf-8")
    doc = load_document(f)
    tables = [b.table for b in doc.blocks if b.kind == TABLE]
    assert len(tables) == 1
    t = tables[0]
    assert (t.n_rows, t.n_cols, t.header_rows) == (5, 6, 2)
    # the two-row header: 计划 spans 人数/金额
    assert [c.text for c in t.rows[0]] == ["序号", "项目", "计划", "计划", "实际", "实际"]
    assert t.rows[0][3].merged_from == (0, 2)
    assert [c.text for c in t.rows[4]] == ["2", "乙乡镇", "120", "6.00", "100", "5.00"]
    # the paragraph after the table is not swallowed into the last cell
    assert doc.blocks[-1].kind != TABLE and doc.blocks[-1].text.startswith("表后的一段正文")


def test_tab_separated_table_with_page_break_inside(tmp_path):
    f = tmp_path / "t.txt"
    f.write_text("表 3\n\n各镇资金分配表\n\n镇\t资金（万元）\n甲镇\t10\n\n乙镇\t20\n合计\t30\n\n二、下一部分\n", encoding="utf-8")
    doc = load_document(f)
    t = next(b.table for b in doc.blocks if b.kind == TABLE)
    assert [[c.text for c in r] for r in t.rows] == [["镇", "资金（万元）"], ["甲镇", "10"], ["乙镇", "20"], ["合计", "30"]]
    assert t.caption == "表 3 各镇资金分配表"
    assert doc.blocks[-1].numbering == "二、"


def test_sentence_broken_by_a_page_break_is_joined(tmp_path):
    f = tmp_path / "p.txt"
    f.write_text("建议有关部门进一步加强预算编制工作的科学性和准确性，及时做好年中预算\n\n执行分析，提高资金使用效益。\n",
                 encoding="utf-8")
    doc = load_document(f)
    assert len(doc.blocks) == 1 and "年中预算执行分析" in doc.blocks[0].text


@needs_seeds
def test_seed_000_fund_table_has_1199_and_788_in_one_row():
    doc = load_document(SEEDS / "000_d88b6baf9eac8299.txt")
    tables = [b.table for b in doc.blocks if b.kind == TABLE]
    fund = next(t for t in tables if any(c.text == "1199" for r in t.rows for c in r))
    row = next(r for r in fund.rows if any(c.text == "1199" for c in r))
    texts = [c.text for c in row]
    assert "788" in texts and "411" in texts
    col_1199, col_788 = texts.index("1199"), texts.index("788")
    assert fund.rows[0][col_1199].text == "项目资金投入情况" and fund.rows[1][col_1199].text == "兜底人数（人）"
    assert fund.rows[0][col_788].text == "实际使用县级资金" and fund.rows[1][col_788].text == "兜底人数（人）"
    assert "使用情况表" in fund.caption


@needs_seeds
def test_seed_000_row_names_written_once_cover_their_block():
    from extractor.ingest.tables import row_kinds

    doc = load_document(SEEDS / "000_d88b6baf9eac8299.txt")
    target = doc.tables[0].table
    assert target.rows[2][1].merged_from == (1, 1) and target.rows[2][1].text == target.rows[1][1].text
    fund = doc.tables[1].table
    kinds = row_kinds(fund)
    assert kinds[:4] == ["header", "header", "total", "group"] and kinds[4:7] == ["item"] * 3


def test_a_total_row_takes_no_row_name_from_above(tmp_path):
    f = tmp_path / "t.txt"
    f.write_text("表 1 得分表\n\n一级指标\t二级指标\t得分\n效益 (30分)\t项目效益(30分)\t28\n合计\t\t28\n", encoding="utf-8")
    t = next(b.table for b in load_document(f).blocks if b.kind == TABLE)
    assert [c.text for c in t.rows[2]] == ["合计", "", "28"]


def test_a_run_in_heading_goes_on_over_the_line_break(tmp_path):
    # a text layer's fixed-width lines cut a numbered paragraph between a figure and its unit
    f = tmp_path / "r.txt"
    f.write_text("一、项目概况\n(一)资金来源。2016年全县项目资金共 2,367 万\n元,其中:中央补助 1,420.2 万元。\n"
                 "(二)资金使用\n", encoding="utf-8")
    texts = [b.text for b in load_document(f).blocks]
    assert any("2,367 万元,其中" in t or "2,367万元,其中" in t for t in texts), texts
    assert any(t.startswith("(二)资金使用") for t in texts)
