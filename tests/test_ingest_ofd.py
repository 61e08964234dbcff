"""OFD (GB/T 33190): packages written here by tests/ofd_writer.py (a two-page evaluation
report with a ruled score table, text invented) give the expected blocks, table cells and
facts with their pages, however the producer writes its text objects; templates, glyph
placement and scans; every kind of damage is `corrupt_ofd` (a DTD refused, a bomb
`too_large`), a damaged page skipped and named. The seeds' PDFs rewritten as OFD read like
the PDFs (LibreOffice has no OFD export, so the seeds' .docx cannot be converted here)."""
from __future__ import annotations

import csv
import io
import random
import re
import subprocess
import sys
import zipfile
from collections import Counter
from decimal import Decimal

import pytest

from extractor.errors import IngestError
from extractor.ingest import SUPPORTED_SUFFIXES, load_document, sniff_format
from extractor.ingest.ofd import read_ofd
from extractor.model import HEADING, PARAGRAPH, TABLE
from extractor.pipeline import extract_file

from conftest import SEEDS, SEED_STEMS
from mutants import mutant
from ofd_writer import BASICS, CONCLUSION, PROBLEMS, SCORES, TARGETS, TITLE, OfdPage, ofd_package, pdf_to_ofd, \
    report_pages

BLOCKS = [(1, PARAGRAPH, TITLE), (1, HEADING, "一、项目基本情况"), (1, PARAGRAPH, BASICS),
          (1, HEADING, "二、绩效目标完成情况"), (1, PARAGRAPH, TARGETS),
          (2, HEADING, "三、评价结论"), (2, PARAGRAPH, CONCLUSION), (2, PARAGRAPH, "表1绩效评价指标得分表"),  # the space beside Chinese is layout, as in a PDF
          (2, TABLE, "\n".join("\t".join(row) for row in SCORES)),
          (2, HEADING, "四、存在的问题"), (2, PARAGRAPH, PROBLEMS)]

# (kind, value, unit, page, table row or -1): what the report says, read by hand
FACTS = sorted([
    ("amount", "12800000.00", "元", 1, -1), ("amount", "8000000.00", "元", 1, -1),
    ("amount", "4800000.00", "元", 1, -1), ("amount", "12160000.00", "元", 1, -1),
    ("percent", "95.00", "%", 1, -1), ("headcount", "21600", "人", 1, -1), ("count", "9", "个", 1, -1),
    ("count", "12", "座", 1, -1), ("count", "12", "座", 1, -1), ("count", "12", "座", 1, -1),
    ("percent", "100", "%", 1, -1), ("percent", "97", "%", 1, -1), ("person_times", "1350", "人次", 1, -1),
    ("amount", "864000.00", "元", 1, -1), ("score", "91.5", "分", 2, -1), ("count", "3", "个", 2, -1),
] + [(kind, value.rstrip("%"), unit, 2, r) for r, row in enumerate(SCORES[1:], 1)
     for kind, value, unit in (("score", row[1], "分"), ("score", row[2], "分"), ("percent", row[3], "%"))])


def _write(tmp_path, data: bytes, name: str = "r.ofd"):
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("variant", [{}, {"in_points": True, "one_path": True}], ids=["mm", "ctm-one-path"])
def test_two_page_report_blocks_table_and_facts(tmp_path, variant):
    path = _write(tmp_path, ofd_package(report_pages(**variant), title=TITLE))
    doc = load_document(path)
    assert doc.format == "ofd" and doc.pages == 2 and not doc.warnings
    assert [(b.page, b.kind, b.text) for b in doc.blocks] == BLOCKS  # the page numbers (- 1 -) dropped
    table = doc.tables[0].table
    assert table.caption == "表1绩效评价指标得分表" and table.header_rows == 1
    assert [[c.text for c in row] for row in table.rows] == SCORES
    # boxes in points: the table's left rule is 40 mm from the page's edge
    assert doc.tables[0].bbox[0] == pytest.approx(40 * 72 / 25.4, abs=0.2)
    record = extract_file(path)
    assert record["source"]["format"] == "ofd" and record["source"]["pages"] == 2
    got = sorted((f["kind"], str(f["value"]), f["unit"], f["source"]["page"],
                  -1 if f["source"].get("row") is None else f["source"]["row"])
                 for f in record["facts"])
    assert got == FACTS
    meta = record["metadata"]
    assert (meta["county"], meta["year"], meta["score"], meta["grade"]) == ("洱源县", 2023, Decimal("91.5"), "优")


