"""OCR within a budget, through the real command line: a Tesseract run past its page or
file limit is killed and its pages named as not read; --no-ocr leaves scans for a later
pass (skipped / needs_ocr) and --only-ocr reads just them.

The limits are tested with a stand-in `tesseract` first on PATH that never answers (it
sleeps), so a tiny budget is certain to be passed and the test needs no real OCR."""
import csv
import json
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import CORPUS
from test_ocr import needs_ocr, scanned_pdf


def cli(*args, env=None):
    return subprocess.run([sys.executable, "-m", "extractor.cli", *map(str, args)], capture_output=True, text=True,
                          env={**os.environ, **(env or {})})


def manifest(outdir: Path) -> dict:
    with open(outdir / "manifest.csv", encoding="utf-8-sig") as f:
        return {Path(row["path"]).name: row for row in csv.DictReader(f)}


def image_pdf(path: Path, pages: int = 1) -> Path:
    """Pages that are only an image (grey bars standing for lines of text): no text layer."""
    from PIL import Image, ImageDraw

    images = []
    for _ in range(pages):
        img = Image.new("L", (827, 1170), 255)  # A4 at 100 dpi
        draw = ImageDraw.Draw(img)
        for k in range(6):
            draw.rectangle((80, 120 + 60 * k, 700, 140 + 60 * k), fill=40)
        images.append(img)
    images[0].save(path, "PDF", resolution=100, save_all=True, append_images=images[1:])
    return path


