"""Zip packages read defensively (extractor/ingest/zipsafe.py): inflate bombs refused as
`too_large` with their sizes, hostile or malformed XML and every kind of damaged container
as `corrupt_docx` / `corrupt_xlsx` with the library's reason — quickly, in bounded memory,
through `extractor run` and `extractor import`, never as internal_error."""
import csv
import io
import sqlite3
import subprocess
import sys
import time
import tracemalloc
import zipfile
from pathlib import Path

import pytest

from extractor.errors import IngestError
from extractor.ingest import load_document, zipsafe
from extractor.ingest.docx import read_docx
from hostile_packages import EXTERNAL_ENTITY, MiB, docx_bytes, hostile_cases, with_damaged_stream, with_method

MEMORY_LIMIT_MB = 500
# Runs a command and prints the peak RSS of its whole process tree (the largest process
# in it, in KB): RUSAGE_CHILDREN of a fresh process covers only that command's processes.
PEAK_RSS = ("import resource, subprocess, sys; r = subprocess.run(sys.argv[1:]); "
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); sys.exit(r.returncode)")


@pytest.fixture(scope="module")
def cases():
    return hostile_cases()


@pytest.fixture(scope="module")
def hostile_dir(tmp_path_factory, cases):
    folder = tmp_path_factory.mktemp("hostile")
    for name, (data, _, _) in cases.items():
        (folder / name).write_bytes(data)
    return folder


def test_bombs_are_small_on_disk(cases):
    for name, (data, _, _) in cases.items():
        assert len(data) < MiB, name


CASE_NAMES = ["inflate_bomb.docx", "paragraph_bomb.docx", "declared_4gb.docx", "billion_laughs.docx",
              "external_entity.docx", "malformed_xml.docx", "missing_part.docx", "bad_offset.docx", "truncated.docx",
              "deflate64.docx", "zip_version_10.docx", "damaged_stream.docx", "wrong_namespace.docx", "no_body.docx",
              "inflate_bomb.xlsx",
              "billion_laughs.xlsx", "malformed_xml.xlsx", "truncated.xlsx"]


def test_every_case_is_named(cases):
    assert sorted(cases) == sorted(CASE_NAMES)


@pytest.mark.parametrize("name", CASE_NAMES)
def test_each_damage_has_its_code_and_reason(cases, name):
    data, code, reason = cases[name]
    started = time.perf_counter()
    with pytest.raises(IngestError) as e:
        load_document(Path(name), data)
    assert e.value.code == code and reason in str(e.value), str(e.value)
    assert time.perf_counter() - started < 2


def test_sizes_are_counted_while_inflating_too(monkeypatch, cases):
    """A directory that under-declares is caught by the count of what actually inflates:
    the member is stopped at the cap, with no more than the cap in memory."""
    monkeypatch.setattr(zipsafe, "check_declared_sizes", lambda infos, kind: None)
    bomb = cases["inflate_bomb.docx"][0]
    started = time.perf_counter()
    tracemalloc.start()
    try:
        with pytest.raises(IngestError) as e:
            read_docx("bomb.docx", bomb)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    seconds = time.perf_counter() - started
    print(f"stopped inflating after {seconds:.2f}s, {peak / MiB:.0f} MB traced at the peak: {e.value}")
    assert e.value.code == "too_large" and "inflates past" in str(e.value), str(e.value)
    assert seconds < 5
    assert peak < zipsafe.MAX_MEMBER_BYTES + 32 * MiB


def test_a_clean_package_reads_as_before():
    doc = read_docx("r.docx", docx_bytes())
    assert [b.text for b in doc.blocks][1].startswith("2019年项目预算资金120万元")


def test_the_libraries_parsers_expand_no_entities():
    """What zipsafe relies on besides its own DTD check: python-docx's and openpyxl's
    lxml parsers neither expand entities nor read external ones."""
    from docx.oxml.parser import oxml_parser
    from lxml import etree
    from openpyxl.xml.functions import fromstring

    for parse in (lambda xml: etree.fromstring(xml, oxml_parser), fromstring):
        try:
            root = parse(EXTERNAL_ENTITY)
        except etree.XMLSyntaxError:
            continue  # refused outright is fine too
        assert "root:" not in etree.tostring(root, encoding="unicode")
    # huge-tree limits on: a text node past 10 MB is refused, not built
    for parse in (lambda xml: etree.fromstring(xml, oxml_parser), fromstring):
        with pytest.raises(etree.XMLSyntaxError):
            parse(b"<a>" + b"x" * (10 * MiB + 1) + b"</a>")