def test_glyphs_go_to_their_cells_and_templates_are_read(tmp_path):
    """A row written as one text code whose DeltaX jumps from cell to cell is cut into its
    cells; a template's header repeated on every page is dropped like a PDF's, and its
    frame is no table."""
    template = OfdPage()
    template.text(25, 12, "洱源县水务局绩效评价材料", 3.2)
    template.path(20, 20, [((20, 20), (190, 20)), ((190, 20), (190, 277)), ((190, 277), (20, 277)),
                           ((20, 277), (20, 20))])
    pages = []
    for n in range(3):
        page = OfdPage()
        page.paragraph(f"第{n + 1}部分：本年度共开展入户走访{120 + n}户，发放问卷{300 + n}份。", 40)
        pages.append(page)
    grid = pages[2]
    for y in (60, 70, 80):
        grid.rule(30, y, 150, y)
    for x in (30, 90, 150):
        grid.rule(x, 60, x, 80)
    # 项目 at 32 mm, 金额（万元）at 92 mm: one text code, the gap is a DeltaX step
    header = "项目金额（万元）"
    steps = [3.2, 60 - 3.2] + [3.2] * 6  # 项→目, 目→金 (the next cell), …, and the last glyph
    grid.text(32, 62, header, 3.2, advances=steps, abbreviate=False)
    grid.text(32, 72, "水厂改造", 3.2)
    grid.text(92, 72, "356.80", 3.2)
    doc = load_document(_write(tmp_path, ofd_package(pages, template=template)))
    assert not any("绩效评价材料" in b.text for b in doc.blocks)
    assert [b.kind for b in doc.blocks] == [PARAGRAPH, PARAGRAPH, PARAGRAPH, TABLE]
    assert [[c.text for c in row] for row in doc.tables[0].table.rows] == [["项目", "金额（万元）"], ["水厂改造", "356.80"]]
    assert doc.tables[0].page == 3


def test_scanned_ofd_has_no_text_layer(tmp_path):
    page = ('<?xml version="1.0"?><ofd:Page xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Content><ofd:Layer ID="9">'
            '<ofd:ImageObject ID="10" CTM="210 0 0 297 0 0" Boundary="0 0 210 297" ResourceID="3"/>'
            '</ofd:Layer></ofd:Content></ofd:Page>')
    data = ofd_package([OfdPage()], replace={"Doc_0/Pages/Page_0/Content.xml": page})
    with pytest.raises(IngestError) as e:
        load_document(_write(tmp_path, data))
    assert e.value.code == "no_text_layer" and "OCR" in str(e.value)


