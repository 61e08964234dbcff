"""PDFs: wrapped lines joined, page numbers dropped, tables found and continued across
pages, bad PDFs reported with a specific code. Small PDFs are made here from .docx files
with LibreOffice (skipped when it is not installed)."""
import shutil
from decimal import Decimal
import subprocess

import docx
import pytest
import regex

from extractor.errors import IngestError
from extractor.ingest import load_document
from extractor.model import HEADING, TABLE

from conftest import CORPUS, SEEDS, needs_seeds

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_soffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is needed to make test PDFs")

LONG = ("根据年度工作安排，区医疗保障局对全区城乡居民医疗救助资金的拨付、使用和管理情况开展了全面的绩效评价，"
        "重点核查了资金到位、支出进度、救助对象认定和信息公开等环节，发现资金整体使用规范，但部分乡镇拨付进度偏慢，"
        "个别救助对象信息更新不及时，“一站式”结算覆盖率有待提高，需要在下一年度进一步完善动态管理机制。") * 2


def to_pdf(tmp_path, d) -> bytes:
    src = tmp_path / "r.docx"
    d.save(src)
    subprocess.run([SOFFICE, f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(src)], capture_output=True, timeout=180, check=True)
    return tmp_path / "r.pdf"


@needs_soffice
def test_wrapped_paragraph_page_numbers_and_a_table_over_two_pages(tmp_path):
    d = docx.Document()
    d.add_paragraph("某区医疗保障局2021年度医疗救助资金绩效评价报告")
    d.add_paragraph("一、基本情况")
    d.add_paragraph(LONG)
    footer = d.sections[0].footer.paragraphs[0]
    run = footer.add_run()
    for tag, text in (("begin", None), (None, "PAGE"), ("end", None)):  # a PAGE field
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn
        if tag:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), tag)
        else:
            el = OxmlElement("w:instrText")
            el.text = text
        run._r.append(el)
    d.add_paragraph("表1 各乡镇救助资金表")
    t = d.add_table(rows=61, cols=3)
    t.style = "Table Grid"
    for c, text in enumerate(["乡镇", "救助人次", "救助资金（万元）"]):
        t.cell(0, c).text = text
    for r in range(1, 61):
        for c, text in enumerate([f"第{r}镇", str(100 + r), f"{r}.50"]):
            t.cell(r, c).text = text
    doc = load_document(to_pdf(tmp_path, d))
    assert doc.pages >= 2 and all(b.page for b in doc.blocks)
    para = [b for b in doc.blocks if "动态管理机制" in b.text]
    assert len(para) == 1 and para[0].text == LONG  # one block, no spaces inserted
    tables = [b for b in doc.blocks if b.kind == TABLE]
    assert len(tables) == 1, "the table continued on page 2 is joined to its first part"
    rows = tables[0].table.rows
    assert len(rows) == 61 and [c.text for c in rows[60]] == ["第60镇", "160", "60.50"]
    assert tables[0].table.caption.replace(" ", "") == "表1各乡镇救助资金表"
    assert not any(b.text.strip().isdigit() for b in doc.blocks), "page numbers are dropped"


@pytest.mark.parametrize("data", [b"%PDF-1.4\n garbage that is not a pdf body", b"not a pdf at all", b"\x00" * 64])
def test_bad_pdfs(tmp_path, data):
    from extractor.ingest.pdf import read_pdf

    f = tmp_path / "x.pdf"
    f.write_bytes(data)
    with pytest.raises(IngestError) as e:
        read_pdf(f, data)
    assert e.value.code == "corrupt_pdf"


def test_encrypted_pdf(tmp_path):
    pikepdf = pytest.importorskip("pikepdf", reason="pikepdf is needed to write an encrypted PDF")
    pdf = pikepdf.new()
    pdf.add_blank_page()
    f = tmp_path / "locked.pdf"
    pdf.save(f, encryption=pikepdf.Encryption(owner="o", user="secret"))
    with pytest.raises(IngestError) as e:
        load_document(f)
    assert e.value.code == "encrypted_pdf"


