"""Tables on scanned pages: rules found in noisy pixels, each cell read on its own, and
the slips OCR makes in cells (brackets, rule ends) mended."""
import random
import shutil
from pathlib import Path

import numpy as np
import pytest

from extractor.ingest.ocr import _dash
from extractor.ingest.ocr_mend import mend_brackets, mend_figure_tails, mend_numbers, mend_row_labels, mend_units
from extractor.ingest.page_text import Line
from extractor.ingest.ruled_tables import spec_rows
from extractor.ingest.scan_pixels import _erase_rule_ends, _otsu, _runs
from extractor.ingest.tables import build_table, row_kinds
from extractor.pipeline import extract_file

FONT = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
needs_ocr = pytest.mark.skipif(not shutil.which("tesseract") or not FONT.exists(),
                               reason="needs tesseract-ocr, tesseract-ocr-chi-sim and fonts-noto-cjk")


@pytest.mark.parametrize("read, meant", [
    ("市级补助资金〈万元)", "市级补助资金(万元)"),
    ("兜底人数《人)", "兜底人数(人)"),
    ("县级资金安排合计(万元", "县级资金安排合计(万元)"),
    ("《某省扶贫措施》", "《某省扶贫措施》"),  # a real title in 《》 is left alone
    ("得分(1分)", "得分(1分)"),
    ("资金(万元)合计", "资金(万元)合计"),
])
def test_mend_brackets(read, meant):
    assert mend_brackets(read) == meant


@pytest.mark.parametrize("read, meant", [
    ("共使用资金5.511,600.00元", "共使用资金5,511,600.00元"),
    ("资金3,.523,980.00元；", "资金3,523,980.00元；"),
    ("其中1987,620.00元", "其中1,987,620.00元"),
    ("合计12,345.6万元", "合计12,345.6万元"),  # already right
    ("系数5.511，增长2.500", "系数5.511，增长2.500"),  # decimals, not grouped money
    ("编号20180,123.00", "编号20180,123.00"),  # five digits before a separator: not a grouping
    ("到位率100%6。", "到位率100%。"),
    ("完成质量100%6", "完成质量100%"),
    ("占比5%，6个乡镇", "占比5%，6个乡镇"),
])
def test_mend_numbers(read, meant):
    assert mend_numbers(read) == meant


@pytest.mark.parametrize("read, meant", [
    ("基金支付3850万无5生育", "基金支付3850万元5生育"),
    ("基金支付3850万\n无，生育", "基金支付3850万\n元，生育"),
    ("支出12.5 亿 无，", "支出12.5 亿 元，"),
    ("3项无异常，5人无法", "3项无异常，5人无法"),  # 无 as a word after other units stays
    ("增加2万无需审批", "增加2万无需审批"),  # 无 opening a word after 万
])
def test_mend_units(read, meant):
    assert mend_units(read) == meant


def test_a_narrow_lone_yi_is_a_dash():
    assert _dash(Line("一", 100, 10, 103.5, 12)).text == "-"  # 3.5 pt: a hyphen
    assert _dash(Line("一", 100, 10, 109, 12)).text == "一"  # 9 pt: the numeral
    assert _dash(Line("1", 100, 10, 103, 20)).text == "1"


def _scanned(spec):
    """A table built as the OCR path builds one: every read cell has a confidence."""
    return build_table([[(t, rs, 1, {"confidence": 80.0}) if t else (t, rs, 1) for t, rs in row] for row in spec])