def test_duplicate_member_names_keep_the_entry_a_reader_opens():
    data = docx_bytes()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            dst.writestr(info.filename, src.read(info))
        with pytest.warns(UserWarning):  # zipfile warns about the second entry of a name
            dst.writestr("word/document.xml", src.read("word/document.xml").replace("120万元".encode(), "130万元".encode()))
    doc = read_docx("dup.docx", out.getvalue())
    assert "130万元" in doc.blocks[1].text


def _peak_rss_mb(args: list, cwd=None) -> tuple[subprocess.CompletedProcess, float, float]:
    started = time.perf_counter()
    r = subprocess.run([sys.executable, "-c", PEAK_RSS, sys.executable, "-m", "extractor.cli", *map(str, args)],
                       capture_output=True, text=True, cwd=cwd)
    seconds = time.perf_counter() - started
    return r, int(r.stdout.strip().splitlines()[-1]) / 1024, seconds


def test_hostile_files_through_run(tmp_path, hostile_dir, cases):
    out = tmp_path / "out"
    r, peak_mb, seconds = _peak_rss_mb(["run", hostile_dir, "-o", out])
    assert r.returncode == 1, r.stderr
    with open(out / "manifest.csv", encoding="utf-8-sig") as f:
        rows = {Path(row["path"]).name: row for row in csv.DictReader(f)}
    assert set(rows) == set(cases)
    for name, (_, code, reason) in cases.items():
        row = rows[name]
        assert (row["status"], row["error_code"]) == ("failed", code), (name, row)
        assert reason in row["error"], (name, row["error"])
        assert float(row["seconds"]) < 2, (name, row["seconds"])
    print(f"run: {len(cases)} hostile files in {seconds:.1f}s, peak RSS {peak_mb:.0f} MB")
    assert peak_mb < MEMORY_LIMIT_MB
    assert seconds < 30


def test_hostile_files_through_import(tmp_path, hostile_dir, cases):
    # and copies inside a .zip archive, which import unpacks first (a comment added to
    # each copy, or import would call it a duplicate of the first)
    archive = tmp_path / "archive.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for name in ("billion_laughs.docx", "paragraph_bomb.docx"):
            copy = io.BytesIO(cases[name][0])
            with zipfile.ZipFile(copy, "a") as package:
                package.comment = b"copy"
            z.writestr(name, copy.getvalue())
    # an archive whose own members are damaged: each named, the batch goes on
    damaged = tmp_path / "damaged.zip"
    with zipfile.ZipFile(damaged, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("a.docx", docx_bytes())
        z.writestr("b.docx", docx_bytes())
    damaged.write_bytes(with_method(with_damaged_stream(damaged.read_bytes(), "a.docx"), "b.docx", 9))
    db = tmp_path / "store.db"
    r, peak_mb, seconds = _peak_rss_mb(["import", hostile_dir, archive, damaged, "--db", db, "-j", "2"])
    assert r.returncode in (0, 1), r.stderr
    with sqlite3.connect(db) as con:
        rows = {path: (status, code, error) for path, status, code, error in
                con.execute("SELECT path, status, error_code, error FROM inputs")}
    expected = {str(hostile_dir / name): case for name, case in cases.items()}
    expected.update({f"{archive}!/{name}": cases[name] for name in ("billion_laughs.docx", "paragraph_bomb.docx")})
    expected.update({f"{damaged}!/a.docx": (b"", "corrupt_zip", "Bad CRC-32"),
                     f"{damaged}!/b.docx": (b"", "corrupt_zip", "compression method")})
    assert set(rows) == set(expected)
    for path, (_, code, reason) in expected.items():
        status, got, error = rows[path]
        assert (status, got) == ("failed", code), (path, rows[path])
        assert reason in error, (path, error)
    print(f"import: {len(expected)} hostile files in {seconds:.1f}s, peak RSS {peak_mb:.0f} MB")
    assert peak_mb < MEMORY_LIMIT_MB
    assert seconds < 30