@needs_seeds
def test_seed_000_pdf():
    doc = load_document(SEEDS / "000_d88b6baf9eac8299.pdf")
    fund = next(b.table for b in doc.blocks if b.kind == TABLE and any(c.text == "1199" for r in b.table.rows for c in r))
    row = next([c.text for c in r] for r in fund.rows if any(c.text == "1199" for c in r))
    assert "788" in row and "411" in row
    # the paragraphs naming the amount are whole (not split where their lines wrap), as in the .txt
    para = [b.text for b in doc.blocks if "5,758,200.00元" in b.text]
    txt = [regex.sub(r"\s+", "", b.text) for b in load_document(SEEDS / "000_d88b6baf9eac8299.txt").blocks
           if "5,758,200.00元" in b.text]
    assert len(para) == 2 and [regex.sub(r"\s+", "", t) for t in para] == txt
    assert any("实际总投入5,758,200.00元" in t for t in para)
    assert not any(regex.search(r"\p{Han}\s+\p{Han}", t) for t in para), "no spaces between Chinese characters"
    assert all(b.page and b.bbox for b in doc.blocks)


@needs_seeds
def test_seed_002_pdf_table_total():
    doc = load_document(SEEDS / "002_12d4444cffc52013.pdf")
    rows = [[c.text for c in r] for b in doc.tables for r in b.table.rows]
    assert ["合计", "400"] in rows


@needs_seeds
def test_seed_text_read_by_character_not_by_box():
    """Text read back from PDFium's rectangles repeated characters where rectangles overlap
    and lost quotes drawn above the line's centre."""
    texts = [b.text for b in load_document(SEEDS / "001_db0b8584d0df2dea.pdf").blocks]
    assert "（二）具体绩效分析" in texts
    assert any(t.startswith("（1）二级指标“项目立项”满分8分") for t in texts)
    texts = [b.text for b in load_document(SEEDS / "003_1745bc2bbbdaa61a.pdf").blocks]
    assert "⑵坚持“政策倾斜、医疗扶贫”的惠民理念" in texts


@needs_seeds
@pytest.mark.parametrize("stem", ["000_d88b6baf9eac8299", "001_db0b8584d0df2dea", "002_12d4444cffc52013",
                                  "003_1745bc2bbbdaa61a", "004_177566989db970e3"])
def test_seed_pdf_structure_matches_txt(stem):
    """Headings (spaces aside) and table shapes as read from the .txt of the same report.
    002's title is a Markdown heading in the .txt; the PDF shows nothing that marks it."""
    pdf, txt = load_document(SEEDS / f"{stem}.pdf"), load_document(SEEDS / f"{stem}.txt")
    headings = [[regex.sub(r"\s+", "", b.text) for b in d.blocks if b.kind == HEADING] for d in (pdf, txt)]
    if stem == "002_12d4444cffc52013":
        headings[1] = headings[1][1:]
    assert headings[0] == headings[1]
    assert [(t.table.n_rows, t.table.n_cols) for t in pdf.tables] == [(t.table.n_rows, t.table.n_cols) for t in txt.tables]


@needs_seeds
@pytest.mark.parametrize("stem", ["000_d88b6baf9eac8299", "001_db0b8584d0df2dea", "002_12d4444cffc52013",
                                  "003_1745bc2bbbdaa61a", "004_177566989db970e3"])
def test_seed_pdf_metadata_matches_txt(stem):
    from extractor.extract.metadata import extract_metadata

    assert extract_metadata(load_document(SEEDS / f"{stem}.pdf"))[0] == \
        extract_metadata(load_document(SEEDS / f"{stem}.txt"))[0]


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.pdf")) + (sorted(SEEDS.glob("*.pdf")) if SEEDS.exists() else []),
                         ids=lambda p: p.name)
def test_fast_and_careful_table_paths_agree(path):
    """Tables from PDFium's own drawing (default) and from pdfplumber (careful) are the same."""
    from extractor.ingest.pdf import read_pdf

    data = path.read_bytes()
    fast, careful = read_pdf(path, data, careful=False), read_pdf(path, data, careful=True)
    assert [b.text for b in fast.blocks] == [b.text for b in careful.blocks]
    assert [[[c.text for c in r] for r in b.table.rows] for b in fast.tables] == \
        [[[c.text for c in r] for r in b.table.rows] for b in careful.tables]


def txt_to_pdf(tmp_path, text: str):
    """A .txt printed to PDF by LibreOffice, as archives hold web pages saved as text and printed."""
    src = tmp_path / "form.txt"
    src.write_text(text, encoding="utf-8")
    subprocess.run([SOFFICE, f"-env:UserInstallation=file://{tmp_path}/lo", "--headless",
                    "--infilter=Text (encoded):UTF8,LF,,,", "--convert-to", "pdf", "--outdir", str(tmp_path), str(src)],
                   capture_output=True, timeout=180, check=True)
    return tmp_path / "form.pdf"


