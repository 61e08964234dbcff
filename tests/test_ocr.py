"""Scanned PDFs: pages without a text layer are OCRed with Tesseract into the same blocks as
a digital PDF, and facts from them carry the OCR confidence."""
import shutil
from pathlib import Path

import pytest

from extractor.errors import IngestError
from extractor.ingest import load_document
from extractor.pipeline import extract_file

FONT = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
needs_ocr = pytest.mark.skipif(not shutil.which("tesseract") or not FONT.exists(),
                               reason="needs tesseract-ocr, tesseract-ocr-chi-sim and fonts-noto-cjk")
LINES = ["某县医疗保障局2020年度项目绩效评价报告", "一、项目基本情况", "2020年项目实际到位资金150万元，实际支出120万元。",
         "经评价，项目得分为88分，评价等级为良。"]


def scanned_pdf(path: Path) -> Path:
    from PIL import Image, ImageDraw, ImageFont

    img = Image.new("L", (1654, 2339), 255)  # A4 at 200 dpi, like an archive scan
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(str(FONT), 40)
    for i, line in enumerate(LINES):
        draw.text((150, 200 + i * 90), line, font=font, fill=0)
    img.save(path, "PDF", resolution=200)
    return path


@needs_ocr
def test_scanned_page_is_ocred(tmp_path):
    rec = extract_file(scanned_pdf(tmp_path / "scan.pdf"))
    assert rec["source"]["format"] == "pdf-ocr"
    assert (rec["metadata"]["score"], rec["metadata"]["grade"], rec["metadata"]["year"]) == (88, "良", 2020)
    amounts = {f["value"] for f in rec["facts"] if f["kind"] == "amount"}
    assert {1500000, 1200000} <= amounts
    fact = next(f for f in rec["facts"] if f["kind"] == "amount")
    assert fact["source"]["page"] == 1 and 0 < fact["source"]["ocr_confidence"] <= 100 and fact["source"]["box"]


def test_scan_without_tesseract_is_a_specific_error(tmp_path, monkeypatch):
    pytest.importorskip("PIL")
    from PIL import Image

    f = tmp_path / "blank.pdf"
    Image.new("L", (200, 200), 255).save(f, "PDF")
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(IngestError) as e:
        load_document(f)
    assert e.value.code == "ocr_unavailable"
