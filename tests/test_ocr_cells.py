"""Tables on scanned pages: rules found in noisy pixels, each cell read on its own, and
the slips OCR makes in cells (brackets, rule ends) mended."""
import random
import shutil
from pathlib import Path

import numpy as np
import pytest

from extractor.ingest.ocr import _dash, _erase_rule_ends, _otsu, _runs, mend_brackets
from extractor.ingest.pdf import Line
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


def test_a_narrow_lone_yi_is_a_dash():
    assert _dash(Line("一", 100, 10, 103.5, 12)).text == "-"  # 3.5 pt: a hyphen
    assert _dash(Line("一", 100, 10, 109, 12)).text == "一"  # 9 pt: the numeral
    assert _dash(Line("1", 100, 10, 103, 20)).text == "1"


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