@needs_soffice
def test_a_printed_line_of_cells_reads_as_written(tmp_path):
    # a form flattened to one long line of cells: the layout's spacing between Chinese and
    # figures (指标 1, 不少于 12 种) is no text, the cells' own spaces are, wherever the line wraps
    cells = ["某县项目支出绩效自评表（2022年度）", "项目名称", "农村卫生室运行补助", "主管部门", "某县卫生健康局",
             "全年预算数", "全年执行数", "分值", "执行率", "得分", "86.5", "84.2", "10", "97.34%", "9.7"]
    for k in range(1, 13):
        cells += [f"指标{k}:村卫生室巡诊人次数", f"不少于{120 * k}人次", f"{130 * k}人次", "5", "5"]
    line = " ".join(cells)
    doc = load_document(txt_to_pdf(tmp_path, line + "\n"))
    assert "".join(b.text for b in doc.blocks) == line


@needs_soffice
def test_cells_one_a_line_go_on_overleaf(tmp_path):
    # a pipe table written one cell a line, long enough to cross a page break in the middle
    # of a row: the rows overleaf are the same table's
    # (names of different lengths: rows alike at the top and the foot of pages read as running heads)
    villages = ["大坪", "石门坎", "龙潭", "杨柳湾", "新街", "白沙河", "青龙", "水井坪", "黄泥塘", "三岔"]
    lines = ["序号 |", "项目名称 |", "资金规模（万元） |", "评分 |"]
    for r in range(1, 40):
        name = villages[r % 10] + "一二三四五六七八九"[: r % 9] + "村道路硬化工程"
        lines += [f"{r} |", f"{name} |", f"{100 + r} |", f"{80 + r % 10} |"]
    doc = load_document(txt_to_pdf(tmp_path, "\n".join(lines) + "\n"))
    tables = [b for b in doc.blocks if b.kind == TABLE]
    assert doc.pages >= 2 and len(tables) == 1
    rows = [[c.text for c in row] for row in tables[0].table.rows]
    assert len(rows) == 40 and rows[39] == ["39", name, "139", "89"]


@needs_soffice
def test_a_page_of_short_cells_keeps_them_apart(tmp_path):
    # one cell a line with a blank line between (a form saved from a web page), printed: no
    # line reaches the margin, so none runs on into the next (分值 after 一级指标 is a cell,
    # not the rest of a sentence)
    cells = ["一级指标", "分值", "二级指标", "分值", "三级指标", "分值", "得分"]
    for name, weight, second, second_weight, rows in [
            ("项目决策", "20", "项目目标", "20", [("目标内容", "8", "8"), ("决策依据", "12", "11")]),
            ("项目管理", "30", "资金管理", "30", [("资金到位率", "10", "10"), ("资金使用合规性", "20", "18")]),
            ("项目绩效", "50", "项目产出", "50", [("产出数量", "25", "25"), ("产出质量", "25", "24")])] * 3:
        cells += [name, weight, second, second_weight] + [c for row in rows for c in row]
    doc = load_document(txt_to_pdf(tmp_path, "\n\n".join(cells) + "\n"))
    assert doc.pages >= 2
    # every block one cell, a lone figure at a page's edge too (it is no page's number)
    assert [b.text for b in doc.blocks] == cells


@needs_soffice
def test_a_page_whose_widest_line_stops_short_of_the_margin_runs_no_line_on(tmp_path):
    # headings and cells one a line, the widest (a web page's path) more than half the page
    # across but several characters short of the margin its left one mirrors: it did not
    # wrap, so the line after it is a line of its own; so is a caption after a table's title
    lines = ["当前位置：首页 > 政务公开 > 财政资金 > 绩效管理 > 部门自评", "某县档案馆2022年绩效自评附表：附件1—附件2",
             "附件1", "二〇二二年度某县档案馆部门整体支出绩效评价基础数据表", "财政供养人员情况（人）",
             "编制数", "实际在职人数", "控制率", "38", "36", "94.74%"]
    doc = load_document(txt_to_pdf(tmp_path, "\n".join(lines) + "\n"))
    assert [b.text for b in doc.blocks] == lines


@needs_soffice
def test_figures_at_a_page_edge_are_cells_and_page_numbers_still_go(tmp_path):
    # a score table one cell a line over several pages: figures fall at the top and bottom of
    # pages, out of step with the page numbers, and stay; a footer's page number goes
    cells = []
    for i in range(1, 61):
        cells += [f"指标{i}", str(10 + i % 7), str(8 + i % 5)]
    doc = load_document(txt_to_pdf(tmp_path, "\n\n".join(cells) + "\n"))
    assert doc.pages >= 3
    assert [b.text for b in doc.blocks] == cells