def digital_then_scanned(path: Path, tmp: Path) -> Path:
    """A digital report (the corpus's rendered PDF) with a scanned page added at its end."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(CORPUS / "e_rendered.pdf")
    pdf.import_pages(pdfium.PdfDocument(image_pdf(tmp / "page.pdf")))
    pdf.save(str(path))
    return path


@pytest.fixture
def stuck_tesseract(tmp_path):
    """Environment with a `tesseract` that hangs (and writes its pid, to check it was killed)."""
    bin_dir, pids = tmp_path / "bin", tmp_path / "tesseract.pids"
    bin_dir.mkdir()
    fake = bin_dir / "tesseract"
    fake.write_text(f'#!/bin/sh\necho $$ >> "{pids}"\nexec sleep 120\n')
    fake.chmod(0o755)
    # pages rendered at 100 dpi: quick even on a loaded machine, so Tesseract surely starts
    yield {"PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}", "EXTRACTOR_OCR_DPI": "100"}, pids
    for pid in _pids(pids):  # never leave one behind, whatever the test found
        try:
            os.kill(pid, 9)
        except ProcessLookupError:
            pass


def _pids(path: Path) -> list:
    return [int(p) for p in path.read_text().split()] if path.exists() else []


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_a_page_past_its_limit_is_killed_and_named_the_rest_is_read(tmp_path, stuck_tesseract):
    env, pids = stuck_tesseract
    src = tmp_path / "in"
    src.mkdir()
    digital_then_scanned(src / "report.pdf", tmp_path)
    started = time.monotonic()
    r = cli("run", src, "-o", tmp_path / "out", "--ocr-page-seconds", "2.5", env=env)
    assert time.monotonic() - started < 20
    assert r.returncode == 0, r.stderr
    row = manifest(tmp_path / "out")["report.pdf"]
    assert row["status"] == "ok" and int(row["facts"]) > 0
    record = json.loads(next((tmp_path / "out" / "reports").glob("*.json")).read_text(encoding="utf-8"))
    last = record["source"]["pages"]
    assert record["source"]["pages_not_ocred"] == [
        {"page": last, "reason": "OCR of the page passed its limit of 2.5 s", "limit": "page"}]
    assert [e["code"] for e in record["errors"]] == ["pages_not_ocred"]
    assert f"pages_not_ocred: page(s) {last} not read" in row["warnings"]
    assert all(f["source"].get("page") != last for f in record["facts"])
    assert _pids(pids) and not any(_alive(p) for p in _pids(pids))  # it was started, and killed


def test_the_file_limit_stops_every_page_and_reaches_import_workers(tmp_path, stuck_tesseract):
    env, pids = stuck_tesseract
    src = tmp_path / "in"
    src.mkdir()
    image_pdf(src / "scan.pdf", pages=3)
    started = time.monotonic()
    # the limit given as an environment variable, as a scheduler would set it for workers
    r = cli("import", src, "--db", tmp_path / "store.db", "-j", "1",
            env={**env, "EXTRACTOR_OCR_FILE_SECONDS": "2", "EXTRACTOR_OCR_PAGE_SECONDS": "30"})
    assert time.monotonic() - started < 20
    assert r.returncode == 1
    with sqlite3.connect(tmp_path / "store.db") as db:
        status, code, error = db.execute("SELECT status, error_code, error FROM inputs").fetchone()
    assert (status, code) == ("failed", "ocr_timeout")
    assert "page(s) 1, 2, 3" in error and "the file's OCR limit of 2 s was used up" in error
    assert not any(_alive(p) for p in _pids(pids))


def test_no_ocr_leaves_scans_for_a_later_pass_in_run_and_import(tmp_path, stuck_tesseract):
    env, pids = stuck_tesseract
    src = tmp_path / "in"
    src.mkdir()
    image_pdf(src / "scan.pdf")
    (src / "a.txt").write_bytes((CORPUS / "a_project_utf8.txt").read_bytes())
    out = tmp_path / "out"
    r = cli("run", src, "-o", out, "--no-ocr", env=env)
    assert r.returncode == 0, r.stderr
    rows = manifest(out)
    assert (rows["scan.pdf"]["status"], rows["scan.pdf"]["error_code"]) == ("skipped", "needs_ocr")
    assert "1 of 1 pages have no text layer" in rows["scan.pdf"]["error"]
    assert rows["a.txt"]["status"] == "ok"
    assert len(list((out / "reports").glob("*.json"))) == 1  # no record: the next run reads the scan
    assert "--only-ocr" in r.stderr and not _pids(pids)  # Tesseract was never started
    # a pass without --no-ocr takes it up (here OCR gives up at its limit: it was tried)
    r = cli("run", src, "-o", out, "--ocr-file-seconds", "0.5", env=env)
    rows = manifest(out)
    assert rows["scan.pdf"]["error_code"] == "ocr_timeout" and rows["a.txt"]["status"] == "skipped"

    db = tmp_path / "store.db"
    assert cli("import", src, "--db", db, "-j", "1", "--no-ocr", env=env).returncode == 0
    with sqlite3.connect(db) as conn:
        inputs = {Path(p).name: (s, c) for p, s, c in conn.execute("SELECT path, status, error_code FROM inputs")}
    assert inputs == {"scan.pdf": ("skipped", "needs_ocr"), "a.txt": ("ok", "")}


def test_no_ocr_and_only_ocr_exclude_each_other(tmp_path):
    r = cli("run", CORPUS, "-o", tmp_path / "out", "--no-ocr", "--only-ocr")
    assert r.returncode == 2 and "--no-ocr" in r.stderr


def test_ocr_options_have_bilingual_help():
    for command in ("run", "import"):
        text = "".join(cli(command, "--help").stdout.split())  # as one line, wherever click wrapped it
        for option in ("--no-ocr", "--only-ocr", "--ocr-page-seconds", "--ocr-file-seconds"):
            assert option in text
        assert "每页OCR时限" in text and "OCRtimelimitperpage" in text


@needs_ocr
def test_only_ocr_reads_what_no_ocr_left_and_nothing_else(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    scanned_pdf(src / "scan.pdf")
    (src / "a.txt").write_bytes((CORPUS / "a_project_utf8.txt").read_bytes())
    out = tmp_path / "out"
    assert cli("run", src, "-o", out, "--no-ocr").returncode == 0
    (src / "b.txt").write_bytes((CORPUS / "g_markdown_summary.txt").read_bytes())  # new since
    r = cli("run", src, "-o", out, "--only-ocr")
    assert r.returncode == 0, r.stderr
    rows = manifest(out)
    assert (rows["scan.pdf"]["status"], rows["scan.pdf"]["format"]) == ("ok", "pdf-ocr")
    assert rows["a.txt"]["status"] == "skipped" and rows["a.txt"]["error_code"] == ""  # unchanged
    assert (rows["b.txt"]["status"], rows["b.txt"]["error_code"]) == ("skipped", "no_ocr_needed")
    assert cli("run", src, "-o", out).returncode == 0  # and a plain run picks the new text up
    assert manifest(out)["b.txt"]["status"] == "ok"