def test_row_labels_read_as_strokes_or_lost_are_mended_from_the_column():
    table = _scanned([
        [("序号", 1), ("项目", 1), ("人数（人）", 1)],
        [("一…", 1), ("城镇居民", 1), ("30", 1)],
        [("1", 1), ("甲镇", 1), ("10", 1)],
        [("2", 1), ("乙镇", 1), ("20", 1)],
        [("一一", 2), ("农村居民", 1), ("5", 1)],  # 二, spanning two rows
        [("", 1), ("5", 1)],
        [("", 1), ("困难群众", 1), ("9", 1)],  # 三, its label not read at all
        [("1", 1), ("丙村", 1), ("9", 1)],
    ])
    mend_row_labels(table)
    assert [table.rows[r][0].text for r in range(1, 8)] == ["一", "1", "2", "二", "二", "三", "1"]
    assert [(c.raw, c.mended) for c in (table.rows[1][0], table.rows[4][0], table.rows[6][0])] == \
        [("一…", "strokes"), ("一一", "strokes"), ("", "sequence")]
    assert [row_kinds(table)[r] for r in range(1, 8)] == ["group", "item", "item", "group", "item", "group", "item"]
    from types import SimpleNamespace

    from extractor.record import table_dict
    listed = table_dict(SimpleNamespace(table=table, index=3, page=2))["mended"]
    assert [(m["row"], m["read"], m["text"], m["why"]) for m in listed] == \
        [(1, "一…", "一", "strokes"), (4, "一一", "二", "strokes"), (6, "", "三", "sequence")]


def test_row_labels_of_digital_tables_and_other_columns_are_left_alone():
    digital = build_table([["序号", "项目"], ["一一", "甲"], ["", "乙"], ["1", "丙"]])
    no_number_column = _scanned([[("项目", 1), ("说明", 1)], [("一一", 1), ("甲", 1)]])
    for table in (digital, no_number_column):
        mend_row_labels(table)
    assert digital.rows[1][0].text == "一一" and no_number_column.rows[1][0].text == "一一"
    first_group_lost = _scanned([[("序号", 1), ("项目", 1)], [("", 1), ("甲", 1)], [("1", 1), ("乙", 1)]])
    mend_row_labels(first_group_lost)  # no group before it: nothing to count on from
    assert first_group_lost.rows[1][0].text == ""


def test_rule_marks_read_after_figures_are_dropped_in_columns_of_figures():
    table = _scanned([
        [("区市", 1), ("资金（万元）", 1), ("排名", 1), ("说明", 1)],
        [("甲区", 1), ("38", 1), ("1一", 1), ("按人数和", 1)],
        [("乙区", 1), ("59和", 1), ("2 -一", 1), ("补助", 1)],
        [("合计", 1), ("400和", 1), ("3一一", 1), ("3一", 1)],
    ])
    mend_figure_tails(table)
    assert [[table.rows[r][c].text for c in range(4)] for r in range(1, 4)] == [
        ["甲区", "38", "1", "按人数和"], ["乙区", "59", "2", "补助"], ["合计", "400", "3", "3一"]]
    assert (table.rows[2][1].raw, table.rows[2][1].mended) == ("59和", "figure tail")
    assert table.rows[1][1].mended is None  # read right: untouched


def test_figure_tails_of_digital_tables_are_left_alone():
    digital = build_table([["项目", "数"], ["甲", "59和"], ["乙", "38"], ["丙", "40"]])
    mend_figure_tails(digital)
    assert digital.rows[1][1].text == "59和"


def test_a_continued_table_a_few_points_off_keeps_its_columns():
    first_part_xs = [90.0, 124.0, 215.0, 368.0, 442.0, 504.0]
    overleaf = [((88.4, 72.1, 122.2, 209.6), "二"), ((122.2, 72.1, 213.0, 209.6), "乙"),
                ((213.0, 72.1, 366.0, 117.4), "目标"), ((366.0, 72.1, 439.9, 117.4), "已完成"),
                ((439.9, 72.1, 502.2, 117.4), "100%"), ((122.2, 209.6, 366.0, 250.0), "合并的两列")]
    spec = spec_rows(overleaf, first_part_xs)
    # each cell in the column its edges are nearest to: not two columns for a boundary
    # 2 pt inside it
    assert spec == [[("二", 1, 1), ("乙", 1, 1), ("目标", 1, 1), ("已完成", 1, 1), ("100%", 1, 1)],
                    [("", 1, 1), ("合并的两列", 1, 2), ("", 1, 1), ("", 1, 1)]]