def test_running_headers_and_page_numbers_against_cells_at_page_edges():
    from extractor.ingest.page_layout import _page_number_offset, _repeated_margins
    from extractor.ingest.page_text import Line

    pages, sizes = [], []
    for number in range(1, 6):
        pages.append([Line("某县2023年度项目绩效评价报告", 90, 20, 400, 32),  # the same on every page
                      Line(f"第{number + 1}页", 280, 800, 320, 812),  # counts the pages (a cover before)
                      Line(f"指标{number * 7 % 11}", 90, 50, 150, 62),  # a form's cell at the page top
                      Line(str(number + 1), 290, 815, 300, 826)])
        sizes.append((595, 842))
    repeated = _repeated_margins(pages, sizes)
    assert "某县#年度项目绩效评价报告" in repeated and "第#页" in repeated
    assert "指标#" not in repeated
    assert _page_number_offset(pages, sizes) == 1


def test_a_figure_wrapped_in_a_narrow_cell_is_one_figure():
    from extractor.ingest.page_text import join_cell_lines

    assert join_cell_lines(["3,000,", "000.0", "0"]) == "3,000,000.00"
    assert join_cell_lines(["≥98.0", "0%"]) == "≥98.00%"
    assert join_cell_lines(["215,6", "37.86元"]) == "215,637.86元"
    assert join_cell_lines(["Table", "Grid"]) == "Table Grid"
    assert join_cell_lines(["年度资金", "总额"]) == "年度资金总额"


@needs_soffice
def test_a_total_row_after_a_row_that_ran_to_the_margin(tmp_path):
    from extractor.pipeline import extract_file

    rows = ["项目支出绩效自评表",
            "一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 偏差原因分析及改进措施",
            "产出指标 数量指标 新建农村公路里程 ≥40公里 42公里 40 40",
            "效益指标 社会效益指标 群众出行时间缩短 ≥20% 22% 30 30",
            "满意度指标 服务对象满意度指标 沿线群众满意度 ≥90% 86% 30 27.5 部分路段施工期间绕行不便"]
    for reason in ("部分路段施工期间绕行不便", "部分路段施工期间绕行不便，已加强宣传解释",
                   "部分路段施工期间绕行距离较长群众有意见"):
        text = "\n".join(rows[:-1] + [rows[-1].rsplit(" ", 1)[0] + " " + reason, "总分 100 97.5"]) + "\n"
        (tmp_path / reason).mkdir()
        record = extract_file(txt_to_pdf(tmp_path / reason, text))
        assert record["metadata"]["score"] == Decimal("97.5"), reason


def test_a_row_word_broke_across_two_pages():
    from extractor.ingest.page_tables import _words_cut_by_the_page, _words_then_figures
    cell = lambda t: (t, 1, 1)
    before = [cell("资金投"), cell(""), cell("年初预"), cell("全年执"), cell("执行率")]
    # the header's words go on overleaf, each in a cell begun before the break
    assert _words_cut_by_the_page(before, [cell("入（万元）"), cell(""), cell("算数"), cell("行数"), cell("")])
    # a row of its own overleaf: a word in a cell empty before, or figures
    assert not _words_cut_by_the_page(before, [cell(""), cell("年度资金总额"), cell(""), cell(""), cell("")])
    assert not _words_cut_by_the_page(before, [cell("合计"), cell(""), cell("36"), cell("40"), cell("90%")])
    # a header at the foot of the page and the first row of figures overleaf are two rows
    assert _words_then_figures(before, [cell(""), cell("年度资金总额"), cell("36"), cell("40"), cell("90%")])
    assert not _words_then_figures([cell("其中：当年"), cell("36")], [cell(""), cell("财政拨款")])


@needs_soffice
def test_a_page_of_a_few_words_and_no_image_is_text(tmp_path):
    # a form whose last row ran onto a page of its own: a text layer of six characters
    d = docx.Document()
    d.add_paragraph("某县2023年度项目支出绩效自评表，自评得分95.5分。")
    d.add_page_break()
    d.add_paragraph("自评等级：优")
    doc = load_document(to_pdf(tmp_path, d))
    assert doc.format == "pdf"  # no page read by OCR
    assert any(b.text.strip() == "自评等级：优" and b.page == 2 for b in doc.blocks)