def _damaged():
    good = ofd_package(report_pages())
    return {
        "truncated": good[: len(good) // 2],
        "not a zip": b"PK\x03\x04 not really a zip file at all",
        "no OFD.xml": ofd_package(report_pages(), drop=("OFD.xml",)),
        "no Document.xml": ofd_package(report_pages(), drop=("Doc_0/Document.xml",)),
        "malformed Document.xml": ofd_package(report_pages(), replace={"Doc_0/Document.xml": "<ofd:Document xmlns:o"}),
        "malformed OFD.xml": ofd_package(report_pages(), replace={"OFD.xml": "<ofd:OFD><ofd:DocBody>"}),
        "no DocRoot": ofd_package(report_pages(), replace={"OFD.xml": "<OFD><DocBody/></OFD>"}),
        "no pages listed": ofd_package(report_pages(), replace={"Doc_0/Document.xml": "<Document><Pages/></Document>"}),
        "every page damaged": ofd_package(report_pages(), drop=("Doc_0/Pages/Page_0/Content.xml",),
                                          replace={"Doc_0/Pages/Page_1/Content.xml": "<ofd:Page"}),
        "DTD bomb": ofd_package(report_pages(), replace={"Doc_0/Document.xml": (
            '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
            '<Document><Pages><Page BaseLoc="&lol2;"/></Pages></Document>')}),
    }


@pytest.mark.parametrize("name", list(_damaged()))
def test_damaged_ofd_is_corrupt_ofd(tmp_path, name):
    with pytest.raises(IngestError) as e:
        load_document(_write(tmp_path, _damaged()[name]))
    assert e.value.code == "corrupt_ofd", str(e.value)
    if name == "DTD bomb":
        assert "DTD" in str(e.value)


def test_not_a_zip_and_a_zip_bomb(tmp_path):
    with pytest.raises(IngestError) as e:
        load_document(_write(tmp_path, "一份文本".encode()))
    assert e.value.code == "corrupt_ofd"
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("OFD.xml", b"<OFD/>")
        z.writestr("Doc_0/Res/big.bin", b"\0" * (70 * 1024 * 1024))
    with pytest.raises(IngestError) as e:
        load_document(_write(tmp_path, bomb.getvalue()))
    assert e.value.code == "too_large"


def test_a_damaged_page_is_skipped_and_named(tmp_path):
    data = ofd_package(report_pages(), replace={"Doc_0/Pages/Page_0/Content.xml": "<ofd:Page><ofd:Content>"})
    doc = load_document(_write(tmp_path, data))
    assert doc.pages_failed == [1] and [w["code"] for w in doc.warnings] == ["pages_failed"]
    assert {b.page for b in doc.blocks} == {2} and doc.tables[0].table.rows[5][2].text == "91.5"


def test_sniffed_by_suffix_and_zip_magic(tmp_path):
    assert ".ofd" in SUPPORTED_SUFFIXES
    assert sniff_format(tmp_path / "a.OFD", b"PK\x03\x04") == "ofd"
    with pytest.raises(IngestError) as e:
        sniff_format(tmp_path / "a.ofd", b"%PDF-1.7")
    assert e.value.code == "corrupt_ofd"


def test_cli_run_reads_ofd_and_names_the_damaged_one(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    _write(src, ofd_package(report_pages(), title=TITLE), "report.ofd")
    _write(src, _damaged()["no Document.xml"], "broken.ofd")
    out = tmp_path / "out"
    r = subprocess.run([sys.executable, "-m", "extractor.cli", "run", str(src), "-o", str(out)],
                       capture_output=True, text=True)
    assert r.returncode in (0, 1), r.stderr
    with open(out / "manifest.csv", encoding="utf-8-sig") as f:
        rows = {row["path"].rsplit("/", 1)[-1]: row for row in csv.DictReader(f)}
    assert rows["report.ofd"]["status"] == "ok"
    assert (rows["broken.ofd"]["status"], rows["broken.ofd"]["error_code"]) == ("failed", "corrupt_ofd")


@pytest.mark.parametrize("stem", SEED_STEMS)
def test_seed_pdf_as_ofd_reads_like_the_pdf(tmp_path, stem):
    """Each seed's PDF page content (text runs with their glyph steps, the table rules)
    written as OFD: the same facts, metadata, tables and flags as the PDF itself."""
    pdf = SEEDS / f"{stem}.pdf"
    ofd = _write(tmp_path, pdf_to_ofd(pdf.read_bytes()), f"{stem}.ofd")
    a, b = extract_file(ofd), extract_file(pdf)
    assert a["source"]["format"] == "ofd"
    assert Counter((f["kind"], f["value"], f["unit"], f["source"]["page"]) for f in a["facts"]) == \
           Counter((f["kind"], f["value"], f["unit"], f["source"]["page"]) for f in b["facts"])
    assert a["metadata"] == b["metadata"]
    # (captions without spaces: the PDF draws its spaces and keeps them, the OFD written from
    # it has glyph positions only)
    assert [(t["header_rows"], len(t["rows"]), "".join((t["caption"] or "").split())) for t in a["tables"]] == \
           [(t["header_rows"], len(t["rows"]), "".join((t["caption"] or "").split())) for t in b["tables"]]
    assert sorted(f["rule"] for f in a["flags"]) == sorted(f["rule"] for f in b["flags"])


_WILD_NUMBERS = ["nan", "-1e308", "1e308", "0", "-5", "g 99999999 3", "g", "1 2", "", "x"]


def _mangle_numbers(data: bytes, rng) -> bytes:
    """A package whose numbers (Boundary, CTM, Size, X, Y, DeltaX, path data) are wild:
    what a broken producer writes into well-formed XML."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            body = src.read(info).decode("utf-8")
            body = re.sub(r'(Boundary|CTM|Size|X|Y|DeltaX|DeltaY)="[^"]*"',
                          lambda m: f'{m.group(1)}="{rng.choice(_WILD_NUMBERS)}"' if rng.random() < 0.3 else m.group(0),
                          body)
            body = re.sub(r"<ofd:AbbreviatedData>[^<]*", lambda m: m.group(0) if rng.random() < 0.5 else
                          f"<ofd:AbbreviatedData>{rng.choice(['M 0 0 L', 'Q 1 2 3 4 L 5 5', 'C', 'M 1e308 0 L -1e308 0'])}",
                          body)
            dst.writestr(info.filename, body)
    return out.getvalue()


def test_mutated_packages_end_read_or_with_a_code_of_ours():
    """Damaged bytes, members and numbers: every mutant is read or refused with one of
    the project's codes, never an exception of another kind."""
    good = ofd_package(report_pages(), title=TITLE)
    codes = Counter()
    for seed in range(120):
        if seed % 2:
            name, data = "numbers", _mangle_numbers(good, random.Random(seed))
        else:
            name, data = mutant(good, seed)
        try:
            read_ofd("m.ofd", data)
            codes["ok"] += 1
        except IngestError as e:
            assert e.code in {"corrupt_ofd", "too_large", "no_text_layer"}, (seed, name, e)
            codes[e.code] += 1
    assert codes["ok"] and codes["corrupt_ofd"], codes