def test_a_broken_drifting_rule_is_one_segment():
    dark = np.zeros((60, 900), dtype=bool)
    dark[30, 0:450] = True
    dark[31, 450:900] = True  # the rule drifts a pixel down halfway (residual tilt)
    for gap in (100, 101, 102, 300, 301, 302, 303, 600, 601):
        dark[30:32, gap] = False  # noise breaks it
    scale = 300 / 72  # pixels per point: gaps up to 2 pt (8 px) are bridged
    segments = _runs(dark, 150, scale)
    assert len(segments) == 1
    y, x0, x1 = (v * scale for v in segments[0])
    assert 29 <= y <= 32 and x0 == 0 and x1 == 900


def test_text_like_rows_are_not_rules():
    rng = random.Random(1)
    dark = np.zeros((40, 900), dtype=bool)
    for x in range(0, 900, 40):  # glyphs: strokes with gaps between characters
        w = rng.randint(20, 30)
        dark[10:30, x:x + w:3] = True
        dark[18, x:x + w] = True
    assert _runs(dark, 150, 300 / 72) == []


def test_otsu_splits_ink_from_paper():
    pixels = np.full((20, 20), 240, dtype=np.uint8)
    pixels[5:15, 5:8] = 40
    assert 40 < _otsu(pixels) <= 240
    assert ((pixels < _otsu(pixels)) == (pixels == 40)).all()


def test_rule_ends_near_the_edge_are_cleared_text_is_kept():
    ink = np.zeros((50, 400), dtype=bool)
    ink[48, 300:400] = True  # a rule entering the cell at its corner
    ink[20:30, 20:60] = True  # a glyph
    _erase_rule_ends(ink, 7)
    assert not ink[48].any()
    assert ink[20:30, 20:60].all()


def scanned_table_pdf(path: Path) -> Path:
    """One A4 page at 200 dpi, greyed and noised: a caption and a ruled table whose
    header carries the unit in full-width brackets."""
    from PIL import Image, ImageDraw, ImageFilter, ImageFont

    img = Image.new("L", (1654, 2339), 255)
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(str(FONT), 34)
    draw.text((150, 150), "表1 各乡镇资金分配表", font=font, fill=0)
    xs, ys = [150, 500, 900, 1300], [230, 320, 400, 480, 560]
    rows = [["乡镇", "补助资金（万元）", "评价等级"], ["甲镇", "600", "优"], ["乙镇", "92.5", "良"], ["合计", "692.5", ""]]
    for y in ys:
        draw.line([(xs[0], y), (xs[-1], y)], fill=0, width=3)
    for x in xs:
        draw.line([(x, ys[0]), (x, ys[-1])], fill=0, width=3)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            draw.text((xs[c] + 20, ys[r] + 22), text, font=font, fill=0)
    img = img.filter(ImageFilter.GaussianBlur(1))
    noise = np.random.default_rng(0).normal(0, 12, (img.height, img.width))
    pixels = np.clip(np.asarray(img, dtype=float) * 0.93 + noise, 0, 255).astype(np.uint8)
    Image.fromarray(pixels).save(path, "PDF", resolution=200)
    return path


@needs_ocr
def test_table_cells_of_a_scan_are_read_one_by_one(tmp_path):
    rec = extract_file(scanned_table_pdf(tmp_path / "table.pdf"))
    assert rec["source"]["format"] == "pdf-ocr"
    table = rec["tables"][0]
    cells = [c for row in table["header"] + table["rows"] for c in row]
    assert "甲镇" in cells and "优" in cells and "92.5" in cells
    assert any("万元" in c and c.endswith(")") or c.endswith("）") for c in cells)  # the unit kept
    amounts = sorted(f["value"] for f in rec["facts"] if f["kind"] == "amount")
    assert amounts == [925000, 6000000, 6925000]
    # every figure read off the scan, table cells included, says where it is and how sure OCR was
    for f in rec["facts"]:
        src = f["source"]
        assert src["page"] == 1 and len(src["box"]) == 4 and 0 < src["ocr_confidence"] <= 100, f
        assert src["low_confidence"] == (src["ocr_confidence"] < 60)
    cell_facts = [f for f in rec["facts"] if f["source"]["table"] is not None]
    assert cell_facts and all(f["source"]["box"][0] < f["source"]["box"][2] for f in cell_facts)