def test_a_line_left_short_by_a_run_of_digits_too_long_for_it_goes_on():
    """A form run together on one line wraps early before a run of figures that breaks
    nowhere (20100%100%20 is 12 half-width characters): the next line goes on the paragraph.
    A sentence ended as short is a paragraph's end."""
    from extractor.ingest.page_layout import lay_out_pages
    from extractor.ingest.page_text import Line
    from extractor.model import Document

    def laid_out(opening: str, short_line: str = "质量指标项目（工程）验收合格率") -> list:
        doc = Document(path="x.pdf", format="pdf")
        lines = [Line("产出指标数量指标水尺安装数量10个10个10质量指标工程验收合格率达到标准要求", 57, 100, 534, 110),
                 Line(short_line, 57, 115, 498, 125),
                 Line(opening + "时效指标及时开工率10≥90%≥90%10成本指标投资 1020万元 20万元 10 效益指标", 57, 130, 530, 140),
                 Line("五、其他说明。", 57, 145, 130, 155)]
        lay_out_pages(doc, [lines], [(595, 842)], {})
        return [b.text for b in doc.blocks]

    run_on = laid_out("20100%100%20")
    assert len(run_on) == 2 and "合格率20100%100%20时效指标" in run_on[0]
    assert len(laid_out("20100%100%20", "工程已全部验收合格。")) == 3


def test_a_line_left_short_by_a_figure_and_its_unit_goes_on():
    """事业收入 | 4126.80万元，其他收入…: the figure and the unit after it did not fit the line's
    rest (Latin digits about 0.6 of a character in CJK fonts)."""
    from extractor.ingest.page_layout import lay_out_pages
    from extractor.ingest.page_text import Line
    from extractor.model import Document

    doc = Document(path="x.pdf", format="pdf")
    lines = [Line("（二）收入情况。2020年部门收入67230.60万元，其中财政拨款收入62418.37万元，事业收入", 63.8, 152.7, 496.8, 162.7),
             Line("4126.80万元，其他收入685.43万元。收入较上年的63952.16万元增加3278.44万元，增长5.13%，", 57.3, 167.4, 534.4, 177.4),
             Line("主要是新增疫情防控和校舍改造专项资金。", 57.4, 181.8, 240.3, 191.8)]
    lay_out_pages(doc, [lines], [(595, 842)], {})
    assert len(doc.blocks) == 1 and "事业收入4126.80万元" in doc.blocks[0].text


def test_a_line_opening_with_a_year_after_a_short_title_line_is_its_own():
    from extractor.ingest.page_layout import lay_out_pages
    from extractor.ingest.page_text import Line
    from extractor.model import Document

    doc = Document(path="x.pdf", format="pdf")
    lines = [Line("2021年中央对地方专项转移支付区域绩效目标自评表（市场监管某分局）", 57.5, 100, 504.0, 110),
             Line("2021年中央对地方专项转移支付区域绩效目标自评表", 57.5, 115, 420.0, 125),
             Line("根据有关文件要求，现将本单位2021年中央对地方专项转移支付资金的绩效自评情况报告如下。", 57.5, 145, 534.4, 155)]
    lay_out_pages(doc, [lines], [(595, 842)], {})
    assert [b.text[:4] for b in doc.blocks] == ["2021", "2021", "根据有关"]


@needs_soffice
def test_a_text_table_printed_with_tab_stops_is_a_table(tmp_path):
    # a tab-separated table printed from text: each tab stop is a gap PDFium spaces, so the
    # cells stay apart (一级指标 二级指标, not 一级指标二级指标), and the rows a single space
    # apart read as the table they are, a header whose tab left no gap cut after its units
    text = ("某市2021年各县区补助资金情况\n\n"
            "县区\t在校学生（人）\t公用经费（万元）\t营养改善资金（万元）\t满意度\n"
            "青山县\t52310\t3120.55\t2860.00\t94.6%\n"
            "白水县\t40215\t2890.10\t2410.50\t95.1%\n"
            "合计\t92525\t6010.65\t5270.50\t—\n\n"
            "一级指标\t二级指标\t三级指标\t分值\t得分\n")
    doc = load_document(txt_to_pdf(tmp_path, text))
    tables = [b.table for b in doc.blocks if b.table is not None]
    assert tables and [c.text for c in tables[0].rows[1]] == ["青山县", "52310", "3120.55", "2860.00", "94.6%"]
    assert any(b.text.startswith("一级指标 二级指标 三级指标") for b in doc.blocks)
