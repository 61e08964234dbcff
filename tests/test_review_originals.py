"""The original page beside a flag (issue 16, item 3), in headless Chromium: a digital PDF's
cited page rendered by PDFium with the figures boxed where its text layer has them; a
scanned page straightened as OCR saw it, with the regions the figures were read from; pages
cached on disk by sha256, page and scale; a file moved or changed since import refused.
Screenshots under outputs/screenshots/."""
import shutil
import urllib.error
import urllib.request

import pytest

from extractor.importer import import_paths

from conftest import ROOT, SEEDS
from test_review_browser import browser, start, wait_for  # noqa: F401  (browser is a fixture)

SCANS = ROOT.parent / "shared" / "scans"
SHOTS = ROOT / "outputs" / "screenshots"
PDF = SEEDS / "000_d88b6baf9eac8299.pdf"
SCAN = SCANS / "000_d88b6baf9eac8299.scan.pdf"


def open_flag(browser, url, rule):
    browser.get(f"{url}/?rule={rule}")
    browser.find_element("css selector", "#flags tr td:nth-child(2) a").click()
    return wait_for(browser, "current-status")


def loaded_images(browser) -> list:
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(browser, 20).until(lambda d: d.execute_script(
        "return [...document.querySelectorAll('#originals img')].every(i => i.complete && i.naturalWidth > 0)"))
    return browser.find_elements("css selector", "#originals img.page-image")


def inside(box, image) -> bool:
    b, i = box.rect, image.rect
    return i["x"] <= b["x"] and b["x"] + b["width"] <= i["x"] + i["width"] + 1 \
        and i["y"] <= b["y"] and b["y"] + b["height"] <= i["y"] + i["height"] + 1


@pytest.mark.skipif(not PDF.exists(), reason=f"seed 000's PDF not found at {PDF} (../shared absent)")
def test_a_pdf_flag_beside_its_page(tmp_path, browser):
    (tmp_path / "in").mkdir()
    pdf = shutil.copy(PDF, tmp_path / "in" / "report.pdf")
    db = tmp_path / "store.db"
    import_paths([tmp_path / "in"], db, jobs=1, progress=False)
    server, url = start(db)
    try:
        browser.get(url + "/")
        SHOTS.mkdir(parents=True, exist_ok=True)
        browser.save_screenshot(str(SHOTS / "review-list.png"))
        open_flag(browser, url, "repeat.conflict")
        images = loaded_images(browser)
        pages = [p.get_attribute("id") for p in browser.find_elements("css selector", "#originals .original")]
        # 788人 in the text of page 1; the table row (1199人 / 788人) and the explanation on page 3
        # (the table starts on page 2 and runs onto page 3, where the row is)
        assert pages == ["page-1", "page-3"]
        boxes = {b.get_attribute("data-fact"): b for b in browser.find_elements("css selector", "#page-3 .box-text")}
        record_facts = {b.get_attribute("title") for b in boxes.values()}
        assert {"1199人", "788人", "411人"} <= record_facts
        for box in boxes.values():
            assert inside(box, images[1]) and box.size["width"] > 5 and box.size["height"] > 5
        # the box of 1199人 lies left of the 788人 of its row, on the same line
        one, other = (next(b for b in boxes.values() if b.get_attribute("title") == t) for t in ("1199人", "788人"))
        assert one.rect["x"] < other.rect["x"] and abs(one.rect["y"] - other.rect["y"]) < 3 * one.rect["height"]
        # the two statements side by side, in the written unit
        assert [c.text for c in browser.find_elements("css selector", ".sides td.side-value")] == ["1,199人", "788人"]
        SHOTS.mkdir(parents=True, exist_ok=True)
        browser.save_screenshot(str(SHOTS / "review-flag-pdf-page.png"))
        browser.execute_script("document.getElementById('page-3').scrollIntoView()")
        browser.save_screenshot(str(SHOTS / "review-flag-pdf-page3.png"))
        cached = sorted(p.name for p in (tmp_path / "store.db.pages").iterdir())
        sha = cached[0].split("-")[0]
        assert cached == [f"{sha}-p1-s2.png", f"{sha}-p3-s2.png"]
        png = urllib.request.urlopen(images[1].get_attribute("src")).read()
        assert png[:8] == b"\x89PNG\r\n\x1a\n" and png == (tmp_path / "store.db.pages" / cached[1]).read_bytes()

        # the file changed since import: refused, with the reason, not the old picture
        with open(pdf, "ab") as f:
            f.write(b"\n% appended\n")
        browser.refresh()
        errors = browser.find_elements("css selector", "#originals .original-error")
        assert errors and "已被改动" in errors[0].text and "sha256" in errors[0].text
        assert not browser.find_elements("css selector", "#originals img")
        with pytest.raises(urllib.error.HTTPError) as e:
            urllib.request.urlopen(f"{url}{_src(browser)}")
        assert e.value.code == 409
        # moved away: refused too
        pdf.unlink()
        browser.refresh()
        assert "不在原处" in browser.find_element("css selector", "#originals .original-error").text
    finally:
        server.shutdown()
        server.server_close()


def _src(browser) -> str:
    """The path of page 3's image of the flag shown."""
    rid = browser.current_url.split("/flag/")[1].split("/")[0]
    return f"/report/{rid}/page/3.png"


@pytest.mark.skipif(not SCAN.exists(), reason=f"scan of seed 000 not found at {SCAN} (../shared absent)")
def test_a_scan_flag_beside_the_region_read(tmp_path, browser):
    """One page of a scanned report (its 资金安排 table, OCR'd in a few seconds): the flag's
    figures boxed on the straightened page where OCR read them, and each region enlarged."""
    import pypdfium2 as pdfium

    (tmp_path / "in").mkdir()
    scan = pdfium.PdfDocument(str(SCAN))
    page = pdfium.PdfDocument.new()
    page.import_pages(scan, [4])
    page.save(str(tmp_path / "in" / "scan-page5.pdf"))
    db = tmp_path / "store.db"
    import_paths([tmp_path / "in"], db, jobs=1, progress=False)
    server, url = start(db)
    try:
        open_flag(browser, url, "sum.table")
        image = loaded_images(browser)[0]
        assert "扫描页" in browser.find_element("css selector", "#page-1 .where").text
        boxes = browser.find_elements("css selector", "#page-1 .box-ocr")
        assert len(boxes) >= 2 and all(inside(b, image) for b in boxes)
        assert not browser.find_elements("css selector", "#page-1 .box-text")  # a scan has no text layer
        regions = browser.find_elements("css selector", "#page-1 figure.region")
        assert len(regions) == len(boxes)
        captions = [r.find_element("tag name", "figcaption").text for r in regions]
        assert all(c.startswith("读作「") and "置信度" in c for c in captions)
        crop = regions[0].find_element("css selector", ".crop")
        assert 20 < crop.size["width"] < 400 and 10 < crop.size["height"] < 200  # a region, not the page
        # the boxed figures are the table's column of 资金安排 on the right half of the page
        assert all(b.rect["x"] > image.rect["x"] + image.rect["width"] / 2 for b in boxes)
        SHOTS.mkdir(parents=True, exist_ok=True)
        browser.save_screenshot(str(SHOTS / "review-flag-scan-region.png"))
    finally:
        server.shutdown()
        server.server_close()
